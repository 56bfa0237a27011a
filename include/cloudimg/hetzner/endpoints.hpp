// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_ENDPOINTS_HPP
#define CLOUDIMG_HETZNER_ENDPOINTS_HPP

// The nine Hetzner Cloud image endpoints. Each struct's members are the
// endpoint's parameters, so `list_images{.type = {image_type::snapshot}}`
// reads like the API reference.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/hetzner/models.hpp>
#include <cloudimg/hetzner/provider.hpp>

#include <boost/describe/class.hpp>
#include <boost/mp11/list.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cloudimg::hetzner {

/// GET /images: all Images, filtered and sorted, one page at a time.
struct list_images {
    std::vector<image_sort> sort{};
    std::vector<image_type> type{};
    std::vector<image_status> status{};
    std::vector<std::string> bound_to{};  ///< Server ids (backups only); strings in the spec
    std::optional<bool> include_deprecated{};
    std::optional<std::string> name{};
    std::optional<std::string> label_selector{};  ///< see `label_selector`
    std::optional<hetzner::architecture> architecture{};
    std::optional<std::int64_t> page{};
    std::optional<std::int64_t> per_page{};

    using provider = hetzner::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/images";
    using responses = cloudimg::responses<on_status<200, list_images_response>>;
};
BOOST_DESCRIBE_STRUCT(list_images, (), (sort, type, status, bound_to, include_deprecated, name, label_selector,
                                        architecture, page, per_page))

/// GET /images/{id}
struct get_image {
    std::int64_t id;

    using provider = hetzner::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/images/{id}";
    using responses = cloudimg::responses<on_status<200, image_response>>;
};
BOOST_DESCRIBE_STRUCT(get_image, (), (id))

/// PUT /images/{id}: description, labels (the whole set), or backup -> snapshot.
struct update_image {
    std::int64_t id;
    update_image_request body{};

    using provider = hetzner::provider;
    static constexpr http_method method = http_method::put;
    static constexpr std::string_view path = "/images/{id}";
    using responses = cloudimg::responses<on_status<200, image_response>>;
};
BOOST_DESCRIBE_STRUCT(update_image, (), (id, body))

/// DELETE /images/{id}: snapshots and backups only.
struct delete_image {
    std::int64_t id;

    using provider = hetzner::provider;
    static constexpr http_method method = http_method::delete_;
    static constexpr std::string_view path = "/images/{id}";
    using responses = cloudimg::responses<on_status<204, no_content>>;
};
BOOST_DESCRIBE_STRUCT(delete_image, (), (id))

/// GET /images/{id}/actions
struct list_image_actions {
    std::int64_t id;
    std::vector<action_sort> sort{};
    std::vector<action_status> status{};
    std::optional<std::int64_t> page{};
    std::optional<std::int64_t> per_page{};

    using provider = hetzner::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/images/{id}/actions";
    using responses = cloudimg::responses<on_status<200, action_list_response>>;
};
BOOST_DESCRIBE_STRUCT(list_image_actions, (), (id, sort, status, page, per_page))

/// GET /images/{id}/actions/{action_id}. Deprecated upstream (2026-04-30):
/// `get_images_action` reads any image action by its id alone.
struct [[deprecated("Hetzner deprecated GET /images/{id}/actions/{action_id}; use get_images_action")]] get_image_action {
    std::int64_t id;
    std::int64_t action_id;

    using provider = hetzner::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/images/{id}/actions/{action_id}";
    using responses = cloudimg::responses<on_status<200, action_response>>;
};

/// POST /images/{id}/actions/change_protection: answers 201 with the action to wait for.
struct change_image_protection {
    std::int64_t id;
    change_protection_request body{};

    using provider = hetzner::provider;
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/images/{id}/actions/change_protection";
    using responses = cloudimg::responses<on_status<201, action_response>>;
};
BOOST_DESCRIBE_STRUCT(change_image_protection, (), (id, body))

/// GET /images/actions: actions of all images, e.g. by id to poll several at once.
struct list_images_actions {
    std::vector<std::int64_t> id{};
    std::vector<action_sort> sort{};
    std::vector<action_status> status{};
    std::optional<std::int64_t> page{};
    std::optional<std::int64_t> per_page{};

    using provider = hetzner::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/images/actions";
    using responses = cloudimg::responses<on_status<200, action_list_response>>;
};
BOOST_DESCRIBE_STRUCT(list_images_actions, (), (id, sort, status, page, per_page))

/// GET /images/actions/{id}: `id` is the Action's id.
struct get_images_action {
    std::int64_t id;

    using provider = hetzner::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/images/actions/{id}";
    using responses = cloudimg::responses<on_status<200, action_response>>;
};
BOOST_DESCRIBE_STRUCT(get_images_action, (), (id))

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
BOOST_DESCRIBE_STRUCT(get_image_action, (), (id, action_id))

/// All nine endpoints, for tools and tests that visit every one.
using endpoints = boost::mp11::mp_list<list_images, get_image, update_image, delete_image, list_image_actions,
                                       get_image_action, change_image_protection, list_images_actions,
                                       get_images_action>;
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

} // namespace cloudimg::hetzner

#endif
