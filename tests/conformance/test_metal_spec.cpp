// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The metal-stack endpoints and models against the vendored metal-api spec
// (tests/data/specs/metal/metal-api.image.json, Swagger 2.0, cut to /v1/image),
// driven by reflection over `metal::endpoints`: an operation added, renamed or
// changed on either side fails here. The spec is read with Boost.JSON's DOM,
// in the test only; "$ref"s resolve against it.

// The header under test comes first: it must be self-contained.
#include <cloudimg/metal.hpp>

#include "schema_walk.hpp"

#include <cloudimg/json.hpp>
#include <cloudimg/response.hpp>

#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#ifndef CLOUDIMG_METAL_SPEC
#define CLOUDIMG_METAL_SPEC CLOUDIMG_TEST_DATA_DIR "/specs/metal/metal-api.image.json"
#endif

namespace metal = cloudimg::metal;
namespace bj = boost::json;
using schema_walk::checker;
using schema_walk::lower;
using schema_walk::report;
using schema_walk::direction;

namespace {

schema_walk::spec_document const& document()
{
    static schema_walk::spec_document const d(CLOUDIMG_METAL_SPEC);
    return d;
}

bj::object const& spec()
{
    return document().root();
}

// Every operation of the spec, by operationId.
std::map<std::string, schema_walk::operation> const& spec_operations()
{
    return document().operations();
}

template <class F>
void for_each_endpoint(F&& f)
{
    schema_walk::for_each_type<metal::endpoints>(std::forward<F>(f));
}

template <class E>
schema_walk::operation const* find_operation()
{
    return document().find(E::operation_id);
}

// The C++ name of an operationId: its first word, camelCase to snake_case.
std::string snake_name(std::string_view operation_id)
{
    std::string out;
    for (char c : operation_id.substr(0, operation_id.find(' '))) {
        if (c >= 'A' && c <= 'Z') {
            out += '_';
            c = static_cast<char>(c - 'A' + 'a');
        }
        out += c;
    }
    return out;
}

// The deliberate differences between cloudimg's models and this spec, keyed
// "<C++ type>.<wire member>". Each one must still be needed (checked below).
std::map<std::string, std::string> deviations()
{
    std::string const features = "a string array in the spec; cloudimg decodes open_enum<image_feature> "
                                 "(machine, firewall: the values metal-api accepts), which keeps other values as text";
    std::string const classification = "a plain string in the spec; cloudimg decodes open_enum<image_classification> "
                                       "(preview, supported, deprecated), which keeps other values as text";
    return {
        {"image.features", features},
        {"image.classification", classification},
        {"image_create_request.features", features},
        {"image_create_request.classification", classification},
        {"image_update_request.features", features},
        {"image_update_request.classification", classification},
        {"image_find_request.features", features},
        {"image_find_request.classification",
         "a closed enum in the spec (same three values, checked separately); open_enum in C++ so that a "
         "classification read from an image can be sent back unchanged"},
    };
}

checker make_checker(direction d, std::map<std::string, std::string> devs = deviations())
{
    checker c(d, std::move(devs));
    c.root = &spec();
    return c;
}

TEST(metal_spec, the_vendored_spec_is_the_one_expected)
{
    EXPECT_EQ(spec().at("swagger").as_string(), "2.0");
    EXPECT_EQ(spec().at("basePath").as_string(), "/");
    EXPECT_FALSE(spec().contains("host"));     // no default server: metal::config has no default base URL
    EXPECT_FALSE(spec().contains("schemes"));
    EXPECT_EQ(spec().at("info").at("license").at("name").as_string(), "AGPL-3.0");
    EXPECT_EQ(spec_operations().size(), 8u);
    EXPECT_EQ(spec().at("definitions").as_object().size(), 5u);  // cut to what the image paths reference
}

TEST(metal_spec, both_security_schemes_are_an_authorization_header)
{
    auto const& defs = spec().at("securityDefinitions").as_object();
    ASSERT_EQ(defs.size(), 2u);
    for (char const* scheme : {"HMAC", "jwt"}) {
        auto const& d = defs.at(scheme).as_object();
        EXPECT_EQ(d.at("type").as_string(), "apiKey") << scheme;
        EXPECT_EQ(d.at("in").as_string(), "header") << scheme;
        EXPECT_EQ(d.at("name").as_string(), "Authorization") << scheme;
    }
    EXPECT_EQ(bj::serialize(spec().at("security")), R"([{"HMAC":[]},{"jwt":[]}])");  // either one
    for (auto const& [id, op] : spec_operations())
        EXPECT_FALSE(op.op->contains("security")) << id << " overrides the global security";

    auto bearer = metal::prepare(metal::config{.base_url = "https://m.example", .auth = metal::bearer_token{"abc"}},
                                 metal::list_images{});
    ASSERT_TRUE(bearer);
    EXPECT_EQ(bearer->headers.find("Authorization").value_or(""), "Bearer abc");
    // HMAC fills the same header; its format is tested in tests/metal/test_hmac.cpp
    auto signer = metal::prepare(metal::config{.base_url = "https://m.example",
                                               .auth = metal::request_signer([](cloudimg::request& r) -> cloudimg::result<void> {
                                                   r.headers.set("Authorization", "Metal-Admin 00");
                                                   return {};
                                               })},
                                 metal::list_images{});
    ASSERT_TRUE(signer);
    EXPECT_EQ(signer->headers.find("Authorization").value_or(""), "Metal-Admin 00");
}

TEST(metal_spec, every_operation_is_an_endpoint_and_every_endpoint_an_operation)
{
    std::set<std::string> seen;
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        std::string const name(cloudimg::name_of<E>());
        EXPECT_TRUE(seen.insert(std::string(E::operation_id)).second) << name << " is listed twice";
        EXPECT_EQ(name, snake_name(E::operation_id)) << "the C++ name follows the operationId";
        auto const* op = find_operation<E>();
        if (!op) {
            ADD_FAILURE() << name << ": no spec operation \"" << E::operation_id << '"';
            return;
        }
        EXPECT_EQ(lower(cloudimg::to_string(E::method)), op->method) << name;
        EXPECT_EQ(std::string(E::path), op->path) << name;
        static_assert(std::is_same_v<typename E::provider, metal::provider>);
    });
    for (auto const& [id, op] : spec_operations())
        EXPECT_TRUE(seen.count(id)) << "spec operation \"" << id << "\" (" << op.method << ' ' << op.path
                                    << ") has no endpoint in metal::endpoints";
}

