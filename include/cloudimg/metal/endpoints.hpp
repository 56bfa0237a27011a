// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_METAL_ENDPOINTS_HPP
#define CLOUDIMG_METAL_ENDPOINTS_HPP

// The eight metal-api image endpoints. Each struct's members are the
// endpoint's parameters; the names are the spec's operationIds in snake_case,
// and `operation_id` keeps the spec's own spelling for tools and tests.
//
// Note metal-api's verbs: PUT creates an image and POST updates one.
// The paths are absolute because metal-api's basePath is "/": the configured
// base URL is only the server (plus any prefix a proxy adds).

#include <cloudimg/endpoint.hpp>
#include <cloudimg/metal/models.hpp>
#include <cloudimg/metal/provider.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/describe/class.hpp>
#include <boost/mp11/list.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudimg::metal {

/// PUT /v1/image: create an image; 409 if the id exists. Needs an admin (HMAC Metal-Admin or an admin JWT).
struct create_image {
    image_create_request body{};

    using provider = metal::provider;
    static constexpr std::string_view operation_id = "createImage";
    static constexpr http_method method = http_method::put;
    static constexpr std::string_view path = "/v1/image";
    using responses = cloudimg::responses<on_status<201, image>>;
};
BOOST_DESCRIBE_STRUCT(create_image, (), (body))

/// POST /v1/image: update an image; 409 on a concurrent change. Needs an admin.
struct update_image {
    image_update_request body{};

    using provider = metal::provider;
    static constexpr std::string_view operation_id = "updateImage";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/v1/image";
    using responses = cloudimg::responses<on_status<200, image>>;
};
BOOST_DESCRIBE_STRUCT(update_image, (), (body))

/// DELETE /v1/image/{id}: answers 200 with the deleted image; 422 while machines use it. Needs an admin.
struct delete_image {
    std::string id;

    using provider = metal::provider;
    static constexpr std::string_view operation_id = "deleteImage";
    static constexpr http_method method = http_method::delete_;
    static constexpr std::string_view path = "/v1/image/{id}";
    using responses = cloudimg::responses<on_status<200, image>>;
};
BOOST_DESCRIBE_STRUCT(delete_image, (), (id))

/// GET /v1/image/{id}: one image by its id.
struct find_image {
    std::string id;

    using provider = metal::provider;
    static constexpr std::string_view operation_id = "findImage";
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/v1/image/{id}";
    using responses = cloudimg::responses<on_status<200, image>>;
};
BOOST_DESCRIBE_STRUCT(find_image, (), (id))

/// GET /v1/image/{id}/latest: the newest image the id selects (see image_id.hpp):
/// "ubuntu-20.04" gives the newest 20.04.x, an id with a patch above 0 only itself.
struct find_latest_image {
    std::string id;

    using provider = metal::provider;
    static constexpr std::string_view operation_id = "findLatestImage";
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/v1/image/{id}/latest";
    using responses = cloudimg::responses<on_status<200, image>>;
};
BOOST_DESCRIBE_STRUCT(find_latest_image, (), (id))

/// GET /v1/image: every image, as a bare JSON array (no pagination).
struct list_images {
    std::optional<bool> show_usage{};  ///< fill `image::used_by`; metal-api's default is false

    using provider = metal::provider;
    static constexpr std::string_view operation_id = "listImages";
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/v1/image";
    using responses = cloudimg::responses<on_status<200, std::vector<image>>>;
};
BOOST_DESCRIBE_STRUCT(list_images, (), (show_usage))

constexpr auto wire_names(list_images const*)
{
    return std::array{rename{"show_usage", "show-usage"}};
}

/// POST /v1/image/find: the images that match every filter in the body. Needs a viewer.
struct find_images {
    image_find_request body{};
    std::optional<bool> show_usage{};  ///< fill `image::used_by`; metal-api's default is false

    using provider = metal::provider;
    static constexpr std::string_view operation_id = "findImages";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/v1/image/find";
    using responses = cloudimg::responses<on_status<200, std::vector<image>>>;
};
BOOST_DESCRIBE_STRUCT(find_images, (), (body, show_usage))

constexpr auto wire_names(find_images const*)
{
    return std::array{rename{"show_usage", "show-usage"}};
}

/// GET /v1/image/{id}/query: every image the id selects (see image_id.hpp), not only the newest.
/// The spec's operationId is "queryImages by id", with spaces.
struct query_images {
    std::string id;

    using provider = metal::provider;
    static constexpr std::string_view operation_id = "queryImages by id";
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/v1/image/{id}/query";
    using responses = cloudimg::responses<on_status<200, std::vector<image>>>;
};
BOOST_DESCRIBE_STRUCT(query_images, (), (id))

/// All eight endpoints, for tools and tests that visit every one.
using endpoints = boost::mp11::mp_list<create_image, update_image, delete_image, find_image, find_latest_image,
                                       list_images, find_images, query_images>;

} // namespace cloudimg::metal

#endif
