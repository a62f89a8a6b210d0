/*
 * catalog.c (ingest): reading a catalog file into the store.
 *
 * The catalog is input, like a chart snapshot: `kchart catalog import` reads a
 * file (kchart's own JSON format, docs/catalog.md, here; the korea-blackpink
 * data.json of albums and per-platform song ids, catalog_korean.c; or
 * MusicBrainz's JSON, catalog_mb.c), tells them apart by their content, and
 * stores it whole or not at all. Import adds and
 * updates, never removes, so importing a file twice changes nothing. Each
 * catalog song is bound to the song entity the charts use (kc__song_bind,
 * model/identity.c). Every value is checked where it stands: a wrong one is
 * reported at its line and column (kc__json_path_locate). Not the catalog's
 * pages or export (model/catalog.c), and not a merger of artists.
 */
#include "ingest/ingest.h"

#include <jansson.h>
#include <sql/ingest_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- times ------------------------------------------------------------- */

/* "released" and "time_zone" of obj: the text as written, the zone (the
 * offset written in the time when no zone is given, else UTC) and the UTC
 * instant. With partial, a year or month alone (YYYY, YYYY-MM: what
 * MusicBrainz knows of some release groups, docs/entities.md) is allowed;
 * its instant is its first day's midnight. */
static int release_time(kc__catreader *c, json_t *obj, const char *key, bool partial,
                        const char *default_tz, const char **released, const char **tz,
                        int64_t *utc)
{
    int rc;
    if ((rc = kc__cat_field(c, obj, key, true, released)) ||
        (rc = kc__cat_field(c, obj, "time_zone", false, tz)))
        return rc;
    if (*tz && !kc__tz_valid(*tz)) {
        kc__cat_push_key(c, "time_zone");
        rc = kc__cat_bad(c,
                         "unknown time zone \"%s\" (an IANA name such as Asia/Seoul, or "
                         "+09:00)",
                         *tz);
        kc__cat_pop(c);
        return rc;
    }
    char offset[8], day[16];
    const char *when = *released;
    size_t n = strlen(when);
    if (partial && (n == 4 || n == 7)) {
        snprintf(day, sizeof day, "%s%s", when, n == 4 ? "-01-01" : "-01");
        when = day;
    }
    if (!kc__cat_parse_instant(when, *tz ? *tz : default_tz, utc, offset)) {
        kc__cat_push_key(c, key);
        rc = kc__cat_bad(
            c,
            "\"%s\" must be YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional "
            "Z or +HH:MM%s, not \"%s\"",
            key, partial ? " (or YYYY, YYYY-MM)" : "", *released);
        kc__cat_pop(c);
        return rc;
    }
    if (!*tz) {
        const char *z = offset[0] ? offset : default_tz;
        char *kept = kc__arena_alloc(c->arena, strlen(z) + 1);
        if (!kept)
            return kc__cat_nomem(c);
        memcpy(kept, z, strlen(z) + 1);
        *tz = kept;
    }
    return KC_OK;
}

static int date_field(kc__catreader *c, json_t *obj, const char *key, const char **out,
                      int64_t *days)
{
    int rc = kc__cat_field(c, obj, key, false, out);
    if (rc || !*out)
        return rc;
    if (strlen(*out) != 10 || !kc__parse_date(*out, 10, days)) {
        kc__cat_push_key(c, key);
        rc = kc__cat_bad(c, "\"%s\" must be a date YYYY-MM-DD, not \"%s\"", key, *out);
        kc__cat_pop(c);
    }
    return rc;
}

/* ---- artists ----------------------------------------------------------- */

static const char *const artist_kinds[] = {"group", "solo", "unit", "other", NULL};

