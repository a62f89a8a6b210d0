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
    int code = rc ? cli_fail(db, rc) : 0;
    if (!rc && t)
        cli_print(t, g->format, stdout);
    kc_table_free(t);
    kc_db_close(db);
    return code;
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

static bool numeric(const char *s)
{
    if (!s || !*s)
        return false;
    for (; *s; s++)
        if ((*s < '0' || *s > '9') && *s != '.' && *s != '-')
            return false;
    return true;
}

#define CELL_MAX 40 /* table cells longer than this are cut with "…" */

static void print_cell(FILE *out, const char *s, size_t w, bool right)
{
    size_t sw = width(s), shown = sw;
    char buf[CELL_MAX * 4 + 8];
    if (sw > CELL_MAX) {
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
    else
        fprintf(out, "%s%*s", s, (int)(w - shown), "");
}

static void print_table(const kc_table *t, FILE *out)
{
    size_t *w = calloc(t->ncols, sizeof *w);
    bool *right = calloc(t->ncols, sizeof *right);
    if (!w || !right) {
        free(w);
        free(right);
        return;
    }
    for (size_t c = 0; c < t->ncols; c++) {
        w[c] = width(t->cols[c]);
        right[c] = true;
        for (size_t r = 0; r < t->nrows; r++) {
            const char *v = kc_table_cell(t, r, c);
            size_t vw = v ? width(v) : 0;
            if (vw > CELL_MAX)
                vw = CELL_MAX;
            if (vw > w[c])
                w[c] = vw;
            if (v && !numeric(v))
                right[c] = false;
        }
    }
    if (t->title)
        fprintf(out, "%s\n", t->title);
    for (size_t c = 0; c < t->ncols; c++) {
        fputs(c ? "  " : "", out);
        print_cell(out, t->cols[c], w[c], right[c]);
    }
    fputc('\n', out);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const char *v = kc_table_cell(t, r, c);
            fputs(c ? "  " : "", out);
            print_cell(out, v ? v : "", w[c], right[c]);
        }
        fputc('\n', out);
    }
    free(w);
    free(right);
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

/* JSON: an array of objects (src/http/json.c says how cells are written). */
static void print_json(const kc_table *t, FILE *out)
{
    json_t *arr = http_rows_json(t, 0, t->nrows);
    if (!arr) {
        fprintf(stderr, "kchart: out of memory\n");
        return;
    }
    json_dumpf(arr, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER); /* UTF-8 as is */
    fputc('\n', out);
    json_decref(arr);
}

void cli_print(const kc_table *t, out_format f, FILE *out)
{
    if (f == OUT_CSV)
        print_csv(t, out);
    else if (f == OUT_JSON)
        print_json(t, out);
    else
        print_table(t, out);
}
