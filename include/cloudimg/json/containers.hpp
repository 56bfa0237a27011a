// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_CONTAINERS_HPP
#define CLOUDIMG_JSON_CONTAINERS_HPP

// Containers: `std::vector<T>` is a JSON array, `std::map<std::string, T>` a
// JSON object with arbitrary keys. Elements go straight into their slot; an
// error names the element (`images[3].created`) or the key (`labels.env`).
// `null` is a type mismatch, or empty with `decode_options::null_collections_as_empty`.

#include <cloudimg/json/detail/frame.hpp>
#include <cloudimg/json/detail/ops.hpp>
#include <cloudimg/json/detail/write_string.hpp>
#include <cloudimg/json/fwd.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace cloudimg::json {

namespace detail {

// `null` where a collection is required: empty when the caller opted in, else a mismatch.
template <class Collection>
bool on_null_collection(context& c, frame& f)
{
    if (!c.options.null_collections_as_empty)
        return mismatch(c, f, "null");
    static_cast<Collection*>(f.target)->clear();
    c.pop();
    return true;
}

// How many elements the last array of `T`s held, shared by every decoder
// and thread (a relaxed atomic: only a hint). A server sends its list pages
// at one size (its page size, or all there is): the next array reserves that
// many at its first element, one allocation where growing by doubling from
// four takes five for 50 elements, and moves 60.
template <class T>
inline constinit std::atomic<std::uint32_t> last_array_size{0};

// What an array of `T`s reserves at its first element: the last such array's
// size, within 64 KiB of elements (a hint must not make a short array costly),
// and room for a few at least (as Rust's Vec does, not 1, 2, 4: the short
// arrays of a page, links and aliases, then cost one allocation, not three).
template <class T>
std::size_t first_capacity() noexcept
{
    constexpr std::size_t at_least = sizeof(T) <= 1024 ? 4 : 1;
    constexpr std::size_t at_most = std::max<std::size_t>(at_least, (std::size_t{64} << 10) / sizeof(T));
    return std::clamp<std::size_t>(last_array_size<T>.load(std::memory_order_relaxed), at_least, at_most);
}

} // namespace detail

/// JSON arrays; decoding replaces the contents.
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
        if (v.capacity() == 0) [[unlikely]]
            v.reserve(detail::first_capacity<T>());
        v.emplace_back();
        return c.push(&detail::ops_for<T>, &v.back(), {}, v.size() - 1);
    }
    static bool on_end_array(detail::context& c, detail::frame& f)
    {
        auto const& v = *static_cast<vector_type*>(f.target);
        auto const size = static_cast<std::uint32_t>(std::min<std::size_t>(v.size(), UINT32_MAX));
        auto& last = detail::last_array_size<T>;
        if (last.load(std::memory_order_relaxed) != size)  // written only on a change: no line bouncing between threads
            last.store(size, std::memory_order_relaxed);
        c.pop();
        return true;
    }
    static bool on_null(detail::context& c, detail::frame& f) { return detail::on_null_collection<vector_type>(c, f); }
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
        // Servers mostly send keys sorted (Go's encoding/json always does):
        // with the end as hint, a key after the last one goes in with one
        // comparison and no search. The node is built in place (no key or
        // value made aside and moved in); a key already there keeps its node.
        auto const before = m.size();
        auto it = m.emplace_hint(m.end(), std::piecewise_construct, std::forward_as_tuple(k), std::tuple<>());
        if (m.size() == before) [[unlikely]]
            it->second = T{};  // a repeated key: the last one wins
        return c.push(&detail::ops_for<T>, &it->second, it->first, detail::no_index);
    }
    static bool on_end_object(detail::context& c, detail::frame&)
    {
        c.pop();
        return true;
    }
    static bool on_null(detail::context& c, detail::frame& f) { return detail::on_null_collection<map_type>(c, f); }
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

} // namespace cloudimg::json

#endif