static int import_artist(kc__catreader *c, json_t *a)
{
    static const char *const keys[] = {"name",    "kind",     "market", "aliases",
                                       "members", "accounts", NULL};
    if (!json_is_object(a))
        return kc__cat_bad(c, "an artist must be an object");
    const char *name, *kind, *market;
    int64_t id;
    int rc;
    if ((rc = kc__cat_check_keys(c, a, keys)) ||
        (rc = kc__cat_field(c, a, "name", true, &name)) ||
        (rc = kc__cat_one_of(c, a, "kind", true, artist_kinds, &kind)) ||
        (rc = kc__cat_field(c, a, "market", false, &market)) ||
        (rc = kc__cat_upsert_artist(c, name, kind, market, &id)))
        return rc;
    json_t *aliases, *v;
    size_t i;
    if ((rc = kc__cat_array_of(c, a, "aliases", &aliases)))
        return rc;
    kc__cat_push_key(c, "aliases");
    json_array_foreach(aliases, i, v)
    {
        const char *alias;
        kc__cat_push_index(c, i);
        rc = kc__cat_text_of(c, v, "an alias", &alias);
        char *m = rc ? NULL : kc__match_title(alias);
        if (!rc && !m)
            rc = kc__cat_nomem(c);
        sqlite3_stmt *st = rc ? NULL : kc__stmt(c->db, kc__sql_catalog_alias_put);
        if (!rc && !st)
            rc = KC_ESTORE;
        if (!rc) {
            kc__bind_int64(st, ":artist", id);
            kc__bind_text(st, ":alias", alias);
            kc__bind_text(st, ":match", m);
            rc = kc__step_done(c->db, st, "alias");
        }
        free(m);
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    if (rc)
        return rc;
    json_t *accounts = json_object_get(a, "accounts");
    if (!accounts)
        return KC_OK;
    kc__cat_push_key(c, "accounts");
    if (!json_is_object(accounts)) {
        rc = kc__cat_bad(c,
                         "\"accounts\" must be an object of platform: {handle, joined}");
        kc__cat_pop(c);
        return rc;
    }
    const char *platform;
    json_object_foreach(accounts, platform, v)
    {
        static const char *const akeys[] = {"handle", "joined", NULL};
        const char *handle, *joined;
        int64_t days = 0;
        kc__cat_push_key(c, platform);
        bool word = *platform && strlen(platform) <= 32;
        for (const char *p = platform; *p; p++)
            word = word &&
                   ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
        if (!word)
            rc = kc__cat_bad(
                c,
                "a platform is a lower-case word (instagram, spotify, youtube), "
                "not \"%s\"",
                platform);
        else if (!json_is_object(v))
            rc = kc__cat_bad(c, "an account must be an object {\"handle\", \"joined\"}");
        if (!rc && !(rc = kc__cat_check_keys(c, v, akeys)) &&
            !(rc = kc__cat_field(c, v, "handle", false, &handle)) &&
            !(rc = date_field(c, v, "joined", &joined, &days))) {
            sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_account_put);
            if (!st)
                rc = KC_ESTORE;
            else {
                kc__bind_int64(st, ":artist", id);
                kc__bind_text(st, ":platform", platform);
                kc__bind_text(st, ":handle", handle);
                if (joined)
                    kc__bind_int64(st, ":joined", days);
                else
                    kc__bind_null(st, ":joined");
                rc = kc__step_done(c->db, st, "account");
            }
        }
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    return rc;
}

/* The members of a group, once every artist of the file is stored. */
static int import_members(kc__catreader *c, json_t *a)
{
    json_t *members, *m;
    size_t i;
    int rc = kc__cat_array_of(c, a, "members", &members);
    if (rc || !members)
        return rc;
    const char *name;
    int64_t group, member;
    if ((rc = kc__cat_field(c, a, "name", true, &name)) ||
        (rc = kc__cat_find_artist(c, name, &group)))
        return rc;
    const char *kind;
    if ((rc = kc__cat_field(c, a, "kind", true, &kind)))
        return rc;
    if (strcmp(kind, "group") && strcmp(kind, "unit")) {
        kc__cat_push_key(c, "members");
        rc = kc__cat_bad(c, "only a group or a unit has members (\"%s\" is %s)", name,
                         kind);
        kc__cat_pop(c);
        return rc;
    }
    kc__cat_push_key(c, "members");
    json_array_foreach(members, i, m)
    {
        static const char *const keys[] = {"artist", "since", "until", NULL};
        const char *who, *since, *until;
        int64_t d1 = 0, d2 = 0;
        kc__cat_push_index(c, i);
        if (!json_is_object(m))
            rc = kc__cat_bad(
                c, "a member must be an object {\"artist\", \"since\", \"until\"}");
        if (!rc && !(rc = kc__cat_check_keys(c, m, keys)) &&
            !(rc = kc__cat_field(c, m, "artist", true, &who)) &&
            !(rc = date_field(c, m, "since", &since, &d1)) &&
            !(rc = date_field(c, m, "until", &until, &d2))) {
            kc__cat_push_key(c, "artist");
            if (!(rc = kc__cat_find_artist(c, who, &member)) && !member)
                rc =
                    kc__cat_bad(c, "unknown artist \"%s\" (list it in \"artists\")", who);
            else if (!rc && member == group)
                rc = kc__cat_bad(c, "a group is not its own member");
            kc__cat_pop(c);
            if (!rc && since && until && d2 < d1) {
                kc__cat_push_key(c, "until");
                rc = kc__cat_bad(c, "\"until\" is before \"since\"");
                kc__cat_pop(c);
            }
        }
        if (!rc) {
            sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_member_put);
            if (!st)
                rc = KC_ESTORE;
            else {
                kc__bind_int64(st, ":group", group);
                kc__bind_int64(st, ":member", member);
                kc__bind_text(st, ":since", since);
                kc__bind_text(st, ":until", until);
                rc = kc__step_done(c->db, st, "member");
            }
        }
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    return rc;
}

/* ---- songs ------------------------------------------------------------- */

/* The names of a credit list (key "lead" or "featured") of song s, checked
 * against the stored artists; their ids into ids (up to max). */
static int credit_names(kc__catreader *c, json_t *s, const char *key, bool required,
                        const char **names, int64_t *ids, size_t max, size_t *n)
{
    json_t *list, *v;
    size_t i;
    *n = 0;
    int rc = kc__cat_array_of(c, s, key, &list);
    if (rc)
        return rc;
    if (!list || json_array_size(list) == 0) {
        if (required)
            return kc__cat_bad(c, "missing \"%s\": the song's lead artists", key);
        return KC_OK;
    }
    kc__cat_push_key(c, key);
    json_array_foreach(list, i, v)
    {
        kc__cat_push_index(c, i);
        if (i >= max)
            rc = kc__cat_bad(c, "more than %zu artists in one credit", max);
        if (!rc && !(rc = kc__cat_text_of(c, v, "an artist", &names[i])) &&
            !(rc = kc__cat_find_artist(c, names[i], &ids[i])) && !ids[i])
            rc = kc__cat_bad(c, "unknown artist \"%s\" (list it in \"artists\")",
                             names[i]);
        kc__cat_pop(c);
        if (rc)
            break;
        *n = i + 1;
    }
    kc__cat_pop(c);
    return rc;
}

#define CREDITS_MAX 16

static int import_ids(kc__catreader *c, json_t *s, int64_t cs)
{
    const char *const keys[] = {"ids", "isrc"};
    for (int k = 0; k < 2; k++) {
        json_t *list, *v;
        size_t i;
        int rc = kc__cat_array_of(c, s, keys[k], &list);
        if (rc)
            return rc;
        kc__cat_push_key(c, keys[k]);
        json_array_foreach(list, i, v)
        {
            const char *id;
            char isrc[13];
            kc__cat_push_index(c, i);
            if (!(rc = kc__cat_text_of(c, v, k ? "an ISRC" : "a provider id", &id))) {
                if (k == 0 && !kc__cat_provider_id_ok(id))
                    rc = kc__cat_bad(
                        c,
                        "a provider id is <platform>:<id> (spotify:track:..., "
                        "melon:8304594), not \"%s\"",
                        id);
                else if (k == 1 && !kc__cat_isrc_norm(id, isrc))
                    rc = kc__cat_bad(c, "\"%s\" is not an ISRC (CC-XXX-YY-NNNNN)", id);
                else
                    rc = kc__cat_add_song_id(c, cs, k ? "isrc" : "provider",
                                             k ? isrc : id);
            }
            kc__cat_pop(c);
            if (rc)
                break;
        }
        kc__cat_pop(c);
        if (rc)
            return rc;
    }
    return KC_OK;
}

static int import_song(kc__catreader *c, json_t *s)
{
    static const char *const keys[] = {"key", "title", "lead", "featured",
                                       "ids", "isrc",  NULL};
    if (!json_is_object(s))
        return kc__cat_bad(c, "a song must be an object");
    const char *key, *title, *lead[CREDITS_MAX], *feat[CREDITS_MAX];
    int64_t lead_ids[CREDITS_MAX], feat_ids[CREDITS_MAX], cs;
    size_t nl, nf;
    int rc;
    if ((rc = kc__cat_check_keys(c, s, keys)) ||
        (rc = kc__cat_field(c, s, "key", true, &key)) ||
        (rc = kc__cat_field(c, s, "title", true, &title)) ||
        (rc = credit_names(c, s, "lead", true, lead, lead_ids, CREDITS_MAX, &nl)) ||
        (rc = credit_names(c, s, "featured", false, feat, feat_ids, CREDITS_MAX, &nf)))
        return rc;
    for (size_t i = 0; i < nf; i++)
        for (size_t j = 0; j < nl; j++)
            if (feat_ids[i] == lead_ids[j]) {
                kc__cat_push_key(c, "featured");
                kc__cat_push_index(c, i);
                rc = kc__cat_bad(c, "\"%s\" is credited as lead and featured", feat[i]);
                kc__cat_pop(c);
                kc__cat_pop(c);
                return rc;
            }
    const char *credit = kc__cat_credit_text(c, lead, nl, feat, nf);
    if (!credit)
        return kc__cat_nomem(c);
    if ((rc = kc__cat_upsert_song(c, key, title, credit, false, &cs)))
        return rc;
    for (size_t i = 0; i < nl && !rc; i++)
        rc = kc__cat_add_credit(c, cs, lead_ids[i], "lead", (int)i);
    for (size_t i = 0; i < nf && !rc; i++)
        rc = kc__cat_add_credit(c, cs, feat_ids[i], "featured", (int)(nl + i));
    return rc ? rc : import_ids(c, s, cs);
}

/* ---- releases and videos ----------------------------------------------- */

static const char *const release_kinds[] = {"album",   "ep",  "single", "repackage",
                                            "mixtape", "ost", NULL};
static const char *const roles[] = {"title", "b-side",   "pre-release",
                                    "ost",   "fan-song", NULL};

static int catalog_song_of(kc__catreader *c, const char *key, int64_t *id)
{
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_song_of_key);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":key", key);
    int rc = kc__step_id(c->db, st, id, "song");
    if (!rc && !*id)
        rc = kc__cat_bad(c, "unknown song \"%s\" (list it in \"songs\")", key);
    return rc;
}

