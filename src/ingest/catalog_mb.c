/*
 * catalog_mb.c: MusicBrainz's JSON as a catalog.
 *
 * Reads the web service's ws/2 JSON (one artist, release group, release or
 * recording, or a search or browse list of them: {"artists": [...]}) and
 * the JSON dumps (one entity a line), through the same checked walk and the
 * same writes as kchart's own format (catalog.c, catalog_reader.c). What it
 * stores, and the choices it makes, are in docs/entities.md "MusicBrainz":
 * artists with their MBID, type, area, life span, aliases with their
 * locale, genres and "member of band" relations; release groups as
 * releases with their kind and types; recordings as catalog songs with
 * their ISRCs, their MBID as a provider id and their credits. The store
 * is the authority over MusicBrainz: a kind, market, date or credit the
 * catalog wrote stays, and a MusicBrainz fact that says otherwise is a
 * warning naming both. MusicBrainz adds fields over time, so fields this
 * reader does not use are ignored (unlike catalog/1, where an unknown
 * field is a typo); a field it uses with the wrong shape is an error at
 * its line and column. Not a client of the web service: it reads files.
 */
#include "ingest/ingest.h"

#include <jansson.h>
#include <sql/ingest_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MB_CREDITS_MAX 16 /* artists in one artist credit */
#define MB_TYPES_MAX 8    /* secondary types of one release group */

/* The provider id of a recording: "musicbrainz:recording:<mbid>". */
#define MB_RECORDING "musicbrainz:recording:"

enum mb_kind {
    MB_NONE,
    MB_ARTIST,
    MB_RELEASE_GROUP,
    MB_RELEASE,
    MB_RECORDING_KIND,
    MB_TRACK
};

/* ---- checked values ---------------------------------------------------- */

/* An MBID: a UUID written in lower-case hex, 8-4-4-4-12. */
static bool mbid_ok(const char *s)
{
    if (strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool hyphen = i == 8 || i == 13 || i == 18 || i == 23;
        if (hyphen ? s[i] != '-'
                   : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    }
    return true;
}

/* A MusicBrainz date: YYYY, YYYY-MM or YYYY-MM-DD; *days is its first day. */
static bool mb_date_ok(const char *s, int64_t *days)
{
    size_t n = strlen(s);
    int y, m = 1;
    if (n == 10)
        return kc__parse_date(s, 10, days);
    if ((n != 4 && n != 7) || !kc__digits(s, 4, &y) ||
        (n == 7 && (s[4] != '-' || !kc__digits(s + 5, 2, &m))) || !kc__ymd_valid(y, m, 1))
        return false;
    *days = kc__days_from_civil(y, m, 1);
    return true;
}

/* Member key of obj as text, where MusicBrainz writes "" or null for
 * nothing: *out NULL then (an error when required). */
static int mb_text(kc__catreader *c, json_t *obj, const char *key, bool required,
                   const char **out)
{
    json_t *v = json_object_get(obj, key);
    if (!required && json_is_string(v) && json_string_length(v) == 0)
        v = NULL;
    *out = NULL;
    if (!v || json_is_null(v))
        return required ? kc__cat_bad(c, "missing \"%s\"", key) : KC_OK;
    return kc__cat_field(c, obj, key, required, out);
}

static int mb_id(kc__catreader *c, json_t *obj, const char **out)
{
    int rc = mb_text(c, obj, "id", true, out);
    if (!rc && !mbid_ok(*out)) {
        kc__cat_push_key(c, "id");
        rc = kc__cat_bad(c, "\"%s\" is not an MBID (8-4-4-4-12 lower-case hex digits)",
                         *out);
        kc__cat_pop(c);
    }
    return rc;
}

static int mb_date(kc__catreader *c, json_t *obj, const char *key, const char **out,
                   int64_t *days)
{
    int rc = mb_text(c, obj, key, false, out);
    if (!rc && *out && !mb_date_ok(*out, days)) {
        kc__cat_push_key(c, key);
        rc = kc__cat_bad(c,
                         "\"%s\" must be a date YYYY, YYYY-MM or YYYY-MM-DD, not \"%s\"",
                         key, *out);
        kc__cat_pop(c);
    }
    return rc;
}

/* The object member key of obj (NULL when absent or null), or an error. */
static int mb_object(kc__catreader *c, json_t *obj, const char *key, json_t **out)
{
    *out = json_object_get(obj, key);
    if (!*out || json_is_null(*out)) {
        *out = NULL;
        return KC_OK;
    }
    if (json_is_object(*out))
        return KC_OK;
    kc__cat_push_key(c, key);
    int rc = kc__cat_bad(c, "\"%s\" must be an object", key);
    kc__cat_pop(c);
    return rc;
}

/* The array member key of obj, where null is nothing. */
static int mb_array(kc__catreader *c, json_t *obj, const char *key, json_t **out)
{
    if (json_is_null(json_object_get(obj, key))) {
        *out = NULL;
        return KC_OK;
    }
    return kc__cat_array_of(c, obj, key, out);
}

static enum mb_kind mb_kind_of(json_t *o)
{
    if (!json_is_object(o) || !json_is_string(json_object_get(o, "id")))
        return MB_NONE;
#define HAS(k) (json_object_get(o, k) != NULL)
    if (HAS("title")) {
        if (json_is_object(json_object_get(o, "recording")) && HAS("position"))
            return MB_TRACK; /* a release's track, holding its recording */
        if (HAS("primary-type") || HAS("secondary-types"))
            return MB_RELEASE_GROUP;
        if (HAS("media") || HAS("release-group") || HAS("status") || HAS("barcode") ||
            HAS("release-events"))
            return MB_RELEASE;
        if (HAS("video") || HAS("isrcs") || HAS("length") || HAS("artist-credit"))
            return MB_RECORDING_KIND;
        return MB_NONE;
    }
    /* Areas, labels, places, events, series and works have a name too. */
    if (HAS("iso-3166-1-codes") || HAS("iso-3166-2-codes") || HAS("label-code") ||
        HAS("coordinates") || HAS("setlist") || HAS("ordering-attribute") || HAS("iswcs"))
        return MB_NONE;
    if (HAS("name") && (HAS("sort-name") || HAS("type") || HAS("life-span")))
        return MB_ARTIST;
    return MB_NONE;
#undef HAS
}

static const char *const list_keys[] = {"artists", "release-groups", "releases",
                                        "recordings", NULL};

bool kc__cat_is_mb(json_t *root)
{
    if (!json_is_object(root))
        return false;
    if (mb_kind_of(root) != MB_NONE)
        return true;
    if (json_object_get(root, "id"))
        return false;
    for (size_t i = 0; list_keys[i]; i++)
        if (json_is_array(json_object_get(root, list_keys[i])))
            return true;
    return false;
}

/* ---- artists ----------------------------------------------------------- */

/* kind of an artist from its MusicBrainz type. */
static const char *kind_of_type(const char *type)
{
    if (type && !strcmp(type, "Group"))
        return "group";
    if (type && !strcmp(type, "Person"))
        return "solo";
    return "other";
}

/* Whether a stored kind says otherwise than a MusicBrainz type: a solo
 * artist that MusicBrainz calls a Group, or a group or unit it calls a
 * Person. */
static bool kind_conflicts(const char *kind, const char *type)
{
    if (!type)
        return false;
    if (!strcmp(type, "Group"))
        return !strcmp(kind, "solo");
    if (!strcmp(type, "Person"))
        return !strcmp(kind, "group") || !strcmp(kind, "unit");
    return false;
}

/* A name for a new artist that no stored artist has: the name, else
 * "name (disambiguation)", else "name (first 8 digits of the MBID)". */
static int free_name(kc__catreader *c, const char *name, const char *disamb,
                     const char *mbid, const char **out)
{
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_artist_named);
    if (!st)
        return KC_ESTORE;
    const char *tries[3] = {name, NULL, NULL};
    char *b;
    size_t n = strlen(name) + (disamb ? strlen(disamb) : 0) + 48;
    for (int i = 1; i < 3; i++) {
        if (!(b = kc__arena_alloc(c->arena, n)))
            return kc__cat_nomem(c);
        if (i == 1 && disamb)
            snprintf(b, n, "%s (%s)", name, disamb);
        else
            snprintf(b, n, "%s (%.8s)", name, mbid);
        tries[i] = b;
    }
    for (int i = 0; i < 3; i++) {
        int64_t id;
        kc__bind_text(st, ":name", tries[i]);
        int rc = kc__step_id(c->db, st, &id, "artist");
        if (rc)
            return rc;
        if (!id) {
            *out = tries[i];
            return KC_OK;
        }
    }
    return kc__cat_bad(c, "no free name for the artist %s (\"%s\")", mbid, name);
}

