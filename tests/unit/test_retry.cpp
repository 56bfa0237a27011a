// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The generic retry planner, for providers without retry rules of their own:
// what is retryable by status and method, and how long to wait.

// The header under test comes first: it must be self-contained.
#include <cloudimg/retry.hpp>

#include "fake_provider.hpp"

#include <cloudimg/response.hpp>

#include <boost/system/errc.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

using namespace cloudimg;
using namespace std::chrono_literals;

namespace {

using clock_point = std::chrono::system_clock::time_point;

// 2026-03-01T12:00:00Z, a Sunday
clock_point const now{1772366400s};

std::string const problem = R"({"code":"c","message":"m"})";

// A failure as the core produces it from a response.
api_failure<fake::problem> failure_of(response const& r)
{
    auto res = parse_response<fake::get_thing>(r);
    EXPECT_FALSE(res);
    return res.error();
}

failure transport_failure(boost::system::error_code code)
{
    failure f;
    f.code = code;
    f.message = "transport: " + code.message();
    return f;
}

TEST(is_idempotent, follows_rfc_9110)
{
    EXPECT_TRUE(is_idempotent(http_method::get));
    EXPECT_TRUE(is_idempotent(http_method::head));
    EXPECT_TRUE(is_idempotent(http_method::put));
    EXPECT_TRUE(is_idempotent(http_method::delete_));
    EXPECT_FALSE(is_idempotent(http_method::post));
    EXPECT_FALSE(is_idempotent(http_method::patch));
}

TEST(is_transport_failure, only_when_no_response_arrived)
{
    EXPECT_TRUE(is_transport_failure(transport_failure(error::transport)));
    EXPECT_TRUE(is_transport_failure(transport_failure(make_error_code(boost::system::errc::connection_refused))));
    EXPECT_FALSE(is_transport_failure(make_failure(error::invalid_argument, "bad")));  // nothing was sent
    EXPECT_FALSE(is_transport_failure(failure_of(response{502, {}, ""})));
}

struct classify_case {
    char const* name;
    int status;
    http_method method;
    header_list headers;
    bool retry;
};

class generic_retryable_case : public testing::TestWithParam<classify_case> {};

TEST_P(generic_retryable_case, matches_the_table)
{
    auto const& c = GetParam();
    auto const f = failure_of(response{c.status, c.headers, problem});
    EXPECT_EQ(is_retryable(f, c.method, c.headers), c.retry);
    EXPECT_EQ(plan_retry(f, c.headers, {.method = c.method, .attempt = 1, .now = now}).has_value(), c.retry);
}

INSTANTIATE_TEST_SUITE_P(
    cases, generic_retryable_case,
    testing::Values(
        // refused, nothing done: any method
        classify_case{"too_many_requests_post", 429, http_method::post, {}, true},
        classify_case{"unavailable_retry_after_post", 503, http_method::post, {{"Retry-After", "5"}}, true},
        // maybe processed: idempotent methods only
        classify_case{"unavailable_get", 503, http_method::get, {}, true},
        classify_case{"unavailable_post", 503, http_method::post, {}, false},
        classify_case{"bad_gateway_put", 502, http_method::put, {}, true},
        classify_case{"bad_gateway_patch", 502, http_method::patch, {}, false},
        classify_case{"gateway_timeout_delete", 504, http_method::delete_, {}, true},
        classify_case{"gateway_timeout_post", 504, http_method::post, {}, false},
        // never: the generic planner knows no provider's error codes
        classify_case{"server_error", 500, http_method::get, {}, false},
        classify_case{"conflict", 409, http_method::get, {}, false},
        classify_case{"not_found", 404, http_method::get, {}, false},
        classify_case{"unexpected_success", 201, http_method::get, {}, false}),
    [](auto const& test) { return std::string(test.param.name); });

TEST(generic_plan_retry, transport_failures_follow_idempotency)
{
    auto const f = transport_failure(make_error_code(boost::system::errc::connection_reset));
    EXPECT_EQ(plan_retry(f, {.method = http_method::get, .attempt = 2, .now = now}),
              (retry_plan{2s, retry_basis::backoff}));
    EXPECT_FALSE(plan_retry(f, {.method = http_method::post, .attempt = 1, .now = now}));
    EXPECT_TRUE(plan_retry(f, {.method = http_method::post, .attempt = 1, .now = now},
                           retry_policy{.retry_non_idempotent = true}));
    EXPECT_FALSE(plan_retry(make_failure(error::invalid_argument), {.method = http_method::get, .now = now}));
}

TEST(generic_plan_retry, backoff_grows_until_max_retries)
{
    auto const f = failure_of(response{502, {}, ""});
    std::vector<std::chrono::milliseconds> delays;
    retry_context ctx{.method = http_method::get, .attempt = 1, .now = now};
    for (; auto plan = plan_retry(f, {}, ctx); ++ctx.attempt)
        delays.push_back(plan->delay);
    EXPECT_EQ(delays, (std::vector<std::chrono::milliseconds>{1s, 2s, 4s, 8s, 16s}));

    retry_policy const p{.max_retries = 2, .backoff = {100ms, 3.0, 1s}};
    EXPECT_EQ(plan_retry(f, {}, {.attempt = 2, .now = now}, p), (retry_plan{300ms, retry_basis::backoff}));
    EXPECT_FALSE(plan_retry(f, {}, {.attempt = 3, .now = now}, p));
}

TEST(generic_plan_retry, retry_after_is_honoured_and_bounded)
{
    header_list const seconds{{"Retry-After", "7"}};
    auto const f = failure_of(response{429, seconds, problem});
    EXPECT_EQ(plan_retry(f, seconds, {.attempt = 3, .now = now}), (retry_plan{7s, retry_basis::retry_after}));

    header_list const date{{"Retry-After", "Sun, 01 Mar 2026 12:00:42 GMT"}};
    EXPECT_EQ(plan_retry(f, date, {.now = now}), (retry_plan{42s, retry_basis::retry_after}));

    header_list const garbage{{"Retry-After", "soon"}};
    EXPECT_EQ(plan_retry(f, garbage, {.attempt = 2, .now = now}), (retry_plan{2s, retry_basis::backoff}));

    header_list const day{{"Retry-After", "86400"}};
    EXPECT_FALSE(plan_retry(f, day, {.now = now}));
    EXPECT_TRUE(plan_retry(f, day, {.now = now}, retry_policy{.max_wait = std::chrono::hours{25}}));
}

TEST(generic_plan_retry, rate_limit_headers_are_not_read)
{
    // RateLimit-* semantics differ between providers: only Hetzner's planner reads them
    header_list const h{{"RateLimit-Limit", "3600"}, {"RateLimit-Remaining", "0"}, {"RateLimit-Reset", "1772370000"}};
    auto const f = failure_of(response{429, h, problem});
    EXPECT_EQ(plan_retry(f, h, {.now = now}), (retry_plan{1s, retry_basis::backoff}));
}

TEST(generic_plan_retry, a_failure_carries_the_headers_it_needs)
{
    // parse_response (so also client::send) keeps the response headers in the failure
    auto const f = failure_of(response{503, {{"Retry-After", "12"}}, problem});
    EXPECT_EQ(plan_retry(f, f.response_headers, {.method = http_method::post, .now = now}),
              (retry_plan{12s, retry_basis::retry_after}));
}

// ------------------------------------------------------------------ retry_state

TEST(retry_state, the_first_attempt_goes_at_once_and_next_is_idempotent)
{
    retry_state retry(http_method::get);
    static_assert(std::is_same_v<decltype(retry), retry_state<retry_policy>>);
    EXPECT_EQ(retry.next(), (retry_step{1, 0ms}));
    EXPECT_EQ(retry.next(), (retry_step{1, 0ms}));
    EXPECT_FALSE(retry.done());
    EXPECT_EQ(retry.attempts(), 0u);
}

TEST(retry_state, counts_attempts_until_the_policy_gives_up)
{
    auto const f = failure_of(response{502, {}, ""});
    retry_state retry(http_method::get, retry_policy{.max_retries = 3});
    std::vector<retry_step> steps;
    while (auto step = retry.next()) {
        steps.push_back(*step);
        retry.on_failure(f, now);
    }
    EXPECT_EQ(steps, (std::vector<retry_step>{{1, 0ms}, {2, 1s}, {3, 2s}, {4, 4s}}));
    EXPECT_TRUE(retry.done());
    EXPECT_FALSE(retry.succeeded());
    EXPECT_EQ(retry.attempts(), 4u);
    EXPECT_FALSE(retry.on_failure(f, now));  // over: ignored
    EXPECT_EQ(retry.attempts(), 4u);
}

TEST(retry_state, success_ends_the_call)
{
    retry_state retry(http_method::delete_);
    ASSERT_TRUE(retry.on_failure(transport_failure(error::transport), now));
    EXPECT_EQ(retry.next(), (retry_step{2, 1s}));
    retry.on_success();
    EXPECT_TRUE(retry.done());
    EXPECT_TRUE(retry.succeeded());
    EXPECT_FALSE(retry.next());
    EXPECT_EQ(retry.attempts(), 2u);
    retry.on_success();  // over: ignored
    EXPECT_EQ(retry.attempts(), 2u);
}

TEST(retry_state, a_failure_that_is_not_retryable_stops_at_once)
{
    retry_state retry(http_method::get);
    EXPECT_FALSE(retry.on_failure(failure_of(response{404, {}, problem}), now));
    EXPECT_TRUE(retry.done());
    EXPECT_FALSE(retry.next());
    EXPECT_EQ(retry.attempts(), 1u);
}

TEST(retry_state, the_method_decides_what_may_be_repeated)
{
    auto const f = failure_of(response{504, {}, ""});
    retry_state post(http_method::post);
    EXPECT_FALSE(post.on_failure(f, now));
    retry_state unsafe(http_method::post, retry_policy{.retry_non_idempotent = true});
    EXPECT_TRUE(unsafe.on_failure(f, now));
}

TEST(retry_state, retry_after_comes_from_the_failure_and_time_is_an_input)
{
    // the same HTTP-date asks for different waits at different times
    auto const f = failure_of(response{503, {{"Retry-After", "Sun, 01 Mar 2026 12:01:00 GMT"}}, problem});
    retry_state retry(http_method::get);
    EXPECT_EQ(retry.on_failure(f, now), (retry_plan{60s, retry_basis::retry_after}));
    EXPECT_EQ(retry.next(), (retry_step{2, 60s}));
    EXPECT_EQ(retry.on_failure(f, now + 45s), (retry_plan{15s, retry_basis::retry_after}));
    EXPECT_EQ(retry.next(), (retry_step{3, 15s}));
}

TEST(retry_state, any_callable_plans)
{
    // a planner with state, e.g. one that adds jitter to the policy's plan
    std::vector<retry_context> seen;
    auto planner = [&seen, policy = retry_policy{}](failure const& f, header_list const& h,
                                                    retry_context const& ctx) -> std::optional<retry_plan> {
        seen.push_back(ctx);
        auto plan = policy(f, h, ctx);
        if (plan)
            plan->delay += 100ms;
        return plan;
    };
    retry_state retry(http_method::head, planner);
    retry.on_failure(failure_of(response{502, {}, ""}), now);
    retry.on_failure(failure_of(response{502, {}, ""}), now + 1s);
    EXPECT_EQ(retry.next(), (retry_step{3, 2100ms}));
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[1].method, http_method::head);
    EXPECT_EQ(seen[1].attempt, 2u);
    EXPECT_EQ(seen[1].now, now + 1s);
}

} // namespace
