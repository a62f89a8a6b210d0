/*
 * catalog_reader.c: what both catalog readers share: a checked walk of the
 * JSON (every wrong value reported at its line and column, through the path
 * of keys and indices that led to it) and the catalog's writes (artists,
 * songs, their ids and credits, releases and tracks), each adding or
 * updating, never removing.
 *
 * Used by catalog.c (kchart's format), catalog_korean.c (data.json) and
 * catalog_mb.c (MusicBrainz's JSON). Not a reader of any format itself.
 */
#include "ingest/ingest.h"

#include <sql/ingest_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kc__cat_push_key(kc__catreader *c, const char *key)
{
    if (c->depth < KC_JSON_PATH_MAX)
        c->stack[c->depth] = (kc__jpath){key, 0};
    c->depth++;
}

void kc__cat_push_index(kc__catreader *c, size_t i)
{
    if (c->depth < KC_JSON_PATH_MAX)
        c->stack[c->depth] = (kc__jpath){NULL, i};
    c->depth++;
}

void kc__cat_pop(kc__catreader *c)
{
    c->depth--;
}

/* Bad input at the value the path leads to: "file:line:col: what". */
__attribute__((format(printf, 2, 3))) int kc__cat_bad(kc__catreader *c, const char *fmt,
                                                      ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    int line, col;
    kc__json_path_locate(c->text, c->len, c->stack,
                         c->depth < KC_JSON_PATH_MAX ? c->depth : KC_JSON_PATH_MAX, &line,
                         &col);
    return kc__fail(c->db, KC_EINPUT, "%s:%d:%d: %s", c->path, c->line0 + line, col,
                    what);
}

__attribute__((format(printf, 2, 3))) void kc__cat_warn(kc__catreader *c, const char *fmt,
                                                        ...)
{
    if (!c->warn)
        return;
    char what[512], msg[KC_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    int line, col;
    kc__json_path_locate(c->text, c->len, c->stack,
                         c->depth < KC_JSON_PATH_MAX ? c->depth : KC_JSON_PATH_MAX, &line,
                         &col);
    snprintf(msg, sizeof msg, "%s:%d:%d: %s", c->path, c->line0 + line, col, what);
    c->warn(c->warn_ctx, msg);
}

int kc__cat_nomem(kc__catreader *c)
{
    return kc__fail(c->db, KC_ENOMEM, "out of memory");
}

/* Fields an object may have; anything else is a typo worth an error. */
int kc__cat_check_keys(kc__catreader *c, json_t *obj, const char *const *allowed)
{
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v)
    {
        bool ok = false;
        for (size_t i = 0; allowed[i] && !ok; i++)
            ok = !strcmp(allowed[i], k);
        if (!ok) {
            kc__cat_push_key(c, k);
            int rc = kc__cat_bad(c, "unknown field \"%s\"", k);
            kc__cat_pop(c);
            return rc;
        }
    }
    return KC_OK;
}

/* The text of v (the value at the current path) in NFC, in the arena: a
 * non-empty string without control characters, at most KC_CATALOG_TEXT_MAX bytes. */
int kc__cat_text_of(kc__catreader *c, json_t *v, const char *what, const char **out)
{
    if (!json_is_string(v))
        return kc__cat_bad(c, "%s must be a string", what);
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (n == 0)
        return kc__cat_bad(c, "%s is empty", what);
    if (n > KC_CATALOG_TEXT_MAX)
        return kc__cat_bad(c, "%s is longer than %d bytes", what, KC_CATALOG_TEXT_MAX);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
            return kc__cat_bad(c, "control character in %s", what);
    char *nfc = kc__nfc(s);
    char *kept = nfc ? kc__arena_alloc(c->arena, strlen(nfc) + 1) : NULL;
    if (kept)
        memcpy(kept, nfc, strlen(nfc) + 1);
    free(nfc);
    if (!kept)
        return kc__cat_nomem(c);
    *out = kept;
    return KC_OK;
}

/* Member key of obj as text; *out NULL when absent and not required. */
int kc__cat_field(kc__catreader *c, json_t *obj, const char *key, bool required,
                  const char **out)
{
    *out = NULL;
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v)) {
        if (required)
            return kc__cat_bad(c, "missing \"%s\"", key);
        return KC_OK;
    }
    kc__cat_push_key(c, key);
    char what[64];
    snprintf(what, sizeof what, "\"%s\"", key);
    int rc = kc__cat_text_of(c, v, what, out);
    kc__cat_pop(c);
    return rc;
}

/* One of the words of allowed (NULL-terminated), or an error listing them. */
int kc__cat_one_of(kc__catreader *c, json_t *obj, const char *key, bool required,
                   const char *const *allowed, const char **out)
{
    int rc = kc__cat_field(c, obj, key, required, out);
    if (rc || !*out)
        return rc;
    for (size_t i = 0; allowed[i]; i++)
        if (!strcmp(allowed[i], *out))
            return KC_OK;
    char list[256] = "";
    for (size_t i = 0; allowed[i]; i++) {
        size_t n = strlen(list);
        snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", allowed[i]);
    }
    kc__cat_push_key(c, key);
    rc = kc__cat_bad(c, "\"%s\" must be one of %s, not \"%s\"", key, list, *out);
    kc__cat_pop(c);
    return rc;
}

