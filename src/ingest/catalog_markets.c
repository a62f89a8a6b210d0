/*
 * catalog_markets.c: the market rules: how an artist's market (k-pop,
 * j-pop ...) follows from its MusicBrainz genres or its area.
 *
 * The rules are input the user owns: `kchart catalog markets FILE` replaces
 * them with a CSV file (field,value,market, in order), whole or not at all,
 * and `kchart catalog markets` prints them. A store starts with built-in
 * rules (sql/catalog-mb-markets-seed.sql), and a file without rules brings
 * them back. A new set of rules gives their market to the artists whose
 * market came from the old ones, each change reported; a market the
 * catalog wrote, which the old rules did not give, stays. Not where the
 * rules are applied on import: catalog_mb.c does that.
 */
#include "ingest/ingest.h"

#include <sql/ingest_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int64_t id;
    char *name, *market; /* owned */
} ruled;

static int rules_csv(kc_db *db, char **out);

static void ruled_free(ruled *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].name);
        free(r[i].market);
    }
    free(r);
}

/* The artists whose market the rules decide (catalog-markets-ruled.sql). */
static int ruled_artists(kc_db *db, ruled **out, size_t *n)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_catalog_markets_ruled);
    if (!st)
        return KC_ESTORE;
    ruled *list = NULL;
    size_t cap = 0;
    int step, rc = KC_OK;
    *n = 0;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            ruled *grown = realloc(list, cap * sizeof *list);
            if (!grown) {
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
                break;
            }
            list = grown;
        }
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *market = (const char *)sqlite3_column_text(st, 2);
        ruled *r = &list[(*n)++];
        r->id = sqlite3_column_int64(st, 0);
        r->name = name ? kc__strdup(name) : NULL;
        r->market = market ? kc__strdup(market) : NULL;
        if (!r->name || (market && !r->market))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "artists");
    sqlite3_reset(st);
    if (rc) {
        ruled_free(list, *n);
        *n = 0;
        return rc;
    }
    *out = list;
    return KC_OK;
}

#define BAD(...)                                                                         \
    do {                                                                                 \
        rc = kc__fail(db, KC_EINPUT, __VA_ARGS__);                                       \
        goto done;                                                                       \
    } while (0)

int kc__markets_seed(kc_db *db)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_catalog_mb_markets_seed);
    return st ? kc__step_done(db, st, "market rules") : KC_ESTORE;
}

/* Reads the rules of buf into market_rule (cleared first). */
static int read_rules(kc_db *db, const char *path, const char *buf, size_t len)
{
    kc__csv r;
    char err[KC_ERRMSG_MAX];
    int rc = KC_OK, got, pos = 0;
    kc__csv_init(&r, path, buf, len);
    sqlite3_stmt *st = kc__stmt(db, kc__sql_catalog_markets_clear);
    if (!st || (rc = kc__step_done(db, st, "market rules")))
        goto done;
    got = kc__csv_next(&r, err, sizeof err);
    if (got < 0)
        BAD("%s", err);
    if (got == 0 || r.nfields != 3 || strcmp(kc__csv_field(&r, 0), "field") ||
        strcmp(kc__csv_field(&r, 1), "value") || strcmp(kc__csv_field(&r, 2), "market"))
        BAD("%s:1:1: the header must be field,value,market", path);
    while ((got = kc__csv_next(&r, err, sizeof err)) == 1) {
        int line = r.rec_line;
        if (r.nfields != 3)
            BAD("%s:%d:1: expected 3 fields, found %zu", path, line, r.nfields);
        const char *field = kc__csv_field(&r, 0);
        if (strcmp(field, "genre") && strcmp(field, "area"))
            BAD("%s:%d:%d: field must be genre or area, not \"%s\"", path, line,
                (int)r.col[0], field);
        for (size_t i = 1; i < 3; i++)
            if (!kc__csv_len(&r, i))
                BAD("%s:%d:%d: %s is empty", path, line, (int)r.col[i],
                    i == 1 ? "value" : "market");
        if (!(st = kc__stmt(db, kc__sql_catalog_markets_put))) {
            rc = KC_ESTORE;
            goto done;
        }
        kc__bind_int64(st, ":pos", ++pos);
        kc__bind_text(st, ":field", field);
        kc__bind_text(st, ":value", kc__csv_field(&r, 1));
        kc__bind_text(st, ":market", kc__csv_field(&r, 2));
        if (sqlite3_step(st) == SQLITE_CONSTRAINT) {
            sqlite3_reset(st);
            BAD("%s:%d:%d: a rule for %s \"%s\" is already given", path, line,
                (int)r.col[1], field, kc__csv_field(&r, 1));
        }
        if (sqlite3_reset(st) != SQLITE_OK) {
            rc = kc__sqlfail(db, "market rule");
            goto done;
        }
    }
    if (got < 0)
        rc = r.nomem ? kc__fail(db, KC_ENOMEM, "out of memory")
                     : kc__fail(db, KC_EINPUT, "%s", err);
    else
        rc = kc__markets_seed(db);
done:
    kc__csv_free(&r);
    return rc;
}

