/*
 * kc.h: what the library's modules share and nobody outside sees.
 *
 * The handle, the error helper, the parsed snapshot that every adapter
 * yields, and the entry points of the modules (store, registry, ingest,
 * identity and runs, queries). Not a public interface: include/kchart/kchart.h
 * is that.
 */
#ifndef KC_INTERNAL_H
#define KC_INTERNAL_H

#include "kchart/kchart.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KC_ERRMSG_MAX 1024

typedef struct kc__map kc__map;
typedef struct kc__state kc__state;

#define KC_STMTS_MAX 128 /* statements kept prepared (kc__stmt) */

struct kc_db {
    sqlite3 *sql;
    char err[KC_ERRMSG_MAX];
    kc__state *state; /* what runs.c keeps in memory between files; may be NULL */
    bool defer_runs;  /* runs are written when the transaction commits, not
                         after each file (runs.c, kc__runs_flush) */
    struct {
        const char *sql; /* a string literal: compared by address */
        sqlite3_stmt *st;
    } stmts[KC_STMTS_MAX];
    size_t nstmts;
};

/* Sets db's message from a printf format and returns status. */
int kc__fail(kc_db *db, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Copies SQLite's message for the failed call into db and returns KC_ESTORE. */
int kc__sqlfail(kc_db *db, const char *what);

/* ---- store.c ---------------------------------------------------------- */
/* Brings the schema up to the latest version (PRAGMA user_version), one
 * transaction per step. KC_ESTORE with the message set on failure. */
int kc__store_migrate(kc_db *db);
/* Runs SQL without parameters (schema, PRAGMA, transaction control); sets the
 * message and returns KC_ESTORE on failure. */
int kc__exec(kc_db *db, const char *sql);
/* BEGIN IMMEDIATE: takes the write lock now, so a later write cannot fail
 * on a lock held by another writer. */
int kc__begin(kc_db *db);
/* Writes the runs kept in memory (kc__runs_flush), then COMMIT. */
int kc__commit(kc_db *db);
/* Rolls back the open transaction, if any, and drops the in-memory state.
 * Needs no memory (its statement is prepared when the store opens). */
void kc__rollback(kc_db *db);
/* Undoes and ends the named savepoint (the transaction goes on), writes the
 * runs that files before it left in memory (kc__runs_undo has put them back
 * as they were when the savepoint began) and drops the in-memory state.
 * When undoing fails (out of memory), rolls back the whole transaction and
 * returns KC_ESTORE, leaving the message as it was; when writing the runs
 * fails, the same with its status and message; else KC_OK. */
int kc__rollback_to(kc_db *db, const char *savepoint);
/* Prepares sql; on failure sets the message and returns NULL. The caller
 * finalizes the statement. */
sqlite3_stmt *kc__prepare(kc_db *db, const char *sql);
/* The statement of sql, a string literal, prepared once per handle and kept
 * (the per-file statements of ingest): reset and unbound, ready to bind.
 * Borrowed: the caller resets it when done, never finalizes it. NULL on
 * failure, with the message set. */
sqlite3_stmt *kc__stmt(kc_db *db, const char *sql);

/* ---- the parsed snapshot (adapters yield these) ----------------------- */

/* "Not published" for a provider counter. */
#define KC_NONE (-1)

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
} kc__row;

typedef struct {
    char chart_id[64];
    char period[32];
    bool has_counters; /* the provider published last/peak/periods */
    bool partial;      /* only some of the chart's songs (a series dataset) */
    bool stored;       /* ingest.c: new or replaced, so its runs need updating */
    kc__row *rows;
    size_t nrows, cap;
    int32_t line;     /* where the snapshot started */
    const char *file; /* the file it started in; NULL: the batch's */
} kc__snap;

typedef struct kc__arena kc__arena;

#define KC_SNAPS_MAX 1000000 /* snapshots in one file */
#define KC_ROWS_MAX 1000000  /* rows in one snapshot */

/* One file's worth of snapshots; strings live in the arena. */
typedef struct {
    const char *path; /* for messages */
    kc__snap *snaps;
    size_t nsnaps, cap;
    kc__map *index; /* chart \x1f period -> snapshot number + 1 */
    kc__arena *arena;
} kc__batch;

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
/* Finds data[index].key (data[index] when key is NULL; the start when not
 * found) in JSON text that jansson accepted, as line and column; kd is the
 * depth of the object holding "data" (1: the top level). */
