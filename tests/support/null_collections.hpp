// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_NULL_COLLECTIONS_HPP
#define CLOUDIMG_TESTS_SUPPORT_NULL_COLLECTIONS_HPP

// Test-only: a body with a required array or object replaced by null, as a
// Go server writes a nil slice or map, and its decode with and without
// `json::decode_options::null_collections_as_empty`. Each provider's model
// test uses it on its own golden or captured body.

#include <cloudimg/error.hpp>
#include <cloudimg/json.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace cloudimg::test_support {

/// The JSON of `file` (from its first '{' or '[', so a captured HTTP answer works too) with the value at `pointer` null.
inline std::string with_null_at(std::filesystem::path const& file, std::string_view pointer)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    std::string const text = s.str();
    auto const start = text.find_first_of("{[", text.find("\r\n\r\n") == std::string::npos ? 0 : text.find("\r\n\r\n"));
    boost::json::value v = boost::json::parse(text.substr(start));
    v.at_pointer(pointer) = nullptr;
    return boost::json::serialize(v);
}

/** `body` as a `T`: refused with a type mismatch at `path` by default, read
    with the null as empty when asked to. The lenient result, for more checks. */
template <class T>
result<T> decode_null_collection(std::string const& body, std::string const& path)
{
    auto strict = json::decode<T>(body);
    EXPECT_FALSE(strict) << path;
    if (!strict) {
        EXPECT_EQ(strict.error().code, error::type_mismatch) << strict.error().what();
        EXPECT_EQ(strict.error().path, path);
    }
    json::decode_options lenient;
    lenient.null_collections_as_empty = true;
    auto read = json::decode<T>(body, lenient);
    EXPECT_TRUE(read) << read.error().what();
    return read;
}

} // namespace cloudimg::test_support

#endif
