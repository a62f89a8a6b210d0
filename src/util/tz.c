/*
 * tz.c: UTC offsets of time zones, read from the system's tz database.
 *
 * A zone is "UTC", "Z", a fixed "+HH:MM" / "-HH:MM", or an IANA name whose
 * compiled file (TZif, RFC 8536) is under the tz database's directory
 * ($TZDIR as for the C library, else /usr/share/zoneinfo). The file is read
 * on first use and kept: its transitions (instants, and the offset in force
 * from each) answer any instant by a binary search, without the C library's
 * process-wide TZ variable. A long-running process (the server) sees a
 * tzdata upgrade: at most once a minute a zone's file is looked at again,
 * and read anew if it is another file. The C library stays the reference,
 * and answers where the table does not: past the last transition when the
 * file's rule has daylight time (Debian's files list transitions to 2037),
 * and for a file this reader cannot read. tests/unit/test_tz.c compares the
 * two over every zone of zone1970.tab.
 */
#include "util/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct tzone {
    struct tzone *next;
    char *name;
    size_t n;       /* transitions */
    int64_t *at;    /* their instants, ascending */
    int32_t *off;   /* the offset in force from each on */
    int32_t before; /* before the first: the first standard-time type's */
    /* After the last transition: the rule's fixed offset when it has no
     * daylight time (has_fixed), else the C library answers (rule). */
    bool has_fixed, rule;
    int32_t fixed;
    bool unreadable;  /* the C library answers every instant */
    struct stat file; /* the file read (st_ino 0: none) */
    int64_t checked;  /* when it was last looked at (monotonic seconds) */
} tzone;

static pthread_mutex_t zones_lock = PTHREAD_MUTEX_INITIALIZER;
/* Newest first. A zone replaced by a newer read of its file stays listed
 * (another thread may still be reading it) until kc__tz_forget. */
static tzone *zones;
static int64_t recheck_after = 60; /* seconds */

/* The process's environment is read and written under this lock (the
 * server answers on several threads; libc_offsets sets TZ). */
static pthread_mutex_t libc_lock = PTHREAD_MUTEX_INITIALIZER;

bool kc__tz_path(const char *tz, char *buf, size_t n)
{
    pthread_mutex_lock(&libc_lock);
    const char *dir = getenv("TZDIR");
    if (!dir || !*dir)
        dir = "/usr/share/zoneinfo";
    int len = snprintf(buf, n, "%s/%s", dir, tz);
    pthread_mutex_unlock(&libc_lock);
    return len > 0 && (size_t)len < n;
}

void kc__tz_recheck_after(int64_t seconds)
{
    pthread_mutex_lock(&zones_lock);
    recheck_after = seconds;
    pthread_mutex_unlock(&zones_lock);
}