static int add_alias(kc__catreader *c, int64_t artist, const char *alias,
                     const char *locale)
{
    char *m = kc__match_title(alias);
    if (!m)
        return kc__cat_nomem(c);
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_mb_alias_put);
    int rc = st ? KC_OK : KC_ESTORE;
    if (!rc) {
        kc__bind_int64(st, ":artist", artist);
        kc__bind_text(st, ":alias", alias);
        kc__bind_text(st, ":match", m);
        kc__bind_text(st, ":locale", locale);
        rc = kc__step_done(c->db, st, "alias");
    }
    free(m);
    return rc;
}

/* The artist's aliases (every script, with their locale) and, when the
 * store shows it under another name, MusicBrainz's name. */
static int artist_aliases(kc__catreader *c, json_t *a, int64_t id, const char *stored,
                          const char *name)
{
    int rc = strcmp(stored, name) ? add_alias(c, id, name, NULL) : KC_OK;
    json_t *aliases, *v;
    size_t i;
    if (rc || (rc = mb_array(c, a, "aliases", &aliases)))
        return rc;
    kc__cat_push_key(c, "aliases");
    json_array_foreach(aliases, i, v)
    {
        const char *alias, *locale;
        kc__cat_push_index(c, i);
        if (!json_is_object(v))
            rc = kc__cat_bad(c, "an alias must be an object {\"name\", \"locale\"}");
        if (!rc && !(rc = mb_text(c, v, "name", true, &alias)) &&
            !(rc = mb_text(c, v, "locale", false, &locale)) && strcmp(alias, stored))
            rc = add_alias(c, id, alias, locale);
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    return rc;
}

static int artist_genres(kc__catreader *c, json_t *a, int64_t id)
{
    json_t *genres, *v;
    size_t i;
    int rc = mb_array(c, a, "genres", &genres);
    if (rc)
        return rc;
    kc__cat_push_key(c, "genres");
    json_array_foreach(genres, i, v)
    {
        const char *genre;
        kc__cat_push_index(c, i);
        if (!json_is_object(v))
            rc = kc__cat_bad(c, "a genre must be an object {\"name\"}");
        if (!rc && !(rc = mb_text(c, v, "name", true, &genre))) {
            sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_mb_genre_put);
            if (!st)
                rc = KC_ESTORE;
            else {
                kc__bind_int64(st, ":artist", id);
                kc__bind_text(st, ":genre", genre);
                rc = kc__step_done(c->db, st, "genre");
            }
        }
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    return rc;
}

/* Text of column i of st, copied into the arena (NULL stays NULL). */
static int column_text(kc__catreader *c, sqlite3_stmt *st, int i, const char **out)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    *out = NULL;
    if (!v)
        return KC_OK;
    char *kept = kc__arena_alloc(c->arena, strlen(v) + 1);
    if (!kept)
        return kc__cat_nomem(c);
    memcpy(kept, v, strlen(v) + 1);
    *out = kept;
    return KC_OK;
}

