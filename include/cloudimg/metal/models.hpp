// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_METAL_MODELS_HPP
#define CLOUDIMG_METAL_MODELS_HPP

// metal-stack images API: the wire types, complete per metal-api's own spec
// (metal-stack/metal-api spec/metal-api.json, Swagger 2.0). C++ members are
// snake_case; the camelCase wire names (`expirationDate`) come from
// `wire_names`. Field shapes follow the spec: `T` is required,
// `std::optional<T>` may be absent (Swagger 2.0 has no `nullable`, and a
// `std::optional` member also takes `null`, which Go sends for a nil slice).
//
// `features` and `classification` are plain strings in the spec; metal-api
// knows the values below and answers 400 for others. They are `open_enum`s
// in requests too: a value a newer server adds can be read from one image and
// sent back with another without waiting for a new cloudimg.

#include <cloudimg/open_enum.hpp>
#include <cloudimg/timestamp.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cloudimg::metal {

// ------------------------------------------------------------------ enums

/// What an image can boot: a machine, a firewall, or both.
enum class image_feature { machine, firewall };
BOOST_DESCRIBE_ENUM(image_feature, machine, firewall)

/// How far an image is supported; metal-api creates images as `preview` unless told otherwise.
enum class image_classification { preview, supported, deprecated };
BOOST_DESCRIBE_ENUM(image_classification, preview, supported, deprecated)

// ------------------------------------------------------------------ image

/** An image as metal-api returns it (`v1.ImageResponse`).

    The id has the form `<os>-<major>.<minor>[.<patch>]` (see `image_id.hpp`).
    `name` and `description` are always sent in practice, possibly empty, but
    the spec does not require them. `used_by` holds machine ids and is only
    filled when the list was asked for with `show_usage`; otherwise metal-api
    sends `null`, which decodes as absent.
*/
struct image {
    std::string id;
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<std::string> url;
    std::optional<std::vector<open_enum<image_feature>>> features;
    timestamp expiration_date;  ///< after it, metal-api no longer hands the image out for new machines
    std::optional<open_enum<image_classification>> classification;
    std::optional<std::vector<std::string>> used_by;
    std::optional<timestamp> created;
    std::optional<timestamp> changed;
};
BOOST_DESCRIBE_STRUCT(image, (), (id, name, description, url, features, expiration_date, classification, used_by,
                                  created, changed))

constexpr auto wire_names(image const*)
{
    return std::array{rename{"expiration_date", "expirationDate"}, rename{"used_by", "usedby"}};
}

// ------------------------------------------------------------------ request bodies

/** `PUT /v1/image`: a new image. `id` and `url` are required.

    metal-api checks the id format (`<os>-<semver>`), that the URL answers a
    HEAD request, and fills in what is absent: `expiration_date` becomes now +
    90 days and `classification` becomes `preview`.
*/
struct image_create_request {
    std::string id;
    std::string url;
    std::optional<std::string> name{};
    std::optional<std::string> description{};
    std::optional<std::vector<open_enum<image_feature>>> features{};
    std::optional<timestamp> expiration_date{};
    std::optional<open_enum<image_classification>> classification{};
};
BOOST_DESCRIBE_STRUCT(image_create_request, (), (id, url, name, description, features, expiration_date, classification))

constexpr auto wire_names(image_create_request const*)
{
    return std::array{rename{"expiration_date", "expirationDate"}};
}

/** `POST /v1/image`: change an existing image; absent fields stay as they are.

    The spec requires `expiration_date`, and metal-api stores it as sent: to
    keep the current date, send the one the image has. `features` replaces the
    set only when it is not empty. `used_by` is in the spec but the server
    ignores it.
*/
struct image_update_request {
    std::string id;
    timestamp expiration_date{};
    std::optional<std::string> name{};
    std::optional<std::string> description{};
    std::optional<std::string> url{};
    std::optional<std::vector<open_enum<image_feature>>> features{};
    std::optional<open_enum<image_classification>> classification{};
    std::optional<std::vector<std::string>> used_by{};
};
BOOST_DESCRIBE_STRUCT(image_update_request, (), (id, expiration_date, name, description, url, features, classification,
                                                 used_by))

constexpr auto wire_names(image_update_request const*)
{
    return std::array{rename{"expiration_date", "expirationDate"}, rename{"used_by", "usedby"}};
}

/// `POST /v1/image/find`: every field is a filter; an absent one matches everything.
struct image_find_request {
    std::optional<std::string> id{};
    std::optional<std::string> name{};
    std::optional<std::string> os{};
    std::optional<std::string> version{};
    std::optional<open_enum<image_classification>> classification{};
    std::optional<std::vector<open_enum<image_feature>>> features{};
};
BOOST_DESCRIBE_STRUCT(image_find_request, (), (id, name, os, version, classification, features))

// ------------------------------------------------------------------ errors

/** The body of every metal-api error (`httperrors.HTTPErrorResponse`).

    There is no error code beyond the HTTP status, which `status_code` repeats.
    metal-api answers 400 (bad JSON, bad id, unknown feature or
    classification), 403 (authentication failed), 404, 409 (the id exists, or
    a concurrent update), 422 (an image still in use) and 500.
*/
struct http_error_response {
    std::string message;
    std::int32_t status_code;
};
BOOST_DESCRIBE_STRUCT(http_error_response, (), (message, status_code))

constexpr auto wire_names(http_error_response const*)
{
    return std::array{rename{"status_code", "statuscode"}};
}

} // namespace cloudimg::metal

#endif
