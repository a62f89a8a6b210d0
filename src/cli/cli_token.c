/*
 * cli_token.c: `kchart token create NAME | list | revoke NAME`.
 */
#include "cli.h"

#include <stdbool.h>
#include <string.h>

void help_token(FILE *out)
{
    fprintf(out, "usage: kchart token create NAME\n"
                 "       kchart token list\n"
                 "       kchart token revoke NAME\n\n"
                 "The bearer tokens that allow writes through `kchart serve` (POST\n"
                 "/api/ingest with Authorization: Bearer <token>). Only a hash of each\n"
                 "token is stored: `create` prints the token once.\n\n" CLI_COMMON_HELP);
}

int cmd_token(cli_global *g, int argc, char **argv)
{
    int code = cli_parse(g, argc, argv, NULL, 1, 2, help_token);
    if (code >= 0)
        return code;
    const char *verb = argv[optind], *name = argc - optind > 1 ? argv[optind + 1] : NULL;
    bool list = !strcmp(verb, "list");
    if (list ? name != NULL
             : (strcmp(verb, "create") && strcmp(verb, "revoke")) || name == NULL) {
        help_token(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    if (list) {
        /* Queried before cli_finish reads t: the order in which a call's
         * arguments are evaluated is unspecified. */
        kc_table *t = NULL;
        int rc = kc_query_tokens(db, &t);
        return cli_finish(g, db, rc, t);
    }
    int rc;
    if (!strcmp(verb, "create")) {
        char token[KC_TOKEN_LEN + 1];
        if (!(rc = kc_token_create(db, name, token)))
            printf("%s\n", token);
    } else if (!(rc = kc_token_revoke(db, name))) {
        printf("revoked %s\n", name);
    }
    return cli_finish(g, db, rc, NULL);
}