TEST(metal_spec, the_operation_id_with_spaces_is_query_images)
{
    auto const it = spec_operations().find("queryImages by id");
    ASSERT_NE(it, spec_operations().end());
    EXPECT_EQ(it->second.path, "/v1/image/{id}/query");
    EXPECT_EQ(metal::query_images::operation_id, "queryImages by id");
    EXPECT_EQ(cloudimg::name_of<metal::query_images>(), "query_images");
}

TEST(metal_spec, create_is_put_and_update_is_post)
{
    EXPECT_EQ(spec_operations().at("createImage").method, "put");
    EXPECT_EQ(spec_operations().at("updateImage").method, "post");
    EXPECT_EQ(metal::create_image::method, cloudimg::http_method::put);
    EXPECT_EQ(metal::update_image::method, cloudimg::http_method::post);
}

TEST(metal_spec, parameters_match_in_name_location_requiredness_and_type)
{
    checker c = make_checker(direction::request);
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        if (auto const* op = find_operation<E>())
            schema_walk::check_operation_parameters<E>(c, *op->op, std::string(cloudimg::name_of<E>()));
    });
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
}

TEST(metal_spec, show_usage_is_left_to_the_servers_default_unless_set)
{
    for (char const* id : {"listImages", "findImages"}) {
        auto const& params = spec_operations().at(id).op->at("parameters").as_array();
        auto const it = std::find_if(params.begin(), params.end(), [](bj::value const& p) { return p.at("name") == "show-usage"; });
        ASSERT_NE(it, params.end()) << id;
        EXPECT_EQ(it->at("default"), bj::value(false)) << id;
        EXPECT_FALSE(it->as_object().contains("required")) << id;
    }
    metal::config const cfg{.base_url = "https://m.example"};
    EXPECT_EQ(metal::prepare(cfg, metal::list_images{})->target, "/v1/image");
    EXPECT_EQ(metal::prepare(cfg, metal::list_images{.show_usage = true})->target, "/v1/image?show-usage=true");
    EXPECT_EQ(metal::prepare(cfg, metal::find_images{.show_usage = false})->target, "/v1/image/find?show-usage=false");
}

TEST(metal_spec, request_bodies_exist_exactly_where_the_spec_has_one_and_match_it)
{
    checker c = make_checker(direction::request);
    int bodies = 0;
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        std::string const name(cloudimg::name_of<E>());
        auto const* op = find_operation<E>();
        if (!op)
            return;
        std::string const media = schema_walk::check_operation_body<E>(c, *op->op, name);
        if (media.empty())
            return;
        ++bodies;
        // the body goes out with the spec's media type
        auto req = metal::prepare(metal::config{.base_url = "https://m.example"}, E{});
        ASSERT_TRUE(req) << name << ": " << req.error().what();
        EXPECT_EQ(req->headers.find("Content-Type").value_or(""), media) << name;
    });
    EXPECT_EQ(bodies, 3);
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
}

