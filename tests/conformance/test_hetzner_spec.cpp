// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The Hetzner endpoints and models against the vendored official OpenAPI spec
// (tests/data/specs/hetzner/cloud.images.spec.json), driven by reflection over
// `hetzner::endpoints`: an endpoint added, renamed or changed on either side
// fails here. The spec is read with Boost.JSON's DOM, in the test only.

// The header under test comes first: it must be self-contained.
#include <cloudimg/hetzner.hpp>

#include "schema_walk.hpp"

#include <cloudimg/json.hpp>
#include <cloudimg/response.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace hetzner = cloudimg::hetzner;
namespace bj = boost::json;
using schema_walk::checker;
using schema_walk::lower;
using schema_walk::report;
using schema_walk::direction;

namespace {

std::string read_file(std::filesystem::path const& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::filesystem::path const spec_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "specs" / "hetzner";

bj::object const& spec()
{
    static bj::value const v = bj::parse(read_file(spec_dir / "cloud.images.spec.json"));
    return v.as_object();
}

struct operation {
    std::string method;  // lower case, as in the spec
    std::string path;
    bj::object const* op = nullptr;
};

// Every operation of the spec under /images, by operationId.
std::map<std::string, operation> const& spec_operations()
{
    static auto const ops = [] {
        std::map<std::string, operation> out;
        for (auto const& [path, item] : spec().at("paths").as_object()) {
            if (!std::string_view(path).starts_with("/images"))
                continue;
            for (auto const& [method, op] : item.as_object()) {
                if (method == "parameters" || method == "summary" || method == "description")
                    continue;
                out[std::string(op.at("operationId").as_string())] =
                    operation{std::string(method), std::string(path), &op.as_object()};
            }
        }
        return out;
    }();
    return ops;
}

// The operation an endpoint implements; a missing one is reported by
// every_operation_is_an_endpoint..., the other tests skip that endpoint.
operation const* find_operation(std::string_view name)
{
    auto const it = spec_operations().find(std::string(name));
    return it == spec_operations().end() ? nullptr : &it->second;
}

// Calls f(mp_identity<E>{}) for every Hetzner endpoint; no endpoint value is constructed.
template <class F>
void for_each_endpoint(F&& f)
{
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, hetzner::endpoints>>(f);
}

// The known, deliberate differences between cloudimg's models and this spec,
// keyed "<C++ type>.<wire member>". Each one must still be needed (checked below).
std::map<std::string, std::string> deviations()
{
    return {
        {"image.deprecation",
         "only in the newer Hetzner spec (OpenAPI 3.1.2): servers that send it are decoded, older ones omit it"},
        {"error_info.details",
         "a free-form object in the spec; cloudimg gives a typed view of its two documented shapes "
         "(invalid_input fields, deprecated_api_endpoint announcement) and skips other keys"},
        {"error_info.code",
         "a plain string in the spec; cloudimg decodes open_enum<error_code> (the spec's documented error "
         "table), which keeps unknown codes as text"},
        {"action_error.code", "a plain string in the spec; same open_enum<error_code> as error_info.code"},
    };
}

bj::object const* json_schema(bj::object const& response)
{
    auto const* content = response.if_contains("content");
    if (!content)
        return nullptr;
    return &content->at("application/json").at("schema").as_object();
}

// The type of member `name` of E, walked; std::optional members as their value type.
template <class E>
schema_walk::member walk_param(std::string_view name)
{
    schema_walk::member out;
    boost::mp11::mp_for_each<boost::describe::describe_members<E, boost::describe::mod_public>>([&](auto d) {
        using D = decltype(d);
        using M = std::remove_cvref_t<decltype(std::declval<E&>().*D::pointer)>;
        if (D::name == name)
            out = schema_walk::walk_member<M>(cloudimg::wire_name<E>(D::name));
    });
    return out;
}

// Compare the success and error responses of E with the spec, into `c`.
template <class E>
void check_responses(checker& c, operation const& op)
{
    std::string const name(cloudimg::name_of<E>());
    std::map<int, schema_walk::node> ours;
    boost::mp11::mp_for_each<typename E::responses>([&](auto s) {
        using S = decltype(s);
        ours.emplace(S::status, schema_walk::walk<typename S::body>());
    });
    std::set<int> spec_success;
    auto const error_body = schema_walk::walk<typename E::provider::error_body>();
    for (auto const& [status, response] : op.op->at("responses").as_object()) {
        std::string const code(status);
        auto const* schema = json_schema(response.as_object());
        if (code.starts_with('2')) {
            int const n = std::stoi(code);
            spec_success.insert(n);
            auto const it = ours.find(n);
            if (it == ours.end()) {
                c.problem(name, "spec success status " + code + " is not in E::responses");
                continue;
            }
            if (!schema) {
                if (it->second.k != schema_walk::kind::empty)
                    c.problem(name + ' ' + code, "spec has no body, C++ decodes " + it->second.type_name);
            } else {
                c.element(*schema, it->second, name + ' ' + code);
            }
        } else if (code.starts_with('4') || code.starts_with('5')) {
            if (!schema)
                c.problem(name + ' ' + code, "spec error response without a JSON body");
            else
                c.element(*schema, error_body, name + ' ' + code);
        } else {
            c.problem(name + ' ' + code, "spec status of a kind this test does not know");
        }
    }
    for (auto const& [status, body] : ours)
        if (spec_success.count(status) == 0)
            c.problem(name, "E::responses has status " + std::to_string(status) + " that the spec does not document");
}

TEST(hetzner_spec, the_vendored_spec_is_the_one_expected)
{
    EXPECT_EQ(spec().at("openapi").as_string(), "3.0.3");
    EXPECT_EQ(spec().at("servers").at(0).at("url").as_string(), hetzner::config{}.base_url);
    EXPECT_EQ(spec_operations().size(), 9u);
}

TEST(hetzner_spec, every_operation_is_authenticated_the_way_prepare_does_it)
{
    auto const& scheme = spec().at("components").at("securitySchemes").at("APIToken");
    EXPECT_EQ(scheme.at("type").as_string(), "http");
    EXPECT_EQ(scheme.at("scheme").as_string(), "bearer");
    for (auto const& [id, op] : spec_operations()) {
        auto const* security = op.op->if_contains("security");
        auto const& effective = security ? *security : spec().at("security");
        EXPECT_EQ(bj::serialize(effective), R"([{"APIToken":[]}])") << id;
    }
    auto req = hetzner::prepare(hetzner::config{.token = "abc"}, hetzner::get_image{.id = 1});
    ASSERT_TRUE(req);
    EXPECT_EQ(req->headers.find("Authorization").value_or(""), "Bearer abc");
}

TEST(hetzner_spec, every_operation_is_an_endpoint_and_every_endpoint_an_operation)
{
    std::set<std::string> seen;
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        std::string const name(cloudimg::name_of<E>());
        EXPECT_TRUE(seen.insert(name).second) << name << " is listed twice in hetzner::endpoints";
        auto const it = spec_operations().find(name);
        if (it == spec_operations().end()) {
            ADD_FAILURE() << "endpoint " << name << " has no spec operation of that operationId";
            return;
        }
        EXPECT_EQ(lower(cloudimg::to_string(E::method)), it->second.method) << name;
        EXPECT_EQ(std::string(E::path), it->second.path) << name;
        static_assert(std::is_same_v<typename E::provider, hetzner::provider>);
    });
    for (auto const& [id, op] : spec_operations())
        EXPECT_TRUE(seen.count(id)) << "spec operation " << id << " (" << op.method << ' ' << op.path
                                    << ") has no endpoint in hetzner::endpoints";
}

