// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/json.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <gtest/gtest.h>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace test_model {

enum class color { red, green, dark_blue };
BOOST_DESCRIBE_ENUM(color, red, green, dark_blue)
constexpr auto wire_names(color const*) { return std::array{cloudimg::rename{"dark_blue", "dark-blue"}}; }

struct leaf {
    std::int64_t id;
    std::string name;
};
BOOST_DESCRIBE_STRUCT(leaf, (), (id, name))

struct record {
    std::uint64_t size;
    std::int32_t small;
    double ratio;
    bool flag;
    std::string text;
    cloudimg::nullable<std::string> maybe;
    std::optional<std::int64_t> absent_ok;
    std::optional<cloudimg::nullable<std::string>> three_state;
    cloudimg::open_enum<color> shade;
    std::vector<leaf> leaves;
    std::map<std::string, std::string> labels;
    cloudimg::timestamp when;
    bool delete_;
    std::int64_t min_disk;
};
BOOST_DESCRIBE_STRUCT(record, (), (size, small, ratio, flag, text, maybe, absent_ok, three_state, shade, leaves, labels,
                                   when, delete_, min_disk))
constexpr auto wire_names(record const*) { return std::array{cloudimg::rename{"min_disk", "minDisk"}}; }

// Only the key-order test decodes this type: it reads the decoder's learned order.
struct in_any_order {
    std::int64_t a;
    std::int64_t b;
    std::string c;
    std::optional<std::int64_t> d;
};
BOOST_DESCRIBE_STRUCT(in_any_order, (), (a, b, c, d))

} // namespace test_model

using namespace cloudimg;
using test_model::record;

namespace {

std::string const full = R"({"size":18446744073709551615,"small":-5,"ratio":0.25,"flag":true,"text":"a\"b\\c\u00e9\n",)"
                         R"("maybe":null,"three_state":null,"shade":"dark-blue","leaves":[{"id":9007199254740993,"name":"x"},)"
                         R"({"id":-1,"name":""}],"labels":{"k/1":"v=1","":"empty"},"when":"2016-01-30T23:55:00.5+02:00",)"
                         R"("delete":false,"minDisk":20})";

TEST(json_decode, every_field_kind)
{
    auto r = json::decode<record>(full);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->size, std::numeric_limits<std::uint64_t>::max());
    EXPECT_EQ(r->small, -5);
    EXPECT_EQ(r->ratio, 0.25);
    EXPECT_TRUE(r->flag);
    EXPECT_EQ(r->text, "a\"b\\c\xc3\xa9\n");
    EXPECT_FALSE(r->maybe.has_value());
    EXPECT_FALSE(r->absent_ok.has_value());
    ASSERT_TRUE(r->three_state.has_value());  // present...
    EXPECT_FALSE(r->three_state->has_value()); // ...and null
    EXPECT_TRUE(r->shade == test_model::color::dark_blue);
    ASSERT_EQ(r->leaves.size(), 2u);
    EXPECT_EQ(r->leaves[0].id, 9007199254740993);  // exact beyond 2^53
    EXPECT_EQ(r->labels.at("k/1"), "v=1");
    EXPECT_EQ(r->labels.at(""), "empty");
    EXPECT_EQ(to_string(r->when), "2016-01-30T23:55:00.5+02:00");
    EXPECT_FALSE(r->delete_);
    EXPECT_EQ(r->min_disk, 20);
}

TEST(json_encode, round_trip_is_stable)
{
    auto r = json::decode<record>(full);
    ASSERT_TRUE(r);
    std::string const once = json::encode(*r);
    auto again = json::decode<record>(once);
    ASSERT_TRUE(again) << again.error().what();
    EXPECT_EQ(json::encode(*again), once);
    // renamed members and keywords use their wire names; absent optionals stay absent; null stays null
    EXPECT_NE(once.find(R"("delete":false)"), std::string::npos);
    EXPECT_NE(once.find(R"("minDisk":20)"), std::string::npos);
    EXPECT_EQ(once.find("absent_ok"), std::string::npos);
    EXPECT_NE(once.find(R"("three_state":null)"), std::string::npos);
    EXPECT_NE(once.find(R"("maybe":null)"), std::string::npos);
    EXPECT_NE(once.find(R"("shade":"dark-blue")"), std::string::npos);
}

