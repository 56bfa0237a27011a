// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The Oxide provider without exceptions: decoding (UUIDs and open block sizes
// included), encoding, request building with validate(), pagination and
// response parsing must all work, and fail, as values under -fno-exceptions.
// The header under test comes first, so it is checked to compile alone in this mode.

#include <cloudimg/oxide.hpp>

#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/response.hpp>

#include "noexcept_support.hpp"

#include <string>
#include <string_view>

namespace {

namespace oxide = cloudimg::oxide;

constexpr std::string_view page_json =
    R"({"items":[{"id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c","name":"debian-12","description":"Debian 12",)"
    R"("time_created":"2026-08-19T10:11:12.123456Z","time_modified":"2026-08-19T10:11:13Z",)"
    R"("project_id":"5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d","os":"debian","version":"12",)"
    R"("digest":{"type":"sha256","value":"00"},"block_size":8192,"size":18446744073709551615,"added_later":[null]}],)"
    R"("next_page":"eyJ2IjoidjEifQ=="})";

} // namespace

namespace noexcept_test {

void decode()
{
    auto r = cloudimg::json::decode<oxide::image_results_page>(page_json);
    check(r.has_value(), "decode image_results_page");
    if (r && r->items.size() == 1) {
        auto const& i = r->items[0];
        check(i.id == oxide::uuid("0D6F9B2A-3C4E-4F5A-8B7C-1D2E3F4A5B6C"), "decoded UUID, compared without case");
        check(i.project_id.has_value(), "decoded project_id");
        check(!oxide::is_known_block_size(i.block_size) && oxide::to_bytes(i.block_size) == 8192, "open block size");
        check(i.size == 18446744073709551615u, "uint64 size");
        check(r->next_page == std::optional<std::string>("eyJ2IjoidjEifQ=="), "next_page");
    } else {
        check(false, "one item");
    }

    // Chunked, one byte at a time.
    oxide::image_results_page chunked;
    check(decodes_byte_by_byte(page_json, chunked), "incremental decode");
    check(chunked.items.size() == 1 && chunked.items[0].name == "debian-12", "incremental decode result");

    // Text that is not a UUID is an error value with the path.
    std::string bad(page_json);
    bad.replace(bad.find("0d6f9b2a"), 8, "not-uuid");
    auto invalid = cloudimg::json::decode<oxide::image_results_page>(bad);
    check(!invalid && invalid.error().code == cloudimg::error::invalid_value && invalid.error().path == "items[0].id",
          "a bad UUID is invalid_value at items[0].id");

    auto syntax = cloudimg::json::decode<oxide::image_results_page>(page_json.substr(0, 40));
    check(!syntax && syntax.error().code == cloudimg::error::json_syntax, "truncated JSON is an error");
}

void encode()
{
    oxide::image_create body{.name = "debian-12",
                             .description = "nightly",
                             .os = "debian",
                             .version = "12",
                             .source = {.type = oxide::image_source_type::snapshot, .id = "7c6b5a4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"}};
    auto text = cloudimg::json::encode(body);
    check(text == R"({"name":"debian-12","description":"nightly","os":"debian","version":"12",)"
                  R"("source":{"type":"snapshot","id":"7c6b5a4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"}})",
          "encode image_create");
    auto back = cloudimg::json::decode<oxide::image_create>(text);
    check(back && cloudimg::json::encode(*back) == text, "encode round trip");
}

void build_requests()
{
    oxide::config const cfg{.base_url = "https://oxide.sys.example.com", .token = "secret-token"};

    auto view = oxide::prepare(cfg, oxide::view_image{.image = "debian-12", .project = "infra"});
    check(view.has_value(), "prepare view_image");
    if (view) {
        check(view->url() == "https://oxide.sys.example.com/v1/images/debian-12?project=infra", "view_image URL");
        check(view->headers.find("Authorization") == std::string_view("Bearer secret-token"), "bearer header");
        check(view->headers.find("api-version") == std::string_view(oxide::api_version), "api-version header");
    }

    oxide::create_image ep{.project = "infra"};
    ep.body.name = "debian-12";
    ep.body.source.id = "7c6b5a4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
    auto create = oxide::prepare(cfg, ep);
    check(create.has_value() && create->method == cloudimg::http_method::post, "prepare create_image");

    // validate() refuses what the types cannot express, before anything is built.
    auto bad_name = oxide::prepare(cfg, oxide::view_image{.image = "Not A Name"});
    check(!bad_name && bad_name.error().code == cloudimg::error::invalid_argument, "a bad name is refused");
    auto uuid_with_project =
        oxide::prepare(cfg, oxide::view_image{.image = "0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c", .project = "infra"});
    check(!uuid_with_project && uuid_with_project.error().code == cloudimg::error::invalid_argument,
          "a UUID with a project is refused");

    // Header injection is refused as a value, and the token is not echoed.
    auto refused = oxide::prepare(oxide::config{.base_url = cfg.base_url, .token = "abc\r\nX-Evil: 1"},
                                  oxide::view_image{.image = "a"});
    check(!refused && refused.error().code == cloudimg::error::invalid_header_value, "CR/LF in a header is refused");
    check(refused || refused.error().what().find("abc") == std::string::npos, "token not in the error text");

    auto no_base = oxide::prepare(oxide::config{}, oxide::view_image{.image = "a"});
    check(!no_base && no_base.error().code == cloudimg::error::invalid_base_url, "no base URL");

    // Pagination: the next request carries the token, and a repeated token ends the list.
    oxide::list_images const first{.limit = 10, .project = "infra"};
    oxide::image_results_page page;
    page.next_page = "t1";
    auto next = oxide::next_page(first, page);
    check(next && next->page_token == std::optional<std::string>("t1") && !next->project, "next_page");
    check(next && !oxide::next_page(*next, page), "a repeated token ends the list");
}

void parse_responses()
{
    cloudimg::response ok;
    ok.status = 200;
    ok.body = std::string(page_json);
    auto list = cloudimg::parse_response<oxide::list_images>(ok);
    check(list && list->items.size() == 1, "parse_response 200");

    cloudimg::response not_found;
    not_found.status = 404;
    not_found.headers.set("x-request-id", "1f2e3d");
    not_found.body = R"({"request_id":"body-id","error_code":"ObjectNotFound","message":"not found: image"})";
    auto err = cloudimg::parse_response<oxide::view_image>(not_found);
    check(!err.has_value(), "parse_response 404 is a failure");
    if (!err) {
        auto const& f = err.error();
        check(f.code == cloudimg::error::error_response, "404 code");
        check(f.http_status == 404, "404 status");
        check(f.provider_code == "ObjectNotFound", "404 provider code");
        check(f.request_id == "1f2e3d", "404 request id from the header");
        check(f.body && f.body->request_id == "body-id", "404 body kept");
    }

    cloudimg::response garbage;
    garbage.status = 200;
    garbage.body = "<html>bad gateway</html>";
    auto undecodable = cloudimg::parse_response<oxide::view_image>(garbage);
    check(!undecodable && undecodable.error().code == cloudimg::error::json_syntax, "non-JSON 200 is json_syntax");

    cloudimg::response deleted;
    deleted.status = 204;
    check(cloudimg::parse_response<oxide::delete_image>(deleted).has_value(), "204 no content");
}

} // namespace noexcept_test
