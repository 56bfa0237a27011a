// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_PAGINATION_HPP
#define CLOUDIMG_HETZNER_PAGINATION_HPP

// Hetzner list pagination, sans-IO: from the request just sent and the body
// it returned, the next request, or nothing when the list is complete.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/hetzner/endpoints.hpp>
#include <cloudimg/hetzner/models.hpp>
#include <cloudimg/hetzner/provider.hpp>

#include <concepts>
#include <cstdint>
#include <optional>

namespace cloudimg::hetzner {

/** A Hetzner list endpoint: it takes a `page` and answers with `meta.pagination`.

    `list_images`, `list_image_actions` and `list_images_actions` satisfy it.
*/
template <class E>
concept paginated_endpoint =
    endpoint<E> && std::same_as<typename E::provider, hetzner::provider> &&
    std::same_as<decltype(E::page), std::optional<std::int64_t>> &&
    requires(response_type_t<E> const& r) {
        { r.meta.pagination } -> std::convertible_to<pagination_info const&>;
    };

/** The request for the page after `last`, or nothing when `response` was the last page.

    Every filter, sort key and `per_page` of `last` is kept; only `page`
    changes, to `meta.pagination.next_page`. The list ends when
    `next_page` is null, and also when it does not move forward (a page
    number not above the page answered, or asked for), so a misbehaving server cannot
    keep a loop going forever.

    @code
    hetzner::list_images ep{.type = {hetzner::image_type::snapshot}, .per_page = 50};
    for (std::optional<hetzner::list_images> page = ep; page;) {
        auto res = client.send(*page);
        if (!res)
            return res.error();
        consume(res->images);
        page = hetzner::next_page(*page, *res);
    }
    @endcode

    @see cloudimg::paginator, which keeps this step for a whole list;
         cloudimg::for_each_page and cloudimg::all_pages, its synchronous loops
*/
template <paginated_endpoint E>
std::optional<E> next_page(E const& last, response_type_t<E> const& response)
{
    pagination_info const& p = response.meta.pagination;
    if (!p.next_page || *p.next_page <= p.page || (last.page && *p.next_page <= *last.page))
        return std::nullopt;
    E next = last;
    next.page = *p.next_page;
    return next;
}

} // namespace cloudimg::hetzner

#endif
