// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_METAL_SRC_HPP
#define CLOUDIMG_METAL_SRC_HPP

// Include in exactly one .cpp file of a separately compiled build: it
// compiles metal-stack's decoders and request builders (see cloudimg/compiled.hpp).

#include <cloudimg/metal.hpp>

CLOUDIMG_DETAIL_DEFINE_ENDPOINTS(CLOUDIMG_METAL_ENDPOINTS, cloudimg::metal::endpoints)

#endif
