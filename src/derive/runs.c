/*
 * runs.c: chart runs (and, in runs_identity.c and runs_state.c, song
 * identity on a chart and the runs kept in memory).
 *
 * Walks a chart's snapshots in period order. For each row it decides which
 * song it is (identity), then counts the run the way providers do: periods on
 * chart across gaps, the current streak, the peak, periods at peak and at
 * No. 1, re-entries; and per entry our previous rank and movement.
 *
 * Identity (docs/runs.md has the rules in full and the evidence from the
 * archives), decided for a whole period in passes from the surest match to
 * the loosest, each in rank order (resolve()):
 *  1. a provider id whose song held that id on the previous period;
 *  2. any provider id;
 *  3. the title + credit key; if none of those was on the previous chart but
 *     the provider gives a previous rank, the song at that rank when it shares
 *     the title, the credit or the lead artist ("Dial Drunk" gaining "With
 *     Post Malone"), when the previous stored period is the chart's previous
 *     one in its cadence (the rank names a row of it); otherwise a new song.
 * A song is placed once per period, so same-titled versions charting together
 * stay apart. When the provider says a row is new on this chart (no previous
 * rank, one period on chart), no song with a run on this chart matches it:
 * Billboard restarts the count for a re-release ("Monster Mash", 1970). The
 * user's merges and splits rewrite the keys looked up.
 *
 * Seeding: where the provider's own counters show history our archive lacks
 * (more periods than we counted, or a better peak than we saw), the run takes
 * the provider's values from that entry on and the entry is marked seeded.
 * That is how an archive starting mid-history, or missing a chart, is joined.
 * When the periods are seeded, the chart before is one we lack: the
 * provider's previous rank on it is the entry's previous rank.
 *
 * Incremental: a period after the last derived one is appended using the
 * stored run state; anything earlier derives the chart again from that
 * period on (kc__runs_derive_from: a backfill, a file taken out), from the
 * state read back from the entries stored before it, not from its start.
 * Entries are stored as they are derived; runs change in memory and are
 * written at the end of an update, or, during a directory's ingest, when
 * its group of files commits (the store flushes runs_state.c's cache;
 * docs/store.md).
 */
#include "derive/runs_int.h"

#include <sql/derive_sql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The parameters of runs-put-entry.sql, looked up once an update (in
 * ctx.entry_ix) and bound by index for each entry. */
static const char *const entry_params[KC_ENTRY_PARAMS] = {
    ":snapshot", ":rank",    ":song",   ":last",  ":status",
    ":peak",     ":periods", ":streak", ":seeded"};

