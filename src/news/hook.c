/*
 * hook.c: webhooks: the URLs stored events are POSTed to, and the deliverer
 * that sends them (docs/hooks.md).
 *
 * A hook is a row of table hook (migrate-010.sql): a URL, a secret, filters
 * and a cursor, the id of the last event delivered or given up on. Its
 * queue is not stored apart: it is the events above the cursor that pass
 * its filters, read one at a time in id order (hook-next-event.sql), so an
 * ingest only stores events and never learns that hooks exist. The
 * deliverer (kc_hook_deliver, and kc_hook_watch looping on it, run by
 * `kchart hook deliver` and by `kchart serve` in a thread of its own) POSTs
 * each event as JSON with libcurl, signed as Stripe and GitHub sign theirs
 * (Kchart-Signature: t=UNIX,v1=HMAC-SHA256(secret, "UNIX.BODY") in hex),
 * and moves the cursor after a 2xx answer, with one UPDATE of the hook's
 * row outside any transaction of an ingest. A failure is retried with
 * exponential backoff for a day from the first failure, then recorded in
 * hook_gaveup and passed over.
 *
 * Delivery is at least once: a crash (or a store that stays locked)
 * between a receiver's 2xx and the cursor's UPDATE sends that event again;
 * a receiver tells a repeat by Kchart-Event. What the cursor has passed is
 * never sent again. Not the events themselves (news.c finds and words
 * them; the ingest stores them) and not an HTTP server.
 */
#include "news/news.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <nettle/hmac.h>
#include <pthread.h>
#include <sql/news_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* The retry schedule (docs/hooks.md): seconds, settable by the environment
 * so that tests need not wait an hour or a day. */
#define BACKOFF_BASE 5      /* the first retry, after the first failure */
#define BACKOFF_MAX 3600    /* doubling stops at an hour */
#define RETRY_WINDOW 86400  /* a day from the first failure, then give up */
#define ATTEMPT_TIMEOUT 10  /* seconds an attempt may take, connect included */
#define WATCH_POLL_NS 2.5e8 /* kc_hook_watch looks at the store this often */
#define BUSY_PAUSE_NS 1e8   /* between tries of a cursor update on a busy store */

/* The kinds of events (migrate-010.sql's CHECK on event.kind). */
static const char *const event_kinds[] = {"debut",         "no1",    "reentry", "peak",
                                          "milestone",     "record", "allkill", "regions",
                                          "certification", "sales"};

/* ---- settings --------------------------------------------------------- */

typedef struct {
    int64_t base, max, window, timeout;
} schedule;

/* The integer of environment variable name when it is one from 0 to
 * 10^9, else fallback. */
static int64_t env_seconds(const char *name, int64_t fallback)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return fallback;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0 || v > 1000000000)
        return fallback;
    return v;
}

static schedule schedule_read(void)
{
    schedule s = {env_seconds("KCHART_HOOK_BACKOFF", BACKOFF_BASE),
                  env_seconds("KCHART_HOOK_BACKOFF_MAX", BACKOFF_MAX),
                  env_seconds("KCHART_HOOK_WINDOW", RETRY_WINDOW),
                  env_seconds("KCHART_HOOK_TIMEOUT", ATTEMPT_TIMEOUT)};
    if (s.max < s.base)
        s.max = s.base;
    if (s.timeout < 1)
        s.timeout = 1;
    return s;
}

/* The wait before retry n (1: after the first failure): base, doubled each
 * time, at most max. */
static int64_t backoff(const schedule *s, int64_t n)
{
    int64_t d = s->base;
    for (int64_t i = 1; i < n && d < s->max; i++)
        d *= 2;
    return d < s->max ? d : s->max;
}

/* ---- adding, listing, removing ---------------------------------------- */

