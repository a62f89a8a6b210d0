/*
 * cli_news.c: `kchart news [--kind K] [--chart ID] [--artist A] [--since
 * WHEN] [--from DATE] [--limit N] [--format table|csv|json|atom]`: the
 * stored news (docs/news.md), or its Atom feed.
 */
#include "cli.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void help_news(FILE *out)
{
    fprintf(
        out,
        "usage: kchart news [--kind K] [--chart ID] [--artist A] [--since WHEN]\n"
        "                  [--from DATE] [--limit N] [--format table|csv|json|atom]\n\n"
        "What is new, newest period first, one English sentence each: a song\n"
        "reaching No. 1 of a chart, debuting in its top 10, coming back in it or\n"
        "climbing into it for the first time (these two not on an hourly chart),\n"
        "an All-Kill (a song's first, the first of a year, the longest run so\n"
        "far), a song's tenth, twentieth... region at No. 1 in a family of\n"
        "charts, a milestone crossed (streams, views, followers: `kchart\n"
        "milestones`), a record in a cohort (the first K-pop song, b-side,\n"
        "soloist's song... past a mark: `kchart records`), a certification\n"
        "reached (`kchart certs`), a first day or first week among the three\n"
        "highest of its cohort. Each event is stored once, when the ingest or\n"
        "import that made it known commits, with the time it was learned:\n"
        "`kchart serve` gives the same as /api/news and /feed.atom.\n\n"
        "  --kind K         debut, no1, reentry, peak, milestone, record, allkill,\n"
        "                   regions, certification or sales\n"
        "  --chart ID       the events of one chart only\n"
        "  --artist A       the events of an artist's songs (as credited) and its\n"
        "                   own: its name, an alias or its id\n"
        "  --since WHEN     the events learned from then on: a day (YYYY-MM-DD)\n"
        "                   or a time in UTC (2026-12-06T21:00:00Z)\n"
        "  --from DATE      the events of periods from that day on (YYYY-MM-DD)\n"
        "  --limit N        events (default 20; 0: all; the feed: 50)\n"
        "  --format atom    the Atom feed (the latest learned first) instead of\n"
        "                   a table; it takes --kind, --chart, --artist, --limit\n"
        "  --format json    besides the table's columns, each event's id, figures\n"
        "                   (a JSON object) and when it was learned\n" CLI_COMMON_HELP);
}

/* Keeps the first n columns of t (the table and CSV show the sentence and
 * what it is about; JSON shows everything). */
static void keep_columns(kc_table *t, size_t n)
{
    if (!t || t->ncols <= n)
        return;
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            size_t from = r * t->ncols + c;
            if (c < n) {
                t->cells[r * n + c] = t->cells[from];
                t->types[r * n + c] = t->types[from];
            } else {
                free(t->cells[from]);
            }
        }
    for (size_t c = n; c < t->ncols; c++)
        free(t->cols[c]);
    t->ncols = n;
}

int cmd_news(cli_global *g, int argc, char **argv)
{
    const char *chart = NULL, *limit_s = NULL, *since = NULL, *from = NULL, *kind = NULL,
               *artist = NULL;
    const cli_option own[] = {{"chart", 1, &chart},
                              {"limit", 1, &limit_s},
                              {"since", 1, &since},
                              {"from", 1, &from},
                              {"kind", 1, &kind},
                              {"artist", 1, &artist},
                              {0, 0, 0}};
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
    if (atom && (since || from)) {
        fprintf(stderr, "kchart: the Atom feed takes no --since or --from: it holds "
                        "the latest learned events\n");
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    if (atom) {
        char *xml = NULL;
        kc_news_feed_opts fo = {
            .limit = limit_s ? limit : 0, .chart = chart, .artist = artist, .kind = kind};
        int rc = kc_news_atom(db, &fo, &xml);
        if (rc)
            code = cli_fail(db, rc);
        else
            fputs(xml, stdout);
        free(xml);
        kc_db_close(db);
        return rc ? code : 0;
    }
    kc_news_opts o = {
        .kind = kind, .chart = chart, .artist = artist, .since = since, .from = from};
    kc_page page = {limit, 0, 0};
    kc_table *t = NULL;
    int rc = kc_news_list(db, &o, &page, &t);
    if (!rc && g->format != OUT_JSON)
        keep_columns(t, 8); /* kind ... text */
    json_t *context =
        chart && !rc ? cli_chart_context(db, chart, NULL, false) : json_object();
    cli_context_put(context, "kind", kind);
    cli_context_put(context, "artist", artist);
    cli_context_put(context, "since", since);
    cli_context_put(context, "from", from);
    if (context)
        json_object_set_new(context, "total", json_integer((json_int_t)page.total));
    return cli_finish_in(g, db, rc, t, context);
}
