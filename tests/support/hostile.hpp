// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_HOSTILE_HPP
#define CLOUDIMG_TESTS_SUPPORT_HOSTILE_HPP

// The pieces every provider's catalog of hostile inputs uses: a body decoded
// in chunks cut anywhere, with its outcome as comparable text; the header
// values and base URLs that try to inject or smuggle something; and the check
// that an error leaks none of what it must not repeat.
//
//     auto const whole = test_support::decode_chunked<oxide::image_results_page>(page, {});
//     EXPECT_TRUE(test_support::same_at_every_split<oxide::image_results_page>(page, whole, {.random_rounds = 200}));

#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/response.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace cloudimg::test_support {

/** Decode `text` as a `T` through the incremental decoder, written in pieces
    cut at the offsets `cuts` (ascending; an offset twice makes an empty
    piece). The outcome as text, so that outcomes compare with `==`:
    "ok <the value, encoded again>" or "<error message> at '<JSON path>'".

    @code
    decode_chunked<std::vector<metal::image>>("[{\"id\":1}]", {3});  // "a JSON value has the wrong type at '[0].id'"
    @endcode
*/
template <class T>
std::string decode_chunked(std::string_view text, std::vector<std::size_t> const& cuts,
                           json::decode_options const& options = {})
{
    T out{};
    json::decoder d(out, options);
    std::size_t at = 0;
    result<void> r;
    for (std::size_t cut : cuts) {
        if (r)
            r = d.write(text.substr(at, cut - at));
        at = cut;
    }
    if (r)
        r = d.write(text.substr(at));
    if (r)
        r = d.finish();
    if (!r)
        return r.error().code.message() + " at '" + r.error().path + "'";
    return "ok " + json::encode(out);
}

/** The offsets 1 to `size` - 1: cut there, every byte is a piece of its own.

    @code
    decode_chunked<T>(text, every_offset(text.size()));
    @endcode
*/
inline std::vector<std::size_t> every_offset(std::size_t size)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 1; i < size; ++i)
        out.push_back(i);
    return out;
}

/// Which cuttings `same_at_every_split` tries.
struct split_plan {
    std::size_t stride = 1;     ///< one cut at each offset 0, stride, 2·stride, ... up to the size; 0: none
    bool byte_by_byte = true;   ///< every byte a piece of its own
    int random_rounds = 0;      ///< cuttings at random steps; the rounds alternate between short and long steps
    std::uint32_t seed = 1;     ///< of the random steps, so that a failure repeats
    std::size_t short_step = 5; ///< the longest step of an odd round (steps of 0 make empty pieces)
    std::size_t long_step = 97; ///< the longest step of an even round
};

/** Whether `text` has the outcome `expected` (of `decode_chunked<T>`) whatever
    pieces it arrives in: the incremental decoder keeps its state across
    writes, including in the middle of a number, an escape or a UTF-8 sequence.
    On failure it names the first cutting that differed.

    @code
    EXPECT_TRUE(same_at_every_split<T>(text, "a value does not parse at 'items[1].id'", {.stride = 3, .byte_by_byte = false}));
    @endcode
*/
template <class T>
::testing::AssertionResult same_at_every_split(std::string_view text, std::string const& expected,
                                               split_plan const& plan = {}, json::decode_options const& options = {})
{
    auto differs = [&](std::vector<std::size_t> const& cuts) -> std::optional<std::string> {
        if (auto got = decode_chunked<T>(text, cuts, options); got != expected)
            return got;
        return std::nullopt;
    };
    if (plan.stride > 0)
        for (std::size_t cut = 0; cut <= text.size(); cut += plan.stride)
            if (auto got = differs({cut}))
                return ::testing::AssertionFailure() << "cut at " << cut << ": " << *got << "\nexpected: " << expected;
    if (plan.byte_by_byte)
        if (auto got = differs(every_offset(text.size())))
            return ::testing::AssertionFailure() << "byte by byte: " << *got << "\nexpected: " << expected;
    std::mt19937 rng(plan.seed);
    for (int round = 0; round < plan.random_rounds; ++round) {
        std::vector<std::size_t> cuts;
        std::uniform_int_distribution<std::size_t> step(0, round % 2 ? plan.short_step : plan.long_step);
        for (std::size_t at = step(rng); at < text.size(); at += step(rng))
            cuts.push_back(at);
        if (auto got = differs(cuts))
            return ::testing::AssertionFailure() << "random round " << round << ": " << *got << "\nexpected: " << expected;
    }
    return ::testing::AssertionSuccess();
}

/** Values that try to end a header and start another (or a whole request):
    each must be refused wherever it goes into a header. The injected header is
    "X-Injected", the smuggled request line "GET /".

    @code
    for (auto const& evil : header_injections()) cfg.user_agent = "app/1.0" + evil;
    @endcode
*/
inline std::vector<std::string> header_injections()
{
    return {"\r\nX-Injected: 1", "\nX-Injected: 1", "\rX-Injected: 1", std::string("\0X-Injected", 11),
            " \r\n\r\nGET / HTTP/1.1"};
}

