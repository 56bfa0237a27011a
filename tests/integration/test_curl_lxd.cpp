// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test is included first: it must be self-contained.
#include <cloudimg/curl.hpp>

#include <gtest/gtest.h>

// What LXD needs of the libcurl transport, against local servers in a thread
// (one_shot_server.hpp): mutual TLS with a self-signed server (client
// certificate and key, the server's certificate as the only CA, public key
// pinning) against an OpenSSL TLS server, and image upload and export
// streamed through a Unix socket. OpenSSL's libssl and cloudimg::openssl are
// linked by tests/lxd/CMakeLists.txt, which says so with CLOUDIMG_TEST_OPENSSL.

#if defined(CLOUDIMG_TEST_OPENSSL)

#include <cloudimg/lxd/export.hpp>
#include <cloudimg/lxd/fingerprint.hpp>
#include <cloudimg/lxd/upload.hpp>

#include "golden.hpp"
#include "one_shot_server.hpp"
#include "tls_server.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace cloudimg;

std::filesystem::path const data_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "lxd";
std::string const tls_dir = (data_dir / "tls").string();
std::string const server_crt = tls_dir + "/test-server.crt";
std::string const client_crt = tls_dir + "/test-client.crt";
std::string const client_key = tls_dir + "/test-client.key";
std::string const client_encrypted_key = tls_dir + "/test-client-encrypted.key";
constexpr std::string_view client_key_password = "cloudimg-test";

constexpr std::string_view ok_reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";

struct tls_exchange {
    result<response> res;
    std::string received;
    std::string peer_pem;  // the client certificate the server saw; empty: none
};

tls_exchange over_tls(curl::options options)
{
    test_server::tls_server_context context(server_crt, tls_dir + "/test-server.key");
    tls_exchange out{make_failure(error::transport, "not run"), {}, {}};
    test_server::one_shot_server server{std::vector<std::string>{std::string(ok_reply)},
                                       {.wrap = context.wrap(out.peer_pem)}};
    request req;
    req.origin = server.origin("https");
    req.target = "/1.0";
    options.timeout = std::chrono::seconds(10);
    curl::transport t(std::move(options));
    out.res = t(req);
    out.received = server.received();
    return out;
}

TEST(curl_lxd_tls, server_trusted_through_its_own_certificate_and_client_certificate_presented)
{
    auto x = over_tls({.ca_file = server_crt, .client_certificate = client_crt, .client_key = client_key});
    ASSERT_TRUE(x.res) << x.res.error().what();
    EXPECT_EQ(x.res->status, 200);
    EXPECT_TRUE(x.received.starts_with("GET /1.0 HTTP/1.1\r\n")) << x.received;
    // the server saw exactly our certificate, by LXD's fingerprint
    ASSERT_FALSE(x.peer_pem.empty());
    EXPECT_EQ(lxd::certificate_fingerprint(x.peer_pem).value(),
              lxd::certificate_fingerprint(golden::read_file(client_crt)).value());
    EXPECT_EQ(lxd::certificate_fingerprint(x.peer_pem).value(),
              "56f5090e5fa549107b4338e52ec93b0cb2448268c742d8adf2b2032f33414f27");
}

TEST(curl_lxd_tls, without_a_client_certificate_none_is_sent)
{
    auto x = over_tls({.ca_file = server_crt});
    ASSERT_TRUE(x.res) << x.res.error().what();
    EXPECT_TRUE(x.peer_pem.empty());
}

TEST(curl_lxd_tls, a_self_signed_server_is_refused_without_its_certificate)
{
    auto x = over_tls({.client_certificate = client_crt, .client_key = client_key});
    ASSERT_FALSE(x.res);
    EXPECT_EQ(x.res.error().code, error::transport);
    EXPECT_TRUE(x.received.empty());
}