/* Counts a resolved row into its song's run and stores the entry. */
static int count(ctx *c, const char *period, bool counters, const pending *row)
{
    int64_t song = row->song;
    int32_t rank = row->rank, p_last = row->p_last;
    run_state *r = kc__runs_load_run(c, song);
    if (!r)
        return c->status;
    if (kc__runs_remember(c->st, r))
        return kc__fail(c->db, KC_ENOMEM, "out of memory");
    int32_t last = kc__runs_set_rank_of(&c->prev, song);
    const char *status;
    if (!r->exists) {
        status = "new";
        snprintf(r->debut_period, sizeof r->debut_period, "%s", period);
        r->debut_rank = rank;
        r->periods = 1;
        r->streak = 1;
        r->peak = rank;
        snprintf(r->peak_period, sizeof r->peak_period, "%s", period);
        r->at_peak = 1;
        r->at_no1 = rank == 1;
    } else {
        r->periods++;
        if (last) {
            r->streak++;
            status = rank < last ? "up" : rank > last ? "down" : "same";
        } else {
            r->streak = 1;
            r->reentries++;
            status = "re-entry";
        }
        if (rank < r->peak) {
            r->peak = rank;
            snprintf(r->peak_period, sizeof r->peak_period, "%s", period);
            r->at_peak = 1;
        } else if (rank == r->peak) {
            r->at_peak++;
        }
        r->at_no1 += rank == 1;
    }
    bool seeded = false;
    if (counters && row->p_periods > r->periods) {
        r->periods = row->p_periods;
        seeded = true;
        if (p_last > 0) {
            /* The provider's previous chart is one we lack (the archive
             * begins later, or misses it): its rank is the previous rank,
             * and the song was on it, one more period of its streak. A song
             * we last saw before it re-entered there (counted above). */
            last = p_last;
            status = rank < last ? "up" : rank > last ? "down" : "same";
            r->streak++;
        } else if (!r->exists) {
            status = "re-entry"; /* a run under way when the archive begins */
        }
    }
    if (counters && row->p_peak > 0 && row->p_peak < r->peak) {
        r->peak = row->p_peak;
        r->peak_period[0] = '\0';
        r->at_peak = 0;
        seeded = true;
    }
    if (r->streak > r->longest)
        r->longest = r->streak;
    snprintf(r->last_period, sizeof r->last_period, "%s", period);
    r->last_rank = rank;
    r->exists = true;

    sqlite3_stmt *e = c->put_entry;
    const int *ix = c->entry_ix; /* in the order of entry_params */
    sqlite3_bind_int64(e, ix[0], c->snapshot);
    sqlite3_bind_int64(e, ix[1], rank);
    sqlite3_bind_int64(e, ix[2], song);
    if (last > 0)
        sqlite3_bind_int64(e, ix[3], last);
    else
        sqlite3_bind_null(e, ix[3]);
    sqlite3_bind_text(e, ix[4], status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(e, ix[5], r->peak);
    sqlite3_bind_int64(e, ix[6], r->periods);
    sqlite3_bind_int64(e, ix[7], r->streak);
    sqlite3_bind_int64(e, ix[8], seeded);
    return kc__runs_step_done(c, e, "store entry"); /* the run is written later */
}

/* ---- from a period on: a backfill, a file taken out ------------------- */

/* A stored entry as the walk found it. */
typedef struct {
    int64_t song;
    uint32_t snap; /* index in walk.snaps */
    int32_t rank;
} walk_entry;

typedef struct {
    int64_t id;
    char period[32];
    bool counters, derived; /* derived: it had entries when the walk began */
    bool due;               /* to be derived again */
    size_t first, n;        /* its entries in walk.old */
    long was_prev;          /* the snapshot that was its previous period
                               (the last derived one before it), -1 for
                               the period before the walk (walk.base) */
} walk_snap;

/* What kc__runs_derive_from knows: the chart's snapshots from the period
 * on, their entries as stored before (by period and rank, and by song),
 * and the songs whose runs it counts again (touched: every later entry of
 * theirs is derived again, their run written at the end). */
struct walk {
    walk_snap *snaps;
    size_t nsnaps;
    walk_entry *old, *by_song; /* nold each */
    size_t nold;
    kc__map *at;      /* song -> its first place in by_song, plus one */
    kc__map *touched; /* song -> its run_state */
    int64_t *tv;      /* the touched songs, in the order they came */
    size_t nt, capt;
    period_set base; /* the period before the walk, as stored */
    size_t now;      /* the snapshot being derived */
    bool all;        /* its previous period changed: count a row whose rank
                        there changed */
    bool force;      /* count every row of it (the walk's first period) */
    kc__map *moved;  /* the songs a stored row went from or to: their ids
                        to settle; NULL until the first */
    int64_t *mv;     /* the same songs, in the order they came */
    size_t nmv, capmv;
    sqlite3_stmt *near, *before;
};

static int cmp_walk_song(const void *a, const void *b)
{
    const walk_entry *x = a, *y = b;
    if (x->song != y->song)
        return (x->song > y->song) - (x->song < y->song);
    return (x->snap > y->snap) - (x->snap < y->snap);
}

/* Marks due every stored snapshot after the current one holding song. */
static void walk_due_song(struct walk *w, int64_t song)
{
    if (!w->at) /* no snapshot from the period on: nothing to mark */
        return;
    void **slot = kc__map_get(w->at, &song, sizeof song, false, NULL);
    if (!slot)
        return;
    for (size_t i = (size_t)(uintptr_t)*slot - 1;
         i < w->nold && w->by_song[i].song == song; i++)
        if (w->by_song[i].snap > w->now)
            w->snaps[w->by_song[i].snap].due = true;
}

/* The rank song held on the current snapshot's previous period as it was
 * stored before the walk, 0 if none. */
static int32_t walk_was_rank(const struct walk *w, int64_t song)
{
    long j = w->snaps[w->now].was_prev;
    if (j < 0)
        return kc__runs_set_rank_of(&w->base, song);
    void **slot = kc__map_get(w->at, &song, sizeof song, false, NULL);
    if (!slot)
        return 0;
    for (size_t i = (size_t)(uintptr_t)*slot - 1;
         i < w->nold && w->by_song[i].song == song; i++)
        if (w->by_song[i].snap == (uint32_t)j)
            return w->by_song[i].rank;
    return 0;
}

/* The song stored at rank of the current snapshot, 0 if none. */
static int64_t walk_old_song(const struct walk *w, int32_t rank)
{
    const walk_snap *s = &w->snaps[w->now];
    size_t lo = s->first, hi = s->first + s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->old[mid].rank == rank)
            return w->old[mid].song;
        if (w->old[mid].rank < rank)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Empties r, a run with no period yet (count() starts it afresh), keeping
 * what its writing needs. */
static void run_reset(run_state *r)
{
    *r = (run_state){.chart = r->chart,
                     .song = r->song,
                     .stored = r->stored,
                     .dirty = r->dirty,
                     .file = r->file};
}

/* A run as it stood before period: counted from the song's stored entries
 * (runs-state-before.sql) into r; r->exists false when it had none. */
static int walk_state_before(ctx *c, run_state *r, const char *period)
{
    sqlite3_stmt *st = c->walk->before;
    kc__bind_text(st, ":chart", c->chart);
    kc__bind_int64(st, ":song", r->song);
    char debut[32]; /* bound while r is written below */
    snprintf(debut, sizeof debut, "%s", r->debut_period);
    kc__bind_text(st, ":debut", debut);
    kc__bind_text(st, ":before", period);
    int step = sqlite3_step(st);
    run_reset(r);
    r->exists = step == SQLITE_ROW;
    if (r->exists) {
        snprintf(r->debut_period, sizeof r->debut_period, "%s",
                 (const char *)sqlite3_column_text(st, 0));
        r->debut_rank = sqlite3_column_int(st, 1);
        r->periods = sqlite3_column_int(st, 2);
        r->streak = sqlite3_column_int(st, 3);
        r->longest = sqlite3_column_int(st, 4);
        r->peak = sqlite3_column_int(st, 5);
        const unsigned char *pp = sqlite3_column_text(st, 6);
        snprintf(r->peak_period, sizeof r->peak_period, "%s", pp ? (const char *)pp : "");
        r->at_peak = sqlite3_column_int(st, 7);
        r->at_no1 = sqlite3_column_int(st, 8);
        r->reentries = sqlite3_column_int(st, 9);
        snprintf(r->last_period, sizeof r->last_period, "%s",
                 (const char *)sqlite3_column_text(st, 10));
        r->last_rank = sqlite3_column_int(st, 11);
        step = sqlite3_step(st);
    }
    sqlite3_reset(st);
    return step == SQLITE_DONE ? KC_OK : kc__sqlfail(c->db, "run before");
}

/* Takes song's run (*r) into the walk's touched songs, kept for undo and
 * marked to be written; *created when it was not touched yet. */
static int walk_take(ctx *c, int64_t song, run_state **r, bool *created)
{
    struct walk *w = c->walk;
    if (!(*r = kc__runs_load_run(c, song)))
        return c->status;
    void **slot = kc__map_get(w->touched, &song, sizeof song, true, created);
    if (!slot || kc__runs_remember(c->st, *r))
        return kc__fail(c->db, KC_ENOMEM, "out of memory");
    if (!*created)
        return KC_OK;
    if (w->nt == w->capt) {
        size_t cap = w->capt ? w->capt * 2 : 256;
        int64_t *g = kc__realloc(w->tv, cap * sizeof *g);
        if (!g) /* the walk fails whole: nothing reads the slot */
            return kc__fail(c->db, KC_ENOMEM, "out of memory");
        w->tv = g;
        w->capt = cap;
    }
    *slot = *r;
    w->tv[w->nt++] = song;
    return KC_OK;
}

/* Takes song into the walk's touched songs: its run as it stood before the
 * current period (the stored run, which the walk has not changed: as it
 * is when it ended before, empty when it began after, else counted again
 * from the entries before), and every later snapshot holding it or a song
 * sharing a key with it marked due (their rows may find it). */
static int walk_touch(ctx *c, int64_t song)
{
    struct walk *w = c->walk;
    const char *period = w->snaps[w->now].period;
    run_state *r;
    bool created;
    int rc = walk_take(c, song, &r, &created);
    if (rc || !created)
        return rc;
    if (!r->exists || strcmp(r->debut_period, period) >= 0)
        run_reset(r);
    else if (strcmp(r->last_period, period) >= 0)
        rc = walk_state_before(c, r, period);
    if (rc)
        return rc;
    walk_due_song(w, song);
    kc__bind_int64(w->near, ":song", song);
    int step;
    while ((step = sqlite3_step(w->near)) == SQLITE_ROW)
        walk_due_song(w, sqlite3_column_int64(w->near, 0));
    sqlite3_reset(w->near);
    return step == SQLITE_DONE ? KC_OK : kc__sqlfail(c->db, "songs sharing a key");
}

/* Notes that a stored row went from or to song (walk.moved). */
static int walk_moved(ctx *c, int64_t song)
{
    struct walk *w = c->walk;
    bool created;
    if ((!w->moved && !(w->moved = kc__map_new())) ||
        !kc__map_get(w->moved, &song, sizeof song, true, &created))
        return kc__fail(c->db, KC_ENOMEM, "out of memory");
    if (!created)
        return KC_OK;
    if (w->nmv == w->capmv) {
        size_t cap = w->capmv ? w->capmv * 2 : 16;
        int64_t *g = kc__realloc(w->mv, cap * sizeof *g);
        if (!g)
            return kc__fail(c->db, KC_ENOMEM, "out of memory");
        w->mv = g;
        w->capmv = cap;
    }
    w->mv[w->nmv++] = song;
    return KC_OK;
}

/* Counts a resolved row while deriving from a period on: a row that went
 * to the song stored for it, of a song whose run is as stored, holding the
 * same rank (or none) on the previous period as before, keeps its entry;
 * any other is counted, its song's run (and that of the song it held
 * before) counted again. */
static int walk_count(ctx *c, const char *period, bool counters, const pending *row)
{
    struct walk *w = c->walk;
    int64_t old = walk_old_song(w, row->rank);
    bool touched = kc__map_get(w->touched, &row->song, sizeof row->song, false, NULL);
    /* Its entry holds its previous rank, the rest follows from its run. */
    if (!touched && old == row->song &&
        (!w->all || (!w->force && walk_was_rank(w, row->song) ==
                                      kc__runs_set_rank_of(&c->prev, row->song))))
        return KC_OK;
    int rc = touched ? KC_OK : walk_touch(c, row->song);
    if (!rc && old && old != row->song &&
        ((rc = walk_moved(c, old)) || (rc = walk_moved(c, row->song))))
        return rc;
    if (!rc && old && old != row->song &&
        !kc__map_get(w->touched, &old, sizeof old, false, NULL))
        rc = walk_touch(c, old);
    return rc ? rc : count(c, period, counters, row);
}

static char *dup_or_null(const unsigned char *s)
{
    return s ? kc__strdup((const char *)s) : NULL;
}

/* Derives one period. Its rows come from mem when the ingest that stored
 * them still has them (the same rows, not read back), else from the store. */
static int process_period(ctx *c, int64_t snapshot, const char *period, bool counters,
                          const kc__snap *mem)
{
    int rc = KC_OK;
    size_t n = 0, cap = 0;
    pending *rows = NULL;
    kc__runs_set_clear(&c->cur);
    snprintf(c->cur.period, sizeof c->cur.period, "%s", period);
    c->snapshot = snapshot;
    c->period = period;
    /* Billboard's previous rank names the chart before this one: with a
     * period missing from the store (a backfill not done yet), the rank
     * would name a row of an older chart. */
    c->adjacent =
        c->prev.n && kc__period_adjacent(c->cs->cadence[0] ? c->cs->cadence : NULL,
                                         c->prev.period, period);
    if (mem) {
        if (!(rows = kc__malloc((mem->nrows ? mem->nrows : 1) * sizeof *rows)))
            return kc__fail(c->db, KC_ENOMEM, "out of memory");
        for (; n < mem->nrows; n++) {
            const kc__row *r = &mem->rows[n];
            rows[n] = (pending){r->rank,
                                r->p_last < 0 ? 0 : r->p_last,
                                r->p_peak,
                                r->p_periods,
                                (char *)r->title,
                                (char *)r->artist,
                                (char *)r->provider_id,
                                0,
                                false,
                                r->match_title,
                                r->match_credit};
        }
    }
    sqlite3_stmt *o = c->rows;
    kc__bind_int64(o, ":snapshot", snapshot);
    int step = SQLITE_DONE;
    while (!mem && !rc && (step = sqlite3_step(o)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            pending *g = kc__realloc(rows, cap * sizeof *g);
            if (!g) {
                rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
                break;
            }
            rows = g;
        }
        pending *p = &rows[n++];
        *p = (pending){0}; /* nothing made ahead for a stored row */
        p->rank = sqlite3_column_int(o, 0);
        p->title = dup_or_null(sqlite3_column_text(o, 1));
        p->artist = dup_or_null(sqlite3_column_text(o, 2));
        p->pid = dup_or_null(sqlite3_column_text(o, 3));
        p->p_last =
            sqlite3_column_type(o, 4) == SQLITE_NULL ? 0 : sqlite3_column_int(o, 4);
        p->p_peak =
            sqlite3_column_type(o, 5) == SQLITE_NULL ? KC_NONE : sqlite3_column_int(o, 5);
        p->p_periods =
            sqlite3_column_type(o, 6) == SQLITE_NULL ? KC_NONE : sqlite3_column_int(o, 6);
        p->song = c->kept && sqlite3_column_type(o, 7) != SQLITE_NULL
                      ? sqlite3_column_int64(o, 7)
                      : 0;
        p->kept = p->song != 0;
        if (p->kept &&
            kc__runs_set_add(&c->cur, p->song, p->rank, p->title ? p->title : "",
                             p->artist ? p->artist : "", p->pid))
            rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
        if (!p->title || !p->artist ||
            (sqlite3_column_type(o, 3) != SQLITE_NULL && !p->pid))
            rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(c->db, "read rows");
    sqlite3_reset(o);
    /* Identity pass by pass, each in rank order; then count. */
    for (int pass = BY_ID_CONTINUING; pass <= BY_ANY; pass++)
        for (size_t i = 0; !rc && i < n; i++)
            if (!rows[i].song && (rows[i].pid || pass == BY_ANY))
                rc = kc__runs_resolve(c, counters, &rows[i], pass);
    for (size_t i = 0; !rc && i < n; i++)
        if (!rows[i].kept)
            rc = c->walk ? walk_count(c, period, counters, &rows[i])
                         : count(c, period, counters, &rows[i]);
    for (size_t i = 0; !mem && i < n; i++) {
        free(rows[i].title);
        free(rows[i].artist);
        free(rows[i].pid);
    }
    free(rows);
    /* This period becomes the previous one. */
    period_set t = c->prev;
    c->prev = c->cur;
    c->cur = t;
    return rc;
}

/* Loads the derived entries of a stored period as the previous period. */
static int load_prev(ctx *c, const char *period)
{
    sqlite3_stmt *st = kc__prepare(c->db, kc__sql_runs_previous_period);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", c->chart);
    kc__bind_text(st, ":period", period);
    int rc = KC_OK, step = SQLITE_DONE;
    kc__runs_set_clear(&c->prev);
    snprintf(c->prev.period, sizeof c->prev.period, "%s", period);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        if (kc__runs_set_add(&c->prev, sqlite3_column_int64(st, 1),
                             sqlite3_column_int(st, 0),
                             (const char *)sqlite3_column_text(st, 2),
                             (const char *)sqlite3_column_text(st, 3),
                             (const char *)sqlite3_column_text(st, 4)))
            rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(c->db, "previous period");
    sqlite3_finalize(st);
    return rc;
}

static int exec_chart(kc_db *db, const char *sql, const char *chart)
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "runs");
    sqlite3_finalize(st);
    return rc;
}

