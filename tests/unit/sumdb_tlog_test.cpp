// The checksum database's Merkle tree, tiles and tree heads. Vectors: the tree-head and record
// examples of Go's golang.org/x/mod/sumdb/tlog tests, and the RFC 6962 test tree used by
// Certificate Transparency's reference tests (roots and proofs as Go's tlog computes them).
#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "gover/sumdb/tlog_hash.hpp"
#include "gover/sumdb/tlog_proof.hpp"
#include "gover/sumdb/tlog_tile.hpp"
#include "gover/sumdb/tree_note.hpp"

namespace gover::sumdb {
namespace {

std::string hex(const TlogHash& hash) {
    std::string out;
    char digits[3];
    for (auto byte : hash) {
        std::snprintf(digits, sizeof digits, "%02x", byte);
        out += digits;
    }
    return out;
}

// An append-only log in memory, the way a server stores its hashes.
struct MemoryLog {
    std::vector<TlogHash> stored;
    std::vector<TlogHash> roots; // roots[i]: the tree of i + 1 records

    HashReader reader() const {
        return [this](int level, std::int64_t n) -> Result<TlogHash> {
            const auto index = stored_hash_index(level, n);
            if (index >= static_cast<std::int64_t>(stored.size())) {
                return fail(ErrorCode::not_found, "no such hash");
            }
            return stored[static_cast<std::size_t>(index)];
        };
    }
    void append(std::string_view data) {
        const auto n = static_cast<std::int64_t>(roots.size());
        auto hashes = stored_hashes_for_record(n, record_hash(data), reader());
        ASSERT_TRUE(hashes);
        stored.insert(stored.end(), hashes->begin(), hashes->end());
        ASSERT_EQ(stored_hash_count(n + 1), static_cast<std::int64_t>(stored.size()));
        auto root = tree_hash(n + 1, reader());
        ASSERT_TRUE(root);
        roots.push_back(*root);
    }
};

const std::vector<std::string> k_rfc6962_leaves{
    std::string(),
    std::string(1, '\0'),
    "\x10",
    "\x20\x21",
    "\x30\x31",
    "\x40\x41\x42\x43",
    "\x50\x51\x52\x53\x54\x55\x56\x57",
    "\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f"};

MemoryLog rfc6962_log() {
    MemoryLog log;
    for (const auto& leaf : k_rfc6962_leaves) {
        log.append(leaf);
    }
    return log;
}

TEST(SumdbTlog, Rfc6962TreeRoots) {
    const auto log = rfc6962_log();
    const std::vector<std::string> roots{
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
    ASSERT_EQ(log.roots.size(), roots.size());
    for (std::size_t i = 0; i < roots.size(); ++i) {
        EXPECT_EQ(hex(log.roots[i]), roots[i]) << "tree of " << i + 1;
    }
    EXPECT_EQ(hex(*tree_hash(0, log.reader())), std::string(64, '0'));
}

TEST(SumdbTlog, Rfc6962Proofs) {
    const auto log = rfc6962_log();
    const auto expect_record = [&](std::int64_t size, std::int64_t n,
                                   const std::vector<std::string>& want) {
        auto proof = prove_record(size, n, log.reader());
        ASSERT_TRUE(proof);
        std::vector<std::string> got;
        for (const auto& hash : *proof) {
            got.push_back(hex(hash));
        }
        EXPECT_EQ(got, want) << size << " " << n;
        const auto leaf = record_hash(k_rfc6962_leaves[static_cast<std::size_t>(n)]);
        EXPECT_TRUE(check_record(*proof, size, log.roots[size - 1], n, leaf));
    };
    expect_record(8, 0,
                  {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                   "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                   "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"});
    expect_record(8, 5,
                  {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                   "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                   "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"});
    expect_record(7, 6,
                  {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                   "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"});
    expect_record(5, 4, {"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"});

    const auto expect_tree = [&](std::int64_t size, std::int64_t old_size,
                                 const std::vector<std::string>& want) {
        auto proof = prove_tree(size, old_size, log.reader());
        ASSERT_TRUE(proof);
        std::vector<std::string> got;
        for (const auto& hash : *proof) {
            got.push_back(hex(hash));
        }
        EXPECT_EQ(got, want) << size << " " << old_size;
        EXPECT_TRUE(
            check_tree(*proof, size, log.roots[size - 1], old_size, log.roots[old_size - 1]));
    };
    expect_tree(8, 1,
                {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                 "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                 "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"});
    expect_tree(8, 4, {"6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"});
    expect_tree(8, 6,
                {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                 "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                 "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"});
    expect_tree(7, 3,
                {"0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                 "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                 "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                 "837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e"});
    expect_tree(5, 2,
                {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                 "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"});
}

TEST(SumdbTlog, StoredHashIndexes) {
    // Values from Go's tlog.
    EXPECT_EQ(stored_hash_index(3, 5), 92);
    EXPECT_EQ(stored_hash_index(0, 1000000), 1999993);
    EXPECT_EQ(stored_hash_count(1000001), 1999994);
    for (int level = 0; level < 10; ++level) {
        for (std::int64_t n = 0; n < 100; ++n) {
            const auto index = stored_hash_index(level, n);
            EXPECT_EQ(split_stored_hash_index(index), std::make_pair(level, n)) << index;
        }
    }
}

// Every proof in every tree of up to 100 records checks, and no proof checks with any one of
// its hashes changed (the self-test Go's tlog runs, here against our own proofs and tiles).
TEST(SumdbTlog, AllProofsInGrowingTrees) {
    MemoryLog log;
    for (int i = 0; i < 100; ++i) {
        log.append("leaf " + std::to_string(i));
    }
    for (std::int64_t size = 1; size <= 100; ++size) {
        const auto& root = log.roots[size - 1];
        for (std::int64_t n = 0; n < size; ++n) {
            auto proof = prove_record(size, n, log.reader());
            ASSERT_TRUE(proof);
            const auto leaf = record_hash("leaf " + std::to_string(n));
            ASSERT_TRUE(check_record(*proof, size, root, n, leaf)) << size << " " << n;
            EXPECT_FALSE(check_record(*proof, size, root, n, record_hash("other")));
            for (auto& hash : *proof) {
                hash[0] ^= 1;
                EXPECT_FALSE(check_record(*proof, size, root, n, leaf)) << size << " " << n;
                hash[0] ^= 1;
            }
        }
        for (std::int64_t old_size = 1; old_size <= size; ++old_size) {
            const auto& old_root = log.roots[old_size - 1];
            auto proof = prove_tree(size, old_size, log.reader());
            ASSERT_TRUE(proof);
            ASSERT_TRUE(check_tree(*proof, size, root, old_size, old_root))
                << size << " " << old_size;
            for (auto& hash : *proof) {
                hash[0] ^= 1;
                EXPECT_FALSE(check_tree(*proof, size, root, old_size, old_root));
                hash[0] ^= 1;
            }
            if (old_size < size) {
                EXPECT_FALSE(check_tree(*proof, size, root, old_size, log.roots[size - 1]));
            }
        }
    }
}

// Tiles of height 2 cut from the log: every stored hash of every tree can be read back from the
// tile tile_for_hash names, full or partial.
TEST(SumdbTlog, HashesFromTiles) {
    MemoryLog log;
    for (int i = 0; i < 40; ++i) {
        log.append("leaf " + std::to_string(i));
    }
    const int height = 2;
    for (std::int64_t size = 1; size <= 40; ++size) {
        for (int level = 0; (std::int64_t{1} << level) <= size; ++level) {
            for (std::int64_t n = 0; ((n + 1) << level) <= size; ++n) {
                const Tile tile = tile_for_hash(height, size, level, n);
                std::string data;
                const int base = tile.level * height;
                for (int i = 0; i < tile.width; ++i) {
                    const auto& hash = log.stored[static_cast<std::size_t>(
                        stored_hash_index(base, (tile.index << height) + i))];
                    data.append(reinterpret_cast<const char*>(hash.data()), hash.size());
                }
                auto hash = hash_from_tile(tile, data, level, n);
                ASSERT_TRUE(hash) << hash.error().message;
                EXPECT_EQ(*hash, log.stored[static_cast<std::size_t>(stored_hash_index(level, n))])
                    << tile_path(tile) << " level " << level << " n " << n;
                auto short_data = hash_from_tile(tile, data.substr(0, data.size() - 1), level, n);
                ASSERT_FALSE(short_data);
                EXPECT_NE(short_data.error().message.find("truncated"), std::string::npos);
            }
        }
    }
}

TEST(SumdbTlog, TilePaths) {
    // Go's tlog path examples.
    const std::vector<std::pair<std::string, Tile>> good{
        {"tile/4/0/001", {4, 0, 1, 16}},
        {"tile/4/0/001.p/5", {4, 0, 1, 5}},
        {"tile/3/5/x123/x456/078", {3, 5, 123456078, 8}},
        {"tile/3/5/x123/x456/078.p/2", {3, 5, 123456078, 2}},
        {"tile/1/0/x003/x057/500", {1, 0, 3057500, 2}},
        {"tile/1/data/x003/x057/500", {1, -1, 3057500, 2}},
        {"tile/8/data/000.p/3", {8, -1, 0, 3}},
    };
    for (const auto& [path, tile] : good) {
        EXPECT_EQ(tile_path(tile), path);
        const auto parsed = parse_tile_path(path);
        ASSERT_TRUE(parsed) << path;
        EXPECT_EQ(*parsed, tile) << path;
    }
    for (const char* bad : {"tile/3/5/123/456/078", "tile/3/-1/123/456/078", "tile/0/0/001",
                            "tile/31/0/001", "tile/8/0/01", "tile/8/0/001.p/256",
                            "tile/8/0/001.p/0", "tile/8/0/001.p/", "tile/8/64/001", "tiles/8/0/001",
                            "tile/8/0", "tile/8/0/x001", "tile/8/0/+01", "tile/8/0/.p/5"}) {
        EXPECT_FALSE(parse_tile_path(bad)) << bad;
    }
    EXPECT_EQ(tile_path(tile_for_hash(8, 1000, 0, 999)), "tile/8/0/003.p/232");
    EXPECT_EQ(tile_path(tile_for_hash(8, 1000, 0, 10)), "tile/8/0/000");
    EXPECT_EQ(tile_path(tile_for_hash(8, 1000, 1, 10)), "tile/8/0/000");
    EXPECT_EQ(tile_path(tile_for_hash(8, 70000, 9, 1)), "tile/8/1/000");
    EXPECT_EQ(tile_path(tile_for_hash(8, 70000, 8, 260)), "tile/8/1/001.p/17");
}

TEST(SumdbTreeNote, FormatAndParseGoExamples) {
    const Tree tree{123456789012, record_hash("hello world")};
    const std::string text =
        "go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n";
    EXPECT_EQ(format_tree(tree), text);
    for (const auto& good : {text, text + "JOE", text + "JOE\n"}) {
        auto parsed = parse_tree(good, "test");
        ASSERT_TRUE(parsed);
        EXPECT_EQ(*parsed, tree);
    }
    for (const std::string& bad :
         {"not-" + text,
          std::string(
              "go.sum database tree\n0xabcdef\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n"),
          std::string("go.sum database "
                      "tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n"),
          std::string("go.sum database tree\n0123\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n"),
          std::string("go.sum database tree\n-1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n"),
          std::string("go.sum database tree\n12\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=")}) {
        const auto parsed = parse_tree(bad, "https://db/latest");
        ASSERT_FALSE(parsed) << bad;
        EXPECT_NE(parsed.error().message.find("https://db/latest"), std::string::npos);
    }
}

TEST(SumdbTreeNote, RecordsGoExamples) {
    const auto record = parse_record("123456789012\nhello, world\n\njunk on end\x01\xff");
    ASSERT_TRUE(record);
    EXPECT_EQ(record->id, 123456789012);
    EXPECT_EQ(record->text, "hello, world\n");
    EXPECT_EQ(record->rest, "junk on end\x01\xff");
    const auto bare = parse_record("123456789012\nhello, world\n\n");
    ASSERT_TRUE(bare);
    EXPECT_TRUE(bare->rest.empty());
    for (const char* bad : {"not-123456789012\nhello, world\n\n", "123\nhello\x01world\n\n",
                            "123\nhello\xffworld\n\n", "123\nhello world\n",
                            "0x123\nhello world\n\n", "123\n\n", "123\n\n\nx\n\n"}) {
        EXPECT_FALSE(parse_record(bad)) << bad;
    }
}

TEST(SumdbTreeNote, DataTiles) {
    const Tile tile{8, -1, 0, 2};
    const auto records =
        parse_data_tile(tile, "0\na v1 h1:x\n\n1\nb v1 h1:y\nb v1/go.mod h1:z\n\n");
    ASSERT_TRUE(records) << records.error().message;
    ASSERT_EQ(records->size(), 2u);
    EXPECT_EQ((*records)[1], "b v1 h1:y\nb v1/go.mod h1:z\n");
    for (const char* bad : {"0\na v1 h1:x\n\n", "0\na v1 h1:x\n\n2\nb v1 h1:y\n\n",
                            "0\na v1 h1:x\n\n1\nb v1 h1:y\n\nextra"}) {
        const auto result = parse_data_tile(tile, bad);
        ASSERT_FALSE(result) << bad;
        EXPECT_NE(result.error().message.find("tile/8/data/000.p/2"), std::string::npos);
    }
}

} // namespace
} // namespace gover::sumdb
