/*
 * fuzz_forget.c: the fuzz target of forgetting a file (kc_forget): a store
 * that holds some files, one more file ingested from the input, then
 * forgotten.
 *
 * Each store (in memory, a fresh one every 200 inputs) holds the tests'
 * catalog, two Billboard fixtures, a sales report and a units file, each
 * registered as a file. The first byte of an input picks what the rest is
 * (a chart file under one of a few names, a catalog, series, sales or
 * units file) and whether the forget is first tried as a dry run; its
 * second byte, with its top bit, names the file by its digest instead of
 * by its path. The oracle besides the sanitizers is forget's promise: once
 * the file is forgotten, every table holds exactly the rows it held before
 * the file came (every row of every table, read when the store is made and
 * compared byte for byte: every input leaves it so, a file that fails to
 * ingest by storing nothing), and a dry run changes nothing. A failure must
 * say why. A file whose bytes the store already held is passed over: its
 * forget takes out the earlier file too.
 *
 * Built as a libFuzzer target with clang (cmake -DKC_FUZZ=ON, see
 * docs/fuzzing.md), and as a replay driver (replay.c) that CTest runs over
 * fuzz/corpus-forget under the sanitizers.
 */
#include "kchart/kchart.h"
#include "scratch.h"
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef KC_TESTS
#define KC_TESTS "tests"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
    CHART_BILLBOARD,
    CHART_SPOTIFY,
    CHART_GENERIC,
    CATALOG,
    SERIES,
    SALES,
    UNITS,
    KINDS
};

static const char *const names[KINDS] = {
    [CHART_BILLBOARD] = "1973-05-26.json",
    [CHART_SPOTIFY] = "regional-pk-daily-2025-12-03.csv",
    [CHART_GENERIC] = "chart.csv",
    [CATALOG] = "catalog.json",
    [SERIES] = "totals.csv",
    [SALES] = "sales.csv",
    [UNITS] = "units.csv",
};

static void must(kc_db *db, int rc, const char *what)
{
    if (rc) {
        fprintf(stderr, "fuzz_forget: %s: %s\n", what, db ? kc_errmsg(db) : "no store");
        abort();
    }
}

static kc_db *fresh_store(void)
{
    kc_db *db;
    must(NULL, kc_db_open(":memory:", &db), "open");
    must(db, kc_catalog_import(db, KC_TESTS "/sales/catalog.json", NULL), "catalog");
    kc_ingest_opts io = {0};
    must(db,
         kc_ingest_path(db, KC_TESTS "/fixtures/billboard/1973-05-05.json", &io, NULL),
         "chart");
    must(db,
         kc_ingest_path(db, KC_TESTS "/fixtures/billboard/1973-05-19.json", &io, NULL),
         "chart");
    const char *sales[] = {KC_TESTS "/sales/dawn.csv"};
    must(db, kc_sales_import(db, sales, 1, NULL, NULL), "sales");
    const char *units[] = {KC_TESTS "/forget/units-a.csv"};
    must(db, kc_units_import(db, units, 1, NULL, NULL), "units");
    return db;
}

/* The harness's own loops are kept out of the fuzzer's coverage: their
 * branches say nothing of the code under test, and under the coverage
 * callbacks the copy of every row below cost more than the forget itself. */
#if defined(__clang__)
#define NO_COVERAGE __attribute__((no_sanitize("coverage")))
#else
#define NO_COVERAGE
#endif

/* The rows of one store: every row of every table, in a fixed order, one
 * byte string (each value's type, length and bytes). Compared whole, not
 * by a digest. */
typedef struct {
    unsigned char *bytes;
    size_t len, cap;
} rows;

/* The statements that read each table of the current store, ordered by
 * every column, prepared once a store; and the one that looks up the
 * registry. */
enum { MAX_TABLES = 128 };
static sqlite3_stmt *readers[MAX_TABLES];
static size_t nreaders;
static sqlite3_stmt *registry;

NO_COVERAGE static void rows_add(rows *r, const void *p, size_t n)
{
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap : 1 << 16;
        while (cap < r->len + n)
            cap *= 2;
        unsigned char *b = realloc(r->bytes, cap);
        if (!b)
            abort();
        r->bytes = b;
        r->cap = cap;
    }
    if (n)
        memcpy(r->bytes + r->len, p, n);
    r->len += n;
}

/* Prepares the readers of every table of a new store: not the high-water
 * marks of AUTOINCREMENT ids (sqlite_sequence), which a forget keeps (an
 * event's id is never given twice), nor the full-text index's shadow
 * tables. */
static void readers_prepare(kc_db *db)
{
    sqlite3 *sql = kc__sql(db);
    sqlite3_stmt *tables;
    if (sqlite3_prepare_v2(sql,
                           "SELECT name FROM sqlite_master WHERE type = 'table'"
                           " AND name NOT LIKE 'search_fts%'"
                           " AND name <> 'sqlite_sequence' ORDER BY name",
                           -1, &tables, NULL) != SQLITE_OK)
        must(db, KC_ESTORE, "tables");
    nreaders = 0;
    while (sqlite3_step(tables) == SQLITE_ROW) {
        if (nreaders == MAX_TABLES)
            must(db, KC_ESTORE, "more tables than the harness reads");
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        char q[256];
        snprintf(q, sizeof q, "SELECT * FROM \"%s\"", name);
        sqlite3_stmt *probe;
        if (sqlite3_prepare_v2(sql, q, -1, &probe, NULL) != SQLITE_OK)
            must(db, KC_ESTORE, "probe");
        int ncol = sqlite3_column_count(probe);
        sqlite3_finalize(probe);
        /* Ordered by every column: the same rows give the same bytes. */
        size_t at =
            (size_t)snprintf(q, sizeof q, "SELECT * FROM \"%s\" ORDER BY 1", name);
        for (int i = 2; i <= ncol && at < sizeof q - 8; i++)
            at += (size_t)snprintf(q + at, sizeof q - at, ",%d", i);
        if (sqlite3_prepare_v2(sql, q, -1, &readers[nreaders++], NULL) != SQLITE_OK)
            must(db, KC_ESTORE, "rows");
    }
    sqlite3_finalize(tables);
    if (sqlite3_prepare_v2(sql, "SELECT 1 FROM ingest_file WHERE digest = ?", -1,
                           &registry, NULL) != SQLITE_OK)
        must(db, KC_ESTORE, "registry");
}

