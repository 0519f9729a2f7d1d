// --fix: repairs only what is gover's own, asks before installs and `go env -u`, checks again.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "gover/doctor/report_json.hpp"
#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Finding;
using doctor::Severity;
using test::DoctorScene;

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const Finding* find(const doctor::FixOutcome& outcome, const std::string& check) {
    for (const auto& f : outcome.findings) {
        if (f.check == check) {
            return &f;
        }
    }
    return nullptr;
}

doctor::FixCallbacks answering(bool yes, std::vector<std::string>* asked = nullptr) {
    doctor::FixCallbacks c;
    c.confirm = [yes, asked](const Finding& f) {
        if (asked != nullptr) {
            asked->push_back(f.repair.describe());
        }
        return yes;
    };
    return c;
}

// refresh_shims takes the shipped shim from GOVER_SHIM_PATH: point it at a copy of the scene's.
class ShimPath {
  public:
    explicit ShimPath(const std::filesystem::path& p) { ::setenv("GOVER_SHIM_PATH", p.c_str(), 1); }
    ~ShimPath() { ::unsetenv("GOVER_SHIM_PATH"); }
};

TEST(DoctorFix, RegeneratesShimsWithoutAskingAndSaysWhatIsLeft) {
    DoctorScene scene;
    scene.add_version("1.22.5");
    scene.link_shims();
    scene.select("1.22.5");
    std::filesystem::copy_file(scene.gover_home / "bin" / "gover-shim", scene.tmp / "shipped");
    ShimPath shim_path(scene.tmp / "shipped");
    scene.sys.shipped_shim = scene.tmp / "shipped";
    std::filesystem::remove(scene.shims() / "gofmt");
    std::filesystem::remove(scene.shims() / "go1.22.5");
    scene.sys.set("GOFLAGS", "-mod=vendor"); // not gover's: stays

    std::vector<std::string> asked;
    auto outcome = doctor::diagnose_and_fix(scene.sys, answering(false, &asked));
    ASSERT_TRUE(outcome) << outcome.error().message;
    EXPECT_TRUE(asked.empty());
    EXPECT_EQ(std::count(scene.sys.repairs.begin(), scene.sys.repairs.end(), "refresh_shims"), 1);
    const Finding* shims = find(*outcome, "shims");
    ASSERT_NE(shims, nullptr) << DoctorScene::dump(outcome->findings);
    EXPECT_TRUE(shims->fixed);
    EXPECT_TRUE(std::filesystem::is_symlink(scene.shims() / "gofmt"));
    const Finding* flags = find(*outcome, "env-goflags");
    ASSERT_NE(flags, nullptr);
    EXPECT_FALSE(flags->fixed);
    EXPECT_EQ(doctor::exit_status(outcome->findings), 1);

    // Safe to run twice: nothing left to regenerate.
    scene.sys.repairs.clear();
    outcome = doctor::diagnose_and_fix(scene.sys, answering(false));
    ASSERT_TRUE(outcome);
    EXPECT_EQ(find(*outcome, "shims"), nullptr);
    EXPECT_TRUE(scene.sys.repairs.empty());
}

TEST(DoctorFix, InstallsAPinnedVersionOnlyAfterAConfirmation) {
    DoctorScene scene;
    scene.sys.selection_override.reset();
    scene.sys.set("GOVER_VERSION", "1.21.0");

    auto outcome = doctor::diagnose_and_fix(scene.sys, answering(false));
    ASSERT_TRUE(outcome);
    EXPECT_TRUE(scene.sys.repairs.empty());
    ASSERT_EQ(outcome->declined.size(), 1u);
    EXPECT_EQ(outcome->declined[0], "install Go 1.21.0 (`gover install 1.21.0`)");
    ASSERT_NE(find(*outcome, "pin-missing"), nullptr);
    EXPECT_FALSE(find(*outcome, "pin-missing")->fixed);

    scene.sys.on_install = [&scene](const std::string& spec, bool) { scene.add_version(spec); };
    outcome = doctor::diagnose_and_fix(scene.sys, answering(true));
    ASSERT_TRUE(outcome);
    ASSERT_GE(scene.sys.repairs.size(), 1u);
    EXPECT_EQ(scene.sys.repairs[0], "install 1.21.0");
    const Finding* pin = find(*outcome, "pin-missing");
    ASSERT_NE(pin, nullptr);
    EXPECT_TRUE(pin->fixed);
}

TEST(DoctorFix, AFailedInstallIsReportedAndLeftUnfixed) {
    DoctorScene scene;
    scene.sys.selection_override.reset();
    scene.sys.set("GOVER_VERSION", "1.21.0");
    scene.sys.install_failure = "cannot reach https://go.dev/dl/";
    auto outcome = doctor::diagnose_and_fix(scene.sys, answering(true));
    ASSERT_TRUE(outcome);
    ASSERT_EQ(outcome->failures.size(), 1u);
    EXPECT_NE(outcome->failures[0].find("cannot reach"), std::string::npos);
    EXPECT_FALSE(find(*outcome, "pin-missing")->fixed);
    EXPECT_EQ(doctor::exit_status(outcome->findings), 1);
}

