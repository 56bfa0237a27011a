// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_COMPILED_HPP
#define CLOUDIMG_LXD_COMPILED_HPP

// LXD's endpoints in a separately compiled build (see cloudimg/compiled.hpp):
// declared here when CLOUDIMG_SEPARATE_COMPILATION is defined, defined by
// <cloudimg/lxd/src.hpp>.

#include <cloudimg/compiled.hpp>
#include <cloudimg/lxd/config.hpp>
#include <cloudimg/lxd/endpoints.hpp>

/// Each endpoint with its configuration, in the order of `lxd::endpoints`.
#define CLOUDIMG_LXD_ENDPOINTS(X) \
    X(cloudimg::lxd::config, cloudimg::lxd::list_image_urls) \
    X(cloudimg::lxd::config, cloudimg::lxd::list_images) \
    X(cloudimg::lxd::config, cloudimg::lxd::create_image) \
    X(cloudimg::lxd::config, cloudimg::lxd::create_push_token) \
    X(cloudimg::lxd::config, cloudimg::lxd::upload_image) \
    X(cloudimg::lxd::config, cloudimg::lxd::get_image) \
    X(cloudimg::lxd::config, cloudimg::lxd::replace_image) \
    X(cloudimg::lxd::config, cloudimg::lxd::update_image) \
    X(cloudimg::lxd::config, cloudimg::lxd::delete_image) \
    X(cloudimg::lxd::config, cloudimg::lxd::export_image) \
    X(cloudimg::lxd::config, cloudimg::lxd::push_image) \
    X(cloudimg::lxd::config, cloudimg::lxd::refresh_image) \
    X(cloudimg::lxd::config, cloudimg::lxd::create_image_secret) \
    X(cloudimg::lxd::config, cloudimg::lxd::list_alias_urls) \
    X(cloudimg::lxd::config, cloudimg::lxd::list_aliases) \
    X(cloudimg::lxd::config, cloudimg::lxd::create_alias) \
    X(cloudimg::lxd::config, cloudimg::lxd::get_alias) \
    X(cloudimg::lxd::config, cloudimg::lxd::replace_alias) \
    X(cloudimg::lxd::config, cloudimg::lxd::update_alias) \
    X(cloudimg::lxd::config, cloudimg::lxd::rename_alias) \
    X(cloudimg::lxd::config, cloudimg::lxd::delete_alias) \
    X(cloudimg::lxd::config, cloudimg::lxd::get_server) \
    X(cloudimg::lxd::config, cloudimg::lxd::list_operation_urls) \
    X(cloudimg::lxd::config, cloudimg::lxd::list_operations) \
    X(cloudimg::lxd::config, cloudimg::lxd::get_operation<>) \
    X(cloudimg::lxd::config, cloudimg::lxd::wait_operation<>) \
    X(cloudimg::lxd::config, cloudimg::lxd::cancel_operation)

CLOUDIMG_DETAIL_DECLARE_ENDPOINTS(CLOUDIMG_LXD_ENDPOINTS)

#endif
