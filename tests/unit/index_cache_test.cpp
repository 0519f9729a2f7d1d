// index_source.cpp and index_digest.cpp: the per-mirror cache, its 10-minute freshness,
// revalidation, the offline fallback, file:// mirrors and the compact digest.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "gover/source/index_digest.hpp"
#include "gover/source/index_source.hpp"
#include "support/http_test_server.hpp"
#include "support/temp_dir.hpp"

namespace gover {
namespace {

namespace fs = std::filesystem;
using test::HttpConnection;
using test::HttpRequest;
using test::HttpTestServer;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string fixture(const std::string& name) {
    return read_text(fs::path(GOVER_FIXTURES_DIR) / name);
}

void write_file(const fs::path& path, std::string_view text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::vector<std::string> version_strings(const ReleaseIndex& index) {
    std::vector<std::string> out;
    for (const auto& release : index.releases()) {
        out.push_back(release.version.str());
    }
    return out;
}

// Makes the cached digest look fetched `minutes` ago.
void age(const fs::path& path, int minutes) {
    fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::minutes(minutes));
}

const std::string k_small_index = R"([
 {"version": "go1.22.1", "stable": true, "files": [
  {"filename": "go1.22.1.linux-amd64.tar.gz", "os": "linux", "arch": "amd64", "kind": "archive",
   "sha256": "1111111111111111111111111111111111111111111111111111111111111111", "size": 10},
  {"filename": "go1.22.1.src.tar.gz", "os": "", "arch": "", "kind": "source", "sha256": "", "size": 5},
  {"filename": "go1.22.1.darwin-arm64.pkg", "os": "darwin", "arch": "arm64", "kind": "installer",
   "sha256": "", "size": 5}]},
 {"version": "go1.23rc1", "stable": false, "files": [
  {"filename": "go1.23rc1.linux-amd64.tar.gz", "os": "linux", "arch": "amd64", "kind": "archive",
   "sha256": "", "size": 0}]}
]
)";

const std::string k_newer_index = R"([
 {"version": "go1.22.2", "stable": true, "files": []},
 {"version": "go1.22.1", "stable": true, "files": []}
]
)";

// A go.dev-like mirror whose index and ETag the test can change.
struct FakeMirror {
    std::string body = k_small_index;
    std::string etag = "\"v1\"";
    std::string content_type = "application/json";
    HttpTestServer server{[this](const HttpRequest& request, HttpConnection& c, int) {
        if (request.header("if-none-match") == etag) {
            c.send("HTTP/1.1 304 Not Modified\r\nETag: " + etag + "\r\nConnection: close\r\n\r\n");
            return;
        }
        c.respond(200, body, {"ETag: " + etag, "Content-Type: " + content_type});
    }};
    Mirror mirror() const { return Mirror(server.url("/dl")); }
};

struct Fixture {
    test::TempDir home;
    Layout layout{home.path()};
    std::vector<std::string> notices;
    IndexLoadOptions options() {
        IndexLoadOptions o;
        TransferSettings settings;
        settings.allow_http = true;
        settings.backoff_total_seconds = 0.01;
        o.transfer = settings;
        o.notice = [this](const std::string& text) { notices.push_back(text); };
        return o;
    }
};

TEST(IndexCache, FetchesOnceThenServesFromTheCacheForTenMinutes) {
    Fixture f;
    FakeMirror mirror;
    auto first = load_index(f.layout, mirror.mirror(), f.options());
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(version_strings(*first), (std::vector<std::string>{"1.23rc1", "1.22.1"}));
    EXPECT_EQ(mirror.server.request_count(), 1);
    EXPECT_EQ(mirror.server.requests()[0].target, "/dl/?mode=json&include=all");
    const auto paths = index_cache_paths(f.layout, mirror.mirror());
    EXPECT_TRUE(fs::exists(paths.raw));
    EXPECT_TRUE(fs::exists(paths.digest));
    EXPECT_EQ(paths.raw.parent_path(), f.layout.cache_dir());

    age(paths.digest, 9);
    auto second = load_index(f.layout, mirror.mirror(), f.options());
    ASSERT_TRUE(second);
    EXPECT_EQ(mirror.server.request_count(), 1); // fresh: no request at all
    EXPECT_EQ(version_strings(*second), version_strings(*first));
    EXPECT_TRUE(f.notices.empty());
}

