// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test comes first: it must be self-contained.
#include <cloudimg/catalog.hpp>

#include "fake_provider.hpp"

#include <cloudimg/hetzner.hpp>
#include <cloudimg/lxd.hpp>
#include <cloudimg/metal.hpp>
#include <cloudimg/openstack.hpp>
#include <cloudimg/oxide.hpp>
#include <cloudimg/json/decode.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <vector>

using namespace cloudimg;

namespace {

// The entries of a catalog text, one a line; every line must decode.
std::vector<catalog_entry> entries_of(std::string const& out)
{
    std::vector<catalog_entry> entries;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        auto e = json::decode<catalog_entry>(line);
        EXPECT_TRUE(e) << e.error().what();
        if (e)
            entries.push_back(std::move(*e));
    }
    return entries;
}

TEST(catalog, entry_from_reflection)
{
    auto e = catalog_entry_of<fake::put_thing>();
    EXPECT_EQ(e.provider, "fake");
    EXPECT_EQ(e.name, "put_thing");
    EXPECT_EQ(e.method, "PUT");
    EXPECT_EQ(e.path, "/buckets/{bucket}/things/{name}");
    ASSERT_EQ(e.params.size(), 6u);  // the body is not a parameter line
    EXPECT_EQ(e.params[5].in, "header");
    EXPECT_EQ(e.params[5].wire, "If-Match");
    EXPECT_EQ(e.body, nullable<std::string>("thing"));
    EXPECT_EQ(e.responses.at("202"), nullable<std::string>("accepted"));
    EXPECT_EQ(json::encode(catalog_entry_of<fake::drop_thing>()),
              R"({"provider":"fake","name":"drop_thing","method":"DELETE","path":"/things/{id}",)"
              R"("params":[{"name":"id","in":"path","wire":"id","required":true,"repeated":false}],)"
              R"("body":null,"responses":{"204":null}})");
}

TEST(catalog, lists_all_nine_hetzner_endpoints_once)
{
    std::string out;
    append_catalog<hetzner::endpoints>(out);
    std::set<std::string> names;
    for (auto const& e : entries_of(out)) {
        EXPECT_EQ(e.provider, "hetzner");
        names.insert(e.method + " " + e.path);
    }
    EXPECT_EQ(names, (std::set<std::string>{"GET /images", "GET /images/{id}", "PUT /images/{id}", "DELETE /images/{id}",
                                            "GET /images/{id}/actions", "GET /images/{id}/actions/{action_id}",
                                            "POST /images/{id}/actions/change_protection", "GET /images/actions",
                                            "GET /images/actions/{id}"}));
}

TEST(catalog, lists_every_oxide_and_metal_endpoint)
{
    std::string out;
    append_catalog<oxide::endpoints>(out);
    append_catalog<metal::endpoints>(out);
    std::set<std::string> names;
    for (auto const& e : entries_of(out)) {
        names.insert(e.provider + " " + e.method + " " + e.path);
        if (e.provider == "metal" && e.name == "list_images") {
            EXPECT_EQ(e.responses.at("200"), nullable<std::string>("image[]"));
        }
    }
    EXPECT_EQ(names, (std::set<std::string>{
                         "oxide GET /v1/images", "oxide POST /v1/images", "oxide GET /v1/images/{image}",
                         "oxide DELETE /v1/images/{image}", "oxide POST /v1/images/{image}/promote",
                         "oxide POST /v1/images/{image}/demote", "metal PUT /v1/image", "metal POST /v1/image",
                         "metal DELETE /v1/image/{id}", "metal GET /v1/image/{id}", "metal GET /v1/image/{id}/latest",
                         "metal GET /v1/image", "metal POST /v1/image/find", "metal GET /v1/image/{id}/query"}));
}

