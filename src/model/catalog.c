/*
 * catalog.c: artists, members, releases, songs, credits, ids and videos.
 *
 * The catalog is input, like a chart snapshot: `kchart catalog import` reads a
 * file (kchart's own JSON format, docs/catalog.md, or the korea-blackpink
 * data.json of albums and per-platform song ids) and stores it whole or not
 * at all. Import adds and updates, never removes, so importing a file twice
 * changes nothing. Each catalog song is bound to the song entity the charts
 * use (kc__song_bind): by its provider ids first, then by title and credit as
 * runs.c keys them, else a new entity; its ids become keys of that entity, so
 * that a chart row carrying one of them lands on the same song. The binding
 * is derived: rebuild clears it and binds again. Not a query layer for the
 * catalog's own pages, and not a merger of artists.
 */
#include "model/model.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 1024 /* bytes in a name, title or id */
#define PATH_MAX_DEPTH 16

typedef struct {
    kc_db *db;
    const char *path; /* the file, for messages */
    const char *text; /* its bytes, to locate values */
    size_t len;
    kc__jpath stack[PATH_MAX_DEPTH];
    size_t depth;
    kc__arena *arena; /* strings of this import */
    bool korean;      /* the data.json format */
} cctx;

static void push_key(cctx *c, const char *key)
{
    if (c->depth < PATH_MAX_DEPTH)
        c->stack[c->depth] = (kc__jpath){key, 0};
    c->depth++;
}
static void push_index(cctx *c, size_t i)
{
    if (c->depth < PATH_MAX_DEPTH)
        c->stack[c->depth] = (kc__jpath){NULL, i};
    c->depth++;
}
static void pop(cctx *c)
{
    c->depth--;
}

/* Bad input at the value the path leads to: "file:line:col: what". */
__attribute__((format(printf, 2, 3))) static int bad(cctx *c, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    int line, col;
    kc__json_path_locate(c->text, c->len, c->stack,
                         c->depth < PATH_MAX_DEPTH ? c->depth : PATH_MAX_DEPTH, &line,
                         &col);
    return kc__fail(c->db, KC_EINPUT, "%s:%d:%d: %s", c->path, line, col, what);
}

static int nomem(cctx *c)
{
    return kc__fail(c->db, KC_ENOMEM, "out of memory");
}

/* Fields an object may have; anything else is a typo worth an error. */
static int check_keys(cctx *c, json_t *obj, const char *const *allowed)
{
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v)
    {
        bool ok = false;
        for (size_t i = 0; allowed[i] && !ok; i++)
            ok = !strcmp(allowed[i], k);
        if (!ok) {
            push_key(c, k);
            int rc = bad(c, "unknown field \"%s\"", k);
            pop(c);
            return rc;
        }
    }
    return KC_OK;
}

/* The text of v (the value at the current path) in NFC, in the arena: a
 * non-empty string without control characters, at most TEXT_MAX bytes. */
static int text_of(cctx *c, json_t *v, const char *what, const char **out)
{
    if (!json_is_string(v))
        return bad(c, "%s must be a string", what);
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (n == 0)
        return bad(c, "%s is empty", what);
    if (n > TEXT_MAX)
        return bad(c, "%s is longer than %d bytes", what, TEXT_MAX);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
            return bad(c, "control character in %s", what);
    char *nfc = kc__nfc(s);
    char *kept = nfc ? kc__arena_alloc(c->arena, strlen(nfc) + 1) : NULL;
    if (kept)
        memcpy(kept, nfc, strlen(nfc) + 1);
    free(nfc);
    if (!kept)
        return nomem(c);
    *out = kept;
    return KC_OK;
}

/* Member key of obj as text; *out NULL when absent and not required. */
static int field(cctx *c, json_t *obj, const char *key, bool required, const char **out)
{
    *out = NULL;
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v)) {
        if (required)
            return bad(c, "missing \"%s\"", key);
        return KC_OK;
    }
    push_key(c, key);
    char what[64];
    snprintf(what, sizeof what, "\"%s\"", key);
    int rc = text_of(c, v, what, out);
    pop(c);
    return rc;
}

/* One of the words of allowed (NULL-terminated), or an error listing them. */
static int one_of(cctx *c, json_t *obj, const char *key, bool required,
                  const char *const *allowed, const char **out)
{
    int rc = field(c, obj, key, required, out);
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
    push_key(c, key);
    rc = bad(c, "\"%s\" must be one of %s, not \"%s\"", key, list, *out);
    pop(c);
    return rc;
}

/* The array member key of obj (NULL when absent), or an error. */
static int array_of(cctx *c, json_t *obj, const char *key, json_t **out)
{
    *out = json_object_get(obj, key);
    if (!*out || json_is_array(*out))
        return KC_OK;
    push_key(c, key);
    int rc = bad(c, "\"%s\" must be an array", key);
    pop(c);
    return rc;
}

/* ---- statements -------------------------------------------------------- */

/* Runs st (bound) to its end, then resets it. */
static int step_done(kc_db *db, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, what);
    sqlite3_reset(st);
    return rc;
}

