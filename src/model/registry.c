/*
 * registry.c: the chart registry, as data.
 *
 * Each chart is a row: id, provider, name, region, cadence, time zone, size,
 * how its periods are named, when a period is published (hours after it
 * starts; what an All-Kill takes as in force at an hour) and what it ranks
 * (songs, albums or artists: the kind of its entities). The default registry is
 * data/charts.csv, compiled into the library and stored when a database is created; users
 * add or change charts with a file of the same columns (kc_registry_load). Not a
 * calendar: periods are checked for shape by cadence (date.c), not computed.
 */
#include "model/model.h"

#define CHART_ID_MAX 64 /* bytes, with the NUL: sizeof kc__snap.chart_id */

#include <sql/model_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char kc__registry_csv[];
extern const size_t kc__registry_csv_len;

static const char *const columns[] = {"id",        "provider", "name", "region",
                                      "cadence",   "timezone", "size", "period_naming",
                                      "published", "ranks"};
/* Each column's parameter in registry-put.sql. */
static const char *const params[] = {":id",        ":provider", ":name", ":region",
                                     ":cadence",   ":timezone", ":size", ":period_naming",
                                     ":published", ":ranks"};
/* The ninth and tenth columns, published and ranks, may be left out of a
 * file (ranks then stays as it was, song for a new chart). */
#define NCOLS (sizeof columns / sizeof *columns)
#define NCOLS_MIN (NCOLS - 2)

int kc__rules_next(kc_db *db, kc__csv *r, const char *const *cols, size_t ncols,
                   size_t nmin, size_t *have, bool *row)
{
    char err[KC_ERRMSG_MAX];
    int got;
    *row = false;
    while ((got = kc__csv_next(r, err, sizeof err)) == 1) {
        if (kc__csv_field(r, 0)[0] == '#')
            continue; /* a comment line */
        int line = (int)r->rec_line;
        if (!*have) {
            bool ok = r->nfields >= nmin && r->nfields <= ncols;
            for (size_t i = 0; ok && i < r->nfields; i++)
                ok = !strcmp(kc__csv_field(r, i), cols[i]);
            if (!ok) {
                char want[512];
                size_t o = 0;
                for (size_t i = 0; i < ncols && o < sizeof want; i++)
                    o += (size_t)snprintf(want + o, sizeof want - o, "%s%s%s",
                                          i >= nmin ? "[,"
                                          : i       ? ","
                                                    : "",
                                          cols[i], i >= nmin ? "]" : "");
                return kc__fail(db, KC_EINPUT, "%s:%d:1: expected the header %s", r->path,
                                line, want);
            }
            *have = r->nfields;
            continue;
        }
        if (r->nfields != *have)
            return kc__fail(db, KC_EINPUT, "%s:%d:1: expected %zu fields, found %zu",
                            r->path, line, *have, r->nfields);
        *row = true;
        return KC_OK;
    }
    return got < 0 ? kc__fail(db, r->nomem ? KC_ENOMEM : KC_EINPUT, "%s", err) : KC_OK;
}

