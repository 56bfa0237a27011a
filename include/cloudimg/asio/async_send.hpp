// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_ASIO_ASYNC_SEND_HPP
#define CLOUDIMG_ASIO_ASYNC_SEND_HPP

// Every endpoint as an Asio asynchronous operation with a completion token,
// over the sans-IO core: prepare, the transport's exchange, parse_response.

#include <cloudimg/asio/detail/completion.hpp>
#include <cloudimg/asio/transport.hpp>
#include <cloudimg/client.hpp>
#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/json/decode_options.hpp>
#include <cloudimg/transport.hpp>

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/system_executor.hpp>

#include <type_traits>
#include <utility>

namespace cloudimg::asio {

/// The completion signature of `async_send` for endpoint `E`: its typed result, errors as values.
template <endpoint E>
using send_signature = void(result<response_type_t<E>, failure_type_t<E>>);

namespace detail {

template <class T>
concept has_executor = requires(T& t) { t.get_executor(); };

/// The executor handlers run on when they name none: the transport's, or the
/// thread that completes the transport (a user's transport without one).
template <class Transport>
auto fallback_executor(Transport& t)
{
    if constexpr (has_executor<Transport>)
        return t.get_executor();
    else
        return boost::asio::system_executor();
}

/** Starts one call on `transport`: the request is already prepared (or failed
    to be), so the operation owns everything it needs; the transport's
    answer is parsed on the transport's thread, then the handler runs on its
    associated executor. With the Asio transport, the handler's cancellation
    slot reaches the exchange.
*/
template <endpoint E, class Transport>
struct send_initiation {
    Transport& transport;
    json::decode_options options;

    template <class Handler>
    void operator()(Handler&& handler, result<request> req, body_sink sink) const
    {
        auto slot = boost::asio::get_associated_cancellation_slot(handler);
        auto done = dispatching_completion(std::forward<Handler>(handler), fallback_executor(transport),
                                           [options = options](result<response> r) {
                                               return cloudimg::detail::complete<E>(std::move(r), options);
                                           });
        if (!req) {
            // a local error, reported from the loop: never inside the initiating call
            transport.post([done = std::move(done), f = std::move(req).error()]() mutable {
                done(result<response>(std::move(f)));
            });
            return;
        }
        if constexpr (std::is_same_v<std::remove_cv_t<Transport>, asio::transport>) {
            transport_access::start(transport, std::move(*req), std::move(sink), std::move(done), slot);
        } else if constexpr (streamed_response<E>) {
            static_assert(streaming_async_transport<Transport>,
                          "this transport cannot stream a response body: it needs operator()(request&&, body_sink, transport_completion)");
            transport(std::move(*req), std::move(sink), std::move(done));
        } else {
            transport(std::move(*req), std::move(done));
        }
    }
};

template <endpoint E, class Transport, class Token>
auto initiate_send(Transport& t, json::decode_options const& options, result<request> req, body_sink sink, Token&& token)
{
    return boost::asio::async_initiate<Token, send_signature<E>>(send_initiation<E, Transport>{t, options}, token,
                                                                 std::move(req), std::move(sink));
}

} // namespace detail

/** Send one endpoint value through a client's transport, as an Asio operation.

    Completes with `void(result<response_type_t<E>, failure_type_t<E>>)`:
    the typed response, or the failure (local, transport or the provider's
    error body), never an exception. Any completion token works: a
    callback, `use_awaitable`, `use_future`, `deferred`, `as_tuple(...)`.

    The request is prepared at once from the client's configuration, so the
    operation owns everything it needs and no reference into the caller's
    frame is kept; the client's transport must outlive the operation's start
    (with `deferred`, until it is launched).

    Transports: `asio::transport` (cancellation through the handler's slot
    at every stage, see `transport`), or any `cloudimg::async_transport` of
    your own (no cancellation, unless your transport offers it). The handler
    runs on its associated executor, else the transport's executor, else on
    the thread that completed the transport.

    @code
    cloudimg::async_client api{hetzner::config{.token = token}, cloudimg::asio::transport(io)};
    auto image = co_await cloudimg::asio::async_send(api, hetzner::get_image{.id = 42}, boost::asio::use_awaitable);
    if (!image) std::cerr << image.error().what() << '\n';
    @endcode
*/
template <class Config, class Transport, class Endpoint, class Token, endpoint E = std::remove_cvref_t<Endpoint>>
auto async_send(async_client<Config, Transport>& client, Endpoint&& ep, Token&& token)
{
    auto& t = client.get_transport();
    return detail::initiate_send<E>(t, client.decode_options, prepare(client.config(), std::forward<Endpoint>(ep)),
                                    body_sink{}, std::forward<Token>(token));
}

/** Like `async_send(client, ep, token)` for an endpoint whose body is streamed
    (LXD's `export_image`): a 2xx body goes to `sink` as it arrives, and the
    result is parsed from the response head.

    @code
    lxd::export_receiver receiver(write_to_file, {.expected_fingerprint = fp});
    auto head = co_await cloudimg::asio::async_send(api, lxd::export_image{.fingerprint = fp}, receiver.body_sink(),
                                                    boost::asio::use_awaitable);
    @endcode
*/
template <class Config, class Transport, class Endpoint, class Token, endpoint E = std::remove_cvref_t<Endpoint>>
    requires streamed_response<E>
auto async_send(async_client<Config, Transport>& client, Endpoint&& ep, body_sink sink, Token&& token)
{
    auto& t = client.get_transport();
    return detail::initiate_send<E>(t, client.decode_options, prepare(client.config(), std::forward<Endpoint>(ep)),
                                    std::move(sink), std::forward<Token>(token));
}

/** Send one endpoint value with a provider configuration over an Asio transport:
    `async_send(client, ...)` without a client object. The request is prepared
    at once; neither `config` nor `ep` is referenced afterwards.

    @code
    auto page = co_await cloudimg::asio::async_send(http, oxide::config{.base_url = url, .token = t},
                                                    oxide::list_images{.project = "infra"}, boost::asio::use_awaitable);
    @endcode
*/
template <class Config, class Endpoint, class Token, endpoint E = std::remove_cvref_t<Endpoint>>
    requires requires(Config const& c, Endpoint&& e) { prepare(c, std::forward<Endpoint>(e)); }
auto async_send(transport& t, Config const& config, Endpoint&& ep, Token&& token)
{
    return detail::initiate_send<E>(t, json::decode_options{}, prepare(config, std::forward<Endpoint>(ep)), body_sink{},
                                    std::forward<Token>(token));
}

} // namespace cloudimg::asio

#endif
