// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Dropshot pagination: the next request carries only limit and page_token,
// the list ends on a missing, null, empty or repeated token, and a whole
// listing through the client follows the pages in order.

// The header under test comes first: it must be self-contained.
#include <cloudimg/oxide/pagination.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/oxide.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace oxide = cloudimg::oxide;

namespace {

static_assert(oxide::paginated_endpoint<oxide::list_images>);
static_assert(!oxide::paginated_endpoint<oxide::view_image>);

oxide::image_results_page page_with(std::optional<std::string> next)
{
    oxide::image_results_page p;
    p.next_page = std::move(next);
    return p;
}

TEST(oxide_pagination, the_next_page_carries_only_limit_and_the_token)
{
    oxide::list_images const first{.limit = 2, .project = "infra", .sort_by = oxide::name_or_id_sort_mode::id_ascending};
    auto next = oxide::next_page(first, page_with("tok-1"));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->limit, std::optional<std::uint32_t>(2));
    EXPECT_EQ(next->page_token, std::optional<std::string>("tok-1"));
    EXPECT_FALSE(next->project);  // the token holds the filters and the order
    EXPECT_FALSE(next->sort_by);

    auto req = oxide::prepare(oxide::config{.base_url = "https://oxide.sys.example.com"}, *next);
    ASSERT_TRUE(req) << req.error().what();
    EXPECT_EQ(req->target, "/v1/images?limit=2&page_token=tok-1");

    // without a limit, none is sent on later pages either
    auto unlimited = oxide::next_page(oxide::list_images{.project = "infra"}, page_with("t"));
    ASSERT_TRUE(unlimited);
    EXPECT_FALSE(unlimited->limit);
}

TEST(oxide_pagination, the_list_ends_without_a_new_token)
{
    oxide::list_images const first{.limit = 10};
    EXPECT_FALSE(oxide::next_page(first, page_with(std::nullopt)));  // absent or null
    EXPECT_FALSE(oxide::next_page(first, page_with("")));            // nothing to send
    oxide::list_images const second{.limit = 10, .page_token = "same"};
    EXPECT_FALSE(oxide::next_page(second, page_with("same")));  // a server repeating itself cannot loop us
    EXPECT_TRUE(oxide::next_page(second, page_with("other")));
}

std::string image_json(int i)
{
    return R"({"id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6)" + std::to_string(i) +
           R"(","name":"img-)" + std::to_string(i) +
           R"(","description":"","time_created":"2026-01-01T00:00:00Z","time_modified":"2026-01-01T00:00:00Z",)"
           R"("os":"debian","version":"12","block_size":512,"size":1})";
}

TEST(oxide_pagination, a_whole_listing_through_the_client)
{
    cloudimg::testing::scripted_transport t;
    t.expect(cloudimg::http_method::get, "/v1/images?limit=2&project=infra&sort_by=name_ascending")
        .respond(200, R"({"items":[)" + image_json(1) + "," + image_json(2) + R"(],"next_page":"p2"})");
    t.expect(cloudimg::http_method::get, "/v1/images?limit=2&page_token=p2")  // later pages: limit and page_token only
        .respond(200, R"({"items":[)" + image_json(3) + "," + image_json(4) + R"(],"next_page":"p3"})");
    t.expect(cloudimg::http_method::get, "/v1/images?limit=2&page_token=p3")
        .respond(200, R"({"items":[)" + image_json(5) + R"(],"next_page":null})");
    cloudimg::client c{oxide::config{.base_url = "https://oxide.sys.example.com", .token = "t"}, t};
    std::vector<std::string> names;
    oxide::list_images const first{.limit = 2, .project = "infra", .sort_by = oxide::name_or_id_sort_mode::name_ascending};
    for (std::optional<oxide::list_images> ep = first; ep;) {
        auto page = c.send(*ep);
        ASSERT_TRUE(page) << page.error().what();
        for (auto const& i : page->items)
            names.push_back(i.name);
        ep = oxide::next_page(*ep, *page);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"img-1", "img-2", "img-3", "img-4", "img-5"}));
    EXPECT_EQ(t.report(), "");  // the three targets in order, every page answered
}

} // namespace
