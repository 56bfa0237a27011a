// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_DETAIL_TYPE_NAME_HPP
#define CLOUDIMG_DETAIL_TYPE_NAME_HPP

#include <string_view>

namespace cloudimg::detail {

// The unqualified name of a class type, read from the compiler's function
// signature so that the catalog needs no hand-written name table.
template <class T>
constexpr std::string_view type_name() noexcept
{
#if defined(__clang__) || defined(__GNUC__)
    std::string_view s = __PRETTY_FUNCTION__;
    std::string_view const key = "T = ";
    auto b = s.find(key) + key.size();
    auto e = s.find_first_of(";]", b);
    s = s.substr(b, e - b);
#else
#error "cloudimg::detail::type_name needs GCC or Clang"
#endif
    // strip template arguments, then namespaces
    if (auto lt = s.find('<'); lt != std::string_view::npos)
        s = s.substr(0, lt);
    if (auto c = s.rfind("::"); c != std::string_view::npos)
        s = s.substr(c + 2);
    return s;
}

} // namespace cloudimg::detail

#endif
