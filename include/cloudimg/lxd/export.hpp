// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_EXPORT_HPP
#define CLOUDIMG_LXD_EXPORT_HPP

// Reading the body of GET /1.0/images/{fingerprint}/export as it arrives, in
// chunks of any size, with memory that does not grow with the image. Needs
// OpenSSL's libcrypto for the fingerprint check: link cloudimg::openssl.
//
// LXD 5.0 answers in one of two shapes:
//
// - unified image: `Content-Type: application/octet-stream`,
//   `Content-Disposition: inline;filename=<fingerprint>.tar.xz`, the file as
//   the body. Its SHA-256 is the fingerprint.
// - split image: `Content-Type: multipart/form-data; boundary=<60 hex>`,
//   chunked, two parts written by Go's multipart.Writer: form name `metadata`
//   (file `meta-<fingerprint>.tar.xz`), then `rootfs` (a container's tarball
//   or squashfs) or `rootfs.img` (a virtual machine's qcow2). The fingerprint
//   is the SHA-256 of the metadata bytes followed by the rootfs bytes. LXD
//   5.0.2 closes the multipart body twice (`--B--\r\n\r\n--B--\r\n`), which
//   is accepted; any other byte after the close is not.
//
// The multipart parser follows RFC 2046 strictly where LXD gives no reason
// not to: the body starts with its boundary (no preamble), lines end in CRLF,
// a delimiter is always a delimiter (the RFC forbids it inside a part), and
// an export has exactly the two parts above.

#include <cloudimg/detail/decimal.hpp>
#include <cloudimg/detail/hex.hpp>
#include <cloudimg/detail/quote.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/lxd/detail/multipart.hpp>
#include <cloudimg/lxd/sha256.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cloudimg::lxd {

/// The two image formats an export can have.
enum class export_kind {
    unified,  ///< one tarball: metadata and root file system together
    split,    ///< two files: metadata tarball and root file system
};

/// Which file of an export bytes belong to.
enum class export_file {
    unified,   ///< the single file of a unified image
    metadata,  ///< a split image's metadata tarball
    rootfs,    ///< a split image's root file system (tarball, squashfs or qcow2)
};

/// One file of an export, as the server described it.
struct exported_file {
    export_file file = export_file::unified;
    /// The multipart form name: "metadata", "rootfs" or "rootfs.img"; empty for a unified image.
    std::string form_name{};
    /// The file name the server gave, reduced to its last path component
    /// ("" for none, "." or ".."), e.g. "meta-<fingerprint>.tar.xz".
    std::string filename{};
    /// Bytes of this file delivered before the current chunk; in `export_info`, all of them.
    std::uint64_t size = 0;
};

/** Receives the files of an export: each file begins with one call with an
    empty chunk (so even an empty file can be created), then its bytes in
    order. `file.size` is the offset of `chunk` in that file. Returning a
    failure stops the reader, which returns that failure unchanged.
*/
using export_sink = std::function<result<void>(exported_file const& file, std::string_view chunk)>;

/// Checks and limits of an export reader.
struct export_options {
    /** The fingerprint the image must have: 1 to 64 hex digits, compared with
        the computed one as a prefix (as `lxc` does, which is what a short
        fingerprint in the URL allows). Empty: computed and reported, not checked.
        Only all 64 digits check everything. */
    std::string expected_fingerprint{};
    /// Largest header block of one multipart part; a real one is about 200 bytes.
    std::size_t max_part_header_size = 16 * 1024;
};

/// What an export held, once all of it was read and checked.
struct export_info {
    export_kind kind = export_kind::unified;
    /// Unified: the one file. Split: the metadata, then the root file system.
    std::vector<exported_file> files{};
    /// The SHA-256 computed over the files, 64 lower-case hex digits.
    std::string fingerprint{};
};

