/*
 * scratch.c: the fuzz targets' scratch folder (scratch.h).
 */
#define _XOPEN_SOURCE 700
#include "scratch.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[64];

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static void remove_dir(void)
{
    nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
}

const char *kc_fuzz_scratch(const char *prefix)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/dev/shm/%s-XXXXXX", prefix);
        if (!mkdtemp(dir)) {
            snprintf(dir, sizeof dir, "/tmp/%s-XXXXXX", prefix);
            if (!mkdtemp(dir))
                abort();
        }
        atexit(remove_dir);
    }
    return dir;
}

void kc_fuzz_put(const char *path, const void *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(bytes, 1, n, f) != n || fclose(f))
        abort();
}
