/*
 * floor_hot100.c: the least work issue 2's benchmark asks of the libraries
 * kchart is built on (jansson, SQLite), with nothing of kchart in between.
 *
 *   bench_floor_hot100 [--no-observations] DIR [DB]
 *
 * DIR holds the Hot 100 archive (one JSON file per week, read in name
 * order); DB is a file to create (default floor.db in the working
 * directory; it is removed first and left behind for inspection).
 *
 *   parse  read every file and json_loadb() it with the flags kchart uses,
 *          then pick each row's title, artist, rank and Billboard's three
 *          counters out of the tree: what any jansson reader must do;
 *   store  write what a store of runs must hold, in SQLite configured as
 *          kchart's (WAL, synchronous=NORMAL, foreign keys, a 64 MiB page
 *          cache, one transaction per 256 files): a snapshot row per file,
 *          an observation row and an entry row per chart row (kchart's
 *          tables and indexes), a song row per new title|artist and, at
 *          the end, a run row per song. Identity is a plain hash of
 *          title|artist and the counters a naive recount, both in memory:
 *          the cheapest possible, not kchart's rules.
 *
 * --no-observations leaves the observation rows out: the floor of a store
 * that would keep what the provider said and our counters in one row.
 *
 * It prints the CPU time of each phase and the floor it sets on the wall
 * time of an ingest on this machine's cores: the store is one writer (at
 * least its own time), and all of it is CPU to share among the cores.
 * The DuckDB figure to compare with is bench/ingest_hot100.sh's.
 */
#include <dirent.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    char *title, *artist;
    int rank, p_last, p_peak, p_periods;
} row;

typedef struct {
    char period[16];
    row *rows;
    size_t n;
} chart;

typedef struct {
    char *key; /* title \x1f artist; NULL when the slot is free */
    int64_t id;
    int last_week, last_rank, peak, periods, debut_week, debut_rank;
} song;

static song *songs;
static size_t songs_cap = 1 << 16, songs_n;

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "bench_floor_hot100: %s: %s\n", what, detail);
    exit(1);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die(path, "cannot open");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
        die(path, "cannot read");
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static int int_or_zero(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? (int)json_integer_value(v) : 0;
}

static void parse(const char *path, chart *c)
{
    size_t len;
    char *buf = read_all(path, &len);
    json_error_t err;
    json_t *doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
    if (!doc)
        die(path, err.text);
    json_t *date = json_object_get(doc, "date"), *data = json_object_get(doc, "data");
    if (!json_is_string(date) || !json_is_array(data))
        die(path, "no date or data");
    snprintf(c->period, sizeof c->period, "%s", json_string_value(date));
    c->n = json_array_size(data);
    c->rows = calloc(c->n, sizeof *c->rows);
    for (size_t i = 0; i < c->n; i++) {
        json_t *o = json_array_get(data, i);
        row *r = &c->rows[i];
        r->title = strdup(json_string_value(json_object_get(o, "song")));
        r->artist = strdup(json_string_value(json_object_get(o, "artist")));
        r->rank = int_or_zero(o, "this_week");
        r->p_last = int_or_zero(o, "last_week");
        r->p_peak = int_or_zero(o, "peak_position");
        r->p_periods = int_or_zero(o, "weeks_on_chart");
    }
    json_decref(doc);
    free(buf);
}

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static song *song_of(const row *r)
{
    if (2 * (songs_n + 1) > songs_cap) {
        song *old = songs;
        size_t old_cap = songs_cap;
        songs_cap *= 2;
        songs = calloc(songs_cap, sizeof *songs);
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].key) {
                size_t j = hash(old[i].key) & (songs_cap - 1);
                while (songs[j].key)
                    j = (j + 1) & (songs_cap - 1);
                songs[j] = old[i];
            }
        free(old);
    }
    size_t n = strlen(r->title) + strlen(r->artist) + 2;
    char *key = malloc(n);
    snprintf(key, n, "%s\x1f%s", r->title, r->artist);
    size_t j = hash(key) & (songs_cap - 1);
    while (songs[j].key && strcmp(songs[j].key, key))
        j = (j + 1) & (songs_cap - 1);
    if (songs[j].key) {
        free(key);
    } else {
        songs[j].key = key;
        songs_n++;
    }
    return &songs[j];
}

static sqlite3 *db;

static sqlite3_stmt *prep(const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        die(sql, sqlite3_errmsg(db));
    return st;
}

static void step(sqlite3_stmt *st)
{
    if (sqlite3_step(st) != SQLITE_DONE)
        die("step", sqlite3_errmsg(db));
    sqlite3_reset(st);
}

