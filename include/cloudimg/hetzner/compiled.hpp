// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_COMPILED_HPP
#define CLOUDIMG_HETZNER_COMPILED_HPP

// Hetzner Cloud's endpoints in a separately compiled build (see cloudimg/compiled.hpp):
// declared here when CLOUDIMG_SEPARATE_COMPILATION is defined, defined by
// <cloudimg/hetzner/src.hpp>.

#include <cloudimg/compiled.hpp>
#include <cloudimg/hetzner/config.hpp>
#include <cloudimg/hetzner/endpoints.hpp>

/// Each endpoint with its configuration, in the order of `hetzner::endpoints`.
#define CLOUDIMG_HETZNER_ENDPOINTS(X) \
    X(cloudimg::hetzner::config, cloudimg::hetzner::list_images) \
    X(cloudimg::hetzner::config, cloudimg::hetzner::get_image) \
    X(cloudimg::hetzner::config, cloudimg::hetzner::update_image) \
    X(cloudimg::hetzner::config, cloudimg::hetzner::delete_image) \
    X(cloudimg::hetzner::config, cloudimg::hetzner::list_image_actions) \
    X(cloudimg::hetzner::config, cloudimg::hetzner::get_image_action) \
    X(cloudimg::hetzner::config, cloudimg::hetzner::change_image_protection) \
    X(cloudimg::hetzner::config, cloudimg::hetzner::list_images_actions) \
    X(cloudimg::hetzner::config, cloudimg::hetzner::get_images_action)

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations" // get_image_action
#endif
CLOUDIMG_DETAIL_DECLARE_ENDPOINTS(CLOUDIMG_HETZNER_ENDPOINTS)
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#endif
