/*
 * model.h: the model layer: what the store's rows mean. The chart registry
 * (what each chart is and ranks), observations as parsed (the batch), the
 * catalog (artists, members, aliases, releases, songs and their provider
 * ids), song identity (binding titles, credits and ids to song entities),
 * search, and the server's tokens.
 *
 * The layering rule (docs/architecture.md, checked by tests/layers.py): model
 * calls store and util, nothing above. It never brings derived tables (runs,
 * milestones) up to date itself: the layer that does (derive/) calls it.
 */
#ifndef KC_MODEL_H
#define KC_MODEL_H

#include "store/store.h"

/* ---- batch.c: observations as parsed ---------------------------------- */

typedef struct {
    int32_t rank;
    const char *title;       /* NFC, non-empty */
    const char *artist;      /* NFC, may be empty */
    const char *provider_id; /* NULL when the source has none */
    int64_t value;           /* streams, units; KC_NONE when absent */
    int32_t p_last;          /* provider's previous rank; 0 = it says none */
    int32_t p_peak;          /* provider's peak; KC_NONE when absent */
    int32_t p_periods;       /* provider's periods on chart; KC_NONE absent */
    int32_t line, col;       /* where the row started, for errors */
    const char *file;        /* the file it came from; NULL: the batch's */
    /* Made ahead on the parse thread of a directory's ingest (ingest.c),
     * NULL when not: the title and artist in NFC when either is not ASCII
     * (in the batch's arena; the check that stores the row takes them in
     * place of making them), and the matching forms of the title and
     * credit as stored (kc__match_title, kc__match_credit; borrowed until
     * the ingest ends), which identity reads instead of folding again. */
    const char *nfc[2];
    const char *match_title, *match_credit;
} kc__row;

typedef struct {
    char chart_id[64];
    char period[32];
    bool has_counters; /* the provider published last/peak/periods */
    bool partial;      /* only some of the chart's songs (a series dataset) */
    bool stored;       /* ingest.c: new or replaced, so its runs need updating */
    bool held;         /* ingest.c: stored now or before with these rows */
    char digest[33];   /* ingest.c: its rows' digest (snapshot.digest) */
    kc__row *rows;
    size_t nrows, cap;
    int32_t line;     /* where the snapshot started */
    const char *file; /* the file it started in; NULL: the batch's */
} kc__snap;

/* One file's worth of snapshots; strings live in the arena. */
typedef struct {
    const char *path; /* for messages */
    kc__snap *snaps;
    size_t nsnaps, cap;
    kc__map *index; /* chart \x1f period -> snapshot number + 1 */
    kc__arena *arena;
    char file[KC_DIGEST_HEX]; /* the digest of the file's bytes (kc__digest_hex)
                                 its snapshots name in the news' events; "": none */
    bool derived;             /* made from another file (the units chart of a units file):
                                 its events are `file`'s, but it is no file of its own */
} kc__batch;

/* batch.c. On failure these write "path:line:1: what"
 * into err and return NULL; *status says why (KC_EINPUT: a chart id or
 * period too long; KC_ETOOBIG: over KC_SNAPS_MAX or KC_ROWS_MAX; KC_ENOMEM). */
/* The snapshot of chart and period in b, added if new (line: where it
 * starts). Borrowed from b. */
kc__snap *kc__batch_snap(kc__batch *b, const char *chart_id, const char *period, int line,
                         int *status, char *err, size_t errlen);
/* The snapshot of chart and period in b, or NULL. Borrowed from b. */
kc__snap *kc__batch_find(kc__batch *b, const char *chart_id, const char *period);
/* A new zeroed row of s (line: where it is). Borrowed from s. */
kc__row *kc__snap_row(kc__batch *b, kc__snap *s, int line, int *status, char *err,
                      size_t errlen);
