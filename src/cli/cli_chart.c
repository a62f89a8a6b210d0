/*
 * cli_chart.c: `kchart chart ID [--period P] [--limit N]` and
 * `kchart entries ID`, the two views of one chart.
 */
#include "cli.h"

void help_chart(FILE *out)
{
    fprintf(out, "usage: kchart chart ID [--period P] [--limit N] [options]\n\n"
                 "Shows a chart at a period (default: the latest stored) with each\n"
                 "entry's last rank, peak, periods on chart and movement.\n\n"
                 "  --period P       the period, in the chart's own terms\n"
                 "  --limit N        only the top N\n" CLI_COMMON_HELP);
}

void help_entries(FILE *out)
{
    fprintf(out,
            "usage: kchart entries ID [options]\n\n"
            "Every entry of a chart in period then rank order, our counters beside\n"
            "the provider's: period,rank,song_id,title,artist,last,peak,periods,\n"
            "provider_last,provider_peak,provider_periods (empty where unknown; last\n"
            "empty for a new entry or a re-entry). Use --format csv.\n" CLI_COMMON_HELP);
}

int cmd_chart(cli_global *g, int argc, char **argv)
{
    const char *period = NULL, *limit_s = NULL;
    const cli_option own[] = {{"period", 1, &period}, {"limit", 1, &limit_s}, {0, 0, 0}};
    size_t limit = 0;
    int code = cli_parse(g, argc, argv, own, 1, 1, help_chart);
    if (code >= 0)
        return code;
    if (limit_s && cli_count("limit", limit_s, 1000000, 0, &limit))
        return EXIT_USAGE;
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t = NULL;
    int rc = kc_query_chart(db, argv[optind], period, limit, &t);
    json_t *context = rc ? NULL : cli_chart_context(db, argv[optind], period, true);
    return cli_finish_in(g, db, rc, t, context);
}

int cmd_entries(cli_global *g, int argc, char **argv)
{
    int code = cli_parse(g, argc, argv, NULL, 1, 1, help_entries);
    if (code >= 0)
        return code;
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t = NULL;
    int rc = kc_query_entries(db, argv[optind], &t);
    return cli_finish(g, db, rc, t);
}
