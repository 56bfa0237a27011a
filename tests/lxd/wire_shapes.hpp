// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_LXD_WIRE_SHAPES_HPP
#define CLOUDIMG_TESTS_LXD_WIRE_SHAPES_HPP

// Test-only: the wire shapes of the LXD types that reflection cannot show,
// for schema_walk. The result types of the LXD endpoints stand for the
// `metadata` of LXD's envelope, which the provider unwraps: a tagged object is
// the object (its ETag is a header), a started or polled operation is an
// Operation, and a created alias or an export head carry no JSON at all (a
// Location header, a binary body). The parameter types: form_values is one
// header of `k=v&k=v` pairs, recursion_level<N> the integer N and nothing
// else; an upload's stream_body is raw bytes. An operation's decimal_size is
// a string of digits.

#include "../conformance/schema_walk.hpp"

#include <cloudimg/lxd/endpoints.hpp>
#include <cloudimg/lxd/models.hpp>
#include <cloudimg/lxd/provider.hpp>

#include <string>

template <class T>
struct schema_walk::wire_shape<cloudimg::lxd::tagged<T>> {
    static node get() { return walk<T>(); }
};

template <class M>
struct schema_walk::wire_shape<cloudimg::lxd::async_operation<M>> {
    static node get() { return walk<cloudimg::lxd::operation>(); }
};

template <class M>
struct schema_walk::wire_shape<cloudimg::lxd::token_operation<M>> {
    static node get() { return walk<cloudimg::lxd::operation>(); }
};

template <class M>
struct schema_walk::wire_shape<cloudimg::lxd::operation_status<M>> {
    static node get() { return walk<cloudimg::lxd::operation>(); }
};

template <>
struct schema_walk::wire_shape<cloudimg::lxd::created> {
    static node get() { return node{}; }  // kind::empty: metadata is null, the answer is the Location header
};

template <>
struct schema_walk::wire_shape<cloudimg::lxd::export_head> {
    static node get() { return node{}; }  // kind::empty: the body is the image, not JSON
};

template <>
struct schema_walk::wire_shape<cloudimg::lxd::decimal_size> {
    static node get()  // "size": "285", a count of bytes written as a string
    {
        node n;
        n.k = kind::string;
        n.format = "decimal";
        n.type_name = "decimal_size";
        return n;
    }
};

template <>
struct schema_walk::wire_shape<cloudimg::lxd::form_values> {
    static node get()
    {
        node n;
        n.k = kind::map;
        n.type_name = "form_values";
        n.element.push_back(walk<std::string>());
        return n;
    }
};

template <>
struct schema_walk::wire_shape<cloudimg::stream_body> {
    static node get()  // raw bytes, as OpenAPI writes an upload: a string of format "binary"
    {
        node n;
        n.k = kind::string;
        n.format = "binary";
        n.type_name = "stream_body";
        return n;
    }
};

template <int Level>
struct schema_walk::wire_shape<cloudimg::lxd::recursion_level<Level>> {
    static node get()
    {
        node n;
        n.k = kind::integer;
        n.format = "int32";
        n.type_name = "recursion_level";
        n.values.insert(std::to_string(Level));
        return n;
    }
};

#endif
