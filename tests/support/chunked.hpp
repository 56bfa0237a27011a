// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_CHUNKED_HPP
#define CLOUDIMG_TESTS_SUPPORT_CHUNKED_HPP

// Incremental decoding with chosen cut points, shared by the hostile-input tests.

#include <cloudimg/error.hpp>
#include <cloudimg/json/decode.hpp>
#include <cloudimg/json/encode.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chunked {

/** Decode `text` as a `T`, written to the decoder in the pieces that the
    offsets `cuts` (ascending) delimit. The outcome as one comparable string:
    "ok <the value re-encoded>" or "<error message> at '<JSON path>'".

    @code
    EXPECT_EQ(chunked::decode<list_images_response>(page, {10}), chunked::decode<list_images_response>(page, {}));
    @endcode
*/
template <class T>
std::string decode(std::string_view text, std::vector<std::size_t> const& cuts,
                   cloudimg::json::decode_options const& options = {})
{
    T out{};
    cloudimg::json::decoder d(out, options);
    std::size_t at = 0;
    cloudimg::result<void> r;
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
    return "ok " + cloudimg::json::encode(out);
}

} // namespace chunked

#endif
