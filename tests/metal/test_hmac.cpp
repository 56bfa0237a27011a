// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// metal-api's HMAC authentication: metal-stack/security's test vector, the
// three headers with an injected clock and salt, the CSPRNG salt, and every
// way a signer refuses to sign.

// The header under test comes first: it must be self-contained.
#include <cloudimg/metal/hmac.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/metal.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <map>
#include <set>
#include <string>

namespace metal = cloudimg::metal;
using cloudimg::error;
using namespace std::chrono_literals;

namespace {

std::chrono::system_clock::time_point at(std::string_view text)
{
    auto t = cloudimg::parse_timestamp(text);
    EXPECT_TRUE(t) << text;
    return t ? std::chrono::time_point_cast<std::chrono::system_clock::duration>(t->time_point())
             : std::chrono::system_clock::time_point{};
}

// The inputs of metal-stack/security's mac_test.go.
metal::hmac_signer vector_signer()
{
    return {.key = std::string("\x01\x02\x03", 3),
            .auth_type = "mytype",
            .clock = [] { return at("2019-01-16T14:44:45Z"); },
            .salt = []() -> cloudimg::result<std::string> { return std::string("\x01\x02\x03\x04\x05\x06", 6); }};
}

std::string const vector_mac = "f8d293a06bdde899a5bd1dd61b13842564650c717c742db02c4e1a888fc22501";

TEST(metal_hmac, header_is_self_contained_and_the_signature_matches_the_reference_vector)
{
    auto mac = metal::hmac_signature(std::string("\x01\x02\x03", 3), "2019-01-16T14:44:45Z", "GET",
                                     std::string("\x01\x02\x03\x04\x05\x06", 6));
    ASSERT_TRUE(mac) << mac.error().what();
    EXPECT_EQ(*mac, vector_mac);
}

TEST(metal_hmac, the_signer_sets_the_three_headers_of_the_reference_vector)
{
    cloudimg::request req;
    req.method = cloudimg::http_method::get;
    ASSERT_TRUE(vector_signer()(req));
    EXPECT_EQ(req.headers.size(), 3u);
    EXPECT_EQ(req.headers.find("X-Date").value_or(""), "2019-01-16T14:44:45Z");
    EXPECT_EQ(req.headers.find("X-Data-Salt").value_or(""), std::string("\x01\x02\x03\x04\x05\x06", 6));
    EXPECT_EQ(req.headers.find("Authorization").value_or(""), "mytype " + vector_mac);
}

TEST(metal_hmac, the_method_date_and_salt_are_signed_and_nothing_else)
{
    // values computed independently (Python's hmac module)
    EXPECT_EQ(metal::hmac_signature(std::string("\x01\x02\x03", 3), "2019-01-16T14:44:45Z", "DELETE",
                                    "abcdefghijklmnopqrstuvwx")
                  .value(),
              "e070a403b4d91948032fdf49a860887e39abddfa60cd1677359753340e36d34f");

    metal::hmac_signer sign{.key = "admin-key",
                            .clock = [] { return at("2026-03-01T12:00:00.999999Z"); },  // the fraction is dropped
                            .salt = []() -> cloudimg::result<std::string> { return std::string("QWERTYuiopASDFghjkZXCVbn"); }};
    std::string const want = "Metal-Admin e876209dd5047e09611611042593155ef520bebcdb28c20eb5e935a10b82aa2a";
    for (std::string target : {"/v1/image", "/v1/image/ubuntu-20.04?x=1"}) {
        cloudimg::request req;
        req.target = target;
        req.body = std::string(R"({"id":"ubuntu-20.04"})");
        ASSERT_TRUE(sign(req));
        EXPECT_EQ(req.headers.find("X-Date").value_or(""), "2026-03-01T12:00:00Z");
        EXPECT_EQ(req.headers.find("Authorization").value_or(""), want) << "path, query and body are not signed";
    }
    cloudimg::request post;
    post.method = cloudimg::http_method::post;
    ASSERT_TRUE(sign(post));
    EXPECT_NE(post.headers.find("Authorization").value_or(""), want) << "the method is signed";
}

TEST(metal_hmac, dates_are_utc_to_the_second)
{
    metal::hmac_signer sign = vector_signer();
    sign.clock = [] { return at("2019-01-16T16:44:45.75+02:00"); };
    cloudimg::request req;
    ASSERT_TRUE(sign(req));
    EXPECT_EQ(req.headers.find("X-Date").value_or(""), "2019-01-16T14:44:45Z");
    EXPECT_EQ(req.headers.find("Authorization").value_or(""), "mytype " + vector_mac);
    sign.clock = [] { return at("1970-01-01T00:00:00Z") - 1ns; };  // floors, not truncates
    ASSERT_TRUE(sign(req));
    EXPECT_EQ(req.headers.find("X-Date").value_or(""), "1969-12-31T23:59:59Z");
}

TEST(metal_hmac, signing_again_replaces_the_headers)
{
    cloudimg::request req;
    req.headers.add("authorization", "Bearer old");
    req.headers.add("X-Date", "old");
    ASSERT_TRUE(vector_signer()(req));
    ASSERT_TRUE(vector_signer()(req));
    EXPECT_EQ(req.headers.size(), 3u);
    EXPECT_EQ(req.headers.find("Authorization").value_or(""), "mytype " + vector_mac);
}

TEST(metal_hmac, prepare_signs_with_the_endpoints_method)
{
    // The reference vector's salt is six control bytes: fine for the signature
    // alone, but not a header value that can be sent (RFC 9110), so prepare
    // refuses it; a letter salt like metal-stack's own is signed the same way.
    metal::config vector_cfg{.base_url = "https://metal.example.com", .auth = metal::request_signer(vector_signer())};
    auto refused = metal::prepare(vector_cfg, metal::find_image{.id = "ubuntu-20.04"});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, cloudimg::error::invalid_header_value);

