/* Unit tests of regions.c through the library's public interface, on the
 * hand-made family of tests/fixtures/regions (its README draws the No. 1s
 * by week): families from the registry and named by chart ids, windows, top
 * N, ties in the leaderboard, a song absent from some regions, and one song
 * under a different provider id in each region. */
#include "support.h"

#include <string.h>

static kc_db *db;

static void setup(void)
{
    db = test_store_open();
    kc_ingest_opts o = {0};
    o.format = "generic";
    cr_assert(
        eq(int, kc_ingest_path(db, KC_FIXTURES "/regions/weekly.csv", &o, NULL), KC_OK),
        "%s", kc_errmsg(db));
}

TestSuite(regions, .init = setup, .fini = test_store_close);

/* The named columns of every row of t, "a:b:c" rows joined by "; " (NULL
 * cells as "-"); the string is static. */
static const char *rows(const kc_table *t, const char *const *cols)
{
    static char out[4096];
    size_t w = 0;
    out[0] = '\0';
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t k = 0; cols[k]; k++) {
            size_t c = 0;
            while (c < t->ncols && strcmp(t->cols[c], cols[k]))
                c++;
            cr_assert(lt(sz, c, t->ncols), "no column %s", cols[k]);
            const char *v = kc_table_cell(t, r, c);
            w += (size_t)snprintf(out + w, sizeof out - w, "%s%s",
                                  k ? ":" : (r ? "; " : ""), v ? v : "-");
        }
    }
    return out;
}

static const char *const BOARD[] = {"title", "artist",      "regions",
                                    "first", "region_list", NULL};
static const char *const PER_SONG[] = {"title", "artist",  "region", "first",
                                       "best",  "periods", NULL};
static const char *const ON[] = {"title", "artist", "region", "period", "rank", NULL};

static kc_table *board(kc_regions_opts o, size_t limit, size_t offset, size_t *total)
{
    kc_page page = {limit, offset, 0};
    kc_table *t = NULL;
    cr_assert(eq(int, kc_query_regions_leaderboard(db, &o, &page, &t), KC_OK), "%s",
              kc_errmsg(db));
    if (total)
        *total = page.total;
    return t;
}

Test(regions, leaderboard_no1_ties_broken_by_first_period)
{
    size_t total = 0;
    kc_table *t = board((kc_regions_opts){.family = "spotify-weekly"}, 0, 0, &total);
    cr_assert(eq(str, rows(t, BOARD),
                 "Beta:Bob:3:2024-01-04:global kr us; Delta:Dee:3:2024-01-11:jp kr us; "
                 "Alpha:Ann:2:2024-01-04:jp kr; Gamma:Cy:2:2024-01-11:global us"));
    cr_assert(eq(sz, total, 4));
    cr_assert(eq(str, kc_table_cell(t, 3, 0), "4"));
    kc_table_free(t);
}

Test(regions, leaderboard_without_global_breaks_a_full_tie_by_song_id)
{
    kc_table *t =
        board((kc_regions_opts){.family = "spotify-weekly", .no_global = 1}, 0, 0, NULL);
    cr_assert(eq(sz, t->nrows, 4));
    long long id1 = strtoll(kc_table_cell(t, 1, 1), NULL, 10),
              id2 = strtoll(kc_table_cell(t, 2, 1), NULL, 10);
    cr_assert(lt(i64, id1, id2), "tied rows by song id");
    /* Alpha and Beta tie on 2 regions from 2024-01-04: song id decides. */
    const char *a = kc_table_cell(t, 1, 2), *b = kc_table_cell(t, 2, 2);
    bool alpha_beta = !strcmp(a, "Alpha") && !strcmp(b, "Beta"),
         beta_alpha = !strcmp(a, "Beta") && !strcmp(b, "Alpha");
    cr_assert(alpha_beta || beta_alpha, "rows 2 and 3: %s, %s", a, b);
    cr_assert(eq(str, kc_table_cell(t, 0, 2), "Delta"));
    cr_assert(eq(str, rows(t, (const char *const[]){"regions", "region_list", NULL}),
                 strcmp(a, "Alpha") ? "3:jp kr us; 2:kr us; 2:jp kr; 1:us"
                                    : "3:jp kr us; 2:jp kr; 2:kr us; 1:us"));
    kc_table_free(t);
}

Test(regions, leaderboard_top2)
{
    size_t total = 0;
    kc_table *t =
        board((kc_regions_opts){.family = "spotify-weekly", .top = 2}, 0, 0, &total);
    cr_assert(eq(str, rows(t, BOARD),
                 "Beta:Bob:4:2024-01-04:global jp kr us; "
                 "Delta:Dee:4:2024-01-11:global jp kr us; "
                 "Gamma:Cy:3:2024-01-04:global jp us; Alpha:Ann:2:2024-01-04:jp kr; "
                 "Epsilon:Eve:1:2024-01-18:us"));
    cr_assert(eq(sz, total, 5));
    kc_table_free(t);
}

