/*
 * words.c: a result table in the words people use, for the aligned table
 * alone: periods on a chart as weeks, days or hours after its cadence, a
 * chart's id as its name, "open" and "seeded" (a count the provider gave
 * before the store's first period) as "before our data", "35 h" as "35
 * hours". CSV and JSON keep the machine names, which scripts rely on.
 *
 * Not a query: it reads the chart registry to name charts, and changes no
 * figure, only how a figure is said.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* The chart registry's id, name and cadence columns, to look charts up. */
typedef struct {
    kc_table *t;
    size_t id, name, cadence;
} registry;

static void registry_load(kc_db *db, registry *r)
{
    r->t = NULL;
    if (!db || kc_query_charts(db, &r->t))
        return;
    r->id = r->name = r->cadence = (size_t)-1;
    for (size_t c = 0; c < r->t->ncols; c++) {
        if (!strcmp(r->t->cols[c], "id"))
            r->id = c;
        else if (!strcmp(r->t->cols[c], "name"))
            r->name = c;
        else if (!strcmp(r->t->cols[c], "cadence"))
            r->cadence = c;
    }
    if (r->id == (size_t)-1 || r->name == (size_t)-1 || r->cadence == (size_t)-1) {
        kc_table_free(r->t);
        r->t = NULL;
    }
}

/* The registry's row of chart id (its first len bytes), or -1. */
static long registry_row(const registry *r, const char *id, size_t len)
{
    if (!r->t || !id)
        return -1;
    for (size_t row = 0; row < r->t->nrows; row++) {
        const char *v = kc_table_cell(r->t, row, r->id);
        if (v && strlen(v) == len && !memcmp(v, id, len))
            return (long)row;
    }
    return -1;
}

static const char *registry_cell(const registry *r, long row, size_t col)
{
    return row < 0 ? NULL : kc_table_cell(r->t, (size_t)row, col);
}

/* What one period of a cadence is called, singular or plural. */
static const char *unit(const char *cadence, bool plural)
{
    static const struct {
        const char *cadence, *one, *many;
    } units[] = {{"weekly", "week", "weeks"},
                 {"daily", "day", "days"},
                 {"hourly", "hour", "hours"},
                 {"monthly", "month", "months"},
                 {"yearly", "year", "years"}};
    for (size_t i = 0; cadence && i < sizeof units / sizeof *units; i++)
        if (!strcmp(cadence, units[i].cadence))
            return plural ? units[i].many : units[i].one;
    return NULL;
}

/* The view being built: every string in it owned. */
typedef struct {
    table_view v;
    bool failed;
} building;

static char *own(building *b, const char *s)
{
    char *copy = s ? strdup(s) : NULL;
    if (s && !copy)
        b->failed = true;
    return copy;
}

/* A new string "a" "b" "c" (NULLs as ""). */
static char *join(building *b, const char *x, const char *y, const char *z)
{
    x = x ? x : "", y = y ? y : "", z = z ? z : "";
    size_t n = strlen(x) + strlen(y) + strlen(z) + 1;
    char *s = malloc(n);
    if (!s) {
        b->failed = true;
        return NULL;
    }
    snprintf(s, n, "%s%s%s", x, y, z);
    return s;
}

/* The columns that count periods on a chart: as people name them for one
 * chart of a known cadence (NULL: keep the name; %s is the plural unit, %1
 * the singular) and for a table of several charts, whose cells then carry
 * their unit. */
static const struct {
    const char *col, *one_chart, *many_charts;
    bool counts; /* cells are a number of periods */
} counters[] = {
    {"periods", "%s", "on chart", true},
    {"at_peak", "%s at peak", "at peak", true},
    {"longest_streak", "longest streak", "longest streak", true},
    {"no1", "%s at No. 1", "at No. 1", true},
    {"seeded", "before our data", "before our data", true},
    {"last_period", "last %1", "last seen", false},
    {"peak_period", "peak %1", "peak on", false},
};

