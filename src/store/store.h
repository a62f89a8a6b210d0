/*
 * store.h: the store layer: SQLite opened, migrated and kept; transactions
 * and their hooks; statements; the table result; "did you mean".
 *
 * The layering rule (docs/architecture.md, checked by tests/layers.py): the
 * store calls util and SQLite, nothing above. What a higher layer must learn
 * from the store (a commit writes runs kept in memory; a rollback drops them)
 * it learns through a cache that the higher layer installs (kc__cache_set),
 * never by the store calling up. The fields of struct kc_db are the store's
 * alone (store.c); other layers use these functions.
 */
#ifndef KC_STORE_H
#define KC_STORE_H

#include "util/util.h"

#include <sqlite3.h>

/* ---- store.c: the handle ---------------------------------------------- */

/* Opens (or creates) the store at path with its pragmas (WAL, foreign keys),
 * without migrating it: kc_db_open (kchart.c) migrates and seeds. *out owned,
 * closed with kc_db_close; on failure *out is NULL and kc_open_errmsg says
 * why. */
int kc__store_open(const char *path, kc_db **out);
/* Ends an open that failed at status rc: keeps db's message for
 * kc_open_errmsg, closes db, returns rc. */
int kc__store_open_failed(kc_db *db, int rc);
/* Brings the schema up to the latest version (PRAGMA user_version), one
 * transaction per step; seed (may be NULL) stores the built-in data inside
 * the last step's transaction, once the latest schema is there. KC_ESTORE
 * with the message set on failure. */
int kc__store_migrate(kc_db *db, int (*seed)(kc_db *db));
/* Prepares what a rollback needs, so that it needs no memory later: call
 * last in an open, after every schema change (temporary tables too). */
int kc__store_ready(kc_db *db);
/* The SQLite connection (borrowed): for sqlite3_changes and the like. */
sqlite3 *kc__sql(kc_db *db);

