/*
 * cli_identity.c: `kchart merge INTO FROM` and `kchart split SONG KEY`, the
 * user's corrections of song identity. Both are recorded and replayed by
 * `rebuild`.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

void help_merge(FILE *out)
{
    fprintf(out, "usage: kchart merge INTO FROM [options]\n\n"
                 "Makes song FROM part of song INTO (ids as `kchart song` shows them):\n"
                 "every key of FROM is looked up as INTO's from now on, and the charts\n"
                 "are recomputed. Recorded, so `rebuild` replays it.\n" CLI_COMMON_HELP);
}

void help_split(FILE *out)
{
    fprintf(out, "usage: kchart split SONG KEY [options]\n\n"
                 "Moves the entries of SONG that carry KEY (a provider id such as\n"
                 "id:spotify:track:..., or a title + credit key t:title|credit, as\n"
                 "`kchart song QUERY --keys` lists them) into a song of their own, and\n"
                 "recomputes the charts. Recorded, so `rebuild` replays it.\n"
                 CLI_COMMON_HELP);
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
    static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    void (*help)(FILE *) = split ? help_split : help_merge;
    int opt;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int c = cli_common_option(g, opt, optarg);
        if (c < 0)
            return EXIT_USAGE;
        if (c)
            continue;
        if (opt == 'h') {
            help(stdout);
            return 0;
        }
        help(stderr);
        return EXIT_USAGE;
    }
    int64_t a, b = 0;
    if (optind + 2 != argc || parse_id(argv[optind], &a) ||
        (!split && parse_id(argv[optind + 1], &b))) {
        help(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    int rc = split ? kc_song_split(db, a, argv[optind + 1]) : kc_song_merge(db, a, b);
    int code = rc ? cli_fail(db, rc) : 0;
    kc_db_close(db);
    return code;
}

int cmd_merge(cli_global *g, int argc, char **argv) { return run(g, argc, argv, 0); }
int cmd_split(cli_global *g, int argc, char **argv) { return run(g, argc, argv, 1); }