/* A copy of s[0..n) in b's arena; NULL when out of memory. */
char *kc__batch_strdup(kc__batch *b, const char *s, size_t n);
/* Frees what b holds (not b). */
void kc__batch_free(kc__batch *b);
/* ---- files.c: the files ingested, and what each stored -------------- */

/* A file being ingested (kind "catalog", "series", "sales" or "units"):
 * its digest, and the session recording its changes to the input tables. */
typedef struct {
    char digest[KC_DIGEST_HEX];
    const char *path; /* borrowed: the path it is read from */
    const char *kind; /* borrowed: a static string */
    kc__changes *changes;
} kc__file;

/* The input tables a file of any kind but chart may change, NULL-terminated:
 * what its session records and forget puts back. */
extern const char *const kc__file_tables[];
/* The columns of those tables that are derived ("table.column", NULL-
 * terminated): bindings to songs, derived again after a forget. */
extern const char *const kc__file_derived[];
/* Starts recording the file whose bytes are buf[0..len) into f. On failure
 * f holds nothing to free. */
int kc__file_begin(kc_db *db, kc__file *f, const char *kind, const char *path,
                   const char *buf, size_t len);
/* Ends f as the import of the file came out (rc): when KC_OK, registers it
 * with its changes (a file ingested again adds the changes of this time);
 * frees the session whatever rc. Returns rc, or the failure to register. */
int kc__file_end(kc_db *db, kc__file *f, int rc);
/* Registers the chart file b (b->file its digest, b->path its path) and
 * the snapshots it holds (kc__snap.held) under the name source, inside the
 * file's savepoint. A batch without a digest (a compile, the units chart)
 * is no file: nothing is registered. */
int kc__file_put_batch(kc_db *db, const kc__batch *b, const char *source);

/* ---- registry.c ------------------------------------------------------- */
/* Stores the built-in registry (data/charts.csv), inside the caller's
 * transaction; existing charts of the same ids are updated. */
int kc__registry_seed(kc_db *db);
/* A loader of a data file's bytes (buf[len] == '\0', path for messages)
 * into the store, inside the caller's transaction. */
typedef int (*kc__data_loader)(kc_db *db, const char *path, const char *buf, size_t len);
/* Reads the file at path and loads it in one transaction: the registry, the
 * All-Kill rule sets, the units ratios (registry.c). */
int kc__load_data_file(kc_db *db, const char *path, kc__data_loader load);
/* Looks up a chart's cadence (copied into cadence, >= 16 bytes) and size. */
int kc__chart_lookup(kc_db *db, const char *chart_id, char *cadence, int *size);

/* The next data row of a rule file (the registry, All-Kill rules, unit
 * ratios, certification rules): skips comment lines (a first field starting
 * with '#'), checks the header (the first row: cols, the first nmin of them
 * required, the rest optional in order; *have is set to its count, 0 before
 * it) and each row's field count. *row true with a row in r, false at the
 * end; a status with the message on db. */
int kc__rules_next(kc_db *db, kc__csv *r, const char *const *cols, size_t ncols,
                   size_t nmin, size_t *have, bool *row);

/* What makes the provider and cadence of chart row `c` a family (SQL): more
 * than one chart, each of a region of its own (the Hot 100 and the Billboard
 * 200, both us, are not one). One rule for the family list, a song's
 * regions at No. 1 and the news of regions at No. 1: a macro spliced into
 * those three statements (derive/regions.c twice, news/news.c), not an SQL
 * file, so that the rule is written once. */
#define KC__IS_FAMILY                                                                    \
    " (SELECT count(*) FROM chart d WHERE d.provider = c.provider"                       \
    "   AND d.cadence = c.cadence) > 1"                                                  \
    " AND NOT EXISTS (SELECT 1 FROM chart d"                                             \
    "   WHERE d.provider = c.provider AND d.cadence = c.cadence"                         \
    "   GROUP BY d.region HAVING count(*) > 1)"

