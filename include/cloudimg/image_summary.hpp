// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_IMAGE_SUMMARY_HPP
#define CLOUDIMG_IMAGE_SUMMARY_HPP

// A provider-neutral view of an image, for inventories across clouds. The
// conversions live with the providers (`cloudimg::summarize(hetzner::image
// const&)` in <cloudimg/hetzner/summary.hpp>, and so on); each documents its
// mapping field by field. The rule they all keep: a field the provider does
// not have is absent, never invented or defaulted.

#include <cloudimg/timestamp.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cloudimg {

/** Where an image stands, in a small set common to all providers. The
    provider's own word is kept next to it (`image_summary::status_text`).

    - `available`: usable for new machines;
    - `pending`: being created, uploaded or saved;
    - `unavailable`: exists but cannot be used now;
    - `deprecated`: usable, but its provider marks it as on its way out;
    - `failed`: its creation failed;
    - `deleted`: deleted or being deleted;
    - `unknown`: the provider says it does not know, or sent a word this version does not know.
*/
enum class image_state { available, pending, unavailable, deprecated, failed, deleted, unknown };
BOOST_DESCRIBE_ENUM(image_state, available, pending, unavailable, deprecated, failed, deleted, unknown)

/** Who can see an image.

    - `public_`: every user of the cloud (Hetzner system and app images, LXD public images);
    - `private_`: one project or account (Hetzner snapshots and backups, Oxide project images, LXD private images);
    - `shared`: a group wider than a project but not everyone (Oxide silo images).
*/
enum class image_visibility { public_, private_, shared };
BOOST_DESCRIBE_ENUM(image_visibility, public_, private_, shared)

/** One image of any provider, in neutral terms. Build it with `summarize`.

    @code
    #include <cloudimg/hetzner/summary.hpp>
    cloudimg::image_summary s = cloudimg::summarize(hetzner_image);
    std::cout << s.provider << ' ' << s.id << ' ' << s.os.value_or("-") << '\n';
    @endcode
*/
struct image_summary {
    std::string provider;                      ///< "hetzner", "lxd", "oxide", "metal", "openstack"
    std::string id;                            ///< as the provider spells it (LXD: the full fingerprint)
    std::optional<std::string> name{};
    std::optional<std::string> description{};
    std::optional<std::string> os{};           ///< OS family as the provider writes it ("debian", "ubuntu")
    std::optional<std::string> os_version{};   ///< as the provider writes it ("12", "24.04")
    std::optional<std::string> architecture{}; ///< as the provider writes it ("x86", "x86_64")
    std::optional<std::uint64_t> size_bytes{}; ///< the image's stored size, converted to bytes
    std::optional<image_state> status{};       ///< the common state
    std::optional<std::string> status_text{};  ///< the provider's own word for it
    std::optional<image_visibility> visibility{};
    std::optional<timestamp> created{};
    std::optional<timestamp> deprecated{};     ///< since when the provider calls it deprecated
    std::optional<timestamp> expires{};        ///< after it, the image is unavailable or removed
    std::optional<std::map<std::string, std::string>> labels{};  ///< labels, properties or metadata
};
BOOST_DESCRIBE_STRUCT(image_summary, (), (provider, id, name, description, os, os_version, architecture, size_bytes,
                                          status, status_text, visibility, created, deprecated, expires, labels))

// ------------------------------------------------------------------ unit conversions

/** Decimal gigabytes (10^9 bytes, the "GB" of Hetzner's spec) as bytes,
    rounded to the nearest byte; nothing for a negative, non-finite or too
    large value.

    @code
    assert(gigabytes_to_bytes(2.3) == 2'300'000'000u);
    assert(!gigabytes_to_bytes(-1));
    @endcode
*/
inline std::optional<std::uint64_t> gigabytes_to_bytes(double gb) noexcept
{
    if (!std::isfinite(gb) || gb < 0)
        return std::nullopt;
    double const bytes = std::round(gb * 1e9);
    if (bytes >= 18446744073709551616.0)  // 2^64
        return std::nullopt;
    return static_cast<std::uint64_t>(bytes);
}

/** Binary gibibytes (2^30 bytes) as bytes; nothing when it overflows 64 bits.

    @code
    assert(gibibytes_to_bytes(2) == 2147483648u);
    @endcode
*/
constexpr std::optional<std::uint64_t> gibibytes_to_bytes(std::uint64_t gib) noexcept
{
    if (gib > (UINT64_MAX >> 30))
        return std::nullopt;
    return gib << 30;
}

/** A byte count for people: "0 B", "285 B", "2.30 GB" (decimal units, three significant digits).

    @code
    assert(format_bytes(2'300'000'000) == "2.30 GB");
    @endcode
*/
inline std::string format_bytes(std::uint64_t bytes)
{
    static constexpr std::array<char const*, 7> units{"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    if (bytes < 1000)
        return std::to_string(bytes) + " B";
    double v = static_cast<double>(bytes);
    std::size_t u = 0;
    while (v >= 999.5 && u + 1 < units.size()) {
        v /= 1000;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    return buf;
}

namespace detail {

/// An empty text means "not given" in every provider's summary.
inline std::optional<std::string> text_or_absent(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    return std::string(s);
}

/// Go servers (LXD, metal-api) write "never" or "not set" as the Unix epoch
/// or Go's zero time (0001-01-01): those, and anything up to the epoch, mean absent.
inline std::optional<timestamp> time_or_absent(timestamp const& t)
{
    if (t.seconds <= std::chrono::sys_seconds{})
        return std::nullopt;
    return t;
}

/// Sizes are signed where the specs say `integer` (LXD, Nova): a negative one is no size.
inline std::optional<std::uint64_t> bytes_or_absent(std::int64_t n)
{
    if (n < 0)
        return std::nullopt;
    return static_cast<std::uint64_t>(n);
}

} // namespace detail

/// The word for a state: "available", "pending", ...
constexpr std::string_view to_string(image_state s) noexcept { return enum_to_wire(s); }

/// The word for a visibility: "public", "private", "shared".
constexpr std::string_view to_string(image_visibility v) noexcept { return enum_to_wire(v); }

} // namespace cloudimg

#endif
