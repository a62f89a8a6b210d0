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
 * Derived from the stored entries (nothing stored to rebuild): the charts'
 * No. 1s are read once per kind, then hours are walked in the charts' local
 * time (a rule set's charts share one zone). The leaderboards read a tally
 * of that walk, every kind's, a row a song and year (temp.allkill_tally,
 * on the handle, never in the store): walked again only when what it was
 * derived from changed (tally_sync: the rule sets, their charts'
 * snapshots, the songs). A song's All-Kills and the state at one hour walk
 * a window of their own. Which All-Kills are news is the news layer's
 * (news/news.c): it reads the runs of consecutive hours from here
 * (kc__allkill_runs).
 */
#include "derive/derive.h"

#include <sql/derive_sql.h>
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
    sqlite3_stmt *st = kc__stmt(db, kc__sql_allkill_chart);
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
        sqlite3_bind_text(st, kc__param(st, ":chart"), p, (int)k, SQLITE_STATIC);
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
/* The parameters of allkill-rule-put.sql, a column each. */
static const char *const rule_params[] = {":kind", ":since", ":until", ":charts",
                                          ":source"};
#define RULE_NCOLS 5

static int load_rules(kc_db *db, const char *path, const char *buf, size_t len)
{
    kc__csv r;
    int rc = KC_OK;
    size_t header = 0;
    kc__csv_init(&r, path, buf, len);
    /* The kinds of this file replace the stored ones: the file's first row
     * of a kind deletes the kind (rows of one kind from one file add up). */
    sqlite3_stmt *del = kc__prepare(db, kc__sql_allkill_rules_replace);
    sqlite3_stmt *mark = kc__prepare(db, kc__sql_allkill_rules_loading);
    sqlite3_stmt *ins = kc__prepare(db, kc__sql_allkill_rule_put);
    sqlite3_stmt *overlap = kc__prepare(db, kc__sql_allkill_rule_overlap);
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
            kc__bind_text(del, ":kind", kind);
            kc__bind_text(mark, ":kind", kind);
            if (sqlite3_step(del) != SQLITE_DONE || sqlite3_step(mark) != SQLITE_DONE)
                rc = kc__sqlfail(db, "allkill rules");
            sqlite3_reset(del);
            sqlite3_reset(mark);
            kc__bind_text(overlap, ":kind", kind);
            kc__bind_text(overlap, ":since", since);
            kc__bind_text(overlap, ":until", kc__csv_len(&r, 2) ? until : NULL);
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
                    kc__bind_null(ins, rule_params[i]);
                else
                    kc__bind_text(ins, rule_params[i], kc__csv_field(&r, (size_t)i));
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
    int rc = kc__exec(db, kc__sql_allkill_loading_clear);
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
    return kc__table_from_stmt(db, kc__prepare(db, kc__sql_allkill_rules), out);
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

/* Chart id's periods into c: every one, or those from the day from up to
 * the day to when from is not empty (a song's window). */
static int line_load(kc_db *db, const char *id, const char *from, const char *to,
                     chart_line *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "%s", id);
    sqlite3_stmt *st = kc__prepare(db, from[0] ? kc__sql_allkill_chart_no1s_between
                                               : kc__sql_allkill_chart_no1s);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", id);
    if (from[0]) {
        kc__bind_text(st, ":from", from);
        kc__bind_text(st, ":to", to);
    }
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
    int year; /* the year of its hours, or 0: every year */
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

static tally *tally_of(tallies *t, int64_t song, int year)
{
    bool created;
    int64_t key[2] = {song, year};
    void **slot = kc__map_get(t->by_song, key, sizeof key, true, &created);
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
    a->year = year;
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
    char from[16], to[16]; /* the days read ("": all), for one song's window */
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
    int rc = line_load(db, id, p->from, p->to, &p->v[p->n]);
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
    sqlite3_stmt *st = kc__prepare(db, kc__sql_allkill_kind_rules);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":kind", kind);
    /* A window read (a song's, an hour's): a rule set in force at none of
     * its hours can count none, and its charts need not be read. */
    int64_t lo = INT64_MIN, hi = INT64_MAX, d;
    if (pl->from[0] && kc__parse_date(pl->from, strlen(pl->from), &d))
        lo = d * 24;
    if (pl->to[0] && kc__parse_date(pl->to, strlen(pl->to), &d))
        hi = d * 24;
    int step, rc = KC_OK, stored = 0;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        stored++;
        if (k->nrules == RULES_MAX) {
            rc = kc__fail(db, KC_EINPUT, "more than %d rule sets of %s", RULES_MAX, kind);
            break;
        }
        rule *r = &k->rules[k->nrules++];
        kc__parse_date((const char *)sqlite3_column_text(st, 0), 10, &d);
        r->since = d * 24;
        r->until = INT64_MAX;
        if (sqlite3_column_type(st, 1) != SQLITE_NULL &&
            kc__parse_date((const char *)sqlite3_column_text(st, 1), 10, &d))
            r->until = d * 24;
        if (r->until <= lo || r->since >= hi) {
            memset(r, 0, sizeof *r);
            k->nrules--;
            continue;
        }
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
    if (!rc && !stored)
        rc = kc__fail(db, KC_ENOTFOUND,
                      "no All-Kill rules of kind \"%s\" (see `kchart allkill --rules`)",
                      kind);
    return rc;
}

