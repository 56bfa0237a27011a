// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// LXD's envelope, unwrapped by lxd::provider, on answers of a real LXD 5.0.2
// daemon (tests/data/lxd/responses, captured with capture.sh there): sync
// objects with their ETag, sync lists both ways, 201 with Location, 202 with
// the operation, operations that succeed, fail, are cancelled or still run,
// error envelopes; then the same answers damaged, which must fail with the
// JSON path of the damage. Also the waiting helpers of lxd/operations.hpp,
// driven through the client by a script of those answers.

// The header under test comes first: it must be self-contained.
#include <cloudimg/lxd/provider.hpp>

#include "captured_response.hpp"
#include "string_source.hpp"

#include <cloudimg/client.hpp>
#include <cloudimg/lxd.hpp>
#include <cloudimg/response.hpp>
#include <cloudimg/testing/scripted_transport.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <filesystem>
#include <string>
#include <vector>

namespace lxd = cloudimg::lxd;
namespace bj = boost::json;
using cloudimg::error;

namespace {

std::filesystem::path const dir = std::filesystem::path(CLOUDIMG_TEST_DATA_DIR) / "lxd" / "responses";

std::string const fp = "2784410ecbf2c1424f4a5d90086251aa4a4375bed69abe17e66d7dd33a306c65";

cloudimg::response captured_response(std::string const& name)
{
    return captured::read(dir / (name + ".http"));
}

/// The captured body as a DOM, to damage.
bj::object body_of(std::string const& name)
{
    return bj::parse(captured_response(name).body).as_object();
}

/// A response with the status and headers of capture `name` and another body.
cloudimg::response with_body(std::string const& name, std::string body)
{
    auto r = captured_response(name);
    r.body = std::move(body);
    return r;
}

template <class E>
auto parse(cloudimg::response const& r)
{
    return cloudimg::parse_response<E>(r);
}

// ---------------------------------------------------------------- sync objects and lists

TEST(lxd_provider, a_single_image_comes_with_its_etag)
{
    auto const r = captured_response("image");
    auto img = parse<lxd::get_image>(r);
    ASSERT_TRUE(img) << img.error().what();
    // "Etag" on the wire; quotes are part of the tag and go back as they came
    EXPECT_EQ(img->etag, *r.headers.find("ETag"));
    EXPECT_EQ(img->etag.front(), '"');
    EXPECT_EQ(img->etag.size(), 66u);
    lxd::image const& i = img->value;
    EXPECT_EQ(i.fingerprint, fp);
    EXPECT_EQ(i.filename, "capture.tar.gz");
    EXPECT_EQ(i.architecture, "x86_64");
    EXPECT_EQ(i.size, 285);
    EXPECT_EQ(i.type, lxd::image_type::container);
    EXPECT_FALSE(i.public_);
    EXPECT_FALSE(i.cached);
    EXPECT_FALSE(i.update_source);  // only images that auto-update have one
    ASSERT_TRUE(i.aliases);
    ASSERT_EQ(i.aliases->size(), 1u);
    EXPECT_EQ(i.aliases->front().name, "renamed");
    EXPECT_EQ(i.aliases->front().description, "first");
    EXPECT_EQ(i.profiles, (std::vector<std::string>{"default"}));
    ASSERT_TRUE(i.properties);
    // metadata.yaml's properties plus the X-LXD-properties header of the upload, decoded by LXD
    EXPECT_EQ(*i.properties, (lxd::string_map{{"description", "cloudimg capture image"}, {"note", "a&b=c d"}, {"os", "cloudimg"}, {"release", "1"}}));
    EXPECT_EQ(cloudimg::to_string(i.created_at), "2023-11-14T22:13:20Z");  // creation_date: 1700000000
    EXPECT_EQ(cloudimg::to_string(i.last_used_at), "0001-01-01T00:00:00Z");  // Go's zero time: never
    EXPECT_EQ(cloudimg::to_string(i.expires_at), "1970-01-01T00:00:00Z");
    EXPECT_GT(i.uploaded_at.seconds, i.created_at.seconds);
    EXPECT_FALSE(i.project);  // newer LXD only
}

TEST(lxd_provider, a_single_alias_comes_with_its_etag)
{
    auto alias = parse<lxd::get_alias>(captured_response("alias"));
    ASSERT_TRUE(alias) << alias.error().what();
    EXPECT_EQ(alias->etag.size(), 66u);
    EXPECT_EQ(alias->value.name, "team/web server");
    EXPECT_EQ(alias->value.target, fp);
    EXPECT_EQ(alias->value.description, "first");
    EXPECT_EQ(alias->value.type, lxd::image_type::container);
}

TEST(lxd_provider, without_an_etag_header_the_tag_is_empty)
{
    auto r = captured_response("image");
    r.headers.erase("ETag");
    auto img = parse<lxd::get_image>(r);
    ASSERT_TRUE(img) << img.error().what();
    EXPECT_TRUE(img->etag.empty());
}

TEST(lxd_provider, lists_come_as_urls_or_objects)
{
    auto urls = parse<lxd::list_image_urls>(captured_response("images_recursion0"));
    ASSERT_TRUE(urls) << urls.error().what();
    EXPECT_EQ(*urls, (std::vector<std::string>{"/1.0/images/" + fp}));
    auto images = parse<lxd::list_images>(captured_response("images_recursion1"));
    ASSERT_TRUE(images) << images.error().what();
    ASSERT_EQ(images->size(), 1u);
    EXPECT_EQ(images->front().fingerprint, fp);

    auto alias_urls = parse<lxd::list_alias_urls>(captured_response("aliases_recursion0"));
    ASSERT_TRUE(alias_urls) << alias_urls.error().what();
    // LXD 5.0.2 escapes the name twice in alias URLs
    EXPECT_EQ(*alias_urls, (std::vector<std::string>{"/1.0/images/aliases/team%252Fweb%2520server"}));
    auto aliases = parse<lxd::list_aliases>(captured_response("aliases_recursion1"));
    ASSERT_TRUE(aliases) << aliases.error().what();
    ASSERT_EQ(aliases->size(), 1u);
    EXPECT_EQ(aliases->front().name, "team/web server");
    auto none = parse<lxd::list_aliases>(captured_response("aliases_recursion1_empty"));
    ASSERT_TRUE(none) << none.error().what();
    EXPECT_TRUE(none->empty());
}

TEST(lxd_provider, a_list_of_the_other_shape_is_a_decode_error)
{
    // URLs where objects were asked for, and the other way round
    auto objects = parse<lxd::list_images>(captured_response("images_recursion0"));
    ASSERT_FALSE(objects);
    EXPECT_EQ(objects.error().code, error::type_mismatch);
    EXPECT_EQ(objects.error().path, "metadata[0]");
    auto urls = parse<lxd::list_image_urls>(captured_response("images_recursion1"));
    ASSERT_FALSE(urls);
    EXPECT_EQ(urls.error().code, error::type_mismatch);
    EXPECT_EQ(urls.error().path, "metadata[0]");
}

TEST(lxd_provider, the_server_describes_itself)
{
    auto s = parse<lxd::get_server>(captured_response("server"));
    ASSERT_TRUE(s) << s.error().what();
    EXPECT_EQ(s->api_version, "1.0");
    EXPECT_EQ(s->api_status, "stable");
    EXPECT_TRUE(s->trusted());
    EXPECT_FALSE(s->public_);
    EXPECT_TRUE(s->has_extension("etag"));
    EXPECT_TRUE(s->has_extension("image_compression_algorithm"));
    EXPECT_FALSE(s->has_extension("images_all_projects"));  // newer than 5.0.2: all_projects is ignored there
    EXPECT_FALSE(s->has_extension("etag "));
    ASSERT_TRUE(s->config);
    EXPECT_TRUE(s->config->empty());
    ASSERT_TRUE(s->environment);
    EXPECT_EQ(s->environment->server_version, "5.0.2");
    EXPECT_EQ(s->environment->server, "lxd");
    EXPECT_EQ(s->environment->kernel_architecture, "x86_64");
    ASSERT_TRUE(s->environment->storage_supported_drivers);
    EXPECT_FALSE(s->environment->storage_supported_drivers->empty());
    EXPECT_FALSE(s->environment->storage_supported_drivers->front().name.empty());  // "Name" on the wire
}

TEST(lxd_provider, empty_sync_answers_carry_nothing)
{
    // LXD sends `"metadata": {}` for some and null for others; neither is decoded
    EXPECT_TRUE(parse<lxd::replace_image>(captured_response("image_replaced")));
    EXPECT_TRUE(parse<lxd::delete_alias>(captured_response("alias_deleted")));
    EXPECT_TRUE(parse<lxd::cancel_operation>(captured_response("operation_cancel")));
}

// ---------------------------------------------------------------- 201 and 202

TEST(lxd_provider, alias_create_and_rename_answer_201_with_the_location_or_200_as_documented)
{
    auto made = parse<lxd::create_alias>(captured_response("alias_created"));
    ASSERT_TRUE(made) << made.error().what();
    EXPECT_EQ(made->location, "/1.0/images/aliases/team%252Fweb%2520server");
    auto renamed = parse<lxd::rename_alias>(captured_response("alias_renamed"));
    ASSERT_TRUE(renamed) << renamed.error().what();
    EXPECT_EQ(renamed->location, "/1.0/images/aliases/renamed");
    // 200, as LXD's spec documents it (an EmptySyncResponse, no Location), is success too
    for (char const* capture : {"alias_created", "alias_renamed"}) {
        auto r = captured_response(capture);
        r.status = 200;
        r.headers.erase("Location");
        auto as_200 = parse<lxd::create_alias>(r);
        ASSERT_TRUE(as_200) << as_200.error().what();
        EXPECT_EQ(as_200->location, "");
        auto renamed_200 = parse<lxd::rename_alias>(r);
        ASSERT_TRUE(renamed_200) << renamed_200.error().what();
    }
    // another success status is still unexpected
    auto r = captured_response("alias_created");
    r.status = 204;
    auto as_204 = parse<lxd::create_alias>(r);
    ASSERT_FALSE(as_204);
    EXPECT_EQ(as_204.error().code, error::unexpected_status);
}

TEST(lxd_provider, a_started_operation_comes_with_its_location)
{
    auto const r = captured_response("upload_accepted");
    auto started = parse<lxd::upload_image>(r);
    ASSERT_TRUE(started) << started.error().what();
    EXPECT_EQ(started->location, *r.headers.find("Location"));
    EXPECT_EQ(started->location, "/1.0/operations/" + started->op.id);
    EXPECT_EQ(started->op.class_, lxd::operation_class::task);
    EXPECT_EQ(started->op.description, "Downloading image");
    EXPECT_EQ(started->op.status, "Running");
    EXPECT_EQ(started->op.status_code, 103);
    EXPECT_FALSE(started->op.is_final());
    EXPECT_FALSE(started->op.may_cancel);
    EXPECT_EQ(started->op.location, "none");
    EXPECT_FALSE(started->op.resources);  // null
    EXPECT_TRUE(started->op.metadata.is_null());
    // the final metadata is not there yet: asking for it is a decode error, not a default value
    auto m = started->metadata();
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().code, error::type_mismatch);

