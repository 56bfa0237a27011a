// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_BENCHMARKS_PEERS_NLOHMANN_COMMON_HPP
#define CLOUDIMG_BENCHMARKS_PEERS_NLOHMANN_COMMON_HPP

// How openapi-generator's C++ clients decode: nlohmann::json::parse into a
// DOM, then a conversion into the structs. These are the conversions every
// provider's peer shares, with cloudimg's checks: required keys (at()
// throws), nullable and optional members, open enums, RFC 3339 timestamps,
// exact integer types. Each provider's peer adds `read` for its structs.
//
// Every `read` takes a `tag` last, so the templates below find the overloads
// declared after them (by argument-dependent lookup in this namespace).

#include <cloudimg/nullable.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/timestamp.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace peers::nl {

using nlohmann::json;
struct tag {};

inline void read(json const& j, std::string& out, tag) { out = j.get_ref<json::string_t const&>(); }
inline void read(json const& j, bool& out, tag) { out = j.get<bool>(); }
template <class Int>
    requires std::is_integral_v<Int>
void read(json const& j, Int& out, tag)
{
    // get<Int>() would convert a double or wrap an out-of-range value; cloudimg refuses both
    if (j.is_number_unsigned()) {
        auto const v = j.get<std::uint64_t>();
        if (!std::in_range<Int>(v))
            throw std::out_of_range("integer out of range");
        out = static_cast<Int>(v);
    } else if (j.is_number_integer()) {
        auto const v = j.get<std::int64_t>();
        if (!std::in_range<Int>(v))
            throw std::out_of_range("integer out of range");
        out = static_cast<Int>(v);
    } else {
        throw std::invalid_argument("not an integer");
    }
}
inline void read(json const& j, double& out, tag)
{
    if (!j.is_number())
        throw std::invalid_argument("not a number");
    out = j.get<double>();
}
inline void read(json const& j, cloudimg::timestamp& out, tag)
{
    auto t = cloudimg::parse_timestamp(j.get_ref<json::string_t const&>());
    if (!t)
        throw std::invalid_argument("not an RFC 3339 timestamp");
    out = *t;
}
template <class E>
void read(json const& j, cloudimg::open_enum<E>& out, tag)
{
    out = cloudimg::open_enum<E>::from_wire(j.get_ref<json::string_t const&>());
}
template <class T>
void read(json const& j, cloudimg::nullable<T>& out, tag)
{
    if (j.is_null())
        out.reset();
    else
        read(j, out.emplace(), tag{});
}
/// The items of an array, each converted; a provider's peer calls it for an array inside an envelope.
template <class T>
void read_items(json const& j, std::vector<T>& out)
{
    if (!j.is_array())
        throw std::invalid_argument("not an array");
    out.reserve(j.size());
    for (auto const& item : j)
        read(item, out.emplace_back(), tag{});
}
template <class T>
void read(json const& j, std::vector<T>& out, tag)
{
    read_items(j, out);
}
template <class T>
void read(json const& j, std::map<std::string, T>& out, tag)
{
    if (!j.is_object())
        throw std::invalid_argument("not an object");
    for (auto const& [k, v] : j.items())
        read(v, out[k], tag{});
}

// A required key, and an optional one (absent or null: empty).
template <class T>
void required(json const& j, char const* key, T& out)
{
    read(j.at(key), out, tag{});
}
template <class T>
void optional(json const& j, char const* key, std::optional<T>& out)
{
    auto it = j.find(key);
    if (it != j.end() && !it->is_null())
        read(*it, out.emplace(), tag{});
}

/// Parse and convert; false on any error (nlohmann reports them as exceptions).
template <class T>
bool decode(std::string_view text, T& out)
{
    try {
        read(json::parse(text), out, tag{});
        return true;
    } catch (std::exception const&) {
        return false;
    }
}

} // namespace peers::nl

#endif
