// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/response.hpp>

#include "fake_provider.hpp"

#include <gtest/gtest.h>

using namespace cloudimg;

namespace {

TEST(parse_response, dispatches_on_documented_status)
{
    auto ok = parse_response<fake::put_thing>(response{201, {}, R"({"name":"a","size":1,"new":true})"});
    ASSERT_TRUE(ok);
    ASSERT_TRUE(std::holds_alternative<fake::thing>(*ok));
    EXPECT_EQ(std::get<fake::thing>(*ok).name, "a");

    auto acc = parse_response<fake::put_thing>(response{202, {}, R"({"operation":"/1.0/operations/x"})"});
    ASSERT_TRUE(acc);
    EXPECT_EQ(std::get<fake::accepted>(*acc).operation, "/1.0/operations/x");

    auto gone = parse_response<fake::drop_thing>(response{204, {}, ""});
    ASSERT_TRUE(gone);
}

TEST(parse_response, error_body_becomes_typed_failure)
{
    response r{404, {{"x-request-id", "req-7"}}, R"({"code":"not_found","message":"no such thing"})"};
    auto f = parse_response<fake::get_thing>(r);
    ASSERT_FALSE(f);
    auto const& e = f.error();
    EXPECT_EQ(e.code, error::error_response);
    EXPECT_EQ(e.http_status, 404);
    EXPECT_EQ(e.provider_code, "not_found");
    EXPECT_EQ(e.message, "no such thing");
    EXPECT_EQ(e.request_id, "req-7");
    ASSERT_TRUE(e.body);
    EXPECT_EQ(e.body->code, "not_found");
    EXPECT_EQ(e.what(), "the server answered with an error (HTTP 404) [not_found]: no such thing (request id req-7)");
}

TEST(parse_response, non_json_error_body_is_kept_raw)
{
    auto f = parse_response<fake::get_thing>(response{502, {}, "<html>Bad Gateway</html>"});
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, error::error_response);
    EXPECT_EQ(f.error().http_status, 502);
    EXPECT_FALSE(f.error().body);
    EXPECT_EQ(f.error().raw_body, "<html>Bad Gateway</html>");
}

TEST(parse_response, undocumented_success_status_is_unexpected)
{
    auto f = parse_response<fake::get_thing>(response{202, {}, "{}"});
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, error::unexpected_status);
    EXPECT_EQ(f.error().http_status, 202);
    EXPECT_EQ(f.error().message, "unexpected success status 202");
    EXPECT_EQ(f.error().raw_body, "{}");
    EXPECT_FALSE(f.error().body) << "a success body is not an error body";
}

TEST(parse_response, undecodable_success_body_keeps_path_and_bytes)
{
    auto f = parse_response<fake::get_thing>(response{200, {{"X-Request-Id", "r1"}}, R"({"name":"a","size":"big"})"});
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, error::type_mismatch);
    EXPECT_EQ(f.error().path, "size");
    EXPECT_EQ(f.error().http_status, 200);
    EXPECT_EQ(f.error().request_id, "r1");
    EXPECT_EQ(f.error().raw_body, R"({"name":"a","size":"big"})");

    auto not_json = parse_response<fake::get_thing>(response{200, {}, "OK"});
    ASSERT_FALSE(not_json);
    EXPECT_EQ(not_json.error().code, error::json_syntax);
}

TEST(parse_response, failures_keep_the_response_headers)
{
    // what a retry needs (Retry-After, rate limits) travels with the failure
    header_list const h{{"Retry-After", "30"}, {"X-Request-Id", "r2"}};
    for (auto const& r : {response{503, h, R"({"code":"busy","message":"later"})"}, response{502, h, "<html>"},
                          response{202, h, "{}"}, response{200, h, R"({"name":"a","size":"big"})"}}) {
        auto f = parse_response<fake::get_thing>(r);
        ASSERT_FALSE(f);
        EXPECT_EQ(f.error().response_headers.find("retry-after"), std::optional<std::string_view>("30")) << r.status;
        EXPECT_EQ(f.error().response_headers.size(), 2u);
        // kept, not shown: the one-line description stays as it was
        EXPECT_EQ(f.error().what().find("Retry-After"), std::string::npos);
    }
    EXPECT_TRUE(make_failure(error::invalid_argument).response_headers.empty());
}

} // namespace
