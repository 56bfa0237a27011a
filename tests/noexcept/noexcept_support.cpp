// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

#include "noexcept_support.hpp"

#include <boost/throw_exception.hpp>

#include <cstdio>
#include <cstdlib>

#if !defined(BOOST_NO_EXCEPTIONS)
#error "Boost did not detect -fno-exceptions (BOOST_NO_EXCEPTIONS is not defined)"
#endif
#if !defined(BOOST_NO_RTTI)
#error "Boost did not detect -fno-rtti (BOOST_NO_RTTI is not defined)"
#endif

// Boost declares these under BOOST_NO_EXCEPTIONS, noreturn, and leaves their
// definition to the program. Nothing in these tests may reach them: reaching
// one is a failure. (No [[noreturn]] here: clang wants it on the first declaration only.)
namespace boost {

void throw_exception(std::exception const& e)
{
    std::fprintf(stderr, "noexcept: boost::throw_exception reached: %s\n", e.what());
    std::abort();
}

void throw_exception(std::exception const& e, boost::source_location const& loc)
{
    std::fprintf(stderr, "noexcept: boost::throw_exception reached at %s:%u: %s\n", loc.file_name(),
                 static_cast<unsigned>(loc.line()), e.what());
    std::abort();
}

} // namespace boost

namespace noexcept_test {

namespace {
int failures = 0;  // main() reports them
int checks = 0;
} // namespace

void check(bool ok, char const* what)
{
    ++checks;
    if (!ok) {
        std::fprintf(stderr, "noexcept: FAILED: %s\n", what);
        ++failures;
    }
}

} // namespace noexcept_test

int main()
{
    noexcept_test::decode();
    noexcept_test::encode();
    noexcept_test::build_requests();
    noexcept_test::parse_responses();
    if (noexcept_test::failures != 0) {
        std::fprintf(stderr, "noexcept: %d of %d check(s) failed\n", noexcept_test::failures, noexcept_test::checks);
        return 1;
    }
    std::printf("noexcept: all %d checks passed\n", noexcept_test::checks);
    return 0;
}
