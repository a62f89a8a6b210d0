/*
 * cli_catalog.c: `kchart catalog import FILE...`, `kchart catalog export`
 * and `kchart catalog markets [FILE]`: the catalog of artists, releases,
 * songs, credits, ids and videos (docs/catalog.md), MusicBrainz's JSON
 * among its inputs, and the rules that give artists their market
 * (docs/entities.md).
 */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

void help_catalog(FILE *out)
{
    fprintf(out,
            "usage: kchart catalog import FILE... [options]\n"
            "       kchart catalog export [options]\n"
            "       kchart catalog markets [FILE] [options]\n\n"
            "import stores a catalog file (kchart's \"catalog/1\" JSON of artists,\n"
            "members, songs, releases and videos, docs/catalog.md; a data.json of\n"
            "albums with per-platform song ids; or MusicBrainz's JSON: an artist,\n"
            "release group, release or recording of the web service, a list of them,\n"
            "or a dump of one a line, docs/entities.md) whole or not at all: bad input\n"
            "names file:line:column and stores nothing. Import adds and updates, never\n"
            "removes; the same file twice changes nothing. What the catalog says wins\n"
            "over MusicBrainz, which gets a warning where it says otherwise. Every\n"
            "song is tied to the song the charts know by its provider ids or ISRCs,\n"
            "else by title and credit.\n"
            "export prints the whole catalog as \"catalog/1\" JSON.\n"
            "markets prints the rules that give an artist its market from its genres\n"
            "or area (CSV field,value,market, the first that applies wins); with FILE\n"
            "(the same CSV) it replaces them and re-derives the markets they "
            "gave.\n\n" CLI_COMMON_HELP);
}

static void warning(void *ctx, const char *message)
{
    (void)ctx;
    fprintf(stderr, "kchart: warning: %s\n", message);
}

int cmd_catalog(cli_global *g, int argc, char **argv)
{
    int code = cli_parse(g, argc, argv, NULL, 1, INT_MAX, help_catalog);
    if (code >= 0)
        return code;
    const char *verb = argv[optind];
    int first = optind + 1;
    if (strcmp(verb, "import") && strcmp(verb, "export") && strcmp(verb, "markets")) {
        fprintf(stderr, "kchart: catalog takes import, export or markets, not \"%s\"\n",
                verb);
        return EXIT_USAGE;
    }
    if ((!strcmp(verb, "import") && first == argc) ||
        (!strcmp(verb, "export") && first != argc) ||
        (!strcmp(verb, "markets") && argc - first > 1)) {
        help_catalog(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    int rc = KC_OK;
    if (!strcmp(verb, "export")) {
        char *json = NULL;
        if (!(rc = kc_catalog_export(db, &json)))
            printf("%s\n", json);
        free(json);
        return cli_finish(g, db, rc, NULL);
    }
    kc_catalog_opts o = {.on_warning = warning};
    kc_catalog_stats st = {0};
    if (!strcmp(verb, "markets") && first == argc) {
        char *csv = NULL;
        if (!(rc = kc_catalog_markets_export(db, &csv)))
            fputs(csv, stdout);
        free(csv);
        return cli_finish(g, db, rc, NULL);
    }
    if (!strcmp(verb, "markets"))
        rc = kc_catalog_markets_import(db, argv[first], &o, &st);
    for (int i = first; i < argc && !rc && !strcmp(verb, "import"); i++)
        rc = kc_catalog_import_opts(db, argv[i], &o, &st);
    char a[48], b[48];
    if (!rc)
        printf("%s: %s\n", cli_noun(a, sizeof a, st.files, "file", "files"),
               cli_noun(b, sizeof b, st.changes, "change", "changes"));
    return cli_finish(g, db, rc, NULL);
}
