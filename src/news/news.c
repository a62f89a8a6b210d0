/*
 * news.c: what is new, one sentence an event: the kinds of events, how each
 * is found and how it is said, in one table (`kinds` below), and the query
 * that pages them (kc_query_news). docs/news.md describes them.
 *
 * Every event is derived from the store when asked, never stored: a query
 * clears temp.news_event, each kind's finder puts its events there (the
 * fields that order them, no text), one statement counts them and copies a
 * page of them, named, into temp.news_page, and each kind's sentence writes
 * the text of its rows of the page alone. A finder is one SQL statement, or
 * C where the events come from a walk (All-Kills) or need the words of a
 * cohort (records, sales). Not a store of news, and not the computations
 * the events come from: runs, All-Kill hours, milestones, certifications
 * and sales windows are derive's; this file only picks the events among
 * them and words them. The Atom feed of the same events is atom.c's.
 */
#include "news/news.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The statements are laid out as SQL, not as C. */
/* clang-format off */

/* ---- temp.news_event: every event, as it is ordered ------------------ */

/* The columns of an event (the union of every kind's; NULL where a kind has
 * none), without declared types, so that a value keeps the type its finder
 * gave it: src orders the kinds of events that period, chart and rank
 * leave tied (0 the chart events, 1 All-Kills, 2 regions, 3 milestones, 4
 * records, 5 certifications, 6 sales records); sid the snapshot of a chart event; status and last its
 * entry's; event, akind, figure and since what the kind says they are.
 * news_page is a page of them with the names and the sentence. */
static const char tables_sql[] =
    "CREATE TEMP TABLE news_event (src, sid, chart, period, song_id, rank, status,"
    " last, event, akind, figure, since);"
    "CREATE TEMP TABLE news_page (src, kind, chart, chart_name, period, song_id,"
    " title, artist, who, rank, status, last, event, akind, figure, since, text);";

/* The statement through which the finders written in C put one event: ?1
 * src, ?2 period, ?3 song_id, ?4 status, ?5 event, ?6 akind, ?7 figure, ?8
 * since; rank 1. */
static const char event_insert_sql[] =
    "INSERT INTO temp.news_event (src, period, song_id, rank, status, event, akind,"
    " figure, since) VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8)";

/* ---- the finders' statements ----------------------------------------- */

/* Chart events (src 0): a song reaching No. 1 (a debut or a re-entry there
 * included) and a debut in the top 10, after a chart's first stored period
 * (where everything is new); ?1 one chart, or NULL: every chart. Read from
 * the stored entries, without the observations' text: the page names its
 * own rows. */
static const char chart_events_sql[] =
    "INSERT INTO temp.news_event (src, sid, chart, period, song_id, rank, status, last)"
    " WITH first AS (SELECT chart_id, min(period) AS period FROM snapshot"
    "  WHERE ?1 IS NULL OR chart_id = ?1 GROUP BY chart_id)"
    " SELECT 0, s.id, s.chart_id, s.period, e.song_id, e.rank, e.status, e.last"
    " FROM first f JOIN snapshot s ON s.chart_id = f.chart_id AND s.period > f.period"
    " JOIN entry e ON e.snapshot_id = s.id AND e.rank <= 10"
    " WHERE (e.rank = 1 AND e.last IS NOT 1) OR e.status = 'new'";

/* Regions (src 2): each tenth region where a song reached No. 1 in a family
 * of charts (its first period at No. 1 there, run.peak_period): the chart
 * and period of that region, provider-cadence in event, the region in
 * akind, the count in figure. */
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

/* Milestones (src 3): each mark a song's or an artist's total crossed,
 * after a total below it (not an open crossing, whose history the store
 * lacks): the subject's title and credit in event and akind, the mark in
 * figure, the source in since. */
