// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test is included first: it must be self-contained.
#include <cloudimg/lxd.hpp>
#include <cloudimg/lxd/export.hpp>
#include <cloudimg/lxd/fingerprint.hpp>
#include <cloudimg/lxd/upload.hpp>

#include <lxd_daemon.hpp>
#include <string_source.hpp>
#include <test_client.hpp>
#include <test_transport.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/curl.hpp>

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sched.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

// Every LXD image endpoint against a real LXD daemon (Debian's lxd 5.0.2),
// private to this test run, over its unix socket through libcurl. Images are
// made here on the fly: a unified tarball and a split one (metadata tarball
// plus squashfs rootfs).
//
// Known LXD 5.0.2 behaviour is asserted as such, not hidden: alias PATCH
// waits ~20 s and answers 500, `eq true` on booleans never matches, a bad
// filter answers 500, a failed upload answers 202 and its operation fails.

namespace {

using namespace cloudimg;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

std::optional<test_support::lxd_daemon>& daemon()
{
    static std::optional<test_support::lxd_daemon> d;
    return d;
}

class lxd_environment : public ::testing::Environment {
public:
    void SetUp() override
    {
        test_support::stop_children_on_signals();
        auto d = test_support::lxd_daemon::start();
        if (!d) {
            char const* ci = std::getenv("CI");
            if (ci != nullptr && std::string_view(ci) == "true")
                GTEST_FAIL() << d.error().what() << "\nCI=true: the LXD integration tests must run.";
            // ctest reports the run as skipped on this exact text (SKIP_REGULAR_EXPRESSION)
            GTEST_SKIP() << "cloudimg-integration-skipped: " << d.error().what();
        }
        daemon().emplace(std::move(*d));
    }
    void TearDown() override { daemon().reset(); }
};

[[maybe_unused]] auto* const environment = ::testing::AddGlobalTestEnvironment(new lxd_environment);

using lxd_client = test_support::test_client<lxd::config>;

lxd_client make_client()
{
    return lxd_client{lxd::config{},
                      test_support::test_transport({.timeout = std::chrono::seconds(120), .unix_socket_path = daemon()->socket_path()})};
}

// ------------------------------------------------------------------ images made here

std::string machine()
{
    utsname u{};
    ::uname(&u);
    return u.machine;
}

int run(std::string const& command)
{
    return std::system(command.c_str());
}

std::string read_file(fs::path const& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A directory with metadata.yaml (+ templates/) and, if `with_rootfs`, rootfs/ with one file.
fs::path make_tree(std::string const& name, bool with_rootfs, std::string const& os)
{
    fs::path const dir = fs::path(daemon()->dir()) / ("src-" + name);
    fs::create_directories(dir / "templates");
    std::ofstream(dir / "metadata.yaml") << "architecture: " << machine() << "\ncreation_date: 1700000000\n"
                                         << "properties:\n  os: " << os << "\n  release: \"" << name
                                         << "\"\n  description: cloudimg test " << name << "\n";
    std::ofstream(dir / "templates" / "hostname.tpl") << "{{ container.name }}\n";
    if (with_rootfs) {
        fs::create_directories(dir / "rootfs" / "etc");
        std::ofstream(dir / "rootfs" / "etc" / "hostname") << name << '\n';
    }
    return dir;
}

/// A unified image: one tarball with metadata.yaml, templates/ and rootfs/.
std::string make_unified(std::string const& name, std::string const& os = "cloudimg")
{
    auto const dir = make_tree(name, true, os);
    auto const out = fs::path(daemon()->dir()) / (name + ".tar.gz");
    EXPECT_EQ(run("tar -C " + dir.string() + " -czf " + out.string() + " metadata.yaml templates rootfs"), 0);
    return read_file(out);
}

/// A split image: the paths of a metadata tarball and a squashfs rootfs.
std::pair<fs::path, fs::path> make_split(std::string const& name)
{
    auto const dir = make_tree(name, true, "cloudimg-split");
    auto const meta = fs::path(daemon()->dir()) / (name + "-meta.tar.xz");
    auto const rootfs = fs::path(daemon()->dir()) / (name + ".squashfs");
    EXPECT_EQ(run("tar -C " + dir.string() + " -cJf " + meta.string() + " metadata.yaml templates"), 0);
    EXPECT_EQ(run("mksquashfs " + (dir / "rootfs").string() + " " + rootfs.string() + " -noappend -quiet >/dev/null"), 0);
    return {meta, rootfs};
}

stream_body octet_stream(std::string data)
{
    return stream_body{"application/octet-stream", body_source(test_support::string_source{std::move(data)})};
}

/// Upload a unified image and wait for it: its fingerprint.
std::string import_unified(lxd_client& c, std::string const& name, std::string const& os = "cloudimg")
{
    auto started = c.send(lxd::upload_image{.body = octet_stream(make_unified(name, os)), .filename = name + ".tar.gz"});
    EXPECT_TRUE(started) << started.error().what();
    if (!started)
        return {};
    auto done = lxd::wait_until_done(c, *started, 60s);
    EXPECT_TRUE(done) << done.error().what();
    if (!done)
        return {};
    return done->result->fingerprint;
}

/// Delete an image a test made, and wait for the deletion; what fails here is a later test's problem.
void remove_image(lxd_client& c, std::string const& fingerprint)
{
    if (auto d = c.send(lxd::delete_image{.fingerprint = fingerprint}))
        static_cast<void>(lxd::wait_until_done(c, *d, 60s));
}

// ------------------------------------------------------------------ tests

TEST(lxd_daemon, server_info_says_trusted_over_the_socket)
{
    auto c = make_client();
    auto s = c.send(lxd::get_server{});
    ASSERT_TRUE(s) << s.error().what();
    EXPECT_EQ(s->api_version, "1.0");
    EXPECT_TRUE(s->trusted());
    EXPECT_TRUE(s->has_extension("etag"));
    ASSERT_TRUE(s->environment);
    EXPECT_EQ(s->environment->server_version.value_or(""), "5.0.2");
}

TEST(lxd_daemon, the_servers_extension_list_guards_what_it_would_ignore)
{
    auto c = make_client();
    auto s = c.send(lxd::get_server{});
    ASSERT_TRUE(s) << s.error().what();
    // every extension cloudimg checks for, but the three newer than 5.0.2, is on the live list
    for (auto const name : lxd::known_extensions) {
        bool const newer = name == "images_all_projects" || name == "operations_get_query_all_projects" || name == "image_copy_profile";
        EXPECT_NE(s->has_extension(name), newer) << name;
    }
    lxd_client guarded{lxd::config{.api_extensions = s->api_extensions},
                       test_support::test_transport({.timeout = std::chrono::seconds(120), .unix_socket_path = daemon()->socket_path()})};
    // all-projects: 5.0.2 would silently ignore it; refused before it is sent, by name
    auto all = guarded.send(lxd::list_images{.all_projects = true});
    ASSERT_FALSE(all);
    EXPECT_EQ(all.error().code, error::invalid_argument);
    EXPECT_NE(all.error().message.find("\"images_all_projects\""), std::string::npos) << all.error().what();
    auto ops = guarded.send(lxd::list_operations{.all_projects = true});
    ASSERT_FALSE(ops);
    EXPECT_NE(ops.error().message.find("\"operations_get_query_all_projects\""), std::string::npos);
    // without the list the request goes out, and 5.0.2 answers as if all-projects were not there
    auto unguarded = c.send(lxd::list_images{.all_projects = true});
    ASSERT_TRUE(unguarded) << unguarded.error().what();
    // what the server has passes the guard
    auto filtered = guarded.send(lxd::list_image_urls{.filter = "type eq container"});
    ASSERT_TRUE(filtered) << filtered.error().what();
}

TEST(lxd_daemon, unified_upload_get_list_and_delete)
{
    auto c = make_client();
    std::string const tarball = make_unified("unified1");
    auto started = c.send(lxd::upload_image{.body = octet_stream(tarball),
                                            .filename = "unified1.tar.gz",
                                            .public_ = true,
                                            .properties = lxd::form_values{{"os", "Cloud Img"}, {"note", "a&b=c d"}}});
    ASSERT_TRUE(started) << started.error().what();
    EXPECT_EQ(started->location, "/1.0/operations/" + started->op.id);
    EXPECT_EQ(started->op.status_code, 103);  // Running
    auto done = lxd::wait_until_done(c, *started, 60s);
    ASSERT_TRUE(done) << done.error().what();
    ASSERT_TRUE(done->done());
    std::string const fp = done->result->fingerprint;
    EXPECT_EQ(fp.size(), 64u);
    EXPECT_EQ(done->result->size.bytes, tarball.size());

    auto img = c.send(lxd::get_image{.fingerprint = fp});
    ASSERT_TRUE(img) << img.error().what();
    EXPECT_EQ(img->value.fingerprint, fp);
    EXPECT_EQ(img->value.filename, "unified1.tar.gz");
    EXPECT_TRUE(img->value.public_);
    EXPECT_EQ(img->value.size, static_cast<std::int64_t>(tarball.size()));
    EXPECT_EQ(img->value.type, lxd::image_type::container);
    ASSERT_TRUE(img->value.properties);
    // X-LXD-properties, URL-encoded on the wire, override metadata.yaml
    EXPECT_EQ(img->value.properties->at("os"), "Cloud Img");
    EXPECT_EQ(img->value.properties->at("note"), "a&b=c d");
    EXPECT_EQ(img->value.properties->at("release"), "unified1");
    EXPECT_FALSE(img->etag.empty());

    // a unique prefix of the fingerprint finds the image too
    auto by_prefix = c.send(lxd::get_image{.fingerprint = fp.substr(0, 12)});
    ASSERT_TRUE(by_prefix) << by_prefix.error().what();
    EXPECT_EQ(by_prefix->value.fingerprint, fp);

    auto urls = c.send(lxd::list_image_urls{});
    ASSERT_TRUE(urls) << urls.error().what();
    EXPECT_NE(std::find(urls->begin(), urls->end(), "/1.0/images/" + fp), urls->end());
    auto images = c.send(lxd::list_images{});
    ASSERT_TRUE(images) << images.error().what();
    EXPECT_TRUE(std::any_of(images->begin(), images->end(), [&](auto const& i) { return i.fingerprint == fp; }));

    auto del = c.send(lxd::delete_image{.fingerprint = fp});
    ASSERT_TRUE(del) << del.error().what();
    auto gone = lxd::wait_until_done(c, *del, 60s);
    ASSERT_TRUE(gone) << gone.error().what();
    EXPECT_TRUE(gone->done());
    auto missing = c.send(lxd::get_image{.fingerprint = fp});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().http_status, 404);
    EXPECT_EQ(missing.error().provider_code, "not_found");
    EXPECT_EQ(missing.error().message, "Image not found");
    ASSERT_TRUE(missing.error().body);
    EXPECT_EQ(missing.error().body->type, "error");
}

TEST(lxd_daemon, filters_use_json_field_names_and_quote_values)
{
    auto c = make_client();
    std::string const a = import_unified(c, "filter-a", "alpha");
    std::string const b = import_unified(c, "filter-b", "beta");
    ASSERT_FALSE(a.empty());
    ASSERT_FALSE(b.empty());

    auto only_alpha = c.send(lxd::list_images{.filter = lxd::filter{}.where("properties.os", "eq", "alpha").str().value()});
    ASSERT_TRUE(only_alpha) << only_alpha.error().what();
    ASSERT_EQ(only_alpha->size(), 1u);
    EXPECT_EQ(only_alpha->front().fingerprint, a);

    auto either = c.send(lxd::list_image_urls{
        .filter = lxd::filter{}.where("properties.os", "eq", "alpha").or_where("properties.os", "eq", "beta").str().value()});
    ASSERT_TRUE(either) << either.error().what();
    EXPECT_EQ(either->size(), 2u);

    auto not_alpha = c.send(lxd::list_images{
        .filter = lxd::filter{}.where_not("properties.os", "eq", "alpha").and_where("fingerprint", "eq", b).str().value()});
    ASSERT_TRUE(not_alpha) << not_alpha.error().what();
    ASSERT_EQ(not_alpha->size(), 1u);
    EXPECT_EQ(not_alpha->front().fingerprint, b);

    // a value with spaces goes in quotes
    auto spaced = c.send(lxd::list_images{
        .filter = lxd::filter{}.where("properties.description", "eq", "cloudimg test filter-b").str().value()});
    ASSERT_TRUE(spaced) << spaced.error().what();
    ASSERT_EQ(spaced->size(), 1u);
    EXPECT_EQ(spaced->front().fingerprint, b);

    // LXD 5.0.2: booleans never match `eq true` / `eq false`
    for (char const* v : {"true", "false"}) {
        auto by_bool = c.send(lxd::list_images{.filter = lxd::filter{}.where("public", "eq", v).str().value()});
        ASSERT_TRUE(by_bool) << by_bool.error().what();
        EXPECT_TRUE(by_bool->empty()) << v;
    }

    // LXD 5.0.2: a filter it cannot parse is a 500, not a 400
    auto bad = c.send(lxd::list_images{.filter = "properties.os eq"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().http_status, 500);
    EXPECT_EQ(bad.error().code, error::error_response);

    for (auto const& fp : {a, b})
        remove_image(c, fp);
}

TEST(lxd_daemon, every_filter_value_the_builder_accepts_means_itself)
{
    // The edges of lxd::filter's rules (tests/lxd/test_filter.cpp has them
    // exhaustively against a model of LXD's parser), here against LXD itself.
    // metadata.yaml has properties: without them, X-LXD-properties crashes 5.0.2.
    auto c = make_client();
    lxd::form_values const values{{"lead", " a"}, {"trail", "a "}, {"one", " "}, {"quote", "a\" b"}, {"open", "\"a b"}, {"words", "x y z"}};
    auto started = c.send(lxd::upload_image{.body = octet_stream(make_unified("filter-edges")), .properties = values});
    ASSERT_TRUE(started) << started.error().what();
    auto done = lxd::wait_until_done(c, *started, 60s);
    ASSERT_TRUE(done) << done.error().what();
    std::string const fp = done->result->fingerprint;

    for (auto const& [key, value] : values.values) {
        auto f = lxd::filter{}.where("properties." + key, "eq", value).and_where("fingerprint", "eq", fp).str();
        ASSERT_TRUE(f) << key << ": " << f.error().what();
        auto found = c.send(lxd::list_image_urls{.filter = *f});
        ASSERT_TRUE(found) << *f << ": " << found.error().what();
        EXPECT_EQ(found->size(), 1u) << *f;
        // and a value one letter longer does not match
        auto other = c.send(lxd::list_image_urls{.filter = lxd::filter{}.where("properties." + key, "eq", "x" + value).str().value()});
        ASSERT_TRUE(other) << other.error().what();
        EXPECT_TRUE(other->empty()) << key;
    }
    // What the builder refuses would mean something else: two spaces read as one,
    // U+00A0 splits a word (then the clause is malformed: a 500), NOT negates.
    ASSERT_FALSE(lxd::filter{}.where("properties.one", "eq", "  ").str());
    auto two = c.send(lxd::list_image_urls{.filter = "properties.one eq \"  \" and fingerprint eq " + fp});
    ASSERT_TRUE(two) << two.error().what();
    EXPECT_EQ(two->size(), 1u);
    ASSERT_FALSE(lxd::filter{}.where("properties.words", "eq", "x\xc2\xa0y").str());
    auto nbsp = c.send(lxd::list_image_urls{.filter = "properties.words eq x\xc2\xa0y"});
    ASSERT_FALSE(nbsp);
    EXPECT_EQ(nbsp.error().http_status, 500);
    ASSERT_FALSE(lxd::filter{}.where("NOT", "eq", "x").str());
    auto negated = c.send(lxd::list_image_urls{.filter = "NOT fingerprint eq " + fp});
    ASSERT_TRUE(negated) << negated.error().what();
    EXPECT_EQ(std::find(negated->begin(), negated->end(), "/1.0/images/" + fp), negated->end());

    remove_image(c, fp);
}

TEST(lxd_daemon, put_and_patch_with_etags)
{
    auto c = make_client();
    std::string const fp = import_unified(c, "etag");
    ASSERT_FALSE(fp.empty());
    auto img = c.send(lxd::get_image{.fingerprint = fp});
    ASSERT_TRUE(img) << img.error().what();

    auto put = c.send(lxd::replace_image{.fingerprint = fp,
                                         .body = {.auto_update = false,
                                                  .properties = lxd::string_map{{"os", "replaced"}},
                                                  .public_ = false,
                                                  .profiles = std::vector<std::string>{"default"}},
                                         .if_match = img->etag});
    ASSERT_TRUE(put) << put.error().what();
    auto after_put = c.send(lxd::get_image{.fingerprint = fp});
    ASSERT_TRUE(after_put);
    EXPECT_EQ(*after_put->value.properties, (lxd::string_map{{"os", "replaced"}}));
    EXPECT_NE(after_put->etag, img->etag);

    // the old ETag no longer matches: 412, nothing changes
    auto stale = c.send(lxd::update_image{.fingerprint = fp, .body = {.public_ = true}, .if_match = img->etag});
    ASSERT_FALSE(stale);
    EXPECT_TRUE(lxd::is_etag_mismatch(stale.error()));
    EXPECT_EQ(stale.error().provider_code, "precondition_failed");

    // PATCH merges properties key by key
    auto patch = c.send(lxd::update_image{.fingerprint = fp,
                                          .body = {.properties = lxd::string_map{{"extra", "1"}}, .public_ = true},
                                          .if_match = after_put->etag});
    ASSERT_TRUE(patch) << patch.error().what();
    auto after_patch = c.send(lxd::get_image{.fingerprint = fp});
    ASSERT_TRUE(after_patch);
    EXPECT_EQ(*after_patch->value.properties, (lxd::string_map{{"extra", "1"}, {"os", "replaced"}}));
    EXPECT_TRUE(after_patch->value.public_);

    remove_image(c, fp);
}

TEST(lxd_daemon, aliases_create_get_rename_conflict_and_delete)
{
    auto c = make_client();
    std::string const fp = import_unified(c, "aliases");
    ASSERT_FALSE(fp.empty());
    std::string const name = "team/web server";  // a slash and a space are data

    auto made = c.send(lxd::create_alias{.body = {.name = name, .target = fp, .description = "first"}});
    ASSERT_TRUE(made) << made.error().what();
    // LXD 5.0.2 escapes the name twice in Location (the path itself takes it escaped once)
    EXPECT_EQ(made->location, "/1.0/images/aliases/team%252Fweb%2520server");

    auto again = c.send(lxd::create_alias{.body = {.name = name, .target = fp}});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().http_status, 409);
    EXPECT_EQ(again.error().provider_code, "conflict");

    auto got = c.send(lxd::get_alias{.name = name});
    ASSERT_TRUE(got) << got.error().what();
    EXPECT_EQ(got->value.name, name);
    EXPECT_EQ(got->value.target, fp);
    EXPECT_EQ(got->value.description, "first");
    EXPECT_EQ(got->value.type, lxd::image_type::container);

    auto urls = c.send(lxd::list_alias_urls{});
    ASSERT_TRUE(urls) << urls.error().what();
    EXPECT_EQ(urls->size(), 1u);
    auto all = c.send(lxd::list_aliases{});
    ASSERT_TRUE(all) << all.error().what();
    ASSERT_EQ(all->size(), 1u);
    EXPECT_EQ(all->front().name, name);

    auto put = c.send(lxd::replace_alias{.name = name, .body = {.target = fp, .description = "second"}, .if_match = got->etag});
    ASSERT_TRUE(put) << put.error().what();
    auto stale = c.send(lxd::replace_alias{.name = name, .body = {.target = fp}, .if_match = got->etag});
    ASSERT_FALSE(stale);
    EXPECT_TRUE(lxd::is_etag_mismatch(stale.error()));

    // images list their aliases
    auto img = c.send(lxd::get_image{.fingerprint = fp});
    ASSERT_TRUE(img);
    ASSERT_TRUE(img->value.aliases);
    ASSERT_EQ(img->value.aliases->size(), 1u);
    EXPECT_EQ(img->value.aliases->front().name, name);

    auto start = std::chrono::steady_clock::now();
    auto renamed = c.send(lxd::rename_alias{.name = name, .body = {.name = "renamed"}});
    ASSERT_TRUE(renamed) << renamed.error().what();
    EXPECT_EQ(renamed->location, "/1.0/images/aliases/renamed");
    std::printf("alias rename took %.1f s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    auto old_name = c.send(lxd::get_alias{.name = name});
    ASSERT_FALSE(old_name);
    EXPECT_EQ(old_name.error().http_status, 404);

    // a second alias, then renaming onto it conflicts
    ASSERT_TRUE(c.send(lxd::create_alias{.body = {.name = "other", .target = fp}}));
    auto clash = c.send(lxd::rename_alias{.name = "renamed", .body = {.name = "other"}});
    ASSERT_FALSE(clash);
    EXPECT_EQ(clash.error().http_status, 409);

    auto del = c.send(lxd::delete_alias{.name = "renamed"});
    ASSERT_TRUE(del) << del.error().what();
    ASSERT_TRUE(c.send(lxd::delete_alias{.name = "other"}));
    auto del_again = c.send(lxd::delete_alias{.name = "renamed"});
    ASSERT_FALSE(del_again);
    EXPECT_EQ(del_again.error().http_status, 404);

    remove_image(c, fp);
}

TEST(lxd_daemon, alias_patch_is_slow_and_answers_500_in_5_0_2)
{
    auto c = make_client();
    std::string const fp = import_unified(c, "alias-patch");
    ASSERT_FALSE(fp.empty());
    ASSERT_TRUE(c.send(lxd::create_alias{.body = {.name = "patched", .target = fp}}));
    auto const start = std::chrono::steady_clock::now();
    auto patch = c.send(lxd::update_alias{.name = "patched", .body = {.description = "via patch"}});
    double const took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("alias PATCH took %.1f s\n", took);
    // the upstream bug, as it is: a 500 after a long wait. Should the server
    // be fixed, the call succeeds and this test says so.
    if (patch) {
        ADD_FAILURE() << "alias PATCH succeeded: LXD fixed the 5.0.2 bug; update the docs of lxd::update_alias";
    } else {
        EXPECT_EQ(patch.error().http_status, 500);
        EXPECT_GT(took, 5.0);
    }
    ASSERT_TRUE(c.send(lxd::delete_alias{.name = "patched"}));
    remove_image(c, fp);
}

TEST(lxd_daemon, secret_refresh_and_cancel)
{
    auto c = make_client();
    std::string const fp = import_unified(c, "secret");
    ASSERT_FALSE(fp.empty());

    auto token = c.send(lxd::create_image_secret{.fingerprint = fp});
    ASSERT_TRUE(token) << token.error().what();
    EXPECT_EQ(token->op.class_, lxd::operation_class::token);
    auto secret = token->metadata();
    ASSERT_TRUE(secret) << secret.error().what();
    EXPECT_FALSE(secret->secret.empty());
    ASSERT_TRUE(token->op.resources);
    EXPECT_EQ(token->op.resources->at("images").front(), "/1.0/images/" + fp);

    // the token stays running until used; cancelling revokes it
    auto status = c.send(lxd::get_operation<lxd::image_secret>{.id = token->op.id});
    ASSERT_TRUE(status) << status.error().what();
    EXPECT_FALSE(status->done());
    EXPECT_EQ(status->op.status_code, 103);
    auto cancelled = c.send(lxd::cancel(*token));
    ASSERT_TRUE(cancelled) << cancelled.error().what();
    auto after = c.send(lxd::get_operation<lxd::image_secret>{.id = token->op.id});
    ASSERT_FALSE(after);  // cancelled: a failure with the operation's story
    EXPECT_EQ(after.error().code, error::action_failed);
    // read as a token, the same end is its normal end
    auto ended = c.send(lxd::wait_for(*token, 0s));
    ASSERT_TRUE(ended) << ended.error().what();
    EXPECT_TRUE(ended->done());
    EXPECT_EQ(ended->op.status, "Cancelled");

    auto refresh = c.send(lxd::refresh_image{.fingerprint = fp});
    ASSERT_TRUE(refresh) << refresh.error().what();
    auto refreshed = lxd::wait_until_done(c, *refresh, 60s);
    // an uploaded image has no source to refresh from
    if (refreshed) {
        ASSERT_TRUE(refreshed->done());
        EXPECT_FALSE(refreshed->result->refreshed);
    } else {
        EXPECT_EQ(refreshed.error().code, error::action_failed);
        std::printf("refresh of an uploaded image: %s\n", refreshed.error().message.c_str());
    }

    remove_image(c, fp);
}

TEST(lxd_daemon, failed_upload_answers_202_and_the_operation_fails)
{
    auto c = make_client();
    auto started = c.send(lxd::upload_image{.body = octet_stream("this is not an image")});
    ASSERT_TRUE(started) << started.error().what();
    auto done = lxd::wait_until_done(c, *started, 60s);
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().code, error::action_failed);
    EXPECT_EQ(done.error().provider_code, "operation_failed");
    EXPECT_NE(done.error().message.find(started->op.id), std::string::npos);

    // a fingerprint that does not match fails the same way
    auto wrong = c.send(lxd::upload_image{.body = octet_stream(make_unified("wrong-fp")),
                                          .expected_fingerprint = std::string(64, 'a')});
    ASSERT_TRUE(wrong) << wrong.error().what();
    auto wrong_done = lxd::wait_until_done(c, *wrong, 60s);
    ASSERT_FALSE(wrong_done);
    EXPECT_NE(wrong_done.error().message.find("ingerprint"), std::string::npos) << wrong_done.error().message;
}

/// Export `fingerprint` through export_receiver, checking the fingerprint as the bytes arrive.
cloudimg::result<lxd::export_info> export_into(lxd_client& c, std::string const& fingerprint, std::string& metadata,
                                               std::string& rootfs)
{
    lxd::export_receiver receiver(
        [&](lxd::exported_file const& f, std::string_view chunk) -> cloudimg::result<void> {
            (f.file == lxd::export_file::metadata ? metadata : rootfs).append(chunk);
            return {};
        },
        {.expected_fingerprint = fingerprint});
    auto head = c.send(lxd::export_image{.fingerprint = fingerprint}, receiver.body_sink());
    if (!head)
        return static_cast<failure>(head.error());
    return receiver.finish();
}

TEST(lxd_daemon, split_upload_from_files_and_both_exports_verify_their_fingerprints)
{
    auto c = make_client();
    auto const [meta_path, rootfs_path] = make_split("split1");
    auto meta = lxd::file_source::open(meta_path);
    auto rootfs = lxd::file_source::open(rootfs_path);
    ASSERT_TRUE(meta && rootfs);
    auto expected = lxd::image_fingerprint(*meta, *rootfs);  // SHA-256 of metadata, then rootfs
    ASSERT_TRUE(expected) << expected.error().what();

    auto body = lxd::split_upload(std::move(*meta), std::move(*rootfs), lxd::rootfs_kind::rootfs,
                                  {.metadata_filename = "split1-meta.tar.xz", .rootfs_filename = "split1.squashfs"});
    ASSERT_TRUE(body) << body.error().what();
    auto started = c.send(lxd::upload_image{.body = std::move(*body), .expected_fingerprint = *expected});
    ASSERT_TRUE(started) << started.error().what();
    auto done = lxd::wait_until_done(c, *started, 60s);
    ASSERT_TRUE(done) << done.error().what();
    EXPECT_EQ(done->result->fingerprint, *expected);
    auto img = c.send(lxd::get_image{.fingerprint = *expected});
    ASSERT_TRUE(img) << img.error().what();
    EXPECT_EQ(img->value.filename, "split1.squashfs");  // 5.0.x keeps the rootfs part's filename

    std::string exported_meta, exported_rootfs;
    auto split = export_into(c, *expected, exported_meta, exported_rootfs);
    ASSERT_TRUE(split) << split.error().what();
    EXPECT_EQ(split->kind, lxd::export_kind::split);
    EXPECT_EQ(split->fingerprint, *expected);
    EXPECT_EQ(exported_meta, read_file(meta_path));
    EXPECT_EQ(exported_rootfs, read_file(rootfs_path));

    // unified: one file, its SHA-256 is the fingerprint
    std::string const tarball = make_unified("export-unified");
    auto up = c.send(lxd::upload_image{.body = octet_stream(tarball)});
    ASSERT_TRUE(up) << up.error().what();
    auto up_done = lxd::wait_until_done(c, *up, 60s);
    ASSERT_TRUE(up_done) << up_done.error().what();
    std::string const unified_fp = up_done->result->fingerprint;
    std::string unused, exported_tarball;
    auto unified = export_into(c, unified_fp, unused, exported_tarball);
    ASSERT_TRUE(unified) << unified.error().what();
    EXPECT_EQ(unified->kind, lxd::export_kind::unified);
    EXPECT_EQ(unified->fingerprint, unified_fp);
    EXPECT_EQ(exported_tarball, tarball);

    // a wrong expectation is caught while reading, not trusted
    lxd::export_receiver wrong([](lxd::exported_file const&, std::string_view) { return cloudimg::result<void>{}; },
                               {.expected_fingerprint = std::string(64, '0')});
    auto head = c.send(lxd::export_image{.fingerprint = unified_fp}, wrong.body_sink());
    auto checked = head ? wrong.finish() : cloudimg::result<lxd::export_info>(static_cast<failure>(head.error()));
    ASSERT_FALSE(checked);
    EXPECT_EQ(checked.error().code, error::invalid_value);

    for (auto const& fp : {*expected, unified_fp})
        remove_image(c, fp);
}

TEST(lxd_daemon, push_mode_token_then_upload_with_its_secret_then_the_token_ends)
{
    auto c = make_client();
    std::string const tarball = make_unified("pushed");
    test_support::string_source src{tarball};
    auto fp = lxd::image_fingerprint(src);
    ASSERT_TRUE(fp) << fp.error().what();

    // push mode sent as a plain create_image is refused before it is sent: its answer is a token
    auto wrong = c.send(lxd::create_image{.body = {.source = lxd::push_source(*fp)}});
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, error::invalid_argument);

