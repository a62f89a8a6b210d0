/*
 * distributed.c: a distributed compile, this process as one rank of an MPI
 * job (kc_compile_opts.distributed; mpirun starts the ranks, every rank
 * adds the same inputs). The steps, each a function below:
 *   1. each rank reads its share of the plays: a part of each binary file,
 *      whole CSV files in turn;
 *   2. the ranks agree on the job's region and platform codes, and on its
 *      dictionaries of users and tracks (the binary files' sorted ones,
 *      merged alike on every rank, and the CSV files', gathered), once;
 *   3. every play goes to the rank of its track as a 20-byte record of the
 *      job's codes, in bounded rounds: nothing is recoded on arrival, and
 *      each round goes straight into the rank's count (count.c's feed),
 *      scattered on the rank's other threads while the next is exchanged;
 *   4. each rank counts and ranks its tracks' plays as a compile of its own
 *      (plays mode, count.c): a track's plays are all on one rank, so its
 *      sums there are the job's (the cap is per user, track, chart, period);
 *   5. rank 0 gathers the ranked rows and keeps the top of each chart.
 * Rank 0 ends with the charts one process would make (tests/mpi/run.sh
 * checks it); every rank ends with the job's figures.
 *
 * It is only the exchanges between ranks and their order: the counting and
 * the ranking are the other modes'. Every rank makes the same collective
 * calls in the same order, failed or not; a failure on one rank is agreed
 * on by all (agree) before the next exchange. Built without MPI, it says
 * so and fails.
 */
#include "compile/compile.h"

#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#ifdef KC_HAVE_MPI
#include <mpi.h>

int kc_compile_has_mpi(void)
{
    return 1;
}

/* ---- the wire ----------------------------------------------------------- */

/* A ranked row, to rank 0 (24 bytes). */
typedef struct {
    uint32_t chart; /* index into the job's sorted chart names */
    int32_t period; /* absolute period number */
    uint64_t track;
    double score;
} wire_row;

#define WIRE_BATCH (1u << 20) /* records a rank sends in one exchange, at most */

/* The worst status of any rank (all ranks call it at the same point). When
 * another rank failed, this one says so. */
