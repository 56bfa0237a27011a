// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_DESCRIBED_HPP
#define CLOUDIMG_JSON_DESCRIBED_HPP

// Types described with Boost.Describe: structs are JSON objects, enums are
// JSON strings (their wire names, see wire_name.hpp), and `open_enum` keeps
// the strings it does not know. A type that also declares a hook of
// custom_scalar.hpp or single_entry.hpp travels as the hook says.

#include <cloudimg/error.hpp>
#include <cloudimg/json/detail/frame.hpp>
#include <cloudimg/json/detail/hooks.hpp>
#include <cloudimg/json/detail/ops.hpp>
#include <cloudimg/json/detail/write_string.hpp>
#include <cloudimg/json/fwd.hpp>
#include <cloudimg/nullable.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/config.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace cloudimg::json {

/// Closed enums: only for values the client sends; responses use `open_enum`.
template <class E>
struct json_traits<E, std::enable_if_t<boost::describe::has_describe_enumerators<E>::value && !detail::has_json_hook<E>>> {
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

/// Enums the server may extend: an unknown string is kept and re-encoded unchanged.
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

namespace detail {

template <class T>
using described_members = boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;

template <class T, class D>
using member_type_t = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;

struct member_entry {
    std::string_view wire;
    // Push the member's frame, its object being the parent frame's target:
    // the key's handler ends in this call, with the member's table, address
    // and name as constants here, so the handler itself keeps no registers.
    bool (*enter)(context&, frame& parent) = nullptr;
    bool required = false;
};

template <class T, class D>
bool enter_member(context& c, frame& parent)
{
    using M = member_type_t<T, D>;
    static constexpr std::string_view wire = wire_name<T>(D::name);
    return c.push(&ops_for<M>, &(static_cast<T*>(parent.target)->*D::pointer), wire, no_index);
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
        table[i++] = member_entry{wire_name<T>(D::name), &enter_member<T, D>, !is_optional<M>::value};
    });
    return table;
}

template <class T>
inline constexpr auto member_table = make_member_table<T>();

// Key comparison without a call: words of 8 bytes, the last one overlapping
// the one before (two overlapping loads of 4 below 8 bytes).
BOOST_FORCEINLINE bool same_key(std::string_view wire, std::string_view k) noexcept
{
    std::size_t const n = k.size();
    if (wire.size() != n)
        return false;
    char const* a = wire.data();
    char const* b = k.data();
    auto differ = [&]<class U>(U, std::size_t at) {
        U x, y;
        std::memcpy(&x, a + at, sizeof x);
        std::memcpy(&y, b + at, sizeof y);
        return x != y;
    };
    if (n >= 8) {
        for (std::size_t at = 0; at + 8 < n; at += 8)  // longer names, word by word: still no call
            if (differ(std::uint64_t{}, at))
                return false;
        return !differ(std::uint64_t{}, n - 8);
    }
    if (n >= 4)
        return !differ(std::uint32_t{}, 0) && !differ(std::uint32_t{}, n - 4);
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i])
            return false;
    return true;
}

// The index of the member named `k`, looking from `start` on and wrapping
// around; `size` when there is none. Out of line: the caller's guess (see
// member_after) is mostly right, and this loop would make every key's
// handler save registers.
BOOST_NOINLINE inline std::size_t find_member(member_entry const* table, std::size_t size, std::size_t start,
                                              std::string_view k) noexcept
{
    std::size_t i = start;
    for (std::size_t step = 0; step < size; ++step, ++i) {
        if (i == size)
            i = 0;
        if (same_key(table[i].wire, k))
            return i;
    }
    return size;
}

template <class T>
constexpr std::uint64_t required_mask() noexcept
{
    std::uint64_t m = 0;
    for (std::size_t i = 0; i < member_table<T>.size(); ++i)
        if (member_table<T>[i].required)
            m |= std::uint64_t{1} << i;
    return m;
}

// Where each key of a `T` object is looked for first: slot 0 holds the
// member expected first, slot i + 1 the member expected after member i.
// Servers send every object of a type with its keys in one order (Go's
// struct order, Python's dict order), seldom the declaration order: each
// slot remembers the member that came next last time, so most keys cost
// one comparison. Shared by every decoder and thread; only a guess, so
// relaxed atomics (plain loads and stores) suffice. Constant-initialised
// to the declaration order.
template <std::size_t... I>
constexpr std::array<std::atomic<std::uint8_t>, sizeof...(I)> declaration_order(std::index_sequence<I...>) noexcept
{
    return {static_cast<std::uint8_t>(I)...};
}

template <class T>
inline constinit std::array<std::atomic<std::uint8_t>, member_table<T>.size() + 1> member_after =
    declaration_order(std::make_index_sequence<member_table<T>.size() + 1>{});

} // namespace detail

/// Described structs are JSON objects: unknown keys are skipped, missing required keys are errors.
template <class T>
struct json_traits<T, std::enable_if_t<boost::describe::has_describe_members<T>::value && std::is_class_v<T> &&
                                       !detail::has_json_hook<T>>> {
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
    // The key's handler makes no call of its own, only calls it ends in, so
    // it saves no registers; the member's entry pushes the member's frame.
    static bool on_key(detail::context& c, detail::frame& f, std::string_view k)
    {
        // `cursor` is the slot of detail::member_after for this key: 0 for
        // the first key, else 1 + the member of the key before.
        std::size_t const i = detail::member_after<T>[f.cursor].load(std::memory_order_relaxed);
        if (i == members || !detail::same_key(detail::member_table<T>[i].wire, k)) [[unlikely]]
            return on_unexpected_key(c, f, k);
        return enter(c, f, i);
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

private:
    static constexpr std::size_t members = detail::member_table<T>.size();

    static bool enter(detail::context& c, detail::frame& f, std::size_t i)
    {
        f.seen |= std::uint64_t{1} << i;
        f.cursor = static_cast<std::uint32_t>(i + 1);
        return detail::member_table<T>[i].enter(c, f);
    }
    // Not the member that came next last time: search them all, and remember.
    BOOST_NOINLINE static bool on_unexpected_key(detail::context& c, detail::frame& f, std::string_view k)
    {
        auto& guess = detail::member_after<T>[f.cursor];
        std::size_t const i =
            detail::find_member(detail::member_table<T>.data(), members, guess.load(std::memory_order_relaxed), k);
        if (i == members)
            return c.push(&detail::skip_ops, nullptr, {}, detail::no_index);
        guess.store(static_cast<std::uint8_t>(i), std::memory_order_relaxed);
        return enter(c, f, i);
    }
};

} // namespace cloudimg::json

#endif
