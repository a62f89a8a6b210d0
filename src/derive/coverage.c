/*
 * coverage.c: what the store holds of a chart over a window of days, and
 * whether that is enough to say "the first", "the most" or "the longest so
 * far" of everything that charted there (docs/entities.md, "What the store
 * covers"). A chart is held whole over a window when the store has every
 * period of it there by its cadence, each snapshot whole (not a per-song
 * series' partial one), from the window's first day when it has one (an
 * All-Kill's rule set names the day its charts count from), else from the
 * chart's own beginning: a first stored period where no song had charted
 * before by the provider's counters. Evidence decides, not a list: a chart
 * whose first stored period carries counters that say otherwise began
 * before the store.
 *
 * Read from the stored snapshots on every call (coverage-chart.sql, the
 * same piece that `kchart charts` shows); the words are English for the
 * records' answers and the news. Not which claims need it: records.c and
 * the news layer ask.
 */
#include "derive/derive.h"

#include <sql/derive_sql.h>
#include <stdio.h>
#include <string.h>

int kc__coverage_of(kc_db *db, const char *chart, const char *from, const char *to,
                    kc__coverage *c)
{
    memset(c, 0, sizeof *c);
    sqlite3_stmt *st = kc__stmt(db, kc__sql_coverage_chart);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    kc__bind_text(st, ":from", from);
    kc__bind_text(st, ":to", to);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        static const int text_cols[] = {0, 1, 2, 3, 8};
        char *texts[] = {c->name, c->cadence, c->first, c->last, c->begins};
        size_t lens[] = {sizeof c->name, sizeof c->cadence, sizeof c->first,
                         sizeof c->last, sizeof c->begins};
        for (int i = 0; i < 5; i++) {
            const unsigned char *v = sqlite3_column_text(st, text_cols[i]);
            snprintf(texts[i], lens[i], "%s", v ? (const char *)v : "");
        }
        kc__utf8_cut(c->name);
        c->periods = sqlite3_column_int64(st, 4);
        c->missing = sqlite3_column_int64(st, 5);
        c->partial = sqlite3_column_int64(st, 6);
        c->seeded = sqlite3_column_int64(st, 7);
        c->found = true;
    }
    sqlite3_reset(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? KC_OK
                                                     : kc__sqlfail(db, "coverage");
}

/* The first day of a period ("2018-01-01T00", "2016-08", "2016") into day
 * (11 bytes). */
static void period_day(const char *period, char day[11])
{
    char p[48];
    snprintf(p, sizeof p, "%.31s-01-01", period);
    memcpy(day, p, 10);
    day[10] = '\0';
}

/* Whether the store begins the chart after the window's first day. */
static bool begins_late(const kc__coverage *c, const char *from)
{
    char first[11];
    period_day(c->begins, first);
    return from && strcmp(first, from) > 0;
}

/* Whether the store begins the chart with songs that had charted before,
 * inside the window (or anywhere when it has no first day). */
static bool begins_mid_history(const kc__coverage *c, const char *from)
{
    return c->seeded > 0 && (!from || begins_late(c, from));
}

bool kc__coverage_whole(const kc__coverage *c, const char *from)
{
    return c->found && !c->missing && !c->partial && !begins_late(c, from) &&
           !begins_mid_history(c, from);
}

/* "hour", "day"... of a cadence. */
static const char *unit_of(const char *cadence)
{
    return !strcmp(cadence, "hourly")    ? "hour"
           : !strcmp(cadence, "daily")   ? "day"
           : !strcmp(cadence, "weekly")  ? "week"
           : !strcmp(cadence, "monthly") ? "month"
                                         : "year";
}

void kc__coverage_words(const kc__coverage *c, const char *from, char *out, size_t len)
{
    size_t o = 0;
    out[0] = '\0';
    if (!c->found) {
        snprintf(out, len, "nothing of the %s", c->name);
        kc__utf8_cut(out);
        return;
    }
    o += (size_t)snprintf(out, len, "the %s from %s", c->name, c->first);
    const char *sep = " (";
    if (o < len && begins_mid_history(c, from)) {
        o += (size_t)snprintf(out + o, len - o, "%smid-history", sep);
        sep = ", ";
    }
    if (o < len && c->partial) {
        if (c->partial == c->periods)
            o += (size_t)snprintf(out + o, len - o, "%sonly some of its songs", sep);
        else
            o +=
                (size_t)snprintf(out + o, len - o, "%s%lld %ss of only some of its songs",
                                 sep, (long long)c->partial, unit_of(c->cadence));
        sep = ", ";
    }
    if (o < len && c->missing) {
        char n[32];
        kc__format_thousands(c->missing, n, sizeof n);
        o += (size_t)snprintf(out + o, len - o, "%s%s %s%s missing", sep, n,
                              unit_of(c->cadence), c->missing == 1 ? "" : "s");
        sep = ", ";
    }
    if (o < len && strcmp(sep, " ("))
        snprintf(out + o, len - o, ")");
    kc__utf8_cut(out);
}

int kc__coverage_clause(kc_db *db, const char *charts, const char *from, const char *to,
                        char *out, size_t len)
{
    out[0] = '\0';
    size_t o = 0;
    int rc = KC_OK, held = 0;
    for (const char *p = charts; *p && !rc;) {
        while (*p == ' ')
            p++;
        size_t k = strcspn(p, " ");
        if (!k)
            break;
        char id[128];
        snprintf(id, sizeof id, "%.*s", (int)(k < sizeof id ? k : sizeof id - 1), p);
        bool again = false; /* named before: said once */
        for (const char *q = charts; q < p && !again; q += strspn(q, " ")) {
            size_t qk = strcspn(q, " ");
            again = qk == k && !memcmp(q, p, k);
            q += qk;
        }
        p += k;
        if (again)
            continue;
        kc__coverage c;
        if ((rc = kc__coverage_of(db, id, from, to, &c)))
            break;
        if (!c.found)
            snprintf(c.name, sizeof c.name, "%s", id); /* named by its id */
        if (kc__coverage_whole(&c, from))
            continue;
        char words[512];
        kc__coverage_words(&c, from, words, sizeof words);
        if (o < len)
            o += (size_t)snprintf(out + o, len - o, "%s%s", held ? "; " : "", words);
        held++;
    }
    kc__utf8_cut(out);
    return rc;
}
