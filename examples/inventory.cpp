// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// inventory: every image of five clouds in one table. All providers are
// listed at once, page by page, on one libuv loop (one cloudimg::uv::transport
// shared by an async_client per provider); each image becomes a
// cloudimg::image_summary, and the table is sorted by OS and version. Then a
// short summary per provider: images, total size, pages, requests, time.
//
//   inventory --local [--json]      Prism mocks of four official specs and a private LXD daemon, started here
//   inventory [endpoints] [--json]  real endpoints; a provider without one is skipped with a note
//
// Run without arguments for the endpoint options.

#include <cloudimg/client.hpp>
#include <cloudimg/hetzner.hpp>
#include <cloudimg/image_summary.hpp>
#include <cloudimg/json.hpp>
#include <cloudimg/lxd.hpp>
#include <cloudimg/metal.hpp>
#include <cloudimg/metal/hmac.hpp>
#include <cloudimg/openstack.hpp>
#include <cloudimg/oxide.hpp>
#include <cloudimg/uv/transport.hpp>

#include <uv.h>

#include "inventory_local.hpp"
#include "list_all_async.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace hetzner = cloudimg::hetzner;
namespace lxd = cloudimg::lxd;
namespace metal = cloudimg::metal;
namespace openstack = cloudimg::openstack;
namespace oxide = cloudimg::oxide;
namespace keystone = cloudimg::openstack::keystone;
using cloudimg::image_summary;
using steady = std::chrono::steady_clock;

int usage()
{
    std::cerr <<
        R"(usage: inventory --local [--json]
       inventory [PROVIDER OPTIONS] [--json] [--max-pages N]

  --local                     start Prism mocks of the official Hetzner, Oxide, metal-stack and
                              OpenStack specs and a private LXD daemon (root) with two generated
                              images, list them all, and stop them again
  --json                      JSON lines instead of the table: one per image, one per provider

  --hetzner-token T [--hetzner-url URL]          (default https://api.hetzner.cloud/v1)
  --lxd-socket PATH                              a local daemon's unix socket
  --lxd-url URL --lxd-cert CRT --lxd-key KEY [--lxd-ca CA]   a remote daemon, TLS client certificate
  --oxide-url URL --oxide-token T
  --metal-url URL (--metal-hmac KEY [--metal-auth-type Metal-View] | --metal-token JWT)
  --openstack-auth-url URL --openstack-user U --openstack-password P --openstack-project P
      [--openstack-domain Default] [--openstack-region R]   Keystone v3, then the catalog's compute endpoint
  --openstack-url COMPUTE_URL --openstack-token T             a compute endpoint and token directly
)";
    return 2;
}

/// What one provider's listing came to.
struct tally {
    std::string provider;
    std::string skipped;  ///< why it was not listed; empty when it was
    std::string error;    ///< why the listing stopped early; empty when it completed
    std::vector<image_summary> images;
    std::size_t pages = 0;
    std::size_t requests = 0;
    std::size_t repeated = 0;  ///< images a server sent again on a later page (a mock answers every page alike)
    steady::time_point started{}, finished{};

    void start() { started = steady::now(); }
    void done(std::string const& failure)
    {
        error = failure;
        finished = steady::now();
    }
    template <class Range>
    void add(Range const& range)
    {
        ++pages;
        for (auto const& img : range) {
            auto s = cloudimg::summarize(img);
            bool const seen = std::any_of(images.begin(), images.end(), [&](auto const& o) { return o.id == s.id; });
            if (seen)
                ++repeated;
            else
                images.push_back(std::move(s));
        }
    }
    /// The sum of the sizes the provider reports; nothing when it reports none.
    std::optional<std::uint64_t> total_bytes() const
    {
        std::optional<std::uint64_t> n;
        for (auto const& s : images)
            if (s.size_bytes)
                n = n.value_or(0) + *s.size_bytes;
        return n;
    }
    double seconds() const { return std::chrono::duration<double>(finished - started).count(); }
};

/// One provider's line of --json: what the table's summary shows.
struct provider_line {
    std::string kind = "provider";
    std::string provider;
    std::optional<std::string> skipped{};
    std::optional<std::string> error{};
    std::optional<std::size_t> images{}, pages{}, requests{}, repeated{};
    std::optional<std::uint64_t> total_bytes{};
    std::optional<double> seconds{};
};
BOOST_DESCRIBE_STRUCT(provider_line, (), (kind, provider, skipped, error, images, pages, requests, repeated, total_bytes,
                                          seconds))

// ------------------------------------------------------------------ the table

