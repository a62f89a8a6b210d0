/*
 * cli_top.c: `kchart top ID --by periods|peak|streak|no1 [--limit N]`.
 */
#include "cli.h"

void help_top(FILE *out)
{
    fprintf(out,
            "usage: kchart top ID [--by periods|peak|streak|no1] [--limit N]\n\n"
            "A chart's leaderboard: most periods on chart (default), best peak\n"
            "(then most periods there), longest streak, or most periods at No. 1.\n\n"
            "  --by KEY         periods, peak, streak or no1\n"
            "  --limit N        how many (default 20)\n" CLI_COMMON_HELP);
}

int cmd_top(cli_global *g, int argc, char **argv)
{
    const char *by = "periods", *limit_s = NULL;
    const cli_option own[] = {{"by", 1, &by}, {"limit", 1, &limit_s}, {0, 0, 0}};
    size_t limit = 20;
    int code = cli_parse(g, argc, argv, own, 1, 1, help_top);
    if (code >= 0)
        return code;
    if (limit_s && cli_count("limit", limit_s, 1000000, 0, &limit))
        return EXIT_USAGE;
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t = NULL;
    int rc = kc_query_top(db, argv[optind], by, limit, &t);
    json_t *context = rc ? NULL : cli_chart_context(db, argv[optind], NULL, false);
    cli_context_put(context, "by", by);
    return cli_finish_in(g, db, rc, t, context);
}