static char *column_name(building *b, const char *col, const char *cadence, bool per_row,
                         size_t *counter)
{
    *counter = (size_t)-1;
    for (size_t i = 0; i < sizeof counters / sizeof *counters; i++) {
        if (strcmp(col, counters[i].col))
            continue;
        *counter = i;
        if (per_row)
            return own(b, counters[i].many_charts);
        const char *fmt = counters[i].one_chart, *mark = strchr(fmt, '%');
        const char *u = unit(cadence, mark && mark[1] == 's');
        if (!mark)
            return own(b, fmt);
        if (!u)
            return own(b, col);
        char head[64];
        snprintf(head, sizeof head, "%.*s", (int)(mark - fmt), fmt);
        return join(b, head, u, mark + 2);
    }
    char *said = own(b, col); /* "debut_rank" is "debut rank" */
    for (char *p = said; p && *p; p++)
        if (*p == '_')
            *p = ' ';
    return said;
}

/* "35 h" as "35 hours", and a leading chart id as the chart's name, in each
 * item of a list ("bugs-realtime 35 h, genie-realtime 2 h"). */
static char *say_missing(building *b, const registry *r, const char *s)
{
    size_t cap = strlen(s) * 2 + 256, n = 0;
    char *out = malloc(cap);
    if (!out) {
        b->failed = true;
        return NULL;
    }
    out[0] = '\0';
    while (*s) {
        const char *end = strstr(s, ", ");
        size_t len = end ? (size_t)(end - s) : strlen(s);
        const char *space = memchr(s, ' ', len);
        long row = space ? registry_row(r, s, (size_t)(space - s)) : -1;
        const char *name = registry_cell(r, row, r->name);
        int idlen = name ? (int)(space - s) : 0;
        const char *rest = s + idlen;
        int restlen = (int)len - idlen;
        bool hours = restlen >= 2 && !memcmp(rest + restlen - 2, " h", 2);
        n += (size_t)snprintf(out + n, cap - n, "%s%s%.*s%s", n ? ", " : "",
                              name ? name : "", hours ? restlen - 2 : restlen, rest,
                              hours ? " hours" : "");
        if (n >= cap)
            break;
        s += len;
        if (*s)
            s += 2;
    }
    return out;
}

/* The caption with a leading chart id as the chart's name and "top by K"
 * as people ask it. */
static char *say_title(building *b, const registry *r, const char *title,
                       const char *cadence)
{
    if (!title)
        return NULL;
    size_t len = strcspn(title, " :");
    long row = registry_row(r, title, len);
    const char *name = registry_cell(r, row, r->name);
    const char *rest = name ? title + len : title;
    static const struct {
        const char *by, *said;
    } tops[] = {{": top by periods", ": the most %s on the chart"},
                {": top by no1", ": the most %s at No. 1"},
                {": top by peak", ": the highest peaks"},
                {": top by streak", ": the longest unbroken runs"}};
    const char *u = unit(cadence, true);
    for (size_t i = 0; u && i < sizeof tops / sizeof *tops; i++) {
        if (strcmp(rest, tops[i].by))
            continue;
        char said[96];
        snprintf(said, sizeof said, tops[i].said, u);
        return join(b, name ? name : "", name ? "" : title, said);
    }
    /* "billboard-hot-100 2026-08-08": the chart's name, the week of. */
    const char *one = unit(cadence, false);
    if (name && rest[0] == ' ' && one && strcmp(one, "day")) {
        char of[32];
        snprintf(of, sizeof of, ", the %s of", one);
        char *head = join(b, name, of, "");
        char *said = join(b, head, rest, "");
        free(head);
        return said;
    }
    return join(b, name ? name : "", rest, "");
}

/* A number of periods of a cadence as people say it: "14 weeks", "1 day". */
static char *say_count(building *b, const char *count, const char *cadence)
{
    if (!count || !*count || !unit(cadence, true))
        return own(b, count);
    return join(b, count, " ", unit(cadence, strcmp(count, "1") != 0));
}