/* Counts hour h, where every chart of a rule set in force that is not
 * missing has a's song at No. 1, into a (NULL: out of memory; -1 then): an
 * All-Kill hour when no chart is missing (nmissing 0), else an hour lost to
 * the missing charts. */
static int count_hour(tallies *t, tally *a, int64_t h, const int *missing, int nmissing)
{
    if (!a)
        return -1;
    if (nmissing) {
        for (int i = 0; i < nmissing; i++)
            a->missing[missing[i]]++;
        return 0;
    }
    a->hours++;
    if (a->first < 0)
        a->first = h;
    if (a->last == h - 1) {
        a->run++;
    } else {
        if (t->want_runs && a->run && run_add(t, a->song, a->run_start, a->run))
            return -1;
        a->run = 1;
        a->run_start = h;
    }
    if (a->run > a->best) {
        a->best = a->run;
        a->best_start = a->run_start;
    }
    a->last = h;
    return 0;
}

/* Walks the hours of one kind (within [lo, hi) when the year is set) into
 * t; with years, each year's hours into years too, a tally a song and year
 * (the same as a walk within that year alone gives). */
static int kind_walk(kc_db *db, kind_data *k, int64_t lo, int64_t hi, tallies *t,
                     tallies *years)
{
    int year = 0;
    int64_t ylo = 0, yhi = 0; /* year's hours */
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
            if (years && (h < ylo || h >= yhi)) {
                int64_t day = h >= 0 ? h / 24 : (h - 23) / 24;
                int m, d;
                kc__civil_from_days(day, &year, &m, &d);
                ylo = kc__days_from_civil(year, 1, 1) * 24;
                yhi = kc__days_from_civil(year + 1, 1, 1) * 24;
            }
            if (count_hour(t, tally_of(t, song, 0), h, missing, nmissing) ||
                (years &&
                 count_hour(years, tally_of(years, song, year), h, missing, nmissing)))
                return kc__fail(db, KC_ENOMEM, "out of memory");
        }
    }
    for (size_t i = 0; t->want_runs && i < t->n; i++)
        if (t->v[i].run && run_add(t, t->v[i].song, t->v[i].run_start, t->v[i].run))
            return kc__fail(db, KC_ENOMEM, "out of memory");
    return KC_OK;
}

/* The kinds with stored rules (kind: that one alone, if stored) into *out
 * (owned, kc_table_free), in order. */
static int kinds_of(kc_db *db, const char *kind, kc_table **out)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_allkill_kinds);
    kc__bind_text(st, ":kind", kind);
    return kc__table_from_stmt(db, st, out);
}

/* The days of song's window into pl (allkill-song-window.sql): *none set
 * when no run of the song reached No. 1 on a chart of the rule sets. */