/* libcurl's global state is made once a process, before any handle:
 * curl_global_init is not safe to call from two threads at once. */
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void curl_init(void)
{
    curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static int curl_ready(kc_db *db)
{
    pthread_once(&curl_once, curl_init);
    return curl_init_rc ? kc__fail(db, KC_ENOMEM, "hooks: libcurl: %s",
                                   curl_easy_strerror(curl_init_rc))
                        : KC_OK;
}

/* KC_OK when url is an http:// or https:// URL with a host, as libcurl
 * parses it; else KC_EUSAGE saying what is wrong. */
static int check_url(kc_db *db, const char *url)
{
    size_t n = strlen(url);
    if (n > KC_HOOK_URL_MAX)
        return kc__fail(db, KC_EUSAGE, "a hook's URL has at most %d bytes",
                        KC_HOOK_URL_MAX);
    if (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8))
        return kc__fail(db, KC_EUSAGE,
                        "\"%s\": a hook's URL begins with http:// or https://", url);
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7f)
            return kc__fail(db, KC_EUSAGE,
                            "\"%s\": a hook's URL has no spaces or control characters",
                            url);
    int rc = curl_ready(db);
    if (rc)
        return rc;
    CURLU *u = curl_url();
    if (!u)
        return kc__fail(db, KC_ENOMEM, "hooks: out of memory");
    CURLUcode uc = curl_url_set(u, CURLUPART_URL, url, 0);
    char *host = NULL;
    if (!uc)
        uc = curl_url_get(u, CURLUPART_HOST, &host, 0);
    if (uc)
        rc =
            kc__fail(db, KC_EUSAGE, "\"%s\": not a URL (%s)", url, curl_url_strerror(uc));
    else if (!host || !*host)
        rc = kc__fail(db, KC_EUSAGE, "\"%s\": a hook's URL names a host", url);
    curl_free(host);
    curl_url_cleanup(u);
    return rc;
}

/* Whether st (bound) gives a row; then resets it. -1 on a store failure,
 * with the message on db. */
static int exists(kc_db *db, sqlite3_stmt *st, const char *what)
{
    int step = sqlite3_step(st);
    int rc = step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : -1;
    if (rc < 0)
        kc__sqlfail(db, what);
    sqlite3_reset(st);
    return rc;
}

/* The artist a filter names (an id, else a name or an alias) into *id. */
static int artist_of(kc_db *db, const char *name, int64_t *id)
{
    *id = 0;
    bool digits = *name != '\0' && strlen(name) < 19;
    for (const char *p = name; *p && digits; p++)
        digits = *p >= '0' && *p <= '9';
    if (digits) {
        sqlite3_stmt *st = kc__stmt(db, kc__sql_hook_artist);
        if (!st)
            return KC_ESTORE;
        int64_t v = strtoll(name, NULL, 10);
        kc__bind_int64(st, ":id", v);
        int e = exists(db, st, "hook: artist");
        if (e < 0)
            return KC_ESTORE;
        if (e) {
            *id = v;
            return KC_OK;
        }
    }
    int rc = kc__artist_find(db, name, id);
    if (rc == KC_EINPUT) /* several artists: a usage error here */
        return kc__fail(db, KC_EUSAGE, "%s", kc_errmsg(db));
    if (rc)
        return rc;
    if (!*id) {
        char near[256];
        kc__suggest_name(db, true, name, near, sizeof near);
        return kc__fail(db, KC_ENOTFOUND, "no artist \"%s\"%s", name, near);
    }
    return KC_OK;
}

