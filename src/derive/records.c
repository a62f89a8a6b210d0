/*
 * records.c: records over cohorts (docs/records.md). A cohort is a set of
 * songs (or artists) picked by what the catalog says of them: market,
 * artist kind, role and kind of the first release, its year, a credited
 * artist, a group's members. A measure is a series total (streams, views,
 * followers) or a counter of a chart (periods on it, periods at No. 1, the
 * peak, the longest streak). The answer is first, fastest, only or most,
 * with the ordered list behind it, derived from the store on every query.
 * The words that name a cohort ("K-pop b-side by a soloist") are written
 * here once, for the answers and for the news (kc__cohort_words); which
 * records are news is the news layer's (news/news.c).
 */
#include "derive/derive.h"

#pragma GCC diagnostic ignored "-Woverlength-strings"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 1024 /* an artist's name as stored (catalog.c, series.c) */

static const char *const artist_kinds[] = {"group", "solo", "unit", "other", NULL};
static const char *const roles[] = {"title", "b-side",   "pre-release",
                                    "ost",   "fan-song", NULL};
static const char *const release_kinds[] = {"album",   "ep",  "single", "repackage",
                                            "mixtape", "ost", NULL};
static const char *const credits[] = {"lead", "featured", "solo", "any", NULL};
static const char *const modes[] = {"most", "first", "fastest", "only", NULL};
static const char *const chart_measures[] = {"periods", "no1", "peak", "streak", NULL};

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(s, *list))
            return true;
    return false;
}

/* "a, b or c" of a list, into out. */
static void list_words(const char *const *list, char *out, size_t len)
{
    size_t o = 0, n = 0;
    while (list[n])
        n++;
    out[0] = '\0';
    for (size_t i = 0; i < n && o < len; i++)
        o += (size_t)snprintf(out + o, len - o, "%s%s",
                              i == 0       ? ""
                              : i + 1 == n ? " or "
                                           : ", ",
                              list[i]);
}

static int check_word(kc_db *db, const char *what, const char *value,
                      const char *const *list)
{
    if (!value || in_list(value, list))
        return KC_OK;
    char words[160];
    list_words(list, words, sizeof words);
    return kc__fail(db, KC_EINPUT, "%s \"%s\" is not one of %s", what, value, words);
}

/* The statements are laid out as SQL, not as C. */
/* clang-format off */
/* The cohort's song ids (CTE `coh`, one column id), and `fr`: the first
 * release of each song of base that passes the credit filters (of all of
 * them without a cohort), its role there, the release's kind, instant, date
 * as written and title, NULL when it has none. Binds: ?11 role, ?12 release
 * kind, ?13 market, ?14 artist kind, ?15 artist id, ?16 credit, ?17 year,
 * ?19 group id (a member's songs). The lead credits decide market and
 * kind: a song is K-pop when one of its leads is, by soloists when every
 * lead is one; with an artist, credit says how they are credited (solo: the
 * one lead), alone, solo means songs with one lead. The credits are weighed
 * first (`pre`), so that the first release is looked up, one seek of an
 * index per song, only for the songs they leave; then role, kind and year
 * (`coh`). Each CTE is read from the one before it, never joined to it: a
 * join to a CTE needs an automatic index, and the planner may choose to
 * scan instead. */
#define SONG_COHORT                                                                      \
    " pre AS MATERIALIZED (SELECT DISTINCT c.song_id AS id FROM (SELECT DISTINCT id"     \
    "  FROM base) b JOIN catalog_song c ON c.song_id = b.id WHERE 1"                     \
    "  AND (?13 IS NULL OR EXISTS (SELECT 1 FROM song_credit sc JOIN artist a"           \
    "   ON a.id = sc.artist_id WHERE sc.catalog_song_id = c.id AND sc.credit = 'lead'"   \
    "   AND lower(a.market) = lower(?13)))"                                              \
    "  AND (?14 IS NULL OR (EXISTS (SELECT 1 FROM song_credit sc"                        \
    "   WHERE sc.catalog_song_id = c.id AND sc.credit = 'lead')"                         \
    "   AND NOT EXISTS (SELECT 1 FROM song_credit sc JOIN artist a ON a.id = sc.artist_id"\
    "   WHERE sc.catalog_song_id = c.id AND sc.credit = 'lead' AND a.kind <> ?14)))"     \
    "  AND (?15 IS NULL OR EXISTS (SELECT 1 FROM song_credit sc"                         \
    "   WHERE sc.catalog_song_id = c.id AND sc.artist_id = CAST(?15 AS INTEGER)"         \
    "   AND (?16 IS NULL OR ?16 = 'any' OR sc.credit = ?16 OR (?16 = 'solo'"             \
    "    AND sc.credit = 'lead' AND NOT EXISTS (SELECT 1 FROM song_credit x"             \
    "    WHERE x.catalog_song_id = c.id AND x.credit = 'lead'"                           \
    "    AND x.artist_id <> sc.artist_id)))))"                                           \
    "  AND (?15 IS NOT NULL OR ?16 IS NULL OR ?16 <> 'solo' OR (SELECT count(*)"         \
    "   FROM song_credit x WHERE x.catalog_song_id = c.id AND x.credit = 'lead') = 1)"   \
    "  AND (?19 IS NULL OR EXISTS (SELECT 1 FROM song_credit sc JOIN artist_member m"    \
    "   ON m.member_id = sc.artist_id WHERE sc.catalog_song_id = c.id"                   \
    "   AND sc.credit = 'lead' AND m.group_id = CAST(?19 AS INTEGER)))),"                \
    " fr AS MATERIALIZED (SELECT pre.id AS song_id, rs.role AS role, r.kind AS rkind,"   \
    "  r.released_utc AS utc, r.released AS released, r.title AS rtitle FROM pre"        \
    "  LEFT JOIN release_song rs ON (rs.release_id, rs.catalog_song_id) ="               \
    "  (SELECT x.release_id, x.catalog_song_id FROM catalog_song c"                      \
    "   JOIN release_song x ON x.catalog_song_id = c.id JOIN release y"                  \
    "   ON y.id = x.release_id WHERE c.song_id = pre.id"                                 \
    "   ORDER BY y.released_utc, y.id, x.catalog_song_id LIMIT 1)"                       \
    "  LEFT JOIN release r ON r.id = rs.release_id),"                                    \
    " coh AS MATERIALIZED (SELECT song_id AS id FROM fr"                                 \
    "  WHERE (?11 IS NULL OR role = ?11) AND (?12 IS NULL OR rkind = ?12)"               \
    "  AND (?17 IS NULL OR substr(released, 1, 4) = ?17))"