TEST(IndexCache, KeepsOnlyArchivesEitherWay) {
    Fixture f;
    FakeMirror mirror;
    const GoVersion stable = *GoVersion::parse("1.22.1");
    const GoVersion rc = *GoVersion::parse("1.23rc1");
    auto fetched = load_index(f.layout, mirror.mirror(), f.options());
    ASSERT_TRUE(fetched);
    ASSERT_EQ(fetched->find(stable)->files.size(), 1u); // the source and .pkg are dropped
    const ReleaseFile file = fetched->find(stable)->files[0];
    auto cached = load_index(f.layout, mirror.mirror(), f.options());
    ASSERT_TRUE(cached);
    EXPECT_EQ(mirror.server.request_count(), 1);
    ASSERT_EQ(cached->find(stable)->files.size(), 1u);
    const ReleaseFile& again = cached->find(stable)->files[0];
    EXPECT_EQ(again.filename, file.filename);
    EXPECT_EQ(again.sha256, file.sha256);
    EXPECT_EQ(again.sha256, std::string(64, '1'));
    EXPECT_EQ(again.size, 10u);
    EXPECT_EQ(again.os, "linux");
    EXPECT_EQ(again.arch, "amd64");
    EXPECT_EQ(again.kind, "archive");
    EXPECT_TRUE(cached->find(stable)->stable);
    EXPECT_FALSE(cached->find(rc)->stable);
    EXPECT_EQ(cached->find(rc)->files[0].sha256, "");
    EXPECT_EQ(cached->find(rc)->files[0].size, 0u);
}

// A cache written a moment ago is fresh. The file's mtime can come from the kernel's fine clock
// while time() still reads the previous second (about 1 write in 250 here): measured with
// time(), such a cache looked written in the future and was fetched again.
TEST(IndexCache, AJustWrittenCacheIsAlwaysFresh) {
    Fixture f;
    FakeMirror mirror;
    ASSERT_TRUE(load_index(f.layout, mirror.mirror(), f.options()));
    const fs::path digest = index_cache_paths(f.layout, mirror.mirror()).digest;
    const std::string text = read_text(digest);
    for (int i = 0; i < 3000; ++i) {
        write_file(digest, text); // the kernel stamps the mtime
        ASSERT_TRUE(load_index(f.layout, mirror.mirror(), f.options()));
        ASSERT_EQ(mirror.server.request_count(), 1) << "refetched after write " << i;
    }
}

TEST(IndexCache, PlatformOptionKeepsOnlyThatPlatformEitherWay) {
    Fixture f;
    FakeMirror mirror;
    mirror.body = fixture("go-dl-index-all-2026-08.json");
    auto options = f.options();
    options.platform = Platform{"darwin", "arm64"};
    auto check = [](const ReleaseIndex& index, const char* how) {
        SCOPED_TRACE(how);
        EXPECT_EQ(index.releases().size(), 363u); // every release, for version filters
        std::size_t with_archive = 0;
        for (const auto& release : index.releases()) {
            for (const auto& file : release.files) {
                EXPECT_EQ(file.os + "-" + file.arch, "darwin-arm64") << file.filename;
            }
            with_archive += release.files.empty() ? 0 : 1;
        }
        EXPECT_EQ(with_archive, 181u);
    };
    auto fetched = load_index(f.layout, mirror.mirror(), options);
    ASSERT_TRUE(fetched) << fetched.error().message;
    check(*fetched, "fetched");
    auto cached = load_index(f.layout, mirror.mirror(), options);
    ASSERT_TRUE(cached);
    check(*cached, "cached");
    EXPECT_EQ(mirror.server.request_count(), 1);
    // The cache itself keeps every platform.
    auto everything = load_index(f.layout, mirror.mirror(), f.options());
    ASSERT_TRUE(everything);
    EXPECT_EQ(everything->find(*GoVersion::parse("1.22.5"))->archive_platforms().size(), 40u);
}

