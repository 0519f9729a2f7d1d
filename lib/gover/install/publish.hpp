#pragma once
// The last steps of an install, after the source verified what it unpacked: check that the tree
// is the toolchain asked for (VERSION), then make it visible with one rename.

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/version.hpp"
#include "gover/store/install_meta.hpp"

namespace gover {

// The first line of `root`/VERSION must name `version` (later Go releases add a "time" line).
// ErrorCode::archive naming `what` (the archive or module) otherwise.
Status check_version_file(const std::filesystem::path& root, const GoVersion& version,
                          const std::string& what);

// Puts the verified staging tree in place as versions/<v>: meta first (a visible version always
// has its record), then the rename; anything in the way (an older copy with --force, or a stray
// directory) moves to trash first and comes back if the rename fails, with the old record.
Status publish(const Layout& layout, const GoVersion& version, const std::filesystem::path& staging,
               const InstallMeta& meta);

} // namespace gover