typedef struct {
    const char *kind, *market, *mbid, *name;
} artist_facts;

static int facts_of(kc__catreader *c, int64_t id, artist_facts *f)
{
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_mb_artist_facts);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":artist", id);
    int step = sqlite3_step(st), rc = KC_OK;
    memset(f, 0, sizeof *f);
    if (step == SQLITE_ROW) {
        if (!(rc = column_text(c, st, 0, &f->kind)) &&
            !(rc = column_text(c, st, 1, &f->market)) &&
            !(rc = column_text(c, st, 2, &f->mbid)))
            rc = column_text(c, st, 3, &f->name);
    } else
        rc = kc__sqlfail(c->db, "artist");
    sqlite3_reset(st);
    return rc;
}

/* The market the rules give the artist: set where the store has none; a
 * market the store has and the rules contradict stays, with a warning
 * (when whole). */
static int artist_market(kc__catreader *c, int64_t id, const artist_facts *f, bool whole)
{
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_mb_market_of);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":artist", id);
    const char *market = NULL;
    int step = sqlite3_step(st), rc = KC_OK;
    if (step == SQLITE_ROW)
        rc = column_text(c, st, 0, &market);
    else if (step != SQLITE_DONE)
        rc = kc__sqlfail(c->db, "market rules");
    sqlite3_reset(st);
    if (rc || !market)
        return rc;
    if (f->market) {
        if (whole && strcmp(f->market, market))
            kc__cat_warn(c,
                         "artist \"%s\": market %s kept (the catalog's); MusicBrainz's "
                         "genres or area give %s",
                         f->name, f->market, market);
        return KC_OK;
    }
    if (!(st = kc__stmt(c->db, kc__sql_catalog_mb_market_set)))
        return KC_ESTORE;
    kc__bind_int64(st, ":artist", id);
    kc__bind_text(st, ":market", market);
    return kc__step_done(c->db, st, "market");
}

static int mb_artist(kc__catreader *c, json_t *a, bool whole, int64_t *id);

/* The "member of band" relations of artist id: on a group (direction
 * backward) the other artist is a member, on a member (forward) the group. */
