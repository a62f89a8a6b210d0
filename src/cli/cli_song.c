/*
 * cli_song.c: `kchart song QUERY [--keys]`: songs whose id, title or credit
 * match, with their run on every chart (or their keys).
 */
#include "cli.h"

#include <stdlib.h>

void help_song(FILE *out)
{
    fprintf(out,
            "usage: kchart song QUERY [options]\n\n"
            "Finds songs by id, or by whole words of their title or credit (any case,\n"
            "any script, punctuation ignored), and shows their run on every\n"
            "chart: debut, peak, periods at peak, periods on chart, longest\n"
            "streak, periods at No. 1, re-entries, last period. A run whose first\n"
            "stored period already counts more than one by the provider's counters\n"
            "debuted \"before\" it (seeded: the provider's count then). An id merged\n"
            "away (`kchart merge`) shows the song it went into.\n\n"
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
    const char *query = argv[optind];
    /* An id merged away answers as the song it went into (ids never move:
     * docs/entities.md), and says so. */
    char *end, merged[32];
    long long id = strtoll(query, &end, 10);
    int64_t to = 0;
    int rc = KC_OK;
    if (*query >= '0' && *query <= '9' && !*end && id > 0 &&
        (rc = kc_song_redirect(db, id, &to)) == KC_OK && to) {
        fprintf(stderr, "kchart: song %lld was merged into %lld\n", id, (long long)to);
        snprintf(merged, sizeof merged, "%lld", (long long)to);
        query = merged;
    }
    if (!rc)
        rc = keys ? kc_query_song_keys(db, query, &t) : kc_query_song(db, query, 200, &t);
    json_t *context = json_object();
    cli_context_put(context, "query", argv[optind]);
    if (query != argv[optind])
        cli_context_put(context, "merged_into", query);
    return cli_finish_in(g, db, rc, t, context);
}
