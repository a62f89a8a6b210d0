/*
 * regions.c: one song across a family of charts: in how many regions it
 * reached No. 1 (or the top N), where and when first; its ranks across the
 * family on one period; and the songs with the most regions.
 *
 * A family is a set of charts of one provider and one cadence, one chart per
 * region ("No. 1 on Spotify Japan, No. 2 Korea, No. 6 global"). The built-in
 * families come from the registry: `<provider>-<cadence>` is every chart of
 * that provider and cadence (`spotify-weekly` is every
 * `spotify-<region>-weekly`), provided no two of them share a region (the
 * Hot 100 and the Billboard 200 are both `us`: not a family). A user names
 * any other family as a comma-separated list of chart ids. The region
 * `global` is a region of the family like any other; `no_global` leaves it
 * out (a count of countries).
 *
 * Everything is read from the derived entries (a song is the identity the
 * runs gave it, across provider ids and regions), never from the provider's
 * own counters: "reached No. 1 in the window" means an entry at rank 1 in a
 * stored period of the window. Not a store of families and not news: it only
 * reads.
 */
#include "derive/derive.h"

#include <sql/derive_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char **ids; /* chart ids, owned */
    size_t n;
    char cadence[16];
} family;

static void family_free(family *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->ids[i]);
    free(f->ids);
    f->ids = NULL;
    f->n = 0;
}

/* Adds chart id (n bytes) of region to f, refusing a region already there
 * (regions[] runs beside ids[], owned). */
static int family_add(kc_db *db, family *f, char ***regions, const char *fam_name,
                      const char *id, const char *region, const char *cadence)
{
    if (f->n == KC_FAMILY_CHARTS_MAX)
        return kc__fail(db, KC_ETOOBIG, "family %.60s has more than %d charts", fam_name,
                        KC_FAMILY_CHARTS_MAX);
    if (f->n && strcmp(f->cadence, cadence))
        return kc__fail(db, KC_EUSAGE,
                        "a family shares one cadence: %.60s is %s, %.60s is %s",
                        f->ids[0], f->cadence, id, cadence);
    for (size_t i = 0; i < f->n; i++) {
        if (!strcmp(f->ids[i], id))
            return kc__fail(db, KC_EUSAGE, "chart %.60s is named twice in the family",
                            id);
        if (!strcmp((*regions)[i], region))
            return kc__fail(db, KC_EUSAGE,
                            "a family has one chart per region: %.60s and %.60s are "
                            "both %.20s (name the charts: --family ID,ID,...)",
                            f->ids[i], id, region);
    }
    if (!(f->n % 64)) {
        char **ids = kc__realloc(f->ids, (f->n + 64) * sizeof *ids);
        if (ids)
            f->ids = ids;
        char **rs = ids ? kc__realloc(*regions, (f->n + 64) * sizeof *rs) : NULL;
        if (!rs)
            return kc__fail(db, KC_ENOMEM, "out of memory");
        *regions = rs;
    }
    f->ids[f->n] = kc__strdup(id);
    (*regions)[f->n] = kc__strdup(region);
    if (!f->ids[f->n] || !(*regions)[f->n]) {
        free(f->ids[f->n]);
        free((*regions)[f->n]);
        return kc__fail(db, KC_ENOMEM, "out of memory");
    }
    snprintf(f->cadence, sizeof f->cadence, "%s", cadence);
    f->n++;
    return KC_OK;
}

/* The built-in family `name` (<provider>-<cadence>) into f; KC_ENOTFOUND
 * when the registry has no chart of that provider and cadence. */
static int family_builtin(kc_db *db, const char *name, bool no_global, family *f,
                          char ***regions)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_regions_family);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":name", name);
    kc__bind_int64(st, ":no_global", no_global);
    int rc = KC_OK, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = family_add(db, f, regions, name, (const char *)sqlite3_column_text(st, 0),
                        (const char *)sqlite3_column_text(st, 1),
                        (const char *)sqlite3_column_text(st, 2));
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "family");
    sqlite3_finalize(st);
    if (!rc && !f->n)
        rc = KC_ENOTFOUND;
    return rc;
}

