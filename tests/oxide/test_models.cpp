// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The Oxide wire types: what decodes, what does not (with the path), what
// stays open to values the server adds later, and what the encoder writes.

// The header under test comes first: it must be self-contained.
#include <cloudimg/oxide/models.hpp>

#include "null_collections.hpp"

#include <cloudimg/json.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace oxide = cloudimg::oxide;
namespace json = cloudimg::json;
using cloudimg::error;

namespace {

// A project image with every field, in the order omicron writes them.
std::string const project_image =
    R"({"id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c","name":"debian-12","description":"Debian 12 \"bookworm\"",)"
    R"("time_created":"2026-08-19T10:11:12.123456Z","time_modified":"2026-08-19T10:11:13Z",)"
    R"("project_id":"5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d","os":"debian","version":"12",)"
    R"("digest":{"type":"sha256","value":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},)"
    R"("block_size":4096,"size":18446744073709551615})";

TEST(oxide_models, header_is_self_contained_and_a_full_image_decodes)
{
    auto r = json::decode<oxide::image>(project_image);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->id.text(), "0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c");
    EXPECT_EQ(r->name, "debian-12");
    EXPECT_EQ(r->description, "Debian 12 \"bookworm\"");
    EXPECT_EQ(std::chrono::nanoseconds(r->time_created.nanoseconds), std::chrono::microseconds(123456));
    EXPECT_EQ(r->time_modified, *cloudimg::parse_timestamp("2026-08-19T10:11:13Z"));
    ASSERT_TRUE(r->project_id);
    EXPECT_EQ(*r->project_id, oxide::uuid("5A4B3C2D-1E0F-4A9B-8C7D-6E5F4A3B2C1D"));
    EXPECT_EQ(r->os, "debian");
    EXPECT_EQ(r->version, "12");
    ASSERT_TRUE(r->digest);
    EXPECT_EQ(r->digest->type, oxide::digest_type::sha256);
    EXPECT_EQ(r->digest->value.size(), 64u);
    EXPECT_EQ(r->block_size, oxide::block_size::bytes_4096);
    EXPECT_EQ(oxide::to_bytes(r->block_size), 4096u);
    EXPECT_EQ(r->size, UINT64_MAX);  // ByteCount is uint64: exact to the last bit
    EXPECT_EQ(json::encode(*r), project_image);  // member order is omicron's: the bytes come back
}

TEST(oxide_models, a_silo_image_has_no_project_id_and_may_lack_a_digest)
{
    for (std::string const tail : {R"(})", R"(,"project_id":null,"digest":null})"}) {
        std::string const text = R"({"id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c","name":"alpine","description":"",)"
                                 R"("time_created":"2026-01-01T00:00:00Z","time_modified":"2026-01-01T00:00:00Z",)"
                                 R"("os":"alpine","version":"3.20","block_size":512,"size":0)" + tail;
        auto r = json::decode<oxide::image>(text);
        ASSERT_TRUE(r) << tail << ": " << r.error().what();
        EXPECT_FALSE(r->project_id);
        EXPECT_FALSE(r->digest);
        EXPECT_EQ(r->block_size, oxide::block_size::bytes_512);
        EXPECT_EQ(json::encode(*r).find("project_id"), std::string::npos);  // absent stays absent
    }
}

TEST(oxide_models, block_sizes_and_digest_types_the_server_adds_later_decode_and_round_trip)
{
    std::string text = project_image;
    text.replace(text.find("\"block_size\":4096"), 17, "\"block_size\":8192");
    text.replace(text.find("\"type\":\"sha256\""), 15, "\"type\":\"blake3\"");
    auto r = json::decode<oxide::image>(text);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_FALSE(oxide::is_known_block_size(r->block_size));
    EXPECT_EQ(oxide::to_bytes(r->block_size), 8192u);
    EXPECT_FALSE(r->digest->type.is_known());
    EXPECT_EQ(r->digest->type.wire(), "blake3");
    EXPECT_EQ(json::encode(*r), text);

    static_assert(oxide::is_known_block_size(oxide::block_size::bytes_512));
    static_assert(oxide::is_known_block_size(oxide::block_size::bytes_2048));
    static_assert(!oxide::is_known_block_size(static_cast<oxide::block_size>(1024)));
}

