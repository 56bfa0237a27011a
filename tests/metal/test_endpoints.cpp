// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Golden tests of the eight metal-api image endpoints: the requests
// `metal::prepare` builds (HMAC-signed with a fixed clock and salt), byte for
// byte, against tests/data/golden/metal/<name>.request.json, and realistic
// response bodies (<name>.response.json) decoded field by field; plus the
// configuration's authentication choices.

// The header under test comes first: it must be self-contained.
#include <cloudimg/metal/endpoints.hpp>

#include "../conformance/schema_walk.hpp"

#include <cloudimg/json.hpp>
#include <cloudimg/metal.hpp>
#include <cloudimg/metal/hmac.hpp>
#include <cloudimg/response.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "golden.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace metal = cloudimg::metal;
namespace bj = boost::json;
using cloudimg::open_enum;
using cloudimg::timestamp;

namespace {

std::filesystem::path const golden_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "golden" / "metal";

using golden::read_file;

timestamp ts(std::string_view s)
{
    auto t = cloudimg::parse_timestamp(s);
    EXPECT_TRUE(t) << s;
    return t.value_or(timestamp{});
}

metal::config golden_config()
{
    metal::hmac_signer sign{
        .key = "metal-golden-admin-key",
        .auth_type = std::string(metal::hmac_type::admin),
        .clock = [] { return std::chrono::sys_days{std::chrono::March / 1 / 2026} + std::chrono::hours(12); },
        .salt = []() -> cloudimg::result<std::string> { return std::string("goldenSaltGoldenSaltGold"); }};
    return {.base_url = "https://metal.example.com", .auth = sign, .user_agent = "cloudimg-golden/1.0 (+tests)"};
}

// The request must equal the golden file (see golden::expect_request).
template <class E>
void expect_golden_request(E const& ep)
{
    std::string const name(cloudimg::name_of<E>());
    SCOPED_TRACE(name);
    golden::expect_request(metal::prepare(golden_config(), ep), golden_dir / (name + ".request.json"), "https://metal.example.com");
}

TEST(metal_endpoints, header_is_self_contained_and_lists_eight_endpoints)
{
    static_assert(boost::mp11::mp_size<metal::endpoints>::value == 8);
    static_assert(std::is_same_v<cloudimg::response_type_t<metal::list_images>, std::vector<metal::image>>);
    static_assert(std::is_same_v<cloudimg::failure_type_t<metal::find_image>, metal::metal_failure>);
}

TEST(metal_endpoints, create_image_request)
{
    expect_golden_request(metal::create_image{
        .body = {.id = "ubuntu-24.04.20260301",
                 .url = "https://images.metal-stack.io/metal-os/stable/ubuntu/24.04/img.tar.lz4",
                 .name = "Ubuntu 24.04 \xe2\x80\x94 \"golden\"\n",
                 .description = "built 2026-03-01",
                 .features = std::vector<open_enum<metal::image_feature>>{metal::image_feature::machine},
                 .expiration_date = ts("2026-09-01T00:00:00Z"),
                 .classification = metal::image_classification::preview}});
}

TEST(metal_endpoints, update_image_request)
{
    expect_golden_request(metal::update_image{
        .body = {.id = "ubuntu-24.04.20260301",
                 .expiration_date = ts("2026-12-01T00:00:00+01:00"),
                 .name = "Ubuntu 24.04",
                 .description = "",
                 .url = "https://images.metal-stack.io/metal-os/stable/ubuntu/24.04/img.tar.lz4",
                 .features = std::vector<open_enum<metal::image_feature>>{metal::image_feature::machine,
                                                                          metal::image_feature::firewall},
                 .classification = metal::image_classification::supported,
                 .used_by = std::vector<std::string>{}}});
}

TEST(metal_endpoints, delete_image_request)
{
    expect_golden_request(metal::delete_image{.id = "ubuntu-20.04.20200502"});
}

TEST(metal_endpoints, find_image_request)
{
    expect_golden_request(metal::find_image{.id = "firewall-ubuntu-3.0.20260301"});
}

TEST(metal_endpoints, find_latest_image_request)
{
    expect_golden_request(metal::find_latest_image{.id = "ubuntu-24.04"});
}

TEST(metal_endpoints, list_images_request)
{
    expect_golden_request(metal::list_images{.show_usage = true});
    auto plain = metal::prepare(golden_config(), metal::list_images{});
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->target, "/v1/image");  // absent: the server's default (false)
}

