// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/hetzner/label_selector.hpp>

#include <cloudimg/hetzner/config.hpp>
#include <cloudimg/hetzner/endpoints.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace cloudimg;
namespace hz = cloudimg::hetzner;

namespace {

std::string const n63(63, 'n');
std::string const n64(64, 'n');
// 4 labels of 63 + 3 dots = 255 > 253; 3 of 63 + a 61 + 3 dots = 253
std::string const prefix253 = std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                              std::string(61, 'd');
std::string const prefix255 = std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                              std::string(63, 'd');

// ------------------------------------------------------------------ keys

class valid_key : public testing::TestWithParam<std::string> {};

TEST_P(valid_key, is_accepted)
{
    auto ok = hz::check_label_key(GetParam());
    EXPECT_TRUE(ok) << GetParam() << ": " << (ok ? "" : ok.error().message);
}

INSTANTIATE_TEST_SUITE_P(cases, valid_key,
                         testing::Values("env", "a", "7", "just-a-key", "A.b-C_d", n63, "example.com/my",
                                         "my-app.example.io/tier_2", "Example.COM/x", "a/b", "x1/y", prefix253 + "/k",
                                         "hetzner.cloud/reserved-but-selectable"));

struct bad_key_case {
    char const* name;
    std::string key;
    char const* reason;  // a piece of the message
};

class invalid_key : public testing::TestWithParam<bad_key_case> {};

TEST_P(invalid_key, is_rejected_naming_the_key)
{
    auto const& c = GetParam();
    auto ok = hz::check_label_key(c.key);
    ASSERT_FALSE(ok) << c.name;
    EXPECT_EQ(ok.error().code, error::invalid_argument);
    EXPECT_EQ(ok.error().message.rfind("invalid label key \"", 0), 0u) << ok.error().message;
    EXPECT_NE(ok.error().message.find(c.reason), std::string::npos) << ok.error().message;
    EXPECT_EQ(ok.error().message.find('\n'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    cases, invalid_key,
    testing::Values(bad_key_case{"empty", "", "must not be empty"},
                    bad_key_case{"slash_only", "/", "prefix before '/' is empty"},
                    bad_key_case{"empty_name", "example.com/", "name after the prefix is empty"},
                    bad_key_case{"empty_prefix", "/name", "prefix before '/' is empty"},
                    bad_key_case{"two_slashes", "a/b/c", "at most one '/'"},
                    bad_key_case{"space", "a b", "holds \" \""},
                    bad_key_case{"question_mark", "a?b", "holds \"?\""},
                    bad_key_case{"hash", "a#b", "holds \"#\""},
                    bad_key_case{"ampersand", "a&b", "holds \"&\""},
                    bad_key_case{"equals", "a=b", "holds \"=\""},
                    bad_key_case{"comma", "a,b", "holds \",\""},
                    bad_key_case{"bang", "!a", "holds \"!\""},
                    bad_key_case{"percent", "a%20b", "holds \"%\""},
                    bad_key_case{"paren", "a(b)", "holds \"(\""},
                    bad_key_case{"newline", "a\nb", "holds \"\\x0a\""},
                    bad_key_case{"non_ascii", "caf\xc3\xa9", "holds \"\\xc3\""},
                    bad_key_case{"leading_dash", "-a", "begin and end"},
                    bad_key_case{"trailing_dot", "a.", "begin and end"},
                    bad_key_case{"leading_underscore", "_a", "begin and end"},
                    bad_key_case{"name_too_long", n64, "longer than 63"},
                    bad_key_case{"underscore_in_prefix", "ex_ample.com/a", "prefix holds \"_\""},
                    bad_key_case{"empty_prefix_label", "example..com/a", "DNS subdomain"},
                    bad_key_case{"prefix_leading_dot", ".example.com/a", "DNS subdomain"},
                    bad_key_case{"prefix_label_dash_end", "ex-.com/a", "begin and end"},
                    bad_key_case{"prefix_label_too_long", std::string(64, 'p') + ".com/a", "DNS subdomain"},
                    bad_key_case{"prefix_too_long", prefix255 + "/a", "longer than 253"},
                    bad_key_case{"prefix_with_space", "exa mple.com/a", "prefix holds \" \""}),
    [](auto const& test) { return std::string(test.param.name); });

TEST(check_label_key, message_quotes_and_escapes_the_key)
{
    auto ok = hz::check_label_key("bad \"key\"\r\n");
    ASSERT_FALSE(ok);
    EXPECT_EQ(ok.error().message.rfind(R"(invalid label key "bad \"key\"\x0d\x0a": )", 0), 0u) << ok.error().message;

    // a huge key is cut in the message
    auto long_one = hz::check_label_key(std::string(10000, 'k') + " ");
    ASSERT_FALSE(long_one);
    EXPECT_LT(long_one.error().message.size(), 200u);
    EXPECT_NE(long_one.error().message.find("\"..."), std::string::npos);
}

// ------------------------------------------------------------------ values

TEST(check_label_value, accepts_documented_values)
{
    for (std::string const& v : {std::string(""), std::string("prod"), std::string("v1.2.3"), std::string("a-b_c.d"),
                                 std::string("7"), n63})
        EXPECT_TRUE(hz::check_label_value(v)) << v;
}

TEST(check_label_value, rejects_everything_else)
{
    for (std::string const& v : {std::string(" "), std::string("a b"), std::string("-x"), std::string("x-"),
                                 std::string(".x"), n64, std::string("a,b"), std::string("a)b"), std::string("a=b"),
                                 std::string("a!b"), std::string("%"), std::string("a/b"), std::string("?"),
                                 std::string("#"), std::string("&"), std::string("x\0y", 3)}) {
        auto ok = hz::check_label_value(v);
        ASSERT_FALSE(ok) << v;
        EXPECT_EQ(ok.error().code, error::invalid_argument);
        EXPECT_EQ(ok.error().message.rfind("invalid label value \"", 0), 0u) << ok.error().message;
    }
}

// ------------------------------------------------------------------ the builder

TEST(label_selector, every_expression)
{
    std::vector<std::string> const stages{"dev", "test"};
    auto sel = hz::label_selector{}
                   .equals("env", "prod")
                   .in("tier", {"web", "api"})
                   .not_exists("deprecated")
                   .exists("owner")
                   .not_equals("region", "fsn1")
                   .not_in("stage", stages)
                   .equals("example.com/team", "ops")
                   .build();
    ASSERT_TRUE(sel) << sel.error().message;
    EXPECT_EQ(*sel, "env==prod,tier in (web,api),!deprecated,owner,region!=fsn1,stage notin (dev,test),"
                    "example.com/team==ops");
}

TEST(label_selector, empty_values_are_allowed)
{
    auto sel = hz::label_selector{}.equals("just-a-key", "").in("k", {"", "x"}).build();
    ASSERT_TRUE(sel);
    EXPECT_EQ(*sel, "just-a-key==,k in (,x)");
}

TEST(label_selector, nothing_selects_everything)
{
    auto sel = hz::label_selector{}.build();
    ASSERT_TRUE(sel);
    EXPECT_EQ(*sel, "");
}

TEST(label_selector, set_needs_a_value)
{
    std::vector<std::string> const none;
    auto sel = hz::label_selector{}.in("tier", none).build();
    ASSERT_FALSE(sel);
    EXPECT_EQ(sel.error().code, error::invalid_argument);
    EXPECT_NE(sel.error().message.find("\"tier\""), std::string::npos);
    EXPECT_FALSE(hz::label_selector{}.not_in("tier", {}).build());
}

TEST(label_selector, bad_key_is_reported_and_later_calls_are_ignored)
{
    auto sel = hz::label_selector{}.equals("env", "prod").exists("bad key").equals("x", "y").not_exists("!").build();
    ASSERT_FALSE(sel);
    EXPECT_EQ(sel.error().code, error::invalid_argument);
    EXPECT_EQ(sel.error().message.rfind("invalid label key \"bad key\"", 0), 0u) << sel.error().message;
}

TEST(label_selector, bad_value_names_value_and_key)
{
    auto sel = hz::label_selector{}.in("tier", {"web", "a,b"}).build();
    ASSERT_FALSE(sel);
    EXPECT_EQ(sel.error().message.rfind("invalid label value \"a,b\" for key \"tier\": ", 0), 0u)
        << sel.error().message;

    auto eq = hz::label_selector{}.not_equals("env", "prod stage").build();
    ASSERT_FALSE(eq);
    EXPECT_NE(eq.error().message.find("for key \"env\""), std::string::npos);
}

TEST(label_selector, request_builder_percent_encodes_it)
{
    auto sel = hz::label_selector{}
                   .equals("env", "prod")
                   .in("tier", {"web", "api"})
                   .not_exists("deprecated")
                   .exists("owner")
                   .not_equals("region", "fsn1")
                   .not_in("stage", {"dev", "test"})
                   .equals("example.com/team", "ops")
                   .build();
    ASSERT_TRUE(sel);
    auto req = hz::prepare(hz::config{.token = "secret"}, hz::list_images{.label_selector = *sel, .per_page = 50});
    ASSERT_TRUE(req) << req.error().message;
    EXPECT_EQ(req->url(), "https://api.hetzner.cloud/v1/images?label_selector="
                          "env%3D%3Dprod%2Ctier%20in%20%28web%2Capi%29%2C%21deprecated%2Cowner%2Cregion%21%3Dfsn1"
                          "%2Cstage%20notin%20%28dev%2Ctest%29%2Cexample.com%2Fteam%3D%3Dops&per_page=50");
}

} // namespace