static int artist_members(kc__catreader *c, json_t *a, int64_t id)
{
    json_t *rels, *r;
    size_t i;
    int rc = mb_array(c, a, "relations", &rels);
    if (rc)
        return rc;
    kc__cat_push_key(c, "relations");
    json_array_foreach(rels, i, r)
    {
        const char *type, *dir, *since, *until;
        int64_t d1 = 0, d2 = 0, other = 0;
        json_t *who, *attrs;
        kc__cat_push_index(c, i);
        if (!json_is_object(r))
            rc = kc__cat_bad(c, "a relation must be an object");
        if (rc || (rc = mb_text(c, r, "type", true, &type)) ||
            strcmp(type, "member of band")) {
            kc__cat_pop(c);
            if (rc)
                break;
            continue;
        }
        if (!(rc = mb_text(c, r, "direction", true, &dir)) && strcmp(dir, "backward") &&
            strcmp(dir, "forward")) {
            kc__cat_push_key(c, "direction");
            rc = kc__cat_bad(c, "\"direction\" must be backward or forward, not \"%s\"",
                             dir);
            kc__cat_pop(c);
        }
        if (!rc && !(rc = mb_date(c, r, "begin", &since, &d1)) &&
            !(rc = mb_date(c, r, "end", &until, &d2)) &&
            !(rc = mb_object(c, r, "artist", &who)) && !who)
            rc = kc__cat_bad(c, "a \"member of band\" relation needs its \"artist\"");
        if (!rc && since && until && d2 < d1) {
            kc__cat_push_key(c, "end");
            rc = kc__cat_bad(c, "\"end\" is before \"begin\"");
            kc__cat_pop(c);
        }
        if (!rc) {
            kc__cat_push_key(c, "artist");
            rc = mb_artist(c, who, false, &other);
            if (!rc && other == id)
                rc = kc__cat_bad(c, "a group is not its own member");
            kc__cat_pop(c);
        }
        /* The attributes, comma-separated, in the arena. */
        char *list = NULL;
        if (!rc && !(rc = mb_array(c, r, "attributes", &attrs)) && attrs) {
            size_t n = 1, j;
            json_t *v;
            json_array_foreach(attrs, j, v) n +=
                json_is_string(v) ? json_string_length(v) + 1 : 0;
            if (!(list = kc__arena_alloc(c->arena, n)))
                rc = kc__cat_nomem(c);
            size_t o = 0;
            kc__cat_push_key(c, "attributes");
            json_array_foreach(attrs, j, v)
            {
                if (rc)
                    break;
                kc__cat_push_index(c, j);
                const char *s;
                if (!(rc = kc__cat_text_of(c, v, "an attribute", &s)) &&
                    strlen(s) < n - o)
                    o += (size_t)snprintf(list + o, n - o, "%s%s", o ? "," : "", s);
                kc__cat_pop(c);
            }
            kc__cat_pop(c);
            if (!rc && o == 0)
                list = NULL;
        }
        int64_t group = !strcmp(dir ? dir : "", "backward") ? id : other;
        int64_t member = group == id ? other : id;
        sqlite3_stmt *st = rc ? NULL : kc__stmt(c->db, kc__sql_catalog_mb_member_of);
        if (!rc && !st)
            rc = KC_ESTORE;
        if (!rc) { /* dates the store has and MusicBrainz contradicts stay */
            kc__bind_int64(st, ":group", group);
            kc__bind_int64(st, ":member", member);
            if (sqlite3_step(st) == SQLITE_ROW) {
                const char *s0 = (const char *)sqlite3_column_text(st, 0);
                const char *u0 = (const char *)sqlite3_column_text(st, 1);
                if ((s0 && since && strcmp(s0, since)) ||
                    (u0 && until && strcmp(u0, until)))
                    kc__cat_warn(c,
                                 "membership dates %s..%s kept (the catalog's); "
                                 "MusicBrainz says %s..%s",
                                 s0 ? s0 : "", u0 ? u0 : "", since ? since : "",
                                 until ? until : "");
            }
            sqlite3_reset(st);
            if (!(st = kc__stmt(c->db, kc__sql_catalog_mb_member_put)))
                rc = KC_ESTORE;
        }
        if (!rc) {
            kc__bind_int64(st, ":group", group);
            kc__bind_int64(st, ":member", member);
            kc__bind_text(st, ":since", since);
            kc__bind_text(st, ":until", until);
            kc__bind_text(st, ":attributes", list);
            rc = kc__step_done(c->db, st, "member");
        }
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    return rc;
}

/* An artist, whole (an artist document, or one of a list or a dump) or as
 * another entity embeds it (in a credit or a relation: id and name, maybe
 * type and aliases; whole false: what the store keeps against it is said
 * once, where the artist is whole, not at every credit): found
 * by its MBID, else by its name or an alias as the catalog finds artists
 * (never a second artist for one MBID), else new. Its id into *id. */
static int mb_artist(kc__catreader *c, json_t *a, bool whole, int64_t *id)
{
    const char *mbid, *name, *type, *disamb, *area = NULL, *begin = NULL, *end = NULL;
    int64_t d1 = 0, d2 = 0;
    json_t *area_obj, *life;
    int rc;
    if (!json_is_object(a))
        return kc__cat_bad(c, "an artist must be an object");
    if ((rc = mb_id(c, a, &mbid)) || (rc = mb_text(c, a, "name", true, &name)) ||
        (rc = mb_text(c, a, "type", false, &type)) ||
        (rc = mb_text(c, a, "disambiguation", false, &disamb)) ||
        (rc = mb_object(c, a, "area", &area_obj)) ||
        (rc = mb_object(c, a, "life-span", &life)))
        return rc;
    if (area_obj) {
        kc__cat_push_key(c, "area");
        rc = mb_text(c, area_obj, "name", true, &area);
        kc__cat_pop(c);
    }
    if (!rc && life) {
        kc__cat_push_key(c, "life-span");
        if (!(rc = mb_date(c, life, "begin", &begin, &d1)) &&
            !(rc = mb_date(c, life, "end", &end, &d2)) && begin && end && d2 < d1)
            rc = kc__cat_bad(c, "the life span ends before it begins");
        kc__cat_pop(c);
    }
    if (rc)
        return rc;
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_mb_artist_by_mbid);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":mbid", mbid);
    if ((rc = kc__step_id(c->db, st, id, "artist")))
        return rc;
    artist_facts f;
    if (!*id) {
        kc__cat_push_key(c, "name");
        rc = kc__cat_find_artist(c, name, id);
        if (rc == KC_EINPUT) { /* the name is two artists' of the store */
            kc__cat_warn(c,
                         "artist %s \"%s\": its name is more than one artist's: made "
                         "a new one (give one of them this name)",
                         mbid, name);
            rc = KC_OK;
            *id = 0;
        }
        kc__cat_pop(c);
        if (!rc && *id && !(rc = facts_of(c, *id, &f)) && f.mbid)
            *id = 0; /* the name's artist is another one of MusicBrainz */
    }
    if (!rc && !*id) {
        const char *shown = NULL;
        char *m = NULL;
        if (!(rc = free_name(c, name, disamb, mbid, &shown)) &&
            !(m = kc__match_title(shown)))
            rc = kc__cat_nomem(c);
        if (!rc && !(st = kc__stmt(c->db, kc__sql_catalog_mb_artist_new)))
            rc = KC_ESTORE;
        if (!rc) {
            kc__bind_text(st, ":name", shown);
            kc__bind_text(st, ":kind", kind_of_type(type));
            kc__bind_text(st, ":match", m);
            kc__bind_text(st, ":mbid", mbid);
            rc = kc__step_done(c->db, st, "artist");
        }
        free(m);
        if (!rc && !(st = kc__stmt(c->db, kc__sql_catalog_mb_artist_by_mbid)))
            rc = KC_ESTORE;
        if (!rc) {
            kc__bind_text(st, ":mbid", mbid);
            rc = kc__step_id(c->db, st, id, "artist");
        }
    }
    if (rc || (rc = facts_of(c, *id, &f)))
        return rc;
    /* The kind: MusicBrainz's type where the store says only "other". */
    const char *kind = NULL;
    if (!strcmp(f.kind, "other") && strcmp(kind_of_type(type), "other"))
        kind = kind_of_type(type);
    else if (whole && kind_conflicts(f.kind, type))
        kc__cat_warn(
            c, "artist \"%s\": kind %s kept (the catalog's); MusicBrainz's type is %s",
            f.name, f.kind, type);
    if (!(st = kc__stmt(c->db, kc__sql_catalog_mb_artist_set)))
        return KC_ESTORE;
    kc__bind_int64(st, ":artist", *id);
    kc__bind_text(st, ":mbid", mbid);
    kc__bind_text(st, ":type", type);
    kc__bind_text(st, ":area", area);
    kc__bind_text(st, ":begin", begin);
    kc__bind_text(st, ":end", end);
    kc__bind_text(st, ":kind", kind);
    if ((rc = kc__step_done(c->db, st, "artist")) ||
        (rc = artist_aliases(c, a, *id, f.name, name)) ||
        (rc = artist_genres(c, a, *id)) || (rc = artist_market(c, *id, &f, whole)))
        return rc;
    return artist_members(c, a, *id);
}

