/*
 * fuzz_http.c: fuzz target of the server's request handling. Each input is
 * what a client sends: its bytes go down a TCP connection to a real
 * `kchart serve` (http_start, on loopback, in this process, over a store of
 * the three Hot 100 fixtures), and the answer is read to the end. The whole
 * path runs: libmicrohttpd's parsing, our unescaping and path checks, the
 * routes, the cache, tokens, bodies and ingest.
 *
 * "KCTOKEN" in an input stands for a live write token (a real one is random),
 * so that the fuzzer reaches the ingest path. Besides crashes and sanitizer
 * reports, one oracle: the server never answers 500 (a store failure), since
 * no input should make the store fail.
 */
#define _GNU_SOURCE /* mkdtemp, memmem */
#include "../src/http/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef KC_FIXTURES
#define KC_FIXTURES "tests/fixtures"
#endif

static unsigned port;
static char token[KC_TOKEN_LEN + 1];
static char dir[64], db_path[96], web_path[96];
static http_config cfg;

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void finish(void)
{
    http_stop();
    char path[160];
    static const char *const files[] = {"kchart.db", "kchart.db-wal", "kchart.db-shm",
                                        "web/assets/app.js", "web/index.html"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/web/assets", dir);
    rmdir(path);
    rmdir(web_path);
    rmdir(dir);
}

static void start(void)
{
    snprintf(dir, sizeof dir, "/tmp/kchart-fuzz-http-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    snprintf(db_path, sizeof db_path, "%s/kchart.db", dir);
    snprintf(web_path, sizeof web_path, "%s/web", dir);
    char path[160];
    snprintf(path, sizeof path, "%s/assets", web_path);
    if (mkdir(web_path, 0700) || mkdir(path, 0700))
        abort();
    snprintf(path, sizeof path, "%s/index.html", web_path);
    write_file(path, "<!doctype html><title>kchart</title>\n");
    snprintf(path, sizeof path, "%s/assets/app.js", web_path);
    write_file(path, "console.log('kchart')\n");
    kc_db *db;
    if (kc_db_open(db_path, &db) ||
        kc_ingest_path(db, KC_FIXTURES "/billboard", NULL, NULL) ||
        kc_token_create(db, "fuzz", token))
        abort();
    kc_db_close(db);
    cfg = (http_config){db_path, "127.0.0.1", 0, web_path, 2, 1 << 20, 1, NULL, 0};
    if (http_start(&cfg, &port))
        abort();
    atexit(finish);
}

/* The input with each "KCTOKEN" replaced by the live token; owned. */
static char *with_token(const uint8_t *data, size_t size, size_t *len)
{
    static const char mark[] = "KCTOKEN";
    size_t m = sizeof mark - 1, n = 0;
    char *out = malloc(size / m * KC_TOKEN_LEN + size + 1);
    if (!out)
        abort();
    for (size_t i = 0; i < size;) {
        if (size - i >= m && !memcmp(data + i, mark, m)) {
            memcpy(out + n, token, KC_TOKEN_LEN);
            n += KC_TOKEN_LEN;
            i += m;
        } else {
            out[n++] = (char)data[i++];
        }
    }
    *len = n;
    return out;
}

/* Walks the answers in a[0..n) (status line, headers, a body of its
 * Content-Length) and says whether one has status 500. Where the framing
 * cannot be followed (an answer to HEAD has a length and no body), it stops:
 * the body of an answer may echo the request, so only status lines count. */
static bool answered_500(const char *a, size_t n)
{
    size_t at = 0;
    while (n - at >= 12 && !memcmp(a + at, "HTTP/1.", 7)) {
        if (!memcmp(a + at + 8, " 500", 4))
            return true;
        const char *end = memmem(a + at, n - at, "\r\n\r\n", 4);
        if (!end)
            break;
        size_t body = 0;
        for (const char *h = a + at; h < end; h++) {
            if (!strncasecmp(h, "\r\nContent-Length:", 17)) {
                body = strtoul(h + 17, NULL, 10);
                break;
            }
        }
        size_t next = (size_t)(end + 4 - a) + body;
        if (next > n)
            break;
        at = next;
    }
    return false;
}

/* A connection to the server. Millions of short connections on loopback
 * leave their ports in TIME_WAIT; now and then the kernel has none to give
 * at once (a run of 5,977,295 inputs ended on a connect that failed, and
 * the input replays fine): try again for up to a second before calling it
 * the server's fault. */
static int connect_server(void)
{
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int attempt = 0;; attempt++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            abort();
        struct timeval tv = {5, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        if (!connect(fd, (struct sockaddr *)&addr, sizeof addr))
            return fd;
        int e = errno;
        close(fd);
        if (attempt == 100) {
            fprintf(stderr, "fuzz_http: connect: %s\n", strerror(e));
            abort();
        }
        poll(NULL, 0, 10);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        start();
        ready = true;
    }
    size_t len;
    char *request = with_token(data, size, &len);
    int fd = connect_server();
    /* Send what the server takes (it may close early, after a 413), then
     * say that is all, and read the answers to the end. */
    for (size_t sent = 0; sent < len;) {
        ssize_t w = send(fd, request + sent, len - sent, MSG_NOSIGNAL);
        if (w <= 0)
            break;
        sent += (size_t)w;
    }
    /* The end of the input (a FIN) goes only once the server has had the
     * time to read the bytes: once an answer starts, or after 2 ms. Sent
     * with them, the server (libmicrohttpd, epoll, edge-triggered) may read
     * the bytes and never see the end behind them: with an unfinished
     * request it then keeps the connection, unanswered, until its own
     * timeout, and after an answer it waits for the next request; either
     * way the harness would wait (below) for nothing. */
    struct pollfd first = {fd, POLLIN, 0};
    poll(&first, 1, 2);
    shutdown(fd, SHUT_WR);
    static char answer[1 << 22]; /* what the server said, up to 4 MiB */
    size_t got = 0;
    for (;;) {
        /* Up to 250 ms for the first byte; then the answer is over when the
         * server closes or says nothing for 20 ms. The server closes as soon
         * as it has answered what it could and read the end of the input;
         * these limits only matter when it missed the end (see above),
         * where waiting for its own timeout would halt the fuzzer. */
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, got ? 20 : 250) <= 0)
            break;
        char buf[65536];
        ssize_t r = recv(fd, buf, sizeof buf, 0);
        if (r <= 0)
            break;
        size_t keep = (size_t)r < sizeof answer - got ? (size_t)r : sizeof answer - got;
        memcpy(answer + got, buf, keep);
        got += keep;
    }
    close(fd);
    free(request);
    if (answered_500(answer, got)) {
        fprintf(stderr, "fuzz_http: the server answered 500\n");
        abort();
    }
    return 0;
}
