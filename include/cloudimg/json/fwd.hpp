// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_FWD_HPP
#define CLOUDIMG_JSON_FWD_HPP

namespace cloudimg::json {

/** How a C++ type reads from and writes to JSON: the JSON layer's customization point.

    Every shape the library knows is a specialization, one public header per
    family: `scalars.hpp` (booleans, numbers, strings, timestamps),
    `optional.hpp` (`std::optional`, `nullable`), `containers.hpp` (vectors,
    maps), `described.hpp` (Boost.Describe structs and enums, `open_enum`),
    `raw_value.hpp`, `any_value.hpp` and `single_entry.hpp`; `traits.hpp`
    includes them all.

    A specialization has `static constexpr std::string_view expected` (the
    JSON it wants, for error messages), `static void encode(std::string& out,
    T const&)`, and decode handlers `on_string`, `on_int64`, `on_begin_object`,
    ... for the parser events it accepts. The handlers work on the decoder's
    frame stack (`json/detail/`), which is not a stable interface: a type of
    your own that travels as a JSON string or integer uses the hooks of
    `custom_scalar.hpp` instead, and one that travels as `{"<key>": value}`
    the hook of `single_entry.hpp`.

    @code
    std::string out;
    json::json_traits<std::vector<int>>::encode(out, {1, 2});  // "[1,2]"
    @endcode
*/
template <class T, class Enable = void>
struct json_traits;

} // namespace cloudimg::json

#endif
