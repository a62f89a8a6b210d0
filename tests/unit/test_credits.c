/* Unit tests of the credit parser (model/credits.c): strong and weak
 * separators, names cut only into known names, the fewest names winning,
 * "제니 (JENNIE)", a title's "(feat. X)". The known names are given here;
 * tests/real/credits.sh tries the store's evidence on the Hot 100. */
#include "model/model.h"
#include "support.h"

#include <stdlib.h>
#include <string.h>

/* The names this test knows (matching forms). */
static const char *const known_names[] = {"bts",          "coldplay",
                                          "wind",         "jung kook",
                                          "latto",        "lil nas x",
                                          "jack harlow",  "earth wind fire",
                                          "jennie",       "x ambassadors",
                                          "selena gomez", "earth",
                                          "fire",         NULL};

static bool knows(void *ctx, const char *match)
{
    (void)ctx;
    for (size_t i = 0; known_names[i]; i++)
        if (!strcmp(known_names[i], match))
            return true;
    return false;
}

/* The artists of credit (and title) as "role:name[/alias]" joined by " | ". */
static void parsed_is(const char *credit, const char *title, const char *want)
{
    kc__credit_artist *a;
    size_t n;
    cr_assert(eq(int, kc__credit_parse(credit, title, knows, NULL, &a, &n), KC_OK));
    char got[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < n; i++)
        used +=
            (size_t)snprintf(got + used, sizeof got - used, "%s%s:%s%s%s", i ? " | " : "",
                             a[i].featured ? "featured" : "lead", a[i].name,
                             a[i].alias ? "/" : "", a[i].alias ? a[i].alias : "");
    kc__credits_free(a, n);
    cr_assert(eq(str, got, (char *)want), "credit \"%s\"", credit);
}

Test(credits, strong_separators_always_split)
{
    parsed_is("Jung Kook Featuring Latto", NULL, "lead:Jung Kook | featured:Latto");
    parsed_is("Unknown A feat. Unknown B", NULL, "lead:Unknown A | featured:Unknown B");
    parsed_is("A ft. B", NULL, "lead:A | featured:B");
    parsed_is("A With B", NULL, "lead:A | featured:B");
    parsed_is("A Duet With B", NULL, "lead:A | lead:B");
    parsed_is("The Miracles (featuring Bill \"Smokey\" Robinson)", NULL,
              "lead:The Miracles | featured:Bill \"Smokey\" Robinson");
}

Test(credits, weak_separators_split_into_known_names_only)
{
    parsed_is("Coldplay x BTS", NULL, "lead:Coldplay | lead:BTS");
    parsed_is("Coldplay X BTS", NULL, "lead:Coldplay | lead:BTS");
    parsed_is("Jung Kook & Jack Harlow", NULL, "lead:Jung Kook | lead:Jack Harlow");
    parsed_is("BTS, Coldplay and Latto", NULL, "lead:BTS | lead:Coldplay | lead:Latto");
    parsed_is("BTS/Coldplay", NULL, "lead:BTS | lead:Coldplay");
    parsed_is("BTS + Latto", NULL, "lead:BTS | lead:Latto");
    /* A piece unknown: the whole is one name. */
    parsed_is("Simon & Garfunkel", NULL, "lead:Simon & Garfunkel");
    parsed_is("BTS & Nobody Known", NULL, "lead:BTS & Nobody Known");
    parsed_is("Tyler, The Creator", NULL, "lead:Tyler, The Creator");
    parsed_is("AC/DC", NULL, "lead:AC/DC");
}

Test(credits, the_longest_known_span_wins)
{
    /* Earth, Wind and Fire are each known here, yet the whole is too. */
    parsed_is("Earth, Wind & Fire", NULL, "lead:Earth, Wind & Fire");
    parsed_is("Earth, Wind & Fire With Latto", NULL,
              "lead:Earth, Wind & Fire | featured:Latto");
    parsed_is("BTS & Earth, Wind & Fire", NULL, "lead:BTS | lead:Earth, Wind & Fire");
}

Test(credits, separator_words_inside_names)
{
    parsed_is("Lil Nas X", NULL, "lead:Lil Nas X");
    parsed_is("Lil Nas X & Jack Harlow", NULL, "lead:Lil Nas X | lead:Jack Harlow");
    parsed_is("X Ambassadors", NULL, "lead:X Ambassadors");
}

Test(credits, a_name_in_two_scripts_is_one_artist)
{
    parsed_is("제니 (JENNIE)", NULL, "lead:JENNIE/제니");
    parsed_is("(JENNIE) 제니", NULL, "lead:(JENNIE) 제니");
    parsed_is("JENNIE (제니)", NULL, "lead:JENNIE/제니");
    parsed_is("제니 (JENNIE), BTS", NULL, "lead:JENNIE/제니 | lead:BTS");
    /* The same script on both sides: a name as written. */
    parsed_is("Dion (Di Muci)", NULL, "lead:Dion (Di Muci)");
}

Test(credits, a_titles_featured_part)
{
    parsed_is("BLACKPINK", "Ice Cream (with Selena Gomez)",
              "lead:BLACKPINK | featured:Selena Gomez");
    parsed_is("BTS", "Song (feat. Latto)", "lead:BTS | featured:Latto");
    /* Named by the credit already: not again. */
    parsed_is("BTS Featuring Latto", "Song (feat. Latto)", "lead:BTS | featured:Latto");
    parsed_is("BTS", "Song (Remix)", "lead:BTS");
}

Test(credits, shapes_and_matching_forms)
{
    cr_assert(eq(int, kc__credit_shape("Wind"), 0));
    cr_assert(eq(int, kc__credit_shape("Lil Nas X"), 0));
    cr_assert(eq(int, kc__credit_shape("Earth, Wind & Fire"), 1));
    cr_assert(eq(int, kc__credit_shape("Jung Kook Featuring Latto"), 2));
    char *m = kc__credit_match("Earth, Wind & Fire");
    cr_assert(eq(str, m, "earth wind fire"));
    free(m);
    m = kc__credit_match("Don't Stop");
    cr_assert(eq(str, m, "dont stop"));
    free(m);
}
