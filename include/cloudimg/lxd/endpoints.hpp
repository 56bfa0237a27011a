// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_ENDPOINTS_HPP
#define CLOUDIMG_LXD_ENDPOINTS_HPP

// The LXD image endpoints (LXD 5.0 semantics), plus the server and operation
// endpoints that async work needs. Each struct's members are the endpoint's
// parameters: `lxd::get_image{.fingerprint = fp, .project = "web"}`.
//
// One wire operation may be two endpoint types here when its answer or its
// body has two shapes: a collection GET lists URLs (`list_image_urls`,
// recursion=0) or objects (`list_images`, recursion=1); POST /1.0/images takes
// JSON and answers an image (`create_image`: copy, publish, URL) or a token
// (`create_push_token`: push mode), or takes the image itself (`upload_image`:
// a unified tarball or a split multipart, streamed).
//
// `{fingerprint}` may be any unique prefix of the SHA-256. Alias names may
// contain `/`: it is sent encoded, as data.

#include <cloudimg/endpoint.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/http.hpp>
#include <cloudimg/lxd/models.hpp>
#include <cloudimg/lxd/provider.hpp>
#include <cloudimg/request.hpp>

#include <boost/describe/class.hpp>
#include <boost/mp11/list.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cloudimg::lxd {

/// The `recursion` query parameter, fixed by the endpoint type because it decides the answer's shape.
template <int Level>
struct recursion_level {
    static constexpr int value = Level;
};

template <int Level>
constexpr std::string_view wire_text(recursion_level<Level>) noexcept
{
    static_assert(Level == 0 || Level == 1);
    return Level == 0 ? "0" : "1";
}

/** Key/value pairs sent URL-encoded in one header (`k1=v1&k2=v2`), as
    X-LXD-properties and X-LXD-profiles carry them.

    @code
    lxd::form_values props{{"os", "Debian"}, {"release", "bookworm"}};
    @endcode
*/
struct form_values {
    std::vector<std::pair<std::string, std::string>> values;

    form_values() = default;
    form_values(std::initializer_list<std::pair<std::string, std::string>> v) : values(v) {}
};

inline std::string wire_text(form_values const& v)
{
    std::string out;
    for (auto const& [key, value] : v.values) {
        if (!out.empty())
            out += '&';
        cloudimg::detail::append_encoded(out, key);
        out += '=';
        cloudimg::detail::append_encoded(out, value);
    }
    return out;
}

// ------------------------------------------------------------------ images

