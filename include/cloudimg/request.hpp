// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_REQUEST_HPP
#define CLOUDIMG_REQUEST_HPP

// Turning an endpoint value into a request description.

#include <cloudimg/detail/hex.hpp>
#include <cloudimg/detail/text.hpp>
#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/timestamp.hpp>

#include <boost/url/parse.hpp>

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace cloudimg {

/// A base URL split into what a transport connects to and the path every target starts with.
struct base_url_parts {
    std::string_view origin;  ///< "https://api.hetzner.cloud"
    std::string_view path;    ///< "/v1", never with a trailing slash
};

namespace detail {

// RFC 3986 unreserved characters: ALPHA, DIGIT, "-", ".", "_", "~".
constexpr bool is_unreserved(char c) noexcept
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

// A character of the host names split_plain_base_url accepts: letters, digits, "-" and ".".
constexpr bool is_plain_host_char(char c) noexcept { return is_unreserved(c) && c != '_' && c != '~'; }

inline base_url_parts without_trailing_slashes(std::string_view origin, std::string_view path) noexcept
{
    while (!path.empty() && path.back() == '/')
        path.remove_suffix(1);
    return {origin, path};
}

// The shape nearly every base URL has, recognised without a parser (prepare
// splits the base URL on every call): `http(s)://host[:port][/path]`, the
// host of letters, digits, "-" and ".", the path of unreserved characters and
// "/". Boost.URL accepts all of these and splits them the same way
// (test_request checks); anything else is left to it.
constexpr std::optional<base_url_parts> split_plain_base_url(std::string_view url) noexcept
{
    std::size_t p = 0;
    if (url.starts_with("https://"))
        p = 8;
    else if (url.starts_with("http://"))
        p = 7;
    else
        return std::nullopt;
    std::size_t const host = p;
    while (p < url.size() && is_plain_host_char(url[p]))
        ++p;
    if (p == host)
        return std::nullopt;
    if (p < url.size() && url[p] == ':') {
        std::size_t const port = ++p;
        while (p < url.size() && url[p] >= '0' && url[p] <= '9')
            ++p;
        if (p == port)
            return std::nullopt;
    }
    std::size_t const path = p;
    if (p < url.size() && url[p] != '/')
        return std::nullopt;
    while (p < url.size() && (is_unreserved(url[p]) || url[p] == '/'))
        ++p;
    if (p != url.size())
        return std::nullopt;
    return without_trailing_slashes(url.substr(0, path), url.substr(path));
}

// Any base URL, by Boost.URL's parser.
inline result<base_url_parts> split_base_url_parsed(std::string_view url)
{
    auto u = boost::urls::parse_uri(boost::core::string_view(url.data(), url.size()));
    if (!u || (u->scheme_id() != boost::urls::scheme::http && u->scheme_id() != boost::urls::scheme::https) ||
        !u->has_authority() || u->encoded_host().empty() || u->has_userinfo() || u->has_query() || u->has_fragment())
        return make_failure(error::invalid_base_url, "the base URL must be an absolute http or https URL "
                                                     "with a host and without user info, query or fragment");
    auto const origin = u->encoded_origin();
    return without_trailing_slashes(std::string_view(origin.data(), origin.size()),
                                    std::string_view(u->encoded_path().data(), u->encoded_path().size()));
}

} // namespace detail

/// Split and check an absolute http(s) base URL without query or fragment.
inline result<base_url_parts> split_base_url(std::string_view url)
{
    if (auto plain = detail::split_plain_base_url(url))
        return *plain;
    return detail::split_base_url_parsed(url);
}

namespace detail {

/// Percent-encode everything but RFC 3986 unreserved characters: in a path
/// segment or a query key or value, `/ ? # & = + %`, spaces and non-ASCII are
/// data. One pass: runs of unreserved characters are copied whole.
inline void append_encoded(std::string& out, std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t run = i;
        while (run < s.size() && is_unreserved(s[run]))
            ++run;
        out.append(s.data() + i, run - i);
        if (run == s.size())
            break;
        auto const u = static_cast<unsigned char>(s[run]);
        char const escaped[3] = {'%', upper_hex_digits[u >> 4], upper_hex_digits[u & 15]};
        out.append(escaped, 3);
        i = run + 1;
    }
}

template <class T>
concept has_wire_text = requires(T const& v) {
    { wire_text(v) } -> std::convertible_to<std::string_view>;
};

/// Call `f` with the text form of a parameter value (not yet encoded).
template <class T, class F>
decltype(auto) with_text(T const& v, F&& f)
{
    if constexpr (std::is_convertible_v<T const&, std::string_view>) {
        return f(std::string_view(v));
    } else if constexpr (std::is_same_v<T, bool>) {
        return f(std::string_view(v ? "true" : "false"));
    } else if constexpr (std::is_integral_v<T>) {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        return f(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
    } else if constexpr (boost::describe::has_describe_enumerators<T>::value) {
        return f(enum_to_wire(v));
    } else if constexpr (is_open_enum<T>::value) {
        return f(v.wire());
    } else if constexpr (std::is_same_v<T, timestamp>) {
        std::string s;
        format_timestamp(s, v);
        return f(std::string_view(s));
    } else {
        static_assert(has_wire_text<T>, "a parameter type needs a wire_text(T const&) found by ADL");
        return f(std::string_view(wire_text(v)));
    }
}

// RFC 9110 tchar, the characters of a header name.
constexpr bool is_token_char(char c) noexcept
{
    switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '.':
        case '^': case '_': case '`': case '|': case '~': return true;
        default: return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}

template <class E, class F>
void for_each_param(F&& f)
{
    boost::mp11::mp_for_each<boost::describe::describe_members<E, boost::describe::mod_public>>(f);
}

} // namespace detail

/** Check every header: names must be tokens, values only visible
    characters, obs-text, space and tab (RFC 9110 field-value).

    A header value with a line break would let a caller's data inject headers
    or a second request, and other control characters (NUL, VT, DEL...) are
    read differently by different servers and proxies, so such a request is
    refused and nothing is sent. Every request `prepare` builds passes here
    last: tokens, user agent, `X-LXD-*`, `If-Match`, `api-version`, HMAC
    headers alike. The error names the header, never its value: it may be a
    credential.
*/
inline result<void> check_headers(header_list const& headers)
{
    for (auto const& h : headers) {
        if (h.name.empty() || !std::all_of(h.name.begin(), h.name.end(), detail::is_token_char))
            return make_failure(error::invalid_header_value, "invalid header name");
        if (!detail::is_header_value(h.value))
            return make_failure(error::invalid_header_value, "the value of header \"" + h.name +
                                                                 "\" contains a control character (CR, LF, NUL, DEL...); "
                                                                 "nothing was sent");
    }
    return {};
}

/// An endpoint whose `body` is a `stream_body` (an upload): built from an rvalue only.
template <class E>
concept has_stream_body = requires(E& ep) {
    { ep.body } -> std::same_as<stream_body&>;
};

namespace detail {

// Everything but a streamed body, which only an rvalue endpoint can hand over.
template <endpoint E>
result<request> build_request_without_stream(E const& ep, std::string_view base_url)
{
    static_assert(path_template_is_complete<E>(), "every {placeholder} in the path must be a member");
    // An endpoint with rules the types cannot express (a name pattern, "no
    // project with a UUID") checks them here, before anything is built.
    if constexpr (requires { { ep.validate() } -> std::same_as<result<void>>; }) {
        if (auto ok = ep.validate(); !ok)
            return ok.error();
    }
    auto base = split_base_url(base_url);
    if (!base)
        return base.error();

    request req;
    req.method = E::method;
    req.origin.assign(base->origin);
    std::string& t = req.target;
    t.reserve(base->path.size() + std::string_view(E::path).size() + 64);
    t.append(base->path);

    // path: literal pieces, and each {name} as one encoded segment
    std::string_view const tmpl = E::path;
    std::size_t pos = 0;
    std::string_view bad_param;
    while (pos < tmpl.size()) {
        auto const open = tmpl.find('{', pos);
        if (open == std::string_view::npos) {
            t.append(tmpl.substr(pos));
            break;
        }
        t.append(tmpl.substr(pos, open - pos));
        auto const close = tmpl.find('}', open);
        std::string_view const name = tmpl.substr(open + 1, close - open - 1);
        detail::for_each_param<E>([&](auto d) {
            using D = decltype(d);
            if constexpr (location_of<E>(D::name) == param_location::path) {
                if (wire_name<E>(D::name) == name)
                    detail::with_text(ep.*D::pointer, [&](std::string_view v) {
                        if (v.empty() || v == "." || v == "..")
                            bad_param = name;
                        detail::append_encoded(t, v);
                    });
            }
        });
        pos = close + 1;
    }
    // An empty segment, "." or ".." would address another resource: clients,
    // proxies and routers remove dot-segments, and encoding them does not help
    // against servers that decode the path before cleaning it.
    if (!bad_param.empty())
        return make_failure(error::invalid_argument,
                            "path parameter \"" + std::string(bad_param) + "\" is empty, \".\" or \"..\"");

    // query: absent optionals emit nothing, arrays repeat the key
    std::optional<failure> body_failure;
    char sep = '?';
    auto add_query = [&](std::string_view key, auto const& value) {
        t += sep;
        sep = '&';
        detail::append_encoded(t, key);
        t += '=';
        detail::with_text(value, [&](std::string_view v) { detail::append_encoded(t, v); });
    };
    detail::for_each_param<E>([&](auto d) {
        using D = decltype(d);
        if constexpr (location_of<E>(D::name) == param_location::query) {
            auto const& v = ep.*D::pointer;
            using M = std::remove_cvref_t<decltype(v)>;
            constexpr std::string_view key = wire_name<E>(D::name);
            if constexpr (detail::is_vector<M>::value) {
                for (auto const& e : v)
                    add_query(key, e);
            } else if constexpr (is_optional<M>::value) {
                if (v)
                    add_query(key, *v);
            } else {
                add_query(key, v);
            }
        } else if constexpr (location_of<E>(D::name) == param_location::header) {
            auto const& v = ep.*D::pointer;
            using M = std::remove_cvref_t<decltype(v)>;
            auto add = [&](auto const& x) {
                detail::with_text(x, [&](std::string_view s) { req.headers.add(std::string(wire_name<E>(D::name)), std::string(s)); });
            };
            if constexpr (is_optional<M>::value) {
                if (v)
                    add(*v);
            } else {
                add(v);
            }
        } else if constexpr (location_of<E>(D::name) == param_location::body && !has_stream_body<E>) {
            // strings that are not UTF-8 would make a body that is not JSON
            auto body = json::try_encode(ep.*D::pointer);
            if (!body) {
                body_failure = body.error();
                return;
            }
            req.body = std::move(*body);
            req.headers.set("Content-Type", "application/json");
        }
    });
    if (body_failure)
        return make_failure(error::invalid_argument, "request body: " + body_failure->message, body_failure->path);
    return req;
}

} // namespace detail

/** Build the request for `ep` against `base_url`: method, origin, target, parameter headers and JSON body.

    An endpoint may define `result<void> validate() const`; it runs first.
    Path parameters are encoded as one segment each (empty, `.` and `..` are refused); query arrays become
    repeated keys; absent optionals emit nothing. A body holding a string
    that is not valid UTF-8 is refused (`error::invalid_argument`, its JSON
    path in `failure::path`, never the value). Providers add their own
    headers (authentication, versions) to the result and then call `check_headers`.

    @code
    auto req = cloudimg::build_request(hetzner::get_image{.id = 42}, "https://api.hetzner.cloud/v1");
    assert(req->target == "/v1/images/42");
    @endcode
*/
template <endpoint E>
result<request> build_request(E const& ep, std::string_view base_url)
{
    static_assert(!has_stream_body<E>, "this endpoint streams its body: pass it as an rvalue (std::move)");
    return detail::build_request_without_stream(ep, base_url);
}

/** Build the request for an endpoint whose body is a `stream_body`: the
    source moves into the request and its media type becomes Content-Type.

    @code
    auto req = cloudimg::build_request(std::move(upload), "http://lxd");
    @endcode
*/
template <endpoint E>
    requires has_stream_body<E>
result<request> build_request(E&& ep, std::string_view base_url)
{
    auto req = detail::build_request_without_stream(ep, base_url);
    if (req) {
        req->headers.set("Content-Type", std::move(ep.body.content_type));
        req->body = std::move(ep.body.source);
    }
    return req;
}

} // namespace cloudimg

#endif
