// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSTACK_ENDPOINTS_HPP
#define CLOUDIMG_OPENSTACK_ENDPOINTS_HPP

// The ten endpoints of Nova's images proxy (api-ref "Images (DEPRECATED)").
// Each struct's members are the endpoint's parameters, so
// `openstack::show_image{.image_id = id}` reads like the API reference.
// Paths are relative to the compute endpoint of the Keystone catalog, which
// already ends in `/v2.1` (or `/v2.1/<project_id>`): see `openstack::config`.
//
// Every endpoint also carries `max_microversion`, the last microversion that
// has it (2.35 for the images calls, 2.38 for the metadata calls);
// `openstack::prepare` refuses a configured microversion above it.
// `operation_id` is the operation's name in the OpenAPI description of the
// compute API (openstack/codegenerator).

#include <cloudimg/detail/quote.hpp>
#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/openstack/metadata.hpp>
#include <cloudimg/openstack/microversion.hpp>
#include <cloudimg/openstack/models.hpp>
#include <cloudimg/openstack/provider.hpp>
#include <cloudimg/timestamp.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/describe/class.hpp>
#include <boost/mp11/list.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cloudimg::openstack {

/** GET /images: one page of image summaries (id, name, links).

    Every filter is optional. Nova passes them on to Glance: `status` is
    lower-cased there (a Glance status: "active", "queued", "saving", ...;
    the api-ref's "ACTIVE" works), `server` is a server's URL or UUID (its last
    path segment is used). A page is full when it has `limit` images (or the
    server's maximum, 1000 by default); then `images_links` has a `next` link
    (see `next_page`).
*/
struct list_images {
    std::optional<timestamp> changes_since{};       ///< wire `changes-since`: images changed since then, deleted ones too
    std::optional<std::string> server{};            ///< snapshots of this server (URL or UUID)
    std::optional<std::string> name{};
    std::optional<std::string> status{};
    std::optional<std::uint64_t> min_disk{};        ///< wire `minDisk`: at least this disk, GiB
    std::optional<std::uint64_t> min_ram{};         ///< wire `minRam`: at least this RAM, MiB
    std::optional<open_enum<image_type>> type{};    ///< "snapshot" or "backup"
    std::optional<std::uint32_t> limit{};
    std::optional<std::string> marker{};            ///< the id of the last image of the previous page

    using provider = openstack::provider;
    static constexpr std::string_view operation_id = "images:get";
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/images";
    static constexpr microversion max_microversion = images_max_microversion;
    using responses = cloudimg::responses<on_status<200, list_images_response>>;
};
BOOST_DESCRIBE_STRUCT(list_images, (), (changes_since, server, name, status, min_disk, min_ram, type, limit, marker))

constexpr auto wire_names(list_images const*)
{
    return std::array{rename{"changes_since", "changes-since"}, rename{"min_disk", "minDisk"}, rename{"min_ram", "minRam"}};
}

/// GET /images/detail: one page of images with every detail; the filters of `list_images`.
struct list_images_detail {
    std::optional<timestamp> changes_since{};       ///< wire `changes-since`: images changed since then, deleted ones too
    std::optional<std::string> server{};            ///< snapshots of this server (URL or UUID)
    std::optional<std::string> name{};
    std::optional<std::string> status{};
    std::optional<std::uint64_t> min_disk{};        ///< wire `minDisk`: at least this disk, GiB
    std::optional<std::uint64_t> min_ram{};         ///< wire `minRam`: at least this RAM, MiB
    std::optional<open_enum<image_type>> type{};    ///< "snapshot" or "backup"
    std::optional<std::uint32_t> limit{};
    std::optional<std::string> marker{};            ///< the id of the last image of the previous page

    using provider = openstack::provider;
    static constexpr std::string_view operation_id = "images/detail:get";
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/images/detail";
    static constexpr microversion max_microversion = images_max_microversion;
    using responses = cloudimg::responses<on_status<200, list_images_detail_response>>;
};
BOOST_DESCRIBE_STRUCT(list_images_detail, (), (changes_since, server, name, status, min_disk, min_ram, type, limit,
                                               marker))

constexpr auto wire_names(list_images_detail const*)
{
    return wire_names(static_cast<list_images const*>(nullptr));
}

/// GET /images/{image_id}: one image; 404 "Image not found.".
struct show_image {
    std::string image_id;

    using provider = openstack::provider;
    static constexpr std::string_view operation_id = "images/id:get";
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/images/{image_id}";
    static constexpr microversion max_microversion = images_max_microversion;
    using responses = cloudimg::responses<on_status<200, image_response>>;
};
BOOST_DESCRIBE_STRUCT(show_image, (), (image_id))

/// DELETE /images/{image_id}: answers 204; 403 when the image is not yours to delete.
struct delete_image {
    std::string image_id;

    using provider = openstack::provider;
    static constexpr std::string_view operation_id = "images/id:delete";
    static constexpr http_method method = http_method::delete_;
    static constexpr std::string_view path = "/images/{image_id}";
    static constexpr microversion max_microversion = images_max_microversion;
    using responses = cloudimg::responses<on_status<204, no_content>>;
};
BOOST_DESCRIBE_STRUCT(delete_image, (), (image_id))

