/*
 * news.c: what is new, one sentence an event: the kinds of events, how each
 * is found and how it is said, in one table (`kinds` below); storing the
 * events a commit made known (kc__news_learn); reading them back
 * (kc_news_list). docs/news.md describes them.
 *
 * Every event is stored once, in the transaction that made it known: what
 * the transaction touched is noted in temp.news_touched (a chart's
 * snapshot, a series, a catalog, sales: ingest.c's kc__ingest_touched),
 * and just before its COMMIT (the store's commit hook, which kc_db_open
 * installs) each kind that may follow from it is looked for there: its
 * finder puts its events into temp.news_event (the fields that order them,
 * no text), one statement names them into temp.news_page, each kind's
 * sentence writes its rows' text, and one statement stores them with
 * INSERT OR IGNORE on their key, so that what the store holds already is
 * never changed. A finder is one SQL statement, or C where the events come
 * from a walk (All-Kills) or need the words of a cohort (records, sales).
 * Reading the news is then one indexed SELECT of the event table. Not the
 * computations the events come from: runs, All-Kill hours, milestones,
 * certifications and sales windows are derive's; this file only picks the
 * events among them, words and stores them. The Atom feed is atom.c's.
 */
#include "news/news.h"

#include <sql/news_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The statements are SQL files (src/news/sql/news-*.sql): each kind's
 * finder (news-find-*.sql), its sentence (news-say-*.sql), the page, the
 * store, the list. But for two, kept here: the regions' finder splices
 * KC__IS_FAMILY (model.h), the rule of a family of charts that derive's
 * regions.c splices too, so that it is written once (and below, whether a
 * commit touched such a chart). */

/* Regions (src 2): each tenth region where a song reached No. 1 in a family
 * of charts (its first period at No. 1 there, run.peak_period): the chart
 * and period of that region, provider-cadence in event, the region in
 * akind, the count in figure. Laid out as SQL, not as C. */
/* clang-format off */
static const char regions_sql[] =
    "INSERT INTO temp.news_event (src, chart, period, song_id, rank, event, akind, figure)"
    " WITH fam AS (SELECT c.id AS id, c.provider AS provider, c.cadence AS cadence,"
    "  c.region AS region FROM chart c WHERE c.region <> 'global' AND" KC__IS_FAMILY "),"
    " reg AS (SELECT r.song_id AS song_id, f.provider AS provider, f.cadence AS cadence,"
    "  f.region AS region, r.chart_id AS chart, r.peak_period AS period,"
    "  row_number() OVER (PARTITION BY r.song_id, f.provider, f.cadence"
    "   ORDER BY r.peak_period, f.region) AS n"
    "  FROM run r JOIN fam f ON f.id = r.chart_id"
    "  WHERE r.peak = 1 AND r.peak_period IS NOT NULL)"
    " SELECT 2, chart, period, song_id, 1, provider || '-' || cadence, region, n"
    " FROM reg WHERE n % 10 = 0";
/* clang-format on */

/* ---- the kinds -------------------------------------------------------- */

typedef struct news_kind news_kind;
struct news_kind {
    const char *name; /* in failure messages ("news: record") */
    bool every;       /* of no one chart */
    int touched;      /* TOUCHED_*: what a commit must touch for it to look */
    /* Puts the kind's events into temp.news_event, with find_sql; chart is
     * the one chart asked for, or NULL. */
    int (*find)(kc_db *db, const news_kind *k, const char *chart);
    const char *find_sql;
    const char *sentence_sql; /* writes its rows of temp.news_page */
};

/* Fails with the message of the statement that failed, named by kind. */
static int kind_fail(kc_db *db, const news_kind *k)
{
    char what[64];
    snprintf(what, sizeof what, "news: %s", k->name);
    return kc__sqlfail(db, what);
}

/* Steps a finder's insert of one event, then makes it ready for the next. */
static int event_put(kc_db *db, const news_kind *k, sqlite3_stmt *ins)
{
    int rc = sqlite3_step(ins) == SQLITE_DONE ? KC_OK : kind_fail(db, k);
    sqlite3_reset(ins);
    sqlite3_clear_bindings(ins);
    return rc;
}

