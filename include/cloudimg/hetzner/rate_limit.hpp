// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_RATE_LIMIT_HPP
#define CLOUDIMG_HETZNER_RATE_LIMIT_HPP

// Hetzner's rate-limit headers, read from any response, pure: the clock is the caller's.

#include <cloudimg/http.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace cloudimg::hetzner {

/** The rate-limit state a response reports.

    Hetzner grants `limit` requests per hour and refills the budget
    gradually (one request every `3600 / limit` seconds), so `reset`, the
    moment the budget is *full* again, is usually much later than the moment
    the next request is allowed: see `time_until_next_request`.
*/
struct rate_limit_info {
    std::int64_t limit = 0;           ///< `RateLimit-Limit`: requests per hour
    std::int64_t remaining = 0;       ///< `RateLimit-Remaining`
    std::chrono::sys_seconds reset{}; ///< `RateLimit-Reset` (UNIX seconds): the budget is full again

    friend bool operator==(rate_limit_info const&, rate_limit_info const&) = default;
};

namespace detail {

// A header value as a non-negative decimal integer: optional whitespace
// around, digits only, no sign, no overflow.
inline std::optional<std::int64_t> parse_header_count(std::string_view v) noexcept
{
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
        v.remove_suffix(1);
    if (v.empty() || v.front() < '0' || v.front() > '9')
        return std::nullopt;
    std::int64_t n = 0;
    auto const r = std::from_chars(v.data(), v.data() + v.size(), n);
    if (r.ec != std::errc{} || r.ptr != v.data() + v.size())
        return std::nullopt;
    return n;
}

// 9999-12-31T23:59:59Z: later instants are not plausible in a header.
inline constexpr std::int64_t max_unix_seconds = 253402300799;

} // namespace detail

/** Read `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.

    All three must be present and be non-negative integers; otherwise the
    result is empty. Never throws, whatever the peer sent.

    @code
    if (auto rl = hetzner::parse_rate_limit(res.headers))
        log("{} of {} requests left", rl->remaining, rl->limit);
    @endcode
*/
inline std::optional<rate_limit_info> parse_rate_limit(header_list const& headers) noexcept
{
    auto const read = [&](std::string_view name) -> std::optional<std::int64_t> {
        if (auto v = headers.find(name))
            return detail::parse_header_count(*v);
        return std::nullopt;
    };
    auto const limit = read("RateLimit-Limit");
    auto const remaining = read("RateLimit-Remaining");
    auto const reset = read("RateLimit-Reset");
    // a reset after the year 9999 is garbage, and would overflow time arithmetic
    if (!limit || !remaining || !reset || *reset > detail::max_unix_seconds)
        return std::nullopt;
    return rate_limit_info{*limit, *remaining, std::chrono::sys_seconds{std::chrono::seconds{*reset}}};
}

/** How long to wait before the next request is within the budget; zero when it already is.

    With requests left, zero. With none left, the time until one request has
    been refilled (`3600 s / limit`, rounded up), but never past `reset`; a
    `reset` already in the past means zero (the budget is full again).

    @code
    auto rl = hetzner::parse_rate_limit(res.headers);
    if (rl)
        std::this_thread::sleep_for(hetzner::time_until_next_request(*rl, std::chrono::system_clock::now()));
    @endcode
*/
inline std::chrono::milliseconds time_until_next_request(rate_limit_info const& info,
                                                          std::chrono::system_clock::time_point now) noexcept
{
    using std::chrono::milliseconds;
    if (info.remaining > 0)
        return milliseconds{0};
    // in milliseconds, from a clamped reset: a far reset in the clock's nanoseconds would overflow
    auto const reset_s = std::clamp<std::int64_t>(info.reset.time_since_epoch().count(), -detail::max_unix_seconds,
                                                  detail::max_unix_seconds);
    auto const until_reset = milliseconds{reset_s * 1000} -
                             std::chrono::floor<milliseconds>(now.time_since_epoch());
    if (until_reset <= milliseconds{0})
        return milliseconds{0};
    if (info.limit <= 0)  // no refill rate to go by: only the reset is known
        return until_reset;
    auto const refill = milliseconds{(std::int64_t{3600} * 1000 - 1) / info.limit + 1};
    return refill < until_reset ? refill : until_reset;
}

} // namespace cloudimg::hetzner

#endif
