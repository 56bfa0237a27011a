// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_PRISM_TEST_HPP
#define CLOUDIMG_TESTS_SUPPORT_PRISM_TEST_HPP

// GoogleTest glue for the Prism integration tests: one prism_fleet per test
// program, started by a global environment before the first test and stopped
// after the last, and the fixtures that hand its servers to the tests.
// prism_process.hpp stays free of GoogleTest, because the demo uses it too.
//
//     auto const seeds = test_support::add_prism_environment(CLOUDIMG_PRISM_EXECUTABLE, CLOUDIMG_OXIDE_SPEC, {1, 2, 3});
//     class oxide_dynamic : public test_support::prism_dynamic_test {};
//     INSTANTIATE_TEST_SUITE_P(seeds, oxide_dynamic, ::testing::ValuesIn(seeds), test_support::seed_name);

#include <prism_process.hpp>
#include <test_client.hpp>
#include <test_transport.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/curl.hpp>
#include <cloudimg/endpoint.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/response.hpp>

#include <boost/mp11/algorithm.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

// The build defines it for every test: Prism's path, or empty when it was not
// found. A compile without it gets the same "not found".
#ifndef CLOUDIMG_PRISM_EXECUTABLE
#define CLOUDIMG_PRISM_EXECUTABLE ""
#endif

namespace cloudimg::test_support {

/** The Prism servers of this test program, which `prism_environment` starts and stops.

    @code
    auto url = prism_servers().static_mode->base_url();
    @endcode
*/
inline prism_fleet& prism_servers()
{
    static prism_fleet fleet;
    return fleet;
}

/** Whether this run must not skip tests for want of a server: CI=true in the environment.

    @code
    if (integration_required()) GTEST_FAIL() << "no server";
    @endcode
*/
inline bool integration_required()
{
    char const* ci = std::getenv("CI");
    return ci != nullptr && std::string_view(ci) == "true";
}

/** Starts `prism_servers()` for one spec (a static server and one dynamic server
    per seed) before any test, and stops them after the last.

    Without a usable Prism executable every test is skipped with the marker
    ctest's SKIP_REGULAR_EXPRESSION looks for, unless `integration_required()`,
    where it is a failure: CI must not pass by running nothing.

    @code
    ::testing::AddGlobalTestEnvironment(new prism_environment(CLOUDIMG_PRISM_EXECUTABLE, CLOUDIMG_METAL_SPEC, {1, 2, 3}));
    @endcode
*/
class prism_environment : public ::testing::Environment {
public:
    prism_environment(std::string executable, std::string spec, std::vector<unsigned> seeds)
        : executable_(std::move(executable)), spec_(std::move(spec)), seeds_(std::move(seeds))
    {
    }

    void SetUp() override
    {
        if (auto const why = prism_unavailable(executable_); !why.empty()) {
            if (integration_required())
                GTEST_FAIL() << why << ". CI=true: the integration tests must run.";
            // ctest reports the run as skipped on this exact text (SKIP_REGULAR_EXPRESSION)
            GTEST_SKIP() << "cloudimg-integration-skipped: " << why;
        }
        stop_prism_on_signals();
        if (auto const errors = prism_servers().start(executable_, spec_, seeds_); !errors.empty())
            GTEST_FAIL() << "Prism did not start:\n" << errors;
    }

