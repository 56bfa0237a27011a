// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Uses the installed <cloudimg/uv/transport.hpp> through the exported
// cloudimg::uv target: an async_client on a libuv loop sends to a loopback
// port that is bound but not listening, so the connection is refused at
// once. The handler must run from the loop, once, with a transport error
// that does not contain the token. Nothing leaves the machine.

#include "refused_port.hpp"

#include <cloudimg/client.hpp>
#include <cloudimg/hetzner.hpp>
#include <cloudimg/uv/transport.hpp>


#include <iostream>
#include <string>

int main()
{
    namespace hetzner = cloudimg::hetzner;

    consumer::refused_port refused;
    if (!refused) {
        std::cerr << "consumer_uv: no loopback socket\n";
        return 1;
    }
    std::string const base = refused.origin() + "/v1";

    uv_loop_t loop;
    uv_loop_init(&loop);
    int calls = 0;
    std::string what;
    {
        cloudimg::async_client api{hetzner::config{.token = "consumer-secret", .base_url = base},
                                   cloudimg::uv::transport(&loop, {.connect_timeout = std::chrono::seconds(5)})};
        api.send(hetzner::list_images{.per_page = 5}, [&](auto page) {
            ++calls;
            what = page ? "HTTP success" : page.error().what();
        });
        if (calls != 0) {
            std::cerr << "consumer_uv: the handler ran inside send\n";
            return 1;
        }
        uv_run(&loop, UV_RUN_DEFAULT);
    }
    uv_run(&loop, UV_RUN_DEFAULT);  // the transport's handles close
    if (uv_loop_close(&loop) != 0) {
        std::cerr << "consumer_uv: handles left open on the loop\n";
        return 1;
    }
    if (calls != 1 || what.find("transport") == std::string::npos || what.find("consumer-secret") != std::string::npos) {
        std::cerr << "consumer_uv: expected one transport error without the token, got " << calls << ": " << what << '\n';
        return 1;
    }
    std::cout << "consumer_uv: OK (" << what << ")\n";
    return 0;
}
