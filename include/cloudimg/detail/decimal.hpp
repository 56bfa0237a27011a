// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_DETAIL_DECIMAL_HPP
#define CLOUDIMG_DETAIL_DECIMAL_HPP

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace cloudimg::detail {

// `s` as an unsigned decimal when it is nothing else: digits only, no sign,
// no spaces, not empty, within 64 bits (Content-Length, LXD's size strings).
inline std::optional<std::uint64_t> parse_uint64(std::string_view s) noexcept
{
    std::uint64_t n = 0;
    auto const r = std::from_chars(s.data(), s.data() + s.size(), n);
    if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size())
        return std::nullopt;
    return n;
}

} // namespace cloudimg::detail

#endif
