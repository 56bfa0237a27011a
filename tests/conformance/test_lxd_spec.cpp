// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The LXD endpoints and models against LXD's own REST spec: the Swagger 2.0
// `doc/rest-api.yaml` of LXD 5.0.2 (tests/data/specs/lxd/, cut to the image,
// operation and server paths), driven by reflection over `lxd::endpoints`.
// The spec of LXD's main branch is read too, for what newer servers add.
//
// LXD's spec is generated from the Go structs and handler comments, and it
// says less than the server does: it declares no path parameters, lists no
// required properties, leaves out the If-Match header, the 201 of alias
// create/rename and (until after 5.0.2) most X-LXD-* upload headers. Each such
// gap is written down below as a difference, which first checks that the spec
// still says what we claim (so a fixed spec makes the test fail, and the
// difference is removed) and then adds what LXD really does; what the server
// does is shown by the real-daemon test and the captured responses.

// The header under test comes first: it must be self-contained.
#include <cloudimg/lxd.hpp>

#include "../lxd/wire_shapes.hpp"
#include "schema_walk.hpp"

#include "captured_response.hpp"

#include <cloudimg/response.hpp>

#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#ifndef CLOUDIMG_LXD_SPEC
#define CLOUDIMG_LXD_SPEC CLOUDIMG_TEST_DATA_DIR "/specs/lxd/lxd-rest-api-5.0.2.images.json"
#endif

namespace lxd = cloudimg::lxd;
namespace bj = boost::json;
namespace fs = std::filesystem;
using schema_walk::checker;
using schema_walk::direction;
using schema_walk::report;

