// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Uses the installed <cloudimg/metal/hmac.hpp> through the exported
// cloudimg::openssl target: libcrypto must be found and linked for the HMAC
// and the random salt. The signature is checked against metal-stack/security's
// reference vector and a value computed independently (Python's hmac module);
// the key must never appear in an error.

#include <cloudimg/metal.hpp>
#include <cloudimg/metal/hmac.hpp>

#include <openssl/crypto.h>

#include "check.hpp"

#include <chrono>
#include <iostream>
#include <string>
#include <string_view>

int main()
{
    namespace metal = cloudimg::metal;
    using namespace std::chrono;
    using consumer::check;

    // metal-stack/security's mac_test.go
    auto mac = metal::hmac_signature(std::string("\x01\x02\x03", 3), "2019-01-16T14:44:45Z", "GET",
                                     std::string("\x01\x02\x03\x04\x05\x06", 6));
    check(mac && *mac == "f8d293a06bdde899a5bd1dd61b13842564650c717c742db02c4e1a888fc22501",
          "HMAC-SHA256 of the reference vector");

    // a request signed through prepare(), with the clock and the salt fixed
    metal::config cfg{.base_url = "https://metal.example.com",
                      .auth = metal::hmac_signer{
                          .key = "admin-key",
                          .clock = [] { return system_clock::time_point(sys_days(year(2026) / March / 1) + hours(12)); },
                          .salt = []() -> cloudimg::result<std::string> { return std::string("QWERTYuiopASDFghjkZXCVbn"); }}};
    auto req = metal::prepare(cfg, metal::list_images{});
    check(req.has_value(), "prepare(list_images) with an HMAC signer");
    if (req) {
        check(req->headers.find("X-Date") == std::string_view("2026-03-01T12:00:00Z"), "X-Date header");
        check(req->headers.find("X-Data-Salt") == std::string_view("QWERTYuiopASDFghjkZXCVbn"), "X-Data-Salt header");
        check(req->headers.find("Authorization") ==
                  std::string_view("Metal-Admin e876209dd5047e09611611042593155ef520bebcdb28c20eb5e935a10b82aa2a"),
              "Authorization header");
    }

    // OpenSSL's generator: 24 letters
    auto salt = metal::random_salt();
    check(salt && salt->size() == 24 && salt->find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
                                            std::string::npos,
          "random_salt()");

    // a signer that cannot sign refuses, and says nothing of the key
    cfg.auth = metal::hmac_signer{.key = "consumer-secret-key", .auth_type = "Metal Admin"};
    auto refused = metal::prepare(cfg, metal::list_images{});
    check(!refused && refused.error().code == cloudimg::error::invalid_argument, "an auth type with a space is refused");
    check(refused || refused.error().what().find("consumer-secret-key") == std::string::npos, "the key is not in the error");

    if (consumer::failures != 0)
        return 1;
    std::cout << "consumer_openssl: OK (" << OpenSSL_version(OPENSSL_VERSION) << ")\n";
    return 0;
}
