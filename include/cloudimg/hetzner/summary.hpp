// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_SUMMARY_HPP
#define CLOUDIMG_HETZNER_SUMMARY_HPP

#include <cloudimg/hetzner/models.hpp>
#include <cloudimg/image_summary.hpp>

#include <string>

namespace cloudimg {

/** A Hetzner Cloud image in neutral terms. Field by field:

    | summary | from `hetzner::image` |
    |---|---|
    | provider | "hetzner" |
    | id | `id`, in decimal |
    | name | `name` (null for snapshots and backups: absent) |
    | description | `description` (empty: absent) |
    | os | `os_flavor` ("ubuntu", "debian", ...); absent when Hetzner says "unknown" |
    | os_version | `os_version` (null: absent) |
    | architecture | `architecture` as written: "x86" or "arm" |
    | size_bytes | `image_size` (GB, decimal: × 10^9, rounded); null (system images) stays absent. `disk_size` is the disk a server made from it needs, not the image's size, and is not used |
    | status | `status`: available → available, creating → pending, unavailable → unavailable, any other word → unknown |
    | status_text | `status` as written |
    | visibility | `type`: system and app images are offered to every project (public), snapshots and backups belong to one project (private); a type this version does not know: absent |
    | created | `created` |
    | deprecated | `deprecated`, or else `deprecation.announced` (the newer spec) |
    | expires | `deprecation.unavailable_after` |
    | labels | `labels` (always present, maybe empty) |

    @code
    for (auto const& img : page.images) table.push_back(cloudimg::summarize(img));
    @endcode
*/
inline image_summary summarize(hetzner::image const& img)
{
    image_summary s{.provider = "hetzner", .id = std::to_string(img.id)};
    if (img.name)
        s.name = *img.name;
    s.description = detail::text_or_absent(img.description);
    if (img.os_flavor != hetzner::os_flavor::unknown)
        s.os = detail::text_or_absent(img.os_flavor.wire());
    if (img.os_version)
        s.os_version = *img.os_version;
    s.architecture = detail::text_or_absent(img.architecture.wire());
    if (img.image_size)
        s.size_bytes = gigabytes_to_bytes(*img.image_size);
    if (auto st = img.status.known()) {
        switch (*st) {
        case hetzner::image_status::available: s.status = image_state::available; break;
        case hetzner::image_status::creating: s.status = image_state::pending; break;
        case hetzner::image_status::unavailable: s.status = image_state::unavailable; break;
        }
    } else {
        s.status = image_state::unknown;
    }
    s.status_text = std::string(img.status.wire());
    if (auto t = img.type.known()) {
        bool const everyone = *t == hetzner::image_type::system || *t == hetzner::image_type::app;
        s.visibility = everyone ? image_visibility::public_ : image_visibility::private_;
    }
    s.created = img.created;
    if (img.deprecated)
        s.deprecated = *img.deprecated;
    else if (img.deprecation)
        s.deprecated = img.deprecation->announced;
    if (img.deprecation)
        s.expires = img.deprecation->unavailable_after;
    s.labels = img.labels;
    return s;
}

} // namespace cloudimg

#endif
