/*
 * cli_compile.c: `kchart compile PLAYS... [rules] [--format csv | --partial
 * OUT]`, `kchart compile --merge PARTS...` and `kchart plays convert IN...
 * OUT`.
 *
 * Rule flags are the rule file's names (kc_rules_set): the file is read
 * first, then each flag overrides it, so one parser serves both.
 */
#include "cli.h"

#ifdef KC_HAVE_MPI
#include <mpi.h>
#endif
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void help_compile(FILE *out)
{
    fprintf(
        out,
        "usage: kchart compile PLAYS... [options]\n"
        "       kchart compile --merge PARTS... [options]\n\n"
        "Counts play events (CSV ts,user_id,track_id,region,platform,tier,ms_played\n"
        "or kchart's binary format) under a chart's rules into ranked charts, one\n"
        "per platform and region and period, and stores them as the charts\n"
        "PREFIX-<platform>-<region>-<cadence>. docs/compile.md has the rules.\n"
        "Under mpirun (kchart built with MPI) the ranks share the work and give\n"
        "the same charts; rank 0 prints or stores them (docs/mpi.md).\n\n"
        "rules (a rule file has the same names: \"cap = 10\"; flags override it):\n"
        "  --rules FILE        read the rules from FILE\n"
        "  --min-ms N          plays shorter than N ms do not count (30000)\n"
        "  --cap N             counted plays per user, track, chart and period;\n"
        "                      0: no cap (10)\n"
        "  --weight TIER=W     weight of a premium or free play (1 each); W may\n"
        "                      be a fraction: --weight free=1/3\n"
        "  --period P          hour, day or week (day)\n"
        "  --time-zone TZ      of the periods: UTC, +09:00, Asia/Seoul (UTC)\n"
        "  --week-start DAY    monday .. sunday (friday)\n"
        "  --group G           platform,region, region, platform or none\n"
        "  --top N             ranks per chart (200)\n"
        "  --chart-prefix P    stored chart ids start with P (plays)\n\n"
        "output:\n"
        "  --format csv        print chart,period,rank,track_id,score instead of\n"
        "                      storing\n"
        "  --partial OUT       write the counts before ranking to OUT, to be merged\n"
        "                      later with --merge (counts from disjoint users add up)\n"
        "  --merge             the inputs are partial-count files\n"
        "  --skip-bad          report a malformed play, leave it out and go on\n"
        "  --threads N         worker threads (default: one per core)\n"
        "  --db PATH           the store (default: $KCHART_DB, else ./kchart.db)\n"
        "  --help              this help\n");
}

void help_plays(FILE *out)
{
    fprintf(out, "usage: kchart plays convert IN.csv... OUT [--skip-bad]\n\n"
                 "Writes the play events of the CSV files into one file in kchart's\n"
                 "binary format (docs/plays-format.md), which `kchart compile` reads\n"
                 "many times faster. OUT is written whole or not at all.\n");
}

static uint64_t nbad;

static void report_bad(void *ctx, const char *message)
{
    (void)ctx;
    if (++nbad <= 10) {
        char line[1024 + 16];
        snprintf(line, sizeof line, "skipped: %s", message);
        cli_say(line);
    } else if (nbad == 11)
        fprintf(stderr, "kchart: skipped more malformed plays (counted below)\n");
}

static const char *const rule_flags[] = {"min-ms",       "cap",        "weight", "period",
                                         "time-zone",    "week-start", "group",  "top",
                                         "chart-prefix", NULL};

static bool is_rule(const char *name)
{
    for (int i = 0; rule_flags[i]; i++)
        if (!strcmp(name, rule_flags[i]))
            return true;
    return false;
}

/* Under mpirun (Open MPI, or any launcher that sets PMIx or PMI): this
 * process is one rank of a distributed compile. */
static bool launched_by_mpi(void)
{
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_RANK");
}

static int rank_of_job = 0;

/* Prints a compile's failure: every rank says what went wrong with it; a
 * rank that only learned that another failed leaves it to rank 0. */
static void report_failure(const char *msg)
{
    if (rank_of_job && !strncmp(msg, "another rank failed", 19))
        return;
    if (rank_of_job)
        fprintf(stderr, "kchart: rank %d: %s\n", rank_of_job, msg);
    else
        cli_say(msg);
}

static int compile_main(cli_global *g, int argc, char **argv, bool mpi);

int cmd_compile(cli_global *g, int argc, char **argv)
{
    bool mpi = false;
#ifdef KC_HAVE_MPI
    if (launched_by_mpi()) {
        MPI_Init(NULL, NULL);
        MPI_Comm_rank(MPI_COMM_WORLD, &rank_of_job);
        mpi = true;
    }
#endif
    int code = compile_main(g, argc, argv, mpi);
#ifdef KC_HAVE_MPI
    if (mpi)
        MPI_Finalize();
#endif
    return code;
}

