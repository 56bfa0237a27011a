// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_BENCHMARKS_PEERS_HETZNER_NLOHMANN_HPP
#define CLOUDIMG_BENCHMARKS_PEERS_HETZNER_NLOHMANN_HPP

// How openapi-generator's C++ clients decode: nlohmann::json::parse into a
// DOM, then from_json into the structs. Same structs and checks as cloudimg:
// required keys (at() throws), nullable and optional members, open enums,
// RFC 3339 timestamps.

#include <cloudimg/hetzner/models.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace peers::nl {

using nlohmann::json;

// The structs' conversions are defined below; declared first for the templates.
void read(json const& j, cloudimg::hetzner::created_from_info& out);
void read(json const& j, cloudimg::hetzner::protection_info& out);
void read(json const& j, cloudimg::hetzner::deprecation_info& out);
void read(json const& j, cloudimg::hetzner::pagination_info& out);

inline void read(json const& j, std::string& out) { out = j.get_ref<json::string_t const&>(); }
inline void read(json const& j, std::int64_t& out) { out = j.get<std::int64_t>(); }
inline void read(json const& j, bool& out) { out = j.get<bool>(); }
inline void read(json const& j, double& out)
{
    if (!j.is_number())
        throw std::invalid_argument("not a number");
    out = j.get<double>();
}
inline void read(json const& j, cloudimg::timestamp& out)
{
    auto t = cloudimg::parse_timestamp(j.get_ref<json::string_t const&>());
    if (!t)
        throw std::invalid_argument("not an RFC 3339 timestamp");
    out = *t;
}
template <class E>
void read(json const& j, cloudimg::open_enum<E>& out)
{
    out = cloudimg::open_enum<E>::from_wire(j.get_ref<json::string_t const&>());
}
template <class T>
void read(json const& j, cloudimg::nullable<T>& out)
{
    if (j.is_null())
        out.reset();
    else
        read(j, out.emplace());
}
inline void read(json const& j, std::map<std::string, std::string>& out)
{
    for (auto const& [k, v] : j.items())
        out.emplace(k, v.get_ref<json::string_t const&>());
}

// A required key, and an optional one (absent or null: empty).
template <class T>
void required(json const& j, char const* key, T& out)
{
    read(j.at(key), out);
}
template <class T>
void optional(json const& j, char const* key, std::optional<T>& out)
{
    auto it = j.find(key);
    if (it != j.end() && !it->is_null())
        read(*it, out.emplace());
}

inline void read(json const& j, cloudimg::hetzner::created_from_info& out)
{
    required(j, "id", out.id);
    required(j, "name", out.name);
}
inline void read(json const& j, cloudimg::hetzner::protection_info& out) { required(j, "delete", out.delete_); }
inline void read(json const& j, cloudimg::hetzner::deprecation_info& out)
{
    required(j, "unavailable_after", out.unavailable_after);
    required(j, "announced", out.announced);
}
inline void read(json const& j, cloudimg::hetzner::image& out)
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
inline void read(json const& j, cloudimg::hetzner::pagination_info& out)
{
    required(j, "page", out.page);
    required(j, "per_page", out.per_page);
    required(j, "previous_page", out.previous_page);
    required(j, "next_page", out.next_page);
    required(j, "last_page", out.last_page);
    required(j, "total_entries", out.total_entries);
}
inline void read(json const& j, cloudimg::hetzner::list_images_response& out)
{
    auto const& images = j.at("images");
    if (!images.is_array())
        throw std::invalid_argument("images is not an array");
    out.images.reserve(images.size());
    for (auto const& i : images)
        read(i, out.images.emplace_back());
    required(j.at("meta"), "pagination", out.meta.pagination);
}

/// Parse and convert; false on any error (nlohmann reports them as exceptions).
inline bool decode(std::string_view text, cloudimg::hetzner::list_images_response& page)
{
    try {
        read(json::parse(text), page);
        return true;
    } catch (std::exception const&) {
        return false;
    }
}

} // namespace peers::nl

#endif
