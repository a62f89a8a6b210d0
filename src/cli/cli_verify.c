/*
 * cli_verify.c: `kchart verify [ID] [--misses N]`: per field, how often our
 * counters equal the provider's, and the entries where they differ.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>

void help_verify(FILE *out)
{
    fprintf(out,
            "usage: kchart verify [ID] [--misses N] [options]\n\n"
            "Compares our last, peak and periods with the provider's own counters,\n"
            "per chart and field, over every entry whose snapshot carried them.\n"
            "`seeded` counts entries where the provider's counters showed history\n"
            "the archive lacks and the run continued from them (docs/runs.md).\n\n"
            "  --misses N       also list up to N differing entries (default 0)\n"
            CLI_COMMON_HELP);
}

int cmd_verify(cli_global *g, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"misses", required_argument, 0, 'm'}, CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    long long misses = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int c = cli_common_option(g, opt, optarg);
        if (c < 0)
            return EXIT_USAGE;
        if (c)
            continue;
        if (opt == 'm') {
            char *end;
            misses = strtoll(optarg, &end, 10);
            if (!*optarg || *end || misses < 0 || misses > 10000000) {
                fprintf(stderr, "kchart: --misses must be a number from 0 to 10000000\n");
                return EXIT_USAGE;
            }
        } else if (opt == 'h') {
            help_verify(stdout);
            return 0;
        } else {
            help_verify(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 < argc) {
        help_verify(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *sum, *miss = NULL;
    int rc = kc_query_verify(db, optind < argc ? argv[optind] : NULL, (size_t)misses, &sum,
                             misses ? &miss : NULL);
    int code = rc ? cli_fail(db, rc) : 0;
    if (!rc) {
        cli_print(sum, g->format, stdout);
        if (miss) {
            if (g->format == OUT_TABLE)
                fputc('\n', stdout);
            cli_print(miss, g->format, stdout);
        }
        kc_table_free(sum);
        kc_table_free(miss);
    }
    kc_db_close(db);
    return code;
}
