/*
 * series.c: values over time: cumulative totals per song and source
 * (Spotify streams, YouTube views), followers per artist and platform, and
 * daily values.
 *
 * Two inputs: the generic CSV (source,date,subject,value with an optional
 * kind column, total or daily; docs/series.md), and kworb-style JSON
 * snapshots of an artist's totals, whose date is the snapshot's
 * spotify_data_date (the data date, which lags the day the page was made),
 * never the file's name. A subject names a song (a provider id, or
 * "Title|Credit") or an artist (name or alias) and must be known, unless the
 * caller asks to create it; otherwise the error names the nearest known
 * ones. Values are observations: stored once, the same value again is
 * unchanged, a different one refused. Each import is one transaction and
 * brings the milestones of the series it touched up to date. Not a place
 * for sums: a total is what the provider said, daily values are kept beside
 * it and never added up into one.
 */
#define _DEFAULT_SOURCE /* DT_DIR */
#include "ingest/ingest.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <sql/ingest_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    kc_db *db;
    const kc_series_opts *o;
    kc_series_stats *stats;
    kc__map *subjects; /* source kind \x1f subject text -> subject id */
    kc__map *touched;  /* subject id -> 1: it got a new total */
    const char *path;  /* the file being read */
    const char *file;  /* its base name, stored with each value */
} sctx;

/* ---- subjects ---------------------------------------------------------- */

/* The canonical name of the artist named or aliased name, into out; false
 * when there is none (or more than one). */
static int artist_named(kc_db *db, const char *name, int64_t *id, char *out,
                        size_t outlen)
{
    *id = 0;
    char *m = kc__match_title(name);
    if (!m)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    sqlite3_stmt *st = kc__prepare(db, kc__sql_series_artist_named);
    int rc = st ? KC_OK : KC_ESTORE, n = 0, step = SQLITE_DONE;
    if (st) {
        kc__bind_text(st, ":name", name);
        kc__bind_text(st, ":match", m);
        while ((step = sqlite3_step(st)) == SQLITE_ROW)
            if (n++ == 0) {
                *id = sqlite3_column_int64(st, 0);
                snprintf(out, outlen, "%s", (const char *)sqlite3_column_text(st, 1));
            }
        if (step != SQLITE_DONE)
            rc = kc__sqlfail(db, "artist");
    }
    sqlite3_finalize(st);
    free(m);
    if (n > 1)
        *id = 0;
    return rc;
}

/* The song of a catalog song credited to the artist named credit (name or
 * alias) whose title matches title: "Starboy" by The Weeknd is the
 * catalog's "Starboy" (The Weeknd feat. Daft Punk). 0 when none, or when
 * more than one song matches. */
static int catalog_title(kc_db *db, const char *title, const char *credit, int64_t *song)
{
    char name[KC_SUBJECT_MAX + 1];
    int64_t artist;
    *song = 0;
    int rc = artist_named(db, credit, &artist, name, sizeof name);
    if (rc || !artist)
        return rc;
    char *want = kc__match_title(title);
    if (!want)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    sqlite3_stmt *st = kc__prepare(db, kc__sql_series_artist_songs);
    int n = 0, step = SQLITE_DONE;
    if (!st)
        rc = KC_ESTORE;
    else {
        kc__bind_int64(st, ":artist", artist);
        while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
            char *m = kc__match_title((const char *)sqlite3_column_text(st, 1));
            if (!m)
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
            else if (!strcmp(m, want) && sqlite3_column_int64(st, 0) != *song) {
                *song = sqlite3_column_int64(st, 0);
                n++;
            }
            free(m);
        }
        if (!rc && step != SQLITE_DONE)
            rc = kc__sqlfail(db, "catalog songs");
    }
    sqlite3_finalize(st);
    free(want);
    if (n > 1)
        *song = 0;
    return rc;
}

