// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Nova's metadata rules (keys ^[a-zA-Z0-9-_:. ]{1,255}$, values of at most
// 255 characters) and microversion parsing, on their own. Agreement of the
// key rule with Nova's own schema is checked in tests/conformance.

// The header under test comes first: it must be self-contained.
#include <cloudimg/openstack/metadata.hpp>

#include <cloudimg/openstack/microversion.hpp>

#include <gtest/gtest.h>

#include <string>

namespace openstack = cloudimg::openstack;
using cloudimg::error;

namespace {

TEST(openstack_metadata, header_is_self_contained_and_keys_follow_the_pattern)
{
    for (std::string_view good : {"a", "Label", "os_distro", "hw:cpu_policy", "a-b", "a.b", "a b", "0", "-", ".", " ", "::"})
        EXPECT_TRUE(openstack::is_metadata_key(good)) << good;
    for (std::string_view bad : {"", "a/b", "a\\b", "a\tb", "a\nb", "caf\xc3\xa9", "a=b", "a?b", "a%20b", "a@b", "a+b"})
        EXPECT_FALSE(openstack::is_metadata_key(bad)) << bad;
    EXPECT_TRUE(openstack::is_metadata_key(std::string(255, 'a')));
    EXPECT_FALSE(openstack::is_metadata_key(std::string(256, 'a')));
}

TEST(openstack_metadata, values_are_valid_utf8_of_at_most_255_characters)
{
    using openstack::detail::utf8_length;
    EXPECT_EQ(utf8_length(""), 0u);
    EXPECT_EQ(utf8_length("abc"), 3u);
    EXPECT_EQ(utf8_length("caf\xc3\xa9"), 4u);
    EXPECT_EQ(utf8_length("\xe2\x80\x94"), 1u);
    EXPECT_EQ(utf8_length("\xf0\x9f\x98\x80"), 1u);
    EXPECT_EQ(utf8_length("\xf4\x8f\xbf\xbf"), 1u);        // U+10FFFF
    EXPECT_FALSE(utf8_length("\xf4\x90\x80\x80"));         // above U+10FFFF
    EXPECT_FALSE(utf8_length("\xc0\xaf"));                 // overlong '/'
    EXPECT_FALSE(utf8_length("\xe0\x80\xaf"));             // overlong
    EXPECT_FALSE(utf8_length("\xed\xa0\x80"));             // a surrogate
    EXPECT_FALSE(utf8_length("\x80"));                     // a lone continuation byte
    EXPECT_FALSE(utf8_length("\xc3"));                     // cut short
    EXPECT_FALSE(utf8_length("\xe2\x80"));
    EXPECT_FALSE(utf8_length("\xc3\x28"));
    EXPECT_FALSE(utf8_length("\xff"));
    EXPECT_TRUE(openstack::check_metadata_item("k", std::string(255, 'v')));
    EXPECT_FALSE(openstack::check_metadata_item("k", std::string(256, 'v')));
    std::string emoji;
    for (int i = 0; i < 255; ++i)
        emoji += "\xf0\x9f\x98\x80";
    EXPECT_TRUE(openstack::check_metadata_item("k", emoji));
    EXPECT_FALSE(openstack::check_metadata_item("k", emoji + "x"));
}

TEST(openstack_metadata, errors_quote_the_key_safely)
{
    auto r = openstack::check_metadata_key("a\"\x1b[31m");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_argument);
    EXPECT_EQ(r.error().message, "metadata key \"a\\\"\\x1b[31m\" holds \"\\\"\" at position 1; a key has only ASCII letters, "
                                 "digits, '-', '_', ':', '.' and ' '");
    auto m = openstack::check_metadata({{"ok", "1"}, {"z!", "2"}});
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("\"z!\""), std::string::npos);
}

TEST(openstack_metadata, microversions_parse_as_nova_reads_them)
{
    auto v = openstack::parse_microversion("2.35");
    ASSERT_TRUE(v);
    EXPECT_EQ(*v, (openstack::microversion{2, 35}));
    EXPECT_EQ(openstack::parse_microversion("2.0").value(), (openstack::microversion{2, 0}));
    EXPECT_EQ(openstack::parse_microversion("10.100").value(), (openstack::microversion{10, 100}));
    for (std::string_view bad : {"", "2", "2.", ".1", "02.1", "2.01", "2.1.0", "+2.1", "2.-1", "2,1", "2.1 ", "4294967296.1"})
        EXPECT_FALSE(openstack::parse_microversion(bad)) << bad;
    EXPECT_LT((openstack::microversion{2, 9}), (openstack::microversion{2, 10}));  // numbers, not text
    EXPECT_EQ(openstack::to_string(openstack::image_metadata_max_microversion), "2.38");
    auto latest = openstack::parse_microversion("latest");
    ASSERT_FALSE(latest);
    EXPECT_NE(latest.error().message.find("no images proxy"), std::string::npos);
}

TEST(openstack_metadata, microversion_bounds)
{
    EXPECT_TRUE(openstack::check_microversion("2.1", openstack::images_max_microversion, "x"));
    EXPECT_TRUE(openstack::check_microversion("2.35", openstack::images_max_microversion, "x"));
    auto above = openstack::check_microversion("2.36", openstack::images_max_microversion, "GET /images");
    ASSERT_FALSE(above);
    EXPECT_EQ(above.error().message, "microversion 2.36 is above 2.35, the last microversion with GET /images: Nova "
                                     "answers 404 from 2.36 on; ask for at most 2.35, or for none (2.1)");
    EXPECT_FALSE(openstack::check_microversion("2.0", openstack::images_max_microversion, "x"));
}

} // namespace
