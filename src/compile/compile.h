/*
 * compile.h: the compile layer: raw play events to chart snapshots under a
 * chart's rules, and the plays themselves.
 *
 * Its files, each using only those listed before it:
 *   plays.c        the plays: CSV and binary files in, dictionaries;
 *   rules.c        the rules, their periods and the charts' names;
 *   compile.c      the compile's handle: created, inputs added, freed;
 *                  its error message; converting play files;
 *   rank.c         top-N heaps, the ranked rows, the sorted chart list;
 *   count.c        plays mode: scatter and count on every core;
 *   merge.c        merge mode: partial counts in;
 *   distributed.c  one rank of an MPI job;
 *   results.c      kc_compile_run, which picks the mode, and the results
 *                  out: CSV, partial counts, snapshots in the store.
 *
 * The layering rule (docs/architecture.md, checked by tests/layers.py):
 * compile calls ingest (a compiled chart is stored as any other snapshot),
 * derive, model, store and util, nothing above.
 *
 * Raw play events, as the compiler reads them:
 * Two formats hold them: the CSV a service exports
 * (ts,user_id,track_id,region,platform,tier,ms_played) and kchart's own
 * binary format (docs/plays-format.md), whose records are fixed-width and
 * dictionary-coded so that the compiler reads them at memory speed. Both
 * become a kc__plays: records plus the dictionaries that decode them.
 */
#ifndef KC_COMPILE_H
#define KC_COMPILE_H

#include "ingest/ingest.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define KC_PLAYS_MAGIC "KCPLAYS1"
#define KC_PLAYS_HEADER 64 /* bytes before the first record */

/* One play, as stored in the binary format (24 bytes, little-endian). */
typedef struct {
    int64_t ts;       /* epoch milliseconds, UTC */
    uint32_t user;    /* index into the users dictionary */
    uint32_t track;   /* index into the tracks dictionary */
    uint32_t ms;      /* milliseconds played */
    uint16_t region;  /* index into the regions dictionary */
    uint8_t platform; /* index into the platforms dictionary */
    uint8_t tier;     /* 0 free (ad-supported), 1 premium (paid) */
} kc__play;

_Static_assert(sizeof(kc__play) == 24, "a play record is 24 bytes");

/* A 64-bit mix (MurmurHash3's finalizer): hash tables and partitions. */
static inline uint64_t kc__mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Unsigned 64-bit ids coded as dense indexes 0..n-1, in first-seen order. */
typedef struct {
    uint64_t *ids;   /* index -> id */
    uint32_t *slots; /* hash slots: index + 1, 0 = empty */
    size_t n, cap, nslots;
} kc__dict;

/* The index of id in d, added if new; -1 when out of memory or full. */
int64_t kc__dict_put(kc__dict *d, uint64_t id);
/* The index of id in d, or -1. */
int64_t kc__dict_find(const kc__dict *d, uint64_t id);
void kc__dict_free(kc__dict *d);
/* Sorts d by id (dropping its hash: kc__dict_put and _find no longer work);
 * map[old index] = new index. -1 when out of memory. */
int kc__dict_sort(kc__dict *d, uint32_t *map);

/* Merges n sorted dictionaries into out (sorted; free with kc__dict_free)
 * and sets maps[k] to a new array mapping d[k]'s indexes to out's (the
 * caller frees them). -1 out of memory, -2 more than 2^32 - 2 ids. */
int kc__dicts_merge(const kc__dict **d, size_t n, kc__dict *out, uint32_t **maps);

/* Short text codes (regions, platforms), coded as indexes. */
typedef struct {
    char (*code)[KC_CODE_MAX + 1];
    size_t n, cap;
    uint32_t *slots; /* hash slots: index + 1, 0 = empty */
    size_t nslots;
} kc__codes;

/* The index of the code s[0..n) in c, added if new; -1 out of memory. */
int kc__codes_put(kc__codes *c, const char *s, size_t n);

/* A set of plays: records and the dictionaries that decode them, sorted by
 * id. The records are in memory (parsed from CSV) or in a binary file, read
 * on demand by offset. */