static const char milestones_sql[] =
    "INSERT INTO temp.news_event (src, period, song_id, rank, event, akind, figure, since)"
    " SELECT 3, date(m.day * 86400, 'unixepoch'), sb.song_id, 1, sb.title, sb.credit,"
    "  m.mark, m.source"
    " FROM milestone m JOIN subject sb ON sb.id = m.subject_id"
    " WHERE m.prev_day IS NOT NULL";

/* Records in a cohort (src 4): a song that is the first of a market to
 * cross a mark (a song is of each of its leads' markets, as for `kchart
 * records --market`: "the first K-pop song"), else the first of its market
 * and role on its first release ("the first K-pop b-side"), else the first
 * by a soloist of its market (every lead a soloist), else the first of all
 * three: the broadest cohort it leads, in that order, as `cohort` 1 to 4.
 * Ties share the record; an open crossing (no total before it) is ranked
 * but not news. One row an event: period, song_id, title, credit, mark,
 * source, market, role, cohort; find_records words the cohort. */
static const char records_sql[] =
    "WITH rs AS (SELECT m.source AS source, m.mark AS mark, m.day AS day,"
    "  m.prev_day AS prev_day, sb.song_id AS song_id, sb.title AS title,"
    "  sb.credit AS credit, lm.market AS market,"
    "  (SELECT rl.role FROM catalog_song c JOIN release_song rl"
    "   ON rl.catalog_song_id = c.id JOIN release r ON r.id = rl.release_id"
    "   WHERE c.song_id = sb.song_id ORDER BY r.released_utc, r.id LIMIT 1) AS role,"
    "  (SELECT min(a.kind = 'solo') FROM catalog_song c JOIN song_credit sc"
    "   ON sc.catalog_song_id = c.id AND sc.credit = 'lead' JOIN artist a"
    "   ON a.id = sc.artist_id WHERE c.song_id = sb.song_id) AS solo"
    "  FROM milestone m JOIN subject sb ON sb.id = m.subject_id"
    "  JOIN (SELECT DISTINCT c.song_id AS song_id, lower(a.market) AS market"
    "   FROM catalog_song c JOIN song_credit sc ON sc.catalog_song_id = c.id"
    "   AND sc.credit = 'lead' JOIN artist a ON a.id = sc.artist_id"
    "   WHERE a.market IS NOT NULL) lm ON lm.song_id = sb.song_id"
    "  WHERE sb.kind = 'song'),"
    " rk AS (SELECT rs.*,"
    "  rank() OVER (PARTITION BY source, mark, market ORDER BY day) AS r1,"
    "  rank() OVER (PARTITION BY source, mark, market, role ORDER BY day) AS r2,"
    "  rank() OVER (PARTITION BY source, mark, market, solo ORDER BY day) AS r3,"
    "  rank() OVER (PARTITION BY source, mark, market, role, solo ORDER BY day) AS r4"
    "  FROM rs),"
    " rec AS (SELECT rk.*, CASE WHEN prev_day IS NULL THEN NULL"
    "  WHEN r1 = 1 THEN 1 WHEN role IS NOT NULL AND r2 = 1 THEN 2"
    "  WHEN solo = 1 AND r3 = 1 THEN 3"
    "  WHEN role IS NOT NULL AND solo = 1 AND r4 = 1 THEN 4 END AS cohort FROM rk)"
    " SELECT date(day * 86400, 'unixepoch'), song_id, title, credit, mark, source,"
    "  market, role, cohort FROM rec WHERE cohort IS NOT NULL";

/* Certifications (src 5): each award reached, from temp.cert_reached
 * (kc__certs_fill): the release's or song's title and artist in event and
 * akind, the threshold in figure, the award in since. */
static const char certifications_sql[] =
    "INSERT INTO temp.news_event (src, period, song_id, rank, event, akind, figure, since)"
    " SELECT 5, date(cr.day * 86400, 'unixepoch'),"
    "  (SELECT song_id FROM subject WHERE id = cr.subject_id), 1, cr.title, cr.artist,"
    "  cr.threshold, printf('%s %s (%,d %s)', cr.certifier, cr.award, cr.threshold,"
    "  cr.metric)"
    " FROM temp.cert_reached cr";

