/*
 * allkill.c: All-Kills, hour by hour, under rule sets that are data.
 *
 * An All-Kill of a kind (realtime, certified, perfect, or a user's) is one
 * song at No. 1 on every chart of the kind's rule set at the same hourly
 * update. Rule sets have effective dates (allkill_rule: since, until) and are
 * loaded from data/allkill.csv or a user's file of the same columns. Each
 * hour counts the period of each chart in force then: a period is out at its
 * start plus the chart's `published` hours (registry) and in force for one
 * period's length after that, so a daily chart holds all day, and a chart
 * whose next period never came is missing, not stale. A required chart with
 * nothing in force means no All-Kill at that hour; when the other charts
 * agree on a song, the hour is counted against the missing chart, so the
 * output can say what was missing. A partial snapshot (a series dataset)
 * without a rank 1 means the No. 1 was a song the dataset did not follow.
 *
 * Derived on every query from the stored entries (nothing to rebuild): the
 * charts' No. 1s are read once per kind, then hours are walked in the
 * charts' local time (a rule set's charts share one zone). Which All-Kills
 * are news is the news layer's (news/news.c): it reads the runs of
 * consecutive hours from here (kc__allkill_runs).
 */
#include "derive/derive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char kc__allkill_csv[];
extern const size_t kc__allkill_csv_len;

#define RULE_CHARTS_MAX 32 /* charts in one rule set */
#define RULES_MAX 64       /* rule sets of one kind */

/* ---- rules: loading --------------------------------------------------- */

static bool kind_ok(const char *s, size_t n)
{
    if (n == 0 || n > 32)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '-'))
            return false;
    return true;
}

/* Hours in a period of a cadence; 0 for one an All-Kill cannot use. */
static int step_hours(const char *cadence)
{
    return !strcmp(cadence, "hourly")   ? 1
           : !strcmp(cadence, "daily")  ? 24
           : !strcmp(cadence, "weekly") ? 168
                                        : 0;
}

/* Checks the charts of a rule (space-separated ids) against the registry:
 * known, hourly, daily or weekly, one time zone. */
static int check_charts(kc_db *db, const char *path, int line, int col,
                        const char *charts, char zone[64])
{
    sqlite3_stmt *st = kc__stmt(db, "SELECT cadence, timezone FROM chart WHERE id = ?");
    if (!st)
        return KC_ESTORE;
    size_t n = 0;
    zone[0] = '\0';
    for (const char *p = charts; *p;) {
        while (*p == ' ')
            p++;
        size_t k = strcspn(p, " ");
        if (!k)
            break;
        if (++n > RULE_CHARTS_MAX)
            return kc__fail(db, KC_EINPUT,
                            "%s:%d:%d: more than %d charts in one rule set", path, line,
                            col, RULE_CHARTS_MAX);
        sqlite3_bind_text(st, 1, p, (int)k, SQLITE_STATIC);
        int step = sqlite3_step(st);
        int rc = KC_OK;
        if (step == SQLITE_DONE)
            rc = kc__fail(db, KC_EINPUT,
                          "%s:%d:%d: unknown chart \"%.*s\" (see `kchart "
                          "charts`)",
                          path, line, col, (int)(k > 63 ? 63 : k), p);
        else if (step != SQLITE_ROW)
            rc = kc__sqlfail(db, "allkill rules");
        else if (!step_hours((const char *)sqlite3_column_text(st, 0)))
            rc = kc__fail(db, KC_EINPUT,
                          "%s:%d:%d: %.*s is %s: an All-Kill counts hourly, daily and "
                          "weekly charts",
                          path, line, col, (int)k, p, sqlite3_column_text(st, 0));
        else if (zone[0] && strcmp(zone, (const char *)sqlite3_column_text(st, 1)))
            rc = kc__fail(db, KC_EINPUT,
                          "%s:%d:%d: %.*s is in %s, the set's other charts in %s: one "
                          "time zone per rule set",
                          path, line, col, (int)k, p, sqlite3_column_text(st, 1), zone);
        else
            snprintf(zone, 64, "%s", (const char *)sqlite3_column_text(st, 1));
        sqlite3_reset(st);
        if (rc)
            return rc;
        p += k;
    }
    if (!n)
        return kc__fail(db, KC_EINPUT, "%s:%d:%d: a rule set needs at least one chart",
                        path, line, col);
    return KC_OK;
}

static const char *const rule_cols[] = {"kind", "since", "until", "charts", "source"};
#define RULE_NCOLS 5

