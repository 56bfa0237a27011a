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

#include <boost/config.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

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

// 64 bytes, one cache line: pushed and popped once per value. No member
// initializers: push writes the fields every value uses and an object's
// on_begin_object the ones only objects use, so constructing the stack's
// inline frames with each decoder only zeroes their keys (string_view's own
// default).
struct frame {
    value_ops const* ops;
    void* target;
    std::string_view key;      // member or map key in the parent, for error paths
    std::size_t index;         // element index in the parent array, or no_index
    std::uint64_t seen;        // objects: which members were present (set by the type's on_begin_object)
    std::uint32_t skip_depth;  // skipped and raw values: nesting below this frame (at most the depth limit)
    std::uint32_t cursor;      // described structs: 1 + the member of the last key, 0 before the first (set like seen)
    frame_state state;
};

// The stack of frames. The first ones live inside the decoder, so a document
// of ordinary depth costs no allocation; deeper ones move to the heap. A push
// may therefore move every frame: handlers take the frame they are given and
// never use it after pushing another.
class frame_stack {
public:
    frame_stack() = default;
    frame_stack(frame_stack const&) = delete;
    frame_stack& operator=(frame_stack const&) = delete;

    bool empty() const noexcept { return size_ == 0; }
    std::size_t size() const noexcept { return size_; }
    frame& back() noexcept { return base_[size_ - 1]; }
    frame const& operator[](std::size_t i) const noexcept { return base_[i]; }

    /// A new top frame for a value: written in place, field by field (a
    /// frame built aside and copied in costs a store-forwarding stall).
    /// Returns true: a handler can end in it, and the growing is a call it
    /// ends in too, so the handler saves no registers for it.
    bool push(value_ops const* ops, void* target, std::string_view key, std::size_t index)
    {
        if (size_ == capacity_) [[unlikely]]
            return grow_and_push(ops, target, key, index);
        frame& f = base_[size_++];
        f.ops = ops;
        f.target = target;
        f.key = key;
        f.index = index;
        f.skip_depth = 0;
        f.state = frame_state::value;
        return true;
    }
    void pop_back() noexcept { --size_; }

private:
    static constexpr std::size_t inline_capacity = 16;

    // Out of line: inlined, it would make push save six registers on every call.
    BOOST_NOINLINE bool grow_and_push(value_ops const* ops, void* target, std::string_view key, std::size_t index)
    {
        auto bigger = std::make_unique<frame[]>(capacity_ * 2);
        std::copy(base_, base_ + size_, bigger.get());
        heap_ = std::move(bigger);
        base_ = heap_.get();
        capacity_ *= 2;
        return push(ops, target, key, index);
    }

    frame inline_[inline_capacity];
    std::unique_ptr<frame[]> heap_;
    frame* base_ = inline_;
    std::size_t size_ = 0;
    std::size_t capacity_ = inline_capacity;
};

struct context {
    frame_stack stack;
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
        // The parser enforces the depth first: this is a second line of defence.
        if (stack.size() >= depth_limit + 2) [[unlikely]]
            return too_deep();
        return stack.push(ops, target, key, index);
    }

    void pop() noexcept { stack.pop_back(); }

private:
    // Out of line, so that push stays small enough to inline everywhere.
    BOOST_NOINLINE bool too_deep() { return fail(error::limit_exceeded, "nesting too deep"); }
};

} // namespace cloudimg::json::detail

#endif
