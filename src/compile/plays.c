/*
 * plays.c: raw play events in, as kc__plays: the CSV reader, kchart's
 * binary format (docs/plays-format.md), their dictionaries, and time zones.
 *
 * The CSV reader is specialised: a play line is seven short fields, so it
 * parses lines itself (still honouring RFC 4180 quotes around a field)
 * rather than going through the general reader in csv.c: the common line
 * in one pass with no copies (fast_play), any other by the reference
 * parser (parse_play), which alone says what is wrong with a line. It
 * codes ids into dictionaries as it goes, each range of the file on its own
 * thread through its own hash, then merges the ranges' into one, so a
 * parsed file is already in the binary format's shape (docs/compile.md).
 */
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE */
#include "compile/compile.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the binary plays format is little-endian; this host is not"
#endif

/* ---- dictionaries ------------------------------------------------------ */

static int dict_grow(kc__dict *d)
{
    size_t ns = d->nslots ? d->nslots * 2 : 1024;
    uint32_t *slots = kc__calloc(ns, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < d->n; i++) {
        size_t h = kc__mix64(d->ids[i]) & (ns - 1);
        while (slots[h])
            h = (h + 1) & (ns - 1);
        slots[h] = (uint32_t)i + 1;
    }
    free(d->slots);
    d->slots = slots;
    d->nslots = ns;
    return 0;
}

int64_t kc__dict_find(const kc__dict *d, uint64_t id)
{
    if (!d->nslots)
        return -1;
    for (size_t h = kc__mix64(id) & (d->nslots - 1);; h = (h + 1) & (d->nslots - 1)) {
        uint32_t s = d->slots[h];
        if (!s)
            return -1;
        if (d->ids[s - 1] == id)
            return s - 1;
    }
}

int64_t kc__dict_put(kc__dict *d, uint64_t id)
{
    if (d->n + 1 > d->nslots / 2 && dict_grow(d))
        return -1;
    size_t h = kc__mix64(id) & (d->nslots - 1);
    for (; d->slots[h]; h = (h + 1) & (d->nslots - 1))
        if (d->ids[d->slots[h] - 1] == id)
            return d->slots[h] - 1;
    if (d->n >= UINT32_MAX - 1)
        return -1;
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 1024;
        uint64_t *ids = kc__realloc(d->ids, nc * sizeof *ids);
        if (!ids)
            return -1;
        d->ids = ids;
        d->cap = nc;
    }
    d->ids[d->n] = id;
    d->slots[h] = (uint32_t)++d->n;
    return (int64_t)d->n - 1;
}

void kc__dict_free(kc__dict *d)
{
    free(d->ids);
    free(d->slots);
    memset(d, 0, sizeof *d);
}

static uint32_t code_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

int kc__codes_put(kc__codes *c, const char *s, size_t n)
{
    if (c->n + 1 > c->nslots / 2) {
        size_t ns = c->nslots ? c->nslots * 2 : 64;
        uint32_t *slots = kc__calloc(ns, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < c->n; i++) {
            size_t h = code_hash(c->code[i], strlen(c->code[i])) & (ns - 1);
            while (slots[h])
                h = (h + 1) & (ns - 1);
            slots[h] = (uint32_t)i + 1;
        }
        free(c->slots);
        c->slots = slots;
        c->nslots = ns;
    }
    size_t h = code_hash(s, n) & (c->nslots - 1);
    for (; c->slots[h]; h = (h + 1) & (c->nslots - 1)) {
        const char *k = c->code[c->slots[h] - 1];
        if (!memcmp(k, s, n) && k[n] == '\0')
            return (int)c->slots[h] - 1;
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        void *v = kc__realloc(c->code, nc * sizeof *c->code);
        if (!v)
            return -1;
        c->code = v;
        c->cap = nc;
    }
    memcpy(c->code[c->n], s, n);
    c->code[c->n][n] = '\0';
    c->slots[h] = (uint32_t)c->n + 1;
    return (int)c->n++;
}

/* Removes the code added last (the end of its probe chain: no code added
 * after it can have probed past its slot). */
static void codes_pop(kc__codes *c)
{
    for (size_t h = 0; h < c->nslots; h++)
        if (c->slots[h] == c->n)
            c->slots[h] = 0;
    c->n--;
}

void kc__plays_free(kc__plays *p)
{
    if (p->fd >= 0)
        close(p->fd);
    free(p->path);
    free(p->mem);
    if (!p->dicts_shared) {
        kc__dict_free(&p->users);
        kc__dict_free(&p->tracks);
    }
    free(p->regions.code);
    free(p->platforms.code);
    free(p->regions.slots);
    free(p->platforms.slots);
    memset(p, 0, sizeof *p);
    p->fd = -1;
}

/* ---- the CSV format ---------------------------------------------------- */

static const char header[] = "ts,user_id,track_id,region,platform,tier,ms_played";
#define NFIELDS 7
#define READ_BLOCK (4u << 20)

static bool code_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
}

/* ts: epoch milliseconds, or ISO-8601 UTC "YYYY-MM-DDTHH:MM:SS[.fff](Z|+00:00)". */
static bool parse_ts(const char *s, size_t n, int64_t *out)
{
    uint64_t ms;
    if (n && s[0] >= '0' && s[0] <= '9' && (n < 5 || s[4] != '-')) {
        if (!kc__parse_u64(s, n, (uint64_t)KC_TS_MAX - 1, &ms))
            return false;
        *out = (int64_t)ms;
        return true;
    }
    int64_t days;
    int h, mi, sec, frac = 0;
    if (n < 20 || !kc__parse_date(s, 10, &days) || (s[10] != 'T' && s[10] != ' ') ||
        !kc__digits(s + 11, 2, &h) || s[13] != ':' || !kc__digits(s + 14, 2, &mi) ||
        s[16] != ':' || !kc__digits(s + 17, 2, &sec) || h > 23 || mi > 59 || sec > 59)
        return false;
    size_t i = 19;
    if (s[i] == '.') {
        size_t start = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start || i - start > 9)
            return false;
        char f[4] = "000";
        memcpy(f, s + start, i - start < 3 ? i - start : 3);
        kc__digits(f, 3, &frac);
    }
    if (!((n - i == 1 && s[i] == 'Z') || (n - i == 6 && !memcmp(s + i, "+00:00", 6))))
        return false;
    int64_t t = ((days * 24 + h) * 60 + mi) * 60 + sec;
    if (t < 0 || t * 1000 + frac >= KC_TS_MAX)
        return false;
    *out = t * 1000 + frac;
    return true;
}

typedef struct {
    const char *s;
    size_t n;
    size_t col; /* 1-based column of the field's first byte */
} field;

/* Splits a line into fields; returns the count (up to NFIELDS + 1), or -1
 * with *badcol set when a quote is misplaced. */
