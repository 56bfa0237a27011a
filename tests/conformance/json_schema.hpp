// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_CONFORMANCE_JSON_SCHEMA_HPP
#define CLOUDIMG_TESTS_CONFORMANCE_JSON_SCHEMA_HPP

// Test-only: a JSON Schema validator for the keywords that Nova's request,
// query and response schemas use (nova/api/openstack/compute/schemas), so
// that the bodies and queries cloudimg builds, and the responses it re-encodes,
// can be checked against the server's own rules. A keyword it does not know is
// reported as a problem, never skipped: a schema it cannot fully check fails.
//
//     json_schema::validator v;
//     v.check(schema, instance, "body");
//     // v.problems lists each violation with its place
//
// Semantics follow the `jsonschema` package Nova validates with: `pattern` is
// searched (unanchored), lengths count characters (code points), "integer" is
// a number without a fraction part written as an integer.

#include <boost/json.hpp>

#include <cstdint>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace json_schema {

/// Code points in UTF-8 text (continuation bytes are not counted).
inline std::size_t characters(std::string_view s)
{
    std::size_t n = 0;
    for (char const c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

/// Nova's formats: "uuid" (any case, dashes), "uri" (a scheme), "date-time" (RFC 3339).
inline bool has_format(std::string_view format, std::string const& s, bool& known)
{
    static std::regex const uuid("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    static std::regex const uri("^[a-zA-Z][a-zA-Z0-9+.-]*:[^ \t\r\n]*$");
    static std::regex const date_time("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$");
    known = true;
    if (format == "uuid")
        return std::regex_search(s, uuid);
    if (format == "uri")
        return std::regex_search(s, uri);
    if (format == "date-time")
        return std::regex_search(s, date_time);
    known = false;
    return true;
}

struct validator {
    std::vector<std::string> problems;

    void problem(std::string const& at, std::string const& what) { problems.push_back(at + ": " + what); }

    static bool is_type(boost::json::value const& v, std::string_view type)
    {
        if (type == "object")
            return v.is_object();
        if (type == "array")
            return v.is_array();
        if (type == "string")
            return v.is_string();
        if (type == "integer")
            return v.is_int64() || v.is_uint64();
        if (type == "number")
            return v.is_number();
        if (type == "boolean")
            return v.is_bool();
        if (type == "null")
            return v.is_null();
        return false;
    }

    static double number(boost::json::value const& v) { return v.to_number<double>(); }

    static std::regex const& regex_for(std::string const& pattern)
    {
        static std::vector<std::pair<std::string, std::regex>> cache;
        for (auto const& [p, r] : cache)
            if (p == pattern)
                return r;
        cache.emplace_back(pattern, std::regex(pattern, std::regex::ECMAScript));
        return cache.back().second;
    }

    /// Check `v` against `schema`; every violation becomes a problem at `at`.
    void check(boost::json::value const& schema, boost::json::value const& v, std::string const& at)
    {
        if (!schema.is_object()) {
            problem(at, "a schema that is not an object");
            return;
        }
        auto const& s = schema.as_object();
        for (auto const& [key, value] : s) {
            if (key == "type") {
                bool ok = false;
                if (value.is_string())
                    ok = is_type(v, value.as_string());
                else
                    for (auto const& t : value.as_array())
                        ok = ok || is_type(v, t.as_string());
                if (!ok)
                    problem(at, "not of type " + boost::json::serialize(value) + ": " + boost::json::serialize(v));
            } else if (key == "enum") {
                bool found = false;
                for (auto const& e : value.as_array())
                    found = found || e == v;
                if (!found)
                    problem(at, boost::json::serialize(v) + " is not one of " + boost::json::serialize(value));
            } else if (key == "const") {
                if (value != v)
                    problem(at, boost::json::serialize(v) + " is not " + boost::json::serialize(value));
            } else if (key == "properties" || key == "patternProperties" || key == "additionalProperties") {
                if (key == "properties")  // the three work together: checked once
                    continue;
            } else if (key == "required") {
                if (v.is_object())
                    for (auto const& r : value.as_array())
                        if (!v.as_object().contains(r.as_string()))
                            problem(at, "required property \"" + std::string(r.as_string()) + "\" is missing");
            } else if (key == "minProperties" || key == "maxProperties") {
                if (v.is_object()) {
                    auto const n = v.as_object().size();
                    auto const bound = value.to_number<std::size_t>();
                    if (key == "minProperties" ? n < bound : n > bound)
                        problem(at, std::to_string(n) + " properties, " + std::string(key) + " " + std::to_string(bound));
                }
            } else if (key == "items" || key == "prefixItems") {
                continue;  // with the array checks below
            } else if (key == "minItems" || key == "maxItems") {
                if (v.is_array()) {
                    auto const n = v.as_array().size();
                    auto const bound = value.to_number<std::size_t>();
                    if (key == "minItems" ? n < bound : n > bound)
                        problem(at, std::to_string(n) + " items, " + std::string(key) + " " + std::to_string(bound));
                }
            } else if (key == "pattern") {
                if (v.is_string() && !std::regex_search(std::string(v.as_string()), regex_for(std::string(value.as_string()))))
                    problem(at, boost::json::serialize(v) + " does not match " + std::string(value.as_string()));
            } else if (key == "minLength" || key == "maxLength") {
                if (v.is_string()) {
                    auto const n = characters(v.as_string());
                    auto const bound = value.to_number<std::size_t>();
                    if (key == "minLength" ? n < bound : n > bound)
                        problem(at, std::to_string(n) + " characters, " + std::string(key) + " " + std::to_string(bound));
                }
            } else if (key == "minimum") {
                if (v.is_number() && number(v) < number(value))
                    problem(at, boost::json::serialize(v) + " is below the minimum " + boost::json::serialize(value));
            } else if (key == "format") {
                if (v.is_string()) {
                    bool known = false;
                    if (!has_format(value.as_string(), std::string(v.as_string()), known))
                        problem(at, boost::json::serialize(v) + " is not a " + std::string(value.as_string()));
                    if (!known)
                        problem(at, "unsupported format " + std::string(value.as_string()));
                }
            } else {
                problem(at, "unsupported keyword \"" + std::string(key) + "\"");
            }
        }
        if (v.is_object())
            check_object(s, v.as_object(), at);
        if (v.is_array())
            check_array(s, v.as_array(), at);
    }

    void check_object(boost::json::object const& s, boost::json::object const& v, std::string const& at)
    {
        auto const* props = s.if_contains("properties");
        auto const* patterns = s.if_contains("patternProperties");
        auto const* additional = s.if_contains("additionalProperties");
        for (auto const& [key, value] : v) {
            std::string const k(key);
            std::string const where = at + '.' + k;
            bool matched = false;
            if (props) {
                if (auto const* p = props->as_object().if_contains(key)) {
                    matched = true;
                    check(*p, value, where);
                }
            }
            if (patterns) {
                for (auto const& [pattern, p] : patterns->as_object()) {
                    if (std::regex_search(k, regex_for(std::string(pattern)))) {
                        matched = true;
                        check(p, value, where);
                    }
                }
            }
            if (matched || !additional)
                continue;
            if (additional->is_bool()) {
                if (!additional->as_bool())
                    problem(where, "an additional property, which the schema forbids");
            } else {
                check(*additional, value, where);
            }
        }
    }

    void check_array(boost::json::object const& s, boost::json::array const& v, std::string const& at)
    {
        std::size_t first = 0;
        if (auto const* prefix = s.if_contains("prefixItems")) {
            auto const& schemas = prefix->as_array();
            for (; first < schemas.size() && first < v.size(); ++first)
                check(schemas[first], v[first], at + '[' + std::to_string(first) + ']');
        }
        if (auto const* items = s.if_contains("items"))
            for (std::size_t i = first; i < v.size(); ++i)
                check(*items, v[i], at + '[' + std::to_string(i) + ']');
    }
};

/// The problems of `v` against `schema`; empty when it is valid.
inline std::vector<std::string> problems_of(boost::json::value const& schema, boost::json::value const& v,
                                            std::string const& at = "$")
{
    validator c;
    c.check(schema, v, at);
    return c.problems;
}

} // namespace json_schema

#endif
