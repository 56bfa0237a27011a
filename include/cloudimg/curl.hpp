// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_CURL_HPP
#define CLOUDIMG_CURL_HPP

// A blocking transport over the libcurl easy API (CMake target cloudimg::curl).
// The core never includes this header, so only programs that use it need libcurl.

#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>

#include <curl/curl.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace cloudimg::curl {

/// How a transport connects and how much it accepts.
struct options {
    /// Time allowed for the connection (TCP and TLS handshakes); zero means curl's default (300 s).
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(30)};
    /// Time allowed for a whole exchange; zero means no limit, as a multi-gigabyte download may need.
    std::chrono::milliseconds timeout{0};
    /// Check the server's certificate chain. Turn off only for test servers.
    bool verify_peer = true;
    /// Check that the certificate names the host.
    bool verify_host = true;
    /** A PEM bundle of trusted CAs; empty uses libcurl's built-in default.

        For an LXD server, whose certificate is self-signed, this is the
        server's own certificate: the way `lxc` trusts a remote (it keeps it
        as `servercerts/<remote>.crt`; the server shows it in `GET /1.0` as
        `environment.certificate`). Compare its fingerprint with the one the
        server's owner sees (`lxd::certificate_fingerprint`). LXD's certificate
        names the host, 127.0.0.1 and ::1; to reach it by another name or
        address, pin its key with `pinned_public_key` and set `verify_host` off.
    */
    std::string ca_file{};
    /** Accept only a server whose public key is this (libcurl's
        CURLOPT_PINNEDPUBLICKEY): `"sha256//<base64 of the SHA-256 of the
        SubjectPublicKeyInfo>"`, several joined by `;`, or the path of a PEM
        or DER public key file; `lxd::public_key_pin` computes it from a
        certificate. The pin is checked whatever `verify_peer` says: with
        `ca_file` set to a self-signed LXD server's certificate both must hold;
        with `verify_peer` and `verify_host` off the pin alone decides, which
        trusts exactly that key under any name or address. Empty: no pinning.
    */
    std::string pinned_public_key{};
    /// The client certificate for mutual TLS, a PEM file (LXD: `~/.config/lxc/client.crt`,
    /// trusted by the server via `lxc config trust add`). Empty: none.
    std::string client_certificate{};
    /// The client certificate's private key, a PEM file (LXD: `client.key`). Empty: in `client_certificate`'s file.
    std::string client_key{};
    /// The password of an encrypted `client_key`; never appears in an error. Empty: the key is not encrypted.
    std::string client_key_password{};
    /** Connect through this Unix domain socket instead of TCP, as LXD's local
        API wants (`lxd::default_unix_socket_path()`). The URL's scheme and path
        are still used; its host only becomes the Host header, so a base URL
        like `"http://lxd"` does. Empty: TCP to the URL's host.
    */
    std::string unix_socket_path{};
    /// Largest body collected into `response::body`; a body streamed into a sink has no limit here.
    std::size_t max_body_size = std::size_t(64) << 20;
};

/** Receives the body of a successful (2xx) response chunk by chunk, as it arrives.

    `head` holds the status and the headers of that response, complete before
    the first chunk (an LXD export needs its Content-Type for the multipart
    boundary). Returning a failure aborts the transfer, and the transport
    returns that failure as is (plus `http_status`), so a decoder's error
    code and JSON path survive. The sink sees the bytes as sent: no limit of
    `options::max_body_size` applies, the decoder's own limits do.

    Bodies of other statuses are still collected into `response::body`, so
    `parse_response` can decode the provider's error as usual.

    @code
    hetzner::list_images_response page;
    json::decoder d(page);
    auto res = t(req, [&](response const&, std::string_view chunk) { return d.write(chunk); });
    // a 200 fills `page` once d.finish() succeeds; an error status left its body in res->body
    @endcode
*/
using body_sink = std::function<result<void>(response const& head, std::string_view chunk)>;

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

// Everything the callbacks of one exchange share; lives on the stack of `transport::perform`.
struct exchange {
    response* out = nullptr;
    body_source* upload = nullptr;
    body_sink const* sink = nullptr;
    std::size_t max_body_size = 0;
    std::optional<failure> aborted;  // why a callback stopped the transfer
    std::vector<header_field> fields;  // of the header block being read; folded lines join the last

