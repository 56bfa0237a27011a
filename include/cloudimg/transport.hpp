// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TRANSPORT_HPP
#define CLOUDIMG_TRANSPORT_HPP

// The one contract between cloudimg and an HTTP stack. cloudimg never does
// I/O: a transport is whatever sends a `request` and brings back a
// `response`. The drivers (`client`, `async_client`, the Asio operations)
// and every adapter (`curl::transport`, ...) meet here.

#include <cloudimg/detail/unique_function.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <concepts>
#include <functional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace cloudimg {

/** Receives the body of a successful (2xx) response chunk by chunk, as it
    arrives, instead of `response::body` (an LXD export, a large list fed to
    `json::decoder`).

    What a transport that takes a sink promises:
    - once the head (status and headers) of a 2xx response is complete, it
      calls the sink with that head and an empty chunk, so even an empty body
      reaches the sink; then with each chunk of the body, in order, with the
      same head;
    - when the sink returns a failure, the exchange is aborted and the
      transport reports that failure as it is (with `http_status` set), so a
      decoder's error code and JSON path survive;
    - no size limit of the transport applies to what goes into the sink (its
      own limits do); the body of any other status is collected into
      `response::body` as usual, so the provider's error body still decodes.

    The sink is called on the transport's thread, never after the transport
    has reported the end of the exchange.

    @code
    hetzner::list_images_response page;
    json::decoder d(page);
    auto res = curl_transport(req, [&](response const&, std::string_view chunk) { return d.write(chunk); });
    // or, for an endpoint whose body is streamed (an LXD export), through the client:
    auto head = api.send(lxd::export_image{.fingerprint = fp}, receiver.body_sink());
    @endcode
    @see client::send, async_client::send, lxd::export_receiver
*/
using body_sink = std::function<result<void>(response const& head, std::string_view chunk)>;

namespace detail {

/// What a transport may report: a response, or an error code (no text) or a failure (with text).
template <class R>
concept transport_outcome = std::same_as<R, result<response>> || std::same_as<R, boost::system::result<response>>;

/// A transport that failed without a response: the code, and its message as text.
inline failure transport_failure(boost::system::error_code ec)
{
    failure f;
    f.code = ec;
    f.message = "transport: " + ec.message();
    return f;
}

inline result<response> to_transport_result(result<response>&& r) noexcept { return std::move(r); }

inline result<response> to_transport_result(boost::system::result<response>&& r)
{
    if (r)
        return std::move(*r);
    return transport_failure(r.error());
}

} // namespace detail

/** A blocking transport: `t(request&)` sends the request and returns the response.

    It returns `boost::system::result<response>` (an error code when no
    response arrived) or `cloudimg::result<response>` (a failure with a
    message). It may modify the request: a `body_source` body is pulled, and
    rewound first if it was read before.

    @code
    auto t = [&](cloudimg::request& req) -> boost::system::result<cloudimg::response> { return my_http.send(req); };
    cloudimg::client api{hetzner::config{.token = token}, t};
    @endcode
    @see streaming_transport, client
*/
template <class T>
concept transport = requires(T& t, request& req) {
    { t(req) } -> detail::transport_outcome;
};

/** A blocking transport that can also deliver a 2xx body to a `body_sink`:
    `t(request&, body_sink const&)`, with the same results.

    @code
    auto res = curl_transport(req, receiver.body_sink());
    @endcode
    @see body_sink, client::send
*/
template <class T>
concept streaming_transport = transport<T> && requires(T& t, request& req, body_sink const& sink) {
    { t(req, sink) } -> detail::transport_outcome;
};

/** The completion an asynchronous transport receives with each request: call it
    exactly once with the outcome, from any thread.

    Move-only and type-erased, so a transport stores it as it is (in a
    queue, in a libcurl handle's private data) without `std::function`.
    Calling it runs the user's handler, on the calling thread. An empty
    completion (moved from) must not be called.

    @code
    void my_transport::operator()(cloudimg::request req, cloudimg::transport_completion done)
    {
        loop_.http(std::move(req), [done = std::move(done)](cloudimg::result<cloudimg::response> r) mutable {
            done(std::move(r));
        });
    }
    @endcode
    @see async_transport, async_client
*/
class transport_completion {
public:
    transport_completion() noexcept = default;

    /// Wrap a callable taking `result<response>`.
    template <class F>
        requires(!std::is_same_v<std::remove_cvref_t<F>, transport_completion> &&
                 std::is_invocable_v<std::decay_t<F>&, result<response>>)
    transport_completion(F&& f) : fn_(std::forward<F>(f))
    {
    }

    transport_completion(transport_completion&&) noexcept = default;
    transport_completion& operator=(transport_completion&&) noexcept = default;

    /// Complete with a response, or with the failure or error code of an exchange that did not get one.
    template <class R>
        requires detail::transport_outcome<std::remove_cvref_t<R>>
    void operator()(R&& outcome)
    {
        auto fn = std::move(fn_);  // once: the completion is empty from here on
        fn(detail::to_transport_result(std::remove_cvref_t<R>(std::forward<R>(outcome))));
    }

    /// False once called or moved from.
    explicit operator bool() const noexcept { return static_cast<bool>(fn_); }

private:
    detail::unique_function<void(result<response>)> fn_;
};

/// Work an asynchronous transport runs later, on its loop: see `async_transport`.
using posted_task = detail::unique_function<void()>;

/** An asynchronous transport for an event loop.

    - `t(request&&, transport_completion)` starts the exchange and returns at
      once; the completion is called exactly once, later, including when the
      exchange is cancelled or the transport shuts down with it in flight;
    - `t.post(posted_task)` runs the task later on the loop, never inside
      `post` itself: `async_client` completes a request that could not be
      prepared through it, so a handler never runs inside `send`.

    The transport owns what it was given until it completes: the request
    (its body source included) and the completion with the user's handler.

    @code
    struct my_transport {
        my_loop* loop;
        void operator()(cloudimg::request req, cloudimg::transport_completion done) { loop->http(std::move(req), std::move(done)); }
        void post(cloudimg::posted_task task) { loop->defer(std::move(task)); }
    };
    @endcode
    @see streaming_async_transport, async_client
*/
template <class T>
concept async_transport = requires(T& t, request&& req, transport_completion&& done, posted_task&& task) {
    t(std::move(req), std::move(done));
    t.post(std::move(task));
};

/** An asynchronous transport that can also deliver a 2xx body to a `body_sink`:
    `t(request&&, body_sink, transport_completion)`; it owns the sink until it completes.

    @see body_sink, async_client::send
*/
template <class T>
concept streaming_async_transport =
    async_transport<T> && requires(T& t, request&& req, body_sink&& sink, transport_completion&& done) {
        t(std::move(req), std::move(sink), std::move(done));
    };

} // namespace cloudimg

#endif
