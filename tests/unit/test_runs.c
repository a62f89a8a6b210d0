/* Unit tests of identity and run counting (runs.c) through the library's
 * public interface, on small charts written here: what the providers'
 * counters cannot check (streaks, re-entries, periods at peak and at No. 1,
 * movement) and the store's guarantees (replace, idempotence). */
#include "support.h"

#include <string.h>

static kc_db *db;

static void setup(void)
{
    db = test_store_open();
}

TestSuite(runs, .init = setup, .fini = test_store_close);

/* Writes text to a file in the test folder and ingests it. */
static int ingest(const char *name, const char *text, int replace)
{
    char path[160];
    test_store_write(name, text, path, sizeof path);
    kc_ingest_opts o = {0};
    o.replace = replace;
    return kc_ingest_path(db, path, &o, NULL);
}

/* The value of column col in the row of t whose first column is key. */
static const char *cell(const kc_table *t, const char *key, const char *col)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (!strcmp(t->cols[c], col))
            for (size_t r = 0; r < t->nrows; r++)
                if (!strcmp(kc_table_cell(t, r, 1), key))
                    return kc_table_cell(t, r, c) ? kc_table_cell(t, r, c) : "";
    cr_fatal("no %s for %s", col, key);
    return NULL;
}

/* Song A: 1, 3, 1, gap, 2, 1 (two runs of weeks, re-entry). B: 2 once.
 * C: 3, 2 then gone. */
static const char *weeks = "chart,period,rank,title,artist\n"
                           "billboard-hot-100,2024-01-06,1,Song A,Artist\n"
                           "billboard-hot-100,2024-01-06,2,Song B,Artist\n"
                           "billboard-hot-100,2024-01-13,3,Song A,Artist\n"
                           "billboard-hot-100,2024-01-13,1,Song C,Other & Third\n"
                           "billboard-hot-100,2024-01-20,1,Song A,Artist\n"
                           "billboard-hot-100,2024-01-20,2,Song C,Third feat. Other\n"
                           "billboard-hot-100,2024-01-27,1,Song D,Artist\n"
                           "billboard-hot-100,2024-02-03,2,Song A,Artist\n"
                           "billboard-hot-100,2024-02-10,1,Song A,Artist\n";

Test(runs, counts_a_run_across_gaps)
{
    cr_assert(eq(int, ingest("w.csv", weeks, 0), KC_OK), "%s", kc_errmsg(db));
    kc_table *t;
    cr_assert(eq(int, kc_query_top(db, "billboard-hot-100", "periods", 10, &t), KC_OK));
    /* top: pos, song_id, title, ... */
    cr_assert(eq(str, cell(t, "1", "title"), "Song A"));
    cr_assert(eq(str, cell(t, "1", "periods"), "5"));
    cr_assert(eq(str, cell(t, "1", "peak"), "1"));
    cr_assert(eq(str, cell(t, "1", "at_peak"), "3"));
    cr_assert(eq(str, cell(t, "1", "no1"), "3"));
    cr_assert(eq(str, cell(t, "1", "longest_streak"), "3"));
    cr_assert(eq(str, cell(t, "1", "last_period"), "2024-02-10"));
    kc_table_free(t);

    cr_assert(eq(int, kc_query_song(db, "song a", 10, &t), KC_OK));
    cr_assert(eq(sz, t->nrows, 1));
    cr_assert(eq(str, cell(t, "Song A", "reentries"), "1"));
    cr_assert(eq(str, cell(t, "Song A", "debut"), "2024-01-06"));
    cr_assert(eq(str, cell(t, "Song A", "peak_period"), "2024-01-06"));
    kc_table_free(t);

    /* "Other & Third" and "Third feat. Other" are one credit: one song. */
    cr_assert(eq(int, kc_query_song(db, "song c", 10, &t), KC_OK));
    cr_assert(eq(sz, t->nrows, 1));
    cr_assert(eq(str, cell(t, "Song C", "periods"), "2"));
    kc_table_free(t);
}

Test(runs, movement_and_last_per_entry)
{
    cr_assert(eq(int, ingest("w.csv", weeks, 0), KC_OK), "%s", kc_errmsg(db));
    kc_table *t;
    cr_assert(
        eq(int, kc_query_chart(db, "billboard-hot-100", "2024-01-13", 0, &t), KC_OK));
    /* rank 1 Song C new; rank 3 Song A down from 1 */
    cr_assert(eq(str, kc_table_cell(t, 0, 1), "Song C"));
    cr_assert(eq(str, cell(t, "Song C", "move"), "new"));
    cr_assert(eq(str, cell(t, "Song C", "last"), ""));
    cr_assert(eq(str, cell(t, "Song A", "move"), "down"));
    cr_assert(eq(str, cell(t, "Song A", "last"), "1"));
    kc_table_free(t);
    cr_assert(
        eq(int, kc_query_chart(db, "billboard-hot-100", "2024-02-03", 0, &t), KC_OK));
    cr_assert(eq(str, cell(t, "Song A", "move"), "re-entry"));
    cr_assert(eq(str, cell(t, "Song A", "last"), ""));
    cr_assert(eq(str, cell(t, "Song A", "periods"), "4"));
    kc_table_free(t);
    cr_assert(
        eq(int, kc_query_chart(db, "billboard-hot-100", "2024-02-10", 0, &t), KC_OK));
    cr_assert(eq(str, cell(t, "Song A", "move"), "up"));
    kc_table_free(t);
}

