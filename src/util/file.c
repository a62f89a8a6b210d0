/*
 * file.c: reading a whole input file into memory, capped.
 *
 * Every importer reads its file whole (the parsers want one buffer to point
 * into); the cap (KC_FILE_MAX) keeps a wrong path to a huge file from taking
 * the machine's memory. Not a stream reader: the plays compiler maps its
 * binary files itself.
 */
#include "util/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int kc__file_read(const char *path, char **buf, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return KC_EIO;
    }
    char *b = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 65536;
            if (cap > KC_FILE_MAX + 65536) {
                free(b);
                fclose(f);
                snprintf(err, errlen, "%s: larger than %zu MiB", path, KC_FILE_MAX >> 20);
                return KC_ETOOBIG;
            }
            char *nb = kc__realloc(b, cap + 1);
            if (!nb) {
                free(b);
                fclose(f);
                snprintf(err, errlen, "%s: out of memory", path);
                return KC_ENOMEM;
            }
            b = nb;
        }
        size_t got = fread(b + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(b);
        snprintf(err, errlen, "%s: read error", path);
        return KC_EIO;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return KC_OK;
}
