// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// LXD's streaming pieces without exceptions: an upload body produced and read
// back as an export, fingerprints, and the errors on the way, all under
// -fno-exceptions. The headers under test come first.

#include <cloudimg/lxd/export.hpp>
#include <cloudimg/lxd/fingerprint.hpp>
#include <cloudimg/lxd/unix_socket.hpp>
#include <cloudimg/lxd/upload.hpp>
#include <cloudimg/lxd/sha256.hpp>

#include "noexcept_support.hpp"

#include <cloudimg/lxd.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/response.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

namespace lxd = cloudimg::lxd;
using noexcept_test::check;

void upload_then_export()
{
    auto body = lxd::split_upload(lxd::string_source{"metadata bytes"}, lxd::string_source{"rootfs bytes"},
                                  lxd::rootfs_kind::rootfs_img);
    check(body.has_value(), "split_upload");
    if (!body)
        return;
    cloudimg::response res;
    res.status = 200;
    res.headers.set("Content-Type", body->content_type);
    std::vector<char> buf(7);
    while (true) {
        auto n = body->source.read(buf.data(), buf.size());
        check(n.has_value(), "read the upload body");
        if (!n || *n == 0)
            break;
        res.body.append(buf.data(), *n);
    }
    check(res.body.size() == body->source.size(), "upload size is exact");

    lxd::string_source meta{"metadata bytes"};
    lxd::string_source root{"rootfs bytes"};
    auto fp = lxd::image_fingerprint(meta, root);
    check(fp.has_value(), "image_fingerprint");

    std::string rootfs;
    auto info = lxd::read_export(res, [&](lxd::exported_file const& f, std::string_view chunk) -> cloudimg::result<void> {
        if (f.file == lxd::export_file::rootfs)
            rootfs += chunk;
        return {};
    }, {.expected_fingerprint = fp ? *fp : std::string()});
    check(info.has_value(), "read_export of the upload body");
    check(info && info->files.size() == 2 && info->files[1].form_name == "rootfs.img", "export parts");
    check(rootfs == "rootfs bytes", "exported rootfs");

    res.body.resize(res.body.size() / 2);
    auto truncated = lxd::read_export(res, [](lxd::exported_file const&, std::string_view) {
        return cloudimg::result<void>{};
    });
    check(!truncated && truncated.error().code == cloudimg::error::invalid_value, "truncated export is an error");
}

void errors_are_values()
{
    auto missing = lxd::file_source::open("/nonexistent/cloudimg/image.tar.xz");
    check(!missing.has_value(), "missing file is an error");
    auto bad = lxd::split_upload(lxd::string_source{""}, lxd::string_source{""}, lxd::rootfs_kind::rootfs,
                                 {.boundary = std::string(80, 'x')});
    check(!bad && bad.error().code == cloudimg::error::invalid_argument, "bad boundary is an error");
    auto cert = lxd::certificate_fingerprint("not PEM");
    check(!cert && cert.error().code == cloudimg::error::invalid_argument, "bad certificate is an error");
    auto abc = cloudimg::lxd::sha256::of("abc");
    check(abc && cloudimg::lxd::to_hex(*abc) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
          "sha256");
    check(!lxd::default_unix_socket_path().empty(), "default_unix_socket_path");
}

} // namespace

// The four paths every noexcept program defines (noexcept_support.hpp).
namespace noexcept_test {

void decode()
{
    std::string const body = R"({"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,)"
                             R"("error":"","metadata":{"name":"a/b","description":"","target":"f00d","type":"container"}})";
    cloudimg::response res{200, {{"ETag", "\"e1\""}}, body};
    auto alias = cloudimg::parse_response<lxd::get_alias>(res);
    check(alias && alias->value.name == "a/b" && alias->etag == "\"e1\"", "sync envelope with ETag");
    lxd::alias_entry entry;
    check(decodes_byte_by_byte(R"({"name":"x","description":"","target":"t","type":"future-type"})", entry) &&
              entry.type.wire() == "future-type",
          "alias decoded byte by byte keeps an unknown type");
}

void encode()
{
    lxd::images_post post{.source = lxd::images_post_source{.type = lxd::source_type::snapshot, .name = "c1/snap0"}};
    check(cloudimg::json::encode(post) == R"({"source":{"type":"snapshot","name":"c1/snap0"}})", "images_post");
}

void build_requests()
{
    upload_then_export();
    auto req = lxd::prepare(lxd::config{.project = "p"}, lxd::get_alias{.name = "a/b c"});
    check(req && req->target == "/1.0/images/aliases/a%2Fb%20c?project=p", "alias names are data");
}

void parse_responses()
{
    errors_are_values();
    cloudimg::response res{404, {}, R"({"type":"error","status":"","status_code":0,"operation":"","error_code":404,)"
                                     R"("error":"Image not found","metadata":null})"};
    auto r = cloudimg::parse_response<lxd::get_image>(res);
    check(!r && r.error().provider_code == "not_found" && r.error().message == "Image not found", "error envelope");
}

} // namespace noexcept_test