static int import_release(kc__catreader *c, json_t *r)
{
    static const char *const keys[] = {"key",      "title",     "kind",   "artist",
                                       "released", "time_zone", "tracks", NULL};
    if (!json_is_object(r))
        return kc__cat_bad(c, "a release must be an object");
    const char *key, *title, *kind, *artist, *released, *tz;
    int64_t artist_id = 0, utc, id;
    int rc;
    if ((rc = kc__cat_check_keys(c, r, keys)) ||
        (rc = kc__cat_field(c, r, "title", true, &title)) ||
        (rc = kc__cat_one_of(c, r, "kind", true, release_kinds, &kind)) ||
        (rc = kc__cat_field(c, r, "artist", true, &artist)) ||
        (rc = release_time(c, r, "released", true, "UTC", &released, &tz, &utc)) ||
        (rc = kc__cat_field(c, r, "key", false, &key)))
        return rc;
    kc__cat_push_key(c, "artist");
    if (!(rc = kc__cat_find_artist(c, artist, &artist_id)) && !artist_id)
        rc = kc__cat_bad(c, "unknown artist \"%s\" (list it in \"artists\")", artist);
    kc__cat_pop(c);
    if (rc)
        return rc;
    if (!key) {
        size_t n = strlen(artist) + strlen(title) + 2;
        char *k = kc__arena_alloc(c->arena, n);
        if (!k)
            return kc__cat_nomem(c);
        snprintf(k, n, "%s/%s", artist, title);
        key = k;
    }
    if ((rc = kc__cat_upsert_release(c, key, title, kind, artist_id, released, tz, utc,
                                     false, &id)))
        return rc;
    json_t *tracks, *t;
    size_t i;
    if ((rc = kc__cat_array_of(c, r, "tracks", &tracks)))
        return rc;
    /* A song's release day counts days (milestones, All-Kills): a year or
     * a month alone would date it on its first day. */
    if (json_array_size(tracks) && strlen(released) < 10) {
        kc__cat_push_key(c, "released");
        rc = kc__cat_bad(c, "a release with tracks needs a full date, not \"%s\"",
                         released);
        kc__cat_pop(c);
        return rc;
    }
    kc__cat_push_key(c, "tracks");
    json_array_foreach(tracks, i, t)
    {
        static const char *const tkeys[] = {"song", "role", "track", NULL};
        const char *song, *role;
        int64_t cs, track = 0; /* none unless given */
        kc__cat_push_index(c, i);
        if (!json_is_object(t))
            rc = kc__cat_bad(c,
                             "a track must be an object {\"song\", \"role\", \"track\"}");
        if (!rc && !(rc = kc__cat_check_keys(c, t, tkeys)) &&
            !(rc = kc__cat_field(c, t, "song", true, &song)) &&
            !(rc = kc__cat_one_of(c, t, "role", false, roles, &role))) {
            json_t *n = json_object_get(t, "track");
            if (n) {
                kc__cat_push_key(c, "track");
                if (!json_is_integer(n) || json_integer_value(n) < 1 ||
                    json_integer_value(n) > 999)
                    rc = kc__cat_bad(c, "\"track\" must be a number from 1 to 999");
                else
                    track = json_integer_value(n);
                kc__cat_pop(c);
            }
            if (!rc) {
                kc__cat_push_key(c, "song");
                rc = catalog_song_of(c, song, &cs);
                kc__cat_pop(c);
            }
            if (!rc)
                rc = kc__cat_add_track(c, id, cs, track, role);
        }
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    return rc;
}

static int import_video(kc__catreader *c, json_t *v)
{
    static const char *const keys[] = {"id",       "song",      "channel",
                                       "released", "time_zone", NULL};
    if (!json_is_object(v))
        return kc__cat_bad(c, "a video must be an object");
    const char *id, *song, *channel, *released, *tz;
    int64_t cs, utc;
    int rc;
    if ((rc = kc__cat_check_keys(c, v, keys)) ||
        (rc = kc__cat_field(c, v, "id", true, &id)) ||
        (rc = kc__cat_field(c, v, "song", true, &song)) ||
        (rc = kc__cat_field(c, v, "channel", false, &channel)) ||
        (rc = release_time(c, v, "released", false, "UTC", &released, &tz, &utc)))
        return rc;
    if (!kc__cat_provider_id_ok(id)) {
        kc__cat_push_key(c, "id");
        rc =
            kc__cat_bad(c, "a video id is <platform>:<id> (youtube:...), not \"%s\"", id);
        kc__cat_pop(c);
        return rc;
    }
    kc__cat_push_key(c, "song");
    rc = catalog_song_of(c, song, &cs);
    kc__cat_pop(c);
    if (rc)
        return rc;
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_video_put);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":id", id);
    kc__bind_int64(st, ":song", cs);
    kc__bind_text(st, ":channel", channel);
    kc__bind_text(st, ":released", released);
    kc__bind_text(st, ":zone", tz);
    kc__bind_int64(st, ":utc", utc);
    return kc__step_done(c->db, st, "video");
}

