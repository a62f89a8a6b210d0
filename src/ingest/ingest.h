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

#include <jansson.h>

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
/* A chart a group of files (one transaction) stored snapshots of. */
typedef struct {
    char chart[64];
    char from[32]; /* the earliest period the group stored */
    char redo[32]; /* the earliest period whose runs wait for the group's
                      end (a backfill: kc__group_derive), "" if none */
} kc__group_chart;

/* What a group of files holds until it commits: the charts it touched,
 * each once. Begin it empty ({0}); kc__group_free frees it. */
typedef struct {
    kc__group_chart *v;
    size_t n, cap;
} kc__group;

/* Checks and stores the snapshots of b (named source) whole or not at all,
 * inside the caller's transaction, and updates the runs of their charts. */
int kc__ingest_batch(kc_db *db, kc__batch *b, const char *source, int replace,
                     kc_ingest_stats *stats);
/* The same inside a group of files: the charts b touches are noted in g
 * (once b is stored), and a chart's runs that cannot be appended to (a
 * snapshot before its last period derived, or a chart waiting already)
 * wait for kc__group_derive, so that a backfill derives each chart once a
 * group rather than once a file. */
int kc__ingest_batch_in(kc_db *db, kc__batch *b, const char *source, int replace,
                        kc_ingest_stats *stats, kc__group *g);
/* Derives the charts of g that wait, each from its earliest waiting
 * period (kc__runs_derive_from), inside the group's transaction, before
 * its COMMIT; then none waits. */
int kc__group_derive(kc_db *db, kc__group *g);
/* Empties g (its memory kept for the next group). */
void kc__group_clear(kc__group *g);
/* Frees what g holds; g is then empty. */
void kc__group_free(kc__group *g);

/* ---- catalog*.c: the catalog readers ---------------- */
/* One catalog file being read: the store, the file and the path of keys
 * and indices to the value being checked. */
typedef struct {
    kc_db *db;
    const char *path; /* the file, for messages */
    const char *text; /* its bytes, to locate values */
    size_t len;
    kc__jpath stack[KC_JSON_PATH_MAX];
    size_t depth;
    kc__arena *arena; /* strings of this import */
    bool korean;      /* the data.json format */
    int line0;        /* lines before text in the file (JSON Lines: the
                         line being read is text) */
    /* What was stored differently from the input, and why (may be NULL). */
    void (*warn)(void *ctx, const char *message);
    void *warn_ctx;
} kc__catreader;

/* Stores the built-in market rules when the store has none
 * (catalog-mb-markets-seed.sql): once, when a store is made or brought up to
 * the schema (kchart.c's seed), and after a user's rules file that held
 * none. Not at a MusicBrainz import: what an import stores is the file's
 * alone, so that forgetting it leaves the store as it was. */
int kc__markets_seed(kc_db *db);
/* The path to the value being checked, for kc__cat_bad: a member key, an
 * array index, one step back. */
