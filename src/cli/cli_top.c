/*
 * cli_top.c: `kchart top ID --by periods|peak|streak|no1 [--limit N]`.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>

void help_top(FILE *out)
{
    fprintf(out, "usage: kchart top ID [--by periods|peak|streak|no1] [--limit N]\n\n"
                 "A chart's leaderboard: most periods on chart (default), best peak\n"
                 "(then most periods there), longest streak, or most periods at No. 1.\n\n"
                 "  --by KEY         periods, peak, streak or no1\n"
                 "  --limit N        how many (default 20)\n" CLI_COMMON_HELP);
}

int cmd_top(cli_global *g, int argc, char **argv)
{
    static const struct option longopts[] = {{"by", required_argument, 0, 'b'},
                                             {"limit", required_argument, 0, 'l'},
                                             CLI_COMMON_LONGOPTS,
                                             {0, 0, 0, 0}};
    const char *by = "periods";
    long long limit = 20;
    int opt;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int c = cli_common_option(g, opt, optarg);
        if (c < 0)
            return EXIT_USAGE;
        if (c)
            continue;
        if (opt == 'b') {
            by = optarg;
        } else if (opt == 'l') {
            char *end;
            limit = strtoll(optarg, &end, 10);
            if (!*optarg || *end || limit < 1 || limit > 1000000) {
                fprintf(stderr, "kchart: --limit must be a number from 1 to 1000000\n");
                return EXIT_USAGE;
            }
        } else if (opt == 'h') {
            help_top(stdout);
            return 0;
        } else {
            help_top(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        help_top(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t;
    int rc = kc_query_top(db, argv[optind], by, (size_t)limit, &t);
    int code = rc ? cli_fail(db, rc) : 0;
    if (!rc) {
        cli_print(t, g->format, stdout);
        kc_table_free(t);
    }
    kc_db_close(db);
    return code;
}
