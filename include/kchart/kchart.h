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
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header, written here only: CMake reads it from these
 * lines (the project's VERSION, the shared library's), and kc_version()
 * says which libkchart a program runs with. */
#define KC_VERSION_MAJOR 0
#define KC_VERSION_MINOR 1
#define KC_VERSION_PATCH 0
#define KC_VERSION "0.1.0" /* MAJOR.MINOR.PATCH; CMake checks they agree */

/* What the shared libkchart exports: the functions of this header and
 * nothing else. It is built with hidden visibility by default, so that its
 * internal functions (kc__*) stay inside it; the static library keeps them
 * for the CLI and the tests. */
#if defined(__GNUC__) && __GNUC__ >= 4
#define KC_API __attribute__((visibility("default")))
#else
#define KC_API
#endif

/* The version of the libkchart running ("0.1.0"), which may be newer than
 * the KC_VERSION a program was compiled with; static, never NULL. */
KC_API const char *kc_version(void);

/* The offset of the first byte of s[0..n) that is not UTF-8 (an overlong
 * form, a surrogate, a truncated sequence), or n when all of it is: for a
 * program to refuse bad text where it enters (a request, an argument). */
KC_API size_t kc_utf8_check(const char *s, size_t n);

/* Status codes: stable numbers, one list (X-macro) for the enum and names. */
#define KC_STATUS_MAP(X)                                                                 \
    X(OK, 0, "ok")                                                                       \
    X(EINPUT, 1, "bad input")                                                            \
    X(ENOTFOUND, 2, "not found")                                                         \
    X(EIO, 3, "input/output error")                                                      \
    X(ESTORE, 4, "store error")                                                          \
    X(ENOMEM, 5, "out of memory")                                                        \
    X(ECONFLICT, 6, "conflicts with stored data")                                        \
    X(EUSAGE, 7, "bad usage")                                                            \
    X(ETOOBIG, 8, "input over a size limit")                                             \
    X(EBUSY, 9, "store busy with another writer")

typedef enum {
#define KC_STATUS_ENUM(name, num, text) KC_##name = num,
    KC_STATUS_MAP(KC_STATUS_ENUM)
#undef KC_STATUS_ENUM
} kc_status;

/* Returns a static description of a status ("bad input"). */
KC_API const char *kc_strerror(int status);

typedef struct kc_db kc_db;

/* Opens (creating if needed) the store at path and brings its schema up to
 * date. On success *out owns the handle: close it with kc_db_close. On failure
 * *out is NULL and the status says why; a message goes to stderr-free storage
 * that kc_open_errmsg() returns. */
KC_API int kc_db_open(const char *path, kc_db **out);
/* Closes the store. Closing NULL does nothing. */
KC_API void kc_db_close(kc_db *db);
/* The message of the last failure on db ("hot100.json:3:17: ..."); borrowed,
 * valid until the next call on db. Never NULL. */
KC_API const char *kc_errmsg(const kc_db *db);
/* The message of the last kc_db_open failure in this thread; borrowed. */
KC_API const char *kc_open_errmsg(void);
/* A number that changes whenever another handle (in this process or any
 * other) commits a change to the store; what a cache of answers checks. */
KC_API int kc_db_version(kc_db *db, int64_t *version);
/* Opens a read transaction: the queries until kc_read_end see one state of
 * the store, whatever commits meanwhile (an answer made of several queries
 * stays consistent). */
KC_API int kc_read_begin(kc_db *db);
/* Ends the read transaction of kc_read_begin, if one is open. */
KC_API void kc_read_end(kc_db *db);

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
    /* Called with what was stored differently from the input and why (rows
     * of a series dataset dropped as conflicting); may be NULL. */
    void (*on_warning)(void *ctx, const char *message);
} kc_ingest_opts;

typedef struct {
    size_t files;     /* files read */
    size_t snapshots; /* snapshots stored or replaced */
    size_t unchanged; /* snapshots already stored, identical */
    size_t entries;   /* rows in the stored snapshots */
    size_t failed;    /* files refused (with on_error) */
    size_t dropped;   /* rows not stored: two songs claimed one rank */
    size_t skipped;   /* files of a directory that are not chart files (not
                         .json or .csv: a README, a saved web page) */
} kc_ingest_stats;

/* Ingests a file or every file under a directory (in period order). Each file
 * is one transaction: on a bad file nothing of it is stored, the error names
 * file:line:column, and ingest stops there with KC_EINPUT (files before it
 * stay stored). stats may be NULL. */
KC_API int kc_ingest_path(kc_db *db, const char *path, const kc_ingest_opts *opts,
                          kc_ingest_stats *stats);

/* Ingests one file held in memory (buf, len bytes; need not end in NUL), as
 * kc_ingest_path does a file: name is its file name, for messages and for
 * what the name implies (chart, period, format), in one transaction, all or
 * nothing. The server's POST /api/ingest. */
KC_API int kc_ingest_buffer(kc_db *db, const char *name, const char *buf, size_t len,
                            const kc_ingest_opts *opts, kc_ingest_stats *stats);

/* Recomputes every derived table from the stored observations. */
KC_API int kc_rebuild(kc_db *db);

/* A file forgotten (kc_forget), and what went with it. */
typedef struct {
    char digest[33];  /* XXH3-128 of its bytes, hex: the name it is known by */
    char kind[8];     /* chart, catalog, series, sales or units */
    char *path;       /* the path it was ingested from (owned by the list) */
    const char *name; /* as the caller named it (borrowed from names) */
    size_t snapshots; /* chart snapshots taken out */
    size_t rows;      /* rows of other tables put back as they were before it */
    size_t events;    /* stored news events taken out */
} kc_forgotten;

