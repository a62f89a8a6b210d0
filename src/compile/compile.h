/*
 * compile.h: the compile layer: raw play events to chart snapshots under a
 * chart's rules (compile.c), and the plays themselves (plays.c).
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

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define KC_PLAYS_MAGIC "KCPLAYS1"
#define KC_PLAYS_HEADER 64        /* bytes before the first record */
#define KC_CODE_MAX 32            /* bytes in a region or platform code */
#define KC_REGIONS_MAX 65535      /* distinct regions in one file */
#define KC_PLATFORMS_MAX 255      /* distinct platforms in one file */
#define KC_TS_MAX 4102444800000LL /* 2100-01-01T00:00:00Z, in ms */

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
 * threads, one range of lines each, into one plays a range, sorted. On
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

/* Writes the shortest decimal that reads back as x (finite, not negative)
 * as JavaScript's String(x) does; returns its length (compile.c). */
int kc__format_score(double x, char out[40]);

#endif
