/*
 * query.c: the read side. Every query returns a kc_table of strings, so the
 * CLI (and later the server) print tables, CSV or JSON from one shape.
 *
 * Queries only read. Not a formatter: cli/output.c prints.
 */
#include "query/query.h"

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

/* The registry's charts, each with what is stored of it. */
#define CHARTS_SQL                                                                       \
    "SELECT c.id AS id, c.provider AS provider, c.name AS name, c.region AS region,"     \
    " c.cadence AS cadence, c.timezone AS timezone, c.size AS size,"                     \
    " c.published AS published,"                                                         \
    " (SELECT count(*) FROM snapshot s WHERE s.chart_id = c.id) AS periods_stored,"      \
    " (SELECT max(period) FROM snapshot s WHERE s.chart_id = c.id) AS latest"            \
    " FROM chart c"

/* Observations joined to their derived entries. */
#define ENTRY_JOIN                                                                       \
    " FROM entry e JOIN snapshot s ON s.id = e.snapshot_id"                              \
    " JOIN observation o ON o.snapshot_id = s.id AND o.rank = e.rank"

/* The period of chart to show: period when given (checked against the
 * chart's cadence), else the latest stored ("" when none) into shown (32
 * bytes). */
static int period_shown(kc_db *db, const char *chart, const char *period, char *shown)
{
    char cadence[16];
    int size;
    int rc = kc__chart_lookup(db, chart, cadence, &size);
    if (rc)
        return rc;
    if (period && !kc__period_valid(cadence, period))
        return kc__fail(db, KC_EINPUT, "\"%.40s\" is not a period of a %s chart", period,
                        cadence);
    shown[0] = '\0';
    if (period) {
        snprintf(shown, 32, "%s", period);
        return KC_OK;
    }
    sqlite3_stmt *st =
        kc__prepare(db, "SELECT max(period) FROM snapshot WHERE chart_id = ?");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, chart, -1, SQLITE_STATIC);
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
    int rc = period_shown(db, chart, period, shown);
    if (rc)
        return rc;
    snprintf(lim, sizeof lim, "%zu", limit ? limit : (size_t)1000000);
    const char *binds[] = {chart, shown, lim};
    rc = kc__table_from_sql(
        db,
        "SELECT e.rank AS rank, o.title AS title, o.artist AS artist,"
        " e.last AS last, e.peak AS peak, e.periods AS periods,"
        " e.status AS move, e.song_id AS song_id" ENTRY_JOIN
        " WHERE s.chart_id = ?1 AND s.period = ?2 ORDER BY e.rank LIMIT ?3",
        binds, 3, out);
    if (rc)
        return rc;
    if (!(*out)->nrows) {
        kc_table_free(*out);
        *out = NULL;
        return no_chart_for(db, chart, shown);
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
    int rc = period_shown(db, chart, period, at->period);
    if (rc)
        return rc;
    /* The page's rows and, in the same read, the count of the period's and
     * its neighbours. */
    sqlite3_stmt *st = kc__prepare(
        db, "SELECT (SELECT count(*) FROM snapshot s JOIN entry e ON e.snapshot_id = s.id"
            "  WHERE s.chart_id = ?1 AND s.period = ?2),"
            " (SELECT max(period) FROM snapshot WHERE chart_id = ?1 AND period < ?2),"
            " (SELECT min(period) FROM snapshot WHERE chart_id = ?1 AND period > ?2)");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, chart, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, at->period, -1, SQLITE_STATIC);
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
    const char *binds[] = {chart, at->period, lim, off};
    return kc__table_from_sql(
        db,
        "SELECT e.rank AS rank, o.title AS title, o.artist AS artist,"
        " e.last AS last, e.peak AS peak, e.periods AS periods,"
        " e.status AS move, e.song_id AS song_id,"
        " e.last - e.rank AS change" ENTRY_JOIN
        " WHERE s.chart_id = ?1 AND s.period = ?2 ORDER BY e.rank LIMIT ?3 OFFSET ?4",
        binds, 4, out);
}

