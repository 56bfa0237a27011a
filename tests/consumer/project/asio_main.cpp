// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Uses the installed <cloudimg/asio.hpp> through the exported cloudimg::asio
// target (Boost.Asio and Beast, libssl, and cloudimg::openssl's libcrypto): an
// async_send with a callback, to a loopback port that refuses the connection,
// must complete once with connection_refused and no credential in its text.
// The scheme is chosen at run time, so the TLS code (libssl) is linked too.

#include "refused_port.hpp"

#include <cloudimg/asio.hpp>
#include <cloudimg/hetzner.hpp>

#include <iostream>
#include <optional>
#include <string>

int main()
{
    namespace hetzner = cloudimg::hetzner;

    consumer::refused_port refused;
    if (!refused) {
        std::cerr << "consumer_asio: no loopback socket\n";
        return 1;
    }

    boost::asio::io_context io;
    cloudimg::async_client api{hetzner::config{.token = "consumer-secret", .base_url = refused.origin() + "/v1"},
                               cloudimg::asio::transport(io, {.connect_timeout = std::chrono::seconds(5)})};

    int completions = 0;
    std::optional<cloudimg::failure_type_t<hetzner::list_images>> failure;
    auto const list = hetzner::list_images{.per_page = 5};
    cloudimg::asio::async_send(api, list, [&](auto result) {
        ++completions;
        if (!result)
            failure = result.error();
    });
    io.run();

    if (completions != 1 || !failure) {
        std::cerr << "consumer_asio: expected one failed completion, got " << completions << '\n';
        return 1;
    }
    // The Asio transport reports the system's own code (see cloudimg::failure::code).
    if (failure->code != boost::asio::error::connection_refused || failure->http_status != 0) {
        std::cerr << "consumer_asio: expected connection_refused, got " << failure->what() << '\n';
        return 1;
    }
    if (failure->what().find("consumer-secret") != std::string::npos) {
        std::cerr << "consumer_asio: the token leaked into the error text\n";
        return 1;
    }
    std::cout << "consumer_asio: OK (" << failure->what() << ")\n";
    return 0;
}
