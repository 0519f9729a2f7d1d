#pragma once
// The running program's own file, for gover (to find the shim it installed, to record itself
// for the shim, to judge its own architecture) and for the shim (to find the gover beside it).

#include <filesystem>
#include <optional>
#include <string>

namespace gover {

// The real path of the running executable, links resolved (Homebrew's bin/gover is a link into
// the Cellar). nullopt when the system does not say.
std::optional<std::filesystem::path> self_executable();

// The path the program was run by (argv[0], or where PATH finds a bare name) when it names this
// program, made absolute with its links kept (Homebrew's /opt/homebrew/bin/gover outlives an
// upgrade; the Cellar path it links to does not); else self_executable().
std::optional<std::filesystem::path> invoked_executable(const std::string& argv0);

// The path the program was executed by, from the "apple" strings macOS passes as main()'s fourth
// argument ("executable_path=<path>" among them); nullptr when absent. Only parses: it builds
// everywhere, so the shim's macOS branch is tested on any machine.
const char* apple_executable_path(char* const* apple);

} // namespace gover
