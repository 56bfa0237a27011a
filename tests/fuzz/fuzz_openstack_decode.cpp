// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Fuzz target for the decoders of every Nova images response body, the error
// envelope and Keystone's token body: the properties of fuzz_check.hpp, with
// the chunk split where the first byte says. `any_value` (image metadata)
// re-serialises whatever JSON it meets, so it gets every input. Built with
// libFuzzer under clang (CLOUDIMG_BUILD_FUZZERS), and with replay_main.cpp as
// a ctest that replays a deterministic corpus.

#include "fuzz_check.hpp"

#include <cloudimg/openstack.hpp>

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    if (size == 0)
        return 0;
    std::string_view const input(reinterpret_cast<char const*>(data) + 1, size - 1);
    std::size_t const split = input.empty() ? 0 : data[0] % (input.size() + 1);
    namespace os = cloudimg::openstack;
    fuzz::check<os::list_images_response>(input, split);
    fuzz::check<os::list_images_detail_response>(input, split);
    fuzz::check<os::image_response>(input, split);
    fuzz::check<os::metadata_response>(input, split);
    fuzz::check<os::meta_response>(input, split);
    fuzz::check<os::error_response>(input, split);
    fuzz::check<os::any_value>(input, split);
    fuzz::check<os::keystone::token_response>(input, split);
    return 0;
}
