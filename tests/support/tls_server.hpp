// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_TLS_SERVER_HPP
#define CLOUDIMG_TESTS_SUPPORT_TLS_SERVER_HPP

// The TLS side of one_shot_server for the transports' TLS tests: OpenSSL's
// libssl, a certificate and key from files, and a client certificate asked
// for (as LXD does) and recorded.

#include "one_shot_server.hpp"

#include <gtest/gtest.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <memory>
#include <string>
#include <string_view>

namespace test_server {

/// A TLS server context like LXD's: its own self-signed certificate, and it
/// asks every client for a certificate but lets the test judge it.
class tls_server_context {
public:
    tls_server_context(std::string const& certificate, std::string const& key)
        : ctx_(SSL_CTX_new(TLS_server_method()), &SSL_CTX_free)
    {
        bool const ok = ctx_ && SSL_CTX_use_certificate_file(ctx_.get(), certificate.c_str(), SSL_FILETYPE_PEM) == 1 &&
                        SSL_CTX_use_PrivateKey_file(ctx_.get(), key.c_str(), SSL_FILETYPE_PEM) == 1;
        EXPECT_TRUE(ok) << "cannot set up the TLS server context";
        SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, [](int, X509_STORE_CTX*) { return 1; });
    }

    /// A connection factory for one_shot_server; `peer_pem` receives the client's certificate, if any.
    connection_factory wrap(std::string& peer_pem)
    {
        return [this, &peer_pem](int fd) -> std::unique_ptr<connection> {
            auto conn = std::make_unique<tls_connection>(SSL_new(ctx_.get()));
            SSL_set_fd(conn->ssl, fd);
            if (SSL_accept(conn->ssl) != 1) {
                ERR_clear_error();
                return nullptr;  // the client refused the server, or the reverse
            }
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
            X509* peer = SSL_get1_peer_certificate(conn->ssl);
#else
            X509* peer = SSL_get_peer_certificate(conn->ssl);
#endif
            if (peer != nullptr) {
                std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
                PEM_write_bio_X509(bio.get(), peer);
                char* data = nullptr;
                long const n = BIO_get_mem_data(bio.get(), &data);
                peer_pem.assign(data, static_cast<std::size_t>(n));
                X509_free(peer);
            }
            return conn;
        };
    }

private:
    struct tls_connection final : connection {
        explicit tls_connection(SSL* s) : ssl(s) {}
        ~tls_connection() override
        {
            SSL_shutdown(ssl);
            SSL_free(ssl);
            ERR_clear_error();
        }
        long read(char* buf, std::size_t n) override { return SSL_read(ssl, buf, static_cast<int>(n)); }
        void write(std::string_view bytes) override { SSL_write(ssl, bytes.data(), static_cast<int>(bytes.size())); }
        SSL* ssl;
    };

    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx_;
};

} // namespace test_server

#endif
