/*
 * runs_state.c: the runs kept in memory between files, and their writing.
 *
 * What an ingest keeps so that a directory of snapshots costs no store reads
 * per row: song keys, each chart's runs and previous period, folded
 * spellings, the user's identity rules. It is a cache of the store
 * installed on the handle (kc__cache_set), never more: the store drops it
 * after a rollback, at close, and when another connection wrote, and
 * flushes the runs marked dirty before a commit. Each file's changes can be
 * undone (kc__runs_undo) when its savepoint is rolled back. Not the
 * counting itself (runs.c).
 */
#include "derive/runs_int.h"

#include <sql/derive_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kc__runs_set_clear(period_set *s)
{
    kc__arena_clear(s->text);
    if (s->n)
        memset(s->at, 0, s->nat * sizeof *s->at);
    s->n = 0;
    s->period[0] = '\0';
}

/* Frees what s holds; s is then empty and may be used again. */
void kc__runs_set_free(period_set *s)
{
    kc__arena_free(s->text);
    free(s->v);
    free(s->at);
    memset(s, 0, sizeof *s);
}

static size_t song_hash(int64_t song, size_t nat)
{
    return (size_t)(((uint64_t)song * 0x9E3779B97F4A7C15u) >> 32) & (nat - 1);
}

/* The slot of song in s->at: its place, or the empty slot it would take. */
static uint32_t *song_slot(const period_set *s, int64_t song)
{
    for (size_t i = song_hash(song, s->nat);; i = (i + 1) & (s->nat - 1))
        if (!s->at[i] || s->v[s->at[i] - 1].song == song)
            return &s->at[i];
}

/* Notes v[i] in the index, unless its song has an earlier place. */
static void index_place(period_set *s, size_t i)
{
    uint32_t *slot = song_slot(s, s->v[i].song);
    if (!*slot)
        *slot = (uint32_t)i + 1;
}

/* A copy of str in s's text; NULL when out of memory. */
static const char *set_strdup(period_set *s, const char *str)
{
    size_t n = strlen(str) + 1;
    char *p = kc__arena_alloc(s->text, n);
    if (p)
        memcpy(p, str, n);
    return p;
}

int kc__runs_set_add(period_set *s, int64_t song, int32_t rank, const char *title,
                     const char *artist, const char *pid)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        placed *v = kc__realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    if (!s->text && !(s->text = kc__arena_new()))
        return -1;
    if ((s->n + 1) * 2 > s->nat) { /* at most half full */
        size_t nat = s->nat ? s->nat * 2 : 64;
        uint32_t *at = kc__calloc(nat, sizeof *at);
        if (!at)
            return -1;
        free(s->at);
        s->at = at;
        s->nat = nat;
        for (size_t i = 0; i < s->n; i++)
            index_place(s, i);
    }
    placed *p = &s->v[s->n];
    p->song = song;
    p->rank = rank;
    p->title = set_strdup(s, title);
    p->artist = set_strdup(s, artist);
    p->pid = pid ? set_strdup(s, pid) : NULL;
    if (!p->title || !p->artist || (pid && !p->pid))
        return -1; /* what was copied stays in the text until it is cleared */
    index_place(s, s->n++);
    return 0;
}

int32_t kc__runs_set_rank_of(const period_set *s, int64_t song)
{
    const placed *p = kc__runs_set_find(s, song);
    return p ? p->rank : 0;
}

const placed *kc__runs_set_find(const period_set *s, int64_t song)
{
    if (!s->n)
        return NULL;
    uint32_t at = *song_slot(s, song);
    return at ? &s->v[at - 1] : NULL;
}

const placed *kc__runs_set_at_rank(const period_set *s, int32_t rank)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].rank == rank)
            return &s->v[i];
    return NULL;
}

static void free_chart_state(void *p)
{
    chart_state *cs = p;
    if (!cs)
        return;
    kc__map_free(cs->runs, free);
    kc__runs_set_free(&cs->prev);
    free(cs);
}

/* The store drops the state (kc__cache_drop) after a rollback, at close,
 * and when another connection wrote. */
static void state_free(void *p)
{
    kc__state *st = p;
    kc__map_free(st->keys, free);
    kc__map_free(st->folds, free);
    kc__map_free(st->charts, free_chart_state);
    kc__map_free(st->rules, free);
    free(st->dirty);
    free(st->undo);
    free(st);
}

static int flush(kc_db *db, void *state);
static const kc__cache_ops state_ops = {flush, state_free};

/* Identity rules the user recorded (kchart merge / split), as key
 * rewrites: a merged key is looked up as a key of the song it joined; a
 * split key as a key of its own ("split:" + key), so its rows leave the song
 * they were part of. */
