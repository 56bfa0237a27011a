// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test is included first: it must be self-contained.
#include <cloudimg/asio.hpp>

#include <cloudimg/asio/hetzner.hpp>
#include <cloudimg/asio/lxd.hpp>
#include <cloudimg/hetzner.hpp>
#include <cloudimg/lxd.hpp>
#include <cloudimg/oxide.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <golden.hpp>
#include <local_server.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

// The Asio operations of cloudimg::asio: async_send with each kind of
// completion token, over the Asio transport and over a user's own async
// transport (the scripted test double); pages, retries and waits as
// operations, against a local server, with cancellation.

namespace {

using namespace cloudimg;
using namespace std::chrono_literals;
namespace net = boost::asio;
using test_server::local_server;
using test_server::received_request;
using test_server::reply;

std::filesystem::path const golden_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "golden";

std::string const image_json = golden::read_file(golden_dir / "hetzner" / "get_image.response.json");

hetzner::config config_for(local_server const& s) { return {.token = "t", .base_url = s.origin() + "/v1"}; }

using image_result = result<hetzner::image_response, hetzner::hetzner_failure>;

// ------------------------------------------------------------ completion tokens

TEST(asio_async_send, a_callback_gets_the_typed_result_later_never_inside_the_call)
{
    local_server server([](received_request const&) { return reply::ok(image_json); });
    net::io_context io;
    async_client api{config_for(server), cloudimg::asio::transport(io)};
    std::optional<image_result> out;
    cloudimg::asio::async_send(api, hetzner::get_image{.id = 42}, [&](image_result r) { out.emplace(std::move(r)); });
    EXPECT_FALSE(out);
    io.run();
    ASSERT_TRUE(out && *out) << (out ? out->error().what() : "no completion");
    ASSERT_TRUE((*out)->image);
    EXPECT_EQ((*out)->image->description, "pre-upgrade snapshot");
}

TEST(asio_async_send, awaited_in_a_coroutine_with_the_config_owned_by_the_operation)
{
    local_server server([](received_request const& req) {
        EXPECT_EQ(req.target(), "/v1/images/7");
        return reply::ok(image_json);
    });
    net::io_context io;
    cloudimg::asio::transport http(io);
    std::optional<image_result> out;
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            // the config is a temporary: nothing may refer to it once the operation started
            out.emplace(co_await cloudimg::asio::async_send(http, config_for(server), hetzner::get_image{.id = 7},
                                                            net::use_awaitable));
        },
        net::detached);
    io.run();
    ASSERT_TRUE(out && *out) << (out ? out->error().what() : "no completion");
}

TEST(asio_async_send, use_future_deferred_and_as_tuple)
{
    local_server server([](received_request const&) { return reply::ok(image_json); });
    net::io_context io;
    async_client api{config_for(server), cloudimg::asio::transport(io)};

    std::future<image_result> future = cloudimg::asio::async_send(api, hetzner::get_image{.id = 1}, net::use_future);
    auto deferred = cloudimg::asio::async_send(api, hetzner::get_image{.id = 2}, net::deferred);
    std::optional<image_result> from_deferred;
    std::optional<std::tuple<image_result>> tuple;
    cloudimg::asio::async_send(api, hetzner::get_image{.id = 3},
                               net::as_tuple([&](std::tuple<image_result> t) { tuple.emplace(std::move(t)); }));
    EXPECT_EQ(server.requests(), 0u);
    std::move(deferred)([&](image_result r) { from_deferred.emplace(std::move(r)); });  // launched only now
    std::thread runner([&] { io.run(); });
    auto r = future.get();
    runner.join();
    EXPECT_TRUE(r) << r.error().what();
    ASSERT_TRUE(from_deferred);
    EXPECT_TRUE(*from_deferred);
    ASSERT_TRUE(tuple);
    EXPECT_TRUE(std::get<0>(*tuple));
    EXPECT_EQ(server.requests(), 3u);
}

