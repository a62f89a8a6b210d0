/*
 * search.c: finding songs and artists by what a person types.
 *
 * A song is found by its id or by words that must each appear as a whole
 * word of one of its spellings (title and credit, matching form: any case,
 * any script); a name that matched nothing gets the nearest names ("did you
 * mean"). Not the answers themselves: query/ shows what was found.
 *
 * The names searched in any script (search_name and its FTS5 trigrams,
 * migrate-009.sql), and the songs' words, places and credits
 * (migrate-013.sql), are brought up to date here before a search reads
 * them (kc__search_sync): derived indexes that no writer (ingest, import,
 * rebuild) writes. A write only queues the songs and artists it touched,
 * and the credits a song left or took (search_touch, search_credit;
 * migrate-021.sql: triggers for the rare writes, kc__search_touch_songs
 * for the many); the sync compares those alone
 * with their tables, or every one when the queue asks for the whole.
 * The queue is read only when something was written since the names were
 * last found up to date on the same handle (kc__seen_same: PRAGMA
 * data_version and the handle's commits that wrote the store; not its
 * temporary tables, which other reads write), so a search of a store that
 * did not change reads no table for it.
 */
#include "model/model.h"

#include <sql/model_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The matching form of a name, as one LIKE pattern per word in words[] (at
 * most KC_QUERY_WORDS_MAX); the count, or minus the status (message set) when
 * the query is not UTF-8 or memory runs out. */
int kc__like_words(kc_db *db, const char *query, char *words[KC_QUERY_WORDS_MAX])
{
    char *m = kc__match_title(query);
    if (!m && kc__utf8_check(query, strlen(query)) == strlen(query))
        return -kc__fail(db, KC_ENOMEM, "out of memory");
    if (!m)
        return -kc__fail(db, KC_EINPUT, "the query is not valid UTF-8");
    int nw = 0;
    char *p = m;
    while (*p && nw < KC_QUERY_WORDS_MAX) {
        char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (!(words[nw] = kc__malloc(n + 5))) {
            for (int i = 0; i < nw; i++)
                free(words[i]);
            free(m);
            return -kc__fail(db, KC_ENOMEM, "out of memory");
        }
        snprintf(words[nw], n + 5, "%% %.*s %%", (int)n, p);
        nw++;
        p = e ? e + 1 : p + n;
    }
    bool more = *p != '\0';
    free(m);
    if (more) { /* every word must match: never drop one silently */
        for (int i = 0; i < nw; i++)
            free(words[i]);
        return -kc__fail(db, KC_EINPUT, "a search has at most %d words",
                         KC_QUERY_WORDS_MAX);
    }
    return nw;
}

char *kc__word_match(char *const *words, size_t nw)
{
    size_t n = 1;
    for (size_t i = 0; i < nw; i++)
        n += 2 * strlen(words[i]) + 3;
    char *m = kc__malloc(n), *o = m;
    if (!m)
        return NULL;
    for (size_t i = 0; i < nw; i++) {
        /* "% word %": the word between its spaces and percent signs. The
         * matching form holds no '"' (punctuation is a space there), but a
         * phrase must never end early: doubled all the same. */
        const char *w = words[i] + 2, *e = words[i] + strlen(words[i]) - 2;
        if (i)
            *o++ = ' ';
        *o++ = '"';
        for (; w < e; w++) {
            if (*w == '"')
                *o++ = '"';
            *o++ = *w;
        }
        *o++ = '"';
    }
    *o = '\0';
    return m;
}

/* The songs' walk tests at most this many of the songs the words' index
 * finds (each then tested against the words as written: the index
 * narrows); one that finds too few of them reads every song after all. */
#define WALK_CANDIDATES 6000

/* How many songs the words' index finds for match (an FTS5 query of
 * song_word); -1 on failure. */
