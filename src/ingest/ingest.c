/*
 * ingest.c: files in, observations stored, runs brought up to date.
 *
 * Detects a file's format (or takes --format), has its adapter parse it into
 * snapshots, checks them against the registry (known chart, period shaped for
 * the chart's cadence, ranks unique and within the chart's size), stores them
 * and updates the derived runs, all in one savepoint per file: a bad file
 * leaves nothing behind. A snapshot already stored with the same rows is left
 * alone, so ingesting a file twice changes nothing; different rows for a
 * stored chart and period are refused unless --replace. The files of a
 * directory are read and parsed on a second thread while the one before
 * is stored (reading ahead, below); storing keeps their order. Not a
 * parser itself: the adapter_*.c files are.
 */
#define _DEFAULT_SOURCE /* DT_DIR, DT_REG */
#include "ingest/ingest.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <sql/ingest_sql.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

static const struct {
    const char *name;
    kc__adapter_fn parse;
} adapters[] = {
    {"billboard", kc__parse_billboard},
    {"spotify", kc__parse_spotify},
    {"spotify-old", kc__parse_spotify_old},
    {"generic", kc__parse_generic},
};
#define NADAPTERS (sizeof adapters / sizeof *adapters)

/* Which adapter reads buf: 0..NADAPTERS-1, or -1 for text that is no chart
 * format at all (an HTML page that a scraper saved instead of a chart). */
static int detect(const char *buf, size_t len)
{
    size_t i = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len &&
           (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
        i++;
    if (i < len && (buf[i] == '{' || buf[i] == '['))
        return 0;
    if (i < len && buf[i] == '<')
        return -1;
    if (len - i >= 9 && !memcmp(buf + i, "rank,uri,", 9))
        return 1;
    if ((len - i >= 9 && !memcmp(buf + i, "Position,", 9)) ||
        (len - i >= 3 && !memcmp(buf + i, ",,,", 3)))
        return 2;
    return 3;
}

/* ---- checking --------------------------------------------------------- */

static int cmp_rank(const void *a, const void *b)
{
    const kc__row *x = a, *y = b;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

/* Some archives lose a row of a chart and number the rest 1..n-1. The
 * provider's own peak then betrays it: a row whose peak is worse than its
 * rank cannot be (peak is the best rank ever held). When a snapshot has fewer
 * rows than the chart's size and is numbered without gaps, the ranks from the
 * first such row on move down one, restoring the lost place. Seen in the
 * Billboard Hot 100 archive for 13 charts of 1976-77 (docs/runs.md). */
static void restore_lost_row(kc__snap *s, int size)
{
    if (!s->has_counters || s->nrows == 0 || s->nrows >= (size_t)size ||
        s->rows[s->nrows - 1].rank != (int32_t)s->nrows)
        return;
    for (size_t i = 0; i < s->nrows; i++) {
        if (s->rows[i].p_peak != KC_NONE && s->rows[i].p_peak > s->rows[i].rank) {
            for (size_t j = i; j < s->nrows; j++)
                s->rows[j].rank++;
            return;
        }
    }
}

static int check_snap(kc_db *db, const char *bpath, kc__snap *s, kc__batch *b)
{
    /* A batch may gather several files (a series dataset): each snapshot and
     * row names its own. */
    const char *path = s->file ? s->file : bpath;
    char cadence[16];
    int size;
    int rc = kc__chart_lookup(db, s->chart_id, cadence, &size);
    if (rc && rc != KC_ENOTFOUND)
        return rc;
    if (rc)
        return kc__fail(db, KC_EINPUT,
                        "%s:%d:1: unknown chart \"%s\" (see `kchart charts`)", path,
                        (int)s->line, s->chart_id);
    if (!kc__period_valid(cadence, s->period))
        return kc__fail(db, KC_EINPUT,
                        "%s:%d:1: period \"%s\" is not a valid %s period of %s", path,
                        (int)s->line, s->period, cadence, s->chart_id);
    /* A partial snapshot may be empty: the chart was seen, none of the
     * dataset's songs on it. */
    if (s->nrows == 0 && !s->partial)
        return kc__fail(db, KC_EINPUT, "%s:%d:1: %s %s has no rows", path, (int)s->line,
                        s->chart_id, s->period);
    if (s->nrows) /* an empty partial snapshot has no rows at all */
        qsort(s->rows, s->nrows, sizeof *s->rows, cmp_rank);
    for (size_t i = 0; i < s->nrows; i++) {
        kc__row *r = &s->rows[i];
        if (r->file)
            path = r->file;
        if (i > 0 && r->rank == s->rows[i - 1].rank) {
            const kc__row *first = &s->rows[i - 1];
            const kc__row *second = first->line < r->line ? r : first;
            return kc__fail(db, KC_EINPUT, "%s:%d:%d: rank %d appears twice in %s %s",
                            second->file ? second->file : path, (int)second->line,
                            (int)second->col, (int)r->rank, s->chart_id, s->period);
        }
        const char *field = strlen(r->title) > KC_NAME_MAX    ? "title"
                            : strlen(r->artist) > KC_NAME_MAX ? "artist"
                            : r->provider_id && strlen(r->provider_id) > KC_NAME_MAX
                                ? "provider id"
                                : NULL;
        if (field)
            return kc__fail(db, KC_EINPUT,
                            "%s:%d:%d: %s longer than %d bytes (KC_NAME_MAX)", path,
                            (int)r->line, (int)r->col, field, KC_NAME_MAX);
        const char *what = NULL;
        if (r->rank > size)
            what = "rank";
        else if (r->p_last > size)
            what = "last rank";
        else if (r->p_peak != KC_NONE && r->p_peak > size)
            what = "peak";
        if (what)
            return kc__fail(db, KC_EINPUT, "%s:%d:%d: %s beyond the size of %s (%d)",
                            path, (int)r->line, (int)r->col, what, s->chart_id, size);
        const char *texts[2] = {r->title, r->artist};
        for (int t = 0; t < 2; t++) {
            size_t n = strlen(texts[t]);
            if (kc__utf8_check(texts[t], n) != n)
                return kc__fail(db, KC_EINPUT, "%s:%d:%d: invalid UTF-8", path,
                                (int)r->line, (int)r->col);
            /* No control characters: they mean nothing in a name, would
             * reach terminals raw, and \x1f separates fields in keys. */
            for (size_t k = 0; k < n; k++)
                if ((unsigned char)texts[t][k] < 0x20 || texts[t][k] == 0x7F)
                    return kc__fail(db, KC_EINPUT,
                                    "%s:%d:%d: control character in the %s", path,
                                    (int)r->line, (int)r->col, t ? "artist" : "title");
            /* ASCII is its own NFC: keep it where it is, uncopied. */
            size_t k = 0;
            while (k < n && (unsigned char)texts[t][k] < 0x80)
                k++;
            if (k == n)
                continue;
            const char *kept = r->nfc[t]; /* made ahead (read_ahead) */
            if (!kept) {
                char *nfc = kc__nfc(texts[t]);
                if (!nfc)
                    return kc__fail(db, KC_ENOMEM, "out of memory");
                kept = kc__batch_strdup(b, nfc, strlen(nfc));
                free(nfc);
            }
            if (!kept)
                return kc__fail(db, KC_ENOMEM, "out of memory");
            if (t == 0)
                r->title = kept;
            else
                r->artist = kept;
        }
    }
    restore_lost_row(s, size);
    return KC_OK;
}

/* ---- storing ---------------------------------------------------------- */

static void digest_of(const kc__snap *s, char out[33])
{
    XXH3_state_t st;
    XXH3_INITSTATE(&st);
    XXH3_128bits_reset(&st);
    XXH3_128bits_update(&st, &s->has_counters, sizeof s->has_counters);
    if (s->partial) /* digests of whole snapshots stay as they were */
        XXH3_128bits_update(&st, "partial", 7);
    for (size_t i = 0; i < s->nrows; i++) {
        const kc__row *r = &s->rows[i];
        int64_t nums[5] = {r->rank, r->value, r->p_last, r->p_peak, r->p_periods};
        XXH3_128bits_update(&st, nums, sizeof nums);
        XXH3_128bits_update(&st, r->title, strlen(r->title) + 1);
        XXH3_128bits_update(&st, r->artist, strlen(r->artist) + 1);
        const char *id = r->provider_id ? r->provider_id : "";
        XXH3_128bits_update(&st, id, strlen(id) + 1);
    }
    XXH128_hash_t h = XXH3_128bits_digest(&st);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64,
             (unsigned long long)h.low64);
}

/* Binds v at index i, NULL when it is KC_NONE (not published). */
static void bind_opt(sqlite3_stmt *st, int i, int64_t v)
{
    if (v == KC_NONE)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, v);
}

