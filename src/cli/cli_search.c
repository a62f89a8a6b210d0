/*
 * cli_search.c: `kchart search QUERY [--limit N]`: songs, albums and
 * artists by any of their names, in any script.
 */
#include "cli.h"

void help_search(FILE *out)
{
    fprintf(out,
            "usage: kchart search QUERY [--limit N] [options]\n\n"
            "Finds songs, albums and artists by any of their names in any script:\n"
            "titles, artists' names and the aliases of both (\"블랙핑크\", \"뷔\",\n"
            "\"뚜두뚜두\", \"ddu-du\"), any case, punctuation ignored. A name equal to\n"
            "the query comes first, then one starting with it, then one holding it\n"
            "(from three characters). Columns: kind (song, album, artist), id, name,\n"
            "alias (the alias that matched), credit, peak, charts.\n\n"
            "  --limit N        how many (default 20)\n" CLI_COMMON_HELP);
}

int cmd_search(cli_global *g, int argc, char **argv)
{
    const char *limit_s = NULL;
    const cli_option own[] = {{"limit", 1, &limit_s}, {0, 0, 0}};
    size_t limit = 20;
    int code = cli_parse(g, argc, argv, own, 1, 1, help_search);
    if (code >= 0)
        return code;
    if (limit_s && cli_count("limit", limit_s, 1000000, 0, &limit))
        return EXIT_USAGE;
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t = NULL;
    int rc = kc_query_names(db, argv[optind], limit, &t);
    json_t *context = json_object();
    cli_context_put(context, "query", argv[optind]);
    return cli_finish_in(g, db, rc, t, context);
}
