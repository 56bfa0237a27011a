// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Uses the installed <cloudimg/curl.hpp> through the exported cloudimg::curl
// target. The request goes to a loopback port that is bound but not listening,
// so the connection is refused at once: the transport must report that as an
// error value, with no credential in its text. Nothing leaves the machine.

#include <cloudimg/curl.hpp>
#include <cloudimg/hetzner.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <iostream>
#include <string>

int main()
{
    namespace hetzner = cloudimg::hetzner;

    // A port nobody listens on: bound (so no one else takes it), never listen()ed.
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        std::cerr << "consumer_curl: no loopback socket\n";
        return 1;
    }
    std::string const base = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/v1";

    hetzner::config cfg{.token = "consumer-secret", .base_url = base};
    auto req = hetzner::prepare(cfg, hetzner::list_images{.per_page = 5});
    if (!req) {
        std::cerr << "consumer_curl: prepare failed: " << req.error().what() << '\n';
        return 1;
    }

    cloudimg::curl::transport send({.connect_timeout = std::chrono::seconds(5), .timeout = std::chrono::seconds(10)});
    auto res = send(*req);
    ::close(fd);

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
