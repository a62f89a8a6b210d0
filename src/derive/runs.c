/*
 * runs.c: song identity on a chart, and chart runs.
 *
 * Walks a chart's snapshots in period order. For each row it decides which
 * song it is (identity), then counts the run the way providers do: periods on
 * chart across gaps, the current streak, the peak, periods at peak and at
 * No. 1, re-entries; and per entry our previous rank and movement.
 *
 * Identity (docs/runs.md has the rules in full and the evidence from the
 * archives), decided for a whole period in passes from the surest match to
 * the loosest, each in rank order (resolve()):
 *  1. a provider id whose song held that id on the previous period;
 *  2. any provider id;
 *  3. the title + credit key; if none of those was on the previous chart but
 *     the provider gives a previous rank, the song at that rank when it shares
 *     the title, the credit or the lead artist ("Dial Drunk" gaining "With
 *     Post Malone"); otherwise a new song.
 * A song is placed once per period, so same-titled versions charting together
 * stay apart. When the provider says a row is new on this chart (no previous
 * rank, one period on chart), no song with a run on this chart matches it:
 * Billboard restarts the count for a re-release ("Monster Mash", 1970). The
 * user's merges and splits rewrite the keys looked up.
 *
 * Seeding: where the provider's own counters show history our archive lacks
 * (more periods than we counted, or a better peak than we saw), the run takes
 * the provider's values from that entry on and the entry is marked seeded.
 * That is how an archive starting mid-history, or missing a chart, is joined.
 * When the periods are seeded, the chart before is one we lack: the
 * provider's previous rank on it is the entry's previous rank.
 *
 * Incremental: a period after the last derived one is appended using the
 * stored run state; anything earlier recomputes the chart from its start.
 * Entries are stored as they are derived; runs change in memory and are
 * written at the end of an update, or, during a directory's ingest, when
 * its group of files commits (kc__runs_flush; docs/store.md).
 */
#include "derive/derive.h"

#include <sql/derive_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int64_t song;
    int32_t rank;
    const char *title, *artist; /* as published that period; in the set's text */
    const char *pid;            /* provider id, NULL if none; in the set's text */
} placed;

typedef struct {
    placed *v;
    size_t n, cap;
    kc__arena *text; /* the strings of v, one arena reused period after period
                        rather than three mallocs a row; owned */
} period_set;

static void set_clear(period_set *s)
{
    kc__arena_clear(s->text);
    s->n = 0;
}

/* Frees what s holds; s is then empty and may be used again. */
static void set_free(period_set *s)
{
    kc__arena_free(s->text);
    free(s->v);
    memset(s, 0, sizeof *s);
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

static int set_add(period_set *s, int64_t song, int32_t rank, const char *title,
                   const char *artist, const char *pid)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        placed *v = kc__realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    if (!s->text && !(s->text = kc__arena_new()))
        return -1;
    placed *p = &s->v[s->n];
    p->song = song;
    p->rank = rank;
    p->title = set_strdup(s, title);
    p->artist = set_strdup(s, artist);
    p->pid = pid ? set_strdup(s, pid) : NULL;
    if (!p->title || !p->artist || (pid && !p->pid))
        return -1; /* what was copied stays in the text until it is cleared */
    s->n++;
    return 0;
}

static int32_t set_rank_of(const period_set *s, int64_t song)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].song == song)
            return s->v[i].rank;
    return 0;
}

static const placed *set_find(const period_set *s, int64_t song)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].song == song)
            return &s->v[i];
    return NULL;
}

static const placed *set_at_rank(const period_set *s, int32_t rank)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].rank == rank)
            return &s->v[i];
    return NULL;
}

