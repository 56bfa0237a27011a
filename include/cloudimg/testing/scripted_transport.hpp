// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTING_SCRIPTED_TRANSPORT_HPP
#define CLOUDIMG_TESTING_SCRIPTED_TRANSPORT_HPP

// A test double for code that uses cloudimg: an ordered script of expected
// requests, each with its canned answer (hcloud-go's request/response
// scripts). It models every transport concept of transport.hpp, so the
// code under test runs unchanged over `client` or `async_client`. No test
// framework is needed: mismatches are values, reported as text.

#include <cloudimg/detail/quote.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/transport.hpp>

#include <boost/assert/source_location.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace cloudimg::testing {

/** How a `scripted_transport` behaves beyond its script.

    @code
    cloudimg::testing::scripted_transport t({.chunk_size = 1});   // a body_sink gets one byte at a time
    @endcode
*/
struct script_options {
    /// A 2xx body goes to a `body_sink` in chunks of this many bytes (at least 1),
    /// so an incremental decoder meets every awkward cut.
    std::size_t chunk_size = 3;

    /** Called once, when the last copy of the transport goes away, with `report()`
        if the script was not followed (a mismatch, an unexpected request, an
        expectation never used, work never run). None by default.

        It runs in a destructor: it must not throw. With GoogleTest:
        @code
        scripted_transport t({.report_at_exit = [](std::string const& r) { ADD_FAILURE() << r; }});
        @endcode
    */
    std::function<void(std::string const& report)> report_at_exit{};
};

/// A request as the transport received it, for tests that look at what was sent.
struct received_request {
    http_method method = http_method::get;
    std::string origin;
    std::string target;
    header_list headers;
    std::optional<std::string> body;  ///< the bytes sent; a `body_source` is read to its end

    std::string url() const { return origin + target; }
};

class scripted_transport;

/** One step of the script: the request expected next, and its answer.

    Made by `scripted_transport::expect`; each setter returns `*this`, so a
    step reads as one sentence. Only what is stated is compared: the method
    and target always, headers and the body when given.

    @code
    t.expect(http_method::post, "/v1/images/4/actions/change_protection")
        .header("Authorization", "Bearer test-token")
        .json_body(R"({"delete": true})")
        .respond(201, R"({"action": {...}})");
    @endcode
*/
class expectation {
public:
    /// Use `scripted_transport::expect`; public only so that the script can store it.
    expectation(http_method method, std::string_view target, std::size_t number, boost::source_location where)
        : method_(method), number_(number), where_(where)
    {
        // an absolute URL also names the origin: "https://h/v1/x" is "https://h" and "/v1/x"
        if (target.starts_with("http://") || target.starts_with("https://")) {
            auto const authority = target.find("//") + 2;
            auto const path = target.find_first_of("/?#", authority);
            origin_ = std::string(target.substr(0, path));
            target_ = path == std::string_view::npos ? std::string() : std::string(target.substr(path));
        } else {
            target_ = std::string(target);
        }
    }

    /** Expect a header with exactly this value (the name in any case; the first
        field of that name counts). Repeat for more headers; others are not looked at.

        @code
        t.expect(http_method::get, "/v1/images/42").header("Authorization", "Bearer x").respond(200, body);
        @endcode
    */
    expectation& header(std::string name, std::string value)
    {
        headers_.emplace_back(std::move(name), std::move(value));
        return *this;
    }

    /** Expect no header of this name.

        @code
        t.expect(http_method::get, "/1.0/images").without_header("Authorization").respond(200, body);
        @endcode
    */
    expectation& without_header(std::string name)
    {
        headers_.emplace_back(std::move(name), std::nullopt);
        return *this;
    }

    /** Expect a JSON body equal to `json` as JSON: parsed and compared value by
        value, so key order and spacing do not matter and `1` equals `1.0`.
        A difference is reported with its JSON path (`body.labels.env`).
        Text that is not JSON makes the step fail when it is reached.

        @code
        t.expect(http_method::put, "/v1/images/4").json_body(R"({"labels": {"env": "prod"}})").respond(200, body);
        @endcode
    */
    template <class Text>
        requires std::is_convertible_v<Text const&, std::string_view>
    expectation& json_body(Text const& text)
    {
        std::string_view const json = text;
        boost::system::error_code ec;
        auto v = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
        if (ec) {
            setup_error_ = "the expected body is not JSON (" + ec.message() + "): " + cloudimg::detail::quote(json);
            return *this;
        }
        return json_body(std::move(v));
    }

