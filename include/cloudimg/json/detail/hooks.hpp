// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_DETAIL_HOOKS_HPP
#define CLOUDIMG_JSON_DETAIL_HOOKS_HPP

// Which of the public hooks a type declares (custom_scalar.hpp,
// single_entry.hpp). The families of described.hpp step aside for a type
// that has one, so a described enum or struct may still choose its own form.

#include <cloudimg/error.hpp>

#include <concepts>
#include <string_view>
#include <type_traits>
#include <utility>

namespace cloudimg::json::detail {

// T declares from_json_string and to_json_string.
template <class T>
concept string_scalar = requires(std::string_view text, T& out, T const& v) {
    { from_json_string(text, out) } -> std::same_as<result<void>>;
    { to_json_string(v) } -> std::convertible_to<std::string_view>;
};

template <class T>
using json_integer_t = decltype(to_json_integer(std::declval<T const&>()));

// T declares to_json_integer and from_json_integer, for one integer type.
template <class T>
concept integer_scalar = requires(T& out, T const& v) {
    requires std::is_integral_v<json_integer_t<T>> && !std::is_same_v<json_integer_t<T>, bool>;
    { from_json_integer(to_json_integer(v), out) } -> std::same_as<result<void>>;
};

template <class T>
concept custom_scalar = string_scalar<T> || integer_scalar<T>;

// T declares json_single_entry.
template <class T>
concept single_entry_object = requires { json_single_entry(static_cast<T const*>(nullptr)); };

template <class T>
concept has_json_hook = custom_scalar<T> || single_entry_object<T>;

} // namespace cloudimg::json::detail

#endif
