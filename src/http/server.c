/*
 * server.c: `kchart serve`, the HTTP side on libmicrohttpd.
 *
 * A pool of request threads (one a core by default), each with its own
 * read handle on the store (SQLite in WAL mode lets readers run beside a
 * writer) and its own cache of answers. A cached answer is a ready
 * libmicrohttpd response, kept until the store's data version moves (any
 * commit by any other handle: this server's writer, seen at once, or another
 * process, seen within a millisecond); so a hot chart or song is answered
 * without touching SQLite. Writes (POST
 * /api/ingest) go through one writer handle under a lock, with a bearer
 * token and a body limit, all or nothing as in the CLI.
 *
 * What is refused, and how: an unknown route 404; a path with "..", a
 * backslash, a '%' left after decoding (double encoding), a control
 * character or a NUL (decoded to DEL here, since a C string cannot carry
 * it) 404; a write without a valid token 401; a body over the limit 413
 * (before it is read, from Content-Length, or as it streams in). Not the
 * API's shapes: api.c and feed.c write those.
 */
#define _DEFAULT_SOURCE /* realpath, O_NOFOLLOW */
#include "http.h"
#include "util/limits.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#define CACHE_SLOTS 4096                  /* answers kept a thread (direct-mapped) */
#define CACHE_BYTES ((size_t)64 << 20)    /* bytes of answers kept a thread */
#define CACHE_ENTRY_MAX ((size_t)4 << 20) /* an answer larger is not kept */
#define CONNECTIONS_PER_IP 512            /* one client may not hold them all */
#define NAME_MAX_LEN 255
#define VERSION_CHECK_NS 1000000 /* ask the store for its version at most this often */

/* ---- per-thread state ------------------------------------------------- */

typedef struct {
    uint64_t hash;
    char *key;
    struct MHD_Response *response; /* ready to queue; holds the ETag */
    char etag[24];
    size_t bytes;
} cached;

typedef struct worker {
    kc_db *db;
    int64_t version;         /* data version the cache was filled at */
    uint64_t writes_seen;    /* `writes` when the version was last asked */
    struct timespec checked; /* when the version was last asked */
    cached *cache;           /* CACHE_SLOTS, or NULL with the cache off */
    size_t bytes;
    struct worker *next;
} worker;

static const http_config *config;
static kc_db *writer;
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t workers_lock = PTHREAD_MUTEX_INITIALIZER;
static worker *workers; /* every thread's, closed at the end */
static _Thread_local worker *self;
static atomic_uint_fast64_t writes; /* commits through this server's writer */
static char web_root[PATH_MAX];     /* realpath of the dashboard, "" if none */

static void cache_drop(worker *w)
{
    for (size_t i = 0; w->cache && i < CACHE_SLOTS; i++) {
        cached *c = &w->cache[i];
        if (c->response)
            MHD_destroy_response(c->response); /* freed when no one sends it */
        free(c->key);
        memset(c, 0, sizeof *c);
    }
    w->bytes = 0;
}

/* This thread's worker, its store handle open; NULL when it cannot open. */
static worker *worker_get(void)
{
    if (self)
        return self;
    worker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    if (kc_db_open(config->db_path, &w->db)) {
        fprintf(stderr, "kchart serve: %s\n", kc_open_errmsg());
        free(w);
        return NULL;
    }
    if (config->cache && !(w->cache = calloc(CACHE_SLOTS, sizeof *w->cache))) {
        kc_db_close(w->db);
        free(w);
        return NULL;
    }
    kc_db_version(w->db, &w->version);
    pthread_mutex_lock(&workers_lock);
    w->next = workers;
    workers = w;
    pthread_mutex_unlock(&workers_lock);
    return self = w;
}

/* ---- the request ------------------------------------------------------ */

typedef struct {
    bool started;        /* the handler has seen the headers */
    const char *refused; /* why the request line is refused (400), or NULL */
    bool is_ingest;      /* POST /api/ingest, with a live bearer token */
    bool is_forget;      /* DELETE /api/ingest/{digest}, likewise */
    bool too_big;        /* the body went over the limit: dropped */
    char *body;
    size_t len, cap;
} request;

/* ---- clients that do not send ---------------------------------------- */

