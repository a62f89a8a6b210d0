/*
 * milestones.c: the milestone benchmark of issue 3.
 *
 *   bench_milestones [--songs N] [--days D] [--db PATH [--reuse]]
 *
 * Generates cumulative Spotify totals for N songs (default 10,000) over D
 * days (default 3,000: 2017-01-01 on), every song observed daily with 2% of
 * its days missing (so that some crossings are sparse intervals), each song
 * released up to 1,500 days before the first day and credited to one of 200
 * artists (solo, lead, or with a featured guest), and stores them in a fresh
 * store (the catalog, the subjects and the values, written directly: this
 * measures detection, not the CSV reader). Then it times, each on its own:
 *
 *   detect   milestone detection over every series (what `kchart rebuild`
 *            runs after the charts): read every total, walk the ladder;
 *   query    `kchart milestones --mark 1000000000` (days since release, rank
 *            among all, the artists' Nth), one artist's milestones and one
 *            song's (what the dashboard's song page asks);
 *   records  `kchart records` over cohorts (market, artist kind, role):
 *            first, fastest and most, each the best of 5;
 *
 * and prints the wall time of each and the peak resident memory of the
 * process. Deterministic: a fixed seed. With --reuse, PATH is the store of
 * an earlier run: the queries alone are timed again.
 */
#include "derive/derive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) /* xorshift64* */
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
}
static double uniform(void)
{
    return (double)(next() >> 11) / 9007199254740992.0;
}

/* 10^x for x in [0, 2], without libm's pow: exp of x ln 10 by its series. */
static double pow10_approx(double x)
{
    double y = x * 2.302585092994046, term = 1, sum = 1;
    for (int k = 1; k < 30; k++) {
        term *= y / k;
        sum += term;
    }
    return sum;
}

static void die(kc_db *db, const char *what)
{
    fprintf(stderr, "bench_milestones: %s: %s\n", what, db ? kc_errmsg(db) : "");
    exit(1);
}

static void exec(kc_db *db, const char *sql)
{
    if (kc__exec(db, sql))
        die(db, sql);
}

static sqlite3_stmt *prep(kc_db *db, const char *sql)
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    if (!st)
        die(db, sql);
    return st;
}

static void done(kc_db *db, sqlite3_stmt *st)
{
    if (sqlite3_step(st) != SQLITE_DONE)
        die(db, "insert");
    sqlite3_reset(st);
}

/* Stores the catalog and the totals, then detects the milestones, and
 * prints the time of each. */
