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
    if (!rc)
        rc = kc__markets_seed(db);
    /* A store older than the stored news (schema step 10) learns every
     * event it holds once, here, as it is brought up to the latest schema
     * (learned: now; of no file). A new store holds nothing to find. */
    if (!rc)
        rc = kc__news_touch_all(db);
    if (!rc)
        rc = kc__news_learn(db);
    return rc;
}

/* The store's commit hook: the events the transaction made known. */
static int learn_news(kc_db *db, void *ctx)
{
    (void)ctx;
    return kc__news_learn(db);
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
    kc__commit_hook(db, learn_news, NULL);
    *out = db;
    return KC_OK;
}

/* ---- rebuild, merge, split -------------------------------------------- */

/* Ids never move (docs/entities.md): a rebuild derives every song afresh,
 * a merge or split the songs it concerns, and derive/ids.c then gives each
 * entity the id of the one it continues. */

/* What a rebuild derives again, noted (ids) and cleared. */
static int rebuild_clear(kc_db *db)
{
    kc__cache_drop(db);
    int rc = kc__ids_note(db, true);
    if (!rc)
        rc = kc__exec(db, kc__sql_kchart_rebuild_clear);
    return rc;
}

/* Derives again, after rebuild_clear, inside the caller's transaction. */
static int rebuild_derive(kc_db *db)
{
    /* The catalog's and the series' bindings to songs are derived too: the
     * catalog binds first (its songs and ids are input), then the series,
     * then the charts find their rows' songs among them, as they do when
     * the catalog was imported before the charts. */
    int rc = kc__catalog_bind(db);
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
        rc = kc__cache_flush(db);
    if (!rc)
        rc = kc__ids_settle(db);
    if (!rc)
        rc = kc__credits_update(db, true);
    if (!rc)
        rc = kc__milestones_update(db, 0);
    /* The stored events are history, kept as they were learned; the commit
     * adds those the rebuild reveals (kc__news_learn). */
    if (!rc)
        rc = kc__news_touch_all(db);
    return rc;
}

/* Recomputes every chart inside the caller's transaction. */
static int rebuild_all(kc_db *db)
{
    int rc = rebuild_clear(db);
    return rc ? rc : rebuild_derive(db);
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
    int64_t song;    /* merge: the song kept; split: the song */
    int64_t from;    /* merge: the song merged into it; unmerge: the id merged away */
    const char *key; /* split: the key split off; else NULL */
} rule;

static int exec_rule(kc_db *db, const char *sql, const rule *r, bool must);

/* After a merge derived its songs again: whether it joined anything. A
 * provider that counts the song merged away as new on its chart (Billboard
 * restarts a re-release) keeps it apart whatever the keys say; a merge
 * that joins nothing is refused rather than recorded. */
static int merge_joined(kc_db *db, const rule *r)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_kchart_merge_joined);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":into", r->song);
    kc__bind_int64(st, ":from", r->from);
    int64_t n = 0;
    int rc = kc__step_id(db, st, &n, "merge");
    sqlite3_finalize(st);
    if (!rc && !n)
        rc = kc__fail(db, KC_ECONFLICT,
                      "song %lld joins nothing of song %lld: its chart counts it as "
                      "new there (a re-release)",
                      (long long)r->from, (long long)r->song);
    return rc;
}

/* A chart's periods a merge or split derives again. */
typedef struct {
    char chart[64], from[32], until[32];
} window;

/* The rows of sql (chart, first period, last period) into *out. */
static int read_windows(kc_db *db, const char *sql, window **out, size_t *n)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = kc__prepare(db, sql);
    int rc = st ? KC_OK : KC_ESTORE, step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            window *g = kc__realloc(*out, cap * sizeof *g);
            if (!g) {
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
                break;
            }
            *out = g;
        }
        window *w = &(*out)[(*n)++];
        snprintf(w->chart, sizeof w->chart, "%s",
                 (const char *)sqlite3_column_text(st, 0));
        snprintf(w->from, sizeof w->from, "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(w->until, sizeof w->until, "%s",
                 (const char *)sqlite3_column_text(st, 2));
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "windows");
    sqlite3_finalize(st);
    return rc;
}

/* The songs of a merge or split, their keys gone, bound again to the
 * catalog and the series (the songs bound keep their rows). */