/// GET /1.0/images with recursion=0: the URLs of the images ("/1.0/images/<fingerprint>").
struct list_image_urls {
    std::optional<std::string> project{};
    std::optional<std::string> filter{};  ///< see `lxd::filter`
    recursion_level<0> recursion{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/1.0/images";
    using responses = cloudimg::responses<on_status<200, std::vector<std::string>>>;
};
BOOST_DESCRIBE_STRUCT(list_image_urls, (), (project, filter, recursion))

/** GET /1.0/images with recursion=1: the images themselves.

    Untrusted clients see public images only. LXD 5.0.2 answers 500 (not 400)
    to a filter it cannot parse, and `eq true`/`eq false` on boolean fields
    never match there.
*/
struct list_images {
    std::optional<std::string> project{};
    std::optional<std::string> filter{};  ///< see `lxd::filter`
    std::optional<bool> all_projects{};   ///< API extension images_all_projects (not in 5.0.x: ignored there)
    recursion_level<1> recursion{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/1.0/images";
    using responses = cloudimg::responses<on_status<200, std::vector<image>>>;
};
BOOST_DESCRIBE_STRUCT(list_images, (), (project, filter, all_projects, recursion))
constexpr auto wire_names(list_images const*)
{
    return std::array{rename{"all_projects", "all-projects"}};
}

/** POST /1.0/images from JSON: copy from a remote, publish an instance or
    snapshot, or download from a URL. The operation's final metadata is
    `image_created`.

    Push mode (`source.mode = push`) answers a token, not an image: it is
    `create_push_token`, and sending it here is refused (`error::invalid_argument`).
*/
struct create_image {
    images_post body;
    std::optional<std::string> project{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/1.0/images";
    using responses = cloudimg::responses<on_status<202, async_operation<image_created>>>;

    result<void> validate() const
    {
        if (body.source && body.source->mode == source_mode::push)
            return make_failure(error::invalid_argument,
                                "POST /1.0/images in push mode answers a token, not an image: send lxd::create_push_token");
        return {};
    }
};
BOOST_DESCRIBE_STRUCT(create_image, (), (body, project))

/// The source of a push-mode `create_push_token`: the image `fingerprint` (all 64 digits) will be uploaded.
inline images_post_source push_source(std::string fingerprint)
{
    return images_post_source{.mode = source_mode::push, .fingerprint = std::move(fingerprint)};
}

/** POST /1.0/images in push mode: a token that lets one upload of the image
    `body.source.fingerprint` in, with the rest of `body` (aliases, properties,
    public, expiry) applied to it.

    The answer is a `token_operation`: the secret is in its metadata at once.
    Upload with `upload_image{.expected_fingerprint = <the fingerprint>,
    .secret = <the secret>}` (the server accepts the secret only with the
    fingerprint the token names) and wait for that upload: it is the import.
    The server then cancels the token, its normal end. A token never used
    runs until it is revoked with `cancel`.

    `body.source` must be `push_source(fingerprint)`: a token without a
    fingerprint is never accepted, so it is refused before it is sent.

    @code
    auto token = c.send(lxd::create_push_token{.body = {.source = lxd::push_source(fp), .aliases = aliases}});
    auto secret = token->metadata();                      // lxd::image_secret, at once
    auto upload = c.send(lxd::upload_image{.body = std::move(body), .expected_fingerprint = fp, .secret = secret->secret});
    auto done = lxd::wait_until_done(c, *upload, std::chrono::minutes(10));  // the import
    @endcode
*/
struct create_push_token {
    images_post body;
    std::optional<std::string> project{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/1.0/images";
    using responses = cloudimg::responses<on_status<202, token_operation<image_secret>>>;

    result<void> validate() const
    {
        if (!body.source || body.source->mode != source_mode::push || body.source->fingerprint.value_or("").empty())
            return make_failure(error::invalid_argument,
                                "a push token needs body.source = lxd::push_source(fingerprint): LXD accepts its secret "
                                "only with the fingerprint it names");
        return {};
    }
};
BOOST_DESCRIBE_STRUCT(create_push_token, (), (body, project))

/** POST /1.0/images with the image itself, streamed: a unified tarball
    (`unified_upload`) or a split image as multipart (`split_upload`).

    Pass it as an rvalue: the body moves into the request. The fingerprint is
    the SHA-256 of the file (unified) or of metadata then rootfs (split); set
    `expected_fingerprint` and the server checks it. A failed import still
    answers 202: the operation then ends in failure.

    LXD 5.0.2 crashes (the whole daemon: a nil-map panic) when `properties`
    come with an image whose metadata.yaml has no `properties:` map; give
    such images at least one property in metadata.yaml, or set properties
    afterwards with `update_image`.

    @code
    auto body = lxd::unified_upload(std::move(*lxd::file_source::open("img.tar.gz")));
    auto op = client.send(lxd::upload_image{.body = std::move(body), .filename = "img.tar.gz"});
    @endcode
*/
struct upload_image {
    stream_body body;
    std::optional<std::string> project{};
    std::optional<std::string> filename{};              ///< X-LXD-filename (unified uploads)
    std::optional<bool> public_{};                      ///< X-LXD-public
    std::optional<form_values> properties{};            ///< X-LXD-properties, override metadata.yaml
    std::optional<std::string> expected_fingerprint{};  ///< X-LXD-fingerprint
    std::optional<std::string> secret{};                ///< X-LXD-secret: a push token's secret (with expected_fingerprint)
    std::optional<form_values> profiles{};              ///< X-LXD-profiles (`profile=a&profile=b`); 5.0.x ignores it

