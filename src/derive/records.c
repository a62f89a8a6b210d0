/*
 * records.c: records over cohorts (docs/records.md). A cohort is a set of
 * songs (or artists) picked by what the catalog says of them: market,
 * artist kind, role and kind of the first release, its year, a credited
 * artist, a group's members. A measure is a series total (streams, views,
 * followers) or a counter of a chart (periods on it, periods at No. 1, the
 * peak, the longest streak). The answer is first, fastest, only or most,
 * with the ordered list behind it, derived from the store on every query.
 * The words that name a cohort ("K-pop b-side by a soloist") are written
 * here once, for the answers and for the news (kc__cohort_words); which
 * records are news is the news layer's (news/news.c). The statements are
 * SQL files (src/derive/sql/records-*.sql): one for each kind of measure
 * (a series of songs, of artists, a chart's counter, releases' sales),
 * whose common pieces are written alike in each.
 */
#include "derive/derive.h"

#include <sql/derive_sql.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 1024 /* an artist's name as stored (catalog.c, series.c) */

static const char *const artist_kinds[] = {"group", "solo", "unit", "other", NULL};
static const char *const roles[] = {"title", "b-side",   "pre-release",
                                    "ost",   "fan-song", NULL};
static const char *const release_kinds[] = {"album",   "ep",  "single", "repackage",
                                            "mixtape", "ost", NULL};
static const char *const credits[] = {"lead", "featured", "solo", "any", NULL};
static const char *const modes[] = {"most", "first", "fastest", "only", NULL};
static const char *const chart_measures[] = {"periods", "no1", "peak", "streak", NULL};

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(s, *list))
            return true;
    return false;
}

/* "a, b or c" of a list, into out. */
static void list_words(const char *const *list, char *out, size_t len)
{
    size_t o = 0, n = 0;
    while (list[n])
        n++;
    out[0] = '\0';
    for (size_t i = 0; i < n && o < len; i++)
        o += (size_t)snprintf(out + o, len - o, "%s%s",
                              i == 0       ? ""
                              : i + 1 == n ? " or "
                                           : ", ",
                              list[i]);
}

static int check_word(kc_db *db, const char *what, const char *value,
                      const char *const *list)
{
    if (!value || in_list(value, list))
        return KC_OK;
    char words[160];
    list_words(list, words, sizeof words);
    return kc__fail(db, KC_EINPUT, "%s \"%s\" is not one of %s", what, value, words);
}

/* ---- the answer in words ------------------------------------------------ */

typedef struct {
    char cohort[2600]; /* "K-pop b-side by a soloist" (with names as asked) */
    char reach[600];   /* "reach 700,000,000 Spotify streams" */
    char most[600];    /* "the most Spotify streams" */
} words;

static void append(char *buf, size_t len, const char *fmt, const char *a)
{
    size_t o = strlen(buf);
    if (o < len)
        snprintf(buf + o, len - o, fmt, a);
    kc__utf8_cut(buf);
}

/* The cohort's market, as the words' start ("K-pop "): "k-pop" as "K-pop",
 * a one-letter prefix being a letter of a name. */
static void market_prefix(const kc_cohort *c, char *b, size_t len)
{
    b[0] = '\0';
    if (c->market) {
        append(b, len, "%s ", c->market);
        if (b[0] >= 'a' && b[0] <= 'z' && b[1] == '-')
            b[0] = (char)(b[0] - 'a' + 'A');
    }
}

/* Who made a song or release of the cohort, and when: " by a soloist",
 * " by a member of G", the artist (with how a song credits them), " released
 * in Y". */
static void by_phrases(const kc_cohort *c, bool song, char *b, size_t len)
{
    if (c->artist_kind)
        append(b, len, " by %s",
               !strcmp(c->artist_kind, "solo")    ? "a soloist"
               : !strcmp(c->artist_kind, "group") ? "a group"
               : !strcmp(c->artist_kind, "unit")  ? "a unit"
                                                  : "an artist of kind other");
    if (c->member_of)
        append(b, len, " by a member of %s", c->member_of);
    if (c->artist) {
        const char *cr = c->credit && song ? c->credit : "any";
        append(b, len,
               !strcmp(cr, "lead")       ? " led by %s"
               : !strcmp(cr, "featured") ? " featuring %s"
               : !strcmp(cr, "solo")     ? " by %s alone"
               : song                    ? " credited to %s"
                                         : " by %s",
               c->artist);
    }
    if (c->year) {
        char y[16];
        snprintf(y, sizeof y, "%d", c->year);
        append(b, len, " released in %s", y);
    }
}

void kc__cohort_words(const kc_cohort *c, kc__cohort_of of, char *b, size_t len)
{
    market_prefix(c, b, len);
    if (of == KC__COHORT_ARTISTS) {
        const char *k = !c->artist_kind                    ? "artist"
                        : !strcmp(c->artist_kind, "solo")  ? "soloist"
                        : !strcmp(c->artist_kind, "other") ? "artist"
                                                           : c->artist_kind;
        append(b, len, "%s", k);
        if (c->member_of)
            append(b, len, " member of %s", c->member_of);
        if (c->artist)
            append(b, len, " (%s)", c->artist);
        return;
    }
    if (of == KC__COHORT_RELEASES) {
        append(b, len, "%s",
               !c->release_kind                  ? "release"
               : !strcmp(c->release_kind, "ep")  ? "EP"
               : !strcmp(c->release_kind, "ost") ? "OST"
                                                 : c->release_kind);
        by_phrases(c, false, b, len);
        return;
    }
    bool solo = c->credit && !strcmp(c->credit, "solo") && !c->artist;
    const char *noun = !c->role                          ? "song"
                       : !strcmp(c->role, "title")       ? "title track"
                       : !strcmp(c->role, "ost")         ? "OST"
                       : !strcmp(c->role, "fan-song")    ? "fan song"
                       : !strcmp(c->role, "pre-release") ? "pre-release"
                                                         : c->role;
    append(b, len, "%s", solo ? "solo " : "");
    append(b, len, "%s", noun);
    if (c->release_kind)
        append(b, len, " from %s",
               !strcmp(c->release_kind, "album")     ? "an album"
               : !strcmp(c->release_kind, "ep")      ? "an EP"
               : !strcmp(c->release_kind, "ost")     ? "an OST"
               : !strcmp(c->release_kind, "single")  ? "a single"
               : !strcmp(c->release_kind, "mixtape") ? "a mixtape"
                                                     : "a repackage");
    by_phrases(c, true, b, len);
}

