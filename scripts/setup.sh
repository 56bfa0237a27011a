#!/bin/sh
# Copyright (c) 2026 The cloudimg authors.
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#
# Set up a fresh Debian 12 machine, build cloudimg, and run the demo or the tests.
#
#   sh scripts/setup.sh demo [BUILD_DIR]   # the five-cloud image inventory against local peers
#   sh scripts/setup.sh test [BUILD_DIR]   # every test, with ctest (g++); then the suite
#                                          # again with clang under ASan + UBSan, in
#                                          # BUILD_DIR/asan, all but the LXD daemon and
#                                          # packaging tests
#
# Run it as root (or with sudo on PATH): it installs the Debian packages that are
# missing, and only those. BUILD_DIR defaults to ./build in the repository; the
# Prism mock server (npm @stoplight/prism-cli) is installed inside it.
# Environment: CLOUDIMG_BUILD_TYPE (Release, at -O2 with assertions on), CLOUDIMG_JOBS (nproc),
# CLOUDIMG_TEST_TIMEOUT (seconds per test without a timeout of its own, 600),
# CLOUDIMG_SANITIZERS (1; 0 skips the clang sanitizer build).

set -eu

usage() {
    echo "usage: sh scripts/setup.sh demo|test [BUILD_DIR]" >&2
    exit 2
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    usage
fi
mode=$1
case $mode in
    demo|test) ;;
    *) usage ;;
esac

# Everything below is relative to the repository root, wherever this is run from.
cd "$(dirname "$0")/.."
repo=$(pwd)

prism_version=5.14.2
build_type=${CLOUDIMG_BUILD_TYPE:-Release}
jobs=${CLOUDIMG_JOBS:-$(nproc 2>/dev/null || echo 2)}
test_timeout=${CLOUDIMG_TEST_TIMEOUT:-600}
sanitizers=${CLOUDIMG_SANITIZERS:-1}

# Each line says how long the script has run: the test mode's stages are
# what the CI time budget is made of.
started=$(date +%s)
log() {
    echo "setup.sh: [$(( $(date +%s) - started ))s] $*"
}

# The demo keeps the console short: apt's, npm's and the build's output go to
# a log file, named (with its tail) if a step fails. Test mode prints as before.
# quiet DESCRIPTION COMMAND...: run COMMAND, into the log in demo mode.
setup_log=
quiet() {
    what=$1
    shift
    if [ -z "$setup_log" ]; then
        "$@"
        return
    fi
    log "$what (output in $setup_log)"
    "$@" >>"$setup_log" 2>&1 &
    pid=$!
    trap 'kill "$pid" 2>/dev/null; exit 130' INT TERM HUP
    waited=0
    while kill -0 "$pid" 2>/dev/null; do
        sleep 1
        waited=$((waited + 1))
        [ $((waited % 10)) -ne 0 ] || printf '\r          ... %ss' "$waited"
    done
    [ "$waited" -lt 10 ] || printf '\n'
    status=0
    wait "$pid" || status=$?
    trap - INT TERM HUP
    if [ "$status" -ne 0 ]; then
        echo "setup.sh: $what failed; the last lines of $setup_log:" >&2
        tail -n 30 "$setup_log" >&2
        exit 1
    fi
}
if [ "$mode" = demo ]; then
    mkdir -p "${2:-build}"
    setup_log=$(cd "${2:-build}" && pwd)/setup.log
    : >"$setup_log"
fi

# ------------------------------------------------------------------ Debian packages

# Build tools, Boost 1.81 (JSON, URL; Describe and Mp11 come with libboost1.81-dev),
# libcurl for the curl transports, OpenSSL's libcrypto for request signing,
# libuv for the event-loop transport, GoogleTest and Google Benchmark, and the
# JSON libraries the benchmarks measure cloudimg against (nlohmann, simdjson).
packages="cmake g++ make
libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
libcurl4-openssl-dev libssl-dev libuv1-dev
libgtest-dev libbenchmark-dev nlohmann-json3-dev libsimdjson-dev"

# The LXD integration tests run a private LXD daemon (Debian's lxd 5.0.2) in its
# own network namespace (iproute2 brings lo up there) and build test images with
# tar, xz and mksquashfs.
# The demo starts the same private daemon with two generated images.
# The sanitizer build uses clang (Debian's clang, with its ASan and UBSan runtimes).
packages="$packages lxd squashfs-tools iproute2 xz-utils"
if [ "$mode" = test ] && [ "$sanitizers" = 1 ]; then
    packages="$packages clang"
fi

# Prism needs Node.js and npm. A newer Node from elsewhere is fine (Debian's is 18),
# so Debian's packages are added only when the commands are missing.
command -v node >/dev/null 2>&1 || packages="$packages nodejs"
command -v npm >/dev/null 2>&1 || packages="$packages npm"

missing=
for p in $packages; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = installed ] || missing="$missing $p"
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        as_root=
    elif command -v sudo >/dev/null 2>&1; then
        as_root=sudo
    else
        echo "setup.sh: missing packages:$missing; run this script as root to install them" >&2
        exit 1
    fi
    log "installing:$missing"
    quiet "apt-get update" $as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    # shellcheck disable=SC2086  # one word per package
    quiet "apt-get install" $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