/* Sets db's message from a printf format and returns status. */
int kc__fail(kc_db *db, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Copies SQLite's message for the failed call into db and returns KC_ESTORE. */
int kc__sqlfail(kc_db *db, const char *what);
/* Runs SQL without parameters (schema, PRAGMA, transaction control); sets the
 * message and returns KC_ESTORE on failure. */
int kc__exec(kc_db *db, const char *sql);
/* BEGIN IMMEDIATE: takes the write lock now, so a later write cannot fail
 * on a lock held by another writer. */
int kc__begin(kc_db *db);
/* Flushes the installed cache (kc__cache_flush), then COMMIT. */
int kc__commit(kc_db *db);
/* Installs fn, run by kc__commit inside the transaction after the cache
 * is flushed and before COMMIT (NULL: none): a higher layer writes there
 * what the transaction made known (kc_db_open installs the news', which
 * stores the events a commit reveals), so that a crash leaves both or
 * neither. A status other than KC_OK fails the commit (the caller rolls
 * back). The store never calls up otherwise. */
void kc__commit_hook(kc_db *db, int (*fn)(kc_db *db, void *ctx), void *ctx);
/* Notes in the open transaction what a write made known, for the news to
 * find its events when it commits (temp.news_touched, made by kc_db_open;
 * news.c reads it in the commit hook): what is "chart" (a snapshot of chart
 * and period stored), "series", "catalog" or "sales" (an import of such a
 * file; chart and period NULL), or "all" (a rule file, a rebuild: any
 * event may follow); file the digest of the file's bytes (kc__digest_hex),
 * NULL or "" when there is none. A status with the message on db. */
int kc__touched(kc_db *db, const char *what, const char *chart, const char *period,
                const char *file);
/* Ends the transaction kc__begin began, as the work in it came out (rc):
 * commits when rc is KC_OK and the transaction is still open (out of
 * memory, SQLite may have rolled it back itself), else rolls back (also
 * when the commit fails). The final status, with its message on db. */
int kc__end(kc_db *db, int rc);
/* Rolls back the open transaction, if any, and drops the cache. Needs no
 * memory (its statement is prepared when the store opens). */
void kc__rollback(kc_db *db);
/* Undoes and ends the named savepoint (the transaction goes on), flushes
 * what files before it left in the cache (its owner has put back what the
 * savepoint changed) and drops the cache. When undoing fails (out of
 * memory), rolls back the whole transaction and returns KC_ESTORE, leaving
 * the message as it was; when flushing fails, the same with its status and
 * message; else KC_OK. */
int kc__rollback_to(kc_db *db, const char *savepoint);
/* Prepares sql, or takes the statement of the same text kc__stmt_done
 * parked (reset and unbound); on failure sets the message and returns NULL.
 * The caller owns the statement: it finalizes it, or gives it back with
 * kc__stmt_done. */
sqlite3_stmt *kc__prepare(kc_db *db, const char *sql);
/* Gives back a statement of kc__prepare (NULL: nothing), reset and
 * unbound, for the next kc__prepare of its text on this handle; the
 * handle finalizes it when it closes or parks too many. */
void kc__stmt_done(kc_db *db, sqlite3_stmt *st);
/* The statement of sql, a string literal or an SQL file's kc__sql_NAME (it
 * is known by its address), prepared once per handle and kept (the
 * per-file statements of ingest): reset and unbound, ready to bind.
 * Borrowed: the caller resets it when done, never finalizes it. NULL on
 * failure, with the message set. */
sqlite3_stmt *kc__stmt(kc_db *db, const char *sql);
/* Runs st (bound) to its end, then resets it; KC_ESTORE naming what on
 * failure. */
int kc__step_done(kc_db *db, sqlite3_stmt *st, const char *what);
/* The single integer of a one-row query (bound) into *out, 0 when no row;
 * then resets st. */
int kc__step_id(kc_db *db, sqlite3_stmt *st, int64_t *out, const char *what);
/* Binding by name (":chart", with its colon) to a statement of an SQL file
 * (docs/store.md). A name the statement lacks is a bug, not bad input: the
 * process stops there with a message naming the parameter and the
 * statement, rather than run the statement with NULL for the value. A NULL
 * statement (a prepare that failed, its message set) binds nothing and
 * gives SQLITE_MISUSE; otherwise SQLite's status of the bind. */
int kc__param(sqlite3_stmt *st, const char *name);
/* The indexes of n names of st into index[] (as kc__param each): for a
 * statement run once a row, whose names are then not searched again at
 * every bind (sqlite3_bind_parameter_index compares them one by one; on an
 * ingest's per-row statements that was 5 % of the ingest). */
void kc__params(sqlite3_stmt *st, const char *const *names, size_t n, int *index);
/* Binds value, borrowed until the statement is reset; NULL binds NULL. */
int kc__bind_text(sqlite3_stmt *st, const char *name, const char *value);
int kc__bind_int64(sqlite3_stmt *st, const char *name, int64_t value);
int kc__bind_null(sqlite3_stmt *st, const char *name);
/* kc__file_read with the message on db. */
int kc__read_file(kc_db *db, const char *path, char **buf, size_t *len);

/* ---- changes.c: a file's changes, recorded and undone ---------------- */

/* A session recording the changes made through db to some tables. */
typedef struct kc__changes kc__changes;
/* Starts recording the changes to tables (names, NULL-terminated) of the
 * main database. *out owned: ended with kc__changes_end or freed with
 * kc__changes_free; NULL on failure, with the message on db. */
int kc__changes_begin(kc_db *db, const char *const *tables, kc__changes **out);
/* Stops recording and frees c: *blob (freed with sqlite3_free) and *n are
 * the changeset of what changed since kc__changes_begin (NULL and 0 when
 * nothing did). */
int kc__changes_end(kc_db *db, kc__changes *c, void **blob, int *n);
/* Frees c without a changeset; NULL does nothing. */
void kc__changes_free(kc__changes *c);
/* The changeset of a then b, into *out (freed with sqlite3_free). */
int kc__changes_concat(kc_db *db, const void *a, int na, const void *b, int nb,
                       void **out, int *nout);
/* Undoes a changeset (blob, n bytes) inside the caller's transaction: its
 * inverse applied. A row changed since (other values than the changeset
 * left, but in the columns loose names, "table.column", NULL-terminated or
 * NULL) or put back over a different one stops it: KC_ECONFLICT, "what:
 * rows it stored in TABLE were changed since ...", and the caller rolls
 * back. A row to delete that is gone already is passed over. *rows: the
 * rows the inverse holds. */
int kc__changes_undo(kc_db *db, const void *blob, int n, const char *const *loose,
                     const char *what, size_t *rows);

/* ---- store.c: the cache a higher layer keeps -------------------------- */

/* What the owner of a cache does when the store tells it. */
typedef struct {
    /* Writes what the cache holds and the store does not yet (before a
     * COMMIT); a status with the message on db. */
    int (*flush)(kc_db *db, void *cache);
    /* Frees the cache: what it held may no longer be true. */
    void (*drop)(void *cache);
} kc__cache_ops;
/* Installs cache (owned by the store from now on, freed with ops->drop) and
 * notes the store's data_version, for kc__cache_check. */
void kc__cache_set(kc_db *db, void *cache, const kc__cache_ops *ops);
/* The installed cache if it was installed with ops (its owner's), else
 * NULL (borrowed): an owner never reads another's cache as its own. */
void *kc__cache(kc_db *db, const kc__cache_ops *ops);
/* Drops the cache (after a rollback, a rebuild, or another connection's
 * write), so that the next update reads the store afresh. */
void kc__cache_drop(kc_db *db);
/* Drops the cache if another connection changed the store since it was
 * installed (PRAGMA data_version). */
void kc__cache_check(kc_db *db);
/* Writes what the cache holds (the commit does this itself). */
int kc__cache_flush(kc_db *db);
/* Whether the cache's writes wait for the commit (a group of files in one
 * transaction) instead of being made after each file. */
void kc__cache_defer(kc_db *db, bool defer);
bool kc__cache_deferred(const kc_db *db);

/* How long a statement waits for another connection's write lock before it
 * fails with SQLITE_BUSY (sqlite3_busy_timeout): an ingest's transaction is
 * short, and a crash's recovery shorter. */
#define KC__BUSY_MS 5000
/* Whether statements on db wait for another connection's write lock (up to
 * KC__BUSY_MS, as when the store opens) or fail at once: a derived table
 * written on read (chart_cover) does not make a reader wait for a writer,
 * whose transaction may be a whole file's. */
void kc__busy_wait(kc_db *db, bool wait);

/* ---- store.c: whether the store changed -------------------------------- */

/* How many stamps a handle keeps (kc__seen_note): one a higher layer's
 * derived data (KC__SEEN_SEARCH: the names searched, model/search.c;
 * KC__SEEN_ALLKILL: the tally of All-Kills, derive/allkill.c). */
enum { KC__SEEN_SEARCH, KC__SEEN_ALLKILL, KC__SEEN_MAX };
/* Notes on the handle, under slot, the store as this handle sees it now:
 * PRAGMA data_version (a commit by another connection changes it) and the
 * count of this handle's commits of a write transaction on the store
 * (main; one that wrote only temporary tables does not count, nor does a
 * read). KC_ESTORE with the message set on failure. */
int kc__seen_note(kc_db *db, int slot);
/* Forgets slot's note: kc__seen_same is false until the next note. */
void kc__seen_forget(kc_db *db, int slot);
/* Keeps slot's note across this handle's own commit of the transaction it
 * was taken in (after kc__end; kc_read_end does it for every note taken
 * in its read, which writes only derived data): what the note saw, and
 * what the transaction wrote after it, hold from the commit on. Taken inside a
 * write transaction, the note's PRAGMA data_version is the one after the
 * commit (no other connection commits meanwhile); only the count of this
 * handle's commits moves. Nothing when slot holds no note. */
void kc__seen_commit(kc_db *db, int slot);
/* Whether nothing was written to the store since kc__seen_note(db, slot)
 * last noted it: no commit of another connection and none of this handle
 * wrote it, and no transaction of this handle holds uncommitted writes of
 * it now; so that what a higher layer derived then still holds, known
 * without reading a table. Blind to this handle's writes of its temporary
 * tables (a records or All-Kill read's scratch tables), which change no
 * stored row. Inside the transaction a note was taken in, blind as well to
 * that transaction's own later writes: only reads that write derived data
 * take a note inside a transaction (the search's names, model/search.c;
 * the All-Kill tally, derive/allkill.c), and what they write there (the
 * names, chart_cover) is not what another note covers; the commit that
 * ends it counts, unless kc_read_end or kc__seen_commit keeps the note.
 * False before the first note, after a rollback on this handle, and when
 * PRAGMA data_version cannot be read. */
bool kc__seen_same(kc_db *db, int slot);

/* ---- table.c: the table result ---------------------------------------- */

/* Runs a query and collects its result as a kc_table (owned by the caller).
 * Binds each of the nbind text parameters (NULL binds NULL). */
int kc__table_from_sql(kc_db *db, const char *sql, const char *const *binds, size_t nbind,
                       kc_table **out);
/* Runs st, prepared and bound by the caller, and collects its result as
 * kc__table_from_sql does. Gives st back (kc__stmt_done), whatever the
 * outcome; a NULL st (a prepare that failed, its message set) gives
 * KC_ESTORE. */
int kc__table_from_stmt(kc_db *db, sqlite3_stmt *st, kc_table **out);
/* As kc__table_from_stmt for a kept statement (kc__stmt): resets st instead
 * of finalizing it, so that a long statement is prepared once a connection,
 * not once a request. */
int kc__table_from_kept(kc_db *db, sqlite3_stmt *st, kc_table **out);

/* ---- suggest.c: "did you mean" ---------------------------------------- */

/* "; did you mean A, B or C?" for the names nearest to what, into out
 * (empty when nothing is near): sql gives each candidate's text to compare
 * (its matching form, or with fold the text to fold) and how to show it. */
void kc__suggest(kc_db *db, const char *sql, bool fold, const char *what, char *out,
                 size_t outlen);

/* ---- SQL shared by statements of several layers ----------------------- */

/* SQL: the day (since 1970) of a UTC instant x in seconds, rounding down
 * (SQLite's % truncates toward zero). */
#define KC__SQL_DAY(x) "((" x ") - (((" x ") % 86400) + 86400) % 86400) / 86400"
/* SQL: the first day (YYYY-MM-DD) of a chart period x: a day, an hour
 * ("2024-03-01T05"), a month ("2024-03": the 1st), a year ("2024": Jan 1). */
#define KC__SQL_PERIOD_DAY(x) "substr(" x " || '-01-01', 1, 10)"

#endif