/* A finder that is its statement alone (:chart the chart, when it takes
 * one). */
static int find_by_sql(kc_db *db, const news_kind *k, const char *chart)
{
    sqlite3_stmt *st = kc__prepare(db, k->find_sql);
    if (!st)
        return KC_ESTORE;
    if (chart && sqlite3_bind_parameter_index(st, ":chart"))
        kc__bind_text(st, ":chart", chart);
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kind_fail(db, k);
    kc__stmt_done(db, st);
    return rc;
}

/* Certifications: the awards reached (derive's certs.c), then find_sql. */
static int find_certs(kc_db *db, const news_kind *k, const char *chart)
{
    int rc = kc__certs_fill(db);
    return rc ? rc : find_by_sql(db, k, chart);
}

/* ---- All-Kills (src 1) ------------------------------------------------- */

typedef struct {
    const news_kind *k;
    sqlite3_stmt *ins;
    kc__coverage_cache *held; /* the charts' periods, read once */
} allkill_ctx;

/* One All-Kill event: event first, year or record, kind in akind, at hour
 * (the period), figure and since as news-say-allkill.sql reads them; in
 * status, what the store does not hold whole of the charts it stands on
 * from the day held_from (NULL: the kind's first) to that hour
 * (kc__allkill_held): the first of a year, the longest so far and a song's
 * first are claims about every hour of that window. */
static int allkill_put(kc_db *db, const allkill_ctx *x, const char *event,
                       const char *kind, int64_t hour, int64_t song, long figure,
                       int64_t since, const char *held_from)
{
    char period[16], from[16], held[1200];
    kc__allkill_hour(hour, period);
    kc__allkill_hour(since, from);
    int rc = kc__allkill_held(db, x->held, kind, held_from, period, held, sizeof held);
    if (rc)
        return rc;
    kc__bind_text(x->ins, ":status", held);
    kc__bind_int64(x->ins, ":src", 1);
    kc__bind_text(x->ins, ":period", period);
    kc__bind_int64(x->ins, ":song", song);
    kc__bind_text(x->ins, ":event", event);
    kc__bind_text(x->ins, ":akind", kind);
    kc__bind_int64(x->ins, ":figure", figure);
    kc__bind_text(x->ins, ":since", from);
    return event_put(db, x->k, x->ins);
}

/* The events of one kind's runs (by start, kc__allkill_runs): each song's
 * first All-Kill hour (the start of its first run), the first All-Kill hour
 * of each year, and each run longer than all before it. */
static int allkill_events(kc_db *db, void *ctx, const char *kind,
                          const kc__allkill_run *runs, size_t n)
{
    const allkill_ctx *x = ctx;
    kc__map *seen = kc__map_new(); /* songs whose first run was met */
    int rc = seen ? KC_OK : kc__fail(db, KC_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
        bool created;
        if (!kc__map_get(seen, &runs[i].song, sizeof runs[i].song, true, &created))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        else if (created)
            rc = allkill_put(db, x, "first", kind, runs[i].start, runs[i].song, 0,
                             runs[i].start, NULL);
    }
    kc__map_free(seen, NULL);
    long best = 0;
    int year_done = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        const kc__allkill_run *r = &runs[i];
        if (best && r->hours > best)
            rc = allkill_put(db, x, "record", kind, r->start + r->hours - 1, r->song,
                             r->hours, r->start, NULL);
        if (r->hours > best)
            best = r->hours;
        /* The first All-Kill hour of each year this run reaches. */
        for (int64_t h = r->start; !rc && h < r->start + r->hours;) {
            int y, m, d;
            kc__civil_from_days(h / 24, &y, &m, &d);
            if (y > year_done) {
                char jan1[24];
                snprintf(jan1, sizeof jan1, "%04d-01-01", y);
                year_done = y;
                rc = allkill_put(db, x, "year", kind, h, r->song, y, h, jan1);
            }
            h = kc__days_from_civil(y + 1, 1, 1) * 24; /* the next year */
        }
    }
    return rc;
}

