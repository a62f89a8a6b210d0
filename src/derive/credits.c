/*
 * credits.c (derive): song_artist, the artists each entity's credit names,
 * derived from the credits and the artists the store knows.
 *
 * The evidence a credit is cut by (model/credits.c) is the store's: the
 * catalog's and MusicBrainz's artists and aliases, and the credits seen
 * whole as a sole credit (no "Featuring"). A sole credit of one word run
 * ("Wind", "BTS") names an artist; one with weak separators ("Earth, Wind &
 * Fire", "Coldplay x BTS") names one artist when it cannot be cut into the
 * names of the first kind, and is evidence then too. Each artist a credit
 * names is found by name or alias in matching form (a catalog artist first)
 * or made, origin 'credit'; artists are never deleted or renumbered here,
 * only song_artist is derived again. Not the parse (model/credits.c), nor
 * what the catalog says of an artist.
 */
#include "derive/derive.h"

#include <sql/derive_sql.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int64_t id;
    char *title, *credit;
    bool credited;
} entity;

typedef struct {
    kc_db *db;
    kc__map *known;   /* matching form -> (void *)1: names evidence gives */
    kc__map *artists; /* matching form -> artist id << 3 | priority */
    kc__map *fresh;   /* sole credits only uncredited entities have */
    kc__map *parsed;  /* credit -> its artists (a credited list), for titles
                         without a "(feat. X)" part */
    bool hit;
} state;

/* The artists of a credit, found or made. */
typedef struct {
    size_t n;
    struct {
        int64_t id;
        bool featured;
    } a[];
} credited;

static bool is_known(void *ctx, const char *match)
{
    state *s = ctx;
    return kc__map_get(s->known, match, strlen(match), false, NULL) != NULL;
}

static int mark(kc__map *m, const char *match)
{
    bool created;
    void **v = kc__map_get(m, match, strlen(match), true, &created);
    if (!v)
        return KC_ENOMEM;
    if (created)
        *v = (void *)(uintptr_t)1;
    return KC_OK;
}

/* The key an artist is found by: its matching form, or, for a name with
 * none (only punctuation: "["), the name as written after a byte no
 * matching form starts with. Owned; NULL when out of memory. */
static char *artist_key(const char *match, const char *name)
{
    if (*match)
        return kc__strdup(match);
    size_t n = strlen(name);
    char *k = kc__malloc(n + 2);
    if (k) {
        k[0] = '\x01';
        memcpy(k + 1, name, n + 1);
    }
    return k;
}

/* Records that match (of name) finds artist id with priority prio (a name
 * over an alias, the catalog's over a credit's; the first id of a
 * priority). */
static int put_artist(state *s, const char *match, const char *name, int64_t id,
                      unsigned prio)
{
    char *key = artist_key(match, name);
    if (!key)
        return KC_ENOMEM;
    bool created;
    void **v = kc__map_get(s->artists, key, strlen(key), true, &created);
    free(key);
    if (!v)
        return KC_ENOMEM;
    uintptr_t now = (uintptr_t)*v;
    if (created || !now || (now & 7) < prio)
        *v = (void *)(((uintptr_t)id << 3) | prio);
    return KC_OK;
}

static int64_t find_artist(state *s, const char *match, const char *name)
{
    char *key = match ? artist_key(match, name) : NULL;
    void **v = key ? kc__map_get(s->artists, key, strlen(key), false, NULL) : NULL;
    free(key);
    return v ? (int64_t)((uintptr_t)*v >> 3) : 0;
}

static int load_artists(state *s)
{
    sqlite3_stmt *st = kc__prepare(s->db, kc__sql_credits_artists);
    if (!st)
        return KC_ESTORE;
    int rc = KC_OK, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *m = (const char *)sqlite3_column_text(st, 1);
        const char *origin = (const char *)sqlite3_column_text(st, 2);
        bool alias = sqlite3_column_int(st, 3);
        const char *name = (const char *)sqlite3_column_text(st, 4);
        bool catalog = origin && strcmp(origin, "credit");
        if (!m || !name)
            continue;
        rc = put_artist(s, m, name, sqlite3_column_int64(st, 0),
                        (unsigned)((catalog ? 4 : 0) + (alias ? 1 : 2)));
        if (!rc && catalog && *m)
            rc = mark(s->known, m);
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(s->db, "artists");
    sqlite3_finalize(st);
    if (rc == KC_ENOMEM)
        kc__fail(s->db, rc, "out of memory");
    return rc;
}