/* The single integer of a one-row query (bound), or 0 when no row. */
static int step_id(kc_db *db, sqlite3_stmt *st, int64_t *out, const char *what)
{
    int step = sqlite3_step(st), rc = KC_OK;
    *out = 0;
    if (step == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else if (step != SQLITE_DONE)
        rc = kc__sqlfail(db, what);
    sqlite3_reset(st);
    return rc;
}

static sqlite3_stmt *prep(kc_db *db, const char *sql)
{
    return kc__stmt(db, sql);
}

/* ---- times ------------------------------------------------------------- */

/* Parses a release time: "YYYY-MM-DD" (midnight), or "YYYY-MM-DDTHH:MM" with
 * optional ":SS", then optionally "Z" or "+HH:MM"/"-HH:MM". Without an
 * offset the time is local to tz (an IANA name or an offset). Sets *utc and,
 * when the text carries an offset, writes it into offset (>= 7 bytes). */
static bool parse_instant(const char *s, const char *tz, int64_t *utc, char *offset)
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

/* "released" and "time_zone" of obj: the text as written, the zone (the
 * offset written in the time when no zone is given, else UTC) and the UTC
 * instant. */
static int release_time(cctx *c, json_t *obj, const char *key, const char *default_tz,
                        const char **released, const char **tz, int64_t *utc)
{
    int rc;
    if ((rc = field(c, obj, key, true, released)) ||
        (rc = field(c, obj, "time_zone", false, tz)))
        return rc;
    if (*tz && !kc__tz_valid(*tz)) {
        push_key(c, "time_zone");
        rc = bad(c,
                 "unknown time zone \"%s\" (an IANA name such as Asia/Seoul, or "
                 "+09:00)",
                 *tz);
        pop(c);
        return rc;
    }
    char offset[8];
    if (!parse_instant(*released, *tz ? *tz : default_tz, utc, offset)) {
        push_key(c, key);
        rc = bad(c,
                 "\"%s\" must be YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional "
                 "Z or +HH:MM, not \"%s\"",
                 key, *released);
        pop(c);
        return rc;
    }
    if (!*tz) {
        const char *z = offset[0] ? offset : default_tz;
        char *kept = kc__arena_alloc(c->arena, strlen(z) + 1);
        if (!kept)
            return nomem(c);
        memcpy(kept, z, strlen(z) + 1);
        *tz = kept;
    }
    return KC_OK;
}

static int date_field(cctx *c, json_t *obj, const char *key, const char **out,
                      int64_t *days)
{
    int rc = field(c, obj, key, false, out);
    if (rc || !*out)
        return rc;
    if (strlen(*out) != 10 || !kc__parse_date(*out, 10, days)) {
        push_key(c, key);
        rc = bad(c, "\"%s\" must be a date YYYY-MM-DD, not \"%s\"", key, *out);
        pop(c);
    }
    return rc;
}

/* ---- artists ----------------------------------------------------------- */

int kc__artist_find(kc_db *db, const char *name, int64_t *id)
{
    *id = 0;
    char *m = kc__match_title(name);
    if (!m)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    sqlite3_stmt *st =
        kc__stmt(db, "SELECT 0, a.id, a.name FROM artist a WHERE a.name = ?1 UNION"
                     " SELECT 1, a.id, a.name FROM artist a WHERE a.match = ?2 UNION"
                     " SELECT 1, a.id, a.name FROM artist_alias l JOIN artist a ON a.id ="
                     " l.artist_id WHERE l.match = ?2 ORDER BY 1, 3, 2");
    int rc = st ? KC_OK : KC_ESTORE, n = 0, step = SQLITE_DONE;
    bool exact = false;
    /* Two artists or more, none named exactly: the names, to choose from. */
    char names[400] = "";
    size_t used = 0;
    int64_t named[8] = {0};
    int listed = 0;
    if (st) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, m, -1, SQLITE_STATIC);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            int64_t a = sqlite3_column_int64(st, 1);
            const char *an = (const char *)sqlite3_column_text(st, 2);
            if (n++ == 0)
                exact = sqlite3_column_int(st, 0) == 0;
            if (exact) {
                if (n == 1)
                    *id = a;
                continue;
            }
            bool seen = false;
            for (int k = 0; k < listed; k++)
                seen |= named[k] == a;
            if (seen || listed == 8)
                continue;
            named[listed++] = a;
            /* A long name is shown by its start (a whole character), so
             * that one name cannot take the whole list. */
            size_t shown = an ? strlen(an) : 0;
            bool cut = shown > 64;
            if (cut)
                for (shown = 64; ((unsigned char)an[shown] & 0xC0) == 0x80; shown--)
                    ;
            int w =
                snprintf(names + used, sizeof names - used, "%s\"%.*s%s\"",
                         used ? ", " : "", (int)shown, an ? an : "", cut ? "..." : "");
            if (w > 0 && (size_t)w < sizeof names - used)
                used += (size_t)w;
            else
                names[used] = '\0'; /* cut whole names only */
        }
        if (step != SQLITE_DONE)
            rc = kc__sqlfail(db, "artist");
        else if (listed == 1)
            *id = named[0];
        else if (listed > 1)
            rc = kc__fail(
                db, KC_EINPUT,
                "artist \"%s\" is ambiguous: it matches %s; give one name exactly", name,
                names);
        sqlite3_reset(st);
    }
    free(m);
    return rc;
}

/* The artist named name (its name exactly, else the one artist whose name or
 * alias matches); 0 when none. Ambiguous: KC_EINPUT at the current path. */
static int find_artist(cctx *c, const char *name, int64_t *id)
{
    sqlite3_stmt *st = prep(c->db, "SELECT id FROM artist WHERE name = ?");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = step_id(c->db, st, id, "artist");
    if (rc || *id)
        return rc;
    char *m = kc__match_title(name);
    if (!m)
        return nomem(c);
    st = prep(c->db, "SELECT id FROM artist WHERE match = ?1 UNION"
                     " SELECT artist_id FROM artist_alias WHERE match = ?1");
    if (!st) {
        free(m);
        return KC_ESTORE;
    }
    int bound = sqlite3_bind_text(st, 1, m, -1, SQLITE_TRANSIENT);
    free(m);
    if (bound != SQLITE_OK) /* the copy failed: NULL would match nothing */
        return nomem(c);
    int step, n = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (n++ == 0)
            *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (step != SQLITE_DONE)
        return kc__sqlfail(c->db, "artist");
    if (n > 1) {
        *id = 0;
        return bad(c, "\"%s\" names more than one artist: write the artist's name", name);
    }
    return KC_OK;
}

/* Adds or updates an artist by name; kind and market NULL keep what is
 * stored (a new artist without a kind is "other"). */
static int upsert_artist(cctx *c, const char *name, const char *kind, const char *market,
                         int64_t *id)
{
    char *m = kc__match_title(name);
    if (!m)
        return nomem(c);
    sqlite3_stmt *st = prep(
        c->db,
        "INSERT INTO artist (name, kind, market, match)"
        " VALUES (?1, coalesce(?2, 'other'), ?3, ?4) ON CONFLICT (name) DO UPDATE"
        " SET kind = coalesce(?2, kind), market = coalesce(?3, market)"
        " WHERE kind IS NOT coalesce(?2, kind) OR market IS NOT coalesce(?3, market)");
    int rc = st ? KC_OK : KC_ESTORE;
    if (!rc) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, market, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, m, -1, SQLITE_STATIC);
        rc = step_done(c->db, st, "artist");
    }
    free(m);
    if (rc)
        return rc;
    st = prep(c->db, "SELECT id FROM artist WHERE name = ?");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    return step_id(c->db, st, id, "artist");
}

static const char *const artist_kinds[] = {"group", "solo", "unit", "other", NULL};

