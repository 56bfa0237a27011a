// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_NULLABLE_HPP
#define CLOUDIMG_NULLABLE_HPP

#include <optional>
#include <type_traits>
#include <utility>

namespace cloudimg {

/** A value that is on the wire as itself or as JSON `null`.

    Three shapes a field can have, three spellings:

    - `T`                          the key is required, never null;
    - `nullable<T>`                the key is required, may be `null`;
    - `std::optional<T>`           the key may be absent (an absent key is never sent);
    - `std::optional<nullable<T>>` absent, `null` and a value are three different
                                   things, as in PATCH bodies.

    An empty `nullable` encodes as `null`; an empty `std::optional` member is
    left out. On input a `std::optional` member also accepts `null`, so a
    server that writes `null` for "not set" still decodes.
*/
template <class T>
class nullable : public std::optional<T> {
public:
    using std::optional<T>::optional;
    nullable() = default;

    /// Assign a value, or `std::nullopt` for null.
    template <class U = T>
        requires std::is_constructible_v<std::optional<T>, U&&> && (!std::is_same_v<std::remove_cvref_t<U>, nullable>)
    nullable& operator=(U&& v)
    {
        std::optional<T>::operator=(std::forward<U>(v));
        return *this;
    }

    friend bool operator==(nullable const&, nullable const&) = default;
};

template <class T>
struct is_nullable : std::false_type {};
template <class T>
struct is_nullable<nullable<T>> : std::true_type {};

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

} // namespace cloudimg

#endif
