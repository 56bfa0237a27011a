// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSTACK_PAGINATION_HPP
#define CLOUDIMG_OPENSTACK_PAGINATION_HPP

// Nova list pagination, sans-IO: from the request just sent and the page it
// returned, the next request, or nothing when the list is complete.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/openstack/endpoints.hpp>
#include <cloudimg/openstack/models.hpp>
#include <cloudimg/openstack/provider.hpp>

#include <boost/url/parse.hpp>

#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudimg::openstack {

/** A Nova list endpoint: it takes a `marker` and answers with `images_links`.
    `list_images` and `list_images_detail` satisfy it.
*/
template <class E>
concept paginated_endpoint =
    endpoint<E> && std::same_as<typename E::provider, openstack::provider> &&
    std::same_as<decltype(E::marker), std::optional<std::string>> && requires(response_type_t<E> const& r) {
        { r.images_links } -> std::convertible_to<std::optional<std::vector<link>> const&>;
    };

/** The `marker` of a page's `next` link, decoded; nothing when there is no
    such link, or its URL does not parse or has no marker.

    @code
    auto m = openstack::next_marker(page.images_links);  // "a2459075-d96c-40d5-893e-577ff92e721c"
    @endcode
*/
inline std::optional<std::string> next_marker(std::optional<std::vector<link>> const& links)
{
    if (!links)
        return std::nullopt;
    auto const href = find_link(*links, "next");
    if (!href)
        return std::nullopt;
    auto const url = boost::urls::parse_uri_reference(boost::core::string_view(href->data(), href->size()));
    if (!url)
        return std::nullopt;
    auto const params = url->params();
    auto const it = params.find("marker");
    if (it == params.end() || !(*it).has_value)
        return std::nullopt;
    return std::string((*it).value);
}

/** The request for the page after `last`, or nothing when `page` was the last one.

    Nova adds `images_links` with a `next` link when a page is full; the link
    repeats the request's filters and adds `marker`, the id of the page's
    last image. The next request is `last` with that marker: every filter and
    `limit` stay as they were. The list ends without a `next` link, and also
    when the marker is empty or the one just sent, so a misbehaving server
    cannot keep a loop going forever. A full last page is followed by one
    empty page, as Nova cannot know that nothing follows.

    @code
    for (std::optional<openstack::list_images_detail> ep = openstack::list_images_detail{.limit = 100}; ep;) {
        auto page = api.send(*ep);
        if (!page)
            return page.error();
        consume(page->images);
        ep = openstack::next_page(*ep, *page);
    }
    @endcode

    @see cloudimg::paginator, which keeps this step for a whole list;
         cloudimg::for_each_page and cloudimg::all_pages, its synchronous loops
*/
template <paginated_endpoint E>
std::optional<E> next_page(E const& last, response_type_t<E> const& page)
{
    auto marker = next_marker(page.images_links);
    if (!marker || marker->empty() || marker == last.marker)
        return std::nullopt;
    E next = last;
    next.marker = std::move(*marker);
    return next;
}

} // namespace cloudimg::openstack

#endif
