// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_CONFORMANCE_SCHEMA_WALK_HPP
#define CLOUDIMG_TESTS_CONFORMANCE_SCHEMA_WALK_HPP

// Test-only: what a C++ model type looks like on the wire, as a runtime tree,
// and a checker that compares such a tree with an OpenAPI 3.0 or Swagger 2.0 schema.
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
//
// `spec_document` loads a vendored spec and indexes its operations, and the
// check_operation_* functions compare one endpoint with one operation:
//
//     schema_walk::spec_document const spec(CLOUDIMG_OXIDE_SPEC);
//     schema_walk::check_operation_parameters<oxide::view_image>(c, *spec.find("image_view")->op, "view_image");
//
// Specs that share schemas through "$ref" (and wrap them in one-element
// "allOf"s, as Dropshot does) need `checker::root`: the whole document, to
// resolve local references against. A type the walker cannot see through
// reflection (a validated string, an open integer enum) declares its wire
// shape by specialising `wire_shape` in the test that uses it.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/json/encode.hpp>
#include <cloudimg/json/traits.hpp>
#include <cloudimg/nullable.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/timestamp.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace schema_walk {

enum class kind { boolean, integer, number, string, date_time, enumeration, array, map, object, empty, one_of, any };

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
    case kind::one_of: return "one of";
    case kind::any: return "any JSON value";
    }
    return "?";
}

struct member;

