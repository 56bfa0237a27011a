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
#include <cloudimg/json/any_value.hpp>
#include <cloudimg/json/single_entry.hpp>
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
    re-encodes as it came: `json::any_value`.

    @code
    if (auto distro = image.metadata.at("os_distro").string()) use(*distro);
    std::string bdm = image.metadata.at("block_device_mapping").json();  // "[{...}]"
    @endcode
*/
using any_value = json::any_value;

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
    nullable<std::int64_t> size;                                   ///< wire `OS-EXT-IMG-SIZE:size`, in bytes (`integer`: signed)
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

/// The envelope is an object of one entry (json/single_entry.hpp): the first key names the fault, later keys are skipped.
constexpr auto json_single_entry(error_response const*) noexcept
{
    return json::single_entry{&error_response::name, &error_response::fault};
}

} // namespace cloudimg::openstack

#endif
