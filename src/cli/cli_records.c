/*
 * cli_records.c: `kchart records --measure M [cohort] [--first|--fastest|
 * --only|--most]`: records over cohorts, the answer and the list behind it.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

void help_records(FILE *out)
{
    fprintf(out,
            "usage: kchart records --measure M [options]\n\n"
            "A record over a cohort: which song (or artist) was the first, the\n"
            "fastest, the only one or has the most, with the ordered list behind the\n"
            "answer (rank, value, the date it reached the threshold, days from its\n"
            "release, its role and first release). The cohort comes from the catalog\n"
            "(`kchart catalog import`); the answer is derived on every query.\n\n"
            "Measure:\n"
            "  --measure M      a series (spotify-streams, youtube-views,\n"
            "                   instagram-followers, ...: the total); with --chart\n"
            "                   periods, no1 (periods at No. 1), peak, streak; with\n"
            "                   --provider first-day, first-week (a release's sales)\n"
            "  --chart ID       the chart of a chart measure\n"
            "  --provider P     the sales provider of first-day and first-week\n"
            "                   (hanteo, circle, oricon, luminate, any)\n"
            "  --at DATE        as of that day (YYYY-MM-DD); default: all stored\n"
            "  --at-least N     the threshold: a total or a count of periods; for\n"
            "                   peak, No. N or better\n"
            "Answer (default --most):\n"
            "  --first          the first to reach the threshold\n"
            "  --fastest        the fewest days from release (followers: from\n"
            "                   joining) to the threshold\n"
            "  --only           every one past the threshold: the only one, or how\n"
            "                   many\n"
            "  --most           the most (a peak: the best)\n"
            "Cohort (songs; a followers series takes --market, --artist-kind,\n"
            "--artist and --member-of; releases all but --role and --credit, of the\n"
            "release's artist):\n"
            "  --market M       a lead artist's market (k-pop, pop, ...)\n"
            "  --artist-kind K  every lead is a group, solo, unit or other\n"
            "  --artist NAME    credited to an artist (name or alias)\n"
            "  --credit C       with --artist: lead, featured, solo (the one lead) or\n"
            "                   any; alone: solo, songs with one lead\n"
            "  --member-of G    led by a member of group G (artists: its members)\n"
            "  --role R         title, b-side, pre-release, ost, fan-song on its first\n"
            "                   release\n"
            "  --release-kind K album, ep, single, repackage, mixtape, ost\n"
            "  --year Y         first released in year Y\n"
            "  --limit N        rows (default: all)\n" CLI_COMMON_HELP);
}

int cmd_records(cli_global *g, int argc, char **argv)
{
    kc_records_opts o = {0};
    const char *at_least = NULL, *year = NULL, *limit = NULL;
    const char *first = NULL, *fastest = NULL, *only = NULL, *most = NULL;
    const cli_option own[] = {{"measure", 1, &o.measure},
                              {"chart", 1, &o.chart},
                              {"provider", 1, &o.provider},
                              {"at", 1, &o.at},
                              {"at-least", 1, &at_least},
                              {"first", 0, &first},
                              {"fastest", 0, &fastest},
                              {"only", 0, &only},
                              {"most", 0, &most},
                              {"market", 1, &o.cohort.market},
                              {"artist-kind", 1, &o.cohort.artist_kind},
                              {"artist", 1, &o.cohort.artist},
                              {"credit", 1, &o.cohort.credit},
                              {"member-of", 1, &o.cohort.member_of},
                              {"role", 1, &o.cohort.role},
                              {"release-kind", 1, &o.cohort.release_kind},
                              {"year", 1, &year},
                              {"limit", 1, &limit},
                              {0, 0, 0}};
    int code = cli_parse(g, argc, argv, own, 0, 0, help_records);
    if (code >= 0)
        return code;
    if (!o.measure) {
        fprintf(stderr, "kchart: records needs --measure (see kchart records --help)\n");
        return EXIT_USAGE;
    }
    if (!!first + !!fastest + !!only + !!most > 1) {
        fprintf(stderr, "kchart: --first, --fastest, --only and --most are one answer: "
                        "give one\n");
        return EXIT_USAGE;
    }
    o.mode = first ? "first" : fastest ? "fastest" : only ? "only" : "most";
    size_t n;
    if (at_least) {
        if (cli_count("at-least", at_least, 1000000000000000000LL, 0, &n))
            return EXIT_USAGE;
        o.at_least = (int64_t)n;
    }
    if (year) {
        if (cli_count("year", year, 9999, 0, &n))
            return EXIT_USAGE;
        o.cohort.year = (int)n;
    }
    if (limit && cli_count("limit", limit, 1000000000, 1, &o.limit))
        return EXIT_USAGE;
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t = NULL;
    int rc = kc_query_records(db, &o, &t);
    /* The question, as asked, and the answer's sentence (the caption). */
    json_t *context = json_object();
    if (t && t->title)
        cli_context_put(context, "sentence", t->title);
    cli_context_put(context, "measure", o.measure);
    cli_context_put(context, "mode", o.mode);
    cli_context_put(context, "chart", o.chart);
    return cli_finish_in(g, db, rc, t, context);
}