/* A connection waiting for a request (its headers not all read: a new one,
 * or an idle keep-alive one) is on the list below, oldest first. A request
 * taken off it is being answered. libmicrohttpd's timeout restarts with
 * every byte, so a client sending one byte a second holds a connection for
 * ever; and its cap on connections, once filled from a few addresses (the
 * cap is per address), shuts everyone out. Two rules, after the deadlines
 * of nginx's client_header_timeout and Apache's mod_reqtimeout:
 * - a deadline that bytes do not move: a connection waiting HEADER_DEADLINE
 *   seconds since it opened (or since its last answer) is closed;
 * - room kept for newcomers: when WAITING_MAX connections wait, the oldest
 *   waiting one is closed for each new one, so a client that sends its
 *   request at once always gets in, whoever holds the rest.
 * Closed means shutdown(2) of its socket: libmicrohttpd then sees the
 * connection end and cleans it up itself, in its own thread. */
#define HEADER_DEADLINE 10
#define WAITING_MAX (KC_CONNECTIONS_MAX * 3 / 4)

typedef struct waiting {
    struct waiting *prev, *next;
    int fd;
    bool listed;
    struct timespec since;
} waiting;

static pthread_mutex_t waiting_lock = PTHREAD_MUTEX_INITIALIZER;
static waiting *wait_head, *wait_tail;
static unsigned nwaiting;
static atomic_ulong evicted; /* connections closed by the two rules */

static void wait_unlist(waiting *w)
{
    if (!w->listed)
        return;
    *(w->prev ? &w->prev->next : &wait_head) = w->next;
    *(w->next ? &w->next->prev : &wait_tail) = w->prev;
    w->prev = w->next = NULL;
    w->listed = false;
    nwaiting--;
}

/* Closes the oldest waiting connection. Called with waiting_lock held. */
static void wait_evict_head(void)
{
    waiting *w = wait_head;
    wait_unlist(w);
    shutdown(w->fd, SHUT_RDWR);
    atomic_fetch_add(&evicted, 1);
}

static void wait_list(waiting *w)
{
    pthread_mutex_lock(&waiting_lock);
    if (!w->listed) {
        clock_gettime(CLOCK_MONOTONIC, &w->since);
        w->prev = wait_tail;
        w->next = NULL;
        *(wait_tail ? &wait_tail->next : &wait_head) = w;
        wait_tail = w;
        w->listed = true;
        nwaiting++;
        while (nwaiting > WAITING_MAX)
            wait_evict_head();
    }
    pthread_mutex_unlock(&waiting_lock);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)cls;
    waiting *w = *socket_context;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (!info || !(w = calloc(1, sizeof *w)))
            return; /* not watched: libmicrohttpd's own timeout still holds */
        w->fd = info->connect_fd;
        *socket_context = w;
        wait_list(w);
    } else if (w) { /* closed: libmicrohttpd closes the socket after this */
        pthread_mutex_lock(&waiting_lock);
        wait_unlist(w);
        pthread_mutex_unlock(&waiting_lock);
        free(w);
        *socket_context = NULL;
    }
}

/* The connection's entry on the list, or NULL when it is not watched. */
static waiting *waiting_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

static pthread_t watchdog;
static bool watchdog_running;
static atomic_bool watchdog_stop;

/* Once a second: closes the connections waiting past HEADER_DEADLINE. */
static void *watchdog_run(void *arg)
{
    (void)arg;
    while (!atomic_load(&watchdog_stop)) {
        struct timespec now, tick = {0, 250000000};
        nanosleep(&tick, NULL);
        clock_gettime(CLOCK_MONOTONIC, &now);
        pthread_mutex_lock(&waiting_lock);
        while (wait_head && now.tv_sec - wait_head->since.tv_sec >= HEADER_DEADLINE)
            wait_evict_head();
        pthread_mutex_unlock(&waiting_lock);
    }
    return NULL;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    /* Answered: the connection waits for its next request (keep-alive). */
    waiting *w = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? waiting_of(c) : NULL;
    if (w)
        wait_list(w);
    request *rq = *con_cls;
    if (rq) {
        free(rq->body);
        free(rq);
        *con_cls = NULL;
    }
}

static int hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Percent-decoding of the path and the arguments. A %00 becomes DEL (0x7f):
 * a NUL would cut the C string short and hide what follows it, and DEL is
 * refused wherever a path or an argument is checked. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls, (void)c;
    char *w = s;
    for (const char *r = s; *r; r++) {
        int hi, lo;
        if (*r == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0) {
            int v = hi * 16 + lo;
            *w++ = (char)(v ? v : 0x7f);
            r += 2;
        } else { /* '+' in arguments is a space already (libmicrohttpd) */
            *w++ = *r;
        }
    }
    *w = '\0';
    return (size_t)(w - s);
}

