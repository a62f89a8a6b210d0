/*
 * milestones.c: when a series crossed each mark of its ladder, and what
 * that means against everyone else who crossed it.
 *
 * A ladder is data (table ladder: per kind of series, marks from first by
 * step up to last); a source climbs the ladder of its kind (series_source).
 * The crossing of a mark is the first total at or above it; the total before
 * it, if any, is kept, so that a crossing seen only after a gap of more than
 * a day is an interval (flagged sparse), and one already past at the first
 * total is open (crossed on or before it). Crossings are the one derived
 * table here (milestone), recomputed per series whenever its totals change
 * and wholly by rebuild. Everything that depends on other input — days since
 * release (the catalog), rank among all who crossed the mark (fastest
 * first), the Nth song of each credited artist by credit kind — is computed
 * when asked, so that a later catalog import or ingest cannot leave it
 * stale. Daily values are never summed into totals here.
 */
#include "derive/derive.h"

#include <stdlib.h>
#include <string.h>

#define MARKS_MAX 100000 /* marks in one ladder */

typedef struct {
    int64_t *v;
    size_t n;
} marks;

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The marks of the ladder that source climbs, ascending (owned). */
static int load_marks(kc_db *db, const char *source, marks *m)
{
    m->v = NULL;
    m->n = 0;
    sqlite3_stmt *st =
        kc__stmt(db, "SELECT l.first, l.step, l.last FROM ladder l JOIN series_source s"
                     " ON s.kind = l.kind WHERE s.id = ? ORDER BY l.first");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
    int rc = KC_OK, step;
    size_t cap = 0;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t first = sqlite3_column_int64(st, 0), by = sqlite3_column_int64(st, 1),
                last = sqlite3_column_int64(st, 2);
        for (int64_t x = first; !rc && x <= last; x += by) {
            if (m->n == MARKS_MAX) {
                rc = kc__fail(db, KC_ETOOBIG, "ladder of %s: more than %d marks", source,
                              MARKS_MAX);
                break;
            }
            if (m->n == cap) {
                cap = cap ? cap * 2 : 64;
                int64_t *g = kc__realloc(m->v, cap * sizeof *g);
                if (!g) {
                    rc = kc__fail(db, KC_ENOMEM, "out of memory");
                    break;
                }
                m->v = g;
            }
            m->v[m->n++] = x;
            if (by == 0 || x > INT64_MAX - by)
                break;
        }
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "ladder");
    sqlite3_reset(st);
    if (rc) {
        free(m->v);
        m->v = NULL;
        return rc;
    }
    qsort(m->v, m->n, sizeof *m->v, cmp_i64);
    size_t k = 0; /* ladders may overlap: each mark once */
    for (size_t i = 0; i < m->n; i++)
        if (k == 0 || m->v[i] != m->v[k - 1])
            m->v[k++] = m->v[i];
    m->n = k;
    return KC_OK;
}

typedef struct {
    kc_db *db;
    sqlite3_stmt *put;
    const marks *m;
    int64_t subject;
    const char *source;
    size_t next;      /* the next mark not yet crossed */
    int64_t prev_day; /* the day of the total before, if has_prev */
    bool has_prev;
} walk;

/* One total of the series in day order: records the marks it crossed. */
static int walk_total(walk *w, int64_t day, int64_t value)
{
    int rc = KC_OK;
    while (!rc && w->next < w->m->n && w->m->v[w->next] <= value) {
        sqlite3_bind_text(w->put, 1, w->source, -1, SQLITE_STATIC);
        sqlite3_bind_int64(w->put, 2, w->m->v[w->next]);
        sqlite3_bind_int64(w->put, 3, w->subject);
        sqlite3_bind_int64(w->put, 4, day);
        if (w->has_prev)
            sqlite3_bind_int64(w->put, 5, w->prev_day);
        else
            sqlite3_bind_null(w->put, 5);
        rc =
            sqlite3_step(w->put) == SQLITE_DONE ? KC_OK : kc__sqlfail(w->db, "milestone");
        sqlite3_reset(w->put);
        w->next++;
    }
    w->prev_day = day;
    w->has_prev = true;
    return rc;
}