namespace {

bj::value load(fs::path const& file)
{
    return bj::parse(schema_walk::read_text(file));
}

/// LXD 5.0.2, the release the models follow.
bj::object const& spec()
{
    static bj::value const v = load(CLOUDIMG_LXD_SPEC);
    return v.as_object();
}

/// LXD main (2026-08), for what newer servers add.
bj::object const& main_spec()
{
    static bj::value const v = load(fs::path(CLOUDIMG_TEST_DATA_DIR) / "specs" / "lxd" / "lxd-rest-api-main.images.json");
    return v.as_object();
}

fs::path const responses_dir = fs::path(CLOUDIMG_TEST_DATA_DIR) / "lxd" / "responses";

template <class F>
void for_each_endpoint(F&& f)
{
    schema_walk::for_each_type<lxd::endpoints>(std::forward<F>(f));
}

/// The operation at `path` and `method` of `doc`, or null.
bj::object const* find_op(bj::object const& doc, std::string const& path, std::string const& method)
{
    auto const* item = doc.at("paths").as_object().if_contains(path);
    if (!item)
        return nullptr;
    auto const* op = item->as_object().if_contains(method);
    return op ? &op->as_object() : nullptr;
}

/// The parameter `name` ("in" any but body) of a spec operation, or null.
bj::object const* find_param(bj::object const& op, std::string_view name)
{
    if (auto const* ps = op.if_contains("parameters"))
        for (auto const& p : ps->as_array())
            if (p.at("name").as_string() == name && p.at("in").as_string() != "body")
                return &p.as_object();
    return nullptr;
}

// ---------------------------------------------------------------- where each endpoint is in the spec

/** The spec operation of an endpoint. LXD documents one server route as
    several spec paths: `?recursion=1` for the objects of a collection,
    `?public` for what untrusted clients may send (`secret`). An endpoint is
    the trusted path's operation plus the parameters of its `?public` twin. */
struct binding {
    std::string method;
    std::string path;         ///< spec path key
    std::string public_path;  ///< its `?public` twin, if any
};

std::map<std::string, binding> const& bindings()
{
    static std::map<std::string, binding> const b{
        {"list_image_urls", {"get", "/1.0/images", "/1.0/images?public"}},
        {"list_images", {"get", "/1.0/images?recursion=1", "/1.0/images?public&recursion=1"}},
        {"create_image", {"post", "/1.0/images", ""}},
        {"create_push_token", {"post", "/1.0/images", ""}},
        {"upload_image", {"post", "/1.0/images", ""}},
        {"get_image", {"get", "/1.0/images/{fingerprint}", "/1.0/images/{fingerprint}?public"}},
        {"replace_image", {"put", "/1.0/images/{fingerprint}", ""}},
        {"update_image", {"patch", "/1.0/images/{fingerprint}", ""}},
        {"delete_image", {"delete", "/1.0/images/{fingerprint}", ""}},
        {"export_image", {"get", "/1.0/images/{fingerprint}/export", "/1.0/images/{fingerprint}/export?public"}},
        {"push_image", {"post", "/1.0/images/{fingerprint}/export", ""}},
        {"refresh_image", {"post", "/1.0/images/{fingerprint}/refresh", ""}},
        {"create_image_secret", {"post", "/1.0/images/{fingerprint}/secret", ""}},
        {"list_alias_urls", {"get", "/1.0/images/aliases", ""}},
        {"list_aliases", {"get", "/1.0/images/aliases?recursion=1", ""}},
        {"create_alias", {"post", "/1.0/images/aliases", ""}},
        {"get_alias", {"get", "/1.0/images/aliases/{name}", "/1.0/images/aliases/{name}?public"}},
        {"replace_alias", {"put", "/1.0/images/aliases/{name}", ""}},
        {"update_alias", {"patch", "/1.0/images/aliases/{name}", ""}},
        {"rename_alias", {"post", "/1.0/images/aliases/{name}", ""}},
        {"delete_alias", {"delete", "/1.0/images/aliases/{name}", ""}},
        {"get_server", {"get", "/1.0", "/1.0?public"}},
        {"list_operation_urls", {"get", "/1.0/operations", ""}},
        {"list_operations", {"get", "/1.0/operations?recursion=1", ""}},
        {"get_operation", {"get", "/1.0/operations/{id}", ""}},
        {"wait_operation", {"get", "/1.0/operations/{id}/wait", "/1.0/operations/{id}/wait?public"}},
        {"cancel_operation", {"delete", "/1.0/operations/{id}", ""}},
    };
    return b;
}

/// Spec operations (by operationId) that are deliberately not endpoints.
std::map<std::string, std::string> const& unbound_operations()
{
    static std::map<std::string, std::string> const u{
        {"images_post_untrusted", "the second half of a server-to-server push: LXD itself sends it to the target"},
        {"server_put", "server configuration is not part of the images API"},
        {"server_patch", "server configuration is not part of the images API"},
    };
    return u;
}

std::string path_of(std::string_view key)
{
    return std::string(key.substr(0, key.find('?')));
}

// ---------------------------------------------------------------- the spec as LXD really serves it

/// An endpoint's spec operation with the spec's gaps filled, and the gaps that are no longer there.
struct view {
    bj::object op;
    std::vector<std::string> stale;  ///< documented differences the spec no longer has
};

/** Fill one documented gap: `holds` checks that the spec still has it (else
    the difference is reported stale and nothing changes), `fill` adds what
    the server really does. */
template <class Holds, class Fill>
void difference(view& v, std::string const& what, Holds&& holds, Fill&& fill)
{
    if (!holds(v.op)) {
        v.stale.push_back(what);
        return;
    }
    fill(v.op);
}

bj::array& params(bj::object& op)
{
    if (!op.contains("parameters"))
        op["parameters"] = bj::array{};
    return op["parameters"].as_array();
}

void erase_params(bj::object& op, std::function<bool(bj::object const&)> const& which)
{
    auto& ps = params(op);
    bj::array kept;
    for (auto const& p : ps)
        if (!which(p.as_object()))
            kept.push_back(p);
    ps = std::move(kept);
}

/// What the envelope's `type` says for an endpoint's result: only a started operation is "async".
template <class Body>
constexpr std::string_view envelope_type()
{
    return lxd::detail::is_async_operation<Body>::value ? "async" : "sync";
}

/** Each 2xx answer reduced to its envelope's `metadata`, which is what the
    provider decodes into the endpoint's result: an envelope without
    `metadata` (EmptySyncResponse) becomes an answer without a body. The
    envelope's `type` must be the one the provider expects. */
template <class E>
void unwrap_envelopes(view& v, checker& c, std::string const& name)
{
    std::map<int, std::string_view> expected;
    boost::mp11::mp_for_each<typename E::responses>([&](auto s) {
        using S = decltype(s);
        expected[S::status] = envelope_type<typename S::body>();
    });
    for (auto& [status, response] : v.op["responses"].as_object()) {
        auto r = c.flatten(response.as_object(), name + ' ' + std::string(status));
        if (status.starts_with("2") && r.contains("schema")) {
            auto const env = c.flatten(r.at("schema").as_object(), name);
            auto const& props = env.at("properties").as_object();
            auto const it = expected.find(std::stoi(std::string(status)));
            if (it != expected.end()) {
                EXPECT_EQ(props.at("type").at("example").as_string(), it->second) << name << ' ' << status;
            }
            if (auto const* metadata = props.if_contains("metadata"))
                r["schema"] = *metadata;
            else
                r.erase("schema");
        }
        response = std::move(r);
    }
}

template <class E>
view view_of(checker& c)
{
    std::string const name(cloudimg::name_of<E>());
    binding const& b = bindings().at(name);
    view v;
    auto const* op = find_op(spec(), b.path, b.method);
    if (!op)
        return v;
    v.op = *op;

    // The `?public` twin adds the parameters untrusted clients send.
    if (!b.public_path.empty()) {
        if (auto const* twin = find_op(spec(), b.public_path, b.method)) {
            if (auto const* ps = twin->if_contains("parameters"))
                for (auto const& p : ps->as_array())
                    if (!find_param(v.op, p.at("name").as_string()))
                        params(v.op).push_back(p);
        } else {
            ADD_FAILURE() << name << ": no " << b.public_path;
        }
    }

    // LXD's spec declares no path parameters (Swagger 2.0 requires them): the path template names them.
    difference(
        v, name + ": path parameters are not declared",
        [](bj::object const& o) {
            auto const* ps = o.if_contains("parameters");
            return !ps || std::none_of(ps->as_array().begin(), ps->as_array().end(),
                                       [](bj::value const& p) { return p.at("in") == "path"; });
        },
        [&](bj::object& o) {
            for (auto i = b.path.find('{'); i != std::string::npos; i = b.path.find('{', i + 1))
                params(o).push_back(bj::object{{"in", "path"},
                                               {"name", b.path.substr(i + 1, b.path.find('}', i) - i - 1)},
                                               {"required", true},
                                               {"type", "string"}});
        });

    // `recursion` is written into the path key: `?recursion=1` lists objects,
    // the plain collection path URLs (recursion 0, which cloudimg sends explicitly).
    std::string const query = b.path.find('?') == std::string::npos ? "" : b.path.substr(b.path.find('?') + 1);
    int recursion = -1;
    if (query == "recursion=1")
        recursion = 1;
    else if (b.method == "get" && spec().at("paths").as_object().contains(b.path + "?recursion=1"))
        recursion = 0;
    if (recursion >= 0)
        params(v.op).push_back(
            bj::object{{"in", "query"}, {"name", "recursion"}, {"required", true}, {"type", "integer"}, {"enum", bj::array{bj::value(recursion)}}});

    // ---- the documented differences, endpoint by endpoint

    auto body_param = [](bj::object const& o, std::string_view param) -> bj::object const* {
        auto const* ps = o.if_contains("parameters");
        if (!ps)
            return nullptr;
        for (auto const& p : ps->as_array())
            if (p.at("in") == "body" && p.at("name").as_string() == param)
                return &p.as_object();
        return nullptr;
    };
    // One operation, two body parameters (Swagger 2.0 allows one): the JSON
    // `image` and the `raw_image` upload. cloudimg has an endpoint for each.
    auto const two_bodies = [&](bj::object const& o) {
        auto const* json = body_param(o, "image");
        auto const* raw = body_param(o, "raw_image");
        return json && raw && !raw->contains("schema") && !json->contains("required");
    };
    if (name == "create_image" || name == "create_push_token")
        difference(v, name + ": POST /1.0/images documents the JSON body and the raw upload as two optional bodies",
                   two_bodies, [&](bj::object& o) {
                       erase_params(o, [](bj::object const& p) { return p.at("in") == "header" || p.at("name") == "raw_image"; });
                       for (auto& p : params(o))
                           if (p.at("in") == "body")
                               p.as_object()["required"] = true;  // create_image always sends JSON
                   });
    if (name == "upload_image") {
        // the body (raw bytes, no schema) is checked in upload_body_is_the_image_itself
        difference(v, "upload_image: POST /1.0/images documents the JSON body and the raw upload as two optional bodies",
                   two_bodies, [&](bj::object& o) { erase_params(o, [](bj::object const& p) { return p.at("in") == "body"; }); });
        // 5.0.2 documents X-LXD-secret and X-LXD-fingerprint only; the 5.0.2
        // server already reads X-LXD-filename, X-LXD-public and
        // X-LXD-properties (see the daemon test), main documents all six.
        auto const* newer = find_op(main_spec(), "/1.0/images", "post");
        for (char const* header : {"X-LXD-filename", "X-LXD-public", "X-LXD-properties", "X-LXD-profiles"})
            difference(
                v, std::string("upload_image: ") + header + " is documented after 5.0.2 only",
                [&](bj::object const& o) { return !find_param(o, header) && newer && find_param(*newer, header); },
                [&](bj::object& o) { params(o).push_back(*find_param(*newer, header)); });
        // main says X-LXD-profiles is an array; the server parses the one
        // header as a URL form, `profile=a&profile=b` (5.0.x ignores it).
        difference(
            v, "upload_image: X-LXD-profiles is documented as an array",
            [](bj::object const& o) {
                auto const* p = find_param(o, "X-LXD-profiles");
                return p && p->at("schema").at("type") == "array";
            },
            [](bj::object& o) {
                for (auto& p : params(o))
                    if (p.at("name") == "X-LXD-profiles")
                        p.as_object()["schema"] =
                            bj::object{{"type", "object"}, {"additionalProperties", bj::object{{"type", "string"}}}};
            });
    }
    if (name == "list_images") {
        // API extension images_all_projects (LXD 5.21.4); 5.0.2 ignores the parameter
        auto const* newer = find_op(main_spec(), "/1.0/images?recursion=1", "get");
        difference(
            v, "list_images: all-projects is documented after 5.0.2 only",
            [&](bj::object const& o) { return !find_param(o, "all-projects") && newer && find_param(*newer, "all-projects"); },
            [&](bj::object& o) { params(o).push_back(*find_param(*newer, "all-projects")); });
    }
    if (name == "replace_image" || name == "update_image" || name == "replace_alias" || name == "update_alias")
        difference(
            v, name + ": the spec documents the 412 answer but not the If-Match header that causes it",
            [](bj::object const& o) { return o.at("responses").as_object().contains("412") && !find_param(o, "If-Match"); },
            [](bj::object& o) { params(o).push_back(bj::object{{"in", "header"}, {"name", "If-Match"}, {"type", "string"}}); });
    if (name == "create_alias" || name == "rename_alias")
        // the server answers 201 Created with a Location header (captured: alias_created.http,
        // alias_renamed.http); cloudimg accepts the documented 200 as well
        difference(
            v, name + ": the spec says 200, LXD answers 201",
            [](bj::object const& o) {
                auto const& r = o.at("responses").as_object();
                return r.contains("200") && !r.contains("201") &&
                       r.at("200").at("$ref") == "#/responses/EmptySyncResponse";
            },
            [](bj::object& o) {
                auto& r = o["responses"].as_object();
                r["201"] = r.at("200");
            });
    if (name == "list_operation_urls" || name == "list_operations") {
        // the handler reads `project` (and, from the extension operations_get_query_all_projects,
        // `all-projects`), which 5.0.2's spec leaves out; the daemon test sends both
        difference(
            v, name + ": project and all-projects are not documented",
            [](bj::object const& o) { return !find_param(o, "project") && !find_param(o, "all-projects"); },
            [](bj::object& o) {
                params(o).push_back(bj::object{{"in", "query"}, {"name", "project"}, {"type", "string"}});
                params(o).push_back(bj::object{{"in", "query"}, {"name", "all-projects"}, {"type", "boolean"}});
            });
    }
    if (name == "list_operations")
        // 5.0.2 answers recursion=1 as recursion=0, by status: {"running": [Operation, ...], ...}
        // (the daemon test reads it so; LXD's Go client decodes map[string][]api.Operation)
        difference(
            v, "list_operations: the spec says a list of operations, LXD answers them by status",
            [&](bj::object const& o) {
                auto const r = c.flatten(o.at("responses").at("200").as_object(), name);
                auto const env = c.flatten(r.at("schema").as_object(), name);
                return env.at("properties").at("metadata").at("type") == "array";
            },
            [&](bj::object& o) {
                auto r = c.flatten(o.at("responses").at("200").as_object(), name);
                auto env = c.flatten(r.at("schema").as_object(), name);
                auto& metadata = env["properties"].as_object()["metadata"].as_object();
                bj::value const list = metadata;
                metadata = bj::object{{"type", "object"}, {"additionalProperties", list}};
                r["schema"] = std::move(env);
                o["responses"].as_object()["200"] = std::move(r);
            });
    if (name == "get_server")
        // a cluster member to ask and a project to describe: cloudimg asks the server it talks to
        difference(
            v, "get_server: target and project are not offered",
            [](bj::object const& o) { return find_param(o, "target") && find_param(o, "project"); },
            [](bj::object& o) {
                erase_params(o, [](bj::object const& p) { return p.at("name") == "target" || p.at("name") == "project"; });
            });
    if (name == "wait_operation") {
        // untrusted clients wait with an operation's secret; cloudimg's operation endpoints are for trusted clients
        difference(
            v, "wait_operation: secret is not offered", [](bj::object const& o) { return find_param(o, "secret") != nullptr; },
            [](bj::object& o) { erase_params(o, [](bj::object const& p) { return p.at("name") == "secret"; }); });
        // Swagger's integer without a format; seconds fit a C++ int
        difference(
            v, "wait_operation: timeout has no format",
            [](bj::object const& o) {
                auto const* t = find_param(o, "timeout");
                return t && t->at("type") == "integer" && !t->contains("format");
            },
            [](bj::object& o) {
                for (auto& p : params(o))
                    if (p.at("name") == "timeout")
                        p.as_object()["format"] = "int32";
            });
    }

    unwrap_envelopes<E>(v, c, name);
    return v;
}

// The deliberate differences between the models and the spec's definitions,
// keyed "<C++ type>.<wire member>". Each one must still be needed.
std::map<std::string, std::string> deviations()
{
    std::string const open = "a plain string in the spec; cloudimg decodes an open_enum (the values LXD sends, "
                             "checked against the real daemon), which keeps other values as text";
    std::string const closed = "a plain string in the spec; cloudimg sends a closed enum of the values the server accepts";
    return {
        {"image.type", open + ": container, virtual-machine"},
        {"alias_entry.type", open + ": container, virtual-machine"},
        {"image_source.protocol", open + ": lxd, simplestreams"},
        {"operation.class", open + ": task, token, websocket"},
        {"images_post_source.type", closed + ": image, instance, container, virtual-machine, snapshot, url"},
        {"images_post_source.mode", closed + ": pull, push"},
        {"images_post_source.protocol", closed + ": lxd, simplestreams"},
        {"alias_create.type", closed + ": container, virtual-machine"},
        {"operation.status_code", "StatusCode, int64 in the spec (Go's int); the codes are 100..401: int"},
        {"error_envelope.error_code", "int64 in the spec (Go's int); an HTTP status: int"},
        {"image_patch.expires_at", "LXD 5.0.x PATCH ignores it (PUT sets it): not offered on update_image"},
        {"image_patch.profiles", "LXD 5.0.x PATCH ignores it (PUT sets it): not offered on update_image"},
    };
}

/// Members newer than 5.0.2: in main's spec, absent from 5.0.2's, optional in C++.
std::map<std::string, std::string> newer_members(std::string const& type, std::string const& definition)
{
    std::map<std::string, std::string> out;
    auto const* now = main_spec().at("definitions").as_object().if_contains(definition);
    auto const& then = spec().at("definitions").at(definition).at("properties").as_object();
    if (now)
        for (auto const& [key, value] : now->at("properties").as_object())
            if (!then.contains(key))
                out[type + '.' + std::string(key)] = "newer than LXD 5.0.2 (in main's spec)";
    return out;
}

std::map<std::string, std::string> all_deviations();

checker make_checker(direction d, bj::object const& doc, std::map<std::string, std::string> devs = all_deviations())
{
    checker c(d, std::move(devs));
    c.root = &doc;
    c.check_required = false;  // LXD's spec lists no required properties (see the_spec_lists_nothing_as_required)
    return c;
}

// Every definition and the C++ type it is, in the direction it travels.
struct model {
    std::string definition;
    direction dir;
    schema_walk::node (*walk)();
};

std::vector<model> const& models()
{
    using namespace schema_walk;
    static std::vector<model> const m{
        {"Image", direction::response, &walk<lxd::image>},
        {"ImageAlias", direction::request, &walk<lxd::image_alias>},  // in both: Image.aliases and ImagesPost.aliases
        {"ImageAliasesEntry", direction::response, &walk<lxd::alias_entry>},
        {"ImageAliasesEntryPost", direction::request, &walk<lxd::alias_rename>},
        {"ImageAliasesEntryPut", direction::request, &walk<lxd::alias_put>},
        {"ImageAliasesPost", direction::request, &walk<lxd::alias_create>},
        {"ImageExportPost", direction::request, &walk<lxd::image_export_post>},
        {"ImagePut", direction::request, &walk<lxd::image_put>},
        {"ImageSource", direction::response, &walk<lxd::image_source>},
        {"ImagesPost", direction::request, &walk<lxd::images_post>},
        {"ImagesPostSource", direction::request, &walk<lxd::images_post_source>},
        {"Operation", direction::response, &walk<lxd::operation>},
        {"Server", direction::response, &walk<lxd::server_info>},
        {"ServerEnvironment", direction::response, &walk<lxd::server_environment>},
        {"ServerStorageDriverInfo", direction::response, &walk<lxd::storage_driver_info>},
    };
    return m;
}

/// deviations() and the members newer than 5.0.2 of every model.
std::map<std::string, std::string> all_deviations()
{
    auto out = deviations();
    for (auto const& m : models())
        out.merge(newer_members(m.walk().type_name, m.definition));
    return out;
}

/// Definitions with no model of their own, and why.
std::map<std::string, std::string> const& unmodelled_definitions()
{
    static std::map<std::string, std::string> const u{
        {"ServerPut", "server configuration is not part of the images API"},
        {"ServerUntrusted", "a subset of Server, decoded as server_info (checked in server_untrusted_is_a_subset_of_server)"},
        {"StatusCode", "an integer, operation.status_code"},
        {"OperationRequestor", "main only, Operation.requestor: not modelled (see newer_fields_are_optional_or_left_out)"},
        {"SourceType", "main only, a string: ImagesPostSource.type, images_post_source.type"},
    };
    return u;
}

// ---------------------------------------------------------------- the spec itself

TEST(lxd_spec, the_vendored_specs_are_the_ones_expected)
{
    EXPECT_EQ(spec().at("swagger").as_string(), "2.0");
    EXPECT_EQ(spec().at("info").at("license").at("name").as_string(), "Apache-2.0");
    EXPECT_EQ(spec().at("paths").as_object().size(), 21u);
    EXPECT_EQ(spec().at("definitions").as_object().size(), 18u);
    EXPECT_EQ(main_spec().at("swagger").as_string(), "2.0");
    EXPECT_EQ(main_spec().at("info").at("license").at("name").as_string(), "AGPL-3.0-only");
    EXPECT_EQ(main_spec().at("paths").as_object().size(), 16u);
    // no host, base path or security: the socket or the client certificate decide (lxd::config)
    EXPECT_FALSE(spec().contains("host"));
    EXPECT_FALSE(spec().contains("securityDefinitions"));
    EXPECT_EQ(lxd::config{}.base_url, "http://lxd");
}

// Recursively: every "required" that is a list of property names.
void collect_required(bj::value const& v, std::string const& where, std::vector<std::string>& out)
{
    if (auto const* o = v.if_object()) {
        for (auto const& [k, e] : *o) {
            if (k == "required" && e.is_array())
                out.push_back(where);
            collect_required(e, where + '/' + std::string(k), out);
        }
    } else if (auto const* a = v.if_array()) {
        for (auto const& e : *a)
            collect_required(e, where, out);
    }
}

TEST(lxd_spec, the_spec_lists_nothing_as_required)
{
    // go-swagger writes no "required" lists for LXD's structs: whether a field
    // is always sent follows from the Go code (no omitempty: always, nil
    // slices and maps as null) and is checked against the real daemon's
    // answers in tests/lxd. So the checkers below compare presence and type,
    // not required-ness (checker::check_required = false).
    for (auto const* doc : {&spec(), &main_spec()}) {
        std::vector<std::string> found;
        collect_required(bj::value(*doc), "", found);
        EXPECT_TRUE(found.empty()) << report(found);
    }
}

TEST(lxd_spec, every_operation_is_an_endpoint_and_every_endpoint_an_operation)
{
    std::set<std::pair<std::string, std::string>> bound;  // (method, path key)
    std::set<std::string> names;
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        static_assert(std::is_same_v<typename E::provider, lxd::provider>);
        std::string const name(cloudimg::name_of<E>());
        EXPECT_TRUE(names.insert(name).second) << name << " is listed twice";
        auto const it = bindings().find(name);
        if (it == bindings().end()) {
            ADD_FAILURE() << name << " has no place in the spec (bindings())";
            return;
        }
        binding const& b = it->second;
        EXPECT_TRUE(cloudimg::detail::iequals(cloudimg::to_string(E::method), b.method)) << name << ": " << b.method;
        EXPECT_EQ(std::string(E::path), path_of(b.path)) << name;
        EXPECT_TRUE(find_op(spec(), b.path, b.method)) << name << ": no " << b.method << ' ' << b.path;
        bound.emplace(b.method, b.path);
        if (!b.public_path.empty()) {
            EXPECT_EQ(path_of(b.public_path), path_of(b.path)) << name;
            bound.emplace(b.method, b.public_path);
        }
    });
    EXPECT_EQ(names.size(), bindings().size()) << "bindings() lists endpoints that lxd::endpoints does not";
    for (auto const& [path, item] : spec().at("paths").as_object())
        for (auto const& [method, op] : item.as_object()) {
            std::string const id(op.at("operationId").as_string());
            EXPECT_NE(bound.count({std::string(method), std::string(path)}) == 1, unbound_operations().count(id) == 1)
                << id << " (" << method << ' ' << path << ") must be an endpoint or listed in unbound_operations(), not both";
        }
}