static int import_artist(cctx *c, json_t *a)
{
    static const char *const keys[] = {"name",    "kind",     "market", "aliases",
                                       "members", "accounts", NULL};
    if (!json_is_object(a))
        return bad(c, "an artist must be an object");
    const char *name, *kind, *market;
    int64_t id;
    int rc;
    if ((rc = check_keys(c, a, keys)) || (rc = field(c, a, "name", true, &name)) ||
        (rc = one_of(c, a, "kind", true, artist_kinds, &kind)) ||
        (rc = field(c, a, "market", false, &market)) ||
        (rc = upsert_artist(c, name, kind, market, &id)))
        return rc;
    json_t *aliases, *v;
    size_t i;
    if ((rc = array_of(c, a, "aliases", &aliases)))
        return rc;
    push_key(c, "aliases");
    json_array_foreach(aliases, i, v)
    {
        const char *alias;
        push_index(c, i);
        rc = text_of(c, v, "an alias", &alias);
        char *m = rc ? NULL : kc__match_title(alias);
        if (!rc && !m)
            rc = nomem(c);
        sqlite3_stmt *st =
            rc ? NULL
               : prep(c->db,
                      "INSERT OR IGNORE INTO artist_alias (artist_id, alias, match)"
                      " VALUES (?,?,?)");
        if (!rc && !st)
            rc = KC_ESTORE;
        if (!rc) {
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_text(st, 2, alias, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, m, -1, SQLITE_STATIC);
            rc = step_done(c->db, st, "alias");
        }
        free(m);
        pop(c);
        if (rc)
            break;
    }
    pop(c);
    if (rc)
        return rc;
    json_t *accounts = json_object_get(a, "accounts");
    if (!accounts)
        return KC_OK;
    push_key(c, "accounts");
    if (!json_is_object(accounts)) {
        rc = bad(c, "\"accounts\" must be an object of platform: {handle, joined}");
        pop(c);
        return rc;
    }
    const char *platform;
    json_object_foreach(accounts, platform, v)
    {
        static const char *const akeys[] = {"handle", "joined", NULL};
        const char *handle, *joined;
        int64_t days = 0;
        push_key(c, platform);
        bool word = *platform && strlen(platform) <= 32;
        for (const char *p = platform; *p; p++)
            word = word &&
                   ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
        if (!word)
            rc = bad(c,
                     "a platform is a lower-case word (instagram, spotify, youtube), "
                     "not \"%s\"",
                     platform);
        else if (!json_is_object(v))
            rc = bad(c, "an account must be an object {\"handle\", \"joined\"}");
        if (!rc && !(rc = check_keys(c, v, akeys)) &&
            !(rc = field(c, v, "handle", false, &handle)) &&
            !(rc = date_field(c, v, "joined", &joined, &days))) {
            sqlite3_stmt *st = prep(
                c->db, "INSERT INTO artist_account (artist_id, platform, handle, joined)"
                       " VALUES (?1,?2,?3,?4) ON CONFLICT (artist_id, platform) DO UPDATE"
                       " SET handle = ?3, joined = ?4"
                       " WHERE handle IS NOT ?3 OR joined IS NOT ?4");
            if (!st)
                rc = KC_ESTORE;
            else {
                sqlite3_bind_int64(st, 1, id);
                sqlite3_bind_text(st, 2, platform, -1, SQLITE_STATIC);
                sqlite3_bind_text(st, 3, handle, -1, SQLITE_STATIC);
                if (joined)
                    sqlite3_bind_int64(st, 4, days);
                rc = step_done(c->db, st, "account");
            }
        }
        pop(c);
        if (rc)
            break;
    }
    pop(c);
    return rc;
}

/* The members of a group, once every artist of the file is stored. */
static int import_members(cctx *c, json_t *a)
{
    json_t *members, *m;
    size_t i;
    int rc = array_of(c, a, "members", &members);
    if (rc || !members)
        return rc;
    const char *name;
    int64_t group, member;
    if ((rc = field(c, a, "name", true, &name)) || (rc = find_artist(c, name, &group)))
        return rc;
    const char *kind;
    if ((rc = field(c, a, "kind", true, &kind)))
        return rc;
    if (strcmp(kind, "group") && strcmp(kind, "unit")) {
        push_key(c, "members");
        rc = bad(c, "only a group or a unit has members (\"%s\" is %s)", name, kind);
        pop(c);
        return rc;
    }
    push_key(c, "members");
    json_array_foreach(members, i, m)
    {
        static const char *const keys[] = {"artist", "since", "until", NULL};
        const char *who, *since, *until;
        int64_t d1 = 0, d2 = 0;
        push_index(c, i);
        if (!json_is_object(m))
            rc = bad(c, "a member must be an object {\"artist\", \"since\", \"until\"}");
        if (!rc && !(rc = check_keys(c, m, keys)) &&
            !(rc = field(c, m, "artist", true, &who)) &&
            !(rc = date_field(c, m, "since", &since, &d1)) &&
            !(rc = date_field(c, m, "until", &until, &d2))) {
            push_key(c, "artist");
            if (!(rc = find_artist(c, who, &member)) && !member)
                rc = bad(c, "unknown artist \"%s\" (list it in \"artists\")", who);
            else if (!rc && member == group)
                rc = bad(c, "a group is not its own member");
            pop(c);
            if (!rc && since && until && d2 < d1) {
                push_key(c, "until");
                rc = bad(c, "\"until\" is before \"since\"");
                pop(c);
            }
        }
        if (!rc) {
            sqlite3_stmt *st = prep(
                c->db, "INSERT INTO artist_member (group_id, member_id, since, until)"
                       " VALUES (?1,?2,?3,?4) ON CONFLICT (group_id, member_id) DO"
                       " UPDATE SET since = ?3, until = ?4"
                       " WHERE since IS NOT ?3 OR until IS NOT ?4");
            if (!st)
                rc = KC_ESTORE;
            else {
                sqlite3_bind_int64(st, 1, group);
                sqlite3_bind_int64(st, 2, member);
                sqlite3_bind_text(st, 3, since, -1, SQLITE_STATIC);
                sqlite3_bind_text(st, 4, until, -1, SQLITE_STATIC);
                rc = step_done(c->db, st, "member");
            }
        }
        pop(c);
        if (rc)
            break;
    }
    pop(c);
    return rc;
}

/* ---- songs ------------------------------------------------------------- */

/* A provider id is "<platform>:<id>": a lower-case platform, then anything
 * printable without spaces. */
static bool provider_id_ok(const char *s)
{
    const char *colon = strchr(s, ':');
    if (!colon || colon == s || !colon[1])
        return false;
    for (const char *p = s; p < colon; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return !strchr(s, ' ');
}

/* An ISRC: CC-XXX-YY-NNNNN, hyphens optional (ISO 3901); written without. */
static bool isrc_norm(const char *s, char out[13])
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

/* Records that value (kind provider or isrc) is an id of catalog song cs;
 * an id of another catalog song is an error at the current path. */
static int add_song_id(cctx *c, int64_t cs, const char *kind, const char *value)
{
    sqlite3_stmt *st = prep(c->db, "SELECT s.id, s.key FROM catalog_song_id i"
                                   " JOIN catalog_song s ON s.id = i.catalog_song_id"
                                   " WHERE i.kind = ? AND i.value = ?");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int step = sqlite3_step(st), rc = KC_OK;
    if (step == SQLITE_ROW && sqlite3_column_int64(st, 0) != cs)
        rc = bad(c, "%s %s is already an id of the song \"%s\"", kind, value,
                 (const char *)sqlite3_column_text(st, 1));
    else if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = kc__sqlfail(c->db, "song id");
    sqlite3_reset(st);
    if (rc || step == SQLITE_ROW)
        return rc;
    st =
        prep(c->db,
             "INSERT INTO catalog_song_id (value, kind, catalog_song_id) VALUES (?,?,?)");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, cs);
    return step_done(c->db, st, "song id");
}

/* Adds or updates a catalog song by key; with keep, an existing song keeps
 * its title and credit (data.json, whose titles are the Korean services'). */
static int upsert_song(cctx *c, const char *key, const char *title, const char *credit,
                       bool keep, int64_t *id)
{
    sqlite3_stmt *st = prep(
        c->db, keep ? "INSERT OR IGNORE INTO catalog_song (key, title, credit)"
                      " VALUES (?1,?2,?3)"
                    : "INSERT INTO catalog_song (key, title, credit) VALUES (?1,?2,?3)"
                      " ON CONFLICT (key) DO UPDATE SET title = ?2, credit = ?3"
                      " WHERE title IS NOT ?2 OR credit IS NOT ?3");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, credit, -1, SQLITE_STATIC);
    int rc = step_done(c->db, st, "song");
    if (rc)
        return rc;
    st = prep(c->db, "SELECT id FROM catalog_song WHERE key = ?");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    return step_id(c->db, st, id, "song");
}

