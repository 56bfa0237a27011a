// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_OPENSTACK_KEYSTONE_HPP
#define CLOUDIMG_OPENSTACK_KEYSTONE_HPP

// Keystone v3 authentication for Nova, sans-IO: the request for
// `POST /v3/auth/tokens` (password or application credential), and from its
// response the token (the `X-Subject-Token` header) and the compute endpoint
// of the returned catalog. The user's transport sends the request.
//
//     auto req = keystone::token_request(keystone::password_auth{...});
//     auto res = transport(*req);
//     auto tok = keystone::parse_token_response(*res);
//     auto url = keystone::find_endpoint(tok->info, {.region = "RegionOne"});
//     openstack::config cfg{.compute_url = *url, .token = tok->id};
//
// The credential fields are named as in clouds.yaml. Passwords, secrets and
// tokens never appear in an error; the other fields are not quoted either.

#include <cloudimg/detail/quote.hpp>
#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/json/decode.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/openstack/models.hpp>
#include <cloudimg/openstack/provider.hpp>
#include <cloudimg/request.hpp>
#include <cloudimg/response.hpp>
#include <cloudimg/timestamp.hpp>
#include <cloudimg/version.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cloudimg::openstack::keystone {

// ------------------------------------------------------------------ credentials

/** The `password` method with a project scope: a user, by id or by name in a
    domain, and the project whose token Nova needs, by id or by name in a domain.

    @code
    keystone::password_auth auth{.auth_url = "https://keystone.example.com:5000/v3",
                                 .username = "demo", .user_domain_name = "Default", .password = password,
                                 .project_name = "demo", .project_domain_name = "Default"};
    @endcode
*/
struct password_auth {
    std::string auth_url{};             ///< the identity endpoint, with or without /v3
    std::string username{};             ///< or `user_id`
    std::string user_id{};
    std::string user_domain_name{};     ///< with `username`: its domain, by name or id
    std::string user_domain_id{};
    std::string password{};
    std::string project_name{};         ///< or `project_id`
    std::string project_id{};
    std::string project_domain_name{};  ///< with `project_name`: its domain, by name or id
    std::string project_domain_id{};
};

/** The `application_credential` method: by id, or by name with its user. The
    token is scoped to the credential's project, so there is no scope to give.

    @code
    keystone::application_credential_auth auth{.auth_url = url, .application_credential_id = id,
                                               .application_credential_secret = secret};
    @endcode
*/
struct application_credential_auth {
    std::string auth_url{};                       ///< the identity endpoint, with or without /v3
    std::string application_credential_id{};      ///< or the name, with the user
    std::string application_credential_name{};
    std::string application_credential_secret{};
    std::string username{};                       ///< with the name: the user, by id or by name in a domain
    std::string user_id{};
    std::string user_domain_name{};
    std::string user_domain_id{};
};

// ------------------------------------------------------------------ request body

/// A domain, by id or by name.
struct domain_ref {
    std::optional<std::string> id{};
    std::optional<std::string> name{};
};
BOOST_DESCRIBE_STRUCT(domain_ref, (), (id, name))

/// A user, by id or by name in a domain; with the password for the `password` method.
struct user_ref {
    std::optional<std::string> id{};
    std::optional<std::string> name{};
    std::optional<domain_ref> domain{};
    std::optional<std::string> password{};
};
BOOST_DESCRIBE_STRUCT(user_ref, (), (id, name, domain, password))

struct password_method {
    user_ref user;
};
BOOST_DESCRIBE_STRUCT(password_method, (), (user))

struct application_credential_method {
    std::optional<std::string> id{};
    std::optional<std::string> name{};
    std::optional<user_ref> user{};
    std::string secret;
};
BOOST_DESCRIBE_STRUCT(application_credential_method, (), (id, name, user, secret))

struct identity {
    std::vector<std::string> methods;  ///< "password" or "application_credential"
    std::optional<password_method> password{};
    std::optional<application_credential_method> application_credential{};
};
BOOST_DESCRIBE_STRUCT(identity, (), (methods, password, application_credential))

/// A project, by id or by name in a domain.
struct project_ref {
    std::optional<std::string> id{};
    std::optional<std::string> name{};
    std::optional<domain_ref> domain{};
};
BOOST_DESCRIBE_STRUCT(project_ref, (), (id, name, domain))

struct scope {
    project_ref project;
};
BOOST_DESCRIBE_STRUCT(scope, (), (project))

struct auth {
    keystone::identity identity;
    std::optional<keystone::scope> scope{};
};
BOOST_DESCRIBE_STRUCT(auth, (), (identity, scope))

