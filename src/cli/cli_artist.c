/*
 * cli_artist.c: `kchart artist NAME`: an artist's songs and albums on every
 * chart, one row per entity and chart, then its totals per chart, then its
 * members and groups where known.
 */
#include "../http/http.h"
#include "cli.h"

#include <stdlib.h>

void help_artist(FILE *out)
{
    fprintf(out,
            "usage: kchart artist NAME [options]\n\n"
            "Shows the artist called NAME (its name or an alias, any case, any\n"
            "script: the catalog's, MusicBrainz's, or a chart credit's): one row per\n"
            "entity its credits name and chart (artist, role lead or featured, kind\n"
            "song or album, id, title, credit, chart, debut, peak, periods, no1:\n"
            "periods at No. 1), by chart then debut; then its totals per chart\n"
            "(entries, No. 1s, top 10s, periods, first and last period); then its\n"
            "members and the groups it is a member of, where known. Exit 3 when no\n"
            "artist has the name (with the nearest names).\n\n" CLI_COMMON_HELP);
}

/* JSON: one object, each table an array of objects (an artist a single
 * object). */
static int print_json(const kc_artist_info *a)
{
    json_t *o = json_object();
    json_t *artist = a->artist->nrows ? http_row_json(a->artist, 0) : json_null();
    int bad =
        !o || json_object_set_new(o, "artist", artist) ||
        json_object_set_new(o, "aliases",
                            http_rows_json(a->aliases, 0, a->aliases->nrows)) ||
        json_object_set_new(o, "members",
                            http_rows_json(a->members, 0, a->members->nrows)) ||
        json_object_set_new(o, "entries",
                            http_rows_json(a->entries, 0, a->entries->nrows)) ||
        json_object_set_new(o, "totals", http_rows_json(a->totals, 0, a->totals->nrows));
    if (!bad)
        bad = json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (bad) {
        fprintf(stderr, "kchart: out of memory\n");
        return EXIT_STORE;
    }
    fputc('\n', stdout);
    return 0;
}

int cmd_artist(cli_global *g, int argc, char **argv)
{
    const cli_option own[] = {{0, 0, 0}};
    int code = cli_parse(g, argc, argv, own, 1, 1, help_artist);
    if (code >= 0)
        return code;
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_artist_info a;
    int rc = kc_query_artist_info(db, argv[optind], &a);
    code = 0;
    if (rc) {
        code = cli_fail(db, rc);
    } else if (g->format == OUT_JSON) {
        code = print_json(&a);
    } else {
        /* The tables one after the other, a blank line between: the
         * entries first, so that a reader of the CSV takes them up to the
         * first blank line. */
        cli_print_in(db, a.entries, NULL, g->format, stdout);
        fputc('\n', stdout);
        cli_print_in(db, a.totals, NULL, g->format, stdout);
        if (a.members->nrows) {
            fputc('\n', stdout);
            cli_print_in(db, a.members, NULL, g->format, stdout);
        }
    }
    kc_artist_info_free(&a);
    kc_db_close(db);
    return code;
}
