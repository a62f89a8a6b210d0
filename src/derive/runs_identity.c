/*
 * runs_identity.c: which song a chart row is.
 *
 * For a whole period, in passes from the surest match to the loosest, each
 * in rank order (kc__runs_resolve; runs.c's opening says the rules, and
 * docs/runs.md the evidence): a provider id the song held on the previous
 * period, any provider id, the title + credit key, the keys of the row's
 * other spellings (names in any script: model/identity.c's
 * kc__title_forms), the song at the provider's previous rank when it shares
 * the title, the credit or the lead artist (only when the previous stored
 * period is the chart's previous one: ctx.adjacent), else a new song. Ties
 * between songs found do not depend on ids, which follow the order files
 * came in (choose()). A chart that
 * ranks albums or artists keys its entities apart from songs (the kind after
 * each key). Keys are looked up through the user's merges and
 * splits (kc__runs_ruled). Not the counting of runs (runs.c) nor the binding
 * of catalog songs (model/identity.c), whose keys it reads.
 */
#include "derive/runs_int.h"

#include <sql/derive_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        if (kc__runs_set_rank_of(&c->cur, id))
            continue;
        if (c->first) {
            /* Replaying a window: a song whose rows on this chart came only
             * later was not there to find when this period was first
             * derived (a re-release sharing the title key), until the
             * replay places it. */
            void **when = kc__map_get(c->first, &id, sizeof id, false, NULL);
            if (when && strcmp(*when, c->period) > 0) {
                const run_state *r = kc__runs_load_run(c, id);
                if (!r)
                    return -1;
                if (!r->exists)
                    continue;
            }
        }
        if (c->new_here) {
            const run_state *r = kc__runs_load_run(c, id);
            if (!r)
                return -1;
            /* Deriving from a period on, a run the walk has not reached
             * is the stored one: it is there only if it began before. */
            if (r->exists && (!c->walk || strcmp(r->debut_period, c->period) < 0))
                continue;
        }
        c->found[n++] = id;
    }
    return (long)n;
}

/* Records that song holds key, in the store and in the cache. */
static int add_key(ctx *c, const char *key, int64_t song)
{
    int rc = kc__song_add_key(c->db, key, song);
    songlist **l =
        rc ? NULL : (songlist **)kc__map_get(c->st->keys, key, strlen(key), false, NULL);
    if (!l)
        return rc;
    songlist *cur = *l;
    for (size_t i = 0; cur && i < cur->n; i++)
        if (cur->ids[i] == song)
            return KC_OK;
    if (songlist_push(l, song))
        return kc__fail(c->db, KC_ENOMEM, "out of memory");
    for (size_t i = 0; c->walk && i < (*l)->n; i++)
        if (songlist_push(&c->keyed, (*l)->ids[i]))
            return kc__fail(c->db, KC_ENOMEM, "out of memory");
    return KC_OK;
}

/* Keeps in debut the earlier of it and a run's first period, when that run
 * began before the period being derived. */
static void earlier(char debut[32], const char *period, const char *before)
{
    if (strcmp(period, before) < 0 && (!*debut || strcmp(period, debut) < 0))
        snprintf(debut, 32, "%s", period);
}

/* The first period song was on any chart, among those before the period
 * being derived: into debut (32 bytes), "" when it has no entry before it
 * (a catalog's song, or one known only from later periods). 0, or -1 on
 * failure (c->status and the message set). This chart's run is the one in
 * memory (during a walk, a run the walk has not reached is the stored one,
 * whose entries before the period are final); another chart's is the
 * stored one, or the one in memory not yet written (kc__state.dirty: an
 * appended run, whose first period never moves later). */
static int debut_before(ctx *c, int64_t song, char debut[32])
{
    const run_state *r = kc__runs_load_run(c, song);
    if (!r)
        return -1;
    debut[0] = '\0';
    if (r->exists)
        earlier(debut, r->debut_period, c->period);
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_runs_debut_elsewhere);
    if (!st) {
        c->status = KC_ESTORE;
        return -1;
    }
    kc__bind_int64(st, ":song", song);
    kc__bind_text(st, ":chart", c->chart);
    kc__bind_text(st, ":before", c->period);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        earlier(debut, (const char *)sqlite3_column_text(st, 0), c->period);
    sqlite3_reset(st);
    if (step != SQLITE_ROW) {
        c->status = kc__sqlfail(c->db, "runs elsewhere");
        return -1;
    }
    for (size_t i = 0; i < c->st->ndirty; i++) {
        const run_state *d = c->st->dirty[i];
        if (d->dirty && d->exists && d->song == song && d->chart &&
            strcmp(d->chart, c->chart))
            earlier(debut, d->debut_period, c->period);
    }
    return 0;
}

