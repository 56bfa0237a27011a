// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_RAW_VALUE_HPP
#define CLOUDIMG_JSON_RAW_VALUE_HPP

// Any JSON value, kept as compact JSON text, for fields whose shape the API
// leaves free.

#include <cloudimg/json/detail/frame.hpp>
#include <cloudimg/json/detail/write_string.hpp>
#include <cloudimg/json/fwd.hpp>
#include <cloudimg/json/scalars.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace cloudimg::json {

/** A JSON value of any shape, kept as compact JSON text: for fields the API
    leaves free-form (LXD's operation metadata, server config). Decode it
    further with `json::decode<T>(v.text)` once its shape is known; it
    re-encodes as it came. Limits apply while it is read, like anywhere else.

    @code
    auto secret = json::decode<lxd::image_secret>(op.metadata.text);
    @endcode
*/
struct raw_value {
    std::string text;  ///< compact JSON; empty when never set (encodes as null)

    bool is_null() const noexcept { return text.empty() || text == "null"; }
    friend bool operator==(raw_value const&, raw_value const&) = default;
};

namespace detail {

// The handlers that write a value as compact JSON into a string: a
// raw_value's text, or any_value's (any_value.hpp). `Text::of(frame)` is
// that string. The frame stays on the stack while the value is nested;
// skip_depth counts the open levels.
template <class Text>
struct compact_json {
    static std::string& text(frame& f) noexcept { return Text::of(f); }
    static void separate(frame& f)
    {
        auto& t = text(f);
        if (f.skip_depth > 0 && !t.empty() && t.back() != '[' && t.back() != '{' && t.back() != ':')
            t += ',';
    }
    static bool scalar_done(context& c, frame& f)
    {
        if (f.skip_depth == 0)
            c.pop();
        return true;
    }
    static bool open(frame& f, char bracket)
    {
        if (f.skip_depth == 0)
            text(f).clear();
        separate(f);
        text(f) += bracket;
        ++f.skip_depth;
        return true;
    }
    static bool close(context& c, frame& f, char bracket)
    {
        text(f) += bracket;
        return --f.skip_depth == 0 ? (c.pop(), true) : true;
    }
    template <class Write>
    static bool scalar(context& c, frame& f, Write&& write)
    {
        if (f.skip_depth == 0)
            text(f).clear();
        separate(f);
        write(text(f));
        return scalar_done(c, f);
    }
    static bool on_begin_object(context&, frame& f) { return open(f, '{'); }
    static bool on_key(context&, frame& f, std::string_view k)
    {
        separate(f);
        write_string(text(f), k);
        text(f) += ':';
        return true;
    }
    static bool on_end_object(context& c, frame& f) { return close(c, f, '}'); }
    static bool on_begin_array(context&, frame& f) { return open(f, '['); }
    static bool on_element(context&, frame&) { return true; }
    static bool on_end_array(context& c, frame& f) { return close(c, f, ']'); }
    static bool on_string(context& c, frame& f, std::string_view v)
    {
        return scalar(c, f, [&](std::string& t) { write_string(t, v); });
    }
    static bool on_int64(context& c, frame& f, std::int64_t v)
    {
        return scalar(c, f, [&](std::string& t) { json_traits<std::int64_t>::encode(t, v); });
    }
    static bool on_uint64(context& c, frame& f, std::uint64_t v)
    {
        return scalar(c, f, [&](std::string& t) { json_traits<std::uint64_t>::encode(t, v); });
    }
    // A double is written in its shortest form, read exactly from its text. A
    // number no double can hold (1e400, 1e-400) keeps its exact text instead:
    // never infinity or null, and whoever reads it later decides.
    static bool on_double(context& c, frame& f, double v)
    {
        return scalar(c, f, [&](std::string& t) {
            if (!c.number_in_range) {
                t.append(c.number);
                return;
            }
            auto const start = t.size();
            json_traits<double>::encode(t, v);
            // 2.0 stays "2.0", not "2": read again, it is the same kind of JSON number
            if (t.find_first_of(".eEnN", start) == std::string::npos)
                t += ".0";
        });
    }
    static bool on_bool(context& c, frame& f, bool v)
    {
        return scalar(c, f, [&](std::string& t) { t += v ? "true" : "false"; });
    }
    static bool on_null(context& c, frame& f)
    {
        return scalar(c, f, [&](std::string& t) { t += "null"; });
    }
};

struct raw_value_text {
    static std::string& of(frame& f) noexcept { return static_cast<raw_value*>(f.target)->text; }
};

} // namespace detail

template <>
struct json_traits<raw_value> : detail::compact_json<detail::raw_value_text> {
    static constexpr std::string_view expected = "any JSON value";
    static void encode(std::string& out, raw_value const& v) { out += v.is_null() ? std::string_view("null") : std::string_view(v.text); }
};

} // namespace cloudimg::json

#endif
