/*
 * ingest.h: the ingest layer: files in, observations stored, derived tables
 * brought up to date in the same transaction. Format detection, one adapter
 * per format (Billboard JSON, Spotify CSV, generic CSV, per-song series),
 * the series of totals, sales and units files.
 *
 * The layering rule (docs/architecture.md, checked by tests/layers.py):
 * ingest calls derive, model, store and util, nothing above. An ingest is
 * the writer: it owns the transaction of a file and calls derive/ to bring
 * runs and milestones up to date inside it (DESIGN.md: everything derived
 * is derived in the transaction that stored its observations).
 */
#ifndef KC_INGEST_H
#define KC_INGEST_H

#include "derive/derive.h"

/* What an adapter receives: the file, its bytes and the user's overrides. */
typedef struct {
    const char *path; /* as given, for messages */
    const char *name; /* base name, for chart/period inference */
    const char *buf;  /* whole file, NUL-terminated */
    size_t len;
    const char *chart_id; /* --chart or NULL */
    const char *period;   /* --period or NULL */
} kc__source;

/* Adapter: parse src into out; on failure write "path:line:col: what" into
 * err and return KC_EINPUT. */
typedef int (*kc__adapter_fn)(const kc__source *src, kc__batch *out, char *err,
                              size_t errlen);

int kc__parse_billboard(const kc__source *, kc__batch *, char *, size_t);
int kc__parse_spotify(const kc__source *, kc__batch *, char *, size_t);
int kc__parse_spotify_old(const kc__source *, kc__batch *, char *, size_t);
int kc__parse_generic(const kc__source *, kc__batch *, char *, size_t);
/* ---- per-song rank series (adapter_series.c) -------------------------- */
/* A dataset of per-song rank series: one file per song and chart, and a song
 * map (data.json) naming each song and its id on every platform. */
typedef struct kc__songmap kc__songmap;
/* Whether buf is one per-song series ({"body": {"platform": ...}}). */
bool kc__is_series(const char *buf, size_t len);
/* Whether buf looks like a song map ({"data": [{"songs": ...}]}). */
bool kc__is_songmap(const char *buf, size_t len);
/* Parses a song map (path for messages); *out owned, free with
 * kc__songmap_free. KC_EINPUT with "path:line:col: what" in err. */
int kc__songmap_parse(const char *path, const char *buf, size_t len, kc__songmap **out,
                      char *err, size_t errlen);
void kc__songmap_free(kc__songmap *m);
/* Adds one series file to the dataset's batch: each point becomes a row of
 * the partial snapshot of its chart and period (a point off the chart, an
 * empty snapshot). A song already in a snapshot at the same rank (a file
 * repeated under another name) is taken once. */
int kc__parse_series(const kc__source *src, const kc__songmap *m, kc__batch *out,
                     char *err, size_t errlen);
/* Drops the rows of two songs claiming one rank of one snapshot: which of
 * them the provider published cannot be told. Calls warn (may be NULL) with
 * a message for each rank and adds the rows dropped to *dropped. KC_ENOMEM
 * when out of memory. */
int kc__series_settle(kc__batch *b, void (*warn)(void *, const char *), void *ctx,
                      size_t *dropped);

/* ---- ingest.c --------------------------------------------------------- */
/* Checks and stores the snapshots of b (named source) whole or not at all,
 * inside the caller's transaction, and updates the runs of their charts. */
int kc__ingest_batch(kc_db *db, kc__batch *b, const char *source, int replace,
                     kc_ingest_stats *stats);

/* ---- series.c --------------------------------------------------------- */
/* Binds every song subject of the series to its song entity (rebuild). */
int kc__series_bind(kc_db *db);

#endif