/// The body of `POST /v3/auth/tokens`.
struct auth_request {
    keystone::auth auth;
};
BOOST_DESCRIBE_STRUCT(auth_request, (), (auth))

// ------------------------------------------------------------------ response body

/// Which network an endpoint of the catalog serves.
enum class endpoint_interface { public_, internal, admin };
BOOST_DESCRIBE_ENUM(endpoint_interface, public_, internal, admin)

struct domain {
    std::string id;
    std::string name;
};
BOOST_DESCRIBE_STRUCT(domain, (), (id, name))

struct user {
    keystone::domain domain;
    std::string id;
    std::string name;
};
BOOST_DESCRIBE_STRUCT(user, (), (domain, id, name))

struct project {
    keystone::domain domain;
    std::string id;
    std::string name;
};
BOOST_DESCRIBE_STRUCT(project, (), (domain, id, name))

struct role {
    std::string id;
    std::string name;
};
BOOST_DESCRIBE_STRUCT(role, (), (id, name))

/// One endpoint of a service in the catalog.
struct catalog_endpoint {
    std::string id;
    open_enum<endpoint_interface> interface_;  ///< wire `interface`
    std::optional<std::string> region;         ///< the region's id again (the v2 name); null without a region
    std::optional<std::string> region_id;
    std::string url;
};
BOOST_DESCRIBE_STRUCT(catalog_endpoint, (), (id, interface_, region, region_id, url))

/// One service of the catalog: its type ("compute", "identity", "image", ...) and its endpoints.
struct service {
    std::vector<catalog_endpoint> endpoints;
    std::string id;
    std::string type;
    std::optional<std::string> name;
};
BOOST_DESCRIBE_STRUCT(service, (), (endpoints, id, type, name))

/// What Keystone says about a token. `project` and `catalog` come with a project scope.
struct token_info {
    std::vector<std::string> methods;
    keystone::user user;
    std::vector<std::string> audit_ids;
    timestamp expires_at;
    timestamp issued_at;
    std::optional<keystone::project> project;
    std::optional<std::vector<role>> roles;
    std::optional<std::vector<service>> catalog;
};
BOOST_DESCRIBE_STRUCT(token_info, (), (methods, user, audit_ids, expires_at, issued_at, project, roles, catalog))

/// The body of a `201 Created` from `POST /v3/auth/tokens`.
struct token_response {
    token_info token;
};
BOOST_DESCRIBE_STRUCT(token_response, (), (token))

// ------------------------------------------------------------------ the endpoint

/// What the generic core needs to know about Keystone: Nova's error envelope (Keystone's is `{"error": {...}}`).
struct provider : openstack::provider {
    static constexpr std::string_view name = "keystone";
};

/// The failure type of a token request: `body` holds the decoded `error_response`.
using keystone_failure = api_failure<error_response>;

/// POST /v3/auth/tokens: issue a token. Answers 201; the token itself is the `X-Subject-Token` header.
struct create_token {
    auth_request body;

    using provider = keystone::provider;
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/auth/tokens";
    using responses = cloudimg::responses<on_status<201, token_response>>;
};
BOOST_DESCRIBE_STRUCT(create_token, (), (body))

namespace detail {

inline std::optional<std::string> given(std::string const& s)
{
    if (s.empty())
        return std::nullopt;
    return s;
}

inline failure refuse(std::string message)
{
    return make_failure(error::invalid_argument, std::move(message));
}

// An object named by id, or by name in a domain given by id or name; `what` is
// the clouds.yaml prefix of its fields ("user", "project").
inline result<void> check_ref(std::string_view what, std::string const& id, std::string const& name,
                              std::string const& domain_id, std::string const& domain_name,
                              std::string_view name_field)
{
    std::string const w(what);
    if (!id.empty() && !name.empty())
        return refuse("set " + w + "_id or " + std::string(name_field) + ", not both");
    if (id.empty() && name.empty())
        return refuse("the " + w + " is missing: set " + w + "_id, or " + std::string(name_field) + " with " + w +
                      "_domain_id or " + w + "_domain_name");
    if (!id.empty() && !(domain_id.empty() && domain_name.empty()))
        return refuse(w + "_domain_id and " + w + "_domain_name go with " + std::string(name_field) + ", not with " + w +
                      "_id, which is unique across domains");
    if (!name.empty() && domain_id.empty() == domain_name.empty())
        return refuse(std::string(name_field) + " needs its domain: set " + w + "_domain_id or " + w +
                      "_domain_name (one of them)");
    return {};
}

inline domain_ref make_domain(std::string const& id, std::string const& name)
{
    return domain_ref{.id = given(id), .name = given(name)};
}

inline user_ref make_user(std::string const& id, std::string const& name, std::string const& domain_id,
                          std::string const& domain_name)
{
    user_ref u{.id = given(id), .name = given(name)};
    if (!name.empty())
        u.domain = make_domain(domain_id, domain_name);
    return u;
}

} // namespace detail

