// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The Keystone v3 helper: token requests (password with a project scope,
// application credentials) against golden files, the credential rules,
// reading the token and its catalog from a hand-written 201 (modelled on the
// identity API reference; no Keystone spec is vendored), choosing the compute
// endpoint, and secrets that must never reach an error.

// The header under test comes first: it must be self-contained.
#include <cloudimg/openstack/keystone.hpp>

#include <cloudimg/client.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/openstack.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "golden.hpp"

#include <filesystem>
#include <string>

namespace openstack = cloudimg::openstack;
namespace keystone = cloudimg::openstack::keystone;
namespace bj = boost::json;
using cloudimg::error;

namespace {

std::filesystem::path const golden_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "golden" / "openstack";
constexpr char const user_agent[] = "cloudimg-golden/1.0 (+tests)";
constexpr char const password[] = "s3cr3t \"pw\"";
constexpr char const secret[] = "rEaqvJka48mpv";
constexpr char const subject_token[] = "gAAAAABsubject-token-0123456789abcdef";

keystone::password_auth demo()
{
    return {.auth_url = "https://keystone.example.com:5000/v3",
            .username = "demo",
            .user_domain_name = "Default",
            .password = password,
            .project_name = "demo",
            .project_domain_id = "default"};
}

cloudimg::response token_response(int status = 201)
{
    cloudimg::response r;
    r.status = status;
    r.headers.add("X-Subject-Token", subject_token);
    r.headers.add("x-openstack-request-id", "req-0c1e2d3f-0000-4000-8000-000000000002");
    r.headers.add("Content-Type", "application/json");
    r.body = golden::read_file(golden_dir / "keystone_token.response.json");
    return r;
}

TEST(openstack_keystone, header_is_self_contained_and_the_password_request_is_golden)
{
    golden::expect_request(keystone::token_request(demo(), user_agent), golden_dir / "keystone_password.request.json",
                           "https://keystone.example.com:5000");
}

TEST(openstack_keystone, the_application_credential_request_is_golden)
{
    golden::expect_request(keystone::token_request(keystone::application_credential_auth{.auth_url = "https://cloud.example.com/identity",
                                                                                        .application_credential_name = "monitoring",
                                                                                        .application_credential_secret = secret,
                                                                                        .user_id = "9a8b7c6d5e4f40312a1b2c3d4e5f6a7b"},
                                                   user_agent),
                           golden_dir / "keystone_application_credential.request.json", "https://cloud.example.com");
}

TEST(openstack_keystone, ids_instead_of_names)
{
    auto req = keystone::token_request(keystone::password_auth{.auth_url = "https://k.example.com/v3/",
                                                              .user_id = "u1",
                                                              .password = "p",
                                                              .project_id = "p1"});
    ASSERT_TRUE(req) << req.error().what();
    EXPECT_EQ(req->url(), "https://k.example.com/v3/auth/tokens");
    EXPECT_EQ(bj::parse(std::get<std::string>(req->body)),
              bj::parse(R"({"auth":{"identity":{"methods":["password"],"password":{"user":{"id":"u1","password":"p"}}},)"
                        R"("scope":{"project":{"id":"p1"}}}})"));
    auto app = keystone::token_request(keystone::application_credential_auth{
        .auth_url = "https://k.example.com", .application_credential_id = "c1", .application_credential_secret = "s"});
    ASSERT_TRUE(app) << app.error().what();
    EXPECT_EQ(bj::parse(std::get<std::string>(app->body)),
              bj::parse(R"({"auth":{"identity":{"methods":["application_credential"],)"
                        R"("application_credential":{"id":"c1","secret":"s"}}}})"));
    EXPECT_TRUE(app->headers.find("User-Agent")->starts_with("cloudimg/"));
    auto named = keystone::token_request(keystone::application_credential_auth{.auth_url = "https://k.example.com",
                                                                              .application_credential_name = "mon",
                                                                              .application_credential_secret = "s",
                                                                              .username = "demo",
                                                                              .user_domain_id = "default"});
    ASSERT_TRUE(named) << named.error().what();
    EXPECT_EQ(bj::parse(std::get<std::string>(named->body)).at("auth").at("identity").at("application_credential").at("user"),
              bj::parse(R"({"name":"demo","domain":{"id":"default"}})"));
}

TEST(openstack_keystone, the_identity_url_gets_v3_once)
{
    EXPECT_EQ(keystone::identity_url("https://k.example.com:5000").value(), "https://k.example.com:5000/v3");
    EXPECT_EQ(keystone::identity_url("https://k.example.com:5000/").value(), "https://k.example.com:5000/v3");
    EXPECT_EQ(keystone::identity_url("https://k.example.com/identity/v3").value(), "https://k.example.com/identity/v3");
    EXPECT_EQ(keystone::identity_url("https://k.example.com/identity").value(), "https://k.example.com/identity/v3");
    EXPECT_EQ(keystone::identity_url("http://10.0.0.1/identity/v3/").value(), "http://10.0.0.1/identity/v3");
    auto v2 = keystone::identity_url("https://k.example.com:5000/v2.0");
    ASSERT_FALSE(v2);
    EXPECT_EQ(v2.error().code, error::invalid_argument);
    EXPECT_NE(v2.error().message.find("\"v2.0\""), std::string::npos);
    EXPECT_EQ(keystone::identity_url("k.example.com").error().code, error::invalid_base_url);
    EXPECT_EQ(keystone::identity_url("").error().code, error::invalid_base_url);
}

// Refused before anything is built; neither the password nor the secret is in the text.
template <class Auth>
void expect_refused(Auth const& a, std::string const& needle)
{
    SCOPED_TRACE(needle);
    auto r = keystone::token_request(a);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_argument);
    EXPECT_NE(r.error().message.find(needle), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().what().find(password), std::string::npos);
    EXPECT_EQ(r.error().what().find(secret), std::string::npos);
}

