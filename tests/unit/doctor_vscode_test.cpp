// VS Code settings naming another toolchain than gover's.
#include <gtest/gtest.h>

#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Severity;
using test::DoctorScene;

using test::has;

TEST(DoctorVscode, UserSettingsWithCommentsAndTrailingCommas) {
    DoctorScene scene;
    const auto file = scene.home / ".config" / "Code" / "User" / "settings.json";
    test::write_file(file, "// my settings\n{\n  \"editor.tabSize\": 4, /* a // comment */\n"
                           "  \"go.goroot\": \"/usr/local/go\", // old\n}\n");
    const auto found = DoctorScene::of(scene.diagnose(), "vscode");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::info);
    EXPECT_TRUE(has(found[0].message, "\"go.goroot\" to /usr/local/go")) << found[0].message;
    EXPECT_TRUE(has(found[0].fix, file.string()));
}

TEST(DoctorVscode, WorkspaceAlternateTools) {
    DoctorScene scene;
    scene.sys.working_dir = scene.work / "sub";
    std::filesystem::create_directories(scene.sys.working_dir);
    const auto file = scene.work / ".vscode" / "settings.json";
    test::write_file(file, "{\"go.alternateTools\": {\"go\": \"/opt/go/bin/go\", \"dlv\": \"x\"}}");
    auto found = DoctorScene::of(scene.diagnose(), "vscode");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "/opt/go/bin/go"));
    EXPECT_TRUE(has(found[0].fix, (scene.shims() / "go").string()));

    test::write_file(file, "{\"go.alternateTools\": {\"go\": \"go\"}}");
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "vscode").empty());
    test::write_file(file, "{\"go.alternateTools\": {\"go\": \"" + (scene.shims() / "go").string() +
                               "\"}}");
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "vscode").empty());
}

TEST(DoctorVscode, TheSelectedToolchainIsFineAndBrokenJsonIsSkipped) {
    DoctorScene scene;
    scene.make_mac();
    scene.add_version("1.22.5", "arm64");
    scene.link_shims();
    scene.select("1.22.5");
    const auto file =
        scene.home / "Library" / "Application Support" / "Code" / "User" / "settings.json";
    test::write_file(file, "{\"go.goroot\": \"" +
                               (scene.gover_home / "versions" / "1.22.5").string() + "\"}");
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "vscode").empty());
    test::write_file(file, "{\"go.goroot\": ");
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "vscode").empty());
}

} // namespace
} // namespace gover
