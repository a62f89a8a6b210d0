/*
 * map.c: a hash map from byte strings to pointers, open addressing with
 * linear probing, XXH3 hashes. It backs the state an ingest keeps in memory
 * (song keys, runs, folded names). Not ordered, no removal: maps are dropped
 * whole.
 */
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

typedef struct {
    uint64_t hash;
    char *key; /* owned copy; NULL = empty slot */
    size_t len;
    void *value;
} slot;

struct kc__map {
    slot *slots;
    size_t cap, used; /* cap is a power of two */
};

kc__map *kc__map_new(void)
{
    return kc__calloc(1, sizeof(kc__map));
}

void kc__map_free(kc__map *m, void (*free_value)(void *))
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key)
            continue;
        free(m->slots[i].key);
        if (free_value)
            free_value(m->slots[i].value);
    }
    free(m->slots);
    free(m);
}

size_t kc__map_size(const kc__map *m)
{
    return m->used;
}

static slot *find(slot *slots, size_t cap, uint64_t h, const void *key, size_t len)
{
    for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1)) {
        slot *s = &slots[i];
        if (!s->key || (s->hash == h && s->len == len && !memcmp(s->key, key, len)))
            return s;
    }
}

static int grow(kc__map *m)
{
    /* Small first: one map a chart's runs, and a file may name thousands of
     * charts (1,024 slots each was 32 KB a chart). */
    size_t cap = m->cap ? m->cap * 2 : 16;
    slot *slots = kc__calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *find(slots, cap, m->slots[i].hash, m->slots[i].key, m->slots[i].len) =
                m->slots[i];
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return 0;
}

void **kc__map_get(kc__map *m, const void *key, size_t len, bool create, bool *created)
{
    if (created)
        *created = false;
    uint64_t h = XXH3_64bits(key, len);
    if (m->cap) {
        slot *s = find(m->slots, m->cap, h, key, len);
        if (s->key)
            return &s->value;
    }
    if (!create)
        return NULL;
    if ((m->used + 1) * 4 > m->cap * 3 && grow(m))
        return NULL;
    slot *s = find(m->slots, m->cap, h, key, len);
    if (!(s->key = kc__malloc(len + 1)))
        return NULL;
    memcpy(s->key, key, len);
    s->key[len] = '\0';
    s->len = len;
    s->hash = h;
    s->value = NULL;
    m->used++;
    if (created)
        *created = true;
    return &s->value;
}