/* A run's debut as the store knows it (docs/entities.md, "What the store
 * covers"), for a statement that reads run `r`: KC__RUN_DEBUT_JOIN joins the
 * entry of its debut period (`de`) when the provider's own counter there
 * already says more than one period (the entry at the run's debut period
 * and debut rank, which runs.c takes from the run's first entry: one seek
 * of entry's key); KC__RUN_DEBUT then gives the columns
 * debut ("before D" for such a run: it debuted before the store's first
 * period of it, D, and the run was seeded from the provider's counters),
 * debut_rank (unknown, NULL, for it) and seeded (the provider's count of
 * periods on D, that one included; NULL for a debut the store saw).
 * Spliced into the composed statements that list runs (search.c, query.c);
 * query-song-runs.sql writes the same. */
#define KC__RUN_DEBUT                                                                    \
    " CASE WHEN de.periods IS NULL THEN r.debut_period"                                  \
    "  ELSE 'before ' || r.debut_period END AS debut,"                                   \
    " CASE WHEN de.periods IS NULL THEN r.debut_rank END AS debut_rank,"                 \
    " de.periods AS seeded,"
#define KC__RUN_DEBUT_JOIN                                                               \
    " LEFT JOIN snapshot ds ON ds.chart_id = r.chart_id"                                 \
    "  AND ds.period = r.debut_period"                                                   \
    " LEFT JOIN entry de ON de.snapshot_id = ds.id AND de.rank = r.debut_rank"           \
    "  AND de.song_id = r.song_id AND de.periods > 1"

/* ---- catalog.c, identity.c -------------------------------------------------------- */
/* The earliest release instant of song_id in the catalog (seconds since
 * 1970-01-01 UTC); KC_ENOTFOUND when the catalog has none. */
int kc__song_released(kc_db *db, int64_t song_id, int64_t *utc);
/* "t:<title>|<credit>", the key runs.c gives a title and credit (owned,
 * free()); NULL when out of memory. */
char *kc__title_key(const char *title, const char *credit);
/* The same key for an entity of kind ("song", "album", "artist"; NULL or
 * "" is song): a song's as kc__title_key, another kind's with "|<kind>" after
 * it, so that an album never holds a song's key (docs/entities.md). Owned;
 * NULL when out of memory. */
char *kc__kind_title_key(const char *kind, const char *title, const char *credit);
/* "id:<provider id>", the key runs.c gives a row's provider id, for an
 * entity of kind as kc__kind_title_key ("|<kind>" after it unless a song:
 * an album's provider id is not a song's). Owned; NULL when out of memory. */
char *kc__kind_id_key(const char *kind, const char *pid);
/* The other spellings a chart row's title and credit stand for (names in
 * any script, docs/entities.md): "뚜두뚜두 (DDU-DU DDU-DU)" is also
 * "DDU-DU DDU-DU" (a title in another script with its Latin name in
 * parentheses, not a version such as "(Acoustic Ver.)"); "Ice Cream (with
 * Selena Gomez)" by BLACKPINK is also "Ice Cream" by "BLACKPINK with Selena
 * Gomez" (a "(with X)", "(feat. X)" part is a credit); a credit "제니
 * (JENNIE)" is also "JENNIE". */
#define KC_FORMS_MAX 8
typedef struct {
    size_t n;                                         /* other spellings */
    char *title[KC_FORMS_MAX], *credit[KC_FORMS_MAX]; /* owned */
    size_t naliases;                                  /* other titles */
    char *alias[KC_FORMS_MAX];                        /* owned */
} kc__forms;
/* Fills *out with the other spellings of title and credit (none: n 0) and
 * the other titles they give the entity ("DDU-DU DDU-DU", "뚜두뚜두", "Ice
 * Cream"); KC_OK, or KC_ENOMEM (*out then holds nothing). Free with
 * kc__forms_free. */
int kc__title_forms(const char *title, const char *credit, kc__forms *out);
/* Frees what *f holds; f is then empty. */
void kc__forms_free(kc__forms *f);
/* Records alias as another title of song (once), with its matching form
 * (song_alias). */