/* The measure's phrases; chart is the chart's name, unit its periods
 * ("weeks"). */
static void measure_words(const kc_records_opts *o, const char *chart, const char *unit,
                          words *w)
{
    char n[32] = "";
    kc__format_thousands(o->at_least, n, sizeof n);
    const char *m = o->measure;
    if (!o->chart) {
        /* "spotify-streams": "Spotify streams" */
        char what[96];
        const char *dash = strchr(m, '-');
        size_t k = dash ? (size_t)(dash - m) : strlen(m);
        const char *plat = !strncmp(m, "spotify", k)       ? "Spotify"
                           : !strncmp(m, "youtube", k)     ? "YouTube"
                           : !strncmp(m, "instagram", k)   ? "Instagram"
                           : !strncmp(m, "tiktok", k)      ? "TikTok"
                           : !strncmp(m, "x", k) && k == 1 ? "X"
                           : !strncmp(m, "weverse", k)     ? "Weverse"
                                                           : NULL;
        if (plat && dash)
            snprintf(what, sizeof what, "%s %s", plat, dash + 1);
        else
            snprintf(what, sizeof what, "%s", m);
        snprintf(w->reach, sizeof w->reach, "reach %s %s", n, what);
        snprintf(w->most, sizeof w->most, "the most %s", what);
        return;
    }
    if (!strcmp(m, "periods")) {
        snprintf(w->reach, sizeof w->reach, "spend %s %s on the %s", n, unit, chart);
        snprintf(w->most, sizeof w->most, "the most %s on the %s", unit, chart);
    } else if (!strcmp(m, "no1")) {
        snprintf(w->reach, sizeof w->reach, "spend %s %s at No. 1 on the %s", n, unit,
                 chart);
        snprintf(w->most, sizeof w->most, "the most %s at No. 1 on the %s", unit, chart);
    } else if (!strcmp(m, "streak")) {
        snprintf(w->reach, sizeof w->reach, "stay %s consecutive %s on the %s", n, unit,
                 chart);
        snprintf(w->most, sizeof w->most, "the longest streak on the %s", chart);
    } else {
        if (o->at_least == 1)
            snprintf(w->reach, sizeof w->reach, "reach No. 1 on the %s", chart);
        else
            snprintf(w->reach, sizeof w->reach, "reach the top %s of the %s", n, chart);
        snprintf(w->most, sizeof w->most, "the best peak on the %s", chart);
    }
}

/* The phrases of a sales measure ("sell 200,000 copies in its first week at
 * Oricon"); provider is the provider's name. */
static void release_words(const kc_records_opts *o, const char *provider, words *w)
{
    char n[32];
    kc__format_thousands(o->at_least, n, sizeof n);
    bool week = !strcmp(o->measure, "first-week");
    snprintf(w->reach, sizeof w->reach, "sell %s copies %s at %s", n,
             week ? "in its first week" : "on its first day", provider);
    snprintf(w->most, sizeof w->most, "the most %s sales at %s",
             week ? "first-week" : "first-day", provider);
}

/* The answer: a sentence on the first row of t (and how many rows).
 * open_total is how many rows of the whole list are open crossings when t
 * holds only a page of it (records.c's walk), else -1: t's rows tell. */