/** An incremental reader of an export body: give it the bytes as they come,
    in chunks of any size (even one byte), and it passes the files' bytes to
    the sink while it parses, keeping at most a boundary's length of them, and
    checks the fingerprint at the end.

    Errors (as values, and the reader stays failed after one):
    `error::unexpected_status` for a status other than 200;
    `error::invalid_value` for a Content-Type that is neither form, a broken
    multipart body, a part LXD would not send, a body shorter or longer than
    its Content-Length, a truncated body, a fingerprint that does not match;
    `error::limit_exceeded` for part headers above the limit;
    `error::invalid_argument` for a bad `expected_fingerprint` or a call after `finish`.

    @code
    std::ofstream meta("meta.tar.xz", std::ios::binary), root("rootfs.squashfs", std::ios::binary);
    auto reader = lxd::export_reader::create(head, [&](lxd::exported_file const& f, std::string_view chunk) {
        (f.file == lxd::export_file::rootfs ? root : meta).write(chunk.data(), std::ssize(chunk));
        return cloudimg::result<void>{};
    }, {.expected_fingerprint = fingerprint});
    for (auto chunk : chunks) if (auto ok = reader->write(chunk); !ok) return ok.error();
    auto info = reader->finish();  // kind, files, computed fingerprint
    @endcode
*/
class export_reader {
public:
    /** A reader for the response whose head (status and headers) is `head`;
        its body is not read (give it to `write`).

        @code
        auto reader = lxd::export_reader::create(res, sink);
        @endcode
    */
    static result<export_reader> create(response const& head, export_sink sink, export_options options = {})
    {
        if (head.status != 200)
            return make_failure(error::unexpected_status,
                                "an image export answers 200, not " + std::to_string(head.status));
        if (!sink)
            return make_failure(error::invalid_argument, "the export sink is empty");
        std::string expected = detail::to_lower(options.expected_fingerprint);
        if (expected.size() > 64 ||
            !std::all_of(expected.begin(), expected.end(), [](char c) { return cloudimg::detail::hex_value(c) >= 0; }))
            return make_failure(error::invalid_argument,
                                "expected fingerprint " + cloudimg::detail::quote(options.expected_fingerprint) +
                                    " is not 1 to 64 hex digits");

        export_reader r;
        r.sink_ = std::move(sink);
        r.expected_ = std::move(expected);
        r.max_header_ = options.max_part_header_size;

        auto const type = head.headers.find("Content-Type");
        if (!type)
            return make_failure(error::invalid_value, "the export response has no Content-Type");
        auto media = detail::parse_parameterized(*type, "the export's Content-Type");
        if (!media)
            return media.error();
        if (media->value == "application/octet-stream") {
            r.kind_ = export_kind::unified;
            r.state_ = state::unified;
            if (auto const disposition = head.headers.find("Content-Disposition")) {
                auto d = detail::parse_parameterized(*disposition, "the export's Content-Disposition");
                if (!d)
                    return d.error();
                if (auto const* name = d->find("filename"))
                    r.unified_filename_ = base_name(*name);
            }
        } else if (media->value == "multipart/form-data") {
            auto const* boundary = media->find("boundary");
            if (boundary == nullptr)
                return make_failure(error::invalid_value, "the export's Content-Type " +
                                                              cloudimg::detail::quote(*type) + " has no boundary");
            if (auto ok = detail::check_boundary(*boundary, error::invalid_value); !ok)
                return ok.error();
            r.kind_ = export_kind::split;
            r.state_ = state::opening;
            r.delimiter_ = "\r\n--" + *boundary;
            r.index_delimiter();
        } else {
            return make_failure(error::invalid_value,
                                "the export's Content-Type " + cloudimg::detail::quote(*type) +
                                    " is neither application/octet-stream nor multipart/form-data");
        }

        // With chunked transfer coding a Content-Length means nothing (RFC 9112 6.3).
        if (!head.headers.contains("Transfer-Encoding")) {
            if (auto const length = head.headers.find("Content-Length")) {
                auto const n = cloudimg::detail::parse_uint64(*length);
                if (!n)
                    return make_failure(error::invalid_value, "the export's Content-Length " +
                                                                  cloudimg::detail::quote(*length) + " is not a number");
                r.content_length_ = *n;
            }
        }
        r.files_.reserve(2);
        return r;
    }

