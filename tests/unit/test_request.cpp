// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/request.hpp>

#include "fake_provider.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <gtest/gtest.h>

using namespace cloudimg;

namespace {

fake::put_thing sample()
{
    return fake::put_thing{.bucket = "b",
                           .name = "n",
                           .force = true,
                           .kinds = {fake::kind::alpha, fake::kind::beta_gamma},
                           .min_size = 0,
                           .if_match = "\"etag\"",
                           .body = {.name = "x", .size = 3}};
}

TEST(build_request, every_parameter_location)
{
    auto r = build_request(sample(), "https://api.example.com/v2/");
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->method, http_method::put);
    EXPECT_EQ(r->origin, "https://api.example.com");
    EXPECT_EQ(r->target, "/v2/buckets/b/things/n?force=true&kinds=alpha&kinds=beta%3Agamma&min-size=0");
    EXPECT_EQ(r->url(), "https://api.example.com/v2/buckets/b/things/n?force=true&kinds=alpha&kinds=beta%3Agamma&min-size=0");
    EXPECT_EQ(r->headers.find("If-Match"), "\"etag\"");
    EXPECT_EQ(r->headers.find("content-type"), "application/json");
    EXPECT_EQ(std::get<std::string>(r->body), R"({"name":"x","size":3})");
    EXPECT_EQ(r->body_size(), 21u);
}

TEST(build_request, absent_optionals_emit_nothing)
{
    auto ep = sample();
    ep.force.reset();
    ep.kinds.clear();
    ep.min_size.reset();
    ep.if_match.reset();
    auto r = build_request(ep, "http://127.0.0.1:8080");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->origin, "http://127.0.0.1:8080");
    EXPECT_EQ(r->target, "/buckets/b/things/n");
    EXPECT_FALSE(r->headers.contains("If-Match"));
}

TEST(build_request, path_parameters_are_one_segment_of_data)
{
    struct expect {
        std::string in, out;
    };
    for (auto const& [in, out] : {expect{"a/b", "a%2Fb"}, expect{"a?b#c", "a%3Fb%23c"}, expect{"100%", "100%25"},
                                  expect{"a b+c", "a%20b%2Bc"}, expect{"...", "..."}, expect{"a..", "a.."}, expect{"k=v&x,y!", "k%3Dv%26x%2Cy%21"},
                                  expect{"\xc3\xa9t\xc3\xa9", "%C3%A9t%C3%A9"}, expect{"~-._", "~-._"}}) {
        auto ep = sample();
        ep.bucket = in;
        ep.name = in;
        ep.force.reset();
        ep.kinds.clear();
        ep.min_size.reset();
        auto r = build_request(ep, "https://h");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->target, "/buckets/" + out + "/things/" + out) << in;
    }
}

TEST(build_request, integers_and_repeated_enum_values)
{
    auto r = build_request(fake::get_thing{.id = 7}, "https://h/base");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->target, "/base/things/7");
    auto ep = sample();
    ep.kinds = {fake::kind::beta_gamma, fake::kind::beta_gamma};
    auto r2 = build_request(ep, "https://h");
    ASSERT_TRUE(r2);
    EXPECT_NE(r2->target.find("kinds=beta%3Agamma&kinds=beta%3Agamma"), std::string::npos);
}

TEST(build_request, empty_and_dot_segment_path_parameters_are_refused)
{
    for (char const* v : {"", ".", ".."}) {
        auto ep = sample();
        ep.name = v;
        auto r = build_request(ep, "https://h");
        ASSERT_FALSE(r) << v;
        EXPECT_EQ(r.error().code, error::invalid_argument);
        EXPECT_NE(r.error().message.find("\"name\""), std::string::npos);
    }
}

TEST(build_request, endpoint_validation_runs_first)
{
    auto r = build_request(fake::get_thing{.id = -7}, "not even a url");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_argument);
    EXPECT_EQ(r.error().message, "id must be positive");
}