TEST(metal_endpoints, find_images_request)
{
    expect_golden_request(metal::find_images{
        .body = {.os = "ubuntu",
                 .version = "24.04",
                 .classification = metal::image_classification::supported,
                 .features = std::vector<open_enum<metal::image_feature>>{metal::image_feature::machine}},
        .show_usage = false});
    auto all = metal::prepare(golden_config(), metal::find_images{});
    ASSERT_TRUE(all);
    EXPECT_EQ(std::get<std::string>(all->body), "{}");  // the body is required, and may filter nothing
}

TEST(metal_endpoints, query_images_request)
{
    expect_golden_request(metal::query_images{.id = "ubuntu-small-24.04"});
}

TEST(metal_endpoints, every_endpoint_has_golden_files)
{
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, metal::endpoints>>([](auto id) {
        std::string const name(cloudimg::name_of<typename decltype(id)::type>());
        EXPECT_TRUE(std::filesystem::exists(golden_dir / (name + ".request.json"))) << name;
        EXPECT_TRUE(std::filesystem::exists(golden_dir / (name + ".response.json"))) << name;
    });
}

// ---------------------------------------------------------------- configuration

TEST(metal_endpoints, the_base_url_has_no_default_and_may_carry_a_prefix)
{
    auto none = metal::prepare(metal::config{}, metal::list_images{});
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, cloudimg::error::invalid_base_url);

    // metal-api's basePath is "/": a proxy prefix and a trailing slash are the caller's
    auto prefixed = metal::prepare(metal::config{.base_url = "http://api.0.0.0.0.nip.io:8080/metal/"},
                                   metal::find_latest_image{.id = "ubuntu-24.04"});
    ASSERT_TRUE(prefixed) << prefixed.error().what();
    EXPECT_EQ(prefixed->origin, "http://api.0.0.0.0.nip.io:8080");
    EXPECT_EQ(prefixed->target, "/metal/v1/image/ubuntu-24.04/latest");
}

TEST(metal_endpoints, without_authentication_no_authorization_header_is_sent)
{
    auto req = metal::prepare(metal::config{.base_url = "https://metal.example.com"}, metal::find_image{.id = "a-1.0"});
    ASSERT_TRUE(req);
    EXPECT_FALSE(req->headers.contains("Authorization"));
    EXPECT_FALSE(req->headers.contains("X-Date"));
    EXPECT_TRUE(req->headers.find("User-Agent")->starts_with("cloudimg/"));
    EXPECT_EQ(req->headers.find("Accept").value_or(""), "application/json");
    EXPECT_FALSE(req->headers.contains("Content-Type"));
}

TEST(metal_endpoints, a_bearer_token_is_sent_as_is_and_an_empty_one_is_refused)
{
    metal::config cfg{.base_url = "https://metal.example.com", .auth = metal::bearer_token{"eyJhbGciOi.x.y"}};
    auto req = metal::prepare(cfg, metal::list_images{});
    ASSERT_TRUE(req);
    EXPECT_EQ(req->headers.find("Authorization").value_or(""), "Bearer eyJhbGciOi.x.y");
    EXPECT_FALSE(req->headers.contains("X-Date"));

    cfg.auth = metal::bearer_token{};
    auto empty = metal::prepare(cfg, metal::list_images{});
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, cloudimg::error::invalid_argument);
    EXPECT_EQ(empty.error().message, "the bearer token is empty");
}

TEST(metal_endpoints, any_signer_can_authenticate_and_its_failure_is_returned)
{
    metal::config cfg{.base_url = "https://metal.example.com"};
    cfg.auth = metal::request_signer([](cloudimg::request& r) -> cloudimg::result<void> {
        r.headers.set("Authorization", "Custom " + std::string(cloudimg::to_string(r.method)) + ' ' + r.target);
        return {};
    });
    auto req = metal::prepare(cfg, metal::delete_image{.id = "a-1.0"});
    ASSERT_TRUE(req);
    EXPECT_EQ(req->headers.find("Authorization").value_or(""), "Custom DELETE /v1/image/a-1.0");  // signs the finished request

    cfg.auth = metal::request_signer([](cloudimg::request&) -> cloudimg::result<void> {
        return cloudimg::make_failure(cloudimg::error::invalid_argument, "token expired");
    });
    auto failed = metal::prepare(cfg, metal::list_images{});
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().message, "token expired");

    cfg.auth = metal::request_signer{};
    auto empty = metal::prepare(cfg, metal::list_images{});
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, cloudimg::error::invalid_argument);
    EXPECT_EQ(empty.error().message, "the request signer is empty");
}

