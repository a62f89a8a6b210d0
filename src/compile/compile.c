/*
 * compile.c: the compile's handle (kc_compile): made under checked rules,
 * given its inputs (play files, read here; partial-count and distributed
 * inputs, only named here, are read when it runs), freed; its error message
 * and the few helpers every mode uses. Also converting CSV play files into
 * the binary format (kc_plays_convert), which loads plays as
 * kc_compile_add does.
 *
 * It does not count, rank or write results: kc_compile_run and the results
 * are in results.c, above the three modes (count.c, merge.c,
 * distributed.c), which use this file.
 */
#include "compile/compile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- the handle -------------------------------------------------------- */

int kc__compile_fail(kc_compile *c, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
    return status;
}

kc_compile *kc_compile_new(const kc_rules *r, const kc_compile_opts *opts)
{
    kc_compile *c = kc__calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->r = *r;
    if (opts)
        c->o = *opts;
    c->keep_totals = c->o.keep_totals != 0;
    pthread_mutex_init(&c->lock, NULL);
    const char *why = NULL;
    if (r->period < 0 || r->period > 2)
        why = "the period must be hour, day or week";
    else if (memchr(r->time_zone, 0, sizeof r->time_zone) == NULL ||
             !kc__tz_valid(r->time_zone))
        why = "unknown time zone";
    else if (r->week_start < 0 || r->week_start > 6)
        why = "the week must start on a day 0 (Monday) to 6 (Sunday)";
    else if (r->top < 1 || r->top > 100000)
        why = "top must be 1 to 100000";
    else if (!(r->w_premium >= 0 && r->w_premium <= 1e6 && r->w_free >= 0 &&
               r->w_free <= 1e6))
        why = "weights must be 0 to 1000000";
    else if (r->group < 0 || r->group > 3)
        why = "unknown grouping";
    if (why) {
        c->bad_rules = 1;
        kc__compile_fail(c, KC_EUSAGE, "%s", why);
    }
    return c;
}

const char *kc_compile_errmsg(const kc_compile *c)
{
    return c->err;
}

void kc_compile_free(kc_compile *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nplays; i++)
        kc__plays_free(&c->plays[i]);
    free(c->plays);
    for (size_t i = 0; i < c->nparts; i++)
        free(c->parts[i]);
    free(c->parts);
    for (size_t i = 0; i < c->ndpaths; i++)
        free(c->dpaths[i]);
    free(c->dpaths);
    kc__dict_free(&c->tracks);
    free(c->charts);
    free(c->rows);
    free(c->totals);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

void kc__on_bad_relay(void *ctx, const char *msg)
{
    kc_compile *c = ctx;
    if (c->o.on_bad)
        c->o.on_bad(c->o.ctx, msg);
}

int kc__compile_threads(const kc_compile *c)
{
    int n = c->o.threads;
    if (n <= 0) {
        long k = sysconf(_SC_NPROCESSORS_ONLN);
        n = k > 0 ? (int)k : 1;
    }
    return n > KC_THREADS_MAX ? KC_THREADS_MAX : n;
}

