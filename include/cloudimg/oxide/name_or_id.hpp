// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OXIDE_NAME_OR_ID_HPP
#define CLOUDIMG_OXIDE_NAME_OR_ID_HPP

// Oxide identifies a resource by its UUID or by its Name, in one parameter
// (`NameOrId`). The spec's rules for both are checked here, before a request
// is built, so a malformed value is refused locally with a clear message.

#include <cloudimg/error.hpp>
#include <cloudimg/detail/quote.hpp>
#include <cloudimg/http.hpp>                    // iequals

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace cloudimg::oxide {

/** True if `text` is a UUID as the spec's `format: uuid` means it: 8-4-4-4-12
    hexadecimal digits of either case, without braces, prefix or spaces.

    @code
    oxide::is_uuid("0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c");    // true
    oxide::is_uuid("{0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c}");  // false
    @endcode
*/
constexpr bool is_uuid(std::string_view text) noexcept
{
    if (text.size() != 36)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

namespace detail {

/// Which rule of the spec's `Name` a text breaks.
enum class name_rule : std::uint8_t { ok, empty, too_long, first_not_lowercase, bad_character, ends_with_hyphen, uuid };

struct name_verdict {
    name_rule rule = name_rule::ok;
    std::size_t at = 0;  ///< bad_character: the offending byte's index
};

// The spec's Name, as its own terms: minLength 1, maxLength 63 and the pattern
// ^(?!<uuid>$)^[a-z]([a-zA-Z0-9-]*[a-zA-Z0-9]+)?$ . omicron's own parser is
// stricter (no uppercase letters); the spec is what a client can rely on.
constexpr name_verdict judge_name(std::string_view s) noexcept
{
    if (s.empty())
        return {name_rule::empty};
    if (s.size() > 63)
        return {name_rule::too_long};
    if (!(s[0] >= 'a' && s[0] <= 'z'))
        return {name_rule::first_not_lowercase};
    for (std::size_t i = 1; i < s.size(); ++i) {
        char const c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return {name_rule::bad_character, i};
    }
    if (s.back() == '-')
        return {name_rule::ends_with_hyphen};
    if (is_uuid(s))
        return {name_rule::uuid};
    return {};
}

// Why `s` is not a Name, as the end of a sentence; empty when it is one.
inline std::string name_problem(std::string_view s)
{
    auto const v = judge_name(s);
    switch (v.rule) {
    case name_rule::ok: return {};
    case name_rule::empty: return "is empty; a name has 1 to 63 characters";
    case name_rule::too_long: return "is " + std::to_string(s.size()) + " characters long; a name has at most 63";
    case name_rule::first_not_lowercase: return "must begin with a lowercase ASCII letter";
    case name_rule::bad_character:
        return "holds " + cloudimg::detail::quote(s.substr(v.at, 1)) + " at position " + std::to_string(v.at) +
               "; a name has only ASCII letters, digits and '-'";
    case name_rule::ends_with_hyphen: return "must not end with '-'";
    case name_rule::uuid: return "has the form of a UUID, which a name may not have";
    }
    return "is not a name";
}

// Text that was meant as a UUID: only hex digits, hyphens and braces, four hyphens.
constexpr bool looks_like_uuid(std::string_view s) noexcept
{
    std::size_t hyphens = 0;
    for (char c : s) {
        if (c == '-')
            ++hyphens;
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '{' || c == '}'))
            return false;
    }
    return hyphens == 4;
}

inline constexpr std::string_view uuid_form =
    "a UUID is 32 hexadecimal digits in groups of 8-4-4-4-12 separated by '-', without braces";

// The decode error for text that is not a UUID, built out of line so that
// the decoding hook stays small enough to inline.
[[gnu::noinline, gnu::cold]] inline failure not_a_uuid(std::string_view text)
{
    return make_failure(error::invalid_value, "not a UUID: \"" + std::string(text.substr(0, 64)) + '"');
}

} // namespace detail

/** True if `text` is a valid `Name`: 1 to 63 characters, beginning with a
    lowercase ASCII letter, then ASCII letters, digits and '-', not ending with
    '-', and not of the form of a UUID.

    @code
    oxide::is_name("debian-12");   // true
    oxide::is_name("12-debian");   // false: must begin with a letter
    @endcode
*/
constexpr bool is_name(std::string_view text) noexcept
{
    return detail::judge_name(text).rule == detail::name_rule::ok;
}

/** Check a `Name`; the error (`error::invalid_argument`) says which rule it breaks,
    and calls the value `what`.

    @code
    auto ok = oxide::check_name("Debian");  // invalid_argument: name "Debian" must begin with a lowercase ASCII letter
    @endcode
*/
inline result<void> check_name(std::string_view text, std::string_view what = "name")
{
    auto why = detail::name_problem(text);
    if (why.empty())
        return {};
    return make_failure(error::invalid_argument, std::string(what) + ' ' + cloudimg::detail::quote(text) + ' ' + why);
}

/** A UUID, kept as the text it was given or received as.

    Responses only ever hold valid UUIDs: decoding refuses anything else. A
    value built from text remembers the text whatever it is, so endpoint fields
    read naturally (`.source = {.id = "0d6f..."}`); the endpoint's `validate()`
    refuses an invalid one before a request is built. Comparison ignores the
    case of the hex digits, as UUIDs do.

    @code
    oxide::uuid id = "0D6F9B2A-3C4E-4F5A-8B7C-1D2E3F4A5B6C";
    assert(id.valid() && id == oxide::uuid("0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c"));
    @endcode
*/
class uuid {
public:
    uuid() = default;
    uuid(std::string text) noexcept : text_(std::move(text)) {}
    uuid(std::string_view text) : text_(text) {}
    uuid(char const* text) : text_(text) {}

