// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Decoding a page of Hetzner images (5, 50, 500 and 5,000 of them), every
// way side by side on the same bytes, into the same structs:
//   cloudimg            bytes straight into the structs (SAX, Describe-driven)
//   cloudimg_chunked_4k the same, fed in 4 KiB chunks as a transport delivers them
//   handwritten         a boost::json::basic_parser handler written for this page
//                       (peers/hetzner_handwritten.hpp): the floor on the same parser
//   nlohmann            nlohmann::json::parse + conversion (peers/hetzner_nlohmann.hpp),
//                       how openapi-generator's C++ clients decode
//   simdjson_ondemand   simdjson On-Demand into the structs (peers/hetzner_simdjson.hpp)
//   simdjson_dom        simdjson's DOM parse alone, no struct filled
//   boost_dom           boost::json::parse alone, no struct filled
//   sax_null            basic_parser with a handler that does nothing: the parsing floor
// Before timing, every decoder's structs are checked equal to cloudimg's (by
// encoding both). items_per_second counts images.

#include "peers/hetzner_handwritten.hpp"
#include "peers/hetzner_nlohmann.hpp"
#include "peers/hetzner_simdjson.hpp"

#include <cloudimg/hetzner.hpp>
#include <cloudimg/json.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <simdjson.h>

#include <map>
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
        if (i % 5 == 0) {
            img.deprecated = *parse_timestamp("2026-01-30T23:55:00Z");
            img.deprecation = hetzner::deprecation_info{*parse_timestamp("2026-04-30T00:00:00Z"),
                                                        *parse_timestamp("2026-01-30T23:55:00Z")};
        }
        page.images.push_back(std::move(img));
    }
    page.meta.pagination = {1, count, {}, 2, 4, 4 * count};
    return json::encode(page);
}

// One document per size, made once; simdjson's copy carries its padding.
struct document {
    std::string text;
    simdjson::padded_string padded;
    std::string expected;  // cloudimg's structs, encoded: what every decoder must produce
};

document const& page_json(std::int64_t count)
{
    static std::map<std::int64_t, document> docs;
    auto [it, fresh] = docs.try_emplace(count);
    if (fresh) {
        it->second.text = make_page(static_cast<int>(count));
        it->second.padded = simdjson::padded_string(it->second.text);
        it->second.expected = json::encode(*json::decode<hetzner::list_images_response>(it->second.text));
    }
    return it->second;
}

// Run `decode(text, page)` on the page of state.range(0) images: checked once, then timed.
template <class Decode>
void run(benchmark::State& state, Decode decode)
{
    document const& doc = page_json(state.range(0));
    {
        hetzner::list_images_response page;
        if (!decode(doc, page) || json::encode(page) != doc.expected) {
            state.SkipWithError("the decoder's structs differ from cloudimg's");
            return;
        }
    }
    for (auto _ : state) {
        hetzner::list_images_response page;
        bool const ok = decode(doc, page);
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(page);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(doc.text.size()));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void sizes(benchmark::internal::Benchmark* b)
{
    b->Arg(5)->Arg(50)->Arg(500)->Arg(5000);
}

void cloudimg_decode(benchmark::State& state)
{
    run(state, [](document const& doc, hetzner::list_images_response& page) {
        return bool(json::decode_into(doc.text, page));
    });
}
BENCHMARK(cloudimg_decode)->Apply(sizes);

void cloudimg_chunked_4k(benchmark::State& state)
{
    run(state, [](document const& doc, hetzner::list_images_response& page) {
        std::string_view const text = doc.text;
        json::decoder d(page);
        for (std::size_t pos = 0; pos < text.size(); pos += 4096)
            if (!d.write(text.substr(pos, 4096)))
                return false;
        return bool(d.finish());
    });
}
BENCHMARK(cloudimg_chunked_4k)->Arg(50);

void handwritten(benchmark::State& state)
{
    run(state, [](document const& doc, hetzner::list_images_response& page) {
        return peers::decode_handwritten(doc.text, page);
    });
}
BENCHMARK(handwritten)->Apply(sizes);

void nlohmann(benchmark::State& state)
{
    run(state, [](document const& doc, hetzner::list_images_response& page) { return peers::nl::decode(doc.text, page); });
}
BENCHMARK(nlohmann)->Apply(sizes);

void simdjson_ondemand(benchmark::State& state)
{
    peers::sj::ondemand_decoder decoder;
    run(state, [&](document const& doc, hetzner::list_images_response& page) {
        return decoder.decode({doc.padded.data(), doc.padded.size()}, page);
    });
}
BENCHMARK(simdjson_ondemand)->Apply(sizes);

// The parsers alone: no struct is filled, so there is nothing to compare.
template <class Parse>
void parse_only(benchmark::State& state, Parse parse)
{
    document const& doc = page_json(state.range(0));
    for (auto _ : state) {
        bool const ok = parse(doc);
        if (!ok)
            state.SkipWithError("parse failed");
        benchmark::DoNotOptimize(ok);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(doc.text.size()));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void simdjson_dom(benchmark::State& state)
{
    simdjson::dom::parser parser;
    parse_only(state, [&](document const& doc) {
        simdjson::dom::element root;
        return parser.parse(doc.padded).get(root) == simdjson::SUCCESS;
    });
}
BENCHMARK(simdjson_dom)->Arg(50);

void boost_dom(benchmark::State& state)
{
    parse_only(state, [](document const& doc) {
        boost::system::error_code ec;
        auto v = boost::json::parse(doc.text, ec);
        benchmark::DoNotOptimize(v);
        return !ec;
    });
}
BENCHMARK(boost_dom)->Arg(50);

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
    parse_only(state, [](document const& doc) {
        boost::json::basic_parser<null_handler> p({});
        boost::system::error_code ec;
        p.write_some(false, doc.text.data(), doc.text.size(), ec);
        return !ec;
    });
}
BENCHMARK(sax_null)->Arg(50);

void cloudimg_encode(benchmark::State& state)
{
    document const& doc = page_json(state.range(0));
    auto const page = *json::decode<hetzner::list_images_response>(doc.text);
    for (auto _ : state) {
        auto s = json::encode(page);
        benchmark::DoNotOptimize(s);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(doc.text.size()));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(cloudimg_encode)->Arg(50);

} // namespace

BENCHMARK_MAIN();
