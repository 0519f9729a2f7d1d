// Go's embedded build information: crafted blocks and a real Go binary when one is at hand.
#include <gtest/gtest.h>

#include "gover/doctor/go_buildinfo.hpp"
#include "support/binary_headers.hpp"
#include "support/doctor_fake_system.hpp"
#include "support/temp_dir.hpp"

namespace gover {
namespace {

TEST(DoctorGoBuildInfo, ParsesTheInlineFormat) {
    const auto info = doctor::parse_go_buildinfo(
        test::go_buildinfo_block("go1.22.5", "github.com/go-delve/delve/cmd/dlv", "v1.22.1"));
    ASSERT_TRUE(info);
    EXPECT_EQ(info->go_version, "go1.22.5");
    EXPECT_EQ(info->path, "github.com/go-delve/delve/cmd/dlv");
    EXPECT_EQ(info->version, "v1.22.1");
    EXPECT_EQ(doctor::go_install_command(*info),
              "go install github.com/go-delve/delve/cmd/dlv@v1.22.1");
    auto devel = *info;
    devel.version = "(devel)";
    EXPECT_EQ(doctor::go_install_command(devel),
              "go install github.com/go-delve/delve/cmd/dlv@latest");
}

TEST(DoctorGoBuildInfo, RejectsWhatIsNotABlock) {
    std::string block = test::go_buildinfo_block("go1.22.5", "x/y", "v1.0.0");
    EXPECT_FALSE(doctor::parse_go_buildinfo(block.substr(0, 20)));
    std::string pointer_format = block;
    pointer_format[15] = 0; // Go 1.17 and older: pointers, not strings
    EXPECT_FALSE(doctor::parse_go_buildinfo(pointer_format));
    std::string too_long = block;
    too_long[32] = '\x7f'; // a version length past the end
    too_long.resize(40);
    EXPECT_FALSE(doctor::parse_go_buildinfo(too_long));
    EXPECT_FALSE(doctor::parse_go_buildinfo("not a block at all, but long enough to look"));
}

TEST(DoctorGoBuildInfo, FindsTheBlockInAFileAcrossChunks) {
    test::TempDir dir;
    // Past the first 1 MiB chunk, 16-byte aligned, as a linker would leave it.
    std::string content =
        test::elf_binary(test::k_elf_aarch64, true, test::ByteOrder::little, 0, (1u << 20) - 16);
    content += test::go_buildinfo_block("go1.21.0", "golang.org/x/tools/gopls", "v0.14.2");
    test::write_file(dir / "gopls", content, true);
    test::write_file(dir / "plain", test::elf_binary(test::k_elf_aarch64), true);
    test::FakeDoctorSystem sys;
    const auto info = doctor::read_go_buildinfo(sys, dir / "gopls");
    ASSERT_TRUE(info);
    EXPECT_EQ(info->path, "golang.org/x/tools/gopls");
    EXPECT_FALSE(doctor::read_go_buildinfo(sys, dir / "plain"));
    EXPECT_FALSE(doctor::read_go_buildinfo(sys, dir / "missing"));
}

TEST(DoctorGoBuildInfo, ReadsARealGoBinary) {
    const std::filesystem::path go = "/usr/lib/go-1.19/bin/go";
    if (!std::filesystem::exists(go)) {
        GTEST_SKIP() << go << " is not installed (Debian golang-1.19-go)";
    }
    test::FakeDoctorSystem sys;
    const auto info = doctor::read_go_buildinfo(sys, go);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->path, "cmd/go");
    EXPECT_TRUE(info->go_version.starts_with("go1.19")) << info->go_version;
}

} // namespace
} // namespace gover
