// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_OXIDE_WIRE_SHAPES_HPP
#define CLOUDIMG_TESTS_OXIDE_WIRE_SHAPES_HPP

// Test-only: the wire shapes of the Oxide types that reflection cannot show,
// for schema_walk (conformance against the spec, lossless round trips).
// What they claim is checked in tests/oxide: uuid is a string that decodes
// only in the UUID form; block_size an integer of 32 bits that keeps unknown
// values; name_or_id a UUID or a Name, in that order, as in the spec's oneOf.

#include "../conformance/schema_walk.hpp"

#include <cloudimg/oxide/models.hpp>
#include <cloudimg/oxide/name_or_id.hpp>

#include <string>

template <>
struct schema_walk::wire_shape<cloudimg::oxide::uuid> {
    static node get()
    {
        node n;
        n.k = kind::string;
        n.format = "uuid";
        n.type_name = "uuid";
        return n;
    }
};

template <>
struct schema_walk::wire_shape<cloudimg::oxide::block_size> {
    static node get()
    {
        using cloudimg::oxide::block_size;
        node n;
        n.k = kind::integer;
        n.format = "uint32";
        n.open = true;
        n.type_name = "block_size";
        for (auto b : {block_size::bytes_512, block_size::bytes_2048, block_size::bytes_4096})
            n.values.insert(std::to_string(cloudimg::oxide::to_bytes(b)));
        return n;
    }
};

template <>
struct schema_walk::wire_shape<cloudimg::oxide::name_or_id> {
    static node get()
    {
        node name;
        name.k = kind::string;
        name.type_name = "name";
        node n;
        n.k = kind::one_of;
        n.type_name = "name_or_id";
        n.one_of = {wire_shape<cloudimg::oxide::uuid>::get(), name};
        return n;
    }
};

#endif