    std::string const salt = "QWERTYuiopASDFghjkZXCVbn";
    metal::hmac_signer signer = vector_signer();
    signer.salt = [salt]() -> cloudimg::result<std::string> { return salt; };
    metal::config cfg{.base_url = "https://metal.example.com", .auth = metal::request_signer(signer)};
    auto get = metal::prepare(cfg, metal::find_image{.id = "ubuntu-20.04"});
    ASSERT_TRUE(get) << get.error().what();
    auto const get_mac = metal::hmac_signature(std::string("\x01\x02\x03", 3), "2019-01-16T14:44:45Z", "GET", salt);
    EXPECT_EQ(get->headers.find("Authorization").value_or(""), "mytype " + get_mac.value());
    EXPECT_EQ(get->headers.find("Accept").value_or(""), "application/json");

    auto put = metal::prepare(cfg, metal::create_image{.body = {.id = "ubuntu-20.04.1", .url = "u"}});
    ASSERT_TRUE(put);
    auto const expected = metal::hmac_signature(std::string("\x01\x02\x03", 3), "2019-01-16T14:44:45Z", "PUT", salt);
    EXPECT_EQ(put->headers.find("Authorization").value_or(""), "mytype " + expected.value());
}

TEST(metal_hmac, the_default_signer_uses_the_clock_and_fresh_salts)
{
    metal::hmac_signer sign{.key = "k"};
    EXPECT_EQ(sign.auth_type, "Metal-Admin");
    cloudimg::request a, b;
    auto const before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    ASSERT_TRUE(sign(a));
    ASSERT_TRUE(sign(b));
    auto const after = std::chrono::system_clock::now();
    auto const date = cloudimg::parse_timestamp(a.headers.find("X-Date").value_or(""));
    ASSERT_TRUE(date);
    EXPECT_GE(date->seconds, before);
    EXPECT_LE(date->seconds, after);
    EXPECT_EQ(date->nanoseconds, 0u);
    EXPECT_NE(a.headers.find("X-Data-Salt"), b.headers.find("X-Data-Salt"));
    EXPECT_TRUE(a.headers.find("Authorization")->starts_with("Metal-Admin "));
    EXPECT_EQ(a.headers.find("Authorization")->size(), std::string_view("Metal-Admin ").size() + 64);
    // the signature can be checked with the headers alone, as the server does
    EXPECT_EQ(metal::hmac_signature("k", *a.headers.find("X-Date"), "GET", *a.headers.find("X-Data-Salt")).value(),
              a.headers.find("Authorization")->substr(12));
}

TEST(metal_hmac, random_salts_are_uniform_letters)
{
    auto s = metal::random_salt();
    ASSERT_TRUE(s) << s.error().what();
    EXPECT_EQ(s->size(), 24u);
    EXPECT_EQ(metal::random_salt(0).value(), "");
    EXPECT_EQ(metal::random_salt(1000).value().size(), 1000u);

    std::map<char, int> counts;
    std::set<std::string> distinct;
    constexpr int rounds = 4000;  // 96,000 letters, about 1,846 of each
    for (int i = 0; i < rounds; ++i) {
        auto salt = metal::random_salt();
        ASSERT_TRUE(salt);
        distinct.insert(*salt);
        for (char c : *salt) {
            ASSERT_TRUE((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) << int(c);
            ++counts[c];
        }
    }
    EXPECT_EQ(distinct.size(), static_cast<std::size_t>(rounds));
    ASSERT_EQ(counts.size(), 52u);
    // chi-square with 51 degrees of freedom: above 120 happens by chance about once in 10^7 runs;
    // a modulo fold of bytes onto 52 letters (256 = 4*52 + 48) would give about 280
    double const expected = rounds * 24.0 / 52.0;
    double chi2 = 0;
    for (auto const& [c, n] : counts)
        chi2 += (n - expected) * (n - expected) / expected;
    EXPECT_LT(chi2, 120.0);
}

// ---------------------------------------------------------------- refusals

std::string const secret = "s3cr3t-HMAC-key";

void expect_refused(cloudimg::result<void> const& r, std::string_view what)
{
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_argument);
    EXPECT_NE(r.error().message.find(what), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().what().find(secret), std::string::npos);
}

