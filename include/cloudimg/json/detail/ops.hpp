// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_DETAIL_OPS_HPP
#define CLOUDIMG_JSON_DETAIL_OPS_HPP

// The event table of a type, generated from its `json_traits`, and the table
// of values nobody asked for. `ops_for<T>` is only instantiated where a value
// of type T is decoded, so every family's specialization is visible by then.

#include <cloudimg/error.hpp>
#include <cloudimg/json/detail/frame.hpp>
#include <cloudimg/json/fwd.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace cloudimg::json::detail {

// A value of the wrong JSON type for the frame's C++ type: the frame's own
// table says what was expected. One set of refusals serves every type (a set
// per type would be a dozen more functions to compile for each).
inline bool mismatch(context& c, frame& f, std::string_view got)
{
    return c.fail(error::type_mismatch, "expected " + std::string(f.ops->expected) + ", got " + std::string(got));
}

struct refuse {
    static bool object(context& c, frame& f) { return mismatch(c, f, "object"); }
    static bool key(context& c, frame& f, std::string_view) { return mismatch(c, f, "object"); }
    static bool array(context& c, frame& f) { return mismatch(c, f, "array"); }
    static bool string(context& c, frame& f, std::string_view) { return mismatch(c, f, "string"); }
    static bool int64(context& c, frame& f, std::int64_t) { return mismatch(c, f, "number"); }
    static bool uint64(context& c, frame& f, std::uint64_t) { return mismatch(c, f, "number"); }
    static bool float64(context& c, frame& f, double) { return mismatch(c, f, "number"); }
    static bool fraction(context& c, frame& f, double) { return mismatch(c, f, "a number with a fraction or exponent"); }
    static bool boolean(context& c, frame& f, bool) { return mismatch(c, f, "boolean"); }
    static bool null(context& c, frame& f) { return mismatch(c, f, "null"); }
};

template <class T>
constexpr value_ops make_ops() noexcept
{
    using J = json_traits<T>;
    value_ops ops{};
    ops.expected = J::expected;
    if constexpr (requires { &J::on_begin_object; })
        ops.begin_object = &J::on_begin_object;
    else
        ops.begin_object = &refuse::object;
    if constexpr (requires { &J::on_key; }) {
        ops.key = &J::on_key;
        ops.end_object = &J::on_end_object;
    } else {
        ops.key = &refuse::key;
        ops.end_object = &refuse::object;
    }
    if constexpr (requires { &J::on_begin_array; })
        ops.begin_array = &J::on_begin_array;
    else
        ops.begin_array = &refuse::array;
    if constexpr (requires { &J::on_element; }) {
        ops.element = &J::on_element;
        ops.end_array = &J::on_end_array;
    } else {
        ops.element = &refuse::array;
        ops.end_array = &refuse::array;
    }
    if constexpr (requires { &J::on_string; })
        ops.string = &J::on_string;
    else
        ops.string = &refuse::string;
    if constexpr (requires { &J::on_int64; })
        ops.int64 = &J::on_int64;
    else
        ops.int64 = &refuse::int64;
    if constexpr (requires { &J::on_uint64; })
        ops.uint64 = &J::on_uint64;
    else
        ops.uint64 = &refuse::uint64;
    if constexpr (requires { &J::on_double; })
        ops.float64 = &J::on_double;
    else if constexpr (std::is_integral_v<T>)
        ops.float64 = &refuse::fraction;
    else
        ops.float64 = &refuse::float64;
    if constexpr (requires { &J::on_bool; })
        ops.boolean = &J::on_bool;
    else
        ops.boolean = &refuse::boolean;
    if constexpr (requires { &J::on_null; })
        ops.null = &J::on_null;
    else
        ops.null = &refuse::null;
    return ops;
}

template <class T>
inline constexpr value_ops ops_for = make_ops<T>();

// A frame for a value nobody asked for (an unknown key): consumed, never stored.
struct skip_value {
    static bool scalar(context& c, frame& f)
    {
        if (f.skip_depth == 0)
            c.pop();
        return true;
    }
    static bool open(context&, frame& f)
    {
        ++f.skip_depth;
        return true;
    }
    static bool close(context& c, frame& f)
    {
        if (--f.skip_depth == 0)
            c.pop();
        return true;
    }
    static bool key(context&, frame&, std::string_view) { return true; }
    static bool element(context&, frame&) { return true; }
    static bool string(context& c, frame& f, std::string_view) { return scalar(c, f); }
    static bool int64(context& c, frame& f, std::int64_t) { return scalar(c, f); }
    static bool uint64(context& c, frame& f, std::uint64_t) { return scalar(c, f); }
    static bool float64(context& c, frame& f, double) { return scalar(c, f); }
    static bool boolean(context& c, frame& f, bool) { return scalar(c, f); }
};

inline constexpr value_ops skip_ops{"any",          &skip_value::open,   &skip_value::key,    &skip_value::close,
                                    &skip_value::open, &skip_value::element, &skip_value::close, &skip_value::string,
                                    &skip_value::int64, &skip_value::uint64, &skip_value::float64, &skip_value::boolean,
                                    &skip_value::scalar};

} // namespace cloudimg::json::detail

#endif