/* The song of a title and credit: by its title key, the credit also as an
 * artist's name for one of its aliases (credit then becomes that name),
 * else a catalog song of that title by that artist. The last key looked up
 * into key when given (a subject's ref). *song 0 when none. */
static int song_by_title(kc_db *db, const char *t, char *cr, size_t crlen, char *key,
                         size_t keylen, int64_t *song)
{
    char name[KC_SUBJECT_MAX + 1];
    *song = 0;
    char *tk = kc__title_key(t, cr);
    if (!tk)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    int rc = kc__song_of_key(db, tk, song);
    if (!rc && !*song) {
        int64_t artist;
        if (!(rc = artist_named(db, cr, &artist, name, sizeof name)) && artist &&
            strcmp(name, cr)) {
            free(tk);
            if (!(tk = kc__title_key(t, name)))
                return kc__fail(db, KC_ENOMEM, "out of memory");
            if (!(rc = kc__song_of_key(db, tk, song)) && *song)
                snprintf(cr, crlen, "%s", name);
        }
    }
    if (key)
        snprintf(key, keylen, "%s", tk);
    free(tk);
    if (!rc && !*song)
        rc = catalog_title(db, t, cr, song);
    return rc;
}

/* The subject row of ref, made when new (title and credit kept to find or
 * make its song entity again after a rebuild). */
static int subject_row(sctx *c, const char *kind, const char *ref, const char *title,
                       const char *credit, int64_t artist, int64_t *id)
{
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_series_subject_find);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":ref", ref);
    int step = sqlite3_step(st);
    *id = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return kc__sqlfail(c->db, "subject");
    if (*id)
        return KC_OK;
    st = kc__stmt(c->db, kc__sql_series_subject_put);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":kind", kind);
    kc__bind_text(st, ":ref", ref);
    kc__bind_text(st, ":title", title);
    kc__bind_text(st, ":credit", credit);
    if (artist)
        kc__bind_int64(st, ":artist", artist);
    else
        kc__bind_null(st, ":artist");
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(c->db, "subject");
    sqlite3_reset(st);
    if (!rc)
        *id = sqlite3_last_insert_rowid(kc__sql(c->db));
    return rc;
}

/* Binds a song subject to its entity (made if need be). */
static int bind_subject(kc_db *db, int64_t id, const char *ref, const char *title,
                        const char *credit, int64_t song)
{
    const char *pid = !strncmp(ref, "id:", 3) ? ref + 3 : NULL;
    int rc = kc__song_bind(db, title, credit, &pid, pid ? 1 : 0, NULL, 0, &song);
    if (rc)
        return rc;
    sqlite3_stmt *st = kc__stmt(db, kc__sql_series_subject_bind);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":id", id);
    kc__bind_int64(st, ":song", song);
    rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "subject");
    sqlite3_reset(st);
    return rc;
}

int kc__series_bind(kc_db *db)
{
    sqlite3_stmt *q = kc__prepare(db, kc__sql_series_song_subjects);
    if (!q)
        return KC_ESTORE;
    int rc = KC_OK, step;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        const char *r = (const char *)sqlite3_column_text(q, 1); /* NULL: no memory */
        const char *ti = (const char *)sqlite3_column_text(q, 2);
        const char *cr = (const char *)sqlite3_column_text(q, 3);
        char *ref = r ? kc__strdup(r) : NULL;
        char *title = ti ? kc__strdup(ti) : NULL;
        char *credit = cr ? kc__strdup(cr) : NULL;
        if (!ref || !title || !credit)
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        else
            rc = bind_subject(db, sqlite3_column_int64(q, 0), ref, title, credit, 0);
        free(ref);
        free(title);
        free(credit);
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "subjects");
    sqlite3_finalize(q);
    return rc;
}

/* The subject named text for a source of subject kind skind ("song" or
 * "artist"): a song is a provider id or "Title|Credit" (title and credit
 * given, for kworb rows, with pid the provider id); an artist a name or
 * alias. Unknown: an error at line:col with near matches, or, with
 * create, made. */