// ---------------------------------------------------------------- golden responses

template <class E>
cloudimg::result<cloudimg::response_type_t<E>, cloudimg::failure_type_t<E>> parse_golden(std::string const& file, int status)
{
    cloudimg::response r;
    r.status = status;
    r.headers.add("Content-Type", "application/json");
    r.headers.add("X-Request-Id", "not-a-metal-api-header");  // metal-api does not send one back
    r.body = read_file(golden_dir / file);
    return cloudimg::parse_response<E>(r);
}

// Decoding and re-encoding loses nothing but spelling (see schema_walk::normalise).
template <class Body>
void expect_lossless(Body const& decoded, std::string const& file)
{
    auto const tree = schema_walk::walk<Body>();
    std::vector<std::string> unknown, ignored;
    auto const want = schema_walk::normalise(bj::parse(read_file(golden_dir / file)), tree, "", unknown);
    EXPECT_TRUE(unknown.empty()) << file << ": " << (unknown.empty() ? "" : unknown.front());
    EXPECT_EQ(schema_walk::normalise(bj::parse(cloudimg::json::encode(decoded)), tree, "", ignored), want) << file;
}

TEST(metal_endpoints, create_image_response_is_201)
{
    auto r = parse_golden<metal::create_image>("create_image.response.json", 201);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->id, "ubuntu-24.04.20260301");
    EXPECT_EQ(r->name, std::optional<std::string>("Ubuntu 24.04 \xe2\x80\x94 \"golden\"\n"));
    EXPECT_TRUE(r->classification == std::optional<open_enum<metal::image_classification>>(metal::image_classification::preview));
    EXPECT_FALSE(r->used_by);  // null
    EXPECT_EQ(std::chrono::nanoseconds(r->created->nanoseconds), std::chrono::microseconds(123456));
    expect_lossless(*r, "create_image.response.json");

    auto wrong = parse_golden<metal::create_image>("create_image.response.json", 200);
    ASSERT_FALSE(wrong);  // PUT answers 201 only
    EXPECT_EQ(wrong.error().code, cloudimg::error::unexpected_status);
}

TEST(metal_endpoints, update_image_response)
{
    auto r = parse_golden<metal::update_image>("update_image.response.json", 200);
    ASSERT_TRUE(r) << r.error().what();
    ASSERT_EQ(r->features->size(), 2u);
    EXPECT_TRUE((*r->features)[1] == metal::image_feature::firewall);
    EXPECT_EQ(r->expiration_date, ts("2026-12-01T00:00:00+01:00"));  // the same instant, written in UTC
    EXPECT_EQ(r->changed->offset_minutes, 60);
    expect_lossless(*r, "update_image.response.json");
}

TEST(metal_endpoints, delete_image_answers_200_with_the_deleted_image)
{
    auto r = parse_golden<metal::delete_image>("delete_image.response.json", 200);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->id, "ubuntu-20.04.20200502");
    EXPECT_TRUE(r->classification == std::optional<open_enum<metal::image_classification>>(metal::image_classification::deprecated));
    expect_lossless(*r, "delete_image.response.json");
    cloudimg::response no_content;
    no_content.status = 204;
    auto r204 = cloudimg::parse_response<metal::delete_image>(no_content);
    ASSERT_FALSE(r204);
    EXPECT_EQ(r204.error().code, cloudimg::error::unexpected_status);
}

TEST(metal_endpoints, find_image_keeps_unknown_features_and_classifications)
{
    auto r = parse_golden<metal::find_image>("find_image.response.json", 200);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_TRUE((*r->features)[0] == metal::image_feature::firewall);
    EXPECT_EQ((*r->features)[1].wire(), "gpu");
    EXPECT_FALSE(r->classification->is_known());
    EXPECT_EQ(r->classification->wire(), "experimental");
    expect_lossless(*r, "find_image.response.json");
}

