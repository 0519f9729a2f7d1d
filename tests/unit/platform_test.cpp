// go.dev platform names from what the machine says (core/platform.hpp): uname's kernel and
// machine, and on macOS the sysctl flags (hw.optional.arm64, sysctl.proc_translated) that the
// macOS-only seam (core/platform_sysctl.hpp) reads. The facts here are crafted, so the Mac cases
// run on any machine.
#include "core/platform.hpp"

#include <gtest/gtest.h>

namespace gover {
namespace {

HostFacts facts(std::string kernel, std::string machine, std::optional<bool> arm64 = std::nullopt,
                std::optional<bool> translated = std::nullopt) {
    HostFacts f;
    f.kernel = std::move(kernel);
    f.machine = std::move(machine);
    f.arm64_capable = arm64;
    f.translated = translated;
    return f;
}

std::string name(const Platform& p) {
    return p.os + "-" + p.arch;
}

TEST(Platform, AppleSiliconIsDarwinArm64NativeOrUnderRosetta) {
    EXPECT_EQ(name(platform_from_facts(facts("Darwin", "arm64", true, false))), "darwin-arm64");
    // Under Rosetta uname -m says x86_64; hw.optional.arm64 still says what the Mac is.
    EXPECT_EQ(name(platform_from_facts(facts("Darwin", "x86_64", true, true))), "darwin-arm64");
}

TEST(Platform, IntelMacsAreDarwinAmd64) {
    // Intel Macs answer hw.optional.arm64 with 0 or not at all (older macOS).
    EXPECT_EQ(name(platform_from_facts(facts("Darwin", "x86_64", false))), "darwin-amd64");
    EXPECT_EQ(name(platform_from_facts(facts("Darwin", "x86_64"))), "darwin-amd64");
}

TEST(Platform, TheArm64FlagMeansNothingOffMacOs) {
    EXPECT_EQ(name(platform_from_facts(facts("Linux", "x86_64", true))), "linux-amd64");
}

TEST(Platform, LinuxMachinesMapToGoDevNames) {
    EXPECT_EQ(name(platform_from_facts(facts("Linux", "aarch64"))), "linux-arm64");
    EXPECT_EQ(name(platform_from_facts(facts("Linux", "armv7l"))), "linux-armv6l");
    EXPECT_EQ(name(platform_from_facts(facts("Linux", "i686"))), "linux-386");
    EXPECT_EQ(name(platform_from_facts(facts("FreeBSD", "amd64"))), "freebsd-amd64");
}

TEST(Platform, ThisMachineHasAName) {
    const Platform host = host_platform();
    ASSERT_TRUE(Platform::parse(name(host))) << name(host);
#if defined(__APPLE__)
    EXPECT_EQ(host.os, "darwin");
#elif defined(__linux__)
    EXPECT_EQ(host.os, "linux");
    // Off macOS the sysctl seam reports "not available", never a guess.
    EXPECT_FALSE(read_host_facts().arm64_capable.has_value());
    EXPECT_FALSE(read_host_facts().translated.has_value());
#endif
}

} // namespace
} // namespace gover