/* The parameters of ingest-observation-put.sql, looked up once a snapshot
 * and bound by index for each of its rows. */
enum {
    OBS_SNAPSHOT,
    OBS_RANK,
    OBS_TITLE,
    OBS_ARTIST,
    OBS_PID,
    OBS_VALUE,
    OBS_P_LAST,
    OBS_P_PEAK,
    OBS_P_PERIODS,
    OBS_N
};
static const char *const obs_params[OBS_N] = {":snapshot", ":rank",        ":title",
                                              ":artist",   ":provider_id", ":value",
                                              ":p_last",   ":p_peak",      ":p_periods"};

/* Rows a statement of ingest-observations-put.sql stores. */
#define OBS_TEN 10

/* Binds r's values to st's parameters ix[OBS_RANK] .. ix[OBS_P_PERIODS]. */
static void bind_row(sqlite3_stmt *st, const int *ix, const kc__row *r)
{
    sqlite3_bind_int64(st, ix[OBS_RANK], r->rank);
    sqlite3_bind_text(st, ix[OBS_TITLE], r->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, ix[OBS_ARTIST], r->artist, -1, SQLITE_STATIC);
    /* NULL binds NULL: no provider id */
    sqlite3_bind_text(st, ix[OBS_PID], r->provider_id, -1, SQLITE_STATIC);
    bind_opt(st, ix[OBS_VALUE], r->value);
    /* p_last: 0 (the provider says none) and KC_NONE both store NULL;
     * snapshot.has_counters tells them apart. */
    bind_opt(st, ix[OBS_P_LAST], r->p_last <= 0 ? KC_NONE : r->p_last);
    bind_opt(st, ix[OBS_P_PEAK], r->p_peak);
    bind_opt(st, ix[OBS_P_PERIODS], r->p_periods);
}