TEST(DoctorFix, UnsetsABadPersistedSettingWithTheSelectedGo) {
    DoctorScene scene;
    // A go whose `env -u VAR` rewrites $GOENV without VAR, as go does, and insists on
    // GOTOOLCHAIN=local so a persisted GOTOOLCHAIN cannot make it switch first.
    scene.add_version(
        "1.22.5", "amd64",
        "#!/bin/sh\n"
        "[ \"$1\" = env ] && [ \"$2\" = -u ] && [ \"$GOTOOLCHAIN\" = local ] || exit 3\n"
        "kept=''\n"
        "while IFS= read -r line || [ -n \"$line\" ]; do\n"
        "  case \"$line\" in \"$3=\"*) ;; *) kept=\"$kept$line\n\" ;; esac\n"
        "done < \"$GOENV\"\n"
        "printf '%s' \"$kept\" > \"$GOENV\"\n");
    scene.link_shims();
    scene.select("1.22.5");
    const auto goenv = scene.tmp / "goenv";
    test::write_file(goenv, "GOPROXY=https://corp.example\nGOROOT=/old/go\n");
    scene.sys.set("GOENV", goenv.string());
    const auto rc = scene.startup(".zshrc", "eval \"$(gover init zsh)\"\nexport GOROOT=/old/go\n");
    const std::string rc_before = slurp(rc);

    std::vector<std::string> asked;
    auto outcome = doctor::diagnose_and_fix(scene.sys, answering(true, &asked));
    ASSERT_TRUE(outcome);
    EXPECT_TRUE(outcome->failures.empty()) << outcome->failures.front();
    ASSERT_EQ(asked.size(), 1u);
    EXPECT_EQ(asked[0], "run `go env -u GOROOT` (now GOROOT=/old/go)");
    EXPECT_EQ(slurp(goenv), "GOPROXY=https://corp.example\n");
    EXPECT_EQ(slurp(rc), rc_before); // startup files are never edited
    bool go_env_fixed = false;
    for (const auto& f : outcome->findings) {
        if (f.check == "go-env-file" && f.subject == "GOROOT") {
            go_env_fixed = f.fixed;
        }
        if (f.check == "startup-goroot") {
            EXPECT_FALSE(f.fixed);
        }
    }
    EXPECT_TRUE(go_env_fixed) << DoctorScene::dump(outcome->findings);
}

TEST(DoctorFix, RemovesLeftoversAndWhatIsLeftOfARemovedVersion) {
    DoctorScene scene;
    std::filesystem::create_directories(scene.gover_home / "tmp" / "install-1.22.5-99-abc" / "go");
    test::write_file(scene.gover_home / "tmp" / "keep.txt", "not gover's");
    std::filesystem::create_directories(scene.gover_home / "versions" / "1.20");
    test::write_file(scene.gover_home / "meta" / "1.20.json", "{}");
    doctor::StoreRecord recorded;
    recorded.recorded = true;
    scene.sys.record_overrides["1.20"] = recorded;

    auto outcome = doctor::diagnose_and_fix(scene.sys, answering(false));
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(std::filesystem::exists(scene.gover_home / "tmp" / "install-1.22.5-99-abc"));
    EXPECT_TRUE(std::filesystem::exists(scene.gover_home / "tmp" / "keep.txt"));
    EXPECT_FALSE(std::filesystem::exists(scene.gover_home / "versions" / "1.20"));
    EXPECT_FALSE(std::filesystem::exists(scene.gover_home / "meta" / "1.20.json"));
    ASSERT_NE(find(*outcome, "store-leftovers"), nullptr);
    EXPECT_TRUE(find(*outcome, "store-leftovers")->fixed);
    ASSERT_NE(find(*outcome, "store-foreign"), nullptr);
    EXPECT_TRUE(find(*outcome, "store-foreign")->fixed);
}

TEST(DoctorFix, JsonCarriesFixed) {
    doctor::Findings findings(2);
    findings[0].check = "shims";
    findings[0].severity = Severity::warning;
    findings[0].message = "quote \" and path /a b";
    findings[0].fix = "gover doctor --fix";
    findings[0].fixed = true;
    findings[1].check = "pin-none";
    const auto with =
        nlohmann::json::parse(doctor::findings_to_json(findings, doctor::WithFixed::yes));
    ASSERT_EQ(with.size(), 2u);
    EXPECT_EQ(with[0]["check"], "shims");
    EXPECT_EQ(with[0]["severity"], "warning");
    EXPECT_EQ(with[0]["message"], "quote \" and path /a b");
    EXPECT_EQ(with[0]["fixed"], true);
    EXPECT_EQ(with[1]["severity"], "info");
    EXPECT_EQ(with[1]["fixed"], false);
    const auto without =
        nlohmann::json::parse(doctor::findings_to_json(findings, doctor::WithFixed::no));
    EXPECT_FALSE(without[0].contains("fixed"));
    EXPECT_EQ(without[0].size(), 4u);
    EXPECT_EQ(nlohmann::json::parse(doctor::findings_to_json({}, doctor::WithFixed::no)),
              nlohmann::json::array());
}

} // namespace
} // namespace gover
