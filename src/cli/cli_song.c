/*
 * cli_song.c: `kchart song QUERY [--keys]`: songs whose id, title or credit
 * match, with their run on every chart (or their keys).
 */
#include "cli.h"

void help_song(FILE *out)
{
    fprintf(out,
            "usage: kchart song QUERY [options]\n\n"
            "Finds songs by id, or by whole words of their title or credit (any case,\n"
            "any script, punctuation ignored), and shows their run on every\n"
            "chart: debut, peak, periods at peak, periods on chart, longest\n"
            "streak, periods at No. 1, re-entries, last period. A run whose first\n"
            "stored period already counts more than one by the provider's counters\n"
            "debuted \"before\" it (seeded: the provider's count then).\n\n"
            "  --keys           list the songs' keys instead (provider ids and\n"
            "                   title + credit), the handles `kchart split` "
            "takes\n" CLI_COMMON_HELP);
}

int cmd_song(cli_global *g, int argc, char **argv)
{
    const char *keys = NULL;
    const cli_option own[] = {{"keys", 0, &keys}, {0, 0, 0}};
    int code = cli_parse(g, argc, argv, own, 1, 1, help_song);
    if (code >= 0)
        return code;
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t = NULL;
    int rc = keys ? kc_query_song_keys(db, argv[optind], &t)
                  : kc_query_song(db, argv[optind], 200, &t);
    return cli_finish(g, db, rc, t);
}
