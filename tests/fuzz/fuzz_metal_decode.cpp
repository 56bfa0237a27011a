// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Fuzz target for the decoders of every metal-stack image response body, the
// request bodies and the error body: the properties of fuzz_check.hpp.

#include "fuzz_check.hpp"

#include <cloudimg/metal.hpp>

#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    namespace mt = cloudimg::metal;
    return fuzz::check_all<mt::image, std::vector<mt::image>, mt::image_create_request, mt::image_update_request,
                           mt::image_find_request, mt::http_error_response>(data, size);
}
