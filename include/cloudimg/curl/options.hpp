// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_CURL_OPTIONS_HPP
#define CLOUDIMG_CURL_OPTIONS_HPP

// The libcurl transports' options: the options every cloudimg transport
// shares. This header needs no libcurl.

#include <cloudimg/transport_options.hpp>

namespace cloudimg::curl {

/// How a libcurl transport connects and how much it accepts (see `transport_options`).
using options = transport_options;

} // namespace cloudimg::curl

#endif
