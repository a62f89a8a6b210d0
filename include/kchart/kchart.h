/*
 * kchart.h: the public interface of libkchart, the music chart engine.
 *
 * A kc_db is an open chart store (one SQLite file). Snapshots of charts go in
 * through kc_ingest_path(); chart runs (debut, peak, periods on chart, streaks,
 * re-entries) are derived from them in the same transaction; queries read.
 * This header is all the CLI and the server use: everything else is internal.
 *
 * Conventions: functions return KC_OK (0) or a kc_status; the message of the
 * last failure is kept on the handle (kc_errmsg). Strings handed out are
 * borrowed unless the comment says they are owned.
 */
#ifndef KCHART_H
#define KCHART_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes: stable numbers, one list (X-macro) for the enum and names. */
#define KC_STATUS_MAP(X)                                                     \
    X(OK, 0, "ok")                                                           \
    X(EINPUT, 1, "bad input")                                                \
    X(ENOTFOUND, 2, "not found")                                             \
    X(EIO, 3, "input/output error")                                          \
    X(ESTORE, 4, "store error")                                              \
    X(ENOMEM, 5, "out of memory")                                            \
    X(ECONFLICT, 6, "conflicts with stored data")                            \
    X(EUSAGE, 7, "bad usage")                                                \
    X(ETOOBIG, 8, "input over a size limit")

typedef enum {
#define KC_STATUS_ENUM(name, num, text) KC_##name = num,
    KC_STATUS_MAP(KC_STATUS_ENUM)
#undef KC_STATUS_ENUM
} kc_status;

/* Returns a static description of a status ("bad input"). */
const char *kc_strerror(int status);

typedef struct kc_db kc_db;

/* Opens (creating if needed) the store at path and brings its schema up to
 * date. On success *out owns the handle: close it with kc_db_close. On failure
 * *out is NULL and the status says why; a message goes to stderr-free storage
 * that kc_open_errmsg() returns. */
int kc_db_open(const char *path, kc_db **out);
/* Closes the store. Closing NULL does nothing. */
void kc_db_close(kc_db *db);
/* The message of the last failure on db ("hot100.json:3:17: ..."); borrowed,
 * valid until the next call on db. Never NULL. */
const char *kc_errmsg(const kc_db *db);
/* The message of the last kc_db_open failure in this thread; borrowed. */
const char *kc_open_errmsg(void);

/* ---- ingest ----------------------------------------------------------- */

typedef struct {
    const char *chart_id; /* force the chart (NULL: from the file) */
    const char *period;   /* force the period (NULL: from the file) */
    const char *format;   /* force the format (NULL: detect) */
    int replace;          /* replace a different stored snapshot */
    /* Called after each file with done/total counts (may be NULL). */
    void (*progress)(void *ctx, size_t done, size_t total, const char *path);
    void *progress_ctx;
    /* When set, a bad file does not stop the ingest: its message is passed
     * here, it stores nothing, it is counted in stats->failed, and the other
     * files go on; the call returns KC_OK unless the store itself failed. */
    void (*on_error)(void *ctx, const char *message);
} kc_ingest_opts;

typedef struct {
    size_t files;      /* files read */
    size_t snapshots;  /* snapshots stored or replaced */
    size_t unchanged;  /* snapshots already stored, identical */
    size_t entries;    /* rows in the stored snapshots */
    size_t failed;     /* files refused (with on_error) */
} kc_ingest_stats;

/* Ingests a file or every file under a directory (in period order). Each file
 * is one transaction: on a bad file nothing of it is stored, the error names
 * file:line:column, and ingest stops there with KC_EINPUT (files before it
 * stay stored). stats may be NULL. */
int kc_ingest_path(kc_db *db, const char *path, const kc_ingest_opts *opts,
                   kc_ingest_stats *stats);


/* Recomputes every derived table from the stored observations. */
int kc_rebuild(kc_db *db);

/* ---- identity --------------------------------------------------------- */

/* Merges song `from` into song `into`: every key of `from` (provider ids,
 * title + credit) is looked up as a key of `into` from now on. The rule is
 * recorded (by key, since rebuild reassigns ids) and every chart is
 * recomputed with it, as `rebuild` will again. */
int kc_song_merge(kc_db *db, int64_t into, int64_t from);
/* Splits the rows of `song` that carry `key` (one of its keys, as `kchart
 * song --keys` lists them) off into a song of their own; recorded and
 * replayed like a merge. */
int kc_song_split(kc_db *db, int64_t song, const char *key);
/* ---- queries: results are tables of strings -------------------------- */
/* Every kc_query_* sets *out to a table the caller owns (kc_table_free) and
 * returns KC_OK, or leaves *out NULL and returns a status with the message
 * on db: KC_ENOTFOUND for an unknown chart, period or song. */

/* A result table: column names and rows of cells (NULL cell = unknown).
 * Owned by the caller; free with kc_table_free. */
typedef struct {
    size_t ncols, nrows;
    char **cols;  /* ncols names */
    char **cells; /* nrows * ncols, row-major; NULL where unknown */
    char *title;  /* a caption for table output, may be NULL */
} kc_table;

/* Frees a table and all its strings. NULL does nothing. */
void kc_table_free(kc_table *t);
/* Cell (row, col); borrowed, NULL when unknown. */
const char *kc_table_cell(const kc_table *t, size_t row, size_t col);

/* The chart at a period (NULL: the latest), with our last/peak/periods. */
int kc_query_chart(kc_db *db, const char *chart_id, const char *period,
                   size_t limit, kc_table **out);
/* Every entry of a chart in period then rank order, with the provider's own
 * counters beside ours (the `entries` CSV). */
int kc_query_entries(kc_db *db, const char *chart_id, kc_table **out);
/* Songs matching a query (a song id, or words of the title or artist, any
 * script) with their run on every chart. */
int kc_query_song(kc_db *db, const char *query, size_t limit, kc_table **out);
/* The keys (provider ids, title + credit) of songs matching a query, the
 * handles kc_song_split takes. */
int kc_query_song_keys(kc_db *db, const char *query, kc_table **out);
/* Leaderboard of a chart's songs by "periods", "peak", "streak" or "no1". */
int kc_query_top(kc_db *db, const char *chart_id, const char *by,
                 size_t limit, kc_table **out);
/* Per field, how often our counters equal the provider's (all charts if
 * chart_id is NULL); misses lists up to max_misses differing entries (may be
 * NULL). */
int kc_query_verify(kc_db *db, const char *chart_id, size_t max_misses,
                    kc_table **summary, kc_table **misses);
/* The chart registry. */
int kc_query_charts(kc_db *db, kc_table **out);

/* Registers or updates charts from a registry CSV file (the format of the
 * shipped data/charts.csv). */
int kc_registry_load(kc_db *db, const char *path);

#ifdef __cplusplus
}
#endif
#endif
