// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_PROVIDER_HPP
#define CLOUDIMG_LXD_PROVIDER_HPP

// LXD wraps every JSON answer in an envelope:
//
//     {"type": "sync" | "async" | "error", "status": ..., "status_code": ...,
//      "operation": ..., "error_code": ..., "error": ..., "metadata": <payload>}
//
// The provider unwraps it for the generic core (`decode_body`), and the
// result types below carry what LXD puts next to the payload: the ETag of a
// single object, the Location of a created alias, the operation behind a 202.

#include <cloudimg/detail/decimal.hpp>
#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/json/decode.hpp>
#include <cloudimg/lxd/models.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace cloudimg::lxd {

/** A single object and its ETag (GET of an image or an alias).

    Hand `etag` back as `if_match` on PUT or PATCH: if someone changed the
    object in between, the server answers 412 and nothing is overwritten
    (see `is_etag_mismatch`).
*/
template <class T>
struct tagged {
    T value;
    std::string etag;  ///< as the server sent it, quotes included; empty if none
};

/// What alias create and rename answer: 201 and where the alias now lives.
struct created {
    std::string location;  ///< "/1.0/images/aliases/<name>"
};

/** A background operation the server started (202), typed by what it will produce.

    `Metadata` is the shape of the operation's metadata once it has succeeded
    (`image_created`, `image_refreshed`, ...); `metadata()` decodes it from the
    operation at hand.
*/
template <class Metadata>
struct async_operation {
    operation op;
    std::string location;  ///< "/1.0/operations/<id>"

    /// The operation's metadata in its typed shape.
    result<Metadata> metadata() const { return json::decode<Metadata>(op.metadata.text); }
};

/** A token operation the server started (202, `class: token`): a push-mode
    POST /1.0/images (`create_push_token`) or POST /1.0/images/{fingerprint}/secret.

    Its metadata, the secret (`Metadata`, `image_secret`), is there at once:
    `metadata()`. The token produces nothing itself: it stays running until
    its secret is used, and then the server cancels it (a used token ends as
    Cancelled), or until it is revoked (`cancel`). So the operation to wait on
    is the one the secret lets in (the upload); waiting on the token itself
    (`wait_for`, `wait_until_done`) ends with `operation_status<token_end>`,
    done once the token has ended, used or revoked.
*/
template <class Metadata>
struct token_operation : async_operation<Metadata> {};

/** What a token operation leaves once it has ended: nothing. Cancelled is
    its normal end (the secret was used, or the token revoked), so waiting on
    a token reports it as done, not as a failure; a token that fails otherwise
    is still `error::action_failed`. Look at `op.status` to tell the ends apart.
*/
struct token_end {
    friend bool operator==(token_end, token_end) noexcept = default;
};

/** The state of an operation (GET /1.0/operations/{id}, its /wait).

    A failed or cancelled operation is not a value of this type: it is a
    failure (`error::action_failed`, message = the operation's `err`). A
    successful one has `result` set, decoded strictly; a running one has not.
    A token's (`operation_status<token_end>`) is done once it is cancelled
    too: that is how a used token ends (see `token_operation`).
*/
template <class Metadata>
struct operation_status {
    operation op;
    std::optional<Metadata> result;  ///< set once the operation has succeeded

    bool done() const noexcept { return result.has_value(); }
};

/// The head of an export download: the bytes themselves go through `export_reader`.
struct export_head {
    std::string content_type;              ///< application/octet-stream (unified) or multipart/form-data (split)
    std::optional<std::uint64_t> content_length;

    bool is_split() const noexcept { return content_type.starts_with("multipart/"); }
};

