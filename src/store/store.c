/*
 * store.c: the SQLite store: open, schema migrations, transactions, errors.
 *
 * One file, write-ahead logging, foreign keys on. The schema version lives in
 * PRAGMA user_version; each migration is a step from version N to N+1, run in
 * a transaction. Observations (snapshot, observation) are what providers
 * published; everything else (song, song_key, entry, run) is derived from
 * them and can be rebuilt. Not a query layer: modules prepare their own
 * statements (their layer's SQL files, docs/store.md), always with bound
 * parameters, bound by name (kc__bind_*). Transaction control (BEGIN,
 * COMMIT, ROLLBACK, savepoints) and PRAGMAs stay C strings here: a word or
 * two each, some composed (a savepoint's name, the next user_version).
 */
#include "store/store.h"

#include <pthread.h>
#include <sql/store_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KC_STMTS_MAX 128 /* statements kept prepared (kc__stmt) */
#define KC_PARKED_MAX 64 /* statements parked after use (kc__stmt_done) */

/* The handle. Its fields are the store's alone: every other layer goes
 * through store.h. */
struct kc_db {
    sqlite3 *sql;
    char err[KC_ERRMSG_MAX];
    void *cache;              /* a higher layer's (runs.c's); may be NULL */
    const kc__cache_ops *ops; /* what to do with it */
    int64_t cache_version;    /* PRAGMA data_version when it was installed */
    bool defer;               /* cache writes wait for the commit */
    int (*before_commit)(kc_db *db, void *ctx); /* a higher layer's; may be NULL */
    void *before_commit_ctx;
    struct {
        const char *sql; /* a literal or an SQL file: compared by address */
        sqlite3_stmt *st;
    } stmts[KC_STMTS_MAX];
    size_t nstmts;
    /* Statements of kc__prepare given back with kc__stmt_done, reset and
     * unbound, for the next kc__prepare of the same text: a request's
     * queries are prepared once a connection, not once a request. Known by
     * their text (sqlite3_sql), the oldest given back dropped first. */
    struct {
        const char *text; /* sqlite3_sql(st): st's own */
        size_t len;
        sqlite3_stmt *st;
    } parked[KC_PARKED_MAX];
    size_t nparked;
    struct {
        bool noted;            /* kc__seen_note was called and holds */
        int64_t version;       /* PRAGMA data_version then */
        uint64_t main_commits; /* main_commits then */
        bool in_txn;           /* taken inside a transaction (kc_read_end) */
    } seen[KC__SEEN_MAX];
    uint64_t main_commits; /* commits that wrote the store (count_commit) */
};

/* The schema, one step a file (sql/migrate-NNN.sql): step N takes a store
 * from user_version N - 1 to N. A step, once released, never changes: a
 * change of schema is a new step. */
static const char *const migrations[] = {
    kc__sql_migrate_001, /* observations, the registry, identity and runs */
    kc__sql_migrate_002, /* the server's write tokens */
    kc__sql_migrate_003, /* Korean charts and All-Kills */
    kc__sql_migrate_004, /* the catalog, series and milestones */
    kc__sql_migrate_005, /* album sales and units */
    kc__sql_migrate_006, /* certification rules */
    kc__sql_migrate_007, /* releases by artist */
    kc__sql_migrate_008, /* entities: kinds, credits, aliases, redirects, MusicBrainz */
    kc__sql_migrate_009, /* search by any name: names and their FTS5 trigrams */
    kc__sql_migrate_010, /* news as stored events, and webhooks */
    kc__sql_migrate_011, /* the files ingested, so that one can be forgotten */
    kc__sql_migrate_012, /* a song's entries and No. 1s read by song */
    kc__sql_migrate_013, /* the songs' words for search */
    kc__sql_migrate_014, /* each chart's coverage, summed */
    kc__sql_migrate_015, /* the built-in market rules stored once, at the seed */
    kc__sql_migrate_016, /* leaderboards and an artist's news read in order */
    kc__sql_migrate_017, /* a search's names read in the order of their charts */
    kc__sql_migrate_018, /* the seeded entries, for records' open crossings */
    kc__sql_migrate_019, /* a song's runs in one index; the news by time learned, kind */
    kc__sql_migrate_020, /* step 19's index of the news by kind dropped */
    kc__sql_migrate_021, /* what writes touched of the search's tables, queued */
};

int kc__fail(kc_db *db, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(db->err, sizeof db->err, fmt, ap);
    va_end(ap);
    return status;
}