else
    log "all Debian packages are installed"
fi

# ------------------------------------------------------------------ build tree and Prism

build=${2:-build}
mkdir -p "$build"
# Absolute, because the path of Prism is compiled into the tests and the demo.
build=$(cd "$build" && pwd)

prism_dir=$build/prism
prism=$prism_dir/node_modules/.bin/prism
# scripts/prism/package-lock.json pins Prism's whole dependency tree: with only
# prism-cli pinned, its own @stoplight dependencies float to releases that need a
# newer Node (seen with Debian's npm 9 and Node 18). npm ci installs exactly the
# lock; a changed lock reinstalls.
if [ ! -x "$prism" ] || ! cmp -s scripts/prism/package-lock.json "$prism_dir/package-lock.json"; then
    log "installing @stoplight/prism-cli@$prism_version (scripts/prism/package-lock.json) into $prism_dir"
    mkdir -p "$prism_dir"
    cp scripts/prism/package.json scripts/prism/package-lock.json "$prism_dir/"
    quiet "npm ci" npm ci --no-audit --no-fund --prefix "$prism_dir"
fi
[ -x "$prism" ] || { echo "setup.sh: $prism is missing after npm ci" >&2; exit 1; }
installed=$("$prism" --version 2>/dev/null || true)
[ "$installed" = "$prism_version" ] || { echo "setup.sh: $prism reports version '$installed', not $prism_version" >&2; exit 1; }

# ------------------------------------------------------------------ configure and build

# g++ here; the test mode's second build is clang's. Release is -O2 without
# debug information (a third less compile time than RelWithDebInfo for these
# template-heavy tests) and without -DNDEBUG, so assertions stay on.
[ -n "$setup_log" ] || log "configuring $build ($build_type, g++)"
quiet "configuring $build ($build_type, g++)" cmake -S "$repo" -B "$build" \
    -DCMAKE_BUILD_TYPE="$build_type" \
    -DCMAKE_CXX_FLAGS_RELEASE="-O2" \
    -DCMAKE_CXX_COMPILER=g++ \
    -DCLOUDIMG_PRISM_EXECUTABLE="$prism"

case $mode in
    demo)
        quiet "building the inventory and hetzner_demo with $jobs jobs" \
            cmake --build "$build" --target inventory hetzner_demo -j "$jobs"
        # inventory --local starts the Prism mocks and the LXD daemon, and stops
        # them by their process group ids when it ends or is interrupted.
        log "running the inventory of five clouds (examples/inventory --local)"
        exec "$build/examples/inventory" --local
        ;;
    test)
        log "building with $jobs jobs"
        cmake --build "$build" -j "$jobs"
        log "running the tests"
        ctest --test-dir "$build" --output-on-failure -j "$jobs" --timeout "$test_timeout"
        [ "$sanitizers" = 1 ] || exit 0

        # The whole suite again with clang, under AddressSanitizer +
        # UndefinedBehaviorSanitizer at -O0 (for these template-heavy tests
        # half the compile time of -O1, and they run quickly): every test
        # target (conformance, the per-header and hostile-macro translation
        # units, the -fno-exceptions -fno-rtti programs, the Prism integration
        # tests) and the examples, with the same warnings as errors as the
        # g++ build.
        # It runs every test but those that do not depend on the compiler or
        # repeat the slowest real-daemon runs: the private LXD daemon
        # (integration_lxd_daemon*, integration_inventory), the install and
        # packaging tests (consumer_*, packaging_*: separate CMake projects,
        # already built and run above), and two of the four extra transport
        # runs of each Prism suite (_uv and _asio; the libcurl run and the
        # Asio run with coroutines stay, and the transports' own tests run).
        # Without the Asio adapter for now: clang 14 cannot assemble the C++20
        # coroutines of its tests under ASan ("Cannot represent a difference
        # across sections", at -O0 and -g0 alike); its headers still compile
        # here (per-header TUs), and g++ builds and runs all of it above.
        asan=$build/asan
        asan_skipped='^(consumer_|packaging_|integration_lxd_daemon|integration_inventory$|integration_.*_(uv|asio)$)'
        sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
        log "configuring $asan (clang, ASan + UBSan)"
        cmake -S "$repo" -B "$asan" \
            -DCMAKE_BUILD_TYPE=Sanitize \
            -DCMAKE_CXX_COMPILER=clang++ \
            -DCMAKE_CXX_FLAGS_SANITIZE="-O0 -g1 $sanitize" \
            -DCMAKE_EXE_LINKER_FLAGS_SANITIZE="$sanitize" \
            -DCLOUDIMG_BUILD_BENCHMARKS=OFF \
            -DCLOUDIMG_WITH_ASIO=OFF \
            -DCLOUDIMG_PRISM_EXECUTABLE="$prism"
        log "building the clang suite with $jobs jobs"
        cmake --build "$asan" -j "$jobs"
        log "running the clang tests (all but $asan_skipped)"
        ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1} \
        UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
            exec ctest --test-dir "$asan" -E "$asan_skipped" --output-on-failure -j "$jobs" --timeout "$test_timeout"
        ;;
esac
