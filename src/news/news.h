/*
 * news.h: the news layer: the kinds of events (a debut, a No. 1, a
 * re-entry, a milestone, a record, an All-Kill, regions at No. 1, a
 * certification, a sales record), how each is found, its sentence, and
 * the Atom feed of them.
 *
 * The layering rule (docs/architecture.md, checked by tests/layers.py): news
 * calls compile, ingest, derive, model, store and util, nothing above.
 */
#ifndef KC_NEWS_H
#define KC_NEWS_H

#include "compile/compile.h"

/* ---- news.c ----------------------------------------------------------- */
/* Makes the news' temporary tables (news_event, news_page): in kc_db_open,
 * before kc__store_ready, as every temporary table is. A status with the
 * message on db. kc_query_news (news.c) and kc_news_atom (atom.c) are
 * public: kchart.h. */
int kc__news_setup(kc_db *db);

#endif
