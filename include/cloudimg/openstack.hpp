// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSTACK_HPP
#define CLOUDIMG_OPENSTACK_HPP

/// OpenStack Compute (Nova) images API: models, endpoints, metadata rules,
/// microversions, configuration, pagination and Keystone v3 authentication.

#include <cloudimg/openstack/compiled.hpp>
#include <cloudimg/openstack/config.hpp>
#include <cloudimg/openstack/endpoints.hpp>
#include <cloudimg/openstack/keystone.hpp>
#include <cloudimg/openstack/metadata.hpp>
#include <cloudimg/openstack/microversion.hpp>
#include <cloudimg/openstack/models.hpp>
#include <cloudimg/openstack/pagination.hpp>
#include <cloudimg/openstack/provider.hpp>
#include <cloudimg/openstack/summary.hpp>

#endif
