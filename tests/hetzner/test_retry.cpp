// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/hetzner/retry.hpp>

#include <cloudimg/hetzner/endpoints.hpp>
#include <cloudimg/response.hpp>

#include <boost/system/errc.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

using namespace cloudimg;
namespace hz = cloudimg::hetzner;
using namespace std::chrono_literals;

namespace {

using clock_point = std::chrono::system_clock::time_point;

// 2026-03-01T12:00:00Z, a Sunday
clock_point const now{1772366400s};

std::string error_body(std::string_view code)
{
    return R"({"error":{"code":")" + std::string(code) + R"(","message":"m","details":null}})";
}

// A failure as the core produces it from a response.
hz::hetzner_failure failure_of(response const& r)
{
    auto res = parse_response<hz::get_image>(r);
    EXPECT_FALSE(res);
    return res.error();
}

hz::hetzner_failure transport_failure(boost::system::error_code code)
{
    hz::hetzner_failure f;
    f.code = code;
    f.message = "transport: " + code.message();
    return f;
}

// ------------------------------------------------------------------ backoff

TEST(exponential_backoff, doubles_up_to_the_cap)
{
    hz::exponential_backoff const b{1s, 2.0, 60s};
    std::vector<std::chrono::milliseconds> got;
    for (unsigned n = 0; n < 9; ++n)
        got.push_back(b.delay(n));
    EXPECT_EQ(got, (std::vector<std::chrono::milliseconds>{1s, 2s, 4s, 8s, 16s, 32s, 60s, 60s, 60s}));
}

TEST(exponential_backoff, odd_parameters_stay_in_range)
{
    EXPECT_EQ((hz::exponential_backoff{1s, 2.0, 10s}.delay(100000)), 10s);  // pow overflows to inf
    EXPECT_EQ((hz::exponential_backoff{500ms, 1.5, 10s}.delay(1)), 750ms);
    EXPECT_EQ((hz::exponential_backoff{0ms, 2.0, 10s}.delay(3)), 0ms);
    EXPECT_EQ((hz::exponential_backoff{-5ms, 2.0, 10s}.delay(3)), 0ms);
    EXPECT_EQ((hz::exponential_backoff{1s, 2.0, -1s}.delay(0)), 0ms);
    EXPECT_EQ((hz::exponential_backoff{1s, std::nan(""), 10s}.delay(2)), 10s);
    EXPECT_EQ((hz::exponential_backoff{3s, 1.0, 10s}.delay(7)), 3s);  // constant
}

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
    auto t = hz::parse_http_date(c.text, now);
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
    [](auto const& info) { return std::string(info.param.name); });

// ------------------------------------------------------------------ Retry-After

TEST(parse_retry_after, delta_seconds)
{
    EXPECT_EQ(hz::parse_retry_after("120", now), 120s);
    EXPECT_EQ(hz::parse_retry_after(" 5\t", now), 5s);
    EXPECT_EQ(hz::parse_retry_after("0", now), 0s);
    // saturates instead of overflowing
    EXPECT_EQ(hz::parse_retry_after("99999999999999999999999999", now), std::chrono::seconds{std::int64_t{1} << 31});
}

TEST(parse_retry_after, http_date)
{
    EXPECT_EQ(hz::parse_retry_after("Sun, 01 Mar 2026 12:01:30 GMT", now), 90s);
    EXPECT_EQ(hz::parse_retry_after("Sun, 01 Mar 2026 12:01:30 GMT", now + 500ms), 89500ms);
    // a date in the past: no wait
    EXPECT_EQ(hz::parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), 0s);
}

TEST(parse_retry_after, garbage_gives_nothing)
{
    for (char const* v : {"", "  ", "-1", "+5", "1.5", "120s", "soon", "0x10", "Sun, 01 Mar 2026", "1 2"})
        EXPECT_FALSE(hz::parse_retry_after(v, now)) << '"' << v << '"';
}

// ------------------------------------------------------------------ classification

struct classify_case {
    char const* name;
    int status;
    std::string body;
    http_method method;
    header_list headers;
    bool retry;
};

class retryable_case : public testing::TestWithParam<classify_case> {};