static int add_credit(cctx *c, int64_t cs, int64_t artist, const char *credit, int pos)
{
    sqlite3_stmt *st = prep(
        c->db, "INSERT INTO song_credit (catalog_song_id, artist_id, credit, pos)"
               " VALUES (?1,?2,?3,?4) ON CONFLICT (catalog_song_id, artist_id) DO UPDATE"
               " SET credit = ?3, pos = ?4 WHERE credit IS NOT ?3 OR pos IS NOT ?4");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_int64(st, 1, cs);
    sqlite3_bind_int64(st, 2, artist);
    sqlite3_bind_text(st, 3, credit, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, pos);
    return step_done(c->db, st, "credit");
}

/* The names of a credit list (key "lead" or "featured") of song s, checked
 * against the stored artists; their ids into ids (up to max). */
static int credit_names(cctx *c, json_t *s, const char *key, bool required,
                        const char **names, int64_t *ids, size_t max, size_t *n)
{
    json_t *list, *v;
    size_t i;
    *n = 0;
    int rc = array_of(c, s, key, &list);
    if (rc)
        return rc;
    if (!list || json_array_size(list) == 0) {
        if (required)
            return bad(c, "missing \"%s\": the song's lead artists", key);
        return KC_OK;
    }
    push_key(c, key);
    json_array_foreach(list, i, v)
    {
        push_index(c, i);
        if (i >= max)
            rc = bad(c, "more than %zu artists in one credit", max);
        if (!rc && !(rc = text_of(c, v, "an artist", &names[i])) &&
            !(rc = find_artist(c, names[i], &ids[i])) && !ids[i])
            rc = bad(c, "unknown artist \"%s\" (list it in \"artists\")", names[i]);
        pop(c);
        if (rc)
            break;
        *n = i + 1;
    }
    pop(c);
    return rc;
}

#define CREDITS_MAX 16

/* The credit as shown: "A & B feat. C, D". In the arena. */
static const char *credit_text(cctx *c, const char **lead, size_t nl,
                               const char **featured, size_t nf)
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

static int import_ids(cctx *c, json_t *s, int64_t cs)
{
    const char *const keys[] = {"ids", "isrc"};
    for (int k = 0; k < 2; k++) {
        json_t *list, *v;
        size_t i;
        int rc = array_of(c, s, keys[k], &list);
        if (rc)
            return rc;
        push_key(c, keys[k]);
        json_array_foreach(list, i, v)
        {
            const char *id;
            char isrc[13];
            push_index(c, i);
            if (!(rc = text_of(c, v, k ? "an ISRC" : "a provider id", &id))) {
                if (k == 0 && !provider_id_ok(id))
                    rc = bad(c,
                             "a provider id is <platform>:<id> (spotify:track:..., "
                             "melon:8304594), not \"%s\"",
                             id);
                else if (k == 1 && !isrc_norm(id, isrc))
                    rc = bad(c, "\"%s\" is not an ISRC (CC-XXX-YY-NNNNN)", id);
                else
                    rc = add_song_id(c, cs, k ? "isrc" : "provider", k ? isrc : id);
            }
            pop(c);
            if (rc)
                break;
        }
        pop(c);
        if (rc)
            return rc;
    }
    return KC_OK;
}

static int import_song(cctx *c, json_t *s)
{
    static const char *const keys[] = {"key", "title", "lead", "featured",
                                       "ids", "isrc",  NULL};
    if (!json_is_object(s))
        return bad(c, "a song must be an object");
    const char *key, *title, *lead[CREDITS_MAX], *feat[CREDITS_MAX];
    int64_t lead_ids[CREDITS_MAX], feat_ids[CREDITS_MAX], cs;
    size_t nl, nf;
    int rc;
    if ((rc = check_keys(c, s, keys)) || (rc = field(c, s, "key", true, &key)) ||
        (rc = field(c, s, "title", true, &title)) ||
        (rc = credit_names(c, s, "lead", true, lead, lead_ids, CREDITS_MAX, &nl)) ||
        (rc = credit_names(c, s, "featured", false, feat, feat_ids, CREDITS_MAX, &nf)))
        return rc;
    for (size_t i = 0; i < nf; i++)
        for (size_t j = 0; j < nl; j++)
            if (feat_ids[i] == lead_ids[j]) {
                push_key(c, "featured");
                push_index(c, i);
                rc = bad(c, "\"%s\" is credited as lead and featured", feat[i]);
                pop(c);
                pop(c);
                return rc;
            }
    const char *credit = credit_text(c, lead, nl, feat, nf);
    if (!credit)
        return nomem(c);
    if ((rc = upsert_song(c, key, title, credit, false, &cs)))
        return rc;
    for (size_t i = 0; i < nl && !rc; i++)
        rc = add_credit(c, cs, lead_ids[i], "lead", (int)i);
    for (size_t i = 0; i < nf && !rc; i++)
        rc = add_credit(c, cs, feat_ids[i], "featured", (int)(nl + i));
    return rc ? rc : import_ids(c, s, cs);
}

/* ---- releases and videos ----------------------------------------------- */

static const char *const release_kinds[] = {"album",   "ep",  "single", "repackage",
                                            "mixtape", "ost", NULL};
static const char *const roles[] = {"title", "b-side",   "pre-release",
                                    "ost",   "fan-song", NULL};

static int catalog_song_of(cctx *c, const char *key, int64_t *id)
{
    sqlite3_stmt *st = prep(c->db, "SELECT id FROM catalog_song WHERE key = ?");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = step_id(c->db, st, id, "song");
    if (!rc && !*id)
        rc = bad(c, "unknown song \"%s\" (list it in \"songs\")", key);
    return rc;
}

static int upsert_release(cctx *c, const char *key, const char *title, const char *kind,
                          int64_t artist, const char *released, const char *tz,
                          int64_t utc, bool keep_kind, int64_t *id)
{
    sqlite3_stmt *st = prep(
        c->db,
        keep_kind
            ? "INSERT INTO release (key, title, kind, artist_id, released, time_zone,"
              " released_utc) VALUES (?1,?2,?3,?4,?5,?6,?7) ON CONFLICT (key) DO NOTHING"
            : "INSERT INTO release (key, title, kind, artist_id, released, time_zone,"
              " released_utc) VALUES (?1,?2,?3,?4,?5,?6,?7) ON CONFLICT (key) DO UPDATE"
              " SET title = ?2, kind = ?3, artist_id = ?4, released = ?5, time_zone = ?6,"
              " released_utc = ?7 WHERE title IS NOT ?2 OR kind IS NOT ?3"
              " OR artist_id IS NOT ?4 OR released IS NOT ?5 OR time_zone IS NOT ?6"
              " OR released_utc IS NOT ?7");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
    if (artist)
        sqlite3_bind_int64(st, 4, artist);
    sqlite3_bind_text(st, 5, released, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, tz, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, utc);
    int rc = step_done(c->db, st, "release");
    if (rc)
        return rc;
    st = prep(c->db, "SELECT id FROM release WHERE key = ?");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    return step_id(c->db, st, id, "release");
}

