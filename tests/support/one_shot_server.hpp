// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_ONE_SHOT_SERVER_HPP
#define CLOUDIMG_TESTS_SUPPORT_ONE_SHOT_SERVER_HPP

// A minimal HTTP/1.1 server in a thread for transport tests: it records the
// exact bytes a client sends and answers with canned bytes, so both
// directions are checked at the wire level. It listens on 127.0.0.1 or on a
// Unix socket, and talks plain or through a connection the test wraps around
// the accepted socket (a TLS session).

#include <gtest/gtest.h>

#include "http_wire.hpp"

#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace test_server {

/// The bytes of one accepted connection, as the server reads and writes them.
struct connection {
    virtual ~connection() = default;
    /// Up to `n` bytes into `buf`; 0 or less when the peer closed or failed.
    virtual long read(char* buf, std::size_t n) = 0;
    virtual void write(std::string_view bytes) = 0;
};

/// Turns an accepted socket into a connection (a TLS handshake); null: give up on it.
/// The socket stays the server's to close.
using connection_factory = std::function<std::unique_ptr<connection>(int fd)>;

struct server_options {
    /// Listen on this Unix socket path instead of 127.0.0.1 (removed before and after).
    std::string unix_socket_path{};
    /// Wrap each accepted socket; empty: plain reads and writes.
    connection_factory wrap{};
};

/// Accepts one connection and answers the requests on it in turn: records each
/// request (head and Content-Length body) and sends the next of `replies`.
/// An empty reply never answers: the client has to give up.
class one_shot_server {
public:
    explicit one_shot_server(std::string reply) : one_shot_server(std::vector<std::string>{std::move(reply)}) {}
    explicit one_shot_server(std::vector<std::string> replies, server_options options = {})
        : replies_(std::move(replies)), options_(std::move(options))
    {
        bool ok = false;
        if (options_.unix_socket_path.empty()) {
            fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_in addr{};
            addr.sin_family = AF_INET;
            addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            socklen_t len = sizeof addr;
            ok = ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 && ::listen(fd_, 4) == 0 &&
                 ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
            port_ = ntohs(addr.sin_port);
        } else {
            fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_un addr{};
            addr.sun_family = AF_UNIX;
            std::string const& path = options_.unix_socket_path;
            ok = path.size() < sizeof addr.sun_path;
            if (ok) {
                std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
                ::unlink(path.c_str());
                ok = ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 && ::listen(fd_, 4) == 0;
            }
        }
        if (!ok)
            ADD_FAILURE() << "cannot listen on " << (options_.unix_socket_path.empty() ? "127.0.0.1" : options_.unix_socket_path);
        thread_ = std::thread([this] { serve(); });
    }
    ~one_shot_server()
    {
        // wakes an accept() that no client will answer (a client that failed before connecting)
        ::shutdown(fd_, SHUT_RDWR);
        if (thread_.joinable())
            thread_.join();
        ::close(fd_);
        if (!options_.unix_socket_path.empty())
            ::unlink(options_.unix_socket_path.c_str());
    }
    one_shot_server(one_shot_server const&) = delete;
    one_shot_server& operator=(one_shot_server const&) = delete;

    /// `http://127.0.0.1:<port>`; over a Unix socket the host is only a name (`http://lxd`).
    std::string origin(std::string_view scheme = "http") const
    {
        if (!options_.unix_socket_path.empty())
            return std::string(scheme) + "://lxd";
        return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_);
    }

    /// The requests as received, one after the other; waits for the exchange to end.
    std::string const& received()
    {
        if (thread_.joinable())
            thread_.join();
        return request_;
    }

private:
    struct plain final : connection {
        explicit plain(int socket) : fd(socket) {}
        long read(char* buf, std::size_t n) override { return static_cast<long>(::read(fd, buf, n)); }
        void write(std::string_view bytes) override { static_cast<void>(::write(fd, bytes.data(), bytes.size())); }
        int fd;
    };

    void serve()
    {
        // A client that hangs up while this thread writes (a TLS alert, a
        // close_notify) must give EPIPE here, not a SIGPIPE that ends the test.
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
        int const c = ::accept(fd_, nullptr, nullptr);
        if (c < 0)
            return;
        std::unique_ptr<connection> conn = options_.wrap ? options_.wrap(c) : std::make_unique<plain>(c);
        if (conn)
            exchange(*conn);
        conn.reset();
        ::close(c);
    }

    void exchange(connection& conn)
    {
        char buf[65536];
        std::string pending;
        for (auto const& reply : replies_) {
            std::size_t need = std::string::npos;
            while (true) {
                if (auto const head_end = pending.find("\r\n\r\n"); head_end != std::string::npos) {
                    need = head_end + 4 + content_length(pending.substr(0, head_end));
                    if (pending.size() >= need)
                        break;
                }
                auto const n = conn.read(buf, sizeof buf);
                if (n <= 0)
                    return;
                pending.append(buf, static_cast<std::size_t>(n));
            }
            request_ += pending.substr(0, need);
            pending.erase(0, need);
            if (reply.empty()) {
                while (conn.read(buf, sizeof buf) > 0) {  // wait for the client to hang up
                }
                return;
            }
            conn.write(reply);
        }
    }


    int fd_ = -1;
    std::uint16_t port_ = 0;
    std::vector<std::string> replies_;
    server_options options_;
    std::string request_;
    std::thread thread_;
};

} // namespace test_server

#endif