TEST(IndexCache, RevalidatesAStaleCacheWithItsETag) {
    Fixture f;
    FakeMirror mirror;
    ASSERT_TRUE(load_index(f.layout, mirror.mirror(), f.options()));
    const auto paths = index_cache_paths(f.layout, mirror.mirror());
    age(paths.digest, 11);
    auto revalidated = load_index(f.layout, mirror.mirror(), f.options());
    ASSERT_TRUE(revalidated) << revalidated.error().message;
    ASSERT_EQ(mirror.server.request_count(), 2);
    EXPECT_EQ(mirror.server.requests()[1].header("if-none-match"), "\"v1\"");
    EXPECT_EQ(version_strings(*revalidated), (std::vector<std::string>{"1.23rc1", "1.22.1"}));
    // 304 restarted the freshness window.
    ASSERT_TRUE(load_index(f.layout, mirror.mirror(), f.options()));
    EXPECT_EQ(mirror.server.request_count(), 2);
}

TEST(IndexCache, PicksUpAChangedIndex) {
    Fixture f;
    FakeMirror mirror;
    ASSERT_TRUE(load_index(f.layout, mirror.mirror(), f.options()));
    mirror.body = k_newer_index;
    mirror.etag = "\"v2\"";
    age(index_cache_paths(f.layout, mirror.mirror()).digest, 11);
    auto changed = load_index(f.layout, mirror.mirror(), f.options());
    ASSERT_TRUE(changed);
    EXPECT_EQ(version_strings(*changed), (std::vector<std::string>{"1.22.2", "1.22.1"}));
    auto cached = load_index(f.layout, mirror.mirror(), f.options());
    ASSERT_TRUE(cached);
    EXPECT_EQ(version_strings(*cached), version_strings(*changed));
    EXPECT_EQ(mirror.server.request_count(), 2);
}

TEST(IndexCache, RefreshIgnoresFreshness) {
    Fixture f;
    FakeMirror mirror;
    ASSERT_TRUE(load_index(f.layout, mirror.mirror(), f.options()));
    auto options = f.options();
    options.refresh = true;
    ASSERT_TRUE(load_index(f.layout, mirror.mirror(), options));
    EXPECT_EQ(mirror.server.request_count(), 2);
}

TEST(IndexCache, UsesTheCacheWithANoticeWhenOffline) {
    Fixture f;
    auto mirror = std::make_unique<FakeMirror>();
    const Mirror where = mirror->mirror();
    ASSERT_TRUE(load_index(f.layout, where, f.options()));
    mirror.reset(); // the mirror goes away
    age(index_cache_paths(f.layout, where).digest, 180);
    auto offline = load_index(f.layout, where, f.options());
    ASSERT_TRUE(offline) << offline.error().message;
    EXPECT_EQ(version_strings(*offline), (std::vector<std::string>{"1.23rc1", "1.22.1"}));
    ASSERT_EQ(f.notices.size(), 1u);
    EXPECT_NE(f.notices[0].find("using the cached release index from 3 h ago"), std::string::npos)
        << f.notices[0];
    EXPECT_NE(f.notices[0].find("cannot connect"), std::string::npos) << f.notices[0];
}

TEST(IndexCache, OfflineWithoutACacheIsANetworkError) {
    Fixture f;
    std::string url;
    {
        FakeMirror mirror;
        url = mirror.server.url("/dl/");
    }
    auto result = load_index(f.layout, Mirror(url), f.options());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::network);
    EXPECT_NE(result.error().message.find(url + "?mode=json&include=all"), std::string::npos);
}