static void entities_free(entity *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(e[i].title);
        free(e[i].credit);
    }
    free(e);
}

static int load_entities(kc_db *db, entity **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = kc__prepare(db, kc__sql_credits_songs);
    if (!st)
        return KC_ESTORE;
    size_t cap = 0;
    int rc = KC_OK, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            size_t c = cap ? cap * 2 : 1024;
            entity *v = kc__realloc(*out, c * sizeof *v);
            if (!v) {
                rc = KC_ENOMEM;
                break;
            }
            *out = v;
            cap = c;
        }
        entity *e = &(*out)[*n];
        e->id = sqlite3_column_int64(st, 0);
        e->title = kc__strdup((const char *)sqlite3_column_text(st, 1));
        e->credit = kc__strdup((const char *)sqlite3_column_text(st, 2));
        e->credited = sqlite3_column_int(st, 3);
        (*n)++;
        if (!e->title || !e->credit)
            rc = KC_ENOMEM;
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "songs");
    sqlite3_finalize(st);
    if (rc == KC_ENOMEM)
        kc__fail(db, rc, "out of memory");
    return rc;
}

static bool knows_none(void *ctx, const char *match)
{
    (void)ctx;
    (void)match;
    return false;
}

/* The parts of a credit with a strong separator that are one run of words
 * ("Latto" of "Jung Kook Featuring Latto") name an artist: seen whole, as
 * a sole credit is. */
static int plain_parts(state *s, const char *credit)
{
    kc__credit_artist *a;
    size_t n;
    int rc = kc__credit_parse(credit, NULL, knows_none, NULL, &a, &n);
    for (size_t i = 0; !rc && i < n; i++) {
        int shape = kc__credit_shape(a[i].name);
        if (shape < 0)
            rc = KC_ENOMEM;
        else if (shape == 0 && *a[i].match)
            rc = mark(s->known, a[i].match);
    }
    kc__credits_free(a, n);
    return rc;
}

/* A distinct credit of the entities: its shape, and whether credited and
 * uncredited entities have it. */
typedef struct {
    const char *credit; /* borrowed from an entity */
    int shape;
    bool credited, uncredited;
} distinct;

/* The evidence of the sole credits of e[0..n): a credit of one run of
 * words names an artist; one with weak separators does when it cannot be
 * cut into such names. When incremental, the sole credits that only
 * uncredited entities have go into s->fresh. */
