// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test is included first: it must be self-contained.
#include <cloudimg/lxd/upload.hpp>

#include <cloudimg/lxd/export.hpp>
#include <cloudimg/lxd/sha256.hpp>

#include "golden.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

using namespace cloudimg;

std::filesystem::path const image_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "lxd" / "image";

/// Everything a source produces, pulled `max` bytes at a time.
std::string drain(body_source& s, std::size_t max)
{
    std::string out;
    std::vector<char> buf(max);
    while (true) {
        auto n = s.read(buf.data(), max);
        EXPECT_TRUE(n) << n.error().message();
        if (!n || *n == 0)
            break;
        EXPECT_LE(*n, max);
        out.append(buf.data(), *n);
    }
    return out;
}

/// A source that makes its bytes on the fly and records how it is read:
/// `size` bytes of a repeating pattern, never held in memory.
struct pattern_source {
    struct stats {
        std::size_t reads = 0;
        std::size_t largest_request = 0;
        std::uint64_t produced = 0;
        int rewinds = 0;
    };
    std::uint64_t length = 0;
    char seed = 'a';
    std::shared_ptr<stats> seen = std::make_shared<stats>();
    std::uint64_t pos = 0;

    std::uint64_t size() const { return length; }
    boost::system::result<std::size_t> read(char* dest, std::size_t max)
    {
        ++seen->reads;
        seen->largest_request = std::max(seen->largest_request, max);
        auto const n = static_cast<std::size_t>(std::min<std::uint64_t>(max, length - pos));
        for (std::size_t i = 0; i < n; ++i)
            dest[i] = static_cast<char>(seed + static_cast<int>((pos + i) % 26));
        pos += n;
        seen->produced += n;
        return n;
    }
    boost::system::error_code rewind()
    {
        ++seen->rewinds;
        pos = 0;
        return {};
    }
};

std::string pattern(std::uint64_t length, char seed)
{
    std::string s;
    for (std::uint64_t i = 0; i < length; ++i)
        s += static_cast<char>(seed + static_cast<int>(i % 26));
    return s;
}

constexpr std::string_view boundary = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab";

std::string expected_split(std::string_view meta, std::string_view root, std::string_view root_name,
                           std::string_view meta_file, std::string_view root_file)
{
    std::string b(boundary);
    return "--" + b + "\r\nContent-Disposition: form-data; name=\"metadata\"; filename=\"" + std::string(meta_file) +
           "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + std::string(meta) + "\r\n--" + b +
           "\r\nContent-Disposition: form-data; name=\"" + std::string(root_name) + "\"; filename=\"" +
           std::string(root_file) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + std::string(root) +
           "\r\n--" + b + "--\r\n";
}

TEST(lxd_upload, unified_is_the_tarball_as_octet_stream)
{
    stream_body body = lxd::unified_upload(lxd::string_source{"tarball bytes"});
    EXPECT_EQ(body.content_type, "application/octet-stream");
    EXPECT_EQ(body.source.size(), 13u);
    EXPECT_EQ(drain(body.source, 5), "tarball bytes");
}

TEST(lxd_upload, split_is_laid_out_as_go_multipart_writes_it)
{
    auto body = lxd::split_upload(lxd::string_source{"META"}, lxd::string_source{"ROOTFS"}, lxd::rootfs_kind::rootfs,
                                  {.rootfs_filename = "rootfs.squashfs", .boundary = std::string(boundary)});
    ASSERT_TRUE(body) << body.error().what();
    EXPECT_EQ(body->content_type, "multipart/form-data; boundary=" + std::string(boundary));
    std::string const want = expected_split("META", "ROOTFS", "rootfs", "metadata", "rootfs.squashfs");
    EXPECT_EQ(body->source.size(), want.size());
    EXPECT_EQ(drain(body->source, 4096), want);
}

TEST(lxd_upload, split_vm_part_is_rootfs_img_and_filenames_default_to_form_names)
{
    auto body = lxd::split_upload(lxd::string_source{"M"}, lxd::string_source{"QFI\xfb"}, lxd::rootfs_kind::rootfs_img,
                                  {.boundary = std::string(boundary)});
    ASSERT_TRUE(body);
    EXPECT_EQ(drain(body->source, 7), expected_split("M", "QFI\xfb", "rootfs.img", "metadata", "rootfs.img"));
    EXPECT_EQ(lxd::form_name(lxd::rootfs_kind::rootfs), "rootfs");
    EXPECT_EQ(lxd::form_name(lxd::rootfs_kind::rootfs_img), "rootfs.img");
}

