// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSTACK_SRC_HPP
#define CLOUDIMG_OPENSTACK_SRC_HPP

// Include in exactly one .cpp file of a separately compiled build: it
// compiles OpenStack Compute's decoders and request builders (see cloudimg/compiled.hpp).

#include <cloudimg/openstack.hpp>

CLOUDIMG_DETAIL_DEFINE_ENDPOINTS(CLOUDIMG_OPENSTACK_ENDPOINTS, cloudimg::openstack::endpoints)

#endif
