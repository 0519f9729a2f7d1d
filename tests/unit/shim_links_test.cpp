// shims/ kept in step with the store (README "How it works"): bin/gover-shim refreshed when it
// differs, one link per tool and per go1.X.Y, stale links removed, idempotent and safe
// concurrently.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "gover/store/shim_links.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

class ShimLinksTest : public ::testing::Test {
  protected:
    gover::test::TempDir tmp;
    gover::Layout layout{tmp / "home"};
    fs::path shim = tmp / "libexec" / "gover-shim";

    void SetUp() override {
        fs::create_directories(shim.parent_path());
        std::ofstream(shim, std::ios::binary) << "shim build 1";
        ::setenv("GOVER_SHIM_PATH", shim.c_str(), 1);
    }
    void TearDown() override { ::unsetenv("GOVER_SHIM_PATH"); }

    void install(const std::string& version, std::vector<std::string> tools) {
        const fs::path bin = layout.versions_dir() / version / "bin";
        fs::create_directories(bin);
        tools.push_back("go");
        for (const auto& t : tools) {
            std::ofstream(bin / t) << "#!/bin/sh\n";
        }
    }

    std::set<std::string> shim_names() const {
        std::set<std::string> names;
        for (const auto& e : fs::directory_iterator(layout.shims_dir())) {
            names.insert(e.path().filename().string());
        }
        return names;
    }
};

TEST_F(ShimLinksTest, FindInstalledShimHonoursTheVariable) {
    EXPECT_EQ(gover::find_installed_shim(), shim);
    ::setenv("GOVER_SHIM_PATH", (tmp / "missing").c_str(), 1);
    EXPECT_FALSE(gover::find_installed_shim());
}

TEST_F(ShimLinksTest, MakesOneLinkPerToolAndVersion) {
    install("1.22.5", {"gofmt"});
    install("1.20", {"gofmt", "godoc"});
    ASSERT_TRUE(gover::refresh_shims(layout));
    EXPECT_EQ(read_all(layout.shim_copy()), "shim build 1");
    EXPECT_EQ(shim_names(), (std::set<std::string>{"go", "gofmt", "godoc", "go1.22.5", "go1.20"}));
    for (const auto& name : shim_names()) {
        const fs::path link = layout.shims_dir() / name;
        EXPECT_TRUE(fs::is_symlink(link)) << name;
        EXPECT_EQ(fs::read_symlink(link), "../bin/gover-shim") << name;
        EXPECT_EQ(fs::canonical(link), fs::canonical(layout.shim_copy())) << name;
    }
    struct stat st {};
    ASSERT_EQ(::stat(layout.shim_copy().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0755u);
}

TEST_F(ShimLinksTest, GoAndGofmtEvenWithNothingInstalled) {
    ASSERT_TRUE(gover::refresh_shims(layout));
    EXPECT_EQ(shim_names(), (std::set<std::string>{"go", "gofmt"}));
}

TEST_F(ShimLinksTest, RemovesStaleLinksAndKeepsForeignFiles) {
    install("1.22.5", {"gofmt"});
    install("1.20", {"gofmt", "godoc"});
    ASSERT_TRUE(gover::refresh_shims(layout));
    std::ofstream(layout.shims_dir() / "notes.txt") << "mine";
    fs::create_symlink("/nonexistent", layout.shims_dir() / ".gofmt.tmp.99999"); // a crash's
    fs::remove_all(layout.versions_dir() / "1.20");
    ASSERT_TRUE(gover::refresh_shims(layout));
    EXPECT_EQ(shim_names(), (std::set<std::string>{"go", "gofmt", "go1.22.5", "notes.txt"}));
}

TEST_F(ShimLinksTest, RepairsWrongLinksAndRefreshesTheCopyOnlyWhenItDiffers) {
    install("1.22.5", {});
    ASSERT_TRUE(gover::refresh_shims(layout));
    fs::remove(layout.shims_dir() / "go");
    fs::create_symlink("/usr/bin/false", layout.shims_dir() / "go");
    struct stat before {};
    ASSERT_EQ(::stat(layout.shim_copy().c_str(), &before), 0);
    ASSERT_TRUE(gover::refresh_shims(layout));
    EXPECT_EQ(fs::read_symlink(layout.shims_dir() / "go"), "../bin/gover-shim");
    struct stat same {};
    ASSERT_EQ(::stat(layout.shim_copy().c_str(), &same), 0);
    EXPECT_EQ(same.st_ino, before.st_ino); // unchanged content: not rewritten

    std::ofstream(shim, std::ios::binary) << "shim build 2, longer";
    ASSERT_TRUE(gover::refresh_shims(layout));
    EXPECT_EQ(read_all(layout.shim_copy()), "shim build 2, longer");
    std::ofstream(shim, std::ios::binary) << "shim build 3, longer"; // same size, new bytes
    ASSERT_TRUE(gover::refresh_shims(layout));
    EXPECT_EQ(read_all(layout.shim_copy()), "shim build 3, longer");
}

TEST_F(ShimLinksTest, WithoutAnyShimItFailsClearly) {
    ::setenv("GOVER_SHIM_PATH", (tmp / "missing").c_str(), 1);
    auto r = gover::refresh_shims(layout);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, gover::ErrorCode::not_found);
    EXPECT_NE(r.error().hint.find("GOVER_SHIM_PATH"), std::string::npos);
}

TEST_F(ShimLinksTest, ConcurrentRefreshesAgree) {
    for (int i = 0; i < 5; ++i) {
        install("1.2" + std::to_string(i) + ".1", {"gofmt", "tool" + std::to_string(i)});
    }
    std::vector<std::thread> threads;
    std::vector<int> ok(8, 0);
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back(
            [&, i] { ok[static_cast<std::size_t>(i)] = gover::refresh_shims(layout) ? 1 : 0; });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(ok, std::vector<int>(8, 1));
    std::set<std::string> want{"go", "gofmt"};
    for (int i = 0; i < 5; ++i) {
        want.insert("go1.2" + std::to_string(i) + ".1");
        want.insert("tool" + std::to_string(i));
    }
    EXPECT_EQ(shim_names(), want);
    EXPECT_EQ(read_all(layout.shim_copy()), "shim build 1");
}

} // namespace
