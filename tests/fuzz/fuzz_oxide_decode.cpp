// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Fuzz target for the decoders of every Oxide image response body and its
// error body: the properties of fuzz_check.hpp.

#include "fuzz_check.hpp"

#include <cloudimg/oxide.hpp>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    namespace ox = cloudimg::oxide;
    return fuzz::check_all<ox::image_results_page, ox::image, ox::error_response>(data, size);
}
