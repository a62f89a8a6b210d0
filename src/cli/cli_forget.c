/*
 * cli_forget.c: `kchart forget PATH|DIGEST...`: takes out everything the
 * files named stored, as if they had never been ingested (kc_forget,
 * docs/forget.md), and says what went; --dry-run says what would.
 */
#include "cli.h"

#include <string.h>

void help_forget(FILE *out)
{
    fprintf(out,
            "usage: kchart forget [options] PATH|DIGEST...\n\n"
            "Takes out everything the files named stored (chart snapshots, catalog\n"
            "changes, series values, sales, units, news events) and derives the rest\n"
            "again: the store is as if they had never been ingested. A file is named\n"
            "by its path (its bytes name it) or by its digest (32 hex digits, as\n"
            "this prints it), for a file no longer on disk. All or nothing.\n\n"
            "  --dry-run   say what would go, change nothing\n" CLI_COMMON_HELP);
}

/* Prints s with control characters escaped: a path may hold any byte. */
static void put_escaped(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            printf("\\x%02x", *p);
        else
            putchar(*p);
}

int cmd_forget(cli_global *g, int argc, char **argv)
{
    const char *dry = NULL;
    const cli_option own[] = {{"dry-run", 0, &dry}, {NULL, 0, NULL}};
    int code = cli_parse(g, argc, argv, own, 1, 1 << 20, help_forget);
    if (code >= 0)
        return code;
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_forgotten *v;
    size_t n;
    int rc = kc_forget(db, (const char *const *)argv + optind, (size_t)(argc - optind),
                       dry != NULL, &v, &n);
    if (rc) {
        code = cli_fail(db, rc);
        kc_db_close(db);
        return code;
    }
    for (size_t i = 0; i < n; i++) {
        printf("%s ", dry ? "would forget" : "forgot");
        /* The name given, or the path it came from when the name was
         * its digest. */
        put_escaped(strcmp(v[i].name, v[i].digest) ? v[i].name : v[i].path);
        printf(" (%s file %s): ", v[i].kind, v[i].digest);
        if (!v[i].snapshots && !v[i].rows && !v[i].events) {
            printf("nothing to forget: what it stored is another file's now\n");
            continue;
        }
        char a[48], b[48], c[48];
        printf("%s, %s, %s\n",
               cli_noun(a, sizeof a, v[i].snapshots, "snapshot", "snapshots"),
               cli_noun(b, sizeof b, v[i].rows, "row", "rows"),
               cli_noun(c, sizeof c, v[i].events, "event", "events"));
    }
    kc_forgotten_free(v, n);
    kc_db_close(db);
    return 0;
}
