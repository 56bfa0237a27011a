// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_CATALOG_HPP
#define CLOUDIMG_CATALOG_HPP

// A description of every endpoint, produced from reflection alone: what the
// catalog program prints and what tools can diff against a spec.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/nullable.hpp>

#include <boost/describe/class.hpp>
#include <boost/mp11/algorithm.hpp>

#include <map>
#include <string>
#include <vector>

namespace cloudimg {

struct catalog_param {
    std::string name;
    std::string in;  ///< "path", "query" or "header"
    std::string wire;
    bool required = false;
    bool repeated = false;
};
BOOST_DESCRIBE_STRUCT(catalog_param, (), (name, in, wire, required, repeated))

struct catalog_entry {
    std::string provider;
    std::string name;
    std::string method;
    std::string path;
    std::vector<catalog_param> params;
    nullable<std::string> body;                              ///< request body type, or null
    std::map<std::string, nullable<std::string>> responses;  ///< status -> body type, null for none
};
BOOST_DESCRIBE_STRUCT(catalog_entry, (), (provider, name, method, path, params, body, responses))

namespace detail {

template <class T>
struct catalog_name {
    static std::string get() { return std::string(name_of<T>()); }
};

/** "image"; "image[]" for a bare JSON array of them (metal-stack's lists,
    LXD's URL lists: "string[]"); a result template with its arguments, as
    LXD's "tagged<image>" or "async_operation<image_created>". */
template <class T>
std::string catalog_type_name()
{
    return catalog_name<T>::get();
}

template <class T, class A>
struct catalog_name<std::vector<T, A>> {
    static std::string get() { return catalog_type_name<T>() + "[]"; }
};

/// "map<string,operation[]>": a JSON object with arbitrary keys (LXD's operations by status).
template <class T, class C, class A>
struct catalog_name<std::map<std::string, T, C, A>> {
    static std::string get() { return "map<string," + catalog_type_name<T>() + ">"; }
};

template <>
struct catalog_name<std::string> {
    static std::string get() { return "string"; }
};

template <template <class...> class Template, class First, class... Rest>
struct catalog_name<Template<First, Rest...>> {
    static std::string get()
    {
        std::string out(name_of<Template<First, Rest...>>());
        out += '<';
        out += catalog_type_name<First>();
        ((out += ',', out += catalog_type_name<Rest>()), ...);
        out += '>';
        return out;
    }
};

} // namespace detail

/** The catalog entry of endpoint `E`.

    @code
    auto e = catalog_entry_of<hetzner::get_image>();
    // e.method == "GET", e.path == "/images/{id}", e.responses["200"] == "image_response"
    @endcode
*/
template <endpoint E>
catalog_entry catalog_entry_of()
{
    catalog_entry e;
    e.provider = E::provider::name;
    e.name = name_of<E>();
    e.method = to_string(E::method);
    e.path = E::path;
    for (auto const& p : params_of<E>()) {
        if (p.in == param_location::body)
            e.body = std::string(p.type_name);
        else
            e.params.push_back({std::string(p.name), std::string(to_string(p.in)), std::string(p.wire), p.required,
                                p.repeated});
    }
    boost::mp11::mp_for_each<typename E::responses>([&](auto s) {
        using S = decltype(s);
        auto& slot = e.responses[std::to_string(S::status)];
        if constexpr (!std::is_same_v<typename S::body, no_content>)
            slot = detail::catalog_type_name<typename S::body>();
    });
    return e;
}

/// One catalog line (compact JSON) per endpoint of an `mp_list` of endpoints, appended to `out`.
template <class Endpoints>
void append_catalog(std::string& out)
{
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, Endpoints>>([&](auto id) {
        json::encode_to(out, catalog_entry_of<typename decltype(id)::type>());
        out += '\n';
    });
}

} // namespace cloudimg

#endif