    auto deleting = parse<lxd::delete_image>(captured_response("delete_accepted"));
    ASSERT_TRUE(deleting) << deleting.error().what();
    ASSERT_TRUE(deleting->op.resources);
    EXPECT_EQ(deleting->op.resources->at("images"), (std::vector<std::string>{"/1.0/images/" + fp}));
}

TEST(lxd_provider, a_secret_is_in_the_token_operation_at_once)
{
    auto token = parse<lxd::create_image_secret>(captured_response("secret_accepted"));
    ASSERT_TRUE(token) << token.error().what();
    EXPECT_EQ(token->op.class_, lxd::operation_class::token);
    EXPECT_TRUE(token->op.may_cancel);
    auto secret = token->metadata();
    ASSERT_TRUE(secret) << secret.error().what();
    EXPECT_EQ(secret->secret.size(), 64u);
    EXPECT_EQ(secret->secret, bj::value_to<std::string>(body_of("secret_accepted").at("metadata").at("metadata").at("secret")));
    // and cancelling it is the request for its id
    auto const cancel = lxd::cancel(*token);
    EXPECT_EQ(cancel.id, token->op.id);
}

// ---------------------------------------------------------------- operations

TEST(lxd_provider, a_finished_upload_gives_fingerprint_and_size)
{
    auto done = parse<lxd::wait_operation<lxd::image_created>>(captured_response("upload_succeeded"));
    ASSERT_TRUE(done) << done.error().what();
    ASSERT_TRUE(done->done());
    EXPECT_EQ(done->op.status_code, 200);
    EXPECT_TRUE(done->op.succeeded());
    EXPECT_EQ(done->result->fingerprint, fp);
    EXPECT_EQ(done->result->size.bytes, 285u);  // "size": "285", a string on the wire
    EXPECT_FALSE(lxd::next_wait(*done, std::chrono::seconds(5)));
}

