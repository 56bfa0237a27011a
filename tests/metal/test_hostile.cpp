// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Hostile inputs for the metal-stack endpoints, each with its expected
// outcome: image ids that try to escape their path segment, credentials and
// header values that try to inject headers, an HMAC signer without a key, and
// response bodies (bare JSON arrays here) that are deep, truncated, cut into
// chunks at every byte, or not metal-api's at all.

// The header under test comes first: it must be self-contained.
#include <cloudimg/metal.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/metal/hmac.hpp>
#include <cloudimg/response.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <hostile.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace metal = cloudimg::metal;
namespace json = cloudimg::json;
using cloudimg::error;
using namespace cloudimg::test_support;

namespace {

metal::config const cfg{.base_url = "https://metal.example.com", .auth = metal::bearer_token{"t"}};

// The target of `E{.id = id}`, or the error's code.
template <class E>
std::string target_of(std::string const& id)
{
    auto req = metal::prepare(cfg, E{.id = id});
    return req ? req->target : "error: " + req.error().code.message();
}

// ---------------------------------------------------------------- URLs

TEST(metal_hostile, header_is_self_contained_and_ids_cannot_escape_their_path_segment)
{
    std::string const evil = "a/b?c#d&e=f,g!h i%j \xc3\xbc";
    std::string const encoded = "a%2Fb%3Fc%23d%26e%3Df%2Cg%21h%20i%25j%20%C3%BC";
    EXPECT_EQ(target_of<metal::find_image>(evil), "/v1/image/" + encoded);
    EXPECT_EQ(target_of<metal::delete_image>(evil), "/v1/image/" + encoded);
    EXPECT_EQ(target_of<metal::find_latest_image>(evil), "/v1/image/" + encoded + "/latest");
    EXPECT_EQ(target_of<metal::query_images>(evil), "/v1/image/" + encoded + "/query");

    // each character on its own, so none hides behind another
    std::vector<std::pair<std::string, std::string>> const one{
        {"/", "%2F"}, {"?", "%3F"}, {"#", "%23"}, {"&", "%26"}, {"=", "%3D"}, {",", "%2C"},
        {"!", "%21"}, {" ", "%20"}, {"%", "%25"}, {"+", "%2B"}, {";", "%3B"}, {"\\", "%5C"}};
    for (auto const& [raw, enc] : one)
        EXPECT_EQ(target_of<metal::find_latest_image>("ubuntu" + raw + "20.04"), "/v1/image/ubuntu" + enc + "20.04/latest") << raw;

    // what looks like a path or an escape stays data
    EXPECT_EQ(target_of<metal::find_image>("../../v1/machine"), "/v1/image/..%2F..%2Fv1%2Fmachine");
    EXPECT_EQ(target_of<metal::find_image>("%2F"), "/v1/image/%252F");
    EXPECT_EQ(target_of<metal::find_image>(std::string("a\0b\r\nX: 1", 9)), "/v1/image/a%00b%0D%0AX%3A%201");
    EXPECT_EQ(target_of<metal::find_image>("ubuntu-20.04.20200502"), "/v1/image/ubuntu-20.04.20200502");  // unreserved
}

TEST(metal_hostile, empty_and_dot_segment_ids_are_refused)
{
    for (std::string id : {"", ".", ".."}) {
        SCOPED_TRACE(id);
        EXPECT_EQ(target_of<metal::find_image>(id), "error: invalid argument");
        EXPECT_EQ(target_of<metal::delete_image>(id), "error: invalid argument");
        EXPECT_EQ(target_of<metal::find_latest_image>(id), "error: invalid argument");
        EXPECT_EQ(target_of<metal::query_images>(id), "error: invalid argument");
    }
    EXPECT_EQ(target_of<metal::find_image>("..."), "/v1/image/...");
}

TEST(metal_hostile, body_strings_are_json_escaped)
{
    auto req = metal::prepare(cfg, metal::create_image{.body = {.id = "a\"},\"url\":\"x", .url = "u\n\\\x01", .name = "</script>"}});
    ASSERT_TRUE(req) << req.error().what();
    EXPECT_EQ(std::get<std::string>(req->body), R"({"id":"a\"},\"url\":\"x","url":"u\n\\\u0001","name":"</script>"})");
}

TEST(metal_hostile, a_base_url_cannot_smuggle_a_query_a_fragment_or_credentials)
{
    for (auto const& url : hostile_base_urls("metal.example.com")) {
        SCOPED_TRACE(url);
        EXPECT_TRUE(refused(metal::prepare(metal::config{.base_url = url}, metal::list_images{}), error::invalid_base_url, {"s3cr3t"}));
    }
}

// ---------------------------------------------------------------- headers and credentials

