// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/testing/scripted_transport.hpp>

#include "string_source.hpp"

#include <cloudimg/client.hpp>
#include <cloudimg/hetzner.hpp>
#include <cloudimg/lxd.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace {

using cloudimg::failure;
using cloudimg::http_method;
using cloudimg::request;
using cloudimg::response;
using cloudimg::testing::scripted_transport;
namespace hz = cloudimg::hetzner;
namespace lxd = cloudimg::lxd;
namespace errc = boost::system::errc;

// Every face of the transport contract, checked where the concepts are defined.
static_assert(cloudimg::transport<scripted_transport>);
static_assert(cloudimg::streaming_transport<scripted_transport>);
static_assert(cloudimg::async_transport<scripted_transport>);
static_assert(cloudimg::streaming_async_transport<scripted_transport>);

request make_request(http_method m, std::string target, cloudimg::header_list headers = {}, cloudimg::request_body body = {})
{
    request r;
    r.method = m;
    r.origin = "https://api.example.com";
    r.target = std::move(target);
    r.headers = std::move(headers);
    r.body = std::move(body);
    return r;
}

std::string const action_json = R"({"action":{"id":7,"command":"change_protection","status":"success",)"
                                R"("started":"2026-01-01T00:00:00Z","finished":"2026-01-01T00:00:01Z",)"
                                R"("progress":100,"resources":[],"error":null}})";

// ---------------------------------------------------------------- matching

TEST(scripted_transport, answers_matching_requests_in_order)
{
    scripted_transport t;
    t.expect(http_method::post, "/v1/images/4/actions/change_protection")
        .header("authorization", "Bearer x")  // names in any case
        .header("Content-Type", "application/json")
        .without_header("If-Match")
        .json_body(R"({"delete":true})")
        .respond(201, action_json, {{"X-Correlation-Id", "c-1"}});
    t.expect(http_method::get, "/v1/images/5").no_body().respond(404, R"({"error":{"code":"not_found","message":"gone"}})");
    EXPECT_EQ(t.remaining(), 2u);

    cloudimg::client api{hz::config{.token = "x"}, t};
    auto changed = api.send(hz::change_image_protection{.id = 4, .body = {.delete_ = true}});
    ASSERT_TRUE(changed) << changed.error().what();
    EXPECT_EQ(changed->action.id, 7);
    auto missing = api.send(hz::get_image{.id = 5});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().provider_code, "not_found");  // a canned error response decodes like a real one

    EXPECT_EQ(t.remaining(), 0u);
    EXPECT_TRUE(t.verify().empty());
    EXPECT_EQ(t.report(), "");
    ASSERT_EQ(t.requests().size(), 2u);
    EXPECT_EQ(t.requests()[0].url(), "https://api.hetzner.cloud/v1/images/4/actions/change_protection");
    EXPECT_EQ(t.requests()[0].body, R"({"delete":true})");
    EXPECT_EQ(t.requests()[1].headers.find("Authorization"), "Bearer x");
    EXPECT_FALSE(t.requests()[1].body);
}

TEST(scripted_transport, copies_share_one_script)
{
    scripted_transport t;
    cloudimg::client api{hz::config{.token = "x"}, t};
    t.expect(http_method::get, "/v1/images/1").respond(200, R"({"image":null})");  // added after the copy
    scripted_transport moved = std::move(t);  // moving copies: t still refers to the script
    EXPECT_TRUE(api.send(hz::get_image{.id = 1}));
    EXPECT_EQ(t.requests().size(), 1u);
    EXPECT_EQ(moved.requests().size(), 1u);
    EXPECT_EQ(api.get_transport().remaining(), 0u);
}

TEST(scripted_transport, an_absolute_url_compares_the_origin_too)
{
    scripted_transport t;
    t.expect(http_method::get, "https://api.example.com/v1/x?a=1").respond(204);
    t.expect(http_method::get, "https://other.example.com/v1/x?a=1").respond(204);
    t.expect(http_method::get, "/v1/x?a=1").respond(204);  // any origin
    auto a = make_request(http_method::get, "/v1/x?a=1");
    auto b = make_request(http_method::get, "/v1/x?a=1");
    auto c = make_request(http_method::get, "/v1/x?a=1");
    EXPECT_TRUE(t(a));
    auto wrong = t(b);
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().message.find("  expected GET https://other.example.com/v1/x?a=1\n"
                                         "       got GET https://api.example.com/v1/x?a=1"),
              std::string::npos)
        << wrong.error().message;
    EXPECT_TRUE(t(c));
    EXPECT_EQ(t.script()[0].description().substr(0, 36), "GET https://api.example.com/v1/x?a=1");
}

