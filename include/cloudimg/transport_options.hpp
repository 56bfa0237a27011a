// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TRANSPORT_OPTIONS_HPP
#define CLOUDIMG_TRANSPORT_OPTIONS_HPP

// What every HTTP transport cloudimg ships is configured with: the libcurl
// ones (curl::options) and the Asio one (asio::options). This header needs
// no third-party library: a program can hold options without linking one.

#include <chrono>
#include <cstddef>
#include <string>

namespace cloudimg {

/** How a transport connects and how much it accepts; `curl::options` and
    `asio::options` name this type.

    @code
    cloudimg::transport_options o{.timeout = std::chrono::seconds(30), .ca_file = "server.crt"};
    @endcode
*/
struct transport_options {
    /// Time allowed for the connection (TCP and TLS handshakes); zero means no limit of its own
    /// (libcurl then applies its default of 300 s).
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(30)};
    /// Time allowed for a whole exchange; zero means no limit, as a multi-gigabyte download may need.
    std::chrono::milliseconds timeout{0};
    /// Check the server's certificate chain. Turn off only for test servers.
    bool verify_peer = true;
    /// Check that the certificate names the host.
    bool verify_host = true;
    /** A PEM bundle of trusted CAs; empty uses libcurl's built-in default.

        For an LXD server, whose certificate is self-signed, this is the
        server's own certificate: the way `lxc` trusts a remote (it keeps it
        as `servercerts/<remote>.crt`; the server shows it in `GET /1.0` as
        `environment.certificate`). Compare its fingerprint with the one the
        server's owner sees (`lxd::certificate_fingerprint`). LXD's certificate
        names the host, 127.0.0.1 and ::1; to reach it by another name or
        address, pin its key with `pinned_public_key` and set `verify_host` off.
    */
    std::string ca_file{};
    /** Accept only a server whose public key is this (libcurl's
        CURLOPT_PINNEDPUBLICKEY, whose forms the Asio transport accepts too): `"sha256//<base64 of the SHA-256 of the
        SubjectPublicKeyInfo>"`, several joined by `;`, or the path of a PEM
        or DER public key file; `lxd::public_key_pin` computes it from a
        certificate. The pin is checked whatever `verify_peer` says: with
        `ca_file` set to a self-signed LXD server's certificate both must hold;
        with `verify_peer` and `verify_host` off the pin alone decides, which
        trusts exactly that key under any name or address. Empty: no pinning.
    */
    std::string pinned_public_key{};
    /// The client certificate for mutual TLS, a PEM file (LXD: `~/.config/lxc/client.crt`,
    /// trusted by the server via `lxc config trust add`). Empty: none.
    std::string client_certificate{};
    /// The client certificate's private key, a PEM file (LXD: `client.key`). Empty: in `client_certificate`'s file.
    std::string client_key{};
    /// The password of an encrypted `client_key`; never appears in an error. Empty: the key is not encrypted.
    std::string client_key_password{};
    /** Connect through this Unix domain socket instead of TCP, as LXD's local
        API wants (`lxd::default_unix_socket_path()`). The URL's scheme and path
        are still used; its host only becomes the Host header, so a base URL
        like `"http://lxd"` does. Empty: TCP to the URL's host.
    */
    std::string unix_socket_path{};
    /// Largest body collected into `response::body`; a body streamed into a sink has no limit here.
    std::size_t max_body_size = std::size_t(64) << 20;
    /// Largest response head (status line and header fields, in bytes) accepted.
    std::size_t max_header_size = std::size_t(64) << 10;
};

} // namespace cloudimg

#endif
