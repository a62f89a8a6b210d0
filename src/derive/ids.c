/*
 * ids.c: ids that never move: after a rebuild, merge or split derived songs
 * again (or a chart was derived again from its start: a snapshot out of
 * order), each entity takes the id of the one it continues.
 *
 * Before the operation, the entries and keys it will derive again are
 * noted (temp.old_entry, temp.old_key: kc__ids_note and kc__ids_note_scope,
 * runs.c's cuts and reset), with the ids it may give (temp.id_scope: the
 * songs derived again; temp.id_restore: an id a split brings back, with its
 * keys) and the highest id in use (temp.id_floor). When a merge is undone,
 * the noted entries of the merged song (the song kept, and any song the
 * merge made apart of it) are noted as the ids they were before the merge
 * (kc__ids_restore_entries): a row with a key of the id brought back as
 * that id's, the others as the song kept's. While it
 * derives, a new song takes the id of the song its first row was, when
 * free (runs_identity.c, identity-new-song.sql): that is right unless
 * entities split or joined. After it, kc__ids_settle decides for good,
 * greedily: an id brought back goes to the entity holding most of its
 * keys; then each old id to the entity holding most of its entries
 * (snapshot and rank); then, for entities without entries (a catalog's or
 * a series' song), to the one holding most of its keys; each id once, and
 * never an id merged away (song_redirect). The rest keep the id they were
 * made with, or take one above every id in use when theirs went to
 * another. Not the rules of identity (runs_identity.c) nor the choice of
 * what to derive again (kchart.c).
 */
#include "derive/derive.h"

#include <sql/derive_sql.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int kc__ids_note(kc_db *db, bool all)
{
    int rc = kc__exec(db, kc__sql_ids_clear);
    if (!rc && all)
        rc = kc__exec(db, kc__sql_ids_note_all);
    return rc;
}

int kc__ids_note_scope(kc_db *db)
{
    return kc__exec(db, kc__sql_ids_note_scope);
}

/* An entry of the merged song, and the id it was before the merge. */
typedef struct {
    int64_t id, snapshot, rank;
} restored;

/* Whether a row of the merged song was the id brought back's before the
 * merge, into *held (its keys as runs_identity.c gives them to the song it
 * is, before any rule): by its provider id key when it has one (each song
 * holds the ids of its rows), else by its title + credit key, unless that
 * is the key the song kept was kept under (two songs of one title and
 * credit, kept apart by their chart: the key tells them not apart, and the
 * row stays the song kept's). */
static int held_by(kc_db *db, sqlite3_stmt *holds, int64_t id, const char *target,
                   const char *kind, const char *title, const char *artist,
                   const char *pid, bool *held)
{
    char *key =
        pid ? kc__kind_id_key(kind, pid) : kc__kind_title_key(kind, title, artist);
    if (!key)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    int64_t n = 0;
    int rc = KC_OK;
    if (pid || !target || strcmp(key, target)) {
        kc__bind_int64(holds, ":id", id);
        kc__bind_text(holds, ":key", key);
        rc = kc__step_id(db, holds, &n, "restored keys");
    }
    free(key);
    *held = n > 0;
    return rc;
}

int kc__ids_restore_entries(kc_db *db)
{
    sqlite3_stmt *rows = kc__prepare(db, kc__sql_ids_restore_rows);
    sqlite3_stmt *holds = kc__prepare(db, kc__sql_ids_restore_holds);
    int rc = rows && holds ? KC_OK : KC_ESTORE, step = SQLITE_DONE;
    restored *v = NULL;
    size_t n = 0, cap = 0;
    /* Read whole first: the entries change where the query reads them. */
    while (!rc && (step = sqlite3_step(rows)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(rows, 0), kept = sqlite3_column_int64(rows, 1);
        bool held = false;
        if ((rc = held_by(db, holds, id, (const char *)sqlite3_column_text(rows, 2),
                          (const char *)sqlite3_column_text(rows, 8),
                          (const char *)sqlite3_column_text(rows, 5),
                          (const char *)sqlite3_column_text(rows, 6),
                          (const char *)sqlite3_column_text(rows, 7), &held)))
            break;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            restored *g = kc__realloc(v, cap * sizeof *g);
            if (!g) {
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
                break;
            }
            v = g;
        }
        v[n++] = (restored){held ? id : kept, sqlite3_column_int64(rows, 3),
                            sqlite3_column_int64(rows, 4)};
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "restored entries");
    sqlite3_finalize(rows);
    sqlite3_finalize(holds);
    sqlite3_stmt *put = rc || !n ? NULL : kc__prepare(db, kc__sql_ids_restore_entry);
    if (!rc && n && !put)
        rc = KC_ESTORE;
    for (size_t i = 0; !rc && i < n; i++) {
        kc__bind_int64(put, ":id", v[i].id);
        kc__bind_int64(put, ":snapshot", v[i].snapshot);
        kc__bind_int64(put, ":rank", v[i].rank);
        rc = kc__step_done(db, put, "restored entry");
    }
    sqlite3_finalize(put);
    free(v);
    return rc;
}

