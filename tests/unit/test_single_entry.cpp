// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// json/single_entry.hpp: objects of one entry whose key is data,
// `{"<key>": value}`, with a std::string, an open enum or a closed enum as
// the key. The first entry counts and later ones are skipped, a bad value's
// path starts with the key, and the one entry re-encodes.

// The header under test comes first: it must be self-contained.
#include <cloudimg/json/single_entry.hpp>

#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace events {

struct payload {
    std::int32_t code;
    std::string text;
};
BOOST_DESCRIBE_STRUCT(payload, (), (code, text))

/// Any key: the key is kept as text.
struct named {
    std::string name;
    events::payload payload;
};
constexpr auto json_single_entry(named const*) noexcept
{
    return cloudimg::json::single_entry{&named::name, &named::payload};
}

enum class kind { created, deleted };
BOOST_DESCRIBE_ENUM(kind, created, deleted)

/// A closed set of keys: an unknown key is an error.
struct closed_set {
    events::kind kind;
    std::vector<std::int32_t> ids;
};
constexpr auto json_single_entry(closed_set const*) noexcept
{
    return cloudimg::json::single_entry{&closed_set::kind, &closed_set::ids};
}

/// An open set: an unknown key is kept.
struct open_set {
    cloudimg::open_enum<events::kind> kind;
    std::vector<std::int32_t> ids;
};
constexpr auto json_single_entry(open_set const*) noexcept
{
    return cloudimg::json::single_entry{&open_set::kind, &open_set::ids};
}

} // namespace events

namespace json = cloudimg::json;
using cloudimg::error;

namespace {

TEST(json_single_entry, the_first_entry_is_the_value)
{
    auto r = json::decode<events::named>(R"({"disk full":{"text":"no space","code":28},"later":{"ignored":[1]}})");
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->name, "disk full");
    EXPECT_EQ(r->payload.code, 28);
    EXPECT_EQ(r->payload.text, "no space");
    EXPECT_EQ(json::encode(*r), R"({"disk full":{"code":28,"text":"no space"}})");

    auto c = json::decode<std::vector<events::closed_set>>(R"([{"created":[1,2]},{"deleted":[]}])");
    ASSERT_TRUE(c) << c.error().what();
    EXPECT_EQ((*c)[0].kind, events::kind::created);
    EXPECT_EQ((*c)[0].ids, (std::vector<std::int32_t>{1, 2}));
    EXPECT_EQ((*c)[1].kind, events::kind::deleted);
    EXPECT_EQ(json::encode(*c), R"([{"created":[1,2]},{"deleted":[]}])");

    auto o = json::decode<events::open_set>(R"({"archived":[3]})");
    ASSERT_TRUE(o) << o.error().what();
    EXPECT_FALSE(o->kind.is_known());
    EXPECT_EQ(json::encode(*o), R"({"archived":[3]})");
}

TEST(json_single_entry, a_bad_value_is_named_by_its_key)
{
    auto bad = json::decode<std::vector<events::named>>(R"([{"a":{"code":1,"text":"x"}},{"b\"c":{"code":"1","text":"x"}}])");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, error::type_mismatch);
    EXPECT_EQ(bad.error().path, "[1].b\"c.code");

    auto element = json::decode<events::open_set>(R"({"created":[1,"2"]})");
    ASSERT_FALSE(element);
    EXPECT_EQ(element.error().path, "created[1]");

    auto unknown = json::decode<events::closed_set>(R"({"archived":[3]})");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, error::invalid_value);

    auto empty = json::decode<events::named>("{}");
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, error::missing_field);

    for (std::string_view wrong : {"[]", R"("a")", "null", "1", R"({"a":"not an object"})"}) {
        auto w = json::decode<events::named>(wrong);
        ASSERT_FALSE(w) << wrong;
        EXPECT_EQ(w.error().code, error::type_mismatch) << wrong;
    }
}

TEST(json_single_entry, every_chunking_decodes_like_the_whole_document)
{
    std::string const text = R"({"a long key \u00e9":{"code":-7,"text":"t"},"b":{"code":1}})";
    auto whole = json::decode<events::named>(text);
    ASSERT_TRUE(whole) << whole.error().what();
    EXPECT_EQ(whole->name, "a long key \xc3\xa9");
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        events::named out;
        json::decoder d(out);
        ASSERT_TRUE(d.write(std::string_view(text).substr(0, cut)));
        ASSERT_TRUE(d.write(std::string_view(text).substr(cut)));
        ASSERT_TRUE(d.finish()) << cut;
        EXPECT_EQ(out.name, whole->name) << cut;
        EXPECT_EQ(out.payload.code, -7) << cut;
    }
}

} // namespace
