// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Golden tests of the 27 LXD endpoints: the requests `lxd::prepare` builds,
// byte for byte, against tests/data/golden/lxd/<name>.request.json (an
// upload's streamed body included); how the configured project, the fixed
// recursion and the X-LXD-* headers reach the wire; and what is refused
// before anything is sent.

// The header under test comes first: it must be self-contained.
#include <cloudimg/lxd/endpoints.hpp>

#include "golden.hpp"
#include "string_source.hpp"

#include <cloudimg/client.hpp>
#include <cloudimg/lxd.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <boost/mp11/algorithm.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace lxd = cloudimg::lxd;
using cloudimg::error;
using cloudimg::test_support::string_source;

namespace {

std::filesystem::path const golden_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "golden" / "lxd";

std::string const fp = "2784410ecbf2c1424f4a5d90086251aa4a4375bed69abe17e66d7dd33a306c65";
std::string const op_id = "655441f4-975c-43d1-96a6-3f10bd4c7922";
std::string const image_etag = "\"47fdebaa7a69939ecb0b5b84d36abe30f532e6ebdf7819cb45b8cfd3312847c1\"";
std::string const alias_etag = "\"67169896bd143f9d86df8ba24aad408631bdb6f6b61643540fb670d78dae4d9b\"";

// A remote server over HTTPS, working in project "web" unless an endpoint says otherwise.
lxd::config golden_config()
{
    return {.base_url = "https://lxd.example.com:8443", .project = "web", .user_agent = "cloudimg-golden/1.0 (+tests)"};
}

// The request must equal the golden file (see golden::expect_request).
template <class Endpoint>
void expect_golden_request(Endpoint&& ep, std::string const& name)
{
    SCOPED_TRACE(name);
    golden::expect_request(lxd::prepare(golden_config(), std::forward<Endpoint>(ep)), golden_dir / (name + ".request.json"),
                           "https://lxd.example.com:8443");
}

cloudimg::stream_body octet_stream(std::string bytes)
{
    return {"application/octet-stream", cloudimg::body_source(string_source{std::move(bytes)})};
}

TEST(lxd_endpoints, header_is_self_contained_and_lists_27_endpoints)
{
    static_assert(boost::mp11::mp_size<lxd::endpoints>::value == 27);
}

// ---------------------------------------------------------------- golden requests, one per endpoint

TEST(lxd_endpoints, list_image_urls_request)
{
    expect_golden_request(lxd::list_image_urls{.filter = "properties.os eq Debian"}, "list_image_urls");
}

TEST(lxd_endpoints, list_images_request)
{
    // the endpoint's project wins over the configuration's
    expect_golden_request(
        lxd::list_images{.project = "default",
                         .filter = lxd::filter{}.where("type", "eq", "virtual-machine").and_where("properties.release", "eq", "22.04 LTS").str().value(),
                         .all_projects = true},
        "list_images");
}

TEST(lxd_endpoints, create_image_request)
{
    lxd::images_post body{.source = lxd::images_post_source{.type = lxd::source_type::image,
                                                            .mode = lxd::source_mode::pull,
                                                            .server = "https://images.example.com",
                                                            .protocol = lxd::image_protocol::simplestreams,
                                                            .alias = "debian/12"},
                          .aliases = std::vector<lxd::image_alias>{{.name = "debian-12", .description = "Debian 12"}},
                          .auto_update = true,
                          .properties = lxd::string_map{{"os", "Debian"}},
                          .public_ = false,
                          .expires_at = cloudimg::parse_timestamp("2027-01-01T00:00:00Z")};
    expect_golden_request(lxd::create_image{.body = body}, "create_image");
}

TEST(lxd_endpoints, create_push_token_request)
{
    expect_golden_request(lxd::create_push_token{.body = {.source = lxd::push_source(fp),
                                                          .aliases = std::vector<lxd::image_alias>{{.name = "pushed"}},
                                                          .public_ = true}},
                          "create_push_token");
}

TEST(lxd_endpoints, push_mode_is_a_token_and_a_token_needs_push_mode_and_a_fingerprint)
{
    // one wire operation, two answers: create_image refuses what create_push_token is for
    auto as_image = lxd::prepare(golden_config(), lxd::create_image{.body = {.source = lxd::push_source(fp)}});
    ASSERT_FALSE(as_image);
    EXPECT_EQ(as_image.error().code, error::invalid_argument);
    EXPECT_NE(as_image.error().message.find("create_push_token"), std::string::npos);
    for (auto const& source : {std::optional<lxd::images_post_source>{}, std::optional(lxd::push_source("")),
                               std::optional(lxd::images_post_source{.mode = lxd::source_mode::pull, .fingerprint = fp}),
                               std::optional(lxd::images_post_source{.mode = lxd::source_mode::push})}) {
        auto token = lxd::prepare(golden_config(), lxd::create_push_token{.body = {.source = source}});
        ASSERT_FALSE(token);
        EXPECT_EQ(token.error().code, error::invalid_argument);
    }
    static_assert(std::is_same_v<cloudimg::response_type_t<lxd::create_push_token>, lxd::token_operation<lxd::image_secret>>);
    static_assert(std::is_same_v<cloudimg::response_type_t<lxd::create_image_secret>, lxd::token_operation<lxd::image_secret>>);
}

TEST(lxd_endpoints, upload_image_request_streams_the_image)
{
    expect_golden_request(lxd::upload_image{.body = octet_stream("tiny image bytes, streamed"),
                                            .project = "images",
                                            .filename = "debian 12.tar.gz",
                                            .public_ = true,
                                            .properties = lxd::form_values{{"os", "Debian"}, {"note", "a&b=c d \xc3\xbc"}},
                                            .expected_fingerprint = fp,
                                            .secret = "push-token-secret",
                                            .profiles = lxd::form_values{{"profile", "default"}, {"profile", "gpu"}}},
                          "upload_image");
}

TEST(lxd_endpoints, get_image_request)
{
    // a unique prefix of the fingerprint is enough for LXD
    expect_golden_request(lxd::get_image{.fingerprint = fp.substr(0, 12), .secret = "0123abcd"}, "get_image");
}

TEST(lxd_endpoints, replace_image_request)
{
    expect_golden_request(lxd::replace_image{.fingerprint = fp,
                                             .body = {.auto_update = false,
                                                      .properties = lxd::string_map{{"os", "replaced"}, {"with space", "x"}},
                                                      .public_ = true,
                                                      .expires_at = cloudimg::parse_timestamp("2027-06-30T12:00:00.500Z"),
                                                      .profiles = std::vector<std::string>{"default"}},
                                             .if_match = image_etag},
                          "replace_image");
}

TEST(lxd_endpoints, update_image_request)
{
    expect_golden_request(
        lxd::update_image{.fingerprint = fp, .body = {.properties = lxd::string_map{{"extra", "1"}}}, .if_match = image_etag},
        "update_image");
}

TEST(lxd_endpoints, delete_image_request)
{
    expect_golden_request(lxd::delete_image{.fingerprint = fp}, "delete_image");
}

TEST(lxd_endpoints, export_image_request)
{
    expect_golden_request(lxd::export_image{.fingerprint = fp, .secret = "0123abcd"}, "export_image");
}

TEST(lxd_endpoints, push_image_request)
{
    expect_golden_request(lxd::push_image{.fingerprint = fp,
                                          .body = {.target = "https://10.0.0.2:8443",
                                                   .secret = "push-secret",
                                                   .certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                                                   .aliases = std::vector<lxd::image_alias>{{.name = "debian-12"}},
                                                   .project = "target-project",
                                                   .profiles = std::vector<std::string>{"default"}}},
                          "push_image");
}

TEST(lxd_endpoints, refresh_image_request)
{
    expect_golden_request(lxd::refresh_image{.fingerprint = fp}, "refresh_image");
}

TEST(lxd_endpoints, create_image_secret_request)
{
    expect_golden_request(lxd::create_image_secret{.fingerprint = fp}, "create_image_secret");
}

TEST(lxd_endpoints, list_alias_urls_request)
{
    expect_golden_request(lxd::list_alias_urls{}, "list_alias_urls");
}

TEST(lxd_endpoints, list_aliases_request)
{
    expect_golden_request(lxd::list_aliases{.project = "default"}, "list_aliases");
}

TEST(lxd_endpoints, create_alias_request)
{
    // the name travels in the body as it is; only in a path is its slash encoded
    expect_golden_request(
        lxd::create_alias{.body = {.name = "team/web server", .target = fp, .description = "first", .type = lxd::image_type::virtual_machine}},
        "create_alias");
}

TEST(lxd_endpoints, get_alias_request)
{
    // a slash and a space in an alias name are data: one encoded path segment
    expect_golden_request(lxd::get_alias{.name = "team/web server"}, "get_alias");
}

TEST(lxd_endpoints, replace_alias_request)
{
    expect_golden_request(
        lxd::replace_alias{.name = "team/web server", .body = {.target = fp, .description = "second"}, .if_match = alias_etag},
        "replace_alias");
}

TEST(lxd_endpoints, update_alias_request)
{
    expect_golden_request(lxd::update_alias{.name = "a b", .body = {.description = "via patch"}}, "update_alias");
}

TEST(lxd_endpoints, rename_alias_request)
{
    expect_golden_request(lxd::rename_alias{.name = "team/web server", .body = {.name = "team/renamed"}}, "rename_alias");
}

TEST(lxd_endpoints, delete_alias_request)
{
    // a percent sign, a slash, non-ASCII, '?' and '#' are all encoded
    expect_golden_request(lxd::delete_alias{.name = "100%/\xc3\xbc?#"}, "delete_alias");
}

TEST(lxd_endpoints, get_server_request)
{
    expect_golden_request(lxd::get_server{}, "get_server");
}

TEST(lxd_endpoints, list_operation_urls_request)
{
    expect_golden_request(lxd::list_operation_urls{}, "list_operation_urls");
}

TEST(lxd_endpoints, list_operations_request)
{
    expect_golden_request(lxd::list_operations{.project = "default", .all_projects = true}, "list_operations");
}

TEST(lxd_endpoints, get_operation_request)
{
    expect_golden_request(lxd::get_operation<>{.id = op_id}, "get_operation");
}

TEST(lxd_endpoints, wait_operation_request)
{
    expect_golden_request(lxd::wait_operation<>{.id = op_id, .timeout = 30}, "wait_operation");
}

TEST(lxd_endpoints, cancel_operation_request)
{
    expect_golden_request(lxd::cancel_operation{.id = op_id}, "cancel_operation");
}

TEST(lxd_endpoints, every_endpoint_has_a_golden_request)
{
    std::set<std::string> names;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, lxd::endpoints>>([&](auto id) {
        using E = typename decltype(id)::type;
        std::string const name(cloudimg::name_of<E>());
        names.insert(name);
        EXPECT_TRUE(std::filesystem::exists(golden_dir / (name + ".request.json"))) << name;
    });
    std::set<std::string> files;
    for (auto const& f : std::filesystem::directory_iterator(golden_dir))
        files.insert(f.path().filename().string().substr(0, f.path().filename().string().find('.')));
    EXPECT_EQ(files, names) << "a golden file without an endpoint";
}

// ---------------------------------------------------------------- project, recursion, base URL

TEST(lxd_endpoints, the_configured_project_applies_where_the_endpoint_sets_none)
{
    lxd::config cfg{};
    auto none = lxd::prepare(cfg, lxd::get_image{.fingerprint = "a1"});
    ASSERT_TRUE(none);
    EXPECT_EQ(none->target, "/1.0/images/a1");  // no project: the server's "default"
    EXPECT_EQ(none->origin, "http://lxd");      // the unix socket's any-host URL

    cfg.project = "web";
    EXPECT_EQ(lxd::prepare(cfg, lxd::get_image{.fingerprint = "a1"})->target, "/1.0/images/a1?project=web");
    EXPECT_EQ(lxd::prepare(cfg, lxd::get_image{.fingerprint = "a1", .project = "other"})->target,
              "/1.0/images/a1?project=other");
    // an explicitly empty project is the endpoint's choice, sent as such
    EXPECT_EQ(lxd::prepare(cfg, lxd::get_image{.fingerprint = "a1", .project = ""})->target, "/1.0/images/a1?project=");
    // a project name is a query value: encoded
    cfg.project = "a&b=c d";
    EXPECT_EQ(lxd::prepare(cfg, lxd::list_alias_urls{})->target, "/1.0/images/aliases?project=a%26b%3Dc%20d&recursion=0");
    // endpoints without a project member ignore it
    EXPECT_EQ(lxd::prepare(cfg, lxd::cancel_operation{.id = "x"})->target, "/1.0/operations/x");

    // and an upload (moved in) gets it too
    cfg.project = "web";
    auto up = lxd::prepare(cfg, lxd::upload_image{.body = octet_stream("x")});
    ASSERT_TRUE(up);
    EXPECT_EQ(up->target, "/1.0/images?project=web");
    EXPECT_EQ(up->body_size(), 1u);
}

TEST(lxd_endpoints, recursion_is_fixed_by_the_endpoint_type)
{
    // the answer's shape depends on it: URLs (0) or objects (1)
    static_assert(std::is_same_v<cloudimg::response_type_t<lxd::list_image_urls>, std::vector<std::string>>);
    static_assert(std::is_same_v<cloudimg::response_type_t<lxd::list_images>, std::vector<lxd::image>>);
    static_assert(std::is_same_v<cloudimg::response_type_t<lxd::list_alias_urls>, std::vector<std::string>>);
    static_assert(std::is_same_v<cloudimg::response_type_t<lxd::list_aliases>, std::vector<lxd::alias_entry>>);
    static_assert(decltype(lxd::list_images::recursion)::value == 1 && decltype(lxd::list_image_urls::recursion)::value == 0);
    lxd::config const cfg{};
    EXPECT_EQ(lxd::prepare(cfg, lxd::list_image_urls{})->target, "/1.0/images?recursion=0");
    EXPECT_EQ(lxd::prepare(cfg, lxd::list_images{})->target, "/1.0/images?recursion=1");
    EXPECT_EQ(lxd::prepare(cfg, lxd::list_alias_urls{})->target, "/1.0/images/aliases?recursion=0");
    EXPECT_EQ(lxd::prepare(cfg, lxd::list_aliases{})->target, "/1.0/images/aliases?recursion=1");
    // all-projects is sent only when set, false included
    EXPECT_EQ(lxd::prepare(cfg, lxd::list_images{.all_projects = false})->target, "/1.0/images?all-projects=false&recursion=1");
}

TEST(lxd_endpoints, a_base_url_path_prefix_is_kept)
{
    lxd::config cfg{.base_url = "https://proxy.example.com/lxd/"};
    auto req = lxd::prepare(cfg, lxd::get_server{});
    ASSERT_TRUE(req);
    EXPECT_EQ(req->origin, "https://proxy.example.com");
    EXPECT_EQ(req->target, "/lxd/1.0");
    cfg.base_url = "lxd";
    auto bad = lxd::prepare(cfg, lxd::get_server{});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, error::invalid_base_url);
}