/* What the command line of `kchart compile` asks. */
typedef struct {
    const char *rules_file, *partial, *format;
    int merge, skip_bad, threads;
    char **inputs; /* owned array of borrowed arguments */
    int ninputs;
} compile_args;

/* The first pass over the arguments: the inputs and what is not a rule
 * (the rules come after the rules file, kc_rules_set below). -1 to go on,
 * else the exit code (0 after --help). */
static int parse_args(cli_global *g, int argc, char **argv, compile_args *a)
{
    if (!(a->inputs = calloc((size_t)argc, sizeof *a->inputs)))
        return EXIT_STORE;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) || !arg[2]) {
            a->inputs[a->ninputs++] = argv[i];
            continue;
        }
        const char *name = arg + 2, *eq = strchr(name, '=');
        char key[32];
        snprintf(key, sizeof key, "%.*s", eq ? (int)(eq - name) : (int)strlen(name),
                 name);
        if (!strcmp(key, "help")) {
            help_compile(stdout);
            return 0;
        }
        bool flag = !strcmp(key, "merge") || !strcmp(key, "skip-bad");
        const char *value = eq ? eq + 1 : NULL;
        if (!flag && !value) {
            if (i + 1 >= argc) {
                fprintf(stderr, "kchart: --%s needs a value\n", key);
                return EXIT_USAGE;
            }
            value = argv[++i];
        }
        size_t n;
        if (!strcmp(key, "merge"))
            a->merge = 1;
        else if (!strcmp(key, "skip-bad"))
            a->skip_bad = 1;
        else if (!strcmp(key, "rules"))
            a->rules_file = value;
        else if (!strcmp(key, "partial"))
            a->partial = value;
        else if (!strcmp(key, "db"))
            g->db_path = value;
        else if (!strcmp(key, "format"))
            a->format = value;
        else if (!strcmp(key, "threads")) {
            if (cli_count("threads", value, 64, 0, &n))
                return EXIT_USAGE;
            a->threads = (int)n;
        } else if (!is_rule(key)) {
            fprintf(stderr, "kchart: compile: unknown option --%s (see --help)\n", key);
            return EXIT_USAGE;
        }
    }
    if (a->format && strcmp(a->format, "csv")) {
        fprintf(stderr, "kchart: compile prints charts as csv only (--format csv)\n");
        return EXIT_USAGE;
    }
    if (!a->ninputs) {
        fprintf(stderr, "kchart: compile needs at least one input (see --help)\n");
        return EXIT_USAGE;
    }
    return -1;
}

/* The rules: the defaults, then the rules file, then each rule flag in
 * the order given. -1 to go on, else the exit code. */
static int rules_of(int argc, char **argv, const char *rules_file, kc_rules *r)
{
    kc_rules_default(r);
    char err[1024];
    if (rules_file && kc_rules_load(r, rules_file, err, sizeof err)) {
        cli_say(err);
        return EXIT_INPUT;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) || !a[2])
            continue;
        const char *name = a + 2, *eq = strchr(name, '=');
        char key[32];
        snprintf(key, sizeof key, "%.*s", eq ? (int)(eq - name) : (int)strlen(name),
                 name);
        if (!strcmp(key, "merge") || !strcmp(key, "skip-bad"))
            continue;
        const char *value = eq ? eq + 1 : argv[++i];
        if (is_rule(key) && kc_rules_set(r, key, value, err, sizeof err)) {
            fprintf(stderr, "kchart: --%s\n", err);
            return EXIT_USAGE;
        }
    }
    return -1;
}

/* Writes what a finished compile made (partial counts, CSV, or the store)
 * and says what was done; the exit code. */
