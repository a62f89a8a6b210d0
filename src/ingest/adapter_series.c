/*
 * adapter_series.c: per-song rank series, a dataset of them at a time.
 *
 * The shape of the Korean chart trackers' archives (korea-blackpink): one
 * file per song and chart,
 *   {"code":200,"body":{"platform":"melon","chart":"MELON_DAILY_CHART",
 *     "songId":"36331122","timeUnit":"DAYS","data":[{"time":
 *     "2023-03-31T00:00:00","ranking":68,"previous":0,"count":87884}, ...]}}
 * with ranking null when the song was off the chart at that time, and beside
 * the files a song map (data.json) naming each song and its id on every
 * platform. A chart and period gathers the rows of every song of the
 * dataset: a partial snapshot (the chart's other songs are not known), empty
 * when every song was off the chart. The song's id in the file's body is
 * believed over the file's name (the archive has a file named for one song
 * holding another's series). Not a chart snapshot reader: one file alone
 * makes no snapshot, the dataset does (ingest.c).
 *
 * Charts: MELON_DAILY_CHART is melon-daily (lower case, "_CHART" dropped,
 * "_" as "-"); periods by timeUnit: HOURS YYYY-MM-DDTHH, DAYS and WEEKS the
 * date of "time", MONTHS YYYY-MM and YEARS YYYY from "year" and "month".
 */
#include "ingest/ingest.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *title, *artist;
} map_song;

struct kc__songmap {
    kc__map *ids; /* "platform:id" -> song number + 1 */
    map_song *songs;
    size_t n, cap;
    kc__arena *arena;
};

/* Whether the first object key of buf (after blanks) is one of a few that
 * mark the shape; a sniff, not a parse. */
static bool has_key(const char *buf, size_t len, const char *key, size_t limit)
{
    size_t kn = strlen(key);
    if (len > limit)
        len = limit;
    for (size_t i = 0; i + kn + 2 <= len; i++)
        if (buf[i] == '"' && !memcmp(buf + i + 1, key, kn) && buf[i + 1 + kn] == '"')
            return true;
    return false;
}

