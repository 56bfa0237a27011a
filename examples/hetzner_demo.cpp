// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// hetzner_demo: a tour of cloudimg against the Hetzner Cloud images API.
//
//   hetzner_demo --local                            a Prism mock of the official spec, started here
//   hetzner_demo --token T [--base-url URL] [--image ID]   the real API (or any compatible server)
//
// It lists the images page by page, reads one, adds a label to it, flips its
// delete protection and waits for that action, then puts labels and protection
// back as they were. Against the real API only snapshots and backups can be
// changed, so it picks one of those (or the --image you name).

#include <cloudimg/client.hpp>
#include <cloudimg/curl.hpp>
#include <cloudimg/hetzner.hpp>
#include <cloudimg/version.hpp>

#include <prism_process.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace cloudimg;
using api_client = client<hetzner::config, curl::transport>;

void say(std::string_view text) { std::cout << "\n== " << text << '\n'; }

int usage()
{
    std::cout << "usage:\n"
                 "  hetzner_demo --local\n"
                 "      start a Stoplight Prism mock of the vendored Hetzner spec and run the tour against it\n"
                 "  hetzner_demo --token TOKEN [--base-url URL] [--image ID]\n"
                 "      run the tour against the real API (default URL https://api.hetzner.cloud/v1);\n"
                 "      it changes labels and protection of a snapshot or backup, and restores them\n";
    return 2;
}

int fail(failure const& f)
{
    std::cerr << "\nfailed: " << f.what() << '\n';
    if (!f.raw_body.empty())
        std::cerr << "response body: " << f.raw_body.substr(0, 600) << '\n';
    return 1;
}

// ------------------------------------------------------------------ the table

std::string fit(std::string s, std::size_t width)
{
    if (s.size() > width)
        s = s.substr(0, width - 3) + "...";
    return s;
}

std::string labels_text(std::map<std::string, std::string> const& labels)
{
    std::string s;
    for (auto const& [k, v] : labels) {
        if (!s.empty())
            s += ", ";
        s += v.empty() ? k : k + "=" + v;
    }
    return s.empty() ? "-" : s;
}

void print_table(std::vector<hetzner::image> const& images)
{
    std::printf("%-18s %-9s %-11s %-34s %7s  %-20s %s\n", "ID", "TYPE", "STATUS", "NAME / DESCRIPTION", "DISK",
                "CREATED", "LABELS");
    for (auto const& i : images) {
        // system images have a name; snapshots and backups only a description
        std::string title = i.name ? *i.name : i.description;
        std::string created;
        format_timestamp(created, i.created);
        char disk[32];
        std::snprintf(disk, sizeof disk, "%.0f GB", i.disk_size);
        std::printf("%-18lld %-9s %-11s %-34s %7s  %-20s %s%s\n", static_cast<long long>(i.id),
                    std::string(i.type.wire()).c_str(), std::string(i.status.wire()).c_str(),
                    fit(title, 34).c_str(), disk, fit(created, 20).c_str(), fit(labels_text(i.labels), 40).c_str(),
                    i.protection.delete_ ? "  [protected]" : "");
    }
}

// ------------------------------------------------------------------ the steps

/// All pages of GET /images, following meta.pagination.next_page.
result<std::vector<hetzner::image>, hetzner::hetzner_failure> list_all(api_client& api)
{
    std::vector<hetzner::image> all;
    std::optional<hetzner::list_images> page = hetzner::list_images{.sort = {hetzner::image_sort::id_asc},
                                                                    .per_page = 25};
    while (page) {
        std::int64_t const asked = page->page.value_or(1);
        auto res = api.send(*page);
        if (!res)
            return res.error();
        auto const& p = res->meta.pagination;
        std::cout << "  page " << p.page;
        if (p.last_page)
            std::cout << " of " << *p.last_page;
        std::cout << ": " << res->images.size() << " images";
        if (p.total_entries)
            std::cout << " (" << *p.total_entries << " in total)";
        std::cout << '\n';
        all.insert(all.end(), res->images.begin(), res->images.end());
        // A mock answers every request with the same example page; a real
        // server answers the page it was asked for. Do not loop on a mock.
        if (p.page != asked) {
            std::cout << "  the server answered page " << p.page << " when asked for page " << asked
                      << " (a mock replaying its example): not following next_page further\n";
            break;
        }
        page = hetzner::next_page(*page, *res);
        if (page)
            std::cout << "  meta.pagination.next_page = " << *page->page << ", fetching it\n";
    }
    return all;
}

/// Wait for an action until it is no longer running, polling GET /images/actions?id=...
result<hetzner::action, hetzner::action_failure> wait_for(api_client& api, hetzner::action const& started)
{
    std::cout << "  action " << started.id << " (" << started.command << ") is " << started.status.wire() << '\n';
    auto done = hetzner::wait_for_actions(
        hetzner::action_waiter(std::vector<hetzner::action>{started}),
        [&](hetzner::list_images_actions const& poll) {
            std::cout << "  polling GET /images/actions?id=" << poll.id.front() << '\n';
            return api.send(poll);
        },
        [](std::chrono::milliseconds delay) {
            std::cout << "  still running; waiting " << delay.count() << " ms\n";
            std::this_thread::sleep_for(delay);
        });
    if (!done)
        return done.error();
    auto const& a = done->front();
    std::cout << "  action " << a.id << " finished: " << a.status.wire() << " (" << a.progress << " %)\n";
    return a;
}