/* The cohort of artists (for followers): market, kind, one artist, a
 * group's members. */
#define ARTIST_COHORT                                                                    \
    " fr AS (SELECT NULL AS song_id, NULL AS role, NULL AS rkind, NULL AS utc,"          \
    "  NULL AS released, NULL AS rtitle WHERE 0),"                                       \
    " coh AS MATERIALIZED (SELECT a.id AS id FROM (SELECT DISTINCT id FROM base) b"      \
    "  JOIN artist a ON a.id = b.id"                                                     \
    "  WHERE (?13 IS NULL OR lower(a.market) = lower(?13))"                              \
    "  AND (?14 IS NULL OR a.kind = ?14)"                                                \
    "  AND (?15 IS NULL OR a.id = CAST(?15 AS INTEGER))"                                 \
    "  AND (?19 IS NULL OR EXISTS (SELECT 1 FROM artist_member m"                        \
    "   WHERE m.member_id = a.id AND m.group_id = CAST(?19 AS INTEGER))))"

/* A series measure (?1 the source) reads the songs or artists of base (id):
 * with a threshold ?4, those whose series crossed the highest mark at or
 * below it (mk), read off the milestone table with the day of that
 * crossing and of the total before it (a series that did not cross that
 * mark did not cross the threshold; one that did crossed it on or after
 * that day); else every one. The cohort is computed over these alone.
 * Then for each of their subjects (a song's CSV title and its kworb id are
 * two subjects of one song; its milestone is stored under one of them): the
 * total on or before day ?3 (for most) and the first total at or above the
 * threshold (on or before ?3), searched from the milestone's day; on a mark,
 * for a song of one subject, that milestone is the answer. The value is the
 * total on ?3 for most, else the total that crossed. A song counts once, at
 * the earliest crossing of any of its subjects, and the total before it is
 * the last of any of them. Every lookup is one seek of an index (point's
 * key, milestone's, an automatic one on fr). */
#define SERIES_BASE                                                                      \
    " src AS (SELECT subject AS skind, platform FROM series_source WHERE id = ?1),"      \
    " mk AS (SELECT max(mark) AS mark FROM milestone WHERE source = ?1"                  \
    "  AND mark <= CAST(?4 AS INTEGER)),"                                                \
    " base AS MATERIALIZED (SELECT CASE s.kind WHEN 'song' THEN s.song_id"               \
    "  ELSE s.artist_id END AS id, m.day AS mday, m.prev_day AS mprev"                   \
    "  FROM mk JOIN milestone m ON m.source = ?1 AND m.mark = mk.mark"                   \
    "  JOIN subject s ON s.id = m.subject_id WHERE ?4 IS NOT NULL"                       \
    "  UNION SELECT CASE s.kind WHEN 'song' THEN s.song_id ELSE s.artist_id END,"        \
    "  NULL, NULL FROM subject s, src, mk WHERE s.kind = src.skind"                      \
    "  AND (?4 IS NULL OR mk.mark IS NULL)),"