static int answer(kc_db *db, const kc_records_opts *o, const words *w, kc_table *t,
                  int64_t open_total)
{
    const char *mode = o->mode ? o->mode : "most";
    size_t of = t->nrows ? (size_t)strtoull(kc_table_cell(t, 0, 11), NULL, 10) : 0;
    const char *title = t->nrows ? kc_table_cell(t, 0, 1) : NULL;
    const char *artist = t->nrows ? kc_table_cell(t, 0, 2) : NULL;
    const char *rank = t->nrows ? kc_table_cell(t, 0, 0) : NULL;
    char who[2200], buf[6000], num[32] = "";
    snprintf(who, sizeof who, "%s%s%s%s", title ? title : "?",
             artist && *artist ? " (" : "", artist && *artist ? artist : "",
             artist && *artist ? ")" : "");
    kc__utf8_cut(who);
    /* Rows sharing the first rank (open crossings on the day totals begin
     * are the usual tie: which came first is not known). */
    size_t ties = 0;
    while (rank && ties < t->nrows && kc_table_cell(t, ties, 0) &&
           !strcmp(kc_table_cell(t, ties, 0), rank))
        ties++;
    /* Open when any of the first is: a tie "on D" would date them all. */
    bool open = false;
    for (size_t i = 0; i < (ties ? ties : t->nrows ? 1 : 0); i++)
        open =
            open || (kc_table_cell(t, i, 6) && !strcmp(kc_table_cell(t, i, 6), "open"));
    /* An open crossing ranked after the first is known only by its date: it
     * may have come before them. Counted where every row is at hand (first
     * is cut after its answer; only when no limit cut it). */
    size_t later_open = 0;
    for (size_t i = ties; i < t->nrows; i++)
        later_open += kc_table_cell(t, i, 6) && !strcmp(kc_table_cell(t, i, 6), "open");
    if (open_total >= 0) { /* a page: the open ones beside the first's ties */
        size_t at_first = 0;
        for (size_t i = 0; i < ties; i++)
            at_first += kc_table_cell(t, i, 6) && !strcmp(kc_table_cell(t, i, 6), "open");
        later_open = (size_t)open_total > at_first ? (size_t)open_total - at_first : 0;
    }
    char unsure[160] = "";
    if (later_open && (!strcmp(mode, "first") || t->nrows >= of))
        snprintf(unsure, sizeof unsure,
                 "; %zu of them only by a later date, where the store's count of them"
                 " begins, and may have been earlier",
                 later_open);
    if (t->nrows && kc_table_cell(t, 0, 3))
        kc__format_thousands(strtoll(kc_table_cell(t, 0, 3), NULL, 10), num, sizeof num);
    if (t->nrows && !rank) /* --fastest: none has a day to count from */
        snprintf(buf, sizeof buf,
                 "%zu %s managed to %s, but none has a release (or joining) date to count"
                 " days from.",
                 t->nrows, w->cohort, w->reach);
    else if (!t->nrows)
        snprintf(buf, sizeof buf, "No %s managed to %s.", w->cohort,
                 !strcmp(mode, "most") ? "be ranked" : w->reach);
    /* An open crossing happened by its date, not on it: the store holds
     * nothing of the song's count before (docs/records.md). */
    else if (!strcmp(mode, "first") && ties > 1)
        snprintf(buf, sizeof buf,
                 "%s and %zu more tie as the first %s to %s, %s %s (%zu did%s%s).", who,
                 ties - 1, w->cohort, w->reach, open ? "by" : "on",
                 kc_table_cell(t, 0, 4), of,
                 open ? "; the store has no earlier count of them" : "", unsure);
    else if (!strcmp(mode, "first"))
        snprintf(buf, sizeof buf, "%s was the first %s to %s, %s %s (%zu did%s).", who,
                 w->cohort, w->reach, open ? "by" : "on", kc_table_cell(t, 0, 4), of,
                 unsure);
    else if (!strcmp(mode, "fastest"))
        snprintf(buf, sizeof buf, "%s was the fastest %s to %s, in %s days (on %s).", who,
                 w->cohort, w->reach, kc_table_cell(t, 0, 7), kc_table_cell(t, 0, 4));
    else if (!strcmp(mode, "only") && of == 1)
        snprintf(buf, sizeof buf, "%s is the only %s to %s.", who, w->cohort, w->reach);
    else if (!strcmp(mode, "only") && ties > 1)
        snprintf(buf, sizeof buf, "%zu did %s (%s); the first were %s and %zu more%s.",
                 of, w->reach, w->cohort, who, ties - 1, unsure);
    else if (!strcmp(mode, "only"))
        snprintf(buf, sizeof buf, "%zu did %s (%s); the first was %s%s.", of, w->reach,
                 w->cohort, who, unsure);
    else
        snprintf(buf, sizeof buf, "%s has %s of any %s: %s.", who, w->most, w->cohort,
                 num);
    kc__utf8_cut(buf);
    if (!(t->title = kc__strdup(buf)))
        return kc__fail(db, KC_ENOMEM, "out of memory");
    return KC_OK;
}

/* ---- the statements' parameters ---------------------------------------- */

/* A named value of a query's statements (records-*.sql), as text. */
typedef struct {
    const char *name;  /* ":measure" */
    const char *value; /* NULL binds NULL */
} param;

/* Binds to st (NULL: nothing) the values of params that it takes, by name:
 * the statements of a query take each a part of them. A parameter of st
 * that params lacks is a bug, not bad input, as kc__param says of the
 * reverse: the process stops here, naming it. */
static void bind_params(sqlite3_stmt *st, const param *params, size_t n)
{
    int count = st ? sqlite3_bind_parameter_count(st) : 0;
    for (int i = 1; i <= count; i++) {
        const char *name = sqlite3_bind_parameter_name(st, i);
        size_t k = 0;
        while (k < n && (!name || strcmp(params[k].name, name)))
            k++;
        if (k == n) {
            fprintf(stderr, "kchart: bug: records has no value for the parameter %s\n",
                    name ? name : "(nameless)");
            abort();
        }
        kc__bind_text(st, name, params[k].value);
    }
}

/* Sets the value of the parameter named name among params (one of them). */
static void set_param(param *params, size_t n, const char *name, const char *value)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(params[i].name, name))
            params[i].value = value;
}

/* ---- releases: first-day and first-week sales ----------------------------- */

/* Appends s to a growing buffer; false when out of memory. */
static bool grow(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        size_t c = (*len + n + 1) * 2;
        char *g = kc__realloc(*buf, c);
        if (!g)
            return false;
        *buf = g;
        *cap = c;
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
    return true;
}

/* Each cohort release's window (measure first-day or first-week at
 * o->provider; the releases of records-releases.sql, bound from params)
 * known by day at_day, as the JSON of records-release-list.sql's :values
 * (owned, free()). */
static int release_values(kc_db *db, const kc_records_opts *o, const param *params,
                          size_t nparams, int64_t at_day, char **json)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_records_releases);
    if (!st)
        return KC_ESTORE;
    bind_params(st, params, nparams);
    bool week = !strcmp(o->measure, "first-week");
    size_t len = 0, cap = 0;
    int rc = grow(json, &len, &cap, "[") ? KC_OK : KC_ENOMEM, step = SQLITE_DONE;
    bool any = false;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0), utc = sqlite3_column_int64(st, 1);
        kc__first_window d, wk;
        if ((rc = kc__sales_first(db, id, utc, o->provider, &d, &wk)))
            break;
        const kc__first_window *x = week ? &wk : &d;
        if (!x->found || (o->at && x->to > at_day))
            continue;
        char row[128], date[16];
        kc__format_date(x->to, date);
        snprintf(row, sizeof row, "%s[%lld,%lld,\"%s\",%lld]", any ? "," : "",
                 (long long)id, (long long)x->units, date,
                 (long long)(x->to - x->release_day + 1));
        any = true;
        if (!grow(json, &len, &cap, row))
            rc = KC_ENOMEM;
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "releases");
    sqlite3_finalize(st);
    if (!rc && !grow(json, &len, &cap, "]"))
        rc = KC_ENOMEM;
    if (rc == KC_ENOMEM)
        kc__fail(db, KC_ENOMEM, "out of memory");
    return rc;
}

