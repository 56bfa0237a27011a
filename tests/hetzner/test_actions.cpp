// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/hetzner/actions.hpp>

#include <cloudimg/hetzner/config.hpp>
#include <cloudimg/response.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace cloudimg;
namespace hz = cloudimg::hetzner;
using namespace std::chrono_literals;
using ids = std::vector<std::int64_t>;

namespace {

std::string action_json(std::int64_t id, std::string_view status, std::string_view error = "null")
{
    return R"({"id":)" + std::to_string(id) + R"(,"command":"change_protection","status":")" + std::string(status) +
           R"(","started":"2026-03-01T12:00:00Z","finished":null,"progress":50,)" +
           R"("resources":[{"id":4711,"type":"image"}],"error":)" + std::string(error) + "}";
}

std::string list_json(std::vector<std::string> const& actions, std::string_view next_page = "null",
                      std::int64_t page = 1)
{
    std::string body = R"({"actions":[)";
    for (std::size_t i = 0; i < actions.size(); ++i)
        body += (i ? "," : "") + actions[i];
    body += R"(],"meta":{"pagination":{"page":)" + std::to_string(page) + R"(,"per_page":50,"previous_page":null,)" +
            R"("next_page":)" + std::string(next_page) + R"(,"last_page":null,"total_entries":null}}})";
    return body;
}

// Decoded the way a caller gets it.
hz::action_list_response list(std::vector<std::string> const& actions, std::string_view next_page = "null",
                              std::int64_t page = 1)
{
    auto r = parse_response<hz::list_images_actions>(response{200, {}, list_json(actions, next_page, page)});
    EXPECT_TRUE(r) << (r ? "" : r.error().what());
    return *r;
}

hz::action decode_action(std::string const& json)
{
    auto r = json::decode<hz::action>(json);
    EXPECT_TRUE(r);
    return *r;
}

std::string read_example(char const* name)
{
    std::ifstream in(std::string(CLOUDIMG_TEST_DATA_DIR "/specs/hetzner/examples/") + name);
    EXPECT_TRUE(in) << name;
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(action_waiter, polls_with_backoff_until_success)
{
    hz::action_waiter w(ids{7});
    auto p = w.next();
    ASSERT_TRUE(p);
    EXPECT_EQ(p->delay, 1s);
    EXPECT_EQ(p->request.id, ids{7});
    EXPECT_EQ(p->request.per_page, 1);
    EXPECT_FALSE(p->request.page);

    // the poll is a valid request
    auto req = hz::prepare(hz::config{}, p->request);
    ASSERT_TRUE(req);
    EXPECT_EQ(req->target, "/v1/images/actions?id=7&per_page=1");

    w.on_response(list({action_json(7, "running")}));
    EXPECT_FALSE(w.done());
    EXPECT_EQ(w.running_ids(), ids{7});
    ASSERT_NE(w.latest(7), nullptr);
    EXPECT_EQ(w.latest(7)->progress, 50);

    p = w.next();
    ASSERT_TRUE(p);
    EXPECT_EQ(p->delay, 2s);
    w.on_response(list({action_json(7, "success")}));
    EXPECT_TRUE(w.done());
    EXPECT_FALSE(w.next());

    auto out = w.outcome();
    ASSERT_TRUE(out);
    ASSERT_EQ(out->size(), 1u);
    EXPECT_EQ((*out)[0].id, 7);
    EXPECT_EQ((*out)[0].status, hz::action_status::success);
}

TEST(action_waiter, next_repeats_the_pending_poll)
{
    hz::action_waiter w(ids{1, 2});
    auto a = w.next();
    auto b = w.next();
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->request.id, b->request.id);
    EXPECT_EQ(a->delay, b->delay);
}

TEST(action_waiter, backoff_is_capped)
{
    hz::action_waiter w(ids{1});
    std::vector<std::chrono::milliseconds> delays;
    for (int i = 0; i < 7; ++i) {
        auto p = w.next();
        ASSERT_TRUE(p);
        delays.push_back(p->delay);
        w.on_response(list({action_json(1, "running")}));
    }
    EXPECT_EQ(delays, (std::vector<std::chrono::milliseconds>{1s, 2s, 4s, 8s, 10s, 10s, 10s}));

    hz::action_wait_options fast;
    fast.backoff = {200ms, 1.5, 500ms};
    hz::action_waiter v(ids{1}, fast);
    delays.clear();
    for (int i = 0; i < 4; ++i) {
        delays.push_back(v.next()->delay);
        v.on_response(list({action_json(1, "running")}));
    }
    EXPECT_EQ(delays, (std::vector<std::chrono::milliseconds>{200ms, 300ms, 450ms, 500ms}));
}

