// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The API extension guard: which field of which endpoint needs which
// extension, the refusal in `prepare` when the configured server lacks it,
// nothing refused when the list is not configured, and the names against
// the list a real LXD 5.0.2 daemon sends (tests/data/lxd/responses/server.http;
// tests/integration/test_lxd_daemon.cpp asks a live one).

// The header under test comes first: it must be self-contained.
#include <cloudimg/lxd/extensions.hpp>

#include "captured_response.hpp"

#include <cloudimg/lxd.hpp>
#include <cloudimg/response.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace lxd = cloudimg::lxd;
using cloudimg::error;
using need = lxd::extension_need;

namespace {

/// The extensions of LXD 5.0.2, as its GET /1.0 lists them.
std::vector<std::string> lxd_5_0_2_extensions()
{
    auto const r = captured::read(std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "lxd" / "responses" / "server.http");
    auto s = cloudimg::parse_response<lxd::get_server>(r);
    EXPECT_TRUE(s) << s.error().what();
    return s ? s->api_extensions : std::vector<std::string>{};
}

TEST(lxd_extensions, each_field_needs_the_extension_lxd_names_for_it)
{
    EXPECT_EQ(lxd::needed_extensions(lxd::get_image{.fingerprint = "a"}), std::vector<need>{});
    EXPECT_EQ(lxd::needed_extensions(lxd::list_images{}), std::vector<need>{});
    EXPECT_EQ(lxd::needed_extensions(lxd::list_images{.filter = "x eq y", .all_projects = true}),
              (std::vector<need>{{"images_all_projects", "all_projects"}, {"api_filtering", "filter"}}));
    EXPECT_EQ(lxd::needed_extensions(lxd::list_image_urls{.filter = "x eq y"}), (std::vector<need>{{"api_filtering", "filter"}}));
    lxd::images_post const everything{
        .source = lxd::images_post_source{.type = lxd::source_type::image, .image_type = "virtual-machine", .project = "src"},
        .compression_algorithm = "xz",
        .aliases = std::vector<lxd::image_alias>{},
        .expires_at = cloudimg::timestamp{},
        .profiles = std::vector<std::string>{}};
    std::vector<need> const post_needs{{"image_create_aliases", "body.aliases"},
                                       {"image_compression_algorithm", "body.compression_algorithm"},
                                       {"images_expiry", "body.expires_at"},
                                       {"image_profiles", "body.profiles"},
                                       {"image_types", "body.source.image_type"},
                                       {"image_source_project", "body.source.project"}};
    EXPECT_EQ(lxd::needed_extensions(lxd::create_image{.body = everything}), post_needs);
    EXPECT_EQ(lxd::needed_extensions(lxd::create_push_token{.body = everything}), post_needs);
    EXPECT_EQ(lxd::needed_extensions(lxd::create_image{.body = {.public_ = true}}), std::vector<need>{});
    EXPECT_EQ(lxd::needed_extensions(lxd::replace_image{.fingerprint = "a", .body = {.expires_at = cloudimg::timestamp{},
                                                                                     .profiles = std::vector<std::string>{}}}),
              (std::vector<need>{{"images_expiry", "body.expires_at"}, {"image_profiles", "body.profiles"}}));
    EXPECT_EQ(lxd::needed_extensions(lxd::push_image{.fingerprint = "a",
                                                     .body = {.target = "https://t", .project = "p",
                                                              .profiles = std::vector<std::string>{"default"}}}),
              (std::vector<need>{{"images_push_relay", "the call"},
                                 {"images_target_project", "body.project"},
                                 {"image_copy_profile", "body.profiles"}}));
    EXPECT_EQ(lxd::needed_extensions(lxd::refresh_image{.fingerprint = "a"}),
              (std::vector<need>{{"image_force_refresh", "the call"}}));
    EXPECT_EQ(lxd::needed_extensions(lxd::create_alias{.body = {.name = "n", .target = "t", .type = lxd::image_type::container}}),
              (std::vector<need>{{"image_types", "body.type"}}));
    for (bool all : {true, false}) {
        EXPECT_EQ(lxd::needed_extensions(lxd::list_operations{.all_projects = all}),
                  (std::vector<need>{{"operations_get_query_all_projects", "all_projects"}}));
        EXPECT_EQ(lxd::needed_extensions(lxd::list_operation_urls{.all_projects = all}),
                  (std::vector<need>{{"operations_get_query_all_projects", "all_projects"}}));
    }
}

TEST(lxd_extensions, prepare_refuses_what_the_configured_server_lacks_naming_the_extension)
{
    lxd::config cfg{.api_extensions = {"api_filtering", "image_types"}};
    auto refused = lxd::prepare(cfg, lxd::list_images{.all_projects = true});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, error::invalid_argument);
    EXPECT_EQ(refused.error().message, "list_images: all_projects needs the LXD API extension \"images_all_projects\", "
                                       "which the server does not list in its api_extensions");
    auto refresh = lxd::prepare(cfg, lxd::refresh_image{.fingerprint = "a"});
    ASSERT_FALSE(refresh);
    EXPECT_NE(refresh.error().message.find("\"image_force_refresh\""), std::string::npos);
    // what the server has goes through, and so does what needs nothing
    EXPECT_TRUE(lxd::prepare(cfg, lxd::list_images{.filter = "type eq container"}));
    EXPECT_TRUE(lxd::prepare(cfg, lxd::create_alias{.body = {.name = "n", .target = "t", .type = lxd::image_type::container}}));
    EXPECT_TRUE(lxd::prepare(cfg, lxd::get_image{.fingerprint = "a"}));
    // not configured: the list is not known, nothing is refused
    EXPECT_TRUE(lxd::prepare(lxd::config{}, lxd::list_images{.all_projects = true}));
    EXPECT_TRUE(lxd::check_extensions(lxd::refresh_image{.fingerprint = "a"}, {}));
}

TEST(lxd_extensions, lxd_5_0_2_lists_every_extension_named_but_three_newer_ones)
{
    auto const server = lxd_5_0_2_extensions();
    ASSERT_GT(server.size(), 300u);
    std::set<std::string> missing;
    for (auto const name : lxd::known_extensions)
        if (std::find(server.begin(), server.end(), name) == server.end())
            missing.emplace(name);
    // images_all_projects came with 5.21, operations_get_query_all_projects with 5.18;
    // 5.0.2 has the Go field for image_copy_profile but does not list the extension
    EXPECT_EQ(missing, (std::set<std::string>{"images_all_projects", "operations_get_query_all_projects", "image_copy_profile"}));

    lxd::config const cfg{.api_extensions = server};
    EXPECT_FALSE(lxd::prepare(cfg, lxd::list_images{.all_projects = true}));
    EXPECT_FALSE(lxd::prepare(cfg, lxd::list_operations{.all_projects = true}));
    EXPECT_FALSE(lxd::prepare(cfg, lxd::push_image{.fingerprint = "a", .body = {.target = "https://t", .profiles = std::vector<std::string>{}}}));
    EXPECT_TRUE(lxd::prepare(cfg, lxd::push_image{.fingerprint = "a", .body = {.target = "https://t", .project = "p"}}));
    EXPECT_TRUE(lxd::prepare(cfg, lxd::refresh_image{.fingerprint = "a"}));
    EXPECT_TRUE(lxd::prepare(cfg, lxd::create_image{.body = {.compression_algorithm = "xz",
                                                             .aliases = std::vector<lxd::image_alias>{{.name = "x"}}}}));
}

} // namespace