TEST(curl_lxd_tls, pinned_public_key_accepts_that_key_only)
{
    std::string const pin = lxd::public_key_pin(golden::read_file(server_crt)).value();
    EXPECT_EQ(pin, "sha256//YEtfWWnRAjjcjj+2MuziPuRAq8rkFo8BST0Pt7i9sak=");

    auto with_ca = over_tls({.ca_file = server_crt, .pinned_public_key = pin});
    EXPECT_TRUE(with_ca.res) << with_ca.res.error().what();

    // the pin alone: no chain and no name to check, only the key
    auto pin_only = over_tls({.verify_peer = false, .verify_host = false, .pinned_public_key = pin});
    EXPECT_TRUE(pin_only.res) << pin_only.res.error().what();

    std::string const other = lxd::public_key_pin(golden::read_file(client_crt)).value();
    for (bool verify : {true, false}) {
        auto wrong = over_tls({.verify_peer = verify, .verify_host = verify, .ca_file = server_crt,
                               .pinned_public_key = other});
        ASSERT_FALSE(wrong.res);
        EXPECT_EQ(wrong.res.error().code, error::transport);
        EXPECT_NE(wrong.res.error().message.find("pinned"), std::string::npos) << wrong.res.error().message;
        EXPECT_TRUE(wrong.received.empty()) << "no request may reach a server with another key";
    }
}

TEST(curl_lxd_tls, encrypted_client_key_with_its_password_and_the_password_never_in_errors)
{
    auto good = over_tls({.ca_file = server_crt, .client_certificate = client_crt, .client_key = client_encrypted_key,
                          .client_key_password = std::string(client_key_password)});
    ASSERT_TRUE(good.res) << good.res.error().what();
    EXPECT_FALSE(good.peer_pem.empty());

    auto bad = over_tls({.ca_file = server_crt, .client_certificate = client_crt, .client_key = client_encrypted_key,
                         .client_key_password = "wrong-s3cret-word"});
    ASSERT_FALSE(bad.res);
    EXPECT_EQ(bad.res.error().code, error::transport);
    EXPECT_EQ(bad.res.error().what().find("wrong-s3cret-word"), std::string::npos) << bad.res.error().what();
}

// ---- streaming through a Unix socket ----

std::string socket_path(std::string_view tag)
{
    return (std::filesystem::path(testing::TempDir()) /
            ("cloudimg-lxd-" + std::string(tag) + "-" + std::to_string(::getpid()) + ".socket"))
        .string();
}

TEST(curl_lxd_stream, split_upload_goes_out_with_its_exact_length)
{
    std::string const path = socket_path("upload");
    test_server::one_shot_server server{std::vector<std::string>{std::string(ok_reply)}, {.unix_socket_path = path}};
    auto meta = lxd::file_source::open(data_dir / "image" / "metadata.tar.gz");
    auto root = lxd::file_source::open(data_dir / "image" / "rootfs.tar.gz");
    ASSERT_TRUE(meta && root);
    auto body = lxd::split_upload(std::move(*meta), std::move(*root), lxd::rootfs_kind::rootfs,
                                  {.rootfs_filename = "rootfs.tar.gz", .boundary = "cloudimg-test-boundary"});
    ASSERT_TRUE(body);
    std::uint64_t const size = body->source.size();
    request req;
    req.method = http_method::post;
    req.origin = server.origin();
    req.target = "/1.0/images";
    req.headers.set("Content-Type", body->content_type);
    req.body = std::move(body->source);
    curl::transport t({.timeout = std::chrono::seconds(10), .unix_socket_path = path});
    auto res = t(req);
    ASSERT_TRUE(res) << res.error().what();

    std::string const& raw = server.received();
    auto const head_end = raw.find("\r\n\r\n");
    std::string const head = raw.substr(0, head_end + 2);
    std::string const sent = raw.substr(head_end + 4);
    EXPECT_NE(head.find("\r\nContent-Length: " + std::to_string(size) + "\r\n"), std::string::npos) << head;
    EXPECT_NE(head.find("\r\nContent-Type: multipart/form-data; boundary=cloudimg-test-boundary\r\n"),
              std::string::npos)
        << head;
    EXPECT_EQ(sent.size(), size);
    std::string const meta_bytes = golden::read_file(data_dir / "image" / "metadata.tar.gz");
    std::string const root_bytes = golden::read_file(data_dir / "image" / "rootfs.tar.gz");
    EXPECT_TRUE(sent.starts_with("--cloudimg-test-boundary\r\nContent-Disposition: form-data; name=\"metadata\"; "
                                 "filename=\"metadata\"\r\nContent-Type: application/octet-stream\r\n\r\n" +
                                 meta_bytes + "\r\n--cloudimg-test-boundary\r\n"));
    EXPECT_TRUE(sent.ends_with(root_bytes + "\r\n--cloudimg-test-boundary--\r\n"));
}

