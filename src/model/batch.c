/*
 * batch.c: a file's observations as parsed: snapshots of charts, each with
 * its rows, in one arena.
 *
 * Every adapter (ingest/) and the compiler (compile/) fill a batch; ingest
 * checks and stores it; the runs (derive/) read the fresh rows back from it
 * instead of the store. Snapshots are found by chart and period through an
 * index. Not storage: nothing here touches the store.
 */
#include "model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the batch -------------------------------------------------------- */

/* The index key of a snapshot, "chart \x1f period", into key (>= 96
 * bytes); its length, or 0 when the chart id or period is too long. */
static size_t snap_key(const char *chart_id, const char *period, char *key)
{
    size_t cn = strlen(chart_id), pn = strlen(period);
    if (cn >= sizeof((kc__snap *)0)->chart_id || pn >= sizeof((kc__snap *)0)->period)
        return 0;
    memcpy(key, chart_id, cn);
    key[cn] = '\x1f';
    memcpy(key + cn + 1, period, pn);
    return cn + 1 + pn;
}

kc__snap *kc__batch_find(kc__batch *b, const char *chart_id, const char *period)
{
    char key[96];
    size_t n = snap_key(chart_id, period, key);
    void **slot = n && b->index ? kc__map_get(b->index, key, n, false, NULL) : NULL;
    return slot ? &b->snaps[(uintptr_t)*slot - 1] : NULL;
}

kc__snap *kc__batch_snap(kc__batch *b, const char *chart_id, const char *period, int line,
                         int *status, char *err, size_t errlen)
{
    char key[96];
    size_t kn = snap_key(chart_id, period, key);
    if (!kn) {
        snprintf(err, errlen, "%s:%d:1: %s", b->path, line,
                 strlen(chart_id) >= sizeof b->snaps->chart_id
                     ? "chart id longer than 63 bytes"
                     : "period longer than 31 bytes");
        *status = KC_EINPUT;
        return NULL;
    }
    bool created;
    void **slot = b->index ? kc__map_get(b->index, key, kn, true, &created) : NULL;
    if (!slot)
        goto nomem;
    if (!created)
        return &b->snaps[(uintptr_t)*slot - 1];
    if (b->nsnaps == KC_SNAPS_MAX) {
        snprintf(err, errlen, "%s:%d:1: more than %d snapshots in one file", b->path,
                 line, KC_SNAPS_MAX);
        *status = KC_ETOOBIG;
        return NULL;
    }
    if (b->nsnaps == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4;
        kc__snap *ns = kc__realloc(b->snaps, cap * sizeof *ns);
        if (!ns)
            goto nomem;
        b->snaps = ns;
        b->cap = cap;
    }
    kc__snap *sn = &b->snaps[b->nsnaps++];
    *slot = (void *)(uintptr_t)b->nsnaps;
    memset(sn, 0, sizeof *sn);
    snprintf(sn->chart_id, sizeof sn->chart_id, "%s", chart_id);
    snprintf(sn->period, sizeof sn->period, "%s", period);
    sn->line = line;
    return sn;
nomem:
    snprintf(err, errlen, "%s: out of memory", b->path);
    *status = KC_ENOMEM;
    return NULL;
}

kc__row *kc__snap_row(kc__batch *b, kc__snap *s, int line, int *status, char *err,
                      size_t errlen)
{
    if (s->nrows == s->cap) {
        if (s->nrows == KC_ROWS_MAX) {
            snprintf(err, errlen, "%s:%d:1: more than %d rows in one snapshot", b->path,
                     line, KC_ROWS_MAX);
            *status = KC_ETOOBIG;
            return NULL;
        }
        size_t cap = s->cap ? s->cap * 2 : 16;
        kc__row *r = kc__realloc(s->rows, cap * sizeof *r);
        if (!r) {
            snprintf(err, errlen, "%s: out of memory", b->path);
            *status = KC_ENOMEM;
            return NULL;
        }
        s->rows = r;
        s->cap = cap;
    }
    kc__row *r = &s->rows[s->nrows++];
    memset(r, 0, sizeof *r);
    r->line = line;
    r->col = 1;
    return r;
}

char *kc__batch_strdup(kc__batch *b, const char *s, size_t n)
{
    char *p = kc__arena_alloc(b->arena, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

void kc__batch_free(kc__batch *b)
{
    for (size_t i = 0; i < b->nsnaps; i++)
        free(b->snaps[i].rows);
    free(b->snaps);
    kc__map_free(b->index, NULL);
    kc__arena_free(b->arena);
}

/* ---- reading and detecting -------------------------------------------- */
