// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_LABEL_SELECTOR_HPP
#define CLOUDIMG_HETZNER_LABEL_SELECTOR_HPP

// Hetzner label keys, values and label selectors, checked against the rules
// of the API reference ("Labels", "Label Selector") before anything is sent.

#include <cloudimg/detail/quote.hpp>
#include <cloudimg/error.hpp>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>

namespace cloudimg::hetzner {

namespace detail {

constexpr bool is_alnum(char c) noexcept
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

using cloudimg::detail::quote;

// The reason `s` is not a label name or value (empty when it is one):
// at most 63 characters, alphanumeric at both ends, `-_.` allowed inside.
inline std::string name_problem(std::string_view s)
{
    if (s.size() > 63)
        return "is longer than 63 characters";
    for (char c : s)
        if (!is_alnum(c) && c != '-' && c != '_' && c != '.')
            return "holds " + quote(std::string_view(&c, 1)) + "; only letters, digits, '-', '_' and '.' are allowed";
    if (!s.empty() && (!is_alnum(s.front()) || !is_alnum(s.back())))
        return "must begin and end with a letter or digit";
    return {};
}

// The reason `s` is not a DNS subdomain: dot-separated labels of letters,
// digits and '-', each 1 to 63 long and alphanumeric at both ends, 253 in total.
inline std::string subdomain_problem(std::string_view s)
{
    if (s.empty())
        return "the prefix before '/' is empty";
    if (s.size() > 253)
        return "the prefix is longer than 253 characters";
    for (std::size_t start = 0; start <= s.size();) {
        auto end = s.find('.', start);
        if (end == std::string_view::npos)
            end = s.size();
        std::string_view const label = s.substr(start, end - start);
        if (label.empty() || label.size() > 63)
            return "the prefix must be a DNS subdomain (dot-separated labels of 1 to 63 characters)";
        for (char c : label)
            if (!is_alnum(c) && c != '-')
                return "the prefix holds " + quote(std::string_view(&c, 1)) +
                       "; a DNS subdomain has only letters, digits, '-' and '.'";
        if (!is_alnum(label.front()) || !is_alnum(label.back()))
            return "each dot-separated part of the prefix must begin and end with a letter or digit";
        start = end + 1;
    }
    return {};
}

// A label value's failure; the message names `key` when there is one.
inline result<void> check_value(std::string_view value, std::string_view key)
{
    auto why = name_problem(value);
    if (why.empty())
        return {};
    std::string msg = "invalid label value " + quote(value);
    if (!key.empty())
        msg += " for key " + quote(key);
    return make_failure(error::invalid_argument, msg + ": the value " + why);
}

} // namespace detail

/** Check a label key: `[prefix/]name`.

    The name is 1 to 63 characters, alphanumeric at both ends, with `-`, `_`
    and `.` allowed inside. The optional prefix is a DNS subdomain of at most
    253 characters (letters of either case are accepted, as hcloud-go does).
    The error is `error::invalid_argument` and its message names the key.

    @code
    hetzner::check_label_key("example.com/my");  // ok
    hetzner::check_label_key("a b");             // invalid_argument: invalid label key "a b": ...
    @endcode
*/
inline result<void> check_label_key(std::string_view key)
{
    auto fail = [&](std::string const& why) {
        return make_failure(error::invalid_argument, "invalid label key " + detail::quote(key) + ": " + why);
    };
    if (key.empty())
        return fail("a key must not be empty");
    auto const slash = key.find('/');
    std::string_view name = key;
    if (slash != std::string_view::npos) {
        if (key.find('/', slash + 1) != std::string_view::npos)
            return fail("a key holds at most one '/'");
        if (auto why = detail::subdomain_problem(key.substr(0, slash)); !why.empty())
            return fail(why);
        name = key.substr(slash + 1);
    }
    if (name.empty())
        return fail("the name after the prefix is empty");
    if (auto why = detail::name_problem(name); !why.empty())
        return fail("the name " + why);
    return {};
}

/** Check a label value: empty, or up to 63 characters, alphanumeric at both ends, `-_.` inside.

    @code
    hetzner::check_label_value("");        // ok: empty values are allowed
    hetzner::check_label_value("-prod");   // invalid_argument
    @endcode
*/
inline result<void> check_label_value(std::string_view value)
{
    return detail::check_value(value, {});
}

/** A builder for Hetzner label selectors.

    Each call appends one expression; expressions are joined with `,` (all
    must hold). Keys and values are checked as they are added; the first
    invalid one is reported by `build()` (later calls are then ignored), so
    a chain needs a single check at the end. Equality is written `==`, the
    unambiguous one of the two documented spellings.

    The result is the raw selector text: `build_request` percent-encodes it
    as a query value (`=`, `!`, `,`, `(`, `)` and spaces become `%3D`, `%21`...).

    @code
    auto sel = hetzner::label_selector{}
                   .equals("env", "prod")
                   .in("tier", {"web", "api"})
                   .not_exists("deprecated")
                   .build();
    // *sel == "env==prod,tier in (web,api),!deprecated"
    auto req = hetzner::prepare(cfg, hetzner::list_images{.label_selector = *sel});
    @endcode
*/
class label_selector {
public:
    /// `key==value`: the label is present with this value.
    label_selector& equals(std::string_view key, std::string_view value) { return binary(key, "==", value); }

