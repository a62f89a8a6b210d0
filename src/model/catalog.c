/*
 * catalog.c (model): the catalog as the other layers read it.
 *
 * Artists (with members and aliases), releases, songs, credits, provider
 * ids and videos are input (ingest/catalog.c reads them); here are what the
 * rest of kchart asks of them: an artist by name or alias, a song's first
 * release, and the whole catalog written back out as kchart's JSON format
 * (docs/catalog.md). Not the binding of songs to entities (identity.c).
 */
#include "model/model.h"

#include <jansson.h>
#include <sql/model_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int kc__artist_find(kc_db *db, const char *name, int64_t *id)
{
    *id = 0;
    char *m = kc__match_title(name);
    if (!m)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    sqlite3_stmt *st = kc__stmt(db, kc__sql_catalog_artist_find);
    int rc = st ? KC_OK : KC_ESTORE, n = 0, step = SQLITE_DONE;
    bool exact = false;
    /* Two artists or more, none named exactly: the names, to choose from. */
    char names[400] = "";
    size_t used = 0;
    int64_t named[8] = {0};
    int listed = 0;
    if (st) {
        kc__bind_text(st, ":name", name);
        kc__bind_text(st, ":match", m);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            int64_t a = sqlite3_column_int64(st, 1);
            const char *an = (const char *)sqlite3_column_text(st, 2);
            if (n++ == 0)
                exact = sqlite3_column_int(st, 0) == 0;
            if (exact) {
                if (n == 1)
                    *id = a;
                continue;
            }
            bool seen = false;
            for (int k = 0; k < listed; k++)
                seen |= named[k] == a;
            if (seen || listed == 8)
                continue;
            named[listed++] = a;
            /* A long name is shown by its start (a whole character), so
             * that one name cannot take the whole list. */
            size_t shown = an ? strlen(an) : 0;
            bool cut = shown > 64;
            if (cut)
                for (shown = 64; ((unsigned char)an[shown] & 0xC0) == 0x80; shown--)
                    ;
            int w =
                snprintf(names + used, sizeof names - used, "%s\"%.*s%s\"",
                         used ? ", " : "", (int)shown, an ? an : "", cut ? "..." : "");
            if (w > 0 && (size_t)w < sizeof names - used)
                used += (size_t)w;
            else
                names[used] = '\0'; /* cut whole names only */
        }
        if (step != SQLITE_DONE)
            rc = kc__sqlfail(db, "artist");
        else if (listed == 1)
            *id = named[0];
        else if (listed > 1)
            rc = kc__fail(
                db, KC_EINPUT,
                "artist \"%s\" is ambiguous: it matches %s; give one name exactly", name,
                names);
        sqlite3_reset(st);
    }
    free(m);
    return rc;
}

int kc__artist_create(kc_db *db, const char *name, int64_t *id)
{
    char *m = kc__match_title(name);
    if (!m)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    sqlite3_stmt *st = kc__stmt(db, kc__sql_artist_create);
    int rc = KC_ESTORE;
    if (st) {
        kc__bind_text(st, ":name", name);
        kc__bind_text(st, ":match", m);
        rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "artist");
        sqlite3_reset(st);
    }
    free(m);
    if (!rc)
        *id = sqlite3_last_insert_rowid(kc__sql(db));
    return rc;
}

int kc__song_released(kc_db *db, int64_t song_id, int64_t *utc)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_catalog_song_released);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":song", song_id);
    int step = sqlite3_step(st), rc = KC_OK;
    if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        *utc = sqlite3_column_int64(st, 0);
    else if (step == SQLITE_ROW || step == SQLITE_DONE)
        rc = kc__fail(db, KC_ENOTFOUND, "song %lld has no release in the catalog",
                      (long long)song_id);
    else
        rc = kc__sqlfail(db, "release");
    sqlite3_reset(st);
    return rc;
}

/* ---- import and export --------------------------------------------------- */

/* Appends to arr an object made by the row of st (columns named as keys;
 * NULL columns left out). */
static int row_object(sqlite3_stmt *st, int from, json_t **out)
{
    json_t *o = json_object();
    if (!o)
        return -1;
    for (int i = from; i < sqlite3_column_count(st); i++) {
        json_t *v = NULL;
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_NULL:
            continue;
        case SQLITE_INTEGER:
            v = json_integer(sqlite3_column_int64(st, i));
            break;
        default:
            v = json_string(
                (const char *)sqlite3_column_text(st, i)); /* NULL: no memory */
        }
        if (json_object_set_new(o, sqlite3_column_name(st, i), v)) {
            json_decref(o);
            return -1;
        }
    }
    *out = o;
    return 0;
}

/* The strings of column 0 of a query on one id (bound as param), as a
 * JSON array. */