static void exec(const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        die(sql, msg ? msg : "failed");
}

/* kchart's tables for these rows (src/store.c, migrations 1 and 3). */
static const char schema[] =
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
    "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;"
    "PRAGMA temp_store = MEMORY;"
    "CREATE TABLE snapshot (id INTEGER PRIMARY KEY, chart_id TEXT NOT NULL,"
    " period TEXT NOT NULL, source TEXT NOT NULL, digest TEXT NOT NULL,"
    " has_counters INTEGER NOT NULL, partial INTEGER NOT NULL DEFAULT 0,"
    " UNIQUE (chart_id, period));"
    "CREATE TABLE observation (snapshot_id INTEGER NOT NULL REFERENCES snapshot(id)"
    " ON DELETE CASCADE, rank INTEGER NOT NULL CHECK (rank > 0), title TEXT NOT NULL,"
    " artist TEXT NOT NULL, provider_id TEXT, value INTEGER, p_last INTEGER,"
    " p_peak INTEGER, p_periods INTEGER, PRIMARY KEY (snapshot_id, rank))"
    " WITHOUT ROWID;"
    "CREATE TABLE song (id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
    " artist TEXT NOT NULL, match TEXT NOT NULL);"
    "CREATE TABLE entry (snapshot_id INTEGER NOT NULL REFERENCES snapshot(id)"
    " ON DELETE CASCADE, rank INTEGER NOT NULL, song_id INTEGER NOT NULL"
    " REFERENCES song(id), last INTEGER, status TEXT NOT NULL, peak INTEGER NOT NULL,"
    " periods INTEGER NOT NULL, streak INTEGER NOT NULL, seeded INTEGER NOT NULL,"
    " PRIMARY KEY (snapshot_id, rank)) WITHOUT ROWID;"
    "CREATE INDEX entry_no1 ON entry(snapshot_id, song_id) WHERE rank = 1;"
    "CREATE TABLE run (chart_id TEXT NOT NULL, song_id INTEGER NOT NULL"
    " REFERENCES song(id), debut_period TEXT NOT NULL, debut_rank INTEGER NOT NULL,"
    " periods INTEGER NOT NULL, streak INTEGER NOT NULL, longest_streak INTEGER"
    " NOT NULL, peak INTEGER NOT NULL, peak_period TEXT, periods_at_peak INTEGER"
    " NOT NULL, periods_at_no1 INTEGER NOT NULL, reentries INTEGER NOT NULL,"
    " last_period TEXT NOT NULL, last_rank INTEGER NOT NULL,"
    " PRIMARY KEY (chart_id, song_id)) WITHOUT ROWID;"
    "CREATE INDEX run_song ON run(song_id);";

static void bind_or_null(sqlite3_stmt *st, int col, int v)
{
    if (v > 0)
        sqlite3_bind_int(st, col, v);
    else
        sqlite3_bind_null(st, col);
}

static bool observations = true;

