/*
 * results.c: running a compile and its results: kc_compile_run picks the
 * mode (distributed.c, merge.c or count.c) and runs it; the ranked rows
 * then go out as CSV (kc_compile_write_csv, scores laid out as JavaScript
 * prints them), as partial counts for a later merge
 * (kc_compile_write_partial), or into the store as snapshots of charts
 * registered on the way (kc_compile_store).
 *
 * It is the top of the layer's files and computes nothing of the charts:
 * the counting and the ranking are the modes', the handle and its inputs
 * compile.c's.
 */
#include "compile/compile.h"

#include <errno.h>
#include <math.h>
#include <sql/compile_sql.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- running ----------------------------------------------------------- */

int kc_compile_run(kc_compile *c, kc_compile_stats *stats)
{
    if (c->bad_rules)
        return KC_EUSAGE;
    if (c->ran)
        return kc__compile_fail(c, KC_EUSAGE, "the compile has run already");
    c->ran = true;
    int nthreads = kc__compile_threads(c);
    int rc = c->o.distributed ? kc__compile_distributed(c, nthreads)
             : c->nparts      ? kc__compile_parts(c)
             : c->nplays      ? kc__compile_plays(c, nthreads)
                              : KC_OK;
    c->st.bad = c->bad;
    c->st.files = c->nfiles;
    c->st.parts = c->nparts;
    if (!rc && stats)
        *stats = c->st;
    return rc;
}

/* ---- the results ------------------------------------------------------- */