/* Runs a script of statements (sql), each bound with the chart and, where
 * it names it, :from. */
static int exec_chart_from(kc_db *db, const char *sql, const char *chart,
                           const char *from)
{
    int rc = KC_OK;
    const char *at = sql;
    while (!rc && *at) {
        sqlite3_stmt *st = NULL;
        const char *tail = NULL;
        if (sqlite3_prepare_v2(kc__sql(db), at, -1, &st, &tail) != SQLITE_OK)
            return kc__sqlfail(db, "runs");
        at = tail;
        if (!st) /* the comments and blanks after the last statement */
            break;
        if (sqlite3_bind_parameter_index(st, ":chart"))
            kc__bind_text(st, ":chart", chart);
        if (sqlite3_bind_parameter_index(st, ":from"))
            kc__bind_text(st, ":from", from);
        rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "runs");
        sqlite3_finalize(st);
    }
    return rc;
}

/* Forgets a chart's derived state, and the songs only it knew, so that a
 * recompute decides identity afresh, exactly as a first pass would. */
static int reset_chart(kc_db *db, const char *chart)
{
    /* Runs kept in memory go to the store first: the songs to forget are
     * found there, and what is cached goes. */
    int rc = kc__cache_flush(db);
    if (rc)
        return rc;
    kc__cache_drop(db); /* songs may go: nothing cached stays true */
    if ((rc = kc__exec(db, kc__sql_runs_doomed_clear))) /* made by kc_db_open */
        return rc;
    /* Ids never move (ids.c): the chart's entries and the keys of the
     * songs about to go are noted, and the update deriving the chart again
     * gives each song the id it continues (settle_chart). */
    if ((rc = exec_chart(db, kc__sql_runs_doomed, chart)) ||
        (rc = kc__ids_note(db, false)) ||
        (rc = exec_chart(db, kc__sql_ids_note_chart, chart)) ||
        (rc = kc__exec(db, kc__sql_runs_note_doomed)) ||
        (rc = exec_chart(db, kc__sql_runs_forget_entries, chart)) ||
        (rc = exec_chart(db, kc__sql_runs_forget_runs, chart)))
        return rc;
    return kc__exec(db, kc__sql_runs_forget_songs);
}

