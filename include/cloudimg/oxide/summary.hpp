// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OXIDE_SUMMARY_HPP
#define CLOUDIMG_OXIDE_SUMMARY_HPP

#include <cloudimg/image_summary.hpp>
#include <cloudimg/oxide/models.hpp>

namespace cloudimg {

/** An Oxide image in neutral terms. Field by field:

    | summary | from `oxide::image` |
    |---|---|
    | provider | "oxide" |
    | id | `id`, the UUID as the server wrote it |
    | name | `name` |
    | description | `description` (empty: absent) |
    | os | `os` (empty: absent) |
    | os_version | `version` (empty: absent) |
    | architecture | absent: Oxide images have none |
    | size_bytes | `size` (bytes) |
    | status, status_text | absent: Oxide images have none (an image exists once its snapshot is copied) |
    | visibility | `project_id` present → private (a project image); absent → shared (a silo image, seen by every project of the silo) |
    | created | `time_created` |
    | deprecated, expires, labels | absent: Oxide has none |

    @code
    for (auto const& img : page.items) table.push_back(cloudimg::summarize(img));
    @endcode
*/
inline image_summary summarize(oxide::image const& img)
{
    image_summary s{.provider = "oxide", .id = img.id.text()};
    s.name = detail::text_or_absent(img.name);
    s.description = detail::text_or_absent(img.description);
    s.os = detail::text_or_absent(img.os);
    s.os_version = detail::text_or_absent(img.version);
    s.size_bytes = img.size;
    s.visibility = img.project_id ? image_visibility::private_ : image_visibility::shared;
    s.created = img.time_created;
    return s;
}

} // namespace cloudimg

#endif
