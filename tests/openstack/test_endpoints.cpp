// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Golden tests of the ten Nova image endpoints: the requests `openstack::prepare`
// builds, byte for byte, against tests/data/golden/openstack/<name>.request.json;
// realistic response bodies (<name>.response.json) decoded field by field;
// the metadata rules `validate()` enforces and the microversion limits
// `prepare` enforces before anything is built; and error bodies.

// The header under test comes first: it must be self-contained.
#include <cloudimg/openstack/endpoints.hpp>

#include "wire_shapes.hpp"

#include <cloudimg/client.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/openstack.hpp>
#include <cloudimg/response.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>
#include <gtest/gtest.h>

#include "golden.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace openstack = cloudimg::openstack;
namespace bj = boost::json;
using cloudimg::error;

namespace {

std::filesystem::path const golden_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "golden" / "openstack";

constexpr char const image_id[] = "70a599e0-31e7-49b7-b260-868f441e862b";
constexpr char const token[] = "gAAAAABgolden-token-0123456789";

using golden::read_file;

openstack::config golden_config()
{
    return {.compute_url = "https://compute.example.com/v2.1",
            .token = token,
            .microversion = "2.35",
            .user_agent = "cloudimg-golden/1.0 (+tests)"};
}

template <class E>
void expect_golden_request(E const& ep, std::string const& name)
{
    SCOPED_TRACE(name);
    golden::expect_request(openstack::prepare(golden_config(), ep), golden_dir / (name + ".request.json"),
                           "https://compute.example.com");
}

cloudimg::timestamp ts(std::string_view s)
{
    auto t = cloudimg::parse_timestamp(s);
    EXPECT_TRUE(t) << s;
    return t.value_or(cloudimg::timestamp{});
}

TEST(openstack_endpoints, header_is_self_contained_and_lists_ten_endpoints)
{
    static_assert(boost::mp11::mp_size<openstack::endpoints>::value == 10);
}

// ---------------------------------------------------------------- golden requests

TEST(openstack_endpoints, list_images_request_with_every_filter)
{
    expect_golden_request(openstack::list_images{.changes_since = ts("2026-08-01T00:00:00Z"),
                                                 .server = "https://compute.example.com/v2.1/servers/"
                                                           "3f0c5a3e-9d1b-4c2a-8e7f-6a5b4c3d2e1f",
                                                 .name = "debian 12 / cloud",
                                                 .status = "ACTIVE",
                                                 .min_disk = 10,
                                                 .min_ram = 512,
                                                 .type = openstack::image_type::snapshot,
                                                 .limit = 50,
                                                 .marker = "155d900f-4e14-4e4c-a73d-069cbf4541e6"},
                          "list_images");
}

TEST(openstack_endpoints, list_images_detail_request)
{
    expect_golden_request(
        openstack::list_images_detail{.status = "SAVING", .type = openstack::image_type::backup, .limit = 2},
        "list_images_detail");
}

TEST(openstack_endpoints, image_requests)
{
    expect_golden_request(openstack::show_image{.image_id = image_id}, "show_image");
    expect_golden_request(openstack::delete_image{.image_id = image_id}, "delete_image");
}

TEST(openstack_endpoints, metadata_requests)
{
    expect_golden_request(openstack::list_image_metadata{.image_id = image_id}, "list_image_metadata");
    expect_golden_request(
        openstack::create_image_metadata{
            .image_id = image_id,
            .body = {.metadata = {{"hw_disk_bus", "scsi"},
                                  {"Label", "UpdatedImage"},
                                  {"os:description", "Debian 12 \xe2\x80\x94 \"bookworm\"\n"}}}},
        "create_image_metadata");
    expect_golden_request(openstack::replace_image_metadata{.image_id = image_id,
                                                            .body = {.metadata = {{"auto_disk_config", "True"},
                                                                                  {"Label", "Changed"}}}},
                          "replace_image_metadata");
    // a key with ':' and a space: one encoded path segment
    expect_golden_request(openstack::show_image_metadata_item{.image_id = image_id, .key = "os:distro name"},
                          "show_image_metadata_item");
    expect_golden_request(openstack::set_image_metadata_item{.image_id = image_id,
                                                             .key = "os:distro name",
                                                             .body = {.meta = {{"os:distro name", "debian"}}}},
                          "set_image_metadata_item");
    expect_golden_request(openstack::delete_image_metadata_item{.image_id = image_id, .key = "kernel_id"},
                          "delete_image_metadata_item");
}

TEST(openstack_endpoints, every_endpoint_has_a_golden_request_and_response)
{
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, openstack::endpoints>>([](auto id) {
        using E = typename decltype(id)::type;
        std::string const name(cloudimg::name_of<E>());
        EXPECT_TRUE(std::filesystem::exists(golden_dir / (name + ".request.json"))) << name;
        if constexpr (!std::is_same_v<cloudimg::response_type_t<E>, cloudimg::no_content>) {
            EXPECT_TRUE(std::filesystem::exists(golden_dir / (name + ".response.json"))) << name;
        }
    });
}

TEST(openstack_endpoints, a_project_id_in_the_compute_url_and_a_proxy_prefix_are_kept)
{
    auto cfg = golden_config();
    cfg.compute_url = "http://nova-api.internal:8774/v2.1/6f70656e737461636b20342065766572/";
    auto req = openstack::prepare(cfg, openstack::show_image{.image_id = image_id});
    ASSERT_TRUE(req) << req.error().what();
    EXPECT_EQ(req->origin, "http://nova-api.internal:8774");
    EXPECT_EQ(req->target, std::string("/v2.1/6f70656e737461636b20342065766572/images/") + image_id);
}

TEST(openstack_endpoints, path_parameters_are_one_segment_each)
{
    auto req = openstack::prepare(golden_config(), openstack::delete_image_metadata_item{.image_id = "a/b?c", .key = "x/../y"});
    ASSERT_TRUE(req) << req.error().what();
    EXPECT_EQ(req->target, "/v2.1/images/a%2Fb%3Fc/metadata/x%2F..%2Fy");
    // dot-segments would address another resource: refused by the core
    auto dots = openstack::prepare(golden_config(), openstack::show_image_metadata_item{.image_id = image_id, .key = ".."});
    ASSERT_FALSE(dots);
    EXPECT_EQ(dots.error().code, error::invalid_argument);
    EXPECT_FALSE(openstack::prepare(golden_config(), openstack::show_image{.image_id = ""}));
}

// ---------------------------------------------------------------- configuration

TEST(openstack_endpoints, there_is_no_default_host)
{
    auto req = openstack::prepare(openstack::config{.token = "t"}, openstack::show_image{.image_id = image_id});
    ASSERT_FALSE(req);
    EXPECT_EQ(req.error().code, error::invalid_base_url);
    EXPECT_NE(req.error().message.find("Keystone catalog"), std::string::npos) << req.error().message;
    auto bad = golden_config();
    bad.compute_url = "compute.example.com/v2.1";
    auto r = openstack::prepare(bad, openstack::show_image{.image_id = image_id});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_base_url);
}