int kc__runs_forget(kc_db *db, const char *chart)
{
    return reset_chart(db, chart);
}

/* After a chart was derived again from its start (reset_chart), each song
 * takes the id it continues; the runs in memory go first, as ids move. */
static int settle_chart(kc_db *db)
{
    sqlite3_stmt *st = kc__stmt(db, kc__sql_runs_settle_chart);
    int64_t due = 0;
    int rc = st ? kc__step_id(db, st, &due, "ids") : KC_ESTORE;
    if (rc || !due)
        return rc;
    if ((rc = kc__cache_flush(db)))
        return rc;
    kc__cache_drop(db);
    return kc__ids_settle(db);
}

/* The state of c->chart and the statements of an update, into c (c->db
 * and c->chart set); a statement that failed to prepare is left NULL, the
 * caller's to check. */
static int open_ctx(ctx *c)
{
    int rc = KC_OK;
    if (!(c->st = kc__runs_state_of(c->db, &rc)))
        return rc;
    bool created;
    chart_state **csp = (chart_state **)kc__map_get(c->st->charts, c->chart,
                                                    strlen(c->chart), true, &created);
    if (!csp || (created && !(*csp = kc__calloc(1, sizeof **csp))) ||
        (!(*csp)->runs && !((*csp)->runs = kc__map_new())))
        return kc__fail(c->db, KC_ENOMEM, "out of memory");
    c->cs = *csp;
    snprintf(c->cs->id, sizeof c->cs->id, "%s", c->chart);
    /* What the chart ranks, read once a chart: an album's keys are not a
     * song's (identity never joins two kinds; docs/entities.md). */
    if (!c->cs->kind_known) {
        sqlite3_stmt *st = kc__stmt(c->db, kc__sql_runs_chart_ranks);
        if (!st)
            return KC_ESTORE;
        kc__bind_text(st, ":chart", c->chart);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
            strcmp((const char *)sqlite3_column_text(st, 0), "song"))
            snprintf(c->cs->kind, sizeof c->cs->kind, "%s",
                     (const char *)sqlite3_column_text(st, 0));
        if (step == SQLITE_ROW && sqlite3_column_type(st, 1) != SQLITE_NULL)
            snprintf(c->cs->cadence, sizeof c->cs->cadence, "%s",
                     (const char *)sqlite3_column_text(st, 1));
        else if (step != SQLITE_ROW && step != SQLITE_DONE)
            rc = kc__sqlfail(c->db, "chart ranks");
        sqlite3_reset(st);
        if (rc)
            return rc;
        c->cs->kind_known = true;
    }
    snprintf(c->kind, sizeof c->kind, "%s", c->cs->kind);
    c->keys = kc__stmt(c->db, kc__sql_runs_song_keys);
    c->get_run = kc__stmt(c->db, kc__sql_runs_get_run);
    c->put_entry = kc__stmt(c->db, kc__sql_runs_put_entry);
    c->rows = kc__stmt(c->db, kc__sql_runs_rows);
    if (c->put_entry)
        kc__params(c->put_entry, entry_params, KC_ENTRY_PARAMS, c->entry_ix);
    return KC_OK;
}

