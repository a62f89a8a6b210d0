/*
 * adapter_billboard.c: Billboard chart JSON, one chart per file.
 *
 * The shape archived from billboard.com (mhollingshead/billboard-hot-100):
 *   {"date":"YYYY-MM-DD","data":[{"song":..,"artist":..,"this_week":N,
 *     "last_week":N|null,"peak_position":N,"weeks_on_chart":N}, ...]}
 * last_week null means a debut or a re-entry. Parsed with jansson
 * (duplicate keys rejected); a value of the wrong type is reported at its
 * line and column, found by kc__json_locate() since jansson keeps no
 * positions.
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

int kc__parse_billboard(const kc__source *src, kc__batch *out, char *err, size_t errlen)
{
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
    /* Where each row starts, for later checks (a rank twice). */
    int32_t *pos = kc__calloc(s->nrows ? 2 * s->nrows : 1, sizeof *pos);
    if (!pos) {
        snprintf(err, errlen, "%s: out of memory", src->path);
        rc = KC_ENOMEM;
        goto done;
    }
    kc__json_element_starts(src->buf, src->len, 1, pos, pos + s->nrows, s->nrows);
    for (size_t k = 0; k < s->nrows; k++) {
        if (pos[k]) {
            s->rows[k].line = pos[k];
            s->rows[k].col = pos[s->nrows + k];
        }
    }
    free(pos);
done:
    json_decref(root);
    kc__json_arena_end();
    return rc;
}
