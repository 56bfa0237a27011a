// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The synchronous page loops: over fake sends that answer with pages built
// from each provider's models, over a real client, and with retries per page.

// The header under test comes first: it must be self-contained.
#include <cloudimg/for_each_page.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/hetzner.hpp>
#include <cloudimg/openstack.hpp>
#include <cloudimg/oxide.hpp>
#include <cloudimg/paginator.hpp>
#include <cloudimg/send_with_retry.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace cloudimg;
namespace hz = cloudimg::hetzner;
namespace ox = cloudimg::oxide;
namespace os = cloudimg::openstack;

namespace {

// ------------------------------------------------------------------ fake sends over the models

// Hetzner: `last` pages of one image each; page `fail_at` answers 503.
struct hetzner_send {
    std::int64_t last = 3;
    std::int64_t fail_at = 0;
    std::vector<std::int64_t>* requested;

    result<hz::list_images_response, hz::hetzner_failure> operator()(hz::list_images const& ep) const
    {
        auto const n = ep.page.value_or(1);
        requested->push_back(n);
        if (n == fail_at) {
            hz::hetzner_failure f;
            static_cast<failure&>(f) = make_failure(error::error_response, "unavailable");
            f.http_status = 503;
            return f;
        }
        hz::list_images_response p;
        p.images.emplace_back().id = n * 10;
        p.meta.pagination.page = n;
        p.meta.pagination.per_page = 1;
        if (n < last)
            p.meta.pagination.next_page = n + 1;
        return p;
    }
};

TEST(for_each_page, hands_every_hetzner_page_to_the_handler)
{
    std::vector<std::int64_t> requested, ids;
    auto pages = for_each_page(hetzner_send{.requested = &requested}, hz::list_images{.per_page = 1},
                               [&](hz::list_images_response const& page) {
                                   for (auto const& img : page.images)
                                       ids.push_back(img.id);
                               });
    ASSERT_TRUE(pages);
    EXPECT_EQ(*pages, 3u);
    EXPECT_EQ(requested, (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(ids, (std::vector<std::int64_t>{10, 20, 30}));
}

TEST(for_each_page, a_handler_returning_false_stops_the_walk)
{
    std::vector<std::int64_t> requested;
    auto pages = for_each_page(hetzner_send{.requested = &requested}, hz::list_images{},
                               [&](hz::list_images_response const& page) { return page.meta.pagination.page < 2; });
    ASSERT_TRUE(pages);
    EXPECT_EQ(*pages, 2u);
    EXPECT_EQ(requested, (std::vector<std::int64_t>{1, 2}));
}

TEST(for_each_page, the_first_failure_ends_the_walk)
{
    std::vector<std::int64_t> requested;
    unsigned handled = 0;
    auto pages = for_each_page(hetzner_send{.fail_at = 2, .requested = &requested}, hz::list_images{},
                               [&](hz::list_images_response const&) { ++handled; });
    ASSERT_FALSE(pages);
    EXPECT_EQ(pages.error().http_status, 503);
    EXPECT_EQ(handled, 1u);
    EXPECT_EQ(requested, (std::vector<std::int64_t>{1, 2}));
}

TEST(for_each_page, oxide_pages_by_token_and_the_handler_may_take_the_items)
{
    std::map<std::optional<std::string>, std::optional<std::string>> const next{
        {std::nullopt, "t2"}, {"t2", "t3"}, {"t3", std::nullopt}};
    std::vector<std::optional<std::string>> tokens;
    auto send = [&](ox::list_images const& ep) -> result<ox::image_results_page, ox::oxide_failure> {
        tokens.push_back(ep.page_token);
        ox::image_results_page p;
        p.items.emplace_back().name = "img-" + ep.page_token.value_or("t1");
        p.next_page = next.at(ep.page_token);
        return p;
    };
    std::vector<ox::image> taken;
    auto pages = for_each_page(send, ox::list_images{.limit = 1, .project = "infra"},
                               [&](ox::image_results_page& page) { std::ranges::move(page.items, std::back_inserter(taken)); });
    ASSERT_TRUE(pages);
    EXPECT_EQ(*pages, 3u);
    EXPECT_EQ(tokens, (std::vector<std::optional<std::string>>{std::nullopt, "t2", "t3"}));
    ASSERT_EQ(taken.size(), 3u);
    EXPECT_EQ(taken[2].name, "img-t3");
}

TEST(all_pages, collects_openstack_pages_in_order)
{
    auto send = [](os::list_images const& ep) -> result<os::list_images_response, os::openstack_failure> {
        os::list_images_response p;
        std::string const id = ep.marker ? std::to_string(std::stoi(*ep.marker) + 1) : "1";
        p.images.emplace_back().id = id;
        if (id != "3")
            p.images_links = std::vector<os::link>{{.href = "/v2.1/images?limit=1&marker=" + id, .rel = "next"}};
        return p;
    };
    auto pages = all_pages(send, os::list_images{.limit = 1});
    ASSERT_TRUE(pages);
    ASSERT_EQ(pages->size(), 3u);
    EXPECT_EQ((*pages)[0].images[0].id, "1");
    EXPECT_EQ((*pages)[2].images[0].id, "3");
    EXPECT_FALSE((*pages)[2].images_links);
}

// ------------------------------------------------------------------ over a real client

// A transport that answers from a script of responses and records the targets.
struct scripted {
    std::deque<response>* replies;
    std::vector<std::string>* targets;

    result<response> operator()(request& req) const
    {
        targets->push_back(req.target);
        EXPECT_FALSE(replies->empty()) << req.target;
        response r = std::move(replies->front());
        replies->pop_front();
        return r;
    }
};

std::string oxide_image_json(int i)
{
    return R"({"id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6)" + std::to_string(i) + R"(","name":"img-)" +
           std::to_string(i) +
           R"(","description":"","time_created":"2026-01-01T00:00:00Z","time_modified":"2026-01-01T00:00:00Z",)"
           R"("os":"debian","version":"12","block_size":512,"size":1})";
}

TEST(for_each_page, through_a_client_with_retries_per_page)
{
    std::deque<response> replies{
        response{200, {}, R"({"items":[)" + oxide_image_json(1) + R"(],"next_page":"p2"})"},
        response{503, {{"Retry-After", "1"}}, R"({"request_id":"r","message":"busy"})"},
        response{200, {}, R"({"items":[)" + oxide_image_json(2) + R"(],"next_page":null})"}};
    std::vector<std::string> targets;
    client api{ox::config{.base_url = "https://oxide.example.com", .token = "t"}, scripted{&replies, &targets}};
    std::vector<std::chrono::milliseconds> slept;
    auto retrying = [&](ox::list_images const& ep) {
        return send_with_retry(
            api, ep, [&](std::chrono::milliseconds d) { slept.push_back(d); },
            [] { return std::chrono::system_clock::time_point{}; }, retry_policy{});
    };
    std::vector<std::string> names;
    auto pages = for_each_page(retrying, ox::list_images{.limit = 1}, [&](ox::image_results_page const& page) {
        for (auto const& i : page.items)
            names.push_back(i.name);
    });
    ASSERT_TRUE(pages) << pages.error().what();
    EXPECT_EQ(*pages, 2u);
    EXPECT_EQ(names, (std::vector<std::string>{"img-1", "img-2"}));
    EXPECT_EQ(targets, (std::vector<std::string>{"/v1/images?limit=1", "/v1/images?limit=1&page_token=p2",
                                                 "/v1/images?limit=1&page_token=p2"}));
    EXPECT_EQ(slept, (std::vector<std::chrono::milliseconds>{std::chrono::seconds(1)}));
    EXPECT_TRUE(replies.empty());
}

} // namespace