static int import_artist(kc__catreader *c, json_t *a)
{
    int64_t id;
    return mb_artist(c, a, true, &id);
}

/* ---- artist credits ---------------------------------------------------- */

typedef struct {
    const char *names[MB_CREDITS_MAX]; /* as credited */
    int64_t ids[MB_CREDITS_MAX];
    size_t n;     /* credits */
    size_t nlead; /* the first nlead are lead, the rest featured */
} credits;

/* Whether a join phrase brings in featured artists: "feat.", "ft.",
 * "featuring" (MusicBrainz's style guide writes " feat. "). */
static bool joins_featured(const char *join)
{
    char low[64];
    size_t n = 0;
    for (; *join && n < sizeof low - 1; join++)
        low[n++] = *join >= 'A' && *join <= 'Z' ? (char)(*join + 32) : *join;
    low[n] = '\0';
    return strstr(low, "feat") || strstr(low, "ft.");
}

/* The "artist-credit" of obj: each artist stored, lead and featured told
 * apart by the join phrases. An artist credited twice counts once. */
static int artist_credit(kc__catreader *c, json_t *obj, credits *cr)
{
    json_t *list, *v;
    size_t i;
    memset(cr, 0, sizeof *cr);
    int rc = mb_array(c, obj, "artist-credit", &list);
    if (rc || !list)
        return rc;
    bool featured = false;
    kc__cat_push_key(c, "artist-credit");
    json_array_foreach(list, i, v)
    {
        const char *name, *join;
        json_t *artist;
        int64_t id = 0;
        kc__cat_push_index(c, i);
        if (!json_is_object(v))
            rc = kc__cat_bad(c, "a credit must be an object {\"name\", \"artist\"}");
        else if (cr->n == MB_CREDITS_MAX)
            rc = kc__cat_bad(c, "more than %d artists in one credit", MB_CREDITS_MAX);
        if (!rc && !(rc = mb_object(c, v, "artist", &artist)) && !artist)
            rc = kc__cat_bad(c, "missing \"artist\"");
        if (!rc) {
            kc__cat_push_key(c, "artist");
            rc = mb_artist(c, artist, false, &id);
            kc__cat_pop(c);
        }
        if (!rc && !(rc = mb_text(c, v, "name", false, &name)) && !name)
            rc = mb_text(c, artist, "name", true, &name);
        if (!rc)
            rc = mb_text(c, v, "joinphrase", false, &join);
        if (!rc) {
            bool seen = false;
            for (size_t j = 0; j < cr->n; j++)
                seen = seen || cr->ids[j] == id;
            if (!seen) {
                cr->names[cr->n] = name;
                cr->ids[cr->n++] = id;
                if (!featured)
                    cr->nlead = cr->n;
            }
            featured = featured || (join && joins_featured(join));
        }
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    return rc;
}

/* ---- release groups and releases -------------------------------------- */

/* A release group's kind: its secondary type Soundtrack (ost) or
 * Mixtape/Street (mixtape), else its primary type (Album, EP, Single);
 * Compilation, Live, Remix and the others keep the primary type's kind.
 * NULL: kchart has no kind for it (no primary type, Broadcast, Other). */
static const char *release_kind(const char *primary, const char *const *second, size_t n)
{
    const char *kind = NULL;
    if (!primary)
        return NULL;
    if (!strcmp(primary, "Album"))
        kind = "album";
    else if (!strcmp(primary, "EP"))
        kind = "ep";
    else if (!strcmp(primary, "Single"))
        kind = "single";
    if (!kind)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(second[i], "Soundtrack"))
            return "ost";
    for (size_t i = 0; i < n; i++)
        if (!strcmp(second[i], "Mixtape/Street"))
            return "mixtape";
    return kind;
}

/* A release group (rg; fallback: the credit of the release that embeds
 * it, when rg has none). Stored as a release: found by its MBID, else the
 * catalog's release of the same key ("<artist>/<title>") that has no MBID
 * yet, else new. A stored release keeps its kind, title, artist and date;
 * MusicBrainz adds its MBID and types, and a kind or date it contradicts
 * is a warning. A release group kchart cannot place (no kind, no date) is
 * a warning and is not stored. */