    export_reader(export_reader&&) noexcept = default;
    export_reader& operator=(export_reader&&) noexcept = default;

    /// Unified or split, as the Content-Type said.
    /// @code if (reader->kind() == lxd::export_kind::split) ...; @endcode
    export_kind kind() const noexcept { return kind_; }

    /** Read the next bytes of the body.

        @code
        if (auto ok = reader->write(chunk); !ok) return ok.error();
        @endcode
    */
    result<void> write(std::string_view chunk)
    {
        if (failed_)
            return *failed_;
        if (state_ == state::finished)
            return make_failure(error::invalid_argument, "the export reader has already finished");
        auto ok = count(chunk.size());
        if (ok)
            ok = consume(chunk);
        if (!ok)
            failed_ = ok.error();
        return ok;
    }

    /** The end of the body: checks that it is complete and that the
        fingerprint matches, and says what was read.

        @code
        auto info = reader->finish();
        if (!info) return info.error();  // e.g. truncated, or the fingerprint differs
        std::cout << info->fingerprint;
        @endcode
    */
    result<export_info> finish()
    {
        if (failed_)
            return *failed_;
        if (state_ == state::finished)
            return make_failure(error::invalid_argument, "the export reader has already finished");
        auto info = conclude();
        if (!info)
            failed_ = info.error();
        else
            state_ = state::finished;
        return info;
    }

private:
    enum class state {
        unified,         // every byte is the file
        opening,         // matching "--boundary" at the very start
        after_boundary,  // a delimiter was read: "--" closes, else padding and CRLF
        close_dash,      // one '-' of the closing "--"
        padding,         // spaces or tabs after a delimiter, before CRLF
        boundary_lf,     // the CR after a delimiter was read
        headers,         // a part's header block
        body,            // a part's bytes, up to the next delimiter
        epilogue,        // after the close: only LXD's repeated close may follow
        finished,
    };

    export_reader() = default;

    // The last path component, as Go's Part.FileName gives it; never a path,
    // so a caller may use it as a file name in a directory of its choosing.
    static std::string base_name(std::string_view name)
    {
        if (auto const slash = name.find_last_of('/'); slash != std::string_view::npos)
            name.remove_prefix(slash + 1);
        if (name == "." || name == "..")
            return {};
        return std::string(name);
    }

    // Counts the body's bytes against its Content-Length, if it has one.
    result<void> count(std::size_t n)
    {
        if (n > UINT64_MAX - received_)
            return make_failure(error::limit_exceeded, "the export is larger than 2^64 - 1 bytes");
        received_ += n;
        if (content_length_ && received_ > *content_length_)
            return make_failure(error::invalid_value, "the export sends more than its Content-Length of " +
                                                          std::to_string(*content_length_) + " bytes");
        return {};
    }

    failure syntax(std::string why) const
    {
        return make_failure(error::invalid_value, "the split image export is not valid multipart: " + std::move(why));
    }

    result<void> begin_file(export_file file, std::string form_name, std::string filename)
    {
        files_.push_back(exported_file{file, std::move(form_name), std::move(filename), 0});
        return sink_(files_.back(), std::string_view{});
    }

    result<void> deliver(std::string_view bytes)
    {
        if (bytes.empty())
            return {};
        hash_.update(bytes);
        exported_file& f = files_.back();
        auto ok = sink_(f, bytes);
        f.size += bytes.size();
        return ok;
    }

