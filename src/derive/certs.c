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

#include <sql/derive_sql.h>
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
    sqlite3_stmt *st = kc__stmt(db, kc__sql_certs_provider_fits);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":metric", metric);
    kc__bind_text(st, ":provider", provider);
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
    sqlite3_stmt *ins = kc__prepare(db, kc__sql_certs_rule_put);
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
        kc__bind_text(ins, ":certifier", F(0));
        kc__bind_text(ins, ":award", F(1));
        kc__bind_text(ins, ":metric", F(2));
        kc__bind_int64(ins, ":threshold", (int64_t)threshold);
        kc__bind_text(ins, ":since", F(4));
        kc__bind_text(ins, ":until", has_until ? F(5) : NULL);
        kc__bind_text(ins, ":provider", F(6));
        kc__bind_text(ins, ":source", F(7));
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
    return kc__table_from_sql(db, kc__sql_certs_rules, NULL, 0, out);
}

/* ---- the awards reached ------------------------------------------------ */

/* Every award reached, into temp.cert_reached (sql/certs-fill.sql says how
 * each total is counted). */
int kc__certs_fill(kc_db *db)
{
    int rc = kc__exec(db, kc__sql_certs_clear);
    if (!rc)
        rc = kc__exec(db, kc__sql_certs_fill);
    return rc;
}

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
    sqlite3_stmt *st = kc__prepare(db, kc__sql_certs_query);
    kc__bind_text(st, ":release", rid);
    return kc__table_from_stmt(db, st, out);
}
