/*
 * cli_hook.c: `kchart hook add URL [--artist A] [--kind K] [--chart C] |
 * list | remove ID | deliver [--watch]`: the webhooks events are POSTed to
 * (docs/hooks.md). Delivering is libkchart's (kc_hook_deliver,
 * kc_hook_watch); this file parses, calls and prints.
 */
#include "cli.h"
#include "util/limits.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void help_hook(FILE *out)
{
    fprintf(out,
            "usage: kchart hook add URL [--artist ID|NAME] [--kind K] [--chart ID]\n"
            "       kchart hook list\n"
            "       kchart hook remove ID\n"
            "       kchart hook deliver [--watch] [--base-url URL] [--quiet]\n\n"
            "Webhooks: each news event stored from now on that passes a hook's\n"
            "filters is POSTed to its URL as JSON, in order, signed with the hook's\n"
            "secret (header Kchart-Signature: t=UNIX,v1=HMAC-SHA256 of \"UNIX.BODY\",\n"
            "hex), and retried with backoff for a day (docs/hooks.md). `add` prints\n"
            "the hook's id and its secret, once. `deliver` sends what is queued and\n"
            "ends (--watch: goes on until interrupted); `kchart serve` delivers in\n"
            "the background as it runs.\n\n"
            "  --artist A       only the events of an artist (its id, name or alias)\n"
            "  --kind K         only events of kind K: debut, no1, reentry, peak,\n"
            "                   milestone, record, allkill, regions, certification,\n"
            "                   sales\n"
            "  --chart ID       only the events of one chart\n"
            "  --watch          deliver: keep delivering as events are stored\n"
            "  --base-url URL   deliver: what the payload's API links begin with\n"
            "                   (https://charts.example.org); default: paths\n"
            "  --quiet          deliver: print nothing but failures of the "
            "store\n" CLI_COMMON_HELP);
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static int stop_asked(void *ctx)
{
    (void)ctx;
    return interrupted;
}

typedef struct {
    int quiet;
    int watch;
} deliver_ctx;

static void utc(int64_t t, char out[24])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void on_attempt(void *ctx, const kc_hook_attempt *a)
{
    const deliver_ctx *d = ctx;
    if (d->quiet)
        return;
    char when[24];
    switch (a->outcome) {
    case KC_HOOK_DELIVERED:
        printf("hook %lld: event %lld delivered (HTTP %ld)\n", (long long)a->hook,
               (long long)a->event, a->status);
        break;
    case KC_HOOK_RETRY:
        utc(a->next_try, when);
        printf("hook %lld: event %lld failed: %s; next try at %s\n", (long long)a->hook,
               (long long)a->event, a->error, when);
        break;
    default:
        printf("hook %lld: event %lld given up: %s\n", (long long)a->hook,
               (long long)a->event, a->error);
    }
    fflush(stdout);
}

static void on_error(void *ctx, const char *message)
{
    (void)ctx;
    char line[1024];
    snprintf(line, sizeof line, "hook deliver: %s (trying again)", message);
    cli_say(line);
}

static int deliver(const cli_global *g, int watch, const char *base_url, int quiet)
{
    size_t bl = base_url ? strlen(base_url) : 0;
    if (base_url && (bl > KC_ARG_MAX || (strncmp(base_url, "http://", 7) &&
                                         strncmp(base_url, "https://", 8)))) {
        fprintf(stderr,
                "kchart: --base-url must be an http:// or https:// URL of at most %d "
                "bytes\n",
                KC_ARG_MAX);
        return EXIT_USAGE;
    }
    char *base = NULL;
    if (base_url) { /* links append "/api/...": no '/' at the end */
        if (!(base = malloc(bl + 1))) {
            cli_say("out of memory");
            return EXIT_STORE;
        }
        memcpy(base, base_url, bl + 1);
        if (bl && base[bl - 1] == '/')
            base[bl - 1] = '\0';
    }
    kc_db *db = cli_open(g);
    if (!db) {
        free(base);
        return EXIT_STORE;
    }
    deliver_ctx d = {quiet, watch};
    kc_hook_opts opts = {.base = base, .on_attempt = on_attempt, .ctx = &d};
    int rc;
    if (watch) {
        struct sigaction sa = {0};
        sa.sa_handler = on_signal;
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        opts.stop = stop_asked;
        rc = kc_hook_watch(db, &opts, on_error);
    } else {
        kc_hook_stats stats;
        rc = kc_hook_deliver(db, &opts, &stats);
        if (!rc && !quiet)
            printf("delivered %zu, failed %zu (retried later), gave up %zu\n",
                   stats.delivered, stats.failed, stats.gaveup);
    }
    free(base);
    return cli_finish(g, db, rc, NULL);
}

int cmd_hook(cli_global *g, int argc, char **argv)
{
    const char *artist = NULL, *kind = NULL, *chart = NULL, *watch = NULL,
               *base_url = NULL, *quiet = NULL;
    const cli_option own[] = {{"artist", 1, &artist},
                              {"kind", 1, &kind},
                              {"chart", 1, &chart},
                              {"watch", 0, &watch},
                              {"base-url", 1, &base_url},
                              {"quiet", 0, &quiet},
                              {0, 0, 0}};
    int code = cli_parse(g, argc, argv, own, 1, 2, help_hook);
    if (code >= 0)
        return code;
    const char *verb = argv[optind], *arg = argc - optind > 1 ? argv[optind + 1] : NULL;
    bool add = !strcmp(verb, "add"), remove = !strcmp(verb, "remove"),
         list = !strcmp(verb, "list"), send = !strcmp(verb, "deliver");
    bool filters = artist || kind || chart, delivering = watch || base_url || quiet;
    if (!(add || remove || list || send) || (add || remove) != (arg != NULL)) {
        help_hook(stderr);
        return EXIT_USAGE;
    }
    if ((filters && !add) || (delivering && !send)) {
        cli_say(filters && !add
                    ? "--artist, --kind and --chart go with `hook add`"
                    : "--watch, --base-url and --quiet go with `hook deliver`");
        return EXIT_USAGE;
    }
    if (send)
        return deliver(g, watch != NULL, base_url, quiet != NULL);
    int64_t id = 0;
    if (remove) {
        char *end;
        long long v = strtoll(arg, &end, 10);
        if (*arg < '0' || *arg > '9' || *end || v <= 0) {
            cli_say("hook remove: ID is a hook's number (`kchart hook list`)");
            return EXIT_USAGE;
        }
        id = v;
    }
    kc_db *db = cli_open(g);
    if (!db)
        return EXIT_STORE;
    if (list) {
        kc_table *t = NULL;
        int rc = kc_query_hooks(db, &t);
        return cli_finish(g, db, rc, t);
    }
    int rc;
    if (remove) {
        if (!(rc = kc_hook_remove(db, id)))
            printf("removed hook %lld\n", (long long)id);
    } else {
        char secret[KC_HOOK_SECRET_LEN + 1];
        kc_hook_filter f = {artist, kind, chart};
        if (!(rc = kc_hook_add(db, arg, &f, &id, secret)))
            printf("hook %lld\nsecret %s\n", (long long)id, secret);
    }
    return cli_finish(g, db, rc, NULL);
}
