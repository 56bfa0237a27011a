// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The README's Oxide, metal-stack, OpenStack and LXD examples, compiled so that
// the README stays true.
// usage: readme_providers oxide TOKEN | metal HMAC_KEY | openstack PASSWORD | lxd IMAGE.tar.gz

#include <cloudimg/client.hpp>
#include <cloudimg/curl.hpp>
#include <cloudimg/lxd.hpp>
#include <cloudimg/lxd/export.hpp>
#include <cloudimg/lxd/fingerprint.hpp>
#include <cloudimg/lxd/unix_socket.hpp>
#include <cloudimg/lxd/upload.hpp>
#include <cloudimg/metal.hpp>
#include <cloudimg/metal/hmac.hpp>
#include <cloudimg/openstack.hpp>
#include <cloudimg/oxide.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
static int oxide_example(std::string token) {
    namespace ox = cloudimg::oxide;
    cloudimg::client api{ox::config{.base_url = "https://oxide.sys.example.com", .token = token},
                         cloudimg::curl::transport{}};
    // names and ids are checked before anything is built; a UUID with a project is refused
    std::optional<ox::list_images> page = ox::list_images{.limit = 100, .project = "my-project"};
    while (page) {
        auto res = api.send(*page);             // result<image_results_page, ...>
        if (!res) { std::cerr << res.error().what() << '\n'; return 1; }
        for (auto const& img : res->items)
            std::cout << img.id.text() << ' ' << img.name << ' ' << img.size << " bytes\n";
        page = ox::next_page(*page, *res);      // later pages carry only limit and page_token
    }
    auto promoted = api.send(ox::promote_image{.image = "debian-12", .project = "my-project"});
    return promoted ? 0 : 1;
}
static int metal_example(std::string key) {
    namespace mt = cloudimg::metal;
    mt::config cfg{.base_url = "https://metal.example.com",
                   .auth = mt::request_signer(mt::hmac_signer{.key = key, .auth_type = "Metal-Admin"})};
    cloudimg::client api{cfg, cloudimg::curl::transport{}};
    auto latest = api.send(mt::find_latest_image{.id = "ubuntu-24.04"});   // newest ubuntu 24.04.x
    if (!latest) { std::cerr << latest.error().what() << '\n'; return 1; }
    auto created = api.send(mt::create_image{.body = {.id = "ubuntu-24.04.20260101",
                                                      .url = "https://images.example.com/ubuntu.tar.lz4",
                                                      .features = {{mt::image_feature::machine}}}});
    return created ? 0 : 1;
}

static int openstack_example(std::string password) {
    namespace os = cloudimg::openstack;
    namespace ks = cloudimg::openstack::keystone;
    cloudimg::curl::transport http;
    // Keystone v3: a project-scoped token, and the compute endpoint of its catalog
    auto login = ks::token_request(ks::password_auth{
        .auth_url = "https://keystone.example.com:5000/v3", .username = "demo", .user_domain_name = "Default",
        .password = password, .project_name = "demo", .project_domain_name = "Default"});
    auto answer = login ? http(*login) : cloudimg::result<cloudimg::response>(login.error());
    if (!answer) { std::cerr << answer.error().what() << '\n'; return 1; }
    auto token = ks::parse_token_response(*answer);        // X-Subject-Token, expiry, catalog
    if (!token) { std::cerr << token.error().what() << '\n'; return 1; }
    auto compute = ks::find_endpoint(token->info, {.region = "RegionOne"});   // public "compute"
    if (!compute) { std::cerr << compute.error().what() << '\n'; return 1; }

    // Nova's images proxy: microversions up to 2.35 (2.38 for metadata), checked before sending
    cloudimg::client api{os::config{.compute_url = *compute, .token = token->id, .microversion = "2.35"},
                         std::move(http)};
    std::optional<os::list_images_detail> page = os::list_images_detail{.status = "active", .limit = 100};
    while (page) {
        auto res = api.send(*page);                    // result<list_images_detail_response, ...>
        if (!res) { std::cerr << res.error().what() << '\n'; return 1; }   // e.g. [itemNotFound]: ...
        for (auto const& img : res->images)
            std::cout << img.id << ' ' << img.name.value_or("-") << ' ' << img.status.wire() << '\n';
        page = os::next_page(*page, *res);             // follows images_links rel="next"
    }
    // keys and values are checked against Nova's schema, and the key against the URL's
    auto set = api.send(os::set_image_metadata_item{.image_id = "70a599e0-31e7-49b7-b260-868f441e862b",
                                                     .key = "os_distro", .body = {.meta = {{"os_distro", "debian"}}}});
    return set ? 0 : 1;
}