static int mb_release_group(kc__catreader *c, json_t *rg, json_t *fallback)
{
    const char *mbid, *title, *primary, *date, *second[MB_TYPES_MAX];
    int64_t days = 0;
    json_t *list, *v;
    size_t i, ns = 0;
    int rc;
    if (!json_is_object(rg))
        return kc__cat_bad(c, "a release group must be an object");
    if ((rc = mb_id(c, rg, &mbid)) || (rc = mb_text(c, rg, "title", true, &title)) ||
        (rc = mb_text(c, rg, "primary-type", false, &primary)) ||
        (rc = mb_date(c, rg, "first-release-date", &date, &days)) ||
        (rc = mb_array(c, rg, "secondary-types", &list)))
        return rc;
    kc__cat_push_key(c, "secondary-types");
    json_array_foreach(list, i, v)
    {
        kc__cat_push_index(c, i);
        if (ns == MB_TYPES_MAX)
            rc = kc__cat_bad(c, "more than %d secondary types", MB_TYPES_MAX);
        else
            rc = kc__cat_text_of(c, v, "a secondary type", &second[ns++]);
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    credits cr;
    if (rc || (rc = artist_credit(c, json_object_get(rg, "artist-credit") ? rg : fallback,
                                  &cr)))
        return rc;
    /* "Album + Compilation": MusicBrainz's own way of showing the types. */
    size_t tn = 1 + (primary ? strlen(primary) : 0);
    for (i = 0; i < ns; i++)
        tn += strlen(second[i]) + 3;
    char *types = kc__arena_alloc(c->arena, tn);
    if (!types)
        return kc__cat_nomem(c);
    size_t o = (size_t)snprintf(types, tn, "%s", primary ? primary : "");
    for (i = 0; i < ns; i++)
        o += (size_t)snprintf(types + o, tn - o, "%s%s", o ? " + " : "", second[i]);
    const char *kind = release_kind(primary, second, ns);
    if (!kind) {
        kc__cat_warn(c,
                     "release group %s \"%s\" not stored: kchart has no release kind for "
                     "%s",
                     mbid, title,
                     *types ? types : "a release group without a primary type");
        return KC_OK;
    }
    if (!date || !cr.n) { /* no date or artist to file it under */
        kc__cat_warn(c, "release group %s \"%s\" not stored: it has no %s", mbid, title,
                     date ? "artist credit" : "first release date");
        return KC_OK;
    }
    int64_t artist = cr.ids[0], id = 0;
    artist_facts af;
    if ((rc = facts_of(c, artist, &af)))
        return rc;
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_mb_release_by_mbid);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":mbid", mbid);
    if ((rc = kc__step_id(c->db, st, &id, "release")))
        return rc;
    /* A new release's key is the catalog's "<artist>/<title>". */
    size_t kn = strlen(title) + strlen(af.name) + 40;
    char *key = kc__arena_alloc(c->arena, kn);
    if (!key)
        return kc__cat_nomem(c);
    snprintf(key, kn, "%s/%s", af.name, title);
    const char *skind = NULL, *sdate = NULL, *smbid = NULL;
    if (!id) { /* the catalog's release of that artist and title */
        if (!(st = kc__stmt(c->db, kc__sql_catalog_mb_release_adopt)))
            return KC_ESTORE;
        kc__bind_int64(st, ":artist", artist);
        kc__bind_text(st, ":title", title);
        kc__bind_text(st, ":kind", kind);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW &&
            (sqlite3_column_int(st, 1) || sqlite3_column_int64(st, 2) == 1))
            id = sqlite3_column_int64(st, 0);
        else if (step != SQLITE_ROW && step != SQLITE_DONE)
            rc = kc__sqlfail(c->db, "release");
        sqlite3_reset(st);
        if (rc)
            return rc;
    }
    for (int pass = 0; !id && pass < 2; pass++) {
        /* A new release's key: "<artist>/<title>", else with the MBID. */
        int64_t taken;
        if (pass == 1)
            snprintf(key + strlen(key), kn - strlen(key), "/%s", mbid);
        if (!(st = kc__stmt(c->db, kc__sql_catalog_release_of_key)))
            return KC_ESTORE;
        kc__bind_text(st, ":key", key);
        if ((rc = kc__step_id(c->db, st, &taken, "release")))
            return rc;
        if (!taken)
            break;
    }
    if (!id) {
        if (!(st = kc__stmt(c->db, kc__sql_catalog_mb_release_new)))
            return KC_ESTORE;
        kc__bind_text(st, ":key", key);
        kc__bind_text(st, ":title", title);
        kc__bind_text(st, ":kind", kind);
        kc__bind_int64(st, ":artist", artist);
        kc__bind_text(st, ":released", date);
        kc__bind_int64(st, ":utc", days * 86400);
        kc__bind_text(st, ":mbid", mbid);
        kc__bind_text(st, ":types", types);
        return kc__step_done(c->db, st, "release");
    }
    if (!(st = kc__stmt(c->db, kc__sql_catalog_mb_release_facts)))
        return KC_ESTORE;
    kc__bind_int64(st, ":release", id);
    rc = sqlite3_step(st) == SQLITE_ROW ? KC_OK : kc__sqlfail(c->db, "release");
    if (!rc && !(rc = column_text(c, st, 0, &skind)) &&
        !(rc = column_text(c, st, 1, &sdate)))
        rc = column_text(c, st, 2, &smbid);
    sqlite3_reset(st);
    if (rc)
        return rc;
    /* A repackage is an Album to MusicBrainz: no contradiction. */
    if (skind && strcmp(skind, kind) &&
        !(!strcmp(skind, "repackage") && !strcmp(kind, "album")))
        kc__cat_warn(
            c, "release \"%s\": kind %s kept (the catalog's); MusicBrainz's types are %s",
            title, skind, types);
    if (sdate && strncmp(sdate, date, strlen(date)))
        kc__cat_warn(
            c,
            "release \"%s\": released %s kept (the catalog's); MusicBrainz's first "
            "release date is %s",
            title, sdate, date);
    if (!(st = kc__stmt(c->db, kc__sql_catalog_mb_release_set)))
        return KC_ESTORE;
    kc__bind_int64(st, ":release", id);
    kc__bind_text(st, ":mbid", mbid);
    kc__bind_text(st, ":types", types);
    return kc__step_done(c->db, st, "release");
}

