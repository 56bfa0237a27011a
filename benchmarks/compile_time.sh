#!/bin/sh
# Compile time and peak compiler memory of what a user's translation unit
# costs: one TU per provider (its umbrella header; prepare a list request and
# parse its response), one TU with all five, and a TU that decodes the Hetzner
# page with nlohmann::json + conversion into the same structs
# (peers/hetzner_nlohmann.hpp) for comparison. CPU time is user + system of
# the compiler, the median of RUNS compilations; memory is its peak RSS.
#
#   sh benchmarks/compile_time.sh            # g++, -O2, 3 runs each
#   CXX=clang++ RUNS=5 sh benchmarks/compile_time.sh
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
cxx=${CXX:-g++}
runs=${RUNS:-3}
flags=${CXXFLAGS:--O2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

providers="hetzner lxd oxide metal openstack"

# The body of a provider's TU: prepare and parse of its list endpoint.
use_provider() {
    p=$1
    cat <<EOT
bool use_$p(cloudimg::response const& r)
{
    auto req = cloudimg::prepare(cloudimg::$p::config{}, cloudimg::$p::list_images{});
    auto page = cloudimg::parse_response<cloudimg::$p::list_images>(r);
    return req && page;
}
EOT
}

for p in $providers; do
    { printf '#include <cloudimg/%s.hpp>\n#include <cloudimg/response.hpp>\n' "$p"; use_provider "$p"; } >"$work/$p.cpp"
done
{
    for p in $providers; do printf '#include <cloudimg/%s.hpp>\n' "$p"; done
    printf '#include <cloudimg/response.hpp>\n'
    for p in $providers; do use_provider "$p"; done
} >"$work/all_five.cpp"
cat >"$work/nlohmann_hetzner.cpp" <<'EOT'
#include "peers/hetzner_nlohmann.hpp"
bool use(std::string_view text)
{
    cloudimg::hetzner::list_images_response page;
    return peers::nl::decode(text, page);
}
EOT

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

measure() {
    tu=$1
    : >"$work/cpu" && : >"$work/rss"
    i=0
    while [ "$i" -lt "$runs" ]; do
        /usr/bin/time -f '%U %S %M' -o "$work/t" \
            "$cxx" -std=c++20 $flags -I"$repo/include" -I"$repo/benchmarks" -c "$work/$tu.cpp" -o "$work/$tu.o"
        awk '{ printf "%.2f\n", $1 + $2 }' "$work/t" >>"$work/cpu"
        awk '{ printf "%d\n", $3 / 1024 }' "$work/t" >>"$work/rss"
        i=$((i + 1))
    done
    echo "$(median <"$work/cpu") $(median <"$work/rss")"
}

echo "$("$cxx" --version | head -n 1), $flags, median of $runs"
echo
echo "| translation unit | CPU time | relative to nlohmann | peak memory |"
echo "|---|---|---|---|"
set -- $(measure nlohmann_hetzner)
base_cpu=$1
echo "| nlohmann + conversion, Hetzner page | $1 s | 1.00 | $2 MiB |"
for tu in $providers all_five; do
    set -- $(measure "$tu")
    echo "| cloudimg: $tu | $1 s | $(awk -v a="$1" -v b="$base_cpu" 'BEGIN { printf "%.2f", a / b }') | $2 MiB |"
done
