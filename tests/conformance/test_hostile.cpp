// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// A catalog of hostile inputs, each with its expected outcome: bodies that try
// to exhaust the stack or memory, broken and truncated JSON, documents cut into
// chunks at every byte, parameter values that try to escape their URL
// component, and header values that try to inject headers.

// The header under test comes first: it must be self-contained.
#include <cloudimg/hetzner.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/request.hpp>
#include <cloudimg/response.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <hostile.hpp>

#include <boost/describe/class.hpp>
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace hetzner = cloudimg::hetzner;
namespace json = cloudimg::json;
using cloudimg::error;
using namespace cloudimg::test_support;

// An endpoint with string path and query parameters, as other providers have
// (LXD aliases, OpenStack names): Hetzner's own path parameters are integers.
namespace hostile {

struct get_thing {
    std::string id;
    std::optional<std::string> filter{};

    using provider = hetzner::provider;
    static constexpr cloudimg::http_method method = cloudimg::http_method::get;
    static constexpr std::string_view path = "/things/{id}/sub";
    using responses = cloudimg::responses<cloudimg::on_status<200, cloudimg::no_content>>;
};
BOOST_DESCRIBE_STRUCT(get_thing, (), (id, filter))

// A header parameter carries caller data into a header.
struct tagged {
    std::int64_t id;
    std::string request_tag;

    using provider = hetzner::provider;
    static constexpr cloudimg::http_method method = cloudimg::http_method::get;
    static constexpr std::string_view path = "/tagged/{id}";
    static constexpr std::array<std::string_view, 1> header_params{"request_tag"};
    using responses = cloudimg::responses<cloudimg::on_status<200, cloudimg::no_content>>;
};
BOOST_DESCRIBE_STRUCT(tagged, (), (id, request_tag))

struct counters {
    std::uint64_t size;
    std::uint8_t small;
};
BOOST_DESCRIBE_STRUCT(counters, (), (size, small))

} // namespace hostile

namespace {

std::string const image = R"({"id":9007199254740993,"type":"snapshot","status":"available","name":null,)"
                          R"("description":"caf\u00e9 \"q\" \\ \/ \ud83d\ude00 \t end","image_size":2.25,"disk_size":20,)"
                          R"("created":"2016-01-30T23:50:00.123+01:00","created_from":{"id":1,"name":"Server"},)"
                          R"("bound_to":null,"os_flavor":"future-os","os_version":"20.04","rapid_deploy":null,)"
                          R"("unknown":{"deep":[[{"x":[1,2.5e10,-3,true,false,null,"\u0000"]}]],"more":{}},)"
                          R"("protection":{"delete":false},"deprecated":null,"deleted":null,)"
                          "\"labels\":{\"env\":\"prod\",\"k\\u00fc\":\"v \xc3\xbc \xf0\x9f\x98\x80\"},\"architecture\":\"x86\"}";

std::string const list = "{\n  \"images\": [" + image + ",\n" + image +
                         "],\r\n\t\"meta\":{\"pagination\":{\"page\":1,\"per_page\":25,\"previous_page\":null,"
                         "\"next_page\":null,\"last_page\":-1,\"total_entries\":18446744073709551}}} \n";

// What `list` and its variations decode as.
using images_page = hetzner::list_images_response;

// ---------------------------------------------------------------- chunked decoding

TEST(hostile, header_is_self_contained_and_the_document_decodes)
{
    auto r = json::decode<hetzner::list_images_response>(list);
    ASSERT_TRUE(r) << r.error().what();
    ASSERT_EQ(r->images.size(), 2u);
    EXPECT_EQ(r->images[1].id, 9007199254740993);
    EXPECT_EQ(r->images[1].description, "caf\xc3\xa9 \"q\" \\ / \xf0\x9f\x98\x80 \t end");
    EXPECT_EQ(r->images[1].labels.at("k\xc3\xbc"), "v \xc3\xbc \xf0\x9f\x98\x80");
    EXPECT_EQ(r->images[1].os_flavor.wire(), "future-os");
    EXPECT_EQ(r->meta.pagination.total_entries, cloudimg::nullable<std::int64_t>(18446744073709551));
}

