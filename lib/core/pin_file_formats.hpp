// The pin files the directory walk reads in each directory (README "Version selection"),
// defined once: their names, in the order a directory is read (the first that pins a version
// wins), where a pin from each came from, and its parser. A new pin-file format is one row here
// and its parser in version_files.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/pin_source.hpp"
#include "core/version_files.hpp"

namespace gover {

inline constexpr std::string_view k_tool_versions_file = ".tool-versions";
inline constexpr std::string_view k_go_version_file = ".go-version";

// .go-version as the walk reads it: a file that exists always pins (or is an error).
Result<std::optional<PinLine>> parse_go_version_file(std::string_view text, std::string_view path);

struct PinFileFormat {
    std::string_view name;
    PinSource::Kind kind;
    // nullopt: the file pins nothing (a .tool-versions without a golang/go line).
    Result<std::optional<PinLine>> (*parse)(std::string_view text, std::string_view path);
};

inline constexpr std::array<PinFileFormat, 2> k_pin_files{{
    {k_tool_versions_file, PinSource::Kind::tool_versions, parse_tool_versions},
    {k_go_version_file, PinSource::Kind::go_version, parse_go_version_file},
}};

inline constexpr std::size_t k_longest_pin_file_name =
    std::max_element(k_pin_files.begin(), k_pin_files.end(), [](const auto& a, const auto& b) {
        return a.name.size() < b.name.size();
    }) -> name.size();

// The names joined for a message: ".tool-versions, .go-version" with ", ", ".tool-versions or
// .go-version" with " or ".
std::string pin_file_names(std::string_view separator);

} // namespace gover
