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
 * jansson is the exception: its parser ignores some of its own failed
 * allocations and goes on, dropping a character of a string ("Tie A Yellow
 * Rbbon") or reporting a syntax error that is not there. So the library
 * wraps jansson's allocator (kc__json_hook, chaining to whatever was set
 * before) to learn that an allocation failed during a parse, and then
 * trusts nothing the parse returned. A parse may take its values from
 * blocks let go together (kc__json_arena_begin/end): the one pool here.
 *
 * Atomic because the compiler allocates from its worker threads; with more
 * than one thread, which allocation is the nth depends on the schedule.
 */
#include "util/util.h"

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
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

static json_malloc_t json_prev_malloc;
static json_free_t json_prev_free;
static _Thread_local bool json_failed; /* a jansson allocation failed here */

/* A parse's values, taken from blocks and let go together
 * (kc__json_arena_begin): a chart file is a few thousand small values, and
 * a malloc and a free each showed in profiles. */
typedef struct jblock {
    struct jblock *next;
    size_t size, used;
    max_align_t data[];
} jblock;

#define JBLOCK_SIZE (64 * 1024)

static _Thread_local bool json_arena;    /* this thread's parse takes blocks */
static _Thread_local jblock *json_block; /* the newest first */

static void *arena_alloc(size_t n)
{
    n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    jblock *b = json_block;
    if (!b || b->size - b->used < n) {
        size_t size = n > JBLOCK_SIZE ? n : JBLOCK_SIZE;
        if (!(b = json_prev_malloc(sizeof *b + size)))
            return NULL;
        b->next = json_block;
        b->size = size;
        b->used = 0;
        json_block = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

static void *json_alloc(size_t n)
{
    /* Counted as one allocation either way: the sweeps of tests/oom see
     * the allocations they always saw. */
    void *p = kc__alloc_inject() ? NULL
              : json_arena       ? arena_alloc(n)
                                 : json_prev_malloc(n);
    if (!p)
        json_failed = true;
    return p;
}

static void json_release(void *p)
{
    for (jblock *b = json_block; p && b; b = b->next)
        if ((char *)p >= (char *)b->data && (char *)p < (char *)b->data + b->size)
            return; /* let go with its block */
    json_prev_free(p);
}

void kc__json_arena_begin(void)
{
    kc__json_hook();
    json_arena = true;
}

void kc__json_arena_end(void)
{
    json_arena = false;
    for (jblock *b = json_block, *next; b; b = next) {
        next = b->next;
        json_prev_free(b);
    }
    json_block = NULL;
}

static void json_install(void)
{
    json_get_alloc_funcs(&json_prev_malloc, &json_prev_free);
    json_set_alloc_funcs(json_alloc, json_release);
}

void kc__json_hook(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, json_install);
}

bool kc__json_nomem(void)
{
    bool failed = json_failed;
    json_failed = false;
    return failed;
}