static int add_track(cctx *c, int64_t release, int64_t cs, int64_t track,
                     const char *role)
{
    sqlite3_stmt *st = prep(
        c->db, "INSERT INTO release_song (release_id, catalog_song_id, track, role)"
               " VALUES (?1,?2,?3,?4) ON CONFLICT (release_id, catalog_song_id) DO UPDATE"
               " SET track = ?3, role = coalesce(?4, role)"
               " WHERE track IS NOT ?3 OR role IS NOT coalesce(?4, role)");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_int64(st, 1, release);
    sqlite3_bind_int64(st, 2, cs);
    if (track)
        sqlite3_bind_int64(st, 3, track);
    sqlite3_bind_text(st, 4, role, -1, SQLITE_STATIC);
    return step_done(c->db, st, "track");
}

static int import_release(cctx *c, json_t *r)
{
    static const char *const keys[] = {"key",      "title",     "kind",   "artist",
                                       "released", "time_zone", "tracks", NULL};
    if (!json_is_object(r))
        return bad(c, "a release must be an object");
    const char *key, *title, *kind, *artist, *released, *tz;
    int64_t artist_id = 0, utc, id;
    int rc;
    if ((rc = check_keys(c, r, keys)) || (rc = field(c, r, "title", true, &title)) ||
        (rc = one_of(c, r, "kind", true, release_kinds, &kind)) ||
        (rc = field(c, r, "artist", true, &artist)) ||
        (rc = release_time(c, r, "released", "UTC", &released, &tz, &utc)) ||
        (rc = field(c, r, "key", false, &key)))
        return rc;
    push_key(c, "artist");
    if (!(rc = find_artist(c, artist, &artist_id)) && !artist_id)
        rc = bad(c, "unknown artist \"%s\" (list it in \"artists\")", artist);
    pop(c);
    if (rc)
        return rc;
    if (!key) {
        size_t n = strlen(artist) + strlen(title) + 2;
        char *k = kc__arena_alloc(c->arena, n);
        if (!k)
            return nomem(c);
        snprintf(k, n, "%s/%s", artist, title);
        key = k;
    }
    if ((rc = upsert_release(c, key, title, kind, artist_id, released, tz, utc, false,
                             &id)))
        return rc;
    json_t *tracks, *t;
    size_t i;
    if ((rc = array_of(c, r, "tracks", &tracks)))
        return rc;
    push_key(c, "tracks");
    json_array_foreach(tracks, i, t)
    {
        static const char *const tkeys[] = {"song", "role", "track", NULL};
        const char *song, *role;
        int64_t cs, track = 0; /* none unless given */
        push_index(c, i);
        if (!json_is_object(t))
            rc = bad(c, "a track must be an object {\"song\", \"role\", \"track\"}");
        if (!rc && !(rc = check_keys(c, t, tkeys)) &&
            !(rc = field(c, t, "song", true, &song)) &&
            !(rc = one_of(c, t, "role", false, roles, &role))) {
            json_t *n = json_object_get(t, "track");
            if (n) {
                push_key(c, "track");
                if (!json_is_integer(n) || json_integer_value(n) < 1 ||
                    json_integer_value(n) > 999)
                    rc = bad(c, "\"track\" must be a number from 1 to 999");
                else
                    track = json_integer_value(n);
                pop(c);
            }
            if (!rc) {
                push_key(c, "song");
                rc = catalog_song_of(c, song, &cs);
                pop(c);
            }
            if (!rc)
                rc = add_track(c, id, cs, track, role);
        }
        pop(c);
        if (rc)
            break;
    }
    pop(c);
    return rc;
}

static int import_video(cctx *c, json_t *v)
{
    static const char *const keys[] = {"id",       "song",      "channel",
                                       "released", "time_zone", NULL};
    if (!json_is_object(v))
        return bad(c, "a video must be an object");
    const char *id, *song, *channel, *released, *tz;
    int64_t cs, utc;
    int rc;
    if ((rc = check_keys(c, v, keys)) || (rc = field(c, v, "id", true, &id)) ||
        (rc = field(c, v, "song", true, &song)) ||
        (rc = field(c, v, "channel", false, &channel)) ||
        (rc = release_time(c, v, "released", "UTC", &released, &tz, &utc)))
        return rc;
    if (!provider_id_ok(id)) {
        push_key(c, "id");
        rc = bad(c, "a video id is <platform>:<id> (youtube:...), not \"%s\"", id);
        pop(c);
        return rc;
    }
    push_key(c, "song");
    rc = catalog_song_of(c, song, &cs);
    pop(c);
    if (rc)
        return rc;
    sqlite3_stmt *st = prep(
        c->db, "INSERT INTO video (id, catalog_song_id, channel, released, time_zone,"
               " released_utc) VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT (id) DO UPDATE SET"
               " catalog_song_id = ?2, channel = ?3, released = ?4, time_zone = ?5,"
               " released_utc = ?6 WHERE catalog_song_id IS NOT ?2 OR channel IS NOT ?3"
               " OR released IS NOT ?4 OR time_zone IS NOT ?5 OR released_utc IS NOT ?6");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, cs);
    sqlite3_bind_text(st, 3, channel, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, released, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, tz, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, utc);
    return step_done(c->db, st, "video");
}

/* Runs fn over each element of the array member key of root. */
static int each(cctx *c, json_t *root, const char *key, int (*fn)(cctx *, json_t *))
{
    json_t *list, *v;
    size_t i;
    int rc = array_of(c, root, key, &list);
    if (rc || !list)
        return rc;
    push_key(c, key);
    json_array_foreach(list, i, v)
    {
        push_index(c, i);
        rc = fn(c, v);
        pop(c);
        if (rc)
            break;
    }
    pop(c);
    return rc;
}

static int import_kchart(cctx *c, json_t *root)
{
    static const char *const keys[] = {"kchart",   "sources", "artists", "songs",
                                       "releases", "videos",  NULL};
    const char *version;
    int rc;
    if ((rc = check_keys(c, root, keys)) ||
        (rc = field(c, root, "kchart", true, &version)))
        return rc;
    if (strcmp(version, "catalog/1")) {
        push_key(c, "kchart");
        rc = bad(c, "this kchart reads \"catalog/1\", not \"%s\"", version);
        pop(c);
        return rc;
    }
    json_t *sources, *v;
    size_t i;
    if ((rc = array_of(c, root, "sources", &sources)))
        return rc;
    push_key(c, "sources");
    json_array_foreach(sources, i, v)
    {
        const char *s;
        push_index(c, i);
        rc = text_of(c, v, "a source", &s);
        pop(c);
        if (rc)
            break;
    }
    pop(c);
    if (rc || (rc = each(c, root, "artists", import_artist)) ||
        (rc = each(c, root, "artists", import_members)) ||
        (rc = each(c, root, "songs", import_song)) ||
        (rc = each(c, root, "releases", import_release)))
        return rc;
    return each(c, root, "videos", import_video);
}

/* ---- korea-blackpink/data.json ------------------------------------------- */

/* One song of a data.json album: its ids are "<platform>:<id>" (the Korean
 * adapter's provider ids); a catalog song holding one of them already is
 * this song, else it is new, keyed "<artist>/<json_id>". */