static int resolve(sctx *c, const char *skind, const char *text, const char *pid,
                   const char *title, const char *credit, int line, int col, int64_t *id)
{
    char cache_key[KC_SUBJECT_MAX + 16];
    int ck = snprintf(cache_key, sizeof cache_key, "%s\x1f%s\x1f%s", skind, text,
                      pid ? pid : "");
    if (ck < 0 || (size_t)ck >= sizeof cache_key)
        return kc__fail(c->db, KC_EINPUT, "%s:%d:%d: subject longer than %d bytes",
                        c->path, line, col, KC_SUBJECT_MAX);
    bool created;
    void **slot = kc__map_get(c->subjects, cache_key, (size_t)ck, true, &created);
    if (!slot)
        return kc__fail(c->db, KC_ENOMEM, "out of memory");
    if (!created) {
        *id = (int64_t)(intptr_t)*slot;
        return KC_OK;
    }
    int rc = KC_OK;
    char name[KC_SUBJECT_MAX + 1], ref[KC_SUBJECT_MAX + 16], hint[700];
    if (!strcmp(skind, "artist")) {
        int64_t artist;
        if ((rc = artist_named(c->db, text, &artist, name, sizeof name)))
            return rc;
        if (!artist && !c->o->create) {
            kc__suggest_name(c->db, true, text, hint, sizeof hint);
            return kc__fail(c->db, KC_EINPUT,
                            "%s:%d:%d: unknown artist \"%s\"%s (--create makes it)",
                            c->path, line, col, text, hint);
        }
        if (!artist) {
            if ((rc = kc__artist_create(c->db, text, &artist)))
                return rc;
            snprintf(name, sizeof name, "%s", text);
            c->stats->created++;
        }
        snprintf(ref, sizeof ref, "artist:%s", name);
        rc = subject_row(c, "artist", ref, name, "", artist, id);
    } else {
        /* A song: by provider id first, then by title and credit (the
         * credit also as an artist's alias). */
        char t[KC_SUBJECT_MAX + 1], cr[KC_SUBJECT_MAX + 1];
        int64_t song = 0;
        const char *bar = pid ? NULL : strchr(text, '|');
        if (pid) {
            snprintf(ref, sizeof ref, "id:%s", pid);
            snprintf(t, sizeof t, "%s", title);
            snprintf(cr, sizeof cr, "%s", credit);
        } else if (bar) {
            snprintf(t, sizeof t, "%.*s", (int)(bar - text), text);
            snprintf(cr, sizeof cr, "%s", bar + 1);
            ref[0] = '\0';
        } else if (strchr(text, ':') && !strchr(text, ' ')) {
            snprintf(ref, sizeof ref, "id:%s", text);
            t[0] = cr[0] = '\0';
        } else {
            return kc__fail(c->db, KC_EINPUT,
                            "%s:%d:%d: a song is a provider id (spotify:track:...) or "
                            "Title|Credit, not \"%s\"",
                            c->path, line, col, text);
        }
        if (ref[0] && (rc = kc__song_of_key(c->db, ref, &song)))
            return rc;
        if (!song && t[0] &&
            (rc = song_by_title(c->db, t, cr, sizeof cr, ref[0] ? NULL : ref, sizeof ref,
                                &song)))
            return rc;
        if (!song && (!c->o->create || !t[0])) {
            kc__suggest_name(c->db, false, t[0] ? t : text, hint, sizeof hint);
            return kc__fail(c->db, KC_EINPUT, "%s:%d:%d: unknown song \"%s\"%s%s",
                            c->path, line, col, text, hint,
                            t[0] ? " (--create makes it)"
                                 : " (a new song needs Title|Credit)");
        }
        if (song) { /* kept with the title and credit of the song found,
                     * which find it again after a rebuild */
            sqlite3_stmt *st = kc__stmt(c->db, kc__sql_series_song);
            if (!st)
                return KC_ESTORE;
            kc__bind_int64(st, ":song", song);
            int step = sqlite3_step(st);
            if (step != SQLITE_ROW) {
                rc = kc__sqlfail(c->db, "song");
                sqlite3_reset(st);
                return rc;
            }
            const char *st_title = (const char *)sqlite3_column_text(st, 0);
            const char *st_credit = (const char *)sqlite3_column_text(st, 1);
            if (st_title && st_credit) {
                snprintf(t, sizeof t, "%s", st_title);
                snprintf(cr, sizeof cr, "%s", st_credit);
            } else {
                rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
            }
            sqlite3_reset(st);
            if (rc)
                return rc;
        }
        if (!song)
            c->stats->created++;
        if (!(rc = subject_row(c, "song", ref, t, cr, 0, id)))
            rc = bind_subject(c->db, *id, ref, t, cr, song);
    }
    if (!rc)
        *slot = (void *)(intptr_t)*id;
    return rc;
}

