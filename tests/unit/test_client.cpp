// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/client.hpp>

#include "fake_provider.hpp"

#include <cloudimg/request.hpp>

#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <vector>

using namespace cloudimg;

namespace fake {

struct config {
    std::string base_url;
};

template <cloudimg::endpoint E>
cloudimg::result<cloudimg::request> prepare(config const& c, E const& ep)
{
    return cloudimg::build_request(ep, c.base_url);
}

} // namespace fake

namespace {

// An ordered script of expected requests and canned responses (hcloud-go's test double).
struct scripted_transport {
    struct step {
        std::string expected_url;
        boost::system::result<response> reply;
    };
    std::deque<step>* steps;

    boost::system::result<response> operator()(request& req)
    {
        EXPECT_FALSE(steps->empty()) << "unexpected request " << req.url();
        if (steps->empty())
            return boost::system::error_code(boost::system::errc::protocol_error, boost::system::generic_category());
        auto s = std::move(steps->front());
        steps->pop_front();
        EXPECT_EQ(req.url(), s.expected_url);
        return s.reply;
    }
};

TEST(client, prepares_sends_and_parses)
{
    std::deque<scripted_transport::step> steps;
    steps.push_back({"https://h/v1/things/1", response{200, {}, R"({"name":"one","size":1})"}});
    steps.push_back({"https://h/v1/things/2", response{404, {}, R"({"code":"not_found","message":"nope"})"}});
    client c{fake::config{"https://h/v1"}, scripted_transport{&steps}};

    auto one = c.send(fake::get_thing{.id = 1});
    ASSERT_TRUE(one);
    EXPECT_EQ(one->name, "one");

    auto two = c.send(fake::get_thing{.id = 2});
    ASSERT_FALSE(two);
    EXPECT_EQ(two.error().provider_code, "not_found");
    EXPECT_TRUE(steps.empty());
}

TEST(client, transport_and_local_errors_are_values)
{
    std::deque<scripted_transport::step> steps;
    steps.push_back({"https://h/things/1",
                     boost::system::error_code(boost::system::errc::connection_refused, boost::system::generic_category())});
    client c{fake::config{"https://h"}, scripted_transport{&steps}};
    auto r = c.send(fake::get_thing{.id = 1});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, boost::system::errc::connection_refused);
    EXPECT_EQ(r.error().http_status, 0);

    client bad{fake::config{"not a url"}, scripted_transport{&steps}};
    auto b = bad.send(fake::get_thing{.id = 1});
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().code, error::invalid_base_url);
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
    std::deque<std::function<void()>> queue;
    void run()
    {
        while (!queue.empty()) {
            auto f = std::move(queue.front());
            queue.pop_front();
            f();
        }
    }
};

struct queued_transport {
    event_loop* loop;
    std::vector<std::string>* seen;
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

TEST(async_client, local_errors_complete_immediately)
{
    event_loop loop;
    std::vector<std::string> seen;
    async_client c{fake::config{"bad"}, queued_transport{&loop, &seen}};
    bool called = false;
    c.send(fake::get_thing{.id = 1}, [&](auto r) {
        called = true;
        EXPECT_EQ(r.error().code, error::invalid_base_url);
    });
    EXPECT_TRUE(called);
    EXPECT_TRUE(seen.empty());
}

} // namespace
