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