// ---------------------------------------------------------------- headers

TEST(lxd_endpoints, form_values_encode_every_key_and_value)
{
    EXPECT_EQ(wire_text(lxd::form_values{}), "");
    EXPECT_EQ(wire_text(lxd::form_values{{"k", ""}}), "k=");
    EXPECT_EQ(wire_text(lxd::form_values{{"a=b", "c&d"}, {"e f", "100%+\xc3\xa9"}}), "a%3Db=c%26d&e%20f=100%25%2B%C3%A9");
    // order and repeats are kept: X-LXD-profiles is `profile=a&profile=b`
    EXPECT_EQ(wire_text(lxd::form_values{{"profile", "b"}, {"profile", "a"}, {"profile", "b"}}), "profile=b&profile=a&profile=b");
}

TEST(lxd_endpoints, upload_headers_are_sent_only_when_set)
{
    auto req = lxd::prepare(lxd::config{}, lxd::upload_image{.body = {"multipart/form-data; boundary=xyz", cloudimg::body_source(string_source{"--xyz--"})}});
    ASSERT_TRUE(req);
    std::vector<std::string> names;
    for (auto const& h : req->headers)
        names.push_back(h.name);
    // the stream body's media type, whatever it is, becomes Content-Type
    EXPECT_EQ(names, (std::vector<std::string>{"Content-Type", "User-Agent"}));
    EXPECT_EQ(req->headers.find("Content-Type").value_or(""), "multipart/form-data; boundary=xyz");
    EXPECT_EQ(req->body_size(), 7u);

    auto priv = lxd::prepare(lxd::config{}, lxd::upload_image{.body = octet_stream("x"), .public_ = false});
    ASSERT_TRUE(priv);
    EXPECT_EQ(priv->headers.find("X-LXD-public").value_or(""), "false");
}