/* ---- values ------------------------------------------------------------ */

/* The subject kind ("song", "artist") of a source, into out; 0 when the
 * source is unknown. */
static int source_subject(sctx *c, const char *source, char *out, size_t outlen)
{
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_series_source_subject);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":source", source);
    int step = sqlite3_step(st);
    out[0] = '\0';
    if (step == SQLITE_ROW)
        snprintf(out, outlen, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? KC_OK
                                                     : kc__sqlfail(c->db, "source");
}

static int unknown_source(sctx *c, const char *source, int line, int col)
{
    char list[512] = "";
    sqlite3_stmt *st = kc__prepare(c->db, kc__sql_series_sources);
    size_t o = 0;
    while (st && sqlite3_step(st) == SQLITE_ROW && o < sizeof list - 64)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", o ? ", " : "",
                              (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return kc__fail(c->db, KC_EINPUT, "%s:%d:%d: unknown source \"%s\" (one of %s)",
                    c->path, line, col, source, list);
}

/* Stores one value; the same value again is unchanged, another refused. */
static int put_value(sctx *c, int64_t subject, const char *source, const char *kind,
                     int64_t day, int64_t value, int line, int col, const char *shown)
{
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_series_point_find);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":subject", subject);
    kc__bind_text(st, ":source", source);
    kc__bind_text(st, ":kind", kind);
    kc__bind_int64(st, ":day", day);
    int step = sqlite3_step(st), rc = KC_OK;
    if (step == SQLITE_ROW) {
        int64_t was = sqlite3_column_int64(st, 0);
        if (was == value)
            c->stats->unchanged++;
        else {
            char date[16];
            kc__format_date(day, date);
            rc = kc__fail(c->db, KC_ECONFLICT,
                          "%s:%d:%d: %s %s %s of %s is already stored as %lld (from %s), "
                          "not %lld",
                          c->path, line, col, source, kind, date, shown, (long long)was,
                          (const char *)sqlite3_column_text(st, 1), (long long)value);
        }
    } else if (step != SQLITE_DONE) {
        rc = kc__sqlfail(c->db, "value");
    }
    sqlite3_reset(st);
    if (rc || step == SQLITE_ROW)
        return rc;
    st = kc__stmt(c->db, kc__sql_series_point_put);
    if (!st)
        return KC_ESTORE;
    kc__bind_int64(st, ":subject", subject);
    kc__bind_text(st, ":source", source);
    kc__bind_text(st, ":kind", kind);
    kc__bind_int64(st, ":day", day);
    kc__bind_int64(st, ":value", value);
    kc__bind_text(st, ":file", c->file);
    rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(c->db, "value");
    sqlite3_reset(st);
    if (rc)
        return rc;
    c->stats->points++;
    if (strcmp(kind, "total"))
        return KC_OK;
    void **slot = kc__map_get(c->touched, &subject, sizeof subject, true, NULL);
    if (!slot)
        return kc__fail(c->db, KC_ENOMEM, "out of memory");
    *slot = (void *)1;
    return KC_OK;
}

