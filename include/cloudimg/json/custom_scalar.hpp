// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_CUSTOM_SCALAR_HPP
#define CLOUDIMG_JSON_CUSTOM_SCALAR_HPP

// Types of your own that travel as a JSON string or a JSON integer: the
// hooks they declare, and the json_traits that calls them.

#include <cloudimg/error.hpp>
#include <cloudimg/json/detail/frame.hpp>
#include <cloudimg/json/detail/hooks.hpp>
#include <cloudimg/json/detail/write_string.hpp>
#include <cloudimg/json/fwd.hpp>
#include <cloudimg/json/scalars.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace cloudimg::json {

namespace detail {

// A hook's failure, at the path of the value being decoded.
inline bool fail_from_hook(context& c, failure&& f)
{
    error const e = f.code.category() == error_category() ? static_cast<error>(f.code.value()) : error::invalid_value;
    return c.fail(e, std::move(f.message));
}

// The handlers of each form, present only when T has its hooks: the event
// table sends the other events to the type-mismatch handlers.
template <class T, bool = string_scalar<T>>
struct string_events {};

template <class T>
struct string_events<T, true> {
    static bool on_string(context& c, frame& f, std::string_view v)
    {
        if (auto r = from_json_string(v, *static_cast<T*>(f.target)); !r)
            return fail_from_hook(c, std::move(r).error());
        c.pop();
        return true;
    }
};

template <class T, bool = integer_scalar<T>>
struct integer_events {};

template <class T>
struct integer_events<T, true> {
    template <class V>
    static bool store(context& c, frame& f, V v)
    {
        json_integer_t<T> n{};
        if (!store_integer(c, v, n))
            return false;
        if (auto r = from_json_integer(n, *static_cast<T*>(f.target)); !r)
            return fail_from_hook(c, std::move(r).error());
        c.pop();
        return true;
    }
    static bool on_int64(context& c, frame& f, std::int64_t v) { return store(c, f, v); }
    static bool on_uint64(context& c, frame& f, std::uint64_t v) { return store(c, f, v); }
};

} // namespace detail

/** Types of your own that travel as a JSON string or a JSON integer.

    A UUID, a size sent as a decimal string, a block size that is an open
    set of integers: such a type declares, next to itself, how to read and
    write its wire form, and the decoder does the rest (the JSON path of a
    bad value, chunked input, limits). The hooks are free functions found by
    argument-dependent lookup, usually hidden friends; the type needs no JSON
    header at all.

    A string-backed type `T` declares both of

    @code
    cloudimg::result<void> from_json_string(std::string_view text, T& out);  // decode; text is unescaped
    std::string_view       to_json_string(T const& v);                      // encode; or std::string, by value or reference
    @endcode

    An integer-backed type `T` declares both of

    @code
    I                      to_json_integer(T const& v);                     // encode; I: an integer type, not bool
    cloudimg::result<void> from_json_integer(I value, T& out);              // decode; value already fits I
    @endcode

    A type with both pairs is written as a string and read from either (a
    server that may switch a field from "285" to 285). A failure returned by
    `from_json_*` keeps its message and code (a code outside
    `cloudimg::error` becomes `error::invalid_value`); the decoder adds the
    JSON path, e.g. `items[2].id`. A number outside `I` is
    `error::out_of_range` before the hook is called. The hooks are called
    directly, with no indirection of their own: a small hook inlines into the
    decoder's handler (for a type on a hot path, build the failure out of
    line, as `oxide::uuid` does).

    @code
    namespace my {
    struct sku {
        std::string code;  // six characters
        friend cloudimg::result<void> from_json_string(std::string_view text, sku& out)
        {
            if (text.size() != 6)
                return cloudimg::make_failure(cloudimg::error::invalid_value, "not a SKU");
            out.code.assign(text);
            return {};
        }
        friend std::string_view to_json_string(sku const& v) noexcept { return v.code; }
    };
    }
    auto items = json::decode<std::vector<my::sku>>(R"(["ABC123","x"])");  // invalid_value at "[1]"
    @endcode
*/
template <class T>
struct json_traits<T, std::enable_if_t<detail::custom_scalar<T>>> : detail::string_events<T>, detail::integer_events<T> {
    static constexpr std::string_view expected = !detail::string_scalar<T>  ? "integer"
                                                 : detail::integer_scalar<T> ? "string or integer"
                                                                             : "string";

    static void encode(std::string& out, T const& v)
    {
        if constexpr (detail::string_scalar<T>) {
            auto const& text = to_json_string(v);  // a returned std::string lives until the end of the scope
            detail::write_string(out, std::string_view(text));
        } else {
            json_traits<detail::json_integer_t<T>>::encode(out, to_json_integer(v));
        }
    }
};

} // namespace cloudimg::json

#endif
