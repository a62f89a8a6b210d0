/*
 * query.c: the read side. Every query returns a kc_table of strings, so the
 * CLI (and later the server) print tables, CSV or JSON from one shape.
 *
 * Queries only read. Not a formatter: cli/output.c prints.
 */
#include "query/query.h"

#include <sql/query_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int need_chart(kc_db *db, const char *chart)
{
    char cadence[16];
    int size;
    return kc__chart_lookup(db, chart, cadence, &size);
}

/* Captions the table *out; when out of memory, frees it (*out NULL) and
 * says so. */
static int set_title(kc_db *db, kc_table **out, const char *fmt, const char *a,
                     const char *b)
{
    size_t n = strlen(fmt) + strlen(a) + strlen(b) + 1;
    if (((*out)->title = kc__malloc(n))) {
        snprintf((*out)->title, n, fmt, a, b);
        return KC_OK;
    }
    kc_table_free(*out);
    *out = NULL;
    return kc__fail(db, KC_ENOMEM, "out of memory");
}

/* A day (YYYY-MM-DD) given for a period of a chart that does not name its
 * periods by day, as the period holding it, into held (32 bytes; "" when
 * none is stored or the day is not one): the stored week holding it, its
 * month, its year. */
static int period_holding(kc_db *db, const char *chart, const char *cadence,
                          const char *day, char *held)
{
    held[0] = '\0';
    if (strlen(day) != 10 || !kc__period_valid("daily", day))
        return KC_OK;
    if (!strcmp(cadence, "monthly") || !strcmp(cadence, "yearly")) {
        snprintf(held, 32, "%.*s", cadence[0] == 'm' ? 7 : 4, day);
        return KC_OK;
    }
    if (strcmp(cadence, "weekly"))
        return KC_OK;
    sqlite3_stmt *st = kc__prepare(db, kc__sql_query_period_holding);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    kc__bind_text(st, ":day", day);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        snprintf(held, 32, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "period");
}

/* The period of chart to show: period when given (checked against the
 * chart's cadence; a day given for a weekly, monthly or yearly chart is the
 * period holding it, and *held names that period's kind, "week", "month" or
 * "year", else NULL), else the latest stored ("" when none) into shown (32
 * bytes). */
