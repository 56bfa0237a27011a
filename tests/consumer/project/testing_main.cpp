// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Uses the installed <cloudimg/testing/scripted_transport.hpp> through the
// exported cloudimg::testing target, without any test framework: a client
// over the scripted transport, a matched request, and a mismatch's diff.

#include <cloudimg/client.hpp>
#include <cloudimg/hetzner.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include "check.hpp"

#include <iostream>
#include <string>

int main()
{
    namespace hetzner = cloudimg::hetzner;
    using cloudimg::http_method;
    using consumer::check;

    cloudimg::testing::scripted_transport t;
    t.expect(http_method::post, "/v1/images/4/actions/change_protection")
        .header("Authorization", "Bearer consumer-token")
        .json_body(R"({"delete": true})")
        .respond(201, R"({"action":{"id":7,"command":"change_protection","status":"success","started":"2026-01-01T00:00:00Z",
                          "finished":"2026-01-01T00:00:01Z","progress":100,"resources":[],"error":null}})");
    t.expect(http_method::post, "/v1/images/5/actions/change_protection").json_body(R"({"delete": true})").respond(201, "{}");

    cloudimg::client api{hetzner::config{.token = "consumer-token"}, t};
    auto ok = api.send(hetzner::change_image_protection{.id = 4, .body = {.delete_ = true}});
    check(ok && ok->action.id == 7, "the scripted answer decodes");
    auto wrong = api.send(hetzner::change_image_protection{.id = 5, .body = {.delete_ = false}});
    check(!wrong && wrong.error().code == cloudimg::error::transport, "a mismatch is a transport failure");
    check(t.report().find("body.delete: expected true, got false") != std::string::npos, "the diff names the JSON path");
    check(t.verify().size() == 1 && t.unused().empty(), "one problem, no unused expectation");

    if (consumer::failures != 0)
        return 1;
    std::cout << "consumer_testing: OK\n";
    return 0;
}
