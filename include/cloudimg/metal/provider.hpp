// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_METAL_PROVIDER_HPP
#define CLOUDIMG_METAL_PROVIDER_HPP

#include <cloudimg/error.hpp>
#include <cloudimg/metal/models.hpp>

#include <string_view>

namespace cloudimg::metal {

/// What the generic core needs to know about metal-api's responses.
struct provider {
    static constexpr std::string_view name = "metal";
    /// None: metal-api documents no response header with a request id. It
    /// logs the `X-Request-Id` a client sends (as "rqid"), but does not echo
    /// it, so a caller that wants to correlate sets that header on the
    /// request and keeps the value itself. An empty name matches no header.
    static constexpr std::string_view request_id_header = "";
    using error_body = http_error_response;

    /// The message is all there is: `statuscode` repeats the HTTP status, and
    /// metal-api has no error codes of its own, so `provider_code` stays empty.
    static void describe_failure(failure& f, http_error_response const& body) { f.message = body.message; }
};

/// The failure type of every metal-api call: `body` holds the decoded `http_error_response`.
using metal_failure = api_failure<http_error_response>;

} // namespace cloudimg::metal

#endif