static int load_rules(kc_db *db, const char *path, const char *buf, size_t len)
{
    kc__csv r;
    int rc = KC_OK;
    size_t header = 0;
    kc__csv_init(&r, path, buf, len);
    /* The kinds of this file replace the stored ones: the file's first row
     * of a kind deletes the kind (rows of one kind from one file add up). */
    sqlite3_stmt *del =
        kc__prepare(db, "DELETE FROM allkill_rule WHERE kind = ?1 AND NOT EXISTS"
                        " (SELECT 1 FROM temp.allkill_loading WHERE kind = ?1)");
    sqlite3_stmt *mark =
        kc__prepare(db, "INSERT OR IGNORE INTO temp.allkill_loading (kind) VALUES (?)");
    sqlite3_stmt *ins =
        kc__prepare(db, "INSERT INTO allkill_rule (kind, since, until, charts, source)"
                        " VALUES (?,?,?,?,?)");
    sqlite3_stmt *overlap = kc__prepare(
        db, "SELECT since FROM allkill_rule WHERE kind = ?1"
            " AND (until IS NULL OR until > ?2) AND (?3 IS NULL OR since < ?3)");
    if (!del || !mark || !ins || !overlap) {
        rc = KC_ESTORE;
        goto out;
    }
    bool row;
    while (!rc &&
           !(rc = kc__rules_next(db, &r, rule_cols, RULE_NCOLS, RULE_NCOLS, &header,
                                 &row)) &&
           row) {
        int line = (int)r.rec_line;
        const char *kind = kc__csv_field(&r, 0), *since = kc__csv_field(&r, 1),
                   *until = kc__csv_field(&r, 2), *charts = kc__csv_field(&r, 3);
        int64_t d0, d1;
        char zone[64];
        if (!kind_ok(kind, kc__csv_len(&r, 0))) {
            rc = kc__fail(db, KC_EINPUT, "%s:%d:%d: a kind is 1-32 of a-z, 0-9 and -",
                          path, line, (int)r.col[0]);
        } else if (!kc__parse_date(since, kc__csv_len(&r, 1), &d0)) {
            rc = kc__fail(db, KC_EINPUT, "%s:%d:%d: since must be a date YYYY-MM-DD",
                          path, line, (int)r.col[1]);
        } else if (kc__csv_len(&r, 2) &&
                   (!kc__parse_date(until, kc__csv_len(&r, 2), &d1) || d1 <= d0)) {
            rc =
                kc__fail(db, KC_EINPUT,
                         "%s:%d:%d: until must be empty or a date YYYY-MM-DD after since",
                         path, line, (int)r.col[2]);
        } else if (!(rc = check_charts(db, path, line, (int)r.col[3], charts, zone))) {
            sqlite3_bind_text(del, 1, kind, -1, SQLITE_STATIC);
            sqlite3_bind_text(mark, 1, kind, -1, SQLITE_STATIC);
            if (sqlite3_step(del) != SQLITE_DONE || sqlite3_step(mark) != SQLITE_DONE)
                rc = kc__sqlfail(db, "allkill rules");
            sqlite3_reset(del);
            sqlite3_reset(mark);
            sqlite3_bind_text(overlap, 1, kind, -1, SQLITE_STATIC);
            sqlite3_bind_text(overlap, 2, since, -1, SQLITE_STATIC);
            if (kc__csv_len(&r, 2))
                sqlite3_bind_text(overlap, 3, until, -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(overlap, 3);
            int step = rc ? SQLITE_DONE : sqlite3_step(overlap);
            if (step == SQLITE_ROW)
                rc = kc__fail(db, KC_EINPUT,
                              "%s:%d:%d: the %s set from %s overlaps the one from %s",
                              path, line, (int)r.col[1], kind, since,
                              (const char *)sqlite3_column_text(overlap, 0));
            else if (step != SQLITE_DONE)
                rc = kc__sqlfail(db, "allkill rules");
            sqlite3_reset(overlap);
            for (int i = 0; i < RULE_NCOLS && !rc; i++)
                if (i == 2 && !kc__csv_len(&r, 2))
                    sqlite3_bind_null(ins, 3);
                else
                    sqlite3_bind_text(ins, i + 1, kc__csv_field(&r, (size_t)i), -1,
                                      SQLITE_STATIC);
            if (!rc && sqlite3_step(ins) != SQLITE_DONE)
                rc = kc__sqlfail(db, "allkill rules");
            sqlite3_reset(ins);
        }
    }
    if (!rc && !header)
        rc = kc__fail(db, KC_EINPUT, "%s:1:1: empty rules file", path);
out:
    sqlite3_finalize(del);
    sqlite3_finalize(mark);
    sqlite3_finalize(ins);
    sqlite3_finalize(overlap);
    kc__csv_free(&r);
    return rc;
}

static int rules_from(kc_db *db, const char *path, const char *buf, size_t len)
{
    int rc = kc__exec(db, "DELETE FROM temp.allkill_loading");
    if (!rc)
        rc = load_rules(db, path, buf, len);
    return rc;
}

int kc__allkill_seed(kc_db *db)
{
    return rules_from(db, "allkill.csv (built in)", kc__allkill_csv, kc__allkill_csv_len);
}

int kc_allkill_rules_load(kc_db *db, const char *path)
{
    return kc__load_data_file(db, path, rules_from);
}

int kc_query_allkill_rules(kc_db *db, kc_table **out)
{
    return kc__table_from_sql(
        db,
        "SELECT kind, since, until, charts, source FROM allkill_rule"
        " ORDER BY kind, since",
        NULL, 0, out);
}

/* ---- evaluation -------------------------------------------------------- */

/* Local hours: days since 1970-01-01 * 24 + hour, in the charts' zone. */
static bool period_start(const char *p, int64_t *hour)
{
    int64_t days;
    int hh = 0;
    size_t n = strlen(p);
    if (n == 13 && p[10] == 'T' && kc__parse_date(p, 10, &days) &&
        kc__digits(p + 11, 2, &hh) && hh < 24) {
        *hour = days * 24 + hh;
        return true;
    }
    if (n == 10 && kc__parse_date(p, 10, &days)) {
        *hour = days * 24;
        return true;
    }
    return false;
}

void kc__allkill_hour(int64_t h, char out[16])
{
    int64_t days = h >= 0 ? h / 24 : (h - 23) / 24;
    char d[11];
    kc__format_date(days, d);
    snprintf(out, 16, "%sT%02d", d, (int)(h - days * 24));
}

/* One chart's periods: when each is out, and its No. 1 (0: none known). */
typedef struct {
    char id[64];
    int step; /* hours a period is in force */
    int64_t *pub;
    int64_t *no1;
    char (*period)[14]; /* as stored */
    char zone[64];      /* the chart's time zone */
    size_t n;
    size_t cur; /* the walk's cursor */
} chart_line;

static void line_free(chart_line *c)
{
    free(c->pub);
    free(c->no1);
    free(c->period);
}

static int line_load(kc_db *db, const char *id, chart_line *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "%s", id);
    sqlite3_stmt *st = kc__prepare(
        db,
        "SELECT c.cadence, c.published, s.period, e.song_id, c.timezone"
        " FROM chart c JOIN snapshot s ON s.chart_id = c.id"
        " LEFT JOIN entry e INDEXED BY entry_no1 ON e.snapshot_id = s.id AND e.rank = 1"
        " WHERE c.id = ? ORDER BY s.period");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    size_t cap = 0;
    int step, rc = KC_OK;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (!c->step) {
            c->step = step_hours((const char *)sqlite3_column_text(st, 0));
            snprintf(c->zone, sizeof c->zone, "%s",
                     (const char *)sqlite3_column_text(st, 4));
            if (!c->step) {
                rc = kc__fail(db, KC_EINPUT, "%s is not hourly, daily or weekly", id);
                break;
            }
        }
        int64_t pub;
        if (!period_start((const char *)sqlite3_column_text(st, 2), &pub))
            continue; /* a shape the registry's cadence rules out */
        pub += sqlite3_column_type(st, 1) == SQLITE_NULL ? (c->step == 1 ? 0 : c->step)
                                                         : sqlite3_column_int64(st, 1);
        if (c->n == cap) {
            cap = cap ? cap * 2 : 1024;
            int64_t *p = kc__realloc(c->pub, cap * sizeof *p);
            if (p)
                c->pub = p;
            int64_t *s = p ? kc__realloc(c->no1, cap * sizeof *s) : NULL;
            if (s)
                c->no1 = s;
            char(*q)[14] = s ? kc__realloc(c->period, cap * sizeof *q) : NULL;
            if (!q) {
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
                break;
            }
            c->period = q;
        }
        snprintf(c->period[c->n], sizeof *c->period, "%s",
                 (const char *)sqlite3_column_text(st, 2));
        c->pub[c->n] = pub;
        c->no1[c->n++] = sqlite3_column_int64(st, 3); /* NULL reads as 0 */
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "allkill charts");
    sqlite3_finalize(st);
    return rc;
}

