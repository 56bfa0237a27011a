// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_ASIO_HETZNER_HPP
#define CLOUDIMG_ASIO_HETZNER_HPP

// Waiting for Hetzner image actions as one Asio operation: the asynchronous
// loop over `hetzner::action_waiter`, an Asio timer where
// `hetzner::wait_for_actions` sleeps.

#include <cloudimg/asio/async_send.hpp>
#include <cloudimg/asio/retry.hpp>
#include <cloudimg/client.hpp>
#include <cloudimg/hetzner/actions.hpp>
#include <cloudimg/hetzner/config.hpp>

#include <boost/asio/compose.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <utility>
#include <vector>

namespace cloudimg::asio {

namespace detail {

template <class Client>
struct wait_for_actions_op {
    using poll_result = result<hetzner::action_list_response, hetzner::hetzner_failure>;

    Client& client;
    hetzner::action_waiter waiter;
    std::unique_ptr<boost::asio::steady_timer> timer;  // on the heap: it stays put while a wait is pending
    std::optional<hetzner::list_images_actions> polling;

    template <class Self>
    void operator()(Self& self)
    {
        next(self);
    }

    // The delay before a poll is over.
    template <class Self>
    void operator()(Self& self, boost::system::error_code ec)
    {
        if (ec)
            return self.complete(cancelled_while<hetzner::action_failure>("waiting for Hetzner actions"));
        async_send(client, *polling, std::move(self));
    }

    template <class Self>
    void operator()(Self& self, poll_result res)
    {
        if (!res)
            return self.complete(hetzner::poll_failure(std::move(res).error()));
        waiter.on_response(*res);
        next(self);
    }

    template <class Self>
    void next(Self& self)
    {
        auto poll = waiter.next();
        if (!poll)
            return self.complete(waiter.outcome());
        polling.emplace(std::move(poll->request));
        timer->expires_after(poll->delay);  // a zero delay still completes through the executor
        timer->async_wait(std::move(self));
    }
};

} // namespace detail

/** Wait until every action of `waiter` finished, as one asynchronous operation:
    each poll round after the waiter's backoff, on an Asio timer.

    Completes with `void(result<std::vector<hetzner::action>, hetzner::action_failure>)`:
    every action, or why the wait failed (an action in `error`, actions the
    server stopped reporting, or a poll's own failure). A cancellation ends
    the poll in flight or the delay before the next one (`operation_canceled`).
    It never gives up on a running action by itself: bound it with a
    cancellation (a timer that emits the signal).

    @code
    auto created = co_await cloudimg::asio::async_send(api, hetzner::create_image{...}, use_awaitable);
    auto done = co_await cloudimg::asio::async_wait_for_actions(
        api, hetzner::action_waiter({created->action}), use_awaitable);
    @endcode
    @see hetzner::action_waiter, hetzner::wait_for_actions
*/
template <class Transport, class Token>
    requires detail::has_executor<Transport>
auto async_wait_for_actions(async_client<hetzner::config, Transport>& client, hetzner::action_waiter waiter, Token&& token)
{
    auto ex = detail::fallback_executor(client.get_transport());
    using op = detail::wait_for_actions_op<async_client<hetzner::config, Transport>>;
    return boost::asio::async_compose<Token, void(result<std::vector<hetzner::action>, hetzner::action_failure>)>(
        op{client, std::move(waiter), std::make_unique<boost::asio::steady_timer>(ex), std::nullopt}, token, ex);
}

} // namespace cloudimg::asio

#endif