// ---------------------------------------------------------------- JSON versus bytes

TEST(scripted_transport, json_bodies_compare_as_json)
{
    scripted_transport t;
    // key order, spacing and the number's spelling do not matter
    t.expect(http_method::put, "/x").json_body(R"({ "b": [1, 2.0, {"c": null}], "a": "s" })").respond(200);
    t.expect(http_method::put, "/x").json_body(boost::json::value{{"n", 18446744073709551615ull}}).respond(200);
    auto r1 = make_request(http_method::put, "/x", {}, std::string(R"({"a":"s","b":[1.0,2,{"c":null}]})"));
    auto r2 = make_request(http_method::put, "/x", {}, std::string(R"({"n":18446744073709551615})"));
    EXPECT_TRUE(t(r1)) << t.report();
    EXPECT_TRUE(t(r2)) << t.report();
    EXPECT_EQ(t.report(), "");

    // but 1 is not 2, 1.5 is not 1, "1" is not 1, and -1 is not 2^64 - 1
    for (auto const& [expected, got] : std::vector<std::pair<std::string, std::string>>{
             {"1", "2"}, {"1", "1.5"}, {"1", "\"1\""}, {"18446744073709551615", "-1"}, {"true", "1"}, {"null", "false"}}) {
        scripted_transport u;
        u.expect(http_method::put, "/x").json_body(expected).respond(200);
        auto req = make_request(http_method::put, "/x", {}, got);
        EXPECT_FALSE(u(req)) << expected << " vs " << got;
    }
}

TEST(scripted_transport, json_differences_are_reported_with_their_paths)
{
    scripted_transport t;
    t.expect(http_method::put, "/v1/images/4")
        .json_body(R"({"description":"d","labels":{"env":"prod","team":"a"},"ids":[1,2,3],"odd key":{"a.b":1},"t":{"x":1}})")
        .respond(200);
    auto req = make_request(http_method::put, "/v1/images/4", {},
                            std::string(R"({"description":"d","labels":{"env":"dev","extra":"y"},"ids":[1,5],)"
                                        R"("odd key":{"a.b":2},"t":[1]})"));
    auto r = t(req);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, cloudimg::error::transport);
    auto const& diff = r.error().message;
    for (std::string const line : {"\n  body.labels.env: expected \"prod\", got \"dev\"",
                                   "\n  body.labels.team: expected \"a\", got nothing",
                                   "\n  body.labels.extra: expected nothing, got \"y\"",
                                   "\n  body.ids[1]: expected 2, got 5",
                                   "\n  body.ids[2]: expected 3, got nothing",
                                   "\n  body[\"odd key\"][\"a.b\"]: expected 1, got 2",
                                   "\n  body.t: expected {\"x\":1}, got [1]"})
        EXPECT_NE(diff.find(line), std::string::npos) << line << " in\n" << diff;
    EXPECT_EQ(diff.find("description"), std::string::npos) << "equal values are not listed";
}