TEST(hostile, every_split_point_gives_the_same_result)
{
    std::string const whole = decode_chunked<images_page>(list, {});
    ASSERT_TRUE(whole.starts_with("ok ")) << whole;
    EXPECT_TRUE(same_at_every_split<images_page>(list, whole, {.byte_by_byte = false}));
    for (std::size_t a = 0; a < list.size(); a += 7)
        for (std::size_t b = a; b <= list.size(); b += 13)
            ASSERT_EQ(decode_chunked<images_page>(list, {a, b}), whole) << "cuts at " << a << ", " << b;
}

TEST(hostile, byte_by_byte_and_random_chunks_give_the_same_result)
{
    std::string const whole = decode_chunked<images_page>(list, {});
    EXPECT_TRUE(same_at_every_split<images_page>(list, whole, {.stride = 0, .random_rounds = 300, .seed = 20260130}));
}

TEST(hostile, errors_are_the_same_at_every_split_point)
{
    struct bad {
        std::string text;
        std::string outcome;
    };
    std::string missing = list;
    auto const created = missing.rfind(R"("created":)");  // the second image's
    missing.erase(created, missing.find(',', created) + 1 - created);
    std::string wrong = list;
    wrong.replace(wrong.rfind(R"("disk_size":20)"), 14, R"("disk_size":"20")");
    std::vector<bad> const cases{
        {missing, "a required field is missing at 'images[1].created'"},
        {wrong, "a JSON value has the wrong type at 'images[1].disk_size'"},
        {list.substr(0, list.size() / 2), "the body is not valid JSON at ''"},
        {list + "x", "the body is not valid JSON at ''"},
        {list + "{}", "the body is not valid JSON at ''"},
        {list + "0", "the body is not valid JSON at ''"},
        {"{\"images\":[],\"x\":\"\xff\"}", "the body is not valid JSON at ''"},        // invalid UTF-8
        {R"({"images":[],"x":"\ud800"})", "the body is not valid JSON at ''"},          // lone surrogate
        {R"({"images":[],"meta":{"pagination":{"page":01}}})", "the body is not valid JSON at ''"},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.outcome + " / " + c.text.substr(0, 40));
        ASSERT_EQ(decode_chunked<images_page>(c.text, {}), c.outcome);
        EXPECT_TRUE(same_at_every_split<images_page>(c.text, c.outcome));
    }
}

TEST(hostile, every_truncation_is_a_syntax_error)
{
    for (std::size_t n = 0; n < list.size(); ++n) {
        std::string_view const cut(list.data(), n);
        if (n > list.rfind('}'))  // complete: only trailing whitespace is missing
            continue;
        auto r = json::decode<hetzner::list_images_response>(cut);
        ASSERT_FALSE(r) << "decoded a prefix of " << n << " bytes";
        ASSERT_EQ(r.error().code, error::json_syntax) << n << ": " << r.error().what();
    }
}

TEST(hostile, broken_json_is_a_syntax_error)
{
    // each breaks the syntax before the decoder sees a value of the wrong shape
    for (std::string bad : {"", " ", "{", "}", "{\"images\":[", "nul", "{\"images\":[],}", "{'images':[]}", "{\"images\":[]/*c*/}",
                            "{\"images\":[NaN]}", "{\"images\":[Infinity]}", "{\"images\" [] }", "\xef\xbb\xbf{}",
                            "{\"images\":[\"\x01\"]}"}) {
        auto r = json::decode<hetzner::list_images_response>(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, error::json_syntax) << bad << ": " << r.error().what();
    }
}

// ---------------------------------------------------------------- limits

std::string nested(std::size_t depth)
{
    return std::string(depth, '[') + std::string(depth, ']');
}

