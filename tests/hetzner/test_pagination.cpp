// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/hetzner/pagination.hpp>

#include <cloudimg/hetzner/config.hpp>
#include <cloudimg/response.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace cloudimg;
namespace hz = cloudimg::hetzner;

namespace {

// The three list endpoints satisfy the concept; the others do not.
static_assert(hz::paginated_endpoint<hz::list_images>);
static_assert(hz::paginated_endpoint<hz::list_image_actions>);
static_assert(hz::paginated_endpoint<hz::list_images_actions>);
static_assert(!hz::paginated_endpoint<hz::get_image>);
static_assert(!hz::paginated_endpoint<hz::get_images_action>);
static_assert(!hz::paginated_endpoint<hz::change_image_protection>);

std::string meta(std::string const& page, std::string const& next, std::string const& last = "null")
{
    return R"("meta":{"pagination":{"page":)" + page + R"(,"per_page":2,"previous_page":null,"next_page":)" + next +
           R"(,"last_page":)" + last + R"(,"total_entries":null}})";
}

// Decode through the real response path, as a caller would.
template <class E>
response_type_t<E> decode(std::string const& body)
{
    auto r = parse_response<E>(response{200, {}, body});
    EXPECT_TRUE(r) << (r ? "" : r.error().what());
    return *r;
}

TEST(next_page, list_images_keeps_every_filter_and_sets_page)
{
    hz::list_images first{.sort = {hz::image_sort::created_desc},
                          .type = {hz::image_type::snapshot, hz::image_type::backup},
                          .status = {hz::image_status::available},
                          .bound_to = {"7"},
                          .include_deprecated = true,
                          .name = "n",
                          .label_selector = "env==prod",
                          .architecture = hz::architecture::arm,
                          .per_page = 2};
    auto const body = decode<hz::list_images>(R"({"images":[],)" + meta("1", "2", "3") + "}");

    auto next = hz::next_page(first, body);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->page, 2);
    EXPECT_EQ(next->per_page, 2);
    EXPECT_EQ(next->label_selector, "env==prod");
    EXPECT_EQ(next->include_deprecated, true);
    EXPECT_EQ(next->bound_to, std::vector<std::string>{"7"});
    ASSERT_EQ(next->type.size(), 2u);

    // the whole request, only `page` differs
    hz::config cfg{.token = "t"};
    auto a = hz::prepare(cfg, first);
    auto b = hz::prepare(cfg, *next);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->target, "/v1/images?sort=created%3Adesc&type=snapshot&type=backup&status=available&bound_to=7"
                         "&include_deprecated=true&name=n&label_selector=env%3D%3Dprod&architecture=arm&per_page=2");
    EXPECT_EQ(b->target, "/v1/images?sort=created%3Adesc&type=snapshot&type=backup&status=available&bound_to=7"
                         "&include_deprecated=true&name=n&label_selector=env%3D%3Dprod&architecture=arm&page=2&per_page=2");
}

TEST(next_page, moves_an_existing_page_forward)
{
    hz::list_image_actions ep{.id = 42, .status = {hz::action_status::running}, .page = 2, .per_page = 2};
    auto const body = decode<hz::list_image_actions>(R"({"actions":[],)" + meta("2", "3", "5") + "}");
    auto next = hz::next_page(ep, body);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->id, 42);
    EXPECT_EQ(next->page, 3);
    ASSERT_EQ(next->status.size(), 1u);
    EXPECT_EQ(next->status[0], hz::action_status::running);
}

TEST(next_page, list_images_actions_keeps_ids)
{
    hz::list_images_actions ep{.id = {1, 2, 3}, .per_page = 2};
    auto const body = decode<hz::list_images_actions>(R"({"actions":[],)" + meta("1", "2") + "}");
    auto next = hz::next_page(ep, body);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->id, (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(next->page, 2);
}

struct end_case {
    char const* name;
    char const* page;
    char const* next;
};

class next_page_end : public testing::TestWithParam<end_case> {};

// null next_page is the last page; a next_page that does not move forward
// would loop forever, so it also ends the list
TEST_P(next_page_end, gives_nothing)
{
    auto const& c = GetParam();
    hz::list_images ep{.page = 4};
    auto const body = decode<hz::list_images>(R"({"images":[],)" + meta(c.page, c.next, "4") + "}");
    EXPECT_FALSE(hz::next_page(ep, body)) << c.name;
}

INSTANTIATE_TEST_SUITE_P(cases, next_page_end,
                         testing::Values(end_case{"last_page_null", "4", "null"},
                                         end_case{"same_page", "4", "4"},
                                         end_case{"backwards", "4", "1"},
                                         end_case{"zero", "4", "0"}),
                         [](auto const& test) { return std::string(test.param.name); });

TEST(next_page, walks_a_whole_listing)
{
    // three scripted pages, as a caller's loop sees them
    std::string const pages[] = {
        R"({"images":[],)" + meta("1", "2", "3") + "}",
        R"({"images":[],)" + meta("2", "3", "3") + "}",
        R"({"images":[],)" + meta("3", "null", "3") + "}",
    };
    std::vector<std::int64_t> requested;
    std::optional<hz::list_images> ep = hz::list_images{.per_page = 2};
    for (std::size_t i = 0; ep; ++i) {
        ASSERT_LT(i, 3u);
        requested.push_back(ep->page.value_or(1));
        ep = hz::next_page(*ep, decode<hz::list_images>(pages[i]));
    }
    EXPECT_EQ(requested, (std::vector<std::int64_t>{1, 2, 3}));
}

} // namespace
