// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/client.hpp>

#include "fake_provider.hpp"

#include <cloudimg/request.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace cloudimg;

namespace {

TEST(client, prepares_sends_and_parses)
{
    cloudimg::testing::scripted_transport t;  // the requests in order, each with its answer
    t.expect(http_method::get, "https://h/v1/things/1").respond(200, R"({"name":"one","size":1})");
    t.expect(http_method::get, "https://h/v1/things/2").respond(404, R"({"code":"not_found","message":"nope"})");
    client c{fake::config{"https://h/v1"}, t};

    auto one = c.send(fake::get_thing{.id = 1});
    ASSERT_TRUE(one);
    EXPECT_EQ(one->name, "one");

    auto two = c.send(fake::get_thing{.id = 2});
    ASSERT_FALSE(two);
    EXPECT_EQ(two.error().provider_code, "not_found");
    EXPECT_EQ(t.report(), "");  // each URL as scripted, every step used
}

// A transport that reports an error code (boost::system::result): the client makes it a failure.
TEST(client, transport_and_local_errors_are_values)
{
    std::vector<std::string> urls;
    auto refused = [&](request& req) -> boost::system::result<response> {
        urls.push_back(req.url());
        return boost::system::error_code(boost::system::errc::connection_refused, boost::system::generic_category());
    };
    client c{fake::config{"https://h"}, refused};
    auto r = c.send(fake::get_thing{.id = 1});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, boost::system::errc::connection_refused);
    EXPECT_EQ(r.error().http_status, 0);

    client bad{fake::config{"not a url"}, refused};
    auto b = bad.send(fake::get_thing{.id = 1});
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().code, error::invalid_base_url);
    EXPECT_EQ(urls, std::vector<std::string>{"https://h/things/1"});  // the bad one never reached the transport
}

TEST(client, transport_may_report_a_failure_with_text)
{
    auto transport = [](request&) -> result<response> { return make_failure(error::transport, "TLS handshake failed"); };
    client c{fake::config{"https://h"}, transport};
    auto r = c.send(fake::get_thing{.id = 1});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::transport);
    EXPECT_EQ(r.error().message, "TLS handshake failed");
}

// A toy event loop: the transport queues work, run() delivers it later.
struct event_loop {
    std::deque<posted_task> queue;  // move-only work: completions are stored as they are
    void run()
    {
        while (!queue.empty()) {
            auto f = std::move(queue.front());
            queue.pop_front();
            f();
        }
    }
};

// A loop transport as a user writes one (the request by value, the completion a
// template parameter, boost::system::result outcomes): it checks the concept and
// the error-code path through transport_completion. Other tests script with
// cloudimg::testing::scripted_transport.
struct queued_transport {
    event_loop* loop;
    std::vector<std::string>* seen;
    void post(posted_task task) { loop->queue.push_back(std::move(task)); }
    template <class Done>
    void operator()(request req, Done done)
    {
        seen->push_back(req.url());
        loop->queue.push_back([done = std::move(done), id = req.target.back()]() mutable {
            if (id == '9')
                done(boost::system::result<response>(
                    boost::system::error_code(boost::system::errc::timed_out, boost::system::generic_category())));
            else
                done(boost::system::result<response>(response{200, {}, std::string(R"({"name":"n)") + id + R"(","size":1})"}));
        });
    }
};

TEST(async_client, completes_from_the_loop)
{
    event_loop loop;
    std::vector<std::string> seen;
    async_client c{fake::config{"https://h"}, queued_transport{&loop, &seen}};
    std::vector<std::string> got;
    c.send(fake::get_thing{.id = 1}, [&](auto r) { got.push_back(r ? r->name : r.error().what()); });
    c.send(fake::get_thing{.id = 9}, [&](auto r) { got.push_back(r ? r->name : r.error().message); });
    EXPECT_TRUE(got.empty());  // nothing happens until the loop runs
    EXPECT_EQ(seen.size(), 2u);
    loop.run();
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0], "n1");
    EXPECT_EQ(got[1], "transport: " + boost::system::error_code(boost::system::errc::timed_out,
                                                                  boost::system::generic_category()).message());
}