// ---------------------------------------------------------------- endpoints against operations

TEST(lxd_spec, the_documented_differences_are_still_there)
{
    std::vector<std::string> stale;
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        checker c = make_checker(direction::request, spec());
        auto const v = view_of<E>(c);
        stale.insert(stale.end(), v.stale.begin(), v.stale.end());
        EXPECT_TRUE(c.problems.empty()) << report(c.problems);
    });
    EXPECT_TRUE(stale.empty()) << "the spec changed; remove these differences from view_of:" << report(stale);
}

TEST(lxd_spec, parameters_match_in_name_location_requiredness_and_type)
{
    checker c = make_checker(direction::request, spec());
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        schema_walk::check_operation_parameters<E>(c, view_of<E>(c).op, std::string(cloudimg::name_of<E>()));
    });
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
}

TEST(lxd_spec, every_parameter_cloudimg_sends_is_one_lxd_reads)
{
    // the wire names, spelled out: a rename on either side shows here first
    std::set<std::string> sent;
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        for (auto const& p : cloudimg::params_of<E>())
            if (p.in != cloudimg::param_location::body && p.in != cloudimg::param_location::path)
                sent.insert(std::string(cloudimg::to_string(p.in)) + ' ' + std::string(p.wire));
    });
    EXPECT_EQ(sent, (std::set<std::string>{"query project", "query recursion", "query filter", "query all-projects",
                                           "query secret", "query timeout", "header If-Match", "header X-LXD-filename",
                                           "header X-LXD-public", "header X-LXD-properties", "header X-LXD-fingerprint",
                                           "header X-LXD-secret", "header X-LXD-profiles"}));
}

