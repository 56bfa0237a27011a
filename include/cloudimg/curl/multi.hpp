// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_CURL_MULTI_HPP
#define CLOUDIMG_CURL_MULTI_HPP

// A non-blocking transport over libcurl's multi interface
// (curl_multi_socket_action): many requests in flight on one thread, driven
// by whatever event loop the program runs (CMake target cloudimg::curl).
// cloudimg/uv/transport.hpp drives it from libuv.

#include <cloudimg/curl/easy.hpp>
#include <cloudimg/curl/options.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/transport.hpp>

#include <boost/system/errc.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cloudimg::curl {

/// What the event loop should watch a socket for.
enum class socket_interest {
    none,        ///< stop watching it: libcurl is done with the socket (it may close it next)
    read,        ///< readable
    write,       ///< writable
    read_write,  ///< either
};

/// What the event loop saw on a socket: a combination of these bits.
enum socket_event : int {
    socket_readable = 1,
    socket_writable = 2,
    socket_error = 4,
};

/** How a `multi_transport` asks the event loop for work, sans-IO style: the
    loop owns the sockets' watching and the one timer, the transport tells it
    what to watch and when to call back.
*/
struct loop_hooks {
    /// Watch socket `s` for `interest` (replacing what was asked before), or stop watching it.
    std::function<void(curl_socket_t s, socket_interest interest)> watch_socket;
    /// Call `multi_transport::on_timeout()` once after `delay` (replacing an earlier timer);
    /// `std::nullopt`: no timer is needed. A zero delay means "soon, from the loop", never inline.
    std::function<void(std::optional<std::chrono::milliseconds> delay)> arm_timer;
};

/// Names a request in flight, for `multi_transport::cancel`.
using transfer_id = std::uint64_t;

/** A non-blocking HTTP transport over libcurl's multi interface, for any event loop.

    Models `cloudimg::streaming_async_transport`, so it plugs into
    `cloudimg::async_client`. The loop drives it through two hooks (watch a
    socket, arm the timer, see `loop_hooks`) and two entry points
    (`on_socket_ready`, `on_timeout`); everything runs on the loop's thread,
    and one transport is used from one thread. The connection cache is the
    multi handle's, so calls to one API reuse their connections (a request
    that meets a cached connection the server has closed, before any answer,
    goes once more on a new one).

    Every request completes exactly once, on the loop's thread, from inside
    `on_socket_ready`, `on_timeout`, `cancel` or `shutdown` (never from inside
    the call that started it): with the response, with the failure of the
    exchange (as `curl::transport` reports it), or with
    `boost::system::errc::operation_canceled` when it was cancelled or the
    transport shut down with it in flight. The easy-handle setup is the
    blocking transport's (`detail::exchange`): streamed request bodies with an
    exact Content-Length, 2xx bodies streamed to a `body_sink`, TLS options,
    Unix sockets, no redirects.

    Lifetimes: the transport owns each request (its body source too), its sink
    and its completion until it completes. It may be moved; the loop hooks
    see the same transport state afterwards. Destroying it shuts it down.
    A sink must not call `cancel` (return a failure to stop instead): it runs
    inside libcurl.

    @code
    curl::multi_transport t({.watch_socket = [&](curl_socket_t s, curl::socket_interest i) { my_loop.watch(s, i); },
                             .arm_timer = [&](auto delay) { my_loop.set_timer(delay); }});
    cloudimg::async_client api{hetzner::config{.token = token}, std::move(t)};
    api.send(hetzner::list_images{}, [](auto page) { ... });
    // the loop calls api.get_transport().on_socket_ready(s, events) and .on_timeout()
    @endcode
    @see loop_hooks, uv::transport, cloudimg::async_client
*/
class multi_transport {
public:
    /// A transport that asks the loop through `hooks`, with `opts` for every request.
    explicit multi_transport(loop_hooks hooks, options opts = {}) : state_(std::make_unique<state>(std::move(hooks), std::move(opts)))
    {
    }

    multi_transport(multi_transport&&) noexcept = default;
    multi_transport& operator=(multi_transport&& other) noexcept
    {
        if (this != &other) {
            shutdown();
            state_ = std::move(other.state_);
        }
        return *this;
    }

    /// Completes every request still in flight with `operation_canceled`.
    ~multi_transport() { shutdown(); }

    /// The options of the next requests.
    options& get_options() noexcept { return state_->opts; }

    /// Start `req`; `done` gets its outcome. Returns an id for `cancel` (0 when it failed
    /// to start: `done` then gets that failure from the loop).
    transfer_id operator()(request&& req, transport_completion done) { return start(std::move(req), {}, std::move(done)); }