    // One line of the header block of each response, the status line first.
    std::size_t on_header(char const* data, std::size_t n)
    {
        std::string_view line(data, n);
        if (line.starts_with("HTTP/")) {
            // a new response (after 100 Continue, a proxy's CONNECT...): only the last one counts
            fields.clear();
            out->headers = header_list{};
            out->status = 0;
            auto const sp = line.find(' ');
            if (sp != std::string_view::npos)
                for (std::size_t i = sp + 1; i < line.size() && line[i] >= '0' && line[i] <= '9'; ++i)
                    out->status = out->status * 10 + (line[i] - '0');
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
            out->headers.add(std::move(f.name), std::move(f.value));
        fields.clear();
        return n;
    }

    std::size_t on_body(char const* data, std::size_t n)
    {
        std::string_view chunk(data, n);
        if (sink != nullptr && *sink && out->status >= 200 && out->status < 300) {
            if (auto r = (*sink)(*out, chunk); !r) {
                aborted = std::move(r.error());
                return 0;  // any count but n stops the transfer
            }
            return n;
        }
        if (out->body.size() + n > max_body_size) {
            aborted = make_failure(error::limit_exceeded, "response body larger than " +
                                                              std::to_string(max_body_size) + " bytes");
            return 0;
        }
        out->body.append(chunk);
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

inline long to_curl_ms(std::chrono::milliseconds ms) noexcept
{
    auto const c = ms.count();
    if (c <= 0)
        return 0;
    return c > std::numeric_limits<long>::max() ? std::numeric_limits<long>::max() : static_cast<long>(c);
}

} // namespace detail

/** A blocking HTTP transport over one reusable libcurl easy handle.

    Satisfies `cloudimg::transport`: call it with a request, get the response
    or a failure. The handle keeps its connections between calls, so a
    sequence of calls to one API reuses the TCP/TLS connection. One transport
    serves one thread at a time; it is move-only.

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

        response out;
        detail::exchange ex;
        ex.out = &out;
        ex.sink = sink;
        ex.max_body_size = options_.max_body_size;

        std::string const url = req.url();
        char errbuf[CURL_ERROR_SIZE] = {};
        detail::slist_ptr headers;
        CURLcode rc = configure(h, req, url, errbuf, headers, ex);
        if (rc == CURLE_OK)
            rc = curl_easy_perform(h);

        if (ex.aborted) {
            failure f = std::move(*ex.aborted);
            f.http_status = out.status;
            return f;
        }
        if (rc != CURLE_OK) {
            std::string msg = curl_easy_strerror(rc);
            if (errbuf[0] != '\0') {
                msg += ": ";
                msg += detail::trim(errbuf);
            }
            return make_failure(error::transport, std::move(msg));
        }
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        out.status = static_cast<int>(status);
        return out;
    }

    CURLcode configure(CURL* h, request& req, std::string const& url, char* errbuf, detail::slist_ptr& headers,
                       detail::exchange& ex)
    {
        CURLcode rc = CURLE_OK;
        auto set = [&](CURLoption opt, auto value) {
            if (rc == CURLE_OK)
                rc = curl_easy_setopt(h, opt, value);
        };

        set(CURLOPT_ERRORBUFFER, errbuf);
        set(CURLOPT_URL, url.c_str());
        // only what a base URL may name; never file://, and no redirects to elsewhere
#if LIBCURL_VERSION_NUM >= 0x075500
        set(CURLOPT_PROTOCOLS_STR, "http,https");
#else
        set(CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
        set(CURLOPT_FOLLOWLOCATION, 0L);
        set(CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe in threaded programs
        set(CURLOPT_CONNECTTIMEOUT_MS, detail::to_curl_ms(options_.connect_timeout));
        set(CURLOPT_TIMEOUT_MS, detail::to_curl_ms(options_.timeout));
        set(CURLOPT_SSL_VERIFYPEER, options_.verify_peer ? 1L : 0L);
        set(CURLOPT_SSL_VERIFYHOST, options_.verify_host ? 2L : 0L);
        if (!options_.ca_file.empty())
            set(CURLOPT_CAINFO, options_.ca_file.c_str());
        if (!options_.pinned_public_key.empty())
            set(CURLOPT_PINNEDPUBLICKEY, options_.pinned_public_key.c_str());
        if (!options_.client_certificate.empty()) {
            set(CURLOPT_SSLCERT, options_.client_certificate.c_str());
            set(CURLOPT_SSLCERTTYPE, "PEM");
        }
        if (!options_.client_key.empty()) {
            set(CURLOPT_SSLKEY, options_.client_key.c_str());
            set(CURLOPT_SSLKEYTYPE, "PEM");
        }
        if (!options_.client_key_password.empty())
            set(CURLOPT_KEYPASSWD, options_.client_key_password.c_str());
        if (!options_.unix_socket_path.empty())
            set(CURLOPT_UNIX_SOCKET_PATH, options_.unix_socket_path.c_str());

        set(CURLOPT_HEADERFUNCTION, &detail::header_callback);
        set(CURLOPT_HEADERDATA, static_cast<void*>(&ex));
        set(CURLOPT_WRITEFUNCTION, &detail::write_callback);
        set(CURLOPT_WRITEDATA, static_cast<void*>(&ex));

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
            ex.upload = src;
            // the source may have been read by an earlier attempt
            if (auto ec = src->rewind()) {
                ex.aborted = make_failure(error::transport, "rewinding the request body failed: " + ec.message());
                return CURLE_ABORTED_BY_CALLBACK;
            }
            set(CURLOPT_POST, 1L);
            set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(src->size()));
            set(CURLOPT_READFUNCTION, &detail::read_callback);
            set(CURLOPT_READDATA, static_cast<void*>(&ex));
            set(CURLOPT_SEEKFUNCTION, &detail::seek_callback);
            set(CURLOPT_SEEKDATA, static_cast<void*>(&ex));
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
            has_content_type = has_content_type || iequals(f.name, "Content-Type");
            has_expect = has_expect || iequals(f.name, "Expect");
            // "Name;" is curl's spelling of a header with an empty value
            std::string line = f.name;
            line += f.value.empty() ? ";" : ": ";
            line += f.value;
            if (!detail::append(headers, line))
                return CURLE_OUT_OF_MEMORY;
        }
        if (!has_expect && !detail::append(headers, "Expect:"))
            return CURLE_OUT_OF_MEMORY;
        if (posting && !has_content_type && !detail::append(headers, "Content-Type:"))
            return CURLE_OUT_OF_MEMORY;
        set(CURLOPT_HTTPHEADER, headers.get());
        return rc;
    }

    options options_;
    std::unique_ptr<CURL, detail::easy_deleter> handle_;
};

} // namespace cloudimg::curl

#endif
