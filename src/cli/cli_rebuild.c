/*
 * cli_rebuild.c: `kchart rebuild`: recompute identity and runs from the
 * stored observations, in one transaction.
 */
#include "cli.h"

void help_rebuild(FILE *out)
{
    fprintf(out, "usage: kchart rebuild [options]\n\n"
                 "Recomputes every derived table (songs, entries, runs) from the\n"
                 "stored observations and the recorded identity rules. The result\n"
                 "equals what incremental ingest built.\n" CLI_COMMON_HELP);
}

int cmd_rebuild(cli_global *g, int argc, char **argv)
{
    int code = cli_parse(g, argc, argv, NULL, 0, 0, help_rebuild);
    if (code >= 0)
        return code;
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    return cli_finish(g, db, kc_rebuild(db), NULL);
}
