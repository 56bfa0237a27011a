// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSTACK_CONFIG_HPP
#define CLOUDIMG_OPENSTACK_CONFIG_HPP

#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/openstack/microversion.hpp>
#include <cloudimg/openstack/provider.hpp>
#include <cloudimg/prepare.hpp>
#include <cloudimg/version.hpp>

#include <string>
#include <string_view>

namespace cloudimg::openstack {

/** Where and as whom to call Nova.

    `compute_url` is the compute endpoint exactly as the Keystone catalog
    lists it (`keystone::find_endpoint` returns it), which already holds the
    API version and, in older deployments, the project id:
    "https://compute.example.com/v2.1" or "https://nova.example.com:8774/v2.1/<project_id>".
    The endpoints' paths ("/images/...") hang below it. There is no default host.
*/
struct config {
    std::string compute_url{};                       ///< the catalog's compute endpoint, with /v2.1
    std::string token{};                             ///< a Keystone token: `X-Auth-Token`; empty: none sent
    std::string microversion{};                      ///< "2.35"; empty: no version headers, the server uses 2.1
    std::string user_agent = cloudimg::user_agent;   ///< "cloudimg/<version>"; append your app's name
};

/// `openstack::prepare(cfg, endpoint)`: the complete request (see `cloudimg::prepare`).
using cloudimg::prepare;

} // namespace cloudimg::openstack

/** Nova's steps in `cloudimg::prepare`: the `X-Auth-Token`, `Accept`,
    microversion (`X-OpenStack-Nova-API-Version: X.Y` and
    `OpenStack-API-Version: compute X.Y`, when configured) and `User-Agent`
    headers (`Content-Type` comes with a body).

    Before anything is built: the compute URL must be set, and a configured
    microversion that is malformed, `latest`, below 2.1, or above the
    endpoint's `max_microversion` (2.35 for the images calls, 2.38 for the
    metadata calls, where Nova would answer 404) is refused with
    `error::invalid_argument`. Then the endpoint's own rules (`validate()`).

    @code
    openstack::config cfg{.compute_url = "https://compute.example.com/v2.1", .token = token, .microversion = "2.35"};
    auto req = openstack::prepare(cfg, openstack::show_image{.image_id = id});
    // req->url() == "https://compute.example.com/v2.1/images/<id>"
    @endcode
*/
template <>
struct cloudimg::request_hooks<cloudimg::openstack::config> {
    using provider = openstack::provider;

    template <class E>
    static result<void> validate(openstack::config const& cfg, E const&)
    {
        if (cfg.compute_url.empty())
            return make_failure(error::invalid_base_url,
                                "openstack::config::compute_url is empty: set it to the compute endpoint of the Keystone "
                                "catalog (keystone::find_endpoint), e.g. https://compute.example.com/v2.1");
        if (cfg.microversion.empty())
            return {};
        auto v = openstack::check_microversion(cfg.microversion, E::max_microversion,
                                               std::string(to_string(E::method)) + ' ' + std::string(E::path));
        if (!v)
            return v.error();
        return {};
    }

    static std::string_view base_url(openstack::config const& cfg) noexcept { return cfg.compute_url; }

    static void add_headers(openstack::config const& cfg, request& req)
    {
        req.headers.reserve(req.headers.size() + 5);
        if (!cfg.token.empty())
            req.headers.set("X-Auth-Token", cfg.token);
        req.headers.set("Accept", "application/json");
        // Both forms: Nova reads the newer one when it knows it (2.27 on), older Novas only the first.
        // `validate` accepted it, and X.Y without leading zeros is already its canonical text.
        if (!cfg.microversion.empty()) {
            req.headers.set("X-OpenStack-Nova-API-Version", cfg.microversion);
            req.headers.set("OpenStack-API-Version", "compute " + cfg.microversion);
        }
        req.headers.set("User-Agent", cfg.user_agent);
    }
};

#endif
