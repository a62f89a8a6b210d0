/*
 * derive.h: the derive layer: what kchart computes from observations and
 * rules. Chart runs (and the song identity rows resolve to), milestones,
 * All-Kills, regions, sales windows and units, certifications, records.
 *
 * The layering rule (docs/architecture.md, checked by tests/layers.py):
 * derive calls model, store and util, nothing above. It does not read files
 * or decide transactions: ingest/ (and kc_rebuild) call it inside theirs.
 */
#ifndef KC_DERIVE_H
#define KC_DERIVE_H

#include "model/model.h"

/* ---- runs.c ----------------------------------------------------------- */
/* Forgets a chart's derived entries and runs (and songs only it knew), so
 * that the next update recomputes it from its start: before a stored
 * snapshot is replaced, whose entries go with it. */
int kc__runs_forget(kc_db *db, const char *chart_id);
/* Brings a chart's derived entries and runs up to date after snapshots from
 * `from_period` on changed (NULL: the whole chart). fresh, if not NULL, is
 * the batch just stored: its rows are used instead of reading them back. */
int kc__runs_update(kc_db *db, const char *chart_id, const char *from_period,
                    kc__batch *fresh);
/* *appends: whether a snapshot of chart at period comes after the last
 * period derived (kc__runs_update then appends it), or is a backfill. */
int kc__runs_appends(kc_db *db, const char *chart_id, const char *period, bool *appends);
/* Derives a chart again from period `from` on, after snapshots from it on
 * were stored, replaced or taken out: a backfill, a file forgotten. Its
 * previous period and the runs as they stood before `from` are read back
 * from the stored entries, not counted from the chart's start; the periods
 * from `from` on are walked in order, each snapshot without entries derived,
 * and a stored one derived again only where it can change (its previous
 * period changed, or it holds a song whose run was counted again, or one
 * sharing a key with such a song); an entry changes only when its song or
 * its song's run did. The runs of the songs whose entries changed are
 * counted again, songs left with no row deleted. The result equals an
 * in-order ingest of the same snapshots (song ids aside; docs/runs.md has
 * the one limit seen). gone[ngone] (may be NULL, 0) are the songs whose
 * entries from `from` on the caller took out (a file forgotten: a
 * snapshot deleted, its entries with it): their runs are counted again
 * from the entries left. Inside the caller's transaction; the runs kept in
 * memory are written first. */
int kc__runs_derive_from(kc_db *db, const char *chart_id, const char *from,
                         const int64_t *gone, size_t ngone);

/* A window of a chart's periods, from `from` to `until`, derived again
 * after a merge or split (kchart.c), while the periods around it stay:
 * kc__runs_cut notes the window's entries in temp.old_entry (derive/ids.c
 * reads them), deletes them and counts the runs of their songs again from
 * the entries before the window; kc__runs_replay derives the window again
 * from there, sets *changed when a row of a song outside temp.id_scope
 * went to another song (the periods after the window must then be derived
 * again too: cut and replay them), and counts the runs of the window's
 * songs again from all their entries. kc__runs_rest gives the first and
 * last periods after `after` ("" when none). Inside the caller's
 * transaction. */
int kc__runs_cut(kc_db *db, const char *chart_id, const char *from, const char *until);
/* The faster way first: kc__runs_cut_scope notes the entries of the songs
 * of temp.id_scope on every chart in temp.old_entry and deletes them and
 * their runs; kc__runs_fill then derives, on one chart, the rows without an
 * entry in n segments of periods (from[i] to until[i], in order, the
 * period before each holding none of them), every other row kept as it is,
 * and sets *joined when a row derived went to a song whose entries were
 * kept (its run would be wrong: derive the windows whole instead). */
int kc__runs_cut_scope(kc_db *db);
int kc__runs_fill(kc_db *db, const char *chart_id, const char (*from)[32],
                  const char (*until)[32], size_t n, bool *joined);
int kc__runs_replay(kc_db *db, const char *chart_id, const char *from, const char *until,
                    bool *changed);
int kc__runs_rest(kc_db *db, const char *chart_id, const char *after, char first[32],
                  char last[32]);

