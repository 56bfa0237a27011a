// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_OPERATIONS_HPP
#define CLOUDIMG_LXD_OPERATIONS_HPP

// Waiting for LXD operations. The pure part (`next_wait`, `operation_waiter`)
// says which request comes next; `wait_until_done` is the loop for users of
// the synchronous client, and the asynchronous drivers run the same waiter. Waiting
// happens on the server (`/wait?timeout=N` blocks), so there is no sleeping
// and no polling interval here.

#include <cloudimg/error.hpp>
#include <cloudimg/lxd/endpoints.hpp>
#include <cloudimg/lxd/provider.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <type_traits>
#include <string>
#include <utility>

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

/** The wait request for a token: done once the token has ended, used (the
    server cancels it then) or revoked, which is not a failure.

    Rarely needed: wait for the upload the secret lets in instead (see
    `token_operation`). A token nobody uses runs until it is revoked.

    @code
    auto ended = c.send(lxd::wait_for(*token, std::chrono::seconds(0)));
    if (ended && ended->done()) std::cout << "token " << ended->op.status << '\n';  // "Cancelled" once used
    @endcode
*/
template <class Secret>
wait_operation<token_end> wait_for(token_operation<Secret> const& token, std::chrono::seconds timeout)
{
    return wait_operation<token_end>{token.op.id, static_cast<int>(timeout.count())};
}

namespace detail {

template <class Wait>
struct waited;
template <class Metadata>
struct waited<wait_operation<Metadata>> {
    using type = Metadata;
};

// What waiting on `Started` (an async_operation or a token_operation) ends with.
template <class Started>
using waited_metadata_t =
    typename waited<decltype(lxd::wait_for(std::declval<Started const&>(), std::chrono::seconds()))>::type;

} // namespace detail

/** The next wait request, or none when the operation is done.

    @code
    for (auto next = std::optional(lxd::wait_for(started, 10s)); next; ) {
        auto s = c.send(*next);
        if (!s) return s.error();             // failed, cancelled, or unreachable
        next = lxd::next_wait(*s, 10s);
    }
    @endcode
    @see operation_waiter, which adds the deadline
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

/** Waits for an LXD operation until it is done, fails, or a deadline passes, sans-IO.

    The resumable behind `wait_until_done` and the asynchronous drivers: it
    says which `/wait` request to send next, is fed each answer with the
    current time (it reads no clock), and holds the outcome. Each request
    waits at most `step` on the server, and never past the deadline; the
    waiting itself happens on the server, so there is no delay to sleep.

    `next()` is idempotent: until an answer is fed, it returns the same
    request, so a caller may resend it after a transport failure.

    @code
    lxd::operation_waiter w(*started, std::chrono::minutes(10), std::chrono::steady_clock::now());
    while (auto req = w.next()) {
        auto s = client.send(*req);
        if (!s) return s.error();                       // failed, cancelled, or unreachable
        w.on_response(std::move(*s), std::chrono::steady_clock::now());
    }
    auto done = w.outcome();   // the final status, or error::limit_exceeded after the deadline
    @endcode
    @see wait_until_done
*/
template <class Metadata>
class operation_waiter {
public:
    using clock = std::chrono::steady_clock;

    /// Wait for `started` (an `async_operation<Metadata>`, or a `token_operation` when `Metadata` is
    /// `token_end`) from `now` until `now + deadline`, at most `step` per request.
    template <class Started>
        requires std::is_same_v<detail::waited_metadata_t<Started>, Metadata>
    operation_waiter(Started const& started, std::chrono::seconds deadline, clock::time_point now,
                     std::chrono::seconds step = std::chrono::seconds(30))
        : id_(started.op.id), until_(now + deadline), step_(step)
    {
        pending_ = wait_for(started, bounded(deadline));
    }

    /// The next wait request, or nothing once the wait is over (see `outcome()`).
    std::optional<wait_operation<Metadata>> const& next() const noexcept { return pending_; }

    /** Feed the answer to the request `next()` returned, and the time it came.

        A done operation ends the wait with it; a running one asks again for
        what is left of the deadline, or ends the wait with
        `error::limit_exceeded` when nothing is left. An answer when no
        request is pending is ignored.
    */
    void on_response(operation_status<Metadata> status, clock::time_point now)
    {
        if (!pending_)
            return;
        auto const left = std::chrono::duration_cast<std::chrono::seconds>(until_ - now);
        pending_ = next_wait(status, bounded(left));
        if (!pending_) {
            outcome_.emplace(std::move(status));
        } else if (left.count() <= 0) {
            pending_.reset();
            lxd_failure f;
            static_cast<failure&>(f) =
                make_failure(error::limit_exceeded, "LXD operation " + id_ + " still running after the deadline");
            outcome_.emplace(std::move(f));
        }
    }

    /// True once the operation is done or the deadline has passed.
    bool done() const noexcept { return outcome_.has_value(); }

    /** How the wait ended: the final status, or `error::limit_exceeded` (the
        operation goes on and may be cancelled with `cancel`). Before `done()`,
        a failure with `error::invalid_argument`.
    */
    result<operation_status<Metadata>, lxd_failure> outcome() const
    {
        if (outcome_)
            return *outcome_;
        lxd_failure f;
        static_cast<failure&>(f) = make_failure(error::invalid_argument, "the wait for LXD operation " + id_ +
                                                                             " has not finished");
        return f;
    }

private:
    // never below 0: LXD reads timeout=-1 as "wait forever"
    std::chrono::seconds bounded(std::chrono::seconds s) const noexcept
    {
        return (std::max)(std::chrono::seconds(0), (std::min)(step_, s));
    }

    std::string id_;
    clock::time_point until_;
    std::chrono::seconds step_;
    std::optional<wait_operation<Metadata>> pending_;
    std::optional<result<operation_status<Metadata>, lxd_failure>> outcome_;
};

/** Wait with a synchronous client until the operation is done, fails, or
    `deadline` passes (then `error::limit_exceeded`; the operation goes on
    and may be cancelled with `cancel`). Each request waits at most `step`
    on the server. A thin loop over `operation_waiter` with the steady clock.

    @code
    auto started = c.send(lxd::upload_image{.body = std::move(body)});
    auto done = lxd::wait_until_done(c, *started, std::chrono::minutes(10));
    if (done) std::cout << done->result->fingerprint << '\n';
    @endcode
    A token (`token_operation`) is waited on until it has ended, used or
    revoked: `operation_status<token_end>`.
    @see operation_waiter
*/
template <class Client, class Started, class Metadata = detail::waited_metadata_t<Started>>
result<operation_status<Metadata>, lxd_failure> wait_until_done(Client& client, Started const& started,
                                                               std::chrono::seconds deadline,
                                                               std::chrono::seconds step = std::chrono::seconds(30))
{
    using clock = std::chrono::steady_clock;
    operation_waiter<Metadata> waiter(started, deadline, clock::now(), step);
    while (auto const& next = waiter.next()) {
        auto status = client.send(*next);
        if (!status)
            return status;
        waiter.on_response(std::move(*status), clock::now());
    }
    return waiter.outcome();
}

} // namespace cloudimg::lxd

#endif