/* True for a path that may name a file of the dashboard. */
static bool safe_path(const char *p)
{
    if (p[0] != '/' || strstr(p, "/.") || strstr(p, "//"))
        return false; /* "..", and dotfiles */
    for (const unsigned char *q = (const unsigned char *)p; *q; q++)
        if (*q < 0x20 || *q >= 0x7f || *q == '\\' || *q == '%')
            return false;
    return true;
}

/* The request line, seen before libmicrohttpd parses its arguments: its
 * request is made here. libmicrohttpd has put a NUL after the URL and the
 * HTTP version follows it, so a URL holding a raw NUL is known by what
 * follows its C string: not the version but the rest of the URL, which the
 * C string would hide ("GET /index.html\0.bak" served as /index.html).
 * Arguments past KC_ARGS_MAX are not left to libmicrohttpd, which runs out
 * of its connection's pool parsing them and closes without a status: the
 * arguments are made one (their '&' overwritten: the buffer is
 * libmicrohttpd's and writable, and this callback runs before it splits the
 * arguments) and the request is answered 400. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls, (void)c;
    request *rq = calloc(1, sizeof *rq);
    if (!rq)
        return NULL; /* the handler makes one, without these checks' help */
    size_t n = strlen(uri);
    if (strncmp(uri + n + 1, "HTTP/", 5))
        rq->refused = "the request line holds a NUL";
    char *q = strchr(uri, '?');
    unsigned args = q ? 1 : 0;
    for (const char *p = q; p && *p; p++)
        args += *p == '&';
    if (args > KC_ARGS_MAX) {
        for (char *p = q; *p; p++)
            if (*p == '&')
                *p = '_'; /* one argument left to parse, in a request refused */
        rq->refused = "too many query arguments";
    }
    return rq;
}

/* True when no argument holds a control character (a decoded NUL among them). */
static enum MHD_Result arg_check(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    (void)kind;
    for (const char *s = key; s; s = s == key ? value : NULL)
        for (const unsigned char *q = (const unsigned char *)s; *q; q++)
            if (*q < 0x20 || *q == 0x7f) {
                *(bool *)cls = false;
                return MHD_NO;
            }
    return MHD_YES;
}

static const char *arg_of(void *ctx, const char *name)
{
    return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

typedef struct {
    char *buf;
    size_t len;
    bool over;
} keybuf;

/* The cache key: the path, then each argument length-prefixed (so that no
 * value can pass for another). */
static enum MHD_Result key_add(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    (void)kind;
    keybuf *k = cls;
    /* "?name" and "?name=" differ: a missing value has no '='. */
    int n = value ? snprintf(k->buf + k->len, KC_CACHE_KEY_MAX - k->len, "|%zu:%s=%zu:%s",
                             strlen(key), key, strlen(value), value)
                  : snprintf(k->buf + k->len, KC_CACHE_KEY_MAX - k->len, "|%zu:%s",
                             strlen(key), key);
    if (n < 0 || (size_t)n >= KC_CACHE_KEY_MAX - k->len) {
        k->over = true;
        k->len = 0;
        return MHD_NO;
    }
    k->len += (size_t)n;
    return MHD_YES;
}

/* ---- responses -------------------------------------------------------- */

static void add_common(struct MHD_Response *r, const char *ctype, bool cors)
{
    MHD_add_response_header(r, "Content-Type", ctype);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (cors)
        MHD_add_response_header(r, "Access-Control-Allow-Origin", "*");
}

/* Queues reply (its body taken over) with status, content type and, for a
 * read, CORS and an ETag of the body. */
static enum MHD_Result send_reply(struct MHD_Connection *c, http_reply *reply, bool read,
                                  bool close)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(reply->len, reply->body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(reply->body);
        return MHD_NO;
    }
    add_common(r, reply->ctype, read);
    if (read)
        MHD_add_response_header(r, "Cache-Control", "no-cache");
    if (close)
        MHD_add_response_header(r, "Connection", "close");
    if (reply->status == 503)
        MHD_add_response_header(r, "Retry-After", "1");
    if (reply->location[0])
        MHD_add_response_header(r, "Location", reply->location);
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)reply->status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result send_error(struct MHD_Connection *c, int status, const char *msg,
                                  bool close)
{
    http_reply reply;
    if (http_error(&reply, status, msg))
        return MHD_NO;
    return send_reply(c, &reply, status < 500, close);
}

/* True when the request's If-None-Match holds etag (or "*"). */
static bool not_modified(struct MHD_Connection *c, const char *etag)
{
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    return inm && (strstr(inm, etag) || !strcmp(inm, "*"));
}