TEST(asio_async_send, errors_are_values_local_transport_and_the_providers_own)
{
    local_server server([](received_request const&) {
        return reply::ok(R"({"error":{"code":"not_found","message":"image not found"}})",
                         "Content-Type: application/json\r\n", 404);
    });
    net::io_context io;
    async_client api{config_for(server), cloudimg::asio::transport(io)};
    std::vector<image_result> outcomes;
    auto keep = [&](image_result r) { outcomes.push_back(std::move(r)); };
    async_client refused{hetzner::config{.token = "bad\ntoken", .base_url = server.origin() + "/v1"},
                         cloudimg::asio::transport(io)};
    cloudimg::asio::async_send(refused, hetzner::get_image{.id = 5}, keep);  // refused before anything is built
    cloudimg::asio::async_send(api, hetzner::get_image{.id = 5}, keep);      // the server's 404
    EXPECT_TRUE(outcomes.empty()) << "a local error too completes on the loop";
    io.run();
    api.config().base_url = "http://127.0.0.1:1/v1";  // nothing listens
    cloudimg::asio::async_send(api, hetzner::get_image{.id = 5}, keep);
    io.restart();
    io.run();
    ASSERT_EQ(outcomes.size(), 3u);
    EXPECT_EQ(outcomes[0].error().code, error::invalid_header_value);
    EXPECT_EQ(server.requests(), 1u);
    EXPECT_EQ(outcomes[1].error().code, error::error_response);
    EXPECT_EQ(outcomes[1].error().http_status, 404);
    ASSERT_TRUE(outcomes[1].error().body);
    EXPECT_EQ(outcomes[1].error().body->error.message, "image not found");
    EXPECT_EQ(outcomes[2].error().code, boost::system::errc::connection_refused) << outcomes[2].error().what();
}

TEST(asio_async_send, a_users_own_async_transport_plugs_into_the_same_operation)
{
    cloudimg::testing::scripted_transport script;
    script.expect(http_method::get, "/v1/images/42").respond(200, image_json);
    async_client api{hetzner::config{.token = "t"}, script};
    std::optional<image_result> out;
    cloudimg::asio::async_send(api, hetzner::get_image{.id = 42}, [&](image_result r) { out.emplace(std::move(r)); });
    EXPECT_FALSE(out);
    script.run();
    ASSERT_TRUE(out && *out) << (out ? out->error().what() : "no completion");
    EXPECT_EQ(script.report(), "");
}

TEST(asio_async_send, a_handler_bound_to_a_strand_runs_on_it)
{
    local_server server([](received_request const&) { return reply::ok(image_json); });
    net::io_context io;
    auto strand = net::make_strand(io);
    async_client api{config_for(server), cloudimg::asio::transport(io)};
    bool on_strand = false;
    cloudimg::asio::async_send(api, hetzner::get_image{.id = 1},
                               net::bind_executor(strand, [&](image_result) { on_strand = strand.running_in_this_thread(); }));
    io.run();
    EXPECT_TRUE(on_strand);
}

// ------------------------------------------------------------ pages

// Three pages of Oxide images: the token names the next one.
reply oxide_pages(received_request const& req)
{
    std::string const target = req.target();
    auto page = [](std::string items, std::string next) {
        return reply::ok(R"({"items":[)" + items + R"(],"next_page":)" + next + "}");
    };
    auto image = [](char const* name) {
        return std::string(R"({"id":"11111111-2222-3333-4444-555555555555","name":")") + name +
               R"(","description":"d","os":"u","version":"1","size":1,"block_size":512,)"
               R"("time_created":"2026-01-01T00:00:00Z","time_modified":"2026-01-01T00:00:00Z"})";
    };
    if (target.find("page_token=two") != std::string::npos)
        return page(image("b"), R"("three")");
    if (target.find("page_token=three") != std::string::npos)
        return page(image("c"), "null");
    return page(image("a"), R"("two")");
}

