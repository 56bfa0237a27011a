// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test is included first: it must be self-contained.
#include <cloudimg/asio/transport.hpp>

#include <cloudimg/asio/async_send.hpp>
#include <cloudimg/hetzner.hpp>
#include <cloudimg/lxd/fingerprint.hpp>

#include <golden.hpp>
#include <image_reply.hpp>
#include <local_server.hpp>
#include <one_shot_server.hpp>
#include <string_source.hpp>
#include <tls_server.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

// cloudimg::asio::transport against local servers: the plain HTTP server of
// the event-loop tests (local_server.hpp: answer, close, stall, reset,
// counting connections), one-connection servers over TLS and a Unix socket
// (one_shot_server.hpp, tls_server.hpp), and a listener that never accepts
// (to hold a connection attempt, a TLS handshake or a write). Every stage is
// cancelled and timed out; connections are counted; TLS fails in each way
// it can. The Prism suites and the LXD daemon suite run through this
// transport too (their *_asio and *_asio_coro ctest entries).

namespace {

using namespace cloudimg;
using namespace std::chrono_literals;
namespace net = boost::asio;
using test_server::image_reply;
using test_server::local_server;
using test_server::received_request;
using test_server::reply;

static_assert(streaming_async_transport<cloudimg::asio::transport>);
static_assert(std::is_nothrow_move_constructible_v<cloudimg::asio::transport>);
static_assert(!std::is_copy_constructible_v<cloudimg::asio::transport>);

std::filesystem::path const data_dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR);
std::string const tls_dir = (data_dir / "lxd" / "tls").string();
std::string const server_crt = tls_dir + "/test-server.crt";
std::string const server_key = tls_dir + "/test-server.key";
std::string const client_crt = tls_dir + "/test-client.crt";
std::string const client_key = tls_dir + "/test-client.key";

hetzner::config config_for(std::string const& origin) { return {.token = "t", .base_url = origin + "/v1"}; }

request get(std::string origin, std::string target = "/")
{
    request req;
    req.origin = std::move(origin);
    req.target = std::move(target);
    return req;
}

/// Run `io` until `done` holds a value (or the io_context has no more work).
template <class T>
T& run_until(net::io_context& io, std::optional<T>& done)
{
    io.restart();
    while (!done && io.run_one() != 0) {
    }
    EXPECT_TRUE(done.has_value()) << "the io_context ran out of work first";
    if (!done)
        throw std::runtime_error("no completion");
    return *done;
}

/** A TCP listener on 127.0.0.1 that never accepts: the kernel completes the
    handshakes its backlog holds, and nobody reads. A TLS handshake or an HTTP
    exchange with it never progresses; a large enough write fills the socket
    buffers and stops; with the backlog full a new connection attempt stays
    pending.
*/
class silent_listener {
public:
    silent_listener()
    {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, backlog) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
            ADD_FAILURE() << "cannot listen";
        port_ = ntohs(addr.sin_port);
    }
    ~silent_listener()
    {
        for (int c : fillers_)
            ::close(c);
        ::close(fd_);
    }
    silent_listener(silent_listener const&) = delete;
    silent_listener& operator=(silent_listener const&) = delete;

    std::string origin(std::string_view scheme = "http") const
    {
        return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_);
    }

    /// Fill the accept queue, so that the next connection attempt is never answered.
    void fill_backlog()
    {
        for (int i = 0; i < 4 * backlog; ++i) {
            int const c = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
            sockaddr_in addr{};
            addr.sin_family = AF_INET;
            addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            addr.sin_port = htons(port_);
            static_cast<void>(::connect(c, reinterpret_cast<sockaddr*>(&addr), sizeof addr));
            fillers_.push_back(c);
        }
        std::this_thread::sleep_for(50ms);
    }

private:
    static constexpr int backlog = 8;  // room for the connections of one test; filled on purpose only
    int fd_ = -1;
    std::uint16_t port_ = 0;
    std::vector<int> fillers_;
};

// ------------------------------------------------------------ many at once, connection reuse

