/*
 * api.c: the JSON API's reads, one function a route (docs/api.md).
 *
 * Each route parses its arguments, calls the library's queries and shapes
 * their tables into the documented JSON. Nothing here computes a chart fact:
 * that is the library's job. Not the transport: server.c owns connections,
 * caching and writes.
 */
#include "http.h"
#include "util/limits.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT_DEFAULT 100

int http_status_of(int status)
{
    switch (status) {
    case KC_ENOTFOUND:
        return 404;
    case KC_EINPUT:
    case KC_EUSAGE:
        return 400;
    case KC_ECONFLICT:
        return 409;
    case KC_ETOOBIG:
        return 413;
    case KC_EBUSY:
    case KC_ENOMEM:
        return 503; /* worth trying again */
    default:
        return 500;
    }
}

int http_json_reply(http_reply *out, json_t *json)
{
    if (!json)
        return -1;
    char *body = json_dumps(json, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(json);
    if (!body)
        return -1;
    *out = (http_reply){200, body, strlen(body), "application/json; charset=utf-8", ""};
    return 0;
}

/* Copies s into out (cap bytes) with every byte that is not part of valid
 * UTF-8 replaced by U+FFFD: a message may quote broken input, or be cut in
 * the middle of a character. */
static void utf8_clean(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && o + 4 < cap) {
        size_t n = *p < 0x80             ? 1
                   : (*p & 0xe0) == 0xc0 ? 2
                   : (*p & 0xf0) == 0xe0 ? 3
                   : (*p & 0xf8) == 0xf0 ? 4
                                         : 0;
        bool ok = n > 0;
        for (size_t i = 1; ok && i < n; i++)
            ok = (p[i] & 0xc0) == 0x80;
        if (ok && n > 1) { /* no overlong form, surrogate or value past U+10FFFF */
            uint32_t cp = n == 2   ? (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f)
                          : n == 3 ? (uint32_t)(p[0] & 0x0f) << 12 |
                                         (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f)
                                   : (uint32_t)(p[0] & 0x07) << 18 |
                                         (uint32_t)(p[1] & 0x3f) << 12 |
                                         (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
            ok = (n == 2 && cp >= 0x80) ||
                 (n == 3 && cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff)) ||
                 (n == 4 && cp >= 0x10000 && cp <= 0x10ffff);
        }
        if (ok) {
            memcpy(out + o, p, n);
            o += n;
            p += n;
        } else {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            p++;
        }
    }
    out[o] = '\0';
}

int http_error(http_reply *out, int status, const char *message)
{
    char clean[2048];
    utf8_clean(message ? message : "", clean, sizeof clean);
    json_t *j = json_pack("{s:{s:i,s:s}}", "error", "status", status, "message", clean);
    if (http_json_reply(out, j))
        return -1;
    out->status = status;
    return 0;
}

static int fail(kc_db *db, int rc, http_reply *out)
{
    return http_error(out, http_status_of(rc), kc_errmsg(db));
}

/* A whole number argument in [lo, hi], or dflt when absent; -1 (with the
 * 400 reply in out) when malformed. */
static int count_arg(const http_request *req, const char *name, unsigned long long lo,
                     unsigned long long hi, unsigned long long dflt, size_t *value,
                     http_reply *out)
{
    const char *s = req->arg(req->ctx, name);
    if (!s) {
        *value = (size_t)dflt;
        return 0;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || errno || v < lo || v > hi) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s must be a whole number from %llu to %llu", name, lo,
                 hi);
        return http_error(out, 400, msg) ? -2 : -1;
    }
    *value = (size_t)v;
    return 0;
}

static int page_args(const http_request *req, kc_page *page, http_reply *out)
{
    int rc =
        count_arg(req, "limit", 1, KC_PAGE_LIMIT_MAX, LIMIT_DEFAULT, &page->limit, out);
    if (!rc)
        rc = count_arg(req, "offset", 0, KC_PAGE_OFFSET_MAX, 0, &page->offset, out);
    return rc;
}

/* A text argument: NULL when absent; *bad set (400 in out) when too long. */
static const char *text_arg(const http_request *req, const char *name, int *bad,
                            http_reply *out)
{
    const char *s = req->arg(req->ctx, name);
    if (s && strlen(s) > KC_ARG_MAX) {
        char msg[96];
        snprintf(msg, sizeof msg, "%s is longer than %d bytes", name, KC_ARG_MAX);
        *bad = http_error(out, 400, msg) ? -2 : -1;
        return NULL;
    }
    return s;
}

/* A link being built; `over` when it did not fit (then nothing is linked). */
typedef struct {
    char buf[KC_URL_MAX];
    size_t len;
    bool over;
} url;

/* Appends s as it is. */
static void url_raw(url *u, const char *s)
{
    size_t n = strlen(s);
    if (u->over || n >= KC_URL_MAX - u->len) {
        u->over = true;
        return;
    }
    memcpy(u->buf + u->len, s, n + 1);
    u->len += n;
}