/// `body` in the chunked transfer coding, `piece` bytes a chunk, as LXD sends a split export.
std::string chunked(std::string_view body, std::size_t piece)
{
    std::string out;
    char size[32];
    for (std::size_t pos = 0; pos < body.size(); pos += piece) {
        std::string_view const part = body.substr(pos, piece);
        out.append(size, static_cast<std::size_t>(std::snprintf(size, sizeof size, "%zx\r\n", part.size())));
        out.append(part).append("\r\n");
    }
    return out + "0\r\n\r\n";
}

TEST(curl_lxd_stream, a_real_split_export_streams_into_the_receiver_through_the_body_sink)
{
    std::string const head = golden::read_file(data_dir / "export_split_container.head");
    std::string const body = golden::read_file(data_dir / "export_split_container.body");
    std::string const path = socket_path("export");
    test_server::one_shot_server server{std::vector<std::string>{head + chunked(body, 97)}, {.unix_socket_path = path}};

    std::string meta, root;
    lxd::export_receiver receiver(
        [&](lxd::exported_file const& f, std::string_view chunk) -> result<void> {
            (f.file == lxd::export_file::metadata ? meta : root) += chunk;
            return {};
        },
        {.expected_fingerprint = "f4db2fffa2702996706585849a8ebdf99c1b05501148fe4626ba9029066bb614"});
    request req;
    req.origin = server.origin();
    req.target = "/1.0/images/f4db2fffa270/export";
    curl::transport t({.timeout = std::chrono::seconds(10), .unix_socket_path = path});
    auto res = t(req, receiver.body_sink());
    ASSERT_TRUE(res) << res.error().what();
    EXPECT_EQ(res->status, 200);
    EXPECT_TRUE(res->body.empty());
    auto info = receiver.finish(*res);
    ASSERT_TRUE(info) << info.error().what();
    EXPECT_EQ(info->kind, lxd::export_kind::split);
    EXPECT_EQ(meta, golden::read_file(data_dir / "image" / "metadata.tar.gz"));
    EXPECT_EQ(root, golden::read_file(data_dir / "image" / "rootfs.tar.gz"));
}

TEST(curl_lxd_stream, a_corrupt_export_stops_the_transfer_with_the_readers_error)
{
    std::string const head = golden::read_file(data_dir / "export_split_container.head");
    std::string body = golden::read_file(data_dir / "export_split_container.body");
    body.replace(0, 2, "XX");  // no longer starts with its boundary
    std::string const path = socket_path("corrupt");
    test_server::one_shot_server server{std::vector<std::string>{head + chunked(body, 97)}, {.unix_socket_path = path}};
    lxd::export_receiver receiver([](lxd::exported_file const&, std::string_view) { return result<void>{}; });
    request req;
    req.origin = server.origin();
    req.target = "/1.0/images/f4db2fffa270/export";
    curl::transport t({.timeout = std::chrono::seconds(10), .unix_socket_path = path});
    auto res = t(req, receiver.body_sink());
    ASSERT_FALSE(res);
    EXPECT_EQ(res.error().code, error::invalid_value) << res.error().what();
    EXPECT_EQ(res.error().http_status, 200);
}

} // namespace

#else

TEST(curl_lxd, needs_openssl)
{
    GTEST_SKIP() << "cloudimg-integration-skipped: built without cloudimg::openssl and OpenSSL's libssl";
}

#endif