/* Sales records (src 6): every release with sales, at each provider, with
 * what its cohort is (provider, the artist's market and kind); find_sales
 * weighs their first days and weeks. */
static const char sales_sql[] =
    "SELECT DISTINCT s.provider, r.id, r.released_utc, r.title, coalesce(a.name,"
    " ''), lower(coalesce(a.market, '')), coalesce(a.kind, ''), p.name FROM sale s"
    " JOIN release r ON r.id = s.release_id JOIN sale_provider p"
    " ON p.id = s.provider LEFT JOIN artist a ON a.id = r.artist_id"
    " ORDER BY s.provider, r.id";

/* ---- the sentences ---------------------------------------------------- */

/* Each sets the kind and the text of its rows of temp.news_page. `who` is
 * "Title (Artist)", or the title alone when there is no artist. */

/* A debut in the top 10; one at No. 1 is news as a No. 1 (kind no1). */
static const char debut_sentence_sql[] =
    "UPDATE temp.news_page SET kind = CASE WHEN rank = 1 THEN 'no1' ELSE 'debut' END,"
    " text = printf('%s debuted at No. %d on the %s for %s.', who, rank, chart_name,"
    "  period)"
    " WHERE src = 0 AND status = 'new'";

/* A song climbing to No. 1. */
static const char no1_sentence_sql[] =
    "UPDATE temp.news_page SET kind = 'no1',"
    " text = printf('%s reached No. 1 on the %s for %s, up from No. %d.', who,"
    "  chart_name, period, last)"
    " WHERE src = 0 AND status IS NOT 'new' AND status IS NOT 're-entry'";

/* A song back on the chart at No. 1. */
static const char reentry_sentence_sql[] =
    "UPDATE temp.news_page SET kind = 'no1',"
    " text = printf('%s returned to the %s at No. 1 for %s.', who, chart_name, period)"
    " WHERE src = 0 AND status = 're-entry'";

/* An All-Kill: event is first (a song's first of the kind akind), year
 * (the first song of a year) or record (a run of figure consecutive hours
 * from since, longer than any before). What the format is joined with
 * (a year, a number, an hour) has no '%'. */
static const char allkill_sentence_sql[] =
    "UPDATE temp.news_page SET kind = 'allkill',"
    " text = printf(CASE event WHEN 'first' THEN '%s earned its first %s at %s.'"
    "  WHEN 'year' THEN '%s is the first song of ' || substr(period, 1, 4) ||"
    "   ' with ' || CASE WHEN akind IN ('realtime', 'certified', 'perfect')"
    "   THEN 'a ' ELSE 'an ' END || '%s, at %s.'"
    "  ELSE '%s set the longest %s run so far: ' || figure ||"
    "   ' consecutive hours from ' || since || ' to %s.' END, who,"
    "  CASE akind WHEN 'realtime' THEN 'real-time All-Kill'"
    "   WHEN 'certified' THEN 'certified All-Kill' WHEN 'perfect' THEN 'perfect All-Kill'"
    "   ELSE 'All-Kill (' || akind || ')' END, period)"
    " WHERE src = 1";

static const char regions_sentence_sql[] =
    "UPDATE temp.news_page SET kind = 'regions',"
    " text = printf('%s reached No. 1 in its %dth region of the %s charts (%s) for %s.',"
    "  who, figure, event, akind, period)"
    " WHERE src = 2";

/* A mark crossed: a milestone, or a record when it made the song the first
 * of a cohort (whose words are in status). The source is said with its
 * platform's name: "spotify-streams" as "Spotify streams". */