/* Takes out everything the files named stored, as if they had never been
 * ingested (docs/forget.md): a name is a file's path (its bytes name it)
 * or its digest (32 hex digits, for a file no longer on disk). Their
 * snapshots, catalog changes, series values, sales, units and news events
 * go, and everything derived is derived again, in one transaction: all or
 * nothing. A file that replaced another's snapshot, or whose rows a later
 * file changed, is refused (KC_ECONFLICT, the message says which); a file
 * never ingested is KC_ENOTFOUND. With dry_run nothing changes: the
 * transaction is rolled back after the work. *out (n files, in the order
 * undone: the newest first) is freed with kc_forgotten_free; NULL on
 * failure. */
KC_API int kc_forget(kc_db *db, const char *const *names, size_t n, int dry_run,
                     kc_forgotten **out, size_t *nout);
KC_API void kc_forgotten_free(kc_forgotten *v, size_t n);

/* ---- identity --------------------------------------------------------- */

/* Ids never move: a rebuild, merge or split keeps every entity's id
 * (docs/entities.md, "Ids that never move"). */

/* Merges song `from` into song `into`: every key of `from` (provider ids,
 * title + credit) is looked up as a key of `into` from now on. The rule is
 * recorded (by key, and the id merged away) and the charts the two songs
 * are on are recomputed with it, as `rebuild` will again; `from` answers
 * as `into` from then on (kc_song_redirect). */
KC_API int kc_song_merge(kc_db *db, int64_t into, int64_t from);
/* Splits the rows of `song` that carry `key` (one of its keys, as `kchart
 * song --keys` lists them) off into a song of their own (a row whose
 * provider id is split off is known by it alone); recorded and replayed
 * like a merge. */
KC_API int kc_song_split(kc_db *db, int64_t song, const char *key);
/* Undoes the merge of `merged` into `song`: the id comes back with its
 * entries, as before the merge. KC_ENOTFOUND when `merged` was not merged
 * into `song`. */
KC_API int kc_song_unmerge(kc_db *db, int64_t song, int64_t merged);
/* The song an id merged away answers as into *to (following later merges),
 * 0 when the id was not merged away. */
KC_API int kc_song_redirect(kc_db *db, int64_t id, int64_t *to);
/* ---- queries: results are tables of strings -------------------------- */
/* Every kc_query_* sets *out to a table the caller owns (kc_table_free) and
 * returns KC_OK, or leaves *out NULL and returns a status with the message
 * on db: KC_ENOTFOUND for an unknown chart, period or song. */

/* A result table: column names and rows of cells (NULL cell = unknown).
 * Owned by the caller; free with kc_table_free. */
typedef struct {
    size_t ncols, nrows;
    char **cols;          /* ncols names */
    char **cells;         /* nrows * ncols, row-major; NULL where unknown */
    char *title;          /* a caption for table output, may be NULL */
    unsigned char *types; /* nrows * ncols kc_cell_type, as stored */
} kc_table;

/* What a cell holds, as the store typed it: a title "22" is text, a rank 22
 * an integer (so JSON output can tell them apart). */
typedef enum { KC_CELL_NULL, KC_CELL_INT, KC_CELL_REAL, KC_CELL_TEXT } kc_cell_type;

/* Frees a table and all its strings. NULL does nothing. */
KC_API void kc_table_free(kc_table *t);
/* Cell (row, col); borrowed, NULL when unknown. */
KC_API const char *kc_table_cell(const kc_table *t, size_t row, size_t col);
/* The type of cell (row, col); KC_CELL_NULL outside the table. */
KC_API kc_cell_type kc_table_type(const kc_table *t, size_t row, size_t col);

/* The chart at a period (NULL: the latest), with our last/peak/periods. */
KC_API int kc_query_chart(kc_db *db, const char *chart_id, const char *period,
                          size_t limit, kc_table **out);
/* Every entry of a chart in period then rank order, with the provider's own
 * counters beside ours (the `entries` CSV). */
KC_API int kc_query_entries(kc_db *db, const char *chart_id, kc_table **out);
/* Songs matching a query (a song id, or words of the title or artist, any
 * script) with their run on every chart, by when each run's debut period
 * came out (the chart a song first appeared on first; a year-end chart
 * after every other). */
KC_API int kc_query_song(kc_db *db, const char *query, size_t limit, kc_table **out);
/* The keys (provider ids, title + credit) of songs matching a query, the
 * handles kc_song_split takes. */
KC_API int kc_query_song_keys(kc_db *db, const char *query, kc_table **out);
/* Leaderboard of a chart's songs by "periods", "peak", "streak" or "no1". */
KC_API int kc_query_top(kc_db *db, const char *chart_id, const char *by, size_t limit,
                        kc_table **out);
/* A page of a long list: limit rows (0: all) from offset; total is set to
 * the rows of the whole list. */
typedef struct {
    size_t limit, offset;
    size_t total; /* out */
} kc_page;

/* The leaderboard of kc_query_top, a page at a time. */
KC_API int kc_query_leaderboard(kc_db *db, const char *chart_id, const char *by,
                                kc_page *page, kc_table **out);
/* One song by id: *song is its row (id, title, artist), *runs its run on
 * every chart (with the chart's name, provider and cadence). KC_ENOTFOUND
 * for an unknown id. */
KC_API int kc_query_song_by_id(kc_db *db, int64_t id, kc_table **song, kc_table **runs);
/* A song's rank at every period it charted: chart, period, rank, by chart
 * then period. */
