// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPEN_ENUM_HPP
#define CLOUDIMG_OPEN_ENUM_HPP

#include <cloudimg/wire_name.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace cloudimg {

/** An enumeration the server may extend: a known enumerator, or the text it sent.

    APIs add enum values without a new version. Decoding never fails on an
    unknown value: it keeps the text, compares unequal to every enumerator and
    re-encodes unchanged.

    @code
    open_enum<image_type> t = image_type::snapshot;
    if (t == image_type::snapshot) ...
    if (!t.known()) log("new image type: ", t.wire());
    @endcode
*/
template <class E>
class open_enum {
public:
    open_enum() = default;
    constexpr open_enum(E e) noexcept : value_(e) {}

    /// From wire text: known if it names an enumerator, otherwise kept as is.
    static open_enum from_wire(std::string_view s)
    {
        open_enum r;
        if (auto e = enum_from_wire<E>(s))
            r.value_ = *e;
        else {
            r.known_ = false;
            r.unknown_.assign(s);
        }
        return r;
    }

    /// The enumerator, or nothing if the server sent an unknown value.
    constexpr std::optional<E> known() const noexcept
    {
        if (is_known())
            return value_;
        return std::nullopt;
    }
    constexpr bool is_known() const noexcept { return known_; }

    /// The text as on the wire.
    std::string_view wire() const noexcept { return is_known() ? enum_to_wire(value_) : std::string_view(unknown_); }

    friend bool operator==(open_enum const& a, E b) noexcept { return a.is_known() && a.value_ == b; }
    friend bool operator==(open_enum const& a, open_enum const& b) noexcept { return a.wire() == b.wire(); }

private:
    E value_{};
    bool known_ = true;
    std::string unknown_;  // the text, when not known
};

template <class T>
struct is_open_enum : std::false_type {};
template <class E>
struct is_open_enum<open_enum<E>> : std::true_type {};

} // namespace cloudimg

#endif