#define SERIES_MEASURE                                                                   \
    " cand0 AS (SELECT b.id AS id, s.id AS sid, b.mday AS mday, b.mprev AS mprev"       \
    "  FROM base b JOIN subject s ON s.song_id = b.id AND s.kind = 'song'"               \
    "  WHERE (SELECT skind FROM src) = 'song'"                                           \
    "  UNION ALL SELECT b.id, s.id, b.mday, b.mprev FROM base b JOIN subject s"          \
    "  ON s.artist_id = b.id AND s.kind = 'artist' WHERE (SELECT skind FROM src) = 'artist'),"\
    " cand AS MATERIALIZED (SELECT c0.*, count(*) OVER (PARTITION BY c0.id) AS n"       \
    "  FROM cand0 c0 WHERE ?18 IS NULL OR c0.id IN (SELECT id FROM coh)),"               \
    " vr AS MATERIALIZED (SELECT c.id AS id, c.sid AS sid, c.n AS n, c.mprev AS mprev,"  \
    "  mk.mark = CAST(?4 AS INTEGER) AS onmark,"                                         \
    "  CASE WHEN ?4 IS NULL OR ?5 = 'most' THEN (SELECT p.value FROM point p"            \
    "   WHERE p.subject_id = c.sid AND p.source = ?1 AND p.kind = 'total'"               \
    "   AND p.day <= CAST(?3 AS INTEGER) ORDER BY p.day DESC LIMIT 1) END AS last,"      \
    "  CASE WHEN ?4 IS NULL THEN NULL WHEN mk.mark = CAST(?4 AS INTEGER) AND c.n = 1"    \
    "   THEN CASE WHEN c.mday <= CAST(?3 AS INTEGER) THEN c.mday END"                    \
    "  ELSE (SELECT p.day FROM point p WHERE"                                            \
    "   p.subject_id = c.sid AND p.source = ?1 AND p.kind = 'total'"                     \
    "   AND p.value >= CAST(?4 AS INTEGER) AND p.day >= coalesce(c.mday, 0)"             \
    "   AND p.day <= CAST(?3 AS INTEGER) ORDER BY p.day LIMIT 1)"                        \
    "  END AS rday FROM cand c, mk),"                                                    \
    " v0 AS (SELECT id, sid, n, mprev, onmark, rday, coalesce(last, (SELECT p.value FROM point p"\
    "  WHERE p.subject_id = vr.sid AND p.source = ?1 AND p.kind = 'total'"               \
    "  AND p.day = vr.rday)) AS value FROM vr),"                                         \
    " v1 AS (SELECT v0.*, min(v0.rday) OVER (PARTITION BY v0.id) AS erday FROM v0),"    \
    " v2 AS (SELECT v1.*, CASE WHEN v1.onmark AND v1.n = 1 THEN v1.mprev ELSE"           \
    "  (SELECT p.day FROM point p WHERE p.subject_id = v1.sid"                           \
    "  AND p.source = ?1 AND p.kind = 'total' AND p.day < v1.erday"                      \
    "  ORDER BY p.day DESC LIMIT 1) END AS sprev FROM v1),"                              \
    " v3 AS (SELECT v2.*, max(v2.sprev) OVER (PARTITION BY v2.id) AS prev,"              \
    "  row_number() OVER (PARTITION BY v2.id ORDER BY v2.rday IS NULL, v2.rday,"         \
    "   v2.value DESC, v2.sid) AS k FROM v2),"                                           \
    " v AS (SELECT v3.id AS id, v3.value AS value, v3.rday AS rday,"                     \
    "  date(v3.rday * 86400, 'unixepoch') AS reached,"                                   \
    "  CASE WHEN v3.prev IS NOT NULL AND v3.rday - v3.prev > 1"                          \
    "   THEN date((v3.prev + 1) * 86400, 'unixepoch') END AS since,"                     \
    "  CASE WHEN v3.rday IS NULL THEN '' WHEN v3.prev IS NULL THEN 'open'"               \
    "   WHEN v3.rday - v3.prev > 1 THEN 'sparse' ELSE '' END AS flag,"                   \
    "  fr.role AS role, fr.rtitle AS rtitle, fr.released AS released,"                   \
    "  v3.rday - CASE WHEN src.skind = 'song' THEN " KC__SQL_DAY("fr.utc")             \
    "   ELSE ac.joined END AS days"                                                      \
    "  FROM v3 JOIN src LEFT JOIN fr ON src.skind = 'song' AND fr.song_id = v3.id"       \
    "  LEFT JOIN artist_account ac ON src.skind = 'artist' AND ac.artist_id = v3.id"     \
    "  AND ac.platform = src.platform WHERE v3.k = 1 AND v3.value IS NOT NULL"           \
    "  AND (?4 IS NULL OR v3.rday IS NOT NULL))"

/* A chart measure (?1 periods, no1, peak or streak; ?2 the chart): each
 * song's counter from its entries up to period ?3 (a date; NULL: all), and
 * with a threshold ?4 the first period it met it (periods, streak: at least
 * ?4; peak: No. ?4 or better; no1: its ?4th period at No. 1). */
#define CHART_BASE                                                                       \
    " base AS MATERIALIZED (SELECT song_id AS id FROM run WHERE chart_id = ?2),"

#define CHART_MEASURE                                                                    \
    " agg AS (SELECT e.song_id AS id, max(e.periods) AS periods, min(e.peak) AS peak,"   \
    "  sum(e.rank = 1) AS no1, max(e.streak) AS streak,"                                 \
    "  min(CASE WHEN (?1 = 'periods' AND e.periods >= CAST(?4 AS INTEGER))"              \
    "   OR (?1 = 'streak' AND e.streak >= CAST(?4 AS INTEGER))"                          \
    "   OR (?1 = 'peak' AND e.rank <= CAST(?4 AS INTEGER)) THEN s.period END) AS r"      \
    "  FROM snapshot s JOIN entry e ON e.snapshot_id = s.id WHERE s.chart_id = ?2"       \
    "  AND (?3 IS NULL OR " KC__SQL_PERIOD_DAY("s.period") " <= ?3)"                                \
    "  AND (?18 IS NULL OR e.song_id IN (SELECT id FROM coh)) GROUP BY e.song_id),"      \
    " nth AS (SELECT id, period FROM (SELECT e.song_id AS id, s.period AS period,"       \
    "  row_number() OVER (PARTITION BY e.song_id ORDER BY s.period) AS k"                \
    "  FROM snapshot s JOIN entry e ON e.snapshot_id = s.id AND e.rank = 1"              \
    "  WHERE ?1 = 'no1' AND ?4 IS NOT NULL AND s.chart_id = ?2"                          \
    "  AND (?3 IS NULL OR " KC__SQL_PERIOD_DAY("s.period") " <= ?3)) WHERE k = CAST(?4 AS INTEGER)),"\
    " v AS (SELECT a.id AS id, CASE ?1 WHEN 'periods' THEN a.periods WHEN 'peak'"        \
    "  THEN a.peak WHEN 'no1' THEN a.no1 ELSE a.streak END AS value,"                    \
    "  CASE WHEN ?1 = 'no1' THEN n.period ELSE a.r END AS reached,"                      \
    "  NULL AS since, '' AS flag, fr.role AS role, fr.rtitle AS rtitle,"                 \
    "  fr.released AS released,"                                                         \
    "  CAST(julianday(" KC__SQL_PERIOD_DAY("CASE WHEN ?1 = 'no1' THEN n.period ELSE a.r END") ")"\
    "   - 2440587.5 AS INTEGER) - " KC__SQL_DAY("fr.utc") " AS days"                      \
    "  FROM agg a LEFT JOIN nth n ON n.id = a.id LEFT JOIN fr ON fr.song_id = a.id"     \
    "  WHERE ?4 IS NULL OR (CASE WHEN ?1 = 'no1' THEN n.period ELSE a.r END)"           \
    "  IS NOT NULL)"

