// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The generic paginator over each paginating provider: Hetzner's page
// numbers, Oxide's page tokens and OpenStack's `next` links. The pages are
// built from the models, as a fake send would return them.

// The header under test comes first: it must be self-contained.
#include <cloudimg/paginator.hpp>

#include "fake_provider.hpp"

#include <cloudimg/hetzner/pagination.hpp>
#include <cloudimg/openstack/pagination.hpp>
#include <cloudimg/oxide/pagination.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using namespace cloudimg;
namespace hz = cloudimg::hetzner;
namespace ox = cloudimg::oxide;
namespace os = cloudimg::openstack;

namespace {

// Every list endpoint of the three providers is paged; nothing else is, and a
// provider without next_page (the fake one) is not.
static_assert(paged_endpoint<hz::list_images>);
static_assert(paged_endpoint<hz::list_image_actions>);
static_assert(paged_endpoint<hz::list_images_actions>);
static_assert(paged_endpoint<ox::list_images>);
static_assert(paged_endpoint<os::list_images>);
static_assert(paged_endpoint<os::list_images_detail>);
static_assert(!paged_endpoint<hz::get_image>);
static_assert(!paged_endpoint<ox::view_image>);
static_assert(!paged_endpoint<os::show_image>);
static_assert(!paged_endpoint<fake::get_thing>);

// Page `n` of `last`, one image each, as Hetzner's meta.pagination says.
hz::list_images_response hetzner_page(std::int64_t n, std::int64_t last)
{
    hz::list_images_response p;
    p.images.emplace_back().id = n;
    p.meta.pagination.page = n;
    p.meta.pagination.per_page = 1;
    if (n < last)
        p.meta.pagination.next_page = n + 1;
    p.meta.pagination.last_page = last;
    return p;
}

TEST(paginator, walks_hetzner_pages_keeping_the_filters)
{
    paginator<hz::list_images> pages(hz::list_images{.label_selector = "env==prod", .per_page = 1});
    std::vector<std::int64_t> requested;
    while (auto const* ep = pages.next()) {
        ASSERT_LT(requested.size(), 5u);
        EXPECT_EQ(ep->label_selector, "env==prod");
        requested.push_back(ep->page.value_or(1));
        pages.on_response(hetzner_page(ep->page.value_or(1), 3));
    }
    EXPECT_EQ(requested, (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_TRUE(pages.done());
    EXPECT_EQ(pages.pages(), 3u);
}

TEST(paginator, next_names_the_same_request_until_a_page_comes_back)
{
    paginator<hz::list_image_actions> pages(hz::list_image_actions{.id = 42, .per_page = 2});
    auto const* first = pages.next();
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(pages.next(), first);  // e.g. resent after a failure
    EXPECT_FALSE(first->page);
    EXPECT_EQ(pages.pages(), 0u);

    hz::action_list_response more;
    more.meta.pagination.page = 1;
    more.meta.pagination.next_page = 2;
    pages.on_response(more);
    ASSERT_NE(pages.next(), nullptr);
    EXPECT_EQ(pages.next()->page, std::optional<std::int64_t>(2));
    EXPECT_EQ(pages.next()->id, 42);

    hz::action_list_response last;
    last.meta.pagination.page = 2;
    pages.on_response(last);
    EXPECT_EQ(pages.next(), nullptr);
    pages.on_response(more);  // after the end: ignored
    EXPECT_EQ(pages.next(), nullptr);
    EXPECT_EQ(pages.pages(), 2u);
}

ox::image_results_page oxide_page(std::string name, std::optional<std::string> next)
{
    ox::image_results_page p;
    p.items.emplace_back().name = std::move(name);
    p.next_page = std::move(next);
    return p;
}

TEST(paginator, follows_oxide_page_tokens)
{
    paginator<ox::list_images> pages(ox::list_images{.limit = 1, .project = "infra"});
    ASSERT_TRUE(pages.next()->project);
    pages.on_response(oxide_page("a", "t2"));
    ASSERT_NE(pages.next(), nullptr);
    EXPECT_EQ(pages.next()->page_token, std::optional<std::string>("t2"));
    EXPECT_FALSE(pages.next()->project);  // Dropshot keeps the filters in the token
    EXPECT_EQ(pages.next()->limit, std::optional<std::uint32_t>(1));
    pages.on_response(oxide_page("b", "t2"));  // a repeated token ends the list
    EXPECT_TRUE(pages.done());
    EXPECT_EQ(pages.pages(), 2u);
}

os::list_images_detail_response openstack_page(std::optional<std::string> next_marker)
{
    os::list_images_detail_response p;
    p.images.emplace_back().id = next_marker.value_or("last");
    if (next_marker)
        p.images_links = std::vector<os::link>{
            {.href = "https://compute.example.com/v2.1/images/detail?limit=1&marker=" + *next_marker, .rel = "next"}};
    return p;
}

TEST(paginator, follows_openstack_next_links)
{
    paginator<os::list_images_detail> pages(os::list_images_detail{.status = "ACTIVE", .limit = 1});
    std::vector<std::optional<std::string>> markers;
    for (auto const* next_marker : {"m1", "m2", static_cast<char const*>(nullptr)}) {
        auto const* ep = pages.next();
        ASSERT_NE(ep, nullptr);
        EXPECT_EQ(ep->status, std::optional<std::string>("ACTIVE"));
        markers.push_back(ep->marker);
        pages.on_response(openstack_page(next_marker ? std::optional<std::string>(next_marker) : std::nullopt));
    }
    EXPECT_EQ(pages.next(), nullptr);
    EXPECT_EQ(markers, (std::vector<std::optional<std::string>>{std::nullopt, "m1", "m2"}));
    EXPECT_EQ(pages.pages(), 3u);
}

} // namespace
