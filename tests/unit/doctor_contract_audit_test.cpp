// Doctor against the documented words, from an audit: fixes name pre-1.21 releases
// by the spec that means exactly them, a broken pin hidden by a stronger one is still reported
// (path:line), and init-not-read never asks to add a line that is already there. Plus the rules
// doctor shares with the store code (shim names, stale tmp/ entries) instead of copying them.
#include <gtest/gtest.h>

#include <algorithm>

#include "gover/store/shim_links.hpp"
#include "gover/store/staging.hpp"
#include "gover/store/store_lock.hpp"
#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Severity;
using test::DoctorScene;
using test::has;

class DoctorAudit : public ::testing::Test {
  protected:
    DoctorAudit() { scene.sys.selection_override.reset(); }
    DoctorScene scene;
};

// README "Commands": spec 1.20 is the newest 1.20.x, spec 1.20.0 the go1.20 release.
TEST_F(DoctorAudit, ForeignGo120IsReinstalledAsSpec1200) {
    scene.add_version("1.20"); // no record: copied in by hand
    const auto found = DoctorScene::of(scene.diagnose(), "store-foreign");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(found);
    EXPECT_EQ(found[0].fix, "gover uninstall 1.20 && gover install 1.20.0");
}

TEST_F(DoctorAudit, ModuleSwitchNamesGo120BySpec1200) {
    scene.add_version("1.19.13");
    scene.add_version("1.20");
    test::write_file(scene.work / ".go-version", "1.19.13\n");
    test::write_file(scene.work / "go.mod", "module m\n\ngo 1.20\n");
    const auto found = DoctorScene::of(scene.diagnose(), "module-toolchain");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(scene.diagnose());
    EXPECT_EQ(found[0].severity, Severity::info);
    EXPECT_TRUE(has(found[0].fix, "`gover use 1.20.0`")) << found[0].fix;
}

// README "Troubleshooting": "a pin file that cannot be read or holds no valid version (path:line)":
// the global pin applies in every directory without a pin of its own, even when one here hides it.
TEST_F(DoctorAudit, ABrokenGlobalPinHiddenByALocalOne) {
    scene.add_version("1.22.5");
    test::write_file(scene.work / ".go-version", "1.22.5\n");
    test::write_file(scene.gover_home / "global", "# mine\nnot-a-version\n");
    const auto findings = scene.diagnose();
    EXPECT_TRUE(DoctorScene::of(findings, "pin-missing").empty());
    const auto found = DoctorScene::of(findings, "pin-invalid");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(findings);
    EXPECT_EQ(found[0].severity, Severity::error);
    const std::string where = (scene.gover_home / "global").string() + ":2";
    EXPECT_TRUE(found[0].message.starts_with(where)) << found[0].message;
    EXPECT_TRUE(has(found[0].message, (scene.work / ".go-version").string() + ":1"))
        << found[0].message;
    EXPECT_EQ(doctor::exit_status(findings), 1);

    std::filesystem::remove(scene.gover_home / "global");
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "pin-invalid").empty());
}

TEST_F(DoctorAudit, BrokenPinsHiddenByGoverVersionAreReportedOnce) {
    scene.add_version("1.22.5");
    scene.sys.set("GOVER_VERSION", "1.22.5");
    test::write_file(scene.work / ".tool-versions", "golang 1.22.5 bogus\n");
    auto found = DoctorScene::of(scene.diagnose(), "pin-invalid");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(found);
    EXPECT_TRUE(found[0].message.starts_with((scene.work / ".tool-versions").string() + ":1"))
        << found[0].message;
    EXPECT_TRUE(has(found[0].message, "GOVER_VERSION")) << found[0].message;

    // A fine local pin, a broken global one: the global is reported, once.
    test::write_file(scene.work / ".tool-versions", "golang 1.22.5\n");
    test::write_file(scene.gover_home / "global", "\n");
    found = DoctorScene::of(scene.diagnose(), "pin-invalid");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(found);
    EXPECT_TRUE(found[0].message.starts_with((scene.gover_home / "global").string() + ":1"))
        << found[0].message;

    // Nothing local: the walk reaches the global itself; still one finding.
    std::filesystem::remove(scene.work / ".tool-versions");
    found = DoctorScene::of(scene.diagnose(), "pin-invalid");
    EXPECT_EQ(found.size(), 1u) << DoctorScene::dump(found);
}