static int split(const char *line, size_t n, field *f, size_t *badcol)
{
    int nf = 0;
    size_t i = 0;
    for (;;) {
        if (nf > NFIELDS)
            return nf;
        size_t start = i;
        if (i < n && line[i] == '"') {
            size_t close = i + 1;
            while (close < n && line[close] != '"')
                close++;
            if (close >= n || (close + 1 < n && line[close + 1] != ',')) {
                *badcol = close + 1 < n ? close + 2 : start + 1;
                return -1;
            }
            f[nf++] = (field){line + start + 1, close - start - 1, start + 1};
            i = close + 1;
        } else {
            while (i < n && line[i] != ',') {
                if (line[i] == '"') {
                    *badcol = i + 1;
                    return -1;
                }
                i++;
            }
            f[nf++] = (field){line + start, i - start, start + 1};
        }
        if (i >= n)
            return nf;
        i++; /* the comma */
    }
}

/* Parses one play line into rec (coding its region and platform into p's
 * dictionaries) and *user, *track (the ids, coded later by the caller).
 * Returns 0, or the 1-based column of what is wrong with *why set; -1 when
 * out of memory. This is the reference reader: fast_play below takes the
 * common lines, and leaves every other line, and every error, to it. */
static long parse_play(kc__plays *p, const char *line, size_t n, kc__play *rec,
                       uint64_t *user, uint64_t *track, const char **why)
{
    field f[NFIELDS + 1];
    size_t badcol = 1;
    int nf = split(line, n, f, &badcol);
    if (nf < 0) {
        *why = "a quote in the middle of a field";
        return (long)badcol;
    }
    if (nf != NFIELDS) {
        *why = nf > NFIELDS ? "more than 7 fields" : "fewer than 7 fields";
        return nf > NFIELDS ? (long)f[NFIELDS].col : (long)n + 1;
    }
    uint64_t ms;
    if (!parse_ts(f[0].s, f[0].n, &rec->ts)) {
        *why = "ts must be epoch milliseconds or YYYY-MM-DDTHH:MM:SS[.fff]Z, "
               "from 1970 to 2099";
        return (long)f[0].col;
    }
    if (!kc__parse_u64(f[1].s, f[1].n, UINT64_MAX, user)) {
        *why = "user_id must be a whole number from 0 to 18446744073709551615";
        return (long)f[1].col;
    }
    if (!kc__parse_u64(f[2].s, f[2].n, UINT64_MAX, track)) {
        *why = "track_id must be a whole number from 0 to 18446744073709551615";
        return (long)f[2].col;
    }
    for (int k = 3; k <= 4; k++) {
        bool ok = f[k].n >= 1 && f[k].n <= KC_CODE_MAX;
        for (size_t i = 0; ok && i < f[k].n; i++)
            ok = code_char((unsigned char)f[k].s[i]);
        if (!ok) {
            *why = k == 3 ? "region must be a code of 1-32 letters, digits, _ - or ."
                          : "platform must be a code of 1-32 letters, digits, _ - or .";
            return (long)f[k].col;
        }
    }
    if (f[5].n == 7 && !memcmp(f[5].s, "premium", 7))
        rec->tier = 1;
    else if (f[5].n == 4 && !memcmp(f[5].s, "free", 4))
        rec->tier = 0;
    else {
        *why = "tier must be premium or free";
        return (long)f[5].col;
    }
    if (!kc__parse_u64(f[6].s, f[6].n, UINT32_MAX, &ms)) {
        *why = "ms_played must be a whole number from 0 to 4294967295";
        return (long)f[6].col;
    }
    rec->ms = (uint32_t)ms;
    int r = kc__codes_put(&p->regions, f[3].s, f[3].n);
    int pl = kc__codes_put(&p->platforms, f[4].s, f[4].n);
    if (r < 0 || pl < 0)
        return -1;
    if (r >= KC_REGIONS_MAX || pl >= KC_PLATFORMS_MAX) {
        /* Undo the code just added, so that the dictionary stays in range. */
        if (r >= KC_REGIONS_MAX)
            codes_pop(&p->regions);
        if (pl >= KC_PLATFORMS_MAX)
            codes_pop(&p->platforms);
        *why = r >= KC_REGIONS_MAX ? "more than 65535 distinct regions in one file"
                                   : "more than 255 distinct platforms in one file";
        return (long)f[r >= KC_REGIONS_MAX ? 3 : 4].col;
    }
    rec->region = (uint16_t)r;
    rec->platform = (uint8_t)pl;
    return 0;
}

/* A whole number of 1 to 19 digits (which cannot overflow) at *s, ending at
 * `end` or a comma, no more than max; *s moves past it. false leaves the
 * field to parse_play (which also takes 20 digits). */
static inline bool fast_u64(const char **s, const char *end, uint64_t max, uint64_t *out)
{
    const char *p = *s, *stop = end - p > 19 ? p + 19 : end;
    uint64_t v = 0;
    while (p < stop && (unsigned)(*p - '0') < 10)
        v = v * 10 + (unsigned)(*p++ - '0');
    if (p == *s || (p < end && *p != ',') || v > max)
        return false;
    *s = p;
    *out = v;
    return true;
}

/* The last codes seen by a range's reader, by up to their first 8 bytes
 * (a code of at most 8 bytes, which holds no zero byte, is its key), so
 * that a known code costs no hash and no compare of strings. */
#define CODE_CACHE 64
typedef struct {
    uint64_t key[2][CODE_CACHE]; /* 0: empty */
    int idx[2][CODE_CACHE];
} codecache;

/* A region (k 0) or platform (1) code at *s up to its comma: its index in
 * c, or -1 (left to parse_play: a bad code, a full dictionary, out of
 * memory). */
static inline int fast_code(const char **s, const char *end, kc__codes *c, int limit,
                            codecache *cc, int k)
{
    const char *p = *s;
    uint64_t key = 0;
    for (; p < end && code_char((unsigned char)*p); p++)
        if (p - *s < 8)
            key |= (uint64_t)(unsigned char)*p << (8 * (p - *s));
    size_t n = (size_t)(p - *s);
    if (n < 1 || n > KC_CODE_MAX || p == end || *p != ',')
        return -1;
    size_t h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 58);
    if (n <= 8 && cc->key[k][h] == key) {
        *s = p + 1;
        return cc->idx[k][h];
    }
    int x = kc__codes_put(c, *s, n);
    if (x >= limit) {
        codes_pop(c);
        return -1;
    }
    if (x >= 0 && n <= 8) {
        cc->key[k][h] = key;
        cc->idx[k][h] = x;
    }
    *s = p + 1;
    return x;
}

/* The common line, unquoted and well formed, parsed in one pass with no
 * copy: true with rec, *user and *track set as parse_play would set them;
 * false for anything else (then parse_play reads the line again, and says
 * what is wrong with it). */