TEST(catalog, lists_all_ten_openstack_endpoints)
{
    std::string out;
    append_catalog<openstack::endpoints>(out);
    std::istringstream lines(out);
    std::set<std::string> names;
    std::size_t count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
        auto e = json::decode<catalog_entry>(line);
        ASSERT_TRUE(e) << e.error().what();
        EXPECT_EQ(e->provider, "openstack");
        names.insert(e->method + " " + e->path);
        if (e->name == "list_images") {
            ASSERT_EQ(e->params.size(), 9u);
            EXPECT_EQ(e->params[0].wire, "changes-since");
            EXPECT_EQ(e->params[4].wire, "minDisk");
        }
        if (e->name == "create_image_metadata") {
            EXPECT_EQ(e->body, nullable<std::string>("metadata_request"));
            EXPECT_EQ(e->responses.at("200"), nullable<std::string>("metadata_response"));
        }
    }
    EXPECT_EQ(count, 10u);
    EXPECT_EQ(names, (std::set<std::string>{
                         "GET /images", "GET /images/detail", "GET /images/{image_id}", "DELETE /images/{image_id}",
                         "GET /images/{image_id}/metadata", "POST /images/{image_id}/metadata",
                         "PUT /images/{image_id}/metadata", "GET /images/{image_id}/metadata/{key}",
                         "PUT /images/{image_id}/metadata/{key}", "DELETE /images/{image_id}/metadata/{key}"}));
}

TEST(catalog, lists_every_lxd_endpoint_with_its_result_templates_and_stream_body)
{
    std::string out;
    append_catalog<lxd::endpoints>(out);
    std::map<std::string, catalog_entry> by_name;
    std::set<std::string> routes;
    for (auto const& e : entries_of(out)) {
        EXPECT_EQ(e.provider, "lxd");
        routes.insert(e.method + " " + e.path);
        EXPECT_TRUE(by_name.emplace(e.name, e).second) << e.name << " twice";
    }
    EXPECT_EQ(by_name.size(), 27u);
    // 27 endpoints on 22 routes: URL and object lists of images, aliases and operations; JSON (image or
    // push token) and streamed POST /1.0/images
    EXPECT_EQ(routes.size(), 22u);

    // results: URL lists, templates with their arguments, the default of the template endpoints
    EXPECT_EQ(by_name.at("list_image_urls").responses.at("200"), nullable<std::string>("string[]"));
    EXPECT_EQ(by_name.at("list_images").responses.at("200"), nullable<std::string>("image[]"));
    EXPECT_EQ(by_name.at("get_image").responses.at("200"), nullable<std::string>("tagged<image>"));
    EXPECT_EQ(by_name.at("create_image").responses.at("202"), nullable<std::string>("async_operation<image_created>"));
    EXPECT_EQ(by_name.at("create_alias").responses.at("201"), nullable<std::string>("created"));
    EXPECT_EQ(by_name.at("create_alias").responses.at("200"), nullable<std::string>("created"));
    EXPECT_EQ(by_name.at("create_push_token").responses.at("202"), nullable<std::string>("token_operation<image_secret>"));
    EXPECT_EQ(by_name.at("create_image_secret").responses.at("202"), nullable<std::string>("token_operation<image_secret>"));
    EXPECT_EQ(by_name.at("list_operation_urls").responses.at("200"), nullable<std::string>("map<string,string[]>"));
    EXPECT_EQ(by_name.at("list_operations").responses.at("200"), nullable<std::string>("map<string,operation[]>"));
    EXPECT_EQ(by_name.at("delete_alias").responses.at("200"), nullable<std::string>());
    EXPECT_EQ(by_name.at("get_operation").responses.at("200"), nullable<std::string>("operation_status<no_metadata>"));
    EXPECT_EQ(by_name.at("wait_operation").path, "/1.0/operations/{id}/wait");
    EXPECT_EQ(by_name.at("wait_operation").params.back().wire, "timeout");

    // the upload: a streamed body and six headers
    auto const& upload = by_name.at("upload_image");
    EXPECT_EQ(upload.body, nullable<std::string>("stream_body"));
    std::vector<std::string> headers;
    for (auto const& p : upload.params)
        if (p.in == "header")
            headers.push_back(p.wire);
    EXPECT_EQ(headers, (std::vector<std::string>{"X-LXD-filename", "X-LXD-public", "X-LXD-properties", "X-LXD-fingerprint",
                                                 "X-LXD-secret", "X-LXD-profiles"}));
    EXPECT_EQ(by_name.at("create_image").body, nullable<std::string>("images_post"));
    EXPECT_EQ(by_name.at("list_images").params.at(2).wire, "all-projects");
}

TEST(catalog, the_catalog_program_lists_every_endpoint_of_every_provider)
{
    std::string out;
    append_catalog<hetzner::endpoints>(out);
    append_catalog<oxide::endpoints>(out);
    append_catalog<metal::endpoints>(out);
    append_catalog<openstack::endpoints>(out);
    append_catalog<lxd::endpoints>(out);
    EXPECT_EQ(entries_of(out).size(), 9u + 6u + 8u + 10u + 27u);
}

} // namespace