static int find_allkill(kc_db *db, const news_kind *k, const char *chart)
{
    (void)chart;
    allkill_ctx x = {k, kc__prepare(db, kc__sql_news_event_put),
                     kc__coverage_cache_new()};
    int rc = !x.ins   ? KC_ESTORE
             : x.held ? kc__allkill_runs(db, allkill_events, &x)
                      : kc__fail(db, KC_ENOMEM, "out of memory");
    kc__coverage_cache_free(x.held);
    kc__stmt_done(db, x.ins);
    return rc;
}

/* ---- records (src 4) --------------------------------------------------- */

/* The records of find_sql, each with the words of its cohort in status
 * ("K-pop b-side by a soloist", as `kchart records` says it). */
static int find_records(kc_db *db, const news_kind *k, const char *chart)
{
    (void)chart;
    sqlite3_stmt *st = kc__prepare(db, k->find_sql);
    sqlite3_stmt *ins = st ? kc__prepare(db, kc__sql_news_event_put) : NULL;
    int rc = ins ? KC_OK : KC_ESTORE, step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        /* period, song_id, title, credit, mark, source, market, role, cohort,
         * open crossings of the cohort */
        int cohort = sqlite3_column_int(st, 8);
        kc_cohort c = {.market = (const char *)sqlite3_column_text(st, 6)};
        if (cohort == 2 || cohort == 4)
            c.role = (const char *)sqlite3_column_text(st, 7);
        if (cohort >= 3)
            c.artist_kind = "solo";
        size_t len =
            (c.market ? strlen(c.market) : 0) + (c.role ? strlen(c.role) : 0) + 64;
        char *words = kc__malloc(len);
        if (!c.market || ((cohort == 2 || cohort == 4) && !c.role) || !words) {
            free(words);
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
            break;
        }
        kc__cohort_words(&c, KC__COHORT_SONGS, words, len);
        kc__bind_int64(ins, ":src", 4);
        kc__bind_text(ins, ":status", words);
        /* period, song_id, title, credit, mark and source as they are
         * typed; a text is copied, which may fail. */
        static const char *const to[] = {":period", ":song",   ":event",
                                         ":akind",  ":figure", ":since"};
        int bound = SQLITE_OK;
        for (int i = 0; i < 6 && bound == SQLITE_OK; i++)
            bound = sqlite3_bind_value(ins, kc__param(ins, to[i]),
                                       sqlite3_column_value(st, i));
        if (bound == SQLITE_OK)
            bound = sqlite3_bind_value(ins, kc__param(ins, ":last"),
                                       sqlite3_column_value(st, 9));
        if (bound == SQLITE_OK) {
            rc = event_put(db, k, ins);
        } else {
            sqlite3_clear_bindings(ins);
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        }
        free(words);
    }
    if (!rc && step != SQLITE_DONE)
        rc = kind_fail(db, k);
    kc__stmt_done(db, ins);
    kc__stmt_done(db, st);
    return rc;
}

/* ---- sales records (src 6) ------------------------------------------- */

/* A first day or first week of a release at a provider (derive's sales.c). */
typedef struct {
    int64_t release, units, end; /* the window's last day */
    char provider[16], market[64], kind[16];
    bool week;
    char *title, *artist;
    char pname[64];
} window_row;

static const char *const ordinals[] = {"highest", "second-highest", "third-highest"};

/* Cohorts of windows: provider, first day or week, market, kind. */
static int window_cohort_cmp(const window_row *a, const window_row *b)
{
    int c = strcmp(a->provider, b->provider);
    if (!c)
        c = (int)a->week - (int)b->week;
    if (!c)
        c = strcmp(a->market, b->market);
    if (!c)
        c = strcmp(a->kind, b->kind);
    return c;
}

/* A cohort's windows in the order they closed, a release id breaking ties. */
static int window_cmp(const void *x, const void *y)
{
    const window_row *a = x, *b = y;
    int c = window_cohort_cmp(a, b);
    if (!c)
        c = (a->end > b->end) - (a->end < b->end);
    if (!c)
        c = (a->release > b->release) - (a->release < b->release);
    return c;
}

/* Every first day and first week of the releases of find_sql, into *rows
 * (owned, with their titles and artists; free with windows_free). */
