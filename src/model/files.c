/*
 * files.c: the registry of the files ingested (ingest_file), and what each
 * stored: a chart file's snapshots (ingest_snapshot), any other file's
 * changes to the input tables (a changeset, store/changes.c).
 *
 * A file is named by its digest (XXH3-128 of its bytes, kc__digest_hex),
 * so that the same bytes under another name are the same file, and a file
 * no longer on disk can still be named. The same file ingested again keeps
 * its first row (path, time); what the second time changed is added to its
 * changes. Not forgetting itself (kchart.c, kc_forget), nor which rows a
 * file stores: the importers decide that.
 */
#include "model/model.h"

#include <sql/model_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every table a catalog, series, sales or units file writes as input. The
 * snapshot and observation rows are the units chart's, which a units file
 * stores again (ingest/sales.c). */
const char *const kc__file_tables[] = {"artist",          "artist_alias", "artist_member",
                                       "artist_account",  "artist_genre", "catalog_song",
                                       "catalog_song_id", "song_credit",  "release",
                                       "release_song",    "video",        "subject",
                                       "point",           "sale",         "album_week",
                                       "snapshot",        "observation",  NULL};

/* Bindings to songs: cleared and derived again by a forget, as a rebuild
 * does (kchart-rebuild-clear.sql). */
const char *const kc__file_derived[] = {"catalog_song.song_id", "subject.song_id",
                                        "release.song_id", NULL};

int kc__file_begin(kc_db *db, kc__file *f, const char *kind, const char *path,
                   const char *buf, size_t len)
{
    memset(f, 0, sizeof *f);
    kc__digest_hex(buf, len, f->digest);
    f->path = path;
    f->kind = kind;
    return kc__changes_begin(db, kc__file_tables, &f->changes);
}

/* The file's row: registered with these changes when it is new (*fresh),
 * else its stored changes copied to *old (sqlite3_free); its id in *id. */
static int put(kc_db *db, const char *digest, const char *path, const char *kind,
               const void *changes, int nchanges, int64_t *id, bool *fresh, void **old,
               int *nold)
{
    *id = 0;
    *old = NULL;
    *nold = 0;
    sqlite3_stmt *st = kc__stmt(db, kc__sql_files_put);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":digest", digest);
    kc__bind_text(st, ":path", path);
    kc__bind_text(st, ":kind", kind);
    if (nchanges)
        sqlite3_bind_blob(st, kc__param(st, ":changes"), changes, nchanges,
                          SQLITE_STATIC);
    else
        kc__bind_null(st, ":changes");
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "register file");
    *fresh = sqlite3_changes(kc__sql(db)) > 0;
    sqlite3_reset(st);
    if (rc)
        return rc;
    st = kc__stmt(db, kc__sql_files_find);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":digest", digest);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = kc__sqlfail(db, "register file");
    } else {
        *id = sqlite3_column_int64(st, 0);
        int n = sqlite3_column_bytes(st, 1);
        if (!*fresh && n > 0) {
            *old = sqlite3_malloc(n);
            if (!*old)
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
            else {
                memcpy(*old, sqlite3_column_blob(st, 1), (size_t)n);
                *nold = n;
            }
        }
    }
    sqlite3_reset(st);
    return rc;
}

int kc__file_end(kc_db *db, kc__file *f, int rc)
{
    if (rc || !f->changes) {
        kc__changes_free(f->changes);
        f->changes = NULL;
        return rc;
    }
    void *blob;
    int n;
    kc__changes *c = f->changes;
    f->changes = NULL;
    if ((rc = kc__changes_end(db, c, &blob, &n)))
        return rc;
    int64_t id;
    void *old;
    int nold;
    bool fresh;
    rc = put(db, f->digest, f->path, f->kind, blob, n, &id, &fresh, &old, &nold);
    if (!rc && !fresh && n > 0) {
        /* Ingested before: this time's changes after that time's. */
        void *both = NULL;
        int nboth = 0;
        if (nold)
            rc = kc__changes_concat(db, old, nold, blob, n, &both, &nboth);
        sqlite3_stmt *st = rc ? NULL : kc__stmt(db, kc__sql_files_set_changes);
        if (!rc && !st)
            rc = KC_ESTORE;
        if (!rc) {
            kc__bind_int64(st, ":id", id);
            sqlite3_bind_blob(st, kc__param(st, ":changes"), nold ? both : blob,
                              nold ? nboth : n, SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = kc__sqlfail(db, "register file");
            sqlite3_reset(st);
        }
        sqlite3_free(both);
    }
    sqlite3_free(old);
    sqlite3_free(blob);
    return rc;
}

int kc__file_put_batch(kc_db *db, const kc__batch *b, const char *source)
{
    if (!b->file[0])
        return KC_OK;
    int64_t id;
    void *old = NULL;
    int nold;
    bool fresh;
    int rc = put(db, b->file, b->path, "chart", NULL, 0, &id, &fresh, &old, &nold);
    sqlite3_free(old);
    sqlite3_stmt *st = rc ? NULL : kc__stmt(db, kc__sql_files_put_snapshot);
    if (!rc && !st)
        rc = KC_ESTORE;
    for (size_t i = 0; !rc && i < b->nsnaps; i++) {
        const kc__snap *s = &b->snaps[i];
        if (!s->held)
            continue;
        kc__bind_int64(st, ":file", id);
        kc__bind_text(st, ":chart", s->chart_id);
        kc__bind_text(st, ":period", s->period);
        kc__bind_text(st, ":digest", s->digest);
        kc__bind_text(st, ":source", source);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = kc__sqlfail(db, "register snapshot");
        sqlite3_reset(st);
    }
    return rc;
}