static int period_shown(kc_db *db, const char *chart, const char *period, char *shown,
                        const char **held)
{
    char cadence[16], holding[32];
    int size;
    int rc = kc__chart_lookup(db, chart, cadence, &size);
    if (rc)
        return rc;
    *held = NULL;
    if (period && strcmp(cadence, "daily") &&
        (rc = period_holding(db, chart, cadence, period, holding)))
        return rc;
    if (period && strcmp(cadence, "daily") && holding[0] && strcmp(holding, period)) {
        snprintf(shown, 32, "%s", holding);
        *held = cadence[0] == 'w' ? "week" : cadence[0] == 'm' ? "month" : "year";
        return KC_OK;
    }
    if (period && !kc__period_valid(cadence, period))
        return kc__fail(db, KC_EINPUT, "\"%.40s\" is not a period of a %s chart", period,
                        cadence);
    shown[0] = '\0';
    if (period) {
        snprintf(shown, 32, "%s", period);
        return KC_OK;
    }
    sqlite3_stmt *st = kc__prepare(db, kc__sql_query_latest_period);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        snprintf(shown, 32, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return KC_OK;
}

static int no_chart_for(kc_db *db, const char *chart, const char *period)
{
    return kc__fail(db, KC_ENOTFOUND, "%s has no chart for %s", chart,
                    *period ? period : "any period");
}

int kc_query_chart(kc_db *db, const char *chart, const char *period, size_t limit,
                   kc_table **out)
{
    *out = NULL;
    char shown[32], lim[32];
    const char *held;
    int rc = period_shown(db, chart, period, shown, &held);
    if (rc)
        return rc;
    snprintf(lim, sizeof lim, "%zu", limit ? limit : (size_t)1000000);
    sqlite3_stmt *st = kc__prepare(db, kc__sql_query_chart);
    kc__bind_text(st, ":chart", chart);
    kc__bind_text(st, ":period", shown);
    kc__bind_text(st, ":limit", lim);
    rc = kc__table_from_stmt(db, st, out);
    if (rc)
        return rc;
    if (!(*out)->nrows) {
        kc_table_free(*out);
        *out = NULL;
        return no_chart_for(db, chart, shown);
    }
    if (held) {
        /* Says which period the day gave. */
        char what[96];
        snprintf(what, sizeof what, "%s (the %s holding %s)", shown, held, period);
        return set_title(db, out, "%s %s", chart, what);
    }
    return set_title(db, out, "%s %s", chart, shown);
}

/* One text cell of a one-row statement into out (32 bytes; "" when NULL). */
static void text_into(sqlite3_stmt *st, int col, char *out)
{
    const unsigned char *v = sqlite3_column_text(st, col);
    snprintf(out, 32, "%s", v ? (const char *)v : "");
}

int kc_query_chart_page(kc_db *db, const char *chart, const char *period, kc_page *page,
                        kc_chart_at *at, kc_table **out)
{
    *out = NULL;
    memset(at, 0, sizeof *at);
    const char *held;
    int rc = period_shown(db, chart, period, at->period, &held);
    if (rc)
        return rc;
    /* The page's rows and, in the same read, the count of the period's and
     * its neighbours. */
    sqlite3_stmt *st = kc__prepare(db, kc__sql_query_chart_around);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    kc__bind_text(st, ":period", at->period);
    if (sqlite3_step(st) == SQLITE_ROW) {
        page->total = (size_t)sqlite3_column_int64(st, 0);
        text_into(st, 1, at->previous);
        text_into(st, 2, at->following);
    } else {
        rc = kc__sqlfail(db, "chart");
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    if (!page->total)
        return no_chart_for(db, chart, at->period);
    char lim[32], off[32];
    snprintf(lim, sizeof lim, "%zu", page->limit ? page->limit : (size_t)1000000);
    snprintf(off, sizeof off, "%zu", page->offset);
    st = kc__prepare(db, kc__sql_query_chart_page);
    kc__bind_text(st, ":chart", chart);
    kc__bind_text(st, ":period", at->period);
    kc__bind_text(st, ":limit", lim);
    kc__bind_text(st, ":offset", off);
    return kc__table_from_stmt(db, st, out);
}

/* The statement of the chart list (chart NULL) or one chart's row, bound:
 * a lookup of chart_cover once it is brought up to date, else the walk of
 * every stored period. NULL with the message set on failure. */
static sqlite3_stmt *charts_stmt(kc_db *db, const char *chart)
{
    bool complete;
    if (kc__coverage_sync(db, chart, &complete))
        return NULL;
    sqlite3_stmt *st =
        kc__prepare(db, complete ? kc__sql_query_charts : kc__sql_query_charts_walk);
    kc__bind_text(st, ":chart", chart);
    return st;
}

int kc_query_chart_info(kc_db *db, const char *chart, kc_table **out)
{
    *out = NULL;
    int rc = kc__table_from_stmt(db, charts_stmt(db, chart), out);
    if (!rc && !(*out)->nrows) {
        kc_table_free(*out);
        *out = NULL;
        rc = kc__fail(db, KC_ENOTFOUND, "no chart \"%.100s\"", chart);
    }
    return rc;
}

int kc_query_entries(kc_db *db, const char *chart, kc_table **out)
{
    int rc = need_chart(db, chart);
    if (rc)
        return rc;
    sqlite3_stmt *st = kc__prepare(db, kc__sql_query_entries);
    kc__bind_text(st, ":chart", chart);
    return kc__table_from_stmt(db, st, out);
}

int kc_query_top(kc_db *db, const char *chart, const char *by, size_t limit,
                 kc_table **out)
{
    kc_page page = {limit, 0, 0};
    return kc_query_leaderboard(db, chart, by, &page, out);
}

/* The count of st's single row (st prepared and bound; finalized here,
 * whatever the outcome, and NULL gives KC_ESTORE) into page->total. */
static int count_into(kc_db *db, sqlite3_stmt *st, kc_page *page)
{
    if (!st)
        return KC_ESTORE;
    int rc = KC_OK;
    if (sqlite3_step(st) == SQLITE_ROW)
        page->total = (size_t)sqlite3_column_int64(st, 0);
    else
        rc = kc__sqlfail(db, "query");
    sqlite3_finalize(st);
    return rc;
}

/* page's limit and offset as SQL parameters (limit 0: all). */
static void page_binds(const kc_page *page, char lim[32], char off[32])
{
    snprintf(lim, 32, "%zu", page->limit ? page->limit : (size_t)1000000000);
    snprintf(off, 32, "%zu", page->offset);
}

int kc_query_leaderboard(kc_db *db, const char *chart, const char *by, kc_page *page,
                         kc_table **out)
{
    static const struct {
        const char *by, *order;
    } orders[] = {
        {"periods", "periods DESC, peak, first_period, song_id"},
        {"peak", "peak, at_peak DESC, periods DESC, first_period, song_id"},
        {"streak", "longest_streak DESC, peak, first_period, song_id"},
        {"no1", "no1 DESC, periods DESC, first_period, song_id"},
    };
    const char *order = NULL;
    for (size_t i = 0; i < sizeof orders / sizeof *orders; i++)
        if (!strcmp(by, orders[i].by))
            order = orders[i].order;
    int rc = need_chart(db, chart); /* an unknown chart first, then a bad key */
    if (rc)
        return rc;
    if (!order)
        return kc__fail(db, KC_EUSAGE, "--by must be periods, peak, streak or no1");
    /* Composed, not SQL files: the order is the key asked for, and No. 1s
     * count only the songs that were No. 1 (an ORDER BY a CASE of the key
     * would hide the key from SQLite). */
    const char *only = !strcmp(by, "no1") ? " AND r.periods_at_no1 > 0" : "";
    char sql[2048], lim[32], off[32];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM run r WHERE r.chart_id = :chart%s",
             only);
    sqlite3_stmt *st = kc__prepare(db, sql);
    kc__bind_text(st, ":chart", chart);
    if ((rc = count_into(db, st, page)))
        return rc;
    /* The page is cut from the runs alone, then numbered and joined to its
     * songs: a window over the whole chart would sort it twice. A debut
     * before the store's first period of the run is "before D" (as
     * KC__RUN_DEBUT says it, model.h), ordered by D. */
    snprintf(
        sql, sizeof sql,
        "SELECT :offset + row_number() OVER (ORDER BY %s) AS pos,"
        " p.song_id AS song_id,"
        " s.title AS title, s.artist AS artist, periods, peak, at_peak,"
        " longest_streak, no1, CASE WHEN EXISTS (SELECT 1 FROM snapshot ds"
        "  JOIN entry de ON de.snapshot_id = ds.id WHERE ds.chart_id = :chart"
        "  AND ds.period = p.first_period AND de.rank = p.debut_rank"
        "  AND de.song_id = p.song_id AND de.periods > 1) THEN 'before ' || first_period"
        "  ELSE first_period END AS debut, last_period FROM"
        " (SELECT r.song_id AS song_id, r.periods AS periods, r.peak AS peak,"
        "  r.periods_at_peak AS at_peak, r.longest_streak AS longest_streak,"
        "  r.periods_at_no1 AS no1, r.debut_period AS first_period,"
        "  r.debut_rank AS debut_rank,"
        "  r.last_period AS last_period FROM run r WHERE r.chart_id = :chart%s"
        "  ORDER BY %s LIMIT :limit OFFSET :offset) p JOIN song s ON s.id = p.song_id"
        " ORDER BY %s",
        order, only, order, order);
    page_binds(page, lim, off);
    st = kc__prepare(db, sql);
    kc__bind_text(st, ":chart", chart);
    kc__bind_text(st, ":limit", lim);
    kc__bind_text(st, ":offset", off);
    rc = kc__table_from_stmt(db, st, out);
    if (!rc)
        rc = set_title(db, out, "%s: top by %s", chart, by);
    return rc;
}

/* ---- the server's reads: one song, its history, periods ---------------- */

int kc_query_song_by_id(kc_db *db, int64_t id, kc_table **song, kc_table **runs)
{
    char sid[32];
    snprintf(sid, sizeof sid, "%lld", (long long)id);
    *runs = NULL;
    sqlite3_stmt *st = kc__prepare(db, kc__sql_query_song);
    kc__bind_text(st, ":song", sid);
    int rc = kc__table_from_stmt(db, st, song);
    if (rc)
        return rc;
    if (!(*song)->nrows) {
        kc_table_free(*song);
        *song = NULL;
        return kc__fail(db, KC_ENOTFOUND, "no song %s", sid);
    }
    st = kc__prepare(db, kc__sql_query_song_runs);
    kc__bind_text(st, ":song", sid);
    rc = kc__table_from_stmt(db, st, runs);
    if (rc) {
        kc_table_free(*song);
        *song = NULL;
    }
    return rc;
}

int kc_query_history(kc_db *db, int64_t id, kc_table **out)
{
    char sid[32];
    snprintf(sid, sizeof sid, "%lld", (long long)id);
    sqlite3_stmt *st = kc__prepare(db, kc__sql_query_history);
    kc__bind_text(st, ":song", sid);
    return kc__table_from_stmt(db, st, out);
}

int kc_query_song_history(kc_db *db, int64_t id, const char *chart_id, kc_table **out)
{
    char sid[32];
    snprintf(sid, sizeof sid, "%lld", (long long)id);
    sqlite3_stmt *st = kc__prepare(db, kc__sql_query_song_history);
    kc__bind_text(st, ":song", sid);
    kc__bind_text(st, ":chart", chart_id);
    return kc__table_from_stmt(db, st, out);
}

int kc_query_periods(kc_db *db, const char *chart, kc_page *page, kc_table **out)
{
    int rc = need_chart(db, chart);
    if (rc)
        return rc;
    char lim[32], off[32];
    sqlite3_stmt *st = kc__prepare(db, kc__sql_query_periods_count);
    kc__bind_text(st, ":chart", chart);
    if ((rc = count_into(db, st, page)))
        return rc;
    page_binds(page, lim, off);
    st = kc__prepare(db, kc__sql_query_periods);
    kc__bind_text(st, ":chart", chart);
    kc__bind_text(st, ":limit", lim);
    kc__bind_text(st, ":offset", off);
    return kc__table_from_stmt(db, st, out);
}

/* Songs whose credit (the matching form after '|' in song.match) holds every
 * word of name; select reads them from the CTE `hit` (id), and takes limit
 * and offset as :limit and :offset when given (NULL: it has no such
 * parameter). Composed, not an SQL file: a LIKE a word of name, each word
 * bound as :word1, :word2... */
static int credit_query(kc_db *db, const char *name, const char *select,
                        const char *limit, const char *offset, kc_table **out)
{
    char *words[KC_QUERY_WORDS_MAX];
    int nw = kc__like_words(db, name, words);
    if (nw < 0)
        return -nw;
    char sql[3072], where[1280] = "0"; /* no word: no song */
    size_t w = 0;
    /* The songs holding every word, from their words' index when it is up
     * to date (song_word; model/search.c), before the credit is tested. */
    bool complete = false;
    int rc = nw ? kc__search_sync(db, &complete) : KC_OK;
    char *match = !rc && complete ? kc__word_match(words, (size_t)nw) : NULL;
    if (!rc && complete && !match)
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    if (match)
        w = (size_t)snprintf(where, sizeof where,
                             "id IN (SELECT rowid FROM song_word WHERE song_word MATCH "
                             ":words) AND");
    for (int i = 0; i < nw && !rc; i++) {
        /* First the word anywhere in match, without its spaces: cheap, and
         * true of every song whose credit holds it. */
        int n = snprintf(where + w, sizeof where - w,
                         "%s match LIKE :within%d AND"
                         " (' ' || substr(match, instr(match, '|') + 1) || ' ')"
                         " LIKE :word%d",
                         i ? " AND" : "", i + 1, i + 1);
        if (n < 0 || (size_t)n >= sizeof where - w)
            rc = kc__fail(db, KC_EINPUT, "the name is too long");
        else
            w += (size_t)n;
    }
    int len = snprintf(sql, sizeof sql, "WITH hit AS (SELECT id FROM song WHERE %s) %s",
                       where, select);
    if (!rc && (len < 0 || (size_t)len >= sizeof sql))
        rc = kc__fail(db, KC_EINPUT, "the name is too long");
    if (!rc) {
        sqlite3_stmt *st = kc__prepare(db, sql);
        if (limit)
            kc__bind_text(st, ":limit", limit);
        if (offset)
            kc__bind_text(st, ":offset", offset);
        char *within[KC_QUERY_WORDS_MAX] = {0};
        for (int i = 0; i < nw && !rc; i++) {
            char param[24];
            snprintf(param, sizeof param, ":word%d", i + 1);
            kc__bind_text(st, param, words[i]);
            /* "% word %" as "%word%" */
            size_t n = strlen(words[i]);
            if (!(within[i] = kc__malloc(n))) {
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
                break;
            }
            snprintf(within[i], n, "%%%.*s%%", (int)(n - 4), words[i] + 2);
            snprintf(param, sizeof param, ":within%d", i + 1);
            kc__bind_text(st, param, within[i]);
        }
        if (match)
            kc__bind_text(st, ":words", match);
        if (rc)
            sqlite3_finalize(st);
        else
            rc = kc__table_from_stmt(db, st, out);
        for (int i = 0; i < nw; i++)
            free(within[i]);
    }
    for (int i = 0; i < nw; i++)
        free(words[i]);
    free(match);
    return rc;
}

/* The credits holding every word of query, by how many songs (the `limit`
 * first, bound as text), read from the songs of each credit counted
 * (credit_group, its words in credit_word; migrate-013.sql) when they are
 * up to date: the rows credit_query gives over every song, from the few
 * credits holding the words. KC_ENOTFOUND when they are not up to date or
 * the query has no word (the caller reads the songs). */
static int credit_groups(kc_db *db, const char *query, const char *limit, kc_table **out)
{
    char *words[KC_QUERY_WORDS_MAX];
    int nw = kc__like_words(db, query, words);
    if (nw < 0)
        return -nw;
    bool complete = false;
    int rc = nw ? kc__search_sync(db, &complete) : KC_OK;
    char *match = !rc && complete ? kc__word_match(words, (size_t)nw) : NULL;
    if (!rc && complete && !match)
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    if (!rc && !match)
        rc = KC_ENOTFOUND;
    char sql[2048], where[1024] = "";
    size_t w = 0;
    for (int i = 0; i < nw && !rc; i++) {
        int n = snprintf(where + w, sizeof where - w,
                         " AND (' ' || g.credit || ' ') LIKE :word%d", i + 1);
        if (n < 0 || (size_t)n >= sizeof where - w)
            rc = kc__fail(db, KC_EINPUT, "the name is too long");
        else
            w += (size_t)n;
    }
    /* Composed, not an SQL file: a LIKE a word, as credit_query's. */
    if (!rc)
        snprintf(sql, sizeof sql,
                 "SELECT g.artist AS name, sum(g.songs) AS songs FROM credit_group g"
                 " WHERE g.id IN (SELECT rowid FROM credit_word WHERE credit_word"
                 " MATCH :words)%s GROUP BY g.artist ORDER BY songs DESC, name"
                 " LIMIT :limit",
                 where);
    if (!rc) {
        sqlite3_stmt *st = kc__prepare(db, sql);
        kc__bind_text(st, ":words", match);
        kc__bind_text(st, ":limit", limit);
        for (int i = 0; i < nw; i++) {
            char param[24];
            snprintf(param, sizeof param, ":word%d", i + 1);
            kc__bind_text(st, param, words[i]);
        }
        rc = kc__table_from_stmt(db, st, out);
    }
    for (int i = 0; i < nw; i++)
        free(words[i]);
    free(match);
    return rc;
}

/* A song's runs summed, the `limit` first by best peak (the page), then
 * each with its debut: the earliest, "before D" when that run debuted
 * before its first stored period D (as KC__RUN_DEBUT says it, model.h),
 * ordered by D. The debut is read for the page's songs only (a common word
 * matches thousands), and only of each one's first run (its entry's
 * counter read once, not once a run). */
#define SONG_SUMMARY                                                                     \
    " SELECT p.id AS id, p.title AS title, p.artist AS artist, p.charts AS charts,"      \
    " p.best_peak AS best_peak, p.periods AS periods, (SELECT CASE WHEN EXISTS"          \
    "  (SELECT 1 FROM snapshot ds JOIN entry de ON de.snapshot_id = ds.id"               \
    "  WHERE ds.chart_id = f.chart_id AND ds.period = f.debut_period"                    \
    "  AND de.rank = f.debut_rank AND de.song_id = f.song_id AND de.periods > 1)"        \
    "  THEN 'before ' ELSE '' END || f.debut_period"                                     \
    "  FROM (SELECT chart_id, debut_period, debut_rank, song_id FROM run"                \
    "  WHERE song_id = p.id ORDER BY debut_period, chart_id LIMIT 1) f) AS debut FROM"   \
    " (SELECT s.id AS id, s.title AS title, s.artist AS artist,"                         \
    "  count(r.chart_id) AS charts, min(r.peak) AS best_peak, sum(r.periods) AS periods" \
    "  FROM hit JOIN song s ON s.id = hit.id LEFT JOIN run r ON r.song_id = s.id"        \
    "  GROUP BY s.id ORDER BY best_peak IS NULL, best_peak, periods DESC, s.id"          \
    "  LIMIT %zu) p ORDER BY p.best_peak IS NULL, p.best_peak, p.periods DESC, p.id"

int kc_query_search(kc_db *db, const char *query, size_t limit, kc_table **songs,
                    kc_table **artists)
{
    *artists = NULL;
    /* Every match is ranked (best peak first), then the first `limit` kept:
     * a limit on the matches themselves would keep the oldest songs. */
    char select[1024];
    snprintf(select, sizeof select, SONG_SUMMARY, limit ? limit : (size_t)20);
    int rc = kc__song_query_best(db, query, limit ? limit : (size_t)20, select, songs);
    if (rc == KC_ENOTFOUND) {
        /* No song: an empty list, not an error. */
        rc = kc__table_from_stmt(db, kc__prepare(db, kc__sql_query_no_songs), songs);
    }
    if (rc)
        return rc;
    char lim[32];
    snprintf(lim, sizeof lim, "%zu", limit ? limit : (size_t)20);
    rc = credit_groups(db, query, lim, artists);
    if (rc != KC_ENOTFOUND) {
        if (rc) {
            kc_table_free(*songs);
            *songs = NULL;
        }
        return rc;
    }
    rc = credit_query(db, query,
                      "SELECT s.artist AS name, count(*) AS songs FROM hit"
                      " JOIN song s ON s.id = hit.id GROUP BY s.artist"
                      " ORDER BY songs DESC, name LIMIT :limit",
                      lim, NULL, artists);
    if (rc) {
        kc_table_free(*songs);
        *songs = NULL;
    }
    return rc;
}

int kc_query_verify(kc_db *db, const char *chart, size_t max_misses, kc_table **summary,
                    kc_table **misses)
{
    if (chart) {
        int rc = need_chart(db, chart);
        if (rc)
            return rc;
    }
    sqlite3_stmt *st = kc__prepare(db, kc__sql_query_verify);
    kc__bind_text(st, ":chart", chart);
    int rc = kc__table_from_stmt(db, st, summary);
    if (rc || !misses)
        return rc;
    char lim[32];
    snprintf(lim, sizeof lim, "%zu", max_misses);
    st = kc__prepare(db, kc__sql_query_verify_misses);
    kc__bind_text(st, ":chart", chart);
    kc__bind_text(st, ":limit", lim);
    rc = kc__table_from_stmt(db, st, misses);
    if (rc) {
        kc_table_free(*summary);
        *summary = NULL;
    }
    return rc;
}

int kc_query_charts(kc_db *db, kc_table **out)
{
    return kc__table_from_stmt(db, charts_stmt(db, NULL), out);
}
