// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_LXD_MODELS_HPP
#define CLOUDIMG_LXD_MODELS_HPP

// LXD images API: the wire types, complete per LXD 5.0.2's REST spec
// (doc/rest-api.yaml at lxd-5.0.2) and its Go structs (shared/api).
//
// LXD's Go structs have no required fields on input and serialise every
// field on output (nil slices and maps as null). So responses decode
// strictly for what 5.0.x always sends, accepting null for every array and
// object; request bodies use std::optional so that an absent field stays
// absent (LXD treats a missing `profiles` on PUT as ["default"]). Fields
// newer LXD releases add are optional here and simply absent from 5.0.x.

#include <cloudimg/detail/decimal.hpp>
#include <cloudimg/error.hpp>
#include <cloudimg/json/raw_value.hpp>
#include <cloudimg/open_enum.hpp>
#include <cloudimg/timestamp.hpp>
#include <cloudimg/wire_name.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudimg::lxd {

/// Free-form string maps (image properties); null on the wire decodes as empty.
using string_map = std::map<std::string, std::string>;

// ------------------------------------------------------------------ enums

/// `Image.type` and alias `type`.
enum class image_type { container, virtual_machine };
BOOST_DESCRIBE_ENUM(image_type, container, virtual_machine)
constexpr auto wire_names(image_type const*)
{
    return std::array{rename{"virtual_machine", "virtual-machine"}};
}

/// `ImageSource.protocol`: how an auto-updating image is refreshed.
enum class image_protocol { lxd, simplestreams };
BOOST_DESCRIBE_ENUM(image_protocol, lxd, simplestreams)

/// `ImagesPostSource.type`: where a new image comes from.
enum class source_type { image, instance, container, virtual_machine, snapshot, url };
BOOST_DESCRIBE_ENUM(source_type, image, instance, container, virtual_machine, snapshot, url)
constexpr auto wire_names(source_type const*)
{
    return std::array{rename{"virtual_machine", "virtual-machine"}};
}

/// `ImagesPostSource.mode`: pull (the server fetches) or push (a second server sends it).
enum class source_mode { pull, push };
BOOST_DESCRIBE_ENUM(source_mode, pull, push)

/// `Operation.class`.
enum class operation_class { task, token, websocket };
BOOST_DESCRIBE_ENUM(operation_class, task, token, websocket)

// ------------------------------------------------------------------ images

/// `ImageAlias`: an alias as listed inside an image or a request.
struct image_alias {
    std::string name;
    std::optional<std::string> description{};
};
BOOST_DESCRIBE_STRUCT(image_alias, (), (name, description))

/// `ImageSource`: where an image came from and is refreshed from (`update_source`).
struct image_source {
    std::string alias;
    std::string certificate;                    ///< PEM of the source server, may be empty
    open_enum<image_protocol> protocol;
    std::string server;
    std::optional<std::string> image_type{};    ///< "container", "virtual-machine" or empty
    std::optional<std::string> image_registry{};  ///< newer LXD
};
BOOST_DESCRIBE_STRUCT(image_source, (), (alias, certificate, protocol, server, image_type, image_registry))

/** `Image`: one image as GET /1.0/images/{fingerprint} or recursion=1 lists return it.

    Times are Go `time.Time`: `0001-01-01T00:00:00Z` means never (`last_used_at`)
    and images without expiry often say `1970-01-01T00:00:00Z`.
*/
struct image {
    std::optional<std::vector<image_alias>> aliases;  ///< null when none
    std::string architecture;
    bool auto_update;
    bool cached;
    timestamp created_at;
    timestamp expires_at;
    std::string filename;
    std::string fingerprint;
    timestamp last_used_at;
    std::optional<std::vector<std::string>> profiles;
    std::optional<string_map> properties;
    bool public_;
    std::int64_t size;  ///< bytes; int64 in the spec (Go)
    open_enum<image_type> type;
    std::optional<image_source> update_source{};  ///< only for images that auto-update
    timestamp uploaded_at;
    std::optional<std::string> project{};               ///< newer LXD, with all-projects
    std::optional<std::string> release_codename{};      ///< newer LXD
    std::optional<std::string> release_title{};         ///< newer LXD
    std::optional<std::vector<std::string>> access_entitlements{};  ///< newer LXD
};
BOOST_DESCRIBE_STRUCT(image, (),
                      (aliases, architecture, auto_update, cached, created_at, expires_at, filename, fingerprint,
                       last_used_at, profiles, properties, public_, size, type, update_source, uploaded_at, project,
                       release_codename, release_title, access_entitlements))

