// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_BENCHMARKS_PEERS_HETZNER_SIMDJSON_HPP
#define CLOUDIMG_BENCHMARKS_PEERS_HETZNER_SIMDJSON_HPP

// simdjson On-Demand into the same structs, with the same checks as cloudimg
// (required image keys, nullable and optional members, open enums, RFC 3339
// timestamps; simdjson's doubles are exact). No simdjson type appears here:
// hetzner_simdjson.cpp is compiled with other flags (see there).

#include <cloudimg/hetzner/models.hpp>

#include <cstddef>
#include <memory>
#include <string_view>

namespace peers::sj {

class ondemand_decoder {
public:
    ondemand_decoder();
    ~ondemand_decoder();
    ondemand_decoder(ondemand_decoder const&) = delete;
    ondemand_decoder& operator=(ondemand_decoder const&) = delete;

    /// The readable bytes simdjson needs after the document: the caller pads
    /// once, outside the timing (a transport's buffer would need the same).
    static std::size_t padding() noexcept;

    /// Decode a Hetzner page of images; false on any error. `padding()`
    /// readable bytes must follow `padded`.
    bool decode(std::string_view padded, cloudimg::hetzner::list_images_response& page);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace peers::sj

#endif