TEST_P(retryable_case, matches_the_table)
{
    auto const& c = GetParam();
    auto const f = failure_of(response{c.status, c.headers, c.body});
    EXPECT_EQ(hz::is_retryable(f, c.method, c.headers), c.retry);
    auto const plan = hz::plan_retry(f, c.headers, {.method = c.method, .attempt = 1, .now = now});
    EXPECT_EQ(plan.has_value(), c.retry);
}

INSTANTIATE_TEST_SUITE_P(
    cases, retryable_case,
    testing::Values(
        // refused, nothing done: any method
        classify_case{"conflict_get", 409, error_body("conflict"), http_method::get, {}, true},
        classify_case{"conflict_post", 409, error_body("conflict"), http_method::post, {}, true},
        classify_case{"rate_limited_post", 429, error_body("rate_limit_exceeded"), http_method::post, {}, true},
        classify_case{"429_without_body", 429, "Too Many Requests", http_method::post, {}, true},
        // maybe processed: idempotent methods only
        classify_case{"bad_gateway_get", 502, error_body("bad_gateway"), http_method::get, {}, true},
        classify_case{"bad_gateway_post", 502, error_body("bad_gateway"), http_method::post, {}, false},
        classify_case{"timeout_put", 504, error_body("timeout"), http_method::put, {}, true},
        classify_case{"timeout_delete", 504, error_body("timeout"), http_method::delete_, {}, true},
        classify_case{"timeout_patch", 504, error_body("timeout"), http_method::patch, {}, false},
        classify_case{"502_html_get", 502, "<html>Bad Gateway</html>", http_method::get, {}, true},
        classify_case{"504_empty_head", 504, "", http_method::head, {}, true},
        classify_case{"502_html_post", 502, "<html>Bad Gateway</html>", http_method::post, {}, false},
        // a code that says retry, whatever the status
        classify_case{"timeout_code_on_500", 500, error_body("timeout"), http_method::get, {}, true},
        // 503 only when the server asks for a retry
        classify_case{"unavailable", 503, error_body("unavailable"), http_method::get, {}, false},
        classify_case{"unavailable_retry_after", 503, error_body("unavailable"), http_method::post,
                      {{"Retry-After", "30"}}, true},
        // never
        classify_case{"not_found", 404, error_body("not_found"), http_method::get, {}, false},
        classify_case{"invalid_input", 422, error_body("invalid_input"), http_method::put, {}, false},
        classify_case{"locked", 423, error_body("locked"), http_method::post, {}, false},
        classify_case{"server_error", 500, error_body("server_error"), http_method::get, {}, false},
        classify_case{"unauthorized", 401, error_body("unauthorized"), http_method::get, {}, false},
        classify_case{"unknown_code", 409, error_body("brand_new_code"), http_method::get, {}, false},
        classify_case{"undecodable_success", 200, "{", http_method::get, {}, false}),
    [](auto const& info) { return std::string(info.param.name); });

TEST(is_retryable, transport_failures_follow_idempotency)
{
    auto const ours = transport_failure(error::transport);
    auto const theirs = transport_failure(make_error_code(boost::system::errc::connection_refused));
    for (auto const& f : {ours, theirs}) {
        EXPECT_TRUE(hz::is_transport_failure(f));
        EXPECT_TRUE(hz::is_retryable(f, http_method::get));
        EXPECT_TRUE(hz::is_retryable(f, http_method::delete_));
        EXPECT_FALSE(hz::is_retryable(f, http_method::post));
        EXPECT_TRUE(hz::is_retryable(f, http_method::post, {}, /*retry_non_idempotent=*/true));
    }
    auto const plan = hz::plan_retry(ours, {.method = http_method::get, .attempt = 2, .now = now});
    ASSERT_TRUE(plan);
    EXPECT_EQ(*plan, (hz::retry_plan{2s, hz::retry_basis::backoff}));
    EXPECT_FALSE(hz::plan_retry(ours, {.method = http_method::post, .attempt = 1, .now = now}));
    hz::retry_policy unsafe;
    unsafe.retry_non_idempotent = true;
    EXPECT_TRUE(hz::plan_retry(ours, {.method = http_method::post, .attempt = 1, .now = now}, unsafe));
}

