// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_TRAITS_HPP
#define CLOUDIMG_JSON_TRAITS_HPP

// How each C++ type reads from and writes to JSON.
//
// The decoder is a stack of frames, one per JSON value being filled. A frame
// points at its C++ object and at a table of event handlers (`value_ops`)
// generated from `json_traits<T>`: the parser's SAX events go straight into
// the object, with no DOM in between. A type that is neither a built-in, a
// container nor a described struct or enum specializes `json_traits`.

#include <cloudimg/detail/hex.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/nullable.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/timestamp.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/describe/enum.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace cloudimg::json {

/// Limits that keep hostile input from exhausting the stack or memory.
struct decode_options {
    std::size_t max_depth = 64;                   ///< nesting of arrays and objects
    std::size_t max_string_size = 16u << 20;      ///< bytes in one string or key
    std::uint64_t max_body_size = 256ull << 20;   ///< bytes in the whole document
};

template <class T, class Enable = void>
struct json_traits;

namespace detail {

struct context;
struct frame;

// The event table of one C++ type. Every entry is set: events a type does
// not accept go to handlers that report a type mismatch.
struct value_ops {
    std::string_view expected;
    bool (*begin_object)(context&, frame&) = nullptr;
    bool (*key)(context&, frame&, std::string_view) = nullptr;
    bool (*end_object)(context&, frame&) = nullptr;
    bool (*begin_array)(context&, frame&) = nullptr;
    bool (*element)(context&, frame&) = nullptr;
    bool (*end_array)(context&, frame&) = nullptr;
    bool (*string)(context&, frame&, std::string_view) = nullptr;
    bool (*int64)(context&, frame&, std::int64_t) = nullptr;
    bool (*uint64)(context&, frame&, std::uint64_t) = nullptr;
    bool (*float64)(context&, frame&, double) = nullptr;
    bool (*boolean)(context&, frame&, bool) = nullptr;
    bool (*null)(context&, frame&) = nullptr;
};

enum class frame_state : std::uint8_t { value, object, array };

inline constexpr std::size_t no_index = static_cast<std::size_t>(-1);

struct frame {
    value_ops const* ops = nullptr;
    void* target = nullptr;
    std::string_view key;          // member or map key in the parent, for error paths
    std::size_t index = no_index;  // element index in the parent array
    std::uint64_t seen = 0;        // described structs: which members were present
    std::size_t skip_depth = 0;    // skipped values: nesting below this frame
    std::size_t cursor = 0;        // described structs: where to look for the next key
    frame_state state = frame_state::value;
};

struct context {
    std::vector<frame> stack;
    decode_options options;
    error code{};
    std::string message;
    std::string path;

    // Build the JSON path of the top frame, e.g. `images[3].created`.
    std::string current_path(std::string_view leaf = {}) const
    {
        std::string p;
        auto add_key = [&](std::string_view k) {
            if (!p.empty())
                p += '.';
            p.append(k);
        };
        for (std::size_t i = 1; i < stack.size(); ++i) {
            if (stack[i].index != no_index) {
                p += '[';
                p += std::to_string(stack[i].index);
                p += ']';
            } else if (!stack[i].key.empty()) {
                add_key(stack[i].key);
            }
        }
        if (!leaf.empty())
            add_key(leaf);
        return p;
    }

    bool fail(error e, std::string msg, std::string_view leaf = {})
    {
        if (code == error{}) {
            code = e;
            message = std::move(msg);
            path = current_path(leaf);
        }
        return false;
    }

    bool push(value_ops const* ops, void* target, std::string_view key, std::size_t index)
    {
        // The parser enforces max_depth first; this guards the reserved capacity.
        if (stack.size() >= stack.capacity())
            return fail(error::limit_exceeded, "nesting too deep");
        stack.push_back(frame{ops, target, key, index});
        return true;
    }

    void pop() noexcept { stack.pop_back(); }
};

template <class T>
constexpr value_ops make_ops() noexcept;

template <class T>
inline constexpr value_ops ops_for = make_ops<T>();

} // namespace detail

// ---------------------------------------------------------------- scalars

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

