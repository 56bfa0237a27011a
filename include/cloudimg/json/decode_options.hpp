// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_DECODE_OPTIONS_HPP
#define CLOUDIMG_JSON_DECODE_OPTIONS_HPP

#include <cstddef>
#include <cstdint>

namespace cloudimg::json {

/** Limits that keep hostile input from exhausting the stack or memory.

    Exceeding one is `error::limit_exceeded`, never a crash.

    @code
    json::decode_options small;
    small.max_string_size = 4096;
    auto page = json::decode<hetzner::list_images_response>(body, small);
    @endcode
*/
struct decode_options {
    std::size_t max_depth = 64;                   ///< nesting of arrays and objects
    std::size_t max_string_size = 16u << 20;      ///< bytes in one string or key
    std::uint64_t max_body_size = 256ull << 20;   ///< bytes in the whole document
};

} // namespace cloudimg::json

#endif