/* The ordered list (?5 the mode, ?1 for the direction of a peak, ?6 the
 * limit, ?7 set when the ids are artists'): most by the value (a peak: the
 * lowest), first by the date reached (every row has one), fastest by days
 * from release (or the account's joining; rows without one are listed last,
 * unranked, and not counted in of), only as first: one key, one ranking. */
#define RECORDS_LIST                                                                     \
    " o AS (SELECT v.*, CASE ?5 WHEN 'most' THEN CASE WHEN ?1 = 'peak' THEN v.value"     \
    "  ELSE -v.value END WHEN 'fastest' THEN v.days ELSE v.reached END AS key FROM v),"  \
    " ranked AS (SELECT o.*, CASE WHEN o.key IS NOT NULL THEN rank() OVER (ORDER BY"     \
    "  o.key IS NULL, o.key) END AS rank, count(o.key) OVER () AS of FROM o)"            \
    " SELECT r.rank AS rank, coalesce(sg.title, ar.name) AS title,"                      \
    " coalesce(sg.artist, '') AS artist, r.value AS value,"                              \
    " r.reached AS reached, r.since AS 'from', r.flag AS flag, r.days AS days,"          \
    " r.role AS role, r.rtitle AS release, r.released AS released, r.of AS of,"          \
    " r.id AS id FROM ranked r"                                                          \
    " LEFT JOIN song sg ON ?7 IS NULL AND sg.id = r.id"                                  \
    " LEFT JOIN artist ar ON ?7 IS NOT NULL AND ar.id = r.id"                            \
    " ORDER BY r.rank IS NULL, r.rank, r.reached, r.value DESC, title, r.id"             \
    " LIMIT CAST(?6 AS INTEGER)"
/* clang-format on */

/* ---- the answer in words ------------------------------------------------ */

typedef struct {
    char cohort[2600]; /* "K-pop b-side by a soloist" (with names as asked) */
    char reach[600];   /* "reach 700,000,000 Spotify streams" */
    char most[600];    /* "the most Spotify streams" */
} words;

static void append(char *buf, size_t len, const char *fmt, const char *a)
{
    size_t o = strlen(buf);
    if (o < len)
        snprintf(buf + o, len - o, fmt, a);
    kc__utf8_cut(buf);
}

/* The cohort's market, as the words' start ("K-pop "): "k-pop" as "K-pop",
 * a one-letter prefix being a letter of a name. */
static void market_prefix(const kc_cohort *c, char *b, size_t len)
{
    b[0] = '\0';
    if (c->market) {
        append(b, len, "%s ", c->market);
        if (b[0] >= 'a' && b[0] <= 'z' && b[1] == '-')
            b[0] = (char)(b[0] - 'a' + 'A');
    }
}

/* Who made a song or release of the cohort, and when: " by a soloist",
 * " by a member of G", the artist (with how a song credits them), " released
 * in Y". */
static void by_phrases(const kc_cohort *c, bool song, char *b, size_t len)
{
    if (c->artist_kind)
        append(b, len, " by %s",
               !strcmp(c->artist_kind, "solo")    ? "a soloist"
               : !strcmp(c->artist_kind, "group") ? "a group"
               : !strcmp(c->artist_kind, "unit")  ? "a unit"
                                                  : "an artist of kind other");
    if (c->member_of)
        append(b, len, " by a member of %s", c->member_of);
    if (c->artist) {
        const char *cr = c->credit && song ? c->credit : "any";
        append(b, len,
               !strcmp(cr, "lead")       ? " led by %s"
               : !strcmp(cr, "featured") ? " featuring %s"
               : !strcmp(cr, "solo")     ? " by %s alone"
               : song                    ? " credited to %s"
                                         : " by %s",
               c->artist);
    }
    if (c->year) {
        char y[16];
        snprintf(y, sizeof y, "%d", c->year);
        append(b, len, " released in %s", y);
    }
}

void kc__cohort_words(const kc_cohort *c, kc__cohort_of of, char *b, size_t len)
{
    market_prefix(c, b, len);
    if (of == KC__COHORT_ARTISTS) {
        const char *k = !c->artist_kind                    ? "artist"
                        : !strcmp(c->artist_kind, "solo")  ? "soloist"
                        : !strcmp(c->artist_kind, "other") ? "artist"
                                                           : c->artist_kind;
        append(b, len, "%s", k);
        if (c->member_of)
            append(b, len, " member of %s", c->member_of);
        if (c->artist)
            append(b, len, " (%s)", c->artist);
        return;
    }
    if (of == KC__COHORT_RELEASES) {
        append(b, len, "%s",
               !c->release_kind                  ? "release"
               : !strcmp(c->release_kind, "ep")  ? "EP"
               : !strcmp(c->release_kind, "ost") ? "OST"
                                                 : c->release_kind);
        by_phrases(c, false, b, len);
        return;
    }
    bool solo = c->credit && !strcmp(c->credit, "solo") && !c->artist;
    const char *noun = !c->role                          ? "song"
                       : !strcmp(c->role, "title")       ? "title track"
                       : !strcmp(c->role, "ost")         ? "OST"
                       : !strcmp(c->role, "fan-song")    ? "fan song"
                       : !strcmp(c->role, "pre-release") ? "pre-release"
                                                         : c->role;
    append(b, len, "%s", solo ? "solo " : "");
    append(b, len, "%s", noun);
    if (c->release_kind)
        append(b, len, " from %s",
               !strcmp(c->release_kind, "album")     ? "an album"
               : !strcmp(c->release_kind, "ep")      ? "an EP"
               : !strcmp(c->release_kind, "ost")     ? "an OST"
               : !strcmp(c->release_kind, "single")  ? "a single"
               : !strcmp(c->release_kind, "mixtape") ? "a mixtape"
                                                     : "a repackage");
    by_phrases(c, true, b, len);
}

