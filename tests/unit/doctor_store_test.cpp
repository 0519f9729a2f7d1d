// The store: files changed since install (against the real meta/<v>.json manifest), entries in
// versions/ gover did not install, and leftovers of interrupted runs in tmp/.
#include <gtest/gtest.h>

#include "core/selection.hpp"
#include "gover/store/install_meta.hpp"
#include "gover/store/store_lock.hpp"
#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Severity;
using test::DoctorScene;

using test::has;

// Records versions/<v> as gover installs it: every file with its size.
void record(DoctorScene& scene, const std::string& version, const std::string& platform,
            bool on_purpose = false, const std::string& imported_from = {}, bool verified = true) {
    const auto v = *GoVersion::parse(version);
    InstallMeta meta;
    meta.imported_from = imported_from;
    meta.verified = verified;
    meta.version = version;
    meta.url = "https://example.invalid/go" + version + ".tar.gz";
    meta.sha256 = std::string(64, 'a');
    meta.platform = platform;
    meta.platform_override = on_purpose;
    const auto root = scene.layout().version_dir(v);
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
        if (e.is_regular_file()) {
            ManifestEntry entry;
            entry.path = std::filesystem::relative(e.path(), root).string();
            entry.size = e.file_size();
            meta.manifest.push_back(entry);
        }
    }
    ASSERT_TRUE(write_install_meta(scene.layout(), v, meta));
}

TEST(DoctorStore, ARecordedVersionThatIsIntactIsQuiet) {
    DoctorScene scene;
    scene.add_version("1.22.5");
    record(scene, "1.22.5", "linux-amd64");
    const auto findings = scene.diagnose();
    EXPECT_TRUE(DoctorScene::of(findings, "store-changed").empty()) << DoctorScene::dump(findings);
    EXPECT_TRUE(DoctorScene::of(findings, "store-foreign").empty()) << DoctorScene::dump(findings);
}

TEST(DoctorStore, FilesChangedSinceInstall) {
    DoctorScene scene;
    scene.add_version("1.22.5");
    record(scene, "1.22.5", "linux-amd64");
    test::write_file(scene.gover_home / "versions" / "1.22.5" / "bin" / "gofmt", "#!/bin/sh\n#x\n",
                     true);
    std::filesystem::remove(scene.gover_home / "versions" / "1.22.5" / "VERSION");
    const auto found = DoctorScene::of(scene.diagnose(), "store-changed");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_TRUE(has(found[0].message, "2 file(s)")) << found[0].message;
    EXPECT_TRUE(has(found[0].message, "bin/gofmt")) << found[0].message;
    EXPECT_TRUE(has(found[0].message, "VERSION"));
    EXPECT_EQ(found[0].fix, "gover install --force 1.22.5");
    EXPECT_EQ(found[0].repair.kind, doctor::Repair::Kind::reinstall);
    ASSERT_TRUE(found[0].repair.request);
    EXPECT_EQ(install_spec(*found[0].repair.request), "1.22.5");
}

TEST(DoctorStore, ReinstallKeepsThePlatformChosenOnPurpose) {
    DoctorScene scene;
    scene.add_version("1.20");
    record(scene, "1.20", "darwin-amd64", true);
    std::filesystem::remove(scene.gover_home / "versions" / "1.20" / "bin" / "gofmt");
    const auto found = DoctorScene::of(scene.diagnose(), "store-changed");
    ASSERT_EQ(found.size(), 1u);
    // go.dev's go1.20 is spelled 1.20.0 as a spec (1.20 would mean the newest 1.20.x).
    EXPECT_EQ(found[0].fix, "gover install --force 1.20.0 --platform darwin-amd64");
    ASSERT_TRUE(found[0].repair.platform);
    EXPECT_EQ(found[0].repair.platform->str(), "darwin-amd64");
}

TEST(DoctorStore, AnUnverifiedImportIsInfoWithTheReinstallAsFix) {
    DoctorScene scene;
    scene.add_version("1.21.0");
    record(scene, "1.21.0", "linux-amd64", false, "/home/u/sdk/go1.21.0", false);
    scene.add_version("1.22.5"); // a module-cache toolchain the database proved
    record(scene, "1.22.5", "linux-amd64", false, "/m/golang.org/toolchain@v0.0.1-go1.22.5", true);
    scene.add_version("1.20");
    record(scene, "1.20", "linux-amd64"); // installed
    const auto findings = scene.diagnose();
    const auto found = DoctorScene::of(findings, "store-unverified");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(findings);
    EXPECT_EQ(found[0].severity, Severity::info);
    EXPECT_TRUE(has(found[0].message, "Go 1.21.0 was imported from /home/u/sdk/go1.21.0"))
        << found[0].message;
    EXPECT_EQ(found[0].fix, "gover install --force 1.21.0");
    EXPECT_EQ(found[0].repair.kind, doctor::Repair::Kind::none);
    EXPECT_TRUE(DoctorScene::of(findings, "store-changed").empty()) << DoctorScene::dump(findings);
}

