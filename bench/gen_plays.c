/*
 * gen_plays.c: a deterministic generator of raw play events, the input of the
 * `kchart compile` benchmark (bench/duckdb_plays.mjs, bench/sqlite_plays.sh).
 *
 *   gen_plays --events N [--seed S] [--out FILE]
 *
 * writes the CSV a streaming service would export,
 *
 *   ts,user_id,track_id,region,platform,tier,ms_played
 *   1793491200123,3513268547443255,158442794738440,kr,p2,premium,183000
 *
 * for one UTC day, 2026-11-01. The shape is meant to stress what a chart
 * compiler does, not to model a real service closely:
 *
 *   - tracks: 1,000,000, Zipf popularity with s = 1 (rank 1 takes ~7% of plays);
 *   - users: 10,000,000, activity Zipf-Mandelbrot, weight (rank + 1000)^-1, so
 *     the top 1% of users make about half of the plays and the most active one
 *     about 0.01% of them; each user has a fixed region (50 ISO 3166 codes,
 *     skewed sizes), platform (p1..p4, skewed) and tier (45% premium);
 *   - ms_played: log-normal, median 150 s, 10% under 30 s, clamped to
 *     [1, 900000] (7.7% sit at the clamp);
 *   - repeats: after a play the same user replays the same track with
 *     probability 0.18, or, in 3% of the runs (a "loop"), 0.92: about 36% of
 *     the events are replays, and at 1M events 1.3% of the (chart, user,
 *     track) groups pass a cap of 10 counted plays, which then removes ~10%
 *     of the counted plays;
 *   - ts: mostly increasing (event i sits at i/N of the day, +-2 minutes; a
 *     replay follows the previous play's end), always inside the day (a
 *     replay that would run past midnight is stamped 23:59:59.999).
 *
 * Ids are a fixed bijection of the popularity rank onto [1, 2^53), so they
 * stay exact as JavaScript numbers, and a track keeps its id across seeds.
 * Per-user attributes are a fixed hash of the user's rank. The seed drives
 * the event stream only (xoshiro256**, seeded through splitmix64). A seed
 * gives the same bytes from run to run; across machines, as far as their
 * libm's exp, log and erfc agree (a last-bit difference could move a Zipf
 * draw by one rank or a play length by a millisecond).
 *
 * Zipf variates come from rejection-inversion (W. Hormann and G. Derflinger,
 * "Rejection-inversion to generate variates from monotone discrete
 * distributions", ACM TOMACS 6(3), 1996): O(1) per draw with no table, so
 * 10M users cost no memory. Play lengths come from a quantile table. Output
 * goes through a 1 MiB buffer with hand-written integer formatting; 100M
 * events (6.7 GB) take about 15 s of CPU.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 2026-11-01T00:00:00Z in epoch ms (1793577600000, sometimes quoted for it,
 * is 2026-11-02). */
#define DAY_START 1793491200000ULL
#define DAY_MS 86400000ULL
#define EVENTS_MAX 100000000000ULL /* i stays exact as a double */
#define ID_MASK ((1ULL << 53) - 1)

#define TRACKS 1000000
#define USERS 10000000
#define USER_OFFSET 1000.0 /* Zipf-Mandelbrot q of user activity */

#define MS_MEDIAN 150000.0
#define MS_SIGMA 1.2558 /* Phi(ln(30/150) / sigma) = 0.10 */
#define MS_MAX 900000.0

#define REPLAY_P 0.18    /* replay probability after an ordinary play */
#define LOOP_SHARE 0.03  /* share of runs that are loops */
#define LOOP_P 0.92      /* replay probability inside a loop */
#define JITTER_MS 120000 /* +- around an event's place in the day */

#define OUT_BUF (1 << 20)

