// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// UUIDs, Names and NameOrId: classification, the spec's rules one by one, and
// the messages a caller sees. (test_oxide_spec.cpp also checks is_name against
// the spec's own regular expression on many generated strings.)

// The header under test comes first: it must be self-contained.
#include <cloudimg/oxide/name_or_id.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

namespace oxide = cloudimg::oxide;
using cloudimg::error;

namespace {

constexpr std::string_view lower = "0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c";
constexpr std::string_view upper = "0D6F9B2A-3C4E-4F5A-8B7C-1D2E3F4A5B6C";

static_assert(oxide::is_uuid(lower) && oxide::is_uuid(upper));
static_assert(oxide::is_name("debian-12") && !oxide::is_name("Debian-12"));

TEST(oxide_uuid, the_hyphenated_form_in_either_case_is_a_uuid)
{
    EXPECT_TRUE(oxide::is_uuid(lower));
    EXPECT_TRUE(oxide::is_uuid(upper));
    EXPECT_TRUE(oxide::is_uuid("0d6F9b2A-3C4e-4f5A-8b7C-1d2E3f4A5b6C"));
    EXPECT_TRUE(oxide::is_uuid("00000000-0000-0000-0000-000000000000"));
    EXPECT_TRUE(oxide::is_uuid("ffffffff-ffff-ffff-ffff-ffffffffffff"));
}

TEST(oxide_uuid, malformed_uuids_are_not_uuids)
{
    for (std::string_view bad : {
             "",
             "0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6",     // 35: one digit short
             "0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c0",   // 37: one digit too many
             "0d6f9b2g-3c4e-4f5a-8b7c-1d2e3f4a5b6c",    // 'g' is not hex
             "0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6z",
             "{0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c}",  // braces
             "{0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b}",    // braces, still 36 long
             "urn:uuid:0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c",
             "0d6f9b2a3c4e4f5a8b7c1d2e3f4a5b6c",        // the simple form
             "0d6f9b2a3-c4e-4f5a-8b7c-1d2e3f4a5b6c",    // a hyphen moved
             "0d6f9b2a-3c4e-4f5a-8b7c_1d2e3f4a5b6c",
             " 0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6",
             "0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6\n",
         }) {
        EXPECT_FALSE(oxide::is_uuid(bad)) << bad;
        auto parsed = oxide::uuid::parse(bad);
        ASSERT_FALSE(parsed) << bad;
        EXPECT_EQ(parsed.error().code, error::invalid_argument);
    }
    EXPECT_FALSE(oxide::is_uuid(std::string_view("0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6\0", 36)));
}

TEST(oxide_uuid, keeps_its_text_and_compares_without_case)
{
    auto parsed = oxide::uuid::parse(upper);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->text(), upper);  // not normalised: sent back as received
    EXPECT_TRUE(parsed->valid());
    EXPECT_EQ(*parsed, oxide::uuid(lower));
    EXPECT_NE(*parsed, oxide::uuid("1d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c"));

    oxide::uuid from_text = "not-a-uuid";  // remembered as given, refused by validate()
    EXPECT_FALSE(from_text.valid());
    EXPECT_EQ(from_text.text(), "not-a-uuid");
    EXPECT_FALSE(oxide::uuid{}.valid());

    EXPECT_TRUE(oxide::uuid(upper).check("id"));
    EXPECT_EQ(oxide::uuid("snap-1").check("body.source.id").error().message,
              "body.source.id \"snap-1\" is not a UUID; a UUID is 32 hexadecimal digits in groups of 8-4-4-4-12 "
              "separated by '-', without braces");

    auto bad = oxide::uuid::parse("{x}\r\n");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message, "not a UUID: \"{x}\\x0d\\x0a\"; a UUID is 32 hexadecimal digits in groups of "
                                   "8-4-4-4-12 separated by '-', without braces");
}

TEST(oxide_name, the_spec_rules_one_by_one)
{
    std::string const max(63, 'a');
    for (std::string_view good : {std::string_view("a"), std::string_view("debian-12"), std::string_view("a-B-1"),
                                  std::string_view("aB"), std::string_view("a--b"), std::string_view(max),
                                  std::string_view("a0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c"),   // contains a UUID
                                  std::string_view("abcdef01-2345-6789-abcd-ef0123456789x")}) {
        EXPECT_TRUE(oxide::is_name(good)) << good;
        EXPECT_TRUE(oxide::check_name(good)) << good;
    }
    struct bad {
        std::string text;
        std::string message;
    };
    for (auto const& b : std::vector<bad>{
             {"", "name \"\" is empty; a name has 1 to 63 characters"},
             {std::string(64, 'a'), "name \"" + std::string(64, 'a') + "\" is 64 characters long; a name has at most 63"},
             {"1abc", "name \"1abc\" must begin with a lowercase ASCII letter"},
             {"Abc", "name \"Abc\" must begin with a lowercase ASCII letter"},
             {"-abc", "name \"-abc\" must begin with a lowercase ASCII letter"},
             {"abc-", "name \"abc-\" must not end with '-'"},
             {"ab_c", "name \"ab_c\" holds \"_\" at position 2; a name has only ASCII letters, digits and '-'"},
             {"ab c", "name \"ab c\" holds \" \" at position 2; a name has only ASCII letters, digits and '-'"},
             {"a.b", "name \"a.b\" holds \".\" at position 1; a name has only ASCII letters, digits and '-'"},
             {"a/b", "name \"a/b\" holds \"/\" at position 1; a name has only ASCII letters, digits and '-'"},
             {"a\xc3\xa9", "name \"a\\xc3\\xa9\" holds \"\\xc3\" at position 1; a name has only ASCII letters, digits and '-'"},
             {"a\r\nX: y", "name \"a\\x0d\\x0aX: y\" holds \"\\x0d\" at position 1; a name has only ASCII letters, digits and '-'"},
             // the negative lookahead: a name may not be a UUID, even one that passes every other rule
             {"abcdef01-2345-6789-abcd-ef0123456789", "name \"abcdef01-2345-6789-abcd-ef0123456789\" has the form of a UUID, "
                                                      "which a name may not have"},
             {"aBCDEF01-2345-6789-ABCD-EF0123456789", "name \"aBCDEF01-2345-6789-ABCD-EF0123456789\" has the form of a "
                                                      "UUID, which a name may not have"},
         }) {
        EXPECT_FALSE(oxide::is_name(b.text)) << b.text;
        auto r = oxide::check_name(b.text);
        ASSERT_FALSE(r) << b.text;
        EXPECT_EQ(r.error().code, error::invalid_argument);
        EXPECT_EQ(r.error().message, b.message);
    }
    EXPECT_EQ(oxide::check_name("X", "body.name").error().message, "body.name \"X\" must begin with a lowercase ASCII letter");
}