/* Frees what a view owns, not the view. */
static void free_parts(table_view *v)
{
    for (size_t c = 0; v->cols && c < v->ncols; c++)
        free((char *)v->cols[c]);
    for (size_t i = 0; v->cells && i < v->ncols * v->nrows; i++)
        free((char *)v->cells[i]);
    free((char *)v->title);
    free(v->cols);
    free(v->cells);
}

table_view *cli_view(kc_db *db, const kc_table *t, const json_t *context)
{
    registry r;
    registry_load(db, &r);
    /* The chart of the whole table (its context), or a chart column. */
    const json_t *chart = context ? json_object_get(context, "chart") : NULL;
    const char *chart_id = json_is_object(chart)
                               ? json_string_value(json_object_get(chart, "id"))
                               : json_string_value(chart);
    const char *cadence = json_is_object(chart)
                              ? json_string_value(json_object_get(chart, "cadence"))
                              : NULL;
    if (!cadence && chart_id)
        cadence =
            registry_cell(&r, registry_row(&r, chart_id, strlen(chart_id)), r.cadence);
    size_t chart_col = (size_t)-1;
    for (size_t c = 0; c < t->ncols; c++)
        if (!strcmp(t->cols[c], "chart"))
            chart_col = c;
    bool per_row = chart_col != (size_t)-1 && r.t;
    /* `verify` counts entries per field: its "seeded" is entries, not
     * periods. */
    bool entries = false;
    for (size_t c = 0; c < t->ncols; c++)
        entries |= !strcmp(t->cols[c], "field");
    building b = {{t->ncols, t->nrows, NULL, NULL, NULL}, false};
    b.v.cols = calloc(t->ncols + 1, sizeof *b.v.cols);
    b.v.cells = calloc(t->ncols * t->nrows + 1, sizeof *b.v.cells);
    size_t *counter = calloc(t->ncols + 1, sizeof *counter);
    if (!b.v.cols || !b.v.cells || !counter)
        b.failed = true;
    for (size_t c = 0; !b.failed && c < t->ncols; c++)
        b.v.cols[c] = column_name(&b, t->cols[c], cadence, per_row, &counter[c]);
    b.v.title = say_title(&b, &r, t->title, cadence);
    for (size_t row = 0; !b.failed && row < t->nrows; row++) {
        const char *row_chart = per_row ? kc_table_cell(t, row, chart_col) : NULL;
        long reg = row_chart ? registry_row(&r, row_chart, strlen(row_chart)) : -1;
        const char *row_cadence = registry_cell(&r, reg, r.cadence);
        for (size_t c = 0; c < t->ncols; c++) {
            const char *cell = kc_table_cell(t, row, c), *col = t->cols[c];
            char **to = (char **)&b.v.cells[row * t->ncols + c];
            if (!cell)
                *to = NULL;
            else if (c == chart_col && registry_cell(&r, reg, r.name))
                *to = own(&b, registry_cell(&r, reg, r.name));
            else if (per_row && !entries && counter[c] != (size_t)-1 &&
                     counters[counter[c]].counts)
                *to = say_count(&b, cell, row_cadence);
            else if (!strcmp(col, "flag") && !strcmp(cell, "open"))
                *to = own(&b, "before our data");
            else if (!strcmp(col, "missing"))
                *to = say_missing(&b, &r, cell);
            else if (!strcmp(col, "field") && !strcmp(cell, "periods") &&
                     unit(row_cadence, true))
                *to = own(&b, unit(row_cadence, true));
            else
                *to = own(&b, cell);
        }
    }
    free(counter);
    kc_table_free(r.t);
    table_view *v = b.failed ? NULL : malloc(sizeof *v);
    if (!v) {
        free_parts(&b.v);
        return NULL;
    }
    *v = b.v;
    return v;
}

void cli_view_free(table_view *v)
{
    if (!v)
        return;
    free_parts(v);
    free(v);
}

/* n and its noun, one or many after n (cli.h). */
const char *cli_noun(char *buf, size_t cap, size_t n, const char *one, const char *many)
{
    snprintf(buf, cap, "%zu %s", n, n == 1 ? one : many);
    return buf;
}
