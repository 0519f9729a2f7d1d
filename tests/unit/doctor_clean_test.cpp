// A healthy setup: nothing to report, exit status 0 — and the same setup on a Mac.
#include <gtest/gtest.h>

#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using test::DoctorScene;

void make_healthy(DoctorScene& scene, const std::string& arch) {
    scene.add_version("1.22.5", arch);
    scene.link_shims();
    scene.select("1.22.5");
    doctor::StoreRecord record;
    record.recorded = true;
    scene.sys.record_overrides["1.22.5"] = record;
}

TEST(DoctorClean, AHealthySetupHasNoFindingsAndExitsZero) {
    DoctorScene scene;
    make_healthy(scene, "amd64");
    const auto findings = scene.diagnose();
    EXPECT_TRUE(findings.empty()) << DoctorScene::dump(findings);
    EXPECT_EQ(doctor::exit_status(findings), 0);
}

TEST(DoctorClean, AHealthyAppleSiliconMacHasNoFindings) {
    DoctorScene scene;
    scene.make_mac();
    make_healthy(scene, "arm64");
    const auto findings = scene.diagnose();
    EXPECT_TRUE(findings.empty()) << DoctorScene::dump(findings);
}

TEST(DoctorClean, InfoAloneStillExitsZero) {
    DoctorScene scene; // nothing pinned: pin-none is info
    const auto findings = scene.diagnose();
    ASSERT_EQ(DoctorScene::of(findings, "pin-none").size(), 1u) << DoctorScene::dump(findings);
    for (const auto& f : findings) {
        EXPECT_EQ(f.severity, doctor::Severity::info) << DoctorScene::dump(findings);
    }
    EXPECT_EQ(doctor::exit_status(findings), 0);
}

TEST(DoctorClean, AWarningOrErrorExitsOne) {
    doctor::Findings findings(1);
    findings[0].severity = doctor::Severity::warning;
    EXPECT_EQ(doctor::exit_status(findings), 1);
    findings[0].severity = doctor::Severity::error;
    EXPECT_EQ(doctor::exit_status(findings), 1);
    findings[0].fixed = true;
    EXPECT_EQ(doctor::exit_status(findings), 0);
}

TEST(DoctorClean, NoHomeAndNoGoverHomeIsAUsageError) {
    DoctorScene scene;
    scene.sys.vars.erase("HOME");
    scene.sys.vars.erase("GOVER_HOME");
    auto findings = doctor::diagnose(scene.sys);
    ASSERT_FALSE(findings);
    EXPECT_EQ(findings.error().code, ErrorCode::usage);
    scene.sys.set("GOVER_HOME", "relative/dir");
    findings = doctor::diagnose(scene.sys);
    ASSERT_FALSE(findings);
    EXPECT_NE(findings.error().message.find("relative/dir"), std::string::npos);
}

} // namespace
} // namespace gover