TEST(asio_transport, a_thousand_get_image_calls_in_flight_on_one_thread_each_with_its_own_answer)
{
    local_server server(image_reply);
    net::io_context io;
    std::size_t constexpr n = 1000;
    std::map<std::int64_t, std::int64_t> answered;  // asked id -> id in the answer
    std::size_t failures = 0;
    std::string first_failure;
    {
        async_client api{config_for(server.origin()), cloudimg::asio::transport(io, {.timeout = 60s})};
        for (std::int64_t id = 1; id <= static_cast<std::int64_t>(n); ++id)
            cloudimg::asio::async_send(api, hetzner::get_image{.id = id}, [&, id](auto r) {
                if (r && r->image) {
                    answered[id] = r->image->id;
                } else if (failures++ == 0) {
                    first_failure = r ? "no image" : r.error().what();
                }
            });
        EXPECT_TRUE(answered.empty()) << "nothing completes inside async_send";
        io.run();
    }
    EXPECT_EQ(failures, 0u) << first_failure;
    ASSERT_EQ(answered.size(), n);
    for (auto [asked, got] : answered)
        EXPECT_EQ(asked, got);
    EXPECT_EQ(server.requests(), n);
}

TEST(asio_transport, calls_in_sequence_reuse_one_connection)
{
    local_server server(image_reply);
    net::io_context io;
    async_client api{config_for(server.origin()), cloudimg::asio::transport(io)};
    int done = 0;
    std::function<void()> next = [&] {
        cloudimg::asio::async_send(api, hetzner::get_image{.id = done + 1}, [&](auto r) {
            EXPECT_TRUE(r) << r.error().what();
            if (++done < 10)
                next();
        });
    };
    next();
    io.run();
    EXPECT_EQ(done, 10);
    EXPECT_EQ(server.connections(), 1u);
    EXPECT_EQ(api.get_transport().connections_opened(), 1u);
}

TEST(asio_transport, a_server_that_closed_a_kept_alive_connection_costs_a_new_one_not_a_failure)
{
    local_server server([](received_request const& req) {
        auto r = image_reply(req);
        r.what = reply::action::answer_and_close;  // no "Connection: close": the client learns it later
        return r;
    });
    net::io_context io;
    async_client api{config_for(server.origin()), cloudimg::asio::transport(io)};
    for (std::int64_t id = 1; id <= 3; ++id) {
        std::optional<bool> ok;
        cloudimg::asio::async_send(api, hetzner::get_image{.id = id}, [&](auto r) {
            EXPECT_TRUE(r) << r.error().what();
            ok = static_cast<bool>(r);
        });
        run_until(io, ok);
        std::this_thread::sleep_for(20ms);  // the server's close arrives
    }
    EXPECT_EQ(server.connections(), 3u);
}

TEST(asio_transport, a_request_the_server_drops_on_a_reused_connection_goes_again_on_a_new_one)
{
    std::atomic<int> seen{0};
    local_server server([&](received_request const& req) {
        // the second request overall arrives on the kept-alive connection: drop it unanswered
        if (++seen == 2)
            return reply{reply::action::reset};
        return image_reply(req);
    });
    net::io_context io;
    async_client api{config_for(server.origin()), cloudimg::asio::transport(io)};
    for (std::int64_t id = 1; id <= 2; ++id) {
        std::optional<bool> ok;
        cloudimg::asio::async_send(api, hetzner::get_image{.id = id}, [&](auto r) {
            EXPECT_TRUE(r) << r.error().what();
            ok = static_cast<bool>(r);
        });
        run_until(io, ok);
    }
    EXPECT_EQ(seen.load(), 3) << "the dropped request was sent once more";
    EXPECT_EQ(server.connections(), 2u);
}

// ------------------------------------------------------------ cancellation and deadlines, stage by stage

struct stage_case {
    std::string origin;
    request req;
    std::string stage;  // as the failure's message names it
};

/// Start `req`, emit a terminal cancellation after `delay`, and return the outcome.
result<response> cancelled_after(cloudimg::asio::transport& t, net::io_context& io, request req,
                                 std::chrono::milliseconds delay, body_sink sink = {},
                                 net::cancellation_type type = net::cancellation_type::terminal)
{
    net::cancellation_signal signal;
    net::steady_timer timer(io, delay);
    timer.async_wait([&](boost::system::error_code) { signal.emit(type); });
    std::optional<result<response>> out;
    auto handler = net::bind_cancellation_slot(signal.slot(), [&](result<response> r) { out.emplace(std::move(r)); });
    if (sink)
        t.async_exchange(std::move(req), std::move(sink), std::move(handler));
    else
        t.async_exchange(std::move(req), std::move(handler));
    auto& r = run_until(io, out);
    timer.cancel();
    return std::move(r);
}

