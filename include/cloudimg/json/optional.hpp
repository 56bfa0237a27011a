// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_OPTIONAL_HPP
#define CLOUDIMG_JSON_OPTIONAL_HPP

// Values that may be missing: `std::optional<T>` (the key may be absent),
// `nullable<T>` (the value may be null) and `std::optional<nullable<T>>`
// (absent, null and a value are three different things, as in PATCH bodies).

#include <cloudimg/json/detail/frame.hpp>
#include <cloudimg/json/detail/ops.hpp>
#include <cloudimg/json/fwd.hpp>
#include <cloudimg/nullable.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cloudimg::json {

namespace detail {

// Emplace the value and hand the current event to its own handlers.
template <class Wrapper, class T>
struct forward_to_value {
    static frame& engage(frame& f)
    {
        f.target = &static_cast<Wrapper*>(f.target)->emplace();
        f.ops = &ops_for<T>;
        return f;
    }
    static bool on_begin_object(context& c, frame& f) { return engage(f).ops->begin_object(c, f); }
    static bool on_begin_array(context& c, frame& f) { return engage(f).ops->begin_array(c, f); }
    static bool on_string(context& c, frame& f, std::string_view v) { return engage(f).ops->string(c, f, v); }
    static bool on_int64(context& c, frame& f, std::int64_t v) { return engage(f).ops->int64(c, f, v); }
    static bool on_uint64(context& c, frame& f, std::uint64_t v) { return engage(f).ops->uint64(c, f, v); }
    static bool on_double(context& c, frame& f, double v) { return engage(f).ops->float64(c, f, v); }
    static bool on_bool(context& c, frame& f, bool v) { return engage(f).ops->boolean(c, f, v); }
};

} // namespace detail

/// Null or a `T`: required, but may be null.
template <class T>
struct json_traits<nullable<T>> : detail::forward_to_value<nullable<T>, T> {
    static constexpr std::string_view expected = json_traits<T>::expected;
    static bool on_null(detail::context& c, detail::frame& f)
    {
        static_cast<nullable<T>*>(f.target)->reset();
        c.pop();
        return true;
    }
    static void encode(std::string& out, nullable<T> const& v)
    {
        if (v)
            json_traits<T>::encode(out, *v);
        else
            out += "null";
    }
};

/// A member that may be absent: an empty optional is left out of an object
/// (see described.hpp), and null decodes like an absent key.
template <class T>
struct json_traits<std::optional<T>> : detail::forward_to_value<std::optional<T>, T> {
    static constexpr std::string_view expected = json_traits<T>::expected;
    static bool on_null(detail::context& c, detail::frame& f)
    {
        auto& o = *static_cast<std::optional<T>*>(f.target);
        if constexpr (is_nullable<T>::value) {
            // optional<nullable<T>>: null is a value of its own (PATCH semantics)
            o.emplace();
        } else {
            o.reset();  // null for "not set" decodes like an absent key
        }
        c.pop();
        return true;
    }
    static void encode(std::string& out, std::optional<T> const& v)
    {
        if (v)
            json_traits<T>::encode(out, *v);
        else
            out += "null";
    }
};

} // namespace cloudimg::json

#endif