void kc__json_locate(const char *buf, size_t len, int kd, size_t index, const char *key,
                     int *line, int *col);
/* Where each of the first n elements of "data" starts (kd as above), in one
 * pass, into lines[] and cols[]; elements not found are left as they were. */
void kc__json_element_starts(const char *buf, size_t len, int kd, int32_t *lines,
                             int32_t *cols, size_t n);

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

/* batch helpers (ingest.c). On failure these write "path:line:1: what"
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
/* Writes the shortest decimal that reads back as x (finite, not negative)
 * as JavaScript's String(x) does; returns its length (compile.c). */
int kc__format_score(double x, char out[40]);
/* Frees what b holds (not b). */
void kc__batch_free(kc__batch *b);
/* Checks and stores the snapshots of b (named source) whole or not at all,
 * inside the caller's transaction, and updates the runs of their charts. */
int kc__ingest_batch(kc_db *db, kc__batch *b, const char *source, int replace,
                     kc_ingest_stats *stats);

/* ---- alloc.c ---------------------------------------------------------- */
/* malloc, calloc, realloc, strdup and strndup for the whole library: memory
 * they return is owned by the caller and freed with free(). NULL when out of
 * memory, or when a test injects a failure (kc__alloc_fail); on a failed
 * kc__realloc, p is left as it was. */
void *kc__malloc(size_t n);
void *kc__calloc(size_t n, size_t size);
void *kc__realloc(void *p, size_t n);
char *kc__strdup(const char *s);
char *kc__strndup(const char *s, size_t n);
/* For tests: the nth allocation from now on (1: the next one) fails, and
 * with persist every later one too; nth 0 stops injecting. Resets the count
 * of kc__alloc_failures, and returns how many allocations were counted
 * since the last call (LONG_MAX counts without failing). Not for use while
 * other threads allocate. */
long kc__alloc_fail(long nth, bool persist);
/* Allocations failed by injection since the last kc__alloc_fail. */
long kc__alloc_failures(void);
/* Counts one allocation against the countdown; true when it is to fail.
 * For a test to route another allocator (SQLite's) through the same
 * countdown. */
bool kc__alloc_inject(void);
/* Wraps jansson's allocator, once per process (the first kc_db_open), so
 * that kc__json_nomem can tell when a parse ran out of memory: jansson
 * itself may not say so. Its allocations then count against the countdown
 * of kc__alloc_fail too. */
void kc__json_hook(void);
/* Whether a jansson allocation failed on this thread since the last call. */
bool kc__json_nomem(void);

/* ---- arena.c ---------------------------------------------------------- */
/* A new, empty arena (owned; free with kc__arena_free); NULL: no memory. */
kc__arena *kc__arena_new(void);
/* Frees the arena and everything allocated from it. NULL does nothing. */
void kc__arena_free(kc__arena *a);
/* n bytes aligned to 16, valid until the arena is freed or cleared; NULL:
 * no memory. */
void *kc__arena_alloc(kc__arena *a, size_t n);
/* Forgets everything allocated from a, keeping its newest block for what
 * comes next (a set of strings rebuilt again and again costs no malloc once
 * it has reached its size). NULL does nothing. */
void kc__arena_clear(kc__arena *a);

/* ---- text.c ----------------------------------------------------------- */
/* Checks that s[0..n) is UTF-8; returns the offset of the first bad byte or
 * n when valid. */
size_t kc__utf8_check(const char *s, size_t n);
/* NFC of s (owned, free()); NULL on bad UTF-8 or no memory. */
char *kc__nfc(const char *s);
/* The matching form of a title or credit: NFKC case-fold, punctuation to
 * spaces, spaces collapsed; credits also drop joiners (feat., with, &, x, and,
 * commas) and sort their names. Owned, free(). NULL on bad UTF-8. */
char *kc__match_title(const char *s);
char *kc__match_credit(const char *s);
/* The lead name of a credit (before the first joiner), matching form. */
char *kc__match_lead(const char *s);