static int agree(kc_compile *c, int rc)
{
    int worst = rc;
    MPI_Allreduce(&rc, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (worst && !rc)
        kc__compile_fail(c, worst, "another rank failed (its own message says why)");
    return worst;
}

/* The rank that counts a track: every play of a track is counted on one
 * rank, so that its sums there are the job's (the cap is per user, track,
 * chart and period, which a track's rank holds whole). */
static uint32_t owner(uint32_t track, int size)
{
    /* The hash's top half scaled to [0, size): no division. */
    return (uint32_t)((kc__mix64(track) >> 32) * (uint64_t)size >> 32);
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
    /* Counts and displacements in records, not bytes: a round's kc__total
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
    qsort(v, n, sizeof *v, kc__cmp_name);
    int rc = KC_OK;
    for (size_t i = 0; i < n && !rc; i++)
        if ((i == 0 || strcmp(v[i], v[i - 1])) &&
            kc__codes_put(codes, v[i], strlen(v[i])) < 0)
            rc = KC_ENOMEM;
    free(v);
    return rc;
}

/* ---- the steps --------------------------------------------------------- */

/* A rank's share of the inputs: a binary file is split by records among the
 * ranks; a CSV file goes whole to one rank (file i to rank i mod ranks).
 * umap and tmap code its users and tracks as the job's (agree_dicts);
 * NULL when its file's dictionary is the job's. */
typedef struct {
    kc__plays *p;
    uint64_t first, n;
    const uint32_t *umap, *tmap;
} share;

static int cmp_wire_row(const void *a, const void *b)
{
    const wire_row *x = a, *y = b;
    if (x->chart != y->chart)
        return x->chart < y->chart ? -1 : 1;
    if (x->period != y->period)
        return x->period < y->period ? -1 : 1;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->track < y->track ? -1 : x->track > y->track;
}

/* One rank's state through the steps. */
typedef struct {
    kc_compile *c;
    int rank, nr; /* this rank, and the number of ranks */
    int nthreads;
    kc__plays *loaded; /* the files this rank read (step 1) */
    size_t nloaded;
    share *sh; /* this rank's share of each */
    size_t nsh;
    kc__dict gusers, gtracks; /* the job's dictionaries, sorted (2) */
    uint32_t **maps;          /* the maps that code the shares as the job's */
    size_t nmaps;
    int64_t qbase, qlast; /* the job's first and last quarter hours */
    kc__plays mine;       /* the job's codes (2), then its tracks' plays (3) */
    int *sendn;           /* records to each rank in one exchange */
    uint32_t *dest;       /* the rank each record of a round goes to (3) */
    size_t *pos;          /* where each rank's records of a round start (3) */
    kc__wplay *round;     /* a round's records, grouped by rank (3) */
    kc__wplay *in[2];     /* a round's plays of this rank's tracks, and the last's (3) */
    size_t nin[2], capin[2];
    kc__feed *feed;                     /* the count the rounds go into (3, 4) */
    char (*gcharts)[KC_CHART_NAME_MAX]; /* the job's charts, sorted (4) */
    size_t ngcharts;
    wire_row *rout;                /* the ranked rows out (5) */
    uint64_t sent, plays, counted; /* bytes sent; plays read, counted */
} job;

/* Step 1: reads this rank's share of the inputs into j->loaded, and its
 * part of each into j->sh: a binary file is split by records among the
 * ranks; CSV file i goes whole to rank i mod ranks. This rank's status, its
 * message on c; the caller agrees on it. */
static int load_share(job *j)
{
    kc_compile *c = j->c;
    int rc = KC_OK;
    kc__badpolicy bp = {c->o.on_bad ? kc__on_bad_relay : NULL, c, &c->bad};
    for (size_t i = 0; i < c->ndpaths && !rc; i++) {
        char refused[KC_ERRMSG_MAX];
        FILE *f = kc__fopen_regular(c->dpaths[i], refused, sizeof refused);
        char magic[8] = "";
        bool binary =
            f && fread(magic, 1, 8, f) == 8 && !memcmp(magic, KC_PLAYS_MAGIC, 8);
        if (f)
            fclose(f);
        if (!binary && i % (size_t)j->nr != (size_t)j->rank)
            continue;
        kc__plays *got;
        size_t n;
        if ((rc = kc__plays_load(c->dpaths[i], j->nthreads, &bp, &got, &n, c->err,
                                 sizeof c->err)))
            break;
        kc__plays *v = kc__realloc(j->loaded, (j->nloaded + n) * sizeof *v);
        share *w = kc__realloc(j->sh, (j->nsh + n) * sizeof *w);
        if (v)
            j->loaded = v;
        if (w)
            j->sh = w;
        if (!v || !w) {
            for (size_t k = 0; k < n; k++)
                kc__plays_free(&got[k]);
            free(got);
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
            break;
        }
        memcpy(j->loaded + j->nloaded, got, n * sizeof *got);
        free(got);
        for (size_t k = 0; k < n; k++) {
            kc__plays *p = &j->loaded[j->nloaded + k];
            uint64_t first = binary ? p->n * (uint64_t)j->rank / (uint64_t)j->nr : 0;
            uint64_t last =
                binary ? p->n * (uint64_t)(j->rank + 1) / (uint64_t)j->nr : p->n;
            j->sh[j->nsh++] = (share){NULL, first, last - first, NULL, NULL};
        }
        j->nloaded += n;
    }
    for (size_t k = 0; k < j->nsh; k++)
        j->sh[k].p = &j->loaded[k];
    return rc;
}

/* Step 2: the job's codes, in one order on every rank: the regions, then
 * the platforms, of every rank's files, gathered, sorted and made distinct
 * into j->mine's (and the chart names they make, later, in that order).
 * Collective; the ranks agree on the status, KC_ETOOBIG when the job has
 * more regions or platforms than one compile takes. */
static int gather_job_codes(job *j)
{
    kc_compile *c = j->c;
    int rc = KC_OK;
    char *codebuf = NULL;
    for (int k = 0; k < 2 && !rc; k++) {
        size_t len = 0;
        for (size_t i = 0; i < j->nloaded; i++) {
            const kc__codes *cs = k ? &j->loaded[i].platforms : &j->loaded[i].regions;
            for (size_t x = 0; x < cs->n; x++)
                len += strlen(cs->code[x]) + 1;
        }
        free(codebuf);
        codebuf = kc__malloc(len + 1);
        int bad = codebuf == NULL, anybad;
        MPI_Allreduce(&bad, &anybad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        if (anybad) {
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
            break;
        }
        len = 0;
        for (size_t i = 0; i < j->nloaded; i++) {
            const kc__codes *cs = k ? &j->loaded[i].platforms : &j->loaded[i].regions;
            for (size_t x = 0; x < cs->n; x++) {
                size_t l = strlen(cs->code[x]) + 1;
                memcpy(codebuf + len, cs->code[x], l);
                len += l;
            }
        }
        rc = agree(c, gather_codes(codebuf, (int)len,
                                   k ? &j->mine.platforms : &j->mine.regions));
        if (!rc && (j->mine.regions.n > KC_REGIONS_MAX ||
                    j->mine.platforms.n > KC_PLATFORMS_MAX))
            rc = kc__compile_fail(c, KC_ETOOBIG,
                                  "more regions or platforms than one compile takes");
    }
    free(codebuf);
    return rc;
}

/* Every rank's ids (mine: sorted, at most INT_MAX), gathered: out[k] is
 * rank k's, its ids in *buf (owned by the caller). Collective; the ranks
 * agree on the status (KC_ENOMEM, KC_ETOOBIG). */
static int gather_ids(kc_compile *c, const kc__dict *mine, int nr, kc__dict *out,
                      uint64_t **buf)
{
    int n = (int)mine->n;
    int *lens = kc__malloc((size_t)nr * sizeof *lens),
        *displ = kc__malloc((size_t)nr * sizeof *displ);
    int rc = agree(c, lens && displ ? KC_OK : KC_ENOMEM);
    if (!rc) {
        MPI_Allgather(&n, 1, MPI_INT, lens, 1, MPI_INT, MPI_COMM_WORLD);
        int64_t total = 0;
        for (int k = 0; k < nr; k++) {
            displ[k] = (int)total;
            total += lens[k];
        }
        if (total > INT_MAX)
            rc = KC_ETOOBIG;
        else if (!(*buf = kc__malloc(((size_t)total + 1) * sizeof **buf)))
            rc = KC_ENOMEM;
        rc = agree(c, rc);
    }
    if (!rc) {
        MPI_Allgatherv(mine->ids, n, MPI_UINT64_T, *buf, lens, displ, MPI_UINT64_T,
                       MPI_COMM_WORLD);
        for (int k = 0; k < nr; k++)
            out[k] = (kc__dict){.ids = *buf + displ[k], .n = (size_t)lens[k]};
    }
    free(lens);
    free(displ);
    return rc;
}

/* Step 2, the job's users or tracks (k 0 or 1), into *job: the binary
 * files' dictionaries (every rank has them) and each rank's CSV files'
 * (gathered), merged, sorted: the same on every rank. The shares get the
 * maps from their files' indexes to the job's (kept in j->maps). */
static int agree_dict(job *j, int k, kc__dict *jobd)
{
    kc_compile *c = j->c;
    size_t nbin = 0, ncsv = 0;
    for (size_t i = 0; i < j->nloaded; i++) {
        nbin += j->loaded[i].fd >= 0;
        ncsv += j->loaded[i].fd < 0 && !j->loaded[i].dicts_shared;
    }
    const kc__dict **d = kc__malloc((nbin + ncsv + (size_t)j->nr + 1) * sizeof *d);
    uint32_t **m = kc__calloc(nbin + (size_t)j->nr + 1, sizeof *m),
             **lm = kc__calloc(ncsv + 1, sizeof *lm);
    kc__dict *ranks = kc__calloc((size_t)j->nr + 1, sizeof *ranks);
    kc__dict local = {0};
    uint64_t *buf = NULL;
    int rc = d && m && lm && ranks ? KC_OK : KC_ENOMEM;
    /* This rank's CSV files, merged. */
    size_t x = 0;
    for (size_t i = 0; i < j->nloaded && !rc; i++)
        if (j->loaded[i].fd < 0 && !j->loaded[i].dicts_shared)
            d[x++] = k ? &j->loaded[i].tracks : &j->loaded[i].users;
    if (!rc && ncsv) {
        int r = kc__dicts_merge(d, ncsv, &local, lm);
        rc = r == -1 ? KC_ENOMEM : r ? KC_ETOOBIG : KC_OK;
    }
    if (!rc && local.n > INT_MAX)
        rc = KC_ETOOBIG;
    rc = agree(c, rc);
    if (!rc)
        rc = gather_ids(c, &local, j->nr, ranks, &buf);
    /* The job's: the binary files', then each rank's CSV files'. */
    if (!rc) {
        x = 0;
        for (size_t i = 0; i < j->nloaded; i++)
            if (j->loaded[i].fd >= 0)
                d[x++] = k ? &j->loaded[i].tracks : &j->loaded[i].users;
        for (int r = 0; r < j->nr; r++)
            d[x++] = &ranks[r];
        int r = kc__dicts_merge(d, x, jobd, m);
        rc = r == -1 ? KC_ENOMEM : r ? KC_ETOOBIG : KC_OK;
    }
    /* Each share's map: a binary file's own; a CSV file's through this
     * rank's merge; the ranges of a CSV file after the first share its. */
    if (!rc) {
        const uint32_t *mine = m[nbin + (size_t)j->rank];
        size_t b = 0, cs = 0;
        const uint32_t *last = NULL;
        for (size_t i = 0; i < j->nloaded; i++) {
            const kc__plays *p = &j->loaded[i];
            const kc__dict *own = k ? &p->tracks : &p->users;
            uint32_t *map = NULL;
            if (p->fd >= 0) {
                map = m[b];
                m[b++] = NULL;
                if (own->n == jobd->n) { /* the job's own: no map at all */
                    free(map);
                    map = NULL;
                }
            } else if (!p->dicts_shared) {
                map = lm[cs];
                lm[cs++] = NULL;
                for (size_t y = 0; y < own->n; y++)
                    map[y] = mine[map[y]];
                last = map;
            } else {
                map = NULL; /* a later range of a CSV file: the first's */
            }
            if (map)
                j->maps[j->nmaps++] = map;
            const uint32_t *use = p->fd < 0 && p->dicts_shared ? last : map;
            if (k)
                j->sh[i].tmap = use;
            else
                j->sh[i].umap = use;
        }
    }
    for (size_t i = 0; m && i < nbin + (size_t)j->nr; i++)
        free(m[i]);
    for (size_t i = 0; lm && i < ncsv; i++)
        free(lm[i]);
    free(m);
    free(lm);
    free(d);
    free(ranks);
    free(buf);
    kc__dict_free(&local);
    if (rc == KC_ETOOBIG)
        kc__compile_fail(c, rc, "more users or tracks than one compile takes");
    else if (rc == KC_ENOMEM)
        kc__compile_fail(c, rc, "out of memory");
    return agree(c, rc);
}

/* Step 2: the job's first quarter hour (the plays on the wire count from
 * it) and its dictionaries of users and tracks (agree_dict), the same on
 * every rank, agreed once: no rank recodes a play it receives. Collective;
 * the ranks agree on the status. */
static int agree_dicts(job *j)
{
    kc_compile *c = j->c;
    int rc = KC_OK;
    int64_t q[2] = {INT64_MAX, INT64_MIN}, jq[2];
    for (size_t i = 0; i < j->nloaded && !rc; i++) {
        kc__plays *p = &j->loaded[i];
        if (p->fd >= 0)
            rc = kc__plays_users(p, c->err, sizeof c->err);
        if (p->n) {
            q[0] = p->ts_min / KC__MS_QUARTER < q[0] ? p->ts_min / KC__MS_QUARTER : q[0];
            q[1] = p->ts_max / KC__MS_QUARTER > q[1] ? p->ts_max / KC__MS_QUARTER : q[1];
        }
    }
    j->maps = kc__calloc(2 * j->nloaded + 1, sizeof *j->maps);
    if (!rc && !j->maps)
        rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    if ((rc = agree(c, rc)))
        return rc;
    MPI_Allreduce(&q[0], &jq[0], 1, MPI_INT64_T, MPI_MIN, MPI_COMM_WORLD);
    MPI_Allreduce(&q[1], &jq[1], 1, MPI_INT64_T, MPI_MAX, MPI_COMM_WORLD);
    j->qbase = jq[0];
    j->qlast = jq[1];
    if (jq[1] >= jq[0] && jq[1] - jq[0] > INT32_MAX)
        return kc__compile_fail(c, KC_ETOOBIG,
                                "the plays span more time than one job takes");
    if ((rc = agree_dict(j, 0, &j->gusers)) || (rc = agree_dict(j, 1, &j->gtracks)))
        return rc;
    /* The files' own ids are in the job's now, and the maps say where: the
     * rounds need only how many each file has (to check its records), so
     * the ids go (a copy of the job's dictionaries, with one file). */
    for (size_t i = 0; i < j->nloaded; i++) {
        kc__plays *p = &j->loaded[i];
        for (int k = 0; k < 2; k++) {
            kc__dict *d = k ? &p->tracks : &p->users;
            if (!p->dicts_shared) {
                free(d->ids);
                free(d->slots);
            }
            d->ids = NULL;
            d->slots = NULL;
            d->nslots = d->cap = 0;
        }
    }
    return KC_OK;
}

/* Where this rank's reading of its share stands between rounds (step 3). */
typedef struct {
    size_t si;      /* the share being read */
    uint64_t at;    /* its records read so far */
    uint16_t *rmap; /* its file's region indexes -> the job's */
    uint8_t *pmap;  /* its file's platform indexes -> the job's */
    kc__play *buf;  /* room for KC_READ_CHUNK records */
} cursor;

/* Maps p's region and platform indexes to the job's codes (j->mine's), in
 * cur->rmap and cur->pmap (replacing the last file's). KC_ENOMEM, the
 * message on c, when out of memory. */
static int map_codes(job *j, const kc__plays *p, cursor *cur)
{
    free(cur->rmap);
    free(cur->pmap);
    cur->rmap = kc__malloc((p->regions.n + 1) * sizeof *cur->rmap);
    cur->pmap = kc__malloc(p->platforms.n + 1);
    if (!cur->rmap || !cur->pmap)
        return kc__compile_fail(j->c, KC_ENOMEM, "out of memory");
    for (size_t x = 0; x < p->regions.n; x++)
        cur->rmap[x] = (uint16_t)kc__codes_put(&j->mine.regions, p->regions.code[x],
                                               strlen(p->regions.code[x]));
    for (size_t x = 0; x < p->platforms.n; x++)
        cur->pmap[x] = (uint8_t)kc__codes_put(&j->mine.platforms, p->platforms.code[x],
                                              strlen(p->platforms.code[x]));
    return KC_OK;
}

/* Step 3, one round on this rank: reads up to WIRE_BATCH plays of the share
 * from where cur stands, counts them (j->plays, j->counted), drops the
 * short ones and writes the others, in the job's codes, into out[0..*nout);
 * j->sendn and j->dest say to which rank each goes (at more than one). This rank's
 * status, its message on c (a corrupt play says which); the caller agrees on it. */
static int fill_round(job *j, cursor *cur, kc__wplay *out, size_t *nout)
{
    kc_compile *c = j->c;
    const kc_rules *r = &c->r;
    int *sendn = j->sendn;
    memset(sendn, 0, (size_t)j->nr * sizeof *sendn);
    size_t m = 0;
    uint64_t plays = 0, counted = 0;
    int lrc = KC_OK;
    while (!lrc && cur->si < j->nsh && m + KC_READ_CHUNK <= WIRE_BATCH) {
        share *x = &j->sh[cur->si];
        if (cur->at == 0 && (lrc = map_codes(j, x->p, cur)))
            break;
        size_t n =
            x->n - cur->at < KC_READ_CHUNK ? (size_t)(x->n - cur->at) : KC_READ_CHUNK;
        const kc__play *rec;
        if ((lrc = kc__plays_read(x->p, x->first + cur->at, n, cur->buf, &rec, c->err,
                                  sizeof c->err)))
            break;
        const kc__plays *p = x->p;
        for (size_t i = 0; i < n; i++) {
            const kc__play *e = &rec[i];
            if (e->user >= p->users.n || e->track >= p->tracks.n ||
                e->region >= p->regions.n || e->platform >= p->platforms.n ||
                e->tier > 1 || e->ts < p->ts_min || e->ts > p->ts_max) {
                uint64_t at = x->first + cur->at + i;
                lrc = kc__compile_fail(c, KC_EINPUT,
                                       "%s: byte %llu: play %llu is corrupt", p->path,
                                       (unsigned long long)(p->offset + at * sizeof *e),
                                       (unsigned long long)(at + 1));
                break;
            }
            plays++;
            if (e->ms < r->min_ms)
                continue;
            counted++;
            uint32_t track = x->tmap ? x->tmap[e->track] : e->track;
            out[m++] = (kc__wplay){(int32_t)(e->ts / KC__MS_QUARTER - j->qbase),
                                   x->umap ? x->umap[e->user] : e->user,
                                   track,
                                   e->ms,
                                   cur->rmap[e->region],
                                   cur->pmap[e->platform],
                                   e->tier};
            if (j->nr > 1) { /* one rank keeps every play: no routing */
                uint32_t to = owner(track, j->nr);
                j->dest[m - 1] = to;
                sendn[to]++;
            }
        }
        cur->at += n;
        if (cur->at >= x->n) {
            cur->si++;
            cur->at = 0;
        }
    }
    *nout = m;
    j->plays += plays;
    j->counted += counted;
    return lrc;
}

/* Step 3, one round on every rank: the round's plays out[0..nout), grouped
 * by rank, exchanged; those of this rank's tracks land in j->in[b].
 * Collective; the ranks agree on the status. */
static int send_round(job *j, const kc__wplay *out, size_t nout, int b)
{
    kc_compile *c = j->c;
    const int nr = j->nr;
    size_t *pos = j->pos;
    pos[0] = 0;
    for (int k = 1; k < nr; k++)
        pos[k] = pos[k - 1] + (size_t)j->sendn[k - 1];
    for (size_t i = 0; i < nout; i++)
        j->round[pos[j->dest[i]]++] = out[i];
    j->nin[b] = 0;
    int rc = agree(c, exchange(j->round, j->sendn, sizeof *j->round, (void **)&j->in[b],
                               &j->nin[b], &j->capin[b], &j->sent));
    if (rc)
        kc__compile_fail(c, rc, "out of memory");
    return rc;
}

/* Step 4, the job's charts: every region and platform of the job (j->mine's
 * codes, the same on every rank) named by the grouping, sorted and
 * distinct, into j->gcharts: the same list on every rank. KC_ENOMEM, the
 * message on c, when out of memory. */
static int job_charts(job *j)
{
    const kc__plays *m = &j->mine;
    j->gcharts = kc__malloc((m->regions.n * m->platforms.n + 1) * sizeof *j->gcharts);
    if (!j->gcharts)
        return kc__compile_fail(j->c, KC_ENOMEM, "out of memory");
    for (size_t i = 0; i < m->regions.n; i++)
        for (size_t x = 0; x < m->platforms.n; x++)
            kc__chart_name(&j->c->r, m->regions.code[i], m->platforms.code[x],
                           j->gcharts[j->ngcharts++]);
    qsort(j->gcharts, j->ngcharts, sizeof *j->gcharts, kc__cmp_name);
    size_t n = 0;
    for (size_t i = 0; i < j->ngcharts; i++)
        if (!n || strcmp(j->gcharts[i], j->gcharts[n - 1]))
            memmove(j->gcharts[n++], j->gcharts[i], KC_CHART_NAME_MAX);
    j->ngcharts = n;
    return KC_OK;
}

/* Step 3, before the first round: the count the rounds go into
 * (kc__feed_open), in the job's codes, dictionaries (moved there from j)
 * and time range, its partitions sized for this rank's share of the job's
 * nplays plays. None when the job has no plays. KC_ENOMEM or KC_ETOOBIG,
 * the message on c; the caller agrees on it. */
static int open_feed(job *j, uint64_t nplays)
{
    if (j->qlast < j->qbase)
        return KC_OK;
    kc__plays shape = {.fd = -1,
                       .ts_min = j->qbase * KC__MS_QUARTER,
                       .ts_max = j->qlast * KC__MS_QUARTER,
                       .users = j->gusers,
                       .tracks = j->gtracks};
    memset(&j->gusers, 0, sizeof j->gusers);
    memset(&j->gtracks, 0, sizeof j->gtracks);
    /* The feed's own copies of the codes: j->mine's stay to code the
     * shares' (map_codes). */
    for (int k = 0; k < 2; k++) {
        const kc__codes *from = k ? &j->mine.platforms : &j->mine.regions;
        kc__codes *to = k ? &shape.platforms : &shape.regions;
        for (size_t x = 0; x < from->n; x++)
            if (kc__codes_put(to, from->code[x], strlen(from->code[x])) < 0) {
                kc__plays_free(&shape);
                return kc__compile_fail(j->c, KC_ENOMEM, "out of memory");
            }
    }
    return kc__feed_open(j->c, &shape, nplays / (uint64_t)j->nr + 1, j->nthreads,
                         &j->feed);
}

/* Step 3: every play of this rank's share to the rank of its track, in
 * rounds of at most WIRE_BATCH plays a rank, so that memory stays bounded
 * whatever the size of the share; each round's plays of this rank's tracks
 * go straight into the count (j->feed, made here after the job's charts),
 * on the rank's other threads while this one reads and exchanges the next
 * round. One rank sends itself nothing: its rounds go to the count as they
 * are read, from two buffers in turn. Takes the status so far (on failure
 * it only makes the same collective calls) and frees the files read in
 * step 1. Collective; the ranks agree on the status. */
static int exchange_plays(job *j, int rc)
{
    kc_compile *c = j->c;
    kc__wplay *out[2] = {NULL, NULL};
    cursor cur = {0};
    uint64_t mine = 0, nplays = 0;
    for (size_t i = 0; i < j->nsh; i++)
        mine += j->sh[i].n;
    MPI_Allreduce(&mine, &nplays, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
    if (!rc)
        rc = job_charts(j);
    if (!rc)
        rc = open_feed(j, nplays);
    if (!rc) {
        out[0] = kc__malloc((size_t)WIRE_BATCH * sizeof **out);
        if (j->nr == 1)
            out[1] = kc__malloc((size_t)WIRE_BATCH * sizeof **out);
        j->sendn = kc__calloc((size_t)j->nr, sizeof *j->sendn);
        j->dest = kc__malloc((size_t)WIRE_BATCH * sizeof *j->dest);
        j->pos = kc__calloc((size_t)j->nr + 1, sizeof *j->pos);
        if (j->nr > 1)
            j->round = kc__malloc((size_t)WIRE_BATCH * sizeof *j->round);
        cur.buf = kc__malloc(KC_READ_CHUNK * sizeof *cur.buf);
        if (!out[0] || (j->nr == 1 && !out[1]) || !j->sendn || !j->dest || !j->pos ||
            (j->nr > 1 && !j->round) || !cur.buf)
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    rc = agree(c, rc);
    bool fed = false;
    for (int b = 0; !rc; b ^= 1) {
        kc__wplay *o = out[j->nr == 1 ? b : 0];
        size_t nout;
        if ((rc = agree(c, fill_round(j, &cur, o, &nout))))
            break;
        const kc__wplay *got = o;
        size_t ngot = nout;
        if (j->nr > 1) {
            if ((rc = send_round(j, o, nout, b)))
                break;
            got = j->in[b];
            ngot = j->nin[b];
        } else {
            j->sent += nout * sizeof *o; /* as the exchange counts itself */
        }
        if (fed) {
            int wrc = kc__feed_wait(j->feed);
            fed = false;
            if ((rc = agree(c, wrc)))
                break;
        }
        if (j->feed) {
            kc__feed_add(j->feed, got, ngot);
            fed = true;
        }
        int more = cur.si < j->nsh, anymore;
        MPI_Allreduce(&more, &anymore, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        if (!anymore)
            break;
    }
    int wrc = fed ? kc__feed_wait(j->feed) : KC_OK;
    rc = agree(c, rc ? rc : wrc);
    free(cur.buf);
    free(cur.rmap);
    free(cur.pmap);
    free(out[0]);
    free(out[1]);
    for (int b = 0; b < 2; b++) {
        free(j->in[b]);
        j->in[b] = NULL;
    }
    free(j->dest);
    free(j->pos);
    free(j->round);
    j->dest = NULL;
    j->pos = NULL;
    j->round = NULL;
    for (size_t i = 0; i < j->nloaded; i++)
        kc__plays_free(&j->loaded[i]);
    free(j->loaded);
    free(j->sh);
    j->loaded = NULL;
    j->sh = NULL;
    j->nloaded = j->nsh = 0;
    return rc;
}

/* Step 4: the plays of this rank's tracks, fed to the count round by
 * round (step 3), counted and ranked as a compile of their own (plays
 * mode, count.c): every play of a track is here, so its sums are the
 * job's. Takes the status so far (on failure it only frees and makes the
 * same collective calls). Collective; the ranks agree on the status. */
static int count_mine(job *j, int rc)
{
    if (!rc && j->feed)
        rc = kc__feed_count(j->feed);
    kc__feed_free(j->feed);
    j->feed = NULL;
    kc__plays_free(&j->mine);
    return agree(j->c, rc);
}

/* The index of chart `name` in the job's charts, or 0 when it is not one. */
static uint32_t job_chart(const job *j, const char *name)
{
    char(*hit)[KC_CHART_NAME_MAX] =
        bsearch(name, j->gcharts, j->ngcharts, sizeof *j->gcharts, kc__cmp_name);
    return hit ? (uint32_t)(hit - j->gcharts) : 0;
}

/* Step 5: the ranked rows of every rank to rank 0, which gets them all in
 * *all[0..*ntot) (the caller frees *all). Takes the status so far (on
 * failure it only frees and makes the same collective calls); frees
 * j->sendn and c's rows. Collective; the ranks agree on the status before
 * the rows are sent. */
static int gather_rows(job *j, int rc, wire_row **all, int *ntot)
{
    kc_compile *c = j->c;
    int nrows = (int)c->nrows, *counts = NULL, *displ = NULL;
    if (!rc && c->nrows > INT_MAX)
        rc = kc__compile_fail(c, KC_ETOOBIG, "more rows than one job takes");
    if (!rc && !(j->rout = kc__malloc((c->nrows + 1) * sizeof *j->rout)))
        rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    for (size_t i = 0; i < c->nrows && !rc; i++) {
        const kc__ranked *x = &c->rows[i];
        j->rout[i] = (wire_row){job_chart(j, c->charts[x->chart]),
                                (int32_t)(c->pmin + x->period), x->id, x->score};
    }
    if (j->rank == 0 && !rc) {
        counts = kc__malloc((size_t)j->nr * sizeof *counts);
        displ = kc__malloc((size_t)j->nr * sizeof *displ);
        if (!counts || !displ)
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    rc = agree(c, rc);
    if (!rc) {
        MPI_Gather(&nrows, 1, MPI_INT, counts, 1, MPI_INT, 0, MPI_COMM_WORLD);
        if (j->rank == 0) {
            int64_t total = 0;
            for (int k = 0; k < j->nr; k++) {
                displ[k] = (int)total;
                total += counts[k];
            }
            if (total > INT_MAX)
                rc = kc__compile_fail(c, KC_ETOOBIG, "more rows than one job takes");
            else if (!(*all = kc__malloc(((size_t)total + 1) * sizeof **all)))
                rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
            *ntot = (int)total;
        }
        rc = agree(c, rc);
    }
    if (!rc) {
        MPI_Datatype rec;
        MPI_Type_contiguous((int)sizeof *j->rout, MPI_BYTE, &rec);
        MPI_Type_commit(&rec);
        MPI_Gatherv(j->rout, nrows, rec, *all, counts, displ, rec, 0, MPI_COMM_WORLD);
        MPI_Type_free(&rec);
        j->sent += (uint64_t)nrows * sizeof *j->rout;
    }
    free(j->rout);
    free(j->sendn);
    j->rout = NULL;
    j->sendn = NULL;
    free(counts);
    free(displ);
    free(c->rows);
    c->rows = NULL;
    c->nrows = 0;
    c->st.charts = c->st.rows = 0;
    return rc;
}

/* Step 5 on rank 0: every rank's rows (all[0..ntot), sorted here) ranked
 * again per chart and period, the top of each kept as c's rows, on the
 * job's charts (copied into c's chart list). A track's rows come from one
 * rank, so the job's top N of a chart is among the ranks' top Ns. The
 * message on c on failure. */
static int keep_top(job *j, wire_row *all, int ntot)
{
    kc_compile *c = j->c;
    qsort(all, (size_t)ntot, sizeof *all, cmp_wire_row);
    int64_t pmin = INT64_MAX, pmax = INT64_MIN;
    for (int i = 0; i < ntot; i++) {
        pmin = all[i].period < pmin ? all[i].period : pmin;
        pmax = all[i].period > pmax ? all[i].period : pmax;
    }
    c->rows = kc__malloc(((size_t)ntot + 1) * sizeof *c->rows);
    free(c->charts);
    c->charts = kc__malloc((j->ngcharts + 1) * sizeof *c->charts);
    if (!c->rows || !c->charts)
        return kc__compile_fail(c, KC_ENOMEM, "out of memory");
    memcpy(c->charts, j->gcharts, j->ngcharts * sizeof *j->gcharts);
    c->ncharts = j->ngcharts;
    c->pmin = pmin;
    c->nper = ntot ? (uint32_t)(pmax - pmin + 1) : 0;
    uint32_t rk = 0;
    for (int i = 0; i < ntot; i++) {
        bool same =
            i && all[i].chart == all[i - 1].chart && all[i].period == all[i - 1].period;
        rk = same ? rk + 1 : 1;
        if (!same)
            c->st.charts++;
        if (rk <= c->r.top)
            c->rows[c->nrows++] =
                (kc__ranked){all[i].chart, (uint32_t)(all[i].period - pmin), rk,
                             all[i].track, all[i].score};
    }
    c->st.rows = c->nrows;
    return KC_OK;
}

/* The job's figures, summed over the ranks into c->st (and c->bad); with
 * KCHART_TRACE, this rank's times (from t0 to t1: reading and exchanging
 * plays; from t1: the rest), bytes sent and peak memory on stderr.
 * Collective. */
static void sum_figures(job *j, double t0, double t1)
{
    kc_compile *c = j->c;
    uint64_t mine3[3] = {j->plays, j->counted, j->sent}, sum3[3] = {0, 0, 0};
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
                j->rank, j->nr, t1 - t0, kc__now() - t1, (unsigned long long)j->sent,
                ru.ru_maxrss);
    }
}

/* ---- the job ------------------------------------------------------------ */

int kc__compile_distributed(kc_compile *c, int nthreads)
{
    job j = {.c = c, .nthreads = nthreads, .mine = {.fd = -1}};
    MPI_Comm_rank(MPI_COMM_WORLD, &j.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &j.nr);
    double t0 = kc__now();
    int rc = agree(c, load_share(&j));
    if (!rc)
        rc = gather_job_codes(&j);
    if (!rc)
        rc = agree_dicts(&j);
    rc = exchange_plays(&j, rc);
    double t1 = kc__now();
    /* Fault injection for the tests (tests/mpi/run.sh): this rank dies here,
     * after the exchange, before the counting, as a rank on a failing node
     * would. */
    const char *die = getenv("KCHART_TEST_DIE_RANK");
    if (die && atoi(die) == j.rank)
        raise(SIGKILL);
    rc = count_mine(&j, rc);
    wire_row *all = NULL;
    int ntot = 0;
    rc = gather_rows(&j, rc, &all, &ntot);
    if (!rc && j.rank == 0)
        rc = keep_top(&j, all, ntot);
    free(all);
    free(j.gcharts);
    for (size_t i = 0; i < j.nmaps; i++)
        free(j.maps[i]);
    free(j.maps);
    kc__dict_free(&j.gusers);
    kc__dict_free(&j.gtracks);
    rc = agree(c, rc);
    sum_figures(&j, t0, t1);
    return rc;
}

#else

int kc_compile_has_mpi(void)
{
    return 0;
}

int kc__compile_distributed(kc_compile *c, int nthreads)
{
    (void)nthreads;
    return kc__compile_fail(c, KC_EUSAGE, "this kchart was built without MPI");
}

#endif