    /** Expect a JSON body equal to `json`, given as a value.

        @code
        t.expect(http_method::put, "/v1/images/4").json_body({{"labels", {{"env", "prod"}}}}).respond(200, body);
        @endcode
    */
    expectation& json_body(boost::json::value json)
    {
        body_ = std::move(json);
        return *this;
    }

    /** Expect exactly these body bytes (an upload, a form, text that is not JSON).

        @code
        t.expect(http_method::post, "/1.0/images").body(image_bytes).respond(202, accepted);
        @endcode
    */
    expectation& body(std::string bytes)
    {
        body_ = bytes_body{std::move(bytes)};
        return *this;
    }

    /// Expect a request without a body.
    expectation& no_body()
    {
        body_ = no_body_t{};
        return *this;
    }

    /** Answer with this status, body and headers.

        @code
        t.expect(http_method::get, "/v1/images/42").respond(404, R"({"error":{"code":"not_found","message":"no"}})");
        t.expect(http_method::get, "/1.0/images/f").respond(200, body, {{"ETag", "\"abc\""}});
        @endcode
    */
    expectation& respond(int status, std::string body = {}, header_list headers = {})
    {
        return respond(response{status, std::move(headers), std::move(body)});
    }

    /// Answer with this response.
    expectation& respond(response r)
    {
        answer_.emplace(std::move(r));
        return *this;
    }

    /** Answer with a transport failure: no response came (refused, timed out, reset).
        The caller sees what a real transport reports: the code, and "transport: <its message>".

        @code
        t.expect(http_method::get, "/v1/images/42").fail(boost::system::errc::make_error_code(boost::system::errc::timed_out));
        @endcode
    */
    expectation& fail(boost::system::error_code ec)
    {
        answer_.emplace(cloudimg::detail::transport_failure(ec));
        return *this;
    }

    /// Answer with this failure, as a transport that reports text would (`make_failure(error::transport, "TLS ...")`).
    expectation& fail(failure f)
    {
        answer_.emplace(std::move(f));
        return *this;
    }

    /// Its place in the script, from 1.
    std::size_t number() const noexcept { return number_; }

    /// Whether a request was compared with it (matched or not).
    bool used() const noexcept { return used_; }

    /// "GET /v1/images?page=2 (test_images.cpp:42)": the request and where the step was written.
    std::string description() const
    {
        auto const where = location();
        return where.empty() ? request_line() : request_line() + " (" + where + ")";
    }

    /// "test_images.cpp:42": the file (without its directory) and line of the `expect` call; empty if unknown.
    std::string location() const
    {
        if (where_.line() == 0)
            return {};
        std::string_view file = where_.file_name();
        if (auto const slash = file.find_last_of("/\\"); slash != std::string_view::npos)
            file.remove_prefix(slash + 1);
        return std::string(file) + ':' + std::to_string(where_.line());
    }

private:
    friend class scripted_transport;

    struct no_body_t {};
    struct bytes_body {
        std::string bytes;
    };

    std::string request_line() const
    {
        std::string s(to_string(method_));
        s += ' ';
        s += origin_;
        s += target_;
        return s;
    }

    http_method method_;
    std::string origin_;  // empty: any origin
    std::string target_;
    std::vector<std::pair<std::string, std::optional<std::string>>> headers_;  // nullopt: must be absent
    std::variant<std::monostate, no_body_t, bytes_body, boost::json::value> body_;  // monostate: not compared
    std::string setup_error_;
    std::optional<result<response>> answer_;
    std::size_t number_;
    boost::source_location where_;
    bool used_ = false;
};

namespace detail {

// The difference between two JSON texts, one line per differing value: `body.labels.env: expected "prod", got "dev"`.
class json_differ {
public:
    std::vector<std::string> lines;