/* Checks filter f, the artist's id into *artist (0: no artist filter). */
static int check_filter(kc_db *db, const kc_hook_filter *f, int64_t *artist)
{
    *artist = 0;
    if (f->kind) {
        bool known = false;
        for (size_t i = 0; i < sizeof event_kinds / sizeof *event_kinds; i++)
            known = known || !strcmp(f->kind, event_kinds[i]);
        if (!known)
            return kc__fail(db, KC_EUSAGE,
                            "no event kind \"%s\" (debut, no1, reentry, peak, "
                            "milestone, record, allkill, regions, certification, "
                            "sales)",
                            f->kind);
    }
    if (f->chart) {
        sqlite3_stmt *st = kc__stmt(db, kc__sql_hook_chart);
        if (!st)
            return KC_ESTORE;
        kc__bind_text(st, ":chart", f->chart);
        int e = exists(db, st, "hook: chart");
        if (e < 0)
            return KC_ESTORE;
        if (!e)
            return kc__fail(db, KC_ENOTFOUND,
                            "no chart \"%s\" (`kchart charts` lists them)", f->chart);
    }
    return f->artist ? artist_of(db, f->artist, artist) : KC_OK;
}

int kc_hook_add(kc_db *db, const char *url, const kc_hook_filter *filter, int64_t *id,
                char secret[KC_HOOK_SECRET_LEN + 1])
{
    static const kc_hook_filter any = {0};
    *id = 0;
    secret[0] = '\0';
    int64_t artist;
    int rc = check_url(db, url);
    if (!rc)
        rc = check_filter(db, filter ? filter : &any, &artist);
    if (rc)
        return rc;
    char err[KC_ERRMSG_MAX];
    int rrc = kc__random_hex(KC_HOOK_SECRET_LEN / 2, secret, err, sizeof err);
    if (rrc)
        return kc__fail(db, rrc, "%s", err);
    sqlite3_stmt *st = kc__stmt(db, kc__sql_hook_add);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":url", url);
    kc__bind_text(st, ":secret", secret);
    if (artist)
        kc__bind_int64(st, ":artist", artist);
    else
        kc__bind_null(st, ":artist");
    kc__bind_text(st, ":kind", filter ? filter->kind : NULL);
    kc__bind_text(st, ":chart", filter ? filter->chart : NULL);
    rc = kc__step_done(db, st, "hook add");
    if (rc) {
        memset(secret, 0, KC_HOOK_SECRET_LEN + 1);
        return rc;
    }
    *id = sqlite3_last_insert_rowid(kc__sql(db));
    return KC_OK;
}

int kc_hook_remove(kc_db *db, int64_t id)
{
    int rc = kc__begin(db);
    if (rc)
        return rc;
    sqlite3_stmt *st = kc__stmt(db, kc__sql_hook_remove);
    if (!st)
        return kc__end(db, KC_ESTORE);
    kc__bind_int64(st, ":id", id);
    rc = kc__step_done(db, st, "hook remove");
    if (!rc && sqlite3_changes(kc__sql(db)) == 0)
        rc = kc__fail(db, KC_ENOTFOUND, "no hook %lld (`kchart hook list` lists them)",
                      (long long)id);
    if (!rc && (st = kc__stmt(db, kc__sql_hook_remove_gaveup)) == NULL)
        rc = KC_ESTORE;
    if (!rc) {
        kc__bind_int64(st, ":id", id);
        rc = kc__step_done(db, st, "hook remove");
    }
    return kc__end(db, rc);
}

int kc_query_hooks(kc_db *db, kc_table **out)
{
    *out = NULL;
    return kc__table_from_stmt(db, kc__prepare(db, kc__sql_hook_list), out);
}

/* ---- delivering ------------------------------------------------------- */

/* A hook as the deliverer read it (strings owned). */
typedef struct {
    int64_t id, artist, delivered, attempts, next_try, failing_since;
    char *url, *secret, *kind, *chart;
} hook_row;

static void hooks_free(hook_row *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(h[i].url);
        free(h[i].secret);
        free(h[i].kind);
        free(h[i].chart);
    }
    free(h);
}

static char *column_dup(sqlite3_stmt *st, int col, bool *oom)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    if (!s)
        return NULL;
    char *d = kc__strdup(s);
    *oom = *oom || !d;
    return d;
}

/* Every hook, copied, so that no read stays open while a receiver is
 * waited for (a reader kept open would hold back the WAL's checkpoints). */