/* Stores one snapshot. *changed says whether anything was written. */
static int store_snap(kc_db *db, const char *path, const char *source, kc__snap *s,
                      bool replace, bool *changed)
{
    char *digest = s->digest;
    digest_of(s, digest);
    *changed = false;
    s->held = false;
    int rc = KC_OK;
    sqlite3_stmt *find = kc__stmt(db, kc__sql_ingest_snapshot_find);
    if (!find)
        return KC_ESTORE;
    kc__bind_text(find, ":chart", s->chart_id);
    kc__bind_text(find, ":period", s->period);
    int step = sqlite3_step(find);
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        rc = kc__sqlfail(db, "find snapshot");
        sqlite3_reset(find);
        return rc;
    }
    if (step == SQLITE_ROW) {
        bool same = !strcmp((const char *)sqlite3_column_text(find, 1), digest);
        if (same) {
            sqlite3_reset(find);
            s->held = true;
            return KC_OK;
        }
        if (!replace) {
            rc = kc__fail(db, KC_ECONFLICT,
                          "%s:%d:1: %s %s is already stored (from %s) with different "
                          "rows; use --replace to replace it",
                          s->file ? s->file : path, (int)s->line, s->chart_id, s->period,
                          (const char *)sqlite3_column_text(find, 2));
            sqlite3_reset(find);
            return rc;
        }
        sqlite3_int64 old = sqlite3_column_int64(find, 0);
        sqlite3_reset(find);
        if ((rc = kc__runs_forget(db, s->chart_id)))
            return rc;
        sqlite3_stmt *del = kc__prepare(db, kc__sql_ingest_snapshot_delete);
        if (!del)
            return KC_ESTORE;
        kc__bind_int64(del, ":snapshot", old);
        if (sqlite3_step(del) != SQLITE_DONE)
            rc = kc__sqlfail(db, "replace snapshot");
        sqlite3_finalize(del);
        if (rc)
            return rc;
    } else {
        sqlite3_reset(find);
    }
    sqlite3_stmt *ins = kc__stmt(db, kc__sql_ingest_snapshot_put);
    if (!ins)
        return KC_ESTORE;
    kc__bind_text(ins, ":chart", s->chart_id);
    kc__bind_text(ins, ":period", s->period);
    kc__bind_text(ins, ":source", source);
    kc__bind_text(ins, ":digest", digest);
    kc__bind_int64(ins, ":has_counters", s->has_counters);
    kc__bind_int64(ins, ":partial", s->partial);
    if (sqlite3_step(ins) != SQLITE_DONE)
        rc = kc__sqlfail(db, "store snapshot");
    sqlite3_reset(ins);
    if (rc)
        return rc;
    sqlite3_int64 id = sqlite3_last_insert_rowid(kc__sql(db));
    size_t i = 0;
    /* Ten rows a statement, while ten are left (the file's numbering
     * checked: else a row a statement, as below). */
    sqlite3_stmt *ten =
        s->nrows >= OBS_TEN ? kc__stmt(db, kc__sql_ingest_observations_put) : NULL;
    if (ten && sqlite3_bind_parameter_count(ten) == 1 + 8 * OBS_TEN &&
        sqlite3_bind_parameter_index(ten, ":snapshot") == 1 &&
        sqlite3_bind_parameter_index(ten, ":rank0") == 2 &&
        sqlite3_bind_parameter_index(ten, ":p_periods9") == 1 + 8 * OBS_TEN) {
        for (; i + OBS_TEN <= s->nrows && !rc; i += OBS_TEN) {
            sqlite3_bind_int64(ten, 1, id);
            for (int k = 0; k < OBS_TEN; k++) {
                int ix[OBS_N]; /* row k's: 2 + 8k on, in obs_params' order */
                for (int p = OBS_RANK; p < OBS_N; p++)
                    ix[p] = 1 + 8 * k + p;
                bind_row(ten, ix, &s->rows[i + (size_t)k]);
            }
            if (sqlite3_step(ten) != SQLITE_DONE)
                rc = kc__sqlfail(db, "store row");
            sqlite3_reset(ten);
        }
    } else if (ten) {
        sqlite3_reset(ten);
    }
    sqlite3_stmt *obs =
        i < s->nrows && !rc ? kc__stmt(db, kc__sql_ingest_observation_put) : NULL;
    if (i < s->nrows && !rc && !obs)
        return KC_ESTORE;
    int ix[OBS_N];
    if (obs)
        kc__params(obs, obs_params, OBS_N, ix);
    for (; i < s->nrows && !rc; i++) {
        sqlite3_bind_int64(obs, ix[OBS_SNAPSHOT], id);
        bind_row(obs, ix, &s->rows[i]);
        if (sqlite3_step(obs) != SQLITE_DONE)
            rc = kc__sqlfail(db, "store row");
        sqlite3_reset(obs);
    }
    *changed = s->held = !rc;
    return rc;
}

static int cmp_chart_period(const void *a, const void *b)
{
    const kc__snap *x = *(kc__snap *const *)a, *y = *(kc__snap *const *)b;
    int c = strcmp(x->chart_id, y->chart_id);
    return c ? c : strcmp(x->period, y->period);
}

/* The chart's entry in g, added if absent (NULL when out of memory). */
static kc__group_chart *group_chart(kc__group *g, const char *chart)
{
    for (size_t i = 0; i < g->n; i++)
        if (!strcmp(g->v[i].chart, chart))
            return &g->v[i];
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 8;
        kc__group_chart *v = kc__realloc(g->v, cap * sizeof *v);
        if (!v)
            return NULL;
        g->v = v;
        g->cap = cap;
    }
    kc__group_chart *t = &g->v[g->n++];
    *t = (kc__group_chart){0};
    snprintf(t->chart, sizeof t->chart, "%s", chart);
    return t;
}

/* Lowers a period kept in p[32] to period ("" counts as none). */
static void lower(char p[32], const char *period)
{
    if (!p[0] || strcmp(period, p) < 0)
        snprintf(p, 32, "%s", period);
}

/* Brings each chart that got new snapshots up to date from its earliest new
 * period: appended to at once, or, in a group, a backfill left to the
 * group's end (kc__group_derive); without a group a backfill is derived
 * here (kc__runs_update). The charts go into g when given. */
static int update_runs(kc_db *db, kc__batch *b, kc__group *g)
{
    kc__snap **v = kc__malloc(b->nsnaps * sizeof *v);
    if (!v)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    size_t n = 0;
    for (size_t i = 0; i < b->nsnaps; i++)
        if (b->snaps[i].stored)
            v[n++] = &b->snaps[i];
    qsort(v, n, sizeof *v, cmp_chart_period);
    int rc = KC_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        if (i > 0 && !strcmp(v[i]->chart_id, v[i - 1]->chart_id))
            continue;
        kc__group_chart *t = g ? group_chart(g, v[i]->chart_id) : NULL;
        if (g && !t) {
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
            break;
        }
        bool appends = true;
        if (t) {
            lower(t->from, v[i]->period);
            if (!t->redo[0])
                rc = kc__runs_appends(db, v[i]->chart_id, v[i]->period, &appends);
        }
        if (!rc && t && (t->redo[0] || !appends))
            lower(t->redo, v[i]->period);
        else if (!rc)
            rc = kc__runs_update(db, v[i]->chart_id, v[i]->period, b);
    }
    free(v);
    return rc;
}

int kc__group_derive(kc_db *db, kc__group *g)
{
    int rc = KC_OK;
    for (size_t i = 0; g && !rc && i < g->n; i++)
        if (g->v[i].redo[0] &&
            !(rc = kc__runs_derive_from(db, g->v[i].chart, g->v[i].redo, NULL, 0)))
            g->v[i].redo[0] = '\0';
    return rc;
}

void kc__group_clear(kc__group *g)
{
    g->n = 0;
}

void kc__group_free(kc__group *g)
{
    free(g->v);
    *g = (kc__group){0};
}

int kc__ingest_batch(kc_db *db, kc__batch *b, const char *source, int replace,
                     kc_ingest_stats *stats)
{
    return kc__ingest_batch_in(db, b, source, replace, stats, NULL);
}

