/*
 * sales.c (ingest): album sales files and the Billboard 200 method's weekly
 * inputs, read into the store; the units chart handed to ingest as a chart.
 *
 * Two inputs, both CSV and both about the catalog's releases:
 *   - sales as a provider reported them (Hanteo, Circle, Oricon, Luminate
 *     or any other): provider, period, release, artist, units, with optional
 *     country, kind (day, week, month, year, cumulative) and version;
 *   - the weekly inputs of the Billboard 200 method per album: chart date,
 *     release, artist, sales, track sales and streams by tier.
 * A release is the catalog's (its key, or its title with its artist); an
 * unknown one is an error naming the nearest, unless the caller asks to
 * create it. Each import is one transaction: a file is stored whole or the
 * import stores nothing. A row already stored with the same units is
 * unchanged; different units for the same row are refused. The units chart
 * of every week is handed to ingest as snapshots of the registered chart
 * billboard-200-units whenever its inputs or ratios change, in the same
 * transaction, so that runs (debut, peak, weeks) apply to it as to any
 * chart. What the rows come to is derive/sales.c's.
 */
#include "ingest/ingest.h"

#include <math.h>
#include <sql/ingest_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    kc_db *db;
    const kc_sales_opts *o;
    kc_sales_stats *stats;
    const char *path; /* the file being read, for messages */
    const char *file; /* its base name, stored with each row */
    kc__map *found;   /* artist \x1f release as written -> release id */
    kc__map *sums;    /* release id \x1f provider -> (double *) its units in all */
} sctx;

/* Adds the units of a row just stored to what release's rows from provider
 * come to (read from the store the first time, this row included),
 * refusing the row that takes it past KC_UNITS_SUM_MAX: every window's sum
 * then stays far from overflowing. */
static int sum_check(sctx *c, int64_t release, const char *provider, uint64_t units,
                     int line, int col)
{
    char key[128];
    int n = snprintf(key, sizeof key, "%lld\x1f%s", (long long)release, provider);
    bool created;
    double **slot = (double **)kc__map_get(c->sums, key, (size_t)n, true, &created);
    if (!slot || (created && !(*slot = kc__malloc(sizeof **slot))))
        return kc__fail(c->db, KC_ENOMEM, "out of memory");
    if (created) {
        sqlite3_stmt *st = kc__stmt(c->db, kc__sql_sales_release_total);
        if (!st)
            return KC_ESTORE;
        kc__bind_int64(st, ":release", release);
        kc__bind_text(st, ":provider", provider);
        if (sqlite3_step(st) != SQLITE_ROW) {
            sqlite3_reset(st);
            return kc__sqlfail(c->db, "sales total");
        }
        **slot = sqlite3_column_double(st, 0) - (double)units;
        sqlite3_reset(st);
    }
    if (**slot + (double)units > (double)KC_UNITS_SUM_MAX)
        return kc__fail(
            c->db, KC_EINPUT,
            "%s:%d:%d: this row takes the release's units from %s past %lld in "
            "all (KC_UNITS_SUM_MAX): a sum kchart would not hold",
            c->path, line, col, provider, (long long)KC_UNITS_SUM_MAX);
    **slot += (double)units;
    return KC_OK;
}

/* Makes a release (kind album) of title by artist (made, of kind other, when
 * unknown), released at midnight of day in zone: what a sales file says of
 * a release the catalog lacks. */
static int create_release(sctx *c, const char *title, const char *artist,
                          const char *zone, int64_t day, int64_t *id)
{
    int64_t aid = 0;
    int rc = kc__artist_find(c->db, artist, &aid);
    if (rc)
        return rc;
    if (!aid) {
        if ((rc = kc__artist_create(c->db, artist, &aid)))
            return rc;
    }
    char key[2 * KC_SALES_TEXT_MAX + 2], date[16];
    snprintf(key, sizeof key, "%s/%s", artist, title);
    kc__format_date(day, date);
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_sales_release_put);
    if (!st)
        return KC_ESTORE;
    /* key and date outlive the step: bound without a copy (a copy could
     * fail, out of memory, and bind NULL). */
    kc__bind_text(st, ":key", key);
    kc__bind_text(st, ":title", title);
    kc__bind_int64(st, ":artist", aid);
    kc__bind_text(st, ":released", date);
    kc__bind_text(st, ":zone", zone);
    kc__bind_int64(st, ":utc", kc__day_start(zone, day));
    rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(c->db, "release");
    sqlite3_reset(st);
    if (!rc) {
        *id = sqlite3_last_insert_rowid(kc__sql(c->db));
        c->stats->created++;
    }
    return rc;
}