static const double pow10_[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/* The shortest decimal that reads back as x, laid out as JavaScript's
 * String(x) lays it out (fixed from 1e-6 to 1e21, else d.ddde+N); returns
 * its length. Scores are finite and not negative. */
int kc__format_score(double x, char out[40])
{
    if (x < 9007199254740992.0 && x == (double)(uint64_t)x)
        return snprintf(out, 40, "%llu", (unsigned long long)x);
    /* Fast path: a few decimals, fewer than 16 significant digits. A
     * candidate r / 10^d that reads back as x (the division is correctly
     * rounded, as strtod is) is the shortest when d is the smallest. */
    if (x >= 1e-4 && x < 1e15) {
        int intdigits = x < 1 ? 1 : 1 + (int)log10(x);
        for (int d = 1; intdigits + d <= 15; d++) {
            double v = x * pow10_[d];
            if (v >= 9007199254740992.0)
                break;
            uint64_t r = (uint64_t)llround(v);
            if ((double)r / pow10_[d] != x)
                continue;
            uint64_t scale = (uint64_t)pow10_[d], ip = r / scale, fp = r % scale;
            int n = snprintf(out, 40, "%llu.%0*llu", (unsigned long long)ip, d,
                             (unsigned long long)fp);
            while (out[n - 1] == '0')
                out[--n] = '\0';
            return n;
        }
    }
    /* The general way: the fewest significant digits that read back (at
     * each count, the correctly rounded digits, or else, next to a power of
     * two where the doubles' spacing changes, one unit up or down), then
     * JavaScript's layout. */
    char digits[24];
    int nd = 0, exp = 0;
    for (int prec = 15; prec <= 17 && !nd; prec++) {
        char e[40];
        snprintf(e, sizeof e, "%.*e", prec - 1, x);
        uint64_t m = 0;
        const char *p = e;
        for (; *p && *p != 'e'; p++)
            if (*p >= '0' && *p <= '9')
                m = m * 10 + (uint64_t)(*p - '0');
        int ex = atoi(p + 1);
        for (int k = 0; k < 3 && !nd; k++) {
            uint64_t mk = k == 0 ? m : k == 1 ? m + 1 : m - 1;
            char ds[24], t[48];
            int len = snprintf(ds, sizeof ds, "%llu", (unsigned long long)mk);
            int exk = ex + (len - prec); /* a carry or a borrow moves the point */
            snprintf(t, sizeof t, "%c.%se%d", ds[0], ds + 1, exk);
            if (strtod(t, NULL) == x || prec == 17) {
                memcpy(digits, ds, (size_t)len);
                nd = len;
                exp = exk;
            }
        }
    }
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    int n = 0;
    if (exp >= -6 && exp < 21) {
        if (exp < 0) {
            n += snprintf(out + n, 40 - (size_t)n, "0.");
            for (int i = -1; i > exp; i--)
                out[n++] = '0';
            for (int i = 0; i < nd; i++)
                out[n++] = digits[i];
        } else {
            for (int i = 0; i <= exp || i < nd; i++) {
                if (i == exp + 1)
                    out[n++] = '.';
                out[n++] = i < nd ? digits[i] : '0';
            }
        }
        out[n] = '\0';
        return n;
    }
    out[n++] = digits[0];
    if (nd > 1) {
        out[n++] = '.';
        for (int i = 1; i < nd; i++)
            out[n++] = digits[i];
    }
    return n + snprintf(out + n, 40 - (size_t)n, "e%c%d", exp < 0 ? '-' : '+',
                        exp < 0 ? -exp : exp);
}

/* Writes the decimal digits of v at p; returns the end. */
static char *put_u64(char *p, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do
        tmp[n++] = (char)('0' + v % 10);
    while ((v /= 10));
    while (n)
        *p++ = tmp[--n];
    return p;
}

int kc_compile_write_csv(kc_compile *c, FILE *out)
{
    if (!c->ran)
        return kc__compile_fail(c, KC_EUSAGE, "the compile has not run");
    fputs("chart,period,rank,track_id,score\n", out);
    /* Rows come in chart period order: the "chart,period," prefix is made
     * once per chart period. */
    char prefix[KC_CHART_NAME_MAX + 24], line[KC_CHART_NAME_MAX + 104];
    size_t plen = 0;
    uint32_t last_chart = UINT32_MAX, last_period = UINT32_MAX;
    for (size_t i = 0; i < c->nrows; i++) {
        const kc__ranked *x = &c->rows[i];
        if (x->chart != last_chart || x->period != last_period) {
            char label[16];
            kc__period_label(&c->r, c->pmin + x->period, label);
            plen = (size_t)snprintf(prefix, sizeof prefix, "%s,%s,", c->charts[x->chart],
                                    label);
            last_chart = x->chart;
            last_period = x->period;
        }
        char *p = line;
        memcpy(p, prefix, plen);
        p = put_u64(p + plen, x->rank);
        *p++ = ',';
        p = put_u64(p, x->id);
        *p++ = ',';
        p += kc__format_score(x->score, p);
        *p++ = '\n';
        fwrite(line, 1, (size_t)(p - line), out);
    }
    if (fflush(out) || ferror(out))
        return kc__compile_fail(c, KC_EIO, "write error: %s", strerror(errno));
    return KC_OK;
}

static int cmp_total(const void *a, const void *b)
{
    const kc__total *x = a, *y = b;
    if (x->cp != y->cp)
        return x->cp < y->cp ? -1 : 1;
    return x->track < y->track ? -1 : x->track > y->track; /* index order is id order */
}

int kc_compile_write_partial(kc_compile *c, const char *path)
{
    if (!c->ran || !c->keep_totals)
        return kc__compile_fail(c, KC_EUSAGE,
                                "partial counts are kept only when asked for "
                                "(keep_totals)");
    /* No counts (a file of no plays: a header, no rows) is a partial file
     * of no rows, and no array: qsort's array may not be NULL, even empty. */
    if (c->ntotals)
        qsort(c->totals, c->ntotals, sizeof *c->totals, cmp_total);
    size_t tl = strlen(path) + 24;
    char *tmp = kc__malloc(tl);
    if (!tmp)
        return kc__compile_fail(c, KC_ENOMEM, "out of memory");
    snprintf(tmp, tl, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) {
        int rc =
            kc__compile_fail(c, KC_EIO, "%s: cannot create: %s", tmp, strerror(errno));
        free(tmp);
        return rc;
    }
    char rules[512];
    kc__counting_rules(&c->r, rules, sizeof rules);
    fprintf(f, "%s%s\nchart,period,track_id,premium,free\n", KC_PARTIAL_MAGIC, rules);
    for (size_t i = 0; i < c->ntotals; i++) {
        const kc__total *x = &c->totals[i];
        char label[16];
        kc__period_label(&c->r, c->pmin + x->cp % c->nper, label);
        fprintf(f, "%s,%s,%llu,%llu,%llu\n", c->charts[x->cp / c->nper], label,
                (unsigned long long)c->track_ids->ids[x->track],
                (unsigned long long)x->premium, (unsigned long long)x->free);
    }
    bool ok = fflush(f) == 0 && !ferror(f);
    ok = fsync(fileno(f)) == 0 && ok;
    ok = fclose(f) == 0 && ok;
    int rc = KC_OK;
    if (!ok || rename(tmp, path)) {
        rc = kc__compile_fail(c, KC_EIO, "%s: cannot write: %s", path, strerror(errno));
        remove(tmp);
    }
    free(tmp);
    return rc;
}

/* ---- into the store ---------------------------------------------------- */

/* Binds a copy of value (SQLite's, made now) to the parameter name of st;
 * SQLite's status. */
static int bind_copy(sqlite3_stmt *st, const char *name, const char *value)
{
    return sqlite3_bind_text(st, kc__param(st, name), value, -1, SQLITE_TRANSIENT);
}

/* Registers chart `id` (a compiled chart) unless the registry has it; it
 * must then agree on cadence and have room for the ranks. */
static int register_chart(kc_compile *c, kc_db *db, const char *id, const char *name)
{
    const kc_rules *r = &c->r;
    sqlite3_stmt *st = kc__stmt(db, kc__sql_compile_register_chart);
    if (!st)
        return KC_ESTORE;
    char title[160], naming[160];
    const char *dash = strchr(name, '-');
    const char *region = (r->group & KC_GROUP_REGION)
                             ? ((r->group & KC_GROUP_PLATFORM) && dash ? dash + 1 : name)
                             : "global";
    snprintf(title, sizeof title, "%s %s (compiled from plays)", name,
             kc__cadence_names[r->period]);
    if (r->period == KC_PERIOD_WEEK)
        snprintf(naming, sizeof naming,
                 "YYYY-MM-DD of the last day of the %s-%s week (%s)",
                 kc__day_names[r->week_start], kc__day_names[(r->week_start + 6) % 7],
                 r->time_zone);
    else
        snprintf(naming, sizeof naming, "%s in %s",
                 r->period == KC_PERIOD_HOUR ? "YYYY-MM-DDTHH, the hour" : "YYYY-MM-DD",
                 r->time_zone);
    /* A copy (SQLITE_TRANSIENT) that fails leaves the parameter NULL, which
     * the chart's id would take: check every bind. */
    int step = SQLITE_NOMEM;
    if (!bind_copy(st, ":id", id) && !bind_copy(st, ":name", title) &&
        !bind_copy(st, ":region", region) &&
        !kc__bind_text(st, ":cadence", kc__cadence_names[r->period]) &&
        !bind_copy(st, ":zone", r->time_zone) &&
        !kc__bind_int64(st, ":size", (int)r->top) && !bind_copy(st, ":naming", naming))
        step = sqlite3_step(st);
    sqlite3_reset(st);
    if (step != SQLITE_DONE)
        return kc__sqlfail(db, "register a compiled chart");
    char cadence[16];
    int size;
    int rc = kc__chart_lookup(db, id, cadence, &size);
    if (rc)
        return rc;
    if (strcmp(cadence, kc__cadence_names[r->period]) || size < (int)r->top)
        return kc__fail(db, KC_ECONFLICT,
                        "chart %s is registered as %s with %d ranks; these rules make "
                        "a %s chart of %u",
                        id, cadence, size, kc__cadence_names[r->period], r->top);
    return KC_OK;
}

int kc_compile_store(kc_compile *c, kc_db *db, kc_ingest_stats *stats)
{
    if (!c->ran)
        return kc__fail(db, KC_EUSAGE, "the compile has not run");
    kc__batch b = {0};
    b.path = "compile";
    b.arena = kc__arena_new();
    b.index = kc__map_new();
    int rc = b.arena && b.index ? KC_OK : kc__fail(db, KC_ENOMEM, "out of memory");
    if (!rc)
        rc = kc__begin(db);
    bool in_tx = !rc;
    if (!rc)
        kc__cache_check(db);
    for (size_t i = 0; !rc && i < c->nrows; i++) {
        const kc__ranked *x = &c->rows[i];
        char id[96], label[16], track[24];
        snprintf(id, sizeof id, "%s-%s-%s", c->r.chart_prefix, c->charts[x->chart],
                 kc__cadence_names[c->r.period]);
        if (strlen(id) >= sizeof b.snaps->chart_id) {
            rc = kc__fail(db, KC_EINPUT, "chart id %s is longer than %zu bytes", id,
                          sizeof b.snaps->chart_id - 1);
            break;
        }
        if (x->rank == 1 && (rc = register_chart(c, db, id, c->charts[x->chart])))
            break;
        kc__period_label(&c->r, c->pmin + x->period, label);
        char err[KC_ERRMSG_MAX];
        int status = KC_OK;
        kc__snap *s = kc__batch_snap(&b, id, label, 1, &status, err, sizeof err);
        kc__row *r =
            s ? kc__snap_row(&b, s, (int)x->rank, &status, err, sizeof err) : NULL;
        if (!r) {
            rc = kc__fail(db, status ? status : KC_ENOMEM, "%s", err);
            break;
        }
        int n = snprintf(track, sizeof track, "%llu", (unsigned long long)x->id);
        r->rank = (int32_t)x->rank;
        r->title = r->provider_id = kc__batch_strdup(&b, track, (size_t)n);
        r->artist = "";
        r->value = (int64_t)llround(x->score);
        r->p_last = 0;
        r->p_peak = r->p_periods = KC_NONE;
        if (!r->title)
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
    }
    if (!rc)
        rc = kc__ingest_batch(db, &b, "compile", 0, stats);
    if (in_tx) {
        if (!rc && (rc = kc__commit(db)))
            kc__rollback(db);
        else if (rc)
            kc__rollback(db);
    }
    kc__batch_free(&b);
    return rc;
}
