// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The Oxide endpoints and models against the vendored official OpenAPI spec
// (tests/data/specs/oxide/nexus.images.spec.json), driven by reflection over
// `oxide::endpoints`: operations, parameters, bodies and responses, both ways,
// through the spec's "$ref"s, "allOf"s and "oneOf"s. The Name and UUID rules
// are checked against the spec's own regular expression on generated text.

// The header under test comes first: it must be self-contained.
#include <cloudimg/oxide.hpp>

#include "../oxide/wire_shapes.hpp"
#include "schema_walk.hpp"

#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace oxide = cloudimg::oxide;
namespace bj = boost::json;
using schema_walk::checker;
using schema_walk::lower;
using schema_walk::report;
using schema_walk::direction;

namespace {

schema_walk::spec_document const& document()
{
    static schema_walk::spec_document const d(std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "specs" / "oxide" /
                                              "nexus.images.spec.json");
    return d;
}

bj::object const& spec()
{
    return document().root();
}

// Every operation of the vendored spec, by operationId.
std::map<std::string, schema_walk::operation> const& spec_operations()
{
    return document().operations();
}

schema_walk::operation const* find_operation(std::string_view id)
{
    return document().find(id);
}

template <class F>
void for_each_endpoint(F&& f)
{
    schema_walk::for_each_type<oxide::endpoints>(std::forward<F>(f));
}

checker make_checker(direction d)
{
    checker c(d);
    c.root = &spec();
    return c;
}

TEST(oxide_spec, the_vendored_spec_is_the_one_expected)
{
    EXPECT_EQ(spec().at("openapi").as_string(), "3.0.3");
    EXPECT_EQ(spec().at("info").at("title").as_string(), "Oxide Region API");
    // the default api-version header is the version of the spec the models follow
    EXPECT_EQ(spec().at("info").at("version").as_string(), oxide::api_version);
    EXPECT_EQ(oxide::config{}.api_version, spec().at("info").at("version").as_string());
    // no servers (every silo has its own URL: no default host) and no security schemes
    EXPECT_FALSE(spec().contains("servers"));
    EXPECT_TRUE(oxide::config{}.base_url.empty());
    EXPECT_FALSE(spec().at("components").as_object().contains("securitySchemes"));
    EXPECT_EQ(spec_operations().size(), 6u);
}

TEST(oxide_spec, every_operation_is_an_endpoint_and_every_endpoint_an_operation)
{
    std::set<std::string> seen;
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        std::string const op_id(E::operation_id);
        EXPECT_TRUE(seen.insert(op_id).second) << op_id << " is implemented twice in oxide::endpoints";
        auto const* op = find_operation(op_id);
        if (!op) {
            ADD_FAILURE() << cloudimg::name_of<E>() << ": no spec operation " << op_id;
            return;
        }
        EXPECT_EQ(lower(cloudimg::to_string(E::method)), op->method) << op_id;
        EXPECT_EQ(std::string(E::path), op->path) << op_id;
        static_assert(std::is_same_v<typename E::provider, oxide::provider>);
    });
    for (auto const& [id, op] : spec_operations())
        EXPECT_TRUE(seen.count(id)) << "spec operation " << id << " (" << op.method << ' ' << op.path
                                    << ") has no endpoint in oxide::endpoints";
}

TEST(oxide_spec, parameters_match_in_name_location_requiredness_repetition_and_type)
{
    auto c = make_checker(direction::request);
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        if (auto const* op = find_operation(E::operation_id))
            schema_walk::check_operation_parameters<E>(c, *op->op, std::string(cloudimg::name_of<E>()));
    });
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
}

TEST(oxide_spec, request_bodies_exist_exactly_where_the_spec_has_one_and_match_it)
{
    auto c = make_checker(direction::request);
    int bodies = 0;
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        auto const* op = find_operation(E::operation_id);
        if (!op)
            return;
        std::string const name(cloudimg::name_of<E>());
        auto const media = schema_walk::check_operation_body<E>(c, *op->op, name);
        if (media.empty())
            return;
        ++bodies;
        // the body goes out with the spec's media type
        E ep{};
        if constexpr (requires { ep.body.source.id; }) {
            ep.body.name = "a";
            ep.body.source.id = "0d6f9b2a-3c4e-4f5a-8b7c-1d2e3f4a5b6c";
        }
        auto req = oxide::prepare(oxide::config{.base_url = "https://oxide.sys.example.com"}, ep);
        ASSERT_TRUE(req) << name << ": " << req.error().what();
        EXPECT_EQ(req->headers.find("Content-Type").value_or(""), media) << name;
    });
    EXPECT_EQ(bodies, 1);
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
}