TEST(asio_pages, every_page_in_order)
{
    local_server server(oxide_pages);
    net::io_context io;
    async_client api{oxide::config{.base_url = server.origin(), .token = "t"}, cloudimg::asio::transport(io)};
    std::vector<std::string> names;
    std::optional<result<std::size_t, oxide::oxide_failure>> walked;
    cloudimg::asio::async_for_each_page(
        api, oxide::list_images{.project = "p"},
        [&](oxide::image_results_page& page) {
            for (auto const& img : page.items)
                names.push_back(img.name);
        },
        [&](result<std::size_t, oxide::oxide_failure> r) { walked.emplace(std::move(r)); });
    io.run();
    ASSERT_TRUE(walked && *walked) << (walked ? walked->error().what() : "no completion");
    EXPECT_EQ(**walked, 3u);
    EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(asio_pages, all_pages_at_once_with_a_callback_and_in_a_coroutine)
{
    local_server server(oxide_pages);
    net::io_context io;
    async_client api{oxide::config{.base_url = server.origin(), .token = "t"}, cloudimg::asio::transport(io)};
    std::optional<result<std::vector<oxide::image_results_page>, oxide::oxide_failure>> all;
    cloudimg::asio::async_all_pages(api, oxide::list_images{.project = "p"}, [&](auto r) { all.emplace(std::move(r)); });
    io.run();
    ASSERT_TRUE(all && *all);
    EXPECT_EQ((*all)->size(), 3u);
    all.reset();
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            // named, not a braced temporary inside co_await: GCC 12 miscompiles those (see README)
            oxide::list_images const first{.project = "p"};
            all.emplace(co_await cloudimg::asio::async_all_pages(api, first, net::use_awaitable));
        },
        net::detached);
    io.restart();
    io.run();
    ASSERT_TRUE(all && *all);
    EXPECT_EQ((*all)->size(), 3u);
}

TEST(asio_pages, a_handler_that_returns_false_stops_and_a_cancellation_ends_the_walk)
{
    local_server server(oxide_pages);
    net::io_context io;
    async_client api{oxide::config{.base_url = server.origin(), .token = "t"}, cloudimg::asio::transport(io)};
    std::optional<result<std::size_t, oxide::oxide_failure>> walked;
    cloudimg::asio::async_for_each_page(
        api, oxide::list_images{.project = "p"}, [](oxide::image_results_page&) { return false; },
        [&](result<std::size_t, oxide::oxide_failure> r) { walked.emplace(std::move(r)); });
    io.run();
    ASSERT_TRUE(walked && *walked);
    EXPECT_EQ(**walked, 1u);

    local_server stalling([](received_request const&) { return reply{reply::action::stall}; });
    api.config().base_url = stalling.origin();
    net::cancellation_signal signal;
    net::steady_timer timer(io, 100ms);
    timer.async_wait([&](boost::system::error_code) { signal.emit(net::cancellation_type::terminal); });
    walked.reset();
    cloudimg::asio::async_for_each_page(
        api, oxide::list_images{.project = "p"}, [](oxide::image_results_page&) {},
        net::bind_cancellation_slot(signal.slot(),
                                    [&](result<std::size_t, oxide::oxide_failure> r) { walked.emplace(std::move(r)); }));
    io.restart();
    io.run();
    ASSERT_TRUE(walked);
    ASSERT_FALSE(*walked);
    EXPECT_EQ(walked->error().code, boost::system::errc::operation_canceled) << walked->error().what();
}

// ------------------------------------------------------------ retries

TEST(asio_retry, retry_after_is_honoured_with_a_timer_then_the_call_succeeds)
{
    std::atomic<int> calls{0};
    local_server server([&](received_request const&) {
        if (++calls < 3)
            return reply::ok(R"({"error":{"code":"rate_limit_exceeded","message":"slow down"}})",
                             "Content-Type: application/json\r\nRetry-After: 1\r\n", 429);
        return reply::ok(image_json);
    });
    net::io_context io;
    async_client api{config_for(server), cloudimg::asio::transport(io)};
    std::optional<image_result> out;
    auto const start = std::chrono::steady_clock::now();
    cloudimg::asio::async_send_with_retry(api, hetzner::get_image{.id = 1}, hetzner::retry_policy{},
                                          [&](image_result r) { out.emplace(std::move(r)); });
    io.run();
    auto const took = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(out && *out) << (out ? out->error().what() : "no completion");
    EXPECT_EQ(calls.load(), 3);
    EXPECT_GE(took, 2s) << "two waits of Retry-After: 1";
    EXPECT_LT(took, 10s);
}

