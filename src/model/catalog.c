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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int kc__artist_find(kc_db *db, const char *name, int64_t *id)
{
    *id = 0;
    char *m = kc__match_title(name);
    if (!m)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    sqlite3_stmt *st =
        kc__stmt(db, "SELECT 0, a.id, a.name FROM artist a WHERE a.name = ?1 UNION"
                     " SELECT 1, a.id, a.name FROM artist a WHERE a.match = ?2 UNION"
                     " SELECT 1, a.id, a.name FROM artist_alias l JOIN artist a ON a.id ="
                     " l.artist_id WHERE l.match = ?2 ORDER BY 1, 3, 2");
    int rc = st ? KC_OK : KC_ESTORE, n = 0, step = SQLITE_DONE;
    bool exact = false;
    /* Two artists or more, none named exactly: the names, to choose from. */
    char names[400] = "";
    size_t used = 0;
    int64_t named[8] = {0};
    int listed = 0;
    if (st) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, m, -1, SQLITE_STATIC);
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

int kc__song_released(kc_db *db, int64_t song_id, int64_t *utc)
{
    sqlite3_stmt *st =
        kc__stmt(db, "SELECT min(r.released_utc) FROM catalog_song c"
                     " JOIN release_song rs ON rs.catalog_song_id = c.id"
                     " JOIN release r ON r.id = rs.release_id WHERE c.song_id = ?");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_int64(st, 1, song_id);
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

/* The strings of column 0 of a query on one id, as a JSON array. */
static json_t *strings(kc_db *db, const char *sql, int64_t id)
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    json_t *arr = st ? json_array() : NULL;
    int step = SQLITE_DONE;
    if (arr) {
        sqlite3_bind_int64(st, 1, id);
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

/* Rows of sql as objects (column 0 an id for the nested lists of add). */
static json_t *objects(kc_db *db, const char *sql, int64_t id, bool bind,
                       int (*add)(kc_db *, int64_t, json_t *))
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    json_t *arr = st ? json_array() : NULL;
    int step = SQLITE_DONE;
    if (arr && bind)
        sqlite3_bind_int64(st, 1, id);
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
    sqlite3_stmt *st = kc__prepare(db, "SELECT platform, handle, date(joined * 86400,"
                                       " 'unixepoch') AS joined FROM artist_account"
                                       " WHERE artist_id = ? ORDER BY platform");
    if (!accounts || !st) {
        json_decref(accounts);
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_bind_int64(st, 1, id);
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
                     strings(db,
                             "SELECT alias FROM artist_alias WHERE artist_id = ?"
                             " ORDER BY alias",
                             id)) ||
        set_nonempty(o, "members",
                     objects(db,
                             "SELECT a.name AS artist, m.since AS since, m.until AS"
                             " until FROM artist_member m JOIN artist a ON a.id ="
                             " m.member_id WHERE m.group_id = ? ORDER BY m.since, a.name",
                             id, true, NULL))) {
        json_decref(accounts); /* not handed to o yet */
        return -1;
    }
    return set_nonempty(o, "accounts", accounts);
}

static int song_parts(kc_db *db, int64_t id, json_t *o)
{
    return set_nonempty(o, "lead",
                        strings(db,
                                "SELECT a.name FROM song_credit c JOIN artist a ON"
                                " a.id = c.artist_id WHERE c.catalog_song_id = ? AND"
                                " c.credit = 'lead' ORDER BY c.pos",
                                id)) ||
           set_nonempty(o, "featured",
                        strings(db,
                                "SELECT a.name FROM song_credit c JOIN artist a ON"
                                " a.id = c.artist_id WHERE c.catalog_song_id = ? AND"
                                " c.credit = 'featured' ORDER BY c.pos",
                                id)) ||
           set_nonempty(o, "ids",
                        strings(db,
                                "SELECT value FROM catalog_song_id WHERE"
                                " catalog_song_id = ? AND kind = 'provider'"
                                " ORDER BY value",
                                id)) ||
           set_nonempty(o, "isrc",
                        strings(db,
                                "SELECT value FROM catalog_song_id WHERE"
                                " catalog_song_id = ? AND kind = 'isrc' ORDER BY value",
                                id));
}

static int release_parts(kc_db *db, int64_t id, json_t *o)
{
    return set_nonempty(o, "tracks",
                        objects(db,
                                "SELECT s.key AS song, rs.role AS role, rs.track AS track"
                                " FROM release_song rs JOIN catalog_song s ON s.id ="
                                " rs.catalog_song_id WHERE rs.release_id = ?"
                                " ORDER BY rs.track, s.key",
                                id, true, NULL));
}

int kc_catalog_export(kc_db *db, char **out)
{
    *out = NULL;
    kc__json_nomem(); /* from here on: did any of jansson's allocations fail? */
    json_t *root = json_object();
    int bad_ =
        !root || json_object_set_new(root, "kchart", json_string("catalog/1")) ||
        set_nonempty(root, "artists",
                     objects(db,
                             "SELECT id, name, kind, market FROM artist"
                             " ORDER BY name",
                             0, false, artist_parts)) ||
        set_nonempty(root, "songs",
                     objects(db, "SELECT id, key, title FROM catalog_song ORDER BY key",
                             0, false, song_parts)) ||
        set_nonempty(root, "releases",
                     objects(db,
                             "SELECT r.id, r.key, r.title, r.kind, a.name AS artist,"
                             " r.released, r.time_zone FROM release r"
                             " LEFT JOIN artist a ON a.id = r.artist_id"
                             " ORDER BY r.released_utc, r.key",
                             0, false, release_parts)) ||
        set_nonempty(root, "videos",
                     objects(db,
                             "SELECT v.id, s.key AS song, v.channel, v.released,"
                             " v.time_zone FROM video v JOIN catalog_song s"
                             " ON s.id = v.catalog_song_id ORDER BY v.released_utc,"
                             " v.id",
                             0, false, NULL));
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
