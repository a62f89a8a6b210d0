/*
 * search.c: entities and artists by any of their names (kchart search,
 * /api/search's hits).
 *
 * A name is found by its matching form (NFKC, case-folded, punctuation as
 * spaces: kc__match_title), whole, as a prefix, or, from three characters
 * on, anywhere within it through SQLite FTS5's trigram index: "블랙핑크",
 * "뷔", "뚜두뚜두" and "ddu-du" alike. Not the dashboard's older search of
 * songs and credits by whole words (kc_query_search, query.c), which it
 * sits beside.
 */
#include "query/query.h"

#include <sql/query_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many names a later stage finds: that start with m (stage 1), or
 * hold phrase (an FTS5 phrase) by their trigrams (stage 2); -1 on failure
 * (the stage then reads every name it finds). */
static int64_t stage_count(kc_db *db, int stage, const char *m, const char *phrase)
{
    sqlite3_stmt *st = kc__stmt(
        db, stage == 1
                ? "SELECT count(*) FROM search_name WHERE match >= :match"
                  " AND match < :match || char(1114111)"
                : "SELECT count(*) FROM search_fts WHERE search_fts MATCH :phrase");
    if (!st)
        return -1;
    kc__bind_text(st, stage == 1 ? ":match" : ":phrase", stage == 1 ? m : phrase);
    int64_t n = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

/* One stage of a search's names (query-names.sql, or its walk) into *out. */
static int names_stage(kc_db *db, bool walk, const char *m, const char *phrase,
                       size_t want, bool complete, int stage, kc_table **out)
{
    sqlite3_stmt *st =
        kc__prepare(db, walk ? kc__sql_query_names_walk : kc__sql_query_names);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":match", m);
    kc__bind_text(st, ":phrase", phrase);
    kc__bind_int64(st, ":limit", (int64_t)want);
    kc__bind_int64(st, ":complete", complete);
    kc__bind_int64(st, ":stage", stage);
    return kc__table_from_stmt(db, st, out);
}

int kc_query_names(kc_db *db, const char *query, size_t limit, kc_table **out)
{
    *out = NULL;
    char *m = kc__match_title(query);
    if (!m && kc__utf8_check(query, strlen(query)) == strlen(query))
        return kc__fail(db, KC_ENOMEM, "out of memory");
    if (!m)
        return kc__fail(db, KC_EINPUT, "the query is not valid UTF-8");
    if (!*m) {
        free(m);
        return kc__fail(db, KC_EINPUT, "\"%s\" has no letter or digit to search for",
                        query);
    }
    /* The index first (the only write of a search; model/search.c). */
    bool complete;
    int rc = kc__search_sync(db, &complete);
    /* An FTS5 phrase of the matching form: its quotes doubled (folding
     * leaves none, but a phrase must never end early). */
    size_t n = strlen(m), q = 0;
    for (size_t i = 0; i < n; i++)
        q += m[i] == '"';
    char *phrase = rc ? NULL : kc__malloc(n + q + 3);
    if (!rc && !phrase)
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    if (!rc) {
        size_t o = 0;
        phrase[o++] = '"';
        for (size_t i = 0; i < n; i++) {
            phrase[o++] = m[i];
            if (m[i] == '"')
                phrase[o++] = '"';
        }
        phrase[o++] = '"';
        phrase[o] = '\0';
        /* The names that are the query, or artists' that start with it,
         * first; then every name that starts with it: when they fill the
         * page, the rest (thousands of names for a common word) come after
         * every one of them and are not read (query-names.sql, :stage).
         * A later stage that finds many names walks the songs in the
         * page's order (query-names-walk.sql), with the same rows. */
        size_t want = limit ? limit : 20;
        for (int stage = 0; stage < 3 && !rc; stage++) {
            bool walk = stage > 0 && complete &&
                        stage_count(db, stage, m, phrase) >= KC__WALK_MIN;
            rc = names_stage(db, walk, m, phrase, want, complete, stage, out);
            if (rc || (*out)->nrows >= want || stage == 2)
                break;
            kc_table_free(*out);
            *out = NULL;
        }
    }
    free(phrase);
    free(m);
    return rc;
}