TEST(metal_spec, responses_match_recursively)
{
    checker c = make_checker(direction::response);
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        if (auto const* op = find_operation<E>())
            schema_walk::check_operation_responses<E>(c, *op->op, std::string(cloudimg::name_of<E>()));
    });
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
}

TEST(metal_spec, every_definition_is_a_model_both_ways_and_every_deviation_is_needed)
{
    // each definition against its C++ type, in the direction it travels
    checker request = make_checker(direction::request);
    checker response = make_checker(direction::response);
    auto const& defs = spec().at("definitions").as_object();
    std::set<std::string> checked;
    auto check = [&](checker& c, std::string const& definition, schema_walk::node const& n) {
        checked.insert(definition);
        c.element(defs.at(definition).as_object(), n, definition);
    };
    check(response, "v1.ImageResponse", schema_walk::walk<metal::image>());
    check(response, "httperrors.HTTPErrorResponse", schema_walk::walk<metal::http_error_response>());
    check(request, "v1.ImageCreateRequest", schema_walk::walk<metal::image_create_request>());
    check(request, "v1.ImageUpdateRequest", schema_walk::walk<metal::image_update_request>());
    check(request, "v1.ImageFindRequest", schema_walk::walk<metal::image_find_request>());
    EXPECT_TRUE(request.problems.empty()) << report(request.problems);
    EXPECT_TRUE(response.problems.empty()) << report(response.problems);
    for (auto const& [name, schema] : defs)
        EXPECT_TRUE(checked.count(std::string(name))) << "definition " << name << " has no C++ model";

    // a stale deviation would hide a future difference
    for (auto const& [key, reason] : deviations())
        EXPECT_TRUE(request.used.count(key) || response.used.count(key))
            << "deviation \"" << key << "\" is no longer needed: remove it (" << reason << ')';
}

TEST(metal_spec, the_find_requests_classification_enum_is_image_classification)
{
    std::set<std::string> spec_values;
    for (auto const& v : spec().at("definitions").at("v1.ImageFindRequest").at("properties").at("classification").at("enum").as_array())
        spec_values.emplace(v.as_string());
    EXPECT_EQ(spec_values, schema_walk::enum_values<metal::image_classification>());
}

// ---------------------------------------------------------------- spec -> C++ -> spec

// A document with every property of `schema` set to a value of its type (no
// examples exist in this spec): what a complete server or client would send.
bj::value sample(bj::object const& unresolved, checker& c, std::string const& where, int salt = 0)
{
    auto const s = c.flatten(unresolved, where);
    std::string const type = checker::str(s.if_contains("type"));
    if (auto const* e = s.if_contains("enum"))
        return e->as_array().at(static_cast<std::size_t>(salt) % e->as_array().size());
    if (type == "string")
        return checker::str(s.if_contains("format")) == "date-time" ? bj::value("2026-03-01T12:00:00.25+01:00")
                                                                    : bj::value(where + '#' + std::to_string(salt));
    if (type == "integer")
        return checker::str(s.if_contains("format")) == "int32" ? bj::value(-2147483647 - salt) : bj::value(salt);
    if (type == "boolean")
        return bj::value(salt % 2 == 0);
    if (type == "array") {
        bj::array a;
        for (int i = 0; i < 2; ++i)
            a.push_back(sample(s.at("items").as_object(), c, where + "[]", salt + i));
        return a;
    }
    bj::object o;
    if (auto const* props = s.if_contains("properties"))
        for (auto const& [k, v] : props->as_object())
            o[k] = sample(v.as_object(), c, std::string(k), salt);
    return o;
}

template <class T>
void expect_spec_round_trip(std::string const& definition)
{
    SCOPED_TRACE(definition);
    checker c = make_checker(direction::response);
    bj::value const doc = sample(spec().at("definitions").at(definition).as_object(), c, definition);
    ASSERT_TRUE(c.problems.empty()) << report(c.problems);
    std::string const text = bj::serialize(doc);
    auto decoded = cloudimg::json::decode<T>(text);
    ASSERT_TRUE(decoded) << decoded.error().what() << "\n" << text;
    auto const tree = schema_walk::walk<T>();
    std::vector<std::string> unknown, ignored;
    auto const want = schema_walk::normalise(doc, tree, "", unknown);
    EXPECT_TRUE(unknown.empty()) << "spec properties the model skips:" << report(unknown);
    std::string const encoded = cloudimg::json::encode(*decoded);
    EXPECT_EQ(schema_walk::normalise(bj::parse(encoded), tree, "", ignored), want) << encoded;
    // and everything the model writes is a property of the spec's schema
    auto const& props = spec().at("definitions").at(definition).at("properties").as_object();
    bj::value const written = bj::parse(encoded);
    for (auto const& [key, value] : written.as_object())
        EXPECT_TRUE(props.contains(key)) << "C++ writes \"" << key << "\", which " << definition << " does not have";
}

