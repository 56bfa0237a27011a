// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Decoding pages of images, every way side by side on the same bytes, into
// the same structs. Hetzner (5, 50, 500 and 5,000 images a page):
//   cloudimg            bytes straight into the structs (SAX, Describe-driven)
//   cloudimg_chunked_4k the same, fed in 4 KiB chunks as a transport delivers them
//   handwritten         a boost::json::basic_parser handler written for this page
//                       (peers/hetzner_handwritten.hpp): the floor on the same parser
//   nlohmann            nlohmann::json::parse + conversion (peers/*_nlohmann.hpp),
//                       how openapi-generator's C++ clients decode
//   simdjson_ondemand   simdjson On-Demand into the structs (peers/hetzner_simdjson.hpp)
//   simdjson_dom        simdjson's DOM parse alone, no struct filled
//   boost_dom           boost::json::parse alone, no struct filled
//   sax_null            basic_parser with a handler that does nothing: the parsing floor
// LXD (GET /1.0/images?recursion=1, the envelope included: parse_response) and
// OpenStack (GET /images/detail), 50 and 500 images: cloudimg and nlohmann.
// Before timing, every decoder's structs are checked equal to cloudimg's (by
// encoding both). items_per_second counts images.

#include "peers/hetzner_handwritten.hpp"
#include "peers/hetzner_nlohmann.hpp"
#include "peers/hetzner_simdjson.hpp"
#include "peers/lxd_nlohmann.hpp"
#include "peers/openstack_nlohmann.hpp"

#include <cloudimg/hetzner.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/lxd.hpp>
#include <cloudimg/openstack.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <simdjson.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using namespace cloudimg;

timestamp at(std::string_view text) { return *parse_timestamp(text); }

// Servers do not send keys in the order cloudimg declares members. Each
// object whose keys all appear in one of `orders` is rewritten in that
// order; the others (maps, envelopes) stay as they are.
std::string in_wire_order(std::string const& text, std::initializer_list<std::initializer_list<std::string_view>> orders)
{
    auto reorder = [&](auto& self, boost::json::value& v) -> void {
        if (auto* a = v.if_array()) {
            for (auto& e : *a)
                self(self, e);
            return;
        }
        auto* o = v.if_object();
        if (!o)
            return;
        for (auto& member : *o)
            self(self, member.value());
        for (auto const& order : orders) {
            auto in_order = [&](auto const& member) {
                return std::find(order.begin(), order.end(), std::string_view(member.key())) != order.end();
            };
            if (!std::all_of(o->begin(), o->end(), in_order))
                continue;
            boost::json::object ordered;
            for (std::string_view k : order)
                if (auto* value = o->if_contains(k))
                    ordered.emplace(k, std::move(*value));
            *o = std::move(ordered);
            return;
        }
    };
    auto v = boost::json::parse(text);
    reorder(reorder, v);
    return boost::json::serialize(v);
}

std::string make_page(std::type_identity<hetzner::list_images_response>, int count)
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
        img.created = at("2016-01-30T23:55:00Z");
        if (i % 3 != 0)
            img.created_from = hetzner::created_from_info{1000 + i, "server-" + std::to_string(i)};
        img.os_flavor = hetzner::os_flavor::ubuntu;
        img.os_version = "24.04";
        img.rapid_deploy = i % 2 == 0;
        img.protection.delete_ = false;
        img.labels = {{"environment", "prod"}, {"example.com/my", "label"}, {"just-a-key", ""}};
        img.architecture = hetzner::architecture::x86;
        if (i % 5 == 0) {
            img.deprecated = at("2026-01-30T23:55:00Z");
            img.deprecation = hetzner::deprecation_info{at("2026-04-30T00:00:00Z"),
                                                        at("2026-01-30T23:55:00Z")};
        }
        page.images.push_back(std::move(img));
    }
    page.meta.pagination = {1, count, {}, 2, 4, 4 * count};
    return json::encode(page);
}

