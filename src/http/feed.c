/*
 * feed.c: GET /feed.atom, the news as an Atom 1.0 feed: the library writes
 * it (kc_news_atom); this file only answers with it.
 */
#include "http.h"

#include <string.h>

int http_feed(kc_db *db, http_reply *out)
{
    char *xml;
    int rc = kc_news_atom(db, NULL, &xml);
    if (rc)
        return http_error(out, http_status_of(rc), kc_errmsg(db));
    *out = (http_reply){200, xml, strlen(xml), "application/atom+xml; charset=utf-8", ""};
    return 0;
}
