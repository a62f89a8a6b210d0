/*
 * cli_rebuild.c: `kchart rebuild`: recompute identity and runs from the
 * stored observations, in one transaction.
 */
#include "cli.h"

#include <getopt.h>

void help_rebuild(FILE *out)
{
    fprintf(out, "usage: kchart rebuild [options]\n\n"
                 "Recomputes every derived table (songs, entries, runs) from the\n"
                 "stored observations. The result equals what incremental ingest\n"
                 "built.\n" CLI_COMMON_HELP);
}

int cmd_rebuild(cli_global *g, int argc, char **argv)
{
    static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    int opt;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int c = cli_common_option(g, opt, optarg);
        if (c < 0)
            return EXIT_USAGE;
        if (c)
            continue;
        if (opt == 'h') {
            help_rebuild(stdout);
            return 0;
        }
        help_rebuild(stderr);
        return EXIT_USAGE;
    }
    if (optind != argc) {
        help_rebuild(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    int rc = kc_rebuild(db);
    int code = rc ? cli_fail(db, rc) : 0;
    kc_db_close(db);
    return code;
}
