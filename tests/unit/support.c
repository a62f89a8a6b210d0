/* The unit tests' store of their own (support.h): a folder made with
 * mkdtemp, t.db opened in it, and everything in the folder removed at the
 * end. The folder holds files only (the store, its journal, what the tests
 * write), so removing it needs no walk of subfolders. */
#include "support.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static kc_db *db;

kc_db *test_store_open(void)
{
    cr_assert(eq(ptr, db, NULL), "test_store_open: a store is already open");
    snprintf(dir, sizeof dir, "/tmp/kc-test-XXXXXX");
    cr_assert_not_null(mkdtemp(dir), "mkdtemp %s", dir);
    char path[128];
    test_store_path("t.db", path, sizeof path);
    cr_assert(eq(int, kc_db_open(path, &db), KC_OK), "%s", kc_open_errmsg());
    return db;
}

void test_store_close(void)
{
    if (!db)
        return;
    kc_db_close(db);
    db = NULL;
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "opendir %s", dir);
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            char path[160];
            test_store_path(e->d_name, path, sizeof path);
            cr_assert(eq(int, unlink(path), 0), "unlink %s", path);
        }
    closedir(d);
    cr_assert(eq(int, rmdir(dir), 0), "rmdir %s", dir);
}

void test_store_path(const char *name, char *path, size_t n)
{
    int len = snprintf(path, n, "%s/%s", dir, name);
    cr_assert(len > 0 && (size_t)len < n, "path of %s too long", name);
}

void test_store_write(const char *name, const char *text, char *path, size_t n)
{
    test_store_path(name, path, n);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    cr_assert(eq(int, fclose(f), 0), "cannot write %s", path);
}
