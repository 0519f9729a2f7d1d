// release_index.cpp against the real go.dev data in tests/fixtures (see ../shared/fixtures) and
// against hostile or broken documents.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "gover/source/release_index.hpp"
#include "support/version_literal.hpp"

namespace gover {
namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(GOVER_FIXTURES_DIR) + "/" + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const ReleaseIndex& index_2026() {
    static const ReleaseIndex index = [] {
        auto parsed = ReleaseIndex::parse(fixture("go-dl-index-all-2026-08.json"), "fixture");
        EXPECT_TRUE(parsed) << parsed.error().message;
        return parsed ? *parsed : ReleaseIndex();
    }();
    return index;
}

using test::v;

std::string resolved(const ReleaseIndex& index, std::string_view spec) {
    auto request = parse_spec(spec);
    EXPECT_TRUE(request) << spec;
    auto release = index.resolve(*request);
    return release ? (*release)->version.str() : "error: " + release.error().message;
}

const Platform k_linux_amd64{"linux", "amd64"};

TEST(ReleaseIndex, Reads2026IndexWhole) {
    const auto& index = index_2026();
    ASSERT_EQ(index.releases().size(), 363u);
    const auto stable = std::count_if(index.releases().begin(), index.releases().end(),
                                      [](const Release& r) { return r.stable; });
    EXPECT_EQ(stable, 279);
    std::size_t files = 0;
    for (const auto& release : index.releases()) {
        files += release.files.size();
    }
    EXPECT_EQ(files, 8662u);
}

TEST(ReleaseIndex, SortsNewestFirstByGoRules) {
    const auto& releases = index_2026().releases();
    EXPECT_EQ(releases.front().version.str(), "1.27.0");
    for (std::size_t i = 1; i < releases.size(); ++i) {
        EXPECT_GT(releases[i - 1].version, releases[i].version)
            << releases[i - 1].version.str() << " vs " << releases[i].version.str();
    }
    // go.dev's own sort misplaces go1.9.2rc2: it belongs between 1.9.1 and 1.9.2.
    auto position = [&](std::string_view text) {
        return std::find_if(releases.begin(), releases.end(),
                            [&](const Release& r) { return r.version.str() == text; }) -
               releases.begin();
    };
    EXPECT_LT(position("1.9.2"), position("1.9.2rc2"));
    EXPECT_LT(position("1.9.2rc2"), position("1.9.1"));
    EXPECT_LT(position("1.21.0"), position("1.21rc4"));
    EXPECT_LT(position("1.21rc2"), position("1.20.14"));
}

TEST(ReleaseIndex, ResolvesSpecsAgainstThe2026Index) {
    const auto& index = index_2026();
    EXPECT_EQ(resolved(index, "1.22"), "1.22.12");
    EXPECT_EQ(resolved(index, "latest"), "1.27.0");
    EXPECT_EQ(resolved(index, "1"), "1.27.0");
    EXPECT_EQ(resolved(index, "1.22.5"), "1.22.5");
    EXPECT_EQ(resolved(index, "go1.22.5"), "1.22.5");
    EXPECT_EQ(resolved(index, "1.27rc3"), "1.27rc3");
    EXPECT_EQ(resolved(index, "1.21"), "1.21.13");
    EXPECT_EQ(resolved(index, "1.20.0"), "1.20"); // go.dev has no go1.20.0
    EXPECT_EQ(resolved(index, "1.20"), "1.20.14");
    EXPECT_EQ(resolved(index, "1.9.2rc2"), "1.9.2rc2");
}

TEST(ReleaseIndex, NotFoundErrorsSayWhatExists) {
    const auto& index = index_2026();
    auto missing = index.resolve(*parse_spec("1.99"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::not_found);
    EXPECT_EQ(missing.error().message, "no Go release matches 1.99 (newest is 1.27.0)");

    auto patch = index.resolve(*parse_spec("1.22.99"));
    ASSERT_FALSE(patch);
    EXPECT_EQ(patch.error().message, "no Go release 1.22.99 (newest is 1.27.0)");
    EXPECT_NE(patch.error().hint.find("the newest 1.22.x is 1.22.12"), std::string::npos)
        << patch.error().hint;

    auto system = index.resolve(*parse_spec("system"));
    ASSERT_FALSE(system);
    EXPECT_EQ(system.error().code, ErrorCode::usage);
}

TEST(ReleaseIndex, ASeriesWithOnlyPreReleasesNamesThem) {
    auto parsed = ReleaseIndex::parse(R"([
        {"version": "go1.28rc1", "stable": false, "files": []},
        {"version": "go1.28beta1", "stable": false, "files": []},
        {"version": "go1.27.0", "stable": true, "files": []}])",
                                      "test");
    ASSERT_TRUE(parsed);
    auto result = parsed->resolve(*parse_spec("1.28"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message, "no Go release matches 1.28 (newest is 1.27.0)");
    EXPECT_NE(result.error().hint.find("1.28rc1, 1.28beta1"), std::string::npos)
        << result.error().hint;
    // A go.mod minimum may be met by a pre-release.
    auto minimum = parsed->resolve(VersionRequest{VersionRequest::Kind::minimum, v("1.28rc1")});
    ASSERT_TRUE(minimum);
    EXPECT_EQ((*minimum)->version.str(), "1.28rc1");
}

TEST(ReleaseIndex, ChoosesTheArchiveByOsAndArch) {
    const auto& index = index_2026();
    const Release* release = index.find(v("1.22.5"));
    ASSERT_NE(release, nullptr);
    const ReleaseFile* file = release->archive_for(k_linux_amd64);
    ASSERT_NE(file, nullptr);
    EXPECT_EQ(file->filename, "go1.22.5.linux-amd64.tar.gz");
    EXPECT_EQ(file->sha256, "904b924d435eaea086515bc63235b192ea441bd8c9b198c507e85009e6e4c7f0");
    EXPECT_EQ(file->size, 68972532u);
    EXPECT_EQ(file->kind, "archive");
    // go.dev calls 32-bit ARM "armv6l" while the file is named "-arm": match by arch.
    const ReleaseFile* arm = index.find(v("1.22.12"))->archive_for({"freebsd", "armv6l"});
    ASSERT_NE(arm, nullptr);
    EXPECT_EQ(arm->filename, "go1.22.12.freebsd-arm.tar.gz");
    // An installer (.pkg) or the source tarball is never chosen.
    const ReleaseFile* darwin = release->archive_for({"darwin", "arm64"});
    ASSERT_NE(darwin, nullptr);
    EXPECT_EQ(darwin->filename, "go1.22.5.darwin-arm64.tar.gz");
    EXPECT_EQ(index.find(v("1.15"))->archive_for({"darwin", "arm64"}), nullptr);
}

TEST(ReleaseIndex, KeepsTheQuirksOfOldReleases) {
    const auto& index = index_2026();
    // Empty sha256 (nothing to verify against: the installer refuses it) and size 0 (unknown).
    const ReleaseFile* old = index.find(v("1.4.3"))->archive_for(k_linux_amd64);
    ASSERT_NE(old, nullptr);
    EXPECT_EQ(old->sha256, "");
    EXPECT_EQ(old->size, 61210288u);
    const ReleaseFile* older = index.find(v("1.2.2"))->archive_for(k_linux_amd64);
    ASSERT_NE(older, nullptr);
    EXPECT_EQ(older->size, 0u);
    // The bogus "go1" release holds bootstrap tarballs for the "platform" 4-bootstrap.
    const Release* go1 = index.find(v("1"));
    ASSERT_NE(go1, nullptr);
    EXPECT_EQ(go1->archive_for(k_linux_amd64), nullptr);
    EXPECT_EQ(go1->archive_platforms(), std::vector<std::string>{"4-bootstrap"});
    EXPECT_EQ(index.find(v("1.4.3"))->archive_platforms(),
              (std::vector<std::string>{"darwin-amd64", "freebsd-amd64", "linux-386", "linux-amd64",
                                        "windows-386", "windows-amd64"}));
}

TEST(ReleaseIndex, Reads2021RawIndexInGoDevOrder) {
    auto parsed = ReleaseIndex::parse(fixture("go-dl-index-all-2021-raw.json"), "2021");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->releases().size(), 196u);
    // The raw array lists stable releases first, then pre-releases: order by version instead.
    EXPECT_EQ(parsed->releases().front().version.str(), "1.17");
    EXPECT_EQ(resolved(*parsed, "latest"), "1.17");
    EXPECT_EQ(resolved(*parsed, "1.16"), "1.16.7");
    EXPECT_EQ(resolved(*parsed, "1.17rc2"), "1.17rc2");
}