static int lxd_example(std::string path) {
    namespace lxd = cloudimg::lxd;
    using namespace std::chrono_literals;
    cloudimg::client api{lxd::config{.project = "default"},
                         cloudimg::curl::transport({.unix_socket_path = lxd::default_unix_socket_path()})};
    // upload: the file streams from disk with an exact Content-Length
    auto file = lxd::file_source::open(path);
    if (!file) { std::cerr << file.error().what() << '\n'; return 1; }
    auto started = api.send(lxd::upload_image{.body = lxd::unified_upload(std::move(*file)),
                                              .filename = "debian.tar.gz",
                                              .properties = lxd::form_values{{"os", "Debian"}}});
    if (!started) { std::cerr << started.error().what() << '\n'; return 1; }
    auto done = lxd::wait_until_done(api, *started, 10min);     // GET /1.0/operations/{id}/wait
    if (!done) { std::cerr << done.error().what() << '\n'; return 1; }   // a failed import is an error too
    std::string const fp = done->result->fingerprint;

    auto debian = api.send(lxd::list_images{.filter = lxd::filter{}.where("properties.os", "eq", "Debian").str().value()});
    auto image = api.send(lxd::get_image{.fingerprint = fp});            // the image and its ETag
    if (!debian || !image) return 1;
    auto put = api.send(lxd::update_image{.fingerprint = fp, .body = {.public_ = true}, .if_match = image->etag});
    if (!put && lxd::is_etag_mismatch(put.error())) std::cerr << "changed meanwhile\n";
    api.send(lxd::create_alias{.body = {.name = "debian/12", .target = fp}});

    // export: streamed into a file, the fingerprint checked as the bytes arrive
    std::ofstream out("export.tar.gz", std::ios::binary);
    lxd::export_receiver receiver([&](lxd::exported_file const&, std::string_view chunk) -> cloudimg::result<void> {
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        return {};
    }, {.expected_fingerprint = fp});
    auto head = api.send(lxd::export_image{.fingerprint = fp}, receiver.body_sink());
    if (!head) return 1;                  // transport, reader or LXD error
    auto info = receiver.finish();        // kind (unified or split), files, the verified fingerprint
    return info ? 0 : 1;
}

static int lxd_push_example(std::string path) {
    namespace lxd = cloudimg::lxd;
    using namespace std::chrono_literals;
    cloudimg::client api{lxd::config{}, cloudimg::curl::transport({.unix_socket_path = lxd::default_unix_socket_path()})};
    // guard requests with the server's API extensions: what it lacks is refused by name, unsent
    auto server = api.send(lxd::get_server{});
    if (!server) return 1;
    api.config().api_extensions = server->api_extensions;

    // push mode: a token for one image, then the upload it lets in
    auto file = lxd::file_source::open(path);
    if (!file) return 1;
    auto fp = lxd::image_fingerprint(*file);                       // SHA-256: the token names the image
    if (!fp) return 1;
    auto token = api.send(lxd::create_push_token{
        .body = {.source = lxd::push_source(*fp), .aliases = std::vector<lxd::image_alias>{{.name = "pushed"}}}});
    if (!token) return 1;
    auto secret = token->metadata();                               // lxd::image_secret, there at once
    if (!secret) return 1;
    auto upload = api.send(lxd::upload_image{.body = lxd::unified_upload(std::move(*file)),
                                             .expected_fingerprint = *fp, .secret = secret->secret});
    if (!upload) return 1;
    auto done = lxd::wait_until_done(api, *upload, 10min);          // wait for the import, not the token
    if (!done) { std::cerr << done.error().what() << '\n'; return 1; }
    auto ended = lxd::wait_until_done(api, *token, 10s);            // used: the server cancelled it, done
    std::cout << "token " << (ended ? ended->op.status : ended.error().message) << '\n';

    // after a restart: the image imports still running
    auto ops = api.send(lxd::list_operations{});
    if (ops && ops->contains("running"))
        for (auto const& op : ops->at("running"))
            if (op.resources && op.resources->contains("images"))
                std::cout << "still running: " << op.id << ' ' << op.description << '\n';
    return 0;
}

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: readme_providers oxide TOKEN | metal HMAC_KEY | openstack PASSWORD | lxd IMAGE.tar.gz"
                     " | lxd-push IMAGE.tar.gz\n";
        return 2;
    }
    std::string_view const which = argv[1];
    if (which == "openstack")
        return openstack_example(argv[2]);
    if (which == "lxd")
        return lxd_example(argv[2]);
    if (which == "lxd-push")
        return lxd_push_example(argv[2]);
    return which == "oxide" ? oxide_example(argv[2]) : metal_example(argv[2]);
}
