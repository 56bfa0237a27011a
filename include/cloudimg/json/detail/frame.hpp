// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_DETAIL_FRAME_HPP
#define CLOUDIMG_JSON_DETAIL_FRAME_HPP

// The decoder is a stack of frames, one per JSON value being filled. A frame
// points at its C++ object and at a table of event handlers (`value_ops`)
// generated from `json_traits<T>` (detail/ops.hpp): the parser's SAX events
// go straight into the object, with no DOM in between.

#include <cloudimg/error.hpp>
#include <cloudimg/json/decode_options.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cloudimg::json::detail {

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
    // The exact text of the number being delivered, valid only during its
    // event: fields that keep raw JSON keep a number as it was written.
    std::string_view number;
    // False while a double's text is beyond what a double can hold (overflow
    // or underflow): raw JSON then keeps the text, typed fields refuse it.
    bool number_in_range = true;
    // The depth the parser enforces: options.max_depth capped at max_depth_limit.
    std::size_t depth_limit = 0;

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
        // The parser enforces the depth first; this guards the reserved capacity,
        // which frames rely on: a push never moves the frames below it.
        if (stack.size() >= depth_limit + 2)
            return fail(error::limit_exceeded, "nesting too deep");
        stack.push_back(frame{ops, target, key, index});
        return true;
    }

    void pop() noexcept { stack.pop_back(); }
};

} // namespace cloudimg::json::detail

#endif