/* ---- the CSV ----------------------------------------------------------- */

enum { C_SOURCE, C_DATE, C_SUBJECT, C_VALUE, C_KIND, NCOLS };

static int read_csv(sctx *c, const char *buf, size_t len)
{
    static const char *const names[NCOLS] = {"source", "date", "subject", "value",
                                             "kind"};
    kc__csv r;
    char err[KC_ERRMSG_MAX];
    int where[NCOLS], rc = KC_OK, got;
    kc__csv_init(&r, c->path, buf, len);
    if ((got = kc__csv_next(&r, err, sizeof err)) <= 0) {
        rc = got < 0 ? kc__fail(c->db, r.nomem ? KC_ENOMEM : KC_EINPUT, "%s", err)
                     : kc__fail(c->db, KC_EINPUT, "%s:1:1: empty file", c->path);
        goto done;
    }
    for (int k = 0; k < NCOLS; k++)
        where[k] = -1;
    for (size_t i = 0; i < r.nfields; i++) {
        const char *f = kc__csv_field(&r, i);
        int k = 0;
        while (k < NCOLS && strcmp(f, names[k]))
            k++;
        if (k == NCOLS || where[k] >= 0) {
            rc = kc__fail(c->db, KC_EINPUT,
                          k == NCOLS ? "%s:%d:%d: unknown column \"%s\" (source, date, "
                                       "subject, value and kind)"
                                     : "%s:%d:%d: column \"%s\" twice",
                          c->path, (int)r.rec_line, (int)r.col[i], f);
            goto done;
        }
        where[k] = (int)i;
    }
    for (int k = 0; k < C_KIND; k++)
        if (where[k] < 0) {
            rc = kc__fail(c->db, KC_EINPUT,
                          "%s:%d:1: missing column \"%s\" (the header is "
                          "source,date,subject,value[,kind])",
                          c->path, (int)r.rec_line, names[k]);
            goto done;
        }
    size_t rows = 0;
    while (!rc && (got = kc__csv_next(&r, err, sizeof err)) > 0) {
        if (r.nfields != (size_t)(where[C_KIND] >= 0 ? 5 : 4)) {
            rc = kc__fail(c->db, KC_EINPUT, "%s:%d:1: %zu fields, expected %d", c->path,
                          (int)r.rec_line, r.nfields, where[C_KIND] >= 0 ? 5 : 4);
            break;
        }
        rows++;
        const char *source = kc__csv_field(&r, (size_t)where[C_SOURCE]);
        const char *date = kc__csv_field(&r, (size_t)where[C_DATE]);
        const char *subject = kc__csv_field(&r, (size_t)where[C_SUBJECT]);
        const char *value = kc__csv_field(&r, (size_t)where[C_VALUE]);
        const char *kind =
            where[C_KIND] >= 0 ? kc__csv_field(&r, (size_t)where[C_KIND]) : "";
        int line = (int)r.rec_line;
#define COL(k) ((int)r.col[where[k]])
        char skind[16];
        int64_t day, id;
        uint64_t v;
        if ((rc = source_subject(c, source, skind, sizeof skind)))
            break;
        if (!skind[0]) {
            rc = unknown_source(c, source, line, COL(C_SOURCE));
        } else if (strlen(date) != 10 || !kc__parse_date(date, 10, &day)) {
            rc = kc__fail(c->db, KC_EINPUT, "%s:%d:%d: date \"%s\" is not YYYY-MM-DD",
                          c->path, line, COL(C_DATE), date);
        } else if (!kc__parse_u64(value, strlen(value), INT64_MAX, &v)) {
            rc = kc__fail(c->db, KC_EINPUT,
                          "%s:%d:%d: value \"%s\" is not a whole number from 0", c->path,
                          line, COL(C_VALUE), value);
        } else if (*kind && strcmp(kind, "total") && strcmp(kind, "daily")) {
            rc = kc__fail(c->db, KC_EINPUT, "%s:%d:%d: kind \"%s\" is not total or daily",
                          c->path, line, COL(C_KIND), kind);
        } else if (!*subject) {
            rc = kc__fail(c->db, KC_EINPUT, "%s:%d:%d: empty subject", c->path, line,
                          COL(C_SUBJECT));
        } else if (!(rc = resolve(c, skind, subject, NULL, NULL, NULL, line,
                                  COL(C_SUBJECT), &id))) {
            rc = put_value(c, id, source, *kind ? kind : "total", day, (int64_t)v, line,
                           COL(C_VALUE), subject);
        }
#undef COL
    }
    if (!rc && got < 0)
        rc = kc__fail(c->db, r.nomem ? KC_ENOMEM : KC_EINPUT, "%s", err);
    if (!rc && rows == 0)
        rc = kc__fail(c->db, KC_EINPUT, "%s:2:1: no values after the header", c->path);
done:
    kc__csv_free(&r);
    return rc;
}