static int korean_song(cctx *c, json_t *s, const char *artist, int64_t artist_id,
                       int64_t release, size_t index)
{
    const char *title, *json_id;
    int rc;
    if (!json_is_object(s))
        return bad(c, "a song must be an object");
    if ((rc = field(c, s, "title", true, &title)) ||
        (rc = field(c, s, "json_id", false, &json_id)))
        return rc;
    json_t *ids = json_object_get(s, "song_id");
    if (!json_is_object(ids)) {
        push_key(c, "song_id");
        rc = bad(c, "\"song_id\" must be an object of platform: id");
        pop(c);
        return rc;
    }
    /* The ids as provider ids, in the arena. */
    const char *pids[16];
    size_t n = 0;
    const char *platform;
    json_t *v;
    push_key(c, "song_id");
    json_object_foreach(ids, platform, v)
    {
        char buf[96];
        push_key(c, platform);
        if (n == 16)
            rc = bad(c, "more than 16 platforms");
        else if (json_is_integer(v) && json_integer_value(v) >= 0)
            snprintf(buf, sizeof buf, "%s:%lld", platform,
                     (long long)json_integer_value(v));
        else if (json_is_string(v) && json_string_length(v) > 0 &&
                 json_string_length(v) < 64)
            snprintf(buf, sizeof buf, "%s:%s", platform, json_string_value(v));
        else
            rc = bad(c, "an id must be a number or a string");
        if (!rc && (strlen(platform) > 24 || !provider_id_ok(buf)))
            rc = bad(c, "\"%s\" does not make a provider id", platform);
        char *kept = rc ? NULL : kc__arena_alloc(c->arena, strlen(buf) + 1);
        if (!rc && !kept)
            rc = nomem(c);
        if (!rc) {
            memcpy(kept, buf, strlen(buf) + 1);
            pids[n++] = kept;
        }
        pop(c);
        if (rc)
            break;
    }
    pop(c);
    if (rc)
        return rc;
    int64_t cs = 0;
    sqlite3_stmt *st = prep(c->db, "SELECT catalog_song_id FROM catalog_song_id"
                                   " WHERE kind = 'provider' AND value = ?");
    if (!st)
        return KC_ESTORE;
    for (size_t i = 0; i < n && !cs && !rc; i++) {
        sqlite3_bind_text(st, 1, pids[i], -1, SQLITE_STATIC);
        rc = step_id(c->db, st, &cs, "song id");
    }
    if (rc)
        return rc;
    if (!cs) {
        const char *handle = json_id ? json_id : title;
        size_t kn = strlen(artist) + strlen(handle) + 2;
        char *key = kc__arena_alloc(c->arena, kn);
        if (!key)
            return nomem(c);
        snprintf(key, kn, "%s/%s", artist, handle);
        if ((rc = upsert_song(c, key, title, artist, true, &cs)) ||
            (rc = add_credit(c, cs, artist_id, "lead", 0)))
            return rc;
    }
    push_key(c, "song_id");
    for (size_t i = 0; i < n && !rc; i++)
        rc = add_song_id(c, cs, "provider", pids[i]);
    pop(c);
    return rc ? rc : add_track(c, release, cs, (int64_t)index + 1, NULL);
}

static int korean_album(cctx *c, json_t *a)
{
    const char *title, *artist, *date, *id;
    int64_t artist_id, release, utc;
    int rc;
    if (!json_is_object(a))
        return bad(c, "an album must be an object");
    if ((rc = field(c, a, "album", true, &title)) ||
        (rc = field(c, a, "artist", true, &artist)) ||
        (rc = field(c, a, "id", false, &id)))
        return rc;
    /* Dates of the Korean services are Korea's (KST); no time is given, so
     * the release counts from midnight KST of that day. */
    const char *tz = "Asia/Seoul";
    char offset[8];
    if ((rc = field(c, a, "release_date", true, &date)))
        return rc;
    if (strlen(date) != 10 || !parse_instant(date, tz, &utc, offset)) {
        push_key(c, "release_date");
        rc = bad(c, "\"release_date\" must be a date YYYY-MM-DD, not \"%s\"", date);
        pop(c);
        return rc;
    }
    push_key(c, "artist");
    rc = find_artist(c, artist, &artist_id);
    pop(c);
    if (rc || (!artist_id && (rc = upsert_artist(c, artist, NULL, NULL, &artist_id))))
        return rc;
    json_t *songs, *s;
    size_t i;
    if ((rc = array_of(c, a, "songs", &songs)))
        return rc;
    if (!songs || json_array_size(songs) == 0)
        return bad(c, "an album needs \"songs\"");
    const char *handle = id ? id : title;
    size_t kn = strlen(artist) + strlen(handle) + 2;
    char *key = kc__arena_alloc(c->arena, kn);
    if (!key)
        return nomem(c);
    snprintf(key, kn, "%s/%s", artist, handle);
    /* The file does not say what kind a release is: one song is a single,
     * more an album, unless the store knows better. */
    if ((rc = upsert_release(c, key, title,
                             json_array_size(songs) == 1 ? "single" : "album", artist_id,
                             date, tz, utc, true, &release)))
        return rc;
    push_key(c, "songs");
    json_array_foreach(songs, i, s)
    {
        push_index(c, i);
        rc = korean_song(c, s, artist, artist_id, release, i);
        pop(c);
        if (rc)
            break;
    }
    pop(c);
    return rc;
}

static int import_korean(cctx *c, json_t *root)
{
    c->korean = true;
    return each(c, root, "data", korean_album);
}

/* ---- binding to song entities ------------------------------------------ */

/* The song holding key (the lowest id when several do), or 0. */
static int song_of_key(kc_db *db, const char *key, int64_t *song)
{
    sqlite3_stmt *st = kc__stmt(db, "SELECT min(song_id) FROM song_key WHERE key = ?");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    return step_id(db, st, song, "song key");
}

static int add_key(kc_db *db, const char *key, int64_t song)
{
    sqlite3_stmt *st =
        kc__stmt(db, "INSERT OR IGNORE INTO song_key (key, song_id) VALUES (?,?)");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, song);
    return step_done(db, st, "song key");
}

/* "t:<title>|<credit>" as runs.c forms it (owned), or NULL: no memory. */
char *kc__title_key(const char *title, const char *credit)
{
    char *mt = kc__match_title(title), *mc = kc__match_credit(credit);
    if (mt && !*mt && *title) {
        /* As runs.c: a title of symbols only is matched as written. */
        free(mt);
        mt = kc__strdup(title);
    }
    size_t n = mt && mc ? strlen(mt) + strlen(mc) + 4 : 0;
    char *key = n ? kc__malloc(n) : NULL;
    if (key)
        snprintf(key, n, "t:%s|%s", mt, mc);
    free(mt);
    free(mc);
    return key;
}

