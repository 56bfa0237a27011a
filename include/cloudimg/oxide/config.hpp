// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OXIDE_CONFIG_HPP
#define CLOUDIMG_OXIDE_CONFIG_HPP

#include <cloudimg/endpoint.hpp>
#include <cloudimg/oxide/provider.hpp>
#include <cloudimg/prepare.hpp>
#include <cloudimg/version.hpp>

#include <string>
#include <string_view>

namespace cloudimg::oxide {

/// The API version cloudimg's Oxide models follow: `info.version` of the vendored spec.
inline constexpr char const api_version[] = "2026081901.0.0";

/** Where and as whom to call an Oxide rack.

    There is no default host: every silo has its own URL
    (`https://<silo>.sys.<rack domain>`), which is the base URL; the paths
    (`/v1/images`) hang directly below it.
*/
struct config {
    std::string base_url{};                           ///< the silo's URL, e.g. "https://oxide.sys.example.com"
    std::string token{};                              ///< device token: `Authorization: Bearer <token>`
    std::string api_version = oxide::api_version;     ///< `api-version` header; empty: none, the server uses its latest
    std::string user_agent = cloudimg::user_agent;    ///< "cloudimg/<version>"; append your app's name
};

/// `oxide::prepare(cfg, endpoint)`: the complete request (see `cloudimg::prepare`).
using cloudimg::prepare;

} // namespace cloudimg::oxide

/** Oxide's steps in `cloudimg::prepare`: a base URL is required (there is no
    default host); the `Authorization`, `Accept`, `api-version` and
    `User-Agent` headers (`Content-Type` comes with a body). The endpoint's
    own rules (`validate()`) run before the request is built.

    @code
    oxide::config cfg{.base_url = "https://oxide.sys.example.com", .token = token};
    auto req = oxide::prepare(cfg, oxide::view_image{.image = "debian-12", .project = "infra"});
    // req->url() == "https://oxide.sys.example.com/v1/images/debian-12?project=infra"
    @endcode
*/
template <>
struct cloudimg::request_hooks<cloudimg::oxide::config> {
    using provider = oxide::provider;

    template <class E>
    static result<void> validate(oxide::config const& cfg, E const&)
    {
        if (cfg.base_url.empty())
            return make_failure(error::invalid_base_url, "oxide::config::base_url is empty: set it to the silo's URL, "
                                                         "e.g. https://oxide.sys.example.com");
        return {};
    }

    static std::string_view base_url(oxide::config const& cfg) noexcept { return cfg.base_url; }

    static void add_headers(oxide::config const& cfg, request& req)
    {
        req.headers.reserve(req.headers.size() + 4);
        if (!cfg.token.empty())
            req.headers.set("Authorization", "Bearer " + cfg.token);
        req.headers.set("Accept", "application/json");
        // The version this client's models follow: the server answers in its shape.
        if (!cfg.api_version.empty())
            req.headers.set("api-version", cfg.api_version);
        req.headers.set("User-Agent", cfg.user_agent);
    }
};

#endif