    void compare(std::string const& path, boost::json::value const& expected, boost::json::value const& actual)
    {
        if (expected.is_object() && actual.is_object()) {
            auto const& e = expected.get_object();
            auto const& a = actual.get_object();
            for (auto const& [key, value] : e) {
                auto const it = a.find(key);
                if (it == a.end())
                    lines.push_back(member(path, key) + ": expected " + text(value) + ", got nothing");
                else
                    compare(member(path, key), value, it->value());
            }
            for (auto const& [key, value] : a)
                if (!e.contains(key))
                    lines.push_back(member(path, key) + ": expected nothing, got " + text(value));
            return;
        }
        if (expected.is_array() && actual.is_array()) {
            auto const& e = expected.get_array();
            auto const& a = actual.get_array();
            for (std::size_t i = 0; i < (std::max)(e.size(), a.size()); ++i) {
                auto const at = path + '[' + std::to_string(i) + ']';
                if (i >= a.size())
                    lines.push_back(at + ": expected " + text(e[i]) + ", got nothing");
                else if (i >= e.size())
                    lines.push_back(at + ": expected nothing, got " + text(a[i]));
                else
                    compare(at, e[i], a[i]);
            }
            return;
        }
        if (!same_scalar(expected, actual))
            lines.push_back(path + ": expected " + text(expected) + ", got " + text(actual));
    }

    // A JSON value in a message, cut to one line's worth.
    static std::string text(boost::json::value const& v)
    {
        auto s = boost::json::serialize(v);
        if (s.size() > 80) {
            s.resize(77);
            s += "...";
        }
        return s;
    }

private:
    // `.key`, or `["odd key"]` when the key would not read as one
    static std::string member(std::string const& path, boost::json::string_view key)
    {
        bool const plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        });
        if (plain)
            return path + '.' + std::string(key);
        return path + '[' + boost::json::serialize(boost::json::value(key)) + ']';
    }

    // Numbers are equal when they are the same number, whatever their representation.
    static bool same_scalar(boost::json::value const& a, boost::json::value const& b)
    {
        if (a.is_number() && b.is_number())
            return number(a) == number(b) && (a.is_double() || b.is_double() || a == b);
        return a == b;
    }

    // long double holds every int64 and uint64 exactly where it is wider than double (x86)
    static long double number(boost::json::value const& v)
    {
        if (v.is_int64())
            return static_cast<long double>(v.get_int64());
        if (v.is_uint64())
            return static_cast<long double>(v.get_uint64());
        return static_cast<long double>(v.get_double());
    }
};

// Bytes in a message: quoted, with a window around `at` when they are long.
inline std::string excerpt(std::string_view s, std::size_t at)
{
    std::size_t const from = at > 20 && s.size() > cloudimg::detail::max_quoted ? at - 20 : 0;
    return (from > 0 ? "..." : "") + cloudimg::detail::quote(s.substr(from));
}

inline std::string byte_count(std::size_t n)
{
    return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

} // namespace detail

/** A test double for code that uses cloudimg: an ordered script of expected
    requests, each with its canned answer.

    Each request the transport receives is compared with the next step of the
    script (`expect`): the method and target always; the headers, the body
    (as JSON or as bytes) or its absence when the step states them. A request
    that matches gets the step's answer: a response (`respond`) or a transport
    failure (`fail`). One that does not gets a failure with code
    `error::transport` whose message is a readable diff, which is also
    recorded (`mismatches()`), so a test sees it either way:

    @code
    request 2 does not match expectation 2 (test_images.cpp:31):
      expected PUT /v1/images/4
           got PUT /v1/images/4
      header Authorization: expected "Bearer x", got "Bearer y"
      body.labels.env: expected "prod", got "dev"
      body.labels.team: expected nothing, got "ops"
    @endcode

    A mismatched step is used up all the same, so the next request meets the
    next step. `verify()` lists everything that went against the script, the
    steps never reached included; `report()` is the same as one text.

    **It is every kind of transport** (see transport.hpp), so the code under
    test runs unchanged:
    - blocking, for `client`: `t(request&)`; and streaming, `t(request&,
      body_sink const&)`: a 2xx body goes to the sink as the `body_sink`
      contract says (the head with an empty chunk, then chunks of
      `script_options::chunk_size` bytes; a sink's failure comes back with
      `http_status` set), any other status keeps its body in the response;
    - asynchronous, for `async_client`: `t(request&&, transport_completion)`,
      `t(request&&, body_sink, transport_completion)` and `t.post(task)`. The
      request is compared when it is sent, but completions and posted tasks
      only queue up, in order; nothing runs until the test calls `run()`,
      `poll()` or `run_one()`, so it decides when handlers run (never inside
      `send`). The destructor drops work that never ran, like
      `asio::io_context`; `verify()` reports it.

    A `body_source` body is rewound and read to its end, then compared like
    any body; a source whose bytes disagree with its `size()` is a mismatch.

    **A handle**: copies share one script, so give the client a copy and keep
    one to add steps and check. Not thread-safe: one thread drives it.

    @code
    cloudimg::testing::scripted_transport t;
    t.expect(http_method::get, "/v1/images?page=2").header("Authorization", "Bearer x").respond(200, page_2);
    t.expect(http_method::post, "/v1/images/4/actions/change_protection")
        .json_body(R"({"delete":true})")
        .respond(201, action_json);
    cloudimg::client api{hetzner::config{.token = "x"}, t};
    code_under_test(api);
    EXPECT_EQ(t.report(), "");   // or: for (auto& p : t.verify()) ...
    @endcode
    @see expectation, script_options
*/
class scripted_transport {
public:
    /// An empty script.
    scripted_transport() : scripted_transport(script_options{}) {}