int kc__song_bind(kc_db *db, const char *title, const char *credit,
                  const char *const *ids, size_t nids, const char *const *alt_credits,
                  size_t nalt, int64_t *song)
{
    int rc = KC_OK;
    int64_t found = 0;
    if (*song) { /* still there? */
        sqlite3_stmt *st = kc__stmt(db, "SELECT id FROM song WHERE id = ?");
        if (!st)
            return KC_ESTORE;
        sqlite3_bind_int64(st, 1, *song);
        if ((rc = step_id(db, st, &found, "song")))
            return rc;
    }
    char *tkey = kc__title_key(title, credit);
    if (!tkey)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    char key[TEXT_MAX + 8];
    for (size_t i = 0; !rc && !found && i < nids; i++) {
        snprintf(key, sizeof key, "id:%s", ids[i]);
        rc = song_of_key(db, key, &found);
    }
    if (!rc && !found)
        rc = song_of_key(db, tkey, &found);
    for (size_t i = 0; !rc && !found && i < nalt; i++) {
        char *alt = kc__title_key(title, alt_credits[i]);
        rc =
            alt ? song_of_key(db, alt, &found) : kc__fail(db, KC_ENOMEM, "out of memory");
        free(alt);
    }
    if (!rc && !found) {
        sqlite3_stmt *st =
            kc__stmt(db, "INSERT INTO song (title, artist, match) VALUES (?,?,?)");
        if (!st)
            rc = KC_ESTORE;
        else {
            sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, credit, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, tkey + 2, -1, SQLITE_STATIC);
            if (!(rc = step_done(db, st, "new song")))
                found = sqlite3_last_insert_rowid(kc__sql(db));
        }
    }
    /* The entity holds the catalog's ids and spelling from now on: a chart
     * row carrying any of them is this song. */
    for (size_t i = 0; !rc && i < nids; i++) {
        snprintf(key, sizeof key, "id:%s", ids[i]);
        rc = add_key(db, key, found);
    }
    if (!rc)
        rc = add_key(db, tkey, found);
    free(tkey);
    if (!rc)
        *song = found;
    return rc;
}

/* Binds every catalog song to its entity (those bound stay, and gain any
 * new keys). Inside the caller's transaction. */
int kc__catalog_bind(kc_db *db)
{
    kc__cache_drop(db); /* song keys change under runs.c's cache */
    sqlite3_stmt *q = kc__prepare(db, "SELECT id, title, credit, coalesce(song_id, 0)"
                                      " FROM catalog_song ORDER BY id");
    sqlite3_stmt *qids =
        kc__prepare(db, "SELECT value FROM catalog_song_id"
                        " WHERE catalog_song_id = ? AND kind = 'provider'"
                        " ORDER BY value");
    /* Other spellings of a credit with one lead and no one featured: each of
     * the lead's aliases ("Jung Kook", "정국" for "Jungkook"). */
    sqlite3_stmt *qalt = kc__prepare(
        db, "SELECT a.alias FROM song_credit sc JOIN artist_alias a"
            " ON a.artist_id = sc.artist_id WHERE sc.catalog_song_id = ?1 AND"
            " (SELECT count(*) FROM song_credit x WHERE x.catalog_song_id = ?1) = 1"
            " ORDER BY a.alias");
    sqlite3_stmt *upd =
        kc__prepare(db, "UPDATE catalog_song SET song_id = ?2 WHERE id = ?1"
                        " AND song_id IS NOT ?2");
    int rc = q && qids && qalt && upd ? KC_OK : KC_ESTORE, step = SQLITE_DONE;
    char *ids[64], *alts[16];
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t cs = sqlite3_column_int64(q, 0), song = sqlite3_column_int64(q, 3);
        size_t n = 0, na = 0;
        int s2;
        sqlite3_bind_int64(qids, 1, cs);
        while (!rc && n < 64 && (s2 = sqlite3_step(qids)) == SQLITE_ROW) {
            const char *v = (const char *)sqlite3_column_text(qids, 0);
            if (!v || !(ids[n++] = kc__strdup(v)))
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
        }
        if (!rc && n < 64 && s2 != SQLITE_DONE)
            rc = kc__sqlfail(db, "song ids");
        sqlite3_reset(qids);
        sqlite3_bind_int64(qalt, 1, cs);
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
            sqlite3_bind_int64(upd, 1, cs);
            sqlite3_bind_int64(upd, 2, song);
            rc = step_done(db, upd, "bind song");
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

int kc__song_released(kc_db *db, int64_t song_id, int64_t *utc)
{
    sqlite3_stmt *st =
        kc__stmt(db, "SELECT min(r.released_utc) FROM catalog_song c"
                     " JOIN release_song rs ON rs.catalog_song_id = c.id"
                     " JOIN release r ON r.id = rs.release_id WHERE c.song_id = ?");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_int64(st, 1, song_id);
    int step = sqlite3_step(st), rc = KC_OK;
    if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        *utc = sqlite3_column_int64(st, 0);
    else if (step == SQLITE_ROW || step == SQLITE_DONE)
        rc = kc__fail(db, KC_ENOTFOUND, "song %lld has no release in the catalog",
                      (long long)song_id);
    else
        rc = kc__sqlfail(db, "release");
    sqlite3_reset(st);
    return rc;
}

/* ---- import and export --------------------------------------------------- */

static int import_body(kc_db *db, const char *path, const char *buf, size_t len,
                       kc_catalog_stats *stats)
{
    json_error_t jerr;
    json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
    if (kc__json_nomem()) {
        json_decref(root);
        return kc__fail(db, KC_ENOMEM, "out of memory");
    }
    if (!root)
        return kc__fail(db, KC_EINPUT, "%s:%d:%d: %s", path, jerr.line,
                        jerr.column < 1 ? 1 : jerr.column, jerr.text);
    cctx c = {.db = db, .path = path, .text = buf, .len = len, .arena = kc__arena_new()};
    int rc = c.arena ? KC_OK : nomem(&c);
    int before = sqlite3_total_changes(kc__sql(db));
    if (!rc && json_is_object(root) && json_object_get(root, "kchart"))
        rc = import_kchart(&c, root);
    else if (!rc && json_is_object(root) && json_is_array(json_object_get(root, "data")))
        rc = import_korean(&c, root);
    else if (!rc)
        rc = bad(&c, "not a catalog: expected an object with \"kchart\": \"catalog/1\" "
                     "(docs/catalog.md) or the \"data\" array of a data.json of albums");
    if (!rc)
        rc = kc__catalog_bind(db);
    if (!rc && stats) {
        stats->files++;
        stats->changes += (size_t)(sqlite3_total_changes(kc__sql(db)) - before);
    }
    kc__arena_free(c.arena);
    json_decref(root);
    return rc;
}

int kc_catalog_import(kc_db *db, const char *path, kc_catalog_stats *stats)
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
    rc = import_body(db, path, buf, len, &st);
    /* Bound songs may now carry release dates: milestones' days follow at
     * query time, nothing derived to redo here. Out of memory, SQLite may
     * have rolled the transaction back itself: then nothing is committed. */
    if (!rc && sqlite3_get_autocommit(kc__sql(db)))
        rc = kc__fail(db, KC_ESTORE, "store: the transaction ended early");
    if (!rc)
        rc = kc__commit(db);
    if (rc)
        kc__rollback(db);
    else if (stats) {
        stats->files += st.files;
        stats->changes += st.changes;
    }
    free(buf);
    return rc;
}

/* Appends to arr an object made by the row of st (columns named as keys;
 * NULL columns left out). */