static int windows_load(kc_db *db, const news_kind *k, window_row **rows, size_t *count)
{
    sqlite3_stmt *st = kc__prepare(db, k->find_sql);
    if (!st)
        return KC_ESTORE;
    size_t n = 0, cap = 0;
    int rc = KC_OK, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *prov = (const char *)sqlite3_column_text(st, 0);
        const char *title = (const char *)sqlite3_column_text(st, 3);
        const char *artist = (const char *)sqlite3_column_text(st, 4);
        const char *market = (const char *)sqlite3_column_text(st, 5);
        const char *kind = (const char *)sqlite3_column_text(st, 6);
        const char *pname = (const char *)sqlite3_column_text(st, 7);
        if (!prov || !title || !artist || !market || !kind || !pname) {
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
            break;
        }
        kc__first_window w[2];
        int64_t id = sqlite3_column_int64(st, 1);
        char pv[16];
        snprintf(pv, sizeof pv, "%s", prov);
        if ((rc = kc__sales_first(db, id, sqlite3_column_int64(st, 2), pv, &w[0], &w[1])))
            break;
        for (int i = 0; i < 2 && !rc; i++) {
            if (!w[i].found)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 32;
                window_row *g = kc__realloc(*rows, cap * sizeof **rows);
                if (!g) {
                    rc = kc__fail(db, KC_ENOMEM, "out of memory");
                    break;
                }
                *rows = g;
            }
            window_row *r = &(*rows)[n];
            memset(r, 0, sizeof *r);
            r->release = id;
            r->units = w[i].units;
            r->end = w[i].to;
            r->week = i == 1;
            snprintf(r->provider, sizeof r->provider, "%s", prov);
            snprintf(r->market, sizeof r->market, "%s", market);
            snprintf(r->kind, sizeof r->kind, "%s", kind);
            snprintf(r->pname, sizeof r->pname, "%s", pname);
            r->title = kc__strdup(title);
            r->artist = kc__strdup(artist);
            n++;
            if (!r->title || !r->artist)
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
        }
    }
    if (!rc && step != SQLITE_DONE)
        rc = kind_fail(db, k);
    kc__stmt_done(db, st);
    *count = n;
    return rc;
}

static void windows_free(window_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].title);
        free(rows[i].artist);
    }
    free(rows);
}

/* Each window against the earlier ones of its cohort (provider, window, the
 * artist's market and kind), the history as it stood when the window
 * closed: the highest, second- or third-highest is news, unless it is the
 * only one or the lowest. In the order of cohort, then of closing (a
 * release id breaking ties), the earlier ones are the rows before in the
 * cohort: their three highest and their lowest units say. The sentence is
 * written here, in status: the order of two sales records of a day reads
 * it. */