    void TearDown() override { prism_servers().stop(); }

private:
    std::string executable_;
    std::string spec_;
    std::vector<unsigned> seeds_;
};

/** Register a `prism_environment` with GoogleTest (which owns it); returns the
    seeds, for INSTANTIATE_TEST_SUITE_P. Meant for a namespace-scope variable,
    so that it runs before GoogleTest starts.

    @code
    auto const seeds = add_prism_environment(CLOUDIMG_PRISM_EXECUTABLE, CLOUDIMG_HETZNER_SPEC, {1, 2, 3});
    @endcode
*/
inline std::vector<unsigned> add_prism_environment(std::string executable, std::string spec, std::vector<unsigned> seeds)
{
    ::testing::AddGlobalTestEnvironment(new prism_environment(std::move(executable), std::move(spec), seeds));
    return seeds;
}

/// The client of the integration tests for a provider configuration: over the transport of this run.
template <class Config>
using prism_client = test_client<Config>;

/** A client with configuration `cfg` for the Prism server `p`: the base URL is
    the server's, and the transport has a total timeout, so that a hung mock
    fails the test instead of running into ctest's timeout.

    @code
    auto c = prism_client_for(*server, oxide::config{.token = "t"});
    @endcode
*/
template <class Config>
prism_client<Config> prism_client_for(prism_process const& p, Config cfg)
{
    cfg.base_url = p.base_url();
    cfg.user_agent = "cloudimg-integration-tests";
    return {std::move(cfg), test_transport({.timeout = std::chrono::seconds(20)})};
}

/** Fixture for tests against the static-mode server: `api` is a `Client` for it,
    made by the provider's `connect`.

    @code
    class oxide_static : public prism_static_test<oxide_client> {
        oxide_client connect(prism_process const& p) override { return client_for(p); }
    };
    @endcode
*/
template <class Client>
class prism_static_test : public ::testing::Test {
protected:
    /// The client every test of the fixture uses, for the server `p`.
    virtual Client connect(prism_process const& p) = 0;

    void SetUp() override
    {
        ASSERT_TRUE(prism_servers().static_mode) << "the static Prism server is not running";
        api.emplace(connect(*prism_servers().static_mode));
    }

    std::optional<Client> api;
};

/** Fixture for tests run once per dynamic-mode seed: `server` is that seed's Prism.

    @code
    class oxide_dynamic : public prism_dynamic_test {};
    INSTANTIATE_TEST_SUITE_P(seeds, oxide_dynamic, ::testing::ValuesIn(seeds), seed_name);
    @endcode
*/
class prism_dynamic_test : public ::testing::TestWithParam<unsigned> {
protected:
    void SetUp() override
    {
        auto it = prism_servers().dynamic_mode.find(GetParam());
        ASSERT_NE(it, prism_servers().dynamic_mode.end()) << "no Prism server for seed " << GetParam();
        server = &it->second;
    }