/* The array member key of obj (NULL when absent), or an error. */
int kc__cat_array_of(kc__catreader *c, json_t *obj, const char *key, json_t **out)
{
    *out = json_object_get(obj, key);
    if (!*out || json_is_array(*out))
        return KC_OK;
    kc__cat_push_key(c, key);
    int rc = kc__cat_bad(c, "\"%s\" must be an array", key);
    kc__cat_pop(c);
    return rc;
}

/* Parses a release time: "YYYY-MM-DD" (midnight), or "YYYY-MM-DDTHH:MM" with
 * optional ":SS", then optionally "Z" or "+HH:MM"/"-HH:MM". Without an
 * offset the time is local to tz (an IANA name or an offset). Sets *utc and,
 * when the text carries an offset, writes it into offset (>= 7 bytes). */
bool kc__cat_parse_instant(const char *s, const char *tz, int64_t *utc, char *offset)
{
    size_t n = strlen(s);
    int64_t days;
    int h = 0, mi = 0, sec = 0;
    offset[0] = '\0';
    if (n < 10 || !kc__parse_date(s, 10, &days))
        return false;
    size_t i = 10;
    if (i < n) {
        if (s[i] != 'T' || n < i + 6 || !kc__digits(s + i + 1, 2, &h) ||
            s[i + 3] != ':' || !kc__digits(s + i + 4, 2, &mi) || h > 23 || mi > 59)
            return false;
        i += 6;
        if (i < n && s[i] == ':') {
            if (n < i + 3 || !kc__digits(s + i + 1, 2, &sec) || sec > 59)
                return false;
            i += 3;
        }
        if (i < n) {
            if (!strcmp(s + i, "Z"))
                snprintf(offset, 7, "+00:00");
            else if (n - i == 6 && kc__tz_valid(s + i))
                snprintf(offset, 7, "%s", s + i);
            else
                return false;
            i = n;
        }
    }
    int64_t local = days * 86400 + h * 3600 + mi * 60 + sec;
    const char *zone = offset[0] ? offset : tz;
    int32_t off;
    kc__tz_offsets(zone, local, 0, 1, &off);
    int64_t guess = local - off;
    kc__tz_offsets(zone, guess, 0, 1, &off);
    *utc = local - off;
    return true;
}

/* The artist named name (its name exactly, else the one artist whose name or
 * alias matches); 0 when none. Ambiguous: KC_EINPUT at the current path. */
int kc__cat_find_artist(kc__catreader *c, const char *name, int64_t *id)
{
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_artist_named);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":name", name);
    int rc = kc__step_id(c->db, st, id, "artist");
    if (rc || *id)
        return rc;
    char *m = kc__match_title(name);
    if (!m)
        return kc__cat_nomem(c);
    st = kc__stmt(c->db, kc__sql_catalog_artist_matching);
    if (!st) {
        free(m);
        return KC_ESTORE;
    }
    kc__bind_text(st, ":match", m); /* no copy: m lives until the reset */
    int step, n = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (n++ == 0)
            *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    free(m);
    if (step != SQLITE_DONE)
        return kc__sqlfail(c->db, "artist");
    if (n > 1) {
        *id = 0;
        return kc__cat_bad(
            c, "\"%s\" names more than one artist: write the artist's name", name);
    }
    return KC_OK;
}

/* Adds or updates an artist by name; kind and market NULL keep what is
 * stored (a new artist without a kind is "other"). */
int kc__cat_upsert_artist(kc__catreader *c, const char *name, const char *kind,
                          const char *market, int64_t *id)
{
    char *m = kc__match_title(name);
    if (!m)
        return kc__cat_nomem(c);
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_artist_put);
    int rc = st ? KC_OK : KC_ESTORE;
    if (!rc) {
        kc__bind_text(st, ":name", name);
        kc__bind_text(st, ":kind", kind);
        kc__bind_text(st, ":market", market);
        kc__bind_text(st, ":match", m);
        rc = kc__step_done(c->db, st, "artist");
    }
    free(m);
    if (rc)
        return rc;
    st = kc__stmt(c->db, kc__sql_catalog_artist_named);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":name", name);
    return kc__step_id(c->db, st, id, "artist");
}

/* A provider id is "<platform>:<id>": a lower-case platform, then anything
 * printable without spaces. */
