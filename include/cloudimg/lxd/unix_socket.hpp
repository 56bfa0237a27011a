// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_UNIX_SOCKET_HPP
#define CLOUDIMG_LXD_UNIX_SOCKET_HPP

// Where a local LXD daemon listens. Over its Unix socket LXD needs no TLS and
// no credentials: whoever may open the socket (root, the `lxd` group) is trusted.

#include <cstdlib>
#include <string>
#include <string_view>

namespace cloudimg::lxd {

/** The path of the local LXD daemon's Unix socket, found the way the `lxc`
    client finds it: `$LXD_SOCKET` if set, else `$LXD_DIR/unix.socket`, else
    `/var/lib/lxd/unix.socket`. An empty variable counts as unset. The snap
    package keeps its socket in `/var/snap/lxd/common/lxd/unix.socket`; its
    `lxc` wrapper sets `LXD_DIR` to that directory.

    The path goes to the transport (`curl::options::unix_socket_path`); the
    request URL's host is then only the Host header, so "http://lxd" serves.

    @code
    curl::transport t({.unix_socket_path = lxd::default_unix_socket_path()});
    @endcode
*/
inline std::string default_unix_socket_path()
{
    // getenv is only unsafe against concurrent setenv, which a program must not do anyway.
    auto const env = [](char const* name) -> std::string_view {
        char const* v = std::getenv(name);
        return v == nullptr ? std::string_view() : std::string_view(v);
    };
    if (auto const socket = env("LXD_SOCKET"); !socket.empty())
        return std::string(socket);
    std::string dir(env("LXD_DIR"));
    if (dir.empty())
        dir = "/var/lib/lxd";
    if (dir.back() != '/')
        dir += '/';
    return dir + "unix.socket";
}

} // namespace cloudimg::lxd

#endif
