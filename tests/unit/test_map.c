/* Unit tests of the hash map (map.c). */
#include "support.h"
#include "util/util.h"

#include <stdio.h>
#include <string.h>

Test(map, many_keys_survive_growth)
{
    kc__map *m = kc__map_new();
    cr_assert_not_null(m);
    char key[32];
    for (long i = 0; i < 100000; i++) {
        int n = snprintf(key, sizeof key, "key-%ld", i);
        bool created;
        void **v = kc__map_get(m, key, (size_t)n, true, &created);
        cr_assert_not_null(v);
        cr_assert(created);
        *v = (void *)(i + 1);
    }
    cr_assert(eq(sz, kc__map_size(m), 100000));
    for (long i = 0; i < 100000; i += 7) {
        int n = snprintf(key, sizeof key, "key-%ld", i);
        void **v = kc__map_get(m, key, (size_t)n, false, NULL);
        cr_assert_not_null(v, "key %ld", i);
        cr_assert(eq(long, (long)*v, i + 1));
    }
    cr_assert_null(kc__map_get(m, "nope", 4, false, NULL));
    /* Keys are bytes: an embedded NUL is part of the key. */
    cr_assert_null(kc__map_get(m, "key-1\0x", 7, false, NULL));
    kc__map_free(m, NULL);
}
