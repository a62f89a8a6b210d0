/*
 * output.c: prints a kc_table as an aligned table, RFC 4180 CSV or JSON,
 * and the shared helpers of the commands (opening the store, exit codes).
 */
#include "../http/http.h"
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

int cli_parse_format(const char *s, out_format *f)
{
    if (!strcmp(s, "table"))
        *f = OUT_TABLE;
    else if (!strcmp(s, "csv"))
        *f = OUT_CSV;
    else if (!strcmp(s, "json"))
        *f = OUT_JSON;
    else
        return -1;
    return 0;
}

#define OWN_MAX 24 /* options of one command */

int cli_parse(cli_global *g, int argc, char **argv, const cli_option *own, int min_pos,
              int max_pos, void (*help)(FILE *))
{
    struct option longopts[OWN_MAX + 4];
    size_t n = 0;
    for (; own && own[n].name && n < OWN_MAX; n++)
        longopts[n] = (struct option){
            own[n].name, own[n].takes_value ? required_argument : no_argument, 0, (int)n};
    longopts[n] = (struct option){"db", required_argument, 0, 'D'};
    longopts[n + 1] = (struct option){"format", required_argument, 0, 'F'};
    longopts[n + 2] = (struct option){"help", no_argument, 0, 'h'};
    longopts[n + 3] = (struct option){0, 0, 0, 0};
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (opt >= 0 && (size_t)opt < n) {
            *own[opt].value = own[opt].takes_value ? optarg : "1";
        } else if (opt == 'D') {
            g->db_path = optarg;
        } else if (opt == 'F' && !cli_parse_format(optarg, &g->format)) {
            continue;
        } else if (opt == 'F' && g->input_format_ok) {
            g->input_format = optarg; /* ingest: --format names an input format */
        } else if (opt == 'F') {
            fprintf(stderr, "kchart: --format must be table, csv or json\n");
            return EXIT_USAGE;
        } else if (opt == 'h') {
            help(stdout);
            return 0;
        } else {
            help(stderr);
            return EXIT_USAGE;
        }
    }
    int npos = argc - optind;
    if (npos < min_pos || npos > max_pos) {
        help(stderr);
        return EXIT_USAGE;
    }
    return -1;
}

