// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OXIDE_PROVIDER_HPP
#define CLOUDIMG_OXIDE_PROVIDER_HPP

#include <cloudimg/error.hpp>
#include <cloudimg/oxide/models.hpp>

#include <string_view>

namespace cloudimg::oxide {

/// What the generic core needs to know about Oxide's (Dropshot's) responses.
struct provider {
    static constexpr std::string_view name = "oxide";
    /// Dropshot sends the request id in this header and again in the error body.
    static constexpr std::string_view request_id_header = "x-request-id";
    using error_body = error_response;

    /// Copy the error code, message and (when the header was missing) request id.
    static void describe_failure(failure& f, error_response const& body)
    {
        f.provider_code = body.error_code.value_or(std::string());
        f.message = body.message;
        if (f.request_id.empty())
            f.request_id = body.request_id;
    }
};

/// The failure type of every Oxide call: `body` holds the decoded `error_response`.
using oxide_failure = api_failure<error_response>;

} // namespace cloudimg::oxide

#endif
