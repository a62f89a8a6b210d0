/*
 * file.c: reading a whole input file into memory, capped.
 *
 * Every importer reads its file whole (the parsers want one buffer to point
 * into); the cap (KC_FILE_MAX) keeps a wrong path to a huge file from taking
 * the machine's memory. Not a stream reader: the plays compiler maps its
 * binary files itself.
 *
 * Also the digest that names a file's bytes (kc__digest_hex): what
 * identifies an ingested file, whatever its path.
 */
#include "util/util.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

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
    int fd;
    if (kc__open_regular(path, &fd, err, errlen))
        return KC_EIO;
    /* The most a file may hold: what reading in 64 KiB steps, doubling up
     * to the cap, always allowed. The buffer is the file's size and one
     * more byte (where the read sees its end), grown only if the file
     * grows while it is read. */
    const size_t max = KC_FILE_MAX - 65536;
    struct stat sb;
    size_t cap = !fstat(fd, &sb) && sb.st_size > 0 && (uintmax_t)sb.st_size <= max
                     ? (size_t)sb.st_size + 1
                     : 65536;
    char *b = kc__malloc(cap + 1);
    size_t n = 0;
    int rc = b ? KC_OK : KC_ENOMEM;
    while (!rc) {
        if (n == cap) {
            if (n > max) {
                rc = KC_ETOOBIG;
                break;
            }
            size_t c = cap > (max + 1) / 2 ? max + 1 : cap * 2;
            char *nb = kc__realloc(b, c + 1);
            if (!nb) {
                rc = KC_ENOMEM;
                break;
            }
            b = nb;
            cap = c;
        }
        ssize_t got = read(fd, b + n, cap - n);
        if (got < 0 && errno != EINTR)
            rc = KC_EIO;
        else if (got == 0)
            break;
        else if (got > 0)
            n += (size_t)got;
    }
    close(fd);
    if (rc) {
        free(b);
        if (rc == KC_ETOOBIG)
            snprintf(err, errlen, "%s: larger than %zu MiB", path, KC_FILE_MAX >> 20);
        else
            snprintf(err, errlen, "%s: %s", path,
                     rc == KC_ENOMEM ? "out of memory" : "read error");
        return rc;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return KC_OK;
}

void kc__digest_hex(const void *p, size_t n, char out[KC_DIGEST_HEX])
{
    XXH128_hash_t h = XXH3_128bits(p, n);
    snprintf(out, KC_DIGEST_HEX, "%016llx%016llx", (unsigned long long)h.high64,
             (unsigned long long)h.low64);
}
