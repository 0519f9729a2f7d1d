#pragma once
// Writes the pins `gover use` makes (README "Commands"): ./.tool-versions edited in place, or
// $GOVER_HOME/global. Both are replaced atomically (a temp file beside it, then rename), so a
// reader never sees half a file and a failure leaves the old one as it was.

#include <filesystem>

#include "core/error.hpp"
#include "core/layout.hpp"

namespace gover {

// Pins `version` in the .tool-versions at `path` (pin_in_tool_versions: every other byte kept),
// creating it if missing. A symlink is followed (pin_write_target: only to a file inside the
// link's directory): the file it names is rewritten and the link stays. Fails (io) naming the path
// for something that is not a regular file, a file over the pin-file bound, or a directory that
// cannot be written.
Status write_tool_versions_pin(const std::filesystem::path& path, const std::string& version);

// Writes "<version>\n" to $GOVER_HOME/global, creating $GOVER_HOME if needed.
Status write_global_pin(const Layout& layout, const std::string& version);

} // namespace gover