bool kc__cat_provider_id_ok(const char *s)
{
    const char *colon = strchr(s, ':');
    if (!colon || colon == s || !colon[1])
        return false;
    for (const char *p = s; p < colon; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return !strchr(s, ' ');
}

bool kc__cat_isrc_norm(const char *s, char out[13])
{
    size_t n = 0;
    for (; *s; s++) {
        if (*s == '-')
            continue;
        if (n == 12)
            return false;
        char ch = *s >= 'a' && *s <= 'z' ? (char)(*s - 32) : *s;
        bool alpha = ch >= 'A' && ch <= 'Z', digit = ch >= '0' && ch <= '9';
        if ((n < 2 && !alpha) || (n >= 2 && n < 5 && !alpha && !digit) ||
            (n >= 5 && !digit))
            return false;
        out[n++] = ch;
    }
    out[n] = '\0';
    return n == 12;
}

const char *kc__cat_credit_text(kc__catreader *c, const char *const *lead, size_t nl,
                                const char *const *featured, size_t nf)
{
    size_t n = 16;
    for (size_t i = 0; i < nl; i++)
        n += strlen(lead[i]) + 3;
    for (size_t i = 0; i < nf; i++)
        n += strlen(featured[i]) + 8;
    char *out = kc__arena_alloc(c->arena, n);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < nl; i++)
        o += (size_t)snprintf(out + o, n - o, "%s%s", i ? " & " : "", lead[i]);
    for (size_t i = 0; i < nf; i++)
        o += (size_t)snprintf(out + o, n - o, "%s%s", i ? ", " : " feat. ", featured[i]);
    return out;
}

/* Records that value (kind provider or isrc) is an id of catalog song cs;
 * an id of another catalog song is an error at the current path. */
int kc__cat_add_song_id(kc__catreader *c, int64_t cs, const char *kind, const char *value)
{
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_song_id_owner);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":kind", kind);
    kc__bind_text(st, ":value", value);
    int step = sqlite3_step(st), rc = KC_OK;
    if (step == SQLITE_ROW && sqlite3_column_int64(st, 0) != cs)
        rc = kc__cat_bad(c, "%s %s is already an id of the song \"%s\"", kind, value,
                         (const char *)sqlite3_column_text(st, 1));
    else if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = kc__sqlfail(c->db, "song id");
    sqlite3_reset(st);
    if (rc || step == SQLITE_ROW)
        return rc;
    st = kc__stmt(c->db, kc__sql_catalog_song_id_put);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":value", value);
    kc__bind_text(st, ":kind", kind);
    kc__bind_int64(st, ":song", cs);
    return kc__step_done(c->db, st, "song id");
}

/* Adds or updates a catalog song by key; with keep, an existing song keeps
 * its title and credit (data.json, whose titles are the Korean services'). */
int kc__cat_upsert_song(kc__catreader *c, const char *key, const char *title,
                        const char *credit, bool keep, int64_t *id)
{
    sqlite3_stmt *st =
        kc__stmt(c->db, keep ? kc__sql_catalog_song_put_keep : kc__sql_catalog_song_put);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":key", key);
    kc__bind_text(st, ":title", title);
    kc__bind_text(st, ":credit", credit);
    int rc = kc__step_done(c->db, st, "song");
    if (rc)
        return rc;
    st = kc__stmt(c->db, kc__sql_catalog_song_of_key);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":key", key);
    return kc__step_id(c->db, st, id, "song");
}

int kc__cat_add_credit(kc__catreader *c, int64_t cs, int64_t artist, const char *credit,
                       int pos)
{
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_credit_put);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":song", cs);
    kc__bind_int64(st, ":artist", artist);
    kc__bind_text(st, ":credit", credit);
    kc__bind_int64(st, ":pos", pos);
    return kc__step_done(c->db, st, "credit");
}

int kc__cat_upsert_release(kc__catreader *c, const char *key, const char *title,
                           const char *kind, int64_t artist, const char *released,
                           const char *tz, int64_t utc, bool keep_kind, int64_t *id)
{
    sqlite3_stmt *st = kc__stmt(c->db, keep_kind ? kc__sql_catalog_release_put_keep
                                                 : kc__sql_catalog_release_put);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":key", key);
    kc__bind_text(st, ":title", title);
    kc__bind_text(st, ":kind", kind);
    if (artist)
        kc__bind_int64(st, ":artist", artist);
    else
        kc__bind_null(st, ":artist");
    kc__bind_text(st, ":released", released);
    kc__bind_text(st, ":zone", tz);
    kc__bind_int64(st, ":utc", utc);
    int rc = kc__step_done(c->db, st, "release");
    if (rc)
        return rc;
    st = kc__stmt(c->db, kc__sql_catalog_release_of_key);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":key", key);
    return kc__step_id(c->db, st, id, "release");
}

int kc__cat_add_track(kc__catreader *c, int64_t release, int64_t cs, int64_t track,
                      const char *role)
{
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_track_put);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":release", release);
    kc__bind_int64(st, ":song", cs);
    if (track)
        kc__bind_int64(st, ":track", track);
    else
        kc__bind_null(st, ":track");
    kc__bind_text(st, ":role", role);
    return kc__step_done(c->db, st, "track");
}

/* Runs fn over each element of the array member key of root. */
int kc__cat_each(kc__catreader *c, json_t *root, const char *key,
                 int (*fn)(kc__catreader *, json_t *))
{
    json_t *list, *v;
    size_t i;
    int rc = kc__cat_array_of(c, root, key, &list);
    if (rc || !list)
        return rc;
    kc__cat_push_key(c, key);
    json_array_foreach(list, i, v)
    {
        kc__cat_push_index(c, i);
        rc = fn(c, v);
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    return rc;
}
