/* Unit tests of the matching forms of titles and credits (text.c). */
#include "support.h"
#include "util/util.h"

#include <stdlib.h>

static void credit_is(const char *in, const char *want)
{
    char *got = kc__match_credit(in);
    cr_assert_not_null(got);
    cr_assert(eq(str, got, want), "credit \"%s\"", in);
    free(got);
}

static void title_is(const char *in, const char *want)
{
    char *got = kc__match_title(in);
    cr_assert_not_null(got);
    cr_assert(eq(str, got, want), "title \"%s\"", in);
    free(got);
}

Test(text, titles_fold_case_width_and_punctuation)
{
    title_is("Don't Stop Believin'", "dont stop believin");
    title_is("  Dynamite  (Remix) ", "dynamite remix");
    title_is("ＤＹＮＡＭＩＴＥ", "dynamite");
    title_is("봄날", "봄날");
    /* Decomposed Hangul jamo compose to the same syllables. */
    title_is("\xE1\x84\x87\xE1\x85\xA9\xE1\x86\xB7", "봄");
}

Test(text, credit_variants_meet)
{
    credit_is("Ella Langley & Morgan Wallen", "ella langley morgan wallen");
    credit_is("Morgan Wallen Featuring Ella Langley", "ella langley morgan wallen");
    credit_is("Ella Langley, Morgan Wallen", "ella langley morgan wallen");
    credit_is("Ella Langley X Morgan Wallen", "ella langley morgan wallen");
    credit_is("Ella Langley feat. Morgan Wallen", "ella langley morgan wallen");
    credit_is("Ella Langley with Morgan Wallen", "ella langley morgan wallen");
}

Test(text, lead_artist)
{
    char *l = kc__match_lead("Noah Kahan With Post Malone");
    cr_assert(eq(str, l, "noah kahan"));
    free(l);
    l = kc__match_lead("Tame Impala & JENNIE");
    cr_assert(eq(str, l, "tame impala"));
    free(l);
}

Test(text, utf8_check_and_nfc)
{
    cr_assert(eq(sz, kc__utf8_check("ab\xC3\x28", 4), 2));
    cr_assert(eq(sz, kc__utf8_check("방탄", 6), 6));
    char *n = kc__nfc("e\xCC\x81");
    cr_assert(eq(str, n, "\xC3\xA9"));
    free(n);
}
