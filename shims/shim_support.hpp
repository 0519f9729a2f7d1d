#pragma once
// The shim's small helpers: its one way to fail, and GOVER_AUTO_INSTALL's `gover install` child.

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/layout.hpp"

namespace gover::shim {

// The last path component of a path ("" for null).
std::string_view base_name(const char* path);

// The path the kernel exec'd (Linux: AT_EXECFN; macOS: apple[]'s executable_path=), or null.
const char* exec_path(char** apple);

// The name the shim runs as: argv[0]'s last component, except that a go1.X.Y name in the exec'd
// path wins. Go's own toolchain switch (GOTOOLCHAIN=path, Go 1.21+) finds shims/go1.X.Y on PATH
// and execs it with argv[0] still "go"; going by argv[0] alone would select the pinned version
// again and loop.
std::string_view tool_name(const char* argv0, const char* exec_path);

// Writes "gover: error: <message> (<hint>)" to stderr with one write and exits 127 (README
// "Commands": the shim cannot run a tool).
[[noreturn]] void die(const Error& error);

// Writes "gover: warning: <text>" to stderr with one write; the tool still runs.
void warn(const std::string& text);

// Raises GOVER_SHIM_DEPTH by one for what this shim runs; past k_max_shim_depth, dies naming
// `loop` (what leads back to a shim) and the program it would have run.
void enter_nested_run(const std::string& loop, const std::string& through);

// GOVER_AUTO_INSTALL=1: a pinned but missing version is installed before the tool runs.
bool auto_install_enabled();

// Runs `gover install <spec>` as a child with its stdout sent to stderr (the tool's stdout stays
// the tool's), and waits. gover is looked for next to the shim's real location (an installed
// <prefix>/libexec/gover/gover-shim has <prefix>/bin/gover; the build tree has cmd/gover/gover;
// gover's copy $GOVER_HOME/bin/gover-shim has bin/gover, the gover that refreshed it), then on
// PATH outside the shims directory. Fails naming the command and its exit status.
Status run_gover_install(const Layout& layout, const std::string& spec);

} // namespace gover::shim
