/*
 * merge.c: merge mode: partial-count files (kc_compile_write_partial,
 * results.c) read back, their sums of one (chart, period, track) added up
 * in a hash table, and ranked. Counts from disjoint sets of users add up
 * exactly, so the merge of the parts is the compile of the whole; a file
 * counted under other counting rules is refused.
 *
 * It reads no plays (count.c counts them). The sum table and the ranking of
 * its sums are also the last steps of a distributed compile
 * (distributed.c).
 */
#include "compile/compile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- the sums ---------------------------------------------------------- */

int kc__mtable_add(kc__mtable *t, uint32_t chart, int64_t period, uint32_t track,
                   const uint64_t n[2])
{
    if (t->n + 1 > t->cap / 2) {
        size_t nc = t->cap ? t->cap * 2 : 4096;
        kc__msum *v = kc__calloc(nc, sizeof *v);
        if (!v)
            return -1;
        for (size_t i = 0; i < t->cap; i++) {
            if (!t->v[i].chart1)
                continue;
            const kc__msum *x = &t->v[i];
            size_t h = kc__mix64((uint64_t)x->track << 32 ^
                                 (uint64_t)x->period * 0x9E3779B1u ^ x->chart1) &
                       (nc - 1);
            while (v[h].chart1)
                h = (h + 1) & (nc - 1);
            v[h] = *x;
        }
        free(t->v);
        t->v = v;
        t->cap = nc;
    }
    size_t h =
        kc__mix64((uint64_t)track << 32 ^ (uint64_t)period * 0x9E3779B1u ^ (chart + 1)) &
        (t->cap - 1);
    for (;; h = (h + 1) & (t->cap - 1)) {
        kc__msum *x = &t->v[h];
        if (!x->chart1) {
            *x = (kc__msum){chart + 1, track, period, {0, 0}};
            t->n++;
        } else if (x->chart1 != chart + 1 || x->track != track || x->period != period) {
            continue;
        }
        if (x->n[0] > UINT64_MAX - n[0] || x->n[1] > UINT64_MAX - n[1])
            return -2;
        x->n[0] += n[0];
        x->n[1] += n[1];
        return 0;
    }
}

static bool chart_name_ok(const char *s, size_t n)
{
    if (n == 0 || n >= KC_CHART_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.'))
            return false;
    }
    return true;
}

/* Reads the partial-counts file at path into t: its first line must name
 * the counting rules of c, its second the header; each row's counts are
 * added to its (chart, period, track). A chart seen for the first time is
 * appended to *order[0..*norder) and mapped in names to its index + 1. The
 * message on c ("path:line:column: what" for a bad row) on failure. */
static int read_part(kc_compile *c, const char *path, kc__mtable *t, kc__map *names,
                     char (**order)[KC_CHART_NAME_MAX], size_t *norder)
{
    char refused[KC_ERRMSG_MAX];
    FILE *f = kc__fopen_regular(path, refused, sizeof refused);
    if (!f)
        return kc__compile_fail(c, KC_EIO, "%s", refused);
    char rules[512], line[512];
    kc__counting_rules(&c->r, rules, sizeof rules);
    int rc = KC_OK;
    long lineno = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n')
            line[--n] = '\0';
        else if (!feof(f)) {
            rc = kc__compile_fail(c, KC_EINPUT, "%s:%ld:1: a line longer than %zu bytes",
                                  path, lineno, sizeof line - 2);
            break;
        }
        if (lineno == 1) {
            size_t m = sizeof KC_PARTIAL_MAGIC - 1;
            if (n < m || memcmp(line, KC_PARTIAL_MAGIC, m))
                rc = kc__compile_fail(c, KC_EINPUT, "%s:1:1: not a partial-counts file",
                                      path);
            else if (strcmp(line + m, rules))
                rc = kc__compile_fail(
                    c, KC_EINPUT,
                    "%s:1:%zu: counted under other rules (%s) than this merge's (%s)",
                    path, m + 1, line + m, rules);
            continue;
        }
        if (lineno == 2) {
            if (strcmp(line, "chart,period,track_id,premium,free"))
                rc = kc__compile_fail(
                    c, KC_EINPUT,
                    "%s:2:1: expected the header chart,period,track_id,premium,free",
                    path);
            continue;
        }
        char *field[6];
        int nf = 0;
        for (char *p = line; nf < 6;) {
            field[nf++] = p;
            char *comma = strchr(p, ',');
            if (!comma)
                break;
            *comma = '\0';
            p = comma + 1;
        }
        int64_t period;
        uint64_t id, n2[2];
        int col = 0;
        const char *why = NULL;
        if (nf != 5)
            col = 1, why = "expected 5 fields";
        else if (!chart_name_ok(field[0], strlen(field[0])))
            col = 1, why = "a bad chart name";
        else if (!kc__period_parse(&c->r, field[1], &period))
            col = (int)(field[1] - line) + 1, why = "a bad period for these rules";
        else if (!kc__parse_u64(field[2], strlen(field[2]), UINT64_MAX, &id))
            col = (int)(field[2] - line) + 1, why = "a bad track_id";
        else if (!kc__parse_u64(field[3], strlen(field[3]), UINT64_MAX, &n2[1]))
            col = (int)(field[3] - line) + 1, why = "a bad premium count";
        else if (!kc__parse_u64(field[4], strlen(field[4]), UINT64_MAX, &n2[0]))
            col = (int)(field[4] - line) + 1, why = "a bad free count";
        if (why) {
            rc = kc__compile_fail(c, KC_EINPUT, "%s:%ld:%d: %s", path, lineno, col, why);
            break;
        }
        bool created;
        void **slot = kc__map_get(names, field[0], strlen(field[0]), true, &created);
        int64_t track = kc__dict_put(&c->tracks, id);
        if (!slot || track < 0) {
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
            break;
        }
        if (created) {
            char(*v)[KC_CHART_NAME_MAX] = kc__realloc(*order, (*norder + 1) * sizeof *v);
            if (!v) {
                rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
                break;
            }
            *order = v;
            snprintf(v[*norder], KC_CHART_NAME_MAX, "%s", field[0]);
            *slot = (void *)(uintptr_t)++ * norder;
        }
        int r = kc__mtable_add(t, (uint32_t)((uintptr_t)*slot - 1), period,
                               (uint32_t)track, n2);
        if (r == -1)
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
        else if (r == -2)
            rc = kc__compile_fail(c, KC_EINPUT, "%s:%ld:1: counts overflow 64 bits", path,
                                  lineno);
    }
    if (!rc && ferror(f))
        rc = kc__compile_fail(c, KC_EIO, "%s: read error", path);
    if (!rc && lineno < 2)
        rc = kc__compile_fail(c, KC_EINPUT, "%s:%ld:1: the header is missing", path,
                              lineno + 1);
    fclose(f);
    return rc;
}