/* Ladders are looked up once per source in a recompute. */
#define SOURCES_MAX 64

typedef struct {
    char id[64];
    marks m;
} ladder;

/* The marks of source, loaded once into ladders. */
static int ladder_of(kc_db *db, ladder *ladders, size_t *n, const char *source,
                     ladder **out)
{
    for (size_t k = 0; k < *n; k++)
        if (!strcmp(ladders[k].id, source)) {
            *out = &ladders[k];
            return KC_OK;
        }
    if (*n == SOURCES_MAX)
        return kc__fail(db, KC_ETOOBIG, "more than %d series sources", SOURCES_MAX);
    ladder *l = &ladders[*n];
    snprintf(l->id, sizeof l->id, "%s", source);
    int rc = load_marks(db, source, &l->m);
    if (!rc) {
        ++*n;
        *out = l;
    }
    return rc;
}

/* Recomputes the crossings of one entity (a song: every subject bound to
 * it; an artist), each source a series: per day the largest total any of
 * its subjects gave. They are stored under its first subject. */
static int entity_update(kc_db *db, bool song, int64_t entity, ladder *ladders,
                         size_t *nladders)
{
    sqlite3_stmt *del = kc__stmt(
        db, song ? "DELETE FROM milestone WHERE subject_id IN"
                   " (SELECT id FROM subject WHERE song_id = ?)"
                 : "DELETE FROM milestone WHERE subject_id IN"
                   " (SELECT id FROM subject WHERE kind = 'artist' AND artist_id = ?)");
    sqlite3_stmt *rep = kc__stmt(
        db, song ? "SELECT min(id) FROM subject WHERE song_id = ?"
                 : "SELECT min(id) FROM subject WHERE kind = 'artist' AND artist_id = ?");
    sqlite3_stmt *q = kc__stmt(
        db, song ? "SELECT p.source, p.day, max(p.value), 1 FROM point p"
                   " WHERE p.kind = 'total' AND p.subject_id IN"
                   " (SELECT id FROM subject WHERE song_id = ?)"
                   " GROUP BY p.source, p.day ORDER BY p.source, p.day"
                 : "SELECT p.source, p.day, max(p.value), 1 FROM point p"
                   " WHERE p.kind = 'total' AND p.subject_id IN"
                   " (SELECT id FROM subject WHERE kind = 'artist' AND artist_id = ?)"
                   " GROUP BY p.source, p.day ORDER BY p.source, p.day");
    /* An entity of one subject (most): its totals in the key's order, no
     * grouping. */
    sqlite3_stmt *subjects = kc__stmt(
        db, song
                ? "SELECT count(*) FROM subject WHERE song_id = ?"
                : "SELECT count(*) FROM subject WHERE kind = 'artist' AND artist_id = ?");
    /* In the key's order, no sort: a condition on kind here would make
     * SQLite sort each source's rows, so daily values are skipped below. */
    sqlite3_stmt *one =
        kc__stmt(db, "SELECT source, day, value, kind = 'total' FROM point"
                     " WHERE subject_id = ? ORDER BY source, kind, day");
    sqlite3_stmt *put = kc__stmt(db, "INSERT INTO milestone (source, mark, subject_id,"
                                     " day, prev_day) VALUES (?,?,?,?,?)");
    if (!del || !rep || !q || !put || !subjects || !one)
        return KC_ESTORE;
    sqlite3_bind_int64(subjects, 1, entity);
    int step = sqlite3_step(subjects);
    bool single = step == SQLITE_ROW && sqlite3_column_int(subjects, 0) == 1;
    sqlite3_reset(subjects);
    if (step != SQLITE_ROW)
        return kc__sqlfail(db, "subjects");
    sqlite3_bind_int64(del, 1, entity);
    int rc = sqlite3_step(del) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "milestones");
    sqlite3_reset(del);
    walk w = {.db = db, .put = put};
    sqlite3_bind_int64(rep, 1, entity);
    if (!rc && (step = sqlite3_step(rep)) == SQLITE_ROW)
        w.subject = sqlite3_column_int64(rep, 0);
    else if (!rc)
        rc = kc__sqlfail(db, "subjects");
    sqlite3_reset(rep);
    char cur[64] = "";
    step = SQLITE_DONE;
    if (single) {
        q = one;
        sqlite3_bind_int64(q, 1, w.subject);
    } else {
        sqlite3_bind_int64(q, 1, entity);
    }
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        if (!sqlite3_column_int(q, 3))
            continue; /* a daily value */
        const char *src = (const char *)sqlite3_column_text(q, 0);
        if (!src) {
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
            break;
        }
        if (strcmp(src, cur)) { /* the next series */
            ladder *l = NULL;
            snprintf(cur, sizeof cur, "%s", src);
            if ((rc = ladder_of(db, ladders, nladders, cur, &l)))
                break;
            w.m = &l->m;
            w.source = l->id;
            w.next = 0;
            w.has_prev = false;
        }
        rc = walk_total(&w, sqlite3_column_int64(q, 1), sqlite3_column_int64(q, 2));
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "totals");
    sqlite3_reset(q);
    return rc;
}

