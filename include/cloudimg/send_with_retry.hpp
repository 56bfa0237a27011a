// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_SEND_WITH_RETRY_HPP
#define CLOUDIMG_SEND_WITH_RETRY_HPP

// The synchronous loop over `retry_state`: send, and on a retryable failure
// sleep and send again. Sleeping and the clock are the caller's callables.

#include <cloudimg/detail/send.hpp>
#include <cloudimg/endpoint.hpp>
#include <cloudimg/retry.hpp>

#include <chrono>
#include <concepts>
#include <utility>

namespace cloudimg {

/** Send one endpoint value, and retry its failures as `planner` says.

    A thin loop over `retry_state`: before attempt n + 1 it calls
    `sleep(delay)` (when the delay is not zero), after each failure `clock()`
    for the current `std::chrono::system_clock::time_point`. `client` is a
    `cloudimg::client` (anything with `send(endpoint)`) or a send function
    taking the endpoint; either returns `result<T, F>`, `F` derived from
    `failure`. A failure from `client::send` carries its response headers,
    so `Retry-After` and `RateLimit-*` are honoured.

    The planner is not defaulted, because the right one depends on the
    provider: `hetzner::retry_policy{}` for Hetzner (its error codes and
    rate-limit headers), `cloudimg::retry_policy{}` for the others.

    The endpoint is sent by const reference on every attempt, so it must be
    copyable: an upload whose streamed body the first attempt consumes (a
    move-only endpoint) cannot be retried this way.

    Returns the first success, or the failure the planner stopped at.

    @code
    auto image = cloudimg::send_with_retry(
        api, hetzner::get_image{.id = 42},
        [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); },
        [] { return std::chrono::system_clock::now(); },
        hetzner::retry_policy{.max_retries = 3});
    @endcode

    @see retry_state, the pure state machine this loop drives; plan_retry, hetzner::plan_retry
*/
template <class Client, endpoint E, class Sleep, class Clock, class Planner>
    requires std::copy_constructible<E> && detail::sender<std::remove_reference_t<Client>, E> &&
             std::invocable<Sleep&, std::chrono::milliseconds> &&
             std::convertible_to<std::invoke_result_t<Clock&>, std::chrono::system_clock::time_point> &&
             retry_planner<Planner, typename detail::send_result_t<std::remove_reference_t<Client>, E>::error_type>
detail::send_result_t<std::remove_reference_t<Client>, E> send_with_retry(Client&& client, E const& ep, Sleep&& sleep,
                                                                          Clock&& clock, Planner planner)
{
    retry_state<Planner> state(E::method, std::move(planner));
    while (true) {
        auto const step = state.next();  // engaged until this loop returns
        if (step->delay > std::chrono::milliseconds{0})
            sleep(step->delay);
        auto res = detail::send_through(client, ep);
        if (res)
            return res;
        if (!state.on_failure(res.error(), clock()))
            return res;
    }
}

} // namespace cloudimg

#endif
