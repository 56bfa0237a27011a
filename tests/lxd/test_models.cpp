// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The LXD models on their own: every object a real LXD 5.0.2 daemon sent
// (tests/data/lxd/responses) decodes with no key left over and encodes back
// to the same document; request bodies encode with LXD's wire names and leave
// out what is unset; enums, the decimal size and the Go struct's odd field
// names are what LXD writes.

// The header under test comes first: it must be self-contained.
#include <cloudimg/lxd/models.hpp>

#include "wire_shapes.hpp"

#include "captured_response.hpp"
#include "null_collections.hpp"

#include <cloudimg/json.hpp>
#include <cloudimg/lxd.hpp>
#include <cloudimg/response.hpp>
#include <cloudimg/lxd/endpoints.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace lxd = cloudimg::lxd;
namespace json = cloudimg::json;
namespace bj = boost::json;
using cloudimg::error;

namespace {

std::filesystem::path const dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "lxd" / "responses";

/// The envelope's metadata of capture `name`, or an element of it (`index` for lists).
bj::value metadata_of(std::string const& name)
{
    return bj::parse(captured::read(dir / (name + ".http")).body).at("metadata");
}

std::string report(std::vector<std::string> const& v)
{
    std::string s;
    for (auto const& e : v)
        s += "\n  " + e;
    return s;
}

/** `doc` decodes as T with every key used, and T encodes back to the same
    document (up to what schema_walk::normalise says is the same). */
template <class T>
void expect_lossless(bj::value const& doc, std::string const& what)
{
    SCOPED_TRACE(what);
    std::string const text = bj::serialize(doc);
    auto decoded = json::decode<T>(text);
    ASSERT_TRUE(decoded) << decoded.error().what() << "\n" << text;
    auto const tree = schema_walk::walk<T>();
    std::vector<std::string> unknown, ignored;
    auto const want = schema_walk::normalise(doc, tree, "", unknown);
    EXPECT_TRUE(unknown.empty()) << "keys LXD sends that the model skips:" << report(unknown);
    std::string const encoded = json::encode(*decoded);
    EXPECT_EQ(schema_walk::normalise(bj::parse(encoded), tree, "", ignored), want) << encoded;
}

// ---------------------------------------------------------------- what the daemon sent

TEST(lxd_models, every_object_the_daemon_sent_decodes_completely_and_encodes_back)
{
    expect_lossless<lxd::image>(metadata_of("image"), "image");
    expect_lossless<std::vector<lxd::image>>(metadata_of("images_recursion1"), "images");
    expect_lossless<lxd::alias_entry>(metadata_of("alias"), "alias");
    expect_lossless<std::vector<lxd::alias_entry>>(metadata_of("aliases_recursion1"), "aliases");
    expect_lossless<lxd::server_info>(metadata_of("server"), "server");
    for (char const* op : {"upload_accepted", "upload_succeeded", "upload_failed", "secret_accepted", "secret_running",
                           "secret_cancelled", "refresh_accepted", "refresh_done", "delete_accepted", "delete_done"})
        expect_lossless<lxd::operation>(metadata_of(op), op);
    expect_lossless<lxd::image_created>(metadata_of("upload_succeeded").at("metadata"), "upload result");
    expect_lossless<lxd::image_secret>(metadata_of("secret_accepted").at("metadata"), "secret");
    for (char const* e : {"error_400", "error_404", "error_412", "error_500", "alias_conflict"})
        expect_lossless<lxd::error_envelope>([&] {
            auto whole = bj::parse(captured::read(dir / (std::string(e) + ".http")).body).as_object();
            // the envelope keys error_envelope leaves out on purpose: empty for every error
            EXPECT_EQ(whole.at("status"), "");
            EXPECT_EQ(whole.at("status_code"), 0);
            EXPECT_EQ(whole.at("operation"), "");
            EXPECT_TRUE(whole.at("metadata").is_null());
            for (char const* k : {"status", "status_code", "operation", "metadata"})
                whole.erase(k);
            return bj::value(whole);
        }(), e);
}

TEST(lxd_models, the_go_struct_names_of_storage_drivers_are_kept)
{
    auto const drivers = metadata_of("server").at("environment").at("storage_supported_drivers").as_array();
    ASSERT_FALSE(drivers.empty());
    EXPECT_TRUE(drivers[0].as_object().contains("Name"));  // no JSON tags in Go: the field names
    auto d = json::decode<lxd::storage_driver_info>(R"({"Name":"dir","Version":"1","Remote":false})");
    ASSERT_TRUE(d) << d.error().what();
    EXPECT_EQ(d->name, "dir");
    EXPECT_EQ(json::encode(*d), R"({"Name":"dir","Version":"1","Remote":false})");
    auto lower = json::decode<lxd::storage_driver_info>(R"({"name":"dir","version":"1","remote":false})");
    ASSERT_FALSE(lower);
    EXPECT_EQ(lower.error().code, error::missing_field);
}

TEST(lxd_models, server_config_values_keep_any_json_type)
{
    auto s = json::decode<lxd::server_info>(
        R"({"api_extensions":[],"api_status":"stable","api_version":"1.0","auth":"untrusted","public":false,)"
        R"("config":{"core.https_address":":8443","core.trust_password":true,"images.remote_cache_expiry":10,"x":null,"y":{"a":[1,"b"]}}})");
    ASSERT_TRUE(s) << s.error().what();
    EXPECT_FALSE(s->trusted());
    EXPECT_FALSE(s->environment);
    ASSERT_TRUE(s->config);
    EXPECT_EQ(s->config->at("core.https_address").text, R"(":8443")");
    EXPECT_EQ(s->config->at("core.trust_password").text, "true");
    EXPECT_EQ(s->config->at("images.remote_cache_expiry").text, "10");
    EXPECT_TRUE(s->config->at("x").is_null());
    EXPECT_EQ(s->config->at("y").text, R"({"a":[1,"b"]})");
}

TEST(lxd_models, null_arrays_and_maps_decode_as_absent)
{
    auto img = metadata_of("image").as_object();
    for (char const* k : {"aliases", "profiles", "properties"})
        img[k] = nullptr;
    auto d = json::decode<lxd::image>(bj::serialize(img));
    ASSERT_TRUE(d) << d.error().what();
    EXPECT_FALSE(d->aliases);
    EXPECT_FALSE(d->profiles);
    EXPECT_FALSE(d->properties);
    auto op = metadata_of("delete_accepted").as_object();
    op["resources"] = nullptr;
    op["metadata"] = nullptr;
    auto o = json::decode<lxd::operation>(bj::serialize(op));
    ASSERT_TRUE(o) << o.error().what();
    EXPECT_FALSE(o->resources);
    EXPECT_TRUE(o->metadata.is_null());
    // but a scalar LXD always sends is required, even as null
    img["cached"] = nullptr;
    auto strict = json::decode<lxd::image>(bj::serialize(img));
    ASSERT_FALSE(strict);
    EXPECT_EQ(strict.error().code, error::type_mismatch);
    EXPECT_EQ(strict.error().path, "cached");
}

TEST(lxd_models, operation_states)
{
    lxd::operation op{};
    for (auto [code, final_, ok] : {std::tuple{100, false, false}, {103, false, false}, {105, false, false},
                                    {200, true, true}, {400, true, false}, {401, true, false}}) {
        op.status_code = code;
        EXPECT_EQ(op.is_final(), final_) << code;
        EXPECT_EQ(op.succeeded(), ok) << code;
    }
}

// ---------------------------------------------------------------- request bodies

TEST(lxd_models, request_bodies_use_lxds_names_and_leave_out_what_is_unset)
{
    EXPECT_EQ(json::encode(lxd::images_post{}), "{}");
    EXPECT_EQ(json::encode(lxd::image_put{}), "{}");
    // an empty list is not an absent one: `profiles: []` is "no profiles", absent is "default"
    EXPECT_EQ(json::encode(lxd::image_put{.profiles = std::vector<std::string>{}}), R"({"profiles":[]})");
    EXPECT_EQ(json::encode(lxd::images_post{.source = lxd::images_post_source{.type = lxd::source_type::virtual_machine,
                                                                              .name = "vm1/snap0",
                                                                              .project = "src"},
                                            .compression_algorithm = "none",
                                            .public_ = true}),
              R"({"source":{"type":"virtual-machine","name":"vm1/snap0","project":"src"},"compression_algorithm":"none","public":true})");
    EXPECT_EQ(json::encode(lxd::images_post{.source = lxd::images_post_source{.type = lxd::source_type::url,
                                                                              .mode = lxd::source_mode::push,
                                                                              .url = "https://example.com/img"}}),
              R"({"source":{"type":"url","mode":"push","url":"https://example.com/img"}})");
    EXPECT_EQ(json::encode(lxd::alias_create{.name = "n", .target = "t", .type = lxd::image_type::virtual_machine}),
              R"({"name":"n","target":"t","type":"virtual-machine"})");
    EXPECT_EQ(json::encode(lxd::alias_put{.target = "t"}), R"({"target":"t"})");
    EXPECT_EQ(json::encode(lxd::alias_patch{}), "{}");
    EXPECT_EQ(json::encode(lxd::alias_rename{.name = "a/b"}), R"({"name":"a/b"})");
    EXPECT_EQ(json::encode(lxd::image_export_post{.target = "https://h:8443"}), R"({"target":"https://h:8443"})");
    EXPECT_EQ(json::encode(lxd::image_alias{.name = "x"}), R"({"name":"x"})");
    // strings are escaped, UTF-8 kept
    EXPECT_EQ(json::encode(lxd::image_patch{.properties = lxd::string_map{{"d\"q", "line\nnext \xc3\xbc"}}}),
              "{\"properties\":{\"d\\\"q\":\"line\\nnext \xc3\xbc\"}}");
}

TEST(lxd_models, enum_wire_names)
{
    EXPECT_EQ(cloudimg::enum_to_wire(lxd::image_type::virtual_machine), "virtual-machine");
    EXPECT_EQ(cloudimg::enum_to_wire(lxd::source_type::virtual_machine), "virtual-machine");
    EXPECT_EQ(cloudimg::enum_to_wire(lxd::source_type::snapshot), "snapshot");
    EXPECT_EQ(cloudimg::enum_to_wire(lxd::image_protocol::simplestreams), "simplestreams");
    EXPECT_EQ(cloudimg::enum_to_wire(lxd::operation_class::websocket), "websocket");
    auto t = json::decode<cloudimg::open_enum<lxd::image_type>>(R"("virtual-machine")");
    ASSERT_TRUE(t);
    EXPECT_EQ(*t, lxd::image_type::virtual_machine);
    // the Go-ish spelling is not LXD's
    auto wrong = json::decode<lxd::image_type>(R"("virtual_machine")");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, error::invalid_value);
    // an open enum keeps what it does not know, and writes it back unchanged
    auto oci = json::decode<cloudimg::open_enum<lxd::image_type>>(R"("oci")");
    ASSERT_TRUE(oci);
    EXPECT_FALSE(oci->known());
    EXPECT_EQ(json::encode(*oci), R"("oci")");
}

TEST(lxd_models, the_decimal_size_is_a_string_both_ways)
{
    EXPECT_EQ(json::encode(lxd::decimal_size{285}), R"("285")");
    EXPECT_EQ(json::encode(lxd::decimal_size{18446744073709551615u}), R"("18446744073709551615")");
    EXPECT_EQ(json::encode(lxd::image_created{.fingerprint = "f", .size = {0}}), R"({"fingerprint":"f","size":"0"})");
    auto d = json::decode<lxd::decimal_size>(R"("0")");
    ASSERT_TRUE(d);
    EXPECT_EQ(*d, lxd::decimal_size{0});
    auto null = json::decode<lxd::decimal_size>("null");
    ASSERT_FALSE(null);
    EXPECT_EQ(null.error().code, error::type_mismatch);
    auto fraction = json::decode<lxd::decimal_size>("1.5");
    ASSERT_FALSE(fraction);
    EXPECT_EQ(fraction.error().code, error::type_mismatch);
}

TEST(lxd_models, timestamps_keep_lxds_nanoseconds_and_gos_zero_time)
{
    auto op = json::decode<lxd::operation>(bj::serialize(metadata_of("upload_succeeded")));
    ASSERT_TRUE(op) << op.error().what();
    EXPECT_EQ(cloudimg::to_string(op->created_at), bj::value_to<std::string>(metadata_of("upload_succeeded").at("created_at")));
    EXPECT_NE(op->created_at.nanoseconds, 0u);
    auto zero = json::decode<cloudimg::timestamp>(R"("0001-01-01T00:00:00Z")");
    ASSERT_TRUE(zero);
    EXPECT_EQ(cloudimg::to_string(*zero), "0001-01-01T00:00:00Z");
    // the offsets older LXD wrote (the spec's examples) parse and are kept
    auto offset = json::decode<cloudimg::timestamp>(R"("2021-03-22T20:39:00.575185384-04:00")");
    ASSERT_TRUE(offset);
    EXPECT_EQ(cloudimg::to_string(*offset), "2021-03-22T20:39:00.575185384-04:00");
}

TEST(lxd_models, null_extensions_and_lists_are_empty_only_when_asked)
{
    // LXD is a Go server: a nil slice is `null`. 5.0.2 sends arrays where cloudimg requires them.
    cloudimg::json::decode_options lenient;
    lenient.null_collections_as_empty = true;
    for (auto const& [file, pointer] : {std::pair{"server", "/metadata/api_extensions"}, std::pair{"images_recursion1", "/metadata"}}) {
        auto r = captured::read(dir / (std::string(file) + ".http"));
        r.body = cloudimg::test_support::with_null_at(dir / (std::string(file) + ".http"), pointer);
        if (std::string_view(file) == "server") {
            auto strict = cloudimg::parse_response<lxd::get_server>(r);
            ASSERT_FALSE(strict);
            EXPECT_EQ(strict.error().code, error::type_mismatch);
            EXPECT_EQ(strict.error().path, "metadata.api_extensions");
            auto read = cloudimg::parse_response<lxd::get_server>(r, lenient);
            ASSERT_TRUE(read) << read.error().what();
            EXPECT_TRUE(read->api_extensions.empty());
        } else {
            auto strict = cloudimg::parse_response<lxd::list_images>(r);
            ASSERT_FALSE(strict);
            EXPECT_EQ(strict.error().path, "metadata");
            auto read = cloudimg::parse_response<lxd::list_images>(r, lenient);
            ASSERT_TRUE(read) << read.error().what();
            EXPECT_TRUE(read->empty());
        }
    }
}

} // namespace
