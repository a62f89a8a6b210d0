/*
 * atom.c: the news as an Atom 1.0 feed (RFC 4287), the latest events first:
 * what `kchart news --format atom` prints and the server answers at
 * /feed.atom.
 *
 * The events are the stored ones (news.c), the latest learned first; this
 * file only writes XML. An entry's id is a UUID URN made from a hash of the
 * event's key, which never changes: the same event has the same id however
 * often a reader polls and whatever is learned after it (RFC 9562's version
 * 8, a UUID of one's own making); its updated is when it was learned. Not a
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

/* Writes "?chart=C&artist=A&kind=K" (those given), each value encoded as
 * a URL's query part needs it. */
static void put_query(sbuf *b, const kc_news_feed_opts *o)
{
    const char *names[] = {"chart", "artist", "kind"};
    const char *values[] = {o ? o->chart : NULL, o ? o->artist : NULL,
                            o ? o->kind : NULL};
    bool first = true;
    for (int i = 0; i < 3; i++) {
        if (!values[i])
            continue;
        put_str(b, first ? "?" : "&amp;");
        first = false;
        put_str(b, names[i]);
        put_str(b, "=");
        for (const unsigned char *p = (const unsigned char *)values[i]; *p; p++) {
            char enc[4];
            bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                         (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
                         *p == '.' || *p == '~';
            if (plain)
                put_raw(b, (const char *)p, 1);
            else {
                snprintf(enc, sizeof enc, "%%%02X", *p);
                put_str(b, enc);
            }
        }
    }
}

int kc_news_atom(kc_db *db, const kc_news_feed_opts *opts, char **out)
{
    *out = NULL;
    const char *base = opts && opts->base ? opts->base : "";
    kc_news_opts filters = {.chart = opts ? opts->chart : NULL,
                            .artist = opts ? opts->artist : NULL,
                            .kind = opts ? opts->kind : NULL};
    kc_table *t;
    int rc = kc__news_feed_rows(db, &filters,
                                opts && opts->limit ? opts->limit : FEED_ENTRIES, &t);
    if (rc)
        return rc;
    /* columns: id, kind, chart_id, period, song_id, sentence, key, learned;
     * the latest learned first, so the first is when the feed last changed */
    const char *updated = t->nrows ? kc_table_cell(t, 0, 7) : "1970-01-01T00:00:00Z";
    bool filtered = filters.chart || filters.artist || filters.kind;
    sbuf b = {0};
    put_str(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
                "<title>kchart: what is new");
    if (filters.chart) {
        put_str(&b, " on ");
        put_xml(&b, filters.chart);
    }
    if (filters.artist) {
        put_str(&b, " for ");
        put_xml(&b, filters.artist);
    }
    if (filters.kind) {
        put_str(&b, " (");
        put_xml(&b, filters.kind);
        put_str(&b, ")");
    }
    if (!filtered)
        put_str(&b, " on the charts");
    put_str(&b, "</title>\n<id>");
    /* The feed's id: from what it holds, so that the feed of all charts
     * keeps the id it always had, and one chart's feed too. */
    char id[48], feed_key[KC_ARG_MAX * 3 + 64];
    if (!filtered)
        snprintf(feed_key, sizeof feed_key, "kchart news");
    else if (filters.chart && !filters.artist && !filters.kind)
        snprintf(feed_key, sizeof feed_key, "kchart news %s", filters.chart);
    else
        snprintf(feed_key, sizeof feed_key, "kchart news chart=%s artist=%s kind=%s",
                 filters.chart ? filters.chart : "", filters.artist ? filters.artist : "",
                 filters.kind ? filters.kind : "");
    uuid_of(feed_key, id);
    put_str(&b, id);
    put_str(&b, "</id>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"");
    put_xml(&b, base);
    put_str(&b, "/feed.atom");
    put_query(&b, opts);
    put_str(&b, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
    put_xml(&b, base);
    put_str(&b, "/news");
    if (filters.chart) {
        put_str(&b, "?chart=");
        put_xml(&b, filters.chart); /* a chart id is [a-z0-9-]: nothing to encode */
    }
    put_str(&b, "\"/>\n<author><name>kchart</name></author>\n<updated>");
    put_xml(&b, updated);
    put_str(&b, "</updated>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        const char *song = kc_table_cell(t, r, 4), *text = kc_table_cell(t, r, 5),
                   *key = kc_table_cell(t, r, 6), *learned = kc_table_cell(t, r, 7);
        /* The entry's id is made from the event's key, which never changes
         * (news-store.sql): the same event keeps its id in every feed,
         * whatever its id in this store. */
        char entry_key[1200];
        snprintf(entry_key, sizeof entry_key, "kchart event %s", key ? key : "");
        uuid_of(entry_key, id);
        put_str(&b, "<entry>\n<id>");
        put_str(&b, id);
        put_str(&b, "</id>\n<title>");
        put_xml(&b, text);
        put_str(&b, "</title>\n<updated>");
        put_xml(&b, learned);
        put_str(&b, "</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
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
