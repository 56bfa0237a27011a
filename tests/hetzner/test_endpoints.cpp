// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Golden tests of the nine Hetzner endpoints: the requests `hetzner::prepare`
// builds, byte for byte, against tests/data/golden/hetzner/<name>.request.json,
// and realistic response bodies (<name>.response.json) decoded field by field.

// The header under test comes first: it must be self-contained.
#include <cloudimg/hetzner/endpoints.hpp>

#include "../conformance/schema_walk.hpp"

#include <cloudimg/hetzner.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/response.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "golden.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace hetzner = cloudimg::hetzner;
namespace bj = boost::json;
using cloudimg::timestamp;

#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // get_image_action is deprecated upstream, still tested
#endif

namespace {

std::filesystem::path const golden_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "golden" / "hetzner";

using golden::read_file;

hetzner::config golden_config()
{
    return {.token = "hcloud-golden-token-0123456789", .user_agent = "cloudimg-golden/1.0 (+tests)"};
}

// The request must equal the golden file (see golden::expect_request).
template <class E>
void expect_golden_request(E const& ep, std::string const& name)
{
    SCOPED_TRACE(name);
    golden::expect_request(hetzner::prepare(golden_config(), ep), golden_dir / (name + ".request.json"), "https://api.hetzner.cloud");
}

TEST(hetzner_endpoints, header_is_self_contained_and_lists_nine_endpoints)
{
    static_assert(boost::mp11::mp_size<hetzner::endpoints>::value == 9);
}

TEST(hetzner_endpoints, list_images_request)
{
    using hetzner::image_sort;
    expect_golden_request(hetzner::list_images{.sort = {image_sort::name_asc, image_sort::created_desc},
                                               .type = {hetzner::image_type::snapshot, hetzner::image_type::backup},
                                               .status = {hetzner::image_status::available, hetzner::image_status::creating},
                                               .bound_to = {"4711", "9007199254740991"},
                                               .include_deprecated = true,
                                               .name = "ubuntu-24.04",
                                               .label_selector = "env=prod,tier!=db",
                                               .architecture = hetzner::architecture::arm,
                                               .page = 2,
                                               .per_page = 50},
                          "list_images");
}

TEST(hetzner_endpoints, list_images_without_parameters_has_no_query)
{
    auto req = hetzner::prepare(golden_config(), hetzner::list_images{});
    ASSERT_TRUE(req);
    EXPECT_EQ(req->target, "/v1/images");
    auto off = hetzner::prepare(golden_config(), hetzner::list_images{.include_deprecated = false, .name = ""});
    ASSERT_TRUE(off);
    EXPECT_EQ(off->target, "/v1/images?include_deprecated=false&name=");  // set-but-empty is sent
}

TEST(hetzner_endpoints, get_image_request)
{
    expect_golden_request(hetzner::get_image{.id = 9007199254740991}, "get_image");
}

TEST(hetzner_endpoints, update_image_request)
{
    expect_golden_request(
        hetzner::update_image{.id = 4711,
                              .body = {.description = "Ubuntu 24.04 base \xe2\x80\x94 \"golden\"\n",
                                       .type = hetzner::image_conversion::snapshot,
                                       .labels = std::map<std::string, std::string>{
                                           {"env", "prod"}, {"team", "infra/ops"}, {"\xc3\xbcn\xc3\xaf" "code", "\xc3\xa4 b"}}}},
        "update_image");
}

TEST(hetzner_endpoints, update_image_sends_only_what_is_set)
{
    auto req = hetzner::prepare(golden_config(), hetzner::update_image{.id = 1});
    ASSERT_TRUE(req);
    EXPECT_EQ(std::get<std::string>(req->body), "{}");
    // an empty label set is sent: it removes every label
    req = hetzner::prepare(golden_config(), hetzner::update_image{.id = 1, .body = {.labels = std::map<std::string, std::string>{}}});
    ASSERT_TRUE(req);
    EXPECT_EQ(std::get<std::string>(req->body), R"({"labels":{}})");
}

TEST(hetzner_endpoints, delete_image_request)
{
    expect_golden_request(hetzner::delete_image{.id = 9223372036854775807}, "delete_image");
}

TEST(hetzner_endpoints, list_image_actions_request)
{
    using hetzner::action_sort;
    expect_golden_request(hetzner::list_image_actions{.id = 4711,
                                                      .sort = {action_sort::started_desc, action_sort::id},
                                                      .status = {hetzner::action_status::running, hetzner::action_status::error},
                                                      .page = 3,
                                                      .per_page = 10},
                          "list_image_actions");
}

TEST(hetzner_endpoints, get_image_action_request)
{
    expect_golden_request(hetzner::get_image_action{.id = 4711, .action_id = 9007199254740991}, "get_image_action");
}

TEST(hetzner_endpoints, change_image_protection_request)
{
    expect_golden_request(hetzner::change_image_protection{.id = 4711, .body = {.delete_ = true}}, "change_image_protection");
}

TEST(hetzner_endpoints, list_images_actions_request)
{
    expect_golden_request(hetzner::list_images_actions{.id = {1, 42, 9007199254740991},
                                                       .sort = {hetzner::action_sort::finished_asc},
                                                       .status = {hetzner::action_status::success},
                                                       .page = 1,
                                                       .per_page = 50},
                          "list_images_actions");
}

TEST(hetzner_endpoints, get_images_action_request)
{
    expect_golden_request(hetzner::get_images_action{.id = 13}, "get_images_action");
}

TEST(hetzner_endpoints, every_endpoint_has_a_golden_request)
{
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, hetzner::endpoints>>([](auto id) {
        using E = typename decltype(id)::type;
        EXPECT_TRUE(std::filesystem::exists(golden_dir / (std::string(cloudimg::name_of<E>()) + ".request.json")))
            << cloudimg::name_of<E>();
    });
}

TEST(hetzner_endpoints, a_custom_base_url_keeps_its_path_and_port)
{
    auto cfg = golden_config();
    cfg.base_url = "http://127.0.0.1:4010/mock/v1/";
    auto req = hetzner::prepare(cfg, hetzner::get_images_action{.id = 13});
    ASSERT_TRUE(req) << req.error().what();
    EXPECT_EQ(req->origin, "http://127.0.0.1:4010");
    EXPECT_EQ(req->target, "/mock/v1/images/actions/13");
}

TEST(hetzner_endpoints, no_token_means_no_authorization_header)
{
    auto req = hetzner::prepare(hetzner::config{}, hetzner::get_image{.id = 1});
    ASSERT_TRUE(req);
    EXPECT_FALSE(req->headers.contains("Authorization"));
    EXPECT_TRUE(req->headers.find("User-Agent")->starts_with("cloudimg/"));
}

// ---------------------------------------------------------------- golden responses

template <class E>
cloudimg::result<cloudimg::response_type_t<E>, cloudimg::failure_type_t<E>> parse_golden(std::string const& file, int status)
{
    cloudimg::response r;
    r.status = status;
    r.headers.add("x-correlation-id", "golden-1");  // header lookups ignore case
    r.body = read_file(golden_dir / file);
    return cloudimg::parse_response<E>(r);
}

timestamp ts(std::string_view s)
{
    auto t = cloudimg::parse_timestamp(s);
    EXPECT_TRUE(t) << s;
    return t.value_or(timestamp{});
}

// Decoding and re-encoding loses nothing but spelling (see schema_walk::normalise).
template <class Body>
void expect_lossless(Body const& decoded, std::string const& file)
{
    auto const tree = schema_walk::walk<Body>();
    std::vector<std::string> unknown, ignored;
    auto const want = schema_walk::normalise(bj::parse(read_file(golden_dir / file)), tree, "", unknown);
    EXPECT_TRUE(unknown.empty()) << file << ": " << (unknown.empty() ? "" : unknown.front());
    EXPECT_EQ(schema_walk::normalise(bj::parse(cloudimg::json::encode(decoded)), tree, "", ignored), want) << file;
}

TEST(hetzner_endpoints, list_images_response)
{
    auto r = parse_golden<hetzner::list_images>("list_images.response.json", 200);
    ASSERT_TRUE(r) << r.error().what();
    auto const& images = r->images;
    ASSERT_EQ(images.size(), 5u);

    auto const& sys = images[0];
    EXPECT_EQ(sys.id, 161547269);
    EXPECT_TRUE(sys.type == hetzner::image_type::system);
    EXPECT_TRUE(sys.status == hetzner::image_status::available);
    EXPECT_EQ(sys.name, cloudimg::nullable<std::string>("ubuntu-24.04"));
    EXPECT_EQ(sys.description, "Ubuntu 24.04");
    EXPECT_FALSE(sys.image_size.has_value());
    EXPECT_EQ(sys.disk_size, 5.0);
    EXPECT_EQ(sys.created, ts("2024-04-25T13:55:19Z"));
    EXPECT_EQ(sys.created.offset_minutes, 0);
    EXPECT_FALSE(sys.created_from.has_value());
    EXPECT_FALSE(sys.bound_to.has_value());
    EXPECT_TRUE(sys.os_flavor == hetzner::os_flavor::ubuntu);
    EXPECT_EQ(sys.os_version, cloudimg::nullable<std::string>("24.04"));
    EXPECT_EQ(sys.rapid_deploy, std::optional<bool>(true));
    EXPECT_FALSE(sys.protection.delete_);
    EXPECT_FALSE(sys.deprecated.has_value());
    EXPECT_FALSE(sys.deleted.has_value());
    EXPECT_TRUE(sys.labels.empty());
    EXPECT_TRUE(sys.architecture == hetzner::architecture::x86);
    EXPECT_FALSE(sys.deprecation.has_value());

    auto const& app = images[1];
    EXPECT_TRUE(app.type == hetzner::image_type::app);
    EXPECT_EQ(app.rapid_deploy, std::optional<bool>(false));
    ASSERT_TRUE(app.deprecated.has_value());
    EXPECT_EQ(*app.deprecated, ts("2024-06-01T00:00:00Z"));
    ASSERT_TRUE(app.deprecation.has_value());
    EXPECT_EQ(app.deprecation->announced, ts("2024-03-01T00:00:00Z"));
    EXPECT_EQ(app.deprecation->unavailable_after, ts("2024-09-01T00:00:00Z"));
    EXPECT_TRUE(app.architecture == hetzner::architecture::arm);

    auto const& snap = images[2];
    EXPECT_EQ(snap.id, 9007199254740991);  // 2^53 - 1, the spec's maximum, exact
    EXPECT_TRUE(snap.type == hetzner::image_type::snapshot);
    EXPECT_FALSE(snap.name.has_value());
    EXPECT_EQ(snap.image_size, cloudimg::nullable<double>(2.3456789));
    EXPECT_EQ(snap.disk_size, 40.0);
    EXPECT_EQ(std::chrono::nanoseconds(snap.created.nanoseconds), std::chrono::microseconds(123456));
    ASSERT_TRUE(snap.created_from.has_value());
    EXPECT_EQ(snap.created_from->id, 9007199254740991);
    EXPECT_EQ(snap.created_from->name, "web-1");
    EXPECT_TRUE(snap.os_flavor == hetzner::os_flavor::debian);
    EXPECT_FALSE(snap.rapid_deploy.has_value());  // absent
    EXPECT_TRUE(snap.protection.delete_);
    EXPECT_EQ(snap.labels, (std::map<std::string, std::string>{
                               {"app.kubernetes.io/name", "web"}, {"env", "prod"}, {"team", "infra/ops"}}));

    auto const& backup = images[3];
    EXPECT_TRUE(backup.type == hetzner::image_type::backup);
    EXPECT_TRUE(backup.status == hetzner::image_status::creating);
    EXPECT_EQ(backup.bound_to, cloudimg::nullable<std::int64_t>(42));
    EXPECT_TRUE(backup.os_flavor == hetzner::os_flavor::unknown);  // a documented value, not an unknown one
    EXPECT_TRUE(backup.os_flavor.is_known());
    EXPECT_FALSE(backup.os_version.has_value());
    EXPECT_FALSE(backup.rapid_deploy.has_value());  // null decodes as absent
    EXPECT_EQ(backup.created, ts("2026-02-01T01:00:00Z"));
    EXPECT_EQ(backup.created.offset_minutes, 60);
    EXPECT_EQ(cloudimg::to_string(backup.created), "2026-02-01T02:00:00+01:00");

    auto const& gone = images[4];
    EXPECT_TRUE(gone.status == hetzner::image_status::unavailable);
    EXPECT_EQ(gone.description, "");
    EXPECT_EQ(gone.deleted, cloudimg::nullable<std::string>("2026-01-02T03:04:05Z"));
    EXPECT_EQ(gone.labels.at(""), "empty key");
    EXPECT_EQ(gone.labels.at("tier"), "");

    auto const& p = r->meta.pagination;
    EXPECT_EQ(p.page, 1);
    EXPECT_EQ(p.per_page, 25);
    EXPECT_FALSE(p.previous_page.has_value());
    EXPECT_EQ(p.next_page, cloudimg::nullable<std::int64_t>(2));
    EXPECT_EQ(p.last_page, cloudimg::nullable<std::int64_t>(3));
    EXPECT_EQ(p.total_entries, cloudimg::nullable<std::int64_t>(61));

    expect_lossless(*r, "list_images.response.json");
    std::string const encoded = cloudimg::json::encode(*r);
    EXPECT_NE(encoded.find(R"("id":9007199254740991,"type":"snapshot")"), std::string::npos);  // no double on the way
}

TEST(hetzner_endpoints, get_and_update_image_responses)
{
    auto g = parse_golden<hetzner::get_image>("get_image.response.json", 200);
    ASSERT_TRUE(g) << g.error().what();
    ASSERT_TRUE(g->image.has_value());
    EXPECT_EQ(g->image->id, 9007199254740991);
    EXPECT_EQ(g->image->rapid_deploy, std::optional<bool>(false));
    EXPECT_EQ(g->image->labels.at("env"), "prod");
    expect_lossless(*g, "get_image.response.json");

    auto u = parse_golden<hetzner::update_image>("update_image.response.json", 200);
    ASSERT_TRUE(u) << u.error().what();
    ASSERT_TRUE(u->image.has_value());
    EXPECT_EQ(u->image->id, 4711);
    EXPECT_EQ(u->image->description, "Ubuntu 24.04 base \xe2\x80\x94 \"golden\"\n");
    EXPECT_EQ(u->image->labels.at("\xc3\xbcn\xc3\xaf" "code"), "\xc3\xa4 b");
    EXPECT_EQ(u->image->image_size, cloudimg::nullable<double>(1.75));
    EXPECT_TRUE(u->image->architecture == hetzner::architecture::arm);
    expect_lossless(*u, "update_image.response.json");

    // the same body under an undocumented status is not a success
    auto wrong = parse_golden<hetzner::update_image>("update_image.response.json", 201);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, cloudimg::error::unexpected_status);
}