TEST(IndexCache, HtmlInsteadOfAnIndex) {
    Fixture f;
    FakeMirror mirror;
    mirror.body = "<html><body>Please log in</body></html>";
    auto result = load_index(f.layout, mirror.mirror(), f.options());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::index);
    EXPECT_NE(result.error().message.find("is not a release index (got HTML?)"), std::string::npos);
    EXPECT_FALSE(fs::exists(index_cache_paths(f.layout, mirror.mirror()).digest));

    // With a good cache, a captive portal's HTML falls back to it.
    mirror.body = k_small_index;
    ASSERT_TRUE(load_index(f.layout, mirror.mirror(), f.options()));
    mirror.body = "<html>portal</html>";
    mirror.etag = "\"portal\"";
    age(index_cache_paths(f.layout, mirror.mirror()).digest, 30);
    auto fallback = load_index(f.layout, mirror.mirror(), f.options());
    ASSERT_TRUE(fallback);
    ASSERT_EQ(f.notices.size(), 1u);
    EXPECT_NE(f.notices[0].find("got HTML?"), std::string::npos);
}

TEST(IndexCache, HttpMirrorIsRefusedBeforeAnyRequestEvenWhenCached) {
    Fixture f;
    FakeMirror mirror;
    ASSERT_TRUE(load_index(f.layout, mirror.mirror(), f.options()));
    auto options = f.options();
    options.transfer->allow_http = false;
    auto result = load_index(f.layout, mirror.mirror(), options);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::usage);
    EXPECT_EQ(mirror.server.request_count(), 1);
}

TEST(IndexCache, DamagedDigestFallsBackToTheRawCopyOrRefetches) {
    Fixture f;
    FakeMirror mirror;
    ASSERT_TRUE(load_index(f.layout, mirror.mirror(), f.options()));
    const auto paths = index_cache_paths(f.layout, mirror.mirror());
    write_file(paths.digest, "gover-index-digest 1\nurl nonsense");
    // The raw JSON carries no validators: a full fetch, then a fresh digest.
    auto result = load_index(f.layout, mirror.mirror(), f.options());
    ASSERT_TRUE(result);
    EXPECT_EQ(mirror.server.request_count(), 2);
    EXPECT_TRUE(mirror.server.requests()[1].header("if-none-match").empty());
    ASSERT_TRUE(load_index(f.layout, mirror.mirror(), f.options()));
    EXPECT_EQ(mirror.server.request_count(), 2);
}

TEST(IndexCache, OneCachePerMirror) {
    Fixture f;
    FakeMirror a;
    FakeMirror b;
    b.body = k_newer_index;
    EXPECT_NE(index_cache_paths(f.layout, a.mirror()).digest,
              index_cache_paths(f.layout, b.mirror()).digest);
    auto from_a = load_index(f.layout, a.mirror(), f.options());
    auto from_b = load_index(f.layout, b.mirror(), f.options());
    ASSERT_TRUE(from_a && from_b);
    EXPECT_EQ(version_strings(*from_a).front(), "1.23rc1");
    EXPECT_EQ(version_strings(*from_b).front(), "1.22.2");
    // A missing trailing slash names the same mirror.
    EXPECT_EQ(index_cache_paths(f.layout, Mirror("https://m.example/dl")).digest,
              index_cache_paths(f.layout, Mirror("https://m.example/dl/")).digest);
}

TEST(FileMirror, ReadsIndexJsonAndReusesTheDigestWhileUnchanged) {
    Fixture f;
    test::TempDir dir;
    write_file(dir / "index.json", k_small_index);
    const Mirror mirror("file://" + dir.path().string());
    auto first = load_index(f.layout, mirror, f.options());
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(version_strings(*first), (std::vector<std::string>{"1.23rc1", "1.22.1"}));

    // Same size and modification time: the digest answers, the file is not read again.
    const auto when = fs::last_write_time(dir / "index.json");
    write_file(dir / "index.json", std::string(k_small_index.size(), ' '));
    fs::last_write_time(dir / "index.json", when);
    auto cached = load_index(f.layout, mirror, f.options());
    ASSERT_TRUE(cached) << cached.error().message;
    EXPECT_EQ(version_strings(*cached), version_strings(*first));

    // A changed file is read again.
    write_file(dir / "index.json", k_newer_index);
    auto changed = load_index(f.layout, mirror, f.options());
    ASSERT_TRUE(changed);
    EXPECT_EQ(version_strings(*changed).front(), "1.22.2");
}