TEST(hetzner_spec, parameters_match_in_name_location_requiredness_repetition_and_type)
{
    checker c(direction::request);
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        std::string const name(cloudimg::name_of<E>());
        auto const* found = find_operation(name);
        if (!found)
            return;
        auto const& op = *found->op;
        constexpr auto params = cloudimg::params_of<E>();

        std::set<std::string> spec_names;
        if (auto const* ps = op.if_contains("parameters")) {
            for (auto const& pv : ps->as_array()) {
                auto const& p = pv.as_object();
                std::string const wire(p.at("name").as_string());
                std::string const where = name + " parameter " + wire;
                spec_names.insert(wire);
                auto const it = std::find_if(params.begin(), params.end(), [&](cloudimg::param_info const& i) {
                    return i.wire == wire && i.in != cloudimg::param_location::body;
                });
                if (it == params.end()) {
                    c.problem(where, "in the spec, not a member of " + name);
                    continue;
                }
                bool const spec_required = p.contains("required") && p.at("required").as_bool();
                auto const& schema = p.at("schema").as_object();
                bool const spec_array = schema.at("type").as_string() == "array";
                if (cloudimg::to_string(it->in) != std::string_view(p.at("in").as_string()))
                    c.problem(where, "spec in " + std::string(p.at("in").as_string()) + ", C++ in " +
                                         std::string(cloudimg::to_string(it->in)));
                if (it->required != spec_required)
                    c.problem(where, spec_required ? "required in the spec, optional in C++" : "optional in the spec, required in C++");
                if (it->repeated != spec_array)
                    c.problem(where, spec_array ? "an array in the spec, not repeated in C++" : "repeated in C++, not an array in the spec");
                auto const m = walk_param<E>(it->name);
                // params_of derives required-ness from the member type: they must agree
                bool const by_type = it->in == cloudimg::param_location::path ||
                                     (m.required && m.type.k != schema_walk::kind::array);
                if (it->required != by_type)
                    c.problem(where, "params_of's required-ness disagrees with the member's type");
                if (m.type.nullable)
                    c.problem(where, "a parameter cannot be nullable<T>");
                c.compare(schema, m.type, where);
            }
        }
        for (auto const& p : params)
            if (p.in != cloudimg::param_location::body && spec_names.count(std::string(p.wire)) == 0)
                c.problem(name + " parameter " + std::string(p.wire), "a member of " + name + " the spec does not have");
    });
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
}

