#include "gover/archive/archive_extract.hpp"
#include "gover/archive/archive_filter.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "gover/base/byte_channel.hpp"
#include "gover/base/sha256.hpp"
#include "support/archive_builder.hpp"
#include "support/read_back.hpp"
#include "support/simulated_tree.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace gover {
namespace {

using test::mode_of;
using test::read_file;

// Every path under root, relative, sorted; symlinks are not followed.
std::vector<std::string> tree(const fs::path& root) {
    std::vector<std::string> out;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
         ++it) {
        out.push_back(fs::relative(it->path(), root).string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

struct Unpacked {
    test::TempDir dir;
    fs::path archive() const { return dir / "archive.tar.gz"; }
    fs::path dest() const { return dir / "dest"; }
    fs::path outside() const { return dir / "outside"; }

    Result<ExtractResult> run(const test::ArchiveBuilder& builder, ArchiveLimits limits = {}) {
        builder.write_tar_gz(archive());
        fs::create_directories(dest());
        fs::create_directories(outside());
        std::ofstream(outside() / "victim") << "untouched\n";
        return extract_archive_file(archive(), dest(), ExtractOptions{limits, "test.tar.gz", {}});
    }
};

// ---- The filter, entry by entry ----

ArchiveEntryInfo file(std::string path, unsigned mode = 0644, std::uint64_t size = 1) {
    return ArchiveEntryInfo{std::move(path), EntryKind::file, "", size, mode};
}
ArchiveEntryInfo dir(std::string path) {
    return ArchiveEntryInfo{std::move(path), EntryKind::directory, "", 0, 0755};
}
ArchiveEntryInfo symlink(std::string path, std::string target) {
    return ArchiveEntryInfo{std::move(path), EntryKind::symlink, std::move(target), 0, 0777};
}

TEST(EntryFilter, AcceptsToolchainPathsAndStripsGo) {
    EntryFilter filter;
    auto root = filter.check(dir("go/"));
    ASSERT_TRUE(root);
    EXPECT_TRUE(root->is_root());
    auto bin = filter.check(file("go/bin/go", 0755));
    ASSERT_TRUE(bin);
    EXPECT_EQ(bin->relative, "bin/go");
    EXPECT_EQ(bin->mode, 0755u);
    auto dotted = filter.check(file("./go//src/./x.go"));
    ASSERT_TRUE(dotted);
    EXPECT_EQ(dotted->relative, "src/x.go");
}

TEST(EntryFilter, MasksModes) {
    EntryFilter filter;
    EXPECT_EQ(filter.check(file("go/a", 04755))->mode, 0755u);
    EXPECT_EQ(filter.check(file("go/b", 02644))->mode, 0644u);
    EXPECT_EQ(filter.check(file("go/c", 01600))->mode, 0644u);
    EXPECT_EQ(filter.check(file("go/d", 0700))->mode, 0755u);
    EXPECT_EQ(filter.check(file("go/e", 0666))->mode, 0644u);
    EXPECT_EQ(filter.check(ArchiveEntryInfo{"go/f", EntryKind::directory, "", 0, 07777})->mode,
              0755u);
}

struct Refusal {
    std::vector<ArchiveEntryInfo> entries; // the last one must be refused
    std::string reason;                    // part of the message
};

class EntryFilterRefuses : public ::testing::TestWithParam<Refusal> {};

TEST_P(EntryFilterRefuses, WithAReason) {
    EntryFilter filter;
    const auto& entries = GetParam().entries;
    for (std::size_t i = 0; i + 1 < entries.size(); ++i) {
        ASSERT_TRUE(filter.check(entries[i])) << entries[i].path;
    }
    auto result = filter.check(entries.back());
    ASSERT_FALSE(result) << entries.back().path << " was accepted";
    EXPECT_EQ(result.error().code, ErrorCode::archive);
    EXPECT_NE(result.error().message.find(GetParam().reason), std::string::npos)
        << result.error().message;
    EXPECT_NE(result.error().message.find(entries.back().path.substr(0, 20)), std::string::npos)
        << "the message names the entry: " << result.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, EntryFilterRefuses,
    ::testing::Values(
        Refusal{{file("go/../x")}, "\"..\""}, Refusal{{file("go/bin/../../x")}, "\"..\""},
        Refusal{{file("/etc/passwd")}, "absolute"}, Refusal{{file("bin/go")}, "not under go/"},
        Refusal{{file("gopher/x")}, "not under go/"}, Refusal{{file("")}, "empty"},
        Refusal{{file("go")}, "must be a directory"},
        Refusal{{ArchiveEntryInfo{"go/h", EntryKind::hardlink, "go/bin/go", 0, 0644}}, "hard link"},
        Refusal{{ArchiveEntryInfo{"go/d", EntryKind::char_device, "", 0, 0644}},
                "character device"},
        Refusal{{ArchiveEntryInfo{"go/b", EntryKind::block_device, "", 0, 0644}}, "block device"},
        Refusal{{ArchiveEntryInfo{"go/f", EntryKind::fifo, "", 0, 0644}}, "FIFO"},
        Refusal{{ArchiveEntryInfo{"go/s", EntryKind::socket, "", 0, 0644}}, "socket"},
        Refusal{{symlink("go/l", "/etc")}, "absolute"}, Refusal{{symlink("go/l", "..")}, "outside"},
        Refusal{{symlink("go/a/b/l", "../../../x")}, "outside"},
        Refusal{{symlink("go/a/l", "b/../../..")}, "after a name"},
        Refusal{{symlink("go/l", "")}, "empty target"},
        Refusal{{symlink("go/l", "bin"), file("go/l/x")}, "symlink"},
        Refusal{{dir("go/lib"), symlink("go/lib", "bin")}, "replaces a directory"},
        Refusal{{file("go/lib/x"), symlink("go/lib", "bin")}, "replaces a directory"},
        Refusal{{file("go/x"), file("go/x/y")}, "regular file"},
        Refusal{{symlink("go/l", "bin"), symlink("go/l", "src")}, "replaces a symlink"},
        Refusal{{file("go/huge", 0644, 4ull << 30)}, "limit"}));

TEST(EntryFilter, AcceptsInsideSymlinksAndRepeats) {
    EntryFilter filter;
    EXPECT_TRUE(filter.check(symlink("go/misc/link", "../bin/go")));
    EXPECT_TRUE(filter.check(symlink("go/here", ".")));
    EXPECT_TRUE(filter.check(symlink("go/a/b/up", "../../src/./x")));
    EXPECT_TRUE(filter.check(dir("go/src")));
    EXPECT_TRUE(filter.check(dir("go/src/")));
    EXPECT_TRUE(filter.check(file("go/src/x")));
    EXPECT_TRUE(filter.check(file("go/src/x"))); // a repeated file: the last one wins
}

TEST(EntryFilter, CapsEntriesAndTotalSize) {
    EntryFilter few(ArchiveLimits{1000, 3});
    EXPECT_TRUE(few.check(file("go/a")));
    EXPECT_TRUE(few.check(file("go/b")));
    EXPECT_TRUE(few.check(file("go/c")));
    auto fourth = few.check(file("go/d"));
    ASSERT_FALSE(fourth);
    EXPECT_NE(fourth.error().message.find("entries"), std::string::npos);

    EntryFilter small(ArchiveLimits{100, 1000});
    EXPECT_TRUE(small.check(file("go/a", 0644, 60)));
    auto over = small.check(file("go/b", 0644, 41));
    ASSERT_FALSE(over);
    EXPECT_NE(over.error().message.find("limit"), std::string::npos);
}

// ---- Property: nothing the filter accepts can resolve outside the root ----

TEST(EntryFilterProperty, AcceptedEntriesNeverResolveOutsideTheRoot) {
    const std::vector<std::string> names = {"go", "a", "b", "..", ".", "", "go"};
    std::mt19937 rng(20240601);
    auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    };
    auto random_path = [&](bool allow_abs) {
        std::string path = allow_abs && pick(10) == 0 ? "/" : "";
        const std::size_t parts = 1 + pick(5);
        for (std::size_t i = 0; i < parts; ++i) {
            path += (i ? "/" : "") + names[pick(names.size())];
        }
        return path;
    };
    int accepted_links = 0;
    for (int round = 0; round < 3000; ++round) {
        EntryFilter filter;
        test::SimulatedTree sim;
        for (int i = 0; i < 12; ++i) {
            ArchiveEntryInfo info;
            info.path = (pick(4) ? "go/" : "") + random_path(true);
            const auto k = pick(3);
            info.kind = k == 0   ? EntryKind::file
                        : k == 1 ? EntryKind::directory
                                 : EntryKind::symlink;
            if (info.kind == EntryKind::symlink) {
                info.link_target = random_path(true);
            }
            auto accepted = filter.check(info);
            if (!accepted) {
                break; // the first refusal ends an archive
            }
            ASSERT_EQ(accepted->relative.find(".."), std::string::npos) << info.path;
            ASSERT_TRUE(accepted->relative.empty() || accepted->relative.front() != '/');
            if (accepted->is_root()) {
                continue;
            }
            sim.add(*accepted);
            accepted_links += accepted->kind == EntryKind::symlink;
        }
        // Every symlink, followed from where it lives, lands inside (after all entries).
        for (const auto& [path, link] : sim.symlinks()) {
            auto parent = test::SimulatedTree::split(path);
            parent.pop_back();
            ASSERT_TRUE(sim.stays_inside(parent, link.second))
                << "go/" << path << " -> " << link.second << " escapes (round " << round << ")";
        }
    }
    EXPECT_GT(accepted_links, 100) << "the generator must exercise symlinks";
}

// ---- Extraction from real archives ----

TEST(Extract, SyntheticToolchainWithoutDirectoryEntries) {
    Unpacked u;
    auto result = u.run(test::synthetic_toolchain("1.21.0"));
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(tree(u.dest()), (std::vector<std::string>{"VERSION", "bin", "bin/go", "bin/gofmt",
                                                        "src", "src/README"}));
    EXPECT_EQ(read_file(u.dest() / "VERSION").substr(0, 9), "go1.21.0\n");
    EXPECT_EQ(mode_of(u.dest() / "bin/go"), 0755u);
    EXPECT_EQ(mode_of(u.dest() / "src/README"), 0644u);
    EXPECT_EQ(mode_of(u.dest() / "bin"), 0755u);
    EXPECT_EQ(result->files, 4u);

    std::map<std::string, ManifestEntry> by_path;
    for (const auto& e : result->manifest) {
        by_path[e.path] = e;
    }
    ASSERT_EQ(by_path.size(), 4u);
    EXPECT_EQ(by_path["bin/go"].size, fs::file_size(u.dest() / "bin/go"));
    EXPECT_EQ(by_path["bin/go"].sha256, *sha256_file(u.dest() / "bin/go"));
    EXPECT_TRUE(by_path["src/README"].sha256.empty()) << "only bin/ and pkg/tool/ are hashed";
    EXPECT_EQ(by_path["src/README"].size, fs::file_size(u.dest() / "src/README"));
}

TEST(Extract, SetuidBitsAreStrippedNotRefused) {
    Unpacked u;
    auto result = u.run(test::hostile_toolchain("setuid", "1.22.0", "/nonexistent"));
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(mode_of(u.dest() / "bin/go"), 0755u);
    EXPECT_EQ(mode_of(u.dest() / "pkg/setgid-sticky"), 0644u);
}

TEST(Extract, InsideSymlinkIsCreated) {
    Unpacked u;
    auto b = test::synthetic_toolchain("1.22.0");
    b.symlink("go/misc/go-link", "../bin/go");
    auto result = u.run(b);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_TRUE(fs::is_symlink(u.dest() / "misc/go-link"));
    EXPECT_EQ(fs::read_symlink(u.dest() / "misc/go-link"), "../bin/go");
}

class ExtractHostile : public ::testing::TestWithParam<std::string> {};

TEST_P(ExtractHostile, IsRefusedAndWritesNothingOutside) {
    Unpacked u;
    fs::create_directories(u.outside());
    auto result = u.run(test::hostile_toolchain(GetParam(), "1.22.0", u.outside().string()));
    ASSERT_FALSE(result) << GetParam() << " was extracted";
    EXPECT_EQ(result.error().code, ErrorCode::archive) << result.error().message;
    EXPECT_NE(result.error().message.find("test.tar.gz"), std::string::npos)
        << result.error().message;
    // Refused for the rule it breaks, not by accident (a parse error, say).
    const std::map<std::string, std::string> reasons = {
        {"dotdot", "\"..\" component"},
        {"absolute", "an absolute path"},
        {"symlink-escape", "outside the toolchain"},
        {"symlink-absolute", "to an absolute path"},
        {"dir-symlink", "\"go/lib\": a symlink"},
        {"hardlink", "a hard link"},
        {"device", "character device"},
        {"fifo", "FIFO"},
        {"huge", "past the limit"},
        {"no-prefix", "not under go/"},
    };
    ASSERT_TRUE(reasons.count(GetParam())) << "add the reason for " << GetParam();
    EXPECT_NE(result.error().message.find(reasons.at(GetParam())), std::string::npos)
        << result.error().message;
    EXPECT_EQ(tree(u.outside()), std::vector<std::string>{"victim"});
    EXPECT_EQ(read_file(u.outside() / "victim"), "untouched\n");
    // Nothing in the destination is a device, FIFO or a symlink pointing out.
    for (const auto& rel : tree(u.dest())) {
        const auto p = u.dest() / rel;
        EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(p)) ||
                    fs::is_directory(fs::symlink_status(p)))
            << rel;
    }
}

