// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The README's Oxide and metal-stack examples, compiled so that the README
// stays true. usage: readme_providers oxide TOKEN | metal HMAC_KEY

#include <cloudimg/client.hpp>
#include <cloudimg/curl.hpp>
#include <cloudimg/metal.hpp>
#include <cloudimg/metal/hmac.hpp>
#include <cloudimg/oxide.hpp>
#include <iostream>
static int oxide_example(std::string token) {
    namespace ox = cloudimg::oxide;
    cloudimg::client api{ox::config{.base_url = "https://oxide.sys.example.com", .token = token},
                         cloudimg::curl::transport{}};
    // names and ids are checked before anything is built; a UUID with a project is refused
    std::optional<ox::list_images> page = ox::list_images{.limit = 100, .project = "my-project"};
    while (page) {
        auto res = api.send(*page);             // result<image_results_page, ...>
        if (!res) { std::cerr << res.error().what() << '\n'; return 1; }
        for (auto const& img : res->items)
            std::cout << img.id.text() << ' ' << img.name << ' ' << img.size << " bytes\n";
        page = ox::next_page(*page, *res);      // later pages carry only limit and page_token
    }
    auto promoted = api.send(ox::promote_image{.image = "debian-12", .project = "my-project"});
    return promoted ? 0 : 1;
}
static int metal_example(std::string key) {
    namespace mt = cloudimg::metal;
    mt::config cfg{.base_url = "https://metal.example.com",
                   .auth = mt::request_signer(mt::hmac_signer{.key = key, .auth_type = "Metal-Admin"})};
    cloudimg::client api{cfg, cloudimg::curl::transport{}};
    auto latest = api.send(mt::find_latest_image{.id = "ubuntu-24.04"});   // newest ubuntu 24.04.x
    if (!latest) { std::cerr << latest.error().what() << '\n'; return 1; }
    auto created = api.send(mt::create_image{.body = {.id = "ubuntu-24.04.20260101",
                                                      .url = "https://images.example.com/ubuntu.tar.lz4",
                                                      .features = {{mt::image_feature::machine}}}});
    return created ? 0 : 1;
}

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: readme_providers oxide TOKEN | metal HMAC_KEY\n";
        return 2;
    }
    return std::string_view(argv[1]) == "oxide" ? oxide_example(argv[2]) : metal_example(argv[2]);
}