int kc__ingest_batch_in(kc_db *db, kc__batch *b, const char *source, int replace,
                        kc_ingest_stats *stats, kc__group *g)
{
    int rc = KC_OK;
    for (size_t i = 0; !rc && i < b->nsnaps; i++)
        rc = check_snap(db, b->path, &b->snaps[i], b);
    /* Runs deferred from the files before are written ahead of a file that
     * may recompute a chart, outside its savepoint: the recompute drops
     * what is in memory, and a rollback of this file must not undo them. */
    if (!rc && kc__cache_deferred(db) && kc__runs_must_flush(db, b, replace))
        rc = kc__cache_flush(db);
    /* The group's charts as they were, put back if this file is undone. */
    kc__group_chart *was = NULL;
    size_t nwas = g ? g->n : 0;
    if (!rc && nwas && !(was = kc__malloc(nwas * sizeof *was)))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    if (was)
        memcpy(was, g->v, nwas * sizeof *was);
    /* The caller holds a transaction (a group of files); this file is a
     * savepoint in it, so that it is stored whole or not at all. */
    if (!rc)
        rc = kc__exec(db, "SAVEPOINT file");
    bool in_savepoint = !rc;
    if (in_savepoint)
        kc__runs_file_begin(db);
    size_t stored = 0, unchanged = 0, entries = 0;
    for (size_t i = 0; !rc && i < b->nsnaps; i++) {
        bool changed;
        rc = store_snap(db, b->path, source, &b->snaps[i], replace, &changed);
        b->snaps[i].stored = changed;
        if (changed && !rc)
            rc = kc__touched(db, "chart", b->snaps[i].chart_id, b->snaps[i].period,
                             b->file);
        if (changed) {
            stored++;
            entries += b->snaps[i].nrows;
        } else {
            unchanged++;
        }
    }
    /* Bring each touched chart's runs up to date from its earliest changed
     * period (a snapshot that arrives out of order: from there). */
    if (!rc && stored)
        rc = update_runs(db, b, g);
    /* The file and what it holds, for a forget (model/files.c). */
    if (!rc)
        rc = b->derived ? KC_OK : kc__file_put_batch(db, b, source);
    if (!rc)
        rc = kc__exec(db, "RELEASE file");
    if (rc && g) {
        if (nwas)
            memcpy(g->v, was, nwas * sizeof *was);
        g->n = nwas;
    }
    free(was);
    if (rc && in_savepoint) {
        kc__runs_undo(db); /* the runs as this file found them */
        int rrc = kc__rollback_to(db, "file");
        /* The whole transaction is gone: no bad file to pass over, and the
         * files before this one in it are not stored either. */
        if (rrc && rc != KC_ESTORE && rc != KC_ENOMEM && rc != KC_EBUSY)
            rc = kc__fail(db, KC_ESTORE,
                          "%s: undoing this file failed; it and the files stored "
                          "with it since the last commit are not stored",
                          b->path);
    } else if (!rc && stats) {
        stats->files++;
        stats->snapshots += stored;
        stats->unchanged += unchanged;
        stats->entries += entries;
    }
    return rc;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Parses one file's bytes (buf[len] == '\0'), named path in messages and
 * name for what its name implies, into b (made here; free it with
 * kc__batch_free whatever the result). Touches no store: the parse thread
 * runs it. On failure the message is in err. */
static int parse_bytes(const char *path, const char *name, const char *buf, size_t len,
                       const kc_ingest_opts *o, kc__batch *b, char *err, size_t errlen)
{
    kc__source src = {path, name, buf, len, o->chart_id, o->period};
    int which = -1;
    memset(b, 0, sizeof *b);
    if (o->format) {
        for (size_t i = 0; i < NADAPTERS; i++)
            if (!strcmp(o->format, adapters[i].name))
                which = (int)i;
        if (which < 0) {
            snprintf(err, errlen,
                     "unknown format \"%s\" (billboard, spotify, spotify-old or "
                     "generic)",
                     o->format);
            return KC_EUSAGE;
        }
    } else if ((which = detect(buf, len)) < 0) {
        snprintf(err, errlen,
                 "%s:1:1: an HTML or XML page, not chart data (a saved error page?)",
                 path);
        return KC_EINPUT;
    } else if (kc__is_series(buf, len)) {
        snprintf(err, errlen,
                 "%s:1:1: one song's rank series: it is read with its dataset; "
                 "ingest the folder that holds it and the song map data.json",
                 path);
        return KC_EINPUT;
    }
    b->path = path;
    kc__digest_hex(buf, len, b->file);
    b->arena = kc__arena_new();
    b->index = kc__map_new();
    if (!b->arena || !b->index) {
        snprintf(err, errlen, "out of memory");
        return KC_ENOMEM;
    }
    err[0] = '\0';
    int rc = adapters[which].parse(&src, b, err, errlen);
    if (rc && !err[0])
        snprintf(err, errlen, "out of memory");
    return rc;
}

/* Parses and stores one file's bytes, inside the open transaction. */
static int ingest_bytes(kc_db *db, const char *path, const char *name, const char *buf,
                        size_t len, const kc_ingest_opts *o, kc_ingest_stats *stats)
{
    kc__batch b;
    char err[KC_ERRMSG_MAX];
    int rc = parse_bytes(path, name, buf, len, o, &b, err, sizeof err);
    if (rc)
        rc = kc__fail(db, rc, "%s", err);
    else
        rc = kc__ingest_batch(db, &b, name, o->replace, stats);
    kc__batch_free(&b);
    return rc;
}

/* ---- directories ------------------------------------------------------ */

typedef struct pathlist_skip {
    struct pathlist_skip *next;
    char path[];
} pathlist_skip;

typedef struct {
    char **paths;
    size_t n, cap;
    pathlist_skip *skipped; /* files of a directory that are not chart files */
} pathlist;

static int add_path(pathlist *l, const char *p)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        char **np = kc__realloc(l->paths, cap * sizeof *np);
        if (!np)
            return -1;
        l->paths = np;
        l->cap = cap;
    }
    if (!(l->paths[l->n] = kc__strdup(p)))
        return -1;
    l->n++;
    return 0;
}

/* Whether a file found in a directory may be a chart file: .json or .csv,
 * in any case. A README, a saved web page, a spreadsheet beside the charts
 * are skipped with a warning, not read as charts that fail. */
static bool chart_file_name(const char *path)
{
    const char *dot = strrchr(base_name(path), '.');
    return dot && (!strcasecmp(dot, ".json") || !strcasecmp(dot, ".csv"));
}

static int cmp_skip(const void *a, const void *b)
{
    return strcmp((*(pathlist_skip *const *)a)->path, (*(pathlist_skip *const *)b)->path);
}

