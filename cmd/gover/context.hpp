#pragma once
// What every subcommand shares: global flags and the exit status its action leaves behind.

#include <functional>
#include <optional>
#include <string>

namespace gover::cli {

struct Context {
    bool quiet = false;
    bool verbose = false;
    std::optional<std::string> source; // --source: mirror or goproxy
    std::string argv0; // how gover was invoked (a path keeps Homebrew's unresolved bin link)
    // The chosen subcommand's work, run after parsing succeeded; returns the exit status.
    std::function<int()> action;
};

} // namespace gover::cli