int kc__sqlfail(kc_db *db, const char *what)
{
    int code = sqlite3_errcode(db->sql); /* out of memory: as in kc__exec */
    return kc__fail(db, KC_ESTORE, "%s: %s", what,
                    code == SQLITE_NOMEM ? sqlite3_errstr(code)
                                         : sqlite3_errmsg(db->sql));
}

int kc__exec(kc_db *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->sql, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        /* No message when there was no memory for one; and out of memory,
         * SQLite's message may name what failed for want of it instead
         * ("unable to open a temporary database file"). */
        /* Busy: another writer held the store past the busy timeout; worth
         * trying again later, unlike other store failures. */
        int status = (rc & 0xff) == SQLITE_BUSY ? KC_EBUSY : KC_ESTORE;
        kc__fail(db, status, "store: %s",
                 msg && rc != SQLITE_NOMEM ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return status;
    }
    return KC_OK;
}

int kc__begin(kc_db *db)
{
    return kc__exec(db, "BEGIN IMMEDIATE");
}
int kc__commit(kc_db *db)
{
    int rc = kc__cache_flush(db);
    /* What the transaction made known is written in it (the news' events):
     * after the cache, whose runs it reads. */
    if (!rc && db->before_commit)
        rc = db->before_commit(db, db->before_commit_ctx);
    return rc ? rc : kc__exec(db, "COMMIT");
}

int kc__touched(kc_db *db, const char *what, const char *chart, const char *period,
                const char *file)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_store_touched);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":what", what);
    kc__bind_text(st, ":chart", chart);
    kc__bind_text(st, ":period", period);
    kc__bind_text(st, ":file", file && *file ? file : NULL);
    return kc__step_done(db, st, "news: what was touched");
}

void kc__commit_hook(kc_db *db, int (*fn)(kc_db *db, void *ctx), void *ctx)
{
    db->before_commit = fn;
    db->before_commit_ctx = ctx;
}
int kc__end(kc_db *db, int rc)
{
    /* Out of memory, SQLite may have rolled the transaction back itself:
     * then nothing is committed. */
    if (!rc && sqlite3_get_autocommit(db->sql))
        rc = kc__fail(db, KC_ESTORE, "store: the transaction ended early");
    if (!rc)
        rc = kc__commit(db);
    if (rc)
        kc__rollback(db);
    return rc;
}

/* Prepared when the store opens (kc__stmt), so that rolling back needs no
 * memory to prepare a statement when memory is what ran out. A change of
 * schema expires every prepared statement, after which it must be prepared
 * again: so the schema changes only while the store opens (migrations, the
 * temporary table of runs.c), before this is prepared. */
static const char rollback_sql[] = "ROLLBACK";