/* ---- ids.c ------------------------------------------------------------ */
/* Ids that never move (ids.c's opening says how). kc__ids_note empties the
 * working tables and, when all, notes every song, entry and key before a
 * rebuild; kc__ids_note_scope notes the keys of temp.id_scope's songs and
 * the highest id in use before a merge or split; kc__ids_settle, after
 * the songs were derived again, gives each entity its id for good and
 * empties the working tables. Inside the caller's transaction. */
int kc__ids_note(kc_db *db, bool all);
int kc__ids_note_scope(kc_db *db);
/* When a merge is undone (temp.id_restore), after the entries its songs
 * derive again were noted (temp.old_entry): those of the merged song (the
 * song kept, and any song the merge made apart of it: its rows shared a
 * period with the other's) are noted as the ids they were before the
 * merge, a row with a key of the id merged away as that id's, the others
 * as the song kept's, so that the songs are derived again and numbered as
 * they were (runs-old-id.sql, the first periods of a window,
 * kc__ids_settle). Does nothing when no merge is undone. Inside the
 * caller's transaction. */
int kc__ids_restore_entries(kc_db *db);
int kc__ids_settle(kc_db *db);

/* Runs in memory and the store: kc__runs_update changes a run in memory and
 * marks it to be written. Written at the end of each update, or, while
 * kc__cache_deferred, only when the store flushes its cache (kc__commit), so that a
 * run a weekly chart touches in every file of a transaction is written once
 * instead of once a file. kc__runs_file_begin starts a file (a savepoint):
 * the runs it changes keep their state before it, which kc__runs_undo puts
 * back when the savepoint is rolled back. kc__runs_must_flush says whether a
 * batch may recompute a chart (out of order, --replace): that drops the
 * state, so what is deferred must be written before its savepoint begins. */
void kc__runs_file_begin(kc_db *db);
void kc__runs_undo(kc_db *db);
bool kc__runs_must_flush(kc_db *db, const kc__batch *b, bool replace);

/* ---- credits.c -------------------------------------------------------- */
/* Derives song_artist, inside the caller's transaction: with all, every
 * entity's (rebuild, a catalog import: the evidence changed); else the
 * entities no artist is credited on yet, and those credited before whose
 * credit holds a sole credit that only those new entities have. Artists a
 * credit names that the store lacks are made (origin credit); none is
 * removed. docs/entities.md. */
int kc__credits_update(kc_db *db, bool all);

/* ---- allkill.c ------------------------------------------------------- */
/* Stores the built-in All-Kill rule sets (data/allkill.csv), inside the
 * caller's transaction. */
int kc__allkill_seed(kc_db *db);
/* A run of consecutive All-Kill hours of one song. Hours are local hours
 * in the charts' zone: days since 1970-01-01 * 24 + the hour. */
typedef struct {
    int64_t song;
    int64_t start; /* its first hour */
    long hours;
} kc__allkill_run;
/* Walks every stored kind of All-Kill (by name) and calls each with the
 * kind and its runs, every song's, by start hour then song (borrowed for
 * the call). A status other than KC_OK from each stops the walk and is
 * returned; so is a failure of the walk, with the message on db. */
int kc__allkill_runs(kc_db *db,
                     int (*each)(kc_db *db, void *ctx, const char *kind,
                                 const kc__allkill_run *runs, size_t n),
                     void *ctx);
/* An All-Kill hour as YYYY-MM-DDTHH (the charts' local time) into out. */
void kc__allkill_hour(int64_t hour, char out[16]);
struct kc__coverage_cache;
/* What an All-Kill of kind stands on from the day `from` (NULL: the kind's
 * first day; never before it) to `to` (an hour YYYY-MM-DDTHH or a day;
 * NULL: everything stored): the charts of the kind's rule sets in force
 * then, each that the store does not hold whole there in words
 * (kc__coverage_clause, coverage.c; cache as its) into out; "" when it
 * holds them all. */
int kc__allkill_held(kc_db *db, struct kc__coverage_cache *cache, const char *kind,
                     const char *from, const char *to, char *out, size_t len);

