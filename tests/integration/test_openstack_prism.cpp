// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test is included first: it must be self-contained.
#include <cloudimg/openstack.hpp>

#include <prism_process.hpp>
#include <test_client.hpp>
#include <test_transport.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/curl.hpp>
#include <cloudimg/request.hpp>
#include <cloudimg/response.hpp>

#include <boost/mp11/algorithm.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

// Every Nova image endpoint against Stoplight Prism serving the OpenAPI
// description of the compute API (openstack/codegenerator, cut to /v2.1/images*),
// over real HTTP (libcurl). Prism runs with --errors: a request the spec
// rejects (a path, a body, a missing X-Auth-Token) is answered with 400, 401
// or 422 instead of the success status, so every call below that gets its
// success status also proves the request was valid.
//
// That description's response schemas are empty objects (Prism answers `{}`),
// and it declares 201 for POST metadata where Nova answers 200: decoding is
// proven on the official samples and hostile bodies (tests/openstack), not here.

#ifndef CLOUDIMG_PRISM_EXECUTABLE
#define CLOUDIMG_PRISM_EXECUTABLE ""
#endif
#ifndef CLOUDIMG_OPENSTACK_SPEC
#define CLOUDIMG_OPENSTACK_SPEC CLOUDIMG_TEST_DATA_DIR "/specs/openstack/nova-compute.images.spec.json"
#endif

namespace {

using namespace cloudimg;
using test_support::prism_process;

test_support::prism_fleet& servers()
{
    static test_support::prism_fleet s;
    return s;
}

/// Starts the static server before any test and stops it after the last one (dynamic mode has nothing to generate).
class prism_environment : public ::testing::Environment {
public:
    void SetUp() override
    {
        std::string const exe = CLOUDIMG_PRISM_EXECUTABLE;
        if (exe.empty() || ::access(exe.c_str(), X_OK) != 0) {
            char const* ci = std::getenv("CI");
            std::string const why = "Stoplight Prism not found (CLOUDIMG_PRISM_EXECUTABLE=\"" + exe +
                                    "\"); configure with -DCLOUDIMG_PRISM_EXECUTABLE=<node_modules/.bin/prism>";
            if (ci != nullptr && std::string_view(ci) == "true")
                GTEST_FAIL() << why << ". CI=true: the integration tests must run.";
            // ctest reports the run as skipped on this exact text (SKIP_REGULAR_EXPRESSION)
            GTEST_SKIP() << "cloudimg-integration-skipped: " << why;
        }
        test_support::stop_prism_on_signals();
        if (auto errors = servers().start(exe, CLOUDIMG_OPENSTACK_SPEC, {}); !errors.empty())
            GTEST_FAIL() << "Prism did not start:\n" << errors;
    }