static int song_window(kc_db *db, int64_t song, pool *pl, bool *none)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_allkill_song_window);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":song", song);
    int rc = KC_OK;
    *none = true;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *from = sqlite3_column_text(st, 0);
        const unsigned char *to = sqlite3_column_text(st, 1);
        if (from && to) {
            snprintf(pl->from, sizeof pl->from, "%s", (const char *)from);
            snprintf(pl->to, sizeof pl->to, "%s", (const char *)to);
            *none = false;
        }
    } else {
        rc = kc__sqlfail(db, "allkill");
    }
    sqlite3_reset(st);
    return rc;
}

/* The days of the periods that can be in force at hour h (local hours, as
 * period_start gives them) into pl: from its day less
 * allkill-hour-window.sql's days, to the day after its own. */
static int hour_window(kc_db *db, int64_t h, pool *pl)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_allkill_hour_window);
    if (!st)
        return KC_ESTORE;
    int64_t widen = 0;
    int rc = kc__step_id(db, st, &widen, "allkill");
    if (rc)
        return rc;
    int64_t day = h >= 0 ? h / 24 : (h - 23) / 24;
    char d[16];
    kc__format_date(day - widen, d);
    snprintf(pl->from, sizeof pl->from, "%s", d);
    kc__format_date(day + 1, d);
    snprintf(pl->to, sizeof pl->to, "%s", d);
    return KC_OK;
}

/* Binds a's row of kind (k's charts) to ins (allkill-result-put.sql,
 * allkill-tally-put.sql: the same names but :year) and runs it. */
static int put_tally(kc_db *db, sqlite3_stmt *ins, const char *kind, const kind_data *k,
                     const tally *a)
{
    char first[16] = "", last[16] = "", from[16] = "", missing[1024] = "";
    size_t mn = 0;
    for (int c = 0; c < k->nlines; c++)
        if (a->missing[c] && mn < sizeof missing - 100)
            mn += (size_t)snprintf(missing + mn, sizeof missing - mn, "%s%s %ld h",
                                   mn ? ", " : "", k->lines[c]->id, a->missing[c]);
    if (a->hours) {
        kc__allkill_hour(a->first, first);
        kc__allkill_hour(a->last, last);
        kc__allkill_hour(a->best_start, from);
    }
    kc__bind_text(ins, ":kind", kind);
    kc__bind_int64(ins, ":song", a->song);
    kc__bind_int64(ins, ":hours", a->hours);
    kc__bind_text(ins, ":first", a->hours ? first : NULL);
    kc__bind_text(ins, ":from", a->hours ? from : NULL);
    kc__bind_text(ins, ":last", a->hours ? last : NULL);
    kc__bind_int64(ins, ":longest", a->best);
    kc__bind_text(ins, ":missing", mn ? missing : NULL);
    /* A set's charts share a zone (checked at load): the first's. */
    for (int c = 0; c < k->nlines; c++)
        if (k->lines[c]->zone[0]) {
            kc__bind_text(ins, ":zone", k->lines[c]->zone);
            break;
        }
    int rc = sqlite3_step(ins) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "allkill");
    sqlite3_reset(ins);
    sqlite3_clear_bindings(ins);
    return rc;
}

/* Derives temp.allkill_held from temp.allkill_tally: the caption of each
 * leaderboard that has rows (a kind, a year or every year), as
 * board_caption words it, each chart's periods read once for all. */
static int held_all(kc_db *db)
{
    int rc = kc__exec(db, kc__sql_allkill_held_clear);
    sqlite3_stmt *boards = rc ? NULL : kc__prepare(db, kc__sql_allkill_held_boards);
    sqlite3_stmt *put = boards ? kc__prepare(db, kc__sql_allkill_held_put) : NULL;
    if (!rc && (!boards || !put))
        rc = KC_ESTORE;
    kc__coverage_cache *cache = rc ? NULL : kc__coverage_cache_new();
    if (!rc && !cache)
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(boards)) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(boards, 0);
        int year = sqlite3_column_int(boards, 1);
        char from[16] = "", to[16] = "", held[1200];
        if (year) {
            snprintf(from, sizeof from, "%04d-01-01", year);
            snprintf(to, sizeof to, "%04d-12-31", year);
        }
        if ((rc = kc__allkill_held(db, cache, kind, year ? from : NULL, year ? to : NULL,
                                   held, sizeof held)))
            break;
        kc__bind_text(put, ":kind", kind);
        kc__bind_int64(put, ":year", year);
        kc__bind_text(put, ":held", held);
        rc = kc__step_done(db, put, "allkill");
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "allkill");
    kc__coverage_cache_free(cache);
    sqlite3_finalize(boards);
    sqlite3_finalize(put);
    return rc;
}

