#pragma once
// Runs a command with a timeout and captures its output: doctor's probe, `cc -dumpmachine`,
// `go env -u`. No shell is involved.

#include <chrono>
#include <string>
#include <vector>

#include "gover/doctor/system.hpp"

namespace gover::doctor {

// Runs argv with exactly `environment` (NAME=value strings), stdin from /dev/null, in the
// current directory. argv[0] without a slash is looked up in `search_path` (a PATH value).
// The child gets its own process group, killed as a whole when `timeout` passes. Output past
// 1 MiB per stream is read and dropped.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment,
                          const std::string& search_path, std::chrono::milliseconds timeout);

} // namespace gover::doctor
