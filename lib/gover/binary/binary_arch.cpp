#include "gover/binary/binary_arch.hpp"

#include <fstream>
#include <string_view>

namespace gover {
namespace {

constexpr std::uint32_t k_mh_magic = 0xfeedface;
constexpr std::uint32_t k_mh_magic_64 = 0xfeedfacf;
constexpr std::uint32_t k_mh_cigam = 0xcefaedfe;
constexpr std::uint32_t k_mh_cigam_64 = 0xcffaedfe;
constexpr std::uint32_t k_fat_magic = 0xcafebabe;
constexpr std::uint32_t k_fat_magic_64 = 0xcafebabf;
constexpr std::uint32_t k_lc_version_min_macosx = 0x24;
constexpr std::uint32_t k_lc_build_version = 0x32;
constexpr std::uint32_t k_platform_macos = 1;
constexpr std::uint32_t k_cpu_arch_abi64 = 0x01000000;
constexpr std::uint32_t k_cpu_arch_abi64_32 = 0x02000000;
// Java class files share the fat magic; their "count" is the class-file version (45 and up),
// while no universal binary has more than a handful of slices.
constexpr std::uint32_t k_max_fat_slices = 30;
// Load commands of real binaries take a few KiB; this only bounds a hostile header.
constexpr std::uint32_t k_max_load_commands_size = 4u << 20;

enum class Endian { little, big };

std::uint32_t get_u32(std::string_view b, std::size_t at, Endian e) {
    auto byte = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i]));
    };
    if (e == Endian::little) {
        return byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
    }
    return byte(3) | byte(2) << 8 | byte(1) << 16 | byte(0) << 24;
}

std::uint16_t get_u16(std::string_view b, std::size_t at, Endian e) {
    auto byte = [&](std::size_t i) {
        return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at + i]));
    };
    return e == Endian::little ? static_cast<std::uint16_t>(byte(0) | byte(1) << 8)
                               : static_cast<std::uint16_t>(byte(1) | byte(0) << 8);
}

std::uint64_t get_u64(std::string_view b, std::size_t at, Endian e) {
    const std::uint64_t first = get_u32(b, at, e);
    const std::uint64_t second = get_u32(b, at + 4, e);
    return e == Endian::little ? (first | second << 32) : (second | first << 32);
}

Error malformed(const std::string& what, const std::string& why) {
    return Error{ErrorCode::io, "malformed executable header in " + what + ": " + why, ""};
}

std::string elf_arch(std::uint16_t machine, bool is64, Endian e) {
    switch (machine) {
    case 3:
        return "386";
    case 62:
        return "amd64";
    case 183:
        return "arm64";
    case 40:
        return "arm";
    case 21:
        return e == Endian::little ? "ppc64le" : "ppc64";
    case 22:
        return "s390x";
    case 243:
        return is64 ? "riscv64" : "riscv";
    case 258:
        return "loong64";
    case 8:
        if (is64) {
            return e == Endian::little ? "mips64le" : "mips64";
        }
        return e == Endian::little ? "mipsle" : "mips";
    default:
        return "unknown-" + std::to_string(machine);
    }
}

std::string elf_os(unsigned char osabi) {
    switch (osabi) {
    case 9:
        return "freebsd";
    case 12:
        return "openbsd";
    case 2:
        return "netbsd";
    default:
        return "linux"; // Go (and most toolchains) leave the OS ABI at SYSV on Linux
    }
}

std::string macho_arch(std::uint32_t cputype) {
    switch (cputype) {
    case 7:
        return "386";
    case 7 | k_cpu_arch_abi64:
        return "amd64";
    case 12:
        return "arm";
    case 12 | k_cpu_arch_abi64:
        return "arm64";
    case 12 | k_cpu_arch_abi64_32:
        return "arm64_32";
    case 18:
        return "ppc";
    case 18 | k_cpu_arch_abi64:
        return "ppc64";
    default:
        return "unknown-" + std::to_string(cputype);
    }
}

std::string macos_version_text(std::uint32_t v) {
    std::string out = std::to_string(v >> 16) + "." + std::to_string((v >> 8) & 0xff);
    if ((v & 0xff) != 0) {
        out += "." + std::to_string(v & 0xff);
    }
    return out;
}