TEST(lxd_provider, a_running_operation_has_no_result_yet)
{
    auto running = parse<lxd::get_operation<lxd::image_secret>>(captured_response("secret_running"));
    ASSERT_TRUE(running) << running.error().what();
    EXPECT_FALSE(running->done());
    EXPECT_FALSE(running->result);
    EXPECT_EQ(running->op.status_code, 103);
    auto next = lxd::next_wait(*running, std::chrono::seconds(7));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->id, running->op.id);
    EXPECT_EQ(next->timeout, 7);
}

TEST(lxd_provider, a_failed_operation_is_an_action_failure_with_its_message)
{
    auto failed = parse<lxd::wait_operation<lxd::image_created>>(captured_response("upload_failed"));
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, error::action_failed);
    EXPECT_EQ(failed.error().provider_code, "operation_failed");
    std::string const id(bj::value_to<std::string>(body_of("upload_failed").at("metadata").at("id")));
    EXPECT_EQ(failed.error().message, "LXD operation " + id + " failed: Unsupported compression");
    EXPECT_EQ(failed.error().http_status, 200);  // the poll itself succeeded

    auto refresh = parse<lxd::wait_operation<lxd::image_refreshed>>(captured_response("refresh_done"));
    ASSERT_FALSE(refresh);
    EXPECT_EQ(refresh.error().code, error::action_failed);
    EXPECT_NE(refresh.error().message.find("Image source not found"), std::string::npos) << refresh.error().message;
}

TEST(lxd_provider, a_cancelled_operation_says_so)
{
    auto cancelled = parse<lxd::get_operation<lxd::image_secret>>(captured_response("secret_cancelled"));
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().code, error::action_failed);
    EXPECT_EQ(cancelled.error().provider_code, "operation_cancelled");
    EXPECT_NE(cancelled.error().message.find("was cancelled"), std::string::npos);
}

