#pragma once
// The selection unit tests' fixture: a temp dir holding $GOVER_HOME (home/) and a project tree
// (p/a/b/c), hand-made "installed" versions, and a SelectionEnv at any directory.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/selection.hpp"
#include "support/temp_dir.hpp"

namespace gover::test {

namespace fs = std::filesystem;
using gover::Selection;
using gover::SelectionEnv;

class SelectionTest : public ::testing::Test {
  protected:
    gover::test::TempDir tmp;
    fs::path home = tmp / "home";
    gover::Layout layout{home};
    fs::path project = tmp / "p";

    void SetUp() override { fs::create_directories(project / "a" / "b" / "c"); }

    void install(const std::string& version) {
        fs::create_directories(home / "versions" / version / "bin");
        std::ofstream(home / "versions" / version / "bin" / "go") << "#!/bin/sh\n";
    }

    static void write(const fs::path& path, const std::string& text) {
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
    }

    SelectionEnv env_at(const fs::path& cwd) const {
        return SelectionEnv{layout, std::nullopt, std::nullopt, cwd.string()};
    }

    static Selection ok(const gover::Result<Selection>& r) {
        EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
        return r ? *r : Selection{};
    }

    static std::string version(const Selection& s) { return s.version ? s.version->str() : "-"; }
};

} // namespace gover::test