/* Derives temp.allkill_tally again: every stored kind walked over every
 * hour once, each song's tally of every year (year 0) and of each year;
 * then the leaderboards' captions (held_all). */
static int tally_all(kc_db *db)
{
    int rc = kc__exec(db, kc__sql_allkill_tally_clear);
    kc_table *kinds = NULL;
    if (!rc)
        rc = kinds_of(db, NULL, &kinds);
    sqlite3_stmt *ins = rc ? NULL : kc__prepare(db, kc__sql_allkill_tally_put);
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
        tallies t = {0}, years = {0};
        if (!(t.by_song = kc__map_new()) || !(years.by_song = kc__map_new()))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        if (!rc)
            rc = kind_walk(db, k, INT64_MIN, INT64_MAX, &t, &years);
        for (size_t i = 0; !rc && i < t.n + years.n; i++) {
            const tally *a = i < t.n ? &t.v[i] : &years.v[i - t.n];
            kc__bind_int64(ins, ":year", a->year);
            rc = put_tally(db, ins, kind, k, a);
        }
        kc__map_free(t.by_song, NULL);
        kc__map_free(years.by_song, NULL);
        free(t.v);
        free(years.v);
    }
    if (pl)
        pool_free(pl);
    free(pl);
    free(k);
    sqlite3_finalize(ins);
    kc_table_free(kinds);
    return rc ? rc : held_all(db);
}

/* Brings temp.allkill_tally up to date with the store, in one read of it
 * (the caller's transaction, else one of its own): nothing is read when
 * nothing was written to the store since the handle last found it so
 * (kc__seen_same: other reads' temporary tables do not count);
 * else allkill-sig.sql's text is compared with the one it was derived
 * from, and every kind walked again (tally_all) only when they differ.
 * Writes only temporary tables. */
static int tally_sync(kc_db *db)
{
    if (kc__seen_same(db, KC__SEEN_ALLKILL))
        return KC_OK;
    kc__seen_forget(db, KC__SEEN_ALLKILL);
    bool own = sqlite3_get_autocommit(kc__sql(db));
    int rc = own ? kc_read_begin(db) : KC_OK;
    sqlite3_stmt *st = rc ? NULL : kc__stmt(db, kc__sql_allkill_sig);
    if (!rc && !st)
        rc = KC_ESTORE;
    char *sig = NULL;
    if (!rc && sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        if (!(sig = kc__strdup(t ? (const char *)t : "")))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
    } else if (!rc) {
        rc = kc__sqlfail(db, "allkill");
    }
    if (st)
        sqlite3_reset(st);
    bool same = false;
    sqlite3_stmt *get = rc ? NULL : kc__stmt(db, kc__sql_allkill_sig_get);
    if (!rc && !get)
        rc = KC_ESTORE;
    if (!rc) {
        int step = sqlite3_step(get);
        if (step == SQLITE_ROW)
            same = !strcmp((const char *)sqlite3_column_text(get, 0), sig);
        else if (step != SQLITE_DONE)
            rc = kc__sqlfail(db, "allkill");
        sqlite3_reset(get);
    }
    if (!rc && !same)
        rc = tally_all(db);
    sqlite3_stmt *put = rc || same ? NULL : kc__stmt(db, kc__sql_allkill_sig_put);
    if (!rc && !same && !put)
        rc = KC_ESTORE;
    if (put) {
        kc__bind_text(put, ":sig", sig);
        rc = kc__step_done(db, put, "allkill");
    }
    free(sig);
    /* Noted inside the read (a commit by another connection after it
     * changes PRAGMA data_version) and after this handle's own writes. */
    if (!rc)
        rc = kc__seen_note(db, KC__SEEN_ALLKILL);
    if (own && !rc)
        kc_read_end(db); /* keeps the note, should chart_cover be written */
    else if (own)
        kc__rollback(db);
    return rc;
}