void expect_ended(result<response> const& r, boost::system::errc::errc_t code, std::string const& stage)
{
    ASSERT_FALSE(r) << "status " << r->status;
    EXPECT_EQ(r.error().code, make_error_code(code)) << r.error().what();
    EXPECT_NE(r.error().message.find(stage), std::string::npos) << r.error().message;
}

TEST(asio_transport, cancelled_while_resolving)
{
    net::io_context io;
    cloudimg::asio::transport t(io);
    auto r = cancelled_after(t, io, get("http://localhost:1"), 0ms);
    expect_ended(r, boost::system::errc::operation_canceled, "cancelled resolving");
}

TEST(asio_transport, cancelled_and_timed_out_while_connecting)
{
    silent_listener listener;
    listener.fill_backlog();
    net::io_context io;
    cloudimg::asio::transport t(io);
    expect_ended(cancelled_after(t, io, get(listener.origin()), 200ms), boost::system::errc::operation_canceled,
                 "cancelled connecting to");

    cloudimg::asio::transport quick(io, {.connect_timeout = 200ms});
    std::optional<result<response>> out;
    auto const start = std::chrono::steady_clock::now();
    quick.async_exchange(get(listener.origin()), [&](result<response> r) { out.emplace(std::move(r)); });
    expect_ended(run_until(io, out), boost::system::errc::timed_out, "timed out connecting to");
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(asio_transport, cancelled_and_timed_out_in_the_tls_handshake)
{
    silent_listener listener;
    net::io_context io;
    cloudimg::asio::transport t(io, {.ca_file = server_crt});
    expect_ended(cancelled_after(t, io, get(listener.origin("https")), 200ms), boost::system::errc::operation_canceled,
                 "cancelled in the TLS handshake with");

    cloudimg::asio::transport quick(io, {.connect_timeout = 200ms, .ca_file = server_crt});
    std::optional<result<response>> out;
    quick.async_exchange(get(listener.origin("https")), [&](result<response> r) { out.emplace(std::move(r)); });
    expect_ended(run_until(io, out), boost::system::errc::timed_out, "timed out in the TLS handshake with");
}

TEST(asio_transport, cancelled_and_timed_out_while_writing_a_body_nobody_reads)
{
    silent_listener listener;
    net::io_context io;
    auto big = [&] {
        request req = get(listener.origin(), "/upload");
        req.method = http_method::post;
        req.body = body_source(test_support::string_source{std::string(std::size_t(64) << 20, 'x')});
        return req;
    };
    cloudimg::asio::transport t(io);
    expect_ended(cancelled_after(t, io, big(), 300ms), boost::system::errc::operation_canceled,
                 "cancelled writing the request to");

    cloudimg::asio::transport quick(io, {.timeout = 300ms});
    std::optional<result<response>> out;
    quick.async_exchange(big(), [&](result<response> r) { out.emplace(std::move(r)); });
    expect_ended(run_until(io, out), boost::system::errc::timed_out, "timed out writing the request to");
}

TEST(asio_transport, cancelled_and_timed_out_while_waiting_for_the_head)
{
    local_server server([](received_request const&) { return reply{reply::action::stall}; });
    net::io_context io;
    cloudimg::asio::transport t(io);
    expect_ended(cancelled_after(t, io, get(server.origin()), 200ms), boost::system::errc::operation_canceled,
                 "cancelled reading the response head from");

    cloudimg::asio::transport quick(io, {.timeout = 200ms});
    std::optional<result<response>> out;
    quick.async_exchange(get(server.origin()), [&](result<response> r) { out.emplace(std::move(r)); });
    expect_ended(run_until(io, out), boost::system::errc::timed_out, "timed out reading the response head from");
}

TEST(asio_transport, cancelled_while_reading_the_body_collected_or_streamed)
{
    // a head and the start of a body, then nothing
    local_server server([](received_request const&) {
        return reply{reply::action::answer, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"partial\":"};
    });
    net::io_context io;
    cloudimg::asio::transport t(io);
    expect_ended(cancelled_after(t, io, get(server.origin()), 200ms), boost::system::errc::operation_canceled,
                 "cancelled reading the response body from");

    std::string streamed;
    bool head_seen = false;
    auto r = cancelled_after(t, io, get(server.origin()), 200ms, [&](response const& head, std::string_view chunk) {
        head_seen = head.status == 200;
        streamed += chunk;
        return result<void>();
    });
    expect_ended(r, boost::system::errc::operation_canceled, "cancelled reading the response body from");
    EXPECT_TRUE(head_seen);
    EXPECT_EQ(streamed, "{\"partial\":");
    EXPECT_EQ(r.error().http_status, 200);
}

TEST(asio_transport, a_total_cancellation_is_honoured_only_before_anything_was_sent)
{
    local_server server([](received_request const&) { return reply{reply::action::stall}; });
    net::io_context io;
    cloudimg::asio::transport t(io, {.timeout = 600ms});
    // the request went out: a `total` cancellation cannot undo it, so the deadline ends it
    auto sent = cancelled_after(t, io, get(server.origin()), 100ms, {}, net::cancellation_type::total);
    expect_ended(sent, boost::system::errc::timed_out, "timed out reading the response head from");
    // before anything went out it can: while resolving, or, when the resolver
    // thread answers before the timer fires (a loaded machine), while connecting
    auto unsent = cancelled_after(t, io, get("http://localhost:1"), 0ms, {}, net::cancellation_type::total);
    bool const resolving = !unsent && unsent.error().message.find("cancelled resolving") != std::string::npos;
    expect_ended(unsent, boost::system::errc::operation_canceled, resolving ? "cancelled resolving" : "cancelled connecting");
}

TEST(asio_transport, destroying_the_transport_ends_its_exchanges_with_operation_canceled)
{
    local_server server([](received_request const&) { return reply{reply::action::stall}; });
    net::io_context io;
    std::vector<result<response>> outcomes;
    {
        cloudimg::asio::transport t(io);
        for (int i = 0; i < 3; ++i)
            t.async_exchange(get(server.origin()), [&](result<response> r) { outcomes.push_back(std::move(r)); });
        io.run_for(100ms);
        EXPECT_TRUE(outcomes.empty());
    }
    io.restart();
    io.run();
    ASSERT_EQ(outcomes.size(), 3u);
    for (auto const& r : outcomes)
        expect_ended(r, boost::system::errc::operation_canceled, "the transport shut down");
}

// ------------------------------------------------------------ bodies, limits, redirects, Unix sockets

TEST(asio_transport, a_body_source_goes_out_with_its_exact_length_and_a_body_comes_back_in_chunks)
{
    std::string const upload(3 * 65536 + 17, 'u');
    std::string const download(5 * 65536 + 3, 'd');
    std::string got_body;
    local_server server([&](received_request const& req) {
        got_body = req.body;
        return reply::ok(download, "Content-Type: application/octet-stream\r\n");
    });
    net::io_context io;
    cloudimg::asio::transport t(io);
    request req = get(server.origin(), "/up");
    req.method = http_method::post;
    req.headers.add("Content-Type", "application/octet-stream");
    req.body = body_source(test_support::string_source{upload});
    std::vector<std::size_t> chunks;
    std::string streamed;
    std::optional<result<response>> out;
    t.async_exchange(std::move(req),
                     [&](response const& head, std::string_view chunk) {
                         EXPECT_EQ(head.status, 200);
                         chunks.push_back(chunk.size());
                         streamed += chunk;
                         return result<void>();
                     },
                     [&](result<response> r) { out.emplace(std::move(r)); });
    auto& r = run_until(io, out);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(got_body, upload);
    EXPECT_EQ(streamed, download);
    EXPECT_TRUE(r->body.empty()) << "a streamed body is not collected as well";
    ASSERT_FALSE(chunks.empty());
    EXPECT_EQ(chunks.front(), 0u) << "the head comes first, with an empty chunk";
    for (auto n : chunks)
        EXPECT_LE(n, std::size_t(64) << 10);
}

TEST(asio_transport, a_sink_failure_ends_the_exchange_with_that_failure)
{
    local_server server([](received_request const&) { return reply::ok(std::string(200000, 'x')); });
    net::io_context io;
    cloudimg::asio::transport t(io);
    std::optional<result<response>> out;
    t.async_exchange(get(server.origin()),
                     [](response const&, std::string_view chunk) -> result<void> {
                         if (chunk.empty())
                             return {};
                         return make_failure(error::limit_exceeded, "the sink had enough");
                     },
                     [&](result<response> r) { out.emplace(std::move(r)); });
    auto& r = run_until(io, out);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::limit_exceeded);
    EXPECT_EQ(r.error().message, "the sink had enough");
    EXPECT_EQ(r.error().http_status, 200);
}

