// What the go binaries were built for: the selected go, others on PATH, GOBIN, macOS minimums.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Severity;
using test::ByteOrder;
using test::DoctorScene;
using test::MachoSpec;

using test::has;

MachoSpec slice(std::uint32_t cpu, std::optional<std::uint32_t> minos = std::nullopt) {
    MachoSpec s;
    s.cputype = cpu;
    s.minos = minos;
    return s;
}

doctor::StoreRecord record_for(const std::string& platform, bool on_purpose) {
    doctor::StoreRecord r;
    r.recorded = true;
    r.platform = *Platform::parse(platform);
    r.platform_override = on_purpose;
    return r;
}

TEST(DoctorBinaries, SelectedIntelGoOnAppleSiliconIsAnError) {
    DoctorScene scene;
    scene.make_mac();
    scene.add_version("1.22.5", "amd64", test::macho_binary(slice(test::k_cpu_x86_64)));
    scene.select("1.22.5");
    scene.sys.record_overrides["1.22.5"] = record_for("darwin-amd64", false);
    const auto found = DoctorScene::of(scene.diagnose(), "go-arch");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(scene.diagnose());
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_TRUE(has(found[0].message, "built for amd64")) << found[0].message;
    EXPECT_TRUE(has(found[0].message, "Rosetta"));
    EXPECT_EQ(found[0].fix, "reinstall it for this machine: `gover uninstall 1.22.5 && gover "
                            "install 1.22.5`");
}

TEST(DoctorBinaries, InstalledForAnotherPlatformOnPurposeIsInfo) {
    DoctorScene scene;
    scene.make_mac();
    scene.add_version("1.15", "amd64", test::macho_binary(slice(test::k_cpu_x86_64)));
    scene.select("1.15");
    scene.sys.record_overrides["1.15"] = record_for("darwin-amd64", true);
    const auto findings = scene.diagnose();
    EXPECT_TRUE(DoctorScene::of(findings, "go-arch").empty()) << DoctorScene::dump(findings);
    const auto info = DoctorScene::of(findings, "platform-install");
    ASSERT_EQ(info.size(), 1u);
    EXPECT_EQ(info[0].severity, Severity::info);
    EXPECT_TRUE(has(info[0].message, "darwin-amd64 on purpose"));
}

TEST(DoctorBinaries, UniversalAndNativeGosAreFine) {
    DoctorScene scene;
    scene.make_mac();
    scene.add_version("1.22.5", "arm64",
                      test::fat_binary({slice(test::k_cpu_x86_64), slice(test::k_cpu_arm64)}));
    scene.select("1.22.5");
    const auto native = scene.tmp / "native";
    test::write_file(native / "go", test::macho_binary(slice(test::k_cpu_arm64)), true);
    scene.set_path({scene.shims(), native, scene.tools});
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "go-arch").empty());
}

TEST(DoctorBinaries, AnyOtherGoOnPathForAnotherArchitecture) {
    DoctorScene scene; // linux amd64
    scene.sys.map_path("/usr/local/go", scene.tmp / "usr-local-go");
    test::write_file(scene.tmp / "usr-local-go" / "bin" / "go",
                     test::elf_binary(test::k_elf_aarch64), true);
    const auto fine = scene.tmp / "fine";
    test::write_file(fine / "go", test::elf_binary(test::k_elf_x86_64), true);
    scene.set_path({scene.shims(), "/usr/local/go/bin", fine, scene.tools});
    const auto found = DoctorScene::of(scene.diagnose(), "go-arch");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].subject, "/usr/local/go/bin/go");
    EXPECT_TRUE(has(found[0].message, "built for arm64 but this machine is linux-amd64"));
    EXPECT_TRUE(has(found[0].fix, "sudo rm -rf /usr/local/go")) << found[0].fix;
}

TEST(DoctorBinaries, AToolchainNeedingANewerMacos) {
    DoctorScene scene;
    scene.make_mac("11.7");
    scene.add_version("1.25.0", "arm64",
                      test::macho_binary(slice(test::k_cpu_arm64, test::macos_version(12, 0))));
    scene.add_version("1.24.5", "arm64",
                      test::macho_binary(slice(test::k_cpu_arm64, test::macos_version(11, 0))));
    const auto found = DoctorScene::of(scene.diagnose(), "macos-version");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_EQ(found[0].subject, "1.25.0");
    EXPECT_TRUE(has(found[0].message, "needs macOS 12.0"));
    EXPECT_TRUE(has(found[0].message, "macOS 11.7"));
    EXPECT_TRUE(has(found[0].fix, "gover use 1.24.5")) << found[0].fix;
}

