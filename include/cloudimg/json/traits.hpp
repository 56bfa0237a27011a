// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_TRAITS_HPP
#define CLOUDIMG_JSON_TRAITS_HPP

// How each C++ type reads from and writes to JSON: `json_traits<T>` (fwd.hpp)
// for every family of shapes. Including this header makes them all known, so
// any combination (a vector of optional described structs holding a map of
// raw values) decodes and encodes.

#include <cloudimg/json/any_value.hpp>
#include <cloudimg/json/containers.hpp>
#include <cloudimg/json/custom_scalar.hpp>
#include <cloudimg/json/decode_options.hpp>
#include <cloudimg/json/described.hpp>
#include <cloudimg/json/fwd.hpp>
#include <cloudimg/json/optional.hpp>
#include <cloudimg/json/raw_value.hpp>
#include <cloudimg/json/scalars.hpp>
#include <cloudimg/json/single_entry.hpp>

#endif