namespace detail {

template <class T>
struct is_tagged : std::false_type {};
template <class T>
struct is_tagged<tagged<T>> : std::true_type {};
template <class T>
struct is_async_operation : std::false_type {};
template <class T>
struct is_async_operation<async_operation<T>> : std::true_type {};
template <class T>
struct is_async_operation<token_operation<T>> : std::true_type {};
template <class T>
struct is_operation_status : std::false_type {};
template <class T>
struct is_operation_status<operation_status<T>> : std::true_type {};

template <class M>
struct envelope {
    std::string type;
    M metadata;
    BOOST_DESCRIBE_CLASS(envelope, (), (type, metadata), (), ())
};

// Only the kind of answer matters for bodies whose payload is null.
struct envelope_kind {
    std::string type;
    BOOST_DESCRIBE_CLASS(envelope_kind, (), (type), (), ())
};

inline failure with_body(failure f, response const& r)
{
    f.raw_body = r.body.substr(0, cloudimg::detail::max_kept_body);
    return f;
}

inline result<void> check_type(std::string_view type, std::string_view expected, response const& r)
{
    if (type != expected)
        return with_body(make_failure(error::invalid_value, "expected a \"" + std::string(expected) +
                                                                "\" LXD response, got \"" + std::string(type.substr(0, 32)) + '"',
                                      "type"),
                         r);
    return {};
}

inline std::string_view error_name(int code) noexcept;

// LXD's error envelope in a success answer (LXD sends some errors with status
// 200): an error_response failure with LXD's own text and code, instead of a
// type mismatch on `metadata` that would lose them. Only looked for once the
// body failed to decode as the success it should be, so a success costs
// nothing; an envelope says "error" only with an error code or text.
inline std::optional<failure> error_in_success(response const& r, json::decode_options const& options)
{
    auto env = json::decode<error_envelope>(r.body, options);
    if (!env || env->type != "error" || (env->error_code == 0 && env->error.empty()))
        return std::nullopt;
    failure f = make_failure(error::error_response, std::move(env->error));
    auto const n = error_name(env->error_code);
    f.provider_code = n.empty() ? std::to_string(env->error_code) : std::string(n);
    return with_body(std::move(f), r);
}

template <class M>
result<M> decode_metadata(response const& r, std::string_view expected_type, json::decode_options const& options)
{
    auto env = json::decode<envelope<M>>(r.body, options);
    if (!env) {
        if (auto e = error_in_success(r, options))
            return *std::move(e);
        return with_body(std::move(env).error(), r);
    }
    if (auto ok = check_type(env->type, expected_type, r); !ok) {
        if (auto e = error_in_success(r, options))
            return *std::move(e);
        return ok.error();
    }
    return std::move(env->metadata);
}

// LXD's status code of a cancelled operation.
inline constexpr int cancelled_status_code = 401;

template <class Metadata>
result<operation_status<Metadata>> to_status(operation op)
{
    if constexpr (std::is_same_v<Metadata, token_end>) {
        // a token ends cancelled once its secret is used: that is its success
        if (op.status_code == cancelled_status_code)
            return operation_status<Metadata>{std::move(op), token_end{}};
    }
    if (op.is_final() && !op.succeeded()) {
        auto f = make_failure(error::action_failed, "LXD operation " + op.id + " " +
                                                        (op.status_code == cancelled_status_code ? "was cancelled" : "failed") +
                                                        (op.err.empty() ? std::string() : ": " + op.err));
        f.provider_code = op.status_code == cancelled_status_code ? "operation_cancelled" : "operation_failed";
        return f;
    }
    operation_status<Metadata> s{std::move(op), std::nullopt};
    if (s.op.succeeded()) {
        if constexpr (std::is_same_v<Metadata, no_metadata> || std::is_same_v<Metadata, token_end>) {
            s.result.emplace();
        } else {
            auto m = json::decode<Metadata>(s.op.metadata.text);
            if (!m) {
                // a copy: result::error() returns by value (Boost 1.81)
                failure f = m.error();
                f.message = "metadata of LXD operation " + s.op.id + ": " + f.message;
                f.raw_body = s.op.metadata.text.substr(0, cloudimg::detail::max_kept_body);
                return f;
            }
            s.result = std::move(*m);
        }
    }
    return s;
}

inline std::string_view error_name(int code) noexcept
{
    switch (code) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 409: return "conflict";
    case 412: return "precondition_failed";
    case 500: return "internal_error";
    case 501: return "not_implemented";
    case 503: return "unavailable";
    default: return {};
    }
}

} // namespace detail