TEST(lxd_endpoints, json_bodies_leave_unset_fields_out)
{
    // an absent `profiles` on PUT makes LXD reset them to ["default"]: absent stays absent
    auto req = lxd::prepare(lxd::config{}, lxd::replace_image{.fingerprint = "a1", .body = {.public_ = true}});
    ASSERT_TRUE(req);
    EXPECT_EQ(std::get<std::string>(req->body), R"({"public":true})");
    EXPECT_FALSE(req->headers.contains("If-Match"));
    auto empty = lxd::prepare(lxd::config{}, lxd::update_alias{.name = "a", .body = {}});
    ASSERT_TRUE(empty);
    EXPECT_EQ(std::get<std::string>(empty->body), "{}");
    // a body-less POST has no body and no Content-Type
    auto refresh = lxd::prepare(lxd::config{}, lxd::refresh_image{.fingerprint = "a1"});
    ASSERT_TRUE(refresh);
    EXPECT_FALSE(refresh->has_body());
    EXPECT_FALSE(refresh->headers.contains("Content-Type"));
}

// ---------------------------------------------------------------- refused before sending

// Refused by prepare and by the client alike; the transport is never called.
// `make` makes the endpoint (twice: an upload cannot be copied).
template <class Make>
void expect_refused(Make make, error code, std::string const& needle, std::string const& secret = {})
{
    SCOPED_TRACE(needle);
    auto req = lxd::prepare(lxd::config{}, make());
    ASSERT_FALSE(req);
    EXPECT_EQ(req.error().code, code);
    EXPECT_NE(req.error().message.find(needle), std::string::npos) << req.error().message;
    if (!secret.empty()) {
        EXPECT_EQ(req.error().what().find(secret), std::string::npos) << "the value must not appear in the error";
    }
    cloudimg::testing::scripted_transport t;  // no request expected
    cloudimg::client c{lxd::config{}, t};
    auto sent = c.send(make());
    ASSERT_FALSE(sent);
    EXPECT_TRUE(t.requests().empty());
    EXPECT_EQ(sent.error().code, code);
}