KC_API int kc_query_history(kc_db *db, int64_t id, kc_table **out);
/* What the song page plots: the song's rank at every period of one chart
 * (chart_id), or of every chart but the hourly ones (chart_id NULL), with
 * the streams the provider published for that row (NULL where it published
 * none): chart, period, rank, streams, by chart then period. An unknown
 * chart or one the song was never on gives no rows. */
KC_API int kc_query_song_history(kc_db *db, int64_t id, const char *chart_id,
                                 kc_table **out);
/* The stored periods of a chart, newest first. */
KC_API int kc_query_periods(kc_db *db, const char *chart_id, kc_page *page,
                            kc_table **out);
/* The filters of the news (kc_news_list, kc_news_atom); NULL: any. */
typedef struct {
    const char *kind;   /* debut, no1, reentry, peak, milestone, record, allkill,
                           regions, certification, sales */
    const char *chart;  /* a chart's id */
    const char *artist; /* an artist's name, alias or id: its songs' events (as
                           credited) and its own */
    const char *since;  /* learned at or after: a day (YYYY-MM-DD) or a time
                           (2026-12-06T21:00:00Z) */
    const char *from;   /* of periods from this day on (YYYY-MM-DD) */
} kc_news_opts;
/* The stored news (docs/news.md): each event a commit made known, stored
 * once with its sentence (songs reaching No. 1, top-10 debuts and
 * re-entries, All-Kills, regions at No. 1, milestones, records in cohorts,
 * certifications, first-day and first-week sales records), newest period
 * first, then the latest learned first, a page at a time (page->total: all
 * that pass opts, NULL: none). Columns: kind, chart, period, song_id,
 * title, artist, rank, text, id, figures (a JSON object: the names it was
 * said with and its numbers), learned (UTC, ISO 8601). KC_EINPUT for a
 * kind, a since or a from that is no such thing; KC_ENOTFOUND for an
 * unknown chart or artist. */
KC_API int kc_news_list(kc_db *db, const kc_news_opts *opts, kc_page *page,
                        kc_table **out);
/* kc_news_list of one chart (NULL: all) and of periods from the day since
 * on (NULL: all), as before the events were stored. */
KC_API int kc_query_news(kc_db *db, const char *chart_id, const char *since,
                         kc_page *page, kc_table **out);
/* What kc_news_atom writes. */
typedef struct {
    size_t limit;       /* entries, the latest learned first; 0: the latest 50 */
    const char *base;   /* what links begin with: "https://charts.example.org"
                           (no '/' at the end); NULL: links are paths (/song/1),
                           which feed readers resolve against nothing */
    const char *chart;  /* the news of one chart (a feed of its own); NULL: all */
    const char *artist; /* of one artist (name, alias or id); NULL: all */
    const char *kind;   /* of one kind; NULL: all */
} kc_news_feed_opts;
/* The news as an Atom 1.0 feed (RFC 4287): the latest learned events that
 * pass the filters, each an entry whose id is made from the event's key
 * (it never changes) and updated when it was learned (opts NULL: the
 * defaults). On success *out is the document, UTF-8 and NUL-terminated,
 * owned: free(). On failure *out is NULL and the status (KC_ENOMEM, or the
 * query's) says why, with the message on db. */
KC_API int kc_news_atom(kc_db *db, const kc_news_feed_opts *opts, char **out);
/* The entities credited to the artist called name (its name or an alias,
 * in matching form, as the catalog finds artists; else its id, when name
 * is all digits; else "제니 (JENNIE)" by either side), a page at a time by debut, each
 * with its role, kind, charts, best peak, periods and debut (id, title, artist, role,
 * kind, charts, best_peak, periods, debut). KC_ENOTFOUND (with the nearest names) for a
 * name no artist has; KC_EINPUT when it names several. */
KC_API int kc_query_artist(kc_db *db, const char *name, kc_page *page, kc_table **out);
/* An artist, whole (docs/entities.md): each table owned, freed together
 * with kc_artist_info_free. */
typedef struct {
    kc_table *artist;   /* one row: id, name, kind, origin, market, mbid,
                           type, area, begin, end */
    kc_table *aliases;  /* alias, locale */
    kc_table *members;  /* role (member: of this group; group: this artist is
                           its member), id, name, since, until */
    kc_table *entries;  /* one row per entity and chart: artist, role, kind,
                           id, title, credit, chart, debut, peak, periods, no1
                           (periods at No. 1), by chart then debut; NULL
                           from kc_query_artist_head */
    kc_table *totals;   /* per chart: chart, entries, no1s, top10s, periods,
                           first, last */
    kc_table *releases; /* the catalog's releases of the artist: key, title,
                           kind, released, tracks; by kind, then date */
} kc_artist_info;
/* The artist called name as kc_query_artist finds it, into *out (owned:
 * kc_artist_info_free; zeroed on failure). */
KC_API int kc_query_artist_info(kc_db *db, const char *name, kc_artist_info *out);
/* kc_query_artist_info without the entries (out->entries NULL): what a page
 * that lists the artist's entities a page at a time shows (kc_query_artist),
 * without reading every run of every one of them once more. */
KC_API int kc_query_artist_head(kc_db *db, const char *name, kc_artist_info *out);
/* Frees the tables of a (not a). NULL does nothing. */
KC_API void kc_artist_info_free(kc_artist_info *a);
/* Search as the dashboard does it: *songs as kc_query_song matches them (one
 * row a song, best peak first; may be empty), *artists the credits holding
 * every word of query with their song counts (may be empty). */
