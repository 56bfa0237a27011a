// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test is included first: it must be self-contained.
#include <cloudimg/lxd/export.hpp>

#include "golden.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

// The export reader against bodies captured from a real LXD 5.0.2
// (tests/data/lxd/SOURCES.md), cut into chunks every way, and against
// hostile bodies, each with its expected error.

namespace {

using namespace cloudimg;

std::filesystem::path const data_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "lxd";

static_assert(std::is_nothrow_move_constructible_v<lxd::export_reader>);

/// A captured response: the head file parsed (status line, fields), the body file as is.
struct capture {
    response head;
    std::string body;
};

capture load(std::string_view name)
{
    capture c;
    std::string const head = golden::read_file(data_dir / (std::string(name) + ".head"));
    std::string_view rest = head;
    bool first = true;
    while (!rest.empty()) {
        auto const eol = rest.find("\r\n");
        std::string_view const line = rest.substr(0, eol);
        rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 2);
        if (line.empty())
            break;
        if (first) {
            c.head.status = std::stoi(std::string(line.substr(9, 3)));  // "HTTP/1.1 200 OK"
            first = false;
            continue;
        }
        auto const colon = line.find(':');
        c.head.headers.add(std::string(line.substr(0, colon)), std::string(line.substr(colon + 2)));
    }
    c.body = golden::read_file(data_dir / (std::string(name) + ".body"));
    c.head.body = c.body;
    return c;
}

std::string image_file(std::string_view name) { return golden::read_file(data_dir / "image" / std::string(name)); }

constexpr std::string_view unified_fp = "2a84461cce309665c989f50d5d1345f9a9bb80f89411bf5935af44b044dbf787";
constexpr std::string_view container_fp = "f4db2fffa2702996706585849a8ebdf99c1b05501148fe4626ba9029066bb614";
constexpr std::string_view vm_fp = "4459402dbc83c3cbf9138943952c9cc5a8c5715957a2d60afc455cd173ca8c82";

/// What the sink saw: each file's bytes, and the calls in order.
struct collected {
    std::vector<lxd::exported_file> begins;  // the empty-chunk calls
    std::string metadata, rootfs, unified;
    bool offsets_ok = true;

    lxd::export_sink sink()
    {
        return [this](lxd::exported_file const& f, std::string_view chunk) -> result<void> {
            std::string& target = f.file == lxd::export_file::metadata ? metadata
                                  : f.file == lxd::export_file::rootfs ? rootfs
                                                                       : unified;
            if (chunk.empty()) {
                begins.push_back(f);
                offsets_ok = offsets_ok && f.size == 0 && target.empty();
                return {};
            }
            offsets_ok = offsets_ok && f.size == target.size();
            target += chunk;
            return {};
        };
    }
};

/// Feeds `body` cut at the given offsets, then finishes.
result<lxd::export_info> feed(capture const& c, collected& out, std::vector<std::size_t> const& cuts,
                              lxd::export_options options = {})
{
    auto reader = lxd::export_reader::create(c.head, out.sink(), std::move(options));
    if (!reader)
        return reader.error();
    std::size_t pos = 0;
    for (std::size_t cut : cuts) {
        if (auto ok = reader->write(std::string_view(c.body).substr(pos, cut - pos)); !ok)
            return ok.error();
        pos = cut;
    }
    if (auto ok = reader->write(std::string_view(c.body).substr(pos)); !ok)
        return ok.error();
    return reader->finish();
}

