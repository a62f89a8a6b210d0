/*
 * sales.c (derive): what album sales come to: a release found by name, its
 * provider's zone and week, its first-day and first-week windows.
 * ingest/sales.c reads the files; units.c turns the Billboard 200 method's
 * inputs into equivalent album units.
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
 * unchanged; different units for the same row are refused.
 *
 * What is derived is computed when asked, from the observations and two
 * tables of rules (data, not code): the providers with their time zone and
 * week (sale_provider), and the unit ratios by chart date (unit_rule, from
 * data/units.csv). Windows are counted in the provider's zone: a release at
 * 18:00 KST (09:00 UTC) starts its first day on Hanteo that day, and on
 * Luminate (New York) the day before. The units chart of every week is
 * handed to ingest as snapshots of the registered chart billboard-200-units
 * whenever its inputs or ratios change, in the same transaction, so that
 * runs (debut, peak, weeks) apply to it as to any chart.
 */
#include "derive/derive.h"

#include <math.h>
#include <sql/derive_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- releases ---------------------------------------------------------- */

int kc__release_find(kc_db *db, const char *text, const char *artist, int64_t *id)
{
    *id = 0;
    sqlite3_stmt *st = kc__stmt(db, kc__sql_sales_release_by_key);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":key", text);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return kc__sqlfail(db, "release");
    if (*id)
        return KC_OK;
    int64_t aid = 0;
    int rc = *artist ? kc__artist_find(db, artist, &aid) : KC_OK;
    if (rc || (*artist && !aid))
        return rc;
    char *want = kc__match_title(text);
    if (!want)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    st = kc__stmt(db, aid ? kc__sql_sales_releases_of_artist : kc__sql_sales_releases);
    int n = 0;
    if (!st)
        rc = KC_ESTORE;
    else {
        if (aid)
            kc__bind_int64(st, ":artist", aid);
        while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
            const char *t = (const char *)sqlite3_column_text(st, 1);
            char *m = t ? kc__match_title(t) : NULL;
            if (!m)
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
            else if (!strcmp(m, want)) {
                *id = sqlite3_column_int64(st, 0);
                n++;
            }
            free(m);
        }
        if (!rc && step != SQLITE_DONE)
            rc = kc__sqlfail(db, "release");
        sqlite3_reset(st);
    }
    free(want);
    if (n > 1)
        *id = 0;
    return rc;
}

void kc__release_suggest(kc_db *db, const char *text, char *out, size_t outlen)
{
    kc__suggest(db, kc__sql_sales_release_suggest, true, text, out, outlen);
}

/* A provider's zone, week start and first-week rule; zone empty when the
 * provider is unknown. */
int kc__sale_provider(kc_db *db, const char *id, kc__provider *p)
{
    memset(p, 0, sizeof *p);
    sqlite3_stmt *st = kc__stmt(db, kc__sql_sales_provider);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":id", id);
    int step = sqlite3_step(st);
    const char *z = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    const char *f = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 2) : NULL;
    int rc = KC_OK;
    if (step == SQLITE_ROW && (!z || !f))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    else if (step == SQLITE_ROW) {
        snprintf(p->zone, sizeof p->zone, "%s", z);
        snprintf(p->first_week, sizeof p->first_week, "%s", f);
        p->week_start = sqlite3_column_int(st, 1);
    } else if (step != SQLITE_DONE)
        rc = kc__sqlfail(db, "provider");
    sqlite3_reset(st);
    return rc;
}

/* ---- windows ----------------------------------------------------------- */

/* The windows, gathered as a JSON array of rows that one query turns into
 * a kc_table (so that the table's types come from SQLite, as elsewhere). */
typedef struct {
    kc_db *db;
    char *json;
    size_t len, cap;
    size_t nrows;
    int rc;
} rows_ctx;

