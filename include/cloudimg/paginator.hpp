// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_PAGINATOR_HPP
#define CLOUDIMG_PAGINATOR_HPP

// Walking a paginated list, sans-IO: the paginator holds the request to send
// next and advances on each decoded page with the provider's `next_page`.
// `for_each_page` and `all_pages` (for_each_page.hpp) are the synchronous loops.

#include <cloudimg/endpoint.hpp>

#include <concepts>
#include <cstddef>
#include <optional>
#include <utility>

namespace cloudimg {

/** A list endpoint whose pages the provider knows how to follow: its
    `next_page(last, page)`, the request for the page after `page` or
    nothing, is found by argument-dependent lookup.

    The list endpoints of Hetzner (`hetzner/pagination.hpp`), Oxide
    (`oxide/pagination.hpp`) and OpenStack (`openstack/pagination.hpp`) are,
    once their provider's pagination header is included.
*/
template <class E>
concept paged_endpoint = endpoint<E> && std::copy_constructible<E> &&
                         requires(E const& last, response_type_t<E> const& page) {
                             { next_page(last, page) } -> std::same_as<std::optional<E>>;
                         };

/** The pages of one list, as a resumable: which request to send next, and
    how many pages came back.

    Sans-IO like `hetzner::action_waiter`: `next()` gives the request, the
    caller sends it and feeds the decoded page to `on_response`, which steps
    to the provider's next page (`next_page`) or ends the list. No I/O and
    no client type: a sync loop (`for_each_page`) and an asynchronous one
    drive it alike. Each provider's `next_page` already ends a list whose
    server repeats itself, so the walk ends.

    `next()` is idempotent: until a page is fed it names the same request,
    so a caller may resend it after a failure.

    @code
    cloudimg::paginator<oxide::list_images> pages(oxide::list_images{.limit = 100, .project = "infra"});
    while (auto const* ep = pages.next()) {
        auto page = api.send(*ep);
        if (!page)
            return page.error();
        pages.on_response(*page);
        consume(page->items);
    }
    @endcode

    @see for_each_page and all_pages, the synchronous loops over this;
         hetzner::next_page, oxide::next_page, openstack::next_page, the steps
*/
template <paged_endpoint Endpoint>
class paginator {
public:
    using endpoint_type = Endpoint;
    using page_type = response_type_t<Endpoint>;

    /// Start the list at `first`: its filters, sort order and page size are the provider's to carry on.
    explicit paginator(Endpoint first) : current_(std::move(first)) {}

    /** The request to send next, or null once the list is complete.

        The pointer stays valid, to the same request, until `on_response`.

        @code
        if (auto const* ep = pages.next())
            async_send(*ep, on_page);
        @endcode
    */
    Endpoint const* next() const noexcept { return done_ ? nullptr : &current_; }

    /** Feed the decoded page that answered `*next()`: the list moves on to
        the next page, or is complete. A page after the end is ignored.

        @code
        pages.on_response(*page);   // then pages.next() is the following request, or null
        @endcode
    */
    void on_response(page_type const& page)
    {
        if (done_)
            return;
        ++pages_;
        if (std::optional<Endpoint> following = next_page(std::as_const(current_), page))
            current_ = std::move(*following);
        else
            done_ = true;
    }

    /// True once the last page came back.
    bool done() const noexcept { return done_; }

    /// The pages fed so far.
    std::size_t pages() const noexcept { return pages_; }

private:
    Endpoint current_;
    std::size_t pages_ = 0;
    bool done_ = false;
};

} // namespace cloudimg

#endif