/* The family spelled as chart ids "a,b,c" into f. */
static int family_list(kc_db *db, const char *spec, bool no_global, family *f,
                       char ***regions)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_regions_chart);
    if (!st)
        return KC_ESTORE;
    int rc = KC_OK;
    for (const char *p = spec; !rc;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char id[128];
        if (!n) {
            rc = kc__fail(db, KC_EUSAGE, "an empty chart id in the family \"%.60s\"",
                          spec);
            break;
        }
        if (n >= sizeof id) {
            rc = kc__fail(db, KC_EUSAGE, "a chart id in the family is over %zu bytes",
                          sizeof id - 1);
            break;
        }
        memcpy(id, p, n);
        id[n] = '\0';
        sqlite3_reset(st);
        sqlite3_bind_text(st, kc__param(st, ":id"), id, -1, SQLITE_TRANSIENT);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW) {
            const char *region = (const char *)sqlite3_column_text(st, 0);
            if (!no_global || strcmp(region, "global"))
                rc = family_add(db, f, regions, spec, id, region,
                                (const char *)sqlite3_column_text(st, 1));
        } else if (step == SQLITE_DONE) {
            rc =
                kc__fail(db, KC_ENOTFOUND,
                         "unknown family or chart '%s' (a family is <provider>-<cadence>,"
                         " as `kchart regions` lists them, or chart ids separated by"
                         " commas)",
                         id);
        } else {
            rc = kc__sqlfail(db, "family");
        }
        if (!e)
            break;
        p = e + 1;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Resolves o->family into f (owned; family_free). */
static int family_resolve(kc_db *db, const kc_regions_opts *o, family *f)
{
    memset(f, 0, sizeof *f);
    if (!o || !o->family || !*o->family)
        return kc__fail(db, KC_EUSAGE,
                        "name a family (--family F; `kchart regions` lists"
                        " them)");
    if (strlen(o->family) > KC_FAMILY_SPEC_MAX)
        return kc__fail(db, KC_ETOOBIG, "the family is over %d bytes",
                        KC_FAMILY_SPEC_MAX);
    char **regions = NULL;
    int rc = strchr(o->family, ',')
                 ? KC_ENOTFOUND
                 : family_builtin(db, o->family, o->no_global != 0, f, &regions);
    if (rc == KC_ENOTFOUND)
        rc = family_list(db, o->family, o->no_global != 0, f, &regions);
    if (!rc && !f->n)
        rc = kc__fail(db, KC_ENOTFOUND, "the family %.60s has no chart but global",
                      o->family);
    for (size_t i = 0; i < f->n; i++)
        free(regions[i]);
    free(regions);
    if (rc)
        family_free(f);
    return rc;
}

/* A generated statement: fixed text and numbered placeholders only, every
 * value bound; capped at KC_GENERATED_SQL_MAX. The statements of a family are composed
 * here rather than read from SQL files: they take a placeholder per chart
 * of the family and per song, and their pieces are not statements of their
 * own (docs/store.md, "SQL files"). */
typedef struct {
    char *s;
    size_t n, cap;
    bool over;
    bool nomem; /* out of memory (also sets over, to stop adding) */
} sqlbuf;