TEST(DoctorBinaries, NoMinimumCheckOffMacos) {
    DoctorScene scene;
    scene.add_version("1.25.0", "amd64",
                      test::macho_binary(slice(test::k_cpu_arm64, test::macos_version(99, 0))));
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "macos-version").empty());
}

TEST(DoctorBinaries, GobinProgramsForAnotherArchitecture) {
    DoctorScene scene;
    scene.make_mac();
    const auto gobin = scene.tmp / "gobin";
    // gopls carries Go's build information, naming the exact command; old-tool does not.
    test::write_file(
        gobin / "gopls",
        test::macho_binary(slice(test::k_cpu_x86_64)) +
            test::go_buildinfo_block("go1.21.0", "golang.org/x/tools/gopls", "v0.15.3"),
        true);
    test::write_file(gobin / "old-tool", test::macho_binary(slice(test::k_cpu_x86_64)), true);
    test::write_file(gobin / "dlv", test::macho_binary(slice(test::k_cpu_arm64)), true);
    test::write_file(gobin / "notes.txt", "hello", false);
    test::write_file(gobin / "script", "#!/bin/sh\n", true);
    scene.sys.set("GOBIN", gobin.string());
    const auto found = DoctorScene::of(scene.diagnose(), "gobin-arch");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_TRUE(has(found[0].message, "2 program(s)")) << found[0].message;
    // Each by its full path; dlv is native.
    EXPECT_TRUE(has(found[0].message,
                    "(" + (gobin / "gopls").string() + ", " + (gobin / "old-tool").string() + ")"))
        << found[0].message;
    EXPECT_TRUE(has(found[0].fix, "`go install golang.org/x/tools/gopls@v0.15.3`")) << found[0].fix;
    EXPECT_TRUE(has(found[0].fix, "for the others: `go install <package>@latest`")) << found[0].fix;
}

TEST(DoctorBinaries, GopathBinIsUsedWithoutGobin) {
    DoctorScene scene;
    const auto gopath = scene.tmp / "gopath";
    test::write_file(gopath / "bin" / "tool", test::elf_binary(test::k_elf_aarch64), true);
    scene.sys.set("GOPATH", gopath.string() + ":/other");
    const auto found = DoctorScene::of(scene.diagnose(), "gobin-arch");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].subject, (gopath / "bin").string());
}

// Analysis tools built by a Go older than the selected series: each named by its path, with the
// go install line; other programs, and tools built by the selected series, are fine.
TEST(DoctorBinaries, AnalysisToolsBuiltByAnOlderGo) {
    DoctorScene scene;
    scene.add_version("1.22.5");
    scene.select("1.22.5");
    const auto gobin = scene.tmp / "gobin";
    const auto elf = test::elf_binary(test::k_elf_x86_64);
    test::write_file(
        gobin / "gopls",
        elf + test::go_buildinfo_block("go1.19.13", "golang.org/x/tools/gopls", "v0.11.0"), true);
    test::write_file(
        gobin / "staticcheck",
        elf + test::go_buildinfo_block("go1.21.0", "honnef.co/go/tools/cmd/staticcheck", "v0.4.7"),
        true);
    test::write_file(
        gobin / "dlv",
        elf + test::go_buildinfo_block("go1.22.0", "github.com/go-delve/delve/cmd/dlv", "v1.22.1"),
        true);
    test::write_file(gobin / "hello",
                     elf + test::go_buildinfo_block("go1.19.13", "example.com/hello", "v1.0.0"),
                     true);
    test::write_file(gobin / "toolsish",
                     elf + test::go_buildinfo_block("go1.19.13", "golang.org/x/toolsish", ""),
                     true);
    scene.sys.set("GOBIN", gobin.string());
    auto found = DoctorScene::of(scene.diagnose(), "tool-old-go");
    ASSERT_EQ(found.size(), 2u);
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.subject < b.subject; });
    EXPECT_EQ(found[0].subject, (gobin / "gopls").string());
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_TRUE(has(found[0].message, (gobin / "gopls").string() + " (golang.org/x/tools/gopls) "
                                                                   "was built by go1.19.13"))
        << found[0].message;
    EXPECT_TRUE(has(found[0].fix, "`go install golang.org/x/tools/gopls@latest`")) << found[0].fix;
    EXPECT_EQ(found[1].subject, (gobin / "staticcheck").string());
    EXPECT_TRUE(has(found[1].fix, "`go install honnef.co/go/tools/cmd/staticcheck@latest`"));
}

} // namespace
} // namespace gover