TEST(lxd_upload, size_is_exact_and_reads_of_any_size_give_the_same_bytes)
{
    std::string const meta = pattern(1000, 'a');
    std::string const root = pattern(70001, 'A');
    std::string const want = expected_split(meta, root, "rootfs", "m.tar", "r.tar");
    for (std::size_t max : std::initializer_list<std::size_t>{1, 2, 3, 7, 61, 62, 63, 64, 199, 4096, 65536, 1 << 20}) {
        auto body = lxd::split_upload(lxd::string_source{meta}, lxd::string_source{root}, lxd::rootfs_kind::rootfs,
                                      {.metadata_filename = "m.tar", .rootfs_filename = "r.tar",
                                       .boundary = std::string(boundary)});
        ASSERT_TRUE(body);
        EXPECT_EQ(body->source.size(), want.size());
        std::string const got = drain(body->source, max);
        EXPECT_EQ(got.size(), body->source.size()) << "max " << max;
        EXPECT_EQ(got, want) << "max " << max;
        // the end stays the end
        char c = 0;
        auto n = body->source.read(&c, 1);
        ASSERT_TRUE(n);
        EXPECT_EQ(*n, 0u);
    }
}

TEST(lxd_upload, rewind_starts_everything_over_even_midway)
{
    pattern_source meta{.length = 5000, .seed = 'a'};
    pattern_source root{.length = 9000, .seed = 'A'};
    auto meta_stats = meta.seen;
    auto root_stats = root.seen;
    auto body = lxd::split_upload(meta, root, lxd::rootfs_kind::rootfs, {.boundary = std::string(boundary)});
    ASSERT_TRUE(body);
    std::string const want = expected_split(pattern(5000, 'a'), pattern(9000, 'A'), "rootfs", "metadata", "rootfs");
    std::vector<char> buf(7000);
    auto n = body->source.read(buf.data(), buf.size());  // into the rootfs part
    ASSERT_TRUE(n);
    EXPECT_EQ(std::string_view(buf.data(), *n), std::string_view(want).substr(0, *n));
    ASSERT_FALSE(body->source.rewind());
    EXPECT_EQ(meta_stats->rewinds, 1);
    EXPECT_EQ(root_stats->rewinds, 1);
    EXPECT_EQ(drain(body->source, 333), want);
    ASSERT_FALSE(body->source.rewind());
    EXPECT_EQ(drain(body->source, 1 << 16), want);
}

TEST(lxd_upload, parts_stream_through_the_callers_buffer_never_whole)
{
    // 5 GiB of rootfs (more than 32 bits can count) that exists only as it is read.
    std::uint64_t const big = std::uint64_t(5) << 30;
    pattern_source meta{.length = 300, .seed = 'a'};
    pattern_source root{.length = big, .seed = 'A'};
    auto stats = root.seen;
    auto body = lxd::split_upload(meta, root, lxd::rootfs_kind::rootfs, {.boundary = std::string(boundary)});
    ASSERT_TRUE(body);
    std::uint64_t const framing = expected_split("", "", "rootfs", "metadata", "rootfs").size();
    EXPECT_EQ(body->source.size(), framing + 300 + big);

    // Reading 8 MiB with a 64 KiB buffer asks the source for at most 64 KiB a
    // time and takes from it only what was handed on.
    std::vector<char> buf(1 << 16);
    std::uint64_t total = 0;
    while (total < (std::uint64_t(8) << 20)) {
        auto n = body->source.read(buf.data(), buf.size());
        ASSERT_TRUE(n);
        ASSERT_GT(*n, 0u);
        total += *n;
    }
    EXPECT_LE(stats->largest_request, buf.size());
    EXPECT_EQ(stats->produced, total - (framing - std::string("\r\n--" + std::string(boundary) + "--\r\n").size()) - 300);
}

