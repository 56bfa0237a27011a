// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_EXAMPLES_LIST_ALL_ASYNC_HPP
#define CLOUDIMG_EXAMPLES_LIST_ALL_ASYNC_HPP

// Shared by the event-loop examples (uv_list_images, inventory): walk every
// page of a list through an async_client, one request after the other.

#include <cloudimg/paginator.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <utility>

namespace examples {

/** Walk every page of `first` through `api`, asynchronously: the paginator
    says which request is next, each page's handler starts the following one.
    The state lives in a shared_ptr that each handler keeps alive.

    `on_page(page)` sees each decoded page; `on_done(error)` runs once at the
    end, with an empty text when the list is complete and the failure's text
    otherwise. At most `max_pages` pages are fetched (a safety net against a
    server that never ends its list).
*/
template <class Api, class Endpoint, class OnPage, class OnDone>
void list_all(Api& api, Endpoint first, OnPage on_page, OnDone on_done, std::size_t max_pages = 1000)
{
    struct walk {
        Api& api;
        cloudimg::paginator<Endpoint> pages;
        OnPage on_page;
        OnDone on_done;
        std::size_t max_pages;

        static void step(std::shared_ptr<walk> self)
        {
            auto const* next = self->pages.next();
            if (next == nullptr || self->pages.pages() >= self->max_pages)
                return self->on_done(std::string());
            self->api.send(*next, [self](auto page) {
                if (!page)
                    return self->on_done(page.error().what());
                self->pages.on_response(*page);
                self->on_page(*page);
                step(self);
            });
        }
    };
    walk::step(std::make_shared<walk>(
        walk{api, cloudimg::paginator<Endpoint>(std::move(first)), std::move(on_page), std::move(on_done), max_pages}));
}

} // namespace examples

#endif
