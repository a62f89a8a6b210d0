/*
 * rank.c: ranking: the top-N heaps that keep each chart period's best
 * candidates, their merge into a compile's ranked rows, and the sorted list
 * of chart names the rows point into.
 *
 * It is not counting: plays mode (count.c) and merge mode (merge.c) each
 * sum plays their own way and offer the sums here. A track's score and the
 * order of two candidates are in compile.h (kc__score_of, kc__above), inline
 * for the counting loops.
 */
#include "compile/compile.h"

#include <stdlib.h>
#include <string.h>

/* ---- top-N heaps ------------------------------------------------------- */

/* Offers x to the heap *hp of at most top candidates (the lowest-ranked at
 * the root). Returns -1 when out of memory. */
int kc__heap_offer(kc__heap **hp, uint32_t top, kc__cand x)
{
    kc__heap *h = *hp;
    if (!h) {
        if (!(h = *hp = kc__malloc(sizeof *h + top * sizeof(kc__cand))))
            return -1;
        h->n = 0;
    }
    if (h->n < top) {
        uint32_t i = h->n++;
        while (i && kc__above(&h->c[(i - 1) / 2], &x)) {
            h->c[i] = h->c[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        h->c[i] = x;
        return 0;
    }
    if (!kc__above(&x, &h->c[0]))
        return 0;
    uint32_t i = 0;
    for (;;) {
        uint32_t l = 2 * i + 1, m = i;
        const kc__cand *low = &x;
        if (l < h->n && kc__above(low, &h->c[l]))
            m = l, low = &h->c[l];
        if (l + 1 < h->n && kc__above(low, &h->c[l + 1]))
            m = l + 1;
        if (m == i)
            break;
        h->c[i] = h->c[m];
        i = m;
    }
    h->c[i] = x;
    return 0;
}

static int cmp_cand(const void *a, const void *b)
{
    const kc__cand *x = a, *y = b;
    return kc__above(x, y) ? -1 : kc__above(y, x) ? 1 : 0;
}

/* Merges each chart period's heaps (nh per chart period, heaps[k * ncp +
 * cp]) into the ranked rows. */
int kc__rank_all(kc_compile *c, kc__heap **heaps, size_t nh, size_t ncp)
{
    size_t cap = 0;
    for (size_t cp = 0; cp < ncp; cp++) {
        size_t n = 0;
        for (size_t k = 0; k < nh; k++)
            n += heaps[k * ncp + cp] ? heaps[k * ncp + cp]->n : 0;
        if (!n)
            continue;
        kc__cand *v = kc__malloc(n * sizeof *v);
        if (!v)
            return kc__compile_fail(c, KC_ENOMEM, "out of memory");
        n = 0;
        for (size_t k = 0; k < nh; k++) {
            kc__heap *h = heaps[k * ncp + cp];
            if (h)
                memcpy(v + n, h->c, h->n * sizeof *v), n += h->n;
        }
        qsort(v, n, sizeof *v, cmp_cand);
        if (n > c->r.top)
            n = c->r.top;
        if (c->nrows + n > cap) {
            size_t nc = cap ? cap * 2 : 1024;
            while (nc < c->nrows + n)
                nc *= 2;
            kc__ranked *nr = kc__realloc(c->rows, nc * sizeof *nr);
            if (!nr) {
                free(v);
                return kc__compile_fail(c, KC_ENOMEM, "out of memory");
            }
            c->rows = nr;
            cap = nc;
        }
        for (size_t i = 0; i < n; i++)
            c->rows[c->nrows++] =
                (kc__ranked){(uint32_t)(cp / c->nper), (uint32_t)(cp % c->nper),
                             (uint32_t)i + 1, c->track_ids->ids[v[i].track], v[i].score};
        c->st.charts++;
        free(v);
    }
    c->st.rows = c->nrows;
    return KC_OK;
}

/* ---- the chart list ---------------------------------------------------- */

int kc__cmp_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

int kc__find_chart(const kc_compile *c, const char *name)
{
    char(*hit)[KC_CHART_NAME_MAX] =
        bsearch(name, c->charts, c->ncharts, sizeof *c->charts, kc__cmp_name);
    return hit ? (int)(hit - c->charts) : -1;
}

/* Sorts names[0..n), makes them distinct and hands them to c as its chart
 * list. */
void kc__set_charts(kc_compile *c, char (*names)[KC_CHART_NAME_MAX], size_t n)
{
    qsort(names, n, sizeof *names, kc__cmp_name);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || strcmp(names[i], names[m - 1]))
            memmove(names[m++], names[i], KC_CHART_NAME_MAX);
    c->charts = names;
    c->ncharts = m;
}
