// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_HPP
#define CLOUDIMG_LXD_HPP

// The LXD images API without third-party extras. Uploads from files and
// export downloads: <cloudimg/lxd/upload.hpp>, <cloudimg/lxd/export.hpp>
// (the latter needs OpenSSL, target cloudimg::openssl).

#include <cloudimg/lxd/compiled.hpp>
#include <cloudimg/lxd/config.hpp>
#include <cloudimg/lxd/endpoints.hpp>
#include <cloudimg/lxd/extensions.hpp>
#include <cloudimg/lxd/filter.hpp>
#include <cloudimg/lxd/models.hpp>
#include <cloudimg/lxd/operations.hpp>
#include <cloudimg/lxd/provider.hpp>
#include <cloudimg/lxd/summary.hpp>
#include <cloudimg/lxd/unix_socket.hpp>

#endif