/* The No. 1 of c in force at hour h: a song, 0 (a period in force, its No. 1
 * not known), or -1 (nothing in force: missing). Hours only go forward. */
static int64_t line_at(chart_line *c, int64_t h)
{
    while (c->cur + 1 < c->n && c->pub[c->cur + 1] <= h)
        c->cur++;
    if (!c->n || c->pub[c->cur] > h || h >= c->pub[c->cur] + c->step)
        return -1;
    return c->no1[c->cur];
}

/* What a song gathered in one kind. */
typedef struct {
    int64_t song;
    long hours;
    int64_t first, last, run_start, best_start;
    long run, best;
    long missing[RULE_CHARTS_MAX * 4]; /* by chart of the kind's union */
} tally;

typedef struct {
    kc__map *by_song; /* song id -> tally number + 1 */
    tally *v;
    size_t n, cap;
    bool want_runs; /* keep every run (kc__allkill_runs) */
    kc__allkill_run *runs;
    size_t nruns, runs_cap;
} tallies;

static int run_add(tallies *t, int64_t song, int64_t start, long len)
{
    if (t->nruns == t->runs_cap) {
        size_t cap = t->runs_cap ? t->runs_cap * 2 : 64;
        kc__allkill_run *v = kc__realloc(t->runs, cap * sizeof *v);
        if (!v)
            return -1;
        t->runs = v;
        t->runs_cap = cap;
    }
    t->runs[t->nruns++] = (kc__allkill_run){song, start, len};
    return 0;
}

