// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/timestamp.hpp>

#include <gtest/gtest.h>

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
