// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_ASIO_HPP
#define CLOUDIMG_ASIO_HPP

// cloudimg on Asio (CMake target cloudimg::asio): the Boost.Beast transport,
// every endpoint as an operation with a completion token, and the helpers
// (pages, retries) as operations. Waiting for provider operations:
// cloudimg/asio/hetzner.hpp (actions) and cloudimg/asio/lxd.hpp (operations).

#include <cloudimg/asio/async_send.hpp>
#include <cloudimg/asio/pages.hpp>
#include <cloudimg/asio/retry.hpp>
#include <cloudimg/asio/transport.hpp>

#endif