// LXD's answer to GET /1.0/images?recursion=1 on a host that caches
// distribution images: aliases, properties, auto-update sources, Go's
// nanosecond times and its zero time for "never"; keys in Go's struct order,
// the embedded ImagePut's first (as tests/data/lxd/responses/images_recursion1.http
// shows), map keys sorted.
std::string make_page(std::type_identity<std::vector<lxd::image>>, int count)
{
    std::vector<lxd::image> images;
    for (int i = 0; i < count; ++i) {
        lxd::image img{};
        std::string const n = std::to_string(i);
        bool const cached = i % 2 == 0;
        img.aliases = std::vector<lxd::image_alias>{{"ubuntu/24.04/" + n, "Ubuntu noble amd64 (" + n + ")"}};
        img.architecture = "x86_64";
        img.auto_update = cached;
        img.cached = cached;
        img.created_at = at("2026-11-20T00:00:00Z");
        img.expires_at = at("1970-01-01T00:00:00Z");
        img.filename = "ubuntu-24.04-server-cloudimg-amd64-lxd-" + n + ".tar.xz";
        img.fingerprint = std::string(64 - n.size(), 'a') + n;
        img.last_used_at = at(i % 3 == 0 ? "2026-12-01T10:11:12.345678901Z" : "0001-01-01T00:00:00Z");
        img.profiles = std::vector<std::string>{"default"};
        img.properties = lxd::string_map{{"architecture", "amd64"},
                                         {"description", "Ubuntu noble amd64 (20261120_07:42)"},
                                         {"os", "Ubuntu"},
                                         {"release", "noble"},
                                         {"serial", "20261120_07:42"},
                                         {"type", "squashfs"},
                                         {"variant", "cloud"}};
        img.public_ = false;
        img.size = 124'000'000 + i;
        img.type = i % 4 == 0 ? lxd::image_type::virtual_machine : lxd::image_type::container;
        if (cached)
            img.update_source = lxd::image_source{"ubuntu/24.04", "", lxd::image_protocol::simplestreams,
                                                  "https://images.lxd.canonical.com", {}, {}};
        img.uploaded_at = at("2026-11-22T20:27:39.791308709Z");
        images.push_back(std::move(img));
    }
    return R"({"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,"error":"","metadata":)" +
           in_wire_order(json::encode(images),
                         {{"auto_update", "properties", "public", "expires_at", "profiles", "aliases", "architecture",
                           "cached", "filename", "fingerprint", "size", "update_source", "type", "created_at",
                           "last_used_at", "uploaded_at", "project"}}) +
           "}";
}

// Nova's GET /images/detail, each image shaped like the official sample:
// three links, Glance properties as metadata, snapshots with their server;
// keys in the order Nova's view builder (nova/api/openstack/compute/views/images.py)
// puts them in its dicts (the official samples are sorted by the tests that make them).
std::string make_page(std::type_identity<openstack::list_images_detail_response>, int count)
{
    openstack::list_images_detail_response page;
    auto links = [](std::string const& path) {
        return std::vector<openstack::link>{
            {"http://openstack.example.com/v2/6f70656e737461636b20342065766572/" + path, "self"},
            {"http://openstack.example.com/6f70656e737461636b20342065766572/" + path, "bookmark"},
            {"http://glance.openstack.example.com/" + path, "alternate", "application/vnd.openstack.image"}};
    };
    for (int i = 0; i < count; ++i) {
        openstack::image img{};
        std::string const n = std::to_string(100000 + i);
        bool const snapshot = i % 3 == 0;
        if (i % 2 == 0)
            img.disk_config = openstack::disk_config::auto_;
        img.size = 25'165'824 + i;
        img.created = at("2011-01-01T01:02:03Z");
        img.id = "155d900f-4e14-4e4c-a73d-069cbf" + n;
        img.links = links("images/" + img.id);
        img.metadata = {{"architecture", "x86_64"}, {"kernel_id", "nokernel"}, {"ramdisk_id", "nokernel"},
                        {"os_distro", "ubuntu"},    {"os_version", "24.04"},   {"hw_disk_bus", "virtio"}};
        if (snapshot)
            img.metadata.emplace("image_type", "snapshot");
        img.min_disk = 20;
        img.min_ram = 512;
        img.name = "fakeimage" + n;
        img.progress = 100;
        if (snapshot) {  // a server's links: self and bookmark (no Glance alternate)
            auto server_links = links("servers/" + n);
            server_links.pop_back();
            img.server = openstack::image_server{"aa8e5b8a-6f04-4a8c-a4ea-1c41ca" + n, std::move(server_links)};
        }
        img.status = openstack::image_status::active;
        img.updated = at("2011-01-01T01:02:03Z");
        page.images.push_back(std::move(img));
    }
    page.images_links = std::vector<openstack::link>{
        {"http://openstack.example.com/v2/images/detail?limit=" + std::to_string(count) + "&marker=" +
             page.images.back().id,
         "next"}};
    return in_wire_order(json::encode(page), {{"id", "name", "minRam", "minDisk", "metadata", "created", "updated", "status",
                                               "progress", "OS-EXT-IMG-SIZE:size", "links", "server", "OS-DCF:diskConfig"},
                                              {"rel", "type", "href"}});
}