static int64_t word_count(kc_db *db, const char *match)
{
    sqlite3_stmt *st =
        kc__stmt(db, "SELECT count(*) FROM song_word WHERE song_word MATCH :match");
    if (!st)
        return -1;
    kc__bind_text(st, ":match", match);
    int64_t n = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

/* kc__song_query, and when best is not 0 and the words are common, `hit`
 * holds only the best songs of the search's order that match (see
 * kc__song_query_best); *walked says whether it did. */
static int song_query(kc_db *db, const char *query, size_t limit, size_t best,
                      bool *walked, const char *select, kc_table **out)
{
    *walked = false;
    const char *binds[2 * KC_QUERY_WORDS_MAX + 3];
    char *words[KC_QUERY_WORDS_MAX], *within[KC_QUERY_WORDS_MAX];
    int got = kc__like_words(db, query, words);
    if (got < 0)
        return -got;
    size_t nw = (size_t)got;
    /* The songs holding every word, from their words' index (song_word,
     * migrate-013.sql) when it is up to date: a common word is a lookup,
     * not a scan of every key. Else every key is read, as before it. */
    bool complete = false;
    int rc = nw ? kc__search_sync(db, &complete) : KC_OK;
    char *match = !rc && complete ? kc__word_match(words, nw) : NULL;
    if (!rc && complete && !match)
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    /* Each word anywhere in the key ("%% word %%" without its spaces): a
     * cheap test on the key as stored that every whole-word match passes,
     * so that the spelling is rebuilt for the keys that may match only. */
    for (size_t i = 0; i < nw; i++) {
        size_t n = strlen(words[i]);
        if ((within[i] = kc__malloc(n)))
            snprintf(within[i], n, "%%%.*s%%", (int)(n - 4), words[i] + 2);
        else if (!rc)
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
    }
    char lim[32], sql[3072], where[1280] = "";
    snprintf(lim, sizeof lim, "%zu", limit ? limit : (size_t)1000000);
    binds[0] = query;
    binds[1] = lim;
    size_t w = 0;
    for (size_t i = 0; i < nw && !rc; i++) {
        binds[i + 2] = words[i];
        binds[nw + i + 2] = within[i];
        int n = snprintf(where + w, sizeof where - w,
                         " AND key LIKE ?%zu"
                         " AND (' ' || replace(substr(key, 3), '|', ' ') || ' ')"
                         " LIKE ?%zu",
                         nw + i + 3, i + 3);
        if (n < 0 || (size_t)n >= sizeof where - w)
            rc = kc__fail(db, KC_EINPUT, "the query is too long");
        else
            w += (size_t)n;
    }
    /* Composed here, not an SQL file: one LIKE a word of the query, and the
     * caller's select after the CTE (docs/store.md, "SQL files"). */
    char words_in[128] = "";
    if (match) {
        binds[2 * nw + 2] = match;
        snprintf(
            words_in, sizeof words_in,
            " AND song_id IN (SELECT rowid FROM song_word WHERE song_word MATCH ?%zu)",
            2 * nw + 3);
    }
    if (match && best && word_count(db, match) >= KC__WALK_MIN) {
        *walked = true;
        snprintf(lim, sizeof lim, "%zu", best);
    }
    /* The walk: the places in order of the songs holding the words (their
     * index's set, probed as the order is read; a co-routine, stopped by
     * the LIMIT once `best` songs match) and of the song whose id the query
     * is, each song's keys tested as below. */
    int len = *walked ? snprintf(sql, sizeof sql,
                                 "WITH hit AS (SELECT g.song_id AS id FROM"
                                 " (SELECT song_id FROM song_rank"
                                 " INDEXED BY song_rank_order WHERE song_id IN"
                                 " (SELECT rowid FROM song_word WHERE song_word"
                                 " MATCH ?%zu) OR (song_id = CAST(?1 AS INTEGER)"
                                 " AND CAST(song_id AS TEXT) = ?1)"
                                 " ORDER BY peak, periods DESC, song_id LIMIT %d) g"
                                 " WHERE (g.song_id = CAST(?1 AS INTEGER)"
                                 " AND CAST(g.song_id AS TEXT) = ?1)"
                                 " OR EXISTS (SELECT 1 FROM song_key"
                                 " WHERE song_id = g.song_id AND key LIKE 't:%%'%s)"
                                 " LIMIT ?2) %s",
                                 2 * nw + 3, WALK_CANDIDATES, where, select)
                      : snprintf(sql, sizeof sql,
                                 "WITH hit AS (SELECT id FROM song WHERE id = CAST(?1 AS "
                                 "INTEGER)"
                                 " AND CAST(id AS TEXT) = ?1"
                                 " UNION SELECT song_id FROM song_key WHERE %s%s%s"
                                 " ORDER BY 1 LIMIT ?2) %s",
                                 nw ? "key LIKE 't:%'" : "0", words_in, where, select);
    if (!rc && (len < 0 || (size_t)len >= sizeof sql))
        rc = kc__fail(db, KC_EINPUT, "the query is too long");
    if (!rc)
        rc = kc__table_from_sql(db, sql, binds, 2 * nw + 2 + (match != NULL), out);
    for (size_t i = 0; i < nw; i++) {
        free(words[i]);
        free(within[i]);
    }
    free(match);
    if (!rc && !*walked && !(*out)->nrows) {
        kc_table_free(*out);
        *out = NULL;
        return kc__fail(db, KC_ENOTFOUND, "no song matches \"%s\"", query);
    }
    return rc;
}

/* Runs select (which reads the matching songs from the CTE `hit`) for a
 * song search: a song id, or words that must each appear as a whole word of
 * one of the song's spellings (title and credit, matching form; any case,
 * any script). */
int kc__song_query(kc_db *db, const char *query, size_t limit, const char *select,
                   kc_table **out)
{
    bool walked;
    return song_query(db, query, limit, 0, &walked, select, out);
}

int kc__song_query_best(kc_db *db, const char *query, size_t best, const char *select,
                        kc_table **out)
{
    bool walked;
    int rc = song_query(db, query, 0, best, &walked, select, out);
    if (rc || !walked || (*out)->nrows >= best)
        return rc;
    /* The walk found fewer than best among its candidates: read them all. */
    kc_table_free(*out);
    *out = NULL;
    return song_query(db, query, 0, 0, &walked, select, out);
}

int kc_query_song(kc_db *db, const char *query, size_t limit, kc_table **out)
{
    return kc__song_query(
        db, query, limit,
        " SELECT r.song_id AS song_id, s.title AS title, s.artist AS artist,"
        " r.chart_id AS chart," KC__RUN_DEBUT
        " r.peak AS peak, r.peak_period AS peak_period,"
        " r.periods_at_peak AS at_peak, r.periods AS periods,"
        " r.longest_streak AS longest_streak, r.periods_at_no1 AS no1,"
        " r.reentries AS reentries, r.last_period AS last_period,"
        " r.last_rank AS last_rank"
        " FROM hit JOIN song s ON s.id = hit.id JOIN run r ON r.song_id = s.id"
        " JOIN run_debut d ON d.chart_id = r.chart_id AND d.song_id = "
        "r.song_id" KC__RUN_DEBUT_JOIN
        " ORDER BY d.yearly, d.out, d.fineness, s.id, r.chart_id",
        out);
}

int kc_query_song_keys(kc_db *db, const char *query, kc_table **out)
{
    return kc__song_query(db, query, 200,
                          " SELECT s.id AS song_id, s.title AS title,"
                          " s.artist AS artist, k.key AS key"
                          " FROM hit JOIN song s ON s.id = hit.id"
                          " JOIN song_key k ON k.song_id = s.id ORDER BY s.id, k.key",
                          out);
}

void kc__suggest_name(kc_db *db, bool artist, const char *what, char *out, size_t outlen)
{
    kc__suggest(db,
                artist ? kc__sql_search_suggest_artists : kc__sql_search_suggest_songs,
                false, what, out, outlen);
}

int kc__search_touch_songs(kc_db *db, const char *songs)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_search_touch_songs);
    if (!st)
        return KC_ESTORE;
    if (kc__bind_text(st, ":songs", songs) != SQLITE_OK) {
        sqlite3_reset(st);
        return kc__sqlfail(db, "queue the songs for the search");
    }
    return kc__step_done(db, st, "queue the songs for the search");
}