TEST(lxd_endpoints, empty_dot_and_dot_dot_path_segments_are_refused)
{
    // "/1.0/images/aliases/.." would be /1.0/images after normalisation
    expect_refused([] { return lxd::get_alias{.name = ".."}; }, error::invalid_argument, "path parameter \"name\"");
    expect_refused([] { return lxd::delete_alias{.name = "."}; }, error::invalid_argument, "path parameter \"name\"");
    expect_refused([] { return lxd::delete_image{.fingerprint = ""}; }, error::invalid_argument, "path parameter \"fingerprint\"");
    expect_refused([] { return lxd::cancel_operation{.id = ""}; }, error::invalid_argument, "path parameter \"id\"");
    // "..." and "a/.." are ordinary names, encoded
    EXPECT_EQ(lxd::prepare(lxd::config{}, lxd::get_alias{.name = "..."})->target, "/1.0/images/aliases/...");
    EXPECT_EQ(lxd::prepare(lxd::config{}, lxd::get_alias{.name = "a/.."})->target, "/1.0/images/aliases/a%2F..");
}

TEST(lxd_endpoints, header_values_with_line_breaks_are_refused_without_echoing_them)
{
    expect_refused([] { return lxd::replace_image{.fingerprint = "a1", .body = {}, .if_match = "\"x\"\r\nX-Evil: 1"}; }, error::invalid_header_value,
                   "If-Match", "X-Evil");
    expect_refused([] { return lxd::upload_image{.body = octet_stream("x"), .filename = "a\nb"}; }, error::invalid_header_value,
                   "X-LXD-filename");
    expect_refused([] { return lxd::upload_image{.body = octet_stream("x"), .secret = "top\rsecret"}; }, error::invalid_header_value,
                   "X-LXD-secret", "top");
    // form values are percent-encoded, so a line break in them is data
    auto ok = lxd::prepare(lxd::config{}, lxd::upload_image{.body = octet_stream("x"), .properties = lxd::form_values{{"k", "a\r\nb"}}});
    ASSERT_TRUE(ok) << ok.error().what();
    EXPECT_EQ(ok->headers.find("X-LXD-properties").value_or(""), "k=a%0D%0Ab");
}

TEST(lxd_endpoints, a_user_agent_with_a_line_break_is_refused)
{
    lxd::config cfg{};
    cfg.user_agent = "me\r\nX-Evil: 1";
    auto req = lxd::prepare(cfg, lxd::get_server{});
    ASSERT_FALSE(req);
    EXPECT_EQ(req.error().code, error::invalid_header_value);
}

} // namespace
