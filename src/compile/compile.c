/*
 * compile.c: charts from raw play events, under a chart's rules.
 *
 * A play counts toward one chart (its platform and region, as the rules
 * group them) and one period (hour, day or week in the rules' time zone) if
 * it lasted min_ms. A user's counted plays of a track in one chart and
 * period are capped; when a cap cuts, the plays of the heavier-weighted tier
 * count first, so that the result depends on neither the order of the
 * events nor how they are split. A track's score is its counted premium
 * plays times the premium weight plus its counted free plays times the free
 * weight; ties go to the smaller track id.
 *
 * The work, on every core (docs/compile.md has the figures):
 *   1. scatter: each thread reads blocks of plays, drops the short ones and
 *      writes each as a 64-bit word (track, chart period, user, tier) into
 *      one of P partitions chosen by track and chart period, so that a
 *      partition holds every play of its tracks in its chart periods;
 *   2. count: threads take partitions in turn; a partition is sorted (radix,
 *      in the core's cache) and scanned: runs of one (track, chart period),
 *      within them runs of one user, capped and summed; each sum is offered
 *      to the thread's top-N heap of its chart period;
 *   3. rank: the threads' heaps of each chart period are merged.
 * Partial counts (the sums of step 2 before ranking) can be written and
 * merged later: counts from disjoint sets of users add up exactly.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MADV_HUGEPAGE */
#include "compile/compile.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define CHART_NAME_MAX (2 * KC_CODE_MAX + 2)
#define CP_MAX (1u << 24)       /* chart periods in one compile */
#define READ_CHUNK 65536        /* plays a thread reads at a time */
#define BLOCK_ENTRIES 510       /* entries in a partition block (4 KiB) */
#define PART_TARGET 4096        /* plays per partition we aim for */
#define PART_BITS_MAX 11        /* at most 2048 partitions */
#define ARENA_BYTES (64u << 20) /* blocks come from arenas of this size */
#define THREADS_MAX 64

/* ---- rules ------------------------------------------------------------- */

static const char *const period_names[] = {"hour", "day", "week"};
static const char *const cadence_names[] = {"hourly", "daily", "weekly"};
static const char *const day_names[] = {"monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};

void kc_rules_default(kc_rules *r)
{
    memset(r, 0, sizeof *r);
    r->min_ms = 30000;
    r->cap = 10;
    r->w_premium = 1;
    r->w_free = 1;
    r->period = KC_PERIOD_DAY;
    snprintf(r->time_zone, sizeof r->time_zone, "UTC");
    r->week_start = 4;
    r->group = KC_GROUP_PLATFORM | KC_GROUP_REGION;
    r->top = 200;
    snprintf(r->chart_prefix, sizeof r->chart_prefix, "plays");
}

static bool parse_count(const char *s, uint64_t max, uint64_t *out)
{
    return kc__parse_u64(s, strlen(s), max, out);
}

/* A weight: a decimal number from 0 to 1e6, or a fraction "1/3". */
static bool parse_weight(const char *s, double *out)
{
    char *end;
    const char *slash = strchr(s, '/');
    if (!*s || strspn(s, "0123456789./") != strlen(s))
        return false;
    double v = strtod(s, &end);
    if (slash && end == slash) {
        double d = strtod(slash + 1, &end);
        if (*end || !(d > 0))
            return false;
        v /= d;
    } else if (*end) {
        return false;
    }
    if (!(v >= 0 && v <= 1e6))
        return false;
    *out = v;
    return true;
}

int kc_rules_set(kc_rules *r, const char *name, const char *value, char *err,
                 size_t errlen)
{
    uint64_t v;
    if (!strcmp(name, "min-ms")) {
        if (!parse_count(value, 86400000, &v))
            goto bad;
        r->min_ms = (uint32_t)v;
    } else if (!strcmp(name, "cap")) {
        if (!parse_count(value, 1000000, &v))
            goto bad;
        r->cap = (uint32_t)v;
    } else if (!strcmp(name, "top")) {
        if (!parse_count(value, 100000, &v) || v == 0)
            goto bad;
        r->top = (uint32_t)v;
    } else if (!strcmp(name, "weight")) {
        const char *eq = strchr(value, '=');
        double w;
        if (!eq || !parse_weight(eq + 1, &w))
            goto bad;
        if (eq - value == 7 && !strncmp(value, "premium", 7))
            r->w_premium = w;
        else if (eq - value == 4 && !strncmp(value, "free", 4))
            r->w_free = w;
        else
            goto bad;
    } else if (!strcmp(name, "period")) {
        int k = -1;
        for (int i = 0; i < 3; i++)
            if (!strcmp(value, period_names[i]))
                k = i;
        if (k < 0)
            goto bad;
        r->period = k;
    } else if (!strcmp(name, "time-zone")) {
        if (strlen(value) >= sizeof r->time_zone || !kc__tz_valid(value))
            goto bad;
        snprintf(r->time_zone, sizeof r->time_zone, "%s", value);
    } else if (!strcmp(name, "week-start")) {
        int k = -1;
        for (int i = 0; i < 7; i++)
            if (!strcmp(value, day_names[i]))
                k = i;
        if (k < 0)
            goto bad;
        r->week_start = k;
    } else if (!strcmp(name, "group")) {
        if (!strcmp(value, "platform,region") || !strcmp(value, "region,platform"))
            r->group = KC_GROUP_PLATFORM | KC_GROUP_REGION;
        else if (!strcmp(value, "region"))
            r->group = KC_GROUP_REGION;
        else if (!strcmp(value, "platform"))
            r->group = KC_GROUP_PLATFORM;
        else if (!strcmp(value, "none"))
            r->group = 0;
        else
            goto bad;
    } else if (!strcmp(name, "chart-prefix")) {
        size_t n = strlen(value);
        bool ok = n >= 1 && n < sizeof r->chart_prefix;
        for (size_t i = 0; ok && i < n; i++)
            ok = (value[i] >= 'a' && value[i] <= 'z') ||
                 (value[i] >= '0' && value[i] <= '9');
        if (!ok)
            goto bad;
        memcpy(r->chart_prefix, value, n + 1);
    } else {
        snprintf(err, errlen,
                 "unknown rule \"%s\" (min-ms, cap, weight, period, time-zone, "
                 "week-start, group, top, chart-prefix)",
                 name);
        return KC_EUSAGE;
    }
    return KC_OK;
bad:;
    static const struct {
        const char *name, *what;
    } want[] = {
        {"min-ms", "milliseconds from 0 to 86400000"},
        {"cap", "a number of plays from 0 (no cap) to 1000000"},
        {"top", "a number of ranks from 1 to 100000"},
        {"weight", "TIER=W with TIER premium or free and W a number from 0 to "
                   "1000000 or a fraction such as 1/3"},
        {"period", "hour, day or week"},
        {"time-zone", "UTC, an offset such as +09:00, or an installed IANA name "
                      "such as Asia/Seoul"},
        {"week-start", "a day of the week, monday to sunday"},
        {"group", "platform,region, region, platform or none"},
        {"chart-prefix", "1-16 lower-case letters and digits"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strcmp(name, want[i].name))
            snprintf(err, errlen, "%s must be %s, not \"%s\"", name, want[i].what, value);
    return KC_EUSAGE;
}

int kc_rules_load(kc_rules *r, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return KC_EIO;
    }
    char line[512];
    int rc = KC_OK, lineno = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n') {
            snprintf(err, errlen, "%s:%d:1: a line longer than %zu bytes", path, lineno,
                     sizeof line - 2);
            rc = KC_EINPUT;
            break;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' ||
                     line[n - 1] == '\t'))
            line[--n] = '\0';
        char *s = line + strspn(line, " \t");
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%d:%d: expected name = value", path, lineno,
                     (int)(s - line) + 1);
            rc = KC_EINPUT;
            break;
        }
        char *name_end = eq;
        while (name_end > s && (name_end[-1] == ' ' || name_end[-1] == '\t'))
            name_end--;
        *name_end = '\0';
        char *value = eq + 1 + strspn(eq + 1, " \t");
        char why[256];
        if (kc_rules_set(r, s, value, why, sizeof why)) {
            int col = (int)((strncmp(why, "unknown", 7) ? value : s) - line) + 1;
            snprintf(err, errlen, "%s:%d:%d: %s", path, lineno, col, why);
            rc = KC_EINPUT;
        }
    }
    if (!rc && ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = KC_EIO;
    }
    fclose(f);
    return rc;
}

/* The rules that decide the counts (not the ranking): partial counts merge
 * only under the same ones. */
static void counting_rules(const kc_rules *r, char *out, size_t n)
{
    static const char *const groups[] = {"none", "platform", "region", "platform,region"};
    snprintf(out, n,
             "min-ms=%u cap=%u first=%s period=%s time-zone=%s week-start=%s group=%s",
             r->min_ms, r->cap, r->w_premium >= r->w_free ? "premium" : "free",
             period_names[r->period], r->time_zone, day_names[r->week_start],
             groups[r->group & 3]);
}

/* ---- periods ----------------------------------------------------------- */

#define MS_HOUR 3600000LL
#define MS_DAY 86400000LL
#define MS_QUARTER 900000LL

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return q - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* The absolute number of the period that contains local time `local` (ms). */
static int64_t period_of(const kc_rules *r, int64_t local)
{
    if (r->period == KC_PERIOD_HOUR)
        return floor_div(local, MS_HOUR);
    int64_t day = floor_div(local, MS_DAY);
    if (r->period == KC_PERIOD_DAY)
        return day;
    /* 1970-01-01 was a Thursday (3 counting from Monday = 0). */
    return floor_div(day + 3 - r->week_start, 7);
}