/* An entity that may be renumbered, and the id it takes (0: none yet). */
typedef struct {
    int64_t id, target;
} entity;

typedef struct {
    kc_db *db;
    entity *v;
    size_t n, cap;
    kc__map *index;   /* id -> its entity (1 + index in v) */
    kc__map *allowed; /* the old ids that may be given */
    kc__map *given;   /* the old ids given */
} settle;

static int64_t *find_entity(settle *s, int64_t id)
{
    void **slot = kc__map_get(s->index, &id, sizeof id, false, NULL);
    return slot ? &s->v[(uintptr_t)*slot - 1].target : NULL;
}

static bool in(kc__map *m, int64_t id)
{
    return kc__map_get(m, &id, sizeof id, false, NULL) != NULL;
}

/* Adds id to m; -1 when out of memory. */
static int put(kc__map *m, int64_t id, uintptr_t value)
{
    void **slot = kc__map_get(m, &id, sizeof id, true, NULL);
    if (!slot)
        return -1;
    *slot = (void *)value;
    return 0;
}

/* Reads the entities that may be renumbered and the ids that may be given. */
static int load(settle *s)
{
    sqlite3_stmt *st = kc__prepare(s->db, kc__sql_ids_current);
    int rc = st ? KC_OK : KC_ESTORE, step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 256;
            entity *g = kc__realloc(s->v, cap * sizeof *g);
            if (!g) {
                rc = kc__fail(s->db, KC_ENOMEM, "out of memory");
                break;
            }
            s->v = g;
            s->cap = cap;
        }
        s->v[s->n] = (entity){sqlite3_column_int64(st, 0), 0};
        if (put(s->index, s->v[s->n].id, s->n + 1))
            rc = kc__fail(s->db, KC_ENOMEM, "out of memory");
        s->n++;
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(s->db, "entities");
    sqlite3_finalize(st);
    st = rc ? NULL : kc__prepare(s->db, kc__sql_ids_allowed);
    if (!rc && !st)
        rc = KC_ESTORE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        if (put(s->allowed, sqlite3_column_int64(st, 0), 1))
            rc = kc__fail(s->db, KC_ENOMEM, "out of memory");
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(s->db, "ids");
    sqlite3_finalize(st);
    return rc;
}

/* Gives ids greedily from pairs (entity, old id, count), most first. */
static int give(settle *s, const char *sql)
{
    sqlite3_stmt *st = kc__prepare(s->db, sql);
    if (!st)
        return KC_ESTORE;
    int rc = KC_OK, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t cur = sqlite3_column_int64(st, 0), old = sqlite3_column_int64(st, 1);
        int64_t *target = find_entity(s, cur);
        if (!target || *target || !in(s->allowed, old) || in(s->given, old))
            continue;
        *target = old;
        if (put(s->given, old, 1))
            rc = kc__fail(s->db, KC_ENOMEM, "out of memory");
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(s->db, "id pairs");
    sqlite3_finalize(st);
    return rc;
}

/* Records the moves (an entity whose id is not the one it takes) and makes
 * them. */
static int move(settle *s)
{
    int64_t fresh = 0;
    sqlite3_stmt *floor = kc__prepare(s->db, kc__sql_ids_fresh);
    int rc = floor ? kc__step_id(s->db, floor, &fresh, "fresh id") : KC_ESTORE;
    sqlite3_finalize(floor);
    size_t moves = 0;
    sqlite3_stmt *put_move = rc ? NULL : kc__prepare(s->db, kc__sql_ids_move_put);
    if (!rc && !put_move)
        rc = KC_ESTORE;
    for (size_t i = 0; !rc && i < s->n; i++) {
        entity *e = &s->v[i];
        int64_t to = e->target;
        if (!to && in(s->given, e->id))
            to = fresh++; /* its id went to the entity that continues it */
        if (!to || to == e->id)
            continue;
        kc__bind_int64(put_move, ":from", e->id);
        kc__bind_int64(put_move, ":to", to);
        rc = kc__step_done(s->db, put_move, "id move");
        moves++;
    }
    sqlite3_finalize(put_move);
    if (!rc && moves)
        rc = kc__exec(s->db, kc__sql_ids_move);
    return rc;
}

int kc__ids_settle(kc_db *db)
{
    settle s = {.db = db};
    s.index = kc__map_new();
    s.allowed = kc__map_new();
    s.given = kc__map_new();
    int rc = s.index && s.allowed && s.given ? KC_OK
                                             : kc__fail(db, KC_ENOMEM, "out of memory");
    if (!rc)
        rc = load(&s);
    if (!rc)
        rc = give(&s, kc__sql_ids_restored_pairs);
    if (!rc)
        rc = give(&s, kc__sql_ids_entry_pairs);
    if (!rc)
        rc = give(&s, kc__sql_ids_key_pairs);
    if (!rc)
        rc = move(&s);
    kc__map_free(s.index, NULL);
    kc__map_free(s.allowed, NULL);
    kc__map_free(s.given, NULL);
    free(s.v);
    if (!rc)
        rc = kc__exec(db, kc__sql_ids_clear);
    return rc;
}
