/*
 * hooks.c: the server's deliverer of webhooks: a thread of `kchart serve`
 * that runs libkchart's kc_hook_watch on a store handle of its own, so that
 * the events an ingest stores (POST /api/ingest, or `kchart ingest` beside
 * the server) are pushed as they come (docs/hooks.md).
 *
 * It only starts and stops the thread and says what fails on stderr; what
 * is sent, when, and the cursor in the store are the library's. Not a
 * request handler: no route reaches it, and a request never waits for it.
 */
#include "http.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

static pthread_t thread;
static bool running;
static atomic_bool stop_flag;
static kc_db *db;
static kc_hook_opts opts;

static int stop_asked(void *ctx)
{
    (void)ctx;
    return atomic_load(&stop_flag);
}

/* A receiver's failure is worth a line: an operator learns of a hook that
 * no longer answers. A delivery is not. */
static void on_attempt(void *ctx, const kc_hook_attempt *a)
{
    (void)ctx;
    if (a->outcome == KC_HOOK_RETRY)
        fprintf(stderr, "kchart serve: hook %lld: event %lld failed: %s\n",
                (long long)a->hook, (long long)a->event, a->error);
    else if (a->outcome == KC_HOOK_GAVEUP)
        fprintf(stderr, "kchart serve: hook %lld: event %lld given up after a day: %s\n",
                (long long)a->hook, (long long)a->event, a->error);
}

static void on_error(void *ctx, const char *message)
{
    (void)ctx;
    fprintf(stderr, "kchart serve: hooks: %s (trying again)\n", message);
}

static void *run(void *arg)
{
    (void)arg;
    kc_hook_watch(db, &opts, on_error);
    return NULL;
}

int http_hooks_start(const char *db_path, const char *base_url)
{
    if (running)
        return 0;
    if (kc_db_open(db_path, &db)) {
        fprintf(stderr, "kchart serve: hooks: %s\n", kc_open_errmsg());
        return 1;
    }
    atomic_store(&stop_flag, false);
    opts = (kc_hook_opts){.base = base_url, .on_attempt = on_attempt, .stop = stop_asked};
    if (pthread_create(&thread, NULL, run, NULL)) {
        fprintf(stderr, "kchart serve: cannot start the hooks' thread\n");
        kc_db_close(db);
        db = NULL;
        return 1;
    }
    running = true;
    return 0;
}

void http_hooks_stop(void)
{
    if (!running)
        return;
    atomic_store(&stop_flag, true); /* an attempt under way is abandoned */
    pthread_join(thread, NULL);
    running = false;
    kc_db_close(db);
    db = NULL;
}