/** `ImagePut`: PUT /1.0/images/{fingerprint} replaces these.

    An absent `profiles` resets them to ["default"]; `expires_at` applies only when set.
*/
struct image_put {
    std::optional<bool> auto_update{};
    std::optional<string_map> properties{};
    std::optional<bool> public_{};
    std::optional<timestamp> expires_at{};
    std::optional<std::vector<std::string>> profiles{};
};
BOOST_DESCRIBE_STRUCT(image_put, (), (auto_update, properties, public_, expires_at, profiles))

/** PATCH /1.0/images/{fingerprint}: the fields to change.

    LXD 5.0.x honours `auto_update`, `public` and `properties` (merged key by
    key); it ignores `expires_at` and `profiles`, so they are not offered here.
*/
struct image_patch {
    std::optional<bool> auto_update{};
    std::optional<string_map> properties{};
    std::optional<bool> public_{};
};
BOOST_DESCRIBE_STRUCT(image_patch, (), (auto_update, properties, public_))

/** `ImagesPostSource`: what to make the image from (JSON form of POST /1.0/images).

    - `image`: copy from another server (`server`, `protocol`, `alias` or `fingerprint`,
      `certificate`, `secret`);
    - `instance`, `container`, `virtual-machine`, `snapshot`: publish (`name` is "c1" or "c1/snap0");
    - `url`: download from a web server that answers with LXD-Image-Hash / LXD-Image-URL;
    - `mode = push`: answer with a token; the image is then uploaded with `X-LXD-secret`.
*/
struct images_post_source {
    std::optional<source_type> type{};
    std::optional<source_mode> mode{};
    std::optional<std::string> server{};
    std::optional<image_protocol> protocol{};
    std::optional<std::string> alias{};
    std::optional<std::string> fingerprint{};
    std::optional<std::string> certificate{};
    std::optional<std::string> secret{};
    std::optional<std::string> image_type{};
    std::optional<std::string> name{};
    std::optional<std::string> url{};
    std::optional<std::string> project{};  ///< source project (image_source_project)
};
BOOST_DESCRIBE_STRUCT(images_post_source, (),
                      (type, mode, server, protocol, alias, fingerprint, certificate, secret, image_type, name, url,
                       project))

/// `ImagesPost`: the JSON body of POST /1.0/images (uploads send the image itself instead).
struct images_post {
    std::optional<images_post_source> source{};
    std::optional<std::string> filename{};
    std::optional<std::string> compression_algorithm{};  ///< "gzip", "xz", "none", ...
    std::optional<std::vector<image_alias>> aliases{};
    std::optional<bool> auto_update{};
    std::optional<string_map> properties{};
    std::optional<bool> public_{};
    std::optional<timestamp> expires_at{};
    std::optional<std::vector<std::string>> profiles{};
};
BOOST_DESCRIBE_STRUCT(images_post, (),
                      (source, filename, compression_algorithm, aliases, auto_update, properties, public_, expires_at,
                       profiles))

/// `ImageExportPost`: POST /1.0/images/{fingerprint}/export pushes the image to another server.
struct image_export_post {
    std::string target;                           ///< "https://1.2.3.4:8443"
    std::optional<std::string> secret{};          ///< from a push token on the target
    std::optional<std::string> certificate{};     ///< PEM of the target
    std::optional<std::vector<image_alias>> aliases{};
    std::optional<std::string> project{};         ///< target project
    std::optional<std::vector<std::string>> profiles{};
};
BOOST_DESCRIBE_STRUCT(image_export_post, (), (target, secret, certificate, aliases, project, profiles))

// ------------------------------------------------------------------ aliases

