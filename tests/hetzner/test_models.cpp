// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The Hetzner models against what a server may really send: values added after
// this release, keys nobody knows yet, null and absent, and bodies that break
// the spec. Each bad body has its expected error code and JSON path.

// The header under test comes first: it must be self-contained.
#include <cloudimg/hetzner/models.hpp>

#include "null_collections.hpp"

#include <cloudimg/json.hpp>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <filesystem>
#include <string>
#include <vector>

namespace hetzner = cloudimg::hetzner;
namespace json = cloudimg::json;
using cloudimg::error;

namespace {

// Replace the first occurrence of `from` in `s`; the test fails if there is none.
std::string with(std::string s, std::string_view from, std::string_view to)
{
    auto const at = s.find(from);
    EXPECT_NE(at, std::string::npos) << "\"" << from << "\" not in the document";
    if (at != std::string::npos)
        s.replace(at, from.size(), to);
    return s;
}

std::string const image_json = R"({"id":4711,"type":"snapshot","status":"available","name":null,)"
                               R"("description":"snap","image_size":2.5,"disk_size":20,)"
                               R"("created":"2016-01-30T23:50:00Z","created_from":{"id":1,"name":"Server"},)"
                               R"("bound_to":null,"os_flavor":"ubuntu","os_version":"20.04","rapid_deploy":false,)"
                               R"("protection":{"delete":false},"deprecated":null,"deleted":null,)"
                               R"("labels":{"env":"prod"},"architecture":"x86"})";

std::string const image_body = R"({"image":)" + image_json + "}";

std::string const pagination_json = R"({"pagination":{"page":1,"per_page":25,"previous_page":null,)"
                                    R"("next_page":null,"last_page":1,"total_entries":3}})";

std::string const list_body = R"({"images":[)" + image_json + "," + with(image_json, R"("id":4711)", R"("id":4712)") +
                              "," + with(image_json, R"("id":4711)", R"("id":4713)") + R"(],"meta":)" + pagination_json +
                              "}";

std::string const action_json = R"({"id":13,"command":"change_protection","status":"running","progress":0,)"
                                R"("started":"2016-01-30T23:55:00Z","finished":null,)"
                                R"("resources":[{"id":4711,"type":"image"}],"error":null})";

std::string const action_body = R"({"action":)" + action_json + "}";

std::string const actions_body = R"({"actions":[)" + action_json + "," +
                                 with(action_json, R"("resources":[{"id":4711,"type":"image"}])",
                                      R"("resources":[{"id":4711,"type":"image"},{"id":42,"type":"server"}])") +
                                 R"(],"meta":)" + pagination_json + "}";

template <class T>
void expect_error(std::string const& body, error code, std::string const& path)
{
    auto r = json::decode<T>(body);
    ASSERT_FALSE(r) << "decoded, but expected " << cloudimg::make_error_code(code).message() << " at " << path << "\n"
                    << body;
    EXPECT_EQ(r.error().code, code) << r.error().what();
    EXPECT_EQ(r.error().path, path) << r.error().what();
}

TEST(hetzner_models, header_is_self_contained_and_the_bodies_decode)
{
    auto i = json::decode<hetzner::image_response>(image_body);
    ASSERT_TRUE(i) << i.error().what();
    auto l = json::decode<hetzner::list_images_response>(list_body);
    ASSERT_TRUE(l) << l.error().what();
    EXPECT_EQ(l->images.size(), 3u);
    auto a = json::decode<hetzner::action_response>(action_body);
    ASSERT_TRUE(a) << a.error().what();
    auto as = json::decode<hetzner::action_list_response>(actions_body);
    ASSERT_TRUE(as) << as.error().what();
    EXPECT_EQ(as->actions[1].resources.size(), 2u);
}

// ---------------------------------------------------------------- forward compatibility

TEST(hetzner_models, unknown_enum_values_are_kept_and_re_encoded_unchanged)
{
    std::string body = with(image_body, R"("type":"snapshot")", R"("type":"iso")");
    body = with(body, R"("status":"available")", R"("status":"deleting")");
    body = with(body, R"("os_flavor":"ubuntu")", R"("os_flavor":"arch")");
    body = with(body, R"("architecture":"x86")", R"("architecture":"riscv64")");
    auto r = json::decode<hetzner::image_response>(body);
    ASSERT_TRUE(r) << r.error().what();
    auto const& i = *r->image;
    EXPECT_FALSE(i.type.is_known());
    EXPECT_EQ(i.type.wire(), "iso");
    for (auto t : {hetzner::image_type::system, hetzner::image_type::app, hetzner::image_type::snapshot,
                   hetzner::image_type::backup})
        EXPECT_FALSE(i.type == t);
    EXPECT_EQ(i.status.wire(), "deleting");
    EXPECT_EQ(i.os_flavor.wire(), "arch");
    EXPECT_FALSE(i.os_flavor == hetzner::os_flavor::unknown);  // "unknown" is a documented flavor, "arch" is not known
    EXPECT_EQ(i.architecture.wire(), "riscv64");
    EXPECT_EQ(json::encode(*r), body);  // byte for byte: the member order is the spec's

    std::string a = with(action_body, R"("status":"running")", R"("status":"cancelled")");
    a = with(a, R"("error":null)", R"("error":{"code":"quota_exceeded_v2","message":"m"})");
    auto ar = json::decode<hetzner::action_response>(a);
    ASSERT_TRUE(ar) << ar.error().what();
    EXPECT_EQ(ar->action.status.wire(), "cancelled");
    EXPECT_FALSE(ar->action.error->code.is_known());
    EXPECT_EQ(ar->action.error->code.wire(), "quota_exceeded_v2");
    EXPECT_EQ(boost::json::parse(json::encode(*ar)), boost::json::parse(a));  // same members, C++ order

    auto e = json::decode<hetzner::error_response>(R"({"error":{"code":"brand_new","message":"x"}})");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->error.code.wire(), "brand_new");
    EXPECT_EQ(json::encode(*e), R"({"error":{"code":"brand_new","message":"x"}})");
}

