// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HETZNER_ACTIONS_HPP
#define CLOUDIMG_HETZNER_ACTIONS_HPP

// Waiting for Hetzner image actions, sans-IO: the waiter says which request
// to send next and how long to wait before it; the caller sleeps, sends and
// feeds the decoded response back. Nothing here reads a clock or sleeps.

#include <cloudimg/error.hpp>
#include <cloudimg/hetzner/endpoints.hpp>
#include <cloudimg/hetzner/models.hpp>
#include <cloudimg/hetzner/pagination.hpp>
#include <cloudimg/hetzner/provider.hpp>
#include <cloudimg/hetzner/retry.hpp>

#include <algorithm>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace cloudimg::hetzner {

/** Why waiting for actions failed.

    - An action ended in `error`: `code` is `error::action_failed`,
      `provider_code` and `message` are the action's `error.code` and
      `error.message`, and `action` is the failed action as last reported.
    - The server stopped reporting actions: `code` is `error::action_failed`
      and `missing_ids` lists them (`action` is empty).
    - A poll request failed (only from `wait_for_actions`): the request's own
      failure, with `body` holding the error response when there was one.
*/
struct action_failure : hetzner_failure {
    std::optional<hetzner::action> action;   ///< the action that ended in error
    std::vector<std::int64_t> missing_ids;   ///< actions absent from too many consecutive responses
};

/// How an `action_waiter` polls.
struct action_wait_options {
    /// Wait before poll round n (from 0): 1 s, 2 s, 4 s, 8 s, then 10 s.
    exponential_backoff backoff{std::chrono::milliseconds{1000}, 2.0, std::chrono::milliseconds{10000}};
    /// Action ids per request, 1 to 50. Each request asks for `per_page` equal to
    /// its id count, and 50 is Hetzner's largest page, so one page holds the batch.
    std::size_t batch_size = 50;
    /// How many consecutive responses may lack a running action before the wait
    /// fails (tolerates a lagging read replica; a wrong id fails after a few polls).
    unsigned missing_polls_allowed = 2;
};

/// The next thing to do: wait `delay`, then send `request` and pass its response to `on_response`.
struct action_poll {
    list_images_actions request;
    std::chrono::milliseconds delay{0};
};

/** Waits for image actions to finish, polling them in batches.

    Each round polls every action still running, at most `batch_size` ids per
    `GET /images/actions?id=..` request; only the first request of a round
    carries the backoff delay. An action is finished when its status is
    `success` or `error`; any other status, including values Hetzner may add
    later, counts as still running. The wait ends with success when every
    action succeeded, and with an `action_failure` as soon as one ends in
    `error` or is missing from more than `missing_polls_allowed` consecutive
    responses. It never gives up on a running action by itself: bound the
    wait with your own deadline.

    `next()` is idempotent: until a response is fed, it returns the same poll,
    so a caller may resend it after a transport failure.

    @code
    hetzner::action_waiter w({created->action});
    while (auto poll = w.next()) {
        std::this_thread::sleep_for(poll->delay);
        auto res = client.send(poll->request);
        if (!res)
            return res.error();
        w.on_response(*res);
    }
    auto done = w.outcome();  // result<std::vector<hetzner::action>, hetzner::action_failure>
    @endcode
    @see wait_for_actions, the synchronous loop over this waiter
*/
class action_waiter {
public:
    /// Wait for the actions with these ids (duplicates are ignored).
    explicit action_waiter(std::vector<std::int64_t> ids, action_wait_options options = {})
        : options_(std::move(options))
    {
        tracked_.reserve(ids.size());
        for (auto id : ids)
            track(id, std::nullopt);
        index();
    }

    /// Wait for these actions, as the API returned them: finished ones are not polled,
    /// and one already in `error` fails the wait at once.
    explicit action_waiter(std::vector<hetzner::action> actions, action_wait_options options = {})
        : options_(std::move(options))
    {
        tracked_.reserve(actions.size());
        for (auto& a : actions) {
            auto const id = a.id;
            track(id, std::move(a));
        }
        index();
        for (auto& t : tracked_)
            if (t.latest)
                settle(t, *t.latest);
    }

    /** The next poll, or nothing once the wait is over (see `outcome()`).

        @code
        if (auto poll = w.next())
            send_later(poll->delay, poll->request);
        @endcode
    */
    std::optional<action_poll> next()
    {
        if (done())
            return std::nullopt;
        if (!pending_)
            pending_ = start_batch();
        return pending_;
    }

