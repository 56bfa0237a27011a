// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_ASIO_DETAIL_CONNECTION_HPP
#define CLOUDIMG_ASIO_DETAIL_CONNECTION_HPP

// Where a request goes (TCP, TLS or a Unix domain socket) and the one
// connection type the Asio transport keeps per origin. Internal to cloudimg::asio.

#include <cloudimg/error.hpp>
#include <cloudimg/transport_options.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/url/parse.hpp>

#include <sys/socket.h>

#include <cerrno>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace cloudimg::asio::detail {

namespace net = boost::asio;

/// How and where a request's origin is reached, and the key of its connection pool.
struct destination {
    enum class kind { tcp, tls, unix_socket };
    kind how = kind::tcp;
    std::string host;         ///< to resolve, for SNI and the certificate's name check (no brackets)
    std::string port;         ///< "80", "443" or the origin's own
    std::string host_header;  ///< the Host field: the origin's host and port as written
    std::string pool_key;     ///< connections are shared by requests with the same key
};

/// The destination of `origin` ("scheme://host[:port]") under `opts`.
inline result<destination> destination_of(std::string_view origin, transport_options const& opts)
{
    auto u = boost::urls::parse_absolute_uri(origin);
    if (!u || !u->has_authority() || u->encoded_host().empty())
        return make_failure(error::invalid_base_url, "the request's origin is not an absolute URL with a host");
    destination d;
    auto const scheme = u->scheme_id();
    if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https)
        return make_failure(error::invalid_base_url, "the Asio transport speaks http and https only");
    bool const tls = scheme == boost::urls::scheme::https;
    d.host = u->host_type() == boost::urls::host_type::ipv6 ? u->host_ipv6_address().to_string()
                                                             : std::string(u->encoded_host());
    d.port = u->has_port() ? std::string(u->port()) : std::string(tls ? "443" : "80");
    d.host_header = std::string(u->encoded_host_and_port());
    if (!opts.unix_socket_path.empty()) {
        if (tls)
            return make_failure(error::invalid_base_url,
                                "TLS over a Unix domain socket is not supported: use an http:// base URL");
        d.how = destination::kind::unix_socket;
        d.pool_key = "unix:" + opts.unix_socket_path + "|" + d.host_header;
    } else {
        d.how = tls ? destination::kind::tls : destination::kind::tcp;
        d.pool_key = (tls ? "https://" : "http://") + d.host + "|" + d.port;
    }
    return d;
}

/** One connection: a TCP socket, a TLS stream over one, or a Unix domain
    socket, with the read buffer that belongs to it (bytes a response left
    unread stay with their connection).
*/
struct connection {
    using tcp_socket = net::ip::tcp::socket;
    using tls_stream = net::ssl::stream<tcp_socket>;
    using unix_socket = net::local::stream_protocol::socket;

    template <class Stream, class... Args>
    connection(std::in_place_type_t<Stream> type, Args&&... args) : stream(type, std::forward<Args>(args)...)
    {
    }

    std::variant<tcp_socket, tls_stream, unix_socket> stream;
    boost::beast::flat_buffer buffer;

    /// The socket under any TLS layer.
    template <class F>
    decltype(auto) with_socket(F&& f)
    {
        return std::visit(
            [&](auto& s) -> decltype(auto) {
                if constexpr (std::is_same_v<std::remove_reference_t<decltype(s)>, tls_stream>)
                    return f(s.next_layer());
                else
                    return f(s);
            },
            stream);
    }

    /// Close now: every operation pending on it completes with `operation_aborted`.
    void close() noexcept
    {
        with_socket([](auto& s) {
            boost::system::error_code ignored;
            s.close(ignored);
        });
    }

    /** Whether an idle kept-alive connection can carry another request: still
        open, and nothing waiting to be read. A server that closed it (EOF), reset
        it, or sent anything unasked (a TLS alert) makes it unusable.
    */
    bool usable_when_idle() noexcept
    {
        if (buffer.size() != 0)
            return false;
        return with_socket([](auto& s) {
            if (!s.is_open())
                return false;
            char byte;
            auto const n = ::recv(s.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
            return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
        });
    }
};

} // namespace cloudimg::asio::detail

#endif
