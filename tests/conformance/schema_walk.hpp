// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_CONFORMANCE_SCHEMA_WALK_HPP
#define CLOUDIMG_TESTS_CONFORMANCE_SCHEMA_WALK_HPP

// Test-only: what a C++ model type looks like on the wire, as a runtime tree,
// and a checker that compares such a tree with an OpenAPI 3.0 schema.
//
// The library's reflection is compile-time; a spec is data read at run time.
// Turning the type into a tree {wire name, kind, required, nullable, enum
// values, children} lets one comparison walk both sides and report every
// difference with its place, instead of failing on the first.
//
//     auto tree = schema_walk::walk<hetzner::image_response>();
//     schema_walk::checker c(schema_walk::direction::response);
//     c.compare(spec_schema, tree, "get_image 200");
//     // c.problems lists each mismatch

#include <cloudimg/endpoint.hpp>
#include <cloudimg/nullable.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/timestamp.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace schema_walk {

enum class kind { boolean, integer, number, string, date_time, enumeration, array, map, object, empty };

inline std::string_view to_string(kind k)
{
    switch (k) {
    case kind::boolean: return "boolean";
    case kind::integer: return "integer";
    case kind::number: return "number";
    case kind::string: return "string";
    case kind::date_time: return "date-time string";
    case kind::enumeration: return "enum";
    case kind::array: return "array";
    case kind::map: return "map";
    case kind::object: return "object";
    case kind::empty: return "no body";
    }
    return "?";
}

struct member;

/// One C++ type as seen on the wire.
struct node {
    kind k = kind::empty;
    std::string format;             ///< integers: "int32", "int64", "uint64", ...
    bool nullable = false;          ///< a `cloudimg::nullable<T>`
    bool open = false;              ///< enumerations: an `open_enum`
    std::set<std::string> values;   ///< enumerations: the wire names
    std::string type_name;          ///< objects and enums: the C++ name
    std::vector<member> members;    ///< objects, in declaration order
    std::vector<node> element;      ///< arrays and maps: exactly one, the element or value type
};

/// One member of a described struct.
struct member {
    std::string wire;
    bool required = true;  ///< false for `std::optional<T>`
    node type;
};

template <class T>
struct is_string_map : std::false_type {};
template <class T, class C, class A>
struct is_string_map<std::map<std::string, T, C, A>> : std::true_type {};

template <class E>
std::set<std::string> enum_values()
{
    std::set<std::string> out;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
        [&](auto d) { out.emplace(cloudimg::enum_to_wire(d.value)); });
    return out;
}

template <class T>
node walk();

template <class T>
member walk_member(std::string_view wire)
{
    member m;
    m.wire = wire;
    if constexpr (cloudimg::is_optional<T>::value) {
        m.required = false;
        m.type = walk<typename T::value_type>();
    } else {
        m.type = walk<T>();
    }
    return m;
}

/// The wire shape of `T`. `std::optional` is a property of a member, not of a type: see `walk_member`.
template <class T>
node walk()
{
    static_assert(!cloudimg::is_optional<T>::value, "std::optional<T> is only meaningful as a struct member");
    node n;
    if constexpr (cloudimg::is_nullable<T>::value) {
        n = walk<typename T::value_type>();
        n.nullable = true;
    } else if constexpr (std::is_same_v<T, bool>) {
        n.k = kind::boolean;
    } else if constexpr (std::is_integral_v<T>) {
        n.k = kind::integer;
        n.format = (std::is_signed_v<T> ? "int" : "uint") + std::to_string(sizeof(T) * 8);
    } else if constexpr (std::is_floating_point_v<T>) {
        n.k = kind::number;
    } else if constexpr (std::is_same_v<T, std::string>) {
        n.k = kind::string;
    } else if constexpr (std::is_same_v<T, cloudimg::timestamp>) {
        n.k = kind::date_time;
    } else if constexpr (cloudimg::is_open_enum<T>::value) {
        n = walk<std::remove_cvref_t<decltype(*std::declval<T const&>().known())>>();
        n.open = true;
    } else if constexpr (boost::describe::has_describe_enumerators<T>::value) {
        n.k = kind::enumeration;
        n.values = enum_values<T>();
        n.type_name = cloudimg::detail::type_name<T>();
    } else if constexpr (cloudimg::is_vector<T>::value) {
        n.k = kind::array;
        n.element.push_back(walk<typename T::value_type>());
    } else if constexpr (is_string_map<T>::value) {
        n.k = kind::map;
        n.element.push_back(walk<typename T::mapped_type>());
    } else if constexpr (std::is_same_v<T, cloudimg::no_content>) {
        n.k = kind::empty;
    } else {
        static_assert(boost::describe::has_describe_members<T>::value, "schema_walk: a type it does not know");
        n.k = kind::object;
        n.type_name = cloudimg::detail::type_name<T>();
        using members = boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;
        boost::mp11::mp_for_each<members>([&](auto d) {
            using D = decltype(d);
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
            n.members.push_back(walk_member<M>(cloudimg::wire_name<T>(D::name)));
        });
    }
    return n;
}