Test(regions, leaderboard_window_and_page)
{
    kc_table *t = board(
        (kc_regions_opts){.family = "spotify-weekly", .from = "2024-01-11"}, 0, 0, NULL);
    /* Gamma and Alpha tie on 2 regions from 2024-01-11; Gamma's song id is
     * lower (it was first seen on the global chart of 2024-01-04). */
    cr_assert(eq(str, rows(t, BOARD),
                 "Delta:Dee:3:2024-01-11:jp kr us; "
                 "Gamma:Cy:2:2024-01-11:global us; "
                 "Alpha:Ann:2:2024-01-11:jp kr"));
    kc_table_free(t);
    t = board((kc_regions_opts){.family = "spotify-weekly", .to = "2024-01-04"}, 0, 0,
              NULL);
    cr_assert(eq(str, rows(t, BOARD),
                 "Beta:Bob:3:2024-01-04:global kr us; Alpha:Ann:1:2024-01-04:jp"));
    kc_table_free(t);
    size_t total = 0;
    t = board((kc_regions_opts){.family = "spotify-weekly"}, 1, 1, &total);
    cr_assert(eq(str, rows(t, (const char *const[]){"pos", "title", NULL}), "2:Delta"));
    cr_assert(eq(sz, total, 4));
    kc_table_free(t);
    t = board((kc_regions_opts){.family = "spotify-weekly"}, 2, 10, &total);
    cr_assert(eq(sz, t->nrows, 0), "a page past the end");
    cr_assert(eq(sz, t->ncols, 7));
    cr_assert(eq(sz, total, 4), "past the end");
    kc_table_free(t);
}

Test(regions, per_song_one_song_under_three_provider_ids)
{
    kc_table *t = NULL;
    kc_regions_opts o = {.family = "spotify-weekly"};
    cr_assert(eq(int, kc_query_regions(db, "alpha", 0, &o, &t), KC_OK), "%s",
              kc_errmsg(db));
    /* Alpha by Ann is A-jp in jp and A-kr ("ALPHA", "ann") in kr: one song;
     * Alpha by Zed (us, No. 3) is another and reached No. 1 nowhere. */
    cr_assert(eq(str, rows(t, PER_SONG),
                 "Alpha:Ann:jp:2024-01-04:1:2; Alpha:Ann:kr:2024-01-18:1:1"));
    cr_assert(eq(str, kc_table_cell(t, 0, 0), kc_table_cell(t, 1, 0)));
    cr_assert_not_null(strstr(t->title, "1 of 2 songs"), "%s", t->title);
    int64_t alpha = strtoll(kc_table_cell(t, 0, 0), NULL, 10);
    kc_table_free(t);

    o.top = 2;
    cr_assert(eq(int, kc_query_song_regions(db, alpha, &o, &t), KC_OK), "%s",
              kc_errmsg(db));
    cr_assert(eq(str, rows(t, PER_SONG),
                 "Alpha:Ann:jp:2024-01-04:1:2; Alpha:Ann:kr:2024-01-04:1:2"));
    cr_assert_not_null(strstr(t->title, "top 2 in 2 of 61 regions"), "%s", t->title);
    kc_table_free(t);

    o = (kc_regions_opts){
        .family = "spotify-weekly", .from = "2024-01-11", .to = "2024-01-11"};
    cr_assert(eq(int, kc_query_song_regions(db, alpha, &o, &t), KC_OK), "%s",
              kc_errmsg(db));
    cr_assert(eq(str, rows(t, PER_SONG), "Alpha:Ann:jp:2024-01-11:1:1"));
    kc_table_free(t);
}

Test(regions, per_song_never_at_no1_is_an_empty_answer)
{
    kc_table *t = NULL;
    kc_regions_opts o = {.family = "spotify-weekly"};
    cr_assert(eq(int, kc_query_regions(db, "epsilon", 0, &o, &t), KC_OK), "%s",
              kc_errmsg(db));
    cr_assert(eq(sz, t->nrows, 0));
    cr_assert_not_null(strstr(t->title, "No. 1 in 0 of 61 regions"), "%s", t->title);
    kc_table_free(t);
    cr_assert(eq(int, kc_query_song_regions(db, 999, &o, &t), KC_ENOTFOUND));
    cr_assert_null(t);
    cr_assert(eq(int, kc_query_regions(db, "no such song", 0, &o, &t), KC_ENOTFOUND));
}

