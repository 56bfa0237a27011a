// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_CONSUMER_PROJECT_REFUSED_PORT_HPP
#define CLOUDIMG_TESTS_CONSUMER_PROJECT_REFUSED_PORT_HPP

// A loopback port that is bound but not listening: a connection to it is
// refused at once, so the transport programs fail fast and nothing leaves
// the machine. Bound, so that no one else takes it while the program runs.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace consumer {

class refused_port {
public:
    refused_port()
    {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
            port_ = ntohs(addr.sin_port);
    }
    ~refused_port()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }
    refused_port(refused_port const&) = delete;
    refused_port& operator=(refused_port const&) = delete;

    /// False when no loopback socket could be bound.
    explicit operator bool() const noexcept { return port_ != 0; }

    /// "http://127.0.0.1:<port>"
    std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
    int fd_ = -1;
    unsigned port_ = 0;
};

} // namespace consumer

#endif