int cli_count(const char *option, const char *s, long long max, int allow_zero,
              size_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || errno || v < (allow_zero ? 0 : 1) || v > max) {
        fprintf(stderr, "kchart: --%s must be a number from %d to %lld\n", option,
                allow_zero ? 0 : 1, max);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

int cli_finish(const cli_global *g, kc_db *db, int rc, kc_table *t)
{
    return cli_finish_in(g, db, rc, t, NULL);
}

int cli_finish_in(const cli_global *g, kc_db *db, int rc, kc_table *t, json_t *context)
{
    int code = rc ? cli_fail(db, rc) : 0;
    if (!rc && t)
        cli_print_in(db, t, context, g->format, stdout);
    else
        json_decref(context);
    kc_table_free(t);
    kc_db_close(db);
    return code;
}

void cli_context_put(json_t *context, const char *key, const char *value)
{
    if (context && value)
        json_object_set_new(context, key, json_string(value));
}

json_t *cli_chart_context(kc_db *db, const char *chart_id, const char *period,
                          bool at_period)
{
    json_t *o = json_object();
    kc_table *info = NULL;
    if (o && !kc_query_chart_info(db, chart_id, &info))
        json_object_set_new(o, "chart", http_row_json(info, 0));
    else
        cli_context_put(o, "chart", chart_id);
    kc_table_free(info);
    kc_page page = {1, 0, 0};
    kc_chart_at at;
    kc_table *t = NULL;
    if (o && at_period && !kc_query_chart_page(db, chart_id, period, &page, &at, &t)) {
        cli_context_put(o, "period", at.period);
        if (period && strcmp(period, at.period))
            cli_context_put(o, "day", period); /* the day the period holds */
        json_object_set_new(o, "previous",
                            *at.previous ? json_string(at.previous) : json_null());
        json_object_set_new(o, "following",
                            *at.following ? json_string(at.following) : json_null());
    }
    kc_table_free(t);
    return o;
}

const char *cli_db_path(const cli_global *g)
{
    const char *path = g->db_path;
    if (!path)
        path = getenv("KCHART_DB");
    if (!path || !*path)
        path = "kchart.db";
    return path;
}

kc_db *cli_open(const cli_global *g)
{
    const char *path = cli_db_path(g);
    kc_db *db;
    if (kc_db_open(path, &db)) {
        cli_say(kc_open_errmsg());
        return NULL;
    }
    return db;
}

void cli_say(const char *message)
{
    fputs("kchart: ", stderr);
    for (const unsigned char *p = (const unsigned char *)message; *p; p++) {
        if (*p == '\n')
            fputs("\\n", stderr);
        else if (*p == '\t')
            fputs("\\t", stderr);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(stderr, "\\x%02x", *p);
        else
            fputc(*p, stderr);
    }
    fputc('\n', stderr);
}

int cli_fail(kc_db *db, int status)
{
    cli_say(kc_errmsg(db));
    return cli_exit_code(status);
}

int cli_exit_code(int status)
{
    switch (status) {
    case KC_EINPUT:
    case KC_ECONFLICT:
    case KC_ETOOBIG:
        return EXIT_INPUT;
    case KC_EUSAGE:
        return EXIT_USAGE;
    case KC_ENOTFOUND:
        return EXIT_NOTFOUND;
    default:
        return EXIT_STORE;
    }
}

/* Display width of a UTF-8 string: one column a character, two for East
 * Asian wide ones (Hangul syllables, CJK, full-width forms). */
static size_t width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int n;
        if (*p < 0x80)
            cp = *p, n = 1;
        else if ((*p >> 5) == 6)
            cp = *p & 0x1F, n = 2;
        else if ((*p >> 4) == 14)
            cp = *p & 0x0F, n = 3;
        else
            cp = *p & 0x07, n = 4;
        for (int i = 1; i < n && p[i]; i++)
            cp = cp << 6 | (p[i] & 0x3F);
        for (int i = 0; i < n && *p; i++)
            p++;
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
                    (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
    }
    return w;
}

/* A number, or a number and its unit ("14 weeks", words.c): aligned right. */
static bool numeric(const char *s)
{
    if (!s || !*s)
        return false;
    const char *start = s;
    for (; *s && *s != ' '; s++)
        if ((*s < '0' || *s > '9') && *s != '.' && *s != '-')
            return false;
    if (!*s)
        return true;
    if (s == start || !s[1])
        return false;
    for (s++; *s; s++)
        if (*s < 'a' || *s > 'z')
            return false;
    return true;
}

#define CELL_MAX 40 /* table cells longer than this are cut with "…" */

/* Columns whose text is the point (a sentence, a note, a list): never cut,
 * whatever their width. The last column of a table is never cut either: it
 * needs no padding, so a long cell costs nothing to the columns before it. */
static bool whole_column(const char *name)
{
    static const char *const whole[] = {"text",   "note",        "sentence",
                                        "counts", "region_list", "missing"};
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
        if (!strcmp(name, whole[i]))
            return true;
    return false;
}

static void print_cell(FILE *out, const char *s, size_t w, bool right, bool cut)
{
    size_t sw = width(s), shown = sw;
    char buf[CELL_MAX * 4 + 8];
    if (cut && sw > CELL_MAX) {
        /* Cut at a character boundary, leaving room for the ellipsis. */
        size_t i = 0, cw = 0;
        while (s[i] && cw < CELL_MAX - 1) {
            size_t n = 1;
            while ((s[i + n] & 0xC0) == 0x80)
                n++;
            char one[8];
            memcpy(one, s + i, n);
            one[n] = '\0';
            cw += width(one);
            i += n;
        }
        memcpy(buf, s, i);
        memcpy(buf + i, "\xE2\x80\xA6", 4);
        s = buf;
        shown = cw + 1;
    }
    if (right)
        fprintf(out, "%*s%s", (int)(w - shown), "", s);
    else if (w > shown)
        fprintf(out, "%s%*s", s, (int)(w - shown), "");
    else
        fputs(s, out);
}