Result<BinarySlice> read_elf(std::string_view head, const std::string& what) {
    if (head.size() < 20) {
        return tl::unexpected(malformed(what, "the ELF header is cut short"));
    }
    const unsigned char cls = static_cast<unsigned char>(head[4]);
    const unsigned char data = static_cast<unsigned char>(head[5]);
    if ((cls != 1 && cls != 2) || (data != 1 && data != 2)) {
        return tl::unexpected(malformed(what, "unknown ELF class or byte order"));
    }
    const Endian e = data == 1 ? Endian::little : Endian::big;
    BinarySlice slice;
    slice.os = elf_os(static_cast<unsigned char>(head[7]));
    slice.arch = elf_arch(get_u16(head, 18, e), cls == 2, e);
    return slice;
}

// One thin Mach-O image starting at `base`.
Result<BinarySlice> read_macho(const ByteReader& read, std::uint64_t base,
                               const std::string& what) {
    auto header = read(base, 32);
    if (!header) {
        return fail(ErrorCode::io, "cannot read " + what);
    }
    if (header->size() < 28) {
        return tl::unexpected(malformed(what, "the Mach-O header is cut short"));
    }
    const std::uint32_t magic = get_u32(*header, 0, Endian::little);
    Endian e = Endian::little;
    bool is64 = false;
    if (magic == k_mh_magic || magic == k_mh_magic_64) {
        is64 = magic == k_mh_magic_64;
    } else if (magic == k_mh_cigam || magic == k_mh_cigam_64) {
        e = Endian::big;
        is64 = magic == k_mh_cigam_64;
    } else {
        return tl::unexpected(malformed(what, "a universal slice is not a Mach-O image"));
    }
    const std::size_t header_size = is64 ? 32 : 28;
    if (header->size() < header_size) {
        return tl::unexpected(malformed(what, "the Mach-O header is cut short"));
    }
    BinarySlice slice;
    slice.os = "darwin";
    slice.arch = macho_arch(get_u32(*header, 4, e));
    const std::uint32_t ncmds = get_u32(*header, 16, e);
    const std::uint32_t sizeofcmds = get_u32(*header, 20, e);
    if (sizeofcmds > k_max_load_commands_size) {
        return tl::unexpected(malformed(what, "implausible load command size"));
    }
    auto cmds = read(base + header_size, sizeofcmds);
    if (!cmds) {
        return fail(ErrorCode::io, "cannot read " + what);
    }
    if (cmds->size() < sizeofcmds) {
        return tl::unexpected(malformed(what, "the load commands are cut short"));
    }
    std::optional<std::string> legacy_min;
    std::size_t at = 0;
    for (std::uint32_t i = 0; i < ncmds; ++i) {
        if (at + 8 > cmds->size()) {
            return tl::unexpected(malformed(what, "a load command runs past the header"));
        }
        const std::uint32_t cmd = get_u32(*cmds, at, e);
        const std::uint32_t cmdsize = get_u32(*cmds, at + 4, e);
        if (cmdsize < 8 || at + cmdsize > cmds->size()) {
            return tl::unexpected(malformed(what, "a load command has a bad size"));
        }
        if (cmd == k_lc_build_version && cmdsize >= 16 &&
            get_u32(*cmds, at + 8, e) == k_platform_macos) {
            slice.min_macos = macos_version_text(get_u32(*cmds, at + 12, e));
        } else if (cmd == k_lc_version_min_macosx && cmdsize >= 16) {
            legacy_min = macos_version_text(get_u32(*cmds, at + 8, e));
        }
        at += cmdsize;
    }
    if (!slice.min_macos) {
        slice.min_macos = legacy_min;
    }
    return slice;
}