TEST(openstack_endpoints, without_microversion_or_token_no_such_headers_are_sent)
{
    auto req = openstack::prepare(openstack::config{.compute_url = "https://compute.example.com/v2.1"},
                                  openstack::show_image{.image_id = image_id});
    ASSERT_TRUE(req);
    EXPECT_FALSE(req->headers.contains("X-Auth-Token"));
    EXPECT_FALSE(req->headers.contains("X-OpenStack-Nova-API-Version"));
    EXPECT_FALSE(req->headers.contains("OpenStack-API-Version"));
    EXPECT_EQ(req->headers.find("Accept").value_or(""), "application/json");
    EXPECT_TRUE(req->headers.find("User-Agent")->starts_with("cloudimg/"));
    EXPECT_EQ(req->headers.size(), 2u);
}

TEST(openstack_endpoints, the_microversion_headers_carry_the_configured_version)
{
    auto cfg = golden_config();
    cfg.microversion = "2.38";
    auto req = openstack::prepare(cfg, openstack::list_image_metadata{.image_id = image_id});
    ASSERT_TRUE(req) << req.error().what();
    EXPECT_EQ(req->headers.find("X-OpenStack-Nova-API-Version").value_or(""), "2.38");
    EXPECT_EQ(req->headers.find("OpenStack-API-Version").value_or(""), "compute 2.38");
    cfg.microversion = "2.1";
    req = openstack::prepare(cfg, openstack::list_images{});
    ASSERT_TRUE(req) << req.error().what();
    EXPECT_EQ(req->headers.find("OpenStack-API-Version").value_or(""), "compute 2.1");
}

