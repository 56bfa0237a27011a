// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The metal-stack wire types: camelCase wire names over snake_case members,
// open enums for features and classification, `usedby` as null or array,
// absent optionals left out of request bodies.

// The header under test comes first: it must be self-contained.
#include <cloudimg/metal/models.hpp>

#include "null_collections.hpp"

#include <cloudimg/json.hpp>
#include <cloudimg/metal/provider.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace metal = cloudimg::metal;
namespace json = cloudimg::json;
using cloudimg::open_enum;

namespace {

cloudimg::timestamp ts(std::string_view s)
{
    auto t = cloudimg::parse_timestamp(s);
    EXPECT_TRUE(t) << s;
    return t.value_or(cloudimg::timestamp{});
}

TEST(metal_models, header_is_self_contained_and_an_image_decodes_with_wire_names)
{
    auto r = json::decode<metal::image>(
        R"({"id":"ubuntu-20.04.20200502","name":"Ubuntu 20.04","description":"","url":"https://images.example.com/u.tar.lz4",)"
        R"("features":["machine","firewall"],"expirationDate":"2026-08-01T00:00:00Z","classification":"supported",)"
        R"("usedby":["m-1","m-2"],"created":"2020-05-02T10:00:00.5Z","changed":"2020-05-03T10:00:00+02:00"})");
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->id, "ubuntu-20.04.20200502");
    EXPECT_EQ(r->name, std::optional<std::string>("Ubuntu 20.04"));
    EXPECT_EQ(r->description, std::optional<std::string>(""));
    ASSERT_TRUE(r->features);
    ASSERT_EQ(r->features->size(), 2u);
    EXPECT_TRUE((*r->features)[0] == metal::image_feature::machine);
    EXPECT_TRUE((*r->features)[1] == metal::image_feature::firewall);
    EXPECT_EQ(r->expiration_date, ts("2026-08-01T00:00:00Z"));
    EXPECT_TRUE(r->classification == std::optional<open_enum<metal::image_classification>>(metal::image_classification::supported));
    EXPECT_EQ(r->used_by, (std::optional<std::vector<std::string>>{{"m-1", "m-2"}}));
    EXPECT_EQ(r->created->nanoseconds, 500000000u);
    EXPECT_EQ(r->changed->offset_minutes, 120);

    // and back, with the same wire names
    EXPECT_EQ(json::encode(*r),
              R"({"id":"ubuntu-20.04.20200502","name":"Ubuntu 20.04","description":"","url":"https://images.example.com/u.tar.lz4",)"
              R"("features":["machine","firewall"],"expirationDate":"2026-08-01T00:00:00Z","classification":"supported",)"
              R"("usedby":["m-1","m-2"],"created":"2020-05-02T10:00:00.5Z","changed":"2020-05-03T10:00:00+02:00"})");
}

TEST(metal_models, only_id_and_expiration_date_are_required)
{
    auto r = json::decode<metal::image>(R"({"id":"debian-12.0","expirationDate":"0001-01-01T00:00:00Z"})");
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_FALSE(r->name || r->description || r->url || r->features || r->classification || r->used_by || r->created ||
                 r->changed);
    EXPECT_EQ(cloudimg::to_string(r->expiration_date), "0001-01-01T00:00:00Z");  // Go's zero time

    auto no_date = json::decode<metal::image>(R"({"id":"debian-12.0"})");
    ASSERT_FALSE(no_date);
    EXPECT_EQ(no_date.error().code, cloudimg::error::missing_field);
    EXPECT_EQ(no_date.error().path, "expirationDate");
    auto no_id = json::decode<metal::image>(R"({"expirationDate":"2026-01-01T00:00:00Z"})");
    ASSERT_FALSE(no_id);
    EXPECT_EQ(no_id.error().path, "id");
    // the C++ name is not the wire name
    auto snake = json::decode<metal::image>(R"({"id":"a-1.0","expiration_date":"2026-01-01T00:00:00Z"})");
    ASSERT_FALSE(snake);
    EXPECT_EQ(snake.error().code, cloudimg::error::missing_field);
}

TEST(metal_models, usedby_is_null_without_show_usage_and_an_array_with_it)
{
    // Go sends a nil slice as null: it decodes like an absent key
    auto null = json::decode<metal::image>(R"({"id":"a-1.0","expirationDate":"2026-01-01T00:00:00Z","usedby":null})");
    ASSERT_TRUE(null) << null.error().what();
    EXPECT_FALSE(null->used_by);
    auto empty = json::decode<metal::image>(R"({"id":"a-1.0","expirationDate":"2026-01-01T00:00:00Z","usedby":[]})");
    ASSERT_TRUE(empty);
    ASSERT_TRUE(empty->used_by);
    EXPECT_TRUE(empty->used_by->empty());
    auto wrong = json::decode<metal::image>(R"({"id":"a-1.0","expirationDate":"2026-01-01T00:00:00Z","usedby":"m-1"})");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, cloudimg::error::type_mismatch);
    EXPECT_EQ(wrong.error().path, "usedby");
}

