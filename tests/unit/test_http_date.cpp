// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/http_date.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>

using namespace cloudimg;
using namespace std::chrono_literals;

namespace {

using clock_point = std::chrono::system_clock::time_point;

// 2026-03-01T12:00:00Z, a Sunday
clock_point const now{1772366400s};

// ------------------------------------------------------------------ HTTP-date

struct date_case {
    char const* name;
    char const* text;
    std::int64_t unix_seconds;  // -1: must not parse
};

class parse_http_date_case : public testing::TestWithParam<date_case> {};

TEST_P(parse_http_date_case, parses_or_rejects)
{
    auto const& c = GetParam();
    auto t = parse_http_date(c.text, now);
    if (c.unix_seconds < 0) {
        EXPECT_FALSE(t) << c.text;
    } else {
        ASSERT_TRUE(t) << c.text;
        EXPECT_EQ(t->time_since_epoch().count(), c.unix_seconds) << c.text;
    }
}

INSTANTIATE_TEST_SUITE_P(
    cases, parse_http_date_case,
    testing::Values(
        // the three forms of RFC 9110's example instant
        date_case{"imf_fixdate", "Sun, 06 Nov 1994 08:49:37 GMT", 784111777},
        date_case{"rfc850", "Sunday, 06-Nov-94 08:49:37 GMT", 784111777},
        date_case{"asctime", "Sun Nov  6 08:49:37 1994", 784111777},
        date_case{"asctime_two_digit_day", "Wed Nov 16 08:49:37 1994", 784975777},
        date_case{"leap_second", "Sat, 31 Dec 2016 23:59:60 GMT", 1483228800},
        date_case{"leap_day", "Thu, 29 Feb 2024 00:00:00 GMT", 1709164800},
        // RFC 850 two-digit years: at most 50 years ahead of `now` (2026)
        date_case{"rfc850_50_years_ahead", "Friday, 06-Nov-76 00:00:00 GMT", 3371846400},
        date_case{"rfc850_51_years_ahead_is_past", "Sunday, 06-Nov-77 00:00:00 GMT", 247622400},
        date_case{"rfc850_this_century", "Sunday, 01-Mar-26 12:00:00 GMT", 1772366400},
        // rejected
        date_case{"wrong_weekday", "Mon, 06 Nov 1994 08:49:37 GMT", -1},
        date_case{"lowercase_day", "sun, 06 Nov 1994 08:49:37 GMT", -1},
        date_case{"lowercase_month", "Sun, 06 nov 1994 08:49:37 GMT", -1},
        date_case{"utc_not_gmt", "Sun, 06 Nov 1994 08:49:37 UTC", -1},
        date_case{"numeric_zone", "Sun, 06 Nov 1994 08:49:37 +0000", -1},
        date_case{"one_digit_day", "Sun, 6 Nov 1994 08:49:37 GMT", -1},
        date_case{"no_such_day", "Fri, 30 Feb 2024 00:00:00 GMT", -1},
        date_case{"hour_24", "Sun, 06 Nov 1994 24:00:00 GMT", -1},
        date_case{"minute_60", "Sun, 06 Nov 1994 08:60:00 GMT", -1},
        date_case{"second_61", "Sun, 06 Nov 1994 08:49:61 GMT", -1},
        date_case{"trailing_text", "Sun, 06 Nov 1994 08:49:37 GMT x", -1},
        date_case{"iso_8601", "1994-11-06T08:49:37Z", -1},
        date_case{"short_day_in_rfc850", "Sun, 06-Nov-94 08:49:37 GMT", -1},
        date_case{"long_day_in_imf", "Sunday, 06 Nov 1994 08:49:37 GMT", -1},
        date_case{"asctime_zero_padded_day_with_space", "Sun Nov 06 08:49:37 1994 ", -1},
        date_case{"asctime_letters_in_year", "Sun Nov  6 08:49:37 19x4", -1},
        date_case{"empty", "", -1},
        date_case{"digits", "120", -1}),
    [](auto const& test) { return std::string(test.param.name); });

// ------------------------------------------------------------------ Retry-After

TEST(parse_retry_after, delta_seconds)
{
    EXPECT_EQ(parse_retry_after("120", now), 120s);
    EXPECT_EQ(parse_retry_after(" 5\t", now), 5s);
    EXPECT_EQ(parse_retry_after("0", now), 0s);
    // saturates instead of overflowing
    EXPECT_EQ(parse_retry_after("99999999999999999999999999", now), std::chrono::seconds{std::int64_t{1} << 31});
}

TEST(parse_retry_after, http_date)
{
    EXPECT_EQ(parse_retry_after("Sun, 01 Mar 2026 12:01:30 GMT", now), 90s);
    EXPECT_EQ(parse_retry_after("Sun, 01 Mar 2026 12:01:30 GMT", now + 500ms), 89500ms);
    // a date in the past: no wait
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), 0s);
}

TEST(parse_retry_after, garbage_gives_nothing)
{
    for (char const* v : {"", "  ", "-1", "+5", "1.5", "120s", "soon", "0x10", "Sun, 01 Mar 2026", "1 2"})
        EXPECT_FALSE(parse_retry_after(v, now)) << '"' << v << '"';
}

} // namespace