static void store(const chart *charts, size_t n, const char *path)
{
    unlink(path);
    if (sqlite3_open(path, &db) != SQLITE_OK)
        die(path, "cannot open");
    exec(schema);
    sqlite3_stmt *snap = prep("INSERT INTO snapshot (chart_id, period, source, digest,"
                              " has_counters) VALUES ('billboard-hot-100',?,?,?,1)");
    sqlite3_stmt *obs = prep("INSERT INTO observation (snapshot_id, rank, title, artist,"
                             " p_last, p_peak, p_periods) VALUES (?,?,?,?,?,?,?)");
    sqlite3_stmt *new_song =
        prep("INSERT INTO song (title, artist, match) VALUES (?,?,?)");
    sqlite3_stmt *ent = prep("INSERT INTO entry (snapshot_id, rank, song_id, last,"
                             " status, peak, periods, streak, seeded)"
                             " VALUES (?,?,?,?,?,?,?,?,0)");
    for (size_t w = 0; w < n; w++) {
        const chart *c = &charts[w];
        if (w % 256 == 0)
            exec("BEGIN");
        sqlite3_bind_text(snap, 1, c->period, -1, SQLITE_STATIC);
        sqlite3_bind_text(snap, 2, c->period, -1, SQLITE_STATIC);
        sqlite3_bind_text(snap, 3, "0123456789abcdef0123456789abcdef", -1, SQLITE_STATIC);
        step(snap);
        int64_t sid = sqlite3_last_insert_rowid(db);
        for (size_t i = 0; i < c->n; i++) {
            const row *r = &c->rows[i];
            sqlite3_bind_int64(obs, 1, sid);
            sqlite3_bind_int(obs, 2, r->rank);
            sqlite3_bind_text(obs, 3, r->title, -1, SQLITE_STATIC);
            sqlite3_bind_text(obs, 4, r->artist, -1, SQLITE_STATIC);
            bind_or_null(obs, 5, r->p_last);
            bind_or_null(obs, 6, r->p_peak);
            bind_or_null(obs, 7, r->p_periods);
            if (observations)
                step(obs);
            else
                sqlite3_reset(obs);
            song *s = song_of(r);
            if (!s->id) {
                sqlite3_bind_text(new_song, 1, r->title, -1, SQLITE_STATIC);
                sqlite3_bind_text(new_song, 2, r->artist, -1, SQLITE_STATIC);
                sqlite3_bind_text(new_song, 3, s->key, -1, SQLITE_STATIC);
                step(new_song);
                s->id = sqlite3_last_insert_rowid(db);
                s->debut_week = (int)w;
                s->debut_rank = r->rank;
            }
            int last = s->periods && s->last_week == (int)w - 1 ? s->last_rank : 0;
            s->periods++;
            if (!s->peak || r->rank < s->peak)
                s->peak = r->rank;
            s->last_week = (int)w;
            s->last_rank = r->rank;
            sqlite3_bind_int64(ent, 1, sid);
            sqlite3_bind_int(ent, 2, r->rank);
            sqlite3_bind_int64(ent, 3, s->id);
            bind_or_null(ent, 4, last);
            sqlite3_bind_text(ent, 5,
                              !last            ? "new"
                              : last > r->rank ? "up"
                              : last < r->rank ? "down"
                                               : "same",
                              -1, SQLITE_STATIC);
            sqlite3_bind_int(ent, 6, s->peak);
            sqlite3_bind_int(ent, 7, s->periods);
            sqlite3_bind_int(ent, 8, 1);
            step(ent);
        }
        if (w % 256 == 255 || w + 1 == n)
            exec("COMMIT");
    }
    exec("BEGIN");
    sqlite3_stmt *run =
        prep("INSERT INTO run VALUES ('billboard-hot-100',?,?,?,?,1,1,?,NULL,1,0,0,?,?)");
    for (size_t j = 0; j < songs_cap; j++) {
        const song *s = &songs[j];
        if (!s->key)
            continue;
        sqlite3_bind_int64(run, 1, s->id);
        sqlite3_bind_text(run, 2, charts[s->debut_week].period, -1, SQLITE_STATIC);
        sqlite3_bind_int(run, 3, s->debut_rank);
        sqlite3_bind_int(run, 4, s->periods);
        sqlite3_bind_int(run, 5, s->peak);
        sqlite3_bind_text(run, 6, charts[s->last_week].period, -1, SQLITE_STATIC);
        sqlite3_bind_int(run, 7, s->last_rank);
        step(run);
    }
    exec("COMMIT");
    sqlite3_finalize(snap);
    sqlite3_finalize(obs);
    sqlite3_finalize(new_song);
    sqlite3_finalize(ent);
    sqlite3_finalize(run);
    if (sqlite3_close(db) != SQLITE_OK)
        die(path, "cannot close");
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--no-observations")) {
        observations = false;
        argv++;
        argc--;
    }
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: bench_floor_hot100 [--no-observations] DIR [DB]\n");
        return 2;
    }
    DIR *d = opendir(argv[1]);
    if (!d)
        die(argv[1], "cannot open");
    size_t n = 0, cap = 4096;
    char **names = malloc(cap * sizeof *names);
    for (struct dirent *e; (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".json"))
            continue;
        if (n == cap)
            names = realloc(names, (cap *= 2) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_name);
    songs = calloc(songs_cap, sizeof *songs);

    chart *charts = calloc(n, sizeof *charts);
    size_t rows = 0;
    double t0 = cpu();
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
        parse(path, &charts[i]);
        rows += charts[i].n;
    }
    double t1 = cpu();
    store(charts, n, argc > 2 ? argv[2] : "floor.db");
    double t2 = cpu();

    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    double p = t1 - t0, s = t2 - t1, fl = (p + s) / (double)cores;
    if (fl < s)
        fl = s;
    printf("files   %zu, %zu rows, %zu songs\n", n, rows, songs_n);
    printf("parse   %.2f s CPU (read + jansson)\n", p);
    printf("store   %.2f s CPU (SQLite: snapshot, %sentry, song, run)\n", s,
           observations ? "observation, " : "");
    printf("floor   %.2f s wall on %ld cores: max(store, (parse + store) / cores)\n", fl,
           cores);
    return 0;
}
