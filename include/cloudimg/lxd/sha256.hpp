// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_SHA256_HPP
#define CLOUDIMG_LXD_SHA256_HPP

// Incremental SHA-256 over OpenSSL's EVP interface (CMake target
// cloudimg::openssl), beside its users: LXD names images and certificates by SHA-256, and an
// image is gigabytes that arrive in chunks, so the digest is computed as the
// bytes pass, never over a buffered copy.

#include <cloudimg/detail/hex.hpp>
#include <cloudimg/error.hpp>

#include <boost/system/errc.hpp>

#include <openssl/evp.h>

#include <array>
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace cloudimg::lxd {

/** An incremental SHA-256: feed bytes with `update`, get the digest with `finish`.

    Move-only (it owns an OpenSSL context). Errors are values: should OpenSSL
    fail to set up or run the digest (out of memory, a provider without
    SHA-256), `update` does nothing and `finish` reports the failure
    (`errc::function_not_supported`).
    After `finish` the object starts over and can hash the next input.

    @code
    lxd::sha256 h;
    h.update("ab");
    h.update("c");
    auto d = h.finish();  // result<sha256::digest>
    assert(cloudimg::lxd::to_hex(*d) ==
           "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    @endcode
*/
class sha256 {
public:
    static constexpr std::size_t digest_size = 32;
    using digest = std::array<unsigned char, digest_size>;

    /// A digest of nothing yet.
    /// @code cloudimg::sha256 h; @endcode
    sha256() : ctx_(EVP_MD_CTX_new()) { start(); }

    sha256(sha256&&) noexcept = default;
    sha256& operator=(sha256&&) noexcept = default;

    /// Hash the next bytes.
    /// @code h.update(chunk); @endcode
    void update(std::string_view bytes) noexcept
    {
        if (failed_ != nullptr || bytes.empty())
            return;
        if (!ctx_ || EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()) != 1)
            failed_ = "OpenSSL's SHA-256 update failed";
    }

    /** The digest of everything given since construction or the last `finish`; then start over.

        @code
        auto d = h.finish();
        if (!d) return d.error();
        @endcode
    */
    result<digest> finish()
    {
        if (!ctx_)
            return make_failure(error::invalid_argument, "this sha256 was moved from");
        digest out{};
        unsigned int length = 0;
        if (failed_ == nullptr &&
            (EVP_DigestFinal_ex(ctx_.get(), out.data(), &length) != 1 || length != digest_size))
            failed_ = "OpenSSL's SHA-256 finalisation failed";
        char const* const why = failed_;
        start();
        if (why != nullptr) {
            failure f;
            f.code = boost::system::errc::make_error_code(boost::system::errc::function_not_supported);
            f.message = why;
            return f;
        }
        return out;
    }

    /** The SHA-256 of `bytes` in one call.

        @code
        auto d = cloudimg::lxd::sha256::of("abc");
        @endcode
    */
    static result<digest> of(std::string_view bytes)
    {
        sha256 h;
        h.update(bytes);
        return h.finish();
    }

private:
    struct ctx_deleter {
        void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
    };

    void start() noexcept
    {
        failed_ = nullptr;
        if (!ctx_)
            failed_ = "OpenSSL could not allocate a digest context";
        else if (EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1)
            failed_ = "OpenSSL could not start SHA-256 (no provider offers it?)";
    }

    std::unique_ptr<EVP_MD_CTX, ctx_deleter> ctx_;
    char const* failed_ = nullptr;  // why the digest cannot be trusted; reported by finish()
};

/** Lower-case hex of any bytes, such as a digest: two digits a byte.

    @code
    std::string fp = cloudimg::lxd::to_hex(*cloudimg::lxd::sha256::of(bytes));  // 64 digits, as LXD writes fingerprints
    @endcode
*/
inline std::string to_hex(std::span<unsigned char const> bytes)
{
    std::string out;
    cloudimg::detail::append_hex(out, bytes.data(), bytes.size());
    return out;
}

} // namespace cloudimg::lxd

#endif