TEST(hostile, deep_garbage_in_unknown_keys_hits_the_depth_limit)
{
    std::string const shallow = R"({"images":[],"x":)" + nested(60) + R"(,"meta":{"pagination":{"page":1,"per_page":1,)"
                                R"("previous_page":null,"next_page":null,"last_page":null,"total_entries":null}}})";
    auto ok = json::decode<hetzner::list_images_response>(shallow);
    EXPECT_TRUE(ok) << ok.error().what();  // skipped: within the default limit of 64

    for (std::size_t depth : {64u, 100u, 100000u}) {
        std::string const body = R"({"images":[],"x":)" + nested(depth) + "}";
        auto r = json::decode<hetzner::list_images_response>(body);
        ASSERT_FALSE(r) << depth;
        EXPECT_EQ(r.error().code, error::limit_exceeded) << depth << ": " << r.error().what();
    }
    std::string objects;
    for (int i = 0; i < 100000; ++i)
        objects += R"({"a":)";
    auto r = json::decode<hetzner::list_images_response>(R"({"images":[],"x":)" + objects);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::limit_exceeded);

    json::decode_options tight;
    tight.max_depth = 3;  // a list of images needs more
    EXPECT_EQ(decode_chunked<images_page>(list, {}, tight), "a decoder limit was exceeded at ''");
}

TEST(hostile, strings_and_bodies_above_the_limits)
{
    json::decode_options o;
    o.max_string_size = 1000;
    auto doc = [](std::string const& description, std::string const& key = "x") {
        std::string img = image;
        std::string const original = R"("description":"caf\u00e9 \"q\" \\ \/ \ud83d\ude00 \t end",)";
        img.replace(img.find(original), original.size(), R"("description":")" + description + R"(",)");
        return R"({")" + key + R"(":0,"images":[)" + img + R"(],"meta":{"pagination":{"page":1,"per_page":1,)"
               R"("previous_page":null,"next_page":null,"last_page":null,"total_entries":null}}})";
    };
    auto at_limit = json::decode<hetzner::list_images_response>(doc(std::string(1000, 'a')), o);
    ASSERT_TRUE(at_limit) << at_limit.error().what();
    EXPECT_EQ(at_limit->images[0].description.size(), 1000u);

    std::string const over = doc(std::string(1001, 'a'));
    auto r = json::decode<hetzner::list_images_response>(over, o);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::limit_exceeded);
    EXPECT_EQ(r.error().path, "images[0].description");
    // the same in pieces: a string split across chunks is counted whole
    for (std::size_t cut : {over.find("aaaa"), over.find("aaaa") + 500, over.find("aaaa") + 1000}) {
        SCOPED_TRACE(cut);
        EXPECT_EQ(decode_chunked<images_page>(over, {cut}, o), "a decoder limit was exceeded at 'images[0].description'");
    }
    // escapes count as the bytes they decode to
    std::string escaped;
    for (int i = 0; i < 1001; ++i)
        escaped += "\\u0041";
    EXPECT_FALSE(json::decode<hetzner::list_images_response>(doc(escaped), o));

    // keys count too, and so do strings nobody asked for
    auto key = json::decode<hetzner::list_images_response>(doc("d", std::string(1001, 'k')), o);
    ASSERT_FALSE(key);
    EXPECT_EQ(key.error().code, error::limit_exceeded);
    auto skipped = json::decode<hetzner::list_images_response>(R"({"x":")" + std::string(1001, 's') + R"("})", o);
    ASSERT_FALSE(skipped);
    EXPECT_EQ(skipped.error().code, error::limit_exceeded);

    // the whole body
    json::decode_options b;
    b.max_body_size = list.size();
    EXPECT_TRUE(decode_chunked<images_page>(list, {}, b).starts_with("ok "));
    b.max_body_size = list.size() - 1;
    EXPECT_EQ(decode_chunked<images_page>(list, {}, b), "a decoder limit was exceeded at ''");
    EXPECT_EQ(decode_chunked<images_page>(list, every_offset(list.size()), b), "a decoder limit was exceeded at ''");
}

TEST(hostile, unsigned_and_narrow_integers)
{
    auto neg = json::decode<hostile::counters>(R"({"size":-1,"small":0})");
    ASSERT_FALSE(neg);
    EXPECT_EQ(neg.error().code, error::out_of_range);
    EXPECT_EQ(neg.error().path, "size");
    auto wide = json::decode<hostile::counters>(R"({"size":18446744073709551615,"small":256})");
    ASSERT_FALSE(wide);
    EXPECT_EQ(wide.error().code, error::out_of_range);
    EXPECT_EQ(wide.error().path, "small");
    auto ok = json::decode<hostile::counters>(R"({"size":18446744073709551615,"small":255})");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->size, 18446744073709551615u);
}