static int import_release_group(kc__catreader *c, json_t *rg)
{
    return mb_release_group(c, rg, NULL);
}

/* A release: its release group, when the JSON names it (the release's
 * own date, media and tracks are not read). */
static int import_release(kc__catreader *c, json_t *r)
{
    const char *mbid, *title;
    json_t *rg;
    int rc;
    if (!json_is_object(r))
        return kc__cat_bad(c, "a release must be an object");
    if ((rc = mb_text(c, r, "id", true, &mbid)) ||
        (rc = mb_text(c, r, "title", true, &title)) ||
        (rc = mb_object(c, r, "release-group", &rg)))
        return rc;
    if (!rg) {
        kc__cat_warn(c, "release %s \"%s\" not stored: it names no release group", mbid,
                     title);
        return KC_OK;
    }
    kc__cat_push_key(c, "release-group");
    rc = mb_release_group(c, rg, r);
    kc__cat_pop(c);
    return rc;
}

/* ---- recordings -------------------------------------------------------- */

/* Whether a and b are one text in matching form (case, width, spacing). */
static int same_text(kc__catreader *c, const char *a, const char *b, bool *same)
{
    char *ma = kc__match_title(a), *mb = kc__match_title(b);
    int rc = ma && mb ? KC_OK : kc__cat_nomem(c);
    *same = !rc && !strcmp(ma, mb);
    free(ma);
    free(mb);
    return rc;
}

/* A recording: a catalog song, found by its MBID (a provider id), else by
 * one of its ISRCs, else new (keyed by its provider id). A song of the
 * catalog keeps its title and credits; one MusicBrainz made takes them
 * from the recording. An ISRC that another song holds stays that song's,
 * with a warning (MusicBrainz has ISRCs shared by recordings). */
static int import_recording(kc__catreader *c, json_t *r)
{
    const char *mbid, *title;
    json_t *isrcs, *v;
    size_t i;
    int rc;
    if (!json_is_object(r))
        return kc__cat_bad(c, "a recording must be an object");
    if ((rc = mb_id(c, r, &mbid)) || (rc = mb_text(c, r, "title", true, &title)) ||
        (rc = mb_array(c, r, "isrcs", &isrcs)))
        return rc;
    /* The ISRCs, checked, without hyphens, in the arena. */
    size_t ni = isrcs ? json_array_size(isrcs) : 0;
    char(*codes)[13] = ni ? kc__arena_alloc(c->arena, ni * 13) : NULL;
    if (ni && !codes)
        return kc__cat_nomem(c);
    kc__cat_push_key(c, "isrcs");
    json_array_foreach(isrcs, i, v)
    {
        const char *s;
        kc__cat_push_index(c, i);
        if (!(rc = kc__cat_text_of(c, v, "an ISRC", &s)) &&
            !kc__cat_isrc_norm(s, codes[i]))
            rc = kc__cat_bad(c, "\"%s\" is not an ISRC (CC-XXX-YY-NNNNN)", s);
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    credits cr;
    if (rc || (rc = artist_credit(c, r, &cr)))
        return rc;
    if (!cr.n) {
        kc__cat_warn(c, "recording %s \"%s\" not stored: it has no artist credit", mbid,
                     title);
        return KC_OK;
    }
    size_t pn = strlen(MB_RECORDING) + strlen(mbid) + 1;
    char *pid = kc__arena_alloc(c->arena, pn);
    if (!pid)
        return kc__cat_nomem(c);
    snprintf(pid, pn, "%s%s", MB_RECORDING, mbid);
    int64_t cs = 0;
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_song_by_provider_id);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":id", pid);
    if ((rc = kc__step_id(c->db, st, &cs, "song id")))
        return rc;
    if (!(st = kc__stmt(c->db, kc__sql_catalog_song_id_owner)))
        return KC_ESTORE;
    for (i = 0; i < ni && !cs && !rc; i++) {
        kc__bind_text(st, ":kind", "isrc");
        kc__bind_text(st, ":value", codes[i]);
        rc = kc__step_id(c->db, st, &cs, "song id");
    }
    if (rc)
        return rc;
    const char *credit =
        kc__cat_credit_text(c, cr.names, cr.nlead, cr.names + cr.nlead, cr.n - cr.nlead);
    if (!credit)
        return kc__cat_nomem(c);
    bool ours = !cs; /* made from this recording: its title and credits */
    if (cs) {
        const char *key = NULL, *stitle = NULL, *scredit = NULL;
        if (!(st = kc__stmt(c->db, kc__sql_catalog_mb_song_key)))
            return KC_ESTORE;
        kc__bind_int64(st, ":song", cs);
        if (sqlite3_step(st) == SQLITE_ROW && !(rc = column_text(c, st, 0, &key)) &&
            !(rc = column_text(c, st, 1, &stitle)))
            rc = column_text(c, st, 2, &scredit);
        sqlite3_reset(st);
        ours = !rc && key && !strcmp(key, pid);
        bool same_title = true, same_credit = true;
        if (!rc && !ours && stitle && scredit &&
            !(rc = same_text(c, stitle, title, &same_title)) &&
            !(rc = same_text(c, scredit, credit, &same_credit)) &&
            !(same_title && same_credit))
            kc__cat_warn(c,
                         "recording %s: the catalog's song \"%s\" by %s kept; "
                         "MusicBrainz says \"%s\" by %s",
                         mbid, stitle, scredit, title, credit);
    }
    if (rc)
        return rc;
    if (ours) {
        if ((rc = kc__cat_upsert_song(c, pid, title, credit, false, &cs)))
            return rc;
        for (i = 0; i < cr.n && !rc; i++)
            rc = kc__cat_add_credit(c, cs, cr.ids[i], i < cr.nlead ? "lead" : "featured",
                                    (int)i);
        if (rc)
            return rc;
    }
    kc__cat_push_key(c, "id");
    rc = kc__cat_add_song_id(c, cs, "provider", pid);
    kc__cat_pop(c);
    kc__cat_push_key(c, "isrcs");
    for (i = 0; i < ni && !rc; i++) {
        int64_t owner;
        kc__cat_push_index(c, i);
        if (!(st = kc__stmt(c->db, kc__sql_catalog_song_id_owner)))
            rc = KC_ESTORE;
        else {
            kc__bind_text(st, ":kind", "isrc");
            kc__bind_text(st, ":value", codes[i]);
            rc = kc__step_id(c->db, st, &owner, "song id");
        }
        if (!rc && owner && owner != cs)
            kc__cat_warn(c, "ISRC %s of recording %s stays with the song that holds it",
                         codes[i], mbid);
        else if (!rc && !owner)
            rc = kc__cat_add_song_id(c, cs, "isrc", codes[i]);
        kc__cat_pop(c);
    }
    kc__cat_pop(c);
    return rc;
}

