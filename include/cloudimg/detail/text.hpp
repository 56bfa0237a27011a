// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_DETAIL_TEXT_HPP
#define CLOUDIMG_DETAIL_TEXT_HPP

// Rules for text that crosses a boundary: header values (RFC 9110), JSON
// strings (UTF-8, RFC 8259) and one-line messages (no forged log lines).

#include <cloudimg/detail/hex.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cloudimg::detail {

// RFC 9110 field-value bytes: visible characters, obs-text (0x80-0xFF), space
// and tab. Every other control character (CR, LF, NUL, VT, DEL...) is refused.
constexpr bool is_header_value_char(char c) noexcept
{
    auto const u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

constexpr bool is_header_value(std::string_view v) noexcept
{
    for (char c : v)
        if (!is_header_value_char(c))
            return false;
    return true;
}

// The number of code points in valid UTF-8, or nothing: JSON text is UTF-8
// (RFC 8259), and servers' JSON parsers refuse anything else.
constexpr std::optional<std::size_t> utf8_length(std::string_view s) noexcept
{
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) {
        auto const b = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        char32_t cp = 0;
        if (b < 0x80) {
            ++i;
            continue;
        } else if (b >= 0xC2 && b <= 0xDF) {
            len = 2;
            cp = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            len = 3;
            cp = b & 0x0F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            len = 4;
            cp = b & 0x07;
        } else {
            return std::nullopt;  // a continuation byte, an overlong lead (C0, C1) or above U+10FFFF (F5..FF)
        }
        if (s.size() - i < len)
            return std::nullopt;
        for (std::size_t k = 1; k < len; ++k) {
            auto const c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80)
                return std::nullopt;
            cp = (cp << 6) | (c & 0x3F);
        }
        // overlong forms, UTF-16 surrogates and code points above U+10FFFF
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return std::nullopt;
        i += len;
    }
    return n;
}

constexpr bool is_valid_utf8(std::string_view s) noexcept
{
    return utf8_length(s).has_value();
}

// Append `s` to a one-line message with every character that could end or
// rewrite a line escaped: C0 controls and DEL as \r, \n, \t or \xNN; the C1
// controls (NEL...) and U+2028/U+2029 as \uNNNN. Everything else, UTF-8
// included, is kept, so a server's message stays readable.
inline void append_one_line(std::string& out, std::string_view s)
{
    std::size_t run = 0;
    auto flush = [&](std::size_t i) { out.append(s.data() + run, i - run); };
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto const c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7f) {
            flush(i);
            run = i + 1;
            switch (c) {
            case '\r': out += "\\r"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            default: out += "\\x"; append_hex(out, c);
            }
        } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            flush(i);
            run = i + 2;
            out += "\\u00";
            append_hex(out, static_cast<unsigned char>(s[i + 1]));
            ++i;
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
            flush(i);
            run = i + 3;
            out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
            i += 2;
        }
    }
    flush(s.size());
}

} // namespace cloudimg::detail

#endif
