// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_OPERATIONS_HPP
#define CLOUDIMG_LXD_OPERATIONS_HPP

// Waiting for LXD operations. The pure part says which request comes next;
// `wait_until_done` is the loop for users of the synchronous client. Waiting
// happens on the server (`/wait?timeout=N` blocks), so there is no sleeping
// and no polling interval here.

#include <cloudimg/error.hpp>
#include <cloudimg/lxd/endpoints.hpp>
#include <cloudimg/lxd/provider.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>

namespace cloudimg::lxd {

/** The wait request for an operation the server just started (202).

    @code
    auto started = c.send(lxd::refresh_image{.fingerprint = fp});
    auto status = c.send(lxd::wait_for(*started, std::chrono::seconds(30)));
    if (status && status->done()) use(status->result->refreshed);
    @endcode
*/
template <class Metadata>
wait_operation<Metadata> wait_for(async_operation<Metadata> const& started, std::chrono::seconds timeout)
{
    return wait_operation<Metadata>{started.op.id, static_cast<int>(timeout.count())};
}

/** The next wait request, or none when the operation is done.

    @code
    for (auto next = std::optional(lxd::wait_for(started, 10s)); next; ) {
        auto s = c.send(*next);
        if (!s) return s.error();             // failed, cancelled, or unreachable
        next = lxd::next_wait(*s, 10s);
    }
    @endcode
*/
template <class Metadata>
std::optional<wait_operation<Metadata>> next_wait(operation_status<Metadata> const& status, std::chrono::seconds timeout)
{
    if (status.done())
        return std::nullopt;
    return wait_operation<Metadata>{status.op.id, static_cast<int>(timeout.count())};
}

/// The request that cancels a started operation (or revokes an unused image secret).
template <class Metadata>
cancel_operation cancel(async_operation<Metadata> const& started)
{
    return cancel_operation{started.op.id};
}

/** Wait with a synchronous client until the operation is done, fails, or
    `deadline` passes (then `error::limit_exceeded`; the operation goes on
    and may be cancelled with `cancel`). Each request waits at most `step`
    on the server.

    @code
    auto started = c.send(lxd::upload_image{.body = std::move(body)});
    auto done = lxd::wait_until_done(c, *started, std::chrono::minutes(10));
    if (done) std::cout << done->result->fingerprint << '\n';
    @endcode
*/
template <class Client, class Metadata>
result<operation_status<Metadata>, lxd_failure> wait_until_done(Client& client, async_operation<Metadata> const& started,
                                                               std::chrono::seconds deadline,
                                                               std::chrono::seconds step = std::chrono::seconds(30))
{
    auto const until = std::chrono::steady_clock::now() + deadline;
    // never below 0: LXD reads timeout=-1 as "wait forever"
    auto const bounded = [&](std::chrono::seconds s) { return std::max(std::chrono::seconds(0), std::min(step, s)); };
    auto next = std::optional(wait_for(started, bounded(deadline)));
    while (true) {
        auto status = client.send(*next);
        if (!status)
            return status;
        auto const left = std::chrono::duration_cast<std::chrono::seconds>(until - std::chrono::steady_clock::now());
        next = next_wait(*status, bounded(left));
        if (!next)
            return status;
        if (left.count() <= 0) {
            lxd_failure f;
            static_cast<failure&>(f) = make_failure(error::limit_exceeded, "LXD operation " + started.op.id +
                                                                                " still running after the deadline");
            return f;
        }
    }
}

} // namespace cloudimg::lxd

#endif
