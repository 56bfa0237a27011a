// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_OPENSTACK_WIRE_SHAPES_HPP
#define CLOUDIMG_TESTS_OPENSTACK_WIRE_SHAPES_HPP

// Test-only: the wire shapes of the OpenStack types that reflection cannot
// show, for schema_walk (conformance, lossless round trips). What they claim
// is checked in tests/openstack: any_value takes and gives back any JSON
// value; error_response is an object whose one key names a fault.

#include "../conformance/schema_walk.hpp"

#include <cloudimg/openstack/models.hpp>

template <>
struct schema_walk::wire_shape<cloudimg::openstack::any_value> {
    static node get()
    {
        node n;
        n.k = kind::any;
        n.type_name = "any_value";
        return n;
    }
};

template <>
struct schema_walk::wire_shape<cloudimg::openstack::error_response> {
    static node get()
    {
        node n;
        n.k = kind::map;
        n.type_name = "error_response";
        n.element.push_back(walk<cloudimg::openstack::fault>());
        return n;
    }
};

#endif
