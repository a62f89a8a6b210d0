/*
 * cli_allkill.c: `kchart allkill [SONG] [--kind K] [--year Y] [--by B]
 * [--limit N]`, `kchart allkill --at HOUR`, `--rules`, `--load FILE`:
 * All-Kills on the Korean charts under the stored rule sets.
 */
#include "cli.h"

void help_allkill(FILE *out)
{
    fprintf(out,
            "usage: kchart allkill [SONG] [--kind K] [--year Y] [--by hours|first]\n"
            "       kchart allkill --at YYYY-MM-DDTHH [--kind K]\n"
            "       kchart allkill --rules | --load FILE\n\n"
            "All-Kills hour by hour: one song at No. 1 on every chart of a kind's rule\n"
            "set at the same hourly update, each chart counted with the period in force\n"
            "at that hour (a daily chart holds until the next one is due). With SONG\n"
            "(a song id or words of its title or credit): its hours per kind, first\n"
            "and last hour, longest run of consecutive hours, and the hours lost to a\n"
            "missing chart (every chart present had it at No. 1, one had no data).\n"
            "Without: the leaderboard of each kind. Hours are in the charts' local\n"
            "time (KST for the built-in sets).\n\n"
            "  --kind K         realtime, certified, perfect or a kind you loaded\n"
            "                   (default: every kind)\n"
            "  --year Y         count only the hours of year Y (with --by first: the\n"
            "                   first songs of the year)\n"
            "  --by B           leaderboard order: hours (default) or first\n"
            "  --limit N        rows (default 20; 0: all)\n"
            "  --at HOUR        each required chart's period in force at HOUR, its\n"
            "                   No. 1, and the verdict per kind\n"
            "  --rules          the stored rule sets\n"
            "  --load FILE      load rule sets (kind,since,until,charts,source); the\n"
            "                   kinds in FILE replace the stored ones\n" CLI_COMMON_HELP);
}

int cmd_allkill(cli_global *g, int argc, char **argv)
{
    const char *kind = NULL, *year = NULL, *by = NULL, *limit_s = NULL, *at = NULL,
               *rules = NULL, *load = NULL;
    const cli_option own[] = {{"kind", 1, &kind}, {"year", 1, &year},
                              {"by", 1, &by},     {"limit", 1, &limit_s},
                              {"at", 1, &at},     {"rules", 0, &rules},
                              {"load", 1, &load}, {0, 0, 0}};
    size_t limit = 20;
    int code = cli_parse(g, argc, argv, own, 0, 1, help_allkill);
    if (code >= 0)
        return code;
    if (limit_s && cli_count("limit", limit_s, 1000000, 1, &limit))
        return EXIT_USAGE;
    int has_song = optind < argc;
    int modes = (at != NULL) + (rules != NULL) + (load != NULL);
    const char *wrong = NULL;
    if (modes > 1)
        wrong = "--at, --rules and --load go alone";
    else if (modes && (has_song || year || by || limit_s || (kind && !at)))
        wrong = "--at, --rules and --load take no SONG, --year, --by or --limit (and "
                "only --at takes --kind)";
    else if (has_song && by)
        wrong = "--by orders the leaderboard: it takes no SONG";
    if (wrong) {
        cli_say(wrong);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t = NULL;
    int rc;
    if (load) {
        rc = kc_allkill_rules_load(db, load);
    } else if (rules) {
        rc = kc_query_allkill_rules(db, &t);
    } else if (at) {
        rc = kc_query_allkill_at(db, at, kind, &t);
    } else {
        kc_allkill_opts o = {kind, year, by};
        rc = kc_query_allkill(db, has_song ? argv[optind] : NULL, limit, &o, &t);
    }
    json_t *context = rules ? NULL : json_object();
    cli_context_put(context, "kind", kind);
    cli_context_put(context, "song", has_song ? argv[optind] : NULL);
    cli_context_put(context, "year", year);
    cli_context_put(context, "by", by);
    cli_context_put(context, "at", at);
    return cli_finish_in(g, db, rc, t, context);
}
