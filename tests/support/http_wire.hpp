// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_HTTP_WIRE_HPP
#define CLOUDIMG_TESTS_SUPPORT_HTTP_WIRE_HPP

// What the test servers need to know of an HTTP/1.1 request on the wire.

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string>

namespace test_server {

/// The Content-Length of a request head (without the blank line); 0 when it has none.
inline std::size_t content_length(std::string const& head)
{
    std::string lower = head;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
    auto const p = lower.find("\r\ncontent-length:");
    return p == std::string::npos ? 0 : std::stoul(lower.substr(p + 17));
}

} // namespace test_server

#endif