static void sql_add(sqlbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void sql_add(sqlbuf *b, const char *fmt, ...)
{
    if (b->over)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int len = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (len < 0) {
            b->over = true;
            return;
        }
        if (b->s && b->n + (size_t)len < b->cap) {
            b->n += (size_t)len;
            return;
        }
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap <= b->n + (size_t)len)
            cap *= 2;
        char *s = cap <= KC_GENERATED_SQL_MAX ? kc__realloc(b->s, cap) : NULL;
        if (!s) {
            b->nomem = cap <= KC_GENERATED_SQL_MAX;
            b->over = true;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
}

/* "?first, ?first+1, ..." for n values. */
static void sql_params(sqlbuf *b, size_t first, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sql_add(b, "%s?%zu", i ? "," : "", first + i);
}

/* Parameters of every regions statement: ?1 top, ?2 from, ?3 to, ?4 and ?5
 * the statement's own, then the family's chart ids, then song ids. */
#define FIXED_BINDS 5

/* The family CTE `fam(chart_id, region)` over its chart ids. */
static void sql_family(sqlbuf *b, const family *f)
{
    sql_add(b,
            "WITH fam(chart_id, region) AS (SELECT id, region FROM chart WHERE id IN (");
    sql_params(b, FIXED_BINDS + 1, f->n);
    sql_add(b, "))");
}

/* Runs b with binds: the fixed ones, then the family's ids, then songs. */
static int run_sql(kc_db *db, sqlbuf *b, const char *fixed[FIXED_BINDS], const family *f,
                   char *const *songs, size_t nsongs, kc_table **out)
{
    int rc;
    const char **binds = NULL;
    if (b->nomem)
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    else if (b->over)
        rc = kc__fail(db, KC_ETOOBIG, "the regions query is over %d bytes",
                      KC_GENERATED_SQL_MAX);
    else if (!(binds = kc__malloc((FIXED_BINDS + f->n + nsongs) * sizeof *binds)))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    else {
        for (size_t i = 0; i < FIXED_BINDS; i++)
            binds[i] = fixed[i];
        for (size_t i = 0; i < f->n; i++)
            binds[FIXED_BINDS + i] = f->ids[i];
        for (size_t i = 0; i < nsongs; i++)
            binds[FIXED_BINDS + f->n + i] = songs[i];
        rc = kc__table_from_sql(db, b->s, binds, FIXED_BINDS + f->n + nsongs, out);
    }
    free(binds);
    free(b->s);
    *b = (sqlbuf){0}; /* ready for the next statement */
    return rc;
}

/* Checks the options against the family: top within 1..100000, the window's
 * ends shaped as periods of the family's cadence, from <= to. */
static int check_opts(kc_db *db, const kc_regions_opts *o, const family *f, char top[32])
{
    size_t n = o->top ? o->top : 1;
    if (n > 100000)
        return kc__fail(db, KC_EUSAGE, "the top N must be from 1 to 100000");
    snprintf(top, 32, "%zu", n);
    const char *ends[2] = {o->from, o->to};
    for (int i = 0; i < 2; i++)
        if (ends[i] && !kc__period_valid(f->cadence, ends[i]))
            return kc__fail(db, KC_EUSAGE, "--%s \"%.40s\" is not a period of a %s chart",
                            i ? "to" : "from", ends[i], f->cadence);
    if (o->from && o->to && strcmp(o->from, o->to) > 0)
        return kc__fail(db, KC_EUSAGE, "--from %s is after --to %s", o->from, o->to);
    return KC_OK;
}

/* "top 1" as "No. 1", else "top N". */
static void top_words(const char *top, char out[40])
{
    if (!strcmp(top, "1"))
        snprintf(out, 40, "No. 1");
    else
        snprintf(out, 40, "top %s", top);
}

static void set_title(kc_table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void set_title(kc_table *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    free(t->title);
    t->title = kc__strdup(buf);
}

/* After set_title: a table whose title could not be allocated is freed
 * (*out NULL) and the query fails, out of memory. */
static int titled(kc_db *db, kc_table **out)
{
    if ((*out)->title)
        return KC_OK;
    kc_table_free(*out);
    *out = NULL;
    return kc__fail(db, KC_ENOMEM, "out of memory");
}

/* The window as words for titles: "", " from A", " to B", " from A to B". */
static void window_words(const kc_regions_opts *o, char out[96])
{
    snprintf(out, 96, "%s%.40s%s%.40s", o->from ? " from " : "", o->from ? o->from : "",
             o->to ? " to " : "", o->to ? o->to : "");
}

/* The song ids matching query, as kchart song finds them (at most limit
 * songs), into *ids (owned strings in an owned array). */
static int songs_matching(kc_db *db, const char *query, size_t limit, char ***ids,
                          size_t *n)
{
    *ids = NULL;
    *n = 0;
    kc_table *t = NULL;
    if (!limit || limit > KC_REGION_SONGS_MAX)
        limit = KC_REGION_SONGS_MAX;
    int rc = kc_query_song(db, query, limit, &t);
    if (rc)
        return rc;
    char **v = kc__calloc(t->nrows ? t->nrows : 1, sizeof *v);
    if (!v) {
        kc_table_free(t);
        return kc__fail(db, KC_ENOMEM, "out of memory");
    }
    for (size_t r = 0; r < t->nrows && !rc; r++) {
        const char *id = kc_table_cell(t, r, 0);
        bool seen = false;
        for (size_t i = 0; i < *n && !seen; i++)
            seen = !strcmp(v[i], id);
        if (!seen && !(v[(*n)++] = kc__strdup(id)))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
    }
    kc_table_free(t);
    *ids = v;
    return rc;
}

static void ids_free(char **ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
}

/* (a) per song, the regions where it reached the top N within the window. */
static int regions_of(kc_db *db, char *const *songs, size_t nsongs, const char *label,
                      const kc_regions_opts *o, kc_table **out)
{
    *out = NULL;
    family f;
    int rc = family_resolve(db, o, &f);
    char top[32];
    if (!rc)
        rc = check_opts(db, o, &f, top);
    if (rc) {
        family_free(&f);
        return rc;
    }
    sqlbuf b = {0};
    sql_family(&b, &f);
    /* The song's runs on the family's charts bound the periods to look at
     * (no index on entry(song_id)); a run whose peak is below N cannot
     * hold an entry in the top N. */
    sql_add(&b, ", top AS (SELECT r.song_id AS song_id, f.region AS region,"
                " r.chart_id AS chart, s.period AS period, e.rank AS rank"
                " FROM run r JOIN fam f ON f.chart_id = r.chart_id"
                " JOIN snapshot s ON s.chart_id = r.chart_id"
                "  AND s.period BETWEEN max(r.debut_period, coalesce(?2, ''))"
                "  AND min(r.last_period, coalesce(?3, r.last_period))"
                " JOIN entry e ON e.snapshot_id = s.id"
                "  AND e.rank <= CAST(?1 AS INTEGER) AND e.song_id = r.song_id"
                " WHERE r.peak <= CAST(?1 AS INTEGER) AND r.song_id IN (");
    sql_params(&b, FIXED_BINDS + f.n + 1, nsongs);
    sql_add(&b, "))"
                " SELECT t.song_id AS song_id, so.title AS title, so.artist AS artist,"
                " t.region AS region, t.chart AS chart, min(t.period) AS first,"
                " min(t.rank) AS best, count(*) AS periods"
                " FROM top t JOIN song so ON so.id = t.song_id"
                " GROUP BY t.song_id, t.chart ORDER BY t.song_id, first, t.region");
    const char *fixed[FIXED_BINDS] = {top, o->from, o->to, NULL, NULL};
    rc = run_sql(db, &b, fixed, &f, songs, nsongs, out);
    if (!rc) {
        char words[40], window[96];
        top_words(top, words);
        window_words(o, window);
        size_t nsongs_out = 0;
        for (size_t r = 0; r < (*out)->nrows; r++)
            nsongs_out +=
                !r || strcmp(kc_table_cell(*out, r, 0), kc_table_cell(*out, r - 1, 0));
        if (nsongs == 1)
            set_title(*out, "%.100s: %s in %zu of %zu regions of %.120s%s", label, words,
                      (*out)->nrows, f.n, o->family, window);
        else
            set_title(*out,
                      "\"%.100s\": %zu of %zu songs reached %s in %.120s (%zu charts)%s",
                      label, nsongs_out, nsongs, words, o->family, f.n, window);
        rc = titled(db, out);
    }
    family_free(&f);
    return rc;
}

int kc_query_regions(kc_db *db, const char *query, size_t limit, const kc_regions_opts *o,
                     kc_table **out)
{
    *out = NULL;
    char **ids;
    size_t n;
    int rc = songs_matching(db, query, limit, &ids, &n);
    if (!rc)
        rc = regions_of(db, ids, n, query, o, out);
    ids_free(ids, n);
    return rc;
}

/* The id as the one-element list the statements take, after checking that
 * the song exists (*label: "song ID"). */
static int one_song(kc_db *db, int64_t id, char sid[32], char label[48])
{
    snprintf(sid, 32, "%lld", (long long)id);
    snprintf(label, 48, "song %lld", (long long)id);
    sqlite3_stmt *st = kc__prepare(db, kc__sql_regions_song);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":song", id);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step == SQLITE_DONE)
        return kc__fail(db, KC_ENOTFOUND, "no song %lld", (long long)id);
    return step == SQLITE_ROW ? KC_OK : kc__sqlfail(db, "song");
}

