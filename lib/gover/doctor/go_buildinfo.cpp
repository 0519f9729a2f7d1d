#include "gover/doctor/go_buildinfo.hpp"

#include <algorithm>

#include "gover/doctor/system.hpp"

namespace gover::doctor {
namespace {

constexpr std::string_view k_magic("\xff Go buildinf:", 14);
constexpr std::size_t k_header = 32;
constexpr std::uint64_t k_max_scan = 256u << 20;
constexpr std::size_t k_chunk = 1u << 20;
constexpr std::size_t k_max_block = 64u << 10;
constexpr unsigned char k_flag_inline_strings = 0x2;

// A uvarint-prefixed string at `at`; advances `at`.
std::optional<std::string_view> next_string(std::string_view data, std::size_t& at) {
    std::uint64_t length = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (at >= data.size()) {
            return std::nullopt;
        }
        const auto byte = static_cast<unsigned char>(data[at++]);
        length |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) {
            if (length > data.size() - at) {
                return std::nullopt;
            }
            const auto out = data.substr(at, static_cast<std::size_t>(length));
            at += static_cast<std::size_t>(length);
            return out;
        }
    }
    return std::nullopt;
}

// An unsigned `width`-byte field at `at` of `data`, in the file's byte order.
std::optional<std::uint64_t> field(std::string_view data, std::size_t at, int width, bool little) {
    if (at > data.size() || data.size() - at < static_cast<std::size_t>(width)) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (int i = 0; i < width; ++i) {
        const auto byte = static_cast<unsigned char>(data[at + (little ? width - 1 - i : i)]);
        value = value << 8 | byte;
    }
    return value;
}

// Where an ELF file's .go.buildinfo section starts, from its section headers (the place Go's own
// debug/buildinfo looks first): a few small reads instead of scanning up to the data segment,
// which lies behind all the code of a 50 MB tool. nullopt for anything else (then: scan).
std::optional<std::uint64_t> elf_buildinfo_offset(const System& sys,
                                                  const std::filesystem::path& file) {
    const auto header = sys.read(file, 0, 64);
    constexpr std::string_view k_elf("\x7f\x45LF", 4);
    if (!header || header->size() < 52 || !header->starts_with(k_elf)) {
        return std::nullopt;
    }
    const bool is64 = (*header)[4] == 2;
    const bool little = (*header)[5] == 1;
    const int word = is64 ? 8 : 4;
    const auto shoff = field(*header, is64 ? 0x28 : 0x20, word, little);
    const auto entsize = field(*header, is64 ? 0x3a : 0x2e, 2, little);
    const auto count = field(*header, is64 ? 0x3c : 0x30, 2, little);
    const auto names_index = field(*header, is64 ? 0x3e : 0x32, 2, little);
    if (!shoff || !entsize || !count || !names_index || *count == 0 || *count > 4096 ||
        *entsize < static_cast<std::uint64_t>(is64 ? 64 : 40) || *names_index >= *count) {
        return std::nullopt;
    }
    const auto table = sys.read(file, *shoff, *count * *entsize);
    if (!table || table->size() < *count * *entsize) {
        return std::nullopt;
    }
    // Each header: name (4), type (4), flags, addr, offset, size (a word each).
    const auto at = [&](std::uint64_t index, int which) {
        return field(*table, index * *entsize + 8 + static_cast<std::size_t>(which * word), word,
                     little);
    };
    const auto names_offset = at(*names_index, 2);
    const auto names_size = at(*names_index, 3);
    if (!names_offset || !names_size) {
        return std::nullopt;
    }
    const auto names =
        sys.read(file, *names_offset, std::min<std::uint64_t>(*names_size, 1u << 16));
    constexpr std::string_view k_section(".go.buildinfo\0", 14);
    for (std::uint64_t i = 0; names && i < *count; ++i) {
        const auto name = field(*table, i * *entsize, 4, little);
        if (name && *name < names->size() &&
            names->compare(*name, k_section.size(), k_section) == 0) {
            return at(i, 2);
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<GoBuildInfo> parse_go_buildinfo(std::string_view block) {
    if (block.size() < k_header || block.substr(0, k_magic.size()) != k_magic ||
        (static_cast<unsigned char>(block[15]) & k_flag_inline_strings) == 0) {
        return std::nullopt;
    }
    std::size_t at = k_header;
    const auto version = next_string(block, at);
    auto modinfo = next_string(block, at);
    if (!version || !modinfo) {
        return std::nullopt;
    }
    // cmd/go wraps the module information in 16-byte sentinels.
    if (modinfo->size() >= 33 && (*modinfo)[modinfo->size() - 17] == '\n') {
        modinfo = modinfo->substr(16, modinfo->size() - 32);
    }
    GoBuildInfo info;
    info.go_version = std::string(*version);
    std::string_view rest = *modinfo;
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        if (line.starts_with("path\t")) {
            info.path = std::string(line.substr(5));
        } else if (line.starts_with("mod\t")) {
            const std::string_view fields = line.substr(4);
            const auto tab = fields.find('\t');
            if (tab != std::string_view::npos) {
                const std::string_view after = fields.substr(tab + 1);
                info.version = std::string(after.substr(0, after.find('\t')));
            }
        }
    }
    if (info.path.empty()) {
        return std::nullopt;
    }
    return info;
}

std::optional<GoBuildInfo> read_go_buildinfo(const System& sys, const std::filesystem::path& file) {
    if (const auto section = elf_buildinfo_offset(sys, file)) {
        const auto block = sys.read(file, *section, k_max_block);
        if (block && block->starts_with(k_magic)) {
            return parse_go_buildinfo(*block);
        }
    }
    for (std::uint64_t offset = 0; offset < k_max_scan; offset += k_chunk) {
        // Overlap by a header so a magic across the chunk border is still found.
        const auto data = sys.read(file, offset, k_chunk + k_header);
        if (!data || data->size() < k_header) {
            return std::nullopt;
        }
        for (std::size_t at = 0; at + k_magic.size() <= data->size() && at < k_chunk; at += 16) {
            if (data->compare(at, k_magic.size(), k_magic) == 0) {
                const auto block = sys.read(file, offset + at, k_max_block);
                return block ? parse_go_buildinfo(*block) : std::nullopt;
            }
        }
        if (data->size() < k_chunk + k_header) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::string go_install_command(const GoBuildInfo& info) {
    const bool release = info.version.starts_with("v") && info.version != "(devel)";
    return "go install " + info.path + "@" + (release ? info.version : "latest");
}

} // namespace gover::doctor