// Refused before anything is built: prepare and the client fail alike, the
// transport is never called, and the token is not in the text.
template <class E>
void expect_refused(openstack::config const& cfg, E const& ep, std::string const& needle)
{
    SCOPED_TRACE(needle);
    auto req = openstack::prepare(cfg, ep);
    ASSERT_FALSE(req);
    EXPECT_EQ(req.error().code, error::invalid_argument);
    EXPECT_NE(req.error().message.find(needle), std::string::npos) << req.error().message;
    cloudimg::testing::scripted_transport t;  // no request expected
    cloudimg::client c{cfg, t};
    auto sent = c.send(ep);
    ASSERT_FALSE(sent);
    EXPECT_TRUE(t.requests().empty());
    EXPECT_EQ(sent.error().code, error::invalid_argument);
    EXPECT_EQ(sent.error().http_status, 0);
    EXPECT_EQ(sent.error().what().find(token), std::string::npos);
}

template <class E>
void expect_refused(E const& ep, std::string const& needle)
{
    expect_refused(golden_config(), ep, needle);
}

TEST(openstack_endpoints, a_microversion_above_an_endpoints_last_is_refused)
{
    auto cfg = golden_config();
    cfg.microversion = "2.36";
    // the four images calls end at 2.35 ...
    expect_refused(cfg, openstack::list_images{}, "microversion 2.36 is above 2.35, the last microversion with GET /images:");
    expect_refused(cfg, openstack::list_images_detail{}, "GET /images/detail");
    expect_refused(cfg, openstack::show_image{.image_id = image_id}, "Nova answers 404 from 2.36 on");
    expect_refused(cfg, openstack::delete_image{.image_id = image_id}, "DELETE /images/{image_id}");
    // ... the metadata calls at 2.38
    EXPECT_TRUE(openstack::prepare(cfg, openstack::list_image_metadata{.image_id = image_id}));
    cfg.microversion = "2.38";
    EXPECT_TRUE(openstack::prepare(cfg, openstack::delete_image_metadata_item{.image_id = image_id, .key = "k"}));
    cfg.microversion = "2.39";
    expect_refused(cfg, openstack::list_image_metadata{.image_id = image_id}, "above 2.38");
    expect_refused(cfg, openstack::create_image_metadata{.image_id = image_id}, "POST /images/{image_id}/metadata");
    expect_refused(cfg, openstack::replace_image_metadata{.image_id = image_id}, "PUT /images/{image_id}/metadata");
    expect_refused(cfg, openstack::show_image_metadata_item{.image_id = image_id, .key = "k"}, "from 2.39 on");
    expect_refused(cfg, openstack::set_image_metadata_item{.image_id = image_id, .key = "k", .body = {.meta = {{"k", "v"}}}},
                   "PUT /images/{image_id}/metadata/{key}");
    expect_refused(cfg, openstack::delete_image_metadata_item{.image_id = image_id, .key = "k"}, "above 2.38");
    cfg.microversion = "3.0";
    expect_refused(cfg, openstack::list_images{}, "above 2.35");
}

TEST(openstack_endpoints, malformed_latest_and_too_low_microversions_are_refused)
{
    auto cfg = golden_config();
    cfg.microversion = "latest";
    expect_refused(cfg, openstack::list_image_metadata{.image_id = image_id}, "\"latest\" asks for the server's newest");
    for (std::string bad : {"2", "2.", ".35", "2.035", "02.35", "2.35.1", "v2.35", "2.x", " 2.35", "2.35\r\nX-Evil: 1",
                            "99999999999.1"}) {
        cfg.microversion = bad;
        expect_refused(cfg, openstack::list_images{}, "is not of the form X.Y");
    }
    cfg.microversion = "2.0";
    expect_refused(cfg, openstack::list_images{}, "microversion 2.0 is below 2.1");
    cfg.microversion = "1.99";
    expect_refused(cfg, openstack::list_images{}, "below 2.1");
}

