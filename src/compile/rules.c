/*
 * rules.c: a compile's rules (kc_rules: their defaults, set by name or read
 * from a rule file), the periods they make (a play's period, a period's
 * name and back) and the names of the charts they group plays into.
 *
 * It is only what the rules say: it counts nothing and knows neither plays
 * nor the compile's handle. The rules are checked again as a whole when a
 * compile is made (kc_compile_new, compile.c).
 */
#include "compile/compile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- rules ------------------------------------------------------------- */

static const char *const period_names[] = {"hour", "day", "week"};
const char *const kc__cadence_names[3] = {"hourly", "daily", "weekly"};
const char *const kc__day_names[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                      "friday", "saturday", "sunday"};

void kc_rules_default(kc_rules *r)
{
    memset(r, 0, sizeof *r);
    r->min_ms = 30000;
    r->cap = 10;
    r->w_premium = 1;
    r->w_free = 1;
    r->period = KC_PERIOD_DAY;
    snprintf(r->time_zone, sizeof r->time_zone, "UTC");
    r->week_start = 4;
    r->group = KC_GROUP_PLATFORM | KC_GROUP_REGION;
    r->top = 200;
    snprintf(r->chart_prefix, sizeof r->chart_prefix, "plays");
}

static bool parse_count(const char *s, uint64_t max, uint64_t *out)
{
    return kc__parse_u64(s, strlen(s), max, out);
}

/* A weight: a decimal number from 0 to 1e6, or a fraction "1/3". */
static bool parse_weight(const char *s, double *out)
{
    char *end;
    const char *slash = strchr(s, '/');
    if (!*s || strspn(s, "0123456789./") != strlen(s))
        return false;
    double v = strtod(s, &end);
    if (slash && end == slash) {
        double d = strtod(slash + 1, &end);
        if (*end || !(d > 0))
            return false;
        v /= d;
    } else if (*end) {
        return false;
    }
    if (!(v >= 0 && v <= 1e6))
        return false;
    *out = v;
    return true;
}

int kc_rules_set(kc_rules *r, const char *name, const char *value, char *err,
                 size_t errlen)
{
    uint64_t v;
    if (!strcmp(name, "min-ms")) {
        if (!parse_count(value, 86400000, &v))
            goto bad;
        r->min_ms = (uint32_t)v;
    } else if (!strcmp(name, "cap")) {
        if (!parse_count(value, 1000000, &v))
            goto bad;
        r->cap = (uint32_t)v;
    } else if (!strcmp(name, "top")) {
        if (!parse_count(value, 100000, &v) || v == 0)
            goto bad;
        r->top = (uint32_t)v;
    } else if (!strcmp(name, "weight")) {
        const char *eq = strchr(value, '=');
        double w;
        if (!eq || !parse_weight(eq + 1, &w))
            goto bad;
        if (eq - value == 7 && !strncmp(value, "premium", 7))
            r->w_premium = w;
        else if (eq - value == 4 && !strncmp(value, "free", 4))
            r->w_free = w;
        else
            goto bad;
    } else if (!strcmp(name, "period")) {
        int k = -1;
        for (int i = 0; i < 3; i++)
            if (!strcmp(value, period_names[i]))
                k = i;
        if (k < 0)
            goto bad;
        r->period = k;
    } else if (!strcmp(name, "time-zone")) {
        if (strlen(value) >= sizeof r->time_zone || !kc__tz_valid(value))
            goto bad;
        snprintf(r->time_zone, sizeof r->time_zone, "%s", value);
    } else if (!strcmp(name, "week-start")) {
        int k = -1;
        for (int i = 0; i < 7; i++)
            if (!strcmp(value, kc__day_names[i]))
                k = i;
        if (k < 0)
            goto bad;
        r->week_start = k;
    } else if (!strcmp(name, "group")) {
        if (!strcmp(value, "platform,region") || !strcmp(value, "region,platform"))
            r->group = KC_GROUP_PLATFORM | KC_GROUP_REGION;
        else if (!strcmp(value, "region"))
            r->group = KC_GROUP_REGION;
        else if (!strcmp(value, "platform"))
            r->group = KC_GROUP_PLATFORM;
        else if (!strcmp(value, "none"))
            r->group = 0;
        else
            goto bad;
    } else if (!strcmp(name, "chart-prefix")) {
        size_t n = strlen(value);
        bool ok = n >= 1 && n < sizeof r->chart_prefix;
        for (size_t i = 0; ok && i < n; i++)
            ok = (value[i] >= 'a' && value[i] <= 'z') ||
                 (value[i] >= '0' && value[i] <= '9');
        if (!ok)
            goto bad;
        memcpy(r->chart_prefix, value, n + 1);
    } else {
        snprintf(err, errlen,
                 "unknown rule \"%s\" (min-ms, cap, weight, period, time-zone, "
                 "week-start, group, top, chart-prefix)",
                 name);
        return KC_EUSAGE;
    }
    return KC_OK;
bad:;
    static const struct {
        const char *name, *what;
    } want[] = {
        {"min-ms", "milliseconds from 0 to 86400000"},
        {"cap", "a number of plays from 0 (no cap) to 1000000"},
        {"top", "a number of ranks from 1 to 100000"},
        {"weight", "TIER=W with TIER premium or free and W a number from 0 to "
                   "1000000 or a fraction such as 1/3"},
        {"period", "hour, day or week"},
        {"time-zone", "UTC, an offset such as +09:00, or an installed IANA name "
                      "such as Asia/Seoul"},
        {"week-start", "a day of the week, monday to sunday"},
        {"group", "platform,region, region, platform or none"},
        {"chart-prefix", "1-16 lower-case letters and digits"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strcmp(name, want[i].name))
            snprintf(err, errlen, "%s must be %s, not \"%s\"", name, want[i].what, value);
    return KC_EUSAGE;
}

int kc_rules_load(kc_rules *r, const char *path, char *err, size_t errlen)
{
    FILE *f = kc__fopen_regular(path, err, errlen);
    if (!f)
        return KC_EIO;
    char line[512];
    int rc = KC_OK, lineno = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n') {
            snprintf(err, errlen, "%s:%d:1: a line longer than %zu bytes", path, lineno,
                     sizeof line - 2);
            rc = KC_EINPUT;
            break;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' ||
                     line[n - 1] == '\t'))
            line[--n] = '\0';
        char *s = line + strspn(line, " \t");
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%d:%d: expected name = value", path, lineno,
                     (int)(s - line) + 1);
            rc = KC_EINPUT;
            break;
        }
        char *name_end = eq;
        while (name_end > s && (name_end[-1] == ' ' || name_end[-1] == '\t'))
            name_end--;
        *name_end = '\0';
        char *value = eq + 1 + strspn(eq + 1, " \t");
        char why[256];
        if (kc_rules_set(r, s, value, why, sizeof why)) {
            int col = (int)((strncmp(why, "unknown", 7) ? value : s) - line) + 1;
            snprintf(err, errlen, "%s:%d:%d: %s", path, lineno, col, why);
            rc = KC_EINPUT;
        }
    }
    if (!rc && ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = KC_EIO;
    }
    fclose(f);
    return rc;
}

