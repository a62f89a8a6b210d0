/* Unit tests of catalog.c through the library: the release instant the
 * All-Kill code asks for (kc__song_released) from times with an offset, a
 * local time in an IANA zone across daylight saving, and a date alone; a
 * song without a release; a chart row carrying a catalog id landing on the
 * catalog's song; export importing back to the same catalog; MusicBrainz's
 * JSON: one artist per MBID, a dump's errors at their line, the catalog
 * winning with a warning, the built-in market rules. */
#include "model/model.h"
#include "support.h"

#include <stdlib.h>

static kc_db *db;

static void setup(void)
{
    db = test_store_open();
    cr_assert(eq(int,
                 kc_catalog_import(db, KC_FIXTURES "/../milestones/catalog.json", NULL),
                 KC_OK),
              "%s", kc_errmsg(db));
}

TestSuite(catalog, .init = setup, .fini = test_store_close);

static int64_t song_of(const char *key)
{
    sqlite3_stmt *st;
    cr_assert(eq(int,
                 sqlite3_prepare_v2(kc__sql(db),
                                    "SELECT song_id FROM catalog_song WHERE key = ?", -1,
                                    &st, NULL),
                 SQLITE_OK));
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    cr_assert(eq(int, sqlite3_step(st), SQLITE_ROW), "no catalog song %s", key);
    int64_t id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    cr_assert(gt(i64, id, 0), "%s is not bound to a song", key);
    return id;
}

Test(catalog, released_with_offset)
{
    int64_t utc = 0;
    /* 2024-01-05T18:00+09:00 is 09:00 UTC. */
    cr_assert(eq(int, kc__song_released(db, song_of("nova/one"), &utc), KC_OK), "%s",
              kc_errmsg(db));
    cr_assert(eq(i64, utc, 1704445200));
}

Test(catalog, released_earliest_of_releases)
{
    int64_t utc = 0;
    /* On the EP of 2024-01-01 and its own single of 2024-01-10: the EP. */
    cr_assert(eq(int, kc__song_released(db, song_of("ria/duet"), &utc), KC_OK));
    cr_assert(eq(i64, utc, 1704067200));
}

Test(catalog, released_none)
{
    int64_t utc = 42;
    cr_assert(
        eq(int, kc__song_released(db, song_of("ria/unreleased"), &utc), KC_ENOTFOUND));
    cr_assert(eq(i64, utc, 42));
    cr_assert(eq(int, kc__song_released(db, 999999, &utc), KC_ENOTFOUND));
}

Test(catalog, released_local_times)
{
    char path[160];
    test_store_write(
        "zones.json",
        "{\"kchart\": \"catalog/1\",\n"
        " \"artists\": [{\"name\": \"Z\", \"kind\": \"solo\"}],\n"
        " \"songs\": [{\"key\": \"z/summer\", \"title\": \"Summer\", \"lead\": "
        "[\"Z\"]},\n"
        "   {\"key\": \"z/winter\", \"title\": \"Winter\", \"lead\": [\"Z\"]},\n"
        "   {\"key\": \"z/seoul\", \"title\": \"Seoul\", \"lead\": [\"Z\"]}],\n"
        " \"releases\": [\n"
        "  {\"title\": \"Summer\", \"kind\": \"single\", \"artist\": \"Z\",\n"
        "   \"released\": \"2024-07-01T00:00\", \"time_zone\": \"America/New_York\",\n"
        "   \"tracks\": [{\"song\": \"z/summer\"}]},\n"
        "  {\"title\": \"Winter\", \"kind\": \"single\", \"artist\": \"Z\",\n"
        "   \"released\": \"2024-01-01T00:00\", \"time_zone\": \"America/New_York\",\n"
        "   \"tracks\": [{\"song\": \"z/winter\"}]},\n"
        "  {\"title\": \"Seoul\", \"kind\": \"single\", \"artist\": \"Z\",\n"
        "   \"released\": \"2016-08-08\", \"time_zone\": \"Asia/Seoul\",\n"
        "   \"tracks\": [{\"song\": \"z/seoul\"}]}]}\n",
        path, sizeof path);
    cr_assert(eq(int, kc_catalog_import(db, path, NULL), KC_OK), "%s", kc_errmsg(db));
    int64_t utc;
    cr_assert(eq(int, kc__song_released(db, song_of("z/summer"), &utc), KC_OK));
    cr_assert(eq(i64, utc, 1719806400), "EDT, UTC-4");
    cr_assert(eq(int, kc__song_released(db, song_of("z/winter"), &utc), KC_OK));
    cr_assert(eq(i64, utc, 1704085200), "EST, UTC-5");
    cr_assert(eq(int, kc__song_released(db, song_of("z/seoul"), &utc), KC_OK));
    cr_assert(eq(i64, utc, 1470582000), "midnight KST");
}