// cloudimg's decoding of each page, as a user calls it: an LXD body through
// parse_response (the envelope is part of it), the others straight into the page.
bool cloudimg_decode_page(response const& wire, std::vector<lxd::image>& page)
{
    auto r = parse_response<lxd::list_images>(wire);
    if (!r)
        return false;
    page = std::move(*r);
    return true;
}
template <class Page>
bool cloudimg_decode_page(response const& wire, Page& page)
{
    return bool(json::decode_into(wire.body, page));
}

// One document per page type and size, made once; simdjson's copy carries its padding.
struct document {
    response wire;   // status 200 and the body
    simdjson::padded_string padded;
    std::string expected;  // cloudimg's structs, encoded: what every decoder must produce

    std::string_view text() const noexcept { return wire.body; }
};

template <class Page>
document const& page_json(std::int64_t count)
{
    static std::map<std::int64_t, document> docs;
    auto [it, fresh] = docs.try_emplace(count);
    if (fresh) {
        document& doc = it->second;
        doc.wire.status = 200;
        doc.wire.body = make_page(std::type_identity<Page>{}, static_cast<int>(count));
        doc.padded = simdjson::padded_string(doc.wire.body);
        Page page;
        if (cloudimg_decode_page(doc.wire, page))
            doc.expected = json::encode(page);
    }
    return it->second;
}