/* The release of a row, or an error at line:col naming the nearest. */
static int resolve(sctx *c, const char *release, const char *artist, const char *zone,
                   int64_t day, int line, int col, int64_t *id)
{
    if (!*release)
        return kc__fail(c->db, KC_EINPUT, "%s:%d:%d: empty release", c->path, line, col);
    /* A release is named on many rows: found once an import. */
    size_t la = strlen(artist), lr = strlen(release);
    char *key = kc__malloc(la + lr + 2);
    if (!key)
        return kc__fail(c->db, KC_ENOMEM, "out of memory");
    memcpy(key, artist, la);
    key[la] = '\x1f';
    memcpy(key + la + 1, release, lr + 1);
    void **slot = kc__map_get(c->found, key, la + lr + 1, false, NULL);
    *id = slot ? (int64_t)(intptr_t)*slot : 0;
    int rc = KC_OK;
    if (!*id) {
        rc = kc__release_find(c->db, release, artist, id);
        if (!rc && !*id && c->o->create && *artist)
            rc = create_release(c, release, artist, zone, day, id);
        if (!rc && *id && !(slot = kc__map_get(c->found, key, la + lr + 1, true, NULL)))
            rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
        else if (!rc && *id)
            *slot = (void *)(intptr_t)*id;
    }
    free(key);
    if (rc == KC_EINPUT) { /* an ambiguous artist: say where */
        char what[KC_ERRMSG_MAX];
        snprintf(what, sizeof what, "%s", kc_errmsg(c->db));
        return kc__fail(c->db, rc, "%s:%d:%d: %s", c->path, line, col, what);
    }
    if (rc || *id)
        return rc;
    char near[700];
    kc__release_suggest(c->db, release, near, sizeof near);
    return kc__fail(c->db, KC_EINPUT, "%s:%d:%d: unknown release \"%s\"%s%s%s%s", c->path,
                    line, col, release, *artist ? " by \"" : "", artist,
                    *artist ? "\"" : "",
                    near[0] ? near : " (import it with the catalog, or --create)");
}

/* ---- the CSV ----------------------------------------------------------- */

/* A header of known columns into where[] (-1: absent); the first nreq are
 * required. */
static int header(sctx *c, kc__csv *r, const char *const *names, int ncols, int nreq,
                  const char *shape, int *where)
{
    for (int k = 0; k < ncols; k++)
        where[k] = -1;
    for (size_t i = 0; i < r->nfields; i++) {
        const char *f = kc__csv_field(r, i);
        int k = 0;
        while (k < ncols && strcmp(f, names[k]))
            k++;
        if (k == ncols || where[k] >= 0)
            return kc__fail(c->db, KC_EINPUT,
                            k == ncols ? "%s:%d:%d: unknown column \"%s\" (%s)"
                                       : "%s:%d:%d: column \"%s\" twice%.0s",
                            c->path, (int)r->rec_line, (int)r->col[i], f, shape);
        where[k] = (int)i;
    }
    for (int k = 0; k < nreq; k++)
        if (where[k] < 0)
            return kc__fail(c->db, KC_EINPUT,
                            "%s:%d:1: missing column \"%s\" (the header is %s)", c->path,
                            (int)r->rec_line, names[k], shape);
    return KC_OK;
}

/* The days a period of kind covers: day and cumulative YYYY-MM-DD (one day;
 * a cumulative total is as of its end), week YYYY-MM-DD (seven days from
 * it), month YYYY-MM, year YYYY. */
