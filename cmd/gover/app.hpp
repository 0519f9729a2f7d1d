#pragma once

namespace gover::cli {

// Parses the command line and runs the chosen command; returns the process exit status.
// Usage errors exit 2 as "gover: error: ..." (never the parser's own text or code).
int run(int argc, char** argv);

} // namespace gover::cli
