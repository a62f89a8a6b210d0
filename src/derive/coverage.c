/*
 * coverage.c: what the store holds of a chart over a window, and whether
 * that is enough to say "the first", "the most" or "the longest so far" of
 * everything that charted there (docs/entities.md, "What the store
 * covers"). A chart is held whole over a window when the store has every
 * period of it there by its cadence, each snapshot whole (not a per-song
 * series' partial one), from the window's first day when it has one (an
 * All-Kill's rule set names the day its charts count from), and no song of
 * its first stored period had charted before it by the provider's counters
 * (else the store began mid-history). Evidence decides, not a list of
 * charts.
 *
 * A chart's stored periods are read once (coverage-periods.sql, with the
 * gaps by cadence as `kchart charts` counts them) into sums by position, so
 * that each window costs two binary searches: the news asks for a window a
 * claim, on hourly charts of tens of thousands of periods. The words are
 * English, for the records' answers and the news. Not which claims need
 * it: records.c and the news layer ask.
 *
 * Each chart's whole coverage, summed a row a chart in chart_cover
 * (migrate-014.sql) for the chart list and a chart's page, is brought up
 * to date here before they read it (kc__coverage_sync): a row the
 * writers' triggers marked stale (periods stored after its last) gets the
 * new periods' sums added; a chart without one (its snapshots changed
 * otherwise) is computed whole.
 */
#include "derive/derive.h"

#include <sql/derive_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_BYTES 14 /* "YYYY-MM-DDTHH" and its NUL */

/* One chart's stored periods, in order, with running sums. */
typedef struct {
    char id[128];
    kc__coverage whole; /* name, cadence, begins, seeded; found: stored */
    size_t n;
    char (*key)[KEY_BYTES]; /* each period's place: its hour or first day */
    char (*period)[32];
    int64_t *missing; /* missing before periods 0..i, summed */
    int64_t *partial; /* partial among periods 0..i, summed */
} chart_periods;

struct kc__coverage_cache {
    chart_periods *charts;
    size_t n, cap;
};

kc__coverage_cache *kc__coverage_cache_new(void)
{
    kc__coverage_cache *c = kc__malloc(sizeof *c);
    if (c)
        memset(c, 0, sizeof *c);
    return c;
}

static void periods_free(chart_periods *p)
{
    free(p->key);
    free(p->period);
    free(p->missing);
    free(p->partial);
}

void kc__coverage_cache_free(kc__coverage_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        periods_free(&c->charts[i]);
    free(c->charts);
    free(c);
}

/* A period's place in a window: an hourly period ("2018-01-01T05") by its
 * hour, another by its first day ("2016-08" from "2016-08-01"), as
 * coverage-periods.sql's windows compare them. */
static void period_key(const char *period, char key[KEY_BYTES])
{
    if (strlen(period) == 13) {
        memcpy(key, period, 14);
        return;
    }
    char p[48] = "";
    snprintf(p, sizeof p, "%.31s-01-01", period);
    memcpy(key, p, 10);
    key[10] = '\0';
}

/* Reads chart's periods into p (p->id set); a status on failure. */
static int periods_load(kc_db *db, chart_periods *p)
{
    kc__coverage *w = &p->whole;
    sqlite3_stmt *st = kc__stmt(db, kc__sql_coverage_chart);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", p->id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const unsigned char *name = sqlite3_column_text(st, 0);
        const unsigned char *cad = sqlite3_column_text(st, 1);
        const unsigned char *begins = sqlite3_column_text(st, 2);
        snprintf(w->name, sizeof w->name, "%s", name ? (const char *)name : p->id);
        snprintf(w->cadence, sizeof w->cadence, "%s", cad ? (const char *)cad : "");
        snprintf(w->begins, sizeof w->begins, "%s", begins ? (const char *)begins : "");
        w->seeded = sqlite3_column_int64(st, 3);
        kc__utf8_cut(w->name);
    } else {
        snprintf(w->name, sizeof w->name, "%s", p->id); /* not in the registry */
    }
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return kc__sqlfail(db, "coverage");
    st = kc__stmt(db, kc__sql_coverage_periods);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", p->id);
    size_t cap = 0;
    int rc = KC_OK;
    int64_t missing = 0, partial = 0;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (p->n == cap) {
            size_t c = cap ? cap * 2 : 256;
            void *k = kc__realloc(p->key, c * sizeof *p->key);
            if (k)
                p->key = k;
            void *pe = k ? kc__realloc(p->period, c * sizeof *p->period) : NULL;
            if (pe)
                p->period = pe;
            void *m = pe ? kc__realloc(p->missing, c * sizeof *p->missing) : NULL;
            if (m)
                p->missing = m;
            void *pa = m ? kc__realloc(p->partial, c * sizeof *p->partial) : NULL;
            if (!pa) {
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
                break;
            }
            p->partial = pa;
            cap = c;
        }
        const unsigned char *period = sqlite3_column_text(st, 0);
        snprintf(p->period[p->n], sizeof p->period[p->n], "%s",
                 period ? (const char *)period : "");
        period_key(p->period[p->n], p->key[p->n]);
        partial += sqlite3_column_int64(st, 1) != 0;
        missing += p->n ? sqlite3_column_int64(st, 2) : 0;
        p->missing[p->n] = missing;
        p->partial[p->n] = partial;
        p->n++;
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "coverage");
    sqlite3_reset(st);
    return rc;
}

