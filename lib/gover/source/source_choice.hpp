#pragma once
// Which ToolchainSource the commands use: the one place a new source is chosen from the
// environment (README "Configuration"). Today the go.dev-format mirror, GOVER_MIRROR.

#include <memory>

#include "core/layout.hpp"
#include "gover/source/toolchain_source.hpp"

namespace gover {

// The source the environment selects, reading its settings (GOVER_MIRROR, TLS and proxy
// variables) now. `layout` must outlive it (its caches live there).
std::unique_ptr<ToolchainSource> source_from_environment(const Layout& layout);

} // namespace gover