    /// Start `req`; a 2xx body goes to `sink` as it arrives (see `cloudimg::body_sink`).
    transfer_id operator()(request&& req, body_sink sink, transport_completion done)
    {
        return start(std::move(req), std::move(sink), std::move(done));
    }

    /// Run `task` soon from the loop (through the timer), never inside `post`.
    void post(posted_task task)
    {
        state_->posted.push_back(std::move(task));
        state_->rearm();
    }

    /// The loop saw `events` (a combination of `socket_event`) on socket `s`.
    void on_socket_ready(curl_socket_t s, int events)
    {
        int mask = 0;
        if (events & socket_readable)
            mask |= CURL_CSELECT_IN;
        if (events & socket_writable)
            mask |= CURL_CSELECT_OUT;
        if (events & socket_error)
            mask |= CURL_CSELECT_ERR;
        state_->act(s, mask);
    }

    /// The timer armed through `loop_hooks::arm_timer` fired.
    void on_timeout() { state_->on_timeout(); }

    /** Stop the request `id`: it completes now with `operation_canceled`.
        False when it is not in flight (already completed, or unknown).
    */
    bool cancel(transfer_id id)
    {
        if (!state_)
            return false;
        auto it = state_->transfers.find(id);
        if (it == state_->transfers.end())
            return false;
        state_->complete(std::move(it->second), cancelled("the request was cancelled"));
        return true;
    }

    /// Complete every request in flight with `operation_canceled`; posted work is dropped.
    void shutdown()
    {
        if (!state_)
            return;
        state_->posted.clear();
        while (!state_->transfers.empty())
            state_->complete(std::move(state_->transfers.begin()->second), cancelled("the transport shut down"));
    }

    /// How many requests are in flight.
    std::size_t in_flight() const noexcept { return state_ ? state_->transfers.size() : 0; }

private:
    // One request in flight. Heap-allocated: libcurl's callbacks hold its exchange's address.
    struct transfer {
        transfer(options const& opts, request&& r, body_sink&& s, transport_completion&& d)
            : req(std::move(r)), sink(std::move(s)), done(std::move(d)), ex(opts, sink ? &sink : nullptr)
        {
        }
        request req;
        body_sink sink;
        transport_completion done;
        detail::exchange ex;
        std::unique_ptr<CURL, detail::easy_deleter> easy;
        transfer_id id = 0;
    };

    static failure cancelled(std::string why)
    {
        failure f;
        f.code = make_error_code(boost::system::errc::operation_canceled);
        f.message = std::move(why);
        return f;
    }

    struct multi_deleter {
        void operator()(CURLM* m) const noexcept { curl_multi_cleanup(m); }
    };

    struct state {
        state(loop_hooks h, options o) : hooks(std::move(h)), opts(std::move(o))
        {
            if (detail::global_init() == CURLE_OK)
                multi.reset(curl_multi_init());
            if (multi) {
                curl_multi_setopt(multi.get(), CURLMOPT_SOCKETFUNCTION, &socket_callback);
                curl_multi_setopt(multi.get(), CURLMOPT_SOCKETDATA, static_cast<void*>(this));
                curl_multi_setopt(multi.get(), CURLMOPT_TIMERFUNCTION, &timer_callback);
                curl_multi_setopt(multi.get(), CURLMOPT_TIMERDATA, static_cast<void*>(this));
            }
        }
        state(state const&) = delete;
        state& operator=(state const&) = delete;

        ~state()
        {
            // easy handles leave the multi handle before it goes (libcurl's rule)
            for (auto& [id, t] : transfers)
                curl_multi_remove_handle(multi.get(), t->easy.get());
            transfers.clear();
        }

        // libcurl: watch this socket for that, or stop
        static int socket_callback(CURL*, curl_socket_t s, int what, void* user, void*)
        {
            auto* self = static_cast<state*>(user);
            socket_interest interest = socket_interest::none;
            switch (what) {
            case CURL_POLL_IN: interest = socket_interest::read; break;
            case CURL_POLL_OUT: interest = socket_interest::write; break;
            case CURL_POLL_INOUT: interest = socket_interest::read_write; break;
            default: break;  // CURL_POLL_REMOVE
            }
            if (self->hooks.watch_socket)
                self->hooks.watch_socket(s, interest);
            return 0;
        }

        // libcurl: call socket_action(TIMEOUT) after this many ms (-1: no timer)
        static int timer_callback(CURLM*, long timeout_ms, void* user)
        {
            auto* self = static_cast<state*>(user);
            if (timeout_ms < 0)
                self->curl_deadline.reset();
            else
                self->curl_deadline = clock::now() + std::chrono::milliseconds(timeout_ms);
            self->rearm();
            return 0;
        }

