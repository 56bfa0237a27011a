// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_LXD_DAEMON_HPP
#define CLOUDIMG_TESTS_SUPPORT_LXD_DAEMON_HPP

// A private LXD daemon for the integration tests: its own LXD_DIR in a fresh
// temporary directory, its own network namespace (so it cannot reach any
// network: at start-up it otherwise looks for an image server) and its own
// mount namespace (its tmpfs mounts vanish with it). Reached over its unix
// socket; stopped by its process group id.

#include "child_process.hpp"

#include <cloudimg/curl.hpp>
#include <cloudimg/error.hpp>

#include <grp.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace cloudimg::test_support {

/// The first of `candidates` that exists and is executable, or empty.
inline std::string find_executable(std::initializer_list<char const*> candidates)
{
    for (char const* c : candidates)
        if (::access(c, X_OK) == 0)
            return c;
    return {};
}

class lxd_daemon {
public:
    /** Start the daemon and wait until GET /1.0 answers on its socket.

        @code
        auto lxd = lxd_daemon::start();
        if (!lxd) skip_or_fail(lxd.error());
        curl::transport t({.unix_socket_path = lxd->socket_path()});
        @endcode
    */
    static result<lxd_daemon> start(std::chrono::seconds timeout = std::chrono::seconds(60))
    {
        std::string const lxd = find_executable({"/usr/bin/lxd", "/usr/sbin/lxd", "/usr/local/bin/lxd"});
        std::string const unshare = find_executable({"/usr/bin/unshare", "/bin/unshare"});
        if (lxd.empty() || unshare.empty())
            return make_failure(error::transport, "lxd or unshare is not installed (Debian packages lxd, util-linux)");

        char const* tmp = std::getenv("TMPDIR");
        std::string dir = std::string(tmp && *tmp ? tmp : "/tmp") + "/cloudimg-lxd-XXXXXX";
        if (::mkdtemp(dir.data()) == nullptr)
            return make_failure(error::transport, "cannot create a directory for LXD");

        lxd_daemon d;
        d.dir_ = dir;
        // Only the lxd group (made by the Debian package) may use the socket besides root.
        std::string const group = ::getgrnam("lxd") != nullptr ? " --group lxd" : "";
        auto child = child_process::spawn(
            {unshare, "--net", "--mount", "/bin/sh", "-c",
             "ip link set lo up && exec \"$0\"" + group + " --logfile \"$LXD_DIR/lxd.log\"", lxd},
            {"LXD_DIR=" + dir});
        if (!child)
            return child.error();
        d.process_.emplace(std::move(*child));
        if (auto ready = d.wait_until_ready(timeout); !ready)
            return ready.error();
        return d;
    }

    lxd_daemon(lxd_daemon&& o) noexcept : process_(std::exchange(o.process_, std::nullopt)), dir_(std::exchange(o.dir_, {})) {}
    lxd_daemon& operator=(lxd_daemon&&) = delete;
    ~lxd_daemon() { stop(); }

    std::string const& dir() const noexcept { return dir_; }
    std::string socket_path() const { return dir_ + "/unix.socket"; }
    pid_t pid() const noexcept { return process_ ? process_->pid() : 0; }

    /// What the daemon printed, and its log file.
    std::string log() const
    {
        std::string out = process_ ? process_->log() : std::string();
        std::error_code ec;
        if (std::filesystem::exists(dir_ + "/lxd.log", ec)) {
            std::FILE* f = std::fopen((dir_ + "/lxd.log").c_str(), "rb");
            if (f != nullptr) {
                char buf[4096];
                std::size_t n = 0;
                while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
                    out.append(buf, n);
                std::fclose(f);
            }
        }
        return out;
    }

    /// Stop the daemon (it shuts down on SIGTERM; SIGKILL after 15 s) and delete its directory.
    void stop() noexcept
    {
        if (process_) {
            process_->stop(std::chrono::seconds(15));
            process_.reset();
        }
        if (!dir_.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(dir_, ec);
            dir_.clear();
        }
    }

private:
    lxd_daemon() = default;

    result<void> wait_until_ready(std::chrono::seconds timeout)
    {
        auto const deadline = std::chrono::steady_clock::now() + timeout;
        curl::transport probe({.connect_timeout = std::chrono::seconds(2), .timeout = std::chrono::seconds(5),
                                .unix_socket_path = socket_path()});
        while (std::chrono::steady_clock::now() < deadline) {
            if (process_->exited())
                return make_failure(error::transport, "lxd exited during start-up:\n" + log());
            if (std::filesystem::exists(socket_path())) {
                request req;
                req.origin = "http://lxd";
                req.target = "/1.0";
                if (auto res = probe(req); res && res->status == 200)
                    return {};
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return make_failure(error::transport,
                            "lxd did not answer within " + std::to_string(timeout.count()) + " s:\n" + log());
    }

    std::optional<child_process> process_;
    std::string dir_;
};

} // namespace cloudimg::test_support

#endif
