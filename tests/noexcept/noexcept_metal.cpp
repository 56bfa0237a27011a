// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The metal-stack provider without exceptions: bare-array decoding with open
// enums and renamed fields, encoding, request building (ids kept in one path
// segment, credentials never echoed), HMAC signing when OpenSSL is there, and
// response parsing must all work, and fail, as values under -fno-exceptions.
// The headers under test come first, so they are checked to compile alone in this mode.

#include <cloudimg/metal.hpp>
#if defined(CLOUDIMG_TEST_HMAC)
#include <cloudimg/metal/hmac.hpp>
#endif

#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/response.hpp>

#include "noexcept_support.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace metal = cloudimg::metal;

constexpr std::string_view list_json =
    R"([{"id":"ubuntu-24.04.20260301","name":"Ubuntu 24.04","description":"","url":"https://x/img.tar.lz4",)"
    R"("features":["machine","gpu"],"expirationDate":"2026-09-01T00:00:00Z","classification":"supported",)"
    R"("usedby":null,"created":"2026-03-01T10:00:00Z","changed":"2026-03-01T10:00:00Z","added_later":{}}])";

} // namespace

namespace noexcept_test {

void decode()
{
    auto r = cloudimg::json::decode<std::vector<metal::image>>(list_json);
    check(r.has_value(), "decode a list of images");
    if (r && r->size() == 1) {
        auto const& i = r->front();
        check(i.id == "ubuntu-24.04.20260301", "decoded id");
        check(i.features && i.features->size() == 2 && (*i.features)[0] == metal::image_feature::machine &&
                  !(*i.features)[1].is_known() && (*i.features)[1].wire() == "gpu",
              "open enum keeps an unknown feature as text");
        check(i.expiration_date == *cloudimg::parse_timestamp("2026-09-01T00:00:00Z"), "renamed expirationDate");
        check(!i.used_by, "null usedby is absent");
    } else {
        check(false, "one image");
    }

    // Chunked, one byte at a time.
    std::vector<metal::image> chunked;
    check(decodes_byte_by_byte(list_json, chunked) && chunked.size() == 1, "incremental decode");

    auto missing = cloudimg::json::decode<std::vector<metal::image>>(R"([{"id":"a-1.0"}])");
    check(!missing && missing.error().code == cloudimg::error::missing_field &&
              missing.error().path == "[0].expirationDate",
          "a missing required field is an error with its path");
    auto not_array = cloudimg::json::decode<std::vector<metal::image>>(R"({"id":"a-1.0"})");
    check(!not_array && not_array.error().code == cloudimg::error::type_mismatch, "an object where a list belongs");
}

void encode()
{
    metal::image_create_request body{.id = "ubuntu-24.04.20260301",
                                     .url = "https://x/img.tar.lz4",
                                     .features = std::vector<cloudimg::open_enum<metal::image_feature>>{metal::image_feature::machine},
                                     .classification = metal::image_classification::preview};
    auto text = cloudimg::json::encode(body);
    check(text == R"({"id":"ubuntu-24.04.20260301","url":"https://x/img.tar.lz4","features":["machine"],)"
                  R"("classification":"preview"})",
          "encode image_create_request");
    auto back = cloudimg::json::decode<metal::image_create_request>(text);
    check(back && cloudimg::json::encode(*back) == text, "encode round trip");
}

void build_requests()
{
    metal::config const cfg{.base_url = "https://metal.example.com", .auth = metal::bearer_token{"secret-token"}};

    auto find = metal::prepare(cfg, metal::find_latest_image{.id = "ubuntu/24.04?x"});
    check(find.has_value(), "prepare find_latest_image");
    if (find) {
        check(find->url() == "https://metal.example.com/v1/image/ubuntu%2F24.04%3Fx/latest", "id kept in its segment");
        check(find->headers.find("Authorization") == std::string_view("Bearer secret-token"), "bearer header");
    }

    auto create = metal::prepare(cfg, metal::create_image{.body = {.id = "a-1.0", .url = "u"}});
    check(create && create->method == cloudimg::http_method::put, "create is PUT");
    check(create && std::get_if<std::string>(&create->body) != nullptr &&
              *std::get_if<std::string>(&create->body) == R"({"id":"a-1.0","url":"u"})",
          "create body");

    auto dots = metal::prepare(cfg, metal::find_image{.id = ".."});
    check(!dots && dots.error().code == cloudimg::error::invalid_argument, "a dot-segment id is refused");

    // Header injection is refused as a value, and the token is not echoed.
    auto refused = metal::prepare(metal::config{.base_url = cfg.base_url, .auth = metal::bearer_token{"abc\r\nX-Evil: 1"}},
                                  metal::list_images{});
    check(!refused && refused.error().code == cloudimg::error::invalid_header_value, "CR/LF in a header is refused");
    check(refused || refused.error().what().find("abc") == std::string::npos, "token not in the error text");

    auto no_base = metal::prepare(metal::config{}, metal::list_images{});
    check(!no_base && no_base.error().code == cloudimg::error::invalid_base_url, "no base URL");

#if defined(CLOUDIMG_TEST_HMAC)
    // metal-api's HMAC scheme, with the clock and the salt fixed (value from Python's hmac module).
    using namespace std::chrono;
    metal::config const signed_cfg{
        .base_url = "https://metal.example.com",
        .auth = metal::hmac_signer{.key = "admin-key",
                                   .clock = [] { return system_clock::time_point(sys_days(year(2026) / March / 1) + hours(12)); },
                                   .salt = []() -> cloudimg::result<std::string> { return std::string("QWERTYuiopASDFghjkZXCVbn"); }}};
    auto sig = metal::prepare(signed_cfg, metal::list_images{});
    check(sig && sig->headers.find("Authorization") ==
                     std::string_view("Metal-Admin e876209dd5047e09611611042593155ef520bebcdb28c20eb5e935a10b82aa2a"),
          "HMAC Authorization header");
    auto no_key = metal::prepare(metal::config{.base_url = cfg.base_url, .auth = metal::hmac_signer{}}, metal::list_images{});
    check(!no_key && no_key.error().code == cloudimg::error::invalid_argument, "an HMAC signer without a key is refused");
    auto salt = metal::random_salt();
    check(salt && salt->size() == 24, "random salt");
#endif
}

void parse_responses()
{
    cloudimg::response ok;
    ok.status = 200;
    ok.body = std::string(list_json);
    auto list = cloudimg::parse_response<metal::list_images>(ok);
    check(list && list->size() == 1, "parse_response 200");

    cloudimg::response conflict;
    conflict.status = 409;
    conflict.body = R"({"message":"image already exists","statuscode":409})";
    auto err = cloudimg::parse_response<metal::create_image>(conflict);
    check(!err.has_value(), "parse_response 409 is a failure");
    if (!err) {
        auto const& f = err.error();
        check(f.code == cloudimg::error::error_response, "409 code");
        check(f.http_status == 409, "409 status");
        check(f.message == "image already exists", "409 message");
        check(f.body && f.body->status_code == 409, "409 body kept");
    }

    cloudimg::response garbage;
    garbage.status = 200;
    garbage.body = "<html>bad gateway</html>";
    auto undecodable = cloudimg::parse_response<metal::find_image>(garbage);
    check(!undecodable && undecodable.error().code == cloudimg::error::json_syntax, "non-JSON 200 is json_syntax");
    check(undecodable || undecodable.error().raw_body == garbage.body, "raw body kept");
}

} // namespace noexcept_test
