// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Regression cases of an independent probe with hostile inputs across the
// five providers: numbers beyond the double range and doubles that changed
// on a round trip, max_depth near SIZE_MAX, server text with line breaks in
// one-line messages, control characters in header values, invalid UTF-8 in
// request bodies, and LXD's error envelope sent with status 200.

// The header under test comes first: it must be self-contained.
#include <cloudimg/json.hpp>

#include <cloudimg/hetzner.hpp>
#include <cloudimg/lxd.hpp>
#include <cloudimg/metal.hpp>
#include <cloudimg/openstack.hpp>
#include <cloudimg/oxide.hpp>
#include <cloudimg/response.hpp>

#include <boost/describe/class.hpp>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace json = cloudimg::json;
using cloudimg::error;

namespace findings {
struct measured {
    double value = 0;
    float small = 0;
    cloudimg::json::raw_value config;
};
BOOST_DESCRIBE_STRUCT(measured, (), (value, small, config))
} // namespace findings

// ------------------------------------------------------------ numbers

TEST(hostile_findings, a_number_beyond_the_double_range_is_an_error_with_its_path)
{
    for (char const* n : {"1e400", "-1e400", "123456789e999", "1.7976931348623159e308"}) {
        auto r = json::decode<findings::measured>(std::string(R"({"value":)") + n + "}");
        ASSERT_FALSE(r) << n;
        EXPECT_EQ(r.error().code, error::out_of_range) << n;
        EXPECT_EQ(r.error().path, "value") << n;
    }
    auto f = json::decode<findings::measured>(R"({"small":1e39})");
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, error::out_of_range);
    EXPECT_EQ(f.error().path, "small");
    // below the smallest subnormal is zero, as the nearest double
    auto tiny = json::decode<double>("1e-400");
    ASSERT_TRUE(tiny);
    EXPECT_EQ(*tiny, 0.0);
    // the largest double is in range
    auto max = json::decode<double>("1.7976931348623157e308");
    ASSERT_TRUE(max);
    EXPECT_EQ(*max, std::numeric_limits<double>::max());
}

TEST(hostile_findings, raw_json_keeps_an_out_of_range_number_as_its_exact_text)
{
    auto r = json::decode<json::raw_value>(R"({"limits.cpu":1e400,"n":[-1e400,1.50,9.9e+28,1e-400]})");
    ASSERT_TRUE(r) << r.error().what();
    // numbers in range in their shortest form, as before; the others as written
    EXPECT_EQ(r->text, R"({"limits.cpu":1e400,"n":[-1e400,1.5,9.9e+28,1e-400]})");
    // LXD config and OpenStack metadata alike
    auto os = json::decode<cloudimg::openstack::metadata_response>(R"({"metadata":{"k":1e400}})");
    ASSERT_TRUE(os) << os.error().what();
    EXPECT_EQ(os->metadata.at("k").json(), "1e400");
    auto lxd = json::decode<cloudimg::lxd::image>(R"({"fingerprint":"x","properties":{},"aliases":[],)"
                                                  R"("architecture":"x86_64","x":1e400})");
    (void)lxd;  // whatever it decodes to, no infinity was made
    // a number split across chunks keeps its text too
    json::raw_value chunked;
    json::decoder d(chunked);
    ASSERT_TRUE(d.write("[1e4"));
    ASSERT_TRUE(d.write("00,2.5"));
    ASSERT_TRUE(d.write("e-3]"));
    ASSERT_TRUE(d.finish());
    EXPECT_EQ(chunked.text, "[1e400,0.0025]");
}

