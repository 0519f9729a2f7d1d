// Shell startup files: GOROOT exports, another Go on PATH, PATH resets after `gover init`, and
// whether the login shell loads gover.
#include <gtest/gtest.h>

#include "gover/doctor/startup_files.hpp"
#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::parse_assignments;
using doctor::Severity;
using doctor::Shell;
using test::DoctorScene;

using test::has;

TEST(DoctorStartupParse, ShAssignments) {
    auto a = parse_assignments("  export GOROOT=/usr/local/go  # old", Shell::zsh);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].name, "GOROOT");
    EXPECT_EQ(a[0].value, "/usr/local/go");
    EXPECT_TRUE(a[0].exported);

    a = parse_assignments("export PATH=\"$HOME/go/bin:$PATH\"", Shell::bash);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_TRUE(a[0].keeps_old);
    EXPECT_EQ(a[0].value, "$HOME/go/bin:$PATH");

    a = parse_assignments("PATH=/usr/bin:/bin", Shell::sh);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_FALSE(a[0].keeps_old);

    a = parse_assignments("PATH=\"/x${PATH:+:$PATH}\"", Shell::sh);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_TRUE(a[0].keeps_old);

    EXPECT_TRUE(parse_assignments("GOOS=linux go build ./...", Shell::bash).empty());
    EXPECT_TRUE(parse_assignments("# export GOROOT=/x", Shell::bash).empty());
    EXPECT_TRUE(parse_assignments("echo \"export GOROOT=/x\"", Shell::bash).empty());

    a = parse_assignments("typeset -x GOFLAGS=-mod=mod; export A=1 B; launchctl setenv GOROOT /y",
                          Shell::zsh);
    ASSERT_EQ(a.size(), 4u);
    EXPECT_EQ(a[0].name, "GOFLAGS");
    EXPECT_TRUE(a[0].exported);
    EXPECT_EQ(a[1].name, "A");
    EXPECT_EQ(a[2].name, "B");
    EXPECT_EQ(a[3].name, "GOROOT");
    EXPECT_EQ(a[3].value, "/y");
    EXPECT_TRUE(a[3].exported);

    a = parse_assignments("path=(/usr/local/go/bin $path)", Shell::zsh);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].name, "PATH");
    EXPECT_TRUE(a[0].keeps_old);
    EXPECT_TRUE(a[0].array);
    EXPECT_EQ(doctor::path_entries(a[0], "/h"),
              (std::vector<std::string>{"/usr/local/go/bin", "$path"}));
}

TEST(DoctorStartupParse, FishAssignments) {
    auto a = parse_assignments("set -gx GOROOT /opt/go", Shell::fish);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_TRUE(a[0].exported);
    EXPECT_EQ(a[0].value, "/opt/go");
    EXPECT_TRUE(parse_assignments("set -e GOROOT", Shell::fish).empty());
    EXPECT_FALSE(parse_assignments("set GOROOT /opt/go", Shell::fish)[0].exported);

    a = parse_assignments("set -x PATH /usr/local/go/bin $PATH", Shell::fish);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_TRUE(a[0].keeps_old);
    a = parse_assignments("set -gx PATH /usr/bin /bin", Shell::fish);
    EXPECT_FALSE(a[0].keeps_old);
    a = parse_assignments("fish_add_path -g ~/sdk/go1.22.5/bin", Shell::fish);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].name, "PATH");
    EXPECT_TRUE(a[0].keeps_old);
    EXPECT_EQ(doctor::path_entries(a[0], "/h"), (std::vector<std::string>{"/h/sdk/go1.22.5/bin"}));
}

TEST(DoctorStartupParse, GoverInitLines) {
    for (const char* line :
         {"eval \"$(gover init zsh)\"", "gover init fish | source",
          "  eval \"$(/opt/homebrew/bin/gover init bash)\"", "source <(gover init bash)",
          "eval \"$(~/.gover/bin/gover init -)\""}) {
        EXPECT_TRUE(doctor::is_gover_init(line)) << line;
    }
    for (const char* line : {"# eval \"$(gover init zsh)\"", "eval \"$(goenv init -)\"",
                             "echo gover", "govern init", "gover initialize"}) {
        EXPECT_FALSE(doctor::is_gover_init(line)) << line;
    }
}

TEST(DoctorStartup, GorootExportNamedByPathAndLine) {
    DoctorScene scene;
    const auto rc =
        scene.startup(".zshrc", "eval \"$(gover init zsh)\"\n\nexport GOROOT=$HOME/go1.21\n");
    const auto found = DoctorScene::of(scene.diagnose(), "startup-goroot");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_TRUE(has(found[0].message, rc.string() + ":3")) << found[0].message;
    EXPECT_TRUE(has(found[0].fix, "delete line 3 of " + rc.string())) << found[0].fix;
}

TEST(DoctorStartup, AnotherGoOnPathBeforeAndAfterInit) {
    DoctorScene scene;
    const auto profile = scene.startup(".bash_profile", "export PATH=/usr/local/go/bin:$PATH\n");
    const auto rc = scene.startup(
        ".zshrc", "eval \"$(gover init zsh)\"\nexport PATH=\"$HOME/sdk/mine/bin:$PATH\"\n"
                  "export PATH=\"$HOME/go/bin:$PATH\"\n");
    test::write_file(scene.home / "sdk" / "mine" / "bin" / "go", "#!/bin/sh\n", true);
    const auto found = DoctorScene::of(scene.diagnose(), "startup-path");
    ASSERT_EQ(found.size(), 2u) << DoctorScene::dump(found);
    EXPECT_EQ(found[0].subject, rc.string() + ":2");
    EXPECT_TRUE(has(found[0].message, "after `gover init`")) << found[0].message;
    EXPECT_EQ(found[1].subject, profile.string() + ":1");
    EXPECT_TRUE(has(found[1].message, "/usr/local/go/bin"));
    EXPECT_TRUE(has(found[1].fix, "delete line 1 of " + profile.string()));
}