/* ---- kworb snapshots --------------------------------------------------- */

/* An error at element i (field key) of the snapshot array. */
static int kbad(sctx *c, const char *buf, size_t len, size_t i, const char *key,
                const char *what)
{
    kc__jpath path[2] = {{NULL, i}, {key, 0}};
    int line, col;
    kc__json_path_locate(buf, len, path, key ? 2 : 1, &line, &col);
    return kc__fail(c->db, KC_EINPUT, "%s:%d:%d: %s", c->path, line, col, what);
}

static int read_kworb(sctx *c, const char *buf, size_t len)
{
    json_t *root;
    char err[KC_ERRMSG_MAX];
    int rc = kc__json_parse(buf, len, c->path, &root, err, sizeof err);
    if (rc)
        return kc__fail(c->db, rc, "%s", err);
    const char *source = c->o->source ? c->o->source : "spotify-streams";
    char skind[16];
    if (!json_is_array(root) || json_array_size(root) == 0)
        rc = kc__fail(c->db, KC_EINPUT,
                      "%s:1:1: a kworb snapshot is a non-empty array of "
                      "{id, title, streams_total, streams_daily, spotify_data_date}",
                      c->path);
    if (!rc && !(rc = source_subject(c, source, skind, sizeof skind)) &&
        strcmp(skind, "song"))
        rc = kc__fail(c->db, KC_EUSAGE, "--source %s is not a series of songs", source);
    size_t i;
    json_t *e;
    /* Every entry is checked before any is stored or its subject looked up,
     * so that a malformed entry is reported as such wherever it is. */
    for (int store = 0; store < 2 && !rc; store++)
        json_array_foreach(root, i, e)
        {
            if (rc)
                break;
            if (!json_is_object(e)) {
                rc = kbad(c, buf, len, i, NULL, "an entry must be an object");
                break;
            }
            json_t *id = json_object_get(e, "id"), *title = json_object_get(e, "title");
            json_t *total = json_object_get(e, "streams_total");
            json_t *daily = json_object_get(e, "streams_daily");
            json_t *date = json_object_get(e, "spotify_data_date");
            int64_t day, sid;
            const char *field = NULL, *what = NULL;
            if (!json_is_string(id) || json_string_length(id) == 0 ||
                json_string_length(id) > 512 || strchr(json_string_value(id), '\x1f'))
                field = "id", what = "\"id\" must be a string (kworb:...)";
            else if (!json_is_string(title) || json_string_length(title) == 0 ||
                     json_string_length(title) > 512)
                field = "title", what = "\"title\" must be a non-empty string";
            else if (!json_is_integer(total) || json_integer_value(total) < 0)
                field = "streams_total",
                what = "\"streams_total\" must be a whole number from 0";
            else if (daily && !json_is_null(daily) &&
                     (!json_is_integer(daily) || json_integer_value(daily) < 0))
                field = "streams_daily",
                what = "\"streams_daily\" must be a whole number from 0";
            else if (!json_is_string(date) || json_string_length(date) != 10 ||
                     !kc__parse_date(json_string_value(date), 10, &day))
                field = "spotify_data_date",
                what =
                    "\"spotify_data_date\" must be a date YYYY-MM-DD (the data's date)";
            if (field) {
                rc = kbad(c, buf, len, i, json_object_get(e, field) ? field : NULL, what);
                break;
            }
            for (const char *p = json_string_value(title); *p; p++)
                if ((unsigned char)*p < 0x20 || *p == 0x7F) {
                    rc = kbad(c, buf, len, i, "title", "control character in \"title\"");
                    break;
                }
            if (rc || !store)
                continue;
            /* kworb marks a song the artist is featured on with '*', an album
             * with '^': not part of the title. */
            const char *t = json_string_value(title);
            while (*t == '*' || *t == '^')
                t++;
            char *nfc = kc__nfc(*t ? t : json_string_value(title));
            if (!nfc) {
                rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
                break;
            }
            kc__jpath path[2] = {{NULL, i}, {"id", 0}};
            int line, col;
            kc__json_path_locate(buf, len, path, 2, &line, &col);
            const char *artist = c->o->artist ? c->o->artist : "";
            rc = resolve(c, "song", json_string_value(id), json_string_value(id), nfc,
                         artist, line, col, &sid);
            free(nfc);
            if (!rc)
                rc = put_value(c, sid, source, "total", day, json_integer_value(total),
                               line, col, json_string_value(id));
            if (!rc && json_is_integer(daily))
                rc = put_value(c, sid, source, "daily", day, json_integer_value(daily),
                               line, col, json_string_value(id));
        }
    json_decref(root);
    return rc;
}

