/*
 * date.c: civil dates and chart periods.
 *
 * Dates are days since 1970-01-01 in the proleptic Gregorian calendar
 * (Howard Hinnant's civil-from-days algorithm, written from its description).
 * Periods are strings in the chart's own terms, checked here by cadence. Not
 * a time-zone library: charts name their periods in their own zone already.
 */
#include "util/util.h"

#include <string.h>

bool kc__ymd_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
        return false;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 ? leap : 0);
}

int64_t kc__days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void kc__civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

bool kc__digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool kc__parse_date(const char *s, size_t n, int64_t *days)
{
    int y, m, d;
    if (n != 10 || s[4] != '-' || s[7] != '-' || !kc__digits(s, 4, &y) ||
        !kc__digits(s + 5, 2, &m) || !kc__digits(s + 8, 2, &d) || !kc__ymd_valid(y, m, d))
        return false;
    *days = kc__days_from_civil(y, m, d);
    return true;
}

void kc__format_date(int64_t days, char *out)
{
    int y, m, d;
    kc__civil_from_days(days, &y, &m, &d);
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

bool kc__period_valid(const char *cadence, const char *p)
{
    size_t n = strlen(p);
    int64_t days;
    int v;
    if (!strcmp(cadence, "daily") || !strcmp(cadence, "weekly"))
        return kc__parse_date(p, n, &days);
    if (!strcmp(cadence, "hourly"))
        return n == 13 && p[10] == 'T' && kc__parse_date(p, 10, &days) &&
               kc__digits(p + 11, 2, &v) && v < 24;
    if (!strcmp(cadence, "monthly")) {
        int y, m;
        return n == 7 && p[4] == '-' && kc__digits(p, 4, &y) &&
               kc__digits(p + 5, 2, &m) && kc__ymd_valid(y, m, 1);
    }
    if (!strcmp(cadence, "yearly"))
        return n == 4 && kc__digits(p, 4, &v) && kc__ymd_valid(v, 1, 1);
    return false;
}

/* A period as a count of its cadence's steps: days for "daily" and
 * "weekly", hours for "hourly", months, years; false when malformed. */
static bool period_steps(const char *cadence, const char *p, int64_t *out)
{
    if (!kc__period_valid(cadence, p))
        return false;
    int64_t days;
    int v, y = 0, m = 1;
    if (!strcmp(cadence, "daily") || !strcmp(cadence, "weekly"))
        return kc__parse_date(p, 10, out);
    if (!strcmp(cadence, "hourly")) {
        if (!kc__parse_date(p, 10, &days) || !kc__digits(p + 11, 2, &v))
            return false;
        *out = days * 24 + v;
        return true;
    }
    if (!strcmp(cadence, "monthly")) {
        kc__digits(p, 4, &y);
        kc__digits(p + 5, 2, &m);
        *out = (int64_t)y * 12 + m - 1;
        return true;
    }
    kc__digits(p, 4, &y);
    *out = y;
    return true;
}

bool kc__period_adjacent(const char *cadence, const char *before, const char *after)
{
    int64_t a, b;
    if (!cadence || !before || !after || !period_steps(cadence, before, &a) ||
        !period_steps(cadence, after, &b))
        return true;
    int64_t step = b - a;
    /* Billboard moved the Hot 100 from Mondays to Saturdays in 1962 (a
     * 12-day step); a week missing makes 14. */
    if (!strcmp(cadence, "weekly"))
        return step >= 5 && step <= 13;
    /* An hourly chart named in local time skips the hour that daylight
     * saving jumps over. */
    if (!strcmp(cadence, "hourly"))
        return step >= 1 && step <= 2;
    return step == 1;
}

bool kc__parse_u64(const char *s, size_t n, uint64_t max, uint64_t *out)
{
    if (n == 0 || n > 20)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        unsigned dgt = (unsigned)(s[i] - '0');
        if (v > (max - dgt) / 10)
            return false;
        v = v * 10 + dgt;
    }
    *out = v;
    return true;
}

/* ISO weekday of a day: 1 Monday ... 7 Sunday (1970-01-01 was a Thursday). */
int kc__weekday(int64_t day)
{
    int64_t w = (day + 3) % 7;
    return (int)(w < 0 ? w + 7 : w) + 1;
}
