/*
 * fuzz_plays.c: the fuzz target of the play-event readers and the compiler.
 *
 * The first byte of an input picks the rules (period, time zone, cap,
 * weights, grouping, threads) and whether the rest is a plays file (CSV or
 * kchart's binary format, told apart by its first bytes as always) or a
 * partial-counts file to merge; the rest is the file. It is compiled, its
 * charts printed and its partial counts written. Whatever the bytes, the
 * library must return a status, never crash or leak.
 *
 * Built as a libFuzzer target with clang (cmake -DKC_FUZZ=ON, see
 * docs/fuzzing.md), and as a replay driver (replay.c) that CTest runs over
 * fuzz/corpus-plays under the sanitizers.
 */
#include "kchart/kchart.h"
#include "scratch.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    /* In memory (tmpfs) where there is one, as fuzz_ingest. */
    const char *dir = kc_fuzz_scratch("kc-fuzz-plays");
    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();
    if (size == 0)
        return 0;
    const unsigned pick = data[0];
    char path[160], part[160];
    snprintf(path, sizeof path, "%s/plays", dir);
    snprintf(part, sizeof part, "%s/part", dir);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (pick & 0x80) /* a partial-counts file: give it its first line */
        fputs("# kchart partial counts 1; min-ms=30000 cap=10 first=premium period=day "
              "time-zone=UTC week-start=friday group=platform,region\n",
              f);
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);

    kc_rules r;
    char err[256];
    kc_rules_default(&r);
    if (!(pick & 0x80)) {
        static const char *const periods[] = {"day", "hour", "week", "day"};
        static const char *const zones[] = {"UTC", "Asia/Seoul", "America/New_York",
                                            "+05:45"};
        static const char *const groups[] = {"platform,region", "region", "platform",
                                             "none"};
        if (kc_rules_set(&r, "period", periods[pick & 3], err, sizeof err) ||
            kc_rules_set(&r, "time-zone", zones[(pick >> 2) & 3], err, sizeof err) ||
            kc_rules_set(&r, "group", groups[(pick >> 4) & 3], err, sizeof err) ||
            kc_rules_set(&r, "cap", pick & 0x40 ? "2" : "0", err, sizeof err) ||
            kc_rules_set(&r, "weight", pick & 0x40 ? "free=1/3" : "premium=0.5", err,
                         sizeof err) ||
            kc_rules_set(&r, "top", "3", err, sizeof err))
            abort();
    }
    kc_compile_opts o = {.threads = 1 + (pick & 1), .keep_totals = 1};
    kc_compile *c = kc_compile_new(&r, &o);
    if (!c)
        abort();
    kc_compile_stats st;
    int rc = kc_compile_add(c, path);
    if (!rc)
        rc = kc_compile_run(c, &st);
    if (!rc)
        rc = kc_compile_write_csv(c, sink);
    if (!rc)
        rc = kc_compile_write_partial(c, part);
    /* A failure must say why. */
    if (rc && !kc_compile_errmsg(c)[0])
        abort();
    kc_compile_free(c);
    return 0;
}