int kc_query_chart_info(kc_db *db, const char *chart, kc_table **out)
{
    *out = NULL;
    const char *binds[] = {chart};
    int rc = kc__table_from_sql(db, CHARTS_SQL " WHERE c.id = ?1", binds, 1, out);
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
    const char *binds[] = {chart};
    return kc__table_from_sql(
        db,
        "SELECT s.period AS period, e.rank AS rank, e.song_id AS song_id,"
        " o.title AS title, o.artist AS artist, e.last AS last, e.peak AS peak,"
        " e.periods AS periods, o.p_last AS provider_last,"
        " o.p_peak AS provider_peak, o.p_periods AS provider_periods" ENTRY_JOIN
        " WHERE s.chart_id = ?1 ORDER BY s.period, e.rank",
        binds, 1, out);
}

int kc_query_top(kc_db *db, const char *chart, const char *by, size_t limit,
                 kc_table **out)
{
    kc_page page = {limit, 0, 0};
    return kc_query_leaderboard(db, chart, by, &page, out);
}

/* The count of sql's single row into page->total. */
static int count_into(kc_db *db, const char *sql, const char *const *binds, size_t nbind,
                      kc_page *page)
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    if (!st)
        return KC_ESTORE;
    for (size_t i = 0; i < nbind; i++)
        if (binds[i])
            sqlite3_bind_text(st, (int)i + 1, binds[i], -1, SQLITE_STATIC);
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
        {"periods", "periods DESC, peak, debut, song_id"},
        {"peak", "peak, at_peak DESC, periods DESC, debut, song_id"},
        {"streak", "longest_streak DESC, peak, debut, song_id"},
        {"no1", "no1 DESC, periods DESC, debut, song_id"},
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
    const char *only = !strcmp(by, "no1") ? " AND r.periods_at_no1 > 0" : "";
    char sql[2048], lim[32], off[32];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM run r WHERE r.chart_id = ?1%s", only);
    const char *binds[] = {chart, lim, off};
    if ((rc = count_into(db, sql, binds, 1, page)))
        return rc;
    /* The page is cut from the runs alone, then numbered and joined to its
     * songs: a window over the whole chart would sort it twice. */
    snprintf(sql, sizeof sql,
             "SELECT ?3 + row_number() OVER (ORDER BY %s) AS pos, p.song_id AS song_id,"
             " s.title AS title, s.artist AS artist, periods, peak, at_peak,"
             " longest_streak, no1, debut, last_period FROM"
             " (SELECT r.song_id AS song_id, r.periods AS periods, r.peak AS peak,"
             "  r.periods_at_peak AS at_peak, r.longest_streak AS longest_streak,"
             "  r.periods_at_no1 AS no1, r.debut_period AS debut,"
             "  r.last_period AS last_period FROM run r WHERE r.chart_id = ?1%s"
             "  ORDER BY %s LIMIT ?2 OFFSET ?3) p JOIN song s ON s.id = p.song_id"
             " ORDER BY %s",
             order, only, order, order);
    page_binds(page, lim, off);
    rc = kc__table_from_sql(db, sql, binds, 3, out);
    if (!rc)
        rc = set_title(db, out, "%s: top by %s", chart, by);
    return rc;
}

/* ---- the server's reads: one song, its history, periods ---------------- */

int kc_query_song_by_id(kc_db *db, int64_t id, kc_table **song, kc_table **runs)
{
    char sid[32];
    snprintf(sid, sizeof sid, "%lld", (long long)id);
    const char *binds[] = {sid};
    *runs = NULL;
    int rc = kc__table_from_sql(
        db, "SELECT id, title, artist FROM song WHERE id = CAST(?1 AS INTEGER)", binds, 1,
        song);
    if (rc)
        return rc;
    if (!(*song)->nrows) {
        kc_table_free(*song);
        *song = NULL;
        return kc__fail(db, KC_ENOTFOUND, "no song %s", sid);
    }
    rc = kc__table_from_sql(
        db,
        "SELECT r.chart_id AS chart, c.name AS chart_name, c.provider AS provider,"
        " c.cadence AS cadence, r.debut_period AS debut,"
        " r.debut_rank AS debut_rank, r.peak AS peak, r.peak_period AS peak_period,"
        " r.periods_at_peak AS at_peak, r.periods AS periods,"
        " r.longest_streak AS longest_streak, r.streak AS streak,"
        " r.periods_at_no1 AS no1, r.reentries AS reentries,"
        " r.last_period AS last_period, r.last_rank AS last_rank"
        " FROM run r JOIN chart c ON c.id = r.chart_id"
        " WHERE r.song_id = CAST(?1 AS INTEGER) ORDER BY r.debut_period, r.chart_id",
        binds, 1, runs);
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
    const char *binds[] = {sid};
    /* No index on entry(song_id) (store.c says why): the song's runs bound
     * the periods to look at, and each snapshot is a short range scan. */
    return kc__table_from_sql(
        db,
        "SELECT r.chart_id AS chart, s.period AS period, e.rank AS rank"
        " FROM run r JOIN snapshot s ON s.chart_id = r.chart_id"
        "  AND s.period BETWEEN r.debut_period AND r.last_period"
        " JOIN entry e ON e.snapshot_id = s.id AND e.song_id = r.song_id"
        " WHERE r.song_id = CAST(?1 AS INTEGER) ORDER BY r.chart_id, s.period",
        binds, 1, out);
}

