/*
 * cli_identity.c: `kchart merge INTO FROM` and `kchart split SONG KEY`, the
 * user's corrections of song identity, and `kchart split SONG MERGED_ID`,
 * which undoes a merge. Recorded and replayed by `rebuild`; no id moves.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

void help_merge(FILE *out)
{
    fprintf(out, "usage: kchart merge INTO FROM [options]\n\n"
                 "Makes song FROM part of song INTO (ids as `kchart song` shows them):\n"
                 "every key of FROM is looked up as INTO's from now on, and the charts\n"
                 "the two are on are recomputed. Recorded, so `rebuild` replays it.\n"
                 "FROM's id answers as INTO from then on; `kchart split INTO FROM`\n"
                 "undoes the merge.\n" CLI_COMMON_HELP);
}

void help_split(FILE *out)
{
    fprintf(
        out,
        "usage: kchart split SONG KEY [options]\n"
        "       kchart split SONG MERGED_ID [options]\n\n"
        "Moves the entries of SONG that carry KEY (a provider id such as\n"
        "id:spotify:track:..., or a title + credit key t:title|credit, as\n"
        "`kchart song QUERY --keys` lists them) into a song of their own, and\n"
        "recomputes the charts SONG is on. A row whose provider id is split\n"
        "off is known by that id alone. Recorded, so `rebuild` replays it.\n"
        "With a song id instead of a key, undoes the merge of MERGED_ID into\n"
        "SONG: the id comes back with its entries. Merges one after the\n"
        "other (A into B, then B into SONG) are undone last first.\n" CLI_COMMON_HELP);
}

static int parse_id(const char *s, int64_t *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < 1) {
        fprintf(stderr, "kchart: \"%s\" is not a song id\n", s);
        return -1;
    }
    *out = v;
    return 0;
}

static int run(cli_global *g, int argc, char **argv, int split)
{
    void (*help)(FILE *) = split ? help_split : help_merge;
    int code = cli_parse(g, argc, argv, NULL, 2, 2, help);
    if (code >= 0)
        return code;
    int64_t a, b = 0;
    const char *second = argv[optind + 1];
    /* A key starts with its kind ("id:", "t:"); a merged id is digits. */
    bool unmerge = split && *second >= '0' && *second <= '9';
    if (parse_id(argv[optind], &a) || ((!split || unmerge) && parse_id(second, &b)))
        return EXIT_USAGE;
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    int rc = unmerge ? kc_song_unmerge(db, a, b)
             : split ? kc_song_split(db, a, second)
                     : kc_song_merge(db, a, b);
    return cli_finish(g, db, rc, NULL);
}

int cmd_merge(cli_global *g, int argc, char **argv)
{
    return run(g, argc, argv, 0);
}
int cmd_split(cli_global *g, int argc, char **argv)
{
    return run(g, argc, argv, 1);
}