TEST(scripted_transport, other_bodies_compare_as_bytes)
{
    scripted_transport t;
    t.expect(http_method::post, "/form").body("a=1&b=2").respond(200);
    t.expect(http_method::post, "/form").body("a=1&b=2").respond(200);
    t.expect(http_method::post, "/json").body(R"({"a":1})").respond(200);  // bytes, even when they are JSON
    t.expect(http_method::post, "/json").json_body(R"({"a":1})").respond(200);
    t.expect(http_method::post, "/none").no_body().respond(200);
    t.expect(http_method::post, "/some").body("x").respond(200);
    t.expect(http_method::post, "/any").respond(200);  // not compared

    auto same = make_request(http_method::post, "/form", {}, std::string("a=1&b=2"));
    auto differs = make_request(http_method::post, "/form", {}, std::string("a=1&b=3!"));
    auto spaced = make_request(http_method::post, "/json", {}, std::string(R"({ "a": 1 })"));
    auto not_json = make_request(http_method::post, "/json", {}, std::string("a=1"));
    auto has_body = make_request(http_method::post, "/none", {}, std::string("\x01z"));
    auto no_body = make_request(http_method::post, "/some");
    auto any = make_request(http_method::post, "/any", {}, std::string("whatever"));
    EXPECT_TRUE(t(same));
    EXPECT_FALSE(t(differs));
    EXPECT_FALSE(t(spaced));
    EXPECT_FALSE(t(not_json));
    EXPECT_FALSE(t(has_body));
    EXPECT_FALSE(t(no_body));
    EXPECT_TRUE(t(any));

    auto const& m = t.mismatches();
    ASSERT_EQ(m.size(), 5u);
    EXPECT_NE(m[0].find("\n  body: expected 7 bytes \"a=1&b=2\", got 8 bytes \"a=1&b=3!\"; they differ from byte 6"),
              std::string::npos)
        << m[0];
    EXPECT_NE(m[1].find("they differ from byte 1"), std::string::npos) << m[1];
    EXPECT_NE(m[2].find("\n  body: expected JSON {\"a\":1}, got 3 bytes that are not JSON ("), std::string::npos) << m[2];
    EXPECT_NE(m[3].find("\n  body: expected none, got 2 bytes \"\\x01z\""), std::string::npos) << m[3];
    EXPECT_NE(m[4].find("\n  body: expected 1 byte \"x\", got none"), std::string::npos) << m[4];
}

TEST(scripted_transport, long_bodies_show_where_they_differ)
{
    std::string expected(200, 'a');
    std::string got = expected;
    got[150] = 'b';
    scripted_transport t;
    t.expect(http_method::post, "/x").body(expected).respond(200);
    auto req = make_request(http_method::post, "/x", {}, got);
    EXPECT_FALSE(t(req));
    auto const& m = t.mismatches().at(0);
    EXPECT_NE(m.find("got 200 bytes ...\"" + std::string(20, 'a') + "b"), std::string::npos) << m;
    EXPECT_NE(m.find("they differ from byte 150"), std::string::npos) << m;
}

// ---------------------------------------------------------------- the diff's wording

TEST(scripted_transport, a_mismatch_is_a_readable_diff)
{
    scripted_transport t;
    int const line = __LINE__ + 1;
    t.expect(http_method::put, "/v1/images/4?x=1")
        .header("Authorization", "Bearer x")
        .header("X-Absent", "1")
        .without_header("If-Match")
        .header("Accept", "application/json")  // the same: not listed
        .json_body(R"({"labels":{"env":"prod"}})")
        .respond(200);
    auto req = make_request(http_method::post, "/v1/images/4?x=2",
                            {{"Authorization", "Bearer y"}, {"If-Match", "\"e\""}, {"Accept", "application/json"}},
                            std::string(R"({"labels":{"env":"dev"}})"));
    auto r = t(req);
    ASSERT_FALSE(r);
    std::string const diff = "request 1 does not match expectation 1 (test_scripted_transport.cpp:" + std::to_string(line) +
                             "):\n"
                             "  expected PUT /v1/images/4?x=1\n"
                             "       got POST /v1/images/4?x=2\n"
                             "  header Authorization: expected \"Bearer x\", got \"Bearer y\"\n"
                             "  header X-Absent: expected \"1\", got nothing\n"
                             "  header If-Match: expected nothing, got \"\\\"e\\\"\"\n"
                             "  body.labels.env: expected \"prod\", got \"dev\"";
    EXPECT_EQ(r.error().message, diff);  // the answer carries the diff...
    EXPECT_EQ(r.error().http_status, 0);
    ASSERT_EQ(t.mismatches().size(), 1u);
    EXPECT_EQ(t.mismatches()[0], diff);  // ... and the double keeps it
    EXPECT_EQ(t.verify(), std::vector<std::string>{diff});
    EXPECT_EQ(t.report(), diff + "\n");
}

TEST(scripted_transport, through_the_client_the_diff_is_the_failures_message)
{
    scripted_transport t;
    t.expect(http_method::post, "/v1/images/4/actions/change_protection").json_body(R"({"delete":true})").respond(201, action_json);
    cloudimg::client api{hz::config{.token = "x"}, t};
    auto r = api.send(hz::change_image_protection{.id = 4, .body = {.delete_ = false}});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, cloudimg::error::transport);
    EXPECT_NE(r.error().what().find("body.delete: expected true, got false"), std::string::npos) << r.error().what();
    EXPECT_EQ(t.unused(), std::vector<std::string>{});  // a mismatched expectation is used up
}

