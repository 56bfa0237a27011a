// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test is included first: it must be self-contained.
#include <prism_test.hpp>

#include <prism_process.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/curl.hpp>
#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/metal.hpp>
#include <cloudimg/response.hpp>
#if defined(CLOUDIMG_TEST_HMAC)
#include <cloudimg/metal/hmac.hpp>
#endif

#include <boost/mp11/algorithm.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

// Every metal-api image endpoint against Stoplight Prism serving metal-api's
// own Swagger 2.0 spec, over real HTTP (libcurl). Prism runs with --errors: a
// request the spec rejects (parameter, body, security) comes back as an error
// status, so every call below that asserts success also proves the request
// was valid.
//
// What Prism 5.14 does with this spec, as the tests below pin down:
// - Swagger 2.0 is converted on load; basePath "/" puts the paths at the root.
// - Both security schemes are apiKey headers named Authorization, and Prism
//   checks only that the header is there: any value passes, a signed or a
//   made-up one; without it the answer is 401.
// - Its own errors (401, 415, 422) take the body of the operation's "default"
//   response, HTTPErrorResponse, so they decode as typed metal errors; only
//   406 is Prism's application/problem+json. The violations are listed in
//   an `sl-violations` response header.
// - No examples exist: static mode composes bodies from the schemas ("string",
//   "2019-08-24T14:15:22Z", int32 minimum), dynamic mode makes random ones and
//   adds random extra properties, since the definitions do not forbid them.

#ifndef CLOUDIMG_METAL_SPEC
#define CLOUDIMG_METAL_SPEC CLOUDIMG_TEST_DATA_DIR "/specs/metal/metal-api.image.json"
#endif

