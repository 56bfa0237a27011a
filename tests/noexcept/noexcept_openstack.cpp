// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The OpenStack Compute provider without exceptions: decoding (renamed
// fields, open enums, metadata kept as it came), encoding metadata bodies,
// request building with the microversion and metadata rules, marker
// pagination, and the single-entry fault envelope must all work, and fail, as
// values under -fno-exceptions. The header under test comes first, so it is
// checked to compile alone in this mode.

#include <cloudimg/openstack.hpp>

#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/response.hpp>

#include "noexcept_support.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace {

namespace openstack = cloudimg::openstack;

constexpr std::string_view image_json =
    R"({"image":{"OS-DCF:diskConfig":"AUTO","OS-EXT-IMG-SIZE:size":2147483648,"created":"2026-08-19T10:11:12Z",)"
    R"("id":"70a599e0-31e7-49b7-b260-868f441e862b","links":[{"href":"https://compute.example.com/images/x",)"
    R"("rel":"bookmark"}],"metadata":{"os_distro":"debian","ramdisk_id":null},"minDisk":10,"minRam":512,)"
    R"("name":"debian-12","progress":100,"status":"ACTIVE","updated":null,"added_later":[1]}})";

openstack::config const cfg{.compute_url = "https://compute.example.com/v2.1", .token = "secret-token",
                            .microversion = "2.35"};

} // namespace

namespace noexcept_test {

void decode()
{
    auto r = cloudimg::json::decode<openstack::image_response>(image_json);
    check(r.has_value(), "decode image_response");
    if (r) {
        auto const& i = r->image;
        check(i.id == "70a599e0-31e7-49b7-b260-868f441e862b", "decoded id");
        check(i.disk_config && *i.disk_config == openstack::disk_config::auto_, "renamed OS-DCF:diskConfig");
        check(i.size == cloudimg::nullable<std::int64_t>(2147483648), "renamed OS-EXT-IMG-SIZE:size");
        check(i.status == openstack::image_status::active && i.min_ram == 512, "status and minRam");
        check(!i.updated, "null updated");
        check(i.metadata.size() == 2 && i.metadata.at("ramdisk_id").is_null(), "metadata kept as it came");
    }

    // Chunked, one byte at a time.
    openstack::image_response chunked;
    check(decodes_byte_by_byte(image_json, chunked) && chunked.image.progress == 100, "incremental decode");

    auto missing = cloudimg::json::decode<openstack::image_response>(R"({"image":{"id":"x"}})");
    check(!missing && missing.error().code == cloudimg::error::missing_field, "a missing required field is an error");
    auto wrong = cloudimg::json::decode<openstack::image_response>(R"({"image":{"progress":"100"}})");
    check(!wrong && wrong.error().code == cloudimg::error::type_mismatch && wrong.error().path == "image.progress",
          "a wrong type is an error with its path");
}

void encode()
{
    openstack::metadata_request body{.metadata = {{"os_distro", "debian"}, {"purpose", "ci"}}};
    auto text = cloudimg::json::encode(body);
    check(text == R"({"metadata":{"os_distro":"debian","purpose":"ci"}})", "encode metadata_request");
    auto back = cloudimg::json::decode<openstack::metadata_request>(text);
    check(back && back->metadata == body.metadata, "encode round trip");
}

void build_requests()
{
    auto show = openstack::prepare(cfg, openstack::show_image{.image_id = "a/b"});
    check(show && show->target == "/v2.1/images/a%2Fb", "an id is one path segment");
    check(show && show->headers.find("X-Auth-Token") == std::string_view("secret-token"), "token header");
    check(show && show->headers.find("OpenStack-API-Version") == std::string_view("compute 2.35"), "microversion header");

    auto put = openstack::prepare(
        cfg, openstack::set_image_metadata_item{.image_id = "i", .key = "os_distro", .body = {.meta = {{"os-distro", "x"}}}});
    check(!put && put.error().code == cloudimg::error::invalid_argument, "a body key other than the URL's is refused");

    auto refused = openstack::prepare(openstack::config{.compute_url = cfg.compute_url, .token = "abc\r\nX-Evil: 1"},
                                      openstack::list_images{});
    check(!refused && refused.error().code == cloudimg::error::invalid_header_value, "CR/LF in a header is refused");
    check(refused || refused.error().what().find("abc") == std::string::npos, "token not in the error text");

    auto no_base = openstack::prepare(openstack::config{.token = "t"}, openstack::show_image{.image_id = "i"});
    check(!no_base && no_base.error().code == cloudimg::error::invalid_base_url, "no compute URL");

    // Pagination: the marker of the `next` link, and a repeated marker ends the list.
    openstack::list_images_detail const first{.limit = 1};
    openstack::list_images_detail_response page;
    page.images_links = std::vector<openstack::link>{
        {.href = "https://compute.example.com/v2.1/images/detail?limit=1&marker=m%201", .rel = "next"}};
    auto next = openstack::next_page(first, page);
    check(next && next->marker == std::optional<std::string>("m 1") && next->limit == first.limit, "next_page");
    check(next && !openstack::next_page(*next, page), "a repeated marker ends the list");
}

void parse_responses()
{
    cloudimg::response ok{200, {}, std::string(image_json)};
    auto shown = cloudimg::parse_response<openstack::show_image>(ok);
    check(shown && shown->image.name == cloudimg::nullable<std::string>("debian-12"), "parse_response 200");

    cloudimg::response not_found{404, {{"x-openstack-request-id", "req-1"}},
                                 R"({"itemNotFound":{"code":404,"message":"Image not found."}})"};
    auto err = cloudimg::parse_response<openstack::show_image>(not_found);
    check(!err && err.error().code == cloudimg::error::error_response && err.error().provider_code == "itemNotFound" &&
              err.error().request_id == "req-1",
          "a fault is a typed error with the request id");
    check(!err && err.error().body && err.error().body->name == openstack::fault_name::item_not_found, "fault body kept");

    cloudimg::response garbage{200, {}, "<html>bad gateway</html>"};
    auto undecodable = cloudimg::parse_response<openstack::show_image>(garbage);
    check(!undecodable && undecodable.error().code == cloudimg::error::json_syntax, "non-JSON 200 is json_syntax");

    cloudimg::response deleted{204, {}, ""};
    check(cloudimg::parse_response<openstack::delete_image>(deleted).has_value(), "204 no content");
}

} // namespace noexcept_test