TEST(asio_transport, bodies_and_heads_above_the_limits_are_refused)
{
    local_server server([](received_request const& req) {
        if (req.target() == "/big-head")
            return reply::ok("{}", "X-Filler: " + std::string(10000, 'h') + "\r\n");
        return reply::ok(std::string(5000, 'b'));
    });
    net::io_context io;
    cloudimg::asio::transport t(io, {.max_body_size = 4096, .max_header_size = 4096});
    std::optional<result<response>> body, head;
    t.async_exchange(get(server.origin(), "/big-body"), [&](result<response> r) { body.emplace(std::move(r)); });
    t.async_exchange(get(server.origin(), "/big-head"), [&](result<response> r) { head.emplace(std::move(r)); });
    ASSERT_FALSE(run_until(io, body));
    EXPECT_EQ(body->error().code, error::limit_exceeded);
    ASSERT_FALSE(run_until(io, head));
    EXPECT_EQ(head->error().code, boost::beast::http::error::header_limit) << head->error().what();
}

TEST(asio_transport, a_redirect_is_the_response_never_followed)
{
    local_server server([](received_request const&) {
        return reply{reply::action::answer,
                     "HTTP/1.1 302 Found\r\nLocation: http://elsewhere.example/steal\r\nContent-Length: 0\r\n\r\n"};
    });
    net::io_context io;
    cloudimg::asio::transport t(io);
    request req = get(server.origin(), "/v1/images");
    req.headers.add("Authorization", "Bearer secret");
    std::optional<result<response>> out;
    t.async_exchange(std::move(req), [&](result<response> r) { out.emplace(std::move(r)); });
    auto& r = run_until(io, out);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->status, 302);
    EXPECT_EQ(r->headers.find("Location").value_or(""), "http://elsewhere.example/steal");
    EXPECT_EQ(server.requests(), 1u);
}