TEST(FileMirror, Errors) {
    Fixture f;
    test::TempDir dir;
    auto missing = load_index(f.layout, Mirror("file://" + dir.path().string()), f.options());
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::io);
    EXPECT_NE(missing.error().message.find((dir / "index.json").string()), std::string::npos);

    write_file(dir / "index.json", "<!doctype html><p>hi");
    auto html = load_index(f.layout, Mirror("file://" + dir.path().string()), f.options());
    ASSERT_FALSE(html);
    EXPECT_EQ(html.error().code, ErrorCode::index);

    auto remote = load_index(f.layout, Mirror("file://server/share/"), f.options());
    ASSERT_FALSE(remote);
    EXPECT_EQ(remote.error().code, ErrorCode::usage);
}

TEST(Digest, RoundTripsTheReal2026Index) {
    auto parsed = ReleaseIndex::parse(fixture("go-dl-index-all-2026-08.json"), "fixture");
    ASSERT_TRUE(parsed);
    const ReleaseIndex archives = archives_only(*parsed);
    const DigestMeta meta{"https://go.dev/dl/", "\"abc def\"", "Tue, 18 Aug 2026 10:00:00 GMT"};
    const std::string text = write_digest(*parsed, meta);
    auto read = read_digest(text);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->meta.url, meta.url);
    EXPECT_EQ(read->meta.etag, meta.etag);
    EXPECT_EQ(read->meta.last_modified, meta.last_modified);
    ASSERT_EQ(read->index.releases().size(), archives.releases().size());
    std::size_t files = 0;
    for (std::size_t i = 0; i < archives.releases().size(); ++i) {
        const Release& want = archives.releases()[i];
        const Release& got = read->index.releases()[i];
        EXPECT_EQ(got.version.str(), want.version.str());
        EXPECT_EQ(got.stable, want.stable);
        ASSERT_EQ(got.files.size(), want.files.size()) << want.version.str();
        for (std::size_t j = 0; j < want.files.size(); ++j) {
            EXPECT_EQ(got.files[j].filename, want.files[j].filename);
            EXPECT_EQ(got.files[j].os, want.files[j].os);
            EXPECT_EQ(got.files[j].arch, want.files[j].arch);
            EXPECT_EQ(got.files[j].sha256, want.files[j].sha256);
            EXPECT_EQ(got.files[j].size, want.files[j].size);
            EXPECT_EQ(got.files[j].kind, "archive");
        }
        files += got.files.size();
    }
    EXPECT_GT(files, 3000u);
    // Smaller than the JSON it stands for: that is its point.
    EXPECT_LT(text.size(), fixture("go-dl-index-all-2026-08.json").size() / 2);
}

TEST(Digest, RejectsDamage) {
    auto parsed = ReleaseIndex::parse(k_small_index, "small");
    ASSERT_TRUE(parsed);
    const std::string good = write_digest(*parsed, DigestMeta{"https://m/", "", ""});
    ASSERT_TRUE(read_digest(good));
    const std::vector<std::string> bad = {
        "",
        good.substr(0, good.size() - 1),          // no final newline
        good.substr(0, good.find("end ")),        // cut before the end marker
        "gover-index-digest 0" + good.substr(20), // another format version
        good + "r 1.0.0 s\n",                     // data after the end
        [&] {
            std::string text = good;
            text.replace(text.find("r 1.22.1"), 8, "r 1.22.x");
            return text;
        }(),
        [&] {
            std::string text = good;
            text.replace(text.find("go1.22.1.linux"), 3, "../");
            return text;
        }(),
        [&] {
            std::string text = good;
            text.replace(text.find(" 10 "), 4, " -1 ");
            return text;
        }(),
    };
    for (const auto& text : bad) {
        auto result = read_digest(text);
        EXPECT_FALSE(result) << text;
        if (!result) {
            EXPECT_EQ(result.error().code, ErrorCode::index);
        }
    }
}

} // namespace
} // namespace gover
