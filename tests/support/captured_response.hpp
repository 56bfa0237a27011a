// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_CAPTURED_RESPONSE_HPP
#define CLOUDIMG_TESTS_SUPPORT_CAPTURED_RESPONSE_HPP

// Responses captured from real servers with `curl -si` (status line, headers,
// blank line, body as curl decoded it), read back as cloudimg::response.

#include <cloudimg/http.hpp>

#include <gtest/gtest.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace captured {

/** The response in `file`; a file that cannot be read or parsed is a test failure.

    @code
    auto r = captured::read(dir / "image.http");
    EXPECT_EQ(r.status, 200);
    @endcode
*/
inline cloudimg::response read(std::filesystem::path const& file)
{
    cloudimg::response r;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        ADD_FAILURE() << "cannot open " << file;
        return r;
    }
    std::ostringstream s;
    s << in.rdbuf();
    std::string const text = s.str();
    auto const head_end = text.find("\r\n\r\n");
    if (head_end == std::string::npos) {
        ADD_FAILURE() << file << " has no blank line after the head";
        return r;
    }
    std::string_view head(text.data(), head_end);
    r.body = text.substr(head_end + 4);

    auto const line_end = head.find("\r\n");
    std::string_view const status_line = head.substr(0, line_end);  // "HTTP/1.1 200 OK"
    auto const sp = status_line.find(' ');
    if (sp == std::string_view::npos ||
        std::from_chars(status_line.data() + sp + 1, status_line.data() + status_line.size(), r.status).ec != std::errc{}) {
        ADD_FAILURE() << file << ": bad status line " << status_line;
        return r;
    }
    head.remove_prefix(line_end == std::string_view::npos ? head.size() : line_end + 2);
    while (!head.empty()) {
        auto const end = head.find("\r\n");
        std::string_view const line = head.substr(0, end);
        head.remove_prefix(end == std::string_view::npos ? head.size() : end + 2);
        auto const colon = line.find(':');
        if (colon == std::string_view::npos) {
            ADD_FAILURE() << file << ": bad header line " << line;
            continue;
        }
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
        r.headers.add(std::string(line.substr(0, colon)), std::string(value));
    }
    return r;
}

} // namespace captured

#endif
