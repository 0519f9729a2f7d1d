#pragma once
// What an install unpacked: every file with its size, symlinks with their targets, and the
// sha256 of the files that run (bin/ and pkg/tool/), so doctor can tell when the store changed.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gover {

struct ManifestEntry {
    enum class Kind { file, symlink };
    std::string path; // relative to versions/<v>/
    Kind kind = Kind::file;
    std::uint64_t size = 0;
    std::string sha256; // files under bin/ and pkg/tool/ only; empty otherwise
    std::string target; // symlinks only
};

using Manifest = std::vector<ManifestEntry>;

// Whether a file's content is hashed into the manifest: the executables Go runs.
inline bool manifest_hashes(std::string_view relative) {
    return relative.starts_with("bin/") || relative.starts_with("pkg/tool/");
}

} // namespace gover
