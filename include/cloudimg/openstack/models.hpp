// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSTACK_MODELS_HPP
#define CLOUDIMG_OPENSTACK_MODELS_HPP

// OpenStack Compute (Nova) v2.1 images proxy: the wire types, complete per
// the api-ref (images.inc, parameters.yaml), the official API samples and
// Nova's own response schemas (nova/api/openstack/compute/schemas/images.py,
// image_metadata.py). C++ members are snake_case; the wire names that are not
// (`minDisk`, `OS-EXT-IMG-SIZE:size`) come from `wire_names`. Field shapes:
// `T` is required, `nullable<T>` required but may be null, `std::optional<T>`
// may be absent. Enums a response carries are open. Members are declared in
// the order Nova's samples list them (keys sorted), which the decoder tries first.

#include <cloudimg/error.hpp>
#include <cloudimg/json/traits.hpp>
#include <cloudimg/nullable.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/timestamp.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cloudimg::openstack {

// ------------------------------------------------------------------ enums

/// `status` of an image: Nova folds Glance's statuses into these five.
enum class image_status { active, saving, deleted, error, unknown };
BOOST_DESCRIBE_ENUM(image_status, active, saving, deleted, error, unknown)

constexpr auto wire_names(image_status const*)
{
    return std::array{rename{"active", "ACTIVE"}, rename{"saving", "SAVING"}, rename{"deleted", "DELETED"},
                      rename{"error", "ERROR"}, rename{"unknown", "UNKNOWN"}};
}

/// `OS-DCF:diskConfig`: how a server built from the image partitions its disk.
enum class disk_config { auto_, manual };
BOOST_DESCRIBE_ENUM(disk_config, auto_, manual)

constexpr auto wire_names(disk_config const*)
{
    return std::array{rename{"auto_", "AUTO"}, rename{"manual", "MANUAL"}};
}

/// The `type` filter of the image lists: the Glance property `image_type` Nova sets on what it creates.
enum class image_type { snapshot, backup };
BOOST_DESCRIBE_ENUM(image_type, snapshot, backup)

/** The name of a fault: the single key of an error body.

    Nova names a fault after its HTTP status (`computeFault` for any status it
    has no name for); Keystone and keystonemiddleware, which answer before
    Nova does when the token is missing or invalid, call theirs `error`.
*/
enum class fault_name {
    bad_request,          ///< 400
    unauthorized,         ///< 401
    forbidden,            ///< 403
    item_not_found,       ///< 404, also every images call above its last microversion
    bad_method,           ///< 405
    conflicting_request,  ///< 409
    over_limit,           ///< 413 and 429, with `retryAfter`
    bad_media_type,       ///< 415
    not_implemented,      ///< 501
    service_unavailable,  ///< 503
    compute_fault,        ///< any other status, usually 500
    error,                ///< Keystone's and keystonemiddleware's envelope
};
BOOST_DESCRIBE_ENUM(fault_name, bad_request, unauthorized, forbidden, item_not_found, bad_method, conflicting_request,
                    over_limit, bad_media_type, not_implemented, service_unavailable, compute_fault, error)

constexpr auto wire_names(fault_name const*)
{
    return std::array{rename{"bad_request", "badRequest"},
                      rename{"item_not_found", "itemNotFound"},
                      rename{"bad_method", "badMethod"},
                      rename{"conflicting_request", "conflictingRequest"},
                      rename{"over_limit", "overLimit"},
                      rename{"bad_media_type", "badMediaType"},
                      rename{"not_implemented", "notImplemented"},
                      rename{"service_unavailable", "serviceUnavailable"},
                      rename{"compute_fault", "computeFault"}};
}

// ------------------------------------------------------------------ any JSON value

/** A JSON value of any type, as Glance image properties may be.

    Image metadata values are strings or null in Nova's documentation, but
    Nova hands Glance properties through as they are, and it turns a few of
    them (`block_device_mapping`, `mappings` of a volume-backed snapshot) into
    JSON arrays first; its response schema for images allows any type. So a
    value is a string, null, or anything else kept as compact JSON text, and
    re-encodes as it came.

    @code
    if (auto distro = image.metadata.at("os_distro").string()) use(*distro);
    std::string bdm = image.metadata.at("block_device_mapping").json();  // "[{...}]"
    @endcode
*/
class any_value {
public:
    enum class kind : std::uint8_t { null, string, other };

    /// JSON null.
    any_value() = default;
    /// A string.
    any_value(std::string text) noexcept : kind_(kind::string), text_(std::move(text)) {}
    any_value(std::string_view text) : kind_(kind::string), text_(text) {}
    any_value(char const* text) : kind_(kind::string), text_(text) {}

    kind what() const noexcept { return kind_; }
    bool is_null() const noexcept { return kind_ == kind::null; }
    bool is_string() const noexcept { return kind_ == kind::string; }

    /** The text of a string value; nothing for null and other types.

        @code
        openstack::any_value v = "x86_64";
        assert(v.string() == "x86_64");
        @endcode
    */
    std::optional<std::string_view> string() const noexcept
    {
        if (kind_ == kind::string)
            return std::string_view(text_);
        return std::nullopt;
    }

