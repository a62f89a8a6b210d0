/*
 * units.c: Billboard-style equivalent album units: the ratios by chart date
 * (unit_rule: data/units.csv built in, or a file loaded) and a week's units
 * chart computed from the weekly inputs under the ratio in force (album
 * sales + track sales / tracks + paid / paid + ad / ad, video streams
 * counted from 2020-01-18). Computed when asked; ingest/sales.c reads the
 * inputs and hands the units chart to ingest as snapshots of
 * billboard-200-units so that runs apply to it as to any chart. Not the
 * sales windows (sales.c).
 */
#include "derive/derive.h"

#include <sql/derive_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char kc__units_csv[];
extern const size_t kc__units_csv_len;

/* ---- unit rules -------------------------------------------------------- */

static const char *const rule_cols[] = {"since", "tracks", "paid",
                                        "ad",    "video",  "source"};
#define RULE_NCOLS 6
/* The parameters of the ratios, columns 1 to 4. */
static const char *const ratio_params[] = {":tracks", ":paid", ":ad", ":video"};

/* Stores the rows of a rules CSV (data/units.csv's columns); a row replaces
 * the stored one of the same date. */
int kc__units_rules_store(kc_db *db, const char *path, const char *buf, size_t len)
{
    kc__csv r;
    int rc = KC_OK;
    size_t head = 0, rows = 0;
    kc__csv_init(&r, path, buf, len);
    sqlite3_stmt *ins = kc__prepare(db, kc__sql_sales_unit_rule_put);
    if (!ins)
        rc = KC_ESTORE;
    bool row;
    while (
        !rc &&
        !(rc = kc__rules_next(db, &r, rule_cols, RULE_NCOLS, RULE_NCOLS, &head, &row)) &&
        row) {
        int line = (int)r.rec_line;
        int64_t since;
        uint64_t v[4];
        if (!kc__parse_date(kc__csv_field(&r, 0), kc__csv_len(&r, 0), &since) ||
            kc__weekday(since) != 6) {
            rc = kc__fail(db, KC_EINPUT,
                          "%s:%d:%d: since must be a chart date YYYY-MM-DD (a Saturday)",
                          path, line, (int)r.col[0]);
            break;
        }
        for (size_t i = 1; i <= 4 && !rc; i++)
            if (!kc__parse_u64(kc__csv_field(&r, i), kc__csv_len(&r, i),
                               i == 4 ? 1 : 1000000000, &v[i - 1]))
                rc = kc__fail(db, KC_EINPUT, "%s:%d:%d: %s must be %s", path, line,
                              (int)r.col[i], rule_cols[i],
                              i == 4 ? "0 or 1" : "a whole number (0: not counted)");
        if (rc)
            break;
        rows++;
        kc__bind_text(ins, ":since", kc__csv_field(&r, 0));
        for (int i = 0; i < 4; i++) /* :tracks, :paid, :ad, :video */
            kc__bind_int64(ins, ratio_params[i], (int64_t)v[i]);
        kc__bind_text(ins, ":source", kc__csv_field(&r, 5));
        if (sqlite3_step(ins) != SQLITE_DONE)
            rc = kc__sqlfail(db, "unit rules");
        sqlite3_reset(ins);
    }
    if (!rc && !rows)
        rc = kc__fail(db, KC_EINPUT, "%s:1:1: no rules", path);
    sqlite3_finalize(ins);
    kc__csv_free(&r);
    return rc;
}

int kc__units_seed(kc_db *db)
{
    return kc__units_rules_store(db, "units.csv (built in)", kc__units_csv,
                                 kc__units_csv_len);
}

int kc_query_unit_rules(kc_db *db, kc_table **out)
{
    return kc__table_from_sql(db, kc__sql_sales_unit_rules, NULL, 0, out);
}

/* ---- the units chart --------------------------------------------------- */

int kc_query_units(kc_db *db, const char *week, size_t limit, kc_table **out)
{
    *out = NULL;
    int64_t day;
    if (!week || strlen(week) != 10 || !kc__parse_date(week, 10, &day))
        return kc__fail(db, KC_EUSAGE, "week \"%s\" is not a date YYYY-MM-DD",
                        week ? week : "");
    /* Any day of a tracking week (Friday-Thursday) or the chart date (the
     * Saturday nine days after it ends) names the chart. */
    int wd = kc__weekday(day);
    int64_t chart = wd == 6 ? day : day - ((wd + 2) % 7) + 15;
    char d[24], l[24];
    snprintf(d, sizeof d, "%lld", (long long)chart);
    snprintf(l, sizeof l, "%zu", limit ? limit : (size_t)-1 / 2);
    const char *binds[2] = {d, l};
    /* Composed from KC__UNITS_SQL, not an SQL file: ingest's units chart
     * splices it too, and the formula is written once (derive.h). */
    int rc = kc__table_from_sql(
        db,
        KC__UNITS_SQL
        " SELECT " KC__UNITS_RANK " AS rank,"
        " title AS release, artist,"
        " CAST(round(sales + tea + sea) AS INTEGER) AS units, sales,"
        " CAST(round(tea) AS INTEGER) AS tea, CAST(round(sea) AS INTEGER) AS sea,"
        " track_sales, paid_streams, ad_streams, video_streams,"
        " date(?1 * 86400, 'unixepoch') AS chart_date,"
        " date((?1 - 15) * 86400, 'unixepoch') || '..' ||"
        " date((?1 - 9) * 86400, 'unixepoch') AS tracking, rule"
        " FROM u ORDER BY rank, release LIMIT ?2",
        binds, 2, out);
    if (!rc && !(*out)->nrows) {
        kc_table_free(*out);
        *out = NULL;
        char date[16];
        kc__format_date(chart, date);
        rc = kc__fail(db, KC_ENOTFOUND, "no album units for the chart dated %s", date);
    }
    return rc;
}
