/*
 * cli_series.c: `kchart series import PATH...` (totals, daily values and
 * followers from CSV or kworb-style JSON snapshots) and `kchart series
 * SUBJECT` (the stored values of a song or an artist).
 */
#include "cli.h"

#include <limits.h>
#include <string.h>

void help_series(FILE *out)
{
    fprintf(out,
            "usage: kchart series import PATH... [options]\n"
            "       kchart series SUBJECT [--source S] [options]\n\n"
            "import stores values from CSV files (source,date,subject,value with an\n"
            "optional kind column, total or daily) or kworb-style JSON snapshots of\n"
            "totals (dated by their spotify_data_date), a directory meaning every\n"
            "file in it, all in one transaction, and updates the milestones. A\n"
            "subject is a song (a provider id, or Title|Credit) or an artist (name\n"
            "or alias), as the source says; an unknown one is an error naming the\n"
            "nearest known ones. The same value twice changes nothing; a different\n"
            "value for the same date is refused. docs/series.md has the formats.\n"
            "With SUBJECT: its stored values.\n\n"
            "  --create         make unknown subjects (songs need Title|Credit)\n"
            "  --artist NAME    kworb snapshots: the artist whose page it is (the\n"
            "                   credit its songs are matched and made with)\n"
            "  --source S       kworb snapshots: the series (default\n"
            "                   spotify-streams); with SUBJECT: only this series\n"
            "  --quiet          no summary line\n" CLI_COMMON_HELP);
}

int cmd_series(cli_global *g, int argc, char **argv)
{
    const char *create = NULL, *quiet = NULL;
    kc_series_opts o = {0};
    const cli_option own[] = {{"create", 0, &create},
                              {"artist", 1, &o.artist},
                              {"source", 1, &o.source},
                              {"quiet", 0, &quiet},
                              {0, 0, 0}};
    int code = cli_parse(g, argc, argv, own, 1, INT_MAX, help_series);
    if (code >= 0)
        return code;
    o.create = create != NULL;
    bool import = !strcmp(argv[optind], "import");
    if ((import && optind + 1 == argc) || (!import && optind + 1 != argc)) {
        help_series(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    if (!import) {
        kc_table *t = NULL;
        int rc = kc_query_series(db, argv[optind], o.source, &t);
        return cli_finish(g, db, rc, t);
    }
    kc_series_stats st = {0};
    int rc = kc_series_import(db, (const char *const *)argv + optind + 1,
                              (size_t)(argc - optind - 1), &o, &st);
    char a[48], b[48], c[48];
    if (!rc && !quiet)
        printf("%s: %s stored, %zu unchanged, %s made\n",
               cli_noun(a, sizeof a, st.files, "file", "files"),
               cli_noun(b, sizeof b, st.points, "value", "values"), st.unchanged,
               cli_noun(c, sizeof c, st.created, "subject", "subjects"));
    return cli_finish(g, db, rc, NULL);
}
