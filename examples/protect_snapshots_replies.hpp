// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_EXAMPLES_PROTECT_SNAPSHOTS_REPLIES_HPP
#define CLOUDIMG_EXAMPLES_PROTECT_SNAPSHOTS_REPLIES_HPP

// The canned Hetzner bodies of the README's testing example, shared by the
// example program and its GoogleTest form.

#include <string>

namespace example::replies {

// Canned bodies: only what the code under test reads varies.
std::string snapshot(int id, bool protected_)
{
    return R"({"id":)" + std::to_string(id) + R"(,"type":"snapshot","status":"available","name":null,)"
           R"("description":"","image_size":1.5,"disk_size":20,"created":"2026-01-01T00:00:00Z",)"
           R"("created_from":null,"bound_to":null,"os_flavor":"debian","os_version":"12",)"
           R"("protection":{"delete":)" + (protected_ ? "true" : "false") +
           R"(},"deprecated":null,"deleted":null,"labels":{"env":"prod"},"architecture":"x86"})";
}
std::string action(int id, std::string const& status)
{
    return R"({"id":)" + std::to_string(id) + R"(,"command":"change_protection","status":")" + status +
           R"(","started":"2026-01-01T00:00:00Z","finished":null,"progress":0,"resources":[],"error":null})";
}
std::string meta(int page, std::string const& next_page)
{
    return R"("meta":{"pagination":{"page":)" + std::to_string(page) + R"(,"per_page":25,"previous_page":null,)"
           R"("next_page":)" + next_page + R"(,"last_page":2,"total_entries":3}})";
}

} // namespace example::replies

#endif