TEST(lxd_provider, an_operation_without_final_metadata_is_done_with_none)
{
    auto done = parse<lxd::wait_operation<>>(captured_response("delete_done"));
    ASSERT_TRUE(done) << done.error().what();
    ASSERT_TRUE(done->done());
    EXPECT_EQ(*done->result, lxd::no_metadata{});
}

TEST(lxd_provider, final_metadata_of_the_wrong_shape_is_a_decode_error_with_its_path)
{
    auto body = body_of("upload_succeeded");
    body["metadata"].as_object()["metadata"] = bj::object{{"fingerprint", 7}, {"size", "285"}};
    auto r = parse<lxd::wait_operation<lxd::image_created>>(with_body("upload_succeeded", bj::serialize(body)));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::type_mismatch);
    EXPECT_EQ(r.error().path, "fingerprint");
    EXPECT_NE(r.error().message.find("metadata of LXD operation"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().raw_body, R"({"fingerprint":7,"size":"285"})");  // the metadata, for diagnosis

    body["metadata"].as_object()["metadata"] = nullptr;  // success without the promised result
    auto empty = parse<lxd::wait_operation<lxd::image_created>>(with_body("upload_succeeded", bj::serialize(body)));
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, error::type_mismatch);
}

TEST(lxd_provider, the_size_must_be_a_decimal_count_of_bytes)
{
    auto body = body_of("upload_succeeded");
    auto with_size = [&](bj::value size) {
        body["metadata"].as_object()["metadata"].as_object()["size"] = std::move(size);
        return parse<lxd::wait_operation<lxd::image_created>>(with_body("upload_succeeded", bj::serialize(body)));
    };
    for (char const* bad : {"", "-1", "+1", " 1", "1 ", "1e3", "0x10", "18446744073709551616", "12a"}) {
        auto r = with_size(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, error::invalid_value) << bad;
        EXPECT_EQ(r.error().path, "size") << bad;
    }
    auto max = with_size("18446744073709551615");
    ASSERT_TRUE(max) << max.error().what();
    EXPECT_EQ(max->result->size.bytes, 18446744073709551615u);
    // a number means the same (a newer server might send one); a negative one does not fit
    auto number = with_size(285);
    ASSERT_TRUE(number) << number.error().what();
    EXPECT_EQ(number->result->size.bytes, 285u);
    auto negative = with_size(-1);
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error().code, error::out_of_range);
    auto boolean = with_size(true);
    ASSERT_FALSE(boolean);
    EXPECT_EQ(boolean.error().code, error::type_mismatch);
}

// ---------------------------------------------------------------- error envelopes

struct error_case {
    char const* capture;
    int status;
    char const* provider_code;
    char const* message;
};

TEST(lxd_provider, error_envelopes_give_status_code_and_message)
{
    auto check = [](auto parsed, error_case const& c) {
        SCOPED_TRACE(c.capture);
        ASSERT_FALSE(parsed);
        auto const& f = parsed.error();
        EXPECT_EQ(f.code, error::error_response);
        EXPECT_EQ(f.http_status, c.status);
        EXPECT_EQ(f.provider_code, c.provider_code);
        EXPECT_EQ(f.message, c.message);
        ASSERT_TRUE(f.body);
        EXPECT_EQ(f.body->type, "error");
        EXPECT_EQ(f.body->error_code, c.status);
        EXPECT_EQ(f.body->error, c.message);
        EXPECT_TRUE(f.request_id.empty());  // LXD sends none
    };
    check(parse<lxd::get_image>(captured_response("error_404")), {"error_404", 404, "not_found", "Image not found"});
    check(parse<lxd::create_alias>(captured_response("error_400")), {"error_400", 400, "bad_request", "name and target are required"});
    check(parse<lxd::create_alias>(captured_response("alias_conflict")),
          {"alias_conflict", 409, "conflict", "Alias \"team/web server\" already exists"});
    check(parse<lxd::list_images>(captured_response("error_500")),
          {"error_500", 500, "internal_error", "Invalid filter: clause has no value"});
    auto stale = parse<lxd::update_image>(captured_response("error_412"));
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().provider_code, "precondition_failed");
    EXPECT_TRUE(lxd::is_etag_mismatch(stale.error()));
    EXPECT_FALSE(lxd::is_etag_mismatch(parse<lxd::get_image>(captured_response("error_404")).error()));
}

TEST(lxd_provider, an_error_code_without_a_name_is_kept_as_a_number)
{
    auto r = with_body("error_404", R"({"type":"error","status":"","status_code":0,"operation":"","error_code":418,"error":"teapot","metadata":null})");
    r.status = 418;
    auto f = parse<lxd::get_image>(r);
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().provider_code, "418");
    EXPECT_EQ(f.error().message, "teapot");
}

