// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The README's Asio example with C++20 coroutines: every Hetzner snapshot,
// page by page, then one image, retried as Hetzner's rules say. One
// io_context, one transport with a keep-alive connection.
//
//   HCLOUD_TOKEN=... asio_coroutine [base URL]

#include <cloudimg/asio.hpp>
#include <cloudimg/hetzner.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>

namespace hz = cloudimg::hetzner;
namespace net = boost::asio;
using hetzner_api = cloudimg::async_client<hz::config, cloudimg::asio::transport&>;

// The client is taken by reference: main's io.run() outlives this coroutine.
// Everything an operation needs it copies when it starts.
net::awaitable<int> list_snapshots(hetzner_api& api)
{
    // A named endpoint, not a braced temporary inside co_await: GCC 12 miscompiles those.
    hz::list_images const snapshots{.type = {hz::image_type::snapshot}, .per_page = 50};
    std::int64_t first_id = 0;
    auto pages = co_await cloudimg::asio::async_for_each_page(
        api, snapshots,
        [&](hz::list_images_response& page) {
            for (auto const& image : page.images) {
                std::cout << image.id << "  " << image.description << '\n';
                if (first_id == 0)
                    first_id = image.id;
            }
        },
        net::use_awaitable);
    if (!pages) {
        std::cerr << pages.error().what() << '\n';  // errors are values: transport, decode or Hetzner's own
        co_return 1;
    }
    std::cout << *pages << " page(s)\n";
    if (first_id == 0)
        co_return 0;

    hz::get_image const one{.id = first_id};
    auto image = co_await cloudimg::asio::async_send_with_retry(api, one, hz::retry_policy{.max_retries = 3},
                                                                net::use_awaitable);
    if (!image) {
        std::cerr << image.error().what() << '\n';
        co_return 1;
    }
    std::cout << "first snapshot: " << image->image->description << '\n';
    co_return 0;
}

int main(int argc, char** argv)
{
    char const* token = std::getenv("HCLOUD_TOKEN");
    net::io_context io;
    cloudimg::asio::transport https(io, {.timeout = std::chrono::seconds(30)});
    hetzner_api api{hz::config{.token = token != nullptr ? token : ""}, https};
    if (argc > 1)
        api.config().base_url = argv[1];  // a mock, a proxy

    int status = 1;
    net::co_spawn(io, list_snapshots(api), [&](std::exception_ptr, int s) { status = s; });
    io.run();
    return status;
}
