// The checksum database client against the real thing: tests/support/sumdb_server, a server
// built on Go's own golang.org/x/mod/sumdb, note and tlog packages with a throwaway key.
#include "gover/sumdb/sumdb_client.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/sumdb_test_server.hpp"
#include "support/temp_dir.hpp"

namespace gover::sumdb {
namespace {

namespace fs = std::filesystem;

const std::string k_module = "golang.org/toolchain";
const std::string k_version = "v0.0.1-go1.19.8.linux-amd64";
const std::string k_zip_h1 = "h1:jsGGxQc2kjFz7pq8XvL8DPWBSTRe3r9ONyP6N6qNxHg=";
const std::string k_mod_h1 = "h1:xNn5lIc9ZX3CbgvoN+Y5nZRdUj7o8rq8aLbCz6Ge7UM=";

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string record_arg(const std::string& version, const std::string& h1) {
    return k_module + "@" + version + "=" + h1;
}

class SumdbClientTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!fs::exists(GOVER_SUMDB_SERVER)) {
            GTEST_SKIP() << "no " << GOVER_SUMDB_SERVER
                         << " (needs golang-1.19-go and golang-golang-x-mod-dev)";
        }
    }

    // A server for the records, signing with the key in key_file (shared by restarts).
    std::unique_ptr<test::SumdbTestServer> start(std::vector<std::string> args) {
        args.insert(args.begin(), {"-key-file", (home_ / "server.key").string()});
        return std::make_unique<test::SumdbTestServer>(GOVER_SUMDB_SERVER, args);
    }

    // The toolchain's record after `filler` made-up records and before `after` more.
    std::vector<std::string> toolchain_records(int filler, int after = 0) const {
        return {"-filler",
                std::to_string(filler),
                "-after",
                std::to_string(after),
                record_arg(k_version, k_zip_h1),
                record_arg(k_version + "/go.mod", k_mod_h1)};
    }

    Result<SumdbLookup> lookup(const test::SumdbTestServer& server, const std::string& version,
                               const std::string& key_text = {}) {
        auto key = parse_verifier_key(key_text.empty() ? server.vkey() : key_text);
        EXPECT_TRUE(key);
        auto dirs = sumdb_dirs(home_.path(), key->name);
        EXPECT_TRUE(dirs);
        auto fetcher = make_http_fetcher(server.url(), fast_settings());
        SumdbClient client(*key, *fetcher, *dirs);
        return client.lookup(k_module, version);
    }

    static TransferSettings fast_settings() {
        TransferSettings settings;
        settings.max_attempts = 1;
        settings.connect_timeout_seconds = 5;
        return settings;
    }

    fs::path latest() const { return home_ / "sumdb/sum.gover.test/latest"; }
    fs::path tile_cache() const { return home_ / "cache/sumdb/sum.gover.test"; }

    test::TempDir home_;
};

TEST_F(SumdbClientTest, ProvesALookupAndRecordsTheTree) {
    auto server = start(toolchain_records(10, 290));
    auto found = lookup(*server, k_version);
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_EQ(found->h1, k_zip_h1);
    EXPECT_EQ(found->lines,
              (std::vector<std::string>{k_module + " " + k_version + " " + k_zip_h1,
                                        k_module + " " + k_version + "/go.mod " + k_mod_h1}));
    EXPECT_EQ(found->database, "sum.gover.test");
    EXPECT_EQ(found->record_id, 10);
    EXPECT_EQ(found->tree_size, 301);
    EXPECT_EQ(found->root_hash.size(), 44u);
    EXPECT_GT(found->tiles.requests, 0);
    // latest holds the signed tree head; the full tile is cached.
    const std::string note = read_file(latest());
    EXPECT_TRUE(note.starts_with("go.sum database tree\n301\n" + found->root_hash + "\n\n"))
        << note;
    EXPECT_EQ(fs::file_size(tile_cache() / "tile/8/0/000"), 256u * 32);
    EXPECT_FALSE(fs::exists(tile_cache() / "tile/8/0/001.p"));

    // Again: the cached tile serves, latest stays.
    auto again = lookup(*server, k_version);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_GT(again->tiles.cache_hits, 0);
    EXPECT_LT(again->tiles.requests, found->tiles.requests);
    EXPECT_EQ(read_file(latest()), note);
}