static const char crossing_sentence_sql[] =
    "UPDATE temp.news_page SET kind = CASE src WHEN 3 THEN 'milestone' ELSE 'record' END,"
    " text = printf('%s%s %,d %s.', who, CASE src WHEN 3 THEN ' passed'"
    "  ELSE printf(' is the first %s to pass', status) END, figure,"
    "  CASE substr(since, 1, instr(since, '-') - 1) WHEN 'spotify' THEN 'Spotify'"
    "   WHEN 'youtube' THEN 'YouTube' WHEN 'instagram' THEN 'Instagram'"
    "   WHEN 'tiktok' THEN 'TikTok' WHEN 'x' THEN 'X'"
    "   ELSE substr(since, 1, instr(since, '-') - 1) END || ' '"
    "  || substr(since, instr(since, '-') + 1))"
    " WHERE src IN (3, 4)";

static const char certification_sentence_sql[] =
    "UPDATE temp.news_page SET kind = 'certification',"
    " text = printf('%s reached %s on %s.', who, since, period)"
    " WHERE src = 5";

/* Written when found (find_sales): two sales records of one day are
 * ordered by it. */
static const char sales_sentence_sql[] =
    "UPDATE temp.news_page SET kind = 'sales', text = status WHERE src = 6";

/* ---- the page --------------------------------------------------------- */

/* Events of a period that starts on day ?1 or later (NULL: all). */
static const char count_sql[] =
    "SELECT count(*) FROM temp.news_event"
    " WHERE ?1 IS NULL OR " KC__SQL_PERIOD_DAY("period") " >= ?1";

/* The page (?1 limit, ?2 offset, ?3 since as in count_sql), named: a chart
 * event by its observation, an All-Kill or a region by the song; the other
 * kinds (src 3 on) name their subject themselves, in event and akind. */
static const char page_sql[] =
    "INSERT INTO temp.news_page (src, chart, chart_name, period, song_id, title, artist,"
    " who, rank, status, last, event, akind, figure, since)"
    " SELECT src, chart, chart_name, period, song_id, title, artist,"
    "  title || CASE WHEN artist <> '' THEN ' (' || artist || ')' ELSE '' END,"
    "  rank, status, last, event, akind, figure, since"
    " FROM (SELECT p.*, c.name AS chart_name,"
    "  CASE WHEN p.src >= 3 THEN p.event ELSE coalesce(ob.title, sg.title) END AS title,"
    "  CASE WHEN p.src >= 3 THEN p.akind ELSE coalesce(ob.artist, sg.artist) END"
    "   AS artist"
    "  FROM (SELECT * FROM temp.news_event"
    "   WHERE ?3 IS NULL OR " KC__SQL_PERIOD_DAY("period") " >= ?3"
    "   ORDER BY period DESC, chart, rank, src, song_id, event, akind, status, figure,"
    "   since LIMIT ?1 OFFSET ?2) p"
    "  LEFT JOIN chart c ON c.id = p.chart"
    "  LEFT JOIN observation ob ON p.src = 0 AND ob.snapshot_id = p.sid"
    "   AND ob.rank = p.rank"
    "  LEFT JOIN song sg ON p.src <> 0 AND sg.id = p.song_id)";

/* The answer: newest period first. */
static const char result_sql[] =
    "SELECT kind, chart, period, song_id, title, artist, rank, text FROM temp.news_page"
    " ORDER BY period DESC, chart, rank, src, song_id, event, akind, status, figure,"
    " since";
/* clang-format on */

/* ---- the kinds -------------------------------------------------------- */

