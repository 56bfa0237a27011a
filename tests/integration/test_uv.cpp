// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

#ifdef CLOUDIMG_TEST_HAVE_UV

// The header under test is included first: it must be self-contained.
#include <cloudimg/uv/transport.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/curl/multi.hpp>
#include <cloudimg/hetzner.hpp>

#include <golden.hpp>
#include <image_reply.hpp>
#include <local_server.hpp>
#include <string_source.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

// cloudimg::uv::transport (and under it curl::multi_transport) on a real
// libuv loop against a local server (local_server.hpp) that can answer,
// stall and reset: many requests in flight, connection reuse, cancellation,
// timeouts, shutdown with requests in flight, streamed bodies both ways.
// The Prism suites and the LXD daemon suite run through this transport too
// (their *_uv ctest entries, support/test_transport.hpp).

namespace {

using namespace cloudimg;
using namespace std::chrono_literals;
namespace hetzner = cloudimg::hetzner;
using test_server::image_reply;
using test_server::local_server;
using test_server::received_request;
using test_server::reply;

static_assert(streaming_async_transport<uv::transport>);
static_assert(streaming_async_transport<curl::multi_transport>);
static_assert(std::is_nothrow_move_constructible_v<uv::transport>);
static_assert(!std::is_copy_constructible_v<uv::transport>);

/// A libuv loop of its own per test, closed cleanly at the end.
struct uv_loop {
    uv_loop_t loop{};
    uv_loop() { uv_loop_init(&loop); }
    ~uv_loop()
    {
        uv_run(&loop, UV_RUN_DEFAULT);  // closes what the transports left
        EXPECT_EQ(uv_loop_close(&loop), 0) << "handles left open on the loop";
    }
    void run() { uv_run(&loop, UV_RUN_DEFAULT); }

