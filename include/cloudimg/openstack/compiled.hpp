// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSTACK_COMPILED_HPP
#define CLOUDIMG_OPENSTACK_COMPILED_HPP

// OpenStack Compute's endpoints in a separately compiled build (see cloudimg/compiled.hpp):
// declared here when CLOUDIMG_SEPARATE_COMPILATION is defined, defined by
// <cloudimg/openstack/src.hpp>.

#include <cloudimg/compiled.hpp>
#include <cloudimg/openstack/config.hpp>
#include <cloudimg/openstack/endpoints.hpp>

/// Each endpoint with its configuration, in the order of `openstack::endpoints`.
#define CLOUDIMG_OPENSTACK_ENDPOINTS(X) \
    X(cloudimg::openstack::config, cloudimg::openstack::list_images) \
    X(cloudimg::openstack::config, cloudimg::openstack::list_images_detail) \
    X(cloudimg::openstack::config, cloudimg::openstack::show_image) \
    X(cloudimg::openstack::config, cloudimg::openstack::delete_image) \
    X(cloudimg::openstack::config, cloudimg::openstack::list_image_metadata) \
    X(cloudimg::openstack::config, cloudimg::openstack::create_image_metadata) \
    X(cloudimg::openstack::config, cloudimg::openstack::replace_image_metadata) \
    X(cloudimg::openstack::config, cloudimg::openstack::show_image_metadata_item) \
    X(cloudimg::openstack::config, cloudimg::openstack::set_image_metadata_item) \
    X(cloudimg::openstack::config, cloudimg::openstack::delete_image_metadata_item)

CLOUDIMG_DETAIL_DECLARE_ENDPOINTS(CLOUDIMG_OPENSTACK_ENDPOINTS)

#endif
