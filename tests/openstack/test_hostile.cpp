// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Hostile inputs for the OpenStack provider, each with its expected outcome:
// an image page cut into chunks at every byte, wrong types and values deep in
// a page (with their JSON path), bodies above the decoder's limits, error
// bodies that are not Nova's, ids and keys that try to leave their URL
// segment, and configuration values that try to inject headers or leak the token.

// The header under test comes first: it must be self-contained.
#include <cloudimg/openstack.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/response.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <gtest/gtest.h>

#include <hostile.hpp>

#include <string>
#include <vector>

namespace openstack = cloudimg::openstack;
namespace json = cloudimg::json;
using cloudimg::error;

namespace {

std::string const links = R"([{"href":"https://c/v2.1/images/x","rel":"self"},{"href":"https://c/images/x","rel":"bookmark"},)"
                          R"({"href":"https://g/images/x","rel":"alternate","type":"application/vnd.openstack.image"}])";
std::string const image = R"({"OS-DCF:diskConfig":"FUTURE","OS-EXT-IMG-SIZE:size":9223372036854775807,)"
                          R"("created":"2011-01-01T01:02:03.123456789+05:30","id":"70a599e0-31e7-49b7-b260-868f441e862b",)"
                          R"("links":)" + links + R"(,"metadata":{"caf\u00e9 \"q\"":"\ud83d\ude00 \\ \/","n":null,)"
                          R"("bdm":[{"a":[1,-2.5e-3,true,false,null,{"b":{}}]},[],{}],"e":"","deep":{"x":{"y":[[["z"]]]}}},)"
                          R"("minDisk":0,"minRam":4294967296,"name":null,"progress":50,)"
                          R"("server":{"id":"s","links":[],"extra":1},"status":"SAVING","updated":null,)"
                          R"("unknown":{"deep":[[{"x":[1,2.5e10,-3,true,false,null,"\u0000"]}]],"more":{}}})";
std::string const page = "{\n  \"images\": [" + image + ",\n" + image +
                         "],\r\n\t\"images_links\":[{\"rel\":\"next\",\"href\":\"https://c/v2.1/images/detail?marker=x\"}]} \n";

std::string decode_chunked(std::string_view text, std::vector<std::size_t> const& cuts, json::decode_options const& o = {})
{
    return cloudimg::test_support::decode_chunked<openstack::list_images_detail_response>(text, cuts, o);
}

TEST(openstack_hostile, header_is_self_contained_and_the_page_decodes)
{
    auto r = json::decode<openstack::list_images_detail_response>(page);
    ASSERT_TRUE(r) << r.error().what();
    ASSERT_EQ(r->images.size(), 2u);
    auto const& i = r->images[1];
    EXPECT_EQ(i.disk_config->wire(), "FUTURE");
    EXPECT_EQ(i.size, cloudimg::nullable<std::int64_t>(INT64_MAX));
    EXPECT_EQ(i.min_ram, 4294967296u);
    EXPECT_EQ(i.created->nanoseconds, 123456789u);
    EXPECT_EQ(i.metadata.at("caf\xc3\xa9 \"q\"").string(), "\xf0\x9f\x98\x80 \\ /");
    EXPECT_EQ(i.metadata.at("bdm").json(), R"([{"a":[1,-0.0025,true,false,null,{"b":{}}]},[],{}])");
    EXPECT_EQ(i.metadata.at("deep").json(), R"({"x":{"y":[[["z"]]]}})");
    EXPECT_EQ(i.metadata.at("e").string(), "");
}

TEST(openstack_hostile, every_split_point_gives_the_same_result)
{
    std::string const whole = decode_chunked(page, {});
    ASSERT_TRUE(whole.starts_with("ok ")) << whole;
    for (std::size_t cut = 0; cut <= page.size(); ++cut)
        ASSERT_EQ(decode_chunked(page, {cut}), whole) << "cut at " << cut;
    EXPECT_EQ(decode_chunked(page, cloudimg::test_support::every_offset(page.size())), whole);
    // and what it encodes decodes to the same again
    auto again = decode_chunked(whole.substr(3), {});
    EXPECT_EQ(again, whole);
}

struct bad_case {
    std::string from, to;  // replace the first `from` in the second image
    std::string expected;  // "<error> at '<path>'"
};

