#pragma once
// Which toolchain `which`, `exec` and `shell` use: the selection here (README "Which version
// runs"), or a spec resolved against the installed versions (README "Commands": none matching is an
// error naming the install command).

#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/selection.hpp"
#include "core/version.hpp"

namespace gover::cli {

struct Toolchain {
    bool system = false;
    std::optional<GoVersion> version; // set unless system
};

// The selected toolchain, failing (not_installed, with the install command) when it is pinned
// but not installed, and with selection's errors (no_pin, bad_pin, io).
Result<Toolchain> selected_toolchain(const Layout& layout);

// `system` is usable: a go on PATH outside the shims. not_found otherwise, so commands refuse
// it now rather than at the next `go` (as pyenv and goenv do).
Status require_system_go(const Layout& layout);

// A command-line spec against the installed versions: usage error for a malformed spec,
// not_installed naming `gover install <spec>` when nothing installed matches, not_found for
// `system` without a system go.
Result<Toolchain> installed_toolchain(const Layout& layout, std::string_view spec);

// The spec if given, else the selection.
Result<Toolchain> toolchain_for(const Layout& layout, const std::optional<std::string>& spec);

} // namespace gover::cli
