// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_FILTER_HPP
#define CLOUDIMG_LXD_FILTER_HPP

// The `filter` query parameter of GET /1.0/images.
//
// LXD splits a filter at whitespace (Go's: ASCII and Unicode spaces such as
// U+00A0) into `[not] field op value` clauses joined by `and` / `or` (left to
// right, no parentheses; `not` in any case). A value with spaces is written
// in double quotes; the server then joins its words with single spaces up to
// the first word that ends in a quote. So not every string is a value LXD
// can be asked for: empty values, repeated spaces, whitespace other than the
// ASCII space, a leading quote without a space, and a quote at the end of an
// inner word cannot be expressed, and the builder refuses them rather than
// send a filter that means something else. Field names are the JSON keys,
// dotted for nesting (`properties.os`, `update_source.protocol`), not the Go
// names.

#include <cloudimg/error.hpp>

#include <string>
#include <string_view>

namespace cloudimg::lxd {

/** Builds a filter clause by clause.

    @code
    auto f = lxd::filter{}.where("properties.os", "eq", "Debian")
                          .and_where("type", "eq", "container")
                          .str();   // result<std::string>: "properties.os eq Debian and type eq container"
    c.send(lxd::list_images{.filter = f.value()});
    @endcode

    LXD 5.0.2 never matches `eq true` / `eq false` on boolean fields (`public`,
    `auto_update`); compare such fields client-side there.
*/
class filter {
public:
    /// The first clause: `field op value`, op "eq" or "ne".
    filter& where(std::string_view field, std::string_view op, std::string_view value) { return add({}, false, field, op, value); }
    /// The first clause, negated: `not field op value`.
    filter& where_not(std::string_view field, std::string_view op, std::string_view value) { return add({}, true, field, op, value); }
    filter& and_where(std::string_view field, std::string_view op, std::string_view value) { return add("and", false, field, op, value); }
    filter& and_not(std::string_view field, std::string_view op, std::string_view value) { return add("and", true, field, op, value); }
    filter& or_where(std::string_view field, std::string_view op, std::string_view value) { return add("or", false, field, op, value); }
    filter& or_not(std::string_view field, std::string_view op, std::string_view value) { return add("or", true, field, op, value); }

    /// The filter text, or the first problem found while building it.
    result<std::string> str() const
    {
        if (!problem_.empty())
            return make_failure(error::invalid_argument, problem_);
        if (text_.empty())
            return make_failure(error::invalid_argument, "empty LXD filter");
        return text_;
    }

private:
    static bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

    static bool has_space(std::string_view s) noexcept
    {
        for (char c : s)
            if (is_space(c))
                return true;
        return false;
    }

    // The non-ASCII characters Go's unicode.IsSpace (strings.Fields) splits at, in UTF-8:
    // U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    static bool has_unicode_space(std::string_view s) noexcept
    {
        auto const byte = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
        for (std::size_t i = 0; i < s.size(); ++i) {
            unsigned const a = byte(i), b = byte(i + 1), c = byte(i + 2);
            if ((a == 0xC2 && (b == 0x85 || b == 0xA0)) || (a == 0xE1 && b == 0x9A && c == 0x80) ||
                (a == 0xE2 && b == 0x80 && ((c >= 0x80 && c <= 0x8A) || c == 0xA8 || c == 0xA9 || c == 0xAF)) ||
                (a == 0xE2 && b == 0x81 && c == 0x9F) || (a == 0xE3 && b == 0x80 && c == 0x80))
                return true;
        }
        return false;
    }

    // LXD reads a first word "not" in any case as the negation.
    static bool is_not(std::string_view s) noexcept
    {
        return s.size() == 3 && (s[0] | 0x20) == 'n' && (s[1] | 0x20) == 'o' && (s[2] | 0x20) == 't';
    }

    // Why `value` cannot be sent as one LXD filter value, or empty if it can.
    static std::string value_problem(std::string_view value)
    {
        if (value.empty())
            return "an LXD filter value cannot be empty";
        if (has_unicode_space(value))
            return "an LXD filter value cannot contain non-ASCII whitespace: LXD splits at it";
        if (!has_space(value))
            return value.front() == '"' ? "an LXD filter value cannot start with a double quote" : "";
        // Quoted, the opening and closing quotes are words of their own when
        // the value starts or ends with a space, so one space there is fine.
        for (std::size_t i = 0; i < value.size(); ++i) {
            char const c = value[i];
            if (c != ' ' && is_space(c))
                return "an LXD filter value can only contain single spaces";
            if (c == ' ' && i + 1 < value.size() && value[i + 1] == ' ')
                return "an LXD filter value cannot contain repeated spaces";
            // the server reads words after the first up to one that ends in a quote
            if (c == ' ' && i > 0 && value[i - 1] == '"' && value.find(' ') < i)
                return "an LXD filter value cannot have an inner word ending in a double quote";
        }
        return {};
    }

    filter& add(std::string_view joiner, bool negate, std::string_view field, std::string_view op, std::string_view value)
    {
        if (!problem_.empty())
            return *this;
        if (joiner.empty() != text_.empty()) {
            problem_ = joiner.empty() ? "where() starts a filter; join further clauses with and_/or_"
                                      : "a filter starts with where()";
            return *this;
        }
        if (field.empty() || has_space(field) || has_unicode_space(field) || is_not(field) || field.front() == '"') {
            problem_ = "invalid LXD filter field \"" + std::string(field.substr(0, 64)) + '"';
            return *this;
        }
        if (op != "eq" && op != "ne") {
            problem_ = "LXD filter operators are eq and ne, not \"" + std::string(op.substr(0, 16)) + '"';
            return *this;
        }
        if (auto p = value_problem(value); !p.empty()) {
            problem_ = std::move(p);
            return *this;
        }
        if (!joiner.empty()) {
            text_ += ' ';
            text_ += joiner;
            text_ += ' ';
        }
        if (negate)
            text_ += "not ";
        text_ += field;
        text_ += ' ';
        text_ += op;
        text_ += ' ';
        if (has_space(value)) {
            text_ += '"';
            text_ += value;
            text_ += '"';
        } else {
            text_ += value;
        }
        return *this;
    }

    std::string text_;
    std::string problem_;
};

} // namespace cloudimg::lxd

#endif
