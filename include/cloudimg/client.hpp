// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_CLIENT_HPP
#define CLOUDIMG_CLIENT_HPP

// Thin drivers over the transport contract (transport.hpp): prepare, call
// the user's transport, parse. One blocking, one callback-style for event loops.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/response.hpp>
#include <cloudimg/transport.hpp>

#include <boost/system/result.hpp>

#include <type_traits>
#include <utility>

namespace cloudimg {

/// Convert a local failure into an endpoint's failure type.
template <endpoint E>
failure_type_t<E> to_api_failure(failure f)
{
    failure_type_t<E> out;
    static_cast<failure&>(out) = std::move(f);
    return out;
}

namespace detail {

/** Finish a call once the transport has answered: a transport failure stays a
    failure, a response is parsed. Shared by every driver.
*/
template <endpoint E>
result<response_type_t<E>, failure_type_t<E>> complete(result<response> res, json::decode_options const& options)
{
    if (!res)
        return to_api_failure<E>(std::move(res).error());
    return parse_response<E>(*res, options);
}

} // namespace detail

/** Send endpoint values through a blocking transport.

    `Config` is a provider configuration (`hetzner::config`, ...): `prepare(config, endpoint)`
    is found by argument-dependent lookup and builds the request; `Transport`
    models `cloudimg::transport`. The client owns both; it is as thread-safe
    as its transport (one call at a time for `curl::transport`).

    @code
    cloudimg::client c{hetzner::config{.token = token}, cloudimg::curl::transport{}};
    auto image = c.send(hetzner::get_image{.id = 42});
    @endcode
    @see transport, async_client
*/
template <class Config, transport Transport>
class client {
public:
    client(Config config, Transport transport) : config_(std::move(config)), transport_(std::forward<Transport>(transport)) {}

    /** Prepare, send and parse one call. An upload endpoint (a streamed body) is passed as an rvalue.

        @code
        auto page = api.send(hetzner::list_images{.per_page = 50});
        if (!page) std::cerr << page.error().what() << '\n';
        @endcode
    */
    template <class Endpoint, endpoint E = std::remove_cvref_t<Endpoint>>
    result<response_type_t<E>, failure_type_t<E>> send(Endpoint&& ep)
    {
        auto req = prepare(config_, std::forward<Endpoint>(ep));
        if (!req)
            return to_api_failure<E>(std::move(req).error());
        return detail::complete<E>(detail::to_transport_result(transport_(*req)), decode_options);
    }

    /** Like `send(ep)`, but a 2xx body goes into `sink` as it arrives (see `body_sink`);
        the result is parsed from the response head (an LXD export's `export_head`).
        For endpoints with a `streamed_response`; needs a `streaming_transport`.

        @code
        lxd::export_receiver receiver(write_to_file, {.expected_fingerprint = fp});
        auto head = api.send(lxd::export_image{.fingerprint = fp}, receiver.body_sink());
        if (!head) return head.error();       // transport, receiver or LXD error
        auto info = receiver.finish();        // complete, fingerprint checked
        @endcode
    */
    template <class Endpoint, endpoint E = std::remove_cvref_t<Endpoint>>
        requires streamed_response<E>
    result<response_type_t<E>, failure_type_t<E>> send(Endpoint&& ep, body_sink const& sink)
    {
        static_assert(streaming_transport<Transport>,
                      "this transport cannot stream a response body: it needs operator()(request&, body_sink const&)");
        auto req = prepare(config_, std::forward<Endpoint>(ep));
        if (!req)
            return to_api_failure<E>(std::move(req).error());
        return detail::complete<E>(detail::to_transport_result(transport_(*req, sink)), decode_options);
    }

    Config& config() noexcept { return config_; }
    Config const& config() const noexcept { return config_; }
    Transport& get_transport() noexcept { return transport_; }

    json::decode_options decode_options{};

private:
    Config config_;
    Transport transport_;
};

/** Send endpoint values through an asynchronous transport, callback style.

    For event loops such as libuv or a hand-written epoll loop; `Transport`
    models `cloudimg::async_transport`. Nothing blocks. The handler is called
    exactly once with the endpoint's typed result:
    - never from inside `send`: a request that cannot be prepared (a local
      error) completes through the transport's `post`, on the loop;
    - otherwise on the thread that calls the transport's completion.

    Lifetimes: `send` reads the config and copies `decode_options`; the
    request, an optional sink and the handler move into the transport, which
    owns them until it completes. The client itself may go away meanwhile
    if the transport allows it. `Transport` may be a reference
    (`async_client<oxide::config, uv::transport&>`): clients of several
    providers then share one transport, its loop and its connections.

    @code
    cloudimg::async_client c{hetzner::config{.token = t}, my_loop_transport{&loop}};
    c.send(hetzner::get_image{.id = 42}, [](auto r) { if (r) show(r->image); });
    loop.run();
    @endcode
    @see async_transport, transport_completion, client
*/
template <class Config, async_transport Transport>
class async_client {
public:
    async_client(Config config, Transport transport)
        : config_(std::move(config)), transport_(std::forward<Transport>(transport))
    {
    }

    /// Start one call; `handler(result<response_type_t<E>, failure_type_t<E>>)` gets its outcome.
    template <class Endpoint, class Handler, endpoint E = std::remove_cvref_t<Endpoint>>
        requires std::invocable<Handler&, result<response_type_t<E>, failure_type_t<E>>>
    void send(Endpoint&& ep, Handler handler)
    {
        auto req = prepare(config_, std::forward<Endpoint>(ep));
        if (!req)
            return fail<E>(std::move(req).error(), std::move(handler));
        transport_(std::move(*req), completion<E>(std::move(handler)));
    }

    /** Start one call whose 2xx body goes into `sink` as it arrives (see `body_sink`,
        `client::send`), for endpoints with a `streamed_response`. Needs a
        `streaming_async_transport`; the sink is owned by it until completion.
    */
    template <class Endpoint, class Handler, endpoint E = std::remove_cvref_t<Endpoint>>
        requires streamed_response<E> && std::invocable<Handler&, result<response_type_t<E>, failure_type_t<E>>>
    void send(Endpoint&& ep, body_sink sink, Handler handler)
    {
        static_assert(streaming_async_transport<Transport>,
                      "this transport cannot stream a response body: it needs operator()(request&&, body_sink, transport_completion)");
        auto req = prepare(config_, std::forward<Endpoint>(ep));
        if (!req)
            return fail<E>(std::move(req).error(), std::move(handler));
        transport_(std::move(*req), std::move(sink), completion<E>(std::move(handler)));
    }

    Config& config() noexcept { return config_; }
    Config const& config() const noexcept { return config_; }
    Transport& get_transport() noexcept { return transport_; }

    json::decode_options decode_options{};

private:
    template <endpoint E, class Handler>
    transport_completion completion(Handler handler)
    {
        return transport_completion([handler = std::move(handler), options = decode_options](result<response> res) mutable {
            handler(detail::complete<E>(std::move(res), options));
        });
    }

    template <endpoint E, class Handler>
    void fail(failure f, Handler handler)
    {
        transport_.post([handler = std::move(handler), f = to_api_failure<E>(std::move(f))]() mutable {
            handler(result<response_type_t<E>, failure_type_t<E>>(std::move(f)));
        });
    }

    Config config_;
    Transport transport_;
};

} // namespace cloudimg

#endif