/* Checks the year (o's, "" or YYYY) into *year (0: none) and the kind
 * asked for (o's, NULL: every kind); KC_EUSAGE or KC_ENOTFOUND with the
 * message set when one is not valid or not stored. */
static int check_opts(kc_db *db, const kc_allkill_opts *o, int *year)
{
    *year = 0;
    if (o && o->year &&
        (strlen(o->year) != 4 || !kc__digits(o->year, 4, year) || *year < 1900 ||
         *year > 2999))
        return kc__fail(db, KC_EUSAGE, "a year is YYYY, 1900-2999");
    if (!o || !o->kind)
        return KC_OK;
    kc_table *kinds = NULL;
    int rc = kinds_of(db, o->kind, &kinds);
    if (!rc && !kinds->nrows)
        rc = kc__fail(db, KC_ENOTFOUND,
                      "no All-Kill rules of kind \"%s\" (see `kchart allkill --rules`)",
                      o->kind);
    kc_table_free(kinds);
    return rc;
}

/* Song's All-Kills into the temp table allkill_result, every kind's: its
 * hours are walked only within its window (song_window), each kind's
 * charts read for that window only: outside it no chart has the song at
 * No. 1, and inside it every period in force is read, so its row is the
 * one the whole walk gives. */
static int evaluate_song(kc_db *db, int64_t song)
{
    int rc = kc__exec(db, kc__sql_allkill_result_clear);
    if (rc)
        return rc;
    kc_table *kinds = NULL;
    rc = kinds_of(db, NULL, &kinds);
    if (rc)
        return rc;
    sqlite3_stmt *ins = kc__prepare(db, kc__sql_allkill_result_put);
    if (!ins)
        rc = KC_ESTORE;
    kind_data *k = kc__malloc(sizeof *k);
    pool *pl = kc__calloc(1, sizeof *pl);
    if (!rc && (!k || !pl))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    bool none = false;
    if (!rc)
        rc = song_window(db, song, pl, &none);
    for (size_t ki = 0; !rc && !none && ki < kinds->nrows; ki++) {
        const char *kind = kc_table_cell(kinds, ki, 0);
        if ((rc = kind_load(db, kind, pl, k)))
            break;
        tallies t = {0};
        if (!(t.by_song = kc__map_new()))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        if (!rc)
            rc = kind_walk(db, k, INT64_MIN, INT64_MAX, &t, NULL);
        for (size_t i = 0; !rc && i < t.n; i++)
            if (t.v[i].song == song)
                rc = put_tally(db, ins, kind, k, &t.v[i]);
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
    int rc = kinds_of(db, NULL, &kinds);
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
            rc = kind_walk(db, k, INT64_MIN, INT64_MAX, &t, NULL);
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

/* Every kind (kind: that one) for every song of temp.allkill_songs into
 * *out, at most limit rows (a number, as text); with made, only the kinds
 * where the song made one or lost hours to a missing chart
 * (allkill-song-rows.sql). */
static int song_rows(kc_db *db, const char *limit, const char *kind, const char *made,
                     kc_table **out)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_allkill_song_rows);
    kc__bind_text(st, ":limit", limit);
    kc__bind_text(st, ":kind", kind);
    kc__bind_text(st, ":made", made);
    return kc__table_from_stmt(db, st, out);
}

int kc__allkill_held(kc_db *db, kc__coverage_cache *cache, const char *kind,
                     const char *from, const char *to, char *out, size_t len)
{
    char day[11];
    snprintf(day, sizeof day, "%.10s", to ? to : "9999-12-31");
    out[0] = '\0';
    sqlite3_stmt *st = kc__stmt(db, kc__sql_allkill_held_charts);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":kind", kind);
    kc__bind_text(st, ":from", from);
    kc__bind_text(st, ":to", day);
    char *charts = NULL, start[16] = "";
    int rc = KC_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *c = sqlite3_column_text(st, 0);
        const unsigned char *since = sqlite3_column_text(st, 1);
        snprintf(start, sizeof start, "%s", since ? (const char *)since : "");
        if (c && !(charts = kc__strdup((const char *)c)))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
    } else {
        rc = kc__sqlfail(db, "allkill");
    }
    sqlite3_reset(st);
    /* The window opens at the later of from and the kind's first day. */
    const char *open = from && strcmp(from, start) > 0 ? from : start[0] ? start : from;
    if (!rc && charts)
        rc = kc__coverage_clause(db, cache, charts, open, to, out, len);
    free(charts);
    return rc;
}