TEST(metal_spec, a_complete_document_of_each_definition_decodes_and_encodes_back)
{
    expect_spec_round_trip<metal::image>("v1.ImageResponse");
    expect_spec_round_trip<metal::image_create_request>("v1.ImageCreateRequest");
    expect_spec_round_trip<metal::image_update_request>("v1.ImageUpdateRequest");
    expect_spec_round_trip<metal::image_find_request>("v1.ImageFindRequest");
    expect_spec_round_trip<metal::http_error_response>("httperrors.HTTPErrorResponse");
}

TEST(metal_spec, error_responses_are_http_error_response)
{
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        static_assert(std::is_same_v<cloudimg::failure_type_t<E>, cloudimg::api_failure<metal::http_error_response>>);
        auto const* op = find_operation<E>();
        if (!op)
            return;
        auto const& responses = op->op->at("responses").as_object();
        EXPECT_TRUE(responses.contains("default")) << cloudimg::name_of<E>();
        // 409 is documented for create and update only; it decodes like any other error
        bool const conflict = std::string_view(E::operation_id) == "createImage" || std::string_view(E::operation_id) == "updateImage";
        EXPECT_EQ(responses.contains("409"), conflict) << cloudimg::name_of<E>();
    });
}

// The Swagger 2.0 paths of schema_walk must see differences, or the tests above prove nothing.
namespace wrong {
struct list {
    std::vector<std::string> tag{};    // spec: csv array, not "multi"
    std::optional<std::int64_t> limit{};  // spec: required
    std::string body;                  // spec: optional body of another type

    using provider = metal::provider;
    [[maybe_unused]] static constexpr cloudimg::http_method method = cloudimg::http_method::post;  // for the endpoint concept
    static constexpr std::string_view path = "/things";
    using responses = cloudimg::responses<cloudimg::on_status<200, metal::image>>;
};
BOOST_DESCRIBE_STRUCT(list, (), (tag, limit, body))
} // namespace wrong

TEST(metal_spec, the_swagger_checks_report_each_kind_of_difference)
{
    auto const op = bj::parse(R"({"consumes":["application/json","text/plain"],"parameters":[
        {"in":"query","name":"tag","type":"array","items":{"type":"string"}},
        {"in":"query","name":"limit","type":"integer","required":true},
        {"in":"header","name":"X-Extra","type":"string"},
        {"in":"body","name":"body","schema":{"type":"integer"}}],
        "responses":{"201":{"schema":{"$ref":"#/definitions/v1.ImageResponse"}},
                     "default":{"description":"no schema"}}})").as_object();
    checker c = make_checker(direction::request, {});
    schema_walk::check_operation_parameters<wrong::list>(c, op, "list");
    schema_walk::check_operation_body<wrong::list>(c, op, "list");
    schema_walk::check_operation_responses<wrong::list>(c, op, "list");
    std::set<std::string> const expected{
        "list parameter tag: a Swagger 2.0 array without \"collectionFormat\": \"multi\"; C++ sends repeated keys",
        "list parameter limit: required in the spec, optional in C++",
        "list parameter X-Extra: in the spec, not a member of list",
        "list body: optional in the spec, a plain member in C++",
        "list body: the spec offers 2 media types",
        "list: spec success status 201 is not in E::responses",
        "list default: spec error response without a JSON body",
        "list: E::responses has status 200 that the spec does not document",
    };
    EXPECT_EQ(std::set<std::string>(c.problems.begin(), c.problems.end()), expected) << report(c.problems);

    // "x-nullable" is Swagger 2.0's "nullable"; a definition without "type" but with properties is an object
    checker n = make_checker(direction::response, {});
    n.element(bj::parse(R"({"type":"string","x-nullable":true})").as_object(), schema_walk::walk<std::string>(), "a");
    n.element(bj::parse(R"({"type":"string","x-nullable":true})").as_object(),
              schema_walk::walk<cloudimg::nullable<std::string>>(), "b");
    n.element(bj::parse(R"({"required":["message"],"properties":{"message":{"type":"string"}}})").as_object(),
              schema_walk::walk<metal::http_error_response>(), "c");
    EXPECT_EQ(n.problems, (std::vector<std::string>{"a: spec nullable, C++ not nullable<T>",
                                                    "c.statuscode: C++ member of http_error_response is not in the spec"}))
        << report(n.problems);
}

} // namespace