static int forget_scope(kc_db *db)
{
    int rc = kc__exec(db, kc__sql_kchart_scope_forget);
    if (!rc)
        rc = kc__catalog_bind(db);
    if (!rc)
        rc = kc__series_bind(db);
    return rc;
}

/* Fills in the rows of the songs of temp.id_scope, segment by segment
 * (runs.c's kc__runs_fill); *joined when a row went to another song. */
static int fill_scope(kc_db *db, bool *joined)
{
    window *w;
    size_t n;
    int rc = read_windows(db, kc__sql_kchart_segments, &w, &n);
    const char(*from)[32] = NULL, (*until)[32] = NULL;
    char(*f)[32] = rc ? NULL : kc__malloc((n ? n : 1) * sizeof *f);
    char(*u)[32] = rc ? NULL : kc__malloc((n ? n : 1) * sizeof *u);
    if (!rc && (!f || !u))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    if (!rc)
        rc = kc__runs_cut_scope(db);
    if (!rc)
        rc = kc__ids_restore_entries(db);
    if (!rc)
        rc = forget_scope(db);
    for (size_t i = 0; !rc && i < n && !*joined;) {
        size_t k = 0, j = i;
        for (; j < n && !strcmp(w[j].chart, w[i].chart); j++, k++) {
            memcpy(f[k], w[j].from, 32);
            memcpy(u[k], w[j].until, 32);
        }
        from = (const char(*)[32])f;
        until = (const char(*)[32])u;
        rc = kc__runs_fill(db, w[i].chart, from, until, k, joined);
        i = j;
    }
    free(f);
    free(u);
    free(w);
    return rc;
}

/* Derives again the periods from the first to the last of each chart's
 * songs of temp.id_scope, whole (the way when a fill moved rows of other
 * songs): the runs before counted from the stored entries; the periods
 * after too when rows of other songs went elsewhere. */
static int replay_scope(kc_db *db)
{
    window *w;
    size_t n;
    int rc = read_windows(db, kc__sql_kchart_windows, &w, &n);
    for (size_t i = 0; !rc && i < n; i++)
        rc = kc__runs_cut(db, w[i].chart, w[i].from, w[i].until);
    if (!rc)
        rc = kc__ids_restore_entries(db);
    if (!rc)
        rc = forget_scope(db);
    for (size_t i = 0; !rc && i < n; i++) {
        bool changed = false;
        rc = kc__runs_replay(db, w[i].chart, w[i].from, w[i].until, &changed);
        char first[32], last[32];
        if (!rc && changed &&
            !(rc = kc__runs_rest(db, w[i].chart, w[i].until, first, last)) && first[0] &&
            !(rc = kc__runs_cut(db, w[i].chart, first, last)) &&
            !(rc = kc__ids_restore_entries(db)))
            rc = kc__runs_replay(db, w[i].chart, first, last, &changed);
    }
    free(w);
    return rc;
}

/* Derives again the songs of temp.id_scope (filled by the caller, with
 * temp.id_restore), and only them as far as can be: the periods where they
 * have rows, every other row kept; when that moved a row of another song,
 * the whole span of their periods instead. Then each entity takes the id it
 * continues (derive/ids.c). merge: the merge to check, or NULL. */
static int derive_scope(kc_db *db, const rule *merge)
{
    int rc = kc__cache_flush(db);
    kc__cache_drop(db); /* keys and rules change under runs.c's cache */
    if (!rc)
        rc = kc__ids_note_scope(db);
    if (!rc)
        rc = kc__exec(db, kc__sql_kchart_savepoint);
    bool joined = false;
    if (!rc)
        rc = fill_scope(db, &joined);
    if (!rc && joined) {
        kc__cache_drop(db); /* nothing cached is to be written */
        if (!(rc = kc__rollback_to(db, "fill")))
            rc = replay_scope(db);
    } else if (!rc) {
        rc = kc__exec(db, kc__sql_kchart_release);
    }
    if (!rc && merge)
        rc = merge_joined(db, merge);
    if (!rc)
        rc = kc__ids_settle(db);
    /* An entity a split made has no artists yet. */
    if (!rc)
        rc = kc__credits_update(db, false);
    if (!rc)
        rc = kc__milestones_update(db, 0);
    return rc;
}