    using provider = lxd::provider;
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/1.0/images";
    static constexpr std::array<std::string_view, 6> header_params{"filename", "public_", "properties",
                                                                   "expected_fingerprint", "secret", "profiles"};
    using responses = cloudimg::responses<on_status<202, async_operation<image_created>>>;
};
BOOST_DESCRIBE_STRUCT(upload_image, (), (body, project, filename, public_, properties, expected_fingerprint, secret, profiles))
constexpr auto wire_names(upload_image const*)
{
    return std::array{rename{"filename", "X-LXD-filename"},       rename{"public_", "X-LXD-public"},
                      rename{"properties", "X-LXD-properties"},   rename{"expected_fingerprint", "X-LXD-fingerprint"},
                      rename{"secret", "X-LXD-secret"},           rename{"profiles", "X-LXD-profiles"}};
}

/// GET /1.0/images/{fingerprint}: the image and its ETag. `secret` lets an untrusted client see a private image.
struct get_image {
    std::string fingerprint;
    std::optional<std::string> project{};
    std::optional<std::string> secret{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/1.0/images/{fingerprint}";
    using responses = cloudimg::responses<on_status<200, tagged<image>>>;
};
BOOST_DESCRIBE_STRUCT(get_image, (), (fingerprint, project, secret))

/// PUT /1.0/images/{fingerprint}: replace the editable fields. `if_match` = the ETag from `get_image`.
struct replace_image {
    std::string fingerprint;
    image_put body;
    std::optional<std::string> project{};
    std::optional<std::string> if_match{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::put;
    static constexpr std::string_view path = "/1.0/images/{fingerprint}";
    static constexpr std::array<std::string_view, 1> header_params{"if_match"};
    using responses = cloudimg::responses<on_status<200, no_content>>;
};
BOOST_DESCRIBE_STRUCT(replace_image, (), (fingerprint, body, project, if_match))
constexpr auto wire_names(replace_image const*)
{
    return std::array{rename{"if_match", "If-Match"}};
}

/// PATCH /1.0/images/{fingerprint}: change some fields; properties merge key by key.
struct update_image {
    std::string fingerprint;
    image_patch body;
    std::optional<std::string> project{};
    std::optional<std::string> if_match{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::patch;
    static constexpr std::string_view path = "/1.0/images/{fingerprint}";
    static constexpr std::array<std::string_view, 1> header_params{"if_match"};
    using responses = cloudimg::responses<on_status<200, no_content>>;
};
BOOST_DESCRIBE_STRUCT(update_image, (), (fingerprint, body, project, if_match))
constexpr auto wire_names(update_image const*)
{
    return std::array{rename{"if_match", "If-Match"}};
}

/// DELETE /1.0/images/{fingerprint}: an operation.
struct delete_image {
    std::string fingerprint;
    std::optional<std::string> project{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::delete_;
    static constexpr std::string_view path = "/1.0/images/{fingerprint}";
    using responses = cloudimg::responses<on_status<202, async_operation<no_metadata>>>;
};
BOOST_DESCRIBE_STRUCT(delete_image, (), (fingerprint, project))

/** GET /1.0/images/{fingerprint}/export: download the image.

    The body is the image (unified: octet-stream) or its two parts (split:
    multipart/form-data). It streams (`client::send(ep, receiver.body_sink())`)
    into an `lxd::export_receiver`, which also checks the fingerprint; the
    typed result is the head.
*/
struct export_image {
    std::string fingerprint;
    std::optional<std::string> project{};
    std::optional<std::string> secret{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/1.0/images/{fingerprint}/export";
    static constexpr bool streamed_response = true;
    using responses = cloudimg::responses<on_status<200, export_head>>;
};
BOOST_DESCRIBE_STRUCT(export_image, (), (fingerprint, project, secret))

/// POST /1.0/images/{fingerprint}/export: the server pushes the image to another server.
struct push_image {
    std::string fingerprint;
    image_export_post body;
    std::optional<std::string> project{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/1.0/images/{fingerprint}/export";
    using responses = cloudimg::responses<on_status<202, async_operation<no_metadata>>>;
};
BOOST_DESCRIBE_STRUCT(push_image, (), (fingerprint, body, project))

/// POST /1.0/images/{fingerprint}/refresh (never GET: the server answers 501 to it).
struct refresh_image {
    std::string fingerprint;
    std::optional<std::string> project{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/1.0/images/{fingerprint}/refresh";
    using responses = cloudimg::responses<on_status<202, async_operation<image_refreshed>>>;
};
BOOST_DESCRIBE_STRUCT(refresh_image, (), (fingerprint, project))

/** POST /1.0/images/{fingerprint}/secret: a single-use secret for an untrusted client.

    The answer is a token operation that stays running until the secret is
    used (then the server cancels it) or revoked with `cancel`; the secret is
    in its metadata at once: `op->metadata()->secret`.
*/
struct create_image_secret {
    std::string fingerprint;
    std::optional<std::string> project{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/1.0/images/{fingerprint}/secret";
    using responses = cloudimg::responses<on_status<202, token_operation<image_secret>>>;
};
BOOST_DESCRIBE_STRUCT(create_image_secret, (), (fingerprint, project))

// ------------------------------------------------------------------ aliases

/// GET /1.0/images/aliases with recursion=0: alias URLs.
struct list_alias_urls {
    std::optional<std::string> project{};
    recursion_level<0> recursion{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/1.0/images/aliases";
    using responses = cloudimg::responses<on_status<200, std::vector<std::string>>>;
};
BOOST_DESCRIBE_STRUCT(list_alias_urls, (), (project, recursion))

/// GET /1.0/images/aliases with recursion=1: the aliases.
struct list_aliases {
    std::optional<std::string> project{};
    recursion_level<1> recursion{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/1.0/images/aliases";
    using responses = cloudimg::responses<on_status<200, std::vector<alias_entry>>>;
};
BOOST_DESCRIBE_STRUCT(list_aliases, (), (project, recursion))

/** POST /1.0/images/aliases; 409 if the name is taken.

    LXD's API description says 200; LXD 5.0.2 answers 201 with the new
    alias's Location. Both are success (`location` is empty after a 200).
*/
struct create_alias {
    alias_create body;
    std::optional<std::string> project{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/1.0/images/aliases";
    using responses = cloudimg::responses<on_status<200, created>, on_status<201, created>>;
};
BOOST_DESCRIBE_STRUCT(create_alias, (), (body, project))

/// GET /1.0/images/aliases/{name}: the alias and its ETag.
struct get_alias {
    std::string name;
    std::optional<std::string> project{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/1.0/images/aliases/{name}";
    using responses = cloudimg::responses<on_status<200, tagged<alias_entry>>>;
};
BOOST_DESCRIBE_STRUCT(get_alias, (), (name, project))

/// PUT /1.0/images/aliases/{name}: replace target and description.
struct replace_alias {
    std::string name;
    alias_put body;
    std::optional<std::string> project{};
    std::optional<std::string> if_match{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::put;
    static constexpr std::string_view path = "/1.0/images/aliases/{name}";
    static constexpr std::array<std::string_view, 1> header_params{"if_match"};
    using responses = cloudimg::responses<on_status<200, no_content>>;
};
BOOST_DESCRIBE_STRUCT(replace_alias, (), (name, body, project, if_match))
constexpr auto wire_names(replace_alias const*)
{
    return std::array{rename{"if_match", "If-Match"}};
}

/** PATCH /1.0/images/aliases/{name}: change target or description.

    LXD 5.0.2 has a bug here: it waits about 20 s and answers 500 although
    the change may have been applied. `replace_alias` does the same job reliably.
*/
struct update_alias {
    std::string name;
    alias_patch body;
    std::optional<std::string> project{};
    std::optional<std::string> if_match{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::patch;
    static constexpr std::string_view path = "/1.0/images/aliases/{name}";
    static constexpr std::array<std::string_view, 1> header_params{"if_match"};
    using responses = cloudimg::responses<on_status<200, no_content>>;
};
BOOST_DESCRIBE_STRUCT(update_alias, (), (name, body, project, if_match))
constexpr auto wire_names(update_alias const*)
{
    return std::array{rename{"if_match", "If-Match"}};
}

/** POST /1.0/images/aliases/{name}: rename; 409 if the new name is taken.

    Documented as 200, answered 201 with the new Location by LXD 5.0.2: both are success, as for `create_alias`.
*/
struct rename_alias {
    std::string name;
    alias_rename body;
    std::optional<std::string> project{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/1.0/images/aliases/{name}";
    using responses = cloudimg::responses<on_status<200, created>, on_status<201, created>>;
};
BOOST_DESCRIBE_STRUCT(rename_alias, (), (name, body, project))

/// DELETE /1.0/images/aliases/{name}: synchronous.
struct delete_alias {
    std::string name;
    std::optional<std::string> project{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::delete_;
    static constexpr std::string_view path = "/1.0/images/aliases/{name}";
    using responses = cloudimg::responses<on_status<200, no_content>>;
};
BOOST_DESCRIBE_STRUCT(delete_alias, (), (name, project))

// ------------------------------------------------------------------ server and operations

/// GET /1.0: API version, extensions, and whether this client is trusted.
struct get_server {
    using provider = lxd::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/1.0";
    using responses = cloudimg::responses<on_status<200, server_info>>;
};
BOOST_DESCRIBE_STRUCT(get_server, (), ())

/// Operations by their status in lower case ("running", "success", "failure", "cancelled", ...).
template <class T>
using by_status = std::map<std::string, std::vector<T>>;

/** GET /1.0/operations with recursion=0: the URLs of the operations
    ("/1.0/operations/<id>"), by status: `urls["running"]`.

    `project` narrows to one project's operations; `all_projects` (API
    extension operations_get_query_all_projects, not in 5.0.x) lists every
    project's. An operation the server has finished is kept a few seconds only.
*/
struct list_operation_urls {
    std::optional<std::string> project{};
    std::optional<bool> all_projects{};
    recursion_level<0> recursion{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/1.0/operations";
    using responses = cloudimg::responses<on_status<200, by_status<std::string>>>;
};
BOOST_DESCRIBE_STRUCT(list_operation_urls, (), (project, all_projects, recursion))
constexpr auto wire_names(list_operation_urls const*)
{
    return std::array{rename{"all_projects", "all-projects"}};
}

/** GET /1.0/operations with recursion=1: the operations themselves, by status.

    How a program that restarted finds the work still going, e.g. the image
    imports still running:

    @code
    auto ops = c.send(lxd::list_operations{});
    for (auto const& op : (*ops)["running"])
        if (op.resources && op.resources->contains("images")) resume(op.id);   // lxd::wait_operation<...>{op.id}
    @endcode

    LXD's API description says a list; LXD 5.0.2 answers an object of lists
    by status, as for recursion=0.
*/
struct list_operations {
    std::optional<std::string> project{};
    std::optional<bool> all_projects{};
    recursion_level<1> recursion{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/1.0/operations";
    using responses = cloudimg::responses<on_status<200, by_status<operation>>>;
};
BOOST_DESCRIBE_STRUCT(list_operations, (), (project, all_projects, recursion))
constexpr auto wire_names(list_operations const*)
{
    return std::array{rename{"all_projects", "all-projects"}};
}

/** GET /1.0/operations/{id}: where an operation stands; `Metadata` is its final metadata's shape.

    A failed or cancelled operation comes back as a failure with its message.
*/
template <class Metadata = no_metadata>
struct get_operation {
    std::string id;

