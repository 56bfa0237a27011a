// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test is included first: it must be self-contained.
#include <cloudimg/oxide.hpp>

#include <prism_process.hpp>
#include <prism_test.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/curl.hpp>
#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/response.hpp>

#include <boost/mp11/algorithm.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

// Every Oxide image endpoint against Stoplight Prism serving the official
// spec, over real HTTP (libcurl). Prism runs with --errors: a request the spec
// rejects (a parameter, the body) comes back as 422, so every call below that
// asserts success also proves the request was valid.
//
// The spec has no examples: static mode answers with the schemas' first
// values (a fixed UUID, "string", 0, 512), dynamic mode (-d --seed N) with
// generated data and random extra properties, which all must decode.

#ifndef CLOUDIMG_OXIDE_SPEC
#define CLOUDIMG_OXIDE_SPEC CLOUDIMG_TEST_DATA_DIR "/specs/oxide/nexus.images.spec.json"
#endif

namespace {

using namespace cloudimg;
using namespace cloudimg::test_support;

// The Prism servers of this program: started before the first test, stopped after the last.
auto const dynamic_seeds = add_prism_environment(CLOUDIMG_PRISM_EXECUTABLE, CLOUDIMG_OXIDE_SPEC, {1, 2, 3});

using oxide_client = prism_client<oxide::config>;

oxide_client client_for(prism_process const& p)
{
    return prism_client_for(p, oxide::config{.token = "oxide-token-prism-0123456789abcdef"});
}

constexpr char const image_uuid[] = "0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c";
constexpr char const project_uuid[] = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";

// ------------------------------------------------------------ realistic calls
//
// One value per endpoint, with every parameter the endpoint has. They are
// valid per the spec, so Prism must accept each one.

oxide::list_images sample(std::type_identity<oxide::list_images>)
{
    return {.limit = 100, .page_token = "eyJ2IjoidjEifQ==", .project = "infra", .sort_by = oxide::name_or_id_sort_mode::id_ascending};
}

oxide::create_image sample(std::type_identity<oxide::create_image>)
{
    return {.project = "infra",
            .body = {.name = "debian-12-Cloud",
                     .description = "Debian 12 \xe2\x80\x94 \"cloud\"",
                     .os = "debian",
                     .version = "12",
                     .source = {.type = oxide::image_source_type::snapshot, .id = "7C6B5A4D-3E2F-4A1B-9C8D-7E6F5A4B3C2D"}}};
}

oxide::view_image sample(std::type_identity<oxide::view_image>) { return {.image = "debian-12", .project = project_uuid}; }
oxide::delete_image sample(std::type_identity<oxide::delete_image>) { return {.image = "debian-12", .project = "infra"}; }
oxide::promote_image sample(std::type_identity<oxide::promote_image>) { return {.image = "debian-12", .project = "infra"}; }
oxide::demote_image sample(std::type_identity<oxide::demote_image>) { return {.image = image_uuid, .project = "infra"}; }

template <class E>
E sample()
{
    return sample(std::type_identity<E>{});
}

static_assert(boost::mp11::mp_size<oxide::endpoints>::value == 6, "a new endpoint needs a sample() here");

// What Prism's static mode makes of the Image schema: the first value of each.
void expect_static_image(oxide::image const& i)
{
    EXPECT_EQ(i.id, oxide::uuid("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
    EXPECT_EQ(i.name, "string");  // not a valid Name: Prism ignores the pattern here, the model keeps it as text
    EXPECT_EQ(i.description, "string");
    EXPECT_EQ(i.time_created, *parse_timestamp("2019-08-24T14:15:22Z"));
    EXPECT_EQ(i.project_id, std::optional<oxide::uuid>("405d8375-3514-403b-8c43-83ae74cfe0e9"));
    ASSERT_TRUE(i.digest);
    EXPECT_EQ(i.digest->type, oxide::digest_type::sha256);
    EXPECT_EQ(i.block_size, oxide::block_size::bytes_512);
    EXPECT_EQ(i.size, 0u);
}

class oxide_static : public prism_static_test<oxide_client> {
    oxide_client connect(prism_process const& p) override { return client_for(p); }
};

// ------------------------------------------------------------ static mode

TEST_F(oxide_static, list_images_with_every_parameter)
{
    auto r = api->send(sample<oxide::list_images>());
    ASSERT_TRUE(succeeded(r));
    ASSERT_EQ(r->items.size(), 1u);
    expect_static_image(r->items[0]);
    EXPECT_EQ(r->next_page, std::optional<std::string>("string"));
}

TEST_F(oxide_static, silo_images_without_parameters)
{
    auto r = api->send(oxide::list_images{});
    ASSERT_TRUE(succeeded(r));
    EXPECT_EQ(r->items.size(), 1u);
}

TEST_F(oxide_static, pagination_stops_when_the_mock_repeats_its_token)
{
    // static Prism answers next_page "string" forever: the second page asks for
    // "string" and gets "string" back, which ends the loop instead of spinning
    std::vector<std::string> targets;
    std::size_t items = 0;
    for (std::optional<oxide::list_images> ep = oxide::list_images{.limit = 10, .project = "infra"}; ep;) {
        auto req = oxide::prepare(api->config(), *ep);
        ASSERT_TRUE(succeeded(req));
        targets.push_back(req->target);
        auto page = api->send(*ep);
        ASSERT_TRUE(succeeded(page));
        items += page->items.size();
        ep = oxide::next_page(*ep, *page);
        ASSERT_LT(targets.size(), 5u);
    }
    EXPECT_EQ(targets, (std::vector<std::string>{"/v1/images?limit=10&project=infra", "/v1/images?limit=10&page_token=string"}));
    EXPECT_EQ(items, 2u);
}

TEST_F(oxide_static, create_image_answers_201)
{
    auto s = send_prepared(*api, sample<oxide::create_image>());
    EXPECT_EQ(s.raw.status, 201);
    ASSERT_TRUE(succeeded(s.decoded));
    expect_static_image(*s.decoded);
}

TEST_F(oxide_static, view_image_by_name_and_by_uuid)
{
    auto by_name = api->send(sample<oxide::view_image>());
    ASSERT_TRUE(succeeded(by_name));
    expect_static_image(*by_name);
    for (std::string id : {image_uuid, "0D6F9B2A-3C4E-4F5A-8B7C-1D2E3F4A5B6C"}) {
        auto by_id = api->send(oxide::view_image{.image = id});
        EXPECT_TRUE(succeeded(by_id)) << id;
    }
}

TEST_F(oxide_static, delete_image_answers_204_without_a_body)
{
    auto s = send_prepared(*api, sample<oxide::delete_image>());
    EXPECT_EQ(s.raw.status, 204);
    EXPECT_TRUE(s.raw.body.empty());
    ASSERT_TRUE(succeeded(s.decoded));
    EXPECT_EQ(*s.decoded, no_content{});
}

TEST_F(oxide_static, promote_and_demote_answer_202)
{
    auto p = api->send(sample<oxide::promote_image>());
    ASSERT_TRUE(succeeded(p));
    expect_static_image(*p);
    auto d = api->send(sample<oxide::demote_image>());  // an image UUID with the destination project
    ASSERT_TRUE(succeeded(d));
    expect_static_image(*d);
}

// ------------------------------------------------------------ what Prism rejects, and what it cannot

// Send a request as built, with its target changed: around validate(), as another client might.
template <class E>
response send_raw(oxide_client& api, E const& ep, std::string target)
{
    auto req = prepared(api, ep);
    req.target = std::move(target);
    return send_request<E>(api, std::move(req)).raw;
}

TEST_F(oxide_static, prism_and_validate_agree_on_names_and_uuids)
{
    // what validate() refuses, Prism (ajv on the spec's oneOf) refuses too ...
    for (std::string bad : std::vector<std::string>{"Debian", "debian-", "1debian", "de_bian", "de bian",
                                                    "{0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c}",
                                                    "0d6f9b2g-3c4e-4f5a-8b7c-1d2e3f4a5b6c", std::string(64, 'a')}) {
        SCOPED_TRACE(bad);
        EXPECT_FALSE(oxide::prepare(api->config(), oxide::view_image{.image = bad}));
        std::string target = "/v1/images/";
        cloudimg::detail::append_encoded(target, bad);
        auto res = send_raw(*api, oxide::view_image{.image = "a"}, target);
        EXPECT_EQ(res.status, 422);
        EXPECT_NE(res.headers.find("sl-violations").value_or("").find("oneOf"), std::string::npos);
    }
    // ... and what it accepts, Prism accepts
    for (std::string good : std::vector<std::string>{"a", "debian-12", "deBian-12", std::string(63, 'z'),
                                                     "abcdef01-2345-6789-abcd-ef012345678",  // one digit short of a UUID
                                                     "ABCDEF01-2345-6789-ABCD-EF0123456789"}) {
        SCOPED_TRACE(good);
        auto r = api->send(oxide::view_image{.image = good});
        EXPECT_TRUE(succeeded(r));
    }
}

TEST_F(oxide_static, a_422_carries_the_specs_error_body)
{
    // The spec's "4XX" response is what Prism 5.14 sends for a rejected request:
    // an Oxide Error body made of placeholders, and the reasons in sl-violations.
    auto res = send_raw(*api, oxide::list_images{}, "/v1/images?limit=0");
    ASSERT_EQ(res.status, 422);
    EXPECT_NE(res.headers.find("sl-violations").value_or("").find("limit must be >= 1"), std::string::npos);
    auto r = parse_response<oxide::list_images>(res);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::error_response);
    EXPECT_EQ(r.error().http_status, 422);
    ASSERT_TRUE(r.error().body);
    EXPECT_EQ(r.error().provider_code, "string");
    EXPECT_EQ(r.error().message, "string");
    EXPECT_EQ(r.error().request_id, "string");  // no x-request-id header: the body's

    // the client refuses the same value before sending
    EXPECT_FALSE(api->send(oxide::list_images{.limit = 0}));
}

TEST_F(oxide_static, the_project_with_uuid_rule_is_the_servers_so_the_client_enforces_it)
{
    // The spec cannot express "no project with an image UUID": Prism accepts the
    // request, a real Nexus answers 400. validate() refuses it before sending.
    auto refused = api->send(oxide::view_image{.image = image_uuid, .project = "infra"});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, error::invalid_argument);
    EXPECT_EQ(refused.error().http_status, 0);  // nothing was sent
    auto res = send_raw(*api, oxide::view_image{.image = image_uuid}, std::string("/v1/images/") + image_uuid + "?project=infra");
    EXPECT_EQ(res.status, 200);
}

TEST_F(oxide_static, a_missing_required_project_is_a_422)
{
    auto res = send_raw(*api, sample<oxide::demote_image>(), std::string("/v1/images/") + image_uuid + "/demote");
    EXPECT_EQ(res.status, 422);
    EXPECT_NE(res.headers.find("sl-violations").value_or("").find("'project'"), std::string::npos);
}

// ------------------------------------------------------------ dynamic mode

class oxide_dynamic : public prism_dynamic_test {};

TEST_P(oxide_dynamic, every_endpoint_decodes_and_survives_a_round_trip)
{
    // Generated data is arbitrary (unknown keys, dates before 1970, long names),
    // and generated anew for every request: what decodes must encode back to
    // JSON that decodes to the same values.
    auto c = client_for(*server);
    EXPECT_EQ(send_every_endpoint<oxide::endpoints>(c, [](auto id) { return sample(id); }, 5), 6u * 5);
}

TEST_P(oxide_dynamic, generated_images_are_well_formed)
{
    auto c = client_for(*server);
    auto r = c.send(oxide::list_images{.limit = 50});
    ASSERT_TRUE(succeeded(r));
    for (auto const& i : r->items) {
        EXPECT_TRUE(i.id.valid());
        EXPECT_TRUE(oxide::is_known_block_size(i.block_size)) << oxide::to_bytes(i.block_size);
        if (i.project_id) {
            EXPECT_TRUE(i.project_id->valid());
        }
    }
}

INSTANTIATE_TEST_SUITE_P(seeds, oxide_dynamic, ::testing::ValuesIn(dynamic_seeds), seed_name);

} // namespace
