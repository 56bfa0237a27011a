// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_ASIO_TRANSPORT_HPP
#define CLOUDIMG_ASIO_TRANSPORT_HPP

// cloudimg on Asio (CMake target cloudimg::asio): an HTTP/1.1 transport
// written with Boost.Beast over TCP, TLS (OpenSSL) or a Unix domain socket.
// The core never includes Asio or Beast; this folder does.

#include <cloudimg/asio/detail/completion.hpp>
#include <cloudimg/asio/detail/exchange.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/transport.hpp>
#include <cloudimg/transport_options.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/execution_context.hpp>
#include <boost/asio/post.hpp>

#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>

namespace cloudimg::asio {

class transport;

namespace detail {
struct transport_access;
} // namespace detail

/// How the Asio transport connects and how much it accepts (shared with the libcurl transports).
using options = transport_options;

/** An HTTP/1.1 client transport on an Asio executor, for `async_send` and
    every other operation of cloudimg::asio, and for `cloudimg::async_client`.

    - **Connections**: plain TCP, TLS (`https://` origins) or, with
      `options::unix_socket_path`, a Unix domain socket (LXD's local API).
      A connection whose response allowed it is kept per origin and reused
      by the next request; one the server closed meanwhile is dropped, and a
      request that fails on a reused connection before any byte of the answer
      arrived goes again once on a new one.
    - **TLS**: the peer's chain and name are verified unless the options turn
      that off; `ca_file`, a client certificate and key (LXD trusts clients
      by certificate) and `pinned_public_key` (libcurl's forms) as for
      `curl::transport`. SNI is sent.
    - **Bodies**: a `body_source` is pulled in 64 KiB chunks with an exact
      Content-Length; a 2xx body can go to a `body_sink` chunk by chunk, so
      an LXD export of gigabytes passes through 64 KiB of memory. Other
      bodies are collected up to `max_body_size`; heads are limited to
      `max_header_size`.
    - **Never** follows a redirect: a 3xx is the response, so credentials
      never go to another host.
    - **Cancellation and deadlines**: the operations take the cancellation
      slot of their completion handler (`bind_cancellation_slot`); a
      `terminal` or `partial` signal ends the exchange at whatever stage it
      is in (resolve, connect, TLS handshake, write, read head, read body)
      with `errc::operation_canceled`, a `total` one only before anything was
      written. `connect_timeout` and `timeout` end it with `errc::timed_out`.
      The failure's message names the stage.

    Threads: the transport is used from its executor's thread (one thread
    running the io_context, or a strand); handlers run on their own
    associated executors. Destroying the transport completes every
    exchange still in flight with `operation_canceled`.

    @code
    boost::asio::io_context io;
    cloudimg::asio::transport http(io.get_executor(), {.timeout = std::chrono::seconds(30)});
    http.async_exchange(std::move(req), [](cloudimg::result<cloudimg::response> r) { ... });
    io.run();
    @endcode
    @see async_send, cloudimg::async_client
*/
class transport {
public:
    using executor_type = boost::asio::any_io_executor;

    /// A transport whose I/O runs on `ex`.
    explicit transport(executor_type ex, options opts = {})
        : state_(std::make_shared<detail::transport_state>(std::move(ex), std::move(opts)))
    {
    }

    /// A transport on `ctx`'s executor (`io_context`, `thread_pool`...).
    template <class ExecutionContext>
        requires std::is_convertible_v<ExecutionContext&, boost::asio::execution_context&>
    explicit transport(ExecutionContext& ctx, options opts = {}) : transport(executor_type(ctx.get_executor()), std::move(opts))
    {
    }

    transport(transport&&) noexcept = default;
    transport& operator=(transport&& other) noexcept
    {
        if (this != &other) {
            shutdown();
            state_ = std::move(other.state_);
        }
        return *this;
    }
    transport(transport const&) = delete;
    transport& operator=(transport const&) = delete;

    ~transport() { shutdown(); }

    executor_type get_executor() const noexcept { return state_->executor; }
    options const& get_options() const noexcept { return state_->opts; }

