// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_METAL_HMAC_HPP
#define CLOUDIMG_METAL_HMAC_HPP

// metal-api's HMAC authentication (metal-stack/security `HMACAuth`). Needs
// OpenSSL's libcrypto: link the CMake target cloudimg::openssl. Nothing else
// in cloudimg includes this header.
//
// A signed request carries three headers:
//
//     X-Date:        2019-01-16T14:44:45Z            UTC, RFC 3339 to the second
//     X-Data-Salt:   24 random letters [a-zA-Z]
//     Authorization: <type> <hex HMAC-SHA256(key, X-Date + METHOD + X-Data-Salt)>
//
// The three strings are joined without separators, METHOD is upper case and
// the hex is lower case. The body, path and query are not signed (the spec's
// description says the body is; the server does not check it). The server
// accepts a signature for a limited time after X-Date (metal-api: 30 s for
// view and edit, 90 s for admin), so the clock must be in sync.

#include <cloudimg/detail/hex.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/timestamp.hpp>

#include <boost/system/errc.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <chrono>
#include <climits>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace cloudimg::metal {

/// The HMAC auth types of metal-api. Each has its own key on the server
/// (`--hmac-view-key`, `--hmac-edit-key`, `--hmac-admin-key`); creating,
/// updating and deleting images needs admin.
namespace hmac_type {
inline constexpr std::string_view view = "Metal-View";
inline constexpr std::string_view edit = "Metal-Edit";
inline constexpr std::string_view admin = "Metal-Admin";
} // namespace hmac_type

/** The lower-case hex HMAC-SHA256 of `date + method + salt` under `key`: the
    second word of metal-api's HMAC `Authorization` header.

    An empty key is refused (`error::invalid_argument`): metal-api never
    accepts it, and it would only hide a missing configuration value.

    @code
    auto mac = metal::hmac_signature(key, "2019-01-16T14:44:45Z", "GET", salt);
    // 64 hex digits
    @endcode
*/
inline result<std::string> hmac_signature(std::string_view key, std::string_view date, std::string_view method,
                                          std::string_view salt)
{
    if (key.empty())
        return make_failure(error::invalid_argument,
                            "the HMAC key is empty: metal-api's HMAC authentication needs the key of the auth type");
    if (key.size() > static_cast<std::size_t>(INT_MAX))
        return make_failure(error::invalid_argument, "the HMAC key is longer than OpenSSL accepts");
    std::string message;
    message.reserve(date.size() + method.size() + salt.size());
    message.append(date).append(method).append(salt);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<unsigned char const*>(message.data()), message.size(), digest, &length))
        // e.g. a FIPS provider, which refuses HMAC keys shorter than 112 bits
        return make_failure(error::invalid_argument, "OpenSSL could not compute HMAC-SHA256 with this key");
    std::string out;
    cloudimg::detail::append_hex(out, digest, length);
    return out;
}

/** `n` letters from `[a-zA-Z]`, drawn from OpenSSL's CSPRNG (RAND_bytes): the
    `X-Data-Salt` that metal-stack's own clients send (24 letters).

    Each letter is uniform: random bytes of 208 or more are dropped instead of
    folded in with a modulo (208 = 4 × 52), which would favour some letters.
    Fails only if OpenSSL's generator cannot deliver (it is not seeded).

    @code
    auto salt = metal::random_salt();  // e.g. "qHcXbTzRkWmPaoLdEsYfNgUv"
    @endcode
*/
inline result<std::string> random_salt(std::size_t n = 24)
{
    static constexpr char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    constexpr unsigned limit = 4 * 52;
    std::string out;
    out.reserve(n);
    unsigned char buf[64];
    while (out.size() < n) {
        if (RAND_bytes(buf, static_cast<int>(sizeof buf)) != 1) {
            failure f;
            f.code = boost::system::errc::make_error_code(boost::system::errc::resource_unavailable_try_again);
            f.message = "OpenSSL's random generator (RAND_bytes) failed: it may not be seeded";
            return f;
        }
        for (unsigned char b : buf)
            if (b < limit && out.size() < n)
                out += letters[b % 52];
    }
    return out;
}

/** Signs requests for metal-api's HMAC scheme: sets `X-Date`, `X-Data-Salt`
    and `Authorization`. A `request_signer`, so it goes into `metal::config::auth`.

    The clock and the salt are injectable so that signatures are reproducible
    in tests; by default they are the system clock and `random_salt()`. The key
    never appears in an error.

    @code
    metal::config cfg{.base_url = url,
                      .auth = metal::hmac_signer{.key = admin_key, .auth_type = std::string(metal::hmac_type::admin)}};
    auto req = metal::prepare(cfg, metal::delete_image{.id = "ubuntu-20.04.20200502"});
    @endcode
*/
struct hmac_signer {
    std::string key{};                                   ///< the shared key of `auth_type`, as raw bytes
    std::string auth_type{hmac_type::admin};             ///< "Metal-View", "Metal-Edit", "Metal-Admin" or a server's own
    std::function<std::chrono::system_clock::time_point()> clock = [] { return std::chrono::system_clock::now(); };
    std::function<result<std::string>()> salt = [] { return random_salt(); };

    /** Add the three headers to `req`, replacing any earlier ones.

        Refused with `error::invalid_argument`: an empty key, an empty auth
        type or one with a space or control character (metal-api splits the
        header at its one space), and an empty clock or salt function.

        @code
        metal::hmac_signer sign{.key = key};
        if (auto ok = sign(req); !ok) return ok.error();
        @endcode
    */
    result<void> operator()(request& req) const
    {
        if (key.empty())
            return make_failure(error::invalid_argument,
                                "the HMAC key is empty: set hmac_signer::key to the key of auth type \"" +
                                    auth_type.substr(0, 64) + '"');
        if (auth_type.empty())
            return make_failure(error::invalid_argument, "the HMAC auth type is empty");
        for (char c : auth_type)
            if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
                return make_failure(error::invalid_argument,
                                    "the HMAC auth type contains a space or a control character");
        if (!clock || !salt)
            return make_failure(error::invalid_argument, "the HMAC signer has no clock or no salt function");

        auto s = salt();
        if (!s)
            return s.error();
        // Whole seconds, UTC: Go's time.RFC3339 as the server parses it, which
        // has four-digit years only.
        auto const now = std::chrono::floor<std::chrono::seconds>(clock());
        auto const year = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year();
        if (year < std::chrono::year(0) || year > std::chrono::year(9999))
            return make_failure(error::invalid_argument, "the HMAC signer's clock is outside the years 0000 to 9999");
        std::string date;
        format_timestamp(date, timestamp{now});
        auto mac = hmac_signature(key, date, to_string(req.method), *s);
        if (!mac)
            return mac.error();
        req.headers.set("X-Date", std::move(date));
        req.headers.set("X-Data-Salt", std::move(*s));
        req.headers.set("Authorization", auth_type + ' ' + *mac);
        return {};
    }
};

} // namespace cloudimg::metal

#endif
