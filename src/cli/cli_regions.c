/*
 * cli_regions.c: `kchart regions [SONG] --family F [--top N] [--from P]
 * [--to P] [--on P] [--leaderboard] [--no-global] [--limit N]`: a song
 * across a family of charts, the family's leaderboard, or (with no song
 * and no --leaderboard) the built-in families.
 */
#include "cli.h"

void help_regions(FILE *out)
{
    fprintf(
        out,
        "usage: kchart regions SONG --family F [--top N] [--from P] [--to P]\n"
        "       kchart regions SONG --family F --on P\n"
        "       kchart regions --family F --leaderboard [--top N] [--from P] [--to P]\n"
        "       kchart regions\n\n"
        "A song across a family of charts, one chart per region: where it reached\n"
        "No. 1 (or the top N) in a window of periods, and the first period in each\n"
        "region; or its rank in each region on one period; or the songs with the\n"
        "most regions. SONG is a song id or words of its title or credit, as\n"
        "`kchart song` takes. With no SONG and no --leaderboard: the families.\n\n"
        "  --family F       a family as `kchart regions` lists them (spotify-weekly:\n"
        "                   every spotify-<region>-weekly, global included), or\n"
        "                   chart ids of one cadence separated by commas\n"
        "  --top N          count ranks 1 to N (default 1)\n"
        "  --from P         the window's first period (default: the first)\n"
        "  --to P           the window's last period (default: the latest)\n"
        "  --on P           the song's rank in each region on the period P (a\n"
        "                   weekly family: the week that holds the day P)\n"
        "  --leaderboard    songs by the number of regions at No. 1 (or top N)\n"
        "  --no-global      leave out the region global (a count of countries)\n"
        "  --limit N        songs matched (at most 1000), or leaderboard rows\n"
        "                   (default 20; 0: all)\n"
        "" CLI_COMMON_HELP);
}

int cmd_regions(cli_global *g, int argc, char **argv)
{
    const char *family = NULL, *top_s = NULL, *from = NULL, *to = NULL, *on = NULL,
               *board = NULL, *no_global = NULL, *limit_s = NULL;
    const cli_option own[] = {{"family", 1, &family},
                              {"top", 1, &top_s},
                              {"from", 1, &from},
                              {"to", 1, &to},
                              {"on", 1, &on},
                              {"leaderboard", 0, &board},
                              {"no-global", 0, &no_global},
                              {"limit", 1, &limit_s},
                              {0, 0, 0}};
    size_t top = 1, limit = 20;
    int code = cli_parse(g, argc, argv, own, 0, 1, help_regions);
    if (code >= 0)
        return code;
    int has_song = optind < argc;
    if ((top_s && cli_count("top", top_s, 100000, 0, &top)) ||
        (limit_s && cli_count("limit", limit_s, 1000000, 1, &limit)))
        return EXIT_USAGE;
    const char *wrong = NULL;
    if (board && has_song)
        wrong = "--leaderboard takes no SONG";
    else if (on && !has_song)
        wrong = "--on needs a SONG";
    else if (on && (top_s || from || to))
        wrong = "--on takes no --top, --from or --to";
    else if ((has_song || board) && !family)
        wrong = "name a family with --family (`kchart regions` lists them)";
    else if (!has_song && !board &&
             (family || top_s || from || to || no_global || limit_s))
        wrong = "give a SONG or --leaderboard";
    if (wrong) {
        cli_say(wrong);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_regions_opts o = {family, no_global != NULL, top, from, to};
    kc_table *t = NULL;
    int rc;
    if (board) {
        kc_page page = {limit, 0, 0};
        rc = kc_query_regions_leaderboard(db, &o, &page, &t);
    } else if (on) {
        rc = kc_query_regions_on(db, argv[optind], limit, &o, on, &t);
    } else if (has_song) {
        rc = kc_query_regions(db, argv[optind], limit, &o, &t);
    } else {
        rc = kc_query_families(db, &t);
    }
    json_t *context = json_object();
    cli_context_put(context, "family", family);
    cli_context_put(context, "song", has_song ? argv[optind] : NULL);
    cli_context_put(context, "on", on);
    cli_context_put(context, "from", from);
    cli_context_put(context, "to", to);
    return cli_finish_in(g, db, rc, t, context);
}
