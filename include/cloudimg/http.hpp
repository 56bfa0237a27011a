// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HTTP_HPP
#define CLOUDIMG_HTTP_HPP

// The request and response descriptions exchanged with the user's transport.

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace cloudimg {

enum class http_method { get, head, post, put, patch, delete_ };

/// The method as it goes on the wire ("GET", "DELETE", ...).
constexpr std::string_view to_string(http_method m) noexcept
{
    switch (m) {
    case http_method::get: return "GET";
    case http_method::head: return "HEAD";
    case http_method::post: return "POST";
    case http_method::put: return "PUT";
    case http_method::patch: return "PATCH";
    case http_method::delete_: return "DELETE";
    }
    return "GET";
}

namespace detail {

/// ASCII case-insensitive comparison, for header names.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

} // namespace detail

struct header_field {
    std::string name;
    std::string value;
};

/// An ordered list of header fields; lookups ignore the case of names.
class header_list {
public:
    header_list() = default;
    header_list(std::initializer_list<header_field> fields) : fields_(fields) {}

    /// Append a field; an existing field of the same name is kept (HTTP allows repeats).
    void add(std::string name, std::string value) { fields_.push_back({std::move(name), std::move(value)}); }

    /// Replace every field of this name by one field.
    void set(std::string_view name, std::string value)
    {
        erase(name);
        fields_.push_back({std::string(name), std::move(value)});
    }

    void erase(std::string_view name)
    {
        std::erase_if(fields_, [&](header_field const& f) { return detail::iequals(f.name, name); });
    }

    /// The value of the first field of this name.
    std::optional<std::string_view> find(std::string_view name) const noexcept
    {
        for (auto const& f : fields_)
            if (detail::iequals(f.name, name))
                return std::string_view(f.value);
        return std::nullopt;
    }

    bool contains(std::string_view name) const noexcept { return find(name).has_value(); }

    auto begin() const noexcept { return fields_.begin(); }
    auto end() const noexcept { return fields_.end(); }
    std::size_t size() const noexcept { return fields_.size(); }
    bool empty() const noexcept { return fields_.empty(); }
    void reserve(std::size_t n) { fields_.reserve(n); }

private:
    std::vector<header_field> fields_;
};

/** A sized, rewindable request body that the transport pulls from.

    Large uploads (LXD images) never sit in memory: the transport asks for the
    next bytes as it sends them. `rewind()` lets a transport start over (a
    redirect, a retry). Any type with these members can be wrapped:

    @code
    std::uint64_t size() const;
    boost::system::result<std::size_t> read(char* dest, std::size_t max);  // 0 at the end
    boost::system::error_code rewind();
    @endcode
*/
class body_source {
public:
    template <class Source>
        requires(!std::is_same_v<std::remove_cvref_t<Source>, body_source>)
    body_source(Source source) : impl_(std::make_unique<model<Source>>(std::move(source)))
    {
    }

    body_source(body_source&&) noexcept = default;
    body_source& operator=(body_source&&) noexcept = default;

    /// Exact size in bytes: it becomes Content-Length.
    std::uint64_t size() const { return impl_->size(); }

    /// Copy up to `max` next bytes into `dest`; 0 means the end.
    boost::system::result<std::size_t> read(char* dest, std::size_t max) { return impl_->read(dest, max); }

    /// Start again from the first byte.
    boost::system::error_code rewind() { return impl_->rewind(); }

private:
    struct concept_t {
        virtual ~concept_t() = default;
        virtual std::uint64_t size() const = 0;
        virtual boost::system::result<std::size_t> read(char*, std::size_t) = 0;
        virtual boost::system::error_code rewind() = 0;
    };
    template <class Source>
    struct model final : concept_t {
        explicit model(Source s) : source(std::move(s)) {}
        std::uint64_t size() const override { return source.size(); }
        boost::system::result<std::size_t> read(char* d, std::size_t n) override { return source.read(d, n); }
        boost::system::error_code rewind() override { return source.rewind(); }
        Source source;
    };
    std::unique_ptr<concept_t> impl_;
};

/** A request body that is streamed, not encoded: its media type and the source to pull it from.

    An endpoint whose `body` member has this type (an LXD image upload) is
    passed to `build_request` as an rvalue: the source moves into the request.
*/
struct stream_body {
    std::string content_type;  ///< "application/octet-stream", "multipart/form-data; boundary=..."
    body_source source;
};

/// No body, the bytes of a body, or a source to pull it from.
using request_body = std::variant<std::monostate, std::string, body_source>;

/** What to send: everything a transport needs, nothing it must guess.

    `origin` is `scheme://host[:port]` of the configured base URL and `target`
    the origin-form path and query (already percent-encoded), so a Beast
    transport sends `target` with a Host header and a libcurl one uses `url()`.
*/
struct request {
    http_method method = http_method::get;
    std::string origin;
    std::string target;
    header_list headers;
    request_body body;

    std::string url() const { return origin + target; }

    /// Byte count of the body (Content-Length).
    std::uint64_t body_size() const
    {
        if (auto const* s = std::get_if<std::string>(&body))
            return s->size();
        if (auto const* src = std::get_if<body_source>(&body))
            return src->size();
        return 0;
    }
    bool has_body() const noexcept { return !std::holds_alternative<std::monostate>(body); }
};

/// What came back.
struct response {
    int status = 0;
    header_list headers;
    std::string body;
};

} // namespace cloudimg

#endif