/// `ImageAliasesEntry`: GET /1.0/images/aliases/{name} and recursion=1 lists.
struct alias_entry {
    std::string name;
    std::string description;
    std::string target;  ///< the image's fingerprint
    open_enum<image_type> type;
    std::optional<std::vector<std::string>> access_entitlements{};  ///< newer LXD
};
BOOST_DESCRIBE_STRUCT(alias_entry, (), (name, description, target, type, access_entitlements))

/// `ImageAliasesPost`: POST /1.0/images/aliases. `name` and `target` are required by the server.
struct alias_create {
    std::string name;
    std::string target;
    std::optional<std::string> description{};
    std::optional<image_type> type{};
};
BOOST_DESCRIBE_STRUCT(alias_create, (), (name, target, description, type))

/// `ImageAliasesEntryPut`: PUT /1.0/images/aliases/{name}; the server requires `target`.
struct alias_put {
    std::string target;
    std::optional<std::string> description{};
};
BOOST_DESCRIBE_STRUCT(alias_put, (), (target, description))

/// PATCH /1.0/images/aliases/{name}: the fields to change.
struct alias_patch {
    std::optional<std::string> target{};
    std::optional<std::string> description{};
};
BOOST_DESCRIBE_STRUCT(alias_patch, (), (target, description))

/// `ImageAliasesEntryPost`: POST /1.0/images/aliases/{name} renames.
struct alias_rename {
    std::string name;
};
BOOST_DESCRIBE_STRUCT(alias_rename, (), (name))

// ------------------------------------------------------------------ operations

/** `Operation`: background work (POST /1.0/images, DELETE, refresh, secret, ...).

    `metadata` is free-form and changes while the operation runs (progress,
    then the result), so it is kept as JSON text; the endpoints' typed
    results decode it once it is final (see `operation_status`).
*/
struct operation {
    std::string id;
    open_enum<operation_class> class_;
    std::string description;
    timestamp created_at;
    timestamp updated_at;
    std::string status;        ///< "Running", "Success", "Failure", ...
    int status_code;           ///< 1xx running, 200 success, 400 failure, 401 cancelled
    std::optional<std::map<std::string, std::vector<std::string>>> resources;  ///< null when none
    json::raw_value metadata;  ///< null or an object
    bool may_cancel;
    std::string err;           ///< why it failed
    std::string location;      ///< cluster member; "none" or "" when standalone
    std::optional<int> err_code{};  ///< newer LXD

    /// Final: done one way or the other (status code 200 or above).
    bool is_final() const noexcept { return status_code >= 200; }
    bool succeeded() const noexcept { return status_code == 200; }
};
BOOST_DESCRIBE_STRUCT(operation, (),
                      (id, class_, description, created_at, updated_at, status, status_code, resources, metadata,
                       may_cancel, err, location, err_code))

/// Final metadata of operations that leave nothing behind (delete, push).
struct no_metadata {
    friend bool operator==(no_metadata, no_metadata) noexcept = default;
};
BOOST_DESCRIBE_STRUCT(no_metadata, (), ())

/** The size LXD reports as a decimal string (`"size": "1234"`): read as a number,
    written back as a string. A JSON integer is read too, in case a newer
    server sends one (json/custom_scalar.hpp: the string form wins on output).

    @code
    auto d = json::decode<lxd::decimal_size>(R"("285")");  // d->bytes == 285
    json::encode(lxd::decimal_size{285});                   // "\"285\""
    @endcode
*/
struct decimal_size {
    std::uint64_t bytes = 0;
    friend bool operator==(decimal_size, decimal_size) noexcept = default;

    /// Digits only, no sign or spaces, within 64 bits; anything else is `error::invalid_value`.
    friend result<void> from_json_string(std::string_view text, decimal_size& out)
    {
        auto const n = cloudimg::detail::parse_uint64(text);
        if (!n)
            return make_failure(error::invalid_value, "not a decimal size: \"" + std::string(text.substr(0, 32)) + '"');
        out.bytes = *n;
        return {};
    }
    friend std::string to_json_string(decimal_size v) { return std::to_string(v.bytes); }
    /// A number means the same; a negative one does not fit (`error::out_of_range`).
    friend result<void> from_json_integer(std::uint64_t n, decimal_size& out) noexcept
    {
        out.bytes = n;
        return {};
    }
    friend std::uint64_t to_json_integer(decimal_size v) noexcept { return v.bytes; }
};

