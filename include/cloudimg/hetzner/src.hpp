// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_SRC_HPP
#define CLOUDIMG_HETZNER_SRC_HPP

// Include in exactly one .cpp file of a separately compiled build: it
// compiles Hetzner Cloud's decoders and request builders (see cloudimg/compiled.hpp).

#include <cloudimg/hetzner.hpp>

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations" // get_image_action
#endif
CLOUDIMG_DETAIL_DEFINE_ENDPOINTS(CLOUDIMG_HETZNER_ENDPOINTS, cloudimg::hetzner::endpoints)
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#endif
