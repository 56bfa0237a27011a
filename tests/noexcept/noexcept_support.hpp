// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_NOEXCEPT_NOEXCEPT_SUPPORT_HPP
#define CLOUDIMG_TESTS_NOEXCEPT_NOEXCEPT_SUPPORT_HPP

// What every -fno-exceptions -fno-rtti test program shares: plain checks (GoogleTest
// needs exceptions in places), and in noexcept_support.cpp the `main` that
// runs the four paths each program defines, and the definitions of
// boost::throw_exception that Boost leaves to a program built without
// exceptions. Reaching one of those is a failure: the library must report
// every error as a value.

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "the noexcept tests must be compiled with -fno-exceptions"
#endif
#if defined(__cpp_rtti) || defined(__GXX_RTTI)
#error "the noexcept tests must be compiled with -fno-rtti"
#endif

#include <cloudimg/json/decode.hpp>

#include <string_view>

namespace noexcept_test {

/** Record a check: a failed one is printed, and main() then exits with 1.

    @code
    noexcept_test::check(r.has_value(), "decode image_response");
    @endcode
*/
void check(bool ok, char const* what);

/** Whether `text` decodes into `out` when written to the incremental decoder
    one byte at a time: it keeps its state across every possible cut.

    @code
    check(decodes_byte_by_byte(text, page), "incremental decode");
    @endcode
*/
template <class T>
bool decodes_byte_by_byte(std::string_view text, T& out)
{
    cloudimg::json::decoder d(out);
    for (char c : text)
        if (!d.write(std::string_view(&c, 1)))
            return false;
    return d.finish().has_value();
}

// The paths a user takes, each defined by every program and run in this order by main().
void decode();           ///< JSON into the models, whole and in pieces; errors with their paths
void encode();           ///< request bodies, and their round trip
void build_requests();   ///< prepare(): targets, headers, bodies, refusals
void parse_responses();  ///< success, error and undecodable responses

} // namespace noexcept_test

#endif