KC_API int kc_query_search(kc_db *db, const char *query, size_t limit, kc_table **songs,
                           kc_table **artists);
/* Entities (songs, albums) and artists found by any of their names in any
 * script: titles, artists' names and the aliases of both (kchart search):
 * columns kind, id, name, alias (the alias that matched, "" when the name
 * did), credit, peak, charts; a name equal to the query first, then one
 * starting with it, then one holding it (three characters or more). At
 * most limit rows (0: 20); may be empty. KC_EINPUT when the query has no
 * letter or digit. Brings the search index up to date first (a write, in
 * its own transaction, when the store changed since the last search). */
KC_API int kc_query_names(kc_db *db, const char *query, size_t limit, kc_table **out);

/* Per field, how often our counters equal the provider's (all charts if
 * chart_id is NULL); misses lists up to max_misses differing entries (may be
 * NULL). */
KC_API int kc_query_verify(kc_db *db, const char *chart_id, size_t max_misses,
                           kc_table **summary, kc_table **misses);
/* The chart registry. */
KC_API int kc_query_charts(kc_db *db, kc_table **out);
/* One chart of the registry (the columns of kc_query_charts, one row);
 * KC_ENOTFOUND for an unknown id. */
KC_API int kc_query_chart_info(kc_db *db, const char *chart_id, kc_table **out);

/* The period a chart page shows, and the stored periods around it. */
typedef struct {
    char period[32];    /* the period asked for, else the latest stored */
    char previous[32];  /* the stored period before it; "" when none */
    char following[32]; /* the stored period after it; "" when none */
} kc_chart_at;
/* A chart at a period (NULL: the latest), a page at a time: the columns of
 * kc_query_chart and change (last minus rank; NULL for a new entry), rows
 * page->offset on, at most page->limit (0: all); page->total is set to the
 * period's entries and *at to the period shown and its neighbours. The
 * same errors as kc_query_chart. */
KC_API int kc_query_chart_page(kc_db *db, const char *chart_id, const char *period,
                               kc_page *page, kc_chart_at *at, kc_table **out);

/* ---- catalog, series and milestones ---------------------------------- */
/* docs/catalog.md has the catalog format, docs/series.md the series inputs
 * and how milestones are found. */

typedef struct {
    size_t files;   /* files imported */
    size_t changes; /* rows added or changed (0: the store had it all) */
} kc_catalog_stats;

/* Imports a catalog file (kchart's "catalog/1" JSON, a data.json of
 * albums with per-platform song ids, or MusicBrainz's JSON) in one transaction: all of it
 * or, on bad input (KC_EINPUT, "file:line:column: what"), nothing. Adds and updates,
 * never removes; the same file twice changes nothing. Each catalog song is bound to the
 * song entity the charts use. stats may be NULL. */
KC_API int kc_catalog_import(kc_db *db, const char *path, kc_catalog_stats *stats);

typedef struct {
    /* Called with what was stored differently from the input and why
     * ("file:line:col: ..."): a MusicBrainz fact that the catalog
     * contradicts, kept as the catalog says; an entity kchart cannot
     * place. May be NULL. */
    void (*on_warning)(void *ctx, const char *message);
    void *warning_ctx;
} kc_catalog_opts;

/* kc_catalog_import with options (opts may be NULL). It also reads
 * MusicBrainz's JSON (the web service's ws/2 documents and lists, and the
 * dumps' one entity a line; docs/entities.md). */
KC_API int kc_catalog_import_opts(kc_db *db, const char *path,
                                  const kc_catalog_opts *opts, kc_catalog_stats *stats);
/* Replaces the market rules (how an artist's genres or area give its
 * market) with those of a CSV file field,value,market, in order, all or
 * nothing (KC_EINPUT "file:line:column: what"), then gives each artist the
 * market the new rules give where its market came from the old ones
 * (each change passed to opts->on_warning). A file without rules brings
 * the built-in ones back. opts and stats may be NULL. */
KC_API int kc_catalog_markets_import(kc_db *db, const char *path,
                                     const kc_catalog_opts *opts,
                                     kc_catalog_stats *stats);
/* The market rules as CSV (field,value,market, in order; the built-in
 * ones when none are set): *out is owned, free(). */
KC_API int kc_catalog_markets_export(kc_db *db, char **out);
/* The whole catalog as "catalog/1" JSON, which imports back to the same
 * catalog: *out is owned, free(). */
KC_API int kc_catalog_export(kc_db *db, char **out);

typedef struct {
    int create;         /* make unknown subjects instead of refusing them */
    const char *artist; /* kworb snapshots: the artist of the page (the credit
                           of its songs), NULL: none */
    const char *source; /* kworb snapshots: the series (default spotify-streams) */
} kc_series_opts;

typedef struct {
    size_t files;     /* files read */
    size_t points;    /* values stored */
    size_t unchanged; /* values already stored, equal */
    size_t created;   /* subjects made (create) */
} kc_series_stats;

/* Imports series values from files (a CSV source,date,subject,value[,kind],
 * or kworb-style JSON snapshots of totals; a directory: every file in it,
 * by name) in one transaction, all or nothing, and brings the milestones of
 * the series they touch up to date. A value already stored is unchanged; a
 * different value for the same subject, source, kind and date is
 * KC_ECONFLICT; an unknown subject is KC_EINPUT naming near matches, unless
 * opts->create. opts and stats may be NULL. */
KC_API int kc_series_import(kc_db *db, const char *const *paths, size_t n,
                            const kc_series_opts *opts, kc_series_stats *stats);

