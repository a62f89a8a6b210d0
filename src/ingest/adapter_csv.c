/*
 * adapter_csv.c: the CSV snapshot formats.
 *
 * - spotify: Spotify Charts' current export, one chart per file, named
 *   regional-<region>-<daily|weekly>-<date>.csv, header
 *   rank,uri,artist_names,track_name,source,peak_rank,previous_rank,
 *   days_on_chart|weeks_on_chart,streams (previous_rank -1: new or re-entry).
 * - spotify-old: the spotifycharts.com export before 2022: a note line, then
 *   Position,"Track Name",Artist,Streams,URL; named <from>--<to><cc>.csv.
 *   Its week runs Friday <from> to Thursday <to> - 1, which is the period
 *   (Spotify's own name for a weekly chart is the Thursday that ends it).
 * - generic: the documented way to bring any provider (docs/formats.md):
 *   chart,period,rank,title,artist required; id,value,last,peak,periods
 *   optional; any order; many charts and periods in one file.
 */
#include "ingest/ingest.h"

#include <stdio.h>
#include <string.h>

#define ERR(...)                                                                         \
    do {                                                                                 \
        snprintf(err, errlen, __VA_ARGS__);                                              \
        rc = KC_EINPUT;                                                                  \
        goto done;                                                                       \
    } while (0)
#define NOMEM                                                                            \
    do {                                                                                 \
        snprintf(err, errlen, "%s: out of memory", src->path);                           \
        rc = KC_ENOMEM;                                                                  \
        goto done;                                                                       \
    } while (0)

/* A counter cell: empty (or one of the source's "none" spellings) gives
 * none_value; otherwise a whole number 1..max. */
static bool cell_counter(const kc__csv *r, size_t i, int32_t none_value, int64_t max,
                         int64_t *out)
{
    const char *s = kc__csv_field(r, i);
    size_t n = kc__csv_len(r, i);
    if (n == 0 || (n == 2 && !strcmp(s, "-1"))) {
        *out = none_value;
        return true;
    }
    uint64_t v;
    if (!kc__parse_u64(s, n, (uint64_t)max, &v) || v == 0)
        return false;
    *out = (int64_t)v;
    return true;
}

static bool cell_value(const kc__csv *r, size_t i, int64_t *out)
{
    uint64_t v;
    if (kc__csv_len(r, i) == 0) {
        *out = KC_NONE;
        return true;
    }
    if (!kc__parse_u64(kc__csv_field(r, i), kc__csv_len(r, i), INT64_MAX, &v))
        return false;
    *out = (int64_t)v;
    return true;
}

/* Finds column name in the header record; -1 when absent. */
static int column(const kc__csv *r, const char *name)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (!strcmp(kc__csv_field(r, i), name))
            return (int)i;
    return -1;
}

static bool name_date(const char *name, size_t at, char *period)
{
    int64_t days;
    if (strlen(name) < at + 10 || !kc__parse_date(name + at, 10, &days))
        return false;
    kc__format_date(days, period);
    return true;
}

