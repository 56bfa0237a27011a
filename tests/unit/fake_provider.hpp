// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TESTS_UNIT_FAKE_PROVIDER_HPP
#define CLOUDIMG_TESTS_UNIT_FAKE_PROVIDER_HPP

// A provider that exists only in tests: it exercises every parameter
// location and response shape of the generic core without any real API.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/nullable.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/request.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fake {

enum class kind { alpha, beta_gamma };
BOOST_DESCRIBE_ENUM(kind, alpha, beta_gamma)
constexpr auto wire_names(kind const*) { return std::array{cloudimg::rename{"beta_gamma", "beta:gamma"}}; }

struct problem {
    std::string code;
    std::string message;
};
BOOST_DESCRIBE_STRUCT(problem, (), (code, message))

struct provider {
    static constexpr std::string_view name = "fake";
    static constexpr std::string_view request_id_header = "X-Request-Id";
    using error_body = problem;
    static void describe_failure(cloudimg::failure& f, problem const& p)
    {
        f.provider_code = p.code;
        f.message = p.message;
    }
};

struct thing {
    std::string name;
    std::int64_t size;
};
BOOST_DESCRIBE_STRUCT(thing, (), (name, size))

struct accepted {
    std::string operation;
};
BOOST_DESCRIBE_STRUCT(accepted, (), (operation))

struct put_thing {
    std::string bucket;
    std::string name;
    std::optional<bool> force{};
    std::vector<kind> kinds{};
    std::optional<std::int64_t> min_size{};
    std::optional<std::string> if_match{};
    thing body{};

    using provider = fake::provider;
    static constexpr cloudimg::http_method method = cloudimg::http_method::put;
    static constexpr std::string_view path = "/buckets/{bucket}/things/{name}";
    static constexpr std::array header_params{std::string_view("if_match")};
    using responses = cloudimg::responses<cloudimg::on_status<200, thing>, cloudimg::on_status<201, thing>,
                                          cloudimg::on_status<202, accepted>>;
};
BOOST_DESCRIBE_STRUCT(put_thing, (), (bucket, name, force, kinds, min_size, if_match, body))
constexpr auto wire_names(put_thing const*)
{
    return std::array{cloudimg::rename{"min_size", "min-size"}, cloudimg::rename{"if_match", "If-Match"}};
}

struct drop_thing {
    std::int64_t id;

    using provider = fake::provider;
    static constexpr cloudimg::http_method method = cloudimg::http_method::delete_;
    static constexpr std::string_view path = "/things/{id}";
    using responses = cloudimg::responses<cloudimg::on_status<204, cloudimg::no_content>>;
};
BOOST_DESCRIBE_STRUCT(drop_thing, (), (id))

// A body that streams into a sink; the result is the head's.
struct fetch_blob {
    std::int64_t id;

    using provider = fake::provider;
    static constexpr cloudimg::http_method method = cloudimg::http_method::get;
    static constexpr std::string_view path = "/blobs/{id}";
    static constexpr bool streamed_response = true;
    using responses = cloudimg::responses<cloudimg::on_status<200, cloudimg::no_content>>;
};
BOOST_DESCRIBE_STRUCT(fetch_blob, (), (id))

struct get_thing {
    std::int64_t id;

    // ids are positive: a rule the type cannot say, checked before building
    cloudimg::result<void> validate() const
    {
        if (id <= 0)
            return cloudimg::make_failure(cloudimg::error::invalid_argument, "id must be positive");
        return {};
    }

    using provider = fake::provider;
    static constexpr cloudimg::http_method method = cloudimg::http_method::get;
    static constexpr std::string_view path = "/things/{id}";
    using responses = cloudimg::responses<cloudimg::on_status<200, thing>>;
};
BOOST_DESCRIBE_STRUCT(get_thing, (), (id))

/// Where the fake provider lives: `prepare` builds its requests with the core alone (no hooks),
/// as a provider without headers of its own would.
struct config {
    std::string base_url;
};

template <cloudimg::endpoint E>
cloudimg::result<cloudimg::request> prepare(config const& c, E const& ep)
{
    return cloudimg::build_request(ep, c.base_url);
}

} // namespace fake

#endif