TEST(hostile_findings, doubles_round_trip_bit_for_bit)
{
    for (char const* n : {"9.9e+28", "9.9e28", "0.1", "5e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
                          "123456789012345678901", "0.30000000000000004", "4.35", "1e23", "8.41e21",
                          "2.4703282292062328e-324"}) {
        auto r = json::decode<double>(n);
        ASSERT_TRUE(r) << n;
        double expected = 0;
        std::from_chars(n, n + std::strlen(n), expected);
        EXPECT_EQ(std::memcmp(&*r, &expected, sizeof expected), 0) << n;
        std::string const once = json::encode(*r);
        auto again = json::decode<double>(once);
        ASSERT_TRUE(again) << once;
        EXPECT_EQ(std::memcmp(&*again, &*r, sizeof expected), 0) << n << " -> " << once;
        EXPECT_EQ(json::encode(*again), once);
    }
    EXPECT_EQ(json::encode(9.9e28), "9.9e+28");  // the shortest form that reads back
    // negative zero keeps its sign
    auto z = json::decode<double>(json::encode(-0.0));
    ASSERT_TRUE(z);
    EXPECT_TRUE(std::signbit(*z));
    // chunked: the same double
    double chunked = 0;
    json::decoder d(chunked);
    ASSERT_TRUE(d.write("9.9e"));
    ASSERT_TRUE(d.write("+28"));
    ASSERT_TRUE(d.finish());
    EXPECT_EQ(chunked, 9.9e28);
}

// ------------------------------------------------------------ depth

TEST(hostile_findings, max_depth_near_size_max_is_capped_not_an_overflow)
{
    json::decode_options o;
    o.max_depth = std::numeric_limits<std::size_t>::max();
    EXPECT_EQ(o.effective_max_depth(), json::decode_options::max_depth_limit);
    auto ok = json::decode<json::raw_value>(R"({"a":[1,{"b":null}]})", o);
    ASSERT_TRUE(ok) << ok.error().what();
    o.max_depth = std::numeric_limits<std::size_t>::max() - 1;
    EXPECT_TRUE(json::decode<std::vector<int>>("[1,2]", o));
}

TEST(hostile_findings, a_million_nested_arrays_at_the_largest_depth_do_not_overflow_the_stack)
{
    json::decode_options o;
    o.max_depth = std::numeric_limits<std::size_t>::max();
    o.max_body_size = 4u << 20;
    std::string const deep(1'000'000, '[');
    auto r = json::decode<json::raw_value>(deep, o);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::limit_exceeded);
    // exactly at the cap decodes
    std::size_t const n = json::decode_options::max_depth_limit;
    std::string const at_cap = std::string(n, '[') + std::string(n, ']');
    auto c = json::decode<json::raw_value>(at_cap, o);
    ASSERT_TRUE(c) << c.error().what();
    EXPECT_EQ(c->text, at_cap);
    auto over = json::decode<json::raw_value>("[" + at_cap + "]", o);
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, error::limit_exceeded);
    // skipped values too
    auto skipped = json::decode<findings::measured>(R"({"unknown":)" + deep, o);
    ASSERT_FALSE(skipped);
    EXPECT_EQ(skipped.error().code, error::limit_exceeded);
}

// ------------------------------------------------------------ one-line messages

TEST(hostile_findings, server_text_with_line_breaks_stays_on_one_line_in_what)
{
    cloudimg::response r;
    r.status = 404;
    r.headers.add("X-Correlation-Id", "id\r\nX-Forged: 1");
    r.body = R"({"error":{"code":"not_found\n[ERROR] code","message":"bad\r\n[ERROR] forged log line\u0085\u2028\u000b\u007f"}})";
    auto p = cloudimg::parse_response<cloudimg::hetzner::get_image>(r);
    ASSERT_FALSE(p);
    std::string const w = p.error().what();
    EXPECT_EQ(w.find_first_of("\r\n\x0b\x7f"), std::string::npos) << w;
    EXPECT_EQ(w.find("\xc2\x85"), std::string::npos) << w;
    EXPECT_EQ(w.find("\xe2\x80\xa8"), std::string::npos) << w;
    EXPECT_NE(w.find("bad\\r\\n[ERROR] forged log line\\u0085\\u2028\\x0b\\x7f"), std::string::npos) << w;
    // the server's text is intact where it is kept
    EXPECT_EQ(p.error().message, "bad\r\n[ERROR] forged log line\xc2\x85\xe2\x80\xa8\x0b\x7f");
    ASSERT_TRUE(p.error().body);
    EXPECT_EQ(p.error().body->error.message, p.error().message);

    // every field of what() alike, decode paths included
    cloudimg::failure f;
    f.code = error::json_syntax;
    f.provider_code = "a\nb";
    f.path = "x\ny";
    f.request_id = "r\rs";
    std::string const line = f.what();
    EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << line;

    // LXD's and OpenStack's error texts too
    cloudimg::response l;
    l.status = 500;
    l.body = R"({"type":"error","error":"x\r\ny","error_code":500,"metadata":null})";
    auto lp = cloudimg::parse_response<cloudimg::lxd::get_image>(l);
    ASSERT_FALSE(lp);
    EXPECT_EQ(std::string(lp.error().what()).find_first_of("\r\n"), std::string::npos);
}