int kc__song_add_alias(kc_db *db, int64_t song, const char *alias);
/* The song entity of a title and credit with provider ids (without "id:"):
 * *song if it still exists, else the song holding one of the ids, else the
 * one holding the title + credit key (or that key with one of alt_credits),
 * else a new song. The song then holds every id and the title key. Inside
 * the caller's transaction. */
int kc__song_bind(kc_db *db, const char *title, const char *credit,
                  const char *const *ids, size_t nids, const char *const *alt_credits,
                  size_t nalt, int64_t *song);
/* Binds every catalog song to its song entity (after an import or a
 * rebuild), inside the caller's transaction. */
int kc__catalog_bind(kc_db *db);
/* The artist named name: its name exactly, else the one artist whose name
 * or alias has its matching form; *id 0 when none. More than one: KC_EINPUT
 * naming them. */
int kc__artist_find(kc_db *db, const char *name, int64_t *id);
/* Makes an artist named name (kind other, no market: what an import that
 * may create artists knows of one); its id into *id. */
int kc__artist_create(kc_db *db, const char *name, int64_t *id);

/* ---- credits.c: a credit parsed into artists ----------------------------- */
/* An artist a credit names. Every string owned (kc__credits_free). */
typedef struct {
    char *name;        /* as written; of "제니 (JENNIE)", the Latin side */
    char *alias;       /* of "제니 (JENNIE)", the other side; else NULL */
    char *match;       /* name's matching form */
    char *alias_match; /* alias's, or NULL */
    bool featured;     /* featured, not a lead */
} kc__credit_artist;
/* Whether match (a matching form) names an artist the caller knows. */
typedef bool (*kc__credit_known)(void *ctx, const char *match);
/* The artists of credit (and of title's "(feat. X)" part; title may be
 * NULL), leads first, in credit order: strong separators always split, weak
 * ones only into names known() knows, the fewest names winning; a piece
 * that cannot be cut so is one artist (docs/entities.md). *out owned
 * (kc__credits_free), *n its length; KC_ENOMEM when memory runs out. */
int kc__credit_parse(const char *credit, const char *title, kc__credit_known known,
                     void *ctx, kc__credit_artist **out, size_t *n);
/* Frees what kc__credit_parse returned. NULL does nothing. */
void kc__credits_free(kc__credit_artist *a, size_t n);
/* The matching form of a whole credit, as kc__match_title gives it (owned,
 * free(); NULL when out of memory or not UTF-8). */
char *kc__credit_match(const char *credit);
/* The shape of a credit: 0 one name, no separator; 1 weak separators only
 * (a sole credit that may be one name: "Earth, Wind & Fire"); 2 a strong
 * separator ("Featuring"); -1 out of memory. */
int kc__credit_shape(const char *credit);
/* Calls each with the matching form of every run of words of credit that
 * starts with a name's word (the names a parse may find in it); stops at
 * the first status other than KC_OK and returns it. */
int kc__credit_spans(const char *credit, int (*each)(void *ctx, const char *match),
                     void *ctx);

/* ---- identity.c ------------------------------------------------------- */
/* The song holding key (the lowest id when several do) into *song, 0 when
 * none. */
int kc__song_of_key(kc_db *db, const char *key, int64_t *song);
/* Records that song holds key (once; holding it already is no change). */
int kc__song_add_key(kc_db *db, const char *key, int64_t song);
/* Makes a song entity of title and credit as written, match their matching
 * form ("<title>|<credit>"); its id into *song. *song on entry is the id to
 * take if it is free and no id merged away (0: any; identity-new-song.sql
 * says which id it takes otherwise). */
int kc__song_new(kc_db *db, const char *title, const char *credit, const char *match,
                 int64_t *song);
