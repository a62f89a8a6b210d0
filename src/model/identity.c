/*
 * identity.c: which song entity a title, a credit and provider ids name.
 *
 * A song entity groups spellings and provider ids under keys ("t:" title |
 * credit in matching form, "id:" a provider id). Binding finds the song of
 * a catalog song or a series subject by its ids first, then by its title
 * and credit as the runs key them, else makes one; the song then holds
 * every id and the title key, so that a chart row carrying any of them
 * lands on it. The binding is derived: rebuild clears it and binds again.
 * Not the runs' own resolution of chart rows (derive/runs.c), which reads
 * the keys made here.
 */
#include "model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The song holding key (the lowest id when several do), or 0. */
int kc__song_of_key(kc_db *db, const char *key, int64_t *song)
{
    sqlite3_stmt *st = kc__stmt(db, "SELECT min(song_id) FROM song_key WHERE key = ?");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    return kc__step_id(db, st, song, "song key");
}

static int add_key(kc_db *db, const char *key, int64_t song)
{
    sqlite3_stmt *st =
        kc__stmt(db, "INSERT OR IGNORE INTO song_key (key, song_id) VALUES (?,?)");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, song);
    return kc__step_done(db, st, "song key");
}

/* "t:<title>|<credit>" as runs.c forms it (owned), or NULL: no memory. */
char *kc__title_key(const char *title, const char *credit)
{
    char *mt = kc__match_title(title), *mc = kc__match_credit(credit);
    if (mt && !*mt && *title) {
        /* As runs.c: a title of symbols only is matched as written. */
        free(mt);
        mt = kc__strdup(title);
    }
    size_t n = mt && mc ? strlen(mt) + strlen(mc) + 4 : 0;
    char *key = n ? kc__malloc(n) : NULL;
    if (key)
        snprintf(key, n, "t:%s|%s", mt, mc);
    free(mt);
    free(mc);
    return key;
}

int kc__song_bind(kc_db *db, const char *title, const char *credit,
                  const char *const *ids, size_t nids, const char *const *alt_credits,
                  size_t nalt, int64_t *song)
{
    int rc = KC_OK;
    int64_t found = 0;
    if (*song) { /* still there? */
        sqlite3_stmt *st = kc__stmt(db, "SELECT id FROM song WHERE id = ?");
        if (!st)
            return KC_ESTORE;
        sqlite3_bind_int64(st, 1, *song);
        if ((rc = kc__step_id(db, st, &found, "song")))
            return rc;
    }
    char *tkey = kc__title_key(title, credit);
    if (!tkey)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    char key[KC_CATALOG_TEXT_MAX + 8];
    for (size_t i = 0; !rc && !found && i < nids; i++) {
        snprintf(key, sizeof key, "id:%s", ids[i]);
        rc = kc__song_of_key(db, key, &found);
    }
    if (!rc && !found)
        rc = kc__song_of_key(db, tkey, &found);
    for (size_t i = 0; !rc && !found && i < nalt; i++) {
        char *alt = kc__title_key(title, alt_credits[i]);
        rc = alt ? kc__song_of_key(db, alt, &found)
                 : kc__fail(db, KC_ENOMEM, "out of memory");
        free(alt);
    }
    if (!rc && !found) {
        sqlite3_stmt *st =
            kc__stmt(db, "INSERT INTO song (title, artist, match) VALUES (?,?,?)");
        if (!st)
            rc = KC_ESTORE;
        else {
            sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, credit, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, tkey + 2, -1, SQLITE_STATIC);
            if (!(rc = kc__step_done(db, st, "new song")))
                found = sqlite3_last_insert_rowid(kc__sql(db));
        }
    }
    /* The entity holds the catalog's ids and spelling from now on: a chart
     * row carrying any of them is this song. */
    for (size_t i = 0; !rc && i < nids; i++) {
        snprintf(key, sizeof key, "id:%s", ids[i]);
        rc = add_key(db, key, found);
    }
    if (!rc)
        rc = add_key(db, tkey, found);
    free(tkey);
    if (!rc)
        *song = found;
    return rc;
}

/* Binds every catalog song to its entity (those bound stay, and gain any
 * new keys). Inside the caller's transaction. */
int kc__catalog_bind(kc_db *db)
{
    kc__cache_drop(db); /* song keys change under runs.c's cache */
    sqlite3_stmt *q = kc__prepare(db, "SELECT id, title, credit, coalesce(song_id, 0)"
                                      " FROM catalog_song ORDER BY id");
    sqlite3_stmt *qids =
        kc__prepare(db, "SELECT value FROM catalog_song_id"
                        " WHERE catalog_song_id = ? AND kind = 'provider'"
                        " ORDER BY value");
    /* Other spellings of a credit with one lead and no one featured: each of
     * the lead's aliases ("Jung Kook", "정국" for "Jungkook"). */
    sqlite3_stmt *qalt = kc__prepare(
        db, "SELECT a.alias FROM song_credit sc JOIN artist_alias a"
            " ON a.artist_id = sc.artist_id WHERE sc.catalog_song_id = ?1 AND"
            " (SELECT count(*) FROM song_credit x WHERE x.catalog_song_id = ?1) = 1"
            " ORDER BY a.alias");
    sqlite3_stmt *upd =
        kc__prepare(db, "UPDATE catalog_song SET song_id = ?2 WHERE id = ?1"
                        " AND song_id IS NOT ?2");
    int rc = q && qids && qalt && upd ? KC_OK : KC_ESTORE, step = SQLITE_DONE;
    char *ids[64], *alts[16];
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t cs = sqlite3_column_int64(q, 0), song = sqlite3_column_int64(q, 3);
        size_t n = 0, na = 0;
        int s2;
        sqlite3_bind_int64(qids, 1, cs);
        while (!rc && n < 64 && (s2 = sqlite3_step(qids)) == SQLITE_ROW) {
            const char *v = (const char *)sqlite3_column_text(qids, 0);
            if (!v || !(ids[n++] = kc__strdup(v)))
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
        }
        if (!rc && n < 64 && s2 != SQLITE_DONE)
            rc = kc__sqlfail(db, "song ids");
        sqlite3_reset(qids);
        sqlite3_bind_int64(qalt, 1, cs);
        while (!rc && na < 16 && (s2 = sqlite3_step(qalt)) == SQLITE_ROW) {
            const char *v = (const char *)sqlite3_column_text(qalt, 0);
            if (!v || !(alts[na++] = kc__strdup(v)))
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
        }
        if (!rc && na < 16 && s2 != SQLITE_DONE)
            rc = kc__sqlfail(db, "aliases");
        sqlite3_reset(qalt);
        const char *title = (const char *)sqlite3_column_text(q, 1);
        const char *credit = (const char *)sqlite3_column_text(q, 2);
        if (!rc && (!title || !credit))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        if (!rc)
            rc = kc__song_bind(db, title, credit, (const char *const *)ids, n,
                               (const char *const *)alts, na, &song);
        if (!rc) {
            sqlite3_bind_int64(upd, 1, cs);
            sqlite3_bind_int64(upd, 2, song);
            rc = kc__step_done(db, upd, "bind song");
        }
        for (size_t i = 0; i < n; i++)
            free(ids[i]);
        for (size_t i = 0; i < na; i++)
            free(alts[i]);
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "catalog songs");
    sqlite3_finalize(q);
    sqlite3_finalize(qids);
    sqlite3_finalize(qalt);
    sqlite3_finalize(upd);
    return rc;
}
