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
 * message on db. kc_news_list, kc_query_news (news.c) and kc_news_atom
 * (atom.c) are public: kchart.h. */
int kc__news_setup(kc_db *db);
/* Stores the events the open transaction made known (what it noted in
 * temp.news_touched, kc__ingest_touched), each once (INSERT OR IGNORE on
 * its key), learned now (KCHART_NOW when set), then forgets what was
 * touched. Run just before COMMIT: kc_db_open installs it as the store's
 * commit hook. Nothing touched costs one read of an empty table. A status
 * with the message on db (the commit then fails and is rolled back). */
int kc__news_learn(kc_db *db);
/* Notes that the open transaction touched everything (a rebuild, the first
 * fill of a store older than the events): the next kc__news_learn looks for
 * every event of every kind. */
int kc__news_touch_all(kc_db *db);
/* The latest learned events passing o's filters (kind, chart, artist; not
 * since or from), at most limit, the latest first: id, kind, chart_id,
 * period, song_id, sentence, key, learned (atom.c). *out owned. */
int kc__news_feed_rows(kc_db *db, const kc_news_opts *o, size_t limit, kc_table **out);

#endif
