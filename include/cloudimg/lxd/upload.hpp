// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_UPLOAD_HPP
#define CLOUDIMG_LXD_UPLOAD_HPP

// The bodies of an image upload (POST /1.0/images), streamed from their
// sources with an exact size, so gigabytes never sit in memory:
//
// - unified: the image tarball as is, `Content-Type: application/octet-stream`;
// - split: `multipart/form-data` with two parts, form name `metadata` (the
//   metadata tarball) then `rootfs` (a container's rootfs tarball or squashfs)
//   or `rootfs.img` (a virtual machine's qcow2 disk).
//
// LXD 5.0 reads the split form with Go's mime/multipart, takes the first part
// as metadata and the second as the root file system by their form names, and
// names the image by the SHA-256 of the metadata bytes followed by the rootfs
// bytes (of the file for a unified image). The parts here are laid out exactly
// as Go's multipart.Writer lays them out (the way `lxc image import` sends).
// File sources are POSIX (open, fstat, pread), as LXD runs on Linux.

#include <cloudimg/detail/hex.hpp>
#include <cloudimg/detail/quote.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/lxd/detail/multipart.hpp>

#include <boost/system/errc.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace cloudimg::lxd {

/** A regular file as a request body: its size from fstat, its bytes pulled
    with pread as the transport sends them.

    Move-only; the file stays open until the source is destroyed. Should the
    file change while it is sent, reads fail (`errc::io_error`) rather than
    send fewer or more bytes than the Content-Length that went out.

    @code
    auto rootfs = lxd::file_source::open("rootfs.squashfs");
    if (!rootfs) return rootfs.error();  // errno code, path in the message
    cloudimg::body_source src = std::move(*rootfs);
    @endcode
*/
class file_source {
public:
    /** Open `path` for reading. Fails with the errno of open or fstat, or
        `errc::invalid_argument` when it is not a regular file (a pipe has no size).

        @code
        auto f = lxd::file_source::open("/srv/images/meta.tar.xz");
        @endcode
    */
    static result<file_source> open(std::filesystem::path const& path)
    {
        int fd = -1;
        do
            fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        while (fd < 0 && errno == EINTR);
        if (fd < 0)
            return open_failure(errno, "cannot open", path);
        file_source f;
        f.fd_ = fd;
        struct stat st {};
        if (::fstat(fd, &st) != 0)
            return open_failure(errno, "cannot stat", path);
        if (!S_ISREG(st.st_mode))
            return open_failure(EINVAL, "not a regular file (its size is unknown):", path);
        f.size_ = static_cast<std::uint64_t>(st.st_size);
        return f;
    }

    file_source(file_source&& other) noexcept
        : fd_(std::exchange(other.fd_, -1)), size_(other.size_), pos_(other.pos_)
    {
    }
    file_source& operator=(file_source&& other) noexcept
    {
        if (this != &other) {
            close();
            fd_ = std::exchange(other.fd_, -1);
            size_ = other.size_;
            pos_ = other.pos_;
        }
        return *this;
    }
    ~file_source() { close(); }

    /// The size the file had when it was opened.
    /// @code req.headers.set("Content-Length", std::to_string(f.size())); @endcode
    std::uint64_t size() const noexcept { return size_; }

    /// The next bytes, at most `max`; 0 at the end.
    /// @code auto n = f.read(buf, sizeof buf); @endcode
    boost::system::result<std::size_t> read(char* dest, std::size_t max)
    {
        if (fd_ < 0)
            return boost::system::errc::make_error_code(boost::system::errc::bad_file_descriptor);
        std::uint64_t const left = size_ - pos_;
        std::size_t const want = static_cast<std::size_t>(std::min<std::uint64_t>(left, max));
        if (want == 0)
            return std::size_t(0);
        ssize_t n = -1;
        do
            n = ::pread(fd_, dest, want, static_cast<off_t>(pos_));
        while (n < 0 && errno == EINTR);
        if (n < 0)
            return boost::system::error_code(errno, boost::system::generic_category());
        if (n == 0)  // the file shrank after it was measured
            return boost::system::errc::make_error_code(boost::system::errc::io_error);
        pos_ += static_cast<std::uint64_t>(n);
        return static_cast<std::size_t>(n);
    }

    /// Back to the first byte.
    /// @code if (auto ec = f.rewind()) return ec; @endcode
    boost::system::error_code rewind() noexcept
    {
        pos_ = 0;
        return {};
    }

private:
    file_source() = default;