static int load_rules(kc_db *db, kc__state *st)
{
    sqlite3_stmt *q = kc__prepare(db, kc__sql_runs_identity_rules);
    if (!q)
        return KC_ESTORE;
    int rc = KC_OK, step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(q, 0);
        const char *key = (const char *)sqlite3_column_text(q, 1);
        const char *target = (const char *)sqlite3_column_text(q, 2);
        char *to;
        if (!kind || !key) { /* NULL only when out of memory: both are NOT NULL */
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
            break;
        }
        if (!strcmp(kind, "split")) {
            size_t n = strlen(key) + 7;
            if ((to = kc__malloc(n)))
                snprintf(to, n, "split:%s", key);
        } else {
            to = kc__strdup(target ? target : key);
        }
        void **slot = to ? kc__map_get(st->rules, key, strlen(key), true, NULL) : NULL;
        if (!slot) {
            free(to);
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        } else {
            free(*slot); /* a later rule on the same key wins */
            *slot = to;
        }
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "identity rules");
    sqlite3_finalize(q);
    return rc;
}

/* Whether a rebuild, merge or split is under way (derive/ids.c). */
static int load_keeping(kc_db *db, kc__state *st)
{
    sqlite3_stmt *q = kc__prepare(db, kc__sql_runs_keeping);
    int64_t n = 0;
    int rc = q ? kc__step_id(db, q, &n, "ids") : KC_ESTORE;
    sqlite3_finalize(q);
    st->keeping = n != 0;
    return rc;
}

/* The key to look up for key, after the user's rules; borrowed. */
const char *kc__runs_ruled(const kc__state *st, const char *key, bool *split)
{
    void **slot = key ? kc__map_get(st->rules, key, strlen(key), false, NULL) : NULL;
    if (!slot)
        return key;
    if (split)
        *split = !strncmp(*slot, "split:", 6);
    return *slot;
}

/* The state kept in memory, made on first use. NULL on failure, with the
 * message set and the status in *status. */
kc__state *kc__runs_state_of(kc_db *db, int *status)
{
    kc__state *cached = kc__cache(db, &state_ops);
    if (cached)
        return cached;
    *status = kc__fail(db, KC_ENOMEM, "out of memory");
    kc__state *st = kc__calloc(1, sizeof *st);
    if (!st)
        return NULL;
    st->keys = kc__map_new();
    st->folds = kc__map_new();
    st->charts = kc__map_new();
    st->rules = kc__map_new();
    st->file = 1; /* runs start at 0: the first change of each is undoable */
    kc__cache_set(db, st, &state_ops);
    if (!st->keys || !st->folds || !st->charts || !st->rules ||
        (*status = load_rules(db, st)) || (*status = load_keeping(db, st))) {
        kc__cache_drop(db);
        return NULL;
    }
    return st;
}

/* The cached run of song on this chart, made empty (*made) when not
 * cached; NULL when out of memory (c->status and the message set). */
static run_state *cached_run(ctx *c, int64_t song, bool *made)
{
    bool created;
    run_state **slot =
        (run_state **)kc__map_get(c->cs->runs, &song, sizeof song, true, &created);
    if (!slot) {
        c->status = kc__fail(c->db, KC_ENOMEM, "out of memory");
        return NULL;
    }
    *made = created;
    if (!created)
        return *slot;
    run_state *r = kc__calloc(1, sizeof *r);
    if (!r) {
        c->status = kc__fail(c->db, KC_ENOMEM, "out of memory");
        return NULL;
    }
    *slot = r;
    r->chart = c->cs->id;
    r->song = song;
    return r;
}

run_state *kc__runs_new_run(ctx *c, int64_t song)
{
    bool made;
    return cached_run(c, song, &made);
}

run_state *kc__runs_load_run(ctx *c, int64_t song)
{
    bool made;
    run_state *r = cached_run(c, song, &made);
    if (!r || !made)
        return r;
    kc__bind_text(c->get_run, ":chart", c->chart);
    kc__bind_int64(c->get_run, ":song", song);
    int rc = sqlite3_step(c->get_run);
    if (rc == SQLITE_ROW) {
        r->exists = true;
        r->stored = true;
        snprintf(r->debut_period, sizeof r->debut_period, "%s",
                 (const char *)sqlite3_column_text(c->get_run, 0));
        r->debut_rank = sqlite3_column_int(c->get_run, 1);
        r->periods = sqlite3_column_int(c->get_run, 2);
        r->streak = sqlite3_column_int(c->get_run, 3);
        r->longest = sqlite3_column_int(c->get_run, 4);
        r->peak = sqlite3_column_int(c->get_run, 5);
        const unsigned char *pp = sqlite3_column_text(c->get_run, 6);
        snprintf(r->peak_period, sizeof r->peak_period, "%s", pp ? (const char *)pp : "");
        r->at_peak = sqlite3_column_int(c->get_run, 7);
        r->at_no1 = sqlite3_column_int(c->get_run, 8);
        r->reentries = sqlite3_column_int(c->get_run, 9);
        snprintf(r->last_period, sizeof r->last_period, "%s",
                 (const char *)sqlite3_column_text(c->get_run, 10));
        r->last_rank = sqlite3_column_int(c->get_run, 11);
        rc = SQLITE_DONE;
    }
    sqlite3_reset(c->get_run);
    if (rc != SQLITE_DONE) {
        c->status = kc__sqlfail(c->db, "load run");
        return NULL;
    }
    return r;
}