    // JSON POST /1.0/images in push mode: a token operation whose metadata is the secret
    auto token = c.send(lxd::create_push_token{
        .body = {.source = lxd::push_source(*fp), .aliases = std::vector<lxd::image_alias>{{.name = "pushed"}}}});
    ASSERT_TRUE(token) << token.error().what();
    EXPECT_EQ(token->op.class_, lxd::operation_class::token);
    EXPECT_EQ(token->op.status_code, 103);
    auto secret = token->metadata();
    ASSERT_TRUE(secret) << secret.error().what() << ' ' << token->op.metadata.text;
    EXPECT_FALSE(secret->secret.empty());

    // the upload with the secret and the fingerprint the token names is the import to wait for
    auto started = c.send(lxd::upload_image{.body = octet_stream(tarball), .expected_fingerprint = *fp,
                                            .secret = secret->secret});
    ASSERT_TRUE(started) << started.error().what();
    auto done = lxd::wait_until_done(c, *started, 60s);
    ASSERT_TRUE(done) << done.error().what();
    EXPECT_EQ(done->result->fingerprint, *fp);
    // the token's aliases apply to the image it let in
    auto alias = c.send(lxd::get_alias{.name = "pushed"});
    ASSERT_TRUE(alias) << alias.error().what();
    EXPECT_EQ(alias->value.target, *fp);

