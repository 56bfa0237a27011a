// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_BENCHMARKS_PEERS_OPENSTACK_NLOHMANN_HPP
#define CLOUDIMG_BENCHMARKS_PEERS_OPENSTACK_NLOHMANN_HPP

// A Nova page of GET /images/detail through nlohmann::json (see nlohmann_common.hpp).

#include "nlohmann_common.hpp"

#include <cloudimg/json.hpp>
#include <cloudimg/openstack/models.hpp>

namespace peers::nl {

// Strings and null as such; any other value kept as compact JSON, as cloudimg keeps it.
inline void read(json const& j, cloudimg::json::any_value& out, tag)
{
    if (j.is_string())
        out = cloudimg::json::any_value(j.get_ref<json::string_t const&>());
    else if (j.is_null())
        out = {};
    else
        out = *cloudimg::json::decode<cloudimg::json::any_value>(j.dump());
}
inline void read(json const& j, cloudimg::openstack::link& out, tag)
{
    required(j, "href", out.href);
    required(j, "rel", out.rel);
    optional(j, "type", out.type);
}
inline void read(json const& j, cloudimg::openstack::image_server& out, tag)
{
    required(j, "id", out.id);
    required(j, "links", out.links);
}
inline void read(json const& j, cloudimg::openstack::image& out, tag)
{
    optional(j, "OS-DCF:diskConfig", out.disk_config);
    required(j, "OS-EXT-IMG-SIZE:size", out.size);
    required(j, "created", out.created);
    required(j, "id", out.id);
    required(j, "links", out.links);
    required(j, "metadata", out.metadata);
    required(j, "minDisk", out.min_disk);
    required(j, "minRam", out.min_ram);
    required(j, "name", out.name);
    required(j, "progress", out.progress);
    optional(j, "server", out.server);
    required(j, "status", out.status);
    required(j, "updated", out.updated);
}
inline void read(json const& j, cloudimg::openstack::list_images_detail_response& out, tag)
{
    required(j, "images", out.images);
    optional(j, "images_links", out.images_links);
}

} // namespace peers::nl

#endif
