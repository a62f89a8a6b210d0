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