static bool fast_play(kc__plays *p, codecache *cc, const char *line, size_t n,
                      kc__play *rec, uint64_t *user, uint64_t *track)
{
    const char *s = line, *end = line + n;
    uint64_t ts, ms;
    if (fast_u64(&s, end, (uint64_t)KC_TS_MAX - 1, &ts)) {
        rec->ts = (int64_t)ts; /* epoch milliseconds, as parse_ts reads them */
    } else {
        const char *comma = memchr(s, ',', n);
        if (!comma || !parse_ts(s, (size_t)(comma - s), &rec->ts))
            return false;
        s = comma;
    }
    if (s++ == end)
        return false;
    if (!fast_u64(&s, end, UINT64_MAX, user) || s++ == end ||
        !fast_u64(&s, end, UINT64_MAX, track) || s++ == end)
        return false;
    int r = fast_code(&s, end, &p->regions, KC_REGIONS_MAX, cc, 0);
    int pl = r < 0 ? -1 : fast_code(&s, end, &p->platforms, KC_PLATFORMS_MAX, cc, 1);
    if (pl < 0)
        return false;
    if (end - s > 8 && !memcmp(s, "premium,", 8))
        rec->tier = 1, s += 8;
    else if (end - s > 5 && !memcmp(s, "free,", 5))
        rec->tier = 0, s += 5;
    else
        return false;
    if (!fast_u64(&s, end, UINT32_MAX, &ms) || s != end)
        return false;
    rec->ms = (uint32_t)ms;
    rec->region = (uint16_t)r;
    rec->platform = (uint8_t)pl;
    return true;
}

/* ---- a range's ids ----------------------------------------------------- */

typedef struct {
    uint64_t id;
    uint32_t old;
} idpos;

/* Sorts v[0..n) by id (the ids distinct), least significant byte first,
 * skipping the bytes every id shares; tmp has room for n. Returns the
 * sorted array, v or tmp. */
static idpos *radix_idpos(idpos *v, idpos *tmp, size_t n)
{
    size_t count[8][256] = {{0}};
    for (size_t i = 0; i < n; i++)
        for (int b = 0; b < 8; b++)
            count[b][(v[i].id >> (8 * b)) & 255]++;
    for (int b = 0; b < 8; b++) {
        size_t *c = count[b];
        if (n && c[(v[0].id >> (8 * b)) & 255] == n)
            continue; /* one value in this byte: the pass would not move */
        size_t at = 0;
        for (int k = 0; k < 256; k++) {
            size_t m = c[k];
            c[k] = at;
            at += m;
        }
        for (size_t i = 0; i < n; i++)
            tmp[c[(v[i].id >> (8 * b)) & 255]++] = v[i];
        idpos *swap = v;
        v = tmp;
        tmp = swap;
    }
    return v;
}

/* Fills d->ids (n ids, sorted) and map[old] = new from v[0..n), which it
 * frees. -1 when out of memory (v freed all the same). */
static int sorted_ids(idpos *v, size_t n, kc__dict *d, uint32_t *map)
{
    idpos *tmp = kc__malloc((n + 1) * sizeof *tmp);
    if (!tmp) {
        free(v);
        return -1;
    }
    idpos *s = radix_idpos(v, tmp, n);
    for (size_t i = 0; i < n; i++) {
        map[s[i].old] = (uint32_t)i;
        d->ids[i] = s[i].id;
    }
    free(v);
    free(tmp);
    return 0;
}

/* The user or track ids of one range as they are read: an open-addressing
 * hash whose slots hold the id itself beside its index (three 32-bit words:
 * id low, id high, index + 1 with 0 for empty), so that a lookup touches
 * one slot's memory, which the reader prefetches a batch of lines ahead.
 * It becomes a sorted kc__dict at the end of the range (ids_sorted). */
typedef struct {
    uint32_t *slot;
    size_t n, nslots;
} idhash;

#define IDS_LOAD_NUM 7 /* at most 7/10 of the slots in use */
#define IDS_LOAD_DEN 10

static int ids_grow(idhash *h, size_t want)
{
    size_t ns = h->nslots ? h->nslots : 1u << 16;
    while (want * IDS_LOAD_DEN > ns * IDS_LOAD_NUM)
        ns *= 2;
    if (ns == h->nslots)
        return 0;
    /* Written before it is read: a calloc'd block read first maps the zero
     * page, and each later write then costs a copy and a flush of every
     * core's TLB. */
    uint32_t *slot = kc__malloc(ns * 3 * sizeof *slot);
    if (!slot)
        return -1;
#ifdef MADV_HUGEPAGE
    /* Large pages for its whole-page part: its lookups are random, and
     * with small pages most of them would miss the TLB as well. */
    uintptr_t from = ((uintptr_t)slot + (2u << 20) - 1) & ~(uintptr_t)((2u << 20) - 1);
    uintptr_t to =
        ((uintptr_t)slot + ns * 3 * sizeof *slot) & ~(uintptr_t)((2u << 20) - 1);
    if (to > from)
        madvise((void *)from, to - from, MADV_HUGEPAGE);
#endif
    memset(slot, 0, ns * 3 * sizeof *slot);
    for (size_t i = 0; i < h->nslots; i++) {
        const uint32_t *o = h->slot + 3 * i;
        if (!o[2])
            continue;
        size_t k = kc__mix64((uint64_t)o[1] << 32 | o[0]) & (ns - 1);
        while (slot[3 * k + 2])
            k = (k + 1) & (ns - 1);
        memcpy(slot + 3 * k, o, 3 * sizeof *o);
    }
    free(h->slot);
    h->slot = slot;
    h->nslots = ns;
    return 0;
}

/* The index of id (hashed to hv), added if new; room was made before. */
static inline uint32_t ids_put(idhash *h, uint64_t id, uint64_t hv)
{
    size_t mask = h->nslots - 1;
    uint32_t lo = (uint32_t)id, hi = (uint32_t)(id >> 32);
    for (size_t k = hv & mask;; k = (k + 1) & mask) {
        uint32_t *s = h->slot + 3 * k;
        if (!s[2]) {
            s[0] = lo;
            s[1] = hi;
            s[2] = (uint32_t)++h->n;
            return s[2] - 1;
        }
        if (s[0] == lo && s[1] == hi)
            return s[2] - 1;
    }
}

/* Turns h into d (its ids sorted) with map[index in h] = index in d, and
 * frees h. The radix sort's second array is the hash's own block (its 12
 * bytes a slot at most 7/10 full hold 16 bytes an id), and the sorted ids
 * are packed where they were sorted, so that the peak is the hash and one
 * array. -1 when out of memory. */