/** The Keystone v3 base URL for an `auth_url`: the URL itself when it ends in
    `/v3`, otherwise the URL with `/v3` appended (clouds.yaml allows both).
    An `auth_url` that names another version (`/v2.0`) is refused.

    @code
    auto u = keystone::identity_url("https://keystone.example.com:5000");  // ".../5000/v3"
    @endcode
*/
inline result<std::string> identity_url(std::string_view auth_url)
{
    auto parts = split_base_url(auth_url);
    if (!parts)
        return parts.error();
    std::string_view const path = parts->path;
    auto const slash = path.rfind('/');
    std::string_view const last = slash == std::string_view::npos ? path : path.substr(slash + 1);
    std::string out = std::string(parts->origin) + std::string(path);
    if (last == "v3")
        return out;
    if (last.size() >= 2 && last[0] == 'v' && last[1] >= '0' && last[1] <= '9')
        return detail::refuse("auth_url names Keystone API " + cloudimg::detail::quote(last) +
                              "; cloudimg speaks v3: give the URL with /v3 or without a version");
    return out + "/v3";
}

namespace detail {

inline result<request> finish_token_request(auth_request body, std::string_view auth_url, std::string_view user_agent)
{
    auto base = identity_url(auth_url);
    if (!base)
        return base.error();
    auto req = build_request(create_token{std::move(body)}, *base);
    if (!req)
        return req;
    req->headers.set("Accept", "application/json");
    req->headers.set("User-Agent", std::string(user_agent));
    if (auto ok = check_headers(req->headers); !ok)
        return ok.error();
    return req;
}

} // namespace detail

/** The request for a project-scoped token by password: `POST <auth_url>/v3/auth/tokens`.

    Refused (`error::invalid_argument`), with the field named: no user, a user
    both by id and by name, a user name without its domain, an empty password,
    no project, and the like. Nova needs a project-scoped token, so the
    project is required.

    @code
    auto req = keystone::token_request(keystone::password_auth{.auth_url = url, .user_id = uid,
                                                               .password = pw, .project_id = pid});
    @endcode
*/
inline result<request> token_request(password_auth const& a, std::string_view user_agent = cloudimg::user_agent)
{
    if (auto ok = detail::check_ref("user", a.user_id, a.username, a.user_domain_id, a.user_domain_name, "username"); !ok)
        return ok.error();
    if (a.password.empty())
        return detail::refuse("the password is empty");
    if (auto ok = detail::check_ref("project", a.project_id, a.project_name, a.project_domain_id, a.project_domain_name,
                                    "project_name");
        !ok)
        return ok.error();
    auth_request body;
    body.auth.identity.methods = {"password"};
    auto& user = body.auth.identity.password.emplace().user;
    user = detail::make_user(a.user_id, a.username, a.user_domain_id, a.user_domain_name);
    user.password = a.password;
    auto& project = body.auth.scope.emplace().project;
    project = project_ref{.id = detail::given(a.project_id), .name = detail::given(a.project_name)};
    if (!a.project_name.empty())
        project.domain = detail::make_domain(a.project_domain_id, a.project_domain_name);
    return detail::finish_token_request(std::move(body), a.auth_url, user_agent);
}

/** The request for a token by application credential: `POST <auth_url>/v3/auth/tokens`.

    Refused (`error::invalid_argument`): neither or both of id and name, a
    name without its user, an empty secret.

    @code
    auto req = keystone::token_request(keystone::application_credential_auth{
        .auth_url = url, .application_credential_id = id, .application_credential_secret = secret});
    @endcode
*/
inline result<request> token_request(application_credential_auth const& a,
                                     std::string_view user_agent = cloudimg::user_agent)
{
    bool const by_id = !a.application_credential_id.empty();
    if (by_id == !a.application_credential_name.empty())
        return detail::refuse("set application_credential_id, or application_credential_name with its user (one of them)");
    if (a.application_credential_secret.empty())
        return detail::refuse("the application credential secret is empty");
    bool const has_user = !(a.user_id.empty() && a.username.empty() && a.user_domain_id.empty() && a.user_domain_name.empty());
    if (by_id && has_user)
        return detail::refuse("an application credential given by id needs no user: leave user_id, username and "
                              "user_domain_* empty");
    auth_request body;
    body.auth.identity.methods = {"application_credential"};
    auto& cred = body.auth.identity.application_credential.emplace();
    if (by_id) {
        cred.id = a.application_credential_id;
    } else {
        if (auto ok = detail::check_ref("user", a.user_id, a.username, a.user_domain_id, a.user_domain_name, "username"); !ok)
            return ok.error();
        cred.name = a.application_credential_name;
        cred.user = detail::make_user(a.user_id, a.username, a.user_domain_id, a.user_domain_name);
    }
    cred.secret = a.application_credential_secret;
    return detail::finish_token_request(std::move(body), a.auth_url, user_agent);
}