/* Marks r to be written and, the first time the current file changes it,
 * keeps its state for kc__runs_undo; -1 when out of memory (r unchanged). */
int kc__runs_remember(kc__state *st, run_state *r)
{
    if (r->file != st->file) {
        if (st->nundo == st->capundo) {
            size_t cap = st->capundo ? st->capundo * 2 : 256;
            struct undo *u = kc__realloc(st->undo, cap * sizeof *u);
            if (!u)
                return -1;
            st->undo = u;
            st->capundo = cap;
        }
        st->undo[st->nundo].run = r;
        st->undo[st->nundo++].was = *r;
        r->file = st->file;
    }
    if (!r->dirty) {
        if (st->ndirty == st->capdirty) {
            size_t cap = st->capdirty ? st->capdirty * 2 : 1024;
            run_state **d = kc__realloc(st->dirty, cap * sizeof *d);
            if (!d)
                return -1;
            st->dirty = d;
            st->capdirty = cap;
        }
        st->dirty[st->ndirty++] = r;
        r->dirty = true;
    }
    return 0;
}

/* Writes the runs marked dirty (kc__commit, through kc__cache_flush), and
 * queues their songs for the search. */
static int flush(kc_db *db, void *state)
{
    kc__state *st = state;
    /* The songs of the runs written, as a JSON array (22 bytes a song at
     * most), for the search's queue. */
    char *json = st->ndirty ? kc__malloc(st->ndirty * 22 + 3) : NULL;
    if (st->ndirty && !json)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    size_t o = 0;
    if (json)
        json[o++] = '[';
    for (size_t i = 0; i < st->ndirty; i++) {
        run_state *r = st->dirty[i];
        if (!r->dirty) /* undone, or written by an earlier flush that failed */
            continue;
        sqlite3_stmt *u =
            kc__stmt(db, r->stored ? kc__sql_runs_update_run : kc__sql_runs_put_run);
        if (!u) {
            free(json);
            return KC_ESTORE;
        }
        kc__bind_text(u, ":chart", r->chart);
        kc__bind_int64(u, ":song", r->song);
        kc__bind_text(u, ":debut_period", r->debut_period);
        kc__bind_int64(u, ":debut_rank", r->debut_rank);
        kc__bind_int64(u, ":periods", r->periods);
        kc__bind_int64(u, ":streak", r->streak);
        kc__bind_int64(u, ":longest_streak", r->longest);
        kc__bind_int64(u, ":peak", r->peak);
        kc__bind_text(u, ":peak_period", r->peak_period[0] ? r->peak_period : NULL);
        kc__bind_int64(u, ":periods_at_peak", r->at_peak);
        kc__bind_int64(u, ":periods_at_no1", r->at_no1);
        kc__bind_int64(u, ":reentries", r->reentries);
        kc__bind_text(u, ":last_period", r->last_period);
        kc__bind_int64(u, ":last_rank", r->last_rank);
        int step = sqlite3_step(u);
        sqlite3_reset(u);
        if (step != SQLITE_DONE) {
            free(json);
            return kc__sqlfail(db, "store run");
        }
        r->stored = true;
        r->dirty = false;
        o += (size_t)sprintf(json + o, "%s%lld", o > 1 ? "," : "", (long long)r->song);
    }
    int rc = KC_OK;
    if (json && o > 1) {
        json[o++] = ']';
        json[o] = '\0';
        rc = kc__search_touch_songs(db, json);
    }
    free(json);
    if (!rc)
        st->ndirty = 0;
    return rc;
}

void kc__runs_file_begin(kc_db *db)
{
    kc__state *st = kc__cache(db, &state_ops);
    if (st) {
        st->file++;
        st->nundo = 0;
    }
}

void kc__runs_undo(kc_db *db)
{
    kc__state *st = kc__cache(db, &state_ops);
    for (size_t i = st ? st->nundo : 0; i-- > 0;)
        *st->undo[i].run = st->undo[i].was;
    if (st)
        st->nundo = 0;
}

bool kc__runs_must_flush(kc_db *db, const kc__batch *b, bool replace)
{
    kc__state *st = kc__cache(db, &state_ops);
    if (!st || !st->ndirty)
        return false;
    if (replace)
        return true;
    /* A chart recomputes from its start when a snapshot is not after the
     * last period derived (kc__runs_update); that period is the one kept. */
    for (size_t i = 0; i < b->nsnaps; i++) {
        const kc__snap *sn = &b->snaps[i];
        void **slot =
            kc__map_get(st->charts, sn->chart_id, strlen(sn->chart_id), false, NULL);
        const chart_state *cs = slot ? *slot : NULL;
        if (!cs || !cs->prev_period[0] || strcmp(sn->period, cs->prev_period) <= 0)
            return true;
    }
    return false;
}

int kc__runs_step_done(ctx *c, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(c->db, what);
    sqlite3_reset(st);
    return rc;
}