    using provider = lxd::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/1.0/operations/{id}";
    using responses = cloudimg::responses<on_status<200, operation_status<Metadata>>>;
    BOOST_DESCRIBE_CLASS(get_operation, (), (id), (), ())
};

/** GET /1.0/operations/{id}/wait?timeout=N: block until the operation is
    final or `timeout` seconds pass (-1: no limit), then as `get_operation`. */
template <class Metadata = no_metadata>
struct wait_operation {
    std::string id;
    std::optional<int> timeout{};

    using provider = lxd::provider;
    static constexpr http_method method = http_method::get;
    static constexpr std::string_view path = "/1.0/operations/{id}/wait";
    using responses = cloudimg::responses<on_status<200, operation_status<Metadata>>>;
    BOOST_DESCRIBE_CLASS(wait_operation, (), (id, timeout), (), ())
};

/// DELETE /1.0/operations/{id}: cancel (if `may_cancel`); also how an unused image secret is revoked.
struct cancel_operation {
    std::string id;

    using provider = lxd::provider;
    static constexpr http_method method = http_method::delete_;
    static constexpr std::string_view path = "/1.0/operations/{id}";
    using responses = cloudimg::responses<on_status<200, no_content>>;
};
BOOST_DESCRIBE_STRUCT(cancel_operation, (), (id))

/// Every LXD endpoint, for the catalog and the conformance tests.
using endpoints =
    boost::mp11::mp_list<list_image_urls, list_images, create_image, create_push_token, upload_image, get_image,
                         replace_image, update_image, delete_image, export_image, push_image, refresh_image,
                         create_image_secret, list_alias_urls, list_aliases, create_alias, get_alias, replace_alias,
                         update_alias, rename_alias, delete_alias, get_server, list_operation_urls, list_operations,
                         get_operation<>, wait_operation<>, cancel_operation>;

} // namespace cloudimg::lxd

#endif