static enum MHD_Result send_not_modified(struct MHD_Connection *c, const char *etag,
                                         bool cors)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "ETag", etag);
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    if (cors)
        MHD_add_response_header(r, "Access-Control-Allow-Origin", "*");
    enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_NOT_MODIFIED, r);
    MHD_destroy_response(r);
    return ok;
}

/* What the feed's links begin with: --base-url, else "http://" and the
 * request's Host (so that a feed read through a name or a port forward
 * links back through it). False when Host is missing or not a host[:port]
 * (it is written into XML and a cache key: letters, digits, '.', '-', ':',
 * '[' and ']' only). */
static bool feed_base(struct MHD_Connection *c, char *out, size_t n)
{
    if (config->base_url) {
        snprintf(out, n, "%s", config->base_url);
        return true;
    }
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    if (!host || !*host || strlen(host) > KC_ARG_MAX)
        return false;
    for (const char *p = host; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || strchr(".-:[]", *p)))
            return false;
    snprintf(out, n, "http://%s", host);
    return true;
}

/* A read of the API or the feed: from the cache when the store has not
 * changed since, else computed (and kept when it is a 200). */
static enum MHD_Result serve_read(struct MHD_Connection *c, const char *url)
{
    bool clean = true;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, arg_check, &clean);
    if (!clean)
        return send_error(c, 400, "an argument holds a control character", false);
    worker *w = worker_get();
    if (!w)
        return send_error(c, 503, "cannot open the store", false);
    /* The feed's links are absolute: they begin with --base-url, else with
     * the address the client asked for (its Host), which the cache key then
     * holds too. */
    bool feed = !strcmp(url, "/feed.atom");
    char base[KC_ARG_MAX + 16] = "";
    if (feed && !feed_base(c, base, sizeof base))
        return send_error(c, 400, "the Host header is not a host name", false);
    char key[KC_CACHE_KEY_MAX];
    keybuf k = {key, 0, false};
    int n =
        snprintf(key, sizeof key, "%zu:%s%s%s", strlen(url), url, feed ? "|" : "", base);
    if (n < 0 || (size_t)n >= sizeof key) {
        k.over = true; /* too long to keep: answered, not cached */
        k.len = 0;
    } else {
        k.len = (size_t)n;
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, key_add, &k);
    }
    uint64_t h = XXH3_64bits(key, k.len);
    cached *slot = NULL;
    if (w->cache && !k.over) {
        /* Asking the store for its data version is a read transaction (a
         * lock and an fstat): done when this server has written since, and
         * otherwise at most once a millisecond, so another process's write
         * shows within 1 ms and a busy thread does not pay it per request. */
        uint64_t writes_now = atomic_load(&writes);
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        int64_t since = (int64_t)(now.tv_sec - w->checked.tv_sec) * 1000000000 +
                        (now.tv_nsec - w->checked.tv_nsec);
        int64_t v = w->version;
        bool fresh = true;
        if (writes_now != w->writes_seen || since >= VERSION_CHECK_NS) {
            if (kc_db_version(w->db, &v) == KC_OK) {
                w->writes_seen = writes_now;
                w->checked = now;
                if (v != w->version) {
                    cache_drop(w); /* someone wrote: every answer may be stale */
                    w->version = v;
                }
            } else {
                cache_drop(w); /* cannot tell: trust nothing kept */
                fresh = false;
            }
        }
        slot = fresh ? &w->cache[h % CACHE_SLOTS] : NULL;
        if (slot && slot->response && slot->hash == h && !strcmp(slot->key, key)) {
            if (not_modified(c, slot->etag))
                return send_not_modified(c, slot->etag, true);
            return MHD_queue_response(c, MHD_HTTP_OK, slot->response);
        }
    }
    http_reply reply;
    http_request req = {url, arg_of, c};
    /* One read transaction: an answer of several queries (a count, then a
     * page) sees one state of the store. */
    if (kc_read_begin(w->db))
        return send_error(c, 503, kc_errmsg(w->db), false);
    int rc =
        feed ? http_feed(w->db, &req, base, &reply) : http_api_get(w->db, &req, &reply);
    kc_read_end(w->db);
    if (rc)
        return send_error(c, 503, "out of memory", false);
    if (reply.status != 200)
        return send_reply(c, &reply, true, false);
    char etag[24];
    snprintf(etag, sizeof etag, "\"%016llx\"",
             (unsigned long long)XXH3_64bits(reply.body, reply.len));
    if (not_modified(c, etag)) {
        free(reply.body);
        return send_not_modified(c, etag, true);
    }
    struct MHD_Response *r =
        MHD_create_response_from_buffer(reply.len, reply.body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(reply.body);
        return MHD_NO;
    }
    add_common(r, reply.ctype, true);
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    MHD_add_response_header(r, "ETag", etag);
    enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, r);
    if (slot && reply.len <= CACHE_ENTRY_MAX) {
        /* Keep it: the slot's old answer goes (direct-mapped), and past the
         * byte cap the whole cache is emptied first. */
        if (slot->response) {
            MHD_destroy_response(slot->response);
            free(slot->key);
            w->bytes -= slot->bytes;
            memset(slot, 0, sizeof *slot);
        }
        if (w->bytes + reply.len > CACHE_BYTES)
            cache_drop(w);
        if ((slot->key = strdup(key))) {
            slot->hash = h;
            slot->response = r; /* the cache's reference */
            slot->bytes = reply.len + k.len;
            w->bytes += slot->bytes;
            memcpy(slot->etag, etag, sizeof etag);
            return ok;
        }
    }
    MHD_destroy_response(r);
    return ok;
}