// ---------------------------------------------------------------- hostile responses

TEST(hostile, error_bodies_that_are_not_hetzner_errors_are_kept_raw)
{
    EXPECT_TRUE(gateway_page_kept_raw<hetzner::get_image>());

    cloudimg::response r;
    r.status = 500;
    r.body = R"({"error":{"code":"x","message":)" + std::string(100000, '[');
    auto res = cloudimg::parse_response<hetzner::get_image>(r);
    ASSERT_FALSE(res);
    EXPECT_FALSE(res.error().body.has_value());
    EXPECT_EQ(res.error().raw_body.size(), 64u * 1024u);  // capped

    r.status = 200;
    for (std::string body : {"", "null", "[]", "<html/>", R"({"image":{"id":1}})"}) {
        r.body = body;
        EXPECT_TRUE(kept_raw(cloudimg::parse_response<hetzner::get_image>(r), 200, body)) << body;
    }
}

// ---------------------------------------------------------------- URLs

TEST(hostile, parameter_values_cannot_escape_their_url_component)
{
    hetzner::config const cfg{.token = "t"};
    auto req = hetzner::prepare(cfg, hetzner::list_images{.bound_to = {"a/b", "?#&=", ", !", "100%", "\xc3\xbc \xf0\x9f\x98\x80"},
                                                          .name = "my image/1?x#y&z=1,2!3 4%",
                                                          .label_selector = "k=v w,x!=\xc3\xbc"});
    ASSERT_TRUE(req) << req.error().what();
    EXPECT_EQ(req->target, "/v1/images?bound_to=a%2Fb&bound_to=%3F%23%26%3D&bound_to=%2C%20%21&bound_to=100%25"
                           "&bound_to=%C3%BC%20%F0%9F%98%80&name=my%20image%2F1%3Fx%23y%26z%3D1%2C2%213%204%25"
                           "&label_selector=k%3Dv%20w%2Cx%21%3D%C3%BC");

    auto thing = hetzner::prepare(cfg, hostile::get_thing{.id = "a/b?c#d&e=f,g!h i%j \xc3\xbc", .filter = "x&y=z"});
    ASSERT_TRUE(thing) << thing.error().what();
    EXPECT_EQ(thing->target, "/v1/things/a%2Fb%3Fc%23d%26e%3Df%2Cg%21h%20i%25j%20%C3%BC/sub?filter=x%26y%3Dz");
    auto tilde = hetzner::prepare(cfg, hostile::get_thing{.id = "~-._AZaz09"});
    ASSERT_TRUE(tilde);
    EXPECT_EQ(tilde->target, "/v1/things/~-._AZaz09/sub");  // unreserved characters stay as they are
    auto nul = hetzner::prepare(cfg, hostile::get_thing{.id = std::string("a\0b\r\n", 5)});
    ASSERT_TRUE(nul);
    EXPECT_EQ(nul->target, "/v1/things/a%00b%0D%0A/sub");
}

TEST(hostile, a_base_url_cannot_smuggle_a_query_a_fragment_or_headers)
{
    for (auto const& url : hostile_base_urls("api.hetzner.cloud/v1")) {
        SCOPED_TRACE(url);
        auto req = hetzner::prepare(hetzner::config{.token = "t", .base_url = url}, hetzner::get_image{.id = 1});
        EXPECT_TRUE(refused(req, error::invalid_base_url, {"s3cr3t"}));  // URLs may carry credentials
    }
}

TEST(hostile, an_empty_path_parameter_is_refused)
{
    auto req = hetzner::prepare(hetzner::config{.token = "t"}, hostile::get_thing{.id = ""});
    ASSERT_FALSE(req);
    EXPECT_EQ(req.error().code, error::invalid_argument);
    EXPECT_NE(req.error().message.find("\"id\""), std::string::npos) << req.error().message;
}