namespace {

using namespace cloudimg;
using namespace cloudimg::test_support;

// The Prism servers of this program: started before the first test, stopped after the last.
auto const dynamic_seeds = add_prism_environment(CLOUDIMG_PRISM_EXECUTABLE, CLOUDIMG_METAL_SPEC, {1, 2, 3});

using metal_client = prism_client<metal::config>;

metal_client client_for(prism_process const& p, metal::authentication auth = metal::bearer_token{"prism-test-token"})
{
    return prism_client_for(p, metal::config{.auth = std::move(auth)});
}

timestamp at(std::string_view text)
{
    auto t = parse_timestamp(text);
    EXPECT_TRUE(t) << text;
    return t.value_or(timestamp{});
}

// ------------------------------------------------------------ realistic calls
//
// One value per endpoint, with every parameter and body field it has. They
// are valid per the spec, so Prism must accept each one.

using features = std::vector<open_enum<metal::image_feature>>;

metal::create_image sample(std::type_identity<metal::create_image>)
{
    return {.body = {.id = "ubuntu-24.04.20260301",
                     .url = "https://images.metal-stack.io/metal-os/stable/ubuntu/24.04/img.tar.lz4",
                     .name = "Ubuntu 24.04",
                     .description = "nightly",
                     .features = features{metal::image_feature::machine, metal::image_feature::firewall},
                     .expiration_date = at("2026-09-01T00:00:00Z"),
                     .classification = metal::image_classification::preview}};
}

metal::update_image sample(std::type_identity<metal::update_image>)
{
    return {.body = {.id = "ubuntu-24.04.20260301",
                     .expiration_date = at("2026-12-01T00:00:00.5+01:00"),
                     .name = "Ubuntu 24.04",
                     .description = "",
                     .url = "https://images.metal-stack.io/metal-os/stable/ubuntu/24.04/img.tar.lz4",
                     .features = features{metal::image_feature::machine},
                     .classification = metal::image_classification::supported,
                     .used_by = std::vector<std::string>{}}};
}

metal::delete_image sample(std::type_identity<metal::delete_image>) { return {.id = "ubuntu-20.04.20200502"}; }
metal::find_image sample(std::type_identity<metal::find_image>) { return {.id = "ubuntu-24.04.20260301"}; }
metal::find_latest_image sample(std::type_identity<metal::find_latest_image>) { return {.id = "ubuntu-24.04"}; }
metal::list_images sample(std::type_identity<metal::list_images>) { return {.show_usage = true}; }

metal::find_images sample(std::type_identity<metal::find_images>)
{
    return {.body = {.id = "ubuntu-24.04.20260301",
                     .name = "Ubuntu 24.04",
                     .os = "ubuntu",
                     .version = "24.04.20260301",
                     .classification = metal::image_classification::deprecated,
                     .features = features{metal::image_feature::machine}},
            .show_usage = false};
}

metal::query_images sample(std::type_identity<metal::query_images>) { return {.id = "ubuntu-small-24.04"}; }

template <class E>
E sample()
{
    return sample(std::type_identity<E>{});
}

static_assert(boost::mp11::mp_size<metal::endpoints>::value == 8, "a new endpoint needs a sample() here");

// The image Prism composes from v1.ImageResponse in static mode (no examples exist).
void expect_schema_image(metal::image const& i)
{
    EXPECT_EQ(i.id, "string");
    EXPECT_EQ(i.name, std::optional<std::string>("string"));
    EXPECT_EQ(i.description, std::optional<std::string>("string"));
    EXPECT_EQ(i.url, std::optional<std::string>("string"));
    ASSERT_TRUE(i.features);
    ASSERT_EQ(i.features->size(), 1u);
    EXPECT_FALSE((*i.features)[0].is_known());  // "string" is no feature metal-api knows: kept as text
    EXPECT_EQ((*i.features)[0].wire(), "string");
    EXPECT_EQ(i.expiration_date, at("2019-08-24T14:15:22Z"));
    ASSERT_TRUE(i.classification);
    EXPECT_EQ(i.classification->wire(), "string");
    EXPECT_EQ(i.used_by, (std::optional<std::vector<std::string>>{{"string"}}));
    EXPECT_EQ(i.created, std::optional<timestamp>(at("2019-08-24T14:15:22Z")));
    EXPECT_EQ(i.changed, std::optional<timestamp>(at("2019-08-24T14:15:22Z")));
}

// Prism's static body for every error it produces itself, from the "default" response.
void expect_schema_error(metal::metal_failure const& f, int status)
{
    EXPECT_EQ(f.code, error::error_response);
    EXPECT_EQ(f.http_status, status);
    ASSERT_TRUE(f.body) << f.what() << "\nbody: " << f.raw_body;
    EXPECT_EQ(f.body->message, "string");
    EXPECT_EQ(f.body->status_code, -2147483647 - 1);
    EXPECT_EQ(f.message, "string");
    EXPECT_TRUE(f.raw_body.empty());
}

class metal_static : public prism_static_test<metal_client> {
protected:
    metal_client connect(prism_process const& p) override { return client_for(p); }
    request prepared(auto const& ep) { return test_support::prepared(*api, ep); }
};

// ------------------------------------------------------------ static mode: every endpoint

TEST_F(metal_static, create_image_answers_201)
{
    auto s = send_request<metal::create_image>(*api, prepared(sample<metal::create_image>()));
    EXPECT_EQ(s.raw.status, 201);
    ASSERT_TRUE(succeeded(s.decoded));
    expect_schema_image(*s.decoded);
}

TEST_F(metal_static, update_image)
{
    auto r = api->send(sample<metal::update_image>());
    ASSERT_TRUE(succeeded(r));
    expect_schema_image(*r);
}

TEST_F(metal_static, delete_image_answers_200_with_the_image)
{
    auto s = send_request<metal::delete_image>(*api, prepared(sample<metal::delete_image>()));
    EXPECT_EQ(s.raw.status, 200);
    ASSERT_TRUE(succeeded(s.decoded));
    expect_schema_image(*s.decoded);
}

TEST_F(metal_static, find_image)
{
    auto r = api->send(sample<metal::find_image>());
    ASSERT_TRUE(succeeded(r));
    expect_schema_image(*r);
}

TEST_F(metal_static, find_latest_image)
{
    auto r = api->send(sample<metal::find_latest_image>());
    ASSERT_TRUE(succeeded(r));
    expect_schema_image(*r);
}

TEST_F(metal_static, list_images_is_a_bare_array)
{
    for (auto show : {std::optional<bool>(), std::optional<bool>(true), std::optional<bool>(false)}) {
        auto r = api->send(metal::list_images{.show_usage = show});
        ASSERT_TRUE(succeeded(r));
        ASSERT_EQ(r->size(), 1u);
        expect_schema_image(r->front());
    }
}

TEST_F(metal_static, find_images_with_every_filter_and_with_none)
{
    auto r = api->send(sample<metal::find_images>());
    ASSERT_TRUE(succeeded(r));
    ASSERT_EQ(r->size(), 1u);
    expect_schema_image(r->front());
    auto all = api->send(metal::find_images{});  // body "{}"
    ASSERT_TRUE(succeeded(all));
}

TEST_F(metal_static, query_images)
{
    auto r = api->send(sample<metal::query_images>());
    ASSERT_TRUE(succeeded(r));
    ASSERT_EQ(r->size(), 1u);
    expect_schema_image(r->front());
}

TEST_F(metal_static, ids_stay_one_path_segment_whatever_they_hold)
{
    // Prism routes on the decoded segments: a '/' that escaped would be a 404
    // (no such path), a '?' or '#' would cut the id short.
    for (std::string id : {"a/b", "ubuntu/20.04?x=1#f", "a&b=c,d!e f%g", "..%2F", "\xc3\xbc"}) {
        SCOPED_TRACE(id);
        EXPECT_TRUE(succeeded(api->send(metal::find_image{.id = id})));
        EXPECT_TRUE(succeeded(api->send(metal::find_latest_image{.id = id})));
        EXPECT_TRUE(succeeded(api->send(metal::query_images{.id = id})));
        EXPECT_TRUE(succeeded(api->send(metal::delete_image{.id = id})));
    }
}

TEST_F(metal_static, a_list_streams_into_the_incremental_decoder)
{
    std::vector<metal::image> images;
    ASSERT_TRUE(streams_into(*api, prepared(sample<metal::list_images>()), images));
    ASSERT_EQ(images.size(), 1u);
    expect_schema_image(images[0]);
}

TEST_F(metal_static, metal_api_sends_no_request_id_header)
{
    auto s = send_request<metal::find_image>(*api, prepared(sample<metal::find_image>()));
    ASSERT_TRUE(succeeded(s.decoded));
    EXPECT_EQ(s.raw.headers.find("content-type"), "application/json");
    EXPECT_FALSE(s.raw.headers.contains("X-Request-Id"));
    EXPECT_FALSE(s.raw.headers.contains("X-Correlation-Id"));
}

// ------------------------------------------------------------ authentication

TEST_F(metal_static, without_authorization_prism_answers_401_with_a_metal_error_body)
{
    auto anonymous = client_for(*prism_servers().static_mode, std::monostate{});
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, metal::endpoints>>([&](auto id) {
        using E = typename decltype(id)::type;
        SCOPED_TRACE(std::string(name_of<E>()));
        auto r = anonymous.send(sample<E>());
        ASSERT_FALSE(r);
        expect_schema_error(r.error(), 401);
    });
    auto req = metal::prepare(anonymous.config(), metal::list_images{});
    ASSERT_TRUE(succeeded(req));
    auto res = anonymous.get_transport()(*req);
    ASSERT_TRUE(succeeded(res));
    EXPECT_NE(res->headers.find("sl-violations").value_or("").find("Invalid security scheme used"), std::string_view::npos);
}

TEST_F(metal_static, any_authorization_value_satisfies_the_api_key_schemes)
{
    // apiKey means "the header is present": Prism cannot check an HMAC or a JWT
    for (auto auth : {metal::authentication(metal::bearer_token{"x"}),
                      metal::authentication(metal::request_signer([](request& r) -> result<void> {
                          r.headers.set("Authorization", "Made-Up anything");
                          return {};
                      }))}) {
        auto c = client_for(*prism_servers().static_mode, auth);
        EXPECT_TRUE(succeeded(c.send(metal::find_image{.id = "a-1.0"})));
    }
}

#if defined(CLOUDIMG_TEST_HMAC)
TEST_F(metal_static, every_endpoint_accepts_hmac_signed_requests)
{
    for (auto type : {metal::hmac_type::view, metal::hmac_type::edit, metal::hmac_type::admin}) {
        auto c = client_for(*prism_servers().static_mode, metal::hmac_signer{.key = "prism-hmac-key", .auth_type = std::string(type)});
        boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, metal::endpoints>>([&](auto id) {
            using E = typename decltype(id)::type;
            SCOPED_TRACE(std::string(name_of<E>()) + " as " + std::string(type));
            EXPECT_TRUE(succeeded(c.send(sample<E>())));
        });
    }
}

TEST_F(metal_static, an_hmac_signer_without_a_key_sends_nothing)
{
    auto c = client_for(*prism_servers().static_mode, metal::hmac_signer{});
    auto r = c.send(metal::list_images{});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_argument);
    EXPECT_EQ(r.error().http_status, 0);  // no response: nothing was sent
}
#endif

