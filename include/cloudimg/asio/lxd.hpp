// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_ASIO_LXD_HPP
#define CLOUDIMG_ASIO_LXD_HPP

// Waiting for an LXD operation as one Asio operation: the asynchronous loop
// over `lxd::operation_waiter`. LXD waits on its side (`GET
// /1.0/operations/<id>/wait?timeout=`), so no timer is needed here.

#include <cloudimg/asio/async_send.hpp>
#include <cloudimg/client.hpp>
#include <cloudimg/lxd/config.hpp>
#include <cloudimg/lxd/operations.hpp>

#include <boost/asio/compose.hpp>

#include <chrono>
#include <utility>

namespace cloudimg::asio {

namespace detail {

template <class Client, class Metadata>
struct wait_until_done_op {
    using wait_result = result<lxd::operation_status<Metadata>, lxd::lxd_failure>;

    Client& client;
    lxd::operation_waiter<Metadata> waiter;

    template <class Self>
    void operator()(Self& self)
    {
        next(self);
    }

    template <class Self>
    void operator()(Self& self, wait_result res)
    {
        if (!res)
            return self.complete(std::move(res));
        waiter.on_response(std::move(*res), std::chrono::steady_clock::now());
        next(self);
    }

    template <class Self>
    void next(Self& self)
    {
        if (auto const& pending = waiter.next())
            async_send(client, *pending, std::move(self));
        else
            self.complete(waiter.outcome());
    }
};

} // namespace detail

/** Wait until an LXD operation is done, fails, or `deadline` passes (then
    `error::limit_exceeded`; the operation goes on), as one asynchronous
    operation. Each request waits at most `step` on the server.

    `started` is an `lxd::async_operation` (an import, a refresh) or an
    `lxd::token_operation` (a push token or an image secret, waited on until
    it was used or revoked). Completes with
    `void(result<lxd::operation_status<Metadata>, lxd::lxd_failure>)`, as
    `lxd::wait_until_done` returns. A cancellation ends the wait request
    in flight (the LXD operation itself goes on: cancel it with `lxd::cancel_operation`).

    @code
    auto started = co_await cloudimg::asio::async_send(api, lxd::upload_image{...}, use_awaitable);
    auto done = co_await cloudimg::asio::async_wait_until_done(api, *started, std::chrono::minutes(10), use_awaitable);
    @endcode
    @see lxd::operation_waiter, lxd::wait_until_done
*/
template <class Transport, class Started, class Token, class Metadata = lxd::detail::waited_metadata_t<Started>>
auto async_wait_until_done(async_client<lxd::config, Transport>& client, Started const& started,
                           std::chrono::seconds deadline, Token&& token,
                           std::chrono::seconds step = std::chrono::seconds(30))
{
    using op = detail::wait_until_done_op<async_client<lxd::config, Transport>, Metadata>;
    return boost::asio::async_compose<Token, void(result<lxd::operation_status<Metadata>, lxd::lxd_failure>)>(
        op{client, lxd::operation_waiter<Metadata>(started, deadline, std::chrono::steady_clock::now(), step)}, token,
        detail::fallback_executor(client.get_transport()));
}

} // namespace cloudimg::asio

#endif
