/*
 * count.c: plays mode, the compile of play files on every core
 * (docs/compile.md has the figures):
 *   1. scatter: each thread reads blocks of plays, drops the short ones and
 *      writes each as a 64-bit word (track, chart period, user, tier) into
 *      one of P partitions chosen by track and chart period, so that a
 *      partition holds every play of its tracks in its chart periods;
 *   2. count: threads take partitions in turn; a partition is sorted (radix,
 *      in the core's cache) and scanned: runs of one (track, chart period),
 *      within them runs of one user, capped and summed; each sum is offered
 *      to the thread's top-N heap of its chart period;
 *   3. rank: the threads' heaps of each chart period are merged (rank.c).
 * Before them, the sources' dictionaries, charts and periods are mapped
 * into the compile's; after them, the sums are kept as partial counts when
 * asked for.
 *
 * It reads plays already loaded (kc_compile_add, compile.c) and writes
 * nothing out (results.c). Partial counts come back in through merge.c; a
 * distributed compile's rank (distributed.c) feeds the scatter round by
 * round with the plays of its tracks as they arrive (kc__feed_*, at the
 * end), rather than from files, and counts them alike.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MADV_HUGEPAGE */
#include "compile/compile.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define BLOCK_ENTRIES 510       /* entries in a partition block (4 KiB) */
#define PART_TARGET 4096        /* plays per partition we aim for */
#define PART_BITS_MAX 11        /* at most 2048 partitions */
#define ARENA_BYTES (64u << 20) /* blocks come from arenas of this size */

/* ---- partitions --------------------------------------------------------- */

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

/* ---- the threads ------------------------------------------------------- */

typedef struct worker worker;

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
    const kc__wplay *recs; /* a feed's round being scattered */
    size_t nrecs;
    atomic_size_t next_rec;
} shared;

