// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_PROVIDER_HPP
#define CLOUDIMG_HETZNER_PROVIDER_HPP

#include <cloudimg/error.hpp>
#include <cloudimg/hetzner/models.hpp>

#include <string_view>

namespace cloudimg::hetzner {

/// What the generic core needs to know about Hetzner's responses.
struct provider {
    static constexpr std::string_view name = "hetzner";
    /// hcloud-go shows this id in errors; Hetzner support asks for it.
    static constexpr std::string_view request_id_header = "X-Correlation-Id";
    using error_body = error_response;

    static void describe_failure(failure& f, error_response const& body)
    {
        f.provider_code.assign(body.error.code.wire());
        f.message = body.error.message;
    }
};

/// The failure type of every Hetzner call: `body` holds the decoded `error_response`.
using hetzner_failure = api_failure<error_response>;

/// The Hetzner error code of a failure, if the server sent one.
inline std::optional<open_enum<error_code>> error_code_of(hetzner_failure const& f)
{
    if (f.body)
        return f.body->error.code;
    return std::nullopt;
}

} // namespace cloudimg::hetzner

#endif
