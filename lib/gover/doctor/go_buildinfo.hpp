#pragma once
// The build information Go 1.18+ embeds in every binary (what `go version -m` prints), read to
// name the exact `go install <package>@<version>` that rebuilds a tool natively.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace gover::doctor {

class System;

struct GoBuildInfo {
    std::string go_version; // "go1.22.5"
    std::string path;       // the main package: "golang.org/x/tools/gopls"
    std::string version;    // the main module's version: "v0.15.3", "(devel)", or ""
};

// Parses the block that starts at the "\xff Go buildinf:" magic (inline-string format, Go 1.18
// and later). nullopt for the older pointer format or anything malformed.
std::optional<GoBuildInfo> parse_go_buildinfo(std::string_view block);

// Finds the block in `file` (searched in its first 256 MiB, at 16-byte alignment as the linker
// places it) and parses it.
std::optional<GoBuildInfo> read_go_buildinfo(const System& sys, const std::filesystem::path& file);

// "go install golang.org/x/tools/gopls@v0.15.3" (@latest when the version is not a release).
std::string go_install_command(const GoBuildInfo& info);

} // namespace gover::doctor
