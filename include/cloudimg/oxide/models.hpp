// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OXIDE_MODELS_HPP
#define CLOUDIMG_OXIDE_MODELS_HPP

// Oxide images API: the wire types, complete per the official spec (omicron
// openapi/nexus/nexus-2026081901.0.0, OpenAPI 3.0.3). Field shapes follow the
// spec: `T` is required, `std::optional<T>` may be absent (or null). Enums a
// response carries are open, so values Oxide adds later decode and re-encode
// unchanged. Members are declared in the order omicron serialises them, which
// is the order the decoder tries first.

#include <cloudimg/error.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/oxide/name_or_id.hpp>
#include <cloudimg/timestamp.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cloudimg::oxide {

// ------------------------------------------------------------------ enums

/** `BlockSize`: an integer enumeration (512, 2048, 4096) the server may extend.

    A scoped enum with a fixed underlying type holds every value of that type,
    so a block size added later decodes and re-encodes unchanged, with no
    wrapper: compare with the named sizes, and `is_known_block_size` tells the
    documented ones apart. (Before API 2026060400.0.0 the field was a plain
    byte count: the values on the wire are the same.)

    @code
    if (img.block_size == oxide::block_size::bytes_4096) ...
    std::uint32_t bytes = oxide::to_bytes(img.block_size);
    @endcode
*/
enum class block_size : std::uint32_t { bytes_512 = 512, bytes_2048 = 2048, bytes_4096 = 4096 };

/** The block size in bytes, whether or not the spec names it.

    @code
    std::uint64_t blocks = img.size / oxide::to_bytes(img.block_size);
    @endcode
*/
constexpr std::uint32_t to_bytes(block_size b) noexcept
{
    return static_cast<std::uint32_t>(b);
}

/** True for the sizes the vendored spec documents (512, 2048, 4096).

    @code
    if (!oxide::is_known_block_size(img.block_size)) log("new block size ", oxide::to_bytes(img.block_size));
    @endcode
*/
constexpr bool is_known_block_size(block_size b) noexcept
{
    return b == block_size::bytes_512 || b == block_size::bytes_2048 || b == block_size::bytes_4096;
}

/** A block size travels as a JSON integer (json/custom_scalar.hpp): any
    value of `std::uint32_t` decodes, since the enumeration is open; a larger
    or negative one is `error::out_of_range`.

    @code
    auto b = json::decode<oxide::block_size>("8192");  // not a named size, kept as is
    @endcode
*/
constexpr std::uint32_t to_json_integer(block_size b) noexcept
{
    return to_bytes(b);
}

/// The decoding half of the hook above.
inline result<void> from_json_integer(std::uint32_t bytes, block_size& out) noexcept
{
    out = static_cast<block_size>(bytes);
    return {};
}

/// The kind of a `digest`; the spec has one.
enum class digest_type { sha256 };
BOOST_DESCRIBE_ENUM(digest_type, sha256)

/// The kind of an `image_source`; the spec has one.
enum class image_source_type { snapshot };
BOOST_DESCRIBE_ENUM(image_source_type, snapshot)

/// `NameOrIdSortMode`: the order of `GET /v1/images`.
enum class name_or_id_sort_mode { name_ascending, name_descending, id_ascending };
BOOST_DESCRIBE_ENUM(name_or_id_sort_mode, name_ascending, name_descending, id_ascending)

// ------------------------------------------------------------------ image

/// `Digest`: a hash of the image contents (a one-variant `oneOf`, tagged by `type`).
struct digest {
    open_enum<digest_type> type;
    std::string value;  ///< hex digits
};
BOOST_DESCRIBE_STRUCT(digest, (), (type, value))

/// `Image`: a silo image when `project_id` is absent, otherwise a project image.
struct image {
    uuid id;
    std::string name;          ///< a `Name`; not re-checked on the way in
    std::string description;
    timestamp time_created;
    timestamp time_modified;
    std::optional<uuid> project_id;
    std::string os;            ///< operating system family ("debian")
    std::string version;       ///< operating system version ("12")
    std::optional<oxide::digest> digest;
    oxide::block_size block_size;
    std::uint64_t size;        ///< bytes
};
BOOST_DESCRIBE_STRUCT(image, (), (id, name, description, time_created, time_modified, project_id, os, version, digest,
                                  block_size, size))

/// `ImageResultsPage`: one page of `GET /v1/images`.
struct image_results_page {
    std::vector<image> items;
    std::optional<std::string> next_page;  ///< the `page_token` of the next page; absent or null at the end
};
BOOST_DESCRIBE_STRUCT(image_results_page, (), (items, next_page))

// ------------------------------------------------------------------ requests

/// `ImageSource`: where a new image's contents come from (a one-variant `oneOf`, tagged by `type`).
struct image_source {
    image_source_type type = image_source_type::snapshot;
    uuid id;  ///< the snapshot's id
};
BOOST_DESCRIBE_STRUCT(image_source, (), (type, id))

/// `ImageCreate`: the body of `POST /v1/images`. `name` must be a `Name` (checked by `create_image::validate`).
struct image_create {
    std::string name;
    std::string description;
    std::string os;
    std::string version;
    image_source source;
};
BOOST_DESCRIBE_STRUCT(image_create, (), (name, description, os, version, source))

// ------------------------------------------------------------------ errors

/// `Error`: the body of every 4xx and 5xx response.
struct error_response {
    std::optional<std::string> error_code;  ///< e.g. "ObjectNotFound", "InvalidRequest"; not always sent
    std::string message;
    std::string request_id;                 ///< the same id as the `x-request-id` header
};
BOOST_DESCRIBE_STRUCT(error_response, (), (error_code, message, request_id))

} // namespace cloudimg::oxide

#endif