/* Every series of an entity of one subject (an artist; a song no other
 * subject names): one scan of all values in the key's order. The subjects
 * of entities of several subjects are left to entity_update. */
static int scan_single(kc_db *db, ladder *ladders, size_t *nladders)
{
    kc__map *shared = kc__map_new();
    sqlite3_stmt *q = kc__prepare(db, "SELECT id FROM subject WHERE song_id IN"
                                      " (SELECT song_id FROM subject WHERE kind = 'song'"
                                      " GROUP BY song_id HAVING count(*) > 1)"
                                      " OR (kind = 'song' AND song_id IS NULL)");
    sqlite3_stmt *all =
        kc__prepare(db, "SELECT subject_id, source, day, value, kind = 'total' FROM point"
                        " ORDER BY subject_id, source, kind, day");
    sqlite3_stmt *put = kc__stmt(db, "INSERT INTO milestone (source, mark, subject_id,"
                                     " day, prev_day) VALUES (?,?,?,?,?)");
    int rc = !shared              ? kc__fail(db, KC_ENOMEM, "out of memory")
             : !q || !all || !put ? KC_ESTORE
                                  : KC_OK;
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(q, 0);
        void **slot = kc__map_get(shared, &id, sizeof id, true, NULL);
        if (!slot)
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
        else
            *slot = (void *)1;
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "subjects");
    walk w = {.db = db, .put = put};
    char cur[64] = "";
    int64_t skip = 0; /* the subject whose rows are being skipped */
    while (!rc && (step = sqlite3_step(all)) == SQLITE_ROW) {
        int64_t sid = sqlite3_column_int64(all, 0);
        if (!sqlite3_column_int(all, 4) || sid == skip)
            continue; /* a daily value, or a shared subject */
        const char *src = (const char *)sqlite3_column_text(all, 1);
        if (!src) {
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
            break;
        }
        if (sid != w.subject || strcmp(src, cur)) { /* the next series */
            if (sid != w.subject && kc__map_get(shared, &sid, sizeof sid, false, NULL)) {
                skip = sid;
                continue;
            }
            ladder *l = NULL;
            snprintf(cur, sizeof cur, "%s", src);
            if ((rc = ladder_of(db, ladders, nladders, cur, &l)))
                break;
            w.m = &l->m;
            w.source = l->id;
            w.subject = sid;
            w.next = 0;
            w.has_prev = false;
        }
        rc = walk_total(&w, sqlite3_column_int64(all, 2), sqlite3_column_int64(all, 3));
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "totals");
    sqlite3_finalize(q);
    sqlite3_finalize(all);
    if (put)
        sqlite3_reset(put);
    kc__map_free(shared, NULL);
    return rc;
}

