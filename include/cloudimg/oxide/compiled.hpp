// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OXIDE_COMPILED_HPP
#define CLOUDIMG_OXIDE_COMPILED_HPP

// Oxide's endpoints in a separately compiled build (see cloudimg/compiled.hpp):
// declared here when CLOUDIMG_SEPARATE_COMPILATION is defined, defined by
// <cloudimg/oxide/src.hpp>.

#include <cloudimg/compiled.hpp>
#include <cloudimg/oxide/config.hpp>
#include <cloudimg/oxide/endpoints.hpp>

/// Each endpoint with its configuration, in the order of `oxide::endpoints`.
#define CLOUDIMG_OXIDE_ENDPOINTS(X) \
    X(cloudimg::oxide::config, cloudimg::oxide::list_images) \
    X(cloudimg::oxide::config, cloudimg::oxide::create_image) \
    X(cloudimg::oxide::config, cloudimg::oxide::view_image) \
    X(cloudimg::oxide::config, cloudimg::oxide::delete_image) \
    X(cloudimg::oxide::config, cloudimg::oxide::promote_image) \
    X(cloudimg::oxide::config, cloudimg::oxide::demote_image)

CLOUDIMG_DETAIL_DECLARE_ENDPOINTS(CLOUDIMG_OXIDE_ENDPOINTS)

#endif
