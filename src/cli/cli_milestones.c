/*
 * cli_milestones.c: `kchart milestones [SUBJECT] [--mark N] [--source S]`:
 * when each series crossed each mark of its ladder, with days since
 * release, rank (fastest) and the artists' counts; `--ladders` shows the
 * ladders.
 */
#include "cli.h"

#include <stdlib.h>

void help_milestones(FILE *out)
{
    fprintf(out,
            "usage: kchart milestones [SUBJECT] [options]\n\n"
            "Every mark of its ladder each series reached: the date of the first total\n"
            "at or above it (from: the day after the total before it, when that was\n"
            "more than a day earlier, flag sparse; flag open when the first total\n"
            "known was already past it, shown with --open), days since release\n"
            "(songs: the catalog's earliest release; followers: the account's\n"
            "joining), rank by days among all that reached the mark (of: how many\n"
            "are ranked), and counts: the Nth song of each credited artist to reach\n"
            "it, by credit (lead, solo, featured). SUBJECT is an artist (their songs\n"
            "and followers) or words of a song.\n\n"
            "  --mark N         only this mark\n"
            "  --source S       only this series (spotify-streams, youtube-views,\n"
            "                   instagram-followers, ...)\n"
            "  --open           also the open crossings, left out by default: marks\n"
            "                   already past at the first total known (they still\n"
            "                   count in the Nth)\n"
            "  --ladders        show the ladders instead\n" CLI_COMMON_HELP);
}

int cmd_milestones(cli_global *g, int argc, char **argv)
{
    const char *mark = NULL, *ladders = NULL, *open = NULL;
    kc_milestone_opts o = {0};
    const cli_option own[] = {{"mark", 1, &mark},
                              {"source", 1, &o.source},
                              {"ladders", 0, &ladders},
                              {"open", 0, &open},
                              {0, 0, 0}};
    int code = cli_parse(g, argc, argv, own, 0, 1, help_milestones);
    if (code >= 0)
        return code;
    if (mark) {
        size_t n;
        if (cli_count("mark", mark, 1000000000000000000LL, 0, &n))
            return EXIT_USAGE;
        o.mark = (int64_t)n;
    }
    o.open = open != NULL;
    if (optind < argc)
        o.subject = argv[optind];
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t = NULL;
    int rc = ladders ? kc_query_ladders(db, &t) : kc_query_milestones(db, &o, &t);
    json_t *context = ladders ? NULL : json_object();
    cli_context_put(context, "subject", o.subject);
    cli_context_put(context, "source", o.source);
    if (context && o.mark)
        json_object_set_new(context, "mark", json_integer((json_int_t)o.mark));
    return cli_finish_in(g, db, rc, t, context);
}