static int skip_path(pathlist *l, const char *p)
{
    size_t n = strlen(p) + 1;
    pathlist_skip *s = kc__malloc(sizeof *s + n);
    if (!s)
        return -1;
    memcpy(s->path, p, n);
    s->next = l->skipped;
    l->skipped = s;
    return 0;
}

/* Warns of each file skipped by walk, in name order, counts them (unless
 * rc already failed) and frees the list; rc, or KC_ENOMEM. */
static int report_skipped(kc_db *db, pathlist *l, int rc, const kc_ingest_opts *o,
                          kc_ingest_stats *stats)
{
    size_t n = 0;
    for (pathlist_skip *s = l->skipped; s; s = s->next)
        n++;
    pathlist_skip **v = kc__malloc(n * sizeof *v);
    if (!v && !rc)
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    size_t i = 0;
    for (pathlist_skip *s = l->skipped; v && s; s = s->next)
        v[i++] = s;
    if (v)
        qsort(v, n, sizeof *v, cmp_skip);
    for (i = 0; v && !rc && i < n; i++) {
        if (o->on_warning) {
            char msg[KC_ERRMSG_MAX];
            snprintf(msg, sizeof msg, "%s: skipped: not a chart file (.json or .csv)",
                     v[i]->path);
            o->on_warning(o->progress_ctx, msg);
        }
        if (stats)
            stats->skipped++;
    }
    free(v);
    for (pathlist_skip *s = l->skipped, *next; s; s = next) {
        next = s->next;
        free(s);
    }
    l->skipped = NULL;
    return rc;
}

static int walk(kc_db *db, const char *dir, pathlist *l, int depth)
{
    if (depth > 16)
        return kc__fail(db, KC_EIO, "%s: directories nested too deep", dir);
    DIR *d = opendir(dir);
    if (!d)
        return kc__fail(db, KC_EIO, "%s: cannot open: %s", dir, strerror(errno));
    struct dirent *e;
    int rc = KC_OK;
    while (!rc && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = kc__malloc(n);
        if (!p) {
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
            break;
        }
        snprintf(p, n, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
            rc = walk(db, p, l, depth + 1);
        else if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
                 (chart_file_name(p) ? add_path(l, p) : skip_path(l, p)))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        free(p);
    }
    closedir(d);
    return rc;
}

/* The first YYYY-MM-DD in a file's base name: the period order of a
 * directory of snapshots. */
static const char *name_date(const char *path)
{
    const char *b = base_name(path);
    for (; *b; b++) {
        int64_t days;
        if (strlen(b) >= 10 && kc__parse_date(b, 10, &days))
            return b;
    }
    return "";
}

static int cmp_period(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    int c = strncmp(name_date(x), name_date(y), 10);
    return c ? c : strcmp(x, y);
}

/* ---- reading ahead ------------------------------------------------------ */

/* A file of a directory, read and parsed ahead of its turn to be stored. */
typedef struct {
    kc__batch b;             /* the parse, when rc is KC_OK; freed by reader_done() */
    int rc;                  /* of reading or parsing */
    char err[KC_ERRMSG_MAX]; /* its message when rc is not KC_OK */
} parsed;

static void parse_file(const char *path, const kc_ingest_opts *o, parsed *out)
{
    char *buf;
    size_t len;
    memset(&out->b, 0, sizeof out->b);
    out->rc = kc__file_read(path, &buf, &len, out->err, sizeof out->err);
    if (out->rc)
        return;
    out->rc = parse_bytes(path, base_name(path), buf, len, o, &out->b, out->err,
                          sizeof out->err);
    free(buf);
}

/* The matching forms of one spelling (title and credit, both NFC), one
 * block: the strings follow it. */
typedef struct {
    const char *title, *credit;
} match_forms;

/* Whether text (n bytes) is one the check that stores it takes as it is
 * (check_snap: not too long, valid UTF-8, no control character): its
 * NFC and matching forms are worth making ahead. */
static bool checkable(const char *text, size_t n, bool *ascii)
{
    if (n > KC_NAME_MAX || kc__utf8_check(text, n) != n)
        return false;
    *ascii = true;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)text[k];
        if (c < 0x20 || c == 0x7F)
            return false;
        *ascii = *ascii && c < 0x80;
    }
    return true;
}

/* Makes ahead, on the parse thread, what storing b's rows would make on
 * the store's: each row's NFC (check_snap) and its matching forms (the
 * identity of runs_identity.c), from matches (spelling -> match_forms,
 * the thread's own) or folded once into it. The store's thread still
 * checks every row and makes what is missing here; out of memory, a row
 * is left as it was. Touches no store. */
static void make_ahead(kc__batch *b, kc__map *matches)
{
    for (size_t i = 0; i < b->nsnaps; i++) {
        for (size_t j = 0; j < b->snaps[i].nrows; j++) {
            kc__row *r = &b->snaps[i].rows[j];
            const char *texts[2] = {r->title, r->artist};
            bool ok = true;
            for (int t = 0; ok && t < 2; t++) {
                bool ascii;
                size_t n = strlen(texts[t]);
                if (!(ok = checkable(texts[t], n, &ascii)) || ascii)
                    continue;
                char *nfc = kc__nfc(texts[t]);
                r->nfc[t] = nfc ? kc__batch_strdup(b, nfc, strlen(nfc)) : NULL;
                free(nfc);
                ok = (texts[t] = r->nfc[t]) != NULL;
            }
            if (!ok)
                continue;
            /* The spelling as stored: title \x1f artist. */
            size_t tl = strlen(texts[0]), al = strlen(texts[1]);
            char small[512];
            char *key = tl + al + 1 <= sizeof small ? small : kc__malloc(tl + al + 1);
            if (!key)
                continue;
            memcpy(key, texts[0], tl);
            key[tl] = '\x1f';
            memcpy(key + tl + 1, texts[1], al);
            bool created;
            void **slot = kc__map_get(matches, key, tl + al + 1, true, &created);
            if (key != small)
                free(key);
            if (slot && created) {
                char *mt = kc__match_title(texts[0]), *mc = kc__match_credit(texts[1]);
                size_t mtl = mt ? strlen(mt) + 1 : 0, mcl = mc ? strlen(mc) + 1 : 0;
                match_forms *m = mt && mc ? kc__malloc(sizeof *m + mtl + mcl) : NULL;
                if (m) {
                    char *p = (char *)(m + 1);
                    m->title = memcpy(p, mt, mtl);
                    m->credit = memcpy(p + mtl, mc, mcl);
                }
                free(mt);
                free(mc);
                *slot = m; /* NULL (no memory) is left NULL: not made */
            }
            const match_forms *m = slot ? *slot : NULL;
            if (m) {
                r->match_title = m->title;
                r->match_credit = m->credit;
            }
        }
    }
}