TEST(hetzner_spec, request_bodies_exist_exactly_where_the_spec_has_one_and_match_it)
{
    checker c(direction::request, deviations());
    int bodies = 0;
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        std::string const name(cloudimg::name_of<E>());
        auto const* found = find_operation(name);
        if (!found)
            return;
        auto const& op = *found->op;
        constexpr auto params = cloudimg::params_of<E>();
        auto const it = std::find_if(params.begin(), params.end(),
                                     [](cloudimg::param_info const& p) { return p.in == cloudimg::param_location::body; });
        auto const* rb = op.if_contains("requestBody");
        if (!rb) {
            EXPECT_EQ(it, params.end()) << name << " has a body member; the spec has no requestBody";
            return;
        }
        ++bodies;
        if (it == params.end()) {
            ADD_FAILURE() << name << " has no body member; the spec has a requestBody";
            return;
        }
        auto const m = walk_param<E>("body");
        EXPECT_EQ(m.required, rb->as_object().contains("required") && rb->at("required").as_bool())
            << name << ": a required body is a plain member, an optional one a std::optional";
        auto const& content = rb->at("content").as_object();
        ASSERT_EQ(content.size(), 1u) << name;
        c.element(content.begin()->value().at("schema").as_object(), m.type, name + " body");

        // the body goes out with the spec's media type
        auto req = hetzner::prepare(hetzner::config{.token = "t"}, E{});
        ASSERT_TRUE(req) << name << ": " << req.error().what();
        EXPECT_EQ(req->headers.find("Content-Type").value_or(""), std::string_view(content.begin()->key())) << name;
    });
    EXPECT_EQ(bodies, 2);
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
}

TEST(hetzner_spec, responses_match_recursively)
{
    checker c(direction::response, deviations());
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        if (auto const* op = find_operation(cloudimg::name_of<E>()))
            check_responses<E>(c, *op);
    });
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
    // every listed deviation is still real: a stale entry would hide a future difference
    for (auto const& [key, reason] : c.deviations)
        EXPECT_TRUE(c.used.count(key)) << "deviation \"" << key << "\" is no longer needed: remove it (" << reason << ')';
}