int kc_query_song_regions(kc_db *db, int64_t song_id, const kc_regions_opts *o,
                          kc_table **out)
{
    *out = NULL;
    char sid[32], label[48];
    char *ids[1] = {sid};
    int rc = one_song(db, song_id, sid, label);
    return rc ? rc : regions_of(db, ids, 1, label, o, out);
}

/* (b) the songs' ranks across the family on the period at `on`. */
static int regions_on(kc_db *db, char *const *songs, size_t nsongs, const char *label,
                      const kc_regions_opts *o, const char *on, kc_table **out)
{
    *out = NULL;
    family f;
    int rc = family_resolve(db, o, &f);
    if (rc)
        return rc;
    char last[16];
    int64_t days;
    if (!on || !kc__period_valid(f.cadence, on)) {
        rc = kc__fail(db, KC_EUSAGE, "--on \"%.40s\" is not a period of a %s chart",
                      on ? on : "", f.cadence);
    } else if (!strcmp(f.cadence, "weekly") && kc__parse_date(on, strlen(on), &days)) {
        /* A weekly period names the week's last day (Spotify: the Thursday
         * that ends a Friday-Thursday week), so the week holding `on` is the
         * first stored period from `on` to six days later. */
        kc__format_date(days + 6, last);
    } else {
        snprintf(last, sizeof last, "%s", on);
    }
    if (rc) {
        family_free(&f);
        return rc;
    }
    sqlbuf b = {0};
    sql_family(&b, &f);
    sql_add(
        &b,
        ", at AS (SELECT f.chart_id AS chart_id, f.region AS region,"
        "  (SELECT min(s.period) FROM snapshot s WHERE s.chart_id = f.chart_id"
        "   AND s.period BETWEEN ?4 AND ?5) AS period FROM fam f)"
        " SELECT r.song_id AS song_id, so.title AS title, so.artist AS artist,"
        " a.region AS region, a.chart_id AS chart, a.period AS period, e.rank AS rank"
        " FROM at a JOIN snapshot s ON s.chart_id = a.chart_id AND s.period = a.period"
        " JOIN run r ON r.chart_id = a.chart_id"
        "  AND a.period BETWEEN r.debut_period AND r.last_period"
        " JOIN entry e ON e.snapshot_id = s.id AND e.song_id = r.song_id"
        " JOIN song so ON so.id = r.song_id WHERE r.song_id IN (");
    sql_params(&b, FIXED_BINDS + f.n + 1, nsongs);
    sql_add(&b, ") ORDER BY r.song_id, e.rank, a.region");
    const char *fixed[FIXED_BINDS] = {NULL, NULL, NULL, on, last};
    rc = run_sql(db, &b, fixed, &f, songs, nsongs, out);
    if (!rc) {
        if (nsongs == 1)
            set_title(*out, "%.100s on %s: charted in %zu of %zu regions of %.120s",
                      label, on, (*out)->nrows, f.n, o->family);
        else
            set_title(*out, "\"%.100s\" on %s: %zu songs, %zu charts of %.120s", label,
                      on, nsongs, f.n, o->family);
        rc = titled(db, out);
    }
    family_free(&f);
    return rc;
}