static bool period_days(const char *kind, const char *p, int64_t *first, int64_t *last)
{
    size_t n = strlen(p);
    int y, m;
    if (!strcmp(kind, "day") || !strcmp(kind, "cumulative") || !strcmp(kind, "week")) {
        if (n != 10 || !kc__parse_date(p, 10, first))
            return false;
        *last = *first + (kind[0] == 'w' ? 6 : 0);
        return true;
    }
    if (!strcmp(kind, "month")) {
        if (n != 7 || p[4] != '-' || !kc__digits(p, 4, &y) || !kc__digits(p + 5, 2, &m) ||
            !kc__ymd_valid(y, m, 1))
            return false;
        *first = kc__days_from_civil(y, m, 1);
        *last = (m == 12 ? kc__days_from_civil(y + 1, 1, 1)
                         : kc__days_from_civil(y, m + 1, 1)) -
                1;
        return true;
    }
    if (!strcmp(kind, "year")) {
        if (n != 4 || !kc__digits(p, 4, &y) || !kc__ymd_valid(y, 1, 1))
            return false;
        *first = kc__days_from_civil(y, 1, 1);
        *last = kc__days_from_civil(y + 1, 1, 1) - 1;
        return true;
    }
    return false;
}

/* A text field: at most KC_SALES_TEXT_MAX bytes, no control characters. */
static int text_ok(sctx *c, const char *s, const char *what, int line, int col)
{
    if (strlen(s) > KC_SALES_TEXT_MAX)
        return kc__fail(c->db, KC_EINPUT, "%s:%d:%d: %s longer than %d bytes", c->path,
                        line, col, what, KC_SALES_TEXT_MAX);
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            return kc__fail(c->db, KC_EINPUT, "%s:%d:%d: control character in %s",
                            c->path, line, col, what);
    return KC_OK;
}

/* Stores a row through check (SELECT units, file ... with the key bound the
 * same way as ins): the same units again are unchanged, others refused. */
static int put_row(sctx *c, sqlite3_stmt *check, sqlite3_stmt *ins, int64_t units,
                   int line, int col, const char *shown)
{
    int step = sqlite3_step(check), rc = KC_OK;
    if (step == SQLITE_ROW) {
        int64_t was = sqlite3_column_int64(check, 0);
        const char *from = (const char *)sqlite3_column_text(check, 1);
        if (was == units)
            c->stats->unchanged++;
        else
            rc = kc__fail(c->db, KC_ECONFLICT,
                          "%s:%d:%d: %s is already stored as %lld (from %s), not %lld",
                          c->path, line, col, shown, (long long)was, from ? from : "?",
                          (long long)units);
    } else if (step != SQLITE_DONE)
        rc = kc__sqlfail(c->db, "sales");
    sqlite3_reset(check);
    if (rc || step == SQLITE_ROW) {
        sqlite3_reset(ins);
        return rc;
    }
    rc = sqlite3_step(ins) == SQLITE_DONE ? KC_OK : kc__sqlfail(c->db, "sales");
    sqlite3_reset(ins);
    if (!rc)
        c->stats->stored++;
    return rc;
}

enum {
    S_PROVIDER,
    S_PERIOD,
    S_RELEASE,
    S_ARTIST,
    S_UNITS,
    S_COUNTRY,
    S_KIND,
    S_VERSION,
    S_NCOLS
};

