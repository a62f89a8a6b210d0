/* tz.c against the C library: for every zone of zone1970.tab (and a few
 * more), the offsets kc__tz_offsets reads from the zone's file equal what
 * localtime_r says, at every transition of the zone (and a second before
 * it) and at instants every 61 hours from 1890 to 2100. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "support.h"
#include "util/util.h"

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
    cr_assert_not_null(ours);
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
    cr_assert_not_null(f, "no /usr/share/zoneinfo/zone1970.tab (Debian: tzdata)");
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
    cr_assert(gt(sz, zones, 300));
    cr_assert(eq(sz, bad, 0), "offsets that differ from the C library's");
}

Test(tz, fixed_offsets_and_unknown_files)
{
    int32_t off[2];
    kc__tz_offsets("+09:00", 0, 3600, 2, off);
    cr_assert(eq(i32, off[0], 32400));
    kc__tz_offsets("-03:30", 0, 3600, 2, off);
    cr_assert(eq(i32, off[1], -12600));
    kc__tz_offsets("UTC", 1700000000, 0, 1, off);
    cr_assert(eq(i32, off[0], 0));
    /* A file that is not a zone's: the C library answers (UTC). */
    kc__tz_offsets("zone1970.tab", 1700000000, 0, 1, off);
    cr_assert(eq(i32, off[0], 0));
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

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    cr_assert(in && out, "copy %s to %s", from, to);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)))
        cr_assert(eq(sz, fwrite(buf, 1, n, out), n));
    fclose(in);
    cr_assert(eq(int, fclose(out), 0));
}

/* The zone's file replaced the way a tzdata upgrade replaces it (a new file
 * renamed over the old) while the process runs: the next look at the file
 * reads it again. $TZDIR moves the database, for tz.c and the C library
 * alike. */
Test(tz, a_replaced_zone_file_is_read_again)
{
    char dir[] = "/tmp/kc-tzdir-XXXXXX", sub[64], path[96], next[96];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/Test", dir);
    snprintf(path, sizeof path, "%s/Zone", sub);
    snprintf(next, sizeof next, "%s/Zone.new", sub);
    cr_assert(eq(int, mkdir(sub, 0700), 0));
    setenv("TZDIR", dir, 1);
    cr_assert(not(kc__tz_valid("Test/Zone")));
    copy_file("/usr/share/zoneinfo/Asia/Tokyo", path);
    cr_assert(kc__tz_valid("Test/Zone"));

    const int64_t jan = 1767225600; /* 2026-01-01T00:00:00Z */
    int32_t off;
    kc__tz_recheck_after(0); /* look at the file on every call */
    kc__tz_offsets("Test/Zone", jan, 0, 1, &off);
    cr_assert(eq(i32, off, 9 * 3600));

    copy_file("/usr/share/zoneinfo/America/New_York", next);
    cr_assert(eq(int, rename(next, path), 0));
    kc__tz_offsets("Test/Zone", jan, 0, 1, &off);
    cr_assert(eq(i32, off, -5 * 3600), "the offset after the file was replaced");
    setenv("TZ", "Test/Zone", 1);
    tzset();
    cr_assert(eq(i32, libc_offset(jan), -5 * 3600), "the C library reads $TZDIR too");
    /* Past 2037 with daylight time, the C library answers: from $TZDIR. */
    const int64_t jul2040 = 2224972800; /* 2040-07-04T00:00:00Z */
    kc__tz_offsets("Test/Zone", jul2040, 0, 1, &off);
    cr_assert(eq(i32, off, -4 * 3600));
    unsetenv("TZ");
    tzset();

    /* A file gone keeps the zone read before. */
    cr_assert(eq(int, unlink(path), 0));
    kc__tz_offsets("Test/Zone", jan, 0, 1, &off);
    cr_assert(eq(i32, off, -5 * 3600));

    /* Looked at once a minute: a replacement is not seen before then. */
    kc__tz_recheck_after(60);
    copy_file("/usr/share/zoneinfo/Asia/Tokyo", path);
    kc__tz_offsets("Test/Zone", jan, 0, 1, &off);
    cr_assert(eq(i32, off, -5 * 3600));

    unsetenv("TZDIR");
    kc__tz_forget();
    unlink(path);
    rmdir(sub);
    rmdir(dir);
}
