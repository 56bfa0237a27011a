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

template <class T>
bool mismatch(context& c, std::string_view got)
{
    return c.fail(error::type_mismatch,
                  "expected " + std::string(json_traits<T>::expected) + ", got " + std::string(got));
}

template <class T>
constexpr value_ops make_ops() noexcept
{
    using J = json_traits<T>;
    value_ops ops{};
    ops.expected = J::expected;
    if constexpr (requires { &J::on_begin_object; })
        ops.begin_object = &J::on_begin_object;
    else
        ops.begin_object = [](context& c, frame&) { return mismatch<T>(c, "object"); };
    if constexpr (requires { &J::on_key; }) {
        ops.key = &J::on_key;
        ops.end_object = &J::on_end_object;
    } else {
        ops.key = [](context& c, frame&, std::string_view) { return mismatch<T>(c, "object"); };
        ops.end_object = [](context& c, frame&) { return mismatch<T>(c, "object"); };
    }
    if constexpr (requires { &J::on_begin_array; })
        ops.begin_array = &J::on_begin_array;
    else
        ops.begin_array = [](context& c, frame&) { return mismatch<T>(c, "array"); };
    if constexpr (requires { &J::on_element; }) {
        ops.element = &J::on_element;
        ops.end_array = &J::on_end_array;
    } else {
        ops.element = [](context& c, frame&) { return mismatch<T>(c, "array"); };
        ops.end_array = [](context& c, frame&) { return mismatch<T>(c, "array"); };
    }
    if constexpr (requires { &J::on_string; })
        ops.string = &J::on_string;
    else
        ops.string = [](context& c, frame&, std::string_view) { return mismatch<T>(c, "string"); };
    if constexpr (requires { &J::on_int64; })
        ops.int64 = &J::on_int64;
    else
        ops.int64 = [](context& c, frame&, std::int64_t) { return mismatch<T>(c, "number"); };
    if constexpr (requires { &J::on_uint64; })
        ops.uint64 = &J::on_uint64;
    else
        ops.uint64 = [](context& c, frame&, std::uint64_t) { return mismatch<T>(c, "number"); };
    if constexpr (requires { &J::on_double; })
        ops.float64 = &J::on_double;
    else
        ops.float64 = [](context& c, frame&, double) {
            return mismatch<T>(c, std::is_integral_v<T> ? "a number with a fraction or exponent" : "number");
        };
    if constexpr (requires { &J::on_bool; })
        ops.boolean = &J::on_bool;
    else
        ops.boolean = [](context& c, frame&, bool) { return mismatch<T>(c, "boolean"); };
    if constexpr (requires { &J::on_null; })
        ops.null = &J::on_null;
    else
        ops.null = [](context& c, frame&) { return mismatch<T>(c, "null"); };
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