    prism_process* server = nullptr;
};

/** The name of a seed's instance of a `prism_dynamic_test`: "seed_3".

    @code
    INSTANTIATE_TEST_SUITE_P(seeds, metal_dynamic, ::testing::ValuesIn(seeds), seed_name);
    @endcode
*/
inline std::string seed_name(::testing::TestParamInfo<unsigned> const& info)
{
    return "seed_" + std::to_string(info.param);
}

/** Success, or the failure in full: Prism says in the body (and its
    sl-violations header) what it rejected.

    @code
    ASSERT_TRUE(succeeded(api->send(ep)));
    @endcode
*/
template <class R>
::testing::AssertionResult succeeded(R const& r)
{
    if (r)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << r.error().what() << "\nbody: " << r.error().raw_body;
}

/** What one call of endpoint E looked like on the wire: the response as it
    came, and as `parse_response<E>` reads it.
*/
template <class E>
struct exchange {
    response raw;
    result<response_type_t<E>, failure_type_t<E>> decoded;
};

/** `ep` prepared with the configuration of client `c`, by the provider's
    `prepare` (found by argument-dependent lookup, as `client::send` finds it),
    for a test to alter before sending. A failure is a test failure, and the
    request is then empty.

    @code
    auto req = prepared(*api, sample<metal::create_image>());
    req.headers.set("Prefer", "code=409");
    @endcode
*/
template <class Client, class E>
request prepared(Client& c, E const& ep)
{
    auto req = prepare(c.config(), ep);
    EXPECT_TRUE(succeeded(req));
    return req ? std::move(*req) : request{};
}

/** Send `req`, built for endpoint E and perhaps altered since, through the
    transport of client `c`: the response, raw and parsed as E's. A transport
    failure is a test failure, and the raw response is then empty.

    @code
    auto s = send_request<metal::create_image>(*api, std::move(req));
    EXPECT_EQ(s.raw.status, 409);
    @endcode
*/
template <class E, class Client>
exchange<E> send_request(Client& c, request req)
{
    auto res = c.get_transport()(req);
    EXPECT_TRUE(succeeded(res));
    response raw = res ? std::move(*res) : response{};
    auto decoded = parse_response<E>(raw);
    return {std::move(raw), std::move(decoded)};
}

/** `send_request` of `ep` as prepared, unaltered: for what `client::send` does
    not show, the status and the headers.

    @code
    auto s = send_prepared(*api, hetzner::delete_image{.id = 4711});
    EXPECT_EQ(s.raw.status, 204);
    @endcode
*/
template <class Client, class E>
exchange<E> send_prepared(Client& c, E const& ep)
{
    return send_request<E>(c, prepared(c, ep));
}

/** Send `req` through the transport of client `c`, pushing the body into an
    incremental `json::decoder` for `out` chunk by chunk as it arrives, the way
    to read a body too large to hold. Success: status 200 on every chunk, at
    least one chunk, a complete document, and no copy of the body kept in the response.

    @code
    std::vector<metal::image> images;
    ASSERT_TRUE(streams_into(*api, prepared(*api, metal::list_images{}), images));
    @endcode
*/
template <class Client, class T>
::testing::AssertionResult streams_into(Client& c, request req, T& out)
{
    json::decoder d(out);
    std::size_t chunks = 0;
    int other_status = 0;
    auto res = c.get_transport()(req, [&](response const& head, std::string_view chunk) -> result<void> {
        if (head.status != 200)
            other_status = head.status;
        chunks += chunk.empty() ? 0 : 1;  // the head comes first with an empty chunk
        return d.write(chunk);
    });
    if (auto const sent = succeeded(res); !sent)
        return sent;
    if (other_status != 0)
        return ::testing::AssertionFailure() << "status " << other_status << ", not 200";
    if (auto const finished = succeeded(d.finish()); !finished)
        return finished;
    if (chunks == 0)
        return ::testing::AssertionFailure() << "the body arrived in no chunk";
    if (!res->body.empty())
        return ::testing::AssertionFailure() << "the transport kept the streamed body too";
    return ::testing::AssertionSuccess();
}

/** Whether `body` encodes to JSON that decodes to a value which encodes the
    same again: nothing a server sent was lost or changed on the way through the
    structs. `no_content` has no JSON and passes.

    @code
    EXPECT_TRUE(survives_a_round_trip(*page));
    @endcode
*/
template <class Body>
::testing::AssertionResult survives_a_round_trip(Body const& body)
{
    if constexpr (std::is_same_v<Body, no_content>) {
        return ::testing::AssertionSuccess();
    } else {
        auto const once = json::encode(body);
        auto again = json::decode<Body>(once);
        if (!again)
            return ::testing::AssertionFailure() << "the encoded body does not decode: " << again.error().what()
                                                 << '\n' << once;
        if (auto const twice = json::encode(*again); twice != once)
            return ::testing::AssertionFailure() << "encoded once:  " << once << "\nencoded again: " << twice;
        return ::testing::AssertionSuccess();
    }
}

/** Sends, through `c`, the endpoint value `make(std::type_identity<E>{})` for
    every endpoint E of the mp_list `Endpoints`, `rounds` times (a dynamic-mode
    server generates a new answer each time): every answer must decode and
    survive a round trip. Returns how many did.

    @code
    EXPECT_EQ(send_every_endpoint<oxide::endpoints>(c, [](auto id) { return sample(id); }), 6u);
    @endcode
*/
template <class Endpoints, class Client, class Make>
std::size_t send_every_endpoint(Client& c, Make const& make, int rounds = 1)
{
    std::size_t passed = 0;
    for (int round = 0; round < rounds; ++round) {
        boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, Endpoints>>([&](auto id) {
            using E = typename decltype(id)::type;
            SCOPED_TRACE(std::string(name_of<E>()) + " round " + std::to_string(round));
            auto r = c.send(make(id));
            EXPECT_TRUE(succeeded(r));
            if (!r)
                return;
            auto const kept = survives_a_round_trip(*r);
            EXPECT_TRUE(kept);
            passed += static_cast<bool>(kept);
        });
    }
    return passed;
}

} // namespace cloudimg::test_support

#endif
