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
    /// Nesting of arrays and objects. The parser recurses once per level, so
    /// this is a bound on stack use too: values above `max_depth_limit` count
    /// as `max_depth_limit`.
    std::size_t max_depth = 64;
    std::size_t max_string_size = 16u << 20;      ///< bytes in one string or key
    std::uint64_t max_body_size = 256ull << 20;   ///< bytes in the whole document

    /** Read `null` as empty where an array (`std::vector`) or an object with
        arbitrary keys (`std::map`) is required. Off by default: the official
        APIs promise arrays and objects there, and a `null` is a decode error
        (`error::type_mismatch`) with its path. LXD and metal-stack are Go
        servers, which write a nil slice or map as `null`; turn this on to
        read an older or patched server that does. Members that may be absent
        (`std::optional`) already read `null` as absent, whatever this says.

        @code
        json::decode_options lenient;
        lenient.null_collections_as_empty = true;
        auto s = json::decode<lxd::server_info>(R"({"api_extensions":null, ...})", lenient);
        // s->api_extensions.empty()
        @endcode
    */
    bool null_collections_as_empty = false;

    /** The largest nesting `max_depth` can ask for. Boost.JSON's parser
        recurses once per level of nesting, a few hundred bytes of stack each
        (more in unoptimised and sanitizer builds), so 1024 levels stay far
        inside even a small thread stack (256 KiB), and far beyond any
        document these APIs send.
    */
    static constexpr std::size_t max_depth_limit = 1024;

    /// `max_depth`, capped at `max_depth_limit`: the depth actually enforced.
    constexpr std::size_t effective_max_depth() const noexcept
    {
        return max_depth < max_depth_limit ? max_depth : max_depth_limit;
    }
};

} // namespace cloudimg::json

#endif
