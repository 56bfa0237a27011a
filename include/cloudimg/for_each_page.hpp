// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_FOR_EACH_PAGE_HPP
#define CLOUDIMG_FOR_EACH_PAGE_HPP

// The synchronous loops over `paginator`: every page of a list, one by one
// or all at once.

#include <cloudimg/detail/send.hpp>
#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/paginator.hpp>

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

namespace cloudimg {

namespace detail {

// The error type of what `Client` sends `E` with.
template <class Client, class E>
using send_error_t = typename send_result_t<std::remove_reference_t<Client>, E>::error_type;

} // namespace detail

/** Send `first` and every following page of its list, and hand each decoded page to `handler`.

    A thin loop over `paginator`. `client` is a `cloudimg::client` (anything
    with `send(endpoint)`) or a send function taking the endpoint (one that
    calls `send_with_retry`, to retry each page); either returns
    `result<page, F>`. `handler(page)` gets each page as a non-const lvalue
    (it may move the items out); it returns nothing, or a `bool`: `false`
    stops the walk after that page.

    Returns the number of pages handled, or the first failure (the pages
    before it have been handled).

    @code
    std::vector<hetzner::image> images;
    auto pages = cloudimg::for_each_page(api, hetzner::list_images{.per_page = 50},
                                         [&](hetzner::list_images_response& page) {
                                             std::ranges::move(page.images, std::back_inserter(images));
                                         });
    if (!pages)
        return pages.error();
    @endcode

    @see paginator, the pure state machine this loop drives; all_pages
*/
template <class Client, paged_endpoint E, class Handler>
    requires detail::sender<std::remove_reference_t<Client>, E> && std::invocable<Handler&, response_type_t<E>&>
result<std::size_t, detail::send_error_t<Client, E>> for_each_page(Client&& client, E first, Handler&& handler)
{
    paginator<E> pages(std::move(first));
    while (auto const* ep = pages.next()) {
        auto res = detail::send_through(client, *ep);
        if (!res)
            return res.error();
        // advance first: the handler may move the page's items out
        pages.on_response(*res);
        if constexpr (std::is_void_v<std::invoke_result_t<Handler&, response_type_t<E>&>>) {
            handler(*res);
        } else {
            if (!static_cast<bool>(handler(*res)))
                break;
        }
    }
    return pages.pages();
}

/** Every page of a list, in order, or the first failure.

    The whole list is in memory at once: prefer `for_each_page` for lists
    of unknown length.

    @code
    auto pages = cloudimg::all_pages(api, openstack::list_images_detail{.limit = 100});
    if (pages)
        for (auto const& page : *pages)
            for (auto const& img : page.images)
                std::cout << img.id << '\n';
    @endcode

    @see for_each_page, paginator
*/
template <class Client, paged_endpoint E>
    requires detail::sender<std::remove_reference_t<Client>, E>
result<std::vector<response_type_t<E>>, detail::send_error_t<Client, E>> all_pages(Client&& client, E first)
{
    std::vector<response_type_t<E>> out;
    auto walked = for_each_page(client, std::move(first), [&](response_type_t<E>& page) { out.push_back(std::move(page)); });
    if (!walked)
        return walked.error();
    return out;
}

} // namespace cloudimg

#endif