int kc__parse_spotify(const kc__source *src, kc__batch *out, char *err, size_t errlen)
{
    kc__csv r;
    int rc = KC_OK, got;
    kc__csv_init(&r, src->path, src->buf, src->len);
    char chart[64] = "", period[32] = "";
    /* regional-<region>-<daily|weekly>-<YYYY-MM-DD>.csv */
    const char *name = src->name;
    if (!strncmp(name, "regional-", 9)) {
        const char *reg = name + 9, *dash = strchr(reg, '-');
        if (dash && dash - reg < 16) {
            const char *cad = dash + 1;
            size_t cadn = !strncmp(cad, "daily-", 6)    ? 5
                          : !strncmp(cad, "weekly-", 7) ? 6
                                                        : 0;
            if (cadn && name_date(name, (size_t)(cad + cadn + 1 - name), period))
                snprintf(chart, sizeof chart, "spotify-%.*s-%.*s", (int)(dash - reg), reg,
                         (int)cadn, cad);
        }
    }
    /* --chart and --period win over the file name (checked for length by
     * kc__batch_snap, not cut to fit here). */
    const char *chart_id = src->chart_id ? src->chart_id : chart;
    const char *period_name = src->period ? src->period : period;
    if (!chart_id[0] || !period_name[0])
        ERR("%s:1:1: cannot tell the chart and period from the file name "
            "(expected regional-<region>-<daily|weekly>-<YYYY-MM-DD>.csv, or give "
            "--chart and --period)",
            src->path);
    if ((got = kc__csv_next(&r, err, errlen)) <= 0) {
        if (got == 0)
            ERR("%s:1:1: empty file", src->path);
        rc = r.nomem ? KC_ENOMEM : KC_EINPUT;
        goto done;
    }
    static const char *const want[] = {"rank",         "uri",    "artist_names",
                                       "track_name",   "source", "peak_rank",
                                       "previous_rank"};
    for (size_t i = 0; i < 7; i++)
        if (r.nfields != 9 || strcmp(kc__csv_field(&r, i), want[i]))
            ERR("%s:1:%d: expected the header rank,uri,artist_names,track_name,source,"
                "peak_rank,previous_rank,days_on_chart|weeks_on_chart,streams",
                src->path, i < r.nfields ? (int)r.col[i] : 1);
    if (strcmp(kc__csv_field(&r, 7), "days_on_chart") &&
        strcmp(kc__csv_field(&r, 7), "weeks_on_chart"))
        ERR("%s:1:%d: expected days_on_chart or weeks_on_chart", src->path,
            (int)r.col[7]);
    if (strcmp(kc__csv_field(&r, 8), "streams"))
        ERR("%s:1:%d: expected streams", src->path, (int)r.col[8]);
    kc__snap *s = kc__batch_snap(out, chart_id, period_name, 1, &rc, err, errlen);
    if (!s)
        goto done;
    s->has_counters = true;
    while ((got = kc__csv_next(&r, err, errlen)) == 1) {
        int line = r.rec_line;
        if (r.nfields != 9)
            ERR("%s:%d:1: expected 9 fields, found %zu", src->path, line, r.nfields);
        kc__row *row = kc__snap_row(out, s, line, &rc, err, errlen);
        if (!row)
            goto done;
        int64_t v;
        if (!cell_counter(&r, 0, KC_NONE, 100000, &v) || v == KC_NONE)
            ERR("%s:%d:%d: rank must be a whole number from 1 to 100000", src->path, line,
                (int)r.col[0]);
        row->rank = (int32_t)v;
        if (!cell_counter(&r, 5, KC_NONE, 100000, &v))
            ERR("%s:%d:%d: peak_rank must be a whole number from 1 to 100000", src->path,
                line, (int)r.col[5]);
        row->p_peak = (int32_t)v;
        if (!cell_counter(&r, 6, 0, 100000, &v))
            ERR("%s:%d:%d: previous_rank must be -1 or a whole number from 1 to 100000",
                src->path, line, (int)r.col[6]);
        row->p_last = (int32_t)v;
        if (!cell_counter(&r, 7, KC_NONE, 1000000, &v))
            ERR("%s:%d:%d: %s must be a whole number from 1 to 1000000", src->path, line,
                (int)r.col[7], "days_on_chart");
        row->p_periods = (int32_t)v;
        if (!cell_value(&r, 8, &row->value))
            ERR("%s:%d:%d: streams must be a whole number", src->path, line,
                (int)r.col[8]);
        if (!kc__csv_len(&r, 3) && !kc__csv_len(&r, 1))
            ERR("%s:%d:%d: track_name and uri are both empty", src->path, line,
                (int)r.col[3]);
        row->title = kc__batch_strdup(out, kc__csv_field(&r, 3), kc__csv_len(&r, 3));
        row->artist = kc__batch_strdup(out, kc__csv_field(&r, 2), kc__csv_len(&r, 2));
        row->provider_id =
            kc__csv_len(&r, 1)
                ? kc__batch_strdup(out, kc__csv_field(&r, 1), kc__csv_len(&r, 1))
                : NULL;
        if (!row->title || !row->artist)
            NOMEM;
    }
    if (got < 0)
        rc = r.nomem ? KC_ENOMEM : KC_EINPUT;
done:
    kc__csv_free(&r);
    return rc;
}

