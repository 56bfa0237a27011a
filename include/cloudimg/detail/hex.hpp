// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_DETAIL_HEX_HPP
#define CLOUDIMG_DETAIL_HEX_HPP

// Lower-case hex: digests, signatures and escaped bytes in messages all use
// it. Upper-case: percent-encoding (RFC 3986 recommends it).

#include <cstddef>
#include <string>

namespace cloudimg::detail {

inline constexpr char hex_digits[] = "0123456789abcdef";
inline constexpr char upper_hex_digits[] = "0123456789ABCDEF";

// Two lower-case hex digits for `byte`, appended to `out`.
inline void append_hex(std::string& out, unsigned char byte)
{
    out += hex_digits[byte >> 4];
    out += hex_digits[byte & 0xf];
}

// Two lower-case hex digits for each of the `n` bytes at `data`, appended to `out`.
inline void append_hex(std::string& out, unsigned char const* data, std::size_t n)
{
    out.reserve(out.size() + 2 * n);
    for (std::size_t i = 0; i < n; ++i)
        append_hex(out, data[i]);
}

// The value of a hex digit of either case, or -1.
constexpr int hex_value(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace cloudimg::detail

#endif