TEST(metal_hmac, an_empty_key_is_refused_not_signed_and_not_a_crash)
{
    auto mac = metal::hmac_signature("", "2019-01-16T14:44:45Z", "GET", "salt");
    ASSERT_FALSE(mac);
    EXPECT_EQ(mac.error().code, error::invalid_argument);
    EXPECT_NE(mac.error().message.find("key is empty"), std::string::npos);

    metal::hmac_signer sign = vector_signer();
    sign.key.clear();
    cloudimg::request req;
    expect_refused(sign(req), "the HMAC key is empty");
    EXPECT_TRUE(req.headers.empty());  // nothing half-signed
    expect_refused(metal::hmac_signer{}(req), "the HMAC key is empty");

    // through prepare and the client: refused before the transport is called
    metal::config cfg{.base_url = "https://metal.example.com", .auth = metal::request_signer(metal::hmac_signer{})};
    auto p = metal::prepare(cfg, metal::list_images{});
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, error::invalid_argument);
    cloudimg::testing::scripted_transport t;  // no request expected
    cloudimg::client c{cfg, t};
    auto sent = c.send(metal::find_image{.id = "ubuntu-20.04"});
    ASSERT_FALSE(sent);
    EXPECT_TRUE(t.requests().empty());
    EXPECT_EQ(sent.error().code, error::invalid_argument);
    EXPECT_NE(sent.error().message.find("the HMAC key is empty"), std::string::npos);
}

TEST(metal_hmac, auth_types_that_the_server_would_split_are_refused)
{
    for (std::string type : {std::string(), std::string("Metal Admin"), std::string("Metal-Admin\r\nX-Injected: 1"),
                             std::string("Metal-Admin\t"), std::string("Metal\x7f"), std::string("a\0b", 3)}) {
        SCOPED_TRACE(type);
        metal::hmac_signer sign{.key = secret, .auth_type = type};
        cloudimg::request req;
        auto r = sign(req);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, error::invalid_argument);
        EXPECT_EQ(r.error().what().find(secret), std::string::npos);
        EXPECT_EQ(r.error().what().find("X-Injected"), std::string::npos);
        EXPECT_TRUE(req.headers.empty());
    }
    // any other text is the server's business: a deployment may name its own types
    metal::hmac_signer custom{.key = secret, .auth_type = "Ops-\xc3\xbc"};
    cloudimg::request req;
    ASSERT_TRUE(custom(req));
    EXPECT_TRUE(req.headers.find("Authorization")->starts_with("Ops-\xc3\xbc "));
}

TEST(metal_hmac, a_signer_without_clock_or_salt_is_refused)
{
    metal::hmac_signer no_clock{.key = secret, .clock = nullptr};
    cloudimg::request req;
    expect_refused(no_clock(req), "no clock or no salt");
    metal::hmac_signer no_salt{.key = secret, .salt = nullptr};
    expect_refused(no_salt(req), "no clock or no salt");
}

TEST(metal_hmac, a_failing_salt_source_fails_the_signing)
{
    metal::hmac_signer sign{.key = secret, .salt = []() -> cloudimg::result<std::string> {
                                cloudimg::failure f;
                                f.code = boost::system::errc::make_error_code(boost::system::errc::resource_unavailable_try_again);
                                f.message = "no entropy";
                                return f;
                            }};
    cloudimg::request req;
    auto r = sign(req);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, boost::system::errc::resource_unavailable_try_again);
    EXPECT_EQ(r.error().message, "no entropy");
    EXPECT_TRUE(req.headers.empty());
}

TEST(metal_hmac, a_salt_with_a_line_break_cannot_inject_headers)
{
    metal::config cfg{.base_url = "https://metal.example.com",
                      .auth = metal::request_signer(metal::hmac_signer{
                          .key = secret, .salt = []() -> cloudimg::result<std::string> { return std::string("ab\r\nX-Injected: 1"); }})};
    auto p = metal::prepare(cfg, metal::list_images{});
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, error::invalid_header_value);
    EXPECT_NE(p.error().message.find("X-Data-Salt"), std::string::npos) << p.error().message;
    EXPECT_EQ(p.error().what().find("X-Injected"), std::string::npos);
    EXPECT_EQ(p.error().what().find(secret), std::string::npos);
}

} // namespace