static tally *tally_of(tallies *t, int64_t song)
{
    bool created;
    void **slot = kc__map_get(t->by_song, &song, sizeof song, true, &created);
    if (!slot)
        return NULL;
    if (!created)
        return &t->v[(uintptr_t)*slot - 1];
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        tally *nv = kc__realloc(t->v, cap * sizeof *nv);
        if (!nv)
            return NULL;
        t->v = nv;
        t->cap = cap;
    }
    tally *a = &t->v[t->n++];
    memset(a, 0, sizeof *a);
    a->song = song;
    a->first = a->last = -1;
    *slot = (void *)(uintptr_t)t->n;
    return a;
}

typedef struct {
    int64_t since, until;        /* local hours; until INT64_MAX: still */
    int charts[RULE_CHARTS_MAX]; /* indexes into the kind's lines */
    int n;
} rule;

#define POOL_MAX (RULE_CHARTS_MAX * 4)

/* The charts read for one query, each once, whatever kinds need it. */
typedef struct {
    chart_line v[POOL_MAX];
    int n;
} pool;

static void pool_free(pool *p)
{
    for (int i = 0; i < p->n; i++)
        line_free(&p->v[i]);
    p->n = 0;
}

/* The rule sets of kind, with the union of their charts (in the pool). */
typedef struct {
    rule rules[RULES_MAX];
    int nrules;
    chart_line *lines[POOL_MAX];
    int nlines;
} kind_data;

/* Chart id's line, loaded into the pool if it is not there yet. */
static int pool_line(kc_db *db, pool *p, const char *id, chart_line **out)
{
    for (int i = 0; i < p->n; i++)
        if (!strcmp(p->v[i].id, id)) {
            *out = &p->v[i];
            return KC_OK;
        }
    if (p->n == POOL_MAX)
        return kc__fail(db, KC_EINPUT, "more than %d charts in the All-Kill rules",
                        POOL_MAX);
    int rc = line_load(db, id, &p->v[p->n]);
    if (rc) {
        line_free(&p->v[p->n]);
        return rc;
    }
    *out = &p->v[p->n++];
    return KC_OK;
}

static int kind_load(kc_db *db, const char *kind, pool *pl, kind_data *k)
{
    memset(k, 0, sizeof *k);
    sqlite3_stmt *st = kc__prepare(
        db,
        "SELECT since, until, charts FROM allkill_rule WHERE kind = ? ORDER BY since");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    int step, rc = KC_OK;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (k->nrules == RULES_MAX) {
            rc = kc__fail(db, KC_EINPUT, "more than %d rule sets of %s", RULES_MAX, kind);
            break;
        }
        rule *r = &k->rules[k->nrules++];
        int64_t d;
        kc__parse_date((const char *)sqlite3_column_text(st, 0), 10, &d);
        r->since = d * 24;
        r->until = INT64_MAX;
        if (sqlite3_column_type(st, 1) != SQLITE_NULL &&
            kc__parse_date((const char *)sqlite3_column_text(st, 1), 10, &d))
            r->until = d * 24;
        const char *p = (const char *)sqlite3_column_text(st, 2);
        while (!rc && *p) {
            while (*p == ' ')
                p++;
            size_t len = strcspn(p, " ");
            if (!len)
                break;
            char id[64];
            snprintf(id, sizeof id, "%.*s", (int)(len < 63 ? len : 63), p);
            p += len;
            int at = -1;
            for (int i = 0; i < k->nlines && at < 0; i++)
                if (!strcmp(k->lines[i]->id, id))
                    at = i;
            if (at < 0) {
                chart_line *line = NULL;
                if ((rc = pool_line(db, pl, id, &line)))
                    break;
                at = k->nlines;
                k->lines[k->nlines++] = line;
            }
            if (r->n < RULE_CHARTS_MAX)
                r->charts[r->n++] = at;
        }
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "allkill rules");
    sqlite3_finalize(st);
    if (!rc && !k->nrules)
        rc = kc__fail(db, KC_ENOTFOUND,
                      "no All-Kill rules of kind \"%s\" (see `kchart allkill --rules`)",
                      kind);
    return rc;
}

/* Walks the hours of one kind (within [lo, hi) when the year is set) into
 * t. */
