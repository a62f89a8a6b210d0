/* What the unit tests share: Criterion with its assertions that print both
 * values (cr_assert(eq(int, got, want)), <criterion/new/assert.h>), and a
 * store of their own for the tests that need one: a new empty store in a
 * folder of its own, opened before a test and removed with the folder
 * after it, and files written into that folder. What goes into a store is
 * each test file's business; this file only makes and removes it.
 *
 * Include it first in every tests/unit/test_*.c; support.c is linked into
 * each of them. */
#ifndef KC_TESTS_UNIT_SUPPORT_H
#define KC_TESTS_UNIT_SUPPORT_H

#include "kchart/kchart.h"

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stddef.h>

/* Criterion's eq(str, got, want) keeps its operands in `char *`, so a
 * `const char *` (a table cell, a CSV field) loses its const there: the
 * warning says nothing about our code. */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wincompatible-pointer-types-discards-qualifiers"
#elif defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wdiscarded-qualifiers"
#endif

/* Opens a new empty store, t.db in a new folder under /tmp, and returns it;
 * a failure fails the test. The store is borrowed: test_store_close()
 * closes it. One store at a time. */
kc_db *test_store_open(void);

/* Closes the store of test_store_open() and removes its folder with every
 * file in it; a suite's .fini. Nothing open: does nothing. */
void test_store_close(void);

/* Writes path (n bytes) as the path of name in the store's folder. */
void test_store_path(const char *name, char *path, size_t n);

/* Writes text to the file name in the store's folder (replacing it) and its
 * path to path (n bytes); a failure fails the test. */
void test_store_write(const char *name, const char *text, char *path, size_t n);

#endif