void kc__cat_push_key(kc__catreader *c, const char *key);
void kc__cat_push_index(kc__catreader *c, size_t i);
void kc__cat_pop(kc__catreader *c);
/* Bad input at the value the path leads to: "file:line:col: what". */
int kc__cat_bad(kc__catreader *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Out of memory: KC_ENOMEM with its message. */
int kc__cat_nomem(kc__catreader *c);
/* A warning at the value the path leads to, "file:line:col: what", passed
 * to c->warn (nothing when it is NULL). Never fails. */
void kc__cat_warn(kc__catreader *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Fields an object may have; anything else is a typo worth an error. */
int kc__cat_check_keys(kc__catreader *c, json_t *obj, const char *const *allowed);
/* The text of v (the value at the current path) in NFC, in the arena: a
 * non-empty string without control characters, at most
 * KC_CATALOG_TEXT_MAX bytes. */
int kc__cat_text_of(kc__catreader *c, json_t *v, const char *what, const char **out);
/* Member key of obj: one of the words of allowed (NULL-terminated), or an
 * error listing them; *out NULL when absent and not required. */
int kc__cat_one_of(kc__catreader *c, json_t *obj, const char *key, bool required,
                   const char *const *allowed, const char **out);
/* Member key of obj as text; *out NULL when absent and not required. */
int kc__cat_field(kc__catreader *c, json_t *obj, const char *key, bool required,
                  const char **out);
/* The array member key of obj (NULL when absent), or an error. */
int kc__cat_array_of(kc__catreader *c, json_t *obj, const char *key, json_t **out);
/* Parses a release time: "YYYY-MM-DD" (midnight), or "YYYY-MM-DDTHH:MM" with
 * optional ":SS", then optionally "Z" or "+HH:MM"/"-HH:MM". Without an
 * offset the time is local to tz (an IANA name or an offset). Sets *utc and,
 * when the text carries an offset, writes it into offset (>= 7 bytes). */
bool kc__cat_parse_instant(const char *s, const char *tz, int64_t *utc, char *offset);
/* The artist named name (its name exactly, else the one artist whose name or
 * alias matches); 0 when none. Ambiguous: KC_EINPUT at the current path. */
int kc__cat_find_artist(kc__catreader *c, const char *name, int64_t *id);
/* Adds or updates an artist by name; kind and market NULL keep what is
 * stored (a new artist without a kind is "other"). */
int kc__cat_upsert_artist(kc__catreader *c, const char *name, const char *kind,
                          const char *market, int64_t *id);
/* A provider id is "<platform>:<id>": a lower-case platform, then anything
 * printable without spaces. */
bool kc__cat_provider_id_ok(const char *s);
/* An ISRC: CC-XXX-YY-NNNNN, hyphens optional (ISO 3901), into out
 * without hyphens, letters upper-case; false when s is not one. */
bool kc__cat_isrc_norm(const char *s, char out[13]);
/* The credit as shown: "A & B feat. C, D" (lead, then featured names). In
 * the arena; NULL when out of memory. */
const char *kc__cat_credit_text(kc__catreader *c, const char *const *lead, size_t nl,
                                const char *const *featured, size_t nf);
/* Records that value (kind provider or isrc) is an id of catalog song cs;
 * an id of another catalog song is an error at the current path. */
int kc__cat_add_song_id(kc__catreader *c, int64_t cs, const char *kind,
                        const char *value);
/* Adds or updates a catalog song by key; with keep, an existing song keeps
 * its title and credit (data.json, whose titles are the Korean services'). */
int kc__cat_upsert_song(kc__catreader *c, const char *key, const char *title,
                        const char *credit, bool keep, int64_t *id);
/* Credits artist at position pos of catalog song cs (credit: as written). */
int kc__cat_add_credit(kc__catreader *c, int64_t cs, int64_t artist, const char *credit,
                       int pos);
/* Adds or updates a release by key, released at utc (released and tz as
 * written); keep_kind keeps a stored release's kind. */
int kc__cat_upsert_release(kc__catreader *c, const char *key, const char *title,
                           const char *kind, int64_t artist, const char *released,
                           const char *tz, int64_t utc, bool keep_kind, int64_t *id);
/* Puts catalog song cs on release as track number track with role. */
int kc__cat_add_track(kc__catreader *c, int64_t release, int64_t cs, int64_t track,
                      const char *role);
/* Runs fn over each element of the array member key of root. */
int kc__cat_each(kc__catreader *c, json_t *root, const char *key,
                 int (*fn)(kc__catreader *, json_t *));
/* Reads a data.json (catalog_korean.c). */
int kc__cat_import_korean(kc__catreader *c, json_t *root);
/* ---- catalog_mb.c: MusicBrainz's JSON ---- */
/* Whether root is a MusicBrainz web service document: one entity (an
 * artist, release group, release or recording, with its "id") or a list
 * of them ({"artists": [...]}, {"recordings": [...]} ...). */
bool kc__cat_is_mb(json_t *root);
/* Whether buf is a MusicBrainz JSON dump: one entity a line, more than one
 * line (JSON Lines). */
bool kc__cat_is_mb_lines(const char *buf, size_t len);
/* Reads a MusicBrainz document (kc__cat_is_mb) into the catalog. */
int kc__cat_import_mb(kc__catreader *c, json_t *root);
/* Reads a MusicBrainz dump (kc__cat_is_mb_lines): each line one entity,
 * its errors at their own line. */
int kc__cat_import_mb_lines(kc__catreader *c);

/* ---- series.c --------------------------------------------------------- */
/* Binds every song subject of the series to its song entity (rebuild). */
int kc__series_bind(kc_db *db);

#endif