/// An endpoint value whose path parameters are set (to "x"), the rest default.
template <class E>
E with_path_parameters()
{
    E ep{};
    boost::mp11::mp_for_each<boost::describe::describe_members<E, boost::describe::mod_public>>([&](auto d) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(ep.*d.pointer)>, std::string>)
            if (cloudimg::location_of<E>(d.name) == cloudimg::param_location::path)
                ep.*d.pointer = "x";
    });
    if constexpr (std::is_same_v<E, lxd::create_push_token>)
        ep.body.source = lxd::push_source(std::string(64, '0'));  // a token without its image is refused
    return ep;
}

TEST(lxd_spec, request_bodies_exist_exactly_where_the_spec_has_one_and_match_it)
{
    checker c = make_checker(direction::request, spec());
    int bodies = 0;
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        if constexpr (!cloudimg::has_stream_body<E>) {
            std::string const name(cloudimg::name_of<E>());
            std::string const media = schema_walk::check_operation_body<E>(c, view_of<E>(c).op, name);
            if (media.empty())
                return;
            ++bodies;
            EXPECT_EQ(media, "application/json") << name;
            auto req = lxd::prepare(lxd::config{}, with_path_parameters<E>());
            ASSERT_TRUE(req) << name << ": " << req.error().what();
            EXPECT_EQ(req->headers.find("Content-Type").value_or(""), media) << name;
        }
    });
    // create_image, create_push_token, replace/update_image, push_image, create/replace/update/rename_alias
    EXPECT_EQ(bodies, 9);
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
}

