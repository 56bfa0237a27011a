// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// metal-stack image ids: parsing `<os>-<major>.<minor>[.<patch>]` and the
// selection rule of /latest and /query.

// The header under test comes first: it must be self-contained.
#include <cloudimg/metal/image_id.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace metal = cloudimg::metal;

namespace {

metal::image_id id(std::string_view text)
{
    auto r = metal::parse_image_id(text);
    EXPECT_TRUE(r) << text << ": " << (r ? "" : r.error().what());
    return r ? *r : metal::image_id{};
}

TEST(metal_image_id, header_is_self_contained_and_ids_split_on_the_last_dash)
{
    auto const a = id("ubuntu-20.04");
    EXPECT_EQ(a.os, "ubuntu");
    EXPECT_EQ(a.version, "20.04");
    EXPECT_EQ(a.major, 20u);
    EXPECT_EQ(a.minor, 4u);
    EXPECT_FALSE(a.patch);
    EXPECT_EQ(a.to_string(), "ubuntu-20.04");

    auto const b = id("ubuntu-small-20.04.20200502");
    EXPECT_EQ(b.os, "ubuntu-small");
    EXPECT_EQ(b.version, "20.04.20200502");
    EXPECT_EQ(b.patch, std::optional<std::uint64_t>(20200502));
    EXPECT_EQ(b.to_string(), "ubuntu-small-20.04.20200502");

    auto const c = id("firewall-ubuntu-3.0.20240131000000");  // patch: a date with a time, still a number
    EXPECT_EQ(c.os, "firewall-ubuntu");
    EXPECT_EQ(c.patch, std::optional<std::uint64_t>(20240131000000));

    auto const big = id("x-18446744073709551615.0.18446744073709551615");
    EXPECT_EQ(big.major, 18446744073709551615u);
    EXPECT_EQ(big.patch, std::optional<std::uint64_t>(18446744073709551615u));

    EXPECT_EQ(id("debian-012.000.0").minor, 0u);  // leading zeros are digits like any other
    EXPECT_EQ(id("a b/c-1.2").os, "a b/c");        // the OS is free text
}

TEST(metal_image_id, malformed_ids_are_refused_with_a_clear_message)
{
    struct bad {
        std::string text;
        std::string why;
    };
    std::vector<bad> const cases{
        {"", "has no '-'"},
        {"ubuntu", "has no '-'"},
        {"-20.04", "has no OS"},
        {"ubuntu-", "not <major>.<minor>"},
        {"ubuntu-20", "has no minor version"},
        {"ubuntu-20.", "not <major>.<minor>"},
        {"ubuntu-.04", "not <major>.<minor>"},
        {"ubuntu-20..04", "not <major>.<minor>"},
        {"ubuntu-20.04.", "not <major>.<minor>"},
        {"ubuntu-20.04.1.2", "not <major>.<minor>"},
        {"ubuntu-v20.04", "not <major>.<minor>"},       // metal-lib's parser takes it; the documented form does not
        {"ubuntu-20.04+build1", "not <major>.<minor>"},
        {"ubuntu-20.04 ", "not <major>.<minor>"},
        {"ubuntu-+20.04", "not <major>.<minor>"},
        {"ubuntu-20.-4", "has no minor"},  // the last '-' splits: version "4"
        {"ubuntu-20.04.x", "not <major>.<minor>"},
        {"ubuntu-18446744073709551616.0", "64 bits"},
        {"ubuntu-20.04-", "not <major>.<minor>"},  // version after the last '-' is empty
        {std::string("ubuntu-20.04\0", 13), "not <major>.<minor>"},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.text);
        auto r = metal::parse_image_id(c.text);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, cloudimg::error::invalid_argument);
        EXPECT_NE(r.error().message.find(c.why), std::string::npos) << r.error().message;
        EXPECT_NE(r.error().message.find("expected <os>-<major>.<minor>[.<patch>]"), std::string::npos);
    }
    // the id is quoted, but never at any length
    auto long_id = metal::parse_image_id(std::string(10000, 'x'));
    ASSERT_FALSE(long_id);
    EXPECT_LT(long_id.error().message.size(), 500u);
}

TEST(metal_image_id, a_patch_above_zero_is_an_exact_version)
{
    EXPECT_FALSE(id("ubuntu-20.04").is_exact());
    EXPECT_FALSE(id("ubuntu-20.04.0").is_exact());  // patch 0 counts as not given (constraint ~20.4.0)
    EXPECT_TRUE(id("ubuntu-20.04.1").is_exact());
    EXPECT_TRUE(id("ubuntu-20.04.20200502").is_exact());
}

TEST(metal_image_id, latest_and_query_select_by_os_and_series_or_exact_version)
{
    std::vector<std::string> const images{"ubuntu-20.04.20200401", "ubuntu-20.04.20200502", "ubuntu-20.10.20201022",
                                          "ubuntu-small-20.04.20200601", "ubuntu-19.04.20190401", "debian-20.04.1",
                                          "ubuntu-20.4.20200301"};
    auto selected = [&](std::string_view wanted) {
        std::vector<std::string> out;
        for (auto const& i : images)
            if (id(wanted).selects(id(i)))
                out.push_back(i);
        return out;
    };
    // a series: every 20.04.x of exactly that OS, "20.4" being the same as "20.04"
    EXPECT_EQ(selected("ubuntu-20.04"),
              (std::vector<std::string>{"ubuntu-20.04.20200401", "ubuntu-20.04.20200502", "ubuntu-20.4.20200301"}));
    EXPECT_EQ(selected("ubuntu-20.04.0"), selected("ubuntu-20.04"));
    EXPECT_EQ(selected("ubuntu-20.4"), selected("ubuntu-20.04"));
    // an exact version: only itself
    EXPECT_EQ(selected("ubuntu-20.04.20200502"), (std::vector<std::string>{"ubuntu-20.04.20200502"}));
    EXPECT_TRUE(selected("ubuntu-20.04.20200503").empty());
    // the OS is compared whole: "ubuntu" does not select "ubuntu-small", nor the reverse
    EXPECT_EQ(selected("ubuntu-small-20.04"), (std::vector<std::string>{"ubuntu-small-20.04.20200601"}));
    EXPECT_EQ(selected("debian-20.04"), (std::vector<std::string>{"debian-20.04.1"}));
    EXPECT_TRUE(selected("ubuntu-21.04").empty());

    // /latest answers the newest of a series
    std::vector<metal::image_id> series;
    for (auto const& i : images)
        if (id("ubuntu-20.04").selects(id(i)))
            series.push_back(id(i));
    auto const newest = std::max_element(series.begin(), series.end(), [](auto const& a, auto const& b) {
        return metal::compare_versions(a, b) < 0;
    });
    EXPECT_EQ(newest->to_string(), "ubuntu-20.04.20200502");
}

TEST(metal_image_id, versions_order_by_number_not_by_text)
{
    using metal::compare_versions;
    EXPECT_TRUE(compare_versions(id("a-20.04.2"), id("a-20.4.10")) < 0);
    EXPECT_TRUE(compare_versions(id("a-20.10"), id("a-20.9.99")) > 0);
    EXPECT_TRUE(compare_versions(id("a-20.04"), id("b-20.4.0")) == 0);  // no patch is patch 0; the OS is not compared
    EXPECT_TRUE(compare_versions(id("a-3.0.0"), id("a-20.0.0")) < 0);
    EXPECT_EQ(id("a-1.2.3"), id("a-1.2.3"));
    EXPECT_NE(id("a-1.02.3"), id("a-1.2.3"));  // equal versions, different ids
}

} // namespace
