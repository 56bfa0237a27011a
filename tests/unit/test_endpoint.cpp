// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/endpoint.hpp>

#include "fake_provider.hpp"

#include <gtest/gtest.h>

#include <variant>

using namespace cloudimg;

namespace {

static_assert(endpoint<fake::put_thing>);
static_assert(!endpoint<fake::thing>);
static_assert(location_of<fake::put_thing>("bucket") == param_location::path);
static_assert(location_of<fake::put_thing>("if_match") == param_location::header);
static_assert(location_of<fake::put_thing>("body") == param_location::body);
static_assert(location_of<fake::put_thing>("min_size") == param_location::query);
static_assert(path_template_is_complete<fake::put_thing>());
static_assert(std::is_same_v<response_type_t<fake::put_thing>, std::variant<fake::thing, fake::accepted>>);
static_assert(std::is_same_v<response_type_t<fake::drop_thing>, no_content>);
static_assert(std::is_same_v<failure_type_t<fake::get_thing>, api_failure<fake::problem>>);
static_assert(name_of<fake::put_thing>() == "put_thing");

TEST(params_of, reports_every_parameter)
{
    constexpr auto params = params_of<fake::put_thing>();
    static_assert(params.size() == 7);
    EXPECT_EQ(params[0].name, "bucket");
    EXPECT_EQ(params[0].in, param_location::path);
    EXPECT_TRUE(params[0].required);
    EXPECT_EQ(params[2].name, "force");
    EXPECT_FALSE(params[2].required);
    EXPECT_FALSE(params[2].repeated);
    EXPECT_EQ(params[3].name, "kinds");
    EXPECT_TRUE(params[3].repeated);
    EXPECT_FALSE(params[3].required);
    EXPECT_EQ(params[4].wire, "min-size");
    EXPECT_EQ(params[5].wire, "If-Match");
    EXPECT_EQ(params[5].in, param_location::header);
    EXPECT_EQ(params[6].in, param_location::body);
    EXPECT_EQ(params[6].type_name, "thing");
}

TEST(wire_name, default_and_renamed)
{
    static_assert(wire_name<fake::thing>("delete_") == "delete");
    static_assert(wire_name<fake::kind>("beta_gamma") == "beta:gamma");
    EXPECT_EQ(enum_to_wire(fake::kind::beta_gamma), "beta:gamma");
    EXPECT_EQ(enum_from_wire<fake::kind>("beta:gamma"), fake::kind::beta_gamma);
    EXPECT_FALSE(enum_from_wire<fake::kind>("beta_gamma"));
}

} // namespace
