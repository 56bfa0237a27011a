// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_METAL_HPP
#define CLOUDIMG_METAL_HPP

/// metal-stack images API (metal-api /v1/image): models, endpoints, configuration and the image id helper.
/// HMAC signing needs OpenSSL and is not included here: include <cloudimg/metal/hmac.hpp> and link cloudimg::openssl.

#include <cloudimg/metal/compiled.hpp>
#include <cloudimg/metal/config.hpp>
#include <cloudimg/metal/endpoints.hpp>
#include <cloudimg/metal/image_id.hpp>
#include <cloudimg/metal/models.hpp>
#include <cloudimg/metal/provider.hpp>
#include <cloudimg/metal/summary.hpp>

#endif