TEST(json_encode, escapes_control_characters)
{
    EXPECT_EQ(json::encode(std::string("a\x01\t\"\\/\x7f")), R"("a\u0001\t\"\\/)"
                                                              "\x7f\"");
    EXPECT_EQ(json::encode(std::vector<double>{1.5, 1e300, 0.1}), "[1.5,1e+300,0.1]");
}

TEST(json_decode, open_enum_keeps_unknown_text)
{
    auto r = json::decode<std::vector<open_enum<test_model::color>>>(R"(["red","ultraviolet",""])");
    ASSERT_TRUE(r);
    EXPECT_TRUE((*r)[0] == test_model::color::red);
    EXPECT_FALSE((*r)[1].is_known());
    EXPECT_EQ((*r)[1].wire(), "ultraviolet");
    EXPECT_FALSE((*r)[2].is_known());
    EXPECT_EQ(json::encode(*r), R"(["red","ultraviolet",""])");
}

TEST(json_decode, closed_enum_rejects_unknown_text)
{
    auto r = json::decode<test_model::color>(R"("ultraviolet")");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_value);
}

struct decode_error_case {
    std::string json;
    error code;
    std::string path;
};

class json_decode_errors : public ::testing::TestWithParam<decode_error_case> {};

TEST_P(json_decode_errors, report_code_and_path)
{
    auto r = json::decode<record>(GetParam().json);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, GetParam().code) << r.error().what();
    EXPECT_EQ(r.error().path, GetParam().path) << r.error().what();
}

std::string with(std::string const& key, std::string const& value)
{
    // replace one member's value in the full document
    std::string s = full;
    auto k = s.find("\"" + key + "\":");
    auto v = k + key.size() + 3;
    int depth = 0;
    std::size_t e = v;
    for (bool in_str = false; e < s.size(); ++e) {
        char c = s[e];
        if (in_str) {
            if (c == '\\')
                ++e;
            else if (c == '"')
                in_str = false;
            continue;
        }
        if (c == '"')
            in_str = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']') {
            if (depth == 0)
                break;
            --depth;
        } else if (c == ',' && depth == 0)
            break;
    }
    return s.substr(0, v) + value + s.substr(e);
}

std::string without(std::string const& key)
{
    std::string s = with(key, "0");
    auto k = s.find("\"" + key + "\":0,");
    return s.erase(k, key.size() + 5);
}

INSTANTIATE_TEST_SUITE_P(
    cases, json_decode_errors,
    ::testing::Values(
        decode_error_case{without("text"), error::missing_field, "text"},
        decode_error_case{without("maybe"), error::missing_field, "maybe"},  // nullable: key required
        decode_error_case{with("leaves", R"([{"id":1,"name":"a"},{"id":2}])"), error::missing_field, "leaves[1].name"},
        decode_error_case{with("leaves", R"([{"id":"1","name":"a"}])"), error::type_mismatch, "leaves[0].id"},
        decode_error_case{with("small", "2147483648"), error::out_of_range, "small"},
        decode_error_case{with("size", "-1"), error::out_of_range, "size"},
        decode_error_case{with("minDisk", "1.5"), error::type_mismatch, "minDisk"},
        decode_error_case{with("minDisk", "1e3"), error::type_mismatch, "minDisk"},
        decode_error_case{with("flag", "null"), error::type_mismatch, "flag"},
        decode_error_case{with("text", "[]"), error::type_mismatch, "text"},
        decode_error_case{with("labels", R"({"a":1})"), error::type_mismatch, "labels.a"},
        decode_error_case{with("when", R"("2016-13-30T23:55:00Z")"), error::invalid_value, "when"},
        decode_error_case{with("when", R"("2016-01-30 23:55:00")"), error::invalid_value, "when"},
        decode_error_case{"[]", error::type_mismatch, ""},
        decode_error_case{"{", error::json_syntax, ""},
        decode_error_case{full + "x", error::json_syntax, ""},
        decode_error_case{"", error::json_syntax, ""}));

TEST(json_decode, unknown_keys_are_skipped_at_any_depth)
{
    std::string s = full;
    s.insert(1, R"("zz":{"a":[1,{"b":[[],{}]},"s",null,true,2.5],"c":{}},)");
    s.insert(s.find(R"("name":"x")"), R"("extra":[{"deep":[1,2,3]}],)");
    auto r = json::decode<record>(s);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->leaves[0].name, "x");
}