/* ---- sales.c ---------------------------------------------------------- */
/* A release's first day or first week at a provider (docs/sales.md). */
typedef struct {
    bool found;       /* the window's figure is known */
    int64_t from, to; /* its days (the provider's), since 1970 */
    int64_t units;
    const char *source;  /* "day", "week" (as published) or "days" (summed) */
    int64_t release_day; /* the release's day in the provider's zone */
} kc__first_window;
/* The first day and first week of a release released at utc, at provider
 * prov: as `kchart sales` shows them. KC_ENOTFOUND for an unknown provider. */
int kc__sales_first(kc_db *db, int64_t release, int64_t utc, const char *prov,
                    kc__first_window *day, kc__first_window *week);
/* The release whose key is text, else the one release titled text (matching
 * form) by the artist (any artist when artist is empty); *id 0 when none or
 * more than one. */
int kc__release_find(kc_db *db, const char *text, const char *artist, int64_t *id);
/* "; did you mean "A (artist)" or ..." for the releases nearest to text,
 * into out (empty when none is near, or out of memory). */
void kc__release_suggest(kc_db *db, const char *text, char *out, size_t outlen);

/* A provider's zone, week start and first-week rule; zone empty when the
 * provider is unknown. */
typedef struct {
    char zone[72];
    int week_start; /* ISO weekday its weeks start on */
    char first_week[16];
} kc__provider;
/* The sale provider id's rules into *p (zone empty when it is unknown). */
int kc__sale_provider(kc_db *db, const char *id, kc__provider *p);

/* ---- units.c ---------------------------------------------------------- */
/* Stores the built-in unit ratios (data/units.csv), inside the caller's
 * transaction; rows of the same date are replaced. */
int kc__units_seed(kc_db *db);
/* Stores the rows of a unit ratios CSV (data/units.csv's columns; a
 * kc__data_loader); a row replaces the stored one of the same date. */
int kc__units_rules_store(kc_db *db, const char *path, const char *buf, size_t len);
/* The units chart (units.c; ingest/sales.c stores it as a chart). A macro,
 * not an SQL file: it is spliced into a statement of each, which stay
 * composed in C so that the formula is written once (docs/store.md). */
/* The units of a chart week, computed in SQL from the rule in force: album
 * sales + track sales / tracks + paid / paid + ad / ad (+ video / ad when
 * video counts); a ratio of 0 counts nothing. */
#define KC__UNITS_SQL                                                                    \
    "WITH r AS (SELECT * FROM unit_rule WHERE since <= date(?1 * 86400, 'unixepoch')"    \
    "  ORDER BY since DESC LIMIT 1),"                                                    \
    " u AS (SELECT w.*, rel.title AS title, coalesce(a.name, '') AS artist,"             \
    "  CASE WHEN r.tracks > 0 THEN w.track_sales * 1.0 / r.tracks ELSE 0 END AS tea,"    \
    "  CASE WHEN r.paid > 0 THEN w.paid_streams * 1.0 / r.paid ELSE 0 END"               \
    "  + CASE WHEN r.ad > 0 THEN (w.ad_streams + CASE WHEN r.video THEN"                 \
    "    w.video_streams ELSE 0 END) * 1.0 / r.ad ELSE 0 END AS sea,"                    \
    "  r.since AS rule, rel.key AS release_key"                                          \
    "  FROM album_week w JOIN release rel ON rel.id = w.release_id"                      \
    "  LEFT JOIN artist a ON a.id = rel.artist_id LEFT JOIN r"                           \
    "  WHERE w.chart_date = ?1)"

/* The rank of an album in a week: by units, then by title and release key
 * (a chart has one album at each rank). */
#define KC__UNITS_RANK                                                                   \
    "row_number() OVER (ORDER BY round(sales + tea + sea) DESC, title, release_key)"

/* ---- certs.c ---------------------------------------------------------- */
/* Stores the built-in certification rules (data/certs.csv), inside the
 * caller's transaction. */
int kc__certs_seed(kc_db *db);
/* Fills temp.cert_reached with every award reached by what is stored
 * (certifier, award, metric, threshold, provider, rule, release_id,
 * subject_id, title, artist, day, total). */
int kc__certs_fill(kc_db *db);

/* ---- coverage.c ------------------------------------------------------ */
/* What the store holds of a chart over a window of days (docs/entities.md,
 * "What the store covers"). */
