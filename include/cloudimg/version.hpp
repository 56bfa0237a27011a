// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_VERSION_HPP
#define CLOUDIMG_VERSION_HPP

#define CLOUDIMG_VERSION_MAJOR 0
#define CLOUDIMG_VERSION_MINOR 1
#define CLOUDIMG_VERSION_PATCH 0
#define CLOUDIMG_VERSION_STRING "0.1.0"

namespace cloudimg {

/// The library version, as sent in the default `User-Agent` ("cloudimg/0.1.0").
inline constexpr char const version_string[] = CLOUDIMG_VERSION_STRING;
inline constexpr char const user_agent[] = "cloudimg/" CLOUDIMG_VERSION_STRING;

} // namespace cloudimg

#endif
