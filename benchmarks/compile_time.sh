#!/bin/sh
# Compile time and peak compiler memory of what a user's translation unit
# costs, against nlohmann::json + conversion into the same structs
# (peers/*_nlohmann.hpp):
#   nlohmann: hetzner          decodes a Hetzner page
#   nlohmann: three            decodes a Hetzner, an LXD and a Nova page
#   cloudimg: <provider>       its umbrella header; parse_response of its list endpoint
#   cloudimg: three, all five  the same for Hetzner, LXD and OpenStack, and for all five
#   ... + prepare              also builds the list request (what nlohmann does not do)
#   separately compiled: ...   the same TUs with CLOUDIMG_SEPARATE_COMPILATION
#                              (cloudimg/compiled.hpp): the decoders and request
#                              builders are declared, not compiled, in them
#   once per program: ...      the TU with <cloudimg/<provider>/src.hpp> that compiles them
# CPU time is user + system of the compiler, the median of RUNS rounds; the
# TUs are compiled in turn within each round, so a machine whose speed drifts
# affects them alike. Memory is the peak RSS.
#
#   sh benchmarks/compile_time.sh            # g++, -O2, 3 rounds
#   CXX=clang++ RUNS=5 sh benchmarks/compile_time.sh
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
cxx=${CXX:-g++}
runs=${RUNS:-3}
flags=${CXXFLAGS:--O2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

providers="hetzner lxd oxide metal openstack"
three="hetzner lxd openstack"

# A TU for the providers $2...: their headers, then for each a function that
# decodes its list answer; with $1 = prepare, it also builds the list request.
# With $1 = separate, the TU is of a separately compiled build; $2 is then
# decode or prepare.
cloudimg_tu() {
    if [ "$1" = separate ]; then
        printf '#define CLOUDIMG_SEPARATE_COMPILATION\n'
        shift
    fi
    with=$1
    shift
    for p in "$@"; do printf '#include <cloudimg/%s.hpp>\n' "$p"; done
    printf '#include <cloudimg/response.hpp>\n'
    for p in "$@"; do
        printf 'bool use_%s(cloudimg::response const& r)\n{\n' "$p"
        printf '    auto page = cloudimg::parse_response<cloudimg::%s::list_images>(r);\n' "$p"
        if [ "$with" = prepare ]; then
            printf '    auto req = cloudimg::prepare(cloudimg::%s::config{}, cloudimg::%s::list_images{});\n' "$p" "$p"
            printf '    return req && page;\n}\n'
        else
            printf '    return bool(page);\n}\n'
        fi
    done
}

# The nlohmann peers of the providers $@ (hetzner, lxd, openstack), each decoding its page.
nlohmann_tu() {
    for p in "$@"; do printf '#include "peers/%s_nlohmann.hpp"\n' "$p"; done
    for p in "$@"; do
        case $p in
        hetzner) page=cloudimg::hetzner::list_images_response ;;
        lxd) page='std::vector<cloudimg::lxd::image>' ;;
        openstack) page=cloudimg::openstack::list_images_detail_response ;;
        esac
        printf 'bool use_%s(std::string_view text)\n{\n    %s page;\n    return peers::nl::decode(text, page);\n}\n' \
            "$p" "$page"
    done
}

tus="nlohmann_hetzner nlohmann_three"
nlohmann_tu hetzner >"$work/nlohmann_hetzner.cpp"
nlohmann_tu $three >"$work/nlohmann_three.cpp"
for p in $providers; do
    cloudimg_tu decode "$p" >"$work/$p.cpp"
    tus="$tus $p"
done
cloudimg_tu decode $three >"$work/three.cpp"
cloudimg_tu decode $providers >"$work/all_five.cpp"
tus="$tus three all_five"
for p in $providers; do
    cloudimg_tu prepare "$p" >"$work/${p}_prepare.cpp"
    tus="$tus ${p}_prepare"
done
cloudimg_tu prepare $providers >"$work/all_five_prepare.cpp"
tus="$tus all_five_prepare"
for p in $providers; do
    cloudimg_tu separate decode "$p" >"$work/separate_$p.cpp"
    tus="$tus separate_$p"
done
cloudimg_tu separate decode $providers >"$work/separate_all_five.cpp"
cloudimg_tu separate prepare $providers >"$work/separate_all_five_prepare.cpp"
tus="$tus separate_all_five separate_all_five_prepare"
for p in $providers; do
    printf '#include <cloudimg/%s/src.hpp>\n' "$p" >"$work/src_$p.cpp"
    tus="$tus src_$p"
done

i=0
while [ "$i" -lt "$runs" ]; do
    for tu in $tus; do
        /usr/bin/time -f '%U %S %M' -o "$work/t" \
            "$cxx" -std=c++20 $flags -I"$repo/include" -I"$repo/benchmarks" -c "$work/$tu.cpp" -o "$work/$tu.o"
        awk '{ printf "%.2f %d\n", $1 + $2, $3 / 1024 }' "$work/t" >>"$work/$tu.times"
    done
    i=$((i + 1))
done

# median of column $2 of file $1
median() { awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

label() {
    case $1 in
    nlohmann_hetzner) echo "nlohmann + conversion: Hetzner page" ;;
    nlohmann_three) echo "nlohmann + conversion: Hetzner, LXD and Nova pages" ;;
    three) echo "cloudimg: hetzner, lxd, openstack" ;;
    separate_all_five) echo "separately compiled: all five" ;;
    separate_all_five_prepare) echo "separately compiled: all five + prepare" ;;
    separate_*) echo "separately compiled: ${1#separate_}" ;;
    src_*) echo "once per program: ${1#src_}/src.hpp" ;;
    all_five) echo "cloudimg: all five" ;;
    all_five_prepare) echo "cloudimg: all five + prepare" ;;
    *_prepare) echo "cloudimg: ${1%_prepare} + prepare" ;;
    *) echo "cloudimg: $1" ;;
    esac
}

echo "$("$cxx" --version | head -n 1), $flags, median of $runs rounds"
echo
echo "| translation unit | CPU time | relative to nlohmann (Hetzner page) | peak memory |"
echo "|---|---|---|---|"
base=$(median "$work/nlohmann_hetzner.times" 1)
for tu in $tus; do
    cpu=$(median "$work/$tu.times" 1)
    echo "| $(label "$tu") | $cpu s | $(awk -v a="$cpu" -v b="$base" 'BEGIN { printf "%.2f", a / b }') | $(median "$work/$tu.times" 2) MiB |"
done