/* The measure's phrases; chart is the chart's name, unit its periods
 * ("weeks"). */
static void measure_words(const kc_records_opts *o, const char *chart, const char *unit,
                          words *w)
{
    char n[32] = "";
    kc__format_thousands(o->at_least, n, sizeof n);
    const char *m = o->measure;
    if (!o->chart) {
        /* "spotify-streams": "Spotify streams" */
        char what[96];
        const char *dash = strchr(m, '-');
        size_t k = dash ? (size_t)(dash - m) : strlen(m);
        const char *plat = !strncmp(m, "spotify", k)       ? "Spotify"
                           : !strncmp(m, "youtube", k)     ? "YouTube"
                           : !strncmp(m, "instagram", k)   ? "Instagram"
                           : !strncmp(m, "tiktok", k)      ? "TikTok"
                           : !strncmp(m, "x", k) && k == 1 ? "X"
                           : !strncmp(m, "weverse", k)     ? "Weverse"
                                                           : NULL;
        if (plat && dash)
            snprintf(what, sizeof what, "%s %s", plat, dash + 1);
        else
            snprintf(what, sizeof what, "%s", m);
        snprintf(w->reach, sizeof w->reach, "reach %s %s", n, what);
        snprintf(w->most, sizeof w->most, "the most %s", what);
        return;
    }
    if (!strcmp(m, "periods")) {
        snprintf(w->reach, sizeof w->reach, "spend %s %s on the %s", n, unit, chart);
        snprintf(w->most, sizeof w->most, "the most %s on the %s", unit, chart);
    } else if (!strcmp(m, "no1")) {
        snprintf(w->reach, sizeof w->reach, "spend %s %s at No. 1 on the %s", n, unit,
                 chart);
        snprintf(w->most, sizeof w->most, "the most %s at No. 1 on the %s", unit, chart);
    } else if (!strcmp(m, "streak")) {
        snprintf(w->reach, sizeof w->reach, "stay %s consecutive %s on the %s", n, unit,
                 chart);
        snprintf(w->most, sizeof w->most, "the longest streak on the %s", chart);
    } else {
        if (o->at_least == 1)
            snprintf(w->reach, sizeof w->reach, "reach No. 1 on the %s", chart);
        else
            snprintf(w->reach, sizeof w->reach, "reach the top %s of the %s", n, chart);
        snprintf(w->most, sizeof w->most, "the best peak on the %s", chart);
    }
}

/* The phrases of a sales measure ("sell 200,000 copies in its first week at
 * Oricon"); provider is the provider's name. */
static void release_words(const kc_records_opts *o, const char *provider, words *w)
{
    char n[32];
    kc__format_thousands(o->at_least, n, sizeof n);
    bool week = !strcmp(o->measure, "first-week");
    snprintf(w->reach, sizeof w->reach, "sell %s copies %s at %s", n,
             week ? "in its first week" : "on its first day", provider);
    snprintf(w->most, sizeof w->most, "the most %s sales at %s",
             week ? "first-week" : "first-day", provider);
}

/* The answer: a sentence on the first row of t (and how many rows). */
static int answer(kc_db *db, const kc_records_opts *o, const words *w, kc_table *t)
{
    const char *mode = o->mode ? o->mode : "most";
    size_t of = t->nrows ? (size_t)strtoull(kc_table_cell(t, 0, 11), NULL, 10) : 0;
    const char *title = t->nrows ? kc_table_cell(t, 0, 1) : NULL;
    const char *artist = t->nrows ? kc_table_cell(t, 0, 2) : NULL;
    const char *rank = t->nrows ? kc_table_cell(t, 0, 0) : NULL;
    char who[2200], buf[6000], num[32] = "";
    snprintf(who, sizeof who, "%s%s%s%s", title ? title : "?",
             artist && *artist ? " (" : "", artist && *artist ? artist : "",
             artist && *artist ? ")" : "");
    kc__utf8_cut(who);
    /* Rows sharing the first rank (open crossings on the day totals begin
     * are the usual tie: which came first is not known). */
    size_t ties = 0;
    while (rank && ties < t->nrows && kc_table_cell(t, ties, 0) &&
           !strcmp(kc_table_cell(t, ties, 0), rank))
        ties++;
    bool open =
        t->nrows && kc_table_cell(t, 0, 6) && !strcmp(kc_table_cell(t, 0, 6), "open");
    if (t->nrows && kc_table_cell(t, 0, 3))
        kc__format_thousands(strtoll(kc_table_cell(t, 0, 3), NULL, 10), num, sizeof num);
    if (t->nrows && !rank) /* --fastest: none has a day to count from */
        snprintf(buf, sizeof buf,
                 "%zu %s managed to %s, but none has a release (or joining) date to count"
                 " days from.",
                 t->nrows, w->cohort, w->reach);
    else if (!t->nrows)
        snprintf(buf, sizeof buf, "No %s managed to %s.", w->cohort,
                 !strcmp(mode, "most") ? "be ranked" : w->reach);
    else if (!strcmp(mode, "first") && ties > 1)
        snprintf(buf, sizeof buf,
                 "%s and %zu more tie as the first %s to %s, on %s%s (%zu did).", who,
                 ties - 1, w->cohort, w->reach, kc_table_cell(t, 0, 4),
                 open ? " or before (their totals begin there)" : "", of);
    else if (!strcmp(mode, "first"))
        snprintf(buf, sizeof buf, "%s was the first %s to %s, on %s%s (%zu did).", who,
                 w->cohort, w->reach, kc_table_cell(t, 0, 4), open ? " or before" : "",
                 of);
    else if (!strcmp(mode, "fastest"))
        snprintf(buf, sizeof buf, "%s was the fastest %s to %s, in %s days (on %s).", who,
                 w->cohort, w->reach, kc_table_cell(t, 0, 7), kc_table_cell(t, 0, 4));
    else if (!strcmp(mode, "only") && of == 1)
        snprintf(buf, sizeof buf, "%s is the only %s to %s.", who, w->cohort, w->reach);
    else if (!strcmp(mode, "only") && ties > 1)
        snprintf(buf, sizeof buf, "%zu did %s (%s); the first were %s and %zu more.", of,
                 w->reach, w->cohort, who, ties - 1);
    else if (!strcmp(mode, "only"))
        snprintf(buf, sizeof buf, "%zu did %s (%s); the first was %s.", of, w->reach,
                 w->cohort, who);
    else
        snprintf(buf, sizeof buf, "%s has %s of any %s: %s.", who, w->most, w->cohort,
                 num);
    kc__utf8_cut(buf);
    if (!(t->title = kc__strdup(buf)))
        return kc__fail(db, KC_ENOMEM, "out of memory");
    return KC_OK;
}