TEST(action_waiter, action_in_error_fails_the_wait)
{
    hz::action_waiter w(ids{1, 2});
    ASSERT_TRUE(w.next());
    w.on_response(list({action_json(1, "success"),
                        action_json(2, "error", R"({"code":"action_failed","message":"Action failed"})")}));
    EXPECT_TRUE(w.done());
    EXPECT_FALSE(w.next());
    auto out = w.outcome();
    ASSERT_FALSE(out);
    auto const& f = out.error();
    EXPECT_EQ(f.code, error::action_failed);
    EXPECT_EQ(f.provider_code, "action_failed");
    EXPECT_EQ(f.message, "Action failed");
    ASSERT_TRUE(f.action);
    EXPECT_EQ(f.action->id, 2);
    EXPECT_TRUE(f.missing_ids.empty());
    EXPECT_EQ(f.what(), "the action failed [action_failed]: Action failed");
}

TEST(action_waiter, error_without_details_still_fails)
{
    hz::action_waiter w(ids{5});
    w.next();
    w.on_response(list({action_json(5, "error")}));
    auto out = w.outcome();
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, error::action_failed);
    EXPECT_EQ(out.error().provider_code, "");
    EXPECT_EQ(out.error().message, "action 5 (change_protection) ended in error");
}

TEST(action_waiter, unknown_status_counts_as_running)
{
    hz::action_waiter w(ids{3});
    w.next();
    w.on_response(list({action_json(3, "paused")}));
    EXPECT_FALSE(w.done());
    ASSERT_NE(w.latest(3), nullptr);
    EXPECT_EQ(w.latest(3)->status.wire(), "paused");
    ASSERT_TRUE(w.next());
    w.on_response(list({action_json(3, "success")}));
    EXPECT_TRUE(w.outcome());
}

TEST(action_waiter, success_wins_over_a_stray_error_object)
{
    // the official example: status "success" together with a non-null error
    auto r = parse_response<hz::list_image_actions>(response{200, {}, read_example("list_image_actions_200.json")});
    ASSERT_TRUE(r);
    hz::action_waiter w(ids{13});
    w.next();
    w.on_response(*r);
    auto out = w.outcome();
    ASSERT_TRUE(out);
    EXPECT_EQ((*out)[0].id, 13);
}

TEST(action_waiter, from_actions_skips_finished_ones)
{
    // the 201 body of change_image_protection, already successful: nothing to poll
    auto created = parse_response<hz::change_image_protection>(
        response{201, {}, read_example("change_image_protection_201.json")});
    ASSERT_TRUE(created);
    hz::action_waiter done({created->action});
    EXPECT_TRUE(done.done());
    EXPECT_FALSE(done.next());
    ASSERT_TRUE(done.outcome());

    // one running, one finished: only the running one is polled
    hz::action_waiter w({decode_action(action_json(1, "success")), decode_action(action_json(2, "running"))});
    auto p = w.next();
    ASSERT_TRUE(p);
    EXPECT_EQ(p->request.id, ids{2});
    w.on_response(list({action_json(2, "success")}));
    auto out = w.outcome();
    ASSERT_TRUE(out);
    ASSERT_EQ(out->size(), 2u);
    EXPECT_EQ((*out)[0].id, 1);  // in the order given
    EXPECT_EQ((*out)[1].id, 2);
}

TEST(action_waiter, from_actions_already_in_error_fails_at_once)
{
    hz::action_waiter w({decode_action(action_json(1, "running")),
                         decode_action(action_json(2, "error", R"({"code":"action_failed","message":"boom"})"))});
    EXPECT_TRUE(w.done());
    EXPECT_FALSE(w.next());
    ASSERT_FALSE(w.outcome());
    EXPECT_EQ(w.outcome().error().message, "boom");
}

TEST(action_waiter, nothing_to_wait_for)
{
    hz::action_waiter w(ids{});
    EXPECT_TRUE(w.done());
    EXPECT_FALSE(w.next());
    auto out = w.outcome();
    ASSERT_TRUE(out);
    EXPECT_TRUE(out->empty());
}

