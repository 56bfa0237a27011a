// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_UV_TRANSPORT_HPP
#define CLOUDIMG_UV_TRANSPORT_HPP

// cloudimg on a libuv loop (CMake target cloudimg::uv): libcurl's multi
// interface driven by a uv_poll_t per socket and one uv_timer_t, the shape
// of curl's own multi-uv.c example. The core never includes libuv.

#include <cloudimg/curl/multi.hpp>
#include <cloudimg/curl/options.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/transport.hpp>

#include <curl/curl.h>
#include <uv.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>

namespace cloudimg::uv {

/** An asynchronous HTTP transport on a libuv loop: `curl::multi_transport`
    with the loop's polls and timer, so many requests are in flight on the
    loop's thread at once.

    Models `cloudimg::streaming_async_transport`: plug it into
    `cloudimg::async_client`. Completions run on the loop's thread from
    `uv_run`, never inside the call that started the request. All calls are
    made on the loop's thread.

    Lifetimes: the loop must outlive the transport. Destroying the transport
    completes every request still in flight with `operation_canceled` and
    closes its libuv handles; their memory is released by their close
    callbacks, so run the loop once more (`uv_run(loop, UV_RUN_DEFAULT)`
    returns when they are closed) before closing the loop. A completion must
    not destroy its own transport: post that to the loop.

    @code
    uv_loop_t* loop = uv_default_loop();
    cloudimg::async_client api{hetzner::config{.token = token}, cloudimg::uv::transport(loop)};
    api.send(hetzner::list_images{}, [](auto page) { ... });
    uv_run(loop, UV_RUN_DEFAULT);
    @endcode
    @see curl::multi_transport, cloudimg::async_client
*/
class transport {
public:
    /// A transport on `loop`, with `opts` for every request.
    explicit transport(uv_loop_t* loop, curl::options opts = {}) : state_(state::create(loop, std::move(opts))) {}

    transport(transport&&) noexcept = default;
    transport& operator=(transport&& other) noexcept
    {
        if (this != &other) {
            close();
            state_ = std::move(other.state_);
        }
        return *this;
    }

    ~transport() { close(); }

    /// Start `req`; `done` gets its outcome on the loop. Returns an id for `cancel`.
    curl::transfer_id operator()(request&& req, transport_completion done) { return state_->multi(std::move(req), std::move(done)); }

    /// Start `req`; a 2xx body goes to `sink` as it arrives (see `cloudimg::body_sink`).
    curl::transfer_id operator()(request&& req, body_sink sink, transport_completion done)
    {
        return state_->multi(std::move(req), std::move(sink), std::move(done));
    }

    /// Run `task` on the loop soon, never inside `post`.
    void post(posted_task task) { state_->multi.post(std::move(task)); }

    /// Stop request `id` now: it completes with `operation_canceled`. False when it is not in flight.
    bool cancel(curl::transfer_id id) { return state_->multi.cancel(id); }

    /// Complete every request in flight with `operation_canceled`.
    void shutdown() { state_->multi.shutdown(); }

    /// How many requests are in flight.
    std::size_t in_flight() const noexcept { return state_ ? state_->multi.in_flight() : 0; }

    /// The options of the next requests.
    curl::options& get_options() noexcept { return state_->multi.get_options(); }

    /// The loop this transport runs on.
    uv_loop_t* loop() const noexcept { return state_->loop; }

private:
    // Everything libuv and libcurl call back into: heap-allocated, so the transport moves freely.
    struct state {
        static std::unique_ptr<state> create(uv_loop_t* loop, curl::options opts)
        {
            return std::unique_ptr<state>(new state(loop, std::move(opts)));
        }

        state(uv_loop_t* l, curl::options opts)
            : loop(l),
              multi({.watch_socket = [this](curl_socket_t fd, curl::socket_interest interest) { watch(fd, interest); },
                     .arm_timer = [this](std::optional<std::chrono::milliseconds> delay) { arm(delay); }},
                    std::move(opts))
        {
            timer = new uv_timer_t;
            uv_timer_init(loop, timer);
            timer->data = this;
        }
        state(state const&) = delete;
        state& operator=(state const&) = delete;

        // In-flight requests complete and the handles close; then `multi`, declared last,
        // is the first member destroyed, and what libcurl says about its sockets while it
        // cleans up finds nothing left to do.
        ~state()
        {
            multi.shutdown();
            for (auto& [fd, p] : polls) {
                uv_poll_stop(p);
                close_handle(p);
            }
            polls.clear();
            uv_timer_stop(timer);
            close_handle(timer);
            timer = nullptr;
        }

        void watch(curl_socket_t fd, curl::socket_interest interest)
        {
            auto it = polls.find(fd);
            if (interest == curl::socket_interest::none) {
                if (it != polls.end()) {
                    uv_poll_stop(it->second);
                    close_handle(it->second);
                    polls.erase(it);
                }
                return;
            }
            if (it == polls.end()) {
                if (!timer)
                    return;  // shutting down
                auto* p = new uv_poll_t;
                if (uv_poll_init_socket(loop, p, fd) != 0) {
                    delete p;
                    // libuv cannot watch it: the transfer fails from the loop instead of hanging
                    multi.post([this, fd] { multi.on_socket_ready(fd, curl::socket_error); });
                    return;
                }
                p->data = this;
                it = polls.emplace(fd, p).first;
            }
            int events = 0;
            if (interest != curl::socket_interest::write)
                events |= UV_READABLE;
            if (interest != curl::socket_interest::read)
                events |= UV_WRITABLE;
            uv_poll_start(it->second, events, &on_poll);
        }

        void arm(std::optional<std::chrono::milliseconds> delay)
        {
            if (!timer)
                return;
            if (!delay)
                uv_timer_stop(timer);
            else
                uv_timer_start(timer, &on_timer, static_cast<std::uint64_t>(delay->count()), 0);
        }

        static void on_poll(uv_poll_t* p, int status, int events)
        {
            auto* self = static_cast<state*>(p->data);
            int flags = 0;
            if (status < 0)
                flags |= curl::socket_error;
            if (events & UV_READABLE)
                flags |= curl::socket_readable;
            if (events & UV_WRITABLE)
                flags |= curl::socket_writable;
            uv_os_fd_t fd{};
            uv_fileno(reinterpret_cast<uv_handle_t*>(p), &fd);
            self->multi.on_socket_ready(static_cast<curl_socket_t>(fd), flags);
        }

        static void on_timer(uv_timer_t* t) { static_cast<state*>(t->data)->multi.on_timeout(); }

        template <class Handle>
        static void close_handle(Handle* h)
        {
            uv_close(reinterpret_cast<uv_handle_t*>(h), [](uv_handle_t* closed) { delete reinterpret_cast<Handle*>(closed); });
        }

        uv_loop_t* loop;
        uv_timer_t* timer = nullptr;
        std::unordered_map<curl_socket_t, uv_poll_t*> polls;
        curl::multi_transport multi;  // declared last: destroyed before the other members
    };

    void close() noexcept { state_.reset(); }

    std::unique_ptr<state> state_;
};

} // namespace cloudimg::uv

#endif