TEST(json_decode, keys_in_any_order_decode_the_same_and_the_order_is_learned)
{
    using test_model::in_any_order;
    auto const& after = json::detail::member_after<in_any_order>;  // slot 0: first; slot i + 1: after member i
    auto expected_after = [&](std::size_t slot) { return after[slot].load(std::memory_order_relaxed); };

    auto r = json::decode<in_any_order>(R"({"c":"x","a":1,"b":2})");
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->a, 1);
    EXPECT_EQ(r->b, 2);
    EXPECT_EQ(r->c, "x");
    EXPECT_FALSE(r->d);
    EXPECT_EQ(expected_after(0), 2u);  // c first
    EXPECT_EQ(expected_after(3), 0u);  // then a
    EXPECT_EQ(expected_after(1), 1u);  // then b: as declared, nothing to learn

    // Objects of one page in different orders, with unknown and repeated keys:
    // the guess is only where the search starts, every value lands in its member.
    auto page = json::decode<std::vector<in_any_order>>(
        R"([{"d":4,"c":"p","b":3,"a":2},{"a":5,"zz":[1],"b":6,"c":"q"},{"b":8,"c":"r","a":7,"b":9,"d":null},)"
        R"({"c":"s","a":10,"b":11}])");
    ASSERT_TRUE(page) << page.error().what();
    ASSERT_EQ(page->size(), 4u);
    EXPECT_EQ((*page)[0].a, 2);
    EXPECT_EQ((*page)[0].d, 4);
    EXPECT_EQ((*page)[1].b, 6);
    EXPECT_EQ((*page)[1].c, "q");
    EXPECT_EQ((*page)[2].b, 9);
    EXPECT_EQ((*page)[2].a, 7);
    EXPECT_FALSE((*page)[2].d);
    EXPECT_EQ((*page)[3].c, "s");
    EXPECT_EQ((*page)[3].b, 11);

    // A required member missing is still found missing, whatever was learned.
    auto missing = json::decode<in_any_order>(R"({"c":"x","b":2})");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, error::missing_field);
    EXPECT_EQ(missing.error().path, "a");
}

TEST(json_decode, keys_match_only_when_every_byte_matches_at_every_length)
{
    // Member names are compared a word at a time, the last word overlapping:
    // names of 0 to 40 bytes, and a key differing from one in any one byte.
    std::string const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
    for (std::size_t n = 0; n <= letters.size(); ++n) {
        std::string const name = letters.substr(0, n);
        EXPECT_TRUE(json::detail::same_key(name, std::string(name))) << n;
        EXPECT_FALSE(json::detail::same_key(name, name + "x")) << n;
        for (std::size_t at = 0; at < n; ++at) {
            std::string other = name;
            other[at] ^= 0x20;
            EXPECT_FALSE(json::detail::same_key(name, other)) << name << " at " << at;
        }
    }
}

TEST(json_decode, an_array_reserves_what_the_last_array_of_its_type_held)
{
    auto const& last = json::detail::last_array_size<std::int64_t>;
    auto r = json::decode<std::vector<std::int64_t>>("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]");
    ASSERT_TRUE(r);
    EXPECT_EQ(last.load(std::memory_order_relaxed), 25u);
    // The next array of that type reserves 25 at its first element: one allocation.
    r = json::decode<std::vector<std::int64_t>>("[1,2,3]");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->size(), 3u);
    EXPECT_EQ(r->capacity(), 25u);
    EXPECT_EQ(last.load(std::memory_order_relaxed), 3u);
    // Never more than 64 KiB of elements, never fewer than four.
    std::string big = "[0";
    for (int i = 1; i < 20000; ++i)
        big += ",0";
    big += ']';
    ASSERT_TRUE(json::decode<std::vector<std::int64_t>>(big));
    r = json::decode<std::vector<std::int64_t>>("[1]");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->capacity(), (64u << 10) / sizeof(std::int64_t));
    r = json::decode<std::vector<std::int64_t>>("[1]");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->capacity(), 4u);
}

TEST(json_decode, depth_limit)
{
    std::string deep = full;
    std::string nest(200, '[');
    nest += std::string(200, ']');
    deep.insert(1, "\"zz\":" + nest + ",");
    auto r = json::decode<record>(deep);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::limit_exceeded);

    json::decode_options opts;
    opts.max_depth = 300;
    EXPECT_TRUE(json::decode<record>(deep, opts));
}

// Typed values nested deeper than the frames kept inside the decoder: the
// frame stack moves to the heap mid-document, and paths stay right.
struct tree {
    std::vector<tree> children;
};
BOOST_DESCRIBE_STRUCT(tree, (), (children))