int kc__runs_appends(kc_db *db, const char *chart, const char *period, bool *appends)
{
    int rc = KC_OK;
    kc__state *st = kc__runs_state_of(db, &rc);
    if (!st)
        return rc;
    /* The last period derived is the one kept in memory, when it is. */
    void **slot = kc__map_get(st->charts, chart, strlen(chart), false, NULL);
    const chart_state *cs = slot ? *slot : NULL;
    if (cs && cs->prev_period[0]) {
        *appends = strcmp(period, cs->prev_period) > 0;
        return KC_OK;
    }
    sqlite3_stmt *q = kc__stmt(db, kc__sql_runs_last_period);
    if (!q)
        return KC_ESTORE;
    kc__bind_text(q, ":chart", chart);
    int step = sqlite3_step(q);
    *appends = step != SQLITE_ROW || sqlite3_column_type(q, 0) == SQLITE_NULL ||
               strcmp(period, (const char *)sqlite3_column_text(q, 0)) > 0;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "last period");
    sqlite3_reset(q);
    return rc;
}

int kc__runs_update(kc_db *db, const char *chart, const char *from, kc__batch *fresh)
{
    int rc = KC_OK;
    ctx c = {.db = db, .chart = chart};
    char last_done[32] = "";
    /* The last period derived: the newest snapshot with entries (the ones
     * just stored have none yet). */
    sqlite3_stmt *st = kc__stmt(db, kc__sql_runs_last_period);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        snprintf(last_done, sizeof last_done, "%s",
                 (const char *)sqlite3_column_text(st, 0));
    else if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "last period");
    sqlite3_reset(st);
    if (rc)
        return rc;
    if (last_done[0] && from && strcmp(from, last_done) <= 0)
        return kc__runs_derive_from(db, chart, from, NULL, 0); /* a backfill */
    if (last_done[0] && !from) {
        if ((rc = reset_chart(db, chart)))
            return rc;
        last_done[0] = '\0';
    }
    if ((rc = open_ctx(&c)))
        return rc;
    sqlite3_stmt *snaps = kc__stmt(db, kc__sql_runs_snapshots);
    if (!c.keys || !c.get_run || !c.put_entry || !c.rows || !snaps) {
        rc = KC_ESTORE;
        goto out;
    }
    if (last_done[0] && !strcmp(c.cs->prev_period, last_done)) {
        c.prev = c.cs->prev; /* the previous period, kept from the last file */
        memset(&c.cs->prev, 0, sizeof c.cs->prev);
    } else if (last_done[0] && (rc = load_prev(&c, last_done))) {
        goto out;
    }
    c.cs->prev_period[0] = '\0';
    kc__bind_text(snaps, ":chart", chart);
    kc__bind_text(snaps, ":after", last_done);
    while (!rc && (step = sqlite3_step(snaps)) == SQLITE_ROW) {
        char period[32];
        snprintf(period, sizeof period, "%s",
                 (const char *)sqlite3_column_text(snaps, 1));
        const kc__snap *mem = fresh ? kc__batch_find(fresh, chart, period) : NULL;
        if (mem && !mem->stored)
            mem = NULL;
        rc = process_period(&c, sqlite3_column_int64(snaps, 0), period,
                            sqlite3_column_int(snaps, 2), mem);
        if (!rc)
            snprintf(last_done, sizeof last_done, "%s", period);
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "snapshots");
    if (!rc && last_done[0]) {
        /* Keep this period for the next file of the chart. */
        kc__runs_set_free(&c.cs->prev);
        c.cs->prev = c.prev;
        memset(&c.prev, 0, sizeof c.prev);
        snprintf(c.cs->prev_period, sizeof c.cs->prev_period, "%s", last_done);
    }
    if (!rc && !kc__cache_deferred(db))
        rc = kc__cache_flush(db);
    if (!rc)
        rc = settle_chart(db);
out:
    sqlite3_reset(c.keys);
    sqlite3_reset(c.get_run);
    sqlite3_reset(c.put_entry);
    sqlite3_reset(c.rows);
    sqlite3_reset(snaps);
    kc__runs_set_free(&c.prev);
    kc__runs_set_free(&c.cur);
    return rc;
}

/* Reads what kc__runs_derive_from needs of the store into w: the chart's
 * snapshots from `from` on (those without entries due), their entries by
 * period and by song. */
static int walk_load(ctx *c, struct walk *w, const char *from)
{
    sqlite3_stmt *st = kc__prepare(c->db, kc__sql_runs_walk_snapshots);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", c->chart);
    kc__bind_text(st, ":from", from);
    int rc = KC_OK, step;
    size_t cap = 0;
    long last_derived = -1;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (w->nsnaps == cap) {
            cap = cap ? cap * 2 : 64;
            walk_snap *g = kc__realloc(w->snaps, cap * sizeof *g);
            if (!g) {
                rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
                break;
            }
            w->snaps = g;
        }
        walk_snap *s = &w->snaps[w->nsnaps++];
        *s = (walk_snap){.id = sqlite3_column_int64(st, 0),
                         .counters = sqlite3_column_int(st, 2),
                         .derived = sqlite3_column_int(st, 3)};
        snprintf(s->period, sizeof s->period, "%s",
                 (const char *)sqlite3_column_text(st, 1));
        s->due = !s->derived;
        s->was_prev = last_derived;
        if (s->derived)
            last_derived = (long)w->nsnaps - 1;
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(c->db, "snapshots");
    sqlite3_finalize(st);
    if (rc || !w->nsnaps)
        return rc;
    if (!(st = kc__prepare(c->db, kc__sql_runs_walk_entries)))
        return KC_ESTORE;
    kc__bind_text(st, ":chart", c->chart);
    kc__bind_text(st, ":from", from);
    size_t snap = 0;
    cap = 0;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        while (snap < w->nsnaps && w->snaps[snap].id != id)
            snap++;
        if (snap == w->nsnaps) { /* the same order as the snapshots' */
            rc = kc__fail(c->db, KC_ESTORE, "store: entries out of order");
            break;
        }
        if (w->nold == cap) {
            cap = cap ? cap * 2 : 4096;
            walk_entry *g = kc__realloc(w->old, cap * sizeof *g);
            if (!g) {
                rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
                break;
            }
            w->old = g;
        }
        if (!w->snaps[snap].n)
            w->snaps[snap].first = w->nold;
        w->snaps[snap].n++;
        w->old[w->nold++] = (walk_entry){sqlite3_column_int64(st, 2), (uint32_t)snap,
                                         sqlite3_column_int(st, 1)};
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(c->db, "entries");
    sqlite3_finalize(st);
    if (!rc && !(w->at = kc__map_new()))
        rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
    if (!rc && w->nold && !(w->by_song = kc__malloc(w->nold * sizeof *w->by_song)))
        rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
    if (rc || !w->nold)
        return rc;
    memcpy(w->by_song, w->old, w->nold * sizeof *w->old);
    qsort(w->by_song, w->nold, sizeof *w->by_song, cmp_walk_song);
    for (size_t i = 0; i < w->nold; i++) {
        if (i && w->by_song[i].song == w->by_song[i - 1].song)
            continue;
        void **slot =
            kc__map_get(w->at, &w->by_song[i].song, sizeof(int64_t), true, NULL);
        if (!slot)
            return kc__fail(c->db, KC_ENOMEM, "out of memory");
        *slot = (void *)(uintptr_t)(i + 1);
    }
    return KC_OK;
}