struct worker {
    shared *sh;
    int id;
    block **head;  /* per partition: this thread's blocks */
    arena *arenas; /* where they are */
    uint64_t plays, counted;
    kc__heap **heaps; /* per chart period */
    kc__total *totals;
    size_t ntotals, totcap;
    int rc;
    /* a feed's scatter (kc__feed_add), kept from round to round: per
     * partition the current block, where its next entry goes and how many
     * more it takes */
    block **cur;
    entry **wp;
    uint32_t *room;
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

/* Starts a new block for partition `part` of w (its current one, if any,
 * left full). -1 when out of memory. */
static int next_block(worker *w, block **cur, entry **wp, uint32_t *room, uint32_t part)
{
    block *nb = block_new(&w->arenas);
    if (!nb)
        return -1;
    if (cur[part])
        cur[part]->n = BLOCK_ENTRIES;
    nb->next = w->head[part];
    w->head[part] = cur[part] = nb;
    wp[part] = nb->e;
    room[part] = BLOCK_ENTRIES;
    return 0;
}

static int scatter(worker *w)
{
    shared *sh = w->sh;
    kc_compile *c = sh->c;
    const uint32_t min_ms = c->r.min_ms, nper = c->nper, pbits = sh->pbits;
    const uint32_t pmask = sh->nparts - 1, cshift = 1 + sh->ubits;
    const uint32_t tshift = 1 + sh->ubits + sh->cbits;
    kc__play *buf = kc__malloc(KC_READ_CHUNK * sizeof *buf);
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
        uint64_t first = (k - sh->chunk_first[s]) * KC_READ_CHUNK;
        size_t n = p->n - first < KC_READ_CHUNK ? (size_t)(p->n - first) : KC_READ_CHUNK;
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
            uint32_t cp = chart * nper + sh->qper[e->ts / KC__MS_QUARTER - sh->qmin];
            uint32_t part = (t + cp * SPREAD) & pmask;
            if (__builtin_expect(!room[part], 0) && next_block(w, cur, wp, room, part)) {
                thread_fail(w, KC_ENOMEM, "out of memory");
                break;
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
        kc__total *v = kc__realloc(w->totals, nc * sizeof *v);
        if (!v)
            return -1;
        w->totals = v;
        w->totcap = nc;
    }
    w->totals[w->ntotals++] = (kc__total){cp, track, premium, free_};
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
        kc__cand x = {kc__score_of(r, sum[1], sum[0]), t};
        kc__heap *hp = w->heaps[cp];
        if ((!hp || hp->n < top || kc__above(&x, &hp->c[0])) &&
            kc__heap_offer(&w->heaps[cp], top, x))
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
    pthread_t tid[KC_THREADS_MAX];
    bool started[KC_THREADS_MAX] = {false};
    for (int t = 1; t < sh->nthreads; t++)
        started[t] = pthread_create(&tid[t], NULL, fn, &sh->w[t]) == 0;
    fn(&sh->w[0]);
    for (int t = 1; t < sh->nthreads; t++)
        if (started[t])
            pthread_join(tid[t], NULL);
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
        return kc__compile_fail(c, KC_ENOMEM, "out of memory");
    for (size_t s = 0; s < c->nplays; s++)
        d[s] = k ? &c->plays[s].tracks : &c->plays[s].users;
    int r = kc__dicts_merge(d, c->nplays, &all, map);
    free(d);
    if (r)
        return r == -2
                   ? kc__compile_fail(c, KC_ETOOBIG, "more than 4294967294 distinct %s",
                                      k ? "tracks" : "users")
                   : kc__compile_fail(c, KC_ENOMEM, "out of memory");
    *merged = all.n;
    if (k)
        c->tracks = all;
    else
        kc__dict_free(&all);
    return KC_OK;
}

/* ---- the steps --------------------------------------------------------- */

/* The sources: allocates sh's arrays of one slot a source and makes the
 * compile's users and tracks. One file's dictionaries are used as they are;
 * several files' are merged (the tracks into c->tracks) and each file's
 * indexes mapped into them (sh->umap, sh->tmap). The message on c on
 * failure. */
static int map_sources(kc_compile *c, shared *sh)
{
    int rc = KC_OK;
    size_t ns = c->nplays;
    sh->umap = kc__calloc(ns, sizeof *sh->umap);
    sh->tmap = kc__calloc(ns, sizeof *sh->tmap);
    sh->chart_of = kc__calloc(ns, sizeof *sh->chart_of);
    sh->chunk_first = kc__calloc(ns + 1, sizeof *sh->chunk_first);
    if (!sh->umap || !sh->tmap || !sh->chart_of || !sh->chunk_first)
        return kc__compile_fail(c, KC_ENOMEM, "out of memory");
    /* Global dictionaries: one file's are used as they are (a CSV file's
     * ranges share the first's); several files' are merged, and their
     * indexes remapped. */
    c->track_ids = &c->plays[0].tracks;
    bool one = true;
    for (size_t s = 1; s < ns; s++)
        one = one && c->plays[s].dicts_shared;
    if (!one) {
        c->track_ids = &c->tracks;
        size_t ntracks;
        for (int k = 0; k < 2 && !rc; k++)
            rc = merge_dicts(c, k ? sh->tmap : sh->umap, k,
                             k ? &ntracks : &sh->umap_users);
    }
    return rc;
}

/* The charts: every (region, platform) pair of every file, named by the
 * grouping, sorted and distinct, become c's chart list; sh->chart_of[s]
 * gets source s's chart of each pair (region * platforms + platform). The
 * message on c on failure. */
static int map_charts(kc_compile *c, shared *sh)
{
    const kc_rules *r = &c->r;
    size_t ns = c->nplays;
    size_t npairs = 0;
    for (size_t s = 0; s < ns; s++)
        npairs += c->plays[s].regions.n * c->plays[s].platforms.n;
    char(*names)[KC_CHART_NAME_MAX] = kc__malloc((npairs + 1) * sizeof *names);
    if (!names)
        return kc__compile_fail(c, KC_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t s = 0; s < ns; s++) {
        const kc__plays *p = &c->plays[s];
        for (size_t i = 0; i < p->regions.n; i++)
            for (size_t j = 0; j < p->platforms.n; j++)
                kc__chart_name(r, p->regions.code[i], p->platforms.code[j], names[k++]);
    }
    kc__set_charts(c, names, k);
    for (size_t s = 0; s < ns; s++) {
        const kc__plays *p = &c->plays[s];
        sh->chart_of[s] =
            kc__malloc((p->regions.n * p->platforms.n + 1) * sizeof(uint32_t));
        if (!sh->chart_of[s])
            return kc__compile_fail(c, KC_ENOMEM, "out of memory");
        for (size_t i = 0; i < p->regions.n; i++)
            for (size_t j = 0; j < p->platforms.n; j++) {
                char name[KC_CHART_NAME_MAX];
                kc__chart_name(r, p->regions.code[i], p->platforms.code[j], name);
                sh->chart_of[s][i * p->platforms.n + j] =
                    (uint32_t)kc__find_chart(c, name);
            }
    }
    return KC_OK;
}

/* The periods of the quarter hours from tmin's to tmax's (ms, tmin <=
 * tmax): sh->qmin, sh->qper (the period, relative, of each quarter hour
 * from qmin) and the chart periods (c->pmin, c->nper, sh->ncp). KC_ETOOBIG
 * (and why, on c) when there are more than KC_CP_MAX chart periods. */
static int map_quarters(kc_compile *c, shared *sh, int64_t tmin, int64_t tmax)
{
    const kc_rules *r = &c->r;
    sh->qmin = tmin / KC__MS_QUARTER;
    size_t nq = (size_t)(tmax / KC__MS_QUARTER - sh->qmin + 1);
    int32_t *off = kc__malloc(nq * sizeof *off);
    sh->qper = kc__malloc(nq * sizeof *sh->qper);
    if (!off || !sh->qper) {
        free(off);
        return kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    kc__tz_offsets(r->time_zone, sh->qmin * (KC__MS_QUARTER / 1000),
                   KC__MS_QUARTER / 1000, nq, off);
    c->pmin = kc__period_of(r, sh->qmin * KC__MS_QUARTER + off[0] * 1000LL);
    int64_t pmax = c->pmin;
    for (size_t q = 0; q < nq; q++) {
        int64_t p = kc__period_of(r, ((int64_t)sh->qmin + (int64_t)q) * KC__MS_QUARTER +
                                         off[q] * 1000LL);
        pmax = p > pmax ? p : pmax;
        sh->qper[q] = (uint32_t)(p - c->pmin);
    }
    free(off);
    if ((uint64_t)(pmax - c->pmin + 1) * c->ncharts > KC_CP_MAX)
        return kc__compile_fail(
            c, KC_ETOOBIG,
            "%zu charts over %lld periods: more than %u chart periods in one "
            "compile; compile fewer periods at a time",
            c->ncharts, (long long)(pmax - c->pmin + 1), KC_CP_MAX);
    c->nper = (uint32_t)(pmax - c->pmin + 1);
    sh->ncp = (uint32_t)c->ncharts * c->nper;
    return KC_OK;
}

/* The periods: the chunks of KC_READ_CHUNK records the threads take
 * (sh->chunk_first, sh->nchunks), then the periods the plays span
 * (map_quarters). *nplays gets the plays of all sources; when there are
 * none, the periods are left unset. The message on c on failure. */
static int map_periods(kc_compile *c, shared *sh, uint64_t *nplays)
{
    size_t ns = c->nplays;
    int64_t tmin = INT64_MAX, tmax = INT64_MIN;
    uint64_t total_plays = 0;
    for (size_t s = 0; s < ns; s++) {
        const kc__plays *p = &c->plays[s];
        sh->chunk_first[s] = sh->nchunks;
        sh->nchunks += (p->n + KC_READ_CHUNK - 1) / KC_READ_CHUNK;
        total_plays += p->n;
        if (p->n) {
            tmin = p->ts_min < tmin ? p->ts_min : tmin;
            tmax = p->ts_max > tmax ? p->ts_max : tmax;
        }
    }
    sh->chunk_first[ns] = sh->nchunks;
    *nplays = total_plays;
    return total_plays ? map_quarters(c, sh, tmin, tmax) : KC_OK;
}

/* The layout: the partitions, enough for each to count its share of
 * nplays plays in a core's cache (sh->nparts, sh->pbits), and the bits of
 * an entry (sh->ubits, sh->cbits, sh->tbits). KC_ETOOBIG (and why, on c)
 * when the users, tracks and chart periods do not fit in one. */
static int plan_entries(kc_compile *c, shared *sh, uint64_t nplays)
{
    uint32_t bits = 1;
    while (bits < PART_BITS_MAX && ((uint64_t)PART_TARGET << bits) < nplays)
        bits++;
    sh->nparts = 1u << bits;
    sh->pbits = bits;
    /* The entry layout: bits for chart periods, tracks (less those the
     * partition implies) and users; 62 at most, with the tier and a mark. */
    uint32_t ubits = 0, tbits = 0;
    size_t nusers = 0;
    for (size_t s = 0; s < c->nplays; s++)
        nusers = c->plays[s].users.n > nusers ? c->plays[s].users.n : nusers;
    if (sh->umap_users)
        nusers = sh->umap_users;
    while (ubits < 32 && (1ULL << ubits) < nusers)
        ubits++;
    sh->ubits = ubits;
    while (tbits < 32 && (1ULL << tbits) < c->track_ids->n)
        tbits++;
    while (sh->cbits < 32 && (1ULL << sh->cbits) < sh->ncp)
        sh->cbits++;
    sh->tbits = tbits > bits ? tbits - bits : 0;
    if (ubits + sh->tbits + sh->cbits > 62)
        return kc__compile_fail(
            c, KC_ETOOBIG,
            "too many users, tracks and chart periods for one compile (%u + %u + %u "
            "bits); compile disjoint sets of users with --partial and --merge them",
            ubits, sh->tbits, sh->cbits);
    return KC_OK;
}

/* The workers: gives each of nthreads workers its partitions' block lists
 * and its heaps. The message on c on failure. */
static int make_workers(kc_compile *c, shared *sh, int nthreads)
{
    int rc = KC_OK;
    sh->nthreads = nthreads;
    sh->w = kc__calloc((size_t)nthreads, sizeof *sh->w);
    if (!sh->w)
        return kc__compile_fail(c, KC_ENOMEM, "out of memory");
    for (int t = 0; t < nthreads && !rc; t++) {
        sh->w[t] = (worker){.sh = sh, .id = t};
        sh->w[t].head = kc__calloc(sh->nparts + 1, sizeof *sh->w[t].head);
        sh->w[t].heaps = kc__calloc(sh->ncp, sizeof *sh->w[t].heaps);
        if (!sh->w[t].head || !sh->w[t].heaps)
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    return rc;
}

/* The first failed worker's status (its message is on c already). */
static int workers_status(const shared *sh)
{
    for (int t = 0; t < sh->nthreads; t++)
        if (sh->w[t].rc)
            return sh->w[t].rc;
    return KC_OK;
}

/* The work: runs the scatter on nthreads workers and, unless one failed,
 * the count. With KCHART_TRACE, prints the time of each (and of the steps
 * before, since tstart). The first failure's status, its message on c. */
static int run_workers(kc_compile *c, shared *sh, int nthreads, double tstart)
{
    int rc = make_workers(c, sh, nthreads);
    double t0 = kc__now();
    if (!rc)
        on_all(sh, scatter_thread);
    double t1 = kc__now();
    if (!rc && !atomic_load(&sh->stop))
        on_all(sh, count_thread);
    if (getenv("KCHART_TRACE"))
        fprintf(stderr,
                "kchart: compile: %u partitions, setup %.3f s, scatter %.3f s, count "
                "%.3f s\n",
                sh->nparts, t0 - tstart, t1 - t0, kc__now() - t1);
    return rc ? rc : workers_status(sh);
}

/* The results: the workers' figures summed into c->st, their heaps ranked
 * into c's rows and, when kept, their totals gathered into c->totals. The
 * message on c on failure. */
static int collect(kc_compile *c, shared *sh)
{
    int rc = KC_OK;
    const int nthreads = sh->nthreads;
    for (int t = 0; t < nthreads; t++) {
        c->st.plays += sh->w[t].plays;
        c->st.counted += sh->w[t].counted;
    }
    /* heaps[k * ncp + cp] */
    kc__heap **all = kc__malloc((size_t)nthreads * sh->ncp * sizeof *all);
    if (!all) {
        rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    } else {
        for (int t = 0; t < nthreads; t++)
            memcpy(all + (size_t)t * sh->ncp, sh->w[t].heaps, sh->ncp * sizeof *all);
        rc = kc__rank_all(c, all, (size_t)nthreads, sh->ncp);
        free(all);
    }
    if (!rc && c->keep_totals) {
        size_t n = 0;
        for (int t = 0; t < nthreads; t++)
            n += sh->w[t].ntotals;
        c->totals = kc__malloc((n + 1) * sizeof *c->totals);
        if (!c->totals)
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
        for (int t = 0; t < nthreads && !rc; t++) {
            if (!sh->w[t].ntotals)
                continue; /* a thread that got no partition has no array */
            memcpy(c->totals + c->ntotals, sh->w[t].totals,
                   sh->w[t].ntotals * sizeof *c->totals);
            c->ntotals += sh->w[t].ntotals;
        }
    }
    return rc;
}

/* Frees what the steps allocated in sh, whose sources are ns. */
static void shared_free(shared *sh, size_t ns)
{
    if (sh->w) {
        for (int t = 0; t < sh->nthreads; t++) {
            worker *w = &sh->w[t];
            arenas_free(w->arenas);
            free(w->head);
            for (uint32_t cp = 0; w->heaps && cp < sh->ncp; cp++)
                free(w->heaps[cp]);
            free(w->heaps);
            free(w->totals);
            free(w->cur);
            free(w->wp);
            free(w->room);
        }
        free(sh->w);
    }
    for (size_t s = 0; s < ns; s++) {
        if (sh->umap)
            free(sh->umap[s]);
        if (sh->tmap)
            free(sh->tmap[s]);
        if (sh->chart_of)
            free(sh->chart_of[s]);
    }
    free(sh->umap);
    free(sh->tmap);
    free(sh->chart_of);
    free(sh->chunk_first);
    free(sh->qper);
}

int kc__compile_plays(kc_compile *c, int nthreads)
{
    double tstart = kc__now();
    shared sh = {.c = c};
    uint64_t nplays = 0;
    int rc = map_sources(c, &sh);
    if (!rc)
        rc = map_charts(c, &sh);
    if (!rc)
        rc = map_periods(c, &sh, &nplays);
    /* No plays: nothing to count, no charts. */
    if (!rc && nplays)
        rc = plan_entries(c, &sh, nplays);
    if (!rc && nplays)
        rc = run_workers(c, &sh, nthreads, tstart);
    if (!rc && nplays)
        rc = collect(c, &sh);
    shared_free(&sh, c->nplays);
    return rc;
}

/* ---- a count fed round by round ---------------------------------------- */

#define FEED_CHUNK 16384 /* records a thread takes at a time from a round */

/* Plays mode fed with records rather than read from files: the layout is
 * set from the job's codes, dictionaries and time range at the start, and
 * each round's records go straight into the workers' partitions. */
struct kc__feed {
    shared sh;
    pthread_t tid[KC_THREADS_MAX];
    bool started[KC_THREADS_MAX];
};

/* Scatters recs[0..n) (the job's codes and dictionaries, every one long
 * enough and in the job's time range) into w's partitions, as scatter does
 * a file's plays. -1 (the message on c) when out of memory. */
static int scatter_wire(worker *w, const kc__wplay *recs, size_t n)
{
    const shared *sh = w->sh;
    const kc_compile *c = sh->c;
    const uint32_t nper = c->nper, pbits = sh->pbits, pmask = sh->nparts - 1;
    const uint32_t cshift = 1 + sh->ubits, tshift = 1 + sh->ubits + sh->cbits;
    const uint32_t *chart_of = sh->chart_of[0], *qper = sh->qper;
    const uint32_t np = (uint32_t)c->plays[0].platforms.n;
    block **cur = w->cur;
    entry **wp = w->wp;
    uint32_t *room = w->room;
    for (size_t i = 0; i < n; i++) {
        const kc__wplay *e = &recs[i];
        uint32_t chart = chart_of[(uint32_t)e->region * np + e->platform];
        uint32_t cp = chart * nper + qper[e->quarter];
        uint32_t part = (e->track + cp * SPREAD) & pmask;
        if (__builtin_expect(!room[part], 0) && next_block(w, cur, wp, room, part)) {
            thread_fail(w, KC_ENOMEM, "out of memory");
            return -1;
        }
        *wp[part]++ = (uint64_t)(e->track >> pbits) << tshift | (uint64_t)cp << cshift |
                      (uint64_t)e->user << 1 | e->tier;
        room[part]--;
    }
    w->plays += n;
    w->counted += n;
    return 0;
}

/* Takes blocks of the round's records until none is left. */
static void *feed_thread(void *arg)
{
    worker *w = arg;
    shared *sh = w->sh;
    for (;;) {
        size_t i = atomic_fetch_add(&sh->next_rec, FEED_CHUNK);
        if (i >= sh->nrecs || atomic_load(&sh->stop))
            break;
        size_t n = sh->nrecs - i < FEED_CHUNK ? sh->nrecs - i : FEED_CHUNK;
        if (scatter_wire(w, sh->recs + i, n))
            break;
    }
    return NULL;
}

int kc__feed_open(kc_compile *c, kc__plays *job, uint64_t nplays, int nthreads,
                  kc__feed **out)
{
    *out = NULL;
    kc__feed *f = kc__calloc(1, sizeof *f);
    c->plays = kc__malloc(sizeof *c->plays);
    if (!f || !c->plays) {
        free(f);
        free(c->plays);
        c->plays = NULL;
        kc__plays_free(job);
        return kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    c->plays[0] = *job;
    c->nplays = 1;
    memset(job, 0, sizeof *job);
    job->fd = -1;
    shared *sh = &f->sh;
    sh->c = c;
    int rc = map_sources(c, sh);
    if (!rc)
        rc = map_charts(c, sh);
    if (!rc)
        rc = map_quarters(c, sh, c->plays[0].ts_min, c->plays[0].ts_max);
    if (!rc)
        rc = plan_entries(c, sh, nplays);
    if (!rc)
        rc = make_workers(c, sh, nthreads);
    for (int t = 0; t < nthreads && !rc; t++) {
        worker *w = &sh->w[t];
        w->cur = kc__calloc(sh->nparts, sizeof *w->cur);
        w->wp = kc__calloc(sh->nparts, sizeof *w->wp);
        w->room = kc__calloc(sh->nparts, sizeof *w->room);
        if (!w->cur || !w->wp || !w->room)
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    if (rc) {
        kc__feed_free(f);
        return rc;
    }
    *out = f;
    return KC_OK;
}

void kc__feed_add(kc__feed *f, const kc__wplay *recs, size_t n)
{
    shared *sh = &f->sh;
    sh->recs = recs;
    sh->nrecs = n;
    atomic_store(&sh->next_rec, 0);
    for (int t = 1; t < sh->nthreads; t++)
        f->started[t] = pthread_create(&f->tid[t], NULL, feed_thread, &sh->w[t]) == 0;
}

int kc__feed_wait(kc__feed *f)
{
    shared *sh = &f->sh;
    feed_thread(&sh->w[0]);
    for (int t = 1; t < sh->nthreads; t++)
        if (f->started[t]) {
            pthread_join(f->tid[t], NULL);
            f->started[t] = false;
        }
    sh->recs = NULL;
    sh->nrecs = 0;
    return workers_status(sh);
}

int kc__feed_count(kc__feed *f)
{
    shared *sh = &f->sh;
    double t0 = kc__now();
    for (int t = 0; t < sh->nthreads; t++)
        for (uint32_t part = 0; part < sh->nparts; part++)
            if (sh->w[t].cur[part])
                sh->w[t].cur[part]->n = BLOCK_ENTRIES - sh->w[t].room[part];
    on_all(sh, count_thread);
    if (getenv("KCHART_TRACE"))
        fprintf(stderr, "kchart: compile: %u partitions, count %.3f s\n", sh->nparts,
                kc__now() - t0);
    int rc = workers_status(sh);
    return rc ? rc : collect(sh->c, sh);
}

void kc__feed_free(kc__feed *f)
{
    if (!f)
        return;
    shared_free(&f->sh, f->sh.c->nplays);
    free(f);
}
