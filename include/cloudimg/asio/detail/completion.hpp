// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_ASIO_DETAIL_COMPLETION_HPP
#define CLOUDIMG_ASIO_DETAIL_COMPLETION_HPP

// From an Asio completion handler to the transport contract's
// `transport_completion`, the way every operation of cloudimg::asio
// completes: the outcome is turned into the operation's result where the
// transport delivers it, then the handler runs through its associated
// executor, which is kept busy (outstanding work) until then.

#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/transport.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/prefer.hpp>

#include <utility>

namespace cloudimg::asio::detail {

namespace net = boost::asio;

/** A completion that calls `handler(to_result(outcome))` on the handler's
    associated executor (`fallback` when it has none).

    The handler's cancellation slot is cleared first: Asio requires that no
    cancellation handler stays installed once an operation has completed.
*/
template <class Handler, class Executor, class ToResult>
transport_completion dispatching_completion(Handler handler, Executor const& fallback, ToResult to_result)
{
    auto work = net::prefer(net::get_associated_executor(handler, fallback), net::execution::outstanding_work.tracked);
    return transport_completion([handler = std::move(handler), work = std::move(work),
                                 to_result = std::move(to_result)](result<response> outcome) mutable {
        auto slot = net::get_associated_cancellation_slot(handler);
        if (slot.is_connected())
            slot.clear();
        auto value = to_result(std::move(outcome));
        net::dispatch(work, net::append(std::move(handler), std::move(value)));
    });
}

} // namespace cloudimg::asio::detail

#endif