TEST(action_waiter, duplicate_ids_are_polled_once)
{
    hz::action_waiter w(ids{4, 4, 5, 4});
    auto p = w.next();
    ASSERT_TRUE(p);
    EXPECT_EQ(p->request.id, (ids{4, 5}));
    w.on_response(list({action_json(4, "success"), action_json(5, "success")}));
    ASSERT_TRUE(w.outcome());
    EXPECT_EQ(w.outcome()->size(), 2u);
}

TEST(action_waiter, outcome_before_the_end_is_an_error)
{
    hz::action_waiter w(ids{1});
    auto out = w.outcome();
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, error::invalid_argument);
}

TEST(action_waiter, responses_without_a_pending_poll_or_for_other_actions_are_ignored)
{
    hz::action_waiter w(ids{1});
    w.on_response(list({action_json(1, "success")}));  // next() was never called
    EXPECT_FALSE(w.done());
    w.next();
    w.on_response(list({action_json(1, "running"), action_json(99, "error")}));
    EXPECT_FALSE(w.done());
    EXPECT_EQ(w.latest(99), nullptr);
}

TEST(action_waiter, batches_of_at_most_50_ids)
{
    ids all;
    for (std::int64_t i = 1; i <= 120; ++i)
        all.push_back(i);
    hz::action_waiter w(all);

    // round 1: 50 + 50 + 20, only the first carries the delay
    std::vector<std::size_t> sizes;
    std::vector<std::chrono::milliseconds> delays;
    for (int batch = 0; batch < 3; ++batch) {
        auto p = w.next();
        ASSERT_TRUE(p);
        sizes.push_back(p->request.id.size());
        delays.push_back(p->delay);
        EXPECT_EQ(p->request.per_page, static_cast<std::int64_t>(p->request.id.size()));
        std::vector<std::string> actions;
        for (auto id : p->request.id)  // every id above 100 keeps running
            actions.push_back(action_json(id, id > 100 ? "running" : "success"));
        w.on_response(list(actions));
    }
    EXPECT_EQ(sizes, (std::vector<std::size_t>{50, 50, 20}));
    EXPECT_EQ(delays, (std::vector<std::chrono::milliseconds>{1s, 0s, 0s}));
    EXPECT_EQ(w.running_ids().size(), 20u);

    // round 2: only the 20 still running, after the next backoff step
    auto p = w.next();
    ASSERT_TRUE(p);
    EXPECT_EQ(p->delay, 2s);
    EXPECT_EQ(p->request.id.size(), 20u);
    EXPECT_EQ(p->request.id.front(), 101);
}

TEST(action_waiter, smaller_batches_by_option_and_clamped_to_50)
{
    hz::action_wait_options o;
    o.batch_size = 2;
    hz::action_waiter w(ids{1, 2, 3}, o);
    EXPECT_EQ(w.next()->request.id, (ids{1, 2}));

    o.batch_size = 500;
    ids many(80);
    for (std::size_t i = 0; i < many.size(); ++i)
        many[i] = static_cast<std::int64_t>(i + 1);
    hz::action_waiter big(many, o);
    EXPECT_EQ(big.next()->request.id.size(), 50u);

    o.batch_size = 0;
    hz::action_waiter tiny(ids{1, 2}, o);
    EXPECT_EQ(tiny.next()->request.id.size(), 1u);
}

TEST(action_waiter, follows_pages_within_a_batch)
{
    hz::action_waiter w(ids{1, 2, 3});
    auto p = w.next();
    ASSERT_TRUE(p);
    // the server split the batch: page 1 holds two of three
    w.on_response(list({action_json(1, "success"), action_json(2, "running")}, "2"));
    EXPECT_FALSE(w.done());
    p = w.next();
    ASSERT_TRUE(p);
    EXPECT_EQ(p->delay, 0s);
    EXPECT_EQ(p->request.page, 2);
    EXPECT_EQ(p->request.id, (ids{1, 2, 3}));
    w.on_response(list({action_json(3, "running")}, "null", 2));

    // the batch is complete and nothing counted as missing: the next round
    p = w.next();
    ASSERT_TRUE(p);
    EXPECT_EQ(p->delay, 2s);
    EXPECT_EQ(p->request.id, (ids{2, 3}));
    EXPECT_FALSE(p->request.page);
}