    /// `key!=value`: the label is absent or has another value.
    label_selector& not_equals(std::string_view key, std::string_view value) { return binary(key, "!=", value); }

    /// `key in (v1,v2)`: the label has one of these values; at least one value is required.
    label_selector& in(std::string_view key, std::initializer_list<std::string_view> values)
    {
        return set(key, " in (", values);
    }
    template <std::ranges::input_range R>
        requires std::convertible_to<std::ranges::range_reference_t<R>, std::string_view>
    label_selector& in(std::string_view key, R const& values)
    {
        return set(key, " in (", values);
    }

    /// `key notin (v1,v2)`: the label has none of these values (or is absent).
    label_selector& not_in(std::string_view key, std::initializer_list<std::string_view> values)
    {
        return set(key, " notin (", values);
    }
    template <std::ranges::input_range R>
        requires std::convertible_to<std::ranges::range_reference_t<R>, std::string_view>
    label_selector& not_in(std::string_view key, R const& values)
    {
        return set(key, " notin (", values);
    }

    /// `key`: the label is present, whatever its value.
    label_selector& exists(std::string_view key) { return unary("", key); }

    /// `!key`: the label is absent.
    label_selector& not_exists(std::string_view key) { return unary("!", key); }

    /// The selector text, or the first invalid key or value (`error::invalid_argument`).
    result<std::string> build() const
    {
        if (error_)
            return *error_;
        return text_;
    }

private:
    bool start(std::string_view key)
    {
        if (error_)
            return false;
        if (auto ok = check_label_key(key); !ok) {
            error_ = ok.error();
            return false;
        }
        return true;
    }

    // like check_label_value, but the message also names the key
    bool check_value(std::string_view key, std::string_view value)
    {
        if (auto ok = detail::check_value(value, key); !ok) {
            error_ = ok.error();
            return false;
        }
        return true;
    }

    void separate()
    {
        if (!text_.empty())
            text_ += ',';
    }

    label_selector& binary(std::string_view key, std::string_view op, std::string_view value)
    {
        if (start(key) && check_value(key, value)) {
            separate();
            text_.append(key).append(op).append(value);
        }
        return *this;
    }

    label_selector& unary(std::string_view op, std::string_view key)
    {
        if (start(key)) {
            separate();
            text_.append(op).append(key);
        }
        return *this;
    }

    template <class R>
    label_selector& set(std::string_view key, std::string_view op, R const& values)
    {
        if (!start(key))
            return *this;
        std::string list;
        bool any = false;
        for (auto&& v : values) {
            std::string_view const s = v;
            if (!check_value(key, s))
                return *this;
            if (any)
                list += ',';
            list.append(s);
            any = true;
        }
        if (!any) {
            error_ = make_failure(error::invalid_argument,
                                  "label selector for key " + detail::quote(key) + ": a set needs at least one value");
            return *this;
        }
        separate();
        text_.append(key).append(op).append(list).append(1, ')');
        return *this;
    }

    std::string text_;
    std::optional<failure> error_;
};

} // namespace cloudimg::hetzner

#endif