/// One C++ type as seen on the wire.
struct node {
    kind k = kind::empty;
    std::string format;             ///< integers: "int32", "int64", "uint64", ...; strings: "uuid", ...
    bool nullable = false;          ///< a `cloudimg::nullable<T>`
    bool open = false;              ///< enumerations: an `open_enum` (or an open integer enum)
    std::set<std::string> values;   ///< enumerations: the wire names; integer enums: the values in decimal
    std::string type_name;          ///< objects and enums: the C++ name
    std::vector<member> members;    ///< objects, in declaration order
    std::vector<node> element;      ///< arrays and maps: exactly one, the element or value type
    std::vector<node> one_of;       ///< one_of: the alternatives, in the spec's order
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

/** The wire shape of a type that reflection cannot show, declared by the test that needs it:

    @code
    template <>
    struct schema_walk::wire_shape<oxide::uuid> {
        static node get()
        {
            node n;  // member by member: designated initializers warn about the members left out
            n.k = kind::string;
            n.format = "uuid";
            return n;
        }
    };
    @endcode
*/
template <class T>
struct wire_shape;

template <class T>
concept has_wire_shape = requires { { wire_shape<T>::get() } -> std::same_as<node>; };

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
    } else if constexpr (has_wire_shape<T>) {
        n = wire_shape<T>::get();
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
    } else if constexpr (cloudimg::detail::is_vector<T>::value) {
        n.k = kind::array;
        n.element.push_back(walk<typename T::value_type>());
    } else if constexpr (is_string_map<T>::value) {
        n.k = kind::map;
        n.element.push_back(walk<typename T::mapped_type>());
    } else if constexpr (std::is_same_v<T, cloudimg::no_content>) {
        n.k = kind::empty;
    } else if constexpr (std::is_same_v<T, cloudimg::json::raw_value>) {
        n.k = kind::any;
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

/// Problems one per line, indented, for a test's failure message.
inline std::string report(std::vector<std::string> const& problems)
{
    std::string s;
    for (auto const& p : problems)
        s += "\n  " + p;
    return s;
}

/// ASCII lower case: HTTP methods as the specs spell them ("get").
inline std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// Which side of the wire a schema describes: the client sends closed enums, and receives open ones.
enum class direction { request, response };

/** Compares OpenAPI 3.0 (or Swagger 2.0) schemas with walked types and collects every difference.

    `deviations` maps "<C++ type>.<wire member>" to the reason the member is
    allowed to differ from the spec (be missing on one side, or have another
    type); required-ness and nullability are still checked when the member is
    on both sides. `used` records which deviations were needed, so a stale
    entry can be reported.
*/
/** The values an integer may take: a spec's (its format, int64 without one,
    narrowed by `minimum` and `maximum`) or a C++ type's (`int32`, `uint64`, ...).

    The rule every provider's models follow: the C++ type holds every value
    the spec allows. So an `integer` without format or bounds is a signed
    64-bit value, and an unsigned type is right only where the spec says
    `minimum` >= 0. A narrower type is a deliberate deviation, with its reason.
*/
struct integer_range {
    std::int64_t lowest = 0;
    std::uint64_t highest = 0;  ///< the specs bound no integer below 0
    std::string text;           ///< as the spec or the C++ type says it, for messages

    static integer_range of_format(std::string const& format)
    {
        integer_range r{0, 0, format};
        bool const is_unsigned = format.starts_with("uint");
        std::string const digits = format.substr(is_unsigned ? 4 : 3);
        if (!format.starts_with("int") && !is_unsigned)
            return r;  // no integer format: holds nothing
        int const bits = std::stoi(digits);
        if (is_unsigned) {
            r.highest = bits == 64 ? UINT64_MAX : (std::uint64_t{1} << bits) - 1;
        } else {
            r.highest = (std::uint64_t{1} << (bits - 1)) - 1;
            r.lowest = -static_cast<std::int64_t>(r.highest) - 1;
        }
        return r;
    }

    /// An OpenAPI or Swagger integer schema: format (int64 by default), minimum, maximum.
    static integer_range of_schema(boost::json::object const& s)
    {
        auto const* f = s.if_contains("format");
        integer_range r = of_format(f && f->is_string() ? std::string(f->as_string()) : "int64");
        r.text = "integer " + r.text;
        if (auto const* min = s.if_contains("minimum"); min && min->is_number()) {
            auto const v = min->to_number<double>();
            r.lowest = (std::max)(r.lowest, static_cast<std::int64_t>(std::ceil(v)));
            r.text += " minimum " + boost::json::serialize(*min);
        }
        if (auto const* max = s.if_contains("maximum"); max && max->is_number()) {
            auto const v = max->to_number<double>();
            if (v >= 0 && v < 18446744073709551616.0)
                r.highest = (std::min)(r.highest, static_cast<std::uint64_t>(std::floor(v)));
            r.text += " maximum " + boost::json::serialize(*max);
        }
        return r;
    }

    /// True when every value of `other` is one of these.
    bool holds(integer_range const& other) const noexcept { return lowest <= other.lowest && highest >= other.highest; }
};

struct checker {
    explicit checker(direction d, std::map<std::string, std::string> devs = {}) : dir(d), deviations(std::move(devs)) {}

    direction dir;
    std::map<std::string, std::string> deviations;
    std::set<std::string> used;
    std::vector<std::string> problems;
    std::vector<std::string> integers_seen;  ///< where an integer of the spec was compared (integer_range)
    boost::json::object const* root = nullptr;  ///< the whole spec, for "$ref"s; none without it
    /// False for specs that never list required properties (LXD's go-swagger
    /// output): then a member may be optional or not whatever the spec says.
    bool check_required = true;

    /// The value a local "$ref" ("#/components/schemas/Image") points to, or null.
    boost::json::value const* resolve(std::string_view ref) const
    {
        if (!root || !ref.starts_with("#/"))
            return nullptr;
        boost::json::value const* at = nullptr;
        boost::json::object const* in = root;
        ref.remove_prefix(2);
        while (in) {
            auto const slash = ref.find('/');
            std::string token(ref.substr(0, slash));
            for (std::size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i)
                token.replace(i, 2, token.compare(i, 2, "~1") == 0 ? "/" : "~");
            at = in->if_contains(token);
            if (!at || slash == std::string_view::npos)
                return at;
            ref.remove_prefix(slash + 1);
            in = at->if_object();
        }
        return nullptr;
    }

    /** `s` with "$ref"s replaced by their targets and "allOf"s merged into one
        schema (properties and required lists joined); the outer keys win, so a
        `{"nullable": true, "allOf": [{"$ref": ...}]}` keeps its nullable. */
    boost::json::object flatten(boost::json::object const& s, std::string const& where, int depth = 0)
    {
        if (depth > 32) {
            problem(where, "\"$ref\"/\"allOf\" nested more than 32 deep (a cycle?)");
            return {};
        }
        boost::json::object out;
        auto merge = [&](boost::json::object const& inner) {
            for (auto const& [key, value] : inner) {
                if (key == "properties" && out.contains("properties") && value.is_object()) {
                    for (auto const& [k, v] : value.as_object())
                        out["properties"].as_object()[k] = v;
                } else if (key == "required" && out.contains("required") && value.is_array()) {
                    for (auto const& v : value.as_array())
                        out["required"].as_array().push_back(v);
                } else if (!out.contains(key)) {
                    out[key] = value;
                }
            }
        };
        for (auto const& [key, value] : s)
            if (key != "$ref" && key != "allOf")
                out[key] = value;
        if (auto const* ref = s.if_contains("$ref")) {
            auto const* target = resolve(ref->as_string());
            if (!target || !target->is_object())
                problem(where, "unresolved \"$ref\" " + std::string(ref->as_string()));
            else
                merge(flatten(target->as_object(), where, depth + 1));
        }
        if (auto const* all = s.if_contains("allOf"))
            for (auto const& sub : all->as_array())
                merge(flatten(sub.as_object(), where, depth + 1));
        return out;
    }

    void problem(std::string const& where, std::string const& what) { problems.push_back(where + ": " + what); }

    /// OpenAPI 3.0 "nullable", or Swagger 2.0's "x-nullable" extension.
    static bool nullable_schema(boost::json::object const& s)
    {
        for (char const* key : {"nullable", "x-nullable"})
            if (auto const* v = s.if_contains(key); v && v->is_bool() && v->as_bool())
                return true;
        return false;
    }

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
    void compare(boost::json::object const& unresolved, node const& n, std::string const& where)
    {
        auto const s = flatten(unresolved, where);
        if (n.k == kind::any) {
            any_value(s, where);
            return;
        }
        if (auto const* one = s.if_contains("oneOf")) {
            one_of(one->as_array(), n, where);
            return;
        }
        std::string type = str(s.if_contains("type"));
        if (type.empty() && s.contains("properties"))
            type = "object";  // Swagger 2.0 generators (go-restful) leave "type" out of definitions
        if (n.k == kind::any) {
            // a value of any type (wire_shape): only a schema without a type describes it
            if (!type.empty())
                problem(where, "spec " + type + ", C++ any JSON value");
            return;
        }
        std::string const format = str(s.if_contains("format"));
        if (type == "integer" && s.contains("enum")) {
            // an integer enumeration: its format, if any, and its values
            std::set<std::string> want;
            for (auto const& v : s.at("enum").as_array())
                want.insert(boost::json::serialize(v));
            if (n.k != kind::integer || n.values.empty() || (!format.empty() && n.format != format))
                problem(where, "spec integer enum" + (format.empty() ? "" : ' ' + format) + ", C++ " + describe(n));
            else if (n.values != want)
                problem(where, "integer enum values differ: spec " + join(want) + ", C++ " + join(n.values));
            else if (n.open != (dir == direction::response))
                problem(where, n.open ? "an open integer enum in a request" : "a response integer enum must be open");
        } else if (type == "integer") {
            integers_seen.push_back(where);
            auto const spec_range = integer_range::of_schema(s);
            if (n.k != kind::integer || !integer_range::of_format(n.format).holds(spec_range))
                problem(where, "spec " + spec_range.text + ", C++ " + describe(n));
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
                // a format the C++ type must declare (wire_shape), e.g. "uuid"
                if (n.k != kind::string || n.format != format)
                    problem(where, "spec string format \"" + format + "\", C++ " + describe(n));
            } else if (n.k != kind::string || !n.format.empty()) {
                problem(where, "spec string, C++ " + describe(n));
            }
        } else if (type == "array") {
            if (n.k != kind::array)
                problem(where, "spec array, C++ " + describe(n));
            else
                element(s.at("items").as_object(), n.element.front(), where + "[]");
        } else if (type == "object") {
            auto const* pattern = s.if_contains("patternProperties");
            if (pattern && pattern->is_object() && pattern->as_object().size() == 1 && !s.contains("properties")) {
                // keys under one pattern (Nova's metadata): a map whose values are that schema
                if (n.k != kind::map)
                    problem(where, "spec object with patternProperties, C++ " + describe(n));
                else
                    element(pattern->as_object().begin()->value().as_object(), n.element.front(), where + "{}");
            } else if (auto const* ap = s.if_contains("additionalProperties"); ap && ap->is_object()) {
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

    /** A json::raw_value keeps whatever JSON comes: the spec must promise no
        more than that (no type, or an object without properties whose
        "additionalProperties" is absent, true or the empty schema). */
    void any_value(boost::json::object const& s, std::string const& where)
    {
        std::string const type = str(s.if_contains("type"));
        auto const* extra = s.if_contains("additionalProperties");
        bool const free = (type.empty() || type == "object") && !s.contains("properties") &&
                          (!extra || (extra->is_bool() && extra->as_bool()) || (extra->is_object() && extra->as_object().empty()));
        if (!free)
            problem(where, "spec " + (type.empty() ? std::string("schema") : type) +
                               " with a fixed shape, C++ any JSON value (json::raw_value)");
    }

    /** A spec "oneOf": one alternative is that schema; alternatives that are all
        string enums are one enum (Dropshot writes documented enums that way);
        otherwise the C++ type must be a one_of with the same alternatives, in order. */
    void one_of(boost::json::array const& alternatives, node const& n, std::string const& where)
    {
        if (alternatives.size() == 1) {
            compare(alternatives[0].as_object(), n, where);
            return;
        }
        std::vector<boost::json::object> alts;
        for (auto const& a : alternatives)
            alts.push_back(flatten(a.as_object(), where));
        bool const all_string_enums = std::all_of(alts.begin(), alts.end(), [](boost::json::object const& a) {
            return str(a.if_contains("type")) == "string" && a.contains("enum");
        });
        if (all_string_enums) {
            boost::json::array values;
            for (auto const& a : alts)
                for (auto const& v : a.at("enum").as_array())
                    values.push_back(v);
            compare(boost::json::object{{"type", "string"}, {"enum", std::move(values)}}, n, where);
            return;
        }
        if (n.k != kind::one_of || n.one_of.size() != alts.size()) {
            problem(where, "spec oneOf of " + std::to_string(alts.size()) + " schemas, C++ " + describe(n));
            return;
        }
        for (std::size_t i = 0; i < alts.size(); ++i) {
            std::string const title = str(alts[i].if_contains("title"));
            compare(alts[i], n.one_of[i], where + '|' + (title.empty() ? std::to_string(i) : title));
        }
    }

    /// A schema in a position that has no "required" list of its own (body, array item, map value).
    void element(boost::json::object const& unresolved, node const& n, std::string const& where)
    {
        auto const s = flatten(unresolved, where);
        bool const spec_nullable = nullable_schema(s);
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
            auto const ps = flatten(value.as_object(), at);
            bool const spec_required = required.count(wire) != 0;
            bool const spec_nullable = nullable_schema(ps);
            // required non-nullable -> T; required nullable -> nullable<T>; not required -> std::optional<T>
            std::string const want = spec_required ? (spec_nullable ? "nullable<T>" : "T") : "std::optional<T>";
            std::string const got = it->required ? (it->type.nullable ? "nullable<T>" : "T")
                                                 : (it->type.nullable ? "std::optional<nullable<T>>" : "std::optional<T>");
            if (check_required && want != got)
                problem(at, "spec " + std::string(spec_required ? "required" : "optional") +
                                (spec_nullable ? " nullable" : "") + " wants " + want + ", C++ has " + got);
            if (!deviates(dev))
                compare(ps, it->type, at);
        }
        for (auto const& m : n.members)
            if (!props.contains(m.wire) && !deviates(n.type_name + '.' + m.wire))
                problem(where + '.' + m.wire, "C++ member of " + n.type_name + " is not in the spec");
    }

    /** Only the integers of `schema` against `n`, for a spec whose other
        details other tests check (Nova's JSON Schemas): members by wire name,
        array items and map values, every integer leaf by `integer_range`. An
        integer enumeration against a plain C++ integer is the range of its
        values. A spec integer with no C++ member to compare is a problem too.
    */
    void integers(boost::json::object const& unresolved, node const& n, std::string const& where)
    {
        auto const s = flatten(unresolved, where);
        auto const* type = s.if_contains("type");
        bool const integer = type && type->is_string() && type->as_string() == "integer";
        if (integer && s.contains("enum") && n.k == kind::integer && n.values.empty()) {
            integer_range r = integer_range::of_schema(s);
            auto const& values = s.at("enum").as_array();
            std::int64_t low = INT64_MAX;
            std::int64_t high = 0;
            for (auto const& v : values) {
                low = (std::min)(low, v.to_number<std::int64_t>());
                high = (std::max)(high, v.to_number<std::int64_t>());
            }
            r.lowest = (std::max)(r.lowest, low);
            r.highest = (std::min)(r.highest, static_cast<std::uint64_t>(high));
            r.text += " enum " + boost::json::serialize(values);
            integers_seen.push_back(where);
            if (!integer_range::of_format(n.format).holds(r))
                problem(where, "spec " + r.text + ", C++ " + describe(n));
            return;
        }
        if (integer) {
            compare(s, n, where);
            return;
        }
        if (auto const* props = s.if_contains("properties")) {
            for (auto const& [key, value] : props->as_object()) {
                auto const it = std::find_if(n.members.begin(), n.members.end(),
                                             [&key = key](member const& m) { return m.wire == key; });  // clang 14: no binding captures
                std::string const at = where + '.' + std::string(key);
                if (it != n.members.end())
                    integers(value.as_object(), it->type, at);
                else if (has_integer(value))
                    problem(at, "a spec integer with no C++ member");
            }
        }
        if (auto const* items = s.if_contains("items"); items && items->is_object() && n.k == kind::array)
            integers(items->as_object(), n.element.front(), where + "[]");
        for (char const* key : {"additionalProperties", "patternProperties"}) {
            auto const* values = s.if_contains(key);
            if (!values || !values->is_object() || n.k != kind::map)
                continue;
            if (std::string_view(key) == "additionalProperties")
                integers(values->as_object(), n.element.front(), where + "{}");
            else
                for (auto const& [pattern, value] : values->as_object())
                    integers(value.as_object(), n.element.front(), where + "{}");
        }
    }

    /// True when `v` is or contains a schema of type integer (alone, not one type of several).
    static bool has_integer(boost::json::value const& v)
    {
        if (auto const* o = v.if_object()) {
            if (auto const* t = o->if_contains("type"); t && t->is_string() && t->as_string() == "integer")
                return true;
            return std::any_of(o->begin(), o->end(), [](auto const& kv) { return has_integer(kv.value()); });
        }
        if (auto const* a = v.if_array())
            return std::any_of(a->begin(), a->end(), [](boost::json::value const& e) { return has_integer(e); });
        return false;
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
        if (n.k == kind::one_of)
            s += " of " + std::to_string(n.one_of.size());
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
            auto const it = std::find_if(n.members.begin(), n.members.end(), [&k = k](member const& m) { return m.wire == k; });
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

/// A document and the re-encoding of what it decoded to, both normalised as `T` reads them.
struct round_trip {
    boost::json::value original;
    boost::json::value reencoded;
    std::vector<std::string> unknown;  ///< keys of the original that `T` does not have
};

/** Compare a decoded value with the text it came from: equal `original` and
    `reencoded` mean that decoding and re-encoding lost nothing but spelling.

    @code
    auto rt = schema_walk::round_trip_of(*page, body_text);
    EXPECT_EQ(rt.reencoded, rt.original);
    @endcode
*/
template <class T>
round_trip round_trip_of(T const& decoded, std::string_view original_text)
{
    auto const tree = walk<T>();
    round_trip out;
    std::vector<std::string> ignored;
    out.original = normalise(boost::json::parse(original_text), tree, "", out.unknown);
    out.reencoded = normalise(boost::json::parse(cloudimg::json::encode(decoded)), tree, "", ignored);
    return out;
}

// ---------------------------------------------------------------- endpoints against OpenAPI 3 operations
//
// Swagger 2.0 operations work too: a non-body parameter carries its schema
// ("type", "items", ...) itself, the request body is the parameter with
// "in": "body" (its media type from "consumes"), a response holds its
// "schema" directly, and "default" is the error response.

/// The type of member `name` of endpoint E, walked; std::optional members as their value type.
template <class E>
member walk_parameter(std::string_view name)
{
    member out;
    boost::mp11::mp_for_each<boost::describe::describe_members<E, boost::describe::mod_public>>([&](auto d) {
        using D = decltype(d);
        using M = std::remove_cvref_t<decltype(std::declval<E&>().*D::pointer)>;
        if (D::name == name)
            out = walk_member<M>(cloudimg::wire_name<E>(D::name));
    });
    return out;
}

/** Compare E's path, query and header parameters with an OpenAPI 3 operation's
    "parameters" (which may be "$ref"s): name, location, required-ness,
    repetition (arrays) and schema, both ways. `name` prefixes every problem. */
template <class E>
void check_operation_parameters(checker& c, boost::json::object const& op, std::string const& name)
{
    constexpr auto params = cloudimg::params_of<E>();
    std::set<std::string> spec_names;
    if (auto const* ps = op.if_contains("parameters")) {
        for (auto const& pv : ps->as_array()) {
            auto const p = c.flatten(pv.as_object(), name);
            if (checker::str(p.if_contains("in")) == "body")
                continue;  // Swagger 2.0's request body: see check_operation_body
            std::string const wire(p.at("name").as_string());
            std::string const where = name + " parameter " + wire;
            spec_names.insert(wire);
            auto const it = std::find_if(params.begin(), params.end(), [&](cloudimg::param_info const& i) {
                return i.wire == wire && i.in != cloudimg::param_location::body;
            });
            if (it == params.end()) {
                c.problem(where, "in the spec, not a member of " + name);
                continue;
            }
            bool const spec_required = p.contains("required") && p.at("required").as_bool();
            // Swagger 2.0: the parameter is its own schema
            auto const schema = c.flatten(p.contains("schema") ? p.at("schema").as_object() : p, where);
            bool const spec_array = checker::str(schema.if_contains("type")) == "array";
            // Swagger 2.0 arrays are comma-separated unless "multi": the core sends repeated keys
            if (spec_array && !p.contains("schema") && checker::str(p.if_contains("collectionFormat")) != "multi")
                c.problem(where, "a Swagger 2.0 array without \"collectionFormat\": \"multi\"; C++ sends repeated keys");
            if (cloudimg::to_string(it->in) != std::string_view(p.at("in").as_string()))
                c.problem(where, "spec in " + std::string(p.at("in").as_string()) + ", C++ in " +
                                     std::string(cloudimg::to_string(it->in)));
            if (it->required != spec_required)
                c.problem(where, spec_required ? "required in the spec, optional in C++" : "optional in the spec, required in C++");
            if (it->repeated != spec_array)
                c.problem(where, spec_array ? "an array in the spec, not repeated in C++" : "repeated in C++, not an array in the spec");
            auto const m = walk_parameter<E>(it->name);
            // params_of derives required-ness from the member type: they must agree
            bool const by_type = it->in == cloudimg::param_location::path || (m.required && m.type.k != kind::array);
            if (it->required != by_type)
                c.problem(where, "params_of's required-ness disagrees with the member's type");
            if (m.type.nullable)
                c.problem(where, "a parameter cannot be nullable<T>");
            c.compare(schema, m.type, where);
        }
    }
    for (auto const& p : params)
        if (p.in != cloudimg::param_location::body && spec_names.count(std::string(p.wire)) == 0)
            c.problem(name + " parameter " + std::string(p.wire), "a member of " + name + " the spec does not have");
}

/** A Swagger 2.0 operation's "in": "body" parameter as the OpenAPI 3 requestBody
    it stands for: {"required", "content": {<each "consumes" type>: {"schema"}}},
    the media types from the operation's "consumes", else the document's, else JSON. */
inline std::optional<boost::json::object> swagger_request_body(checker& c, boost::json::object const& op,
                                                               std::string const& name)
{
    auto const* ps = op.if_contains("parameters");
    if (!ps)
        return std::nullopt;
    for (auto const& pv : ps->as_array()) {
        auto const p = c.flatten(pv.as_object(), name);
        if (checker::str(p.if_contains("in")) != "body")
            continue;
        auto const* consumes = op.if_contains("consumes");
        if (!consumes && c.root)
            consumes = c.root->if_contains("consumes");
        boost::json::object content;
        if (consumes)
            for (auto const& media : consumes->as_array())
                content[media.as_string()] = boost::json::object{{"schema", p.at("schema")}};
        else
            content["application/json"] = boost::json::object{{"schema", p.at("schema")}};
        return boost::json::object{{"required", p.contains("required") && p.at("required").as_bool()},
                                   {"content", std::move(content)}};
    }
    return std::nullopt;
}

/** Compare E's `body` member with an OpenAPI 3 operation's "requestBody": there
    is one exactly when the spec has one, required-ness matches (a plain member
    or a std::optional) and the schema of its single media type matches. Returns
    that media type, or empty when there is no body. */
template <class E>
std::string check_operation_body(checker& c, boost::json::object const& op, std::string const& name)
{
    constexpr auto params = cloudimg::params_of<E>();
    bool const has_member = std::any_of(params.begin(), params.end(),
                                        [](cloudimg::param_info const& p) { return p.in == cloudimg::param_location::body; });
    // Swagger 2.0 has no requestBody: its body is the "in": "body" parameter
    std::optional<boost::json::object> body;
    if (auto const* rb = op.if_contains("requestBody"))
        body = c.flatten(rb->as_object(), name);
    else
        body = swagger_request_body(c, op, name);
    if (!body) {
        if (has_member)
            c.problem(name, "a body member, but the spec has no requestBody");
        return {};
    }
    if (!has_member) {
        c.problem(name, "no body member, but the spec has a requestBody");
        return {};
    }
    auto const m = walk_parameter<E>("body");
    bool const spec_required = body->contains("required") && body->at("required").as_bool();
    if (m.required != spec_required)
        c.problem(name + " body", spec_required ? "required in the spec, a std::optional in C++"
                                                : "optional in the spec, a plain member in C++");
    auto const& content = body->at("content").as_object();
    if (content.size() != 1) {
        c.problem(name + " body", "the spec offers " + std::to_string(content.size()) + " media types");
        return {};
    }
    c.element(content.begin()->value().at("schema").as_object(), m.type, name + " body");
    return std::string(content.begin()->key());
}

/** Compare an OpenAPI 3 operation's "responses" (which may be "$ref"s) with E:
    every documented 2xx status is in E::responses with the same body (or none),
    and the other way round; every 4xx/5xx entry ("4XX", "4xx" or a code) has a
    JSON body that is E's provider error body. */
template <class E>
void check_operation_responses(checker& c, boost::json::object const& op, std::string const& name)
{
    std::map<int, node> ours;
    boost::mp11::mp_for_each<typename E::responses>([&](auto s) {
        using S = decltype(s);
        ours.emplace(S::status, walk<typename S::body>());
    });
    std::set<int> spec_success;
    auto const error_body = walk<typename E::provider::error_body>();
    for (auto const& [status, unresolved] : op.at("responses").as_object()) {
        std::string const code(status);
        auto const response = c.flatten(unresolved.as_object(), name + ' ' + code);
        boost::json::object const* schema = nullptr;
        if (auto const* content = response.if_contains("content")) {
            if (auto const* media = content->as_object().if_contains("application/json"))
                schema = &media->at("schema").as_object();
        } else if (auto const* direct = response.if_contains("schema")) {
            schema = &direct->as_object();  // Swagger 2.0
        }
        if (code.starts_with('2')) {
            int const n = std::stoi(code);
            spec_success.insert(n);
            auto const it = ours.find(n);
            if (it == ours.end()) {
                c.problem(name, "spec success status " + code + " is not in E::responses");
                continue;
            }
            if (!schema) {
                if (it->second.k != kind::empty)
                    c.problem(name + ' ' + code, "spec has no body, C++ decodes " + it->second.type_name);
            } else {
                c.element(*schema, it->second, name + ' ' + code);
            }
        } else if (code.starts_with('4') || code.starts_with('5') || code == "default") {
            // "default": every other status, which for these APIs means an error
            if (!schema)
                c.problem(name + ' ' + code, "spec error response without a JSON body");
            else
                c.element(*schema, error_body, name + ' ' + code);
        } else {
            c.problem(name + ' ' + code, "spec status of a kind this checker does not know");
        }
    }
    for (auto const& [status, body] : ours)
        if (spec_success.count(status) == 0)
            c.problem(name, "E::responses has status " + std::to_string(status) + " that the spec does not document");
}

// ---------------------------------------------------------------- spec documents

/// The bytes of the file at `path` (empty if it cannot be read, which the parse then reports).
inline std::string read_text(std::filesystem::path const& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// One operation of a spec.
struct operation {
    std::string method;  ///< lower case, as in the spec
    std::string path;
    boost::json::object const* op = nullptr;
};

/** A vendored OpenAPI 3 or Swagger 2.0 document, parsed once, with its operations by operationId.

    Only the HTTP-method keys of a path item are operations (not "parameters",
    "summary", ...). An operation without an operationId is listed as
    "<method> <path>", so that a test matching endpoints to operations reports it
    instead of skipping it.
*/
class spec_document {
public:
    /// Parse the file at `path` (it throws if that is not JSON: the test fails) and index the operations under `prefix`.
    explicit spec_document(std::filesystem::path const& path, std::string_view prefix = "")
        : doc_(boost::json::parse(read_text(path)))
    {
        static constexpr std::string_view methods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};
        for (auto const& [path_key, item] : root().at("paths").as_object()) {
            if (!std::string_view(path_key).starts_with(prefix))
                continue;
            for (auto const& [method, op] : item.as_object()) {
                if (std::find(std::begin(methods), std::end(methods), std::string_view(method)) == std::end(methods))
                    continue;
                auto const* id = op.as_object().if_contains("operationId");
                std::string key = id && id->is_string() ? std::string(id->as_string())
                                                        : std::string(method) + ' ' + std::string(path_key);
                operations_[std::move(key)] = operation{std::string(method), std::string(path_key), &op.as_object()};
            }
        }
    }

    spec_document(spec_document const&) = delete;  // the operations point into the document
    spec_document& operator=(spec_document const&) = delete;

    boost::json::object const& root() const { return doc_.as_object(); }
    std::map<std::string, operation> const& operations() const noexcept { return operations_; }

    /// The operation with this operationId, or null.
    operation const* find(std::string_view operation_id) const
    {
        auto const it = operations_.find(std::string(operation_id));
        return it == operations_.end() ? nullptr : &it->second;
    }

    /// A checker for this document: its "$ref"s resolve here.
    checker make_checker(direction d, std::map<std::string, std::string> deviations = {}) const
    {
        checker c(d, std::move(deviations));
        c.root = &root();
        return c;
    }

private:
    boost::json::value doc_;
    std::map<std::string, operation> operations_;
};

/// Calls `f(mp_identity<E>{})` for every type E of the mp_list `List` (an endpoint list); no value is constructed.
template <class List, class F>
void for_each_type(F&& f)
{
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, List>>(f);
}

} // namespace schema_walk

#endif
