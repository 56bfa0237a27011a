// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_BENCHMARKS_PEERS_HETZNER_NLOHMANN_HPP
#define CLOUDIMG_BENCHMARKS_PEERS_HETZNER_NLOHMANN_HPP

// A Hetzner page of images through nlohmann::json (see nlohmann_common.hpp).

#include "nlohmann_common.hpp"

#include <cloudimg/hetzner/models.hpp>

namespace peers::nl {

inline void read(json const& j, cloudimg::hetzner::created_from_info& out, tag)
{
    required(j, "id", out.id);
    required(j, "name", out.name);
}
inline void read(json const& j, cloudimg::hetzner::protection_info& out, tag) { required(j, "delete", out.delete_); }
inline void read(json const& j, cloudimg::hetzner::deprecation_info& out, tag)
{
    required(j, "unavailable_after", out.unavailable_after);
    required(j, "announced", out.announced);
}
inline void read(json const& j, cloudimg::hetzner::image& out, tag)
{
    required(j, "id", out.id);
    required(j, "type", out.type);
    required(j, "status", out.status);
    required(j, "name", out.name);
    required(j, "description", out.description);
    required(j, "image_size", out.image_size);
    required(j, "disk_size", out.disk_size);
    required(j, "created", out.created);
    required(j, "created_from", out.created_from);
    required(j, "bound_to", out.bound_to);
    required(j, "os_flavor", out.os_flavor);
    required(j, "os_version", out.os_version);
    optional(j, "rapid_deploy", out.rapid_deploy);
    required(j, "protection", out.protection);
    required(j, "deprecated", out.deprecated);
    required(j, "deleted", out.deleted);
    required(j, "labels", out.labels);
    required(j, "architecture", out.architecture);
    optional(j, "deprecation", out.deprecation);
}
inline void read(json const& j, cloudimg::hetzner::pagination_info& out, tag)
{
    required(j, "page", out.page);
    required(j, "per_page", out.per_page);
    required(j, "previous_page", out.previous_page);
    required(j, "next_page", out.next_page);
    required(j, "last_page", out.last_page);
    required(j, "total_entries", out.total_entries);
}
inline void read(json const& j, cloudimg::hetzner::list_images_response& out, tag)
{
    required(j, "images", out.images);
    required(j.at("meta"), "pagination", out.meta.pagination);
}

} // namespace peers::nl

#endif