TEST_F(SumdbClientTest, ProvesInATreeWithThreeTileLevels) {
    auto server = start(toolchain_records(69000, 1000));
    auto found = lookup(*server, k_version);
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_EQ(found->tree_size, 70001);
    EXPECT_EQ(found->record_id, 69000);
    EXPECT_EQ(found->h1, k_zip_h1);
}

TEST_F(SumdbClientTest, AGrowingTreeMovesLatestForward) {
    {
        auto first = start(toolchain_records(5));
        ASSERT_TRUE(lookup(*first, k_version));
    }
    auto args = toolchain_records(5);
    args.push_back(record_arg("v0.0.1-go1.20.linux-amd64", k_mod_h1));
    auto grown = start(args);
    auto found = lookup(*grown, "v0.0.1-go1.20.linux-amd64");
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_EQ(found->tree_size, 7);
    EXPECT_TRUE(read_file(latest()).starts_with("go.sum database tree\n7\n"));
}

TEST_F(SumdbClientTest, AForkedTreeIsRefusedAndLatestKept) {
    {
        auto first = start(toolchain_records(5));
        ASSERT_TRUE(lookup(*first, k_version));
    }
    const std::string before = read_file(latest());
    // Restarted with the same key, but a record slipped in before ours: a different history.
    auto forked = start({"-filler", "5", record_arg("v0.0.1-go1.20.linux-amd64", k_mod_h1),
                         record_arg(k_version, k_zip_h1)});
    auto found = lookup(*forked, k_version);
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().code, ErrorCode::checksum);
    const std::string& message = found.error().message;
    EXPECT_NE(message.find("may be compromised"), std::string::npos) << message;
    EXPECT_NE(message.find("tree of 7 records"), std::string::npos) << message;
    EXPECT_NE(message.find("tree of 6 records"), std::string::npos) << message;
    EXPECT_EQ(read_file(latest()), before);
}

TEST_F(SumdbClientTest, TheSameSizeWithAnotherRootIsAFork) {
    {
        auto first = start(toolchain_records(5));
        ASSERT_TRUE(lookup(*first, k_version));
    }
    const std::string before = read_file(latest());
    auto forked = start({"-filler", "5", record_arg(k_version, k_mod_h1)});
    auto found = lookup(*forked, k_version);
    ASSERT_FALSE(found);
    EXPECT_NE(found.error().message.find("may be compromised"), std::string::npos);
    EXPECT_EQ(read_file(latest()), before);
}

TEST_F(SumdbClientTest, WrongKeyIsRefused) {
    auto server = start(toolchain_records(5));
    auto found = lookup(*server, k_version,
                        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().code, ErrorCode::checksum);
    EXPECT_NE(found.error().message.find("not signed by PeterNeumann+c74f20a3"), std::string::npos)
        << found.error().message;
    EXPECT_FALSE(fs::exists(home_ / "sumdb/PeterNeumann/latest"));
}

TEST_F(SumdbClientTest, BadSignatureIsRefused) {
    auto args = toolchain_records(5);
    args.insert(args.begin(), {"-fault", "badsig"});
    auto server = start(args);
    auto found = lookup(*server, k_version);
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().code, ErrorCode::checksum);
    EXPECT_NE(found.error().message.find("invalid signature by sum.gover.test+"), std::string::npos)
        << found.error().message;
    EXPECT_FALSE(fs::exists(latest()));
}

