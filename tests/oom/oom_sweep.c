/*
 * oom_sweep.c: out of memory, injected at every allocation of an ingest, a
 * compile and the queries, as SQLite's malloc tests do.
 *
 * The library's allocations (kc__malloc and its siblings), jansson's and
 * SQLite's all count against one countdown (alloc.c): the library wraps
 * jansson's allocator itself, this program routes SQLite's through it with
 * SQLITE_CONFIG_MALLOC. Each step of a small session (open a new store,
 * ingest a directory of two Hot 100 charts, a Spotify CSV, a generic CSV,
 * replace a chart, compile plays, rebuild, the queries) first runs without
 * failures, counting its allocations, M. Then for N = 1 .. M it runs again,
 * on a copy of the store as the steps before it left it, with the Nth
 * allocation failing: once, and then from the Nth on; and once with N =
 * M + 1, when nothing may fail (each step makes the same allocations every
 * time; a directory's ingest parses on a second thread, which changes their
 * order between the threads, not their number).
 * After each run:
 *   - the call succeeded, or failed with KC_ENOMEM, or with KC_ESTORE whose
 *     message says out of memory; a failure has a message;
 *   - no transaction is left open on the handle;
 *   - PRAGMA integrity_check says ok, and the store holds what it held
 *     before the step, or after it, or after the first of its files: each
 *     file wholly present or wholly absent (a dump of every table compared);
 *   - a query that succeeded gave the answer of a run without failures;
 *   - running the step again on the same handle, without failures, gives
 *     exactly the store (or answer) of a run that never failed.
 * No leak: the sanitizer pass of `make test` runs this under LeakSanitizer.
 *
 * Usage: oom_sweep [--runs R] [--step S] DATA_DIR FIXTURES_DIR
 * (tests/oom/data, tests/fixtures). With --runs R, at most R allocations
 * of each step fail in turn, each way, spread evenly over the step (CTest's
 * quicker pass; docs/oom.md); with --step S only step S is swept, the
 * others run once without failures.
 */
#include "compile/compile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char data_dir[512], fixtures_dir[512], dir[400], work[600];
static int failed;

#define FAIL(...)                                                                        \
    do {                                                                                 \
        fprintf(stderr, __VA_ARGS__);                                                    \
        fputc('\n', stderr);                                                             \
        if (++failed >= 20) {                                                            \
            fprintf(stderr, "oom_sweep: too many failures, stopping\n");                 \
            exit(1);                                                                     \
        }                                                                                \
    } while (0)

/* ---- SQLite and jansson through the countdown ------------------------- */

static sqlite3_mem_methods sql_default;

static void *sql_malloc(int n)
{
    return kc__alloc_inject() ? NULL : sql_default.xMalloc(n);
}

static void *sql_realloc(void *p, int n)
{
    return kc__alloc_inject() ? NULL : sql_default.xRealloc(p, n);
}

static void hook_allocators(void)
{
    sqlite3_mem_methods m;
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sql_default) != SQLITE_OK)
        abort();
    m = sql_default;
    m.xMalloc = sql_malloc;
    m.xRealloc = sql_realloc;
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK ||
        sqlite3_initialize() != SQLITE_OK) /* its allocations, once, not in a step */
        abort();
    /* jansson's allocations already count: the library wraps them
     * (kc__json_hook). */
}

/* ---- a growing string ------------------------------------------------- */

typedef struct {
    char *s;
    size_t n, cap;
} text;

static void put(text *t, const char *s)
{
    size_t len = strlen(s);
    if (t->n + len + 1 > t->cap) {
        t->cap = (t->n + len + 1) * 2;
        if (!(t->s = realloc(t->s, t->cap)))
            abort();
    }
    memcpy(t->s + t->n, s, len + 1);
    t->n += len;
}

static char *take(text *t)
{
    if (!t->s)
        put(t, "");
    return t->s;
}

/* ---- the store, seen from outside the library ------------------------- */

