// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_ENDPOINT_HPP
#define CLOUDIMG_ENDPOINT_HPP

// What an endpoint is, by reflection alone.
//
// An endpoint is a described aggregate whose members are its parameters, plus
// static facts:
//
//     struct get_image {
//         std::int64_t id;                                  // in the path: "{id}" below
//         using provider = hetzner::provider;               // error body, request-id header
//         static constexpr http_method method = http_method::get;
//         static constexpr std::string_view path = "/images/{id}";
//         using responses = cloudimg::responses<on_status<200, get_image_response>>;
//     };
//     BOOST_DESCRIBE_STRUCT(get_image, (), (id))
//
// Where a parameter goes follows from the facts: a member whose wire name
// appears as `{name}` in `path` is a path parameter, a member named `body` is
// the request body, members listed in an optional `header_params` array are
// headers, and every other member is a query parameter. Wire names come from
// `wire_name` (trailing underscore dropped, or the type's `wire_names`).

#include <cloudimg/detail/type_name.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/nullable.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>

#include <array>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace cloudimg {

/// The body of a response that has none (204), or whose body carries nothing to decode.
struct no_content {
    friend bool operator==(no_content, no_content) noexcept = default;
};

/// One documented success status and the type of its body.
template <int Code, class Body>
struct on_status {
    static constexpr int status = Code;
    using body = Body;
};

/// The documented success responses of an endpoint.
template <class... OnStatus>
using responses = boost::mp11::mp_list<OnStatus...>;

enum class param_location { path, query, header, body };

constexpr std::string_view to_string(param_location l) noexcept
{
    switch (l) {
    case param_location::path: return "path";
    case param_location::query: return "query";
    case param_location::header: return "header";
    case param_location::body: return "body";
    }
    return "query";
}

namespace detail {

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

} // namespace detail

/// Requirements on an endpoint type.
template <class E>
concept endpoint = boost::describe::has_describe_members<E>::value && requires {
    { E::method } -> std::convertible_to<http_method>;
    { E::path } -> std::convertible_to<std::string_view>;
    typename E::responses;
    typename E::provider;
};

namespace detail {

template <class E>
constexpr bool is_header_param(std::string_view member) noexcept
{
    if constexpr (requires { E::header_params; }) {
        for (std::string_view h : E::header_params)
            if (h == member)
                return true;
    }
    return false;
}

template <class E>
constexpr bool path_has(std::string_view wire) noexcept
{
    std::string_view p = E::path;
    for (std::size_t i = p.find('{'); i != std::string_view::npos; i = p.find('{', i + 1)) {
        auto const j = p.find('}', i);
        if (j != std::string_view::npos && p.substr(i + 1, j - i - 1) == wire)
            return true;
    }
    return false;
}

template <class E>
constexpr std::size_t path_placeholder_count() noexcept
{
    std::size_t n = 0;
    for (char c : std::string_view(E::path))
        n += c == '{';
    return n;
}

} // namespace detail

/// Where member `name` of endpoint `E` goes on the wire.
template <class E>
constexpr param_location location_of(std::string_view name) noexcept
{
    if (name == "body")
        return param_location::body;
    if (detail::is_header_param<E>(name))
        return param_location::header;
    if (detail::path_has<E>(wire_name<E>(name)))
        return param_location::path;
    return param_location::query;
}

/// Everything the catalog and the conformance tests know about one parameter.
struct param_info {
    std::string_view name;       ///< C++ member name
    std::string_view wire;       ///< name on the wire
    param_location in;
    bool required;
    bool repeated;               ///< a query array, sent as repeated keys
    std::string_view type_name;  ///< for the body: its type's name
};

template <class E>
constexpr auto params_of() noexcept
{
    using members = boost::describe::describe_members<E, boost::describe::mod_public>;
    std::array<param_info, boost::mp11::mp_size<members>::value> out{};
    std::size_t i = 0;
    boost::mp11::mp_for_each<members>([&](auto d) {
        using D = decltype(d);
        using M = std::remove_cvref_t<decltype(std::declval<E&>().*D::pointer)>;
        auto const in = location_of<E>(D::name);
        bool const optional = is_optional<M>::value || detail::is_vector<M>::value;
        std::string_view tn;
        if constexpr (std::is_class_v<M>)
            tn = detail::type_name<M>();
        out[i++] = param_info{D::name, wire_name<E>(D::name), in, in == param_location::path || !optional,
                              detail::is_vector<M>::value && in == param_location::query, tn};
    });
    return out;
}

/// Every `{name}` in the path template is a member: checked when an endpoint is used.
template <class E>
constexpr bool path_template_is_complete() noexcept
{
    std::size_t found = 0;
    for (auto const& p : params_of<E>())
        found += p.in == param_location::path;
    return found == detail::path_placeholder_count<E>();
}

template <class OnStatus>
using status_body_t = typename OnStatus::body;

namespace detail {
template <class Bodies, bool Single = boost::mp11::mp_size<Bodies>::value == 1>
struct response_type {
    using type = boost::mp11::mp_front<Bodies>;
};
template <class Bodies>
struct response_type<Bodies, false> {
    using type = boost::mp11::mp_rename<Bodies, std::variant>;
};
} // namespace detail

/// What a successful call returns: the body type, or a variant when statuses differ in body.
template <class E>
using response_type_t =
    typename detail::response_type<boost::mp11::mp_unique<boost::mp11::mp_transform<status_body_t, typename E::responses>>>::type;

/// What a failed call returns: a failure plus the provider's typed error body.
template <class E>
using failure_type_t = api_failure<typename E::provider::error_body>;

/** An endpoint whose success body is streamed, not decoded (an LXD image
    export): it declares `static constexpr bool streamed_response = true;`,
    its typed result comes from the response head alone, and the body goes to
    a `body_sink` (`client::send(ep, sink)`).
*/
template <class E>
concept streamed_response = endpoint<E> && requires {
    requires E::streamed_response;
};

/// The unqualified name of an endpoint or model type ("list_images").
template <class T>
constexpr std::string_view name_of() noexcept
{
    return detail::type_name<T>();
}

} // namespace cloudimg

#endif
