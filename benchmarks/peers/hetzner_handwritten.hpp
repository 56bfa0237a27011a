// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_BENCHMARKS_PEERS_HETZNER_HANDWRITTEN_HPP
#define CLOUDIMG_BENCHMARKS_PEERS_HETZNER_HANDWRITTEN_HPP

// The engineering floor on the same parser: a boost::json::basic_parser
// handler written by hand for a Hetzner page of images, filling the same
// structs with the same checks as cloudimg (known keys only, unknown ones
// skipped whole, type checked, required image keys, open enums, exact
// doubles with std::from_chars, RFC 3339 timestamps). What it leaves out is
// what makes cloudimg general: error paths and messages, and any other type.

#include <cloudimg/hetzner/models.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace peers {

class hetzner_page_handler {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    explicit hetzner_page_handler(cloudimg::hetzner::list_images_response& out) : page_(out) {}

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }

    bool on_object_begin(boost::system::error_code& ec)
    {
        if (skip_ > 0)
            return open_skipped();
        place next = place::top;
        if (depth_ > 0 && at() == place::images) {
            next = place::image;
            image_ = &page_.images.emplace_back();
            seen_ = 0;
        } else if (depth_ > 0 && field_ == unknown) {
            return open_skipped();
        } else if (depth_ > 0) {
            switch (at()) {
                case place::top: next = field_ == meta ? place::meta : none; break;
                case place::meta: next = field_ == pagination ? place::pagination : none; break;
                case place::image:
                    mark();
                    switch (field_) {
                        case created_from: next = place::created_from; image_->created_from.emplace(); break;
                        case protection: next = place::protection; break;
                        case labels: next = place::labels; break;
                        case deprecation: next = place::deprecation; image_->deprecation.emplace(); break;
                        default: next = none;
                    }
                    break;
                default: next = none;
            }
            if (next == none)
                return fail(ec);
        }
        stack_[depth_++] = next;
        field_ = unknown;
        return true;
    }
    bool on_object_end(std::size_t, boost::system::error_code& ec)
    {
        if (skip_ > 0)
            return close_skipped();
        if (at() == place::image && (seen_ & required_image_keys) != required_image_keys)
            return fail(ec);
        --depth_;
        field_ = unknown;
        return true;
    }
    bool on_array_begin(boost::system::error_code& ec)
    {
        if (skip_ > 0 || (depth_ > 0 && field_ == unknown))
            return open_skipped();
        if (depth_ == 0 || at() != place::top || field_ != images)
            return fail(ec);
        stack_[depth_++] = place::images;
        return true;
    }
    bool on_array_end(std::size_t, boost::system::error_code&)
    {
        if (skip_ > 0)
            return close_skipped();
        --depth_;
        field_ = unknown;
        return true;
    }
    bool on_key_part(boost::json::string_view s, std::size_t, boost::system::error_code&)
    {
        part_.append(s.data(), s.size());
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t, boost::system::error_code&)
    {
        if (skip_ > 0)
            return true;
        std::string_view k = whole(s);
        field_ = lookup(at(), k);
        if (at() == place::labels)
            label_key_.assign(k);
        part_.clear();
        return true;
    }
    bool on_string_part(boost::json::string_view s, std::size_t, boost::system::error_code&)
    {
        part_.append(s.data(), s.size());
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t, boost::system::error_code& ec)
    {
        if (skip_ > 0 || field_ == unknown)
            return true;
        std::string_view v = whole(s);
        bool ok = true;
        namespace h = cloudimg::hetzner;
        switch (at()) {
            case place::image:
                mark();
                switch (field_) {
                    case type: image_->type = cloudimg::open_enum<h::image_type>::from_wire(v); break;
                    case status: image_->status = cloudimg::open_enum<h::image_status>::from_wire(v); break;
                    case name: image_->name.emplace(v); break;
                    case description: image_->description.assign(v); break;
                    case created: ok = timestamp(v, image_->created); break;
                    case os_flavor: image_->os_flavor = cloudimg::open_enum<h::os_flavor>::from_wire(v); break;
                    case os_version: image_->os_version.emplace(v); break;
                    case deprecated: ok = timestamp(v, image_->deprecated.emplace()); break;
                    case deleted: image_->deleted.emplace(v); break;
                    case architecture: image_->architecture = cloudimg::open_enum<h::architecture>::from_wire(v); break;
                    default: ok = false;
                }
                break;
            case place::created_from: ok = field_ == name; if (ok) image_->created_from->name.assign(v); break;
            case place::labels: image_->labels.emplace(std::move(label_key_), v); break;
            case place::deprecation:
                ok = timestamp(v, field_ == announced ? image_->deprecation->announced : image_->deprecation->unavailable_after);
                break;
            default: ok = false;
        }
        part_.clear();
        return ok || fail(ec);
    }
    bool on_number_part(boost::json::string_view s, boost::system::error_code&)
    {
        part_.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t i, boost::json::string_view, boost::system::error_code& ec)
    {
        part_.clear();
        if (skip_ > 0 || field_ == unknown)
            return true;
        switch (at()) {
            case place::image:
                mark();
                switch (field_) {
                    case id: image_->id = i; return true;
                    case bound_to: image_->bound_to = i; return true;
                    case image_size: image_->image_size = static_cast<double>(i); return true;
                    case disk_size: image_->disk_size = static_cast<double>(i); return true;
                    default: return fail(ec);
                }
            case place::created_from:
                if (field_ != id)
                    return fail(ec);
                image_->created_from->id = i;
                return true;
            case place::pagination: {
                auto& p = page_.meta.pagination;
                switch (field_) {
                    case page: p.page = i; return true;
                    case per_page: p.per_page = i; return true;
                    case previous_page: p.previous_page = i; return true;
                    case next_page: p.next_page = i; return true;
                    case last_page: p.last_page = i; return true;
                    case total_entries: p.total_entries = i; return true;
                    default: return fail(ec);
                }
            }
            default: return fail(ec);
        }
    }
    bool on_uint64(std::uint64_t, boost::json::string_view, boost::system::error_code& ec)
    {
        part_.clear();
        return skip_ > 0 || field_ == unknown || fail(ec);  // above INT64_MAX: no field takes it
    }
    bool on_double(double, boost::json::string_view s, boost::system::error_code& ec)
    {
        std::string_view text = whole(s);
        double d = 0;
        bool const ok = std::from_chars(text.data(), text.data() + text.size(), d).ec == std::errc{};
        part_.clear();
        if (skip_ > 0 || field_ == unknown)
            return true;
        if (!ok || at() != place::image)
            return fail(ec);
        mark();
        if (field_ == image_size)
            image_->image_size = d;
        else if (field_ == disk_size)
            image_->disk_size = d;
        else
            return fail(ec);
        return true;
    }
    bool on_bool(bool b, boost::system::error_code& ec)
    {
        if (skip_ > 0 || field_ == unknown)
            return true;
        if (at() == place::image && field_ == rapid_deploy) {
            mark();
            image_->rapid_deploy = b;
            return true;
        }
        if (at() == place::protection && field_ == delete_) {
            image_->protection.delete_ = b;
            return true;
        }
        return fail(ec);
    }
    bool on_null(boost::system::error_code& ec)
    {
        if (skip_ > 0 || field_ == unknown)
            return true;
        if (at() == place::image) {
            mark();
            switch (field_) {
                case name: case image_size: case created_from: case bound_to: case os_version: case rapid_deploy:
                case deprecated: case deleted: case deprecation: return true;  // already empty
                default: return fail(ec);
            }
        }
        if (at() == place::pagination && field_ != page && field_ != per_page)
            return true;
        return fail(ec);
    }
    bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

