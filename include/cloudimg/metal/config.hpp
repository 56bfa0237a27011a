// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_METAL_CONFIG_HPP
#define CLOUDIMG_METAL_CONFIG_HPP

#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/metal/provider.hpp>
#include <cloudimg/prepare.hpp>
#include <cloudimg/version.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <variant>

namespace cloudimg::metal {

/// metal-api's "jwt" scheme: `Authorization: Bearer <token>`, an OIDC token from the identity provider.
struct bearer_token {
    std::string token;
};

/** Authentication that signs the finished request: it adds its headers, or fails.

    `metal::hmac_signer` (cloudimg/metal/hmac.hpp, needs OpenSSL) is one; a
    signer held here keeps this header, and everything but HMAC, free of OpenSSL.
*/
using request_signer = std::function<result<void>(request&)>;

/// No authentication, a bearer token, or a request signer such as `hmac_signer`.
using authentication = std::variant<std::monostate, bearer_token, request_signer>;

/** Where and as whom to call metal-api.

    There is no default host: every metal-stack installation runs its own
    metal-api. Its spec's basePath is "/", so the base URL is the server
    alone, or the server plus the prefix a proxy serves it under
    ("https://api.example.com/metal").
*/
struct config {
    std::string base_url{};                        ///< "https://metal.example.com"
    authentication auth{};
    std::string user_agent = cloudimg::user_agent;  ///< "cloudimg/<version>"; append your app's name
};

/// `metal::prepare(cfg, endpoint)`: the complete request (see `cloudimg::prepare`).
using cloudimg::prepare;

} // namespace cloudimg::metal

/** metal-api's steps in `cloudimg::prepare`: the `Accept` and `User-Agent`
    headers (`Content-Type` comes with a body), then the authentication
    headers last, so a signer sees the final request.

    A bearer token with no text and an empty signer are refused
    (`error::invalid_argument`) rather than sending an unauthenticated request
    by mistake; a signer's own failure is returned as it is.

    @code
    metal::config cfg{.base_url = "https://metal.example.com", .auth = metal::bearer_token{token}};
    auto req = metal::prepare(cfg, metal::find_latest_image{.id = "ubuntu-20.04"});
    // req->url() == "https://metal.example.com/v1/image/ubuntu-20.04/latest"
    @endcode
*/
template <>
struct cloudimg::request_hooks<cloudimg::metal::config> {
    using provider = metal::provider;

    static std::string_view base_url(metal::config const& cfg) noexcept { return cfg.base_url; }

    static void add_headers(metal::config const& cfg, request& req)
    {
        req.headers.reserve(req.headers.size() + 5);
        req.headers.set("Accept", "application/json");
        req.headers.set("User-Agent", cfg.user_agent);
    }

    static result<void> sign(metal::config const& cfg, request& req)
    {
        if (auto const* bearer = std::get_if<metal::bearer_token>(&cfg.auth)) {
            if (bearer->token.empty())
                return make_failure(error::invalid_argument, "the bearer token is empty");
            req.headers.set("Authorization", "Bearer " + bearer->token);
        } else if (auto const* signer = std::get_if<metal::request_signer>(&cfg.auth)) {
            if (!*signer)
                return make_failure(error::invalid_argument, "the request signer is empty");
            // A signer may read the request's headers: none with a control
            // character is ever signed (prepare checks again after signing).
            if (auto ok = check_headers(req.headers); !ok)
                return ok;
            return (*signer)(req);
        }
        return {};
    }
};

#endif