TEST(async_client, local_errors_complete_on_the_loop_never_inside_send)
{
    cloudimg::testing::scripted_transport t;  // no request expected
    async_client c{fake::config{"bad"}, t};
    bool called = false;
    c.send(fake::get_thing{.id = 1}, [&](auto r) {
        called = true;
        EXPECT_EQ(r.error().code, error::invalid_base_url);
    });
    EXPECT_FALSE(called);  // a handler never runs inside send
    EXPECT_TRUE(t.requests().empty());
    t.run();
    EXPECT_TRUE(called);
}

TEST(async_client, handlers_may_be_move_only)
{
    cloudimg::testing::scripted_transport t;
    t.expect(http_method::get, "https://h/things/4").respond(200, R"({"name":"n4","size":1})");
    async_client c{fake::config{"https://h"}, t};
    std::string text;
    auto owned = std::make_unique<std::string>("got ");  // makes the handler move-only
    c.send(fake::get_thing{.id = 4}, [&text, owned = std::move(owned)](auto r) { text = *owned + (r ? r->name : "failed"); });
    t.run();
    EXPECT_EQ(text, "got n4");
}

// The contract, checked at compile time: what a transport returns is part of it.
struct returns_int {
    int operator()(request&) { return 0; }
};
struct blocking_only {
    result<response> operator()(request&) { return response{}; }
};
struct blocking_streaming {
    boost::system::result<response> operator()(request&) { return response{}; }
    boost::system::result<response> operator()(request&, body_sink const&) { return response{}; }
};
static_assert(!cloudimg::transport<returns_int>);
static_assert(cloudimg::transport<blocking_only> && !streaming_transport<blocking_only>);
static_assert(streaming_transport<blocking_streaming>);
static_assert(async_transport<queued_transport> && !async_transport<blocking_only>);
static_assert(!streamed_response<fake::get_thing> && streamed_response<fake::fetch_blob>);

TEST(client, streamed_response_goes_through_the_client_into_the_sink)
{
    // the scripted transport streams a 2xx body the way the body_sink contract says:
    // the head first with an empty chunk, then chunks of 3 bytes
    cloudimg::testing::scripted_transport t;
    t.expect(http_method::get, "https://h/blobs/7").respond(200, "abcdefgh", {{"Content-Type", "application/octet-stream"}});
    t.expect(http_method::get, "https://h/blobs/7").respond(200, "abcdefgh", {{"Content-Type", "application/octet-stream"}});
    client c{fake::config{"https://h"}, t};
    std::string got;
    int calls = 0;
    auto head = c.send(fake::fetch_blob{.id = 7}, [&](response const& h, std::string_view chunk) -> result<void> {
        EXPECT_EQ(h.headers.find("Content-Type"), "application/octet-stream");
        if (calls++ == 0) {
            EXPECT_TRUE(chunk.empty()) << "the head comes first";
        }
        got += chunk;
        return {};
    });
    ASSERT_TRUE(head) << head.error().what();
    EXPECT_EQ(got, "abcdefgh");

    // a sink's failure comes back as it is, with the status
    auto stopped = c.send(fake::fetch_blob{.id = 7}, [](response const&, std::string_view chunk) -> result<void> {
        if (chunk.empty())
            return {};
        return make_failure(error::invalid_value, "not what I expected", "blob");
    });
    ASSERT_FALSE(stopped);
    EXPECT_EQ(stopped.error().code, error::invalid_value);
    EXPECT_EQ(stopped.error().path, "blob");
    EXPECT_EQ(stopped.error().http_status, 200);
    EXPECT_EQ(t.report(), "");
}

} // namespace
