// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_RETRY_HPP
#define CLOUDIMG_HETZNER_RETRY_HPP

// Retry planning for Hetzner calls, sans-IO: given a failure, the response
// headers, the attempt number and the current time (all from the caller),
// decide whether to try again and how long to wait first. Nothing here
// sleeps or reads a clock.

#include <cloudimg/error.hpp>
#include <cloudimg/hetzner/models.hpp>
#include <cloudimg/hetzner/provider.hpp>
#include <cloudimg/hetzner/rate_limit.hpp>
#include <cloudimg/http.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>

namespace cloudimg::hetzner {

// ------------------------------------------------------------------ backoff

/** Truncated exponential backoff: `min(cap, base * multiplier^n)` for the n-th wait (n from 0).

    Deterministic: a pure function has no randomness to add jitter with. When
    many clients share one project, scale the delay by a random factor before
    sleeping.

    @code
    hetzner::exponential_backoff b{.base = std::chrono::seconds(1), .multiplier = 2, .cap = std::chrono::seconds(10)};
    b.delay(0);  // 1 s
    b.delay(3);  // 8 s
    b.delay(9);  // 10 s, the cap
    @endcode
*/
struct exponential_backoff {
    std::chrono::milliseconds base{1000};
    double multiplier = 2.0;
    std::chrono::milliseconds cap{60000};

