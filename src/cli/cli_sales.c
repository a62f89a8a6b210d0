/*
 * cli_sales.c: `kchart sales import FILE...` and `kchart sales RELEASE`
 * (a release's windows and totals); `kchart units import FILE...`,
 * `kchart units --week W` (the units chart of a week), `kchart units
 * --rules` and `kchart units rules FILE` (the ratios); `kchart certs
 * [RELEASE]` (the awards reached), `kchart certs --rules` and `kchart certs
 * rules FILE`.
 */
#include "cli.h"

#include <limits.h>
#include <string.h>

void help_sales(FILE *out)
{
    fprintf(out,
            "usage: kchart sales import FILE... [--create] [options]\n"
            "       kchart sales RELEASE [--artist NAME] [options]\n\n"
            "import stores album sales as providers report them: a CSV of\n"
            "provider,period,release,artist,units with optional country, kind (day,\n"
            "week, month, year or cumulative; default week) and version, all files in\n"
            "one transaction. A release is the catalog's (its key, or its title with\n"
            "its artist); an unknown one is an error naming the nearest. The same row\n"
            "twice changes nothing; other units for a stored row are refused.\n"
            "With RELEASE: its windows in each provider's time zone (first day,\n"
            "first week, months, their total, cumulative snapshots checked against\n"
            "it). docs/sales.md has the formats and the rules.\n\n"
            "  --create         make unknown releases (and artists)\n"
            "  --artist NAME    the release's artist, when titles repeat\n"
            "  --quiet          no summary line\n" CLI_COMMON_HELP);
}

void help_units(FILE *out)
{
    fprintf(out,
            "usage: kchart units --week W [--limit N] [options]\n"
            "       kchart units import FILE... [--create] [options]\n"
            "       kchart units --rules | kchart units rules FILE\n\n"
            "Billboard 200 equivalent album units: album sales + track sales / 10 +\n"
            "streams under the ratios in force for the chart week (data/units.csv).\n"
            "--week W: the chart of a week (its chart date, a Saturday, or any day of\n"
            "its Friday-Thursday tracking week), ranked by units, with the breakdown.\n"
            "import stores weekly inputs: a CSV of week (the chart date), release,\n"
            "artist, sales, track_sales, paid_streams, ad_streams and optionally\n"
            "video_streams. rules FILE loads ratios (rows replace those of their\n"
            "date); --rules shows them.\n\n"
            "  --week W         the week\n"
            "  --limit N        the first N rows\n"
            "  --rules          show the ratios\n"
            "  --create         import: make unknown releases (and artists)\n"
            "  --quiet          no summary line\n" CLI_COMMON_HELP);
}

static int import(cli_global *g, int argc, char **argv, bool create, bool quiet,
                  bool units)
{
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_sales_opts o = {.create = create};
    kc_sales_stats st = {0};
    const char *const *paths = (const char *const *)argv + optind + 1;
    size_t n = (size_t)(argc - optind - 1);
    int rc = units ? kc_units_import(db, paths, n, &o, &st)
                   : kc_sales_import(db, paths, n, &o, &st);
    char a[48], b[48], c[48];
    if (!rc && !quiet)
        printf("%s: %s stored, %zu unchanged, %s made\n",
               cli_noun(a, sizeof a, st.files, "file", "files"),
               cli_noun(b, sizeof b, st.stored, "row", "rows"), st.unchanged,
               cli_noun(c, sizeof c, st.created, "release", "releases"));
    if (!rc && !quiet && units)
        printf("billboard-200-units: %zu weeks stored, %zu unchanged\n", st.weeks,
               st.weeks_unchanged);
    return cli_finish(g, db, rc, NULL);
}

