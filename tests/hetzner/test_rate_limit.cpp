// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/hetzner/rate_limit.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string>

using namespace cloudimg;
namespace hz = cloudimg::hetzner;
using namespace std::chrono_literals;

namespace {

header_list headers(std::string limit, std::string remaining, std::string reset)
{
    return {{"RateLimit-Limit", std::move(limit)},
            {"RateLimit-Remaining", std::move(remaining)},
            {"RateLimit-Reset", std::move(reset)}};
}

TEST(parse_rate_limit, reads_the_three_headers)
{
    auto rl = hz::parse_rate_limit(headers("3600", "3599", "1731938401"));
    ASSERT_TRUE(rl);
    EXPECT_EQ(rl->limit, 3600);
    EXPECT_EQ(rl->remaining, 3599);
    EXPECT_EQ(rl->reset.time_since_epoch(), 1731938401s);
}

TEST(parse_rate_limit, header_names_ignore_case_and_values_may_have_whitespace)
{
    header_list h{{"ratelimit-limit", " 3600"}, {"RATELIMIT-REMAINING", "0\t"}, {"Ratelimit-Reset", " 1700000000 "}};
    auto rl = hz::parse_rate_limit(h);
    ASSERT_TRUE(rl);
    EXPECT_EQ(rl->remaining, 0);
    EXPECT_EQ(rl->reset.time_since_epoch(), 1700000000s);
}

struct bad_case {
    char const* name;
    header_list headers;
};

class parse_rate_limit_bad : public testing::TestWithParam<bad_case> {};

TEST_P(parse_rate_limit_bad, gives_nothing)
{
    EXPECT_FALSE(hz::parse_rate_limit(GetParam().headers)) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    cases, parse_rate_limit_bad,
    testing::Values(bad_case{"none", {}},
                    bad_case{"no_reset", {{"RateLimit-Limit", "3600"}, {"RateLimit-Remaining", "1"}}},
                    bad_case{"no_limit", {{"RateLimit-Remaining", "1"}, {"RateLimit-Reset", "1700000000"}}},
                    bad_case{"empty", headers("", "1", "1700000000")},
                    bad_case{"negative", headers("3600", "-1", "1700000000")},
                    bad_case{"plus_sign", headers("+3600", "1", "1700000000")},
                    bad_case{"fraction", headers("3600", "1.5", "1700000000")},
                    bad_case{"text", headers("3600", "1", "soon")},
                    bad_case{"trailing_garbage", headers("3600x", "1", "1700000000")},
                    bad_case{"http_date_reset", headers("3600", "1", "Sun, 06 Nov 1994 08:49:37 GMT")},
                    bad_case{"overflow", headers("99999999999999999999", "1", "1700000000")},
                    bad_case{"reset_after_year_9999", headers("3600", "1", "253402300800")}),
    [](auto const& test) { return std::string(test.param.name); });

TEST(time_until_next_request, zero_while_requests_remain)
{
    hz::rate_limit_info rl{3600, 5, std::chrono::sys_seconds{2000s}};
    EXPECT_EQ(hz::time_until_next_request(rl, std::chrono::system_clock::time_point{1000s}), 0ms);
}

TEST(time_until_next_request, one_refill_interval_when_exhausted)
{
    auto const now = std::chrono::system_clock::time_point{1000s};
    // 3600 per hour refill one per second, long before the full reset
    EXPECT_EQ(hz::time_until_next_request({3600, 0, std::chrono::sys_seconds{4600s}}, now), 1000ms);
    // 7 per hour: 3600/7 s = 514285.71 ms, rounded up
    EXPECT_EQ(hz::time_until_next_request({7, 0, std::chrono::sys_seconds{4600s}}, now), 514286ms);
}

TEST(time_until_next_request, never_past_the_reset)
{
    auto const now = std::chrono::system_clock::time_point{1000s} + 250ms;
    EXPECT_EQ(hz::time_until_next_request({1, 0, std::chrono::sys_seconds{1003s}}, now), 2750ms);
    // no usable limit: only the reset tells
    EXPECT_EQ(hz::time_until_next_request({0, 0, std::chrono::sys_seconds{1003s}}, now), 2750ms);
}

TEST(time_until_next_request, reset_in_the_past_means_no_wait)
{
    auto const now = std::chrono::system_clock::time_point{1000s};
    EXPECT_EQ(hz::time_until_next_request({3600, 0, std::chrono::sys_seconds{999s}}, now), 0ms);
    EXPECT_EQ(hz::time_until_next_request({3600, 0, std::chrono::sys_seconds{1000s}}, now), 0ms);
}

TEST(time_until_next_request, extreme_values_do_not_overflow)
{
    auto const now = std::chrono::system_clock::time_point{1000s};
    hz::rate_limit_info far{1, 0, std::chrono::sys_seconds{std::chrono::seconds{INT64_MAX}}};
    EXPECT_EQ(hz::time_until_next_request(far, now), 3600000ms);
    hz::rate_limit_info huge_limit{INT64_MAX, 0, std::chrono::sys_seconds{2000s}};
    EXPECT_EQ(hz::time_until_next_request(huge_limit, now), 1ms);
}

} // namespace
