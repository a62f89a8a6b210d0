/*
 * fuzz_import.c: the fuzz target of the importers that are not chart
 * snapshots: the catalog (kchart's format, data.json and MusicBrainz's
 * JSON), series values (CSV and kworb snapshots), sales reports, album
 * units, and the rule files (unit ratios, certifications, All-Kill rules,
 * the chart registry, market rules).
 *
 * The first byte of an input picks the importer (and its options, the file
 * name it sees); the rest is the file. Each store (in memory, a fresh one
 * every 500 inputs) starts with the small catalogs the tests use
 * (tests/milestones/catalog.json, tests/sales/catalog.json), so that rows
 * naming known songs, artists and releases reach past the lookup. Whatever
 * the bytes, the library must return a status, and a failure must say why;
 * never crash, leak or leave the store in a transaction (the next import
 * starts one: it fails if one is open).
 *
 * Built as a libFuzzer target with clang (cmake -DKC_FUZZ=ON, see
 * docs/fuzzing.md), and as a replay driver (replay.c) that CTest runs over
 * fuzz/corpus-import under the sanitizers.
 */
#include "kchart/kchart.h"
#include "scratch.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef KC_TESTS
#define KC_TESTS "tests"
#endif

enum {
    CATALOG,
    SERIES,
    SERIES_CREATE,
    KWORB,
    SALES,
    SALES_CREATE,
    UNITS,
    UNITS_CREATE,
    UNIT_RULES,
    CERT_RULES,
    ALLKILL_RULES,
    REGISTRY,
    MARKETS,
    IMPORTERS
};

/* The file name each importer sees: some read the format off it. */
static const char *const names[IMPORTERS] = {
    [CATALOG] = "catalog.json",      [SERIES] = "totals.csv",
    [SERIES_CREATE] = "totals.csv",  [KWORB] = "2024-03-02.json",
    [SALES] = "sales.csv",           [SALES_CREATE] = "sales.csv",
    [UNITS] = "units.csv",           [UNITS_CREATE] = "units.csv",
    [UNIT_RULES] = "ratios.csv",     [CERT_RULES] = "certs.csv",
    [ALLKILL_RULES] = "allkill.csv", [REGISTRY] = "charts.csv",
    [MARKETS] = "markets.csv",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static kc_db *fresh_store(void)
{
    kc_db *db;
    if (kc_db_open(":memory:", &db) ||
        kc_catalog_import(db, KC_TESTS "/milestones/catalog.json", NULL) ||
        kc_catalog_import(db, KC_TESTS "/sales/catalog.json", NULL)) {
        fprintf(stderr, "fuzz_import: cannot set up a store: %s\n",
                db ? kc_errmsg(db) : "no store");
        abort();
    }
    return db;
}

static int import(kc_db *db, int which, const char *path)
{
    const char *paths[1] = {path};
    kc_series_opts so = {.create = which == SERIES_CREATE};
    kc_sales_opts sa = {.create = which == SALES_CREATE || which == UNITS_CREATE};
    switch (which) {
    case CATALOG:
        return kc_catalog_import(db, path, NULL);
    case SERIES:
    case SERIES_CREATE:
        return kc_series_import(db, paths, 1, &so, NULL);
    case KWORB:
        so.artist = "Ria";
        return kc_series_import(db, paths, 1, &so, NULL);
    case SALES:
    case SALES_CREATE:
        return kc_sales_import(db, paths, 1, &sa, NULL);
    case UNITS:
    case UNITS_CREATE:
        return kc_units_import(db, paths, 1, &sa, NULL);
    case UNIT_RULES:
        return kc_units_rules_load(db, path);
    case CERT_RULES:
        return kc_certs_rules_load(db, path);
    case ALLKILL_RULES:
        return kc_allkill_rules_load(db, path);
    case MARKETS:
        return kc_catalog_markets_import(db, path, NULL, NULL);
    default:
        return kc_registry_load(db, path);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static kc_db *db;
    static unsigned runs;
    /* In memory (tmpfs) where there is one: the file is still written and
     * read back by the importer, without a disk under it. */
    const char *dir = kc_fuzz_scratch("kc-fuzz-import");
    /* A fresh store now and then, so it does not grow without end. */
    if (!db || ++runs % 500 == 0) {
        kc_db_close(db);
        db = fresh_store();
    }
    if (size == 0)
        return 0;
    int which = data[0] % IMPORTERS;
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, names[which]);
    kc_fuzz_put(path, data + 1, size - 1);
    int rc = import(db, which, path);
    static int verbose = -1; /* KC_FUZZ_VERBOSE set: each input's outcome */
    if (verbose < 0)
        verbose = getenv("KC_FUZZ_VERBOSE") != NULL;
    if (verbose)
        fprintf(stderr, "%s: %d %s\n", names[which], rc, rc ? kc_errmsg(db) : "ok");
    /* A failure must say why. */
    if (rc && !kc_errmsg(db)[0])
        abort();
    unlink(path);
    /* The import left no transaction open: an empty catalog imports. */
    static const char empty[] = "{\"kchart\": \"catalog/1\"}";
    snprintf(path, sizeof path, "%s/empty.json", dir);
    kc_fuzz_put(path, empty, sizeof empty - 1);
    rc = kc_catalog_import(db, path, NULL);
    unlink(path);
    if (rc) {
        fprintf(stderr, "fuzz_import: the store is unusable after an import: %s\n",
                kc_errmsg(db));
        abort();
    }
    return 0;
}
