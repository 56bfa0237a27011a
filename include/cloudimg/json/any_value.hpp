// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_ANY_VALUE_HPP
#define CLOUDIMG_JSON_ANY_VALUE_HPP

// Free-form values that are mostly strings: a string is kept as its text,
// anything else as compact JSON.

#include <cloudimg/json/detail/frame.hpp>
#include <cloudimg/json/detail/ops.hpp>
#include <cloudimg/json/detail/write_string.hpp>
#include <cloudimg/json/fwd.hpp>
#include <cloudimg/json/raw_value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace cloudimg::json {

/** A JSON value of any type, where strings are the common case (metadata,
    properties): a string is kept as its unescaped text, null as null, and
    any other value as compact JSON text (as a `raw_value` keeps it). It re-encodes as it
    came. OpenStack's image metadata values are these (`openstack::any_value`).

    Unlike `raw_value`, reading a string needs no second decode, and a string
    costs no escaping on the way in.

    @code
    if (auto distro = image.metadata.at("os_distro").string()) use(*distro);
    std::string bdm = image.metadata.at("block_device_mapping").json();  // "[{...}]"
    @endcode
*/
class any_value {
public:
    enum class kind : std::uint8_t { null, string, other };

    /// JSON null.
    any_value() = default;
    /// A string.
    any_value(std::string text) noexcept : kind_(kind::string), text_(std::move(text)) {}
    any_value(std::string_view text) : kind_(kind::string), text_(text) {}
    any_value(char const* text) : kind_(kind::string), text_(text) {}

    kind what() const noexcept { return kind_; }
    bool is_null() const noexcept { return kind_ == kind::null; }
    bool is_string() const noexcept { return kind_ == kind::string; }

    /** The text of a string value; nothing for null and other types.

        @code
        json::any_value v = "x86_64";
        assert(v.string() == "x86_64");
        @endcode
    */
    std::optional<std::string_view> string() const noexcept
    {
        if (kind_ == kind::string)
            return std::string_view(text_);
        return std::nullopt;
    }

    /** The value as compact JSON, whatever its type: `null`, `"text"`, `[1,2]`.

        @code
        assert(json::any_value("a\"b").json() == R"("a\"b")");
        @endcode
    */
    std::string json() const
    {
        std::string out;
        append_json(out);
        return out;
    }

    friend bool operator==(any_value const&, any_value const&) = default;

private:
    template <class T, class Enable>
    friend struct json_traits;

    void append_json(std::string& out) const
    {
        switch (kind_) {
        case kind::null: out += "null"; return;
        case kind::string: detail::write_string(out, text_); return;
        case kind::other: out += text_; return;
        }
    }

    kind kind_ = kind::null;
    std::string text_;  // a string's text; other types' compact JSON (one string keeps a map node small)
};

namespace detail {

// The frame of an any_value that turned out to be neither a string nor
// null: its target is the any_value's text, written as raw_value's is.
struct any_value_json {};

struct string_text {
    static std::string& of(frame& f) noexcept { return *static_cast<std::string*>(f.target); }
};

} // namespace detail

template <>
struct json_traits<detail::any_value_json> : detail::compact_json<detail::string_text> {
    static constexpr std::string_view expected = "any JSON value";
};

/// Strings and null directly, other values re-serialised compactly as they stream past.
template <>
struct json_traits<any_value> {
    static constexpr std::string_view expected = "any JSON value";

    static any_value& self(detail::frame& f) { return *static_cast<any_value*>(f.target); }

    // A top-level string or null is kept as such; anything else is written
    // as compact JSON: the frame switches to those handlers for the rest of the value.
    static detail::frame& as_other(detail::frame& f)
    {
        auto& v = self(f);
        v.kind_ = any_value::kind::other;
        f.target = &v.text_;
        f.ops = &detail::ops_for<detail::any_value_json>;
        return f;
    }

    static bool on_begin_object(detail::context& c, detail::frame& f) { return as_other(f).ops->begin_object(c, f); }
    static bool on_begin_array(detail::context& c, detail::frame& f) { return as_other(f).ops->begin_array(c, f); }
    static bool on_int64(detail::context& c, detail::frame& f, std::int64_t n) { return as_other(f).ops->int64(c, f, n); }
    static bool on_uint64(detail::context& c, detail::frame& f, std::uint64_t n) { return as_other(f).ops->uint64(c, f, n); }
    static bool on_double(detail::context& c, detail::frame& f, double d) { return as_other(f).ops->float64(c, f, d); }
    static bool on_bool(detail::context& c, detail::frame& f, bool b) { return as_other(f).ops->boolean(c, f, b); }
    static bool on_string(detail::context& c, detail::frame& f, std::string_view s)
    {
        auto& v = self(f);
        v.kind_ = any_value::kind::string;
        v.text_.assign(s);
        c.pop();
        return true;
    }
    static bool on_null(detail::context& c, detail::frame& f)
    {
        auto& v = self(f);
        v.kind_ = any_value::kind::null;
        v.text_.clear();
        c.pop();
        return true;
    }

    static void encode(std::string& out, any_value const& v) { v.append_json(out); }
};

} // namespace cloudimg::json

#endif
