/*
 * query.h: the query layer: read-only answers by noun (a chart, a song, an
 * artist, the leaderboard, verify), each a kc_table. The news is the news
 * layer's (news/news.h), below this one.
 *
 * The layering rule (docs/architecture.md, checked by tests/layers.py): a
 * query reads; it calls the layers below (news, compile, ingest, derive,
 * model, store, util) and writes nothing but temporary tables, with one
 * exception: a search by name (search.c) first brings the search index, a
 * derived table, up to date (model/search.c's kc__search_sync).
 */
#ifndef KC_QUERY_H
#define KC_QUERY_H

#include "news/news.h"

#endif