/// Which side of the wire a schema describes: the client sends closed enums, and receives open ones.
enum class direction { request, response };

/** Compares OpenAPI 3.0 schemas with walked types and collects every difference.

    `deviations` maps "<C++ type>.<wire member>" to the reason the member is
    allowed to differ from the spec (be missing on one side, or have another
    type); required-ness and nullability are still checked when the member is
    on both sides. `used` records which deviations were needed, so a stale
    entry can be reported.
*/
struct checker {
    explicit checker(direction d, std::map<std::string, std::string> devs = {}) : dir(d), deviations(std::move(devs)) {}

    direction dir;
    std::map<std::string, std::string> deviations;
    std::set<std::string> used;
    std::vector<std::string> problems;

    void problem(std::string const& where, std::string const& what) { problems.push_back(where + ": " + what); }

    bool deviates(std::string const& key)
    {
        if (deviations.count(key) == 0)
            return false;
        used.insert(key);
        return true;
    }

    static std::string str(boost::json::value const* v)
    {
        if (v && v->is_string())
            return std::string(v->as_string());
        return {};
    }

    /// Compare a property or body schema with a type; nullability is checked by the caller.
    void compare(boost::json::object const& s, node const& n, std::string const& where)
    {
        std::string const type = str(s.if_contains("type"));
        std::string const format = str(s.if_contains("format"));
        if (type == "integer") {
            std::string const want = format.empty() ? "int64" : format;
            if (n.k != kind::integer || n.format != want)
                problem(where, "spec integer " + want + ", C++ " + describe(n));
        } else if (type == "number") {
            if (n.k != kind::number)
                problem(where, "spec number, C++ " + describe(n));
        } else if (type == "boolean") {
            if (n.k != kind::boolean)
                problem(where, "spec boolean, C++ " + describe(n));
        } else if (type == "string") {
            if (auto const* e = s.if_contains("enum")) {
                std::set<std::string> want;
                for (auto const& v : e->as_array())
                    want.emplace(v.as_string());
                if (n.k != kind::enumeration) {
                    problem(where, "spec enum, C++ " + describe(n));
                } else {
                    if (n.values != want)
                        problem(where, "enum values differ: spec " + join(want) + ", C++ " + n.type_name + " " +
                                           join(n.values));
                    bool const want_open = dir == direction::response;
                    if (n.open != want_open)
                        problem(where, want_open ? "a response enum must be open_enum<" + n.type_name + ">"
                                                 : "a request enum must be a closed enum, not open_enum<" +
                                                       n.type_name + ">");
                }
            } else if (format == "date-time") {
                if (n.k != kind::date_time)
                    problem(where, "spec date-time, C++ " + describe(n));
            } else if (!format.empty()) {
                problem(where, "spec string format \"" + format + "\" that this checker does not know");
            } else if (n.k != kind::string) {
                problem(where, "spec string, C++ " + describe(n));
            }
        } else if (type == "array") {
            if (n.k != kind::array)
                problem(where, "spec array, C++ " + describe(n));
            else
                element(s.at("items").as_object(), n.element.front(), where + "[]");
        } else if (type == "object") {
            if (auto const* ap = s.if_contains("additionalProperties"); ap && ap->is_object()) {
                if (n.k != kind::map)
                    problem(where, "spec object with additionalProperties, C++ " + describe(n));
                else
                    element(ap->as_object(), n.element.front(), where + "{}");
            } else if (auto const* props = s.if_contains("properties")) {
                if (n.k != kind::object)
                    problem(where, "spec object with properties, C++ " + describe(n));
                else
                    members(s, props->as_object(), n, where);
            } else {
                problem(where, "spec free-form object, C++ " + describe(n));
            }
        } else {
            problem(where, "spec type \"" + type + "\" that this checker does not know");
        }
    }

    /// A schema in a position that has no "required" list of its own (body, array item, map value).
    void element(boost::json::object const& s, node const& n, std::string const& where)
    {
        bool const spec_nullable = s.if_contains("nullable") && s.at("nullable").as_bool();
        if (spec_nullable != n.nullable)
            problem(where, spec_nullable ? "spec nullable, C++ not nullable<T>" : "C++ nullable<T>, spec not nullable");
        compare(s, n, where);
    }

