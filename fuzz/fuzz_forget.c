/*
 * fuzz_forget.c: the fuzz target of forgetting a file (kc_forget): a store
 * that holds some files, one more file ingested from the input, then
 * forgotten.
 *
 * Each store (in memory, a fresh one every 1,000 inputs) holds the tests'
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

/* The rows of one store: every row of every table, the rows of a table
 * sorted, one byte string (each value's type and bytes). Compared whole,
 * not by a digest. */
typedef struct {
    unsigned char *bytes;
    size_t len, cap;
} rows;

/* One row of a table being read: where its bytes are in the table's. */
typedef struct {
    size_t at, len;
} row_span;

/* The statements that read each table of the current store, prepared once
 * a store; and the one that looks up the registry. */
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
 * tables, nor the search's queue of what writes touched (search_touch,
 * search_credit: the ingest and the forget each add to it). */
static void readers_prepare(kc_db *db)
{
    sqlite3 *sql = kc__sql(db);
    sqlite3_stmt *tables;
    if (sqlite3_prepare_v2(
            sql,
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'search_fts%'"
            " AND name <> 'sqlite_sequence'"
            " AND name NOT IN ('search_touch', 'search_credit') ORDER BY name",
            -1, &tables, NULL) != SQLITE_OK)
        must(db, KC_ESTORE, "tables");
    nreaders = 0;
    while (sqlite3_step(tables) == SQLITE_ROW) {
        if (nreaders == MAX_TABLES)
            must(db, KC_ESTORE, "more tables than the harness reads");
        char q[256];
        snprintf(q, sizeof q, "SELECT * FROM \"%s\"", sqlite3_column_text(tables, 0));
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

/* The bytes of the table being read, for the comparison of its rows. */
static const unsigned char *table_bytes;

/* memcmp, but not libFuzzer's: its interceptor feeds every comparison to
 * the fuzzer's value profile, which cost more than the sort itself. */
NO_COVERAGE static int bytes_cmp(const unsigned char *a, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

NO_COVERAGE static int row_cmp(const void *a, const void *b)
{
    const row_span *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = bytes_cmp(table_bytes + x->at, table_bytes + y->at, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Every row of every table into *r (emptied first), each table's rows
 * sorted by their bytes: the same rows give the same string whatever
 * order their rowids put them in. Sorted here rather than by an ORDER BY
 * of every column, which cost SQLite a sorter a table. */
NO_COVERAGE static void state(kc_db *db, rows *r)
{
    static rows table;
    static row_span *spans;
    static size_t cap;
    r->len = 0;
    for (size_t t = 0; t < nreaders; t++) {
        sqlite3_stmt *st = readers[t];
        int ncol = sqlite3_column_count(st);
        size_t n = 0;
        int step;
        table.len = 0;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                spans = realloc(spans, cap * sizeof *spans);
                if (!spans)
                    abort();
            }
            spans[n].at = table.len;
            for (int i = 0; i < ncol; i++) {
                unsigned char type = (unsigned char)sqlite3_column_type(st, i);
                rows_add(&table, &type, 1);
                if (type == SQLITE_INTEGER) {
                    sqlite3_int64 v = sqlite3_column_int64(st, i);
                    rows_add(&table, &v, sizeof v);
                } else if (type == SQLITE_FLOAT) {
                    double v = sqlite3_column_double(st, i);
                    rows_add(&table, &v, sizeof v);
                } else if (type != SQLITE_NULL) {
                    const void *p = type == SQLITE_TEXT
                                        ? (const void *)sqlite3_column_text(st, i)
                                        : sqlite3_column_blob(st, i);
                    int len = sqlite3_column_bytes(st, i);
                    rows_add(&table, &len, sizeof len);
                    rows_add(&table, p, (size_t)len);
                }
            }
            spans[n].len = table.len - spans[n].at;
            n++;
        }
        if (step != SQLITE_DONE)
            must(db, KC_ESTORE, "rows");
        sqlite3_reset(st);
        table_bytes = table.bytes;
        if (n > 1)
            qsort(spans, n, sizeof *spans, row_cmp);
        rows_add(r, &t, sizeof t);
        rows_add(r, &n, sizeof n);
        for (size_t i = 0; i < n; i++)
            rows_add(r, table.bytes + spans[i].at, spans[i].len);
    }
}

/* Whether two states are the same rows. */
NO_COVERAGE static bool same(const rows *a, const rows *b)
{
    return a->len == b->len && bytes_cmp(a->bytes, b->bytes, a->len) == 0;
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
    if (!db || ++runs % 1000 == 0) {
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
