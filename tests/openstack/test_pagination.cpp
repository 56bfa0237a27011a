// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Following Nova's `images_links` `next` links: the next request keeps every
// filter and takes the link's marker; the loop ends without a link, and on a
// marker that does not move.

// The header under test comes first: it must be self-contained.
#include <cloudimg/openstack/pagination.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/openstack.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace openstack = cloudimg::openstack;
using os_link = cloudimg::openstack::link;  // a plain `link` would be POSIX link()

namespace {

openstack::list_images_response page_with(std::vector<os_link> links)
{
    openstack::list_images_response p;
    p.images_links = std::move(links);
    return p;
}

TEST(openstack_pagination, header_is_self_contained_and_both_lists_paginate)
{
    static_assert(openstack::paginated_endpoint<openstack::list_images>);
    static_assert(openstack::paginated_endpoint<openstack::list_images_detail>);
    static_assert(!openstack::paginated_endpoint<openstack::show_image>);
    static_assert(!openstack::paginated_endpoint<openstack::list_image_metadata>);
}

TEST(openstack_pagination, the_next_request_keeps_the_filters_and_takes_the_marker)
{
    openstack::list_images const first{.name = "debian 12", .status = "ACTIVE", .limit = 2};
    auto next = openstack::next_page(
        first, page_with({{.href = "https://compute.example.com/v2.1/images?limit=2&name=debian+12&status=ACTIVE&"
                                   "marker=a2459075-d96c-40d5-893e-577ff92e721c",
                           .rel = "next"}}));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->marker, std::optional<std::string>("a2459075-d96c-40d5-893e-577ff92e721c"));
    EXPECT_EQ(next->name, first.name);
    EXPECT_EQ(next->status, first.status);
    EXPECT_EQ(next->limit, first.limit);
}

TEST(openstack_pagination, the_marker_is_percent_decoded_and_relative_links_work)
{
    openstack::list_images_detail const first{.limit = 1};
    openstack::list_images_detail_response p;
    p.images_links = std::vector<os_link>{{.href = "self-link", .rel = "self"},
                                       {.href = "/v2.1/images/detail?marker=a%2Fb%20c&limit=1", .rel = "next"}};
    auto next = openstack::next_page(first, p);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->marker, std::optional<std::string>("a/b c"));
}

TEST(openstack_pagination, the_list_ends)
{
    openstack::list_images const first{.limit = 2, .marker = "m1"};
    EXPECT_FALSE(openstack::next_page(first, openstack::list_images_response{}));     // no images_links: the last page
    EXPECT_FALSE(openstack::next_page(first, page_with({})));                         // empty
    EXPECT_FALSE(openstack::next_page(first, page_with({{.href = "x?marker=m2", .rel = "self"}})));  // no next link
    EXPECT_FALSE(openstack::next_page(first, page_with({{.href = "https://h/v2.1/images?limit=2", .rel = "next"}})));
    EXPECT_FALSE(openstack::next_page(first, page_with({{.href = "https://h/images?marker=", .rel = "next"}})));
    EXPECT_FALSE(openstack::next_page(first, page_with({{.href = "https://h/images?marker", .rel = "next"}})));
    EXPECT_FALSE(openstack::next_page(first, page_with({{.href = "https://h/images?marker=m1", .rel = "next"}})));  // no progress
    EXPECT_FALSE(openstack::next_page(first, page_with({{.href = "http://[bad/?marker=m2", .rel = "next"}})));
    EXPECT_TRUE(openstack::next_page(first, page_with({{.href = "https://h/images?marker=m2", .rel = "next"}})));
}

TEST(openstack_pagination, a_scripted_server_is_walked_to_the_end)
{
    // three pages of two, the last one full, then an empty page, as Nova answers
    cloudimg::testing::scripted_transport t;
    t.expect(cloudimg::http_method::get, "/v2.1/images?limit=2")
        .respond(200, R"({"images":[{"id":"1","links":[],"name":"a"},{"id":"2","links":[],"name":"b"}],
            "images_links":[{"rel":"next","href":"https://c.example.com/v2.1/images?limit=2&marker=2"}]})");
    t.expect(cloudimg::http_method::get, "/v2.1/images?limit=2&marker=2")
        .respond(200, R"({"images":[{"id":"3","links":[],"name":"c"},{"id":"4","links":[],"name":null}],
            "images_links":[{"rel":"next","href":"https://c.example.com/v2.1/images?limit=2&marker=4"}]})");
    t.expect(cloudimg::http_method::get, "/v2.1/images?limit=2&marker=4").respond(200, R"({"images":[]})");
    cloudimg::client api{openstack::config{.compute_url = "https://c.example.com/v2.1", .token = "t"}, t};
    std::vector<std::string> ids;
    for (std::optional<openstack::list_images> ep = openstack::list_images{.limit = 2}; ep;) {
        auto page = api.send(*ep);
        ASSERT_TRUE(page) << page.error().what();
        for (auto const& i : page->images)
            ids.push_back(i.id);
        ep = openstack::next_page(*ep, *page);
        ASSERT_LT(t.requests().size(), 10u);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"1", "2", "3", "4"}));
    EXPECT_EQ(t.requests().size(), 3u);
    EXPECT_EQ(t.report(), "");
}

} // namespace
