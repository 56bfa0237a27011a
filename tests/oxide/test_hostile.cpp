// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Hostile inputs for the Oxide provider, each with its expected outcome:
// pages cut into chunks at every byte, malformed UUIDs and numbers deep in a
// page, bodies above the decoder's limits, error bodies that are not
// Dropshot's, names and ids that try to escape their URL component, and
// configuration values that try to inject headers or leak the token.

// The header under test comes first: it must be self-contained.
#include <cloudimg/oxide.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/response.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <hostile.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace oxide = cloudimg::oxide;
namespace json = cloudimg::json;
using cloudimg::error;
using namespace cloudimg::test_support;

namespace {

std::string const image = R"({"id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c","name":"debian-12",)"
                          R"("description":"caf\u00e9 \"q\" \\ \/ \ud83d\ude00 \t end \u2028",)"
                          R"("time_created":"2026-08-19T10:11:12.123456789+05:30","time_modified":"2026-08-19T10:11:13Z",)"
                          R"("project_id":null,"os":"debian","version":"12",)"
                          R"("unknown":{"deep":[[{"x":[1,2.5e10,-3,true,false,null,"\u0000"]}]],"more":{}},)"
                          R"("digest":{"type":"sha512","value":"00","extra":[{}]},"block_size":65536,"size":18446744073709551615})";

std::string const page = "{\n  \"items\": [" + image + ",\n" + image + "],\r\n\t\"next_page\":\"eyJ2IjoidjEifQ==\"} \n";

// What `page` and its variations decode as.
using images_page = oxide::image_results_page;

TEST(oxide_hostile, header_is_self_contained_and_the_page_decodes)
{
    auto r = json::decode<oxide::image_results_page>(page);
    ASSERT_TRUE(r) << r.error().what();
    ASSERT_EQ(r->items.size(), 2u);
    EXPECT_EQ(r->items[1].description, "caf\xc3\xa9 \"q\" \\ / \xf0\x9f\x98\x80 \t end \xe2\x80\xa8");
    EXPECT_EQ(r->items[1].time_created.nanoseconds, 123456789u);
    EXPECT_EQ(r->items[1].time_created.offset_minutes, 330);
    EXPECT_EQ(r->items[1].digest->type.wire(), "sha512");
    EXPECT_EQ(oxide::to_bytes(r->items[1].block_size), 65536u);
}

TEST(oxide_hostile, every_split_point_gives_the_same_result)
{
    std::string const whole = decode_chunked<images_page>(page, {});
    ASSERT_TRUE(whole.starts_with("ok ")) << whole;
    EXPECT_TRUE(same_at_every_split<images_page>(page, whole, {.random_rounds = 200, .seed = 20260819}));
}

TEST(oxide_hostile, bad_values_deep_in_a_page_are_reported_with_their_path_at_every_split_point)
{
    struct bad {
        std::string from, to, outcome;
    };
    for (auto const& b : std::vector<bad>{
             {R"("id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c")", R"("id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6")",
              "a value does not parse at 'items[1].id'"},
             {R"("id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c")", R"("id":"{0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b}")",
              "a value does not parse at 'items[1].id'"},
             {R"("id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c")", R"("id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6\u0063")",
              "ok"},  // an escaped 'c' is a 'c': validation sees the decoded text
             {R"("project_id":null)", R"("project_id":"x")", "a value does not parse at 'items[1].project_id'"},
             {R"("block_size":65536)", R"("block_size":1e3)", "a JSON value has the wrong type at 'items[1].block_size'"},
             {R"("size":18446744073709551615)", R"("size":-0)", "ok"},
             {R"("size":18446744073709551615)", R"("size":184467440737095516150)",
              "a JSON value has the wrong type at 'items[1].size'"},
             {R"("name":"debian-12",)", "", "a required field is missing at 'items[1].name'"},
         }) {
        std::string text = page;
        auto const at = text.rfind(b.from);  // the second image's
        ASSERT_NE(at, std::string::npos) << b.from;
        text.replace(at, b.from.size(), b.to);
        SCOPED_TRACE(b.to);
        auto const whole = decode_chunked<images_page>(text, {});
        if (b.outcome == "ok") {
            EXPECT_TRUE(whole.starts_with("ok ")) << whole;
            continue;
        }
        EXPECT_EQ(whole, b.outcome);
        EXPECT_TRUE(same_at_every_split<images_page>(text, b.outcome, {.stride = 3, .byte_by_byte = false}));
    }
}

TEST(oxide_hostile, depth_string_and_body_limits)
{
    std::string const deep = R"({"items":[],"x":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
    auto r = json::decode<oxide::image_results_page>(deep);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::limit_exceeded);

    json::decode_options o;
    o.max_string_size = 100;
    auto token = json::decode<oxide::image_results_page>(R"({"items":[],"next_page":")" + std::string(101, 't') + "\"}", o);
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code, error::limit_exceeded);
    EXPECT_EQ(token.error().path, "next_page");

    json::decode_options b;
    b.max_body_size = page.size() - 1;
    EXPECT_EQ(decode_chunked<images_page>(page, {}, b), "a decoder limit was exceeded at ''");
}