/* Runs the one-row script sql with temp.id_move holding (from, to). */
static int exec_move(kc_db *db, const char *sql, int64_t from, int64_t to)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_kchart_move_one);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":from", from);
    kc__bind_int64(st, ":to", to);
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "identity rule");
    sqlite3_finalize(st);
    return rc ? rc : kc__exec(db, sql);
}

/* Runs sql (bound with the rule's ids and key as it names them); fails
 * with KC_ENOTFOUND when it changed nothing and must. */
static int exec_rule(kc_db *db, const char *sql, const rule *r, bool must)
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    if (!st)
        return KC_ESTORE;
    if (sqlite3_bind_parameter_index(st, ":into"))
        kc__bind_int64(st, ":into", r->song);
    if (sqlite3_bind_parameter_index(st, ":from"))
        kc__bind_int64(st, ":from", r->from);
    if (sqlite3_bind_parameter_index(st, ":song"))
        kc__bind_int64(st, ":song", r->song);
    if (sqlite3_bind_parameter_index(st, ":key"))
        kc__bind_text(st, ":key", r->key);
    int rc = KC_OK;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = kc__sqlfail(db, "identity rule");
    else if (must && sqlite3_changes(kc__sql(db)) == 0)
        rc = kc__fail(db, KC_ENOTFOUND, "nothing to record: check the song ids and key");
    sqlite3_finalize(st);
    return rc;
}

/* Records a merge and derives its songs again: a rule is never stored
 * without the runs it makes. */
static int merge_body(kc_db *db, void *arg)
{
    const rule *r = arg;
    int rc = kc__ids_note(db, false);
    if (!rc)
        rc = exec_rule(db, kc__sql_kchart_scope_merge, r, false);
    if (!rc)
        rc = exec_rule(db, kc__sql_kchart_merge, r, true);
    if (!rc)
        rc = exec_move(db, kc__sql_kchart_redirect_put, r->from, r->song);
    return rc ? rc : derive_scope(db, r);
}

static int split_body(kc_db *db, void *arg)
{
    const rule *r = arg;
    int rc = kc__ids_note(db, false);
    if (!rc && !r->key)
        rc = exec_move(db, kc__sql_kchart_unmerge, r->from, r->song);
    if (!rc)
        rc = exec_rule(db, kc__sql_kchart_scope_split, r, false);
    if (!rc && r->key)
        rc = exec_rule(db, kc__sql_kchart_split, r, true);
    return rc ? rc : derive_scope(db, NULL);
}

/* The song an id merged away answers as, following merges made since
 * (*to: 0 when id was not merged away). */
static int redirect_of(kc_db *db, int64_t id, int64_t *to)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_kchart_redirect_of);
    if (!st)
        return KC_ESTORE;
    int rc = KC_OK;
    *to = 0;
    for (int hops = 0; !rc && hops < 64; hops++) { /* a chain is short */
        int64_t next = 0;
        kc__bind_int64(st, ":song", *to ? *to : id);
        if ((rc = kc__step_id(db, st, &next, "redirect")) || !next)
            break;
        *to = next;
    }
    sqlite3_finalize(st);
    return rc;
}

static int song_exists(kc_db *db, int64_t id)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_kchart_song_exists);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":song", id);
    int step = sqlite3_step(st), rc = KC_OK;
    sqlite3_finalize(st);
    if (step == SQLITE_ROW)
        return KC_OK;
    if (step != SQLITE_DONE)
        return kc__sqlfail(db, "song");
    int64_t to = 0;
    if ((rc = redirect_of(db, id, &to)))
        return rc;
    if (to)
        return kc__fail(db, KC_ENOTFOUND, "song %lld was merged into %lld", (long long)id,
                        (long long)to);
    return kc__fail(db, KC_ENOTFOUND, "no song %lld", (long long)id);
}

int kc_song_merge(kc_db *db, int64_t into, int64_t from)
{
    int rc;
    if (into == from)
        return kc__fail(db, KC_EUSAGE, "a song cannot merge into itself");
    if ((rc = song_exists(db, into)) || (rc = song_exists(db, from)))
        return rc;
    rule r = {into, from, NULL};
    return in_transaction(db, merge_body, &r);
}