/* Which of the n songs found (c->found) a row is: the one at the
 * provider's previous rank, else one on the previous period, else any.
 * Ties go to the song first on a chart latest, among songs on one before
 * this period (a song on none ranks below), then to the higher id: on an
 * ingest in period order (a directory's files are taken by the date in
 * their names) that is the newest song, as the higher id alone was, and
 * it does not depend on the order files came in, which ids follow. The
 * songs' runs are read only for a tie. The chosen id, or -1 on failure
 * (c->status and the message set). */
static int64_t choose(ctx *c, size_t n, int32_t p_last)
{
    int64_t best = 0;
    int score = -1;
    char best_debut[32] = "", debut[32];
    bool best_read = false;
    for (size_t i = 0; i < n; i++) {
        int32_t was = kc__runs_set_rank_of(&c->prev, c->found[i]);
        int s = c->adjacent && p_last > 0 && was == p_last ? 2 : was ? 1 : 0;
        if (s < score)
            continue;
        if (s == score) {
            if (!best_read && debut_before(c, best, best_debut))
                return -1;
            best_read = true;
            if (debut_before(c, c->found[i], debut))
                return -1;
            int order = strcmp(debut, best_debut);
            if (order < 0 || (order == 0 && c->found[i] < best))
                continue;
            memcpy(best_debut, debut, sizeof debut);
        } else {
            best_read = false;
        }
        best = c->found[i];
        score = s;
    }
    return best;
}

/* Copies s into p (sized for it by the caller); p returned. */
static char *put_str(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n + 1);
    return p;
}

/* The title + credit key of a spelling, folded once; an entity of another
 * kind than song (c->kind) has "|<kind>" after it, so that an album never
 * holds a song's key (model/identity.c's kc__kind_title_key). The row's
 * matching forms, when the ingest made them ahead, are taken as they are. */
static const folded *fold_row(ctx *c, const pending *row)
{
    const char *title = row->title, *artist = row->artist;
    size_t tl = strlen(title), al = strlen(artist), kl = strlen(c->kind);
    size_t rl = tl + al + 1 + (kl ? kl + 1 : 0);
    /* Most spellings fit on the stack: a malloc a row showed in profiles. */
    char small[512];
    char *raw = rl + 1 <= sizeof small ? small : kc__malloc(rl + 1);
    if (!raw)
        return NULL;
    memcpy(raw, title, tl);
    raw[tl] = '\x1f';
    memcpy(raw + tl + 1, artist, al + 1);
    if (kl) {
        raw[tl + 1 + al] = '\x1f';
        memcpy(raw + tl + al + 2, c->kind, kl + 1);
    }
    bool created;
    folded **slot = (folded **)kc__map_get(c->st->folds, raw, rl, true, &created);
    if (raw != small)
        free(raw);
    if (!slot)
        return NULL;
    if (!created)
        return *slot;
    char *mt = row->match_title ? kc__strdup(row->match_title) : kc__match_title(title);
    char *mc =
        row->match_credit ? kc__strdup(row->match_credit) : kc__match_credit(artist);
    if (mt && !*mt && *title) {
        /* A title of symbols only ("÷", "×") folds to nothing: match it as
         * written, or every such title of one artist would be one song. */
        free(mt);
        mt = kc__strdup(title);
    }
    /* Its other spellings (names in any script; "(with X)" a credit): the
     * keys of each, and the other titles they give the entity. */
    kc__forms forms = {0};
    char *alt[KC_FORMS_MAX];
    size_t nalt = 0, extra = 0;
    bool ok = mt && mc;
    if (ok && (strchr(title, '(') || strchr(artist, '(')))
        ok = !kc__title_forms(title, artist, &forms);
    char *own = forms.n ? kc__kind_title_key(c->kind, title, artist) : NULL;
    ok = ok && (!forms.n || own);
    for (size_t i = 0; ok && i < forms.n; i++) {
        char *k = kc__kind_title_key(c->kind, forms.title[i], forms.credit[i]);
        ok = k != NULL;
        bool dup = ok && !strcmp(k, own);
        for (size_t j = 0; ok && !dup && j < nalt; j++)
            dup = !strcmp(alt[j], k);
        if (!ok || dup) {
            free(k);
            continue;
        }
        alt[nalt++] = k;
        extra += strlen(k) + 1;
    }
    for (size_t i = 0; ok && i < forms.naliases; i++)
        extra += strlen(forms.alias[i]) + 1;
    size_t n = ok ? strlen(mt) + strlen(mc) + 5 + kl : 0;
    folded *f = n ? kc__malloc(sizeof *f + n + extra) : NULL;
    if (f) {
        f->empty_title = !*mt;
        f->match_len = strlen(mt) + 1 + strlen(mc);
        snprintf(f->tkey, n, "t:%s|%s%s%s", mt, mc, kl ? "|" : "", c->kind);
        char *p = f->tkey + strlen(f->tkey) + 1;
        for (size_t i = 0; i < nalt; i++)
            p += strlen(put_str(p, alt[i])) + 1;
        for (size_t i = 0; i < forms.naliases; i++)
            p += strlen(put_str(p, forms.alias[i])) + 1;
        f->nalt = (unsigned)nalt;
        f->nalias = (unsigned)forms.naliases;
    }
    for (size_t i = 0; i < nalt; i++)
        free(alt[i]);
    free(own);
    kc__forms_free(&forms);
    free(mt);
    free(mc);
    *slot = f;
    return f;
}

