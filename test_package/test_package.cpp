// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The package works: a request is built (Boost.URL) and a response decoded (Boost.JSON).

#include <cloudimg/hetzner.hpp>
#include <cloudimg/response.hpp>
#include <cloudimg/version.hpp>

#include <iostream>

int main()
{
    namespace hetzner = cloudimg::hetzner;

    auto req = hetzner::prepare(hetzner::config{.token = "t"}, hetzner::get_image{.id = 42});
    if (!req || req->url() != "https://api.hetzner.cloud/v1/images/42") {
        std::cerr << "test_package: prepare(get_image) failed\n";
        return 1;
    }

    cloudimg::response res;
    res.status = 404;
    res.body = R"({"error": {"code": "not_found", "message": "image not found", "details": {}}})";
    auto image = cloudimg::parse_response<hetzner::get_image>(res);
    if (image || image.error().provider_code != "not_found") {
        std::cerr << "test_package: the 404 error body did not decode\n";
        return 1;
    }

    std::cout << "test_package: cloudimg " << cloudimg::version_string << " OK\n";
    return 0;
}
