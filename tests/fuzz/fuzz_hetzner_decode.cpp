// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Fuzz target for the decoders of every Hetzner response body: the properties
// of fuzz_check.hpp, with the chunk split where the first byte says. Built with libFuzzer under clang (CLOUDIMG_BUILD_FUZZERS), and with
// replay_main.cpp as a ctest that replays a deterministic corpus.

#include "fuzz_check.hpp"

#include <cloudimg/hetzner.hpp>

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    if (size == 0)
        return 0;
    std::string_view const input(reinterpret_cast<char const*>(data) + 1, size - 1);
    std::size_t const split = input.empty() ? 0 : data[0] % (input.size() + 1);
    namespace hz = cloudimg::hetzner;
    fuzz::check<hz::list_images_response>(input, split);
    fuzz::check<hz::image_response>(input, split);
    fuzz::check<hz::action_list_response>(input, split);
    fuzz::check<hz::action_response>(input, split);
    fuzz::check<hz::error_response>(input, split);
    return 0;
}
