/*
 * feed.c: GET /feed.atom[?chart=ID&artist=A&kind=K], the stored news as an
 * Atom 1.0 feed: the library writes it (kc_news_atom); this file only
 * answers with it.
 */
#include "http.h"
#include "util/limits.h"

#include <string.h>

int http_feed(kc_db *db, const http_request *req, const char *base, http_reply *out)
{
    static const char *const names[] = {"chart", "artist", "kind"};
    const char *v[3];
    for (int i = 0; i < 3; i++) {
        v[i] = req->arg(req->ctx, names[i]);
        if (v[i] && strlen(v[i]) > KC_ARG_MAX) {
            char msg[64];
            snprintf(msg, sizeof msg, "%s is too long", names[i]);
            return http_error(out, 400, msg);
        }
        if (v[i] && !*v[i])
            v[i] = NULL;
    }
    kc_news_feed_opts opts = {.base = base, .chart = v[0], .artist = v[1], .kind = v[2]};
    char *xml;
    int rc = kc_news_atom(db, &opts, &xml);
    if (rc)
        return http_error(out, http_status_of(rc), kc_errmsg(db));
    *out = (http_reply){200, xml, strlen(xml), "application/atom+xml; charset=utf-8", ""};
    return 0;
}