/* Appends s percent-encoded as a URL component. */
static void url_enc(url *u, const char *s)
{
    static const char hexd[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p && !u->over; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-_.~", *p)) {
            char one[2] = {(char)*p, 0};
            url_raw(u, one);
        } else {
            char three[4] = {'%', hexd[*p >> 4], hexd[*p & 15], 0};
            url_raw(u, three);
        }
    }
}

/* The URL of the page after page, or null: base (may hold "?k=v"), then
 * offset and limit. */
static json_t *next_url(const url *base, const kc_page *page)
{
    if (page->offset + page->limit >= page->total || base->over)
        return json_null();
    char tail[80];
    snprintf(tail, sizeof tail, "%soffset=%zu&limit=%zu",
             strchr(base->buf, '?') ? "&" : "?", page->offset + page->limit, page->limit);
    url u = *base;
    url_raw(&u, tail);
    return u.over ? json_null() : json_string(u.buf);
}

/* Sets o[key] to v (stolen; either may be NULL after a failed allocation);
 * a failure clears *ok, so that a reply is built in one go and checked once. */
static void put(json_t *o, const char *key, json_t *v, bool *ok)
{
    if (!o || !v) {
        json_decref(v);
        *ok = false;
    } else if (json_object_set_new(o, key, v)) { /* it drops v */
        *ok = false;
    }
}

/* Adds "total" and "next" of page to o. */
static void put_page(json_t *o, const url *base, const kc_page *page, bool *ok)
{
    put(o, "total", json_integer((json_int_t)page->total), ok);
    put(o, "next", next_url(base, page), ok);
}

/* Replies o (stolen) if every put went well. */
static int reply(http_reply *out, json_t *o, bool ok)
{
    if (!ok) {
        json_decref(o);
        return -1;
    }
    return http_json_reply(out, o);
}

/* ---- routes ----------------------------------------------------------- */

static int get_charts(kc_db *db, http_reply *out)
{
    kc_table *t;
    int rc = kc_query_charts(db, &t);
    if (rc)
        return fail(db, rc, out);
    bool ok = true;
    json_t *o = json_object();
    put(o, "charts", http_rows_json(t, 0, t->nrows), &ok);
    kc_table_free(t);
    return reply(out, o, ok);
}

/* The registry row of chart id as an object; NULL with *rc the result of
 * the 404 or 500 reply put in out. */
static json_t *chart_info(kc_db *db, const char *id, int *rc, http_reply *out)
{
    kc_table *t;
    int qrc = kc_query_chart_info(db, id, &t);
    if (qrc == KC_ENOTFOUND) {
        char msg[160];
        snprintf(msg, sizeof msg, "no chart \"%.100s\" (GET /api/charts lists them)", id);
        *rc = http_error(out, 404, msg);
        return NULL;
    }
    if (qrc) {
        *rc = fail(db, qrc, out);
        return NULL;
    }
    json_t *o = http_row_json(t, 0);
    if (!o)
        *rc = -1;
    kc_table_free(t);
    return o;
}

/* A period as JSON: null when there is none (""). */
static json_t *period_json(const char *p)
{
    return *p ? json_string(p) : json_null();
}