static void readers_finalize(void)
{
    for (size_t i = 0; i < nreaders; i++)
        sqlite3_finalize(readers[i]);
    nreaders = 0;
    sqlite3_finalize(registry);
    registry = NULL;
}

/* Every row of every table into *r (emptied first). */
NO_COVERAGE static void state(kc_db *db, rows *r)
{
    r->len = 0;
    for (size_t t = 0; t < nreaders; t++) {
        sqlite3_stmt *st = readers[t];
        int ncol = sqlite3_column_count(st);
        int step;
        rows_add(r, &t, sizeof t);
        while ((step = sqlite3_step(st)) == SQLITE_ROW)
            for (int i = 0; i < ncol; i++) {
                int type = sqlite3_column_type(st, i);
                const void *p = sqlite3_column_blob(st, i);
                int n = sqlite3_column_bytes(st, i);
                rows_add(r, &type, sizeof type);
                rows_add(r, &n, sizeof n);
                if (n > 0)
                    rows_add(r, p, (size_t)n);
            }
        if (step != SQLITE_DONE)
            must(db, KC_ESTORE, "rows");
        sqlite3_reset(st);
    }
}

/* Whether two states are the same rows. */
static bool same(const rows *a, const rows *b)
{
    return a->len == b->len && memcmp(a->bytes, b->bytes, a->len) == 0;
}

static int ingest(kc_db *db, int kind, const char *path)
{
    const char *paths[1] = {path};
    kc_ingest_opts io = {0};
    kc_sales_opts so = {.create = 1};
    kc_series_opts se = {.create = 1};
    switch (kind) {
    case CATALOG:
        return kc_catalog_import(db, path, NULL);
    case SERIES:
        return kc_series_import(db, paths, 1, &se, NULL);
    case SALES:
        return kc_sales_import(db, paths, 1, &so, NULL);
    case UNITS:
        return kc_units_import(db, paths, 1, &so, NULL);
    default:
        return kc_ingest_path(db, path, &io, NULL);
    }
}

/* Whether the store already registered a file of these bytes. */
static bool registered(const char *digest)
{
    sqlite3_bind_text(registry, 1, digest, -1, SQLITE_STATIC);
    bool found = sqlite3_step(registry) == SQLITE_ROW;
    sqlite3_reset(registry);
    return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static kc_db *db;
    static unsigned runs;
    /* The store's rows: every input leaves them as they were. */
    static rows before, now;
    const char *dir = kc_fuzz_scratch("kc-fuzz-forget");
    if (!db || ++runs % 200 == 0) {
        readers_finalize();
        kc_db_close(db);
        db = fresh_store();
        readers_prepare(db);
        state(db, &before);
    }
    if (size < 2)
        return 0;
    int kind = data[0] % KINDS;
    bool dry_first = data[0] & 0x80;
    bool by_digest = data[1] & 0x80;
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, names[kind]);
    kc_fuzz_put(path, data + 2, size - 2);
    char digest[KC_DIGEST_HEX];
    kc__digest_hex(data + 2, size - 2, digest);
    if (registered(digest)) {
        unlink(path);
        return 0;
    }
    int rc = ingest(db, kind, path);
    if (rc && !kc_errmsg(db)[0])
        abort(); /* a failure must say why */
    const char *name = by_digest ? digest : path;
    kc_forgotten *v = NULL;
    size_t n = 0;
    if (dry_first) {
        static rows dry;
        state(db, &now);
        int drc = kc_forget(db, (const char *const *)&name, 1, 1, &v, &n);
        kc_forgotten_free(v, n);
        if (drc && !kc_errmsg(db)[0])
            abort();
        state(db, &dry);
        if (!same(&dry, &now)) {
            fprintf(stderr, "fuzz_forget: a dry run changed the store (%s)\n",
                    names[kind]);
            abort();
        }
    }
    int frc = kc_forget(db, (const char *const *)&name, 1, 0, &v, &n);
    kc_forgotten_free(v, n);
    unlink(path);
    static int verbose = -1; /* KC_FUZZ_VERBOSE set: each input's outcome */
    if (verbose < 0)
        verbose = getenv("KC_FUZZ_VERBOSE") != NULL;
    if (verbose)
        fprintf(stderr, "%s: ingest %d, forget %d %s\n", names[kind], rc, frc,
                frc ? kc_errmsg(db) : "ok");
    if (frc && !kc_errmsg(db)[0])
        abort();
    if (!rc && frc) {
        fprintf(stderr, "fuzz_forget: a file ingested cannot be forgotten (%s): %s\n",
                names[kind], kc_errmsg(db));
        abort();
    }
    if (!rc)
        state(db, &now);
    if (!rc && !same(&now, &before)) {
        fprintf(stderr,
                "fuzz_forget: forgetting %s left the store other than before it\n",
                names[kind]);
        abort();
    }
    return 0;
}