    result<void> consume(std::string_view in)
    {
        while (!in.empty()) {
            switch (state_) {
            case state::unified:
                if (files_.empty())
                    if (auto ok = begin_file(export_file::unified, {}, unified_filename_); !ok)
                        return ok;
                return deliver(in);
            case state::opening: {
                // the delimiter without its leading CRLF: a body starts on the boundary line
                std::string_view const want = std::string_view(delimiter_).substr(2 + matched_);
                std::size_t const n = (std::min)(want.size(), in.size());
                if (in.substr(0, n) != want.substr(0, n))
                    return syntax("it does not start with its boundary");
                matched_ += n;
                in.remove_prefix(n);
                if (matched_ + 2 == delimiter_.size())
                    state_ = state::after_boundary;
                break;
            }
            case state::after_boundary:
            case state::padding:
            case state::close_dash:
            case state::boundary_lf:
            case state::epilogue:
                // a byte at a time: a few bytes after each delimiter
                if (auto ok = state_ == state::epilogue ? read_epilogue(in.front()) : after_delimiter(in.front()); !ok)
                    return ok;
                in.remove_prefix(1);
                break;
            case state::headers:
                if (auto ok = read_headers(in); !ok)
                    return ok;
                break;
            case state::body: {
                auto found = read_body(in);
                if (!found)
                    return found.error();
                if (*found)
                    state_ = state::after_boundary;
                break;
            }
            case state::finished:
                return make_failure(error::invalid_argument, "the export reader has already finished");
            }
        }
        return {};
    }

    // The bytes right after a delimiter: "--" ends the body, otherwise
    // optional spaces or tabs (RFC 2046 transport padding) and CRLF start a part.
    result<void> after_delimiter(char c)
    {
        switch (state_) {
        case state::after_boundary:
            if (c == '-') {
                state_ = state::close_dash;
                return {};
            }
            [[fallthrough]];
        case state::padding:
            if (c == ' ' || c == '\t') {
                state_ = state::padding;
                return {};
            }
            if (c == '\r') {
                state_ = state::boundary_lf;
                return {};
            }
            return syntax("a boundary is followed by " + cloudimg::detail::quote(std::string_view(&c, 1)) +
                          ", not CRLF or \"--\"");
        case state::close_dash:
            if (c != '-')
                return syntax("a boundary is followed by a single '-'");
            if (files_.size() != 2)
                return syntax("it closes after " + std::to_string(files_.size()) +
                              " part(s); an image export has a metadata and a rootfs part");
            state_ = state::epilogue;
            matched_ = 0;
            return {};
        default:  // boundary_lf
            if (c != '\n')
                return syntax("a boundary line ends in CR without LF");
            if (files_.size() == 2)
                return syntax("it has a third part; an image export has a metadata and a rootfs part");
            state_ = state::headers;
            header_.assign("\r\n");  // the boundary line's CRLF: an empty block is then "\r\n\r\n" too
            return {};
        }
    }

    // Collects a part's header block, bounded, then starts the part.
    result<void> read_headers(std::string_view& in)
    {
        std::size_t const old = header_.size();
        // the block, the boundary line's CRLF before it and the blank line after it
        std::string_view const piece = in.substr(0, (std::min)(in.size(), max_header_ + 4 - old));
        header_.append(piece);
        auto const end = header_.find("\r\n\r\n", old < 3 ? 0 : old - 3);
        if (end == std::string::npos) {
            if (header_.size() >= max_header_ + 4)
                return make_failure(error::limit_exceeded,
                                    "the headers of part " + std::to_string(files_.size() + 1) +
                                        " of the export are longer than " + std::to_string(max_header_) + " bytes");
            in.remove_prefix(piece.size());
            return {};
        }
        in.remove_prefix(end + 4 - old);
        auto ok = start_part(std::string_view(header_).substr(2, end));
        header_.clear();
        return ok;
    }