int kc__milestones_update(kc_db *db, int64_t subject_id)
{
    ladder ladders[SOURCES_MAX];
    size_t nladders = 0;
    int rc = KC_OK;
    sqlite3_stmt *q;
    if (subject_id) {
        q = kc__prepare(db, "SELECT kind = 'song', coalesce(song_id, 0),"
                            " coalesce(artist_id, 0) FROM subject WHERE id = ?");
        if (q)
            sqlite3_bind_int64(q, 1, subject_id);
    } else {
        rc = kc__exec(db, "DELETE FROM milestone");
        if (!rc)
            rc = scan_single(db, ladders, &nladders);
        q = rc ? NULL
               : kc__prepare(db, "SELECT 1, song_id, 0 FROM subject WHERE kind = 'song'"
                                 " AND song_id IS NOT NULL GROUP BY song_id"
                                 " HAVING count(*) > 1 ORDER BY 2");
    }
    if (!rc && !q)
        rc = KC_ESTORE;
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
        bool song = sqlite3_column_int(q, 0);
        int64_t entity = sqlite3_column_int64(q, song ? 1 : 2);
        if (entity)
            rc = entity_update(db, song, entity, ladders, &nladders);
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "subjects");
    sqlite3_finalize(q);
    for (size_t k = 0; k < nladders; k++)
        free(ladders[k].m.v);
    return rc;
}