TEST(is_retryable, local_errors_are_not_transport_failures)
{
    hz::hetzner_failure f;
    static_cast<failure&>(f) = make_failure(error::invalid_argument, "bad");
    EXPECT_FALSE(hz::is_transport_failure(f));
    EXPECT_FALSE(hz::is_retryable(f, http_method::get));
    static_cast<failure&>(f) = make_failure(error::invalid_header_value, "bad");
    EXPECT_FALSE(hz::is_retryable(f, http_method::get));
}

// ------------------------------------------------------------------ the wait

header_list rate_limit(std::int64_t limit, std::int64_t remaining, clock_point reset)
{
    auto const s = std::chrono::duration_cast<std::chrono::seconds>(reset.time_since_epoch()).count();
    return {{"RateLimit-Limit", std::to_string(limit)},
            {"RateLimit-Remaining", std::to_string(remaining)},
            {"RateLimit-Reset", std::to_string(s)}};
}

TEST(plan_retry, backoff_grows_with_attempts_and_stops_after_max_retries)
{
    auto const f = failure_of(response{409, {}, error_body("conflict")});
    std::vector<std::chrono::milliseconds> delays;
    hz::retry_context ctx{.method = http_method::get, .attempt = 1, .now = now};
    for (; auto plan = hz::plan_retry(f, ctx); ++ctx.attempt) {
        EXPECT_EQ(plan->basis, hz::retry_basis::backoff);
        delays.push_back(plan->delay);
    }
    EXPECT_EQ(delays, (std::vector<std::chrono::milliseconds>{1s, 2s, 4s, 8s, 16s}));
    EXPECT_EQ(ctx.attempt, 6u);  // the 6th attempt (5th retry) was the last

    hz::retry_policy p{.max_retries = 10, .backoff = {1s, 2.0, 20s}};
    EXPECT_EQ(hz::plan_retry(f, {.method = http_method::get, .attempt = 8, .now = now}, p)->delay, 20s);
    EXPECT_FALSE(hz::plan_retry(f, {.method = http_method::get, .attempt = 11, .now = now}, p));
    p.max_retries = 0;
    EXPECT_FALSE(hz::plan_retry(f, {.method = http_method::get, .attempt = 1, .now = now}, p));
}

TEST(plan_retry, retry_after_seconds_and_date)
{
    header_list h{{"Retry-After", "7"}};
    auto const f = failure_of(response{429, h, error_body("rate_limit_exceeded")});
    EXPECT_EQ(hz::plan_retry(f, h, {.attempt = 3, .now = now}), (hz::retry_plan{7s, hz::retry_basis::retry_after}));

    header_list d{{"Retry-After", "Sun, 01 Mar 2026 12:00:42 GMT"}};
    EXPECT_EQ(hz::plan_retry(f, d, {.now = now}), (hz::retry_plan{42s, hz::retry_basis::retry_after}));

    // a date already past: retry at once, as the server allows
    header_list past{{"Retry-After", "Sun, 01 Mar 2026 11:00:00 GMT"}};
    EXPECT_EQ(hz::plan_retry(f, past, {.now = now}), (hz::retry_plan{0s, hz::retry_basis::retry_after}));
}

TEST(plan_retry, garbage_retry_after_falls_back_to_backoff)
{
    for (char const* v : {"soon", "-3", "1.5", "Sun, 01 Mar 2026 12:00:42 UTC", ""}) {
        header_list h{{"Retry-After", v}};
        auto const f = failure_of(response{409, h, error_body("conflict")});
        EXPECT_EQ(hz::plan_retry(f, h, {.attempt = 2, .now = now}), (hz::retry_plan{2s, hz::retry_basis::backoff}))
            << v;
    }
}

TEST(plan_retry, retry_after_takes_precedence_over_rate_limit)
{
    auto h = rate_limit(3600, 0, now + 3600s);
    h.add("Retry-After", "3");
    auto const f = failure_of(response{429, h, error_body("rate_limit_exceeded")});
    EXPECT_EQ(hz::plan_retry(f, h, {.now = now}), (hz::retry_plan{3s, hz::retry_basis::retry_after}));
}

