// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_ASIO_DETAIL_EXCHANGE_HPP
#define CLOUDIMG_ASIO_DETAIL_EXCHANGE_HPP

// One HTTP/1.1 request/response exchange of the Asio transport, stage by
// stage: a pooled connection or resolve, connect, TLS handshake; write the
// head and the body (pulled from a body_source); read the head, then the
// body into a sink or a string. Every stage can be ended by a cancellation
// or a deadline, which closes the connection. Internal to cloudimg::asio.

#include <cloudimg/asio/detail/connection.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/openssl/public_key_pin.hpp>
#include <cloudimg/transport.hpp>
#include <cloudimg/transport_options.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/system/errc.hpp>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cloudimg::asio::detail {

namespace http = boost::beast::http;

class exchange;

/// Idle connections kept per origin; more finish their exchange and close.
inline constexpr std::size_t max_idle_per_origin = 64;

/// Chunks of a body read or written at once.
inline constexpr std::size_t chunk_size = std::size_t(64) << 10;

/** What a transport's exchanges share: the executor, the options, the TLS
    context (made on first use), the idle connections per origin and the
    exchanges in flight (so that a shutdown can end them).
*/
struct transport_state {
    transport_state(net::any_io_executor ex, transport_options o) : executor(std::move(ex)), opts(std::move(o)) {}

    net::any_io_executor executor;
    transport_options opts;
    std::optional<net::ssl::context> tls;
    std::optional<failure> tls_setup_failure;
    std::unordered_map<std::string, std::vector<std::unique_ptr<connection>>> idle;
    std::map<std::uint64_t, std::weak_ptr<exchange>> in_flight;
    std::uint64_t next_id = 0;
    std::uint64_t connections_opened = 0;

    /// The TLS context for every https exchange, set up from the options once.
    result<net::ssl::context*> tls_context()
    {
        if (tls)
            return &*tls;
        if (tls_setup_failure)
            return *tls_setup_failure;
        auto fail = [&](std::string what, boost::system::error_code ec) -> result<net::ssl::context*> {
            failure f = make_failure(error::transport, "transport: " + what + ": " + ec.message());
            f.code = ec;
            tls_setup_failure = f;
            return f;
        };
        net::ssl::context ctx(net::ssl::context::tls_client);
        boost::system::error_code ec;
        ctx.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                            net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1,
                        ec);
        if (opts.ca_file.empty())
            ctx.set_default_verify_paths(ec);
        else
            ctx.load_verify_file(opts.ca_file, ec);
        if (ec)
            return fail("loading the trusted certificates " + opts.ca_file + " failed", ec);
        ctx.set_verify_mode(opts.verify_peer ? net::ssl::verify_peer : net::ssl::verify_none, ec);
        if (!opts.client_certificate.empty()) {
            if (!opts.client_key_password.empty()) {
                std::string password = opts.client_key_password;
                ctx.set_password_callback([password](std::size_t, net::ssl::context::password_purpose) { return password; },
                                          ec);
            }
            ctx.use_certificate_chain_file(opts.client_certificate, ec);
            if (ec)
                return fail("loading the client certificate " + opts.client_certificate + " failed", ec);
            std::string const& key = opts.client_key.empty() ? opts.client_certificate : opts.client_key;
            ctx.use_private_key_file(key, net::ssl::context::pem, ec);
            if (ec)  // the message names the file, never the password
                return fail("loading the client key " + key + " failed", ec);
        }
        tls.emplace(std::move(ctx));
        return &*tls;
    }

    /// An idle connection to `key` that can take a request, or null.
    std::unique_ptr<connection> take_idle(std::string const& key)
    {
        auto it = idle.find(key);
        if (it == idle.end())
            return nullptr;
        std::unique_ptr<connection> found;
        while (!it->second.empty() && !found) {
            auto c = std::move(it->second.back());
            it->second.pop_back();
            if (c->usable_when_idle())
                found = std::move(c);
        }
        if (it->second.empty())
            idle.erase(it);
        return found;
    }

    void keep_idle(std::string const& key, std::unique_ptr<connection> c)
    {
        auto& list = idle[key];
        if (list.size() < max_idle_per_origin)
            list.push_back(std::move(c));
    }
};

/// Why an exchange was ended from outside.
enum class abort_reason { none, cancelled, timed_out, shut_down };

