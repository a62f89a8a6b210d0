/*
 * changes.c: a file's changes to the store, recorded and undone, with
 * SQLite's session extension (sqlite3session, the changeset format).
 *
 * While a file is imported, a session records what it changes in the tables
 * its caller names; the changeset (the rows inserted, the old values of the
 * rows updated and deleted) is what the registry of files keeps
 * (model/files.c), and forgetting the file applies its inverse. A row that
 * changed since the file (another file's values) is a conflict: the undo
 * stops and says which table, unless the only differences are in columns
 * the caller says are derived (a binding to a song, cleared and derived
 * again around the undo). Not which tables are input, nor the registry: the
 * layers above decide those.
 */
/* The session extension is declared only with these (Debian's SQLite 3.40
 * is built with both). */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kc__changes {
    sqlite3_session *session;
};

int kc__changes_begin(kc_db *db, const char *const *tables, kc__changes **out)
{
    *out = NULL;
    kc__changes *c = kc__calloc(1, sizeof *c);
    if (!c)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    int src = sqlite3session_create(kc__sql(db), "main", &c->session);
    for (size_t i = 0; src == SQLITE_OK && tables[i]; i++)
        src = sqlite3session_attach(c->session, tables[i]);
    if (src != SQLITE_OK) {
        kc__changes_free(c);
        return src == SQLITE_NOMEM ? kc__fail(db, KC_ENOMEM, "out of memory")
                                   : kc__fail(db, KC_ESTORE, "recording changes: %s",
                                              sqlite3_errstr(src));
    }
    *out = c;
    return KC_OK;
}

void kc__changes_free(kc__changes *c)
{
    if (!c)
        return;
    if (c->session)
        sqlite3session_delete(c->session);
    free(c);
}

int kc__changes_end(kc_db *db, kc__changes *c, void **blob, int *n)
{
    *blob = NULL;
    *n = 0;
    int src = sqlite3session_changeset(c->session, n, blob);
    kc__changes_free(c);
    if (src == SQLITE_OK)
        return KC_OK;
    *blob = NULL;
    *n = 0;
    return src == SQLITE_NOMEM
               ? kc__fail(db, KC_ENOMEM, "out of memory")
               : kc__fail(db, KC_ESTORE, "recording changes: %s", sqlite3_errstr(src));
}

int kc__changes_concat(kc_db *db, const void *a, int na, const void *b, int nb,
                       void **out, int *nout)
{
    int src = sqlite3changeset_concat(na, (void *)a, nb, (void *)b, nout, out);
    if (src == SQLITE_OK)
        return KC_OK;
    return src == SQLITE_NOMEM
               ? kc__fail(db, KC_ENOMEM, "out of memory")
               : kc__fail(db, KC_ESTORE, "joining changes: %s", sqlite3_errstr(src));
}

/* What the conflict handler learns while an undo runs. */
typedef struct {
    const char *const *loose; /* "table.column": differences there are no conflict */
    char table[64];           /* the table of the first conflict */
    const char *why;          /* what the conflict was */
    size_t rows;              /* the rows changed */
} undo;

static bool same_value(sqlite3_value *a, sqlite3_value *b)
{
    if (!a || !b)
        return true; /* a column the change does not carry */
    int t = sqlite3_value_type(a);
    if (t != sqlite3_value_type(b))
        return false;
    switch (t) {
    case SQLITE_NULL:
        return true;
    case SQLITE_INTEGER:
        return sqlite3_value_int64(a) == sqlite3_value_int64(b);
    case SQLITE_FLOAT:
        return sqlite3_value_double(a) == sqlite3_value_double(b);
    default: {
        const void *pa = t == SQLITE_BLOB ? sqlite3_value_blob(a) : sqlite3_value_text(a);
        const void *pb = t == SQLITE_BLOB ? sqlite3_value_blob(b) : sqlite3_value_text(b);
        int na = sqlite3_value_bytes(a), nb = sqlite3_value_bytes(b);
        return na == nb && (!na || !memcmp(pa, pb, (size_t)na));
    }
    }
}

