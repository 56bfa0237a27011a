// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_COMPILED_HPP
#define CLOUDIMG_COMPILED_HPP

/** A separately compiled build: the same headers, each endpoint's decoder
    and request builder compiled once instead of in every translation unit
    that uses them.

    - Define `CLOUDIMG_SEPARATE_COMPILATION` for the program's translation
      units (with CMake: `target_compile_definitions(app PRIVATE
      CLOUDIMG_SEPARATE_COMPILATION)`). A provider's umbrella header then
      declares `parse_response<E>` and `prepare`'s steps for each of its
      endpoints `E` as explicit instantiations defined elsewhere
      (`extern template`), so a translation unit that sends and decodes
      compiles the headers but none of the decoders. (A translation unit
      without the macro compiles its own copies, as in a header-only build.)
    - Include `<cloudimg/PROVIDER/src.hpp>` in exactly one `.cpp` file per
      provider the program uses: it defines them.

    @code
    // cloudimg_hetzner.cpp, the one place Hetzner's decoders are compiled
    #include <cloudimg/hetzner/src.hpp>
    @endcode

    A program that forgets the `.cpp` file does not link (undefined
    `cloudimg::parse_response<...>`). Everything else stays header-only:
    decoding a type with `json::decode`, an endpoint of your own, and an
    endpoint template with other arguments than the listed ones (LXD's
    `get_operation<M>` for a metadata type `M`).
*/

#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/json/decode_options.hpp>
#include <cloudimg/prepare.hpp>
#include <cloudimg/response.hpp>

#include <boost/mp11/algorithm.hpp>

#include <type_traits>

/// The functions of endpoint `E` with configuration `Config`; `EXTERN` is `extern` or empty.
#define CLOUDIMG_DETAIL_ENDPOINT_INSTANTIATION(EXTERN, Config, E)                                          \
    EXTERN template struct cloudimg::detail::prepare_from_rvalue<Config, E>;                               \
    EXTERN template struct cloudimg::detail::prepare_from_lvalue<Config, E>;                               \
    EXTERN template cloudimg::result<cloudimg::response_type_t<E>, cloudimg::failure_type_t<E>>           \
    cloudimg::parse_response<E>(cloudimg::response const&, cloudimg::json::decode_options const&);

/// Declares the functions of an endpoint in a separately compiled build.
#define CLOUDIMG_DETAIL_DECLARE_ENDPOINT(Config, E) CLOUDIMG_DETAIL_ENDPOINT_INSTANTIATION(extern, Config, E)

/// Defines them: what `<cloudimg/PROVIDER/src.hpp>` does for each endpoint.
#define CLOUDIMG_DETAIL_DEFINE_ENDPOINT(Config, E) CLOUDIMG_DETAIL_ENDPOINT_INSTANTIATION(, Config, E)

/// An endpoint as an element of a type list: `mp_list<void LIST(CLOUDIMG_DETAIL_LIST_ENDPOINT)>`.
#define CLOUDIMG_DETAIL_LIST_ENDPOINT(Config, E) , E

namespace cloudimg::detail {

/// A provider's list for the separately compiled build names each of its endpoints, in order.
template <class VoidThenListed, class Endpoints>
inline constexpr bool lists_every_endpoint = std::is_same_v<boost::mp11::mp_pop_front<VoidThenListed>, Endpoints>;

} // namespace cloudimg::detail

/// What a provider's compiled.hpp declares for each `X(Config, E)` of its `LIST`:
/// the extern declarations in a separately compiled build, nothing otherwise.
#if defined(CLOUDIMG_SEPARATE_COMPILATION)
#define CLOUDIMG_DETAIL_DECLARE_ENDPOINTS(LIST) LIST(CLOUDIMG_DETAIL_DECLARE_ENDPOINT)
#else
#define CLOUDIMG_DETAIL_DECLARE_ENDPOINTS(LIST)
#endif

/// What a provider's src.hpp defines: each endpoint of `LIST`, which must name every one of `Endpoints`.
#define CLOUDIMG_DETAIL_DEFINE_ENDPOINTS(LIST, Endpoints)                                                  \
    static_assert(cloudimg::detail::lists_every_endpoint<                                                  \
                      boost::mp11::mp_list<void LIST(CLOUDIMG_DETAIL_LIST_ENDPOINT)>, Endpoints>,        \
                  #LIST " names every endpoint of " #Endpoints ", in order");                             \
    LIST(CLOUDIMG_DETAIL_DEFINE_ENDPOINT)

#endif