static void print_view(const table_view *v, FILE *out)
{
    size_t *w = calloc(v->ncols, sizeof *w);
    bool *right = calloc(v->ncols, sizeof *right), *cut = calloc(v->ncols, sizeof *cut);
    if (!w || !right || !cut) {
        free(w);
        free(right);
        free(cut);
        return;
    }
    for (size_t c = 0; c < v->ncols; c++) {
        w[c] = width(v->cols[c]);
        right[c] = true;
        cut[c] = c + 1 < v->ncols && !whole_column(v->cols[c]);
        for (size_t r = 0; r < v->nrows; r++) {
            const char *cell = v->cells[r * v->ncols + c];
            size_t vw = cell ? width(cell) : 0;
            if (cut[c] && vw > CELL_MAX)
                vw = CELL_MAX;
            if (vw > w[c])
                w[c] = vw;
            if (cell && !numeric(cell))
                right[c] = false;
        }
    }
    if (v->title)
        fprintf(out, "%s\n", v->title);
    for (size_t c = 0; c < v->ncols; c++) {
        fputs(c ? "  " : "", out);
        /* The last column's name is padded only when right-aligned. */
        print_cell(out, v->cols[c], c + 1 < v->ncols || right[c] ? w[c] : 0, right[c],
                   false);
    }
    fputc('\n', out);
    for (size_t r = 0; r < v->nrows; r++) {
        /* No trailing blanks: the row ends at its last cell that says
         * something, which is padded only when right-aligned. */
        size_t end = 0;
        for (size_t c = 0; c < v->ncols; c++) {
            const char *cell = v->cells[r * v->ncols + c];
            if (cell && *cell)
                end = c + 1;
        }
        for (size_t c = 0; c < end; c++) {
            const char *cell = v->cells[r * v->ncols + c];
            fputs(c ? "  " : "", out);
            print_cell(out, cell ? cell : "", c + 1 < end || right[c] ? w[c] : 0,
                       right[c], cut[c]);
        }
        fputc('\n', out);
    }
    free(w);
    free(right);
    free(cut);
}

static void csv_cell(FILE *out, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void print_csv(const kc_table *t, FILE *out)
{
    for (size_t c = 0; c < t->ncols; c++) {
        fputs(c ? "," : "", out);
        csv_cell(out, t->cols[c]);
    }
    fputc('\n', out);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            fputs(c ? "," : "", out);
            csv_cell(out, kc_table_cell(t, r, c));
        }
        fputc('\n', out);
    }
}

/* JSON: the rows as an array of objects (src/http/json.c says how cells
 * are written); with a context, an object of the context's members and the
 * rows under "rows". context is taken (freed here). */
static void print_json(const kc_table *t, json_t *context, FILE *out)
{
    json_t *rows = http_rows_json(t, 0, t->nrows), *doc = rows;
    if (rows && context) {
        if (t->title && !json_object_get(context, "title"))
            json_object_set_new(context, "title", json_string(t->title));
        doc = json_object_set_new(context, "rows", rows) ? NULL : context;
        context = NULL;
    }
    json_decref(context);
    if (!doc) {
        fprintf(stderr, "kchart: out of memory\n");
        return;
    }
    json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER); /* UTF-8 as is */
    fputc('\n', out);
    json_decref(doc);
}

void cli_print_in(kc_db *db, const kc_table *t, json_t *context, out_format f, FILE *out)
{
    if (f == OUT_JSON) {
        print_json(t, context, out);
        return;
    }
    if (f == OUT_CSV) {
        print_csv(t, out);
        json_decref(context);
        return;
    }
    table_view *v = cli_view(db, t, context);
    if (v) {
        print_view(v, out);
    } else {
        table_view plain = {t->ncols, t->nrows, t->title, (const char **)t->cols,
                            (const char **)t->cells};
        print_view(&plain, out);
    }
    cli_view_free(v);
    json_decref(context);
}

void cli_print(const kc_table *t, out_format f, FILE *out)
{
    cli_print_in(NULL, t, NULL, f, out);
}
