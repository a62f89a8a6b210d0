/*
 * adapter_billboard.c: Billboard chart JSON, one chart per file.
 *
 * The shape archived from billboard.com (mhollingshead/billboard-hot-100):
 *   {"date":"YYYY-MM-DD","data":[{"song":..,"artist":..,"this_week":N,
 *     "last_week":N|null,"peak_position":N,"weeks_on_chart":N}, ...]}
 * last_week null means a debut or a re-entry. A file of the plainest
 * JSON (most of them) is read directly, to the same rows; any other is
 * parsed with jansson (duplicate keys rejected), and a value of the wrong
 * type is reported at its line and column, found by kc__json_locate()
 * since jansson keeps no positions.
 */
#include "ingest/ingest.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int field_error(const kc__source *src, size_t index, const char *key, char *err,
                       size_t errlen, const char *what)
{
    int line, col;
    kc__json_locate(src->buf, src->len, 1, index, key, &line, &col);
    snprintf(err, errlen, "%s:%d:%d: %s", src->path, line, col, what);
    return KC_EINPUT;
}

/* Reads an integer counter: absent or null gives null_value. */
static int counter(const kc__source *src, json_t *e, size_t i, const char *key,
                   bool nullable, int32_t null_value, int32_t *out, char *err,
                   size_t errlen)
{
    json_t *v = json_object_get(e, key);
    char what[160];
    if (!v || json_is_null(v)) {
        if (nullable) {
            *out = null_value;
            return KC_OK;
        }
        snprintf(what, sizeof what, "\"%s\" is missing or null", key);
        return field_error(src, i, v ? key : NULL, err, errlen, what);
    }
    if (!json_is_integer(v) || json_integer_value(v) < 1 ||
        json_integer_value(v) > 100000) {
        snprintf(what, sizeof what, "\"%s\" must be a whole number from 1 to 100000",
                 key);
        return field_error(src, i, key, err, errlen, what);
    }
    *out = (int32_t)json_integer_value(v);
    return KC_OK;
}

/* Where each row of s starts, for later checks (a rank twice). */
static int row_starts(const kc__source *src, kc__snap *s, char *err, size_t errlen)
{
    int32_t *pos = kc__calloc(s->nrows ? 2 * s->nrows : 1, sizeof *pos);
    if (!pos) {
        snprintf(err, errlen, "%s: out of memory", src->path);
        return KC_ENOMEM;
    }
    kc__json_element_starts(src->buf, src->len, 1, pos, pos + s->nrows, s->nrows);
    for (size_t k = 0; k < s->nrows; k++) {
        if (pos[k]) {
            s->rows[k].line = pos[k];
            s->rows[k].col = pos[s->nrows + k];
        }
    }
    free(pos);
    return KC_OK;
}

/* ---- the plain file, read directly ------------------------------------ */

/* Most files are the plainest JSON of the shape: the keys above and no
 * other, each once; strings of printable ASCII whose only escapes are \",
 * \\ and \/; counters of 1 to 100000 or null. Such a file is read here
 * without jansson (whose parse was most of an ingest's reading), to the
 * very rows jansson's would give. Anything else, right or wrong, goes to
 * jansson (kc__parse_billboard below), which says what is wrong where. */

typedef struct {
    const char *s;
    size_t n;
} slice;

typedef struct {
    slice song, artist;
    int32_t rank, last, peak, weeks;
} plain_row;

typedef struct {
    const char *p, *end;
    char *w; /* where the next string goes, unescaped, NUL-terminated */
} reader;

