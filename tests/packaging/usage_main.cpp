// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The program of the vcpkg port's usage snippet (tests/packaging builds the
// snippet of ports/cloudimg/usage around it): the core, and with
// USAGE_WITH_COMPONENTS one call into each component's library, so that a
// missing link dependency fails to link or run.

#include <cloudimg/hetzner.hpp>
#include <cloudimg/version.hpp>

#ifdef USAGE_WITH_COMPONENTS
#include <cloudimg/asio.hpp>
#include <cloudimg/curl.hpp>
#include <cloudimg/metal/hmac.hpp>
#include <cloudimg/uv/transport.hpp>
#endif

#include <iostream>
#include <string>

int main()
{
    namespace hetzner = cloudimg::hetzner;
    auto req = hetzner::prepare(hetzner::config{.token = "t"}, hetzner::list_images{.per_page = 5});
    if (!req || req->url() != "https://api.hetzner.cloud/v1/images?per_page=5") {
        std::cerr << "usage: prepare(list_images) gave " << (req ? req->url() : req.error().what()) << '\n';
        return 1;
    }
#ifdef USAGE_WITH_COMPONENTS
    {
        cloudimg::curl::transport send;  // libcurl
    }
    // libcrypto: metal-stack/security's reference vector
    auto mac = cloudimg::metal::hmac_signature(std::string("\x01\x02\x03", 3), "2019-01-16T14:44:45Z", "GET",
                                               std::string("\x01\x02\x03\x04\x05\x06", 6));
    if (!mac || *mac != "f8d293a06bdde899a5bd1dd61b13842564650c717c742db02c4e1a888fc22501") {
        std::cerr << "usage: hmac_signature failed\n";
        return 1;
    }
    // libuv
    uv_loop_t loop;
    uv_loop_init(&loop);
    {
        cloudimg::uv::transport send(&loop);
    }
    uv_run(&loop, UV_RUN_DEFAULT);
    if (uv_loop_close(&loop) != 0) {
        std::cerr << "usage: the uv transport left handles open\n";
        return 1;
    }
    // Boost.Asio and Beast, libssl: an HTTPS exchange with loopback port 1, which refuses it
    auto https = hetzner::prepare(hetzner::config{.token = "t", .base_url = "https://127.0.0.1:1/v1"},
                                  hetzner::list_images{});
    boost::asio::io_context io;
    cloudimg::asio::transport send(io);
    bool failed = false;
    send.async_exchange(std::move(*https), [&](cloudimg::result<cloudimg::response> r) { failed = !r; });
    io.run();
    if (!failed) {
        std::cerr << "usage: the Asio transport did not report the refused connection\n";
        return 1;
    }
    std::cout << "usage: cloudimg " << cloudimg::version_string << " with curl, openssl, uv and asio OK\n";
#else
    std::cout << "usage: cloudimg " << cloudimg::version_string << " OK\n";
#endif
    return 0;
}
