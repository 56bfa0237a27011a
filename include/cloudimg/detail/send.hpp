// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_DETAIL_SEND_HPP
#define CLOUDIMG_DETAIL_SEND_HPP

// What the synchronous drivers send through: a client (`c.send(ep)`) or a
// send function (`c(ep)`), so that drivers compose (pages sent with retries).

#include <concepts>
#include <type_traits>
#include <utility>

namespace cloudimg::detail {

template <class Client, class E>
concept has_send_member = requires(Client& c, E const& ep) { c.send(ep); };

template <class Client, class E>
concept sender = has_send_member<Client, E> || std::invocable<Client&, E const&>;

template <class Client, class E>
    requires sender<Client, E>
decltype(auto) send_through(Client& c, E const& ep)
{
    if constexpr (has_send_member<Client, E>)
        return c.send(ep);
    else
        return c(ep);
}

// The result of one send: `result<T, F>`.
template <class Client, class E>
using send_result_t = std::remove_cvref_t<decltype(send_through(std::declval<Client&>(), std::declval<E const&>()))>;

} // namespace cloudimg::detail

#endif
