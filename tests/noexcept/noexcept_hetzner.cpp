// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The library without exceptions: errors are values, so every path a user
// takes -- encode, build, decode, parse -- must work under -fno-exceptions.
// The headers under test come first, so they are checked to compile alone in this mode.

#include <cloudimg/client.hpp>
#include <cloudimg/for_each_page.hpp>
#include <cloudimg/hetzner.hpp>
#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/response.hpp>
#include <cloudimg/send_with_retry.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include "noexcept_support.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace {

namespace hetzner = cloudimg::hetzner;

constexpr std::string_view image_json = R"({"image": {"id": 4711, "type": "snapshot", "status": "available",
    "name": null, "description": "My new Image description", "image_size": 2.3, "disk_size": 10,
    "created": "2016-01-30T23:50:00Z", "created_from": {"id": 1, "name": "Server"}, "bound_to": null,
    "os_flavor": "ubuntu", "os_version": "20.04", "rapid_deploy": false, "protection": {"delete": false},
    "deprecated": "2018-02-28T00:00:00Z", "deleted": null, "labels": {"key": "value"},
    "architecture": "x86", "added_later": {"nested": [true, null]}}})";

} // namespace

namespace noexcept_test {

void decode()
{
    auto r = cloudimg::json::decode<hetzner::image_response>(image_json);
    check(r.has_value(), "decode image_response");
    if (r && r->image) {
        check(r->image->id == 4711, "decoded id");
        check(r->image->type == hetzner::image_type::snapshot, "decoded type");
        check(!r->image->name.has_value(), "decoded null name");
        check(r->image->created_from && r->image->created_from->id == 1, "decoded created_from");
        check(r->image->labels.size() == 1 && r->image->labels.begin()->second == "value", "decoded labels");
    }

    // Chunked, one byte at a time: the incremental decoder keeps its state.
    hetzner::image_response chunked;
    check(decodes_byte_by_byte(image_json, chunked), "incremental decode");
    check(chunked.image && chunked.image->disk_size == 10, "incremental decode result");

    // A wrong type is an error value that names the path.
    auto bad = cloudimg::json::decode<hetzner::image_response>(R"({"image": {"id": "4711"}})");
    check(!bad.has_value(), "type mismatch is an error");
    if (!bad) {
        check(bad.error().code == cloudimg::error::type_mismatch, "type mismatch code");
        check(bad.error().path.find("id") != std::string::npos, "type mismatch path");
    }

    auto syntax = cloudimg::json::decode<hetzner::image_response>("{\"image\": ");
    check(!syntax.has_value() && syntax.error().code == cloudimg::error::json_syntax, "truncated JSON is an error");
}

void encode()
{
    hetzner::update_image_request body{.description = "nightly", .labels = {{{"env", "ci"}}}};
    auto text = cloudimg::json::encode(body);
    check(text == R"({"description":"nightly","labels":{"env":"ci"}})", "encode update_image_request");

    // What is encoded decodes back to the same value.
    auto back = cloudimg::json::decode<hetzner::update_image_request>(text);
    check(back && back->description == body.description && back->labels == body.labels, "encode round trip");
}

void build_requests()
{
    hetzner::config cfg{.token = "secret-token"};

    auto get = hetzner::prepare(cfg, hetzner::get_image{.id = 42});
    check(get.has_value(), "prepare get_image");
    if (get) {
        check(get->method == cloudimg::http_method::get, "get_image method");
        check(get->url() == "https://api.hetzner.cloud/v1/images/42", "get_image URL");
        check(get->headers.find("authorization") == std::string_view("Bearer secret-token"), "bearer header");
    }

    auto list = hetzner::prepare(cfg, hetzner::list_images{.type = {hetzner::image_type::snapshot},
                                                           .page = 2, .per_page = 50});
    check(list.has_value(), "prepare list_images");
    if (list)
        check(list->target == "/v1/images?type=snapshot&page=2&per_page=50", "list_images target");

    auto put = hetzner::prepare(cfg, hetzner::update_image{.id = 7, .body = {.description = "x"}});
    check(put.has_value(), "prepare update_image");
    if (put) {
        check(put->method == cloudimg::http_method::put, "update_image method");
        auto const* s = std::get_if<std::string>(&put->body);
        check(s != nullptr && *s == R"({"description":"x"})", "update_image body");
        check(put->headers.find("Content-Type") == std::string_view("application/json"), "content type");
    }

    // Header injection is refused as a value, and the token is not echoed.
    hetzner::config evil{.token = "abc\r\nX-Evil: 1"};
    auto refused = hetzner::prepare(evil, hetzner::get_image{.id = 1});
    check(!refused.has_value(), "CR/LF in a header is refused");
    if (!refused) {
        check(refused.error().code == cloudimg::error::invalid_header_value, "invalid_header_value code");
        check(refused.error().what().find("abc") == std::string::npos, "token not in the error text");
    }

    auto bad_base = hetzner::prepare(hetzner::config{.token = {}, .base_url = "not a url"}, hetzner::get_image{.id = 1});
    check(!bad_base.has_value() && bad_base.error().code == cloudimg::error::invalid_base_url, "bad base URL");
}

void parse_responses()
{
    cloudimg::response ok;
    ok.status = 200;
    ok.body = std::string(image_json);
    auto image = cloudimg::parse_response<hetzner::get_image>(ok);
    check(image.has_value() && image->image && image->image->id == 4711, "parse_response 200");

    cloudimg::response not_found;
    not_found.status = 404;
    not_found.headers.set("X-Correlation-Id", "1f2e3d");
    not_found.body = R"({"error": {"code": "not_found", "message": "image 42 not found", "details": {}}})";
    auto err = cloudimg::parse_response<hetzner::get_image>(not_found);
    check(!err.has_value(), "parse_response 404 is a failure");
    if (!err) {
        auto const& f = err.error();
        check(f.code == cloudimg::error::error_response, "404 code");
        check(f.http_status == 404, "404 status");
        check(f.provider_code == "not_found", "404 provider code");
        check(f.request_id == "1f2e3d", "404 request id");
        check(hetzner::error_code_of(f) == hetzner::error_code::not_found, "typed error code");
    }

    cloudimg::response garbage;
    garbage.status = 200;
    garbage.body = "<html>bad gateway</html>";
    auto undecodable = cloudimg::parse_response<hetzner::get_image>(garbage);
    check(!undecodable.has_value() && undecodable.error().code == cloudimg::error::json_syntax,
          "non-JSON 200 is json_syntax");
    if (!undecodable)
        check(undecodable.error().raw_body == garbage.body, "raw body kept");

    cloudimg::response deleted;
    deleted.status = 204;
    check(cloudimg::parse_response<hetzner::delete_image>(deleted).has_value(), "204 no content");

    // The loops over the retry and page state machines: a 409 retried, then two pages.
    auto const page = [](int n, char const* next) {
        cloudimg::response r;
        r.status = 200;
        r.body = R"({"images": [], "meta": {"pagination": {"page": )" + std::to_string(n) +
                 R"(, "per_page": 1, "previous_page": null, "next_page": )" + next +
                 R"(, "last_page": 2, "total_entries": 2}}})";
        return r;
    };
    cloudimg::response conflict;
    conflict.status = 409;
    conflict.headers.set("Retry-After", "0");
    conflict.body = R"({"error": {"code": "conflict", "message": "busy", "details": {}}})";
    cloudimg::response const replies[] = {conflict, page(1, "2"), page(2, "null")};
    std::size_t sent = 0;
    auto const send = [&](hetzner::list_images const&) {
        return cloudimg::parse_response<hetzner::list_images>(replies[sent++ % 3]);
    };
    auto const retrying = [&](hetzner::list_images const& ep) {
        return cloudimg::send_with_retry(send, ep, [](std::chrono::milliseconds) {},
                                         [] { return std::chrono::system_clock::time_point{}; },
                                         hetzner::retry_policy{});
    };
    auto pages = cloudimg::for_each_page(retrying, hetzner::list_images{.per_page = 1},
                                         [](hetzner::list_images_response const&) {});
    check(pages.has_value() && *pages == 2 && sent == 3, "for_each_page over send_with_retry");

    // the same, through a client over the scripted transport: a matched request, then a mismatch's diff
    cloudimg::testing::scripted_transport t;
    t.expect(cloudimg::http_method::get, "/v1/images/4711").header("Authorization", "Bearer t").respond(200, std::string(image_json));
    t.expect(cloudimg::http_method::post, "/v1/images/4711/actions/change_protection").json_body(R"({"delete":true})").respond(201);
    cloudimg::client api{hetzner::config{.token = "t"}, t};
    auto got = api.send(hetzner::get_image{.id = 4711});
    check(got.has_value() && got->image && got->image->id == 4711, "scripted get_image");
    auto wrong = api.send(hetzner::change_image_protection{.id = 4711, .body = {.delete_ = false}});
    check(!wrong.has_value() && wrong.error().code == cloudimg::error::transport, "scripted mismatch is a failure");
    check(t.report().find("body.delete: expected true, got false") != std::string::npos, "scripted mismatch diff");
}

} // namespace noexcept_test
