// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_MODELS_HPP
#define CLOUDIMG_HETZNER_MODELS_HPP

// Hetzner Cloud images API: the wire types, complete per the official spec
// (docs.hetzner.cloud/cloud.spec.json, OpenAPI 3.0.3). Field shapes follow
// the spec exactly: `T` is required, `nullable<T>` is required but may be
// null, `std::optional<T>` may be absent. Every enum a response carries is an
// `open_enum`, so values Hetzner adds later decode and re-encode unchanged.

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
#include <vector>

namespace cloudimg::hetzner {

// ------------------------------------------------------------------ enums

enum class image_type { system, app, snapshot, backup };
BOOST_DESCRIBE_ENUM(image_type, system, app, snapshot, backup)

enum class image_status { available, creating, unavailable };
BOOST_DESCRIBE_ENUM(image_status, available, creating, unavailable)

enum class os_flavor { ubuntu, centos, debian, fedora, rocky, alma, opensuse, unknown };
BOOST_DESCRIBE_ENUM(os_flavor, ubuntu, centos, debian, fedora, rocky, alma, opensuse, unknown)

enum class architecture { x86, arm };
BOOST_DESCRIBE_ENUM(architecture, x86, arm)

enum class action_status { running, success, error };
BOOST_DESCRIBE_ENUM(action_status, running, success, error)

/// The only conversion `PUT /images/{id}` offers: a backup into a snapshot.
enum class image_conversion { snapshot };
BOOST_DESCRIBE_ENUM(image_conversion, snapshot)

/// Sort keys of `GET /images`; `_asc`/`_desc` go on the wire as `:asc`/`:desc`.
enum class image_sort { id, id_asc, id_desc, name, name_asc, name_desc, created, created_asc, created_desc };
BOOST_DESCRIBE_ENUM(image_sort, id, id_asc, id_desc, name, name_asc, name_desc, created, created_asc, created_desc)

/// Sort keys of the action lists.
enum class action_sort {
    id, id_asc, id_desc,
    command, command_asc, command_desc,
    status, status_asc, status_desc,
    started, started_asc, started_desc,
    finished, finished_asc, finished_desc
};
BOOST_DESCRIBE_ENUM(action_sort, id, id_asc, id_desc, command, command_asc, command_desc, status, status_asc,
                    status_desc, started, started_asc, started_desc, finished, finished_asc, finished_desc)

constexpr auto wire_names(image_sort const*)
{
    return std::array{rename{"id_asc", "id:asc"},           rename{"id_desc", "id:desc"},
                      rename{"name_asc", "name:asc"},       rename{"name_desc", "name:desc"},
                      rename{"created_asc", "created:asc"}, rename{"created_desc", "created:desc"}};
}

constexpr auto wire_names(action_sort const*)
{
    return std::array{rename{"id_asc", "id:asc"},             rename{"id_desc", "id:desc"},
                      rename{"command_asc", "command:asc"},   rename{"command_desc", "command:desc"},
                      rename{"status_asc", "status:asc"},     rename{"status_desc", "status:desc"},
                      rename{"started_asc", "started:asc"},   rename{"started_desc", "started:desc"},
                      rename{"finished_asc", "finished:asc"}, rename{"finished_desc", "finished:desc"}};
}

/// Every error code of the spec's error table. Unknown codes decode as text (`open_enum`).
enum class error_code {
    json_error,
    unauthorized,
    token_readonly,
    forbidden,
    maintenance,
    resource_limit_exceeded,
    not_found,
    method_not_allowed,
    uniqueness_error,
    conflict,
    deprecated_api_endpoint,
    resource_unavailable,
    invalid_input,
    service_error,
    unsupported_error,
    locked,
    protected_,
    rate_limit_exceeded,
    server_error,
    bad_gateway,
    unavailable,
    timeout,
    action_failed,  // seen in actions' own `error.code`
};
BOOST_DESCRIBE_ENUM(error_code, json_error, unauthorized, token_readonly, forbidden, maintenance,
                    resource_limit_exceeded, not_found, method_not_allowed, uniqueness_error, conflict,
                    deprecated_api_endpoint, resource_unavailable, invalid_input, service_error, unsupported_error,
                    locked, protected_, rate_limit_exceeded, server_error, bad_gateway, unavailable, timeout,
                    action_failed)

// ------------------------------------------------------------------ image

/// The Server an Image was created from.
struct created_from_info {
    std::int64_t id;
    std::string name;  ///< the Server's name at the time
};
BOOST_DESCRIBE_STRUCT(created_from_info, (), (id, name))

struct protection_info {
    bool delete_;  ///< the Image cannot be deleted while true
};
BOOST_DESCRIBE_STRUCT(protection_info, (), (delete_))

/// Deprecation schedule, from the newer spec (3.1.2); absent from older servers.
struct deprecation_info {
    timestamp unavailable_after;
    timestamp announced;
};
BOOST_DESCRIBE_STRUCT(deprecation_info, (), (unavailable_after, announced))

struct image {
    std::int64_t id;
    open_enum<hetzner::image_type> type;
    open_enum<hetzner::image_status> status;
    nullable<std::string> name;            ///< set for system Images only
    std::string description;
    nullable<double> image_size;           ///< GB in storage
    double disk_size;                      ///< GB
    timestamp created;
    nullable<created_from_info> created_from;
    nullable<std::int64_t> bound_to;       ///< Server id, backups only
    open_enum<hetzner::os_flavor> os_flavor;
    nullable<std::string> os_version;
    std::optional<bool> rapid_deploy;
    protection_info protection;
    nullable<timestamp> deprecated;        ///< superseded by `deprecation` in the newer spec
    nullable<std::string> deleted;         ///< RFC 3339 text; the spec gives it no date-time format
    std::map<std::string, std::string> labels;
    open_enum<hetzner::architecture> architecture;
    std::optional<deprecation_info> deprecation;
};
BOOST_DESCRIBE_STRUCT(image, (), (id, type, status, name, description, image_size, disk_size, created, created_from,
                                  bound_to, os_flavor, os_version, rapid_deploy, protection, deprecated, deleted,
                                  labels, architecture, deprecation))

// ------------------------------------------------------------------ action

struct action_resource {
    std::int64_t id;
    std::string type;
};
BOOST_DESCRIBE_STRUCT(action_resource, (), (id, type))

struct action_error {
    open_enum<error_code> code;
    std::string message;
};
BOOST_DESCRIBE_STRUCT(action_error, (), (code, message))

struct action {
    std::int64_t id;
    std::string command;
    open_enum<action_status> status;
    timestamp started;
    nullable<timestamp> finished;
    std::int32_t progress;  ///< percent
    std::vector<action_resource> resources;
    nullable<action_error> error;
};
BOOST_DESCRIBE_STRUCT(action, (), (id, command, status, started, finished, progress, resources, error))

// ------------------------------------------------------------------ pagination

struct pagination_info {
    std::int64_t page;
    std::int64_t per_page;
    nullable<std::int64_t> previous_page;
    nullable<std::int64_t> next_page;
    nullable<std::int64_t> last_page;
    nullable<std::int64_t> total_entries;
};
BOOST_DESCRIBE_STRUCT(pagination_info, (), (page, per_page, previous_page, next_page, last_page, total_entries))

struct list_meta {
    pagination_info pagination;
};
BOOST_DESCRIBE_STRUCT(list_meta, (), (pagination))

// ------------------------------------------------------------------ bodies

struct list_images_response {
    std::vector<image> images;
    list_meta meta;
};
BOOST_DESCRIBE_STRUCT(list_images_response, (), (images, meta))

/// `GET` and `PUT /images/{id}`. The spec does not list `image` as required.
struct image_response {
    std::optional<hetzner::image> image;
};
BOOST_DESCRIBE_STRUCT(image_response, (), (image))

struct action_response {
    hetzner::action action;
};
BOOST_DESCRIBE_STRUCT(action_response, (), (action))

struct action_list_response {
    std::vector<hetzner::action> actions;
    list_meta meta;
};
BOOST_DESCRIBE_STRUCT(action_list_response, (), (actions, meta))

/// `PUT /images/{id}`: every field optional; `labels` replaces the whole set.
struct update_image_request {
    std::optional<std::string> description{};
    std::optional<image_conversion> type{};
    std::optional<std::map<std::string, std::string>> labels{};
};
BOOST_DESCRIBE_STRUCT(update_image_request, (), (description, type, labels))

struct change_protection_request {
    std::optional<bool> delete_{};
};
BOOST_DESCRIBE_STRUCT(change_protection_request, (), (delete_))

// ------------------------------------------------------------------ errors

/// One rejected field of an `invalid_input` error.
struct invalid_field {
    std::string name;
    std::vector<std::string> messages;
};
BOOST_DESCRIBE_STRUCT(invalid_field, (), (name, messages))

/// `error.details`: its shape depends on the code; both known shapes in one.
struct error_details {
    std::optional<std::vector<invalid_field>> fields;  ///< invalid_input
    std::optional<std::string> announcement;            ///< deprecated_api_endpoint
};
BOOST_DESCRIBE_STRUCT(error_details, (), (fields, announcement))

struct error_info {
    open_enum<error_code> code;
    std::string message;
    std::optional<error_details> details;
};
BOOST_DESCRIBE_STRUCT(error_info, (), (code, message, details))

/// The body of every 4xx and 5xx response.
struct error_response {
    error_info error;
};
BOOST_DESCRIBE_STRUCT(error_response, (), (error))

} // namespace cloudimg::hetzner

#endif