typedef struct {
    const char *subject; /* an artist (name or alias: their songs and their
                            followers) or words of a song; NULL: all */
    const char *source;  /* one series source; NULL: all */
    int64_t mark;        /* one mark; 0: all */
    int open;            /* also the open crossings: marks already past at
                            the first total known (they count in the Nth) */
    int64_t song_id;     /* one song entity's; 0: any */
} kc_milestone_opts;

/* Milestones: for each series and mark of its ladder it reached, the date
 * of the first total at or above it (with the interval when the total
 * before was more than a day earlier, flagged sparse), days since release
 * (songs: the catalog's earliest release; followers: the account's
 * joining), the rank by days among all that reached the mark, and the
 * credited artists' counts (Nth to reach it by credit: lead, solo,
 * featured). opts may be NULL. */
KC_API int kc_query_milestones(kc_db *db, const kc_milestone_opts *opts, kc_table **out);
/* The ladders: kind, the marks as first, step, last, and the sources that
 * climb each. */
KC_API int kc_query_ladders(kc_db *db, kc_table **out);
/* A song entity's totals of every series (source, date, value), by source
 * and day. */
KC_API int kc_query_song_totals(kc_db *db, int64_t song_id, kc_table **out);
/* Stored values of the series of subject (as for kc_query_milestones). */
KC_API int kc_query_series(kc_db *db, const char *subject, const char *source,
                           kc_table **out);

/* ---- records over cohorts (records.c; docs/records.md) ----------------- */

/* A cohort: songs (or, for a followers series, artists) by what the
 * catalog says of them. NULL or 0: any. */
typedef struct {
    const char *market;       /* a lead artist's market: "k-pop", "pop" ... */
    const char *artist_kind;  /* group, solo, unit, other: every lead's kind */
    const char *role;         /* title, b-side, pre-release, ost, fan-song: on
                                 the song's first release */
    const char *release_kind; /* album, ep, single, ...: of its first release */
    const char *artist;       /* a credited artist (name or alias) */
    const char *credit;       /* with artist: lead, featured, solo (the one
                                 lead) or any; without: solo, one lead */
    const char *member_of;    /* a group: songs led by its members, or its
                                 members */
    int year;                 /* the year of its first release */
} kc_cohort;

typedef struct {
    const char *measure;  /* a series source (spotify-streams, youtube-views,
                             instagram-followers, ...), or with chart: periods,
                             no1, peak, streak, or with provider: first-day,
                             first-week (a release's sales, docs/sales.md) */
    const char *chart;    /* a chart id, for a chart's measure */
    const char *provider; /* a sales provider, for first-day and first-week */
    const char *at;       /* YYYY-MM-DD: as of that day; NULL: all stored */
    int64_t at_least;     /* a threshold (peak: No. N or better); 0 none */
    const char *mode;     /* most (default), first, fastest, only; all but
                             most need at_least */
    kc_cohort cohort;
    size_t limit; /* rows; 0 all */
} kc_records_opts;

/* A record over a cohort: the ordered list behind the answer (rank, title,
 * artist, value, reached, from, flag, days, role, release, released, of,
 * id), the answer in one sentence as the table's title. KC_EINPUT for an
 * unknown measure, mode or word of a cohort; KC_ENOTFOUND for an unknown
 * chart or artist (naming near ones). */
KC_API int kc_query_records(kc_db *db, const kc_records_opts *opts, kc_table **out);

/* ---- album sales and units (sales.c; docs/sales.md) ------------------- */

typedef struct {
    int create; /* make unknown releases (and their artists) instead of
                   refusing them */
} kc_sales_opts;

typedef struct {
    size_t files;           /* files read */
    size_t stored;          /* rows stored */
    size_t unchanged;       /* rows already stored, equal */
    size_t created;         /* releases made (create) */
    size_t weeks;           /* units import: weeks of billboard-200-units stored anew */
    size_t weeks_unchanged; /* and weeks already stored the same */
} kc_sales_stats;

/* Imports sales reports (CSV provider,period,release,artist,units with
 * optional country,kind,version) in one transaction, all or nothing. A row
 * already stored is unchanged; other units for the same row are
 * KC_ECONFLICT; an unknown release is KC_EINPUT naming near matches, unless
 * opts->create. opts and stats may be NULL. */
KC_API int kc_sales_import(kc_db *db, const char *const *paths, size_t n,
                           const kc_sales_opts *opts, kc_sales_stats *stats);
/* Imports the weekly inputs of album units (CSV week,release,artist,sales,
 * track_sales,paid_streams,ad_streams with optional video_streams; week is
 * the chart date, a Saturday), as kc_sales_import does. */
KC_API int kc_units_import(kc_db *db, const char *const *paths, size_t n,
                           const kc_sales_opts *opts, kc_sales_stats *stats);
/* The windows of a release (its key, or its title; artist, may be NULL,
 * narrows it): per provider the first day, first week, months, their sum
 * and each cumulative snapshot against that sum. KC_ENOTFOUND for an
 * unknown release (naming near ones) or one without sales. */
KC_API int kc_query_sales(kc_db *db, const char *release, const char *artist,
                          kc_table **out);
/* The units chart of a week (its chart date, or any day of its tracking
 * week): each album's units with their breakdown under the ratios in force
 * that week; limit 0: all. KC_ENOTFOUND when the week has none. */
KC_API int kc_query_units(kc_db *db, const char *week, size_t limit, kc_table **out);
/* The unit ratios by the chart date they took effect. */
KC_API int kc_query_unit_rules(kc_db *db, kc_table **out);
/* Loads unit ratios from a CSV of data/units.csv's columns (a row replaces
 * the stored one of its date), in one transaction. */
