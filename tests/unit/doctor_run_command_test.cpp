// Running a command for doctor: output, status, environment, PATH lookup, timeouts.
#include <gtest/gtest.h>

#include <chrono>

#include "gover/doctor/run_command.hpp"
#include "support/binary_headers.hpp"
#include "support/temp_dir.hpp"

namespace gover {
namespace {

using doctor::run_command;
using namespace std::chrono_literals;

TEST(DoctorRunCommand, CapturesBothStreamsAndTheStatus) {
    const auto r = run_command({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}, {}, "", 10s);
    EXPECT_TRUE(r.started);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_EQ(r.out, "out\n");
    EXPECT_EQ(r.err, "err\n");
}

TEST(DoctorRunCommand, TheChildGetsExactlyTheGivenEnvironmentAndNoStdin) {
    const auto r =
        run_command({"/bin/sh", "-c", "echo \"[$FOO][$HOME]\"; cat"}, {"FOO=bar baz"}, "", 10s);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "[bar baz][]\n");
}

TEST(DoctorRunCommand, LooksNamesUpInTheGivenPath) {
    test::TempDir dir;
    test::write_file(dir / "a" / "tool", "#!/bin/sh\necho from-a\n", true);
    test::write_file(dir / "b" / "tool", "#!/bin/sh\necho from-b\n", true);
    test::write_file(dir / "c" / "tool", "not executable\n", false);
    const std::string path =
        (dir / "c").string() + "::" + (dir / "b").string() + ":" + (dir / "a").string();
    const auto r = run_command({"tool"}, {}, path, 10s);
    EXPECT_EQ(r.out, "from-b\n");
    EXPECT_FALSE(run_command({"tool"}, {}, (dir / "c").string(), 10s).started);
    EXPECT_FALSE(run_command({"no-such-tool"}, {}, path, 10s).started);
}

TEST(DoctorRunCommand, AFileTheKernelCannotRunWasNotStarted) {
    test::TempDir dir;
    test::write_file(dir / "junk", std::string("\x01\x02\x03garbage", 10), true);
    const auto r = run_command({(dir / "junk").string()}, {}, "", 10s);
    EXPECT_FALSE(r.started);
}

TEST(DoctorRunCommand, ATimeoutKillsTheWholeGroup) {
    const auto start = std::chrono::steady_clock::now();
    const auto r = run_command({"/bin/sh", "-c", "sleep 30 & sleep 30; echo never"}, {}, "", 300ms);
    EXPECT_TRUE(r.started);
    EXPECT_TRUE(r.timed_out);
    EXPECT_EQ(r.exit_code, -1);
    EXPECT_EQ(r.out, "");
    EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

TEST(DoctorRunCommand, LargeOutputIsCapped) {
    const auto r = run_command(
        {"/bin/sh", "-c", "i=0; while [ $i -lt 3000 ]; do printf '%0500d\\n' 0; i=$((i+1)); done"},
        {}, "", 30s);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_GE(r.out.size(), 1u << 20);
    EXPECT_LT(r.out.size(), (1u << 20) + 8192 + 1);
}

} // namespace
} // namespace gover
