#include "support/binary_headers.hpp"

#include <fstream>
#include <stdexcept>

namespace gover::test {
namespace {

void put(std::string& out, std::size_t at, std::uint64_t value, std::size_t width,
         ByteOrder order) {
    if (out.size() < at + width) {
        out.resize(at + width, '\0');
    }
    for (std::size_t i = 0; i < width; ++i) {
        const std::size_t shift = order == ByteOrder::little ? i : width - 1 - i;
        out[at + i] = static_cast<char>((value >> (8 * shift)) & 0xff);
    }
}

} // namespace

std::string elf_binary(std::uint16_t machine, bool is64, ByteOrder order, unsigned char osabi,
                       std::size_t size) {
    std::string out(std::max<std::size_t>(size, 64), '\0');
    out[0] = 0x7f;
    out[1] = 'E';
    out[2] = 'L';
    out[3] = 'F';
    out[4] = is64 ? 2 : 1;
    out[5] = order == ByteOrder::little ? 1 : 2;
    out[6] = 1; // EI_VERSION
    out[7] = static_cast<char>(osabi);
    put(out, 16, 2, 2, order); // ET_EXEC
    put(out, 18, machine, 2, order);
    put(out, 20, 1, 4, order); // e_version
    return out;
}

std::uint32_t macos_version(unsigned major, unsigned minor, unsigned patch) {
    return major << 16 | minor << 8 | patch;
}

std::string macho_binary(const MachoSpec& spec) {
    std::string out;
    const std::size_t header = spec.is64 ? 32 : 28;
    put(out, 0, spec.is64 ? 0xfeedfacf : 0xfeedface, 4, spec.order);
    put(out, 4, spec.cputype, 4, spec.order);
    put(out, 8, 0, 4, spec.order);  // cpusubtype
    put(out, 12, 2, 4, spec.order); // MH_EXECUTE
    std::string cmds;
    std::uint32_t ncmds = 0;
    // LC_UUID first, so the reader has to walk past a command it does not care about.
    put(cmds, 0, 0x1b, 4, spec.order);
    put(cmds, 4, 24, 4, spec.order);
    cmds.resize(24, '\x5a'); // the UUID bytes
    ++ncmds;
    if (spec.minos) {
        const std::size_t at = cmds.size();
        if (spec.legacy) {
            put(cmds, at, 0x24, 4, spec.order); // LC_VERSION_MIN_MACOSX
            put(cmds, at + 4, 16, 4, spec.order);
            put(cmds, at + 8, *spec.minos, 4, spec.order);
            put(cmds, at + 12, *spec.minos, 4, spec.order); // sdk
        } else {
            put(cmds, at, 0x32, 4, spec.order); // LC_BUILD_VERSION
            put(cmds, at + 4, 24, 4, spec.order);
            put(cmds, at + 8, 1, 4, spec.order); // PLATFORM_MACOS
            put(cmds, at + 12, *spec.minos, 4, spec.order);
            put(cmds, at + 16, *spec.minos, 4, spec.order); // sdk
            put(cmds, at + 20, 0, 4, spec.order);           // ntools
        }
        ++ncmds;
    }
    put(out, 16, ncmds, 4, spec.order);
    put(out, 20, cmds.size(), 4, spec.order);
    put(out, 24, 0, 4, spec.order); // flags
    out.resize(header, '\0');
    out += cmds;
    out.resize(4096, '\0');
    return out;
}

std::string fat_binary(const std::vector<MachoSpec>& slices, bool fat64) {
    std::string out;
    put(out, 0, fat64 ? 0xcafebabf : 0xcafebabe, 4, ByteOrder::big);
    put(out, 4, slices.size(), 4, ByteOrder::big);
    const std::size_t entry = fat64 ? 32 : 20;
    std::size_t offset = 4096;
    std::vector<std::string> images;
    for (std::size_t i = 0; i < slices.size(); ++i) {
        images.push_back(macho_binary(slices[i]));
        const std::size_t at = 8 + entry * i;
        put(out, at, slices[i].cputype, 4, ByteOrder::big);
        put(out, at + 4, 0, 4, ByteOrder::big);
        if (fat64) {
            put(out, at + 8, offset, 8, ByteOrder::big);
            put(out, at + 16, images.back().size(), 8, ByteOrder::big);
            put(out, at + 24, 12, 4, ByteOrder::big);
            put(out, at + 28, 0, 4, ByteOrder::big);
        } else {
            put(out, at + 8, offset, 4, ByteOrder::big);
            put(out, at + 12, images.back().size(), 4, ByteOrder::big);
            put(out, at + 16, 12, 4, ByteOrder::big);
        }
        offset += images.back().size();
    }
    out.resize(4096, '\0');
    for (const auto& image : images) {
        out += image;
    }
    return out;
}

std::string go_buildinfo_block(const std::string& go_version, const std::string& path,
                               const std::string& mod_version) {
    auto with_length = [](const std::string& text) {
        std::string out;
        std::size_t n = text.size();
        do {
            unsigned char byte = n & 0x7f;
            n >>= 7;
            if (n != 0) {
                byte |= 0x80;
            }
            out += static_cast<char>(byte);
        } while (n != 0);
        return out + text;
    };
    std::string block("\xff Go buildinf:", 14);
    block += '\x08'; // pointer size
    block += '\x02'; // flags: inline strings
    block.resize(32, '\0');
    const std::string sentinel(16, '\x5a');
    const std::string modinfo = sentinel + "path\t" + path + "\nmod\t" + path + "\t" + mod_version +
                                "\th1:abc=\n" + sentinel;
    block += with_length(go_version) + with_length(modinfo);
    block.resize((block.size() + 15) / 16 * 16, '\0');
    return block;
}

void write_file(const std::filesystem::path& path, const std::string& content, bool executable) {
    std::filesystem::create_directories(path.parent_path());
    {
        std::ofstream f(path, std::ios::binary | std::ios::trunc);
        if (!f) {
            throw std::runtime_error("cannot write " + path.string());
        }
        f << content;
    }
    std::filesystem::permissions(
        path, executable ? std::filesystem::perms(0755) : std::filesystem::perms(0644),
        std::filesystem::perm_options::replace);
}

} // namespace gover::test
