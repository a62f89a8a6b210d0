/*
 * cli_news.c: `kchart news [--chart ID] [--limit N] [--format
 * table|csv|json|atom]`: what is new on the stored charts.
 */
#include "cli.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void help_news(FILE *out)
{
    fprintf(out,
            "usage: kchart news [--chart ID] [--since DATE] [--limit N]\n"
            "                  [--format table|csv|json|atom]\n\n"
            "What is new, newest period first, one English sentence each: a song\n"
            "reaching No. 1 or debuting in the top 10 of a chart, an All-Kill (a\n"
            "song's first, the first of a year, the longest run so far), a song's\n"
            "tenth, twentieth... region at No. 1 in a family of charts, a milestone\n"
            "crossed (streams, views, followers: `kchart milestones`), a record in a\n"
            "cohort (the first K-pop song, b-side, soloist's song... past a mark:\n"
            "`kchart records`), a certification reached (`kchart certs`), a first\n"
            "day or first week among the three highest of its cohort. The events are\n"
            "derived from what is stored: `kchart serve` gives the same as /api/news\n"
            "and /feed.atom.\n\n"
            "  --chart ID       the events of one chart only\n"
            "  --since DATE     the events of periods from that day on (YYYY-MM-DD)\n"
            "  --limit N        events (default 20; 0: all)\n"
            "  --format atom    the Atom feed (the latest 50 events) instead of a\n"
            "                   table\n" CLI_COMMON_HELP);
}

int cmd_news(cli_global *g, int argc, char **argv)
{
    const char *chart = NULL, *limit_s = NULL, *since = NULL;
    const cli_option own[] = {
        {"chart", 1, &chart}, {"limit", 1, &limit_s}, {"since", 1, &since}, {0, 0, 0}};
    size_t limit = 20;
    g->input_format_ok = 1; /* --format atom, besides table, csv and json */
    int code = cli_parse(g, argc, argv, own, 0, 0, help_news);
    if (code >= 0)
        return code;
    bool atom = g->input_format && !strcmp(g->input_format, "atom");
    if (g->input_format && !atom) {
        fprintf(stderr, "kchart: --format must be table, csv, json or atom\n");
        return EXIT_USAGE;
    }
    if (limit_s && cli_count("limit", limit_s, 1000000, 1, &limit))
        return EXIT_USAGE;
    if (atom && (chart || limit_s || since)) {
        fprintf(stderr, "kchart: the Atom feed takes no --chart, --since or --limit\n");
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    if (atom) {
        char *xml = NULL;
        int rc = kc_news_atom(db, NULL, &xml);
        if (rc)
            code = cli_fail(db, rc);
        else
            fputs(xml, stdout);
        free(xml);
        kc_db_close(db);
        return rc ? code : 0;
    }
    kc_page page = {limit, 0, 0};
    kc_table *t = NULL;
    int rc = kc_query_news(db, chart, since, &page, &t);
    json_t *context =
        chart && !rc ? cli_chart_context(db, chart, NULL, false) : json_object();
    cli_context_put(context, "since", since);
    if (context)
        json_object_set_new(context, "total", json_integer((json_int_t)page.total));
    return cli_finish_in(g, db, rc, t, context);
}