typedef struct {
    bool found;        /* some period of it is stored in the window */
    char name[256];    /* the chart's name */
    char cadence[16];  /* hourly, daily, weekly, monthly, yearly */
    char first[32];    /* the first and last stored period in the window */
    char last[32];     /*   ("" when none) */
    char begins[32];   /* the chart's first stored period, window or not */
    int64_t periods;   /* stored periods in the window */
    int64_t missing;   /* periods missing between them, by the cadence */
    int64_t partial;   /* of them, snapshots of only some songs */
    int64_t seeded;    /* songs of `begins` that had charted before it */
    bool opens_in_gap; /* periods missing between the window's start and first */
} kc__coverage;
/* The charts' stored periods, read once and kept for many windows (the
 * news asks one a claim). Owned: kc__coverage_cache_free (NULL: nothing);
 * NULL from _new when out of memory. */
typedef struct kc__coverage_cache kc__coverage_cache;
kc__coverage_cache *kc__coverage_cache_new(void);
void kc__coverage_cache_free(kc__coverage_cache *cache);
/* What the store holds of chart from `from` to `to` (a day YYYY-MM-DD or
 * an hour YYYY-MM-DDTHH; NULL: no bound; an hourly period is placed by its
 * hour, another by its first day) into *c; c->found false when nothing.
 * cache (NULL: none) keeps the chart's periods for the next call. A status
 * with the message on failure. */
int kc__coverage_of(kc_db *db, kc__coverage_cache *cache, const char *chart,
                    const char *from, const char *to, kc__coverage *c);
/* Brings chart_cover (migrate-014.sql), each chart's stored periods
 * summed, up to the store for chart (NULL: every chart): adds to a stale
 * row the periods stored after its last, computes the row of a chart that
 * has none (its snapshots changed otherwise, or it was never asked) and
 * drops the rows of charts gone or of another cadence. Writes
 * only when a row lacks, in the caller's transaction when it is in one,
 * else in one of its own. *complete says whether the rows now hold; false
 * when they could not be written (a read-only store, another writer): the
 * caller then counts without them. Returns a status only when the store
 * cannot be read (message set). */
int kc__coverage_sync(kc_db *db, const char *chart, bool *complete);
/* Whether c (asked from day `from`, NULL: the chart's beginning) holds the
 * whole window: no period missing (between its stored periods, nor between
 * its start and the first), none partial, stored from the window's first
 * day (when it has one), and no song of the chart's first stored period in
 * the window had charted before it. */
bool kc__coverage_whole(const kc__coverage *c, const char *from);
/* What c holds, in words, into out (len bytes, cut on a character): "the
 * Spotify Daily Top 200 Pakistan from 2025-12-01 (mid-history)", "the Melon
 * real-time from 2018-01-01T00 (only some of its songs, 17,195 hours
 * missing)". */
void kc__coverage_words(const kc__coverage *c, const char *from, char *out, size_t len);
/* For the charts (ids separated by spaces; one named twice counts once)
 * from `from` to `to` (as kc__coverage_of), the words of each that the
 * store does not hold whole, separated by "; ", into out (len bytes); ""
 * when it holds them all. cache as kc__coverage_of's. */
int kc__coverage_clause(kc_db *db, kc__coverage_cache *cache, const char *charts,
                        const char *from, const char *to, char *out, size_t len);

/* ---- records.c ------------------------------------------------------- */
/* What a cohort holds: songs, artists or releases. */
typedef enum { KC__COHORT_SONGS, KC__COHORT_ARTISTS, KC__COHORT_RELEASES } kc__cohort_of;
/* The words that name a cohort, as records' answers and the news say it
 * ("K-pop b-side by a soloist", "K-pop soloist", "album by BTS"), into out
 * (len bytes; cut on a character to fit). */
void kc__cohort_words(const kc_cohort *c, kc__cohort_of of, char *out, size_t len);

/* ---- milestones.c ----------------------------------------------------- */
/* Recomputes the crossings of the entity (song or artist) that subject_id
 * names, every source of it, or of every entity when subject_id is 0,
 * inside the caller's transaction. */
int kc__milestones_update(kc_db *db, int64_t subject_id);

#endif
