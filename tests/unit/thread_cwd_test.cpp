#include "gover/base/thread_cwd.hpp"

#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

#include "gover/archive/archive_extract.hpp"
#include "support/archive_builder.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace gover {
namespace {

#if defined(__linux__)

TEST(ThreadCwd, MovesOnlyTheCallingThreadAndComesBack) {
    test::TempDir dir;
    fs::create_directories(dir / "inside");
    const fs::path before = fs::current_path();
    std::optional<fs::path> seen_inside;
    std::optional<fs::path> seen_after;
    std::thread worker([&] {
        {
            ThreadCwd cwd;
            ASSERT_TRUE(cwd.enter((dir / "inside").c_str()));
            seen_inside = fs::current_path();
            std::ofstream("marker") << "x"; // a relative path now lands inside
        }
        seen_after = fs::current_path();
    });
    worker.join();
    EXPECT_EQ(fs::current_path(), before);
    ASSERT_TRUE(seen_inside);
    EXPECT_EQ(*seen_inside, fs::canonical(dir / "inside"));
    EXPECT_TRUE(fs::exists(dir / "inside/marker"));
    ASSERT_TRUE(seen_after);
    EXPECT_EQ(*seen_after, before);
}

TEST(ThreadCwd, OtherThreadsKeepTheirDirectoryWhileOneIsInside) {
    test::TempDir dir;
    const fs::path before = fs::current_path();
    std::promise<void> entered;
    std::promise<void> checked;
    std::thread worker([&] {
        ThreadCwd cwd;
        EXPECT_TRUE(cwd.enter(dir.path().c_str()));
        entered.set_value();
        checked.get_future().wait();
    });
    entered.get_future().wait();
    EXPECT_EQ(fs::current_path(), before);
    checked.set_value();
    worker.join();
}

TEST(ThreadCwd, AMissingDirectoryChangesNothing) {
    const fs::path before = fs::current_path();
    ThreadCwd cwd;
    EXPECT_FALSE(cwd.enter("/nonexistent/gover-thread-cwd"));
    EXPECT_EQ(fs::current_path(), before);
}

#endif

// Whatever the platform does, extracting leaves the caller where it was, on success and failure.
TEST(ThreadCwd, ExtractionLeavesTheWorkingDirectoryAlone) {
    test::TempDir dir;
    const fs::path before = fs::current_path();
    test::synthetic_toolchain("1.22.0").write_tar_gz(dir / "ok.tar.gz");
    fs::create_directories(dir / "ok");
    ASSERT_TRUE(extract_archive_file(dir / "ok.tar.gz", dir / "ok", {}));
    EXPECT_EQ(fs::current_path(), before);
    EXPECT_TRUE(fs::is_regular_file(dir / "ok/bin/go"));

    test::hostile_toolchain("fifo", "1.22.0", (dir / "outside").string())
        .write_tar_gz(dir / "bad.tar.gz");
    fs::create_directories(dir / "bad");
    EXPECT_FALSE(extract_archive_file(dir / "bad.tar.gz", dir / "bad", {}));
    EXPECT_EQ(fs::current_path(), before);
}

} // namespace
} // namespace gover
