// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Golden tests of the six Oxide endpoints: the requests `oxide::prepare`
// builds, byte for byte, against tests/data/golden/oxide/<name>.request.json;
// realistic response bodies (<name>.response.json) decoded field by field;
// and the rules `validate()` enforces before anything is built.

// The header under test comes first: it must be self-contained.
#include <cloudimg/oxide/endpoints.hpp>

#include "wire_shapes.hpp"

#include <cloudimg/client.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/oxide.hpp>
#include <cloudimg/response.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>
#include <gtest/gtest.h>

#include "golden.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace oxide = cloudimg::oxide;
namespace bj = boost::json;
using cloudimg::error;

namespace {

std::filesystem::path const golden_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "golden" / "oxide";

constexpr char const some_uuid[] = "0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c";
constexpr char const project_uuid[] = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";

using golden::read_file;

oxide::config golden_config()
{
    return {.base_url = "https://oxide.sys.example.com",
            .token = "oxide-token-0123456789abcdef",
            .user_agent = "cloudimg-golden/1.0 (+tests)"};
}

// The request must equal the golden file (see golden::expect_request).
template <class E>
void expect_golden_request(E const& ep, std::string const& name)
{
    SCOPED_TRACE(name);
    golden::expect_request(oxide::prepare(golden_config(), ep), golden_dir / (name + ".request.json"), "https://oxide.sys.example.com");
}

TEST(oxide_endpoints, header_is_self_contained_and_lists_six_endpoints)
{
    static_assert(boost::mp11::mp_size<oxide::endpoints>::value == 6);
}

// ---------------------------------------------------------------- golden requests

TEST(oxide_endpoints, list_images_request)
{
    expect_golden_request(
        oxide::list_images{.limit = 100,
                           .page_token = "eyJ2IjoidjEiLCJwYWdlX3N0YXJ0Ijp7InNvcnRfYnkiOiJuYW1lX2Rlc2NlbmRpbmcifX0=",
                           .project = "infra",
                           .sort_by = oxide::name_or_id_sort_mode::name_descending},
        "list_images");
}

TEST(oxide_endpoints, list_images_without_parameters_lists_silo_images)
{
    auto req = oxide::prepare(golden_config(), oxide::list_images{});
    ASSERT_TRUE(req);
    EXPECT_EQ(req->target, "/v1/images");
}

TEST(oxide_endpoints, create_image_request)
{
    expect_golden_request(oxide::create_image{.project = oxide::uuid(project_uuid),
                                              .body = {.name = "debian-12-golden",
                                                       .description = "Debian 12 \xe2\x80\x94 \"golden\"\n",
                                                       .os = "debian",
                                                       .version = "12",
                                                       .source = {.id = "7c6b5a4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"}}},
                          "create_image");
}

TEST(oxide_endpoints, view_image_request)
{
    expect_golden_request(oxide::view_image{.image = "debian-12", .project = "infra"}, "view_image");
}

TEST(oxide_endpoints, delete_image_request)
{
    // an uppercase UUID is a UUID, sent as given
    expect_golden_request(oxide::delete_image{.image = "0D6F9B2A-3C4E-4F5A-8B7C-1D2E3F4A5B6C"}, "delete_image");
}

TEST(oxide_endpoints, promote_image_request)
{
    expect_golden_request(oxide::promote_image{.image = "debian-12", .project = "infra"}, "promote_image");
}

TEST(oxide_endpoints, demote_image_request)
{
    // demote's project is the destination: allowed next to an image UUID
    expect_golden_request(oxide::demote_image{.image = some_uuid, .project = project_uuid}, "demote_image");
}

TEST(oxide_endpoints, every_endpoint_has_a_golden_request)
{
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, oxide::endpoints>>([](auto id) {
        using E = typename decltype(id)::type;
        EXPECT_TRUE(std::filesystem::exists(golden_dir / (std::string(cloudimg::name_of<E>()) + ".request.json")))
            << cloudimg::name_of<E>();
        if constexpr (!std::is_same_v<cloudimg::response_type_t<E>, cloudimg::no_content>) {
            EXPECT_TRUE(std::filesystem::exists(golden_dir / (std::string(cloudimg::name_of<E>()) + ".response.json")))
                << cloudimg::name_of<E>();
        }
    });
}

// ---------------------------------------------------------------- configuration

TEST(oxide_endpoints, the_api_version_header_follows_the_configuration)
{
    auto cfg = golden_config();
    cfg.api_version = "2025112000.0.0";
    auto older = oxide::prepare(cfg, oxide::view_image{.image = "a"});
    ASSERT_TRUE(older);
    EXPECT_EQ(older->headers.find("api-version").value_or(""), "2025112000.0.0");
    cfg.api_version.clear();  // none: the server answers in its latest version
    auto latest = oxide::prepare(cfg, oxide::view_image{.image = "a"});
    ASSERT_TRUE(latest);
    EXPECT_FALSE(latest->headers.contains("api-version"));
    EXPECT_EQ(oxide::config{}.api_version, oxide::api_version);
}

TEST(oxide_endpoints, no_token_means_no_authorization_header)
{
    auto req = oxide::prepare(oxide::config{.base_url = "https://oxide.sys.example.com"}, oxide::view_image{.image = "a"});
    ASSERT_TRUE(req);
    EXPECT_FALSE(req->headers.contains("Authorization"));
    EXPECT_TRUE(req->headers.find("User-Agent")->starts_with("cloudimg/"));
    EXPECT_EQ(req->headers.find("Accept").value_or(""), "application/json");
}

TEST(oxide_endpoints, there_is_no_default_host)
{
    auto req = oxide::prepare(oxide::config{.token = "t"}, oxide::view_image{.image = "a"});
    ASSERT_FALSE(req);
    EXPECT_EQ(req.error().code, error::invalid_base_url);
    EXPECT_NE(req.error().message.find("silo"), std::string::npos) << req.error().message;

    auto cfg = golden_config();
    cfg.base_url = "http://127.0.0.1:4010/proxy/";  // a path prefix and a port are kept
    auto proxied = oxide::prepare(cfg, oxide::view_image{.image = "a"});
    ASSERT_TRUE(proxied) << proxied.error().what();
    EXPECT_EQ(proxied->origin, "http://127.0.0.1:4010");
    EXPECT_EQ(proxied->target, "/proxy/v1/images/a");
}

// ---------------------------------------------------------------- validate()

// Refused before anything is built: prepare and the client fail alike, and the transport is never called.
template <class E>
void expect_refused(E const& ep, std::string const& needle)
{
    SCOPED_TRACE(needle);
    auto req = oxide::prepare(golden_config(), ep);
    ASSERT_FALSE(req);
    EXPECT_EQ(req.error().code, error::invalid_argument);
    EXPECT_NE(req.error().message.find(needle), std::string::npos) << req.error().message;
    cloudimg::testing::scripted_transport t;  // no request expected
    cloudimg::client c{golden_config(), t};
    auto sent = c.send(ep);
    ASSERT_FALSE(sent);
    EXPECT_TRUE(t.requests().empty());
    EXPECT_EQ(sent.error().code, error::invalid_argument);
    EXPECT_EQ(sent.error().what().find("oxide-token"), std::string::npos);
}

TEST(oxide_endpoints, a_project_next_to_an_image_uuid_is_refused)
{
    std::string const rule = "image is given by its UUID, so project must not be set";
    expect_refused(oxide::view_image{.image = some_uuid, .project = "infra"}, rule);
    expect_refused(oxide::delete_image{.image = some_uuid, .project = project_uuid}, rule);
    expect_refused(oxide::promote_image{.image = "0D6F9B2A-3C4E-4F5A-8B7C-1D2E3F4A5B6C", .project = "infra"}, rule);
    // without the project, or with a name, it is fine
    EXPECT_TRUE(oxide::prepare(golden_config(), oxide::view_image{.image = some_uuid}));
    EXPECT_TRUE(oxide::prepare(golden_config(), oxide::view_image{.image = "debian-12", .project = project_uuid}));
    // demote's project is a destination, not a scope
    EXPECT_TRUE(oxide::prepare(golden_config(), oxide::demote_image{.image = some_uuid, .project = "infra"}));
    // the message quotes the server's own answer, so both sides can be matched
    auto r = oxide::prepare(golden_config(), oxide::view_image{.image = some_uuid, .project = "infra"});
    EXPECT_NE(r.error().message.find("when providing image as an ID, project should not be specified"), std::string::npos);
}

TEST(oxide_endpoints, invalid_names_and_ids_are_refused_with_the_parameter_named)
{
    expect_refused(oxide::view_image{.image = "Debian 12"}, "image \"Debian 12\" is neither a UUID nor a name");
    expect_refused(oxide::view_image{.image = "debian-12", .project = "my project"}, "project \"my project\"");
    expect_refused(oxide::delete_image{.image = "{0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c}"}, "without braces");
    expect_refused(oxide::promote_image{.image = "../x"}, "image \"../x\"");
    expect_refused(oxide::demote_image{.image = "debian-12", .project = {}}, "project \"\" is neither");  // required
    expect_refused(oxide::demote_image{.image = "", .project = "infra"}, "image \"\" is neither");
    expect_refused(oxide::list_images{.project = "-infra"}, "project \"-infra\"");
    expect_refused(oxide::list_images{.limit = 0}, "limit must be at least 1");
    auto body = [](std::string name, oxide::uuid source) {
        return oxide::image_create{.name = std::move(name), .description = "", .os = "debian", .version = "12",
                                   .source = {.type = oxide::image_source_type::snapshot, .id = std::move(source)}};
    };
    expect_refused(oxide::create_image{.project = "UPPER", .body = body("a", some_uuid)}, "project \"UPPER\"");
    // passes every rule of the pattern but the negative lookahead
    expect_refused(oxide::create_image{.body = body("abcdef01-2345-6789-abcd-ef0123456789", some_uuid)},
                   "body.name \"abcdef01-2345-6789-abcd-ef0123456789\" has the form of a UUID");
    expect_refused(oxide::create_image{.body = body("debian-", some_uuid)}, "must not end with '-'");
    expect_refused(oxide::create_image{.body = body("debian", "snap-1")}, "body.source.id \"snap-1\" is not a UUID");
    expect_refused(oxide::create_image{}, "body.name \"\" is empty");
}

// ---------------------------------------------------------------- golden responses

template <class E>
cloudimg::result<cloudimg::response_type_t<E>, cloudimg::failure_type_t<E>> parse_golden(std::string const& file, int status)
{
    cloudimg::response r;
    r.status = status;
    r.headers.add("X-Request-Id", "golden-1");  // header lookups ignore case
    r.body = read_file(golden_dir / file);
    return cloudimg::parse_response<E>(r);
}

cloudimg::timestamp ts(std::string_view s)
{
    auto t = cloudimg::parse_timestamp(s);
    EXPECT_TRUE(t) << s;
    return t.value_or(cloudimg::timestamp{});
}

// Decoding and re-encoding loses nothing but spelling (see schema_walk::normalise);
// `unknown_keys` are the keys the file has on purpose that the model does not.
template <class Body>
void expect_lossless(Body const& decoded, std::string const& file, std::vector<std::string> const& unknown_keys = {})
{
    auto const rt = schema_walk::round_trip_of(decoded, read_file(golden_dir / file));
    EXPECT_EQ(rt.unknown, unknown_keys) << file;
    EXPECT_EQ(rt.reencoded, rt.original) << file;
}

TEST(oxide_endpoints, list_images_response)
{
    auto r = parse_golden<oxide::list_images>("list_images.response.json", 200);
    ASSERT_TRUE(r) << r.error().what();
    ASSERT_EQ(r->items.size(), 3u);

    auto const& project = r->items[0];
    EXPECT_EQ(project.id, oxide::uuid(some_uuid));
    EXPECT_EQ(project.name, "debian-12");
    EXPECT_EQ(project.project_id, std::optional<oxide::uuid>(project_uuid));
    ASSERT_TRUE(project.digest);
    EXPECT_EQ(project.digest->type, oxide::digest_type::sha256);
    EXPECT_EQ(project.block_size, oxide::block_size::bytes_4096);
    EXPECT_EQ(project.size, 2147483648u);
    EXPECT_EQ(std::chrono::nanoseconds(project.time_created.nanoseconds), std::chrono::microseconds(123456));

    auto const& silo = r->items[1];
    EXPECT_EQ(silo.id.text(), "8E1F2A3B-4C5D-4E6F-8A9B-0C1D2E3F4A5B");
    EXPECT_FALSE(silo.project_id);  // absent: a silo image
    EXPECT_FALSE(silo.digest);      // null
    EXPECT_EQ(silo.description, "");
    EXPECT_EQ(silo.block_size, oxide::block_size::bytes_512);
    EXPECT_EQ(silo.time_created.offset_minutes, 60);
    EXPECT_EQ(silo.time_created, ts("2026-01-02T02:04:05Z"));

    auto const& future = r->items[2];
    EXPECT_FALSE(future.digest);
    EXPECT_FALSE(oxide::is_known_block_size(future.block_size));
    EXPECT_EQ(oxide::to_bytes(future.block_size), 8192u);
    EXPECT_EQ(future.size, UINT64_MAX);

    EXPECT_EQ(r->next_page, std::optional<std::string>(
                                "eyJ2IjoidjEiLCJwYWdlX3N0YXJ0Ijp7InNvcnRfYnkiOiJuYW1lX2Rlc2NlbmRpbmcifX0="));
    expect_lossless(*r, "list_images.response.json", {".items[2].future_field"});
}

TEST(oxide_endpoints, create_image_answers_201)
{
    auto r = parse_golden<oxide::create_image>("create_image.response.json", 201);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->name, "debian-12-golden");
    EXPECT_EQ(r->description, "Debian 12 \xe2\x80\x94 \"golden\"\n");
    EXPECT_FALSE(r->digest);
    expect_lossless(*r, "create_image.response.json");
    auto wrong = parse_golden<oxide::create_image>("create_image.response.json", 200);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, error::unexpected_status);
}

