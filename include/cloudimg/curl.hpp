// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_CURL_HPP
#define CLOUDIMG_CURL_HPP

// libcurl transports for cloudimg (CMake target cloudimg::curl): the
// umbrella of include/cloudimg/curl/. The core never includes it, so only
// programs that use it need libcurl.

#include <cloudimg/curl/easy.hpp>
#include <cloudimg/curl/options.hpp>
#include <cloudimg/curl/transport.hpp>

#endif