TEST(json_decode, typed_nesting_deeper_than_the_inline_frames)
{
    constexpr int depth = 40;  // two frames a level (a tree and its vector), two JSON levels too
    json::decode_options opts;
    opts.max_depth = 2 * depth + 2;
    std::string text;
    for (int i = 0; i < depth; ++i)
        text += R"({"children":[)";
    text += R"({"children":[]},{"children":[]})";
    for (int i = 0; i < depth; ++i)
        text += "]}";
    for (std::size_t pieces : {std::size_t{1}, std::size_t{3}, text.size()}) {
        tree value;
        json::decoder d(value, opts);
        for (std::size_t at = 0; at < text.size(); at += pieces) {
            auto w = d.write(std::string_view(text).substr(at, pieces));
            ASSERT_TRUE(w) << w.error().what();
        }
        auto f = d.finish();
        ASSERT_TRUE(f) << f.error().what();
        EXPECT_EQ(json::encode(value), text);
    }
    std::string bad = text;
    bad.replace(bad.rfind("[]"), 2, "[7]");
    auto r = json::decode<tree>(bad, opts);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::type_mismatch) << r.error().what();
    std::string path;
    for (int i = 0; i < depth; ++i)
        path += path.empty() ? "children[0]" : ".children[0]";
    EXPECT_EQ(r.error().path, path.substr(0, path.size() - 3) + "[1].children[0]");
}

TEST(json_decode, string_and_body_limits)
{
    json::decode_options opts;
    opts.max_string_size = 8;
    auto r = json::decode<std::string>(R"("123456789")", opts);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::limit_exceeded);
    EXPECT_TRUE(json::decode<std::string>(R"("12345678")", opts));

    opts = {};
    opts.max_body_size = 10;
    auto b = json::decode<std::string>(R"("1234567890")", opts);
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().code, error::limit_exceeded);
}

TEST(json_decoder, any_chunking_gives_the_same_result)
{
    std::string const expected = json::encode(*json::decode<record>(full));
    // every split point into two chunks
    for (std::size_t i = 0; i <= full.size(); ++i) {
        record r{};
        json::decoder d(r);
        ASSERT_TRUE(d.write(std::string_view(full).substr(0, i)));
        ASSERT_TRUE(d.write(std::string_view(full).substr(i)));
        ASSERT_TRUE(d.finish()) << "split at " << i;
        EXPECT_EQ(json::encode(r), expected) << "split at " << i;
    }
    // random chunk sizes, including one byte at a time
    std::mt19937 rng(42);
    for (int round = 0; round < 50; ++round) {
        record r{};
        json::decoder d(r);
        std::size_t pos = 0;
        while (pos < full.size()) {
            std::size_t n = round == 0 ? 1 : std::uniform_int_distribution<std::size_t>(1, 16)(rng);
            ASSERT_TRUE(d.write(std::string_view(full).substr(pos, n)));
            pos += n;
        }
        ASSERT_TRUE(d.finish());
        EXPECT_EQ(json::encode(r), expected);
    }
}

// Boost.JSON 1.81's parser overran its 4 KiB string buffer when a chunk ended
// inside a multi-byte character or a \u escape of a string and the next chunk
// brought 4 KiB more of it (found by fuzz_oxide_decode). The decoder holds such
// a tail back; here every split of those heads, into two chunks and into three
// with a short one between, must decode as the whole text does.
TEST(json_decoder, a_chunk_ending_inside_a_character_or_escape_of_a_long_string)
{
    std::vector<std::string> const heads = {R"(\u00e9)",     R"(\u20ac)",     R"(\ud83d\ude00)", "\\n\xc3\xa9",
                                            "\xc3\xa9",      "\xe2\x82\xac",  "\xf0\x9f\x98\x80", "\\n\xf0\x9f\x98\x80",
                                            R"(\\u20ac)",    R"(\\\u20ac)",   R"(\u0041)",       R"(\\)"};
    std::vector<std::string> const tails = {"a", "\xc3\xa9"};
    for (auto const& head : heads) {
        for (auto const& tail : tails) {
            for (bool const as_key : {false, true}) {
                std::string long_text;
                while (long_text.size() < 9000)
                    long_text += tail;
                std::string const doc = as_key ? R"({"x)" + head + long_text + R"(":"v"})"
                                               : R"({"x":"x)" + head + long_text + R"("})";
                std::map<std::string, std::string> whole;
                ASSERT_TRUE(json::decode_into(doc, whole));
                std::size_t const at = doc.find(head);
                for (std::size_t i = at; i <= at + head.size(); ++i) {
                    for (std::size_t j = i; j <= at + head.size(); ++j) {
                        std::map<std::string, std::string> parts;
                        json::decoder d(parts);
                        std::string_view const text = doc;
                        ASSERT_TRUE(d.write(text.substr(0, i)));
                        ASSERT_TRUE(d.write(std::string_view{}));  // as a transport announces a head
                        ASSERT_TRUE(d.write(text.substr(i, j - i)));
                        ASSERT_TRUE(d.write(text.substr(j)));
                        ASSERT_TRUE(d.finish()) << head << " split at " << i << " and " << j;
                        EXPECT_EQ(parts, whole) << head << " split at " << i << " and " << j;
                    }
                }
            }
        }
    }
}