/// "24.04" < "24.10" < "100": digits compare as numbers, the rest as text.
bool version_less(std::string_view a, std::string_view b)
{
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        bool const da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
        bool const db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
        if (da && db) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie])))
                ++ie;
            while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je])))
                ++je;
            auto na = a.substr(i, ie - i), nb = b.substr(j, je - j);
            while (na.size() > 1 && na.front() == '0')
                na.remove_prefix(1);
            while (nb.size() > 1 && nb.front() == '0')
                nb.remove_prefix(1);
            if (na.size() != nb.size())
                return na.size() < nb.size();
            if (na != nb)
                return na < nb;
            i = ie;
            j = je;
        } else {
            if (a[i] != b[j])
                return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

/// By OS, then version (images without them last), then provider and id.
bool table_order(image_summary const& a, image_summary const& b)
{
    if (a.os.has_value() != b.os.has_value())
        return a.os.has_value();
    if (a.os != b.os)
        return *a.os < *b.os;
    if (a.os_version.has_value() != b.os_version.has_value())
        return a.os_version.has_value();
    if (a.os_version && *a.os_version != *b.os_version)
        return version_less(*a.os_version, *b.os_version);
    if (a.provider != b.provider)
        return a.provider < b.provider;
    return a.id < b.id;
}

std::string fit(std::string s, std::size_t width)
{
    if (s.size() > width)
        s = s.substr(0, width - 3) + "...";
    return s;
}

std::string or_dash(std::optional<std::string> const& s) { return s ? *s : "-"; }

void print_table(std::vector<image_summary> images)
{
    std::sort(images.begin(), images.end(), table_order);
    std::printf("%-9s %-36s %-24s %-16s %-14s %-7s %9s %-11s %s\n", "PROVIDER", "ID", "NAME", "OS", "VERSION",
                "ARCH", "SIZE", "STATUS", "CREATED");
    for (auto const& s : images) {
        // LXD accepts any unique prefix of a fingerprint; 12 digits are what `lxc image list` shows
        std::string id = s.provider == "lxd" ? s.id.substr(0, 12) : s.id;
        std::string created = "-";
        if (s.created) {
            created.clear();
            cloudimg::format_timestamp(created, *s.created);
            created = created.substr(0, 10);  // the date is enough here
        }
        std::string status = s.status_text ? *s.status_text : s.status ? std::string(to_string(*s.status)) : "-";
        std::string name = s.name ? *s.name : or_dash(s.description);
        std::printf("%-9s %-36s %-24s %-16s %-14s %-7s %9s %-11s %s\n", s.provider.c_str(), fit(id, 36).c_str(),
                    fit(name, 24).c_str(), fit(or_dash(s.os), 16).c_str(), fit(or_dash(s.os_version), 14).c_str(),
                    fit(or_dash(s.architecture), 7).c_str(),
                    s.size_bytes ? cloudimg::format_bytes(*s.size_bytes).c_str() : "-", fit(status, 11).c_str(),
                    created.c_str());
    }
}

void print_summary(std::vector<tally> const& all)
{
    std::printf("\n%-9s %7s %12s %6s %9s %8s\n", "PROVIDER", "IMAGES", "TOTAL SIZE", "PAGES", "REQUESTS", "TIME");
    for (auto const& t : all) {
        if (!t.skipped.empty()) {
            std::printf("%-9s skipped: %s\n", t.provider.c_str(), t.skipped.c_str());
            continue;
        }
        auto total = t.total_bytes();
        std::printf("%-9s %7zu %12s %6zu %9zu %7.2fs", t.provider.c_str(), t.images.size(),
                    total ? cloudimg::format_bytes(*total).c_str() : "-", t.pages, t.requests, t.seconds());
        if (t.repeated != 0)
            std::printf("  (%zu repeated on later pages, shown once)", t.repeated);
        if (!t.error.empty())
            std::printf("  failed: %s", t.error.c_str());
        std::printf("\n");
    }
}

void print_json(std::vector<tally> const& all)
{
    for (auto const& t : all)
        for (auto const& s : t.images)
            std::cout << R"({"kind":"image",)" << cloudimg::json::encode(s).substr(1) << '\n';
    for (auto const& t : all) {
        provider_line line{.provider = t.provider};
        if (!t.skipped.empty()) {
            line.skipped = t.skipped;
        } else {
            if (!t.error.empty())
                line.error = t.error;
            line.images = t.images.size();
            line.pages = t.pages;
            line.requests = t.requests;
            line.repeated = t.repeated;
            line.total_bytes = t.total_bytes();
            line.seconds = t.seconds();
        }
        std::cout << cloudimg::json::encode(line) << '\n';
    }
}

// ------------------------------------------------------------------ options

struct arguments {
    std::vector<std::string_view> args;
    std::string value(std::string_view flag) const
    {
        for (std::size_t i = 0; i + 1 < args.size(); ++i)
            if (args[i] == flag)
                return std::string(args[i + 1]);
        return {};
    }
    bool has(std::string_view flag) const { return std::find(args.begin(), args.end(), flag) != args.end(); }
};

} // namespace

