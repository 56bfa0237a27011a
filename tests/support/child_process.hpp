// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_SUPPORT_CHILD_PROCESS_HPP
#define CLOUDIMG_TESTS_SUPPORT_CHILD_PROCESS_HPP

// A server the tests start (POSIX): a child in a process group of its own,
// its output in an unnamed file, stopped by that group id. Shared by the
// Prism mock servers and the private LXD daemon.

#include <cloudimg/error.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace cloudimg::test_support {

namespace detail {

// Process groups still running, for the signal handler: plain atomics are async-signal-safe.
inline std::array<std::atomic<pid_t>, 16> live_groups{};

inline void remember_group(pid_t pgid) noexcept
{
    for (auto& slot : live_groups) {
        pid_t expected = 0;
        if (slot.compare_exchange_strong(expected, pgid))
            return;
    }
}

inline void forget_group(pid_t pgid) noexcept
{
    for (auto& slot : live_groups) {
        pid_t expected = pgid;
        slot.compare_exchange_strong(expected, 0);
    }
}

extern "C" inline void stop_groups_and_reraise(int sig)
{
    for (auto& slot : live_groups)
        if (pid_t const g = slot.load(); g > 0)
            ::kill(-g, SIGTERM);
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

/// Everything in the file open as `fd`, from its start.
inline std::string read_all(int fd)
{
    std::string out;
    char buf[4096];
    ssize_t n = 0;
    while ((n = ::pread(fd, buf, sizeof buf, static_cast<off_t>(out.size()))) > 0)
        out.append(buf, static_cast<std::size_t>(n));
    return out;
}

} // namespace detail

/** Stop every running child group when SIGINT, SIGTERM or SIGHUP arrives, then die of that signal.

    Children run in their own process groups, so a Ctrl-C on the terminal
    does not reach them; without this they would outlive an interrupted program.

    @code
    test_support::stop_children_on_signals();
    @endcode
*/
inline void stop_children_on_signals()
{
    for (int sig : {SIGINT, SIGTERM, SIGHUP})
        ::signal(sig, &detail::stop_groups_and_reraise);
}

/** A running child process group, stopped (SIGTERM, grace, SIGKILL) when destroyed.

    @code
    auto p = child_process::spawn({"/usr/bin/sleep", "60"}, {"FOO=bar"});
    if (!p) return p.error();
    p->stop();
    @endcode
*/
class child_process {
public:
    /** Run `argv` (argv[0] is a path) with the environment plus `extra_env` ("NAME=value"),
        stdin from /dev/null, stdout and stderr into a file only this object can read. */
    static result<child_process> spawn(std::vector<std::string> argv, std::vector<std::string> const& extra_env = {})
    {
        child_process p;
        char const* tmp = std::getenv("TMPDIR");
        std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/cloudimg-child-XXXXXX";
        // The log has no name any more: nothing is left behind, even when a
        // signal ends this process before any destructor runs.
        p.log_fd_ = ::mkostemp(templ.data(), O_CLOEXEC);
        if (p.log_fd_ < 0)
            return make_failure(error::transport, "cannot create a log file for " + argv.at(0));
        ::unlink(templ.c_str());

        std::vector<char*> args;
        for (auto& a : argv)
            args.push_back(a.data());
        args.push_back(nullptr);
        std::vector<std::string> env_strings(extra_env);
        for (char** e = environ; *e != nullptr; ++e)
            env_strings.emplace_back(*e);  // later duplicates lose: getenv finds the first
        std::vector<char*> env;
        for (auto& e : env_strings)
            env.push_back(e.data());
        env.push_back(nullptr);

        posix_spawn_file_actions_t actions;
        posix_spawnattr_t attr;
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attr);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&actions, p.log_fd_, 1);
        posix_spawn_file_actions_adddup2(&actions, p.log_fd_, 2);
        // its own process group: stopping it reaches everything it starts, and nothing else
        sigset_t no_signals, defaults;
        sigemptyset(&no_signals);
        sigemptyset(&defaults);
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE})
            sigaddset(&defaults, sig);
        posix_spawnattr_setpgroup(&attr, 0);
        posix_spawnattr_setsigmask(&attr, &no_signals);
        posix_spawnattr_setsigdefault(&attr, &defaults);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

        pid_t pid = 0;
        int const rc = ::posix_spawn(&pid, argv.at(0).c_str(), &actions, &attr, args.data(), env.data());
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
        if (rc != 0)
            return make_failure(error::transport, "cannot run " + argv.at(0) + ": " + std::strerror(rc));
        p.pid_ = pid;
        detail::remember_group(pid);
        return p;
    }

    child_process(child_process&& o) noexcept : pid_(std::exchange(o.pid_, 0)), log_fd_(std::exchange(o.log_fd_, -1)) {}
    child_process& operator=(child_process&& o) noexcept
    {
        if (this != &o) {
            release();
            pid_ = std::exchange(o.pid_, 0);
            log_fd_ = std::exchange(o.log_fd_, -1);
        }
        return *this;
    }
    child_process(child_process const&) = delete;
    child_process& operator=(child_process const&) = delete;
    ~child_process() { release(); }

    /// The process id, which is also its process group id; 0 once stopped.
    pid_t pid() const noexcept { return pid_; }

    /// Everything the child printed so far.
    std::string log() const { return log_fd_ < 0 ? std::string() : detail::read_all(log_fd_); }

    /// True (and reaped) when the child has ended by itself.
    bool exited() noexcept
    {
        int status = 0;
        if (pid_ > 0 && ::waitpid(pid_, &status, WNOHANG) == pid_) {
            detail::forget_group(pid_);
            pid_ = 0;
            return true;
        }
        return pid_ == 0;
    }

    /// Ask the whole process group to terminate, without waiting; `stop()` then reaps it.
    void request_stop() noexcept
    {
        if (pid_ > 0)
            ::kill(-pid_, SIGTERM);
    }

    /// Terminate the process group: SIGTERM, up to `grace` to finish, then SIGKILL; reap the child.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5)) noexcept
    {
        if (pid_ <= 0)
            return;
        ::kill(-pid_, SIGTERM);
        auto const deadline = std::chrono::steady_clock::now() + grace;
        int status = 0;
        pid_t r = 0;
        while ((r = ::waitpid(pid_, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        // the group id is still ours until the leader is reaped, so the group kill cannot hit a stranger
        if (r == 0) {
            ::kill(-pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
        }
        detail::forget_group(pid_);
        pid_ = 0;
    }

private:
    child_process() = default;

    void release() noexcept
    {
        stop();
        if (log_fd_ >= 0)
            ::close(log_fd_);
        log_fd_ = -1;
    }

    pid_t pid_ = 0;
    int log_fd_ = -1;
};

} // namespace cloudimg::test_support

#endif