static int import_kchart(kc__catreader *c, json_t *root)
{
    static const char *const keys[] = {"kchart",   "sources", "artists", "songs",
                                       "releases", "videos",  NULL};
    const char *version;
    int rc;
    if ((rc = kc__cat_check_keys(c, root, keys)) ||
        (rc = kc__cat_field(c, root, "kchart", true, &version)))
        return rc;
    if (strcmp(version, "catalog/1")) {
        kc__cat_push_key(c, "kchart");
        rc = kc__cat_bad(c, "this kchart reads \"catalog/1\", not \"%s\"", version);
        kc__cat_pop(c);
        return rc;
    }
    json_t *sources, *v;
    size_t i;
    if ((rc = kc__cat_array_of(c, root, "sources", &sources)))
        return rc;
    kc__cat_push_key(c, "sources");
    json_array_foreach(sources, i, v)
    {
        const char *s;
        kc__cat_push_index(c, i);
        rc = kc__cat_text_of(c, v, "a source", &s);
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    if (rc || (rc = kc__cat_each(c, root, "artists", import_artist)) ||
        (rc = kc__cat_each(c, root, "artists", import_members)) ||
        (rc = kc__cat_each(c, root, "songs", import_song)) ||
        (rc = kc__cat_each(c, root, "releases", import_release)))
        return rc;
    return kc__cat_each(c, root, "videos", import_video);
}

static int import_body(kc_db *db, const char *path, const char *buf, size_t len,
                       const kc_catalog_opts *opts, kc_catalog_stats *stats)
{
    kc__catreader c = {.db = db,
                       .path = path,
                       .text = buf,
                       .len = len,
                       .arena = kc__arena_new(),
                       .warn = opts ? opts->on_warning : NULL,
                       .warn_ctx = opts ? opts->warning_ctx : NULL};
    json_t *root = NULL;
    int rc = c.arena ? KC_OK : kc__cat_nomem(&c);
    int64_t before = kc__changes_own(db);
    /* MusicBrainz's dumps are one entity a line: not one JSON text. */
    bool lines = !rc && kc__cat_is_mb_lines(buf, len);
    if (!rc && !lines) {
        char err[KC_ERRMSG_MAX];
        if ((rc = kc__json_parse(buf, len, path, &root, err, sizeof err)))
            rc = kc__fail(db, rc, "%s", err);
    }
    if (!rc && lines)
        rc = kc__cat_import_mb_lines(&c);
    else if (!rc && json_is_object(root) && json_object_get(root, "kchart"))
        rc = import_kchart(&c, root);
    else if (!rc && json_is_object(root) && json_is_array(json_object_get(root, "data")))
        rc = kc__cat_import_korean(&c, root);
    else if (!rc && kc__cat_is_mb(root))
        rc = kc__cat_import_mb(&c, root);
    else if (!rc)
        rc = kc__cat_bad(
            &c, "not a catalog: expected an object with \"kchart\": \"catalog/1\" "
                "(docs/catalog.md), the \"data\" array of a data.json of albums, or "
                "MusicBrainz's JSON (an artist, release group, release or recording, a "
                "list of them, or a dump of one a line)");
    if (!rc)
        rc = kc__catalog_bind(db);
    if (!rc && stats) {
        stats->files++;
        stats->changes += (size_t)(kc__changes_own(db) - before);
    }
    /* The catalog is evidence of the credits' artists: derive them again
     * (not counted as the import's changes). */
    if (!rc)
        rc = kc__credits_update(db, true);
    kc__arena_free(c.arena);
    json_decref(root);
    return rc;
}

int kc_catalog_import(kc_db *db, const char *path, kc_catalog_stats *stats)
{
    return kc_catalog_import_opts(db, path, NULL, stats);
}

int kc_catalog_import_opts(kc_db *db, const char *path, const kc_catalog_opts *opts,
                           kc_catalog_stats *stats)
{
    char *buf;
    size_t len;
    int rc = kc__read_file(db, path, &buf, &len);
    if (rc)
        return rc;
    if ((rc = kc__begin(db))) {
        free(buf);
        return rc;
    }
    kc__cache_check(db);
    kc_catalog_stats st = {0};
    kc__file f;
    rc = kc__file_begin(db, &f, "catalog", path, buf, len);
    if (!rc)
        rc = import_body(db, path, buf, len, opts, &st);
    if (!rc)
        rc = kc__touched(db, "catalog", NULL, NULL, f.digest);
    rc = kc__file_end(db, &f, rc);
    /* Bound songs may now carry release dates: milestones' days follow at
     * query time, nothing derived to redo here. */
    rc = kc__end(db, rc);
    if (!rc && stats) {
        stats->files += st.files;
        stats->changes += st.changes;
    }
    free(buf);
    return rc;
}
