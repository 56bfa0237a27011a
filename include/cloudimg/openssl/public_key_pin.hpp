// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSSL_PUBLIC_KEY_PIN_HPP
#define CLOUDIMG_OPENSSL_PUBLIC_KEY_PIN_HPP

// Public-key pins in libcurl's CURLOPT_PINNEDPUBLICKEY forms, over OpenSSL's
// libcrypto (CMake target cloudimg::openssl): computed from a certificate
// (LXD's `public_key_pin`) and checked against a server's certificate (the
// Asio transport), so both sides agree on one definition of a pin.

#include <cloudimg/error.hpp>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <climits>
#include <cstddef>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>

namespace cloudimg::openssl {

namespace detail {

struct x509_deleter {
    void operator()(X509* x) const noexcept { X509_free(x); }
};
using x509_ptr = std::unique_ptr<X509, x509_deleter>;

struct pkey_deleter {
    void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_deleter>;

struct bio_deleter {
    void operator()(BIO* b) const noexcept { BIO_free(b); }
};
using bio_ptr = std::unique_ptr<BIO, bio_deleter>;

// A read-only memory BIO over `bytes`, or null when OpenSSL cannot take them.
inline bio_ptr memory_bio(std::string_view bytes)
{
    if (bytes.size() > static_cast<std::size_t>(INT_MAX))
        return nullptr;
    return bio_ptr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

// A certificate from PEM text; OpenSSL's error queue is left empty either way.
inline result<x509_ptr> read_pem_certificate(std::string_view pem)
{
    auto bio = memory_bio(pem);
    x509_ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    ERR_clear_error();
    if (!cert)
        return make_failure(error::invalid_argument,
                            "no PEM certificate (-----BEGIN CERTIFICATE-----) could be read from the text");
    return cert;
}

// The DER encoding an OpenSSL i2d function writes: `i2d(unsigned char**) -> int`.
template <class I2d>
result<std::string> to_der(I2d i2d, char const* what)
{
    int const length = i2d(nullptr);
    std::string der(length > 0 ? static_cast<std::size_t>(length) : 0, '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    if (length <= 0 || i2d(&out) != length) {
        ERR_clear_error();
        return make_failure(error::invalid_argument, std::string("OpenSSL could not DER-encode ") + what);
    }
    return der;
}

// "sha256//" and the base64 of the SHA-256 of a public key's DER SubjectPublicKeyInfo.
inline result<std::string> pin_of_key(EVP_PKEY* key)
{
    if (key == nullptr) {
        ERR_clear_error();
        return make_failure(error::invalid_argument, "the certificate's public key cannot be read");
    }
    auto spki = to_der([&](unsigned char** out) { return i2d_PUBKEY(key, out); }, "the public key");
    if (!spki)
        return spki.error();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size = 0;
    if (EVP_Digest(spki->data(), spki->size(), digest, &digest_size, EVP_sha256(), nullptr) != 1) {
        ERR_clear_error();
        return make_failure(error::invalid_argument, "OpenSSL could not compute SHA-256");
    }
    // base64 of 32 bytes: 44 characters and a NUL
    unsigned char text[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1] = {};
    int const n = EVP_EncodeBlock(text, digest, static_cast<int>(digest_size));
    return "sha256//" + std::string(reinterpret_cast<char const*>(text), static_cast<std::size_t>(n));
}

// The pin of the public key in a PEM or DER public key file (libcurl's file form of a pin).
inline result<std::string> pin_of_key_file(std::string const& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof())
        return make_failure(error::invalid_argument, "the pinned public key file cannot be read: " + path);
    auto bio = memory_bio(bytes);
    pkey_ptr key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key) {
        auto const* der = reinterpret_cast<unsigned char const*>(bytes.data());
        key.reset(d2i_PUBKEY(nullptr, &der, static_cast<long>(bytes.size())));
    }
    ERR_clear_error();
    if (!key)
        return make_failure(error::invalid_argument, "no public key (PEM or DER) in the pinned public key file " + path);
    return pin_of_key(key.get());
}

} // namespace detail

/** The pin of a certificate's public key: `"sha256//"` and the base64 of the
    SHA-256 of its SubjectPublicKeyInfo, the form `transport_options::pinned_public_key`
    takes (the key stays the same when a certificate is renewed with it).

    @code
    auto pin = openssl::public_key_pin(SSL_get0_peer_certificate(ssl));
    @endcode
*/
inline result<std::string> public_key_pin(X509* certificate)
{
    if (certificate == nullptr)
        return make_failure(error::invalid_argument, "no certificate to pin");
    return detail::pin_of_key(X509_get0_pubkey(certificate));
}

/** Whether `certificate`'s key is one that `pins` accepts, read as libcurl reads
    CURLOPT_PINNEDPUBLICKEY: `"sha256//<base64>"` pins joined by `;`, or the path
    of a PEM or DER public key file. A failure when the pins cannot be read.

    @code
    auto ok = openssl::matches_pin(cert, "sha256//abc...=;sha256//def...=");
    @endcode
*/
inline result<bool> matches_pin(X509* certificate, std::string_view pins)
{
    auto actual = public_key_pin(certificate);
    if (!actual)
        return actual.error();
    if (!pins.starts_with("sha256//")) {
        auto expected = detail::pin_of_key_file(std::string(pins));
        if (!expected)
            return expected.error();
        return *expected == *actual;
    }
    while (!pins.empty()) {
        auto const end = pins.find(';');
        if (pins.substr(0, end) == *actual)
            return true;
        pins.remove_prefix(end == std::string_view::npos ? pins.size() : end + 1);
    }
    return false;
}

} // namespace cloudimg::openssl

#endif