TEST(openstack_hostile, wrong_values_deep_in_a_page_name_their_path)
{
    std::vector<bad_case> const cases{
        {R"("minDisk":0)", R"("minDisk":-1)", "a number is out of range at 'images[1].minDisk'"},
        {R"("minDisk":0)", R"("minDisk":1.5)", "a JSON value has the wrong type at 'images[1].minDisk'"},
        {R"("minDisk":0)", R"("minDisk":"0")", "a JSON value has the wrong type at 'images[1].minDisk'"},
        {R"("minRam":4294967296)", R"("minRam":18446744073709551616)", "a JSON value has the wrong type at 'images[1].minRam'"},
        {R"("progress":50)", R"("progress":2147483648)", "a number is out of range at 'images[1].progress'"},
        {R"("status":"SAVING")", R"("status":1)", "a JSON value has the wrong type at 'images[1].status'"},
        {R"("created":"2011-01-01T01:02:03.123456789+05:30")", R"("created":"2011-01-01T01:02:03")",
         "a value does not parse at 'images[1].created'"},  // RFC 3339 needs a zone; Nova always writes one
        {R"("created":"2011-01-01T01:02:03.123456789+05:30")", R"("created":"2011-02-30T01:02:03Z")",
         "a value does not parse at 'images[1].created'"},
        {R"("id":"70a599e0-31e7-49b7-b260-868f441e862b",)", "", "a required field is missing at 'images[1].id'"},
        {R"("updated":null,)", "", "a required field is missing at 'images[1].updated'"},
        {R"("OS-EXT-IMG-SIZE:size":9223372036854775807,)", "", "a required field is missing at 'images[1].OS-EXT-IMG-SIZE:size'"},
        // Nova's `integer` is a signed 64-bit value: one past it does not fit; a negative one does
        {R"("OS-EXT-IMG-SIZE:size":9223372036854775807)", R"("OS-EXT-IMG-SIZE:size":9223372036854775808)",
         "a number is out of range at 'images[1].OS-EXT-IMG-SIZE:size'"},
        {R"("server":{"id":"s","links":[],"extra":1})", R"("server":{"links":[]})", "a required field is missing at 'images[1].server.id'"},
        {R"("rel":"bookmark")", R"("rel":null)", "a JSON value has the wrong type at 'images[1].links[1].rel'"},
        {R"("metadata":{)", R"("metadata":[{)", "a JSON value has the wrong type at 'images[1].metadata'"},
        {R"("name":null)", R"("name":false)", "a JSON value has the wrong type at 'images[1].name'"},
    };
    for (auto const& c : cases) {
        std::string text = page;
        auto const second = text.find("\"OS-DCF", text.find("\"OS-DCF") + 1);
        auto const at = text.find(c.from, second);
        ASSERT_NE(at, std::string::npos) << c.from;
        text.replace(at, c.from.size(), c.to);
        if (c.expected.find("'images[1].metadata'") != std::string::npos)
            text.replace(text.find("}},\"minDisk\"", at), 2, "}}]");  // close the array where the object ended
        EXPECT_EQ(decode_chunked(text, {}), c.expected) << c.to;
    }
}

TEST(openstack_hostile, limits_stop_deep_and_large_bodies)
{
    std::string deep = R"({"images":[{"metadata":{"x":)" + std::string(70, '[') + std::string(70, ']') + "}}]}";
    EXPECT_EQ(decode_chunked(deep, {}), "a decoder limit was exceeded at ''");
    json::decode_options small;
    small.max_body_size = 100;
    EXPECT_EQ(decode_chunked(page, {}, small), "a decoder limit was exceeded at ''");
    small = {};
    small.max_string_size = 10;  // the first key, "OS-DCF:diskConfig", is longer
    EXPECT_EQ(decode_chunked(page, {}, small), "a decoder limit was exceeded at 'images[0]'");
    // many metadata items are just many items
    std::string many = R"({"metadata":{)";
    for (int i = 0; i < 5000; ++i)
        many += (i ? "," : "") + std::string("\"k") + std::to_string(i) + "\":\"v\"";
    many += "}}";
    auto m = json::decode<openstack::metadata_response>(many);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->metadata.size(), 5000u);
}

TEST(openstack_hostile, bodies_that_are_not_json_or_not_novas)
{
    for (std::string body : {"", "null", "[]", "{", "{\"images\":[]}garbage", "\xef\xbb\xbf{\"images\":[]}", "{\"images\":{}}"}) {
        cloudimg::response r;
        r.status = 200;
        r.body = body;
        auto v = cloudimg::parse_response<openstack::list_images>(r);
        EXPECT_FALSE(v) << body;
        if (!v) {
            EXPECT_EQ(v.error().raw_body, body);
            EXPECT_EQ(v.error().http_status, 200);
        }
    }
    // an error body of the wrong shape is kept raw, whatever the status
    cloudimg::response e;
    e.status = 404;
    e.body = R"({"itemNotFound":{"code":404}})";
    auto f = cloudimg::parse_response<openstack::show_image>(e);
    ASSERT_FALSE(f);
    EXPECT_FALSE(f.error().body);
    EXPECT_EQ(f.error().raw_body, e.body);
    EXPECT_EQ(f.error().code, error::error_response);
}

// ---------------------------------------------------------------- URLs, headers and the token