/* ---- the dashboard's files -------------------------------------------- */

static const char *content_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".json", "application/json; charset=utf-8"},
        {".map", "application/json; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
        {".woff2", "font/woff2"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
        if (!strcmp(dot, types[i].ext))
            return types[i].type;
    return "application/octet-stream";
}

/* The dashboard's own routes, answered with index.html (the page routes
 * itself). */
static bool page_route(const char *p)
{
    static const char *const pages[] = {"/chart/", "/song/", "/artist/"};
    static const char *const whole[] = {"/news",    "/search",  "/charts", "/records",
                                        "/allkill", "/regions", "/sales"};
    if (!strcmp(p, "/"))
        return true;
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
        if (!strcmp(p, whole[i]))
            return true;
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
        if (!strncmp(p, pages[i], strlen(pages[i])))
            return true;
    return false;
}

/* Opens the regular file at web_root + path, inside web_root; -1 if none. */
static int open_inside(const char *path, struct stat *sb)
{
    char full[PATH_MAX], real[PATH_MAX];
    int n = snprintf(full, sizeof full, "%s%s", web_root, path);
    if (n < 0 || (size_t)n >= sizeof full || !realpath(full, real))
        return -1;
    size_t root = strlen(web_root);
    if (strncmp(real, web_root, root) || real[root] != '/')
        return -1; /* a link out of the dashboard */
    int fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK); /* a FIFO */
    if (fd < 0)
        return -1;
    if (fstat(fd, sb) || !S_ISREG(sb->st_mode)) {
        close(fd);
        return -1;
    }
    return fd;
}

static enum MHD_Result serve_file(struct MHD_Connection *c, const char *url)
{
    if (!safe_path(url))
        return send_error(c, 404, "not found", false);
    if (!web_root[0])
        return send_error(c, 404, "the dashboard is not built (make builds web/dist)",
                          false);
    struct stat sb;
    const char *path = url;
    int fd = strcmp(url, "/") ? open_inside(url, &sb) : -1;
    if (fd < 0 && page_route(url)) {
        path = "/index.html";
        fd = open_inside(path, &sb);
    }
    if (fd < 0)
        return send_error(c, 404, "not found", false);
    char etag[48];
    snprintf(etag, sizeof etag, "\"%llx-%llx\"", (unsigned long long)sb.st_size,
             (unsigned long long)sb.st_mtime);
    if (not_modified(c, etag)) {
        close(fd);
        return send_not_modified(c, etag, false);
    }
    struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
    if (!r) {
        close(fd);
        return MHD_NO;
    }
    add_common(r, content_type(path), false);
    MHD_add_response_header(r, "ETag", etag);
    /* Vite names what is under /assets/ by its content hash. */
    MHD_add_response_header(r, "Cache-Control",
                            !strncmp(path, "/assets/", 8)
                                ? "public, max-age=31536000, immutable"
                                : "no-cache");
    enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ok;
}

/* ---- writes ----------------------------------------------------------- */

static bool bearer_ok(struct MHD_Connection *c)
{
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (!auth || strncasecmp(auth, "Bearer ", 7)) /* the scheme: any case (RFC 7235) */
        return false;
    worker *w = worker_get();
    return w && kc_token_check(w->db, auth + 7, strlen(auth + 7)) == KC_OK;
}

