// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_DETAIL_QUOTE_HPP
#define CLOUDIMG_DETAIL_QUOTE_HPP

#include <cloudimg/detail/hex.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace cloudimg::detail {

// Longer text is cut in messages: an error line should stay a line.
inline constexpr std::size_t max_quoted = 80;

// `s` in double quotes for an error message, with control bytes, non-ASCII,
// quotes and backslashes escaped, so hostile input cannot forge log lines.
inline std::string quote(std::string_view s)
{
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size() && i < max_quoted; ++i) {
        auto const c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c >= 0x7f) {
            out += "\\x";
            append_hex(out, c);
        } else {
            out += static_cast<char>(c);
        }
    }
    out += s.size() > max_quoted ? "\"..." : "\"";
    return out;
}

} // namespace cloudimg::detail

#endif