int kc__parse_spotify_old(const kc__source *src, kc__batch *out, char *err, size_t errlen)
{
    kc__csv r;
    int rc = KC_OK, got;
    kc__csv_init(&r, src->path, src->buf, src->len);
    char chart[64] = "", period[32] = "";
    /* <from>--<to><cc>.csv: the week is Friday <from> to Thursday <to> - 1. */
    const char *name = src->name;
    int64_t from, to;
    if (strlen(name) >= 22 && !strncmp(name + 10, "--", 2) &&
        kc__parse_date(name, 10, &from) && kc__parse_date(name + 12, 10, &to)) {
        const char *cc = name + 22, *dot = strchr(cc, '.');
        size_t ccn = dot ? (size_t)(dot - cc) : strlen(cc);
        if (to - from != 7)
            ERR("%s:1:1: the file name spans %lld days, not a week", src->path,
                (long long)(to - from));
        kc__format_date(to - 1, period);
        if (ccn > 0 && ccn < 16)
            snprintf(chart, sizeof chart, "spotify-%.*s-weekly", (int)ccn, cc);
    }
    /* --chart and --period win over the file name (checked for length by
     * kc__batch_snap, not cut to fit here). */
    const char *chart_id = src->chart_id ? src->chart_id : chart;
    const char *period_name = src->period ? src->period : period;
    if (!chart_id[0] || !period_name[0])
        ERR("%s:1:1: cannot tell the chart and period from the file name "
            "(expected <from>--<to><country>.csv, or give --chart and --period)",
            src->path);
    got = kc__csv_next(&r, err, errlen);
    if (got == 1 && r.nfields >= 1 && strcmp(kc__csv_field(&r, 0), "Position"))
        got = kc__csv_next(&r, err, errlen); /* the note line */
    if (got < 0) {
        rc = r.nomem ? KC_ENOMEM : KC_EINPUT;
        goto done;
    }
    static const char *const want[] = {"Position", "Track Name", "Artist", "Streams",
                                       "URL"};
    for (size_t i = 0; i < 5; i++)
        if (got != 1 || r.nfields != 5 || strcmp(kc__csv_field(&r, i), want[i]))
            ERR("%s:%d:1: expected the header Position,Track Name,Artist,Streams,URL",
                src->path, got == 1 ? (int)r.rec_line : 1);
    kc__snap *s =
        kc__batch_snap(out, chart_id, period_name, r.rec_line, &rc, err, errlen);
    if (!s)
        goto done;
    s->has_counters = false;
    while ((got = kc__csv_next(&r, err, errlen)) == 1) {
        int line = r.rec_line;
        if (r.nfields != 5)
            ERR("%s:%d:1: expected 5 fields, found %zu", src->path, line, r.nfields);
        kc__row *row = kc__snap_row(out, s, line, &rc, err, errlen);
        if (!row)
            goto done;
        int64_t v;
        if (!cell_counter(&r, 0, KC_NONE, 100000, &v) || v == KC_NONE)
            ERR("%s:%d:%d: Position must be a whole number from 1 to 100000", src->path,
                line, (int)r.col[0]);
        row->rank = (int32_t)v;
        row->p_last = row->p_peak = row->p_periods = KC_NONE;
        if (!cell_value(&r, 3, &row->value))
            ERR("%s:%d:%d: Streams must be a whole number", src->path, line,
                (int)r.col[3]);
        /* https://open.spotify.com/track/<id> is spotify:track:<id>, the id
         * the current export uses, so runs join across the two exports. */
        const char *t = strstr(kc__csv_field(&r, 4), "/track/");
        size_t idn = t ? strlen(t + 7) : 0;
        if (idn > 0 && idn < 64) {
            char uri[96];
            int n = snprintf(uri, sizeof uri, "spotify:track:%s", t + 7);
            if (!(row->provider_id = kc__batch_strdup(out, uri, (size_t)n)))
                NOMEM;
        } else {
            row->provider_id = NULL;
        }
        /* Some weeks list tracks without name or artist; the URL still
         * identifies them (docs/formats.md). */
        if (!kc__csv_len(&r, 1) && !row->provider_id)
            ERR("%s:%d:%d: Track Name is empty and the URL names no track", src->path,
                line, (int)r.col[1]);
        row->title = kc__batch_strdup(out, kc__csv_field(&r, 1), kc__csv_len(&r, 1));
        row->artist = kc__batch_strdup(out, kc__csv_field(&r, 2), kc__csv_len(&r, 2));
        if (!row->title || !row->artist)
            NOMEM;
    }
    if (got < 0)
        rc = r.nomem ? KC_ENOMEM : KC_EINPUT;
done:
    kc__csv_free(&r);
    return rc;
}

