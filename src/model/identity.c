/*
 * identity.c: which song entity a title, a credit and provider ids name.
 *
 * A song entity groups spellings and provider ids under keys ("t:" title |
 * credit in matching form, "id:" a provider id). Binding finds the song of
 * a catalog song or a series subject by its ids first, then by its title
 * and credit as the runs key them, else makes one; the song then holds
 * every id and the title key, so that a chart row carrying any of them
 * lands on it. The binding is derived: rebuild clears it and binds again.
 * An entity of another kind than song (an album, an artist: what its chart
 * ranks) has keys of its own, the kind after each (kc__kind_title_key). A
 * title's other spellings (kc__title_forms: "뚜두뚜두 (DDU-DU DDU-DU)" is also
 * "DDU-DU DDU-DU"; "(with X)" is a credit) give it more keys and its
 * aliases (song_alias). Not the runs' own resolution of chart rows
 * (derive/runs.c), which reads the keys made here.
 */
#include "model/model.h"

#include <sql/model_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The song holding key (the lowest id when several do), or 0. */
int kc__song_of_key(kc_db *db, const char *key, int64_t *song)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_identity_song_of_key);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":key", key);
    return kc__step_id(db, st, song, "song key");
}

int kc__song_add_key(kc_db *db, const char *key, int64_t song)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_identity_add_key);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":key", key);
    kc__bind_int64(st, ":song", song);
    return kc__step_done(db, st, "song key");
}

int kc__song_new(kc_db *db, const char *title, const char *credit, const char *match,
                 int64_t *song)
{
    return kc__entity_new(db, "song", title, credit, match, song);
}

int kc__entity_new(kc_db *db, const char *kind, const char *title, const char *credit,
                   const char *match, int64_t *song)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_identity_new_song);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":kind", kind);
    if (*song > 0)
        kc__bind_int64(st, ":id", *song);
    else
        kc__bind_null(st, ":id");
    kc__bind_text(st, ":title", title);
    kc__bind_text(st, ":artist", credit);
    kc__bind_text(st, ":match", match);
    int rc = kc__step_done(db, st, "new song");
    if (!rc)
        *song = sqlite3_last_insert_rowid(kc__sql(db));
    return rc;
}

/* "t:<title>|<credit>" as runs.c forms it (owned), or NULL: no memory. */
char *kc__title_key(const char *title, const char *credit)
{
    return kc__kind_title_key(NULL, title, credit);
}

char *kc__kind_title_key(const char *kind, const char *title, const char *credit)
{
    if (kind && (!*kind || !strcmp(kind, "song")))
        kind = NULL;
    char *mt = kc__match_title(title), *mc = kc__match_credit(credit);
    if (mt && !*mt && *title) {
        /* As runs.c: a title of symbols only is matched as written. */
        free(mt);
        mt = kc__strdup(title);
    }
    size_t n = mt && mc ? strlen(mt) + strlen(mc) + 5 + (kind ? strlen(kind) : 0) : 0;
    char *key = n ? kc__malloc(n) : NULL;
    if (key)
        snprintf(key, n, "t:%s|%s%s%s", mt, mc, kind ? "|" : "", kind ? kind : "");
    free(mt);
    free(mc);
    return key;
}

char *kc__kind_id_key(const char *kind, const char *pid)
{
    if (kind && (!*kind || !strcmp(kind, "song")))
        kind = NULL;
    size_t n = strlen(pid) + 5 + (kind ? strlen(kind) : 0);
    char *key = kc__malloc(n);
    if (key)
        snprintf(key, n, "id:%s%s%s", pid, kind ? "|" : "", kind ? kind : "");
    return key;
}

/* ---- names in any script ---------------------------------------------- */

/* Words of a parenthesis that make it a version of the title, not the
 * title in another script: "휘파람 (Acoustic Ver.)" is not a song called
 * "Acoustic Ver.". Matching form, whole words. */
