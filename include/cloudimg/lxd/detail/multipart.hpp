// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_DETAIL_MULTIPART_HPP
#define CLOUDIMG_LXD_DETAIL_MULTIPART_HPP

// MIME pieces shared by the upload writer and the export reader: boundaries
// (RFC 2046) and header values with parameters (RFC 2045, `type; a=b; c="d"`),
// written and read the way Go's mime package does, which is what LXD uses.

#include <cloudimg/detail/quote.hpp>
#include <cloudimg/error.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cloudimg::lxd::detail {

// The longest boundary RFC 2046 allows.
inline constexpr std::size_t max_boundary = 70;

// RFC 2046 bchars.
constexpr bool is_boundary_char(char c) noexcept
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// 1 to 70 bchars, not ending in a space. `e` says whose mistake a bad one is.
inline result<void> check_boundary(std::string_view b, error e)
{
    if (b.empty() || b.size() > max_boundary || b.back() == ' ' ||
        !std::all_of(b.begin(), b.end(), is_boundary_char))
        return make_failure(e, "multipart boundary " + cloudimg::detail::quote(b) +
                                   " is not 1 to 70 of [0-9A-Za-z'()+_,-./:=? ] without a trailing space");
    return {};
}

// RFC 2045 token characters: printable ASCII but space and tspecials.
constexpr bool is_mime_token_char(char c) noexcept
{
    return c > ' ' && c < 0x7f && std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
}

// `v` as a quoted-string, `\` and `"` escaped (Go's multipart.Writer writes file names so).
inline void append_quoted(std::string& out, std::string_view v)
{
    out += '"';
    for (char c : v) {
        if (c == '\\' || c == '"')
            out += '\\';
        out += c;
    }
    out += '"';
}

// A parameter value: a token as is, anything else quoted.
inline void append_parameter_value(std::string& out, std::string_view v)
{
    if (!v.empty() && std::all_of(v.begin(), v.end(), is_mime_token_char))
        out += v;
    else
        append_quoted(out, v);
}

// A header value `value; name=token; name="quoted"`: the value lower-cased,
// parameter names lower-cased, quoted values unescaped.
struct parameterized_value {
    std::string value;
    std::vector<std::pair<std::string, std::string>> parameters;

    std::string const* find(std::string_view name) const noexcept
    {
        for (auto const& p : parameters)
            if (p.first == name)
                return &p.second;
        return nullptr;
    }
};

inline std::string to_lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Parse a Content-Type or Content-Disposition value. Refused like Go's
// mime.ParseMediaType refuses: no value, a parameter without `=` or value,
// an unterminated quote, a parameter given twice; and control characters.
// `what` names the header in messages.
inline result<parameterized_value> parse_parameterized(std::string_view text, std::string_view what)
{
    auto fail = [&](std::string_view why) {
        return make_failure(error::invalid_value,
                            std::string(what) + ' ' + cloudimg::detail::quote(text) + ": " + std::string(why));
    };
    auto skip_space = [&](std::size_t& i) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
    };
    for (char c : text)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
            return fail("contains a control character");

    parameterized_value out;
    std::size_t i = 0;
    skip_space(i);
    std::size_t const start = i;
    while (i < text.size() && text[i] != ';')
        ++i;
    std::string_view value = text.substr(start, i - start);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
    if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) {
            return is_mime_token_char(c) || c == '/';
        }))
        return fail("has no valid value before its parameters");
    out.value = to_lower(value);

    while (i < text.size()) {
        ++i;  // the ';'
        skip_space(i);
        if (i == text.size())
            break;  // a trailing ';' is tolerated, as Go does
        std::size_t const name_start = i;
        while (i < text.size() && is_mime_token_char(text[i]))
            ++i;
        std::string name = to_lower(text.substr(name_start, i - name_start));
        skip_space(i);
        if (name.empty() || i == text.size() || text[i] != '=')
            return fail("has a parameter without a name or '='");
        ++i;
        skip_space(i);
        std::string val;
        if (i < text.size() && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < text.size()) {
                char c = text[i++];
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\' && i < text.size())
                    c = text[i++];
                val += c;
            }
            if (!closed)
                return fail("has an unterminated quoted string");
        } else {
            std::size_t const v = i;
            while (i < text.size() && is_mime_token_char(text[i]))
                ++i;
            if (i == v)
                return fail("has a parameter without a value");
            val.assign(text.substr(v, i - v));
        }
        skip_space(i);
        if (i < text.size() && text[i] != ';')
            return fail("has text after a parameter value");
        if (out.find(name) != nullptr)
            return fail("gives a parameter twice");
        out.parameters.emplace_back(std::move(name), std::move(val));
    }
    return out;
}

} // namespace cloudimg::lxd::detail

#endif