static int ids_sorted(idhash *h, kc__dict *d, uint32_t *map)
{
    size_t n = h->n;
    idpos *v = kc__malloc((n + 1) * sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0, k = 0; i < h->nslots; i++) {
        const uint32_t *s = h->slot + 3 * i;
        if (s[2])
            v[k++] = (idpos){(uint64_t)s[1] << 32 | s[0], s[2] - 1};
    }
    idpos *tmp = (idpos *)(void *)h->slot, *sorted = n ? radix_idpos(v, tmp, n) : v;
    for (size_t i = 0; i < n; i++) {
        uint64_t id = sorted[i].id;
        map[sorted[i].old] = (uint32_t)i;
        memcpy((char *)sorted + 8 * i, &id, 8); /* behind what is still read */
    }
    free(sorted == v ? (void *)h->slot : (void *)v);
    h->slot = NULL;
    h->nslots = 0;
    memset(d, 0, sizeof *d);
    uint64_t *ids = kc__realloc(sorted, (n + 1) * sizeof *ids);
    d->ids = ids ? ids : (uint64_t *)(void *)sorted;
    d->n = d->cap = n;
    return 0;
}

int kc__plays_push(kc__plays *p, const kc__play *rec)
{
    if (p->n == p->memcap) {
        size_t nc = p->memcap ? p->memcap * 2 : 65536;
        kc__play *m = kc__realloc(p->mem, nc * sizeof *m);
        if (!m)
            return -1;
        p->mem = m;
        p->memcap = nc;
    }
    p->mem[p->n++] = *rec;
    if (p->n == 1 || rec->ts < p->ts_min)
        p->ts_min = rec->ts;
    if (p->n == 1 || rec->ts > p->ts_max)
        p->ts_max = rec->ts;
    return 0;
}

/* A malformed line found by a range reader, reported once every range is
 * read (so that its line number can be made absolute). */
typedef struct {
    uint64_t line; /* within the range, from 1 */
    long col;
    const char *why; /* static text */
} badline;

/* One range of a CSV file, read by one thread into its own plays. */
typedef struct {
    kc__plays *p;
    int fd;
    const char *path;
    uint64_t start, end; /* bytes [start, end) */
    bool header;         /* the range starts with the header line */
    bool skip;           /* note bad lines and go on, or stop at the first */
    uint64_t lines;      /* lines read */
    badline *bad;
    size_t nbad, badcap;
    bool fatal;            /* the last bad line stopped the range */
    idhash users, tracks;  /* the ids as they are read */
    uint32_t *umap, *tmap; /* index in the hash -> in the file's dictionary */
    int rc;                /* KC_ENOMEM, KC_EIO (err says) or KC_EINPUT (see bad) */
    char err[256];
} range;

static int note_bad(range *r, uint64_t line, long col, const char *why, bool fatal)
{
    if (r->nbad == r->badcap) {
        size_t nc = r->badcap ? r->badcap * 2 : 16;
        badline *v = kc__realloc(r->bad, nc * sizeof *v);
        if (!v) {
            snprintf(r->err, sizeof r->err, "%s: out of memory", r->path);
            return r->rc = KC_ENOMEM;
        }
        r->bad = v;
        r->badcap = nc;
    }
    r->bad[r->nbad++] = (badline){line, col, why};
    if (fatal || !r->skip) {
        r->fatal = true;
        return r->rc = KC_EINPUT;
    }
    return KC_OK;
}

/* Plays read whose ids are not yet coded: a batch's slots are prefetched
 * together, so that their cache misses overlap. */
#define BATCH 32
typedef struct {
    uint64_t at[BATCH]; /* the play's index in the range's plays */
    uint64_t user[BATCH], track[BATCH];
    size_t n;
} batch;

/* Codes the batch's ids into r's hashes and sets its plays' indexes. -1
 * when out of memory. */
static int batch_flush(range *r, batch *b)
{
    if (r->users.n + BATCH >= UINT32_MAX - 1 || r->tracks.n + BATCH >= UINT32_MAX - 1 ||
        ids_grow(&r->users, r->users.n + BATCH) ||
        ids_grow(&r->tracks, r->tracks.n + BATCH))
        return -1;
    uint64_t hu[BATCH], ht[BATCH];
    size_t mu = r->users.nslots - 1, mt = r->tracks.nslots - 1;
    for (size_t i = 0; i < b->n; i++) {
        hu[i] = kc__mix64(b->user[i]);
        ht[i] = kc__mix64(b->track[i]);
        __builtin_prefetch(r->users.slot + 3 * (hu[i] & mu), 1);
        __builtin_prefetch(r->tracks.slot + 3 * (ht[i] & mt), 1);
    }
    kc__play *mem = r->p->mem;
    for (size_t i = 0; i < b->n; i++) {
        mem[b->at[i]].user = ids_put(&r->users, b->user[i], hu[i]);
        mem[b->at[i]].track = ids_put(&r->tracks, b->track[i], ht[i]);
    }
    b->n = 0;
    return 0;
}

/* Sorts the range's dictionaries into its plays', with r->umap and r->tmap
 * mapping the hashes' indexes to them (the plays are recoded once the
 * file's dictionaries are known: csv_recode). -1 when out of memory. */
static int range_sort(range *r)
{
    kc__plays *p = r->p;
    r->umap = kc__malloc((r->users.n + 1) * sizeof *r->umap);
    r->tmap = kc__malloc((r->tracks.n + 1) * sizeof *r->tmap);
    if (!r->umap || !r->tmap || ids_sorted(&r->users, &p->users, r->umap) ||
        ids_sorted(&r->tracks, &p->tracks, r->tmap))
        return -1;
    return 0;
}

/* Recodes a range's plays through r->umap and r->tmap, which it frees. */
static void *csv_recode(void *arg)
{
    range *r = arg;
    kc__play *m = r->p->mem;
    const uint32_t *um = r->umap, *tm = r->tmap;
    for (uint64_t i = 0; i < r->p->n; i++) {
        m[i].user = um[m[i].user];
        m[i].track = tm[m[i].track];
    }
    free(r->umap);
    free(r->tmap);
    r->umap = r->tmap = NULL;
    return NULL;
}

/* Makes the first range's dictionaries the whole file's (its ranges'
 * merged, in the ranges' order) and the others share them; composes each
 * range's maps into them. -1 out of memory, -2 too many ids. */