static int read_sales(sctx *c, kc__csv *r)
{
    static const char *const names[S_NCOLS] = {
        "provider", "period", "release", "artist", "units", "country", "kind", "version"};
    static const char shape[] =
        "provider,period,release,artist,units with optional country,kind,version";
    int where[S_NCOLS], got, rc = header(c, r, names, S_NCOLS, 5, shape, where);
    size_t nf = 0, rows = 0;
    for (int k = 0; k < S_NCOLS; k++)
        nf += where[k] >= 0;
    char err[KC_ERRMSG_MAX];
    while (!rc && (got = kc__csv_next(r, err, sizeof err)) > 0) {
        int line = (int)r->rec_line;
        if (r->nfields != nf) {
            rc = kc__fail(c->db, KC_EINPUT, "%s:%d:1: %zu fields, expected %zu", c->path,
                          line, r->nfields, nf);
            break;
        }
        rows++;
#define F(k) (where[k] >= 0 ? kc__csv_field(r, (size_t)where[k]) : "")
#define COL(k) (where[k] >= 0 ? (int)r->col[where[k]] : 1)
        const char *pname = F(S_PROVIDER), *period = F(S_PERIOD), *units = F(S_UNITS);
        const char *kind = *F(S_KIND) ? F(S_KIND) : "week";
        kc__provider p;
        int64_t first = 0, last = 0, release = 0;
        uint64_t u;
        if ((rc = kc__sale_provider(c->db, pname, &p)))
            break;
        if (!p.zone[0])
            rc = kc__fail(c->db, KC_EINPUT,
                          "%s:%d:%d: unknown provider \"%s\" (hanteo, circle, oricon, "
                          "luminate or any)",
                          c->path, line, COL(S_PROVIDER), pname);
        else if (strcmp(kind, "day") && strcmp(kind, "week") && strcmp(kind, "month") &&
                 strcmp(kind, "year") && strcmp(kind, "cumulative"))
            rc = kc__fail(c->db, KC_EINPUT,
                          "%s:%d:%d: kind \"%s\" is not day, week, month, year or "
                          "cumulative",
                          c->path, line, COL(S_KIND), kind);
        else if (!period_days(kind, period, &first, &last))
            rc = kc__fail(c->db, KC_EINPUT, "%s:%d:%d: period \"%s\" is not %s (kind %s)",
                          c->path, line, COL(S_PERIOD), period,
                          kind[0] == 'm'   ? "YYYY-MM"
                          : kind[0] == 'y' ? "YYYY"
                                           : "YYYY-MM-DD",
                          kind);
        else if (!kc__parse_u64(units, strlen(units), KC_UNITS_MAX, &u))
            rc = kc__fail(c->db, KC_EINPUT,
                          "%s:%d:%d: units \"%s\" is not a whole number from 0 to %lld "
                          "(KC_UNITS_MAX)",
                          c->path, line, COL(S_UNITS), units, (long long)KC_UNITS_MAX);
        else if (!(rc = text_ok(c, F(S_RELEASE), "release", line, COL(S_RELEASE))) &&
                 !(rc = text_ok(c, F(S_ARTIST), "artist", line, COL(S_ARTIST))) &&
                 !(rc = text_ok(c, F(S_VERSION), "version", line, COL(S_VERSION))) &&
                 !(rc = text_ok(c, F(S_COUNTRY), "country", line, COL(S_COUNTRY))))
            rc = resolve(c, F(S_RELEASE), F(S_ARTIST), p.zone, first, line,
                         COL(S_RELEASE), &release);
        if (rc)
            break;
        sqlite3_stmt *check = kc__stmt(c->db, kc__sql_sales_row_find);
        sqlite3_stmt *ins = kc__stmt(c->db, kc__sql_sales_row_put);
        if (!check || !ins) {
            rc = KC_ESTORE;
            break;
        }
        sqlite3_stmt *both[2] = {check, ins};
        for (int i = 0; i < 2; i++) {
            kc__bind_text(both[i], ":provider", pname);
            kc__bind_int64(both[i], ":release", release);
            kc__bind_text(both[i], ":version", F(S_VERSION));
            kc__bind_text(both[i], ":country", F(S_COUNTRY));
            kc__bind_text(both[i], ":kind", kind);
            kc__bind_text(both[i], ":period", period);
        }
        kc__bind_int64(ins, ":first_day", first);
        kc__bind_int64(ins, ":last_day", last);
        kc__bind_int64(ins, ":units", (int64_t)u);
        kc__bind_text(ins, ":file", c->file);
        char shown[2 * KC_SALES_TEXT_MAX + 64];
        snprintf(shown, sizeof shown, "%s %s %s of \"%s\"", pname, kind, period,
                 F(S_RELEASE));
        size_t stored = c->stats->stored;
        rc = put_row(c, check, ins, (int64_t)u, line, COL(S_UNITS), shown);
        if (!rc && c->stats->stored > stored)
            rc = sum_check(c, release, pname, u, line, COL(S_UNITS));
#undef F
#undef COL
    }
    if (!rc && got < 0)
        rc = kc__fail(c->db, r->nomem ? KC_ENOMEM : KC_EINPUT, "%s", err);
    if (!rc && rows == 0)
        rc = kc__fail(c->db, KC_EINPUT, "%s:2:1: no rows after the header", c->path);
    return rc;
}

