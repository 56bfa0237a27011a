// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Building Hetzner's GET /images with 8 query parameters (9 values):
//   cloudimg_prepare        hetzner::prepare: the whole request (origin, target,
//                           Authorization, Accept and User-Agent, headers checked)
//   handwritten_prepare     the same request written by hand for this endpoint:
//                           the floor (the origin known, one-pass encoding, one check)
//   cloudimg_build_request  the target and origin alone (build_request)
//   boost_url               the target with boost::urls::url, set_path + params().append
// cloudimg_prepare and handwritten_prepare build the same bytes, and boost_url
// the same path and decoded parameters, checked once before timing. (Boost.URL
// leaves `:`, `=`, `,` and parentheses in values unencoded; cloudimg encodes
// them, as Hetzner asks for label selectors.)

#include <cloudimg/hetzner.hpp>

#include <benchmark/benchmark.h>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <string>

namespace {

using namespace cloudimg;

hetzner::list_images const endpoint_value{
    .sort = {hetzner::image_sort::name_desc, hetzner::image_sort::created_asc},
    .type = {hetzner::image_type::snapshot, hetzner::image_type::backup},
    .status = {hetzner::image_status::available},
    .label_selector = "env==prod,tier in (web,db)",
    .architecture = hetzner::architecture::x86,
    .page = 3,
    .per_page = 50,
};

std::string build_with_boost_url()
{
    boost::urls::url u;
    u.set_path("/v1/images");
    auto params = u.params(boost::urls::encoding_opts(false));
    params.append({"sort", "name:desc"});
    params.append({"sort", "created:asc"});
    params.append({"type", "snapshot"});
    params.append({"type", "backup"});
    params.append({"status", "available"});
    params.append({"label_selector", "env==prod,tier in (web,db)"});
    params.append({"architecture", "x86"});
    params.append({"page", "3"});
    params.append({"per_page", "50"});
    return std::string(u.encoded_target());
}

hetzner::config const config{.token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"};

// What a hand-written client does for this one endpoint: nothing is parsed or
// looked up, values are encoded in one pass, and the header values it takes
// from the caller are checked once.
cloudimg::request handwritten_request(hetzner::config const& cfg)
{
    auto encode = [](std::string& out, std::string_view v) {
        static constexpr char hex[] = "0123456789ABCDEF";
        for (char c : v) {
            auto const u = static_cast<unsigned char>(c);
            if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '.' ||
                u == '_' || u == '~') {
                out += c;
            } else {
                out += '%';
                out += hex[u >> 4];
                out += hex[u & 15];
            }
        }
    };
    cloudimg::request r;
    r.origin = "https://api.hetzner.cloud";
    std::string& t = r.target;
    t.reserve(160);
    t = "/v1/images?sort=name%3Adesc&sort=created%3Aasc&type=snapshot&type=backup&status=available&label_selector=";
    encode(t, endpoint_value.label_selector.value());
    t += "&architecture=x86&page=";
    char buf[24];
    t.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, *endpoint_value.page).ptr - buf));
    t += "&per_page=";
    t.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, *endpoint_value.per_page).ptr - buf));
    for (std::string_view v : {std::string_view(cfg.token), std::string_view(cfg.user_agent)})
        for (char c : v)
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
                return {};
    r.headers.reserve(3);
    r.headers.add("Authorization", "Bearer " + cfg.token);
    r.headers.add("Accept", "application/json");
    r.headers.add("User-Agent", cfg.user_agent);
    return r;
}

void cloudimg_prepare(benchmark::State& state)
{
    for (auto _ : state) {
        auto r = hetzner::prepare(config, endpoint_value);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(cloudimg_prepare);

void handwritten_prepare(benchmark::State& state)
{
    for (auto _ : state) {
        auto r = handwritten_request(config);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(handwritten_prepare);

void cloudimg_build_request(benchmark::State& state)
{
    for (auto _ : state) {
        auto r = build_request(endpoint_value, "https://api.hetzner.cloud/v1");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(cloudimg_build_request);

void boost_url_target(benchmark::State& state)
{
    for (auto _ : state) {
        auto s = build_with_boost_url();
        benchmark::DoNotOptimize(s);
    }
}
BENCHMARK(boost_url_target);

} // namespace

int main(int argc, char** argv)
{
    // Both peers must produce the same request, or the comparison means nothing.
    auto mine = build_request(endpoint_value, "https://api.hetzner.cloud/v1");
    std::string const theirs = build_with_boost_url();
    auto same = [&] {
        auto a = boost::urls::parse_origin_form(mine->target);
        auto b = boost::urls::parse_origin_form(theirs);
        if (!a || !b || a->path() != b->path() || a->params().size() != b->params().size())
            return false;
        return std::equal(a->params().begin(), a->params().end(), b->params().begin(),
                          [](auto const& x, auto const& y) { return x.key == y.key && x.value == y.value; });
    };
    if (!mine || !same()) {
        std::fprintf(stderr, "targets differ:\n  cloudimg:  %s\n  boost_url: %s\n", mine ? mine->target.c_str() : "(error)",
                     theirs.c_str());
        return 1;
    }
    auto prepared = hetzner::prepare(config, endpoint_value);
    auto const by_hand = handwritten_request(config);
    auto same_headers = [&] {
        return prepared->headers.size() == by_hand.headers.size() &&
               std::equal(prepared->headers.begin(), prepared->headers.end(), by_hand.headers.begin(),
                          [](auto const& x, auto const& y) { return x.name == y.name && x.value == y.value; });
    };
    if (!prepared || prepared->origin != by_hand.origin || prepared->target != by_hand.target || !same_headers()) {
        std::fprintf(stderr, "requests differ:\n  cloudimg:    %s\n  handwritten: %s\n",
                     prepared ? prepared->url().c_str() : "(error)", by_hand.url().c_str());
        return 1;
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
