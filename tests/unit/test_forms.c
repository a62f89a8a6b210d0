/* Unit tests of a title's other spellings (names in any script:
 * kc__title_forms, model/identity.c) and of the scripts of a name
 * (kc__scripts, util/text.c). */
#include "model/model.h"
#include "support.h"

#include <stdlib.h>
#include <string.h>

/* The forms of title and credit as "title|credit;..." and the aliases as
 * "a;b", compared with want_forms and want_aliases. */
static void forms_are(const char *title, const char *credit, const char *want_forms,
                      const char *want_aliases)
{
    kc__forms f;
    cr_assert(eq(int, kc__title_forms(title, credit, &f), KC_OK));
    char got[1024] = "", al[1024] = "";
    size_t o = 0;
    for (size_t i = 0; i < f.n; i++)
        o += (size_t)snprintf(got + o, sizeof got - o, "%s%s|%s", i ? ";" : "",
                              f.title[i], f.credit[i]);
    o = 0;
    for (size_t i = 0; i < f.naliases; i++)
        o += (size_t)snprintf(al + o, sizeof al - o, "%s%s", i ? ";" : "", f.alias[i]);
    kc__forms_free(&f);
    cr_assert(eq(str, got, (char *)want_forms), "forms of \"%s\" by \"%s\"", title,
              credit);
    cr_assert(eq(str, al, (char *)want_aliases), "aliases of \"%s\" by \"%s\"", title,
              credit);
}

Test(forms, a_title_in_hangul_with_its_latin_name)
{
    forms_are("뚜두뚜두 (DDU-DU DDU-DU)", "BLACKPINK", "DDU-DU DDU-DU|BLACKPINK",
              "DDU-DU DDU-DU;뚜두뚜두");
    forms_are("아니길 (Hope Not)", "BLACKPINK", "Hope Not|BLACKPINK", "Hope Not;아니길");
    forms_are("夜に駆ける (Racing Into The Night)", "YOASOBI",
              "Racing Into The Night|YOASOBI", "Racing Into The Night;夜に駆ける");
}

Test(forms, versions_are_not_names)
{
    forms_are("휘파람 (Acoustic Ver.)", "BLACKPINK", "", "");
    forms_are("뚜두뚜두 (DDU-DU DDU-DU) (Remix)", "BLACKPINK", "", "");
    forms_are("봄날 (Inst.)", "BTS", "", "");
    forms_are("Dynamite (Remix)", "BTS", "", "");
    forms_are("휘파람", "BLACKPINK", "", "");
}

Test(forms, a_with_or_feat_part_is_a_credit)
{
    forms_are("Ice Cream (with Selena Gomez)", "BLACKPINK",
              "Ice Cream|BLACKPINK with Selena Gomez", "Ice Cream");
    forms_are("Bet You Wanna (Feat. Cardi B)", "BLACKPINK",
              "Bet You Wanna|BLACKPINK with Cardi B", "Bet You Wanna");
    forms_are("Let Me Love You (ft. Justin Bieber)", "DJ Snake",
              "Let Me Love You|DJ Snake with Justin Bieber", "Let Me Love You");
}

Test(forms, a_credit_in_hangul_with_its_latin_name)
{
    forms_are("SOLO", "제니 (JENNIE)", "SOLO|JENNIE", "");
    forms_are("밤양갱", "비비 (BIBI)", "밤양갱|BIBI", "");
}

Test(forms, latin_titles_with_a_parenthesis_stay_as_they_are)
{
    forms_are("(I Can't Get No) Satisfaction", "The Rolling Stones", "", "");
    forms_are("Judy In Disguise (With Glasses)", "John Fred And The Playboys",
              "Judy In Disguise|John Fred And The Playboys with Glasses",
              "Judy In Disguise");
}

Test(forms, scripts_of_a_name)
{
    cr_assert(eq(int, kc__scripts("DDU-DU", 6), KC_SCRIPT_LATIN));
    cr_assert(eq(int, kc__scripts("뚜두뚜두", strlen("뚜두뚜두")), KC_SCRIPT_OTHER));
    cr_assert(eq(int, kc__scripts("Beyoncé", strlen("Beyoncé")), KC_SCRIPT_LATIN));
    cr_assert(eq(int, kc__scripts("TWS (투어스)", strlen("TWS (투어스)")),
                 KC_SCRIPT_LATIN | KC_SCRIPT_OTHER));
    cr_assert(eq(int, kc__scripts("÷ 123", strlen("÷ 123")), 0));
}