static enum MHD_Result serve_ingest(struct MHD_Connection *c, request *rq)
{
    const char *name = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "name");
    if (!name || !*name)
        name = "upload";
    const char *slash = strrchr(name, '/');
    if (slash)
        name = slash + 1; /* a file name, never a path */
    bool ok = *name && strlen(name) <= NAME_MAX_LEN;
    for (const unsigned char *q = (const unsigned char *)name; ok && *q; q++)
        ok = *q >= 0x20 && *q != 0x7f;
    if (!ok)
        return send_error(c, 400, "name must be a file name of 1 to 255 bytes", false);
    kc_ingest_opts opts = {0};
    opts.chart_id = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "chart");
    opts.period = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "period");
    opts.format = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format");
    const char *replace =
        MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "replace");
    opts.replace = replace && !strcmp(replace, "1");
    kc_ingest_stats stats = {0};
    pthread_mutex_lock(&write_lock);
    int rc =
        kc_ingest_buffer(writer, name, rq->body ? rq->body : "", rq->len, &opts, &stats);
    char msg[1100];
    snprintf(msg, sizeof msg, "%s", rc ? kc_errmsg(writer) : "");
    if (!rc)
        atomic_fetch_add(&writes, 1); /* after the commit: readers look again */
    pthread_mutex_unlock(&write_lock);
    if (rc)
        return send_error(c, http_status_of(rc), msg, false);
    http_reply reply;
    if (http_json_reply(&reply,
                        json_pack("{s:I,s:I,s:I,s:I}", "files", (json_int_t)stats.files,
                                  "snapshots", (json_int_t)stats.snapshots, "unchanged",
                                  (json_int_t)stats.unchanged, "entries",
                                  (json_int_t)stats.entries)))
        return MHD_NO;
    return send_reply(c, &reply, false, false);
}

/* DELETE /api/ingest/{digest}: kc_forget of the file of that digest (never
 * a path: the server reads no file it is named); ?dry_run=1 says what
 * would go. */
static enum MHD_Result serve_forget(struct MHD_Connection *c, const char *url)
{
    const char *digest = url + strlen("/api/ingest/");
    bool ok = strlen(digest) == 32;
    for (const char *q = digest; ok && *q; q++)
        ok = (*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f');
    if (!ok)
        return send_error(c, 400, "a file is named by its digest: 32 hex digits", false);
    const char *dry = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "dry_run");
    bool dry_run = dry && !strcmp(dry, "1");
    kc_forgotten *v = NULL;
    size_t n = 0;
    pthread_mutex_lock(&write_lock);
    int rc = kc_forget(writer, &digest, 1, dry_run, &v, &n);
    char msg[1100];
    snprintf(msg, sizeof msg, "%s", rc ? kc_errmsg(writer) : "");
    if (!rc && !dry_run)
        atomic_fetch_add(&writes, 1); /* after the commit: readers look again */
    pthread_mutex_unlock(&write_lock);
    if (rc)
        return send_error(c, http_status_of(rc), msg, false);
    json_t *files = json_array();
    for (size_t i = 0; files && i < n; i++)
        json_array_append_new(
            files, json_pack("{s:s,s:s,s:s,s:I,s:I,s:I}", "digest", v[i].digest, "kind",
                             v[i].kind, "path", v[i].path, "snapshots",
                             (json_int_t)v[i].snapshots, "rows", (json_int_t)v[i].rows,
                             "events", (json_int_t)v[i].events));
    kc_forgotten_free(v, n);
    http_reply reply;
    if (!files || http_json_reply(
                      &reply, json_pack("{s:b,s:o}", "dry_run", dry_run, "files", files)))
        return MHD_NO;
    return send_reply(c, &reply, false, false);
}

/* ---- the handler ------------------------------------------------------ */

typedef struct {
    unsigned args;           /* query arguments */
    unsigned content_length; /* Content-Length headers */
    bool chunked;            /* a Transfer-Encoding header */
    bool bad_text;           /* an argument that is not UTF-8 */
} request_shape;

static enum MHD_Result count_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    (void)kind;
    request_shape *sh = cls;
    sh->args++;
    for (const char *s = key; s; s = s == key ? value : NULL)
        if (kc_utf8_check(s, strlen(s)) != strlen(s))
            sh->bad_text = true;
    return MHD_YES;
}

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    (void)kind, (void)value;
    request_shape *sh = cls;
    if (!strcasecmp(key, "Content-Length"))
        sh->content_length++;
    else if (!strcasecmp(key, "Transfer-Encoding"))
        sh->chunked = true;
    return MHD_YES;
}

/* Why a request is refused before anything else is read (400), or NULL.
 * A request line holding a raw NUL reaches here cut at the NUL and without
 * its HTTP version: libmicrohttpd then takes it for HTTP/0.9, so a version
 * other than 1.0 or 1.1 is refused, not served as the URL's first part. Two
 * Content-Lengths, or one beside Transfer-Encoding, frame the body two ways
 * (a proxy and this server could disagree where the next request starts). */
