// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Fuzz target for LXD's JSON: the sync, async and error envelopes with their
// payloads (images, aliases, operations, server info), checked with the
// properties of fuzz_check.hpp; and the same bytes as the body of a response
// to several endpoints at several statuses, through parse_response (the
// envelope unwrapping, operation outcomes and error envelopes), which must
// not crash and must fail with a reason whenever it fails.

#include "fuzz_check.hpp"

#include <cloudimg/lxd.hpp>
#include <cloudimg/response.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace {

template <class E>
void parse_at_every_status(std::string_view body, std::uint8_t seed)
{
    cloudimg::response r;
    r.body.assign(body);
    if (seed & 1)
        r.headers.add("ETag", "\"x\"");
    for (int status : {200, 201, 202, 404, 500}) {
        r.status = status;
        auto p = cloudimg::parse_response<E>(r);
        if (!p && !p.error().code)
            fuzz::violated("a failure without an error code", body);
        if (!p)
            (void)p.error().what();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    namespace lxd = cloudimg::lxd;
    namespace d = lxd::detail;
    fuzz::check_all<d::envelope<lxd::image>, d::envelope<std::vector<lxd::image>>, d::envelope<std::vector<std::string>>,
                    d::envelope<lxd::alias_entry>, d::envelope<lxd::operation>, d::envelope<lxd::server_info>,
                    d::envelope_kind, lxd::error_envelope, lxd::operation, lxd::image_secret, lxd::image_created,
                    lxd::image_refreshed>(data, size);
    fuzz::split_input in;
    if (!fuzz::split(data, size, in))
        return 0;
    parse_at_every_status<lxd::get_image>(in.body, data[0]);
    parse_at_every_status<lxd::list_images>(in.body, data[0]);
    parse_at_every_status<lxd::update_image>(in.body, data[0]);
    parse_at_every_status<lxd::delete_image>(in.body, data[0]);
    parse_at_every_status<lxd::create_alias>(in.body, data[0]);
    parse_at_every_status<lxd::create_image_secret>(in.body, data[0]);
    parse_at_every_status<lxd::get_operation<lxd::image_secret>>(in.body, data[0]);
    parse_at_every_status<lxd::wait_operation<lxd::image_created>>(in.body, data[0]);
    parse_at_every_status<lxd::list_operations>(in.body, data[0]);
    parse_at_every_status<lxd::list_operation_urls>(in.body, data[0]);
    parse_at_every_status<lxd::create_push_token>(in.body, data[0]);
    return 0;
}
