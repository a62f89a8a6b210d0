/*
 * arena.c: a bump allocator for the strings of one parsed file.
 *
 * Adapters allocate many small strings that all die together when the file
 * has been stored; an arena frees them in one call. Not a general allocator:
 * nothing is freed on its own.
 */
#include "util/util.h"

#include <stdlib.h>

/* Blocks start small and double up to BLOCK_MAX: an arena that holds a few
 * strings (a chart's period in the runs' state, one per chart of a file)
 * costs a page, one that holds a file's strings soon gets big blocks. */
#define BLOCK_MIN (2 * 1024)
#define BLOCK_MAX (64 * 1024)

typedef struct block {
    struct block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
} block;

struct kc__arena {
    block *head;
};

kc__arena *kc__arena_new(void)
{
    return kc__calloc(1, sizeof(kc__arena));
}

void kc__arena_free(kc__arena *a)
{
    if (!a)
        return;
    for (block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

void kc__arena_clear(kc__arena *a)
{
    if (!a || !a->head)
        return;
    for (block *b = a->head->next, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    a->head->next = NULL;
    a->head->used = 0;
}

void *kc__arena_alloc(kc__arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t grown =
            b ? (b->size < BLOCK_MAX / 2 ? b->size * 2 : BLOCK_MAX) : BLOCK_MIN;
        size_t size = n > grown ? n : grown;
        b = kc__malloc(sizeof(block) + size);
        if (!b)
            return NULL;
        b->used = 0;
        b->size = size;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}
