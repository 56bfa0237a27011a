// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Uses the installed <cloudimg/curl.hpp> through the exported cloudimg::curl
// target. The request goes to a loopback port that is bound but not listening,
// so the connection is refused at once: the transport must report that as an
// error value, with no credential in its text. Nothing leaves the machine.

#include "refused_port.hpp"

#include <cloudimg/curl.hpp>
#include <cloudimg/hetzner.hpp>


#include <iostream>
#include <string>

int main()
{
    namespace hetzner = cloudimg::hetzner;

    // A port nobody listens on: bound (so no one else takes it), never listen()ed.
    consumer::refused_port refused;
    if (!refused) {
        std::cerr << "consumer_curl: no loopback socket\n";
        return 1;
    }
    std::string const base = refused.origin() + "/v1";

    hetzner::config cfg{.token = "consumer-secret", .base_url = base};
    auto req = hetzner::prepare(cfg, hetzner::list_images{.per_page = 5});
    if (!req) {
        std::cerr << "consumer_curl: prepare failed: " << req.error().what() << '\n';
        return 1;
    }

    cloudimg::curl::transport send({.connect_timeout = std::chrono::seconds(5), .timeout = std::chrono::seconds(10)});
    auto res = send(*req);

    if (res) {
        std::cerr << "consumer_curl: a refused connection returned HTTP " << res->status << '\n';
        return 1;
    }
    if (res.error().code != cloudimg::error::transport) {
        std::cerr << "consumer_curl: expected a transport error, got " << res.error().what() << '\n';
        return 1;
    }
    if (res.error().what().find("consumer-secret") != std::string::npos) {
        std::cerr << "consumer_curl: the token leaked into the error text\n";
        return 1;
    }
    std::cout << "consumer_curl: OK (" << res.error().what() << "; " << curl_version() << ")\n";
    return 0;
}
