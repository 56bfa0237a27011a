// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_HPP
#define CLOUDIMG_JSON_HPP

#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/json/traits.hpp>

#endif
