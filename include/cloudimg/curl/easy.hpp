// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_CURL_EASY_HPP
#define CLOUDIMG_CURL_EASY_HPP

// The exchange on one libcurl easy handle that every cloudimg curl transport
// shares: the handle's setup for a request (method, target, headers, a
// streamed request body, a response sink, TLS, Unix socket, limits, no
// redirects) and the parsing of what comes back. Internal to cloudimg::curl.

#include <cloudimg/curl/options.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/transport.hpp>

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace cloudimg::curl {

namespace detail {

/// libcurl's global state, set up once per process before the first handle.
/// Never cleaned up: other code in the process may still be using libcurl at exit.
inline CURLcode global_init() noexcept
{
    static CURLcode const rc = curl_global_init(CURL_GLOBAL_DEFAULT);
    return rc;
}

struct easy_deleter {
    void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
};
struct slist_deleter {
    void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
using slist_ptr = std::unique_ptr<curl_slist, slist_deleter>;

inline bool append(slist_ptr& list, std::string const& line)
{
    curl_slist* next = curl_slist_append(list.get(), line.c_str());
    if (next == nullptr)
        return false;
    static_cast<void>(list.release());
    list.reset(next);
    return true;
}

inline std::string_view trim(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

inline long to_curl_ms(std::chrono::milliseconds ms) noexcept
{
    auto const c = ms.count();
    if (c <= 0)
        return 0;
    return c > (std::numeric_limits<long>::max)() ? (std::numeric_limits<long>::max)() : static_cast<long>(c);
}

extern "C" std::size_t header_callback(char* data, std::size_t size, std::size_t n, void* user);
extern "C" std::size_t write_callback(char* data, std::size_t size, std::size_t n, void* user);
extern "C" std::size_t read_callback(char* dest, std::size_t size, std::size_t n, void* user);
extern "C" int seek_callback(void* user, curl_off_t offset, int origin);

/** One request/response exchange on an easy handle: the handle's setup for a
    request and everything its callbacks share, then the outcome. The one
    piece every libcurl transport uses. It must stay where it is from
    `configure` to `finish` (the callbacks hold its address).
*/
struct exchange {
    exchange(options const& opts, body_sink const* body_to) noexcept
        : sink(body_to), max_body_size(opts.max_body_size), max_header_size(opts.max_header_size)
    {
    }
    exchange(exchange const&) = delete;
    exchange& operator=(exchange const&) = delete;

    response out;                    // status, headers and (unless streamed) the body
    body_source* upload = nullptr;
    body_sink const* sink = nullptr;
    std::size_t max_body_size = 0;
    std::size_t max_header_size = 0;
    std::size_t header_bytes = 0;      // of the current response's head
    std::string url;
    char errbuf[CURL_ERROR_SIZE] = {};
    slist_ptr header_lines;
    std::optional<failure> aborted;  // why a callback stopped the transfer
    std::vector<header_field> fields;  // of the header block being read; folded lines join the last
    bool head_delivered = false;       // the sink has had the head of the current response
    bool resent = false;               // sent again after a cached connection failed (once at most)

    // One line of the header block of each response, the status line first.
    std::size_t on_header(char const* data, std::size_t n)
    {
        std::string_view line(data, n);
        if (line.starts_with("HTTP/"))
            header_bytes = 0;
        header_bytes += n;
        if (header_bytes > max_header_size) {
            aborted = make_failure(error::limit_exceeded,
                                   "response head larger than " + std::to_string(max_header_size) + " bytes");
            return 0;
        }
        if (line.starts_with("HTTP/")) {
            // a new response (after 100 Continue, a proxy's CONNECT...): only the last one counts
            fields.clear();
            out.headers = header_list{};
            out.status = 0;
            head_delivered = false;
            auto const sp = line.find(' ');
            if (sp != std::string_view::npos)
                for (std::size_t i = sp + 1; i < line.size() && line[i] >= '0' && line[i] <= '9'; ++i)
                    out.status = out.status * 10 + (line[i] - '0');
            return n;
        }
        if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
            // obsolete line folding: the line continues the previous value
            if (!fields.empty()) {
                fields.back().value += ' ';
                fields.back().value += trim(line);
            }
            return n;
        }
        auto const colon = line.find(':');
        if (colon != std::string_view::npos) {
            fields.push_back({std::string(line.substr(0, colon)), std::string(trim(line.substr(colon + 1)))});
            return n;
        }
        // the blank line that ends the block (or the trailers): publish what came
        for (auto& f : fields)
            out.headers.add(std::move(f.name), std::move(f.value));
        fields.clear();
        // the head of a 2xx is complete: the sink hears of it before any byte (an empty body too)
        if (streams() && !head_delivered) {
            head_delivered = true;
            if (auto r = (*sink)(out, std::string_view{}); !r) {
                aborted = std::move(r).error();
                return 0;
            }
        }
        return n;
    }

    bool streams() const noexcept { return sink != nullptr && *sink && out.status >= 200 && out.status < 300; }

    std::size_t on_body(char const* data, std::size_t n)
    {
        std::string_view chunk(data, n);
        if (streams()) {
            if (auto r = (*sink)(out, chunk); !r) {
                aborted = std::move(r).error();
                return 0;  // any count but n stops the transfer
            }
            return n;
        }
        if (out.body.size() + n > max_body_size) {
            aborted = make_failure(error::limit_exceeded, "response body larger than " +
                                                              std::to_string(max_body_size) + " bytes");
            return 0;
        }
        out.body.append(chunk);
        return n;
    }

    std::size_t on_read(char* dest, std::size_t max)
    {
        auto r = upload->read(dest, max);
        if (!r) {
            aborted = make_failure(error::transport, "reading the request body failed: " + r.error().message());
            return CURL_READFUNC_ABORT;
        }
        return *r;
    }

    int on_seek(curl_off_t offset, int origin)
    {
        // libcurl only seeks to resend the body from its start; a source can only rewind
        if (offset != 0 || origin != SEEK_SET)
            return CURL_SEEKFUNC_CANTSEEK;
        return upload->rewind() ? CURL_SEEKFUNC_FAIL : CURL_SEEKFUNC_OK;
    }

    /** Set `h` up for `req` with `opts`: method, URL, headers exactly as given,
        the body (a string or a streamed source, always with its exact
        Content-Length), the callbacks into this exchange, TLS and socket options.
        No redirect is followed and only http and https are allowed.
    */
    CURLcode configure(CURL* h, options const& opts, request& req)
    {
        url = req.url();
        CURLcode rc = CURLE_OK;
        auto set = [&](CURLoption opt, auto value) {
            if (rc == CURLE_OK)
                rc = curl_easy_setopt(h, opt, value);
        };

        set(CURLOPT_ERRORBUFFER, static_cast<char*>(errbuf));
        set(CURLOPT_URL, url.c_str());
        // only what a base URL may name; never file://, and no redirects to elsewhere
#if LIBCURL_VERSION_NUM >= 0x075500
        set(CURLOPT_PROTOCOLS_STR, "http,https");
#else
        set(CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
        set(CURLOPT_FOLLOWLOCATION, 0L);
        set(CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe in threaded programs
        set(CURLOPT_CONNECTTIMEOUT_MS, to_curl_ms(opts.connect_timeout));
        set(CURLOPT_TIMEOUT_MS, to_curl_ms(opts.timeout));
        set(CURLOPT_SSL_VERIFYPEER, opts.verify_peer ? 1L : 0L);
        set(CURLOPT_SSL_VERIFYHOST, opts.verify_host ? 2L : 0L);
        if (!opts.ca_file.empty())
            set(CURLOPT_CAINFO, opts.ca_file.c_str());
        if (!opts.pinned_public_key.empty())
            set(CURLOPT_PINNEDPUBLICKEY, opts.pinned_public_key.c_str());
        if (!opts.client_certificate.empty()) {
            set(CURLOPT_SSLCERT, opts.client_certificate.c_str());
            set(CURLOPT_SSLCERTTYPE, "PEM");
        }
        if (!opts.client_key.empty()) {
            set(CURLOPT_SSLKEY, opts.client_key.c_str());
            set(CURLOPT_SSLKEYTYPE, "PEM");
        }
        if (!opts.client_key_password.empty())
            set(CURLOPT_KEYPASSWD, opts.client_key_password.c_str());
        if (!opts.unix_socket_path.empty())
            set(CURLOPT_UNIX_SOCKET_PATH, opts.unix_socket_path.c_str());

        set(CURLOPT_HEADERFUNCTION, &header_callback);
        set(CURLOPT_HEADERDATA, static_cast<void*>(this));
        set(CURLOPT_WRITEFUNCTION, &write_callback);
        set(CURLOPT_WRITEDATA, static_cast<void*>(this));

        // The method and the body. Every body goes the POST way, with its exact size,
        // so curl sends Content-Length and never chunked encoding; other methods
        // keep their name through CUSTOMREQUEST.
        http_method const m = req.method;
        bool const body_method = m == http_method::post || m == http_method::put || m == http_method::patch;
        bool posting = false;
        if (auto const* s = std::get_if<std::string>(&req.body)) {
            posting = true;
            set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(s->size()));
            set(CURLOPT_POSTFIELDS, s->data());
        } else if (auto* src = std::get_if<body_source>(&req.body)) {
            posting = true;
            upload = src;
            // the source may have been read by an earlier attempt
            if (auto ec = src->rewind()) {
                aborted = make_failure(error::transport, "rewinding the request body failed: " + ec.message());
                return CURLE_ABORTED_BY_CALLBACK;
            }
            set(CURLOPT_POST, 1L);
            set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(src->size()));
            set(CURLOPT_READFUNCTION, &read_callback);
            set(CURLOPT_READDATA, static_cast<void*>(this));
            set(CURLOPT_SEEKFUNCTION, &seek_callback);
            set(CURLOPT_SEEKDATA, static_cast<void*>(this));
        } else if (body_method) {
            // POST, PUT, PATCH without a body still say Content-Length: 0
            posting = true;
            set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(0));
            set(CURLOPT_POSTFIELDS, "");
        }
        if (m == http_method::head)
            set(CURLOPT_NOBODY, 1L);
        else if (m == http_method::get && !posting)
            set(CURLOPT_HTTPGET, 1L);
        if (m != http_method::post && (posting || m == http_method::delete_))
            set(CURLOPT_CUSTOMREQUEST, to_string(m).data());

        // Headers exactly as given. curl's own additions are switched off by an
        // empty "Name:" line: no Expect: 100-continue (a round trip, and a 1 s stall
        // with servers that ignore it), and no form Content-Type on POST bodies.
        bool has_content_type = false, has_expect = false;
        for (auto const& f : req.headers) {
            has_content_type = has_content_type || cloudimg::detail::iequals(f.name, "Content-Type");
            has_expect = has_expect || cloudimg::detail::iequals(f.name, "Expect");
            // "Name;" is curl's spelling of a header with an empty value
            std::string line = f.name;
            line += f.value.empty() ? ";" : ": ";
            line += f.value;
            if (!append(header_lines, line))
                return CURLE_OUT_OF_MEMORY;
        }
        if (!has_expect && !append(header_lines, "Expect:"))
            return CURLE_OUT_OF_MEMORY;
        if (posting && !has_content_type && !append(header_lines, "Content-Type:"))
            return CURLE_OUT_OF_MEMORY;
        set(CURLOPT_HTTPHEADER, header_lines.get());
        return rc;
    }

    /** A request that failed on a connection from libcurl's cache before any
        byte of an answer came (the server closed it while it sat idle, and
        the request met the close) goes once more, on a new connection:
        libcurl resends by itself only for some of the ways such a connection
        fails. True when `h` is set up for that; the caller runs it again.
    */
    bool resend_on_fresh_connection(CURL* h, CURLcode rc)
    {
        if (resent || aborted || header_bytes != 0 ||
            (rc != CURLE_SEND_ERROR && rc != CURLE_RECV_ERROR && rc != CURLE_GOT_NOTHING))
            return false;
        long connects = -1;
        if (curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects) != CURLE_OK || connects != 0)
            return false;  // the connection was new: its failure is the answer
        if (upload && upload->rewind())
            return false;
        resent = true;
        out = response{};
        fields.clear();
        head_delivered = false;
        errbuf[0] = '\0';
        return curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L) == CURLE_OK;
    }

    /// The outcome once libcurl is done with the handle (`rc`): the response, or why there is none.
    result<response> finish(CURL* h, CURLcode rc)
    {
        if (aborted) {
            failure f = std::move(*aborted);
            f.http_status = out.status;
            return f;
        }
        if (rc != CURLE_OK) {
            std::string msg = curl_easy_strerror(rc);
            if (errbuf[0] != '\0') {
                msg += ": ";
                msg += trim(errbuf);
            }
            return make_failure(error::transport, std::move(msg));
        }
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        out.status = static_cast<int>(status);
        return std::move(out);
    }
};

extern "C" inline std::size_t header_callback(char* data, std::size_t size, std::size_t n, void* user)
{
    return static_cast<exchange*>(user)->on_header(data, size * n);
}
extern "C" inline std::size_t write_callback(char* data, std::size_t size, std::size_t n, void* user)
{
    return static_cast<exchange*>(user)->on_body(data, size * n);
}
extern "C" inline std::size_t read_callback(char* dest, std::size_t size, std::size_t n, void* user)
{
    return static_cast<exchange*>(user)->on_read(dest, size * n);
}
extern "C" inline int seek_callback(void* user, curl_off_t offset, int origin)
{
    return static_cast<exchange*>(user)->on_seek(offset, origin);
}

} // namespace detail


} // namespace cloudimg::curl

#endif
