/* Unit tests of the compiler's pieces that the CLI tests reach only in
 * part: score formatting against JavaScript's, the rule setter and the
 * rule file, and time zones. */
#include "compile/compile.h"
#include "support.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* tests/fixtures/js-doubles.txt: 5,287 doubles (their bits in hex) and what
 * node's String() printed for each: score-like sums (P + F * 0.333, P + F /
 * 3), random magnitudes from 1e-12 to 1e28, powers of ten and of two. */
Test(compile, scores_print_as_javascript_prints_them)
{
    FILE *f = fopen(KC_FIXTURES "/js-doubles.txt", "r");
    cr_assert(f != NULL, "cannot open the fixture");
    char hex[32], want[64];
    int n = 0;
    while (fscanf(f, "%31s %63s", hex, want) == 2) {
        uint64_t bits = strtoull(hex, NULL, 16);
        double x;
        memcpy(&x, &bits, sizeof x);
        char got[40];
        int len = kc__format_score(x, got);
        cr_assert(eq(str, got, want), "bits %s", hex);
        cr_assert(eq(int, len, (int)strlen(want)), "length of %s", want);
        n++;
    }
    fclose(f);
    cr_assert(eq(int, n, 5287), "doubles read");
}

Test(compile, rules_by_name)
{
    kc_rules r;
    char err[256];
    kc_rules_default(&r);
    cr_assert(eq(int, kc_rules_set(&r, "weight", "free=1/3", err, sizeof err), KC_OK));
    cr_assert(eq(dbl, r.w_free, 1.0 / 3.0));
    cr_assert(eq(int, kc_rules_set(&r, "weight", "premium=0.5", err, sizeof err), KC_OK));
    cr_assert(eq(dbl, r.w_premium, 0.5));
    cr_assert(eq(int, kc_rules_set(&r, "min-ms", "0", err, sizeof err), KC_OK));
    cr_assert(eq(u32, r.min_ms, 0u));
    cr_assert(eq(int, kc_rules_set(&r, "week-start", "monday", err, sizeof err), KC_OK));
    cr_assert(eq(int, r.week_start, 0));
    cr_assert(eq(int, kc_rules_set(&r, "group", "none", err, sizeof err), KC_OK));
    cr_assert(eq(int, r.group, 0));
    const char *bad[][2] = {{"cap", "-1"},
                            {"cap", "1000001"},
                            {"top", "0"},
                            {"weight", "free"},
                            {"weight", "gold=1"},
                            {"weight", "free=1/0"},
                            {"weight", "free=-1"},
                            {"period", "month"},
                            {"time-zone", "+15:00"},
                            {"time-zone", "../etc/passwd"},
                            {"chart-prefix", "A"},
                            {"min-ms", "86400001"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert(
            eq(int, kc_rules_set(&r, bad[i][0], bad[i][1], err, sizeof err), KC_EUSAGE),
            "%s=%s accepted", bad[i][0], bad[i][1]);
    cr_assert(eq(int, kc_rules_set(&r, "speed", "1", err, sizeof err), KC_EUSAGE));
    cr_assert(strstr(err, "unknown rule") != NULL, "%s", err);
}

Test(compile, rule_file_errors_name_line_and_column)
{
    char path[] = "/tmp/kc-rules-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("# comment\n\nperiod = hour\n  top =   7 \ncap = lots\n", f);
    fclose(f);
    kc_rules r;
    char err[512];
    kc_rules_default(&r);
    cr_assert(eq(int, kc_rules_load(&r, path, err, sizeof err), KC_EINPUT));
    char want[600];
    snprintf(want, sizeof want, "%s:5:7: cap must be", path);
    cr_assert(eq(int, strncmp(err, want, strlen(want)), 0), "%s", err);
    cr_assert(eq(int, r.period, KC_PERIOD_HOUR));
    cr_assert(eq(u32, r.top, 7u));
    remove(path);
}

Test(compile, time_zone_offsets)
{
    int32_t off[3];
    /* 2026-11-01 05:00, 06:00 and 07:00 UTC in New York: EDT, then EST. */
    kc__tz_offsets("America/New_York", 1793509200, 3600, 3, off);
    cr_assert(eq(i32, off[0], -4 * 3600));
    cr_assert(eq(i32, off[1], -5 * 3600));
    cr_assert(eq(i32, off[2], -5 * 3600));
    kc__tz_offsets("+05:45", 0, 900, 1, off);
    cr_assert(eq(i32, off[0], 5 * 3600 + 45 * 60));
    cr_assert(kc__tz_valid("Asia/Seoul"));
    cr_assert(not(kc__tz_valid("Asia/Nowhere")));
    cr_assert(not(kc__tz_valid("/etc/passwd")));
}

/* Writes n generated plays (a fixed LCG: 300 users, 40 tracks, 3 regions,
 * 2 platforms, both tiers, 1 to 90 s, over three days) as a CSV file at
 * path. */
static void write_plays(const char *path, int n)
{
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL, "cannot write %s", path);
    fputs("ts,user_id,track_id,region,platform,tier,ms_played\n", f);
    uint64_t x = 42;
    const char *regions[] = {"kr", "jp", "us"}, *platforms[] = {"p1", "p2"};
    for (int i = 0; i < n; i++) {
        uint32_t v[6];
        for (int k = 0; k < 6; k++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            v[k] = (uint32_t)(x >> 33);
        }
        /* Tracks skewed towards the first ones, so that caps and ties bite. */
        uint32_t track = (v[2] % 40) * (v[3] % 40) / 40;
        fprintf(f, "%lld,%u,%u,%s,%s,%s,%u\n",
                1793491200000LL + (long long)(v[0] % (3u * 86400u)) * 1000,
                1000 + v[1] % 300, 7000 + track, regions[v[4] % 3],
                platforms[v[4] / 3 % 2], v[5] % 2 ? "premium" : "free",
                1000 + v[5] % 89000);
    }
    fclose(f);
}

/* kc_compile_write_csv's output of c, as a string (free it). */
static char *charts_of(kc_compile *c)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert(f != NULL);
    cr_assert(eq(int, kc_compile_write_csv(c, f), KC_OK), "%s", kc_compile_errmsg(c));
    fclose(f);
    return text;
}