// README "Troubleshooting" "the exact fix": with ~/.bashrc holding `gover init`, adding it there
// again fixes nothing, and the login bash reads ~/.profile here (a new ~/.bash_profile would hide
// it).
TEST_F(DoctorAudit, InitNotReadByLoginBashNamesTheFileItReads) {
    scene.sys.set("SHELL", "/bin/bash");
    scene.startup(".bashrc", "eval \"$(gover init bash)\"\n");
    scene.startup(".profile", "export EDITOR=vi\n");
    const auto found = DoctorScene::of(scene.diagnose(), "init-not-read");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(scene.diagnose());
    EXPECT_EQ(found[0].fix,
              "add `[ -f ~/.bashrc ] && . ~/.bashrc` to " + (scene.home / ".profile").string());
}

// One rule for the shim names: what refresh_shims makes is what doctor expects.
TEST(ShimRules, WantedNamesFollowTheFileSystemOrAView) {
    test::TempDir tmp;
    const Layout layout(tmp / "home");
    const auto bin = layout.versions_dir() / "1.20" / "bin";
    test::write_file(bin / "go", "#!/bin/sh\n", true);
    test::write_file(bin / "godoc", "#!/bin/sh\n", true);
    test::write_file(bin / ".hidden", "x");
    std::filesystem::create_directories(bin / "subdir");
    const std::vector<GoVersion> installed{*GoVersion::parse("1.20")};
    const std::set<std::string> want{"go", "gofmt", "go1.20", "godoc"};
    EXPECT_EQ(wanted_shim_names(layout, installed), want);

    BinDirView view;
    view.list = [](const std::filesystem::path&) {
        return std::optional<std::vector<std::string>>({"vet", ".x", "dir"});
    };
    view.is_file = [](const std::filesystem::path& p) { return p.filename() != "dir"; };
    EXPECT_EQ(wanted_shim_names(layout, installed, view),
              (std::set<std::string>{"go", "gofmt", "go1.20", "vet"}));
}

// One rule for stale tmp/ entries: what clean_stale_tmp deletes is what doctor reports.
TEST(ShimRules, StaleTmpEntriesAreGoversOwnWithAFreeLock) {
    test::TempDir tmp;
    const Layout layout(tmp / "home");
    ASSERT_TRUE(ensure_store_dirs(layout));
    for (const char* name : {"install-1.22.5-1-a", "trash-1.21.0-2-b", "meta-1.20-3-c",
                             "install-nonsense-4-d", "install-1.22.5", "mine.txt"}) {
        std::filesystem::create_directories(layout.tmp_dir() / name);
    }
    auto names = [&](const std::vector<std::filesystem::path>& paths) {
        std::vector<std::string> out;
        for (const auto& p : paths) {
            out.push_back(p.filename().string());
        }
        return out;
    };
    EXPECT_EQ(
        names(stale_tmp_entries(layout)),
        (std::vector<std::string>{"install-1.22.5-1-a", "meta-1.20-3-c", "trash-1.21.0-2-b"}));
    auto lock = StoreLock::acquire(layout, "1.21.0", StoreLock::Wait::try_only);
    ASSERT_TRUE(lock);
    EXPECT_EQ(names(stale_tmp_entries(layout)),
              (std::vector<std::string>{"install-1.22.5-1-a", "meta-1.20-3-c"}));
    EXPECT_EQ(names(stale_tmp_entries(layout, *GoVersion::parse("1.21.0"))).size(), 3u);

    // Doctor reports exactly those, and --fix's cleaning removes exactly those.
    DoctorScene scene;
    std::filesystem::create_directories(scene.gover_home / "tmp" / "install-1.22.5-1-a");
    std::filesystem::create_directories(scene.gover_home / "tmp" / "install-nonsense-4-d");
    const auto found = DoctorScene::of(scene.diagnose(), "store-leftovers");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "1 leftover(s)")) << found[0].message;
    clean_stale_tmp(scene.layout());
    EXPECT_FALSE(std::filesystem::exists(scene.gover_home / "tmp" / "install-1.22.5-1-a"));
    EXPECT_TRUE(std::filesystem::exists(scene.gover_home / "tmp" / "install-nonsense-4-d"));
}

} // namespace
} // namespace gover