TEST(hetzner_models, known_error_codes_use_their_wire_names)
{
    auto e = json::decode<hetzner::error_response>(R"({"error":{"code":"protected","message":"x"}})");
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->error.code == hetzner::error_code::protected_);  // keyword-like names lose the underscore
    EXPECT_EQ(cloudimg::enum_to_wire(hetzner::error_code::protected_), "protected");
    EXPECT_EQ(cloudimg::enum_to_wire(hetzner::image_sort::created_desc), "created:desc");
    EXPECT_EQ(cloudimg::enum_to_wire(hetzner::action_sort::finished_asc), "finished:asc");
}

TEST(hetzner_models, extra_keys_are_skipped_at_every_level)
{
    std::string const junk = R"({"a":[1,{"b":null}],"c":"d","e":1e300,"f":-0.5,"g":true,"h":{}})";
    std::string body = list_body;
    body = with(body, R"({"images":)", R"({"future_root":)" + junk + R"(,"images":)");
    body = with(body, R"({"id":4711,)", R"({"id":4711,"x_new":)" + junk + ",");
    body = with(body, R"("created_from":{"id":1,)", R"("created_from":{"x":[],"id":1,)");
    body = with(body, R"("protection":{"delete":false})", R"("protection":{"delete":false,"rebuild":true})");
    body = with(body, R"("meta":{"pagination")", R"("meta":{"x":)" + junk + R"(,"pagination")");
    body = with(body, R"("total_entries":3)", R"("total_entries":3,"cursor":"abc")");
    auto r = json::decode<hetzner::list_images_response>(body);
    ASSERT_TRUE(r) << r.error().what();
    auto clean = json::decode<hetzner::list_images_response>(list_body);
    ASSERT_TRUE(clean);
    EXPECT_EQ(json::encode(*r), json::encode(*clean));

    std::string a = actions_body;
    a = with(a, R"("resources":[{"id":4711,)", R"("resources":[{"extra":{"deep":[[[]]]},"id":4711,)");
    a = with(a, R"("command":)", R"("x":null,"command":)");
    auto ar = json::decode<hetzner::action_list_response>(a);
    ASSERT_TRUE(ar) << ar.error().what();
    auto aclean = json::decode<hetzner::action_list_response>(actions_body);
    EXPECT_EQ(json::encode(*ar), json::encode(*aclean));

    // in a label map an extra key is a label, not skipped
    auto l = json::decode<hetzner::image_response>(with(image_body, R"("labels":{"env":"prod"})",
                                                         R"("labels":{"env":"prod","x":"y"})"));
    ASSERT_TRUE(l);
    EXPECT_EQ(l->image->labels.size(), 2u);
}

