// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test is included first: it must be self-contained.
#include <cloudimg/lxd/fingerprint.hpp>

#include <cloudimg/lxd/upload.hpp>

#include "golden.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

// Fingerprints as LXD 5.0.2 itself reported them (tests/data/lxd/SOURCES.md).

namespace {

using namespace cloudimg;

std::filesystem::path const data_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "lxd";

static_assert(lxd::rewindable_source<body_source>);
static_assert(lxd::rewindable_source<lxd::file_source>);
static_assert(lxd::rewindable_source<lxd::string_source>);

TEST(lxd_fingerprint, unified_image_is_the_sha256_of_its_file)
{
    auto tarball = lxd::file_source::open(data_dir / "image" / "unified.tar.gz");
    ASSERT_TRUE(tarball);
    auto fp = lxd::image_fingerprint(*tarball);
    ASSERT_TRUE(fp) << fp.error().what();
    EXPECT_EQ(*fp, "2a84461cce309665c989f50d5d1345f9a9bb80f89411bf5935af44b044dbf787");
}

TEST(lxd_fingerprint, split_image_is_the_sha256_of_metadata_then_rootfs_and_sources_are_rewound)
{
    auto meta = lxd::file_source::open(data_dir / "image" / "metadata.tar.gz");
    auto root = lxd::file_source::open(data_dir / "image" / "rootfs.tar.gz");
    ASSERT_TRUE(meta && root);
    std::vector<char> buf(50);
    ASSERT_TRUE(meta->read(buf.data(), buf.size()));  // midway: the fingerprint still covers all
    auto fp = lxd::image_fingerprint(*meta, *root);
    ASSERT_TRUE(fp) << fp.error().what();
    EXPECT_EQ(*fp, "f4db2fffa2702996706585849a8ebdf99c1b05501148fe4626ba9029066bb614");

    body_source m = std::move(*meta);
    auto n = m.read(buf.data(), buf.size());
    ASSERT_TRUE(n);
    EXPECT_EQ(std::string_view(buf.data(), *n),
              golden::read_file(data_dir / "image" / "metadata.tar.gz").substr(0, buf.size()));

    lxd::string_source vm_meta{golden::read_file(data_dir / "image" / "metadata.tar.gz")};
    lxd::string_source vm_disk{golden::read_file(data_dir / "image" / "rootfs.img")};
    EXPECT_EQ(lxd::image_fingerprint(vm_meta, vm_disk).value(),
              "4459402dbc83c3cbf9138943952c9cc5a8c5715957a2d60afc455cd173ca8c82");
}

TEST(lxd_fingerprint, a_failing_source_is_an_error_with_its_code)
{
    struct broken {
        boost::system::result<std::size_t> read(char*, std::size_t)
        {
            return boost::system::error_code(EIO, boost::system::generic_category());
        }
        boost::system::error_code rewind() { return {}; }
    };
    broken b;
    auto fp = lxd::image_fingerprint(b);
    ASSERT_FALSE(fp);
    EXPECT_EQ(fp.error().code.value(), EIO);
    EXPECT_NE(fp.error().message.find("reading"), std::string::npos);
}

TEST(lxd_fingerprint, certificate_fingerprint_is_what_lxd_reports)
{
    std::string const pem = golden::read_file(data_dir / "tls" / "lxd-server.crt");
    auto fp = lxd::certificate_fingerprint(pem);
    ASSERT_TRUE(fp) << fp.error().what();
    // GET /1.0 environment.certificate_fingerprint of the daemon that made it
    EXPECT_EQ(*fp, "bec0aa8451ec99f5789247d08b2799e476121c5636152cb3cd32913c0d3c09a1");
    // text around the PEM block (a bundle's comments) does not matter
    EXPECT_EQ(lxd::certificate_fingerprint("subject=...\n" + pem + "\ntrailing").value(), *fp);
}

TEST(lxd_fingerprint, public_key_pin_is_curls_sha256_pin)
{
    std::string const pem = golden::read_file(data_dir / "tls" / "lxd-server.crt");
    auto pin = lxd::public_key_pin(pem);
    ASSERT_TRUE(pin) << pin.error().what();
    // openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64
    EXPECT_EQ(*pin, "sha256//HqE2mDVaJrLYaXXzkgrTYntaXbbEFWF3CkjY5HI36EI=");
}

TEST(lxd_fingerprint, text_without_a_certificate_is_refused)
{
    for (std::string text : {std::string(), std::string("not a certificate"),
                             std::string("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
                             std::string("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n")}) {
        auto fp = lxd::certificate_fingerprint(text);
        ASSERT_FALSE(fp) << text;
        EXPECT_EQ(fp.error().code, error::invalid_argument);
        auto pin = lxd::public_key_pin(text);
        ASSERT_FALSE(pin) << text;
        EXPECT_EQ(pin.error().code, error::invalid_argument);
    }
}

} // namespace
