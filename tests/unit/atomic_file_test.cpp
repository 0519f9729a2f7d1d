#include "gover/base/atomic_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "core/layout.hpp"
#include "core/version.hpp"
#include "gover/store/install_meta.hpp"
#include "support/small_tmpfs.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using gover::AtomicFile;
using gover::AtomicFileOptions;
using gover::Durability;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(AtomicFile, WritesReplacesAndLeavesNothingElse) {
    gover::test::TempDir tmp;
    const fs::path target = tmp / "global";
    ASSERT_TRUE(gover::write_file_atomically(target, "1.22.5\n"));
    EXPECT_EQ(slurp(target), "1.22.5\n");
    const std::string big(3 << 20, 'x'); // several write() calls
    ASSERT_TRUE(gover::write_file_atomically(target, big, {Durability::disposable, {}, {}}));
    EXPECT_EQ(slurp(target), big);
    EXPECT_EQ(names_in(tmp.path()), std::vector<std::string>{"global"});
}

TEST(AtomicFile, ModeIsApplied) {
    gover::test::TempDir tmp;
    ASSERT_TRUE(gover::write_file_atomically(tmp / "f", "x", {Durability::durable, 0640, {}}));
    struct stat st {};
    ASSERT_EQ(::stat((tmp / "f").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
}

TEST(AtomicFile, NothingVisibleBeforeCommitAndDroppedWithoutIt) {
    gover::test::TempDir tmp;
    const fs::path target = tmp / "state";
    {
        std::ofstream(target) << "old";
        auto file = AtomicFile::create(target);
        ASSERT_TRUE(file);
        ASSERT_TRUE(file->write("new"));
        EXPECT_EQ(slurp(target), "old");
        EXPECT_EQ(names_in(tmp.path()).size(), 2u); // the target and the temp file
    }                                               // dropped without commit
    EXPECT_EQ(slurp(target), "old");
    EXPECT_EQ(names_in(tmp.path()), std::vector<std::string>{"state"});
}

TEST(AtomicFile, ExplicitTempPathIsUsedAndGone) {
    gover::test::TempDir tmp;
    fs::create_directory(tmp / "tmp");
    AtomicFileOptions options;
    options.temp = tmp / "tmp" / "meta-1";
    ASSERT_TRUE(gover::write_file_atomically(tmp / "meta.json", "{}", options));
    EXPECT_EQ(slurp(tmp / "meta.json"), "{}");
    EXPECT_TRUE(fs::is_empty(tmp / "tmp"));
}

TEST(AtomicFile, MissingDirectoryNamesTheTarget) {
    gover::test::TempDir tmp;
    const fs::path target = tmp / "no" / "such" / "file";
    auto r = gover::write_file_atomically(target, "x");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, gover::ErrorCode::io);
    EXPECT_EQ(r.error().message, "cannot write " + target.string() + ": No such file or directory");
    EXPECT_EQ(r.error().hint, "check the permissions of " + (tmp / "no" / "such").string());
}

TEST(AtomicFile, UnwritableDirectoryIsAClearErrorAndLeavesNothing) {
    // Root writes through any mode bits: a read-only mount is unwritable for everyone.
    std::unique_ptr<gover::test::SmallTmpfs> ro;
    gover::test::TempDir plain;
    fs::path dir = plain.path();
    if (::geteuid() == 0) {
        ro = std::make_unique<gover::test::SmallTmpfs>("size=64k", /*read_only=*/true);
        if (!ro->ok()) {
            GTEST_SKIP() << "cannot mount a read-only tmpfs here";
        }
        dir = ro->path();
    } else {
        ::chmod(dir.c_str(), 0555);
    }
    const fs::path target = dir / "global";
    auto r = gover::write_file_atomically(target, "1.22.5\n");
    ::chmod(dir.c_str(), 0755);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.rfind("cannot write " + target.string() + ": ", 0), 0u)
        << r.error().message;
    EXPECT_NE(r.error().hint.find(dir.string()), std::string::npos) << r.error().hint;
    EXPECT_TRUE(fs::is_empty(dir));
}

TEST(AtomicFile, DiskFullKeepsTheOldFileAndSaysNoSpace) {
    gover::test::SmallTmpfs disk("size=64k");
    if (!disk.ok()) {
        GTEST_SKIP() << "cannot mount a small tmpfs here (needs root)";
    }
    const fs::path target = disk.path() / "state";
    ASSERT_TRUE(gover::write_file_atomically(target, "old"));
    auto r = gover::write_file_atomically(target, std::string(1 << 20, 'x'));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "cannot write " + target.string() + ": No space left on device");
    EXPECT_EQ(r.error().hint, "free some space on the file system holding " + disk.path().string());
    EXPECT_EQ(slurp(target), "old");
    EXPECT_EQ(names_in(disk.path()), std::vector<std::string>{"state"});
}

// The install record on a full disk: the error is ENOSPC, not whatever the cleanup of the temp
// file left in errno (it used to say "Not a directory").
TEST(AtomicFile, InstallMetaOnAFullDiskSaysNoSpace) {
    gover::test::SmallTmpfs disk("size=64k");
    if (!disk.ok()) {
        GTEST_SKIP() << "cannot mount a small tmpfs here (needs root)";
    }
    const gover::Layout layout(disk.path());
    fs::create_directories(layout.tmp_dir());
    fs::create_directories(layout.meta_dir());
    gover::InstallMeta meta;
    meta.version = "1.21.0";
    meta.sha256 = std::string(64, 'a');
    for (int i = 0; i < 5000; ++i) {
        gover::ManifestEntry entry;
        entry.path = "go/src/file" + std::to_string(i) + ".go";
        meta.manifest.push_back(entry);
    }
    const auto version = *gover::GoVersion::parse("1.21.0");
    auto r = gover::write_install_meta(layout, version, meta);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find(": No space left on device"), std::string::npos)
        << r.error().message;
    EXPECT_TRUE(fs::is_empty(layout.tmp_dir()));
    EXPECT_TRUE(fs::is_empty(layout.meta_dir()));
}

} // namespace