TEST(oxide_hostile, error_bodies_that_are_not_dropshot_errors_are_kept_raw)
{
    EXPECT_TRUE(gateway_page_kept_raw<oxide::view_image>());

    // a body that is JSON but not Dropshot's Error (Prism's problem+json, a proxy's own)
    cloudimg::response r;
    r.status = 422;
    r.body = R"({"type":"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY","title":"Invalid request","status":422})";
    EXPECT_TRUE(kept_raw(cloudimg::parse_response<oxide::view_image>(r), 422, r.body));

    // a success status whose body does not decode keeps the body and says where
    r.status = 200;
    r.body = R"({"id":"nope"})";
    auto res = cloudimg::parse_response<oxide::view_image>(r);
    ASSERT_TRUE(kept_raw(res, 200, r.body));
    EXPECT_EQ(res.error().code, error::invalid_value);
    EXPECT_EQ(res.error().path, "id");
}

TEST(oxide_hostile, names_and_ids_cannot_escape_their_url_component)
{
    oxide::config const cfg{.base_url = "https://oxide.sys.example.com", .token = "t"};
    // nothing outside [a-zA-Z0-9-] passes as a name, so nothing needs escaping; the rest is refused
    for (std::string evil : std::vector<std::string>{"a/b", "a?b", "a#b", "a&project=x", "a%2Fb", ".", "..", "a b", "a\r\nX: y",
                             std::string("a\0b", 3), "a\xc3\xa9"}) {
        SCOPED_TRACE(evil);
        EXPECT_TRUE(refused(oxide::prepare(cfg, oxide::view_image{.image = evil}), error::invalid_argument));
        EXPECT_TRUE(refused(oxide::prepare(cfg, oxide::list_images{.project = evil}), error::invalid_argument));
    }
    // page tokens are opaque text: any byte is data, percent-encoded
    auto req = oxide::prepare(cfg, oxide::list_images{.page_token = "a/b?c#d&e=f+g h%\xc3\xa9"});
    ASSERT_TRUE(req) << req.error().what();
    EXPECT_EQ(req->target, "/v1/images?page_token=a%2Fb%3Fc%23d%26e%3Df%2Bg%20h%25%C3%A9");
}

TEST(oxide_hostile, a_base_url_cannot_smuggle_a_query_a_fragment_or_headers)
{
    for (auto const& url : hostile_base_urls("oxide.sys.example.com")) {
        SCOPED_TRACE(url);
        auto req = oxide::prepare(oxide::config{.base_url = url, .token = "t"}, oxide::view_image{.image = "a"});
        EXPECT_TRUE(refused(req, error::invalid_base_url, {"s3cr3t"}));
    }
}

TEST(oxide_hostile, header_injection_is_refused_and_the_token_never_appears_in_errors)
{
    std::string const secret = "oxide-token-s3cr3t0123456789";
    for (auto const& evil : header_injections()) {
        for (std::string_view field : {"token", "api-version", "User-Agent"}) {
            SCOPED_TRACE(field);
            oxide::config cfg{.base_url = "https://oxide.sys.example.com", .token = secret};
            if (field == "token")
                cfg.token += evil;
            else if (field == "api-version")
                cfg.api_version += evil;
            else
                cfg.user_agent += evil;
            auto req = oxide::prepare(cfg, oxide::view_image{.image = "a"});
            ASSERT_TRUE(refused(req, error::invalid_header_value, {secret, "X-Injected", "GET /"}));
            EXPECT_NE(req.error().message.find(field == "token" ? "Authorization" : field), std::string::npos)
                << req.error().message;
        }
    }
}

TEST(oxide_hostile, the_token_is_not_in_error_responses_either)
{
    // a server echoing the request's headers into its error body: only the
    // body's code, message and request id are copied
    std::string const secret = "oxide-token-s3cr3t0123456789";
    cloudimg::testing::scripted_transport t;
    t.expect(cloudimg::http_method::get, "/v1/images/a")
        .header("Authorization", "Bearer " + secret)
        .respond(401, R"({"request_id":"r-1","error_code":"Unauthorized","message":"credentials missing or invalid"})");
    cloudimg::client c{oxide::config{.base_url = "https://oxide.sys.example.com", .token = secret}, t};
    auto r = c.send(oxide::view_image{.image = "a"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().provider_code, "Unauthorized");
    EXPECT_EQ(r.error().request_id, "r-1");
    EXPECT_TRUE(mentions_none(r.error(), {secret}));
    EXPECT_EQ(t.report(), "");
}

} // namespace
