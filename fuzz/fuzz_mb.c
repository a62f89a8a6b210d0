/*
 * fuzz_mb.c: the fuzz target of the MusicBrainz reader (ingest/catalog_mb.c):
 * MusicBrainz's JSON (an artist, a release group, a release, a recording, a
 * list of them, or a dump of one entity a line) imported as a catalog file.
 *
 * Each input is the file, written to a scratch folder and imported with
 * kc_catalog_import into a store (in memory, a fresh one every 500 inputs)
 * that starts with the tests' MusicBrainz fixtures, so that entities
 * naming known artists, groups and releases reach past the lookup. Its
 * corpus is seeded with MusicBrainz's own shapes (tests/fixtures/musicbrainz),
 * so that the fuzzer spends its time inside this reader rather than in the
 * other catalog formats (fuzz_import covers those). Whatever the bytes, the
 * import must return a status, a failure must say why, and the store must
 * stay usable: no transaction left open after any input, and an empty
 * catalog imports after every 64th input and after the last of each store.
 * (An import commits through the news, which reads what the catalog
 * touched: the empty import after every input cost more than the input,
 * nine in ten of which fail before they write anything.)
 *
 * Built as a libFuzzer target with clang (cmake -DKC_FUZZ=ON, see
 * docs/fuzzing.md), and as a replay driver (replay.c) that CTest runs over
 * fuzz/corpus-mb under the sanitizers.
 */
#include "kchart/kchart.h"
#include "scratch.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef KC_TESTS
#define KC_TESTS "tests"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static kc_db *fresh_store(void)
{
    static const char *const seeds[] = {
        KC_TESTS "/fixtures/musicbrainz/artist-bts.json",
        KC_TESTS "/fixtures/musicbrainz/artist-blackpink.json",
        KC_TESTS "/fixtures/musicbrainz/release-groups.json",
    };
    kc_db *db;
    if (kc_db_open(":memory:", &db)) {
        fprintf(stderr, "fuzz_mb: cannot open a store\n");
        abort();
    }
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++)
        if (kc_catalog_import(db, seeds[i], NULL)) {
            fprintf(stderr, "fuzz_mb: cannot set up a store: %s\n", kc_errmsg(db));
            abort();
        }
    return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static kc_db *db;
    static unsigned runs;
    const char *dir = kc_fuzz_scratch("kc-fuzz-mb");
    if (!db || ++runs % 500 == 0) {
        kc_db_close(db);
        db = fresh_store();
    }
    /* The store's last input, or every 64th: an empty catalog too. */
    bool check = (runs + 1) % 500 == 0 || runs % 64 == 63;
#ifdef KC_FUZZ_REPLAY
    check = true; /* the replay driver: after every input */
#endif
    char path[128];
    snprintf(path, sizeof path, "%s/musicbrainz.json", dir);
    kc_fuzz_put(path, data, size);
    int rc = kc_catalog_import(db, path, NULL);
    static int verbose = -1; /* KC_FUZZ_VERBOSE set: each input's outcome */
    if (verbose < 0)
        verbose = getenv("KC_FUZZ_VERBOSE") != NULL;
    if (verbose)
        fprintf(stderr, "%d %s\n", rc, rc ? kc_errmsg(db) : "ok");
    if (rc && !kc_errmsg(db)[0])
        abort(); /* a failure must say why */
    unlink(path);
    if (!sqlite3_get_autocommit(kc__sql(db))) {
        fprintf(stderr, "fuzz_mb: an import left a transaction open\n");
        abort();
    }
    if (!check)
        return 0;
    static const char empty[] = "{\"kchart\": \"catalog/1\"}";
    snprintf(path, sizeof path, "%s/empty.json", dir);
    kc_fuzz_put(path, empty, sizeof empty - 1);
    rc = kc_catalog_import(db, path, NULL);
    unlink(path);
    if (rc) {
        fprintf(stderr, "fuzz_mb: the store is unusable after an import: %s\n",
                kc_errmsg(db));
        abort();
    }
    return 0;
}
