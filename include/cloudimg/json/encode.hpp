// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_ENCODE_HPP
#define CLOUDIMG_JSON_ENCODE_HPP

#include <cloudimg/detail/text.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/json/traits.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cloudimg::json {

/// Append the JSON form of `value` to `out`: no DOM, no intermediate strings.
template <class T>
void encode_to(std::string& out, T const& value)
{
    json_traits<T>::encode(out, value);
}

/// The JSON form of `value`, compact.
template <class T>
std::string encode(T const& value)
{
    std::string out;
    encode_to(out, value);
    return out;
}

namespace detail {

// The JSON path (`images[3].name`) of the first string in `text`, a JSON
// document, that is not valid UTF-8; `key` says whether it is a member name.
// Cold: it runs only once a document is known to hold invalid UTF-8.
struct utf8_finding {
    std::string path;
    bool key = false;
};

inline utf8_finding find_invalid_utf8(std::string_view text)
{
    struct level {
        bool object;
        bool expect_key;
        std::size_t index;
        std::string_view key;
    };
    std::vector<level> levels;
    auto path = [&](bool with_last) {
        std::string p;
        std::size_t const n = with_last ? levels.size() : (levels.empty() ? 0 : levels.size() - 1);
        for (std::size_t i = 0; i < n; ++i) {
            if (levels[i].object) {
                if (!p.empty())
                    p += '.';
                p.append(levels[i].key);
            } else {
                p += '[';
                p += std::to_string(levels[i].index);
                p += ']';
            }
        }
        return p;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        switch (c) {
        case '{': levels.push_back({true, true, 0, {}}); break;
        case '[': levels.push_back({false, false, 0, {}}); break;
        case '}':
        case ']':
            if (!levels.empty())
                levels.pop_back();
            break;
        case ',':
            if (!levels.empty()) {
                if (levels.back().object)
                    levels.back().expect_key = true;
                else
                    ++levels.back().index;
            }
            break;
        case ':':
            if (!levels.empty())
                levels.back().expect_key = false;
            break;
        case '"': {
            std::size_t j = i + 1;
            while (j < text.size() && text[j] != '"')
                j += text[j] == '\\' ? 2 : 1;
            std::string_view const s = text.substr(i + 1, (j < text.size() ? j : text.size()) - i - 1);
            bool const is_key = !levels.empty() && levels.back().object && levels.back().expect_key;
            if (!cloudimg::detail::is_valid_utf8(s))
                return {path(!is_key), is_key};
            if (is_key)
                levels.back().key = s;
            i = j;
            break;
        }
        default: break;
        }
    }
    return {};
}

} // namespace detail

/** The JSON form of `value`, or `error::invalid_argument` when a string or
    key in it is not valid UTF-8: JSON text is UTF-8 (RFC 8259), and a server
    refuses a body that is not. The failure's `path` names where the string
    is (`labels.os`), never its value. Request bodies are built with this.

    @code
    auto body = json::try_encode(hetzner::update_image_request{.description = "a\xff"});
    // !body, body.error().path == "description"
    @endcode
*/
template <class T>
result<std::string> try_encode(T const& value)
{
    std::string out;
    encode_to(out, value);
    if (!cloudimg::detail::is_valid_utf8(out)) [[unlikely]] {
        auto at = detail::find_invalid_utf8(out);
        return make_failure(error::invalid_argument,
                            at.key ? (at.path.empty() ? std::string("a member name is not valid UTF-8")
                                                      : "a member name in '" + at.path + "' is not valid UTF-8")
                                   : "the string at '" + at.path + "' is not valid UTF-8",
                            std::move(at.path));
    }
    return out;
}

} // namespace cloudimg::json

#endif