TEST(lxd_spec, upload_body_is_the_image_itself)
{
    // The spec's raw_image body has no schema: any bytes. 5.0.2 says the
    // operation consumes application/json only; main adds the two media
    // types an upload really has. upload_image sends the stream body's own
    // type (tests/lxd/test_endpoints.cpp).
    auto const* op = find_op(spec(), "/1.0/images", "post");
    ASSERT_TRUE(op);
    auto const& ps = op->at("parameters").as_array();
    auto const raw = std::find_if(ps.begin(), ps.end(), [](bj::value const& p) { return p.at("name") == "raw_image"; });
    ASSERT_NE(raw, ps.end());
    EXPECT_EQ(raw->at("in"), "body");
    EXPECT_FALSE(raw->as_object().contains("schema"));
    EXPECT_EQ(bj::serialize(op->at("consumes")), R"(["application/json"])");
    EXPECT_EQ(bj::serialize(find_op(main_spec(), "/1.0/images", "post")->at("consumes")),
              R"(["application/json","application/octet-stream","multipart/form-data"])");
    static_assert(cloudimg::has_stream_body<lxd::upload_image>);
    EXPECT_EQ(schema_walk::walk<cloudimg::stream_body>().format, "binary");
}

TEST(lxd_spec, responses_match_once_the_envelope_is_unwrapped)
{
    checker c = make_checker(direction::response, spec());
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        schema_walk::check_operation_responses<E>(c, view_of<E>(c).op, std::string(cloudimg::name_of<E>()));
    });
    EXPECT_TRUE(c.problems.empty()) << report(c.problems);
}