int kc_query_regions_on(kc_db *db, const char *query, size_t limit,
                        const kc_regions_opts *o, const char *on, kc_table **out)
{
    *out = NULL;
    char **ids;
    size_t n;
    int rc = songs_matching(db, query, limit, &ids, &n);
    if (!rc)
        rc = regions_on(db, ids, n, query, o, on, out);
    ids_free(ids, n);
    return rc;
}

int kc_query_song_regions_on(kc_db *db, int64_t song_id, const kc_regions_opts *o,
                             const char *on, kc_table **out)
{
    *out = NULL;
    char sid[32], label[48];
    char *ids[1] = {sid};
    int rc = one_song(db, song_id, sid, label);
    return rc ? rc : regions_on(db, ids, 1, label, o, on, out);
}

/* Drops t's last column (its cells and name). */
static void drop_last_column(kc_table *t)
{
    size_t nc = t->ncols, last = nc - 1;
    for (size_t r = 0; r < t->nrows; r++) {
        free(t->cells[r * nc + last]);
        for (size_t c = 0; c < last; c++) {
            t->cells[r * last + c] = t->cells[r * nc + c];
            t->types[r * last + c] = t->types[r * nc + c];
        }
    }
    free(t->cols[last]);
    t->ncols = last;
}

/* (c) songs by the number of regions where they reached the top N. */
int kc_query_regions_leaderboard(kc_db *db, const kc_regions_opts *o, kc_page *page,
                                 kc_table **out)
{
    *out = NULL;
    family f;
    int rc = family_resolve(db, o, &f);
    char top[32], lim[32], off[32];
    if (!rc)
        rc = check_opts(db, o, &f, top);
    if (rc) {
        family_free(&f);
        return rc;
    }
    snprintf(lim, sizeof lim, "%zu", page->limit ? page->limit : (size_t)1000000000);
    snprintf(off, sizeof off, "%zu", page->offset);
    /* Per song and region the first period in the top N; then per song the
     * count, the first of those, and the regions in order (a window with
     * ORDER BY, so that the list's order is defined). */
#define TOP_CTE                                                                          \
    ", top AS (SELECT e.song_id AS song_id, f.region AS region, min(s.period) AS first"  \
    "  FROM fam f JOIN snapshot s ON s.chart_id = f.chart_id"                            \
    "   AND s.period >= coalesce(?2, '') AND (?3 IS NULL OR s.period <= ?3)"             \
    "  JOIN entry e ON e.snapshot_id = s.id AND e.rank <= CAST(?1 AS INTEGER)"           \
    "  GROUP BY e.song_id, f.region)"
    sqlbuf b = {0};
    sql_family(&b, &f);
    /* One pass: the page and, beside it, the count of the whole list
     * (count(*) OVER () runs before LIMIT), a column dropped below. */
    sql_add(
        &b, TOP_CTE
        ", board AS (SELECT song_id, count(*) OVER w AS regions,"
        "  min(first) OVER w AS first, group_concat(region, ' ') OVER w AS list,"
        "  row_number() OVER w AS n FROM top WINDOW w AS (PARTITION BY song_id"
        "  ORDER BY region ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))"
        " SELECT ?5 + row_number() OVER (ORDER BY b.regions DESC, b.first, b.song_id)"
        " AS pos, b.song_id AS song_id, so.title AS title, so.artist AS artist,"
        " b.regions AS regions, b.first AS first, b.list AS region_list, b.total"
        " FROM (SELECT *, count(*) OVER () AS total FROM board WHERE n = 1"
        "  ORDER BY regions DESC, first, song_id LIMIT ?4 OFFSET ?5) b"
        " JOIN song so ON so.id = b.song_id ORDER BY b.regions DESC, b.first, b.song_id");
    const char *fixed[FIXED_BINDS] = {top, o->from, o->to, lim, off};
    rc = run_sql(db, &b, fixed, &f, NULL, 0, out);
    if (!rc && !(*out)->nrows && page->offset) {
        /* A page past the end: count the list alone. */
        kc_table *count = NULL;
        sql_family(&b, &f);
        sql_add(&b, TOP_CTE " SELECT count(DISTINCT song_id) FROM top");
        rc = run_sql(db, &b, fixed, &f, NULL, 0, &count);
        page->total = rc ? 0 : (size_t)strtoull(kc_table_cell(count, 0, 0), NULL, 10);
        kc_table_free(count);
    } else if (!rc) {
        page->total =
            (*out)->nrows
                ? (size_t)strtoull(kc_table_cell(*out, 0, (*out)->ncols - 1), NULL, 10)
                : 0;
    }
    if (!rc)
        drop_last_column(*out);
#undef TOP_CTE
    if (rc) {
        kc_table_free(*out);
        *out = NULL;
    } else {
        char words[40], window[96];
        top_words(top, words);
        window_words(o, window);
        set_title(*out, "%.120s (%zu charts): songs by regions at %s%s", o->family, f.n,
                  words, window);
        rc = titled(db, out);
    }
    family_free(&f);
    return rc;
}