/* The query behind kc_query_milestones: ?1 source, ?2 mark, ?3 an artist id
 * (their songs and their own series), ?4 the matching form of words of a
 * song (title and credit), ?5 set to list open crossings too, ?6 a song id.
 * The statement is laid out as SQL, not as C, and is longer than the 4095
 * bytes C99 promises a string literal (GCC and Clang take any length). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
/* clang-format off */
static const char milestones_sql[] =
    "WITH rel AS MATERIALIZED ("
    " SELECT c.song_id AS song_id, min(r.released_utc) AS utc FROM catalog_song c"
    " JOIN release_song rs ON rs.catalog_song_id = c.id"
    " JOIN release r ON r.id = rs.release_id"
    " WHERE c.song_id IS NOT NULL GROUP BY c.song_id),"
    /* Credits by kind; solo: the one lead of a song (featured guests
     * allowed). A member's solo songs credit them, not their group. */
    " cr AS MATERIALIZED ("
    " SELECT DISTINCT c.song_id AS song_id, sc.artist_id AS artist_id,"
    " sc.credit AS credit"
    " FROM song_credit sc JOIN catalog_song c ON c.id = sc.catalog_song_id"
    " WHERE c.song_id IS NOT NULL"
    " UNION SELECT c.song_id, sc.artist_id, 'solo'"
    " FROM song_credit sc JOIN catalog_song c ON c.id = sc.catalog_song_id"
    " WHERE c.song_id IS NOT NULL AND sc.credit = 'lead' AND NOT EXISTS (SELECT 1"
    "  FROM song_credit x WHERE x.catalog_song_id = sc.catalog_song_id"
    "  AND x.credit = 'lead' AND x.artist_id <> sc.artist_id)),"
    " base AS MATERIALIZED ("
    " SELECT m.source AS source, m.mark AS mark, m.day AS day, m.prev_day AS prev_day,"
    " s.ref AS ref, s.kind AS skind, s.song_id AS song_id, s.artist_id AS artist_id,"
    " CASE s.kind WHEN 'song' THEN s.song_id ELSE -s.artist_id END AS entity,"
    " CASE s.kind WHEN 'song' THEN m.day - " KC__SQL_DAY("rel.utc")
    " ELSE m.day - (SELECT ac.joined FROM artist_account ac JOIN series_source ss"
    "  ON ss.id = m.source WHERE ac.artist_id = s.artist_id"
    "  AND ac.platform = ss.platform) END AS days,"
    /* The subject's filters (an artist, words of a song, a song) are of the
     * entity, whichever of its subjects crossed: the marks they ask about
     * are known before one crossing per entity is chosen. */
    " (?3 IS NULL OR s.artist_id = CAST(?3 AS INTEGER)"
    "  OR s.song_id IN (SELECT song_id FROM cr WHERE artist_id = CAST(?3 AS INTEGER)))"
    " AND (?4 IS NULL OR instr((SELECT match FROM song WHERE id = s.song_id), ?4) > 0)"
    " AND (?6 IS NULL OR s.song_id = CAST(?6 AS INTEGER)) AS hit"
    " FROM milestone m JOIN subject s ON s.id = m.subject_id"
    " LEFT JOIN rel ON rel.song_id = s.song_id"
    " WHERE (?1 IS NULL OR m.source = ?1)"
    " AND (?2 IS NULL OR m.mark = CAST(?2 AS INTEGER))),"
    " want AS MATERIALIZED (SELECT DISTINCT source, mark FROM base WHERE hit),"
    /* One crossing per entity, source and mark: two subjects naming one
     * song count once, at the earlier crossing (a subject crosses a mark
     * once: only the entities of two subjects need the choice; a subject
     * bound to no entity, as while a rebuild binds them, is one of its
     * own). Ranks and counts are within one source and mark, so every
     * crossing of the marks asked about. */
    " multi AS MATERIALIZED (SELECT entity FROM (SELECT CASE kind WHEN 'song'"
    "  THEN song_id ELSE -artist_id END AS entity FROM subject)"
    "  WHERE entity IS NOT NULL GROUP BY entity HAVING count(*) > 1),"
    " one AS MATERIALIZED (SELECT b.*, 1 AS k FROM base b"
    "  WHERE (b.source, b.mark) IN (SELECT source, mark FROM want)"
    "  AND (b.entity IS NULL OR b.entity NOT IN (SELECT entity FROM multi))"
    "  UNION ALL SELECT * FROM (SELECT b.*, row_number() OVER (PARTITION BY"
    "  entity, source, mark ORDER BY day, ref) AS k FROM base b"
    "  WHERE (b.source, b.mark) IN (SELECT source, mark FROM want)"
    "  AND b.entity IN (SELECT entity FROM multi)) WHERE k = 1),"
    /* The crossings shown. */
    " sel AS MATERIALIZED (SELECT * FROM one"
    " WHERE hit AND (?5 IS NOT NULL OR prev_day IS NOT NULL)),"
    /* By days, among the crossings with a day and a known interval. */
    " ranked AS MATERIALIZED (SELECT * FROM (SELECT ref, source, mark,"
    "  rank() OVER (PARTITION BY source, mark ORDER BY days) AS rank,"
    "  count(*) OVER (PARTITION BY source, mark) AS of FROM one"
    "  WHERE days IS NOT NULL AND prev_day IS NOT NULL)"
    "  WHERE (ref, source, mark) IN (SELECT ref, source, mark FROM sel)),"
    /* The Nth song of an artist by credit: of the artists credited on the
     * songs shown, every song of theirs at the marks asked about. */
    " nth AS (SELECT o.entity AS entity, o.source AS source, o.mark AS mark,"
    " cr.artist_id AS artist_id, cr.credit AS credit,"
    " row_number() OVER (PARTITION BY cr.artist_id, cr.credit, o.source, o.mark"
    "  ORDER BY o.day, o.ref) AS n"
    " FROM one o JOIN cr ON cr.song_id = o.song_id WHERE o.skind = 'song'"
    " AND cr.artist_id IN (SELECT x.artist_id FROM cr x"
    "  WHERE x.song_id IN (SELECT song_id FROM sel))),"
    " counts AS MATERIALIZED (SELECT entity, source, mark,"
    " group_concat(label, ', ') AS counts FROM"
    " (SELECT nth.*, a.name || ' ' || nth.credit || ' #' || nth.n AS label FROM nth"
    "  JOIN artist a ON a.id = nth.artist_id"
    "  WHERE (nth.entity, nth.source, nth.mark) IN (SELECT entity, source, mark FROM sel)"
    "  ORDER BY a.name, CASE nth.credit WHEN 'lead' THEN 0 WHEN 'solo' THEN 1 ELSE 2 END)"
    " GROUP BY entity, source, mark)"
    " SELECT CASE r.skind WHEN 'song' THEN so.title ELSE a.name END AS subject,"
    " CASE r.skind WHEN 'song' THEN so.artist ELSE '' END AS artist,"
    " r.source AS source, r.mark AS mark, date(r.day * 86400, 'unixepoch') AS date,"
    " CASE WHEN r.prev_day IS NOT NULL AND r.day - r.prev_day > 1"
    "  THEN date((r.prev_day + 1) * 86400, 'unixepoch') END AS 'from',"
    " CASE WHEN r.prev_day IS NULL THEN 'open' WHEN r.day - r.prev_day > 1"
    "  THEN 'sparse' ELSE '' END AS flag,"
    " r.days AS days, rk.rank AS rank, rk.of AS of, coalesce(c.counts, '') AS counts"
    " FROM sel r LEFT JOIN song so ON so.id = r.song_id"
    " LEFT JOIN artist a ON a.id = r.artist_id"
    " LEFT JOIN ranked rk ON rk.ref = r.ref AND rk.source = r.source"
    "  AND rk.mark = r.mark"
    " LEFT JOIN counts c ON c.entity = r.entity AND c.source = r.source"
    "  AND c.mark = r.mark"
    " ORDER BY r.day, r.source, r.mark, r.ref";