    /** The value as compact JSON, whatever its type: `null`, `"text"`, `[1,2]`.

        @code
        assert(openstack::any_value("a\"b").json() == R"("a\"b")");
        @endcode
    */
    std::string json() const
    {
        std::string out;
        append_json(out);
        return out;
    }

    friend bool operator==(any_value const&, any_value const&) = default;

private:
    template <class T, class Enable>
    friend struct cloudimg::json::json_traits;

    void append_json(std::string& out) const
    {
        switch (kind_) {
        case kind::null: out += "null"; return;
        case kind::string: cloudimg::json::detail::write_string(out, text_); return;
        case kind::other: out += other_.text; return;
        }
    }

    kind kind_ = kind::null;
    std::string text_;        // a string's text
    json::raw_value other_;   // other types, as compact JSON
};

/// Image metadata as a response carries it: Glance properties by name.
using metadata_map = std::map<std::string, any_value>;

// ------------------------------------------------------------------ image

/// A link to a resource: `self`, `bookmark`, `alternate` (the image in Glance, with a `type`) or `next`.
struct link {
    std::string href;
    std::string rel;
    std::optional<std::string> type{};  ///< "application/vnd.openstack.image" on the `alternate` link
};
BOOST_DESCRIBE_STRUCT(link, (), (href, rel, type))

/** The `href` of the first link with relation `rel`, if there is one.

    @code
    auto glance = openstack::find_link(image.links, "alternate");  // the image in Glance
    @endcode
*/
inline std::optional<std::string_view> find_link(std::vector<link> const& links, std::string_view rel) noexcept
{
    for (auto const& l : links)
        if (l.rel == rel)
            return std::string_view(l.href);
    return std::nullopt;
}

/// `server`: the server a snapshot was taken of, with its `self` and `bookmark` links.
struct image_server {
    std::string id;
    std::vector<link> links;
};
BOOST_DESCRIBE_STRUCT(image_server, (), (id, links))

/// An item of `GET /images`: the id, the name and three links, nothing else.
struct image_summary {
    std::string id;
    std::vector<link> links;
    nullable<std::string> name;  ///< Glance images may have no name
};
BOOST_DESCRIBE_STRUCT(image_summary, (), (id, links, name))

/** An image as `GET /images/detail` and `GET /images/{image_id}` show it.

    `created` and `updated` are null when Glance has no such date (Nova
    writes null for a missing date); `size` is null while an image is queued.
    `server` is there for snapshots only, `disk_config` only when the image
    has the `auto_disk_config` property.
*/
struct image {
    std::optional<open_enum<openstack::disk_config>> disk_config;  ///< wire `OS-DCF:diskConfig`
    nullable<std::uint64_t> size;                                  ///< wire `OS-EXT-IMG-SIZE:size`, in bytes
    nullable<timestamp> created;
    std::string id;
    std::vector<link> links;
    metadata_map metadata;                                         ///< the Glance properties
    std::uint64_t min_disk;                                        ///< wire `minDisk`, GiB
    std::uint64_t min_ram;                                         ///< wire `minRam`, MiB
    nullable<std::string> name;
    std::int32_t progress;                                         ///< 100 active, 50 saving, 25 queued, else 0
    std::optional<image_server> server;
    open_enum<image_status> status;
    nullable<timestamp> updated;
};
BOOST_DESCRIBE_STRUCT(image, (), (disk_config, size, created, id, links, metadata, min_disk, min_ram, name, progress,
                                  server, status, updated))

constexpr auto wire_names(image const*)
{
    return std::array{rename{"disk_config", "OS-DCF:diskConfig"}, rename{"size", "OS-EXT-IMG-SIZE:size"},
                      rename{"min_disk", "minDisk"}, rename{"min_ram", "minRam"}};
}

// ------------------------------------------------------------------ response bodies

/// `GET /images`: one page of summaries; `images_links` holds the `next` link when the page is full.
struct list_images_response {
    std::vector<image_summary> images;
    std::optional<std::vector<link>> images_links;
};
BOOST_DESCRIBE_STRUCT(list_images_response, (), (images, images_links))

/// `GET /images/detail`: one page of images; `images_links` holds the `next` link when the page is full.
struct list_images_detail_response {
    std::vector<image> images;
    std::optional<std::vector<link>> images_links;
};
BOOST_DESCRIBE_STRUCT(list_images_detail_response, (), (images, images_links))

/// `GET /images/{image_id}`.
struct image_response {
    openstack::image image;
};
BOOST_DESCRIBE_STRUCT(image_response, (), (image))

/// `{"metadata": {...}}`: the image's metadata after a list, a merge (POST) or a replace (PUT).
struct metadata_response {
    metadata_map metadata;
};
BOOST_DESCRIBE_STRUCT(metadata_response, (), (metadata))

/// `{"meta": {key: value}}`: one metadata item.
struct meta_response {
    metadata_map meta;
};
BOOST_DESCRIBE_STRUCT(meta_response, (), (meta))

