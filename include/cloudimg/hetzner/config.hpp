// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_CONFIG_HPP
#define CLOUDIMG_HETZNER_CONFIG_HPP

#include <cloudimg/endpoint.hpp>
#include <cloudimg/hetzner/provider.hpp>
#include <cloudimg/prepare.hpp>
#include <cloudimg/version.hpp>

#include <string>
#include <string_view>

namespace cloudimg::hetzner {

/// Where and as whom to call the Hetzner Cloud API.
struct config {
    std::string token{};                                  ///< API token: `Authorization: Bearer <token>`
    std::string base_url = "https://api.hetzner.cloud/v1";
    std::string user_agent = cloudimg::user_agent;        ///< "cloudimg/<version>"; append your app's name
};

/// `hetzner::prepare(cfg, endpoint)`: the complete request (see `cloudimg::prepare`).
using cloudimg::prepare;

} // namespace cloudimg::hetzner

/** Hetzner's steps in `cloudimg::prepare`: the `Authorization`, `Accept` and
    `User-Agent` headers (`Content-Type` comes with a body).

    @code
    auto req = hetzner::prepare(cfg, hetzner::get_image{.id = 42});
    // req->method == GET, req->url() == "https://api.hetzner.cloud/v1/images/42"
    @endcode
*/
template <>
struct cloudimg::request_hooks<cloudimg::hetzner::config> {
    using provider = hetzner::provider;

    static std::string_view base_url(hetzner::config const& cfg) noexcept { return cfg.base_url; }

    static void add_headers(hetzner::config const& cfg, request& req)
    {
        req.headers.reserve(req.headers.size() + 3);
        if (!cfg.token.empty())
            req.headers.set("Authorization", "Bearer " + cfg.token);
        req.headers.set("Accept", "application/json");
        req.headers.set("User-Agent", cfg.user_agent);
    }
};

#endif