static bool is_loose(const undo *u, const char *table, sqlite3 *sql, int col)
{
    /* The column's name, from the table's schema. */
    char q[128];
    snprintf(q, sizeof q, "SELECT name FROM pragma_table_info('%s') WHERE cid = %d",
             table, col);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(sql, q, -1, &st, NULL) != SQLITE_OK)
        return false;
    bool loose = false;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        size_t tl = strlen(table);
        for (size_t i = 0; name && u->loose[i] && !loose; i++)
            loose = !strncmp(u->loose[i], table, tl) && u->loose[i][tl] == '.' &&
                    !strcmp(u->loose[i] + tl + 1, name);
    }
    sqlite3_finalize(st);
    return loose;
}

typedef struct {
    undo *u;
    sqlite3 *sql;
} undo_ctx;

/* Whether the row as it is (the conflict) differs from what the change
 * expects only in loose columns. */
static bool differs_loosely(undo_ctx *x, sqlite3_changeset_iter *it, const char *table,
                            int ncol, int op, int conflict)
{
    for (int i = 0; i < ncol; i++) {
        sqlite3_value *want = NULL, *now = NULL;
        if (conflict == SQLITE_CHANGESET_CONFLICT)
            sqlite3changeset_new(it, i, &want); /* an insert over a row */
        else if (op != SQLITE_INSERT)
            sqlite3changeset_old(it, i, &want);
        sqlite3changeset_conflict(it, i, &now);
        if (!same_value(want, now) && !is_loose(x->u, table, x->sql, i))
            return false;
    }
    return true;
}

static int on_conflict(void *ctx, int conflict, sqlite3_changeset_iter *it)
{
    undo_ctx *x = ctx;
    const char *table;
    int ncol, op, indirect;
    if (sqlite3changeset_op(it, &table, &ncol, &op, &indirect) != SQLITE_OK)
        return SQLITE_CHANGESET_ABORT;
    switch (conflict) {
    case SQLITE_CHANGESET_NOTFOUND:
        /* A row to delete that is gone already (a snapshot's rows go with
         * it): nothing to undo. A row to put back that is gone: changed. */
        if (op == SQLITE_DELETE)
            return SQLITE_CHANGESET_OMIT;
        x->u->why = "deleted since";
        break;
    case SQLITE_CHANGESET_DATA:
    case SQLITE_CHANGESET_CONFLICT:
        if (differs_loosely(x, it, table, ncol, op, conflict))
            return SQLITE_CHANGESET_REPLACE;
        x->u->why = "changed since";
        break;
    case SQLITE_CHANGESET_FOREIGN_KEY:
        x->u->why = "still referred to";
        table = "?";
        break;
    default:
        x->u->why = "refused by a constraint";
        break;
    }
    snprintf(x->u->table, sizeof x->u->table, "%s", table);
    return SQLITE_CHANGESET_ABORT;
}

int kc__changes_undo(kc_db *db, const void *blob, int n, const char *const *loose,
                     const char *what, size_t *rows)
{
    static const char *const none[] = {NULL};
    undo u = {.loose = loose ? loose : none};
    undo_ctx x = {&u, kc__sql(db)};
    *rows = 0;
    if (!n)
        return KC_OK;
    void *inv = NULL;
    int ninv = 0;
    int src = sqlite3changeset_invert(n, (void *)blob, &ninv, &inv);
    if (src == SQLITE_OK) {
        /* Counted by the rows of the inverse, each once. */
        sqlite3_changeset_iter *it;
        if (sqlite3changeset_start(&it, ninv, inv) == SQLITE_OK) {
            while (sqlite3changeset_next(it) == SQLITE_ROW)
                u.rows++;
            sqlite3changeset_finalize(it);
        }
        src = sqlite3changeset_apply(kc__sql(db), ninv, inv, NULL, on_conflict, &x);
    }
    sqlite3_free(inv);
    *rows = u.rows;
    if (src == SQLITE_OK)
        return KC_OK;
    if (src == SQLITE_NOMEM)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    if (u.why && !strcmp(u.why, "still referred to"))
        return kc__fail(db, KC_ECONFLICT,
                        "%s: rows it stored are still named by rows of a later file or "
                        "command; forget that first",
                        what);
    if (u.why)
        return kc__fail(db, KC_ECONFLICT,
                        "%s: rows it stored in %s were %s by a later file or command; "
                        "forget that first",
                        what, u.table, u.why);
    return kc__fail(db, KC_ESTORE, "%s: undoing its changes: %s", what,
                    sqlite3_errmsg(kc__sql(db)));
}
