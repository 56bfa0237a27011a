// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_NOEXCEPT_NO_EXCEPTIONS_HPP
#define CLOUDIMG_TESTS_NOEXCEPT_NO_EXCEPTIONS_HPP

// What every -fno-exceptions test program shares: the check that the mode is
// really on, Boost's throw hooks (which must never be reached), and a tally of
// checks. Included once per program, after the headers under test.

#include <boost/throw_exception.hpp>

#include <cstdio>
#include <cstdlib>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "this test must be compiled with -fno-exceptions"
#endif
#if !defined(BOOST_NO_EXCEPTIONS)
#error "Boost did not detect -fno-exceptions (BOOST_NO_EXCEPTIONS is not defined)"
#endif

// Boost declares these under BOOST_NO_EXCEPTIONS and leaves their definition to
// the program. Nothing in this test may reach them: reaching one is a failure.
namespace boost {

[[noreturn]] void throw_exception(std::exception const& e)
{
    std::fprintf(stderr, "noexcept: boost::throw_exception reached: %s\n", e.what());
    std::abort();
}

[[noreturn]] void throw_exception(std::exception const& e, boost::source_location const& loc)
{
    std::fprintf(stderr, "noexcept: boost::throw_exception reached at %s:%u: %s\n", loc.file_name(),
                 static_cast<unsigned>(loc.line()), e.what());
    std::abort();
}

} // namespace boost

namespace no_exceptions {

inline int failures = 0;

/// Count and report a failed check.
inline void check(bool ok, char const* what)
{
    if (!ok) {
        std::fprintf(stderr, "noexcept: FAILED: %s\n", what);
        ++failures;
    }
}

/// The program's exit code: 0 when every check passed.
inline int report()
{
    if (failures != 0) {
        std::fprintf(stderr, "noexcept: %d check(s) failed\n", failures);
        return 1;
    }
    std::puts("noexcept: all checks passed");
    return 0;
}

} // namespace no_exceptions

#endif
