/* Unit tests of the streaming CSV reader (csv.c). */
#include "support.h"
#include "util/util.h"

#include <string.h>

static char err[512];

static kc__csv open_text(const char *text)
{
    kc__csv r;
    kc__csv_init(&r, "t.csv", text, strlen(text));
    return r;
}

Test(csv, quoted_fields_with_doubled_quotes_commas_and_newlines)
{
    kc__csv r = open_text("a,\"b,\"\"c\"\"\nd\",e\r\n");
    cr_assert(eq(int, kc__csv_next(&r, err, sizeof err), 1), "%s", err);
    cr_assert(eq(sz, r.nfields, 3));
    cr_assert(eq(str, kc__csv_field(&r, 0), "a"));
    cr_assert(eq(str, kc__csv_field(&r, 1), "b,\"c\"\nd"));
    cr_assert(eq(sz, kc__csv_len(&r, 1), 7));
    cr_assert(eq(str, kc__csv_field(&r, 2), "e"));
    cr_assert(eq(int, kc__csv_next(&r, err, sizeof err), 0));
    kc__csv_free(&r);
}

Test(csv, skips_leading_bom_and_blank_lines_and_counts_lines)
{
    kc__csv r = open_text("\xEF\xBB\xBFh1,h2\n\n\nx,y\n");
    cr_assert(eq(int, kc__csv_next(&r, err, sizeof err), 1));
    cr_assert(eq(str, kc__csv_field(&r, 0), "h1"));
    cr_assert(eq(int, kc__csv_next(&r, err, sizeof err), 1));
    cr_assert(eq(i32, r.rec_line, 4));
    cr_assert(eq(str, kc__csv_field(&r, 1), "y"));
    kc__csv_free(&r);
}

Test(csv, empty_last_field_and_no_final_newline)
{
    kc__csv r = open_text("a,");
    cr_assert(eq(int, kc__csv_next(&r, err, sizeof err), 1));
    cr_assert(eq(sz, r.nfields, 2));
    cr_assert(eq(str, kc__csv_field(&r, 1), ""));
    kc__csv_free(&r);
}

Test(csv, unterminated_quote_names_where_it_opened)
{
    kc__csv r = open_text("a,b\nc,\"dd\nee\n");
    cr_assert(eq(int, kc__csv_next(&r, err, sizeof err), 1));
    cr_assert(eq(int, kc__csv_next(&r, err, sizeof err), -1));
    cr_assert(eq(str, err, "t.csv:2:3: unterminated quoted field"));
    kc__csv_free(&r);
}

Test(csv, columns_count_characters_not_bytes)
{
    kc__csv r = open_text("방탄,x\"y\n");
    cr_assert(eq(int, kc__csv_next(&r, err, sizeof err), -1));
    cr_assert(eq(str, err, "t.csv:1:5: quote inside an unquoted field"));
    kc__csv_free(&r);
}

Test(csv, rejects_invalid_utf8_and_bom_inside)
{
    kc__csv r = open_text("ok,\xC3\x28\n");
    cr_assert(eq(int, kc__csv_next(&r, err, sizeof err), -1));
    cr_assert(eq(str, err, "t.csv:1:4: invalid UTF-8 in a field"));
    kc__csv_free(&r);
    r = open_text("a\n\xEF\xBB\xBF"
                  "b\n");
    cr_assert(eq(int, kc__csv_next(&r, err, sizeof err), 1));
    cr_assert(eq(int, kc__csv_next(&r, err, sizeof err), -1));
    cr_assert(
        eq(str, err,
           "t.csv:2:1: byte order mark inside the file (only allowed at its start)"));
    kc__csv_free(&r);
}

Test(csv, caps_field_length)
{
    static char big[KC_CSV_FIELD_MAX + 10];
    memset(big, 'x', sizeof big - 1);
    kc__csv r = open_text(big);
    cr_assert(eq(int, kc__csv_next(&r, err, sizeof err), -1));
    cr_assert(eq(str, err, "t.csv:1:1: field longer than 65536 bytes"));
    kc__csv_free(&r);
}
