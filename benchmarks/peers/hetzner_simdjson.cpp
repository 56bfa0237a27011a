// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// simdjson On-Demand into the structs of a Hetzner page (see hetzner_simdjson.hpp).
// On-Demand uses the kernel chosen at compile time, so this file alone is
// compiled for the host (-march=native, benchmarks/CMakeLists.txt): without
// it simdjson would run its portable fallback here, and with it everywhere
// the other decoders would be measured with flags a user's build lacks.

#include "hetzner_simdjson.hpp"

#include <simdjson.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace peers::sj {

namespace od = simdjson::ondemand;

namespace {

cloudimg::timestamp timestamp(od::value v)
{
    auto t = cloudimg::parse_timestamp(std::string_view(v));
    if (!t)
        throw std::invalid_argument("not an RFC 3339 timestamp");
    return *t;
}

template <class T, class Read>
void nullable(od::value v, cloudimg::nullable<T>& out, Read read)
{
    if (v.is_null())
        out.reset();
    else
        out = read(v);
}

void read_image(od::object o, cloudimg::hetzner::image& img)
{
    namespace h = cloudimg::hetzner;
    std::uint32_t seen = 0;
    auto string = [](od::value v) { return std::string(std::string_view(v)); };
    auto number = [](od::value v) { return double(v); };
    for (auto field : o) {
        std::string_view const k = field.unescaped_key();
        od::value v = field.value();
        int bit = 0;
        if (k == "id") {
            img.id = std::int64_t(v);
        } else if (bit = 1, k == "type") {
            img.type = cloudimg::open_enum<h::image_type>::from_wire(std::string_view(v));
        } else if (bit = 2, k == "status") {
            img.status = cloudimg::open_enum<h::image_status>::from_wire(std::string_view(v));
        } else if (bit = 3, k == "name") {
            nullable(v, img.name, string);
        } else if (bit = 4, k == "description") {
            img.description = std::string_view(v);
        } else if (bit = 5, k == "image_size") {
            nullable(v, img.image_size, number);
        } else if (bit = 6, k == "disk_size") {
            img.disk_size = double(v);
        } else if (bit = 7, k == "created") {
            img.created = timestamp(v);
        } else if (bit = 8, k == "created_from") {
            nullable(v, img.created_from, [](od::value c) {
                h::created_from_info info{};
                std::uint32_t got = 0;
                for (auto f : c.get_object()) {
                    std::string_view const ck = f.unescaped_key();
                    if (ck == "id")
                        info.id = std::int64_t(f.value()), got |= 1;
                    else if (ck == "name")
                        info.name = std::string_view(f.value()), got |= 2;
                }
                if (got != 3)
                    throw std::invalid_argument("created_from: missing key");
                return info;
            });
        } else if (bit = 9, k == "bound_to") {
            nullable(v, img.bound_to, [](od::value b) { return std::int64_t(b); });
        } else if (bit = 10, k == "os_flavor") {
            img.os_flavor = cloudimg::open_enum<h::os_flavor>::from_wire(std::string_view(v));
        } else if (bit = 11, k == "os_version") {
            nullable(v, img.os_version, string);
        } else if (bit = 12, k == "rapid_deploy") {
            if (!v.is_null())
                img.rapid_deploy = bool(v);
        } else if (bit = 13, k == "protection") {
            bool got = false;
            for (auto f : v.get_object())
                if (f.unescaped_key().value() == "delete")
                    img.protection.delete_ = bool(f.value()), got = true;
            if (!got)
                throw std::invalid_argument("protection: missing delete");
        } else if (bit = 14, k == "deprecated") {
            nullable(v, img.deprecated, [](od::value t) { return timestamp(t); });
        } else if (bit = 15, k == "deleted") {
            nullable(v, img.deleted, string);
        } else if (bit = 16, k == "labels") {
            for (auto f : v.get_object())
                img.labels.emplace(std::string_view(f.unescaped_key()), std::string_view(f.value()));
        } else if (bit = 17, k == "architecture") {
            img.architecture = cloudimg::open_enum<h::architecture>::from_wire(std::string_view(v));
        } else if (bit = 18, k == "deprecation") {
            if (!v.is_null()) {
                auto& d = img.deprecation.emplace();
                for (auto f : v.get_object()) {
                    std::string_view const dk = f.unescaped_key();
                    if (dk == "unavailable_after")
                        d.unavailable_after = timestamp(f.value());
                    else if (dk == "announced")
                        d.announced = timestamp(f.value());
                }
            }
        } else {
            continue;  // unknown key: On-Demand skips its value
        }
        seen |= 1u << bit;
    }
    constexpr std::uint32_t required = ((1u << 19) - 1) & ~(1u << 12) & ~(1u << 18);
    if ((seen & required) != required)
        throw std::invalid_argument("image: missing key");
}

} // namespace

struct ondemand_decoder::impl {
    od::parser parser;
};

ondemand_decoder::ondemand_decoder() : impl_(std::make_unique<impl>()) {}
ondemand_decoder::~ondemand_decoder() = default;

std::size_t ondemand_decoder::padding() noexcept { return simdjson::SIMDJSON_PADDING; }

bool ondemand_decoder::decode(std::string_view padded, cloudimg::hetzner::list_images_response& page)
{
    auto& parser = impl_->parser;
    simdjson::padded_string_view text(padded.data(), padded.size(), padded.size() + padding());
    try {
        od::document doc = parser.iterate(text);
        bool images = false, pagination = false;
        for (auto field : doc.get_object()) {
            std::string_view const k = field.unescaped_key();
            if (k == "images") {
                for (auto i : field.value().get_array())
                    read_image(i.get_object(), page.images.emplace_back());
                images = true;
            } else if (k == "meta") {
                for (auto m : field.value().get_object()) {
                    if (m.unescaped_key().value() != "pagination")
                        continue;
                    auto& p = page.meta.pagination;
                    auto int_or_null = [](od::value v, cloudimg::nullable<std::int64_t>& out) {
                        nullable(v, out, [](od::value n) { return std::int64_t(n); });
                    };
                    std::uint32_t got = 0;
                    for (auto f : m.value().get_object()) {
                        std::string_view const pk = f.unescaped_key();
                        od::value v = f.value();
                        if (pk == "page")
                            p.page = std::int64_t(v), got |= 1;
                        else if (pk == "per_page")
                            p.per_page = std::int64_t(v), got |= 2;
                        else if (pk == "previous_page")
                            int_or_null(v, p.previous_page), got |= 4;
                        else if (pk == "next_page")
                            int_or_null(v, p.next_page), got |= 8;
                        else if (pk == "last_page")
                            int_or_null(v, p.last_page), got |= 16;
                        else if (pk == "total_entries")
                            int_or_null(v, p.total_entries), got |= 32;
                    }
                    pagination = got == 63;
                }
            }
        }
        return images && pagination;  // (simdjson 3.0 has no check for trailing bytes)
    } catch (std::exception const&) {
        return false;
    }
}

} // namespace peers::sj