    static failure open_failure(int err, std::string_view what, std::filesystem::path const& path)
    {
        failure f;
        f.code = boost::system::error_code(err, boost::system::generic_category());
        f.message = std::string(what) + ' ' + cloudimg::detail::quote(path.native()) + ": " + f.code.message();
        return f;
    }

    void close() noexcept
    {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }

    int fd_ = -1;
    std::uint64_t size_ = 0;
    std::uint64_t pos_ = 0;
};

/** Bytes in memory as a request body: a small metadata tarball built on the
    fly, or test data.

    @code
    cloudimg::body_source meta = lxd::string_source{std::move(tarball_bytes)};
    @endcode
*/
class string_source {
public:
    /// @code lxd::string_source s{"bytes"}; @endcode
    explicit string_source(std::string data) : data_(std::move(data)) {}

    /// @code assert(lxd::string_source{"abc"}.size() == 3); @endcode
    std::uint64_t size() const noexcept { return data_.size(); }

    /// @code auto n = s.read(buf, sizeof buf); @endcode
    boost::system::result<std::size_t> read(char* dest, std::size_t max) noexcept
    {
        std::size_t const n = (std::min)(max, data_.size() - pos_);
        if (n != 0)
            std::memcpy(dest, data_.data() + pos_, n);
        pos_ += n;
        return n;
    }

    /// @code s.rewind(); @endcode
    boost::system::error_code rewind() noexcept
    {
        pos_ = 0;
        return {};
    }

private:
    std::string data_;
    std::size_t pos_ = 0;
};

/** The body of a unified image upload: the tarball as it is.

    The image is named by the SHA-256 of these bytes. The original file name
    goes in the `X-LXD-filename` header of the upload request, not here.

    @code
    auto tarball = lxd::file_source::open("image.tar.gz");
    cloudimg::stream_body body = lxd::unified_upload(std::move(*tarball));
    @endcode
*/
inline stream_body unified_upload(body_source tarball)
{
    return stream_body{"application/octet-stream", std::move(tarball)};
}

/// The second part of a split image: what LXD's form name says it is.
enum class rootfs_kind {
    rootfs,      ///< form name `rootfs`: a container's root file system, tarball or squashfs
    rootfs_img,  ///< form name `rootfs.img`: a virtual machine's disk, qcow2
};

/// The multipart form name of the second part: "rootfs" or "rootfs.img".
/// @code assert(lxd::form_name(lxd::rootfs_kind::rootfs_img) == "rootfs.img"); @endcode
constexpr std::string_view form_name(rootfs_kind kind) noexcept
{
    return kind == rootfs_kind::rootfs_img ? "rootfs.img" : "rootfs";
}

/** A fresh multipart boundary: 60 random hex digits, as Go's multipart.Writer
    makes them (30 bytes from std::random_device), so it never occurs in the
    data by chance.

    @code
    std::string b = lxd::random_boundary();  // e.g. "4f1c...e07a" (60 digits)
    @endcode
*/
inline std::string random_boundary()
{
    std::random_device rd;
    std::string out;
    out.reserve(60);
    while (out.size() < 60) {
        auto word = static_cast<std::uint32_t>(rd());
        for (int i = 0; i < 8 && out.size() < 60; ++i, word >>= 4)
            out += cloudimg::detail::hex_digits[word & 15];
    }
    return out;
}

/// Choices for `split_upload`; the defaults suit most uploads.
struct split_upload_options {
    /// The metadata part's file name; LXD does not keep it.
    std::string metadata_filename = "metadata";
    /// The rootfs part's file name: LXD stores it as the image's `filename`. Empty: the form name.
    std::string rootfs_filename{};
    /// The multipart boundary. Empty: `random_boundary()`. Set it for reproducible bodies (tests).
    std::string boundary{};
};

namespace detail {

// Part headers as Go's multipart.Writer.CreateFormFile writes them.
inline result<void> append_part_head(std::string& out, std::string_view name, std::string_view filename)
{
    for (char c : filename)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return make_failure(error::invalid_argument,
                                "file name " + cloudimg::detail::quote(filename) +
                                    " contains a control character; it would break the part header");
    out += "Content-Disposition: form-data; name=\"";
    out += name;
    out += "\"; filename=";
    append_quoted(out, filename);
    out += "\r\nContent-Type: application/octet-stream\r\n\r\n";
    return {};
}

// A body made of fixed text and streamed sources, one after the other; pulls
// each source straight into the transport's buffer and holds none of it.
class concatenated_source {
public:
    using piece = std::variant<std::string, body_source>;