// ---------------------------------------------------------------- null and absent

TEST(hetzner_models, null_decodes_as_absent_where_the_key_may_be_absent)
{
    auto r = json::decode<hetzner::image_response>(with(image_body, R"("rapid_deploy":false)", R"("rapid_deploy":null)"));
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_FALSE(r->image->rapid_deploy.has_value());
    EXPECT_EQ(json::encode(*r).find("rapid_deploy"), std::string::npos);  // absent stays absent

    auto gone = json::decode<hetzner::image_response>(with(image_body, R"("rapid_deploy":false,)", ""));
    ASSERT_TRUE(gone);
    EXPECT_FALSE(gone->image->rapid_deploy.has_value());

    auto e = json::decode<hetzner::error_response>(R"({"error":{"code":"forbidden","message":"m","details":null}})");
    ASSERT_TRUE(e);
    EXPECT_FALSE(e->error.details.has_value());

    auto none = json::decode<hetzner::image_response>(R"({"image":null})");
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->image.has_value());
    auto empty = json::decode<hetzner::image_response>("{}");
    ASSERT_TRUE(empty);  // the spec does not require "image"
    EXPECT_FALSE(empty->image.has_value());
}

TEST(hetzner_models, required_nullable_keys_must_be_present)
{
    // the spec requires these keys and allows null: absent is an error, null is not
    expect_error<hetzner::image_response>(with(image_body, R"("name":null,)", ""), error::missing_field, "image.name");
    expect_error<hetzner::image_response>(with(image_body, R"("bound_to":null,)", ""), error::missing_field,
                                          "image.bound_to");
    expect_error<hetzner::image_response>(with(image_body, R"("deprecated":null,)", ""), error::missing_field,
                                          "image.deprecated");
    expect_error<hetzner::image_response>(with(image_body, R"(,"deleted":null)", ""), error::missing_field,
                                          "image.deleted");
    expect_error<hetzner::image_response>(with(image_body, R"("image_size":2.5,)", ""), error::missing_field,
                                          "image.image_size");
    expect_error<hetzner::image_response>(with(image_body, R"("created_from":{"id":1,"name":"Server"},)", ""),
                                          error::missing_field, "image.created_from");
    expect_error<hetzner::action_response>(with(action_body, R"("finished":null,)", ""), error::missing_field,
                                           "action.finished");
    expect_error<hetzner::action_response>(with(action_body, R"(,"error":null)", ""), error::missing_field,
                                           "action.error");
    expect_error<hetzner::list_images_response>(with(list_body, R"("next_page":null,)", ""), error::missing_field,
                                                "meta.pagination.next_page");
}

