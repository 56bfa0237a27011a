// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_DETAIL_CHUNK_BOUNDARY_HPP
#define CLOUDIMG_JSON_DETAIL_CHUNK_BOUNDARY_HPP

// Where a chunk of JSON may end when it is handed to Boost.JSON's parser.
//
// Boost.JSON's basic_parser (1.81; see boostorg/json#876) overruns the 4 KiB
// buffer it unescapes strings into when one write ends inside a multi-byte
// UTF-8 character or inside a \uXXXX escape of a string and the next write
// brings 4 KiB more of that string: resuming, it appends the whole character
// but counts only the bytes it read in that write. A server's body split by
// the network could do that. cloudimg's decoder therefore never ends a write
// there: it keeps such a tail, at most five bytes, and sends it first with
// the next chunk. Outside a string those bytes are a syntax error anyway, so
// holding them back changes no outcome.

#include <cloudimg/detail/hex.hpp>

#include <cstddef>
#include <string_view>

namespace cloudimg::json::detail {

/** How many bytes at the end of `s` may be the unfinished start of a UTF-8
    character or of an escape (`\`, `\u`, `\uH`, `\uHH`, `\uHHH`); 0 if none. */
constexpr std::size_t unfinished_tail(std::string_view s) noexcept
{
    std::size_t const n = s.size();
    for (std::size_t len = 1; len <= 5 && len <= n; ++len) {
        std::string_view const t = s.substr(n - len);
        if (t[0] != '\\')
            continue;
        bool escape_start = len == 1 || t[1] == 'u';
        for (std::size_t i = 2; escape_start && i < len; ++i)
            escape_start = cloudimg::detail::hex_value(t[i]) >= 0;
        if (escape_start)
            return len;
        break;  // the last backslash starts no unfinished escape
    }
    // a lead byte followed by fewer continuation bytes (10xxxxxx) than it announces
    for (std::size_t len = 1; len <= 3 && len <= n; ++len) {
        auto const c = static_cast<unsigned char>(s[n - len]);
        if ((c & 0xC0) == 0x80)
            continue;
        std::size_t const length = c >= 0xF8 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return length > len ? len : 0;
    }
    return 0;
}

} // namespace cloudimg::json::detail

#endif