TEST(action_waiter, missing_action_fails_after_the_allowed_polls)
{
    hz::action_waiter w(ids{1, 2});
    for (int poll = 1; poll <= 2; ++poll) {  // tolerated: two responses without action 2
        ASSERT_TRUE(w.next());
        w.on_response(list({action_json(1, "running")}));
        EXPECT_FALSE(w.done()) << poll;
    }
    ASSERT_TRUE(w.next());
    w.on_response(list({action_json(1, "running")}));
    EXPECT_TRUE(w.done());
    auto out = w.outcome();
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, error::action_failed);
    EXPECT_EQ(out.error().missing_ids, ids{2});
    EXPECT_FALSE(out.error().action);
    EXPECT_EQ(out.error().message, "action 2 is missing from 3 consecutive responses");
}

TEST(action_waiter, a_reappearing_action_resets_the_missing_count)
{
    hz::action_waiter w(ids{1});
    for (int poll = 0; poll < 6; ++poll) {
        ASSERT_TRUE(w.next());
        // absent twice, present once, over and over: never three in a row
        w.on_response(poll % 3 == 2 ? list({action_json(1, "running")}) : list({}));
        EXPECT_FALSE(w.done()) << poll;
    }
}

TEST(action_waiter, missing_tolerance_is_configurable)
{
    hz::action_wait_options strict;
    strict.missing_polls_allowed = 0;  // like hcloud-go: fail on the first absence
    hz::action_waiter w(ids{8, 9}, strict);
    w.next();
    w.on_response(list({}));
    auto out = w.outcome();
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().missing_ids, (ids{8, 9}));
    EXPECT_EQ(out.error().message, "actions 8, 9 are missing from 1 consecutive responses");
}

// ------------------------------------------------------------------ the sync loop

TEST(wait_for_actions, drives_the_waiter_with_a_scripted_server)
{
    std::deque<std::string> script{list_json({action_json(1, "running"), action_json(2, "running")}),
                                   list_json({action_json(1, "success"), action_json(2, "running")}),
                                   list_json({action_json(2, "success")})};
    std::vector<ids> requested;
    std::vector<std::chrono::milliseconds> slept;
    auto out = hz::wait_for_actions(
        hz::action_waiter(ids{1, 2}),
        [&](hz::list_images_actions const& ep) {
            requested.push_back(ep.id);
            auto r = parse_response<hz::list_images_actions>(response{200, {}, script.front()});
            script.pop_front();
            return r;
        },
        [&](std::chrono::milliseconds d) { slept.push_back(d); });
    ASSERT_TRUE(out) << out.error().what();
    EXPECT_EQ(out->size(), 2u);
    EXPECT_EQ(requested, (std::vector<ids>{{1, 2}, {1, 2}, {2}}));
    EXPECT_EQ(slept, (std::vector<std::chrono::milliseconds>{1s, 2s, 4s}));
    EXPECT_TRUE(script.empty());
}

TEST(wait_for_actions, a_failed_poll_ends_the_wait_with_its_failure)
{
    int calls = 0;
    auto out = hz::wait_for_actions(
        hz::action_waiter(ids{1}),
        [&](hz::list_images_actions const&) {
            ++calls;
            return parse_response<hz::list_images_actions>(
                response{401, {{"X-Correlation-Id", "c-1"}}, read_example("list_images_actions_4xx.json")});
        },
        [](std::chrono::milliseconds) {});
    EXPECT_EQ(calls, 1);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, error::error_response);
    EXPECT_EQ(out.error().http_status, 401);
    EXPECT_EQ(out.error().provider_code, "unauthorized");
    EXPECT_EQ(out.error().request_id, "c-1");
    EXPECT_TRUE(out.error().body);
    EXPECT_FALSE(out.error().action);
}

TEST(wait_for_actions, accepts_a_send_with_plain_failures)
{
    auto out = hz::wait_for_actions(
        hz::action_waiter(ids{1}),
        [](hz::list_images_actions const&) -> result<hz::action_list_response> {
            return make_failure(error::transport, "connection reset");
        },
        [](std::chrono::milliseconds) {});
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, error::transport);
    EXPECT_EQ(out.error().message, "connection reset");
    EXPECT_FALSE(out.error().body);
}

TEST(wait_for_actions, reports_an_action_error)
{
    auto out = hz::wait_for_actions(
        hz::action_waiter(ids{1}),
        [&](hz::list_images_actions const&) {
            return parse_response<hz::list_images_actions>(response{
                200, {}, list_json({action_json(1, "error", R"({"code":"action_failed","message":"disk full"})")})});
        },
        [](std::chrono::milliseconds) {});
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, error::action_failed);
    EXPECT_EQ(out.error().message, "disk full");
    ASSERT_TRUE(out.error().action);
    EXPECT_EQ(out.error().action->id, 1);
}

} // namespace
