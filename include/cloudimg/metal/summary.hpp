// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_METAL_SUMMARY_HPP
#define CLOUDIMG_METAL_SUMMARY_HPP

#include <cloudimg/image_summary.hpp>
#include <cloudimg/metal/image_id.hpp>
#include <cloudimg/metal/models.hpp>

#include <string>

namespace cloudimg {

/** A metal-stack image in neutral terms. Field by field:

    | summary | from `metal::image` |
    |---|---|
    | provider | "metal" |
    | id | `id` ("ubuntu-24.04.20260301") |
    | name | `name` (absent or empty: absent) |
    | description | `description` (absent or empty: absent) |
    | os, os_version | the id's `<os>-<version>` parts (`metal::parse_image_id`); both absent when the id does not have that form |
    | architecture | absent: metal-stack images have none |
    | size_bytes | absent: metal-stack does not report a size |
    | status | `classification`: supported → available, preview → available (handed out, not yet supported), deprecated → deprecated, any other word → unknown; absent when the server sends none |
    | status_text | `classification` as written |
    | visibility | absent: every image is offered to every tenant of the partition's metal-api |
    | created | `created`; absent when Go's zero time |
    | deprecated | absent: the classification says deprecated but not since when |
    | expires | `expirationDate`, absent when Go's zero time (after it, metal-api no longer hands the image out for new machines) |
    | labels | absent: metal-stack images have none (`features` stay in `metal::image`) |

    @code
    auto images = api.send(metal::list_images{});
    for (auto const& img : *images) table.push_back(cloudimg::summarize(img));
    @endcode
*/
inline image_summary summarize(metal::image const& img)
{
    image_summary s{.provider = "metal", .id = img.id};
    if (img.name)
        s.name = detail::text_or_absent(*img.name);
    if (img.description)
        s.description = detail::text_or_absent(*img.description);
    if (auto parsed = metal::parse_image_id(img.id)) {
        s.os = std::move(parsed->os);
        s.os_version = std::move(parsed->version);
    }
    if (img.classification) {
        if (auto c = img.classification->known()) {
            switch (*c) {
            case metal::image_classification::preview:
            case metal::image_classification::supported: s.status = image_state::available; break;
            case metal::image_classification::deprecated: s.status = image_state::deprecated; break;
            }
        } else {
            s.status = image_state::unknown;
        }
        s.status_text = std::string(img.classification->wire());
    }
    if (img.created)
        s.created = detail::time_or_absent(*img.created);
    s.expires = detail::time_or_absent(img.expiration_date);
    return s;
}

} // namespace cloudimg

#endif