TEST(build_request, base_url_must_be_absolute_http)
{
    for (char const* bad : {"", "api.example.com", "/v1", "ftp://h/v1", "https://h/v1?x=1", "https://h/v1#f", "https:///v1", "https://user:secret@h/v1"}) {
        auto r = build_request(fake::get_thing{.id = 1}, bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, error::invalid_base_url) << bad;
    }
    auto ok = build_request(fake::get_thing{.id = 1}, "http://[::1]:9000/api/v1");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->url(), "http://[::1]:9000/api/v1/things/1");
}

TEST(check_headers, rejects_injection_without_echoing_the_value)
{
    for (std::string const& v : std::vector<std::string>{"a\r\nX-Evil: 1", "a\nb", "a\rb", std::string("a\0b", 3)}) {
        header_list h{{"Authorization", "Bearer " + v}};
        auto r = check_headers(h);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, error::invalid_header_value);
        EXPECT_EQ(r.error().what().find("Bearer"), std::string::npos);
        EXPECT_NE(r.error().what().find("Authorization"), std::string::npos);
    }
    EXPECT_FALSE(check_headers(header_list{{"Bad Name", "x"}}));
    EXPECT_FALSE(check_headers(header_list{{"", "x"}}));
    EXPECT_TRUE(check_headers(header_list{{"X-Ok", "tab\tand unicode \xc3\xa9"}}));

    auto ep = sample();
    ep.if_match = "x\r\ny";
    auto r = build_request(ep, "https://h");
    ASSERT_TRUE(r);  // the builder leaves checking to the provider's final step
    EXPECT_FALSE(check_headers(r->headers));
}

// The parser-free split must agree with Boost.URL's wherever it answers, and
// leave everything else (and every refusal) to it.
TEST(split_base_url, the_plain_shape_splits_as_boost_url_does)
{
    for (std::string_view url :
         {"https://api.hetzner.cloud/v1", "http://127.0.0.1:4010", "http://127.0.0.1:4010/", "https://a/b//c///",
          "http://lxd", "https://x-y.example.com:8443/1.0", "https://h/v1.0/_x~y-z/", "http://h:0/"}) {
        auto plain = detail::split_plain_base_url(url);
        auto parsed = detail::split_base_url_parsed(url);
        ASSERT_TRUE(plain) << url;
        ASSERT_TRUE(parsed) << url;
        EXPECT_EQ(plain->origin, parsed->origin) << url;
        EXPECT_EQ(plain->path, parsed->path) << url;
    }
    // Not the plain shape: Boost.URL decides (some are fine, some are refused).
    for (std::string_view url :
         {"HTTPS://api.example.com/v1", "https://[::1]:8443/1.0", "https://user@h/v1", "https://h/v1?x=1", "https://h/v1#f",
          "https://h:/v1", "https://h/v%31", "https://h_x/", "ftp://h/", "https:///v1", "https://h:80:80/", "//h/v1",
          "https://h/a b", "https://h\r\n/v1", ""}) {
        EXPECT_FALSE(detail::split_plain_base_url(url)) << url;
        auto split = split_base_url(url);
        auto parsed = detail::split_base_url_parsed(url);
        ASSERT_EQ(bool(split), bool(parsed)) << url;
        if (split) {
            EXPECT_EQ(split->origin, parsed->origin) << url;
            EXPECT_EQ(split->path, parsed->path) << url;
        }
    }
}

// One pass, byte by byte, the same bytes as Boost.URL's encoder with its unreserved set.
TEST(append_encoded, every_byte_as_boost_url_encodes_it)
{
    std::string all;
    for (int c = 0; c < 256; ++c)
        all += static_cast<char>(c);
    for (std::string_view s : {std::string_view(all), std::string_view("plain-text_1.0~"), std::string_view(""),
                               std::string_view("env==prod,tier in (web,db)"), std::string_view("%2F/\xc3\xa9")}) {
        std::string mine = "prefix";
        detail::append_encoded(mine, s);
        boost::core::string_view const in(s.data(), s.size());
        std::string theirs(boost::urls::encoded_size(in, boost::urls::unreserved_chars), '\0');
        boost::urls::encode(theirs.data(), theirs.size(), in, boost::urls::unreserved_chars);
        EXPECT_EQ(mine, "prefix" + theirs);
    }
}

} // namespace
