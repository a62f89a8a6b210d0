/* Unit tests of the Billboard adapter (ingest/adapter_billboard.c): a file
 * of the plainest JSON is read directly, any other through jansson, and
 * both give the same rows, positions included. Not the checks made after
 * the parse (tests/bad). */
#include "ingest/ingest.h"
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parses text into b (its arena and index made here). */
static int parse(const char *text, kc__batch *b, char *err, size_t errlen)
{
    memset(b, 0, sizeof *b);
    b->path = "t.json";
    b->arena = kc__arena_new();
    b->index = kc__map_new();
    cr_assert(b->arena != NULL && b->index != NULL);
    kc__source src = {"t.json", "t.json", text, strlen(text), NULL, NULL};
    return kc__parse_billboard(&src, b, err, errlen);
}

/* The rows of plain (read directly) and of other (the same rows, but a
 * key jansson ignores at the end of the last row: read by jansson) agree. */
static void same_rows(const char *plain, const char *other)
{
    kc__batch a, b;
    char err[256];
    cr_assert(eq(int, parse(plain, &a, err, sizeof err), KC_OK), "%s", err);
    cr_assert(eq(int, parse(other, &b, err, sizeof err), KC_OK), "%s", err);
    cr_assert(eq(sz, a.nsnaps, 1));
    cr_assert(eq(sz, b.nsnaps, 1));
    const kc__snap *x = &a.snaps[0], *y = &b.snaps[0];
    cr_assert(eq(str, x->period, y->period));
    cr_assert(eq(int, x->has_counters, y->has_counters));
    cr_assert(eq(sz, x->nrows, y->nrows));
    for (size_t i = 0; i < x->nrows; i++) {
        const kc__row *r = &x->rows[i], *s = &y->rows[i];
        cr_assert(eq(str, r->title, s->title));
        cr_assert(eq(str, r->artist, s->artist));
        cr_assert(eq(int, r->rank, s->rank));
        cr_assert(eq(int, r->p_last, s->p_last));
        cr_assert(eq(int, r->p_peak, s->p_peak));
        cr_assert(eq(int, r->p_periods, s->p_periods));
        cr_assert(eq(int, r->line, s->line));
        cr_assert(eq(int, r->col, s->col));
        cr_assert(eq(int, r->value, s->value));
        cr_assert(r->provider_id == NULL && s->provider_id == NULL);
    }
    kc__batch_free(&a);
    kc__batch_free(&b);
}

Test(billboard, plain_and_jansson_agree)
{
    same_rows("{\"date\":\"2024-01-06\",\"data\":[{\"song\":\"A \\\"B\\\" \\\\ C\\/D\","
              "\"artist\":\"X\",\"this_week\":1,\"last_week\":null,"
              "\"peak_position\":1,\"weeks_on_chart\":1},"
              "{\"artist\":\"\",\"song\":\"E\",\"this_week\":2}]}",
              "{\"date\":\"2024-01-06\",\"data\":[{\"song\":\"A \\\"B\\\" \\\\ C\\/D\","
              "\"artist\":\"X\",\"this_week\":1,\"last_week\":null,"
              "\"peak_position\":1,\"weeks_on_chart\":1},"
              "{\"artist\":\"\",\"song\":\"E\",\"this_week\":2,\"x\":0}]}");
    /* Lines and columns: rows on lines of their own, CRLF and CR. */
    same_rows("{\r\n \"data\" : [\r\n  {\"song\": \"A\", \"artist\": \"X\", "
              "\"this_week\": 100000, \"last_week\": 7},\r  {\"song\": \"B\",\n"
              "\"artist\": \"Y\", \"this_week\": 2, \"peak_position\": null}\n ],\n"
              " \"date\": \"2024-01-13\"\n}\n",
              "{\r\n \"data\" : [\r\n  {\"song\": \"A\", \"artist\": \"X\", "
              "\"this_week\": 100000, \"last_week\": 7},\r  {\"song\": \"B\",\n"
              "\"artist\": \"Y\", \"this_week\": 2, \"peak_position\": null, \"x\": 1}\n"
              " ],\n \"date\": \"2024-01-13\"\n}\n");
}

/* What the plain reading refuses goes to jansson, which reads it or says
 * what is wrong, as it always did. */
Test(billboard, others_go_to_jansson)
{
    kc__batch b;
    char err[256];
    cr_assert(eq(int,
                 parse("{\"date\":\"2024-01-06\",\"data\":[{\"song\":\"\\u00c9t\\u00e9\","
                       "\"artist\":\"X\",\"this_week\":1}]}",
                       &b, err, sizeof err),
                 KC_OK));
    cr_assert(eq(str, b.snaps[0].rows[0].title, "\xc3\x89t\xc3\xa9"));
    kc__batch_free(&b);
    cr_assert(eq(int,
                 parse("{\"date\":\"2024-01-06\",\"data\":[{\"song\":\"A\","
                       "\"artist\":\"X\",\"this_week\":1.0}]}",
                       &b, err, sizeof err),
                 KC_EINPUT));
    cr_assert(eq(str, err,
                 "t.json:1:67: \"this_week\" must be a whole number from 1 to "
                 "100000"));
    kc__batch_free(&b);
    cr_assert(eq(int,
                 parse("{\"date\":\"2024-01-06\",\"data\":[{\"song\":\"A\","
                       "\"artist\":\"X\",\"this_week\":1,\"this_week\":2}]}",
                       &b, err, sizeof err),
                 KC_EINPUT));
    cr_assert(strstr(err, "duplicate object key") != NULL, "%s", err);
    kc__batch_free(&b);
}