static int copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char buf[65536];
    ssize_t got = 0;
    while (in >= 0 && out >= 0 && (got = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)got) != got)
            got = -1;
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
    return in < 0 || out < 0 || got < 0 ? -1 : 0;
}

static void remove_store(const char *path)
{
    char p[700];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

/* Everything a store holds, as text, read through sql: its schema version,
 * and every table's rows in order of all their columns. Owned, free(). */
static char *contents(sqlite3 *sql)
{
    text t = {0};
    sqlite3_stmt *st;
    sqlite3_prepare_v2(sql, "PRAGMA user_version", -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW) {
        put(&t, "user_version: ");
        put(&t, (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    sqlite3_stmt *tables;
    sqlite3_prepare_v2(sql,
                       "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
                       " ORDER BY name",
                       -1, &tables, NULL);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        put(&t, "\n-- ");
        put(&t, (const char *)sqlite3_column_text(tables, 1));
        char q[256];
        snprintf(q, sizeof q, "SELECT * FROM \"%s\"", name);
        sqlite3_prepare_v2(sql, q, -1, &st, NULL);
        int ncols = sqlite3_column_count(st);
        sqlite3_finalize(st);
        size_t n = (size_t)snprintf(q, sizeof q, "SELECT * FROM \"%s\" ORDER BY 1", name);
        for (int c = 2; c <= ncols && n < sizeof q - 8; c++)
            n += (size_t)snprintf(q + n, sizeof q - n, ",%d", c);
        sqlite3_prepare_v2(sql, q, -1, &st, NULL);
        while (sqlite3_step(st) == SQLITE_ROW) {
            put(&t, "\n");
            for (int c = 0; c < ncols; c++) {
                const unsigned char *v = sqlite3_column_text(st, c);
                put(&t, c ? "|" : "");
                /* The time a file was ingested: a run at another second
                 * stores another. */
                if (!strcmp(name, "ingest_file") &&
                    !strcmp(sqlite3_column_name(st, c), "at"))
                    v = (const unsigned char *)"TIME";
                put(&t, v ? (const char *)v : "\\N");
            }
        }
        sqlite3_finalize(st);
    }
    sqlite3_finalize(tables);
    return take(&t);
}

#define INTEGRITY_OK "integrity_check: ok\n"

/* The store at path, opened afresh: integrity_check's verdict on the first
 * line, then its contents. Owned, free(). */
static char *dump(const char *path)
{
    sqlite3 *sql;
    text t = {0};
    if (sqlite3_open_v2(path, &sql, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        put(&t, "cannot open");
        sqlite3_close(sql);
        return take(&t);
    }
    sqlite3_stmt *st;
    sqlite3_prepare_v2(sql, "PRAGMA integrity_check", -1, &st, NULL);
    put(&t, "integrity_check: ");
    while (sqlite3_step(st) == SQLITE_ROW)
        put(&t, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    put(&t, "\n");
    char *c = contents(sql);
    put(&t, c);
    free(c);
    sqlite3_close(sql);
    return take(&t);
}

/* The first line where two dumps differ, for a message. */
static void show_difference(const char *want, const char *got)
{
    size_t i = 0, line = 1;
    for (; want[i] && want[i] == got[i]; i++)
        line += want[i] == '\n';
    while (i > 0 && want[i - 1] != '\n')
        i--;
    fprintf(stderr, "  first difference at line %zu:\n  want: %.120s\n  got:  %.120s\n",
            line, want + i, got + i);
}

/* ---- the steps -------------------------------------------------------- */

/* What a step did: its status and message, and for a query the answer. */
typedef struct {
    int status;
    char msg[KC_ERRMSG_MAX];
    char *answer; /* the tables as text; owned */
} outcome;

static void set_msg(outcome *o, const char *msg)
{
    snprintf(o->msg, sizeof o->msg, "%s", msg ? msg : "");
}

static void table_text(text *t, const kc_table *tb)
{
    if (!tb) {
        put(t, "(no table)\n");
        return;
    }
    put(t, tb->title ? tb->title : "(no title)");
    put(t, "\n");
    for (size_t c = 0; c < tb->ncols; c++) {
        put(t, c ? "," : "");
        put(t, tb->cols[c]);
    }
    for (size_t r = 0; r < tb->nrows; r++) {
        put(t, "\n");
        for (size_t c = 0; c < tb->ncols; c++) {
            const char *v = kc_table_cell(tb, r, c);
            put(t, c ? "," : "");
            put(t, v ? v : "\\N");
        }
    }
    put(t, "\n");
}

/* Ends a query step: the answer as text, the tables freed. A failed query
 * must leave its tables NULL. */
static void query_done(kc_db *db, outcome *o, int rc, kc_table *a, kc_table *b)
{
    o->status = rc;
    set_msg(o, kc_errmsg(db));
    text t = {0};
    if (rc && (a || b))
        put(&t, "a table despite a failure");
    else if (!rc) {
        table_text(&t, a);
        table_text(&t, b);
    }
    o->answer = t.s; /* NULL after a failure that left no table */
    kc_table_free(a);
    kc_table_free(b);
}

static void ingest(kc_db *db, outcome *o, const char *path, int replace)
{
    char full[1024];
    snprintf(full, sizeof full, "%s/%s", path[0] == '@' ? fixtures_dir : data_dir,
             path + (path[0] == '@'));
    kc_ingest_opts opts = {.replace = replace};
    kc_ingest_stats stats = {0};
    o->status = kc_ingest_path(db, full, &opts, &stats);
    set_msg(o, kc_errmsg(db));
}

static void ingest_billboard_first(kc_db *db, outcome *o)
{
    ingest(db, o, "billboard/1973-05-05.json", 0);
}
static void ingest_billboard(kc_db *db, outcome *o)
{
    ingest(db, o, "billboard", 0);
}
static void ingest_spotify(kc_db *db, outcome *o)
{
    ingest(db, o, "regional-pk-daily-2025-12-01.csv", 0);
}
static void ingest_generic(kc_db *db, outcome *o)
{
    ingest(db, o, "@generic-hot100-top5.csv", 0);
}
static void ingest_replace(kc_db *db, outcome *o)
{
    ingest(db, o, "replace/1973-05-12.json", 1);
}

static void ingest_series(kc_db *db, outcome *o)
{
    ingest(db, o, "korea", 0); /* a series dataset: one transaction */
}

static void allkill_load(kc_db *db, outcome *o)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/allkill.csv", data_dir);
    o->status = kc_allkill_rules_load(db, path);
    set_msg(o, kc_errmsg(db));
}

static void compile_plays(kc_db *db, outcome *o)
{
    kc_rules r;
    char err[256];
    kc_rules_default(&r);
    if (kc_rules_set(&r, "top", "3", err, sizeof err))
        abort();
    /* One thread: with more, which allocation is the Nth depends on the
     * schedule, and a sweep could not say where it failed. */
    kc_compile_opts opts = {.threads = 1};
    kc_compile *c = kc_compile_new(&r, &opts);
    if (!c) {
        o->status = KC_ENOMEM;
        set_msg(o, "kc_compile_new: NULL");
        return;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/plays/cap.csv", fixtures_dir);
    kc_compile_stats cs;
    kc_ingest_stats is = {0};
    if ((o->status = kc_compile_add(c, path)) || (o->status = kc_compile_run(c, &cs)))
        set_msg(o, kc_compile_errmsg(c));
    else if ((o->status = kc_compile_store(c, db, &is)))
        set_msg(o, kc_errmsg(db));
    kc_compile_free(c);
}

static void catalog_import(kc_db *db, outcome *o)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/../milestones/catalog.json", fixtures_dir);
    o->status = kc_catalog_import(db, path, NULL);
    set_msg(o, kc_errmsg(db));
}

static void series_import(kc_db *db, outcome *o)
{
    char a[1024], b[1024];
    snprintf(a, sizeof a, "%s/../milestones/followers.csv", fixtures_dir);
    snprintf(b, sizeof b, "%s/../milestones/streams-1.csv", fixtures_dir);
    const char *paths[] = {a, b};
    o->status = kc_series_import(db, paths, 2, NULL, NULL);
    set_msg(o, kc_errmsg(db));
}

static void series_kworb(kc_db *db, outcome *o)
{
    char a[1024];
    snprintf(a, sizeof a, "%s/../milestones/kworb", fixtures_dir);
    const char *paths[] = {a};
    kc_series_opts opts = {.artist = "Ria", .create = 1};
    o->status = kc_series_import(db, paths, 1, &opts, NULL);
    set_msg(o, kc_errmsg(db));
}

static void sales_catalog(kc_db *db, outcome *o)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/../sales/catalog.json", fixtures_dir);
    o->status = kc_catalog_import(db, path, NULL);
    set_msg(o, kc_errmsg(db));
}

static void sales_import(kc_db *db, outcome *o)
{
    char a[1024], b[1024];
    snprintf(a, sizeof a, "%s/../sales/dawn.csv", fixtures_dir);
    snprintf(b, sizeof b, "%s/../sales/morning.csv", fixtures_dir);
    const char *paths[] = {a, b};
    o->status = kc_sales_import(db, paths, 2, NULL, NULL);
    set_msg(o, kc_errmsg(db));
}

static void units_import(kc_db *db, outcome *o)
{
    char a[1024];
    snprintf(a, sizeof a, "%s/../sales/units.csv", fixtures_dir);
    const char *paths[] = {a};
    o->status = kc_units_import(db, paths, 1, NULL, NULL);
    set_msg(o, kc_errmsg(db));
}

static void units_rules(kc_db *db, outcome *o)
{
    char a[1024];
    snprintf(a, sizeof a, "%s/../sales/ratios.csv", fixtures_dir);
    o->status = kc_units_rules_load(db, a);
    set_msg(o, kc_errmsg(db));
}

static void certs_rules(kc_db *db, outcome *o)
{
    char a[1024];
    snprintf(a, sizeof a, "%s/../sales/certs-rules.csv", fixtures_dir);
    o->status = kc_certs_rules_load(db, a);
    set_msg(o, kc_errmsg(db));
}

static void rebuild(kc_db *db, outcome *o)
{
    o->status = kc_rebuild(db);
    set_msg(o, kc_errmsg(db));
}

static void query_chart(kc_db *db, outcome *o)
{
    kc_table *t = NULL;
    int rc = kc_query_chart(db, "billboard-hot-100", "1973-05-12", 0, &t);
    query_done(db, o, rc, t, NULL);
}
static void query_entries(kc_db *db, outcome *o)
{
    kc_table *t = NULL;
    int rc = kc_query_entries(db, "spotify-pk-daily", &t);
    query_done(db, o, rc, t, NULL);
}
static void query_song(kc_db *db, outcome *o)
{
    kc_table *t = NULL;
    int rc = kc_query_song(db, "little willy", 0, &t);
    query_done(db, o, rc, t, NULL);
}
static void query_song_keys(kc_db *db, outcome *o)
{
    kc_table *t = NULL;
    int rc = kc_query_song_keys(db, "Karan Aujla", &t);
    query_done(db, o, rc, t, NULL);
}
static void query_top(kc_db *db, outcome *o)
{
    kc_table *t = NULL;
    int rc = kc_query_top(db, "billboard-hot-100", "periods", 10, &t);
    query_done(db, o, rc, t, NULL);
}
static void query_verify(kc_db *db, outcome *o)
{
    kc_table *s = NULL, *m = NULL;
    int rc = kc_query_verify(db, NULL, 5, &s, &m);
    query_done(db, o, rc, s, m);
}
static void query_regions(kc_db *db, outcome *o)
{
    kc_table *t = NULL;
    kc_regions_opts opts = {.family = "spotify-daily", .top = 10};
    int rc = kc_query_regions(db, "karan aujla", 0, &opts, &t);
    query_done(db, o, rc, t, NULL);
}
static void query_milestones(kc_db *db, outcome *o)
{
    kc_table *t = NULL;
    int rc = kc_query_milestones(db, NULL, &t);
    query_done(db, o, rc, t, NULL);
}
static void query_sales(kc_db *db, outcome *o)
{
    kc_table *t = NULL;
    int rc = kc_query_sales(db, "Dawn", NULL, &t);
    query_done(db, o, rc, t, NULL);
}
static void query_units(kc_db *db, outcome *o)
{
    kc_table *t = NULL;
    int rc = kc_query_units(db, "2019-10-19", 0, &t);
    query_done(db, o, rc, t, NULL);
}
static void query_certs(kc_db *db, outcome *o)
{
    kc_table *t = NULL;
    int rc = kc_query_certs(db, NULL, NULL, &t);
    query_done(db, o, rc, t, NULL);
}
static void export_catalog(kc_db *db, outcome *o)
{
    char *json = NULL;
    o->status = kc_catalog_export(db, &json);
    set_msg(o, kc_errmsg(db));
    o->answer = json;
}

static void query_allkill(kc_db *db, outcome *o)
{
    kc_table *t = NULL, *u = NULL;
    int rc = kc_query_allkill(db, NULL, 0, NULL, &t);
    if (!rc)
        rc = kc_query_allkill_at(db, "2024-03-01T00", "t-oom", &u);
    if (rc) { /* the first table is no answer when the second failed */
        kc_table_free(t);
        t = NULL;
    }
    query_done(db, o, rc, t, u);
}
static void query_news(kc_db *db, outcome *o)
{
    kc_table *t = NULL;
    kc_page page = {0, 0, 0};
    int rc = kc_query_news(db, NULL, "2000-01-01", &page, &t);
    query_done(db, o, rc, t, NULL);
}

static void query_records(kc_db *db, outcome *o)
{
    kc_table *t = NULL, *u = NULL;
    kc_records_opts a = {
        .measure = "spotify-streams",
        .at_least = 100000000,
        .mode = "first",
        .cohort = {.market = "k-pop", .artist = "Ria", .credit = "lead"}};
    kc_records_opts b = {.measure = "periods",
                         .chart = "billboard-hot-100",
                         .at = "2025-12-31",
                         .limit = 5};
    kc_records_opts c = {.measure = "first-week",
                         .provider = "hanteo",
                         .cohort = {.release_kind = "album"}};
    int rc = kc_query_records(db, &a, &t);
    if (!rc)
        rc = kc_query_records(db, &b, &u);
    if (!rc) { /* the releases' ranks: one answer with the chart's */
        kc_table_free(u);
        u = NULL;
        rc = kc_query_records(db, &c, &u);
    }
    if (rc) {
        kc_table_free(t);
        t = NULL;
    }
    query_done(db, o, rc, t, u);
}

static void query_charts(kc_db *db, outcome *o)
{
    kc_table *t = NULL;
    int rc = kc_query_charts(db, &t);
    query_done(db, o, rc, t, NULL);
}

typedef struct {
    const char *name;
    void (*run)(kc_db *, outcome *); /* NULL: kc_db_open of a new store */
    bool writes;                     /* changes the store */
    /* When the step stores files one by one: the first of them alone, whose
     * state the store may be left in. */
    void (*first)(kc_db *, outcome *);
} step;

static const step steps[] = {
    {"open a new store", NULL, true, NULL},
    {"ingest a directory of two Hot 100 charts (JSON)", ingest_billboard, true,
     ingest_billboard_first},
    {"ingest a Spotify daily chart (CSV)", ingest_spotify, true, NULL},
    {"ingest a generic CSV of three Hot 100 charts", ingest_generic, true, NULL},
    {"replace a Hot 100 chart (recompute the chart's runs)", ingest_replace, true, NULL},
    {"compile plays and store the charts", compile_plays, true, NULL},
    {"ingest a series dataset (song map, rank series, a contested rank)", ingest_series,
     true, NULL},
    {"load All-Kill rule sets", allkill_load, true, NULL},
    {"import a catalog", catalog_import, true, NULL},
    {"import series of followers and totals (CSV)", series_import, true, NULL},
    {"import kworb snapshots, making their songs", series_kworb, true, NULL},
    {"import a catalog of releases to sell", sales_catalog, true, NULL},
    {"import sales reports (CSV)", sales_import, true, NULL},
    {"import album units inputs (CSV), storing the units chart", units_import, true,
     NULL},
    {"load unit ratios, storing the units chart again", units_rules, true, NULL},
    {"load certification rules", certs_rules, true, NULL},
    {"rebuild every chart", rebuild, true, NULL},
    {"query a chart", query_chart, false, NULL},
    {"query a chart's entries", query_entries, false, NULL},
    {"query songs", query_song, false, NULL},
    {"query a song's keys", query_song_keys, false, NULL},
    {"query a leaderboard", query_top, false, NULL},
    {"query the verification", query_verify, false, NULL},
    {"query a song's regions", query_regions, false, NULL},
    {"query the registry", query_charts, false, NULL},
    {"query the milestones", query_milestones, false, NULL},
    {"query records over cohorts", query_records, false, NULL},
    {"query the All-Kills and the state at an hour", query_allkill, false, NULL},
    {"query the news (chart events, All-Kills, regions)", query_news, false, NULL},
    {"query a release's sales windows", query_sales, false, NULL},
    {"query the units chart of a week", query_units, false, NULL},
    {"query the certifications reached", query_certs, false, NULL},
    {"export the catalog", export_catalog, false, NULL},
};
#define NSTEPS (sizeof steps / sizeof *steps)

/* ---- running a step --------------------------------------------------- */

/* The store before each step (a file), and what a step does without
 * failures: the store after it (and after its first file), its answer. */
typedef struct {
    char before[600];
    char *dump_before, *dump_first, *dump_after;
    char *answer;
    long allocations; /* in a run without failures */
} expected;

static bool clean_failure(const outcome *o)
{
    if (!o->msg[0])
        return false;
    return o->status == KC_ENOMEM ||
           (o->status == KC_ESTORE && strstr(o->msg, "out of memory"));
}

/* A fresh copy of the store before step s at work, opened unless s opens. */
static kc_db *prepare(const expected *e, size_t s)
{
    remove_store(work);
    if (!steps[s].run)
        return NULL;
    if (copy_file(e->before, work)) {
        fprintf(stderr, "oom_sweep: cannot copy %s: %s\n", e->before, strerror(errno));
        exit(1);
    }
    kc_db *db;
    if (kc_db_open(work, &db)) {
        fprintf(stderr, "oom_sweep: cannot open %s: %s\n", work, kc_open_errmsg());
        exit(1);
    }
    return db;
}

/* Runs step s on db (or opens the store, for the first step). */
static void run_step(size_t s, kc_db **db, outcome *o)
{
    memset(o, 0, sizeof *o);
    kc__tz_forget(); /* every run reads its time zones, and may fail to */
    if (steps[s].run) {
        steps[s].run(*db, o);
        return;
    }
    o->status = kc_db_open(work, db);
    set_msg(o, o->status ? kc_open_errmsg() : "");
    if (o->status && *db)
        set_msg(o, "kc_db_open failed but gave a handle");
}

/* The step without failures, from a copy of its store: what it must give. */
static void run_clean(size_t s, expected *e)
{
    outcome o;
    e->dump_before = steps[s].run ? dump(e->before) : strdup("");
    if (steps[s].first) {
        kc_db *db = prepare(e, s);
        steps[s].first(db, &o);
        kc_db_close(db);
        if (o.status) {
            fprintf(stderr, "oom_sweep: %s (first file): %s\n", steps[s].name, o.msg);
            exit(1);
        }
        e->dump_first = dump(work);
    }
    kc_db *db = prepare(e, s);
    kc__alloc_fail(LONG_MAX, false); /* count, never fail */
    run_step(s, &db, &o);
    e->allocations = kc__alloc_fail(0, false);
    kc_db_close(db);
    if (o.status) {
        fprintf(stderr, "oom_sweep: %s, without failures: %s (%s)\n", steps[s].name,
                kc_strerror(o.status), o.msg);
        exit(1);
    }
    e->answer = o.answer;
    e->dump_after = dump(work);
    if (strncmp(e->dump_after, INTEGRITY_OK, strlen(INTEGRITY_OK))) {
        fprintf(stderr, "oom_sweep: %s, without failures: %.200s\n", steps[s].name,
                e->dump_after);
        exit(1);
    }
}

/* Step s with the nth allocation failing (and every later one, with
 * persist), checked. Returns the number of failures injected: 0 when the
 * step no longer reaches the nth allocation. */
static long run_failing(size_t s, const expected *e, long nth, bool persist)
{
    const char *mode = persist ? "from the" : "only the";
    kc_db *db = prepare(e, s);
    outcome o;
    kc__alloc_fail(nth, persist);
    run_step(s, &db, &o);
    long injected = kc__alloc_failures();
    kc__alloc_fail(0, false);
    const char *what = steps[s].name;

    if (o.status && !clean_failure(&o))
        FAIL("%s, %s allocation %ld on failing: status %d (%s), message \"%s\"", what,
             mode, nth, o.status, kc_strerror(o.status), o.msg);
    if (!injected && o.status)
        FAIL("%s: failed without an injected failure: %s", what, o.msg);
    if (o.status && o.answer)
        FAIL("%s, %s allocation %ld on failing: failed, yet gave a table", what, mode,
             nth);
    if (db && !sqlite3_get_autocommit(kc__sql(db)))
        FAIL("%s, %s allocation %ld on failing: a transaction is left open", what, mode,
             nth);
    if (!steps[s].writes) {
        if (!o.status && strcmp(o.answer, e->answer))
            FAIL("%s, %s allocation %ld on failing: succeeded with a wrong answer:\n%s",
                 what, mode, nth, o.answer);
        free(o.answer);
        kc_db_close(db);
        return injected;
    }
    /* The store as the failure left it: whole, and before or after. */
    char *got = dump(work);
    bool ok = !strcmp(got, e->dump_after) || (o.status && !strcmp(got, e->dump_before)) ||
              (o.status && e->dump_first && !strcmp(got, e->dump_first));
    /* Opening creates the file, then migrates one version at a time, each
     * committed on its own: a failure may stop between two (running it
     * again, below, must still end in the same store). */
    if (!ok && !steps[s].run && o.status)
        ok = !strcmp(got, "cannot open") || !strncmp(got, "integrity_check: ok\n", 20);
    if (!ok) {
        FAIL("%s, %s allocation %ld on failing (%s): the store is not as before or "
             "after",
             what, mode, nth, o.status ? o.msg : "succeeded");
        show_difference(o.status ? e->dump_before : e->dump_after, got);
    }
    free(got);
    /* Again, without failures, on the same handle: as if it never failed
     * (read through the handle's own connection, quicker than another). */
    if (o.status) {
        run_step(s, &db, &o);
        if (o.status)
            FAIL("%s, again after allocation %ld failed: %s", what, nth, o.msg);
        free(o.answer);
        got = db ? contents(kc__sql(db)) : strdup("no handle");
        const char *want = e->dump_after + strlen(INTEGRITY_OK);
        if (strcmp(got, want)) {
            FAIL("%s, again after %s allocation %ld failed: the store differs from a "
                 "run that never failed",
                 what, mode, nth);
            show_difference(want, got);
        }
        free(got);
    }
    kc_db_close(db);
    return injected;
}

/* Removes the temporary directory and the stores in it. */
static void clean_up(void)
{
    char p[700];
    for (size_t s = 0; s < NSTEPS; s++) {
        snprintf(p, sizeof p, "%s/before-%zu.db", dir, s);
        unlink(p);
    }
    remove_store(work);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    long only = -1, runs = 0;
    int a = 1;
    for (; a + 1 < argc && argv[a][0] == '-'; a += 2) {
        if (!strcmp(argv[a], "--runs"))
            runs = atol(argv[a + 1]);
        else if (!strcmp(argv[a], "--step"))
            only = atol(argv[a + 1]);
        else
            break;
    }
    if (argc - a != 2 || runs < 0) {
        fprintf(stderr, "usage: oom_sweep [--runs R] [--step S] DATA_DIR FIXTURES_DIR\n"
                        "  (tests/oom/data tests/fixtures; at most R runs per step and "
                        "way of failing, of step S only)\n");
        return 2;
    }
    snprintf(data_dir, sizeof data_dir, "%s", argv[a]);
    snprintf(fixtures_dir, sizeof fixtures_dir, "%s", argv[a + 1]);
    hook_allocators();
    /* The store syncs to disk at every commit: in memory (/dev/shm, where
     * there is one) the sweep runs several times faster. */
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/kc-oom-XXXXXX", tmp);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    atexit(clean_up);
    snprintf(work, sizeof work, "%s/work.db", dir);

    expected e[NSTEPS];
    memset(e, 0, sizeof e);
    long total = 0, all = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t s = 0; s < NSTEPS; s++) {
        snprintf(e[s].before, sizeof e[s].before, "%s/before-%zu.db", dir, s);
        run_clean(s, &e[s]);
        if (s + 1 < NSTEPS) {
            /* The next step starts from this one's store. */
            snprintf(e[s + 1].before, sizeof e[s + 1].before, "%s/before-%zu.db", dir,
                     s + 1);
            if (copy_file(work, e[s + 1].before))
                return 1;
        }
        if (only >= 0 && (size_t)only != s)
            continue;
        long swept = 0;
        long stride = runs ? (e[s].allocations + runs - 1) / runs : 1;
        if (stride < 1)
            stride = 1;
        for (int persist = 0; persist < 2; persist++) {
            /* Each mode starts at a different offset: with a stride, the
             * two together fail more distinct allocations. */
            long nth = 1 + (persist ? stride / 2 : 0);
            for (; nth <= e[s].allocations; nth += stride, swept++)
                if (!run_failing(s, &e[s], nth, persist))
                    FAIL("%s: allocation %ld did not fail, yet a run without "
                         "failures makes %ld",
                         steps[s].name, nth, e[s].allocations);
            /* Past the last allocation nothing fails, and the step must
             * succeed: the runs make the same allocations every time. */
            if (run_failing(s, &e[s], e[s].allocations + 1, persist))
                FAIL("%s: allocation %ld failed, yet a run without failures makes "
                     "only %ld",
                     steps[s].name, e[s].allocations + 1, e[s].allocations);
        }
        total += swept;
        all += e[s].allocations;
        printf("%2zu %-52s %6ld allocations, %6ld runs\n", s, steps[s].name,
               e[s].allocations, swept);
        fflush(stdout);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%ld allocations, %ld runs with one failing (once, or from then on)%s, "
           "%.1f s; %d failures\n",
           all, total, runs ? "" : ": every allocation, both ways",
           (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, failed);
    for (size_t s = 0; s < NSTEPS; s++) {
        free(e[s].dump_before);
        free(e[s].dump_first);
        free(e[s].dump_after);
        free(e[s].answer);
    }
    return failed ? 1 : 0;
}
