/*
 * alloc.c: the library's allocator, and the failures a test can inject.
 *
 * Every allocation of the library goes through kc__malloc and its siblings,
 * which take memory from malloc (free it with free) unless a test has asked
 * for a failure: kc__alloc_fail(n, persist) makes the nth allocation from now
 * on return NULL, and with persist every one after it too, as SQLite's
 * fault simulator does for its out-of-memory tests (tests/oom, docs/oom.md).
 * A test can route other allocators through the same countdown with
 * kc__alloc_inject (SQLite's, whose hook is process-wide and so set by the
 * test, never by the library). Not a memory pool: when no failure is asked
 * for, the cost is one relaxed atomic load per allocation.

 *
 * Atomic because the compiler allocates from its worker threads; with more
 * than one thread, which allocation is the nth depends on the schedule.
 */
#include "kc.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static atomic_bool armed;      /* a failure is asked for */
static atomic_bool persistent; /* fail every allocation from the nth on */
static atomic_long countdown;  /* allocations left before the nth, plus one */
static atomic_long failures;   /* failed by injection since the last arming */
static long armed_at;          /* the countdown when armed */

long kc__alloc_fail(long nth, bool persist)
{
    atomic_store(&armed, false);
    long counted = armed_at - atomic_load(&countdown);
    atomic_store(&countdown, nth);
    armed_at = nth;
    atomic_store(&persistent, persist);
    atomic_store(&failures, 0);
    atomic_store(&armed, nth > 0);
    return counted;
}

long kc__alloc_failures(void)
{
    return atomic_load(&failures);
}

bool kc__alloc_inject(void)
{
    if (!atomic_load_explicit(&armed, memory_order_relaxed))
        return false;
    long left = atomic_fetch_sub(&countdown, 1);
    if (left > 1 || (left < 1 && !atomic_load(&persistent)))
        return false;
    atomic_fetch_add(&failures, 1);
    return true;
}

void *kc__malloc(size_t n)
{
    return kc__alloc_inject() ? NULL : malloc(n);
}

void *kc__calloc(size_t n, size_t size)
{
    return kc__alloc_inject() ? NULL : calloc(n, size);
}

void *kc__realloc(void *p, size_t n)
{
    return kc__alloc_inject() ? NULL : realloc(p, n);
}

char *kc__strdup(const char *s)
{
    return kc__strndup(s, strlen(s));
}

char *kc__strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = kc__malloc(len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}
