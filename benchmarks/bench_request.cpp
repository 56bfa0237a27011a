// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Building the same GET /images request target two ways:
//   cloudimg   reflection over the endpoint, one pre-sized string
//   boost_url  boost::urls::url with set_path + params().append per parameter
// Both produce the same request: the same path and the same decoded query
// parameters in the same order, checked once before timing. (The bytes differ:
// cloudimg also percent-encodes `:`, `=`, `,` and parentheses in values, which
// Boost.URL leaves as they are; Hetzner asks for label selectors encoded.)

#include <cloudimg/hetzner.hpp>

#include <benchmark/benchmark.h>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
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

void cloudimg_build_request(benchmark::State& state)
{
    for (auto _ : state) {
        auto r = build_request(endpoint_value, "https://api.hetzner.cloud/v1");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(cloudimg_build_request);

void cloudimg_prepare_with_headers(benchmark::State& state)
{
    hetzner::config const cfg{.token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"};
    for (auto _ : state) {
        auto r = hetzner::prepare(cfg, endpoint_value);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(cloudimg_prepare_with_headers);

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
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
