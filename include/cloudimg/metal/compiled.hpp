// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_METAL_COMPILED_HPP
#define CLOUDIMG_METAL_COMPILED_HPP

// metal-stack's endpoints in a separately compiled build (see cloudimg/compiled.hpp):
// declared here when CLOUDIMG_SEPARATE_COMPILATION is defined, defined by
// <cloudimg/metal/src.hpp>.

#include <cloudimg/compiled.hpp>
#include <cloudimg/metal/config.hpp>
#include <cloudimg/metal/endpoints.hpp>

/// Each endpoint with its configuration, in the order of `metal::endpoints`.
#define CLOUDIMG_METAL_ENDPOINTS(X) \
    X(cloudimg::metal::config, cloudimg::metal::create_image) \
    X(cloudimg::metal::config, cloudimg::metal::update_image) \
    X(cloudimg::metal::config, cloudimg::metal::delete_image) \
    X(cloudimg::metal::config, cloudimg::metal::find_image) \
    X(cloudimg::metal::config, cloudimg::metal::find_latest_image) \
    X(cloudimg::metal::config, cloudimg::metal::list_images) \
    X(cloudimg::metal::config, cloudimg::metal::find_images) \
    X(cloudimg::metal::config, cloudimg::metal::query_images)

CLOUDIMG_DETAIL_DECLARE_ENDPOINTS(CLOUDIMG_METAL_ENDPOINTS)

#endif
