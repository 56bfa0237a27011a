// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_BENCHMARKS_PEERS_LXD_NLOHMANN_HPP
#define CLOUDIMG_BENCHMARKS_PEERS_LXD_NLOHMANN_HPP

// An LXD answer to GET /1.0/images?recursion=1 through nlohmann::json (see
// nlohmann_common.hpp): the sync envelope checked, its metadata converted.

#include "nlohmann_common.hpp"

#include <cloudimg/lxd/models.hpp>

namespace peers::nl {

inline void read(json const& j, cloudimg::lxd::image_alias& out, tag)
{
    required(j, "name", out.name);
    optional(j, "description", out.description);
}
inline void read(json const& j, cloudimg::lxd::image_source& out, tag)
{
    required(j, "alias", out.alias);
    required(j, "certificate", out.certificate);
    required(j, "protocol", out.protocol);
    required(j, "server", out.server);
    optional(j, "image_type", out.image_type);
    optional(j, "image_registry", out.image_registry);
}
inline void read(json const& j, cloudimg::lxd::image& out, tag)
{
    optional(j, "aliases", out.aliases);
    required(j, "architecture", out.architecture);
    required(j, "auto_update", out.auto_update);
    required(j, "cached", out.cached);
    required(j, "created_at", out.created_at);
    required(j, "expires_at", out.expires_at);
    required(j, "filename", out.filename);
    required(j, "fingerprint", out.fingerprint);
    required(j, "last_used_at", out.last_used_at);
    optional(j, "profiles", out.profiles);
    optional(j, "properties", out.properties);
    required(j, "public", out.public_);
    required(j, "size", out.size);
    required(j, "type", out.type);
    optional(j, "update_source", out.update_source);
    required(j, "uploaded_at", out.uploaded_at);
    optional(j, "project", out.project);
    optional(j, "release_codename", out.release_codename);
    optional(j, "release_title", out.release_title);
    optional(j, "access_entitlements", out.access_entitlements);
}

/// The images of a sync envelope; anything but "type": "sync" is an error.
inline void read(json const& j, std::vector<cloudimg::lxd::image>& out, tag)
{
    if (j.at("type").get_ref<json::string_t const&>() != "sync")
        throw std::invalid_argument("not a sync answer");
    read_items(j.at("metadata"), out);
}

} // namespace peers::nl

#endif
