// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_RETRY_HPP
#define CLOUDIMG_RETRY_HPP

// Retrying failed calls, sans-IO: which failures are worth another attempt,
// how long to wait first (`plan_retry`), and `retry_state`, the resumable
// that counts the attempts of one call. The failure, its response headers
// and the current time come from the caller; nothing here sleeps or reads a
// clock. `send_with_retry` (send_with_retry.hpp) is the synchronous loop.

#include <cloudimg/backoff.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/http_date.hpp>

#include <chrono>
#include <concepts>
#include <optional>
#include <utility>

namespace cloudimg {

/// RFC 9110 section 9.2.2: repeating these has the effect of sending once.
constexpr bool is_idempotent(http_method m) noexcept
{
    return m == http_method::get || m == http_method::head || m == http_method::put || m == http_method::delete_;
}

/// True when no response arrived: the transport failed (a local error such as
/// `invalid_argument` is not a transport failure: nothing was sent).
inline bool is_transport_failure(failure const& f) noexcept
{
    return f.http_status == 0 && (f.code == error::transport || f.code.category() != error_category());
}

/// What the call's context is: supplied by the caller, so the planner stays pure.
struct retry_context {
    http_method method = http_method::get;                ///< the method of the failed request
    unsigned attempt = 1;                                 ///< the failed attempt: 1 for the first try
    std::chrono::system_clock::time_point now{};          ///< the current time, for HTTP-dates and rate-limit resets
};

/// Where a planned wait came from.
enum class retry_basis {
    backoff,      ///< the policy's exponential backoff
    retry_after,  ///< the response's `Retry-After`
    rate_limit,   ///< a provider's rate-limit headers (Hetzner's `RateLimit-Remaining: 0` and `RateLimit-Reset`)
};

/// Try again after `delay`.
struct retry_plan {
    std::chrono::milliseconds delay{0};
    retry_basis basis = retry_basis::backoff;

    friend bool operator==(retry_plan const&, retry_plan const&) = default;
};

/** When and how often to retry a call to any provider.

    Defaults follow hcloud-go: 5 retries, 1 s doubling up to 60 s. A policy is
    itself a planner (see `retry_planner`): calling it is `plan_retry` with it.
    Hetzner has its own, `hetzner::retry_policy`, which also knows its error
    codes and `RateLimit-*` headers.

    @code
    cloudimg::retry_policy p{.max_retries = 3, .backoff = {std::chrono::milliseconds(200), 2.0, std::chrono::seconds(5)}};
    @endcode
*/
struct retry_policy {
    /// Retries after the first attempt; attempt `max_retries + 1` is the last.
    unsigned max_retries = 5;
    /// The wait when the server names none: `backoff.delay(attempt - 1)`.
    exponential_backoff backoff{std::chrono::milliseconds{1000}, 2.0, std::chrono::milliseconds{60000}};
    /// A wait the server imposes (Retry-After) above this is not waited for: no retry.
    std::chrono::milliseconds max_wait{std::chrono::minutes{5}};
    /// Also retry non-idempotent methods (POST, PATCH) when the request may have been processed
    /// (transport failure, 502, 503, 504). Off: repeating a POST could create a second resource.
    bool retry_non_idempotent = false;