/* The name of period p: YYYY-MM-DDTHH, YYYY-MM-DD, or a week's last day. */
static void period_label(const kc_rules *r, int64_t p, char out[16])
{
    int y, m, d;
    if (r->period == KC_PERIOD_HOUR) {
        kc__civil_from_days(floor_div(p, 24), &y, &m, &d);
        snprintf(out, 16, "%04d-%02d-%02dT%02d", y, m, d,
                 (int)(p - floor_div(p, 24) * 24));
        return;
    }
    int64_t day = r->period == KC_PERIOD_DAY ? p : p * 7 + r->week_start - 3 + 6;
    kc__civil_from_days(day, &y, &m, &d);
    snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

/* Parses a period name back into its number (for merges). */
static bool period_parse(const kc_rules *r, const char *s, int64_t *p)
{
    int64_t days;
    if (r->period == KC_PERIOD_HOUR) {
        if (strlen(s) != 13 || s[10] != 'T' || !kc__parse_date(s, 10, &days) ||
            s[11] < '0' || s[11] > '2' || s[12] < '0' || s[12] > '9')
            return false;
        int h = (s[11] - '0') * 10 + (s[12] - '0');
        if (h > 23)
            return false;
        *p = days * 24 + h;
        return true;
    }
    if (strlen(s) != 10 || !kc__parse_date(s, 10, &days))
        return false;
    if (r->period == KC_PERIOD_DAY) {
        *p = days;
        return true;
    }
    int64_t start = days - 6;
    *p = floor_div(start + 3 - r->week_start, 7);
    return *p * 7 + r->week_start - 3 == start; /* the week's last day */
}

/* ---- the compile ------------------------------------------------------- */

/* A play on its way to a partition, packed into 64 bits, from the lowest:
 * tier (1 bit), user (ubits), chart period (cbits), the track's index
 * without the bits its partition implies (tbits). A partition is (track +
 * chart period * SPREAD) mod nparts, so the track's low bits come back from
 * the partition number and the chart period. Sorted, a partition's entries
 * line up by track and chart period, then by user. */
typedef uint64_t entry;
#define SPREAD 0x9E3779B1u

typedef struct block {
    struct block *next;
    uint32_t n;
    entry e[BLOCK_ENTRIES];
} block;

/* Blocks are carved from big arenas (huge pages where the kernel gives
 * them: thousands of partitions written at once would otherwise thrash the
 * TLB), and freed with them. */
typedef struct arena {
    struct arena *next;
    size_t used, size;
} arena;

static block *block_new(arena **ap)
{
    arena *a = *ap;
    if (!a || a->used + sizeof(block) > a->size) {
        void *m = mmap(NULL, ARENA_BYTES, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED)
            return NULL;
#ifdef MADV_HUGEPAGE
        madvise(m, ARENA_BYTES, MADV_HUGEPAGE);
#endif
        a = m;
        a->next = *ap;
        a->used = (sizeof *a + 63) & ~(size_t)63;
        a->size = ARENA_BYTES;
        *ap = a;
    }
    block *b = (block *)((char *)a + a->used);
    a->used += (sizeof(block) + 63) & ~(size_t)63;
    b->n = 0;
    return b;
}

static void arenas_free(arena *a)
{
    while (a) {
        arena *next = a->next;
        munmap(a, a->size);
        a = next;
    }
}

/* A ranked candidate: its score and its track (an index into the sorted
 * track dictionary, so that index order is id order). */
typedef struct {
    double score;
    uint32_t track;
} cand;

typedef struct {
    uint32_t n;
    cand c[];
} heap;

/* Counted plays of a track in a chart period (the partial counts). */
typedef struct {
    uint32_t cp;
    uint32_t track;
    uint64_t premium, free;
} total;

typedef struct {
    uint32_t chart, period; /* period: relative to pmin */
    uint32_t rank;
    uint64_t id;
    double score;
} row;

typedef struct kc__worker worker;

struct kc_compile {
    kc_rules r;
    kc_compile_opts o;
    bool keep_totals;
    char err[KC_ERRMSG_MAX];
    int bad_rules;    /* the rules failed validation: every call fails */
    kc__plays *plays; /* sources: a binary file, or a range of a CSV file */
    size_t nplays;
    size_t nfiles;
    char **parts; /* partial-count files */
    size_t nparts;
    char **dpaths; /* play files of a distributed compile */
    size_t ndpaths;
    uint64_t bad;
    pthread_mutex_t lock; /* for the first error of a worker thread */
    /* filled by run */
    bool ran;
    kc__dict tracks; /* global track index -> id (plays mode with several files) */
    const kc__dict *track_ids;
    char (*charts)[CHART_NAME_MAX]; /* sorted */
    size_t ncharts;
    int64_t pmin;
    uint32_t nper;
    row *rows;
    size_t nrows;
    total *totals;
    size_t ntotals;
    kc_compile_stats st;
};

static int fail(kc_compile *c, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(kc_compile *c, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
    return status;
}

kc_compile *kc_compile_new(const kc_rules *r, const kc_compile_opts *opts)
{
    kc_compile *c = kc__calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->r = *r;
    if (opts)
        c->o = *opts;
    c->keep_totals = c->o.keep_totals != 0;
    pthread_mutex_init(&c->lock, NULL);
    const char *why = NULL;
    if (r->period < 0 || r->period > 2)
        why = "the period must be hour, day or week";
    else if (memchr(r->time_zone, 0, sizeof r->time_zone) == NULL ||
             !kc__tz_valid(r->time_zone))
        why = "unknown time zone";
    else if (r->week_start < 0 || r->week_start > 6)
        why = "the week must start on a day 0 (Monday) to 6 (Sunday)";
    else if (r->top < 1 || r->top > 100000)
        why = "top must be 1 to 100000";
    else if (!(r->w_premium >= 0 && r->w_premium <= 1e6 && r->w_free >= 0 &&
               r->w_free <= 1e6))
        why = "weights must be 0 to 1000000";
    else if (r->group < 0 || r->group > 3)
        why = "unknown grouping";
    if (why) {
        c->bad_rules = 1;
        fail(c, KC_EUSAGE, "%s", why);
    }
    return c;
}

const char *kc_compile_errmsg(const kc_compile *c)
{
    return c->err;
}

void kc_compile_free(kc_compile *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nplays; i++)
        kc__plays_free(&c->plays[i]);
    free(c->plays);
    for (size_t i = 0; i < c->nparts; i++)
        free(c->parts[i]);
    free(c->parts);
    for (size_t i = 0; i < c->ndpaths; i++)
        free(c->dpaths[i]);
    free(c->dpaths);
    kc__dict_free(&c->tracks);
    free(c->charts);
    free(c->rows);
    free(c->totals);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static const char partial_magic[] = "# kchart partial counts 1; ";

static void on_bad_relay(void *ctx, const char *msg)
{
    kc_compile *c = ctx;
    if (c->o.on_bad)
        c->o.on_bad(c->o.ctx, msg);
}

/* The worker threads: the option, else one per online core. */
static int nthreads_of(const kc_compile *c)
{
    int n = c->o.threads;
    if (n <= 0) {
        long k = sysconf(_SC_NPROCESSORS_ONLN);
        n = k > 0 ? (int)k : 1;
    }
    return n > THREADS_MAX ? THREADS_MAX : n;
}

int kc_compile_add(kc_compile *c, const char *path)
{
    if (c->bad_rules)
        return KC_EUSAGE;
    if (c->ran)
        return fail(c, KC_EUSAGE, "inputs must be added before the compile runs");
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(c, KC_EIO, "%s: cannot open: %s", path, strerror(errno));
    char head[sizeof partial_magic] = "";
    size_t len = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    bool partial = len == sizeof head - 1 && !memcmp(head, partial_magic, len);
    if ((partial && c->nplays) || (!partial && c->nparts))
        return fail(c, KC_EUSAGE,
                    "%s: a compile takes play files or partial counts, not both", path);
    if (c->o.distributed && partial)
        return fail(c, KC_EUSAGE,
                    "%s: partial counts are merged in one process, not "
                    "under mpirun",
                    path);
    if (partial || c->o.distributed) {
        /* Partial counts are read when the compile runs; so are the plays
         * of a distributed compile, each rank its share. */
        if (c->o.distributed) {
            char **v = kc__realloc(c->dpaths, (c->ndpaths + 1) * sizeof *v);
            if (!v || !(v[c->ndpaths] = kc__strdup(path))) {
                if (v)
                    c->dpaths = v;
                return fail(c, KC_ENOMEM, "out of memory");
            }
            c->dpaths = v;
            c->ndpaths++;
            c->nfiles++;
            return KC_OK;
        }
        char **v = kc__realloc(c->parts, (c->nparts + 1) * sizeof *v);
        if (!v)
            return fail(c, KC_ENOMEM, "out of memory");
        c->parts = v;
        if (!(v[c->nparts] = kc__strdup(path)))
            return fail(c, KC_ENOMEM, "out of memory");
        c->nparts++;
        return KC_OK;
    }
    kc__badpolicy bp = {c->o.on_bad ? on_bad_relay : NULL, c, &c->bad};
    kc__plays *got;
    size_t n;
    /* The bad-line callback runs after the reader threads, in this one. */
    int rc = kc__plays_load(path, nthreads_of(c), &bp, &got, &n, c->err, sizeof c->err);
    if (rc)
        return rc;
    kc__plays *v = kc__realloc(c->plays, (c->nplays + n) * sizeof *v);
    if (!v) {
        for (size_t i = 0; i < n; i++)
            kc__plays_free(&got[i]);
        free(got);
        return fail(c, KC_ENOMEM, "out of memory");
    }
    c->plays = v;
    memcpy(v + c->nplays, got, n * sizeof *got);
    c->nplays += n;
    c->nfiles++;
    free(got);
    return KC_OK;
}

/* ---- top-N heaps ------------------------------------------------------- */

/* a ranks above b: higher score, then smaller track id. */
static inline bool above(const cand *a, const cand *b)
{
    return a->score > b->score || (a->score == b->score && a->track < b->track);
}

/* Offers x to the heap *hp of at most top candidates (the lowest-ranked at
 * the root). Returns -1 when out of memory. */
static int offer(heap **hp, uint32_t top, cand x)
{
    heap *h = *hp;
    if (!h) {
        if (!(h = *hp = kc__malloc(sizeof *h + top * sizeof(cand))))
            return -1;
        h->n = 0;
    }
    if (h->n < top) {
        uint32_t i = h->n++;
        while (i && above(&h->c[(i - 1) / 2], &x)) {
            h->c[i] = h->c[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        h->c[i] = x;
        return 0;
    }
    if (!above(&x, &h->c[0]))
        return 0;
    uint32_t i = 0;
    for (;;) {
        uint32_t l = 2 * i + 1, m = i;
        const cand *low = &x;
        if (l < h->n && above(low, &h->c[l]))
            m = l, low = &h->c[l];
        if (l + 1 < h->n && above(low, &h->c[l + 1]))
            m = l + 1;
        if (m == i)
            break;
        h->c[i] = h->c[m];
        i = m;
    }
    h->c[i] = x;
    return 0;
}

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    return above(x, y) ? -1 : above(y, x) ? 1 : 0;
}

static double score_of(const kc_rules *r, uint64_t premium, uint64_t free_)
{
    double a = (double)premium * r->w_premium;
    double b = (double)free_ * r->w_free;
    return a + b;
}

/* Merges each chart period's heaps (nh per chart period, heaps[k * ncp +
 * cp]) into the ranked rows. */
static int rank_all(kc_compile *c, heap **heaps, size_t nh, size_t ncp)
{
    size_t cap = 0;
    for (size_t cp = 0; cp < ncp; cp++) {
        size_t n = 0;
        for (size_t k = 0; k < nh; k++)
            n += heaps[k * ncp + cp] ? heaps[k * ncp + cp]->n : 0;
        if (!n)
            continue;
        cand *v = kc__malloc(n * sizeof *v);
        if (!v)
            return fail(c, KC_ENOMEM, "out of memory");
        n = 0;
        for (size_t k = 0; k < nh; k++) {
            heap *h = heaps[k * ncp + cp];
            if (h)
                memcpy(v + n, h->c, h->n * sizeof *v), n += h->n;
        }
        qsort(v, n, sizeof *v, cmp_cand);
        if (n > c->r.top)
            n = c->r.top;
        if (c->nrows + n > cap) {
            size_t nc = cap ? cap * 2 : 1024;
            while (nc < c->nrows + n)
                nc *= 2;
            row *nr = kc__realloc(c->rows, nc * sizeof *nr);
            if (!nr) {
                free(v);
                return fail(c, KC_ENOMEM, "out of memory");
            }
            c->rows = nr;
            cap = nc;
        }
        for (size_t i = 0; i < n; i++)
            c->rows[c->nrows++] =
                (row){(uint32_t)(cp / c->nper), (uint32_t)(cp % c->nper), (uint32_t)i + 1,
                      c->track_ids->ids[v[i].track], v[i].score};
        c->st.charts++;
        free(v);
    }
    c->st.rows = c->nrows;
    return KC_OK;
}

/* ---- plays mode: scatter and count on every core ----------------------- */

/* What the threads share. */
typedef struct {
    kc_compile *c;
    uint32_t nparts, pbits;       /* partitions: 2^pbits */
    uint32_t ubits, cbits, tbits; /* entry layout (see entry) */
    uint32_t ncp;
    /* per source: user and track remaps (NULL: identity), chart of each
     * (region, platform) pair */
    uint32_t **umap, **tmap, **chart_of;
    size_t umap_users; /* users in all files, when several */
    int64_t qmin;
    uint32_t *qper;        /* period (relative) of each quarter hour from qmin */
    uint64_t *chunk_first; /* per source: the first global chunk number */
    uint64_t nchunks;
    atomic_uint_fast64_t next_chunk;
    atomic_uint_fast32_t next_part;
    atomic_int stop;
    int nthreads;
    worker *w;
} shared;

struct kc__worker {
    shared *sh;
    int id;
    block **head;  /* per partition: this thread's blocks */
    arena *arenas; /* where they are */
    uint64_t plays, counted;
    heap **heaps; /* per chart period */
    total *totals;
    size_t ntotals, totcap;
    int rc;
};

static void thread_fail(worker *w, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void thread_fail(worker *w, int rc, const char *fmt, ...)
{
    kc_compile *c = w->sh->c;
    pthread_mutex_lock(&c->lock);
    if (!atomic_exchange(&w->sh->stop, 1)) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err, sizeof c->err, fmt, ap);
        va_end(ap);
    }
    pthread_mutex_unlock(&c->lock);
    w->rc = rc;
}

static int scatter(worker *w)
{
    shared *sh = w->sh;
    kc_compile *c = sh->c;
    const uint32_t min_ms = c->r.min_ms, nper = c->nper, pbits = sh->pbits;
    const uint32_t pmask = sh->nparts - 1, cshift = 1 + sh->ubits;
    const uint32_t tshift = 1 + sh->ubits + sh->cbits;
    kc__play *buf = kc__malloc(READ_CHUNK * sizeof *buf);
    /* Per partition: the current block, where the next entry goes and how
     * many more it takes; kept apart from the blocks so that they stay in
     * the L1 cache. A block's count is set when it is left. */
    block **cur = kc__calloc(sh->nparts, sizeof *cur);
    entry **wp = kc__calloc(sh->nparts, sizeof *wp);
    uint32_t *room = kc__calloc(sh->nparts, sizeof *room);
    if (!buf || !cur || !wp || !room) {
        free(buf);
        free(cur);
        free(wp);
        free(room);
        thread_fail(w, KC_ENOMEM, "out of memory");
        return KC_ENOMEM;
    }
    size_t s = 0;
    for (;;) {
        uint64_t k = atomic_fetch_add(&sh->next_chunk, 1);
        if (k >= sh->nchunks || atomic_load(&sh->stop))
            break;
        while (s + 1 < c->nplays && sh->chunk_first[s + 1] <= k)
            s++;
        while (s > 0 && sh->chunk_first[s] > k)
            s--;
        const kc__plays *p = &c->plays[s];
        uint64_t first = (k - sh->chunk_first[s]) * READ_CHUNK;
        size_t n = p->n - first < READ_CHUNK ? (size_t)(p->n - first) : READ_CHUNK;
        const kc__play *rec;
        char err[KC_ERRMSG_MAX];
        int rc = kc__plays_read(p, first, n, buf, &rec, err, sizeof err);
        if (rc) {
            thread_fail(w, rc, "%s", err);
            break;
        }
        const uint32_t *umap = sh->umap[s], *tmap = sh->tmap[s],
                       *chart_of = sh->chart_of[s];
        const uint32_t nu = (uint32_t)p->users.n, nt = (uint32_t)p->tracks.n;
        const uint32_t nr = (uint32_t)p->regions.n, np = (uint32_t)p->platforms.n;
        const int64_t tmin = p->ts_min, tmax = p->ts_max;
        uint64_t counted = 0;
        for (size_t i = 0; i < n; i++) {
            const kc__play *e = &rec[i];
            if (__builtin_expect((e->user >= nu) | (e->track >= nt) | (e->region >= nr) |
                                     (e->platform >= np) | (e->tier > 1) |
                                     (e->ts < tmin) | (e->ts > tmax),
                                 0)) {
                const char *why =
                    e->user >= nu       ? "user index beyond the users dictionary"
                    : e->track >= nt    ? "track index beyond the tracks dictionary"
                    : e->region >= nr   ? "region index beyond the regions"
                    : e->platform >= np ? "platform index beyond the platforms"
                    : e->tier > 1       ? "tier is neither 0 nor 1"
                                        : "ts outside the header's time range";
                thread_fail(w, KC_EINPUT, "%s: byte %llu: play %llu is corrupt: %s",
                            p->path,
                            (unsigned long long)(p->offset + (first + i) * sizeof *e),
                            (unsigned long long)(first + i + 1), why);
                break;
            }
            if (e->ms < min_ms)
                continue;
            counted++;
            uint32_t u = umap ? umap[e->user] : e->user;
            uint32_t t = tmap ? tmap[e->track] : e->track;
            uint32_t chart = chart_of[(uint32_t)e->region * np + e->platform];
            uint32_t cp = chart * nper + sh->qper[e->ts / MS_QUARTER - sh->qmin];
            uint32_t part = (t + cp * SPREAD) & pmask;
            if (__builtin_expect(!room[part], 0)) {
                block *nb = block_new(&w->arenas);
                if (!nb) {
                    thread_fail(w, KC_ENOMEM, "out of memory");
                    break;
                }
                if (cur[part])
                    cur[part]->n = BLOCK_ENTRIES;
                nb->next = w->head[part];
                w->head[part] = cur[part] = nb;
                wp[part] = nb->e;
                room[part] = BLOCK_ENTRIES;
            }
            *wp[part]++ = (uint64_t)(t >> pbits) << tshift | (uint64_t)cp << cshift |
                          (uint64_t)u << 1 | e->tier;
            room[part]--;
        }
        w->plays += n;
        w->counted += counted;
        if (w->rc)
            break;
    }
    for (uint32_t part = 0; part < sh->nparts; part++)
        if (cur[part])
            cur[part]->n = BLOCK_ENTRIES - room[part];
    free(buf);
    free(cur);
    free(wp);
    free(room);
    return w->rc;
}

/* A thread's working memory for counting, reused from partition to
 * partition. */
typedef struct {
    entry *a, *b; /* a partition's entries, and room to sort them */
    uint16_t *sub;
    size_t cap;
} scratch;

static int add_total(worker *w, uint32_t cp, uint32_t track, uint64_t premium,
                     uint64_t free_)
{
    if (w->ntotals == w->totcap) {
        size_t nc = w->totcap ? w->totcap * 2 : 4096;
        total *v = kc__realloc(w->totals, nc * sizeof *v);
        if (!v)
            return -1;
        w->totals = v;
        w->totcap = nc;
    }
    w->totals[w->ntotals++] = (total){cp, track, premium, free_};
    return 0;
}

#define DIGIT_BITS 11

/* Sorts a[0..n) by bits [1, 1 + bits) (the tier bit does not matter),
 * least significant digit first, with b as room; returns where the sorted
 * entries are (a or b). A digit that is the same in every entry is
 * skipped. */
static entry *radix_sort(entry *a, entry *b, size_t n, uint32_t bits)
{
    uint32_t count[1u << DIGIT_BITS];
    for (uint32_t shift = 1; shift < 1 + bits; shift += DIGIT_BITS) {
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++)
            count[(a[i] >> shift) & ((1u << DIGIT_BITS) - 1)]++;
        if (count[(a[0] >> shift) & ((1u << DIGIT_BITS) - 1)] == n)
            continue; /* one value of this digit */
        uint32_t sum = 0;
        for (size_t d = 0; d < (1u << DIGIT_BITS); d++) {
            uint32_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            b[count[(a[i] >> shift) & ((1u << DIGIT_BITS) - 1)]++] = a[i];
        entry *t = a;
        a = b;
        b = t;
    }
    return a;
}

/* Counts the sorted entries e[0..n) of partition `part`, which hold every
 * play of their (track, chart period) pairs: runs of one pair, within them
 * runs of one user; each user's plays capped, summed per pair, and the sums
 * offered to the heaps. */
static int count_sorted(worker *w, uint32_t part, const entry *e, size_t n)
{
    const shared *sh = w->sh;
    kc_compile *c = sh->c;
    const kc_rules *r = &c->r;
    const uint32_t cap = r->cap, top = r->top;
    const int first = r->w_premium >= r->w_free ? 1 : 0; /* the tier counted first */
    const uint32_t pairshift = 1 + sh->ubits, pmask = sh->nparts - 1;
    const uint64_t cmask = (1ULL << sh->cbits) - 1;
    size_t i = 0;
    while (i < n) {
        const uint64_t pair = e[i] >> pairshift;
        uint64_t sum[2] = {0, 0};
        while (i < n && e[i] >> pairshift == pair) {
            const uint64_t user = e[i] >> 1;
            uint32_t k[2] = {0, 0};
            for (; i < n && e[i] >> 1 == user; i++)
                k[e[i] & 1]++;
            uint32_t a = k[first], b = k[!first];
            if (cap) {
                a = a < cap ? a : cap;
                b = b < cap - a ? b : cap - a;
            }
            sum[first] += a;
            sum[!first] += b;
        }
        const uint32_t cp = (uint32_t)(pair & cmask);
        const uint32_t t =
            (uint32_t)(pair >> sh->cbits << sh->pbits) | ((part - cp * SPREAD) & pmask);
        cand x = {score_of(r, sum[1], sum[0]), t};
        heap *hp = w->heaps[cp];
        if ((!hp || hp->n < top || above(&x, &hp->c[0])) && offer(&w->heaps[cp], top, x))
            return -1;
        if (c->keep_totals && add_total(w, cp, t, sum[1], sum[0]))
            return -1;
    }
    return 0;
}

#define SUB_TARGET 16384 /* entries sorted at once at most */

/* Counts the partitions: each is gathered from the threads' blocks, split
 * again by a hash of (track, chart period) when large, into pieces sorted
 * in the core's cache, and counted in order. */
static int count(worker *w)
{
    shared *sh = w->sh;
    scratch sc = {0};
    size_t hist[(1u << 12) + 1];
    const uint32_t bits = sh->ubits + sh->cbits + sh->tbits;
    const uint32_t pairshift = 1 + sh->ubits;
    for (;;) {
        uint32_t part = atomic_fetch_add(&sh->next_part, 1);
        if (part >= sh->nparts || atomic_load(&sh->stop))
            break;
        size_t n = 0;
        for (int k = 0; k < sh->nthreads; k++)
            for (block *b = sh->w[k].head[part]; b; b = b->next)
                n += b->n;
        if (!n)
            continue;
        if (n > sc.cap) {
            free(sc.a);
            free(sc.b);
            free(sc.sub);
            sc.a = kc__malloc(n * sizeof *sc.a);
            sc.b = kc__malloc(n * sizeof *sc.b);
            sc.sub = kc__malloc(n * sizeof *sc.sub);
            sc.cap = n;
            if (!sc.a || !sc.b || !sc.sub) {
                sc.cap = 0;
                thread_fail(w, KC_ENOMEM, "out of memory");
                break;
            }
        }
        uint32_t subbits = 0;
        while (subbits < 12 && ((size_t)SUB_TARGET << subbits) < n)
            subbits++;
        const uint32_t nsub = 1u << subbits;
        memset(hist, 0, (nsub + 1) * sizeof *hist);
        if (subbits) {
            /* A first split by a hash of the pair, so that the pieces
             * sort in the cache. */
            const uint32_t subshift = 64 - subbits;
            size_t i = 0;
            for (int k = 0; k < sh->nthreads; k++)
                for (block *b = sh->w[k].head[part]; b; b = b->next)
                    for (uint32_t j = 0; j < b->n; j++, i++) {
                        uint32_t s =
                            (uint32_t)(kc__mix64(b->e[j] >> pairshift) >> subshift);
                        sc.sub[i] = (uint16_t)s;
                        hist[s + 1]++;
                    }
            for (uint32_t s = 1; s <= nsub; s++)
                hist[s] += hist[s - 1];
            i = 0;
            for (int k = 0; k < sh->nthreads; k++)
                for (block *b = sh->w[k].head[part]; b; b = b->next)
                    for (uint32_t j = 0; j < b->n; j++, i++)
                        sc.a[hist[sc.sub[i]]++] = b->e[j];
        } else {
            size_t i = 0;
            for (int k = 0; k < sh->nthreads; k++)
                for (block *b = sh->w[k].head[part]; b; b = b->next) {
                    memcpy(sc.a + i, b->e, b->n * sizeof *b->e);
                    i += b->n;
                }
            hist[0] = n;
        }
        for (int k = 0; k < sh->nthreads; k++)
            sh->w[k].head[part] = NULL;
        /* hist[s] is now the end of piece s. */
        size_t start = 0;
        for (uint32_t s = 0; s < nsub; s++) {
            size_t len = hist[s] - start;
            if (len &&
                count_sorted(w, part, radix_sort(sc.a + start, sc.b + start, len, bits),
                             len)) {
                thread_fail(w, KC_ENOMEM, "out of memory");
                break;
            }
            start = hist[s];
        }
        if (w->rc)
            break;
    }
    free(sc.a);
    free(sc.b);
    free(sc.sub);
    return w->rc;
}

static void *scatter_thread(void *arg)
{
    scatter(arg);
    return NULL;
}

static void *count_thread(void *arg)
{
    count(arg);
    return NULL;
}

/* Runs fn on every worker, worker 0 in this thread. Work is handed out by
 * atomic counters, so a thread that cannot be started only means fewer
 * hands. */
static void on_all(shared *sh, void *(*fn)(void *))
{
    pthread_t tid[THREADS_MAX];
    bool started[THREADS_MAX] = {false};
    for (int t = 1; t < sh->nthreads; t++)
        started[t] = pthread_create(&tid[t], NULL, fn, &sh->w[t]) == 0;
    fn(&sh->w[0]);
    for (int t = 1; t < sh->nthreads; t++)
        if (started[t])
            pthread_join(tid[t], NULL);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void chart_name(const kc_rules *r, const char *region, const char *platform,
                       char out[CHART_NAME_MAX])
{
    switch (r->group & 3) {
    case KC_GROUP_PLATFORM | KC_GROUP_REGION:
        snprintf(out, CHART_NAME_MAX, "%s-%s", platform, region);
        break;
    case KC_GROUP_REGION:
        snprintf(out, CHART_NAME_MAX, "%s", region);
        break;
    case KC_GROUP_PLATFORM:
        snprintf(out, CHART_NAME_MAX, "%s", platform);
        break;
    default:
        snprintf(out, CHART_NAME_MAX, "all");
    }
}

static int find_chart(const kc_compile *c, const char *name)
{
    char(*hit)[CHART_NAME_MAX] =
        bsearch(name, c->charts, c->ncharts, sizeof *c->charts, cmp_name);
    return hit ? (int)(hit - c->charts) : -1;
}

/* Collects the sorted, distinct chart names; names(k, out) gives the k-th
 * of n candidates. */
static int set_charts(kc_compile *c, char (*names)[CHART_NAME_MAX], size_t n)
{
    qsort(names, n, sizeof *names, cmp_name);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || strcmp(names[i], names[m - 1]))
            memmove(names[m++], names[i], CHART_NAME_MAX);
    c->charts = names;
    c->ncharts = m;
    return KC_OK;
}

/* Merges the sorted dictionaries (users: k 0, tracks: 1) of every source
 * into one, and maps each source's indexes into it. The tracks' is kept;
 * *merged gets the size. */
static int merge_dicts(kc_compile *c, uint32_t **map, int k, size_t *merged)
{
    for (size_t s = 0; s < c->nplays && !k; s++) {
        int rc = kc__plays_users(&c->plays[s], c->err, sizeof c->err);
        if (rc)
            return rc;
    }
    const kc__dict **d = kc__malloc(c->nplays * sizeof *d);
    kc__dict all = {0};
    if (!d)
        return fail(c, KC_ENOMEM, "out of memory");
    for (size_t s = 0; s < c->nplays; s++)
        d[s] = k ? &c->plays[s].tracks : &c->plays[s].users;
    int r = kc__dicts_merge(d, c->nplays, &all, map);
    free(d);
    if (r)
        return r == -2 ? fail(c, KC_ETOOBIG, "more than 4294967294 distinct %s",
                              k ? "tracks" : "users")
                       : fail(c, KC_ENOMEM, "out of memory");
    *merged = all.n;
    if (k)
        c->tracks = all;
    else
        kc__dict_free(&all);
    return KC_OK;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_plays(kc_compile *c, int nthreads)
{
    double tstart = now();
    kc_rules *r = &c->r;
    shared sh = {.c = c};
    int rc = KC_OK;
    size_t ns = c->nplays;
    sh.umap = kc__calloc(ns, sizeof *sh.umap);
    sh.tmap = kc__calloc(ns, sizeof *sh.tmap);
    sh.chart_of = kc__calloc(ns, sizeof *sh.chart_of);
    sh.chunk_first = kc__calloc(ns + 1, sizeof *sh.chunk_first);
    if (!sh.umap || !sh.tmap || !sh.chart_of || !sh.chunk_first) {
        rc = fail(c, KC_ENOMEM, "out of memory");
        goto out;
    }
    /* Global dictionaries: one file's are used as they are; several files'
     * are merged, and their indexes remapped. */
    c->track_ids = &c->plays[0].tracks;
    if (ns > 1) {
        c->track_ids = &c->tracks;
        size_t ntracks;
        for (int k = 0; k < 2 && !rc; k++)
            rc = merge_dicts(c, k ? sh.tmap : sh.umap, k, k ? &ntracks : &sh.umap_users);
    }
    if (rc)
        goto out;
    /* Charts: every (region, platform) pair of every file, named by the
     * grouping, sorted. */
    size_t npairs = 0;
    for (size_t s = 0; s < ns; s++)
        npairs += c->plays[s].regions.n * c->plays[s].platforms.n;
    char(*names)[CHART_NAME_MAX] = kc__malloc((npairs + 1) * sizeof *names);
    if (!names) {
        rc = fail(c, KC_ENOMEM, "out of memory");
        goto out;
    }
    size_t k = 0;
    for (size_t s = 0; s < ns; s++) {
        const kc__plays *p = &c->plays[s];
        for (size_t i = 0; i < p->regions.n; i++)
            for (size_t j = 0; j < p->platforms.n; j++)
                chart_name(r, p->regions.code[i], p->platforms.code[j], names[k++]);
    }
    set_charts(c, names, k);
    for (size_t s = 0; s < ns && !rc; s++) {
        const kc__plays *p = &c->plays[s];
        sh.chart_of[s] =
            kc__malloc((p->regions.n * p->platforms.n + 1) * sizeof(uint32_t));
        if (!sh.chart_of[s]) {
            rc = fail(c, KC_ENOMEM, "out of memory");
            break;
        }
        for (size_t i = 0; i < p->regions.n; i++)
            for (size_t j = 0; j < p->platforms.n; j++) {
                char name[CHART_NAME_MAX];
                chart_name(r, p->regions.code[i], p->platforms.code[j], name);
                sh.chart_of[s][i * p->platforms.n + j] = (uint32_t)find_chart(c, name);
            }
    }
    if (rc)
        goto out;
    /* Periods: the period of every quarter hour the plays span. */
    int64_t tmin = INT64_MAX, tmax = INT64_MIN;
    uint64_t total_plays = 0;
    for (size_t s = 0; s < ns; s++) {
        const kc__plays *p = &c->plays[s];
        sh.chunk_first[s] = sh.nchunks;
        sh.nchunks += (p->n + READ_CHUNK - 1) / READ_CHUNK;
        total_plays += p->n;
        if (p->n) {
            tmin = p->ts_min < tmin ? p->ts_min : tmin;
            tmax = p->ts_max > tmax ? p->ts_max : tmax;
        }
    }
    sh.chunk_first[ns] = sh.nchunks;
    if (!total_plays)
        goto out; /* nothing to count: no charts */
    sh.qmin = tmin / MS_QUARTER;
    size_t nq = (size_t)(tmax / MS_QUARTER - sh.qmin + 1);
    int32_t *off = kc__malloc(nq * sizeof *off);
    sh.qper = kc__malloc(nq * sizeof *sh.qper);
    if (!off || !sh.qper) {
        free(off);
        rc = fail(c, KC_ENOMEM, "out of memory");
        goto out;
    }
    kc__tz_offsets(r->time_zone, sh.qmin * (MS_QUARTER / 1000), MS_QUARTER / 1000, nq,
                   off);
    c->pmin = period_of(r, sh.qmin * MS_QUARTER + off[0] * 1000LL);
    int64_t pmax = c->pmin;
    for (size_t q = 0; q < nq; q++) {
        int64_t p =
            period_of(r, ((int64_t)sh.qmin + (int64_t)q) * MS_QUARTER + off[q] * 1000LL);
        pmax = p > pmax ? p : pmax;
        sh.qper[q] = (uint32_t)(p - c->pmin);
    }
    free(off);
    if ((uint64_t)(pmax - c->pmin + 1) * c->ncharts > CP_MAX) {
        rc = fail(c, KC_ETOOBIG,
                  "%zu charts over %lld periods: more than %u chart periods in one "
                  "compile; compile fewer periods at a time",
                  c->ncharts, (long long)(pmax - c->pmin + 1), CP_MAX);
        goto out;
    }
    c->nper = (uint32_t)(pmax - c->pmin + 1);
    sh.ncp = (uint32_t)c->ncharts * c->nper;
    /* Partitions: enough for each to count in a core's cache. */
    uint32_t bits = 1;
    while (bits < PART_BITS_MAX && ((uint64_t)PART_TARGET << bits) < total_plays)
        bits++;
    sh.nparts = 1u << bits;
    sh.pbits = bits;
    /* The entry layout: bits for chart periods, tracks (less those the
     * partition implies) and users; 62 at most, with the tier and a mark. */
    uint32_t ubits = 0, tbits = 0;
    size_t nusers = 0;
    for (size_t s = 0; s < ns; s++)
        nusers = c->plays[s].users.n > nusers ? c->plays[s].users.n : nusers;
    if (sh.umap_users)
        nusers = sh.umap_users;
    while (ubits < 32 && (1ULL << ubits) < nusers)
        ubits++;
    sh.ubits = ubits;
    while (tbits < 32 && (1ULL << tbits) < c->track_ids->n)
        tbits++;
    while (sh.cbits < 32 && (1ULL << sh.cbits) < sh.ncp)
        sh.cbits++;
    sh.tbits = tbits > bits ? tbits - bits : 0;
    if (ubits + sh.tbits + sh.cbits > 62) {
        rc =
            fail(c, KC_ETOOBIG,
                 "too many users, tracks and chart periods for one compile (%u + %u + %u "
                 "bits); compile disjoint sets of users with --partial and --merge them",
                 ubits, sh.tbits, sh.cbits);
        goto out;
    }
    sh.nthreads = nthreads;
    sh.w = kc__calloc((size_t)nthreads, sizeof *sh.w);
    if (!sh.w) {
        rc = fail(c, KC_ENOMEM, "out of memory");
        goto out;
    }
    for (int t = 0; t < nthreads && !rc; t++) {
        sh.w[t] = (worker){.sh = &sh, .id = t};
        sh.w[t].head = kc__calloc(sh.nparts + 1, sizeof *sh.w[t].head);
        sh.w[t].heaps = kc__calloc(sh.ncp, sizeof *sh.w[t].heaps);
        if (!sh.w[t].head || !sh.w[t].heaps)
            rc = fail(c, KC_ENOMEM, "out of memory");
    }
    double t0 = now();
    if (!rc)
        on_all(&sh, scatter_thread);
    double t1 = now();
    if (!rc && !atomic_load(&sh.stop))
        on_all(&sh, count_thread);
    if (getenv("KCHART_TRACE"))
        fprintf(stderr,
                "kchart: compile: %u partitions, setup %.3f s, scatter %.3f s, count "
                "%.3f s\n",
                sh.nparts, t0 - tstart, t1 - t0, now() - t1);
    for (int t = 0; t < nthreads && !rc; t++)
        if (sh.w[t].rc)
            rc = sh.w[t].rc; /* the message is on c already */
    if (!rc) {
        for (int t = 0; t < nthreads; t++) {
            c->st.plays += sh.w[t].plays;
            c->st.counted += sh.w[t].counted;
        }
        /* heaps[k * ncp + cp] */
        heap **all = kc__malloc((size_t)nthreads * sh.ncp * sizeof *all);
        if (!all) {
            rc = fail(c, KC_ENOMEM, "out of memory");
        } else {
            for (int t = 0; t < nthreads; t++)
                memcpy(all + (size_t)t * sh.ncp, sh.w[t].heaps, sh.ncp * sizeof *all);
            rc = rank_all(c, all, (size_t)nthreads, sh.ncp);
            free(all);
        }
    }
    if (!rc && c->keep_totals) {
        size_t n = 0;
        for (int t = 0; t < nthreads; t++)
            n += sh.w[t].ntotals;
        c->totals = kc__malloc((n + 1) * sizeof *c->totals);
        if (!c->totals)
            rc = fail(c, KC_ENOMEM, "out of memory");
        for (int t = 0; t < nthreads && !rc; t++) {
            if (!sh.w[t].ntotals)
                continue; /* a thread that got no partition has no array */
            memcpy(c->totals + c->ntotals, sh.w[t].totals,
                   sh.w[t].ntotals * sizeof *c->totals);
            c->ntotals += sh.w[t].ntotals;
        }
    }
out:
    if (sh.w) {
        for (int t = 0; t < nthreads; t++) {
            worker *w = &sh.w[t];
            arenas_free(w->arenas);
            free(w->head);
            for (uint32_t cp = 0; w->heaps && cp < sh.ncp; cp++)
                free(w->heaps[cp]);
            free(w->heaps);
            free(w->totals);
        }
        free(sh.w);
    }
    for (size_t s = 0; s < ns; s++) {
        if (sh.umap)
            free(sh.umap[s]);
        if (sh.tmap)
            free(sh.tmap[s]);
        if (sh.chart_of)
            free(sh.chart_of[s]);
    }
    free(sh.umap);
    free(sh.tmap);
    free(sh.chart_of);
    free(sh.chunk_first);
    free(sh.qper);
    return rc;
}

/* ---- merge mode: partial counts in ------------------------------------- */

/* A (chart, period, track) sum read from partial files. */
typedef struct {
    uint32_t chart1; /* chart (in order of first sight) + 1; 0 = empty */
    uint32_t track;
    int64_t period;
    uint64_t n[2];
} msum;

typedef struct {
    msum *v;
    size_t cap, n;
} mtable;

static int mtable_add(mtable *t, uint32_t chart, int64_t period, uint32_t track,
                      const uint64_t n[2])
{
    if (t->n + 1 > t->cap / 2) {
        size_t nc = t->cap ? t->cap * 2 : 4096;
        msum *v = kc__calloc(nc, sizeof *v);
        if (!v)
            return -1;
        for (size_t i = 0; i < t->cap; i++) {
            if (!t->v[i].chart1)
                continue;
            const msum *x = &t->v[i];
            size_t h = kc__mix64((uint64_t)x->track << 32 ^
                                 (uint64_t)x->period * 0x9E3779B1u ^ x->chart1) &
                       (nc - 1);
            while (v[h].chart1)
                h = (h + 1) & (nc - 1);
            v[h] = *x;
        }
        free(t->v);
        t->v = v;
        t->cap = nc;
    }
    size_t h =
        kc__mix64((uint64_t)track << 32 ^ (uint64_t)period * 0x9E3779B1u ^ (chart + 1)) &
        (t->cap - 1);
    for (;; h = (h + 1) & (t->cap - 1)) {
        msum *x = &t->v[h];
        if (!x->chart1) {
            *x = (msum){chart + 1, track, period, {0, 0}};
            t->n++;
        } else if (x->chart1 != chart + 1 || x->track != track || x->period != period) {
            continue;
        }
        if (x->n[0] > UINT64_MAX - n[0] || x->n[1] > UINT64_MAX - n[1])
            return -2;
        x->n[0] += n[0];
        x->n[1] += n[1];
        return 0;
    }
}

static bool chart_name_ok(const char *s, size_t n)
{
    if (n == 0 || n >= CHART_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.'))
            return false;
    }
    return true;
}

static int read_part(kc_compile *c, const char *path, mtable *t, kc__map *names,
                     char (**order)[CHART_NAME_MAX], size_t *norder)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return fail(c, KC_EIO, "%s: cannot open: %s", path, strerror(errno));
    char rules[512], line[512];
    counting_rules(&c->r, rules, sizeof rules);
    int rc = KC_OK;
    long lineno = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n')
            line[--n] = '\0';
        else if (!feof(f)) {
            rc = fail(c, KC_EINPUT, "%s:%ld:1: a line longer than %zu bytes", path,
                      lineno, sizeof line - 2);
            break;
        }
        if (lineno == 1) {
            size_t m = sizeof partial_magic - 1;
            if (n < m || memcmp(line, partial_magic, m))
                rc = fail(c, KC_EINPUT, "%s:1:1: not a partial-counts file", path);
            else if (strcmp(line + m, rules))
                rc = fail(
                    c, KC_EINPUT,
                    "%s:1:%zu: counted under other rules (%s) than this merge's (%s)",
                    path, m + 1, line + m, rules);
            continue;
        }
        if (lineno == 2) {
            if (strcmp(line, "chart,period,track_id,premium,free"))
                rc =
                    fail(c, KC_EINPUT,
                         "%s:2:1: expected the header chart,period,track_id,premium,free",
                         path);
            continue;
        }
        char *field[6];
        int nf = 0;
        for (char *p = line; nf < 6;) {
            field[nf++] = p;
            char *comma = strchr(p, ',');
            if (!comma)
                break;
            *comma = '\0';
            p = comma + 1;
        }
        int64_t period;
        uint64_t id, n2[2];
        int col = 0;
        const char *why = NULL;
        if (nf != 5)
            col = 1, why = "expected 5 fields";
        else if (!chart_name_ok(field[0], strlen(field[0])))
            col = 1, why = "a bad chart name";
        else if (!period_parse(&c->r, field[1], &period))
            col = (int)(field[1] - line) + 1, why = "a bad period for these rules";
        else if (!kc__parse_u64(field[2], strlen(field[2]), UINT64_MAX, &id))
            col = (int)(field[2] - line) + 1, why = "a bad track_id";
        else if (!kc__parse_u64(field[3], strlen(field[3]), UINT64_MAX, &n2[1]))
            col = (int)(field[3] - line) + 1, why = "a bad premium count";
        else if (!kc__parse_u64(field[4], strlen(field[4]), UINT64_MAX, &n2[0]))
            col = (int)(field[4] - line) + 1, why = "a bad free count";
        if (why) {
            rc = fail(c, KC_EINPUT, "%s:%ld:%d: %s", path, lineno, col, why);
            break;
        }
        bool created;
        void **slot = kc__map_get(names, field[0], strlen(field[0]), true, &created);
        int64_t track = kc__dict_put(&c->tracks, id);
        if (!slot || track < 0) {
            rc = fail(c, KC_ENOMEM, "out of memory");
            break;
        }
        if (created) {
            char(*v)[CHART_NAME_MAX] = kc__realloc(*order, (*norder + 1) * sizeof *v);
            if (!v) {
                rc = fail(c, KC_ENOMEM, "out of memory");
                break;
            }
            *order = v;
            snprintf(v[*norder], CHART_NAME_MAX, "%s", field[0]);
            *slot = (void *)(uintptr_t)++ * norder;
        }
        int r =
            mtable_add(t, (uint32_t)((uintptr_t)*slot - 1), period, (uint32_t)track, n2);
        if (r == -1)
            rc = fail(c, KC_ENOMEM, "out of memory");
        else if (r == -2)
            rc = fail(c, KC_EINPUT, "%s:%ld:1: counts overflow 64 bits", path, lineno);
    }
    if (!rc && ferror(f))
        rc = fail(c, KC_EIO, "%s: read error", path);
    if (!rc && lineno < 2)
        rc = fail(c, KC_EINPUT, "%s:%ld:1: the header is missing", path, lineno + 1);
    fclose(f);
    return rc;
}

/* Ranks the sums in t, whose charts are order[0..norder) (by index as
 * added), into c's rows. */
static int rank_sums(kc_compile *c, mtable *t, char (*order)[CHART_NAME_MAX],
                     size_t norder)
{
    uint32_t *remap = NULL;
    heap **heaps = NULL;
    int rc = KC_OK;
    c->track_ids = &c->tracks;
    if (!t->n)
        return KC_OK;
    /* Tracks in id order, so that index order is id order. */
    uint32_t *tmap = kc__malloc((c->tracks.n + 1) * sizeof *tmap);
    if (!tmap || kc__dict_sort(&c->tracks, tmap)) {
        free(tmap);
        return fail(c, KC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < t->cap; i++)
        if (t->v[i].chart1)
            t->v[i].track = tmap[t->v[i].track];
    free(tmap);
    /* Charts in name order; periods from the first to the last seen. */
    char(*sorted)[CHART_NAME_MAX] = kc__malloc(norder * sizeof *sorted);
    remap = kc__malloc(norder * sizeof *remap);
    if (!sorted || !remap) {
        free(sorted);
        free(remap);
        return fail(c, KC_ENOMEM, "out of memory");
    }
    memcpy(sorted, order, norder * sizeof *sorted);
    free(c->charts);
    set_charts(c, sorted, norder);
    for (size_t i = 0; i < norder; i++)
        remap[i] = (uint32_t)find_chart(c, order[i]);
    int64_t pmin = INT64_MAX, pmax = INT64_MIN;
    for (size_t i = 0; i < t->cap; i++)
        if (t->v[i].chart1) {
            pmin = t->v[i].period < pmin ? t->v[i].period : pmin;
            pmax = t->v[i].period > pmax ? t->v[i].period : pmax;
        }
    if ((uint64_t)(pmax - pmin + 1) * c->ncharts > CP_MAX) {
        rc = fail(c, KC_ETOOBIG, "more than %u chart periods in one merge", CP_MAX);
        goto out;
    }
    c->pmin = pmin;
    c->nper = (uint32_t)(pmax - pmin + 1);
    size_t ncp = c->ncharts * c->nper;
    heaps = kc__calloc(ncp, sizeof *heaps);
    if (!heaps ||
        (c->keep_totals && !(c->totals = kc__malloc(t->n * sizeof *c->totals)))) {
        rc = fail(c, KC_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < t->cap && !rc; i++) {
        const msum *x = &t->v[i];
        if (!x->chart1)
            continue;
        uint32_t cp = remap[x->chart1 - 1] * c->nper + (uint32_t)(x->period - pmin);
        cand k = {score_of(&c->r, x->n[1], x->n[0]), x->track};
        if (offer(&heaps[cp], c->r.top, k))
            rc = fail(c, KC_ENOMEM, "out of memory");
        if (c->keep_totals)
            c->totals[c->ntotals++] = (total){cp, x->track, x->n[1], x->n[0]};
    }
    if (!rc)
        rc = rank_all(c, heaps, 1, ncp);
    for (size_t i = 0; heaps && i < ncp; i++)
        free(heaps[i]);
out:
    free(heaps);
    free(remap);
    return rc;
}

static int run_parts(kc_compile *c)
{
    mtable t = {0};
    kc__map *names = kc__map_new();
    char(*order)[CHART_NAME_MAX] = NULL;
    size_t norder = 0;
    int rc = names ? KC_OK : fail(c, KC_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < c->nparts; i++)
        rc = read_part(c, c->parts[i], &t, names, &order, &norder);
    if (!rc)
        rc = rank_sums(c, &t, order, norder);
    free(order);
    free(t.v);
    kc__map_free(names, NULL);
    return rc;
}

/* ---- distributed: one rank of an MPI job -------------------------------- */

#ifdef KC_HAVE_MPI
#include <mpi.h>

int kc_compile_has_mpi(void)
{
    return 1;
}

/* A play on the wire, routed to the rank of its user (32 bytes). */
typedef struct {
    int64_t ts;
    uint64_t user, track;
    uint32_t ms;
    uint16_t region;  /* index into the job's sorted region codes */
    uint8_t platform; /* index into the job's sorted platform codes */
    uint8_t tier;
} wire_play;

/* A track's counts (to its rank) or its ranked score (to rank 0). */
typedef struct {
    uint32_t chart; /* index into the job's sorted chart names */
    int32_t period; /* absolute period number */
    uint64_t track;
    uint64_t n[2]; /* counted free, premium plays */
    double score;
} wire_sum;

#define WIRE_BATCH (1u << 20) /* records a rank sends in one exchange, at most */

/* The worst status of any rank (all ranks call it at the same point). When
 * another rank failed, this one says so. */
static int agree(kc_compile *c, int rc)
{
    int worst = rc;
    MPI_Allreduce(&rc, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (worst && !rc)
        fail(c, worst, "another rank failed (its own message says why)");
    return worst;
}

static uint32_t owner(uint64_t id, int size)
{
    return (uint32_t)(kc__mix64(id) % (uint64_t)size);
}

/* One all-to-all exchange of records of `size` bytes: out holds each
 * destination's records one after the other (counts in sendn); the records
 * received are appended to *in (grown). Counts bytes sent in *sent. */
static int exchange(const void *out, const int *sendn, size_t size, void **in,
                    size_t *nin, size_t *capin, uint64_t *sent)
{
    int nr;
    MPI_Comm_size(MPI_COMM_WORLD, &nr);
    int *recvn = kc__malloc((size_t)nr * sizeof *recvn),
        *sd = kc__malloc((size_t)nr * sizeof *sd);
    int *rd = kc__malloc((size_t)nr * sizeof *rd);
    int rc = recvn && sd && rd ? KC_OK : KC_ENOMEM;
    int bad = rc != KC_OK, anybad = 0;
    MPI_Allreduce(&bad, &anybad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (anybad)
        rc = KC_ENOMEM;
    /* Counts and displacements in records, not bytes: a round's total
     * stays far from INT_MAX whatever the number of ranks. */
    MPI_Datatype rec;
    MPI_Type_contiguous((int)size, MPI_BYTE, &rec);
    MPI_Type_commit(&rec);
    if (!rc) {
        MPI_Alltoall(sendn, 1, MPI_INT, recvn, 1, MPI_INT, MPI_COMM_WORLD);
        size_t ntot_ = 0;
        for (int k = 0; k < nr; k++) {
            sd[k] = k ? sd[k - 1] + sendn[k - 1] : 0;
            rd[k] = k ? rd[k - 1] + recvn[k - 1] : 0;
            ntot_ += (size_t)recvn[k];
            *sent += (uint64_t)sendn[k] * size;
        }
        if (*nin + ntot_ > *capin) {
            size_t nc = *capin ? *capin : 1024;
            while (nc < *nin + ntot_)
                nc *= 2;
            void *v = kc__realloc(*in, nc * size);
            if (v) {
                *in = v;
                *capin = nc;
            }
            bad = v == NULL;
        }
        MPI_Allreduce(&bad, &anybad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        if (anybad) {
            rc = KC_ENOMEM;
        } else {
            MPI_Alltoallv(out, sendn, sd, rec, (char *)*in + *nin * size, recvn, rd, rec,
                          MPI_COMM_WORLD);
            *nin += ntot_;
        }
    }
    MPI_Type_free(&rec);
    free(recvn);
    free(sd);
    free(rd);
    return rc;
}

/* Every rank's codes (NUL-terminated, one after the other in buf[0..len)),
 * gathered, sorted and made distinct, into *codes. */
static int gather_codes(const char *buf, int len, kc__codes *codes)
{
    int nr;
    MPI_Comm_size(MPI_COMM_WORLD, &nr);
    int *lens = kc__malloc((size_t)nr * sizeof *lens),
        *displ = kc__malloc((size_t)nr * sizeof *displ);
    if (!lens || !displ) {
        free(lens);
        free(displ);
        return KC_ENOMEM;
    }
    MPI_Allgather(&len, 1, MPI_INT, lens, 1, MPI_INT, MPI_COMM_WORLD);
    int ntot_ = 0;
    for (int k = 0; k < nr; k++) {
        displ[k] = ntot_;
        ntot_ += lens[k];
    }
    char *all = kc__malloc((size_t)ntot_ + 1);
    if (all)
        MPI_Allgatherv(buf, len, MPI_CHAR, all, lens, displ, MPI_CHAR, MPI_COMM_WORLD);
    free(lens);
    free(displ);
    if (!all)
        return KC_ENOMEM;
    size_t n = 0;
    for (int i = 0; i < ntot_; i += (int)strlen(all + i) + 1)
        n++;
    char(*v)[KC_CODE_MAX + 1] = kc__malloc((n + 1) * sizeof *v);
    if (!v) {
        free(all);
        return KC_ENOMEM;
    }
    n = 0;
    for (int i = 0; i < ntot_; i += (int)strlen(all + i) + 1)
        snprintf(v[n++], sizeof *v, "%s", all + i);
    free(all);
    qsort(v, n, sizeof *v, cmp_name);
    int rc = KC_OK;
    for (size_t i = 0; i < n && !rc; i++)
        if ((i == 0 || strcmp(v[i], v[i - 1])) &&
            kc__codes_put(codes, v[i], strlen(v[i])) < 0)
            rc = KC_ENOMEM;
    free(v);
    return rc;
}

/* A rank's share of the inputs: a binary file is split by records among the
 * ranks; a CSV file goes whole to one rank (file i to rank i mod ranks). */
typedef struct {
    kc__plays *p;
    uint64_t first, n;
} share;

static int cmp_wire_sum(const void *a, const void *b)
{
    const wire_sum *x = a, *y = b;
    if (x->chart != y->chart)
        return x->chart < y->chart ? -1 : 1;
    if (x->period != y->period)
        return x->period < y->period ? -1 : 1;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->track < y->track ? -1 : x->track > y->track;
}

static int run_distributed(kc_compile *c, int nthreads)
{
    int rank, nr;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &nr);
    const kc_rules *r = &c->r;
    int rc = KC_OK;
    double t0 = now();
    /* 1. This rank's share of the plays. */
    kc__plays *loaded = NULL;
    size_t nloaded = 0;
    share *sh = NULL;
    size_t nsh = 0;
    kc__badpolicy bp = {c->o.on_bad ? on_bad_relay : NULL, c, &c->bad};
    for (size_t i = 0; i < c->ndpaths && !rc; i++) {
        FILE *f = fopen(c->dpaths[i], "rb");
        char magic[8] = "";
        bool binary =
            f && fread(magic, 1, 8, f) == 8 && !memcmp(magic, KC_PLAYS_MAGIC, 8);
        if (f)
            fclose(f);
        if (!binary && i % (size_t)nr != (size_t)rank)
            continue;
        kc__plays *got;
        size_t n;
        if ((rc = kc__plays_load(c->dpaths[i], nthreads, &bp, &got, &n, c->err,
                                 sizeof c->err)))
            break;
        kc__plays *v = kc__realloc(loaded, (nloaded + n) * sizeof *v);
        share *w = kc__realloc(sh, (nsh + n) * sizeof *w);
        if (v)
            loaded = v;
        if (w)
            sh = w;
        if (!v || !w) {
            for (size_t k = 0; k < n; k++)
                kc__plays_free(&got[k]);
            free(got);
            rc = fail(c, KC_ENOMEM, "out of memory");
            break;
        }
        memcpy(loaded + nloaded, got, n * sizeof *got);
        free(got);
        for (size_t k = 0; k < n; k++) {
            kc__plays *p = &loaded[nloaded + k];
            uint64_t first = binary ? p->n * (uint64_t)rank / (uint64_t)nr : 0;
            uint64_t last = binary ? p->n * (uint64_t)(rank + 1) / (uint64_t)nr : p->n;
            sh[nsh++] = (share){NULL, first, last - first};
        }
        nloaded += n;
    }
    for (size_t k = 0; k < nsh; k++)
        sh[k].p = &loaded[k];
    rc = agree(c, rc);
    /* 2. The job's codes, in one order on every rank: regions, platforms,
     * and the chart names they make. */
    kc__plays mine = {.fd = -1};
    char *codebuf = NULL;
    if (!rc) {
        for (int k = 0; k < 2 && !rc; k++) {
            size_t len = 0;
            for (size_t i = 0; i < nloaded; i++) {
                const kc__codes *cs = k ? &loaded[i].platforms : &loaded[i].regions;
                for (size_t j = 0; j < cs->n; j++)
                    len += strlen(cs->code[j]) + 1;
            }
            free(codebuf);
            codebuf = kc__malloc(len + 1);
            int bad = codebuf == NULL, anybad;
            MPI_Allreduce(&bad, &anybad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
            if (anybad) {
                rc = fail(c, KC_ENOMEM, "out of memory");
                break;
            }
            len = 0;
            for (size_t i = 0; i < nloaded; i++) {
                const kc__codes *cs = k ? &loaded[i].platforms : &loaded[i].regions;
                for (size_t j = 0; j < cs->n; j++) {
                    size_t l = strlen(cs->code[j]) + 1;
                    memcpy(codebuf + len, cs->code[j], l);
                    len += l;
                }
            }
            rc = agree(
                c, gather_codes(codebuf, (int)len, k ? &mine.platforms : &mine.regions));
            if (!rc &&
                (mine.regions.n > KC_REGIONS_MAX || mine.platforms.n > KC_PLATFORMS_MAX))
                rc = fail(c, KC_ETOOBIG,
                          "more regions or platforms than one compile takes");
        }
    }
    free(codebuf);
    /* 3. Every play to the rank of its user, in bounded batches. */
    wire_play *out = NULL, *in = NULL;
    int *sendn = NULL;
    size_t nin = 0, capin = 0;
    uint64_t sent = 0, plays = 0, counted = 0;
    if (!rc) {
        out = kc__malloc((size_t)WIRE_BATCH * sizeof *out);
        sendn = kc__calloc((size_t)nr, sizeof *sendn);
        int bad = !out || !sendn, anybad;
        MPI_Allreduce(&bad, &anybad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        if (anybad)
            rc = fail(c, KC_ENOMEM, "out of memory");
    }
    uint16_t *rmap = NULL;
    uint8_t *pmap = NULL;
    size_t si = 0;
    uint64_t at = 0;
    kc__play *buf = kc__malloc(READ_CHUNK * sizeof *buf);
    if (!buf)
        rc = rc ? rc : fail(c, KC_ENOMEM, "out of memory");
    rc = agree(c, rc);
    while (!rc) {
        /* Fill this round: up to WIRE_BATCH plays, grouped by rank. */
        memset(sendn, 0, (size_t)nr * sizeof *sendn);
        size_t nout = 0;
        int lrc = KC_OK;
        while (!lrc && si < nsh && nout + READ_CHUNK <= WIRE_BATCH) {
            share *x = &sh[si];
            if (at == 0) {
                free(rmap);
                free(pmap);
                rmap = kc__malloc((x->p->regions.n + 1) * sizeof *rmap);
                pmap = kc__malloc(x->p->platforms.n + 1);
                if (!rmap || !pmap) {
                    lrc = fail(c, KC_ENOMEM, "out of memory");
                    break;
                }
                for (size_t j = 0; j < x->p->regions.n; j++)
                    rmap[j] =
                        (uint16_t)kc__codes_put(&mine.regions, x->p->regions.code[j],
                                                strlen(x->p->regions.code[j]));
                for (size_t j = 0; j < x->p->platforms.n; j++)
                    pmap[j] =
                        (uint8_t)kc__codes_put(&mine.platforms, x->p->platforms.code[j],
                                               strlen(x->p->platforms.code[j]));
            }
            size_t n = x->n - at < READ_CHUNK ? (size_t)(x->n - at) : READ_CHUNK;
            const kc__play *rec;
            if ((lrc = kc__plays_read(x->p, x->first + at, n, buf, &rec, c->err,
                                      sizeof c->err)))
                break;
            kc__plays *p = x->p;
            if ((lrc = kc__plays_users(p, c->err, sizeof c->err)))
                break;
            for (size_t i = 0; i < n; i++) {
                const kc__play *e = &rec[i];
                if (e->user >= p->users.n || e->track >= p->tracks.n ||
                    e->region >= p->regions.n || e->platform >= p->platforms.n ||
                    e->tier > 1 || e->ts < p->ts_min || e->ts > p->ts_max) {
                    lrc = fail(
                        c, KC_EINPUT, "%s: byte %llu: play %llu is corrupt", p->path,
                        (unsigned long long)(p->offset + (x->first + at + i) * sizeof *e),
                        (unsigned long long)(x->first + at + i + 1));
                    break;
                }
                plays++;
                if (e->ms < r->min_ms)
                    continue;
                counted++;
                uint64_t user = p->users.ids[e->user];
                out[nout++] = (wire_play){e->ts,
                                          user,
                                          p->tracks.ids[e->track],
                                          e->ms,
                                          rmap[e->region],
                                          pmap[e->platform],
                                          e->tier};
                sendn[owner(user, nr)]++;
            }
            at += n;
            if (at >= x->n) {
                si++;
                at = 0;
            }
        }
        rc = agree(c, lrc);
        if (rc)
            break;
        /* The round's plays, grouped by rank, to their ranks. */
        {
            size_t *pos = kc__calloc((size_t)nr + 1, sizeof *pos);
            wire_play *round = kc__malloc((nout + 1) * sizeof *round);
            int bad = !pos || !round, anybad;
            MPI_Allreduce(&bad, &anybad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
            if (anybad) {
                free(pos);
                free(round);
                rc = fail(c, KC_ENOMEM, "out of memory");
                break;
            }
            for (size_t i = 0; i < nout; i++)
                pos[owner(out[i].user, nr) + 1]++;
            for (int k = 1; k <= nr; k++)
                pos[k] += pos[k - 1];
            for (size_t i = 0; i < nout; i++)
                round[pos[owner(out[i].user, nr)]++] = out[i];
            rc = agree(c, exchange(round, sendn, sizeof *round, (void **)&in, &nin,
                                   &capin, &sent));
            free(pos);
            free(round);
            if (rc) {
                fail(c, rc, "out of memory");
                break;
            }
        }
        int more = si < nsh, anymore;
        MPI_Allreduce(&more, &anymore, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        if (!anymore)
            break;
    }
    free(buf);
    free(rmap);
    free(pmap);
    free(out);
    for (size_t i = 0; i < nloaded; i++)
        kc__plays_free(&loaded[i]);
    free(loaded);
    free(sh);
    double t1 = now();
    /* Fault injection for the tests (tests/mpi/run.sh): this rank dies here,
     * between the exchanges, as a rank on a failing node would. */
    const char *die = getenv("KCHART_TEST_DIE_RANK");
    if (die && atoi(die) == rank)
        raise(SIGKILL);
    /* 4. This rank's users' plays, counted as one compile, counts kept. */
    for (size_t i = 0; i < nin && !rc; i++) {
        const wire_play *w = &in[i];
        int64_t u = kc__dict_put(&mine.users, w->user),
                t = kc__dict_put(&mine.tracks, w->track);
        kc__play e = {w->ts,     (uint32_t)u, (uint32_t)t, w->ms,
                      w->region, w->platform, w->tier};
        if (u < 0 || t < 0 || kc__plays_push(&mine, &e))
            rc = fail(c, KC_ENOMEM, "out of memory");
    }
    free(in);
    if (!rc && kc__plays_sort(&mine))
        rc = fail(c, KC_ENOMEM, "out of memory");
    /* The job's charts: every region and platform of the job, named by the
     * grouping, sorted (the same list on every rank). */
    char(*gcharts)[CHART_NAME_MAX] = NULL;
    size_t ngcharts = 0;
    if (!rc) {
        gcharts = kc__malloc((mine.regions.n * mine.platforms.n + 1) * sizeof *gcharts);
        if (!gcharts)
            rc = fail(c, KC_ENOMEM, "out of memory");
        for (size_t i = 0; !rc && i < mine.regions.n; i++)
            for (size_t j = 0; j < mine.platforms.n; j++)
                chart_name(r, mine.regions.code[i], mine.platforms.code[j],
                           gcharts[ngcharts++]);
        if (!rc) {
            qsort(gcharts, ngcharts, sizeof *gcharts, cmp_name);
            size_t m = 0;
            for (size_t i = 0; i < ngcharts; i++)
                if (!m || strcmp(gcharts[i], gcharts[m - 1]))
                    memmove(gcharts[m++], gcharts[i], CHART_NAME_MAX);
            ngcharts = m;
        }
    }
    rc = agree(c, rc);
    if (!rc) {
        c->plays = kc__malloc(sizeof *c->plays);
        if (!c->plays) {
            rc = fail(c, KC_ENOMEM, "out of memory");
        } else {
            c->plays[0] = mine;
            memset(&mine, 0, sizeof mine);
            mine.fd = -1;
            c->nplays = 1;
            c->keep_totals = true;
            if (c->plays[0].n)
                rc = run_plays(c, nthreads);
        }
    }
    kc__plays_free(&mine);
    rc = agree(c, rc);
    /* 5. Each track's counts to the rank of the track, in bounded batches. */
    wire_sum *sout = NULL, *sin = NULL;
    size_t nsin = 0, capsin = 0, ti = 0;
    if (!rc) {
        sout = kc__malloc((size_t)WIRE_BATCH * sizeof *sout);
        int bad = !sout, anybad;
        MPI_Allreduce(&bad, &anybad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        if (anybad)
            rc = fail(c, KC_ENOMEM, "out of memory");
    }
    while (!rc) {
        memset(sendn, 0, (size_t)nr * sizeof *sendn);
        size_t n = c->ntotals - ti < WIRE_BATCH ? c->ntotals - ti : WIRE_BATCH;
        size_t *pos = kc__calloc((size_t)nr + 1, sizeof *pos);
        int bad = !pos, anybad;
        MPI_Allreduce(&bad, &anybad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        if (anybad) {
            free(pos);
            rc = fail(c, KC_ENOMEM, "out of memory");
            break;
        }
        for (size_t i = 0; i < n; i++) {
            uint64_t id = c->track_ids->ids[c->totals[ti + i].track];
            pos[owner(id, nr) + 1]++;
            sendn[owner(id, nr)]++;
        }
        for (int k = 1; k <= nr; k++)
            pos[k] += pos[k - 1];
        for (size_t i = 0; i < n; i++) {
            const total *x = &c->totals[ti + i];
            uint64_t id = c->track_ids->ids[x->track];
            uint32_t gchart = 0;
            char(*hit)[CHART_NAME_MAX] = bsearch(c->charts[x->cp / c->nper], gcharts,
                                                 ngcharts, sizeof *gcharts, cmp_name);
            gchart = hit ? (uint32_t)(hit - gcharts) : 0;
            sout[pos[owner(id, nr)]++] = (wire_sum){gchart,
                                                    (int32_t)(c->pmin + x->cp % c->nper),
                                                    id,
                                                    {x->free, x->premium},
                                                    0};
        }
        free(pos);
        ti += n;
        rc = agree(
            c, exchange(sout, sendn, sizeof *sout, (void **)&sin, &nsin, &capsin, &sent));
        if (rc) {
            fail(c, rc, "out of memory");
            break;
        }
        int more = ti < c->ntotals, anymore;
        MPI_Allreduce(&more, &anymore, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        if (!anymore)
            break;
    }
    /* 6. This rank's tracks ranked, per chart and period. */
    free(c->totals);
    c->totals = NULL;
    c->ntotals = 0;
    c->keep_totals = false;
    free(c->rows);
    c->rows = NULL;
    c->nrows = 0;
    c->st.charts = c->st.rows = 0;
    kc__dict_free(&c->tracks);
    /* Sized for every record at once: no rehashing on the way. */
    mtable t = {0};
    size_t want = 4096;
    while (want < 2 * nsin + 2)
        want *= 2;
    if (!(t.v = kc__calloc(want, sizeof *t.v)))
        rc = fail(c, KC_ENOMEM, "out of memory");
    t.cap = t.v ? want : 0;
    for (size_t i = 0; i < nsin && !rc; i++) {
        int64_t tr = kc__dict_put(&c->tracks, sin[i].track);
        int x = tr < 0
                    ? -1
                    : mtable_add(&t, sin[i].chart, sin[i].period, (uint32_t)tr, sin[i].n);
        if (x)
            rc = fail(c, x == -1 ? KC_ENOMEM : KC_EINPUT,
                      "counts overflow or out of memory");
    }
    free(sin);
    if (!rc)
        rc = rank_sums(c, &t, gcharts, ngcharts);
    free(t.v);
    rc = agree(c, rc);
    /* 7. The ranked rows to rank 0, which keeps the top of each chart. */
    int nrows = (int)c->nrows, *counts = NULL, *displ = NULL;
    if (!rc && c->nrows > WIRE_BATCH) {
        free(sout);
        if (!(sout = kc__malloc(c->nrows * sizeof *sout)))
            rc = fail(c, KC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < c->nrows && !rc; i++) {
        const row *x = &c->rows[i];
        char(*hit)[CHART_NAME_MAX] =
            bsearch(c->charts[x->chart], gcharts, ngcharts, sizeof *gcharts, cmp_name);
        sout[i] = (wire_sum){hit ? (uint32_t)(hit - gcharts) : 0,
                             (int32_t)(c->pmin + x->period),
                             x->id,
                             {0, 0},
                             x->score};
    }
    wire_sum *all = NULL;
    int ntot = 0;
    if (rank == 0 && !rc) {
        counts = kc__malloc((size_t)nr * sizeof *counts);
        displ = kc__malloc((size_t)nr * sizeof *displ);
        if (!counts || !displ)
            rc = fail(c, KC_ENOMEM, "out of memory");
    }
    rc = agree(c, rc);
    if (!rc) {
        MPI_Gather(&nrows, 1, MPI_INT, counts, 1, MPI_INT, 0, MPI_COMM_WORLD);
        if (rank == 0) {
            for (int k = 0; k < nr; k++) {
                displ[k] = ntot;
                ntot += counts[k];
            }
            if (!(all = kc__malloc(((size_t)ntot + 1) * sizeof *all)))
                rc = fail(c, KC_ENOMEM, "out of memory");
        }
        rc = agree(c, rc);
    }
    if (!rc) {
        MPI_Datatype rec;
        MPI_Type_contiguous((int)sizeof *sout, MPI_BYTE, &rec);
        MPI_Type_commit(&rec);
        MPI_Gatherv(sout, nrows, rec, all, counts, displ, rec, 0, MPI_COMM_WORLD);
        MPI_Type_free(&rec);
        sent += (uint64_t)nrows * sizeof *sout;
    }
    free(sout);
    free(sendn);
    free(counts);
    free(displ);
    free(c->rows);
    c->rows = NULL;
    c->nrows = 0;
    c->st.charts = c->st.rows = 0;
    if (!rc && rank == 0) {
        qsort(all, (size_t)ntot, sizeof *all, cmp_wire_sum);
        int64_t pmin = INT64_MAX, pmax = INT64_MIN;
        for (int i = 0; i < ntot; i++) {
            pmin = all[i].period < pmin ? all[i].period : pmin;
            pmax = all[i].period > pmax ? all[i].period : pmax;
        }
        c->rows = kc__malloc(((size_t)ntot + 1) * sizeof *c->rows);
        free(c->charts);
        c->charts = kc__malloc((ngcharts + 1) * sizeof *c->charts);
        if (!c->rows || !c->charts) {
            rc = fail(c, KC_ENOMEM, "out of memory");
        } else {
            memcpy(c->charts, gcharts, ngcharts * sizeof *gcharts);
            c->ncharts = ngcharts;
            c->pmin = pmin;
            c->nper = ntot ? (uint32_t)(pmax - pmin + 1) : 0;
            uint32_t rk = 0;
            for (int i = 0; i < ntot; i++) {
                bool same = i && all[i].chart == all[i - 1].chart &&
                            all[i].period == all[i - 1].period;
                rk = same ? rk + 1 : 1;
                if (!same)
                    c->st.charts++;
                if (rk <= r->top)
                    c->rows[c->nrows++] =
                        (row){all[i].chart, (uint32_t)(all[i].period - pmin), rk,
                              all[i].track, all[i].score};
            }
            c->st.rows = c->nrows;
        }
    }
    free(all);
    free(gcharts);
    rc = agree(c, rc);
    /* The job's figures, summed. */
    uint64_t mine3[3] = {plays, counted, sent}, sum3[3] = {0, 0, 0};
    MPI_Allreduce(mine3, sum3, 3, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
    uint64_t bad = c->bad, allbad = 0;
    MPI_Allreduce(&bad, &allbad, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
    c->st.plays = sum3[0];
    c->st.counted = sum3[1];
    c->st.exchanged = sum3[2];
    c->bad = allbad;
    if (getenv("KCHART_TRACE")) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr,
                "kchart: rank %d of %d: read and exchanged plays %.3f s, counted and "
                "ranked %.3f s, sent %llu bytes, peak memory %ld KiB\n",
                rank, nr, t1 - t0, now() - t1, (unsigned long long)sent, ru.ru_maxrss);
    }
    return rc;
}

#else

int kc_compile_has_mpi(void)
{
    return 0;
}

static int run_distributed(kc_compile *c, int nthreads)
{
    (void)nthreads;
    return fail(c, KC_EUSAGE, "this kchart was built without MPI");
}

#endif

/* ---- running and the results ------------------------------------------- */

int kc_compile_run(kc_compile *c, kc_compile_stats *stats)
{
    if (c->bad_rules)
        return KC_EUSAGE;
    if (c->ran)
        return fail(c, KC_EUSAGE, "the compile has run already");
    c->ran = true;
    int nthreads = nthreads_of(c);
    int rc = c->o.distributed ? run_distributed(c, nthreads)
             : c->nparts      ? run_parts(c)
             : c->nplays      ? run_plays(c, nthreads)
                              : KC_OK;
    c->st.bad = c->bad;
    c->st.files = c->nfiles;
    c->st.parts = c->nparts;
    if (!rc && stats)
        *stats = c->st;
    return rc;
}

static const double pow10_[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/* The shortest decimal that reads back as x, laid out as JavaScript's
 * String(x) lays it out (fixed from 1e-6 to 1e21, else d.ddde+N); returns
 * its length. Scores are finite and not negative. */
int kc__format_score(double x, char out[40])
{
    if (x < 9007199254740992.0 && x == (double)(uint64_t)x)
        return snprintf(out, 40, "%llu", (unsigned long long)x);
    /* Fast path: a few decimals, fewer than 16 significant digits. A
     * candidate r / 10^d that reads back as x (the division is correctly
     * rounded, as strtod is) is the shortest when d is the smallest. */
    if (x >= 1e-4 && x < 1e15) {
        int intdigits = x < 1 ? 1 : 1 + (int)log10(x);
        for (int d = 1; intdigits + d <= 15; d++) {
            double v = x * pow10_[d];
            if (v >= 9007199254740992.0)
                break;
            uint64_t r = (uint64_t)llround(v);
            if ((double)r / pow10_[d] != x)
                continue;
            uint64_t scale = (uint64_t)pow10_[d], ip = r / scale, fp = r % scale;
            int n = snprintf(out, 40, "%llu.%0*llu", (unsigned long long)ip, d,
                             (unsigned long long)fp);
            while (out[n - 1] == '0')
                out[--n] = '\0';
            return n;
        }
    }
    /* The general way: the fewest significant digits that read back (at
     * each count, the correctly rounded digits, or else, next to a power of
     * two where the doubles' spacing changes, one unit up or down), then
     * JavaScript's layout. */
    char digits[24];
    int nd = 0, exp = 0;
    for (int prec = 15; prec <= 17 && !nd; prec++) {
        char e[40];
        snprintf(e, sizeof e, "%.*e", prec - 1, x);
        uint64_t m = 0;
        const char *p = e;
        for (; *p && *p != 'e'; p++)
            if (*p >= '0' && *p <= '9')
                m = m * 10 + (uint64_t)(*p - '0');
        int ex = atoi(p + 1);
        for (int k = 0; k < 3 && !nd; k++) {
            uint64_t mk = k == 0 ? m : k == 1 ? m + 1 : m - 1;
            char ds[24], t[48];
            int len = snprintf(ds, sizeof ds, "%llu", (unsigned long long)mk);
            int exk = ex + (len - prec); /* a carry or a borrow moves the point */
            snprintf(t, sizeof t, "%c.%se%d", ds[0], ds + 1, exk);
            if (strtod(t, NULL) == x || prec == 17) {
                memcpy(digits, ds, (size_t)len);
                nd = len;
                exp = exk;
            }
        }
    }
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    int n = 0;
    if (exp >= -6 && exp < 21) {
        if (exp < 0) {
            n += snprintf(out + n, 40 - (size_t)n, "0.");
            for (int i = -1; i > exp; i--)
                out[n++] = '0';
            for (int i = 0; i < nd; i++)
                out[n++] = digits[i];
        } else {
            for (int i = 0; i <= exp || i < nd; i++) {
                if (i == exp + 1)
                    out[n++] = '.';
                out[n++] = i < nd ? digits[i] : '0';
            }
        }
        out[n] = '\0';
        return n;
    }
    out[n++] = digits[0];
    if (nd > 1) {
        out[n++] = '.';
        for (int i = 1; i < nd; i++)
            out[n++] = digits[i];
    }
    return n + snprintf(out + n, 40 - (size_t)n, "e%c%d", exp < 0 ? '-' : '+',
                        exp < 0 ? -exp : exp);
}

/* Writes the decimal digits of v at p; returns the end. */
static char *put_u64(char *p, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do
        tmp[n++] = (char)('0' + v % 10);
    while ((v /= 10));
    while (n)
        *p++ = tmp[--n];
    return p;
}

int kc_compile_write_csv(kc_compile *c, FILE *out)
{
    if (!c->ran)
        return fail(c, KC_EUSAGE, "the compile has not run");
    fputs("chart,period,rank,track_id,score\n", out);
    /* Rows come in chart period order: the "chart,period," prefix is made
     * once per chart period. */
    char prefix[CHART_NAME_MAX + 24], line[CHART_NAME_MAX + 104];
    size_t plen = 0;
    uint32_t last_chart = UINT32_MAX, last_period = UINT32_MAX;
    for (size_t i = 0; i < c->nrows; i++) {
        const row *x = &c->rows[i];
        if (x->chart != last_chart || x->period != last_period) {
            char label[16];
            period_label(&c->r, c->pmin + x->period, label);
            plen = (size_t)snprintf(prefix, sizeof prefix, "%s,%s,", c->charts[x->chart],
                                    label);
            last_chart = x->chart;
            last_period = x->period;
        }
        char *p = line;
        memcpy(p, prefix, plen);
        p = put_u64(p + plen, x->rank);
        *p++ = ',';
        p = put_u64(p, x->id);
        *p++ = ',';
        p += kc__format_score(x->score, p);
        *p++ = '\n';
        fwrite(line, 1, (size_t)(p - line), out);
    }
    if (fflush(out) || ferror(out))
        return fail(c, KC_EIO, "write error: %s", strerror(errno));
    return KC_OK;
}

static int cmp_total(const void *a, const void *b)
{
    const total *x = a, *y = b;
    if (x->cp != y->cp)
        return x->cp < y->cp ? -1 : 1;
    return x->track < y->track ? -1 : x->track > y->track; /* index order is id order */
}

int kc_compile_write_partial(kc_compile *c, const char *path)
{
    if (!c->ran || !c->keep_totals)
        return fail(c, KC_EUSAGE,
                    "partial counts are kept only when asked for "
                    "(keep_totals)");
    /* No counts (a file of no plays: a header, no rows) is a partial file
     * of no rows, and no array: qsort's array may not be NULL, even empty. */
    if (c->ntotals)
        qsort(c->totals, c->ntotals, sizeof *c->totals, cmp_total);
    size_t tl = strlen(path) + 24;
    char *tmp = kc__malloc(tl);
    if (!tmp)
        return fail(c, KC_ENOMEM, "out of memory");
    snprintf(tmp, tl, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) {
        int rc = fail(c, KC_EIO, "%s: cannot create: %s", tmp, strerror(errno));
        free(tmp);
        return rc;
    }
    char rules[512];
    counting_rules(&c->r, rules, sizeof rules);
    fprintf(f, "%s%s\nchart,period,track_id,premium,free\n", partial_magic, rules);
    for (size_t i = 0; i < c->ntotals; i++) {
        const total *x = &c->totals[i];
        char label[16];
        period_label(&c->r, c->pmin + x->cp % c->nper, label);
        fprintf(f, "%s,%s,%llu,%llu,%llu\n", c->charts[x->cp / c->nper], label,
                (unsigned long long)c->track_ids->ids[x->track],
                (unsigned long long)x->premium, (unsigned long long)x->free);
    }
    bool ok = fflush(f) == 0 && !ferror(f);
    ok = fsync(fileno(f)) == 0 && ok;
    ok = fclose(f) == 0 && ok;
    int rc = KC_OK;
    if (!ok || rename(tmp, path)) {
        rc = fail(c, KC_EIO, "%s: cannot write: %s", path, strerror(errno));
        remove(tmp);
    }
    free(tmp);
    return rc;
}

/* ---- into the store ---------------------------------------------------- */

/* Registers chart `id` (a compiled chart) unless the registry has it; it
 * must then agree on cadence and have room for the ranks. */
static int register_chart(kc_compile *c, kc_db *db, const char *id, const char *name)
{
    const kc_rules *r = &c->r;
    sqlite3_stmt *st = kc__stmt(
        db,
        "INSERT INTO chart (id, provider, name, region, cadence, timezone, size,"
        " period_naming) VALUES (?,'kchart',?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING");
    if (!st)
        return KC_ESTORE;
    char title[160], naming[160];
    const char *dash = strchr(name, '-');
    const char *region = (r->group & KC_GROUP_REGION)
                             ? ((r->group & KC_GROUP_PLATFORM) && dash ? dash + 1 : name)
                             : "global";
    snprintf(title, sizeof title, "%s %s (compiled from plays)", name,
             cadence_names[r->period]);
    if (r->period == KC_PERIOD_WEEK)
        snprintf(
            naming, sizeof naming, "YYYY-MM-DD of the last day of the %s-%s week (%s)",
            day_names[r->week_start], day_names[(r->week_start + 6) % 7], r->time_zone);
    else
        snprintf(naming, sizeof naming, "%s in %s",
                 r->period == KC_PERIOD_HOUR ? "YYYY-MM-DDTHH, the hour" : "YYYY-MM-DD",
                 r->time_zone);
    /* A copy (SQLITE_TRANSIENT) that fails leaves the parameter NULL, which
     * the chart's id would take: check every bind. */
    int step = SQLITE_NOMEM;
    if (!sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT) &&
        !sqlite3_bind_text(st, 2, title, -1, SQLITE_TRANSIENT) &&
        !sqlite3_bind_text(st, 3, region, -1, SQLITE_TRANSIENT) &&
        !sqlite3_bind_text(st, 4, cadence_names[r->period], -1, SQLITE_STATIC) &&
        !sqlite3_bind_text(st, 5, r->time_zone, -1, SQLITE_TRANSIENT) &&
        !sqlite3_bind_int(st, 6, (int)r->top) &&
        !sqlite3_bind_text(st, 7, naming, -1, SQLITE_TRANSIENT))
        step = sqlite3_step(st);
    sqlite3_reset(st);
    if (step != SQLITE_DONE)
        return kc__sqlfail(db, "register a compiled chart");
    char cadence[16];
    int size;
    int rc = kc__chart_lookup(db, id, cadence, &size);
    if (rc)
        return rc;
    if (strcmp(cadence, cadence_names[r->period]) || size < (int)r->top)
        return kc__fail(db, KC_ECONFLICT,
                        "chart %s is registered as %s with %d ranks; these rules make "
                        "a %s chart of %u",
                        id, cadence, size, cadence_names[r->period], r->top);
    return KC_OK;
}

int kc_compile_store(kc_compile *c, kc_db *db, kc_ingest_stats *stats)
{
    if (!c->ran)
        return kc__fail(db, KC_EUSAGE, "the compile has not run");
    kc__batch b = {0};
    b.path = "compile";
    b.arena = kc__arena_new();
    b.index = kc__map_new();
    int rc = b.arena && b.index ? KC_OK : kc__fail(db, KC_ENOMEM, "out of memory");
    if (!rc)
        rc = kc__begin(db);
    bool in_tx = !rc;
    if (!rc)
        kc__cache_check(db);
    for (size_t i = 0; !rc && i < c->nrows; i++) {
        const row *x = &c->rows[i];
        char id[96], label[16], track[24];
        snprintf(id, sizeof id, "%s-%s-%s", c->r.chart_prefix, c->charts[x->chart],
                 cadence_names[c->r.period]);
        if (strlen(id) >= sizeof b.snaps->chart_id) {
            rc = kc__fail(db, KC_EINPUT, "chart id %s is longer than %zu bytes", id,
                          sizeof b.snaps->chart_id - 1);
            break;
        }
        if (x->rank == 1 && (rc = register_chart(c, db, id, c->charts[x->chart])))
            break;
        period_label(&c->r, c->pmin + x->period, label);
        char err[KC_ERRMSG_MAX];
        int status = KC_OK;
        kc__snap *s = kc__batch_snap(&b, id, label, 1, &status, err, sizeof err);
        kc__row *r =
            s ? kc__snap_row(&b, s, (int)x->rank, &status, err, sizeof err) : NULL;
        if (!r) {
            rc = kc__fail(db, status ? status : KC_ENOMEM, "%s", err);
            break;
        }
        int n = snprintf(track, sizeof track, "%llu", (unsigned long long)x->id);
        r->rank = (int32_t)x->rank;
        r->title = r->provider_id = kc__batch_strdup(&b, track, (size_t)n);
        r->artist = "";
        r->value = (int64_t)llround(x->score);
        r->p_last = 0;
        r->p_peak = r->p_periods = KC_NONE;
        if (!r->title)
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
    }
    if (!rc)
        rc = kc__ingest_batch(db, &b, "compile", 0, stats);
    if (in_tx) {
        if (!rc && (rc = kc__commit(db)))
            kc__rollback(db);
        else if (rc)
            kc__rollback(db);
    }
    kc__batch_free(&b);
    return rc;
}

/* ---- converting -------------------------------------------------------- */

int kc_plays_convert(const char *const *inputs, size_t n, const char *out,
                     const kc_compile_opts *opts, uint64_t *plays, char *err,
                     size_t errlen)
{
    kc__plays *all = NULL;
    size_t nall = 0;
    uint64_t bad = 0;
    kc__badpolicy bp = {opts ? opts->on_bad : NULL, opts ? opts->ctx : NULL, &bad};
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = opts && opts->threads > 0 ? opts->threads : cores > 0 ? (int)cores : 1;
    int rc = KC_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        kc__plays *got;
        size_t k;
        if ((rc = kc__plays_load(inputs[i], threads, &bp, &got, &k, err, errlen)))
            break;
        kc__plays *v = kc__realloc(all, (nall + k) * sizeof *v);
        if (v) {
            memcpy(v + nall, got, k * sizeof *got);
            all = v;
            nall += k;
        } else {
            for (size_t j = 0; j < k; j++)
                kc__plays_free(&got[j]);
            snprintf(err, errlen, "out of memory");
            rc = KC_ENOMEM;
        }
        free(got);
        if (!rc && k == 1 && all[nall - 1].fd >= 0) {
            snprintf(err, errlen, "%s:1:1: already in kchart's binary plays format",
                     inputs[i]);
            rc = KC_EINPUT;
        }
    }
    kc__plays one = {.fd = -1};
    if (!rc && (rc = kc__plays_merge(all, nall, &one)))
        snprintf(err, errlen, "%s",
                 rc == KC_ETOOBIG ? "more than 4294967294 users or tracks"
                                  : "out of memory");
    if (!rc)
        rc = kc__plays_write(&one, out, err, errlen);
    if (!rc && plays)
        *plays = one.n;
    kc__plays_free(&one);
    for (size_t i = 0; i < nall; i++)
        kc__plays_free(&all[i]);
    free(all);
    return rc;
}
