// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSTACK_PROVIDER_HPP
#define CLOUDIMG_OPENSTACK_PROVIDER_HPP

#include <cloudimg/error.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/openstack/models.hpp>

#include <optional>
#include <string_view>

namespace cloudimg::openstack {

/// What the generic core needs to know about Nova's responses.
struct provider {
    static constexpr std::string_view name = "openstack";
    /// The id every OpenStack service (oslo.middleware) sends; Nova also sends it as X-Compute-Request-Id.
    static constexpr std::string_view request_id_header = "x-openstack-request-id";
    using error_body = error_response;

    /// The fault's name is the provider code ("itemNotFound"), its message the message.
    static void describe_failure(failure& f, error_response const& body)
    {
        f.provider_code.assign(body.name.wire());
        f.message = body.fault.message;
    }
};

/// The failure type of every Nova call: `body` holds the decoded `error_response`.
using openstack_failure = api_failure<error_response>;

/** The fault name of a failure, if the server sent an error body.

    @code
    auto r = api.send(openstack::show_image{.image_id = id});
    if (!r && openstack::fault_name_of(r.error()) == openstack::fault_name::item_not_found) ...
    @endcode
*/
inline std::optional<open_enum<fault_name>> fault_name_of(openstack_failure const& f)
{
    if (f.body)
        return f.body->name;
    return std::nullopt;
}

} // namespace cloudimg::openstack

#endif