    /// `plan_retry(f, response_headers, ctx, *this)`.
    std::optional<retry_plan> operator()(failure const& f, header_list const& response_headers,
                                         retry_context const& ctx) const noexcept;
};

/** Whether a failure is worth another attempt, by its HTTP status alone; for any provider.

    - HTTP 429: the server refused the request and did nothing, so any method
      is retried;
    - HTTP 503: with a `Retry-After` header the server asks for a retry, so
      any method; without one, only idempotent methods;
    - HTTP 502 and 504, and transport failures: the request may or may not
      have been processed, so only idempotent methods are retried, unless
      `retry_non_idempotent`;
    - anything else (4xx input errors, 500, undecodable success bodies,
      local errors): no.

    Providers with error codes of their own refine this (`hetzner::is_retryable`).

    @code
    if (cloudimg::is_retryable(res.error(), cloudimg::http_method::get, res.error().response_headers)) ...
    @endcode
*/
inline bool is_retryable(failure const& f, http_method method, header_list const& response_headers = {},
                         bool retry_non_idempotent = false) noexcept
{
    bool const may_repeat = retry_non_idempotent || is_idempotent(method);
    if (is_transport_failure(f))
        return may_repeat;
    switch (f.http_status) {
    case 429: return true;
    case 503: return may_repeat || response_headers.contains("Retry-After");
    case 502:
    case 504: return may_repeat;
    default: return false;
    }
}

namespace detail {

// The plan every planner shares: none when the failure is not retryable or
// the last retry is used; otherwise the wait is, in order of precedence, the
// server's `Retry-After`, the provider's own wait (`provider_wait()`, e.g.
// Hetzner's rate limit; empty for none), and the policy's backoff. A wait
// above `max_wait` is no retry. `Policy` has `retry_policy`'s members.
template <class Policy, class ProviderWait>
std::optional<retry_plan> plan_retry_with(bool retryable, header_list const& response_headers,
                                          retry_context const& ctx, Policy const& policy,
                                          ProviderWait&& provider_wait)
{
    unsigned const attempt = ctx.attempt == 0 ? 1 : ctx.attempt;
    if (attempt > policy.max_retries || !retryable)
        return std::nullopt;

    auto const within_limit = [&](retry_plan p) -> std::optional<retry_plan> {
        if (p.delay > policy.max_wait)
            return std::nullopt;
        return p;
    };
    if (auto v = response_headers.find("Retry-After"))
        if (auto wait = parse_retry_after(*v, ctx.now))
            return within_limit({*wait, retry_basis::retry_after});
    if (std::optional<retry_plan> p = provider_wait())
        return within_limit(*p);
    return within_limit({policy.backoff.delay(attempt - 1), retry_basis::backoff});
}

} // namespace detail

/** Decide whether to retry a failed call to any provider, and how long to wait first.

    Empty means "do not retry": the failure is not retryable (see
    `is_retryable`), `ctx.attempt` already used the last retry, or the
    server imposes a wait longer than `policy.max_wait`. The wait is the
    response's `Retry-After` (delta-seconds or HTTP-date) when present and
    valid, otherwise `policy.backoff.delay(ctx.attempt - 1)`.

    A failure from `client::send` or `parse_response` carries its response's
    headers: pass `f.response_headers`.

    @code
    auto res = api.send(oxide::view_image{.image = "debian-12"});
    if (!res) {
        auto plan = cloudimg::plan_retry(res.error(), res.error().response_headers,
                                         {.method = http_method::get, .attempt = 1, .now = std::chrono::system_clock::now()});
        if (plan)
            std::this_thread::sleep_for(plan->delay);  // then send again
    }
    @endcode

    @see retry_state, the same decision kept across attempts; send_with_retry, its synchronous loop
*/
inline std::optional<retry_plan> plan_retry(failure const& f, header_list const& response_headers,
                                            retry_context const& ctx, retry_policy const& policy = {}) noexcept
{
    return detail::plan_retry_with(is_retryable(f, ctx.method, response_headers, policy.retry_non_idempotent),
                                   response_headers, ctx, policy, [] { return std::optional<retry_plan>{}; });
}

/** `plan_retry` for a failure without a response (a transport failure): no headers to honour.

    @code
    auto plan = cloudimg::plan_retry(res.error(), {.method = http_method::get, .attempt = 1, .now = now});
    @endcode
*/
inline std::optional<retry_plan> plan_retry(failure const& f, retry_context const& ctx,
                                            retry_policy const& policy = {}) noexcept
{
    return plan_retry(f, header_list{}, ctx, policy);
}

inline std::optional<retry_plan> retry_policy::operator()(failure const& f, header_list const& response_headers,
                                                          retry_context const& ctx) const noexcept
{
    return plan_retry(f, response_headers, ctx, *this);
}

/** A planner for failures of type `Failure`: called with a failure, its
    response headers and the call's context, it returns the retry to make,
    or nothing to stop.

    `retry_policy` plans for any failure, `hetzner::retry_policy` for
    Hetzner's; a lambda that wraps one to add jitter (it may keep state, such
    as a random engine) is one too.
*/
template <class P, class Failure>
concept retry_planner =
    std::derived_from<Failure, failure> &&
    requires(P& planner, Failure const& f, header_list const& headers, retry_context const& ctx) {
        { planner(f, headers, ctx) } -> std::convertible_to<std::optional<retry_plan>>;
    };

/// The next thing to do: wait `delay`, then make attempt number `attempt` and report how it went.
struct retry_step {
    unsigned attempt = 1;                ///< 1 for the first try
    std::chrono::milliseconds delay{0};  ///< 0 before the first try