TEST(oxide_name_or_id, classifies_once_from_any_text)
{
    oxide::name_or_id const from_literal = "debian-12";
    EXPECT_TRUE(from_literal.is_name());
    EXPECT_EQ(from_literal.what(), oxide::name_or_id::kind::name);
    oxide::name_or_id const from_string = std::string(lower);
    EXPECT_TRUE(from_string.is_id());
    oxide::name_or_id const from_view = upper;  // uppercase hex is a UUID too
    EXPECT_TRUE(from_view.is_id());
    oxide::name_or_id const from_uuid = oxide::uuid(lower);
    EXPECT_TRUE(from_uuid.is_id());
    EXPECT_EQ(from_uuid, from_view);  // the same UUID, whatever the case
    EXPECT_NE(oxide::name_or_id("a"), oxide::name_or_id("A"));  // names are compared as text

    oxide::name_or_id const empty;
    EXPECT_FALSE(empty.valid());
    EXPECT_EQ(empty.what(), oxide::name_or_id::kind::invalid);
    std::optional<oxide::name_or_id> project = "infra";  // optional members take text directly
    EXPECT_TRUE(project->is_name());

    EXPECT_EQ(wire_text(from_literal), "debian-12");  // found by ADL, as build_request does
    EXPECT_EQ(wire_text(from_view), upper);
}

TEST(oxide_name_or_id, check_says_why_and_names_the_parameter)
{
    EXPECT_TRUE(oxide::name_or_id("debian-12").check("image"));
    EXPECT_TRUE(oxide::name_or_id(lower).check("image"));
    struct bad {
        std::string text;
        std::string message;
    };
    for (auto const& b : std::vector<bad>{
             {"", "image \"\" is neither a UUID nor a name: it is empty; a name has 1 to 63 characters"},
             {"My Image", "image \"My Image\" is neither a UUID nor a name: it must begin with a lowercase ASCII letter"},
             {"my image", "image \"my image\" is neither a UUID nor a name: it holds \" \" at position 2; a name has only "
                          "ASCII letters, digits and '-'"},
             // meant as UUIDs: the message explains the UUID form instead
             {"{0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c}", "image \"{0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c}\" is neither a UUID "
                                                        "nor a name: a UUID is 32 hexadecimal digits in groups of 8-4-4-4-12 "
                                                        "separated by '-', without braces"},
             {"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6", "image \"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6\" is neither a UUID nor "
                                                     "a name: a UUID is 32 hexadecimal digits in groups of 8-4-4-4-12 "
                                                     "separated by '-', without braces"},
             {"0d6f9b2g-3c4e-4f5a-8b7c-1d2e3f4a5b6c", "image \"0d6f9b2g-3c4e-4f5a-8b7c-1d2e3f4a5b6c\" is neither a UUID "
                                                      "nor a name: it must begin with a lowercase ASCII letter"},
         }) {
        oxide::name_or_id const v = b.text;
        EXPECT_FALSE(v.valid()) << b.text;
        auto r = v.check("image");
        ASSERT_FALSE(r) << b.text;
        EXPECT_EQ(r.error().code, error::invalid_argument);
        EXPECT_EQ(r.error().message, b.message);
    }
}

TEST(oxide_name_or_id, a_name_that_looks_like_a_uuid_is_an_id)
{
    // NameOrId is oneOf [uuid, Name] and Name excludes the UUID form, so the
    // two never overlap: text of the UUID form is always an id.
    oxide::name_or_id const v = "abcdef01-2345-6789-abcd-ef0123456789";
    EXPECT_TRUE(v.is_id());
    EXPECT_FALSE(v.is_name());
    EXPECT_FALSE(oxide::is_name(v.text()));
}

TEST(oxide_name_or_id, hostile_text_cannot_forge_a_message_line)
{
    std::string const evil = "a\"\r\nInjected: yes\\" + std::string(200, 'x');
    auto r = oxide::name_or_id(evil).check("project");
    ASSERT_FALSE(r);
    auto const& m = r.error().message;
    EXPECT_EQ(m.find('\r'), std::string::npos);
    EXPECT_EQ(m.find('\n'), std::string::npos);
    EXPECT_NE(m.find("\\\"\\x0d\\x0aInjected"), std::string::npos) << m;
    EXPECT_LT(m.size(), 300u) << "long text is cut in messages";
}

} // namespace