TEST(openstack_endpoints, the_microversion_is_checked_before_the_endpoint)
{
    // both are wrong: the configuration is reported, as it fails every call
    auto cfg = golden_config();
    cfg.microversion = "2.39";
    expect_refused(cfg, openstack::create_image_metadata{.image_id = image_id, .body = {.metadata = {{"a/b", "c"}}}},
                   "microversion 2.39");
}

TEST(openstack_endpoints, header_values_cannot_inject_headers)
{
    auto cfg = golden_config();
    cfg.token = "tok\r\nX-Evil: 1";
    auto r = openstack::prepare(cfg, openstack::list_images{});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_header_value);
    EXPECT_EQ(r.error().message.find("tok"), std::string::npos) << r.error().message;
    cfg = golden_config();
    cfg.user_agent = "ua\n";
    EXPECT_FALSE(openstack::prepare(cfg, openstack::list_images{}));
}

// ---------------------------------------------------------------- metadata rules

TEST(openstack_endpoints, metadata_keys_and_values_are_checked_before_sending)
{
    auto with = [](std::string key, std::string value) {
        return openstack::create_image_metadata{.image_id = image_id, .body = {.metadata = {{std::move(key), std::move(value)}}}};
    };
    expect_refused(with("os/distro", "x"), "metadata key \"os/distro\" holds \"/\" at position 2");
    expect_refused(with("", "x"), "a metadata key is empty");
    expect_refused(with(std::string(256, 'k'), "x"), "is 256 characters long; a key has at most 255");
    expect_refused(with("caf\xc3\xa9", "x"), "holds \"\\xc3\" at position 3");
    expect_refused(with("tab\there", "x"), "holds \"\\x09\"");
    expect_refused(with("k", std::string(256, 'v')), "the value of metadata key \"k\" has 256 characters; a value has at most 255");
    expect_refused(with("k", "\xff"), "is not valid UTF-8");
    // the limits count characters, not bytes
    std::string accents;
    for (int i = 0; i < 255; ++i)
        accents += "\xc3\xa9";
    EXPECT_TRUE(openstack::prepare(golden_config(), with("k", accents)));
    EXPECT_TRUE(openstack::prepare(golden_config(), with(std::string(255, 'k'), std::string(255, 'v'))));
    EXPECT_TRUE(openstack::prepare(golden_config(), with("a-Z_0:9. x", "")));
    // the value is private: never quoted
    auto r = openstack::prepare(golden_config(), with("k", "secret-value" + std::string(300, 'x')));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.find("secret-value"), std::string::npos);

    auto replace = openstack::replace_image_metadata{.image_id = image_id, .body = {.metadata = {{"ok", "1"}, {"not ok!", "2"}}}};
    expect_refused(replace, "metadata key \"not ok!\" holds \"!\"");
    // an empty map is fine: it merges nothing, or removes everything
    EXPECT_TRUE(openstack::prepare(golden_config(), openstack::replace_image_metadata{.image_id = image_id}));
}

TEST(openstack_endpoints, the_single_meta_item_must_be_the_urls_key)
{
    using openstack::set_image_metadata_item;
    expect_refused(set_image_metadata_item{.image_id = image_id, .key = "os_distro"},
                   "body.meta holds 0 items; it must hold exactly one");
    expect_refused(set_image_metadata_item{.image_id = image_id, .key = "a", .body = {.meta = {{"a", "1"}, {"b", "2"}}}},
                   "body.meta holds 2 items");
    expect_refused(set_image_metadata_item{.image_id = image_id, .key = "os_distro", .body = {.meta = {{"os-distro", "x"}}}},
                   "the key of body.meta, \"os-distro\", is not the key of the URL, \"os_distro\" (Nova answers 400 "
                   "\"Request body and URI mismatch\")");
    expect_refused(set_image_metadata_item{.image_id = image_id, .key = "a b!", .body = {.meta = {{"a b!", "x"}}}},
                   "holds \"!\"");
    expect_refused(set_image_metadata_item{.image_id = image_id, .key = "k", .body = {.meta = {{"k", std::string(300, 'v')}}}},
                   "has 300 characters");
}

TEST(openstack_endpoints, show_and_delete_take_any_existing_key)
{
    // Glance allows keys Nova would refuse in a body: they can still be read and removed
    auto r = openstack::prepare(golden_config(), openstack::show_image_metadata_item{.image_id = image_id, .key = "os/distro"});
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->target, std::string("/v2.1/images/") + image_id + "/metadata/os%2Fdistro");
    EXPECT_TRUE(openstack::prepare(golden_config(), openstack::delete_image_metadata_item{.image_id = image_id, .key = "x!"}));
}