static int hooks_read(kc_db *db, hook_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = kc__stmt(db, kc__sql_hook_due);
    if (!st)
        return KC_ESTORE;
    hook_row *h = NULL;
    size_t len = 0, cap = 0;
    bool oom = false;
    int step;
    while (!oom && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap) {
            size_t nc = cap ? 2 * cap : 8;
            hook_row *nh = kc__realloc(h, nc * sizeof *nh);
            if (!nh) {
                oom = true;
                break;
            }
            h = nh;
            cap = nc;
        }
        hook_row *r = &h[len++];
        *r = (hook_row){.id = sqlite3_column_int64(st, 0),
                        .artist = sqlite3_column_int64(st, 3),
                        .delivered = sqlite3_column_int64(st, 6),
                        .attempts = sqlite3_column_int64(st, 7),
                        .next_try = sqlite3_column_int64(st, 8),
                        .failing_since = sqlite3_column_int64(st, 9)};
        r->url = column_dup(st, 1, &oom);
        r->secret = column_dup(st, 2, &oom);
        r->kind = column_dup(st, 4, &oom);
        r->chart = column_dup(st, 5, &oom);
        oom = oom || !r->url || !r->secret;
    }
    int rc = oom                   ? kc__fail(db, KC_ENOMEM, "hooks: out of memory")
             : step != SQLITE_DONE ? kc__sqlfail(db, "hooks")
                                   : KC_OK;
    sqlite3_reset(st);
    if (rc) {
        hooks_free(h, len);
        return rc;
    }
    *out = h;
    *n = len;
    return KC_OK;
}

/* Adds key: text of column col (or null) to o. */
static void put_text(json_t *o, const char *key, sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    json_object_set_new(o, key, s ? json_string(s) : json_null());
}

/* The JSON of the next event of hook h (hook-next-event.sql's row, st) with
 * its API links from base; owned (free()), NULL when out of memory. */
static char *payload(sqlite3_stmt *st, const char *base)
{
    const char *b = base ? base : "";
    json_t *o = json_object();
    if (!o)
        return NULL;
    char url[KC_HOOK_URL_MAX + 256];
    json_object_set_new(o, "id", json_integer(sqlite3_column_int64(st, 0)));
    put_text(o, "kind", st, 1);
    put_text(o, "chart", st, 2);
    put_text(o, "period", st, 3);
    json_t *links = json_object();
    const char *chart = (const char *)sqlite3_column_text(st, 2);
    const char *period = (const char *)sqlite3_column_text(st, 3);
    if (chart && links) {
        snprintf(url, sizeof url, "%s/api/charts/%s?period=%s", b, chart,
                 period ? period : "");
        json_object_set_new(links, "chart", json_string(url));
    }
    if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
        int64_t song = sqlite3_column_int64(st, 4);
        json_t *s = json_object();
        json_object_set_new(s, "id", json_integer(song));
        put_text(s, "title", st, 5);
        put_text(s, "artist", st, 6);
        put_text(s, "kind", st, 7);
        json_object_set_new(o, "song", s);
        snprintf(url, sizeof url, "%s/api/songs/%lld", b, (long long)song);
        if (links)
            json_object_set_new(links, "song", json_string(url));
    } else {
        json_object_set_new(o, "song", json_null());
    }
    if (sqlite3_column_type(st, 8) != SQLITE_NULL) {
        int64_t artist = sqlite3_column_int64(st, 8);
        json_t *a = json_object();
        json_object_set_new(a, "id", json_integer(artist));
        put_text(a, "name", st, 9);
        json_object_set_new(o, "artist", a);
        snprintf(url, sizeof url, "%s/api/artists/%lld", b, (long long)artist);
        if (links)
            json_object_set_new(links, "artist", json_string(url));
    } else {
        json_object_set_new(o, "artist", json_null());
    }
    json_object_set_new(o, "rank",
                        sqlite3_column_type(st, 10) == SQLITE_NULL
                            ? json_null()
                            : json_integer(sqlite3_column_int64(st, 10)));
    /* The figures are stored as a JSON object's text: sent as the object;
     * text that is not one (never written so) goes as a string. */
    const char *fig = (const char *)sqlite3_column_text(st, 11);
    json_t *figures = fig ? json_loads(fig, JSON_DECODE_ANY, NULL) : json_object();
    json_object_set_new(o, "figures", figures ? figures : json_string(fig));
    put_text(o, "sentence", st, 12);
    put_text(o, "learned", st, 13);
    json_object_set_new(o, "links", links);
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return text;
}