static int get_chart(kc_db *db, const http_request *req, const char *id, http_reply *out)
{
    kc_page page;
    int bad = page_args(req, &page, out);
    const char *period = bad ? NULL : text_arg(req, "period", &bad, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    int rc;
    json_t *info = chart_info(db, id, &rc, out);
    if (!info)
        return rc;
    kc_table *t = NULL;
    kc_chart_at at;
    if ((rc = kc_query_chart_page(db, id, period, &page, &at, &t))) {
        json_decref(info);
        return fail(db, rc, out);
    }
    bool ok = true;
    json_t *o = json_object();
    put(o, "chart", info, &ok);
    put(o, "period", json_string(at.period), &ok);
    put(o, "previous", period_json(at.previous), &ok);
    put(o, "following", period_json(at.following), &ok);
    url base = {"", 0, false};
    url_raw(&base, "/api/charts/");
    url_enc(&base, id);
    url_raw(&base, "?period=");
    url_enc(&base, at.period);
    put_page(o, &base, &page, &ok);
    /* columns: rank, title, artist, last, peak, periods, move, song_id, change */
    put(o, "entries", http_rows_json(t, 0, t->nrows), &ok);
    kc_table_free(t);
    return reply(out, o, ok);
}

static int get_periods(kc_db *db, const http_request *req, const char *id,
                       http_reply *out)
{
    kc_page page;
    int bad = page_args(req, &page, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    kc_table *t;
    int rc = kc_query_periods(db, id, &page, &t);
    if (rc)
        return fail(db, rc, out);
    bool ok = true;
    json_t *o = json_object(), *periods = json_array();
    for (size_t r = 0; r < t->nrows; r++)
        if (json_array_append_new(periods, json_string(kc_table_cell(t, r, 0))))
            ok = false;
    kc_table_free(t);
    url base = {"", 0, false};
    url_raw(&base, "/api/charts/");
    url_enc(&base, id);
    url_raw(&base, "/periods");
    put(o, "chart", json_string(id), &ok);
    put_page(o, &base, &page, &ok);
    put(o, "periods", periods, &ok);
    return reply(out, o, ok);
}

static int get_top(kc_db *db, const http_request *req, const char *id, http_reply *out)
{
    kc_page page;
    int bad = page_args(req, &page, out);
    const char *by = bad ? NULL : text_arg(req, "by", &bad, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    if (!by)
        by = "periods";
    kc_table *t;
    int rc = kc_query_leaderboard(db, id, by, &page, &t);
    if (rc == KC_EUSAGE)
        return http_error(out, 400, "by must be periods, peak, streak or no1");
    if (rc)
        return fail(db, rc, out);
    bool ok = true;
    json_t *o = json_object();
    url base = {"", 0, false};
    url_raw(&base, "/api/charts/");
    url_enc(&base, id);
    url_raw(&base, "/top?by=");
    url_enc(&base, by);
    put(o, "chart", json_string(id), &ok);
    put(o, "by", json_string(by), &ok);
    put_page(o, &base, &page, &ok);
    put(o, "rows", http_rows_json(t, 0, t->nrows), &ok);
    kc_table_free(t);
    return reply(out, o, ok);
}

static int get_search(kc_db *db, const http_request *req, http_reply *out)
{
    size_t limit;
    int bad = count_arg(req, "limit", 1, KC_PAGE_LIMIT_MAX, 20, &limit, out);
    const char *q = bad ? NULL : text_arg(req, "q", &bad, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    if (!q || !*q)
        return http_error(out, 400, "q (what to search for) is missing");
    kc_table *songs, *artists, *hits = NULL;
    int rc = kc_query_search(db, q, limit, &songs, &artists);
    if (rc)
        return fail(db, rc, out);
    /* hits: songs, albums and artists by any of their names in any script
     * (kchart search); a query with no letter or digit has none. */
    int hrc = kc_query_names(db, q, limit, &hits);
    if (hrc && hrc != KC_EINPUT) {
        kc_table_free(songs);
        kc_table_free(artists);
        return fail(db, hrc, out);
    }
    bool ok = true;
    json_t *o = json_object();
    put(o, "query", json_string(q), &ok);
    put(o, "songs", http_rows_json(songs, 0, songs->nrows), &ok);
    put(o, "artists", http_rows_json(artists, 0, artists->nrows), &ok);
    put(o, "hits", hits ? http_rows_json(hits, 0, hits->nrows) : json_array(), &ok);
    kc_table_free(songs);
    kc_table_free(artists);
    kc_table_free(hits);
    return reply(out, o, ok);
}

/* For each chart family the song has charted in, the regions where it
 * reached No. 1: [{"family", "top": 1, "regions": [{region, chart, first,
 * best, periods}]}], from the rows of kc_query_song_no1_regions (family
 * first). NULL with *rc set when the query fails (or out of memory, *rc
 * 0). */
static json_t *song_regions(kc_db *db, long long id, int *rc)
{
    kc_table *t;
    if ((*rc = kc_query_song_no1_regions(db, id, &t)))
        return NULL;
    json_t *all = json_array();
    bool ok = all != NULL;
    for (size_t r = 0; ok && r < t->nrows;) {
        /* One family's rows, r to e. */
        const char *family = kc_table_cell(t, r, 0);
        json_t *regions = json_array(), *one = json_object();
        size_t e = r;
        for (; e < t->nrows && !strcmp(kc_table_cell(t, e, 0), family); e++) {
            json_t *row = http_row_json(t, e);
            json_object_del(row, "family");
            if (!row || json_array_append_new(regions, row))
                ok = false;
        }
        put(one, "family", json_string(family), &ok);
        put(one, "top", json_integer(1), &ok);
        put(one, "regions", regions, &ok);
        if (!one || json_array_append_new(all, one))
            ok = false;
        r = e;
    }
    kc_table_free(t);
    if (!ok) {
        json_decref(all);
        return NULL;
    }
    return all;
}

/* The song's All-Kills, a row per kind where it made one or lost hours to a
 * missing chart; NULL with *rc set on failure. */
static json_t *song_allkills(kc_db *db, long long id, int *rc)
{
    kc_table *t;
    if ((*rc = kc_query_song_allkills(db, id, &t)))
        return NULL;
    json_t *a = http_rows_json(t, 0, t->nrows);
    kc_table_free(t);
    return a;
}

/* GET /api/allkill?kind=K&year=Y&by=hours|first&limit=N: the leaderboard
 * of each kind; /api/allkill/at/{hour}?kind=K: the state at one hour. */
static int get_allkill(kc_db *db, const http_request *req, const char *hour,
                       http_reply *out)
{
    int bad = 0;
    size_t limit = 0;
    const char *kind = text_arg(req, "kind", &bad, out);
    const char *year = bad ? NULL : text_arg(req, "year", &bad, out);
    const char *by = bad ? NULL : text_arg(req, "by", &bad, out);
    if (!bad)
        bad = count_arg(req, "limit", 1, KC_PAGE_LIMIT_MAX, LIMIT_DEFAULT, &limit, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    kc_table *t;
    int rc;
    if (hour) {
        if (year || by || req->arg(req->ctx, "limit"))
            return http_error(out, 400, "the state at an hour takes only kind");
        rc = kc_query_allkill_at(db, hour, kind, &t);
    } else {
        kc_allkill_opts o = {kind, year, by};
        rc = kc_query_allkill(db, NULL, limit, &o, &t);
    }
    if (rc)
        return fail(db, rc, out);
    bool ok = true;
    json_t *o = json_object();
    put(o, hour ? "charts" : "songs", http_rows_json(t, 0, t->nrows), &ok);
    kc_table_free(t);
    return reply(out, o, ok);
}

/* A song's series totals, one series a source like `history`:
 * [{"source": ..., "points": [[date, value], ...]}]; NULL with *rc on
 * failure. */
static json_t *song_totals(kc_db *db, int64_t id, int *rc)
{
    kc_table *t = NULL;
    if ((*rc = kc_query_song_totals(db, id, &t)))
        return NULL;
    json_t *all = json_array();
    bool ok = all != NULL;
    for (size_t r = 0; ok && r < t->nrows;) {
        /* One source's rows, r to e. */
        const char *src = kc_table_cell(t, r, 0);
        size_t e = r;
        json_t *points = json_array();
        for (; e < t->nrows && !strcmp(kc_table_cell(t, e, 0), src); e++) {
            json_t *p = json_array();
            if (!p || json_array_append_new(p, http_cell_json(t, e, 1)) ||
                json_array_append_new(p, http_cell_json(t, e, 2))) {
                json_decref(p);
                ok = false;
            } else if (json_array_append_new(points, p)) { /* drops p, even into NULL */
                ok = false;
            }
        }
        json_t *o = json_object();
        put(o, "source", json_string(src), &ok);
        put(o, "points", points, &ok);
        if (!o || json_array_append_new(all, o))
            ok = false;
        r = e;
    }
    kc_table_free(t);
    if (!ok) {
        json_decref(all);
        return NULL;
    }
    return all;
}

/* A song's milestones (the open ones too, flagged), as rows. */
static json_t *song_milestones(kc_db *db, int64_t id, int *rc)
{
    kc_milestone_opts o = {0};
    o.song_id = id;
    o.open = 1;
    kc_table *t = NULL;
    if ((*rc = kc_query_milestones(db, &o, &t)))
        return NULL;
    json_t *j = http_rows_json(t, 0, t->nrows);
    kc_table_free(t);
    return j;
}

/* Rows of kc_query_song_history (chart, period, rank, streams; by chart,
 * then period) as one series a chart: [{"chart", "points": [[period, rank]
 * or [period, rank, streams] where the provider published streams]}].
 * NULL when out of memory. */
static json_t *history_series(const kc_table *history)
{
    bool ok = true;
    json_t *series = json_array(), *points = NULL;
    const char *chart = NULL;
    for (size_t r = 0; ok && r < history->nrows; r++) {
        const char *c = kc_table_cell(history, r, 0);
        if (!chart || strcmp(chart, c)) {
            json_t *s = json_object();
            points = json_array();
            put(s, "chart", json_string(c), &ok);
            put(s, "points", points, &ok);
            if (!s || json_array_append_new(series, s))
                ok = false;
            chart = c;
            if (!ok)
                break;
        }
        json_t *p = json_array();
        if (!p || json_array_append_new(p, http_cell_json(history, r, 1)) ||
            json_array_append_new(p, http_cell_json(history, r, 2)) ||
            (kc_table_cell(history, r, 3) &&
             json_array_append_new(p, http_cell_json(history, r, 3)))) {
            json_decref(p);
            ok = false;
        } else if (json_array_append_new(points, p)) { /* it drops p */
            ok = false;
        }
    }
    if (!ok || !series) {
        json_decref(series);
        return NULL;
    }
    return series;
}

/* The song id of /api/songs/{id} into *id: 0, or 1 with a 404 in out when
 * it is not one (-1 when even that failed). */
static int song_id(const char *id_text, long long *id, http_reply *out)
{
    char *end;
    errno = 0;
    *id = strtoll(id_text, &end, 10);
    if (*id_text < '0' || *id_text > '9' || *end || errno || *id < 1)
        return http_error(out, 404,
                          "a song id is a whole number (GET /api/search finds it)")
                   ? -1
                   : 1;
    return 0;
}

/* GET /api/songs/{id}: the song, its runs, regions, All-Kills, totals and
 * milestones. Not its ranks period by period: a song on sixty charts has
 * thousands of points, each a read of its own, and a page asks for the
 * charts it draws (GET /api/songs/{id}/history), so that this answer stays
 * a few milliseconds for any song (docs/api.md). */
static int get_song(kc_db *db, const char *id_text, http_reply *out)
{
    long long id;
    int bad = song_id(id_text, &id, out);
    if (bad)
        return bad > 0 ? 0 : -1;
    kc_table *song, *runs;
    int rc = kc_query_song_by_id(db, id, &song, &runs);
    int64_t to = 0;
    if (rc == KC_ENOTFOUND && kc_song_redirect(db, id, &to) == KC_OK && to) {
        /* An id merged away answers as the song it went into, for good. */
        char msg[96];
        snprintf(msg, sizeof msg, "song %lld was merged into %lld", id, (long long)to);
        if (http_error(out, 301, msg))
            return -1;
        snprintf(out->location, sizeof out->location, "/api/songs/%lld", (long long)to);
        return 0;
    }
    if (rc)
        return fail(db, rc, out);
    /* All-Kills are evaluated over every hour of the store: only for a song
     * with a run on a chart of some rule set (the runs' `allkill`); on
     * none it cannot be No. 1 on any of them. Milestones are crossings of
     * the song's totals: none without totals. */
    bool ok = true, allkill = false;
    size_t col = 0;
    while (col < runs->ncols && strcmp(runs->cols[col], "allkill"))
        col++;
    for (size_t r = 0; col < runs->ncols && r < runs->nrows && !allkill; r++) {
        const char *v = kc_table_cell(runs, r, col);
        allkill = v && strcmp(v, "0");
    }
    json_t *o = json_object();
    put(o, "song", http_row_json(song, 0), &ok);
    put(o, "runs", http_rows_json(runs, 0, runs->nrows), &ok);
    put(o, "regions", ok ? song_regions(db, id, &rc) : NULL, &ok);
    put(o, "allkills",
        !ok       ? NULL
        : allkill ? song_allkills(db, id, &rc)
                  : json_array(),
        &ok);
    json_t *totals = ok ? song_totals(db, id, &rc) : NULL;
    bool none = totals && json_array_size(totals) == 0;
    put(o, "totals", totals, &ok);
    put(o, "milestones",
        !ok    ? NULL
        : none ? json_array()
               : song_milestones(db, id, &rc),
        &ok);
    kc_table_free(song);
    kc_table_free(runs);
    if (rc) {
        json_decref(o);
        return fail(db, rc, out);
    }
    return reply(out, o, ok);
}

/* The most charts GET /api/songs/{id}/history?charts= takes at once. */
#define HISTORY_CHARTS_MAX 32

/* GET /api/songs/{id}/history?chart=C: the song's ranks on one chart, an
 * hourly one too: {"chart", "points": [...]}; no points when the song was
 * never on it. ?charts=A,B,...: several charts' at once (at most
 * HISTORY_CHARTS_MAX), {"history": [{"chart", "points"}]}, the charts in
 * the order asked, a chart the song was never on left out. */
static int get_song_history(kc_db *db, const http_request *req, const char *id_text,
                            http_reply *out)
{
    long long id;
    int bad = song_id(id_text, &id, out);
    if (bad)
        return bad > 0 ? 0 : -1;
    const char *chart = text_arg(req, "chart", &bad, out);
    const char *charts = bad ? NULL : text_arg(req, "charts", &bad, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    if (!chart == !charts)
        return http_error(out, 400,
                          "history takes chart=ID, or charts=ID,ID,... (charts of the "
                          "song's runs), not both");
    char list[KC_ARG_MAX + 1];
    const char *ids[HISTORY_CHARTS_MAX];
    size_t n = 0;
    if (charts) {
        snprintf(list, sizeof list, "%s", charts);
        for (char *p = list, *end; p; p = end) {
            if ((end = strchr(p, ',')))
                *end++ = '\0';
            if (!*p)
                return http_error(out, 400, "charts=ID,ID,...: an empty chart id");
            if (n == HISTORY_CHARTS_MAX) {
                char msg[96];
                snprintf(msg, sizeof msg, "charts= takes at most %d charts at once",
                         HISTORY_CHARTS_MAX);
                return http_error(out, 400, msg);
            }
            ids[n++] = p;
        }
    } else {
        ids[n++] = chart;
    }
    bool ok = true;
    json_t *all = json_array();
    for (size_t i = 0; ok && i < n; i++) {
        kc_table *history;
        int rc = kc_query_song_history(db, id, ids[i], &history);
        if (rc) {
            json_decref(all);
            return fail(db, rc, out);
        }
        json_t *series = history_series(history);
        kc_table_free(history);
        if (!series || (json_array_size(series) &&
                        json_array_append(all, json_array_get(series, 0))))
            ok = false;
        json_decref(series);
    }
    json_t *o = json_object();
    if (charts) {
        put(o, "history", all, &ok);
    } else {
        json_t *first = json_array_size(all)
                            ? json_object_get(json_array_get(all, 0), "points")
                            : NULL;
        put(o, "chart", json_string(chart), &ok);
        put(o, "points", first ? json_incref(first) : json_array(), &ok);
        json_decref(all);
    }
    return reply(out, o, ok);
}

/* The milestones of an artist's songs and followers (the open ones too,
 * flagged), as rows; subject is the artist's stored name. None is an empty
 * list, not a failure. */
static json_t *artist_milestones(kc_db *db, const char *subject, int *rc)
{
    kc_milestone_opts o = {0};
    o.subject = subject;
    o.open = 1;
    kc_table *t = NULL;
    *rc = kc_query_milestones(db, &o, &t);
    if (*rc == KC_ENOTFOUND) {
        *rc = KC_OK;
        return json_array();
    }
    if (*rc)
        return NULL;
    json_t *j = http_rows_json(t, 0, t->nrows);
    kc_table_free(t);
    return j;
}

/* GET /api/artists/{id or name}?entries=1: the artist (kchart artist): its
 * row, its aliases, members and groups, totals per chart, releases and
 * milestones, and a page of its entities, one row each (songs); with
 * entries=1 also its entries (one per entity and chart, every one: the
 * largest artists have over a thousand), which the page does not show. */
static int get_artist(kc_db *db, const http_request *req, const char *name,
                      http_reply *out)
{
    kc_page page;
    size_t entries = 0;
    int bad = page_args(req, &page, out);
    if (!bad)
        bad = count_arg(req, "entries", 0, 1, 0, &entries, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    if (strlen(name) > KC_ARG_MAX)
        return http_error(out, 400, "the artist name is too long");
    kc_artist_info a;
    int rc =
        entries ? kc_query_artist_info(db, name, &a) : kc_query_artist_head(db, name, &a);
    if (rc)
        return fail(db, rc, out);
    /* By its stored name from here on: an id or an alias finds the same. */
    const char *stored = kc_table_cell(a.artist, 0, 1);
    kc_table *t = NULL;
    rc = kc_query_artist(db, stored ? stored : name, &page, &t);
    if (rc) {
        kc_artist_info_free(&a);
        return fail(db, rc, out);
    }
    bool ok = true;
    json_t *o = json_object();
    url base = {"", 0, false};
    url_raw(&base, "/api/artists/");
    url_enc(&base, name);
    if (entries)
        url_raw(&base, "?entries=1");
    put(o, "artist", http_row_json(a.artist, 0), &ok);
    put(o, "aliases", http_rows_json(a.aliases, 0, a.aliases->nrows), &ok);
    put(o, "members", http_rows_json(a.members, 0, a.members->nrows), &ok);
    if (entries)
        put(o, "entries", http_rows_json(a.entries, 0, a.entries->nrows), &ok);
    put(o, "totals", http_rows_json(a.totals, 0, a.totals->nrows), &ok);
    put(o, "releases", http_rows_json(a.releases, 0, a.releases->nrows), &ok);
    put(o, "milestones", ok ? artist_milestones(db, stored ? stored : name, &rc) : NULL,
        &ok);
    put_page(o, &base, &page, &ok);
    put(o, "songs", http_rows_json(t, 0, t->nrows), &ok);
    kc_table_free(t);
    kc_artist_info_free(&a);
    if (rc) {
        json_decref(o);
        return fail(db, rc, out);
    }
    return reply(out, o, ok);
}

/* GET /api/records: kchart records over HTTP; the answer beside the list. */
static int get_records(kc_db *db, const http_request *req, http_reply *out)
{
    static const char *const names[] = {
        "measure", "chart",        "at",     "mode",   "market",    "artist_kind",
        "role",    "release_kind", "artist", "credit", "member_of", "provider"};
    const char *v[sizeof names / sizeof *names];
    int bad = 0;
    for (size_t i = 0; i < sizeof names / sizeof *names && !bad; i++)
        v[i] = text_arg(req, names[i], &bad, out);
    size_t at_least = 0, year = 0, limit = 0;
    if (!bad)
        bad = count_arg(req, "at_least", 1, 1000000000000000000ULL, 0, &at_least, out);
    if (!bad)
        bad = count_arg(req, "year", 1000, 9999, 0, &year, out);
    if (!bad)
        bad =
            count_arg(req, "limit", 1, KC_PAGE_LIMIT_MAX, KC_PAGE_LIMIT_MAX, &limit, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    if (!v[0])
        return http_error(out, 400, "measure is needed (docs/api.md)");
    kc_records_opts o = {.measure = v[0],
                         .chart = v[1],
                         .at = v[2],
                         .mode = v[3],
                         .provider = v[11],
                         .at_least = (int64_t)at_least,
                         .limit = limit,
                         .cohort = {.market = v[4],
                                    .artist_kind = v[5],
                                    .role = v[6],
                                    .release_kind = v[7],
                                    .artist = v[8],
                                    .credit = v[9],
                                    .member_of = v[10],
                                    .year = (int)year}};
    kc_table *t = NULL;
    int rc = kc_query_records(db, &o, &t);
    if (rc)
        return fail(db, rc, out);
    bool ok = true;
    json_t *j = json_object();
    put(j, "answer", json_string(t->title ? t->title : ""), &ok);
    put(j, "rows", http_rows_json(t, 0, t->nrows), &ok);
    kc_table_free(t);
    return reply(out, j, ok);
}

/* GET /api/news?kind=K&chart=C&artist=A&since=WHEN&from=DATE&limit=N&offset=M:
 * the stored news, as `kchart news` gives it (docs/api.md). */
static int get_news(kc_db *db, const http_request *req, http_reply *out)
{
    kc_page page;
    int bad = page_args(req, &page, out);
    static const char *const names[] = {"kind", "chart", "artist", "since", "from"};
    const char *v[5] = {0};
    for (size_t i = 0; i < 5 && !bad; i++)
        v[i] = text_arg(req, names[i], &bad, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    kc_news_opts o = {
        .kind = v[0], .chart = v[1], .artist = v[2], .since = v[3], .from = v[4]};
    kc_table *t;
    int rc = kc_news_list(db, &o, &page, &t);
    if (rc)
        return fail(db, rc, out);
    bool ok = true;
    json_t *j = json_object();
    url base = {"", 0, false};
    url_raw(&base, "/api/news");
    bool first = true;
    for (size_t i = 0; i < 5; i++) {
        if (!v[i])
            continue;
        url_raw(&base, first ? "?" : "&");
        url_raw(&base, names[i]);
        url_raw(&base, "=");
        url_enc(&base, v[i]);
        first = false;
    }
    put_page(j, &base, &page, &ok);
    put(j, "events", http_rows_json(t, 0, t->nrows), &ok);
    kc_table_free(t);
    return reply(out, j, ok);
}

/* GET /api/regions?family=F&top=N&from=P&to=P&no_global=1: songs by the
 * number of regions of a family where they reached the top N (default No.
 * 1), as `kchart regions --leaderboard` gives them, a page at a time; with
 * the built-in families beside them. Without family: spotify-weekly. */
static int get_regions(kc_db *db, const http_request *req, http_reply *out)
{
    kc_page page;
    size_t top = 0, no_global = 0;
    int bad = page_args(req, &page, out);
    const char *family = bad ? NULL : text_arg(req, "family", &bad, out);
    const char *from = bad ? NULL : text_arg(req, "from", &bad, out);
    const char *to = bad ? NULL : text_arg(req, "to", &bad, out);
    if (!bad)
        bad = count_arg(req, "top", 1, 1000, 1, &top, out);
    if (!bad)
        bad = count_arg(req, "no_global", 0, 1, 0, &no_global, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    kc_regions_opts o = {.family = family ? family : "spotify-weekly",
                         .no_global = (int)no_global,
                         .top = top,
                         .from = from,
                         .to = to};
    kc_table *families = NULL, *t = NULL;
    int rc = kc_query_families(db, &families);
    if (!rc)
        rc = kc_query_regions_leaderboard(db, &o, &page, &t);
    if (rc) {
        kc_table_free(families);
        return fail(db, rc, out);
    }
    bool ok = true;
    json_t *j = json_object();
    url base = {"", 0, false};
    url_raw(&base, "/api/regions?family=");
    url_enc(&base, o.family);
    char num[32];
    snprintf(num, sizeof num, "&top=%zu", top);
    url_raw(&base, num);
    if (no_global)
        url_raw(&base, "&no_global=1");
    if (from) {
        url_raw(&base, "&from=");
        url_enc(&base, from);
    }
    if (to) {
        url_raw(&base, "&to=");
        url_enc(&base, to);
    }
    put(j, "family", json_string(o.family), &ok);
    put(j, "top", json_integer((json_int_t)top), &ok);
    put(j, "families", http_rows_json(families, 0, families->nrows), &ok);
    put_page(j, &base, &page, &ok);
    put(j, "songs", http_rows_json(t, 0, t->nrows), &ok);
    kc_table_free(families);
    kc_table_free(t);
    return reply(out, j, ok);
}

/* GET /api/sales/{release}?artist=A: a release's windows, as `kchart sales
 * RELEASE` gives them. */
static int get_sales(kc_db *db, const http_request *req, const char *release,
                     http_reply *out)
{
    int bad = 0;
    const char *artist = text_arg(req, "artist", &bad, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    if (strlen(release) > KC_ARG_MAX)
        return http_error(out, 400, "the release is too long");
    kc_table *t;
    int rc = kc_query_sales(db, release, artist, &t);
    if (rc)
        return fail(db, rc, out);
    bool ok = true;
    json_t *o = json_object();
    put(o, "release", json_string(release), &ok);
    put(o, "windows", http_rows_json(t, 0, t->nrows), &ok);
    kc_table_free(t);
    return reply(out, o, ok);
}

/* GET /api/units?week=W&limit=N: the units chart of a week, as `kchart units
 * --week W` gives it. */
static int get_units(kc_db *db, const http_request *req, http_reply *out)
{
    int bad = 0;
    size_t limit = 0;
    const char *week = text_arg(req, "week", &bad, out);
    if (!bad)
        bad = count_arg(req, "limit", 1, KC_PAGE_LIMIT_MAX, 0, &limit, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    if (!week)
        return http_error(out, 400,
                          "units need week=YYYY-MM-DD (a chart date or a day "
                          "of its tracking week)");
    kc_table *t;
    int rc = kc_query_units(db, week, limit, &t);
    if (rc)
        return fail(db, rc, out);
    bool ok = true;
    json_t *o = json_object();
    put(o, "week", json_string(week), &ok);
    put(o, "albums", http_rows_json(t, 0, t->nrows), &ok);
    kc_table_free(t);
    return reply(out, o, ok);
}

/* GET /api/certs?release=R&artist=A: the certifications reached, of every
 * release and song or of one release and its songs, as `kchart certs`. */
static int get_certs(kc_db *db, const http_request *req, http_reply *out)
{
    int bad = 0;
    const char *release = text_arg(req, "release", &bad, out);
    const char *artist = bad ? NULL : text_arg(req, "artist", &bad, out);
    if (bad)
        return bad == -1 ? 0 : -1;
    if (artist && !release)
        return http_error(out, 400, "artist narrows a release: send release too");
    kc_table *t;
    int rc = kc_query_certs(db, release, artist, &t);
    if (rc)
        return fail(db, rc, out);
    bool ok = true;
    json_t *o = json_object();
    put(o, "certs", http_rows_json(t, 0, t->nrows), &ok);
    kc_table_free(t);
    return reply(out, o, ok);
}

/* If path is prefix followed by one segment (and optionally "/" suffix),
 * copies the segment into seg and returns 1. */
static int route(const char *path, const char *prefix, const char *suffix, char *seg,
                 size_t cap)
{
    size_t n = strlen(prefix);
    if (strncmp(path, prefix, n))
        return 0;
    const char *s = path + n, *slash = strchr(s, '/');
    size_t len = slash ? (size_t)(slash - s) : strlen(s);
    if (len == 0 || len >= cap)
        return 0;
    if (suffix ? !slash || strcmp(slash, suffix) : slash != NULL)
        return 0;
    memcpy(seg, s, len);
    seg[len] = '\0';
    return 1;
}

int http_api_get(kc_db *db, const http_request *req, http_reply *out)
{
    const char *p = req->path;
    char seg[KC_ARG_MAX + 1];
    if (!strcmp(p, "/api/health"))
        return http_json_reply(out, json_pack("{s:b}", "ok", 1));
    if (!strcmp(p, "/api/charts"))
        return get_charts(db, out);
    if (route(p, "/api/charts/", NULL, seg, sizeof seg))
        return get_chart(db, req, seg, out);
    if (route(p, "/api/charts/", "/periods", seg, sizeof seg))
        return get_periods(db, req, seg, out);
    if (route(p, "/api/charts/", "/top", seg, sizeof seg))
        return get_top(db, req, seg, out);
    if (!strcmp(p, "/api/search"))
        return get_search(db, req, out);
    if (route(p, "/api/songs/", NULL, seg, sizeof seg))
        return get_song(db, seg, out);
    if (route(p, "/api/songs/", "/history", seg, sizeof seg))
        return get_song_history(db, req, seg, out);
    /* An artist's name may hold a '/' (AC/DC): all the rest is the name. */
    if (!strncmp(p, "/api/artists/", 13) && p[13])
        return get_artist(db, req, p + 13, out);
    if (!strcmp(p, "/api/allkill"))
        return get_allkill(db, req, NULL, out);
    if (route(p, "/api/allkill/at/", NULL, seg, sizeof seg))
        return get_allkill(db, req, seg, out);
    if (!strcmp(p, "/api/news"))
        return get_news(db, req, out);
    if (!strcmp(p, "/api/records"))
        return get_records(db, req, out);
    if (!strcmp(p, "/api/regions"))
        return get_regions(db, req, out);
    /* A release key holds a '/' (nova/dawn): all the rest is the release. */
    if (!strncmp(p, "/api/sales/", 11) && p[11])
        return get_sales(db, req, p + 11, out);
    if (!strcmp(p, "/api/units"))
        return get_units(db, req, out);
    if (!strcmp(p, "/api/certs"))
        return get_certs(db, req, out);
    return http_error(out, 404, "no such API route (docs/api.md lists them)");
}
