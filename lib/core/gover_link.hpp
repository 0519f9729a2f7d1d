#pragma once
// $GOVER_HOME/bin/gover: a link to the gover that last refreshed bin/gover-shim. The shim copy
// runs that gover for GOVER_AUTO_INSTALL=1 before looking on PATH, which may hold another gover
// or none (a Homebrew gover whose prefix is not on PATH in an IDE, say).

#include <filesystem>

#include "core/layout.hpp"

namespace gover {

inline std::filesystem::path gover_link(const Layout& layout) {
    return layout.bin_dir() / "gover";
}

} // namespace gover