static const char *request_refused(struct MHD_Connection *c, const char *url,
                                   const char *version)
{
    if (strcmp(version, MHD_HTTP_VERSION_1_1) && strcmp(version, MHD_HTTP_VERSION_1_0))
        return "the request line is not METHOD URL HTTP/1.x (a NUL in it?)";
    request_shape sh = {0};
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_header, &sh);
    if (sh.content_length > 1 || (sh.content_length && sh.chunked))
        return "the body's length is given two ways (Content-Length twice, or with "
               "Transfer-Encoding)";
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, count_arg, &sh);
    if (sh.args > KC_ARGS_MAX)
        return "too many query arguments";
    if (sh.bad_text || kc_utf8_check(url, strlen(url)) != strlen(url))
        return "the URL is not valid UTF-8 once percent-decoded";
    return NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    (void)cls;
    request *rq = *con_cls;
    bool get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    bool post = !strcmp(method, "POST");
    bool forget = !strcmp(method, "DELETE") && !strncmp(url, "/api/ingest/", 12);
    if (!rq || !rq->started) {
        /* First call: headers only. Answer on the next call, or keep-alive
         * is lost. */
        if (!rq && !(rq = calloc(1, sizeof *rq)))
            return MHD_NO;
        *con_cls = rq;
        rq->started = true;
        waiting *w = waiting_of(c);
        if (w) { /* its headers are in: being answered, off the list */
            pthread_mutex_lock(&waiting_lock);
            wait_unlist(w);
            pthread_mutex_unlock(&waiting_lock);
        }
        const char *why = rq->refused ? rq->refused : request_refused(c, url, version);
        if (why)
            return send_error(c, 400, why, true);
        if (!post || strcmp(url, "/api/ingest")) {
            /* A body anywhere else is refused before it is read: nobody
             * unauthenticated gets to make us read megabytes. */
            const char *cl =
                MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
            bool body =
                (cl && strcmp(cl, "0")) ||
                MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
            if (body && post)
                return send_error(c, 405, "only POST /api/ingest writes", true);
            if (body)
                return send_error(c, 400, "this request takes no body", true);
            if (forget && !bearer_ok(c))
                return send_error(c, 401,
                                  "a write needs Authorization: Bearer <token>"
                                  " (kchart token create)",
                                  true);
            rq->is_forget = forget;
            return MHD_YES;
        }
        /* A write refused for its headers is answered now, before its body
         * is read (libmicrohttpd then drops the body and closes). */
        if (!bearer_ok(c))
            return send_error(c, 401,
                              "a write needs Authorization: Bearer <token>"
                              " (kchart token create)",
                              true);
        const char *cl =
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > config->max_body)
            return send_error(c, 413, "the body is over the server's limit", true);
        rq->is_ingest = true;
        return MHD_YES;
    }
    if (rq->is_ingest) {
        if (*upload_size) {
            /* Past the limit without a Content-Length (chunked): the rest is
             * read and dropped, and the answer is 413 at the end. */
            if (rq->too_big || *upload_size > config->max_body - rq->len) {
                rq->too_big = true;
                free(rq->body);
                rq->body = NULL;
                rq->len = rq->cap = 0;
                *upload_size = 0;
                return MHD_YES;
            }
            if (rq->len + *upload_size > rq->cap) {
                size_t cap = rq->cap ? rq->cap : 65536;
                while (cap < rq->len + *upload_size)
                    cap *= 2;
                char *nb = realloc(rq->body, cap);
                if (!nb)
                    return MHD_NO; /* cannot answer mid-body: close */
                rq->body = nb;
                rq->cap = cap;
            }
            memcpy(rq->body + rq->len, upload, *upload_size);
            rq->len += *upload_size;
            *upload_size = 0;
            return MHD_YES;
        }
        if (rq->too_big)
            return send_error(c, 413, "the body is over the server's limit", true);
        return serve_ingest(c, rq);
    }
    if (*upload_size) {
        *upload_size = 0; /* a body nobody asked for */
        return MHD_YES;
    }
    if (rq->is_forget)
        return serve_forget(c, url);
    if (!strcmp(method, "OPTIONS")) {
        struct MHD_Response *r =
            MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
        if (!r)
            return MHD_NO;
        MHD_add_response_header(r, "Access-Control-Allow-Origin", "*");
        MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
        MHD_add_response_header(r, "Access-Control-Allow-Headers", "If-None-Match");
        MHD_add_response_header(r, "Access-Control-Max-Age", "86400");
        enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_NO_CONTENT, r);
        MHD_destroy_response(r);
        return ok;
    }
    bool api = !strncmp(url, "/api/", 5) || !strcmp(url, "/feed.atom");
    bool ingest = !strcmp(url, "/api/ingest");
    if (!get || ingest) {
        http_reply reply;
        if (http_error(&reply, 405,
                       ingest ? "/api/ingest takes POST"
                       : post ? "only POST /api/ingest writes"
                              : "this server answers GET, HEAD, OPTIONS and POST"))
            return MHD_NO;
        struct MHD_Response *r =
            MHD_create_response_from_buffer(reply.len, reply.body, MHD_RESPMEM_MUST_FREE);
        if (!r) {
            free(reply.body);
            return MHD_NO;
        }
        add_common(r, reply.ctype, false);
        MHD_add_response_header(r, "Allow", ingest ? "POST" : "GET, HEAD, OPTIONS");
        enum MHD_Result ok = MHD_queue_response(c, 405, r);
        MHD_destroy_response(r);
        return ok;
    }
    if (api) {
        for (const unsigned char *q = (const unsigned char *)url; *q; q++)
            if (*q < 0x20 || *q == 0x7f)
                return send_error(c, 404, "not found", false);
        return serve_read(c, url);
    }
    return serve_file(c, url);
}

