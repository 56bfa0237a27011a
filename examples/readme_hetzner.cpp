// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The README's Hetzner example, compiled so that the README stays true.
// usage: readme_hetzner TOKEN IMAGE_ID [BASE_URL]

#include <cloudimg/client.hpp>
#include <cloudimg/curl.hpp>
#include <cloudimg/for_each_page.hpp>
#include <cloudimg/hetzner.hpp>
#include <cloudimg/send_with_retry.hpp>

#include <chrono>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

namespace hz = cloudimg::hetzner;

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::cerr << "usage: readme_hetzner TOKEN IMAGE_ID [BASE_URL]\n";
        return 2;
    }
    std::string const token = argv[1];
    std::int64_t const image_id = std::stoll(argv[2]);
    hz::config cfg{.token = token};
    if (argc > 3)
        cfg.base_url = argv[3];

    cloudimg::client api{cfg, cloudimg::curl::transport{}};

    // GET /images?type=snapshot&sort=created:desc&label_selector=env%3D%3Dprod, page by page
    auto selector = hz::label_selector().equals("env", "prod").build();  // validated: result<std::string>
    std::optional<hz::list_images> page = hz::list_images{
        .sort = {hz::image_sort::created_desc}, .type = {hz::image_type::snapshot},
        .label_selector = *selector, .per_page = 50};
    while (page) {
        auto res = api.send(*page);  // result<list_images_response, hetzner_failure>
        if (!res) {
            std::cerr << res.error().what() << '\n';
            return 1;
        }
        for (auto const& img : res->images)
            std::cout << img.id << ' ' << img.description << ' ' << img.type.wire() << '\n';
        page = hz::next_page(*page, *res);
    }

    // the same list, each page retried as hz::retry_policy says
    auto const sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
    auto const now = [] { return std::chrono::system_clock::now(); };
    auto pages = cloudimg::for_each_page(
        [&](hz::list_images const& ep) { return cloudimg::send_with_retry(api, ep, sleep, now, hz::retry_policy{}); },
        hz::list_images{.per_page = 50},
        [](hz::list_images_response const& listed) { std::cout << listed.images.size() << " images\n"; });
    if (!pages) {
        std::cerr << pages.error().what() << '\n';
        return 1;
    }

    // POST /images/{id}/actions/change_protection, then wait for the action
    auto changed = api.send(hz::change_image_protection{.id = image_id, .body = {.delete_ = true}});
    if (!changed) {
        std::cerr << changed.error().what() << '\n';
        return 1;
    }
    auto done = hz::wait_for_actions(
        hz::action_waiter({changed->action}),
        [&](hz::list_images_actions const& poll) { return api.send(poll); },
        [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); });
    if (!done) {
        std::cerr << done.error().what() << '\n';  // e.g. [action_failed]: ...
        return 1;
    }
    return 0;
}