TEST(plan_retry, exhausted_rate_limit_waits_for_one_refill)
{
    auto const h = rate_limit(3600, 0, now + 3600s);
    auto const f = failure_of(response{429, h, error_body("rate_limit_exceeded")});
    EXPECT_EQ(hz::plan_retry(f, h, {.now = now}), (hz::retry_plan{1s, hz::retry_basis::rate_limit}));

    // a slower budget: 60 per hour refill one per minute
    auto const slow = rate_limit(60, 0, now + 3600s);
    EXPECT_EQ(hz::plan_retry(f, slow, {.now = now}), (hz::retry_plan{60s, hz::retry_basis::rate_limit}));

    // or, by policy, for the full reset
    hz::retry_policy full;
    full.wait_for_full_reset = true;
    auto const soon = rate_limit(3600, 0, now + 120s);
    EXPECT_EQ(hz::plan_retry(f, soon, {.now = now}, full), (hz::retry_plan{120s, hz::retry_basis::rate_limit}));
}

TEST(plan_retry, rate_limit_reset_in_the_past_falls_back_to_backoff)
{
    auto const h = rate_limit(3600, 0, now - 10s);
    auto const f = failure_of(response{429, h, error_body("rate_limit_exceeded")});
    EXPECT_EQ(hz::plan_retry(f, h, {.attempt = 3, .now = now}), (hz::retry_plan{4s, hz::retry_basis::backoff}));
    hz::retry_policy full;
    full.wait_for_full_reset = true;
    EXPECT_EQ(hz::plan_retry(f, h, {.attempt = 3, .now = now}, full), (hz::retry_plan{4s, hz::retry_basis::backoff}));
}

TEST(plan_retry, remaining_budget_uses_backoff)
{
    auto const h = rate_limit(3600, 12, now + 3600s);
    auto const f = failure_of(response{409, h, error_body("conflict")});
    EXPECT_EQ(hz::plan_retry(f, h, {.now = now}), (hz::retry_plan{1s, hz::retry_basis::backoff}));
}

TEST(plan_retry, a_wait_above_max_wait_is_not_a_retry)
{
    header_list h{{"Retry-After", "86400"}};
    auto const f = failure_of(response{429, h, error_body("rate_limit_exceeded")});
    EXPECT_FALSE(hz::plan_retry(f, h, {.now = now}));
    hz::retry_policy patient;
    patient.max_wait = std::chrono::hours{25};
    EXPECT_EQ(hz::plan_retry(f, h, {.now = now}, patient), (hz::retry_plan{86400s, hz::retry_basis::retry_after}));

    hz::retry_policy full;
    full.wait_for_full_reset = true;  // a whole hour, above the default 5 minutes
    auto const rl = rate_limit(3600, 0, now + 3600s);
    EXPECT_FALSE(hz::plan_retry(f, rl, {.now = now}, full));
}

TEST(plan_retry, correlation_id_stays_on_the_failure)
{
    // parse_response keeps X-Correlation-Id in request_id, also for a body it cannot decode
    header_list h{{"X-Correlation-Id", "0a1b2c3d4e5f"}, {"Retry-After", "2"}};
    auto const f = failure_of(response{502, h, "<html>Bad Gateway</html>"});
    EXPECT_EQ(f.request_id, "0a1b2c3d4e5f");
    EXPECT_EQ(f.http_status, 502);
    EXPECT_FALSE(f.body);
    EXPECT_NE(f.what().find("request id 0a1b2c3d4e5f"), std::string::npos);
    EXPECT_EQ(hz::plan_retry(f, h, {.now = now}), (hz::retry_plan{2s, hz::retry_basis::retry_after}));

    // and with the official 5xx example body
    std::ifstream in(CLOUDIMG_TEST_DATA_DIR "/specs/hetzner/examples/get_image_5xx.json");
    ASSERT_TRUE(in);
    std::stringstream body;
    body << in.rdbuf();
    auto const g = failure_of(response{504, {{"x-correlation-id", "corr-9"}}, body.str()});
    EXPECT_EQ(g.request_id, "corr-9");
    EXPECT_EQ(g.provider_code, "timeout");
    EXPECT_EQ(hz::plan_retry(g, {.method = http_method::get, .attempt = 1, .now = now}),
              (hz::retry_plan{1s, hz::retry_basis::backoff}));
}

} // namespace