TEST(asio_transport, a_unix_socket_carries_the_exchange_with_the_origins_host)
{
    std::string const path = (std::filesystem::temp_directory_path() / ("cloudimg-asio-" + std::to_string(::getpid()))).string();
    test_server::one_shot_server server({"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"}, {.unix_socket_path = path});
    net::io_context io;
    cloudimg::asio::transport t(io, {.unix_socket_path = path});
    std::optional<result<response>> out;
    t.async_exchange(get("http://lxd", "/1.0"), [&](result<response> r) { out.emplace(std::move(r)); });
    auto& r = run_until(io, out);
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(r->body, "{}");
    EXPECT_TRUE(server.received().starts_with("GET /1.0 HTTP/1.1\r\nHost: lxd\r\n")) << server.received();
}

TEST(asio_transport, an_origin_it_cannot_reach_fails_later_never_inside_the_call)
{
    net::io_context io;
    cloudimg::asio::transport t(io);
    std::optional<result<response>> out;
    t.async_exchange(get("ftp://example.com"), [&](result<response> r) { out.emplace(std::move(r)); });
    EXPECT_FALSE(out.has_value());
    auto& r = run_until(io, out);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_base_url);
}

// ------------------------------------------------------------ TLS

struct tls_outcome {
    result<response> res;
    std::string received;
    std::string peer_pem;
};