/** Base URLs made from a valid one, `https://<host_and_path>`, that a provider
    configuration must refuse: with a query, a fragment, no scheme, another
    scheme, a header injection, credentials ("user:s3cr3t", which must not be
    repeated in the error), and empty.

    @code
    for (auto const& url : hostile_base_urls("api.hetzner.cloud/v1")) ...
    @endcode
*/
inline std::vector<std::string> hostile_base_urls(std::string const& host_and_path)
{
    std::string const valid = "https://" + host_and_path;
    return {valid + "?x=1",
            valid + "#f",
            host_and_path,
            "ftp://" + host_and_path,
            valid + "\r\nX-Injected: 1",
            "https://user:s3cr3t@" + host_and_path,
            "https://user:s3cr3t@" + host_and_path + " x",
            ""};
}

/** Whether none of `words` occurs in any text of failure `f` (`what()`, the
    message, the path, the raw body, the provider code): credentials and
    injected text must never come back in an error.

    @code
    EXPECT_TRUE(mentions_none(req.error(), {secret, "X-Injected"}));
    @endcode
*/
inline ::testing::AssertionResult mentions_none(failure const& f, std::initializer_list<std::string_view> words)
{
    for (std::string const& text : {f.what(), f.message, f.path, f.raw_body, f.provider_code})
        for (std::string_view word : words)
            if (text.find(word) != std::string::npos)
                return ::testing::AssertionFailure() << '"' << word << "\" in the error text: " << text;
    return ::testing::AssertionSuccess();
}

/** Whether `r` is a failure with error `code` that mentions none of `words`
    (see `mentions_none`).

    @code
    EXPECT_TRUE(refused(hetzner::prepare(cfg, ep), error::invalid_base_url, {"s3cr3t"}));
    @endcode
*/
template <class R>
::testing::AssertionResult refused(R const& r, error code, std::initializer_list<std::string_view> words = {})
{
    if (r)
        return ::testing::AssertionFailure() << "succeeded";
    if (r.error().code != code)
        return ::testing::AssertionFailure() << "failed with " << r.error().what() << ", not "
                                             << make_error_code(code).message();
    return mentions_none(r.error(), words);
}

/** Whether the parse result `res` of a response with `status` and a body that
    is not the provider's (a proxy's HTML, another server's JSON, a truncated
    document) failed and kept that `body` as its raw body, with no provider
    error body decoded. An error status is `error::error_response`; a success
    status is a decode error, never `error_response`.

    @code
    r.status = 502;
    r.body = "<html>Bad Gateway</html>";
    EXPECT_TRUE(kept_raw(cloudimg::parse_response<hetzner::get_image>(r), 502, r.body));
    @endcode
*/
template <class R>
::testing::AssertionResult kept_raw(R const& res, int status, std::string_view body)
{
    if (res)
        return ::testing::AssertionFailure() << "decoded";
    auto const& f = res.error();
    if (f.http_status != status)
        return ::testing::AssertionFailure() << "status " << f.http_status << ", not " << status;
    if ((f.code == error::error_response) != (status >= 400))
        return ::testing::AssertionFailure() << "the wrong kind of failure for status " << status << ": " << f.what();
    if (f.body)
        return ::testing::AssertionFailure() << "decoded a provider error body from it";
    if (f.raw_body != body)
        return ::testing::AssertionFailure() << "raw body " << f.raw_body;
    return ::testing::AssertionSuccess();
}

/** Whether a proxy's HTML error page in answer to endpoint E (HTTP 502, with a
    request id in the provider's request-id header if it has one) is an error
    response that keeps the page raw, says that no provider error body came,
    and still carries the request id.

    @code
    EXPECT_TRUE(gateway_page_kept_raw<oxide::view_image>());
    @endcode
*/
template <class E>
::testing::AssertionResult gateway_page_kept_raw()
{
    using provider = typename E::provider;
    std::string_view const id_header = provider::request_id_header;
    response r;
    r.status = 502;
    if (!id_header.empty())
        r.headers.add(std::string(id_header), "abc");
    r.body = "<html><body>Bad Gateway</body></html>";
    auto res = parse_response<E>(r);
    if (auto kept = kept_raw(res, 502, r.body); !kept)
        return kept;
    if (res.error().request_id != (id_header.empty() ? "" : "abc"))
        return ::testing::AssertionFailure() << "request id \"" << res.error().request_id << '"';
    if (auto const want = "HTTP 502 without a " + std::string(provider::name) + " error body"; res.error().message != want)
        return ::testing::AssertionFailure() << "message \"" << res.error().message << "\", not \"" << want << '"';
    return ::testing::AssertionSuccess();
}

} // namespace cloudimg::test_support

#endif
