/*
 * main.c: `kchart <command>`: finds the command and hands it the arguments
 * (`kchart --version` and `kchart version` print the versions). Each
 * command lives in its own cli_<command>.c and only parses, calls libkchart
 * and prints.
 */
#include "cli.h"

#include <jansson.h>
#include <kc_git.h> /* KC_GIT_DESCRIBE, written at build time */
#include <microhttpd.h>
#include <sqlite3.h>
#include <string.h>
#include <utf8proc.h>

static const cli_command commands[] = {
    {"ingest", "store chart snapshots from files or directories", cmd_ingest,
     help_ingest},
    {"chart", "show a chart at a period, with last/peak/periods", cmd_chart, help_chart},
    {"entries", "every entry of a chart with our and the provider's counters",
     cmd_entries, help_entries},
    {"song", "find songs and show their runs on every chart", cmd_song, help_song},
    {"search", "find songs, albums and artists by any name, in any script", cmd_search,
     help_search},
    {"artist", "an artist's songs and albums on every chart, totals, members", cmd_artist,
     help_artist},
    {"top", "leaderboard of a chart by periods, peak, streak or no1", cmd_top, help_top},
    {"verify", "how often our counters equal the provider's", cmd_verify, help_verify},
    {"merge", "make two songs one (recorded; rebuild replays it)", cmd_merge, help_merge},
    {"split", "move a song's entries with one key into a song of their own", cmd_split,
     help_split},
    {"compile", "compile charts from raw play events under a chart's rules", cmd_compile,
     help_compile},
    {"plays", "convert play events to kchart's binary format", cmd_plays, help_plays},
    {"rebuild", "recompute every derived table from the observations", cmd_rebuild,
     help_rebuild},
    {"forget", "take out everything a file stored, as if never ingested", cmd_forget,
     help_forget},
    {"charts", "list the chart registry, or load more charts into it", cmd_charts,
     help_charts},
    {"serve", "serve the JSON API, the dashboard and the feed over HTTP", cmd_serve,
     help_serve},
    {"token", "create, list or revoke the server's write tokens", cmd_token, help_token},
    {"hook", "webhooks: POST each new event to a URL, signed, in order", cmd_hook,
     help_hook},
    {"regions", "a song across a family of charts: regions at No. 1, ranks on a period",
     cmd_regions, help_regions},
    {"news", "what is new: No. 1s, top-10 debuts, All-Kills, regions (or an Atom feed)",
     cmd_news, help_news},
    {"allkill",
     "All-Kills on the Korean charts: hours, runs, leaderboards, an hour's state",
     cmd_allkill, help_allkill},
    {"catalog", "import or export the catalog: artists, releases, songs, ids",
     cmd_catalog, help_catalog},
    {"series", "import totals and followers over time, or show a subject's values",
     cmd_series, help_series},
    {"milestones", "marks each series crossed: date, days since release, rank, Nth",
     cmd_milestones, help_milestones},
    {"records", "records over cohorts: first, fastest, only, most, and the list",
     cmd_records, help_records},
    {"sales", "import album sales, or a release's first day, first week, months",
     cmd_sales, help_sales},
    {"units", "Billboard-style album units of a week, their inputs and ratios", cmd_units,
     help_units},
    {"certs", "certifications reached (Circle platinum, RIAA gold...), and their rules",
     cmd_certs, help_certs},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *out)
{
    fprintf(out, "usage: kchart <command> [options]\n"
                 "       kchart --version | kchart version\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nEvery command takes --db PATH, --format table|csv|json and --help,\n"
                 "before or after its name.\n"
                 "The store is $KCHART_DB if set, else ./kchart.db.\n\n"
                 "exit codes: 0 success, 1 bad input (nothing from the bad file is\n"
                 "stored), 2 bad usage, 3 not found, 4 store or I/O failure\n");
}

/* Prints what `kchart --version` says, as curl does: the program's version
 * (CMake's project version, and `git describe` of the tree it was built
 * from when it was built from git), then the libraries it runs with. */
static void version(void)
{
    printf("kchart %s", KC_VERSION);
    if (KC_GIT_DESCRIBE[0])
        printf(" (git %s)", KC_GIT_DESCRIBE);
    printf("\nlibkchart/%s SQLite/%s jansson/%s utf8proc/%s libmicrohttpd/%s\n",
           kc_version(), sqlite3_libversion(), jansson_version_str(), utf8proc_version(),
           MHD_get_version());
}

/* Whether argv[i] is an option every command takes (--db PATH, --format F,
 * and their --opt=VALUE forms); *width is then how many words it spans. */
static bool global_option(char **argv, int argc, int i, int *width)
{
    const char *a = argv[i];
    if (!strncmp(a, "--db=", 5) || !strncmp(a, "--format=", 9)) {
        *width = 1;
        return true;
    }
    if (strcmp(a, "--db") && strcmp(a, "--format"))
        return false;
    *width = i + 1 < argc ? 2 : 1;
    return true;
}

/* Moves the options every command takes from before the command to just
 * after it, so that `kchart --db X chart ...` is `kchart chart --db X ...`
 * (after the command's name, anywhere, each command's parser takes them).
 * argv is reordered in place; a value missing after a leading option is
 * left for the command to refuse. */
static void globals_after_command(int argc, char **argv)
{
    int i = 1, width;
    while (i < argc && global_option(argv, argc, i, &width))
        i += width;
    if (i == 1 || i >= argc)
        return;
    /* argv[1..i) are the global options, argv[i] the command: rotate the
     * command to the front. */
    char *cmd = argv[i];
    memmove(argv + 2, argv + 1, (size_t)(i - 1) * sizeof *argv);
    argv[1] = cmd;
}

int main(int argc, char **argv)
{
    globals_after_command(argc, argv);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        version();
        return 0;
    }
    if (!strncmp(argv[1], "--db", 4) || !strncmp(argv[1], "--format", 8)) {
        fprintf(stderr, "kchart: %s needs a command after it (kchart %s ... chart ...)\n",
                argv[1], argv[1]);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (!strcmp(argv[1], commands[i].name)) {
            cli_global g = {.format = OUT_TABLE};
            return commands[i].run(&g, argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "kchart: unknown command \"%s\"\n\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