TEST(lxd_spec, the_spec_leaves_out_answers_the_server_gives)
{
    // 404 is undocumented on every image path, yet "Image not found" is what a
    // wrong fingerprint gets; it decodes as any error envelope does.
    auto const* get = find_op(spec(), "/1.0/images/{fingerprint}", "get");
    ASSERT_TRUE(get);
    EXPECT_FALSE(get->at("responses").as_object().contains("404"));
    auto const not_found = captured::read(responses_dir / "error_404.http");
    EXPECT_EQ(not_found.status, 404);
    auto parsed = cloudimg::parse_response<lxd::get_image>(not_found);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().provider_code, "not_found");

    // 409 on alias create/rename is undocumented too
    EXPECT_FALSE(find_op(spec(), "/1.0/images/aliases", "post")->at("responses").as_object().contains("409"));
    EXPECT_EQ(captured::read(responses_dir / "alias_conflict.http").status, 409);

    // and the 201 the differences above put in place is what the daemon sends
    EXPECT_EQ(captured::read(responses_dir / "alias_created.http").status, 201);
    EXPECT_EQ(captured::read(responses_dir / "alias_renamed.http").status, 201);
}

/// The success statuses an endpoint accepts.
template <class E>
std::set<int> accepted_statuses()
{
    std::set<int> out;
    boost::mp11::mp_for_each<typename E::responses>([&](auto s) { out.insert(decltype(s)::status); });
    return out;
}

