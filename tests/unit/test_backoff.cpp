// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/backoff.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <vector>

using namespace cloudimg;
using namespace std::chrono_literals;

namespace {

// ------------------------------------------------------------------ backoff

TEST(exponential_backoff, doubles_up_to_the_cap)
{
    exponential_backoff const b{1s, 2.0, 60s};
    std::vector<std::chrono::milliseconds> got;
    for (unsigned n = 0; n < 9; ++n)
        got.push_back(b.delay(n));
    EXPECT_EQ(got, (std::vector<std::chrono::milliseconds>{1s, 2s, 4s, 8s, 16s, 32s, 60s, 60s, 60s}));
}

TEST(exponential_backoff, odd_parameters_stay_in_range)
{
    EXPECT_EQ((exponential_backoff{1s, 2.0, 10s}.delay(100000)), 10s);  // pow overflows to inf
    EXPECT_EQ((exponential_backoff{500ms, 1.5, 10s}.delay(1)), 750ms);
    EXPECT_EQ((exponential_backoff{0ms, 2.0, 10s}.delay(3)), 0ms);
    EXPECT_EQ((exponential_backoff{-5ms, 2.0, 10s}.delay(3)), 0ms);
    EXPECT_EQ((exponential_backoff{1s, 2.0, -1s}.delay(0)), 0ms);
    EXPECT_EQ((exponential_backoff{1s, std::nan(""), 10s}.delay(2)), 10s);
    EXPECT_EQ((exponential_backoff{3s, 1.0, 10s}.delay(7)), 3s);  // constant
}

TEST(exponential_backoff, the_documented_example)
{
    cloudimg::exponential_backoff b{.base = std::chrono::seconds(1), .multiplier = 2, .cap = std::chrono::seconds(10)};
    EXPECT_EQ(b.delay(0), 1s);
    EXPECT_EQ(b.delay(3), 8s);
    EXPECT_EQ(b.delay(9), 10s);
}

} // namespace