tls_outcome over_tls(cloudimg::asio::options opts, std::string const& certificate = server_crt,
                     std::string const& key = server_key, std::string_view host = "127.0.0.1")
{
    test_server::tls_server_context context(certificate, key);
    tls_outcome out{make_failure(error::transport, "not run"), {}, {}};
    test_server::one_shot_server server{{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"},
                                        {.wrap = context.wrap(out.peer_pem)}};
    net::io_context io;
    opts.timeout = 10s;
    cloudimg::asio::transport t(io, std::move(opts));
    std::optional<result<response>> done;
    std::string origin = server.origin("https");
    origin.replace(origin.find("127.0.0.1"), 9, host);
    t.async_exchange(get(origin, "/1.0"), [&](result<response> r) { done.emplace(std::move(r)); });
    out.res = std::move(run_until(io, done));
    t.shutdown();
    out.received = server.received();
    return out;
}

TEST(asio_transport_tls, mutual_tls_with_the_servers_own_certificate_as_ca)
{
    auto x = over_tls({.ca_file = server_crt, .client_certificate = client_crt, .client_key = client_key});
    ASSERT_TRUE(x.res) << x.res.error().what();
    EXPECT_EQ(x.res->status, 200);
    EXPECT_TRUE(x.received.starts_with("GET /1.0 HTTP/1.1\r\n")) << x.received;
    ASSERT_FALSE(x.peer_pem.empty());
    EXPECT_EQ(lxd::certificate_fingerprint(x.peer_pem).value(),
              lxd::certificate_fingerprint(golden::read_file(client_crt)).value());
}

TEST(asio_transport_tls, a_server_signed_by_no_trusted_ca_is_refused_and_hears_nothing)
{
    auto x = over_tls({.ca_file = client_crt});
    ASSERT_FALSE(x.res);
    EXPECT_EQ(x.res.error().code.category(), boost::asio::error::get_ssl_category()) << x.res.error().what();
    EXPECT_NE(x.res.error().message.find("in the TLS handshake"), std::string::npos) << x.res.error().message;
    EXPECT_NE(x.res.error().message.find("self-signed"), std::string::npos) << x.res.error().message;
    EXPECT_TRUE(x.received.empty());
}

TEST(asio_transport_tls, an_expired_certificate_is_refused_as_expired)
{
    std::string const expired = tls_dir + "/expired-server.crt";
    auto x = over_tls({.ca_file = expired}, expired, tls_dir + "/expired-server.key");
    ASSERT_FALSE(x.res);
    EXPECT_NE(x.res.error().message.find("certificate has expired"), std::string::npos) << x.res.error().message;
    EXPECT_TRUE(x.received.empty());
}

TEST(asio_transport_tls, a_certificate_for_another_name_is_refused)
{
    // the same server reached as ::ffff:127.0.0.1, an address its certificate does not name
    std::string_view const mapped = "[::ffff:127.0.0.1]";
    auto x = over_tls({.ca_file = server_crt}, server_crt, server_key, mapped);
    ASSERT_FALSE(x.res);
    EXPECT_NE(x.res.error().message.find("in the TLS handshake"), std::string::npos) << x.res.error().message;
    EXPECT_TRUE(x.received.empty());
    // without the name check it is accepted; with verify_peer off the name is still checked, as libcurl does
    auto y = over_tls({.verify_host = false, .ca_file = server_crt}, server_crt, server_key, mapped);
    EXPECT_TRUE(y.res) << y.res.error().what();
    auto z = over_tls({.verify_peer = false}, server_crt, server_key, mapped);
    ASSERT_FALSE(z.res);
    EXPECT_NE(z.res.error().message.find("does not name"), std::string::npos) << z.res.error().message;
}

TEST(asio_transport_tls, pinned_public_key_accepts_that_key_only)
{
    std::string const pin = lxd::public_key_pin(golden::read_file(server_crt)).value();
    auto with_ca = over_tls({.ca_file = server_crt, .pinned_public_key = pin});
    EXPECT_TRUE(with_ca.res) << with_ca.res.error().what();
    auto pin_only = over_tls({.verify_peer = false, .verify_host = false, .pinned_public_key = "sha256//AAAA=;" + pin});
    EXPECT_TRUE(pin_only.res) << pin_only.res.error().what();

    std::string const other = lxd::public_key_pin(golden::read_file(client_crt)).value();
    for (bool verify : {true, false}) {
        auto wrong = over_tls({.verify_peer = verify, .verify_host = verify, .ca_file = server_crt,
                               .pinned_public_key = other});
        ASSERT_FALSE(wrong.res);
        EXPECT_EQ(wrong.res.error().code, boost::system::errc::permission_denied);
        EXPECT_NE(wrong.res.error().message.find("pinned"), std::string::npos) << wrong.res.error().message;
        EXPECT_TRUE(wrong.received.empty()) << "no request may reach a server with another key";
    }
}

TEST(asio_transport_tls, a_ca_file_that_cannot_be_read_is_a_clear_failure)
{
    net::io_context io;
    cloudimg::asio::transport t(io, {.ca_file = "/nonexistent/ca.pem"});
    std::optional<result<response>> out;
    t.async_exchange(get("https://127.0.0.1:1"), [&](result<response> r) { out.emplace(std::move(r)); });
    auto& r = run_until(io, out);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("/nonexistent/ca.pem"), std::string::npos) << r.error().message;
}

} // namespace
