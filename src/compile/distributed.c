/*
 * distributed.c: a distributed compile, this process as one rank of an MPI
 * job (kc_compile_opts.distributed; mpirun starts the ranks, every rank
 * adds the same inputs). The steps:
 *   1. each rank reads its share of the plays: a part of each binary file,
 *      whole CSV files in turn;
 *   2. the ranks agree on the job's region and platform codes;
 *   3. every play goes to the rank of its user, in bounded rounds;
 *   4. each rank counts its users' plays as a compile of its own (plays
 *      mode, count.c), counts kept: a user's plays are all on one rank, so
 *      the caps hold as in one process;
 *   5. each count goes to the rank of its track, in bounded rounds;
 *   6. each rank sums its tracks' counts and ranks them (merge.c);
 *   7. rank 0 gathers the ranked rows and keeps the top of each chart.
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
        kc__compile_fail(c, worst, "another rank failed (its own message says why)");
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

/* ---- the job ------------------------------------------------------------ */

int kc__compile_distributed(kc_compile *c, int nthreads)
{
    int rank, nr;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &nr);
    const kc_rules *r = &c->r;
    int rc = KC_OK;
    double t0 = kc__now();
    /* 1. This rank's share of the plays. */
    kc__plays *loaded = NULL;
    size_t nloaded = 0;
    share *sh = NULL;
    size_t nsh = 0;
    kc__badpolicy bp = {c->o.on_bad ? kc__on_bad_relay : NULL, c, &c->bad};
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
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
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
                rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
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
                rc = kc__compile_fail(c, KC_ETOOBIG,
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
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    uint16_t *rmap = NULL;
    uint8_t *pmap = NULL;
    size_t si = 0;
    uint64_t at = 0;
    kc__play *buf = kc__malloc(KC_READ_CHUNK * sizeof *buf);
    if (!buf)
        rc = rc ? rc : kc__compile_fail(c, KC_ENOMEM, "out of memory");
    rc = agree(c, rc);
    while (!rc) {
        /* Fill this round: up to WIRE_BATCH plays, grouped by rank. */
        memset(sendn, 0, (size_t)nr * sizeof *sendn);
        size_t nout = 0;
        int lrc = KC_OK;
        while (!lrc && si < nsh && nout + KC_READ_CHUNK <= WIRE_BATCH) {
            share *x = &sh[si];
            if (at == 0) {
                free(rmap);
                free(pmap);
                rmap = kc__malloc((x->p->regions.n + 1) * sizeof *rmap);
                pmap = kc__malloc(x->p->platforms.n + 1);
                if (!rmap || !pmap) {
                    lrc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
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
            size_t n = x->n - at < KC_READ_CHUNK ? (size_t)(x->n - at) : KC_READ_CHUNK;
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
                    lrc = kc__compile_fail(
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
                rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
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
                kc__compile_fail(c, rc, "out of memory");
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
    double t1 = kc__now();
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
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    free(in);
    if (!rc && kc__plays_sort(&mine))
        rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    /* The job's charts: every region and platform of the job, named by the
     * grouping, sorted (the same list on every rank). */
    char(*gcharts)[KC_CHART_NAME_MAX] = NULL;
    size_t ngcharts = 0;
    if (!rc) {
        gcharts = kc__malloc((mine.regions.n * mine.platforms.n + 1) * sizeof *gcharts);
        if (!gcharts)
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
        for (size_t i = 0; !rc && i < mine.regions.n; i++)
            for (size_t j = 0; j < mine.platforms.n; j++)
                kc__chart_name(r, mine.regions.code[i], mine.platforms.code[j],
                               gcharts[ngcharts++]);
        if (!rc) {
            qsort(gcharts, ngcharts, sizeof *gcharts, kc__cmp_name);
            size_t m = 0;
            for (size_t i = 0; i < ngcharts; i++)
                if (!m || strcmp(gcharts[i], gcharts[m - 1]))
                    memmove(gcharts[m++], gcharts[i], KC_CHART_NAME_MAX);
            ngcharts = m;
        }
    }
    rc = agree(c, rc);
    if (!rc) {
        c->plays = kc__malloc(sizeof *c->plays);
        if (!c->plays) {
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
        } else {
            c->plays[0] = mine;
            memset(&mine, 0, sizeof mine);
            mine.fd = -1;
            c->nplays = 1;
            c->keep_totals = true;
            if (c->plays[0].n)
                rc = kc__compile_plays(c, nthreads);
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
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    while (!rc) {
        memset(sendn, 0, (size_t)nr * sizeof *sendn);
        size_t n = c->ntotals - ti < WIRE_BATCH ? c->ntotals - ti : WIRE_BATCH;
        size_t *pos = kc__calloc((size_t)nr + 1, sizeof *pos);
        int bad = !pos, anybad;
        MPI_Allreduce(&bad, &anybad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        if (anybad) {
            free(pos);
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
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
            const kc__total *x = &c->totals[ti + i];
            uint64_t id = c->track_ids->ids[x->track];
            uint32_t gchart = 0;
            char(*hit)[KC_CHART_NAME_MAX] =
                bsearch(c->charts[x->cp / c->nper], gcharts, ngcharts, sizeof *gcharts,
                        kc__cmp_name);
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
            kc__compile_fail(c, rc, "out of memory");
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
    kc__mtable t = {0};
    size_t want = 4096;
    while (want < 2 * nsin + 2)
        want *= 2;
    if (!(t.v = kc__calloc(want, sizeof *t.v)))
        rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    t.cap = t.v ? want : 0;
    for (size_t i = 0; i < nsin && !rc; i++) {
        int64_t tr = kc__dict_put(&c->tracks, sin[i].track);
        int x = tr < 0 ? -1
                       : kc__mtable_add(&t, sin[i].chart, sin[i].period, (uint32_t)tr,
                                        sin[i].n);
        if (x)
            rc = kc__compile_fail(c, x == -1 ? KC_ENOMEM : KC_EINPUT,
                                  "counts overflow or out of memory");
    }
    free(sin);
    if (!rc)
        rc = kc__rank_sums(c, &t, gcharts, ngcharts);
    free(t.v);
    rc = agree(c, rc);
    /* 7. The ranked rows to rank 0, which keeps the top of each chart. */
    int nrows = (int)c->nrows, *counts = NULL, *displ = NULL;
    if (!rc && c->nrows > WIRE_BATCH) {
        free(sout);
        if (!(sout = kc__malloc(c->nrows * sizeof *sout)))
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < c->nrows && !rc; i++) {
        const kc__ranked *x = &c->rows[i];
        char(*hit)[KC_CHART_NAME_MAX] = bsearch(c->charts[x->chart], gcharts, ngcharts,
                                                sizeof *gcharts, kc__cmp_name);
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
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
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
                rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
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
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
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
                        (kc__ranked){all[i].chart, (uint32_t)(all[i].period - pmin), rk,
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
                rank, nr, t1 - t0, kc__now() - t1, (unsigned long long)sent,
                ru.ru_maxrss);
    }
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
