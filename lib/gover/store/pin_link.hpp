#pragma once
// Which file `gover use` rewrites for a .tool-versions that may be a symlink. Dotfile managers
// link pin files on purpose (~/.tool-versions -> ~/dotfiles/tool-versions), so a link is
// followed, but only to a file inside the directory that holds the link: a cloned repository's
// .tool-versions -> ../../.bashrc must not make `gover use` append to ~/.bashrc.

#include <filesystem>

#include "core/error.hpp"

namespace gover {

// `path` itself when it is not a symlink (or does not exist); else the file its links lead to,
// when that lies at any depth below the directory holding `path`. Fails (io) naming the target
// when it leaves that directory, and naming the link when it leads nowhere.
Result<std::filesystem::path> pin_write_target(const std::filesystem::path& path);

} // namespace gover
