// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_TEST_CLIENT_HPP
#define CLOUDIMG_TESTS_SUPPORT_TEST_CLIENT_HPP

// The client of the suites against real servers: `send(ep)` as
// `cloudimg::client` has it, carried by the transport of this run
// (test_transport.hpp). In an "asio" or "asio_coro" run every call is
// `cloudimg::asio::async_send` (with a callback, or awaited in a coroutine),
// so each endpoint a suite sends goes through the Asio operation, its typed
// completion included; otherwise through `cloudimg::client`.

#include <test_transport.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/endpoint.hpp>
#include <cloudimg/json/decode_options.hpp>

#ifdef CLOUDIMG_TEST_HAVE_ASIO
#include <cloudimg/asio/async_send.hpp>
#endif

#include <type_traits>
#include <utility>

namespace cloudimg::test_support {

/** A blocking client with `client`'s interface over the transport of this run.

    @code
    test_client<hetzner::config> api{hetzner::config{.token = "t"}, test_transport({.timeout = 20s})};
    auto image = api.send(hetzner::get_image{.id = 42});
    @endcode
*/
template <class Config>
class test_client {
public:
    test_client(Config config, test_transport transport) : inner_(std::move(config), std::move(transport)) {}

    template <class Endpoint, endpoint E = std::remove_cvref_t<Endpoint>>
    result<response_type_t<E>, failure_type_t<E>> send(Endpoint&& ep)
    {
#ifdef CLOUDIMG_TEST_HAVE_ASIO
        if (auto* a = inner_.get_transport().asio())
            return through_asio<E>(*a, [&](auto& api, auto token) {
                return cloudimg::asio::async_send(api, std::forward<Endpoint>(ep), token);
            });
#endif
        inner_.decode_options = decode_options;
        return inner_.send(std::forward<Endpoint>(ep));
    }

    template <class Endpoint, endpoint E = std::remove_cvref_t<Endpoint>>
        requires streamed_response<E>
    result<response_type_t<E>, failure_type_t<E>> send(Endpoint&& ep, body_sink const& sink)
    {
#ifdef CLOUDIMG_TEST_HAVE_ASIO
        if (auto* a = inner_.get_transport().asio())
            return through_asio<E>(*a, [&](auto& api, auto token) {
                return cloudimg::asio::async_send(api, std::forward<Endpoint>(ep), sink, token);
            });
#endif
        inner_.decode_options = decode_options;
        return inner_.send(std::forward<Endpoint>(ep), sink);
    }

    Config& config() noexcept { return inner_.config(); }
    Config const& config() const noexcept { return inner_.config(); }
    test_transport& get_transport() noexcept { return inner_.get_transport(); }

    json::decode_options decode_options{};

private:
#ifdef CLOUDIMG_TEST_HAVE_ASIO
    template <endpoint E, class Start>
    result<response_type_t<E>, failure_type_t<E>> through_asio(asio_blocking_transport& a, Start start)
    {
        async_client<Config, cloudimg::asio::transport&> api{inner_.config(), a.transport()};
        api.decode_options = decode_options;
        return a.run<result<response_type_t<E>, failure_type_t<E>>>([&](auto token) { return start(api, token); });
    }
#endif

    client<Config, test_transport> inner_;
};

} // namespace cloudimg::test_support

#endif