TEST(metal_hostile, header_injection_is_refused_and_credentials_never_appear_in_errors)
{
    std::string const secret = "s3cr3t-T0KEN-value";
    for (auto const& evil : header_injections()) {
        SCOPED_TRACE(evil);
        struct attempt {
            metal::config config;
            std::string header;
        };
        std::vector<attempt> const attempts{
            {{.base_url = "https://m.example", .auth = metal::bearer_token{secret + evil}}, "Authorization"},
            {{.base_url = "https://m.example", .auth = metal::bearer_token{secret}, .user_agent = "app/1.0" + evil},
             "User-Agent"},
            {{.base_url = "https://m.example",
              .auth = metal::request_signer(metal::hmac_signer{
                  .key = secret, .salt = [&]() -> cloudimg::result<std::string> { return "salt" + evil; }})},
             "X-Data-Salt"},
        };
        for (auto const& a : attempts) {
            auto req = metal::prepare(a.config, metal::find_image{.id = "ubuntu-20.04"});
            ASSERT_TRUE(refused(req, error::invalid_header_value, {secret, "X-Injected", "GET /"}));
            EXPECT_NE(req.error().message.find(a.header), std::string::npos) << req.error().message;
            cloudimg::testing::scripted_transport t;  // no request expected
            cloudimg::client c{a.config, t};
            EXPECT_TRUE(refused(c.send(metal::list_images{}), error::invalid_header_value, {secret}));
            EXPECT_TRUE(t.requests().empty());
        }
    }
    // an HMAC auth type with a line break is refused before any header is set
    auto bad_type = metal::prepare(
        metal::config{.base_url = "https://m.example",
                      .auth = metal::request_signer(metal::hmac_signer{.key = secret, .auth_type = "Metal-Admin\r\nX-Injected: 1"})},
        metal::list_images{});
    EXPECT_TRUE(refused(bad_type, error::invalid_argument, {"X-Injected", secret}));
}

TEST(metal_hostile, an_hmac_signer_without_a_key_is_refused)
{
    for (auto const& signer : {metal::hmac_signer{}, metal::hmac_signer{.key = "", .auth_type = "Metal-View"}}) {
        auto req = metal::prepare(metal::config{.base_url = "https://m.example", .auth = metal::request_signer(signer)},
                                  metal::delete_image{.id = "ubuntu-20.04.20200502"});
        ASSERT_FALSE(req);
        EXPECT_EQ(req.error().code, error::invalid_argument);
        EXPECT_NE(req.error().message.find("HMAC key is empty"), std::string::npos) << req.error().message;
    }
}

TEST(metal_hostile, the_credentials_are_not_in_decode_errors_either)
{
    // a server that echoes the request headers into its error message: only
    // its message is copied, and the library adds none of the request's headers
    std::string const secret = "s3cr3t-T0KEN-value";
    cloudimg::testing::scripted_transport t;
    t.expect(cloudimg::http_method::get, "/v1/image/a-1.0")
        .header("Authorization", "Bearer " + secret)
        .respond(403, R"({"message":"invalid token","statuscode":403})");
    cloudimg::client c{metal::config{.base_url = "https://m.example", .auth = metal::bearer_token{secret}}, t};
    auto r = c.send(metal::find_image{.id = "a-1.0"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().http_status, 403);
    EXPECT_EQ(r.error().message, "invalid token");
    EXPECT_TRUE(mentions_none(r.error(), {secret}));
    EXPECT_EQ(t.report(), "");
}

// ---------------------------------------------------------------- bodies

std::string const one_image = R"({"id":"ubuntu-20.04.20200502","name":"caf\u00e9 \"q\" \\ \/ \ud83d\ude00","description":"",)"
                              R"("url":"https://x/y.tar.lz4","features":["machine","gpu"],"expirationDate":"2026-01-01T00:00:00.5+01:00",)"
                              R"("classification":"future","usedby":null,"unknown":{"deep":[[{"x":[1,2.5e10,-3,true,null]}]]},)"
                              R"("created":"2020-05-02T10:00:00Z","changed":"2020-05-02T10:00:00Z"})";
std::string const list = "[\n " + one_image + ",\r\n\t" + one_image + "] \n";

// What `list` and its variations decode as: metal-api lists are bare arrays.
using image_list = std::vector<metal::image>;

TEST(metal_hostile, a_list_decodes_the_same_at_every_split_point)
{
    std::string const whole = decode_chunked<image_list>(list, {});
    ASSERT_TRUE(whole.starts_with("ok ")) << whole;
    EXPECT_NE(whole.find(R"("features":["machine","gpu"])"), std::string::npos);
    EXPECT_TRUE(same_at_every_split<image_list>(
        list, whole, {.random_rounds = 200, .seed = 20200502, .short_step = 4, .long_step = 61}));
}