Test(regions, ranks_on_one_period_across_the_family)
{
    kc_table *t = NULL;
    kc_regions_opts o = {.family = "spotify-weekly"};
    /* Monday 2024-01-01 is in the week that ends Thursday 2024-01-04. */
    cr_assert(
        eq(int, kc_query_regions_on(db, "alpha ann", 0, &o, "2024-01-01", &t), KC_OK),
        "%s", kc_errmsg(db));
    cr_assert(eq(str, rows(t, ON),
                 "Alpha:Ann:jp:2024-01-04:1; Alpha:Ann:kr:2024-01-04:2; "
                 "Alpha:Ann:global:2024-01-04:6"));
    kc_table_free(t);
    /* Friday 2024-01-05 starts the next week; kr has no Alpha that week. */
    cr_assert(
        eq(int, kc_query_regions_on(db, "alpha ann", 0, &o, "2024-01-05", &t), KC_OK),
        "%s", kc_errmsg(db));
    cr_assert(
        eq(str, rows(t, ON), "Alpha:Ann:jp:2024-01-11:1; Alpha:Ann:global:2024-01-11:3"));
    kc_table_free(t);
    o.family = "spotify-kr-weekly,spotify-jp-weekly";
    cr_assert(eq(int, kc_query_regions_on(db, "alpha", 0, &o, "2024-01-04", &t), KC_OK),
              "%s", kc_errmsg(db));
    cr_assert(
        eq(str, rows(t, ON), "Alpha:Ann:jp:2024-01-04:1; Alpha:Ann:kr:2024-01-04:2"));
    kc_table_free(t);
    o.no_global = 1;
    o.family = "spotify-weekly";
    cr_assert(eq(int, kc_query_regions_on(db, "alpha", 0, &o, "2024-01-04", &t), KC_OK),
              "%s", kc_errmsg(db));
    cr_assert(eq(str, rows(t, ON),
                 "Alpha:Ann:jp:2024-01-04:1; Alpha:Ann:kr:2024-01-04:2; "
                 "Alpha:Zed:us:2024-01-04:3"));
    kc_table_free(t);
    cr_assert(
        eq(int, kc_query_regions_on(db, "alpha", 0, &o, "2024-1-4", &t), KC_EUSAGE));
    cr_assert_not_null(strstr(kc_errmsg(db), "not a period of a weekly chart"), "%s",
                       kc_errmsg(db));
}

Test(regions, families_from_the_registry)
{
    cr_assert(eq(int, kc_registry_load(db, KC_FIXTURES "/regions/charts.csv"), KC_OK),
              "%s", kc_errmsg(db));
    kc_table *t = NULL;
    cr_assert(eq(int, kc_query_families(db, &t), KC_OK), "%s", kc_errmsg(db));
    /* The Hot 100 and the Billboard 200 are both us, test-a and test-b too:
     * neither provider makes a family. Hanteo's country charts do. */
    cr_assert(eq(str, rows(t, (const char *const[]){"family", "charts", NULL}),
                 "hanteo-weekly:3; spotify-daily:61; spotify-weekly:61"));
    kc_table_free(t);
    kc_page page = {0, 0, 0};
    kc_regions_opts o = {.family = "test-weekly"};
    cr_assert(eq(int, kc_query_regions_leaderboard(db, &o, &page, &t), KC_EUSAGE));
    cr_assert_not_null(
        strstr(kc_errmsg(db), "test-a-weekly and test-b-weekly are both us"), "%s",
        kc_errmsg(db));
}

Test(regions, bad_options_say_what_is_wrong)
{
    static const struct {
        kc_regions_opts o;
        int status;
        const char *says;
    } cases[] = {
        {{.family = NULL}, KC_EUSAGE, "name a family"},
        {{.family = "nope-weekly"},
         KC_ENOTFOUND,
         "unknown family or chart 'nope-weekly'"},
        {{.family = "spotify-jp-weekly,spotify-kr-daily"}, KC_EUSAGE, "one cadence"},
        {{.family = "spotify-jp-weekly,spotify-jp-weekly"}, KC_EUSAGE, "named twice"},
        {{.family = "spotify-jp-weekly,,x"}, KC_EUSAGE, "an empty chart id"},
        {{.family = "spotify-global-weekly", .no_global = 1},
         KC_ENOTFOUND,
         "no chart but"},
        {{.family = "spotify-weekly", .from = "2024-01"},
         KC_EUSAGE,
         "--from \"2024-01\""},
        {{.family = "spotify-weekly", .from = "2024-02-01", .to = "2024-01-01"},
         KC_EUSAGE,
         "after --to"},
        {{.family = "spotify-weekly", .top = 100001}, KC_EUSAGE, "1 to 100000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        kc_page page = {0, 0, 0};
        kc_table *t = NULL;
        int rc = kc_query_regions_leaderboard(db, &cases[i].o, &page, &t);
        cr_expect(eq(int, rc, cases[i].status), "case %zu: %s", i, kc_errmsg(db));
        cr_expect_not_null(strstr(kc_errmsg(db), cases[i].says), "case %zu: \"%s\"", i,
                           kc_errmsg(db));
        cr_expect_null(t);
    }
}