TEST(oxide_models, what_the_spec_does_not_allow_is_an_error_with_its_path)
{
    struct bad {
        std::string from, to;
        cloudimg::error code;
        std::string path;
    };
    for (auto const& b : std::vector<bad>{
             {R"("id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c")", R"("id":"{0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c}")",
              error::invalid_value, "id"},
             {R"("id":"0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c")", R"("id":42)", error::type_mismatch, "id"},
             {R"("project_id":"5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d")", R"("project_id":"5a4b3c2d")", error::invalid_value,
              "project_id"},
             {R"("block_size":4096)", R"("block_size":-512)", error::out_of_range, "block_size"},
             {R"("block_size":4096)", R"("block_size":4294967296)", error::out_of_range, "block_size"},
             {R"("block_size":4096)", R"("block_size":"4096")", error::type_mismatch, "block_size"},
             {R"("block_size":4096)", R"("block_size":4096.0)", error::type_mismatch, "block_size"},
             {R"("size":18446744073709551615)", R"("size":18446744073709551616)", error::type_mismatch, "size"},
             {R"("size":18446744073709551615)", R"("size":-1)", error::out_of_range, "size"},
             {R"("time_created":"2026-08-19T10:11:12.123456Z")", R"("time_created":"2026-08-19")", error::invalid_value,
              "time_created"},
             {R"("type":"sha256",)", "", error::missing_field, "digest.type"},
             {R"("os":"debian",)", "", error::missing_field, "os"},
         }) {
        std::string text = project_image;
        auto const at = text.find(b.from);
        ASSERT_NE(at, std::string::npos) << b.from;
        text.replace(at, b.from.size(), b.to);
        auto r = json::decode<oxide::image>(text);
        ASSERT_FALSE(r) << b.to;
        EXPECT_EQ(r.error().code, b.code) << b.to << ": " << r.error().what();
        EXPECT_EQ(r.error().path, b.path) << b.to;
    }
}

TEST(oxide_models, a_results_page_with_and_without_a_next_page)
{
    auto more = json::decode<oxide::image_results_page>(R"({"items":[)" + project_image + "," + project_image +
                                                        R"(],"next_page":"eyJ2IjoidjEifQ=="})");
    ASSERT_TRUE(more) << more.error().what();
    EXPECT_EQ(more->items.size(), 2u);
    EXPECT_EQ(more->next_page, std::optional<std::string>("eyJ2IjoidjEifQ=="));
    for (std::string const last : {R"({"items":[]})", R"({"items":[],"next_page":null})"}) {
        auto r = json::decode<oxide::image_results_page>(last);
        ASSERT_TRUE(r) << last;
        EXPECT_TRUE(r->items.empty());
        EXPECT_FALSE(r->next_page);
    }
    auto missing = json::decode<oxide::image_results_page>(R"({"next_page":null})");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, error::missing_field);
    EXPECT_EQ(missing.error().path, "items");
}

TEST(oxide_models, image_create_encodes_every_field_with_the_source_tag)
{
    oxide::image_create const body{.name = "debian-12",
                                   .description = "from snapshot \xe2\x80\x94 \"golden\"",
                                   .os = "debian",
                                   .version = "12",
                                   .source = {.id = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"}};
    EXPECT_EQ(json::encode(body),
              R"({"name":"debian-12","description":"from snapshot )"
              "\xe2\x80\x94"
              R"( \"golden\"","os":"debian","version":"12",)"
              R"("source":{"type":"snapshot","id":"5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"}})");
    auto back = json::decode<oxide::image_create>(json::encode(body));
    ASSERT_TRUE(back) << back.error().what();
    EXPECT_EQ(back->source.id, body.source.id);
    // a request enum is closed: another source type is not something this client sends
    auto other = json::decode<oxide::image_source>(R"({"type":"url","id":"5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"})");
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, error::invalid_value);
}

TEST(oxide_models, error_bodies_with_and_without_an_error_code)
{
    auto full = json::decode<oxide::error_response>(
        R"({"request_id":"4e2f7c1a-9b8d-4c6e-a5f3-2d1b0e9c8a7f","error_code":"ObjectNotFound","message":"not found: image with name \"x\""})");
    ASSERT_TRUE(full) << full.error().what();
    EXPECT_EQ(full->error_code, std::optional<std::string>("ObjectNotFound"));
    EXPECT_EQ(full->message, "not found: image with name \"x\"");
    EXPECT_EQ(full->request_id, "4e2f7c1a-9b8d-4c6e-a5f3-2d1b0e9c8a7f");
    auto bare = json::decode<oxide::error_response>(R"({"message":"Internal Server Error","request_id":"r-1"})");
    ASSERT_TRUE(bare);
    EXPECT_FALSE(bare->error_code);
    auto no_id = json::decode<oxide::error_response>(R"({"message":"m"})");
    ASSERT_FALSE(no_id);
    EXPECT_EQ(no_id.error().path, "request_id");
}

TEST(oxide_models, null_items_are_empty_only_when_asked)
{
    auto const file = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "golden" / "oxide" / "list_images.response.json";
    auto page = cloudimg::test_support::decode_null_collection<oxide::image_results_page>(
        cloudimg::test_support::with_null_at(file, "/items"), "items");
    ASSERT_TRUE(page);
    EXPECT_TRUE(page->items.empty());
}

} // namespace