    // Checks a part's header block (lines ending in CRLF) and announces the part to the sink.
    result<void> start_part(std::string_view block)
    {
        std::size_t const index = files_.size();
        std::optional<detail::parameterized_value> disposition;
        while (!block.empty()) {
            auto const eol = block.find("\r\n");
            std::string_view const line = block.substr(0, eol);
            block.remove_prefix(eol + 2);
            if (line.front() == ' ' || line.front() == '\t')
                return syntax("part " + std::to_string(index + 1) + " has a folded header line");
            auto const colon = line.find(':');
            std::string_view const name = line.substr(0, colon);
            if (colon == std::string_view::npos || name.empty() ||
                !std::all_of(name.begin(), name.end(), detail::is_mime_token_char) ||
                std::any_of(line.begin(), line.end(), [](char c) {
                    return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f;
                }))
                return syntax("part " + std::to_string(index + 1) + " has a malformed header line " +
                              cloudimg::detail::quote(line));
            if (!cloudimg::detail::iequals(name, "Content-Disposition"))
                continue;
            if (disposition)
                return syntax("part " + std::to_string(index + 1) + " has two Content-Disposition headers");
            auto d = detail::parse_parameterized(line.substr(colon + 1), "a part's Content-Disposition");
            if (!d)
                return d.error();
            disposition = std::move(*d);
        }
        std::string const* form = disposition ? disposition->find("name") : nullptr;
        if (!disposition || disposition->value != "form-data" || form == nullptr)
            return syntax("part " + std::to_string(index + 1) + " has no Content-Disposition: form-data with a name");
        export_file file = export_file::metadata;
        if (index == 0 ? *form != "metadata" : (*form != "rootfs" && *form != "rootfs.img"))
            return make_failure(error::invalid_value,
                                "the split image export's part " + std::to_string(index + 1) + " is named " +
                                    cloudimg::detail::quote(*form) +
                                    (index == 0 ? "; LXD sends \"metadata\" first"
                                                : "; LXD sends \"rootfs\" or \"rootfs.img\" second"));
        if (index == 1)
            file = export_file::rootfs;
        std::string const* filename = disposition->find("filename");
        state_ = state::body;
        pending_.clear();
        return begin_file(file, *form, filename ? base_name(*filename) : std::string());
    }

    // A part's bytes: everything up to the next delimiter goes to the sink at
    // once, except a tail that could be the start of a delimiter split across
    // chunks, held back (never more than the delimiter's length). True when a
    // delimiter ended the part; `in` is then past it.
    result<bool> read_body(std::string_view& in)
    {
        std::string_view const d = delimiter_;
        if (!pending_.empty()) {
            // A delimiter starting in the held bytes lies whole within them and
            // the next |d| - 1 bytes.
            joint_.assign(pending_).append(in.substr(0, d.size() - 1));
            if (auto const p = find_delimiter(joint_); p != std::string_view::npos) {
                if (auto ok = deliver(std::string_view(joint_).substr(0, p)); !ok)
                    return ok.error();
                in.remove_prefix(p + d.size() - pending_.size());
                pending_.clear();
                return true;
            }
            if (in.size() < d.size() - 1) {
                std::size_t const keep = partial_delimiter(joint_);
                if (auto ok = deliver(std::string_view(joint_).substr(0, joint_.size() - keep)); !ok)
                    return ok.error();
                pending_.assign(joint_, joint_.size() - keep, keep);
                in = {};
                return false;
            }
            auto ok = deliver(pending_);
            pending_.clear();
            if (!ok)
                return ok.error();
        }
        if (auto const p = find_delimiter(in); p != std::string_view::npos) {
            if (auto ok = deliver(in.substr(0, p)); !ok)
                return ok.error();
            in.remove_prefix(p + d.size());
            return true;
        }
        std::size_t const keep = partial_delimiter(in);
        if (auto ok = deliver(in.substr(0, in.size() - keep)); !ok)
            return ok.error();
        pending_.assign(in.substr(in.size() - keep));
        in = {};
        return false;
    }