TEST(lxd_provider, an_error_from_something_else_keeps_its_body)
{
    // a proxy in front of LXD answering in HTML
    auto r = with_body("error_500", "<html><body>502 Bad Gateway</body></html>");
    r.status = 502;
    auto f = parse<lxd::get_image>(r);
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, error::error_response);
    EXPECT_EQ(f.error().message, "HTTP 502 without a lxd error body");
    EXPECT_EQ(f.error().raw_body, r.body);
    EXPECT_FALSE(f.error().body);
}

TEST(lxd_provider, an_undocumented_success_status_is_unexpected)
{
    auto r = captured_response("image");
    r.status = 203;
    auto f = parse<lxd::get_image>(r);
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, error::unexpected_status);
    // a 202 where a sync answer is documented
    auto op = parse<lxd::get_image>(captured_response("upload_accepted"));
    ASSERT_FALSE(op);
    EXPECT_EQ(op.error().code, error::unexpected_status);
}

// ---------------------------------------------------------------- damaged envelopes

TEST(lxd_provider, the_envelope_type_must_match_the_answer)
{
    // a 202 whose envelope says sync, a 200 whose envelope says async or error
    auto body = body_of("upload_accepted");
    body["type"] = "sync";
    auto r = parse<lxd::upload_image>(with_body("upload_accepted", bj::serialize(body)));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::invalid_value);
    EXPECT_EQ(r.error().path, "type");
    EXPECT_EQ(r.error().message, "expected a \"async\" LXD response, got \"sync\"");
    EXPECT_EQ(r.error().http_status, 202);
    EXPECT_FALSE(r.error().raw_body.empty());

    auto image = body_of("image");
    for (char const* type : {"async", "error", "", "SYNC"}) {
        image["type"] = type;
        auto i = parse<lxd::get_image>(with_body("image", bj::serialize(image)));
        ASSERT_FALSE(i) << type;
        EXPECT_EQ(i.error().path, "type") << type;
    }
    auto created = body_of("alias_created");
    created["type"] = "async";
    auto c = parse<lxd::create_alias>(with_body("alias_created", bj::serialize(created)));
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().path, "type");
    // a hostile type is cut in the message
    image["type"] = std::string(1000, 'x');
    auto longer = parse<lxd::get_image>(with_body("image", bj::serialize(image)));
    ASSERT_FALSE(longer);
    EXPECT_LT(longer.error().message.size(), 100u);
}

TEST(lxd_provider, metadata_of_the_wrong_type_fails_at_its_path)
{
    struct damage {
        char const* capture;
        std::function<void(bj::object&)> apply;
        error code;
        char const* path;
    };
    auto meta = [](bj::object& b) -> bj::object& { return b["metadata"].as_object(); };
    std::vector<damage> const cases{
        {"image", [](bj::object& b) { b["metadata"] = bj::array{}; }, error::type_mismatch, "metadata"},
        {"image", [](bj::object& b) { b["metadata"] = nullptr; }, error::type_mismatch, "metadata"},
        {"image", [&](bj::object& b) { meta(b)["size"] = "285"; }, error::type_mismatch, "metadata.size"},
        // int64 in the spec: past it does not fit
        {"image", [&](bj::object& b) { meta(b)["size"] = bj::parse("9223372036854775808"); }, error::out_of_range, "metadata.size"},
        {"image", [&](bj::object& b) { meta(b)["created_at"] = "yesterday"; }, error::invalid_value, "metadata.created_at"},
        {"image", [&](bj::object& b) { meta(b).erase("fingerprint"); }, error::missing_field, "metadata.fingerprint"},
        {"image", [&](bj::object& b) { meta(b)["aliases"] = bj::array{bj::object{{"name", 1}}}; }, error::type_mismatch,
         "metadata.aliases[0].name"},
        {"image", [&](bj::object& b) { meta(b)["properties"] = bj::object{{"os", bj::array{}}}; }, error::type_mismatch,
         "metadata.properties.os"},
        {"image", [&](bj::object& b) { meta(b)["public"] = "false"; }, error::type_mismatch, "metadata.public"},
        {"image", [](bj::object& b) { b.erase("metadata"); }, error::missing_field, "metadata"},
        {"image", [](bj::object& b) { b.erase("type"); }, error::missing_field, "type"},
        {"images_recursion1", [](bj::object& b) { b["metadata"].as_array()[0].as_object()["type"] = 3; }, error::type_mismatch,
         "metadata[0].type"},
        {"upload_accepted", [&](bj::object& b) { meta(b)["status_code"] = "103"; }, error::type_mismatch, "metadata.status_code"},
        {"upload_accepted", [&](bj::object& b) { meta(b)["resources"] = bj::object{{"images", "x"}}; }, error::type_mismatch,
         "metadata.resources.images"},
        {"upload_accepted", [](bj::object& b) { b["metadata"] = nullptr; }, error::type_mismatch, "metadata"},
        {"server", [&](bj::object& b) { meta(b)["api_extensions"] = nullptr; }, error::type_mismatch, "metadata.api_extensions"},
        {"server", [&](bj::object& b) { meta(b)["environment"].as_object()["server_pid"] = "1"; }, error::type_mismatch,
         "metadata.environment.server_pid"},
    };
    for (auto const& d : cases) {
        auto body = body_of(d.capture);
        d.apply(body);
        auto const r = with_body(d.capture, bj::serialize(body));
        cloudimg::failure f;
        if (std::string_view(d.capture) == "image")
            f = parse<lxd::get_image>(r).error();
        else if (std::string_view(d.capture) == "images_recursion1")
            f = parse<lxd::list_images>(r).error();
        else if (std::string_view(d.capture) == "upload_accepted")
            f = parse<lxd::upload_image>(r).error();
        else
            f = parse<lxd::get_server>(r).error();
        EXPECT_EQ(f.code, d.code) << d.path << ": " << f.what();
        EXPECT_EQ(f.path, d.path) << f.what();
        EXPECT_EQ(f.raw_body, r.body) << d.path;  // kept for diagnosis (it is small)
    }
}

