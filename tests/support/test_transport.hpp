// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_TEST_TRANSPORT_HPP
#define CLOUDIMG_TESTS_SUPPORT_TEST_TRANSPORT_HPP

// The blocking transport of the integration suites, chosen at run time so
// that one test program runs every suite through each transport cloudimg
// ships: libcurl's easy interface by default, or with
// CLOUDIMG_TEST_TRANSPORT=uv the libuv transport (libcurl's multi interface
// on a libuv loop), each call driven to completion on a private loop.
// ctest registers each suite once per transport.

#include <cloudimg/curl.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/transport.hpp>

#ifdef CLOUDIMG_TEST_HAVE_UV
#include <cloudimg/uv/transport.hpp>
#endif
#ifdef CLOUDIMG_TEST_HAVE_ASIO
#include <cloudimg/asio/transport.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdio>
#endif

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace cloudimg::test_support {

#ifdef CLOUDIMG_TEST_HAVE_UV
/** `uv::transport` as a blocking transport: each call starts the request and
    runs a private libuv loop until it completes, so the whole asynchronous
    path (multi handle, polls, timer, completion) carries the exchange.

    @code
    uv_blocking_transport t({.timeout = std::chrono::seconds(20)});
    auto res = t(req);
    @endcode
*/
class uv_blocking_transport {
public:
    explicit uv_blocking_transport(curl::options opts = {}) : loop_(std::make_unique<uv_loop_t>())
    {
        uv_loop_init(loop_.get());
        transport_.emplace(loop_.get(), std::move(opts));
    }
    uv_blocking_transport(uv_blocking_transport&&) noexcept = default;
    uv_blocking_transport& operator=(uv_blocking_transport&&) = delete;

    ~uv_blocking_transport()
    {
        if (!loop_)
            return;
        transport_.reset();
        uv_run(loop_.get(), UV_RUN_DEFAULT);  // the transport's handles close
        uv_loop_close(loop_.get());
    }

    result<response> operator()(request& req)
    {
        return run([&](transport_completion done) { (*transport_)(std::move(req), std::move(done)); });
    }

    result<response> operator()(request& req, body_sink const& sink)
    {
        return run([&](transport_completion done) { (*transport_)(std::move(req), sink, std::move(done)); });
    }

private:
    template <class Start>
    result<response> run(Start start)
    {
        std::optional<result<response>> out;
        start(transport_completion([&out](result<response> r) { out.emplace(std::move(r)); }));
        while (!out)
            if (uv_run(loop_.get(), UV_RUN_ONCE) == 0 && !out)
                return make_failure(error::transport, "the libuv loop ran out of work before the request completed");
        return std::move(*out);
    }

    std::unique_ptr<uv_loop_t> loop_;
    std::optional<uv::transport> transport_;
};
#endif

#ifdef CLOUDIMG_TEST_HAVE_ASIO
/** `asio::transport` as a blocking transport: each call starts an Asio
    operation and runs a private io_context until it completes, its handler
    a callback or (`coroutines`) the continuation of a coroutine.

    @code
    asio_blocking_transport t({.timeout = std::chrono::seconds(20)}, true);
    auto res = t(req);                      // async_exchange, awaited in a coroutine
    auto page = t.run<R>([&](auto token) {  // any operation with the same choice of handler
        return cloudimg::asio::async_send(api, ep, token);
    });
    @endcode
*/
class asio_blocking_transport {
public:
    asio_blocking_transport(transport_options opts, bool coroutines)
        : io_(std::make_unique<boost::asio::io_context>()), transport_(*io_, std::move(opts)), coroutines_(coroutines)
    {
    }

    result<response> operator()(request& req)
    {
        return run<result<response>>([&](auto token) { return transport_.async_exchange(std::move(req), token); });
    }

    result<response> operator()(request& req, body_sink const& sink)
    {
        return run<result<response>>([&](auto token) { return transport_.async_exchange(std::move(req), sink, token); });
    }

    /// Run the operation `start(token)` starts, whose completion is `void(R)`, to its end.
    template <class R, class Start>
    R run(Start start)
    {
        std::optional<R> out;
        if (coroutines_)
            boost::asio::co_spawn(
                *io_, [&]() -> boost::asio::awaitable<void> { out.emplace(co_await start(boost::asio::use_awaitable)); },
                boost::asio::detached);
        else
            start([&out](R r) { out.emplace(std::move(r)); });
        io_->restart();
        while (!out && io_->run_one() != 0) {
        }
        if (!out) {  // an operation that never completes: a bug in the transport, not an outcome
            std::fputs("asio_blocking_transport: the io_context ran out of work before the operation completed\n", stderr);
            std::abort();
        }
        return std::move(*out);
    }

    cloudimg::asio::transport& transport() noexcept { return transport_; }

private:
    std::unique_ptr<boost::asio::io_context> io_;
    cloudimg::asio::transport transport_;
    bool coroutines_;
};
#endif

/** The transport this run of a suite uses: "curl" unless CLOUDIMG_TEST_TRANSPORT says "uv".

    @code
    std::cout << "through " << test_transport_name() << '\n';
    @endcode
*/
inline std::string test_transport_name()
{
    char const* name = std::getenv("CLOUDIMG_TEST_TRANSPORT");
    return name == nullptr || *name == '\0' ? "curl" : name;
}

/** A blocking, streaming transport that is whichever `test_transport_name()` names.
    An unknown name (or "uv" in a build without libuv) fails every call, so
    the suite fails rather than pass through another transport.

    @code
    client api{hetzner::config{}, test_transport({.timeout = std::chrono::seconds(20)})};
    @endcode
*/
class test_transport {
public:
    explicit test_transport(curl::options opts = {}) : impl_(make(std::move(opts))) {}

    result<response> operator()(request& req)
    {
        return std::visit([&](auto& t) { return call(t, req); }, impl_);
    }

    result<response> operator()(request& req, body_sink const& sink)
    {
        return std::visit([&](auto& t) { return call(t, req, sink); }, impl_);
    }

#ifdef CLOUDIMG_TEST_HAVE_ASIO
    /// The Asio transport of an "asio" or "asio_coro" run; null otherwise.
    asio_blocking_transport* asio() noexcept { return std::get_if<asio_blocking_transport>(&impl_); }
#endif

private:
    struct unknown {
        std::string name;
    };

    using impl = std::variant<curl::transport,
#ifdef CLOUDIMG_TEST_HAVE_UV
                              uv_blocking_transport,
#endif
#ifdef CLOUDIMG_TEST_HAVE_ASIO
                              asio_blocking_transport,
#endif
                              unknown>;

    static impl make(curl::options opts)
    {
        std::string const name = test_transport_name();
        if (name == "curl")
            return curl::transport(std::move(opts));
#ifdef CLOUDIMG_TEST_HAVE_UV
        if (name == "uv")
            return uv_blocking_transport(std::move(opts));
#endif
#ifdef CLOUDIMG_TEST_HAVE_ASIO
        if (name == "asio" || name == "asio_coro")
            return impl(std::in_place_type<asio_blocking_transport>, std::move(opts), name == "asio_coro");
#endif
        return unknown{name};
    }

    template <class T, class... Sink>
    static result<response> call(T& t, request& req, Sink const&... sink)
    {
        if constexpr (std::is_same_v<T, unknown>)
            return make_failure(error::transport, "CLOUDIMG_TEST_TRANSPORT names no transport of this build: " + t.name);
        else
            return t(req, sink...);
    }

    impl impl_;
};

} // namespace cloudimg::test_support

#endif
