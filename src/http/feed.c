/*
 * feed.c: GET /feed.atom[?chart=ID], the news as an Atom 1.0 feed: the
 * library writes it (kc_news_atom); this file only answers with it.
 */
#include "http.h"
#include "util/limits.h"

#include <string.h>

int http_feed(kc_db *db, const http_request *req, const char *base, http_reply *out)
{
    const char *chart = req->arg(req->ctx, "chart");
    if (chart && strlen(chart) > KC_ARG_MAX)
        return http_error(out, 400, "chart is too long");
    kc_news_feed_opts opts = {.base = base, .chart = chart && *chart ? chart : NULL};
    char *xml;
    int rc = kc_news_atom(db, &opts, &xml);
    if (rc)
        return http_error(out, http_status_of(rc), kc_errmsg(db));
    *out = (http_reply){200, xml, strlen(xml), "application/atom+xml; charset=utf-8", ""};
    return 0;
}