    void TearDown() override { servers().stop(); }
};

[[maybe_unused]] auto* const environment = ::testing::AddGlobalTestEnvironment(new prism_environment);

constexpr char const token[] = "gAAAAABprism-token-0123456789abcdef";
constexpr char const image_id[] = "70a599e0-31e7-49b7-b260-868f441e862b";

using openstack_client = test_support::test_client<openstack::config>;

template <class R>
::testing::AssertionResult succeeded(R const& r)
{
    if (r)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << r.error().what() << "\nbody: " << r.error().raw_body;
}

// ------------------------------------------------------------ realistic calls
//
// One value per endpoint, with every parameter it has, valid per Nova's rules.

openstack::list_images sample(std::type_identity<openstack::list_images>)
{
    return {.changes_since = parse_timestamp("2026-08-01T00:00:00Z"),
            .server = "3f0c5a3e-9d1b-4c2a-8e7f-6a5b4c3d2e1f",
            .name = "debian 12",
            .status = "ACTIVE",
            .min_disk = 10,
            .min_ram = 512,
            .type = openstack::image_type::snapshot,
            .limit = 50,
            .marker = "155d900f-4e14-4e4c-a73d-069cbf4541e6"};
}
openstack::list_images_detail sample(std::type_identity<openstack::list_images_detail>)
{
    return {.status = "SAVING", .type = openstack::image_type::backup, .limit = 2};
}
openstack::show_image sample(std::type_identity<openstack::show_image>) { return {.image_id = image_id}; }
openstack::delete_image sample(std::type_identity<openstack::delete_image>) { return {.image_id = image_id}; }
openstack::list_image_metadata sample(std::type_identity<openstack::list_image_metadata>) { return {.image_id = image_id}; }
openstack::create_image_metadata sample(std::type_identity<openstack::create_image_metadata>)
{
    return {.image_id = image_id,
            .body = {.metadata = {{"Label", "UpdatedImage"}, {"os:description", "Debian 12 \xe2\x80\x94 \"bookworm\""},
                                  {std::string(255, 'k'), std::string(255, 'v')}}}};
}
openstack::replace_image_metadata sample(std::type_identity<openstack::replace_image_metadata>)
{
    return {.image_id = image_id, .body = {.metadata = {{"auto_disk_config", "True"}, {"Label", "Changed"}}}};
}
openstack::show_image_metadata_item sample(std::type_identity<openstack::show_image_metadata_item>)
{
    return {.image_id = image_id, .key = "os:distro name"};
}
openstack::set_image_metadata_item sample(std::type_identity<openstack::set_image_metadata_item>)
{
    return {.image_id = image_id, .key = "os:distro name", .body = {.meta = {{"os:distro name", "debian"}}}};
}
openstack::delete_image_metadata_item sample(std::type_identity<openstack::delete_image_metadata_item>)
{
    return {.image_id = image_id, .key = "kernel_id"};
}

template <class E>
E sample()
{
    return sample(std::type_identity<E>{});
}

static_assert(boost::mp11::mp_size<openstack::endpoints>::value == 10, "a new endpoint needs a sample() here");

// The success status the mock answers with: the documented one, but 201 for POST metadata (the description's fault).
template <class E>
int mock_status()
{
    if constexpr (std::is_same_v<E, openstack::create_image_metadata>)
        return 201;
    else
        return boost::mp11::mp_front<typename E::responses>::status;
}

class openstack_prism : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(servers().static_mode) << "the Prism server is not running";
        cfg = openstack::config{.compute_url = servers().static_mode->base_url() + "/v2.1",
                                .token = token,
                                .microversion = "2.35",
                                .user_agent = "cloudimg-integration-tests"};
    }

    // Send what prepare() builds for `ep`, with `change` applied to the request first.
    template <class E, class Change>
    response send(E const& ep, Change&& change)
    {
        auto req = openstack::prepare(cfg, ep);
        EXPECT_TRUE(succeeded(req));
        if (!req)
            return {};
        change(*req);
        auto res = transport(*req);
        EXPECT_TRUE(succeeded(res));
        return res ? *res : response{};
    }
    template <class E>
    response send(E const& ep)
    {
        return send(ep, [](request&) {});
    }

    openstack::config cfg;
    test_support::test_transport transport{{.timeout = std::chrono::seconds(20)}};
};

// ------------------------------------------------------------ every endpoint

TEST_F(openstack_prism, every_endpoint_is_accepted_with_every_parameter)
{
    std::size_t called = 0;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, openstack::endpoints>>([&](auto id) {
        using E = typename decltype(id)::type;
        SCOPED_TRACE(std::string(name_of<E>()));
        auto res = send(sample<E>());
        EXPECT_EQ(res.status, mock_status<E>()) << res.headers.find("sl-violations").value_or("");
        EXPECT_FALSE(res.headers.contains("sl-violations"));
        ++called;
    });
    EXPECT_EQ(called, 10u);
}

TEST_F(openstack_prism, the_highest_microversion_of_each_endpoint_is_accepted)
{
    cfg.microversion = "2.38";
    auto meta = send(sample<openstack::set_image_metadata_item>());
    EXPECT_EQ(meta.status, 200);
    cfg.microversion = "2.35";
    EXPECT_EQ(send(sample<openstack::delete_image>()).status, 204);
    // above it nothing is sent (the server would answer 404)
    cfg.microversion = "2.36";
    test_support::test_client api{cfg, test_support::test_transport({.timeout = std::chrono::seconds(20)})};
    auto refused = api.send(sample<openstack::show_image>());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, error::invalid_argument);
    EXPECT_EQ(refused.error().http_status, 0);
}