TEST(openstack_hostile, ids_and_keys_stay_in_their_segment)
{
    openstack::config const cfg{.compute_url = "https://c.example.com/v2.1"};
    std::vector<std::pair<std::string, std::string>> const cases{
        {"../servers", "/v2.1/images/..%2Fservers/metadata/k"},
        {"a?b=c#d", "/v2.1/images/a%3Fb%3Dc%23d/metadata/k"},
        {"%2e%2e", "/v2.1/images/%252e%252e/metadata/k"},
        {"a b\xc3\xa9", "/v2.1/images/a%20b%C3%A9/metadata/k"},
        {"a\r\nX: 1", "/v2.1/images/a%0D%0AX%3A%201/metadata/k"}};
    for (auto const& [id, target] : cases) {
        auto req = openstack::prepare(cfg, openstack::show_image_metadata_item{.image_id = id, .key = "k"});
        ASSERT_TRUE(req) << id;
        EXPECT_EQ(req->target, target);
    }
    for (std::string dots : {".", ".."}) {
        EXPECT_FALSE(openstack::prepare(cfg, openstack::delete_image{.image_id = dots}));
        EXPECT_FALSE(openstack::prepare(cfg, openstack::delete_image_metadata_item{.image_id = "i", .key = dots}));
    }
    // a query value cannot add parameters
    auto q = openstack::prepare(cfg, openstack::list_images{.name = "a&limit=1&marker=x", .marker = "m#f"});
    ASSERT_TRUE(q);
    EXPECT_EQ(q->target, "/v2.1/images?name=a%26limit%3D1%26marker%3Dx&marker=m%23f");
}

TEST(openstack_hostile, a_compute_url_cannot_smuggle_a_query_a_fragment_or_credentials)
{
    for (std::string url : {"https://c.example.com/v2.1?x=1", "https://c.example.com/v2.1#f", "c.example.com/v2.1",
                            "ftp://c.example.com/v2.1", "https://c.example.com\r\nX-Injected: 1/v2.1",
                            "https://user:s3cr3t@c.example.com/v2.1"}) {
        SCOPED_TRACE(url);
        auto req = openstack::prepare(openstack::config{.compute_url = url, .token = "tok"}, openstack::list_images{});
        ASSERT_FALSE(req);
        EXPECT_EQ(req.error().code, error::invalid_base_url);
        EXPECT_EQ(req.error().what().find("s3cr3t"), std::string::npos);
    }
}

TEST(openstack_hostile, header_injection_is_refused_and_the_token_never_appears_in_errors)
{
    std::string const secret = "gAAAAAB-s3cr3t-T0KEN";
    for (std::string evil : std::vector<std::string>{"\r\nX-Injected: 1", "\nX-Injected: 1", "\rX-Injected: 1",
                                                     std::string("\0X-Injected", 11)}) {
        SCOPED_TRACE(evil);
        std::vector<std::pair<openstack::config, std::string>> const attempts{
            {{.compute_url = "https://c.example.com/v2.1", .token = secret + evil}, "X-Auth-Token"},
            {{.compute_url = "https://c.example.com/v2.1", .token = secret, .user_agent = "app" + evil}, "User-Agent"}};
        for (auto const& [cfg, header] : attempts) {
            auto req = openstack::prepare(cfg, openstack::list_images{});
            ASSERT_FALSE(req);
            EXPECT_EQ(req.error().code, error::invalid_header_value);
            EXPECT_NE(req.error().message.find(header), std::string::npos);
            EXPECT_EQ(req.error().what().find(secret), std::string::npos);
            EXPECT_EQ(req.error().what().find("X-Injected"), std::string::npos);
        }
        // the microversion is parsed, so nothing but X.Y gets near a header
        auto mv = openstack::prepare(openstack::config{.compute_url = "https://c.example.com/v2.1", .microversion = "2.1" + evil},
                                     openstack::list_images{});
        ASSERT_FALSE(mv);
        EXPECT_EQ(mv.error().code, error::invalid_argument);
    }
    // a server that answers with an error: only its message is copied
    cloudimg::testing::scripted_transport t;
    t.expect(cloudimg::http_method::delete_, "/v2.1/images/i")
        .header("X-Auth-Token", secret)
        .respond(403, R"({"forbidden":{"code":403,"message":"Policy doesn't allow compute:image:delete."}})");
    cloudimg::client c{openstack::config{.compute_url = "https://c.example.com/v2.1", .token = secret}, t};
    auto r = c.send(openstack::delete_image{.image_id = "i"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().provider_code, "forbidden");
    EXPECT_EQ(r.error().what().find(secret), std::string::npos);
    EXPECT_EQ(t.report(), "");
}

TEST(openstack_hostile, request_bodies_escape_what_they_carry)
{
    auto req = openstack::prepare(openstack::config{.compute_url = "https://c.example.com/v2.1"},
                                  openstack::set_image_metadata_item{.image_id = "i",
                                                                     .key = "k",
                                                                     .body = {.meta = {{"k", "\"},\"x\":{\"y\n\\\x01</script>"}}}});
    ASSERT_TRUE(req) << req.error().what();
    EXPECT_EQ(std::get<std::string>(req->body), R"({"meta":{"k":"\"},\"x\":{\"y\n\\\u0001</script>"}})");
}

} // namespace