Test(catalog, chart_row_lands_on_catalog_song)
{
    char path[160];
    test_store_write(
        "chart.csv",
        "chart,period,rank,title,artist,id\n"
        "spotify-pk-daily,2024-01-09,1,GROUP ONE (Remix),Nova,spotify:track:g1\n"
        "spotify-pk-daily,2024-01-09,2,Ria One,Ria,spotify:track:r1\n",
        path, sizeof path);
    kc_ingest_opts o = {0};
    o.format = "generic";
    cr_assert(eq(int, kc_ingest_path(db, path, &o, NULL), KC_OK), "%s", kc_errmsg(db));
    sqlite3_stmt *st;
    cr_assert(eq(int,
                 sqlite3_prepare_v2(kc__sql(db),
                                    "SELECT e.song_id FROM entry e ORDER BY e.rank", -1,
                                    &st, NULL),
                 SQLITE_OK));
    cr_assert(eq(int, sqlite3_step(st), SQLITE_ROW));
    int64_t by_id = sqlite3_column_int64(st, 0);
    cr_assert(eq(int, sqlite3_step(st), SQLITE_ROW));
    int64_t by_title = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    cr_assert(eq(i64, by_id, song_of("nova/one")), "by provider id");
    cr_assert(eq(i64, by_title, song_of("ria/one")), "by title and credit");
    /* Rebuild binds the catalog first: the same songs again. */
    cr_assert(eq(int, kc_rebuild(db), KC_OK), "%s", kc_errmsg(db));
    cr_assert(eq(int,
                 sqlite3_prepare_v2(kc__sql(db),
                                    "SELECT count(*) FROM entry e JOIN catalog_song c"
                                    " ON c.song_id = e.song_id",
                                    -1, &st, NULL),
                 SQLITE_OK));
    cr_assert(eq(int, sqlite3_step(st), SQLITE_ROW));
    cr_assert(eq(int, sqlite3_column_int(st, 0), 2));
    sqlite3_finalize(st);
}

Test(catalog, export_imports_back)
{
    char *a = NULL, *b = NULL, path[160], other[160];
    cr_assert(eq(int, kc_catalog_export(db, &a), KC_OK), "%s", kc_errmsg(db));
    test_store_write("export.json", a, path, sizeof path);
    test_store_path("u.db", other, sizeof other);
    kc_db *u;
    cr_assert(eq(int, kc_db_open(other, &u), KC_OK));
    cr_assert(eq(int, kc_catalog_import(u, path, NULL), KC_OK), "%s", kc_errmsg(u));
    cr_assert(eq(int, kc_catalog_export(u, &b), KC_OK));
    cr_assert(eq(str, a, b));
    kc_catalog_stats st = {0};
    cr_assert(eq(int, kc_catalog_import(u, path, &st), KC_OK));
    cr_assert(eq(sz, st.changes, 0), "rows changed by importing the export again");
    kc_db_close(u);
    free(a);
    free(b);
}

/* ---- MusicBrainz (catalog_mb.c) ---------------------------------------- */