TEST(json_decoder, what_may_be_an_unfinished_character_or_escape)
{
    using json::detail::unfinished_tail;
    EXPECT_EQ(unfinished_tail(""), 0u);
    EXPECT_EQ(unfinished_tail("abc"), 0u);
    EXPECT_EQ(unfinished_tail("a\\"), 1u);
    EXPECT_EQ(unfinished_tail("a\\u"), 2u);
    EXPECT_EQ(unfinished_tail("a\\u0"), 3u);
    EXPECT_EQ(unfinished_tail("a\\uD83"), 5u);
    EXPECT_EQ(unfinished_tail("a\\uD83D"), 0u);  // whole: the low half is an escape of its own
    EXPECT_EQ(unfinished_tail("a\\n"), 0u);
    EXPECT_EQ(unfinished_tail("a\\ux"), 0u);     // not an escape: the parser says so
    EXPECT_EQ(unfinished_tail("\\n\xc3"), 1u);    // an escape before a character does not hide it
    EXPECT_EQ(unfinished_tail("a\xc3"), 1u);
    EXPECT_EQ(unfinished_tail("a\xc3\xa9"), 0u);
    EXPECT_EQ(unfinished_tail("a\xe2\x82"), 2u);
    EXPECT_EQ(unfinished_tail("a\xf0\x9f\x98"), 3u);
    EXPECT_EQ(unfinished_tail("a\xf0\x9f\x98\x80"), 0u);
    EXPECT_EQ(unfinished_tail("a\x80"), 0u);      // a stray continuation byte: invalid, nothing to wait for
    EXPECT_EQ(unfinished_tail("a\xff"), 0u);
}

TEST(json_decoder, errors_are_sticky_and_incomplete_input_fails)
{
    record r{};
    json::decoder d(r);
    ASSERT_TRUE(d.write(R"({"size":1,)"));
    auto f = d.finish();
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, error::json_syntax);

    record r2{};
    json::decoder d2(r2);
    EXPECT_FALSE(d2.write(R"({"size":"x")"));
    EXPECT_FALSE(d2.write("}"));
    EXPECT_FALSE(d2.finish());
}

TEST(json_decode, duplicate_keys_last_wins)
{
    auto r = json::decode<test_model::leaf>(R"({"id":1,"name":"a","id":2,"name":"b"})");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->id, 2);
    EXPECT_EQ(r->name, "b");
    auto m = json::decode<std::map<std::string, std::vector<int>>>(R"({"a":[1,2],"a":[3]})");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->at("a"), std::vector<int>{3});
}