static int load_evidence(state *s, const entity *e, size_t n, bool incremental)
{
    kc__map *seen = kc__map_new();
    distinct *d = kc__malloc((n ? n : 1) * sizeof *d);
    size_t nd = 0, nweak = 0;
    bool any_credited = false;
    int rc = seen && d ? KC_OK : KC_ENOMEM;
    for (size_t i = 0; !rc && i < n; i++) {
        if (!*e[i].credit)
            continue;
        bool created = false;
        void **v = kc__map_get(seen, e[i].credit, strlen(e[i].credit), true, &created);
        if (!v) {
            rc = KC_ENOMEM;
            break;
        }
        if (created) {
            d[nd] = (distinct){e[i].credit, kc__credit_shape(e[i].credit), false, false};
            *v = (void *)(uintptr_t)(nd + 1);
            nd++;
        }
        distinct *x = &d[(uintptr_t)*v - 1];
        x->credited |= e[i].credited;
        x->uncredited |= !e[i].credited;
        any_credited |= e[i].credited;
        if (!created)
            continue;
        if (x->shape < 0) {
            rc = KC_ENOMEM;
        } else if (x->shape == 0) {
            char *m = kc__credit_match(x->credit);
            rc = !m ? KC_ENOMEM : *m ? mark(s->known, m) : KC_OK;
            free(m);
        } else if (x->shape == 1) {
            nweak++;
        } else {
            rc = plain_parts(s, x->credit);
        }
    }
    /* Weak credits against the plain names only, then added together. */
    char **atomic = rc ? NULL : kc__malloc((nweak ? nweak : 1) * sizeof *atomic);
    size_t natomic = 0;
    if (!rc && !atomic)
        rc = KC_ENOMEM;
    for (size_t i = 0; !rc && i < nd; i++) {
        if (d[i].shape != 1)
            continue;
        kc__credit_artist *a;
        size_t k;
        rc = kc__credit_parse(d[i].credit, NULL, is_known, s, &a, &k);
        if (!rc && k == 1 && !(atomic[natomic++] = kc__credit_match(d[i].credit)))
            rc = KC_ENOMEM;
        kc__credits_free(a, k);
    }
    for (size_t i = 0; !rc && i < natomic; i++)
        if (*atomic[i])
            rc = mark(s->known, atomic[i]);
    for (size_t i = 0; atomic && i < natomic; i++)
        free(atomic[i]);
    free(atomic);
    /* A sole credit is fresh when no credited entity had it (in matching
     * form) before. Nothing is credited yet: nothing to credit again. */
    kc__map *old = incremental && any_credited && !rc ? kc__map_new() : NULL;
    if (incremental && any_credited && !rc && !old)
        rc = KC_ENOMEM;
    for (int pass = 0; old && pass < 2 && !rc; pass++)
        for (size_t i = 0; !rc && i < nd; i++) {
            if (d[i].shape < 0 || d[i].shape == 2 ||
                (pass ? !d[i].uncredited || d[i].credited : !d[i].credited))
                continue;
            char *m = kc__credit_match(d[i].credit);
            if (!m)
                rc = KC_ENOMEM;
            else if (!*m)
                ;
            else if (!pass)
                rc = mark(old, m);
            else if (!kc__map_get(old, m, strlen(m), false, NULL))
                rc = mark(s->fresh, m);
            free(m);
        }
    kc__map_free(seen, NULL);
    kc__map_free(old, NULL);
    free(d);
    if (rc == KC_ENOMEM)
        kc__fail(s->db, rc, "out of memory");
    return rc;
}

static int fresh_span(void *ctx, const char *match)
{
    state *s = ctx;
    if (kc__map_get(s->fresh, match, strlen(match), false, NULL))
        s->hit = true;
    return KC_OK;
}

static bool has_hangul(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p == 0xEA || *p == 0xEB || *p == 0xEC || *p == 0xED)
            return true; /* U+A000..U+DFFF: Hangul syllables and jamo ext. */
    return false;
}

/* The id of the artist a credit names: found by name or alias, else made
 * (origin credit), with its alias. */
static int artist_of(state *s, const kc__credit_artist *a, int64_t *id)
{
    *id = find_artist(s, a->match, a->name);
    if (!*id && a->alias_match && *a->alias_match)
        *id = find_artist(s, a->alias_match, a->alias);
    int rc = KC_OK;
    if (!*id) {
        sqlite3_stmt *st = kc__stmt(s->db, kc__sql_credits_artist_put);
        if (!st)
            return KC_ESTORE;
        kc__bind_text(st, ":name", a->name);
        kc__bind_text(st, ":match", a->match);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW)
            *id = sqlite3_column_int64(st, 0);
        while (step == SQLITE_ROW)
            step = sqlite3_step(st);
        rc = step == SQLITE_DONE ? KC_OK : kc__sqlfail(s->db, "artist");
        sqlite3_reset(st);
        if (rc)
            return rc;
        if ((rc = put_artist(s, a->match, a->name, *id, 2)))
            return kc__fail(s->db, rc, "out of memory");
    }
    if (a->alias && a->alias_match && *a->alias_match) {
        sqlite3_stmt *st = kc__stmt(s->db, kc__sql_credits_alias_put);
        if (!st)
            return KC_ESTORE;
        kc__bind_int64(st, ":artist", *id);
        kc__bind_text(st, ":alias", a->alias);
        kc__bind_text(st, ":match", a->alias_match);
        kc__bind_text(st, ":locale", has_hangul(a->alias) ? "ko" : NULL);
        rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(s->db, "alias");
        sqlite3_reset(st);
        if (!rc && !find_artist(s, a->alias_match, a->alias) &&
            put_artist(s, a->alias_match, a->alias, *id, 1))
            rc = kc__fail(s->db, KC_ENOMEM, "out of memory");
    }
    return rc;
}

/* The artists of e's credit and title, found or made, into *out (owned,
 * free()). */