/* ---- files ------------------------------------------------------------- */

static int import_file(sctx *c, const char *path)
{
    char *buf;
    size_t len;
    int rc = kc__read_file(c->db, path, &buf, &len);
    if (rc)
        return rc;
    c->path = path;
    const char *slash = strrchr(path, '/');
    c->file = slash ? slash + 1 : path;
    size_t i = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len &&
           (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
        i++;
    kc__file f;
    if (kc__utf8_check(buf, len) != len)
        rc = kc__fail(c->db, KC_EINPUT, "%s:1:1: not UTF-8", path);
    else if ((rc = kc__file_begin(c->db, &f, "series", path, buf, len)))
        ;
    else {
        if (i < len && (buf[i] == '[' || buf[i] == '{'))
            rc = read_kworb(c, buf, len);
        else
            rc = read_csv(c, buf, len);
        if (!rc)
            rc = kc__touched(c->db, "series", NULL, NULL, f.digest);
        rc = kc__file_end(c->db, &f, rc);
    }
    if (!rc)
        c->stats->files++;
    free(buf);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file, or the files of a directory (not nested) in name order. */
static int import_path(sctx *c, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return kc__fail(c->db, KC_EIO, "%s: cannot open: %s", path, strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return import_file(c, path);
    DIR *d = opendir(path);
    if (!d)
        return kc__fail(c->db, KC_EIO, "%s: cannot open: %s", path, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = KC_OK;
    struct dirent *e;
    while (!rc && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        char *p = kc__malloc(len);
        if (p)
            snprintf(p, len, "%s/%s", path, e->d_name);
        if (p && stat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            free(p);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **g = p ? kc__realloc(names, cap * sizeof *g) : NULL;
            if (!g) {
                free(p);
                rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
                break;
            }
            names = g;
        }
        if (!p)
            rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
        else
            names[n++] = p;
    }
    closedir(d);
    if (!rc)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; !rc && i < n; i++)
        rc = import_file(c, names[i]);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int kc_series_import(kc_db *db, const char *const *paths, size_t n,
                     const kc_series_opts *opts, kc_series_stats *stats)
{
    static const kc_series_opts none = {0};
    kc_series_stats st = {0};
    sctx c = {.db = db, .o = opts ? opts : &none, .stats = &st};
    c.subjects = kc__map_new();
    c.touched = kc__map_new();
    int rc = c.subjects && c.touched ? kc__begin(db)
                                     : kc__fail(db, KC_ENOMEM, "out of memory");
    if (!rc) {
        kc__cache_check(db);
        for (size_t i = 0; !rc && i < n; i++)
            rc = import_path(&c, paths[i]);
        /* The milestones of every entity that got a new total: touched
         * holds its subjects; one subject of an entity recomputes it all. */
        sqlite3_stmt *q = rc ? NULL : kc__prepare(db, kc__sql_series_subjects);
        if (!rc && !q)
            rc = KC_ESTORE;
        kc__map *done = rc ? NULL : kc__map_new();
        if (!rc && !done)
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        int step = SQLITE_DONE;
        while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
            int64_t sid = sqlite3_column_int64(q, 0);
            if (!kc__map_get(c.touched, &sid, sizeof sid, false, NULL))
                continue;
            const unsigned char *kind = sqlite3_column_text(q, 1);
            if (!kind) {
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
                break;
            }
            char ent[40];
            int en = snprintf(ent, sizeof ent, "%c%lld", kind[0],
                              (long long)sqlite3_column_int64(q, 2) +
                                  (long long)sqlite3_column_int64(q, 3));
            bool fresh;
            void **slot = kc__map_get(done, ent, (size_t)en, true, &fresh);
            if (!slot)
                rc = kc__fail(db, KC_ENOMEM, "out of memory");
            else if (fresh) {
                *slot = (void *)1;
                rc = kc__milestones_update(db, sid);
            }
        }
        if (!rc && q && step != SQLITE_DONE)
            rc = kc__sqlfail(db, "subjects");
        kc__map_free(done, NULL);
        sqlite3_finalize(q);
        rc = kc__end(db, rc);
        if (!rc)
            kc__cache_drop(db); /* song keys may have changed under its cache */
    }
    kc__map_free(c.subjects, NULL);
    kc__map_free(c.touched, NULL);
    if (!rc && stats) {
        stats->files += st.files;
        stats->points += st.points;
        stats->unchanged += st.unchanged;
        stats->created += st.created;
    }
    return rc;
}

int kc_query_series(kc_db *db, const char *subject, const char *source, kc_table **out)
{
    *out = NULL;
    char *f = subject ? kc__match_title(subject) : NULL;
    if (subject && !f)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    /* Title|Credit: the song an import finds by the same text. */
    const char *bar = subject ? strchr(subject, '|') : NULL;
    int64_t song = 0;
    char songid[24] = "";
    if (bar && (size_t)(bar - subject) <= KC_SUBJECT_MAX &&
        strlen(bar + 1) <= KC_SUBJECT_MAX) {
        char t[KC_SUBJECT_MAX + 1], cr[KC_SUBJECT_MAX + 1];
        snprintf(t, sizeof t, "%.*s", (int)(bar - subject), subject);
        snprintf(cr, sizeof cr, "%s", bar + 1);
        int rc = t[0] ? song_by_title(db, t, cr, sizeof cr, NULL, 0, &song) : KC_OK;
        if (rc) {
            free(f);
            return rc;
        }
        if (song)
            snprintf(songid, sizeof songid, "%lld", (long long)song);
    }
    sqlite3_stmt *st = kc__prepare(db, kc__sql_series_query);
    kc__bind_text(st, ":match", f);
    kc__bind_text(st, ":source", source);
    kc__bind_text(st, ":subject", subject);
    kc__bind_text(st, ":song", song ? songid : NULL);
    int rc = kc__table_from_stmt(db, st, out);
    free(f);
    if (!rc && !(*out)->nrows) {
        kc_table_free(*out);
        *out = NULL;
        rc = kc__fail(db, KC_ENOTFOUND, "no values of \"%s\"", subject ? subject : "");
    }
    return rc;
}
