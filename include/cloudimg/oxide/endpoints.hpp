// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OXIDE_ENDPOINTS_HPP
#define CLOUDIMG_OXIDE_ENDPOINTS_HPP

// The six Oxide image endpoints. Each struct's members are the endpoint's
// parameters, so `oxide::view_image{.image = "debian-12", .project = "infra"}`
// reads like the API reference; `operation_id` is the spec's name for it.
//
// `project` means two things. Where the image is looked up (view, delete,
// promote) it scopes a name: without it the name is a silo image's; and the
// server refuses it next to an image given by UUID, so `validate()` refuses
// that first. Where an image is made or listed (create, list) it chooses the
// project; without it the call is about silo images. For demote it is the
// destination project, required, and independent of how the image is given.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/oxide/models.hpp>
#include <cloudimg/oxide/name_or_id.hpp>
#include <cloudimg/oxide/provider.hpp>

#include <boost/describe/class.hpp>
#include <boost/mp11/list.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cloudimg::oxide {

namespace detail {

inline result<void> check_optional(std::optional<name_or_id> const& v, std::string_view parameter)
{
    if (v)
        return (v->check)(parameter);  // (check): safe from a check() macro
    return {};
}

// The lookup rule of omicron's image_lookup: a UUID is global, a project only scopes a name.
inline result<void> check_image_lookup(name_or_id const& image, std::optional<name_or_id> const& project)
{
    if (auto ok = (image.check)("image"); !ok)
        return ok;
    if (auto ok = check_optional(project, "project"); !ok)
        return ok;
    if (image.is_id() && project)
        return make_failure(error::invalid_argument,
                            "image is given by its UUID, so project must not be set (the server answers 400 "
                            "\"when providing image as an ID, project should not be specified\")");
    return {};
}

} // namespace detail

/// GET /v1/images: the silo's images, or a project's when `project` is set; one page at a time (see `next_page`).
struct list_images {
    std::optional<std::uint32_t> limit{};         ///< at least 1; the server has a default and a maximum
    std::optional<std::string> page_token{};      ///< from the previous page's `next_page`
    std::optional<name_or_id> project{};
    std::optional<name_or_id_sort_mode> sort_by{};

    using provider = oxide::provider;
    static constexpr std::string_view operation_id = "image_list";
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/v1/images";
    using responses = cloudimg::responses<on_status<200, image_results_page>>;

    /// `limit` is at least 1 and `project`, if set, a UUID or a name.
    result<void> validate() const
    {
        if (limit && *limit == 0)
            return make_failure(error::invalid_argument, "limit must be at least 1");
        return detail::check_optional(project, "project");
    }
};
BOOST_DESCRIBE_STRUCT(list_images, (), (limit, page_token, project, sort_by))

/// POST /v1/images: a silo image, or a project image when `project` is set, from a snapshot. Answers 201.
struct create_image {
    std::optional<name_or_id> project{};
    image_create body{};

    using provider = oxide::provider;
    static constexpr std::string_view operation_id = "image_create";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/v1/images";
    using responses = cloudimg::responses<on_status<201, oxide::image>>;

    /// `project` if set, `body.name` a name, `body.source.id` a UUID.
    result<void> validate() const
    {
        if (auto ok = detail::check_optional(project, "project"); !ok)
            return ok;
        if (auto ok = check_name(body.name, "body.name"); !ok)
            return ok;
        return (body.source.id.check)("body.source.id");
    }
};
BOOST_DESCRIBE_STRUCT(create_image, (), (project, body))

/// GET /v1/images/{image}
struct view_image {
    name_or_id image;
    std::optional<name_or_id> project{};  ///< scopes a name; never with a UUID

    using provider = oxide::provider;
    static constexpr std::string_view operation_id = "image_view";
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/v1/images/{image}";
    using responses = cloudimg::responses<on_status<200, oxide::image>>;

    result<void> validate() const { return detail::check_image_lookup(image, project); }
};
BOOST_DESCRIBE_STRUCT(view_image, (), (image, project))

/// DELETE /v1/images/{image}: permanent; running instances keep working. Answers 204.
struct delete_image {
    name_or_id image;
    std::optional<name_or_id> project{};  ///< scopes a name; never with a UUID

    using provider = oxide::provider;
    static constexpr std::string_view operation_id = "image_delete";
    static constexpr http_method method = http_method::delete_;
    static constexpr std::string_view path = "/v1/images/{image}";
    using responses = cloudimg::responses<on_status<204, no_content>>;

    result<void> validate() const { return detail::check_image_lookup(image, project); }
};
BOOST_DESCRIBE_STRUCT(delete_image, (), (image, project))

/// POST /v1/images/{image}/promote: a project image becomes a silo image. Answers 202.
struct promote_image {
    name_or_id image;
    std::optional<name_or_id> project{};  ///< scopes a name; never with a UUID

    using provider = oxide::provider;
    static constexpr std::string_view operation_id = "image_promote";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/v1/images/{image}/promote";
    using responses = cloudimg::responses<on_status<202, oxide::image>>;

    result<void> validate() const { return detail::check_image_lookup(image, project); }
};
BOOST_DESCRIBE_STRUCT(promote_image, (), (image, project))

/// POST /v1/images/{image}/demote: a silo image becomes an image of `project`. Answers 202.
struct demote_image {
    name_or_id image;    ///< a silo image
    name_or_id project;  ///< the destination; required, and allowed with an image UUID

    using provider = oxide::provider;
    static constexpr std::string_view operation_id = "image_demote";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/v1/images/{image}/demote";
    using responses = cloudimg::responses<on_status<202, oxide::image>>;

    result<void> validate() const
    {
        if (auto ok = (image.check)("image"); !ok)
            return ok;
        return (project.check)("project");
    }
};
BOOST_DESCRIBE_STRUCT(demote_image, (), (image, project))

/// All six endpoints, for tools and tests that visit every one.
using endpoints =
    boost::mp11::mp_list<list_images, create_image, view_image, delete_image, promote_image, demote_image>;

} // namespace cloudimg::oxide

#endif
