// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// json::raw_value: any JSON value kept as compact text. Every shape
// round-trips to the same JSON value (checked against Boost.JSON's DOM),
// wherever the value sits (top level, a member between others, an array
// element, a map value), whatever the chunking of the input; the decoder's
// limits apply inside it.

// The header under test comes first: it must be self-contained.
#include <cloudimg/json/raw_value.hpp>

#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>

#include <boost/describe/class.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace json = cloudimg::json;
namespace bj = boost::json;
using cloudimg::error;

namespace {

struct holder {
    int before = 0;
    json::raw_value value;
    std::string after;
};
BOOST_DESCRIBE_STRUCT(holder, (), (before, value, after))

// Documents of every shape, as a server might format them (spaces, escapes).
std::vector<std::string> const documents{
    "null",
    "true",
    "false",
    "0",
    "-1",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "1.5",
    "-0.25",
    "1e300",
    "2.2250738585072014e-308",
    R"("")",
    R"("plain")",
    R"("quote \" backslash \\ slash \/ newline \n tab \t cr \r bs \b ff \f nul \u0000 bell \u0007")",
    R"("unicode \u00fc\u20ac\ud83d\ude00 and raw ü€😀")",
    "[]",
    "{}",
    "[ 1 , [ ] , { } , \"a\" , null , true ]",
    R"({ "a" : 1 , "b" : [ { "c" : { } } , [ [ 2 ] ] ] , "" : "" , "k\"ey" : { "x" : null } })",
    R"({"command":["bash"],"environment":{"HOME":"/root","LANG":"C.UTF-8"},"fds":{"0":"da30","1":"0589"},"interactive":true})",
};

bool whitespace_outside_strings(std::string_view text)
{
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            return true;
        }
    }
    return false;
}

TEST(raw_value, header_is_self_contained_and_keeps_a_value)
{
    auto v = json::decode<json::raw_value>(R"( {"a": [1, 2]} )");
    ASSERT_TRUE(v) << v.error().what();
    EXPECT_EQ(v->text, R"({"a":[1,2]})");
    EXPECT_FALSE(v->is_null());
}

TEST(raw_value, every_shape_round_trips_to_the_same_json_value)
{
    for (auto const& doc : documents) {
        SCOPED_TRACE(doc);
        auto v = json::decode<json::raw_value>(doc);
        ASSERT_TRUE(v) << v.error().what();
        // the same value, compact
        EXPECT_EQ(bj::parse(v->text), bj::parse(doc));
        EXPECT_FALSE(whitespace_outside_strings(v->text)) << v->text;
        // encoding writes the text as it is; decoding that again changes nothing
        std::string const encoded = json::encode(*v);
        EXPECT_EQ(encoded, v->is_null() ? "null" : v->text);
        auto again = json::decode<json::raw_value>(encoded);
        ASSERT_TRUE(again) << again.error().what();
        EXPECT_EQ(*again, *v);
    }
}

TEST(raw_value, structure_outside_strings_is_compacted)
{
    auto v = json::decode<json::raw_value>("[ 1 ,\n\t{ \"a\" : \"b c\" } ]");
    ASSERT_TRUE(v);
    EXPECT_EQ(v->text, R"([1,{"a":"b c"}])");
    // strings are written back with the library's escaping: the value, not the spelling
    auto s = json::decode<json::raw_value>(R"("\u00fc\/\u0001")");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->text, "\"\xc3\xbc/\\u0001\"");
}

TEST(raw_value, numbers_keep_their_value)
{
    auto big = json::decode<json::raw_value>("18446744073709551615");
    ASSERT_TRUE(big);
    EXPECT_EQ(big->text, "18446744073709551615");  // exact to 64 bits, unsigned too
    auto neg = json::decode<json::raw_value>("-9223372036854775808");
    ASSERT_TRUE(neg);
    EXPECT_EQ(neg->text, "-9223372036854775808");
    // beyond 64 bits Boost.JSON reads a double: the value survives to double precision
    auto huge = json::decode<json::raw_value>("123456789012345678901234567890");
    ASSERT_TRUE(huge);
    EXPECT_DOUBLE_EQ(bj::parse(huge->text).as_double(), 1.2345678901234568e29);
    for (char const* d : {"0.1", "1.5", "-2.5e-7", "1e300", "5e-324"}) {
        auto v = json::decode<json::raw_value>(d);
        ASSERT_TRUE(v) << d;
        EXPECT_EQ(bj::parse(v->text).to_number<double>(), bj::parse(d).to_number<double>()) << d << " -> " << v->text;
    }
}