/* ---- date.c ----------------------------------------------------------- */
/* Days since 1970-01-01 of a proleptic Gregorian date; checks ranges. */
bool kc__ymd_valid(int y, int m, int d);
int64_t kc__days_from_civil(int y, int m, int d);
void kc__civil_from_days(int64_t z, int *y, int *m, int *d);
/* Parses "YYYY-MM-DD" exactly (n bytes); returns false if malformed. */
bool kc__parse_date(const char *s, size_t n, int64_t *days);
/* Formats days as YYYY-MM-DD into out (>= 11 bytes). */
void kc__format_date(int64_t days, char *out);
/* Checks that period is well formed for a cadence: "hourly" YYYY-MM-DDTHH,
 * "daily"/"weekly" YYYY-MM-DD, "monthly" YYYY-MM, "yearly" YYYY. */
bool kc__period_valid(const char *cadence, const char *period);
/* The decimal number s[0..n) (digits only) into *out; false if not. */
bool kc__digits(const char *s, size_t n, int *out);

/* ---- numbers (date.c) ------------------------------------------------- */
/* Parses an unsigned decimal integer of exactly s[0..n) into *out (<= max);
 * false on anything else (sign, space, overflow). */
bool kc__parse_u64(const char *s, size_t n, uint64_t max, uint64_t *out);

/* Reads a whole file (capped at 512 MiB) into *buf (owned, free()). */
int kc__read_file(kc_db *db, const char *path, char **buf, size_t *len);

/* SQL: the day (since 1970) of a UTC instant x in seconds, rounding down
 * (SQLite's % truncates toward zero). */
#define KC__SQL_DAY(x) "((" x ") - (((" x ") % 86400) + 86400) % 86400) / 86400"
/* SQL: the first day (YYYY-MM-DD) of a chart period x: a day, an hour
 * ("2024-03-01T05"), a month ("2024-03": the 1st), a year ("2024": Jan 1). */
#define KC__SQL_PERIOD_DAY(x) "substr(" x " || '-01-01', 1, 10)"

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
/* Stores the built-in All-Kill rule sets (data/allkill.csv; allkill.c). */
int kc__allkill_seed(kc_db *db);
/* Looks up a chart's cadence (copied into cadence, >= 16 bytes) and size. */
int kc__chart_lookup(kc_db *db, const char *chart_id, char *cadence, int *size);

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

/* Runs in memory and the store: kc__runs_update changes a run in memory and
 * marks it to be written. Written at the end of each update, or, while
 * db->defer_runs, only by kc__runs_flush (kc__commit calls it), so that a
 * run a weekly chart touches in every file of a transaction is written once
 * instead of once a file. kc__runs_file_begin starts a file (a savepoint):
 * the runs it changes keep their state before it, which kc__runs_undo puts
 * back when the savepoint is rolled back. kc__runs_must_flush says whether a
 * batch may recompute a chart (out of order, --replace): that drops the
 * state, so what is deferred must be written before its savepoint begins. */
int kc__runs_flush(kc_db *db);
void kc__runs_file_begin(kc_db *db);
void kc__runs_undo(kc_db *db);
bool kc__runs_must_flush(kc_db *db, const kc__batch *b, bool replace);

/* Drops the in-memory state (after a rollback, a rebuild, or another
 * connection's write), so that the next update reads the store afresh;
 * runs not yet written are lost with it (the caller rolls them back). */
void kc__state_drop(kc_db *db);
/* Drops the state if another connection changed the store since we last
 * looked (PRAGMA data_version). */
void kc__state_check(kc_db *db);

/* ---- map.c ------------------------------------------------------------ */
kc__map *kc__map_new(void);
/* Frees the map and, with free_value, every value. NULL does nothing. */
void kc__map_free(kc__map *m, void (*free_value)(void *));
size_t kc__map_size(const kc__map *m);
/* The value slot of key (len bytes); with create, adds an empty (NULL) slot
 * when absent and sets *created. NULL when absent, or out of memory. */
void **kc__map_get(kc__map *m, const void *key, size_t len, bool create, bool *created);

/* What makes the provider and cadence of chart row `c` a family (SQL): more
 * than one chart, each of a region of its own (the Hot 100 and the Billboard
 * 200, both us, are not one). One rule for the family list, a song's
 * families and the news of regions at No. 1. */
