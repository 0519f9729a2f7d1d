// The module proxy source's pure parts (README "Installing through your company's Go module
// proxy"): settings as cmd/go reads them, the GOPROXY list and its walk, GONOPROXY patterns,
// module version names and the @v/list, entry paths and modes, and the meta/ record.
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "core/go_env_text.hpp"
#include "gover/source/goproxy_list.hpp"
#include "gover/source/goproxy_settings.hpp"
#include "gover/source/goproxy_source.hpp"
#include "gover/source/goproxy_zip.hpp"
#include "gover/store/install_meta.hpp"
#include "support/env_fake.hpp"
#include "support/temp_dir.hpp"

namespace gover {
namespace {

using test::env_of;

TEST(GoproxySettings, EnvironmentThenGoEnvFileThenDefaults) {
    test::TempDir dir;
    const auto file = dir / "env";
    std::ofstream(file) << "GOPROXY=https://file.example\nGOPRIVATE=corp.example\nGOSUMDB=\n";
    auto s = GoproxySettings::read(env_of({{"GOENV", file.string()}}), false);
    EXPECT_EQ(s.goproxy, "https://file.example");
    EXPECT_EQ(s.gosumdb, "sum.golang.org"); // empty in the file: the default
    EXPECT_EQ(s.gonoproxy, "corp.example"); // GOPRIVATE when GONOPROXY is unset
    s = GoproxySettings::read(
        env_of({{"GOENV", file.string()}, {"GOPROXY", "https://env.example"}, {"GONOPROXY", "x"}}),
        false);
    EXPECT_EQ(s.goproxy, "https://env.example");
    EXPECT_EQ(s.gonoproxy, "x");
    s = GoproxySettings::read(env_of({{"GOENV", "off"}, {"GOPROXY", ""}}), false);
    EXPECT_EQ(s.goproxy, "https://proxy.golang.org,direct"); // empty counts as unset
}

TEST(GoEnvText, OneParserLastLineWins) {
    const auto settings = parse_go_env("GOPROXY=a\nlower=x\nGOPROXY=b\r\nNOEQ\n");
    ASSERT_EQ(settings.size(), 1u);
    EXPECT_EQ(settings[0].value, "b");
    EXPECT_EQ(settings[0].line, 3);
    EXPECT_EQ(go_env_text_value("A=1\nB=2", "B"), "2");
    EXPECT_EQ(go_env_text_value("A=1", "B"), std::nullopt);
}

TEST(GoproxyList, SeparatorsDirectOffAndSchemes) {
    auto list = parse_goproxy(" https://a.example/ , b.example|file:///srv/p,direct,https://never");
    ASSERT_TRUE(list) << list.error().message;
    ASSERT_EQ(list->size(), 4u); // direct ends the list
    EXPECT_EQ((*list)[0].url, "https://a.example");
    EXPECT_FALSE((*list)[0].fall_back_on_error);
    EXPECT_EQ((*list)[1].url, "https://b.example");
    EXPECT_TRUE((*list)[1].fall_back_on_error);
    EXPECT_EQ((*list)[2].url, "file:///srv/p");
    EXPECT_EQ(proxy_base((*list)[3]), "https://go.dev/dl/mod");
    EXPECT_EQ(parse_goproxy("off,https://a")->size(), 1u);
    for (const char* bad : {"", " , ", "ftp://x.example", "word", "/abs/path"}) {
        auto refused = parse_goproxy(bad);
        ASSERT_FALSE(refused) << bad;
        EXPECT_EQ(refused.error().code, ErrorCode::usage);
        EXPECT_NE(refused.error().message.find("GOPROXY"), std::string::npos) << bad;
    }
}

TEST(GoproxyList, RedactsCredentials) {
    EXPECT_EQ(redact_url("https://me:secret@proxy.example/p"), "https://***@proxy.example/p");
    EXPECT_EQ(redact_url("https://proxy.example/a@b"), "https://proxy.example/a@b");
    auto refused = parse_goproxy("ftp://me:secret@x.example");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message.find("secret"), std::string::npos);
}

// What each entry answers, and which entries were asked.
Status walk(const std::string& goproxy, std::map<std::string, ErrorCode> answers,
            std::vector<std::string>& asked) {
    auto list = parse_goproxy(goproxy);
    EXPECT_TRUE(list);
    return walk_proxies(*list, "the zip", [&](const std::string& base) -> Status {
        asked.push_back(base);
        auto it = answers.find(base);
        if (it == answers.end()) {
            return {};
        }
        return fail(it->second, "HTTP failure at " + base);
    });
}

TEST(GoproxyWalk, CommaFallsThroughOnlyOnMissing) {
    std::vector<std::string> asked;
    EXPECT_TRUE(walk("https://a,https://b", {{"https://a", ErrorCode::not_found}}, asked));
    EXPECT_EQ(asked.size(), 2u);
    asked.clear();
    auto stopped = walk("https://a,https://b", {{"https://a", ErrorCode::network}}, asked);
    ASSERT_FALSE(stopped);
    EXPECT_EQ(asked.size(), 1u);
    EXPECT_EQ(stopped.error().code, ErrorCode::network);
    EXPECT_NE(stopped.error().message.find("https://a: HTTP failure"), std::string::npos);
    asked.clear();
    EXPECT_TRUE(walk("https://a|https://b", {{"https://a", ErrorCode::network}}, asked));
    EXPECT_EQ(asked.size(), 2u);
}

TEST(GoproxyWalk, EveryReasonNamedAndOffNamesGoproxy) {
    std::vector<std::string> asked;
    auto all =
        walk("https://a|https://b",
             {{"https://a", ErrorCode::network}, {"https://b", ErrorCode::not_found}}, asked);
    ASSERT_FALSE(all);
    EXPECT_NE(all.error().message.find("https://a: "), std::string::npos);
    EXPECT_NE(all.error().message.find("https://b: "), std::string::npos);
    asked.clear();
    auto off = walk("off", {}, asked);
    ASSERT_FALSE(off);
    EXPECT_TRUE(asked.empty());
    EXPECT_NE(off.error().message.find("GOPROXY=off"), std::string::npos);
    auto after = walk("https://a,off", {{"https://a", ErrorCode::not_found}}, asked);
    ASSERT_FALSE(after);
    EXPECT_NE(after.error().message.find("off"), std::string::npos);
}

TEST(GoproxyPatterns, MatchPrefixPatternsAsGo) {
    EXPECT_TRUE(match_prefix_patterns("golang.org", "golang.org/toolchain"));
    EXPECT_TRUE(match_prefix_patterns("corp.example, golang.org/*", "golang.org/toolchain"));
    EXPECT_TRUE(match_prefix_patterns("*.org", "golang.org/toolchain"));
    EXPECT_FALSE(match_prefix_patterns("*.com,golang.org/x", "golang.org/toolchain"));
    EXPECT_FALSE(match_prefix_patterns("golang", "golang.org/toolchain"));
    EXPECT_FALSE(match_prefix_patterns("", "golang.org/toolchain"));
    EXPECT_TRUE(path_match("g?lang.[a-z]rg", "golang.org"));
    EXPECT_FALSE(path_match("golang.[^o]rg", "golang.org"));
    EXPECT_FALSE(path_match("*", "a/b"));
    // A run of stars (which a fuzz run found taking exponential time) matches as one star.
    const std::string stars(64, '*');
    EXPECT_TRUE(path_match(stars + "toolchain", "golang.org-toolchain"));
    EXPECT_FALSE(path_match(stars + "x" + stars + "y", std::string(200, 'x')));
    EXPECT_FALSE(path_match(stars + "/a", "golang.org"));
    EXPECT_TRUE(path_match("*/" + stars + "chain", "golang.org/toolchain"));
    EXPECT_FALSE(path_match("a\\", "a"));
    EXPECT_TRUE(path_match("a\\*b", "a*b"));
    EXPECT_FALSE(path_match("[a-", "a"));
}

TEST(GoproxyNames, ModuleVersionsAndTheList) {
    EXPECT_EQ(toolchain_module_version(*GoVersion::parse("1.22.5"), {"darwin", "arm64"}),
              "v0.0.1-go1.22.5.darwin-arm64");
    const std::string list = "v0.0.1-go1.21.0.linux-amd64\nv0.0.1-go1.22rc1.linux-amd64\r\n"
                             "v0.0.1-go1.22.5.darwin-arm64\nv0.0.1-go1.22.5.linux-amd64\n"
                             "garbage\nv0.0.1-gonope.linux-amd64\nv1.0.0\n";
    auto all = releases_from_module_list(list, std::nullopt);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].version.str(), "1.22.5");
    EXPECT_EQ(all[0].platforms.size(), 2u);
    EXPECT_TRUE(all[0].stable);
    EXPECT_EQ(all[1].version.str(), "1.22rc1");
    EXPECT_FALSE(all[1].stable);
    auto mac = releases_from_module_list(list, Platform{"darwin", "arm64"});
    ASSERT_EQ(mac.size(), 3u);
    EXPECT_TRUE(mac[0].has({"darwin", "arm64"}));
    EXPECT_TRUE(mac[2].platforms.empty());
}

