// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_EXTENSIONS_HPP
#define CLOUDIMG_LXD_EXTENSIONS_HPP

// LXD's API extensions. A server lists the ones it has in GET /1.0
// (`server_info::api_extensions`); a field or call an older server lacks is
// rejected there or, worse, silently ignored. LXD's Go client checks before it
// sends; cloudimg does the same, sans-IO: configure the server's list
// (`lxd::config::api_extensions`) and `prepare` refuses a request that needs
// an extension the list lacks, with the extension's name, before it is built.
//
// What needs which extension, from LXD's Go client (`client/lxd_images.go`,
// `client/lxd_operations.go`: its HasExtension/CheckExtension checks) and the
// "API extension:" notes of LXD's API description (doc/rest-api.yaml):
//
// | endpoint                           | when                         | extension                         |
// |------------------------------------|------------------------------|-----------------------------------|
// | list_image_urls, list_images       | `filter` set                 | api_filtering                     |
// | list_images                        | `all_projects` set           | images_all_projects               |
// | create_image, create_push_token    | `body.aliases` set           | image_create_aliases              |
// |                                    | `body.compression_algorithm` | image_compression_algorithm       |
// |                                    | `body.expires_at`            | images_expiry                     |
// |                                    | `body.profiles`              | image_profiles                    |
// |                                    | `body.source.image_type`     | image_types                       |
// |                                    | `body.source.project`        | image_source_project              |
// | replace_image                      | `body.expires_at`            | images_expiry                     |
// |                                    | `body.profiles`              | image_profiles                    |
// | push_image                         | always                       | images_push_relay                 |
// |                                    | `body.project`               | images_target_project             |
// |                                    | `body.profiles`              | image_copy_profile                |
// | refresh_image                      | always                       | image_force_refresh               |
// | create_alias                       | `body.type`                  | image_types                       |
// | list_operation_urls, list_operations | `all_projects` set         | operations_get_query_all_projects |
//
// (LXD's description names the target project's extension
// "image_target_project"; servers list it as "images_target_project".)
// LXD 5.0.2 has all of these but images_all_projects,
// operations_get_query_all_projects and image_copy_profile.

#include <cloudimg/detail/quote.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/lxd/endpoints.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudimg::lxd {

/// An API extension a request needs, and the field (or call) that needs it.
struct extension_need {
    std::string_view extension;
    std::string_view field;  ///< "body.aliases"; "the call" when the endpoint itself needs it

    friend bool operator==(extension_need const&, extension_need const&) = default;
};

/// Every extension name the table above uses.
inline constexpr std::array<std::string_view, 13> known_extensions{
    "api_filtering",     "images_all_projects",   "image_create_aliases", "image_compression_algorithm",
    "images_expiry",     "image_profiles",        "image_types",          "image_source_project",
    "images_push_relay", "images_target_project", "image_copy_profile",   "image_force_refresh",
    "operations_get_query_all_projects"};

namespace detail {

inline void need_if(std::vector<extension_need>& out, bool set, std::string_view extension, std::string_view field)
{
    if (set)
        out.push_back({extension, field});
}

inline std::vector<extension_need> images_post_needs(images_post const& b)
{
    std::vector<extension_need> out;
    need_if(out, b.aliases.has_value(), "image_create_aliases", "body.aliases");
    need_if(out, b.compression_algorithm.has_value(), "image_compression_algorithm", "body.compression_algorithm");
    need_if(out, b.expires_at.has_value(), "images_expiry", "body.expires_at");
    need_if(out, b.profiles.has_value(), "image_profiles", "body.profiles");
    need_if(out, b.source && b.source->image_type, "image_types", "body.source.image_type");
    need_if(out, b.source && b.source->project, "image_source_project", "body.source.project");
    return out;
}

inline std::vector<extension_need> all_projects_needs(std::optional<bool> const& all_projects, std::string_view extension)
{
    std::vector<extension_need> out;
    need_if(out, all_projects.has_value(), extension, "all_projects");
    return out;
}

} // namespace detail

/** The API extensions a request needs, by what is set in it (see the table above).

    @code
    auto needs = lxd::needed_extensions(lxd::list_images{.all_projects = true});
    // {{"images_all_projects", "all_projects"}}
    @endcode
*/
template <class Endpoint>
std::vector<extension_need> needed_extensions(Endpoint const&)
{
    return {};
}

inline std::vector<extension_need> needed_extensions(list_image_urls const& ep)
{
    std::vector<extension_need> out;
    detail::need_if(out, ep.filter.has_value(), "api_filtering", "filter");
    return out;
}

inline std::vector<extension_need> needed_extensions(list_images const& ep)
{
    auto out = detail::all_projects_needs(ep.all_projects, "images_all_projects");
    detail::need_if(out, ep.filter.has_value(), "api_filtering", "filter");
    return out;
}

inline std::vector<extension_need> needed_extensions(create_image const& ep)
{
    return detail::images_post_needs(ep.body);
}

inline std::vector<extension_need> needed_extensions(create_push_token const& ep)
{
    return detail::images_post_needs(ep.body);
}

inline std::vector<extension_need> needed_extensions(replace_image const& ep)
{
    std::vector<extension_need> out;
    detail::need_if(out, ep.body.expires_at.has_value(), "images_expiry", "body.expires_at");
    detail::need_if(out, ep.body.profiles.has_value(), "image_profiles", "body.profiles");
    return out;
}

inline std::vector<extension_need> needed_extensions(push_image const& ep)
{
    std::vector<extension_need> out{{"images_push_relay", "the call"}};
    detail::need_if(out, ep.body.project.has_value(), "images_target_project", "body.project");
    detail::need_if(out, ep.body.profiles.has_value(), "image_copy_profile", "body.profiles");
    return out;
}

inline std::vector<extension_need> needed_extensions(refresh_image const&)
{
    return {{"image_force_refresh", "the call"}};
}

inline std::vector<extension_need> needed_extensions(create_alias const& ep)
{
    std::vector<extension_need> out;
    detail::need_if(out, ep.body.type.has_value(), "image_types", "body.type");
    return out;
}

inline std::vector<extension_need> needed_extensions(list_operation_urls const& ep)
{
    return detail::all_projects_needs(ep.all_projects, "operations_get_query_all_projects");
}

inline std::vector<extension_need> needed_extensions(list_operations const& ep)
{
    return detail::all_projects_needs(ep.all_projects, "operations_get_query_all_projects");
}

/** Refuse `ep` when it needs an API extension `server_extensions` lacks:
    `error::invalid_argument`, naming the extension and the field. An empty
    list means "not known" and refuses nothing.

    @code
    auto ok = lxd::check_extensions(lxd::list_images{.all_projects = true}, server->api_extensions);
    // on LXD 5.0.2: invalid_argument, "... API extension \"images_all_projects\" ..."
    @endcode
*/
template <class Endpoint>
result<void> check_extensions(Endpoint const& ep, std::vector<std::string> const& server_extensions)
{
    if (server_extensions.empty())
        return {};
    for (auto const& need : needed_extensions(ep)) {
        if (std::find(server_extensions.begin(), server_extensions.end(), need.extension) == server_extensions.end())
            return make_failure(error::invalid_argument,
                                std::string(name_of<Endpoint>()) + ": " + std::string(need.field) +
                                    " needs the LXD API extension " + cloudimg::detail::quote(need.extension) +
                                    ", which the server does not list in its api_extensions");
    }
    return {};
}

} // namespace cloudimg::lxd

#endif