TEST(hetzner_models, missing_required_fields_name_their_path)
{
    // only the second image lacks "created"
    std::string const second = with(image_json, R"("id":4711)", R"("id":4712)");
    std::string const broken = with(list_body, second, with(second, R"("created":"2016-01-30T23:50:00Z",)", ""));
    expect_error<hetzner::list_images_response>(broken, error::missing_field, "images[1].created");
    expect_error<hetzner::list_images_response>(with(list_body, R"(,"meta":)" + pagination_json, ""),
                                                error::missing_field, "meta");
    expect_error<hetzner::list_images_response>(R"({"meta":)" + pagination_json + "}", error::missing_field, "images");
    expect_error<hetzner::image_response>(with(image_body, R"("description":"snap",)", ""), error::missing_field,
                                          "image.description");
    expect_error<hetzner::image_response>(with(image_body, R"("protection":{"delete":false})", R"("protection":{})"),
                                          error::missing_field, "image.protection.delete");
    expect_error<hetzner::image_response>(with(image_body, R"({"id":1,"name":"Server"})", R"({"id":1})"),
                                          error::missing_field, "image.created_from.name");
    expect_error<hetzner::action_list_response>(with(actions_body, R"({"id":42,"type":"server"})", R"({"id":42})"),
                                                error::missing_field, "actions[1].resources[1].type");
    expect_error<hetzner::error_response>(R"({"error":{"message":"m"}})", error::missing_field, "error.code");
    expect_error<hetzner::error_response>(R"({"error":{"code":"invalid_input","message":"m","details":)"
                                          R"({"fields":[{"name":"x"}]}}})",
                                          error::missing_field, "error.details.fields[0].messages");
    expect_error<hetzner::error_response>("{}", error::missing_field, "error");
}

// ---------------------------------------------------------------- wrong types and ranges

TEST(hetzner_models, wrong_types_name_their_path)
{
    expect_error<hetzner::image_response>(with(image_body, R"("id":4711)", R"("id":"4711")"), error::type_mismatch,
                                          "image.id");
    expect_error<hetzner::image_response>(with(image_body, R"("description":"snap")", R"("description":null)"),
                                          error::type_mismatch, "image.description");
    expect_error<hetzner::image_response>(with(image_body, R"("name":null)", R"("name":5)"), error::type_mismatch,
                                          "image.name");
    expect_error<hetzner::image_response>(with(image_body, R"("disk_size":20)", R"("disk_size":"20")"),
                                          error::type_mismatch, "image.disk_size");
    expect_error<hetzner::image_response>(with(image_body, R"("delete":false)", R"("delete":"false")"),
                                          error::type_mismatch, "image.protection.delete");
    expect_error<hetzner::image_response>(with(image_body, R"("delete":false)", R"("delete":0)"),
                                          error::type_mismatch, "image.protection.delete");
    expect_error<hetzner::image_response>(with(image_body, R"("labels":{"env":"prod"})", R"("labels":{"env":1})"),
                                          error::type_mismatch, "image.labels.env");
    expect_error<hetzner::image_response>(with(image_body, R"("labels":{"env":"prod"})", R"("labels":null)"),
                                          error::type_mismatch, "image.labels");
    expect_error<hetzner::image_response>(with(image_body, R"("labels":{"env":"prod"})", R"("labels":["env"])"),
                                          error::type_mismatch, "image.labels");
    expect_error<hetzner::image_response>(with(image_body, R"("type":"snapshot")", R"("type":1)"),
                                          error::type_mismatch, "image.type");
    expect_error<hetzner::image_response>(with(image_body, R"("created_from":{"id":1,"name":"Server"})",
                                               R"("created_from":"Server")"),
                                          error::type_mismatch, "image.created_from");
    expect_error<hetzner::list_images_response>(with(list_body, R"({"images":[)", R"({"images":{"0":)") , error::type_mismatch,
                                                "images");
    expect_error<hetzner::action_list_response>(with(actions_body, R"("resources":[{"id":4711,"type":"image"}],"error")",
                                                     R"("resources":[{"id":4711,"type":"image"},7],"error")"),
                                                error::type_mismatch, "actions[0].resources[1]");
    expect_error<hetzner::image_response>("[]", error::type_mismatch, "");
    expect_error<hetzner::image_response>("null", error::type_mismatch, "");
    expect_error<hetzner::image_response>(R"("image")", error::type_mismatch, "");
}

