/*
 * table.c: the table result every query returns.
 *
 * A kc_table is rows of strings with each cell's type (number, text, NULL),
 * so that the CLI prints it as text or CSV and the server as JSON from one
 * shape. Filled from a statement here; not a formatter (present/ writes it).
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kc_table_free(kc_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->ncols; i++)
        free(t->cols[i]);
    for (size_t i = 0; i < t->ncols * t->nrows; i++)
        free(t->cells[i]);
    free(t->cols);
    free(t->cells);
    free(t->types);
    free(t->title);
    free(t);
}

kc_cell_type kc_table_type(const kc_table *t, size_t row, size_t col)
{
    if (row >= t->nrows || col >= t->ncols || !t->types)
        return KC_CELL_NULL;
    return (kc_cell_type)t->types[row * t->ncols + col];
}

const char *kc_table_cell(const kc_table *t, size_t row, size_t col)
{
    if (row >= t->nrows || col >= t->ncols)
        return NULL;
    return t->cells[row * t->ncols + col];
}

int kc__table_from_sql(kc_db *db, const char *sql, const char *const *binds, size_t nbind,
                       kc_table **out)
{
    *out = NULL;
    sqlite3_stmt *st = kc__prepare(db, sql);
    for (size_t i = 0; st && i < nbind; i++)
        if (binds[i])
            sqlite3_bind_text(st, (int)i + 1, binds[i], -1, SQLITE_STATIC);
    return kc__table_from_stmt(db, st, out);
}

/* Collects st's rows into *out; then gives st back (kc__stmt_done), or
 * resets it when keep. */
static int table_from(kc_db *db, sqlite3_stmt *st, bool keep, kc_table **out)
{
    *out = NULL;
    if (!st)
        return KC_ESTORE;
    kc_table *t = kc__calloc(1, sizeof *t);
    int rc = KC_OK;
    if (!t)
        goto nomem;
    size_t ncols = (size_t)sqlite3_column_count(st);
    if (!(t->cols = kc__calloc(ncols, sizeof *t->cols)))
        goto nomem; /* with ncols still 0, for kc_table_free */
    t->ncols = ncols;
    for (size_t i = 0; i < t->ncols; i++)
        if (!(t->cols[i] = kc__strdup(sqlite3_column_name(st, (int)i))))
            goto nomem;
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (t->nrows == cap) {
            cap = cap ? cap * 2 : 64;
            char **c = kc__realloc(t->cells, cap * t->ncols * sizeof *c);
            if (!c)
                goto nomem;
            t->cells = c;
            unsigned char *ty = kc__realloc(t->types, cap * t->ncols);
            if (!ty)
                goto nomem;
            t->types = ty;
        }
        char **row = t->cells + t->nrows * t->ncols;
        unsigned char *types = t->types + t->nrows * t->ncols;
        for (size_t i = 0; i < t->ncols; i++) {
            row[i] = NULL;
            types[i] = KC_CELL_NULL;
        }
        t->nrows++;
        for (size_t i = 0; i < t->ncols; i++) {
            int ty = sqlite3_column_type(st, (int)i);
            const unsigned char *v = sqlite3_column_text(st, (int)i);
            if ((!v && ty != SQLITE_NULL) ||
                (v && !(row[i] = kc__strdup((const char *)v))))
                goto nomem; /* NULL for a value: no memory to convert it */
            types[i] = !v                     ? KC_CELL_NULL
                       : ty == SQLITE_INTEGER ? KC_CELL_INT
                       : ty == SQLITE_FLOAT   ? KC_CELL_REAL
                                              : KC_CELL_TEXT;
        }
    }
    if (step != SQLITE_DONE)
        rc = kc__sqlfail(db, "query");
    if (keep)
        sqlite3_reset(st);
    else
        kc__stmt_done(db, st);
    if (rc) {
        kc_table_free(t);
        return rc;
    }
    *out = t;
    return KC_OK;
nomem:
    if (keep)
        sqlite3_reset(st);
    else
        kc__stmt_done(db, st);
    kc_table_free(t);
    return kc__fail(db, KC_ENOMEM, "out of memory");
}

int kc__table_from_stmt(kc_db *db, sqlite3_stmt *st, kc_table **out)
{
    return table_from(db, st, false, out);
}

int kc__table_from_kept(kc_db *db, sqlite3_stmt *st, kc_table **out)
{
    return table_from(db, st, true, out);
}
