// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_HPP
#define CLOUDIMG_HETZNER_HPP

/// Hetzner Cloud images API: models, endpoints, configuration and helpers.

#include <cloudimg/hetzner/actions.hpp>
#include <cloudimg/hetzner/compiled.hpp>
#include <cloudimg/hetzner/config.hpp>
#include <cloudimg/hetzner/endpoints.hpp>
#include <cloudimg/hetzner/label_selector.hpp>
#include <cloudimg/hetzner/models.hpp>
#include <cloudimg/hetzner/pagination.hpp>
#include <cloudimg/hetzner/provider.hpp>
#include <cloudimg/hetzner/summary.hpp>
#include <cloudimg/hetzner/rate_limit.hpp>
#include <cloudimg/hetzner/retry.hpp>

#endif
