/*
 * runs_int.h: what the three files of the runs share, and nothing else sees
 * (as SQLite's vdbeInt.h is to the VDBE's files): the run state kept in
 * memory, the sets of songs placed on a period, the context of an update.
 *
 * runs.c walks a chart's periods and counts the runs; runs_identity.c
 * decides which song each row is; runs_state.c is the cache of runs, keys
 * and rules kept between files, and its writing and undoing. Include it
 * only from those three, after derive/derive.h.
 */
#ifndef KC_RUNS_INT_H
#define KC_RUNS_INT_H

#include "derive/derive.h"

#define KC_ENTRY_PARAMS 9 /* runs-put-entry.sql's parameters */

typedef struct {
    int64_t song;
    int32_t rank;
    const char *title, *artist; /* as published that period; in the set's text */
    const char *pid;            /* provider id, NULL if none; in the set's text */
} placed;

typedef struct {
    placed *v;
    size_t n, cap;
    kc__arena *text; /* the strings of v, one arena reused period after period
                        rather than three mallocs a row; owned */
    uint32_t *at;    /* a song's first place in v, plus one, hashed by song
                        (open addressing, nat slots, a power of two); owned */
    size_t nat;
    char period[32]; /* the period the songs were placed on; "" unknown */
} period_set;

typedef struct {
    bool exists;
    char debut_period[32];
    int debut_rank, periods, streak, longest, peak;
    char peak_period[32]; /* "" when the peak was seeded */
    int at_peak, at_no1, reentries;
    char last_period[32];
    int last_rank;
    /* Its writing (runs_state.c, when the store flushes its cache): */
    const char *chart; /* the chart's id, its chart_state's */
    int64_t song;
    bool stored;   /* the store holds a row of this run */
    bool dirty;    /* changed since it was last written */
    uint64_t file; /* the file (kc__state.file) whose undo holds its state */
} run_state;

/* Songs holding one key. */
typedef struct {
    size_t n, cap;
    int64_t ids[];
} songlist;

/* A row's title + credit key, folded once per spelling; after tkey's NUL,
 * nalt keys of its other spellings and nalias other titles, each
 * NUL-terminated (model/identity.c's kc__title_forms). */
typedef struct {
    bool empty_title;
    size_t match_len; /* of the matching form in tkey, after "t:" */
    unsigned nalt, nalias;
    char tkey[];
} folded;

typedef struct {
    char id[64];          /* the chart */
    kc__map *runs;        /* song id -> run_state */
    period_set prev;      /* the last period derived, kept for the next */
    char prev_period[32]; /* "" when prev is not kept */
    char kind[8];         /* what the chart ranks, as ctx.kind */
    char cadence[16];     /* the chart's cadence, "" when unknown */
    bool kind_known;      /* kind and cadence read from the registry */
} chart_state;

/* A run the current file changed, as it was when the file began. */
struct undo {
    run_state *run;
    run_state was;
};

/* What an ingest keeps in memory between files, so that a directory of
 * snapshots costs no store reads per row: song keys, runs of each chart, the
 * previous period, folded spellings. A cache of the store,
 * never more: dropped on rollback, rebuild or another connection's write. */
typedef struct kc__state kc__state;
struct kc__state {
    kc__map *keys;     /* key -> songlist */
    kc__map *folds;    /* title \x1f artist -> folded */
    kc__map *charts;   /* chart id -> chart_state */
    kc__map *rules;    /* key -> the key to look up instead (merge, split) */
    run_state **dirty; /* runs to write, some perhaps written since (!dirty) */
    size_t ndirty, capdirty;
    struct undo *undo; /* runs the current file changed */
    size_t nundo, capundo;
    uint64_t file; /* counts files begun; from 1 */
    bool keeping;  /* a rebuild, merge or split is under way: a new song
                      takes the id its row had (temp.id_floor is set) */
};

