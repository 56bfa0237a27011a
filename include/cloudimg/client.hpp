// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_CLIENT_HPP
#define CLOUDIMG_CLIENT_HPP

// Thin drivers: prepare, call the user's transport, parse. One synchronous,
// one callback-style for event loops.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/response.hpp>

#include <boost/system/result.hpp>

#include <type_traits>
#include <utility>

namespace cloudimg {

/** A transport: a callable that sends a request and returns the response.

    It returns `boost::system::result<response>` (an error code when no
    response arrived) or `cloudimg::result<response>` (a failure with a
    message). It may modify the request (pull a body source).
*/
template <class T>
concept transport = std::invocable<T&, request&>;

/// Convert a local failure into an endpoint's failure type.
template <endpoint E>
failure_type_t<E> to_api_failure(failure f)
{
    failure_type_t<E> out;
    static_cast<failure&>(out) = std::move(f);
    return out;
}

/** Finish a call once the transport has answered: a transport error becomes a
    failure, a response is parsed. Shared by the sync and the async driver.
*/
template <endpoint E, class TransportResult>
result<response_type_t<E>, failure_type_t<E>> complete(TransportResult&& res, json::decode_options const& options = {})
{
    if (!res) {
        failure f;
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(res.error())>, failure>) {
            f = std::move(res.error());
        } else {
            f.code = res.error();
            f.message = "transport: " + f.code.message();
        }
        return to_api_failure<E>(std::move(f));
    }
    return parse_response<E>(*res, options);
}

/** Send endpoint values through a transport, synchronously.

    `Config` is a provider configuration (`hetzner::config`, ...): `prepare(config, endpoint)`
    is found by argument-dependent lookup and builds the request.

    @code
    cloudimg::client c{hetzner::config{.token = token}, cloudimg::curl::transport{}};
    auto image = c.send(hetzner::get_image{.id = 42});
    @endcode
*/
template <class Config, transport Transport>
class client {
public:
    client(Config config, Transport transport) : config_(std::move(config)), transport_(std::move(transport)) {}

    /// Prepare, send and parse one call. An upload endpoint (a streamed body) is passed as an rvalue.
    template <class Endpoint, endpoint E = std::remove_cvref_t<Endpoint>>
    result<response_type_t<E>, failure_type_t<E>> send(Endpoint&& ep)
    {
        auto req = prepare(config_, std::forward<Endpoint>(ep));
        if (!req)
            return to_api_failure<E>(std::move(req.error()));
        return complete<E>(transport_(*req), decode_options);
    }

    Config& config() noexcept { return config_; }
    Transport& get_transport() noexcept { return transport_; }

    json::decode_options decode_options{};

private:
    Config config_;
    Transport transport_;
};

/** Send endpoint values through an asynchronous, callback-style transport.

    For event loops such as libuv or a hand-written epoll loop. The transport
    is called as `transport(request, done)` and must eventually call
    `done(result)` exactly once, with `boost::system::result<response>` or
    `cloudimg::result<response>`, on whatever thread it likes; the handler
    then receives the typed result on that same thread. Nothing blocks.

    @code
    cloudimg::async_client c{hetzner::config{.token = t}, my_uv_transport};
    c.send(hetzner::get_image{.id = 42}, [](auto r) { if (r) show(r->image); });
    @endcode
*/
template <class Config, class AsyncTransport>
class async_client {
public:
    async_client(Config config, AsyncTransport transport) : config_(std::move(config)), transport_(std::move(transport)) {}

    template <class Endpoint, class Handler, endpoint E = std::remove_cvref_t<Endpoint>>
        requires std::invocable<Handler&, result<response_type_t<E>, failure_type_t<E>>>
    void send(Endpoint&& ep, Handler handler)
    {
        auto req = prepare(config_, std::forward<Endpoint>(ep));
        if (!req) {
            handler(result<response_type_t<E>, failure_type_t<E>>(to_api_failure<E>(std::move(req.error()))));
            return;
        }
        transport_(std::move(*req), [handler = std::move(handler), options = decode_options](auto&& res) mutable {
            handler(complete<E>(std::forward<decltype(res)>(res), options));
        });
    }

    Config& config() noexcept { return config_; }
    AsyncTransport& get_transport() noexcept { return transport_; }

    json::decode_options decode_options{};

private:
    Config config_;
    AsyncTransport transport_;
};

} // namespace cloudimg

#endif
