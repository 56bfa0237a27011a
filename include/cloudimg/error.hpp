// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_ERROR_HPP
#define CLOUDIMG_ERROR_HPP

#include <cloudimg/detail/text.hpp>
#include <cloudimg/http.hpp>

#include <boost/assert/source_location.hpp>
#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>
#include <boost/throw_exception.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>

namespace cloudimg {

/** Error conditions of the library.

    They split like h11's errors: the first group means *the caller* asked for
    something the API cannot take, and nothing was sent; the second means *the
    peer* sent something the API does not promise.
*/
enum class error {
    // -- local: detected before a request is built; nothing is sent --
    invalid_argument = 1,   ///< a parameter fails the API's rules (see `failure::message`)
    invalid_header_value,   ///< a header value holds a control character other than tab (CR, LF, NUL, DEL...)
    invalid_base_url,       ///< the configured base URL is not an absolute http(s) URL

    // -- remote: the response is not what the API promises --
    error_response,         ///< the server answered with an error status and body
    unexpected_status,      ///< a status the endpoint does not document
    json_syntax,            ///< the body is not JSON
    missing_field,          ///< a required key is absent
    type_mismatch,          ///< a value has the wrong JSON type
    out_of_range,           ///< a number does not fit its field
    invalid_value,          ///< a string does not parse (timestamp, closed enum)
    limit_exceeded,         ///< nesting depth, string or body size above the decoder's limits

    // -- helpers --
    action_failed,          ///< an awaited action or operation ended in error
    transport,              ///< the transport failed; `failure::message` says how
};

} // namespace cloudimg

template <>
struct boost::system::is_error_code_enum<cloudimg::error> : std::true_type {};

namespace cloudimg {

namespace detail {

class error_category_impl final : public boost::system::error_category {
public:
    constexpr error_category_impl() noexcept : boost::system::error_category(0x636c6f7564696d67ull) {}
    char const* name() const noexcept override { return "cloudimg"; }
    std::string message(int ev) const override { return message(ev, nullptr, 0); }
    char const* message(int ev, char*, std::size_t) const noexcept override
    {
        switch (static_cast<error>(ev)) {
        case error::invalid_argument: return "invalid argument";
        case error::invalid_header_value: return "header value contains a control character";
        case error::invalid_base_url: return "invalid base URL";
        case error::error_response: return "the server answered with an error";
        case error::unexpected_status: return "unexpected HTTP status";
        case error::json_syntax: return "the body is not valid JSON";
        case error::missing_field: return "a required field is missing";
        case error::type_mismatch: return "a JSON value has the wrong type";
        case error::out_of_range: return "a number is out of range";
        case error::invalid_value: return "a value does not parse";
        case error::limit_exceeded: return "a decoder limit was exceeded";
        case error::action_failed: return "the action failed";
        case error::transport: return "transport failure";
        }
        return "unknown cloudimg error";
    }
};

inline constexpr error_category_impl error_category_instance{};

} // namespace detail

/// The category of `cloudimg::error`, named "cloudimg".
inline boost::system::error_category const& error_category() noexcept
{
    return detail::error_category_instance;
}

inline boost::system::error_code make_error_code(error e) noexcept
{
    return {static_cast<int>(e), error_category()};
}

/** Everything known about a failed call, provider-independent.

    Error text never contains credentials: the library only ever copies the
    server's own message and ids here, never a request header.
*/
struct failure {
    boost::system::error_code code;  ///< a `cloudimg::error`, or the transport's own code
    int http_status = 0;             ///< 0 when no response was received
    std::string provider_code;       ///< the provider's error code as sent ("not_found", "itemNotFound")
    std::string message;             ///< the server's message, or a description of the local error
    std::string request_id;          ///< X-Correlation-Id, request_id, x-openstack-request-id...
    std::string path;                ///< for decode errors: JSON path of the offending value
    std::string raw_body;            ///< for undecodable or unexpected responses: the body as received
    /// The headers of the response the failure came from; empty when none arrived.
    /// Kept so a retry can honour `Retry-After` (and Hetzner's `RateLimit-*`) from a
    /// `client::send` failure alone. Not part of `what()`: log only the ones you need.
    header_list response_headers;

    /** One line: code, status, provider code, message, path and request id.

        Always one line: control characters, C1 controls and line separators
        in the texts (a server's message may hold anything) are escaped as
        `\r`, `\n`, `\xNN` or `\uNNNN`, so a server cannot forge log lines.
        The fields themselves, and a provider's typed error body, keep the
        text as the server sent it.
    */
    std::string what() const
    {
        std::string s = code.message();
        if (http_status != 0) {
            s += " (HTTP ";
            s += std::to_string(http_status);
            s += ')';
        }
        if (!provider_code.empty()) {
            s += " [";
            detail::append_one_line(s, provider_code);
            s += ']';
        }
        if (!message.empty()) {
            s += ": ";
            detail::append_one_line(s, message);
        }
        if (!path.empty()) {
            s += " at '";
            detail::append_one_line(s, path);
            s += '\'';
        }
        if (!request_id.empty()) {
            s += " (request id ";
            detail::append_one_line(s, request_id);
            s += ')';
        }
        return s;
    }
};

/// A failure with the provider's decoded error body, when there was one.
template <class ErrorBody>
struct api_failure : failure {
    std::optional<ErrorBody> body;  ///< the typed error body, if it decoded
};

namespace detail {
// Error bodies and undecodable bodies are kept in `failure::raw_body` for diagnosis, up to this size.
inline constexpr std::size_t max_kept_body = 64 * 1024;
} // namespace detail

/// Make a failure for a local or decode error.
inline failure make_failure(error e, std::string message = {}, std::string path = {})
{
    failure f;
    f.code = e;
    f.message = std::move(message);
    f.path = std::move(path);
    return f;
}

/// Lets `result<T, failure>::value()` throw `boost::system::system_error` when exceptions are on.
[[noreturn]] inline void throw_exception_from_error(failure const& f, boost::source_location const& loc)
{
    boost::throw_exception(boost::system::system_error(f.code, f.what()), loc);
}

/// The result type of every fallible call.
template <class T, class E = failure>
using result = boost::system::result<T, E>;

} // namespace cloudimg

#endif