/* Ranks the sums in t, whose charts are order[0..norder) (by index as
 * added), into c's rows. */
int kc__rank_sums(kc_compile *c, kc__mtable *t, char (*order)[KC_CHART_NAME_MAX],
                  size_t norder)
{
    uint32_t *remap = NULL;
    kc__heap **heaps = NULL;
    int rc = KC_OK;
    c->track_ids = &c->tracks;
    if (!t->n)
        return KC_OK;
    /* Tracks in id order, so that index order is id order. */
    uint32_t *tmap = kc__malloc((c->tracks.n + 1) * sizeof *tmap);
    if (!tmap || kc__dict_sort(&c->tracks, tmap)) {
        free(tmap);
        return kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < t->cap; i++)
        if (t->v[i].chart1)
            t->v[i].track = tmap[t->v[i].track];
    free(tmap);
    /* Charts in name order; periods from the first to the last seen. */
    char(*sorted)[KC_CHART_NAME_MAX] = kc__malloc(norder * sizeof *sorted);
    remap = kc__malloc(norder * sizeof *remap);
    if (!sorted || !remap) {
        free(sorted);
        free(remap);
        return kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    memcpy(sorted, order, norder * sizeof *sorted);
    free(c->charts);
    kc__set_charts(c, sorted, norder);
    for (size_t i = 0; i < norder; i++)
        remap[i] = (uint32_t)kc__find_chart(c, order[i]);
    int64_t pmin = INT64_MAX, pmax = INT64_MIN;
    for (size_t i = 0; i < t->cap; i++)
        if (t->v[i].chart1) {
            pmin = t->v[i].period < pmin ? t->v[i].period : pmin;
            pmax = t->v[i].period > pmax ? t->v[i].period : pmax;
        }
    if ((uint64_t)(pmax - pmin + 1) * c->ncharts > KC_CP_MAX) {
        rc = kc__compile_fail(c, KC_ETOOBIG, "more than %u chart periods in one merge",
                              KC_CP_MAX);
        goto out;
    }
    c->pmin = pmin;
    c->nper = (uint32_t)(pmax - pmin + 1);
    size_t ncp = c->ncharts * c->nper;
    heaps = kc__calloc(ncp, sizeof *heaps);
    if (!heaps ||
        (c->keep_totals && !(c->totals = kc__malloc(t->n * sizeof *c->totals)))) {
        rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < t->cap && !rc; i++) {
        const kc__msum *x = &t->v[i];
        if (!x->chart1)
            continue;
        uint32_t cp = remap[x->chart1 - 1] * c->nper + (uint32_t)(x->period - pmin);
        kc__cand k = {kc__score_of(&c->r, x->n[1], x->n[0]), x->track};
        if (kc__heap_offer(&heaps[cp], c->r.top, k))
            rc = kc__compile_fail(c, KC_ENOMEM, "out of memory");
        if (c->keep_totals)
            c->totals[c->ntotals++] = (kc__total){cp, x->track, x->n[1], x->n[0]};
    }
    if (!rc)
        rc = kc__rank_all(c, heaps, 1, ncp);
    for (size_t i = 0; heaps && i < ncp; i++)
        free(heaps[i]);
out:
    free(heaps);
    free(remap);
    return rc;
}

/* ---- merge mode -------------------------------------------------------- */

int kc__compile_parts(kc_compile *c)
{
    kc__mtable t = {0};
    kc__map *names = kc__map_new();
    char(*order)[KC_CHART_NAME_MAX] = NULL;
    size_t norder = 0;
    int rc = names ? KC_OK : kc__compile_fail(c, KC_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < c->nparts; i++)
        rc = read_part(c, c->parts[i], &t, names, &order, &norder);
    if (!rc)
        rc = kc__rank_sums(c, &t, order, norder);
    free(order);
    free(t.v);
    kc__map_free(names, NULL);
    return rc;
}
