// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_CONFIG_HPP
#define CLOUDIMG_HETZNER_CONFIG_HPP

#include <cloudimg/endpoint.hpp>
#include <cloudimg/hetzner/provider.hpp>
#include <cloudimg/request.hpp>
#include <cloudimg/version.hpp>

#include <string>
#include <type_traits>

namespace cloudimg::hetzner {

/// Where and as whom to call the Hetzner Cloud API.
struct config {
    std::string token{};                                  ///< API token: `Authorization: Bearer <token>`
    std::string base_url = "https://api.hetzner.cloud/v1";
    std::string user_agent = cloudimg::user_agent;        ///< "cloudimg/<version>"; append your app's name
};

/** The complete request for a Hetzner endpoint: target, body, and the
    `Authorization`, `Accept`, `User-Agent` (and `Content-Type` with a body) headers.

    @code
    auto req = hetzner::prepare(cfg, hetzner::get_image{.id = 42});
    // req->method == GET, req->url() == "https://api.hetzner.cloud/v1/images/42"
    @endcode
*/
template <endpoint E>
    requires std::is_same_v<typename E::provider, provider>
result<request> prepare(config const& cfg, E const& ep)
{
    auto req = build_request(ep, cfg.base_url);
    if (!req)
        return req;
    req->headers.reserve(req->headers.size() + 3);
    if (!cfg.token.empty())
        req->headers.set("Authorization", "Bearer " + cfg.token);
    req->headers.set("Accept", "application/json");
    req->headers.set("User-Agent", cfg.user_agent);
    if (auto ok = check_headers(req->headers); !ok)
        return ok.error();
    return req;
}

} // namespace cloudimg::hetzner

#endif
