/* Unit tests of the store's handle (store/store.c): a statement given back
 * is taken again for the same text, and whether the store changed since a
 * note (kc__seen_same) counts the store's own rows, not a read's temporary
 * tables. */
#include "store/store.h"
#include "support.h"

#include <string.h>

static kc_db *db;
static void setup(void)
{
    db = test_store_open();
}
TestSuite(store, .init = setup, .fini = test_store_close);

Test(store, a_statement_given_back_is_taken_again)
{
    /* An SQL file whose shared piece ends after its statement. */
    const char *sql = "SELECT 1;\n-- end shared: piece\n/* and a note */\n";
    sqlite3_stmt *st = kc__prepare(db, sql);
    cr_assert_not_null(st);
    kc__stmt_done(db, st);
    cr_assert(eq(ptr, kc__prepare(db, sql), st), "the parked statement, not a new one");
    kc__stmt_done(db, st);
    /* Another statement after the same first one is other text. */
    sqlite3_stmt *other = kc__prepare(db, "SELECT 1; SELECT 2;");
    cr_assert_not_null(other);
    cr_assert(ne(ptr, other, st));
    sqlite3_finalize(other);
}

Test(store, a_read_s_temporary_table_is_not_a_change)
{
    cr_assert(eq(int, kc__exec(db, "CREATE TABLE t (x)"), KC_OK));
    cr_assert(eq(int, kc__seen_note(db, KC__SEEN_SEARCH), KC_OK));
    cr_assert(kc__seen_same(db, KC__SEEN_SEARCH));
    cr_assert(eq(int, kc__exec(db, "CREATE TEMP TABLE scratch (x)"), KC_OK));
    cr_assert(eq(int, kc__exec(db, "INSERT INTO temp.scratch VALUES (1)"), KC_OK));
    cr_assert(kc__seen_same(db, KC__SEEN_SEARCH), "a temporary table is no change");
    cr_assert(eq(int, kc__exec(db, "INSERT INTO t VALUES (1)"), KC_OK));
    cr_assert(not(kc__seen_same(db, KC__SEEN_SEARCH)), "a row of the store is one");
    cr_assert(eq(int, kc__seen_note(db, KC__SEEN_SEARCH), KC_OK));
    cr_assert(eq(int, kc__exec(db, "BEGIN"), KC_OK));
    cr_assert(eq(int, kc__exec(db, "INSERT INTO t VALUES (2)"), KC_OK));
    cr_assert(not(kc__seen_same(db, KC__SEEN_SEARCH)), "nor while it is uncommitted");
    cr_assert(eq(int, kc__exec(db, "ROLLBACK"), KC_OK));
}

Test(store, a_note_taken_in_a_write_holds_across_its_own_commit)
{
    cr_assert(eq(int, kc__exec(db, "CREATE TABLE t (x)"), KC_OK));
    cr_assert(eq(int, kc__exec(db, "BEGIN IMMEDIATE"), KC_OK));
    cr_assert(eq(int, kc__exec(db, "INSERT INTO t VALUES (1)"), KC_OK));
    cr_assert(eq(int, kc__seen_note(db, KC__SEEN_SEARCH), KC_OK));
    cr_assert(eq(int, kc__exec(db, "COMMIT"), KC_OK));
    cr_assert(not(kc__seen_same(db, KC__SEEN_SEARCH)), "a commit that wrote the store");
    kc__seen_commit(db, KC__SEEN_SEARCH);
    cr_assert(kc__seen_same(db, KC__SEEN_SEARCH), "kept: the commit was the note's own");
    cr_assert(eq(int, kc__exec(db, "INSERT INTO t VALUES (2)"), KC_OK));
    cr_assert(not(kc__seen_same(db, KC__SEEN_SEARCH)), "a later write is a change");
}

Test(store, a_note_taken_in_a_read_holds_across_its_end)
{
    cr_assert(eq(int, kc__exec(db, "CREATE TABLE t (x)"), KC_OK));
    /* A note taken before a read that writes derived data: not kept. */
    cr_assert(eq(int, kc__seen_note(db, KC__SEEN_ALLKILL), KC_OK));
    cr_assert(eq(int, kc_read_begin(db), KC_OK));
    cr_assert(eq(int, kc__exec(db, "INSERT INTO t VALUES (1)"), KC_OK));
    cr_assert(eq(int, kc__seen_note(db, KC__SEEN_SEARCH), KC_OK));
    kc_read_end(db);
    cr_assert(kc__seen_same(db, KC__SEEN_SEARCH), "taken in the read: kept");
    cr_assert(not(kc__seen_same(db, KC__SEEN_ALLKILL)), "taken before it: not");
    /* A note taken in a write that kc__end commits is not kept by a later
     * read's end. */
    cr_assert(eq(int, kc__exec(db, "BEGIN IMMEDIATE"), KC_OK));
    cr_assert(eq(int, kc__seen_note(db, KC__SEEN_SEARCH), KC_OK));
    cr_assert(eq(int, kc__exec(db, "INSERT INTO t VALUES (2)"), KC_OK));
    cr_assert(eq(int, kc__end(db, KC_OK), KC_OK));
    cr_assert(eq(int, kc_read_begin(db), KC_OK));
    kc_read_end(db);
    cr_assert(not(kc__seen_same(db, KC__SEEN_SEARCH)), "its commit wrote the store");
}

Test(store, a_note_taken_in_a_transaction_holds_within_it)
{
    cr_assert(eq(int, kc__exec(db, "CREATE TABLE t (x)"), KC_OK));
    cr_assert(eq(int, kc_read_begin(db), KC_OK));
    cr_assert(eq(int, kc__exec(db, "INSERT INTO t VALUES (1)"), KC_OK));
    cr_assert(eq(int, kc__seen_note(db, KC__SEEN_SEARCH), KC_OK));
    cr_assert(kc__seen_same(db, KC__SEEN_SEARCH), "the writes before it are in it");
    cr_assert(eq(int, kc__exec(db, "INSERT INTO t VALUES (2)"), KC_OK));
    cr_assert(kc__seen_same(db, KC__SEEN_SEARCH), "its own transaction's, blind");
    kc__rollback(db);
    cr_assert(not(kc__seen_same(db, KC__SEEN_SEARCH)), "a rollback forgets it");
}
