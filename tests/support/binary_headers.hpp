#pragma once
// Crafted executable headers for tests: ELF (32/64-bit, either byte order), thin Mach-O (with
// LC_BUILD_VERSION or LC_VERSION_MIN_MACOSX) and fat/universal Mach-O (32- or 64-bit fat
// header). Only the headers a reader looks at; nothing here runs.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gover::test {

enum class ByteOrder { little, big };

inline constexpr std::uint16_t k_elf_386 = 3;
inline constexpr std::uint16_t k_elf_x86_64 = 62;
inline constexpr std::uint16_t k_elf_aarch64 = 183;
inline constexpr std::uint16_t k_elf_arm = 40;
inline constexpr std::uint16_t k_elf_ppc64 = 21;
inline constexpr std::uint16_t k_elf_mips = 8;

inline constexpr std::uint32_t k_cpu_i386 = 7;
inline constexpr std::uint32_t k_cpu_x86_64 = 0x01000007;
inline constexpr std::uint32_t k_cpu_arm64 = 0x0100000c;
inline constexpr std::uint32_t k_cpu_ppc = 18;

// An ELF file header (64 bytes) for `machine`, padded to `size` bytes.
std::string elf_binary(std::uint16_t machine, bool is64 = true, ByteOrder order = ByteOrder::little,
                       unsigned char osabi = 0, std::size_t size = 256);

struct MachoSpec {
    std::uint32_t cputype = k_cpu_arm64;
    bool is64 = true;
    ByteOrder order = ByteOrder::little;
    // Encoded xxxx.yy.zz; written as LC_BUILD_VERSION (platform macOS), or as
    // LC_VERSION_MIN_MACOSX when legacy is set.
    std::optional<std::uint32_t> minos;
    bool legacy = false;
};

// 11.0 -> 0x000b0000
std::uint32_t macos_version(unsigned major, unsigned minor, unsigned patch = 0);

// A thin Mach-O image: header, an LC_UUID, the version command, padded to 4096 bytes.
std::string macho_binary(const MachoSpec& spec);

// A universal binary holding each spec as a slice at 4096-byte alignment.
std::string fat_binary(const std::vector<MachoSpec>& slices, bool fat64 = false);

// The build information block Go 1.18+ embeds ("\xff Go buildinf:", inline strings), for a
// main package `path` of module version `mod_version`; 16-byte aligned in size.
std::string go_buildinfo_block(const std::string& go_version, const std::string& path,
                               const std::string& mod_version);

// Writes `content` to `path` (creating parent directories), mode 0755 or 0644.
void write_file(const std::filesystem::path& path, const std::string& content,
                bool executable = false);

} // namespace gover::test
