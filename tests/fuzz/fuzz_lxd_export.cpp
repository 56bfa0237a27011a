// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Fuzz target for the LXD image export reader. The first input byte says
// where to cut the body and which response head it comes with (the boundary
// its first line names, LXD's boundary of the captured container export, or
// a unified export); the rest is the body. For any input:
// - reading never crashes, leaks or reads out of bounds (sanitizers);
// - reading it whole, in two chunks, and one byte at a time gives the same
//   outcome: same success and files, or the same error code and message;
// - what succeeds delivered at most the body's bytes, and its fingerprint is
//   the SHA-256 of exactly the bytes the sink received.
// Built with libFuzzer under clang (CLOUDIMG_BUILD_FUZZERS), and with
// replay_main.cpp as a ctest that replays the captured exports, mutated.

#include <cloudimg/lxd/export.hpp>
#include <cloudimg/lxd/sha256.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

[[noreturn]] void violated(char const* what, std::string_view input)
{
    std::fprintf(stderr, "fuzz property violated: %s\ninput (%zu bytes)\n", what, input.size());
    for (char c : input.substr(0, 2000))
        std::fprintf(stderr, "%02x", static_cast<unsigned char>(c));
    std::fprintf(stderr, "\n");
    std::abort();
}

struct outcome {
    cloudimg::result<cloudimg::lxd::export_info> info;
    std::string bytes;  // every byte the sink received, in order
};

outcome read(cloudimg::response const& head, std::vector<std::string_view> const& chunks)
{
    outcome out{cloudimg::make_failure(cloudimg::error::invalid_argument, "not run"), {}};
    auto reader = cloudimg::lxd::export_reader::create(
        head,
        [&](cloudimg::lxd::exported_file const&, std::string_view chunk) -> cloudimg::result<void> {
            out.bytes += chunk;
            return {};
        },
        {.max_part_header_size = 512});
    if (!reader) {
        out.info = reader.error();
        return out;
    }
    for (auto chunk : chunks)
        if (auto ok = reader->write(chunk); !ok) {
            out.info = ok.error();
            return out;
        }
    out.info = reader->finish();
    return out;
}

void same(outcome const& a, outcome const& b, std::string_view input)
{
    if (a.info.has_value() != b.info.has_value())
        violated("chunkings disagree on success", input);
    if (!a.info) {
        if (a.info.error().code != b.info.error().code || a.info.error().message != b.info.error().message)
            violated("chunkings report different errors", input);
        return;
    }
    if (a.bytes != b.bytes || a.info->fingerprint != b.info->fingerprint || a.info->files.size() != b.info->files.size())
        violated("chunkings delivered different files", input);
    for (std::size_t i = 0; i < a.info->files.size(); ++i)
        if (a.info->files[i].size != b.info->files[i].size || a.info->files[i].filename != b.info->files[i].filename)
            violated("chunkings described files differently", input);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    if (size == 0)
        return 0;
    std::string_view const body(reinterpret_cast<char const*>(data) + 1, size - 1);
    std::size_t const split = body.size() * data[0] / 255;

    cloudimg::response head;
    head.status = 200;
    switch (data[0] % 3) {
    case 0: {
        auto const eol = body.find('\r');
        std::string_view const line = body.substr(0, eol == std::string_view::npos ? 0 : eol);
        head.headers.set("Content-Type", "multipart/form-data; boundary=\"" +
                                             std::string(line.substr(line.starts_with("--") ? 2 : 0, 70)) + '"');
        break;
    }
    case 1:
        head.headers.set("Content-Type",
                         "multipart/form-data; boundary=8219bc4c55e6fee28bf64289fa3594f9b5b59f4a8f7d288d2b4bc3545618");
        break;
    default:
        head.headers.set("Content-Type", "application/octet-stream");
        head.headers.set("Content-Disposition", "inline;filename=image.tar.xz");
        break;
    }

    outcome const whole = read(head, {body});
    same(whole, read(head, {body.substr(0, split), body.substr(split)}), body);
    std::vector<std::string_view> bytes;
    for (std::size_t i = 0; i < body.size(); ++i)
        bytes.push_back(body.substr(i, 1));
    same(whole, read(head, bytes), body);

    if (whole.info) {
        if (whole.bytes.size() > body.size())
            violated("more bytes delivered than the body holds", body);
        auto digest = cloudimg::lxd::sha256::of(whole.bytes);
        if (!digest || cloudimg::lxd::to_hex(*digest) != whole.info->fingerprint)
            violated("the fingerprint is not the SHA-256 of the delivered bytes", body);
        std::uint64_t total = 0;
        for (auto const& f : whole.info->files)
            total += f.size;
        if (total != whole.bytes.size())
            violated("file sizes do not add up to the delivered bytes", body);
    }
    return 0;
}