/* What one delivery pass shares. */
typedef struct {
    kc_db *db;
    const kc_hook_opts *opts;
    schedule sched;
    CURL *curl;
    char error[CURL_ERROR_SIZE];
} pass;

static bool stopping(const pass *p)
{
    return p->opts && p->opts->stop && p->opts->stop(p->opts->ctx);
}

/* libcurl asks this during a transfer: nonzero abandons it. */
static int on_progress(void *ctx, curl_off_t dt, curl_off_t dn, curl_off_t ut,
                       curl_off_t un)
{
    (void)dt;
    (void)dn;
    (void)ut;
    (void)un;
    return stopping(ctx);
}

/* A receiver's answer is not read: only its status counts. */
static size_t discard(char *data, size_t size, size_t n, void *ctx)
{
    (void)data;
    (void)ctx;
    return size * n;
}

/* POSTs body to hook h as event, signed; the receiver's status into
 * *status (0 when none came), why it failed into p->error. true when it
 * answered 2xx. */
static bool post(pass *p, const hook_row *h, int64_t event, const char *body,
                 long *status)
{
    *status = 0;
    p->error[0] = '\0';
    long long t = (long long)time(NULL);
    char stamp[24];
    snprintf(stamp, sizeof stamp, "%lld", t);
    /* HMAC-SHA256 of "UNIX.BODY" under the secret as printed (its 64 hex
     * digits are the key's bytes), as Stripe's and GitHub's receivers
     * check theirs. */
    struct hmac_sha256_ctx mac;
    uint8_t digest[SHA256_DIGEST_SIZE];
    char sig[2 * SHA256_DIGEST_SIZE + 1];
    hmac_sha256_set_key(&mac, strlen(h->secret), (const uint8_t *)h->secret);
    hmac_sha256_update(&mac, strlen(stamp), (const uint8_t *)stamp);
    hmac_sha256_update(&mac, 1, (const uint8_t *)".");
    hmac_sha256_update(&mac, strlen(body), (const uint8_t *)body);
    hmac_sha256_digest(&mac, sizeof digest, digest);
    kc__hex(digest, sizeof digest, sig);
    char line[3][160];
    snprintf(line[0], sizeof line[0], "Kchart-Signature: t=%s,v1=%s", stamp, sig);
    snprintf(line[1], sizeof line[1], "Kchart-Event: %lld", (long long)event);
    snprintf(line[2], sizeof line[2], "Kchart-Hook: %lld", (long long)h->id);
    struct curl_slist *headers = NULL, *next;
    const char *names[] = {"Content-Type: application/json", line[0], line[1], line[2],
                           "Expect:"}; /* no 100-continue round trip */
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (!(next = curl_slist_append(headers, names[i]))) {
            curl_slist_free_all(headers);
            snprintf(p->error, sizeof p->error, "out of memory");
            return false;
        }
        headers = next;
    }
    CURL *c = p->curl;
    curl_easy_setopt(c, CURLOPT_URL, h->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)p->sched.timeout);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)p->sched.timeout);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); /* threads: no SIGALRM */
    curl_easy_setopt(c, CURLOPT_USERAGENT, "kchart/" KC_VERSION);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, p->error);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, p);
    CURLcode cc = curl_easy_perform(c);
    curl_slist_free_all(headers);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    if (cc) {
        if (!p->error[0])
            snprintf(p->error, sizeof p->error, "%s", curl_easy_strerror(cc));
        return false;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    if (*status >= 200 && *status < 300)
        return true;
    snprintf(p->error, sizeof p->error, "HTTP %ld", *status);
    return false;
}

