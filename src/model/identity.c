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

#include <sql/model_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The song holding key (the lowest id when several do), or 0. */
int kc__song_of_key(kc_db *db, const char *key, int64_t *song)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_identity_song_of_key);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":key", key);
    return kc__step_id(db, st, song, "song key");
}

int kc__song_add_key(kc_db *db, const char *key, int64_t song)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_identity_add_key);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":key", key);
    kc__bind_int64(st, ":song", song);
    return kc__step_done(db, st, "song key");
}

int kc__song_new(kc_db *db, const char *title, const char *credit, const char *match,
                 int64_t *song)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_identity_new_song);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":title", title);
    kc__bind_text(st, ":artist", credit);
    kc__bind_text(st, ":match", match);
    int rc = kc__step_done(db, st, "new song");
    if (!rc)
        *song = sqlite3_last_insert_rowid(kc__sql(db));
    return rc;
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
        sqlite3_stmt *st = kc__stmt(db, kc__sql_identity_song_exists);
        if (!st)
            return KC_ESTORE;
        kc__bind_int64(st, ":song", *song);
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
        rc = kc__song_new(db, title, credit, tkey + 2, &found);
    }
    /* The entity holds the catalog's ids and spelling from now on: a chart
     * row carrying any of them is this song. */
    for (size_t i = 0; !rc && i < nids; i++) {
        snprintf(key, sizeof key, "id:%s", ids[i]);
        rc = kc__song_add_key(db, key, found);
    }
    if (!rc)
        rc = kc__song_add_key(db, tkey, found);
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
    sqlite3_stmt *q = kc__prepare(db, kc__sql_identity_catalog_songs);
    sqlite3_stmt *qids = kc__prepare(db, kc__sql_identity_catalog_song_ids);
    /* Other spellings of a credit with one lead and no one featured: each of
     * the lead's aliases ("Jung Kook", "정국" for "Jungkook"). */
    sqlite3_stmt *qalt = kc__prepare(db, kc__sql_identity_lead_aliases);
    sqlite3_stmt *upd = kc__prepare(db, kc__sql_identity_bind_catalog_song);
    int rc = q && qids && qalt && upd ? KC_OK : KC_ESTORE, step = SQLITE_DONE;
    char *ids[64], *alts[16];
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t cs = sqlite3_column_int64(q, 0), song = sqlite3_column_int64(q, 3);
        size_t n = 0, na = 0;
        int s2;
        kc__bind_int64(qids, ":song", cs);
        while (!rc && n < 64 && (s2 = sqlite3_step(qids)) == SQLITE_ROW) {
            const char *v = (const char *)sqlite3_column_text(qids, 0);
            if (!v || !(ids[n++] = kc__strdup(v)))
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
        }
        if (!rc && n < 64 && s2 != SQLITE_DONE)
            rc = kc__sqlfail(db, "song ids");
        sqlite3_reset(qids);
        kc__bind_int64(qalt, ":song", cs);
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
            kc__bind_int64(upd, ":catalog_song", cs);
            kc__bind_int64(upd, ":song", song);
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
