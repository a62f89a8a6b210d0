/*
 * cli_charts.c: `kchart charts [load FILE]`: the chart registry.
 */
#include "cli.h"

#include <string.h>

void help_charts(FILE *out)
{
    fprintf(out,
            "usage: kchart charts [load FILE] [options]\n\n"
            "Lists the registered charts with what is stored of each: periods\n"
            "stored, first and latest, periods missing between them (by the\n"
            "chart's cadence), partial snapshots (a per-song series), and seeded:\n"
            "songs of the first period that had charted before it (the store\n"
            "begins mid-history). Or adds and updates charts from FILE, a CSV\n"
            "with the columns of the built-in registry: id,provider,name,\n"
            "region,cadence,timezone,size,period_naming[,published].\n" CLI_COMMON_HELP);
}

int cmd_charts(cli_global *g, int argc, char **argv)
{
    int code = cli_parse(g, argc, argv, NULL, 0, 2, help_charts);
    if (code >= 0)
        return code;
    int load = optind < argc;
    if (load && (strcmp(argv[optind], "load") || optind + 2 != argc)) {
        help_charts(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t = NULL;
    int rc = load ? kc_registry_load(db, argv[optind + 1]) : kc_query_charts(db, &t);
    return cli_finish(g, db, rc, t);
}
