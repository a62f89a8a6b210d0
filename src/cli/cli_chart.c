/*
 * cli_chart.c: `kchart chart ID [--period P] [--limit N]` and
 * `kchart entries ID`, the two views of one chart.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>

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

static int parse_limit(const char *s, size_t *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s == '\0' || *end || v < 1 || v > 1000000) {
        fprintf(stderr, "kchart: --limit must be a number from 1 to 1000000\n");
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

static int run(cli_global *g, int argc, char **argv, int entries)
{
    static const struct option longopts[] = {{"period", required_argument, 0, 'p'},
                                             {"limit", required_argument, 0, 'l'},
                                             CLI_COMMON_LONGOPTS,
                                             {0, 0, 0, 0}};
    const char *period = NULL;
    size_t limit = 0;
    int opt;
    void (*help)(FILE *) = entries ? help_entries : help_chart;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int c = cli_common_option(g, opt, optarg);
        if (c < 0)
            return EXIT_USAGE;
        if (c)
            continue;
        if (opt == 'p' && !entries)
            period = optarg;
        else if (opt == 'l' && !entries) {
            if (parse_limit(optarg, &limit))
                return EXIT_USAGE;
        } else if (opt == 'h') {
            help(stdout);
            return 0;
        } else {
            help(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        help(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t;
    int rc = entries ? kc_query_entries(db, argv[optind], &t)
                     : kc_query_chart(db, argv[optind], period, limit, &t);
    int code = rc ? cli_fail(db, rc) : 0;
    if (!rc) {
        cli_print(t, g->format, stdout);
        kc_table_free(t);
    }
    kc_db_close(db);
    return code;
}

int cmd_chart(cli_global *g, int argc, char **argv) { return run(g, argc, argv, 0); }
int cmd_entries(cli_global *g, int argc, char **argv) { return run(g, argc, argv, 1); }
