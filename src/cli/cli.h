/*
 * cli.h: what the command files share: the parsed global options, the
 * command table, output of kc_tables as table, CSV or JSON, and exit codes.
 *
 * Exit codes (documented in `kchart --help` and docs/cli.md):
 *   0 success, 1 bad input (nothing from the bad file stored), 2 bad usage,
 *   3 not found, 4 store or I/O failure.
 */
#ifndef KC_CLI_H
#define KC_CLI_H

#include "kchart/kchart.h"

#include <jansson.h>

#include <stdbool.h>
#include <stdio.h>
#include <unistd.h> /* optind */

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_NOTFOUND = 3, EXIT_STORE = 4 };

typedef enum { OUT_TABLE, OUT_CSV, OUT_JSON } out_format;

typedef struct {
    const char *db_path;
    out_format format;
    int input_format_ok;      /* --format may also name an input format */
    const char *input_format; /* ... and did */
} cli_global;

typedef struct {
    const char *name;
    const char *summary;
    int (*run)(cli_global *g, int argc, char **argv);
    void (*help)(FILE *out);
} cli_command;

/* Prints "kchart: MESSAGE" and a newline on stderr, each control character
 * of the message shown escaped (\n, \x1b): a file name may hold a newline
 * or a terminal's escape sequence, and must neither split the line nor
 * reach the terminal raw. */
void cli_say(const char *message);
/* Parses a --format value; returns 0 or -1. */
int cli_parse_format(const char *s, out_format *f);
/* Opens the store named by g (or KCHART_DB, or ./kchart.db); prints the error
 * and returns NULL on failure. */
kc_db *cli_open(const cli_global *g);
/* The store's path: --db, else $KCHART_DB, else ./kchart.db. */
const char *cli_db_path(const cli_global *g);
/* Maps a library status to an exit code, printing the message of db. */
int cli_fail(kc_db *db, int status);
/* The exit code of a library status. */
int cli_exit_code(int status);
/* Prints t in the chosen format. */
void cli_print(const kc_table *t, out_format f, FILE *out);
/* Prints t in the chosen format within its context: what the table
 * answers (the chart and period, the query, the filters), as JSON members.
 * JSON is then one object, the context's members and the rows under "rows"
 * (and the caption under "title" when the context has none); a table says
 * it in plain words (words.c); CSV is the rows alone. context may be NULL
 * and is taken (freed here); db, when not NULL, names the charts. */
void cli_print_in(kc_db *db, const kc_table *t, json_t *context, out_format f, FILE *out);

/* A table as people read it: its caption, its column names and its cells,
 * all borrowed or owned by the view (words.c). */
typedef struct {
    size_t ncols, nrows;
    const char *title;
    const char **cols;  /* ncols */
    const char **cells; /* nrows * ncols, NULL where unknown */
} table_view;

/* t in the words people use (words.c): "periods" as weeks, days or hours
 * after the chart's cadence, a chart's id as its name, "open" or "seeded"
 * as "before our data"; the machine names stay in CSV and JSON. Returns a
 * view owned by the caller (cli_view_free), or NULL when nothing needs
 * saying otherwise or memory ran out (print t as it is). */
table_view *cli_view(kc_db *db, const kc_table *t, const json_t *context);
/* Frees a view of cli_view; NULL does nothing. */
void cli_view_free(table_view *v);
/* n and its noun, one or many after n ("1 file", "2 files", "1 entry"),
 * written into buf (size cap, cut there) and returned (words.c). */
const char *cli_noun(char *buf, size_t cap, size_t n, const char *one, const char *many);
/* A command's own option: its long name, whether it takes a value, and where
 * the value goes (a flag's value is set to "1"). */
typedef struct {
    const char *name;
    int takes_value;
    const char **value;
} cli_option;

/* Parses a command's arguments: its own options (own, ended by a NULL name),
 * the common ones (--db, --format, --help), then between min_pos and max_pos
 * positional arguments, which start at argv[optind]. Returns -1 to go on, or
 * the exit code to return now (0 after --help, EXIT_USAGE when wrong). */
