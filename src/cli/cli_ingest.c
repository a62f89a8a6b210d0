/*
 * cli_ingest.c: `kchart ingest PATH... [--chart ID] [--period P]
 * [--format F] [--replace]`.
 */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void help_ingest(FILE *out)
{
    fprintf(out,
            "usage: kchart ingest PATH... [options]\n\n"
            "Stores chart snapshots from files, or from every file under a directory\n"
            "in period order, and updates the chart runs. Each file is one\n"
            "transaction: a bad file stores nothing and stops the ingest with\n"
            "file:line:column and what is wrong. A file already stored is left\n"
            "unchanged.\n\n"
            "  --chart ID       the chart, when the file name does not say it\n"
            "  --period P       the period, when the file does not say it\n"
            "  --format F       the input's format: billboard, spotify, spotify-old,\n"
            "                   generic (default: detected); or how the summary is\n"
            "                   printed: table (default), csv or json\n"
            "  --replace        replace a stored snapshot that has different rows\n"
            "  --keep-going     report a bad file and go on with the others (the\n"
            "                   exit code still says that some failed)\n"
            "  --quiet          no summary line\n" CLI_HELP_DB CLI_HELP_HELP);
}

static void progress(void *ctx, size_t done, size_t total, const char *path)
{
    (void)ctx;
    (void)path;
    if (total < 2)
        return;
    int width = 40, filled = (int)(done * (size_t)width / total);
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu files", filled,
            "========================================", width - filled, "", done, total);
    if (done == total)
        fputc('\n', stderr);
}

static void report(void *ctx, const char *message)
{
    (void)ctx;
    if (isatty(STDERR_FILENO))
        fputc('\n', stderr);
    cli_say(message);
}

/* The summary's note of files skipped, as not chart files. */
static const char *skipped_note(size_t n)
{
    static char note[96];
    snprintf(note, sizeof note, ", %zu skipped (not chart files)", n);
    return note;
}

/* The summary's note of rows dropped, as conflicting claims on a rank. */
static const char *dropped_note(size_t n)
{
    static char note[96];
    snprintf(note, sizeof note, "; %zu rows dropped (two songs claimed one rank)", n);
    return note;
}

static void warning(void *ctx, const char *message)
{
    (void)ctx;
    if (isatty(STDERR_FILENO))
        fputc('\n', stderr);
    char line[1024 + 16];
    snprintf(line, sizeof line, "warning: %s", message);
    cli_say(line);
}

int cmd_ingest(cli_global *g, int argc, char **argv)
{
    const char *replace = NULL, *quiet = NULL, *keep_going = NULL;
    kc_ingest_opts o = {0};
    const cli_option own[] = {{"chart", 1, &o.chart_id},      {"period", 1, &o.period},
                              {"replace", 0, &replace},       {"quiet", 0, &quiet},
                              {"keep-going", 0, &keep_going}, {0, 0, 0}};
    g->input_format_ok = 1;
    int code = cli_parse(g, argc, argv, own, 1, INT_MAX, help_ingest);
    if (code >= 0)
        return code;
    code = 0;
    o.format = g->input_format;
    o.replace = replace != NULL;
    if (keep_going)
        o.on_error = report;
    o.on_warning = warning;
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    if (isatty(STDERR_FILENO) && !quiet)
        o.progress = progress;
    kc_ingest_stats st = {0};
    for (int i = optind; i < argc && !code; i++) {
        int rc = kc_ingest_path(db, argv[i], &o, &st);
        if (rc)
            code = cli_fail(db, rc);
    }
    if (!code && st.failed)
        code = EXIT_INPUT;
    char a[48], b[48], c[48];
    if (quiet)
        ;
    else if (code || g->format == OUT_TABLE)
        fprintf(code ? stderr : stdout,
                "%s: %s stored (%s), %zu unchanged, %zu failed%s%s\n",
                cli_noun(a, sizeof a, st.files, "file", "files"),
                cli_noun(b, sizeof b, st.snapshots, "snapshot", "snapshots"),
                cli_noun(c, sizeof c, st.entries, "entry", "entries"), st.unchanged,
                st.failed, st.skipped ? skipped_note(st.skipped) : "",
                st.dropped ? dropped_note(st.dropped) : "");
    else if (g->format == OUT_CSV)
        printf(
            "files,snapshots,entries,unchanged,failed,skipped\n%zu,%zu,%zu,%zu,%zu,%zu\n",
            st.files, st.snapshots, st.entries, st.unchanged, st.failed, st.skipped);
    else
        printf("{\"files\": %zu, \"snapshots\": %zu, \"entries\": %zu, "
               "\"unchanged\": %zu, \"failed\": %zu, \"skipped\": %zu}\n",
               st.files, st.snapshots, st.entries, st.unchanged, st.failed, st.skipped);
    kc_db_close(db);
    return code;
}