// ------------------------------------------------------------------ the response

/// A token and what Keystone said about it.
struct issued_token {
    std::string id;   ///< the `X-Subject-Token` header: send it as `X-Auth-Token` (a secret)
    token_info info;  ///< expiry, user, project, catalog
};

/** The token from the response to `token_request`: `201` with the
    `X-Subject-Token` header and a `{"token": {...}}` body. Any other status is
    a failure with Keystone's error body (`{"error": {"code", "title", "message"}}`).

    @code
    auto tok = keystone::parse_token_response(res);
    if (!tok) return tok.error();   // e.g. error_response (HTTP 401) [error]: The request you have made requires authentication.
    @endcode
*/
inline result<issued_token, keystone_failure> parse_token_response(response const& r,
                                                                    json::decode_options const& options = {})
{
    auto body = parse_response<create_token>(r, options);
    if (!body) {
        auto f = body.error();
        // a 201 whose body does not decode still carries the token: keep the secret out of the failure
        f.response_headers.erase("X-Subject-Token");
        return f;
    }
    auto const id = r.headers.find("X-Subject-Token");
    if (!id || id->empty()) {
        keystone_failure f;
        static_cast<failure&>(f) = make_failure(error::missing_field,
                                                "the response has no X-Subject-Token header, which carries the token");
        f.http_status = r.status;
        if (auto rid = r.headers.find(provider::request_id_header))
            f.request_id.assign(*rid);
        f.response_headers = r.headers;
        return f;
    }
    return issued_token{std::string(*id), std::move(body->token)};
}

/// Which endpoint of the catalog to use.
struct endpoint_filter {
    std::string service_type = "compute";
    endpoint_interface interface_ = endpoint_interface::public_;
    std::string region{};  ///< a region id; empty: any, as long as only one region has such an endpoint
};

/** The URL of the catalog endpoint that `filter` selects: by default the
    public compute endpoint, which is `openstack::config::compute_url`.

    Refused (`error::invalid_argument`), saying what the catalog does have: a
    token without a catalog (unscoped), no service of that type, no endpoint
    of that interface and region, or endpoints in several regions when none
    was chosen.

    @code
    auto url = keystone::find_endpoint(tok->info, {.interface_ = keystone::endpoint_interface::internal,
                                                   .region = "RegionOne"});
    @endcode
*/
inline result<std::string> find_endpoint(token_info const& token, endpoint_filter const& filter = {})
{
    using cloudimg::detail::quote;
    if (!token.catalog)
        return detail::refuse("the token has no catalog: ask for a project-scoped token");
    std::string const wanted = std::string(enum_to_wire(filter.interface_));
    std::vector<catalog_endpoint const*> matches;
    std::set<std::string> types, offered, regions;
    bool has_service = false;
    for (auto const& s : *token.catalog) {
        types.insert(quote(s.type));
        if (s.type != filter.service_type)
            continue;
        has_service = true;
        for (auto const& e : s.endpoints) {
            std::string const region = e.region_id.value_or(e.region.value_or(""));
            offered.insert(std::string(e.interface_.wire()) + (region.empty() ? "" : " in " + quote(region)));
            if (e.interface_ != filter.interface_)
                continue;
            if (!filter.region.empty() && filter.region != region && filter.region != e.region.value_or(""))
                continue;
            matches.push_back(&e);
            regions.insert(quote(region));
        }
    }
    auto list = [](std::set<std::string> const& items) {
        std::string out;
        for (auto const& i : items)
            out += (out.empty() ? "" : ", ") + i;
        return out.empty() ? std::string("nothing") : out;
    };
    std::string const what = wanted + " " + quote(filter.service_type) + " endpoint" +
                             (filter.region.empty() ? std::string() : " in region " + quote(filter.region));
    if (!has_service)
        return detail::refuse("the catalog has no service of type " + quote(filter.service_type) + "; it has " + list(types));
    if (matches.empty())
        return detail::refuse("the catalog has no " + what + "; it has " + list(offered));
    if (regions.size() > 1)
        return detail::refuse("the catalog has a " + what + " in several regions (" + list(regions) +
                              "): choose one with endpoint_filter::region");
    return matches.front()->url;
}

} // namespace cloudimg::openstack::keystone

#endif