enum { U_WEEK, U_RELEASE, U_ARTIST, U_SALES, U_TRACKS, U_PAID, U_AD, U_VIDEO, U_NCOLS };

static int read_units(sctx *c, kc__csv *r)
{
    static const char *const names[U_NCOLS] = {
        "week",        "release",      "artist",     "sales",
        "track_sales", "paid_streams", "ad_streams", "video_streams"};
    static const char shape[] = "week,release,artist,sales,track_sales,paid_streams,"
                                "ad_streams with optional video_streams";
    int where[U_NCOLS], got, rc = header(c, r, names, U_NCOLS, 7, shape, where);
    size_t nf = 0, rows = 0;
    for (int k = 0; k < U_NCOLS; k++)
        nf += where[k] >= 0;
    char err[KC_ERRMSG_MAX];
    while (!rc && (got = kc__csv_next(r, err, sizeof err)) > 0) {
        int line = (int)r->rec_line;
        if (r->nfields != nf) {
            rc = kc__fail(c->db, KC_EINPUT, "%s:%d:1: %zu fields, expected %zu", c->path,
                          line, r->nfields, nf);
            break;
        }
        rows++;
#define F(k) (where[k] >= 0 ? kc__csv_field(r, (size_t)where[k]) : "0")
#define COL(k) ((int)r->col[where[k]])
        int64_t week, release;
        uint64_t v[4 + 1];
        const char *week_s = F(U_WEEK);
        if (strlen(week_s) != 10 || !kc__parse_date(week_s, 10, &week) ||
            kc__weekday(week) != 6) {
            rc = kc__fail(c->db, KC_EINPUT,
                          "%s:%d:%d: week \"%s\" is not a chart date YYYY-MM-DD (a "
                          "Saturday)",
                          c->path, line, COL(U_WEEK), week_s);
            break;
        }
        for (int k = U_SALES; k <= U_VIDEO && !rc; k++)
            if (!kc__parse_u64(F(k), strlen(F(k)), KC_UNITS_MAX, &v[k - U_SALES]))
                rc = kc__fail(c->db, KC_EINPUT,
                              "%s:%d:%d: %s \"%s\" is not a whole number from 0 to %lld "
                              "(KC_UNITS_MAX)",
                              c->path, line, COL(k), names[k], F(k),
                              (long long)KC_UNITS_MAX);
        if (!rc && !(rc = text_ok(c, F(U_RELEASE), "release", line, COL(U_RELEASE))) &&
            !(rc = text_ok(c, F(U_ARTIST), "artist", line, COL(U_ARTIST))))
            rc = resolve(c, F(U_RELEASE), F(U_ARTIST), "America/New_York", week - 15,
                         line, COL(U_RELEASE), &release);
        if (rc)
            break;
        sqlite3_stmt *check = kc__stmt(c->db, kc__sql_sales_week_find);
        sqlite3_stmt *ins = kc__stmt(c->db, kc__sql_sales_week_put);
        if (!check || !ins) {
            rc = KC_ESTORE;
            break;
        }
        char all[128];
        snprintf(all, sizeof all, "%llu/%llu/%llu/%llu/%llu", (unsigned long long)v[0],
                 (unsigned long long)v[1], (unsigned long long)v[2],
                 (unsigned long long)v[3], (unsigned long long)v[4]);
        sqlite3_stmt *both[2] = {check, ins};
        for (int i = 0; i < 2; i++) {
            kc__bind_int64(both[i], ":release", release);
            kc__bind_int64(both[i], ":week", week);
        }
        kc__bind_text(check, ":inputs", all);
        static const char *const inputs[] = {":sales", ":track_sales", ":paid_streams",
                                             ":ad_streams", ":video_streams"};
        for (int k = 0; k < 5; k++)
            kc__bind_int64(ins, inputs[k], (int64_t)v[k]);
        kc__bind_text(ins, ":file", c->file);
        /* put_row compares a number: 1 when the stored inputs are these. */
        char shown[KC_SALES_TEXT_MAX + 64];
        snprintf(shown, sizeof shown, "the week %s of \"%s\" (1: the same inputs)",
                 week_s, F(U_RELEASE));
        rc = put_row(c, check, ins, 1, line, COL(U_SALES), shown);
#undef F
#undef COL
    }
    if (!rc && got < 0)
        rc = kc__fail(c->db, r->nomem ? KC_ENOMEM : KC_EINPUT, "%s", err);
    if (!rc && rows == 0)
        rc = kc__fail(c->db, KC_EINPUT, "%s:2:1: no rows after the header", c->path);
    return rc;
}

