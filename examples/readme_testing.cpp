// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The README's "Testing code that uses cloudimg", compiled and run so that the
// README stays true: the code under test (protect_snapshots.hpp) against a
// scripted Hetzner, without a test framework. tests/testing/test_readme.cpp
// is the same test in GoogleTest, as the README shows it.
// usage: readme_testing (exits 1 and prints what went wrong if the script was not followed)

#include "protect_snapshots.hpp"
#include "protect_snapshots_replies.hpp"

#include <cloudimg/client.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <chrono>
#include <iostream>
#include <string>
#include <vector>

namespace {

namespace hz = cloudimg::hetzner;
using cloudimg::http_method;
using namespace std::chrono_literals;

using namespace example::replies;

} // namespace

int main()
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

    cloudimg::client api{hz::config{.token = "test-token"}, t};  // the client gets a copy: they share the script
    std::vector<std::chrono::milliseconds> slept;
    auto ids = example::protect_prod_snapshots(api, [&](std::chrono::milliseconds d) { slept.push_back(d); });

    bool ok = true;
    auto check = [&](bool c, char const* what) {
        if (!c)
            std::cerr << "readme_testing: FAILED: " << what << '\n';
        ok = ok && c;
    };
    check(ids.has_value(), "protect_prod_snapshots succeeds");
    check(ids && *ids == std::vector<std::int64_t>{11, 13}, "images 11 and 13 were protected");
    check(slept == std::vector<std::chrono::milliseconds>{1s, 2s}, "the waiter's backoff, not slept");
    check(t.report().empty(), "the script was followed");
    if (!ok) {
        std::cerr << t.report();
        return 1;
    }
    std::cout << "readme_testing: OK\n";
    return 0;
}