/* clang-format on */
#pragma GCC diagnostic pop

int kc_query_milestones(kc_db *db, const kc_milestone_opts *opts, kc_table **out)
{
    static const kc_milestone_opts none = {0};
    const kc_milestone_opts *o = opts ? opts : &none;
    *out = NULL;
    char mark[24], artist[24];
    char *folded = o->subject ? kc__match_title(o->subject) : NULL;
    if (o->subject && !folded)
        return kc__fail(db, KC_ENOMEM, "out of memory");
    int64_t aid = 0;
    int rc = o->subject ? kc__artist_find(db, o->subject, &aid) : KC_OK;
    /* A name of two artists may still be a song's title: the songs first,
     * the ambiguity when there are none. */
    char ambiguous[KC_ERRMSG_MAX] = "";
    if (rc == KC_EINPUT) {
        snprintf(ambiguous, sizeof ambiguous, "%s", kc_errmsg(db));
        rc = KC_OK;
    }
    snprintf(mark, sizeof mark, "%lld", (long long)o->mark);
    snprintf(artist, sizeof artist, "%lld", (long long)aid);
    char song[24];
    snprintf(song, sizeof song, "%lld", (long long)o->song_id);
    const char *binds[6] = {o->source,
                            o->mark ? mark : NULL,
                            aid ? artist : NULL,
                            folded && !aid ? folded : NULL,
                            o->open ? "1" : NULL,
                            o->song_id ? song : NULL};
    if (!rc)
        rc = kc__table_from_sql(db, milestones_sql, binds, 6, out);
    free(folded);
    if (!rc && o->subject && !(*out)->nrows) {
        kc_table_free(*out);
        *out = NULL;
        if (ambiguous[0])
            rc = kc__fail(db, KC_EINPUT, "%s", ambiguous);
        else
            rc = kc__fail(db, KC_ENOTFOUND, "no milestones of \"%s\"", o->subject);
    }
    return rc;
}

int kc_query_ladders(kc_db *db, kc_table **out)
{
    return kc__table_from_sql(
        db,
        "SELECT l.kind AS kind, l.first AS first, l.step AS step, l.last AS last,"
        " (SELECT group_concat(id, ' ') FROM (SELECT id FROM series_source s"
        "  WHERE s.kind = l.kind ORDER BY id)) AS sources FROM ladder l"
        " ORDER BY l.kind, l.first",
        NULL, 0, out);
}

int kc_query_song_totals(kc_db *db, int64_t song_id, kc_table **out)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)song_id);
    const char *binds[1] = {id};
    /* Every total of each source over the song's subjects, by day (two
     * subjects with a total on one day: the larger). */
    return kc__table_from_sql(
        db,
        "SELECT p.source AS source, date(p.day * 86400, 'unixepoch') AS date,"
        " max(p.value) AS value FROM subject s JOIN point p ON p.subject_id = s.id"
        " AND p.kind = 'total' WHERE s.song_id = CAST(?1 AS INTEGER)"
        " GROUP BY p.source, p.day ORDER BY p.source, p.day",
        binds, 1, out);
}