static int units_chart_store(kc_db *db, kc_sales_stats *stats, const char *file);

static int import_file(sctx *c, const char *path, bool units)
{
    char *buf;
    size_t len;
    int rc = kc__read_file(c->db, path, &buf, &len);
    if (rc)
        return rc;
    c->path = path;
    const char *slash = strrchr(path, '/');
    c->file = slash ? slash + 1 : path;
    kc__csv r;
    char err[KC_ERRMSG_MAX];
    kc__csv_init(&r, path, buf, len);
    int got;
    kc__file f;
    if (kc__utf8_check(buf, len) != len)
        rc = kc__fail(c->db, KC_EINPUT, "%s:1:1: not UTF-8", path);
    else if ((got = kc__csv_next(&r, err, sizeof err)) < 0)
        rc = kc__fail(c->db, r.nomem ? KC_ENOMEM : KC_EINPUT, "%s", err);
    else if (got == 0)
        rc = kc__fail(c->db, KC_EINPUT, "%s:1:1: empty file", path);
    else if (!(rc = kc__file_begin(c->db, &f, units ? "units" : "sales", path, buf,
                                   len))) {
        rc = units ? read_units(c, &r) : read_sales(c, &r);
        /* The units chart as this file leaves it, among its changes: a
         * forget puts back the weeks as they were. */
        if (!rc && units)
            rc = units_chart_store(c->db, c->stats, f.digest);
        if (!rc)
            rc = kc__touched(c->db, "sales", NULL, NULL, f.digest);
        rc = kc__file_end(c->db, &f, rc);
    }
    if (!rc)
        c->stats->files++;
    kc__csv_free(&r);
    free(buf);
    return rc;
}

static int import(kc_db *db, const char *const *paths, size_t n,
                  const kc_sales_opts *opts, kc_sales_stats *stats, bool units)
{
    static const kc_sales_opts none = {0};
    kc_sales_stats st = {0};
    sctx c = {.db = db,
              .o = opts ? opts : &none,
              .stats = &st,
              .found = kc__map_new(),
              .sums = kc__map_new()};
    int rc = c.found && c.sums ? kc__begin(db) : kc__fail(db, KC_ENOMEM, "out of memory");
    if (rc) {
        kc__map_free(c.found, NULL);
        kc__map_free(c.sums, free);
        return rc;
    }
    for (size_t i = 0; !rc && i < n; i++)
        rc = import_file(&c, paths[i], units);
    rc = kc__end(db, rc);
    kc__map_free(c.found, NULL);
    kc__map_free(c.sums, free);
    if (!rc && stats) {
        stats->files += st.files;
        stats->stored += st.stored;
        stats->unchanged += st.unchanged;
        stats->created += st.created;
        stats->weeks += st.weeks;
        stats->weeks_unchanged += st.weeks_unchanged;
    }
    return rc;
}

int kc_sales_import(kc_db *db, const char *const *paths, size_t n,
                    const kc_sales_opts *opts, kc_sales_stats *stats)
{
    return import(db, paths, n, opts, stats, false);
}

int kc_units_import(kc_db *db, const char *const *paths, size_t n,
                    const kc_sales_opts *opts, kc_sales_stats *stats)
{
    return import(db, paths, n, opts, stats, true);
}

/* ---- the units chart as a chart ----------------------------------------- */

#define UNITS_CHART "billboard-200-units"