Test(runs, provider_counters_seed_a_run_under_way)
{
    const char *csv = "chart,period,rank,title,artist,last,peak,periods\n"
                      "billboard-hot-100,2024-01-06,5,Old Hit,Singer,4,2,30\n"
                      "billboard-hot-100,2024-01-13,3,Old Hit,Singer,5,2,31\n";
    cr_assert(eq(int, ingest("s.csv", csv, 0), KC_OK), "%s", kc_errmsg(db));
    kc_table *s, *m;
    cr_assert(eq(int, kc_query_verify(db, "billboard-hot-100", 10, &s, &m), KC_OK));
    /* The archive starts on 01-06 with a run under way: the chart before is
     * one we lack, so its rank (the provider's 4) is the previous rank, and
     * every counter equals the provider's. */
    cr_assert(eq(sz, m->nrows, 0));
    kc_table_free(s);
    kc_table_free(m);
    cr_assert(
        eq(int, kc_query_chart(db, "billboard-hot-100", "2024-01-06", 0, &s), KC_OK));
    cr_assert(eq(str, cell(s, "Old Hit", "last"), "4"));
    cr_assert(eq(str, cell(s, "Old Hit", "move"), "down"));
    kc_table_free(s);
}

Test(runs, a_chart_missing_from_the_archive)
{
    /* The archive lacks the chart of 01-13: on 01-20 the provider counts one
     * more week than we can and names ranks of that chart as last week's. A
     * song that was not on 01-06 re-entered there (provider last 7). */
    const char *csv = "chart,period,rank,title,artist,last,peak,periods\n"
                      "billboard-hot-100,2024-01-06,1,Stayer,Singer,,1,1\n"
                      "billboard-hot-100,2024-01-06,2,Faller,Band,,2,1\n"
                      "billboard-hot-100,2023-12-30,9,Returner,Trio,,9,1\n"
                      "billboard-hot-100,2024-01-20,1,Faller,Band,3,1,3\n"
                      "billboard-hot-100,2024-01-20,2,Stayer,Singer,1,1,3\n"
                      "billboard-hot-100,2024-01-20,4,Returner,Trio,7,4,3\n";
    cr_assert(eq(int, ingest("g.csv", csv, 0), KC_OK), "%s", kc_errmsg(db));
    kc_table *s, *m;
    cr_assert(eq(int, kc_query_verify(db, "billboard-hot-100", 10, &s, &m), KC_OK));
    cr_assert(eq(sz, m->nrows, 0));
    kc_table_free(s);
    kc_table_free(m);
    cr_assert(
        eq(int, kc_query_chart(db, "billboard-hot-100", "2024-01-20", 0, &s), KC_OK));
    cr_assert(eq(str, cell(s, "Faller", "last"), "3"));
    cr_assert(eq(str, cell(s, "Faller", "move"), "up"));
    cr_assert(eq(str, cell(s, "Stayer", "move"), "down"));
    cr_assert(eq(str, cell(s, "Returner", "last"), "7"));
    kc_table_free(s);
    cr_assert(eq(int, kc_query_song(db, "returner", 10, &s), KC_OK));
    /* 12-30, then off 01-06, back on the chart we lack: one re-entry, and a
     * streak of two (the missing chart and 01-20). */
    cr_assert(eq(str, cell(s, "Returner", "reentries"), "1"));
    cr_assert(eq(str, cell(s, "Returner", "longest_streak"), "2"));
    cr_assert(eq(str, cell(s, "Returner", "periods"), "3"));
    kc_table_free(s);
    cr_assert(eq(int, kc_query_song(db, "stayer", 10, &s), KC_OK));
    cr_assert(eq(str, cell(s, "Stayer", "longest_streak"), "3"));
    kc_table_free(s);
}

Test(runs, a_different_snapshot_needs_replace)
{
    const char *one = "chart,period,rank,title,artist\n"
                      "billboard-hot-100,2024-01-06,1,Song A,Artist\n";
    const char *two = "chart,period,rank,title,artist\n"
                      "billboard-hot-100,2024-01-06,1,Song B,Artist\n";
    cr_assert(eq(int, ingest("one.csv", one, 0), KC_OK));
    cr_assert(eq(int, ingest("one.csv", one, 0), KC_OK), "the same file again is fine");
    cr_assert(eq(int, ingest("two.csv", two, 0), KC_ECONFLICT));
    cr_assert_not_null(strstr(kc_errmsg(db), "use --replace"), "%s", kc_errmsg(db));
    kc_table *t;
    cr_assert(eq(int, kc_query_chart(db, "billboard-hot-100", NULL, 0, &t), KC_OK));
    cr_assert(eq(str, kc_table_cell(t, 0, 1), "Song A"));
    kc_table_free(t);
    cr_assert(eq(int, ingest("two.csv", two, 1), KC_OK), "%s", kc_errmsg(db));
    cr_assert(eq(int, kc_query_chart(db, "billboard-hot-100", NULL, 0, &t), KC_OK));
    cr_assert(eq(str, kc_table_cell(t, 0, 1), "Song B"));
    kc_table_free(t);
    cr_assert(eq(int, kc_query_song(db, "song a", 10, &t), KC_ENOTFOUND),
              "the replaced song has no run left");
}
