// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Uses the installed headers and targets the way an application would: build
// a request, "send" it, decode the answer. Exits non-zero on any mismatch.

#include <cloudimg/hetzner.hpp>
#include <cloudimg/response.hpp>

#include "check.hpp"

#include <iostream>
#include <string_view>

int main()
{
    namespace hetzner = cloudimg::hetzner;
    using consumer::check;

    hetzner::config cfg{.token = "consumer-token"};
    auto req = hetzner::prepare(cfg, hetzner::get_image{.id = 42});
    check(req.has_value(), "prepare(get_image) succeeds");
    if (!req)
        return 1;
    check(req->method == cloudimg::http_method::get, "method is GET");
    check(req->url() == "https://api.hetzner.cloud/v1/images/42", "URL of get_image");
    check(req->headers.find("Authorization") == std::string_view("Bearer consumer-token"), "bearer token header");
    check(!req->has_body(), "GET has no body");

    cloudimg::response ok;
    ok.status = 200;
    ok.headers.set("X-Correlation-Id", "c0ffee");
    ok.body = R"({"image": {"id": 42, "type": "snapshot", "status": "available", "name": null,
        "description": "nightly", "image_size": 2.5, "disk_size": 20, "created": "2024-05-01T12:00:00Z",
        "created_from": {"id": 7, "name": "web-1"}, "bound_to": null, "os_flavor": "debian",
        "os_version": "12", "rapid_deploy": false, "protection": {"delete": true},
        "deprecated": null, "deleted": null, "labels": {"env": "ci"}, "architecture": "arm",
        "field_from_the_future": [1, 2, 3]}})";
    auto image = cloudimg::parse_response<hetzner::get_image>(ok);
    check(image.has_value(), "parse_response decodes a 200 image");
    if (image && image->image) {
        auto const& i = *image->image;
        check(i.id == 42, "image id");
        check(i.type == hetzner::image_type::snapshot, "image type");
        check(i.description == "nightly", "description");
        check(i.created_from && i.created_from->name == "web-1", "created_from");
        check(i.protection.delete_, "protection.delete");
        check(i.labels.at("env") == "ci", "labels");
        check(i.architecture == hetzner::architecture::arm, "architecture");
    } else {
        check(false, "image present");
    }

    cloudimg::response missing;
    missing.status = 404;
    missing.headers.set("X-Correlation-Id", "deadbeef");
    missing.body = R"({"error": {"code": "not_found", "message": "image not found", "details": {}}})";
    auto err = cloudimg::parse_response<hetzner::get_image>(missing);
    check(!err.has_value(), "404 is a failure");
    if (!err) {
        check(err.error().code == cloudimg::error::error_response, "error_response code");
        check(err.error().http_status == 404, "HTTP status kept");
        check(err.error().provider_code == "not_found", "Hetzner error code");
        check(err.error().request_id == "deadbeef", "request id from X-Correlation-Id");
    }

    if (consumer::failures != 0)
        return 1;
    std::cout << "consumer: OK (cloudimg " << cloudimg::version_string << ")\n";
    return 0;
}
