/*
 * http.h: kchart's HTTP server (libmicrohttpd), a thin client of libkchart.
 *
 * server.c owns the daemon: connections, request bodies, the response cache,
 * static files and the security checks; api.c turns a request into a JSON
 * answer from the library's queries; feed.c answers with the library's Atom
 * feed; json.c turns a kc_table into JSON, for the API and for `kchart
 * --format json`; hooks.c runs the webhooks' deliverer in a thread.
 * docs/api.md is the contract.
 */
#ifndef KC_HTTP_H
#define KC_HTTP_H

#include "kchart/kchart.h"

#include <jansson.h>
#include <stddef.h>

/* ---- json.c ----------------------------------------------------------- */

/* Cell (r, c) of t as JSON: an integer or a real as a number, text as a
 * string, unknown as null. New reference, NULL when out of memory. */
json_t *http_cell_json(const kc_table *t, size_t r, size_t c);
/* Row r of t as an object (column name to value: integers and reals as
 * numbers, text as strings, unknown as null). New reference, NULL when out
 * of memory. */
json_t *http_row_json(const kc_table *t, size_t r);
/* Rows [from, from + n) of t (clipped to the table) as an array of
 * objects. New reference, NULL when out of memory. */
json_t *http_rows_json(const kc_table *t, size_t from, size_t n);

/* ---- api.c ------------------------------------------------------------ */

/* A request as the API sees it. */
typedef struct {
    const char *path; /* decoded, starts with "/api/" */
    /* The value of query argument name, or NULL (borrowed). */
    const char *(*arg)(void *ctx, const char *name);
    void *ctx;
} http_request;

/* An answer: status and an owned body (free()) of content type ctype. */
typedef struct {
    int status;
    char *body;
    size_t len;
    const char *ctype; /* static string */
    char location[64]; /* a 301's Location ("" otherwise) */
} http_reply;

/* Answers a GET of the API from db; always fills out (an error is a JSON
 * body with its status). Returns 0, or -1 when out of memory (out unset). */
int http_api_get(kc_db *db, const http_request *req, http_reply *out);
/* Fills out with {"error": {"status": status, "message": message}}. */
int http_error(http_reply *out, int status, const char *message);
/* The HTTP status of a library status (KC_ENOTFOUND: 404, ...). */
int http_status_of(int status);
/* Serializes json (stolen) into out with status 200. */
int http_json_reply(http_reply *out, json_t *json);

/* ---- feed.c ----------------------------------------------------------- */

/* The Atom feed of the latest news (kc_news_atom) into out, of one chart
 * with ?chart=ID, its links beginning with base ("http://host:port"); a
 * failure is an error reply. Returns 0, or -1 when out of memory (out
 * unset). */
int http_feed(kc_db *db, const http_request *req, const char *base, http_reply *out);

/* ---- hooks.c ----------------------------------------------------------- */

/* Starts delivering webhooks in a thread of its own, on a store handle of
 * its own, its payloads' links beginning with base_url (NULL: paths; must
 * outlive the thread). Returns 0, or 1 with a message on stderr. */
int http_hooks_start(const char *db_path, const char *base_url);
/* Stops the thread (an attempt under way is abandoned, its event sent again
 * later) and closes its handle. Nothing when it is not running. */
void http_hooks_stop(void);

/* ---- server.c --------------------------------------------------------- */

typedef struct {
    const char *db_path;
    const char *bind;     /* address to listen on */
    unsigned port;        /* 0: any free port (printed) */
    const char *web_dir;  /* the built dashboard; NULL: none */
    unsigned threads;     /* request threads; 0: one a core */
    size_t max_body;      /* bytes of a POST body */
    int cache;            /* keep answers until the database changes */
    const char *base_url; /* what the feed's links begin with; NULL: the
                             request's Host (http://HOST) */
    int hooks;            /* deliver webhooks in a thread (hooks.c) */
} http_config;

/* Serves until SIGINT or SIGTERM; prints the URL it listens on to stdout.
 * Returns 0, or 1 with a message on stderr when it cannot start. */
int http_serve(const http_config *cfg);
/* Starts serving in the background (cfg must outlive the server), setting
 * *port to the port listened on: what http_serve and the fuzz target use.
 * Returns 0, or 1 with a message on stderr. One server a process. */
int http_start(const http_config *cfg, unsigned *port);
/* Stops the server http_start started and frees what it holds. */
void http_stop(void);

#endif