// Integers are exact: a fraction, an exponent or a value outside the
// C++ type is an error, never a silent conversion.
template <class T>
struct json_traits<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
    static constexpr std::string_view expected = "integer";
    template <class V>
    static bool store(detail::context& c, detail::frame& f, V v)
    {
        if (!std::in_range<T>(v))
            return c.fail(error::out_of_range, "integer " + std::to_string(v) + " does not fit");
        *static_cast<T*>(f.target) = static_cast<T>(v);
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

template <class T>
struct json_traits<T, std::enable_if_t<std::is_floating_point_v<T>>> {
    static constexpr std::string_view expected = "number";
    template <class V>
    static bool store(detail::context& c, detail::frame& f, V v)
    {
        *static_cast<T*>(f.target) = static_cast<T>(v);
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
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, r.ptr);
    }
};

namespace detail {

// Append `s` as a JSON string literal. UTF-8 passes through unchanged.
inline void write_string(std::string& out, std::string_view s)
{
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char const ch = static_cast<unsigned char>(s[i]);
        char esc = 0;
        switch (ch) {
        case '"': esc = '"'; break;
        case '\\': esc = '\\'; break;
        case '\n': esc = 'n'; break;
        case '\r': esc = 'r'; break;
        case '\t': esc = 't'; break;
        case '\b': esc = 'b'; break;
        case '\f': esc = 'f'; break;
        default:
            if (ch >= 0x20)
                continue;
        }
        out.append(s.data() + run, i - run);
        run = i + 1;
        if (esc) {
            out += '\\';
            out += esc;
        } else {
            out += "\\u00";
            cloudimg::detail::append_hex(out, ch);
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

} // namespace detail

template <>
struct json_traits<std::string> {
    static constexpr std::string_view expected = "string";
    static bool on_string(detail::context& c, detail::frame& f, std::string_view v)
    {
        static_cast<std::string*>(f.target)->assign(v);
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

/// Closed enums: only for values the client sends; responses use `open_enum`.
template <class E>
struct json_traits<E, std::enable_if_t<boost::describe::has_describe_enumerators<E>::value>> {
    static constexpr std::string_view expected = "string";
    static bool on_string(detail::context& c, detail::frame& f, std::string_view v)
    {
        auto e = enum_from_wire<E>(v);
        if (!e)
            return c.fail(error::invalid_value, "unknown enum value \"" + std::string(v.substr(0, 64)) + '"');
        *static_cast<E*>(f.target) = *e;
        c.pop();
        return true;
    }
    static void encode(std::string& out, E v) { detail::write_string(out, enum_to_wire(v)); }
};

template <class E>
struct json_traits<open_enum<E>> {
    static constexpr std::string_view expected = "string";
    static bool on_string(detail::context& c, detail::frame& f, std::string_view v)
    {
        *static_cast<open_enum<E>*>(f.target) = open_enum<E>::from_wire(v);
        c.pop();
        return true;
    }
    static void encode(std::string& out, open_enum<E> const& v) { detail::write_string(out, v.wire()); }
};

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

// ---------------------------------------------------------------- optional and nullable

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

// ---------------------------------------------------------------- containers

template <class T, class A>
struct json_traits<std::vector<T, A>> {
    using vector_type = std::vector<T, A>;
    static constexpr std::string_view expected = "array";
    static bool on_begin_array(detail::context&, detail::frame& f)
    {
        static_cast<vector_type*>(f.target)->clear();
        f.state = detail::frame_state::array;
        return true;
    }
    static bool on_element(detail::context& c, detail::frame& f)
    {
        auto& v = *static_cast<vector_type*>(f.target);
        v.emplace_back();
        return c.push(&detail::ops_for<T>, &v.back(), {}, v.size() - 1);
    }
    static bool on_end_array(detail::context& c, detail::frame&)
    {
        c.pop();
        return true;
    }
    static void encode(std::string& out, vector_type const& v)
    {
        out += '[';
        bool first = true;
        for (auto const& e : v) {
            if (!first)
                out += ',';
            first = false;
            json_traits<T>::encode(out, e);
        }
        out += ']';
    }
};

/// JSON objects with arbitrary keys (labels, metadata). Ordered, so output is stable.
template <class T, class C, class A>
struct json_traits<std::map<std::string, T, C, A>> {
    using map_type = std::map<std::string, T, C, A>;
    static constexpr std::string_view expected = "object";
    static bool on_begin_object(detail::context&, detail::frame& f)
    {
        static_cast<map_type*>(f.target)->clear();
        f.state = detail::frame_state::object;
        return true;
    }
    static bool on_key(detail::context& c, detail::frame& f, std::string_view k)
    {
        auto& m = *static_cast<map_type*>(f.target);
        auto it = m.try_emplace(std::string(k)).first;
        it->second = T{};  // a repeated key: the last one wins
        return c.push(&detail::ops_for<T>, &it->second, it->first, detail::no_index);
    }
    static bool on_end_object(detail::context& c, detail::frame&)
    {
        c.pop();
        return true;
    }
    static void encode(std::string& out, map_type const& m)
    {
        out += '{';
        bool first = true;
        for (auto const& [k, v] : m) {
            if (!first)
                out += ',';
            first = false;
            detail::write_string(out, k);
            out += ':';
            json_traits<T>::encode(out, v);
        }
        out += '}';
    }
};

// ---------------------------------------------------------------- any value, kept as text

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

template <>
struct json_traits<raw_value> {
    static constexpr std::string_view expected = "any JSON value";

    // The frame stays on the stack while the value is nested; skip_depth counts the open levels.
    static std::string& text(detail::frame& f) noexcept { return static_cast<raw_value*>(f.target)->text; }
    static void separate(detail::frame& f)
    {
        auto& t = text(f);
        if (f.skip_depth > 0 && !t.empty() && t.back() != '[' && t.back() != '{' && t.back() != ':')
            t += ',';
    }
    static bool scalar_done(detail::context& c, detail::frame& f)
    {
        if (f.skip_depth == 0)
            c.pop();
        return true;
    }
    static bool open(detail::frame& f, char bracket)
    {
        if (f.skip_depth == 0)
            text(f).clear();
        separate(f);
        text(f) += bracket;
        ++f.skip_depth;
        return true;
    }
    static bool close(detail::context& c, detail::frame& f, char bracket)
    {
        text(f) += bracket;
        return --f.skip_depth == 0 ? (c.pop(), true) : true;
    }
    template <class Write>
    static bool scalar(detail::context& c, detail::frame& f, Write&& write)
    {
        if (f.skip_depth == 0)
            text(f).clear();
        separate(f);
        write(text(f));
        return scalar_done(c, f);
    }
    static bool on_begin_object(detail::context&, detail::frame& f) { return open(f, '{'); }
    static bool on_key(detail::context&, detail::frame& f, std::string_view k)
    {
        separate(f);
        detail::write_string(text(f), k);
        text(f) += ':';
        return true;
    }
    static bool on_end_object(detail::context& c, detail::frame& f) { return close(c, f, '}'); }
    static bool on_begin_array(detail::context&, detail::frame& f) { return open(f, '['); }
    static bool on_element(detail::context&, detail::frame&) { return true; }
    static bool on_end_array(detail::context& c, detail::frame& f) { return close(c, f, ']'); }
    static bool on_string(detail::context& c, detail::frame& f, std::string_view v)
    {
        return scalar(c, f, [&](std::string& t) { detail::write_string(t, v); });
    }
    static bool on_int64(detail::context& c, detail::frame& f, std::int64_t v)
    {
        return scalar(c, f, [&](std::string& t) { json_traits<std::int64_t>::encode(t, v); });
    }
    static bool on_uint64(detail::context& c, detail::frame& f, std::uint64_t v)
    {
        return scalar(c, f, [&](std::string& t) { json_traits<std::uint64_t>::encode(t, v); });
    }
    static bool on_double(detail::context& c, detail::frame& f, double v)
    {
        return scalar(c, f, [&](std::string& t) {
            auto const start = t.size();
            json_traits<double>::encode(t, v);
            // 2.0 stays "2.0", not "2": read again, it is the same kind of JSON number
            if (t.find_first_of(".eEnN", start) == std::string::npos)
                t += ".0";
        });
    }
    static bool on_bool(detail::context& c, detail::frame& f, bool v)
    {
        return scalar(c, f, [&](std::string& t) { t += v ? "true" : "false"; });
    }
    static bool on_null(detail::context& c, detail::frame& f)
    {
        return scalar(c, f, [&](std::string& t) { t += "null"; });
    }
    static void encode(std::string& out, raw_value const& v) { out += v.is_null() ? std::string_view("null") : std::string_view(v.text); }
};

// ---------------------------------------------------------------- described structs

namespace detail {

template <class T>
using described_members = boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;

template <class T, class D>
using member_type_t = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;

struct member_entry {
    std::string_view wire;
    value_ops const* ops = nullptr;
    void* (*address)(void*) = nullptr;
    bool required = false;
};

template <class T, class D>
void* member_address(void* object)
{
    return &(static_cast<T*>(object)->*D::pointer);
}

template <class T>
constexpr auto make_member_table() noexcept
{
    using members = described_members<T>;
    std::array<member_entry, boost::mp11::mp_size<members>::value> table{};
    std::size_t i = 0;
    boost::mp11::mp_for_each<members>([&](auto d) {
        using D = decltype(d);
        using M = member_type_t<T, D>;
        table[i++] = member_entry{wire_name<T>(D::name), &ops_for<M>, &member_address<T, D>, !is_optional<M>::value};
    });
    return table;
}

template <class T>
inline constexpr auto member_table = make_member_table<T>();

template <class T>
constexpr std::uint64_t required_mask() noexcept
{
    std::uint64_t m = 0;
    for (std::size_t i = 0; i < member_table<T>.size(); ++i)
        if (member_table<T>[i].required)
            m |= std::uint64_t{1} << i;
    return m;
}

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

} // namespace detail

/// Described structs are JSON objects: unknown keys are skipped, missing required keys are errors.
template <class T>
struct json_traits<T, std::enable_if_t<boost::describe::has_describe_members<T>::value && std::is_class_v<T>>> {
    static constexpr std::string_view expected = "object";
    static_assert(boost::mp11::mp_size<detail::described_members<T>>::value <= 64,
                  "a described struct decodes at most 64 members");

    static bool on_begin_object(detail::context&, detail::frame& f)
    {
        f.state = detail::frame_state::object;
        f.seen = 0;
        f.cursor = 0;
        return true;
    }
    static bool on_key(detail::context& c, detail::frame& f, std::string_view k)
    {
        auto const& table = detail::member_table<T>;
        // Servers mostly send keys in declaration order: try the member after
        // the last match first, then scan (struct frames use `cursor` for this).
        std::size_t const n = table.size();
        for (std::size_t step = 0; step < n; ++step) {
            std::size_t const i = (f.cursor + step) % n;
            if (table[i].wire == k) {
                f.seen |= std::uint64_t{1} << i;
                f.cursor = i + 1;
                return c.push(table[i].ops, table[i].address(f.target), table[i].wire, detail::no_index);
            }
        }
        return c.push(&detail::skip_ops, nullptr, {}, detail::no_index);
    }
    static bool on_end_object(detail::context& c, detail::frame& f)
    {
        constexpr std::uint64_t required = detail::required_mask<T>();
        if ((f.seen & required) != required) {
            auto const& table = detail::member_table<T>;
            for (std::size_t i = 0; i < table.size(); ++i)
                if (table[i].required && !(f.seen & (std::uint64_t{1} << i)))
                    return c.fail(error::missing_field, "required field \"" + std::string(table[i].wire) + "\" is missing",
                                  table[i].wire);
        }
        c.pop();
        return true;
    }
    static void encode(std::string& out, T const& v)
    {
        out += '{';
        bool first = true;
        boost::mp11::mp_for_each<detail::described_members<T>>([&](auto d) {
            using D = decltype(d);
            using M = detail::member_type_t<T, D>;
            auto const& m = v.*D::pointer;
            if constexpr (is_optional<M>::value) {
                if (!m)
                    return;  // absent stays absent
            }
            if (!first)
                out += ',';
            first = false;
            detail::write_string(out, wire_name<T>(D::name));
            out += ':';
            json_traits<M>::encode(out, m);
        });
        out += '}';
    }
};

// ---------------------------------------------------------------- the event table

namespace detail {

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

} // namespace detail
} // namespace cloudimg::json

#endif
