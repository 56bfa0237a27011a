// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// lxd::filter against a model of LXD's own filter parser (shared/filter in
// LXD 5.0.2, written down here from its behaviour): Go's strings.Fields
// splits the text at ASCII and Unicode whitespace; a clause is `[not] field op
// value`, `not` in any case; a value whose first word starts with `"` goes on
// up to the next word that ends with `"`, the words joined by one space;
// clauses are joined by `and` / `or`. Every filter the builder makes must read
// back as exactly the clauses given, and every value it refuses must be one
// that this parser cannot read back. The model's readings of the edge cases
// (one space at either end of a quoted value, `"  "`, U+00A0 inside a value,
// `NOT`/`Not`, a first word ending in a quote) were checked against the
// LXD 5.0.2 daemon itself.

// The header under test comes first: it must be self-contained.
#include <cloudimg/lxd/filter.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lxd = cloudimg::lxd;
using cloudimg::error;

namespace {

struct clause {
    std::string joiner;  ///< "" for the first, else "and" / "or"
    bool negated = false;
    std::string field, op, value;
    friend bool operator==(clause const&, clause const&) = default;
};

std::ostream& operator<<(std::ostream& os, clause const& c)
{
    return os << '{' << c.joiner << (c.negated ? " not " : " ") << '[' << c.field << "] " << c.op << " [" << c.value << "]}";
}

// The code point at s[i] (UTF-8) and its length; invalid bytes are one U+FFFD each, as in Go.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i)
{
    auto const b = [&](std::size_t k) { return unsigned{static_cast<unsigned char>(s[k])}; };
    unsigned const a = b(i);
    auto const cont = [&](std::size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
    if (a < 0x80)
        return {a, 1};
    if ((a & 0xE0) == 0xC0 && cont(i + 1))
        return {static_cast<char32_t>(((a & 0x1F) << 6) | (b(i + 1) & 0x3F)), 2};
    if ((a & 0xF0) == 0xE0 && cont(i + 1) && cont(i + 2))
        return {static_cast<char32_t>(((a & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F)), 3};
    if ((a & 0xF8) == 0xF0 && cont(i + 1) && cont(i + 2) && cont(i + 3))
        return {static_cast<char32_t>(((a & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F)), 4};
    return {0xFFFD, 1};
}

// Go's unicode.IsSpace.
bool go_space(char32_t c)
{
    switch (c) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

// Go's strings.Fields.
std::vector<std::string> fields(std::string_view s)
{
    std::vector<std::string> out;
    std::string word;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size();) {
        auto const [c, n] = decode(s, i);
        if (go_space(c)) {
            if (in_word)
                out.push_back(std::move(word));
            word.clear();
            in_word = false;
        } else {
            word.append(s.substr(i, n));
            in_word = true;
        }
        i += n;
    }
    if (in_word)
        out.push_back(std::move(word));
    return out;
}

bool is_not_word(std::string const& w)
{
    return w.size() == 3 && (w[0] == 'n' || w[0] == 'N') && (w[1] == 'o' || w[1] == 'O') && (w[2] == 't' || w[2] == 'T');
}

// How LXD 5.0.2 reads a filter; nullopt where it answers "invalid filter".
std::optional<std::vector<clause>> lxd_parse(std::string_view text)
{
    auto const parts = fields(text);
    std::vector<clause> out;
    std::size_t i = 0;
    std::string joiner;
    while (i < parts.size()) {
        clause c;
        c.joiner = joiner;
        if (is_not_word(parts[i])) {
            c.negated = true;
            if (++i == parts.size())
                return std::nullopt;
        }
        c.field = parts[i];
        if (++i == parts.size())
            return std::nullopt;
        c.op = parts[i];
        if (++i == parts.size())
            return std::nullopt;
        std::string value = parts[i];
        if (value.starts_with('"')) {
            value.erase(0, 1);
            for (;;) {
                if (++i == parts.size())
                    return std::nullopt;  // unterminated quote
                if (parts[i].ends_with('"'))
                    break;
                value += ' ' + parts[i];
            }
            value += ' ' + parts[i].substr(0, parts[i].size() - 1);
        }
        c.value = value;
        ++i;
        if (i < parts.size()) {
            joiner = parts[i];
            if (joiner != "and" && joiner != "or")
                return std::nullopt;
            if (++i == parts.size())
                return std::nullopt;
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::string problem(lxd::filter const& f)
{
    auto r = f.str();
    EXPECT_FALSE(r) << "built: " << (r ? *r : std::string());
    if (r)
        return {};
    EXPECT_EQ(r.error().code, error::invalid_argument);
    return r.error().message;
}

// ---------------------------------------------------------------- building

TEST(lxd_filter, header_is_self_contained_and_builds_a_clause)
{
    auto f = lxd::filter{}.where("properties.os", "eq", "Debian").str();
    ASSERT_TRUE(f);
    EXPECT_EQ(*f, "properties.os eq Debian");
}

TEST(lxd_filter, joins_and_negations_read_back_as_given)
{
    auto const f = lxd::filter{}
                       .where_not("type", "eq", "container")
                       .and_where("properties.os", "eq", "Ubuntu Core")
                       .or_where("public", "ne", "false")
                       .and_not("update_source.protocol", "eq", "simplestreams")
                       .or_not("properties.release", "ne", "22.04 LTS \"jammy\"")
                       .str();
    ASSERT_TRUE(f) << f.error().what();
    EXPECT_EQ(*f, "not type eq container and properties.os eq \"Ubuntu Core\" or public ne false and not "
                  "update_source.protocol eq simplestreams or not properties.release ne \"22.04 LTS \"jammy\"\"");
    auto const back = lxd_parse(*f);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, (std::vector<clause>{{"", true, "type", "eq", "container"},
                                          {"and", false, "properties.os", "eq", "Ubuntu Core"},
                                          {"or", false, "public", "ne", "false"},
                                          {"and", true, "update_source.protocol", "eq", "simplestreams"},
                                          {"or", true, "properties.release", "ne", "22.04 LTS \"jammy\""}}));
}

TEST(lxd_filter, quoting_rules)
{
    auto text = [](std::string_view v) { return lxd::filter{}.where("f", "eq", v).str().value(); };
    EXPECT_EQ(text("a"), "f eq a");                       // no space: bare
    EXPECT_EQ(text("a\"b"), "f eq a\"b");                 // a quote inside a word is data
    EXPECT_EQ(text("ab\""), "f eq ab\"");                 // ... and at its end
    EXPECT_EQ(text("a b"), "f eq \"a b\"");               // spaces: quoted
    EXPECT_EQ(text("\"a b"), "f eq \"\"a b\"");           // a leading quote is data once quoted
    EXPECT_EQ(text("a\" b"), "f eq \"a\" b\"");           // the first word may end in a quote
    EXPECT_EQ(text("a b\""), "f eq \"a b\"\"");           // so may the last
    EXPECT_EQ(text(" a"), "f eq \" a\"");               // one space at either end: the quotes become words
    EXPECT_EQ(text("a "), "f eq \"a \"");
    EXPECT_EQ(text(" "), "f eq \" \"");
    EXPECT_EQ(text("and or not"), "f eq \"and or not\"");  // keywords in a value are data
    EXPECT_EQ(text("\xc3\xa9t\xc3\xa9"), "f eq \xc3\xa9t\xc3\xa9");  // non-ASCII that is not whitespace
    for (char const* v : {"a", "a\"b", "ab\"", "a b", "\"a b", "a\" b", "a b\"", "and or not", "x y z w", " a", "a ", " "})
        EXPECT_EQ(lxd_parse(text(v)), (std::vector<clause>{{"", false, "f", "eq", v}})) << v;
}

// ---------------------------------------------------------------- refusals

TEST(lxd_filter, every_refusal_says_why)
{
    EXPECT_EQ(problem(lxd::filter{}), "empty LXD filter");
    EXPECT_EQ(problem(lxd::filter{}.and_where("a", "eq", "b")), "a filter starts with where()");
    EXPECT_EQ(problem(lxd::filter{}.or_not("a", "eq", "b")), "a filter starts with where()");
    EXPECT_EQ(problem(lxd::filter{}.where("a", "eq", "b").where("c", "eq", "d")),
              "where() starts a filter; join further clauses with and_/or_");
    EXPECT_EQ(problem(lxd::filter{}.where("a", "eq", "b").where_not("c", "eq", "d")),
              "where() starts a filter; join further clauses with and_/or_");
    for (char const* field : {"", "a b", "a\tb", "not", "NOT", "Not", "\"a", "a\xc2\xa0" "b"})
        EXPECT_NE(problem(lxd::filter{}.where(field, "eq", "v")).find("invalid LXD filter field"), std::string::npos) << field;
    for (char const* op : {"", "EQ", "==", "gt", "lt", "eq "})
        EXPECT_NE(problem(lxd::filter{}.where("a", op, "v")).find("LXD filter operators are eq and ne"), std::string::npos) << op;
    std::pair<char const*, char const*> const values[] = {
        {"", "cannot be empty"},
        {"\"a", "cannot start with a double quote"},
        {"a\tb", "can only contain single spaces"},
        {"a \nb", "can only contain single spaces"},
        {"a  b", "cannot contain repeated spaces"},
        {"a b\" c", "cannot have an inner word ending in a double quote"},
        {"a\xc2\xa0" "b", "non-ASCII whitespace"},
        {"a\xe3\x80\x80" "b", "non-ASCII whitespace"},
    };
    for (auto const& [value, why] : values)
        EXPECT_NE(problem(lxd::filter{}.where("a", "eq", value)).find(why), std::string::npos) << '[' << value << ']';
}

TEST(lxd_filter, the_first_problem_sticks_and_later_clauses_change_nothing)
{
    auto f = lxd::filter{}.where("a", "eq", "").and_where("b", "eq", "c").or_where("d", "gt", "e");
    EXPECT_EQ(problem(f), "an LXD filter value cannot be empty");
}

TEST(lxd_filter, long_and_hostile_input_is_cut_in_messages)
{
    std::string const field(10000, 'x');
    auto const msg = problem(lxd::filter{}.where(field + " ", "eq", "v"));
    EXPECT_LT(msg.size(), 100u);
    EXPECT_LT(problem(lxd::filter{}.where("a", std::string(1000, '='), "v")).size(), 100u);
}

// ---------------------------------------------------------------- against the parser, exhaustively

// Every string of up to five symbols from an alphabet that has each kind of
// troublesome character: accepted values read back exactly, and refused ones
// would not have (the only encoding LXD offers: bare without whitespace,
// quoted with it).
TEST(lxd_filter, a_value_is_accepted_exactly_when_lxd_reads_it_back)
{
    std::vector<std::string> const alphabet{"a", " ", "\"", "\t", "\xc2\xa0", "\xe2\x80\x83"};
    std::vector<std::string> values{""};
    std::size_t checked = 0, accepted = 0;
    for (int length = 0; length <= 5; ++length) {
        std::vector<std::string> next;
        for (auto const& v : values) {
            ++checked;
            auto const built = lxd::filter{}.where("f", "eq", v).str();
            bool const has_ascii_space = v.find_first_of(" \t\n\r\v\f") != std::string::npos;
            std::string const naive = "f eq " + (has_ascii_space ? '"' + v + '"' : v);
            auto const back = lxd_parse(naive);
            bool const reads_back = back && *back == std::vector<clause>{{"", false, "f", "eq", v}};
            EXPECT_EQ(built.has_value(), reads_back) << '[' << v << "] " << (built ? *built : built.error().message);
            if (built) {
                ++accepted;
                EXPECT_EQ(*built, naive);
            }
            if (length < 5)
                for (auto const& s : alphabet)
                    next.push_back(v + s);
        }
        values = std::move(next);
    }
    EXPECT_EQ(checked, 9331u);  // 1 + 6 + 6^2 + ... + 6^5
    EXPECT_GT(accepted, 100u);
}

// Field names are a single word: accepted ones read back; the builder is
// stricter than LXD only for names that start with a quote (no JSON key does).
TEST(lxd_filter, a_field_is_accepted_only_when_lxd_reads_it_back)
{
    std::vector<std::string> const alphabet{"n", "o", "t", "N", " ", "\"", "\xc2\x85"};
    std::vector<std::string> fields_{""};
    for (int length = 0; length <= 4; ++length) {
        std::vector<std::string> next;
        for (auto const& field : fields_) {
            auto const built = lxd::filter{}.where(field, "eq", "v").str();
            auto const back = lxd_parse(field + " eq v");
            bool const reads_back = back && *back == std::vector<clause>{{"", false, field, "eq", "v"}};
            if (built) {
                EXPECT_TRUE(reads_back) << '[' << field << ']';
            } else {
                EXPECT_TRUE(!reads_back || field.starts_with('"')) << '[' << field << "] " << built.error().message;
            }
            if (length < 4)
                for (auto const& s : alphabet)
                    next.push_back(field + s);
        }
        fields_ = std::move(next);
    }
}

} // namespace