double kc__now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int kc_compile_add(kc_compile *c, const char *path)
{
    if (c->bad_rules)
        return KC_EUSAGE;
    if (c->ran)
        return kc__compile_fail(c, KC_EUSAGE,
                                "inputs must be added before the compile runs");
    char why[KC_ERRMSG_MAX];
    FILE *f = kc__fopen_regular(path, why, sizeof why);
    if (!f)
        return kc__compile_fail(c, KC_EIO, "%s", why);
    char head[sizeof KC_PARTIAL_MAGIC] = "";
    size_t len = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    bool partial = len == sizeof head - 1 && !memcmp(head, KC_PARTIAL_MAGIC, len);
    if ((partial && c->nplays) || (!partial && c->nparts))
        return kc__compile_fail(
            c, KC_EUSAGE, "%s: a compile takes play files or partial counts, not both",
            path);
    if (c->o.distributed && partial)
        return kc__compile_fail(c, KC_EUSAGE,
                                "%s: partial counts are merged in one process, not "
                                "under mpirun",
                                path);
    if (partial || c->o.distributed) {
        /* Partial counts are read when the compile runs; so are the plays
         * of a distributed compile, each rank its share. */
        if (c->o.distributed) {
            char **v = kc__realloc(c->dpaths, (c->ndpaths + 1) * sizeof *v);
            if (!v || !(v[c->ndpaths] = kc__strdup(path))) {
                if (v)
                    c->dpaths = v;
                return kc__compile_fail(c, KC_ENOMEM, "out of memory");
            }
            c->dpaths = v;
            c->ndpaths++;
            c->nfiles++;
            return KC_OK;
        }
        char **v = kc__realloc(c->parts, (c->nparts + 1) * sizeof *v);
        if (!v)
            return kc__compile_fail(c, KC_ENOMEM, "out of memory");
        c->parts = v;
        if (!(v[c->nparts] = kc__strdup(path)))
            return kc__compile_fail(c, KC_ENOMEM, "out of memory");
        c->nparts++;
        return KC_OK;
    }
    kc__badpolicy bp = {c->o.on_bad ? kc__on_bad_relay : NULL, c, &c->bad};
    kc__plays *got;
    size_t n;
    /* The bad-line callback runs after the reader threads, in this one. */
    int rc = kc__plays_load(path, kc__compile_threads(c), &bp, &got, &n, c->err,
                            sizeof c->err);
    if (rc)
        return rc;
    kc__plays *v = kc__realloc(c->plays, (c->nplays + n) * sizeof *v);
    if (!v) {
        for (size_t i = 0; i < n; i++)
            kc__plays_free(&got[i]);
        free(got);
        return kc__compile_fail(c, KC_ENOMEM, "out of memory");
    }
    c->plays = v;
    memcpy(v + c->nplays, got, n * sizeof *got);
    c->nplays += n;
    c->nfiles++;
    free(got);
    return KC_OK;
}

/* ---- converting -------------------------------------------------------- */

int kc_plays_convert(const char *const *inputs, size_t n, const char *out,
                     const kc_compile_opts *opts, uint64_t *plays, char *err,
                     size_t errlen)
{
    kc__plays *all = NULL;
    size_t nall = 0;
    uint64_t bad = 0;
    kc__badpolicy bp = {opts ? opts->on_bad : NULL, opts ? opts->ctx : NULL, &bad};
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = opts && opts->threads > 0 ? opts->threads : cores > 0 ? (int)cores : 1;
    int rc = KC_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        kc__plays *got;
        size_t k;
        if ((rc = kc__plays_load(inputs[i], threads, &bp, &got, &k, err, errlen)))
            break;
        kc__plays *v = kc__realloc(all, (nall + k) * sizeof *v);
        if (v) {
            memcpy(v + nall, got, k * sizeof *got);
            all = v;
            nall += k;
        } else {
            for (size_t j = 0; j < k; j++)
                kc__plays_free(&got[j]);
            snprintf(err, errlen, "out of memory");
            rc = KC_ENOMEM;
        }
        free(got);
        if (!rc && k == 1 && all[nall - 1].fd >= 0) {
            snprintf(err, errlen, "%s:1:1: already in kchart's binary plays format",
                     inputs[i]);
            rc = KC_EINPUT;
        }
    }
    kc__plays one = {.fd = -1};
    if (!rc && (rc = kc__plays_merge(all, nall, &one)))
        snprintf(err, errlen, "%s",
                 rc == KC_ETOOBIG ? "more than 4294967294 users or tracks"
                                  : "out of memory");
    if (!rc)
        rc = kc__plays_write(&one, out, err, errlen);
    if (!rc && plays)
        *plays = one.n;
    kc__plays_free(&one);
    for (size_t i = 0; i < nall; i++)
        kc__plays_free(&all[i]);
    free(all);
    return rc;
}