    explicit concatenated_source(std::vector<piece> pieces) : pieces_(std::move(pieces))
    {
        for (auto const& p : pieces_)
            size_ += piece_size(p);
    }

    std::uint64_t size() const noexcept { return size_; }

    boost::system::result<std::size_t> read(char* dest, std::size_t max)
    {
        std::size_t done = 0;
        while (done < max && index_ < pieces_.size()) {
            auto& p = pieces_[index_];
            std::uint64_t const left = piece_size(p) - offset_;
            if (left == 0) {
                ++index_;
                offset_ = 0;
                continue;
            }
            std::size_t const want = static_cast<std::size_t>(std::min<std::uint64_t>(left, max - done));
            std::size_t got = 0;
            if (auto* text = std::get_if<std::string>(&p)) {
                std::memcpy(dest + done, text->data() + offset_, want);
                got = want;
            } else {
                auto r = std::get<body_source>(p).read(dest + done, want);
                if (!r)
                    return r.error();
                // a source that ends before the size it promised would leave the
                // Content-Length unfulfilled; one that gives more is never asked for more
                if (*r == 0 || *r > want)
                    return boost::system::errc::make_error_code(boost::system::errc::io_error);
                got = *r;
            }
            offset_ += got;
            done += got;
        }
        return done;
    }

    boost::system::error_code rewind()
    {
        for (auto& p : pieces_)
            if (auto* src = std::get_if<body_source>(&p))
                if (auto ec = src->rewind())
                    return ec;
        index_ = 0;
        offset_ = 0;
        return {};
    }

private:
    static std::uint64_t piece_size(piece const& p)
    {
        if (auto const* text = std::get_if<std::string>(&p))
            return text->size();
        return std::get<body_source>(p).size();
    }

    std::vector<piece> pieces_;
    std::uint64_t size_ = 0;
    std::size_t index_ = 0;
    std::uint64_t offset_ = 0;
};

} // namespace detail

/** The body of a split image upload: `multipart/form-data` with the metadata
    tarball as part `metadata` and the root file system as part `rootfs` or
    `rootfs.img`.

    The body is produced piece by piece as the transport pulls it: the part
    headers are a few hundred bytes of text, the parts are read from their
    sources straight into the transport's buffer. `size()` is exact (the
    framing plus both sources' sizes), so the upload has a Content-Length.
    `rewind()` rewinds both sources. The image is named by the SHA-256 of the
    metadata bytes followed by the rootfs bytes.

    Refused with `error::invalid_argument`: a boundary that RFC 2046 does not
    allow, a file name with a control character.

    @code
    auto meta = lxd::file_source::open("meta.tar.xz");
    auto root = lxd::file_source::open("rootfs.squashfs");
    auto body = lxd::split_upload(std::move(*meta), std::move(*root), lxd::rootfs_kind::rootfs,
                                  {.rootfs_filename = "rootfs.squashfs"});
    // body->content_type == "multipart/form-data; boundary=<60 hex digits>"
    @endcode
*/
inline result<stream_body> split_upload(body_source metadata, body_source rootfs,
                                        rootfs_kind kind = rootfs_kind::rootfs, split_upload_options options = {})
{
    std::string boundary = options.boundary.empty() ? random_boundary() : std::move(options.boundary);
    if (auto ok = detail::check_boundary(boundary, error::invalid_argument); !ok)
        return ok.error();
    std::string_view const rootfs_name = form_name(kind);

    std::string first = "--" + boundary + "\r\n";
    if (auto ok = detail::append_part_head(first, "metadata", options.metadata_filename); !ok)
        return ok.error();
    std::string second = "\r\n--" + boundary + "\r\n";
    if (auto ok = detail::append_part_head(second, rootfs_name,
                                           options.rootfs_filename.empty() ? rootfs_name : options.rootfs_filename);
        !ok)
        return ok.error();
    std::string last = "\r\n--" + boundary + "--\r\n";

    std::vector<detail::concatenated_source::piece> pieces;
    pieces.reserve(5);
    pieces.emplace_back(std::move(first));
    pieces.emplace_back(std::move(metadata));
    pieces.emplace_back(std::move(second));
    pieces.emplace_back(std::move(rootfs));
    pieces.emplace_back(std::move(last));

    std::string content_type = "multipart/form-data; boundary=";
    detail::append_parameter_value(content_type, boundary);
    return stream_body{std::move(content_type), body_source(detail::concatenated_source(std::move(pieces)))};
}

} // namespace cloudimg::lxd

#endif
