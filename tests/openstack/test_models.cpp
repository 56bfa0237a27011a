// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The Nova models against every official API sample (doc/api_samples/images,
// vendored in tests/data/specs/openstack/api_samples): each response sample
// decodes through its endpoint and re-encodes without loss; each request
// sample is what cloudimg's encoder produces from the same values. Then the
// types that reflection does not describe: any_value and the error envelope.

// The header under test comes first: it must be self-contained.
#include <cloudimg/openstack/models.hpp>

#include "wire_shapes.hpp"

#include "null_collections.hpp"

#include <cloudimg/json.hpp>
#include <cloudimg/openstack.hpp>
#include <cloudimg/response.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "golden.hpp"

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace openstack = cloudimg::openstack;
namespace json = cloudimg::json;
namespace bj = boost::json;
using cloudimg::error;

namespace {

std::filesystem::path const samples_dir =
    std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "specs" / "openstack" / "api_samples";

std::string sample(std::string const& name)
{
    return golden::read_file(samples_dir / (name + ".json"));
}

template <class E>
cloudimg::response_type_t<E> decode_sample(std::string const& name, int status = 200)
{
    SCOPED_TRACE(name);
    cloudimg::response r;
    r.status = status;
    r.body = sample(name);
    auto v = cloudimg::parse_response<E>(r);
    EXPECT_TRUE(v) << v.error().what();
    // lossless: the re-encoded body is the sample, up to spelling and key order
    if (v) {
        auto const rt = schema_walk::round_trip_of(*v, r.body);
        EXPECT_EQ(rt.unknown, std::vector<std::string>{});
        EXPECT_EQ(rt.reencoded, rt.original);
    }
    return v ? std::move(*v) : cloudimg::response_type_t<E>{};
}

TEST(openstack_models, header_is_self_contained_and_every_sample_is_used)
{
    std::set<std::string> files;
    for (auto const& e : std::filesystem::directory_iterator(samples_dir))
        files.insert(e.path().stem().string());
    EXPECT_EQ(files, (std::set<std::string>{"image-get-resp", "image-meta-key-get", "image-meta-key-put-req",
                                            "image-meta-key-put-resp", "image-metadata-get-resp",
                                            "image-metadata-post-req", "image-metadata-post-resp",
                                            "image-metadata-put-req", "image-metadata-put-resp",
                                            "images-details-get-resp", "images-list-get-resp"}));
}

// ---------------------------------------------------------------- response samples

TEST(openstack_models, images_list_sample)
{
    auto r = decode_sample<openstack::list_images>("images-list-get-resp");
    ASSERT_EQ(r.images.size(), 11u);
    EXPECT_FALSE(r.images_links);  // the last page
    for (auto const& i : r.images) {
        EXPECT_EQ(i.id.size(), 36u);
        ASSERT_EQ(i.links.size(), 3u);
        EXPECT_EQ(i.links[0].rel, "self");
        EXPECT_EQ(i.links[1].rel, "bookmark");
        EXPECT_EQ(i.links[2].type, std::optional<std::string>("application/vnd.openstack.image"));
    }
    EXPECT_EQ(r.images[0].name, cloudimg::nullable<std::string>("fakeimage123456"));
}

TEST(openstack_models, images_details_sample)
{
    auto r = decode_sample<openstack::list_images_detail>("images-details-get-resp");
    ASSERT_EQ(r.images.size(), 11u);
    std::size_t auto_disk = 0, manual_disk = 0, null_values = 0;
    for (auto const& i : r.images) {
        EXPECT_EQ(i.status, openstack::image_status::active);
        EXPECT_EQ(i.progress, 100);
        ASSERT_TRUE(i.created);
        EXPECT_EQ(cloudimg::to_string(*i.created), "2011-01-01T01:02:03Z");
        EXPECT_TRUE(i.updated);
        EXPECT_TRUE(i.size);
        EXPECT_FALSE(i.server);
        auto_disk += i.disk_config == openstack::disk_config::auto_;
        manual_disk += i.disk_config == openstack::disk_config::manual;
        for (auto const& [k, v] : i.metadata)
            null_values += v.is_null();
    }
    EXPECT_EQ(auto_disk, 1u);
    EXPECT_EQ(manual_disk, 1u);
    EXPECT_EQ(null_values, 1u);  // "ramdisk_id": null
    EXPECT_EQ(r.images[0].size, cloudimg::nullable<std::int64_t>(25165824));
}

TEST(openstack_models, image_get_sample)
{
    auto r = decode_sample<openstack::show_image>("image-get-resp");
    EXPECT_EQ(r.image.id, "70a599e0-31e7-49b7-b260-868f441e862b");
    EXPECT_EQ(r.image.name, cloudimg::nullable<std::string>("fakeimage7"));
    EXPECT_EQ(r.image.disk_config, openstack::disk_config::auto_);
    EXPECT_EQ(r.image.size, cloudimg::nullable<std::int64_t>(74185822));
    EXPECT_EQ(r.image.min_disk, 0u);
    EXPECT_EQ(r.image.min_ram, 0u);
    EXPECT_EQ(r.image.metadata.at("architecture").string(), "x86_64");
    EXPECT_EQ(openstack::find_link(r.image.links, "alternate"),
              "http://glance.openstack.example.com/images/70a599e0-31e7-49b7-b260-868f441e862b");
}

TEST(openstack_models, metadata_samples)
{
    auto get = decode_sample<openstack::list_image_metadata>("image-metadata-get-resp");
    EXPECT_EQ(get.metadata.size(), 4u);
    EXPECT_EQ(get.metadata.at("auto_disk_config").string(), "True");
    auto post = decode_sample<openstack::create_image_metadata>("image-metadata-post-resp");
    EXPECT_EQ(post.metadata.size(), 5u);
    EXPECT_EQ(post.metadata.at("Label").string(), "UpdatedImage");
    auto put = decode_sample<openstack::replace_image_metadata>("image-metadata-put-resp");
    EXPECT_EQ(put.metadata.size(), 2u);
    auto key = decode_sample<openstack::show_image_metadata_item>("image-meta-key-get");
    EXPECT_EQ(key.meta.at("kernel_id").string(), "nokernel");
    auto set = decode_sample<openstack::set_image_metadata_item>("image-meta-key-put-resp");
    EXPECT_EQ(set.meta.at("auto_disk_config").string(), "False");
}

// ---------------------------------------------------------------- request samples

// The body cloudimg builds for `ep` is the sample, as JSON (key order aside: maps are sorted).
template <class E>
void expect_request_sample(E const& ep, std::string const& name)
{
    SCOPED_TRACE(name);
    auto req = openstack::prepare(openstack::config{.compute_url = "https://compute.example.com/v2.1"}, ep);
    ASSERT_TRUE(req) << req.error().what();
    ASSERT_TRUE(std::holds_alternative<std::string>(req->body));
    EXPECT_EQ(bj::parse(std::get<std::string>(req->body)), bj::parse(sample(name)));
    EXPECT_EQ(req->headers.find("Content-Type").value_or(""), "application/json");
}

TEST(openstack_models, every_request_sample_is_what_the_encoder_builds)
{
    std::string const id = "70a599e0-31e7-49b7-b260-868f441e862b";
    expect_request_sample(openstack::create_image_metadata{.image_id = id,
                                                           .body = {.metadata = {{"kernel_id", "False"},
                                                                                 {"Label", "UpdatedImage"}}}},
                          "image-metadata-post-req");
    expect_request_sample(openstack::replace_image_metadata{.image_id = id,
                                                            .body = {.metadata = {{"auto_disk_config", "True"},
                                                                                  {"Label", "Changed"}}}},
                          "image-metadata-put-req");
    expect_request_sample(openstack::set_image_metadata_item{.image_id = id,
                                                             .key = "auto_disk_config",
                                                             .body = {.meta = {{"auto_disk_config", "False"}}}},
                          "image-meta-key-put-req");
}

TEST(openstack_models, request_samples_decode_into_the_request_bodies)
{
    auto post = json::decode<openstack::metadata_request>(sample("image-metadata-post-req"));
    ASSERT_TRUE(post) << post.error().what();
    EXPECT_TRUE(openstack::check_metadata(post->metadata));
    auto meta = json::decode<openstack::meta_request>(sample("image-meta-key-put-req"));
    ASSERT_TRUE(meta) << meta.error().what();
    EXPECT_EQ(meta->meta.size(), 1u);
    // requests carry strings only: a null value is not a request body
    auto bad = json::decode<openstack::metadata_request>(R"({"metadata":{"a":null}})");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().path, "metadata.a");
}