/* ---- start and stop --------------------------------------------------- */

static void raise_fd_limit(void)
{
    struct rlimit rl;
    if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

static struct MHD_Daemon *daemon_;

int http_start(const http_config *cfg, unsigned *port)
{
    config = cfg;
    if (kc_db_open(cfg->db_path, &writer)) { /* creates and migrates */
        fprintf(stderr, "kchart serve: %s\n", kc_open_errmsg());
        return 1;
    }
    web_root[0] = '\0';
    if (cfg->web_dir && !realpath(cfg->web_dir, web_root)) {
        fprintf(stderr, "kchart serve: %s: %s (the dashboard is not served)\n",
                cfg->web_dir, strerror(errno));
        web_root[0] = '\0';
    }
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)cfg->port);
    if (inet_pton(AF_INET, cfg->bind, &addr.sin_addr) != 1) {
        fprintf(stderr, "kchart serve: --bind must be an IPv4 address, not \"%s\"\n",
                cfg->bind);
        kc_db_close(writer);
        return 1;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cfg->threads ? cfg->threads : (unsigned)(cores > 0 ? cores : 1);
    raise_fd_limit();
    signal(SIGPIPE, SIG_IGN);
    daemon_ = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO, 0, NULL, NULL,
        on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)KC_CONNECTIONS_MAX, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)CONNECTIONS_PER_IP, MHD_OPTION_STRICT_FOR_CLIENT, 1,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)KC_CONNECTION_POOL,
        MHD_OPTION_CONNECTION_TIMEOUT, 15u, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION,
        on_connection, NULL, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
    if (!daemon_) {
        fprintf(stderr, "kchart serve: cannot listen on %s:%u: %s\n", cfg->bind,
                cfg->port, strerror(errno));
        kc_db_close(writer);
        return 1;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
    *port = info ? info->port : cfg->port;
    if (cfg->hooks && http_hooks_start(cfg->db_path, cfg->base_url)) {
        http_stop();
        return 1;
    }
    atomic_store(&watchdog_stop, false);
    if (!(watchdog_running = !pthread_create(&watchdog, NULL, watchdog_run, NULL))) {
        fprintf(stderr, "kchart serve: cannot start the watchdog thread\n");
        http_stop();
        return 1;
    }
    return 0;
}

void http_stop(void)
{
    if (!daemon_)
        return;
    http_hooks_stop();
    if (watchdog_running) {
        atomic_store(&watchdog_stop, true);
        pthread_join(watchdog, NULL);
        watchdog_running = false;
    }
    MHD_stop_daemon(daemon_);
    daemon_ = NULL;
    for (worker *w = workers, *next; w; w = next) {
        next = w->next;
        cache_drop(w);
        free(w->cache);
        kc_db_close(w->db);
        free(w);
    }
    workers = NULL;
    kc_db_close(writer);
    writer = NULL;
}

int http_serve(const http_config *cfg)
{
    /* The request threads inherit this mask: only this thread takes SIGINT
     * and SIGTERM, in sigwait. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    unsigned port;
    if (http_start(cfg, &port))
        return 1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cfg->threads ? cfg->threads : (unsigned)(cores > 0 ? cores : 1);
    printf("kchart: serving %s at http://%s:%u/ (%u threads%s)\n", cfg->db_path,
           cfg->bind, port, threads, web_root[0] ? ", dashboard" : "");
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    http_stop();
    return 0;
}