/* Files parsed ahead of the one being stored, at most. */
#define AHEAD 4

/* While one thread stores a directory's files in order, another reads and
 * parses the next ones (about a third of the time of an ingest of JSON
 * charts), so that both cores work. The order of storing is the order of
 * the files, as without it; the parse thread touches no store. File i's
 * parse goes in ring[i % AHEAD]: the thread fills a slot only when the
 * store has taken the file that was in it. */
typedef struct {
    const pathlist *files;
    const kc_ingest_opts *o;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t parsed;    /* files parsed: the thread's next is this one */
    size_t taken;     /* files the store is done with */
    bool stop;        /* the store stops early: parse no more */
    bool threaded;    /* the thread runs (else take() parses in its turn) */
    kc__map *matches; /* the thread's: spelling -> match_forms (make_ahead) */
    pthread_t thread;
    parsed ring[AHEAD];
} reader;

static void *read_ahead(void *arg)
{
    reader *r = arg;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        while (!r->stop && r->parsed < r->files->n && r->parsed - r->taken >= AHEAD)
            pthread_cond_wait(&r->cv, &r->mu);
        if (r->stop || r->parsed == r->files->n)
            break;
        size_t i = r->parsed;
        pthread_mutex_unlock(&r->mu);
        parsed *p = &r->ring[i % AHEAD];
        parse_file(r->files->paths[i], r->o, p);
        if (!p->rc && r->matches)
            make_ahead(&p->b, r->matches);
        pthread_mutex_lock(&r->mu);
        r->parsed++;
        pthread_cond_broadcast(&r->cv);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* Starts reading ahead when there is more than one file (n: the files that
 * will be taken) and a thread can be had; without one, reader_take()
 * parses each file in its turn. */
static void reader_start(reader *r, const pathlist *files, size_t n,
                         const kc_ingest_opts *o)
{
    memset(r, 0, sizeof *r);
    r->files = files;
    r->o = o;
    if (n < 2 || pthread_mutex_init(&r->mu, NULL))
        return;
    if (pthread_cond_init(&r->cv, NULL)) {
        pthread_mutex_destroy(&r->mu);
        return;
    }
    r->matches = kc__map_new(); /* NULL: nothing made ahead */
    if (pthread_create(&r->thread, NULL, read_ahead, r)) {
        kc__map_free(r->matches, free);
        r->matches = NULL;
        pthread_cond_destroy(&r->cv);
        pthread_mutex_destroy(&r->mu);
        return;
    }
    r->threaded = true;
}

/* File i's parse (i is the file after the last one taken); borrowed until
 * reader_done(r). */
static parsed *reader_take(reader *r, size_t i)
{
    parsed *p = &r->ring[i % AHEAD];
    if (!r->threaded) {
        parse_file(r->files->paths[i], r->o, p);
        return p;
    }
    pthread_mutex_lock(&r->mu);
    while (r->parsed <= i)
        pthread_cond_wait(&r->cv, &r->mu);
    pthread_mutex_unlock(&r->mu);
    return p;
}

/* The store is done with the file last taken. */
static void reader_done(reader *r, size_t i)
{
    kc__batch_free(&r->ring[i % AHEAD].b);
    if (!r->threaded)
        return;
    pthread_mutex_lock(&r->mu);
    r->taken = i + 1;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
}

/* Stops the thread and frees what it parsed that was not taken. */
static void reader_stop(reader *r)
{
    if (!r->threaded)
        return;
    pthread_mutex_lock(&r->mu);
    r->stop = true;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    pthread_join(r->thread, NULL);
    for (size_t i = r->taken; i < r->parsed; i++)
        kc__batch_free(&r->ring[i % AHEAD].b);
    kc__map_free(r->matches, free);
    pthread_cond_destroy(&r->cv);
    pthread_mutex_destroy(&r->mu);
}

/* Stores file i, parsed by r, inside the open transaction, noting the
 * charts it touches in g. */
static int ingest_parsed(kc_db *db, reader *r, size_t i, kc_ingest_stats *stats,
                         kc__group *g)
{
    const char *path = r->files->paths[i];
    parsed *p = reader_take(r, i);
    int rc =
        p->rc ? kc__fail(db, p->rc, "%s", p->err)
              : kc__ingest_batch_in(db, &p->b, base_name(path), r->o->replace, stats, g);
    reader_done(r, i);
    return rc;
}

/* Files per commit, at most. Each file is a savepoint, stored whole or not
 * at all; committing a group of them at once writes each page the group
 * touches once instead of once per file (a chart's runs are touched by
 * every file), and derives a backfilled chart once (kc__group_derive).
 * A group is cut by its count of files only, never by time: what the
 * store holds in the end must not depend on how loaded the machine was.
 * A group that backfills walks the chart from its earliest period stored
 * to its end: 256 weeks of the Hot 100 before its newer half take about
 * 0.3 s of CPU a group (docs/runs.md), under the second a second writer
 * may wait; fewer files a group would cost more walks. */
#define GROUP_FILES 256
/* After half a second of holding the write lock across groups that
 * derived a backfill, an ingest lets go of it for PAUSE_MS: a writer
 * waiting in SQLite's busy handler tries again at least every 100 ms, so
 * it gets in then. Only the timing: the groups are cut as they would be. */
#define HOLD_MS 500
#define PAUSE_MS 110

/* The files of a group: GROUP_FILES; KCHART_TEST_GROUP_FILES (a count
 * from 1) sets it instead, for the tests that show the store is the same
 * however the files are grouped (tests/real/backfill.sh). */
static size_t group_files(void)
{
    const char *env = getenv("KCHART_TEST_GROUP_FILES");
    uint64_t n = 0;
    if (env && kc__parse_u64(env, strlen(env), SIZE_MAX, &n) && n)
        return (size_t)n;
    return GROUP_FILES;
}

/* Whether each group begins as if another connection had written
 * (KCHART_TEST_CACHE_DROP set): what the ingest keeps in memory dropped,
 * for the tests that show the store does not depend on a second writer's
 * timing (tests/real/backfill.sh). */
static bool group_drops_cache(void)
{
    return getenv("KCHART_TEST_CACHE_DROP") != NULL;
}

/* A group of files stored in one transaction. */
typedef struct {
    kc_ingest_stats stats; /* what it stored, counted once it commits */
    size_t files;          /* files in it */
    struct timespec began; /* when its transaction began */
    kc__group charts;      /* the charts it touched, and those waiting */
    bool slow;             /* derived a backfill */
    long held_ms;          /* write lock held by slow groups since the
                              last pause */
} group_state;

static long ms_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* Whether a chart of the group waits for its end (a backfill). */
static bool group_waits(const group_state *group)
{
    for (size_t i = 0; i < group->charts.n; i++)
        if (group->charts.v[i].redo[0])
            return true;
    return false;
}

/* Adds what a committed group stored to the caller's counts, and empties
 * the group's. A group's files count only once its COMMIT succeeded: on a
 * full disk the summary must not say stored what was rolled back. */
static void stats_commit(kc_ingest_stats *to, group_state *group)
{
    if (to) {
        to->files += group->stats.files;
        to->snapshots += group->stats.snapshots;
        to->unchanged += group->stats.unchanged;
        to->entries += group->stats.entries;
        to->dropped += group->stats.dropped;
    }
    group->stats = (kc_ingest_stats){0};
    kc__group_clear(&group->charts);
}

/* Ends the open group: the charts waiting derived, the credits when
 * `ends` (see group_file), COMMIT; on failure rolled back, its counts
 * dropped. */
static int group_commit(kc_db *db, kc_ingest_stats *stats, group_state *group, bool ends)
{
    group->slow |= group_waits(group);
    int rc = kc__group_derive(db, &group->charts);
    if (!rc && ends)
        rc = kc__credits_update(db, false);
    if (!rc)
        rc = kc__commit(db);
    if (rc) {
        kc__rollback(db);
        group->stats = (kc_ingest_stats){0};
        kc__group_clear(&group->charts);
        return rc;
    }
    stats_commit(stats, group);
    if (group->slow)
        group->held_ms += ms_since(&group->began);
    return KC_OK;
}

/* Ingests one file inside the current group, opening a group if none is
 * open and committing it when full (group_files) or when `last`. Counts
 * go to `group` and on to `stats` at the commit. */
static int group_file(kc_db *db, reader *r, size_t i, kc_ingest_stats *stats,
                      group_state *group, bool last)
{
    int rc = KC_OK;
    if (sqlite3_get_autocommit(kc__sql(db))) {
        if ((rc = kc__begin(db)))
            return rc;
        kc__cache_check(db); /* another connection may have written */
        if (group_drops_cache())
            kc__cache_drop(db);
        group->files = 0;
        group->slow = false;
        kc__group_clear(&group->charts);
        clock_gettime(CLOCK_MONOTONIC, &group->began);
    }
    rc = ingest_parsed(db, r, i, &group->stats, &group->charts);
    if (++group->files >= group_files() || last || rc == KC_ESTORE || rc == KC_ENOMEM ||
        rc == KC_EBUSY) {
        /* Commit what the group holds: a failed file is already undone.
         * Unless SQLite rolled the whole group back itself (it may, out of
         * memory): then what is kept in memory is stale, and there is
         * nothing to commit. */
        if (sqlite3_get_autocommit(kc__sql(db))) {
            kc__cache_drop(db);
            group->stats = (kc_ingest_stats){0};
            kc__group_clear(&group->charts);
            return rc ? rc
                      : kc__fail(db, KC_ESTORE, "store: the transaction ended early");
        }
        /* The credits of the entities the files made: once, with the last
         * group, or with a group that ends the ingest early, so that what
         * is committed has its credits (if they fail too, the group is
         * rolled back). */
        bool ends = last || rc == KC_ESTORE || rc == KC_ENOMEM || rc == KC_EBUSY;
        int crc = group_commit(db, stats, group, ends);
        if (crc)
            return crc;
        if (!ends && group->held_ms >= HOLD_MS) {
            struct timespec pause = {0, PAUSE_MS * 1000000L};
            nanosleep(&pause, NULL);
            group->held_ms = 0;
        }
    }
    return rc;
}

/* A bad file that keep-going may pass over (not a failure of the store). */
static bool recoverable(int rc)
{
    return rc && rc != KC_ESTORE && rc != KC_ENOMEM && rc != KC_EBUSY;
}

/* ---- series datasets ---------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory holding a song map (data.json) and per-song rank series under
 * it is one input: its series make partial snapshots together, stored in one
 * transaction (adapter_series.c). Files other than .json are not read.
 * *is_dataset says whether dir was such a directory. */
static int ingest_dataset(kc_db *db, const char *dir, const kc_ingest_opts *o,
                          kc_ingest_stats *stats, bool *is_dataset)
{
    *is_dataset = false;
    size_t dn = strlen(dir) + 16;
    char *mpath = kc__malloc(dn);
    if (!mpath)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    snprintf(mpath, dn, "%s/data.json", dir);
    struct stat sb;
    if (stat(mpath, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        free(mpath);
        return KC_OK;
    }
    char *buf;
    size_t len;
    int rc = kc__read_file(db, mpath, &buf, &len);
    if (rc) {
        free(mpath);
        return rc;
    }
    if (!kc__is_songmap(buf, len)) {
        free(buf);
        free(mpath);
        return KC_OK; /* some other data.json: a directory like any other */
    }
    *is_dataset = true;
    /* A dataset is one input, named in its events by its song map. */
    char map_digest[KC_DIGEST_HEX];
    kc__digest_hex(buf, len, map_digest);
    char err[KC_ERRMSG_MAX] = "";
    kc__songmap *map = NULL;
    rc = kc__songmap_parse(mpath, buf, len, &map, err, sizeof err);
    free(buf);
    if (rc) {
        free(mpath);
        return kc__fail(db, rc, "%s", err);
    }
    pathlist l = {0};
    kc__batch b = {0};
    b.path = dir;
    memcpy(b.file, map_digest, sizeof b.file);
    rc = walk(db, dir, &l, 0);
    /* A dataset reads its .json files only: the others are no warning. */
    for (pathlist_skip *s = l.skipped, *next; s; s = next) {
        next = s->next;
        free(s);
    }
    if (!rc && (!(b.arena = kc__arena_new()) || !(b.index = kc__map_new())))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    if (!rc && l.n)
        qsort(l.paths, l.n, sizeof *l.paths, cmp_str);
    size_t files = 0;
    for (size_t i = 0; !rc && i < l.n; i++) {
        if (!ends_with(l.paths[i], ".json") || !strcmp(l.paths[i], mpath))
            continue;
        if ((rc = kc__read_file(db, l.paths[i], &buf, &len)))
            break;
        if (!kc__is_series(buf, len)) {
            rc = kc__fail(db, KC_EINPUT,
                          "%s:1:1: not a per-song rank series ({\"body\": {\"platform\", "
                          "\"chart\", \"songId\", \"timeUnit\", \"data\"}}), in a "
                          "series dataset",
                          l.paths[i]);
        } else {
            kc__source src = {l.paths[i], base_name(l.paths[i]), buf,
                              len,        o->chart_id,           NULL};
            rc = kc__parse_series(&src, map, &b, err, sizeof err);
            if (rc)
                rc = kc__fail(db, rc, "%s", err[0] ? err : "out of memory");
        }
        free(buf);
        files++;
        if (o->progress)
            o->progress(o->progress_ctx, i + 1, l.n, l.paths[i]);
    }
    if (!rc && !files)
        rc = kc__fail(db, KC_EINPUT, "%s: a song map and no series beside it", dir);
    size_t dropped = 0;
    if (!rc)
        rc = kc__series_settle(&b, o->on_warning, o->progress_ctx, &dropped);
    kc_ingest_stats st = {0};
    if (!rc && !(rc = kc__begin(db))) {
        kc__cache_check(db); /* another connection may have written */
        rc = kc__ingest_batch(db, &b, base_name(dir), o->replace, &st);
        if (!rc)
            rc = kc__credits_update(db, false);
        if (!rc)
            rc = kc__commit(db);
        if (rc)
            kc__rollback(db);
    }
    if (!rc && stats) {
        stats->files += files;
        stats->snapshots += st.snapshots;
        stats->unchanged += st.unchanged;
        stats->entries += st.entries;
        stats->dropped += dropped;
    }
    kc__batch_free(&b);
    for (size_t i = 0; i < l.n; i++)
        free(l.paths[i]);
    free(l.paths);
    kc__songmap_free(map);
    free(mpath);
    return rc;
}

int kc_ingest_path(kc_db *db, const char *path, const kc_ingest_opts *opts,
                   kc_ingest_stats *stats)
{
    static const kc_ingest_opts none = {0};
    const kc_ingest_opts *o = opts ? opts : &none;
    struct stat sb;
    pathlist l = {0};
    int rc = KC_OK;
    bool dataset = false;
    if (stat(path, &sb) != 0)
        rc = kc__fail(db, KC_EIO, "%s: cannot open: %s", path, strerror(errno));
    else if (S_ISDIR(sb.st_mode) &&
             (rc = ingest_dataset(db, path, o, stats, &dataset), rc || dataset))
        ; /* a series dataset: one input, done */
    else if (!S_ISDIR(sb.st_mode))
        rc = add_path(&l, path) ? kc__fail(db, KC_ENOMEM, "out of memory") : KC_OK;
    else if (!(rc = walk(db, path, &l, 0)) && l.n)
        qsort(l.paths, l.n, sizeof *l.paths, cmp_period);
    if (l.skipped)
        rc = report_skipped(db, &l, rc, o, stats);
    if (rc && o->on_error && recoverable(rc)) {
        o->on_error(o->progress_ctx, kc_errmsg(db));
        if (stats)
            stats->failed++;
        rc = KC_OK;
    }
    reader r;
    reader_start(&r, &l, rc ? 0 : l.n, o);
    /* A group's runs are written when it commits (kc__cache_flush). */
    kc__cache_defer(db, true);
    group_state group = {0};
    for (size_t i = 0; !rc && i < l.n; i++) {
        rc = group_file(db, &r, i, stats, &group, i + 1 == l.n);
        if (o->on_error && recoverable(rc)) {
            /* Keep going: report this file and go on. */
            o->on_error(o->progress_ctx, kc_errmsg(db));
            if (stats)
                stats->failed++;
            rc = KC_OK;
        } else if (rc && stats && recoverable(rc)) {
            stats->failed++; /* stopping at a bad file: it failed */
        }
        if (rc && !sqlite3_get_autocommit(kc__sql(db))) {
            /* Stopping here: the files before this one stay stored. */
            char msg[KC_ERRMSG_MAX];
            snprintf(msg, sizeof msg, "%s", kc_errmsg(db));
            group_commit(db, stats, &group, true);
            kc__fail(db, rc, "%s", msg);
        }
        if (o->progress)
            o->progress(o->progress_ctx, i + 1, l.n, l.paths[i]);
    }
    kc__cache_defer(db, false);
    kc__group_free(&group.charts);
    reader_stop(&r);
    for (size_t i = 0; i < l.n; i++)
        free(l.paths[i]);
    free(l.paths);
    return rc;
}

int kc_ingest_buffer(kc_db *db, const char *name, const char *buf, size_t len,
                     const kc_ingest_opts *opts, kc_ingest_stats *stats)
{
    static const kc_ingest_opts none = {0};
    const kc_ingest_opts *o = opts ? opts : &none;
    if (len > KC_FILE_MAX)
        return kc__fail(db, KC_ETOOBIG, "%s: larger than %zu MiB", name,
                        KC_FILE_MAX >> 20);
    /* The adapters read a NUL-terminated copy. */
    char *copy = kc__malloc(len + 1);
    if (!copy)
        return kc__fail(db, KC_ENOMEM, "%s: out of memory", name);
    if (len)
        memcpy(copy, buf, len);
    copy[len] = '\0';
    int rc = kc__begin(db);
    if (!rc) {
        kc__cache_check(db); /* another connection may have written */
        /* No credits here: a server takes an archive a file at a time, and
         * deriving them after each would make the artists' ids depend on
         * how the files came (and cost a pass over every entity a file);
         * the next `kchart ingest` or rebuild derives them. */
        rc = ingest_bytes(db, name, base_name(name), copy, len, o, stats);
        if (rc)
            kc__rollback(db);
        else if ((rc = kc__commit(db)))
            kc__rollback(db);
    }
    free(copy);
    return rc;
}
