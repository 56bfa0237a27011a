// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The header under test is included first: it must be self-contained.
#include <cloudimg/lxd/unix_socket.hpp>

#include <gtest/gtest.h>

#include <stdlib.h>

#include <optional>
#include <string>

namespace {

/// Sets or clears an environment variable for one scope, then restores it.
class scoped_env {
public:
    scoped_env(char const* name, char const* value) : name_(name)
    {
        if (char const* old = std::getenv(name))
            old_ = old;
        if (value == nullptr)
            ::unsetenv(name);
        else
            ::setenv(name, value, 1);
    }
    ~scoped_env()
    {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }
    scoped_env(scoped_env const&) = delete;
    scoped_env& operator=(scoped_env const&) = delete;

private:
    char const* name_;
    std::optional<std::string> old_;
};

TEST(lxd_unix_socket, default_is_var_lib_lxd)
{
    scoped_env socket("LXD_SOCKET", nullptr);
    scoped_env dir("LXD_DIR", nullptr);
    EXPECT_EQ(cloudimg::lxd::default_unix_socket_path(), "/var/lib/lxd/unix.socket");
}

TEST(lxd_unix_socket, lxd_dir_then_lxd_socket_take_precedence_as_for_lxc)
{
    scoped_env socket("LXD_SOCKET", nullptr);
    {
        scoped_env dir("LXD_DIR", "/var/snap/lxd/common/lxd");
        EXPECT_EQ(cloudimg::lxd::default_unix_socket_path(), "/var/snap/lxd/common/lxd/unix.socket");
    }
    {
        scoped_env dir("LXD_DIR", "/tmp/lxd/");
        EXPECT_EQ(cloudimg::lxd::default_unix_socket_path(), "/tmp/lxd/unix.socket");
    }
    {
        scoped_env dir("LXD_DIR", "");  // empty counts as unset
        EXPECT_EQ(cloudimg::lxd::default_unix_socket_path(), "/var/lib/lxd/unix.socket");
    }
    scoped_env dir("LXD_DIR", "/ignored");
    scoped_env explicit_socket("LXD_SOCKET", "/run/custom.socket");
    EXPECT_EQ(cloudimg::lxd::default_unix_socket_path(), "/run/custom.socket");
}

} // namespace