TEST(hetzner_endpoints, delete_image_response)
{
    cloudimg::response r;
    r.status = 204;
    auto ok = cloudimg::parse_response<hetzner::delete_image>(r);
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, cloudimg::no_content{});
    r.status = 200;  // not documented for DELETE
    auto wrong = cloudimg::parse_response<hetzner::delete_image>(r);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, cloudimg::error::unexpected_status);
    EXPECT_EQ(wrong.error().http_status, 200);
}

TEST(hetzner_endpoints, list_image_actions_response)
{
    auto r = parse_golden<hetzner::list_image_actions>("list_image_actions.response.json", 200);
    ASSERT_TRUE(r) << r.error().what();
    ASSERT_EQ(r->actions.size(), 3u);
    auto const& running = r->actions[0];
    EXPECT_EQ(running.id, 9007199254740991);
    EXPECT_EQ(running.command, "create_image");
    EXPECT_TRUE(running.status == hetzner::action_status::running);
    EXPECT_EQ(running.progress, 42);
    EXPECT_FALSE(running.finished.has_value());
    EXPECT_FALSE(running.error.has_value());
    ASSERT_EQ(running.resources.size(), 2u);
    EXPECT_EQ(running.resources[0].id, 42);
    EXPECT_EQ(running.resources[0].type, "server");
    EXPECT_EQ(running.resources[1].id, 4711);
    EXPECT_EQ(running.resources[1].type, "image");

    auto const& failed = r->actions[1];
    EXPECT_TRUE(failed.status == hetzner::action_status::error);
    ASSERT_TRUE(failed.finished.has_value());
    EXPECT_EQ(*failed.finished, ts("2016-01-30T23:56:00.5Z"));
    ASSERT_TRUE(failed.error.has_value());
    EXPECT_TRUE(failed.error->code == hetzner::error_code::action_failed);
    EXPECT_EQ(failed.error->message, "Action failed");

    EXPECT_TRUE(r->actions[2].resources.empty());
    EXPECT_EQ(r->meta.pagination.page, 3);
    EXPECT_EQ(r->meta.pagination.previous_page, cloudimg::nullable<std::int64_t>(2));
    EXPECT_FALSE(r->meta.pagination.next_page.has_value());
    EXPECT_EQ(r->meta.pagination.total_entries, cloudimg::nullable<std::int64_t>(23));
    expect_lossless(*r, "list_image_actions.response.json");
}