TEST(lxd_spec, every_endpoint_accepts_the_success_statuses_of_the_spec_and_of_the_daemon)
{
    // What LXD's description documents and what the 5.0.2 daemon answers
    // differ for alias create and rename (200 vs 201): each endpoint accepts
    // both, for the same body. Every other endpoint's documented success is
    // what the daemon sends (the captured answers, the daemon test).
    std::vector<std::string> problems;
    for_each_endpoint([&](auto id) {
        using E = typename decltype(id)::type;
        std::string const name(cloudimg::name_of<E>());
        binding const& b = bindings().at(name);
        auto const* op = find_op(spec(), b.path, b.method);
        ASSERT_TRUE(op) << name;
        for (auto const& [status, response] : op->at("responses").as_object())
            if (status.starts_with("2") && !accepted_statuses<E>().count(std::stoi(std::string(status))))
                problems.push_back(name + ": the spec's " + std::string(status) + " is not accepted");
    });
    // each captured answer of a success, by the endpoint that asked for it
    std::map<std::string, std::set<int>> const captured{
        {"alias_created", accepted_statuses<lxd::create_alias>()},     {"alias_renamed", accepted_statuses<lxd::rename_alias>()},
        {"alias_deleted", accepted_statuses<lxd::delete_alias>()},     {"alias", accepted_statuses<lxd::get_alias>()},
        {"aliases_recursion0", accepted_statuses<lxd::list_alias_urls>()},
        {"aliases_recursion1", accepted_statuses<lxd::list_aliases>()}, {"image", accepted_statuses<lxd::get_image>()},
        {"images_recursion0", accepted_statuses<lxd::list_image_urls>()}, {"images_recursion1", accepted_statuses<lxd::list_images>()},
        {"image_replaced", accepted_statuses<lxd::replace_image>()},   {"upload_accepted", accepted_statuses<lxd::upload_image>()},
        {"upload_succeeded", accepted_statuses<lxd::wait_operation<>>()}, {"secret_accepted", accepted_statuses<lxd::create_image_secret>()},
        {"secret_running", accepted_statuses<lxd::get_operation<>>()}, {"operation_cancel", accepted_statuses<lxd::cancel_operation>()},
        {"refresh_accepted", accepted_statuses<lxd::refresh_image>()}, {"delete_accepted", accepted_statuses<lxd::delete_image>()},
        {"server", accepted_statuses<lxd::get_server>()},
    };
    for (auto const& [file, statuses] : captured) {
        int const status = captured::read(responses_dir / (file + ".http")).status;
        if (!statuses.count(status))
            problems.push_back(file + ": the daemon's " + std::to_string(status) + " is not accepted");
    }
    EXPECT_TRUE(problems.empty()) << report(problems);
    EXPECT_EQ(accepted_statuses<lxd::create_alias>(), (std::set<int>{200, 201}));
    EXPECT_EQ(accepted_statuses<lxd::rename_alias>(), (std::set<int>{200, 201}));
}

TEST(lxd_spec, the_envelope_has_seven_keys_the_spec_shows_some_of)
{
    // The spec's sync envelope has type, status, status_code, metadata; its
    // error envelope type, error, error_code. The server marshals all seven
    // keys every time (no omitempty): the captured answers show it.
    auto const& sync = find_op(spec(), "/1.0/images/{fingerprint}", "get")->at("responses").at("200").at("schema").at("properties");
    std::set<std::string> sync_keys;
    for (auto const& [k, v] : sync.as_object())
        sync_keys.emplace(k);
    EXPECT_EQ(sync_keys, (std::set<std::string>{"type", "status", "status_code", "metadata"}));
    std::set<std::string> error_keys;
    for (auto const& [k, v] : spec().at("responses").at("BadRequest").at("schema").at("properties").as_object())
        error_keys.emplace(k);
    EXPECT_EQ(error_keys, (std::set<std::string>{"type", "error", "error_code"}));

    std::set<std::string> const all{"type", "status", "status_code", "operation", "error_code", "error", "metadata"};
    int files = 0;
    for (auto const& entry : fs::directory_iterator(responses_dir)) {
        if (entry.path().extension() != ".http")
            continue;
        ++files;
        auto const r = captured::read(entry.path());
        std::set<std::string> keys;
        bj::value const body = bj::parse(r.body);
        for (auto const& [k, v] : body.as_object())
            keys.emplace(k);
        EXPECT_EQ(keys, all) << entry.path().filename();
    }
    EXPECT_GE(files, 29);
}

// ---------------------------------------------------------------- definitions against models

TEST(lxd_spec, every_definition_is_a_model_both_ways_and_every_deviation_is_needed)
{
    auto const& defs = spec().at("definitions").as_object();
    std::set<std::string> checked;
    std::vector<std::string> problems;
    std::set<std::string> used;
    for (auto const& m : models()) {
        auto const tree = m.walk();
        checker c = make_checker(m.dir, spec());
        checked.insert(m.definition);
        c.element(defs.at(m.definition).as_object(), tree, m.definition);
        problems.insert(problems.end(), c.problems.begin(), c.problems.end());
        used.insert(c.used.begin(), c.used.end());
    }
    // the request bodies that are no definition of their own: PATCH subsets
    {
        checker c = make_checker(direction::request, spec());
        c.element(defs.at("ImagePut").as_object(), schema_walk::walk<lxd::image_patch>(), "ImagePut as image_patch");
        c.element(defs.at("ImageAliasesEntryPut").as_object(), schema_walk::walk<lxd::alias_patch>(),
                  "ImageAliasesEntryPut as alias_patch");
        checker e = make_checker(direction::response, spec());
        e.element(spec().at("responses").at("BadRequest").at("schema").as_object(), schema_walk::walk<lxd::error_envelope>(),
                  "BadRequest");
        for (auto const* k : {&c, &e}) {
            problems.insert(problems.end(), k->problems.begin(), k->problems.end());
            used.insert(k->used.begin(), k->used.end());
        }
    }
    EXPECT_TRUE(problems.empty()) << report(problems);
    for (auto const& [name, schema] : defs)
        EXPECT_TRUE(checked.count(std::string(name)) || unmodelled_definitions().count(std::string(name)))
            << "definition " << name << " has no C++ model";
    for (auto const& [key, reason] : deviations())
        EXPECT_TRUE(used.count(key)) << "deviation \"" << key << "\" is no longer needed: remove it (" << reason << ')';
}