// ------------------------------------------------------------------ request bodies

/** `{"metadata": {...}}` for `POST` (merge) and `PUT` (replace) `/images/{image_id}/metadata`.

    Keys match `^[a-zA-Z0-9-_:. ]{1,255}$` and values have at most 255
    characters: the endpoints' `validate()` checks both before a request is built.
*/
struct metadata_request {
    std::map<std::string, std::string> metadata;
};
BOOST_DESCRIBE_STRUCT(metadata_request, (), (metadata))

/// `{"meta": {key: value}}` for `PUT /images/{image_id}/metadata/{key}`: exactly one item, under the URL's key.
struct meta_request {
    std::map<std::string, std::string> meta;
};
BOOST_DESCRIBE_STRUCT(meta_request, (), (meta))

// ------------------------------------------------------------------ errors

/// The object inside an error body.
struct fault {
    std::int32_t code;                       ///< the HTTP status again
    std::string message;
    std::optional<std::string> title;        ///< Keystone's errors: "Unauthorized"
    std::optional<any_value> retry_after;    ///< wire `retryAfter`, overLimit only: seconds, as Nova copied the header
};
BOOST_DESCRIBE_STRUCT(fault, (), (code, message, title, retry_after))

constexpr auto wire_names(fault const*)
{
    return std::array{rename{"retry_after", "retryAfter"}};
}

/** An error body: `{"<name>": {"code": ..., "message": ...}}`, an object
    whose one key names the fault. Keystone's `{"error": {...}}` is the same shape.

    @code
    if (f.body && f.body->name == openstack::fault_name::item_not_found) ...
    @endcode
*/
struct error_response {
    open_enum<fault_name> name;
    openstack::fault fault;
};

} // namespace cloudimg::openstack

namespace cloudimg::json {

/// Any JSON value: strings and null directly, other values re-serialised compactly as they stream past.
template <>
struct json_traits<openstack::any_value> {
    using value_type = openstack::any_value;
    static constexpr std::string_view expected = "any JSON value";

    static value_type& self(detail::frame& f) { return *static_cast<value_type*>(f.target); }

    // A top-level string or null is kept as such; anything else is read as a
    // raw_value: the frame switches to its handlers for the rest of the value.
    static detail::frame& as_other(detail::frame& f)
    {
        auto& v = self(f);
        v.kind_ = value_type::kind::other;
        v.text_.clear();
        f.target = &v.other_;
        f.ops = &detail::ops_for<raw_value>;
        return f;
    }

    static bool on_begin_object(detail::context& c, detail::frame& f) { return as_other(f).ops->begin_object(c, f); }
    static bool on_begin_array(detail::context& c, detail::frame& f) { return as_other(f).ops->begin_array(c, f); }
    static bool on_int64(detail::context& c, detail::frame& f, std::int64_t n) { return as_other(f).ops->int64(c, f, n); }
    static bool on_uint64(detail::context& c, detail::frame& f, std::uint64_t n) { return as_other(f).ops->uint64(c, f, n); }
    static bool on_double(detail::context& c, detail::frame& f, double d) { return as_other(f).ops->float64(c, f, d); }
    static bool on_bool(detail::context& c, detail::frame& f, bool b) { return as_other(f).ops->boolean(c, f, b); }
    static bool on_string(detail::context& c, detail::frame& f, std::string_view s)
    {
        self(f) = value_type(s);
        c.pop();
        return true;
    }
    static bool on_null(detail::context& c, detail::frame& f)
    {
        self(f) = value_type();
        c.pop();
        return true;
    }

    static void encode(std::string& out, value_type const& v) { v.append_json(out); }
};

/// The error envelope: the first key is the fault's name, its value the fault; later keys are skipped.
template <>
struct json_traits<openstack::error_response> {
    static constexpr std::string_view expected = "object with one fault";

    static bool on_begin_object(detail::context&, detail::frame& f)
    {
        f.state = detail::frame_state::object;
        f.seen = 0;
        return true;
    }
    static bool on_key(detail::context& c, detail::frame& f, std::string_view k)
    {
        if (f.seen != 0)
            return c.push(&detail::skip_ops, nullptr, {}, detail::no_index);
        f.seen = 1;
        auto& e = *static_cast<openstack::error_response*>(f.target);
        e.name = open_enum<openstack::fault_name>::from_wire(k);
        // the key text for error paths must outlive the parser's buffer: the name keeps it
        return c.push(&detail::ops_for<openstack::fault>, &e.fault, e.name.wire(), detail::no_index);
    }
    static bool on_end_object(detail::context& c, detail::frame& f)
    {
        if (f.seen == 0)
            return c.fail(error::missing_field, "the error body has no fault: expected {\"<name>\": {\"code\", \"message\"}}");
        c.pop();
        return true;
    }
    static void encode(std::string& out, openstack::error_response const& e)
    {
        out += '{';
        detail::write_string(out, e.name.wire());
        out += ':';
        json_traits<openstack::fault>::encode(out, e.fault);
        out += '}';
    }
};

} // namespace cloudimg::json

#endif
