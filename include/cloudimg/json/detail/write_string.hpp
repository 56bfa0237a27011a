// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_DETAIL_WRITE_STRING_HPP
#define CLOUDIMG_JSON_DETAIL_WRITE_STRING_HPP

#include <cloudimg/detail/hex.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace cloudimg::json::detail {

// Append `s` as a JSON string literal. UTF-8 passes through unchanged.
inline void write_string(std::string& out, std::string_view s)
{
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char const ch = static_cast<unsigned char>(s[i]);
        char esc = 0;
        switch (ch) {
        case '"': esc = '"'; break;
        case '\\': esc = '\\'; break;
        case '\n': esc = 'n'; break;
        case '\r': esc = 'r'; break;
        case '\t': esc = 't'; break;
        case '\b': esc = 'b'; break;
        case '\f': esc = 'f'; break;
        default:
            if (ch >= 0x20)
                continue;
        }
        out.append(s.data() + run, i - run);
        run = i + 1;
        if (esc) {
            out += '\\';
            out += esc;
        } else {
            out += "\\u00";
            cloudimg::detail::append_hex(out, ch);
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

} // namespace cloudimg::json::detail

#endif