TEST(ReleaseIndex, ReadsTheStableOnlyIndex) {
    auto parsed = ReleaseIndex::parse(fixture("go-dl-index-stable-2026-08.json"), "stable");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->versions(), (std::vector<GoVersion>{v("1.27.0"), v("1.26.7")}));
}

TEST(ReleaseIndex, ToleratesOddEntries) {
    auto parsed = ReleaseIndex::parse(R"([
        {"version": "go1.22.1", "files": [
            {"filename": "go1.22.1.linux-amd64.tar.gz", "os": "linux", "arch": "amd64",
             "kind": "archive", "sha256": "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",
             "size": -5},
            {"filename": "../../etc/passwd", "os": "linux", "arch": "arm64", "kind": "archive",
             "sha256": "", "size": 1},
            {"filename": "go1.22.1.linux-386.tar.gz", "os": "linux", "arch": "386",
             "kind": "archive", "sha256": "not hex", "size": 12.5},
            "not an object", 42, null]},
        {"version": "go1.22.1", "stable": true, "files": []},
        {"version": "weekly.2012-03-27", "stable": true, "files": []},
        {"stable": true},
        "go1.22.0",
        {"version": "go1.22.0", "stable": "yes", "files": {"oops": 1}, "extra": [1, 2, 3]}
    ])",
                                      "test");
    ASSERT_TRUE(parsed) << parsed.error().message;
    ASSERT_EQ(parsed->versions(), (std::vector<GoVersion>{v("1.22.1"), v("1.22.0")}));
    const Release& first = parsed->releases()[0];
    EXPECT_TRUE(first.stable);         // a missing "stable" follows the version
    ASSERT_EQ(first.files.size(), 2u); // the path-traversal name is dropped
    EXPECT_EQ(first.files[0].sha256,
              "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
    EXPECT_EQ(first.files[0].size, 0u);
    EXPECT_EQ(first.files[1].sha256, "");
    EXPECT_EQ(first.files[1].size, 0u);
    EXPECT_EQ(first.archive_for({"linux", "arm64"}), nullptr);
    EXPECT_TRUE(parsed->releases()[1].stable);
}

