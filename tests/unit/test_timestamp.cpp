// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/timestamp.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

using namespace cloudimg;
using namespace std::chrono;

namespace {

TEST(timestamp, parses_utc_offsets_and_fractions)
{
    auto z = parse_timestamp("2016-01-30T23:55:00Z");
    ASSERT_TRUE(z);
    EXPECT_EQ(z->seconds, sys_days{2016y / January / 30} + 23h + 55min);
    EXPECT_EQ(z->nanoseconds, 0u);
    EXPECT_EQ(z->offset_minutes, 0);

    auto plus = parse_timestamp("2016-01-31T01:55:00+02:00");
    ASSERT_TRUE(plus);
    EXPECT_EQ(*plus, *z);  // the same instant
    EXPECT_EQ(plus->offset_minutes, 120);

    auto minus = parse_timestamp("2016-01-30T18:25:00-05:30");
    ASSERT_TRUE(minus);
    EXPECT_EQ(*minus, *z);

    auto frac = parse_timestamp("2016-01-30T23:55:00.123456789123Z");  // beyond ns: truncated
    ASSERT_TRUE(frac);
    EXPECT_EQ(frac->time_point() - z->time_point(), 123456789ns);

    EXPECT_TRUE(parse_timestamp("2016-01-30t23:55:00z"));
    EXPECT_TRUE(parse_timestamp("2016-01-30 23:55:00Z"));
    EXPECT_TRUE(parse_timestamp("2016-12-31T23:59:60Z"));  // leap second
}

TEST(timestamp, rejects_malformed_text)
{
    for (char const* s : {"", "2016-01-30", "2016-01-30T23:55:00", "2016-02-30T00:00:00Z", "2016-01-30T24:00:00Z",
                          "2016-01-30T23:60:00Z", "2016-01-30T23:55:00.Z", "2016-01-30T23:55:00+0200",
                          "2016-01-30T23:55:00+24:00", "2016-01-30T23:55:00Zjunk", "20x6-01-30T23:55:00Z",
                          "2016-01-30T23:55:00 Z"})
        EXPECT_FALSE(parse_timestamp(s)) << s;
}

// The calendar as std::chrono knows it, and a byte-by-byte reading of the
// fixed part: what the parser's word-at-a-time checks must agree with.
std::optional<sys_seconds> reference_fixed_part(std::string_view s)
{
    auto digits = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    if (s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':' || (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
        return std::nullopt;
    int const y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2), mi = digits(14, 2),
              se = digits(17, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
        return std::nullopt;
    year_month_day const ymd{year{y}, month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
    if (!ymd.ok())
        return std::nullopt;
    return sys_days{ymd} + hours{h} + minutes{mi} + seconds{se};
}

TEST(timestamp, agrees_with_the_calendar_on_every_day_of_the_years_it_tries)
{
    // Leap-year rules (every 4, not every 100, every 400), both ends of the
    // range, and the years around the epoch; day 0 and the day after the
    // last of each month are rejected.
    for (auto [first, last] : {std::pair{0, 4}, {1896, 1904}, {1968, 2104}, {2396, 2404}, {9995, 9999}})
        for (int y = first; y <= last; ++y)
            for (unsigned m = 1; m <= 13; ++m)
                for (unsigned d = 0; d <= 32; ++d) {
                    char text[32];
                    std::snprintf(text, sizeof text, "%04d-%02u-%02uT12:34:56Z", y, m, d);
                    auto const expected = reference_fixed_part(text);
                    auto const got = parse_timestamp(text);
                    ASSERT_EQ(got.has_value(), expected.has_value()) << text;
                    if (got) {
                        ASSERT_EQ(got->seconds, *expected) << text;
                    }
                }
}

TEST(timestamp, refuses_every_wrong_byte_in_the_fixed_part)
{
    // Each byte of the date and time replaced by each of the 256 values.
    for (std::string const base : {"2016-02-29T23:59:60Z", "0000-01-01T00:00:00.5+01:00", "9999-12-31T09:09:09Z"})
        for (std::size_t at = 0; at < 19; ++at)
            for (int b = 0; b < 256; ++b) {
                std::string text = base;
                text[at] = static_cast<char>(b);
                auto const expected = reference_fixed_part(text);
                auto const got = parse_timestamp(text);
                ASSERT_EQ(got.has_value(), expected.has_value()) << text << " (byte " << b << " at " << at << ')';
                if (got) {
                    ASSERT_EQ(got->seconds + minutes{got->offset_minutes}, *expected) << text;
                }
            }
}

// A byte-by-byte reading of a fraction (the text after the '.', up to the
// end): its nanoseconds, or nothing when it is not one or more digits and
// then 'Z' or an offset.
std::optional<std::uint32_t> reference_fraction(std::string_view f)
{
    std::size_t n = 0;
    std::uint64_t ns = 0;
    for (; n < f.size() && f[n] >= '0' && f[n] <= '9'; ++n)
        if (n < 9)
            ns = ns * 10 + static_cast<unsigned>(f[n] - '0');
    if (n == 0)
        return std::nullopt;
    for (std::size_t i = n; i < 9; ++i)
        ns *= 10;
    std::string_view const rest = f.substr(n);
    if (rest != "Z" && rest != "z" && rest != "+01:30" && rest != "-01:30")
        return std::nullopt;
    return static_cast<std::uint32_t>(ns);
}

TEST(timestamp, reads_fractions_of_every_length_and_refuses_every_wrong_byte_in_them)
{
    // Fractions of 1 to 12 digits (the first eight are read as one word when
    // the text has room for it), each byte of the fraction and the one after
    // it replaced by each of the 256 values.
    std::string const digits = "987654321098";
    for (std::string const end : {"Z", "+01:30"})
        for (std::size_t length = 1; length <= digits.size(); ++length) {
            std::string const base = "2016-02-29T23:59:59." + digits.substr(0, length) + end;
            for (std::size_t at = 20; at <= 20 + length; ++at)
                for (int b = 0; b < 256; ++b) {
                    std::string text = base;
                    text[at] = static_cast<char>(b);
                    auto const expected = reference_fraction(std::string_view(text).substr(20));
                    auto const got = parse_timestamp(text);
                    ASSERT_EQ(got.has_value(), expected.has_value()) << text;
                    if (got) {
                        ASSERT_EQ(got->nanoseconds, *expected) << text;
                    }
                }
        }
}

TEST(timestamp, formats_back_with_the_same_offset)
{
    for (char const* s : {"2016-01-30T23:55:00Z", "2016-01-31T01:55:00+02:00", "1969-07-20T20:17:40.5-05:30",
                          "2262-04-11T23:47:16.854775807Z", "2000-02-29T00:00:00.000000001Z",
                          "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999+14:00", "0000-03-01T00:00:00-12:00"}) {
        auto t = parse_timestamp(s);
        ASSERT_TRUE(t) << s;
        EXPECT_EQ(to_string(*t), s);
    }
    EXPECT_EQ(to_string(*parse_timestamp("2016-01-30T23:55:00.100Z")), "2016-01-30T23:55:00.1Z");
    EXPECT_EQ(to_string(*parse_timestamp("2016-01-30T23:55:00+00:00")), "2016-01-30T23:55:00Z");
}

TEST(timestamp, orders_by_instant)
{
    EXPECT_EQ(*parse_timestamp("2016-01-31T01:55:00+02:00"), *parse_timestamp("2016-01-30T23:55:00Z"));
    EXPECT_LT(*parse_timestamp("2016-01-30T23:55:00Z"), *parse_timestamp("2016-01-30T23:55:01Z"));
}

} // namespace