/* Adds the units chart of the chart date day (its first size albums) to b. */
static int units_week(kc_db *db, kc__batch *b, int64_t day, int size)
{
    char d[24], l[24], period[16], err[KC_ERRMSG_MAX];
    snprintf(d, sizeof d, "%lld", (long long)day);
    snprintf(l, sizeof l, "%d", size);
    kc__format_date(day, period);
    /* Composed from KC__UNITS_SQL, not an SQL file: derive's units chart
     * splices it too, and the formula is written once (derive.h). */
    sqlite3_stmt *st =
        kc__stmt(db, KC__UNITS_SQL " SELECT " KC__UNITS_RANK
                                   " AS rank, title, artist, release_key,"
                                   " CAST(round(sales + tea + sea) AS INTEGER) FROM u"
                                   " ORDER BY rank LIMIT ?2");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, d, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, l, -1, SQLITE_STATIC);
    int rc = KC_OK, status = KC_OK, step = SQLITE_DONE;
    kc__snap *s = kc__batch_snap(b, UNITS_CHART, period, 1, &status, err, sizeof err);
    if (!s)
        rc = kc__fail(db, status, "%s", err);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *title = (const char *)sqlite3_column_text(st, 1);
        const char *artist = (const char *)sqlite3_column_text(st, 2);
        const char *key = (const char *)sqlite3_column_text(st, 3);
        kc__row *r = kc__snap_row(b, s, 1, &status, err, sizeof err);
        if (!r) {
            rc = kc__fail(db, status, "%s", err);
            break;
        }
        char id[KC_SALES_TEXT_MAX + 16];
        snprintf(id, sizeof id, "release:%s", key ? key : "");
        r->rank = sqlite3_column_int(st, 0);
        r->title = title ? kc__batch_strdup(b, title, strlen(title)) : NULL;
        r->artist = artist ? kc__batch_strdup(b, artist, strlen(artist)) : NULL;
        r->provider_id = key ? kc__batch_strdup(b, id, strlen(id)) : NULL;
        r->value = sqlite3_column_int64(st, 4);
        r->p_peak = r->p_periods = KC_NONE;
        if (!r->title || !r->artist || !r->provider_id)
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "units chart");
    sqlite3_reset(st);
    return rc;
}

/* Hands the units chart of every week with inputs to ingest, as snapshots
 * of billboard-200-units (the top of the chart's size), inside the
 * caller's transaction: weeks whose chart is as stored are unchanged, the
 * others replace theirs, and the chart's runs follow. */
static int units_chart_store(kc_db *db, kc_sales_stats *stats, const char *file)
{
    char cadence[16];
    int size = 0, rc = kc__chart_lookup(db, UNITS_CHART, cadence, &size);
    if (rc)
        return rc;
    kc__batch b = {0};
    b.path = UNITS_CHART;
    if (file) /* the events its weeks make known are the file's */
        snprintf(b.file, sizeof b.file, "%s", file);
    b.derived = true;
    b.arena = kc__arena_new();
    b.index = kc__map_new();
    if (!b.arena || !b.index) {
        kc__batch_free(&b);
        return kc__fail(db, KC_ENOMEM, "out of memory");
    }
    sqlite3_stmt *st = kc__prepare(db, kc__sql_sales_chart_dates);
    if (!st)
        rc = KC_ESTORE;
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = units_week(db, &b, sqlite3_column_int64(st, 0), size);
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "units chart");
    sqlite3_finalize(st);
    kc_ingest_stats is = {0};
    if (!rc && b.nsnaps)
        rc = kc__ingest_batch(db, &b, "kchart units", 1, &is);
    if (!rc && b.nsnaps) /* the credits of the entities it made */
        rc = kc__credits_update(db, false);
    if (!rc && stats) {
        stats->weeks += is.snapshots;
        stats->weeks_unchanged += is.unchanged;
    }
    kc__batch_free(&b);
    return rc;
}

/* Loads rules, then stores the units chart again under them. */
static int load_rules_and_chart(kc_db *db, const char *path, const char *buf, size_t len)
{
    int rc = kc__units_rules_store(db, path, buf, len);
    return rc ? rc : units_chart_store(db, NULL, NULL);
}

int kc_units_rules_load(kc_db *db, const char *path)
{
    return kc__load_data_file(db, path, load_rules_and_chart);
}