// The one member taken from the newer spec (3.1.2, not vendored whole): its
// DeprecationInfo schema as /work/shared/specs' summary transcribes it.
// There it is required and nullable; cloudimg keeps it std::optional so that
// servers speaking the vendored 3.0.3 spec, which omit it, still decode.
TEST(hetzner_spec, image_deprecation_matches_the_newer_spec)
{
    auto const tree = schema_walk::walk<hetzner::image>();
    auto const it = std::find_if(tree.members.begin(), tree.members.end(),
                                 [](schema_walk::member const& m) { return m.wire == "deprecation"; });
    ASSERT_NE(it, tree.members.end());
    EXPECT_FALSE(it->required);       // absent from 3.0.3 servers...
    EXPECT_FALSE(it->type.nullable);  // ...and a std::optional member takes null as absent
    checker c(direction::response);
    c.element(bj::parse(R"({"title":"DeprecationInfo","type":"object","required":["unavailable_after","announced"],
        "properties":{"unavailable_after":{"type":"string","format":"date-time"},
                      "announced":{"type":"string","format":"date-time"}}})")
                  .as_object(),
              it->type, "image.deprecation");
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
    auto null = cloudimg::json::decode<hetzner::image>(
        R"({"id":1,"type":"system","status":"available","name":null,"description":"","image_size":null,"disk_size":1,)"
        R"("created":"2016-01-30T23:50:00Z","created_from":null,"bound_to":null,"os_flavor":"ubuntu","os_version":null,)"
        R"("protection":{"delete":false},"deprecated":null,"deprecation":null,"deleted":null,"labels":{},"architecture":"x86"})");
    ASSERT_TRUE(null) << null.error().what();  // the 3.1.2 example's "deprecation": null
    EXPECT_FALSE(null->deprecation.has_value());
}

TEST(hetzner_spec, error_responses_are_hetzner_error_response)
{
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        static_assert(std::is_same_v<cloudimg::failure_type_t<E>, cloudimg::api_failure<hetzner::error_response>>);
        auto const* op = find_operation(cloudimg::name_of<E>());
        if (!op)
            return;
        auto const& responses = op->op->at("responses").as_object();
        EXPECT_TRUE(responses.contains("4xx")) << cloudimg::name_of<E>();
        EXPECT_TRUE(responses.contains("5xx")) << cloudimg::name_of<E>();
    });
    // the schemas themselves are compared with error_response in responses_match_recursively
}

// The checker must see differences, or the tests above prove nothing.
namespace wrong {
enum class colour { red, green };
BOOST_DESCRIBE_ENUM(colour, red, green)
struct origin {
    std::int32_t id;                   // spec: int64
    cloudimg::nullable<std::string> name;  // spec: required, not nullable
    std::string extra;                 // not in the spec
};
BOOST_DESCRIBE_STRUCT(origin, (), (id, name, extra))
struct thing {
    std::optional<origin> created_from;  // spec: required nullable
    cloudimg::open_enum<colour> type;
    std::vector<std::string> labels;           // spec: a map
};
BOOST_DESCRIBE_STRUCT(thing, (), (created_from, type, labels))
} // namespace wrong

TEST(hetzner_spec, the_checker_reports_each_kind_of_difference)
{
    auto const schema = bj::parse(R"({"type":"object","required":["created_from","type","labels","gone"],"properties":{
        "created_from":{"type":"object","nullable":true,"required":["id","name"],
            "properties":{"id":{"type":"integer","format":"int64"},"name":{"type":"string"}}},
        "type":{"type":"string","enum":["red","blue"]},
        "labels":{"type":"object","additionalProperties":{"type":"string"}},
        "gone":{"type":"boolean"}}})");
    checker c(direction::response);
    c.element(schema.as_object(), schema_walk::walk<wrong::thing>(), "x");
    std::set<std::string> const expected{
        "x.created_from: spec required nullable wants nullable<T>, C++ has std::optional<T>",
        "x.created_from.id: spec integer int64, C++ integer int32",
        "x.created_from.name: spec required wants T, C++ has nullable<T>",
        "x.created_from.extra: C++ member of origin is not in the spec",
        "x.type: enum values differ: spec {blue,red}, C++ colour {green,red}",
        "x.labels: spec object with additionalProperties, C++ array",
        "x.gone: spec property missing from C++ thing",
    };
    EXPECT_EQ(std::set<std::string>(c.problems.begin(), c.problems.end()), expected) << report(c.problems);

    checker request(direction::request);
    request.element(bj::parse(R"({"type":"string","enum":["red","green"]})").as_object(),
                    schema_walk::walk<cloudimg::open_enum<wrong::colour>>(), "q");
    ASSERT_EQ(request.problems.size(), 1u);
    EXPECT_EQ(request.problems[0], "q: a request enum must be a closed enum, not open_enum<colour>");
}