    /** Feed the decoded response to the poll `next()` returned.

        Updates each action it reports, follows `meta.pagination` should the
        server split a batch over pages, and settles the wait when everything
        is finished or something failed. A response when no poll is pending
        is ignored.

        @code
        w.on_response(*client.send(poll->request));
        @endcode
    */
    void on_response(action_list_response const& response)
    {
        if (!pending_ || done())
            return;
        for (auto const& a : response.actions) {
            auto* t = find(a.id);
            if (!t || t->finished)
                continue;
            t->latest = a;
            t->seen = true;
            settle(*t, a);
        }
        if (failure_) {
            pending_.reset();
            return;
        }
        if (auto more = next_page(pending_->request, response)) {
            pending_ = action_poll{std::move(*more), std::chrono::milliseconds{0}};
            return;
        }
        finish_batch();
    }

    /// True once every action succeeded or the wait failed.
    bool done() const noexcept { return failure_.has_value() || running_ == 0; }

    /** How the wait ended: every action, in the order given, or why it failed.

        Before `done()`, a failure with `error::invalid_argument`.

        @code
        auto out = w.outcome();
        if (!out && out.error().action)
            log(out.error().action->command, " failed: ", out.error().message);
        @endcode
    */
    result<std::vector<hetzner::action>, action_failure> outcome() const
    {
        if (failure_)
            return *failure_;
        if (!done()) {
            action_failure f;
            static_cast<failure&>(f) = make_failure(error::invalid_argument, "the action wait has not finished");
            return f;
        }
        std::vector<hetzner::action> out;
        out.reserve(tracked_.size());
        for (auto const& t : tracked_)
            out.push_back(*t.latest);
        return out;
    }

    /// The ids still running, in the order given.
    std::vector<std::int64_t> running_ids() const
    {
        std::vector<std::int64_t> ids;
        for (auto const& t : tracked_)
            if (!t.finished)
                ids.push_back(t.id);
        return ids;
    }

    /// The last state the server reported for action `id`, for progress display; null if none yet.
    hetzner::action const* latest(std::int64_t id) const
    {
        auto const i = position(id);
        return i < tracked_.size() && tracked_[i].latest ? &*tracked_[i].latest : nullptr;
    }

private:
    struct tracked {
        std::int64_t id;
        std::optional<hetzner::action> latest;
        unsigned missing = 0;   // consecutive batch responses without it
        bool finished = false;
        bool seen = false;      // reported in the pending batch's responses
    };

    void track(std::int64_t id, std::optional<hetzner::action> latest)
    {
        if (std::any_of(tracked_.begin(), tracked_.end(), [&](tracked const& t) { return t.id == id; }))
            return;
        tracked_.push_back(tracked{id, std::move(latest)});
        ++running_;
    }

    // sorted (id, position) pairs: lookups stay logarithmic for long id lists
    void index()
    {
        by_id_.reserve(tracked_.size());
        for (std::size_t i = 0; i < tracked_.size(); ++i)
            by_id_.emplace_back(tracked_[i].id, i);
        std::sort(by_id_.begin(), by_id_.end());
    }

    // position of `id` in tracked_, or tracked_.size() when it is not tracked
    std::size_t position(std::int64_t id) const noexcept
    {
        auto it = std::lower_bound(by_id_.begin(), by_id_.end(), std::pair<std::int64_t, std::size_t>{id, 0});
        return it == by_id_.end() || it->first != id ? tracked_.size() : it->second;
    }

    tracked* find(std::int64_t id) noexcept
    {
        auto const i = position(id);
        return i < tracked_.size() ? &tracked_[i] : nullptr;
    }

    // Record a finished state; the first action in error fails the wait.
    void settle(tracked& t, hetzner::action const& a)
    {
        if (a.status == action_status::success) {
            t.finished = true;
            --running_;
        } else if (a.status == action_status::error) {
            t.finished = true;
            --running_;
            if (!failure_) {
                action_failure f;
                f.code = error::action_failed;
                if (a.error) {
                    f.provider_code.assign(a.error->code.wire());
                    f.message = a.error->message;
                } else {
                    f.message = "action " + std::to_string(a.id) + " (" + a.command + ") ended in error";
                }
                f.action = a;
                failure_ = std::move(f);
            }
        }
    }