// ---------------------------------------------------------------- unexpected and unused

TEST(scripted_transport, unexpected_requests_and_unused_expectations_are_reported)
{
    scripted_transport t;
    t.expect(http_method::get, "/a").respond(200);
    int const line = __LINE__ + 1;
    t.expect(http_method::get, "/b").respond(200);
    t.expect(http_method::delete_, "/c").respond(204);

    auto a = make_request(http_method::get, "/a");
    EXPECT_TRUE(t(a));
    EXPECT_EQ(t.remaining(), 2u);
    std::string const b = "GET /b (test_scripted_transport.cpp:" + std::to_string(line) + ")";
    std::string const c = "DELETE /c (test_scripted_transport.cpp:" + std::to_string(line + 1) + ")";
    EXPECT_EQ(t.unused(), (std::vector<std::string>{b, c}));
    EXPECT_EQ(t.verify(), (std::vector<std::string>{"expectation 2 was never used: " + b, "expectation 3 was never used: " + c}));
    EXPECT_FALSE(t.script()[1].used());
    EXPECT_EQ(t.script()[1].number(), 2u);

    // past the end of the script
    scripted_transport one;
    one.expect(http_method::get, "/a").respond(200);
    auto first = make_request(http_method::get, "/a");
    auto extra = make_request(http_method::patch, "/z?q=1");
    EXPECT_TRUE(one(first));
    auto r = one(extra);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, cloudimg::error::transport);
    EXPECT_EQ(r.error().message, "request 2 was not expected: PATCH https://api.example.com/z?q=1 "
                                 "(the script's 1 expectation was used)");
    EXPECT_EQ(one.report(), r.error().message + "\n");
    EXPECT_EQ(one.requests().size(), 2u);  // recorded all the same

    scripted_transport none;
    auto any = make_request(http_method::get, "/");
    EXPECT_EQ(none(any).error().message,
              "request 1 was not expected: GET https://api.example.com/ (the script's 0 expectations were all used)");
}

TEST(scripted_transport, an_expectation_without_answer_or_with_bad_json_fails_when_reached)
{
    scripted_transport t;
    int const line = __LINE__ + 1;
    t.expect(http_method::get, "/a");
    t.expect(http_method::put, "/b").json_body("{not json").respond(200);
    auto a = make_request(http_method::get, "/a");
    auto b = make_request(http_method::put, "/b", {}, std::string("{}"));
    auto ra = t(a);
    ASSERT_FALSE(ra);
    EXPECT_EQ(ra.error().message, "expectation 1 (GET /a (test_scripted_transport.cpp:" + std::to_string(line) +
                                      ")) has no answer: end it with .respond(...) or .fail(...)");
    auto rb = t(b);
    ASSERT_FALSE(rb);
    EXPECT_NE(rb.error().message.find("\n  the expected body is not JSON ("), std::string::npos) << rb.error().message;
    EXPECT_EQ(t.verify().size(), 2u);
}

TEST(scripted_transport, the_report_can_be_made_at_exit)
{
    std::vector<std::string> reports;
    {
        scripted_transport t({.report_at_exit = [&](std::string const& r) { reports.push_back(r); }});
        t.expect(http_method::get, "/never").respond(200);
        scripted_transport copy = t;
    }  // the last copy goes: the report is made
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_NE(reports[0].find("expectation 1 was never used: GET /never"), std::string::npos) << reports[0];

    {
        scripted_transport t({.report_at_exit = [&](std::string const& r) { reports.push_back(r); }});
        t.expect(http_method::get, "/a").respond(200);
        auto a = make_request(http_method::get, "/a");
        EXPECT_TRUE(t(a));
    }
    EXPECT_EQ(reports.size(), 1u) << "nothing to report when the script was followed";
}

// ---------------------------------------------------------------- canned transport failures