typedef struct {
    kc_db *db;
    kc__state *st;
    chart_state *cs;
    const char *chart;
    sqlite3_stmt *keys, *get_run, *put_entry, *rows;
    int entry_ix[KC_ENTRY_PARAMS]; /* put_entry's parameters (runs.c) */
    period_set prev, cur;
    int64_t found[256]; /* songs a key lookup found */
    bool new_here;      /* the row being resolved is new on this chart */
    int64_t snapshot;   /* the snapshot being derived */
    char kind[8];       /* what the chart ranks when not songs ("album",
                           "artist"): its keys carry it; "" for songs */
    const char *period; /* its period */
    bool adjacent;      /* the previous period (prev) is the one right
                           before it in the chart's cadence, no whole
                           period missing between them: the provider's
                           previous rank names a row of prev */
    bool kept;          /* filling (kc__runs_fill): rows with an entry are
                           kept as they are, the others derived */
    kc__map *first;     /* replaying a window (kc__runs_replay): song id ->
                           its first period in the window before, owned;
                           else NULL */
    int status;         /* of the last failure of lookup(), its message set */
    struct walk *walk;  /* deriving again from a period on
                           (kc__runs_derive_from): what the walk knows of
                           the entries stored before it; else NULL */
    songlist *keyed;    /* walking: the songs sharing a key that a song
                           gained this period (their rows further on may
                           find it); owned, NULL until the first */
} ctx;

/* One row of the period being derived. */
typedef struct {
    int32_t rank, p_last, p_peak, p_periods;
    char *title, *artist, *pid; /* owned, or the ingest's (process_period) */
    int64_t song;               /* 0 until resolved */
    bool kept;                  /* filling: its entry is kept, not derived */
    const char *match_title;    /* the matching forms made ahead (kc__row's), */
    const char *match_credit;   /* borrowed; NULL: fold_row makes them */
} pending;

/* How much of the identity rules a pass of kc__runs_resolve() applies. */
enum { BY_ID_CONTINUING, BY_ID, BY_ANY };

/* ---- runs_identity.c -------------------------------------------------- */
/* Decides which song a row is (the identity rules at the top of runs.c)
 * and claims it for this period. Passes go from the surest match to the
 * loosest, so that a looser match cannot take a song a surer one names:
 * BY_ID_CONTINUING takes only a provider id match whose song was on the
 * previous period (two ids of one song charting together: the one that was
 * there keeps the run), BY_ID any id match, BY_ANY the rest. */
int kc__runs_resolve(ctx *c, bool counters, pending *row, int pass);

/* ---- runs_state.c ----------------------------------------------------- */
/* A period's placed songs: emptied (its text kept for reuse), freed, a song
 * added (-1 when out of memory), and found by song or by rank. */
void kc__runs_set_clear(period_set *s);
/* Frees what s holds; s is then empty and may be used again. */
void kc__runs_set_free(period_set *s);
int kc__runs_set_add(period_set *s, int64_t song, int32_t rank, const char *title,
                     const char *artist, const char *pid);
int32_t kc__runs_set_rank_of(const period_set *s, int64_t song);
const placed *kc__runs_set_find(const period_set *s, int64_t song);
const placed *kc__runs_set_at_rank(const period_set *s, int32_t rank);
/* The key to look up for key, after the user's rules; borrowed. */
const char *kc__runs_ruled(const kc__state *st, const char *key, bool *split);
/* The state kept in memory, made on first use. NULL on failure, with the
 * message set and the status in *status. */
kc__state *kc__runs_state_of(kc_db *db, int *status);
/* The run of song on this chart, cached; read from the store on first use.
 * NULL when out of memory or on a store error (c->status and the message
 * set). */
run_state *kc__runs_load_run(ctx *c, int64_t song);
/* The same for a song made just now (kc__entity_new), which has no run on
 * any chart yet (a run's song must exist): none is read from the store. */
run_state *kc__runs_new_run(ctx *c, int64_t song);
/* Marks r to be written and, the first time the current file changes it,
 * keeps its state for kc__runs_undo; -1 when out of memory (r unchanged). */
int kc__runs_remember(kc__state *st, run_state *r);

/* Runs st (bound) to its end and resets it; on failure c->status and the
 * message are set (naming what) and returned. */
int kc__runs_step_done(ctx *c, sqlite3_stmt *st, const char *what);

#endif