int kc_query_periods(kc_db *db, const char *chart, kc_page *page, kc_table **out)
{
    int rc = need_chart(db, chart);
    if (rc)
        return rc;
    char lim[32], off[32];
    const char *binds[] = {chart, lim, off};
    if ((rc = count_into(db, "SELECT count(*) FROM snapshot WHERE chart_id = ?1", binds,
                         1, page)))
        return rc;
    page_binds(page, lim, off);
    return kc__table_from_sql(db,
                              "SELECT period FROM snapshot WHERE chart_id = ?1"
                              " ORDER BY period DESC LIMIT ?2 OFFSET ?3",
                              binds, 3, out);
}

/* Songs whose credit (the matching form after '|' in song.match) holds every
 * word of name; select reads them from the CTE `hit` (id). */
static int credit_query(kc_db *db, const char *name, const char *select,
                        const char *const *extra, size_t nextra, kc_table **out)
{
    char *words[KC_QUERY_WORDS_MAX];
    int nw = kc__like_words(db, name, words);
    if (nw < 0)
        return -nw;
    const char *binds[KC_QUERY_WORDS_MAX + 4];
    char sql[2048], where[768] = "0"; /* no word: no song */
    size_t w = 0;
    for (size_t i = 0; i < nextra; i++)
        binds[i] = extra[i];
    int rc = KC_OK;
    for (int i = 0; i < nw && !rc; i++) {
        binds[nextra + (size_t)i] = words[i];
        int n = snprintf(where + w, sizeof where - w,
                         "%s (' ' || substr(match, instr(match, '|') + 1) || ' ')"
                         " LIKE ?%zu",
                         i ? " AND" : "", nextra + (size_t)i + 1);
        if (n < 0 || (size_t)n >= sizeof where - w)
            rc = kc__fail(db, KC_EINPUT, "the name is too long");
        else
            w += (size_t)n;
    }
    int len = snprintf(sql, sizeof sql, "WITH hit AS (SELECT id FROM song WHERE %s) %s",
                       where, select);
    if (!rc && (len < 0 || (size_t)len >= sizeof sql))
        rc = kc__fail(db, KC_EINPUT, "the name is too long");
    if (!rc)
        rc = kc__table_from_sql(db, sql, binds, nextra + (size_t)nw, out);
    for (int i = 0; i < nw; i++)
        free(words[i]);
    return rc;
}

#define SONG_SUMMARY                                                                     \
    " SELECT s.id AS id, s.title AS title, s.artist AS artist,"                          \
    " count(r.chart_id) AS charts, min(r.peak) AS best_peak,"                            \
    " sum(r.periods) AS periods, min(r.debut_period) AS debut"                           \
    " FROM hit JOIN song s ON s.id = hit.id LEFT JOIN run r ON r.song_id = s.id"         \
    " GROUP BY s.id"

int kc_query_artist(kc_db *db, const char *name, kc_page *page, kc_table **out)
{
    char lim[32], off[32];
    page_binds(page, lim, off);
    const char *extra[] = {lim, off};
    kc_table *count = NULL;
    int rc = credit_query(db, name, "SELECT count(*) FROM hit", NULL, 0, &count);
    if (rc)
        return rc;
    page->total = (size_t)strtoull(kc_table_cell(count, 0, 0), NULL, 10);
    kc_table_free(count);
    if (!page->total)
        return kc__fail(db, KC_ENOTFOUND, "no song is credited to \"%s\"", name);
    return credit_query(db, name, SONG_SUMMARY " ORDER BY debut, s.id LIMIT ?1 OFFSET ?2",
                        extra, 2, out);
}