// "." and ".." are unreserved, so they pass percent-encoding unchanged, but as
// a whole segment they are dot-segments: URL normalisation (RFC 3986 5.2.4,
// libcurl by default, Go's http.ServeMux, proxies) turns /v1/things/../sub into
// /v1/sub, another resource, exactly what the empty-segment check prevents.
TEST(hostile, a_dot_segment_path_parameter_is_refused)
{
    for (std::string id : {".", ".."}) {
        auto req = hetzner::prepare(hetzner::config{.token = "t"}, hostile::get_thing{.id = id});
        EXPECT_FALSE(req) << "id \"" << id << "\" built target " << (req ? req->target : "");
        if (!req) {
            EXPECT_EQ(req.error().code, error::invalid_argument);
        }
    }
    auto three = hetzner::prepare(hetzner::config{.token = "t"}, hostile::get_thing{.id = "..."});
    ASSERT_TRUE(three);  // not a dot-segment
    EXPECT_EQ(three->target, "/v1/things/.../sub");
}

// ---------------------------------------------------------------- headers

TEST(hostile, header_injection_is_refused_and_the_token_never_appears_in_errors)
{
    std::string const secret = "s3cr3t-T0KEN-value";
    for (auto const& evil : header_injections()) {
        SCOPED_TRACE(evil);
        for (bool in_token : {true, false}) {
            hetzner::config cfg{.token = secret};
            if (in_token)
                cfg.token += evil;
            else
                cfg.user_agent = "app/1.0" + evil;
            auto req = hetzner::prepare(cfg, hetzner::get_image{.id = 1});
            ASSERT_TRUE(refused(req, error::invalid_header_value, {secret, "X-Injected", "GET /"}));
            EXPECT_NE(req.error().message.find(in_token ? "Authorization" : "User-Agent"), std::string::npos)
                << req.error().message;
            // the client refuses the same way, before the transport is called
            cloudimg::testing::scripted_transport t;  // no request expected
            cloudimg::client c{cfg, t};
            EXPECT_TRUE(refused(c.send(hetzner::get_image{.id = 1}), error::invalid_header_value, {secret}));
            EXPECT_TRUE(t.requests().empty());
        }
    }
    // tabs and spaces are legal in a header value
    auto tab = hetzner::prepare(hetzner::config{.token = "t", .user_agent = "app/1.0\t(x y)"}, hetzner::get_image{.id = 1});
    ASSERT_TRUE(tab);
    EXPECT_EQ(*tab->headers.find("user-agent"), "app/1.0\t(x y)");
}

TEST(hostile, header_parameters_are_checked_like_configured_headers)
{
    auto ok = hetzner::prepare(hetzner::config{.token = "t"}, hostile::tagged{.id = 1, .request_tag = "a b/c"});
    ASSERT_TRUE(ok) << ok.error().what();
    EXPECT_EQ(ok->target, "/v1/tagged/1");
    EXPECT_EQ(ok->headers.find("request_tag").value_or(""), "a b/c");  // header values are not URL-encoded
    for (std::string evil : std::vector<std::string>{"x\r\nAuthorization: Bearer stolen", "x\n", std::string("x\0", 2)}) {
        auto req = hetzner::prepare(hetzner::config{.token = "t"}, hostile::tagged{.id = 1, .request_tag = evil});
        EXPECT_TRUE(refused(req, error::invalid_header_value, {"stolen"}));
    }
}

TEST(hostile, the_token_is_not_in_decode_errors_either)
{
    // a transport that echoes the request headers into an error body must not
    // make the library repeat them: only the body's code and message are copied
    std::string const secret = "s3cr3t-T0KEN-value";
    cloudimg::testing::scripted_transport t;
    t.expect(cloudimg::http_method::get, "/v1/images/1")
        .header("Authorization", "Bearer " + secret)
        .respond(401, R"({"error":{"code":"unauthorized","message":"unable to authenticate"}})");
    cloudimg::client c{hetzner::config{.token = secret}, t};
    auto r = c.send(hetzner::get_image{.id = 1});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().provider_code, "unauthorized");
    EXPECT_TRUE(mentions_none(r.error(), {secret}));
    EXPECT_EQ(t.report(), "");
}

} // namespace