TEST(json_decode, numbers)
{
    EXPECT_EQ(*json::decode<double>("3"), 3.0);
    EXPECT_EQ(*json::decode<double>("-2.5e2"), -250.0);
    EXPECT_EQ(*json::decode<std::int64_t>("-9223372036854775808"), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(json::decode<std::int64_t>("9223372036854775808").error().code, error::out_of_range);
    EXPECT_EQ(*json::decode<std::uint64_t>("18446744073709551615"), std::numeric_limits<std::uint64_t>::max());
    EXPECT_EQ(json::decode<std::int64_t>("1.0").error().code, error::type_mismatch);
    EXPECT_EQ(json::decode<bool>("1").error().code, error::type_mismatch);
    EXPECT_EQ(json::encode(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808");
}

// Short decimals take a fast path (digits over a power of ten, one division);
// every one must be the double std::from_chars reads, bit for bit, and so
// must the ones just past the path's edge (16 digits, an exponent).
TEST(json_decode, short_decimals_read_exactly_as_from_chars)
{
    auto expect_exact = [](std::string const& text) {
        double expected = 0;
        std::from_chars(text.data(), text.data() + text.size(), expected);
        auto whole = json::decode<double>(text);
        ASSERT_TRUE(whole) << text;
        EXPECT_EQ(std::memcmp(&*whole, &expected, sizeof expected), 0) << text;
        // and in two chunks, the parser handing the number over in pieces
        double chunked = 1;
        json::decoder d(chunked);
        ASSERT_TRUE(d.write(std::string_view(text).substr(0, text.size() / 2)));
        ASSERT_TRUE(d.write(std::string_view(text).substr(text.size() / 2)));
        ASSERT_TRUE(d.finish());
        EXPECT_EQ(std::memcmp(&chunked, &expected, sizeof expected), 0) << text;
    };
    for (char const* edge : {"0.0", "-0.0", "0.1", "0.3", "4.35", "1.7976931348623", "999999999999999",
                             "99999999999999.9", "0.000000000000001", "0.0000000000000001", "1234567890123456",
                             "123456789012345.6", "9007199254740993.0", "2.5e-3", "1e0", "-0.000000000000002"})
        expect_exact(edge);
    std::mt19937_64 random(20261206);
    for (int i = 0; i < 20000; ++i) {
        int const digit_count = 1 + static_cast<int>(random() % 17);  // up to 17: past the fast path too
        std::string text = random() % 2 ? "-" : "";
        std::string digits;
        for (int k = 0; k < digit_count; ++k)
            digits += static_cast<char>('0' + random() % 10);
        // JSON: no leading zero before other digits
        std::size_t const point = 1 + static_cast<std::size_t>(random() % static_cast<std::uint64_t>(digit_count));
        if (digits[0] == '0' && point > 1)
            digits[0] = '1';
        text += digits.substr(0, point);
        if (point < digits.size())
            text += "." + digits.substr(point);
        else
            text += ".5";
        expect_exact(text);
    }
}

TEST(json_decode, optional_accepts_null_nullable_requires_key)
{
    auto a = json::decode<std::optional<int>>("null");
    ASSERT_TRUE(a);
    EXPECT_FALSE(a->has_value());
    auto b = json::decode<nullable<int>>("7");
    ASSERT_TRUE(b);
    EXPECT_EQ(**b, 7);
    EXPECT_EQ(json::encode(nullable<int>{}), "null");
}

TEST(json_decode, null_collections_are_a_mismatch_unless_asked_to_read_them_as_empty)
{
    // a Go server writes a nil slice or map as null
    std::string const body = R"({"size":1,"small":0,"ratio":0,"flag":false,"text":"","maybe":null,"shade":"red",)"
                             R"("leaves":null,"labels":null,"when":"2016-01-30T23:55:00Z","delete":false,"minDisk":0})";
    auto strict = json::decode<record>(body);
    ASSERT_FALSE(strict);
    EXPECT_EQ(strict.error().code, error::type_mismatch);
    EXPECT_EQ(strict.error().path, "leaves");
    EXPECT_EQ(strict.error().message, "expected array, got null");

    json::decode_options lenient;
    lenient.null_collections_as_empty = true;
    auto r = json::decode<record>(body, lenient);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_TRUE(r->leaves.empty());
    EXPECT_TRUE(r->labels.empty());

    // a null replaces what was there, at any depth, and the decode goes on after it
    std::vector<std::vector<int>> nested{{1}, {2}};
    ASSERT_TRUE(json::decode_into("[[1,2],null,[3]]", nested, lenient));
    EXPECT_EQ(nested, (std::vector<std::vector<int>>{{1, 2}, {}, {3}}));
    std::map<std::string, std::vector<int>> by_key;
    ASSERT_TRUE(json::decode_into(R"({"a":null,"b":[4]})", by_key, lenient));
    EXPECT_EQ(by_key, (std::map<std::string, std::vector<int>>{{"a", {}}, {"b", {4}}}));
    auto map_strict = json::decode<std::map<std::string, int>>("null");
    ASSERT_FALSE(map_strict);
    EXPECT_EQ(map_strict.error().message, "expected object, got null");

    // only collections: a null scalar is still a mismatch
    auto scalar = json::decode<std::vector<int>>("[null]", lenient);
    ASSERT_FALSE(scalar);
    EXPECT_EQ(scalar.error().path, "[0]");
}

} // namespace