/* ---- the query ----------------------------------------------------------- */

/* The artist of --artist or --member-of: its id to bind, and its name as
 * stored (the answer names it so, however it was typed). */
static int artist_arg(kc_db *db, const char *name, char *bind, size_t len, char *stored,
                      size_t slen)
{
    int64_t id;
    int rc = kc__artist_find(db, name, &id);
    if (rc)
        return rc;
    if (!id) {
        char near[600];
        kc__suggest_name(db, true, name, near, sizeof near);
        return kc__fail(db, KC_ENOTFOUND, "no artist \"%s\"%s", name, near);
    }
    snprintf(bind, len, "%lld", (long long)id);
    sqlite3_stmt *st = kc__stmt(db, kc__sql_records_artist_name);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":artist", id);
    int step = sqlite3_step(st);
    const char *n = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    snprintf(stored, slen, "%s", n ? n : name);
    sqlite3_reset(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "artist");
}

/* What a query measures, as the store knows it. */
typedef struct {
    bool releases;  /* first-day or first-week: a release's sales window */
    bool artists;   /* a series of artists (followers), not of songs */
    char name[256]; /* the chart's or the provider's name */
    char unit[16];  /* the chart's periods ("weeks"); "periods" otherwise */
} measure;

/* The checks of o that need no store: a measure, known words, a threshold
 * for every mode but most, a four-digit year, a date for --at (its day,
 * days since 1970-01-01, into *at_day; 0 without one). KC_EINPUT (or
 * another status) with the message on db when one fails. */
static int check_opts(kc_db *db, const kc_records_opts *o, const char *mode,
                      int64_t *at_day)
{
    const kc_cohort *c = &o->cohort;
    int rc;
    if (!o->measure)
        return kc__fail(db, KC_EINPUT, "a measure is needed (--measure)");
    if ((rc = check_word(db, "mode", mode, modes)) ||
        (rc = check_word(db, "artist kind", c->artist_kind, artist_kinds)) ||
        (rc = check_word(db, "role", c->role, roles)) ||
        (rc = check_word(db, "release kind", c->release_kind, release_kinds)) ||
        (rc = check_word(db, "credit", c->credit, credits)))
        return rc;
    if (strcmp(mode, "most") && o->at_least <= 0)
        return kc__fail(db, KC_EINPUT, "%s needs a threshold (--at-least N)", mode);
    if (o->at_least < 0)
        return kc__fail(db, KC_EINPUT, "the threshold must be positive");
    if (c->year && (c->year < 1000 || c->year > 9999))
        return kc__fail(db, KC_EINPUT, "year %d is not a four-digit year", c->year);
    *at_day = 0;
    if (o->at && !kc__parse_date(o->at, strlen(o->at), at_day))
        return kc__fail(db, KC_EINPUT, "--at \"%s\" is not a date (YYYY-MM-DD)", o->at);
    return KC_OK;
}

/* A release's sales window at o->provider: the provider's name into
 * m->name. KC_EINPUT for a chart, no provider, --fastest, a role or a
 * credit; KC_ENOTFOUND for an unknown provider. */
static int provider_measure(kc_db *db, const kc_records_opts *o, const char *mode,
                            measure *m)
{
    const kc_cohort *c = &o->cohort;
    if (o->chart || !o->provider)
        return kc__fail(db, KC_EINPUT,
                        "%s is a release's sales: name the provider (--provider P),"
                        " not a chart",
                        o->measure);
    if (!strcmp(mode, "fastest") || c->role || c->credit)
        return kc__fail(db, KC_EINPUT, "%s is of releases: no --fastest, role or credit",
                        o->measure);
    sqlite3_stmt *st = kc__prepare(db, kc__sql_records_provider);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":provider", o->provider);
    int step = sqlite3_step(st);
    const char *nm = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : 0;
    snprintf(m->name, sizeof m->name, "%s", nm ? nm : o->provider);
    sqlite3_finalize(st);
    if (step == SQLITE_DONE)
        return kc__fail(db, KC_ENOTFOUND,
                        "no sales provider \"%s\" (hanteo, circle, oricon, luminate,"
                        " any)",
                        o->provider);
    return step == SQLITE_ROW ? KC_OK : kc__sqlfail(db, "sales provider");
}

/* A chart's counter: the chart's name and the name of its periods into m.
 * KC_EINPUT for a measure that is not a chart's; KC_ENOTFOUND for an
 * unknown chart. */
static int chart_measure(kc_db *db, const kc_records_opts *o, measure *m)
{
    int rc = check_word(db, "chart measure", o->measure, chart_measures);
    if (rc)
        return rc;
    sqlite3_stmt *st = kc__prepare(db, kc__sql_records_chart_name);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", o->chart);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *nm = (const char *)sqlite3_column_text(st, 0);
        const char *cad = (const char *)sqlite3_column_text(st, 1);
        snprintf(m->name, sizeof m->name, "%s", nm ? nm : o->chart);
        snprintf(m->unit, sizeof m->unit, "%s",
                 !cad                      ? "periods"
                 : !strcmp(cad, "hourly")  ? "hours"
                 : !strcmp(cad, "daily")   ? "days"
                 : !strcmp(cad, "weekly")  ? "weeks"
                 : !strcmp(cad, "monthly") ? "months"
                                           : "years");
    }
    sqlite3_finalize(st);
    if (step == SQLITE_DONE)
        return kc__fail(db, KC_ENOTFOUND, "no chart \"%s\" (kchart charts lists them)",
                        o->chart);
    return step == SQLITE_ROW ? KC_OK : kc__sqlfail(db, "chart");
}