TEST(scripted_transport, canned_transport_failures)
{
    scripted_transport t;
    t.expect(http_method::get, "/v1/images/1").fail(errc::make_error_code(errc::connection_refused));
    t.expect(http_method::get, "/v1/images/2").fail(cloudimg::make_failure(cloudimg::error::transport, "TLS handshake failed"));
    cloudimg::client api{hz::config{.token = "x"}, t};
    auto refused = api.send(hz::get_image{.id = 1});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, errc::connection_refused);
    EXPECT_EQ(refused.error().http_status, 0);
    EXPECT_EQ(refused.error().message, "transport: " + errc::make_error_code(errc::connection_refused).message());
    auto tls = api.send(hz::get_image{.id = 2});
    ASSERT_FALSE(tls);
    EXPECT_EQ(tls.error().code, cloudimg::error::transport);
    EXPECT_EQ(tls.error().message, "TLS handshake failed");
    EXPECT_EQ(t.report(), "") << "a canned failure is part of the script, not a problem";
}

// ---------------------------------------------------------------- streaming into a body_sink

struct recording_sink {
    std::vector<std::string> chunks;
    std::vector<int> statuses;
    cloudimg::body_sink sink()
    {
        return [this](response const& head, std::string_view chunk) -> cloudimg::result<void> {
            EXPECT_TRUE(head.body.empty()) << "the head has no body";
            statuses.push_back(head.status);
            chunks.emplace_back(chunk);
            return {};
        };
    }
};

TEST(scripted_transport, a_2xx_body_goes_to_the_sink_head_first_then_in_chunks)
{
    scripted_transport t;
    t.expect(http_method::get, "/blob").respond(200, "abcdefgh", {{"Content-Type", "application/octet-stream"}});
    t.expect(http_method::get, "/empty").respond(204);
    t.expect(http_method::get, "/missing").respond(404, R"({"error":"not found"})");
    recording_sink s;
    auto blob = make_request(http_method::get, "/blob");
    auto head = t(blob, s.sink());
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->headers.find("Content-Type"), "application/octet-stream");
    EXPECT_TRUE(head->body.empty()) << "the body went to the sink";
    EXPECT_EQ(s.chunks, (std::vector<std::string>{"", "abc", "def", "gh"}));  // the default 3-byte chunks
    EXPECT_EQ(s.statuses, (std::vector<int>{200, 200, 200, 200}));

    s.chunks.clear();
    auto empty = make_request(http_method::get, "/empty");
    EXPECT_TRUE(t(empty, s.sink()));
    EXPECT_EQ(s.chunks, std::vector<std::string>{""}) << "an empty body still reaches the sink: the head";

    s.chunks.clear();
    auto missing = make_request(http_method::get, "/missing");
    auto error = t(missing, s.sink());
    ASSERT_TRUE(error);
    EXPECT_EQ(error->status, 404);
    EXPECT_EQ(error->body, R"({"error":"not found"})") << "another status keeps its body";
    EXPECT_TRUE(s.chunks.empty());
}

TEST(scripted_transport, chunk_size_is_an_option_and_a_sink_failure_aborts)
{
    scripted_transport t({.chunk_size = 1});
    t.expect(http_method::get, "/blob").respond(200, "abc");
    t.expect(http_method::get, "/blob").respond(206, "abcdef");
    recording_sink s;
    auto one = make_request(http_method::get, "/blob");
    EXPECT_TRUE(t(one, s.sink()));
    EXPECT_EQ(s.chunks, (std::vector<std::string>{"", "a", "b", "c"}));

    int calls = 0;
    auto stop = make_request(http_method::get, "/blob");
    auto r = t(stop, [&](response const&, std::string_view chunk) -> cloudimg::result<void> {
        ++calls;
        if (chunk == "b")
            return cloudimg::make_failure(cloudimg::error::invalid_value, "not a b", "blob[1]");
        return {};
    });
    ASSERT_FALSE(r);
    EXPECT_EQ(calls, 3) << "nothing after the failure";
    EXPECT_EQ(r.error().code, cloudimg::error::invalid_value);
    EXPECT_EQ(r.error().path, "blob[1]");
    EXPECT_EQ(r.error().http_status, 206);
    EXPECT_EQ(t.report(), "") << "the sink's failure is the code under test's, not the script's";
}

