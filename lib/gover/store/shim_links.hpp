#pragma once
// Keeps $GOVER_HOME/shims/ in step with the store (README "How it works"): go, gofmt, every other
// tool in an installed bin/, and go1.X.Y for each installed version, all links to bin/gover-shim,
// gover's own copy of the shim, refreshed whenever it differs from the installed one.

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/layout.hpp"

namespace gover {

// The shim executable that came with this gover: $GOVER_SHIM_PATH if set, else next to the
// gover binary's libexec (../libexec/gover/gover-shim), else the build tree's. nullopt if none.
std::optional<std::filesystem::path> find_installed_shim();

// How wanted_shim_names sees a toolchain's bin/ directory: its entry names (nullopt when it
// cannot be listed), and whether an entry is a regular file (following links).
struct BinDirView {
    std::function<std::optional<std::vector<std::string>>(const std::filesystem::path& dir)> list;
    std::function<bool(const std::filesystem::path& file)> is_file;
};

// The names shims/ must hold for `installed` (README "How it works"): go, gofmt, go1.X.Y for each
// version, and every command in an installed bin/ (regular files, dot-files excepted). The one rule
// both refresh_shims and `gover doctor` use; `view` defaults to the real file system.
std::set<std::string> wanted_shim_names(const Layout& layout,
                                        const std::vector<GoVersion>& installed,
                                        const BinDirView& view = {});

// Copies the installed shim to bin/gover-shim when it differs, then makes shims/ hold exactly
// the links the installed versions need (adding missing ones, removing ones that point at
// nothing), and points bin/gover at the program gover was invoked as (invocation() in
// core/environment; no link when it is unset). Safe to run twice and concurrently with the shim.
Status refresh_shims(const Layout& layout);

} // namespace gover
