/*
 * cli_verify.c: `kchart verify [ID] [--misses N]`: per field, how often our
 * counters equal the provider's, and the entries where they differ.
 */
#include "cli.h"

void help_verify(FILE *out)
{
    fprintf(out, "usage: kchart verify [ID] [--misses N] [options]\n\n"
                 "Compares our last, peak and periods with the provider's own counters,\n"
                 "per chart and field, over every entry whose snapshot carried them.\n"
                 "`seeded` counts entries where the provider's counters showed history\n"
                 "the archive lacks and the run continued from them (docs/runs.md).\n\n"
                 "  --misses N       also list up to N differing entries (default "
                 "0)\n" CLI_COMMON_HELP);
}

int cmd_verify(cli_global *g, int argc, char **argv)
{
    const char *misses_s = NULL;
    const cli_option own[] = {{"misses", 1, &misses_s}, {0, 0, 0}};
    size_t misses = 0;
    int code = cli_parse(g, argc, argv, own, 0, 1, help_verify);
    if (code >= 0)
        return code;
    if (misses_s && cli_count("misses", misses_s, 10000000, 1, &misses))
        return EXIT_USAGE;
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *sum = NULL, *miss = NULL;
    int rc = kc_query_verify(db, optind < argc ? argv[optind] : NULL, misses, &sum,
                             misses ? &miss : NULL);
    if (!rc && miss) {
        cli_print_in(db, sum, NULL, g->format, stdout);
        if (g->format == OUT_TABLE)
            fputc('\n', stdout);
        kc_table_free(sum);
        sum = miss;
    }
    return cli_finish(g, db, rc, sum);
}
