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

// Counts the bytes read, to tell a section-table lookup from a scan.
class CountingSystem : public test::FakeDoctorSystem {
  public:
    std::optional<std::string> read(const std::filesystem::path& file, std::uint64_t offset,
                                    std::size_t size) const override {
        auto data = test::FakeDoctorSystem::read(file, offset, size);
        bytes += data ? data->size() : 0;
        return data;
    }
    mutable std::uint64_t bytes = 0;
};

void put(std::string& out, std::size_t at, std::uint64_t value, int width) {
    for (int i = 0; i < width; ++i) {
        out[at + static_cast<std::size_t>(i)] = static_cast<char>(value >> (8 * i) & 0xff);
    }
}

// An ELF64 file whose section headers name .go.buildinfo at `block_at`, the block there.
std::string elf_with_buildinfo_section(std::size_t block_at, const std::string& block) {
    const std::string names = std::string("\0.shstrtab\0.go.buildinfo\0", 26);
    std::string out = test::elf_binary(test::k_elf_x86_64, true, test::ByteOrder::little, 0, 64);
    out.resize(block_at + block.size(), '\0');
    put(out, 0x28, 64, 8); // section headers right after the file header: null, names, buildinfo
    put(out, 0x3a, 64, 2);
    put(out, 0x3c, 3, 2);
    put(out, 0x3e, 1, 2);
    const std::size_t names_at = 64 + 3 * 64;
    put(out, 64 + 64 + 0, 1, 4); // .shstrtab
    put(out, 64 + 64 + 0x18, names_at, 8);
    put(out, 64 + 64 + 0x20, names.size(), 8);
    put(out, 64 + 128 + 0, 11, 4); // .go.buildinfo
    put(out, 64 + 128 + 0x18, block_at, 8);
    put(out, 64 + 128 + 0x20, block.size(), 8);
    out.replace(names_at, names.size(), names);
    out.replace(block_at, block.size(), block);
    return out;
}

TEST(DoctorGoBuildInfo, AnElfSectionTableIsFollowedToTheBlock) {
    test::TempDir dir;
    const auto block = test::go_buildinfo_block("go1.19.13", "golang.org/x/tools/gopls", "");
    // Not 16-byte aligned: only the section table finds it there.
    test::write_file(dir / "gopls", elf_with_buildinfo_section(3u << 20 | 5, block), true);
    CountingSystem sys;
    const auto info = doctor::read_go_buildinfo(sys, dir / "gopls");
    ASSERT_TRUE(info);
    EXPECT_EQ(info->go_version, "go1.19.13");
    EXPECT_LT(sys.bytes, 128u << 10) << "the file was scanned, not looked up";
    // A section table that points at something else: the scan still finds an aligned block.
    std::string wrong = elf_with_buildinfo_section(2u << 20, block);
    put(wrong, 64 + 128 + 0x18, 100, 8);
    test::write_file(dir / "wrong", wrong, true);
    ASSERT_TRUE(doctor::read_go_buildinfo(sys, dir / "wrong"));
    // Section headers past the end of the file, or a silly count: no block, no crash.
    std::string cut = elf_with_buildinfo_section(4096, block);
    put(cut, 0x28, 1u << 30, 8);
    test::write_file(dir / "cut", cut, true);
    EXPECT_TRUE(doctor::read_go_buildinfo(sys, dir / "cut")); // found by the scan
    put(cut, 0x3c, 60000, 2);
    test::write_file(dir / "count", cut, true);
    EXPECT_TRUE(doctor::read_go_buildinfo(sys, dir / "count"));
}

TEST(DoctorGoBuildInfo, ReadsARealGoBinary) {
    const std::filesystem::path go = "/usr/lib/go-1.19/bin/go";
    if (!std::filesystem::exists(go)) {
        GTEST_SKIP() << go << " is not installed (Debian golang-1.19-go)";
    }
    CountingSystem sys;
    const auto info = doctor::read_go_buildinfo(sys, go);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->path, "cmd/go");
    // Through its section headers: a few KiB read of a 15 MB file.
    EXPECT_LT(sys.bytes, 256u << 10);
    EXPECT_TRUE(info->go_version.starts_with("go1.19")) << info->go_version;
}

} // namespace
} // namespace gover