int cmd_sales(cli_global *g, int argc, char **argv)
{
    const char *create = NULL, *quiet = NULL, *artist = NULL;
    const cli_option own[] = {
        {"create", 0, &create}, {"artist", 1, &artist}, {"quiet", 0, &quiet}, {0, 0, 0}};
    int code = cli_parse(g, argc, argv, own, 1, INT_MAX, help_sales);
    if (code >= 0)
        return code;
    bool imp = !strcmp(argv[optind], "import");
    if ((imp && optind + 1 == argc) || (!imp && optind + 1 != argc)) {
        help_sales(stderr);
        return EXIT_USAGE;
    }
    if (imp)
        return import(g, argc, argv, create != NULL, quiet != NULL, false);
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    kc_table *t = NULL;
    int rc = kc_query_sales(db, argv[optind], artist, &t);
    json_t *context = json_object();
    cli_context_put(context, "release", argv[optind]);
    cli_context_put(context, "artist", artist);
    return cli_finish_in(g, db, rc, t, context);
}

int cmd_units(cli_global *g, int argc, char **argv)
{
    const char *create = NULL, *quiet = NULL, *week = NULL, *limit = NULL, *rules = NULL;
    const cli_option own[] = {{"create", 0, &create}, {"quiet", 0, &quiet},
                              {"week", 1, &week},     {"limit", 1, &limit},
                              {"rules", 0, &rules},   {0, 0, 0}};
    int code = cli_parse(g, argc, argv, own, 0, INT_MAX, help_units);
    if (code >= 0)
        return code;
    size_t n = 0;
    if (limit && cli_count("limit", limit, 1000000, 0, &n))
        return EXIT_USAGE;
    bool imp = optind < argc && !strcmp(argv[optind], "import") && optind + 1 < argc;
    bool load = optind < argc && !strcmp(argv[optind], "rules") && optind + 2 == argc;
    if (imp && !week && !rules)
        return import(g, argc, argv, create != NULL, quiet != NULL, true);
    if ((!imp && !load && optind < argc) || (!load && !imp && !week == !rules)) {
        help_units(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    if (load) {
        int rc = kc_units_rules_load(db, argv[optind + 1]);
        return cli_finish(g, db, rc, NULL);
    }
    kc_table *t = NULL;
    int rc = rules ? kc_query_unit_rules(db, &t) : kc_query_units(db, week, n, &t);
    return cli_finish(g, db, rc, t);
}

void help_certs(FILE *out)
{
    fprintf(out,
            "usage: kchart certs [RELEASE] [--artist NAME] [options]\n"
            "       kchart certs --rules | kchart certs rules FILE\n\n"
            "The certifications reached by the stored counts, first reached first:\n"
            "each award with the day its total first reached the threshold of a rule\n"
            "in force that day (album sales from `kchart sales import`, units from\n"
            "`kchart units import`, downloads and streams from `kchart series\n"
            "import`). With RELEASE: that release's and its songs'. The rules are data\n"
            "(data/certs.csv: Circle, RIAA); rules FILE loads more (a row replaces the\n"
            "stored one of the same certifier, award, metric and since); --rules\n"
            "shows them. docs/sales.md has the rules and how totals are counted.\n\n"
            "  --artist NAME    the release's artist, when titles repeat\n"
            "  --rules          show the rules\n" CLI_COMMON_HELP);
}

int cmd_certs(cli_global *g, int argc, char **argv)
{
    const char *artist = NULL, *rules = NULL;
    const cli_option own[] = {{"artist", 1, &artist}, {"rules", 0, &rules}, {0, 0, 0}};
    int code = cli_parse(g, argc, argv, own, 0, 2, help_certs);
    if (code >= 0)
        return code;
    bool load = optind + 2 == argc && !strcmp(argv[optind], "rules");
    if ((!load && optind + 2 == argc) || (rules && optind < argc) ||
        (artist && (load || optind == argc))) {
        help_certs(stderr);
        return EXIT_USAGE;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    if (load)
        return cli_finish(g, db, kc_certs_rules_load(db, argv[optind + 1]), NULL);
    kc_table *t = NULL;
    int rc = rules ? kc_query_cert_rules(db, &t)
                   : kc_query_certs(db, optind < argc ? argv[optind] : NULL, artist, &t);
    return cli_finish(g, db, rc, t);
}