/* A series source: whether it counts artists into m->artists. KC_EINPUT
 * for a chart's measure without a chart, and for an unknown source (the
 * message lists the known ones). */
static int series_measure(kc_db *db, const kc_records_opts *o, measure *m)
{
    if (in_list(o->measure, chart_measures))
        return kc__fail(db, KC_EINPUT, "measure %s is a chart's: name it (--chart ID)",
                        o->measure);
    sqlite3_stmt *st = kc__prepare(db, kc__sql_records_series_subject);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":source", o->measure);
    int step = sqlite3_step(st);
    const char *subj = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : 0;
    m->artists = subj && !strcmp(subj, "artist");
    sqlite3_finalize(st);
    if (step == SQLITE_ROW && !subj)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    if (step == SQLITE_DONE) {
        kc_table *src = NULL;
        int rc = kc__table_from_stmt(db, kc__prepare(db, kc__sql_records_series_sources),
                                     &src);
        if (rc)
            return rc;
        const char *l = kc_table_cell(src, 0, 0);
        rc = kc__fail(db, KC_EINPUT,
                      "unknown measure \"%s\": a series (%s); with --chart, one of"
                      " periods, no1, peak, streak; with --provider, first-day or"
                      " first-week",
                      o->measure, l ? l : "none");
        kc_table_free(src);
        return rc;
    }
    return step == SQLITE_ROW ? KC_OK : kc__sqlfail(db, "series source");
}

/* The measure of o (a release's sales window, a chart's counter or a series
 * source) into *m, checked against the store and against the cohort (no
 * song's filters for artists; a credit other than solo needs an artist).
 * A status with the message on db when it is not one. */
static int measure_of(kc_db *db, const kc_records_opts *o, const char *mode, measure *m)
{
    const kc_cohort *c = &o->cohort;
    memset(m, 0, sizeof *m);
    snprintf(m->unit, sizeof m->unit, "periods");
    m->releases = !strcmp(o->measure, "first-day") || !strcmp(o->measure, "first-week");
    int rc =
        m->releases ? provider_measure(db, o, mode, m)
        : o->provider
            ? kc__fail(db, KC_EINPUT,
                       "a provider is for first-day and first-week, not %s", o->measure)
        : o->chart ? chart_measure(db, o, m)
                   : series_measure(db, o, m);
    if (rc)
        return rc;
    if (m->artists && (c->role || c->release_kind || c->credit || c->year))
        return kc__fail(db, KC_EINPUT,
                        "%s is of artists: role, release kind, credit and year are of"
                        " songs",
                        o->measure);
    if (c->credit && c->artist == NULL && strcmp(c->credit, "solo"))
        return kc__fail(db, KC_EINPUT, "credit %s is of an artist (--artist NAME)",
                        c->credit);
    return KC_OK;
}

/* The artists a cohort names (--artist, --member-of), found in the store. */
typedef struct {
    char artist_id[24], group_id[24]; /* to bind, "" when none */
    char artist[NAME_MAX_BYTES + 1], group[NAME_MAX_BYTES + 1]; /* as stored */
} cohort_artists;

/* Finds the artists c names into *a; KC_ENOTFOUND (with the nearest
 * names) for one the store lacks. */
static int cohort_artists_find(kc_db *db, const kc_cohort *c, cohort_artists *a)
{
    int rc = KC_OK;
    a->artist_id[0] = a->group_id[0] = '\0';
    if (c->artist && (rc = artist_arg(db, c->artist, a->artist_id, sizeof a->artist_id,
                                      a->artist, sizeof a->artist)))
        return rc;
    if (c->member_of && (rc = artist_arg(db, c->member_of, a->group_id,
                                         sizeof a->group_id, a->group, sizeof a->group)))
        return rc;
    return KC_OK;
}

/* ---- a chart's crossings, without reading every entry ------------------ */

/* The songs records-chart.sql lists with :cross: [song id, crossing] pairs
 * (JSON text; the crossing as its r, "1999-05-01" or "1999-05-01 open",
 * null for no1), how many songs met the threshold (of), and how many of
 * all crossed open when only a page is listed (open; -1 when every
 * crossing is). */
typedef struct {
    char *json;
    size_t len, cap;
    int64_t of, open;
    int64_t listed; /* the pairs in json */
} crossings;

/* Appends a pair to c's JSON (opened by the first); false when out of
 * memory. r is a period and a flag ("1999-05-01 open"), or NULL. */
static bool cross_add(crossings *c, int64_t song, const char *r)
{
    char row[160];
    size_t o = (size_t)snprintf(row, sizeof row, "%s[%lld,", c->len ? "," : "[",
                                (long long)song);
    if (!r) {
        o += (size_t)snprintf(row + o, sizeof row - o, "null");
    } else {
        row[o++] = '"';
        for (; *r && o + 8 < sizeof row; r++) /* under 32 bytes; longer is cut */
            if (*r == '"' || *r == '\\' || (unsigned char)*r < 0x20)
                o += (size_t)snprintf(row + o, sizeof row - o, "\\u%04x",
                                      (unsigned)(unsigned char)*r);
            else
                row[o++] = *r;
        row[o++] = '"';
    }
    snprintf(row + o, sizeof row - o, "]");
    c->listed++;
    return grow(&c->json, &c->len, &c->cap, row);
}

/* Every song that met the threshold, each with its crossing
 * (records-cross-songs.sql): when they are few. With max, *many is set
 * (and the songs read so far stay in c) once more than max are. */
static int cross_every(kc_db *db, const param *params, size_t n, int64_t max, bool *many,
                       crossings *c)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_records_cross_songs);
    if (!st)
        return KC_ESTORE;
    bind_params(st, params, n);
    int rc = KC_OK, step;
    int64_t read = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (max && ++read > max) {
            *many = true;
            step = SQLITE_DONE;
            break;
        }
        const char *r = (const char *)sqlite3_column_text(st, 1);
        if ((!r && sqlite3_errcode(kc__sql(db)) == SQLITE_NOMEM) ||
            !cross_add(c, sqlite3_column_int64(st, 0), r)) {
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
            break;
        }
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "crossings");
    kc__stmt_done(db, st);
    return rc;
}