// ---------------------------------------------------------------- golden responses

template <class E>
cloudimg::result<cloudimg::response_type_t<E>, cloudimg::failure_type_t<E>> parse_golden(std::string const& file, int status)
{
    cloudimg::response r;
    r.status = status;
    r.headers.add("X-OpenStack-Request-Id", "req-7f0c2a1e-0000-4000-8000-000000000001");  // lookups ignore case
    r.headers.add("X-Compute-Request-Id", "req-7f0c2a1e-0000-4000-8000-000000000001");
    r.body = read_file(golden_dir / file);
    return cloudimg::parse_response<E>(r);
}

// Decoding and re-encoding loses nothing but spelling (see schema_walk::normalise).
template <class Body>
void expect_lossless(Body const& decoded, std::string const& file, std::vector<std::string> const& unknown_keys = {})
{
    auto const rt = schema_walk::round_trip_of(decoded, read_file(golden_dir / file));
    EXPECT_EQ(rt.unknown, unknown_keys) << file;
    EXPECT_EQ(rt.reencoded, rt.original) << file;
}

TEST(openstack_endpoints, list_images_response)
{
    auto r = parse_golden<openstack::list_images>("list_images.response.json", 200);
    ASSERT_TRUE(r) << r.error().what();
    ASSERT_EQ(r->images.size(), 2u);
    EXPECT_EQ(r->images[0].id, "155d900f-4e14-4e4c-a73d-069cbf4541e6");
    EXPECT_EQ(r->images[0].name, cloudimg::nullable<std::string>("debian-12-genericcloud-amd64"));
    ASSERT_EQ(r->images[0].links.size(), 3u);
    EXPECT_EQ(openstack::find_link(r->images[0].links, "alternate"),
              "https://image.example.com/images/155d900f-4e14-4e4c-a73d-069cbf4541e6");
    EXPECT_EQ(r->images[0].links[2].type, std::optional<std::string>("application/vnd.openstack.image"));
    EXPECT_FALSE(r->images[0].links[0].type);
    EXPECT_FALSE(r->images[1].name);  // null
    ASSERT_TRUE(r->images_links);
    EXPECT_EQ(openstack::next_marker(r->images_links), "a2459075-d96c-40d5-893e-577ff92e721c");
    expect_lossless(*r, "list_images.response.json");
}

TEST(openstack_endpoints, list_images_detail_response)
{
    auto r = parse_golden<openstack::list_images_detail>("list_images_detail.response.json", 200);
    ASSERT_TRUE(r) << r.error().what();
    ASSERT_EQ(r->images.size(), 3u);

    auto const& snapshot = r->images[0];
    EXPECT_EQ(snapshot.disk_config, openstack::disk_config::manual);
    EXPECT_EQ(snapshot.size, cloudimg::nullable<std::int64_t>(0));  // volume-backed: the data is in Cinder
    EXPECT_EQ(snapshot.min_disk, 20u);
    EXPECT_EQ(snapshot.min_ram, 2048u);
    EXPECT_EQ(snapshot.progress, 100);
    EXPECT_EQ(snapshot.status, openstack::image_status::active);
    ASSERT_TRUE(snapshot.server);
    EXPECT_EQ(snapshot.server->id, "3f0c5a3e-9d1b-4c2a-8e7f-6a5b4c3d2e1f");
    EXPECT_EQ(openstack::find_link(snapshot.server->links, "bookmark"),
              "https://compute.example.com/servers/3f0c5a3e-9d1b-4c2a-8e7f-6a5b4c3d2e1f");
    EXPECT_EQ(snapshot.metadata.at("image_type").string(), "snapshot");
    EXPECT_TRUE(snapshot.metadata.at("ramdisk_id").is_null());
    // Nova turns block_device_mapping into JSON: kept as it came
    auto const& bdm = snapshot.metadata.at("block_device_mapping");
    EXPECT_EQ(bdm.what(), openstack::any_value::kind::other);
    EXPECT_FALSE(bdm.string());
    EXPECT_EQ(bj::parse(bdm.json()), bj::parse(R"([{"boot_index":0,"delete_on_termination":false,"destination_type":"volume",
        "device_name":"/dev/vda","snapshot_id":"4c3b2a19-8d7e-4f6a-9b5c-1d2e3f4a5b6c","source_type":"snapshot","volume_size":20.5}])"));
    EXPECT_EQ(snapshot.updated, cloudimg::nullable<cloudimg::timestamp>(ts("2026-08-19T10:12:40Z")));

    auto const& queued = r->images[1];
    EXPECT_FALSE(queued.size);
    EXPECT_FALSE(queued.updated);
    EXPECT_FALSE(queued.name);
    EXPECT_FALSE(queued.disk_config);
    EXPECT_FALSE(queued.server);
    EXPECT_EQ(queued.status, openstack::image_status::saving);
    EXPECT_EQ(queued.progress, 25);
    ASSERT_TRUE(queued.created);
    EXPECT_EQ(queued.created->offset_minutes, 120);
    EXPECT_EQ(*queued.created, ts("2026-08-20T06:00:00Z"));
    EXPECT_TRUE(queued.metadata.empty());

    auto const& future = r->images[2];
    EXPECT_FALSE(future.status.is_known());  // a status Nova may add later
    EXPECT_EQ(future.status.wire(), "DEACTIVATED");
    EXPECT_EQ(future.size, cloudimg::nullable<std::int64_t>(INT64_MAX));
    EXPECT_TRUE(future.links.empty());

    EXPECT_EQ(openstack::next_marker(r->images_links), "e1d2c3b4-a596-4788-9900-aabbccddeeff");
    expect_lossless(*r, "list_images_detail.response.json", {".images[1].OS-EXT-FUTURE:attribute"});
}

