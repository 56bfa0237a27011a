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

#include <cloudimg/json/traits.hpp>
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

namespace cloudimg::json {

/// `oxide::uuid` is a JSON string; decoding refuses text that is not a UUID.
template <>
struct json_traits<oxide::uuid> {
    static constexpr std::string_view expected = "UUID string";
    static bool on_string(detail::context& c, detail::frame& f, std::string_view v)
    {
        if (!oxide::is_uuid(v))
            return c.fail(error::invalid_value, "not a UUID: \"" + std::string(v.substr(0, 64)) + '"');
        *static_cast<oxide::uuid*>(f.target) = oxide::uuid(v);
        c.pop();
        return true;
    }
    static void encode(std::string& out, oxide::uuid const& v) { detail::write_string(out, v.text()); }
};

/// `oxide::block_size` is a JSON integer; any value that fits decodes (the enumeration is open).
template <>
struct json_traits<oxide::block_size> {
    static constexpr std::string_view expected = "integer";
    template <class V>
    static bool store(detail::context& c, detail::frame& f, V v)
    {
        if (!std::in_range<std::uint32_t>(v))
            return c.fail(error::out_of_range, "block size " + std::to_string(v) + " does not fit");
        *static_cast<oxide::block_size*>(f.target) = static_cast<oxide::block_size>(v);
        c.pop();
        return true;
    }
    static bool on_int64(detail::context& c, detail::frame& f, std::int64_t v) { return store(c, f, v); }
    static bool on_uint64(detail::context& c, detail::frame& f, std::uint64_t v) { return store(c, f, v); }
    static void encode(std::string& out, oxide::block_size v) { json_traits<std::uint32_t>::encode(out, oxide::to_bytes(v)); }
};

} // namespace cloudimg::json

#endif
