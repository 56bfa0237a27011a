// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_IMAGE_REPLY_HPP
#define CLOUDIMG_TESTS_SUPPORT_IMAGE_REPLY_HPP

// The answer of a local Hetzner stand-in (local_server.hpp) for the event-loop
// transports' tests: each GET /v1/images/<id> gets the golden image with that
// id, so a test with many requests in flight can tell the answers apart.

#include "golden.hpp"
#include "local_server.hpp"

#include <filesystem>
#include <string>

namespace test_server {

/// The golden Hetzner image, as the server answers GET /v1/images/<id>: with that id.
inline reply image_reply(received_request const& req)
{
    static std::string const golden = golden::read_file(std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "golden" /
                                                        "hetzner" / "get_image.response.json");
    std::string const target = req.target();
    std::string const id = target.substr(target.rfind('/') + 1);
    std::string body = golden;
    body.replace(body.find("9007199254740991"), 16, id);  // the image's own id, not created_from's
    return reply::ok(body);
}

} // namespace test_server

#endif