// ---------------------------------------------------------------- any_value

TEST(openstack_models, any_value_keeps_every_json_type)
{
    auto r = json::decode<openstack::metadata_map>(
        R"({"s":"text \u00e9 \"q\"","n":null,"i":-42,"u":18446744073709551615,"d":2.5e-3,"t":true,"f":false,)"
        R"("a":[1,[],{},[null,"x",{"k":[true]}]],"o":{"x":{"y":[]},"z":"\n"},"e":{},"ea":[]})");
    ASSERT_TRUE(r) << r.error().what();
    auto const& m = *r;
    EXPECT_EQ(m.at("s").string(), "text \xc3\xa9 \"q\"");
    EXPECT_EQ(m.at("s").what(), openstack::any_value::kind::string);
    EXPECT_TRUE(m.at("n").is_null());
    EXPECT_FALSE(m.at("n").string());
    EXPECT_EQ(m.at("i").json(), "-42");
    EXPECT_EQ(m.at("u").json(), "18446744073709551615");
    EXPECT_EQ(bj::parse(m.at("d").json()), bj::parse("0.0025"));
    EXPECT_EQ(m.at("t").json(), "true");
    EXPECT_EQ(m.at("f").json(), "false");
    EXPECT_EQ(m.at("a").json(), R"([1,[],{},[null,"x",{"k":[true]}]])");
    EXPECT_EQ(m.at("o").json(), R"({"x":{"y":[]},"z":"\n"})");
    EXPECT_EQ(m.at("e").json(), "{}");
    EXPECT_EQ(m.at("ea").json(), "[]");
    EXPECT_EQ(m.at("s").json(), R"("text é \"q\"")");
    // the whole map re-encodes as it came (keys sorted)
    auto again = json::decode<openstack::metadata_map>(json::encode(m));
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, m);
}