void expect_split(capture const& c, std::string_view form, std::string_view rootfs_file, std::string_view fp,
                  std::string_view ext)
{
    std::string const meta = image_file("metadata.tar.gz");
    std::string const root = image_file(rootfs_file);
    auto check = [&](std::vector<std::size_t> const& cuts, std::string const& how) {
        collected out;
        auto info = feed(c, out, cuts, {.expected_fingerprint = std::string(fp)});
        ASSERT_TRUE(info) << how << ": " << info.error().what();
        EXPECT_EQ(info->kind, lxd::export_kind::split) << how;
        EXPECT_EQ(info->fingerprint, fp) << how;
        ASSERT_EQ(info->files.size(), 2u) << how;
        EXPECT_EQ(info->files[0].file, lxd::export_file::metadata);
        EXPECT_EQ(info->files[0].form_name, "metadata");
        EXPECT_EQ(info->files[0].filename, "meta-" + std::string(fp) + ".tar.gz");
        EXPECT_EQ(info->files[0].size, meta.size());
        EXPECT_EQ(info->files[1].file, lxd::export_file::rootfs);
        EXPECT_EQ(info->files[1].form_name, form);
        EXPECT_EQ(info->files[1].filename, std::string(fp) + std::string(ext));
        EXPECT_EQ(info->files[1].size, root.size());
        EXPECT_EQ(out.metadata, meta) << how;
        EXPECT_EQ(out.rootfs, root) << how;
        EXPECT_TRUE(out.unified.empty());
        ASSERT_EQ(out.begins.size(), 2u);
        EXPECT_EQ(out.begins[0].form_name, "metadata");
        EXPECT_EQ(out.begins[1].form_name, form);
        EXPECT_TRUE(out.offsets_ok) << how;
    };
    check({}, "whole");
    for (std::size_t i = 0; i <= c.body.size(); ++i)
        check({i}, "split at " + std::to_string(i));
    std::vector<std::size_t> bytes;
    for (std::size_t i = 1; i < c.body.size(); ++i)
        bytes.push_back(i);
    check(bytes, "one byte at a time");
    std::mt19937 rng(12345);
    for (int round = 0; round < 200; ++round) {
        std::vector<std::size_t> cuts;
        std::size_t pos = 0;
        while (true) {
            pos += 1 + rng() % 90;
            if (pos >= c.body.size())
                break;
            cuts.push_back(pos);
        }
        check(cuts, "random round " + std::to_string(round));
    }
}

TEST(lxd_export, real_split_container_export_at_every_split_point)
{
    capture const c = load("export_split_container");
    ASSERT_TRUE(c.head.headers.find("Content-Type")->starts_with("multipart/form-data; boundary="));
    // the capture shows LXD 5.0.2's doubled close
    std::string const boundary(c.head.headers.find("Content-Type")->substr(30));
    ASSERT_TRUE(c.body.ends_with("\r\n--" + boundary + "--\r\n\r\n--" + boundary + "--\r\n"));
    expect_split(c, "rootfs", "rootfs.tar.gz", container_fp, ".tar.gz");
}

TEST(lxd_export, real_split_vm_export_at_every_split_point)
{
    expect_split(load("export_split_vm"), "rootfs.img", "rootfs.img", vm_fp, ".qcow2");
}

TEST(lxd_export, real_unified_export_in_any_chunks)
{
    capture const c = load("export_unified");
    std::string const file = image_file("unified.tar.gz");
    for (std::size_t i = 0; i <= c.body.size(); ++i) {
        collected out;
        auto info = feed(c, out, {i}, {.expected_fingerprint = std::string(unified_fp)});
        ASSERT_TRUE(info) << i << ": " << info.error().what();
        EXPECT_EQ(info->kind, lxd::export_kind::unified);
        EXPECT_EQ(info->fingerprint, unified_fp);
        ASSERT_EQ(info->files.size(), 1u);
        EXPECT_EQ(info->files[0].file, lxd::export_file::unified);
        EXPECT_EQ(info->files[0].form_name, "");
        EXPECT_EQ(info->files[0].filename, std::string(unified_fp) + ".tar.gz");
        EXPECT_EQ(info->files[0].size, file.size());
        EXPECT_EQ(out.unified, file);
        EXPECT_EQ(out.begins.size(), 1u);
        EXPECT_TRUE(out.offsets_ok);
    }
}

TEST(lxd_export, expected_fingerprint_prefix_any_case_and_mismatch)
{
    capture const c = load("export_split_container");
    for (std::string fp : {std::string(container_fp), std::string(container_fp.substr(0, 12)), std::string("F4DB2F"),
                           std::string()}) {
        collected out;
        auto info = lxd::read_export(c.head, out.sink(), {.expected_fingerprint = fp});
        ASSERT_TRUE(info) << fp << ": " << info.error().what();
        EXPECT_EQ(info->fingerprint, container_fp);
    }
    std::string wrong(container_fp);
    wrong.back() = '5';
    collected out;
    auto bad = lxd::read_export(c.head, out.sink(), {.expected_fingerprint = wrong});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, error::invalid_value);
    EXPECT_NE(bad.error().message.find("fingerprint"), std::string::npos);
    EXPECT_NE(bad.error().message.find(wrong), std::string::npos);
    EXPECT_NE(bad.error().message.find(container_fp), std::string::npos) << bad.error().message;

    for (std::string invalid : {std::string("xyz"), std::string(65, 'a'), std::string("f4db 2f")}) {
        auto r = lxd::export_reader::create(c.head, out.sink(), {.expected_fingerprint = invalid});
        ASSERT_FALSE(r) << invalid;
        EXPECT_EQ(r.error().code, error::invalid_argument);
    }
}

