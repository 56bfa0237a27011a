// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_CURL_TRANSPORT_HPP
#define CLOUDIMG_CURL_TRANSPORT_HPP

// A blocking transport over the libcurl easy API (CMake target cloudimg::curl).
// The core never includes this header, so only programs that use it need libcurl.

#include <cloudimg/curl/easy.hpp>
#include <cloudimg/curl/options.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/transport.hpp>

#include <curl/curl.h>

#include <memory>
#include <utility>

namespace cloudimg::curl {

/// The core's `cloudimg::body_sink`, under the name this header has always used.
using cloudimg::body_sink;

/** A blocking HTTP transport over one reusable libcurl easy handle.

    Satisfies `cloudimg::transport`: call it with a request, get the response
    or a failure. The handle keeps its connections between calls, so a
    sequence of calls to one API reuses the TCP/TLS connection (a request
    that meets a cached connection the server has closed, before any answer,
    goes once more on a new one). One transport serves one thread at a time;
    it is move-only.

    A failure to reach the server has `code == error::transport` and libcurl's
    own explanation as message, which never contains request headers, so a
    token cannot leak into logs through it.

    @code
    cloudimg::client c{hetzner::config{.token = token}, curl::transport{}};
    auto page = c.send(hetzner::list_images{.per_page = 50});
    @endcode
*/
class transport {
public:
    /// A transport with default options: 30 s to connect, no total limit, verified TLS.
    transport() : transport(options{}) {}

    /// A transport with the given options.
    /// @code curl::transport t({.timeout = std::chrono::seconds(60)}); @endcode
    explicit transport(options opts) : options_(std::move(opts))
    {
        if (detail::global_init() == CURLE_OK)
            handle_.reset(curl_easy_init());
    }

    transport(transport&&) noexcept = default;
    transport& operator=(transport&&) noexcept = default;

    /// The options used for the next calls.
    /// @code t.get_options().timeout = std::chrono::seconds(10); @endcode
    options& get_options() noexcept { return options_; }
    options const& get_options() const noexcept { return options_; }

    /** Send `req` and collect the whole response.

        @code
        auto req = hetzner::prepare(cfg, hetzner::get_image{.id = 42});
        auto res = t(*req);  // result<response>: status, headers, body
        auto image = parse_response<hetzner::get_image>(res.value());
        @endcode
    */
    result<response> operator()(request& req) { return perform(req, nullptr); }

    /** Send `req`; a 2xx body goes to `sink` as it arrives instead of into `response::body`.

        @code
        std::ofstream file("image.tar.gz", std::ios::binary);
        auto res = t(req, [&](response const&, std::string_view chunk) -> result<void> {
            file.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            return {};
        });
        @endcode
    */
    result<response> operator()(request& req, body_sink const& sink) { return perform(req, &sink); }

private:
    result<response> perform(request& req, body_sink const* sink)
    {
        if (!handle_) {
            if (detail::global_init() != CURLE_OK)
                return make_failure(error::transport, "curl_global_init failed");
            handle_.reset(curl_easy_init());
            if (!handle_)
                return make_failure(error::transport, "curl_easy_init failed");
        }
        CURL* h = handle_.get();
        // A clean slate each call: no option of the previous request leaks into this one,
        // while the connection cache survives.
        curl_easy_reset(h);
        detail::exchange ex(options_, sink);
        CURLcode rc = ex.configure(h, options_, req);
        if (rc == CURLE_OK) {
            rc = curl_easy_perform(h);
            if (ex.resend_on_fresh_connection(h, rc))
                rc = curl_easy_perform(h);
        }
        return ex.finish(h, rc);
    }

    options options_;
    std::unique_ptr<CURL, detail::easy_deleter> handle_;
};

} // namespace cloudimg::curl

#endif