    friend bool operator==(retry_step const&, retry_step const&) = default;
};

/** The retries of one call, as a resumable: it counts the attempts and asks
    `Planner` after each failure whether, and after how long, to try again.

    Sans-IO like `hetzner::action_waiter`: `next()` says what to do, the
    caller sleeps and sends, then reports with `on_success()` or
    `on_failure(failure, now)`. The failure's `response_headers` (kept by
    `parse_response`, so also on a `client::send` failure) feed
    `Retry-After` and rate-limit waits; the time is the caller's. A sync
    loop (`send_with_retry`) and an asynchronous one (a timer instead of a
    sleep) drive it alike.

    `next()` is idempotent: until an outcome is reported it returns the same
    step. Once the call succeeded or the planner said stop, it returns
    nothing; the outcome is the caller's last result.

    @code
    cloudimg::retry_state retry(http_method::get, hetzner::retry_policy{});
    auto res = api.send(hetzner::get_image{.id = 42});
    while (!res && retry.on_failure(res.error(), std::chrono::system_clock::now())) {
        std::this_thread::sleep_for(retry.next()->delay);
        res = api.send(hetzner::get_image{.id = 42});
    }
    // res: the image, or the failure the retries stopped at
    @endcode

    @see plan_retry, the decision for one failure; send_with_retry, the synchronous loop over this
*/
template <class Planner = retry_policy>
class retry_state {
public:
    /// The retries of a call with this method (idempotency decides what may be repeated).
    explicit retry_state(http_method method, Planner planner = Planner())
        : planner_(std::move(planner)), method_(method)
    {
    }

    /** The next attempt and the wait before it, or nothing once the call is over.

        @code
        if (auto step = retry.next())
            timer.expires_after(step->delay);  // then send attempt step->attempt
        @endcode
    */
    std::optional<retry_step> next() const noexcept
    {
        if (phase_ != phase::trying)
            return std::nullopt;
        return step_;
    }

    /// The attempt `next()` gave succeeded: nothing is left to do.
    void on_success() noexcept
    {
        if (phase_ == phase::trying) {
            ++attempts_;
            phase_ = phase::succeeded;
        }
    }

    /** The attempt `next()` gave failed with `f` at `now`: plan the next one.

        Returns the plan (`next()` then gives its wait), or nothing when the
        planner says stop: the call ends with `f`. Ignored, with nothing
        returned, once the call is over.

        @code
        if (auto plan = retry.on_failure(res.error(), std::chrono::system_clock::now()))
            log("retrying in ", plan->delay, " (request id ", res.error().request_id, ")");
        @endcode
    */
    template <class Failure>
        requires retry_planner<Planner, Failure>
    std::optional<retry_plan> on_failure(Failure const& f, std::chrono::system_clock::time_point now)
    {
        if (phase_ != phase::trying)
            return std::nullopt;
        ++attempts_;
        std::optional<retry_plan> plan =
            planner_(f, f.response_headers, retry_context{.method = method_, .attempt = attempts_, .now = now});
        if (!plan) {
            phase_ = phase::stopped;
            return std::nullopt;
        }
        step_ = retry_step{attempts_ + 1, plan->delay};
        return plan;
    }

    /// True once an attempt succeeded or the planner said stop.
    bool done() const noexcept { return phase_ != phase::trying; }

    /// True once an attempt succeeded.
    bool succeeded() const noexcept { return phase_ == phase::succeeded; }

    /// The attempts reported so far.
    unsigned attempts() const noexcept { return attempts_; }

    Planner& planner() noexcept { return planner_; }
    Planner const& planner() const noexcept { return planner_; }

private:
    enum class phase { trying, succeeded, stopped };

    Planner planner_;
    http_method method_;
    retry_step step_{};
    unsigned attempts_ = 0;
    phase phase_ = phase::trying;
};

} // namespace cloudimg

#endif