TEST(metal_endpoints, find_latest_image_response)
{
    auto r = parse_golden<metal::find_latest_image>("find_latest_image.response.json", 200);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->id, "ubuntu-24.04.20260301");
    EXPECT_FALSE(r->used_by);  // absent
    expect_lossless(*r, "find_latest_image.response.json");
}

TEST(metal_endpoints, list_images_is_a_bare_array_with_usage)
{
    auto r = parse_golden<metal::list_images>("list_images.response.json", 200);
    ASSERT_TRUE(r) << r.error().what();
    ASSERT_EQ(r->size(), 4u);
    auto const& v = *r;
    ASSERT_TRUE(v[0].used_by);
    EXPECT_TRUE(v[0].used_by->empty());
    EXPECT_EQ(v[1].used_by->size(), 2u);
    EXPECT_EQ(v[1].used_by->at(1), "00000000-0000-0000-0000-ac1f6b7aa4c3");
    EXPECT_EQ(v[2].used_by->size(), 1u);
    EXPECT_TRUE(v[3].features->empty());
    EXPECT_EQ(v[3].name, std::optional<std::string>(""));
    EXPECT_EQ(cloudimg::to_string(v[3].expiration_date), "0001-01-01T00:00:00Z");
    expect_lossless(*r, "list_images.response.json");

    cloudimg::response empty;
    empty.status = 200;
    empty.body = "[]";
    auto none = cloudimg::parse_response<metal::list_images>(empty);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
    empty.body = R"({"images":[]})";  // not Hetzner's envelope
    auto wrapped = cloudimg::parse_response<metal::list_images>(empty);
    ASSERT_FALSE(wrapped);
    EXPECT_EQ(wrapped.error().code, cloudimg::error::type_mismatch);
}

TEST(metal_endpoints, find_and_query_images_responses)
{
    auto f = parse_golden<metal::find_images>("find_images.response.json", 200);
    ASSERT_TRUE(f) << f.error().what();
    ASSERT_EQ(f->size(), 2u);
    EXPECT_FALSE((*f)[0].used_by);
    expect_lossless(*f, "find_images.response.json");

    auto q = parse_golden<metal::query_images>("query_images.response.json", 200);
    ASSERT_TRUE(q) << q.error().what();
    ASSERT_EQ(q->size(), 2u);
    for (auto const& i : *q)
        EXPECT_TRUE(metal::parse_image_id("ubuntu-small-24.04")->selects(*metal::parse_image_id(i.id))) << i.id;
    expect_lossless(*q, "query_images.response.json");
}

TEST(metal_endpoints, error_responses_are_typed)
{
    auto conflict = parse_golden<metal::create_image>("error_conflict.response.json", 409);
    ASSERT_FALSE(conflict);
    auto const& f = conflict.error();
    EXPECT_EQ(f.code, cloudimg::error::error_response);
    EXPECT_EQ(f.http_status, 409);
    EXPECT_EQ(f.message, "cannot create image in database, entity already exists: ubuntu-24.04.20260301");
    EXPECT_TRUE(f.provider_code.empty());
    EXPECT_TRUE(f.request_id.empty());
    ASSERT_TRUE(f.body);
    EXPECT_EQ(f.body->status_code, 409);
    EXPECT_TRUE(f.raw_body.empty());
    EXPECT_EQ(f.what(), "the server answered with an error (HTTP 409): cannot create image in database, entity already "
                        "exists: ubuntu-24.04.20260301");
    expect_lossless(*f.body, "error_conflict.response.json");

    auto missing = parse_golden<metal::find_latest_image>("error_not_found.response.json", 404);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().body->status_code, 404);
    EXPECT_EQ(missing.error().message, "no image for os:ubuntu version:99.4.0 found");

    auto in_use = parse_golden<metal::delete_image>("error_in_use.response.json", 422);
    ASSERT_FALSE(in_use);
    EXPECT_EQ(in_use.error().http_status, 422);
    EXPECT_NE(in_use.error().message.find("in use by machines"), std::string::npos);
}

} // namespace