TEST(asio_retry, the_planner_stops_at_a_failure_it_does_not_retry_and_a_cancellation_ends_the_wait)
{
    std::atomic<int> calls{0};
    local_server server([&](received_request const&) {
        ++calls;
        return reply::ok(R"({"error":{"code":"rate_limit_exceeded","message":"slow down"}})",
                         "Content-Type: application/json\r\nRetry-After: 30\r\n", 429);
    });
    net::io_context io;
    async_client api{config_for(server), cloudimg::asio::transport(io)};
    std::optional<image_result> out;
    cloudimg::asio::async_send_with_retry(api, hetzner::get_image{.id = 1}, hetzner::retry_policy{.max_retries = 0},
                                          [&](image_result r) { out.emplace(std::move(r)); });
    io.run();
    ASSERT_TRUE(out && !*out);
    EXPECT_EQ(out->error().http_status, 429);
    EXPECT_EQ(calls.load(), 1);

    net::cancellation_signal signal;
    net::steady_timer timer(io, 300ms);
    timer.async_wait([&](boost::system::error_code) { signal.emit(net::cancellation_type::terminal); });
    out.reset();
    auto const start = std::chrono::steady_clock::now();
    cloudimg::asio::async_send_with_retry(
        api, hetzner::get_image{.id = 1}, hetzner::retry_policy{},
        net::bind_cancellation_slot(signal.slot(), [&](image_result r) { out.emplace(std::move(r)); }));
    io.restart();
    io.run();
    ASSERT_TRUE(out && !*out);
    EXPECT_EQ(out->error().code, boost::system::errc::operation_canceled) << out->error().what();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 10s) << "the 30 s wait was cut short";
}

// ------------------------------------------------------------ waiting for provider operations

TEST(asio_wait, hetzner_actions_are_polled_with_the_backoff_until_they_succeed)
{
    std::atomic<int> polls{0};
    local_server server([&](received_request const& req) {
        EXPECT_TRUE(req.target().starts_with("/v1/images/actions?id=7")) << req.target();
        char const* status = ++polls < 3 ? "running" : "success";
        return reply::ok(std::string(R"({"actions":[{"id":7,"command":"change_protection","status":")") + status +
                         R"(","progress":0,"started":"2026-01-01T00:00:00Z","finished":null,"resources":[],"error":null}],)"
                         R"("meta":{"pagination":{"page":1,"per_page":1,"previous_page":null,"next_page":null,"last_page":1,"total_entries":1}}})");
    });
    net::io_context io;
    async_client api{config_for(server), cloudimg::asio::transport(io)};
    hetzner::action_wait_options fast;
    fast.backoff = exponential_backoff{10ms, 2.0, 50ms};
    std::optional<result<std::vector<hetzner::action>, hetzner::action_failure>> out;
    cloudimg::asio::async_wait_for_actions(api, hetzner::action_waiter(std::vector<std::int64_t>{7}, fast),
                                           [&](auto r) { out.emplace(std::move(r)); });
    io.run();
    ASSERT_TRUE(out && *out) << (out ? out->error().what() : "no completion");
    ASSERT_EQ((*out)->size(), 1u);
    EXPECT_EQ(polls.load(), 3);
}

TEST(asio_wait, an_lxd_operation_is_awaited_through_its_wait_endpoint)
{
    std::atomic<int> waits{0};
    local_server server([&](received_request const& req) {
        EXPECT_TRUE(req.target().starts_with("/1.0/operations/op1/wait?timeout=")) << req.target();
        bool const done = ++waits == 2;
        return reply::ok(std::string(R"({"type":"sync","status":"Success","status_code":200,"metadata":{"id":"op1","class":"task",)"
                                     R"("description":"Downloading image","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z",)"
                                     R"("status":")") +
                         (done ? "Success" : "Running") + R"(","status_code":)" + (done ? "200" : "103") +
                         R"(,"resources":{},"metadata":null,"may_cancel":false,"err":"","location":"none"}})");
    });
    net::io_context io;
    async_client api{lxd::config{.base_url = server.origin()}, cloudimg::asio::transport(io)};
    lxd::async_operation<lxd::no_metadata> started;
    started.op.id = "op1";
    std::optional<result<lxd::operation_status<lxd::no_metadata>, lxd::lxd_failure>> out;
    cloudimg::asio::async_wait_until_done(api, started, 60s, [&](auto r) { out.emplace(std::move(r)); }, 5s);
    io.run();
    ASSERT_TRUE(out && *out) << (out ? out->error().what() : "no completion");
    EXPECT_EQ(waits.load(), 2);
}

} // namespace