KC_API int kc_units_rules_load(kc_db *db, const char *path);

/* ---- certifications (certs.c; docs/sales.md) -------------------------- */
/* The awards reached (reached, certifier, award, metric, threshold, title,
 * artist, total, counted, rule_since), first reached first: of every
 * release and song, or (release not NULL: its key or title, artist may be
 * NULL) of that release and its songs. KC_ENOTFOUND for an unknown
 * release, naming near ones; no award is an empty table. */
KC_API int kc_query_certs(kc_db *db, const char *release, const char *artist,
                          kc_table **out);
/* The certification rules (certifier, award, metric, threshold, since,
 * until, provider, source). */
KC_API int kc_query_cert_rules(kc_db *db, kc_table **out);
/* Loads certification rules from a CSV of data/certs.csv's columns (a row
 * replaces the stored one of the same certifier, award, metric and since),
 * in one transaction; bad rows store nothing ("file:line:col: what"). */
KC_API int kc_certs_rules_load(kc_db *db, const char *path);

/* ---- write tokens (the server's POST /api/ingest) --------------------- */

#define KC_TOKEN_LEN 67 /* "kc_" and 64 hex digits */

/* Creates a token named name (letters, digits, '-', '_', '.'), storing only
 * its SHA-256; the token itself goes to token (NUL-terminated) and cannot be
 * shown again. KC_ECONFLICT when the name is taken. */
KC_API int kc_token_create(kc_db *db, const char *name, char token[KC_TOKEN_LEN + 1]);
/* KC_OK when token (len bytes) is a live token, else KC_ENOTFOUND. */
KC_API int kc_token_check(kc_db *db, const char *token, size_t len);
/* Revokes the token named name; KC_ENOTFOUND when there is none. */
KC_API int kc_token_revoke(kc_db *db, const char *name);
/* The tokens' names and creation times (never the tokens). */
KC_API int kc_query_tokens(kc_db *db, kc_table **out);

/* ---- webhooks (hook.c; docs/hooks.md) --------------------------------- */
/* A webhook is a URL each new stored event that passes its filters is
 * POSTed to as JSON, signed with the hook's secret (HMAC-SHA256), in event
 * order, retried with backoff for a day; its cursor is kept in the store.
 * Delivery runs apart from any ingest: kc_hook_deliver, kc_hook_watch. */

#define KC_HOOK_SECRET_LEN 64 /* hex digits of 32 random bytes */

/* What events a hook is sent; each NULL: any. */
typedef struct {
    const char *artist; /* an artist's id, or its name or alias */
    const char *kind;   /* an event kind: debut, no1, reentry, peak, milestone,
                           record, allkill, regions, certification, sales */
    const char *chart;  /* a registered chart's id */
} kc_hook_filter;

/* Registers a hook to url (http:// or https://; else KC_EUSAGE saying what
 * is wrong) with filter (NULL: every event). It is sent the events learned
 * from now on. Its id into *id, its secret (NUL-terminated, from the
 * kernel's random source; stored, never shown again by kchart) into secret.
 * KC_ENOTFOUND for an unknown artist or chart, KC_EUSAGE for an unknown
 * kind or a name several artists answer to. */
KC_API int kc_hook_add(kc_db *db, const char *url, const kc_hook_filter *filter,
                       int64_t *id, char secret[KC_HOOK_SECRET_LEN + 1]);
/* Removes hook id and what it gave up on; KC_ENOTFOUND when there is none. */
KC_API int kc_hook_remove(kc_db *db, int64_t id);
/* The hooks (id, url, artist, kind, chart, delivered: the last event
 * delivered or given up on, queued: the matching events after it,
 * failing_since, last_error, gave_up: events given up on), never their
 * secrets. */
KC_API int kc_query_hooks(kc_db *db, kc_table **out);

/* One attempt at delivering an event, as kc_hook_deliver reports it. */
typedef struct {
    int64_t hook, event;
    int outcome;       /* KC_HOOK_DELIVERED, KC_HOOK_RETRY or KC_HOOK_GAVEUP */
    long status;       /* the receiver's HTTP status; 0 when none came */
    const char *error; /* why it failed (borrowed); NULL when delivered */
    int64_t next_try;  /* KC_HOOK_RETRY: UTC seconds of the next try */
} kc_hook_attempt;
enum { KC_HOOK_DELIVERED, KC_HOOK_RETRY, KC_HOOK_GAVEUP };

typedef struct {
    const char *base; /* what the payload's API links begin with
                         ("https://charts.example.org", no '/' at the end);
                         NULL: they are paths (/api/songs/1) */
    /* Called after each attempt (may be NULL). */
    void (*on_attempt)(void *ctx, const kc_hook_attempt *a);
    /* Asked between attempts and during one (may be NULL): nonzero stops
     * the delivery as soon as it can, an attempt under way abandoned (its
     * event is tried again later). */
    int (*stop)(void *ctx);
    void *ctx;
} kc_hook_opts;

typedef struct {
    size_t delivered, failed, gaveup; /* attempts, by outcome */
    int64_t next_try;                 /* UTC seconds of the earliest retry due; 0: none */
} kc_hook_stats;

/* Delivers what is queued: for each hook whose next try has come, its
 * events in order, each POSTed and, on a 2xx answer, the cursor moved past
 * it; the first failure of a hook ends its turn until its next try (5 s,
 * doubling to 1 h; $KCHART_HOOK_BACKOFF and $KCHART_HOOK_BACKOFF_MAX set
 * them in seconds), an event failing for a day ($KCHART_HOOK_WINDOW) is
 * given up. Never inside a transaction of the caller's: its writes are one
 * statement each. opts and stats may be NULL. A status with the message on
 * db when the store fails; a receiver's failure is no error of this call. */