/* Whether the period just derived (c->prev) holds other songs than were
 * stored for it. */
static bool walk_changed(const ctx *c)
{
    const walk_snap *s = &c->walk->snaps[c->walk->now];
    if (!s->derived || c->prev.n != s->n)
        return true;
    for (size_t i = 0; i < c->prev.n; i++)
        if (walk_old_song(c->walk, c->prev.v[i].rank) != c->prev.v[i].song)
            return true;
    return false;
}

/* After a walk that moved rows to other songs: the entries it read of the
 * songs those rows went from or to, as they were stored before it, noted
 * for settle_chart (ids-note-from.sql's rows of those songs, not read
 * again), and their songs and keys. ids-entry-pairs.sql counts only pairs
 * whose old song is one of them, so its counts are those of noting the
 * whole tail; a song no row left or joined keeps its id either way. */
static int walk_note(ctx *c)
{
    struct walk *w = c->walk;
    sqlite3_stmt *st = kc__stmt(c->db, kc__sql_ids_note_entry);
    if (!st)
        return KC_ESTORE;
    int rc = KC_OK;
    for (size_t k = 0; !rc && k < w->nmv; k++) {
        int64_t song = w->mv[k];
        void **slot = kc__map_get(w->at, &song, sizeof song, false, NULL);
        for (size_t i = slot ? (size_t)(uintptr_t)*slot - 1 : w->nold;
             !rc && i < w->nold && w->by_song[i].song == song; i++) {
            const walk_entry *e = &w->by_song[i];
            kc__bind_int64(st, ":snapshot", w->snaps[e->snap].id);
            kc__bind_int64(st, ":rank", e->rank);
            kc__bind_int64(st, ":song", e->song);
            rc = kc__runs_step_done(c, st, "note entry");
        }
    }
    return rc ? rc : kc__exec(c->db, kc__sql_ids_note_from_scope);
}

/* After the walk: the runs it counted written, those of songs left with no
 * entry on the chart deleted, and songs left with nothing at all (their
 * rows went to another song) deleted with their keys. */
static int walk_finish(ctx *c, bool *dropped)
{
    struct walk *w = c->walk;
    sqlite3_stmt *run = kc__stmt(c->db, kc__sql_runs_forget_run);
    sqlite3_stmt *song = kc__stmt(c->db, kc__sql_runs_forget_orphan);
    if (!run || !song)
        return KC_ESTORE;
    int rc = KC_OK;
    for (size_t i = 0; !rc && i < w->nt; i++) {
        void **slot = kc__map_get(w->touched, &w->tv[i], sizeof w->tv[i], false, NULL);
        run_state *r = *slot;
        if (r->exists)
            continue;
        r->dirty = false; /* nothing to write: flush() passes it over */
        if (!r->stored)
            continue;
        kc__bind_text(run, ":chart", c->chart);
        kc__bind_int64(run, ":song", r->song);
        if (!(rc = kc__runs_step_done(c, run, "forget run"))) {
            r->stored = false;
            kc__bind_int64(song, ":song", r->song);
            rc = kc__runs_step_done(c, song, "forget song");
            *dropped |= sqlite3_changes(kc__sql(c->db)) > 0;
        }
    }
    return rc;
}