TEST(lxd_spec, server_untrusted_is_a_subset_of_server)
{
    // GET /1.0?public answers ServerUntrusted: Server without config and environment, which server_info has as optional
    auto const& defs = spec().at("definitions").as_object();
    auto const& server = defs.at("Server").at("properties").as_object();
    std::set<std::string> missing;
    for (auto const& [k, v] : server)
        if (!defs.at("ServerUntrusted").at("properties").as_object().contains(k))
            missing.emplace(k);
        else
            EXPECT_EQ(v, defs.at("ServerUntrusted").at("properties").at(k)) << k;
    EXPECT_EQ(missing, (std::set<std::string>{"config", "environment"}));
    auto const tree = schema_walk::walk<lxd::server_info>();
    for (auto const& m : tree.members) {
        if (missing.count(m.wire)) {
            EXPECT_FALSE(m.required) << m.wire;
        }
    }
}

TEST(lxd_spec, newer_fields_are_optional_or_left_out)
{
    // Against main's spec: every property newer than 5.0.2 is an optional
    // member (absent from 5.0.x answers), or deliberately not modelled.
    std::map<std::string, std::string> const left_out{
        {"operation.child_count", "operation_child_count: not modelled; decoding skips it"},
        {"operation.requestor", "operation_requestor: not modelled; decoding skips it"},
        {"images_post_source.copy_aliases", "image_registries: 5.0.x does not know it, not offered"},
        {"images_post_source.image_registry", "image_registries: 5.0.x does not know it, not offered"},
        {"alias_create.access_entitlements", "what the server grants the caller (ImageAliasesPost embeds "
                                             "ImageAliasesEntry in Go): an answer, nothing a client sends"},
    };
    std::set<std::string> newer_seen;
    std::vector<std::string> problems;
    for (auto const& m : models()) {
        auto const tree = m.walk();
        auto const newer = newer_members(tree.type_name, m.definition);
        for (auto const& [key, why] : newer) {
            newer_seen.insert(key);
            std::string const wire = key.substr(key.find('.') + 1);
            auto const it = std::find_if(tree.members.begin(), tree.members.end(),
                                         [&](schema_walk::member const& x) { return x.wire == wire; });
            if (it == tree.members.end())
                EXPECT_TRUE(left_out.count(key)) << key << ": " << why << ", but neither a member nor in left_out";
            else
                EXPECT_FALSE(it->required) << key << ": " << why << ", so it must be std::optional";
        }
        // and main's spec against the model, with what 5.0.2 shows as deviations
        auto devs = deviations();
        devs.insert(left_out.begin(), left_out.end());
        devs.emplace("operation.err_code", "int64 in the spec (Go's int): int");
        checker c = make_checker(m.dir, main_spec(), std::move(devs));
        if (auto const* d = main_spec().at("definitions").as_object().if_contains(m.definition))
            c.element(d->as_object(), tree, m.definition + " (main)");
        problems.insert(problems.end(), c.problems.begin(), c.problems.end());
    }
    EXPECT_TRUE(problems.empty()) << report(problems);
    for (auto const& [key, why] : left_out)
        EXPECT_TRUE(newer_seen.count(key)) << key << " is in left_out but not newer in main's spec";
    // the ones cloudimg already models
    for (char const* key : {"image.project", "image.release_codename", "image.release_title", "image.access_entitlements",
                            "alias_entry.access_entitlements", "image_source.image_registry", "operation.err_code"})
        EXPECT_TRUE(newer_seen.count(key)) << key;
}

// ---------------------------------------------------------------- the checker's additions

TEST(lxd_spec, raw_values_and_unstated_requiredness_are_checked_as_promised)
{
    // json::raw_value matches a free-form schema only
    checker c(direction::response);
    auto const any = schema_walk::walk<cloudimg::json::raw_value>();
    EXPECT_EQ(any.k, schema_walk::kind::any);
    c.compare(bj::object{}, any, "a");
    c.compare(bj::object{{"type", "object"}, {"additionalProperties", bj::object{}}}, any, "b");
    c.compare(bj::object{{"type", "object"}}, any, "c");
    c.compare(bj::object{{"type", "string"}}, any, "d");
    c.compare(bj::object{{"type", "object"}, {"properties", bj::object{{"x", bj::object{{"type", "string"}}}}}}, any, "e");
    EXPECT_EQ(c.problems, (std::vector<std::string>{"d: spec string with a fixed shape, C++ any JSON value (json::raw_value)",
                                                    "e: spec object with a fixed shape, C++ any JSON value (json::raw_value)"}))
        << report(c.problems);

    // check_required = false: a plain member of an optional property is fine, its type is still checked
    auto const schema = bj::parse(R"({"properties":{"secret":{"type":"integer"}}})").as_object();
    checker strict(direction::response);
    strict.element(schema, schema_walk::walk<lxd::image_secret>(), "s");
    checker lenient(direction::response);
    lenient.check_required = false;
    lenient.element(schema, schema_walk::walk<lxd::image_secret>(), "s");
    EXPECT_EQ(strict.problems, (std::vector<std::string>{"s.secret: spec optional wants std::optional<T>, C++ has T",
                                                         "s.secret: spec integer int64, C++ string"}));
    EXPECT_EQ(lenient.problems, (std::vector<std::string>{"s.secret: spec integer int64, C++ string"}));
}

} // namespace
