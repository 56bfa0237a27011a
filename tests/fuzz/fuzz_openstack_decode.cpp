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

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    namespace os = cloudimg::openstack;
    return fuzz::check_all<os::list_images_response, os::list_images_detail_response, os::image_response,
                           os::metadata_response, os::meta_response, os::error_response, os::any_value,
                           os::keystone::token_response>(data, size);
}
