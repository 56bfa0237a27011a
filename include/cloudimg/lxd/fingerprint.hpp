// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_FINGERPRINT_HPP
#define CLOUDIMG_LXD_FINGERPRINT_HPP

// LXD's fingerprints: of images (the SHA-256 of their files) and of TLS
// certificates (the SHA-256 of their DER encoding). Needs OpenSSL's
// libcrypto: link cloudimg::openssl.

#include <cloudimg/error.hpp>
#include <cloudimg/lxd/sha256.hpp>
#include <cloudimg/openssl/public_key_pin.hpp>

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <climits>
#include <concepts>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cloudimg::lxd {

/// What `image_fingerprint` reads: a `body_source`, `file_source`, `string_source`...
template <class S>
concept rewindable_source = requires(S& s, char* dest, std::size_t max) {
    { s.read(dest, max) } -> std::same_as<boost::system::result<std::size_t>>;
    { s.rewind() } -> std::same_as<boost::system::error_code>;
};

namespace detail {

template <rewindable_source... Sources>
result<std::string> hash_sources(Sources&... sources)
{
    sha256 hash;
    std::vector<char> buffer(std::size_t(1) << 16);
    failure why;
    auto read_all = [&](auto& s) {
        if (auto ec = s.rewind()) {
            why = make_failure(error::transport, "rewinding an image source failed: " + ec.message());
            why.code = ec;
            return false;
        }
        while (true) {
            auto n = s.read(buffer.data(), buffer.size());
            if (!n) {
                why = make_failure(error::transport, "reading an image source failed: " + n.error().message());
                why.code = n.error();
                return false;
            }
            if (*n == 0)
                break;
            hash.update(std::string_view(buffer.data(), *n));
        }
        // the upload that follows reads it again from the start
        if (auto ec = s.rewind()) {
            why = make_failure(error::transport, "rewinding an image source failed: " + ec.message());
            why.code = ec;
            return false;
        }
        return true;
    };
    if (!(read_all(sources) && ...))
        return why;
    auto digest = hash.finish();
    if (!digest)
        return digest.error();
    return to_hex(*digest);
}

using openssl::detail::read_pem_certificate;
using openssl::detail::to_der;

} // namespace detail

/** The fingerprint of a unified image: the SHA-256 of its tarball, 64
    lower-case hex digits, as `X-LXD-fingerprint` wants it before an upload.
    Reads the source from its start and rewinds it again for the upload.

    @code
    auto tarball = lxd::file_source::open("image.tar.xz");
    auto fp = lxd::image_fingerprint(*tarball);
    @endcode
*/
template <rewindable_source Source>
result<std::string> image_fingerprint(Source& tarball)
{
    return detail::hash_sources(tarball);
}

/** The fingerprint of a split image: the SHA-256 of the metadata tarball's
    bytes followed by the root file system's. Both sources are rewound after.

    @code
    auto fp = lxd::image_fingerprint(*meta, *rootfs);
    @endcode
*/
template <rewindable_source Metadata, rewindable_source Rootfs>
result<std::string> image_fingerprint(Metadata& metadata, Rootfs& rootfs)
{
    return detail::hash_sources(metadata, rootfs);
}

/** The fingerprint LXD shows for a certificate (`lxc config trust list`,
    `lxc remote add`'s prompt, `GET /1.0` `environment.certificate_fingerprint`):
    the SHA-256 of its DER encoding, 64 lower-case hex digits. Reads the first
    certificate of the PEM text.

    @code
    auto fp = lxd::certificate_fingerprint(server_pem);
    if (fp && *fp != fingerprint_from_the_admin) return refuse();
    @endcode
*/
inline result<std::string> certificate_fingerprint(std::string_view pem)
{
    auto cert = detail::read_pem_certificate(pem);
    if (!cert)
        return cert.error();
    auto der = detail::to_der([&](unsigned char** out) { return i2d_X509(cert->get(), out); }, "the certificate");
    if (!der)
        return der.error();
    auto digest = sha256::of(*der);
    if (!digest)
        return digest.error();
    return to_hex(*digest);
}

/** The value for `curl::options::pinned_public_key` that accepts only the
    key of this certificate: `"sha256//"` and the base64 of the SHA-256 of
    its SubjectPublicKeyInfo (the key stays the same when LXD renews the
    certificate with the same key; a new key needs a new pin).

    @code
    curl::options o{.ca_file = "servercerts/myremote.crt",
                    .pinned_public_key = lxd::public_key_pin(server_pem).value()};
    @endcode
*/
inline result<std::string> public_key_pin(std::string_view pem)
{
    auto cert = detail::read_pem_certificate(pem);
    if (!cert)
        return cert.error();
    return openssl::public_key_pin(cert->get());
}

} // namespace cloudimg::lxd

#endif