/* ---- releases: first-day and first-week sales ----------------------------- */

/* The releases of the cohort with sales at provider ?1 (?12 release kind,
 * ?13 market, ?14 artist kind, ?15 artist, ?17 year, ?19 group: the
 * release's artist decides). */
static const char release_cohort_sql[] =
    "SELECT r.id, r.released_utc FROM release r LEFT JOIN artist a ON a.id = r.artist_id"
    " WHERE EXISTS (SELECT 1 FROM sale s WHERE s.release_id = r.id AND s.provider = ?1)"
    " AND (?12 IS NULL OR r.kind = ?12) AND (?13 IS NULL OR lower(a.market) = lower(?13))"
    " AND (?14 IS NULL OR a.kind = ?14) AND (?15 IS NULL OR r.artist_id = CAST(?15 AS"
    " INTEGER)) AND (?17 IS NULL OR substr(r.released, 1, 4) = ?17)"
    " AND (?19 IS NULL OR EXISTS (SELECT 1 FROM artist_member m"
    "  WHERE m.group_id = CAST(?19 AS INTEGER) AND m.member_id = r.artist_id))"
    " ORDER BY r.id";

/* The list of releases by their window's units (?1 a JSON array of [id,
 * units, the window's last day, its days from the release day], ?2 the
 * threshold, ?3 the mode, ?4 the limit), in the columns of RECORDS_LIST. */
static const char release_list_sql[] =
    "WITH v AS (SELECT CAST(j.value ->> 0 AS INTEGER) AS id,"
    "  CAST(j.value ->> 1 AS INTEGER) AS value, j.value ->> 2 AS reached,"
    "  CAST(j.value ->> 3 AS INTEGER) AS days FROM json_each(?1) j"
    "  WHERE ?2 IS NULL OR CAST(j.value ->> 1 AS INTEGER) >= CAST(?2 AS INTEGER)),"
    " ranked AS (SELECT v.*, CASE WHEN ?3 IN ('first', 'only')"
    "  THEN rank() OVER (ORDER BY v.reached) ELSE rank() OVER (ORDER BY v.value DESC)"
    "  END AS rank, count(*) OVER () AS of FROM v)"
    " SELECT r.rank AS rank, rl.title AS title, coalesce(a.name, '') AS artist,"
    " r.value AS value, r.reached AS reached, NULL AS 'from', '' AS flag, r.days AS days,"
    " NULL AS role, rl.title AS release, rl.released AS released, r.of AS of, r.id AS id"
    " FROM ranked r JOIN release rl ON rl.id = r.id LEFT JOIN artist a"
    " ON a.id = rl.artist_id ORDER BY r.rank, r.reached, rl.title, r.id"
    " LIMIT CAST(?4 AS INTEGER)";

/* Appends s to a growing buffer; false when out of memory. */
static bool grow(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        size_t c = (*len + n + 1) * 2;
        char *g = kc__realloc(*buf, c);
        if (!g)
            return false;
        *buf = g;
        *cap = c;
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
    return true;
}

/* Each cohort release's window (measure first-day or first-week at
 * o->provider) known by day at_day, as the JSON of release_list_sql. */
static int release_values(kc_db *db, const kc_records_opts *o, const char *const *cohort,
                          int64_t at_day, char **json)
{
    sqlite3_stmt *st = kc__prepare(db, release_cohort_sql);
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_text(st, 1, o->provider, -1, SQLITE_STATIC);
    for (int i = 11; i <= 19; i++)
        if (cohort[i - 1])
            sqlite3_bind_text(st, i, cohort[i - 1], -1, SQLITE_STATIC);
    bool week = !strcmp(o->measure, "first-week");
    size_t len = 0, cap = 0;
    int rc = grow(json, &len, &cap, "[") ? KC_OK : KC_ENOMEM, step = SQLITE_DONE;
    bool any = false;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0), utc = sqlite3_column_int64(st, 1);
        kc__first_window d, wk;
        if ((rc = kc__sales_first(db, id, utc, o->provider, &d, &wk)))
            break;
        const kc__first_window *x = week ? &wk : &d;
        if (!x->found || (o->at && x->to > at_day))
            continue;
        char row[128], date[16];
        kc__format_date(x->to, date);
        snprintf(row, sizeof row, "%s[%lld,%lld,\"%s\",%lld]", any ? "," : "",
                 (long long)id, (long long)x->units, date,
                 (long long)(x->to - x->release_day + 1));
        any = true;
        if (!grow(json, &len, &cap, row))
            rc = KC_ENOMEM;
    }
    if (!rc && step != SQLITE_DONE)
        rc = kc__sqlfail(db, "releases");
    sqlite3_finalize(st);
    if (!rc && !grow(json, &len, &cap, "]"))
        rc = KC_ENOMEM;
    if (rc == KC_ENOMEM)
        kc__fail(db, KC_ENOMEM, "out of memory");
    return rc;
}