/* Runs st (bound) to its end; a store another writer holds is waited for
 * (an ingest's transaction is short, the busy timeout covers most), until
 * stopping. Then resets st. */
static int write_row(pass *p, sqlite3_stmt *st, const char *what)
{
    for (;;) {
        int step = sqlite3_step(st);
        sqlite3_reset(st);
        if (step == SQLITE_DONE)
            return KC_OK;
        if ((step != SQLITE_BUSY && step != SQLITE_LOCKED) || stopping(p))
            return kc__sqlfail(p->db, what);
        struct timespec pause = {0, (long)BUSY_PAUSE_NS};
        nanosleep(&pause, NULL);
    }
}

/* Moves h's cursor past event (delivered, or given up on after gaveup). */
static int cursor_move(pass *p, hook_row *h, int64_t event)
{
    sqlite3_stmt *st = kc__stmt(p->db, kc__sql_hook_delivered);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":id", h->id);
    kc__bind_int64(st, ":event", event);
    kc__bind_int64(st, ":from", h->delivered);
    int rc = write_row(p, st, "hook: cursor");
    if (rc)
        return rc;
    h->delivered = event;
    h->attempts = 0;
    h->next_try = 0;
    h->failing_since = 0;
    return KC_OK;
}

static void report(pass *p, const kc_hook_attempt *a)
{
    if (p->opts && p->opts->on_attempt)
        p->opts->on_attempt(p->opts->ctx, a);
}

/* A failed attempt at event: retried later, or given up on after the
 * window. Sets *again when the next event may be tried now. */
static int failed(pass *p, hook_row *h, int64_t event, long status, kc_hook_stats *stats,
                  bool *again)
{
    int64_t now = (int64_t)time(NULL);
    char error[KC_HOOK_ERROR_MAX];
    snprintf(error, sizeof error, "%s", p->error);
    kc_hook_attempt a = {.hook = h->id, .event = event, .status = status, .error = error};
    int64_t since = h->failing_since ? h->failing_since : now;
    *again = false;
    if (now - since >= p->sched.window) {
        sqlite3_stmt *st = kc__stmt(p->db, kc__sql_hook_gaveup);
        if (!st)
            return KC_ESTORE;
        kc__bind_int64(st, ":id", h->id);
        kc__bind_int64(st, ":event", event);
        kc__bind_int64(st, ":at", now);
        kc__bind_text(st, ":error", error);
        int rc = write_row(p, st, "hook: give up");
        if (!rc)
            rc = cursor_move(p, h, event);
        if (rc)
            return rc;
        a.outcome = KC_HOOK_GAVEUP;
        stats->gaveup++;
        report(p, &a);
        *again = true;
        return KC_OK;
    }
    int64_t attempts = h->attempts + 1;
    int64_t next = now + backoff(&p->sched, attempts);
    sqlite3_stmt *st = kc__stmt(p->db, kc__sql_hook_failed);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":id", h->id);
    kc__bind_int64(st, ":from", h->delivered);
    kc__bind_int64(st, ":attempts", attempts);
    kc__bind_int64(st, ":next_try", next);
    kc__bind_int64(st, ":since", since);
    kc__bind_text(st, ":error", error);
    int rc = write_row(p, st, "hook: retry");
    if (rc)
        return rc;
    h->attempts = attempts;
    h->next_try = next;
    h->failing_since = since;
    a.outcome = KC_HOOK_RETRY;
    a.next_try = next;
    stats->failed++;
    report(p, &a);
    return KC_OK;
}

/* Delivers h's queue in order until it is empty, an attempt fails (its
 * retry waits) or the pass is stopped. */
