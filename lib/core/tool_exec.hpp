#pragma once
// What a shim runs for a tool name (README "How it works"), shared by the shim, `gover which` and
// `gover exec`: the tool in an installed bin/, or for `system` the first match on PATH that is
// not a gover shim, and the environment the toolchain gets.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/layout.hpp"
#include "core/version.hpp"

namespace gover {

// A shim's name: "go", "gofmt", "vet"... or "go1.22.5", which always runs exactly that version's
// go (Go 1.21+ looks for go1.X.Y on PATH when it switches toolchains with GOTOOLCHAIN=path).
struct ToolName {
    std::string tool;                // the file in bin/ to run: "go" for "go1.22.5"
    std::optional<GoVersion> pinned; // set for go1.X.Y names
};
ToolName parse_tool_name(std::string_view name);

// versions/<v>/bin/<tool>
std::string tool_path(const Layout& layout, const GoVersion& version, std::string_view tool);

// The first executable `tool` in `path_env` (a PATH value) that is not a gover shim: entries in
// the shims directory and anything whose real path is a file named gover-shim are skipped.
// nullopt when there is none.
std::optional<std::string> find_system_tool(std::string_view tool, std::string_view path_env,
                                            const Layout& layout);

// The first executable `name` in `path_env`, skipping `skip_dir` (may be empty).
std::optional<std::string> find_on_path(std::string_view name, std::string_view path_env,
                                        std::string_view skip_dir = {});

// The variables a toolchain run sets: GOROOT=versions/<v> always (a stale exported GOROOT must
// not win), and GOTOOLCHAIN=path unless the user set GOTOOLCHAIN (non-empty), so Go never
// downloads a toolchain behind gover's back. `user_gotoolchain` is getenv("GOTOOLCHAIN").
std::vector<std::pair<std::string, std::string>>
toolchain_environment(const Layout& layout, const GoVersion& version, const char* user_gotoolchain);

// The environment variable the shim sets to its pid before exec'ing a `system` tool: seeing it
// with its own pid means a shim exec'd the shim again (a `system` go that is a disguised shim
// or a script exec'ing `go`), which it refuses instead of looping forever.
inline constexpr const char* k_shim_pid_variable = "GOVER_SHIM_PID";

// How many shims (and auto-install children) run above this process; each shim raises it by one
// for what it runs. A loop through a program that runs `go` as a child (a `system` wrapper
// script, a bin/gover that calls a shim) ends at k_max_shim_depth instead of filling the process
// table (rustup caps its proxies the same way, at 20).
inline constexpr const char* k_shim_depth_variable = "GOVER_SHIM_DEPTH";
inline constexpr int k_max_shim_depth = 20;

} // namespace gover
