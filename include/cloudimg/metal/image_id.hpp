// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_METAL_IMAGE_ID_HPP
#define CLOUDIMG_METAL_IMAGE_ID_HPP

// metal-stack image ids: `<os>-<major>.<minor>[.<patch>]`.
//
// The id is split on its LAST '-': everything before is the OS (it may hold
// dashes itself), everything after is the version. The patch is by
// convention a date, so it can be long: `ubuntu-20.04.20200502`,
// `ubuntu-small-20.04.20200502` (OS "ubuntu-small").
//
// How `/v1/image/{id}/latest` and `/v1/image/{id}/query` read an id
// (metal-api datastore `getMostRecentImageFor`, `getImagesFor`):
//
// - the OS must be equal, as a whole string;
// - a patch greater than 0 asks for exactly that version: `ubuntu-20.04.20200502`
//   selects only 20.04.20200502 (semver constraint `=20.4.20200502`);
// - otherwise the id is a prefix: `ubuntu-20.04` (and `ubuntu-20.04.0`) select
//   every 20.04.x (constraint `~20.4.0`: at least 20.4.0, below 20.5.0);
//   `/latest` answers the newest of them, `/query` all of them.
//
// Version parts are numbers: `20.04` and `20.4` are the same version.
// metal-lib parses the version with a lenient semver parser that also takes a
// leading `v`, a major number alone (`ubuntu-20`) and `+build` metadata;
// `parse_image_id` accepts only the documented form above, the one metal-lib's
// own error message asks for, and also refuses an empty OS.

#include <cloudimg/error.hpp>

#include <charconv>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cloudimg::metal {

/// A parsed image id. Build it with `parse_image_id`.
struct image_id {
    std::string os;                      ///< before the last '-': "ubuntu", "ubuntu-small"
    std::string version;                 ///< after it, as written: "20.04", "20.04.20200502"
    std::uint64_t major = 0;
    std::uint64_t minor = 0;
    std::optional<std::uint64_t> patch;  ///< absent in "ubuntu-20.04"

    /** Whether the id names one exact version (its patch is above 0) rather than a major.minor series.

        @code
        parse_image_id("ubuntu-20.04.20200502")->is_exact();  // true
        parse_image_id("ubuntu-20.04")->is_exact();           // false
        @endcode
    */
    bool is_exact() const noexcept { return patch.value_or(0) > 0; }

    /** Whether metal-api's `/latest` and `/query` select the image `candidate` for this id.

        @code
        auto want = parse_image_id("ubuntu-20.04");
        want->selects(*parse_image_id("ubuntu-20.04.20200502"));  // true
        want->selects(*parse_image_id("ubuntu-20.10.20201022"));  // false: another minor
        want->selects(*parse_image_id("ubuntu-small-20.04.1"));   // false: another OS
        @endcode
    */
    bool selects(image_id const& candidate) const noexcept
    {
        if (candidate.os != os || candidate.major != major || candidate.minor != minor)
            return false;
        return !is_exact() || candidate.patch.value_or(0) == *patch;
    }

    /** The id as written: os + '-' + version.

        @code
        parse_image_id("ubuntu-20.04")->to_string();  // "ubuntu-20.04", not "ubuntu-20.4"
        @endcode
    */
    std::string to_string() const { return os + '-' + version; }

    friend bool operator==(image_id const&, image_id const&) = default;
};

/** Order two ids by version (major, minor, then patch, an absent patch being 0), as metal-api
    sorts the images of one OS; the OS is not compared.

    @code
    compare_versions(*parse_image_id("ubuntu-20.04.2"), *parse_image_id("ubuntu-20.4.10")) < 0;  // true
    @endcode
*/
inline std::strong_ordering compare_versions(image_id const& a, image_id const& b) noexcept
{
    if (auto c = a.major <=> b.major; c != 0)
        return c;
    if (auto c = a.minor <=> b.minor; c != 0)
        return c;
    return a.patch.value_or(0) <=> b.patch.value_or(0);
}

namespace detail {

// One version part: decimal digits only (leading zeros allowed, "04"), fitting 64 bits.
inline bool parse_version_part(std::string_view s, std::uint64_t& out) noexcept
{
    if (s.empty())
        return false;
    auto const r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc{} && r.ptr == s.data() + s.size();
}

} // namespace detail

/** Parse and validate an image id of the form `<os>-<major>.<minor>[.<patch>]`.

    Fails with `error::invalid_argument` and a message that quotes the id when
    there is no '-', the OS is empty, or the version is not two or three
    dot-separated decimal numbers.

    @code
    auto id = metal::parse_image_id("ubuntu-small-20.04.20200502");
    // id->os == "ubuntu-small", id->major == 20, id->minor == 4, id->patch == 20200502
    @endcode
*/
inline result<image_id> parse_image_id(std::string_view text)
{
    auto fail = [&](std::string_view why) {
        return make_failure(error::invalid_argument,
                            "image id \"" + std::string(text.substr(0, 256)) + "\" " + std::string(why) +
                                "; expected <os>-<major>.<minor>[.<patch>], e.g. ubuntu-20.04.20200502");
    };
    auto const dash = text.rfind('-');
    if (dash == std::string_view::npos)
        return fail("has no '-' before a version");
    if (dash == 0)
        return fail("has no OS before the '-'");
    image_id id;
    id.os.assign(text.substr(0, dash));
    id.version.assign(text.substr(dash + 1));

    std::string_view rest = id.version;
    std::uint64_t parts[3] = {};
    std::size_t n = 0;
    while (true) {
        auto const dot = rest.find('.');
        if (n == 3 || !detail::parse_version_part(rest.substr(0, dot), parts[n]))
            return fail("has a version that is not <major>.<minor>[.<patch>] in decimal numbers of 64 bits");
        ++n;
        if (dot == std::string_view::npos)
            break;
        rest.remove_prefix(dot + 1);
    }
    if (n < 2)
        return fail("has no minor version");
    id.major = parts[0];
    id.minor = parts[1];
    if (n == 3)
        id.patch = parts[2];
    return id;
}

} // namespace cloudimg::metal

#endif