static int find_sales(kc_db *db, const news_kind *k, const char *chart)
{
    (void)chart;
    window_row *rows = NULL;
    size_t n = 0;
    int rc = windows_load(db, k, &rows, &n);
    sqlite3_stmt *ins = rc ? NULL : kc__prepare(db, kc__sql_news_event_put);
    if (!rc && !ins)
        rc = KC_ESTORE;
    if (!rc && n)
        qsort(rows, n, sizeof *rows, window_cmp);
    int64_t top[3] = {0}, low = 0;
    size_t earlier = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const window_row *a = &rows[i];
        if (!i || window_cohort_cmp(&rows[i - 1], a))
            earlier = 0; /* a cohort begins */
        size_t above = 0;
        for (size_t j = 0; j < earlier && j < 3; j++)
            above += top[j] > a->units;
        bool only_or_lowest = !earlier || low > a->units;
        /* a joins the earlier ones: its place among the three highest */
        if (!earlier || a->units < low)
            low = a->units;
        size_t kept = earlier < 3 ? earlier : 3, at = kept;
        while (at > 0 && top[at - 1] < a->units)
            at--;
        if (at < 3) {
            for (size_t j = kept < 3 ? kept : 2; j > at; j--)
                top[j] = top[j - 1];
            top[at] = a->units;
        }
        earlier++;
        if (!a->market[0] || !a->kind[0] || above >= 3 || only_or_lowest)
            continue;
        char who[128], units[32], text[2600], date[16];
        kc_cohort c = {.market = a->market, .artist_kind = a->kind};
        kc__cohort_words(&c, KC__COHORT_ARTISTS, who, sizeof who);
        kc__format_thousands(a->units, units, sizeof units);
        kc__format_date(a->end, date);
        snprintf(text, sizeof text, "%s%s%s%s sold %s copies %s at %s, the %s for a %s.",
                 a->title, a->artist[0] ? " (" : "", a->artist, a->artist[0] ? ")" : "",
                 units, a->week ? "in its first week" : "on its first day", a->pname,
                 ordinals[above], who);
        kc__utf8_cut(text);
        kc__bind_int64(ins, ":src", 6);
        kc__bind_text(ins, ":period", date);
        kc__bind_text(ins, ":status", text);
        kc__bind_text(ins, ":event", a->title);
        kc__bind_text(ins, ":akind", a->artist);
        char ref[96];
        snprintf(ref, sizeof ref, "%s/%lld/%s", a->provider, (long long)a->release,
                 a->week ? "week" : "day");
        kc__bind_int64(ins, ":sid", a->release);
        kc__bind_text(ins, ":ref", ref);
        kc__bind_int64(ins, ":figure", a->units);
        rc = event_put(db, k, ins);
    }
    kc__stmt_done(db, ins);
    windows_free(rows, n);
    return rc;
}

/* What a commit may have made known, as news-learn-what.sql says it: the
 * kinds to look for. */
enum {
    TOUCHED_CHART = 1,   /* a snapshot stored */
    TOUCHED_ALLKILL = 2, /* ... of a chart an All-Kill rule reads */
    TOUCHED_FAMILY = 4,  /* ... of a chart of a family of regions */
    TOUCHED_SERIES = 8,
    TOUCHED_SALES = 16,
    TOUCHED_CATALOG = 32,
};

/* Every kind of event, in the order of src: its name (as the news shows
 * it, but for a debut and a re-entry at No. 1, shown as no1), whether it
 * is of no one chart, what a commit must have touched for it to look, its
 * finder and the finder's statement, its sentence. A statement that a kind
 * shares with the one before it runs once: the four kinds of chart events
 * are found together, and a milestone and a record are both said as a mark
 * crossed. */
static const news_kind kinds[] = {
    /* name, of no chart, touched, finder, its statement, sentence */
    {"debut", false, TOUCHED_CHART, find_by_sql, kc__sql_news_find_chart_events,
     kc__sql_news_say_debut},
    {"no1", false, TOUCHED_CHART, find_by_sql, kc__sql_news_find_chart_events,
     kc__sql_news_say_no1},
    {"reentry", false, TOUCHED_CHART, find_by_sql, kc__sql_news_find_chart_events,
     kc__sql_news_say_reentry},
    {"peak", false, TOUCHED_CHART, find_by_sql, kc__sql_news_find_chart_events,
     kc__sql_news_say_peak},
    {"allkill", true, TOUCHED_ALLKILL, find_allkill, NULL, kc__sql_news_say_allkill},
    {"regions", true, TOUCHED_FAMILY, find_by_sql, regions_sql, kc__sql_news_say_regions},
    {"milestone", true, TOUCHED_SERIES | TOUCHED_CATALOG, find_by_sql,
     kc__sql_news_find_milestones, kc__sql_news_say_crossing},
    {"record", true, TOUCHED_SERIES | TOUCHED_CATALOG, find_records,
     kc__sql_news_find_records, kc__sql_news_say_crossing},
    {"certification", true, TOUCHED_SALES | TOUCHED_CATALOG, find_certs,
     kc__sql_news_find_certifications, kc__sql_news_say_certification},
    {"sales", true, TOUCHED_SALES | TOUCHED_CATALOG, find_sales, kc__sql_news_find_sales,
     kc__sql_news_say_sales},
};
#define NKINDS (sizeof kinds / sizeof *kinds)

/* Whether a chart the commit stored a snapshot of is of a family of regions
 * (splices KC__IS_FAMILY, as regions_sql does). */
