// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/http.hpp>

#include <gtest/gtest.h>

#include <cstring>

using namespace cloudimg;

namespace {

TEST(header_list, case_insensitive_find_set_erase)
{
    header_list h;
    h.add("Content-Type", "a");
    h.add("X-Dup", "1");
    h.add("x-dup", "2");
    EXPECT_EQ(h.find("content-type"), "a");
    EXPECT_EQ(h.find("X-DUP"), "1");
    h.set("X-Dup", "3");
    EXPECT_EQ(h.size(), 2u);
    EXPECT_EQ(h.find("x-dup"), "3");
    h.erase("CONTENT-TYPE");
    EXPECT_FALSE(h.contains("Content-Type"));
}

struct counting_source {
    std::string data;
    std::size_t pos = 0;
    std::uint64_t size() const { return data.size(); }
    boost::system::result<std::size_t> read(char* d, std::size_t n)
    {
        n = std::min(n, data.size() - pos);
        std::memcpy(d, data.data() + pos, n);
        pos += n;
        return n;
    }
    boost::system::error_code rewind()
    {
        pos = 0;
        return {};
    }
};

TEST(body_source, pulls_and_rewinds)
{
    request req;
    req.body = body_source(counting_source{"hello world"});
    EXPECT_TRUE(req.has_body());
    EXPECT_EQ(req.body_size(), 11u);
    auto& src = std::get<body_source>(req.body);
    char buf[4];
    std::string got;
    for (;;) {
        auto n = src.read(buf, sizeof buf);
        ASSERT_TRUE(n);
        if (*n == 0)
            break;
        got.append(buf, *n);
    }
    EXPECT_EQ(got, "hello world");
    EXPECT_FALSE(src.rewind());
    auto n = src.read(buf, sizeof buf);
    EXPECT_EQ(std::string(buf, *n), "hell");
}

TEST(http_method, wire_names)
{
    EXPECT_EQ(to_string(http_method::delete_), "DELETE");
    EXPECT_EQ(to_string(http_method::patch), "PATCH");
}

} // namespace