TEST(GoproxyZip, CleanPathsAndModes) {
    EXPECT_TRUE(is_clean_relative_path("src/cmd/go/main.go"));
    for (const char* bad : {"", "/etc", "a//b", "a/./b", "a/../b", "..", "a/", "a\\b", "a\nb"}) {
        EXPECT_FALSE(is_clean_relative_path(bad)) << bad;
    }
    EXPECT_TRUE(toolchain_file_is_executable("bin/go"));
    EXPECT_TRUE(toolchain_file_is_executable("pkg/tool/linux_amd64/compile"));
    EXPECT_TRUE(toolchain_file_is_executable("lib/wasm/go_js_wasm_exec"));
    EXPECT_TRUE(toolchain_file_is_executable("lib/wasm/go_wasip1_wasm_exec"));
    EXPECT_FALSE(toolchain_file_is_executable("lib/wasm/wasm_exec.js"));
    EXPECT_FALSE(toolchain_file_is_executable("lib/go_exec"));
    EXPECT_FALSE(toolchain_file_is_executable("src/bin/go"));
}

TEST(GoproxyMeta, ProofRoundTrips) {
    InstallMeta meta;
    meta.version = "1.22.5";
    meta.source = "goproxy";
    meta.sha256 = std::string(64, 'a');
    meta.module_version = "v0.0.1-go1.22.5.linux-amd64";
    meta.h1 = "h1:abc=";
    meta.sumdb_name = "sum.golang.org";
    meta.sumdb_tree_size = 12345678901;
    meta.sumdb_root_hash = "root=";
    auto back = meta_from_json(meta_to_json(meta), "test");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->module_version, meta.module_version);
    EXPECT_EQ(back->h1, meta.h1);
    EXPECT_EQ(back->sumdb_name, meta.sumdb_name);
    EXPECT_EQ(back->sumdb_tree_size, meta.sumdb_tree_size);
    EXPECT_EQ(back->sumdb_root_hash, meta.sumdb_root_hash);
    InstallMeta mirror;
    mirror.version = "1.22.5";
    mirror.sha256 = meta.sha256;
    EXPECT_EQ(meta_to_json(mirror).find("h1"), std::string::npos);
}

} // namespace
} // namespace gover