int main(int argc, char** argv)
{
    arguments a{{argv + 1, argv + argc}};
    if (a.args.empty() || a.has("--help") || a.has("-h"))
        return usage();
    bool const json_lines = a.has("--json");
    std::size_t max_pages = 1000;
    if (auto m = a.value("--max-pages"); !m.empty())
        max_pages = std::stoul(m);
    auto progress = [&](std::string const& line) { std::cerr << "inventory: " << line << '\n'; };

    // --local: the peers start here, and their endpoints become the options.
    std::optional<examples::local_peers> peers;
    std::vector<std::string> local_args;
    if (a.has("--local")) {
        peers.emplace();
        examples::start_local_peers(*peers, CLOUDIMG_PRISM_EXECUTABLE, progress);
        for (auto const& p : peers->problems)
            progress(p);
        auto add = [&](std::initializer_list<std::string> more) { local_args.insert(local_args.end(), more); };
        if (peers->hetzner)
            add({"--hetzner-url", peers->hetzner->base_url(), "--hetzner-token", "local"});
        if (peers->oxide)
            add({"--oxide-url", peers->oxide->base_url(), "--oxide-token", "local"});
        if (peers->metal)
            add({"--metal-url", peers->metal->base_url(), "--metal-token", "local"});
        if (peers->openstack)
            add({"--openstack-url", peers->openstack->base_url() + "/v2.1", "--openstack-token", "local"});
        if (peers->lxd)
            add({"--lxd-socket", peers->lxd->socket_path()});
        a.args.insert(a.args.end(), local_args.begin(), local_args.end());
        progress("listing");
    }

    std::vector<tally> all(5);
    tally& hz_t = all[0];
    tally& lx_t = all[1];
    tally& mt_t = all[2];
    tally& ox_t = all[3];
    tally& os_t = all[4];
    hz_t.provider = "hetzner";
    lx_t.provider = "lxd";
    mt_t.provider = "metal";
    ox_t.provider = "oxide";
    os_t.provider = "openstack";

    uv_loop_t* loop = uv_default_loop();
    {
        using cloudimg::async_client;
        using transport_ref = cloudimg::uv::transport&;
        // One transport, one connection pool, one loop: the HTTP clients refer to it.
        cloudimg::uv::transport shared(loop, {.timeout = std::chrono::seconds(60)});

        // Hetzner: pages of 50, meta.pagination.next_page
        std::optional<async_client<hetzner::config, transport_ref>> hz;
        if (auto token = a.value("--hetzner-token"); !token.empty()) {
            auto url = a.value("--hetzner-url");
            hz.emplace(hetzner::config{.token = token, .base_url = url.empty() ? "https://api.hetzner.cloud/v1" : url},
                       shared);
            hz_t.start();
            examples::list_all(
                *hz, hetzner::list_images{.per_page = 50},
                [&](hetzner::list_images_response const& page) { hz_t.add(page.images); },
                [&](std::string const& e) { hz_t.done(e); }, max_pages);
        } else {
            hz_t.skipped = "no --hetzner-token";
        }

        // Oxide: pages of 100, page_token
        std::optional<async_client<oxide::config, transport_ref>> ox;
        if (auto url = a.value("--oxide-url"); !url.empty()) {
            ox.emplace(oxide::config{.base_url = url, .token = a.value("--oxide-token")}, shared);
            ox_t.start();
            examples::list_all(
                *ox, oxide::list_images{.limit = 100}, [&](oxide::image_results_page const& page) { ox_t.add(page.items); },
                [&](std::string const& e) { ox_t.done(e); }, max_pages);
        } else {
            ox_t.skipped = "no --oxide-url";
        }

        // metal-stack: the whole list in one answer
        std::optional<async_client<metal::config, transport_ref>> mt;
        if (auto url = a.value("--metal-url"); !url.empty()) {
            metal::config cfg{.base_url = url};
            if (auto key = a.value("--metal-hmac"); !key.empty()) {
                auto type = a.value("--metal-auth-type");
                cfg.auth = metal::request_signer(
                    metal::hmac_signer{.key = key, .auth_type = type.empty() ? std::string(metal::hmac_type::view) : type});
            } else {
                cfg.auth = metal::bearer_token{a.value("--metal-token")};
            }
            mt.emplace(std::move(cfg), shared);
            mt_t.start();
            mt_t.requests = 1;
            mt->send(metal::list_images{}, [&](auto images) {
                if (images)
                    mt_t.add(*images);
                mt_t.done(images ? std::string() : images.error().what());
            });
        } else {
            mt_t.skipped = "no --metal-url";
        }

        // OpenStack: pages of 100 following images_links; a Keystone token first unless one is given
        std::optional<async_client<openstack::config, transport_ref>> os;
        auto list_openstack = [&](std::string compute_url, std::string token) {
            os.emplace(openstack::config{.compute_url = std::move(compute_url), .token = std::move(token)}, shared);
            examples::list_all(
                *os, openstack::list_images_detail{.limit = 100},
                [&](openstack::list_images_detail_response const& page) { os_t.add(page.images); },
                [&](std::string const& e) { os_t.done(e); }, max_pages);
        };
        if (auto url = a.value("--openstack-url"); !url.empty()) {
            os_t.start();
            list_openstack(url, a.value("--openstack-token"));
        } else if (auto auth = a.value("--openstack-auth-url"); !auth.empty()) {
            auto domain = a.value("--openstack-domain");
            if (domain.empty())
                domain = "Default";
            auto login = keystone::token_request(keystone::password_auth{
                .auth_url = auth, .username = a.value("--openstack-user"), .user_domain_name = domain,
                .password = a.value("--openstack-password"), .project_name = a.value("--openstack-project"),
                .project_domain_name = domain});
            os_t.start();
            if (!login) {
                os_t.done(login.error().what());
            } else {
                ++os_t.requests;
                shared(std::move(*login), [&, region = a.value("--openstack-region")](cloudimg::result<cloudimg::response> r) {
                    if (!r)
                        return os_t.done(r.error().what());
                    auto token = keystone::parse_token_response(*r);
                    if (!token)
                        return os_t.done(token.error().what());
                    auto compute = keystone::find_endpoint(token->info, {.region = region});
                    if (!compute)
                        return os_t.done(compute.error().what());
                    list_openstack(*compute, token->id);
                });
            }
        } else {
            os_t.skipped = "no --openstack-url or --openstack-auth-url";
        }

        // LXD: the whole list in one answer, over a unix socket or TLS with a client certificate
        std::optional<cloudimg::uv::transport> lxd_transport;  // its own curl options
        std::optional<async_client<lxd::config, transport_ref>> lx;
        cloudimg::curl::options lxd_options{.timeout = std::chrono::seconds(60)};
        lxd::config lxd_config{};
        bool lxd_given = true;
        if (auto path = a.value("--lxd-socket"); !path.empty()) {
            lxd_options.unix_socket_path = path;
        } else if (auto url = a.value("--lxd-url"); !url.empty()) {
            lxd_config.base_url = url;
            lxd_options.client_certificate = a.value("--lxd-cert");
            lxd_options.client_key = a.value("--lxd-key");
            lxd_options.ca_file = a.value("--lxd-ca");
        } else {
            lxd_given = false;
            lx_t.skipped = "no --lxd-socket or --lxd-url";
        }
        if (lxd_given) {
            lxd_transport.emplace(loop, std::move(lxd_options));
            lx.emplace(lxd_config, *lxd_transport);
            lx_t.start();
            lx_t.requests = 1;
            lx->send(lxd::list_images{}, [&](auto images) {
                if (images)
                    lx_t.add(*images);
                lx_t.done(images ? std::string() : images.error().what());
            });
        }

        // requests: every page is one (metal and LXD counted above)
        uv_run(loop, UV_RUN_DEFAULT);  // returns when every list is complete
        hz_t.requests = hz_t.pages + (hz_t.error.empty() ? 0 : 1);
        ox_t.requests = ox_t.pages + (ox_t.error.empty() ? 0 : 1);
        if (os)
            os_t.requests += os_t.pages + (os_t.error.empty() ? 0 : 1);
    }
    uv_run(loop, UV_RUN_DEFAULT);  // the transports' handles close
    uv_loop_close(loop);

    for (auto const& t : all)
        if (!t.skipped.empty() && !json_lines)
            progress(t.provider + " skipped: " + t.skipped);

    std::vector<image_summary> images;
    for (auto const& t : all)
        images.insert(images.end(), t.images.begin(), t.images.end());
    if (json_lines) {
        print_json(all);
    } else {
        print_table(std::move(images));
        print_summary(all);
    }
    std::cout.flush();
    if (peers) {
        progress("stopping the local peers");
        peers.reset();
    }
    bool failed = std::any_of(all.begin(), all.end(), [](tally const& t) { return !t.error.empty(); });
    return failed ? 1 : 0;
}
