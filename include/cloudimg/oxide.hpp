// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OXIDE_HPP
#define CLOUDIMG_OXIDE_HPP

/// Oxide images API: models, endpoints, names and ids, configuration and pagination.

#include <cloudimg/oxide/compiled.hpp>
#include <cloudimg/oxide/config.hpp>
#include <cloudimg/oxide/endpoints.hpp>
#include <cloudimg/oxide/models.hpp>
#include <cloudimg/oxide/name_or_id.hpp>
#include <cloudimg/oxide/pagination.hpp>
#include <cloudimg/oxide/provider.hpp>
#include <cloudimg/oxide/summary.hpp>

#endif