/* Appends s, as it is or (quote) as a JSON string. */
static void put(rows_ctx *w, const char *s, bool quote)
{
    size_t need = w->len + 2 * strlen(s) + 4;
    if (w->rc)
        return;
    if (need > w->cap) {
        char *g = kc__realloc(w->json, need * 2);
        if (!g) {
            w->rc = kc__fail(w->db, KC_ENOMEM, "out of memory");
            return;
        }
        w->json = g;
        w->cap = need * 2;
    }
    if (quote)
        w->json[w->len++] = '"';
    for (; *s; s++) {
        if (quote && (*s == '"' || *s == '\\'))
            w->json[w->len++] = '\\';
        w->json[w->len++] = quote && (unsigned char)*s < 0x20 ? ' ' : *s;
    }
    if (quote)
        w->json[w->len++] = '"';
    w->json[w->len] = '\0';
}

/* Adds a row to the windows. */
static void add_window(rows_ctx *w, const char *prov, const char *window, int64_t from,
                       int64_t to, int64_t units, const char *source, const char *note)
{
    char a[16], b[16], num[64];
    kc__format_date(from, a);
    kc__format_date(to, b);
    const char *texts[] = {prov, window, a, b};
    put(w, w->nrows ? ",[" : "[", false);
    for (size_t i = 0; i < 4; i++) {
        put(w, texts[i], true);
        put(w, ",", false);
    }
    snprintf(num, sizeof num, "%lld,%lld,", (long long)(to - from + 1), (long long)units);
    put(w, num, false);
    put(w, source, true);
    put(w, ",", false);
    put(w, note, true);
    put(w, "]", false);
    w->nrows++;
}

/* Sum of one kind of rows of a release and provider (country '': the
 * provider's whole count; every version) whose days lie in [from, to];
 * *n counts them. */
static int sum_rows(kc_db *db, int64_t release, const char *prov, const char *kind,
                    int64_t from, int64_t to, int64_t *sum, int64_t *n)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_sales_sum_rows);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":release", release);
    kc__bind_text(st, ":provider", prov);
    kc__bind_text(st, ":kind", kind);
    kc__bind_int64(st, ":from", from);
    kc__bind_int64(st, ":to", to);
    int step = sqlite3_step(st);
    *sum = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    *n = step == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    return step == SQLITE_ROW ? KC_OK : kc__sqlfail(db, "sales");
}

/* The windows of one provider's sales of a release released at utc. */
int kc__sales_first(kc_db *db, int64_t release, int64_t utc, const char *prov,
                    kc__first_window *day, kc__first_window *week)
{
    kc__provider p;
    int rc = kc__sale_provider(db, prov, &p);
    if (rc)
        return rc;
    int64_t rd = kc__local_day(p.zone, utc), sum, n;
    /* First day: the day's own report. */
    if ((rc = sum_rows(db, release, prov, "day", rd, rd, &sum, &n)))
        return rc;
    *day = (kc__first_window){n > 0, rd, rd, sum, "day", rd};
    /* First week: seven days from the release day (Hanteo's chodong), or
     * the provider's tracking week holding it (Oricon's Monday-Sunday,
     * Luminate's Friday-Thursday). A weekly report of that week is taken
     * as published; else the days, when every one of them is there. */
    int64_t from = rd, to = rd + 6;
    bool rolling = !strcmp(p.first_week, "rolling7");
    if (!rolling) {
        from = rd - (kc__weekday(rd) - p.week_start + 7) % 7;
        to = from + 6;
    }
    if ((rc = sum_rows(db, release, prov, "week", from, to, &sum, &n)))
        return rc;
    const char *source = "week";
    if (!n) {
        if ((rc = sum_rows(db, release, prov, "day", rd, to, &sum, &n)))
            return rc;
        source = n == to - rd + 1 ? "days" : NULL;
    }
    *week = (kc__first_window){source != NULL, from, to, sum, source ? source : "", rd};
    return KC_OK;
}

