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

#include <sql/derive_sql.h>
#include <stdlib.h>
#include <string.h>

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
    sqlite3_stmt *st = kc__stmt(db, kc__sql_milestones_ladder);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":source", source);
    int rc = KC_OK, step;
    size_t cap = 0;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t first = sqlite3_column_int64(st, 0), by = sqlite3_column_int64(st, 1),
                last = sqlite3_column_int64(st, 2);
        for (int64_t x = first; !rc && x <= last; x += by) {
            if (m->n == KC_MARKS_MAX) {
                rc = kc__fail(db, KC_ETOOBIG, "ladder of %s: more than %d marks", source,
                              KC_MARKS_MAX);
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
        kc__bind_text(w->put, ":source", w->source);
        kc__bind_int64(w->put, ":mark", w->m->v[w->next]);
        kc__bind_int64(w->put, ":subject", w->subject);
        kc__bind_int64(w->put, ":day", day);
        if (w->has_prev)
            kc__bind_int64(w->put, ":prev_day", w->prev_day);
        else
            kc__bind_null(w->put, ":prev_day");
        rc =
            sqlite3_step(w->put) == SQLITE_DONE ? KC_OK : kc__sqlfail(w->db, "milestone");
        sqlite3_reset(w->put);
        w->next++;
    }
    w->prev_day = day;
    w->has_prev = true;
    return rc;
}

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
    if (*n == KC_SERIES_SOURCES_MAX)
        return kc__fail(db, KC_ETOOBIG, "more than %d series sources",
                        KC_SERIES_SOURCES_MAX);
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
    sqlite3_stmt *del = kc__stmt(db, song ? kc__sql_milestones_song_clear
                                          : kc__sql_milestones_artist_clear);
    sqlite3_stmt *rep = kc__stmt(db, song ? kc__sql_milestones_song_first
                                          : kc__sql_milestones_artist_first);
    sqlite3_stmt *q = kc__stmt(db, song ? kc__sql_milestones_song_totals
                                        : kc__sql_milestones_artist_totals);
    /* An entity of one subject (most): its totals in the key's order, no
     * grouping. */
    sqlite3_stmt *subjects = kc__stmt(db, song ? kc__sql_milestones_song_subjects
                                               : kc__sql_milestones_artist_subjects);
    /* In the key's order, no sort: daily values are skipped below. */
    sqlite3_stmt *one = kc__stmt(db, kc__sql_milestones_subject_points);
    sqlite3_stmt *put = kc__stmt(db, kc__sql_milestones_put);
    /* The entity's parameter in each of its statements. */
    const char *entity_name = song ? ":song" : ":artist";
    if (!del || !rep || !q || !put || !subjects || !one)
        return KC_ESTORE;
    kc__bind_int64(subjects, entity_name, entity);
    int step = sqlite3_step(subjects);
    bool single = step == SQLITE_ROW && sqlite3_column_int(subjects, 0) == 1;
    sqlite3_reset(subjects);
    if (step != SQLITE_ROW)
        return kc__sqlfail(db, "subjects");
    kc__bind_int64(del, entity_name, entity);
    int rc = sqlite3_step(del) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "milestones");
    sqlite3_reset(del);
    walk w = {.db = db, .put = put};
    kc__bind_int64(rep, entity_name, entity);
    if (!rc && (step = sqlite3_step(rep)) == SQLITE_ROW)
        w.subject = sqlite3_column_int64(rep, 0);
    else if (!rc)
        rc = kc__sqlfail(db, "subjects");
    sqlite3_reset(rep);
    char cur[64] = "";
    step = SQLITE_DONE;
    if (single) {
        q = one;
        kc__bind_int64(q, ":subject", w.subject);
    } else {
        kc__bind_int64(q, entity_name, entity);
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
    sqlite3_stmt *q = kc__prepare(db, kc__sql_milestones_shared_subjects);
    sqlite3_stmt *all = kc__prepare(db, kc__sql_milestones_all_points);
    sqlite3_stmt *put = kc__stmt(db, kc__sql_milestones_put);
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
    ladder ladders[KC_SERIES_SOURCES_MAX];
    size_t nladders = 0;
    int rc = KC_OK;
    sqlite3_stmt *q;
    if (subject_id) {
        q = kc__prepare(db, kc__sql_milestones_subject);
        kc__bind_int64(q, ":subject", subject_id);
    } else {
        rc = kc__exec(db, kc__sql_milestones_clear);
        if (!rc)
            rc = scan_single(db, ladders, &nladders);
        q = rc ? NULL : kc__prepare(db, kc__sql_milestones_shared_songs);
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
    if (!rc) {
        /* Every value as text, as the statement expects (its CASTs). */
        /* Kept: it takes milliseconds to prepare, and a song's page asks. */
        sqlite3_stmt *st = kc__stmt(db, kc__sql_milestones_query);
        kc__bind_text(st, ":source", o->source);
        kc__bind_text(st, ":mark", o->mark ? mark : NULL);
        kc__bind_text(st, ":artist", aid ? artist : NULL);
        kc__bind_text(st, ":words", folded && !aid ? folded : NULL);
        kc__bind_text(st, ":open", o->open ? "1" : NULL);
        kc__bind_text(st, ":song", o->song_id ? song : NULL);
        rc = kc__table_from_kept(db, st, out);
    }
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
    return kc__table_from_sql(db, kc__sql_milestones_ladders, NULL, 0, out);
}

int kc_query_song_totals(kc_db *db, int64_t song_id, kc_table **out)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)song_id);
    sqlite3_stmt *st = kc__prepare(db, kc__sql_milestones_song_series);
    kc__bind_text(st, ":song", id);
    return kc__table_from_stmt(db, st, out);
}
