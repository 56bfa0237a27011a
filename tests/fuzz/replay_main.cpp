// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Runs a fuzz target without libFuzzer: every file under the given
// directories whose name ends in one of the `--ext=<suffix>` arguments
// (default .json), whole and with deterministic mutations (every truncation
// point, byte flips, deleted and duplicated bytes), each with several split
// points. A violated property aborts, which fails the ctest.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size);

namespace {

std::size_t runs = 0;

void run(std::string const& body, std::uint8_t split_seed)
{
    std::string input(1, static_cast<char>(split_seed));
    input += body;
    LLVMFuzzerTestOneInput(reinterpret_cast<std::uint8_t const*>(input.data()), input.size());
    ++runs;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> extensions;
    std::vector<std::filesystem::path> directories;
    for (int i = 1; i < argc; ++i) {
        std::string_view const arg = argv[i];
        if (arg.starts_with("--ext="))
            extensions.emplace_back(arg.substr(6));
        else
            directories.emplace_back(arg);
    }
    if (extensions.empty())
        extensions.emplace_back(".json");
    auto wanted = [&](std::filesystem::path const& p) {
        std::string const name = p.filename().string();
        for (auto const& e : extensions)
            if (name.ends_with(e))
                return true;
        return false;
    };
    std::vector<std::string> corpus;
    for (auto const& dir : directories)
        for (auto const& entry : std::filesystem::recursive_directory_iterator(dir))
            if (entry.is_regular_file() && wanted(entry.path())) {
                std::ifstream in(entry.path(), std::ios::binary);
                std::ostringstream s;
                s << in.rdbuf();
                corpus.push_back(s.str());
            }
    if (corpus.empty()) {
        std::fprintf(stderr, "no corpus files found\n");
        return 1;
    }
    std::mt19937 rng(20261122);
    // JSON's syntax, then multipart's
    char const interesting[] = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', 'e', '.', 'n', '\0', '\xff', ' ',
                                '\r', '\n', ';', '='};
    constexpr std::uint8_t seeds[] = {0, 7, 101, 255};
    for (auto const& doc : corpus) {
        for (std::uint8_t seed : seeds)
            run(doc, seed);
        for (std::size_t cut = 0; cut < doc.size(); cut += 1 + doc.size() / 64)
            run(doc.substr(0, cut), static_cast<std::uint8_t>(cut));
        for (int m = 0; m < 200; ++m) {
            std::string mutated = doc;
            std::size_t const pos = std::uniform_int_distribution<std::size_t>(0, mutated.size() - 1)(rng);
            switch (m % 4) {
            case 0: mutated[pos] = interesting[rng() % sizeof interesting]; break;
            case 1: mutated.erase(pos, 1 + rng() % 4); break;
            case 2: mutated.insert(pos, mutated.substr(pos, 1 + rng() % 16)); break;
            case 3: mutated[pos] = static_cast<char>(mutated[pos] ^ (1 << (rng() % 8))); break;
            }
            run(mutated, static_cast<std::uint8_t>(rng()));
        }
    }
    std::printf("%zu inputs from %zu corpus files: every property held\n", runs, corpus.size());
    return 0;
}
