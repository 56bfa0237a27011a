// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Fuzz target for request building: the input is cut at NUL bytes into
// parameter values (path, query, header and body strings, tokens, user
// agents) for endpoints of all five providers, and every request `prepare`
// returns must be sound, or be an error:
// - the target is one path segment per path parameter: as many '/' as the
//   template and the base path have, no dot segment, only visible ASCII, one
//   '?' at most and no '#';
// - every header name is a token and no header value holds a control
//   character other than tab (nothing a server could read as a second
//   header or a second request);
// - a string body is valid JSON (Boost.JSON parses it, which checks UTF-8);
// - an error has a code, and its text never holds the token (the first
//   value, behind a marker).

#include "fuzz_check.hpp"

#include <cloudimg/hetzner.hpp>
#include <cloudimg/lxd.hpp>
#include <cloudimg/metal.hpp>
#include <cloudimg/openstack.hpp>
#include <cloudimg/oxide.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct values {
    std::vector<std::string> v;
    std::size_t next = 0;
    // v[0] is the token; the parameters cycle through the rest
    std::string const& operator()()
    {
        static std::string const empty;
        return v.size() < 2 ? empty : v[1 + next++ % (v.size() - 1)];
    }
};

std::size_t count(std::string_view s, char c) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), c)); }

template <class Config, class Endpoint>
void check(std::string_view input, std::string_view secret, Config const& cfg, Endpoint ep)
{
    using E = std::remove_cvref_t<Endpoint>;
    auto req = cloudimg::prepare(cfg, std::move(ep));
    if (!req) {
        if (!req.error().code)
            fuzz::violated("a failure without an error code", input);
        if (!secret.empty() && req.error().what().find(secret) != std::string::npos)
            fuzz::violated("an error text holds the token", input);
        return;
    }
    std::string_view const target = req->target;
    std::string_view const path = target.substr(0, target.find('?'));
    auto const base = cloudimg::split_base_url(cloudimg::request_hooks<Config>::base_url(cfg));
    if (!base)
        fuzz::violated("a request from an invalid base URL", input);
    if (!path.starts_with(base->path) ||
        count(path, '/') != count(base->path, '/') + count(std::string_view(E::path), '/'))
        fuzz::violated("a path parameter is not exactly one path segment", input);
    for (std::size_t i = 0; i < path.size();) {
        auto const end = std::min(path.find('/', i + 1), path.size());
        auto const seg = path.substr(i + 1, end - i - 1);
        if (seg == "." || seg == ".." || (seg.empty() && end != path.size()))
            fuzz::violated("an empty or dot segment in the path", input);
        i = end;
    }
    if (count(target, '?') > 1 || target.find('#') != std::string_view::npos)
        fuzz::violated("a second query or a fragment in the target", input);
    for (char c : target)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            fuzz::violated("a target byte that is not visible ASCII", input);
    if (!cloudimg::check_headers(req->headers))
        fuzz::violated("a header fails check_headers", input);
    for (auto const& h : req->headers)
        for (char c : h.value)
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
                fuzz::violated("a control character in a header value", input);
    if (auto const* body = std::get_if<std::string>(&req->body)) {
        boost::system::error_code ec;
        boost::json::parse(*body, ec);
        if (ec)
            fuzz::violated("a body that is not valid JSON", *body);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    values x;
    for (std::size_t i = 0; i <= input.size();) {
        auto const end = std::min(input.find('\0', i), input.size());
        x.v.emplace_back(input.substr(i, end - i));
        i = end + 1;
    }
    // The token carries a marker that no library text holds, so an error text
    // that holds the marker holds the token (unless a parameter has it too).
    std::string_view const marker = "#SECRET#";  // no escape in a message ends in "#"
    std::string const token = std::string(marker) + x.v[0];
    std::string_view secret = marker;
    for (std::size_t i = 1; i < x.v.size(); ++i)
        if (x.v[i].find(marker) != std::string::npos)
            secret = {};

    namespace hz = cloudimg::hetzner;
    hz::config const hcfg{.token = token, .user_agent = x()};
    check(input, secret, hcfg, hz::get_image{.id = static_cast<std::int64_t>(x().size())});
    check(input, secret, hcfg,
          hz::update_image{.id = 1, .body = {.description = x(), .labels = std::map<std::string, std::string>{{x(), x()}}}});
    check(input, secret, hcfg, hz::list_images{.name = x(), .label_selector = x()});

    namespace lxd = cloudimg::lxd;
    lxd::config const lcfg{.project = x(), .user_agent = x()};
    check(input, secret, lcfg, lxd::get_image{.fingerprint = x()});
    check(input, secret, lcfg,
          lxd::update_image{.fingerprint = x(), .body = {.properties = lxd::string_map{{x(), x()}}}, .project = x(),
                            .if_match = x()});
    check(input, secret, lcfg, lxd::get_alias{.name = x()});
    check(input, secret, lcfg, lxd::create_alias{.body = {.name = x(), .target = x(), .description = x()}});

    namespace ox = cloudimg::oxide;
    ox::config const ocfg{.base_url = "https://oxide.example.com", .token = token, .api_version = x(), .user_agent = x()};
    check(input, secret, ocfg, ox::view_image{.image = ox::name_or_id(x()), .project = ox::name_or_id(x())});
    check(input, secret, ocfg, ox::list_images{.page_token = x(), .project = ox::name_or_id(x())});

    namespace mt = cloudimg::metal;
    mt::config const mcfg{.base_url = "https://metal.example.com/", .auth = mt::bearer_token{token}, .user_agent = x()};
    check(input, secret, mcfg, mt::find_image{.id = x()});
    check(input, secret, mcfg, mt::create_image{.body = {.id = x(), .url = x(), .name = x(), .description = x()}});

    namespace os = cloudimg::openstack;
    os::config const scfg{.compute_url = "https://nova.example.com/v2.1", .token = token, .microversion = x(), .user_agent = x()};
    check(input, secret, scfg, os::show_image_metadata_item{.image_id = x(), .key = x()});
    std::string const key = x();
    check(input, secret, scfg, os::set_image_metadata_item{.image_id = x(), .key = key, .body = {.meta = {{key, x()}}}});
    check(input, secret, scfg, os::list_images{.name = x(), .marker = x()});
    return 0;
}