#define KC__IS_FAMILY                                                                    \
    " (SELECT count(*) FROM chart d WHERE d.provider = c.provider"                       \
    "   AND d.cadence = c.cadence) > 1"                                                  \
    " AND NOT EXISTS (SELECT 1 FROM chart d"                                             \
    "   WHERE d.provider = c.provider AND d.cadence = c.cadence"                         \
    "   GROUP BY d.region HAVING count(*) > 1)"

/* Fills the temp table allkill_news (event, kind, period, song_id, figure,
 * since) with the All-Kill events of every kind when `fill` (else leaves it
 * empty): a song's first All-Kill, the first song of each year, and runs of
 * consecutive hours longer than any before (allkill.c). */
int kc__allkill_news(kc_db *db, bool fill);

/* ---- jsonpos.c -------------------------------------------------------- */
/* One step of a path into a JSON value: a member key, or (key NULL) an
 * array index. */
typedef struct {
    const char *key;
    size_t index;
} kc__jpath;
/* The line and column (1-based, in characters) of the value that path leads
 * to in text (JSON that jansson accepted); 1:1 when it is not found. Any
 * depth, where adapter_billboard.c's kc__json_locate knows the charts'
 * "data" arrays. */
void kc__json_path_locate(const char *text, size_t len, const kc__jpath *path,
                          size_t depth, int *line, int *col);

/* ---- catalog.c -------------------------------------------------------- */
/* The earliest release instant of song_id in the catalog (seconds since
 * 1970-01-01 UTC); KC_ENOTFOUND when the catalog has none. */
int kc__song_released(kc_db *db, int64_t song_id, int64_t *utc);
/* "t:<title>|<credit>", the key runs.c gives a title and credit (owned,
 * free()); NULL when out of memory. */
char *kc__title_key(const char *title, const char *credit);
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

/* ---- series.c --------------------------------------------------------- */
/* Binds every song subject of the series to its song entity (rebuild). */
int kc__series_bind(kc_db *db);

/* Edit distance of a and b (bytes; at most 64 of each): how near a name
 * is, for "did you mean" (series.c). */
size_t kc__edit_distance(const char *a, const char *b);
/* "; did you mean A, B or C?" for the names nearest to what, into out
 * (empty when nothing is near): sql gives each candidate's text to compare
 * (its matching form, or with fold the text to fold) and how to show it. */
void kc__suggest(kc_db *db, const char *sql, bool fold, const char *what, char *out,
                 size_t outlen);
/* kc__suggest over the artists (names and aliases) or the songs' titles. */
void kc__suggest_name(kc_db *db, bool artist, const char *what, char *out, size_t outlen);

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
/* The first-day and first-week records of the news (records.c): a JSON
 * array of [date, title, artist, sentence, release id], malloc'd. */
int kc__sales_news(kc_db *db, char **json);
/* Stores the built-in unit ratios (data/units.csv), inside the caller's
 * transaction; rows of the same date are replaced. */
int kc__units_seed(kc_db *db);
/* The release whose key is text, else the one release titled text (matching
 * form) by the artist (any artist when artist is empty); *id 0 when none or
 * more than one. */
int kc__release_find(kc_db *db, const char *text, const char *artist, int64_t *id);
/* "; did you mean "A (artist)" or ..." for the releases nearest to text,
 * into out (empty when none is near, or out of memory). */
void kc__release_suggest(kc_db *db, const char *text, char *out, size_t outlen);

/* ---- certs.c ---------------------------------------------------------- */
/* Stores the built-in certification rules (data/certs.csv), inside the
 * caller's transaction. */
int kc__certs_seed(kc_db *db);
/* Fills temp.cert_reached with every award reached by what is stored
 * (certifier, award, metric, threshold, provider, rule, release_id,
 * subject_id, title, artist, day, total). */
int kc__certs_fill(kc_db *db);

/* ---- milestones.c ----------------------------------------------------- */
/* Recomputes the crossings of the entity (song or artist) that subject_id
 * names, every source of it, or of every entity when subject_id is 0,
 * inside the caller's transaction. */
int kc__milestones_update(kc_db *db, int64_t subject_id);

/* ---- query.c ---------------------------------------------------------- */
/* Runs a query and collects its result as a kc_table (owned by the caller).
 * Binds each of the nbind text parameters (NULL binds NULL). */
int kc__table_from_sql(kc_db *db, const char *sql, const char *const *binds, size_t nbind,
                       kc_table **out);

#endif
