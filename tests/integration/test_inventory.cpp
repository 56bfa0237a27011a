// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// examples/inventory against the local peers of its --local mode (Prism mocks
// of the Hetzner, Oxide, metal-stack and OpenStack specs, a private LXD daemon
// with two generated images; examples/inventory_local.hpp starts them, as the
// program does): its JSON lines and its table must show every provider's
// images. With CI=true nothing may be missing; elsewhere the test skips when
// Prism, LXD or root is not there.

#include "inventory_local.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#ifndef CLOUDIMG_INVENTORY_EXE
#define CLOUDIMG_INVENTORY_EXE ""
#endif

namespace {

std::optional<examples::local_peers>& peers()
{
    static std::optional<examples::local_peers> p;
    return p;
}

bool in_ci()
{
    char const* ci = std::getenv("CI");
    return ci != nullptr && std::string_view(ci) == "true";
}

class local_environment : public ::testing::Environment {
public:
    void SetUp() override
    {
        std::string why;
        if (::access(CLOUDIMG_INVENTORY_EXE, X_OK) != 0)
            why = "the inventory example is not built (" CLOUDIMG_INVENTORY_EXE ")";
        if (why.empty()) {
            peers().emplace();
            examples::start_local_peers(*peers(), CLOUDIMG_PRISM_EXECUTABLE,
                                        [](std::string const& s) { std::printf("%s\n", s.c_str()); });
            for (auto const& p : peers()->problems)
                why += p + "; ";
        }
        if (!why.empty()) {
            if (in_ci())
                GTEST_FAIL() << why << "\nCI=true: the inventory test must run against every provider.";
            GTEST_SKIP() << "cloudimg-integration-skipped: " << why;
        }
    }
    void TearDown() override { peers().reset(); }
};

[[maybe_unused]] auto* const environment = ::testing::AddGlobalTestEnvironment(new local_environment);

/// The options that point the inventory at the local peers.
std::string endpoint_options()
{
    auto& p = *peers();
    return " --hetzner-url " + p.hetzner->base_url() + " --hetzner-token t" +  //
           " --oxide-url " + p.oxide->base_url() + " --oxide-token t" +        //
           " --metal-url " + p.metal->base_url() + " --metal-token t" +        //
           " --openstack-url " + p.openstack->base_url() + "/v2.1 --openstack-token t" +
           " --lxd-socket " + p.lxd->socket_path();
}

struct run_result {
    int status = -1;
    std::string out;
};

run_result run(std::string const& args)
{
    run_result r;
    std::string const cmd = std::string(CLOUDIMG_INVENTORY_EXE) + args + " 2>&1";
    std::FILE* f = ::popen(cmd.c_str(), "r");
    if (f == nullptr)
        return r;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0)
        r.out.append(buf.data(), n);
    r.status = ::pclose(f);
    return r;
}