TEST(openstack_endpoints, show_image_response)
{
    auto r = parse_golden<openstack::show_image>("show_image.response.json", 200);
    ASSERT_TRUE(r) << r.error().what();
    auto const& i = r->image;
    EXPECT_EQ(i.id, image_id);
    EXPECT_EQ(i.disk_config, openstack::disk_config::auto_);
    EXPECT_EQ(i.disk_config->wire(), "AUTO");
    EXPECT_EQ(i.size, cloudimg::nullable<std::int64_t>(2147483648));
    EXPECT_EQ(i.metadata.at("os:description").string(), "Debian 12 \xe2\x80\x94 \"bookworm\"\n");
    EXPECT_EQ(i.metadata.size(), 4u);
    expect_lossless(*r, "show_image.response.json");
}

TEST(openstack_endpoints, metadata_responses)
{
    auto list = parse_golden<openstack::list_image_metadata>("list_image_metadata.response.json", 200);
    ASSERT_TRUE(list) << list.error().what();
    EXPECT_EQ(list->metadata.at("kernel_id").string(), "nokernel");
    EXPECT_TRUE(list->metadata.at("ramdisk_id").is_null());
    expect_lossless(*list, "list_image_metadata.response.json");

    auto merged = parse_golden<openstack::create_image_metadata>("create_image_metadata.response.json", 200);
    ASSERT_TRUE(merged) << merged.error().what();
    EXPECT_EQ(merged->metadata.size(), 4u);  // everything after the merge
    expect_lossless(*merged, "create_image_metadata.response.json");
    // POST answers 200, not 201
    auto created = parse_golden<openstack::create_image_metadata>("create_image_metadata.response.json", 201);
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().code, error::unexpected_status);

    auto replaced = parse_golden<openstack::replace_image_metadata>("replace_image_metadata.response.json", 200);
    ASSERT_TRUE(replaced) << replaced.error().what();
    EXPECT_EQ(replaced->metadata.size(), 2u);

    for (std::string name : {"show_image_metadata_item", "set_image_metadata_item"}) {
        auto item = name == "show_image_metadata_item"
                        ? parse_golden<openstack::show_image_metadata_item>(name + ".response.json", 200)
                        : parse_golden<openstack::set_image_metadata_item>(name + ".response.json", 200);
        ASSERT_TRUE(item) << item.error().what();
        ASSERT_EQ(item->meta.size(), 1u);
        EXPECT_EQ(item->meta.at("os:distro name").string(), "debian");
        expect_lossless(*item, name + ".response.json");
    }
}

