// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_GOLDEN_HPP
#define CLOUDIMG_TESTS_SUPPORT_GOLDEN_HPP

// Golden-file checks shared by every provider's endpoint tests.

#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>

namespace golden {

/// The whole file; a missing file is a test failure.
inline std::string read_file(std::filesystem::path const& p)
{
    std::ifstream in(p, std::ios::binary);
    EXPECT_TRUE(in) << "cannot open " << p;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The request must equal the golden file `{"method","url","headers","body"}`:
/// method, URL and origin, the exact set of headers (names with their case),
/// and the body bytes (compact JSON, members in declaration order). A
/// streamed body (an upload) is `"body": null` and `"stream": "<its bytes>"`:
/// the source must give exactly those bytes, its size must say so, and it
/// must give them again after a rewind.
inline void expect_request(cloudimg::result<cloudimg::request> req, std::filesystem::path const& file,
                           std::string_view origin)
{
    namespace bj = boost::json;
    auto const golden = bj::parse(read_file(file)).as_object();
    ASSERT_TRUE(req) << req.error().what();
    EXPECT_EQ(cloudimg::to_string(req->method), golden.at("method").as_string());
    EXPECT_EQ(req->url(), golden.at("url").as_string());
    EXPECT_EQ(req->origin, origin);

    auto const& headers = golden.at("headers").as_object();
    EXPECT_EQ(req->headers.size(), headers.size());
    for (auto const& [key, value] : headers) {
        auto const it = std::find_if(req->headers.begin(), req->headers.end(),
                                     [&key = key](cloudimg::header_field const& f) { return f.name == key; });
        if (it == req->headers.end()) {
            ADD_FAILURE() << "header " << key << " missing";
            continue;
        }
        EXPECT_EQ(it->value, value.as_string()) << key;
    }

    if (auto const* stream = golden.if_contains("stream")) {
        EXPECT_TRUE(golden.at("body").is_null());
        auto* source = std::get_if<cloudimg::body_source>(&req->body);
        ASSERT_NE(source, nullptr) << "the golden request streams its body";
        EXPECT_EQ(req->body_size(), stream->as_string().size());
        for (int pass = 0; pass < 2; ++pass) {
            std::string bytes;
            char buf[7];  // small reads: the source must carry on where it stopped
            for (;;) {
                auto n = source->read(buf, sizeof buf);
                ASSERT_TRUE(n) << n.error().message();
                if (*n == 0)
                    break;
                bytes.append(buf, *n);
            }
            EXPECT_EQ(bytes, stream->as_string()) << "pass " << pass;
            EXPECT_FALSE(source->rewind());
        }
        return;
    }
    auto const& body = golden.at("body");
    if (body.is_null()) {
        EXPECT_FALSE(req->has_body());
        EXPECT_EQ(req->body_size(), 0u);
        return;
    }
    ASSERT_TRUE(std::holds_alternative<std::string>(req->body));
    auto const& text = std::get<std::string>(req->body);
    EXPECT_EQ(bj::parse(text), body);
    EXPECT_EQ(text, bj::serialize(body));
    EXPECT_EQ(req->body_size(), text.size());
}

} // namespace golden

#endif