// ---------------------------------------------------------------- the spec's own examples

struct example_file {
    std::string operation;
    std::string status;  // "200", "4xx", ...
    std::filesystem::path path;
};

std::vector<example_file> example_files()
{
    std::vector<example_file> out;
    for (auto const& entry : std::filesystem::directory_iterator(spec_dir / "examples")) {
        std::string const stem = entry.path().stem().string();
        auto const cut = stem.rfind('_');
        out.push_back({stem.substr(0, cut), stem.substr(cut + 1), entry.path()});
    }
    std::sort(out.begin(), out.end(), [](auto const& a, auto const& b) { return a.path < b.path; });
    return out;
}

template <class Body>
void expect_round_trip(Body const& decoded, bj::value const& original, std::string const& where)
{
    auto const tree = schema_walk::walk<Body>();
    std::vector<std::string> unknown;
    auto const want = schema_walk::normalise(original, tree, "", unknown);
    EXPECT_TRUE(unknown.empty()) << where << ": keys the model does not have:" << report(unknown);
    std::string const encoded = cloudimg::json::encode(decoded);
    bj::error_code ec;
    auto const again = bj::parse(encoded, ec);
    ASSERT_FALSE(ec) << where << ": the re-encoded body is not JSON: " << encoded;
    std::vector<std::string> ignored;
    EXPECT_EQ(schema_walk::normalise(again, tree, "", ignored), want) << where << "\nre-encoded: " << encoded;
    // and decoding the re-encoded text gives the same bytes again
    auto twice = cloudimg::json::decode<Body>(encoded);
    ASSERT_TRUE(twice) << where << ": " << twice.error().what();
    EXPECT_EQ(cloudimg::json::encode(*twice), encoded) << where;
}

TEST(hetzner_spec_examples, every_example_decodes_with_its_endpoint_and_round_trips)
{
    auto const files = example_files();
    ASSERT_EQ(files.size(), 22u);
    std::set<std::string> covered;
    for (auto const& file : files) {
        std::string const where = file.path.filename().string();
        std::string const text = read_file(file.path);
        bj::value const original = bj::parse(text);
        bool found = false;
        for_each_endpoint([&](auto id) {
            using E = typename decltype(id)::type;
            if (cloudimg::name_of<E>() != file.operation)
                return;
            found = true;
            covered.insert(file.operation);
            cloudimg::response r;
            r.status = file.status == "4xx" ? 404 : file.status == "5xx" ? 503 : std::stoi(file.status);
            r.headers.add("X-Correlation-Id", "c0ffee");
            r.body = text;
            auto res = cloudimg::parse_response<E>(r);
            if (r.status < 300) {
                ASSERT_TRUE(res) << where << ": " << res.error().what();
                if constexpr (!std::is_same_v<cloudimg::response_type_t<E>, cloudimg::no_content>)
                    expect_round_trip(*res, original, where);
                return;
            }
            ASSERT_FALSE(res) << where;
            auto const& f = res.error();
            EXPECT_EQ(f.code, cloudimg::error::error_response) << where;
            EXPECT_EQ(f.http_status, r.status) << where;
            EXPECT_EQ(f.request_id, "c0ffee") << where;
            ASSERT_TRUE(f.body.has_value()) << where << ": " << f.what();
            EXPECT_EQ(f.provider_code, original.at("error").at("code").as_string()) << where;
            EXPECT_EQ(f.message, original.at("error").at("message").as_string()) << where;
            EXPECT_TRUE(f.raw_body.empty()) << where;
            expect_round_trip(*f.body, original, where);
        });
        EXPECT_TRUE(found) << where << ": no endpoint named " << file.operation;
    }
    EXPECT_EQ(covered.size(), 9u);
}

} // namespace
