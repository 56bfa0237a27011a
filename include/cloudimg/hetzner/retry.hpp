// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_RETRY_HPP
#define CLOUDIMG_HETZNER_RETRY_HPP

// Retry planning for Hetzner calls, sans-IO: what is Hetzner's on top of the
// core's (cloudimg/retry.hpp): which of its error codes are worth another
// attempt, and waiting out its `RateLimit-*` budget. Nothing here sleeps or
// reads a clock.

#include <cloudimg/backoff.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/hetzner/models.hpp>
#include <cloudimg/hetzner/provider.hpp>
#include <cloudimg/hetzner/rate_limit.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/http_date.hpp>
#include <cloudimg/retry.hpp>

#include <chrono>
#include <optional>

namespace cloudimg::hetzner {

// Generic HTTP pieces, once defined here, now in the core; still reachable as hetzner::...
using cloudimg::exponential_backoff;
using cloudimg::is_idempotent;
using cloudimg::is_transport_failure;
using cloudimg::parse_http_date;
using cloudimg::parse_retry_after;
using cloudimg::retry_basis;
using cloudimg::retry_context;
using cloudimg::retry_plan;

/** When and how often to retry a Hetzner call.

    The members of `cloudimg::retry_policy` and one of Hetzner's own,
    `wait_for_full_reset`. (An aggregate of its own rather than a derived
    one: designated initializers such as `{.max_retries = 10}` cannot name a
    base's members.) Defaults follow hcloud-go: 5 retries, 1 s doubling up to
    60 s. A policy is a planner: calling it is `plan_retry` with it, so it
    drives a `cloudimg::retry_state` and `cloudimg::send_with_retry`.

    @code
    hetzner::retry_policy p{.max_retries = 10, .wait_for_full_reset = true};
    @endcode
*/
struct retry_policy {
    /// Retries after the first attempt; attempt `max_retries + 1` is the last.
    unsigned max_retries = 5;
    /// The wait when the server names none: `backoff.delay(attempt - 1)`.
    exponential_backoff backoff{std::chrono::milliseconds{1000}, 2.0, std::chrono::milliseconds{60000}};
    /// A wait the server imposes (Retry-After, rate limit) above this is not waited for: no retry.
    std::chrono::milliseconds max_wait{std::chrono::minutes{5}};
    /// Also retry non-idempotent methods (POST, PATCH) when the request may have been processed
    /// (transport failure, 502, 504). Off: repeating a POST could start a second action.
    bool retry_non_idempotent = false;
    /// With `RateLimit-Remaining: 0`, wait for `RateLimit-Reset` (a full budget) instead of one refilled request.
    bool wait_for_full_reset = false;

    /// `plan_retry(f, response_headers, ctx, *this)`.
    std::optional<retry_plan> operator()(hetzner_failure const& f, header_list const& response_headers,
                                         retry_context const& ctx) const noexcept;
};

/** Whether a failure is worth another attempt, by its kind alone.

    - `conflict`, `rate_limit_exceeded` and HTTP 429: the server refused the
      request and did nothing, so any method is retried;
    - HTTP 503 with a `Retry-After` header: the server asks for a retry
      (without one it is Hetzner's `unavailable`, a product not offered, not
      a passing state);
    - `bad_gateway`, `timeout`, HTTP 502 and 504 (decodable body or not),
      and transport failures: the request may or may not have been
      processed, so only idempotent methods are retried, unless
      `retry_non_idempotent`;
    - anything else (4xx input errors, `locked`, undecodable success bodies,
      local errors): no.

    The statuses are `cloudimg::is_retryable`'s; the error codes and the
    strict 503 are Hetzner's.

    @code
    if (hetzner::is_retryable(res.error(), http_method::get)) ...
    @endcode
*/
inline bool is_retryable(hetzner_failure const& f, http_method method, header_list const& response_headers = {},
                         bool retry_non_idempotent = false) noexcept
{
    if (auto code = error_code_of(f)) {
        if (*code == error_code::conflict || *code == error_code::rate_limit_exceeded)
            return true;
        if (*code == error_code::bad_gateway || *code == error_code::timeout)
            return retry_non_idempotent || is_idempotent(method);
    }
    if (f.http_status == 503)
        return response_headers.contains("Retry-After");
    return cloudimg::is_retryable(f, method, response_headers, retry_non_idempotent);
}

/** Decide whether to retry a failed call, and how long to wait first.

    Empty means "do not retry": the failure is not retryable (see
    `is_retryable`), `ctx.attempt` already used the last retry, or the
    server imposes a wait longer than `policy.max_wait`.

    The wait is, in order of precedence:
    1. `Retry-After` (delta-seconds or HTTP-date), when present and valid;
    2. with `RateLimit-Remaining: 0`, the time until one request is refilled
       (`time_until_next_request`), or until `RateLimit-Reset` with
       `policy.wait_for_full_reset`, when that is in the future;
    3. otherwise `policy.backoff.delay(ctx.attempt - 1)`.

    The failure's `request_id` (`X-Correlation-Id`, kept by `parse_response`)
    is untouched: log it with each retry. A failure from `client::send` has
    the headers too, in `response_headers`.

    @code
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
    @endcode

    @see cloudimg::retry_state, the same decision kept across attempts; cloudimg::send_with_retry, its synchronous loop
*/
inline std::optional<retry_plan> plan_retry(hetzner_failure const& f, header_list const& response_headers,
                                            retry_context const& ctx, retry_policy const& policy = {}) noexcept
{
    using std::chrono::milliseconds;
    auto const rate_limit_wait = [&]() -> std::optional<retry_plan> {
        auto const rl = parse_rate_limit(response_headers);
        if (!rl || rl->remaining != 0)
            return std::nullopt;
        milliseconds wait = time_until_next_request(*rl, ctx.now);
        if (policy.wait_for_full_reset && wait > milliseconds{0})
            wait = milliseconds{rl->reset.time_since_epoch()} -
                   std::chrono::floor<milliseconds>(ctx.now.time_since_epoch());
        if (wait > milliseconds{0})
            return retry_plan{wait, retry_basis::rate_limit};
        return std::nullopt;
    };
    return cloudimg::detail::plan_retry_with(
        hetzner::is_retryable(f, ctx.method, response_headers, policy.retry_non_idempotent), response_headers, ctx, policy,
        rate_limit_wait);
}

/** `plan_retry` for a failure without a response (a transport failure): no headers to honour.

    @code
    auto plan = hetzner::plan_retry(res.error(), {.method = http_method::get, .attempt = 1, .now = now});
    @endcode
*/
inline std::optional<retry_plan> plan_retry(hetzner_failure const& f, retry_context const& ctx,
                                            retry_policy const& policy = {}) noexcept
{
    return plan_retry(f, header_list{}, ctx, policy);
}

inline std::optional<retry_plan> retry_policy::operator()(hetzner_failure const& f, header_list const& response_headers,
                                                          retry_context const& ctx) const noexcept
{
    return plan_retry(f, response_headers, ctx, *this);
}

} // namespace cloudimg::hetzner

#endif
