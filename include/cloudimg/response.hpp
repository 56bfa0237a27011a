// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_RESPONSE_HPP
#define CLOUDIMG_RESPONSE_HPP

// Turning a response into the endpoint's typed result.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/json/decode.hpp>

#include <optional>
#include <string>
#include <variant>

namespace cloudimg {

namespace detail {

template <class E>
failure_type_t<E> make_api_failure(failure base, response const& r)
{
    failure_type_t<E> f;
    static_cast<failure&>(f) = std::move(base);
    f.http_status = r.status;
    if (auto id = r.headers.find(E::provider::request_id_header))
        f.request_id.assign(*id);
    f.response_headers = r.headers;
    return f;
}

template <class E, class Body>
result<Body, failure_type_t<E>> decode_success(response const& r, json::decode_options const& options)
{
    using P = typename E::provider;
    if constexpr (requires { P::template decode_body<Body>(r, options); }) {
        // providers that wrap bodies in an envelope (LXD) unwrap them here, no_content included
        auto v = P::template decode_body<Body>(r, options);
        if (!v) {
            auto f = make_api_failure<E>(std::move(v).error(), r);
            // the provider found its error envelope in a success answer: the typed body too
            if constexpr (requires { f.body; }) {
                if (f.code == error::error_response)
                    if (auto body = json::decode<typename P::error_body>(r.body, options))
                        f.body = std::move(*body);
            }
            return f;
        }
        return std::move(*v);
    } else if constexpr (std::is_same_v<Body, no_content>) {
        return no_content{};
    } else {
        auto v = json::decode<Body>(r.body, options);
        if (!v) {
            auto f = make_api_failure<E>(std::move(v).error(), r);
            f.raw_body = r.body.substr(0, max_kept_body);
            return f;
        }
        return std::move(*v);
    }
}

} // namespace detail

/** Decode a response of endpoint `E`: the documented success body, or a failure.

    - a documented success status decodes its body; a body that does not
      decode is a failure with the JSON path and the raw body;
    - a 2xx status the endpoint does not document is `error::unexpected_status`
      ("unexpected success status 201"), its body kept raw;
    - any other status is `error::error_response` (4xx/5xx) or
      `error::unexpected_status`, with the provider's error body decoded
      when there is one, its code and message copied into the failure, and
      the request id from the provider's header.

    Every failure built from a response keeps the response's headers in
    `failure::response_headers`, so a retry planner sees `Retry-After` even
    when the caller only has the failure (`client::send`).
*/
template <endpoint E>
result<response_type_t<E>, failure_type_t<E>> parse_response(response const& r,
                                                                json::decode_options const& options = {})
{
    using P = typename E::provider;
    using out_type = result<response_type_t<E>, failure_type_t<E>>;
    std::optional<out_type> out;
    boost::mp11::mp_for_each<typename E::responses>([&](auto s) {
        using S = decltype(s);
        if (out || r.status != S::status)
            return;
        auto v = detail::decode_success<E, typename S::body>(r, options);
        if (!v)
            out.emplace(boost::system::in_place_error, std::move(v).error());
        else
            out.emplace(boost::system::in_place_value, response_type_t<E>(std::move(*v)));
    });
    if (out)
        return std::move(*out);

    auto f = detail::make_api_failure<E>(make_failure(r.status >= 400 ? error::error_response : error::unexpected_status), r);
    if (r.status >= 200 && r.status < 300) {
        // a success the endpoint does not document: not an error body, so not decoded as one
        f.message = "unexpected success status " + std::to_string(r.status);
        f.raw_body = r.body.substr(0, detail::max_kept_body);
        return f;
    }
    auto body = json::decode<typename P::error_body>(r.body, options);
    if (body) {
        P::describe_failure(f, *body);
        f.body = std::move(*body);
    } else {
        f.message = "HTTP " + std::to_string(r.status) + " without a " + std::string(P::name) + " error body";
        f.raw_body = r.body.substr(0, detail::max_kept_body);
    }
    return f;
}

} // namespace cloudimg

#endif
