#include "core/pin_file_formats.hpp"

namespace gover {

Result<std::optional<PinLine>> parse_go_version_file(std::string_view text, std::string_view path) {
    auto line = parse_version_file(text, path);
    if (!line) {
        return tl::unexpected(line.error());
    }
    return std::optional<PinLine>(std::move(*line));
}

std::string pin_file_names(std::string_view separator) {
    std::string out;
    for (const auto& file : k_pin_files) {
        if (!out.empty()) {
            out += separator;
        }
        out += file.name;
    }
    return out;
}

} // namespace gover