    /// An empty script with these options.
    explicit scripted_transport(script_options options) : state_(std::make_shared<state>())
    {
        state_->options = std::move(options);
        state_->options.chunk_size = std::max<std::size_t>(state_->options.chunk_size, 1);
    }

    // Copies share the script; a "moved-from" handle still refers to it (moving copies).
    scripted_transport(scripted_transport const&) = default;
    scripted_transport& operator=(scripted_transport const&) = default;

    /** Add the next step: a request with this method and target (the
        origin-form target as `request::target` has it, percent-encoded, with
        its query; or an absolute URL, and then the origin is compared too).
        Say what else to compare and how to answer on the result.

        @code
        t.expect(http_method::get, "/v1/images/42").respond(200, image_json);
        t.expect(http_method::get, "https://api.hetzner.cloud/v1/images/42").respond(200, image_json);
        @endcode
    */
    expectation& expect(http_method method, std::string_view target, boost::source_location where = BOOST_CURRENT_LOCATION)
    {
        return state_->script.emplace_back(method, target, state_->script.size() + 1, where);
    }

    // ---- the blocking faces (client)

    /// Compare `req` with the next step and answer it.
    result<response> operator()(request& req) { return answer(req); }

    /// Like `operator()(request&)`; a 2xx body goes into `sink` in chunks (see `body_sink`).
    result<response> operator()(request& req, body_sink const& sink)
    {
        return deliver(answer(req), sink, state_->options.chunk_size);
    }

    // ---- the asynchronous faces (async_client): queued until run()

    /// Compare `req` with the next step now; `done` gets the answer when the queue runs.
    void operator()(request&& req, transport_completion done)
    {
        state_->queue.push_back([outcome = answer(req), done = std::move(done)]() mutable { done(std::move(outcome)); });
    }

    /// Like the above; when the queue runs, a 2xx body goes into `sink` first, then `done` is called.
    void operator()(request&& req, body_sink sink, transport_completion done)
    {
        state_->queue.push_back([outcome = answer(req), sink = std::move(sink), done = std::move(done),
                                 chunk_size = state_->options.chunk_size]() mutable {
            done(deliver(std::move(outcome), sink, chunk_size));
        });
    }

    /// Queue `task` behind everything queued so far.
    void post(posted_task task) { state_->queue.push_back(std::move(task)); }

    /** Run queued completions and tasks, in order, until none is left, those
        queued meanwhile (a handler that sends the next request) included.
        Returns how many ran.

        @code
        api.send(hetzner::get_image{.id = 42}, handler);
        assert(!called);   // nothing runs before run()
        t.run();
        @endcode
    */
    std::size_t run()
    {
        auto keep = state_;  // a handler may drop the last other copy
        std::size_t n = 0;
        while (run_one())
            ++n;
        return n;
    }

    /** Run only what is queued now; what those handlers queue waits for the
        next call, so a test steps through a conversation turn by turn.
        (Asio's `poll` would run that too: here nothing ever blocks, so `run`
        is that.) Returns how many ran.
    */
    std::size_t poll()
    {
        auto keep = state_;
        std::size_t const ready = state_->queue.size();
        std::size_t n = 0;
        while (n < ready && run_one())
            ++n;
        return n;
    }

    /// Run the oldest queued completion or task, if any; returns 1 if one ran.
    std::size_t run_one()
    {
        if (state_->queue.empty())
            return 0;
        auto keep = state_;
        auto task = std::move(keep->queue.front());
        keep->queue.pop_front();
        task();
        return 1;
    }

    /// Completions and tasks queued and not run yet.
    std::size_t pending() const noexcept { return state_->queue.size(); }

    // ---- what happened