TEST(openstack_models, any_value_decodes_the_same_in_every_chunking)
{
    std::string const text = R"({"metadata":{"bdm":[{"a":1,"b":[true,null,"s\"x"],"c":{"d":{}}}],"k":"v","z":null}})";
    auto whole = json::decode<openstack::metadata_response>(text);
    ASSERT_TRUE(whole);
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        openstack::metadata_response out;
        json::decoder d(out);
        ASSERT_TRUE(d.write(text.substr(0, cut)));
        ASSERT_TRUE(d.write(text.substr(cut)));
        ASSERT_TRUE(d.finish());
        ASSERT_EQ(out.metadata, whole->metadata) << cut;
    }
}

TEST(openstack_models, any_value_from_text_is_a_string)
{
    openstack::any_value v = "x86_64";
    EXPECT_TRUE(v.is_string());
    EXPECT_EQ(v, openstack::any_value(std::string("x86_64")));
    EXPECT_NE(v, openstack::any_value());
    EXPECT_EQ(openstack::any_value().json(), "null");
    EXPECT_EQ(json::encode(openstack::metadata_map{{"k", "a\"b"}, {"n", {}}}), R"({"k":"a\"b","n":null})");
}

TEST(openstack_models, any_value_respects_the_decoders_limits)
{
    std::string deep = R"({"metadata":{"x":)" + std::string(100, '[') + std::string(100, ']') + "}}";
    auto r = json::decode<openstack::metadata_response>(deep);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::limit_exceeded);
    json::decode_options small;
    small.max_string_size = 8;
    auto s = json::decode<openstack::metadata_response>(R"({"metadata":{"x":["0123456789"]}})", small);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, error::limit_exceeded);
}

