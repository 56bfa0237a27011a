// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Links cloudimg::curl from the installed package: a prepared request is
// handed to a libcurl easy handle (nothing is sent; the test has no network).

#include <cloudimg/hetzner.hpp>

#include <curl/curl.h>

#include <iostream>
#include <string>

int main()
{
    namespace hetzner = cloudimg::hetzner;

    auto req = hetzner::prepare(hetzner::config{.token = "consumer-token"}, hetzner::list_images{.per_page = 5});
    if (!req) {
        std::cerr << "consumer_curl: prepare failed: " << req.error().what() << '\n';
        return 1;
    }
    if (req->url() != "https://api.hetzner.cloud/v1/images?per_page=5") {
        std::cerr << "consumer_curl: unexpected URL " << req->url() << '\n';
        return 1;
    }

    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return 1;
    CURL* easy = curl_easy_init();
    curl_slist* headers = nullptr;
    for (auto const& h : req->headers)
        headers = curl_slist_append(headers, (h.name + ": " + h.value).c_str());
    bool ok = easy != nullptr && headers != nullptr &&
              curl_easy_setopt(easy, CURLOPT_URL, req->url().c_str()) == CURLE_OK &&
              curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers) == CURLE_OK;
    curl_slist_free_all(headers);
    curl_easy_cleanup(easy);
    curl_global_cleanup();

    if (!ok) {
        std::cerr << "consumer_curl: libcurl rejected the request\n";
        return 1;
    }
    std::cout << "consumer_curl: OK (" << curl_version() << ")\n";
    return 0;
}
