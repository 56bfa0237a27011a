// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_CONSUMER_PROJECT_CHECK_HPP
#define CLOUDIMG_TESTS_CONSUMER_PROJECT_CHECK_HPP

// The checks of the consumer programs: plain, so that the consumer project
// needs nothing but the installed cloudimg package.

#include <iostream>
#include <string_view>

namespace consumer {

/// How many checks failed so far; a program exits non-zero if any did.
inline int failures = 0;

/** Record a check: a failed one is printed and counted in `failures`.

    @code
    consumer::check(req.has_value(), "prepare(get_image) succeeds");
    @endcode
*/
inline void check(bool ok, std::string_view what)
{
    if (!ok) {
        std::cerr << "consumer: FAILED: " << what << '\n';
        ++failures;
    }
}

} // namespace consumer

#endif
