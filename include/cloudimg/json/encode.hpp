// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_ENCODE_HPP
#define CLOUDIMG_JSON_ENCODE_HPP

#include <cloudimg/json/traits.hpp>

#include <string>

namespace cloudimg::json {

/// Append the JSON form of `value` to `out`: no DOM, no intermediate strings.
template <class T>
void encode_to(std::string& out, T const& value)
{
    json_traits<T>::encode(out, value);
}

/// The JSON form of `value`, compact.
template <class T>
std::string encode(T const& value)
{
    std::string out;
    encode_to(out, value);
    return out;
}

} // namespace cloudimg::json

#endif
