/*
 * cli_song.c: `kchart song QUERY`: songs whose id, title or credit match,
 * with their run on every chart.
 */
#include "cli.h"

#include <getopt.h>

void help_song(FILE *out)
{
    fprintf(out, "usage: kchart song QUERY [options]\n\n"
                 "Finds songs by id, or by words of their title or credit (any case,\n"
                 "any script, punctuation ignored), and shows their run on every\n"
                 "chart: debut, peak, periods at peak, periods on chart, longest\n"
                 "streak, periods at No. 1, re-entries, last period.\n\n"
                 "  --keys           list the songs' keys instead (provider ids and\n"
                 "                   title + credit), the handles `kchart split` takes\n"
                 CLI_COMMON_HELP);
}

int cmd_song(cli_global *g, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"keys", no_argument, 0, 'k'}, CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    int opt, keys = 0;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int c = cli_common_option(g, opt, optarg);
        if (c < 0)
            return EXIT_USAGE;
        if (c)
            continue;
        if (opt == 'k') {
            keys = 1;
            continue;
        }
        if (opt == 'h') {
            help_song(stdout);
            return 0;
        }
        help_song(stderr);
        return EXIT_USAGE;
    }
    if (optind + 1 != argc) {
        help_song(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t;
    int rc = keys ? kc_query_song_keys(db, argv[optind], &t)
                  : kc_query_song(db, argv[optind], 200, &t);
    int code = rc ? cli_fail(db, rc) : 0;
    if (!rc) {
        cli_print(t, g->format, stdout);
        kc_table_free(t);
    }
    kc_db_close(db);
    return code;
}
