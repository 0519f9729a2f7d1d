#include "core/regular_file.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "core/gobin.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using gover::FileState;
using gover::Oversize;

namespace {

void write_file(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

TEST(ReadBoundedFile, ReadsARegularFile) {
    gover::test::TempDir tmp;
    write_file(tmp / "f", "hello\n");
    auto r = gover::read_bounded_file((tmp / "f").string(), 1024);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->state, FileState::read);
    EXPECT_EQ(r->text, "hello\n");
    EXPECT_EQ(r->size, 6u);
}

TEST(ReadBoundedFile, SpecialFilesAreNeverOpened) {
    gover::test::TempDir tmp;
    ASSERT_EQ(::mkfifo((tmp / "fifo").c_str(), 0644), 0); // no writer: a blocking open hangs
    fs::create_directory(tmp / "dir");
    fs::create_symlink("/dev/zero", tmp / "zero");
    const auto start = std::chrono::steady_clock::now();
    for (const char* name : {"fifo", "dir", "zero"}) {
        auto r = gover::read_bounded_file((tmp / name).string(), 1024);
        ASSERT_TRUE(r) << name;
        EXPECT_EQ(r->state, FileState::not_regular) << name;
        EXPECT_TRUE(r->text.empty()) << name;
    }
    auto r = gover::read_bounded_file("/dev/zero", 1024, Oversize::truncate);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->state, FileState::not_regular);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(ReadBoundedFile, AbsentIsNotAnError) {
    gover::test::TempDir tmp;
    write_file(tmp / "file", "x");
    fs::create_symlink(tmp / "nowhere", tmp / "dangling");
    for (const char* name : {"missing", "dangling", "file/below"}) {
        auto r = gover::read_bounded_file((tmp / name).string(), 1024);
        ASSERT_TRUE(r) << name;
        EXPECT_EQ(r->state, FileState::absent) << name;
    }
}

TEST(ReadBoundedFile, OversizeIsRefusedOrTruncated) {
    gover::test::TempDir tmp;
    write_file(tmp / "big", std::string(5000, 'a') + "b");
    auto r = gover::read_bounded_file((tmp / "big").string(), 4096);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->state, FileState::too_large);
    EXPECT_TRUE(r->text.empty());
    EXPECT_EQ(r->size, 5001u);

    r = gover::read_bounded_file((tmp / "big").string(), 4, Oversize::truncate, 4998);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->state, FileState::read);
    EXPECT_EQ(r->text, "aab");
    r = gover::read_bounded_file((tmp / "big").string(), 4, Oversize::truncate, 9000);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->text, "");

    write_file(tmp / "exact", std::string(4096, 'x'));
    r = gover::read_bounded_file((tmp / "exact").string(), 4096);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->state, FileState::read);
    EXPECT_EQ(r->text.size(), 4096u);
}

// The buffer starts at the size fstat reports: a file that says 0 but holds more (as /proc's
// do, or one that grew since the fstat) is still read whole, up to the bound.
TEST(ReadBoundedFile, MoreThanTheStatedSizeIsStillRead) {
    if (!fs::exists("/proc/self/status")) {
        GTEST_SKIP() << "no /proc";
    }
    auto r = gover::read_bounded_file("/proc/self/status", 1 << 20);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->state, FileState::read);
    EXPECT_EQ(r->size, 0u);
    EXPECT_EQ(r->text.rfind("Name:", 0), 0u) << r->text.substr(0, 40);
    EXPECT_GT(r->text.size(), 200u);
    EXPECT_EQ(r->text.back(), '\n');
    r = gover::read_bounded_file("/proc/self/status", 10, Oversize::truncate);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->text.size(), 10u);
}

TEST(ReadBoundedFile, SymlinkLoopIsAnErrorNamingThePath) {
    gover::test::TempDir tmp;
    fs::create_symlink(tmp / "b", tmp / "a");
    fs::create_symlink(tmp / "a", tmp / "b");
    auto r = gover::read_bounded_file((tmp / "a").string(), 1024);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.rfind("cannot read " + (tmp / "a").string() + ": ", 0), 0u);
}

// GOENV naming a FIFO or /dev/zero: skipped like a missing file, at once and in bounded memory
// (it used to block `gover init` in every new shell, or read /dev/zero until memory ran out).
TEST(ReadBoundedFile, GoEnvFileThatIsNotAFileIsSkipped) {
    gover::test::TempDir tmp;
    ASSERT_EQ(::mkfifo((tmp / "fifo").c_str(), 0644), 0);
    for (const fs::path& file : {tmp / "fifo", fs::path("/dev/zero")}) {
        EXPECT_EQ(gover::read_go_env_value(file, "GOBIN"), std::nullopt) << file;
    }
    write_file(tmp / "huge", "GOBIN=/x\n" + std::string(gover::k_max_go_env_file_bytes, '#'));
    EXPECT_EQ(gover::read_go_env_value(tmp / "huge", "GOBIN"), std::nullopt);
}

} // namespace