/* What kind's leaderboard of year (0: every year; from and to its first
 * and last day, else "") stands on that the store does not hold whole, into
 * held: as derived with the tally (held_all), else derived now. */
static int held_of(kc_db *db, kc__coverage_cache *cache, const char *kind, int year,
                   const char *from, const char *to, char *held, size_t len)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_allkill_held_get);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":kind", kind);
    kc__bind_int64(st, ":year", year);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const unsigned char *h = sqlite3_column_text(st, 0);
        snprintf(held, len, "%s", h ? (const char *)h : "");
    }
    sqlite3_reset(st);
    if (step == SQLITE_ROW)
        return KC_OK;
    if (step != SQLITE_DONE)
        return kc__sqlfail(db, "allkill");
    return kc__allkill_held(db, cache, kind, from[0] ? from : NULL, to[0] ? to : NULL,
                            held, len);
}

/* Captions a leaderboard t (a kind a row, in column 1) with what the store
 * does not hold whole of each kind's charts over the window (o's year, its
 * number in year, else all): the list is then of this archive. No caption
 * when it holds them all. */
static int board_caption(kc_db *db, const kc_allkill_opts *o, int year, kc_table *t)
{
    char from[16] = "", to[16] = "", held[1200];
    if (o && o->year) {
        snprintf(from, sizeof from, "%.4s-01-01", o->year);
        snprintf(to, sizeof to, "%.4s-12-31", o->year);
    }
    kc__coverage_cache *cache = kc__coverage_cache_new();
    size_t cap = 0, len = 0;
    char *title = NULL;
    int rc = cache ? KC_OK : kc__fail(db, KC_ENOMEM, "out of memory");
    for (size_t r = 0; !rc && r < t->nrows; r++) {
        const char *kind = kc_table_cell(t, r, 1);
        bool seen = false;
        for (size_t q = 0; kind && q < r && !seen; q++)
            seen = kc_table_cell(t, q, 1) && !strcmp(kc_table_cell(t, q, 1), kind);
        if (!kind || seen)
            continue;
        if ((rc = held_of(db, cache, kind, year, from, to, held, sizeof held)) ||
            !held[0])
            continue;
        size_t need = len + strlen(kind) + strlen(held) + 96;
        if (need > cap) {
            char *g = kc__realloc(title, need);
            if (!g) {
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
                break;
            }
            title = g;
            cap = need;
        }
        len += (size_t)snprintf(title + len, cap - len,
                                "%sAll-Kills (%s)%s%s in this archive, which holds %s.",
                                len ? " " : "", kind, from[0] ? " of " : "",
                                from[0] ? o->year : "", held);
    }
    kc__coverage_cache_free(cache);
    if (!rc && title) {
        free(t->title);
        t->title = title;
        title = NULL;
    }
    free(title);
    return rc;
}