TEST_F(openstack_prism, deletes_parse_as_no_content)
{
    test_support::test_client api{cfg, test_support::test_transport({.timeout = std::chrono::seconds(20)})};
    auto d = api.send(sample<openstack::delete_image>());
    ASSERT_TRUE(succeeded(d));
    EXPECT_EQ(*d, no_content{});
    auto k = api.send(sample<openstack::delete_image_metadata_item>());
    ASSERT_TRUE(succeeded(k));
}

TEST_F(openstack_prism, the_mocks_empty_bodies_are_not_taken_for_images)
{
    // `{}` is what the description's empty schemas allow; a Nova body it is not
    auto res = send(sample<openstack::list_images>());
    ASSERT_EQ(res.status, 200);
    EXPECT_EQ(res.body, "{}");
    auto r = parse_response<openstack::list_images>(res);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::missing_field);
    EXPECT_EQ(r.error().path, "images");
    EXPECT_EQ(r.error().raw_body, "{}");
}

// ------------------------------------------------------------ what Prism rejects, and what validate() refuses first

TEST_F(openstack_prism, without_a_token_prism_answers_401)
{
    cfg.token.clear();
    auto res = send(sample<openstack::list_images>());
    EXPECT_EQ(res.status, 401);
    // Prism's problem+json is not Nova's envelope: kept raw
    auto r = parse_response<openstack::list_images>(res);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::error_response);
    EXPECT_FALSE(r.error().body);
    EXPECT_NE(r.error().raw_body.find("security"), std::string::npos);
}

TEST_F(openstack_prism, prism_and_validate_agree_on_metadata_keys_and_values)
{
    struct bad_item {
        std::string key, value, violation;
    };
    for (auto const& bad : std::vector<bad_item>{{"os/distro", "x", "additionalProperties"},
                                                 {"caf\xc3\xa9", "x", "additionalProperties"},
                                                 {std::string(256, 'k'), "x", "additionalProperties"},
                                                 {"", "x", "additionalProperties"},
                                                 {"k", std::string(256, 'v'), "maxLength"}}) {
        SCOPED_TRACE(bad.key.substr(0, 20));
        openstack::create_image_metadata ep{.image_id = image_id, .body = {.metadata = {{bad.key, bad.value}}}};
        EXPECT_FALSE(openstack::prepare(cfg, ep));  // refused before sending ...
        // ... and what another client would send, Prism rejects
        auto res = send(openstack::create_image_metadata{.image_id = image_id, .body = {.metadata = {{"k", "v"}}}},
                        [&](request& req) { req.body = json::encode(ep.body); });
        EXPECT_EQ(res.status, 400);
        EXPECT_NE(res.headers.find("sl-violations").value_or("").find(bad.violation), std::string::npos)
            << res.headers.find("sl-violations").value_or("");
        auto r = parse_response<openstack::create_image_metadata>(res);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().http_status, 400);
    }
}

TEST_F(openstack_prism, the_single_meta_item_rule_is_the_specs_too)
{
    openstack::set_image_metadata_item two{.image_id = image_id, .key = "a", .body = {.meta = {{"a", "1"}, {"b", "2"}}}};
    EXPECT_FALSE(openstack::prepare(cfg, two));
    auto res = send(sample<openstack::set_image_metadata_item>(), [&](request& req) { req.body = json::encode(two.body); });
    EXPECT_EQ(res.status, 400);
    EXPECT_NE(res.headers.find("sl-violations").value_or("").find("maxProperties"), std::string::npos);
    // the key/URL mismatch is not in the spec: Prism accepts it, Nova answers 400, validate() refuses it
    openstack::set_image_metadata_item other{.image_id = image_id, .key = "a", .body = {.meta = {{"b", "1"}}}};
    EXPECT_FALSE(openstack::prepare(cfg, other));
    auto mismatch = send(sample<openstack::set_image_metadata_item>(), [&](request& req) { req.body = json::encode(other.body); });
    EXPECT_EQ(mismatch.status, 200);
}

TEST_F(openstack_prism, a_body_without_its_object_is_rejected)
{
    auto res = send(sample<openstack::replace_image_metadata>(), [](request& req) { req.body = std::string("{}"); });
    EXPECT_EQ(res.status, 400);
    EXPECT_NE(res.headers.find("sl-violations").value_or("").find("metadata"), std::string::npos);
}

} // namespace