int kc_query_search(kc_db *db, const char *query, size_t limit, kc_table **songs,
                    kc_table **artists)
{
    *artists = NULL;
    /* Every match is ranked (best peak first), then the first `limit` kept:
     * a limit on the matches themselves would keep the oldest songs. */
    char select[512];
    snprintf(select, sizeof select,
             SONG_SUMMARY " ORDER BY best_peak IS NULL, best_peak, periods DESC, s.id"
                          " LIMIT %zu",
             limit ? limit : (size_t)20);
    int rc = kc__song_query(db, query, 0, select, songs);
    if (rc == KC_ENOTFOUND) {
        /* No song: an empty list, not an error. */
        rc = kc__table_from_sql(db, "SELECT 1 AS id WHERE 0", NULL, 0, songs);
    }
    if (rc)
        return rc;
    char lim[32];
    snprintf(lim, sizeof lim, "%zu", limit ? limit : (size_t)20);
    const char *extra[] = {lim};
    rc = credit_query(db, query,
                      "SELECT s.artist AS name, count(*) AS songs FROM hit"
                      " JOIN song s ON s.id = hit.id GROUP BY s.artist"
                      " ORDER BY songs DESC, name LIMIT ?1",
                      extra, 1, artists);
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
    const char *binds[] = {chart};
    int rc = kc__table_from_sql(
        db,
        "WITH c AS (SELECT s.chart_id AS chart, e.seeded AS seeded,"
        "   (e.last IS o.p_last) AS last_ok, (e.peak = o.p_peak) AS peak_ok,"
        "   (e.periods = o.p_periods) AS periods_ok,"
        "   o.p_peak IS NOT NULL AS has_peak, o.p_periods IS NOT NULL AS "
        "has_periods" ENTRY_JOIN
        " WHERE s.has_counters AND (?1 IS NULL OR s.chart_id = ?1)),"
        " f AS (SELECT chart, 'last' AS field, count(*) AS n, sum(last_ok) AS eq,"
        "   sum(seeded) AS seeded FROM c GROUP BY chart"
        "   UNION ALL SELECT chart, 'peak', sum(has_peak), sum(peak_ok), sum(seeded)"
        "   FROM c GROUP BY chart"
        "   UNION ALL SELECT chart, 'periods', sum(has_periods), sum(periods_ok),"
        "   sum(seeded) FROM c GROUP BY chart)"
        " SELECT chart, field, n AS entries, eq AS equal, n - eq AS differ,"
        " printf('%.4f', 100.0 * eq / n) AS percent, seeded"
        " FROM f WHERE n > 0 ORDER BY chart, CASE field WHEN 'last' THEN 0"
        " WHEN 'peak' THEN 1 ELSE 2 END",
        binds, 1, summary);
    if (rc || !misses)
        return rc;
    char lim[32];
    snprintf(lim, sizeof lim, "%zu", max_misses);
    const char *mb[] = {chart, lim};
    rc = kc__table_from_sql(
        db,
        "SELECT s.chart_id AS chart, s.period AS period, e.rank AS rank,"
        " o.title AS title, o.artist AS artist,"
        " e.last AS last, o.p_last AS provider_last,"
        " e.peak AS peak, o.p_peak AS provider_peak,"
        " e.periods AS periods, o.p_periods AS provider_periods" ENTRY_JOIN
        " WHERE s.has_counters AND (?1 IS NULL OR s.chart_id = ?1) AND"
        " (e.last IS NOT o.p_last OR e.peak <> o.p_peak"
        "  OR e.periods <> o.p_periods)"
        " ORDER BY s.chart_id, s.period, e.rank LIMIT ?2",
        mb, 2, misses);
    if (rc) {
        kc_table_free(*summary);
        *summary = NULL;
    }
    return rc;
}

int kc_query_charts(kc_db *db, kc_table **out)
{
    return kc__table_from_sql(db, CHARTS_SQL " ORDER BY c.id", NULL, 0, out);
}
