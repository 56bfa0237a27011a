// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_CONFIG_HPP
#define CLOUDIMG_LXD_CONFIG_HPP

#include <cloudimg/endpoint.hpp>
#include <cloudimg/lxd/extensions.hpp>
#include <cloudimg/lxd/provider.hpp>
#include <cloudimg/prepare.hpp>
#include <cloudimg/version.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

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
    /** The server's API extensions, as `get_server` lists them (`server_info::api_extensions`).
        Set, a request that needs one the server lacks is refused before it is built
        (see lxd/extensions.hpp); empty (the default), nothing is checked: the list is
        not known, and refusing everything that needs an extension would refuse what
        every current server has. */
    std::vector<std::string> api_extensions{};
};

/// `lxd::prepare(cfg, endpoint)`: the complete request (see `cloudimg::prepare`).
using cloudimg::prepare;

} // namespace cloudimg::lxd

/** LXD's steps in `cloudimg::prepare`: with `api_extensions` configured, a
    request that needs an API extension the server lacks is refused
    (`error::invalid_argument`, naming the extension; see `check_extensions`);
    the configured project for endpoints whose `project` is unset; the
    `User-Agent` header. LXD has no tokens (see `config`).

    @code
    lxd::config cfg{.project = "web"};
    auto req = lxd::prepare(cfg, lxd::get_image{.fingerprint = "a1b2"});
    // req->target == "/1.0/images/a1b2?project=web"
    @endcode
*/
template <>
struct cloudimg::request_hooks<cloudimg::lxd::config> {
    using provider = lxd::provider;

    template <class E>
    static result<void> validate(lxd::config const& cfg, E const& ep)
    {
        return lxd::check_extensions(ep, cfg.api_extensions);
    }

    template <class Endpoint, class E = std::remove_cvref_t<Endpoint>>
    static std::optional<E> with_defaults(lxd::config const& cfg, Endpoint&& ep)
    {
        if constexpr (requires(E& e) { e.project = cfg.project; }) {
            if (!ep.project && !cfg.project.empty()) {
                std::optional<E> out(std::in_place, std::forward<Endpoint>(ep));
                out->project = cfg.project;
                return out;
            }
        }
        return std::nullopt;
    }

    static std::string_view base_url(lxd::config const& cfg) noexcept { return cfg.base_url; }

    static void add_headers(lxd::config const& cfg, request& req) { req.headers.set("User-Agent", cfg.user_agent); }
};

#endif