/* Reading one song's crossing (records-cross-songs.sql) takes about as
 * long as this many steps of SQLite's virtual machine in the walk: about
 * 70 us a song on the Hot 100 store and 115 on the Korean one, where a
 * step of the walk takes about 30 ns (a song's read is seeks, the walk's
 * steps are a scan). */
#define CROSS_SONG_STEPS 3000
/* The most songs a walk gives up for, to read each one instead (0.15 to
 * 0.25 s at most). */
#define CROSS_EVERY_MAX 2000

/* The walk's progress handler: every 1,000 steps, from what is left
 * (int64_t); non-zero interrupts it once that is spent. */
static int walk_spent(void *left)
{
    return (*(int64_t *)left -= 1000) < 0;
}

/* The first crossings in the order of the chart's periods, from its first
 * (records-cross-walk.sql): a song's first entry that meets the threshold
 * (no1: its nth No. 1), until need are listed and the last one's period is
 * whole, its ties included; then how many of all crossed open
 * (records-cross-open.sql), for --first's answer. A threshold few songs
 * met late in the chart would have the walk read most of it: with a
 * budget (steps > 0), the walk gives up once it has spent as many steps
 * as reading each song would (*gave_up; c is then empty). */
static int cross_walk(kc_db *db, const kc_records_opts *o, const param *params, size_t n,
                      size_t need, int64_t steps, bool *gave_up, crossings *c)
{
    *gave_up = false;
    bool no1 = !strcmp(o->measure, "no1");
    kc__map *seen = kc__map_new();
    sqlite3_stmt *st = kc__prepare(db, kc__sql_records_cross_walk);
    if (!seen || !st) {
        kc__map_free(seen, NULL);
        kc__stmt_done(db, st);
        return st ? kc__fail(db, KC_ENOMEM, "out of memory") : KC_ESTORE;
    }
    bind_params(st, params, n);
    char last[64] = "";
    size_t got = 0;
    int rc = KC_OK, step;
    int64_t left = steps;
    if (steps > 0)
        sqlite3_progress_handler(kc__sql(db), 1000, walk_spent, &left);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *period = (const char *)sqlite3_column_text(st, 0);
        int64_t song = sqlite3_column_int64(st, 1);
        if (!period) {
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
            break;
        }
        if (got >= need && strcmp(period, last))
            break;
        bool created = false;
        void **slot = kc__map_get(seen, &song, sizeof song, true, &created);
        if (!slot) {
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
            break;
        }
        /* A song's value counts its No. 1s; any other's marks it crossed. */
        intptr_t count = (intptr_t)*slot + 1;
        *slot = (void *)count;
        if (no1 ? count != o->at_least : !created)
            continue;
        const char *r = no1 ? NULL : (const char *)sqlite3_column_text(st, 2);
        if ((!r && !no1 && sqlite3_errcode(kc__sql(db)) == SQLITE_NOMEM) ||
            !cross_add(c, song, r)) {
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
            break;
        }
        got++;
        snprintf(last, sizeof last, "%s", period);
    }
    if (steps > 0)
        sqlite3_progress_handler(kc__sql(db), 0, NULL, NULL);
    if (!rc && step == SQLITE_INTERRUPT && steps > 0 && left < 0) {
        *gave_up = true;
        c->len = 0;
    } else if (!rc && step != SQLITE_ROW && step != SQLITE_DONE) {
        rc = kc__sqlfail(db, "crossings");
    }
    kc__stmt_done(db, st);
    kc__map_free(seen, NULL);
    if (rc || *gave_up)
        return rc;
    c->open = 0;
    if (!rc && !no1) { /* no1's crossings are never open */
        st = kc__prepare(db, kc__sql_records_cross_open);
        bind_params(st, params, n);
        rc = st ? kc__step_id(db, st, &c->open, "open crossings") : KC_ESTORE;
        kc__stmt_done(db, st);
    }
    return rc;
}

/* --most of a threshold with a limit: the songs a page can rank are those
 * whose counter is at or above the limit-th run's (records-cross-bound.sql;
 * the ties included), which met the threshold too: read each one's
 * crossing (records-cross-songs.sql, :listed the stricter threshold),
 * when they are up to CROSS_EVERY_MAX (*many otherwise; c is then empty).
 * The rows ranked above the page's last are all of them, so that each
 * one's rank is its rank among every song that met the threshold. */
static int cross_most(kc_db *db, const kc_records_opts *o, param *params, size_t n,
                      bool *many, crossings *c)
{
    *many = false;
    char rank[24], listed[24];
    snprintf(rank, sizeof rank, "%zu", o->limit);
    set_param(params, n, ":rank", rank);
    sqlite3_stmt *st = kc__prepare(db, kc__sql_records_cross_bound);
    bind_params(st, params, n);
    int step = st ? sqlite3_step(st) : SQLITE_ERROR;
    bool bound = step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
    int64_t value = bound ? sqlite3_column_int64(st, 0) : 0;
    int rc = !st                                         ? KC_ESTORE
             : step != SQLITE_ROW && step != SQLITE_DONE ? kc__sqlfail(db, "crossings")
                                                         : KC_OK;
    kc__stmt_done(db, st);
    set_param(params, n, ":rank", NULL);
    if (rc)
        return rc;
    bool least = !strcmp(o->measure, "peak"); /* a peak: the lower, the better */
    if (bound && (least ? value < o->at_least : value > o->at_least)) {
        snprintf(listed, sizeof listed, "%lld", (long long)value);
        set_param(params, n, ":listed", listed);
    }
    int64_t count = c->of;
    if (bound) {
        st = kc__prepare(db, kc__sql_records_cross_count);
        bind_params(st, params, n);
        rc = st ? kc__step_id(db, st, &count, "crossings") : KC_ESTORE;
        kc__stmt_done(db, st);
    }
    if (!rc && count > CROSS_EVERY_MAX)
        *many = true;
    else if (!rc)
        rc = cross_every(db, params, n, 0, many, c);
    set_param(params, n, ":listed", NULL);
    return rc;
}