TEST(hetzner_endpoints, single_action_responses)
{
    auto a = parse_golden<hetzner::get_image_action>("get_image_action.response.json", 200);
    ASSERT_TRUE(a) << a.error().what();
    EXPECT_EQ(a->action.id, 9007199254740991);
    EXPECT_TRUE(a->action.status == hetzner::action_status::success);
    EXPECT_EQ(a->action.finished->time_point() - a->action.started.time_point(), std::chrono::seconds(2));
    expect_lossless(*a, "get_image_action.response.json");

    auto c = parse_golden<hetzner::change_image_protection>("change_image_protection.response.json", 201);
    ASSERT_TRUE(c) << c.error().what();
    EXPECT_EQ(c->action.id, 1337);
    EXPECT_TRUE(c->action.status == hetzner::action_status::running);
    EXPECT_EQ(c->action.progress, 0);
    EXPECT_EQ(c->action.started, ts("2026-03-01T08:00:00Z"));
    EXPECT_EQ(c->action.resources.at(0).id, 9007199254740991);
    expect_lossless(*c, "change_image_protection.response.json");
    // change_protection answers 201, not 200
    auto c200 = parse_golden<hetzner::change_image_protection>("change_image_protection.response.json", 200);
    ASSERT_FALSE(c200);
    EXPECT_EQ(c200.error().code, cloudimg::error::unexpected_status);

    auto g = parse_golden<hetzner::get_images_action>("get_images_action.response.json", 200);
    ASSERT_TRUE(g) << g.error().what();
    EXPECT_EQ(g->action.id, 13);
    EXPECT_EQ(g->action.progress, 37);
    EXPECT_EQ(std::chrono::nanoseconds(g->action.started.nanoseconds), std::chrono::nanoseconds(1));
    EXPECT_EQ(*g->action.finished, ts("2026-03-01T14:30:10Z"));
    EXPECT_EQ(g->action.finished->offset_minutes, -330);
    EXPECT_TRUE(g->action.error->code == hetzner::error_code::server_error);
    expect_lossless(*g, "get_images_action.response.json");
}

