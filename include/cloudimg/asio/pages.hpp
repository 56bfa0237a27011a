// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_ASIO_PAGES_HPP
#define CLOUDIMG_ASIO_PAGES_HPP

// Every page of a list as one Asio operation: the asynchronous loop over
// `cloudimg::paginator`, as `for_each_page` and `all_pages` are the
// synchronous ones.

#include <cloudimg/asio/async_send.hpp>
#include <cloudimg/client.hpp>
#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/paginator.hpp>

#include <boost/asio/async_result.hpp>
#include <boost/asio/compose.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace cloudimg::asio {

namespace detail {

// Calls the page handler: one returning bool may stop the walk (false).
template <class Handler, class Page>
bool hand_over(Handler& handler, Page& page)
{
    if constexpr (std::is_void_v<std::invoke_result_t<Handler&, Page&>>) {
        handler(page);
        return true;
    } else {
        return static_cast<bool>(handler(page));
    }
}

template <class Client, paged_endpoint E, class PageHandler>
struct for_each_page_op {
    using page_result = result<response_type_t<E>, failure_type_t<E>>;

    Client& client;
    paginator<E> pages;
    PageHandler on_page;

    template <class Self>
    void operator()(Self& self)
    {
        send_next(self);
    }

    template <class Self>
    void operator()(Self& self, page_result res)
    {
        if (!res)
            return self.complete(std::move(res).error());
        pages.on_response(*res);  // first: the handler may move the page's items out
        if (!hand_over(on_page, *res))
            return self.complete(pages.pages());
        send_next(self);
    }

    template <class Self>
    void send_next(Self& self)
    {
        if (auto const* ep = pages.next())
            async_send(client, *ep, std::move(self));
        else
            self.complete(pages.pages());
    }
};

} // namespace detail

/** Send `first` and every following page of its list, and hand each decoded
    page to `on_page`, as one asynchronous operation.

    Completes with `void(result<std::size_t, failure_type_t<E>>)`: the number
    of pages handled, or the first failure (the pages before it were
    handled). `on_page(page&)` runs on the operation's executor between two
    requests; it returns nothing, or `bool` (`false` stops after that page).
    One request is in flight at a time; a cancellation reaches it. The
    client must outlive the operation.

    @code
    auto pages = co_await cloudimg::asio::async_for_each_page(
        api, hetzner::list_images{.per_page = 50},
        [&](hetzner::list_images_response& page) { show(page.images); }, boost::asio::use_awaitable);
    @endcode
    @see async_all_pages, paginator, for_each_page
*/
template <class Config, class Transport, paged_endpoint E, class PageHandler, class Token>
    requires std::invocable<PageHandler&, response_type_t<E>&>
auto async_for_each_page(async_client<Config, Transport>& client, E first, PageHandler on_page, Token&& token)
{
    using op = detail::for_each_page_op<async_client<Config, Transport>, E, std::decay_t<PageHandler>>;
    return boost::asio::async_compose<Token, void(result<std::size_t, failure_type_t<E>>)>(
        op{client, paginator<E>(std::move(first)), std::move(on_page)}, token, detail::fallback_executor(client.get_transport()));
}

namespace detail {

template <class Client, paged_endpoint E>
struct all_pages_op {
    Client& client;
    std::optional<E> first;
    std::unique_ptr<std::vector<response_type_t<E>>> collected;  // on the heap: the page handler points at it

    template <class Self>
    void operator()(Self& self)
    {
        auto* out = collected.get();
        E start = std::move(*first);
        first.reset();
        async_for_each_page(
            client, std::move(start), [out](response_type_t<E>& page) { out->push_back(std::move(page)); },
            std::move(self));
    }

    template <class Self>
    void operator()(Self& self, result<std::size_t, failure_type_t<E>> walked)
    {
        if (!walked)
            return self.complete(std::move(walked).error());
        self.complete(std::move(*collected));
    }
};

} // namespace detail

/** Every page of a list, in order, as one asynchronous operation: completes
    with `void(result<std::vector<response_type_t<E>>, failure_type_t<E>>)`.
    The whole list is in memory at once: prefer `async_for_each_page` for
    lists of unknown length.

    @code
    cloudimg::asio::async_all_pages(api, oxide::list_images{.limit = 100, .project = "infra"},
                                    [](auto pages) { if (pages) count(*pages); });
    @endcode
*/
template <class Config, class Transport, paged_endpoint E, class Token>
auto async_all_pages(async_client<Config, Transport>& client, E first, Token&& token)
{
    using op = detail::all_pages_op<async_client<Config, Transport>, E>;
    using pages_result = result<std::vector<response_type_t<E>>, failure_type_t<E>>;
    return boost::asio::async_compose<Token, void(pages_result)>(
        op{client, std::move(first), std::make_unique<std::vector<response_type_t<E>>>()}, token,
        detail::fallback_executor(client.get_transport()));
}

} // namespace cloudimg::asio

#endif