    /** Everything that went against the script so far, one entry each:
        mismatched and unexpected requests (with their diffs), steps never
        used, queued work never run. Empty when the script was followed exactly.

        @code
        for (auto const& problem : t.verify())
            std::cerr << problem << '\n';
        @endcode
    */
    std::vector<std::string> verify() const { return state_->problems(); }

    /** `verify()` as one text, a problem per line (diffs span several), or
        empty when the script was followed exactly.

        @code
        EXPECT_EQ(t.report(), "");   // GoogleTest shows the whole text when it is not
        @endcode
    */
    std::string report() const { return state_->report(); }

    /// The steps never used, as `expectation::description()`: "GET /v1/images?page=3 (test.cpp:57)".
    std::vector<std::string> unused() const
    {
        std::vector<std::string> out;
        for (auto const& e : state_->script)
            if (!e.used())
                out.push_back(e.description());
        return out;
    }

    /// The diffs of the requests that did not match, and the requests nobody expected, in order.
    std::vector<std::string> const& mismatches() const noexcept { return state_->mismatches; }

    /// Every request received, in order, as it was sent.
    std::vector<received_request> const& requests() const noexcept { return state_->received; }

    /// The steps of the script, in order.
    std::deque<expectation> const& script() const noexcept { return state_->script; }

    /// Steps not reached yet.
    std::size_t remaining() const noexcept { return state_->script.size() - state_->next; }

    script_options const& options() const noexcept { return state_->options; }

private:
    struct state {
        script_options options;
        std::deque<expectation> script;  // a deque: `expect` hands out references that stay valid
        std::size_t next = 0;
        std::vector<received_request> received;
        std::vector<std::string> mismatches;
        std::deque<posted_task> queue;

        state() = default;
        state(state const&) = delete;
        state& operator=(state const&) = delete;

        ~state()
        {
            if (options.report_at_exit)
                if (auto text = report(); !text.empty())
                    options.report_at_exit(text);
        }

        std::vector<std::string> problems() const
        {
            std::vector<std::string> out = mismatches;
            for (auto const& e : script)
                if (!e.used())
                    out.push_back("expectation " + std::to_string(e.number()) + " was never used: " + e.description());
            if (auto const n = queue.size(); n != 0)
                out.push_back(std::to_string(n) + (n == 1 ? " completion or task was" : " completions or tasks were") +
                              " queued and never run: call run()");
            return out;
        }

        std::string report() const
        {
            std::string text;
            for (auto const& p : problems()) {
                text += p;
                text += '\n';
            }
            return text;
        }
    };

    // Read the body as a transport would send it; a source is rewound and read to its end.
    static std::optional<std::string> read_body(request& req, std::string& problem)
    {
        if (auto const* s = std::get_if<std::string>(&req.body))
            return *s;
        auto* src = std::get_if<body_source>(&req.body);
        if (!src)
            return std::nullopt;
        std::string bytes;
        if (auto ec = src->rewind()) {
            problem = "rewinding the body source failed: " + ec.message();
            return bytes;
        }
        char buf[16384];
        for (;;) {
            auto n = src->read(buf, sizeof buf);
            if (!n) {
                problem = "reading the body source failed after " + detail::byte_count(bytes.size()) + ": " + n.error().message();
                return bytes;
            }
            if (*n == 0)
                break;
            bytes.append(buf, *n);
        }
        if (src->size() != bytes.size())
            problem = "the body source's size() is " + std::to_string(src->size()) + " but it gave " +
                      detail::byte_count(bytes.size());
        return bytes;
    }

