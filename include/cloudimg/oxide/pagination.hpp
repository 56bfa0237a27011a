// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OXIDE_PAGINATION_HPP
#define CLOUDIMG_OXIDE_PAGINATION_HPP

// Oxide (Dropshot) list pagination, sans-IO: from the request just sent and
// the page it returned, the next request, or nothing when the list is complete.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/oxide/endpoints.hpp>
#include <cloudimg/oxide/models.hpp>
#include <cloudimg/oxide/provider.hpp>

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>

namespace cloudimg::oxide {

/** A Dropshot list endpoint: it takes `limit` and `page_token` in the query
    and answers with `items` and `next_page`. `list_images` satisfies it.
*/
template <class E>
concept paginated_endpoint =
    endpoint<E> && std::same_as<typename E::provider, oxide::provider> && std::default_initializable<E> &&
    std::same_as<decltype(E::limit), std::optional<std::uint32_t>> &&
    std::same_as<decltype(E::page_token), std::optional<std::string>> &&
    requires(response_type_t<E> const& r) {
        r.items;
        { r.next_page } -> std::convertible_to<std::optional<std::string> const&>;
    };

/** The request for the page after `last`, or nothing when `page` was the last one.

    As Dropshot expects (and the official SDK does), the next request carries
    only `limit` and `page_token = page.next_page`: Dropshot puts the filters
    and the sort order of the first request into the token. The list ends when `next_page` is absent, null or
    empty, and also when it repeats the token just sent, so a misbehaving
    server cannot keep a loop going forever.

    @code
    oxide::list_images first{.limit = 100, .project = "infra", .sort_by = oxide::name_or_id_sort_mode::name_ascending};
    for (std::optional<oxide::list_images> ep = first; ep;) {
        auto page = client.send(*ep);
        if (!page)
            return page.error();
        consume(page->items);
        ep = oxide::next_page(*ep, *page);
    }
    @endcode

    @see cloudimg::paginator, which keeps this step for a whole list;
         cloudimg::for_each_page and cloudimg::all_pages, its synchronous loops
*/
template <paginated_endpoint E>
std::optional<E> next_page(E const& last, response_type_t<E> const& page)
{
    static_assert(std::ranges::none_of(params_of<E>(), [](param_info const& p) { return p.in != param_location::query; }),
                  "a next page of only limit and page_token fits endpoints whose parameters are all in the query");
    if (!page.next_page || page.next_page->empty() || page.next_page == last.page_token)
        return std::nullopt;
    E next{};
    next.limit = last.limit;
    next.page_token = *page.next_page;
    return next;
}

} // namespace cloudimg::oxide

#endif