TEST(DoctorStore, AnUnverifiedImportThatChangedIsStillAnError) {
    DoctorScene scene;
    scene.add_version("1.21.0");
    record(scene, "1.21.0", "linux-amd64", false, "/home/u/sdk/go1.21.0", false);
    test::write_file(scene.gover_home / "versions" / "1.21.0" / "bin" / "gofmt", "changed", true);
    const auto findings = scene.diagnose();
    ASSERT_EQ(DoctorScene::of(findings, "store-changed").size(), 1u) << DoctorScene::dump(findings);
    EXPECT_EQ(DoctorScene::of(findings, "store-changed")[0].severity, Severity::error);
}

TEST(DoctorStore, ForeignEntriesInVersions) {
    DoctorScene scene;
    scene.add_version("1.22.5"); // no record: copied in by hand
    std::filesystem::create_directories(scene.gover_home / "versions" / "my-go");
    std::filesystem::create_directory_symlink(scene.tmp.path(),
                                              scene.gover_home / "versions" / "1.21.0");
    std::filesystem::create_directories(scene.gover_home / "versions" / ".DS_Store");
    const auto found = DoctorScene::of(scene.diagnose(), "store-foreign");
    ASSERT_EQ(found.size(), 3u) << DoctorScene::dump(found);
    EXPECT_TRUE(has(found[0].message, "is a link to " + scene.tmp.path().string()))
        << found[0].message;
    EXPECT_TRUE(has(found[1].message, "was not installed by gover")) << found[1].message;
    EXPECT_EQ(found[1].fix, "gover uninstall 1.22.5 && gover install 1.22.5");
    EXPECT_TRUE(has(found[2].message, "my-go")) << found[2].message;
    for (const auto& f : found) {
        EXPECT_EQ(f.severity, Severity::warning);
        EXPECT_EQ(f.repair.kind, doctor::Repair::Kind::none); // not gover's to delete
    }
}

TEST(DoctorStore, WhatIsLeftOfARemovedVersionIsGoversToRemove) {
    DoctorScene scene;
    scene.add_version("1.22.5");
    record(scene, "1.22.5", "linux-amd64");
    std::filesystem::remove(scene.gover_home / "versions" / "1.22.5" / "bin" / "go");
    const auto found = DoctorScene::of(scene.diagnose(), "store-foreign");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(scene.diagnose());
    EXPECT_TRUE(has(found[0].message, "no bin/go"));
    EXPECT_EQ(found[0].repair.kind, doctor::Repair::Kind::remove);
    ASSERT_EQ(found[0].repair.paths.size(), 2u);
    EXPECT_EQ(found[0].repair.paths[1], scene.layout().meta_file(*GoVersion::parse("1.22.5")));
}

TEST(DoctorStore, LeftoversOfRunsThatAreGoneButNotOfRunningOnes) {
    DoctorScene scene;
    const auto tmp = scene.gover_home / "tmp";
    std::filesystem::create_directories(tmp / "install-1.22.5-123-abc" / "go");
    std::filesystem::create_directories(tmp / "trash-1.21.0-456-def");
    test::write_file(tmp / "unrelated.txt", "mine");
    auto found = DoctorScene::of(scene.diagnose(), "store-leftovers");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::info);
    EXPECT_TRUE(has(found[0].message, "2 leftover(s)")) << found[0].message;
    EXPECT_EQ(found[0].repair.kind, doctor::Repair::Kind::clean_leftovers);

    // An install of 1.22.5 running right now holds its lock: its staging is not a leftover.
    auto lock = StoreLock::acquire(scene.layout(), "1.22.5", StoreLock::Wait::try_only);
    ASSERT_TRUE(lock);
    found = DoctorScene::of(scene.diagnose(), "store-leftovers");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "1 leftover(s)")) << found[0].message;
    EXPECT_TRUE(has(found[0].message, "trash-1.21.0-456-def"));
}

} // namespace
} // namespace gover
