// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_FUZZ_FUZZ_CHECK_HPP
#define CLOUDIMG_TESTS_FUZZ_FUZZ_CHECK_HPP

// The properties every decoder fuzz target checks, for any input and any type:
// - decoding never crashes, leaks or reads out of bounds (sanitizers);
// - decoding in two chunks, split at `split`, gives exactly the same outcome
//   as decoding whole: same success, or same error code and path;
// - whatever decodes re-encodes to JSON that decodes to the same encoding.
// A violation prints the input and aborts.

#include <cloudimg/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace fuzz {

[[noreturn]] inline void violated(char const* what, std::string_view input)
{
    std::fprintf(stderr, "fuzz property violated: %s\ninput (%zu bytes): %.*s\n", what, input.size(),
                 static_cast<int>(input.size() < 2000 ? input.size() : 2000), input.data());
    std::abort();
}

template <class T>
void check(std::string_view input, std::size_t split)
{
    cloudimg::json::decode_options options;
    options.max_depth = 48;

    auto whole = cloudimg::json::decode<T>(input, options);

    T chunked{};
    cloudimg::json::decoder d(chunked, options);
    auto r = d.write(input.substr(0, split));
    if (r)
        r = d.write(input.substr(split));
    if (r)
        r = d.finish();

    if (whole.has_value() != r.has_value())
        violated("whole and chunked decoding disagree on success", input);
    if (!whole) {
        if (whole.error().code != r.error().code || whole.error().path != r.error().path)
            violated("whole and chunked decoding report different errors", input);
        return;
    }
    std::string const once = cloudimg::json::encode(*whole);
    if (once != cloudimg::json::encode(chunked))
        violated("whole and chunked decoding produced different values", input);
    auto again = cloudimg::json::decode<T>(once, options);
    if (!again)
        violated("an encoding of a decoded value does not decode", once);
    if (cloudimg::json::encode(*again) != once)
        violated("re-encoding is not stable", once);
}

/// A fuzz input: the first byte chooses where the body is split in two chunks.
struct split_input {
    std::string_view body;
    std::size_t split = 0;
};

inline bool split(std::uint8_t const* data, std::size_t size, split_input& out)
{
    if (size == 0)
        return false;
    out.body = std::string_view(reinterpret_cast<char const*>(data) + 1, size - 1);
    out.split = out.body.empty() ? 0 : data[0] % (out.body.size() + 1);
    return true;
}

/// Every property of `check` for each of `T...`: the body of a decoder fuzz target.
template <class... T>
int check_all(std::uint8_t const* data, std::size_t size)
{
    split_input in;
    if (split(data, size, in))
        (check<T>(in.body, in.split), ...);
    return 0;
}

} // namespace fuzz

#endif
