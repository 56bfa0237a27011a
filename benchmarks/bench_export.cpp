// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Reading an LXD image export as it streams in (64 KiB chunks), with the
// fingerprint checked, against OpenSSL's SHA-256 alone over the same bytes:
//   sha256_alone     lxd::sha256 over the image's bytes: the floor
//   unified_export   export_reader over a unified export (the bytes are the file)
//   split_export     export_reader over a split export (multipart/form-data:
//                    the metadata and root file system parts, delimiters found
//                    in the stream)
// bytes_per_second counts the image's bytes. 64 MiB of deterministic
// pseudo-random data: the delimiter's first byte, CR, comes every 256 bytes.
// Each chunk is first copied into a receive buffer, as a transport's recv()
// does, in all three: the bytes a reader gets are in the cache.

#include <cloudimg/lxd/export.hpp>
#include <cloudimg/lxd/sha256.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace cloudimg;

constexpr std::size_t image_size = std::size_t{64} << 20;
constexpr std::size_t chunk_size = std::size_t{64} << 10;

std::string random_bytes(std::size_t n, std::uint64_t seed)
{
    std::string s(n, '\0');
    for (auto& c : s) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        c = static_cast<char>(seed >> 56);
    }
    return s;
}

std::string hex_boundary()
{
    std::string b;
    for (char c : random_bytes(30, 3)) {
        b += "0123456789abcdef"[static_cast<unsigned char>(c) >> 4];
        b += "0123456789abcdef"[static_cast<unsigned char>(c) & 15];
    }
    return b;
}

struct export_body {
    std::string metadata = random_bytes(4096, 7);
    std::string rootfs = random_bytes(image_size, 11);
    std::string boundary = hex_boundary();  // as LXD makes them: 60 hex digits
    std::string unified;  // the one file
    std::string split;    // multipart/form-data
    std::string unified_fingerprint;
    std::string split_fingerprint;

    export_body()
    {
        unified = metadata + rootfs;
        lxd::sha256 h;
        h.update(unified);
        unified_fingerprint = lxd::to_hex(*h.finish());
        split_fingerprint = unified_fingerprint;  // the same bytes, in the same order
        split = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"; filename=\"meta.tar.xz\"\r\n" +
                "Content-Type: application/octet-stream\r\n\r\n" + metadata + "\r\n--" + boundary +
                "\r\nContent-Disposition: form-data; name=\"rootfs\"; filename=\"rootfs.squashfs\"\r\n" +
                "Content-Type: application/octet-stream\r\n\r\n" + rootfs + "\r\n--" + boundary + "--\r\n";
    }
};

export_body const& body()
{
    static export_body const b;
    return b;
}

response head_of(std::string content_type)
{
    response r;
    r.status = 200;
    r.headers.add("Content-Type", std::move(content_type));
    return r;
}

// Calls `use` with each chunk of `bytes`, copied into a receive buffer first.
template <class Use>
bool for_each_chunk(std::string_view bytes, Use use)
{
    static std::string buffer(chunk_size, '\0');
    for (std::size_t at = 0; at < bytes.size(); at += chunk_size) {
        std::string_view const chunk = bytes.substr(at, chunk_size);
        buffer.assign(chunk);
        if (!use(std::string_view(buffer)))
            return false;
    }
    return true;
}

void read_export(benchmark::State& state, response const& head, std::string_view bytes, std::string const& fingerprint)
{
    for (auto _ : state) {
        std::size_t seen = 0;
        auto reader = lxd::export_reader::create(
            head, [&](lxd::exported_file const&, std::string_view chunk) { seen += chunk.size(); return result<void>{}; },
            {.expected_fingerprint = fingerprint});
        if (reader && !for_each_chunk(bytes, [&](std::string_view chunk) { return bool(reader->write(chunk)); }))
            state.SkipWithError("the export did not read");
        if (!reader || !reader->finish() || seen != body().unified.size())
            state.SkipWithError("the export did not verify");
        benchmark::DoNotOptimize(seen);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body().unified.size()));
}

void sha256_alone(benchmark::State& state)
{
    std::string_view const bytes = body().unified;
    for (auto _ : state) {
        lxd::sha256 h;
        for_each_chunk(bytes, [&](std::string_view chunk) {
            h.update(chunk);
            return true;
        });
        auto d = h.finish();
        benchmark::DoNotOptimize(d);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}
BENCHMARK(sha256_alone)->Unit(benchmark::kMillisecond);

void unified_export(benchmark::State& state)
{
    read_export(state, head_of("application/octet-stream"), body().unified, body().unified_fingerprint);
}
BENCHMARK(unified_export)->Unit(benchmark::kMillisecond);

void split_export(benchmark::State& state)
{
    read_export(state, head_of("multipart/form-data; boundary=" + body().boundary), body().split, body().split_fingerprint);
}
BENCHMARK(split_export)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
