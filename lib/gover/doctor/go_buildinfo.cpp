#include "gover/doctor/go_buildinfo.hpp"

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
