/*
 * certs.c: certifications, as rules with effective dates, and the day each
 * award is reached by what is stored.
 *
 * A rule (table cert_rule, seeded from data/certs.csv) says that a
 * certifier (Circle, RIAA, ...) gives an award (platinum, million, ...)
 * when a total of one metric reaches a threshold while the rule is in
 * force: album sales of a provider (the sale table), Billboard-style
 * equivalent album units (album_week under the unit ratios of each week),
 * or a song's downloads or streams (the totals of a series source). The
 * awards reached are computed when asked, into the temporary table
 * cert_reached, and never stored: the same store gives the same awards,
 * before and after `kchart rebuild`. Not a store of awards granted: the
 * day an award is reached is what the stored counts say, not the day a
 * certifier announced it.
 */
#include "derive/derive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char kc__certs_csv[];
extern const size_t kc__certs_csv_len;

#define NAME_MAX_BYTES 64 /* a certifier's or an award's name */
#define SOURCE_MAX_BYTES 512

static const char *const cols[] = {"certifier", "award", "metric",   "threshold",
                                   "since",     "until", "provider", "source"};
#define NCOLS 8

/* ---- rules ------------------------------------------------------------- */

/* A name: 1 to max bytes, no control characters; 0 when it is one. */
static int name_bad(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return 1;
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7F)
            return 1;
    return 0;
}

/* Whether a provider fits a metric: a sale provider for albums, luminate
 * for units, a series source of that kind for downloads and streams. */
static int provider_fits(kc_db *db, const char *metric, const char *provider, bool *fits)
{
    *fits = false;
    if (!strcmp(metric, "units")) {
        *fits = !strcmp(provider, "luminate");
        return KC_OK;
    }
    sqlite3_stmt *st = kc__stmt(
        db, "SELECT 1 FROM sale_provider WHERE ?1 = 'albums' AND id = ?2"
            " UNION ALL SELECT 1 FROM series_source WHERE kind = ?1 AND id = ?2");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, metric, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, provider, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    *fits = step == SQLITE_ROW;
    sqlite3_reset(st);
    return step == SQLITE_ROW || step == SQLITE_DONE
               ? KC_OK
               : kc__sqlfail(db, "certification rules");
}

/* Stores the rows of a rules CSV (data/certs.csv's columns); a row replaces
 * the stored one of the same certifier, award, metric and since. */