static int provider_windows(rows_ctx *w, int64_t release, int64_t utc, const char *prov)
{
    kc__provider p;
    int rc = kc__sale_provider(w->db, prov, &p);
    if (rc)
        return rc;
    kc__first_window day, week;
    if ((rc = kc__sales_first(w->db, release, utc, prov, &day, &week)))
        return rc;
    char note[160];
    if (day.found) {
        snprintf(note, sizeof note, "release day in %s", p.zone);
        add_window(w, prov, "first day", day.from, day.to, day.units, "day", note);
    }
    if (week.found) {
        bool rolling = !strcmp(p.first_week, "rolling7");
        if (rolling)
            snprintf(note, sizeof note, "7 days from the release day");
        else
            snprintf(note, sizeof note,
                     "tracking week holding the release: %lld of 7 days",
                     (long long)(week.to - week.release_day + 1));
        if (!strcmp(prov, "luminate")) {
            char chart[16];
            kc__format_date(week.to + 9, chart);
            size_t o = strlen(note);
            snprintf(note + o, sizeof note - o, "; Billboard chart dated %s", chart);
        }
        add_window(w, prov, "first week", week.from, week.to, week.units, week.source,
                   note);
    }
    /* Months as reported, the running total of them, and every cumulative
     * snapshot beside the running total at its date. */
    sqlite3_stmt *st = kc__prepare(w->db, kc__sql_sales_months);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":release", release);
    kc__bind_text(st, ":provider", prov);
    int64_t running = 0, first = INT64_MAX, last = 0;
    int step;
    while (!w->rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(st, 0);
        const char *period = (const char *)sqlite3_column_text(st, 1);
        int64_t a = sqlite3_column_int64(st, 2), b = sqlite3_column_int64(st, 3);
        int64_t u = sqlite3_column_int64(st, 4);
        if (!kind || !period) {
            rc = kc__fail(w->db, KC_ENOMEM, "out of memory");
            break;
        }
        if (!strcmp(kind, "month")) {
            running += u;
            first = a < first ? a : first;
            last = b;
            add_window(w, prov, "month", a, b, u, "month", period);
            continue;
        }
        if (running == u || first == INT64_MAX)
            snprintf(note, sizeof note,
                     first == INT64_MAX ? "no months before it"
                                        : "equals the months' sum");
        else
            snprintf(note, sizeof note, "DIFFERS: the months to %s sum to %lld (%+lld)",
                     period, (long long)running, (long long)(u - running));
        add_window(w, prov, "cumulative", day.release_day, b, u, "cumulative", note);
    }
    if (!rc && !w->rc && step != SQLITE_DONE)
        rc = kc__sqlfail(w->db, "sales");
    sqlite3_finalize(st);
    if (!rc && first != INT64_MAX)
        add_window(w, prov, "months total", first, last, running, "months", "");
    return rc ? rc : w->rc;
}

int kc_query_sales(kc_db *db, const char *release, const char *artist, kc_table **out)
{
    *out = NULL;
    int64_t id;
    int rc = kc__release_find(db, release, artist ? artist : "", &id);
    if (rc)
        return rc;
    if (!id) {
        char near[700];
        kc__release_suggest(db, release, near, sizeof near);
        return kc__fail(db, KC_ENOTFOUND, "no release \"%s\"%s", release, near);
    }
    rows_ctx w = {.db = db};
    sqlite3_stmt *st = kc__prepare(db, kc__sql_sales_release_providers);
    if (!st)
        rc = KC_ESTORE;
    else {
        kc__bind_int64(st, ":release", id);
        int step;
        while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
            const char *p = (const char *)sqlite3_column_text(st, 0);
            char prov[64];
            if (!p) {
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
                break;
            }
            snprintf(prov, sizeof prov, "%s", p);
            rc = provider_windows(&w, id, sqlite3_column_int64(st, 1), prov);
        }
        if (!rc && step != SQLITE_DONE)
            rc = kc__sqlfail(db, "sales");
        sqlite3_finalize(st);
    }
    if (!rc && !w.nrows)
        rc = kc__fail(db, KC_ENOTFOUND, "no sales of \"%s\"", release);
    if (!rc) {
        put(&w, "]", false);
        rc = w.rc;
    }
    if (!rc) {
        sqlite3_stmt *rows = kc__prepare(db, kc__sql_sales_windows);
        kc__bind_text(rows, ":rows", w.json);
        rc = kc__table_from_stmt(db, rows, out);
    }
    free(w.json);
    return rc;
}
