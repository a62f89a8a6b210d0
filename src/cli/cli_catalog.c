/*
 * cli_catalog.c: `kchart catalog import FILE...` and `kchart catalog export`:
 * the catalog of artists, releases, songs, credits, ids and videos
 * (docs/catalog.md).
 */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

void help_catalog(FILE *out)
{
    fprintf(out,
            "usage: kchart catalog import FILE... [options]\n"
            "       kchart catalog export [options]\n\n"
            "import stores a catalog file (kchart's \"catalog/1\" JSON of artists,\n"
            "members, songs, releases and videos, docs/catalog.md; or a data.json of\n"
            "albums with per-platform song ids) whole or not at all: bad input names\n"
            "file:line:column and stores nothing. Import adds and updates, never\n"
            "removes; the same file twice changes nothing. Every song is tied to the\n"
            "song the charts know by its provider ids, else by title and credit.\n"
            "export prints the whole catalog as \"catalog/1\" JSON.\n\n" CLI_COMMON_HELP);
}

int cmd_catalog(cli_global *g, int argc, char **argv)
{
    int code = cli_parse(g, argc, argv, NULL, 1, INT_MAX, help_catalog);
    if (code >= 0)
        return code;
    const char *verb = argv[optind];
    int first = optind + 1;
    if (strcmp(verb, "import") && strcmp(verb, "export")) {
        fprintf(stderr, "kchart: catalog takes import or export, not \"%s\"\n", verb);
        return EXIT_USAGE;
    }
    if ((!strcmp(verb, "import") && first == argc) ||
        (!strcmp(verb, "export") && first != argc)) {
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
    kc_catalog_stats st = {0};
    for (int i = first; i < argc && !rc; i++)
        rc = kc_catalog_import(db, argv[i], &st);
    if (!rc)
        printf("%zu files: %zu changes\n", st.files, st.changes);
    return cli_finish(g, db, rc, NULL);
}
