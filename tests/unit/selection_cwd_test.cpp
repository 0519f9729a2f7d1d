// The working directory selection walks up from: $PWD's logical path (like asdf, goenv and
// cmd/go), a deleted cwd, 1000 nested directories, a path longer than PATH_MAX.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "core/selection.hpp"
#include "support/selection_fixture.hpp"

namespace fs = std::filesystem;
using gover::ErrorCode;
using gover::PinSource;
using gover::SelectionEnv;
using gover::test::SelectionTest;
using Kind = gover::VersionRequest::Kind;

namespace {

// Restores the process's cwd and $PWD after a test moves them.
class CwdGuard {
  public:
    CwdGuard() : saved_(fs::current_path()) {
        if (const char* pwd = std::getenv("PWD")) {
            pwd_ = pwd;
        }
    }
    ~CwdGuard() {
        fs::current_path(saved_);
        if (pwd_) {
            ::setenv("PWD", pwd_->c_str(), 1);
        } else {
            ::unsetenv("PWD");
        }
    }

  private:
    fs::path saved_;
    std::optional<std::string> pwd_;
};

} // namespace

TEST_F(SelectionTest, DeletedCwdSkipsTheWalkDeterministically) {
    install("1.22.5");
    write(project / ".tool-versions", "golang 1.22.5\n");
    CwdGuard guard;
    fs::create_directories(project / "doomed");
    fs::current_path(project / "doomed");
    ::setenv("PWD", (project / "doomed").c_str(), 1);
    fs::remove(project / "doomed");
    EXPECT_FALSE(gover::current_directory());
    const auto env = SelectionEnv::from_process(layout);
    EXPECT_FALSE(env.cwd);
    auto r = gover::select_version(env);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::no_pin);
    write(home / "global", "1.22.5\n");
    EXPECT_EQ(ok(gover::select_version(env)).source.kind, PinSource::Kind::global);
}

// Like asdf, goenv and cmd/go (os.Getwd), the walk follows $PWD's logical path through links.
TEST_F(SelectionTest, WalksTheLogicalPathOfPwd) {
    install("1.21.0");
    install("1.22.5");
    write(tmp / "real" / ".tool-versions", "golang 1.21.0\n");
    fs::create_directories(tmp / "real" / "work");
    write(project / ".tool-versions", "golang 1.22.5\n");
    fs::create_directory_symlink(tmp / "real" / "work", project / "link");
    CwdGuard guard;
    fs::current_path(project / "link");
    ::setenv("PWD", (project / "link").c_str(), 1);
    EXPECT_EQ(gover::current_directory(), (project / "link").string());
    EXPECT_EQ(version(ok(gover::select_version(SelectionEnv::from_process(layout)))), "1.22.5");
    // A stale $PWD (another directory) is not trusted: the physical path is used.
    ::setenv("PWD", project.c_str(), 1);
    EXPECT_EQ(version(ok(gover::select_version(SelectionEnv::from_process(layout)))), "1.21.0");
}

namespace {

// `depth` nested directories named `name` below `base`, made with relative mkdir/chdir (the
// full path may be longer than PATH_MAX, where remove_all cannot go), entered on creation and
// removed on destruction whatever the test did in between.
class DeepTree {
  public:
    DeepTree(const fs::path& base, int depth, std::string name)
        : base_(base), depth_(depth), name_(std::move(name)) {
        fs::current_path(base_);
        for (made_ = 0; made_ < depth_; ++made_) {
            if (::mkdir(name_.c_str(), 0755) != 0 || ::chdir(name_.c_str()) != 0) {
                ADD_FAILURE() << "level " << made_ << ": " << std::strerror(errno);
                break;
            }
        }
    }
    ~DeepTree() {
        fs::current_path(base_);
        int levels = 0;
        while (levels < made_ && ::chdir(name_.c_str()) == 0) {
            ++levels;
        }
        for (; levels > 0; --levels) {
            if (::chdir("..") != 0 || ::rmdir(name_.c_str()) != 0) {
                ADD_FAILURE() << "cannot remove level " << levels << ": " << std::strerror(errno);
                break;
            }
        }
    }
    DeepTree(const DeepTree&) = delete;
    DeepTree& operator=(const DeepTree&) = delete;

  private:
    fs::path base_;
    int depth_;
    std::string name_;
    int made_ = 0;
};

} // namespace

TEST_F(SelectionTest, ThousandNestedDirectories) {
    install("1.22.5");
    write(project / ".tool-versions", "golang 1.22.5\n");
    CwdGuard guard;
    ::unsetenv("PWD");
    DeepTree tree(project, 1000, "d");
    auto env = SelectionEnv::from_process(layout);
    ASSERT_TRUE(env.cwd);
    auto s = ok(gover::select_version(env));
    EXPECT_EQ(s.source.path, (project / ".tool-versions").string());
}

// Deeper than PATH_MAX: the deep levels cannot be opened by name and are skipped; the walk still
// reaches the pin above them, and nothing hangs or crashes.
TEST_F(SelectionTest, DeeperThanPathMax) {
    install("1.22.5");
    write(project / ".tool-versions", "golang 1.22.5\n");
    CwdGuard guard;
    ::unsetenv("PWD");
    DeepTree tree(project, 1000, "dddddddd");
    auto env = SelectionEnv::from_process(layout);
    ASSERT_TRUE(env.cwd);
    EXPECT_GT(env.cwd->size(), 4096u);
    auto s = ok(gover::select_version(env));
    EXPECT_EQ(s.source.path, (project / ".tool-versions").string());
}