typedef struct news_kind news_kind;
struct news_kind {
    const char *name; /* in failure messages ("news: record") */
    bool every;       /* of no one chart: only in the news of every chart */
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

/* A finder that is its statement alone (?1 the chart, when it takes one). */
static int find_by_sql(kc_db *db, const news_kind *k, const char *chart)
{
    sqlite3_stmt *st = kc__prepare(db, k->find_sql);
    if (!st)
        return KC_ESTORE;
    if (sqlite3_bind_parameter_count(st) >= 1 && chart)
        sqlite3_bind_text(st, 1, chart, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kind_fail(db, k);
    sqlite3_finalize(st);
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
} allkill_ctx;

/* One All-Kill event: event first, year or record, kind in akind, at hour
 * (the period), figure and since as allkill_sentence_sql reads them. */
static int allkill_put(kc_db *db, const allkill_ctx *x, const char *event,
                       const char *kind, int64_t hour, int64_t song, long figure,
                       int64_t since)
{
    char period[16], from[16];
    kc__allkill_hour(hour, period);
    kc__allkill_hour(since, from);
    sqlite3_bind_int(x->ins, 1, 1);
    sqlite3_bind_text(x->ins, 2, period, -1, SQLITE_STATIC);
    sqlite3_bind_int64(x->ins, 3, song);
    sqlite3_bind_text(x->ins, 5, event, -1, SQLITE_STATIC);
    sqlite3_bind_text(x->ins, 6, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(x->ins, 7, figure);
    sqlite3_bind_text(x->ins, 8, from, -1, SQLITE_STATIC);
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
                             runs[i].start);
    }
    kc__map_free(seen, NULL);
    long best = 0;
    int year_done = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        const kc__allkill_run *r = &runs[i];
        if (best && r->hours > best)
            rc = allkill_put(db, x, "record", kind, r->start + r->hours - 1, r->song,
                             r->hours, r->start);
        if (r->hours > best)
            best = r->hours;
        /* The first All-Kill hour of each year this run reaches. */
        for (int64_t h = r->start; !rc && h < r->start + r->hours;) {
            int y, m, d;
            kc__civil_from_days(h / 24, &y, &m, &d);
            if (y > year_done) {
                year_done = y;
                rc = allkill_put(db, x, "year", kind, h, r->song, y, h);
            }
            h = kc__days_from_civil(y + 1, 1, 1) * 24; /* the next year */
        }
    }
    return rc;
}

static int find_allkill(kc_db *db, const news_kind *k, const char *chart)
{
    (void)chart;
    allkill_ctx x = {k, kc__prepare(db, event_insert_sql)};
    if (!x.ins)
        return KC_ESTORE;
    int rc = kc__allkill_runs(db, allkill_events, &x);
    sqlite3_finalize(x.ins);
    return rc;
}

/* ---- records (src 4) --------------------------------------------------- */

/* The records of find_sql, each with the words of its cohort in status
 * ("K-pop b-side by a soloist", as `kchart records` says it). */
static int find_records(kc_db *db, const news_kind *k, const char *chart)
{
    (void)chart;
    sqlite3_stmt *st = kc__prepare(db, k->find_sql);
    sqlite3_stmt *ins = st ? kc__prepare(db, event_insert_sql) : NULL;
    int rc = ins ? KC_OK : KC_ESTORE, step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        /* period, song_id, title, credit, mark, source, market, role, cohort */
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
        sqlite3_bind_int(ins, 1, 4);
        sqlite3_bind_text(ins, 4, words, -1, SQLITE_STATIC);
        /* period, song_id, title, credit, mark and source as they are
         * typed; a text is copied, which may fail. */
        static const int to[] = {2, 3, 5, 6, 7, 8};
        int bound = SQLITE_OK;
        for (int i = 0; i < 6 && bound == SQLITE_OK; i++)
            bound = sqlite3_bind_value(ins, to[i], sqlite3_column_value(st, i));
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
    sqlite3_finalize(ins);
    sqlite3_finalize(st);
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
    sqlite3_finalize(st);
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
    sqlite3_stmt *ins = rc ? NULL : kc__prepare(db, event_insert_sql);
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
        sqlite3_bind_int(ins, 1, 6);
        sqlite3_bind_text(ins, 2, date, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 4, text, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 5, a->title, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 6, a->artist, -1, SQLITE_STATIC);
        rc = event_put(db, k, ins);
    }
    sqlite3_finalize(ins);
    windows_free(rows, n);
    return rc;
}