TEST(oxide_spec, responses_match_recursively_through_refs_allof_and_oneof)
{
    auto c = make_checker(direction::response);
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        if (auto const* op = find_operation(E::operation_id))
            schema_walk::check_operation_responses<E>(c, *op->op, std::string(cloudimg::name_of<E>()));
    });
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
}

TEST(oxide_spec, every_error_status_is_the_error_schema_and_failures_carry_its_body)
{
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        static_assert(std::is_same_v<cloudimg::failure_type_t<E>, cloudimg::api_failure<oxide::error_response>>);
        auto const* op = find_operation(E::operation_id);
        ASSERT_TRUE(op);
        auto const& responses = op->op->at("responses").as_object();
        for (std::string_view range : {"4XX", "5XX"}) {
            ASSERT_TRUE(responses.contains(range)) << E::operation_id;
            EXPECT_EQ(responses.at(range).at("$ref").as_string(), "#/components/responses/Error") << E::operation_id;
        }
    });
    EXPECT_EQ(spec().at("components").at("responses").at("Error").at("content").at("application/json").at("schema").at("$ref")
                  .as_string(),
              "#/components/schemas/Error");
}

// ---------------------------------------------------------------- Name and UUID rules

std::string const& schema_string(std::string_view schema, std::string_view key)
{
    static std::map<std::string, std::string> cache;
    std::string const k = std::string(schema) + '.' + std::string(key);
    if (!cache.count(k))
        cache[k] = std::string(spec().at("components").at("schemas").at(schema).at(key).as_string());
    return cache[k];
}

// What the spec says about text as a Name: its pattern (JSON Schema patterns
// are ECMAScript and unanchored; this one anchors itself) and its lengths.
bool spec_says_name(std::string const& s)
{
    static std::regex const pattern(schema_string("Name", "pattern"), std::regex::ECMAScript);
    auto const& name = spec().at("components").at("schemas").at("Name");
    auto const min = name.at("minLength").to_number<std::size_t>();
    auto const max = name.at("maxLength").to_number<std::size_t>();
    return s.size() >= min && s.size() <= max && std::regex_search(s, pattern);
}

// `format: uuid` as JSON Schema validators implement it (RFC 4122 text form, any case).
bool format_says_uuid(std::string const& s)
{
    static std::regex const uuid("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
                                 std::regex::ECMAScript | std::regex::icase);
    return std::regex_search(s, uuid);
}

TEST(oxide_spec, is_name_agrees_with_the_spec_pattern_on_generated_text)
{
    EXPECT_EQ(schema_string("Name", "pattern"),
              "^(?![0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$)^[a-z]([a-zA-Z0-9-]*[a-zA-Z0-9]+)?$");
    std::vector<std::string> samples{"", "a", "A", "0", "-", "a-", "a-b", "aB", "a_b", "a b", "a.b",
                                     "abcdef01-2345-6789-abcd-ef0123456789", "abcdef01-2345-6789-abcd-ef012345678",
                                     "abcdef01-2345-6789-abcd-ef0123456789a", std::string(63, 'a'), std::string(64, 'a'),
                                     "a\n", "\na", "a\xc3\xa9"};
    // random text over an alphabet that hits every rule, and mutated UUIDs
    std::mt19937 rng(20260819);
    std::string const alphabet = "abcfzABFZ0189-_ .{}\xc3";
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), len(0, 70);
    for (int i = 0; i < 20000; ++i) {
        std::string s(len(rng), ' ');
        for (auto& ch : s)
            ch = alphabet[pick(rng)];
        samples.push_back(std::move(s));
    }
    std::string const hex = "0123456789abcdefABCDEF";
    std::uniform_int_distribution<std::size_t> hexpick(0, hex.size() - 1), pos(0, 35);
    for (int i = 0; i < 5000; ++i) {
        std::string u = "a0000000-0000-0000-0000-000000000000";
        for (std::size_t j = 0; j < u.size(); ++j)
            if (u[j] != '-')
                u[j] = hex[hexpick(rng)];
        if (i % 3 == 1)
            u[pos(rng)] = alphabet[pick(rng)];
        if (i % 3 == 2)
            u.insert(pos(rng), 1, hex[hexpick(rng)]);
        samples.push_back(std::move(u));
    }
    std::size_t names = 0, uuids = 0;
    for (auto const& s : samples) {
        ASSERT_EQ(oxide::is_name(s), spec_says_name(s)) << '"' << s << '"';
        ASSERT_EQ(oxide::is_uuid(s), format_says_uuid(s)) << '"' << s << '"';
        // NameOrId is oneOf [uuid, Name]: the classification follows, and the two never overlap
        oxide::name_or_id const v = s;
        ASSERT_FALSE(spec_says_name(s) && format_says_uuid(s)) << s;
        ASSERT_EQ(v.is_id(), format_says_uuid(s)) << s;
        ASSERT_EQ(v.is_name(), spec_says_name(s)) << s;
        names += v.is_name();
        uuids += v.is_id();
    }
    // the generator must reach both sides of every rule, or the agreement proves little
    EXPECT_GT(names, 500u);
    EXPECT_GT(uuids, 1000u);
    EXPECT_LT(names + uuids, samples.size() - 5000);
}