    /// The wait before retry or poll number `n + 1`; never negative, never above `cap`.
    std::chrono::milliseconds delay(unsigned n) const noexcept
    {
        double const cap_ms = static_cast<double>(cap.count() > 0 ? cap.count() : 0);
        double const d = static_cast<double>(base.count()) * std::pow(multiplier, static_cast<double>(n));
        if (!(d < cap_ms))  // also catches inf and NaN
            return std::chrono::milliseconds{static_cast<std::int64_t>(cap_ms)};
        if (!(d > 0))
            return std::chrono::milliseconds{0};
        return std::chrono::milliseconds{static_cast<std::int64_t>(std::ceil(d))};
    }
};

// ------------------------------------------------------------------ HTTP-date, Retry-After

namespace detail {

inline constexpr std::string_view short_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
inline constexpr std::string_view long_days[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                                 "Thursday", "Friday", "Saturday"};
inline constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Day names, month names and "GMT" are case-sensitive in RFC 9110's grammar.
template <std::size_t N>
constexpr int index_of(std::string_view const (&names)[N], std::string_view s) noexcept
{
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == s)
            return static_cast<int>(i);
    return -1;
}

constexpr int two_digits(std::string_view s, std::size_t pos) noexcept
{
    if (pos + 2 > s.size() || s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9')
        return -1;
    return (s[pos] - '0') * 10 + (s[pos + 1] - '0');
}

// "HH:MM:SS" at `pos`; RFC 9110 allows second 60 (a leap second).
inline std::optional<std::chrono::seconds> time_of_day(std::string_view s, std::size_t pos) noexcept
{
    if (pos + 8 > s.size() || s[pos + 2] != ':' || s[pos + 5] != ':')
        return std::nullopt;
    int const h = two_digits(s, pos), m = two_digits(s, pos + 3), sec = two_digits(s, pos + 6);
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60)
        return std::nullopt;
    return std::chrono::seconds{h * 3600 + m * 60 + sec};
}

// A valid calendar date whose weekday is the one the text names.
inline std::optional<std::chrono::sys_seconds> make_date(int y, int month_index, int d, int weekday,
                                                         std::chrono::seconds tod) noexcept
{
    using namespace std::chrono;
    year_month_day const ymd{year{y}, month{static_cast<unsigned>(month_index + 1)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    sys_days const days{ymd};
    if (std::chrono::weekday{days}.c_encoding() != static_cast<unsigned>(weekday))
        return std::nullopt;
    return sys_seconds{days} + tod;
}

} // namespace detail

/** Parse an HTTP-date (RFC 9110 section 5.6.7) into UTC seconds.

    Accepts the three forms recipients must accept: IMF-fixdate
    (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form
    (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
    Names are case-sensitive, the weekday must match the date, and an
    RFC 850 two-digit year is the latest year with those digits that is not
    more than 50 years after `now`. Anything else gives nothing.

    @code
    auto t = hetzner::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", std::chrono::system_clock::now());
    // t->time_since_epoch() == std::chrono::seconds(784111777)
    @endcode
*/
inline std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view s,
                                                               std::chrono::system_clock::time_point now) noexcept
{
    using detail::two_digits;
    auto const comma = s.find(',');
    if (comma == 3) {
        // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" (29 characters)
        if (s.size() != 29 || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s.substr(25) != " GMT")
            return std::nullopt;
        int const wd = detail::index_of(detail::short_days, s.substr(0, 3));
        int const d = two_digits(s, 5);
        int const mo = detail::index_of(detail::months, s.substr(8, 3));
        int const y_hi = two_digits(s, 12), y_lo = two_digits(s, 14);
        auto const tod = detail::time_of_day(s, 17);
        if (wd < 0 || d < 0 || mo < 0 || y_hi < 0 || y_lo < 0 || !tod)
            return std::nullopt;
        return detail::make_date(y_hi * 100 + y_lo, mo, d, wd, *tod);
    }
    if (comma != std::string_view::npos) {
        // rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT"
        int const wd = detail::index_of(detail::long_days, s.substr(0, comma));
        std::string_view const rest = s.substr(comma);
        if (wd < 0 || rest.size() != 24 || rest[1] != ' ' || rest[4] != '-' || rest[8] != '-' || rest[11] != ' ' ||
            rest.substr(20) != " GMT")
            return std::nullopt;
        int const d = two_digits(rest, 2);
        int const mo = detail::index_of(detail::months, rest.substr(5, 3));
        int const yy = two_digits(rest, 9);
        auto const tod = detail::time_of_day(rest, 12);
        if (d < 0 || mo < 0 || yy < 0 || !tod)
            return std::nullopt;
        using namespace std::chrono;
        int const this_year = static_cast<int>(year_month_day{floor<days>(now)}.year());
        int y = this_year - this_year % 100 + yy;
        if (y > this_year + 50)
            y -= 100;
        else if (y <= this_year - 50)  // keep within (now - 50, now + 50]
            y += 100;
        return detail::make_date(y, mo, d, wd, *tod);
    }
    // asctime-date: "Sun Nov  6 08:49:37 1994" (24 characters; the day is space-padded)
    if (s.size() != 24 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ')
        return std::nullopt;
    int const wd = detail::index_of(detail::short_days, s.substr(0, 3));
    int const mo = detail::index_of(detail::months, s.substr(4, 3));
    int d = -1;
    if (s[8] == ' ' && s[9] >= '0' && s[9] <= '9')
        d = s[9] - '0';
    else
        d = two_digits(s, 8);
    auto const tod = detail::time_of_day(s, 11);
    int const y_hi = two_digits(s, 20), y_lo = two_digits(s, 22);
    if (wd < 0 || mo < 0 || d < 0 || !tod || y_hi < 0 || y_lo < 0)
        return std::nullopt;
    return detail::make_date(y_hi * 100 + y_lo, mo, d, wd, *tod);
}

/** The wait a `Retry-After` value asks for, from `now`.

    Both forms of RFC 9110 section 10.2.3: delta-seconds (`120`) and an
    HTTP-date (a date in the past means no wait). Surrounding spaces are
    ignored; anything else (`-1`, `1.5`, `soon`, empty) gives nothing.
    Absurdly large delta-seconds saturate at about 68 years instead of
    overflowing.

    @code
    hetzner::parse_retry_after("120", now);                            // 120 s
    hetzner::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now);  // that instant minus now, or 0
    @endcode
*/
inline std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view v,
                                                                  std::chrono::system_clock::time_point now) noexcept
{
    using std::chrono::milliseconds;
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
        v.remove_suffix(1);
    if (v.empty())
        return std::nullopt;
    if (v.front() >= '0' && v.front() <= '9') {
        // RFC 9111 section 1.2.2 caps an unrepresentable delta-seconds at 2^31
        constexpr std::int64_t max_seconds = std::int64_t{1} << 31;
        std::int64_t n = 0;
        for (char c : v) {
            if (c < '0' || c > '9')
                return std::nullopt;
            n = n * 10 + (c - '0');
            if (n > max_seconds)
                n = max_seconds;
        }
        return milliseconds{n * 1000};
    }
    auto const date = parse_http_date(v, now);
    if (!date)
        return std::nullopt;
    auto const wait = milliseconds{date->time_since_epoch()} - std::chrono::floor<milliseconds>(now.time_since_epoch());
    return wait > milliseconds{0} ? wait : milliseconds{0};
}

// ------------------------------------------------------------------ retry planning

/** When and how often to retry.

    Defaults follow hcloud-go: 5 retries, 1 s doubling up to 60 s.
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
};

/// What the call's context is: supplied by the caller, so the planner stays pure.
struct retry_context {
    http_method method = http_method::get;                ///< the method of the failed request
    unsigned attempt = 1;                                 ///< the failed attempt: 1 for the first try
    std::chrono::system_clock::time_point now{};          ///< the current time, for HTTP-dates and RateLimit-Reset
};

/// Where a planned wait came from.
enum class retry_basis {
    backoff,      ///< the policy's exponential backoff
    retry_after,  ///< the response's `Retry-After`
    rate_limit,   ///< `RateLimit-Remaining: 0` and `RateLimit-Reset`
};

/// Try again after `delay`.
struct retry_plan {
    std::chrono::milliseconds delay{0};
    retry_basis basis = retry_basis::backoff;

    friend bool operator==(retry_plan const&, retry_plan const&) = default;
};

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

/** Whether a failure is worth another attempt, by its kind alone.

    - `conflict`, `rate_limit_exceeded` and HTTP 429: the server refused the
      request and did nothing, so any method is retried;
    - HTTP 503 with a `Retry-After` header: the server asks for a retry;
    - `bad_gateway`, `timeout`, HTTP 502 and 504 (decodable body or not),
      and transport failures: the request may or may not have been
      processed, so only idempotent methods are retried, unless
      `retry_non_idempotent`;
    - anything else (4xx input errors, `locked`, undecodable success bodies,
      local errors): no.

    @code
    if (hetzner::is_retryable(res.error(), http_method::get)) ...
    @endcode
*/
inline bool is_retryable(hetzner_failure const& f, http_method method, header_list const& response_headers = {},
                         bool retry_non_idempotent = false) noexcept
{
    bool const may_repeat = retry_non_idempotent || is_idempotent(method);
    if (is_transport_failure(f))
        return may_repeat;
    if (auto code = error_code_of(f)) {
        if (*code == error_code::conflict || *code == error_code::rate_limit_exceeded)
            return true;
        if (*code == error_code::bad_gateway || *code == error_code::timeout)
            return may_repeat;
    }
    switch (f.http_status) {
    case 429: return true;
    case 503: return response_headers.contains("Retry-After");
    case 502:
    case 504: return may_repeat;
    default: return false;
    }
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
    is untouched: log it with each retry.

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
*/
inline std::optional<retry_plan> plan_retry(hetzner_failure const& f, header_list const& response_headers,
                                            retry_context const& ctx, retry_policy const& policy = {}) noexcept
{
    using std::chrono::milliseconds;
    unsigned const attempt = ctx.attempt == 0 ? 1 : ctx.attempt;
    if (attempt > policy.max_retries || !is_retryable(f, ctx.method, response_headers, policy.retry_non_idempotent))
        return std::nullopt;

    auto const within_limit = [&](retry_plan p) -> std::optional<retry_plan> {
        if (p.delay > policy.max_wait)
            return std::nullopt;
        return p;
    };
    if (auto v = response_headers.find("Retry-After"))
        if (auto wait = parse_retry_after(*v, ctx.now))
            return within_limit({*wait, retry_basis::retry_after});
    if (auto rl = parse_rate_limit(response_headers); rl && rl->remaining == 0) {
        milliseconds wait = time_until_next_request(*rl, ctx.now);
        if (policy.wait_for_full_reset && wait > milliseconds{0})
            wait = milliseconds{rl->reset.time_since_epoch()} -
                   std::chrono::floor<milliseconds>(ctx.now.time_since_epoch());
        if (wait > milliseconds{0})
            return within_limit({wait, retry_basis::rate_limit});
    }
    return within_limit({policy.backoff.delay(attempt - 1), retry_basis::backoff});
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

} // namespace cloudimg::hetzner

#endif
