// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Fuzz target for the decoders of every Hetzner response body: the properties
// of fuzz_check.hpp, with the chunk split where the first byte says. Built with libFuzzer under clang (CLOUDIMG_BUILD_FUZZERS), and with
// replay_main.cpp as a ctest that replays a deterministic corpus.

#include "fuzz_check.hpp"

#include <cloudimg/hetzner.hpp>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    namespace hz = cloudimg::hetzner;
    return fuzz::check_all<hz::list_images_response, hz::image_response, hz::action_list_response, hz::action_response,
                           hz::error_response>(data, size);
}