typedef struct {
    bool exists;
    char debut_period[32];
    int debut_rank, periods, streak, longest, peak;
    char peak_period[32]; /* "" when the peak was seeded */
    int at_peak, at_no1, reentries;
    char last_period[32];
    int last_rank;
    /* Its writing (kc__runs_flush): */
    const char *chart; /* the chart's id, its chart_state's */
    int64_t song;
    bool stored;   /* the store holds a row of this run */
    bool dirty;    /* changed since it was last written */
    uint64_t file; /* the file (kc__state.file) whose undo holds its state */
} run_state;

/* Songs holding one key. */
typedef struct {
    size_t n, cap;
    int64_t ids[];
} songlist;

/* A row's title + credit key, folded once per spelling. */
typedef struct {
    bool empty_title;
    char tkey[];
} folded;

typedef struct {
    char id[64];          /* the chart */
    kc__map *runs;        /* song id -> run_state */
    period_set prev;      /* the last period derived, kept for the next */
    char prev_period[32]; /* "" when prev is not kept */
} chart_state;

/* A run the current file changed, as it was when the file began. */
struct undo {
    run_state *run;
    run_state was;
};

/* What an ingest keeps in memory between files, so that a directory of
 * snapshots costs no store reads per row: song keys, runs of each chart, the
 * previous period, folded spellings. A cache of the store,
 * never more: dropped on rollback, rebuild or another connection's write. */
typedef struct kc__state kc__state;
struct kc__state {
    kc__map *keys;     /* key -> songlist */
    kc__map *folds;    /* title \x1f artist -> folded */
    kc__map *charts;   /* chart id -> chart_state */
    kc__map *rules;    /* key -> the key to look up instead (merge, split) */
    run_state **dirty; /* runs to write, some perhaps written since (!dirty) */
    size_t ndirty, capdirty;
    struct undo *undo; /* runs the current file changed */
    size_t nundo, capundo;
    uint64_t file; /* counts files begun; from 1 */
};

static void free_chart_state(void *p)
{
    chart_state *cs = p;
    if (!cs)
        return;
    kc__map_free(cs->runs, free);
    set_free(&cs->prev);
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

/* The key to look up for key, after the user's rules; borrowed. */
static const char *ruled(const kc__state *st, const char *key, bool *split)
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
static kc__state *state_of(kc_db *db, int *status)
{
    kc__state *cached = kc__cache(db);
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
        (*status = load_rules(db, st))) {
        kc__cache_drop(db);
        return NULL;
    }
    return st;
}

typedef struct {
    kc_db *db;
    kc__state *st;
    chart_state *cs;
    const char *chart;
    sqlite3_stmt *keys, *new_song, *add_key, *get_run, *put_entry, *rows;
    period_set prev, cur;
    int64_t found[256]; /* songs a key lookup found */
    bool new_here;      /* the row being resolved is new on this chart */
    int64_t snapshot;   /* the snapshot being derived */
    int status;         /* of the last failure of lookup(), its message set */
} ctx;

/* Whether a song placed last period and a row share the title, the credit
 * or the lead artist: 1 or 0, or -1 when out of memory (the matching forms
 * are NULL only then: stored names are valid UTF-8). */
static int similar(const placed *p, const char *title, const char *artist)
{
    char *a = kc__match_title(p->title), *b = kc__match_title(title);
    int same = a && b ? !strcmp(a, b) : -1;
    free(a);
    free(b);
    if (same)
        return same;
    a = kc__match_credit(p->artist);
    b = kc__match_credit(artist);
    same = a && b ? !strcmp(a, b) : -1;
    free(a);
    free(b);
    if (same)
        return same;
    a = kc__match_lead(p->artist);
    b = kc__match_lead(artist);
    same = a && b ? *a && !strcmp(a, b) : -1;
    free(a);
    free(b);
    return same;
}

static run_state *load_run(ctx *c, int64_t song);