/* ---- documents and dumps ---------------------------------------------- */

static int import_entity(kc__catreader *c, json_t *e)
{
    switch (mb_kind_of(e)) {
    case MB_ARTIST:
        return import_artist(c, e);
    case MB_RELEASE_GROUP:
        return import_release_group(c, e);
    case MB_RELEASE:
        return import_release(c, e);
    case MB_RECORDING_KIND:
        return import_recording(c, e);
    case MB_TRACK: {
        kc__cat_push_key(c, "recording");
        int rc = import_recording(c, json_object_get(e, "recording"));
        kc__cat_pop(c);
        return rc;
    }
    default:
        return kc__cat_bad(c, "not a MusicBrainz artist, release group, release or "
                              "recording (an object with its \"id\")");
    }
}

int kc__cat_import_mb(kc__catreader *c, json_t *root)
{
    static int (*const fns[])(kc__catreader *, json_t *) = {
        import_artist, import_release_group, import_release, import_recording};
    int rc = KC_OK;
    if (json_object_get(root, "id"))
        return import_entity(c, root);
    for (size_t i = 0; list_keys[i] && !rc; i++)
        rc = kc__cat_each(c, root, list_keys[i], fns[i]);
    return rc;
}

/* The length of the line at p in [p, end), without its newline. */
static void next_line(const char *p, const char *end, size_t *n)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *n = (size_t)((nl ? nl : end) - p);
}

static bool blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
            return false;
    return true;
}

bool kc__cat_is_mb_lines(const char *buf, size_t len)
{
    const char *p = buf, *end = buf + len;
    size_t n = 0;
    for (; p < end; p += n + 1) {
        next_line(p, end, &n);
        if (!blank(p, n))
            break;
    }
    if (p >= end)
        return false;
    const char *rest = p + n + 1;
    bool more = false;
    while (rest < end && !more) {
        size_t m = 0;
        next_line(rest, end, &m);
        more = !blank(rest, m);
        rest += m + 1;
    }
    if (!more)
        return false;
    json_error_t jerr;
    json_t *first = json_loadb(p, n, JSON_REJECT_DUPLICATES, &jerr);
    bool yes = first && mb_kind_of(first) != MB_NONE;
    json_decref(first);
    return yes;
}

int kc__cat_import_mb_lines(kc__catreader *c)
{
    const char *text = c->text, *p = text, *end = text + c->len;
    size_t len = c->len;
    int rc = KC_OK;
    for (int line = 0; !rc && p < end; line++) {
        size_t n = 0;
        next_line(p, end, &n);
        if (!blank(p, n)) {
            json_error_t jerr;
            json_t *e = json_loadb(p, n, JSON_REJECT_DUPLICATES, &jerr);
            if (kc__json_nomem())
                rc = kc__cat_nomem(c);
            else if (!e)
                rc = kc__fail(c->db, KC_EINPUT, "%s:%d:%d: %s", c->path, line + 1,
                              jerr.column < 1 ? 1 : jerr.column, jerr.text);
            else {
                c->text = p;
                c->len = n;
                c->line0 = line;
                rc = import_entity(c, e);
            }
            json_decref(e);
        }
        p += n + 1;
    }
    c->text = text;
    c->len = len;
    c->line0 = 0;
    return rc;
}