int kc__runs_derive_from(kc_db *db, const char *chart, const char *from,
                         const int64_t *gone, size_t ngone)
{
    /* The stored runs are the walk's starting point: what is kept in memory
     * goes to the store first. */
    int rc = kc__cache_flush(db);
    if (rc)
        return rc;
    /* Ids never move (ids.c): the entries from `from` on are noted, and
     * once derived each song takes the id it continues (settle_chart).
     * Songs taken out are noted at once; a backfill notes its entries
     * only once a row goes to another song, from what its walk read
     * (walk_note): most walks move none, and the chart's whole tail is
     * many rows to note. */
    if ((rc = kc__ids_note(db, false)) ||
        (ngone && (rc = exec_chart_from(db, kc__sql_ids_note_from, chart, from))) ||
        (ngone && (rc = kc__exec(db, kc__sql_ids_note_from_scope))) ||
        (rc = kc__exec(db, kc__sql_ids_note_floor_chart)))
        return rc;
    struct walk w = {0};
    ctx c = {.db = db, .chart = chart, .walk = &w};
    if ((rc = open_ctx(&c)))
        return rc;
    c.put_entry = kc__stmt(db, kc__sql_runs_put_entry_again);
    if (c.put_entry)
        kc__params(c.put_entry, entry_params, KC_ENTRY_PARAMS, c.entry_ix);
    w.near = kc__stmt(db, kc__sql_runs_near);
    w.before = kc__stmt(db, kc__sql_runs_state_before);
    sqlite3_stmt *before = kc__prepare(db, kc__sql_runs_period_before);
    if (!c.keys || !c.get_run || !c.put_entry || !c.rows || !w.near || !w.before ||
        !before) {
        rc = KC_ESTORE;
        goto out;
    }
    if (!(w.touched = kc__map_new())) {
        rc = kc__fail(db, KC_ENOMEM, "out of memory");
        goto out;
    }
    if ((rc = walk_load(&c, &w, from)))
        goto out;
    /* Songs whose entries the caller took out: their runs are counted
     * again from the entries left, as they stand before the first period
     * walked ("~": after every period), and their later periods walked. */
    for (size_t i = 0; !rc && i < ngone; i++) {
        run_state *r;
        bool created;
        if (!(rc = walk_take(&c, gone[i], &r, &created)) && created) {
            rc = walk_state_before(&c, r, w.nsnaps ? w.snaps[0].period : "~");
            walk_due_song(&w, gone[i]);
        }
    }
    if (rc || !w.nsnaps) {
        /* Before settle_chart: once ids move it drops the state c.cs is. */
        c.cs->prev_period[0] = '\0';
        if (!rc && ngone && !(rc = walk_finish(&c, &(bool){false})))
            rc = kc__cache_flush(db);
        if (!rc)
            rc = settle_chart(db);
        goto out;
    }
    /* The period before `from`, as stored, is the first one's previous. */
    kc__bind_text(before, ":chart", chart);
    kc__bind_text(before, ":from", from);
    int step = sqlite3_step(before);
    if (step == SQLITE_ROW && sqlite3_column_type(before, 0) != SQLITE_NULL)
        rc = load_prev(&c, (const char *)sqlite3_column_text(before, 0));
    else if (step != SQLITE_ROW)
        rc = kc__sqlfail(db, "period before");
    for (size_t i = 0; !rc && i < c.prev.n; i++) {
        const placed *p = &c.prev.v[i];
        if (kc__runs_set_add(&w.base, p->song, p->rank, "", "", NULL))
            rc = kc__fail(db, KC_ENOMEM, "out of memory");
    }
    w.snaps[0].due = true;
    size_t last = 0;          /* the last snapshot derived, plus one */
    bool last_changed = true; /* the first one counts every row */
    for (size_t i = 0; !rc && i < w.nsnaps; i++) {
        walk_snap *s = &w.snaps[i];
        if (!s->due)
            continue;
        bool prev_changed = last_changed;
        if (i && last != i) { /* the previous period is as stored */
            rc = load_prev(&c, w.snaps[i - 1].period);
            prev_changed = false;
        }
        w.now = i;
        w.all = prev_changed;
        w.force = i == 0 && s->derived; /* what was before it may be gone */
        if (!rc)
            rc = process_period(&c, s->id, s->period, s->counters, NULL);
        for (size_t k = 0; c.keyed && k < c.keyed->n; k++)
            walk_due_song(&w, c.keyed->ids[k]);
        if (c.keyed)
            c.keyed->n = 0;
        last = i + 1;
        last_changed = !rc && walk_changed(&c);
        if (last_changed && i + 1 < w.nsnaps)
            w.snaps[i + 1].due = true;
    }
    /* Ids may move: the chart's last period is read again, as stored, by
     * the next file. Said before settle_chart, which then drops the state
     * c.cs is part of. */
    c.cs->prev_period[0] = '\0';
    bool dropped = false;
    if (!rc && w.nmv && !ngone)
        rc = walk_note(&c);
    if (!rc)
        rc = walk_finish(&c, &dropped);
    if (!rc)
        rc = kc__cache_flush(db);
    if (!rc)
        rc = settle_chart(db);
    if (!rc && dropped) /* the keys kept in memory name songs gone */
        kc__cache_drop(db);
out:
    sqlite3_finalize(before);
    if (c.keys)
        sqlite3_reset(c.keys);
    if (c.get_run)
        sqlite3_reset(c.get_run);
    if (c.put_entry)
        sqlite3_reset(c.put_entry);
    if (c.rows)
        sqlite3_reset(c.rows);
    kc__runs_set_free(&c.prev);
    kc__runs_set_free(&c.cur);
    kc__runs_set_free(&w.base);
    free(c.keyed);
    free(w.snaps);
    free(w.old);
    free(w.by_song);
    free(w.tv);
    kc__map_free(w.at, NULL);
    kc__map_free(w.touched, NULL);
    kc__map_free(w.moved, NULL);
    free(w.mv);
    return rc;
}

/* ---- windows: part of a chart derived again (merge, split) ------------ */

/* Runs sql, bound with the chart and, where it names them, a window (from
 * binds :from, or :before, the end of what a recount reads). */
static int exec_window(kc_db *db, const char *sql, const char *chart, const char *from,
                       const char *until)
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    if (sqlite3_bind_parameter_index(st, ":from"))
        kc__bind_text(st, ":from", from);
    if (sqlite3_bind_parameter_index(st, ":before"))
        kc__bind_text(st, ":before", from);
    if (sqlite3_bind_parameter_index(st, ":until"))
        kc__bind_text(st, ":until", until);
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "runs window");
    sqlite3_finalize(st);
    return rc;
}

/* Counts again, from their stored entries before `before` ("~": all), the
 * runs on chart of the songs of temp.replayed, and queues those songs for
 * the search (migrate-021.sql). */
static int recount(kc_db *db, const char *chart, const char *before)
{
    int rc = exec_window(db, kc__sql_runs_recompute_forget, chart, NULL, NULL);
    if (!rc)
        rc = exec_window(db, kc__sql_runs_recompute, chart, before, NULL);
    return rc ? rc : kc__exec(db, kc__sql_runs_search_touch_replayed);
}

int kc__runs_cut(kc_db *db, const char *chart, const char *from, const char *until)
{
    /* Runs kept in memory go to the store first: they are counted again
     * from it, and what is cached goes. */
    int rc = kc__cache_flush(db);
    if (rc)
        return rc;
    kc__cache_drop(db);
    if ((rc = kc__exec(db, kc__sql_runs_replayed_clear)) ||
        (rc = exec_window(db, kc__sql_runs_window_note, chart, from, until)) ||
        (rc = exec_window(db, kc__sql_runs_window_songs, chart, from, until)) ||
        (rc = exec_window(db, kc__sql_runs_window_forget, chart, from, until)))
        return rc;
    return recount(db, chart, from);
}

/* The first period in the window of each song that had rows there, as
 * they were before (temp.old_entry), into c->first. */
static int load_first(ctx *c)
{
    sqlite3_stmt *st = kc__prepare(c->db, kc__sql_runs_window_first);
    if (!st)
        return KC_ESTORE;
    int rc = (c->first = kc__map_new()) ? KC_OK
                                        : kc__fail(c->db, KC_ENOMEM, "out of memory"),
        step = SQLITE_DONE;
    kc__bind_text(st, ":chart", c->chart);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        void **slot = kc__map_get(c->first, &id, sizeof id, true, NULL);
        if (!slot || !(*slot = kc__strdup((const char *)sqlite3_column_text(st, 1))))
            rc = kc__fail(c->db, KC_ENOMEM, "out of memory");
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(c->db, "first periods");
    sqlite3_finalize(st);
    return rc;
}