/** One exchange. Shared-owned by the handlers of its pending operation, so it
    lives exactly until it completes; `abort` may be called any time before.
*/
class exchange : public std::enable_shared_from_this<exchange> {
public:
    exchange(std::shared_ptr<transport_state> owner, request req, body_sink sink, transport_completion done)
        : owner_(std::move(owner)), req_(std::move(req)), sink_(std::move(sink)), done_(std::move(done)),
          resolver_(owner_->executor), timer_(owner_->executor)
    {
    }

    /// Start: the completion runs later, never inside `start`.
    void start()
    {
        id_ = ++owner_->next_id;
        owner_->in_flight.emplace(id_, weak_from_this());
        auto dest = destination_of(req_.origin, owner_->opts);
        if (!dest)
            return fail_soon(std::move(dest).error());
        dest_ = std::move(*dest);
        auto const now = std::chrono::steady_clock::now();
        if (owner_->opts.timeout.count() > 0)
            deadline_ = now + owner_->opts.timeout;
        if (owner_->opts.connect_timeout.count() > 0)
            connect_deadline_ = now + owner_->opts.connect_timeout;
        obtain_connection();
    }

    /** End the exchange: the pending operation completes with `operation_aborted`
        and the exchange with `why`. Ignored once it is over or already aborted.
        A `total` cancellation (no side effect allowed) is honoured only before the
        request was written.
    */
    void abort(abort_reason why) noexcept
    {
        if (finished_ || aborted_ != abort_reason::none)
            return;
        aborted_ = why;
        resolver_.cancel();
        timer_.cancel();
        if (conn_)
            conn_->close();
    }

    /// Whether a cancellation that allows no side effect can still end it.
    bool nothing_sent() const noexcept { return stage_ < stage::writing; }

private:
    enum class stage { resolving, connecting, handshaking, writing, reading_head, reading_body };

    static char const* describe(stage s) noexcept
    {
        switch (s) {
        case stage::resolving: return "resolving";
        case stage::connecting: return "connecting to";
        case stage::handshaking: return "in the TLS handshake with";
        case stage::writing: return "writing the request to";
        case stage::reading_head: return "reading the response head from";
        case stage::reading_body: return "reading the response body from";
        }
        return "talking to";
    }

    std::string where() const { return std::string(describe(stage_)) + " " + req_.origin; }

    // ------------------------------------------------------------ connection

    void obtain_connection()
    {
        if (auto c = owner_->take_idle(dest_.pool_key)) {
            conn_ = std::move(c);
            reused_ = true;
            connected();
            return;
        }
        reused_ = false;
        arm_timer(true);
        ++owner_->connections_opened;
        if (dest_.how == destination::kind::unix_socket) {
            conn_ = std::make_unique<connection>(std::in_place_type<connection::unix_socket>, owner_->executor);
            stage_ = stage::connecting;
            auto& socket = std::get<connection::unix_socket>(conn_->stream);
            socket.async_connect(net::local::stream_protocol::endpoint(owner_->opts.unix_socket_path),
                                 [self = shared_from_this()](boost::system::error_code ec) { self->on_connect(ec); });
            return;
        }
        if (dest_.how == destination::kind::tls) {
            auto ctx = owner_->tls_context();
            if (!ctx)
                return fail_soon(std::move(ctx).error());
            conn_ = std::make_unique<connection>(std::in_place_type<connection::tls_stream>, owner_->executor, **ctx);
        } else {
            conn_ = std::make_unique<connection>(std::in_place_type<connection::tcp_socket>, owner_->executor);
        }
        stage_ = stage::resolving;
        resolver_.async_resolve(dest_.host, dest_.port,
                                [self = shared_from_this()](boost::system::error_code ec,
                                                            net::ip::tcp::resolver::results_type results) {
                                    self->on_resolve(ec, std::move(results));
                                });
    }

    void on_resolve(boost::system::error_code ec, net::ip::tcp::resolver::results_type results)
    {
        if (ec || aborted_ != abort_reason::none)
            return fail(ec);
        stage_ = stage::connecting;
        conn_->with_socket([&](auto& socket) {
            if constexpr (std::is_same_v<std::remove_reference_t<decltype(socket)>, connection::tcp_socket>)
                net::async_connect(socket, results,
                                   [self = shared_from_this()](boost::system::error_code e, auto const&) { self->on_connect(e); });
        });
    }