static const char *const version_words[] = {
    "ver",      "version",    "remix",      "mix",       "inst",      "instrumental",
    "acoustic", "live",       "edit",       "prod",      "sped",      "slowed",
    "remaster", "remastered", "demo",       "english",   "korean",    "japanese",
    "chinese",  "ost",        "from",       "sung",      "by",        "original",
    "extended", "radio",      "vocal",      "piano",     "orchestra", "intro",
    "outro",    "feat",       "ft",         "featuring", "with",      "edition",
    "cover",    "soundtrack", "theme",      "bonus",     "unplugged", "reprise",
    "clean",    "explicit",   "performance"};

static bool has_version_word(const char *s, size_t n)
{
    char *part = kc__strndup(s, n);
    char *m = part ? kc__match_title(part) : NULL;
    free(part);
    bool found = m == NULL; /* no memory: not a script pair, to be safe */
    for (char *p = m; p && *p && !found;) {
        char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        for (size_t i = 0; i < sizeof version_words / sizeof *version_words; i++)
            if (strlen(version_words[i]) == len && !memcmp(version_words[i], p, len))
                found = true;
        p = e ? e + 1 : p + len;
    }
    free(m);
    return found;
}

/* The last parenthesis of s closing its end: "head (inner)". Offsets of
 * inner into *in, *inlen and the length of head without its trailing
 * spaces into *headlen; false when s does not end so or head is empty. */
static bool last_group(const char *s, size_t *in, size_t *inlen, size_t *headlen)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    if (n < 3 || s[n - 1] != ')')
        return false;
    int depth = 0;
    size_t i = n;
    while (i-- > 0) {
        if (s[i] == ')')
            depth++;
        else if (s[i] == '(' && --depth == 0)
            break;
    }
    if (depth != 0 || i == (size_t)-1)
        return false;
    size_t h = i;
    while (h && s[h - 1] == ' ')
        h--;
    if (!h)
        return false;
    *in = i + 1;
    *inlen = n - 1 - (i + 1);
    *headlen = h;
    return *inlen > 0;
}

/* "A (B)" where A is written in another script than Latin only and B is
 * its Latin name (not a version): B's offset and length, A's length. */
static bool script_pair(const char *s, size_t *b, size_t *blen, size_t *alen)
{
    if (!last_group(s, b, blen, alen))
        return false;
    return !memchr(s, '(', *alen) && kc__scripts(s, *alen) == KC_SCRIPT_OTHER &&
           kc__scripts(s + *b, *blen) == KC_SCRIPT_LATIN &&
           !has_version_word(s + *b, *blen);
}

/* The guest of a title ending "(with X)", "(feat. X)", "(ft. X)",
 * "(featuring X)", any case: its offset and length, and the title's length
 * without it. */
static bool credit_part(const char *s, size_t *g, size_t *glen, size_t *tlen)
{
    static const char *const lead[] = {"with ", "feat. ", "feat ", "ft. ", "featuring "};
    size_t in, inlen;
    if (!last_group(s, &in, &inlen, tlen))
        return false;
    for (size_t i = 0; i < sizeof lead / sizeof *lead; i++) {
        size_t k = strlen(lead[i]);
        if (inlen > k && !strncasecmp(s + in, lead[i], k)) {
            *g = in + k;
            *glen = inlen - k;
            while (*glen && s[*g] == ' ')
                (*g)++, (*glen)--;
            return *glen > 0;
        }
    }
    return false;
}

static int push_form(kc__forms *f, char *title, char *credit)
{
    if (!title || !credit || f->n == KC_FORMS_MAX) {
        free(title);
        free(credit);
        return title && credit ? KC_OK : KC_ENOMEM;
    }
    f->title[f->n] = title;
    f->credit[f->n++] = credit;
    return KC_OK;
}

static int push_alias(kc__forms *f, const char *s, size_t n)
{
    for (size_t i = 0; i < f->naliases; i++)
        if (strlen(f->alias[i]) == n && !memcmp(f->alias[i], s, n))
            return KC_OK;
    if (f->naliases == KC_FORMS_MAX)
        return KC_OK;
    char *a = kc__strndup(s, n);
    if (!a)
        return KC_ENOMEM;
    f->alias[f->naliases++] = a;
    return KC_OK;
}

