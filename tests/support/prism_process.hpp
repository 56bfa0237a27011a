// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_PRISM_PROCESS_HPP
#define CLOUDIMG_TESTS_SUPPORT_PRISM_PROCESS_HPP

// A Stoplight Prism mock server as a child process (POSIX): started on a free
// port of 127.0.0.1, in a process group of its own, and stopped by that id.
// Shared by the integration tests and the demo's --local mode.

#include "child_process.hpp"

#include <cloudimg/curl.hpp>
#include <cloudimg/error.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace cloudimg::test_support {

/// How to run Prism.
struct prism_options {
    std::string executable{};  ///< the `prism` launcher (node_modules/.bin/prism)
    std::string spec{};        ///< the OpenAPI document to mock
    bool dynamic = false;    ///< -d: responses generated from the schemas instead of the examples
    std::optional<unsigned> seed{};  ///< --seed: the same generated responses on every run
    std::chrono::seconds startup_timeout{60};  ///< Node and the spec load slowly on a busy machine
    int port_attempts = 5;   ///< another process may take the free port before Prism binds it
};

/** A port on 127.0.0.1 that nobody listened on a moment ago.

    The kernel picks it (bind to port 0); the socket is closed again so Prism
    can bind it, which leaves a short race that `prism_process::start` retries.

    @code
    auto port = find_free_port();  // e.g. 41237
    @endcode
*/
inline result<std::uint16_t> find_free_port()
{
    int const fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return make_failure(error::transport, "socket() failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    bool const ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    ::close(fd);
    if (!ok)
        return make_failure(error::transport, "no free port on 127.0.0.1");
    return ntohs(addr.sin_port);
}

/** Why `executable` cannot run Prism, or an empty string when it can.

    Empty is how the build says "not found" (CLOUDIMG_PRISM_EXECUTABLE="");
    a path that is not executable is a stale configuration.

    @code
    if (auto why = prism_unavailable(exe); !why.empty()) std::cerr << why << '\n';
    @endcode
*/
inline std::string prism_unavailable(std::string const& executable)
{
    if (!executable.empty() && ::access(executable.c_str(), X_OK) == 0)
        return {};
    return "Stoplight Prism not found (CLOUDIMG_PRISM_EXECUTABLE=\"" + executable +
           "\"); configure with -DCLOUDIMG_PRISM_EXECUTABLE=<node_modules/.bin/prism>";
}

/// Stop every running Prism when SIGINT, SIGTERM or SIGHUP arrives (see stop_children_on_signals).
inline void stop_prism_on_signals()
{
    stop_children_on_signals();
}

/** A running Prism mock server, stopped (by its process group id) when destroyed.

    @code
    auto prism = prism_process::start({.executable = exe, .spec = spec_file});
    if (!prism) return prism.error();
    hetzner::config cfg{.token = "t", .base_url = prism->base_url()};
    @endcode
*/
class prism_process {
public:
    /** Start Prism and wait until it answers HTTP on its port.

        The command is `prism mock <spec> -h 127.0.0.1 -p <port> --errors`, plus
        `-d [--seed N]` for dynamic responses. If the port was taken in the
        meantime, it tries another one.

        @code
        auto p = prism_process::start({.executable = exe, .spec = spec, .dynamic = true, .seed = 3});
        @endcode
    */
    static result<prism_process> start(prism_options const& opts)
    {
        std::string last_error = "no attempt";
        for (int attempt = 0; attempt < opts.port_attempts; ++attempt) {
            auto port = find_free_port();
            if (!port)
                return port.error();
            prism_process p;
            p.port_ = *port;
            p.base_url_ = "http://127.0.0.1:" + std::to_string(*port);
            if (auto r = p.spawn(opts); !r)
                return r.error();
            auto ready = p.wait_until_ready(opts.startup_timeout);
            if (ready)
                return p;
            last_error = ready.error().message;
            bool const port_taken = p.log().find("EADDRINUSE") != std::string::npos;
            p.stop();
            if (!port_taken)
                break;
        }
        return make_failure(error::transport, "Prism did not start: " + last_error);
    }

    prism_process(prism_process&&) noexcept = default;
    prism_process& operator=(prism_process&&) noexcept = default;

    /// "http://127.0.0.1:<port>": the base URL to configure a client with (the spec's paths hang below it).
    std::string const& base_url() const noexcept { return base_url_; }
    std::uint16_t port() const noexcept { return port_; }
    /// The process id of Prism, which is also the id of its process group; 0 once stopped.
    pid_t pid() const noexcept { return process_ ? process_->pid() : 0; }

    /// Everything Prism printed so far (it logs each request and its validation).
    std::string log() const { return process_ ? process_->log() : std::string(); }

    /// Ask the whole process group to terminate, without waiting; `stop()` then reaps it.
    void request_stop() noexcept
    {
        if (process_)
            process_->request_stop();
    }

    /// Terminate the process group: SIGTERM, up to 5 s of grace, then SIGKILL; reap the process.
    void stop() noexcept
    {
        if (process_)
            process_->stop();
    }

private:
    prism_process() = default;

    result<void> spawn(prism_options const& opts)
    {
        std::vector<std::string> args{opts.executable, "mock", opts.spec, "-h", "127.0.0.1",
                                      "-p", std::to_string(port_), "--errors"};
        if (opts.dynamic)
            args.push_back("-d");
        if (opts.seed) {
            args.push_back("--seed");
            args.push_back(std::to_string(*opts.seed));
        }
        auto child = child_process::spawn(std::move(args));
        if (!child)
            return child.error();
        process_.emplace(std::move(*child));
        return {};
    }

    // Ready = Prism says it listens on our port (so it is ours, not a squatter's)
    // and answers an HTTP request there.
    result<void> wait_until_ready(std::chrono::seconds timeout)
    {
        std::string const listening = "listening on " + base_url_;
        auto const deadline = std::chrono::steady_clock::now() + timeout;
        curl::transport probe({.connect_timeout = std::chrono::seconds(2), .timeout = std::chrono::seconds(5)});
        while (std::chrono::steady_clock::now() < deadline) {
            if (process_->exited())
                return make_failure(error::transport, "Prism exited during start-up; its output:\n" + log());
            if (log().find(listening) != std::string::npos) {
                request req;
                req.origin = base_url_;
                req.target = "/";
                if (auto res = probe(req); res && res->status != 0)
                    return {};
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return make_failure(error::transport, "Prism did not answer within " + std::to_string(timeout.count()) +
                                                  " s; its output:\n" + log());
    }

    std::optional<child_process> process_;
    std::uint16_t port_ = 0;
    std::string base_url_;
};

/** The Prism servers a test suite uses for one spec: one that answers with the
    spec's examples (static mode), and one per seed that generates responses
    from the schemas (dynamic mode, `-d --seed N`).

    @code
    prism_fleet fleet;
    if (auto errors = fleet.start(exe, spec, {1, 2, 3}); !errors.empty()) fail(errors);
    auto url = fleet.static_mode->base_url();
    @endcode
*/
struct prism_fleet {
    std::optional<prism_process> static_mode;
    std::map<unsigned, prism_process> dynamic_mode;

    /** Start every server in parallel (Node takes seconds to start each one).
        Returns the failures, one line per server that did not start; empty when all did.

        @code
        auto errors = fleet.start(exe, CLOUDIMG_METAL_SPEC, {1, 2, 3});
        @endcode
    */
    std::string start(std::string const& executable, std::string const& spec, std::vector<unsigned> const& seeds)
    {
        auto launch = [&](bool dynamic, std::optional<unsigned> seed) {
            return std::async(std::launch::async, [=] {
                return prism_process::start({.executable = executable, .spec = spec, .dynamic = dynamic, .seed = seed});
            });
        };
        auto static_start = launch(false, std::nullopt);
        std::vector<std::pair<unsigned, std::future<result<prism_process>>>> dynamic_starts;
        for (unsigned seed : seeds)
            dynamic_starts.emplace_back(seed, launch(true, seed));

        std::string errors;
        if (auto p = static_start.get())
            static_mode.emplace(std::move(*p));
        else
            errors += "static: " + p.error().what() + '\n';
        for (auto& [seed, f] : dynamic_starts) {
            if (auto p = f.get())
                dynamic_mode.emplace(seed, std::move(*p));
            else
                errors += "seed " + std::to_string(seed) + ": " + p.error().what() + '\n';
        }
        return errors;
    }

    /// Stop every server: all are asked first, so that their shutdowns overlap.
    void stop() noexcept
    {
        if (static_mode)
            static_mode->request_stop();
        for (auto& [seed, p] : dynamic_mode)
            p.request_stop();
        static_mode.reset();
        dynamic_mode.clear();
    }
};

} // namespace cloudimg::test_support

#endif