static int row_object(sqlite3_stmt *st, int from, json_t **out)
{
    json_t *o = json_object();
    if (!o)
        return -1;
    for (int i = from; i < sqlite3_column_count(st); i++) {
        json_t *v = NULL;
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_NULL:
            continue;
        case SQLITE_INTEGER:
            v = json_integer(sqlite3_column_int64(st, i));
            break;
        default:
            v = json_string(
                (const char *)sqlite3_column_text(st, i)); /* NULL: no memory */
        }
        if (json_object_set_new(o, sqlite3_column_name(st, i), v)) {
            json_decref(o);
            return -1;
        }
    }
    *out = o;
    return 0;
}

/* The strings of column 0 of a query on one id, as a JSON array. */
static json_t *strings(kc_db *db, const char *sql, int64_t id)
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    json_t *arr = st ? json_array() : NULL;
    int step = SQLITE_DONE;
    if (arr) {
        sqlite3_bind_int64(st, 1, id);
        while ((step = sqlite3_step(st)) == SQLITE_ROW)
            if (json_array_append_new(
                    arr, json_string((const char *)sqlite3_column_text(st, 0)))) {
                step = SQLITE_NOMEM;
                break;
            }
    }
    if (step != SQLITE_DONE) {
        json_decref(arr);
        arr = NULL;
    }
    sqlite3_finalize(st);
    return arr;
}

/* Rows of sql as objects (column 0 an id for the nested lists of add). */
static json_t *objects(kc_db *db, const char *sql, int64_t id, bool bind,
                       int (*add)(kc_db *, int64_t, json_t *))
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    json_t *arr = st ? json_array() : NULL;
    int step = SQLITE_DONE;
    if (arr && bind)
        sqlite3_bind_int64(st, 1, id);
    while (arr && (step = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o;
        if (row_object(st, add ? 1 : 0, &o) || json_array_append_new(arr, o) ||
            (add && add(db, sqlite3_column_int64(st, 0), o))) {
            step = SQLITE_NOMEM;
            break;
        }
    }
    if (step != SQLITE_DONE) {
        json_decref(arr);
        arr = NULL;
    }
    sqlite3_finalize(st);
    return arr;
}

static int set_nonempty(json_t *o, const char *key, json_t *v)
{
    if (!v)
        return -1;
    if (json_array_size(v) == 0 && json_is_array(v)) {
        json_decref(v);
        return 0;
    }
    if (json_is_object(v) && json_object_size(v) == 0) {
        json_decref(v);
        return 0;
    }
    return json_object_set_new(o, key, v);
}

static int artist_parts(kc_db *db, int64_t id, json_t *o)
{
    json_t *accounts = json_object();
    sqlite3_stmt *st = kc__prepare(db, "SELECT platform, handle, date(joined * 86400,"
                                       " 'unixepoch') AS joined FROM artist_account"
                                       " WHERE artist_id = ? ORDER BY platform");
    if (!accounts || !st) {
        json_decref(accounts);
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_bind_int64(st, 1, id);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *a;
        const char *platform = (const char *)sqlite3_column_text(st, 0);
        rc = !platform || row_object(st, 1, &a) ||
             json_object_set_new(accounts, platform, a);
    }
    if (!rc && step != SQLITE_DONE)
        rc = 1;
    sqlite3_finalize(st);
    if (rc) {
        json_decref(accounts);
        return -1;
    }
    if (set_nonempty(o, "aliases",
                     strings(db,
                             "SELECT alias FROM artist_alias WHERE artist_id = ?"
                             " ORDER BY alias",
                             id)) ||
        set_nonempty(o, "members",
                     objects(db,
                             "SELECT a.name AS artist, m.since AS since, m.until AS"
                             " until FROM artist_member m JOIN artist a ON a.id ="
                             " m.member_id WHERE m.group_id = ? ORDER BY m.since, a.name",
                             id, true, NULL))) {
        json_decref(accounts); /* not handed to o yet */
        return -1;
    }
    return set_nonempty(o, "accounts", accounts);
}

static int song_parts(kc_db *db, int64_t id, json_t *o)
{
    return set_nonempty(o, "lead",
                        strings(db,
                                "SELECT a.name FROM song_credit c JOIN artist a ON"
                                " a.id = c.artist_id WHERE c.catalog_song_id = ? AND"
                                " c.credit = 'lead' ORDER BY c.pos",
                                id)) ||
           set_nonempty(o, "featured",
                        strings(db,
                                "SELECT a.name FROM song_credit c JOIN artist a ON"
                                " a.id = c.artist_id WHERE c.catalog_song_id = ? AND"
                                " c.credit = 'featured' ORDER BY c.pos",
                                id)) ||
           set_nonempty(o, "ids",
                        strings(db,
                                "SELECT value FROM catalog_song_id WHERE"
                                " catalog_song_id = ? AND kind = 'provider'"
                                " ORDER BY value",
                                id)) ||
           set_nonempty(o, "isrc",
                        strings(db,
                                "SELECT value FROM catalog_song_id WHERE"
                                " catalog_song_id = ? AND kind = 'isrc' ORDER BY value",
                                id));
}

static int release_parts(kc_db *db, int64_t id, json_t *o)
{
    return set_nonempty(o, "tracks",
                        objects(db,
                                "SELECT s.key AS song, rs.role AS role, rs.track AS track"
                                " FROM release_song rs JOIN catalog_song s ON s.id ="
                                " rs.catalog_song_id WHERE rs.release_id = ?"
                                " ORDER BY rs.track, s.key",
                                id, true, NULL));
}

int kc_catalog_export(kc_db *db, char **out)
{
    *out = NULL;
    kc__json_nomem(); /* from here on: did any of jansson's allocations fail? */
    json_t *root = json_object();
    int bad_ =
        !root || json_object_set_new(root, "kchart", json_string("catalog/1")) ||
        set_nonempty(root, "artists",
                     objects(db,
                             "SELECT id, name, kind, market FROM artist"
                             " ORDER BY name",
                             0, false, artist_parts)) ||
        set_nonempty(root, "songs",
                     objects(db, "SELECT id, key, title FROM catalog_song ORDER BY key",
                             0, false, song_parts)) ||
        set_nonempty(root, "releases",
                     objects(db,
                             "SELECT r.id, r.key, r.title, r.kind, a.name AS artist,"
                             " r.released, r.time_zone FROM release r"
                             " LEFT JOIN artist a ON a.id = r.artist_id"
                             " ORDER BY r.released_utc, r.key",
                             0, false, release_parts)) ||
        set_nonempty(root, "videos",
                     objects(db,
                             "SELECT v.id, s.key AS song, v.channel, v.released,"
                             " v.time_zone FROM video v JOIN catalog_song s"
                             " ON s.id = v.catalog_song_id ORDER BY v.released_utc,"
                             " v.id",
                             0, false, NULL));
    if (!bad_)
        *out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    /* jansson may go on past a failed allocation of its own and write a
     * text with something missing: trust none of it then. */
    if (kc__json_nomem()) {
        free(*out);
        *out = NULL;
    }
    if (!*out)
        return kc__fail(db, KC_ENOMEM,
                        "out of memory (or a store error) while exporting");
    return KC_OK;
}