int cli_parse(cli_global *g, int argc, char **argv, const cli_option *own, int min_pos,
              int max_pos, void (*help)(FILE *));
/* Parses a count option ("--limit 5") from 1 (0 when allow_zero) to max;
 * prints what is wrong and returns -1 when it is not one. */
int cli_count(const char *option, const char *s, long long max, int allow_zero,
              size_t *out);
/* Ends a command that shows a table: prints t (or db's message for rc),
 * frees t, closes db, and returns the exit code. */
int cli_finish(const cli_global *g, kc_db *db, int rc, kc_table *t);
/* cli_finish, printing t within its context (cli_print_in; context taken,
 * may be NULL). */
int cli_finish_in(const cli_global *g, kc_db *db, int rc, kc_table *t, json_t *context);
/* Puts key: value into context when value is not NULL (a string). */
void cli_context_put(json_t *context, const char *key, const char *value);
/* A new context naming chart_id: "chart", its registry row as an object
 * (its id alone when unknown), and when at_period the period shown for
 * period (NULL: the latest) as kc_query_chart_page finds it: "period",
 * "day" (the day asked when it named another period), "previous" and
 * "following" (null at either end). Owned by the caller; NULL when out of
 * memory. */
json_t *cli_chart_context(kc_db *db, const char *chart_id, const char *period,
                          bool at_period);

int cmd_ingest(cli_global *, int, char **);
int cmd_chart(cli_global *, int, char **);
int cmd_entries(cli_global *, int, char **);
int cmd_song(cli_global *, int, char **);
int cmd_search(cli_global *, int, char **);
void help_search(FILE *);
int cmd_artist(cli_global *, int, char **);
int cmd_top(cli_global *, int, char **);
int cmd_verify(cli_global *, int, char **);
int cmd_rebuild(cli_global *, int, char **);
int cmd_forget(cli_global *, int, char **);
int cmd_charts(cli_global *, int, char **);
int cmd_merge(cli_global *, int, char **);
int cmd_compile(cli_global *, int, char **);
int cmd_plays(cli_global *, int, char **);
void help_compile(FILE *);
void help_plays(FILE *);
int cmd_split(cli_global *, int, char **);
int cmd_serve(cli_global *, int, char **);
int cmd_token(cli_global *, int, char **);
void help_serve(FILE *);
void help_token(FILE *);
int cmd_hook(cli_global *, int, char **);
void help_hook(FILE *);
void help_merge(FILE *);
void help_split(FILE *);
void help_ingest(FILE *);
void help_chart(FILE *);
void help_entries(FILE *);
void help_song(FILE *);
void help_artist(FILE *);
void help_top(FILE *);
void help_verify(FILE *);
void help_rebuild(FILE *);
void help_forget(FILE *);
void help_charts(FILE *);
int cmd_news(cli_global *g, int argc, char **argv);
void help_news(FILE *out);
int cmd_allkill(cli_global *g, int argc, char **argv);
void help_allkill(FILE *out);
int cmd_regions(cli_global *, int, char **);
int cmd_catalog(cli_global *, int, char **);
void help_catalog(FILE *);
int cmd_series(cli_global *, int, char **);
void help_series(FILE *);
int cmd_milestones(cli_global *, int, char **);
void help_milestones(FILE *);
int cmd_records(cli_global *, int, char **);
void help_records(FILE *);
void help_regions(FILE *);
int cmd_sales(cli_global *, int, char **);
void help_sales(FILE *);
int cmd_units(cli_global *, int, char **);
void help_units(FILE *);
int cmd_certs(cli_global *, int, char **);
void help_certs(FILE *);

#define CLI_HELP_DB                                                                      \
    "  --db PATH        the store (default: $KCHART_DB, else ./kchart.db)\n"
#define CLI_HELP_FORMAT "  --format F       output as table (default), csv or json\n"
#define CLI_HELP_HELP "  --help           this help\n"
#define CLI_COMMON_HELP CLI_HELP_DB CLI_HELP_FORMAT CLI_HELP_HELP

#endif
