// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSTACK_SUMMARY_HPP
#define CLOUDIMG_OPENSTACK_SUMMARY_HPP

#include <cloudimg/image_summary.hpp>
#include <cloudimg/openstack/models.hpp>

#include <map>
#include <string>

namespace cloudimg {

namespace detail {

inline std::optional<std::string> openstack_property(openstack::metadata_map const& m, char const* key)
{
    auto it = m.find(key);
    if (it == m.end())
        return std::nullopt;
    if (auto text = it->second.string())
        return text_or_absent(*text);
    return std::nullopt;
}

} // namespace detail

/** An OpenStack Compute (Nova images proxy) image in neutral terms. Field by field:

    | summary | from `openstack::image` |
    |---|---|
    | provider | "openstack" |
    | id | `id` (the Glance UUID) |
    | name | `name` (null: absent) |
    | description | absent: Nova shows no description (a Glance `description` property stays in labels) |
    | os | `metadata.os_distro` (Glance's common image property) when it is a string |
    | os_version | `metadata.os_version` when it is a string |
    | architecture | `metadata.architecture` when it is a string ("x86_64") |
    | size_bytes | `OS-EXT-IMG-SIZE:size` (bytes; null for a queued image: absent) |
    | status | `status`: ACTIVE → available, SAVING → pending, DELETED → deleted, ERROR → failed, UNKNOWN and any other word → unknown |
    | status_text | `status` as written |
    | visibility | absent: Nova's proxy does not show Glance's visibility |
    | created | `created` (null: absent) |
    | deprecated, expires | absent: Nova has none |
    | labels | `metadata`: strings as their text, other JSON values as compact JSON, nulls left out |

    @code
    for (auto const& img : page.images) table.push_back(cloudimg::summarize(img));
    @endcode
*/
inline image_summary summarize(openstack::image const& img)
{
    image_summary s{.provider = "openstack", .id = img.id};
    if (img.name)
        s.name = *img.name;
    s.os = detail::openstack_property(img.metadata, "os_distro");
    s.os_version = detail::openstack_property(img.metadata, "os_version");
    s.architecture = detail::openstack_property(img.metadata, "architecture");
    if (img.size)
        s.size_bytes = detail::bytes_or_absent(*img.size);
    if (auto st = img.status.known()) {
        switch (*st) {
        case openstack::image_status::active: s.status = image_state::available; break;
        case openstack::image_status::saving: s.status = image_state::pending; break;
        case openstack::image_status::deleted: s.status = image_state::deleted; break;
        case openstack::image_status::error: s.status = image_state::failed; break;
        case openstack::image_status::unknown: s.status = image_state::unknown; break;
        }
    } else {
        s.status = image_state::unknown;
    }
    s.status_text = std::string(img.status.wire());
    if (img.created)
        s.created = *img.created;
    std::map<std::string, std::string> labels;
    for (auto const& [key, value] : img.metadata) {
        if (value.is_null())
            continue;
        if (auto text = value.string())
            labels.emplace(key, std::string(*text));
        else
            labels.emplace(key, value.json());
    }
    s.labels = std::move(labels);
    return s;
}

} // namespace cloudimg

#endif
