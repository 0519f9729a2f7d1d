// The running program's own file (core/self_executable.hpp). Where the path comes from is the
// seam (_NSGetExecutablePath on macOS, /proc/self/exe elsewhere); what is done with it — links
// resolved for self_executable(), argv[0] or PATH kept for invoked_executable() when it names
// this program — is the same everywhere and checked here with links made for the purpose.
#include "core/self_executable.hpp"

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace gover {
namespace {

namespace fs = std::filesystem;

// Sets PATH for one test and puts the old value back.
class PathOverride {
  public:
    explicit PathOverride(const std::string& value) {
        if (const char* old = std::getenv("PATH")) {
            old_ = old;
        }
        ::setenv("PATH", value.c_str(), 1);
    }
    ~PathOverride() {
        if (old_) {
            ::setenv("PATH", old_->c_str(), 1);
        } else {
            ::unsetenv("PATH");
        }
    }
    PathOverride(const PathOverride&) = delete;
    PathOverride& operator=(const PathOverride&) = delete;

  private:
    std::optional<std::string> old_;
};

TEST(SelfExecutable, IsThisTestProgramWithLinksResolved) {
    const auto self = self_executable();
    ASSERT_TRUE(self);
    EXPECT_TRUE(self->is_absolute()) << *self;
    EXPECT_EQ(*self, fs::canonical(*self));
    EXPECT_EQ(self->filename(), "gover_unit_tests");
}

TEST(SelfExecutable, InvokedThroughALinkKeepsTheLink) {
    const auto self = self_executable();
    ASSERT_TRUE(self);
    test::TempDir dir;
    // Homebrew's layout: <prefix>/bin/gover -> ../Cellar/gover/<v>/bin/gover.
    const auto link = dir.path() / "bin" / "gover";
    fs::create_directories(link.parent_path());
    fs::create_symlink(*self, link);
    EXPECT_EQ(invoked_executable(link.string()), link);
    // A relative argv[0] is made absolute against the working directory.
    const auto relative = link.lexically_relative(fs::current_path());
    EXPECT_EQ(invoked_executable(relative.string()), link);
}

TEST(SelfExecutable, ABareNameIsLookedUpOnPath) {
    const auto self = self_executable();
    ASSERT_TRUE(self);
    test::TempDir dir;
    fs::create_directories(dir.path() / "empty");
    fs::create_directories(dir.path() / "bin");
    fs::create_symlink(*self, dir.path() / "bin" / "gover");
    PathOverride path((dir.path() / "empty").string() + ":" + (dir.path() / "bin").string());
    EXPECT_EQ(invoked_executable("gover"), dir.path() / "bin" / "gover");
}

TEST(SelfExecutable, AnArgv0ThatIsNotThisProgramGivesTheRealFile) {
    const auto self = self_executable();
    ASSERT_TRUE(self);
    test::TempDir dir;
    const auto other = dir.path() / "gover";
    fs::create_symlink("/bin/sh", other);
    EXPECT_EQ(invoked_executable(other.string()), self);
    EXPECT_EQ(invoked_executable((dir.path() / "missing").string()), self);
    EXPECT_EQ(invoked_executable(""), self);
    PathOverride path((dir.path() / "nowhere").string());
    EXPECT_EQ(invoked_executable("gover"), self);
}

TEST(SelfExecutable, TheExecutablePathAmongMacOsAppleStrings) {
    // What macOS passes as main()'s fourth argument (the shim's tool name comes from it).
    char stack_guard[] = "stack_guard=0x1234";
    char exec_path[] = "executable_path=/opt/homebrew/bin/go";
    char ptr_munge[] = "ptr_munge=";
    char* apple[] = {stack_guard, exec_path, ptr_munge, nullptr};
    EXPECT_STREQ(apple_executable_path(apple), "/opt/homebrew/bin/go");

    char empty_value[] = "executable_path=";
    char* only_empty[] = {empty_value, nullptr};
    EXPECT_STREQ(apple_executable_path(only_empty), "");

    // Not there, a key that only starts alike, an empty vector, no vector (Linux passes none).
    char lookalike[] = "executable_pathname=/x";
    char* without[] = {stack_guard, lookalike, nullptr};
    EXPECT_EQ(apple_executable_path(without), nullptr);
    char* none[] = {nullptr};
    EXPECT_EQ(apple_executable_path(none), nullptr);
    EXPECT_EQ(apple_executable_path(nullptr), nullptr);
}

} // namespace
} // namespace gover