TEST(lxd_provider, bodies_that_are_no_json_fail_cleanly)
{
    auto const whole = captured_response("image").body;
    for (std::size_t cut : {std::size_t(0), std::size_t(1), std::size_t(40), whole.size() / 2, whole.size() - 3}) {
        auto r = parse<lxd::get_image>(with_body("image", whole.substr(0, cut)));
        ASSERT_FALSE(r) << cut;
        EXPECT_EQ(r.error().code, error::json_syntax) << cut << ": " << r.error().what();
    }
    auto trailing = parse<lxd::get_image>(with_body("image", whole + "{}"));
    ASSERT_FALSE(trailing);
    EXPECT_EQ(trailing.error().code, error::json_syntax);
    // an error status with a truncated envelope: still the status, and the raw body
    auto err = parse<lxd::get_image>(with_body("error_404", R"({"type":"error","error_code":4)"));
    ASSERT_FALSE(err);
    EXPECT_EQ(err.error().code, error::error_response);
    EXPECT_EQ(err.error().http_status, 404);
    EXPECT_FALSE(err.error().body);
}

TEST(lxd_provider, deep_nesting_in_free_form_metadata_hits_the_limit)
{
    auto body = body_of("upload_accepted");
    std::string nested(200, '[');
    nested += std::string(200, ']');
    std::string text = bj::serialize(body);
    auto const at = text.find("\"metadata\":null");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 15, "\"metadata\":" + nested);
    auto r = parse<lxd::upload_image>(with_body("upload_accepted", text));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, error::limit_exceeded);
}

// ---------------------------------------------------------------- forward compatibility

TEST(lxd_provider, unknown_keys_and_values_from_newer_servers_are_kept_or_skipped)
{
    auto body = body_of("image");
    body["request_id"] = "new-envelope-key";
    auto& m = body["metadata"].as_object();
    m["type"] = "oci";                       // an image type 5.0.2 does not have
    m["project"] = "web";                    // newer LXD, modelled
    m["release_codename"] = "bookworm";
    m["some_future_key"] = bj::object{{"nested", bj::array{1, 2, 3}}};  // not modelled: skipped
    m["aliases"] = nullptr;                  // Go's nil slices and maps
    m["profiles"] = nullptr;
    m["properties"] = nullptr;
    auto img = parse<lxd::get_image>(with_body("image", bj::serialize(body)));
    ASSERT_TRUE(img) << img.error().what();
    EXPECT_FALSE(img->value.type.known());
    EXPECT_EQ(img->value.type.wire(), "oci");
    EXPECT_EQ(img->value.project, "web");
    EXPECT_EQ(img->value.release_codename, "bookworm");
    EXPECT_FALSE(img->value.aliases);
    EXPECT_FALSE(img->value.profiles);
    EXPECT_FALSE(img->value.properties);

    auto op = body_of("upload_accepted");
    auto& o = op["metadata"].as_object();
    o["class"] = "bulk";
    o["err_code"] = 0;
    o["child_count"] = 3;
    o["requestor"] = bj::object{{"username", "root"}, {"protocol", "unix"}, {"address", "@"}};
    auto started = parse<lxd::upload_image>(with_body("upload_accepted", bj::serialize(op)));
    ASSERT_TRUE(started) << started.error().what();
    EXPECT_EQ(started->op.class_.wire(), "bulk");
    EXPECT_EQ(started->op.err_code, 0);
}

// ---------------------------------------------------------------- waiting, through the client

using cloudimg::http_method;
using cloudimg::testing::scripted_transport;

std::string operation_path(std::string const& capture)
{
    return "/1.0/operations/" + bj::value_to<std::string>(body_of(capture).at("metadata").at("id"));
}