static void generate(kc_db *db, long songs, long days)
{
    double t0 = now();
    exec(db, "BEGIN");
    /* Half the artists soloists, half groups; every other one K-pop. */
    sqlite3_stmt *artist = prep(db, "INSERT INTO artist (id, name, kind, market, match)"
                                    " VALUES (?1, 'Artist ' || ?1, CASE WHEN ?1 <= 100"
                                    " THEN 'solo' ELSE 'group' END, CASE ?1 % 2 WHEN 0"
                                    " THEN 'k-pop' ELSE 'pop' END, 'artist ' || ?1)");
    for (int a = 1; a <= 200; a++) {
        sqlite3_bind_int(artist, 1, a);
        done(db, artist);
    }
    sqlite3_finalize(artist);
    sqlite3_stmt *song = prep(db, "INSERT INTO song (id, title, artist, match) VALUES"
                                  " (?1, 'Song ' || ?1, 'Artist ' || ?2,"
                                  " 'song ' || ?1 || '|artist ' || ?2)");
    sqlite3_stmt *cs =
        prep(db, "INSERT INTO catalog_song (id, key, title, credit, song_id)"
                 " VALUES (?1, 's/' || ?1, 'Song ' || ?1, 'Artist ' || ?2, ?1)");
    sqlite3_stmt *credit = prep(db, "INSERT INTO song_credit VALUES (?1, ?2, ?3, ?4)");
    sqlite3_stmt *rel = prep(db, "INSERT INTO release (id, key, title, kind, artist_id,"
                                 " released, time_zone, released_utc) VALUES (?1,"
                                 " 'r/' || ?1, 'Song ' || ?1, 'single', ?2,"
                                 " date(?3, 'unixepoch'), 'UTC', ?3)");
    /* A third of the songs title tracks, the rest b-sides. */
    sqlite3_stmt *track =
        prep(db, "INSERT INTO release_song VALUES (?1, ?1, 1, CASE ?1 % 3 WHEN 0"
                 " THEN 'title' ELSE 'b-side' END)");
    sqlite3_stmt *subj =
        prep(db, "INSERT INTO subject (id, kind, ref, title, credit,"
                 " song_id) VALUES (?1, 'song', 's:' || ?1, 'Song ' || ?1,"
                 " 'Artist ' || ?2, ?1)");
    sqlite3_stmt *point =
        prep(db, "INSERT INTO point (subject_id, source, kind, day, value,"
                 " file) VALUES (?1, 'spotify-streams', 'total', ?2, ?3,"
                 " 'bench')");
    int64_t first = kc__days_from_civil(2017, 1, 1);
    long points = 0;
    for (long s = 1; s <= songs; s++) {
        int lead = 1 + (int)(next() % 200), guest = 1 + (int)(next() % 200);
        int64_t released = first - (int64_t)(next() % 1501);
        sqlite3_bind_int64(song, 1, s);
        sqlite3_bind_int(song, 2, lead);
        done(db, song);
        sqlite3_bind_int64(cs, 1, s);
        sqlite3_bind_int(cs, 2, lead);
        done(db, cs);
        sqlite3_bind_int64(credit, 1, s);
        sqlite3_bind_int(credit, 2, lead);
        sqlite3_bind_text(credit, 3, "lead", -1, SQLITE_STATIC);
        sqlite3_bind_int(credit, 4, 0);
        done(db, credit);
        if (guest != lead && next() % 4 == 0) { /* a quarter have a guest */
            sqlite3_bind_int64(credit, 1, s);
            sqlite3_bind_int(credit, 2, guest);
            sqlite3_bind_text(credit, 3, "featured", -1, SQLITE_STATIC);
            sqlite3_bind_int(credit, 4, 1);
            done(db, credit);
        }
        sqlite3_bind_int64(rel, 1, s);
        sqlite3_bind_int(rel, 2, lead);
        sqlite3_bind_int64(rel, 3, released * 86400);
        done(db, rel);
        sqlite3_bind_int64(track, 1, s);
        done(db, track);
        sqlite3_bind_int64(subj, 1, s);
        sqlite3_bind_int(subj, 2, lead);
        done(db, subj);
        /* Daily streams: from 20k to 2M at release (log-uniform), decaying
         * by half a year; the total carries what came before day one. */
        double peak = 20000.0 * pow10_approx(uniform() * 2.0);
        double total = 0;
        for (int64_t d = released; d < first + days; d++) {
            total += peak * (0.3 + 0.7 / (1.0 + (double)(d - released) / 180.0));
            if (d < first || next() % 50 == 0) /* 2% of days unobserved */
                continue;
            sqlite3_bind_int64(point, 1, s);
            sqlite3_bind_int64(point, 2, d);
            sqlite3_bind_int64(point, 3, (int64_t)total);
            done(db, point);
            points++;
        }
    }
    sqlite3_finalize(song);
    sqlite3_finalize(cs);
    sqlite3_finalize(credit);
    sqlite3_finalize(rel);
    sqlite3_finalize(track);
    sqlite3_finalize(subj);
    sqlite3_finalize(point);
    exec(db, "COMMIT");
    double t1 = now();
    printf("generate  %ld songs x %ld days: %ld totals stored in %.1f s\n", songs, days,
           points, t1 - t0);

    exec(db, "BEGIN");
    if (kc__milestones_update(db, 0))
        die(db, "detect");
    exec(db, "COMMIT");
    double t2 = now();
    sqlite3_stmt *n = prep(db, "SELECT count(*), sum(prev_day IS NOT NULL AND"
                               " day - prev_day > 1) FROM milestone");
    sqlite3_step(n);
    printf("detect    %lld crossings (%lld sparse) in %.2f s (%.0f totals/s)\n",
           (long long)sqlite3_column_int64(n, 0), (long long)sqlite3_column_int64(n, 1),
           t2 - t1, (double)points / (t2 - t1));
    sqlite3_finalize(n);
}