TEST(openstack_endpoints, deletes_answer_204_without_a_body)
{
    cloudimg::response r;
    r.status = 204;
    EXPECT_TRUE(cloudimg::parse_response<openstack::delete_image>(r));
    EXPECT_TRUE(cloudimg::parse_response<openstack::delete_image_metadata_item>(r));
    r.status = 200;
    auto wrong = cloudimg::parse_response<openstack::delete_image>(r);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, error::unexpected_status);
}

// ---------------------------------------------------------------- error bodies

TEST(openstack_endpoints, a_nova_fault_is_a_typed_error_with_the_request_id)
{
    auto r = parse_golden<openstack::show_image>("error_item_not_found.response.json", 404);
    ASSERT_FALSE(r);
    auto const& f = r.error();
    EXPECT_EQ(f.code, error::error_response);
    EXPECT_EQ(f.http_status, 404);
    EXPECT_EQ(f.provider_code, "itemNotFound");
    EXPECT_EQ(f.message, "Image not found.");
    EXPECT_EQ(f.request_id, "req-7f0c2a1e-0000-4000-8000-000000000001");
    ASSERT_TRUE(f.body);
    EXPECT_EQ(f.body->name, openstack::fault_name::item_not_found);
    EXPECT_EQ(openstack::fault_name_of(f), openstack::fault_name::item_not_found);
    EXPECT_EQ(f.body->fault.code, 404);
    EXPECT_EQ(f.what(), "the server answered with an error (HTTP 404) [itemNotFound]: Image not found. "
                        "(request id req-7f0c2a1e-0000-4000-8000-000000000001)");
    expect_lossless(*f.body, "error_item_not_found.response.json");
}

TEST(openstack_endpoints, over_limit_keeps_retry_after_and_bad_request_its_message)
{
    auto r = parse_golden<openstack::create_image_metadata>("error_over_limit.response.json", 413);
    ASSERT_FALSE(r);
    ASSERT_TRUE(r.error().body);
    EXPECT_EQ(r.error().body->name, openstack::fault_name::over_limit);
    ASSERT_TRUE(r.error().body->fault.retry_after);
    EXPECT_EQ(r.error().body->fault.retry_after->string(), "0");
    expect_lossless(*r.error().body, "error_over_limit.response.json");

    auto b = parse_golden<openstack::set_image_metadata_item>("error_bad_request.response.json", 400);
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().provider_code, "badRequest");
    EXPECT_EQ(b.error().message, "Request body and URI mismatch");
}

TEST(openstack_endpoints, keystonemiddlewares_401_decodes_too)
{
    auto r = parse_golden<openstack::list_images>("keystone_unauthorized.response.json", 401);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().provider_code, "error");
    EXPECT_EQ(r.error().message, "The request you have made requires authentication.");
    ASSERT_TRUE(r.error().body);
    EXPECT_EQ(r.error().body->name, openstack::fault_name::error);
    EXPECT_EQ(r.error().body->fault.title, std::optional<std::string>("Unauthorized"));
}

TEST(openstack_endpoints, unknown_fault_names_and_non_nova_bodies)
{
    cloudimg::response r;
    r.status = 502;
    r.body = R"({"badGateway": {"code": 502, "message": "upstream"}, "extra": {"ignored": true}})";
    auto f = cloudimg::parse_response<openstack::list_images>(r);
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().provider_code, "badGateway");
    ASSERT_TRUE(f.error().body);
    EXPECT_FALSE(f.error().body->name.is_known());
    EXPECT_EQ(cloudimg::json::encode(*f.error().body), R"({"badGateway":{"code":502,"message":"upstream"}})");

    r.body = "<html><body>502 Bad Gateway</body></html>";
    auto html = cloudimg::parse_response<openstack::list_images>(r);
    ASSERT_FALSE(html);
    EXPECT_FALSE(html.error().body);
    EXPECT_EQ(html.error().raw_body, r.body);
    EXPECT_EQ(html.error().message, "HTTP 502 without a openstack error body");

    r.body = "{}";  // an envelope without a fault
    auto empty = cloudimg::parse_response<openstack::list_images>(r);
    ASSERT_FALSE(empty);
    EXPECT_FALSE(empty.error().body);
    EXPECT_EQ(empty.error().raw_body, "{}");
}

} // namespace