TEST(oxide_endpoints, view_promote_and_demote_responses)
{
    auto v = parse_golden<oxide::view_image>("view_image.response.json", 200);
    ASSERT_TRUE(v) << v.error().what();
    EXPECT_EQ(v->os, "debian");
    EXPECT_EQ(v->version, "12");
    expect_lossless(*v, "view_image.response.json");

    auto p = parse_golden<oxide::promote_image>("promote_image.response.json", 202);
    ASSERT_TRUE(p) << p.error().what();
    EXPECT_FALSE(p->project_id);  // promoted: now a silo image
    EXPECT_EQ(p->time_modified.nanoseconds, 500000000u);
    expect_lossless(*p, "promote_image.response.json");

    auto d = parse_golden<oxide::demote_image>("demote_image.response.json", 202);
    ASSERT_TRUE(d) << d.error().what();
    EXPECT_EQ(d->project_id, std::optional<oxide::uuid>(project_uuid));
    EXPECT_EQ(d->block_size, oxide::block_size::bytes_2048);
    EXPECT_EQ(d->time_modified.offset_minutes, -420);
    expect_lossless(*d, "demote_image.response.json");

    auto not_202 = parse_golden<oxide::promote_image>("promote_image.response.json", 200);
    ASSERT_FALSE(not_202);
    EXPECT_EQ(not_202.error().code, error::unexpected_status);
}