typedef struct {
    char *path;             /* owned copy, for messages */
    int fd;                 /* binary file, or -1 */
    uint64_t offset;        /* of the first record in fd */
    kc__play *mem;          /* records in memory, or NULL */
    uint64_t n;             /* records */
    size_t memcap;          /* records mem has room for */
    int64_t ts_min, ts_max; /* over the records (0, 0 when none) */
    kc__dict users, tracks; /* a binary file's users.ids: see kc__plays_users */
    uint64_t users_at;      /* where a binary file's user ids are */
    kc__codes regions, platforms;
    bool dicts_shared; /* users and tracks are the previous plays' (one CSV
                          file's ranges after the first), not owned */
} kc__plays;

/* What to do with a malformed event: NULL on_bad makes it an error; else it
 * is reported to on_bad, counted in *bad and left out. */
typedef struct {
    void (*on_bad)(void *ctx, const char *message);
    void *ctx;
    uint64_t *bad;
} kc__badpolicy;

/* Reads the plays in path (CSV or binary, detected) into *out, an array of
 * *n plays (free each with kc__plays_free, then the array): a binary file
 * is one (its records stay on disk), a CSV file is read on up to `threads`
 * threads, one range of lines each, into one plays a range, sorted, all
 * of them coded with the first's dictionaries (the others' dicts_shared). On
 * failure writes "path:line:col: what" (CSV) or "path: byte N: what"
 * (binary) into err and returns a status. */
int kc__plays_load(const char *path, int threads, const kc__badpolicy *bad,
                   kc__plays **out, size_t *n, char *err, size_t errlen);
/* Merges the plays of v (in memory, sorted) into one sorted set, out; a
 * single set is moved rather than copied. Returns KC_OK, KC_ENOMEM or
 * KC_ETOOBIG (more ids, regions or platforms than the format holds). */
int kc__plays_merge(kc__plays *v, size_t n, kc__plays *out);
/* Reads a binary file's user ids into p->users.ids, which stays NULL until
 * asked for (one file's compile needs only how many users there are; the
 * ids, checked when the file is opened, are read when files are merged). */
int kc__plays_users(kc__plays *p, char *err, size_t errlen);
/* Appends rec to p's records in memory; -1 when out of memory. */
int kc__plays_push(kc__plays *p, const kc__play *rec);
/* Reads n records from index `first` of p into buf (or points *out into
 * memory). Returns KC_OK or KC_EIO with err set. */
int kc__plays_read(const kc__plays *p, uint64_t first, size_t n, kc__play *buf,
                   const kc__play **out, char *err, size_t errlen);
void kc__plays_free(kc__plays *p);

/* Sorts p's user and track dictionaries by id and recodes the records (in
 * memory) to match, as the binary format wants. -1 when out of memory. */
int kc__plays_sort(kc__plays *p);
/* Writes p (sorted), records included, as a binary plays file at path (through a
 * temporary file and a rename: path is whole or untouched). */
int kc__plays_write(const kc__plays *p, const char *path, char *err, size_t errlen);

/* ---- the compile ------------------------------------------------------ */

#define KC_CHART_NAME_MAX (2 * KC_CODE_MAX + 2)
#define KC_READ_CHUNK 65536 /* plays a thread reads at a time */
/* Periods are mapped by quarter hour (every time zone's offset is a
 * multiple of one): a play's quarter is ts / KC__MS_QUARTER. */
#define KC__MS_QUARTER 900000LL
#define KC_THREADS_MAX 64
/* A partial-counts file's first line, up to its counting rules. */
#define KC_PARTIAL_MAGIC "# kchart partial counts 1; "

/* A ranked candidate: its score and its track (an index into the sorted
 * track dictionary, so that index order is id order). */
typedef struct {
    double score;
    uint32_t track;
} kc__cand;

/* The top candidates of one chart period, the lowest-ranked at the root. */
typedef struct {
    uint32_t n;
    kc__cand c[];
} kc__heap;

/* Counted plays of a track in a chart period (the partial counts). */
typedef struct {
    uint32_t cp;
    uint32_t track;
    uint64_t premium, free;
} kc__total;