static int finish(cli_global *g, kc_compile *c, const compile_args *a,
                  const kc_compile_stats *st)
{
    int rc, code = 0;
    if (a->partial && (rc = kc_compile_write_partial(c, a->partial))) {
        cli_say(kc_compile_errmsg(c));
        code = cli_exit_code(rc);
    }
    if (!code && a->format && (rc = kc_compile_write_csv(c, stdout))) {
        cli_say(kc_compile_errmsg(c));
        code = cli_exit_code(rc);
    }
    kc_ingest_stats ist = {0};
    if (!code && !a->format && !a->partial) {
        kc_db *db = cli_open(g);
        if (!db)
            code = EXIT_STORE;
        else if ((rc = kc_compile_store(c, db, &ist)))
            code = cli_fail(db, rc);
        kc_db_close(db);
    }
    if (code)
        return code;
    FILE *out = a->format ? stderr : stdout;
    if (st->parts)
        fprintf(out, "%zu partial-count file%s merged", st->parts,
                st->parts == 1 ? "" : "s");
    else
        fprintf(out, "%llu plays: %llu counted, %llu malformed skipped",
                (unsigned long long)st->plays, (unsigned long long)st->counted,
                (unsigned long long)st->bad);
    fprintf(out, "; %zu ranked rows in %zu chart%s", st->rows, st->charts,
            st->charts == 1 ? "" : "s");
    if (a->partial)
        fprintf(out, "; partial counts in %s\n", a->partial);
    else if (!a->format)
        fprintf(out, "; %zu snapshots stored, %zu unchanged\n", ist.snapshots,
                ist.unchanged);
    else
        fputc('\n', out);
    return 0;
}

/* Compiles the inputs under the rules, then writes (finish). */
static int compile_run(cli_global *g, const compile_args *a, const kc_rules *r, bool mpi)
{
    int threads = a->threads;
    if (mpi && !threads) {
        /* The cores of this machine, shared by the ranks on it. */
        const char *local = getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
        long cores = sysconf(_SC_NPROCESSORS_ONLN), ranks = local ? atol(local) : 1;
        threads = ranks > 0 && cores / ranks > 1 ? (int)(cores / ranks) : 1;
    }
    kc_compile_opts o = {
        .threads = threads, .keep_totals = a->partial != NULL, .distributed = mpi};
    if (a->skip_bad)
        o.on_bad = report_bad;
    kc_compile *c = kc_compile_new(r, &o);
    if (!c) {
        fprintf(stderr, "kchart: out of memory\n");
        return EXIT_STORE;
    }
    int rc = KC_OK;
    for (int i = 0; !rc && i < a->ninputs; i++)
        rc = kc_compile_add(c, a->inputs[i]);
    kc_compile_stats st = {0};
    if (!rc)
        rc = kc_compile_run(c, &st);
    int code = 0;
    if (!rc && (a->merge ? st.files != 0 : st.parts != 0)) {
        cli_say(a->merge ? "--merge takes partial-count files only, not play files"
                         : "partial-count files are merged with --merge");
        code = EXIT_USAGE;
    } else if (rc) {
        report_failure(kc_compile_errmsg(c));
        code = cli_exit_code(rc);
    }
    /* Rank 0 has the charts and says what was done. */
    if (!code && !rank_of_job)
        code = finish(g, c, a, &st);
    kc_compile_free(c);
    return code;
}

static int compile_main(cli_global *g, int argc, char **argv, bool mpi)
{
    compile_args a = {0};
    kc_rules r;
    int code = parse_args(g, argc, argv, &a);
    if (code < 0)
        code = rules_of(argc, argv, a.rules_file, &r);
    if (code < 0 && mpi && a.partial) {
        fprintf(stderr, "kchart: --partial is for one process; under mpirun the ranks "
                        "exchange their counts themselves\n");
        code = EXIT_USAGE;
    }
    if (code < 0)
        code = compile_run(g, &a, &r, mpi);
    free(a.inputs);
    return code;
}

int cmd_plays(cli_global *g, int argc, char **argv)
{
    (void)g;
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        help_plays(stdout);
        return 0;
    }
    int skip_bad = 0, n = 0;
    const char **files = calloc((size_t)argc, sizeof *files);
    if (!files)
        return EXIT_STORE;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--skip-bad"))
            skip_bad = 1;
        else if (!strncmp(argv[i], "--db=", 5) || !strncmp(argv[i], "--format=", 9))
            continue; /* the options every command takes: no store is read */
        else if ((!strcmp(argv[i], "--db") || !strcmp(argv[i], "--format")) &&
                 i + 1 < argc)
            i++;
        else if (!strcmp(argv[i], "--help")) {
            help_plays(stdout);
            free(files);
            return 0;
        } else
            files[n++] = argv[i];
    }
    if (argc < 2 || strcmp(argv[1], "convert") || n < 2) {
        help_plays(stderr);
        free(files);
        return EXIT_USAGE;
    }
    kc_compile_opts o = {0};
    if (skip_bad)
        o.on_bad = report_bad;
    char err[1024];
    uint64_t plays = 0;
    int rc =
        kc_plays_convert(files, (size_t)n - 1, files[n - 1], &o, &plays, err, sizeof err);
    free(files);
    if (rc) {
        cli_say(err);
        return cli_exit_code(rc);
    }
    printf("%llu plays converted, %llu malformed skipped\n", (unsigned long long)plays,
           (unsigned long long)nbad);
    return 0;
}