int kc__parse_generic(const kc__source *src, kc__batch *out, char *err, size_t errlen)
{
    kc__csv r;
    int rc = KC_OK, got;
    kc__csv_init(&r, src->path, src->buf, src->len);
    enum { CHART, PERIOD, RANK, TITLE, ARTIST, ID, VALUE, LAST, PEAK, PERIODS, NCOL };
    static const char *const names[NCOL] = {"chart",  "period", "rank",  "title",
                                            "artist", "id",     "value", "last",
                                            "peak",   "periods"};
    int at[NCOL];
    if ((got = kc__csv_next(&r, err, errlen)) != 1) {
        if (got == 0)
            ERR("%s:1:1: empty file", src->path);
        rc = r.nomem ? KC_ENOMEM : KC_EINPUT;
        goto done;
    }
    for (size_t i = 0; i < NCOL; i++)
        at[i] = column(&r, names[i]);
    for (size_t i = 0; i < r.nfields; i++) {
        bool known = false;
        for (size_t k = 0; k < NCOL; k++)
            known |= !strcmp(kc__csv_field(&r, i), names[k]);
        if (!known)
            ERR("%s:1:%d: unknown column \"%s\" (expected chart,period,rank,title,"
                "artist and optionally id,value,last,peak,periods)",
                src->path, (int)r.col[i], kc__csv_field(&r, i));
        for (size_t j = 0; j < i; j++)
            if (!strcmp(kc__csv_field(&r, i), kc__csv_field(&r, j)))
                ERR("%s:1:%d: column \"%s\" appears twice", src->path, (int)r.col[i],
                    kc__csv_field(&r, i));
    }
    for (size_t k = CHART; k <= ARTIST; k++)
        if (at[k] < 0)
            ERR("%s:1:1: missing column \"%s\" (required: "
                "chart,period,rank,title,artist)",
                src->path, names[k]);
    bool counters = at[LAST] >= 0 || at[PEAK] >= 0 || at[PERIODS] >= 0;
    size_t ncols = r.nfields;
    kc__snap *s = NULL;
    while ((got = kc__csv_next(&r, err, errlen)) == 1) {
        int line = r.rec_line;
        if (r.nfields != ncols)
            ERR("%s:%d:1: expected %zu fields, found %zu", src->path, line, ncols,
                r.nfields);
        const char *chart =
            src->chart_id ? src->chart_id : kc__csv_field(&r, (size_t)at[CHART]);
        const char *period =
            src->period ? src->period : kc__csv_field(&r, (size_t)at[PERIOD]);
        if (!*chart || strlen(chart) >= sizeof s->chart_id)
            ERR("%s:%d:%d: chart must be a chart id of 1-63 bytes", src->path, line,
                (int)r.col[at[CHART]]);
        if (!*period || strlen(period) >= sizeof s->period)
            ERR("%s:%d:%d: period must be 1-31 bytes", src->path, line,
                (int)r.col[at[PERIOD]]);
        if (!s || strcmp(s->chart_id, chart) || strcmp(s->period, period)) {
            if (!(s = kc__batch_snap(out, chart, period, line, &rc, err, errlen)))
                goto done;
            s->has_counters = counters;
        }
        kc__row *row = kc__snap_row(out, s, line, &rc, err, errlen);
        if (!row)
            goto done;
        int64_t v;
        if (!cell_counter(&r, (size_t)at[RANK], KC_NONE, 100000, &v) || v == KC_NONE)
            ERR("%s:%d:%d: rank must be a whole number from 1 to 100000", src->path, line,
                (int)r.col[at[RANK]]);
        row->rank = (int32_t)v;
        row->p_last = counters ? 0 : KC_NONE;
        row->p_peak = row->p_periods = KC_NONE;
        row->value = KC_NONE;
        if (at[LAST] >= 0) {
            if (!cell_counter(&r, (size_t)at[LAST], 0, 100000, &v))
                ERR("%s:%d:%d: last must be empty or a whole number from 1 to 100000",
                    src->path, line, (int)r.col[at[LAST]]);
            row->p_last = (int32_t)v;
        }
        if (at[PEAK] >= 0) {
            if (!cell_counter(&r, (size_t)at[PEAK], KC_NONE, 100000, &v))
                ERR("%s:%d:%d: peak must be empty or a whole number from 1 to 100000",
                    src->path, line, (int)r.col[at[PEAK]]);
            row->p_peak = (int32_t)v;
        }
        if (at[PERIODS] >= 0) {
            if (!cell_counter(&r, (size_t)at[PERIODS], KC_NONE, 1000000, &v))
                ERR("%s:%d:%d: periods must be empty or a whole number from 1 to 1000000",
                    src->path, line, (int)r.col[at[PERIODS]]);
            row->p_periods = (int32_t)v;
        }
        if (at[VALUE] >= 0 && !cell_value(&r, (size_t)at[VALUE], &row->value))
            ERR("%s:%d:%d: value must be empty or a whole number", src->path, line,
                (int)r.col[at[VALUE]]);
        if (!kc__csv_len(&r, (size_t)at[TITLE]) &&
            (at[ID] < 0 || !kc__csv_len(&r, (size_t)at[ID])))
            ERR("%s:%d:%d: title is empty (allowed only with an id)", src->path, line,
                (int)r.col[at[TITLE]]);
        row->title = kc__batch_strdup(out, kc__csv_field(&r, (size_t)at[TITLE]),
                                      kc__csv_len(&r, (size_t)at[TITLE]));
        row->artist = kc__batch_strdup(out, kc__csv_field(&r, (size_t)at[ARTIST]),
                                       kc__csv_len(&r, (size_t)at[ARTIST]));
        row->provider_id = at[ID] >= 0 && kc__csv_len(&r, (size_t)at[ID])
                               ? kc__batch_strdup(out, kc__csv_field(&r, (size_t)at[ID]),
                                                  kc__csv_len(&r, (size_t)at[ID]))
                               : NULL;
        if (!row->title || !row->artist)
            NOMEM;
    }
    if (got < 0)
        rc = r.nomem ? KC_ENOMEM : KC_EINPUT;
    else if (out->nsnaps == 0)
        ERR("%s:2:1: no rows after the header", src->path);
done:
    kc__csv_free(&r);
    return rc;
}