TEST(hetzner_models, integers_are_exact_and_range_checked)
{
    auto id = [](std::string_view v) { return with(image_body, R"("id":4711)", std::string(R"("id":)") + std::string(v)); };
    auto max = json::decode<hetzner::image_response>(id("9223372036854775807"));
    ASSERT_TRUE(max);
    EXPECT_EQ(max->image->id, std::numeric_limits<std::int64_t>::max());
    auto min = json::decode<hetzner::image_response>(id("-9223372036854775808"));
    ASSERT_TRUE(min);
    EXPECT_EQ(min->image->id, std::numeric_limits<std::int64_t>::min());
    auto above_2_53 = json::decode<hetzner::image_response>(id("9007199254740993"));  // not a double
    ASSERT_TRUE(above_2_53);
    EXPECT_EQ(above_2_53->image->id, 9007199254740993);
    EXPECT_NE(json::encode(*above_2_53).find(R"("id":9007199254740993,)"), std::string::npos);

    expect_error<hetzner::image_response>(id("9223372036854775808"), error::out_of_range, "image.id");  // 2^63
    expect_error<hetzner::image_response>(id("18446744073709551615"), error::out_of_range, "image.id");
    // beyond 64 bits the JSON parser only has a double: not an integer any more
    expect_error<hetzner::image_response>(id("18446744073709551616"), error::type_mismatch, "image.id");
    expect_error<hetzner::image_response>(id("-9223372036854775809"), error::type_mismatch, "image.id");
    expect_error<hetzner::image_response>(id("1.5"), error::type_mismatch, "image.id");
    expect_error<hetzner::image_response>(id("1.0"), error::type_mismatch, "image.id");
    expect_error<hetzner::image_response>(id("1e3"), error::type_mismatch, "image.id");
    expect_error<hetzner::image_response>(id("true"), error::type_mismatch, "image.id");

    auto progress = [](std::string_view v) {
        return with(action_body, R"("progress":0)", std::string(R"("progress":)") + std::string(v));
    };
    ASSERT_TRUE(json::decode<hetzner::action_response>(progress("2147483647")));
    expect_error<hetzner::action_response>(progress("2147483648"), error::out_of_range, "action.progress");  // int32
    expect_error<hetzner::action_response>(progress("-2147483649"), error::out_of_range, "action.progress");
    expect_error<hetzner::action_response>(progress("50.5"), error::type_mismatch, "action.progress");

    // nullable integers are range-checked the same way
    expect_error<hetzner::list_images_response>(with(list_body, R"("last_page":1)", R"("last_page":9223372036854775808)"),
                                                error::out_of_range, "meta.pagination.last_page");
    expect_error<hetzner::image_response>(with(image_body, R"("bound_to":null)", R"("bound_to":0.5)"),
                                          error::type_mismatch, "image.bound_to");

    // a number field takes integers and fractions alike
    auto sizes = json::decode<hetzner::image_response>(with(image_body, R"("disk_size":20)", R"("disk_size":1.5e1)"));
    ASSERT_TRUE(sizes);
    EXPECT_EQ(sizes->image->disk_size, 15.0);
}