        // One timer serves libcurl's deadline and posted work: it is armed for the earlier.
        void rearm()
        {
            if (!hooks.arm_timer)
                return;
            if (!posted.empty()) {
                hooks.arm_timer(std::chrono::milliseconds(0));
            } else if (curl_deadline) {
                auto const left = std::chrono::ceil<std::chrono::milliseconds>(*curl_deadline - clock::now());
                hooks.arm_timer((std::max)(left, std::chrono::milliseconds(0)));
            } else {
                hooks.arm_timer(std::nullopt);
            }
        }

        void on_timeout()
        {
            if (curl_deadline && *curl_deadline <= clock::now()) {
                curl_deadline.reset();
                act(CURL_SOCKET_TIMEOUT, 0);
            }
            // only the work posted so far: what these tasks post runs on the next round
            auto work = std::move(posted);
            posted.clear();
            for (auto& task : work)
                task();
            rearm();
        }

        void act(curl_socket_t s, int mask)
        {
            if (!multi)
                return;
            int running = 0;
            curl_multi_socket_action(multi.get(), s, mask, &running);
            collect();
        }

        // Complete what libcurl has finished.
        void collect()
        {
            int left = 0;
            while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left)) {
                if (msg->msg != CURLMSG_DONE)
                    continue;
                char* priv = nullptr;
                curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
                auto it = transfers.find(static_cast<transfer_id>(reinterpret_cast<std::uintptr_t>(priv)));
                if (it == transfers.end())
                    continue;
                transfer& t = *it->second;
                if (t.ex.resend_on_fresh_connection(t.easy.get(), msg->data.result)) {
                    // (msg is not used again: removing its handle ends its life)
                    curl_multi_remove_handle(multi.get(), t.easy.get());
                    if (curl_multi_add_handle(multi.get(), t.easy.get()) == CURLM_OK)
                        continue;
                    complete(std::move(it->second), make_failure(error::transport, "curl_multi_add_handle failed"));
                    continue;
                }
                auto out = t.ex.finish(msg->easy_handle, msg->data.result);
                complete(std::move(it->second), std::move(out));
            }
        }

        // Take `t` out of libcurl and the table, then run its completion (which may start new requests).
        void complete(std::unique_ptr<transfer> t, result<response> outcome)
        {
            curl_multi_remove_handle(multi.get(), t->easy.get());
            transfers.erase(t->id);
            auto done = std::move(t->done);
            t.reset();  // the request, its body source and the easy handle go first
            done(std::move(outcome));
        }

        using clock = std::chrono::steady_clock;
        loop_hooks hooks;
        options opts;
        std::unique_ptr<CURLM, multi_deleter> multi;
        std::unordered_map<transfer_id, std::unique_ptr<transfer>> transfers;
        std::deque<posted_task> posted;
        std::optional<clock::time_point> curl_deadline;
        transfer_id next_id = 1;
    };

    transfer_id start(request&& req, body_sink&& sink, transport_completion&& done)
    {
        auto& s = *state_;
        auto t = std::make_unique<transfer>(s.opts, std::move(req), std::move(sink), std::move(done));
        auto fail = [&](failure f) {
            // reported from the loop, like every other outcome
            s.posted.push_back([done = std::move(t->done), f = std::move(f)]() mutable { done(result<response>(std::move(f))); });
            s.rearm();
            return transfer_id{0};
        };
        if (!s.multi)
            return fail(make_failure(error::transport, "curl_multi_init failed"));
        t->easy.reset(curl_easy_init());
        if (!t->easy)
            return fail(make_failure(error::transport, "curl_easy_init failed"));
        if (CURLcode rc = t->ex.configure(t->easy.get(), s.opts, t->req); rc != CURLE_OK)
            return fail(t->ex.finish(t->easy.get(), rc).error());
        t->id = s.next_id++;
        // the id, not the address, goes to libcurl: a finished message can then never name a freed transfer
        curl_easy_setopt(t->easy.get(), CURLOPT_PRIVATE, reinterpret_cast<char*>(static_cast<std::uintptr_t>(t->id)));
        if (curl_multi_add_handle(s.multi.get(), t->easy.get()) != CURLM_OK)
            return fail(make_failure(error::transport, "curl_multi_add_handle failed"));
        auto const id = t->id;
        s.transfers.emplace(id, std::move(t));
        return id;
    }

    std::unique_ptr<state> state_;
};

} // namespace cloudimg::curl

#endif