void kc__forms_free(kc__forms *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->title[i]);
        free(f->credit[i]);
    }
    for (size_t i = 0; i < f->naliases; i++)
        free(f->alias[i]);
    f->n = f->naliases = 0;
}

int kc__title_forms(const char *title, const char *credit, kc__forms *out)
{
    out->n = out->naliases = 0;
    int rc = KC_OK;
    size_t a, alen, b, blen;
    /* 1. "(with X)" is a credit: the title without it, X credited. */
    if (credit_part(title, &a, &alen, &b)) {
        size_t cl = strlen(credit);
        char *cr = kc__malloc(cl + alen + 7);
        if (cr)
            snprintf(cr, cl + alen + 7, "%s with %.*s", credit, (int)alen, title + a);
        rc = push_form(out, kc__strndup(title, b), cr);
        if (!rc)
            rc = push_alias(out, title, b);
    }
    /* 2. A title in another script with its Latin name: the Latin name. */
    for (size_t i = 0, n = out->n; !rc && i <= n; i++) {
        const char *t = i ? out->title[i - 1] : title;
        const char *c = i ? out->credit[i - 1] : credit;
        if (!script_pair(t, &b, &blen, &alen))
            continue;
        rc = push_form(out, kc__strndup(t + b, blen), kc__strdup(c));
        if (!rc)
            rc = push_alias(out, t + b, blen);
        if (!rc)
            rc = push_alias(out, t, alen);
    }
    /* 3. A credit in another script with its Latin name ("제니 (JENNIE)"). */
    if (!rc && script_pair(credit, &b, &blen, &alen)) {
        for (size_t i = 0, n = out->n; !rc && i <= n; i++) {
            const char *t = i ? out->title[i - 1] : title;
            if (i && strcmp(out->credit[i - 1], credit))
                continue;
            rc = push_form(out, kc__strdup(t), kc__strndup(credit + b, blen));
        }
    }
    if (rc)
        kc__forms_free(out);
    return rc;
}

int kc__song_add_alias(kc_db *db, int64_t song, const char *alias)
{
    char *m = kc__match_title(alias);
    if (!m)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    sqlite3_stmt *st = kc__stmt(db, kc__sql_identity_add_alias);
    int rc = KC_ESTORE;
    if (st) {
        kc__bind_int64(st, ":song", song);
        kc__bind_text(st, ":alias", alias);
        kc__bind_text(st, ":match", m);
        rc = kc__step_done(db, st, "song alias");
    }
    free(m);
    return rc;
}

int kc__song_bind(kc_db *db, const char *title, const char *credit,
                  const char *const *ids, size_t nids, const char *const *alt_credits,
                  size_t nalt, int64_t *song)
{
    int rc = KC_OK;
    int64_t found = 0;
    if (*song) { /* still there? */
        sqlite3_stmt *st = kc__stmt(db, kc__sql_identity_song_exists);
        if (!st)
            return KC_ESTORE;
        kc__bind_int64(st, ":song", *song);
        if ((rc = kc__step_id(db, st, &found, "song")))
            return rc;
    }
    char *tkey = kc__title_key(title, credit);
    if (!tkey)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    char key[KC_CATALOG_TEXT_MAX + 8];
    for (size_t i = 0; !rc && !found && i < nids; i++) {
        snprintf(key, sizeof key, "id:%s", ids[i]);
        rc = kc__song_of_key(db, key, &found);
    }
    if (!rc && !found)
        rc = kc__song_of_key(db, tkey, &found);
    for (size_t i = 0; !rc && !found && i < nalt; i++) {
        char *alt = kc__title_key(title, alt_credits[i]);
        rc = alt ? kc__song_of_key(db, alt, &found)
                 : kc__fail(db, KC_ENOMEM, "out of memory");
        free(alt);
    }
    if (!rc && !found) {
        rc = kc__song_new(db, title, credit, tkey + 2, &found);
    }
    /* The entity holds the catalog's ids and spelling from now on: a chart
     * row carrying any of them is this song. */
    for (size_t i = 0; !rc && i < nids; i++) {
        snprintf(key, sizeof key, "id:%s", ids[i]);
        rc = kc__song_add_key(db, key, found);
    }
    if (!rc)
        rc = kc__song_add_key(db, tkey, found);
    free(tkey);
    /* And the keys of its other spellings and its other titles, as a chart
     * row's (names in any script): the song found first holds them. */
    kc__forms forms = {0};
    if (!rc && (strchr(title, '(') || strchr(credit, '(')) &&
        kc__title_forms(title, credit, &forms))
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < forms.n; i++) {
        char *k = kc__title_key(forms.title[i], forms.credit[i]);
        rc =
            k ? kc__song_add_key(db, k, found) : kc__fail(db, KC_ENOMEM, "out of memory");
        free(k);
    }
    for (size_t i = 0; !rc && i < forms.naliases; i++)
        rc = kc__song_add_alias(db, found, forms.alias[i]);
    kc__forms_free(&forms);
    /* Made or given keys without a run: the search's queue is told here
     * (an ingest's songs are queued with their runs, migrate-021.sql). */
    char songs[32];
    snprintf(songs, sizeof songs, "[%lld]", (long long)found);
    if (!rc)
        rc = kc__search_touch_songs(db, songs);
    if (!rc)
        *song = found;
    return rc;
}