/// What the generic core needs to know about LXD's responses.
struct provider {
    static constexpr std::string_view name = "lxd";
    /// LXD sends no request id; the operation id is the handle of async work.
    static constexpr std::string_view request_id_header = "X-Request-Id";
    using error_body = error_envelope;

    /// The message, and the HTTP code by name ("not_found", "precondition_failed", ...).
    static void describe_failure(failure& f, error_envelope const& body)
    {
        f.message = body.error;
        auto const n = detail::error_name(body.error_code);
        f.provider_code = n.empty() ? std::to_string(body.error_code) : std::string(n);
    }

    /** Unwrap the envelope of a success response into the endpoint's result type.

        An error envelope (`"type": "error"` with an error code or text) in a
        2xx answer is `error::error_response` with LXD's message and code, like
        the same envelope with an error status.
    */
    template <class Body>
    static result<Body> decode_body(response const& r, json::decode_options const& options)
    {
        if constexpr (std::is_same_v<Body, cloudimg::no_content>) {
            // nothing to decode, but LXD may have sent its error envelope with a 2xx status
            if (auto e = detail::error_in_success(r, options))
                return *std::move(e);
            return cloudimg::no_content{};
        } else if constexpr (detail::is_tagged<Body>::value) {
            auto m = detail::decode_metadata<decltype(Body::value)>(r, "sync", options);
            if (!m)
                return m.error();
            return Body{std::move(*m), std::string(r.headers.find("ETag").value_or(""))};
        } else if constexpr (std::is_same_v<Body, created>) {
            auto kind = json::decode<detail::envelope_kind>(r.body, options);
            if (!kind || kind->type != "sync") {
                if (auto e = detail::error_in_success(r, options))
                    return *std::move(e);
            }
            if (!kind)
                return detail::with_body(std::move(kind).error(), r);
            if (auto ok = detail::check_type(kind->type, "sync", r); !ok)
                return ok.error();
            return created{std::string(r.headers.find("Location").value_or(""))};
        } else if constexpr (detail::is_async_operation<Body>::value) {
            auto op = detail::decode_metadata<operation>(r, "async", options);
            if (!op)
                return op.error();
            Body started{};
            started.op = std::move(*op);
            started.location = std::string(r.headers.find("Location").value_or(""));
            return started;
        } else if constexpr (detail::is_operation_status<Body>::value) {
            auto op = detail::decode_metadata<operation>(r, "sync", options);
            if (!op)
                return op.error();
            return detail::to_status<typename decltype(Body::result)::value_type>(std::move(*op));
        } else if constexpr (std::is_same_v<Body, export_head>) {
            // The body is the image (or its multipart), not JSON: it streams into an export_reader.
            export_head h{std::string(r.headers.find("Content-Type").value_or("")), std::nullopt};
            if (auto len = r.headers.find("Content-Length"))
                h.content_length = cloudimg::detail::parse_uint64(*len);
            return h;
        } else {
            return detail::decode_metadata<Body>(r, "sync", options);
        }
    }
};

/// The failure type of every LXD call: `body` holds the decoded error envelope.
using lxd_failure = api_failure<error_envelope>;

/** True when a PUT or PATCH with `if_match` was refused because the object changed (412).

    @code
    auto r = c.send(lxd::update_image{.fingerprint = fp, .body = patch, .if_match = etag});
    if (!r && lxd::is_etag_mismatch(r.error())) { ... fetch again, merge, retry ... }
    @endcode
*/
inline bool is_etag_mismatch(failure const& f) noexcept
{
    return f.http_status == 412;
}

} // namespace cloudimg::lxd

#endif