int kc_song_split(kc_db *db, int64_t song, const char *key)
{
    int rc = song_exists(db, song);
    if (rc)
        return rc;
    rule r = {song, 0, key};
    return in_transaction(db, split_body, &r);
}

int kc_song_unmerge(kc_db *db, int64_t song, int64_t merged)
{
    int rc = song_exists(db, song);
    if (rc)
        return rc;
    int64_t to = 0;
    if ((rc = redirect_of(db, merged, &to)))
        return rc;
    if (to != song)
        return kc__fail(db, KC_ENOTFOUND, "song %lld was not merged into %lld",
                        (long long)merged, (long long)song);
    /* A chain (merged into B, B into song since) is undone from its end. */
    sqlite3_stmt *st = kc__prepare(db, kc__sql_kchart_unmerge_later);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":merged", merged);
    int64_t later = 0;
    rc = kc__step_id(db, st, &later, "merge");
    sqlite3_finalize(st);
    if (rc)
        return rc;
    if (later)
        return kc__fail(db, KC_ECONFLICT,
                        "song %lld was merged into %lld, which was merged into %lld "
                        "since: undo that merge first (kchart split %lld %lld)",
                        (long long)merged, (long long)later, (long long)song,
                        (long long)song, (long long)later);
    rule r = {song, merged, NULL};
    return in_transaction(db, split_body, &r);
}

int kc_song_redirect(kc_db *db, int64_t id, int64_t *to)
{
    return redirect_of(db, id, to);
}

const char *kc_version(void)
{
    return KC_VERSION;
}

size_t kc_utf8_check(const char *s, size_t n)
{
    return kc__utf8_check(s, n);
}

/* ---- forget ------------------------------------------------------------- */

/* A file to forget, as the registry knows it. */
typedef struct {
    int64_t id;
    const char *name; /* as the caller named it */
    void *changes;    /* sqlite3_free */
    int nchanges;
    kc_forgotten *out;
} target;

static bool is_digest(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == KC_DIGEST_HEX - 1;
}

/* The digest a name stands for: the name itself when it is a digest (32
 * hex digits: never read as a path, so that the server names no file),
 * else the bytes of the file of that path. */
static int digest_of_name(kc_db *db, const char *name, char out[KC_DIGEST_HEX])
{
    if (is_digest(name)) {
        snprintf(out, KC_DIGEST_HEX, "%s", name);
        return KC_OK;
    }
    char *buf;
    size_t len;
    int rc = kc__read_file(db, name, &buf, &len);
    if (rc)
        return rc;
    kc__digest_hex(buf, len, out);
    free(buf);
    return KC_OK;
}

/* Looks name up in the registry into t and t->out (path, kind, digest). */
static int find_target(kc_db *db, const char *name, target *t)
{
    char digest[KC_DIGEST_HEX];
    int rc = digest_of_name(db, name, digest);
    if (rc)
        return rc;
    sqlite3_stmt *st = kc__stmt(db, kc__sql_kchart_forget_file);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":digest", digest);
    int step = sqlite3_step(st);
    if (step == SQLITE_DONE)
        rc = kc__fail(db, KC_ENOTFOUND,
                      "%s: unknown file: no file with its bytes was ingested (digest %s)",
                      name, digest);
    else if (step != SQLITE_ROW)
        rc = kc__sqlfail(db, "forget");
    else {
        t->id = sqlite3_column_int64(st, 0);
        t->out->name = name;
        snprintf(t->out->digest, sizeof t->out->digest, "%s", digest);
        snprintf(t->out->kind, sizeof t->out->kind, "%s",
                 (const char *)sqlite3_column_text(st, 2));
        const char *path = (const char *)sqlite3_column_text(st, 1);
        t->out->path = kc__strdup(path ? path : "");
        t->nchanges = sqlite3_column_bytes(st, 3);
        t->changes = t->nchanges ? sqlite3_malloc(t->nchanges) : NULL;
        if (!t->out->path || (t->nchanges && !t->changes))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        else if (t->nchanges)
            memcpy(t->changes, sqlite3_column_blob(st, 3), (size_t)t->nchanges);
    }
    sqlite3_reset(st);
    return rc;
}

/* Whether the snapshot (chart, period) of rows digest, stored as id, goes
 * with file t: not when another file holds the same rows (it is then
 * that file's, under its name, with the events it made known), refused
 * when t replaced another file's.
 * The files of all (nall), forgotten with it, hold nothing. */