// ---------------------------------------------------------------- the checker sees differences

namespace wrong {
struct tagged {
    std::string type;  // spec: an enum
    std::string id;    // spec: format uuid
};
BOOST_DESCRIBE_STRUCT(tagged, (), (type, id))
struct holder {
    std::uint64_t size;                      // spec: integer enum
    cloudimg::oxide::name_or_id target;      // spec: oneOf of three
    cloudimg::oxide::uuid ref;               // spec: "$ref" to nowhere
    std::optional<tagged> source;            // spec: required
};
BOOST_DESCRIBE_STRUCT(holder, (), (size, target, ref, source))
} // namespace wrong

TEST(oxide_spec, the_checker_reports_differences_behind_refs_allofs_and_oneofs)
{
    auto const doc = bj::parse(R"({"components":{"schemas":{
        "Size":{"type":"integer","enum":[1,2]},
        "Tagged":{"oneOf":[{"type":"object","required":["type","id"],"properties":{
            "type":{"type":"string","enum":["snapshot"]},"id":{"type":"string","format":"uuid"}}}]},
        "Three":{"oneOf":[{"type":"string","format":"uuid"},{"type":"string"},{"type":"integer"}]}}}})");
    auto const schema = bj::parse(R"({"type":"object","required":["size","target","ref","source"],"properties":{
        "size":{"allOf":[{"$ref":"#/components/schemas/Size"}]},
        "target":{"$ref":"#/components/schemas/Three"},
        "ref":{"$ref":"#/components/schemas/Missing"},
        "source":{"allOf":[{"$ref":"#/components/schemas/Tagged"}]}}})");
    checker c(direction::response);
    c.root = &doc.as_object();
    c.element(schema.as_object(), schema_walk::walk<wrong::holder>(), "x");
    std::set<std::string> const expected{
        "x.size: spec integer enum, C++ integer uint64",
        "x.target: spec oneOf of 3 schemas, C++ one of name_or_id of 2",
        "x.ref: unresolved \"$ref\" #/components/schemas/Missing",
        "x.ref: spec type \"\" that this checker does not know",
        "x.source: spec required wants T, C++ has std::optional<T>",
        "x.source.type: spec enum, C++ string",
        "x.source.id: spec string format \"uuid\", C++ string",
    };
    EXPECT_EQ(std::set<std::string>(c.problems.begin(), c.problems.end()), expected) << report(c.problems);

    // an open integer enum is right in a response, wrong in a request; values must match
    checker request(direction::request);
    request.element(bj::parse(R"({"type":"integer","enum":[512,2048,4096]})").as_object(),
                    schema_walk::walk<oxide::block_size>(), "q");
    request.element(bj::parse(R"({"type":"integer","enum":[512,4096]})").as_object(), schema_walk::walk<oxide::block_size>(),
                    "r");
    EXPECT_EQ(request.problems, (std::vector<std::string>{"q: an open integer enum in a request",
                                                          "r: integer enum values differ: spec {4096,512}, C++ {2048,4096,512}"}))
        << report(request.problems);
}

} // namespace
