// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// json/custom_scalar.hpp: types defined here, knowing nothing of the JSON
// layer, travel as JSON strings or integers through the hooks they declare.
// Their values decode inside structs, arrays and optionals, a bad one fails
// with the hook's message at its JSON path, any chunking decodes like the
// whole document, and everything re-encodes as it came.

// The header under test comes first: it must be self-contained.
#include <cloudimg/json/custom_scalar.hpp>

#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/system/errc.hpp>
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shop {

/// A string-backed type: "AB-1234", two capitals, a hyphen, four digits.
class part_number {
public:
    part_number() = default;
    explicit part_number(std::string text) : text_(std::move(text)) {}
    std::string const& text() const noexcept { return text_; }
    friend bool operator==(part_number const&, part_number const&) = default;

    friend cloudimg::result<void> from_json_string(std::string_view text, part_number& out)
    {
        auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
        auto digit = [](char c) { return c >= '0' && c <= '9'; };
        if (text.size() != 7 || !upper(text[0]) || !upper(text[1]) || text[2] != '-' || !digit(text[3]) ||
            !digit(text[4]) || !digit(text[5]) || !digit(text[6]))
            return cloudimg::make_failure(cloudimg::error::invalid_value, "not a part number: " + std::string(text));
        out.text_.assign(text);
        return {};
    }
    friend std::string_view to_json_string(part_number const& p) noexcept { return p.text_; }

private:
    std::string text_;
};

/// A string-backed type whose text may need escaping; to_json_string returns a reference.
struct label {
    std::string text;
    friend bool operator==(label const&, label const&) = default;
    friend cloudimg::result<void> from_json_string(std::string_view wire, label& out)
    {
        out.text.assign(wire);
        return {};
    }
    friend std::string const& to_json_string(label const& l) noexcept { return l.text; }
};

/// An integer-backed type: a TCP port, 1 to 65535. Port 0 is refused with a
/// code from another category, which the decoder reports as invalid_value.
struct port {
    std::uint16_t number = 0;
    friend bool operator==(port, port) = default;
    friend std::uint16_t to_json_integer(port p) noexcept { return p.number; }
    friend cloudimg::result<void> from_json_integer(std::uint16_t n, port& out)
    {
        if (n == 0) {
            cloudimg::failure f;
            f.code = boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
            f.message = "port 0 is not a port";
            return f;
        }
        out.number = n;
        return {};
    }
};

/// Both forms: written as a decimal string, read from a string or an integer.
struct revision {
    std::uint32_t n = 0;
    friend bool operator==(revision, revision) = default;
    friend cloudimg::result<void> from_json_string(std::string_view text, revision& out)
    {
        if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string_view::npos)
            return cloudimg::make_failure(cloudimg::error::invalid_value, "not a revision");
        out.n = static_cast<std::uint32_t>(std::stoul(std::string(text)));
        return {};
    }
    friend std::string to_json_string(revision r) { return std::to_string(r.n); }
    friend std::uint32_t to_json_integer(revision r) noexcept { return r.n; }
    friend cloudimg::result<void> from_json_integer(std::uint32_t wire, revision& out) noexcept
    {
        out.n = wire;
        return {};
    }
};

/// A described enum that travels as an integer: the hooks win over Describe's names.
enum class priority { low = 1, high = 9 };
BOOST_DESCRIBE_ENUM(priority, low, high)
constexpr int to_json_integer(priority p) noexcept { return static_cast<int>(p); }
inline cloudimg::result<void> from_json_integer(int n, priority& out)
{
    if (n != 1 && n != 9)
        return cloudimg::make_failure(cloudimg::error::invalid_value, "priority is 1 or 9");
    out = static_cast<priority>(n);
    return {};
}

struct item {
    part_number id;
    std::optional<part_number> replaces;
    port service;
    label name;
    revision rev;
    cloudimg::nullable<priority> prio;
};
BOOST_DESCRIBE_STRUCT(item, (), (id, replaces, service, name, rev, prio))

struct order {
    std::vector<item> items;
};
BOOST_DESCRIBE_STRUCT(order, (), (items))

} // namespace shop

namespace json = cloudimg::json;
using cloudimg::error;

namespace {

std::string const document = R"({"items":[)"
                             R"({"id":"AB-1234","service":8080,"name":"plain","rev":"7","prio":1},)"
                             R"({"id":"CD-0001","replaces":"AB-1234","service":443,"name":"say \"hi\"","rev":12,"prio":null},)"
                             R"({"id":"EF-9999","service":65535,"name":"","rev":"0","prio":9}]})";

// `document` with the value of key `key` of item 2 replaced by `value`.
std::string with_item2(std::string_view key, std::string_view value)
{
    std::string d = document;
    auto const at = d.find(std::string("\"") + std::string(key) + "\":", d.find("EF-9999") - 7);
    auto const start = at + key.size() + 3;
    auto const end = d.find_first_of(",}", start);
    return d.replace(start, end - start, value);
}

TEST(json_custom_scalar, decodes_through_the_hooks)
{
    auto r = json::decode<shop::order>(document);
    ASSERT_TRUE(r) << r.error().what();
    ASSERT_EQ(r->items.size(), 3u);
    auto const& a = r->items[0];
    EXPECT_EQ(a.id.text(), "AB-1234");
    EXPECT_FALSE(a.replaces);
    EXPECT_EQ(a.service.number, 8080);
    EXPECT_EQ(a.name.text, "plain");
    EXPECT_EQ(a.rev.n, 7u);
    ASSERT_TRUE(a.prio.has_value());
    EXPECT_EQ(*a.prio, shop::priority::low);
    auto const& b = r->items[1];
    ASSERT_TRUE(b.replaces);
    EXPECT_EQ(*b.replaces, shop::part_number("AB-1234"));
    EXPECT_EQ(b.name.text, "say \"hi\"");  // the hook sees the unescaped text
    EXPECT_EQ(b.rev.n, 12u);               // read from an integer
    EXPECT_FALSE(b.prio.has_value());
    EXPECT_EQ(r->items[2].service.number, 65535);
    ASSERT_TRUE(r->items[2].prio.has_value());
    EXPECT_EQ(*r->items[2].prio, shop::priority::high);
}