/* The next of the NUL-terminated strings after s (folded's keys). */
static const char *next_str(const char *s)
{
    return s + strlen(s) + 1;
}

/* Whether song holds key (the cache's list of it, read on first use): 1 or
 * 0, or -1 on failure (c->status and the message set). */
static int holds(ctx *c, const char *key, int64_t song)
{
    songlist **l = key_songs(c, key);
    if (!l)
        return -1;
    for (size_t i = 0; *l && i < (*l)->n; i++)
        if ((*l)->ids[i] == song)
            return 1;
    return 0;
}

/* Whether song holds another id of idkey's provider ("id:melon:1" and
 * "id:melon:2"): 1 or 0, or -1 on a store error (message set). */
static int id_conflict(ctx *c, int64_t song, const char *idkey)
{
    const char *cut = strrchr(idkey, ':');
    if (!cut || cut - idkey < 3)
        return 0;
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_runs_id_conflict);
    if (!st)
        return -1;
    char prefix[128];
    snprintf(prefix, sizeof prefix, "%.*s", (int)(cut - idkey + 1), idkey);
    kc__bind_int64(st, ":song", song);
    kc__bind_text(st, ":prefix", prefix);
    kc__bind_text(st, ":key", idkey);
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        kc__sqlfail(c->db, "song ids");
        return -1;
    }
    return step == SQLITE_ROW;
}

/* Decides which song a row is (the identity rules at the top of this file)
 * and claims it for this period. Passes go from the surest match to the
 * loosest, so that a looser match cannot take a song a surer one names:
 * BY_ID_CONTINUING takes only a provider id match whose song was on the
 * previous period (two ids of one song charting together: the one that was
 * there keeps the run), BY_ID any id match, BY_ANY the rest. */