static int csv_dicts(range *r, size_t n)
{
    const kc__dict **d = kc__malloc((n + 1) * sizeof *d);
    uint32_t **maps = kc__calloc(n + 1, sizeof *maps);
    int rc = d && maps ? 0 : -1;
    for (int k = 0; k < 2 && !rc; k++) {
        for (size_t s = 0; s < n; s++)
            d[s] = k ? &r[s].p->tracks : &r[s].p->users;
        kc__dict all;
        if ((rc = kc__dicts_merge(d, n, &all, maps)))
            break;
        for (size_t s = 0; s < n; s++) {
            uint32_t *m = k ? r[s].tmap : r[s].umap;
            for (size_t i = 0; i < d[s]->n; i++)
                m[i] = maps[s][m[i]];
            free(maps[s]);
            maps[s] = NULL;
        }
        for (size_t s = 0; s < n; s++) {
            kc__dict *own = k ? &r[s].p->tracks : &r[s].p->users;
            kc__dict_free(own);
            *own = all;
            r[s].p->dicts_shared = s > 0; /* the first range owns both */
        }
    }
    for (size_t s = 1; rc && s < n; s++)
        if (r[s].p->dicts_shared) /* its tracks are still its own */
            kc__dict_free(&r[s].p->tracks);
    for (size_t s = 0; maps && s < n; s++)
        free(maps[s]);
    free(maps);
    free(d);
    return rc;
}

/* Reads the plays of a range of a CSV file into r->p (sorted at the end). */
static void *read_range(void *arg)
{
    range *r = arg;
    kc__plays *p = r->p;
    batch b;
    b.n = 0;
    codecache *cc = kc__calloc(1, sizeof *cc);
    if (!cc) {
        snprintf(r->err, sizeof r->err, "%s: out of memory", r->path);
        r->rc = KC_ENOMEM;
        return NULL;
    }
    char *buf = kc__malloc(READ_BLOCK + 1);
    if (!buf) {
        free(cc);
        snprintf(r->err, sizeof r->err, "%s: out of memory", r->path);
        r->rc = KC_ENOMEM;
        return NULL;
    }
    size_t len = 0, pos = 0;
    uint64_t at = r->start; /* file offset of buf[len] */
    bool eof = false;
    while (!r->rc) {
        char *nl = memchr(buf + pos, '\n', len - pos);
        if (!nl && !eof) {
            if (len - pos > KC_PLAYS_LINE_MAX) {
                note_bad(r, r->lines + 1, 1, "a line longer than 4096 bytes", true);
                break;
            }
            memmove(buf, buf + pos, len - pos);
            len -= pos;
            pos = 0;
            size_t want = READ_BLOCK - len;
            if (r->end - at < want)
                want = (size_t)(r->end - at);
            ssize_t got = 0;
            if (want) {
                do
                    got = pread(r->fd, buf + len, want, (off_t)at);
                while (got < 0 && errno == EINTR);
            }
            if (got < 0) {
                snprintf(r->err, sizeof r->err, "%s: read error: %s", r->path,
                         strerror(errno));
                r->rc = KC_EIO;
            } else if (got == 0) {
                eof = true;
            }
            len += got > 0 ? (size_t)got : 0;
            at += got > 0 ? (uint64_t)got : 0;
            continue;
        }
        if (!nl && pos == len)
            break; /* the end */
        char *line = buf + pos;
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl != NULL);
        r->lines++;
        if (n > KC_PLAYS_LINE_MAX) {
            note_bad(r, r->lines, 1, "a line longer than 4096 bytes", true);
            break;
        }
        if (n && line[n - 1] == '\r')
            n--;
        if (r->header && r->lines == 1) {
            if (n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3))
                line += 3, n -= 3;
            if (n != sizeof header - 1 || memcmp(line, header, n))
                note_bad(r, 1, 1,
                         "expected the header "
                         "ts,user_id,track_id,region,platform,tier,ms_played",
                         true);
            continue;
        }
        if (n == 0 && !nl)
            break;
        kc__play rec = {0};
        uint64_t user = 0, track = 0;
        const char *why = "an empty line";
        long col = 0;
        if (n == 0)
            col = 1;
        else if (!fast_play(p, cc, line, n, &rec, &user, &track))
            col = parse_play(p, line, n, &rec, &user, &track, &why);
        if (col == 0 && b.n == BATCH && batch_flush(r, &b))
            col = -1;
        if (col == 0) {
            b.at[b.n] = p->n;
            b.user[b.n] = user;
            b.track[b.n++] = track;
        }
        if (col < 0 || (col == 0 && kc__plays_push(p, &rec))) {
            snprintf(r->err, sizeof r->err, "%s: out of memory", r->path);
            r->rc = KC_ENOMEM;
        } else if (col > 0) {
            note_bad(r, r->lines, col, why, false);
        }
    }
    free(buf);
    free(cc);
    if (!r->rc && (batch_flush(r, &b) || range_sort(r))) {
        snprintf(r->err, sizeof r->err, "%s: out of memory", r->path);
        r->rc = KC_ENOMEM;
    }
    free(r->users.slot);
    free(r->tracks.slot);
    r->users.slot = r->tracks.slot = NULL;
    return NULL;
}

#define RANGE_MIN (4u << 20) /* a CSV file is split in ranges this big at least */
#define RANGES_MAX 64

/* The offset just past the first newline at or after `at`, or 0 when there
 * is none within a line's length (the file is then read whole). */
static uint64_t line_start(int fd, uint64_t at)
{
    char b[KC_PLAYS_LINE_MAX + 2];
    ssize_t got = pread(fd, b, sizeof b, (off_t)at);
    char *nl = got > 0 ? memchr(b, '\n', (size_t)got) : NULL;
    return nl ? at + (uint64_t)(nl - b) + 1 : 0;
}

/* Reads the CSV plays of fd (named path, size bytes) on up to `threads`
 * threads, one range of lines each, into *out (an array of *n plays, each
 * sorted). Malformed lines are reported in file order once all is read. */
