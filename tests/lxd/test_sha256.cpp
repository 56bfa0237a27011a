// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test is included first: it must be self-contained.
#include <cloudimg/lxd/sha256.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>
#include <span>
#include <utility>

namespace {

using cloudimg::lxd::sha256;

static_assert(!std::is_copy_constructible_v<sha256>);
static_assert(std::is_nothrow_move_constructible_v<sha256>);
static_assert(std::is_nothrow_move_assignable_v<sha256>);

std::string hex_of(std::string_view bytes)
{
    auto d = sha256::of(bytes);
    EXPECT_TRUE(d) << d.error().what();
    return d ? cloudimg::lxd::to_hex(*d) : std::string();
}

// FIPS 180-2 appendix B and the usual empty-input vector.
struct vector_case {
    std::string input;
    std::string_view digest;
};

std::vector<vector_case> nist_vectors()
{
    return {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopq"
         "rstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
        {std::string(1000000, 'a'), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
    };
}

TEST(sha256, nist_vectors_in_one_call)
{
    for (auto const& v : nist_vectors())
        EXPECT_EQ(hex_of(v.input), v.digest) << v.input.substr(0, 20);
}

TEST(sha256, nist_vectors_fed_in_pieces_of_every_size_give_the_same_digest)
{
    for (auto const& v : nist_vectors()) {
        for (std::size_t piece : {std::size_t(1), std::size_t(3), std::size_t(63), std::size_t(64), std::size_t(65),
                                  std::size_t(4097)}) {
            if (v.input.size() > 100000 && piece < 63)
                continue;  // a million one-byte updates add nothing but time
            sha256 h;
            for (std::size_t pos = 0; pos < v.input.size(); pos += piece)
                h.update(std::string_view(v.input).substr(pos, piece));
            auto d = h.finish();
            ASSERT_TRUE(d) << d.error().what();
            EXPECT_EQ(cloudimg::lxd::to_hex(*d), v.digest) << "pieces of " << piece;
        }
    }
}

TEST(sha256, finish_starts_over)
{
    sha256 h;
    h.update("ab");
    h.update("");
    h.update("c");
    auto first = h.finish();
    ASSERT_TRUE(first);
    EXPECT_EQ(cloudimg::lxd::to_hex(*first), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    auto empty = h.finish();
    ASSERT_TRUE(empty);
    EXPECT_EQ(cloudimg::lxd::to_hex(*empty), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    h.update("abc");
    EXPECT_EQ(cloudimg::lxd::to_hex(*h.finish()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(sha256, a_move_carries_the_state_and_the_moved_from_object_reports_an_error)
{
    sha256 a;
    a.update("ab");
    sha256 b = std::move(a);
    b.update("c");
    EXPECT_EQ(cloudimg::lxd::to_hex(*b.finish()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    a.update("ignored");  // a moved-from object must stay safe to use
    auto d = a.finish();
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().code, cloudimg::error::invalid_argument);
}

TEST(sha256, to_hex_is_lower_case_two_digits_a_byte)
{
    unsigned char const bytes[] = {0x00, 0x0f, 0xa0, 0xff};
    EXPECT_EQ(cloudimg::lxd::to_hex(bytes), "000fa0ff");
    EXPECT_EQ(cloudimg::lxd::to_hex(std::span<unsigned char const>()), "");
}

} // namespace