    // Boyer-Moore-Horspool: the delimiter (at most 74 bytes) is looked for by
    // its last byte, and most bytes of an image let the search skip ahead
    // the delimiter's length. (A search for its first byte, CR, stops every
    // 256 bytes of random data.) The full skip is its own branch: predicted,
    // the next load need not wait for this one and the table's.
    void index_delimiter() noexcept
    {
        std::size_t const m = delimiter_.size();
        skip_.fill(static_cast<std::uint8_t>(m));
        for (std::size_t i = 0; i + 1 < m; ++i)
            skip_[static_cast<unsigned char>(delimiter_[i])] = static_cast<std::uint8_t>(m - 1 - i);
    }
    std::size_t find_delimiter(std::string_view s) const noexcept
    {
        std::string_view const d = delimiter_;
        std::size_t const m = d.size();
        char const last = d.back();
        for (std::size_t pos = 0; pos + m <= s.size();) {
            char const c = s[pos + m - 1];
            std::size_t const shift = skip_[static_cast<unsigned char>(c)];
            if (shift == m && c != last) [[likely]] {
                pos += m;
                continue;
            }
            if (c == last && s.compare(pos, m - 1, d.substr(0, m - 1)) == 0)
                return pos;
            pos += shift;
        }
        return std::string_view::npos;
    }

    // Length of the longest end of `s` that begins the delimiter (less than all of it).
    std::size_t partial_delimiter(std::string_view s) const noexcept
    {
        std::string_view const d = delimiter_;
        std::size_t i = s.size() >= d.size() ? s.size() - d.size() + 1 : 0;
        for (; i < s.size(); ++i)
            if (s[i] == '\r' && d.starts_with(s.substr(i)))
                return s.size() - i;
        return 0;
    }

    // After the close: LXD 5.0.2 writes "\r\n--B--\r\n" once more. Accepted:
    // any sequence of CRLF, each optionally followed by "--B--"; nothing else.
    result<void> read_epilogue(char c)
    {
        std::size_t const close_size = delimiter_.size() + 2;  // "\r\n--B--"
        auto expected = [&](std::size_t i) { return i < delimiter_.size() ? delimiter_[i] : '-'; };
        if (c == '\r' && (matched_ == 2 || matched_ == close_size))
            matched_ = 1;
        else if (matched_ < close_size && c == expected(matched_))
            ++matched_;
        else
            return make_failure(error::invalid_value,
                                "the split image export has bytes after its closing boundary");
        return {};
    }

    result<export_info> conclude()
    {
        if (kind_ == export_kind::unified && files_.empty())
            if (auto ok = begin_file(export_file::unified, {}, unified_filename_); !ok)
                return ok.error();
        if (content_length_ && received_ != *content_length_)
            return make_failure(error::invalid_value, "the export ended after " + std::to_string(received_) +
                                                          " of its " + std::to_string(*content_length_) + " bytes");
        if (kind_ == export_kind::split) {
            bool const complete = state_ == state::epilogue &&
                                  (matched_ == 0 || matched_ == 2 || matched_ == delimiter_.size() + 2);
            if (!complete)
                return make_failure(error::invalid_value, "the split image export is truncated: it ended " +
                                                              where() + " (" + std::to_string(received_) +
                                                              " bytes)");
        }
        auto digest = hash_.finish();
        if (!digest)
            return digest.error();
        export_info info{kind_, std::move(files_), to_hex(*digest)};
        if (!info.fingerprint.starts_with(expected_))
            return make_failure(error::invalid_value,
                                "the image's fingerprint does not match: expected " + expected_ +
                                    ", the exported bytes hash to " + info.fingerprint);
        return info;
    }

    std::string where() const
    {
        std::string const part = std::to_string(files_.size() + (state_ == state::headers ? 1 : 0));
        switch (state_) {
        case state::opening: return "in its first boundary";
        case state::headers: return "in the headers of part " + part;
        case state::body: return "inside part " + part + " (" + files_.back().form_name + ")";
        case state::epilogue: return "inside the repeated closing boundary";
        default: return "before the closing boundary";
        }
    }