// ------------------------------------------------------------ header values

TEST(hostile_findings, every_control_character_but_tab_is_refused_in_header_values)
{
    for (int c = 0; c < 0x80; ++c) {
        bool const control = c < 0x20 || c == 0x7f;
        std::string const secret = std::string("tok") + static_cast<char>(c) + "en";
        auto req = cloudimg::prepare(cloudimg::hetzner::config{.token = secret}, cloudimg::hetzner::get_image{.id = 1});
        if (control && c != '\t') {
            ASSERT_FALSE(req) << c;
            EXPECT_EQ(req.error().code, error::invalid_header_value) << c;
            EXPECT_EQ(req.error().what().find("tok"), std::string::npos);  // never the value
        } else {
            EXPECT_TRUE(req) << c;
        }
    }
    // user agent, api-version, X-LXD-* and If-Match, tokens of every provider
    EXPECT_FALSE(cloudimg::prepare(cloudimg::hetzner::config{.token = "t", .user_agent = "ua\x0b"},
                                   cloudimg::hetzner::get_image{.id = 1}));
    EXPECT_FALSE(cloudimg::prepare(cloudimg::oxide::config{.base_url = "https://o", .token = "t", .api_version = "1\x7f"},
                                   cloudimg::oxide::list_images{}));
    EXPECT_FALSE(cloudimg::prepare(cloudimg::oxide::config{.base_url = "https://o", .token = "t\x7f"},
                                   cloudimg::oxide::list_images{}));
    EXPECT_FALSE(cloudimg::prepare(cloudimg::lxd::config{},
                                   cloudimg::lxd::update_image{.fingerprint = "abc", .body = {}, .if_match = "\"e\x0b\""}));
    EXPECT_TRUE(cloudimg::prepare(cloudimg::lxd::config{},
                                  cloudimg::lxd::update_image{.fingerprint = "abc", .body = {}, .if_match = "\"e\t\""}));
    EXPECT_FALSE(cloudimg::prepare(cloudimg::metal::config{.base_url = "https://m", .auth = cloudimg::metal::bearer_token{"t\x01"}},
                                   cloudimg::metal::list_images{}));
    EXPECT_FALSE(cloudimg::prepare(cloudimg::openstack::config{.compute_url = "https://n/v2.1", .token = "t\x1f"},
                                   cloudimg::openstack::list_images{}));
    EXPECT_TRUE(cloudimg::check_headers({{"X", "visible \x80\xff obs-text and\ttab"}}));
    // obs-text is allowed; DEL is not
    EXPECT_FALSE(cloudimg::check_headers({{"X", "\x7f"}}));
}

TEST(hostile_findings, a_request_signer_never_sees_a_header_with_a_control_character)
{
    bool signed_it = false;
    cloudimg::metal::config cfg{.base_url = "https://m",
                                .auth = cloudimg::metal::request_signer([&](cloudimg::request&) -> cloudimg::result<void> {
                                    signed_it = true;
                                    return {};
                                }),
                                .user_agent = "ua\x0b"};
    auto req = cloudimg::prepare(cfg, cloudimg::metal::list_images{});
    ASSERT_FALSE(req);
    EXPECT_EQ(req.error().code, error::invalid_header_value);
    EXPECT_FALSE(signed_it);
}

// ------------------------------------------------------------ UTF-8 in bodies

template <class Config, class Endpoint>
void expect_utf8_refused(Config const& cfg, Endpoint ep, std::string_view path)
{
    auto req = cloudimg::prepare(cfg, std::move(ep));
    ASSERT_FALSE(req);
    EXPECT_EQ(req.error().code, error::invalid_argument);
    EXPECT_EQ(req.error().path, path);
    EXPECT_EQ(req.error().message.find('\xff'), std::string::npos);  // never the value
    EXPECT_EQ(req.error().message.find("secret"), std::string::npos);
}