static int load_rules(kc_db *db, const char *path, const char *buf, size_t len)
{
    kc__csv r;
    int rc = KC_OK;
    size_t head = 0, rows = 0;
    kc__csv_init(&r, path, buf, len);
    if (kc__utf8_check(buf, len) != len) {
        kc__csv_free(&r);
        return kc__fail(db, KC_EINPUT, "%s:1:1: not UTF-8", path);
    }
    sqlite3_stmt *ins = kc__prepare(
        db, "INSERT OR REPLACE INTO cert_rule (certifier, award, metric, threshold,"
            " since, until, provider, source) VALUES (?,?,?,?,?,?,?,?)");
    if (!ins)
        rc = KC_ESTORE;
    bool row;
    while (!rc && !(rc = kc__rules_next(db, &r, cols, NCOLS, NCOLS, &head, &row)) &&
           row) {
        int line = (int)r.rec_line;
#define F(i) kc__csv_field(&r, i)
#define COL(i) ((int)r.col[i])
        const char *metric = F(2);
        int64_t since, until = 0;
        uint64_t threshold;
        bool has_until = kc__csv_len(&r, 5) > 0, fits = false;
        if (name_bad(F(0), NAME_MAX_BYTES) || name_bad(F(1), NAME_MAX_BYTES))
            rc = kc__fail(db, KC_EINPUT,
                          "%s:%d:%d: %s must be 1 to %d bytes without control characters",
                          path, line, COL(name_bad(F(0), NAME_MAX_BYTES) ? 0 : 1),
                          name_bad(F(0), NAME_MAX_BYTES) ? "certifier" : "award",
                          NAME_MAX_BYTES);
        else if (strcmp(metric, "albums") && strcmp(metric, "units") &&
                 strcmp(metric, "downloads") && strcmp(metric, "streams"))
            rc = kc__fail(db, KC_EINPUT,
                          "%s:%d:%d: metric \"%s\" is not albums, units, downloads or "
                          "streams",
                          path, line, COL(2), metric);
        else if (!kc__parse_u64(F(3), kc__csv_len(&r, 3), 10000000000000ULL,
                                &threshold) ||
                 threshold == 0)
            rc = kc__fail(db, KC_EINPUT,
                          "%s:%d:%d: threshold \"%s\" is not a whole number from 1", path,
                          line, COL(3), F(3));
        else if (!kc__parse_date(F(4), kc__csv_len(&r, 4), &since))
            rc =
                kc__fail(db, KC_EINPUT, "%s:%d:%d: since \"%s\" is not a date YYYY-MM-DD",
                         path, line, COL(4), F(4));
        else if (has_until && !kc__parse_date(F(5), kc__csv_len(&r, 5), &until))
            rc = kc__fail(db, KC_EINPUT,
                          "%s:%d:%d: until \"%s\" is not a date YYYY-MM-DD (or empty: "
                          "still in force)",
                          path, line, COL(5), F(5));
        else if (has_until && until <= since)
            rc = kc__fail(db, KC_EINPUT, "%s:%d:%d: until %s is not after since %s", path,
                          line, COL(5), F(5), F(4));
        else if (!(rc = provider_fits(db, metric, F(6), &fits)) && !fits)
            rc = kc__fail(db, KC_EINPUT,
                          "%s:%d:%d: provider \"%s\" does not count %s (%s)", path, line,
                          COL(6), F(6), metric,
                          !strcmp(metric, "albums") ? "a sales provider: hanteo, circle, "
                                                      "oricon, luminate or any"
                          : !strcmp(metric, "units") ? "units are luminate's"
                                                     : "a series source of that kind, "
                                                       "such as circle-streams");
        else if (kc__csv_len(&r, 7) > SOURCE_MAX_BYTES)
            rc = kc__fail(db, KC_EINPUT, "%s:%d:%d: source longer than %d bytes", path,
                          line, COL(7), SOURCE_MAX_BYTES);
        if (rc)
            break;
        rows++;
        /* The fields live until the next record, after the step. */
        for (int i = 0; i < NCOLS; i++)
            if (i == 3)
                sqlite3_bind_int64(ins, 4, (int64_t)threshold);
            else if (i == 5 && !has_until)
                sqlite3_bind_null(ins, 6);
            else
                sqlite3_bind_text(ins, i + 1, F(i), -1, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            rc = kc__sqlfail(db, "certification rules");
        sqlite3_reset(ins);
#undef F
#undef COL
    }
    if (!rc && !head)
        rc = kc__fail(db, KC_EINPUT, "%s:1:1: empty rules file", path);
    else if (!rc && !rows)
        rc = kc__fail(db, KC_EINPUT, "%s:%d:1: no rules after the header", path,
                      (int)r.line);
    sqlite3_finalize(ins);
    kc__csv_free(&r);
    return rc;
}

int kc__certs_seed(kc_db *db)
{
    return load_rules(db, "certs.csv (built in)", kc__certs_csv, kc__certs_csv_len);
}

int kc_certs_rules_load(kc_db *db, const char *path)
{
    return kc__load_data_file(db, path, load_rules);
}

int kc_query_cert_rules(kc_db *db, kc_table **out)
{
    return kc__table_from_sql(db,
                              "SELECT certifier, award, metric, threshold, since, until,"
                              " provider, source FROM cert_rule"
                              " ORDER BY certifier, metric, since, threshold",
                              NULL, 0, out);
}

/* ---- the awards reached ------------------------------------------------ */

/* Every award reached, into temp.cert_reached. The total of a release or a
 * song by a day is the largest count published by then: a cumulative
 * snapshot as it is, and the running sum of each kind of report (days,
 * weeks, months, years; every version, the provider's whole count): each
 * counts some of the sales made by that day, so the total is at least
 * that. Units are each week's under the ratios of its chart date, added up
 * to the last day of its tracking week (nine days before the chart date);
 * series totals as published, daily counts added up. An award is reached
 * on the first day its total is at or above the threshold of a rule of it
 * in force that day; album sales and units reach the same album award
 * (RIAA's gold counts albums until 2016-02-01, units from then), the
 * earlier day wins. A source's points are read subject by subject, through
 * the point key (subject, source): a store of millions of Spotify totals
 * costs a look-up per subject, not a scan, when no rule counts them. */
#define CERTS_SQL                                                                        \
    "INSERT INTO temp.cert_reached"                                                      \
    " WITH rule AS (SELECT certifier, award, metric, threshold, provider, since,"        \
    "  CAST(julianday(since) - 2440587.5 AS INTEGER) AS d0,"                             \
    "  coalesce(CAST(julianday(until) - 2440587.5 AS INTEGER), 9000000000) AS d1,"       \
    "  CASE metric WHEN 'units' THEN 'albums' ELSE metric END AS family FROM "           \
    "cert_rule),"                                                                        \
    " sp AS (SELECT provider, release_id, kind, last_day, sum(units) AS u FROM sale"     \
    "  WHERE country = '' AND provider IN (SELECT provider FROM rule"                    \
    "   WHERE metric = 'albums') GROUP BY provider, release_id, kind, period),"          \
    " st AS (SELECT provider, release_id AS rid, 0 AS sid, 'albums' AS metric,"          \
    "  last_day AS day, CASE kind WHEN 'cumulative' THEN u ELSE sum(u) OVER"             \
    "   (PARTITION BY provider, release_id, kind ORDER BY last_day"                      \
    "    ROWS UNBOUNDED PRECEDING) END AS t FROM sp),"                                   \
    " uw AS (SELECT w.release_id AS rid, w.chart_date - 9 AS day, w.sales + coalesce(("  \
    "  SELECT CASE WHEN r.tracks > 0 THEN w.track_sales * 1.0 / r.tracks ELSE 0 END"     \
    "   + CASE WHEN r.paid > 0 THEN w.paid_streams * 1.0 / r.paid ELSE 0 END"            \
    "   + CASE WHEN r.ad > 0 THEN (w.ad_streams + CASE WHEN r.video THEN"                \
    "    w.video_streams ELSE 0 END) * 1.0 / r.ad ELSE 0 END FROM unit_rule r"           \
    "   WHERE r.since <= date(w.chart_date * 86400, 'unixepoch')"                        \
    "   ORDER BY r.since DESC LIMIT 1), 0) AS u FROM album_week w"                       \
    "  WHERE EXISTS (SELECT 1 FROM rule WHERE metric = 'units')),"                       \
    " ut AS (SELECT 'luminate' AS provider, rid, 0 AS sid, 'units' AS metric, day,"      \
    "  sum(u) OVER (PARTITION BY rid ORDER BY day ROWS UNBOUNDED PRECEDING) AS t"        \
    "  FROM uw),"                                                                        \
    " pt AS (SELECT p.source AS provider, 0 AS rid, p.subject_id AS sid,"                \
    "  ss.kind AS metric, p.day AS day, CASE p.kind WHEN 'total' THEN p.value ELSE"      \
    "   sum(p.value) OVER (PARTITION BY p.subject_id, p.source, p.kind ORDER BY p.day"   \
    "    ROWS UNBOUNDED PRECEDING) END AS t"                                             \
    "  FROM (SELECT DISTINCT provider FROM rule WHERE metric IN"                         \
    "   ('downloads', 'streams')) rp JOIN series_source ss ON ss.id = rp.provider"       \
    "  CROSS JOIN subject sb CROSS JOIN point p"                                         \
    "  WHERE p.subject_id = sb.id AND p.source = rp.provider),"                          \
    " allt AS (SELECT * FROM st UNION ALL SELECT * FROM ut UNION ALL SELECT * FROM pt)," \
    " run AS (SELECT provider, rid, sid, metric, day, max(t) OVER (PARTITION BY"         \
    "  provider, rid, sid, metric ORDER BY day RANGE UNBOUNDED PRECEDING) AS total"      \
    "  FROM allt),"                                                                      \
    " hit AS (SELECT r.certifier AS certifier, r.award AS award, r.family AS family,"    \
    "  r.metric AS metric, r.threshold AS threshold, r.provider AS provider,"            \
    "  r.since AS since, x.rid AS rid, x.sid AS sid, min(x.day) AS day,"                 \
    "  x.total AS total FROM rule r JOIN run x ON x.provider = r.provider"               \
    "  AND x.metric = r.metric AND x.total >= r.threshold AND x.day >= r.d0"             \
    "  AND x.day < r.d1 GROUP BY r.certifier, r.award, r.metric, r.since, x.rid, "       \
    "x.sid),"                                                                            \
    " best AS (SELECT *, row_number() OVER (PARTITION BY certifier, award, family,"      \
    "  rid, sid ORDER BY day, metric, since) AS n FROM hit)"                             \
    " SELECT b.certifier, b.award, b.metric, b.threshold, b.provider, b.since,"          \
    "  nullif(b.rid, 0), nullif(b.sid, 0), coalesce(rel.title, sb.title),"               \
    "  coalesce(a.name, sb.credit, ''), b.day, CAST(round(b.total) AS INTEGER)"          \
    " FROM best b LEFT JOIN release rel ON b.rid <> 0 AND rel.id = b.rid"                \
    " LEFT JOIN artist a ON a.id = rel.artist_id"                                        \
    " LEFT JOIN subject sb ON b.sid <> 0 AND sb.id = b.sid WHERE b.n = 1"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
int kc__certs_fill(kc_db *db)
{
    int rc = kc__exec(db, "DELETE FROM temp.cert_reached");
    if (!rc)
        rc = kc__exec(db, CERTS_SQL);
    return rc;
}
#pragma GCC diagnostic pop

int kc_query_certs(kc_db *db, const char *release, const char *artist, kc_table **out)
{
    *out = NULL;
    int64_t id = 0;
    int rc = KC_OK;
    if (release && (rc = kc__release_find(db, release, artist ? artist : "", &id)))
        return rc;
    if (release && !id) {
        char near[700];
        kc__release_suggest(db, release, near, sizeof near);
        return kc__fail(db, KC_ENOTFOUND, "no release \"%s\"%s", release, near);
    }
    if ((rc = kc__certs_fill(db)))
        return rc;
    char rid[24];
    snprintf(rid, sizeof rid, "%lld", (long long)id);
    const char *binds[1] = {rid};
    /* A release's own awards and those of its songs (the catalog's tracks,
     * through their song entities). */
    return kc__table_from_sql(
        db,
        "SELECT date(c.day * 86400, 'unixepoch') AS reached, c.certifier AS certifier,"
        " c.award AS award, c.metric AS metric, c.threshold AS threshold,"
        " c.title AS title, c.artist AS artist, c.total AS total,"
        " c.provider AS counted, c.rule AS rule_since"
        " FROM temp.cert_reached c"
        " WHERE CAST(?1 AS INTEGER) = 0 OR c.release_id = CAST(?1 AS INTEGER) OR "
        "c.subject_id IN ("
        "  SELECT sb.id FROM release_song rs JOIN catalog_song cs"
        "  ON cs.id = rs.catalog_song_id JOIN subject sb ON sb.song_id = cs.song_id"
        "  WHERE rs.release_id = CAST(?1 AS INTEGER))"
        " ORDER BY c.day, c.certifier, c.metric, c.threshold, c.title",
        binds, 1, out);
}
