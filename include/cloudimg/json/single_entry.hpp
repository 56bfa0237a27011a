// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_SINGLE_ENTRY_HPP
#define CLOUDIMG_JSON_SINGLE_ENTRY_HPP

// Objects of one entry whose key is data, `{"<key>": value}`: OpenStack's
// error bodies (`{"itemNotFound": {...}}`), serde's externally tagged enums.

#include <cloudimg/error.hpp>
#include <cloudimg/json/described.hpp>
#include <cloudimg/json/detail/frame.hpp>
#include <cloudimg/json/detail/hooks.hpp>
#include <cloudimg/json/detail/ops.hpp>
#include <cloudimg/json/fwd.hpp>
#include <cloudimg/json/scalars.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/describe/enum.hpp>

#include <string>
#include <string_view>
#include <type_traits>

namespace cloudimg::json {

/** The two members of a type `T` that travels as a JSON object of one entry,
    `{"<key>": value}`: the member the key decodes into, and the member the
    value decodes into.

    A type declares them with the hook `json_single_entry(T const*)`, found by
    argument-dependent lookup like `wire_names`. The key is a `std::string`,
    an `open_enum` or a described enum; the value any type the JSON layer
    reads. Decoding takes the first entry and skips later ones (servers that
    add keys stay readable); an empty object is `error::missing_field`; a bad
    value's path starts with its key (`itemNotFound.code`). Encoding writes the
    one entry.

    @code
    struct error_response {
        open_enum<fault_name> name;
        openstack::fault fault;
    };
    constexpr auto json_single_entry(error_response const*) noexcept
    {
        return json::single_entry{&error_response::name, &error_response::fault};
    }
    auto e = json::decode<error_response>(R"({"itemNotFound":{"code":404,"message":"gone"}})");
    @endcode
*/
template <class T, class Key, class Value>
struct single_entry {
    using key_type = Key;
    using value_type = Value;

    Key T::*key;
    Value T::*value;
};

template <class T, class Key, class Value>
single_entry(Key T::*, Value T::*) -> single_entry<T, Key, Value>;

namespace detail {

// The decoded key as text that lives as long as the object: it names the
// value in error paths, after the parser's key buffer is gone.
template <class K>
std::string_view key_text(K const& key) noexcept
{
    if constexpr (std::is_same_v<K, std::string>)
        return key;
    else if constexpr (is_open_enum<K>::value)
        return key.wire();
    else
        return enum_to_wire(key);
}

} // namespace detail

/// Types with a `json_single_entry` hook: see `single_entry`.
template <class T>
struct json_traits<T, std::enable_if_t<detail::single_entry_object<T>>> {
    static constexpr auto entry = json_single_entry(static_cast<T const*>(nullptr));
    using key_type = typename decltype(entry)::key_type;
    using value_type = typename decltype(entry)::value_type;
    static_assert(std::is_same_v<key_type, std::string> || is_open_enum<key_type>::value ||
                      boost::describe::has_describe_enumerators<key_type>::value,
                  "the key of a single-entry object is a std::string, an open_enum or a described enum");

    static constexpr std::string_view expected = "object of one entry";

    static bool on_begin_object(detail::context&, detail::frame& f)
    {
        f.state = detail::frame_state::object;
        f.seen = 0;
        return true;
    }
    static bool on_key(detail::context& c, detail::frame& f, std::string_view k)
    {
        if (f.seen != 0)
            return c.push(&detail::skip_ops, nullptr, {}, detail::no_index);
        f.seen = 1;
        T& self = *static_cast<T*>(f.target);
        key_type& key = self.*entry.key;
        // The key decodes like a JSON string of its type, in a frame its handler pops.
        if (!c.push(&detail::ops_for<key_type>, &key, {}, detail::no_index) ||
            !json_traits<key_type>::on_string(c, c.stack.back(), k))
            return false;
        return c.push(&detail::ops_for<value_type>, &(self.*entry.value), detail::key_text(key), detail::no_index);
    }
    static bool on_end_object(detail::context& c, detail::frame& f)
    {
        if (f.seen == 0)
            return c.fail(error::missing_field, "the object has no entry: expected {\"<key>\": value}");
        c.pop();
        return true;
    }
    static void encode(std::string& out, T const& v)
    {
        out += '{';
        json_traits<key_type>::encode(out, v.*entry.key);
        out += ':';
        json_traits<value_type>::encode(out, v.*entry.value);
        out += '}';
    }
};

} // namespace cloudimg::json

#endif
