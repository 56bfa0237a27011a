// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_PREPARE_HPP
#define CLOUDIMG_PREPARE_HPP

// From an endpoint value and a provider configuration to the complete
// request: one fixed algorithm, with the provider's steps as hooks.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/request.hpp>

#include <string_view>
#include <type_traits>
#include <utility>

namespace cloudimg {

/** What a provider adds when a request is prepared from its configuration:
    specialized for each provider's `config` (`hetzner::config`, ...), the
    way `std::hash` is for a type. The primary template is never defined.

    A specialization has:
    - `using provider = ...;` the provider whose endpoints it prepares;
    - `static std::string_view base_url(Config const&)`: the URL the targets hang below;
    - `static void add_headers(Config const&, request&)`: authentication,
      Accept, versions, User-Agent, in the order they are sent;

    and may have:
    - `template <class E> static result<void> validate(Config const&, E const&)`:
      rules that need the configuration (a missing base URL, a microversion
      above the endpoint's ceiling), checked before anything is built;
    - `template <class Endpoint> static std::optional<E> with_defaults(Config const&, Endpoint&&)`:
      the endpoint with configured defaults filled in (LXD's project), or
      none when nothing changes; it moves from the endpoint only when it
      returns one;
    - `static result<void> sign(Config const&, request&)`: runs last, after
      every other header is set, so a signature sees the final request.

    @see prepare
*/
template <class Config>
struct request_hooks;

/// A provider configuration: a type `request_hooks` is specialized for.
template <class Config>
concept configuration = requires(Config const& cfg, request& req) {
    typename request_hooks<Config>::provider;
    { request_hooks<Config>::base_url(cfg) } -> std::convertible_to<std::string_view>;
    request_hooks<Config>::add_headers(cfg, req);
};

namespace detail {

/** `prepare` for endpoint `E` as two non-inline functions, whatever the
    caller's value category: from `E&&`, and from `E const&` for an endpoint
    without a streamed body. A separately compiled build declares them once
    per endpoint and defines them in one translation unit
    (cloudimg/compiled.hpp); they are classes so that one explicit
    instantiation covers an endpoint whichever of the two it has.
*/
template <class Config, class E>
struct prepare_from_rvalue {
    static result<request> run(Config const& cfg, E&& ep);
};

template <class Config, class E, bool = has_stream_body<E>>
struct prepare_from_lvalue {
    static result<request> run(Config const& cfg, E const& ep);
};

/// A streamed body moves into the request: no copy to prepare from.
template <class Config, class E>
struct prepare_from_lvalue<Config, E, true> {};

} // namespace detail

/** The complete request for an endpoint, with the provider's configuration.

    The steps, always in this order: the hooks' `validate`; the endpoint's own
    `validate()`, its target, parameter headers and body (`build_request`, with
    the hooks' `with_defaults` applied first); the hooks' headers; the hooks'
    `sign`; and last `check_headers` over everything, so a header value from
    any source that could split the request is refused and nothing is sent.
    Every provider's `prepare` is this function (`hetzner::prepare` names it).
    Upload endpoints (streamed bodies) are passed as rvalues.

    @code
    auto req = cloudimg::prepare(hetzner::config{.token = token}, hetzner::get_image{.id = 42});
    // req->method == GET, req->url() == "https://api.hetzner.cloud/v1/images/42",
    // Authorization, Accept and User-Agent set
    @endcode
    @see request_hooks, build_request, client
*/
template <configuration Config, class Endpoint, endpoint E = std::remove_cvref_t<Endpoint>>
    requires std::is_same_v<typename E::provider, typename request_hooks<Config>::provider>
result<request> prepare(Config const& cfg, Endpoint&& ep)
{
    if constexpr (std::is_lvalue_reference_v<Endpoint> || std::is_const_v<std::remove_reference_t<Endpoint>>) {
        static_assert(!has_stream_body<E>, "this endpoint streams its body: pass it as an rvalue (std::move)");
        return detail::prepare_from_lvalue<Config, E>::run(cfg, ep);
    } else {
        return detail::prepare_from_rvalue<Config, E>::run(cfg, std::move(ep));
    }
}

namespace detail {

/// The steps of `prepare`, for `Endpoint` = `E const&` or `E`.
template <class Config, class Endpoint>
result<request> prepare_steps(Config const& cfg, Endpoint&& ep)
{
    using hooks = request_hooks<Config>;
    if constexpr (requires { { hooks::validate(cfg, ep) } -> std::same_as<result<void>>; }) {
        if (auto ok = hooks::validate(cfg, ep); !ok)
            return ok.error();
    }
    auto req = [&]() -> result<request> {
        if constexpr (requires { hooks::with_defaults(cfg, std::forward<Endpoint>(ep)); }) {
            // `ep` is moved from only when a new endpoint comes back, so the fallback below still has it
            if (auto adjusted = hooks::with_defaults(cfg, std::forward<Endpoint>(ep)))
                return build_request(std::move(*adjusted), hooks::base_url(cfg));
        }
        return build_request(std::forward<Endpoint>(ep), hooks::base_url(cfg));
    }();
    if (!req)
        return req;
    hooks::add_headers(cfg, *req);
    if constexpr (requires { { hooks::sign(cfg, *req) } -> std::same_as<result<void>>; }) {
        if (auto ok = hooks::sign(cfg, *req); !ok)
            return ok.error();
    }
    if (auto ok = check_headers(req->headers); !ok)
        return ok.error();
    return req;
}

template <class Config, class E>
result<request> prepare_from_rvalue<Config, E>::run(Config const& cfg, E&& ep)
{
    return detail::prepare_steps(cfg, std::move(ep));
}

template <class Config, class E, bool StreamBody>
result<request> prepare_from_lvalue<Config, E, StreamBody>::run(Config const& cfg, E const& ep)
{
    return detail::prepare_steps(cfg, ep);
}

} // namespace detail

} // namespace cloudimg

#endif