/* ---- the query ----------------------------------------------------------- */

/* The artist of --artist or --member-of: its id to bind, and its name as
 * stored (the answer names it so, however it was typed). */
static int artist_arg(kc_db *db, const char *name, char *bind, size_t len, char *stored,
                      size_t slen)
{
    int64_t id;
    int rc = kc__artist_find(db, name, &id);
    if (rc)
        return rc;
    if (!id) {
        char near[600];
        kc__suggest_name(db, true, name, near, sizeof near);
        return kc__fail(db, KC_ENOTFOUND, "no artist \"%s\"%s", name, near);
    }
    snprintf(bind, len, "%lld", (long long)id);
    sqlite3_stmt *st = kc__stmt(db, "SELECT name FROM artist WHERE id = ?");
    if (!st)
        return KC_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    const char *n = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    snprintf(stored, slen, "%s", n ? n : name);
    sqlite3_reset(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "artist");
}

int kc_query_records(kc_db *db, const kc_records_opts *o, kc_table **out)
{
    *out = NULL;
    const kc_cohort *c = &o->cohort;
    const char *mode = o->mode ? o->mode : "most";
    int rc = KC_OK;
    if (!o->measure)
        return kc__fail(db, KC_EINPUT, "a measure is needed (--measure)");
    if ((rc = check_word(db, "mode", mode, modes)) ||
        (rc = check_word(db, "artist kind", c->artist_kind, artist_kinds)) ||
        (rc = check_word(db, "role", c->role, roles)) ||
        (rc = check_word(db, "release kind", c->release_kind, release_kinds)) ||
        (rc = check_word(db, "credit", c->credit, credits)))
        return rc;
    if (strcmp(mode, "most") && o->at_least <= 0)
        return kc__fail(db, KC_EINPUT, "%s needs a threshold (--at-least N)", mode);
    if (o->at_least < 0)
        return kc__fail(db, KC_EINPUT, "the threshold must be positive");
    if (c->year && (c->year < 1000 || c->year > 9999))
        return kc__fail(db, KC_EINPUT, "year %d is not a four-digit year", c->year);
    int64_t at_day = 0;
    if (o->at && !kc__parse_date(o->at, strlen(o->at), &at_day))
        return kc__fail(db, KC_EINPUT, "--at \"%s\" is not a date (YYYY-MM-DD)", o->at);

    /* The measure: a release's sales window, a chart's counter, or a
     * series source. */
    bool artists = false;
    bool releases = !strcmp(o->measure, "first-day") || !strcmp(o->measure, "first-week");
    char chart_name[256] = "", unit[16] = "periods";
    if (releases) {
        if (o->chart || !o->provider)
            return kc__fail(db, KC_EINPUT,
                            "%s is a release's sales: name the provider (--provider P),"
                            " not a chart",
                            o->measure);
        if (!strcmp(mode, "fastest") || c->role || c->credit)
            return kc__fail(db, KC_EINPUT,
                            "%s is of releases: no --fastest, role or credit",
                            o->measure);
        sqlite3_stmt *st = kc__prepare(db, "SELECT name FROM sale_provider WHERE id = ?");
        if (!st)
            return KC_ESTORE;
        sqlite3_bind_text(st, 1, o->provider, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        const char *nm =
            step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : 0;
        snprintf(chart_name, sizeof chart_name, "%s", nm ? nm : o->provider);
        sqlite3_finalize(st);
        if (step == SQLITE_DONE)
            return kc__fail(db, KC_ENOTFOUND,
                            "no sales provider \"%s\" (hanteo, circle, oricon, luminate,"
                            " any)",
                            o->provider);
        if (step != SQLITE_ROW)
            return kc__sqlfail(db, "sales provider");
    } else if (o->provider) {
        return kc__fail(db, KC_EINPUT,
                        "a provider is for first-day and first-week, not %s", o->measure);
    } else if (o->chart) {
        if ((rc = check_word(db, "chart measure", o->measure, chart_measures)))
            return rc;
        sqlite3_stmt *st =
            kc__prepare(db, "SELECT name, cadence FROM chart WHERE id = ?");
        if (!st)
            return KC_ESTORE;
        sqlite3_bind_text(st, 1, o->chart, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW) {
            const char *nm = (const char *)sqlite3_column_text(st, 0);
            const char *cad = (const char *)sqlite3_column_text(st, 1);
            snprintf(chart_name, sizeof chart_name, "%s", nm ? nm : o->chart);
            snprintf(unit, sizeof unit, "%s",
                     !cad                      ? "periods"
                     : !strcmp(cad, "hourly")  ? "hours"
                     : !strcmp(cad, "daily")   ? "days"
                     : !strcmp(cad, "weekly")  ? "weeks"
                     : !strcmp(cad, "monthly") ? "months"
                                               : "years");
        }
        sqlite3_finalize(st);
        if (step == SQLITE_DONE)
            return kc__fail(db, KC_ENOTFOUND,
                            "no chart \"%s\" (kchart charts lists them)", o->chart);
        if (step != SQLITE_ROW)
            return kc__sqlfail(db, "chart");
    } else {
        if (in_list(o->measure, chart_measures))
            return kc__fail(db, KC_EINPUT,
                            "measure %s is a chart's: name it (--chart ID)", o->measure);
        sqlite3_stmt *st =
            kc__prepare(db, "SELECT subject FROM series_source WHERE id = ?");
        if (!st)
            return KC_ESTORE;
        sqlite3_bind_text(st, 1, o->measure, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        const char *subj =
            step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : 0;
        artists = subj && !strcmp(subj, "artist");
        sqlite3_finalize(st);
        if (step == SQLITE_ROW && !subj)
            return kc__fail(db, KC_ENOMEM, "out of memory");
        if (step == SQLITE_DONE) {
            kc_table *src = NULL;
            rc = kc__table_from_sql(db,
                                    "SELECT group_concat(id, ', ') FROM (SELECT id FROM"
                                    " series_source ORDER BY id)",
                                    NULL, 0, &src);
            if (rc)
                return rc;
            const char *l = kc_table_cell(src, 0, 0);
            rc = kc__fail(db, KC_EINPUT,
                          "unknown measure \"%s\": a series (%s); with --chart, one of"
                          " periods, no1, peak, streak; with --provider, first-day or"
                          " first-week",
                          o->measure, l ? l : "none");
            kc_table_free(src);
            return rc;
        }
        if (step != SQLITE_ROW)
            return kc__sqlfail(db, "series source");
    }
    if (artists && (c->role || c->release_kind || c->credit || c->year))
        return kc__fail(db, KC_EINPUT,
                        "%s is of artists: role, release kind, credit and year are of"
                        " songs",
                        o->measure);
    if (c->credit && c->artist == NULL && strcmp(c->credit, "solo"))
        return kc__fail(db, KC_EINPUT, "credit %s is of an artist (--artist NAME)",
                        c->credit);

    char artist_id[24] = "", group_id[24] = "";
    char artist_name[NAME_MAX_BYTES + 1], group_name[NAME_MAX_BYTES + 1];
    if (c->artist && (rc = artist_arg(db, c->artist, artist_id, sizeof artist_id,
                                      artist_name, sizeof artist_name)))
        return rc;
    if (c->member_of && (rc = artist_arg(db, c->member_of, group_id, sizeof group_id,
                                         group_name, sizeof group_name)))
        return rc;
    /* The answer's words name the artists as stored. */
    kc_records_opts named = *o;
    if (c->artist)
        named.cohort.artist = artist_name;
    if (c->member_of)
        named.cohort.member_of = group_name;

    char at[24], at_least[24], year[16], limit[24];
    snprintf(at, sizeof at, "%lld", (long long)at_day);
    snprintf(at_least, sizeof at_least, "%lld", (long long)o->at_least);
    snprintf(year, sizeof year, "%d", c->year);
    /* The first answer counts the ties at rank 1: the limit is applied
     * after it. */
    bool first = !strcmp(mode, "first");
    snprintf(limit, sizeof limit, "%lld",
             o->limit && !first ? (long long)o->limit : -1LL);
    bool any = c->market || c->artist_kind || c->role || c->release_kind || c->artist ||
               c->credit || c->year || c->member_of;
    const char *binds[19] = {
        o->measure,
        o->chart,
        o->chart ? o->at
        : o->at  ? at
                 : "9223372036854775807",
        o->at_least ? at_least : NULL,
        mode,
        limit,
        artists ? "1" : NULL,
        NULL,
        NULL,
        NULL,
        c->role,
        c->release_kind,
        c->market,
        c->artist_kind,
        c->artist ? artist_id : NULL,
        c->credit,
        c->year ? year : NULL,
        any ? "1" : NULL,
        c->member_of ? group_id : NULL,
    };
    static const char song_series[] =
        "WITH" SERIES_BASE SONG_COHORT "," SERIES_MEASURE "," RECORDS_LIST;
    static const char artist_series[] =
        "WITH" SERIES_BASE ARTIST_COHORT "," SERIES_MEASURE "," RECORDS_LIST;
    static const char song_chart[] =
        "WITH" CHART_BASE SONG_COHORT "," CHART_MEASURE "," RECORDS_LIST;
    if (releases) {
        char *json = NULL;
        if (!(rc = release_values(db, o, binds, at_day, &json))) {
            const char *rb[4] = {json, o->at_least ? at_least : NULL, mode, limit};
            rc = kc__table_from_sql(db, release_list_sql, rb, 4, out);
        }
        free(json);
    } else {
        const char *sql = o->chart ? song_chart : artists ? artist_series : song_series;
        rc = kc__table_from_sql(db, sql, binds, 19, out);
    }
    if (rc)
        return rc;
    words w;
    kc__cohort_words(&named.cohort,
                     releases  ? KC__COHORT_RELEASES
                     : artists ? KC__COHORT_ARTISTS
                               : KC__COHORT_SONGS,
                     w.cohort, sizeof w.cohort);
    if (releases)
        release_words(&named, chart_name, &w);
    else
        measure_words(&named, chart_name, unit, &w);
    if ((rc = answer(db, &named, &w, *out))) {
        kc_table_free(*out);
        *out = NULL;
    }
    kc_table *t = *out;
    if (!rc && first && o->limit && t->nrows > o->limit) {
        for (size_t i = o->limit * t->ncols; i < t->nrows * t->ncols; i++)
            free(t->cells[i]);
        t->nrows = o->limit;
    }
    return rc;
}
