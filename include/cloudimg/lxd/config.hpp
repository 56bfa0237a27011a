// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_CONFIG_HPP
#define CLOUDIMG_LXD_CONFIG_HPP

#include <cloudimg/endpoint.hpp>
#include <cloudimg/lxd/provider.hpp>
#include <cloudimg/request.hpp>
#include <cloudimg/version.hpp>

#include <string>
#include <type_traits>
#include <utility>

namespace cloudimg::lxd {

/** Where to reach an LXD server and which project to work in.

    LXD has no tokens: over the unix socket whoever may open it is trusted,
    over HTTPS the client certificate decides. Both are the transport's
    business (`curl::options::unix_socket_path`, `client_certificate`), so
    the configuration is only the URL and defaults.
*/
struct config {
    /// "http://lxd" for the unix socket (any host works there), or "https://host:8443".
    std::string base_url = "http://lxd";
    /// Used by endpoints whose `project` is unset; empty: the server's "default".
    std::string project{};
    std::string user_agent = cloudimg::user_agent;
};

/** The complete request for an LXD endpoint: target (with the configured
    project unless the endpoint names one), body, User-Agent. Upload
    endpoints (streamed bodies) are passed as rvalues.

    @code
    lxd::config cfg{.project = "web"};
    auto req = lxd::prepare(cfg, lxd::get_image{.fingerprint = "a1b2"});
    // req->target == "/1.0/images/a1b2?project=web"
    @endcode
*/
template <class Endpoint, endpoint E = std::remove_cvref_t<Endpoint>>
    requires std::is_same_v<typename E::provider, provider>
result<request> prepare(config const& cfg, Endpoint&& ep)
{
    auto req = [&]() -> result<request> {
        if constexpr (requires(E& e) { e.project = cfg.project; }) {
            if (!ep.project && !cfg.project.empty()) {
                E with_project(std::forward<Endpoint>(ep));
                with_project.project = cfg.project;
                return build_request(std::move(with_project), cfg.base_url);
            }
        }
        return build_request(std::forward<Endpoint>(ep), cfg.base_url);
    }();
    if (!req)
        return req;
    req->headers.set("User-Agent", cfg.user_agent);
    if (auto ok = check_headers(req->headers); !ok)
        return ok.error();
    return req;
}

} // namespace cloudimg::lxd

#endif