/* As kc__song_new, for an entity of kind ("song", "album" or "artist"). */
int kc__entity_new(kc_db *db, const char *kind, const char *title, const char *credit,
                   const char *match, int64_t *song);

/* ---- search.c --------------------------------------------------------- */
/* Brings the names searched (search_name, search_fts; migrate-009.sql) and
 * the songs' words (song_word, migrate-013.sql) up to the store: names
 * gone or rewritten taken away, names not there added (titles, artists'
 * names, the aliases of both), the trigrams of the names added, each
 * song's words as its keys and credit now spell them, their places and the
 * credits: of the songs and artists the writes queued (search_touch,
 * search_credit; migrate-021.sql), or of every one when the queue asks for
 * the whole. Reads the queue only when something was written since it
 * last found them up to date on this handle (kc__seen_same). Writes only
 * when something lags, in the caller's transaction if one is open, else in
 * its own. *complete is true when the names are up to date; false when the
 * store could not be written (another
 * writer holds it: the search then reads what lags the slow way), still
 * KC_OK. A store error reading is KC_ESTORE. */
int kc__search_sync(kc_db *db, bool *complete);
/* The rows this handle's statements have changed (sqlite3_total_changes),
 * less the rows the search's queue gained (search_touch, search_credit;
 * migrate-021.sql: its triggers write beside the command): the changes a command
 * reports as its own, taken before and after it. The queue is only
 * inserted into by writes (a search empties it), so the difference of two
 * readings with no search between them counts the command's own rows. */
int64_t kc__changes_own(kc_db *db);
/* Queues songs (a JSON array of their ids, "[1,2]") for the search
 * (search_touch, migrate-021.sql): for the writers no trigger follows, the
 * runs' writer (derive/runs_state.c) and the catalog's binding. */
int kc__search_touch_songs(kc_db *db, const char *songs);
/* The matching form of a name, as one LIKE pattern per word in words[] (at
 * most KC_QUERY_WORDS_MAX, each owned: free()); the count, or minus the
 * status (message set) when the query is not UTF-8 or memory runs out. */
int kc__like_words(kc_db *db, const char *query, char *words[KC_QUERY_WORDS_MAX]);
/* The FTS5 query of the songs' words index (song_word, migrate-013.sql)
 * that every song holding each of words[] (kc__like_words' patterns) as a
 * whole word matches: one phrase a word. Owned, free(); NULL when memory
 * runs out. */
char *kc__word_match(char *const *words, size_t nw);
/* A search walks an order of the songs (song_rank's indexes) instead of
 * reading every song it finds when it finds at least KC__WALK_MIN of them
 * (a common word: they are dense in that order, so the walk meets the
 * best of them first and stops when the page is full). For the songs'
 * words (kc__song_query_best, model/search.c), a search's names
 * (kc_query_names, query/search.c) and the songs that met a record's
 * threshold (derive/records.c: fewer are each read whole; more, a walk of
 * the chart's periods). */
#define KC__WALK_MIN 100
/* Runs select (which reads the matching songs from the CTE `hit`) for a
 * song search: a song id, or words that must each appear as a whole word of
 * one of the song's spellings; at most limit songs (0: any). *out owned. */
int kc__song_query(kc_db *db, const char *query, size_t limit, const char *select,
                   kc_table **out);
/* kc__song_query for a select that ranks the songs of `hit` by the search's
 * order (best peak over their runs first, then most periods summed, then
 * id; kc_query_search) and keeps the best first: `hit` may then hold only
 * the best songs that match (at least best of them, or all), read by
 * walking that order (song_rank, migrate-013.sql) when the words are
 * common. The same answer as kc__song_query's, sooner. */
int kc__song_query_best(kc_db *db, const char *query, size_t best, const char *select,
                        kc_table **out);
/* kc__suggest over the artists (names and aliases) or the songs' titles. */
void kc__suggest_name(kc_db *db, bool artist, const char *what, char *out, size_t outlen);

#endif
