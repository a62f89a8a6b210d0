/*
 * cli_serve.c: `kchart serve [--port N] [--bind ADDR] [--web DIR]`.
 */
#include "../http/http.h"
#include "cli.h"
#include "util/limits.h"

#include <stdlib.h>
#include <string.h>

void help_serve(FILE *out)
{
    fprintf(out,
            "usage: kchart serve [--port N] [--bind ADDR] [--web DIR] [--threads N]\n"
            "                    [--max-body MIB] [--no-cache] [--base-url URL] "
            "[--no-hooks]\n\n"
            "Serves the store over HTTP until interrupted: the JSON API under /api/,\n"
            "the Atom feed at /feed.atom and the dashboard at / (docs/api.md); and\n"
            "delivers webhooks in the background (`kchart hook`, docs/hooks.md).\n"
            "Writes (POST /api/ingest) need a token from `kchart token create`.\n\n"
            "  --port N         port to listen on (default 8080; 0: any free one)\n"
            "  --bind ADDR      IPv4 address to listen on (default 127.0.0.1)\n"
            "  --web DIR        the built dashboard (default web/dist)\n"
            "  --threads N      request threads (default: one a core; each keeps up\n"
            "                   to 64 MiB of answers and 64 MiB of SQLite pages)\n"
            "  --max-body MIB   largest POST body in MiB (default 64, at most 512)\n"
            "  --no-cache       compute every answer (for measuring)\n"
            "  --base-url URL   what the feed's links begin with, as readers reach the\n"
            "                   server (https://charts.example.org); default: http://\n"
            "                   and the Host each request names; also what webhooks'\n"
            "                   payload links begin with (default: paths)\n"
            "  --no-hooks       deliver no webhooks (`kchart hook deliver` "
            "may)\n" CLI_COMMON_HELP);
}

int cmd_serve(cli_global *g, int argc, char **argv)
{
    const char *port_s = NULL, *bind = "127.0.0.1", *web = "web/dist", *threads_s = NULL,
               *body_s = NULL, *no_cache = NULL, *base_url = NULL, *no_hooks = NULL;
    const cli_option own[] = {{"port", 1, &port_s},
                              {"bind", 1, &bind},
                              {"web", 1, &web},
                              {"threads", 1, &threads_s},
                              {"max-body", 1, &body_s},
                              {"no-cache", 0, &no_cache},
                              {"base-url", 1, &base_url},
                              {"no-hooks", 0, &no_hooks},
                              {0, 0, 0}};
    int code = cli_parse(g, argc, argv, own, 0, 0, help_serve);
    if (code >= 0)
        return code;
    size_t port = 8080, threads = 0, body_mib = KC_BODY_MIB_DEFAULT;
    if ((port_s && cli_count("port", port_s, 65535, 1, &port)) ||
        (threads_s && cli_count("threads", threads_s, 256, 0, &threads)) ||
        (body_s && cli_count("max-body", body_s, KC_BODY_MIB_MAX, 0, &body_mib)))
        return EXIT_USAGE;
    size_t bl = base_url ? strlen(base_url) : 0;
    if (base_url && (bl > KC_ARG_MAX || (strncmp(base_url, "http://", 7) &&
                                         strncmp(base_url, "https://", 8)))) {
        fprintf(stderr,
                "kchart: --base-url must be an http:// or https:// URL of at "
                "most %d bytes\n",
                KC_ARG_MAX);
        return EXIT_USAGE;
    }
    /* Links append "/news", "/song/ID": no '/' at the end. */
    char base[KC_ARG_MAX + 1];
    snprintf(base, sizeof base, "%.*s",
             (int)(bl && base_url[bl - 1] == '/' ? bl - 1 : bl),
             base_url ? base_url : "");
    http_config cfg = {.db_path = cli_db_path(g),
                       .bind = bind,
                       .port = (unsigned)port,
                       .web_dir = web,
                       .threads = (unsigned)threads,
                       .max_body = body_mib << 20,
                       .cache = !no_cache,
                       .base_url = base_url ? base : NULL,
                       .hooks = !no_hooks};
    return http_serve(&cfg) ? EXIT_STORE : 0;
}