static json_t *strings(kc_db *db, const char *sql, const char *param, int64_t id)
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    json_t *arr = st ? json_array() : NULL;
    int step = SQLITE_DONE;
    if (arr) {
        kc__bind_int64(st, param, id);
        while ((step = sqlite3_step(st)) == SQLITE_ROW)
            if (json_array_append_new(
                    arr, json_string((const char *)sqlite3_column_text(st, 0)))) {
                step = SQLITE_NOMEM;
                break;
            }
    }
    if (step != SQLITE_DONE) {
        json_decref(arr);
        arr = NULL;
    }
    sqlite3_finalize(st);
    return arr;
}

/* Rows of sql as objects (column 0 an id for the nested lists of add);
 * param, when not NULL, the parameter to bind id to. */
static json_t *objects(kc_db *db, const char *sql, const char *param, int64_t id,
                       int (*add)(kc_db *, int64_t, json_t *))
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    json_t *arr = st ? json_array() : NULL;
    int step = SQLITE_DONE;
    if (arr && param)
        kc__bind_int64(st, param, id);
    while (arr && (step = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o;
        if (row_object(st, add ? 1 : 0, &o) || json_array_append_new(arr, o) ||
            (add && add(db, sqlite3_column_int64(st, 0), o))) {
            step = SQLITE_NOMEM;
            break;
        }
    }
    if (step != SQLITE_DONE) {
        json_decref(arr);
        arr = NULL;
    }
    sqlite3_finalize(st);
    return arr;
}

static int set_nonempty(json_t *o, const char *key, json_t *v)
{
    if (!v)
        return -1;
    if (json_array_size(v) == 0 && json_is_array(v)) {
        json_decref(v);
        return 0;
    }
    if (json_is_object(v) && json_object_size(v) == 0) {
        json_decref(v);
        return 0;
    }
    return json_object_set_new(o, key, v);
}

static int artist_parts(kc_db *db, int64_t id, json_t *o)
{
    json_t *accounts = json_object();
    sqlite3_stmt *st = kc__prepare(db, kc__sql_catalog_export_accounts);
    if (!accounts || !st) {
        json_decref(accounts);
        sqlite3_finalize(st);
        return -1;
    }
    kc__bind_int64(st, ":artist", id);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *a;
        const char *platform = (const char *)sqlite3_column_text(st, 0);
        rc = !platform || row_object(st, 1, &a) ||
             json_object_set_new(accounts, platform, a);
    }
    if (!rc && step != SQLITE_DONE)
        rc = 1;
    sqlite3_finalize(st);
    if (rc) {
        json_decref(accounts);
        return -1;
    }
    if (set_nonempty(o, "aliases",
                     strings(db, kc__sql_catalog_export_aliases, ":artist", id)) ||
        set_nonempty(o, "members",
                     objects(db, kc__sql_catalog_export_members, ":group", id, NULL))) {
        json_decref(accounts); /* not handed to o yet */
        return -1;
    }
    return set_nonempty(o, "accounts", accounts);
}

static int song_parts(kc_db *db, int64_t id, json_t *o)
{
    return set_nonempty(o, "lead",
                        strings(db, kc__sql_catalog_export_lead, ":song", id)) ||
           set_nonempty(o, "featured",
                        strings(db, kc__sql_catalog_export_featured, ":song", id)) ||
           set_nonempty(o, "ids",
                        strings(db, kc__sql_catalog_song_provider_ids, ":song", id)) ||
           set_nonempty(o, "isrc",
                        strings(db, kc__sql_catalog_export_isrcs, ":song", id));
}

static int release_parts(kc_db *db, int64_t id, json_t *o)
{
    return set_nonempty(o, "tracks",
                        objects(db, kc__sql_catalog_export_tracks, ":release", id, NULL));
}

int kc_catalog_export(kc_db *db, char **out)
{
    *out = NULL;
    kc__json_nomem(); /* from here on: did any of jansson's allocations fail? */
    json_t *root = json_object();
    int bad_ =
        !root || json_object_set_new(root, "kchart", json_string("catalog/1")) ||
        set_nonempty(
            root, "artists",
            objects(db, kc__sql_catalog_export_artists, NULL, 0, artist_parts)) ||
        set_nonempty(root, "songs",
                     objects(db, kc__sql_catalog_export_songs, NULL, 0, song_parts)) ||
        set_nonempty(
            root, "releases",
            objects(db, kc__sql_catalog_export_releases, NULL, 0, release_parts)) ||
        set_nonempty(root, "videos",
                     objects(db, kc__sql_catalog_export_videos, NULL, 0, NULL));
    if (!bad_)
        *out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    /* jansson may go on past a failed allocation of its own and write a
     * text with something missing: trust none of it then. */
    if (kc__json_nomem()) {
        free(*out);
        *out = NULL;
    }
    if (!*out)
        return kc__fail(db, KC_ENOMEM,
                        "out of memory (or a store error) while exporting");
    return KC_OK;
}