/* ---- random numbers ---------------------------------------------------- */

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* xoshiro256** (D. Blackman and S. Vigna, 2018). */
typedef struct {
    uint64_t s[4];
} rng;

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static void rng_seed(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* A uniform double in [0, 1), 53 random bits. */
static double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* ---- play lengths ------------------------------------------------------ */

/* ms_played is drawn by inverting the log-normal CDF: a table of its
 * quantiles at i / 2^12 (32 KiB, so it stays in L1) and linear
 * interpolation between them; one random number and no libm call a play. */
#define MS_BITS 12
static double ms_quantile[(1 << MS_BITS) + 1];

/* The standard normal quantile of p in (0, 1), by bisection on erfc. */
static double normal_quantile(double p)
{
    double lo = -10.0, hi = 10.0;
    for (int i = 0; i < 56; i++) {
        double mid = 0.5 * (lo + hi);
        if (0.5 * erfc(-mid * 0.7071067811865476) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

static void ms_init(void)
{
    const double mu = log(MS_MEDIAN), n = (double)(1 << MS_BITS);
    ms_quantile[0] = 0.0;
    for (int i = 1; i < 1 << MS_BITS; i++)
        ms_quantile[i] = exp(mu + MS_SIGMA * normal_quantile(i / n));
    ms_quantile[1 << MS_BITS] = MS_MAX; /* the tail beyond is clamped anyway */
}

static uint64_t ms_draw(rng *r)
{
    uint64_t x = rng_next(r);
    uint64_t i = x >> (64 - MS_BITS);
    double frac = (double)((x >> 11) & ((1ULL << (53 - MS_BITS)) - 1)) /
                  (double)(1ULL << (53 - MS_BITS));
    double ms = ms_quantile[i] + frac * (ms_quantile[i + 1] - ms_quantile[i]);
    return ms >= MS_MAX ? (uint64_t)MS_MAX : ms < 1.0 ? 1 : (uint64_t)(ms + 0.5);
}

/* ---- Zipf by rejection-inversion --------------------------------------- */

/* Ranks 1..n with weight (k + q)^-s, s > 0, q >= 0. Written after Apache
 * Commons RNG's RejectionInversionZipfSampler, extended by the offset q:
 * every function works on v = k + q, where h(v) = v^-s is still convex,
 * which is all the method needs. */
typedef struct {
    double s, q;
    uint64_t n;
    double lo, hi;  /* the range of the integrated hat function */
    double squeeze; /* k - x below this accepts without the exact test */
} zipf;

/* log1p(x) / x, continuous at 0. */
static double helper1(double x)
{
    return fabs(x) > 1e-8 ? log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
}

/* expm1(x) / x, continuous at 0. */
static double helper2(double x)
{
    return fabs(x) > 1e-8 ? expm1(x) / x
                          : 1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + 0.25 * x));
}

static double zipf_h(const zipf *z, double v)
{
    return exp(-z->s * log(v));
}

/* The integral of h: (v^(1-s) - 1) / (1 - s), or log(v) when s = 1. */
static double zipf_hint(const zipf *z, double v)
{
    double lv = log(v);
    return helper2((1.0 - z->s) * lv) * lv;
}

static double zipf_hint_inv(const zipf *z, double x)
{
    double t = x * (1.0 - z->s);
    if (t < -1.0)
        t = -1.0; /* rounding near the bound */
    return exp(helper1(t) * x);
}

static void zipf_init(zipf *z, uint64_t n, double s, double q)
{
    z->s = s;
    z->q = q;
    z->n = n;
    z->lo = zipf_hint(z, 1.5 + q) - zipf_h(z, 1.0 + q);
    z->hi = zipf_hint(z, (double)n + q + 0.5);
    /* Commons RNG's constant, 2 - H^-1(H(2.5) - h(2)): a lower bound of
     * k - H^-1(H(k + 1/2) - h(k)) for every integer k >= 2, so also for
     * v = k + q when q is a whole number. The squeeze only skips work: the
     * draws are the same without it. */
    z->squeeze = 2.0 - zipf_hint_inv(z, zipf_hint(z, 2.5) - zipf_h(z, 2.0));
}

/* A rank in [0, n), 0 the most popular. */
static uint64_t zipf_draw(const zipf *z, rng *r)
{
    for (;;) {
        double u = z->hi + rng_unit(r) * (z->lo - z->hi);
        double x = zipf_hint_inv(z, u) - z->q;
        double kf = floor(x + 0.5);
        if (kf < 1.0)
            kf = 1.0;
        else if (kf > (double)z->n)
            kf = (double)z->n;
        if (kf - x <= z->squeeze ||
            u >= zipf_hint(z, kf + z->q + 0.5) - zipf_h(z, kf + z->q))
            return (uint64_t)kf - 1;
    }
}

/* ---- users and tracks -------------------------------------------------- */

/* A bijection of [0, 2^53) that keeps 0 in place (xorshifts and odd
 * multipliers modulo 2^53), so ranks 1.. map to ids 1.. < 2^53 without
 * collisions. */
static uint64_t id_of(uint64_t x, uint64_t m1, uint64_t m2)
{
    x ^= x >> 26;
    x = (x * m1) & ID_MASK;
    x ^= x >> 28;
    x = (x * m2) & ID_MASK;
    x ^= x >> 26;
    return x;
}

static uint64_t track_id(uint64_t rank)
{
    return id_of(rank + 1, 0x1c69b3f74ac4ae35ULL, 0x0e9846af9b1a615dULL);
}

static uint64_t user_id(uint64_t rank)
{
    return id_of(rank + 1, 0x13c6ef372fe94f83ULL, 0x1f3b0d6c8e5a9b27ULL);
}

/* Streaming markets, largest first, with rough relative sizes. */
static const struct {
    char code[3];
    double weight;
} regions[] = {
    {"us", 18.0}, {"br", 7.0},  {"mx", 6.0},  {"gb", 5.5},  {"de", 5.0},  {"jp", 4.5},
    {"fr", 4.0},  {"in", 4.0},  {"id", 3.0},  {"kr", 3.0},  {"ca", 2.5},  {"es", 2.5},
    {"it", 2.2},  {"ph", 2.2},  {"au", 2.0},  {"tr", 1.8},  {"ar", 1.8},  {"co", 1.6},
    {"pl", 1.5},  {"nl", 1.4},  {"th", 1.3},  {"vn", 1.3},  {"cl", 1.1},  {"se", 1.0},
    {"my", 1.0},  {"tw", 1.0},  {"pe", 0.9},  {"sa", 0.9},  {"eg", 0.8},  {"ng", 0.8},
    {"za", 0.7},  {"be", 0.7},  {"ch", 0.6},  {"at", 0.6},  {"pt", 0.6},  {"ro", 0.55},
    {"cz", 0.5},  {"dk", 0.5},  {"no", 0.5},  {"fi", 0.45}, {"ie", 0.45}, {"nz", 0.4},
    {"il", 0.4},  {"hu", 0.35}, {"gr", 0.35}, {"ae", 0.35}, {"sg", 0.3},  {"hk", 0.3},
    {"ua", 0.3},  {"is", 0.1},
};
#define NREGIONS (sizeof regions / sizeof regions[0])
_Static_assert(NREGIONS == 50, "50 regions");

static const double platform_weights[4] = {0.50, 0.28, 0.15, 0.07};
#define PREMIUM_SHARE 0.45

/* Cumulative thresholds on a 2^32 scale, filled by attr_init. */
static uint64_t region_cut[NREGIONS];
static uint64_t platform_cut[4];
static uint64_t premium_cut;

static void attr_init(void)
{
    double total = 0, acc = 0;
    for (size_t i = 0; i < NREGIONS; i++)
        total += regions[i].weight;
    for (size_t i = 0; i < NREGIONS; i++) {
        acc += regions[i].weight;
        region_cut[i] = (uint64_t)(acc / total * 4294967296.0);
    }
    region_cut[NREGIONS - 1] = 1ULL << 32;
    acc = 0;
    for (int i = 0; i < 4; i++) {
        acc += platform_weights[i];
        platform_cut[i] = (uint64_t)(acc * 4294967296.0);
    }
    platform_cut[3] = 1ULL << 32;
    premium_cut = (uint64_t)(PREMIUM_SHARE * 4294967296.0);
}

typedef struct {
    uint64_t id;
    unsigned region, platform; /* indexes into regions, p1..p4 */
    int premium;
} user;

static uint64_t mix64(uint64_t x)
{
    return splitmix64(&x);
}

static void user_get(uint64_t rank, user *u)
{
    uint64_t h1 = mix64(rank ^ 0x5bd1e9955bd1e995ULL);
    uint64_t h2 = mix64(h1);
    uint64_t rb = h1 >> 32, pb = h1 & 0xffffffffULL, tb = h2 >> 32;
    unsigned i = 0;
    while (rb >= region_cut[i])
        i++;
    u->region = i;
    i = 0;
    while (pb >= platform_cut[i])
        i++;
    u->platform = i;
    u->premium = tb < premium_cut;
    u->id = user_id(rank);
}

/* ---- output ------------------------------------------------------------ */

typedef struct {
    FILE *f;
    char *buf;
    size_t len;
    int failed;
} out;

static void out_flush(out *o)
{
    if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
        o->failed = 1;
    o->len = 0;
}

static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324"
                                  "25262728293031323334353637383940414243444546474849"
                                  "50515253545556575859606162636465666768697071727374"
                                  "75767778798081828384858687888990919293949596979899";

/* Writes x, < 10^8, as exactly 8 digits at p. */
static void put_8digits(char *p, uint32_t x)
{
    uint32_t hi = x / 10000, lo = x % 10000;
    memcpy(p, digit_pairs + hi / 100 * 2, 2);
    memcpy(p + 2, digit_pairs + hi % 100 * 2, 2);
    memcpy(p + 4, digit_pairs + lo / 100 * 2, 2);
    memcpy(p + 6, digit_pairs + lo % 100 * 2, 2);
}

/* Writes x in decimal at p; returns the end. */
static char *put_u32(char *p, uint32_t x)
{
    unsigned n = 1;
    for (uint32_t t = 10; n < 10 && x >= t; t *= 10)
        n++;
    char *end = p + n;
    while (x >= 100) {
        end -= 2;
        memcpy(end, digit_pairs + x % 100 * 2, 2);
        x /= 100;
    }
    if (x >= 10)
        memcpy(end - 2, digit_pairs + x * 2, 2);
    else
        end[-1] = (char)('0' + x);
    return p + n;
}

/* Writes v in decimal at p; returns the end. Eight digits at a time, in
 * 32-bit arithmetic: ts and ids have 13 to 16 digits. */
static char *put_u64(char *p, uint64_t v)
{
    if (v < 100000000)
        return put_u32(p, (uint32_t)v);
    p = put_u64(p, v / 100000000);
    put_8digits(p, (uint32_t)(v % 100000000));
    return p + 8;
}

/* ---- arguments --------------------------------------------------------- */

static void usage(FILE *f)
{
    fprintf(f, "usage: gen_plays --events N [--seed S] [--out FILE]\n");
}

/* Parses a whole decimal unsigned number; 0 on success. */
static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *v = x;
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t events = 0, seed = 1;
    int have_events = 0;
    const char *path = NULL;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            usage(stderr);
            return 2;
        }
        const char *v = argv[++i];
        int ok = 0;
        if (!strcmp(a, "--events")) {
            ok = !parse_u64(v, &events) && events <= EVENTS_MAX;
            have_events = 1;
        } else if (!strcmp(a, "--seed")) {
            ok = !parse_u64(v, &seed);
        } else if (!strcmp(a, "--out")) {
            path = v;
            ok = 1;
        }
        if (!ok) {
            fprintf(stderr, "gen_plays: bad option %s %s\n", a, v);
            usage(stderr);
            return 2;
        }
    }
    if (!have_events) {
        usage(stderr);
        return 2;
    }

    out o = {stdout, malloc(OUT_BUF), 0, 0};
    if (!o.buf) {
        fprintf(stderr, "gen_plays: out of memory\n");
        return 1;
    }
    if (path && !(o.f = fopen(path, "wb"))) {
        fprintf(stderr, "gen_plays: %s: %s\n", path, strerror(errno));
        return 1;
    }

    rng r;
    rng_seed(&r, seed);
    zipf tracks, users;
    zipf_init(&tracks, TRACKS, 1.0, 0.0);
    zipf_init(&users, USERS, 1.0, USER_OFFSET);
    attr_init();
    ms_init();

    static const char header[] = "ts,user_id,track_id,region,platform,tier,ms_played\n";
    memcpy(o.buf, header, sizeof header - 1);
    o.len = sizeof header - 1;

    const double day_step = (double)DAY_MS / (double)events;
    uint64_t ts = 0, ms = 0;
    double replay_p = 0; /* of the current run */
    char run[64];        /* ",user_id,track_id,region,platform,tier," of the run */
    size_t run_len = 0;

    for (uint64_t i = 0; i < events; i++) {
        if (i > 0 && rng_unit(&r) < replay_p) {
            /* a replay: starts a few seconds after the previous play ends */
            ts += ms + (rng_next(&r) >> 32) % 5000;
        } else {
            user u;
            user_get(zipf_draw(&users, &r), &u);
            uint64_t track = track_id(zipf_draw(&tracks, &r));
            replay_p = rng_unit(&r) < LOOP_SHARE ? LOOP_P : REPLAY_P;
            int64_t jitter =
                (int64_t)((rng_next(&r) >> 32) % (2 * JITTER_MS + 1)) - JITTER_MS;
            int64_t at = (int64_t)((double)i * day_step) + jitter;
            ts = DAY_START + (uint64_t)(at < 0 ? 0 : at);

            char *p = run;
            *p++ = ',';
            p = put_u64(p, u.id);
            *p++ = ',';
            p = put_u64(p, track);
            *p++ = ',';
            memcpy(p, regions[u.region].code, 2);
            p += 2;
            *p++ = ',';
            *p++ = 'p';
            *p++ = (char)('1' + u.platform);
            if (u.premium) {
                memcpy(p, ",premium,", 9);
                p += 9;
            } else {
                memcpy(p, ",free,", 6);
                p += 6;
            }
            run_len = (size_t)(p - run);
        }
        if (ts > DAY_START + DAY_MS - 1)
            ts = DAY_START + DAY_MS - 1;

        ms = ms_draw(&r);

        if (o.len > OUT_BUF - 128) {
            out_flush(&o);
            if (o.failed)
                break;
        }
        char *p = put_u64(o.buf + o.len, ts);
        memcpy(p, run, run_len);
        p = put_u64(p + run_len, ms);
        *p++ = '\n';
        o.len = (size_t)(p - o.buf);
    }
    out_flush(&o);
    if (fflush(o.f) || ferror(o.f))
        o.failed = 1;
    if (o.f != stdout && fclose(o.f))
        o.failed = 1;
    free(o.buf);
    if (o.failed) {
        fprintf(stderr, "gen_plays: %s: %s\n", path ? path : "stdout", strerror(errno));
        return 1;
    }
    return 0;
}