private:
    enum class place : std::uint8_t { top, images, image, created_from, protection, labels, deprecation, meta, pagination };
    static constexpr place none = place(255);

    // Every key this handler knows, in one numbering (keys of different objects may share a number).
    enum key : std::uint8_t {
        id, type, status, name, description, image_size, disk_size, created, created_from, bound_to, os_flavor,
        os_version, rapid_deploy, protection, deprecated, deleted, labels, architecture, deprecation,  // image
        delete_, unavailable_after, announced, images, meta, pagination,
        page, per_page, previous_page, next_page, last_page, total_entries,
        label, unknown
    };
    // id type status name description image_size disk_size created created_from bound_to os_flavor
    // os_version protection deprecated deleted labels architecture (rapid_deploy and deprecation are optional)
    static constexpr std::uint32_t required_image_keys = ((1u << 19) - 1) & ~(1u << rapid_deploy) & ~(1u << deprecation);

    static key lookup(place where, std::string_view k) noexcept
    {
        switch (where) {
            case place::image:
                // By length, then the few names of that length.
                switch (k.size()) {
                    case 2: return k == "id" ? id : unknown;
                    case 4: return k == "type" ? type : k == "name" ? name : unknown;
                    case 6: return k == "status" ? status : k == "labels" ? labels : unknown;
                    case 7: return k == "created" ? created : k == "deleted" ? deleted : unknown;
                    case 8: return k == "bound_to" ? bound_to : unknown;
                    case 9: return k == "disk_size" ? disk_size : k == "os_flavor" ? os_flavor : unknown;
                    case 10: return k == "image_size" ? image_size : k == "os_version" ? os_version
                                  : k == "protection" ? protection : k == "deprecated" ? deprecated : unknown;
                    case 11: return k == "description" ? description : k == "deprecation" ? deprecation : unknown;
                    case 12: return k == "created_from" ? created_from : k == "rapid_deploy" ? rapid_deploy
                                  : k == "architecture" ? architecture : unknown;
                    default: return unknown;
                }
            case place::created_from: return k == "id" ? id : k == "name" ? name : unknown;
            case place::protection: return k == "delete" ? delete_ : unknown;
            case place::labels: return label;
            case place::deprecation: return k == "announced" ? announced : k == "unavailable_after" ? unavailable_after : unknown;
            case place::top: return k == "images" ? images : k == "meta" ? meta : unknown;
            case place::meta: return k == "pagination" ? pagination : unknown;
            case place::pagination:
                return k == "page" ? page : k == "per_page" ? per_page : k == "previous_page" ? previous_page
                     : k == "next_page" ? next_page : k == "last_page" ? last_page
                     : k == "total_entries" ? total_entries : unknown;
            default: return unknown;
        }
    }

    static bool timestamp(std::string_view v, cloudimg::timestamp& out)
    {
        auto t = cloudimg::parse_timestamp(v);
        if (!t)
            return false;
        out = *t;
        return true;
    }

    place at() const noexcept { return stack_[depth_ - 1]; }
    void mark() noexcept { seen_ |= 1u << field_; }
    std::string_view whole(boost::json::string_view s)
    {
        if (part_.empty())
            return {s.data(), s.size()};
        part_.append(s.data(), s.size());
        return part_;
    }
    bool open_skipped() noexcept
    {
        ++skip_;
        return true;
    }
    bool close_skipped() noexcept
    {
        if (--skip_ == 0)
            field_ = unknown;
        return true;
    }
    static bool fail(boost::system::error_code& ec)
    {
        ec = boost::json::error::syntax;  // the floor does not say why
        return false;
    }

    cloudimg::hetzner::list_images_response& page_;
    cloudimg::hetzner::image* image_ = nullptr;
    place stack_[8]{};
    int depth_ = 0;
    key field_ = unknown;
    std::uint32_t seen_ = 0;
    std::size_t skip_ = 0;
    std::string part_;       // a string, key or number in pieces
    std::string label_key_;  // the label whose value comes next
};

/// Decode a Hetzner page of images with the hand-written handler; false on any error.
inline bool decode_handwritten(std::string_view text, cloudimg::hetzner::list_images_response& page)
{
    boost::json::basic_parser<hetzner_page_handler> p({}, page);
    boost::system::error_code ec;
    p.write_some(false, text.data(), text.size(), ec);
    return !ec;
}

} // namespace peers

#endif
