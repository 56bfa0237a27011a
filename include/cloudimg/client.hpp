// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_CLIENT_HPP
#define CLOUDIMG_CLIENT_HPP

// A thin synchronous driver: prepare, call the user's transport, parse.

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

    template <endpoint E>
    result<response_type_t<E>, failure_type_t<E>> send(E const& ep)
    {
        auto req = prepare(config_, ep);
        if (!req)
            return to_api_failure<E>(std::move(req.error()));
        auto res = transport_(*req);
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
        return parse_response<E>(*res, decode_options);
    }

    Config& config() noexcept { return config_; }
    Transport& get_transport() noexcept { return transport_; }

    json::decode_options decode_options{};

private:
    Config config_;
    Transport transport_;
};

} // namespace cloudimg

#endif
