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
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int kc__open_regular(const char *path, int *fd, char *err, size_t errlen)
{
    /* O_NONBLOCK: opening a FIFO with no writer would block here forever. */
    int f = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat sb;
    if (f < 0 || fstat(f, &sb)) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        if (f >= 0)
            close(f);
        return KC_EIO;
    }
    if (!S_ISREG(sb.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file (%s)", path,
                 S_ISFIFO(sb.st_mode)   ? "a FIFO"
                 : S_ISDIR(sb.st_mode)  ? "a directory"
                 : S_ISSOCK(sb.st_mode) ? "a socket"
                                        : "a device");
        close(f);
        return KC_EIO;
    }
    int flags = fcntl(f, F_GETFL);
    if (flags >= 0)
        fcntl(f, F_SETFL, flags & ~O_NONBLOCK);
    *fd = f;
    return KC_OK;
}

FILE *kc__fopen_regular(const char *path, char *err, size_t errlen)
{
    int fd;
    if (kc__open_regular(path, &fd, err, errlen))
        return NULL;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        close(fd);
    }
    return f;
}

int kc__file_read(const char *path, char **buf, size_t *len, char *err, size_t errlen)
{
    FILE *f = kc__fopen_regular(path, err, errlen);
    if (!f)
        return KC_EIO;
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