    static std::vector<std::string> differences(expectation const& e, received_request const& r, std::string const& source_problem)
    {
        std::vector<std::string> lines;
        if (!e.setup_error_.empty())
            lines.push_back(e.setup_error_);
        for (auto const& [name, value] : e.headers_) {
            auto const got = r.headers.find(name);
            if (value && !got)
                lines.push_back("header " + name + ": expected " + cloudimg::detail::quote(*value) + ", got nothing");
            else if (value && *got != *value)
                lines.push_back("header " + name + ": expected " + cloudimg::detail::quote(*value) + ", got " +
                                cloudimg::detail::quote(*got));
            else if (!value && got)
                lines.push_back("header " + name + ": expected nothing, got " + cloudimg::detail::quote(*got));
        }
        if (!source_problem.empty())
            lines.push_back("body: " + source_problem);
        if (std::holds_alternative<expectation::no_body_t>(e.body_) && r.body) {
            lines.push_back("body: expected none, got " + detail::byte_count(r.body->size()) + ' ' +
                            cloudimg::detail::quote(*r.body));
        } else if (auto const* bytes = std::get_if<expectation::bytes_body>(&e.body_)) {
            if (!r.body) {
                lines.push_back("body: expected " + detail::byte_count(bytes->bytes.size()) + ' ' +
                                cloudimg::detail::quote(bytes->bytes) + ", got none");
            } else if (*r.body != bytes->bytes) {
                auto const& got = *r.body;
                auto const at = static_cast<std::size_t>(
                    std::mismatch(bytes->bytes.begin(), bytes->bytes.end(), got.begin(), got.end()).first - bytes->bytes.begin());
                lines.push_back("body: expected " + detail::byte_count(bytes->bytes.size()) + ' ' +
                                detail::excerpt(bytes->bytes, at) + ", got " + detail::byte_count(got.size()) + ' ' +
                                detail::excerpt(got, at) + "; they differ from byte " + std::to_string(at));
            }
        } else if (auto const* json = std::get_if<boost::json::value>(&e.body_)) {
            if (!r.body) {
                lines.push_back("body: expected " + detail::json_differ::text(*json) + ", got none");
            } else {
                boost::system::error_code ec;
                auto const got = boost::json::parse(boost::json::string_view(r.body->data(), r.body->size()), ec);
                if (ec) {
                    lines.push_back("body: expected JSON " + detail::json_differ::text(*json) + ", got " +
                                    detail::byte_count(r.body->size()) + " that are not JSON (" + ec.message() +
                                    "): " + cloudimg::detail::quote(*r.body));
                } else {
                    detail::json_differ d;
                    d.compare("body", *json, got);
                    lines.insert(lines.end(), d.lines.begin(), d.lines.end());
                }
            }
        }
        return lines;
    }

    // Record `req`, compare it with the next step, and take that step's answer.
    result<response> answer(request& req)
    {
        state& s = *state_;
        std::string source_problem;
        received_request r{req.method, req.origin, req.target, req.headers, read_body(req, source_problem)};
        s.received.push_back(r);
        std::string const number = std::to_string(s.received.size());
        std::string const line = std::string(to_string(r.method)) + ' ' + r.url();

        if (s.next == s.script.size()) {
            return refuse("request " + number + " was not expected: " + line + " (the script's " +
                          std::to_string(s.script.size()) +
                          (s.script.size() == 1 ? " expectation was used)" : " expectations were all used)"));
        }
        expectation& e = s.script[s.next++];
        e.used_ = true;

        auto lines = differences(e, r, source_problem);
        bool const same_line = e.method_ == r.method && e.target_ == r.target && (e.origin_.empty() || e.origin_ == r.origin);
        if (!same_line || !lines.empty()) {
            auto const where = e.location();
            std::string text = "request " + number + " does not match expectation " + std::to_string(e.number()) +
                               (where.empty() ? "" : " (" + where + ")") + ":\n  expected " + e.request_line() +
                               "\n       got " +
                               std::string(to_string(r.method)) + ' ' + (e.origin_.empty() ? r.target : r.url());
            for (auto const& l : lines) {
                text += "\n  ";
                text += l;
            }
            return refuse(std::move(text));
        }
        if (!e.answer_)
            return refuse("expectation " + std::to_string(e.number()) + " (" + e.description() +
                          ") has no answer: end it with .respond(...) or .fail(...)");
        return std::move(*e.answer_);
    }

    result<response> refuse(std::string text)
    {
        state_->mismatches.push_back(text);
        return make_failure(error::transport, std::move(text));
    }

    // The body_sink contract: for a 2xx, the head with an empty chunk, then the body in chunks.
    static result<response> deliver(result<response> outcome, body_sink const& sink, std::size_t chunk_size)
    {
        if (!outcome || !sink || outcome->status < 200 || outcome->status > 299)
            return outcome;
        response head{outcome->status, std::move(outcome->headers), {}};
        std::string_view const body = outcome->body;
        auto ok = sink(head, std::string_view{});
        for (std::size_t at = 0; ok && at < body.size(); at += chunk_size)
            ok = sink(head, body.substr(at, chunk_size));
        if (!ok) {
            failure f = std::move(ok).error();
            f.http_status = head.status;
            return f;
        }
        return head;
    }

    std::shared_ptr<state> state_;
};

} // namespace cloudimg::testing

#endif