TEST(lxd_upload, a_source_shorter_than_its_size_or_failing_is_an_error_not_a_short_body)
{
    struct liar {
        std::uint64_t size() const { return 10; }
        boost::system::result<std::size_t> read(char* dest, std::size_t max)
        {
            if (done || max == 0)
                return std::size_t(0);
            done = true;
            dest[0] = 'x';
            return std::size_t(1);  // then claims the end, 9 bytes early
        }
        boost::system::error_code rewind() { return {}; }
        bool done = false;
    };
    auto body = lxd::split_upload(liar{}, lxd::string_source{"r"}, lxd::rootfs_kind::rootfs);
    ASSERT_TRUE(body);
    std::vector<char> buf(1 << 12);
    auto n = body->source.read(buf.data(), buf.size());
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error(), boost::system::errc::io_error);

    struct broken {
        std::uint64_t size() const { return 10; }
        boost::system::result<std::size_t> read(char*, std::size_t)
        {
            return boost::system::error_code(EIO, boost::system::generic_category());
        }
        boost::system::error_code rewind() { return boost::system::error_code(ESPIPE, boost::system::generic_category()); }
    };
    auto other = lxd::split_upload(lxd::string_source{"m"}, broken{}, lxd::rootfs_kind::rootfs);
    ASSERT_TRUE(other);
    auto m = other->source.read(buf.data(), buf.size());
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().value(), EIO);
    EXPECT_EQ(other->source.rewind().value(), ESPIPE);
}

TEST(lxd_upload, boundaries_are_random_hex_unless_given_and_checked_when_given)
{
    std::string const a = lxd::random_boundary();
    std::string const b = lxd::random_boundary();
    EXPECT_EQ(a.size(), 60u);
    EXPECT_TRUE(std::all_of(a.begin(), a.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }));
    EXPECT_NE(a, b);

    auto body = lxd::split_upload(lxd::string_source{""}, lxd::string_source{""});
    ASSERT_TRUE(body);
    std::string_view const prefix = "multipart/form-data; boundary=";
    ASSERT_TRUE(body->content_type.starts_with(prefix));
    std::string const drawn = body->content_type.substr(prefix.size());
    EXPECT_EQ(drawn.size(), 60u);
    EXPECT_TRUE(drain(body->source, 100).starts_with("--" + drawn + "\r\n"));

    // RFC 2046 characters that are not token characters make the parameter quoted
    auto quoted = lxd::split_upload(lxd::string_source{""}, lxd::string_source{""}, lxd::rootfs_kind::rootfs,
                                    {.boundary = "a:b c"});
    ASSERT_TRUE(quoted);
    EXPECT_EQ(quoted->content_type, "multipart/form-data; boundary=\"a:b c\"");

    for (std::string bad : {std::string(71, 'x'), std::string("ends in space "), std::string("semi;colon"),
                            std::string("new\r\nline"), std::string("quote\"")}) {
        auto r = lxd::split_upload(lxd::string_source{""}, lxd::string_source{""}, lxd::rootfs_kind::rootfs,
                                   {.boundary = bad});
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, error::invalid_argument);
    }
    EXPECT_TRUE(lxd::split_upload(lxd::string_source{""}, lxd::string_source{""}, lxd::rootfs_kind::rootfs,
                                  {.boundary = std::string(70, 'x')}));
}