    action_poll start_batch()
    {
        if (queue_pos_ >= queue_.size()) {  // a new round: every action still running
            queue_ = running_ids();
            queue_pos_ = 0;
            ++round_;
        }
        std::size_t const size = std::clamp<std::size_t>(options_.batch_size, 1, 50);
        std::size_t const end = (std::min)(queue_.size(), queue_pos_ + size);
        batch_.assign(queue_.begin() + static_cast<std::ptrdiff_t>(queue_pos_),
                      queue_.begin() + static_cast<std::ptrdiff_t>(end));
        for (auto id : batch_)
            find(id)->seen = false;
        list_images_actions request;
        request.id = batch_;
        request.per_page = static_cast<std::int64_t>(batch_.size());
        auto const delay = queue_pos_ == 0 ? options_.backoff.delay(round_ - 1) : std::chrono::milliseconds{0};
        return action_poll{std::move(request), delay};
    }

    void finish_batch()
    {
        std::vector<std::int64_t> missing;
        for (auto id : batch_) {
            auto* t = find(id);
            if (t->finished || t->seen) {
                t->missing = 0;
                continue;
            }
            if (++t->missing > options_.missing_polls_allowed)
                missing.push_back(id);
        }
        pending_.reset();
        queue_pos_ += batch_.size();
        if (missing.empty())
            return;
        action_failure f;
        f.code = error::action_failed;
        std::string ids;
        for (auto id : missing)
            ids += (ids.empty() ? "" : ", ") + std::to_string(id);
        f.message = (missing.size() == 1 ? "action " + ids + " is" : "actions " + ids + " are") +
                    " missing from " + std::to_string(options_.missing_polls_allowed + 1) +
                    " consecutive responses";
        f.missing_ids = std::move(missing);
        failure_ = std::move(f);
    }

    action_wait_options options_;
    std::vector<tracked> tracked_;                            // in the order given
    std::vector<std::pair<std::int64_t, std::size_t>> by_id_; // id -> position in tracked_
    std::size_t running_ = 0;
    unsigned round_ = 0;                                      // poll rounds started
    std::vector<std::int64_t> queue_;                         // this round's ids
    std::size_t queue_pos_ = 0;                               // first id of the pending batch in queue_
    std::vector<std::int64_t> batch_;                         // ids of the pending batch
    std::optional<action_poll> pending_;
    std::optional<action_failure> failure_;
};

/// The failure of a wait whose poll request failed with `f` (a `hetzner_failure`, or a
/// plain `cloudimg::failure` from a hand-written send): the poll's own failure.
template <class Failure>
    requires std::derived_from<std::remove_cvref_t<Failure>, failure>
action_failure poll_failure(Failure&& f)
{
    action_failure out;
    if constexpr (std::is_base_of_v<hetzner_failure, std::remove_cvref_t<Failure>>)
        static_cast<hetzner_failure&>(out) = std::forward<Failure>(f);
    else
        static_cast<failure&>(out) = std::forward<Failure>(f);
    return out;
}

/** A synchronous loop over an `action_waiter`.

    `send` is called with each poll request and returns
    `result<action_list_response, hetzner_failure>` (a `client::send` fits)
    or `result<action_list_response>`;
    `sleep` is called with each non-zero delay. A failed poll ends the wait
    with that failure; to retry polls instead, let `send` call
    `cloudimg::send_with_retry` with a `hetzner::retry_policy`.

    @code
    auto done = hetzner::wait_for_actions(
        hetzner::action_waiter({created->action}),
        [&](hetzner::list_images_actions const& ep) { return client.send(ep); },
        [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); });
    @endcode
    @see action_waiter, the pure state machine this loop drives
*/
template <class Send, class Sleep>
    requires std::invocable<Send&, list_images_actions const&> && std::invocable<Sleep&, std::chrono::milliseconds>
result<std::vector<hetzner::action>, action_failure> wait_for_actions(action_waiter waiter, Send&& send, Sleep&& sleep)
{
    while (auto poll = waiter.next()) {
        if (poll->delay > std::chrono::milliseconds{0})
            sleep(poll->delay);
        auto res = send(std::as_const(poll->request));
        if (!res)
            return poll_failure(std::move(res).error());
        waiter.on_response(*res);
    }
    return waiter.outcome();
}

} // namespace cloudimg::hetzner

#endif
