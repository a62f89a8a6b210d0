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

#endif