static int read_csv(int fd, const char *path, uint64_t size, int threads,
                    const kc__badpolicy *bad, kc__plays **out, size_t *nout, char *err,
                    size_t errlen)
{
    if (size == 0) {
        snprintf(err, errlen, "%s:1:1: an empty file; expected the header %s", path,
                 header);
        return KC_EINPUT;
    }
    uint64_t cut[RANGES_MAX + 1];
    size_t n = 1;
    cut[0] = 0;
    int want = threads < 1 ? 1 : threads > RANGES_MAX ? RANGES_MAX : threads;
    if ((uint64_t)want * RANGE_MIN > size)
        want = (int)(size / RANGE_MIN) + 1;
    for (int k = 1; k < want; k++) {
        uint64_t c = line_start(fd, size / (uint64_t)want * (uint64_t)k);
        if (!c) {
            n = 1; /* a very long line: one reader finds and reports it */
            break;
        }
        if (c > cut[n - 1] && c < size)
            cut[n++] = c;
    }
    cut[n] = size;
    kc__plays *v = kc__calloc(n, sizeof *v);
    range *r = kc__calloc(n, sizeof *r);
    pthread_t tid[RANGES_MAX];
    bool started[RANGES_MAX] = {false};
    if (!v || !r) {
        free(v);
        free(r);
        snprintf(err, errlen, "%s: out of memory", path);
        return KC_ENOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        v[k].fd = -1;
        r[k] = (range){.p = &v[k],
                       .fd = fd,
                       .path = path,
                       .start = cut[k],
                       .end = cut[k + 1],
                       .header = k == 0,
                       .skip = bad && bad->on_bad};
    }
    for (size_t k = 1; k < n; k++)
        started[k] = pthread_create(&tid[k], NULL, read_range, &r[k]) == 0;
    read_range(&r[0]);
    for (size_t k = 1; k < n; k++) {
        if (started[k])
            pthread_join(tid[k], NULL);
        else
            read_range(&r[k]);
    }
    /* Report in file order: the first failure stops; with skipping, every
     * bad line up to it is reported and counted. */
    int rc = KC_OK;
    uint64_t base = 0;
    for (size_t k = 0; k < n && !rc; k++) {
        for (size_t i = 0; i < r[k].nbad && !rc; i++) {
            const badline *b = &r[k].bad[i];
            snprintf(err, errlen, "%s:%llu:%ld: %s", path,
                     (unsigned long long)(base + b->line), b->col, b->why);
            if (r[k].fatal && i + 1 == r[k].nbad) {
                rc = KC_EINPUT;
            } else {
                bad->on_bad(bad->ctx, err);
                if (bad->bad)
                    ++*bad->bad;
                err[0] = '\0';
            }
        }
        if (!rc && r[k].rc) {
            snprintf(err, errlen, "%s", r[k].err);
            rc = r[k].rc;
        }
        base += r[k].lines;
    }
    /* One dictionary for the file: the plays recoded into it on the
     * threads again. */
    int dr = rc || n == 1 ? 0 : csv_dicts(r, n);
    if (dr) {
        snprintf(err, errlen, "%s: %s", path,
                 dr == -2 ? "more than 4294967294 users or tracks" : "out of memory");
        rc = dr == -2 ? KC_ETOOBIG : KC_ENOMEM;
    }
    if (!rc) {
        for (size_t k = 1; k < n; k++)
            started[k] = pthread_create(&tid[k], NULL, csv_recode, &r[k]) == 0;
        csv_recode(&r[0]);
        for (size_t k = 1; k < n; k++) {
            if (started[k])
                pthread_join(tid[k], NULL);
            else
                csv_recode(&r[k]);
        }
    }
    for (size_t k = 0; k < n; k++) {
        free(r[k].bad);
        free(r[k].umap);
        free(r[k].tmap);
    }
    free(r);
    if (rc) {
        for (size_t k = 0; k < n; k++)
            kc__plays_free(&v[k]);
        free(v);
        return rc;
    }
    for (size_t k = 0; k < n; k++)
        if (!(v[k].path = kc__strdup(path))) {
            for (size_t j = 0; j < n; j++)
                kc__plays_free(&v[j]);
            free(v);
            snprintf(err, errlen, "%s: out of memory", path);
            return KC_ENOMEM;
        }
    *out = v;
    *nout = n;
    return KC_OK;
}

/* ---- the binary format ------------------------------------------------- */

static uint32_t get32(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
           (uint32_t)b[3] << 24;
}

static uint64_t get64(const unsigned char *b)
{
    return (uint64_t)get32(b) | (uint64_t)get32(b + 4) << 32;
}

static void put32(unsigned char *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b[i] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *b, uint64_t v)
{
    put32(b, (uint32_t)v);
    put32(b + 4, (uint32_t)(v >> 32));
}

static int pread_all(int fd, void *buf, size_t n, uint64_t off)
{
    char *b = buf;
    while (n) {
        ssize_t got = pread(fd, b, n, (off_t)off);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return got < 0 ? -1 : 1;
        b += got;
        n -= (size_t)got;
        off += (uint64_t)got;
    }
    return 0;
}

/* Reads the binary file's header and dictionaries (the records stay on
 * disk, read by kc__plays_read). */