TEST(hetzner_endpoints, list_images_actions_response)
{
    auto r = parse_golden<hetzner::list_images_actions>("list_images_actions.response.json", 200);
    ASSERT_TRUE(r) << r.error().what();
    ASSERT_EQ(r->actions.size(), 2u);
    EXPECT_EQ(r->actions[0].resources[0].id, 9007199254740991);
    EXPECT_TRUE(r->actions[1].error->code == hetzner::error_code::locked);
    EXPECT_EQ(r->meta.pagination.per_page, 50);
    EXPECT_EQ(r->meta.pagination.last_page, cloudimg::nullable<std::int64_t>(1));
    expect_lossless(*r, "list_images_actions.response.json");
}

TEST(hetzner_endpoints, error_responses)
{
    auto r = parse_golden<hetzner::update_image>("error_invalid_input.response.json", 422);
    ASSERT_FALSE(r);
    auto const& f = r.error();
    EXPECT_EQ(f.code, cloudimg::error::error_response);
    EXPECT_EQ(f.http_status, 422);
    EXPECT_EQ(f.provider_code, "invalid_input");
    EXPECT_EQ(f.message, "invalid input in fields 'labels', 'description'");
    EXPECT_EQ(f.request_id, "golden-1");
    ASSERT_TRUE(f.body.has_value());
    EXPECT_TRUE(hetzner::error_code_of(f) == hetzner::error_code::invalid_input);
    ASSERT_TRUE(f.body->error.details.has_value());
    auto const& fields = f.body->error.details->fields.value();
    ASSERT_EQ(fields.size(), 2u);
    EXPECT_EQ(fields[0].name, "labels");
    EXPECT_EQ(fields[0].messages.size(), 2u);
    EXPECT_EQ(fields[1].messages, std::vector<std::string>{"too long"});
    EXPECT_FALSE(f.body->error.details->announcement.has_value());
    EXPECT_EQ(f.what(), "the server answered with an error (HTTP 422) [invalid_input]: invalid input in fields "
                        "'labels', 'description' (request id golden-1)");
    expect_lossless(*f.body, "error_invalid_input.response.json");

    auto d = parse_golden<hetzner::get_image_action>("error_deprecated_api_endpoint.response.json", 410);
    ASSERT_FALSE(d);
    ASSERT_TRUE(d.error().body.has_value());
    EXPECT_TRUE(d.error().body->error.code == hetzner::error_code::deprecated_api_endpoint);
    EXPECT_EQ(d.error().body->error.details->announcement,
              std::optional<std::string>("https://docs.hetzner.cloud/changelog#2026-04-30-image-actions"));
    expect_lossless(*d.error().body, "error_deprecated_api_endpoint.response.json");
}

} // namespace