/* Appends id to *l, growing it; -1 when out of memory. */
static int songlist_push(songlist **l, int64_t id)
{
    songlist *cur = *l;
    if (!cur || cur->n == cur->cap) {
        size_t cap = cur ? cur->cap * 2 : 2;
        songlist *g = kc__realloc(cur, sizeof *g + cap * sizeof g->ids[0]);
        if (!g)
            return -1;
        if (!cur)
            g->n = 0;
        g->cap = cap;
        *l = cur = g;
    }
    cur->ids[cur->n++] = id;
    return 0;
}

/* The cached list of songs holding key, read from the store on first use.
 * NULL on failure, with c->status and the message set (the cache may then
 * hold a partial list: the caller's rollback drops it). */
static songlist **key_songs(ctx *c, const char *key)
{
    bool created;
    songlist **l =
        (songlist **)kc__map_get(c->st->keys, key, strlen(key), true, &created);
    if (!l) {
        c->status = kc__fail(c->db, KC_ENOMEM, "out of memory");
        return NULL;
    }
    if (!created)
        return l;
    kc__bind_text(c->keys, ":key", key);
    int step;
    while ((step = sqlite3_step(c->keys)) == SQLITE_ROW) {
        if (songlist_push(l, sqlite3_column_int64(c->keys, 0))) {
            sqlite3_reset(c->keys);
            c->status = kc__fail(c->db, KC_ENOMEM, "out of memory");
            return NULL;
        }
    }
    if (step != SQLITE_DONE)
        c->status = kc__sqlfail(c->db, "song keys");
    sqlite3_reset(c->keys);
    return step == SQLITE_DONE ? l : NULL;
}

/* Songs holding key, not yet placed this period, into c->found; count
 * returned, or -1 on failure (c->status and the message set). */
static long lookup(ctx *c, const char *key)
{
    songlist **l = key_songs(c, key);
    if (!l)
        return -1;
    size_t n = 0;
    for (size_t i = 0; *l && i < (*l)->n && n < sizeof c->found / sizeof *c->found; i++) {
        int64_t id = (*l)->ids[i];
        if (set_rank_of(&c->cur, id))
            continue;
        if (c->new_here) {
            const run_state *r = load_run(c, id);
            if (!r)
                return -1;
            if (r->exists)
                continue;
        }
        c->found[n++] = id;
    }
    return (long)n;
}

/* Records that song holds key, in the store and in the cache. */
static int add_key(ctx *c, const char *key, int64_t song)
{
    kc__bind_text(c->add_key, ":key", key);
    kc__bind_int64(c->add_key, ":song", song);
    int rc =
        sqlite3_step(c->add_key) == SQLITE_DONE ? KC_OK : kc__sqlfail(c->db, "song key");
    sqlite3_reset(c->add_key);
    songlist **l =
        rc ? NULL : (songlist **)kc__map_get(c->st->keys, key, strlen(key), false, NULL);
    if (!l)
        return rc;
    songlist *cur = *l;
    for (size_t i = 0; cur && i < cur->n; i++)
        if (cur->ids[i] == song)
            return KC_OK;
    return songlist_push(l, song) ? kc__fail(c->db, KC_ENOMEM, "out of memory") : KC_OK;
}

static int64_t choose(ctx *c, size_t n, int32_t p_last)
{
    int64_t best = 0;
    int score = -1;
    for (size_t i = 0; i < n; i++) {
        int32_t was = set_rank_of(&c->prev, c->found[i]);
        int s = p_last > 0 && was == p_last ? 2 : was ? 1 : 0;
        if (s > score || (s == score && c->found[i] > best)) {
            best = c->found[i];
            score = s;
        }
    }
    return best;
}

/* The run of song on this chart, cached; read from the store on first use.
 * NULL when out of memory or on a store error (c->status and the message
 * set). */
