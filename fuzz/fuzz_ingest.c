/*
 * fuzz_ingest.c: the fuzz target of every input adapter.
 *
 * The first byte of an input picks the file name, and with it the format
 * and the chart and period the name implies; the rest is the file. Two
 * first bytes pick a series dataset instead (adapter_series.c): 250, the
 * rest is one per-song series beside a fixed song map; 251, the rest is the
 * song map beside a fixed series. Each
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
#include "scratch.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const names[] = {
    "2026-08-08.json",
    "regional-pk-daily-2025-12-01.csv",
    "regional-global-weekly-2025-12-04.csv",
    "2019-01-04--2019-01-11us.csv",
    "generic.csv",
};

/* The fixed halves of a series dataset. */
static const char songmap[] =
    "{\"data\": [{\"album\": \"ME\", \"artist\": \"JISOO\", \"release_date\": "
    "\"2023-03-31\", \"songs\": [{\"title\": \"Flower\", \"song_id\": {\"melon\": 1, "
    "\"genie\": 2}}, {\"title\": \"All Eyes On Me\", \"song_id\": {\"melon\": 3}}]}]}";
static const char series[] =
    "{\"code\": 200, \"body\": {\"platform\": \"melon\", \"chart\": "
    "\"MELON_TOP100_CHART\", \"songId\": \"1\", \"timeUnit\": \"HOURS\", \"data\": "
    "[{\"time\": \"2023-03-31T14:00:00\", \"ranking\": 3, \"previous\": 0}, "
    "{\"time\": \"2023-03-31T15:00:00\", \"ranking\": null}]}}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static kc_db *db;
    static unsigned runs;
    /* In memory (tmpfs) where there is one: the file is still written, read
     * back by kc_ingest_path and removed, without a disk under it. */
    const char *dir = kc_fuzz_scratch("kc-fuzz");
    /* A fresh store now and then, so it does not grow without end. */
    if (!db || ++runs % 1000 == 0) {
        kc_db_close(db);
        if (kc_db_open(":memory:", &db))
            abort();
    }
    if (size == 0)
        return 0;
    if (data[0] == 250 || data[0] == 251) {
        char set[96], map[128], one[128];
        snprintf(set, sizeof set, "%s/set", dir);
        snprintf(map, sizeof map, "%s/data.json", set);
        snprintf(one, sizeof one, "%s/s.json", set);
        mkdir(set, 0700);
        kc_fuzz_put(map, data[0] == 251 ? (const void *)(data + 1) : songmap,
                    data[0] == 251 ? size - 1 : sizeof songmap - 1);
        kc_fuzz_put(one, data[0] == 250 ? (const void *)(data + 1) : series,
                    data[0] == 250 ? size - 1 : sizeof series - 1);
        kc_ingest_stats stats = {0};
        int rc = kc_ingest_path(db, set, NULL, &stats);
        if (rc && !kc_errmsg(db)[0])
            abort();
        unlink(one);
        unlink(map);
        return 0;
    }
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir,
             names[data[0] % (sizeof names / sizeof *names)]);
    kc_fuzz_put(path, data + 1, size - 1);
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