static int kind_walk(kc_db *db, kind_data *k, int64_t lo, int64_t hi, tallies *t)
{
    for (int ri = 0; ri < k->nrules; ri++) {
        rule *r = &k->rules[ri];
        /* The hours some chart of the set has data for, within the set's
         * dates and the window. */
        int64_t from = INT64_MAX, to = INT64_MIN;
        for (int i = 0; i < r->n; i++) {
            chart_line *c = k->lines[r->charts[i]];
            if (!c->n)
                continue;
            if (c->pub[0] < from)
                from = c->pub[0];
            if (c->pub[c->n - 1] + c->step > to)
                to = c->pub[c->n - 1] + c->step;
        }
        if (from < r->since)
            from = r->since;
        if (from < lo)
            from = lo;
        if (to > r->until)
            to = r->until;
        if (to > hi)
            to = hi;
        for (int i = 0; i < k->nlines; i++)
            k->lines[i]->cur = 0;
        for (int64_t h = from; h < to; h++) {
            int64_t song = 0;
            bool agree = true;
            int missing[RULE_CHARTS_MAX], nmissing = 0;
            for (int i = 0; i < r->n && agree; i++) {
                int64_t s = line_at(k->lines[r->charts[i]], h);
                if (s < 0)
                    missing[nmissing++] = r->charts[i];
                else if (s == 0 || (song && s != song))
                    agree = false;
                else
                    song = s;
            }
            if (!agree || !song)
                continue;
            tally *a = tally_of(t, song);
            if (!a)
                return kc__fail(db, KC_ENOMEM, "out of memory");
            if (nmissing) {
                for (int i = 0; i < nmissing; i++)
                    a->missing[missing[i]]++;
                continue;
            }
            a->hours++;
            if (a->first < 0)
                a->first = h;
            if (a->last == h - 1) {
                a->run++;
            } else {
                if (t->want_runs && a->run && run_add(t, song, a->run_start, a->run))
                    return kc__fail(db, KC_ENOMEM, "out of memory");
                a->run = 1;
                a->run_start = h;
            }
            if (a->run > a->best) {
                a->best = a->run;
                a->best_start = a->run_start;
            }
            a->last = h;
        }
    }
    for (size_t i = 0; t->want_runs && i < t->n; i++)
        if (t->v[i].run && run_add(t, t->v[i].song, t->v[i].run_start, t->v[i].run))
            return kc__fail(db, KC_ENOMEM, "out of memory");
    return KC_OK;
}

/* The year's hours [lo, hi), or everything. */
static void year_window(int year, int64_t *lo, int64_t *hi)
{
    if (!year) {
        *lo = INT64_MIN;
        *hi = INT64_MAX;
        return;
    }
    *lo = kc__days_from_civil(year, 1, 1) * 24;
    *hi = kc__days_from_civil(year + 1, 1, 1) * 24;
}

/* Evaluates the kinds asked for (NULL: every stored kind) into the temp
 * table allkill_result. */