TEST(scripted_transport, an_lxd_export_streams_through_the_client)
{
    scripted_transport t({.chunk_size = 4});
    t.expect(http_method::get, "/1.0/images/abc/export")
        .respond(200, "image-bytes", {{"Content-Type", "application/octet-stream"}, {"Content-Length", "11"}});
    cloudimg::client api{lxd::config{}, t};
    std::string got;
    auto head = api.send(lxd::export_image{.fingerprint = "abc"}, [&](response const&, std::string_view chunk) -> cloudimg::result<void> {
        got += chunk;
        return {};
    });
    ASSERT_TRUE(head) << head.error().what();
    EXPECT_EQ(head->content_type, "application/octet-stream");
    EXPECT_EQ(got, "image-bytes");
}

// ---------------------------------------------------------------- asynchronous: nothing runs before run()

TEST(scripted_transport, async_handlers_never_run_before_run)
{
    scripted_transport t;
    t.expect(http_method::get, "/v1/images/1").respond(200, R"({"image":null})");
    t.expect(http_method::get, "/v1/images/2").fail(errc::make_error_code(errc::timed_out));
    cloudimg::async_client api{hz::config{.token = "x"}, t};
    std::vector<std::string> got;
    api.send(hz::get_image{.id = 1}, [&](auto r) { got.push_back(r ? "one" : r.error().what()); });
    api.send(hz::get_image{.id = 2}, [&](auto r) { got.push_back(r ? "two" : r.error().message); });
    EXPECT_TRUE(got.empty());
    EXPECT_EQ(t.requests().size(), 2u) << "the requests were compared when sent";
    EXPECT_EQ(t.pending(), 2u);
    EXPECT_EQ(t.verify(), std::vector<std::string>{"2 completions or tasks were queued and never run: call run()"});

    EXPECT_EQ(t.run(), 2u);
    EXPECT_EQ(got, (std::vector<std::string>{"one", "transport: " + errc::make_error_code(errc::timed_out).message()}));
    EXPECT_EQ(t.pending(), 0u);
    EXPECT_EQ(t.report(), "");
}

TEST(scripted_transport, async_completions_and_posted_tasks_run_in_order)
{
    scripted_transport t;
    t.expect(http_method::get, "/v1/images/1").respond(200, R"({"image":null})");
    t.expect(http_method::get, "/v1/images/2").respond(200, R"({"image":null})");
    cloudimg::async_client api{hz::config{.token = "x"}, t};
    std::vector<std::string> order;
    api.send(hz::get_image{.id = 1}, [&](auto r) {
        order.push_back(r ? "first" : r.error().what());
        // a handler that sends the next request: its completion queues behind
        api.send(hz::get_image{.id = 2}, [&](auto r2) { order.push_back(r2 ? "second" : r2.error().what()); });
    });
    t.post([&] { order.push_back("posted"); });
    // a request refused before sending (a line break in the token) completes through post
    cloudimg::async_client refusing{hz::config{.token = "x\n"}, t};
    refusing.send(hz::get_image{.id = 3}, [&](auto r) { order.push_back(r ? "?" : "refused locally"); });

    EXPECT_TRUE(order.empty());
    EXPECT_EQ(t.pending(), 3u);
    EXPECT_EQ(t.poll(), 3u) << "what was queued before the call";
    EXPECT_EQ(order, (std::vector<std::string>{"first", "posted", "refused locally"}));
    EXPECT_EQ(t.pending(), 1u) << "the second request's completion waits for the next turn";
    EXPECT_EQ(t.run_one(), 1u);
    EXPECT_EQ(order, (std::vector<std::string>{"first", "posted", "refused locally", "second"}));
    EXPECT_EQ(t.run(), 0u);
    EXPECT_EQ(t.run_one(), 0u);
    EXPECT_EQ(t.report(), "");
}

TEST(scripted_transport, async_handlers_may_be_move_only_and_mismatches_complete_on_the_loop)
{
    scripted_transport t;
    t.expect(http_method::get, "/v1/images/2").respond(200, R"({"image":null})");
    cloudimg::async_client api{hz::config{.token = "x"}, t};
    std::string text;
    auto owned = std::make_unique<std::string>("got: ");
    api.send(hz::get_image{.id = 3}, [&text, owned = std::move(owned)](auto r) { text = *owned + (r ? "?" : r.error().message); });
    EXPECT_EQ(t.mismatches().size(), 1u) << "recorded at once";
    EXPECT_TRUE(text.empty()) << "but answered only on the loop";
    t.run();
    EXPECT_EQ(text.rfind("got: request 1 does not match expectation 1", 0), 0u) << text;
}