void kc__rollback(kc_db *db)
{
    kc__cache_drop(db); /* it may hold what the rollback undid */
    for (size_t i = 0; i < KC__SEEN_MAX; i++)
        db->seen[i].noted = false; /* they may have noted what it undid */
    if (sqlite3_get_autocommit(db->sql))
        return;
    sqlite3_stmt *st = kc__stmt(db, rollback_sql);
    if (st) {
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    if (!sqlite3_get_autocommit(db->sql))
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

int kc__rollback_to(kc_db *db, const char *savepoint)
{
    char sql[96];
    snprintf(sql, sizeof sql, "ROLLBACK TO %s; RELEASE %s", savepoint, savepoint);
    /* When that fails (out of memory), the savepoint's changes must not
     * stay in the transaction: undo the whole of it. KC_ESTORE tells the
     * caller the transaction is gone; the message stays the caller's. */
    if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK) {
        kc__rollback(db);
        return KC_ESTORE;
    }
    /* The runs earlier savepoints changed and left in memory go to the
     * store before the state goes: only this savepoint is undone. */
    int rc = kc__cache_flush(db);
    kc__cache_drop(db); /* it may hold what the rollback undid */
    for (size_t i = 0; i < KC__SEEN_MAX; i++)
        db->seen[i].noted = false;
    if (rc)
        kc__rollback(db);
    return rc;
}

/* Whether sql is text, the text of a statement (sqlite3_sql gives it to
 * the end of the statement: its semicolon, when it has one), followed by
 * nothing but white space, semicolons and comments (an SQL file's shared
 * piece may end after its statement: "-- end shared: NAME"). */
static bool same_sql(const char *sql, const char *text, size_t len)
{
    if (strncmp(sql, text, len))
        return false;
    for (sql += len; *sql; sql++) {
        if (sql[0] == '-' && sql[1] == '-') {
            sql += strcspn(sql, "\n");
            if (!*sql)
                break;
        } else if (sql[0] == '/' && sql[1] == '*') {
            const char *end = strstr(sql + 2, "*/");
            if (!end)
                break; /* SQLite ends such a comment at the end of the text */
            sql = end + 1;
        } else if (!strchr(" \t\r\n;", *sql)) {
            return false;
        }
    }
    return true;
}

sqlite3_stmt *kc__prepare(kc_db *db, const char *sql)
{
    for (size_t i = db->nparked; i-- > 0;) {
        if (same_sql(sql, db->parked[i].text, db->parked[i].len)) {
            sqlite3_stmt *st = db->parked[i].st;
            memmove(&db->parked[i], &db->parked[i + 1],
                    (db->nparked - i - 1) * sizeof db->parked[0]);
            db->nparked--;
            return st;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
        kc__sqlfail(db, "prepare");
        return NULL;
    }
    return st;
}

void kc__stmt_done(kc_db *db, sqlite3_stmt *st)
{
    if (!st)
        return;
    const char *text = sqlite3_sql(st);
    if (!text || sqlite3_reset(st) != SQLITE_OK ||
        sqlite3_clear_bindings(st) != SQLITE_OK) {
        sqlite3_finalize(st);
        return;
    }
    if (db->nparked == KC_PARKED_MAX) {
        sqlite3_finalize(db->parked[0].st);
        memmove(&db->parked[0], &db->parked[1],
                (KC_PARKED_MAX - 1) * sizeof db->parked[0]);
        db->nparked--;
    }
    db->parked[db->nparked].text = text;
    db->parked[db->nparked].len = strlen(text);
    db->parked[db->nparked++].st = st;
}

/* ---- stepping -------------------------------------------------------- */

/* Runs st (bound) to its end, then resets it. */
int kc__step_done(kc_db *db, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, what);
    sqlite3_reset(st);
    return rc;
}

/* The single integer of a one-row query (bound), or 0 when no row. */
int kc__step_id(kc_db *db, sqlite3_stmt *st, int64_t *out, const char *what)
{
    int step = sqlite3_step(st), rc = KC_OK;
    *out = 0;
    if (step == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else if (step != SQLITE_DONE)
        rc = kc__sqlfail(db, what);
    sqlite3_reset(st);
    return rc;
}

sqlite3_stmt *kc__stmt(kc_db *db, const char *sql)
{
    for (size_t i = 0; i < db->nstmts; i++) {
        if (db->stmts[i].sql == sql) {
            sqlite3_reset(db->stmts[i].st);
            sqlite3_clear_bindings(db->stmts[i].st);
            return db->stmts[i].st;
        }
    }
    if (db->nstmts == KC_STMTS_MAX) {
        kc__fail(db, KC_ESTORE, "store: more than %d kept statements", KC_STMTS_MAX);
        return NULL;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
        SQLITE_OK) {
        kc__sqlfail(db, "prepare");
        return NULL;
    }
    db->stmts[db->nstmts].sql = sql;
    db->stmts[db->nstmts++].st = st;
    return st;
}

/* ---- binding by name ---------------------------------------------------- */

int kc__param(sqlite3_stmt *st, const char *name)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (!i) {
        /* Not bad input but a bug: the code and its statement disagree on a
         * name. Running the statement with NULL in place of the value
         * would store or answer something wrong without a word, so stop
         * where it shows, naming the parameter and the statement (an SQL
         * file's first line names the file). */
        const char *sql = sqlite3_sql(st);
        size_t n = sql ? strcspn(sql, "\n") : 0;
        fprintf(stderr, "kchart: bug: no parameter %s in the statement %.*s\n", name,
                (int)(n > 200 ? 200 : n), sql ? sql : "");
        abort();
    }
    return i;
}

void kc__params(sqlite3_stmt *st, const char *const *names, size_t n, int *index)
{
    for (size_t i = 0; i < n; i++)
        index[i] = kc__param(st, names[i]);
}

int kc__bind_text(sqlite3_stmt *st, const char *name, const char *value)
{
    if (!st)
        return SQLITE_MISUSE;
    int i = kc__param(st, name);
    return value ? sqlite3_bind_text(st, i, value, -1, SQLITE_STATIC)
                 : sqlite3_bind_null(st, i);
}

int kc__bind_int64(sqlite3_stmt *st, const char *name, int64_t value)
{
    return st ? sqlite3_bind_int64(st, kc__param(st, name), value) : SQLITE_MISUSE;
}

int kc__bind_null(sqlite3_stmt *st, const char *name)
{
    return st ? sqlite3_bind_null(st, kc__param(st, name)) : SQLITE_MISUSE;
}

int kc__store_migrate(kc_db *db, int (*seed)(kc_db *db))
{
    sqlite3_stmt *st = kc__prepare(db, "PRAGMA user_version");
    if (!st)
        return KC_ESTORE;
    int step = sqlite3_step(st);
    int version = step == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    if (step != SQLITE_ROW) {
        /* Not "version 0": migrating a store that has a schema would fail. */
        int rc = kc__sqlfail(db, "store: schema version");
        sqlite3_finalize(st);
        return rc;
    }
    sqlite3_finalize(st);
    int latest = (int)(sizeof migrations / sizeof *migrations);
    if (version > latest)
        return kc__fail(db, KC_ESTORE,
                        "store: schema version %d is newer than this kchart (%d)",
                        version, latest);
    for (int v = version; v < latest; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        int rc = kc__begin(db);
        if (!rc)
            rc = kc__exec(db, migrations[v]);
        if (!rc)
            rc = kc__exec(db, pragma);
        /* The built-in data, with the latest schema's columns, once the
         * schema is there. */
        if (!rc && v + 1 == latest && seed)
            rc = seed(db);
        if (!rc)
            rc = kc__commit(db);
        if (rc) {
            kc__rollback(db);
            return rc;
        }
    }
    return KC_OK;
}

static _Thread_local char open_err[KC_ERRMSG_MAX];

/* SQLite counts every allocation under a global mutex (SQLITE_CONFIG_MEMSTATUS,
 * on in Debian's build) for sqlite3_memory_used(), which kchart never asks:
 * a lock and an unlock on every malloc and free, 5 % of an ingest's CPU. Off
 * before SQLite's first use in the process; when the caller has used SQLite
 * already, sqlite3_config() refuses (SQLITE_MISUSE) and nothing changes. */
static void configure_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

const char *kc_open_errmsg(void)
{
    return open_err;
}

/* A commit hook (sqlite3_commit_hook): counts the commits of this handle
 * that wrote the store itself (main), not only its temporary tables, for
 * kc__seen_same. Never turns a commit into a rollback. */
static int count_commit(void *ctx)
{
    kc_db *db = ctx;
    if (sqlite3_txn_state(db->sql, "main") == SQLITE_TXN_WRITE)
        db->main_commits++;
    for (size_t i = 0; i < KC__SEEN_MAX; i++)
        db->seen[i].in_txn = false; /* the transaction they were taken in ends */
    return 0;
}

int kc__store_open(const char *path, kc_db **out)
{
    *out = NULL;
    kc__json_hook(); /* before any thread of the caller parses JSON */
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    pthread_once(&configured, configure_sqlite);
    kc_db *db = kc__calloc(1, sizeof *db);
    if (!db) {
        snprintf(open_err, sizeof open_err, "out of memory");
        return KC_ENOMEM;
    }
    int rc = KC_OK;
    if (sqlite3_open_v2(path, &db->sql,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        rc = kc__fail(db, KC_ESTORE, "%s: cannot open: %s", path,
                      db->sql ? sqlite3_errmsg(db->sql) : "out of memory");
    }
    if (!rc) {
        sqlite3_busy_timeout(db->sql, KC__BUSY_MS);
        sqlite3_commit_hook(db->sql, count_commit, db);
        rc = kc__exec(db, "PRAGMA journal_mode = WAL;"
                          "PRAGMA synchronous = NORMAL;"
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA cache_size = -65536;"
                          "PRAGMA temp_store = MEMORY;");
    }
    if (rc)
        return kc__store_open_failed(db, rc);
    *out = db;
    return KC_OK;
}

int kc__store_open_failed(kc_db *db, int rc)
{
    snprintf(open_err, sizeof open_err, "%s", db->err);
    kc_db_close(db);
    return rc;
}

int kc__store_ready(kc_db *db)
{
    return kc__stmt(db, rollback_sql) ? KC_OK : KC_ESTORE;
}

sqlite3 *kc__sql(kc_db *db)
{
    return db->sql;
}

int kc__read_file(kc_db *db, const char *path, char **buf, size_t *len)
{
    char err[KC_ERRMSG_MAX];
    int rc = kc__file_read(path, buf, len, err, sizeof err);
    return rc ? kc__fail(db, rc, "%s", err) : KC_OK;
}

/* ---- the cache a higher layer keeps ----------------------------------- */

static int64_t data_version(kc_db *db)
{
    sqlite3_stmt *st = kc__prepare(db, "PRAGMA data_version");
    int64_t v = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

void kc__cache_set(kc_db *db, void *cache, const kc__cache_ops *ops)
{
    kc__cache_drop(db);
    db->cache_version = data_version(db);
    db->cache = cache;
    db->ops = ops;
}

void *kc__cache(kc_db *db, const kc__cache_ops *ops)
{
    return db->ops == ops ? db->cache : NULL;
}

void kc__cache_drop(kc_db *db)
{
    void *cache = db->cache;
    if (!cache)
        return;
    db->cache = NULL;
    db->ops->drop(cache);
}

void kc__cache_check(kc_db *db)
{
    if (db->cache && db->cache_version != data_version(db))
        kc__cache_drop(db);
}

int kc__cache_flush(kc_db *db)
{
    return db->cache ? db->ops->flush(db, db->cache) : KC_OK;
}

void kc__cache_defer(kc_db *db, bool defer)
{
    db->defer = defer;
}

bool kc__cache_deferred(const kc_db *db)
{
    return db->defer;
}

void kc_db_close(kc_db *db)
{
    if (!db)
        return;
    kc__cache_drop(db);
    for (size_t i = 0; i < db->nstmts; i++)
        sqlite3_finalize(db->stmts[i].st);
    for (size_t i = 0; i < db->nparked; i++)
        sqlite3_finalize(db->parked[i].st);
    sqlite3_close_v2(db->sql);
    free(db);
}

const char *kc_errmsg(const kc_db *db)
{
    return db ? db->err : open_err;
}

const char *kc_strerror(int status)
{
    switch (status) {
#define KC_STATUS_TEXT(name, num, text)                                                  \
    case num:                                                                            \
        return text;
        KC_STATUS_MAP(KC_STATUS_TEXT)
#undef KC_STATUS_TEXT
    }
    return "unknown status";
}

int kc_db_version(kc_db *db, int64_t *version)
{
    sqlite3_stmt *st = kc__stmt(db, "PRAGMA data_version");
    if (!st)
        return KC_ESTORE;
    int rc = KC_OK;
    if (sqlite3_step(st) == SQLITE_ROW)
        *version = sqlite3_column_int64(st, 0);
    else
        rc = kc__sqlfail(db, "data_version");
    sqlite3_reset(st);
    return rc;
}

/* ---- whether the store changed ---------------------------------------- */

int kc__seen_note(kc_db *db, int slot)
{
    int64_t version;
    db->seen[slot].noted = false;
    int rc = kc_db_version(db, &version);
    if (rc)
        return rc;
    db->seen[slot].version = version;
    db->seen[slot].main_commits = db->main_commits;
    db->seen[slot].in_txn = !sqlite3_get_autocommit(db->sql);
    db->seen[slot].noted = true;
    return KC_OK;
}

void kc__busy_wait(kc_db *db, bool wait)
{
    sqlite3_busy_timeout(db->sql, wait ? KC__BUSY_MS : 0);
}

void kc__seen_forget(kc_db *db, int slot)
{
    db->seen[slot].noted = false;
}

void kc__seen_commit(kc_db *db, int slot)
{
    if (db->seen[slot].noted)
        db->seen[slot].main_commits = db->main_commits;
}

bool kc__seen_same(kc_db *db, int slot)
{
    int64_t version;
    if (!db->seen[slot].noted || kc_db_version(db, &version))
        return false;
    return version == db->seen[slot].version &&
           db->main_commits == db->seen[slot].main_commits &&
           (db->seen[slot].in_txn ||
            sqlite3_txn_state(db->sql, "main") != SQLITE_TXN_WRITE);
}

int kc_read_begin(kc_db *db)
{
    return kc__exec(db, "BEGIN");
}

/* A read transaction writes derived data only (the search's names,
 * chart_cover): a note taken inside it holds across its commit, as
 * kc__seen_commit says. */
void kc_read_end(kc_db *db)
{
    if (sqlite3_get_autocommit(db->sql))
        return;
    bool keep[KC__SEEN_MAX];
    for (size_t i = 0; i < KC__SEEN_MAX; i++)
        keep[i] = db->seen[i].noted && db->seen[i].in_txn;
    if (sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        /* What the read wrote may be undone: no note of it holds. */
        for (size_t i = 0; i < KC__SEEN_MAX; i++)
            if (keep[i])
                db->seen[i].noted = false;
        if (!sqlite3_get_autocommit(db->sql))
            kc__rollback(db);
        return;
    }
    for (size_t i = 0; i < KC__SEEN_MAX; i++) {
        if (keep[i])
            kc__seen_commit(db, (int)i);
        db->seen[i].in_txn = false;
    }
}
