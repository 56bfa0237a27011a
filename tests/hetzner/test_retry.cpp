// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/hetzner/retry.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/hetzner/config.hpp>
#include <cloudimg/send_with_retry.hpp>
#include <cloudimg/hetzner/endpoints.hpp>
#include <cloudimg/response.hpp>

#include <boost/system/errc.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>

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

// ------------------------------------------------------------------ the core's names

// HTTP-date, Retry-After, the backoff and the retry vocabulary are the core's
// (tested in tests/unit); code that names them through hetzner:: still compiles.
static_assert(std::is_same_v<hz::exponential_backoff, cloudimg::exponential_backoff>);
static_assert(std::is_same_v<hz::retry_context, cloudimg::retry_context>);
static_assert(std::is_same_v<hz::retry_plan, cloudimg::retry_plan>);
static_assert(std::is_same_v<hz::retry_basis, cloudimg::retry_basis>);
template <auto A, auto B>
constexpr bool same_function = A == B;  // through parameters: no self-comparison warning
static_assert(same_function<&hz::parse_http_date, &cloudimg::parse_http_date>);
static_assert(same_function<&hz::parse_retry_after, &cloudimg::parse_retry_after>);
static_assert(same_function<&hz::is_idempotent, &cloudimg::is_idempotent>);
static_assert(same_function<&hz::is_transport_failure, &cloudimg::is_transport_failure>);

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
    [](auto const& test) { return std::string(test.param.name); });

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

// ------------------------------------------------------------------ the documented loop

namespace cloudimg::doc_examples {

// plan_retry's @code example as written, inside a function of its own.
template <class Transport>
result<response_type_t<hetzner::get_image>, hetzner::hetzner_failure> plan_retry_loop(Transport transport, request const& req)
{
    for (hetzner::retry_context ctx{.method = http_method::get};; ++ctx.attempt) {
        cloudimg::response raw = transport(req);
        auto res = cloudimg::parse_response<hetzner::get_image>(raw);
        if (res)
            return *res;
        ctx.now = std::chrono::system_clock::now();
        auto plan = hetzner::plan_retry(res.error(), raw.headers, ctx);
        if (!plan)
            return res.error();
        std::this_thread::sleep_for(plan->delay);
    }
}

// retry_state's @code example as written.
template <class Api>
auto retry_state_loop(Api& api)
{
    cloudimg::retry_state retry(http_method::get, hetzner::retry_policy{});
    auto res = api.send(hetzner::get_image{.id = 42});
    while (!res && retry.on_failure(res.error(), std::chrono::system_clock::now())) {
        std::this_thread::sleep_for(retry.next()->delay);
        res = api.send(hetzner::get_image{.id = 42});
    }
    // res: the image, or the failure the retries stopped at
    return res;
}

// send_with_retry's @code example as written.
template <class Api>
auto send_with_retry_call(Api& api)
{
    auto image = cloudimg::send_with_retry(
        api, hetzner::get_image{.id = 42},
        [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); },
        [] { return std::chrono::system_clock::now(); },
        hetzner::retry_policy{.max_retries = 3});
    return image;
}

} // namespace cloudimg::doc_examples

namespace {

std::string read_file(std::string const& path)
{
    std::ifstream in(path);
    EXPECT_TRUE(in) << path;
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(plan_retry, the_documented_loop)
{
    // a conflict the server asks to retry at once (no real wait), then the image
    std::deque<response> replies{
        response{409, {{"Retry-After", "0"}}, error_body("conflict")},
        response{200, {}, read_file(CLOUDIMG_TEST_DATA_DIR "/golden/hetzner/get_image.response.json")}};
    auto const transport = [&](request const&) {
        response r = std::move(replies.front());
        replies.pop_front();
        return r;
    };
    auto const image = doc_examples::plan_retry_loop(transport, request{});
    ASSERT_TRUE(image) << image.error().what();
    ASSERT_TRUE(image->image);
    EXPECT_EQ(image->image->id, 9007199254740991);
    EXPECT_TRUE(replies.empty());

    // a failure that is not retryable ends the loop with it
    replies = {response{404, {}, error_body("not_found")}};
    auto const missing = doc_examples::plan_retry_loop(transport, request{});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().provider_code, "not_found");
    EXPECT_TRUE(replies.empty());
}

// A client over a script of responses, as the documented loops use one.
struct scripted {
    std::deque<response>* replies;
    result<response> operator()(request&) const
    {
        EXPECT_FALSE(replies->empty());
        response r = std::move(replies->front());
        replies->pop_front();
        return r;
    }
};

TEST(retry_state, the_documented_loop_and_send_with_retry)
{
    std::string const image = read_file(CLOUDIMG_TEST_DATA_DIR "/golden/hetzner/get_image.response.json");
    std::deque<response> replies;
    cloudimg::client api{hz::config{.token = "t"}, scripted{&replies}};

    replies = {response{409, {{"Retry-After", "0"}}, error_body("conflict")}, response{200, {}, image}};
    auto const a = doc_examples::retry_state_loop(api);
    ASSERT_TRUE(a) << a.error().what();
    EXPECT_TRUE(replies.empty());

    replies = {response{429, {{"Retry-After", "0"}}, error_body("rate_limit_exceeded")}, response{200, {}, image}};
    auto const b = doc_examples::send_with_retry_call(api);
    ASSERT_TRUE(b) << b.error().what();
    EXPECT_TRUE(replies.empty());

    replies = {response{422, {}, error_body("invalid_input")}};
    auto const c = doc_examples::send_with_retry_call(api);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().provider_code, "invalid_input");
    EXPECT_TRUE(replies.empty());
}

TEST(retry_state, hetzners_policy_reads_the_rate_limit_from_the_failure)
{
    // a client::send failure carries RateLimit-*: no separate headers needed
    auto const h = rate_limit(60, 0, now + 3600s);
    auto const f = failure_of(response{429, h, error_body("rate_limit_exceeded")});
    cloudimg::retry_state retry(http_method::post, hz::retry_policy{});
    EXPECT_EQ(retry.on_failure(f, now), (hz::retry_plan{60s, hz::retry_basis::rate_limit}));
    EXPECT_EQ(retry.next(), (cloudimg::retry_step{2, 60s}));

    // conflict: refused, so even a POST is repeated
    cloudimg::retry_state post(http_method::post, hz::retry_policy{});
    EXPECT_EQ(post.on_failure(failure_of(response{409, {}, error_body("conflict")}), now),
              (hz::retry_plan{1s, hz::retry_basis::backoff}));
    // the generic policy knows no conflict code
    cloudimg::retry_state generic(http_method::post);
    EXPECT_FALSE(generic.on_failure(failure_of(response{409, {}, error_body("conflict")}), now));
}

} // namespace