static int evaluate(kc_db *db, const kc_allkill_opts *o)
{
    int rc = kc__exec(db, "DELETE FROM temp.allkill_result");
    if (rc)
        return rc;
    int year = 0;
    if (o && o->year &&
        (strlen(o->year) != 4 || !kc__digits(o->year, 4, &year) || year < 1900 ||
         year > 2999))
        return kc__fail(db, KC_EUSAGE, "a year is YYYY, 1900-2999");
    int64_t lo, hi;
    year_window(year, &lo, &hi);
    kc_table *kinds = NULL;
    const char *bind[1] = {o ? o->kind : NULL};
    rc = kc__table_from_sql(db,
                            "SELECT DISTINCT kind FROM allkill_rule"
                            " WHERE ?1 IS NULL OR kind = ?1 ORDER BY kind",
                            bind, 1, &kinds);
    if (rc)
        return rc;
    if (!kinds->nrows && o && o->kind)
        rc = kc__fail(db, KC_ENOTFOUND,
                      "no All-Kill rules of kind \"%s\" (see `kchart allkill --rules`)",
                      o->kind);
    sqlite3_stmt *ins = rc ? NULL
                           : kc__prepare(db, "INSERT INTO temp.allkill_result VALUES"
                                             " (?,?,?,?,?,?,?,?,?)");
    if (!rc && !ins)
        rc = KC_ESTORE;
    kind_data *k = kc__malloc(sizeof *k);
    pool *pl = kc__calloc(1, sizeof *pl);
    if (!rc && (!k || !pl))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    for (size_t ki = 0; !rc && ki < kinds->nrows; ki++) {
        const char *kind = kc_table_cell(kinds, ki, 0);
        if ((rc = kind_load(db, kind, pl, k)))
            break;
        tallies t = {0};
        if (!(t.by_song = kc__map_new()))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        if (!rc)
            rc = kind_walk(db, k, lo, hi, &t);
        for (size_t i = 0; !rc && i < t.n; i++) {
            tally *a = &t.v[i];
            char first[16] = "", last[16] = "", from[16] = "", missing[1024] = "";
            size_t mn = 0;
            for (int c = 0; c < k->nlines; c++)
                if (a->missing[c] && mn < sizeof missing - 100)
                    mn +=
                        (size_t)snprintf(missing + mn, sizeof missing - mn, "%s%s %ld h",
                                         mn ? ", " : "", k->lines[c]->id, a->missing[c]);
            if (a->hours) {
                kc__allkill_hour(a->first, first);
                kc__allkill_hour(a->last, last);
                kc__allkill_hour(a->best_start, from);
            }
            sqlite3_bind_text(ins, 1, kind, -1, SQLITE_STATIC);
            sqlite3_bind_int64(ins, 2, a->song);
            sqlite3_bind_int64(ins, 3, a->hours);
            const char *texts[3] = {first, from, last};
            int cols[3] = {4, 6, 7};
            for (int j = 0; j < 3; j++)
                if (a->hours)
                    sqlite3_bind_text(ins, cols[j], texts[j], -1, SQLITE_STATIC);
                else
                    sqlite3_bind_null(ins, cols[j]);
            sqlite3_bind_int64(ins, 5, a->best);
            if (mn)
                sqlite3_bind_text(ins, 8, missing, -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(ins, 8);
            /* A set's charts share a zone (checked at load): the first's. */
            for (int c = 0; c < k->nlines; c++)
                if (k->lines[c]->zone[0]) {
                    sqlite3_bind_text(ins, 9, k->lines[c]->zone, -1, SQLITE_STATIC);
                    break;
                }
            if (sqlite3_step(ins) != SQLITE_DONE)
                rc = kc__sqlfail(db, "allkill");
            sqlite3_reset(ins);
            sqlite3_clear_bindings(ins);
        }
        kc__map_free(t.by_song, NULL);
        free(t.v);
    }
    if (pl)
        pool_free(pl);
    free(pl);
    free(k);
    sqlite3_finalize(ins);
    kc_table_free(kinds);
    return rc;
}

static int cmp_run(const void *a, const void *b)
{
    const kc__allkill_run *x = a, *y = b;
    if (x->start != y->start)
        return (x->start > y->start) - (x->start < y->start);
    return (x->song > y->song) - (x->song < y->song);
}

int kc__allkill_runs(kc_db *db,
                     int (*each)(kc_db *db, void *ctx, const char *kind,
                                 const kc__allkill_run *runs, size_t n),
                     void *ctx)
{
    kc_table *kinds = NULL;
    int rc = kc__table_from_sql(
        db, "SELECT DISTINCT kind FROM allkill_rule ORDER BY kind", NULL, 0, &kinds);
    if (rc)
        return rc;
    kind_data *k = kc__malloc(sizeof *k);
    pool *pl = kc__calloc(1, sizeof *pl);
    if (!k || !pl)
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    for (size_t ki = 0; !rc && ki < kinds->nrows; ki++) {
        const char *kind = kc_table_cell(kinds, ki, 0);
        if ((rc = kind_load(db, kind, pl, k)))
            break;
        tallies t = {0};
        t.want_runs = true;
        if (!(t.by_song = kc__map_new()))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        if (!rc)
            rc = kind_walk(db, k, INT64_MIN, INT64_MAX, &t);
        if (!rc && t.nruns)
            qsort(t.runs, t.nruns, sizeof *t.runs, cmp_run);
        if (!rc)
            rc = each(db, ctx, kind, t.runs, t.nruns);
        kc__map_free(t.by_song, NULL);
        free(t.v);
        free(t.runs);
    }
    if (pl)
        pool_free(pl);
    free(pl);
    free(k);
    kc_table_free(kinds);
    return rc;
}

/* The song's earliest release in the catalog (docs/catalog.md): its date
 * and, when written with a time, its local time, as `released` holds them
 * ("2023-09-08" or "2023-09-08T13:00+09:00"), in its zone. */
#define RELEASE_OF(song)                                                                 \
    " FROM catalog_song cs JOIN release_song rs ON rs.catalog_song_id = cs.id"           \
    " JOIN release rl ON rl.id = rs.release_id WHERE cs.song_id = " song                 \
    " ORDER BY rl.released_utc LIMIT 1"

/* Days and hours from the release to the first All-Kill hour: days between
 * the release's date and the first hour's date, each in its own zone (the
 * catalog's, the charts'); hours only when the release has a time and is in
 * the charts' zone, so that the two clocks are one. */
#define FROM_RELEASE(song)                                                               \
    " (SELECT CAST(julianday(substr(r.first, 1, 10))"                                    \
    "  - julianday(substr(rl.released, 1, 10)) AS INTEGER)" RELEASE_OF(                  \
        song) " ) AS days_from_release,"                                                 \
              " (SELECT CASE WHEN length(rl.released) >= 16 AND rl.time_zone = r.zone "  \
              "THEN"                                                                     \
              "  CAST(round((julianday(substr(r.first, 1, 10) || ' ' || "                \
              "substr(r.first, 12, 2)"                                                   \
              "  || ':00') - julianday(substr(rl.released, 1, 10) || ' '"                \
              "  || substr(rl.released, 12, 5))) * 24) AS INTEGER) END" RELEASE_OF(      \
                  song) " ) AS hours_from_release"

#define RESULT_COLS                                                                      \
    " r.kind AS kind, r.song_id AS song_id, s.title AS title, s.artist AS artist,"       \
    " r.hours AS hours, r.first AS first, r.longest AS longest,"                         \
    " r.longest_from AS longest_from, r.last AS last, r.missing AS "                     \
    "missing," FROM_RELEASE("r.song_id")

/* Every kind (?2: one) for every song of temp.allkill_songs, hours 0 where
 * it made none; with ?3, only the kinds where it made one or lost hours to
 * a missing chart. At most ?1 rows. */
static const char song_rows_sql[] =
    "SELECT k.kind AS kind, x.song_id AS song_id, s.title AS title,"
    " s.artist AS artist, coalesce(r.hours, 0) AS hours, r.first AS first,"
    " coalesce(r.longest, 0) AS longest, r.longest_from AS longest_from,"
    " r.last AS last, r.missing AS missing," FROM_RELEASE(
        "x.song_id") " FROM temp.allkill_songs x JOIN song s ON s.id = x.song_id"
                     " JOIN (SELECT DISTINCT kind FROM allkill_rule"
                     "  WHERE ?2 IS NULL OR kind = ?2) k"
                     " LEFT JOIN temp.allkill_result r ON r.song_id = x.song_id"
                     " AND r.kind = k.kind"
                     " WHERE ?3 IS NULL OR r.hours > 0 OR r.missing IS NOT NULL"
                     " ORDER BY x.song_id, k.kind LIMIT ?1";

int kc_query_allkill(kc_db *db, const char *query, size_t limit, const kc_allkill_opts *o,
                     kc_table **out)
{
    *out = NULL;
    kc_table *songs = NULL;
    int rc = KC_OK;
    if (query && (rc = kc_query_song(db, query, 1000, &songs)))
        return rc;
    if (!(rc = evaluate(db, o)) && songs) {
        rc = kc__exec(db, "DELETE FROM temp.allkill_songs");
        sqlite3_stmt *st =
            rc ? NULL
               : kc__prepare(db, "INSERT OR IGNORE INTO temp.allkill_songs VALUES (?)");
        if (!rc && !st)
            rc = KC_ESTORE;
        for (size_t i = 0; !rc && i < songs->nrows; i++) {
            sqlite3_bind_text(st, 1, kc_table_cell(songs, i, 0), -1, SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = kc__sqlfail(db, "allkill");
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
    }
    kc_table_free(songs);
    if (rc)
        return rc;
    char lim[32];
    snprintf(lim, sizeof lim, "%zu", limit ? limit : (size_t)-1 >> 1);
    const bool by_first = o && o->by && !strcmp(o->by, "first");
    if (o && o->by && !by_first && strcmp(o->by, "hours"))
        return kc__fail(db, KC_EUSAGE, "order by hours or first, not \"%s\"", o->by);
    const char *binds[1] = {lim};
    /* Every kind for every song matched, hours 0 where it made none. */
    const char *sbinds[3] = {lim, o ? o->kind : NULL, NULL};
    if (query)
        return kc__table_from_sql(db, song_rows_sql, sbinds, 3, out);
    /* The leaderboard: songs that made it, by hours or by the first hour. */
    return kc__table_from_sql(
        db,
        by_first ? "SELECT row_number() OVER (PARTITION BY r.kind ORDER BY r.first,"
                   " r.song_id) AS pos," RESULT_COLS
                   " FROM temp.allkill_result r JOIN song s ON s.id = r.song_id"
                   " WHERE r.hours > 0 ORDER BY r.kind, pos LIMIT ?1"
                 : "SELECT row_number() OVER (PARTITION BY r.kind ORDER BY r.hours DESC,"
                   " r.first, r.song_id) AS pos," RESULT_COLS
                   " FROM temp.allkill_result r JOIN song s ON s.id = r.song_id"
                   " WHERE r.hours > 0 ORDER BY r.kind, pos LIMIT ?1",
        binds, 1, out);
}

int kc_query_song_allkills(kc_db *db, int64_t song_id, kc_table **out)
{
    *out = NULL;
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)song_id);
    int rc = evaluate(db, NULL);
    if (!rc)
        rc = kc__exec(db, "DELETE FROM temp.allkill_songs");
    sqlite3_stmt *st =
        rc ? NULL : kc__prepare(db, "INSERT INTO temp.allkill_songs VALUES (?)");
    if (!rc && !st)
        rc = KC_ESTORE;
    if (!rc) {
        sqlite3_bind_int64(st, 1, song_id);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = kc__sqlfail(db, "allkill");
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    char lim[32];
    snprintf(lim, sizeof lim, "%zu", (size_t)-1 >> 1);
    const char *binds[3] = {lim, NULL, "made or missed"};
    return kc__table_from_sql(db, song_rows_sql, binds, 3, out);
}

int kc_query_allkill_at(kc_db *db, const char *hour, const char *kind_only,
                        kc_table **out)
{
    *out = NULL;
    int64_t h;
    if (!hour || strlen(hour) != 13 || !period_start(hour, &h))
        return kc__fail(db, KC_EUSAGE,
                        "an hour is YYYY-MM-DDTHH (the charts' local time)");
    int rc = kc__exec(db, "DELETE FROM temp.allkill_state");
    kc_table *kinds = NULL;
    const char *bind[1] = {kind_only};
    if (!rc)
        rc = kc__table_from_sql(db,
                                "SELECT DISTINCT kind FROM allkill_rule"
                                " WHERE ?1 IS NULL OR kind = ?1 ORDER BY kind",
                                bind, 1, &kinds);
    if (!rc && !kinds->nrows && kind_only)
        rc = kc__fail(db, KC_ENOTFOUND,
                      "no All-Kill rules of kind \"%s\" (see `kchart allkill --rules`)",
                      kind_only);
    sqlite3_stmt *ins =
        rc ? NULL
           : kc__prepare(db, "INSERT INTO temp.allkill_state VALUES (?,?,?,?,?,?)");
    if (!rc && !ins)
        rc = KC_ESTORE;
    kind_data *k = rc ? NULL : kc__malloc(sizeof *k);
    pool *pl = rc ? NULL : kc__calloc(1, sizeof *pl);
    if (!rc && (!k || !pl))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    for (size_t ki = 0; !rc && ki < kinds->nrows; ki++) {
        const char *kind = kc_table_cell(kinds, ki, 0);
        if ((rc = kind_load(db, kind, pl, k)))
            break;
        for (int ri = 0; ri < k->nrules && !rc; ri++) {
            rule *r = &k->rules[ri];
            if (h < r->since || h >= r->until)
                continue;
            int64_t no1[RULE_CHARTS_MAX], song = 0;
            bool agree = true, missing = false;
            for (int i = 0; i < r->n; i++) {
                chart_line *c = k->lines[r->charts[i]];
                c->cur = 0;
                no1[i] = line_at(c, h);
                if (no1[i] < 0)
                    missing = true;
                else if (no1[i] == 0 || (song && no1[i] != song))
                    agree = false;
                else
                    song = no1[i];
            }
            const char *verdict = !agree || !song ? "no: the charts' No. 1s differ"
                                  : missing       ? "no: a chart is missing"
                                                  : "all-kill";
            for (int i = 0; i < r->n && !rc; i++) {
                chart_line *c = k->lines[r->charts[i]];
                sqlite3_bind_text(ins, 1, kind, -1, SQLITE_STATIC);
                sqlite3_bind_text(ins, 2, verdict, -1, SQLITE_STATIC);
                sqlite3_bind_text(ins, 3, c->id, -1, SQLITE_STATIC);
                if (no1[i] >= 0)
                    sqlite3_bind_text(ins, 4, c->period[c->cur], -1, SQLITE_STATIC);
                else
                    sqlite3_bind_null(ins, 4);
                if (no1[i] > 0)
                    sqlite3_bind_int64(ins, 5, no1[i]);
                else
                    sqlite3_bind_null(ins, 5);
                sqlite3_bind_text(ins, 6,
                                  no1[i] < 0    ? "missing"
                                  : no1[i] == 0 ? "No. 1 not among the songs followed"
                                                : "No. 1",
                                  -1, SQLITE_STATIC);
                if (sqlite3_step(ins) != SQLITE_DONE)
                    rc = kc__sqlfail(db, "allkill");
                sqlite3_reset(ins);
            }
        }
    }
    if (pl)
        pool_free(pl);
    free(pl);
    free(k);
    sqlite3_finalize(ins);
    kc_table_free(kinds);
    if (rc)
        return rc;
    return kc__table_from_sql(
        db,
        "SELECT a.kind AS kind, a.verdict AS verdict, a.chart AS chart,"
        " a.period AS period, a.state AS state, a.song_id AS song_id,"
        " s.title AS title, s.artist AS artist"
        " FROM temp.allkill_state a LEFT JOIN song s ON s.id = a.song_id"
        " ORDER BY a.kind, a.chart",
        NULL, 0, out);
}
