// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Decoding a page of Hetzner images, three ways on the same bytes:
//   cloudimg      bytes straight into the structs (SAX, Describe-driven)
//   dom_parse     Boost.JSON DOM parse only: the cost before any struct is filled
//   sax_null      Boost.JSON basic_parser with a handler that does nothing: the parsing floor
// and cloudimg fed in 4 KiB chunks, as a transport would deliver them.

#include <cloudimg/hetzner.hpp>
#include <cloudimg/json.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>

#include <string>

namespace {

using namespace cloudimg;

std::string make_page(int count)
{
    hetzner::list_images_response page;
    for (int i = 0; i < count; ++i) {
        hetzner::image img{};
        img.id = 9007199254740000 + i;
        img.type = i % 3 == 0 ? hetzner::image_type::system : hetzner::image_type::snapshot;
        img.status = hetzner::image_status::available;
        if (i % 3 == 0)
            img.name = "ubuntu-24.04";
        img.description = "Ubuntu 24.04 Standard 64 bit, image number " + std::to_string(i);
        img.image_size = 2.3 + i;
        img.disk_size = 10;
        img.created = *parse_timestamp("2016-01-30T23:55:00Z");
        if (i % 3 != 0)
            img.created_from = hetzner::created_from_info{1000 + i, "server-" + std::to_string(i)};
        img.os_flavor = hetzner::os_flavor::ubuntu;
        img.os_version = "24.04";
        img.rapid_deploy = i % 2 == 0;
        img.protection.delete_ = false;
        img.labels = {{"environment", "prod"}, {"example.com/my", "label"}, {"just-a-key", ""}};
        img.architecture = hetzner::architecture::x86;
        page.images.push_back(std::move(img));
    }
    page.meta.pagination = {1, count, {}, 2, 4, 4 * count};
    return json::encode(page);
}

std::string const& page_json()
{
    static std::string const s = make_page(50);
    return s;
}

void set_bytes(benchmark::State& state)
{
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(page_json().size()));
    state.counters["doc_bytes"] = static_cast<double>(page_json().size());
}

void cloudimg_decode(benchmark::State& state)
{
    for (auto _ : state) {
        auto r = json::decode<hetzner::list_images_response>(page_json());
        if (!r)
            state.SkipWithError("decode failed");
        benchmark::DoNotOptimize(r);
    }
    set_bytes(state);
}
BENCHMARK(cloudimg_decode);

void cloudimg_decode_chunked_4k(benchmark::State& state)
{
    std::string_view const doc = page_json();
    for (auto _ : state) {
        hetzner::list_images_response page;
        json::decoder d(page);
        for (std::size_t pos = 0; pos < doc.size(); pos += 4096)
            if (!d.write(doc.substr(pos, 4096)))
                state.SkipWithError("decode failed");
        if (!d.finish())
            state.SkipWithError("decode failed");
        benchmark::DoNotOptimize(page);
    }
    set_bytes(state);
}
BENCHMARK(cloudimg_decode_chunked_4k);

void dom_parse(benchmark::State& state)
{
    for (auto _ : state) {
        auto v = boost::json::parse(page_json());
        benchmark::DoNotOptimize(v);
    }
    set_bytes(state);
}
BENCHMARK(dom_parse);

struct null_handler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code&) { return true; }
    bool on_object_end(std::size_t, boost::system::error_code&) { return true; }
    bool on_array_begin(boost::system::error_code&) { return true; }
    bool on_array_end(std::size_t, boost::system::error_code&) { return true; }
    bool on_key_part(boost::json::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_key(boost::json::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_string_part(boost::json::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_string(boost::json::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_int64(std::int64_t, boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_uint64(std::uint64_t, boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_double(double, boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_bool(bool, boost::system::error_code&) { return true; }
    bool on_null(boost::system::error_code&) { return true; }
    bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }
};

void sax_null(benchmark::State& state)
{
    for (auto _ : state) {
        boost::json::basic_parser<null_handler> p({});
        boost::system::error_code ec;
        p.write_some(false, page_json().data(), page_json().size(), ec);
        if (ec)
            state.SkipWithError("parse failed");
    }
    set_bytes(state);
}
BENCHMARK(sax_null);

void cloudimg_encode(benchmark::State& state)
{
    auto const page = *json::decode<hetzner::list_images_response>(page_json());
    for (auto _ : state) {
        auto s = json::encode(page);
        benchmark::DoNotOptimize(s);
    }
    set_bytes(state);
}
BENCHMARK(cloudimg_encode);

} // namespace

BENCHMARK_MAIN();
