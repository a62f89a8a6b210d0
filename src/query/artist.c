/*
 * artist.c (query): an artist as `kchart artist` and /api/artists show it:
 * the artist found by name or alias (as the catalog finds one), its aliases,
 * members and groups, the entities its credits name on every chart with
 * their runs, its totals per chart and the catalog's releases of it. One artist model:
 * the rows of `artist` and `song_artist` (derive/credits.c), whether the catalog,
 * MusicBrainz or only a credit knows the artist. Not the derivation of
 * credits, nor search.
 */
#include "query/query.h"

#include <sql/query_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The artist name means: by name or alias; else by id (all digits); else
 * "제니 (JENNIE)" by either side. */
static int find(kc_db *db, const char *name, int64_t *id)
{
    int rc = kc__artist_find(db, name, id);
    if (rc || *id)
        return rc;
    size_t n = strlen(name), digits = strspn(name, "0123456789");
    if (n && digits == n && n < 19) {
        /* An id (a name first: "112" is a group). */
        int64_t want = 0;
        for (size_t i = 0; i < n; i++)
            want = want * 10 + (name[i] - '0');
        kc_table *t = NULL;
        sqlite3_stmt *st = kc__prepare(db, kc__sql_query_artist_row);
        if (st)
            kc__bind_int64(st, ":artist", want);
        if ((rc = kc__table_from_stmt(db, st, &t)))
            return rc;
        if (t->nrows)
            *id = want;
        kc_table_free(t);
        return KC_OK;
    }
    const char *open = n > 3 && name[n - 1] == ')' ? strrchr(name, '(') : NULL;
    if (!open || open == name || open[-1] != ' ')
        return KC_OK;
    char side[KC_ARG_MAX + 1];
    snprintf(side, sizeof side, "%.*s", (int)(name + n - 1 - open - 1), open + 1);
    rc = kc__artist_find(db, side, id);
    if (!rc && !*id) {
        snprintf(side, sizeof side, "%.*s", (int)(open - 1 - name), name);
        rc = kc__artist_find(db, side, id);
    }
    return rc;
}

/* The artist named name, or KC_ENOTFOUND naming the nearest. */
static int need_artist(kc_db *db, const char *name, int64_t *id)
{
    if (strlen(name) > KC_ARG_MAX)
        return kc__fail(db, KC_EINPUT, "the artist name is too long");
    int rc = find(db, name, id);
    if (rc || *id)
        return rc;
    char near[600];
    kc__suggest_name(db, true, name, near, sizeof near);
    return kc__fail(db, KC_ENOTFOUND, "no artist \"%s\"%s", name, near);
}

static int table_of(kc_db *db, const char *sql, int64_t id, kc_table **out)
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    if (st)
        kc__bind_int64(st, ":artist", id);
    return kc__table_from_stmt(db, st, out);
}

/* The artist's tables; its entries only when entries. */
static int info(kc_db *db, const char *name, bool entries, kc_artist_info *out)
{
    memset(out, 0, sizeof *out);
    int64_t id;
    int rc = need_artist(db, name, &id);
    if (!rc)
        rc = table_of(db, kc__sql_query_artist_row, id, &out->artist);
    if (!rc)
        rc = table_of(db, kc__sql_query_artist_aliases, id, &out->aliases);
    if (!rc)
        rc = table_of(db, kc__sql_query_artist_members, id, &out->members);
    if (!rc && entries)
        rc = table_of(db, kc__sql_query_artist_entries, id, &out->entries);
    if (!rc)
        rc = table_of(db, kc__sql_query_artist_totals, id, &out->totals);
    if (!rc)
        rc = table_of(db, kc__sql_query_artist_releases, id, &out->releases);
    if (rc)
        kc_artist_info_free(out);
    return rc;
}

int kc_query_artist_info(kc_db *db, const char *name, kc_artist_info *out)
{
    return info(db, name, true, out);
}

int kc_query_artist_head(kc_db *db, const char *name, kc_artist_info *out)
{
    return info(db, name, false, out);
}

void kc_artist_info_free(kc_artist_info *a)
{
    if (!a)
        return;
    kc_table_free(a->artist);
    kc_table_free(a->aliases);
    kc_table_free(a->members);
    kc_table_free(a->entries);
    kc_table_free(a->totals);
    kc_table_free(a->releases);
    memset(a, 0, sizeof *a);
}

int kc_query_artist(kc_db *db, const char *name, kc_page *page, kc_table **out)
{
    *out = NULL;
    int64_t id;
    int rc = need_artist(db, name, &id);
    kc_table *count = NULL;
    if (!rc)
        rc = table_of(db, kc__sql_query_artist_count, id, &count);
    if (rc)
        return rc;
    page->total = (size_t)strtoull(kc_table_cell(count, 0, 0), NULL, 10);
    kc_table_free(count);
    char lim[32], off[32];
    snprintf(lim, sizeof lim, "%zu", page->limit ? page->limit : (size_t)1000000000);
    snprintf(off, sizeof off, "%zu", page->offset);
    sqlite3_stmt *st = kc__prepare(db, kc__sql_query_artist_songs);
    if (st) {
        kc__bind_int64(st, ":artist", id);
        kc__bind_text(st, ":limit", lim);
        kc__bind_text(st, ":offset", off);
    }
    return kc__table_from_stmt(db, st, out);
}
