/*
 * atom.c: the news as an Atom 1.0 feed (RFC 4287), the latest events first:
 * what `kchart news --format atom` prints and the server answers at
 * /feed.atom.
 *
 * The events are kc_query_news's; this file only writes XML. An entry's id
 * is a UUID URN made from a hash of what identifies the event (kind, chart,
 * period, song, sentence): the same event has the same id however often a
 * reader polls (RFC 9562's version 8, a UUID of one's own making). Not a
 * server: the links are kchart's own pages (/feed.atom, /news, /song/ID),
 * absolute when the caller says where it serves them (opts->base: a feed
 * reader resolves a relative link against nothing, and validators say so).
 */
#include "news/news.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#define FEED_ENTRIES 50 /* the latest events, without opts->limit */

/* The document as it grows; failed once an allocation failed. */
typedef struct {
    char *buf;
    size_t len, cap;
    bool failed;
} sbuf;

static void put_raw(sbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *nb = kc__realloc(b->buf, cap);
        if (!nb) {
            b->failed = true;
            return;
        }
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

static void put_str(sbuf *b, const char *s)
{
    put_raw(b, s, strlen(s));
}

/* Writes s with XML's five special characters escaped. */
static void put_xml(sbuf *b, const char *s)
{
    for (const char *p = s; p && *p; p++) {
        const unsigned char *u = (const unsigned char *)p;
        if (u[0] == 0xef && u[1] == 0xbf && (u[2] == 0xbe || u[2] == 0xbf)) {
            p += 2; /* U+FFFE and U+FFFF are not XML characters */
            continue;
        }
        switch (*p) {
        case '&':
            put_str(b, "&amp;");
            break;
        case '<':
            put_str(b, "&lt;");
            break;
        case '>':
            put_str(b, "&gt;");
            break;
        case '"':
            put_str(b, "&quot;");
            break;
        case '\'':
            put_str(b, "&apos;");
            break;
        default:
            /* XML 1.0 allows no C0 control but tab, newline and return. */
            if ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
                put_raw(b, p, 1);
        }
    }
}

/* An RFC 3339 time for a period: its first day at 00:00 UTC when it starts
 * with a date (the chart's own period naming), else fallback. */
static void period_time(const char *period, const char *fallback, char out[32])
{
    bool date = strlen(period) >= 10;
    for (int i = 0; date && i < 10; i++)
        date = (i == 4 || i == 7) ? period[i] == '-'
                                  : (period[i] >= '0' && period[i] <= '9');
    if (date)
        snprintf(out, 32, "%.10sT00:00:00Z", period);
    else
        snprintf(out, 32, "%s", fallback);
}

/* The UUID URN of key (RFC 9562 version 8, from XXH3-128) into out. */
static void uuid_of(const char *key, char out[48])
{
    XXH128_hash_t h = XXH3_128bits(key, strlen(key));
    uint64_t hi = (h.high64 & ~(uint64_t)0xf000) | 0x8000;                /* version 8 */
    uint64_t lo = (h.low64 & ~((uint64_t)3 << 62)) | ((uint64_t)2 << 62); /* variant */
    snprintf(out, 48, "urn:uuid:%08llx-%04llx-%04llx-%04llx-%012llx",
             (unsigned long long)(hi >> 32), (unsigned long long)(hi >> 16 & 0xffff),
             (unsigned long long)(hi & 0xffff), (unsigned long long)(lo >> 48),
             (unsigned long long)(lo & 0xffffffffffffULL));
}

int kc_news_atom(kc_db *db, const kc_news_feed_opts *opts, char **out)
{
    *out = NULL;
    kc_page page = {opts && opts->limit ? opts->limit : FEED_ENTRIES, 0, 0};
    const char *base = opts && opts->base ? opts->base : "";
    const char *only = opts ? opts->chart : NULL;
    kc_table *t;
    int rc = kc_query_news(db, only, NULL, &page, &t);
    if (rc)
        return rc;
    /* columns: kind, chart, period, song_id, title, artist, rank, text */
    char updated[32];
    period_time(t->nrows ? kc_table_cell(t, 0, 2) : "", "1970-01-01T00:00:00Z", updated);
    sbuf b = {0};
    put_str(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
                "<title>kchart: what is new on ");
    put_xml(&b, only ? only : "the charts");
    put_str(&b, "</title>\n<id>");
    char id[48], feed_key[128];
    /* The feed of all charts keeps the id it always had. */
    snprintf(feed_key, sizeof feed_key, only ? "kchart news %s" : "kchart news", only);
    uuid_of(feed_key, id);
    put_str(&b, id);
    put_str(&b, "</id>\n<link rel=\"self\" href=\"");
    put_xml(&b, base);
    put_str(&b, "/feed.atom");
    if (only) {
        put_str(&b, "?chart=");
        put_xml(&b, only); /* a chart id is [a-z0-9-]: nothing to encode */
    }
    put_str(&b, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
    put_xml(&b, base);
    put_str(&b, "/news\"/>\n<author><name>kchart</name></author>\n<updated>");
    put_str(&b, updated);
    put_str(&b, "</updated>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        const char *kind = kc_table_cell(t, r, 0), *chart = kc_table_cell(t, r, 1),
                   *period = kc_table_cell(t, r, 2), *song = kc_table_cell(t, r, 3),
                   *text = kc_table_cell(t, r, 7);
        char when[32];
        period_time(period, updated, when);
        /* The text too: one song may have two events in one period (its
         * first All-Kill and the first of the year). An event of no song
         * (a release's) has "(null)" for it, as the C library first wrote
         * it: an entry's id must not change. */
        char key[1024];
        snprintf(key, sizeof key, "%s/%s/%s/%s/%s", kind, chart ? chart : "", period,
                 song ? song : "(null)", text);
        uuid_of(key, id);
        put_str(&b, "<entry>\n<id>");
        put_str(&b, id);
        put_str(&b, "</id>\n<title>");
        put_xml(&b, text);
        put_str(&b, "</title>\n<updated>");
        put_str(&b, when);
        put_str(&b, "</updated>\n<link href=\"");
        put_xml(&b, base);
        /* An event of no song (a release's sales) links to the news. */
        put_str(&b, song ? "/song/" : "/news");
        put_xml(&b, song);
        put_str(&b, "\"/>\n<summary>");
        put_xml(&b, text);
        put_str(&b, "</summary>\n</entry>\n");
    }
    put_str(&b, "</feed>\n");
    kc_table_free(t);
    if (b.failed) {
        free(b.buf);
        return kc__fail(db, KC_ENOMEM, "out of memory");
    }
    *out = b.buf;
    return KC_OK;
}