Result<BinaryInfo> read_fat(const ByteReader& read, std::string_view head, bool is64,
                            const std::string& what) {
    const std::uint32_t count = get_u32(head, 4, Endian::big);
    BinaryInfo info;
    if (count == 0 || count > k_max_fat_slices) {
        return info; // a Java class file, or nothing we know
    }
    const std::size_t entry = is64 ? 32 : 20;
    auto table = read(8, entry * count);
    if (!table) {
        return fail(ErrorCode::io, "cannot read " + what);
    }
    if (table->size() < entry * count) {
        return tl::unexpected(malformed(what, "the universal header is cut short"));
    }
    info.format = BinaryInfo::Format::fat;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::size_t at = entry * i;
        const std::uint64_t offset =
            is64 ? get_u64(*table, at + 8, Endian::big) : get_u32(*table, at + 8, Endian::big);
        auto slice = read_macho(read, offset, what);
        if (!slice) {
            return tl::unexpected(slice.error());
        }
        info.slices.push_back(std::move(*slice));
    }
    return info;
}

} // namespace

const BinarySlice* BinaryInfo::slice_for(const Platform& platform) const {
    const std::string arch = goarch_of(platform);
    for (const auto& slice : slices) {
        if (slice.os == platform.os && slice.arch == arch) {
            return &slice;
        }
    }
    return nullptr;
}

std::string BinaryInfo::arch_list() const {
    std::string out;
    for (std::size_t i = 0; i < slices.size(); ++i) {
        if (i > 0) {
            out += i + 1 == slices.size() ? " and " : ", ";
        }
        out += slices[i].arch;
    }
    return out;
}

std::string goarch_of(const Platform& platform) {
    return platform.arch == "armv6l" ? "arm" : platform.arch;
}

Result<BinaryInfo> read_binary_info(const ByteReader& read, const std::string& what) {
    auto head = read(0, 64);
    if (!head) {
        return fail(ErrorCode::io, "cannot read " + what, "check that the file is readable");
    }
    BinaryInfo info;
    if (head->size() < 4) {
        return info;
    }
    if (head->compare(0, 4,
                      "\x7f"
                      "ELF") == 0) {
        auto slice = read_elf(*head, what);
        if (!slice) {
            return tl::unexpected(slice.error());
        }
        info.format = BinaryInfo::Format::elf;
        info.slices.push_back(std::move(*slice));
        return info;
    }
    const std::uint32_t magic_be = get_u32(*head, 0, Endian::big);
    if (magic_be == k_fat_magic || magic_be == k_fat_magic_64) {
        if (head->size() < 8) {
            return tl::unexpected(malformed(what, "the universal header is cut short"));
        }
        return read_fat(read, *head, magic_be == k_fat_magic_64, what);
    }
    const std::uint32_t magic = get_u32(*head, 0, Endian::little);
    if (magic == k_mh_magic || magic == k_mh_magic_64 || magic == k_mh_cigam ||
        magic == k_mh_cigam_64) {
        auto slice = read_macho(read, 0, what);
        if (!slice) {
            return tl::unexpected(slice.error());
        }
        info.format = BinaryInfo::Format::macho;
        info.slices.push_back(std::move(*slice));
    }
    return info;
}

Result<BinaryInfo> read_binary_info(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::io, "cannot open " + file.string(),
                    "check that the file exists and is readable");
    }
    ByteReader reader = [&in](std::uint64_t offset,
                              std::size_t size) -> std::optional<std::string> {
        in.clear();
        in.seekg(static_cast<std::streamoff>(offset));
        if (!in) {
            return std::string();
        }
        std::string out(size, '\0');
        in.read(out.data(), static_cast<std::streamsize>(size));
        out.resize(static_cast<std::size_t>(in.gcount()));
        return out;
    };
    return read_binary_info(reader, file.string());
}

int compare_macos_versions(const std::string& a, const std::string& b) {
    auto next = [](const std::string& s, std::size_t& pos) {
        unsigned long value = 0;
        while (pos < s.size() && s[pos] != '.') {
            if (s[pos] >= '0' && s[pos] <= '9' && value < 100000) {
                value = value * 10 + static_cast<unsigned long>(s[pos] - '0');
            }
            ++pos;
        }
        if (pos < s.size()) {
            ++pos;
        }
        return value;
    };
    std::size_t pa = 0;
    std::size_t pb = 0;
    while (pa < a.size() || pb < b.size()) {
        const unsigned long va = next(a, pa);
        const unsigned long vb = next(b, pb);
        if (va != vb) {
            return va < vb ? -1 : 1;
        }
    }
    return 0;
}

} // namespace gover