TEST(DoctorStartup, PathResetAfterInitInTheSameOrALaterFile) {
    DoctorScene scene;
    const auto rc = scene.startup(".zshrc", "export PATH=/usr/bin:/bin\n"
                                            "eval \"$(gover init zsh)\"\n"
                                            "export PATH=/usr/bin:/bin:/usr/sbin\n");
    auto found = DoctorScene::of(scene.diagnose(), "startup-path-reset");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(found);
    EXPECT_EQ(found[0].subject, rc.string() + ":3");
    EXPECT_TRUE(has(found[0].fix, "move the `gover init` line below line 3")) << found[0].fix;

    DoctorScene later;
    later.startup(".zshrc", "PATH=/bin\n");
    later.startup(".zprofile", "eval \"$(gover init zsh)\"\n");
    found = DoctorScene::of(later.diagnose(), "startup-path-reset");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(found);
    EXPECT_EQ(found[0].subject, (later.home / ".zshrc").string() + ":1");
}

TEST(DoctorStartup, InitMissingIsInfoWithTheLineForTheShell) {
    DoctorScene scene;
    std::filesystem::remove(scene.home / ".zshrc");
    scene.sys.set("SHELL", "/usr/bin/fish");
    const auto found = DoctorScene::of(scene.diagnose(), "init-missing");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::info);
    EXPECT_TRUE(has(found[0].fix, "gover init fish | source")) << found[0].fix;
    EXPECT_TRUE(has(found[0].fix, ".config/fish/config.fish")) << found[0].fix;
}

TEST(DoctorStartup, InitOnlyInBashrcThatLoginBashDoesNotRead) {
    DoctorScene scene;
    std::filesystem::remove(scene.home / ".zshrc");
    scene.sys.set("SHELL", "/bin/bash");
    scene.startup(".bashrc", "eval \"$(gover init bash)\"\n");
    scene.startup(".bash_profile", "export EDITOR=vi\n");
    auto found = DoctorScene::of(scene.diagnose(), "init-not-read");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::info);
    EXPECT_TRUE(has(found[0].fix, ". ~/.bashrc")) << found[0].fix;

    scene.startup(".bash_profile", "[ -f ~/.bashrc ] && . ~/.bashrc\n");
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "init-not-read").empty());
}

TEST(DoctorStartup, ZshDoesNotReadBashFiles) {
    DoctorScene scene;
    std::filesystem::remove(scene.home / ".zshrc");
    scene.startup(".profile", "eval \"$(gover init bash)\"\n");
    const auto found = DoctorScene::of(scene.diagnose(), "init-not-read");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "zsh")) << found[0].message;
    EXPECT_TRUE(has(found[0].fix, ".zshrc")) << found[0].fix;
}

TEST(DoctorStartup, FishConfigCounts) {
    DoctorScene scene;
    std::filesystem::remove(scene.home / ".zshrc");
    scene.sys.set("SHELL", "/opt/homebrew/bin/fish");
    test::write_file(scene.home / ".config" / "fish" / "config.fish",
                     "set -gx GOROOT /usr/local/go\ngover init fish | source\n");
    const auto findings = scene.diagnose();
    EXPECT_TRUE(DoctorScene::of(findings, "init-missing").empty());
    EXPECT_TRUE(DoctorScene::of(findings, "init-not-read").empty());
    EXPECT_EQ(DoctorScene::of(findings, "startup-goroot").size(), 1u);
}

TEST(DoctorStartup, InitInZshenvOnMacosIsUndoneByPathHelper) {
    DoctorScene scene;
    scene.make_mac();
    std::filesystem::remove(scene.home / ".zshrc");
    scene.startup(".zshenv", "eval \"$(gover init zsh)\"\n");
    const auto found = DoctorScene::of(scene.diagnose(), "startup-path-reset");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(found);
    EXPECT_TRUE(has(found[0].message, "path_helper"));
}

TEST(DoctorStartup, AliasesAndOtherVersionManagers) {
    DoctorScene scene;
    scene.startup(".zshrc", "eval \"$(gover init zsh)\"\nalias go=/usr/local/go/bin/go\n"
                            "eval \"$(goenv init -)\"\n");
    const auto found = DoctorScene::of(scene.diagnose(), "startup-path");
    ASSERT_EQ(found.size(), 2u) << DoctorScene::dump(found);
    EXPECT_TRUE(has(found[0].message, "alias or function"));
    EXPECT_TRUE(has(found[1].message, "another Go version manager"));
}

TEST(DoctorStartup, BrewShellenvAfterInitWithHomebrewGo) {
    DoctorScene scene;
    scene.make_mac();
    scene.sys.map_path("/opt/homebrew", scene.tmp / "opt-homebrew");
    test::write_file(scene.tmp / "opt-homebrew" / "bin" / "go", "#!/bin/sh\n", true);
    scene.startup(".zshrc", "eval \"$(gover init zsh)\"\n"
                            "eval \"$(/opt/homebrew/bin/brew shellenv)\"\n");
    const auto found = DoctorScene::of(scene.diagnose(), "startup-path");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(found);
    EXPECT_TRUE(has(found[0].message, "/opt/homebrew/bin")) << found[0].message;
}

} // namespace
} // namespace gover
