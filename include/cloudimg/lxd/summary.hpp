// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_SUMMARY_HPP
#define CLOUDIMG_LXD_SUMMARY_HPP

#include <cloudimg/image_summary.hpp>
#include <cloudimg/lxd/models.hpp>

#include <string>

namespace cloudimg {

namespace detail {

inline std::optional<std::string> lxd_property(std::optional<lxd::string_map> const& props, char const* key)
{
    if (!props)
        return std::nullopt;
    auto it = props->find(key);
    if (it == props->end())
        return std::nullopt;
    return text_or_absent(it->second);
}

} // namespace detail

/** An LXD image in neutral terms. Field by field:

    | summary | from `lxd::image` |
    |---|---|
    | provider | "lxd" |
    | id | `fingerprint`, all 64 hex digits (LXD also accepts any unique prefix) |
    | name | the first alias's `name`; absent when the image has no alias (LXD images have no name of their own) |
    | description | `properties.description` |
    | os | `properties.os` (the image's metadata.yaml, or X-LXD-properties) |
    | os_version | `properties.release` |
    | architecture | `architecture` as written ("x86_64", "aarch64") |
    | size_bytes | `size` (bytes) |
    | status, status_text | absent: LXD has no image status (an image it lists is ready) |
    | visibility | `public`: true → public (untrusted clients see it too), false → private |
    | created | `created_at` (the image's creation_date); absent when zero |
    | deprecated | absent: LXD has none |
    | expires | `expires_at`; absent when LXD writes its "never" (1970-01-01 or 0001-01-01) |
    | labels | `properties` (null: absent) |

    @code
    auto images = api.send(lxd::list_images{});
    for (auto const& img : *images) table.push_back(cloudimg::summarize(img));
    @endcode
*/
inline image_summary summarize(lxd::image const& img)
{
    image_summary s{.provider = "lxd", .id = img.fingerprint};
    if (img.aliases && !img.aliases->empty())
        s.name = detail::text_or_absent(img.aliases->front().name);
    s.description = detail::lxd_property(img.properties, "description");
    s.os = detail::lxd_property(img.properties, "os");
    s.os_version = detail::lxd_property(img.properties, "release");
    s.architecture = detail::text_or_absent(img.architecture);
    s.size_bytes = detail::bytes_or_absent(img.size);
    s.visibility = img.public_ ? image_visibility::public_ : image_visibility::private_;
    s.created = detail::time_or_absent(img.created_at);
    s.expires = detail::time_or_absent(img.expires_at);
    if (img.properties)
        s.labels = *img.properties;
    return s;
}

} // namespace cloudimg

#endif
