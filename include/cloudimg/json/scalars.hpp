// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_SCALARS_HPP
#define CLOUDIMG_JSON_SCALARS_HPP

// Scalars: booleans, integers (exact to 64 bits), floating point, strings
// and RFC 3339 timestamps. Types of your own that travel as a string or an
// integer plug in through custom_scalar.hpp.

#include <cloudimg/error.hpp>
#include <cloudimg/json/detail/frame.hpp>
#include <cloudimg/json/detail/ops.hpp>
#include <cloudimg/json/detail/write_string.hpp>
#include <cloudimg/json/fwd.hpp>
#include <cloudimg/timestamp.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace cloudimg::json {

namespace detail {

// Out of line and cold, so that the check below inlines into every integer handler.
template <class V>
[[gnu::noinline, gnu::cold]] bool integer_does_not_fit(context& c, V v)
{
    return c.fail(error::out_of_range, "integer " + std::to_string(v) + " does not fit");
}

// `v` into `out` when it fits exactly; otherwise an out_of_range failure.
template <class I, class V>
bool store_integer(context& c, V v, I& out)
{
    if (!std::in_range<I>(v)) [[unlikely]]
        return integer_does_not_fit(c, v);
    out = static_cast<I>(v);
    return true;
}

} // namespace detail

/// `true` and `false`.
template <>
struct json_traits<bool> {
    static constexpr std::string_view expected = "boolean";
    static bool on_bool(detail::context& c, detail::frame& f, bool v)
    {
        *static_cast<bool*>(f.target) = v;
        c.pop();
        return true;
    }
    static void encode(std::string& out, bool v) { out += v ? "true" : "false"; }
};

/// Integers are exact: a fraction, an exponent or a value outside the
/// C++ type is an error, never a silent conversion.
template <class T>
struct json_traits<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
    static constexpr std::string_view expected = "integer";
    template <class V>
    static bool store(detail::context& c, detail::frame& f, V v)
    {
        if (!detail::store_integer(c, v, *static_cast<T*>(f.target)))
            return false;
        c.pop();
        return true;
    }
    static bool on_int64(detail::context& c, detail::frame& f, std::int64_t v) { return store(c, f, v); }
    static bool on_uint64(detail::context& c, detail::frame& f, std::uint64_t v) { return store(c, f, v); }
    static void encode(std::string& out, T v)
    {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, r.ptr);
    }
};

namespace detail {

template <class T>
[[gnu::noinline, gnu::cold]] bool float_does_not_fit(context& c)
{
    std::string_view const text = c.number.substr(0, 64);
    return c.fail(error::out_of_range, "number " + std::string(text) + (c.number.size() > 64 ? "..." : "") +
                                           " is outside the range of " +
                                           (std::is_same_v<T, float> ? "a float" : "a double"));
}

} // namespace detail

/** Floating point takes any JSON number, read exactly from its text (the
    nearest value, so a double survives a round trip bit for bit). A number
    beyond the type's range is `error::out_of_range`, never infinity. Encoding
    writes the shortest text that reads back as the same value; NaN and
    infinity, which JSON cannot express, encode as null.
*/
template <class T>
struct json_traits<T, std::enable_if_t<std::is_floating_point_v<T>>> {
    static constexpr std::string_view expected = "number";
    template <class V>
    static bool store(detail::context& c, detail::frame& f, V v)
    {
        T const t = static_cast<T>(v);
        if (t - t != 0) [[unlikely]]  // infinite (NaN never comes from JSON text)
            return detail::float_does_not_fit<T>(c);
        *static_cast<T*>(f.target) = t;
        c.pop();
        return true;
    }
    static bool on_int64(detail::context& c, detail::frame& f, std::int64_t v) { return store(c, f, v); }
    static bool on_uint64(detail::context& c, detail::frame& f, std::uint64_t v) { return store(c, f, v); }
    static bool on_double(detail::context& c, detail::frame& f, double v) { return store(c, f, v); }
    static void encode(std::string& out, T v)
    {
        if (v != v || v == std::numeric_limits<T>::infinity() || v == -std::numeric_limits<T>::infinity()) {
            out += "null";  // JSON has no NaN or infinity
            return;
        }
        if (v == 0 && std::signbit(v)) {
            out += "-0.0";  // "-0" would read back as the integer 0
            return;
        }
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, r.ptr);
    }
};

/// Strings, unescaped; UTF-8 passes through unchanged both ways.
template <>
struct json_traits<std::string> {
    static constexpr std::string_view expected = "string";
    static bool on_string(detail::context& c, detail::frame& f, std::string_view v)
    {
        auto& s = *static_cast<std::string*>(f.target);
        // An empty field (a new struct's member, the usual case) takes a
        // string built whole: cheaper here than assign's general replace
        // (measured). One with contents keeps its buffer.
        if (s.empty())
            s = std::string(v);
        else
            s.assign(v);
        c.pop();
        return true;
    }
    static void encode(std::string& out, std::string_view v) { detail::write_string(out, v); }
};

template <>
struct json_traits<std::string_view> {  // encode only: request bodies may borrow
    static constexpr std::string_view expected = "string";
    static void encode(std::string& out, std::string_view v) { detail::write_string(out, v); }
};

/// RFC 3339 date-time strings, nanoseconds and offsets kept.
template <>
struct json_traits<timestamp> {
    static constexpr std::string_view expected = "RFC 3339 date-time string";
    static bool on_string(detail::context& c, detail::frame& f, std::string_view v)
    {
        auto t = parse_timestamp(v);
        if (!t)
            return c.fail(error::invalid_value, "not an RFC 3339 date-time: \"" + std::string(v.substr(0, 64)) + '"');
        *static_cast<timestamp*>(f.target) = *t;
        c.pop();
        return true;
    }
    static void encode(std::string& out, timestamp const& v)
    {
        out += '"';
        format_timestamp(out, v);
        out += '"';
    }
};

} // namespace cloudimg::json

#endif