TEST(lxd_export, a_unified_file_that_does_not_match_is_refused_at_finish)
{
    capture c = load("export_unified");
    c.body[100] ^= 1;
    collected out;
    auto info = feed(c, out, {}, {.expected_fingerprint = std::string(unified_fp)});
    ASSERT_FALSE(info);
    EXPECT_EQ(info.error().code, error::invalid_value);
    EXPECT_EQ(out.unified.size(), c.body.size());  // the bytes went through; the verdict comes at the end
}

// ---- heads ----

response head_of(std::string content_type, int status = 200)
{
    response r;
    r.status = status;
    if (!content_type.empty())
        r.headers.set("Content-Type", std::move(content_type));
    return r;
}

result<lxd::export_info> read(response head, std::string body, lxd::export_options options = {})
{
    head.body = std::move(body);
    collected out;
    return lxd::read_export(head, out.sink(), std::move(options));
}

TEST(lxd_export, heads_that_are_not_an_export_are_refused)
{
    collected out;
    struct bad_head {
        response head;
        error code;
    };
    std::vector<bad_head> const cases{
        {head_of("application/octet-stream", 404), error::unexpected_status},
        {head_of("application/octet-stream", 206), error::unexpected_status},
        {head_of(""), error::invalid_value},
        {head_of("application/json"), error::invalid_value},
        {head_of("multipart/form-data"), error::invalid_value},
        {head_of("multipart/form-data; boundary="), error::invalid_value},
        {head_of("multipart/form-data; boundary=\"\""), error::invalid_value},
        {head_of("multipart/form-data; boundary=" + std::string(71, 'b')), error::invalid_value},
        {head_of("multipart/form-data; boundary=\"a\r\nb\""), error::invalid_value},
        {head_of("multipart/form-data; boundary=a; boundary=b"), error::invalid_value},
        {head_of("multipart/form-data; boundary=\"unterminated"), error::invalid_value},
    };
    for (auto const& c : cases) {
        auto r = lxd::export_reader::create(c.head, out.sink());
        ASSERT_FALSE(r) << c.head.headers.find("Content-Type").value_or("(none)");
        EXPECT_EQ(r.error().code, c.code) << r.error().what();
    }
    response length = head_of("application/octet-stream");
    length.headers.set("Content-Length", "12x");
    EXPECT_FALSE(lxd::export_reader::create(length, out.sink()));
    EXPECT_FALSE(lxd::export_reader::create(head_of("application/octet-stream"), lxd::export_sink{}));
}

TEST(lxd_export, content_type_parameters_are_read_like_go_reads_them)
{
    std::string const body = "--a b\r\nContent-Disposition: form-data; name=metadata\r\n\r\nM"
                             "\r\n--a b\r\nContent-Disposition: form-data; name=\"rootfs\"\r\n\r\nR\r\n--a b--";
    for (std::string type : {"multipart/form-data; boundary=\"a b\"", "Multipart/Form-Data;BOUNDARY=\"a b\";",
                             "multipart/form-data ; charset=x; boundary = \"a b\""}) {
        auto info = read(head_of(type), body);
        ASSERT_TRUE(info) << type << ": " << info.error().what();
        EXPECT_EQ(info->files[1].filename, "");
    }
}