/* A distributed compile's rank feeds its count round by round
 * (kc__feed_*) rather than from files: fed the same plays in the job's
 * shape (quarter hours from the first, codes and dictionaries), in rounds
 * and on two threads, it must give the charts plays mode gives. */
Test(compile, a_fed_count_gives_the_charts_of_plays_mode)
{
    char path[4096], err[256];
    test_store_open();
    test_store_path("plays.csv", path, sizeof path);
    write_plays(path, 60000);
    kc_rules r;
    kc_rules_default(&r);
    const char *rules[][2] = {{"period", "day"},   {"time-zone", "Asia/Seoul"},
                              {"cap", "3"},        {"weight", "free=1/3"},
                              {"min-ms", "30000"}, {"top", "7"}};
    for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
        cr_assert(
            eq(int, kc_rules_set(&r, rules[i][0], rules[i][1], err, sizeof err), KC_OK),
            "%s", err);
    kc_compile_opts o = {.threads = 2};

    kc_compile *want = kc_compile_new(&r, &o);
    cr_assert(eq(int, kc_compile_add(want, path), KC_OK), "%s", kc_compile_errmsg(want));
    cr_assert(eq(int, kc_compile_run(want, NULL), KC_OK), "%s", kc_compile_errmsg(want));
    char *wanted = charts_of(want);

    kc__plays *v;
    size_t nv;
    cr_assert(eq(int, kc__plays_load(path, 1, NULL, &v, &nv, err, sizeof err), KC_OK),
              "%s", err);
    cr_assert(eq(sz, nv, (size_t)1));
    kc__plays p = v[0];
    free(v);
    int64_t qbase = p.ts_min / KC__MS_QUARTER;
    kc__wplay *w = malloc(p.n * sizeof *w);
    cr_assert(w != NULL);
    size_t nw = 0;
    for (uint64_t i = 0; i < p.n; i++) {
        const kc__play *e = &p.mem[i];
        if (e->ms >= r.min_ms)
            w[nw++] = (kc__wplay){(int32_t)(e->ts / KC__MS_QUARTER - qbase),
                                  e->user,
                                  e->track,
                                  e->ms,
                                  e->region,
                                  e->platform,
                                  e->tier};
    }
    kc__plays shape = p;
    shape.mem = NULL;
    shape.n = shape.memcap = 0;
    shape.ts_min = qbase * KC__MS_QUARTER;
    shape.ts_max = p.ts_max / KC__MS_QUARTER * KC__MS_QUARTER;
    free(p.mem);

    kc_compile *got = kc_compile_new(&r, &o);
    kc__feed *f;
    cr_assert(eq(int, kc__feed_open(got, &shape, nw, 2, &f), KC_OK), "%s",
              kc_compile_errmsg(got));
    const size_t round = 7001; /* not a multiple of anything */
    for (size_t at = 0; at < nw; at += round) {
        kc__feed_add(f, w + at, nw - at < round ? nw - at : round);
        cr_assert(eq(int, kc__feed_wait(f), KC_OK));
    }
    cr_assert(eq(int, kc__feed_count(f), KC_OK), "%s", kc_compile_errmsg(got));
    kc__feed_free(f);
    got->ran = true;
    char *gotten = charts_of(got);
    cr_assert(gt(sz, strlen(wanted), (size_t)1000), "too few rows to compare");
    cr_assert(eq(str, gotten, wanted));
    free(gotten);
    free(wanted);
    free(w);
    kc_compile_free(got);
    kc_compile_free(want);
    test_store_close();
}
