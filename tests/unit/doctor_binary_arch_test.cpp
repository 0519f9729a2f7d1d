// ELF and Mach-O header reading (lib/gover/binary/binary_arch.hpp) on crafted headers.
#include <gtest/gtest.h>

#include "gover/binary/binary_arch.hpp"
#include "support/binary_headers.hpp"
#include "support/temp_dir.hpp"

namespace gover {
namespace {

using test::ByteOrder;
using test::MachoSpec;

Result<BinaryInfo> read_bytes(const std::string& bytes) {
    ByteReader reader = [&bytes](std::uint64_t offset,
                                 std::size_t size) -> std::optional<std::string> {
        if (offset >= bytes.size()) {
            return std::string();
        }
        return bytes.substr(static_cast<std::size_t>(offset), size);
    };
    return read_binary_info(reader, "test-binary");
}

const Platform k_linux_amd64{"linux", "amd64"};
const Platform k_darwin_arm64{"darwin", "arm64"};
const Platform k_darwin_amd64{"darwin", "amd64"};

TEST(BinaryArch, ElfArchitecturesInBothByteOrdersAndWidths) {
    struct Case {
        std::uint16_t machine;
        bool is64;
        ByteOrder order;
        const char* arch;
    } cases[] = {
        {test::k_elf_x86_64, true, ByteOrder::little, "amd64"},
        {test::k_elf_aarch64, true, ByteOrder::little, "arm64"},
        {test::k_elf_386, false, ByteOrder::little, "386"},
        {test::k_elf_arm, false, ByteOrder::little, "arm"},
        {test::k_elf_ppc64, true, ByteOrder::big, "ppc64"},
        {test::k_elf_ppc64, true, ByteOrder::little, "ppc64le"},
        {test::k_elf_mips, false, ByteOrder::big, "mips"},
        {test::k_elf_mips, true, ByteOrder::little, "mips64le"},
    };
    for (const auto& c : cases) {
        auto info = read_bytes(test::elf_binary(c.machine, c.is64, c.order));
        ASSERT_TRUE(info) << info.error().message;
        EXPECT_EQ(info->format, BinaryInfo::Format::elf);
        ASSERT_EQ(info->slices.size(), 1u);
        EXPECT_EQ(info->slices[0].arch, c.arch);
        EXPECT_EQ(info->slices[0].os, "linux");
        EXPECT_FALSE(info->slices[0].min_macos);
    }
}

TEST(BinaryArch, ElfOsAbiNamesFreeBsd) {
    auto info = read_bytes(test::elf_binary(test::k_elf_x86_64, true, ByteOrder::little, 9));
    ASSERT_TRUE(info);
    EXPECT_EQ(info->slices[0].os, "freebsd");
    EXPECT_EQ(info->slice_for(k_linux_amd64), nullptr);
}

TEST(BinaryArch, ThinMachOArm64WithBuildVersion) {
    auto info = read_bytes(test::macho_binary(
        MachoSpec{test::k_cpu_arm64, true, ByteOrder::little, test::macos_version(11, 0)}));
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(info->format, BinaryInfo::Format::macho);
    ASSERT_EQ(info->slices.size(), 1u);
    EXPECT_EQ(info->slices[0].os, "darwin");
    EXPECT_EQ(info->slices[0].arch, "arm64");
    EXPECT_EQ(info->slices[0].min_macos, "11.0");
    EXPECT_NE(info->slice_for(k_darwin_arm64), nullptr);
    EXPECT_EQ(info->slice_for(k_darwin_amd64), nullptr);
    EXPECT_EQ(info->slice_for(k_linux_amd64), nullptr);
}

TEST(BinaryArch, ThinMachOX86WithLegacyMinimumAndPatch) {
    MachoSpec spec{test::k_cpu_x86_64, true, ByteOrder::little, test::macos_version(10, 13, 2)};
    spec.legacy = true;
    auto info = read_bytes(test::macho_binary(spec));
    ASSERT_TRUE(info);
    EXPECT_EQ(info->slices[0].arch, "amd64");
    EXPECT_EQ(info->slices[0].min_macos, "10.13.2");
}

TEST(BinaryArch, BigEndianAnd32BitMachO) {
    auto ppc = read_bytes(
        test::macho_binary(MachoSpec{test::k_cpu_ppc, false, ByteOrder::big, std::nullopt}));
    ASSERT_TRUE(ppc) << ppc.error().message;
    EXPECT_EQ(ppc->slices[0].arch, "ppc");
    EXPECT_FALSE(ppc->slices[0].min_macos);
    auto i386 = read_bytes(test::macho_binary(
        MachoSpec{test::k_cpu_i386, false, ByteOrder::little, test::macos_version(10, 6)}));
    ASSERT_TRUE(i386);
    EXPECT_EQ(i386->slices[0].arch, "386");
    EXPECT_EQ(i386->slices[0].min_macos, "10.6");
}

TEST(BinaryArch, FatBinariesListEverySlice) {
    for (const bool fat64 : {false, true}) {
        auto info = read_bytes(test::fat_binary(
            {MachoSpec{test::k_cpu_x86_64, true, ByteOrder::little, test::macos_version(10, 15)},
             MachoSpec{test::k_cpu_arm64, true, ByteOrder::little, test::macos_version(12, 0)}},
            fat64));
        ASSERT_TRUE(info) << info.error().message;
        EXPECT_EQ(info->format, BinaryInfo::Format::fat);
        ASSERT_EQ(info->slices.size(), 2u);
        EXPECT_EQ(info->arch_list(), "amd64 and arm64");
        const auto* arm = info->slice_for(k_darwin_arm64);
        ASSERT_NE(arm, nullptr);
        EXPECT_EQ(arm->min_macos, "12.0");
        const auto* intel = info->slice_for(k_darwin_amd64);
        ASSERT_NE(intel, nullptr);
        EXPECT_EQ(intel->min_macos, "10.15");
    }
}

TEST(BinaryArch, ScriptsTextAndJavaClassesAreNotExecutablesWeKnow) {
    for (const std::string& bytes : {std::string("#!/bin/sh\nexec go \"$@\"\n"), std::string(""),
                                     std::string("\x7f"
                                                 "EL",
                                                 3),
                                     std::string("\xca\xfe\xba\xbe\x00\x00\x00\x34", 8)}) {
        auto info = read_bytes(bytes);
        ASSERT_TRUE(info) << info.error().message;
        EXPECT_EQ(info->format, BinaryInfo::Format::other);
        EXPECT_TRUE(info->slices.empty());
    }
}

TEST(BinaryArch, CutShortHeadersAreErrorsNamingTheFile) {
    const std::string macho = test::macho_binary(
        MachoSpec{test::k_cpu_arm64, true, ByteOrder::little, test::macos_version(11, 0)});
    auto cut = read_bytes(macho.substr(0, 40)); // header whole, load commands cut
    ASSERT_FALSE(cut);
    EXPECT_NE(cut.error().message.find("test-binary"), std::string::npos);

    std::string fat =
        test::fat_binary({MachoSpec{test::k_cpu_arm64, true, ByteOrder::little, std::nullopt}});
    auto fat_cut = read_bytes(fat.substr(0, 4096)); // the slice is missing
    EXPECT_FALSE(fat_cut);

    auto elf_cut = read_bytes(test::elf_binary(test::k_elf_x86_64).substr(0, 10));
    EXPECT_FALSE(elf_cut);

    std::string bad_size = macho;
    bad_size[36] = '\x04'; // the LC_UUID's cmdsize no longer fits
    bad_size[37] = '\x10';
    EXPECT_FALSE(read_bytes(bad_size));
}

TEST(BinaryArch, ReadsFilesAndRealExecutables) {
    test::TempDir dir;
    MachoSpec arm;
    arm.cputype = test::k_cpu_arm64;
    test::write_file(dir / "go", test::fat_binary({arm}), true);
    auto info = read_binary_info(dir / "go");
    ASSERT_TRUE(info);
    EXPECT_EQ(info->slices.size(), 1u);
    EXPECT_FALSE(read_binary_info(dir / "missing"));
    // This test binary itself is a native executable of the machine that runs it.
    auto self = read_binary_info(std::filesystem::path("/proc/self/exe"));
    if (self) {
        EXPECT_NE(self->slice_for(host_platform()), nullptr) << self->arch_list();
    }
}

TEST(BinaryArch, MacosVersionsCompareNumerically) {
    EXPECT_LT(compare_macos_versions("10.15", "11.0"), 0);
    EXPECT_LT(compare_macos_versions("11.0", "11.0.1"), 0);
    EXPECT_EQ(compare_macos_versions("12", "12.0.0"), 0);
    EXPECT_LT(compare_macos_versions("14.5", "14.10"), 0);
    EXPECT_GT(compare_macos_versions("15.0", "9.9"), 0);
}

} // namespace
} // namespace gover