/* Binds every catalog song to its entity (those bound stay, and gain any
 * new keys). Inside the caller's transaction. */
int kc__catalog_bind(kc_db *db)
{
    kc__cache_drop(db); /* song keys change under runs.c's cache */
    sqlite3_stmt *q = kc__prepare(db, kc__sql_identity_catalog_songs);
    sqlite3_stmt *qids = kc__prepare(db, kc__sql_identity_catalog_song_ids);
    /* Other spellings of a credit with one lead and no one featured: each of
     * the lead's aliases ("Jung Kook", "정국" for "Jungkook"). */
    sqlite3_stmt *qalt = kc__prepare(db, kc__sql_identity_lead_aliases);
    sqlite3_stmt *upd = kc__prepare(db, kc__sql_identity_bind_catalog_song);
    int rc = q && qids && qalt && upd ? KC_OK : KC_ESTORE, step = SQLITE_DONE;
    char *ids[64], *alts[16];
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t cs = sqlite3_column_int64(q, 0), song = sqlite3_column_int64(q, 3);
        size_t n = 0, na = 0;
        int s2;
        kc__bind_int64(qids, ":song", cs);
        while (!rc && n < 64 && (s2 = sqlite3_step(qids)) == SQLITE_ROW) {
            const char *v = (const char *)sqlite3_column_text(qids, 0);
            if (!v || !(ids[n++] = kc__strdup(v)))
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
        }
        if (!rc && n < 64 && s2 != SQLITE_DONE)
            rc = kc__sqlfail(db, "song ids");
        sqlite3_reset(qids);
        kc__bind_int64(qalt, ":song", cs);
        while (!rc && na < 16 && (s2 = sqlite3_step(qalt)) == SQLITE_ROW) {
            const char *v = (const char *)sqlite3_column_text(qalt, 0);
            if (!v || !(alts[na++] = kc__strdup(v)))
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
        }
        if (!rc && na < 16 && s2 != SQLITE_DONE)
            rc = kc__sqlfail(db, "aliases");
        sqlite3_reset(qalt);
        const char *title = (const char *)sqlite3_column_text(q, 1);
        const char *credit = (const char *)sqlite3_column_text(q, 2);
        if (!rc && (!title || !credit))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        if (!rc)
            rc = kc__song_bind(db, title, credit, (const char *const *)ids, n,
                               (const char *const *)alts, na, &song);
        if (!rc) {
            kc__bind_int64(upd, ":catalog_song", cs);
            kc__bind_int64(upd, ":song", song);
            rc = kc__step_done(db, upd, "bind song");
        }
        for (size_t i = 0; i < n; i++)
            free(ids[i]);
        for (size_t i = 0; i < na; i++)
            free(alts[i]);
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "catalog songs");
    sqlite3_finalize(q);
    sqlite3_finalize(qids);
    sqlite3_finalize(qalt);
    sqlite3_finalize(upd);
    return rc;
}