    export_sink sink_;
    std::string expected_;            // lower-case hex prefix, may be empty
    std::size_t max_header_ = 0;
    export_kind kind_ = export_kind::unified;
    state state_ = state::unified;
    std::string unified_filename_;
    std::string delimiter_;           // "\r\n--" + boundary
    std::array<std::uint8_t, 256> skip_{};  // find_delimiter's shift for each last byte
    std::size_t matched_ = 0;         // bytes matched of the opening boundary or of the epilogue
    std::string header_;              // the header block being read
    std::string pending_;             // part bytes held back: they may begin a delimiter
    std::string joint_;               // scratch: held bytes followed by the next chunk's first bytes
    std::vector<exported_file> files_;
    std::optional<std::uint64_t> content_length_;
    std::uint64_t received_ = 0;
    sha256 hash_;
    std::optional<failure> failed_;
};

/** Read a whole export that is already in memory (`res.body`): create, write, finish.

    @code
    auto res = transport(req);  // a small image, collected into the body
    auto info = lxd::read_export(*res, sink, {.expected_fingerprint = fp});
    @endcode
*/
inline result<export_info> read_export(response const& res, export_sink sink, export_options options = {})
{
    auto reader = export_reader::create(res, std::move(sink), std::move(options));
    if (!reader)
        return reader.error();
    if (auto ok = reader->write(res.body); !ok)
        return ok.error();
    return reader->finish();
}

/** Connects an export reader to a `cloudimg::body_sink`: the reader is
    created from the head the transport announces before the body, and fed
    each chunk as it arrives, so an export goes through the client like any call.

    @code
    lxd::export_receiver receiver(sink, {.expected_fingerprint = fp});
    auto head = api.send(lxd::export_image{.fingerprint = fp}, receiver.body_sink());
    if (!head) return head.error();               // transport, reader or LXD error (its envelope decoded)
    auto info = receiver.finish();                // complete, fingerprint checked
    @endcode
    @see cloudimg::body_sink, cloudimg::client::send
*/
class export_receiver {
public:
    /// @code lxd::export_receiver receiver(sink); @endcode
    explicit export_receiver(export_sink sink, export_options options = {})
        : sink_(std::move(sink)), options_(std::move(options))
    {
    }

    /// Take the next chunk of the body of the response `head`.
    /// @code auto ok = receiver(head, chunk); @endcode
    result<void> operator()(response const& head, std::string_view chunk)
    {
        if (auto ok = ensure_reader(head); !ok)
            return ok;
        return reader_->write(chunk);
    }

    /** A callable for the transport that refers to this receiver, which must outlive the call
        (a `std::function` would otherwise copy the receiver and its state).

        @code auto res = transport(req, receiver.body_sink()); @endcode
    */
    auto body_sink() noexcept
    {
        return [this](response const& head, std::string_view chunk) { return (*this)(head, chunk); };
    }

    /** The end of a successful exchange through `body_sink()`: the reader's `finish`.
        A transport that keeps the `cloudimg::body_sink` contract has announced
        the head, so the reader exists even for an empty body.

        @code auto info = receiver.finish(); @endcode
    */
    result<export_info> finish()
    {
        if (!reader_)
            return failed_ ? *failed_
                           : make_failure(error::invalid_argument, "the export receiver has seen no response head");
        return reader_->finish();
    }

    /** The end of the exchange that answered `res`, for a transport called
        directly: `res` creates the reader when the sink heard of no head.

        @code auto info = receiver.finish(*res); @endcode
    */
    result<export_info> finish(response const& res)
    {
        if (auto ok = ensure_reader(res); !ok)
            return ok.error();
        return reader_->finish();
    }

private:
    result<void> ensure_reader(response const& head)
    {
        if (reader_)
            return {};
        if (failed_)
            return *failed_;
        auto r = export_reader::create(head, std::move(sink_), std::move(options_));
        if (!r) {
            failed_ = r.error();
            return *failed_;
        }
        reader_.emplace(std::move(*r));
        return {};
    }

    export_sink sink_;
    export_options options_;
    std::optional<export_reader> reader_;
    std::optional<failure> failed_;
};

} // namespace cloudimg::lxd

#endif
