// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_BACKOFF_HPP
#define CLOUDIMG_BACKOFF_HPP

// How long to wait before the n-th retry or poll: a pure function of n.

#include <chrono>
#include <cmath>
#include <cstdint>

namespace cloudimg {

/** Truncated exponential backoff: `min(cap, base * multiplier^n)` for the n-th wait (n from 0).

    Retry policies and pollers (`retry_policy`, `hetzner::action_waiter`) wait
    this long when the server names no wait of its own. Deterministic: a pure
    function has no randomness to add jitter with. When many clients share
    one project, scale the delay by a random factor before sleeping.

    @code
    cloudimg::exponential_backoff b{.base = std::chrono::seconds(1), .multiplier = 2, .cap = std::chrono::seconds(10)};
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

} // namespace cloudimg

#endif