/// Final metadata of POST /1.0/images: the new image's fingerprint and size.
struct image_created {
    std::string fingerprint;
    decimal_size size;
};
BOOST_DESCRIBE_STRUCT(image_created, (), (fingerprint, size))

/// Metadata of POST /1.0/images/{fingerprint}/secret (and of push-mode tokens): available at once.
struct image_secret {
    std::string secret;
};
BOOST_DESCRIBE_STRUCT(image_secret, (), (secret))

/// Final metadata of POST /1.0/images/{fingerprint}/refresh.
struct image_refreshed {
    bool refreshed;
};
BOOST_DESCRIBE_STRUCT(image_refreshed, (), (refreshed))

// ------------------------------------------------------------------ server

/// `ServerStorageDriverInfo`: Go field names on the wire.
struct storage_driver_info {
    std::string name;
    std::string version;
    bool remote;
};
BOOST_DESCRIBE_STRUCT(storage_driver_info, (), (name, version, remote))
constexpr auto wire_names(storage_driver_info const*)
{
    return std::array{rename{"name", "Name"}, rename{"version", "Version"}, rename{"remote", "Remote"}};
}

/// `ServerEnvironment`: only for trusted clients.
struct server_environment {
    std::optional<std::vector<std::string>> addresses{};
    std::optional<std::vector<std::string>> architectures{};
    std::optional<std::string> certificate{};
    std::optional<std::string> certificate_fingerprint{};
    std::optional<std::string> driver{};
    std::optional<std::string> driver_version{};
    std::optional<std::string> firewall{};
    std::optional<std::string> kernel{};
    std::optional<std::string> kernel_architecture{};
    std::optional<string_map> kernel_features{};
    std::optional<std::string> kernel_version{};
    std::optional<string_map> lxc_features{};
    std::optional<std::string> os_name{};
    std::optional<std::string> os_version{};
    std::optional<std::string> project{};
    std::optional<std::string> server{};
    std::optional<bool> server_clustered{};
    std::optional<std::string> server_event_mode{};
    std::optional<std::string> server_name{};
    std::optional<std::int64_t> server_pid{};
    std::optional<std::string> server_version{};
    std::optional<std::string> storage{};
    std::optional<std::vector<storage_driver_info>> storage_supported_drivers{};
    std::optional<std::string> storage_version{};
};
BOOST_DESCRIBE_STRUCT(server_environment, (),
                      (addresses, architectures, certificate, certificate_fingerprint, driver, driver_version,
                       firewall, kernel, kernel_architecture, kernel_features, kernel_version, lxc_features, os_name,
                       os_version, project, server, server_clustered, server_event_mode, server_name, server_pid,
                       server_version, storage, storage_supported_drivers, storage_version))

/** `Server` (GET /1.0): API version, extensions for feature detection, and
    whether this client is trusted. Untrusted clients get no `config` or `environment`. */
struct server_info {
    std::vector<std::string> api_extensions;
    std::string api_status;
    std::string api_version;
    std::string auth;  ///< "trusted" or "untrusted"
    std::optional<std::vector<std::string>> auth_methods{};
    bool public_;
    std::optional<std::map<std::string, json::raw_value>> config{};  ///< server config, values of any type
    std::optional<server_environment> environment{};

    bool trusted() const noexcept { return auth == "trusted"; }
    /// True when the server advertises API extension `name` ("images_all_projects", ...).
    bool has_extension(std::string_view name) const noexcept
    {
        for (auto const& e : api_extensions)
            if (e == name)
                return true;
        return false;
    }
};
BOOST_DESCRIBE_STRUCT(server_info, (),
                      (api_extensions, api_status, api_version, auth, auth_methods, public_, config, environment))

// ------------------------------------------------------------------ envelope

/** The error envelope (`type: "error"`): LXD's answer to every failed call.

    `error_code` repeats the HTTP status; `status` and `status_code` are empty
    and 0 there, `metadata` null.
*/
struct error_envelope {
    std::string type;
    std::string error;
    int error_code = 0;
};
BOOST_DESCRIBE_STRUCT(error_envelope, (), (type, error, error_code))

} // namespace cloudimg::lxd

#endif