TEST(raw_value, a_member_between_others_leaves_them_intact)
{
    for (auto const& doc : documents) {
        SCOPED_TRACE(doc);
        std::string const text = R"({"before":7,"value":)" + doc + R"(,"after":"x"})";
        auto h = json::decode<holder>(text);
        ASSERT_TRUE(h) << h.error().what();
        EXPECT_EQ(h->before, 7);
        EXPECT_EQ(h->after, "x");
        EXPECT_EQ(bj::parse(h->value.text), bj::parse(doc));
        // and written back in place
        EXPECT_EQ(bj::parse(json::encode(*h)), bj::parse(text));
    }
    // in any order of members
    auto h = json::decode<holder>(R"({"value":{"after":"no","before":1},"after":"yes","before":2})");
    ASSERT_TRUE(h) << h.error().what();
    EXPECT_EQ(h->value.text, R"({"after":"no","before":1})");
    EXPECT_EQ(h->after, "yes");
    EXPECT_EQ(h->before, 2);
}

TEST(raw_value, elements_of_arrays_and_values_of_maps)
{
    auto list = json::decode<std::vector<json::raw_value>>(R"([1,"two",[3],{"four":4},null,[]])");
    ASSERT_TRUE(list) << list.error().what();
    ASSERT_EQ(list->size(), 6u);
    EXPECT_EQ((*list)[0].text, "1");
    EXPECT_EQ((*list)[1].text, R"("two")");
    EXPECT_EQ((*list)[2].text, "[3]");
    EXPECT_EQ((*list)[3].text, R"({"four":4})");
    EXPECT_TRUE((*list)[4].is_null());
    EXPECT_EQ((*list)[5].text, "[]");
    EXPECT_EQ(json::encode(*list), R"([1,"two",[3],{"four":4},null,[]])");

    auto map = json::decode<std::map<std::string, json::raw_value>>(R"({"a":{"b":[true,{"c":null}]},"d":-1})");
    ASSERT_TRUE(map) << map.error().what();
    EXPECT_EQ(map->at("a").text, R"({"b":[true,{"c":null}]})");
    EXPECT_EQ(map->at("d").text, "-1");
}

TEST(raw_value, chunks_of_any_size_give_the_same_text)
{
    std::string const text = std::string(R"({"before":1,"value":)") + documents[15] + "," + R"("after":")" +
                             std::string(300, 'z') + R"("})";
    holder whole;
    ASSERT_TRUE(json::decode_into(text, whole));
    for (std::size_t chunk : {1u, 2u, 3u, 7u, 64u}) {
        holder h;
        json::decoder d(h);
        for (std::size_t i = 0; i < text.size(); i += chunk)
            ASSERT_TRUE(d.write(std::string_view(text).substr(i, chunk))) << chunk;
        ASSERT_TRUE(d.finish()) << chunk;
        EXPECT_EQ(h.value, whole.value) << chunk;
        EXPECT_EQ(h.after, whole.after) << chunk;
    }
}

TEST(raw_value, an_unset_value_is_null)
{
    json::raw_value v;
    EXPECT_TRUE(v.is_null());
    EXPECT_EQ(json::encode(v), "null");
    EXPECT_EQ(json::encode(holder{}), R"({"before":0,"value":null,"after":""})");
    EXPECT_TRUE(json::raw_value{"null"}.is_null());
    EXPECT_FALSE(json::raw_value{"0"}.is_null());
    EXPECT_EQ(json::raw_value{"1"}, json::raw_value{"1"});
    EXPECT_NE(json::raw_value{"1"}, json::raw_value{"1.0"});  // text, not numeric, equality
}

TEST(raw_value, the_decoders_limits_apply_inside)
{
    json::decode_options opts;
    opts.max_depth = 8;
    auto deep = json::decode<holder>(R"({"value":[[[[[[[[[[1]]]]]]]]]]})", opts);
    ASSERT_FALSE(deep);
    EXPECT_EQ(deep.error().code, error::limit_exceeded);
    auto shallow = json::decode<holder>(R"({"before":1,"value":[[[[[1]]]]],"after":""})", opts);
    ASSERT_TRUE(shallow) << shallow.error().what();

    opts = {};
    opts.max_string_size = 16;
    auto long_string = json::decode<holder>(R"({"value":{"k":")" + std::string(100, 'x') + R"("}})", opts);
    ASSERT_FALSE(long_string);
    EXPECT_EQ(long_string.error().code, error::limit_exceeded);
    auto long_key = json::decode<holder>(R"({"value":{")" + std::string(100, 'k') + R"(":1}})", opts);
    ASSERT_FALSE(long_key);
    EXPECT_EQ(long_key.error().code, error::limit_exceeded);
}

TEST(raw_value, broken_json_inside_is_a_syntax_error)
{
    for (char const* bad : {R"({"value":[1,]})", R"({"value":{"a"}})", R"({"value":[)", R"({"value":tru})", R"({"value":})"}) {
        auto h = json::decode<holder>(bad);
        ASSERT_FALSE(h) << bad;
        EXPECT_EQ(h.error().code, error::json_syntax) << bad;
    }
}

} // namespace
