/* tz.c against the C library: for every zone of zone1970.tab (and a few
 * more), the offsets kc__tz_offsets reads from the zone's file equal what
 * localtime_r says, at every transition of the zone (and a second before
 * it) and at instants every 61 hours from 1890 to 2100. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kc.h"
#include "plays.h"

#define FROM (-2524521600LL) /* 1890-01-01 */
#define TO 4102444800LL      /* 2100-01-01 */
#define STEP (61 * 3600LL)

/* The reference: the C library's offset at t in the zone TZ is set to. */
static int32_t libc_offset(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    int64_t local =
        kc__days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400 +
        tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
    return (int32_t)(local - t);
}

/* The instants where the C library's offset changes, found by bisecting
 * each step of the sweep where it differs. */
static size_t check_zone(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
    size_t n = (size_t)((TO - FROM) / STEP) + 1, bad = 0;
    int32_t *ours = malloc(n * sizeof *ours);
    cr_assert(ours);
    kc__tz_offsets(tz, FROM, STEP, n, ours);
    for (size_t i = 0; i < n; i++) {
        int64_t t = FROM + (int64_t)i * STEP;
        int32_t want = libc_offset(t);
        if (ours[i] != want && bad++ < 3)
            cr_log_error("%s at %lld: %d, the C library %d", tz, (long long)t, ours[i],
                         want);
        if (i && libc_offset(t - STEP) != want) { /* a change within the step */
            int64_t lo = t - STEP, hi = t;        /* offset(lo) != offset(hi) */
            while (hi - lo > 1) {
                int64_t mid = lo + (hi - lo) / 2;
                if (libc_offset(mid) == want)
                    hi = mid;
                else
                    lo = mid;
            }
            int32_t got[2];
            kc__tz_offsets(tz, lo, 1, 2, got);
            if ((got[0] != libc_offset(lo) || got[1] != libc_offset(hi)) && bad++ < 3)
                cr_log_error(
                    "%s at the change %lld: %d then %d, the C library %d then %d", tz,
                    (long long)hi, got[0], got[1], libc_offset(lo), libc_offset(hi));
        }
    }
    free(ours);
    unsetenv("TZ");
    tzset();
    return bad;
}

Test(tz, every_zone_equals_the_c_library)
{
    FILE *f = fopen("/usr/share/zoneinfo/zone1970.tab", "r");
    cr_assert(f, "no /usr/share/zoneinfo/zone1970.tab (Debian: tzdata)");
    static const char *const more[] = {
        "Asia/Seoul",       "Asia/Tokyo", "Asia/Kolkata",        "Europe/Dublin",
        "Etc/UTC",          "EST5EDT",    "Australia/Lord_Howe", "Pacific/Chatham",
        "America/St_Johns", NULL};
    char line[512];
    size_t zones = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        /* codes, coordinates, zone, comments: tab-separated */
        char *z = strchr(line, '\t');
        z = z ? strchr(z + 1, '\t') : NULL;
        if (!z)
            continue;
        z++;
        z[strcspn(z, "\t\n")] = '\0';
        bad += check_zone(z);
        zones++;
    }
    fclose(f);
    for (int i = 0; more[i]; i++, zones++)
        bad += check_zone(more[i]);
    cr_assert_gt(zones, 300, "zones %zu", zones);
    cr_assert_eq(bad, 0, "%zu offsets differ from the C library's", bad);
}

Test(tz, fixed_offsets_and_unknown_files)
{
    int32_t off[2];
    kc__tz_offsets("+09:00", 0, 3600, 2, off);
    cr_assert_eq(off[0], 32400);
    kc__tz_offsets("-03:30", 0, 3600, 2, off);
    cr_assert_eq(off[1], -12600);
    kc__tz_offsets("UTC", 1700000000, 0, 1, off);
    cr_assert_eq(off[0], 0);
    /* A file that is not a zone's: the C library answers (UTC). */
    kc__tz_offsets("zone1970.tab", 1700000000, 0, 1, off);
    cr_assert_eq(off[0], 0);
}

Test(tz, the_processs_tz_survives_out_of_memory)
{
    /* right/UTC counts leap seconds, which tz.c leaves to the C library: the
     * call sets TZ and must put the caller's back, even when keeping a copy
     * of it fails. */
    setenv("TZ", "Asia/Tokyo", 1);
    int32_t off[1];
    kc__tz_offsets("right/UTC", 1700000000, 0, 1, off); /* the zone, read once */
    kc__alloc_fail(1, true);
    kc__tz_offsets("right/UTC", 1700000000, 0, 1, off);
    long failed = kc__alloc_failures();
    kc__alloc_fail(0, false);
    const char *tz = getenv("TZ");
    cr_assert(tz && !strcmp(tz, "Asia/Tokyo"), "TZ is %s after %ld failed allocations",
              tz ? tz : "unset", failed);
    unsetenv("TZ");
}