/* Every kind of event, in the order of src: its name (as the news shows
 * it, but for a debut and a re-entry at No. 1, shown as no1), whether it
 * is of no one chart (then only in the news of every chart), its finder
 * and the finder's statement, its sentence. A statement that a kind shares
 * with the one before it runs once: the three kinds of chart events are
 * found together, and a milestone and a record are both said as a mark
 * crossed. */
static const news_kind kinds[] = {
    /* name, of no chart, finder, its statement, sentence */
    {"debut", false, find_by_sql, chart_events_sql, debut_sentence_sql},
    {"no1", false, find_by_sql, chart_events_sql, no1_sentence_sql},
    {"re-entry", false, find_by_sql, chart_events_sql, reentry_sentence_sql},
    {"allkill", true, find_allkill, NULL, allkill_sentence_sql},
    {"regions", true, find_by_sql, regions_sql, regions_sentence_sql},
    {"milestone", true, find_by_sql, milestones_sql, crossing_sentence_sql},
    {"record", true, find_records, records_sql, crossing_sentence_sql},
    {"certification", true, find_certs, certifications_sql, certification_sentence_sql},
    {"sales", true, find_sales, sales_sql, sales_sentence_sql},
};
#define NKINDS (sizeof kinds / sizeof *kinds)

/* ---- the query --------------------------------------------------------- */

int kc__news_setup(kc_db *db)
{
    return kc__exec(db, tables_sql);
}

/* Runs every kind's finder (those of no one chart only without one). */
static int news_find(kc_db *db, const char *chart)
{
    int rc = kc__exec(db, "DELETE FROM temp.news_event; DELETE FROM temp.news_page");
    for (size_t i = 0; !rc && i < NKINDS; i++) {
        const news_kind *k = &kinds[i];
        bool shared = i && k->find == kinds[i - 1].find && k->find_sql &&
                      k->find_sql == kinds[i - 1].find_sql;
        if (!shared && !(k->every && chart))
            rc = k->find(db, k, chart);
    }
    return rc;
}

/* The number of events from day since on (NULL: all) into page->total. */
static int news_count(kc_db *db, const char *since, kc_page *page)
{
    sqlite3_stmt *st = kc__prepare(db, count_sql);
    if (!st)
        return KC_ESTORE;
    if (since)
        sqlite3_bind_text(st, 1, since, -1, SQLITE_STATIC);
    int rc = KC_OK;
    if (sqlite3_step(st) == SQLITE_ROW)
        page->total = (size_t)sqlite3_column_int64(st, 0);
    else
        rc = kc__sqlfail(db, "news");
    sqlite3_finalize(st);
    return rc;
}

/* The page into temp.news_page, with every kind's sentence. */
static int news_page(kc_db *db, const char *since, const kc_page *page)
{
    sqlite3_stmt *st = kc__prepare(db, page_sql);
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_int64(st, 1, page->limit ? (sqlite3_int64)page->limit : 1000000000);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)page->offset);
    if (since)
        sqlite3_bind_text(st, 3, since, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "news");
    sqlite3_finalize(st);
    for (size_t i = 0; !rc && i < NKINDS; i++)
        if (!i || kinds[i].sentence_sql != kinds[i - 1].sentence_sql)
            rc = kc__exec(db, kinds[i].sentence_sql);
    return rc;
}

int kc_query_news(kc_db *db, const char *chart, const char *since, kc_page *page,
                  kc_table **out)
{
    *out = NULL;
    int64_t day;
    if (since && !kc__parse_date(since, strlen(since), &day))
        return kc__fail(db, KC_EINPUT, "since \"%s\" is not a date (YYYY-MM-DD)", since);
    char cadence[16];
    int size;
    int rc = chart ? kc__chart_lookup(db, chart, cadence, &size) : KC_OK;
    if (!rc)
        rc = news_find(db, chart);
    if (!rc)
        rc = news_count(db, since, page);
    if (!rc)
        rc = news_page(db, since, page);
    if (!rc)
        rc = kc__table_from_sql(db, result_sql, NULL, 0, out);
    return rc;
}