    /// Run `f` on the loop after `delay`.
    void after(std::chrono::milliseconds delay, std::function<void()> f)
    {
        auto* t = new uv_timer_t;
        uv_timer_init(&loop, t);
        t->data = new std::function<void()>(std::move(f));
        uv_timer_start(t, [](uv_timer_t* timer) {
            auto* fn = static_cast<std::function<void()>*>(timer->data);
            (*fn)();
            delete fn;
            uv_close(reinterpret_cast<uv_handle_t*>(timer), [](uv_handle_t* h) { delete reinterpret_cast<uv_timer_t*>(h); });
        }, static_cast<std::uint64_t>(delay.count()), 0);
    }
};

hetzner::config config_for(local_server const& s) { return {.token = "t", .base_url = s.origin() + "/v1"}; }

TEST(uv_transport, many_requests_in_flight_on_one_thread_each_with_its_own_answer)
{
    local_server server(image_reply);
    uv_loop l;
    std::size_t constexpr n = 200;
    std::map<std::int64_t, std::int64_t> answered;  // asked id -> id in the answer
    std::size_t failures = 0;
    {
        async_client api{config_for(server), uv::transport(&l.loop, {.timeout = 30s})};
        for (std::int64_t id = 1; id <= static_cast<std::int64_t>(n); ++id)
            api.send(hetzner::get_image{.id = id}, [&, id](auto r) {
                if (r && r->image)
                    answered[id] = r->image->id;
                else
                    ++failures;
            });
        EXPECT_EQ(api.get_transport().in_flight(), n) << "all of them in flight at once";
        EXPECT_TRUE(answered.empty()) << "nothing completes inside send";
        l.run();
        EXPECT_EQ(api.get_transport().in_flight(), 0u);
    }
    EXPECT_EQ(failures, 0u);
    ASSERT_EQ(answered.size(), n);
    for (auto [asked, got] : answered)
        EXPECT_EQ(asked, got);
    EXPECT_EQ(server.requests(), n);
}

TEST(uv_transport, calls_in_sequence_reuse_one_connection)
{
    local_server server(image_reply);
    uv_loop l;
    async_client api{config_for(server), uv::transport(&l.loop)};
    int done = 0;
    std::function<void()> next = [&] {
        api.send(hetzner::get_image{.id = done + 1}, [&](auto r) {
            EXPECT_TRUE(r) << r.error().what();
            if (++done < 10)
                next();
        });
    };
    next();
    l.run();
    EXPECT_EQ(done, 10);
    EXPECT_EQ(server.connections(), 1u);
}

TEST(uv_transport, a_server_that_closes_a_kept_alive_connection_costs_a_new_one_not_a_failure)
{
    std::atomic<int> seen{0};
    local_server server([&](received_request const& req) {
        auto r = image_reply(req);
        if (++seen == 1)  // no "Connection: close": the client learns it when it reuses the connection
            r.what = reply::action::answer_and_close;
        return r;
    });
    uv_loop l;
    async_client api{config_for(server), uv::transport(&l.loop)};
    int ok = 0;
    std::function<void(int)> next = [&](int left) {
        api.send(hetzner::get_image{.id = left}, [&, left](auto r) {
            EXPECT_TRUE(r) << r.error().what();
            ok += r ? 1 : 0;
            if (left > 1)
                next(left - 1);
        });
    };
    next(4);
    l.run();
    EXPECT_EQ(ok, 4);
    EXPECT_EQ(server.connections(), 2u);
}

// The race behind the test above, made certain: the server takes the second
// request on the kept-alive connection and resets it without an answer. The
// request goes once more, on a new connection, and succeeds.
TEST(uv_transport, a_request_that_meets_a_dead_cached_connection_goes_again_on_a_new_one)
{
    std::atomic<int> seen{0};
    local_server server([&](received_request const& req) {
        if (++seen == 2)
            return reply{reply::action::reset};
        return image_reply(req);
    });
    uv_loop l;
    async_client api{config_for(server), uv::transport(&l.loop)};
    int ok = 0;
    api.send(hetzner::get_image{.id = 1}, [&](auto first) {
        EXPECT_TRUE(first) << first.error().what();
        ok += first ? 1 : 0;
        api.send(hetzner::get_image{.id = 2}, [&](auto second) {
            EXPECT_TRUE(second) << second.error().what();
            ok += second ? 1 : 0;
        });
    });
    l.run();
    EXPECT_EQ(ok, 2);
    EXPECT_EQ(server.requests(), 3u);
    EXPECT_EQ(server.connections(), 2u);
}

TEST(uv_transport, cancel_completes_the_request_once_with_operation_canceled)
{
    local_server server([](received_request const&) { return reply{reply::action::stall}; });
    uv_loop l;
    async_client api{config_for(server), uv::transport(&l.loop)};
    int calls = 0;
    std::optional<failure> seen;
    api.send(hetzner::get_image{.id = 1}, [&](auto r) {
        ++calls;
        if (!r)
            seen = r.error();
    });
    // the only request in flight is the first one started: its id is 1
    l.after(100ms, [&] { EXPECT_TRUE(api.get_transport().cancel(1)); });
    l.run();
    EXPECT_EQ(calls, 1);
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->code, boost::system::errc::operation_canceled);
    EXPECT_FALSE(api.get_transport().cancel(1)) << "a completed request cannot be cancelled again";
}

TEST(uv_transport, a_server_that_stalls_runs_into_the_timeout)
{
    local_server server([](received_request const&) { return reply{reply::action::stall}; });
    uv_loop l;
    async_client api{config_for(server), uv::transport(&l.loop, {.timeout = 300ms})};
    std::optional<failure> seen;
    auto const start = std::chrono::steady_clock::now();
    api.send(hetzner::get_image{.id = 1}, [&](auto r) {
        ASSERT_FALSE(r);
        seen = r.error();
    });
    l.run();
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->code, error::transport) << seen->what();
    EXPECT_NE(seen->message.find("imeout"), std::string::npos) << seen->message;
    EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