TEST(lxd_export, unified_content_length_is_enforced_both_ways)
{
    response h = head_of("application/octet-stream");
    h.headers.set("Content-Length", "10");
    h.headers.set("Content-Disposition", "attachment; filename=\"../../etc/passwd\"");
    auto exact = read(h, "0123456789");
    ASSERT_TRUE(exact);
    EXPECT_EQ(exact->files[0].filename, "passwd");  // only the base name, never a path
    auto short_body = read(h, "012345678");
    ASSERT_FALSE(short_body);
    EXPECT_EQ(short_body.error().code, error::invalid_value);
    auto long_body = read(h, "0123456789A");
    ASSERT_FALSE(long_body);
    EXPECT_EQ(long_body.error().code, error::invalid_value);
    // with a transfer coding the length means nothing
    h.headers.set("Transfer-Encoding", "chunked");
    EXPECT_TRUE(read(h, "012"));
}

// ---- hostile multipart bodies ----

std::string const B = "BOUNDARY";
response const split_head = head_of("multipart/form-data; boundary=" + B);

std::string part(std::string_view name, std::string_view data, std::string_view extra_headers = "")
{
    return "Content-Disposition: form-data; name=\"" + std::string(name) + "\"; filename=\"f\"\r\n" +
           std::string(extra_headers) + "\r\n" + std::string(data);
}

std::string valid_body(std::string_view meta = "META", std::string_view root = "ROOT")
{
    return "--" + B + "\r\n" + part("metadata", meta) + "\r\n--" + B + "\r\n" + part("rootfs", root) + "\r\n--" + B +
           "--";
}

TEST(lxd_export, epilogues_lxd_writes_are_accepted_others_refused)
{
    for (std::string tail : {"", "\r\n", "\r\n\r\n--BOUNDARY--\r\n", "\r\n\r\n--BOUNDARY--", "\r\n\r\n",
                             "\r\n\r\n--BOUNDARY--\r\n\r\n--BOUNDARY--\r\n"}) {
        auto info = read(split_head, valid_body() + tail);
        EXPECT_TRUE(info) << '"' << tail << "\": " << info.error().what();
    }
    for (std::string tail : {"x", "\r\nx", "\r\n\r\n--BOUNDARY-", "\r\n\r\n--BOUND", "\r\n\r\n--BOUNDARY--x", "\n",
                             "\r\n--BOUNDARY\r\n"}) {
        auto info = read(split_head, valid_body() + tail);
        ASSERT_FALSE(info) << '"' << tail << '"';
        EXPECT_EQ(info.error().code, error::invalid_value) << info.error().what();
    }
}

TEST(lxd_export, malformed_multipart_is_refused_with_a_reason)
{
    std::string const d = "\r\n--" + B;
    struct bad_body {
        std::string body;
        std::string_view says;
    };
    std::vector<bad_body> const cases{
        {"", "truncated"},
        {"preamble\r\n" + valid_body(), "does not start with its boundary"},
        {"--BOUNDARX\r\n", "does not start with its boundary"},
        {"--" + B + "--", "closes after 0 part"},
        {"--" + B + "x\r\n", "followed by"},
        {"--" + B + " \t x", "followed by"},
        {"--" + B + "\rx", "CR without LF"},
        {"--" + B + "-x", "single '-'"},
        {"--" + B + "\r\n" + part("metadata", "M") + d + "--", "closes after 1 part"},
        {"--" + B + "\r\n" + part("rootfs", "M") + d + "\r\n" + part("metadata", "R") + d + "--", "is named"},
        {"--" + B + "\r\n" + part("metadata", "M") + d + "\r\n" + part("rootfs.tar", "R") + d + "--", "is named"},
        {"--" + B + "\r\n" + part("metadata", "M") + d + "\r\n" + part("rootfs", "R") + d + "\r\n" + part("x", "") + d +
             "--",
         "third part"},
        {"--" + B + "\r\nContent-Type: x\r\n\r\nM" + d + "--", "no Content-Disposition"},
        {"--" + B + "\r\n\r\nM" + d + "--", "no Content-Disposition"},
        {"--" + B + "\r\nContent-Disposition: attachment; name=metadata\r\n\r\nM" + d + "--",
         "no Content-Disposition: form-data"},
        {"--" + B + "\r\nContent-Disposition: form-data; filename=x\r\n\r\nM" + d + "--", "with a name"},
        {"--" + B + "\r\n" + part("metadata", "M", "Content-Disposition: form-data; name=metadata\r\n") + d + "--",
         "two Content-Disposition"},
        {"--" + B + "\r\n" + part("metadata", "M", " folded\r\n") + d + "--", "folded"},
        {"--" + B + "\r\n" + part("metadata", "M", "no colon here\r\n") + d + "--", "malformed header"},
        {"--" + B + "\r\n" + part("metadata", "M", "Bad Name: x\r\n") + d + "--", "malformed header"},
        {"--" + B + "\r\n" + part("metadata", "M", "X: a\x01" "b\r\n") + d + "--", "malformed header"},
        {"--" + B + "\r\nContent-Disposition: form-data; name=\"metadata\r\n\r\nM" + d + "--", "unterminated"},
        {"--" + B + "\r\n" + part("metadata", "M"), "truncated: it ended inside part 1 (metadata)"},
        {"--" + B + "\r\nContent-Disposition: form-da", "truncated: it ended in the headers of part 1"},
        {valid_body().substr(0, valid_body().size() - 1), "truncated"},
        // the RFC forbids the delimiter inside a part: it is a delimiter, here a bad one
        {"--" + B + "\r\n" + part("metadata", "M\r\n--BOUNDARYX") + d + "--", "followed by"},
    };
    for (auto const& c : cases) {
        auto info = read(split_head, c.body);
        ASSERT_FALSE(info) << c.body;
        EXPECT_EQ(info.error().code, error::invalid_value) << c.body;
        EXPECT_NE(info.error().message.find(c.says), std::string::npos)
            << "want \"" << c.says << "\" in: " << info.error().message;
    }
}