/* The rules that decide the counts (not the ranking): partial counts merge
 * only under the same ones. */
void kc__counting_rules(const kc_rules *r, char *out, size_t n)
{
    static const char *const groups[] = {"none", "platform", "region", "platform,region"};
    snprintf(out, n,
             "min-ms=%u cap=%u first=%s period=%s time-zone=%s week-start=%s group=%s",
             r->min_ms, r->cap, r->w_premium >= r->w_free ? "premium" : "free",
             period_names[r->period], r->time_zone, kc__day_names[r->week_start],
             groups[r->group & 3]);
}

/* ---- periods ----------------------------------------------------------- */

#define MS_HOUR 3600000LL
#define MS_DAY 86400000LL

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return q - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* The absolute number of the period that contains local time `local` (ms). */
int64_t kc__period_of(const kc_rules *r, int64_t local)
{
    if (r->period == KC_PERIOD_HOUR)
        return floor_div(local, MS_HOUR);
    int64_t day = floor_div(local, MS_DAY);
    if (r->period == KC_PERIOD_DAY)
        return day;
    /* 1970-01-01 was a Thursday (3 counting from Monday = 0). */
    return floor_div(day + 3 - r->week_start, 7);
}

/* The name of period p: YYYY-MM-DDTHH, YYYY-MM-DD, or a week's last day. */
void kc__period_label(const kc_rules *r, int64_t p, char out[16])
{
    int y, m, d;
    if (r->period == KC_PERIOD_HOUR) {
        kc__civil_from_days(floor_div(p, 24), &y, &m, &d);
        snprintf(out, 16, "%04d-%02d-%02dT%02d", y, m, d,
                 (int)(p - floor_div(p, 24) * 24));
        return;
    }
    int64_t day = r->period == KC_PERIOD_DAY ? p : p * 7 + r->week_start - 3 + 6;
    kc__civil_from_days(day, &y, &m, &d);
    snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

/* Parses a period name back into its number (for merges). */
bool kc__period_parse(const kc_rules *r, const char *s, int64_t *p)
{
    int64_t days;
    if (r->period == KC_PERIOD_HOUR) {
        if (strlen(s) != 13 || s[10] != 'T' || !kc__parse_date(s, 10, &days) ||
            s[11] < '0' || s[11] > '2' || s[12] < '0' || s[12] > '9')
            return false;
        int h = (s[11] - '0') * 10 + (s[12] - '0');
        if (h > 23)
            return false;
        *p = days * 24 + h;
        return true;
    }
    if (strlen(s) != 10 || !kc__parse_date(s, 10, &days))
        return false;
    if (r->period == KC_PERIOD_DAY) {
        *p = days;
        return true;
    }
    int64_t start = days - 6;
    *p = floor_div(start + 3 - r->week_start, 7);
    return *p * 7 + r->week_start - 3 == start; /* the week's last day */
}

/* ---- chart names ------------------------------------------------------- */

/* The name of the chart of a region and a platform, as the rules group
 * them: PLATFORM-REGION, REGION, PLATFORM or "all". */
void kc__chart_name(const kc_rules *r, const char *region, const char *platform,
                    char out[KC_CHART_NAME_MAX])
{
    switch (r->group & 3) {
    case KC_GROUP_PLATFORM | KC_GROUP_REGION:
        snprintf(out, KC_CHART_NAME_MAX, "%s-%s", platform, region);
        break;
    case KC_GROUP_REGION:
        snprintf(out, KC_CHART_NAME_MAX, "%s", region);
        break;
    case KC_GROUP_PLATFORM:
        snprintf(out, KC_CHART_NAME_MAX, "%s", platform);
        break;
    default:
        snprintf(out, KC_CHART_NAME_MAX, "all");
    }
}