static bool json_object_start(const char *buf, size_t len)
{
    size_t i = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len &&
           (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
        i++;
    return i < len && buf[i] == '{';
}

bool kc__is_series(const char *buf, size_t len)
{
    return json_object_start(buf, len) && has_key(buf, len, "body", 4096) &&
           has_key(buf, len, "platform", 4096) && has_key(buf, len, "timeUnit", 4096);
}

bool kc__is_songmap(const char *buf, size_t len)
{
    return json_object_start(buf, len) && has_key(buf, len, "songs", 65536) &&
           has_key(buf, len, "song_id", 65536);
}

void kc__songmap_free(kc__songmap *m)
{
    if (!m)
        return;
    kc__map_free(m->ids, NULL);
    free(m->songs);
    kc__arena_free(m->arena);
    free(m);
}

static char *arena_str(kc__arena *a, const char *s, size_t n)
{
    char *p = kc__arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* Loads JSON text, with jansson's allocation failures told apart from bad
 * text. root NULL: err holds the message and the status is returned. */

static int at(const char *path, const char *buf, size_t len, int kd, size_t index,
              const char *key, char *err, size_t errlen, const char *what)
{
    int line, col;
    kc__json_locate(buf, len, kd, index, key, &line, &col);
    snprintf(err, errlen, "%s:%d:%d: %s", path, line, col, what);
    return KC_EINPUT;
}

/* A platform name or chart code: letters, digits, "_" and "-", 1-40 bytes. */
static bool code_ok(const char *s, size_t n)
{
    if (n == 0 || n > 40)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* An id as the dataset writes it: a whole number or a string of digits. */
static bool id_text(json_t *v, char out[24])
{
    if (json_is_integer(v) && json_integer_value(v) >= 0) {
        snprintf(out, 24, "%lld", (long long)json_integer_value(v));
        return true;
    }
    if (!json_is_string(v))
        return false;
    size_t n = json_string_length(v);
    const char *s = json_string_value(v);
    if (n == 0 || n > 20)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    memcpy(out, s, n + 1);
    return true;
}

int kc__songmap_parse(const char *path, const char *buf, size_t len, kc__songmap **out,
                      char *err, size_t errlen)
{
    *out = NULL;
    json_t *root;
    int rc = kc__json_parse(buf, len, path, &root, err, errlen);
    if (rc)
        return rc;
    kc__songmap *m = kc__calloc(1, sizeof *m);
    if (!m || !(m->ids = kc__map_new()) || !(m->arena = kc__arena_new()))
        goto nomem;
    json_t *data = json_object_get(root, "data");
    if (!json_is_object(root) || !json_is_array(data)) {
        rc = at(path, buf, len, 1, 0, NULL, err, errlen,
                "a song map is an object with a \"data\" array of releases");
        goto done;
    }
    size_t i, j;
    json_t *rel, *song;
    json_array_foreach(data, i, rel)
    {
        json_t *artist = json_object_get(rel, "artist");
        json_t *songs = json_object_get(rel, "songs");
        if (!json_is_object(rel) || !json_is_string(artist) ||
            !json_string_length(artist) || !json_is_array(songs)) {
            rc = at(path, buf, len, 1, i, NULL, err, errlen,
                    "a release needs \"artist\" (a non-empty string) and a \"songs\" "
                    "array");
            goto done;
        }
        json_array_foreach(songs, j, song)
        {
            json_t *title = json_object_get(song, "title");
            json_t *ids = json_object_get(song, "song_id");
            if (!json_is_object(song) || !json_is_string(title) ||
                !json_string_length(title) || !json_is_object(ids)) {
                rc = at(path, buf, len, 1, i, "songs", err, errlen,
                        "a song needs \"title\" (a non-empty string) and a \"song_id\" "
                        "object");
                goto done;
            }
            if (m->n == m->cap) {
                size_t cap = m->cap ? m->cap * 2 : 64;
                map_song *ns = kc__realloc(m->songs, cap * sizeof *ns);
                if (!ns)
                    goto nomem;
                m->songs = ns;
                m->cap = cap;
            }
            map_song *ms = &m->songs[m->n++];
            ms->title =
                arena_str(m->arena, json_string_value(title), json_string_length(title));
            ms->artist = arena_str(m->arena, json_string_value(artist),
                                   json_string_length(artist));
            if (!ms->title || !ms->artist)
                goto nomem;
            const char *platform;
            json_t *idv;
            json_object_foreach(ids, platform, idv)
            {
                char id[24], key[72];
                if (!code_ok(platform, strlen(platform)) || !id_text(idv, id)) {
                    char what[160];
                    snprintf(what, sizeof what,
                             "song \"%.60s\": an id is a whole number under a platform "
                             "name",
                             ms->title);
                    rc = at(path, buf, len, 1, i, "songs", err, errlen, what);
                    goto done;
                }
                int kn = snprintf(key, sizeof key, "%s:%s", platform, id);
                bool created;
                void **slot = kc__map_get(m->ids, key, (size_t)kn, true, &created);
                if (!slot)
                    goto nomem;
                if (!created && (uintptr_t)*slot != m->n) {
                    char what[200];
                    snprintf(what, sizeof what, "%s is the id of two songs (\"%.60s\")",
                             key, m->songs[(uintptr_t)*slot - 1].title);
                    rc = at(path, buf, len, 1, i, "songs", err, errlen, what);
                    goto done;
                }
                *slot = (void *)(uintptr_t)m->n;
            }
        }
    }
    if (!m->n) {
        snprintf(err, errlen, "%s:1:1: the song map names no song", path);
        rc = KC_EINPUT;
    }
    goto done;
nomem:
    snprintf(err, errlen, "%s: out of memory", path);
    rc = KC_ENOMEM;
done:
    json_decref(root);
    if (rc)
        kc__songmap_free(m);
    else
        *out = m;
    return rc;
}

/* The chart id of a chart code: MELON_DAILY_CHART -> melon-daily. */
static bool chart_of(const char *code, char out[64])
{
    size_t n = strlen(code);
    if (!code_ok(code, n))
        return false;
    if (n > 6 && !strcmp(code + n - 6, "_CHART"))
        n -= 6;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        out[i] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[n] = '\0';
    return n > 0;
}

enum { U_HOURS, U_DAYS, U_WEEKS, U_MONTHS, U_YEARS };

/* The period of a point: 0, or a message. */
static const char *period_of(json_t *p, int unit, char out[32], const char **key)
{
    json_t *time = json_object_get(p, "time");
    if (unit == U_MONTHS || unit == U_YEARS) {
        json_t *y = json_object_get(p, "year"), *mo = json_object_get(p, "month");
        *key = "year";
        if (!json_is_integer(y) || json_integer_value(y) < 1900 ||
            json_integer_value(y) > 2999)
            return "\"year\" must be a year from 1900 to 2999";
        if (unit == U_YEARS) {
            snprintf(out, 32, "%04d", (int)json_integer_value(y));
            return NULL;
        }
        *key = "month";
        if (!json_is_integer(mo) || json_integer_value(mo) < 1 ||
            json_integer_value(mo) > 12)
            return "\"month\" must be a month from 1 to 12";
        snprintf(out, 32, "%04d-%02d", (int)json_integer_value(y),
                 (int)json_integer_value(mo));
        return NULL;
    }
    *key = "time";
    const char *t = json_is_string(time) ? json_string_value(time) : "";
    int64_t days;
    int hh, mm, ss;
    if (!json_is_string(time) || json_string_length(time) != 19 || t[10] != 'T' ||
        t[13] != ':' || t[16] != ':' || !kc__parse_date(t, 10, &days) ||
        !kc__digits(t + 11, 2, &hh) || !kc__digits(t + 14, 2, &mm) ||
        !kc__digits(t + 17, 2, &ss) || hh > 23 || mm > 59 || ss > 59)
        return "\"time\" must be YYYY-MM-DDTHH:MM:SS";
    if (unit == U_HOURS) {
        if (mm || ss)
            return "an hourly \"time\" must be on the hour";
        memcpy(out, t, 13);
        out[13] = '\0';
    } else {
        memcpy(out, t, 10);
        out[10] = '\0';
    }
    return NULL;
}

/* One series file being parsed: where it goes and what every row of it
 * shares. */
typedef struct {
    const kc__source *src;
    kc__batch *out;
    char *err;
    size_t errlen;
    char chart_id[64], pid[72];
    int unit; /* index of the time unit: HOURS, DAYS, WEEKS, MONTHS, YEARS */
    const char *title, *artist, *pid_k, *file; /* in the batch's arena */
} series_file;

/* Checks a series' envelope (code, platform, chart, songId, timeUnit, the
 * data array) and fills f from it and the song map; *data is the array of
 * points (borrowed from root). KC_EINPUT with "path:line:col: what". */
static int series_head(series_file *f, const kc__songmap *m, json_t *root, json_t **data)
{
    const kc__source *src = f->src;
    const char *B = src->buf;
    size_t L = src->len;
    json_t *code = json_object_get(root, "code");
    json_t *body = json_object_get(root, "body");
    json_t *platform = json_object_get(body, "platform"),
           *chart = json_object_get(body, "chart");
    json_t *song = json_object_get(body, "songId"),
           *unit_v = json_object_get(body, "timeUnit");
    *data = json_object_get(body, "data");
    if (!json_is_object(root) || !json_is_object(body))
        return at(src->path, B, L, 2, 0, NULL, f->err, f->errlen,
                  "a series is an object with a \"body\" object");
    if (code && (!json_is_integer(code) || json_integer_value(code) != 200))
        return at(
            src->path, B, L, 2, 0, NULL, f->err, f->errlen,
            "\"code\" is not 200: the service answered with an error, not a series");
    char id[24];
    if (!json_is_string(platform) ||
        !code_ok(json_string_value(platform), json_string_length(platform)) ||
        !json_is_string(chart) || !chart_of(json_string_value(chart), f->chart_id) ||
        !id_text(song, id))
        return at(src->path, B, L, 2, 0, NULL, f->err, f->errlen,
                  "the body needs \"platform\" and \"chart\" (codes such as melon and "
                  "MELON_DAILY_CHART) and \"songId\" (a whole number)");
    snprintf(f->pid, sizeof f->pid, "%s:%s", json_string_value(platform), id);
    void **slot = kc__map_get(m->ids, f->pid, strlen(f->pid), false, NULL);
    if (!slot) {
        char what[160];
        snprintf(what, sizeof what,
                 "song %s is not in the dataset's song map (data.json)", f->pid);
        return at(src->path, B, L, 2, 0, NULL, f->err, f->errlen, what);
    }
    const map_song *ms = &m->songs[(uintptr_t)*slot - 1];
    static const char *const units[] = {"HOURS", "DAYS", "WEEKS", "MONTHS", "YEARS"};
    f->unit = -1;
    for (int u = 0; u < 5; u++)
        if (json_is_string(unit_v) && !strcmp(json_string_value(unit_v), units[u]))
            f->unit = u;
    if (f->unit < 0 || !json_is_array(*data))
        return at(src->path, B, L, 2, 0, NULL, f->err, f->errlen,
                  "the body needs \"timeUnit\" (HOURS, DAYS, WEEKS, MONTHS or YEARS) and "
                  "a \"data\" array");
    if (src->chart_id)
        snprintf(f->chart_id, sizeof f->chart_id, "%s", src->chart_id);
    f->title = kc__batch_strdup(f->out, ms->title, strlen(ms->title));
    f->artist = kc__batch_strdup(f->out, ms->artist, strlen(ms->artist));
    f->pid_k = kc__batch_strdup(f->out, f->pid, strlen(f->pid));
    f->file = kc__batch_strdup(f->out, src->path, strlen(src->path));
    if (!f->title || !f->artist || !f->pid_k || !f->file) {
        snprintf(f->err, f->errlen, "%s: out of memory", src->path);
        return KC_ENOMEM;
    }
    return KC_OK;
}

/* Adds point i (p, starting at line:col) of the series to its period's
 * partial snapshot: a row at its rank, or nothing when it is off the chart
 * (the snapshot is still made: the chart was seen without the song). */
static int series_point(series_file *f, json_t *p, size_t i, int32_t line, int32_t col)
{
    const kc__source *src = f->src;
    const char *B = src->buf;
    size_t L = src->len;
    char period[32], what[KC_ERRMSG_MAX];
    const char *key = NULL, *bad;
    int rc = KC_OK;
    if (!json_is_object(p))
        return at(src->path, B, L, 2, i, NULL, f->err, f->errlen,
                  "a point must be an object");
    if ((bad = period_of(p, f->unit, period, &key)))
        return at(src->path, B, L, 2, i, json_object_get(p, key) ? key : NULL, f->err,
                  f->errlen, bad);
    json_t *rk = json_object_get(p, "ranking"), *prev = json_object_get(p, "previous");
    json_t *count = json_object_get(p, "count");
    if (!json_is_null(rk) && (!json_is_integer(rk) || json_integer_value(rk) < 1 ||
                              json_integer_value(rk) > 100000))
        return at(src->path, B, L, 2, i, rk ? "ranking" : NULL, f->err, f->errlen,
                  "\"ranking\" must be null (off the chart) or a whole number from 1 "
                  "to 100000");
    if (prev && !json_is_null(prev) &&
        (!json_is_integer(prev) || json_integer_value(prev) < 0 ||
         json_integer_value(prev) > 100000))
        return at(src->path, B, L, 2, i, "previous", f->err, f->errlen,
                  "\"previous\" must be null or a whole number from 0 to 100000");
    if (count && !json_is_null(count) &&
        (!json_is_integer(count) || json_integer_value(count) < 0))
        return at(src->path, B, L, 2, i, "count", f->err, f->errlen,
                  "\"count\" must be null or a whole number, not negative");
    kc__snap *s =
        kc__batch_snap(f->out, f->chart_id, period, line, &rc, f->err, f->errlen);
    if (!s)
        return rc;
    if (!s->file) {
        s->file = f->file;
        s->line = line;
    }
    s->partial = true;
    if (json_is_null(rk))
        return KC_OK; /* off the chart: the chart was seen, the song not on it */
    int32_t rank = (int32_t)json_integer_value(rk);
    for (size_t k = 0; k < s->nrows; k++) {
        const kc__row *o = &s->rows[k];
        if (strcmp(o->provider_id, f->pid_k))
            continue;
        if (o->rank != rank) {
            snprintf(what, sizeof what,
                     "%s is at rank %d here and at rank %d in %s:%d for %s %s", f->pid,
                     (int)rank, (int)o->rank, o->file ? o->file : src->path, (int)o->line,
                     f->chart_id, period);
            return at(src->path, B, L, 2, i, "ranking", f->err, f->errlen, what);
        }
        return KC_OK; /* the same song's point again (a file repeated) */
    }
    kc__row *row = kc__snap_row(f->out, s, line, &rc, f->err, f->errlen);
    if (!row)
        return rc;
    row->col = col;
    row->file = f->file;
    row->rank = rank;
    row->title = f->title;
    row->artist = f->artist;
    row->provider_id = f->pid_k;
    row->value = json_is_integer(count) ? (int64_t)json_integer_value(count) : KC_NONE;
    row->p_last = json_is_integer(prev) ? (int32_t)json_integer_value(prev) : 0;
    row->p_peak = KC_NONE;
    row->p_periods = KC_NONE;
    return KC_OK;
}

int kc__parse_series(const kc__source *src, const kc__songmap *m, kc__batch *out,
                     char *err, size_t errlen)
{
    json_t *root, *data;
    int rc = kc__json_parse(src->buf, src->len, src->path, &root, err, errlen);
    if (rc)
        return rc;
    series_file f = {.src = src, .out = out, .err = err, .errlen = errlen};
    int32_t *lines = NULL, *cols = NULL;
    if ((rc = series_head(&f, m, root, &data)))
        goto done;
    size_t n = json_array_size(data);
    lines = kc__calloc(n ? n : 1, sizeof *lines);
    cols = kc__calloc(n ? n : 1, sizeof *cols);
    if (!lines || !cols) {
        snprintf(err, errlen, "%s: out of memory", src->path);
        rc = KC_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        lines[i] = cols[i] = 1;
    kc__json_element_starts(src->buf, src->len, 2, lines, cols, n);
    size_t i;
    json_t *p;
    json_array_foreach(data, i, p)
    {
        if ((rc = series_point(&f, p, i, lines[i], cols[i])))
            break;
    }
done:
    free(lines);
    free(cols);
    json_decref(root);
    return rc;
}

static int cmp_rank_pid(const void *a, const void *b)
{
    const kc__row *x = a, *y = b;
    if (x->rank != y->rank)
        return (x->rank > y->rank) - (x->rank < y->rank);
    return strcmp(x->provider_id, y->provider_id);
}

int kc__series_settle(kc__batch *b, void (*warn)(void *, const char *), void *ctx,
                      size_t *dropped)
{
    for (size_t i = 0; i < b->nsnaps; i++) {
        kc__snap *s = &b->snaps[i];
        if (!s->partial || s->nrows < 2)
            continue;
        qsort(s->rows, s->nrows, sizeof *s->rows, cmp_rank_pid);
        size_t w = 0;
        for (size_t r = 0; r < s->nrows;) {
            size_t e = r + 1;
            while (e < s->nrows && s->rows[e].rank == s->rows[r].rank)
                e++;
            if (e - r == 1) {
                s->rows[w++] = s->rows[r];
            } else {
                if (warn) {
                    char msg[KC_ERRMSG_MAX];
                    snprintf(
                        msg, sizeof msg,
                        "%s:%d:%d: %s %s: rank %d is claimed by %s (%s) and %s (%s); "
                        "neither is kept",
                        s->rows[r + 1].file ? s->rows[r + 1].file : b->path,
                        (int)s->rows[r + 1].line, (int)s->rows[r + 1].col, s->chart_id,
                        s->period, (int)s->rows[r].rank, s->rows[r].provider_id,
                        s->rows[r].title, s->rows[r + 1].provider_id,
                        s->rows[r + 1].title);
                    warn(ctx, msg);
                }
                *dropped += e - r;
            }
            r = e;
        }
        s->nrows = w;
    }
    return KC_OK;
}