/* clang-format off */
static const char family_touched_sql[] =
    "SELECT EXISTS (SELECT 1 FROM temp.news_touched t JOIN chart c ON c.id = t.chart_id"
    " WHERE t.what = 'chart' AND c.region <> 'global' AND" KC__IS_FAMILY ")"
    " OR EXISTS (SELECT 1 FROM temp.news_touched WHERE what = 'all')";
/* clang-format on */

/* ---- learning: the events a commit made known ------------------------- */

int kc__news_setup(kc_db *db)
{
    return kc__exec(db, kc__sql_news_tables);
}

int kc__news_touch_all(kc_db *db)
{
    return kc__touched(db, "all", NULL, NULL, NULL);
}

/* When the commit runs, into out: KCHART_NOW when set to a time in UTC,
 * ISO 8601 ("2026-12-06T21:00:00Z": tests and replays), else the clock. */
static void learned_now(char out[32])
{
    const char *env = getenv("KCHART_NOW");
    size_t n = env ? strlen(env) : 0;
    bool ok =
        n == 20 && env[10] == 'T' && env[19] == 'Z' && strspn(env, "0123456789-T:Z") == n;
    if (ok) {
        memcpy(out, env, n + 1);
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* What the open transaction touched (news-learn-what.sql) as TOUCHED_*
 * flags into *what; 0 when nothing. */
static int learn_what(kc_db *db, int *what)
{
    *what = 0;
    /* Prepared each commit, not kept (kc__stmt): the store keeps a bounded
     * number, and once a commit is nothing beside what it commits. */
    sqlite3_stmt *st = kc__prepare(db, kc__sql_news_learn_what);
    if (!st)
        return KC_ESTORE;
    int rc = KC_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        if (sqlite3_column_int64(st, 5)) {
            static const int flag[] = {TOUCHED_CHART, TOUCHED_ALLKILL, TOUCHED_SERIES,
                                       TOUCHED_SALES, TOUCHED_CATALOG};
            for (int i = 0; i < 5; i++)
                if (sqlite3_column_int(st, i))
                    *what |= flag[i];
        }
    } else {
        rc = kc__sqlfail(db, "news: what was touched");
    }
    kc__stmt_done(db, st);
    if (!rc && (*what & TOUCHED_CHART)) {
        sqlite3_stmt *fam = kc__prepare(db, family_touched_sql);
        if (!fam)
            return KC_ESTORE;
        if (sqlite3_step(fam) == SQLITE_ROW) {
            if (sqlite3_column_int(fam, 0))
                *what |= TOUCHED_FAMILY;
        } else {
            rc = kc__sqlfail(db, "news: what was touched");
        }
        kc__stmt_done(db, fam);
    }
    return rc;
}

int kc__news_learn(kc_db *db)
{
    int what;
    int rc = learn_what(db, &what);
    if (rc || !what)
        return rc ? rc : kc__exec(db, kc__sql_news_touched_clear);
    rc = kc__exec(db, kc__sql_news_clear);
    for (size_t i = 0; !rc && i < NKINDS; i++) {
        const news_kind *k = &kinds[i];
        bool shared = i && k->find == kinds[i - 1].find && k->find_sql &&
                      k->find_sql == kinds[i - 1].find_sql;
        if (!shared && (k->touched & what))
            rc = k->find(db, k, NULL);
    }
    if (!rc)
        rc = kc__exec(db, kc__sql_news_page);
    for (size_t i = 0; !rc && i < NKINDS; i++)
        if ((kinds[i].touched & what) &&
            (!i || kinds[i].sentence_sql != kinds[i - 1].sentence_sql ||
             !(kinds[i - 1].touched & what)))
            rc = kc__exec(db, kinds[i].sentence_sql);
    if (!rc) {
        char now[32];
        learned_now(now);
        sqlite3_stmt *st = kc__prepare(db, kc__sql_news_store);
        if (!st)
            return KC_ESTORE;
        kc__bind_text(st, ":learned", now);
        rc = kc__step_done(db, st, "news: store the events");
        kc__stmt_done(db, st);
    }
    if (!rc)
        rc = kc__exec(db, kc__sql_news_clear);
    if (!rc)
        rc = kc__exec(db, kc__sql_news_touched_clear);
    return rc;
}

/* ---- reading ---------------------------------------------------------- */

/* The artist a filter names: its name or an alias (kc__artist_find), else
 * its id (all digits); KC_ENOTFOUND naming the nearest. */
static int artist_of(kc_db *db, const char *name, int64_t *id)
{
    if (strlen(name) > KC_ARG_MAX)
        return kc__fail(db, KC_EINPUT, "the artist name is too long");
    int rc = kc__artist_find(db, name, id);
    if (rc || *id)
        return rc;
    size_t n = strlen(name);
    if (n && n < 19 && strspn(name, "0123456789") == n) {
        int64_t want = 0;
        for (size_t i = 0; i < n; i++)
            want = want * 10 + (name[i] - '0');
        sqlite3_stmt *st = kc__prepare(db, kc__sql_news_artist_exists);
        if (!st)
            return KC_ESTORE;
        kc__bind_int64(st, ":artist", want);
        int64_t found = 0;
        rc = kc__step_id(db, st, &found, "news: artist");
        kc__stmt_done(db, st);
        if (rc)
            return rc;
        if (found) {
            *id = want;
            return KC_OK;
        }
    }
    char near[600];
    kc__suggest_name(db, true, name, near, sizeof near);
    return kc__fail(db, KC_ENOTFOUND, "no artist \"%s\"%s", name, near);
}

static const char *const kind_names[] = {"debut",         "no1",    "reentry", "peak",
                                         "milestone",     "record", "allkill", "regions",
                                         "certification", "sales"};

/* The filters of the news' reads (the list, its count, the feed): each is
 * ANDed to the statement only when asked, as news_sql composes it. Through
 * `(:chart IS NULL OR chart_id = :chart)` SQLite can use no index, and a
 * chart's page read every event of the store (about 3 ms of the Korean
 * store's 10,286 to list 100). `times`: the two filters of time, which the
 * feed does not take. */
static const struct {
    const char *clause;
    bool times;
} filter_sql[] = {
    {"kind = :kind", false},
    {"chart_id = :chart", false},
    {"(artist_id = :artist"
     " OR song_id IN (SELECT song_id FROM song_artist WHERE artist_id = :artist))",
     false},
    {"learned >= :since", true},
    {"substr(period || '-01-01', 1, 10) >= :from", true},
};

/* The filters of o in the order of filter_sql, NULL when not asked. */
static void filter_values(const kc_news_opts *o, const char *v[5])
{
    v[0] = o->kind;
    v[1] = o->chart;
    v[2] = o->artist;
    v[3] = o->since;
    v[4] = o->from;
}

/* Checks the filters of o (the times too when `times`), and looks up the
 * artist's id into *artist. */
static int check_filters(kc_db *db, const kc_news_opts *o, bool times, int64_t *artist)
{
    if (o->kind) {
        bool known = false;
        for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
            known |= !strcmp(o->kind, kind_names[i]);
        if (!known)
            return kc__fail(db, KC_EINPUT,
                            "kind \"%s\" is not one of debut, no1, reentry, peak, "
                            "milestone, record, allkill, regions, certification, sales",
                            o->kind);
    }
    int rc = KC_OK;
    if (o->chart) {
        char cadence[16];
        int size;
        if ((rc = kc__chart_lookup(db, o->chart, cadence, &size)))
            return rc;
    }
    *artist = 0;
    if (o->artist && (rc = artist_of(db, o->artist, artist)))
        return rc;
    if (!times)
        return KC_OK;
    int64_t day;
    if (o->from && !kc__parse_date(o->from, strlen(o->from), &day))
        return kc__fail(db, KC_EINPUT, "from \"%s\" is not a date (YYYY-MM-DD)", o->from);
    /* since: a day, or a time of that day (2026-12-06T21, ...:00Z) */
    if (o->since &&
        (strlen(o->since) < 10 || strlen(o->since) > 30 ||
         !kc__parse_date(o->since, 10, &day) || (o->since[10] && o->since[10] != 'T') ||
         strspn(o->since, "0123456789-T:.Z+") != strlen(o->since)))
        return kc__fail(db, KC_EINPUT,
                        "since \"%s\" is not a date or a time (YYYY-MM-DD, "
                        "YYYY-MM-DDTHH:MM:SSZ)",
                        o->since);
    return KC_OK;
}

/* head (an SQL file's statement over event) with the filters of o that
 * were asked and then tail, prepared into *out, the filters checked and
 * bound (the artist as its id). */
static int news_sql(kc_db *db, const char *head, const kc_news_opts *o, bool times,
                    const char *tail, sqlite3_stmt **out)
{
    *out = NULL;
    int64_t artist;
    int rc = check_filters(db, o, times, &artist);
    if (rc)
        return rc;
    const char *v[5];
    filter_values(o, v);
    char sql[2048];
    size_t len = (size_t)snprintf(sql, sizeof sql, "%s", head);
    if (len >= sizeof sql)
        return kc__fail(db, KC_ESTORE, "news: the statement is too long");
    while (len && (sql[len - 1] == '\n' || sql[len - 1] == ';'))
        sql[--len] = '\0';
    const char *join = " WHERE ";
    for (size_t i = 0; i < sizeof filter_sql / sizeof *filter_sql; i++) {
        if (!v[i] || (filter_sql[i].times && !times))
            continue;
        len += (size_t)snprintf(sql + len, sizeof sql - len, "%s%s", join,
                                filter_sql[i].clause);
        join = " AND ";
        if (len >= sizeof sql)
            break;
    }
    if (len < sizeof sql)
        len += (size_t)snprintf(sql + len, sizeof sql - len, " %s", tail);
    if (len >= sizeof sql)
        return kc__fail(db, KC_ESTORE, "news: the statement is too long");
    sqlite3_stmt *st = kc__prepare(db, sql);
    if (!st)
        return KC_ESTORE;
    if (o->kind)
        kc__bind_text(st, ":kind", o->kind);
    if (o->chart)
        kc__bind_text(st, ":chart", o->chart);
    if (o->artist)
        kc__bind_int64(st, ":artist", artist);
    if (times && o->since)
        kc__bind_text(st, ":since", o->since);
    if (times && o->from)
        kc__bind_text(st, ":from", o->from);
    *out = st;
    return KC_OK;
}

int kc_news_list(kc_db *db, const kc_news_opts *opts, kc_page *page, kc_table **out)
{
    static const kc_news_opts none = {0};
    const kc_news_opts *o = opts ? opts : &none;
    *out = NULL;
    sqlite3_stmt *count;
    int rc = news_sql(db, kc__sql_news_list_count, o, true, "", &count);
    if (rc)
        return rc;
    if (sqlite3_step(count) == SQLITE_ROW)
        page->total = (size_t)sqlite3_column_int64(count, 0);
    else
        rc = kc__sqlfail(db, "news");
    kc__stmt_done(db, count);
    if (rc)
        return rc;
    sqlite3_stmt *st;
    rc = news_sql(db, kc__sql_news_list, o, true,
                  "ORDER BY period DESC, id DESC LIMIT :limit OFFSET :offset", &st);
    if (rc)
        return rc;
    kc__bind_int64(st, ":limit", page->limit ? (int64_t)page->limit : -1);
    kc__bind_int64(st, ":offset", (int64_t)page->offset);
    return kc__table_from_stmt(db, st, out);
}

int kc_query_news(kc_db *db, const char *chart, const char *since, kc_page *page,
                  kc_table **out)
{
    kc_news_opts o = {.chart = chart, .from = since};
    return kc_news_list(db, &o, page, out);
}

int kc__news_feed_rows(kc_db *db, const kc_news_opts *o, size_t limit, kc_table **out)
{
    *out = NULL;
    sqlite3_stmt *st;
    int rc =
        news_sql(db, kc__sql_news_feed, o, false, "ORDER BY id DESC LIMIT :limit", &st);
    if (rc)
        return rc;
    kc__bind_int64(st, ":limit", (int64_t)limit);
    return kc__table_from_stmt(db, st, out);
}