TEST(json_custom_scalar, a_bad_value_fails_with_the_hooks_message_at_its_path)
{
    auto bad = json::decode<shop::order>(with_item2("id", R"("EF-99")"));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, error::invalid_value);
    EXPECT_EQ(bad.error().path, "items[2].id");
    EXPECT_EQ(bad.error().message, "not a part number: EF-99");

    auto replaced = json::decode<shop::order>(with_item2("id", R"("EF-9999","replaces":"x")"));
    ASSERT_FALSE(replaced);
    EXPECT_EQ(replaced.error().path, "items[2].replaces");

    // a code of another category is reported as invalid_value, with the hook's message
    auto zero = json::decode<shop::order>(with_item2("service", "0"));
    ASSERT_FALSE(zero);
    EXPECT_EQ(zero.error().code, error::invalid_value);
    EXPECT_EQ(zero.error().path, "items[2].service");
    EXPECT_EQ(zero.error().message, "port 0 is not a port");

    auto prio = json::decode<shop::order>(with_item2("prio", "5"));
    ASSERT_FALSE(prio);
    EXPECT_EQ(prio.error().code, error::invalid_value);
    EXPECT_EQ(prio.error().path, "items[2].prio");
}

TEST(json_custom_scalar, the_wrong_json_type_or_range_fails_before_the_hook)
{
    struct case_ {
        std::string_view key, value;
        error code;
        std::string_view message;
    };
    for (auto const& c : {case_{"id", "1234", error::type_mismatch, "expected string, got number"},
                          case_{"id", "null", error::type_mismatch, "expected string, got null"},
                          case_{"service", R"("8080")", error::type_mismatch, "expected integer, got string"},
                          case_{"service", "80.5", error::type_mismatch, "expected integer, got number"},
                          case_{"service", "65536", error::out_of_range, "integer 65536 does not fit"},
                          case_{"service", "-1", error::out_of_range, "integer -1 does not fit"},
                          case_{"rev", "true", error::type_mismatch, "expected string or integer, got boolean"},
                          case_{"rev", "4294967296", error::out_of_range, "integer 4294967296 does not fit"},
                          case_{"prio", R"("high")", error::type_mismatch, "expected integer, got string"}}) {
        auto r = json::decode<shop::order>(with_item2(c.key, c.value));
        ASSERT_FALSE(r) << c.key << '=' << c.value;
        EXPECT_EQ(r.error().code, c.code) << c.key << '=' << c.value;
        EXPECT_EQ(r.error().path, "items[2]." + std::string(c.key)) << c.value;
        EXPECT_EQ(r.error().message, c.message) << c.key << '=' << c.value;
    }
}

TEST(json_custom_scalar, every_chunking_decodes_like_the_whole_document)
{
    auto whole = json::decode<shop::order>(document);
    ASSERT_TRUE(whole);
    std::string const expected = json::encode(*whole);
    for (std::size_t cut = 0; cut <= document.size(); ++cut) {
        shop::order out;
        json::decoder d(out);
        ASSERT_TRUE(d.write(std::string_view(document).substr(0, cut)));
        ASSERT_TRUE(d.write(std::string_view(document).substr(cut)));
        ASSERT_TRUE(d.finish()) << cut;
        EXPECT_EQ(json::encode(out), expected) << cut;
    }
    shop::order bytewise;
    json::decoder d(bytewise);
    for (char c : document)
        ASSERT_TRUE(d.write(std::string_view(&c, 1)));
    ASSERT_TRUE(d.finish());
    EXPECT_EQ(json::encode(bytewise), expected);

    // a bad value split across chunks fails the same way
    std::string const bad = with_item2("id", R"("EF-99")");
    shop::order partial;
    json::decoder p(partial);
    auto const split = bad.find("EF-99") + 2;
    ASSERT_TRUE(p.write(std::string_view(bad).substr(0, split)));
    auto r = p.write(std::string_view(bad).substr(split));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().path, "items[2].id");
}

TEST(json_custom_scalar, re_encodes_as_it_came)
{
    auto r = json::decode<shop::order>(document);
    ASSERT_TRUE(r);
    // the integer-read revision is written as a string: the string form wins
    std::string expected = document;
    expected.replace(expected.find(R"("rev":12)"), 8, R"("rev":"12")");
    EXPECT_EQ(json::encode(*r), expected);
    EXPECT_EQ(json::encode(shop::label{"a\"b\n"}), R"("a\"b\n")");
    EXPECT_EQ(json::encode(shop::port{22}), "22");
    EXPECT_EQ(json::encode(shop::priority::high), "9");
    EXPECT_EQ(json::encode(std::vector<shop::part_number>{shop::part_number("AB-1234")}), R"(["AB-1234"])");
}

TEST(json_custom_scalar, the_decoders_limits_apply_first)
{
    json::decode_options small;
    small.max_string_size = 6;  // "items" fits, "AB-1234" does not
    auto r = json::decode<shop::order>(document, small);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::limit_exceeded);
}

} // namespace
