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

Test(date, periods_adjacent_by_cadence)
{
    cr_assert(kc__period_adjacent("weekly", "1978-07-08", "1978-07-15"));
    /* Billboard's move from Mondays to Saturdays: a 12-day step. */
    cr_assert(kc__period_adjacent("weekly", "1961-12-25", "1962-01-06"));
    cr_assert_not(kc__period_adjacent("weekly", "1977-11-26", "1978-07-15"));
    cr_assert_not(kc__period_adjacent("weekly", "2024-01-06", "2024-01-20"));
    cr_assert_not(kc__period_adjacent("weekly", "2024-01-13", "2024-01-06"));
    cr_assert(kc__period_adjacent("daily", "2024-12-31", "2025-01-01"));
    cr_assert_not(kc__period_adjacent("daily", "2024-12-30", "2025-01-01"));
    cr_assert(kc__period_adjacent("hourly", "2024-01-06T23", "2024-01-07T00"));
    cr_assert(kc__period_adjacent("hourly", "2024-03-10T01", "2024-03-10T03"));
    cr_assert_not(kc__period_adjacent("hourly", "2024-01-06T20", "2024-01-06T23"));
    cr_assert(kc__period_adjacent("monthly", "2024-12", "2025-01"));
    cr_assert_not(kc__period_adjacent("monthly", "2024-11", "2025-01"));
    cr_assert(kc__period_adjacent("yearly", "2024", "2025"));
    cr_assert_not(kc__period_adjacent("yearly", "2023", "2025"));
    /* What does not parse keeps the rules as they were. */
    cr_assert(kc__period_adjacent("fortnightly", "2024-01-06", "2024-03-06"));
    cr_assert(kc__period_adjacent("weekly", "", "2024-01-06"));
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