    void members(boost::json::object const& s, boost::json::object const& props, node const& n, std::string const& where)
    {
        std::set<std::string> required;
        if (auto const* r = s.if_contains("required"))
            for (auto const& v : r->as_array())
                required.emplace(v.as_string());
        for (auto const& name : required)
            if (!props.contains(name))
                problem(where, "spec lists \"" + name + "\" as required but has no such property");

        for (auto const& [key, value] : props) {
            std::string const wire(key);
            std::string const dev = n.type_name + '.' + wire;
            std::string const at = where + '.' + wire;
            auto const it = std::find_if(n.members.begin(), n.members.end(), [&](member const& m) { return m.wire == wire; });
            if (it == n.members.end()) {
                if (!deviates(dev))
                    problem(at, "spec property missing from C++ " + n.type_name);
                continue;
            }
            auto const& ps = value.as_object();
            bool const spec_required = required.count(wire) != 0;
            bool const spec_nullable = ps.if_contains("nullable") && ps.at("nullable").as_bool();
            // required non-nullable -> T; required nullable -> nullable<T>; not required -> std::optional<T>
            std::string const want = spec_required ? (spec_nullable ? "nullable<T>" : "T") : "std::optional<T>";
            std::string const got = it->required ? (it->type.nullable ? "nullable<T>" : "T")
                                                 : (it->type.nullable ? "std::optional<nullable<T>>" : "std::optional<T>");
            if (want != got)
                problem(at, "spec " + std::string(spec_required ? "required" : "optional") +
                                (spec_nullable ? " nullable" : "") + " wants " + want + ", C++ has " + got);
            if (!deviates(dev))
                compare(ps, it->type, at);
        }
        for (auto const& m : n.members)
            if (!props.contains(m.wire) && !deviates(n.type_name + '.' + m.wire))
                problem(where + '.' + m.wire, "C++ member of " + n.type_name + " is not in the spec");
    }

    static std::string join(std::set<std::string> const& s)
    {
        std::string out = "{";
        for (auto const& v : s) {
            if (out.size() > 1)
                out += ',';
            out += v;
        }
        return out + '}';
    }

    static std::string describe(node const& n)
    {
        std::string s(to_string(n.k));
        if (!n.format.empty())
            s += ' ' + n.format;
        if (!n.type_name.empty())
            s += ' ' + n.type_name;
        return s;
    }
};

/** The canonical JSON of `v` as type `n` reads it, so that a document and its
    decode-then-encode round trip compare equal exactly when no information was lost:

    - a `null` for a `std::optional` member is dropped (it decodes as absent);
    - date-times are re-formatted (`+00:00` becomes `Z`, trailing fraction zeros go);
    - numbers of a `number` field become doubles (`10` and `10.0` are the same disk size);
    - keys the type does not have are dropped and listed in `unknown`.
*/
inline boost::json::value normalise(boost::json::value const& v, node const& n, std::string const& where,
                                    std::vector<std::string>& unknown)
{
    if (v.is_null())
        return v;
    switch (n.k) {
    case kind::date_time:
        if (v.is_string())
            if (auto t = cloudimg::parse_timestamp(std::string_view(v.as_string())))
                return boost::json::value(cloudimg::to_string(*t));
        return v;
    case kind::number:
        if (v.is_number())
            return v.to_number<double>();
        return v;
    case kind::integer:
        if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
            return static_cast<std::int64_t>(v.as_uint64());
        return v;
    case kind::array: {
        if (!v.is_array())
            return v;
        boost::json::array out;
        std::size_t i = 0;
        for (auto const& e : v.as_array())
            out.push_back(normalise(e, n.element.front(), where + '[' + std::to_string(i++) + ']', unknown));
        return out;
    }
    case kind::map: {
        if (!v.is_object())
            return v;
        boost::json::object out;
        for (auto const& [k, e] : v.as_object())
            out[k] = normalise(e, n.element.front(), where + '.' + std::string(k), unknown);
        return out;
    }
    case kind::object: {
        if (!v.is_object())
            return v;
        boost::json::object out;
        for (auto const& [k, e] : v.as_object()) {
            auto const it = std::find_if(n.members.begin(), n.members.end(), [&](member const& m) { return m.wire == k; });
            if (it == n.members.end()) {
                unknown.push_back(where + '.' + std::string(k));
                continue;
            }
            if (e.is_null() && !it->required && !it->type.nullable)
                continue;
            out[k] = normalise(e, it->type, where + '.' + std::string(k), unknown);
        }
        return out;
    }
    default:
        return v;
    }
}

} // namespace schema_walk

#endif