TEST(openstack_keystone, password_credentials_are_complete_and_unambiguous)
{
    auto a = demo();
    a.username.clear();
    expect_refused(a, "the user is missing: set user_id, or username with user_domain_id or user_domain_name");
    a = demo();
    a.user_id = "u1";
    expect_refused(a, "set user_id or username, not both");
    a = demo();
    a.user_domain_name.clear();
    expect_refused(a, "username needs its domain: set user_domain_id or user_domain_name (one of them)");
    a.user_domain_name = "Default";
    a.user_domain_id = "default";
    expect_refused(a, "username needs its domain");
    a = demo();
    a.username.clear();
    a.user_id = "u1";
    expect_refused(a, "user_domain_id and user_domain_name go with username, not with user_id");
    a = demo();
    a.password.clear();
    expect_refused(a, "the password is empty");
    a = demo();
    a.project_name.clear();
    expect_refused(a, "the project is missing: set project_id, or project_name with project_domain_id or project_domain_name");
    a = demo();
    a.project_domain_id.clear();
    expect_refused(a, "project_name needs its domain");
    a = demo();
    a.auth_url = "keystone:5000";
    auto bad_url = keystone::token_request(a);
    ASSERT_FALSE(bad_url);
    EXPECT_EQ(bad_url.error().code, error::invalid_base_url);
    EXPECT_EQ(bad_url.error().what().find(password), std::string::npos);
}

TEST(openstack_keystone, application_credentials_are_complete_and_unambiguous)
{
    keystone::application_credential_auth const good{.auth_url = "https://k.example.com",
                                                     .application_credential_id = "c1",
                                                     .application_credential_secret = secret};
    auto a = good;
    a.application_credential_id.clear();
    expect_refused(a, "set application_credential_id, or application_credential_name with its user (one of them)");
    a = good;
    a.application_credential_name = "mon";
    expect_refused(a, "(one of them)");
    a = good;
    a.application_credential_secret.clear();
    expect_refused(a, "the application credential secret is empty");
    a = good;
    a.username = "demo";
    expect_refused(a, "an application credential given by id needs no user");
    a = good;
    a.application_credential_id.clear();
    a.application_credential_name = "mon";
    expect_refused(a, "the user is missing");
    a.username = "demo";
    expect_refused(a, "username needs its domain");
}