TEST(ReleaseIndex, EmptyArrayIsAnEmptyIndex) {
    auto parsed = ReleaseIndex::parse(" []\n", "empty");
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->releases().empty());
    auto result = parsed->resolve(*parse_spec("latest"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::not_found);
}

void expect_not_an_index(std::string_view text, std::string_view why) {
    auto parsed = ReleaseIndex::parse(text, "https://mirror.example/dl/?mode=json");
    ASSERT_FALSE(parsed) << text.substr(0, 60);
    EXPECT_EQ(parsed.error().code, ErrorCode::index);
    EXPECT_NE(parsed.error().message.find("https://mirror.example/dl/?mode=json is not a "
                                          "release index"),
              std::string::npos)
        << parsed.error().message;
    EXPECT_NE(parsed.error().message.find(why), std::string::npos) << parsed.error().message;
    EXPECT_NE(parsed.error().hint.find("GOVER_MIRROR"), std::string::npos);
}

TEST(ReleaseIndex, RejectsHtml) {
    expect_not_an_index("<!DOCTYPE html>\n<html><body>Sign in to the Wi-Fi</body></html>",
                        "(got HTML?)");
    expect_not_an_index("\n  <html>", "(got HTML?)");
}

TEST(ReleaseIndex, RejectsTruncatedJson) {
    const std::string whole = fixture("go-dl-index-all-2026-08.json");
    expect_not_an_index(std::string_view(whole).substr(0, whole.size() / 2), "truncated?");
    expect_not_an_index("[{\"version\": \"go1.22.1\"", "truncated?");
}

TEST(ReleaseIndex, RejectsOtherShapes) {
    expect_not_an_index("", "empty");
    expect_not_an_index("   \n", "empty");
    expect_not_an_index("{\"version\": \"go1.22.1\"}", "expected a JSON array");
    expect_not_an_index("\"go1.22.1\"", "expected a JSON array");
    expect_not_an_index("[1, 2, 3]", "no entry names a Go release");
    expect_not_an_index("[{\"version\": \"go1.22.1\"}] trailing", "malformed JSON");
    expect_not_an_index("[{\"version\": \"go1.22.1\",}]", "malformed JSON");
}

TEST(ReleaseIndex, RejectsDeepNestingWithoutRecursing) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    expect_not_an_index(deep, "nested too deeply");
    const std::string objects = [] {
        std::string text = "[";
        for (int i = 0; i < 50000; ++i) {
            text += "{\"a\":";
        }
        return text;
    }();
    expect_not_an_index(objects, "nested too deeply");
    // Brackets inside strings do not count.
    auto fine = ReleaseIndex::parse(R"([{"version": "go1.22.1", "files": [], "note": ")" +
                                        std::string(1000, '[') + R"("}])",
                                    "test");
    EXPECT_TRUE(fine) << fine.error().message;
}

TEST(ReleaseIndex, FileNameSafety) {
    EXPECT_TRUE(is_safe_release_filename("go1.22.5.linux-amd64.tar.gz"));
    EXPECT_TRUE(is_safe_release_filename("go1.4.2.darwin-amd64-osx10.8.tar.gz"));
    EXPECT_TRUE(is_safe_release_filename("go1.4-bootstrap-20170531.tar.gz"));
    for (const char* bad : {"", ".", "..", "../x.tar.gz", "a/b.tar.gz", ".hidden", "x y.tgz",
                            "x\n.tgz", "x%2f.tgz", "x?.tgz", "x\\y.tgz"}) {
        EXPECT_FALSE(is_safe_release_filename(bad)) << bad;
    }
}

} // namespace
} // namespace gover
