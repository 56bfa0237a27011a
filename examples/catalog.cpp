// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Prints one JSON object per line for every endpoint of every provider,
// from compile-time reflection alone.

#include <cloudimg/catalog.hpp>
#include <cloudimg/hetzner.hpp>
#include <cloudimg/lxd.hpp>
#include <cloudimg/metal.hpp>
#include <cloudimg/openstack.hpp>
#include <cloudimg/oxide.hpp>

#include <cstdio>
#include <string>

int main()
{
    std::string out;
    cloudimg::append_catalog<cloudimg::hetzner::endpoints>(out);
    cloudimg::append_catalog<cloudimg::oxide::endpoints>(out);
    cloudimg::append_catalog<cloudimg::metal::endpoints>(out);
    cloudimg::append_catalog<cloudimg::openstack::endpoints>(out);
    cloudimg::append_catalog<cloudimg::lxd::endpoints>(out);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}