std::vector<std::string> lines_of(std::string const& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::array<std::string, 5> const providers{"hetzner", "lxd", "metal", "oxide", "openstack"};

TEST(inventory, json_lines_have_every_provider_and_its_images)
{
    auto r = run(" --json" + endpoint_options());
    ASSERT_EQ(r.status, 0) << r.out;
    std::map<std::string, std::vector<boost::json::object>> images;
    std::map<std::string, boost::json::object> summaries;
    for (auto const& line : lines_of(r.out)) {
        boost::system::error_code ec;
        auto v = boost::json::parse(line, ec);
        ASSERT_FALSE(ec) << "not JSON: " << line;
        auto const& o = v.as_object();
        std::string provider(o.at("provider").as_string());
        if (o.at("kind") == "image")
            images[provider].push_back(o);
        else if (o.at("kind") == "provider")
            summaries[provider] = o;
        else
            ADD_FAILURE() << line;
    }
    for (auto const& p : providers) {
        SCOPED_TRACE(p);
        ASSERT_TRUE(summaries.contains(p));
        auto const& s = summaries[p];
        EXPECT_FALSE(s.contains("skipped"));
        EXPECT_FALSE(s.contains("error")) << s;
        EXPECT_GE(s.at("images").as_int64(), 1);
        EXPECT_EQ(std::size_t(s.at("images").as_int64()), images[p].size());
        EXPECT_GE(s.at("pages").as_int64(), 1);
        EXPECT_GE(s.at("requests").as_int64(), s.at("pages").as_int64());
        for (auto const& img : images[p])
            EXPECT_FALSE(img.at("id").as_string().empty());
    }
    // the two generated LXD images, as the real daemon describes them
    std::set<std::string> lxd_names;
    for (auto const& img : images["lxd"]) {
        lxd_names.insert(std::string(img.at("name").as_string()));
        EXPECT_EQ(img.at("os"), "cloudimg-demo");
        EXPECT_EQ(img.at("id").as_string().size(), 64u);
        EXPECT_TRUE(img.at("size_bytes").as_int64() > 0);
        EXPECT_FALSE(img.contains("status"));  // LXD has none
    }
    EXPECT_EQ(lxd_names, (std::set<std::string>{"demo-one", "demo-two"}));
    // OpenStack: the 11 images of the official sample; Hetzner: the spec's example, 2.3 GB
    EXPECT_EQ(images["openstack"].size(), 11u);
    for (auto const& img : images["openstack"])
        EXPECT_EQ(img.at("status"), "available");
    ASSERT_FALSE(images["hetzner"].empty());
    EXPECT_EQ(images["hetzner"][0].at("size_bytes").as_int64(), 2'300'000'000);
    EXPECT_EQ(images["hetzner"][0].at("os"), "ubuntu");
    EXPECT_FALSE(images["metal"][0].contains("size_bytes"));  // metal-stack has no size
    EXPECT_EQ(summaries["lxd"].at("total_bytes").as_int64(),
              images["lxd"][0].at("size_bytes").as_int64() + images["lxd"][1].at("size_bytes").as_int64());
}

TEST(inventory, table_has_rows_and_a_summary_for_every_provider)
{
    auto r = run(endpoint_options());
    ASSERT_EQ(r.status, 0) << r.out;
    auto lines = lines_of(r.out);
    auto header = std::find_if(lines.begin(), lines.end(), [](auto const& l) { return l.starts_with("PROVIDER  ID"); });
    ASSERT_NE(header, lines.end()) << r.out;
    auto summary = std::find_if(header + 1, lines.end(), [](auto const& l) { return l.starts_with("PROVIDER "); });
    ASSERT_NE(summary, lines.end()) << r.out;
    std::map<std::string, int> rows;
    std::vector<std::string> os_column;
    for (auto it = header + 1; it != summary; ++it) {
        if (it->empty())
            continue;
        std::istringstream words(*it);
        std::string provider;
        words >> provider;
        ++rows[provider];
    }
    for (auto const& p : providers)
        EXPECT_GE(rows[p], 1) << p << " has no row:\n" << r.out;
    EXPECT_EQ(rows["lxd"], 2);
    EXPECT_EQ(rows["openstack"], 11);
    // sorted by OS: cloudimg-demo (LXD) before ubuntu (Hetzner); images without an OS last
    auto first_lxd = std::find_if(header, summary, [](auto const& l) { return l.starts_with("lxd "); });
    auto first_hz = std::find_if(header, summary, [](auto const& l) { return l.starts_with("hetzner "); });
    auto first_os = std::find_if(header, summary, [](auto const& l) { return l.starts_with("openstack "); });
    EXPECT_LT(first_lxd, first_hz);
    EXPECT_LT(first_hz, first_os);
    EXPECT_NE(r.out.find("demo-one"), std::string::npos);
    for (auto const& p : providers) {
        auto line = std::find_if(summary + 1, lines.end(), [&](auto const& l) { return l.starts_with(p + " "); });
        ASSERT_NE(line, lines.end()) << p;
        EXPECT_EQ(line->find("skipped"), std::string::npos) << *line;
        EXPECT_EQ(line->find("failed"), std::string::npos) << *line;
    }
}

TEST(inventory, providers_not_given_are_skipped_with_a_note)
{
    auto r = run(" --lxd-socket " + peers()->lxd->socket_path());
    EXPECT_EQ(r.status, 0) << r.out;
    for (auto const& p : {"hetzner", "metal", "oxide", "openstack"})
        EXPECT_NE(r.out.find(std::string("inventory: ") + p + " skipped"), std::string::npos) << p << '\n' << r.out;
}

} // namespace
