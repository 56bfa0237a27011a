// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_NOEXCEPT_NOEXCEPT_SUPPORT_HPP
#define CLOUDIMG_TESTS_NOEXCEPT_NOEXCEPT_SUPPORT_HPP

// What every -fno-exceptions test program shares: plain checks (GoogleTest
// needs exceptions in places) and, in noexcept_support.cpp, the definitions of
// boost::throw_exception that Boost leaves to a program built without
// exceptions. Reaching one of those is a failure: the library must report
// every error as a value.

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "the noexcept tests must be compiled with -fno-exceptions"
#endif

namespace noexcept_test {

/** Record a check: a failed one is printed and makes `finish` fail.

    @code
    noexcept_test::check(r.has_value(), "decode image_response");
    @endcode
*/
void check(bool ok, char const* what);

/** The exit status of the program, after a summary line: 0 when every check passed.

    @code
    int main() { decode(); return noexcept_test::finish(); }
    @endcode
*/
int finish();

} // namespace noexcept_test

#endif