INSTANTIATE_TEST_SUITE_P(Kinds, ExtractHostile, ::testing::ValuesIn(test::hostile_kinds()),
                         [](const auto& test_info) {
                             std::string name = test_info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(Extract, FirstBadEntryAbortsEverythingAfterIt) {
    Unpacked u;
    test::ArchiveBuilder b;
    b.file("go/VERSION", "go1.22.0\n");
    b.fifo("go/fifo");
    b.file("go/bin/go", "#!/bin/sh\n", 0755);
    auto result = u.run(b);
    ASSERT_FALSE(result);
    EXPECT_FALSE(fs::exists(u.dest() / "bin/go"));
    EXPECT_FALSE(fs::exists(fs::symlink_status(u.dest() / "fifo")));
}

// The filter cannot know what is already in the staging directory; the writer never follows a
// symlink it finds there, so the archive's bin/go does not land outside.
TEST(Extract, ASymlinkAlreadyInStagingIsNeverWrittenThrough) {
    Unpacked u;
    fs::create_directories(u.dest());
    fs::create_directories(u.outside());
    fs::create_directory_symlink(u.outside(), u.dest() / "bin");
    auto result = u.run(test::synthetic_toolchain("1.22.0"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::io) << result.error().message;
    EXPECT_NE(result.error().message.find("bin"), std::string::npos) << result.error().message;
    EXPECT_NE(result.error().message.find("a symlink is in the way"), std::string::npos)
        << result.error().message;
    EXPECT_EQ(tree(u.outside()), std::vector<std::string>{"victim"});
}

TEST(Extract, ARepeatedFileReplacesTheEarlierCopy) {
    Unpacked u;
    test::ArchiveBuilder b;
    b.file("go/VERSION", "go1.22.0\n");
    b.file("go/bin/go", "old\n", 0644);
    b.file("go/bin/go", "new\n", 0755);
    auto result = u.run(b);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(read_file(u.dest() / "bin/go"), "new\n");
    EXPECT_EQ(mode_of(u.dest() / "bin/go"), 0755u);
}

TEST(Extract, LimitsApplyToRealArchives) {
    Unpacked u;
    auto result = u.run(test::synthetic_toolchain("1.22.0"), ArchiveLimits{1u << 20, 2});
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("entries"), std::string::npos);
}

TEST(Extract, TruncatedAndGarbageStreamsFail) {
    const std::string whole = test::synthetic_toolchain("1.22.0").tar_gz();
    for (const std::string& bytes :
         {whole.substr(0, whole.size() / 2), std::string("<html>"), std::string()}) {
        test::TempDir dir;
        std::ofstream(dir / "a.tar.gz", std::ios::binary) << bytes;
        fs::create_directories(dir / "dest");
        auto result = extract_archive_file(dir / "a.tar.gz", dir / "dest", {});
        ASSERT_FALSE(result) << bytes.size() << " bytes were accepted";
        EXPECT_EQ(result.error().code, ErrorCode::archive) << result.error().message;
        EXPECT_NE(result.error().message.find("a.tar.gz"), std::string::npos)
            << result.error().message;
    }
}

TEST(Extract, CancelStopsWithInterrupted) {
    Unpacked u;
    test::synthetic_toolchain("1.22.0").write_tar_gz(u.archive());
    fs::create_directories(u.dest());
    auto result =
        extract_archive_file(u.archive(), u.dest(), ExtractOptions{{}, "x", [] { return true; }});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::interrupted);
}

// ---- The channel between the network and the unpacker ----

TEST(ByteChannel, DeliversEverythingInOrderThroughSmallChunks) {
    ByteChannel channel(7, 3);
    std::string sent;
    for (int i = 0; i < 5000; ++i) {
        sent += static_cast<char>('a' + i % 26);
    }
    std::thread producer([&] {
        for (std::size_t at = 0; at < sent.size(); at += 13) {
            auto piece = std::string_view(sent).substr(at, 13);
            ASSERT_TRUE(channel.push(std::as_bytes(std::span(piece.data(), piece.size()))));
        }
        channel.close({});
    });
    std::string received;
    while (true) {
        auto block = channel.read();
        ASSERT_TRUE(block);
        if (block->empty()) {
            break;
        }
        received.append(reinterpret_cast<const char*>(block->data()), block->size());
    }
    producer.join();
    EXPECT_EQ(received, sent);
}

TEST(ByteChannel, ProducerErrorReachesConsumerAndAbortStopsProducer) {
    ByteChannel channel(4, 2);
    channel.close(fail(ErrorCode::network, "connection reset"));
    auto block = channel.read();
    ASSERT_FALSE(block);
    EXPECT_EQ(block.error().message, "connection reset");

    ByteChannel blocked(4, 2);
    std::thread producer([&] {
        const std::string data(100, 'x');
        auto pushed = blocked.push(std::as_bytes(std::span(data)));
        ASSERT_FALSE(pushed);
        EXPECT_EQ(pushed.error().code, ErrorCode::archive);
    });
    blocked.abort(Error{ErrorCode::archive, "bad entry", ""});
    producer.join();
}

TEST(ByteChannel, ExtractsWhileBytesStreamIn) {
    Unpacked u;
    const std::string bytes = test::synthetic_toolchain("1.22.0").tar_gz();
    fs::create_directories(u.dest());
    ByteChannel channel(64, 2);
    std::thread producer([&] {
        for (std::size_t at = 0; at < bytes.size(); at += 50) {
            auto piece = std::string_view(bytes).substr(at, 50);
            if (!channel.push(std::as_bytes(std::span(piece.data(), piece.size())))) {
                break;
            }
        }
        channel.close({});
    });
    auto result = extract_archive(channel, u.dest(), ExtractOptions{{}, "stream", {}});
    EXPECT_TRUE(channel.drain());
    producer.join();
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_TRUE(fs::is_regular_file(u.dest() / "bin/go"));
}

} // namespace
} // namespace gover