static int credit_of(state *s, const entity *e, credited **out)
{
    *out = NULL;
    kc__credit_artist *a;
    size_t n;
    if (kc__credit_parse(e->credit, e->title, is_known, s, &a, &n))
        return kc__fail(s->db, KC_ENOMEM, "out of memory");
    credited *c = kc__malloc(sizeof *c + (n ? n : 1) * sizeof c->a[0]);
    int rc = c ? KC_OK : kc__fail(s->db, KC_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
        rc = artist_of(s, &a[i], &c->a[i].id);
        c->a[i].featured = a[i].featured;
    }
    kc__credits_free(a, n);
    if (rc) {
        free(c);
        return rc;
    }
    c->n = n;
    *out = c;
    return KC_OK;
}

/* Derives e's song_artist rows again. Entities of one credit share its
 * parse, unless a title adds artists ("(feat. X)"). */
static int credit_entity(state *s, const entity *e)
{
    int rc = KC_OK;
    if (e->credited) {
        sqlite3_stmt *st = kc__stmt(s->db, kc__sql_credits_song_clear);
        if (!st)
            return KC_ESTORE;
        kc__bind_int64(st, ":song", e->id);
        rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(s->db, "song_artist");
        sqlite3_reset(st);
        if (rc)
            return rc;
    }
    void **slot = NULL;
    if (!strpbrk(e->title, "([")) {
        bool created;
        slot = kc__map_get(s->parsed, e->credit, strlen(e->credit), true, &created);
        if (!slot)
            return kc__fail(s->db, KC_ENOMEM, "out of memory");
    }
    credited *c = slot ? *slot : NULL;
    if (!c && (rc = credit_of(s, e, &c)))
        return rc;
    if (slot)
        *slot = c;
    sqlite3_stmt *put = kc__stmt(s->db, kc__sql_credits_put);
    if (!put)
        rc = KC_ESTORE;
    for (size_t i = 0; !rc && i < c->n; i++) {
        kc__bind_int64(put, ":song", e->id);
        kc__bind_int64(put, ":artist", c->a[i].id);
        kc__bind_text(put, ":role", c->a[i].featured ? "featured" : "lead");
        kc__bind_int64(put, ":pos", (int64_t)i + 1);
        rc = sqlite3_step(put) == SQLITE_DONE ? KC_OK : kc__sqlfail(s->db, "song_artist");
        sqlite3_reset(put);
    }
    if (!slot)
        free(c);
    return rc;
}

int kc__credits_update(kc_db *db, bool all)
{
    state s = {
        db,   kc__map_new(), kc__map_new(), all ? NULL : kc__map_new(), kc__map_new(),
        false};
    entity *e = NULL;
    size_t n = 0;
    int rc = s.known && s.artists && s.parsed && (all || s.fresh)
                 ? KC_OK
                 : kc__fail(db, KC_ENOMEM, "out of memory");
    if (!rc && all)
        rc = kc__exec(db, kc__sql_credits_clear);
    if (!rc)
        rc = load_entities(db, &e, &n);
    /* Nothing new to credit: nothing can have changed (the catalog's
     * changes come with all). */
    bool any = all;
    for (size_t i = 0; !rc && !any && i < n; i++)
        any = !e[i].credited && *e[i].credit;
    if (!rc && any)
        rc = load_artists(&s);
    if (!rc && any)
        rc = load_evidence(&s, e, n, !all);
    for (size_t i = 0; !rc && any && i < n; i++) {
        if (!*e[i].credit)
            continue;
        if (all) {
            e[i].credited = false;
        } else if (e[i].credited) {
            /* Credited before: again only when it holds a name that only
             * now is a sole credit ("Wind" arriving after "Earth, Wind &
             * Fire" changes nothing; "BTS" arriving after "Coldplay x BTS"
             * cuts it). */
            s.hit = false;
            if (kc__map_size(s.fresh) &&
                (rc = kc__credit_spans(e[i].credit, fresh_span, &s)))
                rc = kc__fail(db, rc, "out of memory");
            if (rc || !s.hit)
                continue;
        }
        rc = credit_entity(&s, &e[i]);
    }
    entities_free(e, n);
    kc__map_free(s.known, NULL);
    kc__map_free(s.artists, NULL);
    kc__map_free(s.fresh, NULL);
    kc__map_free(s.parsed, free);
    return rc;
}