    /** Send `req` and read the response: completes with `void(result<response>)`,
        any completion token (`use_awaitable`, `use_future`, `deferred`, a callback).
        A 4xx or 5xx is a response; a failure means no complete response came.

        @code
        auto res = co_await http.async_exchange(std::move(req), boost::asio::use_awaitable);
        @endcode
    */
    template <class Token>
    auto async_exchange(request req, Token&& token)
    {
        return boost::asio::async_initiate<Token, void(result<response>)>(initiation{state_}, token, std::move(req),
                                                                         body_sink{});
    }

    /// Like `async_exchange(req, token)`, but a 2xx body goes to `sink` as it arrives (see `body_sink`).
    template <class Token>
    auto async_exchange(request req, body_sink sink, Token&& token)
    {
        return boost::asio::async_initiate<Token, void(result<response>)>(initiation{state_}, token, std::move(req),
                                                                         std::move(sink));
    }

    /// `cloudimg::async_transport`: start `req`; `done` runs on the transport's executor.
    void operator()(request&& req, transport_completion done) { start(std::move(req), body_sink{}, std::move(done)); }

    /// `cloudimg::streaming_async_transport`: start `req`, a 2xx body into `sink`.
    void operator()(request&& req, body_sink sink, transport_completion done)
    {
        start(std::move(req), std::move(sink), std::move(done));
    }

    /// `cloudimg::async_transport`: run `task` on the executor, never inside `post`.
    void post(posted_task task) { boost::asio::post(state_->executor, std::move(task)); }

    /// Close the kept-alive connections that are idle.
    void close_idle_connections()
    {
        if (!state_)
            return;
        for (auto& [key, list] : state_->idle)
            for (auto& c : list)
                c->close();
        state_->idle.clear();
    }

    /// How many connections this transport has opened (the rest of its requests reused one).
    std::uint64_t connections_opened() const noexcept { return state_ ? state_->connections_opened : 0; }

    /// End every exchange in flight (they complete with `operation_canceled`) and close idle connections.
    void shutdown()
    {
        if (!state_)
            return;
        auto in_flight = std::move(state_->in_flight);
        for (auto& [id, weak] : in_flight)
            if (auto e = weak.lock())
                e->abort(detail::abort_reason::shut_down);
        close_idle_connections();
    }

private:
    // Starts an exchange for a handler of `void(result<response>)`, wired to its cancellation slot.
    struct initiation {
        std::shared_ptr<detail::transport_state> state;

        template <class Handler>
        void operator()(Handler&& handler, request req, body_sink sink) const
        {
            auto slot = boost::asio::get_associated_cancellation_slot(handler);
            auto done = detail::dispatching_completion(std::forward<Handler>(handler), state->executor,
                                                       [](result<response> r) { return r; });
            auto e = start_exchange(state, std::move(req), std::move(sink), std::move(done));
            connect_cancellation(slot, e);
        }
    };

    template <class Slot>
    static void connect_cancellation(Slot& slot, std::shared_ptr<detail::exchange> const& e)
    {
        if (!slot.is_connected())
            return;
        slot.assign([weak = std::weak_ptr<detail::exchange>(e)](boost::asio::cancellation_type type) {
            auto ex = weak.lock();
            if (!ex)
                return;
            using ct = boost::asio::cancellation_type;
            if ((type & (ct::terminal | ct::partial)) != ct::none || ex->nothing_sent())
                ex->abort(detail::abort_reason::cancelled);
        });
    }

    static std::shared_ptr<detail::exchange> start_exchange(std::shared_ptr<detail::transport_state> const& state,
                                                            request req, body_sink sink, transport_completion done)
    {
        auto e = std::make_shared<detail::exchange>(state, std::move(req), std::move(sink), std::move(done));
        e->start();
        return e;
    }

    void start(request req, body_sink sink, transport_completion done)
    {
        start_exchange(state_, std::move(req), std::move(sink), std::move(done));
    }

    friend struct detail::transport_access;

    std::shared_ptr<detail::transport_state> state_;
};

namespace detail {

/// What the operations of cloudimg::asio need from a transport beyond its public interface.
struct transport_access {
    /// Start an exchange whose end is `done`, cancellable through `slot`.
    template <class Slot>
    static void start(transport& t, request req, body_sink sink, transport_completion done, Slot slot)
    {
        auto e = transport::start_exchange(t.state_, std::move(req), std::move(sink), std::move(done));
        transport::connect_cancellation(slot, e);
    }
};

} // namespace detail

} // namespace cloudimg::asio

#endif