TEST(lxd_provider, wait_until_done_polls_until_the_operation_is_final)
{
    std::string const op = operation_path("upload_accepted");
    // still running once (the /wait timed out on the server), then done
    auto running = body_of("upload_succeeded");
    running["metadata"].as_object()["status"] = "Running";
    running["metadata"].as_object()["status_code"] = 103;
    running["metadata"].as_object()["metadata"] = nullptr;
    scripted_transport t;
    t.expect(http_method::post, "/1.0/images").respond(captured_response("upload_accepted"));
    t.expect(http_method::get, op + "/wait?timeout=2").respond(with_body("upload_succeeded", bj::serialize(running)));
    t.expect(http_method::get, op + "/wait?timeout=2").respond(captured_response("upload_succeeded"));
    cloudimg::client c{lxd::config{}, t};
    auto started = c.send(lxd::upload_image{.body = {"application/octet-stream", cloudimg::body_source(cloudimg::test_support::string_source{"img"})}});
    ASSERT_TRUE(started) << started.error().what();
    auto done = lxd::wait_until_done(c, *started, std::chrono::seconds(60), std::chrono::seconds(2));
    ASSERT_TRUE(done) << done.error().what();
    EXPECT_EQ(done->result->fingerprint, fp);
    EXPECT_EQ(t.report(), "");  // each request as scripted, every step used
}

TEST(lxd_provider, wait_until_done_gives_up_at_the_deadline_and_reports_failures)
{
    std::string const op = operation_path("secret_accepted");
    // a token operation never ends by itself
    scripted_transport t;
    t.expect(http_method::post, "/1.0/images/" + fp + "/secret").respond(captured_response("secret_accepted"));
    t.expect(http_method::get, op + "/wait?timeout=0").respond(captured_response("secret_running"));
    cloudimg::client c{lxd::config{}, t};
    auto token = c.send(lxd::create_image_secret{.fingerprint = fp});
    ASSERT_TRUE(token) << token.error().what();
    auto waited = lxd::wait_until_done(c, *token, std::chrono::seconds(0));
    ASSERT_FALSE(waited);
    EXPECT_EQ(waited.error().code, error::limit_exceeded);
    EXPECT_NE(waited.error().message.find(token->op.id), std::string::npos);
    EXPECT_EQ(t.report(), "");
    // a deadline already past still asks once, with timeout=0: -1 would make the server wait forever
    t.expect(http_method::get, op + "/wait?timeout=0").respond(captured_response("secret_running"));
    auto late = lxd::wait_until_done(c, *token, std::chrono::seconds(-5));
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, error::limit_exceeded);
    EXPECT_EQ(t.report(), "");

    // a failure of the operation ends the wait with that failure
    std::string const bad = operation_path("upload_bad_accepted");
    t.expect(http_method::post, "/1.0/images").respond(captured_response("upload_bad_accepted"));
    t.expect(http_method::get, bad + "/wait?timeout=30").respond(captured_response("upload_failed"));
    auto started = c.send(lxd::upload_image{.body = {"application/octet-stream", cloudimg::body_source(cloudimg::test_support::string_source{"x"})}});
    ASSERT_TRUE(started) << started.error().what();
    auto failed = lxd::wait_until_done(c, *started, std::chrono::minutes(5));
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, error::action_failed);
    EXPECT_NE(failed.error().message.find("Unsupported compression"), std::string::npos);
    EXPECT_EQ(t.report(), "");
}

TEST(lxd_provider, a_token_ends_cancelled_and_waiting_on_it_says_done)
{
    // captured: a secret's token, running, then revoked (the server ends a used one the same way)
    std::string const op = operation_path("secret_accepted");
    scripted_transport t;
    t.expect(http_method::post, "/1.0/images/" + fp + "/secret").respond(captured_response("secret_accepted"));
    t.expect(http_method::get, op + "/wait?timeout=5").respond(captured_response("secret_running"));
    t.expect(http_method::get, op + "/wait?timeout=5").respond(captured_response("secret_cancelled"));
    cloudimg::client c{lxd::config{}, t};
    auto token = c.send(lxd::create_image_secret{.fingerprint = fp});
    ASSERT_TRUE(token) << token.error().what();
    static_assert(std::is_same_v<decltype(lxd::wait_for(*token, std::chrono::seconds(1))), lxd::wait_operation<lxd::token_end>>);
    auto secret = token->metadata();
    ASSERT_TRUE(secret) << secret.error().what();
    EXPECT_EQ(secret->secret.size(), 64u);
    auto ended = lxd::wait_until_done(c, *token, std::chrono::seconds(60), std::chrono::seconds(5));
    ASSERT_TRUE(ended) << ended.error().what();
    EXPECT_TRUE(ended->done());
    EXPECT_EQ(ended->op.status, "Cancelled");
    EXPECT_EQ(t.report(), "");

    // the same answer read as anything but a token is a cancellation
    auto as_secret = parse<lxd::wait_operation<lxd::image_secret>>(captured_response("secret_cancelled"));
    ASSERT_FALSE(as_secret);
    EXPECT_EQ(as_secret.error().provider_code, "operation_cancelled");
    // a token that failed (not cancelled) is still a failure
    auto body = body_of("secret_cancelled");
    body["metadata"].as_object()["status_code"] = 400;
    body["metadata"].as_object()["status"] = "Failure";
    auto failed = parse<lxd::wait_operation<lxd::token_end>>(with_body("secret_cancelled", bj::serialize(body)));
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, error::action_failed);
    // the waiter takes a token as the token's wait, never as its secret's
    static_assert(std::is_constructible_v<lxd::operation_waiter<lxd::token_end>, lxd::token_operation<lxd::image_secret>,
                                          std::chrono::seconds, std::chrono::steady_clock::time_point>);
    static_assert(!std::is_constructible_v<lxd::operation_waiter<lxd::image_secret>, lxd::token_operation<lxd::image_secret>,
                                           std::chrono::seconds, std::chrono::steady_clock::time_point>);
}