int64_t kc__changes_own(kc_db *db)
{
    int64_t queued = 0;
    sqlite3_stmt *st = kc__stmt(db, kc__sql_search_queued);
    if (st && kc__step_id(db, st, &queued, "search queue") != KC_OK)
        queued = 0;
    return (int64_t)sqlite3_total_changes(kc__sql(db)) - queued;
}

/* Runs one statement of the search's sync (its :whole bound: every row,
 * or only what the writes since the last sync touched). */
static int sync_run(kc_db *db, const char *sql, bool whole)
{
    sqlite3_stmt *st = kc__stmt(db, sql);
    if (!st)
        return KC_ESTORE;
    if (kc__bind_text(st, ":whole", whole ? "1" : NULL) != SQLITE_OK) {
        sqlite3_reset(st);
        return kc__sqlfail(db, "search names");
    }
    return kc__step_done(db, st, "search names");
}

int kc__search_sync(kc_db *db, bool *complete)
{
    /* Nothing written since the names were last found up to date on this
     * handle: nothing to read (the queue of what writes touched is empty,
     * migrate-021.sql). */
    if (kc__seen_same(db, KC__SEEN_SEARCH)) {
        *complete = true;
        return KC_OK;
    }
    *complete = false;
    /* Noted before the queue is read: a commit after this note changes
     * PRAGMA data_version, so the next search reads it again. */
    kc__seen_note(db, KC__SEEN_SEARCH);
    sqlite3_stmt *st = kc__stmt(db, kc__sql_search_sync_needed);
    if (!st)
        return KC_ESTORE;
    int step = sqlite3_step(st);
    bool needed = step == SQLITE_ROW && sqlite3_column_int(st, 0);
    bool whole = step == SQLITE_ROW && sqlite3_column_int(st, 1);
    sqlite3_reset(st);
    if (step != SQLITE_ROW) {
        kc__seen_forget(db, KC__SEEN_SEARCH);
        return kc__sqlfail(db, "search names");
    }
    if (!needed) {
        *complete = true;
        return KC_OK;
    }
    kc__seen_forget(db, KC__SEEN_SEARCH);
    /* Inside the caller's transaction (the server reads in one), else in
     * one of its own. Each statement is atomic: one that fails (another
     * writer holds the store, or wrote since the caller's read began)
     * leaves the names as they were, and the queue with them, for the next
     * search. The songs and artists the writes touched are compared, or
     * every one when the queue asks for the whole (the first search after
     * schema step 21); the queue is emptied last. */
    bool own = sqlite3_get_autocommit(kc__sql(db));
    int rc = own ? kc__begin(db) : KC_OK;
    /* Each statement in turn; whole: it takes :whole. */
    static const struct {
        const char *sql;
        bool whole;
    } steps[] = {
        {kc__sql_search_sync_stale, true},
        {kc__sql_search_sync_add, true},
        {kc__sql_search_sync_fts, false},
        {kc__sql_search_sync_done, false},
        {kc__sql_search_sync_words_stale, true},
        {kc__sql_search_sync_words_add, true},
        {kc__sql_search_sync_rank_set, true},
        {kc__sql_search_sync_rank_gone, true},
        {kc__sql_search_sync_credit_clear, false},
        {kc__sql_search_sync_credit_count, true},
        {kc__sql_search_sync_credit_gone, true},
        {kc__sql_search_sync_credit_set, false},
        {kc__sql_search_sync_credit_words, true},
        {kc__sql_search_sync_credit_words_add, true},
        {kc__sql_search_sync_touched, false},
        {kc__sql_search_sync_credited, false},
        {kc__sql_search_sync_credit_clear, false},
    };
    for (size_t i = 0; !rc && i < sizeof steps / sizeof *steps; i++)
        rc = steps[i].whole ? sync_run(db, steps[i].sql, whole)
                            : kc__exec(db, steps[i].sql);
    /* The names are up to date from the commit of this transaction on
     * (noted inside the write lock, before it). In a transaction of its
     * own, the note is kept across that commit, this handle's own; in the
     * caller's, only if the caller ends it by kc_read_end (a read: the
     * server's), else the next search compares again. A rollback forgets
     * the note. */
    if (!rc)
        kc__seen_note(db, KC__SEEN_SEARCH);
    if (own && !rc)
        rc = kc__end(db, rc);
    else if (own)
        kc__rollback(db);
    if (own && !rc)
        kc__seen_commit(db, KC__SEEN_SEARCH);
    *complete = !rc;
    if (rc)
        kc__fail(db, KC_OK, "%s", ""); /* not the search's failure */
    return KC_OK;
}
