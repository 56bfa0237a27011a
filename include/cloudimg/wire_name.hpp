// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_WIRE_NAME_HPP
#define CLOUDIMG_WIRE_NAME_HPP

// How C++ names map to wire names, for struct members, endpoint parameters and
// enumerators alike: one mechanism serves JSON, query strings and headers.
//
// By default the wire name is the C++ name with one trailing underscore
// removed (`delete_` -> "delete"). A type whose wire names are not valid C++
// identifiers declares, in its own namespace,
//
//     constexpr auto wire_names(image const*)
//     { return std::array{cloudimg::rename{"min_disk", "minDisk"}}; }
//
// which argument-dependent lookup finds.

#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <optional>
#include <string_view>
#include <type_traits>

namespace cloudimg {

/// A C++ name and the name used on the wire for it.
struct rename {
    std::string_view name;
    std::string_view wire;
};

namespace detail {

template <class T>
concept has_wire_names = requires { wire_names(static_cast<T const*>(nullptr)); };

constexpr std::string_view default_wire_name(std::string_view name) noexcept
{
    if (!name.empty() && name.back() == '_')
        name.remove_suffix(1);
    return name;
}

} // namespace detail

/// The wire name of member, parameter or enumerator `name` of type `T`.
template <class T>
constexpr std::string_view wire_name(std::string_view name) noexcept
{
    if constexpr (detail::has_wire_names<T>) {
        for (auto const& r : wire_names(static_cast<T const*>(nullptr)))
            if (r.name == name)
                return r.wire;
    }
    return detail::default_wire_name(name);
}

/// The wire text of a described enumerator.
template <class E>
    requires boost::describe::has_describe_enumerators<E>::value
constexpr std::string_view enum_to_wire(E e) noexcept
{
    std::string_view out;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        if (d.value == e)
            out = wire_name<E>(d.name);
    });
    return out;
}

/// The enumerator whose wire text is `s`, if any.
template <class E>
    requires boost::describe::has_describe_enumerators<E>::value
constexpr std::optional<E> enum_from_wire(std::string_view s) noexcept
{
    std::optional<E> out;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        if (!out && wire_name<E>(d.name) == s)
            out = d.value;
    });
    return out;
}

} // namespace cloudimg

#endif