// ------------------------------------------------------------------ the documented examples, as written

namespace cloudimg::doc_examples {

template <class Api, class Consume>
result<void, oxide::oxide_failure> paginator_loop(Api& api, Consume consume)
{
    cloudimg::paginator<oxide::list_images> pages(oxide::list_images{.limit = 100, .project = "infra"});
    while (auto const* ep = pages.next()) {
        auto page = api.send(*ep);
        if (!page)
            return page.error();
        pages.on_response(*page);
        consume(page->items);
    }
    return {};
}

template <class Api>
result<std::vector<hetzner::image>, hetzner::hetzner_failure> for_each_page_call(Api& api)
{
    std::vector<hetzner::image> images;
    auto pages = cloudimg::for_each_page(api, hetzner::list_images{.per_page = 50},
                                         [&](hetzner::list_images_response& page) {
                                             std::ranges::move(page.images, std::back_inserter(images));
                                         });
    if (!pages)
        return pages.error();
    return images;
}

template <class Api>
std::vector<std::string> all_pages_call(Api& api)
{
    std::vector<std::string> out;
    auto pages = cloudimg::all_pages(api, openstack::list_images_detail{.limit = 100});
    if (pages)
        for (auto const& page : *pages)
            for (auto const& img : page.images)
                out.push_back(img.id);
    return out;
}

} // namespace cloudimg::doc_examples

namespace {

TEST(paginator, the_documented_examples)
{
    std::deque<response> replies;
    std::vector<std::string> targets;

    replies = {response{200, {}, R"({"items":[)" + oxide_image_json(1) + R"(],"next_page":"p2"})"},
               response{200, {}, R"({"items":[)" + oxide_image_json(2) + R"(]})"}};
    client oxide_api{ox::config{.base_url = "https://oxide.example.com", .token = "t"}, scripted{&replies, &targets}};
    std::size_t items = 0;
    auto walked = doc_examples::paginator_loop(oxide_api, [&](std::vector<ox::image> const& v) { items += v.size(); });
    EXPECT_TRUE(walked);
    EXPECT_EQ(items, 2u);

    auto const meta = [](int page, char const* next) {
        return R"("meta":{"pagination":{"page":)" + std::to_string(page) +
               R"(,"per_page":50,"previous_page":null,"next_page":)" + next +
               R"(,"last_page":null,"total_entries":null}})";
    };
    replies = {response{200, {}, R"({"images":[],)" + meta(1, "2") + "}"},
               response{200, {}, R"({"images":[],)" + meta(2, "null") + "}"}};
    client hetzner_api{hz::config{.token = "t"}, scripted{&replies, &targets}};
    auto images = doc_examples::for_each_page_call(hetzner_api);
    EXPECT_TRUE(images);

    replies = {response{200, {}, R"({"images":[]})"}};
    client openstack_api{os::config{.compute_url = "https://c.example.com/v2.1", .token = "t"},
                         scripted{&replies, &targets}};
    EXPECT_TRUE(doc_examples::all_pages_call(openstack_api).empty());
    EXPECT_TRUE(replies.empty());
}

} // namespace