TEST(oxide_endpoints, delete_image_answers_204_without_a_body)
{
    cloudimg::response r;
    r.status = 204;
    auto ok = cloudimg::parse_response<oxide::delete_image>(r);
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, cloudimg::no_content{});
    r.status = 200;
    auto wrong = cloudimg::parse_response<oxide::delete_image>(r);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, error::unexpected_status);
}

TEST(oxide_endpoints, error_responses)
{
    auto r = parse_golden<oxide::view_image>("error_object_not_found.response.json", 404);
    ASSERT_FALSE(r);
    auto const& f = r.error();
    EXPECT_EQ(f.code, error::error_response);
    EXPECT_EQ(f.http_status, 404);
    EXPECT_EQ(f.provider_code, "ObjectNotFound");
    EXPECT_EQ(f.message, "not found: image with name \"debian-12\"");
    EXPECT_EQ(f.request_id, "golden-1");  // the header's
    ASSERT_TRUE(f.body);
    EXPECT_EQ(f.body->request_id, "4e2f7c1a-9b8d-4c6e-a5f3-2d1b0e9c8a7f");
    EXPECT_EQ(f.what(), "the server answered with an error (HTTP 404) [ObjectNotFound]: not found: image with name "
                        "\"debian-12\" (request id golden-1)");
    expect_lossless(*f.body, "error_object_not_found.response.json");

    // no x-request-id header (a proxy dropped it): the body's id is used
    cloudimg::response bare;
    bare.status = 500;
    bare.body = read_file(golden_dir / "error_internal.response.json");
    auto i = cloudimg::parse_response<oxide::list_images>(bare);
    ASSERT_FALSE(i);
    EXPECT_EQ(i.error().request_id, "c0ffee00-0000-4000-8000-000000000001");
    EXPECT_EQ(i.error().provider_code, "");  // error_code is optional
    EXPECT_EQ(i.error().message, "Internal Server Error");
    expect_lossless(*i.error().body, "error_internal.response.json");
}

} // namespace