    // the used token ended: cancelled by the server, which is a token's normal end
    auto ended = lxd::wait_until_done(c, *token, 10s);
    ASSERT_TRUE(ended) << ended.error().what();
    EXPECT_TRUE(ended->done());
    EXPECT_EQ(ended->op.status, "Cancelled");
    EXPECT_EQ(ended->op.status_code, 401);
    // read as a plain operation, the same end is a cancellation
    auto as_failure = c.send(lxd::get_operation<>{.id = token->op.id});
    ASSERT_FALSE(as_failure);
    EXPECT_EQ(as_failure.error().provider_code, "operation_cancelled");

    ASSERT_TRUE(c.send(lxd::delete_alias{.name = "pushed"}));
    remove_image(c, *fp);
}

TEST(lxd_daemon, operations_are_listed_by_status_both_ways)
{
    auto c = make_client();
    std::string const fp = import_unified(c, "listed-ops");
    ASSERT_FALSE(fp.empty());
    // a token stays running until used or revoked: an operation to find
    auto token = c.send(lxd::create_image_secret{.fingerprint = fp});
    ASSERT_TRUE(token) << token.error().what();

    auto urls = c.send(lxd::list_operation_urls{});
    ASSERT_TRUE(urls) << urls.error().what();
    ASSERT_TRUE(urls->contains("running"));
    auto const& running_urls = urls->at("running");
    EXPECT_NE(std::find(running_urls.begin(), running_urls.end(), "/1.0/operations/" + token->op.id), running_urls.end());

    auto ops = c.send(lxd::list_operations{.project = "default"});
    ASSERT_TRUE(ops) << ops.error().what();
    ASSERT_TRUE(ops->contains("running"));
    auto const& running = ops->at("running");
    auto const found = std::find_if(running.begin(), running.end(), [&](lxd::operation const& o) { return o.id == token->op.id; });
    ASSERT_NE(found, running.end());
    EXPECT_EQ(found->class_, lxd::operation_class::token);
    EXPECT_EQ(found->status, "Running");
    ASSERT_TRUE(found->resources);
    EXPECT_EQ(found->resources->at("images").front(), "/1.0/images/" + fp);
    for (auto const& [status, list] : *ops)
        for (auto const& o : list)
            EXPECT_EQ(status, o.status == "Running" ? "running" : status) << o.id;

    // LXD 5.0.2 does not check the project here: a missing one lists nothing, it is no 404
    auto elsewhere = c.send(lxd::list_operations{.project = "does-not-exist"});
    ASSERT_TRUE(elsewhere) << elsewhere.error().what();
    for (auto const& [status, list] : *elsewhere)
        EXPECT_TRUE(std::none_of(list.begin(), list.end(), [&](lxd::operation const& o) { return o.id == token->op.id; })) << status;

    // a revoked token is no longer running
    ASSERT_TRUE(c.send(lxd::cancel(*token)));
    auto after = c.send(lxd::list_operations{});
    ASSERT_TRUE(after) << after.error().what();
    if (after->contains("running")) {
        auto const& still = after->at("running");
        EXPECT_TRUE(std::none_of(still.begin(), still.end(), [&](lxd::operation const& o) { return o.id == token->op.id; }));
    }

    remove_image(c, fp);
}

