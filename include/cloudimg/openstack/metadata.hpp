// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSTACK_METADATA_HPP
#define CLOUDIMG_OPENSTACK_METADATA_HPP

// The rules Nova's request schemas (image_metadata.py) set for the metadata
// a client sends: keys match ^[a-zA-Z0-9-_:. ]{1,255}$, values are strings
// of at most 255 characters. Checked here so a bad item is refused locally,
// with its key named, instead of a 400 from the server.

#include <cloudimg/detail/quote.hpp>
#include <cloudimg/detail/text.hpp>
#include <cloudimg/error.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cloudimg::openstack {

/// The longest metadata key and value Nova accepts, in characters.
inline constexpr std::size_t max_metadata_length = 255;

namespace detail {

constexpr bool is_metadata_key_char(char c) noexcept
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == ':' || c == '.' || c == ' ';
}

// JSON Schema's maxLength counts characters, and the server's JSON parser
// refuses invalid UTF-8: one check for both (shared with every JSON encoder).
using cloudimg::detail::utf8_length;

} // namespace detail

/** True if Nova accepts `key` as a metadata key: 1 to 255 of ASCII letters,
    digits, '-', '_', ':', '.' and space.

    @code
    openstack::is_metadata_key("hw_disk_bus");   // true
    openstack::is_metadata_key("os/distro");     // false
    @endcode
*/
constexpr bool is_metadata_key(std::string_view key) noexcept
{
    if (key.empty() || key.size() > max_metadata_length)
        return false;
    for (char c : key)
        if (!detail::is_metadata_key_char(c))
            return false;
    return true;
}

/** Check one metadata key; the error (`error::invalid_argument`) quotes it and says which rule it breaks.

    @code
    auto ok = openstack::check_metadata_key("os/distro");
    // metadata key "os/distro" holds "/" at position 2; a key has only ASCII letters, digits, '-', '_', ':', '.' and ' '
    @endcode
*/
inline result<void> check_metadata_key(std::string_view key)
{
    std::string const q = "metadata key " + cloudimg::detail::quote(key);
    if (key.empty())
        return make_failure(error::invalid_argument, "a metadata key is empty; a key has 1 to 255 characters");
    if (key.size() > max_metadata_length)
        return make_failure(error::invalid_argument,
                            q + " is " + std::to_string(key.size()) + " characters long; a key has at most 255");
    for (std::size_t i = 0; i < key.size(); ++i)
        if (!detail::is_metadata_key_char(key[i]))
            return make_failure(error::invalid_argument,
                                q + " holds " + cloudimg::detail::quote(key.substr(i, 1)) + " at position " +
                                    std::to_string(i) + "; a key has only ASCII letters, digits, '-', '_', ':', '.' and ' '");
    return {};
}

/** Check one metadata item: its key, and its value (valid UTF-8, at most 255
    characters). The value is never quoted in the error: it may be private.

    @code
    auto ok = openstack::check_metadata_item("os_distro", "debian");
    @endcode
*/
inline result<void> check_metadata_item(std::string_view key, std::string_view value)
{
    if (auto ok = check_metadata_key(key); !ok)
        return ok;
    auto const length = detail::utf8_length(value);
    if (!length)
        return make_failure(error::invalid_argument,
                            "the value of metadata key " + cloudimg::detail::quote(key) + " is not valid UTF-8");
    if (*length > max_metadata_length)
        return make_failure(error::invalid_argument, "the value of metadata key " + cloudimg::detail::quote(key) +
                                                         " has " + std::to_string(*length) +
                                                         " characters; a value has at most 255");
    return {};
}

/** Check every item of a metadata map, stopping at the first bad one.

    @code
    auto ok = openstack::check_metadata({{"os_distro", "debian"}, {"os_version", "12"}});
    @endcode
*/
inline result<void> check_metadata(std::map<std::string, std::string> const& metadata)
{
    for (auto const& [key, value] : metadata)
        if (auto ok = check_metadata_item(key, value); !ok)
            return ok;
    return {};
}

} // namespace cloudimg::openstack

#endif
