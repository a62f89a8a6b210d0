/* Unit tests of dates and periods (date.c) and checked number parsing. */
#include "support.h"
#include "util/util.h"

#include <string.h>

Test(date, civil_round_trip_over_two_centuries)
{
    for (int64_t z = kc__days_from_civil(1900, 1, 1); z < kc__days_from_civil(2100, 1, 1);
         z++) {
        int y, m, d;
        kc__civil_from_days(z, &y, &m, &d);
        cr_assert(kc__ymd_valid(y, m, d), "%d-%d-%d", y, m, d);
        cr_assert(eq(i64, kc__days_from_civil(y, m, d), z));
    }
}

Test(date, known_days)
{
    cr_assert(eq(i64, kc__days_from_civil(1970, 1, 1), 0));
    cr_assert(eq(i64, kc__days_from_civil(2000, 3, 1), 11017));
    /* The first Hot 100 (Monday 1958-08-04) and 1962's first Saturday chart. */
    /* 1970-01-01 was a Thursday; weekday 0 is Sunday. */
    int64_t monday = kc__days_from_civil(1958, 8, 4),
            saturday = kc__days_from_civil(1962, 1, 6);
    cr_assert(eq(int, ((monday + 4) % 7 + 7) % 7, 1), "Monday");
    cr_assert(eq(int, ((saturday + 4) % 7 + 7) % 7, 6), "Saturday");
}

Test(date, parse_and_format)
{
    int64_t z;
    char out[11];
    cr_assert(kc__parse_date("2024-02-29", 10, &z));
    kc__format_date(z, out);
    cr_assert(eq(str, out, "2024-02-29"));
    cr_assert_not(kc__parse_date("2023-02-29", 10, &z));
    cr_assert_not(kc__parse_date("2023-2-28", 9, &z));
    cr_assert_not(kc__parse_date("2023-02-2x", 10, &z));
    cr_assert_not(kc__parse_date("1850-01-01", 10, &z));
}

Test(date, periods_by_cadence)
{
    cr_assert(kc__period_valid("weekly", "2024-01-06"));
    cr_assert(kc__period_valid("hourly", "2024-01-06T23"));
    cr_assert_not(kc__period_valid("hourly", "2024-01-06T24"));
    cr_assert_not(kc__period_valid("daily", "2024-01-06T13"));
    cr_assert(kc__period_valid("monthly", "2024-12"));
    cr_assert_not(kc__period_valid("monthly", "2024-13"));
    cr_assert(kc__period_valid("yearly", "2024"));
    cr_assert_not(kc__period_valid("fortnightly", "2024-01-06"));
}

Test(number, checked_unsigned)
{
    uint64_t v;
    cr_assert(kc__parse_u64("18446744073709551615", 20, UINT64_MAX, &v));
    cr_assert(eq(u64, v, UINT64_MAX));
    cr_assert_not(kc__parse_u64("18446744073709551616", 20, UINT64_MAX, &v));
    cr_assert_not(kc__parse_u64("101", 3, 100, &v));
    cr_assert(kc__parse_u64("100", 3, 100, &v));
    cr_assert_not(kc__parse_u64("", 0, 100, &v));
    cr_assert_not(kc__parse_u64("-1", 2, 100, &v));
    cr_assert_not(kc__parse_u64("1 ", 2, 100, &v));
}