TEST(uv_transport, a_reset_connection_is_a_transport_failure)
{
    local_server server([](received_request const&) { return reply{reply::action::reset}; });
    uv_loop l;
    async_client api{config_for(server), uv::transport(&l.loop)};
    std::optional<failure> seen;
    api.send(hetzner::get_image{.id = 1}, [&](auto r) {
        ASSERT_FALSE(r);
        seen = r.error();
    });
    l.run();
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->code, error::transport) << seen->what();
    EXPECT_EQ(seen->http_status, 0);
}

TEST(uv_transport, shutting_down_completes_every_request_in_flight_once)
{
    local_server server([](received_request const&) { return reply{reply::action::stall}; });
    uv_loop l;
    std::vector<int> calls(5, 0);
    std::vector<boost::system::error_code> codes(5);
    {
        async_client api{config_for(server), uv::transport(&l.loop)};
        for (std::size_t i = 0; i < calls.size(); ++i)
            api.send(hetzner::get_image{.id = static_cast<std::int64_t>(i) + 1}, [&, i](auto r) {
                ++calls[i];
                codes[i] = r ? boost::system::error_code{} : r.error().code;
            });
        // let them connect and send, then leave with all five stalled
        l.after(100ms, [&] { uv_stop(&l.loop); });
        l.run();
    }  // the client and its transport go here
    for (std::size_t i = 0; i < calls.size(); ++i) {
        EXPECT_EQ(calls[i], 1) << i;
        EXPECT_EQ(codes[i], boost::system::errc::operation_canceled) << i;
    }
}

TEST(uv_transport, a_request_that_cannot_be_prepared_completes_from_the_loop)
{
    uv_loop l;
    async_client api{hetzner::config{.base_url = "not a URL"}, uv::transport(&l.loop)};
    bool called = false;
    api.send(hetzner::get_image{.id = 1}, [&](auto r) {
        called = true;
        EXPECT_EQ(r.error().code, error::invalid_base_url);
    });
    EXPECT_FALSE(called);
    l.run();
    EXPECT_TRUE(called);
}

TEST(uv_transport, bodies_stream_both_ways_with_the_head_first)
{
    std::string const upload(3 << 20, 'u');
    std::string const download(5 << 20, 'd');
    std::atomic<std::size_t> uploaded{0};
    local_server server([&](received_request const& req) {
        uploaded = req.body.size();
        return reply::ok(download, "Content-Type: application/octet-stream\r\n");
    });
    uv_loop l;
    uv::transport t(&l.loop);
    request req;
    req.method = http_method::post;
    req.origin = server.origin();
    req.target = "/upload";
    req.headers.set("Content-Type", "application/octet-stream");
    req.body = body_source(test_support::string_source{upload});
    std::size_t received = 0, calls = 0;
    bool head_first = false;
    std::optional<result<response>> out;
    t(std::move(req),
      [&](response const& head, std::string_view chunk) -> result<void> {
          if (calls++ == 0)
              head_first = chunk.empty() && head.status == 200;
          received += chunk.size();
          return {};
      },
      [&](result<response> r) { out = std::move(r); });
    l.run();
    ASSERT_TRUE(out && *out) << (out ? (*out).error().what() : "no completion");
    EXPECT_TRUE(head_first);
    EXPECT_EQ(uploaded, upload.size());
    EXPECT_EQ(received, download.size());
    EXPECT_TRUE((*out)->body.empty()) << "streamed, not collected";
}

TEST(uv_transport, posted_work_runs_on_the_loop_in_order_never_inline)
{
    uv_loop l;
    uv::transport t(&l.loop);
    std::vector<int> order;
    t.post([&] {
        order.push_back(1);
        t.post([&] { order.push_back(3); });  // posted from posted work: the next round
    });
    t.post([&] { order.push_back(2); });
    EXPECT_TRUE(order.empty());
    l.run();
    EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

} // namespace

#else

#include <gtest/gtest.h>

TEST(uv_transport, needs_libuv)
{
    GTEST_SKIP() << "cloudimg-integration-skipped: built without cloudimg::uv (CLOUDIMG_WITH_UV=OFF)";
}

#endif