int kc__runs_resolve(ctx *c, bool counters, pending *row, int pass)
{
    bool ids_only = pass != BY_ANY;
    int rc = KC_OK;
    char *idkey = NULL;
    const folded *f = fold_row(c, row);
    if (!f)
        goto nomem;
    /* A row without a title is known by its provider id alone: a title key
     * of nothing would join every such row. */
    const char *tkey = f->empty_title && row->pid ? NULL : f->tkey;
    if (row->pid) {
        /* An album's provider id is not a song's either. */
        if (!(idkey = kc__kind_id_key(c->kind, row->pid)))
            goto nomem;
    }
    /* The user's merges and splits rewrite the keys looked up. */
    bool split = false;
    const char *orig_t = tkey;
    const char *id_lookup = kc__runs_ruled(c->st, idkey, &split);
    if (split) /* its provider id split off: known by that alone, or the
                  title key would pull the row back to the song it left */
        tkey = orig_t = NULL;
    else
        tkey = kc__runs_ruled(c->st, tkey, &split);
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
        if (song < 0)
            n = -1;
        /* Another spelling of the title (names in any script): the songs
         * holding its key, unless provider ids say otherwise. */
        const char *k = f->tkey;
        for (unsigned i = 0; n == 0 && !ids_only && tkey && i < f->nalt; i++) {
            k = next_str(k);
            const char *ak = kc__runs_ruled(c->st, k, &split);
            if ((n = lookup(c, ak)) < 0)
                break;
            if (n == 0)
                continue;
            long kept = 0;
            for (long j = 0; j < n; j++) {
                int conflict = idkey ? id_conflict(c, c->found[j], idkey) : 0;
                if (conflict < 0) {
                    rc = KC_ESTORE;
                    goto out;
                }
                if (!conflict)
                    c->found[kept++] = c->found[j];
            }
            if ((n = kept) > 0 && (song = choose(c, (size_t)n, row->p_last)) < 0)
                n = -1;
        }
        if (n < 0) {
            rc = c->status;
            goto out;
        }
    }
    if (ids_only && !song)
        goto out;
    if (pass == BY_ID_CONTINUING) {
        const placed *was = kc__runs_set_find(&c->prev, song);
        if (!was || !was->pid || strcmp(was->pid, row->pid))
            goto out;
    }
    c->new_here = false;
    if (counters && !split && row->p_last > 0 && c->adjacent &&
        (!song || !kc__runs_set_rank_of(&c->prev, song))) {
        const placed *was = kc__runs_set_at_rank(&c->prev, row->p_last);
        int same = was && !kc__runs_set_rank_of(&c->cur, was->song)
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
        /* A rebuild, merge or split keeps ids: the song takes the id of
         * the one this row was, when free (derive/ids.c settles the rest). */
        sqlite3_stmt *old = c->st->keeping ? kc__stmt(c->db, kc__sql_runs_old_id) : NULL;
        if (c->st->keeping && !old) {
            rc = KC_ESTORE;
            goto out;
        }
        if (old) {
            kc__bind_int64(old, ":snapshot", c->snapshot);
            kc__bind_int64(old, ":rank", row->rank);
        }
        if (old && (rc = kc__step_id(c->db, old, &song, "old id")))
            goto out;
        /* Its matching form: the key without "t:" and the kind. */
        char small[512];
        char *match = f->match_len < sizeof small ? small : kc__malloc(f->match_len + 1);
        if (!match)
            goto nomem;
        memcpy(match, f->tkey + 2, f->match_len);
        match[f->match_len] = '\0';
        rc = kc__entity_new(c->db, *c->kind ? c->kind : "song", row->title, row->artist,
                            match, &song);
        if (match != small)
            free(match);
        /* A song made now has no run to read (count() loads it). */
        if (!rc && !kc__runs_new_run(c, song))
            rc = c->status;
        if (rc)
            goto out;
    }
    /* The song holds the keys it was found by and the row's own spellings
     * (so that a merged song still shows, and can split off, each of them). */
    int held = !has_t && (f->nalt || f->nalias) && tkey ? holds(c, tkey, song) : 1;
    if (held < 0) {
        rc = c->status;
        goto out;
    }
    bool fresh = !held;
    const char *keys[4] = {has_t ? NULL : tkey, has_id ? NULL : id_lookup,
                           orig_t != tkey ? orig_t : NULL,
                           idkey != id_lookup ? idkey : NULL};
    for (int k = 0; k < 4 && !rc; k++)
        if (keys[k])
            rc = add_key(c, keys[k], song);
    /* A spelling new to the song: its other spellings' keys too, and its
     * other titles (song_alias); once, not on every row found by its id. */
    const char *more = f->tkey;
    bool ruled;
    for (unsigned i = 0; fresh && !rc && i < f->nalt + f->nalias; i++) {
        more = next_str(more);
        rc = i < f->nalt ? add_key(c, kc__runs_ruled(c->st, more, &ruled), song)
                         : kc__song_add_alias(c->db, song, more);
    }
    if (rc)
        goto out;
    row->song = song;
    if (kc__runs_set_add(&c->cur, song, row->rank, row->title, row->artist, row->pid))
        goto nomem;
    goto out;
nomem:
    rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
out:
    free(idkey);
    return rc;
}