static void skip_ws(reader *r)
{
    while (r->p < r->end &&
           (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
        r->p++;
}

/* The byte after ws, taken when it is c. */
static bool take(reader *r, char c)
{
    skip_ws(r);
    if (r->p < r->end && *r->p == c) {
        r->p++;
        return true;
    }
    return false;
}

static bool plain_string(reader *r, slice *out)
{
    skip_ws(r);
    if (r->p >= r->end || *r->p != '"')
        return false;
    out->s = r->w;
    for (r->p++; r->p < r->end && *r->p != '"'; r->p++) {
        unsigned char c = (unsigned char)*r->p;
        if (c < 0x20 || c >= 0x80)
            return false;
        if (c == '\\') {
            if (r->p + 1 >= r->end ||
                (r->p[1] != '"' && r->p[1] != '\\' && r->p[1] != '/'))
                return false;
            c = (unsigned char)*++r->p;
        }
        *r->w++ = (char)c;
    }
    if (r->p >= r->end)
        return false;
    r->p++;
    out->n = (size_t)(r->w - out->s);
    *r->w++ = '\0';
    return true;
}

/* A counter: 1 (a number of 1 to 100000, *v), 0 (null), -1 (else). */
static int plain_counter(reader *r, int32_t *v)
{
    skip_ws(r);
    int kind = 1;
    if (r->end - r->p >= 4 && !memcmp(r->p, "null", 4)) {
        r->p += 4;
        kind = 0;
    } else {
        if (r->p >= r->end || *r->p < '1' || *r->p > '9')
            return -1;
        int32_t x = 0;
        for (int d = 0; r->p < r->end && *r->p >= '0' && *r->p <= '9'; d++, r->p++) {
            if (d == 6)
                return -1;
            x = x * 10 + (*r->p - '0');
        }
        if (x > 100000)
            return -1;
        *v = x;
    }
    if (r->p < r->end && (!*r->p || !strchr(" \n\r\t,}]", *r->p)))
        return -1; /* 1.5, 1e3, nullx */
    return kind;
}

static const char *const row_keys[] = {"song",      "artist",        "this_week",
                                       "last_week", "peak_position", "weeks_on_chart"};

static bool plain_row_read(reader *r, plain_row *row)
{
    if (!take(r, '{'))
        return false;
    unsigned seen = 0;
    row->last = 0;
    row->peak = row->weeks = KC_NONE;
    do {
        slice key;
        if (!plain_string(r, &key) || !take(r, ':'))
            return false;
        r->w = (char *)key.s; /* the key's copy is not kept */
        int k = 0;
        while (k < 6 && strcmp(key.s, row_keys[k]))
            k++;
        if (k == 6 || seen & (1u << k))
            return false;
        seen |= 1u << k;
        if (k < 2) {
            if (!plain_string(r, k ? &row->artist : &row->song))
                return false;
            continue;
        }
        int32_t *to[] = {&row->rank, &row->last, &row->peak, &row->weeks};
        int32_t v = 0;
        int got = plain_counter(r, &v);
        if (got < 0 || (got == 0 && k == 2))
            return false;
        *to[k - 2] = got ? v : k == 3 ? 0 : KC_NONE;
    } while (take(r, ','));
    /* song, artist and this_week, the song not empty */
    return take(r, '}') && (seen & 7) == 7 && row->song.n;
}

/* The rows of a plain file into *rows (owned; their strings in text,
 * owned), the date into date; false when the file is not plain (or out of
 * memory: jansson's parse says so then). */
static bool plain_read(const kc__source *src, plain_row **rows, size_t *n, char **text,
                       slice *date)
{
    *rows = NULL;
    *n = 0;
    if (!(*text = kc__malloc(src->len + 1)))
        return false;
    reader r = {src->buf, src->buf + src->len, *text};
    size_t cap = 0;
    bool ok = take(&r, '{'), has_date = false, has_data = false;
    while (ok) {
        slice key;
        ok = plain_string(&r, &key) && take(&r, ':');
        if (ok && !strcmp(key.s, "date") && !has_date) {
            has_date = true;
            ok = plain_string(&r, date);
        } else if (ok && !strcmp(key.s, "data") && !has_data) {
            has_data = true;
            ok = take(&r, '[');
            if (ok && !take(&r, ']')) {
                do {
                    if (*n == cap) {
                        cap = cap ? cap * 2 : 128;
                        plain_row *v = kc__realloc(*rows, cap * sizeof *v);
                        if (!(ok = v != NULL))
                            break;
                        *rows = v;
                    }
                    ok = plain_row_read(&r, &(*rows)[(*n)++]);
                } while (ok && take(&r, ','));
                ok = ok && take(&r, ']');
            }
        } else {
            ok = false;
        }
        if (ok && !take(&r, ','))
            break;
    }
    ok = ok && take(&r, '}') && has_date && has_data && date->n < 32;
    skip_ws(&r);
    if (ok && r.p == r.end)
        return true;
    free(*rows);
    free(*text);
    *rows = NULL;
    *text = NULL;
    return false;
}

/* Stores the rows of a plain file as kc__parse_billboard would. */
static int plain_store(const kc__source *src, const plain_row *rows, size_t n,
                       const slice *date, kc__batch *out, char *err, size_t errlen)
{
    char period[32];
    snprintf(period, sizeof period, "%s", src->period ? src->period : date->s);
    int rc = KC_OK;
    kc__snap *s = kc__batch_snap(out, src->chart_id ? src->chart_id : "billboard-hot-100",
                                 period, 1, &rc, err, errlen);
    if (!s)
        return rc;
    s->has_counters = true;
    for (size_t i = 0; i < n; i++) {
        kc__row *row = kc__snap_row(out, s, 1, &rc, err, errlen);
        if (!row)
            return rc;
        row->title = kc__batch_strdup(out, rows[i].song.s, rows[i].song.n);
        row->artist = kc__batch_strdup(out, rows[i].artist.s, rows[i].artist.n);
        row->provider_id = NULL;
        row->value = KC_NONE;
        row->rank = rows[i].rank;
        row->p_last = rows[i].last;
        row->p_peak = rows[i].peak;
        row->p_periods = rows[i].weeks;
        if (!row->title || !row->artist) {
            snprintf(err, errlen, "%s: out of memory", src->path);
            return KC_ENOMEM;
        }
    }
    return row_starts(src, s, err, errlen);
}

int kc__parse_billboard(const kc__source *src, kc__batch *out, char *err, size_t errlen)
{
    plain_row *rows;
    size_t n;
    char *text;
    slice day;
    if (plain_read(src, &rows, &n, &text, &day)) {
        int prc = plain_store(src, rows, n, &day, out, err, errlen);
        free(rows);
        free(text);
        return prc;
    }
    json_t *root;
    kc__json_arena_begin(); /* its values go together at the end */
    int rc = kc__json_parse(src->buf, src->len, src->path, &root, err, errlen);
    if (rc) {
        kc__json_arena_end();
        return rc;
    }
    json_t *date = json_object_get(root, "date");
    json_t *data = json_object_get(root, "data");
    char period[32];
    if (!json_is_object(root) || !json_is_array(data)) {
        rc = field_error(src, 0, NULL, err, errlen,
                         "expected an object with \"date\" and a \"data\" array");
        goto done;
    }
    if (src->period) {
        snprintf(period, sizeof period, "%s", src->period);
    } else if (json_is_string(date) && json_string_length(date) < sizeof period) {
        snprintf(period, sizeof period, "%s", json_string_value(date));
    } else {
        snprintf(err, errlen, "%s:1:1: \"date\" must be a YYYY-MM-DD string", src->path);
        rc = KC_EINPUT;
        goto done;
    }
    kc__snap *s = kc__batch_snap(out, src->chart_id ? src->chart_id : "billboard-hot-100",
                                 period, 1, &rc, err, errlen);
    if (!s)
        goto done;
    s->has_counters = true;
    size_t i;
    json_t *e;
    json_array_foreach(data, i, e)
    {
        if (!json_is_object(e)) {
            rc = field_error(src, i, NULL, err, errlen, "chart rows must be objects");
            goto done;
        }
        kc__row *row = kc__snap_row(out, s, 1, &rc, err, errlen);
        if (!row)
            goto done;
        json_t *song = json_object_get(e, "song"), *artist = json_object_get(e, "artist");
        if (!json_is_string(song) || !json_string_length(song)) {
            rc = field_error(src, i, song ? "song" : NULL, err, errlen,
                             "\"song\" must be a non-empty string");
            goto done;
        }
        if (!json_is_string(artist)) {
            rc = field_error(src, i, artist ? "artist" : NULL, err, errlen,
                             "\"artist\" must be a string");
            goto done;
        }
        row->title =
            kc__batch_strdup(out, json_string_value(song), json_string_length(song));
        row->artist =
            kc__batch_strdup(out, json_string_value(artist), json_string_length(artist));
        row->provider_id = NULL;
        row->value = KC_NONE;
        if ((rc = counter(src, e, i, "this_week", false, 0, &row->rank, err, errlen)) ||
            (rc = counter(src, e, i, "last_week", true, 0, &row->p_last, err, errlen)) ||
            (rc = counter(src, e, i, "peak_position", true, KC_NONE, &row->p_peak, err,
                          errlen)) ||
            (rc = counter(src, e, i, "weeks_on_chart", true, KC_NONE, &row->p_periods,
                          err, errlen)))
            goto done;
        if (!row->title || !row->artist) {
            snprintf(err, errlen, "%s: out of memory", src->path);
            rc = KC_ENOMEM;
            goto done;
        }
    }
    rc = row_starts(src, s, err, errlen);
done:
    json_decref(root);
    kc__json_arena_end();
    return rc;
}