static int read_binary(kc__plays *p, int fd, const char *path, char *err, size_t errlen)
{
    unsigned char h[KC_PLAYS_HEADER];
    struct stat sb;
    if (fstat(fd, &sb) || pread_all(fd, h, sizeof h, 0)) {
        snprintf(err, errlen, "%s: byte 0: a binary plays file shorter than its header",
                 path);
        return KC_EINPUT;
    }
    uint64_t size = (uint64_t)sb.st_size;
    uint32_t version = get32(h + 8), recsize = get32(h + 12);
    uint64_t n = get64(h + 16);
    int64_t tmin = (int64_t)get64(h + 24), tmax = (int64_t)get64(h + 32);
    uint32_t nusers = get32(h + 40), ntracks = get32(h + 44);
    uint32_t nregions = get32(h + 48), nplatforms = get32(h + 52);
    const char *why = NULL;
    uint64_t at = 8;
    if (version != 1)
        why = "unknown format version (this kchart reads version 1)";
    else if ((at = 12, recsize != sizeof(kc__play)))
        why = "record size is not 24";
    else if ((at = 16, n > (size - KC_PLAYS_HEADER) / sizeof(kc__play)))
        why = "more records than the file holds";
    else if ((at = 24, n && (tmin < 0 || tmax >= KC_TS_MAX || tmin > tmax)))
        why = "time range out of order or outside 1970-2099";
    else if ((at = 40, nregions > KC_REGIONS_MAX || nplatforms > KC_PLATFORMS_MAX))
        why = "too many regions or platforms";
    if (why) {
        snprintf(err, errlen, "%s: byte %llu: %s", path, (unsigned long long)at, why);
        return KC_EINPUT;
    }
    uint64_t off = KC_PLAYS_HEADER + n * sizeof(kc__play);
    uint64_t ids = (uint64_t)nusers + ntracks;
    if (ids > (size - off) / 8) {
        snprintf(err, errlen, "%s: byte %llu: truncated: the dictionaries are missing",
                 path, (unsigned long long)size);
        return KC_EINPUT;
    }
    uint64_t codes_at = off + ids * 8, codes_len = size - codes_at;
    if (codes_len > (uint64_t)(nregions + nplatforms) * (KC_CODE_MAX + 1)) {
        snprintf(err, errlen, "%s: byte %llu: bytes after the dictionaries", path,
                 (unsigned long long)codes_at);
        return KC_EINPUT;
    }
    /* The dictionaries are sorted, each id once: read straight into their
     * arrays (the host is little-endian, as the file), checked in one pass,
     * and kept as arrays (a single file needs no hash of them). */
    unsigned char *d = kc__malloc(codes_len + 1);
    if (!d) {
        snprintf(err, errlen, "%s: out of memory", path);
        return KC_ENOMEM;
    }
    int rc = KC_OK;
    if (pread_all(fd, d, codes_len, off + ids * 8)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = KC_EIO;
    }
    /* The users' ids matter only when files are merged: they are checked
     * here in passing and read when wanted (kc__plays_users). */
    p->users.n = nusers;
    p->users_at = off;
    uint64_t prev = 0;
    for (uint64_t i = 0; !rc && i < nusers; i += 8192) {
        uint64_t chunk[8192];
        size_t m = nusers - i < 8192 ? (size_t)(nusers - i) : 8192;
        if (pread_all(fd, chunk, m * 8, off + i * 8)) {
            snprintf(err, errlen, "%s: read error", path);
            rc = KC_EIO;
        }
        for (size_t j = 0; !rc && j < m; j++) {
            if (i + j > 0 && chunk[j] <= prev) {
                snprintf(err, errlen,
                         "%s: byte %llu: the users dictionary is not in increasing order",
                         path, (unsigned long long)(off + (i + j) * 8));
                rc = KC_EINPUT;
            }
            prev = chunk[j];
        }
    }
    uint64_t from = off + nusers * 8ULL;
    kc__dict *dict = &p->tracks;
    if (!rc && !(dict->ids = kc__malloc((ntracks + 1) * sizeof *dict->ids))) {
        snprintf(err, errlen, "%s: out of memory", path);
        rc = KC_ENOMEM;
    }
    if (!rc) {
        dict->n = dict->cap = ntracks;
        if (pread_all(fd, dict->ids, ntracks * 8, from)) {
            snprintf(err, errlen, "%s: read error", path);
            rc = KC_EIO;
        }
    }
    for (size_t i = 1; !rc && i < ntracks; i++)
        if (dict->ids[i] <= dict->ids[i - 1]) {
            snprintf(err, errlen,
                     "%s: byte %llu: the tracks dictionary is not in increasing order",
                     path, (unsigned long long)(from + 8 * i));
            rc = KC_EINPUT;
        }
    size_t c = 0;
    const unsigned char *cs = d;
    for (uint32_t i = 0; !rc && i < nregions + nplatforms; i++) {
        kc__codes *codes = i < nregions ? &p->regions : &p->platforms;
        size_t len = c < codes_len ? cs[c] : 0;
        bool ok = c + 1 + len <= codes_len && len >= 1 && len <= KC_CODE_MAX;
        for (size_t k = 0; ok && k < len; k++)
            ok = code_char(cs[c + 1 + k]);
        size_t before = codes->n;
        if (ok && kc__codes_put(codes, (const char *)cs + c + 1, len) < 0) {
            snprintf(err, errlen, "%s: out of memory", path);
            rc = KC_ENOMEM;
        } else if (!ok || codes->n == before) {
            snprintf(err, errlen, "%s: byte %llu: a bad or repeated %s code", path,
                     (unsigned long long)(codes_at + c),
                     i < nregions ? "region" : "platform");
            rc = KC_EINPUT;
        }
        c += 1 + len;
    }
    if (!rc && c != codes_len) {
        snprintf(err, errlen, "%s: byte %llu: bytes after the dictionaries", path,
                 (unsigned long long)(codes_at + c));
        rc = KC_EINPUT;
    }
    free(d);
    if (!rc) {
        p->offset = KC_PLAYS_HEADER;
        p->n = n;
        p->ts_min = n ? tmin : 0;
        p->ts_max = n ? tmax : 0;
    }
    return rc;
}

int kc__plays_load(const char *path, int threads, const kc__badpolicy *bad,
                   kc__plays **out, size_t *n, char *err, size_t errlen)
{
    *out = NULL;
    *n = 0;
    int fd;
    struct stat sb;
    int orc = kc__open_regular(path, &fd, err, errlen);
    if (orc)
        return orc;
    if (fstat(fd, &sb)) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        close(fd);
        return KC_EIO;
    }
    char magic[8];
    if (!pread_all(fd, magic, 8, 0) && !memcmp(magic, KC_PLAYS_MAGIC, 8)) {
        kc__plays *p = kc__calloc(1, sizeof *p);
        if (!p || !(p->path = kc__strdup(path))) {
            free(p);
            close(fd);
            snprintf(err, errlen, "%s: out of memory", path);
            return KC_ENOMEM;
        }
        p->fd = fd;
        int rc = read_binary(p, fd, path, err, errlen);
        if (rc) {
            kc__plays_free(p);
            free(p);
            return rc;
        }
        *out = p;
        *n = 1;
        return KC_OK;
    }
    int rc = read_csv(fd, path, (uint64_t)sb.st_size, threads, bad, out, n, err, errlen);
    close(fd);
    return rc;
}

int kc__dicts_merge(const kc__dict **d, size_t n, kc__dict *out, uint32_t **maps)
{
    size_t total = 0;
    for (size_t s = 0; s < n; s++)
        total += d[s]->n;
    uint64_t *all = kc__malloc((total + 1) * sizeof *all),
             *tmp = kc__malloc((total + 1) * sizeof *tmp);
    int rc = all && tmp ? 0 : -1;
    size_t m = 0;
    for (size_t s = 0; s < n && !rc; s++) {
        /* all = all merged with d[s], both sorted */
        size_t i = 0, j = 0, k = 0;
        const uint64_t *b = d[s]->ids;
        while (i < m || j < d[s]->n) {
            if (j == d[s]->n || (i < m && all[i] < b[j]))
                tmp[k++] = all[i++];
            else if (i == m || b[j] < all[i])
                tmp[k++] = b[j++];
            else
                tmp[k++] = all[i++], j++;
        }
        uint64_t *swap = all;
        all = tmp;
        tmp = swap;
        m = k;
    }
    free(tmp);
    if (!rc && m > UINT32_MAX - 1)
        rc = -2;
    for (size_t s = 0; s < n && !rc; s++) {
        if (!(maps[s] = kc__malloc((d[s]->n + 1) * sizeof *maps[s]))) {
            rc = -1;
            break;
        }
        for (size_t i = 0, j = 0; i < d[s]->n; i++) {
            while (all[j] < d[s]->ids[i])
                j++;
            maps[s][i] = (uint32_t)j;
        }
    }
    if (rc) {
        free(all);
        return rc;
    }
    memset(out, 0, sizeof *out);
    out->ids = all;
    out->n = out->cap = m;
    return 0;
}

