/*
 * kchart.c: the library assembled: a store opened, migrated and seeded with
 * the built-in data, and the operations that span every layer (rebuild,
 * merge and split of songs).
 *
 * The top of libkchart (docs/architecture.md): it may call every layer of
 * the library; no layer of the library calls it. The CLI and the server
 * (src/cli, src/http) sit above it and call the public API only.
 */
#include "kchart_int.h"

#include <sql/kchart_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The built-in data (the CSV files of data/, compiled in), with the latest schema's
 * columns, inside the migration's last transaction. */
static int seed(kc_db *db)
{
    int rc = kc__registry_seed(db);
    if (!rc)
        rc = kc__allkill_seed(db);
    if (!rc)
        rc = kc__units_seed(db);
    if (!rc)
        rc = kc__certs_seed(db);
    return rc;
}

int kc_db_open(const char *path, kc_db **out)
{
    kc_db *db;
    int rc = kc__store_open(path, &db);
    *out = NULL;
    if (rc)
        return rc;
    /* The temporary tables of the derive layer (kchart-temp-tables.sql
     * says which), then the news' own (news.c). Made here, before ROLLBACK
     * is prepared (kc__store_ready): a schema change later would expire
     * it. */
    rc = kc__exec(db, kc__sql_kchart_temp_tables);
    if (!rc)
        rc = kc__news_setup(db);
    if (!rc)
        rc = kc__store_migrate(db, seed);
    if (!rc)
        rc = kc__store_ready(db);
    if (rc)
        return kc__store_open_failed(db, rc);
    *out = db;
    return KC_OK;
}

/* ---- rebuild, merge, split -------------------------------------------- */

/* Recomputes every chart inside the caller's transaction. */
static int rebuild_all(kc_db *db)
{
    kc__cache_drop(db);
    /* The catalog's and the series' bindings to songs are derived too: the
     * catalog binds first (its songs and ids are input), then the series,
     * then the charts find their rows' songs among them, as they do when
     * the catalog was imported before the charts. */
    int rc = kc__exec(db, kc__sql_kchart_rebuild_clear);
    if (!rc)
        rc = kc__catalog_bind(db);
    if (!rc)
        rc = kc__series_bind(db);
    sqlite3_stmt *st = rc ? NULL : kc__prepare(db, kc__sql_kchart_rebuild_charts);
    if (!rc && !st)
        rc = KC_ESTORE;
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        char chart[64];
        snprintf(chart, sizeof chart, "%s", (const char *)sqlite3_column_text(st, 0));
        rc = kc__runs_update(db, chart, NULL, NULL);
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "charts");
    sqlite3_finalize(st);
    if (!rc)
        rc = kc__credits_update(db, true);
    if (!rc)
        rc = kc__milestones_update(db, 0);
    return rc;
}

/* Runs body inside one transaction: committed if it succeeds, rolled back
 * (with the in-memory state) if not. */
static int in_transaction(kc_db *db, int (*body)(kc_db *, void *), void *arg)
{
    int rc = kc__begin(db);
    if (!rc)
        rc = body(db, arg);
    return kc__end(db, rc);
}

static int rebuild_body(kc_db *db, void *arg)
{
    (void)arg;
    return rebuild_all(db);
}

int kc_rebuild(kc_db *db)
{
    return in_transaction(db, rebuild_body, NULL);
}

typedef struct {
    const char *sql; /* inserts the rule rows (kchart-merge.sql, kchart-split.sql) */
    int64_t song;    /* merge: :into, the song kept; split: :song */
    int64_t from;    /* merge: :from, the song merged into it */
    const char *key; /* split: :key, the key split off; merge: NULL */
} rule;

/* Records a rule and replays every chart with it: a rule is never stored
 * without the runs it makes. */
static int record_rule(kc_db *db, void *arg)
{
    const rule *r = arg;
    sqlite3_stmt *st = kc__prepare(db, r->sql);
    if (!st)
        return KC_ESTORE;
    if (r->key) {
        kc__bind_int64(st, ":song", r->song);
        kc__bind_text(st, ":key", r->key);
    } else {
        kc__bind_int64(st, ":into", r->song);
        kc__bind_int64(st, ":from", r->from);
    }
    int rc = KC_OK;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = kc__sqlfail(db, "identity rule");
    else if (sqlite3_changes(kc__sql(db)) == 0)
        rc = kc__fail(db, KC_ENOTFOUND, "nothing to record: check the song ids and key");
    sqlite3_finalize(st);
    return rc ? rc : rebuild_all(db);
}

static int song_exists(kc_db *db, int64_t id)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_kchart_song_exists);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":song", id);
    int step = sqlite3_step(st), rc = KC_OK;
    if (step == SQLITE_DONE)
        rc = kc__fail(db, KC_ENOTFOUND, "no song %lld", (long long)id);
    else if (step != SQLITE_ROW)
        rc = kc__sqlfail(db, "song");
    sqlite3_finalize(st);
    return rc;
}

int kc_song_merge(kc_db *db, int64_t into, int64_t from)
{
    int rc;
    if (into == from)
        return kc__fail(db, KC_EUSAGE, "a song cannot merge into itself");
    if ((rc = song_exists(db, into)) || (rc = song_exists(db, from)))
        return rc;
    /* Every key of `from` is looked up as a key of `into` from now on;
     * keys, not ids, are recorded, because ids are reassigned by rebuild. */
    rule r = {kc__sql_kchart_merge, into, from, NULL};
    return in_transaction(db, record_rule, &r);
}

int kc_song_split(kc_db *db, int64_t song, const char *key)
{
    int rc = song_exists(db, song);
    if (rc)
        return rc;
    rule r = {kc__sql_kchart_split, song, 0, key};
    return in_transaction(db, record_rule, &r);
}

const char *kc_version(void)
{
    return KC_VERSION;
}

size_t kc_utf8_check(const char *s, size_t n)
{
    return kc__utf8_check(s, n);
}