KC_API int kc_hook_deliver(kc_db *db, const kc_hook_opts *opts, kc_hook_stats *stats);
/* Delivers as kc_hook_deliver does whenever another handle commits (new
 * events, new hooks) or a retry comes due, until opts->stop says to stop;
 * polls the store four times a second. A store failure is reported through
 * on_error (may be NULL) and retried a second later. Returns KC_OK. */
KC_API int kc_hook_watch(kc_db *db, const kc_hook_opts *opts,
                         void (*on_error)(void *ctx, const char *message));

/* Registers or updates charts from a registry CSV file (the format of the
 * shipped data/charts.csv). */
KC_API int kc_registry_load(kc_db *db, const char *path);

/* ---- compile: charts from raw play events ---------------------------- */
/* Play events (CSV or kchart's binary format, docs/plays-format.md) are
 * counted under a chart's rules into ranked charts, one per platform and
 * region and period; docs/compile.md has the rules in full. */

typedef enum { KC_PERIOD_HOUR, KC_PERIOD_DAY, KC_PERIOD_WEEK } kc_period_kind;
enum { KC_GROUP_PLATFORM = 1, KC_GROUP_REGION = 2 };

typedef struct {
    uint32_t min_ms;          /* a play shorter than this does not count */
    uint32_t cap;             /* counted plays per user, track, period, chart; 0 none */
    double w_premium, w_free; /* weight of a counted play by tier */
    int period;               /* a kc_period_kind */
    char time_zone[65];       /* of the periods: "UTC", "+09:00", an IANA name */
    int week_start;           /* first day of a week: 0 Monday .. 6 Sunday */
    int group;                /* KC_GROUP_* bits: one chart per platform, region */
    uint32_t top;             /* ranks per chart */
    char chart_prefix[17];    /* stored charts are PREFIX-<chart>-<cadence> */
} kc_rules;

/* The defaults: 30 s, cap 10, premium 1, free 1, UTC day, weeks from
 * Friday, by platform and region, top 200, prefix "plays". */
KC_API void kc_rules_default(kc_rules *r);
/* Sets one rule by its name, as the flags and the rule file spell it:
 * min-ms, cap, weight (TIER=W), period (hour, day, week), time-zone,
 * week-start (monday .. sunday), group (platform,region | region | platform
 * | none), top, chart-prefix. On a bad value writes why into err and
 * returns KC_EUSAGE. */
KC_API int kc_rules_set(kc_rules *r, const char *name, const char *value, char *err,
                        size_t errlen);
/* Reads a rule file: "name = value" lines, # comments. Errors name
 * file:line:column. */
KC_API int kc_rules_load(kc_rules *r, const char *path, char *err, size_t errlen);

typedef struct kc_compile kc_compile;

typedef struct {
    int threads;     /* worker threads; 0: one per online core */
    int keep_totals; /* keep the counts for kc_compile_write_partial */
    /* Run as one rank of an MPI job (MPI_COMM_WORLD, initialised by the
     * caller; libkchart built with MPI): every rank adds the same inputs,
     * reads its share of them, and rank 0 gets the charts. */
    int distributed;
    /* When set, a malformed play does not stop the compile: it is passed
     * here, counted, and left out. */
    void (*on_bad)(void *ctx, const char *message);
    void *ctx;
} kc_compile_opts;

typedef struct {
    size_t files;       /* play files read */
    size_t parts;       /* partial-count files merged */
    uint64_t plays;     /* events read */
    uint64_t counted;   /* of them, long enough to count */
    uint64_t bad;       /* malformed, left out (with on_bad) */
    size_t charts;      /* chart periods with at least one ranked track */
    size_t rows;        /* ranked rows in all */
    uint64_t exchanged; /* bytes sent between ranks, all ranks (distributed) */
} kc_compile_stats;

/* A compile under rules r (copied); opts may be NULL. NULL only when out of
 * memory; rules that are out of range make every later call fail with
 * KC_EUSAGE and say why (kc_compile_errmsg). */
KC_API kc_compile *kc_compile_new(const kc_rules *r, const kc_compile_opts *opts);
KC_API void kc_compile_free(kc_compile *c);
/* The message of the last failure on c; never NULL. */
KC_API const char *kc_compile_errmsg(const kc_compile *c);
/* Adds an input: a plays file (CSV or binary, detected) or, for a merge, a
 * partial-counts file written by kc_compile_write_partial. One compile
 * takes plays or partial counts, not both. */
KC_API int kc_compile_add(kc_compile *c, const char *path);
/* Counts and ranks everything added, on opts->threads threads. With an
 * IANA time zone it reads the zone through the TZ variable, set and
 * restored: do not run it while another thread reads or sets TZ. */
KC_API int kc_compile_run(kc_compile *c, kc_compile_stats *stats);
/* The ranked charts as CSV: chart,period,rank,track_id,score. */
KC_API int kc_compile_write_csv(kc_compile *c, FILE *out);
/* Counted plays per chart, period and track before ranking, for a later
 * merge (kc_compile_add of the file): counts from disjoint sets of users
 * add up to the counts of their union. Written whole or not at all. */
KC_API int kc_compile_write_partial(kc_compile *c, const char *path);
/* Stores the ranked charts as snapshots of the charts PREFIX-<chart>-
 * <cadence> (registered when new) and updates their runs. */