TEST(lxd_export, part_headers_are_bounded)
{
    std::string const huge = "--" + B + "\r\nX-Padding: " + std::string(1 << 20, 'x') + "\r\n" + part("metadata", "M");
    auto info = read(split_head, huge);
    ASSERT_FALSE(info);
    EXPECT_EQ(info.error().code, error::limit_exceeded);

    // the limit is the block: one that fits exactly passes, one byte more does not
    std::string const block = "Content-Disposition: form-data; name=metadata\r\n";
    std::string const body = "--" + B + "\r\n" + block + "\r\nM\r\n--" + B +
                             "\r\nContent-Disposition: form-data; name=rootfs\r\n\r\nR\r\n--" + B + "--";
    EXPECT_TRUE(read(split_head, body, {.max_part_header_size = block.size()}));
    auto over = read(split_head, body, {.max_part_header_size = block.size() - 1});
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, error::limit_exceeded);

    // byte by byte, the limit holds the same
    collected out;
    auto reader = lxd::export_reader::create(split_head, out.sink(), {.max_part_header_size = 100});
    ASSERT_TRUE(reader);
    std::string const endless = "--" + B + "\r\nX: " + std::string(1000, 'y');
    result<void> last;
    for (char ch : endless) {
        last = reader->write(std::string_view(&ch, 1));
        if (!last)
            break;
    }
    ASSERT_FALSE(last);
    EXPECT_EQ(last.error().code, error::limit_exceeded);
}

TEST(lxd_export, near_delimiters_inside_parts_are_data_at_every_split_point)
{
    // Prefixes of "\r\n--BOUNDARY" inside a part, in all positions a chunk edge can cut them.
    std::string const tricky = "\r\r\n\r\n-\r\n--\r\n--B\r\n--BOUNDAR\r\n--BOUNDAR\r\r\n--BOUNDAR";
    std::string const body = valid_body(tricky, tricky + "\r\n--BOUNDAR") + "\r\n";
    capture c{split_head, body};
    for (std::size_t i = 0; i <= body.size(); ++i)
        for (std::size_t j = i; j <= body.size(); j += 7) {
            collected out;
            auto info = feed(c, out, {i, j});
            ASSERT_TRUE(info) << i << "," << j << ": " << info.error().what();
            ASSERT_EQ(out.metadata, tricky) << i << "," << j;
            ASSERT_EQ(out.rootfs, tricky + "\r\n--BOUNDAR") << i << "," << j;
        }
}