// Run `decode(doc, page)` on the page of state.range(0) images: checked once, then timed.
template <class Page, class Decode>
void run(benchmark::State& state, Decode decode)
{
    document const& doc = page_json<Page>(state.range(0));
    {
        Page page;
        if (doc.expected.empty() || !decode(doc, page) || json::encode(page) != doc.expected) {
            state.SkipWithError("the decoder's structs differ from cloudimg's");
            return;
        }
    }
    for (auto _ : state) {
        Page page;
        bool const ok = decode(doc, page);
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(page);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(doc.text().size()));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

using hetzner_page = hetzner::list_images_response;
using lxd_page = std::vector<lxd::image>;
using openstack_page = openstack::list_images_detail_response;

void sizes(benchmark::internal::Benchmark* b)
{
    b->Arg(5)->Arg(50)->Arg(500)->Arg(5000);
}

// Besides the median, the fastest repetition ("_min"): on a shared machine
// other tenants only ever add time, so the minimum is the least disturbed
// reading of each decoder.
void with_minimum(benchmark::internal::Benchmark* b)
{
    b->ComputeStatistics("min", [](std::vector<double> const& v) { return *std::min_element(v.begin(), v.end()); });
}

template <class Page>
void cloudimg_decode(benchmark::State& state)
{
    run<Page>(state, [](document const& doc, Page& page) { return cloudimg_decode_page(doc.wire, page); });
}
BENCHMARK(cloudimg_decode<hetzner_page>)->Name("hetzner/cloudimg")->Apply(sizes)->Apply(with_minimum);
BENCHMARK(cloudimg_decode<lxd_page>)->Name("lxd/cloudimg")->Arg(50)->Arg(500)->Apply(with_minimum);
BENCHMARK(cloudimg_decode<openstack_page>)->Name("openstack/cloudimg")->Arg(50)->Arg(500)->Apply(with_minimum);

void cloudimg_chunked_4k(benchmark::State& state)
{
    run<hetzner_page>(state, [](document const& doc, hetzner_page& page) {
        std::string_view const text = doc.text();
        json::decoder d(page);
        for (std::size_t pos = 0; pos < text.size(); pos += 4096)
            if (!d.write(text.substr(pos, 4096)))
                return false;
        return bool(d.finish());
    });
}
BENCHMARK(cloudimg_chunked_4k)->Name("hetzner/cloudimg_chunked_4k")->Arg(50)->Apply(with_minimum);

void handwritten(benchmark::State& state)
{
    run<hetzner_page>(state, [](document const& doc, hetzner_page& page) {
        return peers::decode_handwritten(doc.text(), page);
    });
}
BENCHMARK(handwritten)->Name("hetzner/handwritten")->Apply(sizes)->Apply(with_minimum);

template <class Page>
void nlohmann(benchmark::State& state)
{
    run<Page>(state, [](document const& doc, Page& page) { return peers::nl::decode(doc.text(), page); });
}
BENCHMARK(nlohmann<hetzner_page>)->Name("hetzner/nlohmann")->Apply(sizes)->Apply(with_minimum);
BENCHMARK(nlohmann<lxd_page>)->Name("lxd/nlohmann")->Arg(50)->Arg(500)->Apply(with_minimum);
BENCHMARK(nlohmann<openstack_page>)->Name("openstack/nlohmann")->Arg(50)->Arg(500)->Apply(with_minimum);

void simdjson_ondemand(benchmark::State& state)
{
    peers::sj::ondemand_decoder decoder;
    run<hetzner_page>(state, [&](document const& doc, hetzner_page& page) {
        return decoder.decode({doc.padded.data(), doc.padded.size()}, page);
    });
}
BENCHMARK(simdjson_ondemand)->Name("hetzner/simdjson_ondemand")->Apply(sizes)->Apply(with_minimum);

// The parsers alone: no struct is filled, so there is nothing to compare.
template <class Parse>
void parse_only(benchmark::State& state, Parse parse)
{
    document const& doc = page_json<hetzner_page>(state.range(0));
    for (auto _ : state) {
        bool const ok = parse(doc);
        if (!ok)
            state.SkipWithError("parse failed");
        benchmark::DoNotOptimize(ok);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(doc.text().size()));
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
BENCHMARK(simdjson_dom)->Name("hetzner/simdjson_dom")->Arg(50)->Apply(with_minimum);

void boost_dom(benchmark::State& state)
{
    parse_only(state, [](document const& doc) {
        boost::system::error_code ec;
        auto v = boost::json::parse(doc.text(), ec);
        benchmark::DoNotOptimize(v);
        return !ec;
    });
}
BENCHMARK(boost_dom)->Name("hetzner/boost_dom")->Arg(50)->Apply(with_minimum);

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
        p.write_some(false, doc.text().data(), doc.text().size(), ec);
        return !ec;
    });
}
BENCHMARK(sax_null)->Name("hetzner/sax_null")->Arg(50)->Apply(with_minimum);

void cloudimg_encode(benchmark::State& state)
{
    document const& doc = page_json<hetzner_page>(state.range(0));
    auto const page = *json::decode<hetzner_page>(doc.text());
    for (auto _ : state) {
        auto s = json::encode(page);
        benchmark::DoNotOptimize(s);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(doc.text().size()));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(cloudimg_encode)->Name("hetzner/cloudimg_encode")->Arg(50)->Apply(with_minimum);

} // namespace

BENCHMARK_MAIN();