TEST(hetzner_models, invalid_timestamps_are_invalid_values)
{
    for (std::string bad : {"2016-01-30T23:50:00", "2016-02-30T23:50:00Z", "2016-01-30T24:00:00Z", "2016-01-30T23:60:00Z",
                            "2016-01-30T23:50:00+0100", "2016-01-30T23:50:00+24:00", "2016-01-30", "yesterday", "",
                            "2016-01-30T23:50:00.Z", "2016-01-30T23:50:00Z ", " 2016-01-30T23:50:00Z",
                            "2016-01-30X23:50:00Z", "2016-13-01T00:00:00Z"}) {
        SCOPED_TRACE(bad);
        expect_error<hetzner::image_response>(
            with(image_body, R"("created":"2016-01-30T23:50:00Z")", R"("created":")" + bad + '"'), error::invalid_value,
            "image.created");
    }
    expect_error<hetzner::image_response>(with(image_body, R"("created":"2016-01-30T23:50:00Z")", R"("created":1454197800)"),
                                          error::type_mismatch, "image.created");
    expect_error<hetzner::image_response>(with(image_body, R"("deprecated":null)", R"("deprecated":"soon")"),
                                          error::invalid_value, "image.deprecated");
    expect_error<hetzner::action_response>(with(action_body, R"("finished":null)", R"("finished":"2016-01-30")"),
                                           error::invalid_value, "action.finished");

    // RFC 3339 allows these; they decode to the same instant
    for (std::string good : {"2016-01-31T00:50:00+01:00", "2016-01-30t23:50:00z", "2016-01-30 23:50:00Z",
                             "2016-01-30T23:50:00.000000000000Z", "2016-01-30T18:20:00-05:30"}) {
        SCOPED_TRACE(good);
        auto r = json::decode<hetzner::image_response>(
            with(image_body, R"("created":"2016-01-30T23:50:00Z")", R"("created":")" + good + '"'));
        ASSERT_TRUE(r) << r.error().what();
        EXPECT_EQ(r->image->created, cloudimg::parse_timestamp("2016-01-30T23:50:00Z").value());
    }
    // "deleted" has no date-time format in the spec: kept as text
    auto d = json::decode<hetzner::image_response>(with(image_body, R"("deleted":null)", R"("deleted":"not a date")"));
    ASSERT_TRUE(d);
    EXPECT_EQ(*d->image->deleted, "not a date");
}

// Go's zero time (what a Go server writes for "never") and other instants
// outside the ~1677..2262 range of int64 nanoseconds: decoded exactly, or
// refused as invalid_value, but never silently moved to another instant.
TEST(hetzner_models, timestamps_outside_the_nanosecond_range_are_not_moved)
{
    for (std::string far : {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1677-09-21T00:12:43.145224191Z",
                            "2262-04-11T23:47:16.854775808Z"}) {
        SCOPED_TRACE(far);
        auto r = json::decode<hetzner::image_response>(
            with(image_body, R"("created":"2016-01-30T23:50:00Z")", R"("created":")" + far + '"'));
        if (r) {
            EXPECT_EQ(cloudimg::to_string(r->image->created), far) << "decoded to another instant";
        } else {
            EXPECT_EQ(r.error().code, error::invalid_value);
            EXPECT_EQ(r.error().path, "image.created");
        }
    }
    // the edges of the range are exact
    for (std::string edge : {"1677-09-21T00:12:43.145224192Z", "2262-04-11T23:47:16.854775807Z"}) {
        auto r = json::decode<hetzner::image_response>(
            with(image_body, R"("created":"2016-01-30T23:50:00Z")", R"("created":")" + edge + '"'));
        ASSERT_TRUE(r) << edge;
        EXPECT_EQ(cloudimg::to_string(r->image->created), edge);
    }
}

// ---------------------------------------------------------------- request bodies

TEST(hetzner_models, request_bodies_encode_only_what_is_set)
{
    EXPECT_EQ(json::encode(hetzner::change_protection_request{}), "{}");
    EXPECT_EQ(json::encode(hetzner::change_protection_request{.delete_ = false}), R"({"delete":false})");
    EXPECT_EQ(json::encode(hetzner::update_image_request{.description = ""}), R"({"description":""})");
    EXPECT_EQ(json::encode(hetzner::update_image_request{.type = hetzner::image_conversion::snapshot}),
              R"({"type":"snapshot"})");
    EXPECT_EQ(json::encode(hetzner::update_image_request{
                  .labels = std::map<std::string, std::string>{{"b", "\x01\"\\"}, {"a", "\xc3\xa9"}}}),
              "{\"labels\":{\"a\":\"\xc3\xa9\",\"b\":\"\\u0001\\\"\\\\\"}}");
    // requests use closed enums: decoding one back rejects values the client could not have sent
    auto r = json::decode<hetzner::update_image_request>(R"({"type":"backup"})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_value);
    EXPECT_EQ(r.error().path, "type");
}

TEST(hetzner_models, null_labels_are_empty_only_when_asked)
{
    using cloudimg::test_support::decode_null_collection;
    using cloudimg::test_support::with_null_at;
    auto const file = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "golden" / "hetzner" / "list_images.response.json";
    auto page = decode_null_collection<hetzner::list_images_response>(with_null_at(file, "/images/0/labels"), "images[0].labels");
    ASSERT_TRUE(page);
    EXPECT_TRUE(page->images.at(0).labels.empty());
    auto none = decode_null_collection<hetzner::list_images_response>(with_null_at(file, "/images"), "images");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->images.empty());
}

} // namespace