TEST(lxd_export, part_bytes_pass_on_at_once_and_only_a_delimiters_length_is_held)
{
    std::string const data(1 << 20, 'z');
    collected out;
    auto reader = lxd::export_reader::create(split_head, out.sink());
    ASSERT_TRUE(reader);
    ASSERT_TRUE(reader->write("--" + B + "\r\n" + part("metadata", data)));
    EXPECT_EQ(out.metadata.size(), data.size());  // nothing held: no '\r' at the end
    ASSERT_TRUE(reader->write("\r\n--BOUND"));
    EXPECT_EQ(out.metadata.size(), data.size());  // these may start the delimiter: held
    ASSERT_TRUE(reader->write("ARY\r\n" + part("rootfs", "R") + "\r\n--" + B + "--"));
    auto info = reader->finish();
    ASSERT_TRUE(info) << info.error().what();
    EXPECT_EQ(out.metadata, data);
    EXPECT_EQ(out.rootfs, "R");
}

TEST(lxd_export, a_sink_failure_comes_back_unchanged_and_the_reader_stays_failed)
{
    capture const c = load("export_split_container");
    int calls = 0;
    auto reader = lxd::export_reader::create(c.head, [&](lxd::exported_file const& f, std::string_view chunk) -> result<void> {
        ++calls;
        if (f.file == lxd::export_file::rootfs && !chunk.empty()) {
            failure disk_full;
            disk_full.code = boost::system::errc::make_error_code(boost::system::errc::no_space_on_device);
            disk_full.message = "disk full";
            return disk_full;
        }
        return {};
    });
    ASSERT_TRUE(reader);
    auto r = reader->write(c.body);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, boost::system::errc::no_space_on_device);
    EXPECT_EQ(r.error().message, "disk full");
    int const before = calls;
    EXPECT_FALSE(reader->write("more"));
    EXPECT_FALSE(reader->finish());
    EXPECT_EQ(calls, before);
}

TEST(lxd_export, finish_once_and_no_write_after)
{
    capture c = load("export_unified");
    collected out;
    auto reader = lxd::export_reader::create(c.head, out.sink());
    ASSERT_TRUE(reader);
    ASSERT_TRUE(reader->write(c.body));
    ASSERT_TRUE(reader->finish());
    auto w = reader->write("x");
    ASSERT_FALSE(w);
    EXPECT_EQ(w.error().code, error::invalid_argument);
    auto f = reader->finish();
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, error::invalid_argument);
}

// ---- the adapter for transports that push chunks with the head ----

TEST(lxd_export_receiver, builds_its_reader_from_the_first_chunk_head)
{
    capture const c = load("export_split_vm");
    collected out;
    lxd::export_receiver receiver(out.sink(), {.expected_fingerprint = std::string(vm_fp)});
    // as curl::transport would call it: through a std::function that copies the callable
    std::function<result<void>(response const&, std::string_view)> body_sink = receiver.body_sink();
    for (std::size_t pos = 0; pos < c.body.size(); pos += 100)
        ASSERT_TRUE(body_sink(c.head, std::string_view(c.body).substr(pos, 100)));
    auto info = receiver.finish(c.head);
    ASSERT_TRUE(info) << info.error().what();
    EXPECT_EQ(info->fingerprint, vm_fp);
    EXPECT_EQ(out.rootfs, image_file("rootfs.img"));
}

TEST(lxd_export_receiver, an_empty_body_that_never_reached_the_sink_is_read_at_finish)
{
    response res = head_of("application/octet-stream");
    res.headers.set("Content-Length", "0");
    collected out;
    lxd::export_receiver receiver(out.sink());
    auto info = receiver.finish(res);
    ASSERT_TRUE(info) << info.error().what();
    EXPECT_EQ(info->fingerprint, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    ASSERT_EQ(info->files.size(), 1u);
    EXPECT_EQ(info->files[0].size, 0u);
    EXPECT_EQ(out.begins.size(), 1u);  // the empty file was still announced

    lxd::export_receiver for_error(out.sink());
    auto not_found = for_error.finish(head_of("application/json", 404));
    ASSERT_FALSE(not_found);
    EXPECT_EQ(not_found.error().code, error::unexpected_status);
}

TEST(lxd_export_receiver, a_bad_head_fails_every_later_call)
{
    collected out;
    lxd::export_receiver receiver(out.sink());
    auto first = receiver(head_of("text/html"), "<html>");
    ASSERT_FALSE(first);
    EXPECT_EQ(first.error().code, error::invalid_value);
    EXPECT_FALSE(receiver(head_of("application/octet-stream"), "x"));
    EXPECT_FALSE(receiver.finish(head_of("application/octet-stream")));
}

} // namespace
