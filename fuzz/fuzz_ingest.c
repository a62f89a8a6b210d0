/*
 * fuzz_ingest.c: the fuzz target of every input adapter.
 *
 * The first byte of an input picks the file name, and with it the format
 * and the chart and period the name implies; the rest is the file. Each
 * input is ingested into one in-memory store with format detection, so the
 * whole path runs: detection, the adapter, checks against the registry,
 * storing, identity and runs. Whatever the bytes, the library must return a
 * status, never crash, leak or corrupt its store.
 *
 * Built as a libFuzzer target with clang (cmake -DKC_FUZZ=ON, see
 * docs/fuzzing.md), and as a replay driver (replay.c) that CTest runs over
 * fuzz/corpus under the sanitizers.
 */
#include "kchart/kchart.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const names[] = {
    "2026-08-08.json",
    "regional-pk-daily-2025-12-01.csv",
    "regional-global-weekly-2025-12-04.csv",
    "2019-01-04--2019-01-11us.csv",
    "generic.csv",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static kc_db *db;
    static char dir[64];
    static unsigned runs;
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/kc-fuzz-XXXXXX");
        if (!mkdtemp(dir))
            abort();
    }
    /* A fresh store now and then, so it does not grow without end. */
    if (!db || ++runs % 1000 == 0) {
        kc_db_close(db);
        if (kc_db_open(":memory:", &db))
            abort();
    }
    if (size == 0)
        return 0;
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, names[data[0] % (sizeof names / sizeof *names)]);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    kc_ingest_stats stats = {0};
    int rc = kc_ingest_path(db, path, NULL, &stats);
    /* A failure must say why; a success must have read the file. */
    if (rc && !kc_errmsg(db)[0])
        abort();
    if (!rc && stats.files != 1)
        abort();
    unlink(path);
    return 0;
}
