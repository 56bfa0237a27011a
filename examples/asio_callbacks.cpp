// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The README's Asio example with callbacks: the images of a local LXD
// server over its Unix socket, with a deadline (a timer that emits a
// cancellation signal bound to the operation).
//
//   asio_callbacks [socket path]   # default: LXD's own (LXD_DIR or /var/lib/lxd)

#include <cloudimg/asio.hpp>
#include <cloudimg/lxd.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <iostream>

namespace lxd = cloudimg::lxd;
namespace net = boost::asio;

int main(int argc, char** argv)
{
    net::io_context io;
    cloudimg::asio::transport local(io, {.unix_socket_path = argc > 1 ? argv[1] : lxd::default_unix_socket_path()});
    cloudimg::async_client<lxd::config, cloudimg::asio::transport&> api{lxd::config{}, local};

    // A deadline for this one call: the signal ends it at whatever stage it is in.
    net::cancellation_signal cancel;
    net::steady_timer deadline(io, std::chrono::seconds(10));
    deadline.async_wait([&](boost::system::error_code ec) {
        if (!ec)
            cancel.emit(net::cancellation_type::terminal);
    });

    int status = 1;
    cloudimg::asio::async_send(api, lxd::list_images{},
                               net::bind_cancellation_slot(cancel.slot(), [&](auto images) {
                                   deadline.cancel();
                                   if (!images) {  // operation_canceled after the deadline, or LXD's error
                                       std::cerr << images.error().what() << '\n';
                                       return;
                                   }
                                   for (auto const& image : *images)
                                       std::cout << image.fingerprint.substr(0, 12) << "  " << image.architecture
                                                 << "  " << image.size << " bytes\n";
                                   status = 0;
                               }));
    io.run();
    return status;
}