bool kc__tz_fixed(const char *tz, int32_t *off)
{
    int h, m;
    if (!strcmp(tz, "UTC") || !strcmp(tz, "Z")) {
        *off = 0;
        return true;
    }
    if (strlen(tz) != 6 || (tz[0] != '+' && tz[0] != '-') || tz[3] != ':' ||
        !kc__digits(tz + 1, 2, &h) || !kc__digits(tz + 4, 2, &m) || h > 14 || m > 59)
        return false;
    *off = (tz[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return true;
}

/* ---- the C library, the reference ------------------------------------ */

/* TZ is the process's: one caller at a time sets it, reads and restores it,
 * under libc_lock. */

static void libc_offsets(const char *tz, int64_t first, int64_t step, size_t n,
                         int32_t *out)
{
    pthread_mutex_lock(&libc_lock);
    /* The caller's TZ is put back after: copied on the stack where it fits
     * (any zone's name does), so that running out of memory cannot lose it.
     * A longer one out of memory is lost, as unsetenv leaves it. */
    const char *old = getenv("TZ");
    char shortcopy[256], *saved = NULL;
    if (old && strlen(old) < sizeof shortcopy)
        saved = memcpy(shortcopy, old, strlen(old) + 1);
    else if (old)
        saved = kc__strdup(old);
    setenv("TZ", tz, 1);
    tzset();
    for (size_t i = 0; i < n; i++) {
        time_t t = (time_t)(first + (int64_t)i * step);
        struct tm tm;
        localtime_r(&t, &tm);
        int64_t local =
            ((kc__days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 24 +
              tm.tm_hour) *
                 60 +
             tm.tm_min) *
                60 +
            tm.tm_sec;
        out[i] = (int32_t)(local - (int64_t)t);
    }
    if (saved)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    tzset();
    pthread_mutex_unlock(&libc_lock);
    if (saved != shortcopy)
        free(saved);
}

/* ---- the zone file ------------------------------------------------------ */

static int64_t be(const unsigned char *p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v = v << 8 | p[i];
    if (bytes == 4)
        return (int32_t)(uint32_t)v;
    return (int64_t)v;
}

/* The offset of a POSIX TZ rule with no daylight time ("KST-9",
 * "<+0530>-5:30"): east of UTC, the negation of what it writes. */
static bool rule_fixed(const char *s, size_t len, int32_t *off)
{
    size_t i = 0;
    if (i < len && s[i] == '<') {
        while (i < len && s[i] != '>')
            i++;
        if (i++ == len)
            return false;
    } else {
        while (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
            i++;
        if (i < 3)
            return false;
    }
    int sign = 1;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        sign = s[i++] == '-' ? -1 : 1;
    int32_t part[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        size_t d = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9' && d < 3) {
            part[k] = part[k] * 10 + (s[i++] - '0');
            d++;
        }
        if (!d || (i < len && s[i] != ':'))
            break;
        if (i < len)
            i++;
    }
    if (i != len || part[0] > 167 || part[1] > 59 || part[2] > 59)
        return false; /* daylight time follows, or not a rule */
    *off = -sign * (part[0] * 3600 + part[1] * 60 + part[2]);
    return true;
}

/* Reads a TZif file into z: 1, or 0 when it is not one this reader knows,
 * -1 out of memory. */
static int parse(tzone *z, const unsigned char *b, size_t len)
{
    size_t p = 0;
    int pass = 0;
    for (;;) {
        if (len - p < 44 || memcmp(b + p, "TZif", 4))
            return 0;
        int version = b[p + 4];
        int64_t isut = be(b + p + 20, 4), isstd = be(b + p + 24, 4),
                leap = be(b + p + 28, 4), timecnt = be(b + p + 32, 4),
                typecnt = be(b + p + 36, 4), chars = be(b + p + 40, 4);
        if (isut < 0 || isstd < 0 || leap != 0 || timecnt < 0 || typecnt <= 0 ||
            typecnt > 256 || chars < 0)
            return 0; /* leap seconds ("right/" zones): not read here */
        int tb = pass ? 8 : 4;
        size_t need = (size_t)timecnt * (size_t)(tb + 1) + (size_t)typecnt * 6 +
                      (size_t)chars + (size_t)isstd + (size_t)isut;
        p += 44;
        if (len - p < need)
            return 0;
        if (pass == 0 && version >= '2') { /* skip to the 64-bit data */
            p += need;
            pass = 1;
            continue;
        }
        const unsigned char *times = b + p, *idx = times + (size_t)timecnt * (size_t)tb,
                            *types = idx + timecnt;
        z->n = (size_t)timecnt;
        z->at = kc__malloc((z->n ? z->n : 1) * sizeof *z->at);
        z->off = kc__malloc((z->n ? z->n : 1) * sizeof *z->off);
        if (!z->at || !z->off)
            return -1;
        for (size_t i = 0; i < z->n; i++) {
            z->at[i] = be(times + i * (size_t)tb, tb);
            if (idx[i] >= typecnt || (i && z->at[i] <= z->at[i - 1]))
                return 0;
            z->off[i] = (int32_t)be(types + idx[i] * 6, 4);
        }
        /* Before the first transition, the first type that is not daylight
         * time (the C library's choice; RFC 8536 says type 0, the same in
         * every file of tzdata). */
        int64_t first = 0;
        while (first < typecnt && types[first * 6 + 4])
            first++;
        z->before = (int32_t)be(types + (first < typecnt ? first : 0) * 6, 4);
        p += need;
        if (pass == 1 && p < len && b[p] == '\n') { /* the footer: a POSIX rule */
            const unsigned char *end = memchr(b + p + 1, '\n', len - p - 1);
            if (!end)
                return 0;
            size_t rl = (size_t)(end - (b + p + 1));
            if (rl) {
                z->has_fixed = rule_fixed((const char *)b + p + 1, rl, &z->fixed);
                z->rule = !z->has_fixed;
            }
        }
        return 1;
    }
}

static void zone_free(tzone *z)
{
    if (z) {
        free(z->name);
        free(z->at);
        free(z->off);
        free(z);
    }
}

static int64_t now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
           a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Reads the zone named tz from its file (path) into a new tzone; NULL when
 * out of memory. A file that cannot be read makes a zone the C library
 * answers for. */
static tzone *zone_read(const char *tz, const char *path)
{
    tzone *z = kc__calloc(1, sizeof *z);
    if (!z || !(z->name = kc__strdup(tz))) {
        zone_free(z);
        return NULL;
    }
    unsigned char *buf = NULL;
    size_t len = 0;
    FILE *f = path ? fopen(path, "rb") : NULL;
    bool opened = f != NULL;
    if (f) {
        if (fstat(fileno(f), &z->file))
            memset(&z->file, 0, sizeof z->file);
        buf = kc__malloc(KC_TZFILE_MAX);
        if (buf)
            len = fread(buf, 1, KC_TZFILE_MAX, f);
        fclose(f);
    }
    int parsed = buf && len < KC_TZFILE_MAX ? parse(z, buf, len) : 0;
    if ((opened && !buf) || parsed < 0) { /* out of memory: not kept, read again */
        free(buf);
        zone_free(z);
        return NULL;
    }
    if (!parsed) {
        free(z->at);
        free(z->off);
        z->at = NULL;
        z->off = NULL;
        z->n = 0;
        z->unreadable = true;
    }
    free(buf);
    z->checked = now_s();
    return z;
}

/* The zone named tz, read on first use and again when its file was
 * replaced; NULL when out of memory. Called with zones_lock held. */
static tzone *zone(const char *tz)
{
    char path[512];
    bool has_path = kc__tz_path(tz, path, sizeof path);
    tzone *z = zones;
    while (z && strcmp(z->name, tz))
        z = z->next;
    if (z) {
        int64_t now = now_s();
        if (now - z->checked < recheck_after)
            return z;
        z->checked = now;
        struct stat sb;
        /* A file gone or unreadable now keeps the zone read before. */
        if (!has_path || stat(path, &sb) || same_file(&sb, &z->file))
            return z;
    }
    tzone *fresh = zone_read(tz, has_path ? path : NULL);
    if (!fresh)
        return z; /* out of memory: the zone read before, if any */
    fresh->next = zones;
    zones = fresh;
    return fresh;
}

/* The offset at t from the table, or false where the C library answers. */
static bool table_offset(const tzone *z, int64_t t, int32_t *out)
{
    if (z->unreadable)
        return false;
    if (!z->n || t < z->at[0]) {
        *out = z->before;
        return true;
    }
    if (t >= z->at[z->n - 1]) {
        if (z->rule)
            return false;
        *out = z->has_fixed ? z->fixed : z->off[z->n - 1];
        return true;
    }
    size_t lo = 0, hi = z->n - 1; /* at[lo] <= t < at[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->at[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    *out = z->off[lo];
    return true;
}

void kc__tz_forget(void)
{
    pthread_mutex_lock(&zones_lock);
    while (zones) {
        tzone *next = zones->next;
        zone_free(zones);
        zones = next;
    }
    pthread_mutex_unlock(&zones_lock);
}

void kc__tz_offsets(const char *tz, int64_t first, int64_t step, size_t n, int32_t *out)
{
    int32_t off;
    if (kc__tz_fixed(tz, &off)) {
        for (size_t i = 0; i < n; i++)
            out[i] = off;
        return;
    }
    pthread_mutex_lock(&zones_lock);
    const tzone *z = zone(tz);
    pthread_mutex_unlock(&zones_lock);
    /* A zone is never changed once listed: read without the lock. The
     * instants the table cannot answer go to the C library a run at once. */
    for (size_t i = 0; i < n;) {
        size_t run = 0;
        while (i + run < n &&
               (!z || !table_offset(z, first + (int64_t)(i + run) * step, &out[i + run])))
            run++;
        if (run)
            libc_offsets(tz, first + (int64_t)i * step, step, run, out + i);
        i += run ? run : 1;
    }
}

/* ---- names ------------------------------------------------------------ */

/* A character of an IANA zone name's parts (as of a region or platform code). */
static bool code_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
}

bool kc__tz_valid(const char *tz)
{
    int32_t off;
    if (kc__tz_fixed(tz, &off))
        return true;
    /* An IANA name: letters, digits, _ + - and /, no "..", installed. */
    size_t n = strlen(tz);
    if (n == 0 || n > 64 || tz[0] == '/' || strstr(tz, ".."))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!code_char((unsigned char)tz[i]) && tz[i] != '/' && tz[i] != '+')
            return false;
    char path[512];
    struct stat sb;
    return kc__tz_path(tz, path, sizeof path) && stat(path, &sb) == 0 &&
           S_ISREG(sb.st_mode);
}

/* ---- local days ------------------------------------------------------- */

/* The day (since 1970-01-01) in zone of the instant utc. */
int64_t kc__local_day(const char *zone, int64_t utc)
{
    int32_t off;
    kc__tz_offsets(zone, utc, 0, 1, &off);
    int64_t s = utc + off;
    return s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
}

/* The instant of midnight starting day in zone. */
int64_t kc__day_start(const char *zone, int64_t day)
{
    int32_t off;
    int64_t local = day * 86400;
    kc__tz_offsets(zone, local, 0, 1, &off);
    kc__tz_offsets(zone, local - off, 0, 1, &off);
    return local - off;
}