/* Gives each artist of list the market the rules now give it. */
static int apply_rules(kc_db *db, const ruled *list, size_t n,
                       const kc_catalog_opts *opts)
{
    int rc = KC_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        sqlite3_stmt *st = kc__stmt(db, kc__sql_catalog_mb_market_of);
        if (!st)
            return KC_ESTORE;
        kc__bind_int64(st, ":artist", list[i].id);
        char *market = NULL;
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW && sqlite3_column_text(st, 0) &&
            !(market = kc__strdup((const char *)sqlite3_column_text(st, 0))))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        else if (step != SQLITE_ROW && step != SQLITE_DONE)
            rc = kc__sqlfail(db, "market rules");
        sqlite3_reset(st);
        bool same = (!market && !list[i].market) ||
                    (market && list[i].market && !strcmp(market, list[i].market));
        if (!rc && !same) {
            if (!(st = kc__stmt(db, kc__sql_catalog_mb_market_set)))
                rc = KC_ESTORE;
            else {
                kc__bind_int64(st, ":artist", list[i].id);
                kc__bind_text(st, ":market", market);
                rc = kc__step_done(db, st, "market");
            }
            if (!rc && opts && opts->on_warning) {
                char msg[KC_ERRMSG_MAX];
                snprintf(msg, sizeof msg,
                         "artist \"%s\": market %s -> %s (the new rules)", list[i].name,
                         list[i].market ? list[i].market : "(none)",
                         market ? market : "(none)");
                opts->on_warning(opts->warning_ctx, msg);
            }
        }
        free(market);
    }
    return rc;
}

int kc_catalog_markets_import(kc_db *db, const char *path, const kc_catalog_opts *opts,
                              kc_catalog_stats *stats)
{
    char *buf;
    size_t len;
    int rc = kc__read_file(db, path, &buf, &len);
    if (rc)
        return rc;
    if ((rc = kc__begin(db))) {
        free(buf);
        return rc;
    }
    ruled *list = NULL;
    size_t n = 0;
    char *old = NULL, *now = NULL;
    int64_t before = 0;
    rc = kc__markets_seed(db);
    if (!rc && !(rc = ruled_artists(db, &list, &n)) && !(rc = rules_csv(db, &old))) {
        before = kc__changes_own(db);
        if (!(rc = read_rules(db, path, buf, len)) && !(rc = rules_csv(db, &now))) {
            /* The same rules again change nothing, though rewritten. */
            if (!strcmp(old, now))
                before = kc__changes_own(db);
            rc = apply_rules(db, list, n, opts);
        }
    }
    ruled_free(list, n);
    free(old);
    free(now);
    /* Counted before kc__end, which may roll back: the rules' rows when
     * they changed, and the artists' markets. */
    size_t changes = (size_t)(kc__changes_own(db) - before);
    /* Noted after counting the changes: the note is no change of the
     * catalog. */
    if (!rc) {
        /* The cohorts of records and sales records follow the markets. */
        char digest[KC_DIGEST_HEX];
        kc__digest_hex(buf, len, digest);
        rc = kc__touched(db, "catalog", NULL, NULL, digest);
    }
    rc = kc__end(db, rc);
    if (!rc && stats) {
        stats->files++;
        stats->changes += changes;
    }
    free(buf);
    return rc;
}

/* Appends s to the CSV text out (quoted when it holds a comma, a quote or
 * a line break). */
static int csv_put(char **out, size_t *n, size_t *cap, const char *s, char end)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    size_t need = *n + 2 * strlen(s) + 4;
    if (need > *cap) {
        size_t grown = need * 2;
        char *b = realloc(*out, grown);
        if (!b)
            return KC_ENOMEM;
        *out = b;
        *cap = grown;
    }
    char *o = *out + *n;
    if (quote)
        *o++ = '"';
    for (; *s; s++) {
        if (*s == '"')
            *o++ = '"';
        *o++ = *s;
    }
    if (quote)
        *o++ = '"';
    *o++ = end;
    *o = '\0';
    *n = (size_t)(o - *out);
    return KC_OK;
}

/* The rules as CSV, with their header: *out owned, free(). */
static int rules_csv(kc_db *db, char **out)
{
    char *text = NULL;
    size_t n = 0, cap = 0;
    int rc = KC_OK, step = SQLITE_DONE;
    *out = NULL;
    if (csv_put(&text, &n, &cap, "field", ',') ||
        csv_put(&text, &n, &cap, "value", ',') ||
        csv_put(&text, &n, &cap, "market", '\n'))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    sqlite3_stmt *st = rc ? NULL : kc__stmt(db, kc__sql_catalog_markets_list);
    if (!rc && !st)
        rc = KC_ESTORE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        for (int i = 0; i < 3 && !rc; i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            if (csv_put(&text, &n, &cap, v ? v : "", i == 2 ? '\n' : ','))
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
        }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "market rules");
    if (st)
        sqlite3_reset(st);
    if (rc)
        free(text);
    else
        *out = text;
    return rc;
}

int kc_catalog_markets_export(kc_db *db, char **out)
{
    *out = NULL;
    int rc = kc__begin(db);
    if (rc)
        return rc;
    rc = kc__markets_seed(db);
    char *text = NULL;
    if (!rc)
        rc = rules_csv(db, &text);
    rc = kc__end(db, rc);
    if (rc)
        free(text);
    else
        *out = text;
    return rc;
}