    /** The UUID in `text`, or `error::invalid_argument`.

        @code
        auto id = oxide::uuid::parse(user_input);
        if (!id) return id.error();
        @endcode
    */
    static result<uuid> parse(std::string_view text)
    {
        if (!is_uuid(text))
            return make_failure(error::invalid_argument,
                                "not a UUID: " + cloudimg::detail::quote(text) + "; " + std::string(detail::uuid_form));
        return uuid(text);
    }

    /// The 8-4-4-4-12 form?
    bool valid() const noexcept { return is_uuid(text_); }

    /** Succeeds for a valid UUID; otherwise `error::invalid_argument`, with the value called `parameter`.

        @code
        auto ok = oxide::uuid("snap-1").check("body.source.id");
        // body.source.id "snap-1" is not a UUID; a UUID is 32 hexadecimal digits ...
        @endcode
    */
    result<void> (check)(std::string_view parameter) const  // (check): safe from a check() macro
    {
        if (valid())
            return {};
        return make_failure(error::invalid_argument, std::string(parameter) + ' ' + cloudimg::detail::quote(text_) +
                                                         " is not a UUID; " + std::string(detail::uuid_form));
    }

    /// The text as given or received.
    std::string const& text() const noexcept { return text_; }

    friend bool operator==(uuid const& a, uuid const& b) noexcept { return cloudimg::detail::iequals(a.text_, b.text_); }

    /** A UUID travels as a JSON string (json/custom_scalar.hpp); decoding
        refuses text that is not a UUID with `error::invalid_value`.

        @code
        auto id = json::decode<oxide::uuid>(R"("0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c")");
        @endcode
    */
    friend result<void> from_json_string(std::string_view text, uuid& out)
    {
        if (!is_uuid(text)) [[unlikely]]
            return detail::not_a_uuid(text);
        out.text_ = std::string(text);  // cheaper than assign() into the empty string of a new element
        return {};
    }
    /// The text as received or given, escaped by the encoder.
    friend std::string_view to_json_string(uuid const& v) noexcept { return v.text_; }

private:
    std::string text_;
};

/** A resource named by its UUID or by its `Name`: the spec's `NameOrId`.

    Built implicitly from text, so parameters read like the API
    (`oxide::view_image{.image = "debian-12"}`); the text is classified once:
    a UUID is an id, a valid `Name` is a name, anything else is invalid and is
    refused by the endpoint's `validate()`, with the reason, before a request
    is built. On the wire it is the text itself.

    @code
    oxide::name_or_id a = "debian-12";                              // a.is_name()
    oxide::name_or_id b = image.id;                                 // b.is_id(), from an oxide::uuid
    oxide::name_or_id c = "Debian 12";                              // !c.valid()
    @endcode
*/
class name_or_id {
public:
    enum class kind : std::uint8_t { invalid, id, name };

    name_or_id() = default;
    name_or_id(std::string text) noexcept : text_(std::move(text)), kind_(classify(text_)) {}
    name_or_id(std::string_view text) : name_or_id(std::string(text)) {}
    name_or_id(char const* text) : name_or_id(std::string(text)) {}
    name_or_id(uuid const& id) : name_or_id(id.text()) {}

    kind what() const noexcept { return kind_; }
    bool is_id() const noexcept { return kind_ == kind::id; }
    bool is_name() const noexcept { return kind_ == kind::name; }
    bool valid() const noexcept { return kind_ != kind::invalid; }

    /// The text as given: what goes on the wire.
    std::string const& text() const noexcept { return text_; }

    /** Succeeds for a UUID or a name; otherwise `error::invalid_argument`
        saying why, with the value called `parameter`.

        @code
        auto ok = oxide::name_or_id("my image").check("image");
        // image "my image" is neither a UUID nor a name: it holds " " at position 2; ...
        @endcode
    */
    result<void> (check)(std::string_view parameter) const  // (check): safe from a check() macro
    {
        if (valid())
            return {};
        std::string msg = std::string(parameter) + ' ' + cloudimg::detail::quote(text_) + " is neither a UUID nor a name: ";
        if (detail::looks_like_uuid(text_))
            msg += std::string(detail::uuid_form);
        else
            msg += "it " + detail::name_problem(text_);
        return make_failure(error::invalid_argument, std::move(msg));
    }

    friend bool operator==(name_or_id const& a, name_or_id const& b) noexcept
    {
        if (a.is_id() && b.is_id())
            return cloudimg::detail::iequals(a.text_, b.text_);
        return a.text_ == b.text_;
    }

private:
    static kind classify(std::string_view s) noexcept
    {
        if (is_uuid(s))
            return kind::id;
        return oxide::is_name(s) ? kind::name : kind::invalid;
    }

    std::string text_;
    kind kind_ = kind::invalid;
};

/** The wire form of a `name_or_id` in a path or query (found by `build_request` through ADL).

    @code
    assert(wire_text(oxide::name_or_id("debian-12")) == "debian-12");
    @endcode
*/
inline std::string_view wire_text(name_or_id const& v) noexcept
{
    return v.text();
}

} // namespace cloudimg::oxide

#endif