int kc_query_allkill(kc_db *db, const char *query, size_t limit, const kc_allkill_opts *o,
                     kc_table **out)
{
    *out = NULL;
    kc_table *songs = NULL;
    int rc = KC_OK;
    if (query && (rc = kc_query_song(db, query, 1000, &songs)))
        return rc;
    int year = 0;
    if (!(rc = check_opts(db, o, &year)))
        rc = tally_sync(db);
    /* A query about songs reads the kinds and year asked for from
     * temp.allkill_result (allkill-song-rows.sql). */
    if (!rc && songs)
        rc = kc__exec(db, kc__sql_allkill_result_clear);
    sqlite3_stmt *fill =
        rc || !songs ? NULL : kc__prepare(db, kc__sql_allkill_tally_result);
    if (fill) {
        kc__bind_int64(fill, ":year", year);
        kc__bind_text(fill, ":kind", o ? o->kind : NULL);
        rc = kc__step_done(db, fill, "allkill");
        sqlite3_finalize(fill);
    } else if (!rc && songs) {
        rc = KC_ESTORE;
    }
    if (!rc && songs) {
        rc = kc__exec(db, kc__sql_allkill_songs_clear);
        sqlite3_stmt *st = rc ? NULL : kc__prepare(db, kc__sql_allkill_songs_put);
        if (!rc && !st)
            rc = KC_ESTORE;
        for (size_t i = 0; !rc && i < songs->nrows; i++) {
            kc__bind_text(st, ":song", kc_table_cell(songs, i, 0));
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
    /* Every kind for every song matched, hours 0 where it made none; or the
     * leaderboard: songs that made it, by hours or by the first hour. */
    if (query)
        return song_rows(db, lim, o ? o->kind : NULL, NULL, out);
    sqlite3_stmt *st = kc__prepare(db, by_first ? kc__sql_allkill_board_first
                                                : kc__sql_allkill_board_hours);
    kc__bind_text(st, ":limit", lim);
    kc__bind_int64(st, ":year", year);
    kc__bind_text(st, ":kind", o ? o->kind : NULL);
    if ((rc = kc__table_from_stmt(db, st, out)))
        return rc;
    /* The first and the most of a kind are claims about every hour: the
     * list says what the store holds when it is not the whole. */
    if ((rc = board_caption(db, o, year, *out))) {
        kc_table_free(*out);
        *out = NULL;
    }
    return rc;
}

int kc_query_song_allkills(kc_db *db, int64_t song_id, kc_table **out)
{
    *out = NULL;
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)song_id);
    int rc = evaluate_song(db, song_id);
    if (!rc)
        rc = kc__exec(db, kc__sql_allkill_songs_clear);
    sqlite3_stmt *st = rc ? NULL : kc__prepare(db, kc__sql_allkill_songs_put);
    if (!rc && !st)
        rc = KC_ESTORE;
    if (!rc) {
        kc__bind_int64(st, ":song", song_id);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = kc__sqlfail(db, "allkill");
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    char lim[32];
    snprintf(lim, sizeof lim, "%zu", (size_t)-1 >> 1);
    return song_rows(db, lim, NULL, "made or missed", out);
}

int kc_query_allkill_at(kc_db *db, const char *hour, const char *kind_only,
                        kc_table **out)
{
    *out = NULL;
    int64_t h;
    if (!hour || strlen(hour) != 13 || !period_start(hour, &h))
        return kc__fail(db, KC_EUSAGE,
                        "an hour is YYYY-MM-DDTHH (the charts' local time)");
    int rc = kc__exec(db, kc__sql_allkill_state_clear);
    kc_table *kinds = NULL;
    if (!rc)
        rc = kinds_of(db, kind_only, &kinds);
    if (!rc && !kinds->nrows && kind_only)
        rc = kc__fail(db, KC_ENOTFOUND,
                      "no All-Kill rules of kind \"%s\" (see `kchart allkill --rules`)",
                      kind_only);
    sqlite3_stmt *ins = rc ? NULL : kc__prepare(db, kc__sql_allkill_state_put);
    if (!rc && !ins)
        rc = KC_ESTORE;
    kind_data *k = rc ? NULL : kc__malloc(sizeof *k);
    pool *pl = rc ? NULL : kc__calloc(1, sizeof *pl);
    if (!rc && (!k || !pl))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    /* Each chart's periods around the hour only, not its whole line. */
    if (!rc)
        rc = hour_window(db, h, pl);
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
                kc__bind_text(ins, ":kind", kind);
                kc__bind_text(ins, ":verdict", verdict);
                kc__bind_text(ins, ":chart", c->id);
                kc__bind_text(ins, ":period", no1[i] >= 0 ? c->period[c->cur] : NULL);
                if (no1[i] > 0)
                    kc__bind_int64(ins, ":song", no1[i]);
                else
                    kc__bind_null(ins, ":song");
                kc__bind_text(ins, ":state",
                              no1[i] < 0    ? "missing"
                              : no1[i] == 0 ? "No. 1 not among the songs followed"
                                            : "No. 1");
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
    return kc__table_from_stmt(db, kc__prepare(db, kc__sql_allkill_state), out);
}