/// PUT /images/{id} with a new set of labels.
result<hetzner::image, hetzner::hetzner_failure> set_labels(api_client& api, std::int64_t id,
                                                             std::map<std::string, std::string> labels)
{
    auto res = api.send(hetzner::update_image{.id = id, .body = {.labels = std::move(labels)}});
    if (!res)
        return res.error();
    if (!res->image)
        return to_api_failure<hetzner::update_image>(make_failure(error::missing_field, "no image in the response", "image"));
    return *res->image;
}

/// POST /images/{id}/actions/change_protection, then wait for the action.
result<hetzner::action, hetzner::hetzner_failure> set_protection(api_client& api, std::int64_t id, bool protect)
{
    auto res = api.send(hetzner::change_image_protection{.id = id, .body = {.delete_ = protect}});
    if (!res)
        return res.error();
    auto done = wait_for(api, res->action);
    if (!done)
        return static_cast<hetzner::hetzner_failure const&>(done.error());
    return *done;
}

int tour(api_client& api, bool local, std::optional<std::int64_t> chosen)
{
    say("1. List the images, page by page (GET /images?sort=id:asc&per_page=25)");
    auto images = list_all(api);
    if (!images)
        return fail(images.error());
    std::cout << '\n';
    print_table(*images);

    // Only snapshots and backups can be changed; the mock does not care, and serves a system image.
    std::optional<std::int64_t> id = chosen;
    for (auto const& i : *images)
        if (!id && (i.type == hetzner::image_type::snapshot || i.type == hetzner::image_type::backup))
            id = i.id;
    if (!id && local && !images->empty())
        id = images->front().id;
    if (!id) {
        std::cout << "\nNo snapshot or backup in this project: Hetzner only lets you change those.\n"
                     "Create a snapshot, or pass --image ID, to see the rest of the tour.\n";
        return 0;
    }

    say("2. Read one image (GET /images/" + std::to_string(*id) + ")");
    auto got = api.send(hetzner::get_image{.id = *id});
    if (!got)
        return fail(got.error());
    if (!got->image)
        return fail(make_failure(error::missing_field, "no image in the response", "image"));
    hetzner::image const original = *got->image;
    print_table({original});

    say("3. Add a label (PUT /images/" + std::to_string(*id) + " with the whole label set)");
    auto labels = original.labels;
    labels["cloudimg-demo"] = "touched";
    auto updated = set_labels(api, *id, labels);
    if (!updated)
        return fail(updated.error());
    print_table({*updated});

    bool const protect = !original.protection.delete_;
    say(std::string("4. ") + (protect ? "Protect" : "Unprotect") + " it against deletion (POST /images/" +
        std::to_string(*id) + "/actions/change_protection) and wait for the action");
    if (auto a = set_protection(api, *id, protect); !a)
        return fail(a.error());

    say("5. Put everything back as it was");
    if (auto a = set_protection(api, *id, original.protection.delete_); !a)
        return fail(a.error());
    auto restored = set_labels(api, *id, original.labels);
    if (!restored)
        return fail(restored.error());
    print_table({*restored});
    if (local)
        std::cout << "\n(The mock answers with its examples, so the rows show the spec's example image,\n"
                     " not the changes: every request was still validated against the spec.)\n";
    say("Done.");
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    bool local = false;
    std::optional<std::string> token, base_url;
    std::optional<std::int64_t> image;
    for (int i = 1; i < argc; ++i) {
        std::string_view const a = argv[i];
        bool const has_value = i + 1 < argc;
        if (a == "--local")
            local = true;
        else if (a == "--token" && has_value)
            token = argv[++i];
        else if (a == "--base-url" && has_value)
            base_url = argv[++i];
        else if (a == "--image" && has_value) {
            std::string_view const v = argv[++i];
            std::int64_t n = 0;
            if (std::from_chars(v.data(), v.data() + v.size(), n).ptr != v.data() + v.size() || n <= 0)
                return usage();
            image = n;
        }
        else
            return usage();
    }
    if (local == token.has_value())  // exactly one of the two modes
        return usage();

    std::cout << "cloudimg " << CLOUDIMG_VERSION_STRING << " Hetzner Cloud images demo\n"
              << "Every call below is a typed endpoint value; cloudimg builds the HTTP request,\n"
              << "libcurl sends it, and cloudimg decodes the answer into structs (or a typed failure).\n";

    hetzner::config cfg;
    std::optional<test_support::prism_process> mock;
    if (local) {
#if defined(CLOUDIMG_PRISM_EXECUTABLE) && defined(CLOUDIMG_HETZNER_SPEC)
        std::string const exe = CLOUDIMG_PRISM_EXECUTABLE;
        if (exe.empty()) {
            std::cerr << "Prism was not found when this demo was configured; pass -DCLOUDIMG_PRISM_EXECUTABLE=...\n";
            return 1;
        }
        say("0. Start a local Prism mock of the official spec (it validates every request)");
        test_support::stop_prism_on_signals();
        auto started = test_support::prism_process::start({.executable = exe, .spec = CLOUDIMG_HETZNER_SPEC});
        if (!started)
            return fail(started.error());
        mock.emplace(std::move(*started));
        std::cout << "  Prism (pid " << mock->pid() << ") listens on " << mock->base_url() << '\n';
        cfg.token = "local-demo-token";
        cfg.base_url = mock->base_url();
#else
        std::cerr << "this build has no Prism configured\n";
        return 1;
#endif
    } else {
        cfg.token = *token;
        if (base_url)
            cfg.base_url = *base_url;
    }
    cfg.user_agent += " hetzner_demo";

    api_client api{std::move(cfg), curl::transport({.timeout = std::chrono::seconds(60)})};
    int const rc = tour(api, local, image);
    if (mock) {
        std::cout << "\nStopping Prism (pid " << mock->pid() << ").\n";
        mock->stop();
    }
    return rc;
}