KC_API int kc_compile_store(kc_compile *c, kc_db *db, kc_ingest_stats *stats);

/* Whether this libkchart was built with MPI (kc_compile_opts.distributed). */
KC_API int kc_compile_has_mpi(void);

/* Converts CSV play files into one binary plays file at out (written whole
 * or not at all). opts as for kc_compile_new (threads unused). */
KC_API int kc_plays_convert(const char *const *inputs, size_t n, const char *out,
                            const kc_compile_opts *opts, uint64_t *plays, char *err,
                            size_t errlen);

/* ---- regions: a song across a family of charts ----------------------- */
/* A family is the charts of one provider and cadence, one per region
 * (docs/regions.md). Built in: "<provider>-<cadence>" ("spotify-weekly": every
 * spotify-<region>-weekly, global included), as kc_query_families lists
 * them; or any charts of one cadence named as "id,id,...". Results are
 * tables as for kc_query_*; an unknown family or chart is KC_ENOTFOUND, bad
 * options KC_EUSAGE, each with its message on db. */

typedef struct {
    const char *family;    /* "spotify-weekly", or chart ids "a,b,c" (required) */
    int no_global;         /* leave out the region "global" */
    size_t top;            /* an entry counts at ranks 1..top (0: 1, No. 1 only) */
    const char *from, *to; /* the window of periods, inclusive; NULL: open */
} kc_regions_opts;

/* The built-in families: family, provider, cadence, charts, regions. */
KC_API int kc_query_families(kc_db *db, kc_table **out);
/* Per song matching query (as kc_query_song finds them, at most limit songs;
 * 0: 1000), the regions where it reached the top N within the window: one
 * row per song and region (song_id, title, artist, region, chart, first:
 * the first period there in the top N, best: its best rank in the window,
 * periods: periods in the top N in the window), by song then first. Songs
 * that reached it nowhere have no row (an empty table is not an error). */
KC_API int kc_query_regions(kc_db *db, const char *query, size_t limit,
                            const kc_regions_opts *opts, kc_table **out);
/* The same for one song by id; KC_ENOTFOUND for an unknown id. */
KC_API int kc_query_song_regions(kc_db *db, int64_t song_id, const kc_regions_opts *opts,
                                 kc_table **out);
/* One song's regions at No. 1 in every family it charted in, in one read
 * (the song page): family, region, chart, first, best, periods, by family
 * then as kc_query_song_regions orders them; families where it reached No.
 * 1 nowhere have no row. */
KC_API int kc_query_song_no1_regions(kc_db *db, int64_t song_id, kc_table **out);
/* The ranks of the songs matching query on the period at `on` in each
 * region of the family (the period `on`; for a weekly family the first
 * stored period from `on` to six days later, the week holding `on`): one
 * row per song and region where it charted (song_id, title, artist, region,
 * chart, period, rank), best rank first. opts->top, from and to unused. */
KC_API int kc_query_regions_on(kc_db *db, const char *query, size_t limit,
                               const kc_regions_opts *opts, const char *on,
                               kc_table **out);
/* The same for one song by id. */
KC_API int kc_query_song_regions_on(kc_db *db, int64_t song_id,
                                    const kc_regions_opts *opts, const char *on,
                                    kc_table **out);
/* Songs by the number of regions where they reached the top N within the
 * window (pos, song_id, title, artist, regions, first, region_list), most
 * first, then earliest; a page at a time (page->total: every such song). */
KC_API int kc_query_regions_leaderboard(kc_db *db, const kc_regions_opts *opts,
                                        kc_page *page, kc_table **out);

/* ---- All-Kills (allkill.c) ---------------------------------------------- */

/* What kc_query_allkill evaluates. */
typedef struct {
    const char *kind; /* realtime, certified, perfect, ... (NULL: every kind) */
    const char *year; /* "YYYY": only the hours of that year (NULL: all) */
    const char *by;   /* leaderboard order: "hours" (default) or "first" */
} kc_allkill_opts;

/* All-Kills hour by hour under the stored rule sets. With a query (a song id
 * or words, as kc_query_song takes): the matching songs' hours per kind, the
 * first and last hour, the longest run of consecutive hours and where it
 * began, and the hours lost to a missing chart ("missing": chart and hours,
 * when every chart present had the song at No. 1). Without one: per kind,
 * the songs with the most hours (or the earliest first hour). Hours are
 * YYYY-MM-DDTHH in the charts' local time. */
KC_API int kc_query_allkill(kc_db *db, const char *query, size_t limit,
                            const kc_allkill_opts *opts, kc_table **out);
/* One song's All-Kills by id, as kc_query_allkill gives a song's, with only
 * the kinds where it made one or lost hours to a missing chart (the song
 * page). No row when it has none. */
KC_API int kc_query_song_allkills(kc_db *db, int64_t song_id, kc_table **out);
/* The state at one hour (YYYY-MM-DDTHH, local): per kind whose rule set is
 * in force then, each required chart's period in force and its No. 1 (or
 * "missing"), and the verdict; kind NULL: every kind. */
KC_API int kc_query_allkill_at(kc_db *db, const char *hour, const char *kind,
                               kc_table **out);
/* The stored rule sets. */
KC_API int kc_query_allkill_rules(kc_db *db, kc_table **out);
/* Loads rule sets (kind,since,until,charts,source): the kinds in the file
 * replace the stored sets of those kinds, in one transaction. */
KC_API int kc_allkill_rules_load(kc_db *db, const char *path);

#ifdef __cplusplus
}
#endif
#endif