static int forget_snapshot(kc_db *db, target *t, const target *all, size_t nall,
                           const char *chart, const char *period, const char *digest,
                           int64_t id)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_kchart_forget_holder);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":file", t->id);
    kc__bind_text(st, ":chart", chart);
    kc__bind_text(st, ":period", period);
    kc__bind_text(st, ":digest", digest);
    int step, rc = KC_OK;
    char source[512] = "", holder[KC_DIGEST_HEX] = "";
    bool held = false;
    /* The files forgotten with it hold nothing. */
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        bool going = false;
        for (size_t i = 0; i < nall && !going; i++)
            going = all[i].id == sqlite3_column_int64(st, 3);
        if (!going)
            break;
    }
    if (step == SQLITE_ROW && sqlite3_column_int(st, 1)) {
        held = true;
        snprintf(source, sizeof source, "%s", (const char *)sqlite3_column_text(st, 2));
        snprintf(holder, sizeof holder, "%s", (const char *)sqlite3_column_text(st, 4));
    } else if (step == SQLITE_ROW) {
        rc = kc__fail(db, KC_ECONFLICT,
                      "%s: it replaced %s %s of %s (--replace), whose rows are not kept; "
                      "forget that file too, or ingest it again with --replace after",
                      t->out->path, chart, period,
                      (const char *)sqlite3_column_text(st, 0));
    } else if (step != SQLITE_DONE) {
        rc = kc__sqlfail(db, "forget");
    }
    sqlite3_reset(st);
    if (rc)
        return rc;
    st = kc__stmt(db,
                  held ? kc__sql_kchart_forget_source : kc__sql_kchart_forget_snapshot);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":snapshot", id);
    if (held)
        kc__bind_text(st, ":source", source);
    rc = kc__step_done(db, st, "forget snapshot");
    sqlite3_reset(st);
    if (!rc && !held)
        t->out->snapshots++;
    if (!rc && held) { /* its events are the other file's now */
        if (!(st = kc__stmt(db, kc__sql_kchart_forget_events_move)))
            return KC_ESTORE;
        kc__bind_text(st, ":from", t->out->digest);
        kc__bind_text(st, ":to", holder);
        kc__bind_text(st, ":chart", chart);
        kc__bind_text(st, ":period", period);
        rc = kc__step_done(db, st, "forget events");
        sqlite3_reset(st);
    }
    return rc;
}

/* The snapshots of chart file t that are still its rows. */
static int forget_chart_file(kc_db *db, target *t, const target *all, size_t nall)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_kchart_forget_held);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":file", t->id);
    int rc = KC_OK, step;
    /* Read whole first: the statement's snapshot rows change under it. */
    typedef struct {
        char chart[64], period[32], digest[33];
        int64_t id;
    } held;
    held *v = NULL;
    size_t n = 0, cap = 0;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *now = (const char *)sqlite3_column_text(st, 4);
        const char *mine = (const char *)sqlite3_column_text(st, 2);
        if (!now || !mine || strcmp(now, mine))
            continue; /* gone, or replaced by a later file: not its rows */
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            held *g = kc__realloc(v, cap * sizeof *g);
            if (!g) {
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
                break;
            }
            v = g;
        }
        snprintf(v[n].chart, sizeof v[n].chart, "%s",
                 (const char *)sqlite3_column_text(st, 0));
        snprintf(v[n].period, sizeof v[n].period, "%s",
                 (const char *)sqlite3_column_text(st, 1));
        snprintf(v[n].digest, sizeof v[n].digest, "%s", mine);
        v[n].id = sqlite3_column_int64(st, 3);
        n++;
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "forget");
    sqlite3_finalize(st);
    for (size_t i = 0; !rc && i < n; i++)
        rc = forget_snapshot(db, t, all, nall, v[i].chart, v[i].period, v[i].digest,
                             v[i].id);
    free(v);
    return rc;
}

/* Takes t out: its snapshots or its changes, its events, its entry; all
 * (nall) are the files forgotten with it. */