int main(int argc, char **argv)
{
    long songs = 10000, days = 3000;
    const char *path = NULL;
    bool reuse = false, bad = false;
    for (int i = 1; i < argc && !bad; i++) {
        bool value = i + 1 < argc;
        if (!strcmp(argv[i], "--reuse"))
            reuse = true;
        else if (value && !strcmp(argv[i], "--songs"))
            songs = atol(argv[++i]);
        else if (value && !strcmp(argv[i], "--days"))
            days = atol(argv[++i]);
        else if (value && !strcmp(argv[i], "--db"))
            path = argv[++i];
        else
            bad = true;
    }
    if (bad || songs < 1 || days < 2 || (reuse && !path)) {
        fprintf(stderr,
                "usage: bench_milestones [--songs N] [--days D] [--db PATH [--reuse]]\n");
        return 2;
    }
    char tmpdir[] = "/tmp/kc-bench-XXXXXX", dbpath[64];
    if (!path) {
        if (!mkdtemp(tmpdir))
            return 1;
        snprintf(dbpath, sizeof dbpath, "%s/bench.db", tmpdir);
        path = dbpath;
    }
    kc_db *db;
    if (kc_db_open(path, &db))
        die(NULL, kc_open_errmsg());
    if (!reuse)
        generate(db, songs, days);

    kc_milestone_opts o = {0};
    o.mark = 1000000000;
    kc_table *t = NULL;
    double t3 = now();
    if (kc_query_milestones(db, &o, &t))
        die(db, "query");
    double t4 = now();
    printf("query     --mark 1000000000: %zu rows (rank, days, Nth) in %.0f ms\n",
           t->nrows, (t4 - t3) * 1000);
    kc_table_free(t);
    kc_milestone_opts a = {0};
    a.subject = "Artist 7";
    if (kc_query_milestones(db, &a, &t))
        die(db, "query");
    double t5 = now();
    printf("query     \"Artist 7\": %zu rows in %.0f ms\n", t->nrows, (t5 - t4) * 1000);
    kc_table_free(t);
    /* What a song's page asks (GET /api/songs/ID): its crossings, open ones
     * too. Song 4454 is the bench's most streamed K-pop b-side. */
    kc_milestone_opts one = {.song_id = 4454, .open = 1};
    if (kc_query_milestones(db, &one, &t))
        die(db, "query");
    double t6 = now();
    printf("query     song 4454 --open (a song's page): %zu rows in %.0f ms\n", t->nrows,
           (t6 - t5) * 1000);
    kc_table_free(t);

    /* Records over a cohort (issue 3: under 50 ms): the first K-pop b-side
     * past 700M, the fastest K-pop soloist's song past 1B, the most
     * streamed K-pop b-side on a day. */
    struct {
        const char *name;
        kc_records_opts o;
    } recs[] = {
        {"--measure spotify-streams --at-least 700000000 --role b-side --market k-pop "
         "--first",
         {.measure = "spotify-streams",
          .at_least = 700000000,
          .mode = "first",
          .cohort = {.role = "b-side", .market = "k-pop"}}},
        {"--measure spotify-streams --at-least 1000000000 --artist-kind solo --market "
         "k-pop"
         " --fastest",
         {.measure = "spotify-streams",
          .at_least = 1000000000,
          .mode = "fastest",
          .cohort = {.artist_kind = "solo", .market = "k-pop"}}},
        {"--measure spotify-streams --at 2020-06-30 --role b-side --market k-pop --most",
         {.measure = "spotify-streams",
          .at = "2020-06-30",
          .mode = "most",
          .cohort = {.role = "b-side", .market = "k-pop"}}},
    };
    for (size_t i = 0; i < sizeof recs / sizeof *recs; i++) {
        double best = 1e9;
        size_t rows = 0;
        for (int k = 0; k < 5; k++) { /* best of 5 */
            double q0 = now();
            if (kc_query_records(db, &recs[i].o, &t))
                die(db, "records");
            double q1 = now();
            best = q1 - q0 < best ? q1 - q0 : best;
            rows = t->nrows;
            if (k == 0)
                printf("records   %s\n          %s\n", recs[i].name,
                       t->title ? t->title : "");
            kc_table_free(t);
        }
        printf("          %zu rows in %.1f ms (best of 5)\n", rows, best * 1000);
    }

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak memory %.1f MiB (RSS)\n", (double)ru.ru_maxrss / 1024.0);
    kc_db_close(db);
    if (path == dbpath) {
        char cmd[96];
        snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
        if (system(cmd) != 0)
            return 1;
    }
    return 0;
}