TEST(metal_models, unknown_features_and_classifications_are_kept_as_text)
{
    auto r = json::decode<metal::image>(
        R"({"id":"a-1.0","expirationDate":"2026-01-01T00:00:00Z","features":["machine","gpu"],"classification":"experimental"})");
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_TRUE((*r->features)[0].is_known());
    EXPECT_FALSE((*r->features)[1].is_known());
    EXPECT_EQ((*r->features)[1].wire(), "gpu");
    EXPECT_FALSE(r->classification->is_known());
    EXPECT_EQ(r->classification->wire(), "experimental");
    EXPECT_EQ(json::encode(*r),
              R"({"id":"a-1.0","features":["machine","gpu"],"expirationDate":"2026-01-01T00:00:00Z","classification":"experimental"})");

    // and they can be sent back in a request
    metal::image_update_request u{.id = r->id, .expiration_date = r->expiration_date, .features = r->features,
                                  .classification = r->classification};
    EXPECT_EQ(json::encode(u),
              R"({"id":"a-1.0","expirationDate":"2026-01-01T00:00:00Z","features":["machine","gpu"],"classification":"experimental"})");
}

TEST(metal_models, request_bodies_use_wire_names_and_leave_out_what_is_not_set)
{
    EXPECT_EQ(json::encode(metal::image_create_request{.id = "ubuntu-20.04.20200502", .url = "https://x/u.tar.lz4"}),
              R"({"id":"ubuntu-20.04.20200502","url":"https://x/u.tar.lz4"})");
    EXPECT_EQ(json::encode(metal::image_create_request{.id = "firewall-3.0.20240101",
                                                       .url = "u",
                                                       .name = "fw",
                                                       .description = "",
                                                       .features = std::vector<open_enum<metal::image_feature>>{metal::image_feature::firewall},
                                                       .expiration_date = ts("2027-01-01T00:00:00Z"),
                                                       .classification = metal::image_classification::preview}),
              R"({"id":"firewall-3.0.20240101","url":"u","name":"fw","description":"","features":["firewall"],)"
              R"("expirationDate":"2027-01-01T00:00:00Z","classification":"preview"})");
    // update: expirationDate is required by the spec, so it is always sent
    EXPECT_EQ(json::encode(metal::image_update_request{.id = "a-1.0", .expiration_date = ts("2026-02-03T04:05:06Z")}),
              R"({"id":"a-1.0","expirationDate":"2026-02-03T04:05:06Z"})");
    EXPECT_EQ(json::encode(metal::image_update_request{.id = "a-1.0", .expiration_date = ts("2026-02-03T04:05:06Z"),
                                                       .used_by = std::vector<std::string>{}}),
              R"({"id":"a-1.0","expirationDate":"2026-02-03T04:05:06Z","usedby":[]})");
    EXPECT_EQ(json::encode(metal::image_find_request{}), "{}");
    EXPECT_EQ(json::encode(metal::image_find_request{.os = "ubuntu", .classification = metal::image_classification::deprecated,
                                                     .features = std::vector<open_enum<metal::image_feature>>{}}),
              R"({"os":"ubuntu","classification":"deprecated","features":[]})");
}

TEST(metal_models, the_error_body_has_a_message_and_the_status)
{
    auto r = json::decode<metal::http_error_response>(R"({"message":"image ubuntu-99.04 not found","statuscode":404})");
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->message, "image ubuntu-99.04 not found");
    EXPECT_EQ(r->status_code, 404);
    EXPECT_EQ(json::encode(*r), R"({"message":"image ubuntu-99.04 not found","statuscode":404})");
    auto big = json::decode<metal::http_error_response>(R"({"message":"x","statuscode":2147483648})");
    ASSERT_FALSE(big);  // int32 in the spec
    EXPECT_EQ(big.error().code, cloudimg::error::out_of_range);
    EXPECT_FALSE(json::decode<metal::http_error_response>(R"({"message":"x"})"));

    cloudimg::failure f;
    metal::provider::describe_failure(f, *r);
    EXPECT_EQ(f.message, "image ubuntu-99.04 not found");
    EXPECT_TRUE(f.provider_code.empty());
}

TEST(metal_models, a_null_list_is_empty_only_when_asked)
{
    // metal-api is a Go server: a nil slice is `null`; the spec promises an array, and metal-api sends one
    auto const file = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "golden" / "metal" / "list_images.response.json";
    auto list = cloudimg::test_support::decode_null_collection<std::vector<metal::image>>(
        cloudimg::test_support::with_null_at(file, ""), "");
    ASSERT_TRUE(list);
    EXPECT_TRUE(list->empty());
}

} // namespace
