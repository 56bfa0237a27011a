// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The README's "Testing code that uses cloudimg", as the GoogleTest test it
// shows: the code under test is examples/protect_snapshots.hpp, the same
// scenario runs without GoogleTest as examples/readme_testing.cpp.

#include "protect_snapshots.hpp"
#include "protect_snapshots_replies.hpp"

#include <cloudimg/client.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

namespace hz = cloudimg::hetzner;
using cloudimg::http_method;
using namespace std::chrono_literals;

using namespace example::replies;

TEST(readme, protect_prod_snapshots_pages_protects_and_waits)
{
    cloudimg::testing::scripted_transport t;
    // page 1: 11 needs protecting, 12 is protected already
    t.expect(http_method::get, "/v1/images?type=snapshot&label_selector=env%3D%3Dprod&per_page=25")
        .header("Authorization", "Bearer test-token")
        .respond(200, R"({"images":[)" + snapshot(11, false) + "," + snapshot(12, true) + "]," + meta(1, "2") + "}");
    t.expect(http_method::post, "/v1/images/11/actions/change_protection")
        .json_body(R"({"delete": true})")
        .respond(201, R"({"action":)" + action(101, "running") + "}");
    // page 2, the last
    t.expect(http_method::get, "/v1/images?type=snapshot&label_selector=env%3D%3Dprod&page=2&per_page=25")
        .respond(200, R"({"images":[)" + snapshot(13, false) + "]," + meta(2, "null") + "}");
    t.expect(http_method::post, "/v1/images/13/actions/change_protection")
        .json_body(R"({"delete": true})")
        .respond(201, R"({"action":)" + action(102, "running") + "}");
    // both actions polled in one request until they are done
    t.expect(http_method::get, "/v1/images/actions?id=101&id=102&per_page=2")
        .respond(200, R"({"actions":[)" + action(101, "success") + "," + action(102, "running") + "]," + meta(1, "null") + "}");
    t.expect(http_method::get, "/v1/images/actions?id=102&per_page=1")
        .respond(200, R"({"actions":[)" + action(102, "success") + "]," + meta(1, "null") + "}");

    cloudimg::client api{hz::config{.token = "test-token"}, t};   // the client gets a copy: they share the script
    std::vector<std::chrono::milliseconds> slept;
    auto ids = example::protect_prod_snapshots(api, [&](std::chrono::milliseconds d) { slept.push_back(d); });

    ASSERT_TRUE(ids) << ids.error().what();     // a mismatch would fail here, with its diff
    EXPECT_EQ(*ids, (std::vector<std::int64_t>{11, 13}));
    EXPECT_EQ(slept, (std::vector<std::chrono::milliseconds>{1s, 2s}));   // the waiter's backoff, not slept
    EXPECT_EQ(t.report(), "");                  // every expectation used, nothing unexpected
}

TEST(readme, a_wrong_request_fails_with_a_diff)
{
    cloudimg::testing::scripted_transport t;
    t.expect(http_method::get, "/v1/images?type=snapshot&label_selector=env%3D%3Dprod&per_page=25")
        .respond(200, R"({"images":[)" + snapshot(11, false) + "]," + meta(1, "null") + "}");
    int const line = __LINE__ + 1;
    t.expect(http_method::post, "/v1/images/11/actions/change_protection")
        .json_body(R"({"delete": false})")   // the script is wrong on purpose
        .respond(201, R"({"action":)" + action(101, "success") + "}");

    cloudimg::client api{hz::config{.token = "test-token"}, t};
    auto ids = example::protect_prod_snapshots(api, [](std::chrono::milliseconds) {});
    ASSERT_FALSE(ids);
    // the README shows this text
    EXPECT_EQ(t.report(), "request 2 does not match expectation 2 (test_readme.cpp:" + std::to_string(line) + "):\n"
                          "  expected POST /v1/images/11/actions/change_protection\n"
                          "       got POST /v1/images/11/actions/change_protection\n"
                          "  body.delete: expected false, got true\n");
    EXPECT_EQ(ids.error().message, t.mismatches().at(0));   // the code under test got the diff too
}

} // namespace
