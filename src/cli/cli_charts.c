/*
 * cli_charts.c: `kchart charts [load FILE]`: the chart registry.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

void help_charts(FILE *out)
{
    fprintf(out, "usage: kchart charts [load FILE] [options]\n\n"
                 "Lists the registered charts with how many periods are stored, or\n"
                 "adds and updates charts from FILE, a CSV with the columns of the\n"
                 "built-in registry: id,provider,name,region,cadence,timezone,size,\n"
                 "period_naming.\n" CLI_COMMON_HELP);
}

int cmd_charts(cli_global *g, int argc, char **argv)
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
            help_charts(stdout);
            return 0;
        }
        help_charts(stderr);
        return EXIT_USAGE;
    }
    int load = optind < argc && !strcmp(argv[optind], "load");
    if ((load && optind + 2 != argc) || (!load && optind != argc)) {
        help_charts(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t = NULL;
    int rc = load ? kc_registry_load(db, argv[optind + 1]) : kc_query_charts(db, &t);
    int code = rc ? cli_fail(db, rc) : 0;
    if (t) {
        cli_print(t, g->format, stdout);
        kc_table_free(t);
    }
    kc_db_close(db);
    return code;
}
