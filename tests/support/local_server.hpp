// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_LOCAL_SERVER_HPP
#define CLOUDIMG_TESTS_SUPPORT_LOCAL_SERVER_HPP

// A small HTTP/1.1 server on 127.0.0.1 for tests of event-loop transports:
// many connections at once (a thread each), keep-alive, and per request a
// behaviour the test chooses: answer, answer and close, stall (never
// answer), or reset the connection. It counts the connections it accepted,
// so connection reuse can be checked. It serves until destroyed.

#include "http_wire.hpp"

#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace test_server {

/// What the server does with one request.
struct reply {
    enum class action {
        answer,            ///< send `bytes`, keep the connection
        answer_and_close,  ///< send `bytes`, then close
        stall,             ///< send nothing, keep the connection open until the client leaves
        reset,             ///< close at once with a TCP reset
    };
    action what = action::answer;
    std::string bytes{};

    /// A complete response: status line, Content-Length, the extra header lines, body.
    static reply ok(std::string body, std::string headers = "Content-Type: application/json\r\n", int status = 200)
    {
        return {action::answer, "HTTP/1.1 " + std::to_string(status) + " X\r\n" + headers +
                                    "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body};
    }
};

/// One request as received: its head (request line and headers) and body.
struct received_request {
    std::string head;
    std::string body;

    /// The request target ("/v1/images/42").
    std::string target() const
    {
        auto const sp = head.find(' ');
        auto const sp2 = head.find(' ', sp + 1);
        return head.substr(sp + 1, sp2 - sp - 1);
    }
};

class local_server {
public:
    using handler = std::function<reply(received_request const&)>;

    explicit local_server(handler h) : handler_(std::move(h))
    {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;
        ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 && ::listen(fd_, 1024) == 0 &&
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
            port_ = ntohs(addr.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    ~local_server()
    {
        stopping_ = true;
        ::shutdown(fd_, SHUT_RDWR);
        if (acceptor_.joinable())
            acceptor_.join();
        std::vector<std::thread> threads;
        {
            std::lock_guard lock(mutex_);
            for (int c : open_)
                ::shutdown(c, SHUT_RDWR);  // wakes the threads blocked in read
            threads = std::move(threads_);
        }
        for (auto& t : threads)
            t.join();
        ::close(fd_);
    }

    local_server(local_server const&) = delete;
    local_server& operator=(local_server const&) = delete;

    /// "http://127.0.0.1:<port>"
    std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }

    /// Connections accepted so far.
    std::size_t connections() const noexcept { return connections_; }

    /// Requests read so far.
    std::size_t requests() const noexcept { return requests_; }

private:
    void accept_loop()
    {
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
        while (!stopping_) {
            int const c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (c < 0) {
                if (stopping_)
                    return;
                continue;
            }
            ++connections_;
            std::lock_guard lock(mutex_);
            open_.push_back(c);
            threads_.emplace_back([this, c] { serve(c); });
        }
    }

    void serve(int c)
    {
        std::string pending;
        char buf[16384];
        bool open = true;
        while (open) {
            std::size_t need = std::string::npos;
            while (true) {
                if (auto const end = pending.find("\r\n\r\n"); end != std::string::npos) {
                    need = end + 4 + content_length(pending.substr(0, end));
                    if (pending.size() >= need)
                        break;
                }
                auto const n = ::read(c, buf, sizeof buf);
                if (n <= 0) {
                    open = false;
                    break;
                }
                pending.append(buf, static_cast<std::size_t>(n));
            }
            if (!open)
                break;
            auto const head_end = pending.find("\r\n\r\n");
            received_request req{pending.substr(0, head_end), pending.substr(head_end + 4, need - head_end - 4)};
            pending.erase(0, need);
            ++requests_;
            reply r = handler_(req);
            switch (r.what) {
            case reply::action::answer: write_all(c, r.bytes); break;
            case reply::action::answer_and_close:
                write_all(c, r.bytes);
                open = false;
                break;
            case reply::action::stall:
                while (::read(c, buf, sizeof buf) > 0) {  // until the client gives up
                }
                open = false;
                break;
            case reply::action::reset: {
                linger l{1, 0};  // close() then sends RST instead of FIN
                ::setsockopt(c, SOL_SOCKET, SO_LINGER, &l, sizeof l);
                open = false;
                break;
            }
            }
        }
        std::lock_guard lock(mutex_);
        open_.erase(std::remove(open_.begin(), open_.end(), c), open_.end());
        ::close(c);
    }

    static void write_all(int c, std::string_view bytes)
    {
        while (!bytes.empty()) {
            auto const n = ::write(c, bytes.data(), bytes.size());
            if (n <= 0)
                return;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }


    handler handler_;
    int fd_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<std::size_t> connections_{0};
    std::atomic<std::size_t> requests_{0};
    std::mutex mutex_;
    std::vector<int> open_;
    std::vector<std::thread> threads_;
    std::thread acceptor_;
};

} // namespace test_server

#endif
