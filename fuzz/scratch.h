/*
 * scratch.h: the folder where the fuzz targets write each input as a file,
 * for the code under test to read back by its path.
 */
#ifndef KC_FUZZ_SCRATCH_H
#define KC_FUZZ_SCRATCH_H

#include <stddef.h>

/* The folder (made on the first call: in /dev/shm, a tmpfs, where there is
 * one, else /tmp; named after prefix), removed with what is in it when the
 * process exits. Aborts when no folder can be made. */
const char *kc_fuzz_scratch(const char *prefix);

/* Writes n bytes to path, or aborts. */
void kc_fuzz_put(const char *path, const void *bytes, size_t n);

#endif