/* A ranked row of a compiled chart. */
typedef struct {
    uint32_t chart, period; /* period: relative to pmin */
    uint32_t rank;
    uint64_t id;
    double score;
} kc__ranked;

/* A compile (kc_compile in kchart.h): its rules and inputs, and once run
 * its results. Its fields are the layer's files' to share. */
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
    char (*charts)[KC_CHART_NAME_MAX]; /* sorted */
    size_t ncharts;
    int64_t pmin;
    uint32_t nper;
    kc__ranked *rows;
    size_t nrows;
    kc__total *totals;
    size_t ntotals;
    kc_compile_stats st;
};

/* rules.c */

/* The cadences ("hourly", "daily", "weekly") by kc_period_kind, and the
 * days of the week ("monday" .. "sunday") from Monday. */
extern const char *const kc__cadence_names[3];
extern const char *const kc__day_names[7];
/* Writes the rules that decide the counts (not the ranking) into out[0..n):
 * partial counts merge only under the same ones. */
void kc__counting_rules(const kc_rules *r, char *out, size_t n);
/* The absolute number of the period that contains local time `local` (ms). */
int64_t kc__period_of(const kc_rules *r, int64_t local);
/* The name of period p: YYYY-MM-DDTHH, YYYY-MM-DD, or a week's last day. */
void kc__period_label(const kc_rules *r, int64_t p, char out[16]);
/* Parses a period name back into its number (for merges); false when s is
 * not the name of a period under r. */
bool kc__period_parse(const kc_rules *r, const char *s, int64_t *p);
/* The name of the chart of a region and a platform, as r groups them. */
void kc__chart_name(const kc_rules *r, const char *region, const char *platform,
                    char out[KC_CHART_NAME_MAX]);

/* compile.c */