TEST(lxd_daemon, error_cases)
{
    auto c = make_client();
    // refresh exists only as POST: the API answers GET with 501 (not sent by cloudimg; shown here raw)
    curl::transport raw({.unix_socket_path = daemon()->socket_path()});
    request get_refresh;
    get_refresh.origin = "http://lxd";
    get_refresh.target = "/1.0/images/" + std::string(64, 'f') + "/refresh";
    auto r = raw(get_refresh);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 501);

    auto no_image = c.send(lxd::refresh_image{.fingerprint = std::string(64, 'f')});
    ASSERT_FALSE(no_image);
    EXPECT_EQ(no_image.error().http_status, 404);

    auto no_target = c.send(lxd::create_alias{.body = {.name = "x", .target = std::string(64, 'f')}});
    ASSERT_FALSE(no_target);
    EXPECT_EQ(no_target.error().http_status, 404);

    auto no_project = c.send(lxd::list_images{.project = "does-not-exist"});
    ASSERT_FALSE(no_project);
    EXPECT_EQ(no_project.error().http_status, 404);
    EXPECT_FALSE(no_project.error().message.empty());

    auto no_op = c.send(lxd::get_operation<>{.id = "00000000-0000-0000-0000-000000000000"});
    ASSERT_FALSE(no_op);
    EXPECT_EQ(no_op.error().http_status, 404);
}

