// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The synchronous retry loop over a real client and a scripted transport:
// what it sleeps, when it asks the clock, what it returns.

// The header under test comes first: it must be self-contained.
#include <cloudimg/send_with_retry.hpp>

#include "fake_provider.hpp"

#include <cloudimg/client.hpp>
#include <cloudimg/request.hpp>

#include <boost/system/errc.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <string>
#include <vector>

using namespace cloudimg;
using namespace std::chrono_literals;

namespace {

using clock_point = std::chrono::system_clock::time_point;
clock_point const start{1772366400s};  // 2026-03-01T12:00:00Z

std::string const thing = R"({"name":"one","size":1})";
std::string const problem = R"({"code":"busy","message":"later"})";

// The transport answers from a script and counts; the test's clock advances by
// what the loop sleeps, so time is deterministic.
struct harness {
    std::deque<boost::system::result<response>> replies;
    std::vector<std::string> targets;
    std::vector<std::chrono::milliseconds> sleeps;
    unsigned clock_reads = 0;
    clock_point now = start;

    auto transport()
    {
        return [this](request& req) -> boost::system::result<response> {
            targets.push_back(req.target);
            EXPECT_FALSE(replies.empty());
            auto r = std::move(replies.front());
            replies.pop_front();
            return r;
        };
    }
    auto sleep()
    {
        return [this](std::chrono::milliseconds d) {
            sleeps.push_back(d);
            now += d;
        };
    }
    auto clock()
    {
        return [this] {
            ++clock_reads;
            return now;
        };
    }
};

TEST(send_with_retry, retries_until_success_honouring_retry_after)
{
    harness h;
    h.replies = {response{503, {{"Retry-After", "3"}}, problem}, response{502, {}, "<html>"}, response{200, {}, thing}};
    client api{fake::config{"https://h"}, h.transport()};
    auto r = send_with_retry(api, fake::get_thing{.id = 7}, h.sleep(), h.clock(), retry_policy{});
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->name, "one");
    EXPECT_EQ(h.sleeps, (std::vector<std::chrono::milliseconds>{3s, 2s}));  // Retry-After, then backoff for attempt 2
    EXPECT_EQ(h.clock_reads, 2u);
    EXPECT_EQ(h.targets, (std::vector<std::string>{"/things/7", "/things/7", "/things/7"}));
}

TEST(send_with_retry, returns_the_failure_it_stops_at)
{
    harness h;
    h.replies = {response{502, {}, ""}, response{502, {}, ""}, response{502, {{"X-Request-Id", "last"}}, ""}};
    client api{fake::config{"https://h"}, h.transport()};
    auto r = send_with_retry(api, fake::get_thing{.id = 7}, h.sleep(), h.clock(), retry_policy{.max_retries = 2});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().http_status, 502);
    EXPECT_EQ(r.error().request_id, "last");
    EXPECT_EQ(h.sleeps, (std::vector<std::chrono::milliseconds>{1s, 2s}));
    EXPECT_TRUE(h.replies.empty());

    // not retryable: one attempt, no sleep; the failure still has its headers
    h = {};
    h.replies = {response{404, {{"X-Request-Id", "r404"}}, R"({"code":"not_found","message":"no"})"}};
    client again{fake::config{"https://h"}, h.transport()};
    auto missing = send_with_retry(again, fake::get_thing{.id = 7}, h.sleep(), h.clock(), retry_policy{});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().provider_code, "not_found");
    EXPECT_EQ(missing.error().response_headers.find("x-request-id"), std::optional<std::string_view>("r404"));
    EXPECT_TRUE(h.sleeps.empty());
    EXPECT_EQ(h.targets.size(), 1u);
}

TEST(send_with_retry, transport_failures_of_idempotent_calls_are_retried_and_zero_waits_not_slept)
{
    harness h;
    h.replies = {boost::system::error_code(boost::system::errc::connection_reset, boost::system::generic_category()),
                 response{429, {{"Retry-After", "0"}}, problem}, response{204, {}, ""}};
    client api{fake::config{"https://h"}, h.transport()};
    auto r = send_with_retry(api, fake::drop_thing{.id = 3}, h.sleep(), h.clock(), retry_policy{});
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(h.sleeps, (std::vector<std::chrono::milliseconds>{1s}));  // Retry-After: 0 is not slept
    EXPECT_EQ(h.clock_reads, 2u);
}

TEST(send_with_retry, a_local_failure_is_not_retried)
{
    harness h;
    client api{fake::config{"https://h"}, h.transport()};
    auto r = send_with_retry(api, fake::get_thing{.id = -1}, h.sleep(), h.clock(), retry_policy{});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_argument);
    EXPECT_TRUE(h.targets.empty());
}

TEST(send_with_retry, a_send_function_works_like_a_client)
{
    harness h;
    h.replies = {response{503, {{"Retry-After", "1"}}, problem}, response{200, {}, thing}};
    client api{fake::config{"https://h"}, h.transport()};
    unsigned sends = 0;
    auto send = [&](fake::get_thing const& ep) {
        ++sends;
        return api.send(ep);
    };
    auto r = send_with_retry(send, fake::get_thing{.id = 1}, h.sleep(), h.clock(), retry_policy{});
    ASSERT_TRUE(r);
    EXPECT_EQ(sends, 2u);
    EXPECT_EQ(h.sleeps, (std::vector<std::chrono::milliseconds>{1s}));
}

} // namespace