static int64_t count_of(const char *sql)
{
    sqlite3_stmt *st;
    cr_assert(eq(int, sqlite3_prepare_v2(kc__sql(db), sql, -1, &st, NULL), SQLITE_OK),
              "%s", sql);
    cr_assert(eq(int, sqlite3_step(st), SQLITE_ROW));
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

typedef struct {
    int n;
    char last[512];
} warnings;

static void on_warning(void *ctx, const char *message)
{
    warnings *w = ctx;
    w->n++;
    snprintf(w->last, sizeof w->last, "%s", message);
}

Test(catalog, mb_one_artist_per_mbid)
{
    char path[160];
    /* The artist whole, then a recording crediting it under another name:
     * the credit's name is an alias, not a second artist. */
    test_store_write(
        "jk.jsonl",
        "{\"id\": \"a0000000-0000-4000-8000-000000000011\", \"name\": \"Jungkook\", "
        "\"sort-name\": \"Jungkook\", \"type\": \"Person\"}\n"
        "{\"id\": \"c0000000-0000-4000-8000-000000000005\", \"title\": \"Seven\", "
        "\"video\": false, \"artist-credit\": [{\"name\": \"Jung Kook\", \"joinphrase\": "
        "\"\", \"artist\": {\"id\": \"a0000000-0000-4000-8000-000000000011\", \"name\": "
        "\"Jung Kook\", \"sort-name\": \"Jung Kook\"}}]}\n",
        path, sizeof path);
    cr_assert(eq(int, kc_catalog_import(db, path, NULL), KC_OK), "%s", kc_errmsg(db));
    cr_assert(eq(i64,
                 count_of("SELECT count(*) FROM artist WHERE mbid = "
                          "'a0000000-0000-4000-8000-000000000011'"),
                 1));
    cr_assert(eq(i64,
                 count_of("SELECT count(*) FROM artist a JOIN artist_alias l ON "
                          "l.artist_id = a.id WHERE a.name = 'Jungkook' AND l.alias = "
                          "'Jung Kook'"),
                 1));
}

Test(catalog, mb_lines_errors_at_their_line)
{
    char path[160];
    int64_t before = count_of("SELECT count(*) FROM artist");
    test_store_write(
        "bad.jsonl",
        "{\"id\": \"a0000000-0000-4000-8000-000000000001\", \"name\": \"BTS\", "
        "\"sort-name\": \"BTS\", \"type\": \"Group\"}\n"
        "\n"
        "{\"id\": \"a0000000-0000-4000-8000-00000000001\", \"name\": \"V\", "
        "\"sort-name\": \"V\", \"type\": \"Person\"}\n",
        path, sizeof path);
    cr_assert(eq(int, kc_catalog_import(db, path, NULL), KC_EINPUT));
    cr_assert(strstr(kc_errmsg(db),
                     "bad.jsonl:3:8: \"a0000000-0000-4000-8000-00000000001\""
                     " is not an MBID") != NULL,
              "%s", kc_errmsg(db));
    cr_assert(eq(i64, count_of("SELECT count(*) FROM artist"), before),
              "a bad dump stored its first line");
}

Test(catalog, mb_catalog_wins_with_a_warning)
{
    char path[160];
    warnings w = {0};
    kc_catalog_opts o = {.on_warning = on_warning, .warning_ctx = &w};
    test_store_write("solo.json",
                     "{\"kchart\": \"catalog/1\", \"artists\": [{\"name\": \"BTS\", "
                     "\"kind\": \"solo\", \"market\": \"k-pop\"}]}",
                     path, sizeof path);
    cr_assert(eq(int, kc_catalog_import(db, path, NULL), KC_OK), "%s", kc_errmsg(db));
    cr_assert(eq(int,
                 kc_catalog_import_opts(db, KC_FIXTURES "/musicbrainz/artist-bts.json",
                                        &o, NULL),
                 KC_OK),
              "%s", kc_errmsg(db));
    /* The kind is the catalog's; the market (k-pop both ways) agrees. */
    cr_assert(eq(int, w.n, 1), "%d warnings, the last: %s", w.n, w.last);
    cr_assert(strstr(w.last, "artist \"BTS\": kind solo kept (the catalog's); "
                             "MusicBrainz's type is Group") != NULL,
              "%s", w.last);
    cr_assert(eq(i64,
                 count_of("SELECT count(*) FROM artist WHERE name = 'BTS' AND "
                          "kind = 'solo' AND type = 'Group'"),
                 1));
}

Test(catalog, mb_markets_built_in)
{
    char *csv = NULL;
    cr_assert(eq(int, kc_catalog_markets_export(db, &csv), KC_OK), "%s", kc_errmsg(db));
    cr_assert(eq(str, csv,
                 "field,value,market\ngenre,k-pop,k-pop\ngenre,j-pop,j-pop\n"
                 "genre,c-pop,c-pop\ngenre,mandopop,c-pop\narea,South Korea,k-pop\n"
                 "area,Japan,j-pop\n"));
    free(csv);
}
