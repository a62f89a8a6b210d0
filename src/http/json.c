/*
 * json.c: kc_table rows as JSON, the one place that decides how a cell is
 * written (the API and `kchart --format json` both use it).
 */
#include "http.h"

#include <stdlib.h>
#include <string.h>

json_t *http_cell_json(const kc_table *t, size_t r, size_t c)
{
    const char *v = kc_table_cell(t, r, c);
    switch (kc_table_type(t, r, c)) {
    case KC_CELL_INT:
        return json_integer(strtoll(v, NULL, 10));
    case KC_CELL_REAL:
        return json_real(strtod(v, NULL));
    case KC_CELL_TEXT:
        /* A column named figures holds a JSON object (the news' events,
         * docs/news.md): written as that object, not as a string of it. */
        if (!strcmp(t->cols[c], "figures")) {
            json_t *j = json_loads(v, JSON_REJECT_DUPLICATES, NULL);
            if (json_is_object(j))
                return j;
            json_decref(j);
        }
        return json_string(v); /* NULL if not UTF-8: the store holds NFC */
    default:
        return json_null();
    }
}

json_t *http_row_json(const kc_table *t, size_t r)
{
    json_t *o = json_object();
    for (size_t c = 0; o && c < t->ncols; c++) {
        json_t *j = http_cell_json(t, r, c);
        if (!j || json_object_set_new(o, t->cols[c], j)) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

json_t *http_rows_json(const kc_table *t, size_t from, size_t n)
{
    json_t *arr = json_array();
    for (size_t r = from; arr && r < t->nrows && r - from < n; r++) {
        json_t *o = http_row_json(t, r);
        if (!o || json_array_append_new(arr, o)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}
