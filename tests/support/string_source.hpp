// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_STRING_SOURCE_HPP
#define CLOUDIMG_TESTS_SUPPORT_STRING_SOURCE_HPP

// A body_source over bytes in memory, for tests that stream small bodies.

#include <cloudimg/http.hpp>

#include <algorithm>
#include <cstdint>
#include <string>

namespace cloudimg::test_support {

/** The bytes of `data`, handed out in reads of at most `chunk` bytes (to
    exercise a transport's read loop); rewindable.

    @code
    cloudimg::stream_body body{"application/octet-stream", cloudimg::body_source(string_source{"bytes"})};
    @endcode
*/
struct string_source {
    std::string data;
    std::size_t chunk = static_cast<std::size_t>(-1);
    std::size_t pos = 0;

    std::uint64_t size() const { return data.size(); }
    boost::system::result<std::size_t> read(char* dest, std::size_t max)
    {
        std::size_t const n = std::min({max, chunk, data.size() - pos});
        std::copy_n(data.data() + pos, n, dest);
        pos += n;
        return n;
    }
    boost::system::error_code rewind()
    {
        pos = 0;
        return {};
    }
};

} // namespace cloudimg::test_support

#endif