TEST(scripted_transport, async_streaming_feeds_the_sink_when_the_completion_runs)
{
    scripted_transport t({.chunk_size = 5});
    t.expect(http_method::get, "/1.0/images/abc/export").respond(200, "image-bytes", {{"Content-Type", "application/octet-stream"}});
    cloudimg::async_client api{lxd::config{}, t};
    std::vector<std::string> events;
    api.send(
        lxd::export_image{.fingerprint = "abc"},
        [&](response const&, std::string_view chunk) -> cloudimg::result<void> {
            events.push_back("chunk " + std::string(chunk));
            return {};
        },
        [&](auto r) { events.push_back(r ? "done " + r->content_type : r.error().what()); });
    EXPECT_TRUE(events.empty());
    t.run();
    EXPECT_EQ(events, (std::vector<std::string>{"chunk ", "chunk image", "chunk -byte", "chunk s",
                                                "done application/octet-stream"}));
}

// ---------------------------------------------------------------- uploads: body_source

TEST(scripted_transport, upload_bodies_are_read_to_the_end_and_compared)
{
    using cloudimg::test_support::string_source;
    scripted_transport t;
    t.expect(http_method::post, "/1.0/images")
        .header("Content-Type", "application/octet-stream")
        .header("X-LXD-filename", "debian.tar.gz")
        .body("image-bytes-0123456789")
        .respond(202, "{}");
    t.expect(http_method::post, "/json").json_body(R"({"a":[1,2]})").respond(200);
    t.expect(http_method::post, "/json").json_body(R"({"a":[1,2]})").respond(200);

    cloudimg::client api{lxd::config{}, t};
    // read in pieces of 5 bytes, after a first read: the double rewinds the source
    string_source src{"image-bytes-0123456789", 5};
    char skip[4];
    (void)src.read(skip, sizeof skip);
    (void)api.send(lxd::upload_image{.body = {"application/octet-stream", cloudimg::body_source(std::move(src))},
                                     .filename = "debian.tar.gz"});
    EXPECT_EQ(t.requests().at(0).body, "image-bytes-0123456789");

    auto json = make_request(http_method::post, "/json", {}, cloudimg::body_source(string_source{R"({ "a": [1, 2] })", 3}));
    EXPECT_TRUE(t(json)) << "a streamed body compares as JSON when the expectation is JSON";
    auto other = make_request(http_method::post, "/json", {}, cloudimg::body_source(string_source{R"({"a":[1,3]})", 3}));
    EXPECT_FALSE(t(other));
    EXPECT_EQ(t.mismatches().size(), 1u);
    EXPECT_NE(t.report().find("\n  body.a[1]: expected 2, got 3"), std::string::npos) << t.report();
}

// A source whose size() promises more than it gives: a transport would send a wrong Content-Length.
struct short_source {
    std::uint64_t size() const { return 10; }
    boost::system::result<std::size_t> read(char* dest, std::size_t max)
    {
        if (done || max == 0)
            return std::size_t{0};
        done = true;
        dest[0] = 'x';
        return std::size_t{1};
    }
    boost::system::error_code rewind()
    {
        done = false;
        return {};
    }
    bool done = false;
};

struct failing_source {
    std::uint64_t size() const { return 3; }
    boost::system::result<std::size_t> read(char*, std::size_t) { return errc::make_error_code(errc::io_error); }
    boost::system::error_code rewind() { return {}; }
};

TEST(scripted_transport, a_body_source_that_breaks_its_contract_is_a_mismatch)
{
    scripted_transport t;
    t.expect(http_method::post, "/up").respond(200);
    t.expect(http_method::post, "/up").respond(200);
    auto short_body = make_request(http_method::post, "/up", {}, cloudimg::body_source(short_source{}));
    auto broken = make_request(http_method::post, "/up", {}, cloudimg::body_source(failing_source{}));
    EXPECT_FALSE(t(short_body));
    EXPECT_FALSE(t(broken));
    ASSERT_EQ(t.mismatches().size(), 2u);
    EXPECT_NE(t.mismatches()[0].find("\n  body: the body source's size() is 10 but it gave 1 byte"), std::string::npos)
        << t.mismatches()[0];
    EXPECT_NE(t.mismatches()[1].find("\n  body: reading the body source failed after 0 bytes: "), std::string::npos)
        << t.mismatches()[1];
}

} // namespace