TEST(lxd_upload, file_names_are_quoted_and_control_characters_refused)
{
    auto body = lxd::split_upload(lxd::string_source{""}, lxd::string_source{""}, lxd::rootfs_kind::rootfs,
                                  {.metadata_filename = R"(me"ta\x.tar)", .boundary = "b"});
    ASSERT_TRUE(body);
    EXPECT_NE(drain(body->source, 1000).find(R"(filename="me\"ta\\x.tar")"), std::string::npos);

    for (std::string bad : {std::string("a\r\nX-Injected: 1"), std::string("nul\0", 4), std::string("tab\t")}) {
        auto r = lxd::split_upload(lxd::string_source{""}, lxd::string_source{""}, lxd::rootfs_kind::rootfs,
                                   {.rootfs_filename = bad});
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, error::invalid_argument);
        EXPECT_EQ(r.error().message.find('\n'), std::string::npos) << r.error().message;
    }
}

TEST(lxd_upload, what_split_upload_writes_the_export_reader_reads_back)
{
    // Both sides speak Go's multipart layout, so a body made here parses as an export.
    std::string const meta = golden::read_file(image_dir / "metadata.tar.gz");
    std::string const root = golden::read_file(image_dir / "rootfs.tar.gz");
    auto body = lxd::split_upload(lxd::string_source{meta}, lxd::string_source{root}, lxd::rootfs_kind::rootfs,
                                  {.rootfs_filename = "dir/rootfs.tar.gz"});
    ASSERT_TRUE(body);
    response head;
    head.status = 200;
    head.headers.set("Content-Type", body->content_type);
    head.body = drain(body->source, 1000);
    std::string got_meta, got_root;
    auto info = lxd::read_export(head, [&](lxd::exported_file const& f, std::string_view chunk) -> result<void> {
        (f.file == lxd::export_file::metadata ? got_meta : got_root) += chunk;
        return {};
    }, {.expected_fingerprint = "f4db2fffa2702996706585849a8ebdf99c1b05501148fe4626ba9029066bb614"});
    ASSERT_TRUE(info) << info.error().what();
    EXPECT_EQ(got_meta, meta);
    EXPECT_EQ(got_root, root);
    ASSERT_EQ(info->files.size(), 2u);
    EXPECT_EQ(info->files[1].filename, "rootfs.tar.gz");  // the reader keeps only the base name
}

class temp_file {
public:
    explicit temp_file(std::string_view content)
        : path_(std::filesystem::path(testing::TempDir()) /
                ("cloudimg-lxd-upload-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++)))
    {
        std::ofstream(path_, std::ios::binary) << content;
    }
    ~temp_file() { std::filesystem::remove(path_); }
    std::filesystem::path const& path() const { return path_; }

private:
    static int& counter()
    {
        static int n = 0;
        return n;
    }
    std::filesystem::path path_;
};

static_assert(!std::is_copy_constructible_v<lxd::file_source>);
static_assert(std::is_nothrow_move_constructible_v<lxd::file_source>);

TEST(lxd_file_source, reads_the_file_with_its_size_and_rewinds)
{
    std::string const content = pattern(100000, 'a');
    temp_file f(content);
    auto src = lxd::file_source::open(f.path());
    ASSERT_TRUE(src) << src.error().what();
    EXPECT_EQ(src->size(), content.size());
    body_source body = std::move(*src);
    EXPECT_EQ(body.size(), content.size());
    EXPECT_EQ(drain(body, 4093), content);
    ASSERT_FALSE(body.rewind());
    EXPECT_EQ(drain(body, 1 << 20), content);
}

TEST(lxd_file_source, a_missing_file_or_a_directory_is_an_error_with_the_path)
{
    auto missing = lxd::file_source::open("/nonexistent/cloudimg/meta.tar.xz");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, boost::system::errc::no_such_file_or_directory);
    EXPECT_NE(missing.error().message.find("/nonexistent/cloudimg/meta.tar.xz"), std::string::npos)
        << missing.error().message;

    auto dir = lxd::file_source::open(testing::TempDir());
    ASSERT_FALSE(dir);
    EXPECT_FALSE(dir.error().message.empty());
}

TEST(lxd_file_source, a_file_that_shrinks_while_it_is_sent_is_an_error)
{
    temp_file f(pattern(10000, 'a'));
    auto src = lxd::file_source::open(f.path());
    ASSERT_TRUE(src);
    std::filesystem::resize_file(f.path(), 4000);
    std::vector<char> buf(3000);
    ASSERT_TRUE(src->read(buf.data(), buf.size()));
    auto second = src->read(buf.data(), buf.size());
    ASSERT_TRUE(second);
    EXPECT_EQ(*second, 1000u);
    auto third = src->read(buf.data(), buf.size());
    ASSERT_FALSE(third);
    EXPECT_EQ(third.error(), boost::system::errc::io_error);
}

TEST(lxd_file_source, a_file_that_grows_gives_only_the_size_it_had)
{
    temp_file f("12345");
    auto src = lxd::file_source::open(f.path());
    ASSERT_TRUE(src);
    std::ofstream(f.path(), std::ios::binary | std::ios::app) << "6789";
    body_source body = std::move(*src);
    EXPECT_EQ(drain(body, 100), "12345");
}

TEST(lxd_file_source, real_image_files_upload_as_a_split_body)
{
    auto meta = lxd::file_source::open(image_dir / "metadata.tar.gz");
    auto root = lxd::file_source::open(image_dir / "rootfs.img");
    ASSERT_TRUE(meta && root);
    auto body = lxd::split_upload(std::move(*meta), std::move(*root), lxd::rootfs_kind::rootfs_img,
                                  {.boundary = std::string(boundary)});
    ASSERT_TRUE(body);
    std::string const want = expected_split(golden::read_file(image_dir / "metadata.tar.gz"),
                                            golden::read_file(image_dir / "rootfs.img"), "rootfs.img", "metadata",
                                            "rootfs.img");
    EXPECT_EQ(body->source.size(), want.size());
    EXPECT_EQ(drain(body->source, 10), want);
}

} // namespace
