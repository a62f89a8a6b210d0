/*
 * store.c: the SQLite store: open, schema migrations, transactions, errors.
 *
 * One file, write-ahead logging, foreign keys on. The schema version lives in
 * PRAGMA user_version; each migration is a step from version N to N+1, run in
 * a transaction. Observations (snapshot, observation) are what providers
 * published; everything else (song, song_key, entry, run) is derived from
 * them and can be rebuilt. Not a query layer: modules prepare their own
 * statements, always with bound parameters.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KC_STMTS_MAX 128 /* statements kept prepared (kc__stmt) */

/* The handle. Its fields are the store's alone: every other layer goes
 * through store.h. */
struct kc_db {
    sqlite3 *sql;
    char err[KC_ERRMSG_MAX];
    void *cache;              /* a higher layer's (runs.c's); may be NULL */
    const kc__cache_ops *ops; /* what to do with it */
    int64_t cache_version;    /* PRAGMA data_version when it was installed */
    bool defer;               /* cache writes wait for the commit */
    struct {
        const char *sql; /* a string literal: compared by address */
        sqlite3_stmt *st;
    } stmts[KC_STMTS_MAX];
    size_t nstmts;
};

/* A step may be longer than the 4095 bytes C99 promises a string literal
 * (step 4, the catalog and series); GCC and Clang take any length. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
/* clang-format off */
static const char *const migrations[] = {
    /* 1: observations, the registry, identity and runs. */
    "CREATE TABLE chart ("
    "  id TEXT PRIMARY KEY,"
    "  provider TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  region TEXT NOT NULL,"
    "  cadence TEXT NOT NULL CHECK (cadence IN"
    "    ('hourly','daily','weekly','monthly','yearly')),"
    "  timezone TEXT NOT NULL,"
    "  size INTEGER NOT NULL CHECK (size > 0),"
    "  period_naming TEXT NOT NULL);"
    "CREATE TABLE snapshot ("
    "  id INTEGER PRIMARY KEY,"
    "  chart_id TEXT NOT NULL REFERENCES chart(id),"
    "  period TEXT NOT NULL,"
    "  source TEXT NOT NULL,"          /* file name it came from */
    "  digest TEXT NOT NULL,"          /* XXH3 of its rows, to spot changes */
    "  has_counters INTEGER NOT NULL," /* provider published last/peak/periods */
    "  UNIQUE (chart_id, period));"
    "CREATE TABLE observation ("
    "  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,"
    "  rank INTEGER NOT NULL CHECK (rank > 0),"
    "  title TEXT NOT NULL,"
    "  artist TEXT NOT NULL,"
    "  provider_id TEXT,"
    "  value INTEGER,"
    "  p_last INTEGER," /* NULL: new or re-entry (or not published) */
    "  p_peak INTEGER,"
    "  p_periods INTEGER,"
    "  PRIMARY KEY (snapshot_id, rank)) WITHOUT ROWID;"
    "CREATE TABLE song ("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT NOT NULL,"
    "  artist TEXT NOT NULL,"
    "  match TEXT NOT NULL);" /* matching form of title and artist, for search */
    "CREATE TABLE song_key ("
    "  key TEXT NOT NULL," /* 'id:<provider id>' or 't:<title>|<credit>' */
    "  song_id INTEGER NOT NULL REFERENCES song(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (key, song_id)) WITHOUT ROWID;"
    "CREATE INDEX song_key_song ON song_key(song_id);"
    "CREATE TABLE entry (" /* one per observation: what we derive from it */
    "  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,"
    "  rank INTEGER NOT NULL,"
    "  song_id INTEGER NOT NULL REFERENCES song(id),"
    "  last INTEGER,"         /* our previous rank; NULL for new and re-entry */
    "  status TEXT NOT NULL," /* new, re-entry, up, down, same */
    "  peak INTEGER NOT NULL,"
    "  periods INTEGER NOT NULL," /* periods on chart so far, across gaps */
    "  streak INTEGER NOT NULL,"  /* consecutive periods up to this one */
    "  seeded INTEGER NOT NULL,"  /* counters taken from the provider here */
    "  PRIMARY KEY (snapshot_id, rank)) WITHOUT ROWID;"
    /* No index on entry(song_id): it costs a random page write per row at
     * ingest; a song's charts come from run, which has one. */
    "CREATE TABLE run ("
    "  chart_id TEXT NOT NULL,"
    "  song_id INTEGER NOT NULL REFERENCES song(id),"
    "  debut_period TEXT NOT NULL,"
    "  debut_rank INTEGER NOT NULL,"
    "  periods INTEGER NOT NULL,"
    "  streak INTEGER NOT NULL," /* current streak, up to last_period */
    "  longest_streak INTEGER NOT NULL,"
    "  peak INTEGER NOT NULL,"
    "  peak_period TEXT," /* first period at peak; NULL if seeded */
    "  periods_at_peak INTEGER NOT NULL,"
    "  periods_at_no1 INTEGER NOT NULL,"
    "  reentries INTEGER NOT NULL,"
    "  last_period TEXT NOT NULL,"
    "  last_rank INTEGER NOT NULL,"
    "  PRIMARY KEY (chart_id, song_id)) WITHOUT ROWID;"
    "CREATE INDEX run_song ON run(song_id);"
    "CREATE TABLE identity_rule ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN ('merge','split')),"
    "  key TEXT NOT NULL," /* the key that moves */
    "  target TEXT);",     /* merge: a key of the song it joins */
    /* 2: the server's write tokens, stored as hashes (token.c). */
    "CREATE TABLE token ("
    "  name TEXT PRIMARY KEY,"
    "  hash TEXT NOT NULL UNIQUE," /* SHA-256 of the token, hex */
    "  created TEXT NOT NULL);", /* UTC, ISO 8601 */
    /* 3: Korean charts and All-Kills (allkill.c): when a chart is out, which
     * snapshots hold only some of a chart's songs, the All-Kill rule sets. */
    "ALTER TABLE chart ADD COLUMN published INTEGER;" /* hours after a period
                                                         starts; NULL: default */
    "ALTER TABLE snapshot ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;"
    /* Each snapshot's No. 1, read without the pages of its other ranks. */
    "CREATE INDEX entry_no1 ON entry(snapshot_id, song_id) WHERE rank = 1;"
    "CREATE TABLE allkill_rule ("
    "  kind TEXT NOT NULL,"  /* realtime, certified, perfect, or the user's */
    "  since TEXT NOT NULL," /* first day in force, YYYY-MM-DD in the charts' zone */
    "  until TEXT,"          /* first day no longer in force; NULL: still */
    "  charts TEXT NOT NULL," /* chart ids, space-separated */
    "  source TEXT NOT NULL,"
    "  PRIMARY KEY (kind, since));",
    /* 4: the catalog (input: artists, releases, songs, videos, ids), series
     * of totals and followers (input), and the milestones derived from them
     * (docs/catalog.md, docs/series.md). catalog_song.song_id and
     * subject.song_id bind input to the derived song entities: rebuild
     * clears and binds them again. */
    "CREATE TABLE artist ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('group','solo','unit','other')),"
    "  market TEXT,"          /* 'k-pop', 'j-pop', 'pop' ...; NULL unknown */
    "  match TEXT NOT NULL);" /* matching form of the name */
    "CREATE INDEX artist_match ON artist(match);"
    "CREATE TABLE artist_alias ("
    "  artist_id INTEGER NOT NULL REFERENCES artist(id),"
    "  alias TEXT NOT NULL,"
    "  match TEXT NOT NULL,"
    "  PRIMARY KEY (artist_id, alias)) WITHOUT ROWID;"
    "CREATE INDEX artist_alias_match ON artist_alias(match);"
    "CREATE TABLE artist_member ("
    "  group_id INTEGER NOT NULL REFERENCES artist(id),"
    "  member_id INTEGER NOT NULL REFERENCES artist(id),"
    "  since TEXT," /* YYYY-MM-DD; NULL unknown */
    "  until TEXT," /* NULL: still a member */
    "  PRIMARY KEY (group_id, member_id)) WITHOUT ROWID;"
    "CREATE TABLE artist_account ("
    "  artist_id INTEGER NOT NULL REFERENCES artist(id),"
    "  platform TEXT NOT NULL," /* instagram, spotify, youtube ... */
    "  handle TEXT,"
    "  joined INTEGER," /* days since 1970-01-01; NULL unknown */
    "  PRIMARY KEY (artist_id, platform)) WITHOUT ROWID;"
    "CREATE TABLE catalog_song ("
    "  id INTEGER PRIMARY KEY,"
    "  key TEXT NOT NULL UNIQUE," /* the catalog's handle: 'v/love-me-again' */
    "  title TEXT NOT NULL,"
    "  credit TEXT NOT NULL," /* as shown: 'Jung Kook feat. Latto' */
    "  song_id INTEGER REFERENCES song(id));" /* derived: its chart entity */
    "CREATE INDEX catalog_song_song ON catalog_song(song_id);"
    "CREATE TABLE catalog_song_id ("
    "  value TEXT NOT NULL," /* provider id 'melon:8304594' or ISRC */
    "  kind TEXT NOT NULL CHECK (kind IN ('provider','isrc')),"
    "  catalog_song_id INTEGER NOT NULL REFERENCES catalog_song(id),"
    "  PRIMARY KEY (kind, value)) WITHOUT ROWID;"
    "CREATE INDEX catalog_song_id_song ON catalog_song_id(catalog_song_id);"
    "CREATE TABLE song_credit ("
    "  catalog_song_id INTEGER NOT NULL REFERENCES catalog_song(id),"
    "  artist_id INTEGER NOT NULL REFERENCES artist(id),"
    "  credit TEXT NOT NULL CHECK (credit IN ('lead','featured')),"
    "  pos INTEGER NOT NULL," /* order in the credit */
    "  PRIMARY KEY (catalog_song_id, artist_id)) WITHOUT ROWID;"
    "CREATE INDEX song_credit_artist ON song_credit(artist_id);"
    "CREATE TABLE release ("
    "  id INTEGER PRIMARY KEY,"
    "  key TEXT NOT NULL UNIQUE,"
    "  title TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN"
    "    ('album','ep','single','repackage','mixtape','ost')),"
    "  artist_id INTEGER REFERENCES artist(id),"
    "  released TEXT NOT NULL,"  /* as written: date, or local time and offset */
    "  time_zone TEXT NOT NULL," /* IANA name or +HH:MM */
    "  released_utc INTEGER NOT NULL);" /* the instant, seconds since 1970 UTC */
    "CREATE TABLE release_song ("
    "  release_id INTEGER NOT NULL REFERENCES release(id),"
    "  catalog_song_id INTEGER NOT NULL REFERENCES catalog_song(id),"
    "  track INTEGER,"
    "  role TEXT CHECK (role IN ('title','b-side','pre-release','ost','fan-song')),"
    "  PRIMARY KEY (release_id, catalog_song_id)) WITHOUT ROWID;"
    "CREATE INDEX release_song_song ON release_song(catalog_song_id);"
    "CREATE TABLE video ("
    "  id TEXT PRIMARY KEY," /* provider id: 'youtube:<video id>' */
    "  catalog_song_id INTEGER NOT NULL REFERENCES catalog_song(id),"
    "  channel TEXT,"
    "  released TEXT NOT NULL,"
    "  time_zone TEXT NOT NULL,"
    "  released_utc INTEGER NOT NULL);"
    "CREATE TABLE series_source ("
    "  id TEXT PRIMARY KEY,"
    "  kind TEXT NOT NULL," /* the ladder it climbs: streams, views, followers */
    "  subject TEXT NOT NULL CHECK (subject IN ('song','artist')),"
    "  platform TEXT NOT NULL);"
    "INSERT INTO series_source VALUES"
    "  ('spotify-streams','streams','song','spotify'),"
    "  ('youtube-views','views','song','youtube'),"
    "  ('instagram-followers','followers','artist','instagram'),"
    "  ('spotify-followers','followers','artist','spotify'),"
    "  ('youtube-subscribers','followers','artist','youtube'),"
    "  ('tiktok-followers','followers','artist','tiktok'),"
    "  ('x-followers','followers','artist','x'),"
    "  ('weverse-followers','followers','artist','weverse');"
    /* Marks first, first + step, ... up to last (docs/series.md). */
    "CREATE TABLE ladder ("
    "  kind TEXT NOT NULL,"
    "  first INTEGER NOT NULL CHECK (first > 0),"
    "  step INTEGER NOT NULL CHECK (step >= 0),"
    "  last INTEGER NOT NULL CHECK (last >= first),"
    "  PRIMARY KEY (kind, first)) WITHOUT ROWID;"
    "INSERT INTO ladder VALUES"
    "  ('streams',100000000,100000000,3000000000),"
    "  ('streams',3500000000,500000000,50000000000),"
    "  ('views',10000000,0,10000000),"
    "  ('views',50000000,0,50000000),"
    "  ('views',100000000,100000000,3000000000),"
    "  ('views',3500000000,500000000,50000000000),"
    "  ('followers',1000000,0,1000000),"
    "  ('followers',5000000,0,5000000),"
    "  ('followers',10000000,10000000,100000000),"
    "  ('followers',150000000,50000000,1000000000);"
    "CREATE TABLE subject ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN ('song','artist')),"
    "  ref TEXT NOT NULL UNIQUE," /* song: 'id:<provider id>' or its t: key;"
                                     artist: 'artist:<name>' */
    "  title TEXT NOT NULL,"  /* song: to find or make its entity again */
    "  credit TEXT NOT NULL,"
    "  artist_id INTEGER REFERENCES artist(id),"
    "  song_id INTEGER REFERENCES song(id));" /* derived */
    "CREATE INDEX subject_song ON subject(song_id);"
    "CREATE TABLE point ("
    "  subject_id INTEGER NOT NULL REFERENCES subject(id),"
    "  source TEXT NOT NULL REFERENCES series_source(id),"
    "  kind TEXT NOT NULL CHECK (kind IN ('total','daily')),"
    "  day INTEGER NOT NULL," /* the provider's data date, days since 1970 */
    "  value INTEGER NOT NULL CHECK (value >= 0),"
    "  file TEXT NOT NULL,"
    "  PRIMARY KEY (subject_id, source, kind, day)) WITHOUT ROWID;"
    "CREATE TABLE milestone (" /* derived from point and ladder */
    "  source TEXT NOT NULL,"
    "  mark INTEGER NOT NULL,"
    "  subject_id INTEGER NOT NULL REFERENCES subject(id),"
    "  day INTEGER NOT NULL," /* the first total at or above the mark */
    "  prev_day INTEGER,"     /* the total before it; NULL: none */
    "  PRIMARY KEY (source, mark, subject_id)) WITHOUT ROWID;",
    /* 5: album sales as providers report them, the providers' zones and
     * weeks, the weekly inputs of equivalent album units and their ratios
     * (docs/sales.md). All input: windows and units are computed when
     * asked. */
    "CREATE TABLE sale_provider ("
    "  id TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  time_zone TEXT NOT NULL," /* its days and weeks are counted there */
    "  week_start INTEGER NOT NULL CHECK (week_start BETWEEN 1 AND 7)," /* ISO day */
    "  first_week TEXT NOT NULL CHECK (first_week IN ('rolling7','tracking')));"
    /* Hanteo's first week (chodong) is 7 days from the release day, KST;
     * Circle's weekly album chart runs Sunday-Saturday, KST; Oricon's
     * Monday-Sunday, JST; Luminate's (Billboard's) tracking week
     * Friday-Thursday, Eastern time. */
    "INSERT INTO sale_provider VALUES"
    "  ('hanteo','Hanteo Chart','Asia/Seoul',1,'rolling7'),"
    "  ('circle','Circle Chart','Asia/Seoul',7,'tracking'),"
    "  ('oricon','Oricon','Asia/Tokyo',1,'tracking'),"
    "  ('luminate','Luminate (Billboard)','America/New_York',5,'tracking'),"
    "  ('any','any other source','UTC',1,'tracking');"
    "CREATE TABLE sale ("
    "  provider TEXT NOT NULL REFERENCES sale_provider(id),"
    "  release_id INTEGER NOT NULL REFERENCES release(id),"
    "  version TEXT NOT NULL," /* '' when the report does not split versions */
    "  country TEXT NOT NULL," /* '' for the provider's whole count */
    "  kind TEXT NOT NULL CHECK (kind IN ('day','week','month','year','cumulative')),"
    "  period TEXT NOT NULL," /* as written: YYYY-MM-DD, YYYY-MM or YYYY */
    "  first_day INTEGER NOT NULL," /* days since 1970, in the provider's zone */
    "  last_day INTEGER NOT NULL,"
    "  units INTEGER NOT NULL CHECK (units >= 0),"
    "  file TEXT NOT NULL,"
    "  PRIMARY KEY (release_id, provider, kind, period, version, country))"
    "  WITHOUT ROWID;"
    "CREATE TABLE unit_rule (" /* data/units.csv */
    "  since TEXT PRIMARY KEY," /* chart date it takes effect, YYYY-MM-DD */
    "  tracks INTEGER NOT NULL," /* track sales per album; 0: not counted */
    "  paid INTEGER NOT NULL,"   /* paid streams per album; 0: not counted */
    "  ad INTEGER NOT NULL,"     /* ad-supported streams per album */
    "  video INTEGER NOT NULL CHECK (video IN (0,1))," /* video streams count */
    "  source TEXT NOT NULL);"
    "CREATE TABLE album_week ("
    "  release_id INTEGER NOT NULL REFERENCES release(id),"
    "  chart_date INTEGER NOT NULL," /* the Billboard chart date, days since 1970 */
    "  sales INTEGER NOT NULL,"
    "  track_sales INTEGER NOT NULL,"
    "  paid_streams INTEGER NOT NULL,"
    "  ad_streams INTEGER NOT NULL,"
    "  video_streams INTEGER NOT NULL,"
    "  file TEXT NOT NULL,"
    "  PRIMARY KEY (chart_date, release_id)) WITHOUT ROWID;",
    /* 6: certification rules (data/certs.csv; certs.c), and the series of
     * Circle's download and streaming counts that its song certifications
     * are counted on. The awards reached are computed when asked. */
    "CREATE TABLE cert_rule ("
    "  certifier TEXT NOT NULL," /* Circle, RIAA, ... */
    "  award TEXT NOT NULL,"     /* platinum, 2x platinum, million, gold ... */
    "  metric TEXT NOT NULL CHECK (metric IN ('albums','units','downloads','streams')),"
    "  threshold INTEGER NOT NULL CHECK (threshold > 0),"
    "  since TEXT NOT NULL,"    /* first day in force, YYYY-MM-DD */
    "  until TEXT,"             /* first day no longer in force; NULL: still */
    "  provider TEXT NOT NULL," /* sale_provider (albums, units) or series_source */
    "  source TEXT NOT NULL,"
    "  PRIMARY KEY (certifier, award, metric, since));"
    "INSERT INTO series_source VALUES"
    "  ('circle-downloads','downloads','song','circle'),"
    "  ('circle-streams','streams','song','circle');",
    /* 7: a release found by its artist (sales rows name both). */
    "CREATE INDEX release_artist ON release(artist_id);",
};
/* clang-format on */
#pragma GCC diagnostic pop

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
    return rc ? rc : kc__exec(db, "COMMIT");
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
    if (rc)
        kc__rollback(db);
    return rc;
}

sqlite3_stmt *kc__prepare(kc_db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
        kc__sqlfail(db, "prepare");
        return NULL;
    }
    return st;
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

const char *kc_open_errmsg(void)
{
    return open_err;
}

int kc__store_open(const char *path, kc_db **out)
{
    *out = NULL;
    kc__json_hook(); /* before any thread of the caller parses JSON */
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
        sqlite3_busy_timeout(db->sql, 5000);
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

void *kc__cache(kc_db *db)
{
    return db->cache;
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

int kc_read_begin(kc_db *db)
{
    return kc__exec(db, "BEGIN");
}

void kc_read_end(kc_db *db)
{
    if (!sqlite3_get_autocommit(db->sql))
        sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
}