static run_state *load_run(ctx *c, int64_t song)
{
    bool created;
    run_state **slot =
        (run_state **)kc__map_get(c->cs->runs, &song, sizeof song, true, &created);
    if (!slot) {
        c->status = kc__fail(c->db, KC_ENOMEM, "out of memory");
        return NULL;
    }
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

/* The title + credit key of a spelling, folded once. */
static const folded *fold_row(ctx *c, const char *title, const char *artist)
{
    size_t tl = strlen(title), al = strlen(artist);
    /* Most spellings fit on the stack: a malloc a row showed in profiles. */
    char small[512];
    char *raw = tl + al + 2 <= sizeof small ? small : kc__malloc(tl + al + 2);
    if (!raw)
        return NULL;
    memcpy(raw, title, tl);
    raw[tl] = '\x1f';
    memcpy(raw + tl + 1, artist, al + 1);
    bool created;
    folded **slot =
        (folded **)kc__map_get(c->st->folds, raw, tl + al + 1, true, &created);
    if (raw != small)
        free(raw);
    if (!slot)
        return NULL;
    if (!created)
        return *slot;
    char *mt = kc__match_title(title), *mc = kc__match_credit(artist);
    if (mt && !*mt && *title) {
        /* A title of symbols only ("÷", "×") folds to nothing: match it as
         * written, or every such title of one artist would be one song. */
        free(mt);
        mt = kc__strdup(title);
    }
    size_t n = mt && mc ? strlen(mt) + strlen(mc) + 4 : 0;
    folded *f = n ? kc__malloc(sizeof *f + n) : NULL;
    if (f) {
        f->empty_title = !*mt;
        snprintf(f->tkey, n, "t:%s|%s", mt, mc);
    }
    free(mt);
    free(mc);
    *slot = f;
    return f;
}

static void bind_int_or_null(sqlite3_stmt *st, const char *name, int v)
{
    if (v > 0)
        kc__bind_int64(st, name, v);
    else
        kc__bind_null(st, name);
}

static int step_done(ctx *c, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(c->db, what);
    sqlite3_reset(st);
    return rc;
}

/* One row of the period being derived. */
typedef struct {
    int32_t rank, p_last, p_peak, p_periods;
    char *title, *artist, *pid; /* owned, or the ingest's (process_period) */
    int64_t song;               /* 0 until resolved */
} pending;

/* How much of the identity rules a pass of resolve() applies. */
enum { BY_ID_CONTINUING, BY_ID, BY_ANY };

/* Decides which song a row is (the identity rules at the top of this file)
 * and claims it for this period. Passes go from the surest match to the
 * loosest, so that a looser match cannot take a song a surer one names:
 * BY_ID_CONTINUING takes only a provider id match whose song was on the
 * previous period (two ids of one song charting together: the one that was
 * there keeps the run), BY_ID any id match, BY_ANY the rest. */
static int resolve(ctx *c, bool counters, pending *row, int pass)
{
    bool ids_only = pass != BY_ANY;
    int rc = KC_OK;
    char *idkey = NULL;
    const folded *f = fold_row(c, row->title, row->artist);
    if (!f)
        goto nomem;
    /* A row without a title is known by its provider id alone: a title key
     * of nothing would join every such row. */
    const char *tkey = f->empty_title && row->pid ? NULL : f->tkey;
    if (row->pid) {
        size_t idn = strlen(row->pid) + 4;
        if (!(idkey = kc__malloc(idn)))
            goto nomem;
        snprintf(idkey, idn, "id:%s", row->pid);
    }
    /* The user's merges and splits rewrite the keys looked up. */
    bool split = false;
    const char *orig_t = tkey;
    const char *id_lookup = ruled(c->st, idkey, &split);
    tkey = ruled(c->st, tkey, &split);
    int64_t song = 0;
    /* The provider says the row is new on this chart: it may still be a
     * song known from another chart, but not one with a run on this one. */
    c->new_here = counters && row->p_last <= 0 && row->p_periods == 1;
    bool has_id = false, has_t = false; /* the song already holds the key */
    {
        long n = id_lookup ? lookup(c, id_lookup) : 0;
        if (n > 0) {
            song = choose(c, (size_t)n, row->p_last);
            has_id = true;
        } else if (n == 0 && !ids_only && tkey && (n = lookup(c, tkey)) > 0) {
            song = choose(c, (size_t)n, row->p_last);
            has_t = true;
        }
        if (n < 0) {
            rc = c->status;
            goto out;
        }
    }
    if (ids_only && !song)
        goto out;
    if (pass == BY_ID_CONTINUING) {
        const placed *was = set_find(&c->prev, song);
        if (!was || !was->pid || strcmp(was->pid, row->pid))
            goto out;
    }
    c->new_here = false;
    if (counters && !split && row->p_last > 0 &&
        (!song || !set_rank_of(&c->prev, song))) {
        const placed *was = set_at_rank(&c->prev, row->p_last);
        int same = was && !set_rank_of(&c->cur, was->song)
                       ? similar(was, row->title, row->artist)
                       : 0;
        if (same < 0)
            goto nomem;
        if (same) {
            song = was->song;
            has_id = has_t = false;
        }
    }
    if (!song) {
        kc__bind_text(c->new_song, ":title", row->title);
        kc__bind_text(c->new_song, ":artist", row->artist);
        kc__bind_text(c->new_song, ":match", f->tkey + 2);
        if ((rc = step_done(c, c->new_song, "new song")))
            goto out;
        song = sqlite3_last_insert_rowid(kc__sql(c->db));
    }
    /* The song holds the keys it was found by and the row's own spellings
     * (so that a merged song still shows, and can split off, each of them). */
    const char *keys[4] = {has_t ? NULL : tkey, has_id ? NULL : id_lookup,
                           orig_t != tkey ? orig_t : NULL,
                           idkey != id_lookup ? idkey : NULL};
    for (int k = 0; k < 4 && !rc; k++)
        if (keys[k])
            rc = add_key(c, keys[k], song);
    if (rc)
        goto out;
    row->song = song;
    if (set_add(&c->cur, song, row->rank, row->title, row->artist, row->pid))
        goto nomem;
    goto out;
nomem:
    rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
out:
    free(idkey);
    return rc;
}

/* Marks r to be written and, the first time the current file changes it,
 * keeps its state for kc__runs_undo; -1 when out of memory (r unchanged). */
static int remember(kc__state *st, run_state *r)
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

/* Writes the runs marked dirty (kc__commit, through kc__cache_flush). */
static int flush(kc_db *db, void *state)
{
    kc__state *st = state;
    for (size_t i = 0; i < st->ndirty; i++) {
        run_state *r = st->dirty[i];
        if (!r->dirty) /* undone, or written by an earlier flush that failed */
            continue;
        sqlite3_stmt *u =
            kc__stmt(db, r->stored ? kc__sql_runs_update_run : kc__sql_runs_put_run);
        if (!u)
            return KC_ESTORE;
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
        if (step != SQLITE_DONE)
            return kc__sqlfail(db, "store run");
        r->stored = true;
        r->dirty = false;
    }
    st->ndirty = 0;
    return KC_OK;
}

void kc__runs_file_begin(kc_db *db)
{
    kc__state *st = kc__cache(db);
    if (st) {
        st->file++;
        st->nundo = 0;
    }
}

void kc__runs_undo(kc_db *db)
{
    kc__state *st = kc__cache(db);
    for (size_t i = st ? st->nundo : 0; i-- > 0;)
        *st->undo[i].run = st->undo[i].was;
    if (st)
        st->nundo = 0;
}

bool kc__runs_must_flush(kc_db *db, const kc__batch *b, bool replace)
{
    kc__state *st = kc__cache(db);
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

/* Counts a resolved row into its song's run and stores the entry. */
static int count(ctx *c, const char *period, bool counters, const pending *row)
{
    int64_t song = row->song;
    int32_t rank = row->rank, p_last = row->p_last;
    run_state *r = load_run(c, song);
    if (!r)
        return c->status;
    if (remember(c->st, r))
        return kc__fail(c->db, KC_ENOMEM, "out of memory");
    int32_t last = set_rank_of(&c->prev, song);
    const char *status;
    if (!r->exists) {
        status = "new";
        snprintf(r->debut_period, sizeof r->debut_period, "%s", period);
        r->debut_rank = rank;
        r->periods = 1;
        r->streak = 1;
        r->peak = rank;
        snprintf(r->peak_period, sizeof r->peak_period, "%s", period);
        r->at_peak = 1;
        r->at_no1 = rank == 1;
    } else {
        r->periods++;
        if (last) {
            r->streak++;
            status = rank < last ? "up" : rank > last ? "down" : "same";
        } else {
            r->streak = 1;
            r->reentries++;
            status = "re-entry";
        }
        if (rank < r->peak) {
            r->peak = rank;
            snprintf(r->peak_period, sizeof r->peak_period, "%s", period);
            r->at_peak = 1;
        } else if (rank == r->peak) {
            r->at_peak++;
        }
        r->at_no1 += rank == 1;
    }
    bool seeded = false;
    if (counters && row->p_periods > r->periods) {
        r->periods = row->p_periods;
        seeded = true;
        if (p_last > 0) {
            /* The provider's previous chart is one we lack (the archive
             * begins later, or misses it): its rank is the previous rank,
             * and the song was on it, one more period of its streak. A song
             * we last saw before it re-entered there (counted above). */
            last = p_last;
            status = rank < last ? "up" : rank > last ? "down" : "same";
            r->streak++;
        } else if (!r->exists) {
            status = "re-entry"; /* a run under way when the archive begins */
        }
    }
    if (counters && row->p_peak > 0 && row->p_peak < r->peak) {
        r->peak = row->p_peak;
        r->peak_period[0] = '\0';
        r->at_peak = 0;
        seeded = true;
    }
    if (r->streak > r->longest)
        r->longest = r->streak;
    snprintf(r->last_period, sizeof r->last_period, "%s", period);
    r->last_rank = rank;
    r->exists = true;

    sqlite3_stmt *e = c->put_entry;
    kc__bind_int64(e, ":snapshot", c->snapshot);
    kc__bind_int64(e, ":rank", rank);
    kc__bind_int64(e, ":song", song);
    bind_int_or_null(e, ":last", last);
    kc__bind_text(e, ":status", status);
    kc__bind_int64(e, ":peak", r->peak);
    kc__bind_int64(e, ":periods", r->periods);
    kc__bind_int64(e, ":streak", r->streak);
    kc__bind_int64(e, ":seeded", seeded);
    return step_done(c, e, "store entry"); /* the run is written later */
}

static char *dup_or_null(const unsigned char *s)
{
    return s ? kc__strdup((const char *)s) : NULL;
}

/* Derives one period. Its rows come from mem when the ingest that stored
 * them still has them (the same rows, not read back), else from the store. */
static int process_period(ctx *c, int64_t snapshot, const char *period, bool counters,
                          const kc__snap *mem)
{
    int rc = KC_OK;
    size_t n = 0, cap = 0;
    pending *rows = NULL;
    set_clear(&c->cur);
    c->snapshot = snapshot;
    if (mem) {
        if (!(rows = kc__malloc((mem->nrows ? mem->nrows : 1) * sizeof *rows)))
            return kc__fail(c->db, KC_ENOMEM, "out of memory");
        for (; n < mem->nrows; n++) {
            const kc__row *r = &mem->rows[n];
            rows[n] = (pending){r->rank,
                                r->p_last < 0 ? 0 : r->p_last,
                                r->p_peak,
                                r->p_periods,
                                (char *)r->title,
                                (char *)r->artist,
                                (char *)r->provider_id,
                                0};
        }
    }
    sqlite3_stmt *o = c->rows;
    kc__bind_int64(o, ":snapshot", snapshot);
    int step = SQLITE_DONE;
    while (!mem && !rc && (step = sqlite3_step(o)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            pending *g = kc__realloc(rows, cap * sizeof *g);
            if (!g) {
                rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
                break;
            }
            rows = g;
        }
        pending *p = &rows[n++];
        p->rank = sqlite3_column_int(o, 0);
        p->title = dup_or_null(sqlite3_column_text(o, 1));
        p->artist = dup_or_null(sqlite3_column_text(o, 2));
        p->pid = dup_or_null(sqlite3_column_text(o, 3));
        p->p_last =
            sqlite3_column_type(o, 4) == SQLITE_NULL ? 0 : sqlite3_column_int(o, 4);
        p->p_peak =
            sqlite3_column_type(o, 5) == SQLITE_NULL ? KC_NONE : sqlite3_column_int(o, 5);
        p->p_periods =
            sqlite3_column_type(o, 6) == SQLITE_NULL ? KC_NONE : sqlite3_column_int(o, 6);
        p->song = 0;
        if (!p->title || !p->artist ||
            (sqlite3_column_type(o, 3) != SQLITE_NULL && !p->pid))
            rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(c->db, "read rows");
    sqlite3_reset(o);
    /* Identity pass by pass, each in rank order; then count. */
    for (int pass = BY_ID_CONTINUING; pass <= BY_ANY; pass++)
        for (size_t i = 0; !rc && i < n; i++)
            if (!rows[i].song && (rows[i].pid || pass == BY_ANY))
                rc = resolve(c, counters, &rows[i], pass);
    for (size_t i = 0; !rc && i < n; i++)
        rc = count(c, period, counters, &rows[i]);
    for (size_t i = 0; !mem && i < n; i++) {
        free(rows[i].title);
        free(rows[i].artist);
        free(rows[i].pid);
    }
    free(rows);
    /* This period becomes the previous one. */
    period_set t = c->prev;
    c->prev = c->cur;
    c->cur = t;
    return rc;
}

/* Loads the derived entries of a stored period as the previous period. */
static int load_prev(ctx *c, const char *period)
{
    sqlite3_stmt *st = kc__prepare(c->db, kc__sql_runs_previous_period);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", c->chart);
    kc__bind_text(st, ":period", period);
    int rc = KC_OK, step = SQLITE_DONE;
    set_clear(&c->prev);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        if (set_add(&c->prev, sqlite3_column_int64(st, 1), sqlite3_column_int(st, 0),
                    (const char *)sqlite3_column_text(st, 2),
                    (const char *)sqlite3_column_text(st, 3),
                    (const char *)sqlite3_column_text(st, 4)))
            rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(c->db, "previous period");
    sqlite3_finalize(st);
    return rc;
}

static int exec_chart(kc_db *db, const char *sql, const char *chart)
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "runs");
    sqlite3_finalize(st);
    return rc;
}

/* Forgets a chart's derived state, and the songs only it knew, so that a
 * recompute decides identity afresh, exactly as a first pass would. */
static int reset_chart(kc_db *db, const char *chart)
{
    /* Runs kept in memory go to the store first: the songs to forget are
     * found there, and what is cached goes. */
    int rc = kc__cache_flush(db);
    if (rc)
        return rc;
    kc__cache_drop(db); /* songs may go: nothing cached stays true */
    if ((rc = kc__exec(db, kc__sql_runs_doomed_clear))) /* made by kc_db_open */
        return rc;
    if ((rc = exec_chart(db, kc__sql_runs_doomed, chart)) ||
        (rc = exec_chart(db, kc__sql_runs_forget_entries, chart)) ||
        (rc = exec_chart(db, kc__sql_runs_forget_runs, chart)))
        return rc;
    return kc__exec(db, kc__sql_runs_forget_songs);
}

int kc__runs_forget(kc_db *db, const char *chart)
{
    return reset_chart(db, chart);
}

int kc__runs_update(kc_db *db, const char *chart, const char *from, kc__batch *fresh)
{
    int rc = KC_OK;
    ctx c = {.db = db, .chart = chart};
    char last_done[32] = "";
    /* The last period derived: the newest snapshot with entries (the ones
     * just stored have none yet). */
    sqlite3_stmt *st = kc__stmt(db, kc__sql_runs_last_period);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        snprintf(last_done, sizeof last_done, "%s",
                 (const char *)sqlite3_column_text(st, 0));
    else if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "last period");
    sqlite3_reset(st);
    if (rc)
        return rc;
    if (last_done[0] && (!from || strcmp(from, last_done) <= 0)) {
        if ((rc = reset_chart(db, chart)))
            return rc;
        last_done[0] = '\0';
    }
    if (!(c.st = state_of(db, &rc)))
        return rc;
    bool created;
    chart_state **csp =
        (chart_state **)kc__map_get(c.st->charts, chart, strlen(chart), true, &created);
    if (!csp || (created && !(*csp = kc__calloc(1, sizeof **csp))) ||
        (!(*csp)->runs && !((*csp)->runs = kc__map_new())))
        return kc__fail(db, KC_ENOMEM, "out of memory");
    c.cs = *csp;
    snprintf(c.cs->id, sizeof c.cs->id, "%s", chart);
    c.keys = kc__stmt(db, kc__sql_runs_song_keys);
    c.new_song = kc__stmt(db, kc__sql_runs_new_song);
    c.add_key = kc__stmt(db, kc__sql_runs_add_key);
    c.get_run = kc__stmt(db, kc__sql_runs_get_run);
    c.put_entry = kc__stmt(db, kc__sql_runs_put_entry);
    c.rows = kc__stmt(db, kc__sql_runs_rows);
    sqlite3_stmt *snaps = kc__stmt(db, kc__sql_runs_snapshots);
    if (!c.keys || !c.new_song || !c.add_key || !c.get_run || !c.put_entry || !c.rows ||
        !snaps) {
        rc = KC_ESTORE;
        goto out;
    }
    if (last_done[0] && !strcmp(c.cs->prev_period, last_done)) {
        c.prev = c.cs->prev; /* the previous period, kept from the last file */
        memset(&c.cs->prev, 0, sizeof c.cs->prev);
    } else if (last_done[0] && (rc = load_prev(&c, last_done))) {
        goto out;
    }
    c.cs->prev_period[0] = '\0';
    kc__bind_text(snaps, ":chart", chart);
    kc__bind_text(snaps, ":after", last_done);
    while (!rc && (step = sqlite3_step(snaps)) == SQLITE_ROW) {
        char period[32];
        snprintf(period, sizeof period, "%s",
                 (const char *)sqlite3_column_text(snaps, 1));
        const kc__snap *mem = fresh ? kc__batch_find(fresh, chart, period) : NULL;
        if (mem && !mem->stored)
            mem = NULL;
        rc = process_period(&c, sqlite3_column_int64(snaps, 0), period,
                            sqlite3_column_int(snaps, 2), mem);
        if (!rc)
            snprintf(last_done, sizeof last_done, "%s", period);
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "snapshots");
    if (!rc && last_done[0]) {
        /* Keep this period for the next file of the chart. */
        set_free(&c.cs->prev);
        c.cs->prev = c.prev;
        memset(&c.prev, 0, sizeof c.prev);
        snprintf(c.cs->prev_period, sizeof c.cs->prev_period, "%s", last_done);
    }
    if (!rc && !kc__cache_deferred(db))
        rc = kc__cache_flush(db);
out:
    sqlite3_reset(c.keys);
    sqlite3_reset(c.new_song);
    sqlite3_reset(c.add_key);
    sqlite3_reset(c.get_run);
    sqlite3_reset(c.put_entry);
    sqlite3_reset(c.rows);
    sqlite3_reset(snaps);
    set_free(&c.prev);
    set_free(&c.cur);
    return rc;
}