/* The periods of chart, from cache (read into it the first time). */
static int periods_of(kc_db *db, kc__coverage_cache *cache, const char *chart,
                      chart_periods **out)
{
    for (size_t i = 0; i < cache->n; i++)
        if (!strcmp(cache->charts[i].id, chart)) {
            *out = &cache->charts[i];
            return KC_OK;
        }
    if (cache->n == cache->cap) {
        size_t c = cache->cap ? cache->cap * 2 : 8;
        chart_periods *g = kc__realloc(cache->charts, c * sizeof *g);
        if (!g)
            return kc__fail(db, KC_ENOMEM, "out of memory");
        cache->charts = g;
        cache->cap = c;
    }
    chart_periods *p = &cache->charts[cache->n++];
    memset(p, 0, sizeof *p);
    snprintf(p->id, sizeof p->id, "%s", chart);
    *out = p;
    return periods_load(db, p);
}

/* The first position of p whose key is at least key (strict: above it). */
static size_t lower(const chart_periods *p, const char *key, bool strict)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(p->key[mid], key);
        if (c < 0 || (strict && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A place (a day, or an hour YYYY-MM-DDTHH) in the cadence's steps since
 * 1970: hours, days, weeks (as days / 7, a weekly chart's step from any
 * weekday), months or years; false when it is not one. */
static bool place_steps(const char *key, const char *cadence, int64_t *out)
{
    int64_t day;
    int h = 0;
    if (strlen(key) < 10 || !kc__parse_date(key, 10, &day))
        return false;
    if (strlen(key) == 13 && !kc__digits(key + 11, 2, &h))
        return false;
    int y, m, d;
    kc__civil_from_days(day, &y, &m, &d);
    *out = !strcmp(cadence, "hourly")    ? day * 24 + h
           : !strcmp(cadence, "daily")   ? day
           : !strcmp(cadence, "weekly")  ? day / 7
           : !strcmp(cadence, "monthly") ? (int64_t)y * 12 + m - 1
                                         : y;
    return true;
}

/* Whether the window opens inside a gap of the store: the period before
 * position i is older than from, and i's is at least a step after the
 * first period that could follow from (its missing periods reach into the
 * window). */
static bool opens_in_gap(const chart_periods *p, size_t i, const char *from)
{
    int64_t at, start;
    if (!from || !i || i >= p->n || p->missing[i] == p->missing[i - 1])
        return false;
    if (!place_steps(p->key[i], p->whole.cadence, &at) ||
        !place_steps(from, p->whole.cadence, &start))
        return true; /* unknown: not held */
    /* A month or year that begins after from's first day is the first
     * period on or after from only from the next one. */
    bool mid = strlen(from) >= 10 &&
               (!strcmp(p->whole.cadence, "monthly")  ? strcmp(from + 8, "01") != 0
                : !strcmp(p->whole.cadence, "yearly") ? strncmp(from + 5, "01-01", 5) != 0
                                                      : false);
    return at - start > (mid ? 1 : 0);
}

/* The window from..to of p into *c. A day as `to` holds its every hour. */
static void window_of(const chart_periods *p, const char *from, const char *to,
                      kc__coverage *c)
{
    *c = p->whole;
    c->found = false;
    char upto[24];
    snprintf(upto, sizeof upto, "%s%s", to ? to : "~",
             to && strlen(to) == 10 ? "T99" : "");
    size_t i = from ? lower(p, from, false) : 0;
    size_t j = lower(p, upto, true); /* one past the last */
    if (i >= j)
        return;
    c->found = true;
    snprintf(c->first, sizeof c->first, "%s", p->period[i]);
    snprintf(c->last, sizeof c->last, "%s", p->period[j - 1]);
    c->periods = (int64_t)(j - i);
    c->missing = p->missing[j - 1] - p->missing[i];
    c->partial = p->partial[j - 1] - (i ? p->partial[i - 1] : 0);
    c->opens_in_gap = opens_in_gap(p, i, from);
}

/* A chart's whole coverage from chart_cover (coverage-whole.sql) into *c:
 * what window_of gives for the window of every period, without reading
 * them. *done false (nothing set) when chart_cover cannot say: the rows
 * could not be brought up to date, the chart is not in the registry or
 * has no row. */
static int whole_of(kc_db *db, const char *chart, kc__coverage *c, bool *done)
{
    *done = false;
    bool complete;
    int rc = kc__coverage_sync(db, chart, &complete);
    if (rc || !complete)
        return rc;
    sqlite3_stmt *st = kc__stmt(db, kc__sql_coverage_whole);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW && sqlite3_column_type(st, 2) != SQLITE_NULL) {
        const unsigned char *name = sqlite3_column_text(st, 0);
        const unsigned char *cad = sqlite3_column_text(st, 1);
        const unsigned char *first = sqlite3_column_text(st, 2);
        const unsigned char *last = sqlite3_column_text(st, 3);
        snprintf(c->name, sizeof c->name, "%s", name ? (const char *)name : chart);
        kc__utf8_cut(c->name);
        snprintf(c->cadence, sizeof c->cadence, "%s", cad ? (const char *)cad : "");
        snprintf(c->begins, sizeof c->begins, "%s", first ? (const char *)first : "");
        snprintf(c->first, sizeof c->first, "%s", c->begins);
        snprintf(c->last, sizeof c->last, "%s", last ? (const char *)last : "");
        c->periods = sqlite3_column_int64(st, 4);
        c->missing = sqlite3_column_int64(st, 5);
        c->partial = sqlite3_column_int64(st, 6);
        c->seeded = sqlite3_column_int64(st, 7);
        c->found = c->periods > 0;
        *done = true;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return kc__sqlfail(db, "coverage");
    return KC_OK;
}

int kc__coverage_of(kc_db *db, kc__coverage_cache *cache, const char *chart,
                    const char *from, const char *to, kc__coverage *c)
{
    memset(c, 0, sizeof *c);
    /* The whole chart: its row, not its periods. */
    if (!from && !to) {
        bool done;
        int rc = whole_of(db, chart, c, &done);
        if (rc || done)
            return rc;
    }
    kc__coverage_cache *own = cache ? NULL : kc__coverage_cache_new();
    if (!cache && !own)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    chart_periods *p = NULL;
    int rc = periods_of(db, cache ? cache : own, chart, &p);
    if (!rc)
        window_of(p, from, to, c);
    kc__coverage_cache_free(own);
    return rc;
}

/* Whether the store begins the chart after the window's first day. */
static bool begins_late(const kc__coverage *c, const char *from)
{
    char first[KEY_BYTES];
    period_key(c->begins, first);
    first[10] = '\0';
    return from && strcmp(first, from) > 0;
}

/* Whether the store begins the chart with songs that had charted before,
 * inside the window (or anywhere when it has no first day). */
static bool begins_mid_history(const kc__coverage *c, const char *from)
{
    return c->seeded > 0 && (!from || begins_late(c, from));
}

bool kc__coverage_whole(const kc__coverage *c, const char *from)
{
    return c->found && !c->missing && !c->partial && !c->opens_in_gap &&
           !begins_late(c, from) && !begins_mid_history(c, from);
}

/* "hour", "day"... of a cadence. */
static const char *unit_of(const char *cadence)
{
    return !strcmp(cadence, "hourly")    ? "hour"
           : !strcmp(cadence, "daily")   ? "day"
           : !strcmp(cadence, "weekly")  ? "week"
           : !strcmp(cadence, "monthly") ? "month"
                                         : "year";
}

void kc__coverage_words(const kc__coverage *c, const char *from, char *out, size_t len)
{
    size_t o = 0;
    out[0] = '\0';
    if (!c->found) {
        snprintf(out, len, "nothing of the %s", c->name);
        kc__utf8_cut(out);
        return;
    }
    o += (size_t)snprintf(out, len, "the %s from %s", c->name, c->first);
    const char *sep = " (";
    if (o < len && begins_mid_history(c, from)) {
        o += (size_t)snprintf(out + o, len - o, "%smid-history", sep);
        sep = ", ";
    }
    if (o < len && c->partial) {
        if (c->partial == c->periods)
            o += (size_t)snprintf(out + o, len - o, "%sonly some of its songs", sep);
        else
            o +=
                (size_t)snprintf(out + o, len - o, "%s%lld %ss of only some of its songs",
                                 sep, (long long)c->partial, unit_of(c->cadence));
        sep = ", ";
    }
    if (o < len && c->missing) {
        char n[32];
        kc__format_thousands(c->missing, n, sizeof n);
        o += (size_t)snprintf(out + o, len - o, "%s%s %s%s missing", sep, n,
                              unit_of(c->cadence), c->missing == 1 ? "" : "s");
        sep = ", ";
    }
    if (o < len && strcmp(sep, " ("))
        snprintf(out + o, len - o, ")");
    kc__utf8_cut(out);
}

int kc__coverage_clause(kc_db *db, kc__coverage_cache *cache, const char *charts,
                        const char *from, const char *to, char *out, size_t len)
{
    out[0] = '\0';
    size_t o = 0;
    int rc = KC_OK, held = 0;
    for (const char *p = charts; *p && !rc;) {
        while (*p == ' ')
            p++;
        size_t k = strcspn(p, " ");
        if (!k)
            break;
        bool again = false; /* named before: said once */
        for (const char *q = charts; q < p && !again; q += strspn(q, " ")) {
            size_t qk = strcspn(q, " ");
            again = qk == k && !memcmp(q, p, k);
            q += qk;
        }
        char id[128];
        snprintf(id, sizeof id, "%.*s", (int)(k < sizeof id ? k : sizeof id - 1), p);
        p += k;
        if (again)
            continue;
        kc__coverage c;
        if ((rc = kc__coverage_of(db, cache, id, from, to, &c)))
            break;
        if (kc__coverage_whole(&c, from))
            continue;
        char words[512];
        kc__coverage_words(&c, from, words, sizeof words);
        if (o < len)
            o += (size_t)snprintf(out + o, len - o, "%s%s", held ? "; " : "", words);
        held++;
    }
    kc__utf8_cut(out);
    return rc;
}

/* Runs the statement of sql with :chart bound to chart (NULL: every one). */
static int sync_step(kc_db *db, const char *sql, const char *chart)
{
    sqlite3_stmt *st = kc__stmt(db, sql);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    int rc = kc__step_done(db, st, "chart coverage");
    sqlite3_clear_bindings(st);
    return rc;
}

int kc__coverage_sync(kc_db *db, const char *chart, bool *complete)
{
    *complete = false;
    sqlite3_stmt *st = kc__stmt(db, kc__sql_coverage_sync_needed);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    int step = sqlite3_step(st);
    bool needed = step == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (step != SQLITE_ROW)
        return kc__sqlfail(db, "chart coverage");
    if (!needed) {
        *complete = true;
        return KC_OK;
    }
    /* Inside the caller's transaction (the server reads in one), else in
     * one of its own. A statement that fails (a read-only store, another
     * writer holding it, or one that wrote since the caller's read began)
     * leaves the rows as they were: the caller walks the periods instead,
     * at once rather than after waiting for the writer. */
    bool own = sqlite3_get_autocommit(kc__sql(db));
    kc__busy_wait(db, false);
    int rc = own ? kc__begin(db) : KC_OK;
    if (!rc)
        rc = kc__exec(db, kc__sql_coverage_sync_stale);
    if (!rc)
        rc = sync_step(db, kc__sql_coverage_sync_extend, chart);
    if (!rc)
        rc = sync_step(db, kc__sql_coverage_sync_add, chart);
    if (own && !rc)
        rc = kc__end(db, rc);
    else if (own)
        kc__rollback(db);
    kc__busy_wait(db, true);
    *complete = !rc;
    if (rc)
        kc__fail(db, KC_OK, "%s", ""); /* not the caller's failure */
    return KC_OK;
}