/* *yes: whether the one-row count sql over chart is above 0. */
static int any_of(kc_db *db, const char *sql, const char *chart, bool *yes,
                  const char *what)
{
    sqlite3_stmt *st = kc__prepare(db, sql);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    int rc = KC_OK;
    if (sqlite3_step(st) == SQLITE_ROW)
        *yes = sqlite3_column_int64(st, 0) > 0;
    else
        rc = kc__sqlfail(db, what);
    sqlite3_finalize(st);
    return rc;
}

/* Lets go of what a window's replay or fill held: its statements reset,
 * its period sets and first periods freed, the runs' cache dropped (the
 * chart's previous period is not kept). */
static void close_window(ctx *c)
{
    if (c->keys)
        sqlite3_reset(c->keys);
    if (c->get_run)
        sqlite3_reset(c->get_run);
    if (c->put_entry)
        sqlite3_reset(c->put_entry);
    if (c->rows)
        sqlite3_reset(c->rows);
    kc__runs_set_free(&c->prev);
    kc__runs_set_free(&c->cur);
    kc__map_free(c->first, free);
    kc__cache_drop(c->db);
}

int kc__runs_replay(kc_db *db, const char *chart, const char *from, const char *until,
                    bool *changed)
{
    ctx c = {.db = db, .chart = chart};
    int rc = open_ctx(&c), step = SQLITE_DONE;
    sqlite3_stmt *before = kc__prepare(db, kc__sql_runs_period_before);
    sqlite3_stmt *snaps = kc__prepare(db, kc__sql_runs_snapshots_window);
    if (!rc && (!c.keys || !c.get_run || !c.put_entry || !c.rows || !before || !snaps))
        rc = KC_ESTORE;
    if (!rc) { /* the period before the window is the previous one */
        kc__bind_text(before, ":chart", chart);
        kc__bind_text(before, ":from", from);
        step = sqlite3_step(before);
        if (step == SQLITE_ROW && sqlite3_column_type(before, 0) != SQLITE_NULL)
            rc = load_prev(&c, (const char *)sqlite3_column_text(before, 0));
        else if (step != SQLITE_ROW)
            rc = kc__sqlfail(db, "period before");
    }
    if (!rc)
        rc = load_first(&c);
    if (!rc) {
        kc__bind_text(snaps, ":chart", chart);
        kc__bind_text(snaps, ":from", from);
        kc__bind_text(snaps, ":until", until);
    }
    while (!rc && (step = sqlite3_step(snaps)) == SQLITE_ROW) {
        char period[32];
        snprintf(period, sizeof period, "%s",
                 (const char *)sqlite3_column_text(snaps, 1));
        rc = process_period(&c, sqlite3_column_int64(snaps, 0), period,
                            sqlite3_column_int(snaps, 2), NULL);
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "snapshots");
    if (!rc)
        rc = kc__cache_flush(db);
    if (!rc) /* did rows of songs left alone go elsewhere? */
        rc = any_of(db, kc__sql_runs_window_changed, chart, changed, "window");
    sqlite3_finalize(before);
    sqlite3_finalize(snaps);
    close_window(&c);
    if (!rc && (rc = kc__exec(db, kc__sql_runs_replayed_clear)) == KC_OK &&
        (rc = exec_window(db, kc__sql_runs_window_later, chart, from, until)) == KC_OK)
        rc = recount(db, chart, "~");
    return rc;
}

int kc__runs_rest(kc_db *db, const char *chart, const char *after, char first[32],
                  char last[32])
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_runs_period_after);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":chart", chart);
    kc__bind_text(st, ":after", after);
    int rc = KC_OK;
    first[0] = last[0] = '\0';
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = kc__sqlfail(db, "periods after");
    else if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
        snprintf(first, 32, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(last, 32, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    return rc;
}

int kc__runs_cut_scope(kc_db *db)
{
    int rc = kc__cache_flush(db);
    if (rc)
        return rc;
    kc__cache_drop(db);
    return kc__exec(db, kc__sql_runs_scope_cut);
}

int kc__runs_fill(kc_db *db, const char *chart, const char (*from)[32],
                  const char (*until)[32], size_t n, bool *joined)
{
    ctx c = {.db = db, .chart = chart, .kept = true};
    int rc = open_ctx(&c), step = SQLITE_DONE;
    c.rows = kc__stmt(db, kc__sql_runs_rows_kept);
    sqlite3_stmt *before = kc__prepare(db, kc__sql_runs_period_before);
    sqlite3_stmt *snaps = kc__prepare(db, kc__sql_runs_snapshots_window);
    if (!rc && (!c.keys || !c.get_run || !c.put_entry || !c.rows || !before || !snaps))
        rc = KC_ESTORE;
    if (!rc)
        rc = load_first(&c);
    for (size_t i = 0; !rc && i < n; i++) {
        /* The period before the segment is the previous one: the songs
         * filled in have no row there. */
        kc__runs_set_clear(&c.prev);
        kc__bind_text(before, ":chart", chart);
        kc__bind_text(before, ":from", from[i]);
        step = sqlite3_step(before);
        if (step == SQLITE_ROW && sqlite3_column_type(before, 0) != SQLITE_NULL)
            rc = load_prev(&c, (const char *)sqlite3_column_text(before, 0));
        else if (step != SQLITE_ROW)
            rc = kc__sqlfail(db, "period before");
        sqlite3_reset(before);
        kc__bind_text(snaps, ":chart", chart);
        kc__bind_text(snaps, ":from", from[i]);
        kc__bind_text(snaps, ":until", until[i]);
        while (!rc && (step = sqlite3_step(snaps)) == SQLITE_ROW) {
            char period[32];
            snprintf(period, sizeof period, "%s",
                     (const char *)sqlite3_column_text(snaps, 1));
            rc = process_period(&c, sqlite3_column_int64(snaps, 0), period,
                                sqlite3_column_int(snaps, 2), NULL);
        }
        if (!rc && step != SQLITE_DONE)
            rc = kc__sqlfail(db, "snapshots");
        sqlite3_reset(snaps);
    }
    if (!rc)
        rc = kc__cache_flush(db);
    if (!rc) /* did a row filled in join a song whose entries were kept? */
        rc = any_of(db, kc__sql_runs_fill_joined, chart, joined, "fill");
    sqlite3_finalize(before);
    sqlite3_finalize(snaps);
    close_window(&c);
    return rc;
}
