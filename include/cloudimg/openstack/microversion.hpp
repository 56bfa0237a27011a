// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSTACK_MICROVERSION_HPP
#define CLOUDIMG_OPENSTACK_MICROVERSION_HPP

// Nova's API microversions. A request names one with
// `X-OpenStack-Nova-API-Version: 2.35` and `OpenStack-API-Version: compute 2.35`;
// without them the server uses 2.1. The images proxy was removed in 2.36 and
// the image metadata calls in 2.39: from those versions on Nova answers 404,
// so cloudimg refuses such a request before it is built.

#include <cloudimg/detail/quote.hpp>
#include <cloudimg/error.hpp>

#include <charconv>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace cloudimg::openstack {

/// A Nova API microversion, `major.minor`: 2.1 to 2.35 for the images proxy.
struct microversion {
    std::uint32_t major = 2;
    std::uint32_t minor = 1;

    friend constexpr auto operator<=>(microversion const&, microversion const&) = default;
};

/// The first microversion of the v2.1 API, which a request without a version header gets.
inline constexpr microversion min_microversion{2, 1};
/// The last microversion with `GET /images`, `/images/detail`, `GET` and `DELETE /images/{image_id}`.
inline constexpr microversion images_max_microversion{2, 35};
/// The last microversion with the six `/images/{image_id}/metadata` calls.
inline constexpr microversion image_metadata_max_microversion{2, 38};

/** `major.minor` in decimal, as the version headers carry it.

    @code
    assert(openstack::to_string(openstack::images_max_microversion) == "2.35");
    @endcode
*/
inline std::string to_string(microversion v)
{
    return std::to_string(v.major) + '.' + std::to_string(v.minor);
}

namespace detail {

// A version number as Nova's APIVersionRequest reads it: digits without a
// leading zero (a lone 0 is allowed), so "2.05" is as malformed as "2.x".
inline bool parse_version_number(std::string_view s, std::uint32_t& out) noexcept
{
    if (s.empty() || (s.size() > 1 && s[0] == '0'))
        return false;
    auto const r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc{} && r.ptr == s.data() + s.size();
}

} // namespace detail

/** Parse `X.Y` as Nova does (`^([1-9]\d*)\.([1-9]\d*|0)$`).

    `latest` is refused: it means the server's newest microversion, which on
    any Nova since 2016 (Newton, 2.38) has no images proxy at all. The error
    (`error::invalid_argument`) quotes the text.

    @code
    auto v = openstack::parse_microversion("2.35");  // {2, 35}
    @endcode
*/
inline result<microversion> parse_microversion(std::string_view text)
{
    if (text == "latest")
        return make_failure(error::invalid_argument,
                            "microversion \"latest\" asks for the server's newest microversion, which has no images "
                            "proxy (Nova removed it in 2.36, the image metadata calls in 2.39): name one, e.g. \"2.35\"");
    auto const dot = text.find('.');
    microversion v;
    if (dot == std::string_view::npos || !detail::parse_version_number(text.substr(0, dot), v.major) ||
        !detail::parse_version_number(text.substr(dot + 1), v.minor))
        return make_failure(error::invalid_argument, "microversion " + cloudimg::detail::quote(text) +
                                                         " is not of the form X.Y in decimal without leading zeros, e.g. \"2.35\"");
    return v;
}

/** Check that `text` names a microversion from 2.1 up to `last`, the last one
    that has the call `what`; the error says which bound it breaks and what the server would answer.

    @code
    auto v = openstack::check_microversion("2.36", openstack::images_max_microversion, "GET /images");
    // invalid_argument: microversion 2.36 is above 2.35, the last microversion with GET /images; ...
    @endcode
*/
inline result<microversion> check_microversion(std::string_view text, microversion last, std::string_view what)
{
    auto v = parse_microversion(text);
    if (!v)
        return v;
    if (*v < min_microversion)
        return make_failure(error::invalid_argument, "microversion " + to_string(*v) + " is below " +
                                                         to_string(min_microversion) +
                                                         ", the first of the v2.1 API: Nova answers 406");
    if (*v > last)
        return make_failure(error::invalid_argument,
                            "microversion " + to_string(*v) + " is above " + to_string(last) +
                                ", the last microversion with " + std::string(what) + ": Nova answers 404 from " +
                                to_string(microversion{last.major, last.minor + 1}) +
                                " on; ask for at most " + to_string(last) + ", or for none (2.1)");
    return v;
}

} // namespace cloudimg::openstack

#endif