    void on_connect(boost::system::error_code ec)
    {
        if (ec || aborted_ != abort_reason::none)
            return fail(ec);
        if (dest_.how != destination::kind::tls)
            return connected();
        stage_ = stage::handshaking;
        auto& tls = std::get<connection::tls_stream>(conn_->stream);
        if (!SSL_set_tlsext_host_name(tls.native_handle(), dest_.host.c_str()))
            return fail(boost::system::error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category()));
        if (owner_->opts.verify_peer && owner_->opts.verify_host)
            tls.set_verify_callback(net::ssl::host_name_verification(dest_.host));
        tls.async_handshake(net::ssl::stream_base::client,
                            [self = shared_from_this()](boost::system::error_code e) { self->on_handshake(e); });
    }

    void on_handshake(boost::system::error_code ec)
    {
        if (ec || aborted_ != abort_reason::none)
            return fail(ec);
        SSL* ssl = std::get<connection::tls_stream>(conn_->stream).native_handle();
        // With verify_peer off the host name is still checked when asked for, as libcurl does.
        if (!owner_->opts.verify_peer && owner_->opts.verify_host)
            if (auto f = check_host_name(ssl))
                return finish(std::move(*f), false);
        if (!owner_->opts.pinned_public_key.empty()) {
            std::unique_ptr<X509, openssl::detail::x509_deleter> cert(SSL_get1_peer_certificate(ssl));
            auto matches = openssl::matches_pin(cert.get(), owner_->opts.pinned_public_key);
            if (!matches)
                return finish(std::move(matches).error(), false);
            if (!*matches) {
                failure f = make_failure(error::transport, "transport: the public key of " + req_.origin +
                                                               " is not the pinned one");
                f.code = make_error_code(boost::system::errc::permission_denied);
                return finish(std::move(f), false);
            }
        }
        connected();
    }

    std::optional<failure> check_host_name(SSL* ssl)
    {
        std::unique_ptr<X509, openssl::detail::x509_deleter> cert(SSL_get1_peer_certificate(ssl));
        boost::system::error_code not_address;
        static_cast<void>(net::ip::make_address(dest_.host, not_address));
        int const ok = cert == nullptr ? 0
                       : not_address   ? X509_check_host(cert.get(), dest_.host.data(), dest_.host.size(), 0, nullptr)
                                       : X509_check_ip_asc(cert.get(), dest_.host.c_str(), 0);
        if (ok == 1)
            return std::nullopt;
        failure f = make_failure(error::transport, "transport: the certificate of " + req_.origin + " does not name " +
                                                       dest_.host);
        f.code = make_error_code(boost::system::errc::permission_denied);
        return f;
    }

    // ------------------------------------------------------------ request

    void connected()
    {
        arm_timer(false);
        stage_ = stage::writing;
        wire_.emplace();
        auto& m = *wire_;
        m.version(11);
        m.method_string(to_string(req_.method));
        m.target(req_.target);
        if (!req_.headers.contains("Host"))  // a Host of the caller's own wins (a proxy, a virtual host)
            m.set(http::field::host, dest_.host_header);
        for (auto const& f : req_.headers)
            m.insert(f.name, f.value);
        if (req_.has_body())
            m.content_length(req_.body_size());
        // The source may have been read before (a fingerprint, a resend on a new connection).
        if (auto* source = std::get_if<body_source>(&req_.body))
            if (auto ec = source->rewind())
                return finish(transport_error("rewinding the request body failed", ec), false);
        body_left_ = req_.body_size();
        m.body().data = nullptr;
        m.body().size = 0;
        m.body().more = body_left_ > 0;
        serializer_.emplace(m);
        visit_stream([self = shared_from_this()](auto& s) {
            http::async_write_header(s, *self->serializer_,
                                     [self](boost::system::error_code ec, std::size_t) { self->on_written(ec); });
        });
    }

    void on_written(boost::system::error_code ec)
    {
        if (ec == http::error::need_buffer)
            ec = {};
        if (ec || aborted_ != abort_reason::none)
            return fail(ec);
        if (body_left_ == 0)
            return read_head();
        auto& body = wire_->body();
        if (auto const* text = std::get_if<std::string>(&req_.body)) {
            body.data = const_cast<char*>(text->data());
            body.size = text->size();
            body_left_ = 0;
        } else {
            auto& source = std::get<body_source>(req_.body);
            if (buffer_.size() < chunk_size)
                buffer_.resize(chunk_size);
            auto const want = static_cast<std::size_t>((std::min<std::uint64_t>)(body_left_, buffer_.size()));
            auto n = source.read(buffer_.data(), want);
            if (!n)
                return finish(transport_error("reading the request body failed", n.error()), false);
            if (*n == 0 || *n > want)
                return finish(make_failure(error::transport, "transport: the request body source ended before its size"),
                              false);
            body.data = buffer_.data();
            body.size = *n;
            body_left_ -= *n;
        }
        body.more = body_left_ > 0;
        visit_stream([self = shared_from_this()](auto& s) {
            http::async_write(s, *self->serializer_,
                              [self](boost::system::error_code e, std::size_t) { self->on_written(e); });
        });
    }

    // ------------------------------------------------------------ response

    void read_head()
    {
        stage_ = stage::reading_head;
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(
            (std::min<std::size_t>)(owner_->opts.max_header_size, (std::numeric_limits<std::uint32_t>::max)())));
        parser_->body_limit(boost::none);  // the collected body has its own limit; a sink has none
        if (req_.method == http_method::head)
            parser_->skip(true);
        visit_stream([self = shared_from_this()](auto& s) {
            http::async_read_header(s, self->conn_->buffer, *self->parser_,
                                    [self](boost::system::error_code ec, std::size_t) { self->on_head(ec); });
        });
    }

    void on_head(boost::system::error_code ec)
    {
        if (ec || aborted_ != abort_reason::none)
            return fail(ec);
        auto const& head = parser_->get();
        int const status = static_cast<int>(head.result_int());
        if (status >= 100 && status < 200 && status != 101)
            return read_head();  // an interim response (100 Continue): the real one follows
        out_.status = status;
        for (auto const& f : head)
            out_.headers.add(std::string(f.name_string()), std::string(f.value()));
        if (streams())
            if (auto r = sink_(out_, std::string_view{}); !r)
                return finish(std::move(r).error(), false);
        stage_ = stage::reading_body;
        read_body();
    }

    bool streams() const noexcept { return sink_ && out_.status >= 200 && out_.status < 300; }

    void read_body()
    {
        if (parser_->is_done())
            return finish(std::move(out_), parser_->keep_alive());
        if (buffer_.size() < chunk_size)
            buffer_.resize(chunk_size);
        auto& body = parser_->get().body();
        body.data = buffer_.data();
        body.size = buffer_.size();
        // Beast reads no more than the connection's buffer has room for (512 bytes at
        // least): room for a whole chunk makes a large body one read per chunk, not one
        // per few KiB, while a small body leaves a pooled connection its small buffer.
        std::size_t room = chunk_size;
        if (auto const remaining = parser_->content_length_remaining(); remaining && *remaining < room)
            room = static_cast<std::size_t>(*remaining);
        conn_->buffer.reserve(conn_->buffer.size() + room);
        visit_stream([self = shared_from_this()](auto& s) {
            http::async_read_some(s, self->conn_->buffer, *self->parser_,
                                  [self](boost::system::error_code ec, std::size_t) { self->on_body(ec); });
        });
    }

    void on_body(boost::system::error_code ec)
    {
        if (ec == http::error::need_buffer)
            ec = {};
        if (ec || aborted_ != abort_reason::none)
            return fail(ec);
        std::size_t const n = buffer_.size() - parser_->get().body().size;
        std::string_view chunk(buffer_.data(), n);
        if (streams()) {
            if (n != 0)
                if (auto r = sink_(out_, chunk); !r)
                    return finish(std::move(r).error(), false);
        } else {
            if (out_.body.size() + n > owner_->opts.max_body_size)
                return finish(make_failure(error::limit_exceeded, "response body larger than " +
                                                                      std::to_string(owner_->opts.max_body_size) +
                                                                      " bytes"),
                              false);
            out_.body.append(chunk);
        }
        read_body();
    }

    // ------------------------------------------------------------ deadlines and the end

    // The timer waits for the nearer deadline: the connection's while connecting, then the exchange's.
    void arm_timer(bool connecting)
    {
        auto deadline = deadline_;
        if (connecting && connect_deadline_ && (!deadline || *connect_deadline_ < *deadline))
            deadline = connect_deadline_;
        if (!deadline) {
            timer_.cancel();
            return;
        }
        timer_.expires_at(*deadline);
        timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
            if (!ec && self->timer_.expiry() <= std::chrono::steady_clock::now())
                self->abort(abort_reason::timed_out);
        });
    }

    template <class F>
    void visit_stream(F&& f)
    {
        std::visit(f, conn_->stream);
    }

    static failure transport_error(std::string what, boost::system::error_code ec)
    {
        failure f = make_failure(error::transport, "transport: " + what + ": " + ec.message());
        f.code = ec;
        return f;
    }

    // Whether a failure on a reused connection means the server had closed it before
    // reading anything: then the request goes again on a new connection, once.
    bool stale_connection(boost::system::error_code ec) const
    {
        if (!reused_ || resent_ || aborted_ != abort_reason::none)
            return false;
        if (stage_ != stage::writing && !(stage_ == stage::reading_head && !parser_->got_some()))
            return false;
        return ec == http::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset ||
               ec == net::error::broken_pipe || ec == net::ssl::error::stream_truncated;
    }

    void fail(boost::system::error_code ec)
    {
        if (stale_connection(ec)) {
            resent_ = true;
            conn_.reset();
            out_ = response{};
            return obtain_connection();
        }
        switch (aborted_) {
        case abort_reason::none: break;
        case abort_reason::timed_out:
            return finish(transport_error("timed out " + where(), make_error_code(boost::system::errc::timed_out)), false);
        case abort_reason::cancelled:
            return finish(transport_error("cancelled " + where(), make_error_code(boost::system::errc::operation_canceled)),
                          false);
        case abort_reason::shut_down:
            return finish(transport_error("the transport shut down " + where(),
                                          make_error_code(boost::system::errc::operation_canceled)),
                          false);
        }
        failure f = transport_error("failed " + where(), ec);
        if (ec.category() == net::error::get_ssl_category() && conn_ && dest_.how == destination::kind::tls) {
            // OpenSSL's reason ("certificate verify failed") says less than the chain check's own.
            long const verdict = SSL_get_verify_result(std::get<connection::tls_stream>(conn_->stream).native_handle());
            if (verdict != X509_V_OK)
                f.message += std::string(" (") + X509_verify_cert_error_string(verdict) + ")";
        }
        finish(std::move(f), false);
    }

    // Complete later, from the executor: `start` must not complete inline.
    void fail_soon(failure f)
    {
        finished_ = true;
        net::post(owner_->executor, [self = shared_from_this(), f = std::move(f)]() mutable {
            self->finished_ = false;
            self->finish(std::move(f), false);
        });
    }

    void finish(result<response> outcome, bool keep_alive)
    {
        if (finished_)
            return;
        finished_ = true;
        timer_.cancel();
        owner_->in_flight.erase(id_);
        if (conn_) {
            if (outcome && keep_alive && aborted_ == abort_reason::none)
                owner_->keep_idle(dest_.pool_key, std::move(conn_));
            else
                conn_->close();
        }
        if (!outcome && outcome.error().http_status == 0 && out_.status != 0) {
            failure f = std::move(outcome).error();
            f.http_status = out_.status;  // a sink's failure keeps the status it came with
            outcome = std::move(f);
        }
        auto done = std::move(done_);
        done(std::move(outcome));
    }

    std::shared_ptr<transport_state> owner_;
    request req_;
    body_sink sink_;
    transport_completion done_;
    destination dest_;
    std::unique_ptr<connection> conn_;
    net::ip::tcp::resolver resolver_;
    net::steady_timer timer_;
    std::optional<std::chrono::steady_clock::time_point> deadline_;
    std::optional<std::chrono::steady_clock::time_point> connect_deadline_;
    std::optional<http::request<http::buffer_body>> wire_;
    std::optional<http::request_serializer<http::buffer_body>> serializer_;
    std::optional<http::response_parser<http::buffer_body>> parser_;
    std::vector<char> buffer_;
    std::uint64_t body_left_ = 0;
    response out_;
    std::uint64_t id_ = 0;
    stage stage_ = stage::resolving;
    abort_reason aborted_ = abort_reason::none;
    bool reused_ = false;
    bool resent_ = false;
    bool finished_ = false;
};

} // namespace cloudimg::asio::detail

#endif