TEST_F(SumdbClientTest, VersionMissingIsNotFound) {
    auto server = start(toolchain_records(5));
    auto found = lookup(*server, "v0.0.1-go1.99.0.linux-amd64");
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().code, ErrorCode::not_found);
    EXPECT_NE(found.error().message.find(k_module + "@v0.0.1-go1.99.0.linux-amd64 is not in the "
                                                    "checksum database sum.gover.test"),
              std::string::npos)
        << found.error().message;
    EXPECT_FALSE(fs::exists(latest()));
}

TEST_F(SumdbClientTest, MissingTileIsAnError) {
    auto args = toolchain_records(300);
    args.insert(args.begin(), {"-fault", "tile404"});
    auto server = start(args);
    auto found = lookup(*server, k_version);
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().code, ErrorCode::network);
    EXPECT_NE(found.error().message.find("missing tile " + server->url() + "/tile/8/"),
              std::string::npos)
        << found.error().message;
    EXPECT_FALSE(fs::exists(latest()));
    EXPECT_FALSE(fs::exists(tile_cache() / "tile"));
}

TEST_F(SumdbClientTest, TruncatedTileIsAnError) {
    auto args = toolchain_records(300);
    args.insert(args.begin(), {"-fault", "tiletrunc"});
    auto server = start(args);
    auto found = lookup(*server, k_version);
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().code, ErrorCode::checksum);
    EXPECT_NE(found.error().message.find("bytes, not"), std::string::npos) << found.error().message;
    EXPECT_FALSE(fs::exists(latest()));
    EXPECT_FALSE(fs::exists(tile_cache() / "tile"));
}

TEST_F(SumdbClientTest, ADamagedCachedTileIsFetchedAgain) {
    auto server = start(toolchain_records(10, 290));
    ASSERT_TRUE(lookup(*server, k_version));
    const auto cached = tile_cache() / "tile/8/0/000";
    std::string data = read_file(cached);
    ASSERT_EQ(data.size(), 256u * 32);
    data[100] ^= 1;
    std::ofstream(cached, std::ios::binary | std::ios::trunc) << data;
    auto again = lookup(*server, k_version);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->h1, k_zip_h1);
}

TEST_F(SumdbClientTest, ALatestThatIsNotSignedIsAnError) {
    auto server = start(toolchain_records(5));
    ASSERT_TRUE(lookup(*server, k_version));
    std::string note = read_file(latest());
    note[note.find("\n") + 1] = '9';
    std::ofstream(latest(), std::ios::binary | std::ios::trunc) << note;
    auto found = lookup(*server, k_version);
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().code, ErrorCode::checksum);
    EXPECT_NE(found.error().message.find(latest().string() + " is not a tree head signed by"),
              std::string::npos)
        << found.error().message;
    EXPECT_EQ(read_file(latest()), note);
}

TEST(SumdbClientNames, DirsAndEscapes) {
    auto dirs = sumdb_dirs("/home/g", "sum.golang.org");
    ASSERT_TRUE(dirs);
    EXPECT_EQ(dirs->state, fs::path("/home/g/sumdb/sum.golang.org"));
    EXPECT_EQ(dirs->tile_cache, fs::path("/home/g/cache/sumdb/sum.golang.org"));
    EXPECT_TRUE(sumdb_dirs("/home/g", "example.com:8080/db"));
    for (const char* bad : {"", "..", "a/../b", "/abs", "a//b", "a b", "a/"}) {
        EXPECT_FALSE(sumdb_dirs("/home/g", bad)) << bad;
    }
    EXPECT_EQ(*escape_module_path("github.com/Azure/go"), "github.com/!azure/go");
    EXPECT_EQ(*escape_module_version("v1.0.0-RC1"), "v1.0.0-!r!c1");
    EXPECT_FALSE(escape_module_path("a/../b"));
    EXPECT_FALSE(escape_module_path("a b"));
    EXPECT_FALSE(escape_module_version("v1/x"));
    EXPECT_FALSE(escape_module_version("v1?x"));
}

} // namespace
} // namespace gover::sumdb
