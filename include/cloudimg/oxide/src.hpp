// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OXIDE_SRC_HPP
#define CLOUDIMG_OXIDE_SRC_HPP

// Include in exactly one .cpp file of a separately compiled build: it
// compiles Oxide's decoders and request builders (see cloudimg/compiled.hpp).

#include <cloudimg/oxide.hpp>

static_assert(cloudimg::detail::lists_every_endpoint<
                  boost::mp11::mp_list<void CLOUDIMG_OXIDE_ENDPOINTS(CLOUDIMG_DETAIL_LIST_ENDPOINT)>, cloudimg::oxide::endpoints>,
              "CLOUDIMG_OXIDE_ENDPOINTS names every endpoint of oxide::endpoints, in order");

CLOUDIMG_OXIDE_ENDPOINTS(CLOUDIMG_DETAIL_DEFINE_ENDPOINT)

#endif
