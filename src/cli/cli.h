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

#include <stdio.h>

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_NOTFOUND = 3, EXIT_STORE = 4 };

typedef enum { OUT_TABLE, OUT_CSV, OUT_JSON } out_format;

typedef struct {
    const char *db_path;
    out_format format;
} cli_global;

typedef struct {
    const char *name;
    const char *summary;
    int (*run)(cli_global *g, int argc, char **argv);
    void (*help)(FILE *out);
} cli_command;

/* Parses a --format value; returns 0 or -1. */
int cli_parse_format(const char *s, out_format *f);
/* Opens the store named by g (or KCHART_DB, or ./kchart.db); prints the error
 * and returns NULL on failure. */
kc_db *cli_open(const cli_global *g);
/* Maps a library status to an exit code, printing the message of db. */
int cli_fail(kc_db *db, int status);
/* Prints t in the chosen format. */
void cli_print(const kc_table *t, out_format f, FILE *out);
/* Handles the options every command has (--db, --format, --help) inside a
 * getopt loop; returns 1 when the option was one of them, -1 on a bad value. */
int cli_common_option(cli_global *g, int opt, const char *arg);

int cmd_ingest(cli_global *, int, char **);
int cmd_chart(cli_global *, int, char **);
int cmd_entries(cli_global *, int, char **);
int cmd_song(cli_global *, int, char **);
int cmd_top(cli_global *, int, char **);
int cmd_verify(cli_global *, int, char **);
int cmd_rebuild(cli_global *, int, char **);
int cmd_charts(cli_global *, int, char **);
int cmd_merge(cli_global *, int, char **);
int cmd_split(cli_global *, int, char **);
void help_merge(FILE *);
void help_split(FILE *);
void help_ingest(FILE *);
void help_chart(FILE *);
void help_entries(FILE *);
void help_song(FILE *);
void help_top(FILE *);
void help_verify(FILE *);
void help_rebuild(FILE *);
void help_charts(FILE *);

/* Long options shared by every command; append to a command's own. */
#define CLI_COMMON_LONGOPTS                                                  \
    {"db", required_argument, 0, 'D'}, {"format", required_argument, 0, 'F'}, \
        {"help", no_argument, 0, 'h'}
#define CLI_COMMON_HELP                                                      \
    "  --db PATH        the store (default: $KCHART_DB, else ./kchart.db)\n"  \
    "  --format F       output as table (default), csv or json\n"             \
    "  --help           this help\n"

#endif