/* The families and a song's regions at No. 1 splice KC__IS_FAMILY
 * (model.h), the rule news/news.c uses too: C strings, so that it is
 * written once. */
int kc_query_families(kc_db *db, kc_table **out)
{
    return kc__table_from_sql(
        db,
        "SELECT family, provider, cadence, charts, regions FROM"
        " (SELECT DISTINCT provider || '-' || cadence AS family, provider, cadence,"
        "  count(*) OVER w AS charts, group_concat(region, ' ') OVER w AS regions"
        "  FROM chart c WHERE" KC__IS_FAMILY
        "  WINDOW w AS (PARTITION BY provider, cadence ORDER BY region, id"
        "   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))"
        " ORDER BY family",
        NULL, 0, out);
}

int kc_query_song_no1_regions(kc_db *db, int64_t song_id, kc_table **out)
{
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)song_id);
    const char *binds[] = {id};
    /* As regions_of with top 1 and no window, over every family at once: a
     * family is a provider and cadence (KC__IS_FAMILY), and a run whose peak
     * is below No. 1 holds no entry at No. 1. */
    return kc__table_from_sql(
        db,
        "SELECT c.provider || '-' || c.cadence AS family, c.region AS region,"
        " r.chart_id AS chart, min(s.period) AS first, min(e.rank) AS best,"
        " count(*) AS periods"
        " FROM run r JOIN chart c ON c.id = r.chart_id"
        " JOIN snapshot s ON s.chart_id = r.chart_id"
        "  AND s.period BETWEEN r.debut_period AND r.last_period"
        " JOIN entry e ON e.snapshot_id = s.id AND e.rank <= 1 AND e.song_id = r.song_id"
        " WHERE r.song_id = CAST(?1 AS INTEGER) AND r.peak <= 1 AND" KC__IS_FAMILY
        " GROUP BY r.chart_id ORDER BY family, first, region",
        binds, 1, out);
}
