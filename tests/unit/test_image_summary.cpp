// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// image_summary and every provider's summarize(): on the official examples
// (Hetzner's spec example, OpenStack's api_samples), on answers captured from
// the real LXD daemon, and on the golden bodies of Oxide and metal-stack
// (their specs carry no examples); plus the unit conversions.

#include <cloudimg/image_summary.hpp>
#include <cloudimg/image_summary.hpp>  // this header is self-contained

#include <cloudimg/hetzner/summary.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/lxd/summary.hpp>
#include <cloudimg/metal/summary.hpp>
#include <cloudimg/openstack/summary.hpp>
#include <cloudimg/oxide/summary.hpp>

#include "captured_response.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <fstream>
#include <sstream>

namespace {

using namespace cloudimg;
namespace fs = std::filesystem;
fs::path const data_dir(CLOUDIMG_TEST_DATA_DIR);

std::string read_text(fs::path const& p)
{
    std::ifstream in(p, std::ios::binary);
    EXPECT_TRUE(in) << p;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

template <class T>
T decode_file(fs::path const& p)
{
    auto r = json::decode<T>(read_text(p));
    EXPECT_TRUE(r) << p << ": " << r.error().what();
    return r ? std::move(*r) : T{};
}

/// The `metadata` of a captured LXD answer, decoded as T.
template <class T>
T lxd_metadata(std::string const& capture)
{
    auto r = captured::read(data_dir / "lxd" / "responses" / (capture + ".http"));
    auto metadata = boost::json::serialize(boost::json::parse(r.body).at("metadata"));
    auto decoded = json::decode<T>(metadata);
    EXPECT_TRUE(decoded) << capture << ": " << decoded.error().what();
    return decoded ? std::move(*decoded) : T{};
}

timestamp at(std::string_view text)
{
    auto t = parse_timestamp(text);
    EXPECT_TRUE(t) << text;
    return t ? *t : timestamp{};
}

// ------------------------------------------------------------------ unit conversions

TEST(image_summary, gigabytes_are_decimal_and_rounded)
{
    EXPECT_EQ(gigabytes_to_bytes(2.3), 2'300'000'000u);
    EXPECT_EQ(gigabytes_to_bytes(0), 0u);
    EXPECT_EQ(gigabytes_to_bytes(2.3456789), 2'345'678'900u);
    EXPECT_EQ(gigabytes_to_bytes(1e-9), 1u);
    EXPECT_EQ(gigabytes_to_bytes(18'000'000'000.0), 18'000'000'000'000'000'000u);
    EXPECT_FALSE(gigabytes_to_bytes(-0.5));
    EXPECT_FALSE(gigabytes_to_bytes(std::numeric_limits<double>::infinity()));
    EXPECT_FALSE(gigabytes_to_bytes(std::numeric_limits<double>::quiet_NaN()));
    EXPECT_FALSE(gigabytes_to_bytes(18'446'744'074.0));  // 2^64 bytes and more
}

TEST(image_summary, gibibytes_and_formatting)
{
    EXPECT_EQ(gibibytes_to_bytes(2), 2'147'483'648u);
    EXPECT_EQ(gibibytes_to_bytes(0), 0u);
    EXPECT_FALSE(gibibytes_to_bytes(std::uint64_t(1) << 34));
    EXPECT_EQ(format_bytes(0), "0 B");
    EXPECT_EQ(format_bytes(285), "285 B");
    EXPECT_EQ(format_bytes(2'300'000'000), "2.30 GB");
    EXPECT_EQ(format_bytes(25'165'824), "25.2 MB");
    EXPECT_EQ(format_bytes(134'217'728), "134 MB");
    EXPECT_EQ(format_bytes(999'999), "1.00 MB");
    EXPECT_EQ(format_bytes(UINT64_MAX), "18.4 EB");
    EXPECT_EQ(to_string(image_state::pending), "pending");
    EXPECT_EQ(to_string(image_visibility::public_), "public");
}

TEST(image_summary, encodes_as_json_without_absent_fields)
{
    image_summary s{.provider = "oxide", .id = "x", .size_bytes = 5, .visibility = image_visibility::shared};
    EXPECT_EQ(json::encode(s), R"({"provider":"oxide","id":"x","size_bytes":5,"visibility":"shared"})");
}

// ------------------------------------------------------------------ Hetzner

TEST(image_summary, hetzner_official_example)
{
    // the only image example in Hetzner's spec: PUT /images/{id} 200
    auto body = decode_file<hetzner::image_response>(data_dir / "specs" / "hetzner" / "examples" / "update_image_200.json");
    ASSERT_TRUE(body.image);
    auto s = summarize(*body.image);
    EXPECT_EQ(s.provider, "hetzner");
    EXPECT_EQ(s.id, "4711");
    EXPECT_FALSE(s.name);  // null: a snapshot
    EXPECT_EQ(s.description, "My new Image description");
    EXPECT_EQ(s.os, "ubuntu");
    EXPECT_EQ(s.os_version, "20.04");
    EXPECT_EQ(s.architecture, "x86");
    EXPECT_EQ(s.size_bytes, 2'300'000'000u);  // image_size 2.3 GB, not disk_size 10
    EXPECT_EQ(s.status, image_state::available);
    EXPECT_EQ(s.status_text, "available");
    EXPECT_EQ(s.visibility, image_visibility::private_);
    EXPECT_EQ(s.created, at("2016-01-30T23:50:00Z"));
    EXPECT_EQ(s.deprecated, at("2018-02-28T00:00:00Z"));
    EXPECT_FALSE(s.expires);
    ASSERT_TRUE(s.labels);
    EXPECT_EQ(*s.labels, (std::map<std::string, std::string>{{"key", "value"}}));
}

TEST(image_summary, hetzner_every_type_status_and_deprecation)
{
    auto page = decode_file<hetzner::list_images_response>(data_dir / "golden" / "hetzner" / "list_images.response.json");
    ASSERT_EQ(page.images.size(), 5u);
    auto system = summarize(page.images[0]);
    EXPECT_EQ(system.name, "ubuntu-24.04");
    EXPECT_FALSE(system.size_bytes);  // image_size null
    EXPECT_EQ(system.visibility, image_visibility::public_);
    EXPECT_FALSE(system.deprecated);
    auto app = summarize(page.images[1]);
    EXPECT_EQ(app.visibility, image_visibility::public_);
    EXPECT_EQ(app.deprecated, at("2024-06-01T00:00:00Z"));  // `deprecated` wins over deprecation.announced
    EXPECT_EQ(app.expires, at("2024-09-01T00:00:00Z"));
    auto big = summarize(page.images[2]);
    EXPECT_EQ(big.id, "9007199254740991");
    EXPECT_EQ(big.size_bytes, 2'345'678'900u);
    auto creating = summarize(page.images[3]);
    EXPECT_EQ(creating.status, image_state::pending);
    EXPECT_EQ(creating.status_text, "creating");
    EXPECT_FALSE(creating.os);  // os_flavor "unknown"
    EXPECT_FALSE(creating.os_version);
    EXPECT_EQ(summarize(page.images[4]).status, image_state::unavailable);

    auto img = page.images[1];
    img.deprecated = std::nullopt;
    EXPECT_EQ(summarize(img).deprecated, at("2024-03-01T00:00:00Z"));  // deprecation.announced
    img.status = open_enum<hetzner::image_status>::from_wire("migrating");
    img.type = open_enum<hetzner::image_type>::from_wire("temporary");
    auto odd = summarize(img);
    EXPECT_EQ(odd.status, image_state::unknown);
    EXPECT_EQ(odd.status_text, "migrating");
    EXPECT_FALSE(odd.visibility);
}

// ------------------------------------------------------------------ LXD (captured from LXD 5.0.2)

TEST(image_summary, lxd_captured_list_and_image)
{
    auto images = lxd_metadata<std::vector<lxd::image>>("images_recursion1");
    ASSERT_EQ(images.size(), 1u);
    auto one = lxd_metadata<lxd::image>("image");
    for (auto const& img : {images[0], one}) {
        auto s = summarize(img);
        EXPECT_EQ(s.provider, "lxd");
        EXPECT_EQ(s.id, "2784410ecbf2c1424f4a5d90086251aa4a4375bed69abe17e66d7dd33a306c65");
        EXPECT_EQ(s.name, "renamed");  // the first alias
        EXPECT_EQ(s.description, "cloudimg capture image");
        EXPECT_EQ(s.os, "cloudimg");
        EXPECT_EQ(s.os_version, "1");
        EXPECT_EQ(s.architecture, "x86_64");
        EXPECT_EQ(s.size_bytes, 285u);
        EXPECT_FALSE(s.status);
        EXPECT_FALSE(s.status_text);
        EXPECT_EQ(s.visibility, image_visibility::private_);
        EXPECT_EQ(s.created, at("2023-11-14T22:13:20Z"));
        EXPECT_FALSE(s.expires);  // 1970-01-01: never
        EXPECT_FALSE(s.deprecated);
        ASSERT_TRUE(s.labels);
        EXPECT_EQ(s.labels->at("note"), "a&b=c d");
        EXPECT_EQ(s.labels->size(), 4u);
    }
}

TEST(image_summary, lxd_without_aliases_or_properties)
{
    auto img = lxd_metadata<lxd::image>("image");
    img.aliases = std::nullopt;
    img.properties = std::nullopt;
    img.public_ = true;
    img.expires_at = at("2030-01-01T00:00:00Z");
    auto s = summarize(img);
    EXPECT_FALSE(s.name);
    EXPECT_FALSE(s.os);
    EXPECT_FALSE(s.description);
    EXPECT_FALSE(s.labels);
    EXPECT_EQ(s.visibility, image_visibility::public_);
    EXPECT_EQ(s.expires, at("2030-01-01T00:00:00Z"));
}

// ------------------------------------------------------------------ Oxide

TEST(image_summary, oxide_project_and_silo_images)
{
    auto page = decode_file<oxide::image_results_page>(data_dir / "golden" / "oxide" / "list_images.response.json");
    ASSERT_GE(page.items.size(), 3u);
    auto project = summarize(page.items[0]);
    EXPECT_EQ(project.provider, "oxide");
    EXPECT_EQ(project.id, "0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c");
    EXPECT_EQ(project.name, "debian-12");
    EXPECT_EQ(project.os, "debian");
    EXPECT_EQ(project.os_version, "12");
    EXPECT_EQ(project.size_bytes, 2'147'483'648u);
    EXPECT_EQ(project.visibility, image_visibility::private_);
    EXPECT_EQ(project.created, at("2026-08-19T10:11:12.123456Z"));
    EXPECT_FALSE(project.architecture);
    EXPECT_FALSE(project.status);
    EXPECT_FALSE(project.labels);
    EXPECT_FALSE(project.expires);
    auto silo = summarize(page.items[1]);
    EXPECT_EQ(silo.id, "8E1F2A3B-4C5D-4E6F-8A9B-0C1D2E3F4A5B");  // as the server wrote it
    EXPECT_FALSE(silo.description);  // ""
    EXPECT_EQ(silo.visibility, image_visibility::shared);
    EXPECT_EQ(summarize(page.items[2]).size_bytes, UINT64_MAX);  // uint64 sizes stay exact
}

// ------------------------------------------------------------------ metal-stack

TEST(image_summary, metal_ids_classifications_and_expiry)
{
    auto images = decode_file<std::vector<metal::image>>(data_dir / "golden" / "metal" / "list_images.response.json");
    ASSERT_EQ(images.size(), 4u);
    auto s = summarize(images[0]);
    EXPECT_EQ(s.provider, "metal");
    EXPECT_EQ(s.id, "ubuntu-24.04.20260301");
    EXPECT_EQ(s.name, "Ubuntu 24.04");
    EXPECT_FALSE(s.description);  // ""
    EXPECT_EQ(s.os, "ubuntu");
    EXPECT_EQ(s.os_version, "24.04.20260301");
    EXPECT_FALSE(s.size_bytes);
    EXPECT_FALSE(s.architecture);
    EXPECT_FALSE(s.visibility);
    EXPECT_FALSE(s.labels);
    EXPECT_EQ(s.status, image_state::available);
    EXPECT_EQ(s.status_text, "supported");
    EXPECT_EQ(s.expires, at("2026-09-01T00:00:00Z"));
    EXPECT_EQ(s.created, at("2026-03-01T12:00:01.123456Z"));
    auto fw = summarize(images[2]);
    EXPECT_EQ(fw.os, "firewall-ubuntu");
    EXPECT_EQ(fw.os_version, "3.0.20260301");
    EXPECT_EQ(fw.status, image_state::unknown);
    EXPECT_EQ(fw.status_text, "experimental");
    auto preview = summarize(images[3]);
    EXPECT_EQ(preview.status, image_state::available);
    EXPECT_FALSE(preview.expires);  // Go's zero time

    metal::image bare{};
    bare.id = "not a metal id";
    bare.expiration_date = at("2026-01-01T00:00:00Z");
    bare.classification = open_enum<metal::image_classification>(metal::image_classification::deprecated);
    auto b = summarize(bare);
    EXPECT_FALSE(b.os);
    EXPECT_FALSE(b.os_version);
    EXPECT_EQ(b.status, image_state::deprecated);
    EXPECT_FALSE(b.created);
    bare.classification = std::nullopt;
    EXPECT_FALSE(summarize(bare).status);
    EXPECT_FALSE(summarize(bare).status_text);
}

// ------------------------------------------------------------------ OpenStack (official api_samples)

TEST(image_summary, a_negative_size_is_no_size)
{
    // LXD and Nova sizes are signed, as their specs' `integer` is
    openstack::image nova{};
    nova.size = cloudimg::nullable<std::int64_t>(-1);
    EXPECT_FALSE(summarize(nova).size_bytes);
    nova.size = cloudimg::nullable<std::int64_t>(INT64_MAX);
    EXPECT_EQ(summarize(nova).size_bytes, static_cast<std::uint64_t>(INT64_MAX));
    lxd::image local{};
    local.size = -5;
    EXPECT_FALSE(summarize(local).size_bytes);
}

TEST(image_summary, openstack_official_samples)
{
    auto dir = data_dir / "specs" / "openstack" / "api_samples";
    auto page = decode_file<openstack::list_images_detail_response>(dir / "images-details-get-resp.json");
    ASSERT_EQ(page.images.size(), 11u);
    for (auto const& img : page.images) {
        auto s = summarize(img);
        EXPECT_EQ(s.provider, "openstack");
        EXPECT_EQ(s.id, img.id);
        EXPECT_EQ(s.status, image_state::available);
        EXPECT_EQ(s.status_text, "ACTIVE");
        EXPECT_EQ(s.size_bytes, static_cast<std::uint64_t>(*img.size));
        EXPECT_EQ(s.created, at("2011-01-01T01:02:03Z"));
        EXPECT_FALSE(s.visibility);
        EXPECT_FALSE(s.os);  // no sample sets os_distro
        EXPECT_FALSE(s.description);
        ASSERT_TRUE(s.labels);
    }
    auto first = summarize(page.images[0]);
    EXPECT_EQ(first.name, "fakeimage123456");
    EXPECT_EQ(first.size_bytes, 25'165'824u);
    EXPECT_EQ(first.architecture, "x86_64");
    EXPECT_EQ(first.labels->at("kernel_id"), "nokernel");
    auto no_ramdisk = summarize(page.images[4]);  // "ramdisk_id": null is left out
    EXPECT_FALSE(no_ramdisk.architecture);
    EXPECT_EQ(no_ramdisk.labels->count("ramdisk_id"), 0u);
    EXPECT_EQ(no_ramdisk.labels->size(), 1u);

    auto one = decode_file<openstack::image_response>(dir / "image-get-resp.json");
    EXPECT_EQ(summarize(one.image).id, one.image.id);
}

TEST(image_summary, openstack_statuses_and_properties)
{
    auto page = decode_file<openstack::list_images_detail_response>(
        data_dir / "specs" / "openstack" / "api_samples" / "images-details-get-resp.json");
    auto img = page.images[0];
    img.metadata["os_distro"] = "debian";
    img.metadata["os_version"] = "12";
    auto other = json::decode<openstack::metadata_map>(R"({"hw_numa":[1,2]})");
    ASSERT_TRUE(other);
    img.metadata.merge(*other);
    img.size = std::nullopt;
    img.created = std::nullopt;
    auto s = summarize(img);
    EXPECT_EQ(s.os, "debian");
    EXPECT_EQ(s.os_version, "12");
    EXPECT_EQ(s.labels->at("hw_numa"), "[1,2]");
    EXPECT_FALSE(s.size_bytes);
    EXPECT_FALSE(s.created);
    using st = openstack::image_status;
    std::pair<st, image_state> const map[] = {{st::active, image_state::available}, {st::saving, image_state::pending},
                                              {st::deleted, image_state::deleted}, {st::error, image_state::failed},
                                              {st::unknown, image_state::unknown}};
    for (auto [from, to] : map) {
        img.status = from;
        EXPECT_EQ(summarize(img).status, to) << img.status.wire();
    }
    img.status = open_enum<st>::from_wire("QUEUED");
    EXPECT_EQ(summarize(img).status, image_state::unknown);
    EXPECT_EQ(summarize(img).status_text, "QUEUED");
}

} // namespace