// ------------------------------------------------------------ errors

TEST_F(metal_static, a_conflict_on_create_is_a_typed_409)
{
    auto req = prepared(sample<metal::create_image>());
    req.headers.set("Prefer", "code=409");  // Prism answers the documented 409 on request
    auto s = send_request<metal::create_image>(*api, std::move(req));
    ASSERT_FALSE(s.decoded);
    expect_schema_error(s.decoded.error(), 409);

    auto update = prepared(sample<metal::update_image>());
    update.headers.set("Prefer", "code=409");
    auto u = send_request<metal::update_image>(*api, std::move(update));
    ASSERT_FALSE(u.decoded);
    expect_schema_error(u.decoded.error(), 409);
}

TEST_F(metal_static, values_the_spec_forbids_are_rejected_with_422)
{
    // an open_enum can carry any text; the find request's classification is a closed enum in the spec
    auto bogus = api->send(metal::find_images{.body = {.classification = open_enum<metal::image_classification>::from_wire("bogus")}});
    ASSERT_FALSE(bogus);
    expect_schema_error(bogus.error(), 422);

    auto check = [&](request req, std::string_view violation) {
        auto res = api->get_transport()(req);
        ASSERT_TRUE(succeeded(res));
        EXPECT_EQ(res->status, 422);
        EXPECT_NE(res->headers.find("sl-violations").value_or("").find(violation), std::string_view::npos)
            << res->headers.find("sl-violations").value_or("(none)");
    };
    // what the types cannot express, written around them
    auto no_url = prepared(metal::create_image{.body = {.id = "a-1.0", .url = "u"}});
    no_url.body = std::string(R"({"id":"a-1.0"})");
    check(std::move(no_url), "must have required property 'url'");
    auto bad_date = prepared(sample<metal::update_image>());
    bad_date.body = std::string(R"({"id":"a-1.0","expirationDate":"tomorrow"})");
    check(std::move(bad_date), "must match format \\\"date-time\\\"");
    auto bad_flag = prepared(metal::list_images{});
    bad_flag.target += "?show-usage=maybe";
    check(std::move(bad_flag), "show-usage must be boolean");
}