TEST(metal_hostile, errors_name_the_element_and_are_the_same_at_every_split_point)
{
    std::string missing = list;
    auto const date = missing.rfind(R"("expirationDate":)");
    missing.erase(date, missing.find(',', date) + 1 - date);
    std::string wrong = list;
    wrong.replace(wrong.rfind(R"("usedby":null)"), 13, R"("usedby":"m")");
    std::string bad_date = list;
    bad_date.replace(bad_date.rfind("2026-01-01T00:00:00.5+01:00"), 27, "2026-02-30T00:00:00Z");
    struct bad {
        std::string text;
        std::string outcome;
    };
    std::vector<bad> const cases{
        {missing, "a required field is missing at '[1].expirationDate'"},
        {wrong, "a JSON value has the wrong type at '[1].usedby'"},
        {bad_date, "a value does not parse at '[1].expirationDate'"},
        {R"([{"id":1,"expirationDate":"2026-01-01T00:00:00Z"}])", "a JSON value has the wrong type at '[0].id'"},
        {R"({"id":"a-1.0","expirationDate":"2026-01-01T00:00:00Z"})", "a JSON value has the wrong type at ''"},  // not an array
        {"null", "a JSON value has the wrong type at ''"},
        {list.substr(0, list.size() / 2), "the body is not valid JSON at ''"},
        {list + "[]", "the body is not valid JSON at ''"},
        {"[\"\xff\"]", "the body is not valid JSON at ''"},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.outcome + " / " + c.text.substr(0, 40));
        ASSERT_EQ(decode_chunked<image_list>(c.text, {}), c.outcome);
        EXPECT_TRUE(same_at_every_split<image_list>(c.text, c.outcome, {.byte_by_byte = false}));
    }
}

TEST(metal_hostile, every_truncation_is_a_syntax_error)
{
    for (std::size_t n = 0; n < list.size(); ++n) {
        if (n > list.rfind(']'))
            continue;
        auto r = json::decode<std::vector<metal::image>>(std::string_view(list.data(), n));
        ASSERT_FALSE(r) << n;
        ASSERT_EQ(r.error().code, error::json_syntax) << n << ": " << r.error().what();
    }
}

TEST(metal_hostile, depth_and_size_limits_hold_for_bare_arrays)
{
    // deep garbage under a key nobody asked for is still counted
    std::string const shallow = R"([{"x":)" + std::string(60, '[') + std::string(60, ']') +
                                R"(,"id":"a-1.0","expirationDate":"2026-01-01T00:00:00Z"}])";
    EXPECT_TRUE(json::decode<std::vector<metal::image>>(shallow));
    for (std::size_t depth : {64u, 100000u}) {
        std::string const body = R"([{"x":)" + std::string(depth, '[') + std::string(depth, ']') + "}]";
        auto r = json::decode<std::vector<metal::image>>(body);
        ASSERT_FALSE(r) << depth;
        EXPECT_EQ(r.error().code, error::limit_exceeded) << depth;
    }
    json::decode_options o;
    o.max_string_size = 100;
    std::string const long_id = R"([{"id":")" + std::string(101, 'x') + R"(","expirationDate":"2026-01-01T00:00:00Z"}])";
    auto r = json::decode<std::vector<metal::image>>(long_id, o);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::limit_exceeded);
    EXPECT_EQ(r.error().path, "[0].id");
    o = {};
    o.max_body_size = list.size() - 1;
    EXPECT_EQ(decode_chunked<image_list>(list, {list.size() / 2}, o), "a decoder limit was exceeded at ''");
}

TEST(metal_hostile, error_bodies_that_are_not_metal_errors_are_kept_raw)
{
    EXPECT_TRUE(gateway_page_kept_raw<metal::find_image>());

    // Prism's own problem+json, and a metal body with the wrong types
    for (std::string body : {std::string(R"({"type":"https://stoplight.io/prism/errors#UNAUTHORIZED","status":401})"),
                             std::string(R"({"message":"x","statuscode":"401"})"), std::string(R"({"message":null,"statuscode":401})")}) {
        cloudimg::response r;
        r.status = 401;
        r.body = body;
        EXPECT_TRUE(kept_raw(cloudimg::parse_response<metal::find_image>(r), 401, body)) << body;
    }

    cloudimg::response r;
    r.status = 500;
    r.body = R"({"message":)" + std::string(100000, '[');
    auto res = cloudimg::parse_response<metal::find_image>(r);
    ASSERT_FALSE(res);
    EXPECT_EQ(res.error().raw_body.size(), 64u * 1024u);  // capped

    r.status = 200;
    for (std::string body : {"", "null", "[]", "{}", R"({"id":"a-1.0"})"}) {
        r.body = body;
        EXPECT_TRUE(kept_raw(cloudimg::parse_response<metal::find_image>(r), 200, body)) << body;
    }
}

} // namespace