static int load(kc_db *db, const char *path, const char *buf, size_t len)
{
    kc__csv r;
    int rc = KC_OK;
    size_t ncols = 0; /* the header's columns, once read */
    kc__csv_init(&r, path, buf, len);
    sqlite3_stmt *st = kc__prepare(db, kc__sql_registry_put);
    if (!st) {
        kc__csv_free(&r);
        return KC_ESTORE;
    }
    bool row;
    while (!rc &&
           !(rc = kc__rules_next(db, &r, columns, NCOLS, NCOLS_MIN, &ncols, &row)) &&
           row) {
        uint64_t published = 0;
        bool has_published = ncols > 8 && kc__csv_len(&r, 8) > 0;
        bool has_ranks = ncols > 9 && kc__csv_len(&r, 9) > 0;
        const char *ranks = has_ranks ? kc__csv_field(&r, 9) : NULL;
        if (ranks && strcmp(ranks, "song") && strcmp(ranks, "album") &&
            strcmp(ranks, "artist")) {
            rc = kc__fail(db, KC_EINPUT, "%s:%d:%d: ranks must be song, album or artist",
                          path, (int)r.rec_line, (int)r.col[9]);
            break;
        }
        if (has_published && !kc__parse_u64(kc__csv_field(&r, 8), kc__csv_len(&r, 8),
                                            24 * 400, &published)) {
            rc = kc__fail(db, KC_EINPUT,
                          "%s:%d:%d: published must be a whole number of hours 0-9600",
                          path, (int)r.rec_line, (int)r.col[8]);
            break;
        }
        uint64_t size;
        if (!kc__parse_u64(kc__csv_field(&r, 6), kc__csv_len(&r, 6), 100000, &size) ||
            size == 0) {
            rc = kc__fail(db, KC_EINPUT, "%s:%d:%d: size must be a whole number 1-100000",
                          path, (int)r.rec_line, (int)r.col[6]);
            break;
        }
        const char *cad = kc__csv_field(&r, 4);
        if (strcmp(cad, "hourly") && strcmp(cad, "daily") && strcmp(cad, "weekly") &&
            strcmp(cad, "monthly") && strcmp(cad, "yearly")) {
            rc = kc__fail(db, KC_EINPUT,
                          "%s:%d:%d: cadence must be hourly, daily, weekly, "
                          "monthly or yearly",
                          path, (int)r.rec_line, (int)r.col[4]);
            break;
        }
        if (!kc__csv_len(&r, 0)) {
            rc =
                kc__fail(db, KC_EINPUT, "%s:%d:1: empty chart id", path, (int)r.rec_line);
            break;
        }
        if (kc__csv_len(&r, 0) >= CHART_ID_MAX) {
            /* A snapshot's chart id has the same cap (kc__snap.chart_id). */
            rc = kc__fail(db, KC_EINPUT, "%s:%d:1: a chart id is at most %d bytes", path,
                          (int)r.rec_line, CHART_ID_MAX - 1);
            break;
        }
        /* The fields live until the next record, after the step: no copy
         * (a copy that failed would bind NULL, and store it). */
        for (size_t i = 0; i < NCOLS; i++)
            if (i == 6)
                kc__bind_int64(st, params[6], (int64_t)size);
            else if (i == 8 && has_published)
                kc__bind_int64(st, params[8], (int64_t)published);
            else if (i == 8 || (i == 9 && !ranks))
                kc__bind_null(st, params[i]);
            else
                kc__bind_text(st, params[i], kc__csv_field(&r, i));
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = kc__sqlfail(db, "registry");
        sqlite3_reset(st);
    }
    if (!rc && !ncols)
        rc = kc__fail(db, KC_EINPUT, "%s:1:1: empty registry file", path);
    sqlite3_finalize(st);
    kc__csv_free(&r);
    return rc;
}

int kc__registry_seed(kc_db *db)
{
    return load(db, "charts.csv (built in)", kc__registry_csv, kc__registry_csv_len);
}

int kc__load_data_file(kc_db *db, const char *path, kc__data_loader loader)
{
    char *buf;
    size_t len;
    int rc = kc__read_file(db, path, &buf, &len);
    if (rc)
        return rc;
    rc = kc__begin(db);
    if (!rc)
        rc = loader(db, path, buf, len);
    /* Rules (All-Kills, units, certifications) may make any event known:
     * the commit looks for all of them (news.c). The registry names
     * charts, and makes none. */
    if (!rc && loader != load) {
        char digest[KC_DIGEST_HEX];
        kc__digest_hex(buf, len, digest);
        rc = kc__touched(db, "all", NULL, NULL, digest);
    }
    rc = kc__end(db, rc); /* rolls back when BEGIN failed too */
    free(buf);
    return rc;
}

int kc_registry_load(kc_db *db, const char *path)
{
    return kc__load_data_file(db, path, load);
}

int kc__chart_lookup(kc_db *db, const char *chart_id, char *cadence, int *size)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_registry_chart);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":id", chart_id);
    int step = sqlite3_step(st), rc = KC_OK;
    if (step == SQLITE_ROW) {
        snprintf(cadence, 16, "%s", (const char *)sqlite3_column_text(st, 0));
        *size = sqlite3_column_int(st, 1);
    } else if (step == SQLITE_DONE) {
        rc = kc__fail(db, KC_ENOTFOUND, "unknown chart '%s' (see `kchart charts`)",
                      chart_id);
    } else {
        rc = kc__sqlfail(db, "chart lookup");
    }
    sqlite3_reset(st);
    return rc;
}