static int forget_one(kc_db *db, target *t, const target *all, size_t nall)
{
    int rc = !strcmp(t->out->kind, "chart")
                 ? forget_chart_file(db, t, all, nall)
                 : kc__changes_undo(db, t->changes, t->nchanges, kc__file_derived,
                                    t->out->path, &t->out->rows);
    sqlite3_stmt *st = rc ? NULL : kc__stmt(db, kc__sql_kchart_forget_events);
    if (!rc && !st)
        rc = KC_ESTORE;
    if (!rc) {
        kc__bind_text(st, ":digest", t->out->digest);
        rc = kc__step_done(db, st, "forget events");
        t->out->events = rc ? 0 : (size_t)sqlite3_changes(kc__sql(db));
        sqlite3_reset(st);
    }
    st = rc ? NULL : kc__stmt(db, kc__sql_kchart_forget_unregister);
    if (!rc && !st)
        rc = KC_ESTORE;
    if (!rc) {
        kc__bind_int64(st, ":file", t->id);
        rc = kc__step_done(db, st, "forget file");
        sqlite3_reset(st);
    }
    return rc;
}

/* The artists made from credits that nothing named before the forget
 * (noted) or nothing names after it (pruned: their aliases, then them). */
static int credit_orphans(kc_db *db, bool prune)
{
    const char *const note[] = {kc__sql_kchart_forget_orphans_clear,
                                kc__sql_kchart_forget_orphans_note};
    const char *const cut[] = {kc__sql_kchart_forget_credit_aliases,
                               kc__sql_kchart_forget_credit_artists};
    int rc = KC_OK;
    for (size_t i = 0; !rc && i < 2; i++) {
        sqlite3_stmt *st = kc__prepare(db, prune ? cut[i] : note[i]);
        if (!st)
            return KC_ESTORE;
        rc = kc__step_done(db, st, "forget artists");
        sqlite3_finalize(st);
    }
    return rc;
}

static int cmp_newest(const void *a, const void *b)
{
    const target *x = a, *y = b;
    return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

void kc_forgotten_free(kc_forgotten *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i].path);
    free(v);
}

int kc_forget(kc_db *db, const char *const *names, size_t n, int dry_run,
              kc_forgotten **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (!n)
        return kc__fail(db, KC_EUSAGE, "forget: no file named");
    target *t = kc__calloc(n, sizeof *t);
    kc_forgotten *f = kc__calloc(n, sizeof *f);
    if (!t || !f) {
        free(t);
        free(f);
        return kc__fail(db, KC_ENOMEM, "out of memory");
    }
    int rc = kc__begin(db);
    size_t m = 0; /* distinct files */
    for (size_t i = 0; !rc && i < n; i++) {
        target probe = {.name = names[i], .out = &f[m]};
        if ((rc = find_target(db, names[i], &probe))) {
            sqlite3_free(probe.changes);
            break;
        }
        bool again = false;
        for (size_t j = 0; j < m && !again; j++)
            again = t[j].id == probe.id;
        if (again) {
            sqlite3_free(probe.changes);
            free(f[m].path);
            memset(&f[m], 0, sizeof f[m]);
        } else {
            t[m++] = probe;
        }
    }
    /* The newest first: each undone as it left the store, the files after
     * it undone already. */
    if (!rc) {
        qsort(t, m, sizeof *t, cmp_newest);
        rc = credit_orphans(db, false);
    }
    if (!rc)
        rc = rebuild_clear(db);
    for (size_t i = 0; !rc && i < m; i++)
        rc = forget_one(db, &t[i], t, m);
    if (!rc)
        rc = rebuild_derive(db);
    /* Artists are never deleted by deriving credits: the ones only the
     * files forgotten named go here. */
    if (!rc)
        rc = credit_orphans(db, true);
    /* The list in the order undone. */
    kc_forgotten *list = rc ? NULL : kc__calloc(m ? m : 1, sizeof *list);
    if (!rc && !list)
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < m; i++) {
        list[i] = *t[i].out;
        t[i].out->path = NULL;
    }
    if (!rc && dry_run) {
        kc__rollback(db);
    } else {
        rc = kc__end(db, rc);
    }
    for (size_t i = 0; i < m; i++)
        sqlite3_free(t[i].changes);
    free(t);
    kc_forgotten_free(f, n);
    if (rc) {
        kc_forgotten_free(list, m);
        return rc;
    }
    *out = list;
    *nout = m;
    return KC_OK;
}