/* --fastest of a threshold with a limit, after the walk (c: the first
 * crossings in the order of the chart's periods): the songs a release can
 * rank by days are those the catalog knows (records-chart.sql, fr); each
 * one's crossing is read (records-cross-songs.sql, :released) but for those
 * the walk found (:known), when they are up to CROSS_EVERY_MAX (*many
 * otherwise). The page lists them ranked by days, then the others by
 * date reached, which the walk's first are, ties included. */
static int cross_released(kc_db *db, param *params, size_t n, bool *many, crossings *c)
{
    if (c->len && !grow(&c->json, &c->len, &c->cap, "]"))
        return kc__fail(db, KC_ENOMEM, "out of memory");
    set_param(params, n, ":released", "1");
    set_param(params, n, ":known", c->len ? c->json : NULL);
    crossings more = {0};
    int rc = cross_every(db, params, n, CROSS_EVERY_MAX, many, &more);
    set_param(params, n, ":released", NULL);
    set_param(params, n, ":known", NULL);
    if (c->len)
        c->json[--c->len] = '\0'; /* the "]" above */
    if (!rc && !*many && more.len) {
        /* more's pairs after c's: "[[1,..],[2,..]" less its "[" */
        if (c->len && !grow(&c->json, &c->len, &c->cap, ","))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        else if (!grow(&c->json, &c->len, &c->cap, more.json + (c->len ? 1 : 0)))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        c->listed += more.listed;
    }
    free(more.json);
    return rc;
}

/* With a threshold of a chart's counter, no --at and no cohort, the songs
 * that met it are counted from their runs (records-cross-count.sql) and
 * the list reads only those it shows: every one when they are fewer than
 * KC__WALK_MIN, else, for --first and --only with a limit, a walk of the
 * chart's periods that stops after o->limit of them (given up for reading
 * each one, when they are up to CROSS_EVERY_MAX, once it has cost as
 * much), and for --most with a limit the songs the page can rank
 * (cross_most). *use is false when none applies (no limit, or over
 * CROSS_EVERY_MAX songs to read: a page of --most with its ties, or its
 * limit beyond the chart's runs; --fastest's songs of the catalog): then
 * records-chart.sql reads every entry. */
static int cross_find(kc_db *db, const kc_records_opts *o, const char *mode, bool any,
                      param *params, size_t n, bool *use, crossings *c)
{
    *use = false;
    if (!o->chart || o->at || !o->at_least || any)
        return KC_OK;
    sqlite3_stmt *st = kc__prepare(db, kc__sql_records_cross_count);
    bind_params(st, params, n);
    int rc = st ? kc__step_id(db, st, &c->of, "crossings") : KC_ESTORE;
    kc__stmt_done(db, st);
    if (rc)
        return rc;
    c->open = -1;
    bool every = c->of < KC__WALK_MIN;
    bool fastest = !strcmp(mode, "fastest");
    if (!every && o->limit &&
        (!strcmp(mode, "first") || !strcmp(mode, "only") || fastest)) {
        rc = cross_walk(db, o, params, n, o->limit,
                        c->of <= CROSS_EVERY_MAX ? c->of * CROSS_SONG_STEPS : 0, &every,
                        c);
        bool many = false;
        if (!rc && !every && fastest)
            rc = cross_released(db, params, n, &many, c);
        if (!rc && many)
            return KC_OK;
    } else if (!every && o->limit && !strcmp(mode, "most")) {
        bool many = false;
        rc = cross_most(db, o, params, n, &many, c);
        if (!rc && many)
            return KC_OK;
    } else if (!every)
        return KC_OK;
    if (!rc && every) {
        bool many = false;
        c->open = -1;
        c->len = 0;
        c->listed = 0;
        rc = cross_every(db, params, n, 0, &many, c);
    }
    /* --fastest ranks the songs with a release: of counts those, and the
     * rows listed without one are not counted, as when every entry is
     * read. Its answer counts the open crossings among the rows listed. */
    if (!rc && fastest) {
        c->of = c->listed;
        c->open = -1;
    }
    if (!rc && !c->len && !grow(&c->json, &c->len, &c->cap, "["))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    if (!rc && !grow(&c->json, &c->len, &c->cap, "]"))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    *use = !rc;
    return rc;
}

/* Runs the statement of measure m over the cohort of o into *out (owned,
 * kc_table_free; NULL on failure): a release's windows are weighed here and
 * listed by records-release-list.sql; a series total or a chart's counter
 * is one statement (records-series-songs.sql, -series-artists.sql,
 * records-chart.sql). mode is o's, at_day the day of o->at (0 without).
 * *open_total: how many of the whole list crossed open when *out holds a
 * page of it (cross_find's walk), else -1. */