TEST(openstack_keystone, user_agent_and_values_cannot_inject_headers)
{
    auto r = keystone::token_request(demo(), "ua\r\nX-Evil: 1");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_header_value);
    // credentials go in the body, where any byte is data
    auto a = demo();
    a.password = "line\r\nbreak";
    auto ok = keystone::token_request(a);
    ASSERT_TRUE(ok) << ok.error().what();
    EXPECT_EQ(bj::parse(std::get<std::string>(ok->body)).at("auth").at("identity").at("password").at("user").at("password"),
              "line\r\nbreak");
}

// ---------------------------------------------------------------- the response

TEST(openstack_keystone, the_token_is_the_subject_token_header_and_the_body_describes_it)
{
    auto t = keystone::parse_token_response(token_response());
    ASSERT_TRUE(t) << t.error().what();
    EXPECT_EQ(t->id, subject_token);
    auto const& info = t->info;
    EXPECT_EQ(info.methods, std::vector<std::string>{"password"});
    EXPECT_EQ(info.user.name, "demo");
    EXPECT_EQ(info.user.domain.id, "default");
    EXPECT_EQ(cloudimg::to_string(info.expires_at), "2026-08-20T09:00:00Z");
    EXPECT_EQ(info.issued_at.nanoseconds, 123456000u);
    ASSERT_TRUE(info.project);
    EXPECT_EQ(info.project->id, "6f70656e737461636b20342065766572");
    ASSERT_TRUE(info.roles);
    EXPECT_EQ(info.roles->size(), 2u);
    ASSERT_TRUE(info.catalog);
    ASSERT_EQ(info.catalog->size(), 3u);
    EXPECT_EQ((*info.catalog)[1].type, "compute");
    EXPECT_EQ((*info.catalog)[1].endpoints[1].interface_, keystone::endpoint_interface::internal);
    EXPECT_FALSE((*info.catalog)[2].endpoints[0].region_id);  // null
}

TEST(openstack_keystone, the_compute_endpoint_is_chosen_by_interface_and_region)
{
    auto t = keystone::parse_token_response(token_response());
    ASSERT_TRUE(t);
    // public compute endpoints in two regions: the region must be chosen
    auto ambiguous = keystone::find_endpoint(t->info);
    ASSERT_FALSE(ambiguous);
    EXPECT_EQ(ambiguous.error().code, error::invalid_argument);
    EXPECT_EQ(ambiguous.error().message, "the catalog has a public \"compute\" endpoint in several regions "
                                         "(\"RegionOne\", \"RegionTwo\"): choose one with endpoint_filter::region");
    EXPECT_EQ(keystone::find_endpoint(t->info, {.region = "RegionOne"}).value(), "https://compute.example.com/v2.1");
    EXPECT_EQ(keystone::find_endpoint(t->info, {.region = "RegionTwo"}).value(), "https://compute.two.example.com/v2.1");
    EXPECT_EQ(keystone::find_endpoint(t->info, {.interface_ = keystone::endpoint_interface::internal}).value(),
              "http://nova-api.internal:8774/v2.1/6f70656e737461636b20342065766572");
    EXPECT_EQ(keystone::find_endpoint(t->info, {.service_type = "image"}).value(), "https://image.example.com");

    auto admin = keystone::find_endpoint(t->info, {.interface_ = keystone::endpoint_interface::admin});
    ASSERT_FALSE(admin);
    EXPECT_EQ(admin.error().message, "the catalog has no admin \"compute\" endpoint; it has internal in \"RegionOne\", "
                                     "public in \"RegionOne\", public in \"RegionTwo\"");
    auto region = keystone::find_endpoint(t->info, {.region = "RegionThree"});
    ASSERT_FALSE(region);
    EXPECT_NE(region.error().message.find("no public \"compute\" endpoint in region \"RegionThree\""), std::string::npos);
    auto volume = keystone::find_endpoint(t->info, {.service_type = "volumev3"});
    ASSERT_FALSE(volume);
    EXPECT_EQ(volume.error().message,
              "the catalog has no service of type \"volumev3\"; it has \"compute\", \"identity\", \"image\"");

    // the URL found is what openstack::config needs
    openstack::config cfg{.compute_url = keystone::find_endpoint(t->info, {.region = "RegionOne"}).value(), .token = t->id};
    auto req = openstack::prepare(cfg, openstack::list_images{});
    ASSERT_TRUE(req);
    EXPECT_EQ(req->url(), "https://compute.example.com/v2.1/images");
    EXPECT_EQ(req->headers.find("X-Auth-Token").value_or(""), subject_token);
}

