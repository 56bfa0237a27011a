// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Lists the images of several clouds at once on one libuv loop: one
// cloudimg::uv::transport (libcurl's multi interface on the loop) shared by
// an async_client per provider, each walking its list page by page with
// cloudimg::paginator. Every request of every provider is in flight on the
// same thread; lines print as pages arrive. The README's libuv example.
//
// usage: uv_list_images [--hetzner URL TOKEN] [--oxide URL TOKEN] [--openstack COMPUTE_URL TOKEN]
//                       [--metal URL TOKEN] [--lxd-socket PATH]

#include <cloudimg/client.hpp>
#include <cloudimg/hetzner.hpp>
#include <cloudimg/lxd.hpp>
#include <cloudimg/metal.hpp>
#include <cloudimg/openstack.hpp>
#include <cloudimg/oxide.hpp>
#include <cloudimg/paginator.hpp>
#include <cloudimg/uv/transport.hpp>

#include <uv.h>

#include "list_all_async.hpp"

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace hetzner = cloudimg::hetzner;
namespace lxd = cloudimg::lxd;
namespace metal = cloudimg::metal;
namespace openstack = cloudimg::openstack;
namespace oxide = cloudimg::oxide;

int failures = 0;

void row(std::string_view provider, std::string_view id, std::string_view name)
{
    std::printf("%-10.*s %-40.*s %.*s\n", int(provider.size()), provider.data(), int(id.size()), id.data(),
                int(name.size()), name.data());
}

template <class Failure>
void report(std::string_view provider, Failure const& f)
{
    ++failures;
    std::cerr << provider << ": " << f.what() << '\n';
}

/// The list walker of list_all_async.hpp, reporting a failure on stderr.
template <class Api, class Endpoint, class OnPage>
void list_all(Api& api, std::string_view provider, Endpoint first, OnPage on_page)
{
    examples::list_all(api, std::move(first), std::move(on_page), [provider](std::string const& error) {
        if (!error.empty()) {
            ++failures;
            std::cerr << provider << ": " << error << '\n';
        }
    });
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string_view> args(argv + 1, argv + argc);
    auto value = [&](std::string_view flag, std::size_t n) -> std::string {
        for (std::size_t i = 0; i + n < args.size(); ++i)
            if (args[i] == flag)
                return std::string(args[i + n]);
        return {};
    };
    if (args.empty()) {
        std::cerr << "usage: uv_list_images [--hetzner URL TOKEN] [--oxide URL TOKEN] [--openstack COMPUTE_URL TOKEN]\n"
                     "                      [--metal URL TOKEN] [--lxd-socket PATH]\n";
        return 2;
    }

    uv_loop_t* loop = uv_default_loop();
    {
        // One transport, one connection pool, one loop: the clients refer to it.
        cloudimg::uv::transport shared(loop, {.timeout = std::chrono::seconds(60)});
        using cloudimg::async_client;
        using transport_ref = cloudimg::uv::transport&;

        std::optional<async_client<hetzner::config, transport_ref>> hz;
        if (auto url = value("--hetzner", 1); !url.empty()) {
            hz.emplace(hetzner::config{.token = value("--hetzner", 2), .base_url = url}, shared);
            list_all(*hz, "hetzner", hetzner::list_images{.per_page = 50}, [](hetzner::list_images_response const& page) {
                for (auto const& img : page.images)
                    row("hetzner", std::to_string(img.id), img.name ? *img.name : img.description);
            });
        }
        std::optional<async_client<oxide::config, transport_ref>> ox;
        if (auto url = value("--oxide", 1); !url.empty()) {
            ox.emplace(oxide::config{.base_url = url, .token = value("--oxide", 2)}, shared);
            list_all(*ox, "oxide", oxide::list_images{.limit = 100}, [](oxide::image_results_page const& page) {
                for (auto const& img : page.items)
                    row("oxide", img.id.text(), img.name);
            });
        }
        std::optional<async_client<openstack::config, transport_ref>> os;
        if (auto url = value("--openstack", 1); !url.empty()) {
            os.emplace(openstack::config{.compute_url = url, .token = value("--openstack", 2)}, shared);
            list_all(*os, "openstack", openstack::list_images_detail{.limit = 100},
                     [](openstack::list_images_detail_response const& page) {
                         for (auto const& img : page.images)
                             row("openstack", img.id, img.name ? *img.name : "");
                     });
        }
        // metal-stack and LXD answer with the whole list at once
        std::optional<async_client<metal::config, transport_ref>> mt;
        if (auto url = value("--metal", 1); !url.empty()) {
            mt.emplace(metal::config{.base_url = url, .auth = metal::bearer_token{value("--metal", 2)}}, shared);
            mt->send(metal::list_images{}, [](auto images) {
                if (!images)
                    return report("metal", images.error());
                for (auto const& img : *images)
                    row("metal", img.id, img.name.value_or(""));
            });
        }
        std::optional<cloudimg::uv::transport> lxd_socket;  // the local socket needs its own transport options
        std::optional<async_client<lxd::config, transport_ref>> lx;
        if (auto path = value("--lxd-socket", 1); !path.empty()) {
            lxd_socket.emplace(loop, cloudimg::curl::options{.unix_socket_path = path});
            lx.emplace(lxd::config{}, *lxd_socket);
            lx->send(lxd::list_images{}, [](auto images) {
                if (!images)
                    return report("lxd", images.error());
                for (auto const& img : *images)
                    row("lxd", img.fingerprint.substr(0, 12), img.filename);
            });
        }
        uv_run(loop, UV_RUN_DEFAULT);  // returns when every list is complete
    }
    uv_run(loop, UV_RUN_DEFAULT);  // the transports' handles close
    uv_loop_close(loop);
    return failures == 0 ? 0 : 1;
}