// ---------------------------------------------------------------- the error envelope

TEST(openstack_models, the_error_envelopes_first_key_is_the_fault)
{
    auto e = json::decode<openstack::error_response>(
        R"({"conflictingRequest":{"message":"busy","code":409,"details":{"x":1}},"later":{"code":1,"message":"m"}})");
    ASSERT_TRUE(e) << e.error().what();
    EXPECT_EQ(e->name, openstack::fault_name::conflicting_request);
    EXPECT_EQ(e->fault.code, 409);
    EXPECT_EQ(e->fault.message, "busy");
    EXPECT_EQ(json::encode(*e), R"({"conflictingRequest":{"code":409,"message":"busy"}})");

    // the path of a bad fault names the fault
    auto bad = json::decode<openstack::error_response>(R"({"itemNotFound":{"code":"404","message":"x"}})");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, error::type_mismatch);
    EXPECT_EQ(bad.error().path, "itemNotFound.code");
    auto missing = json::decode<openstack::error_response>(R"({"computeFault":{"code":500}})");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, error::missing_field);
    EXPECT_EQ(missing.error().path, "computeFault.message");

    for (std::string_view wrong : {"{}", "[]", "\"itemNotFound\"", "null", R"({"itemNotFound":"Image not found."})"}) {
        auto w = json::decode<openstack::error_response>(wrong);
        EXPECT_FALSE(w) << wrong;
    }
}

TEST(openstack_models, every_fault_name_has_its_wire_spelling)
{
    std::vector<std::pair<openstack::fault_name, std::string_view>> const names{
        {openstack::fault_name::bad_request, "badRequest"},
        {openstack::fault_name::unauthorized, "unauthorized"},
        {openstack::fault_name::forbidden, "forbidden"},
        {openstack::fault_name::item_not_found, "itemNotFound"},
        {openstack::fault_name::bad_method, "badMethod"},
        {openstack::fault_name::conflicting_request, "conflictingRequest"},
        {openstack::fault_name::over_limit, "overLimit"},
        {openstack::fault_name::bad_media_type, "badMediaType"},
        {openstack::fault_name::not_implemented, "notImplemented"},
        {openstack::fault_name::service_unavailable, "serviceUnavailable"},
        {openstack::fault_name::compute_fault, "computeFault"},
        {openstack::fault_name::error, "error"}};
    for (auto const& [e, wire] : names) {
        EXPECT_EQ(cloudimg::enum_to_wire(e), wire);
        EXPECT_EQ(cloudimg::enum_from_wire<openstack::fault_name>(wire), e);
    }
    EXPECT_EQ(cloudimg::enum_to_wire(openstack::image_status::unknown), "UNKNOWN");
    EXPECT_EQ(cloudimg::enum_to_wire(openstack::disk_config::auto_), "AUTO");
}

TEST(openstack_models, null_links_and_metadata_are_empty_only_when_asked)
{
    auto const file = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "golden" / "openstack" / "show_image.response.json";
    auto links = cloudimg::test_support::decode_null_collection<openstack::image_response>(
        cloudimg::test_support::with_null_at(file, "/image/links"), "image.links");
    ASSERT_TRUE(links);
    EXPECT_TRUE(links->image.links.empty());
    auto metadata = cloudimg::test_support::decode_null_collection<openstack::image_response>(
        cloudimg::test_support::with_null_at(file, "/image/metadata"), "image.metadata");
    ASSERT_TRUE(metadata);
    EXPECT_TRUE(metadata->image.metadata.empty());
}

} // namespace