/* Writes the message (printf's fmt) into c's and returns status. */
int kc__compile_fail(kc_compile *c, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The worker threads: the option, else one per online core; at most
 * KC_THREADS_MAX. */
int kc__compile_threads(const kc_compile *c);
/* Passes a malformed play's message to c's on_bad (ctx is c). */
void kc__on_bad_relay(void *ctx, const char *msg);
/* Seconds on the monotonic clock (KCHART_TRACE's timings). */
double kc__now(void);

/* rank.c */

/* a ranks above b: higher score, then smaller track id. */
static inline bool kc__above(const kc__cand *a, const kc__cand *b)
{
    return a->score > b->score || (a->score == b->score && a->track < b->track);
}

/* A track's score: its counted premium plays times the premium weight plus
 * its counted free plays times the free weight. Every file of the layer is
 * built without fused multiply-add (CMakeLists.txt), so that the score comes
 * out bit for bit as in any other IEEE 754 engine. */
static inline double kc__score_of(const kc_rules *r, uint64_t premium, uint64_t free_)
{
    double a = (double)premium * r->w_premium;
    double b = (double)free_ * r->w_free;
    return a + b;
}

/* Offers x to the heap *hp of at most top candidates (allocated on the
 * first offer; the caller frees it). Returns -1 when out of memory. */
int kc__heap_offer(kc__heap **hp, uint32_t top, kc__cand x);
/* Merges each chart period's heaps (nh per chart period, heaps[k * ncp +
 * cp], NULL for none) into c's ranked rows, the top of each. The heaps stay
 * the caller's. KC_OK or KC_ENOMEM (the message on c). */
int kc__rank_all(kc_compile *c, kc__heap **heaps, size_t nh, size_t ncp);
/* strcmp for qsort and bsearch over chart names and codes. */
int kc__cmp_name(const void *a, const void *b);
/* Sorts names[0..n) and makes them distinct, in place, and makes them c's
 * chart list: c owns names from then on (a list c had is not freed). */
void kc__set_charts(kc_compile *c, char (*names)[KC_CHART_NAME_MAX], size_t n);
/* The index of chart `name` in c's chart list, or -1. */
int kc__find_chart(const kc_compile *c, const char *name);

/* count.c */

/* Plays mode: counts and ranks c's plays on nthreads threads into c's rows
 * (and its totals, when kept). The message on c on failure. */
int kc__compile_plays(kc_compile *c, int nthreads);

/* A play as the ranks of a distributed compile send it to the rank of its
 * track (20 bytes), in the job's own codes: no rank recodes what it
 * receives. */
typedef struct {
    int32_t quarter;  /* its quarter hour (ts / KC__MS_QUARTER), less the job's first */
    uint32_t user;    /* index into the job's users */
    uint32_t track;   /* index into the job's tracks */
    uint32_t ms;      /* milliseconds played */
    uint16_t region;  /* index into the job's sorted region codes */
    uint8_t platform; /* index into the job's sorted platform codes */
    uint8_t tier;
} kc__wplay;

_Static_assert(sizeof(kc__wplay) == 20, "a play on the wire is 20 bytes");

/* Plays mode fed round by round with records (a distributed compile's
 * rank): no set of plays is built, each round goes straight into the
 * count's partitions while the next is exchanged. */
typedef struct kc__feed kc__feed;

/* Opens a feed on nthreads threads for plays in the codes of `job`: its
 * regions, platforms, users and tracks (sorted) and its time range (ts_min
 * and ts_max, the first and last quarter hour's start; at least one play),
 * no records; c takes job's contents (job is left empty, also on failure)
 * as its one source, and makes its charts and periods from them. nplays,
 * the plays expected here, sizes the partitions. KC_OK and *out (free with
 * kc__feed_free), or a status with its message on c. */
int kc__feed_open(kc_compile *c, kc__plays *job, uint64_t nplays, int nthreads,
                  kc__feed **out);
/* Starts scattering recs[0..n) (long enough, in the job's codes and time
 * range) on the feed's other threads and returns at once: recs must stay
 * as they are until kc__feed_wait. */
void kc__feed_add(kc__feed *f, const kc__wplay *recs, size_t n);
/* Scatters, in this thread, what is left of the last kc__feed_add's
 * records and waits for the other threads: KC_OK, or KC_ENOMEM with the
 * message on c. Waiting with nothing added does nothing. */
int kc__feed_wait(kc__feed *f);
/* Counts and ranks what was fed into c's rows (kc__feed_wait first). The
 * message on c on failure. */
int kc__feed_count(kc__feed *f);
/* Frees f (not c's source, which c keeps); NULL does nothing. */
void kc__feed_free(kc__feed *f);

/* merge.c */

/* A (chart, period, track) sum read from partial files. */
typedef struct {
    uint32_t chart1; /* chart (in order of first sight) + 1; 0 = empty */
    uint32_t track;
    int64_t period;
    uint64_t n[2];
} kc__msum;

/* The sums, an open-addressing hash table of cap slots (a power of two,
 * zeroed; at most half full), n of them used. Free v. */
typedef struct {
    kc__msum *v;
    size_t cap, n;
} kc__mtable;

/* Adds the counts n (free, premium) to the sum of (chart, period, track) in
 * t, growing t. -1 out of memory, -2 when a count overflows 64 bits. */
int kc__mtable_add(kc__mtable *t, uint32_t chart, int64_t period, uint32_t track,
                   const uint64_t n[2]);
/* Ranks the sums in t, whose tracks index c->tracks (sorted here) and whose
 * charts are order[0..norder) (by index as added), into c's rows (and its
 * totals, when kept). The message on c on failure. */
int kc__rank_sums(kc_compile *c, kc__mtable *t, char (*order)[KC_CHART_NAME_MAX],
                  size_t norder);
/* Merge mode: reads c's partial-count files and ranks their sums. */
int kc__compile_parts(kc_compile *c);

/* distributed.c */

/* Distributed mode: this process as one rank of an MPI job (or, built
 * without MPI, KC_EUSAGE). Every rank calls it; rank 0 ends with the
 * charts, and every rank with the job's figures in c->st. */
int kc__compile_distributed(kc_compile *c, int nthreads);

/* results.c */

/* Writes the shortest decimal that reads back as x (finite, not negative)
 * as JavaScript's String(x) does; returns its length. */
int kc__format_score(double x, char out[40]);

#endif