static int records_table(kc_db *db, const kc_records_opts *o, const char *mode,
                         const measure *m, const cohort_artists *a, int64_t at_day,
                         kc_table **out, int64_t *open_total)
{
    *open_total = -1;
    const kc_cohort *c = &o->cohort;
    char at[24], at_least[24], year[16], limit[24];
    snprintf(at, sizeof at, "%lld", (long long)at_day);
    snprintf(at_least, sizeof at_least, "%lld", (long long)o->at_least);
    snprintf(year, sizeof year, "%d", c->year);
    /* The first answer counts the ties at rank 1: the limit is applied
     * after it (records_answer). */
    snprintf(limit, sizeof limit, "%lld",
             o->limit && strcmp(mode, "first") ? (long long)o->limit : -1LL);
    bool any = c->market || c->artist_kind || c->role || c->release_kind || c->artist ||
               c->credit || c->year || c->member_of;
    /* The most of every song of a chart: a page read from the measure's
     * index (records-chart.sql, :top). */
    bool top =
        o->chart && !o->at && !o->at_least && !any && o->limit && !strcmp(mode, "most");
    param params[] = {
        {":measure", o->measure},
        {":chart", o->chart},
        {":at", o->chart ? o->at
                : o->at  ? at
                         : "9223372036854775807"},
        {":at_least", o->at_least ? at_least : NULL},
        {":mode", mode},
        {":limit", limit},
        {":top", top ? limit : NULL},
        {":artists", m->artists ? "1" : NULL},
        {":role", c->role},
        {":release_kind", c->release_kind},
        {":market", c->market},
        {":artist_kind", c->artist_kind},
        {":artist", c->artist ? a->artist_id : NULL},
        {":credit", c->credit},
        {":year", c->year ? year : NULL},
        {":any", any ? "1" : NULL},
        {":member_of", c->member_of ? a->group_id : NULL},
        {":provider", o->provider},
        {":cross", NULL}, /* the songs cross_find lists, below */
        {":listed", NULL},
        {":rank", NULL},
        {":released", NULL},
        {":known", NULL},
        {":of", NULL},
        {":values", NULL}, /* the releases' windows, below */
    };
    size_t n = sizeof params / sizeof *params;
    if (!m->releases) {
        crossings cr = {0};
        bool cross = false;
        char of[24];
        int rc = cross_find(db, o, mode, any, params, n, &cross, &cr);
        if (!rc && cross) {
            snprintf(of, sizeof of, "%lld", (long long)cr.of);
            set_param(params, n, ":cross", cr.json);
            set_param(params, n, ":of", of);
            *open_total = cr.open;
        }
        sqlite3_stmt *st = rc           ? NULL
                           : o->chart   ? kc__prepare(db, kc__sql_records_chart)
                           : m->artists ? kc__prepare(db, kc__sql_records_series_artists)
                                        : kc__prepare(db, kc__sql_records_series_songs);
        bind_params(st, params, n);
        if (!rc)
            rc = kc__table_from_stmt(db, st, out);
        free(cr.json);
        return rc;
    }
    char *json = NULL;
    int rc = release_values(db, o, params, n, at_day, &json);
    if (!rc) {
        set_param(params, n, ":values", json);
        sqlite3_stmt *st = kc__prepare(db, kc__sql_records_release_list);
        bind_params(st, params, n);
        rc = kc__table_from_stmt(db, st, out);
    }
    free(json);
    return rc;
}

/* Captions t, the list of a query (named: o with the artists named as
 * stored), with the answer in words, and for --first with a limit keeps
 * that many rows of it (the ties at rank 1 counted first). */
static int records_answer(kc_db *db, const kc_records_opts *named, const char *mode,
                          const measure *m, kc_table *t, int64_t open_total)
{
    words w;
    kc__cohort_words(&named->cohort,
                     m->releases  ? KC__COHORT_RELEASES
                     : m->artists ? KC__COHORT_ARTISTS
                                  : KC__COHORT_SONGS,
                     w.cohort, sizeof w.cohort);
    if (m->releases)
        release_words(named, m->name, &w);
    else
        measure_words(named, m->name, m->unit, &w);
    /* A chart's counter is the first, the most or the only one of all that
     * charted only where the store holds the chart whole up to --at: else
     * the claim is of this archive, and says what the archive holds. */
    char held[1200] = "";
    int rc = named->chart ? kc__coverage_clause(db, NULL, named->chart, NULL, named->at,
                                                held, sizeof held)
                          : KC_OK;
    if (!rc && held[0])
        append(w.cohort, sizeof w.cohort, "%s", " in this archive");
    if (!rc)
        rc = answer(db, named, &w, t, open_total);
    if (!rc && held[0]) {
        size_t n = strlen(t->title) + strlen(held) + 32;
        char *title = kc__malloc(n);
        if (!title)
            return kc__fail(db, KC_ENOMEM, "out of memory");
        snprintf(title, n, "%s This archive holds %s.", t->title, held);
        free(t->title);
        t->title = title;
    }
    if (!rc && !strcmp(mode, "first") && named->limit && t->nrows > named->limit) {
        for (size_t i = named->limit * t->ncols; i < t->nrows * t->ncols; i++)
            free(t->cells[i]);
        t->nrows = named->limit;
    }
    return rc;
}

/* The query, its statements in the caller's read transaction (the
 * server's), or in one of its own (the CLI): the count of the songs that
 * met a threshold, their crossings and the list are of one state of the
 * store. */
static int query_records(kc_db *db, const kc_records_opts *o, kc_table **out)
{
    const char *mode = o->mode ? o->mode : "most";
    int64_t at_day;
    measure m;
    cohort_artists a;
    int64_t open_total;
    int rc = check_opts(db, o, mode, &at_day);
    if (!rc)
        rc = measure_of(db, o, mode, &m);
    if (!rc)
        rc = cohort_artists_find(db, &o->cohort, &a);
    if (!rc)
        rc = records_table(db, o, mode, &m, &a, at_day, out, &open_total);
    if (rc)
        return rc;
    /* The answer's words name the artists as stored. */
    kc_records_opts named = *o;
    if (o->cohort.artist)
        named.cohort.artist = a.artist;
    if (o->cohort.member_of)
        named.cohort.member_of = a.group;
    if ((rc = records_answer(db, &named, mode, &m, *out, open_total))) {
        kc_table_free(*out);
        *out = NULL;
    }
    return rc;
}

int kc_query_records(kc_db *db, const kc_records_opts *o, kc_table **out)
{
    *out = NULL;
    bool own = sqlite3_get_autocommit(kc__sql(db));
    int rc = own ? kc_read_begin(db) : KC_OK;
    if (!rc)
        rc = query_records(db, o, out);
    if (own && !rc)
        kc_read_end(db);
    else if (own)
        kc__rollback(db);
    return rc;
}
