// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_ASIO_RETRY_HPP
#define CLOUDIMG_ASIO_RETRY_HPP

// A call with retries as one Asio operation: the asynchronous loop over
// `cloudimg::retry_state`, an Asio timer where `send_with_retry` sleeps.

#include <cloudimg/asio/async_send.hpp>
#include <cloudimg/client.hpp>
#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/retry.hpp>

#include <boost/asio/compose.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <concepts>
#include <memory>
#include <string>
#include <utility>

namespace cloudimg::asio {

namespace detail {

/// The failure of a wait ended by a cancellation: `operation_canceled`, saying what was awaited.
template <class Failure>
Failure cancelled_while(std::string what)
{
    Failure f;
    static_cast<failure&>(f) = make_failure(error::transport, "cancelled while " + std::move(what));
    f.code = make_error_code(boost::system::errc::operation_canceled);
    return f;
}

template <class Client, endpoint E, class Planner>
struct retry_op {
    using call_result = result<response_type_t<E>, failure_type_t<E>>;

    Client& client;
    E ep;
    retry_state<Planner> state;
    std::unique_ptr<boost::asio::steady_timer> timer;  // on the heap: it stays put while a wait is pending

    template <class Self>
    void operator()(Self& self)
    {
        attempt(self);
    }

    // An attempt came back.
    template <class Self>
    void operator()(Self& self, call_result res)
    {
        if (res) {
            state.on_success();
            return self.complete(std::move(res));
        }
        if (!state.on_failure(res.error(), std::chrono::system_clock::now()))
            return self.complete(std::move(res));
        attempt(self);
    }

    // The wait before an attempt is over.
    template <class Self>
    void operator()(Self& self, boost::system::error_code ec)
    {
        if (ec)
            return self.complete(cancelled_while<failure_type_t<E>>("waiting to retry " + std::string(E::path)));
        async_send(client, ep, std::move(self));
    }

    template <class Self>
    void attempt(Self& self)
    {
        auto const step = state.next();  // engaged: the call is not over
        if (step->delay <= std::chrono::milliseconds{0})
            return async_send(client, ep, std::move(self));
        timer->expires_after(step->delay);
        timer->async_wait(std::move(self));
    }
};

} // namespace detail

/** Send one endpoint value and retry its failures as `planner` says, as one
    asynchronous operation: the waits (`Retry-After`, `RateLimit-Reset`, the
    backoff) are an Asio timer on the transport's executor.

    Completes with `async_send`'s signature: the first success, or the
    failure the planner stopped at. A cancellation ends the attempt in
    flight, or the wait before the next one (then the failure's code is
    `operation_canceled`). `hetzner::retry_policy{}` for Hetzner,
    `cloudimg::retry_policy{}` for the others. The endpoint is sent again
    on each attempt, so it must be copyable.

    @code
    auto image = co_await cloudimg::asio::async_send_with_retry(
        api, hetzner::get_image{.id = 42}, hetzner::retry_policy{.max_retries = 3}, boost::asio::use_awaitable);
    @endcode
    @see retry_state, send_with_retry
*/
template <class Config, class Transport, endpoint E, class Planner, class Token>
    requires std::copy_constructible<E> && retry_planner<Planner, failure_type_t<E>> &&
             detail::has_executor<Transport>
auto async_send_with_retry(async_client<Config, Transport>& client, E ep, Planner planner, Token&& token)
{
    auto ex = detail::fallback_executor(client.get_transport());
    using op = detail::retry_op<async_client<Config, Transport>, E, Planner>;
    return boost::asio::async_compose<Token, send_signature<E>>(
        op{client, std::move(ep), retry_state<Planner>(E::method, std::move(planner)),
           std::make_unique<boost::asio::steady_timer>(ex)},
        token, ex);
}

} // namespace cloudimg::asio

#endif