static int deliver_hook(pass *p, hook_row *h, kc_hook_stats *stats)
{
    for (;;) {
        if (stopping(p))
            return KC_OK;
        sqlite3_stmt *st = kc__stmt(p->db, kc__sql_hook_next_event);
        if (!st)
            return KC_ESTORE;
        kc__bind_int64(st, ":after", h->delivered);
        kc__bind_text(st, ":kind", h->kind);
        kc__bind_text(st, ":chart", h->chart);
        if (h->artist)
            kc__bind_int64(st, ":artist", h->artist);
        else
            kc__bind_null(st, ":artist");
        int step = sqlite3_step(st);
        if (step == SQLITE_DONE) {
            sqlite3_reset(st);
            return KC_OK;
        }
        if (step != SQLITE_ROW) {
            int rc = kc__sqlfail(p->db, "hook: next event");
            sqlite3_reset(st);
            return rc;
        }
        int64_t event = sqlite3_column_int64(st, 0);
        char *body = payload(st, p->opts ? p->opts->base : NULL);
        sqlite3_reset(st); /* no read held open while the receiver answers */
        if (!body)
            return kc__fail(p->db, KC_ENOMEM, "hooks: out of memory");
        long status;
        bool ok = post(p, h, event, body, &status);
        free(body);
        if (!ok && stopping(p))
            return KC_OK; /* abandoned, not failed: tried again later */
        if (ok) {
            int rc = cursor_move(p, h, event);
            if (rc)
                return rc;
            stats->delivered++;
            kc_hook_attempt a = {.hook = h->id,
                                 .event = event,
                                 .outcome = KC_HOOK_DELIVERED,
                                 .status = status};
            report(p, &a);
            continue;
        }
        bool again;
        int rc = failed(p, h, event, status, stats, &again);
        if (rc || !again)
            return rc;
    }
}

int kc_hook_deliver(kc_db *db, const kc_hook_opts *opts, kc_hook_stats *stats)
{
    kc_hook_stats local;
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    int rc = curl_ready(db);
    if (rc)
        return rc;
    hook_row *hooks;
    size_t n;
    if ((rc = hooks_read(db, &hooks, &n)) || n == 0)
        return rc;
    pass p = {.db = db, .opts = opts, .sched = schedule_read(), .curl = curl_easy_init()};
    if (!p.curl) {
        hooks_free(hooks, n);
        return kc__fail(db, KC_ENOMEM, "hooks: out of memory");
    }
    for (size_t i = 0; i < n && !rc && !stopping(&p); i++) {
        hook_row *h = &hooks[i];
        if (h->next_try <= (int64_t)time(NULL))
            rc = deliver_hook(&p, h, stats);
        if (h->next_try && (!stats->next_try || h->next_try < stats->next_try))
            stats->next_try = h->next_try;
    }
    curl_easy_cleanup(p.curl);
    hooks_free(hooks, n);
    return rc;
}

static bool watch_stopping(const kc_hook_opts *opts)
{
    return opts && opts->stop && opts->stop(opts->ctx);
}

int kc_hook_watch(kc_db *db, const kc_hook_opts *opts,
                  void (*on_error)(void *ctx, const char *message))
{
    int64_t seen = -1, next_try = 0;
    struct timespec poll = {0, (long)WATCH_POLL_NS};
    while (!watch_stopping(opts)) {
        int64_t version = 0;
        int rc = kc_db_version(db, &version);
        if (!rc && (version != seen || (next_try && (int64_t)time(NULL) >= next_try))) {
            kc_hook_stats stats;
            rc = kc_hook_deliver(db, opts, &stats);
            if (!rc) {
                seen = version;
                next_try = stats.next_try;
            }
        }
        if (rc) {
            if (on_error)
                on_error(opts ? opts->ctx : NULL, kc_errmsg(db));
            struct timespec pause = {1, 0};
            nanosleep(&pause, NULL);
            continue;
        }
        nanosleep(&poll, NULL);
    }
    return KC_OK;
}
