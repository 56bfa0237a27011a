// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_EXAMPLES_PROTECT_SNAPSHOTS_HPP
#define CLOUDIMG_EXAMPLES_PROTECT_SNAPSHOTS_HPP

// The README's "Testing code that uses cloudimg": the user's code under test.
// Shared by examples/readme_testing.cpp and tests/testing/test_readme.cpp, so
// the README, the example and the test cannot drift apart.

#include <cloudimg/hetzner.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace example {

namespace hz = cloudimg::hetzner;

/// Protect every snapshot labelled env=prod against deletion and wait until
/// Hetzner has done it; the ids of the images it protected, or the first failure.
/// `Client` is any cloudimg::client: over libcurl in the program, scripted in its test.
template <class Client, class Sleep>
cloudimg::result<std::vector<std::int64_t>> protect_prod_snapshots(Client& api, Sleep&& sleep)
{
    std::vector<std::int64_t> ids;
    std::vector<hz::action> actions;
    std::optional<hz::list_images> page =
        hz::list_images{.type = {hz::image_type::snapshot}, .label_selector = "env==prod", .per_page = 25};
    while (page) {
        auto res = api.send(*page);
        if (!res)
            return res.error();
        for (auto const& img : res->images) {
            if (img.protection.delete_)
                continue;  // already protected
            auto changed = api.send(hz::change_image_protection{.id = img.id, .body = {.delete_ = true}});
            if (!changed)
                return changed.error();
            ids.push_back(img.id);
            actions.push_back(changed->action);
        }
        page = hz::next_page(*page, *res);
    }
    auto done = hz::wait_for_actions(
        hz::action_waiter(std::move(actions)),
        [&](hz::list_images_actions const& poll) { return api.send(poll); },
        std::forward<Sleep>(sleep));
    if (!done)
        return done.error();
    return ids;
}

} // namespace example

#endif