// ------------------------------------------------------------------ HTTPS with a client certificate

/** Run `f` with this thread in the daemon's network namespace, where its
    loopback (and so its HTTPS listener) is; sockets opened meanwhile stay in
    it. The Unix socket is a file: it works from both sides.
*/
template <class F>
void in_daemon_network(F f)
{
    int const ours = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    int const theirs = ::open(("/proc/" + std::to_string(daemon()->pid()) + "/ns/net").c_str(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(ours, 0);
    ASSERT_GE(theirs, 0);
    ASSERT_EQ(::setns(theirs, CLONE_NEWNET), 0) << "setns: " << std::strerror(errno);
    f();
    EXPECT_EQ(::setns(ours, CLONE_NEWNET), 0) << "setns back: " << std::strerror(errno);
    ::close(theirs);
    ::close(ours);
}

/// A request LXD's images API does not cover (server config, trust store), over the socket.
response raw(lxd_client& c, http_method method, std::string target, std::string body)
{
    request req;
    req.method = method;
    req.origin = "http://lxd";
    req.target = std::move(target);
    req.headers.add("Content-Type", "application/json");
    req.body = std::move(body);
    auto res = c.get_transport()(req);
    EXPECT_TRUE(res) << res.error().what();
    return res ? std::move(*res) : response{};
}

TEST(lxd_daemon, https_on_loopback_with_a_trusted_client_certificate)
{
    std::string const tls_dir = std::string(CLOUDIMG_TEST_DATA_DIR) + "/lxd/tls";
    auto socket = make_client();
    auto listen = raw(socket, http_method::patch, "/1.0", R"({"config":{"core.https_address":"127.0.0.1:8443"}})");
    ASSERT_EQ(listen.status, 200) << listen.body;
    // Trust the test client certificate: its DER, base64 (the PEM's body), as `lxc config trust add` sends it.
    std::string der_base64;
    std::istringstream pem(read_file(tls_dir + "/test-client.crt"));
    for (std::string line; std::getline(pem, line);)
        if (!line.starts_with("-----"))
            der_base64 += line;
    auto trust = raw(socket, http_method::post, "/1.0/certificates",
                     R"({"type":"client","name":"cloudimg-tests","certificate":")" + der_base64 + R"("})");
    ASSERT_GE(trust.status, 200) << trust.body;
    ASSERT_LT(trust.status, 300) << trust.body;

    std::string const server_crt = daemon()->dir() + "/server.crt";
    std::string const pin = lxd::public_key_pin(read_file(server_crt)).value();
    auto over_https = [&](transport_options opts) {
        opts.timeout = 60s;
        return lxd_client{lxd::config{.base_url = "https://127.0.0.1:8443"}, test_support::test_transport(std::move(opts))};
    };
    in_daemon_network([&] {
        auto trusted = over_https({.ca_file = server_crt, .pinned_public_key = pin,
                                   .client_certificate = tls_dir + "/test-client.crt",
                                   .client_key = tls_dir + "/test-client.key"});
        auto info = trusted.send(lxd::get_server{});
        ASSERT_TRUE(info) << info.error().what();
        EXPECT_TRUE(info->trusted()) << info->auth;
        auto images = trusted.send(lxd::list_images{});
        EXPECT_TRUE(images) << images.error().what();

        // without a certificate LXD answers, but as to a stranger
        auto stranger = over_https({.ca_file = server_crt});
        auto public_info = stranger.send(lxd::get_server{});
        ASSERT_TRUE(public_info) << public_info.error().what();
        EXPECT_EQ(public_info->auth, "untrusted");

        // a server whose certificate is not the one trusted is refused before anything is sent
        auto wrong_ca = over_https({.ca_file = tls_dir + "/test-server.crt"});
        auto refused = wrong_ca.send(lxd::get_server{});
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().http_status, 0) << refused.error().what();
    });
}

} // namespace