/// GET /images/{image_id}/metadata: every metadata item (Glance property) of the image.
struct list_image_metadata {
    std::string image_id;

    using provider = openstack::provider;
    static constexpr std::string_view operation_id = "images/image_id/metadata:get";
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/images/{image_id}/metadata";
    static constexpr microversion max_microversion = image_metadata_max_microversion;
    using responses = cloudimg::responses<on_status<200, metadata_response>>;
};
BOOST_DESCRIBE_STRUCT(list_image_metadata, (), (image_id))

/** POST /images/{image_id}/metadata: merge `body.metadata` into the image's
    metadata. Answers 200 (not 201) with all the items after the merge; 403
    "Image metadata limit exceeded" above the quota (128 by default).
*/
struct create_image_metadata {
    std::string image_id;
    metadata_request body{};

    using provider = openstack::provider;
    static constexpr std::string_view operation_id = "images/image_id/metadata:post";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/images/{image_id}/metadata";
    static constexpr microversion max_microversion = image_metadata_max_microversion;
    using responses = cloudimg::responses<on_status<200, metadata_response>>;

    /// Every key and value follows Nova's schema.
    result<void> validate() const { return check_metadata(body.metadata); }
};
BOOST_DESCRIBE_STRUCT(create_image_metadata, (), (image_id, body))

/// PUT /images/{image_id}/metadata: replace all of the image's metadata with `body.metadata` (the api-ref's "Update").
struct replace_image_metadata {
    std::string image_id;
    metadata_request body{};

    using provider = openstack::provider;
    static constexpr std::string_view operation_id = "images/image_id/metadata:put";
    static constexpr http_method method = http_method::put;
    static constexpr std::string_view path = "/images/{image_id}/metadata";
    static constexpr microversion max_microversion = image_metadata_max_microversion;
    using responses = cloudimg::responses<on_status<200, metadata_response>>;

    /// Every key and value follows Nova's schema.
    result<void> validate() const { return check_metadata(body.metadata); }
};
BOOST_DESCRIBE_STRUCT(replace_image_metadata, (), (image_id, body))

/// GET /images/{image_id}/metadata/{key}: one item; 404 when the image has no such key.
struct show_image_metadata_item {
    std::string image_id;
    std::string key;  ///< any key the image has: Glance allows keys that Nova would not accept in a body

    using provider = openstack::provider;
    static constexpr std::string_view operation_id = "images/image_id/metadata/id:get";
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/images/{image_id}/metadata/{key}";
    static constexpr microversion max_microversion = image_metadata_max_microversion;
    using responses = cloudimg::responses<on_status<200, meta_response>>;
};
BOOST_DESCRIBE_STRUCT(show_image_metadata_item, (), (image_id, key))

/** PUT /images/{image_id}/metadata/{key}: create or update one item (the api-ref's "Create Or Update").

    `body.meta` holds exactly that item: `key` again, and its value. Nova
    answers 400 "Request body and URI mismatch" otherwise, so `validate()`
    refuses it first.
*/
struct set_image_metadata_item {
    std::string image_id;
    std::string key;
    meta_request body{};

    using provider = openstack::provider;
    static constexpr std::string_view operation_id = "images/image_id/metadata/id:put";
    static constexpr http_method method = http_method::put;
    static constexpr std::string_view path = "/images/{image_id}/metadata/{key}";
    static constexpr microversion max_microversion = image_metadata_max_microversion;
    using responses = cloudimg::responses<on_status<200, meta_response>>;

    /// One item, under the URL's key, following Nova's schema.
    result<void> validate() const
    {
        if (body.meta.size() != 1)
            return make_failure(error::invalid_argument, "body.meta holds " + std::to_string(body.meta.size()) +
                                                             " items; it must hold exactly one, under the key of the URL");
        auto const& [item_key, value] = *body.meta.begin();
        if (item_key != key)
            return make_failure(error::invalid_argument,
                                "the key of body.meta, " + cloudimg::detail::quote(item_key) + ", is not the key of the URL, " +
                                    cloudimg::detail::quote(key) + " (Nova answers 400 \"Request body and URI mismatch\")");
        return check_metadata_item(item_key, value);
    }
};
BOOST_DESCRIBE_STRUCT(set_image_metadata_item, (), (image_id, key, body))

/// DELETE /images/{image_id}/metadata/{key}: answers 204; 404 "Invalid metadata key" when there is none.
struct delete_image_metadata_item {
    std::string image_id;
    std::string key;

    using provider = openstack::provider;
    static constexpr std::string_view operation_id = "images/image_id/metadata/id:delete";
    static constexpr http_method method = http_method::delete_;
    static constexpr std::string_view path = "/images/{image_id}/metadata/{key}";
    static constexpr microversion max_microversion = image_metadata_max_microversion;
    using responses = cloudimg::responses<on_status<204, no_content>>;
};
BOOST_DESCRIBE_STRUCT(delete_image_metadata_item, (), (image_id, key))

/// All ten endpoints, for tools and tests that visit every one.
using endpoints = boost::mp11::mp_list<list_images, list_images_detail, show_image, delete_image, list_image_metadata,
                                       create_image_metadata, replace_image_metadata, show_image_metadata_item,
                                       set_image_metadata_item, delete_image_metadata_item>;

} // namespace cloudimg::openstack

#endif