TEST_F(metal_static, a_body_of_another_media_type_is_rejected_with_415)
{
    auto req = prepared(sample<metal::create_image>());
    req.headers.set("Content-Type", "text/plain");
    auto s = send_request<metal::create_image>(*api, std::move(req));
    ASSERT_FALSE(s.decoded);
    expect_schema_error(s.decoded.error(), 415);

    // Prism lets a body without any Content-Type through (the curl transport
    // then sends none, not libcurl's form type): the header is prepare's job
    auto bare = prepared(sample<metal::create_image>());
    bare.headers.erase("Content-Type");
    EXPECT_TRUE(succeeded(send_request<metal::create_image>(*api, std::move(bare)).decoded));
}

TEST_F(metal_static, an_unacceptable_accept_header_gets_prisms_own_problem_body)
{
    auto req = prepared(sample<metal::find_image>());
    req.headers.set("Accept", "application/xml");
    auto s = send_request<metal::find_image>(*api, std::move(req));
    ASSERT_FALSE(s.decoded);
    EXPECT_EQ(s.decoded.error().http_status, 406);
    EXPECT_FALSE(s.decoded.error().body);  // not a metal error: kept raw
    EXPECT_NE(s.decoded.error().raw_body.find("NOT_ACCEPTABLE"), std::string::npos) << s.decoded.error().raw_body;
}

// ------------------------------------------------------------ dynamic mode

class metal_dynamic : public prism_dynamic_test {};

TEST_P(metal_dynamic, every_endpoint_decodes_and_survives_a_round_trip)
{
    // Generated data is arbitrary (random strings, far-away dates, extra
    // keys): what decodes must encode back to JSON that decodes to the same values.
    auto c = client_for(*server);
    EXPECT_EQ(send_every_endpoint<metal::endpoints>(c, [](auto id) { return sample(id); }, 3), 8u * 3);
}

TEST_P(metal_dynamic, generated_error_bodies_decode_as_metal_errors)
{
    auto anonymous = client_for(*server, std::monostate{});
    for (int round = 0; round < 3; ++round) {
        auto r = anonymous.send(metal::list_images{});
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().http_status, 401);
        ASSERT_TRUE(r.error().body) << r.error().what() << "\nbody: " << r.error().raw_body;
        EXPECT_EQ(r.error().message, r.error().body->message);
    }
    auto c = client_for(*server);
    auto req = metal::prepare(c.config(), sample<metal::update_image>());
    ASSERT_TRUE(succeeded(req));
    req->headers.set("Prefer", "code=409");
    auto res = c.get_transport()(*req);
    ASSERT_TRUE(succeeded(res));
    auto conflict = parse_response<metal::update_image>(*res);
    ASSERT_FALSE(conflict);
    EXPECT_EQ(conflict.error().http_status, 409);
    EXPECT_TRUE(conflict.error().body) << conflict.error().raw_body;
}

INSTANTIATE_TEST_SUITE_P(seeds, metal_dynamic, ::testing::ValuesIn(dynamic_seeds), seed_name);

} // namespace