TEST(openstack_keystone, an_unscoped_token_has_no_catalog)
{
    auto r = token_response();
    r.body = R"({"token":{"methods":["password"],"user":{"domain":{"id":"default","name":"Default"},"id":"u","name":"demo"},)"
             R"("audit_ids":["a"],"expires_at":"2026-08-20T09:00:00.000000Z","issued_at":"2026-08-20T08:00:00.000000Z"}})";
    auto t = keystone::parse_token_response(r);
    ASSERT_TRUE(t) << t.error().what();
    EXPECT_FALSE(t->info.project);
    auto e = keystone::find_endpoint(t->info);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().message, "the token has no catalog: ask for a project-scoped token");
}

TEST(openstack_keystone, failures_keep_keystones_error_and_never_the_token)
{
    auto r = token_response(401);
    r.headers.erase("X-Subject-Token");
    r.body = golden::read_file(golden_dir / "keystone_unauthorized.response.json");
    auto t = keystone::parse_token_response(r);
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().code, error::error_response);
    EXPECT_EQ(t.error().http_status, 401);
    EXPECT_EQ(t.error().provider_code, "error");
    EXPECT_EQ(t.error().message, "The request you have made requires authentication.");
    EXPECT_EQ(t.error().request_id, "req-0c1e2d3f-0000-4000-8000-000000000002");
    ASSERT_TRUE(t.error().body);
    EXPECT_EQ(t.error().body->fault.title, std::optional<std::string>("Unauthorized"));

    // 201 without the header: the body alone is no token
    auto no_header = token_response();
    no_header.headers.erase("X-Subject-Token");
    auto m = keystone::parse_token_response(no_header);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().code, error::missing_field);
    EXPECT_EQ(m.error().http_status, 201);
    EXPECT_EQ(m.error().request_id, "req-0c1e2d3f-0000-4000-8000-000000000002");

    // 200 is not what Keystone answers to a token request
    auto ok200 = keystone::parse_token_response(token_response(200));
    ASSERT_FALSE(ok200);
    EXPECT_EQ(ok200.error().code, error::unexpected_status);
    EXPECT_EQ(ok200.error().what().find(subject_token), std::string::npos);
    // the failure keeps the response's headers, except the token
    EXPECT_FALSE(ok200.error().response_headers.contains("X-Subject-Token"));
    EXPECT_TRUE(ok200.error().response_headers.contains("x-openstack-request-id"));

    // a body that does not decode keeps its path; the header's token is not in the failure
    auto broken = token_response();
    broken.body = R"({"token":{"methods":["password"],"expires_at":"tomorrow"}})";
    auto b = keystone::parse_token_response(broken);
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().path, "token.expires_at");
    EXPECT_EQ(b.error().what().find(subject_token), std::string::npos);
    EXPECT_FALSE(b.error().response_headers.contains("X-Subject-Token"));
    EXPECT_TRUE(b.error().response_headers.contains("Content-Type"));
}

} // namespace