TEST(hostile_findings, invalid_utf8_in_a_request_body_is_refused_with_its_path)
{
    std::string const bad = "secret a\xff\xfe";
    expect_utf8_refused(cloudimg::hetzner::config{.token = "t"},
                        cloudimg::hetzner::update_image{.id = 1, .body = {.description = bad}}, "description");
    expect_utf8_refused(cloudimg::hetzner::config{.token = "t"},
                        cloudimg::hetzner::update_image{.id = 1, .body = {.labels = std::map<std::string, std::string>{
                                                                               {"a", "ok"}, {"b", bad}}}},
                        "labels.b");
    expect_utf8_refused(cloudimg::lxd::config{},
                        cloudimg::lxd::update_image{.fingerprint = "abc",
                                                    .body = {.properties = cloudimg::lxd::string_map{{"os", bad}}}},
                        "properties.os");
    expect_utf8_refused(
        cloudimg::oxide::config{.base_url = "https://o", .token = "t"},
        cloudimg::oxide::create_image{.body = {.name = "n", .description = bad, .os = "o", .version = "v",
                                               .source = {.id = cloudimg::oxide::uuid::parse(
                                                              "0f8fad5b-d9cb-469f-a165-70867728950e").value()}}},
        "description");
    expect_utf8_refused(cloudimg::metal::config{.base_url = "https://m", .auth = cloudimg::metal::bearer_token{"t"}},
                        cloudimg::metal::create_image{.body = {.id = "ubuntu-20.04", .url = "u", .description = bad}},
                        "description");
    // a key that is not UTF-8: its place is named, not the key
    auto key = json::try_encode(std::map<std::string, std::string>{{"k\xff", "v"}});
    ASSERT_FALSE(key);
    EXPECT_EQ(key.error().code, error::invalid_argument);
    // valid UTF-8, escapes and all, passes unchanged
    auto fine = json::try_encode(std::vector<std::string>{"ü€😀", "\x01\""});
    ASSERT_TRUE(fine);
    EXPECT_EQ(*fine, "[\"ü€😀\",\"\\u0001\\\"\"]");
    // overlong forms and surrogates are not UTF-8 either
    for (char const* s : {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {
        auto r = json::try_encode(std::vector<std::string>{"x", s});
        ASSERT_FALSE(r) << s;
        EXPECT_EQ(r.error().path, "[1]");
    }
}

// ------------------------------------------------------------ LXD

TEST(hostile_findings, an_lxd_error_envelope_with_status_200_keeps_lxds_error)
{
    cloudimg::response r;
    r.status = 200;
    r.body = R"({"type":"error","status":"","status_code":0,"operation":"","error_code":404,)"
             R"("error":"Image not found","metadata":null})";
    auto img = cloudimg::parse_response<cloudimg::lxd::get_image>(r);
    ASSERT_FALSE(img);
    EXPECT_EQ(img.error().code, error::error_response);
    EXPECT_EQ(img.error().message, "Image not found");
    EXPECT_EQ(img.error().provider_code, "not_found");
    EXPECT_EQ(img.error().http_status, 200);
    ASSERT_TRUE(img.error().body);
    EXPECT_EQ(img.error().body->error_code, 404);
    // the other shapes of answer alike: lists, operations, no-content successes
    auto list = cloudimg::parse_response<cloudimg::lxd::list_images>(r);
    ASSERT_FALSE(list);
    EXPECT_EQ(list.error().code, error::error_response);
    EXPECT_EQ(list.error().message, "Image not found");
    auto patch = cloudimg::parse_response<cloudimg::lxd::update_image>(r);
    ASSERT_FALSE(patch);
    EXPECT_EQ(patch.error().code, error::error_response);
    EXPECT_EQ(patch.error().message, "Image not found");
    r.status = 202;
    auto op = cloudimg::parse_response<cloudimg::lxd::delete_image>(r);
    ASSERT_FALSE(op);
    EXPECT_EQ(op.error().code, error::error_response);
    EXPECT_EQ(op.error().message, "Image not found");
}