int kc__plays_merge(kc__plays *v, size_t n, kc__plays *out)
{
    memset(out, 0, sizeof *out);
    out->fd = -1;
    if (n == 1 && v[0].fd < 0) { /* one set in memory: take it over */
        *out = v[0];
        memset(&v[0], 0, sizeof v[0]);
        v[0].fd = -1;
        return KC_OK;
    }
    const kc__dict **d = kc__malloc((n + 1) * sizeof *d);
    uint32_t **um = kc__calloc(n + 1, sizeof *um), **tm = kc__calloc(n + 1, sizeof *tm);
    uint16_t *rmap = kc__malloc(KC_REGIONS_MAX * sizeof *rmap);
    uint8_t *pmap = kc__malloc(KC_PLATFORMS_MAX);
    int rc = d && um && tm && rmap && pmap ? KC_OK : KC_ENOMEM;
    for (int k = 0; k < 2 && !rc; k++) {
        for (size_t s = 0; s < n; s++)
            d[s] = k ? &v[s].tracks : &v[s].users;
        int r = kc__dicts_merge(d, n, k ? &out->tracks : &out->users, k ? tm : um);
        rc = r == -2 ? KC_ETOOBIG : r ? KC_ENOMEM : KC_OK;
    }
    uint64_t total = 0;
    for (size_t s = 0; s < n; s++)
        total += v[s].n;
    if (!rc && !(out->mem = kc__malloc((total + 1) * sizeof *out->mem)))
        rc = KC_ENOMEM;
    for (size_t s = 0; s < n && !rc; s++) {
        const kc__plays *p = &v[s];
        for (size_t i = 0; i < p->regions.n && !rc; i++) {
            int x = kc__codes_put(&out->regions, p->regions.code[i],
                                  strlen(p->regions.code[i]));
            rc = x < 0 ? KC_ENOMEM : x >= KC_REGIONS_MAX ? KC_ETOOBIG : KC_OK;
            rmap[i] = (uint16_t)x;
        }
        for (size_t i = 0; i < p->platforms.n && !rc; i++) {
            int x = kc__codes_put(&out->platforms, p->platforms.code[i],
                                  strlen(p->platforms.code[i]));
            rc = x < 0 ? KC_ENOMEM : x >= KC_PLATFORMS_MAX ? KC_ETOOBIG : KC_OK;
            pmap[i] = (uint8_t)x;
        }
        for (uint64_t i = 0; i < p->n && !rc; i++) {
            kc__play r = p->mem[i];
            r.user = um[s][r.user];
            r.track = tm[s][r.track];
            r.region = rmap[r.region];
            r.platform = pmap[r.platform];
            out->mem[out->n++] = r;
        }
        if (p->n && (out->n == p->n || p->ts_min < out->ts_min))
            out->ts_min = p->ts_min;
        if (p->n && (out->n == p->n || p->ts_max > out->ts_max))
            out->ts_max = p->ts_max;
    }
    for (size_t s = 0; s < n; s++) {
        free(um[s]);
        free(tm[s]);
    }
    free(d);
    free(um);
    free(tm);
    free(rmap);
    free(pmap);
    if (rc)
        kc__plays_free(out);
    return rc;
}

int kc__plays_users(kc__plays *p, char *err, size_t errlen)
{
    if (p->users.ids || !p->users.n)
        return KC_OK;
    if (!(p->users.ids = kc__malloc((p->users.n + 1) * sizeof *p->users.ids))) {
        snprintf(err, errlen, "%s: out of memory", p->path);
        return KC_ENOMEM;
    }
    p->users.cap = p->users.n;
    if (pread_all(p->fd, p->users.ids, p->users.n * 8, p->users_at)) {
        snprintf(err, errlen, "%s: read error", p->path);
        return KC_EIO;
    }
    return KC_OK;
}

int kc__plays_read(const kc__plays *p, uint64_t first, size_t n, kc__play *buf,
                   const kc__play **out, char *err, size_t errlen)
{
    if (p->mem) {
        *out = p->mem + first;
        return KC_OK;
    }
    int r = pread_all(p->fd, buf, n * sizeof *buf, p->offset + first * sizeof *buf);
    if (r) {
        snprintf(err, errlen, "%s: byte %llu: %s", p->path,
                 (unsigned long long)(p->offset + first * sizeof *buf),
                 r < 0 ? strerror(errno) : "the file became shorter while read");
        return KC_EIO;
    }
    *out = buf;
    return KC_OK;
}

int kc__dict_sort(kc__dict *d, uint32_t *map)
{
    idpos *v = kc__malloc((d->n + 1) * sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i < d->n; i++)
        v[i] = (idpos){d->ids[i], (uint32_t)i};
    if (sorted_ids(v, d->n, d, map))
        return -1;
    free(d->slots); /* the hash no longer matches */
    d->slots = NULL;
    d->nslots = 0;
    return 0;
}

int kc__plays_sort(kc__plays *p)
{
    uint32_t *um = kc__malloc((p->users.n + 1) * sizeof *um);
    uint32_t *tm = kc__malloc((p->tracks.n + 1) * sizeof *tm);
    int rc = -1;
    if (um && tm && !kc__dict_sort(&p->users, um) && !kc__dict_sort(&p->tracks, tm)) {
        for (uint64_t i = 0; i < p->n; i++) {
            p->mem[i].user = um[p->mem[i].user];
            p->mem[i].track = tm[p->mem[i].track];
        }
        rc = 0;
    }
    free(um);
    free(tm);
    return rc;
}

int kc__plays_write(const kc__plays *p, const char *path, char *err, size_t errlen)
{
    size_t tl = strlen(path) + 16;
    char *tmp = kc__malloc(tl);
    if (!tmp) {
        snprintf(err, errlen, "%s: out of memory", path);
        return KC_ENOMEM;
    }
    snprintf(tmp, tl, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot create: %s", tmp, strerror(errno));
        free(tmp);
        return KC_EIO;
    }
    unsigned char h[KC_PLAYS_HEADER] = {0};
    memcpy(h, KC_PLAYS_MAGIC, 8);
    put32(h + 8, 1);
    put32(h + 12, sizeof(kc__play));
    put64(h + 16, p->n);
    put64(h + 24, (uint64_t)p->ts_min);
    put64(h + 32, (uint64_t)p->ts_max);
    put32(h + 40, (uint32_t)p->users.n);
    put32(h + 44, (uint32_t)p->tracks.n);
    put32(h + 48, (uint32_t)p->regions.n);
    put32(h + 52, (uint32_t)p->platforms.n);
    bool ok = fwrite(h, sizeof h, 1, f) == 1;
    if (ok && p->n)
        ok = fwrite(p->mem, sizeof *p->mem, p->n, f) == p->n;
    for (int k = 0; ok && k < 2; k++) {
        const kc__dict *d = k ? &p->tracks : &p->users;
        ok = !d->n || fwrite(d->ids, 8, d->n, f) == d->n;
    }
    for (int k = 0; ok && k < 2; k++) {
        const kc__codes *c = k ? &p->platforms : &p->regions;
        for (size_t i = 0; ok && i < c->n; i++) {
            unsigned char len = (unsigned char)strlen(c->code[i]);
            ok = fputc(len, f) != EOF && fwrite(c->code[i], 1, len, f) == len;
        }
    }
    ok = fflush(f) == 0 && ok;
    ok = fsync(fileno(f)) == 0 && ok;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path)) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        remove(tmp);
        free(tmp);
        return KC_EIO;
    }
    free(tmp);
    return KC_OK;
}
