/*
 * catalog_korean.c: the korea-blackpink data.json as a catalog.
 *
 * data.json lists albums with their songs and each song's id on every
 * Korean platform (Melon, Genie, Bugs, FLO, VIBE); it becomes releases,
 * songs and provider ids of the catalog, through the same checked walk and
 * the same writes as kchart's own format (catalog.c). Not the rank series
 * that come with it: ingest/adapter_series.c reads those.
 */
#include "ingest/ingest.h"

#include <jansson.h>
#include <sql/ingest_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One song of a data.json album: its ids are "<platform>:<id>" (the Korean
 * adapter's provider ids); a catalog song holding one of them already is
 * this song, else it is new, keyed "<artist>/<json_id>". */
static int korean_song(kc__catreader *c, json_t *s, const char *artist, int64_t artist_id,
                       int64_t release, size_t index)
{
    const char *title, *json_id;
    int rc;
    if (!json_is_object(s))
        return kc__cat_bad(c, "a song must be an object");
    if ((rc = kc__cat_field(c, s, "title", true, &title)) ||
        (rc = kc__cat_field(c, s, "json_id", false, &json_id)))
        return rc;
    json_t *ids = json_object_get(s, "song_id");
    if (!json_is_object(ids)) {
        kc__cat_push_key(c, "song_id");
        rc = kc__cat_bad(c, "\"song_id\" must be an object of platform: id");
        kc__cat_pop(c);
        return rc;
    }
    /* The ids as provider ids, in the arena. */
    const char *pids[16];
    size_t n = 0;
    const char *platform;
    json_t *v;
    kc__cat_push_key(c, "song_id");
    json_object_foreach(ids, platform, v)
    {
        char buf[96];
        kc__cat_push_key(c, platform);
        if (n == 16)
            rc = kc__cat_bad(c, "more than 16 platforms");
        else if (json_is_integer(v) && json_integer_value(v) >= 0)
            snprintf(buf, sizeof buf, "%s:%lld", platform,
                     (long long)json_integer_value(v));
        else if (json_is_string(v) && json_string_length(v) > 0 &&
                 json_string_length(v) < 64)
            snprintf(buf, sizeof buf, "%s:%s", platform, json_string_value(v));
        else
            rc = kc__cat_bad(c, "an id must be a number or a string");
        if (!rc && (strlen(platform) > 24 || !kc__cat_provider_id_ok(buf)))
            rc = kc__cat_bad(c, "\"%s\" does not make a provider id", platform);
        char *kept = rc ? NULL : kc__arena_alloc(c->arena, strlen(buf) + 1);
        if (!rc && !kept)
            rc = kc__cat_nomem(c);
        if (!rc) {
            memcpy(kept, buf, strlen(buf) + 1);
            pids[n++] = kept;
        }
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    if (rc)
        return rc;
    int64_t cs = 0;
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_catalog_song_by_provider_id);
    if (!st)
        return KC_ESTORE;
    for (size_t i = 0; i < n && !cs && !rc; i++) {
        kc__bind_text(st, ":id", pids[i]);
        rc = kc__step_id(c->db, st, &cs, "song id");
    }
    if (rc)
        return rc;
    if (!cs) {
        const char *handle = json_id ? json_id : title;
        size_t kn = strlen(artist) + strlen(handle) + 2;
        char *key = kc__arena_alloc(c->arena, kn);
        if (!key)
            return kc__cat_nomem(c);
        snprintf(key, kn, "%s/%s", artist, handle);
        if ((rc = kc__cat_upsert_song(c, key, title, artist, true, &cs)) ||
            (rc = kc__cat_add_credit(c, cs, artist_id, "lead", 0)))
            return rc;
    }
    kc__cat_push_key(c, "song_id");
    for (size_t i = 0; i < n && !rc; i++)
        rc = kc__cat_add_song_id(c, cs, "provider", pids[i]);
    kc__cat_pop(c);
    return rc ? rc : kc__cat_add_track(c, release, cs, (int64_t)index + 1, NULL);
}

static int korean_album(kc__catreader *c, json_t *a)
{
    const char *title, *artist, *date, *id;
    int64_t artist_id, release, utc;
    int rc;
    if (!json_is_object(a))
        return kc__cat_bad(c, "an album must be an object");
    if ((rc = kc__cat_field(c, a, "album", true, &title)) ||
        (rc = kc__cat_field(c, a, "artist", true, &artist)) ||
        (rc = kc__cat_field(c, a, "id", false, &id)))
        return rc;
    /* Dates of the Korean services are Korea's (KST); no time is given, so
     * the release counts from midnight KST of that day. */
    const char *tz = "Asia/Seoul";
    char offset[8];
    if ((rc = kc__cat_field(c, a, "release_date", true, &date)))
        return rc;
    if (strlen(date) != 10 || !kc__cat_parse_instant(date, tz, &utc, offset)) {
        kc__cat_push_key(c, "release_date");
        rc = kc__cat_bad(c, "\"release_date\" must be a date YYYY-MM-DD, not \"%s\"",
                         date);
        kc__cat_pop(c);
        return rc;
    }
    kc__cat_push_key(c, "artist");
    rc = kc__cat_find_artist(c, artist, &artist_id);
    kc__cat_pop(c);
    if (rc ||
        (!artist_id && (rc = kc__cat_upsert_artist(c, artist, NULL, NULL, &artist_id))))
        return rc;
    json_t *songs, *s;
    size_t i;
    if ((rc = kc__cat_array_of(c, a, "songs", &songs)))
        return rc;
    if (!songs || json_array_size(songs) == 0)
        return kc__cat_bad(c, "an album needs \"songs\"");
    const char *handle = id ? id : title;
    size_t kn = strlen(artist) + strlen(handle) + 2;
    char *key = kc__arena_alloc(c->arena, kn);
    if (!key)
        return kc__cat_nomem(c);
    snprintf(key, kn, "%s/%s", artist, handle);
    /* The file does not say what kind a release is: one song is a single,
     * more an album, unless the store knows better. */
    if ((rc = kc__cat_upsert_release(c, key, title,
                                     json_array_size(songs) == 1 ? "single" : "album",
                                     artist_id, date, tz, utc, true, &release)))
        return rc;
    kc__cat_push_key(c, "songs");
    json_array_foreach(songs, i, s)
    {
        kc__cat_push_index(c, i);
        rc = korean_song(c, s, artist, artist_id, release, i);
        kc__cat_pop(c);
        if (rc)
            break;
    }
    kc__cat_pop(c);
    return rc;
}

int kc__cat_import_korean(kc__catreader *c, json_t *root)
{
    c->korean = true;
    return kc__cat_each(c, root, "data", korean_album);
}

/* ---- binding to song entities ------------------------------------------ */