TEST(lxd_provider, operations_are_listed_by_status)
{
    // the shape LXD 5.0.2 answers both recursion levels with (tests/integration/test_lxd_daemon.cpp)
    auto const op = body_of("secret_running").at("metadata");
    cloudimg::response r = captured_response("image");
    r.headers.erase("ETag");
    r.body = bj::serialize(bj::object{{"type", "sync"}, {"status", "Success"}, {"status_code", 200}, {"operation", ""},
                                      {"error_code", 0}, {"error", ""},
                                      {"metadata", bj::object{{"running", bj::array{op}}, {"success", bj::array{}}}}});
    auto ops = parse<lxd::list_operations>(r);
    ASSERT_TRUE(ops) << ops.error().what();
    ASSERT_EQ(ops->at("running").size(), 1u);
    EXPECT_EQ(ops->at("running").front().class_, lxd::operation_class::token);
    EXPECT_TRUE(ops->at("success").empty());
    r.body = R"({"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,"error":"",)"
             R"("metadata":{"running":["/1.0/operations/x"],"future-status":[]}})";
    auto urls = parse<lxd::list_operation_urls>(r);
    ASSERT_TRUE(urls) << urls.error().what();
    EXPECT_EQ(urls->at("running"), std::vector<std::string>{"/1.0/operations/x"});
    EXPECT_TRUE(urls->contains("future-status"));  // a status LXD may add later is kept
}

TEST(lxd_provider, the_operation_waiter_is_pure_time_is_its_input)
{
    using clock = std::chrono::steady_clock;
    using std::chrono::seconds;
    auto started = parse<lxd::upload_image>(captured_response("upload_accepted"));
    ASSERT_TRUE(started) << started.error().what();
    auto running = parse<lxd::wait_operation<lxd::image_created>>(captured_response("secret_running"));
    ASSERT_TRUE(running) << running.error().what();
    auto done = parse<lxd::wait_operation<lxd::image_created>>(captured_response("upload_succeeded"));
    ASSERT_TRUE(done) << done.error().what();
    std::string const op = started->op.id;

    clock::time_point const t0{};  // any time: the waiter reads no clock
    lxd::operation_waiter<lxd::image_created> w(*started, seconds(100), t0, seconds(30));
    ASSERT_TRUE(w.next());
    EXPECT_EQ(w.next()->id, op);
    EXPECT_EQ(w.next()->timeout, 30);  // one step, not the whole deadline
    EXPECT_EQ(w.next()->timeout, 30) << "next() is idempotent until an answer comes";
    EXPECT_FALSE(w.done());
    EXPECT_EQ(w.outcome().error().code, error::invalid_argument);

    w.on_response(*running, t0 + seconds(80));
    ASSERT_TRUE(w.next());
    EXPECT_EQ(w.next()->timeout, 20);  // what is left of the deadline
    w.on_response(*done, t0 + seconds(90));
    EXPECT_FALSE(w.next());
    ASSERT_TRUE(w.done());
    ASSERT_TRUE(w.outcome()) << w.outcome().error().what();
    EXPECT_EQ(w.outcome()->result->fingerprint, fp);
    w.on_response(*running, t0 + seconds(95));  // ignored once over
    EXPECT_TRUE(w.outcome());

    // past the deadline and still running: limit_exceeded, and no further request
    lxd::operation_waiter<lxd::image_created> late(*started, seconds(10), t0);
    late.on_response(*running, t0 + seconds(10));
    EXPECT_FALSE(late.next());
    ASSERT_FALSE(late.outcome());
    EXPECT_EQ(late.outcome().error().code, error::limit_exceeded);
    EXPECT_NE(late.outcome().error().message.find(op), std::string::npos);
}

TEST(lxd_provider, wait_for_builds_the_wait_request)
{
    auto started = parse<lxd::refresh_image>(captured_response("refresh_accepted"));
    ASSERT_TRUE(started) << started.error().what();
    auto const w = lxd::wait_for(*started, std::chrono::seconds(30));
    static_assert(std::is_same_v<decltype(w), lxd::wait_operation<lxd::image_refreshed> const>);
    auto req = lxd::prepare(lxd::config{}, w);
    ASSERT_TRUE(req);
    EXPECT_EQ(req->target, operation_path("refresh_accepted") + "/wait?timeout=30");
    // the operation's own path needs no project: operations are found by id
    auto cancel = lxd::prepare(lxd::config{.project = "web"}, lxd::cancel(*started));
    ASSERT_TRUE(cancel);
    EXPECT_EQ(cancel->target, operation_path("refresh_accepted"));
}

} // namespace
